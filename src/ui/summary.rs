//! Summary (the landing view): the executive paragraph that answers "will we hit the
//! date?", date confidence with its S-curve, the sections below — all rendered from the
//! cockpit's sentences, word for word what the Markdown copy says — the overrides, Copy as
//! Markdown, Print (the print stylesheet keeps only this, on one page) and Publish.

use leptos::prelude::*;

use super::charts::{s_curve, trend_chart};
use super::field::{Commit, Field, Kind};
use super::start::ExampleBanner;
use super::state::Route;
use super::state::{
    expect_clock, expect_cockpit, expect_derived, expect_document, expect_editor, expect_notices,
};
use super::widgets::{sentence_view, shown};
use crate::engine::capacity::words::with_capacity;
use crate::engine::summary::Section;
use crate::engine::words::{long_date, number};
use crate::io::markdown::summary_markdown;
use crate::model::edit::{optional_text, publish_report, EditError};
use crate::model::{Colour, Program, Sentence};
use crate::store::field_key;

/// Puts `text` on the clipboard and says how it went in `status`.
pub fn copy_text(text: String, status: RwSignal<Option<String>>, done: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => done.to_string(),
            Err(_) => "The browser did not allow copying; select the text and copy it.".to_string(),
        };
        status.set(Some(message));
    });
}

pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The Summary view.
#[component]
pub fn SummaryView() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let copied = RwSignal::new(None::<String>);
    let publishing = RwSignal::new(Publishing::Idle);
    // The paragraph and sections as the Markdown and a report say them: with capacity, when
    // a team's capacity moves the launch past the target.
    let said = Memo::new(move |_| {
        doc.program.with(|p| {
            cockpit.with(|c| {
                let s = with_capacity(&c.summary, p, c.as_of());
                (s.paragraph, s.sections)
            })
        })
    });
    let sections = move || said.with(|(_, sections)| sections.clone());
    let copy = move |_| {
        let text = doc.program.with_untracked(|p| {
            cockpit.with_untracked(|c| {
                summary_markdown(&p.name, &with_capacity(&c.summary, p, c.as_of()))
            })
        });
        copy_text(text, copied, "Copied the summary as Markdown.");
    };
    view! {
        <section class="view summary" aria-labelledby="summary-title">
            <ExampleBanner/>
            <div class="view-head">
                <h2 id="summary-title">
                    "Executive summary "
                    <span class="as-of">{move || format!("as of {}", long_date(cockpit.with(|c| c.as_of())))}</span>
                </h2>
                <div class="actions no-print">
                    <button type="button" on:click=copy>"Copy as Markdown"</button>
                    <button type="button" on:click=move |_| print_page()>"Print"</button>
                    <PublishButton publishing=publishing/>
                    <span role="status">{move || copied.get()}</span>
                </div>
            </div>
            <PublishPreview publishing=publishing paragraph=Signal::derive(move || said.with(|(p, _)| p.clone()))/>
            <Paragraph paragraph=Signal::derive(move || said.with(|(p, _)| p.clone()))/>
            <Confidence/>
            {move || sections().into_iter().map(|section| {
                let chart = (section.key == "trend" && !section.lines.is_empty()).then(|| {
                    cockpit.with(|c| {
                        let description = section.lines.iter().map(|l| l.text()).collect::<Vec<_>>().join(" ");
                        trend_chart(&c.summary.trend, c.summary.target, description)
                    })
                });
                view! { <SectionView section=section.clone()>{chart}</SectionView> }
            }).collect_view()}
            <Overrides/>
        </section>
    }
}

/// The first paragraph: text nodes, bold where the engine says so (never HTML).
#[component]
fn Paragraph(
    /// The paragraph as the Summary says it (with capacity).
    paragraph: Signal<Vec<Sentence>>,
) -> impl IntoView {
    let cockpit = expect_cockpit();
    view! {
        <div class="exec">
            <p class="exec-paragraph" aria-label="Executive summary paragraph">
                {move || paragraph.with(|p| p.iter().map(|sentence| view! { {sentence_view(sentence)} " " }).collect_view())}
            </p>
            {move || cockpit.with(|c| c.summary.notes.clone()).map(|n| view! { <p class="exec-notes">{n}</p> })}
        </div>
    }
}

/// Date confidence: the figures and the S-curve, or progress while the forecast runs.
#[component]
fn Confidence() -> impl IntoView {
    let cockpit = expect_cockpit();
    let derived = expect_derived();
    view! {
        <section class="confidence" aria-labelledby="confidence-title">
            <h3 id="confidence-title">"Date confidence"</h3>
            {move || cockpit.with(|c| {
                if c.summary.empty {
                    return view! { <p>"No date to be confident about yet: add work items in Plan."</p> }.into_any();
                }
                if !crate::engine::summary::estimated(&c.summary.unranged) {
                    // Nothing on the critical paths to draw from: no figure, no curve.
                    return view! {
                        <p class="figures">{c.summary.confidence.as_ref().map(sentence_view)}</p>
                        <p><a href=Route::Plan.hash()>"Add Low and High in Plan"</a></p>
                    }
                    .into_any();
                }
                match (&c.forecast, &c.summary.confidence) {
                    (Some(forecast), Some(line)) => view! {
                        <p class="figures">{sentence_view(line)}</p>
                        {s_curve(forecast, c.summary.target)}
                    }
                    .into_any(),
                    _ => {
                        let (done, total) = derived.progress.get();
                        view! { <p role="status">{format!("Computing: {} of {} runs…", number(u64::from(done)), number(u64::from(total)))}</p> }.into_any()
                    }
                }
            })}
        </section>
    }
}

/// A section below the paragraph: its heading and sentences, or what to say when empty.
#[component]
fn SectionView(section: Section, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let id = format!("section-{}", section.key);
    let lines = if section.lines.is_empty() {
        view! { <p>{section.empty.clone()}</p> }.into_any()
    } else if section.list {
        view! { <ul>{section.lines.iter().map(|l| view! { <li>{sentence_view(l)}</li> }).collect_view()}</ul> }
            .into_any()
    } else {
        section
            .lines
            .iter()
            .map(|l| view! { <p class="chain">{sentence_view(l)}</p> })
            .collect_view()
            .into_any()
    };
    let labelled_by = id.clone();
    view! {
        <section class=format!("summary-section {}{}", section.key, if section.lines.is_empty() { " empty" } else { "" }) aria-labelledby=labelled_by>
            <h3 id=id>{section.heading.clone()}</h3>
            {children.map(|c| c())}
            {lines}
        </section>
    }
}

/// Where publishing stands: nothing yet, the preview open, or just published (the date).
#[derive(Clone, Copy, PartialEq)]
enum Publishing {
    Idle,
    Previewing,
    Published(chrono::NaiveDate),
}

/// "Publish this week's status": opens the preview (below the view's head).
#[component]
fn PublishButton(publishing: RwSignal<Publishing>) -> impl IntoView {
    let cockpit = expect_cockpit();
    let derived = expect_derived();
    let clock = expect_clock();
    let open = move |_| {
        // A tab left open overnight publishes at today's date, not yesterday's.
        clock.refresh();
        publishing.set(Publishing::Previewing);
    };
    view! {
        <button type="button" class="primary edit-only" on:click=open
            disabled=move || derived.computing() || cockpit.with(|c| c.summary.empty)
            title=move || if derived.computing() { "Wait for the date confidence to finish" } else { "" }>
            "Publish this week's status"
        </button>
    }
}

/// Before publishing, what the report will keep: the paragraph and what changed since the
/// last report (and whether it replaces one of the same date); after, the way to the report.
/// Focus follows: to the preview, then to the report's link.
#[component]
fn PublishPreview(
    publishing: RwSignal<Publishing>,
    /// The paragraph the report will keep (with capacity).
    paragraph: Signal<Vec<Sentence>>,
) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let heading = NodeRef::<leptos::html::H3>::new();
    let link = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        let target: Option<web_sys::HtmlElement> = match publishing.get() {
            Publishing::Previewing => heading.get().map(Into::into),
            Publishing::Published(_) => link.get().map(Into::into),
            Publishing::Idle => None,
        };
        if let Some(target) = target {
            let _ = target.focus();
        }
    });
    let publish = move |_| {
        let report = doc
            .program
            .with_untracked(|p| cockpit.with_untracked(|c| crate::engine::publish::report(p, c)));
        let date = report.date;
        match editor.edit(format!("publish the status of {}", long_date(date)), |p| {
            Ok(publish_report(p, report))
        }) {
            Ok(_) => {
                notices.notify(
                    format!("Published the status of {}. Next week's \"What changed\" compares with it; Undo takes it back.", long_date(date)),
                    false,
                );
                publishing.set(Publishing::Published(date));
            }
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let preview = move || {
        cockpit.with(|c| {
            let date = long_date(c.as_of());
            let replaces = doc.program.with(|p| p.report_at(c.as_of()).is_some());
            let changes = c.summary.sections.iter().find(|s| s.key == "changes").cloned();
            view! {
                <section class="publish-preview" role="region" aria-labelledby="publish-title">
                    <h3 id="publish-title" tabindex="-1" node_ref=heading>{format!("Publish the status of {date}?")}</h3>
                    <p class="hint">"The report keeps what the summary says now: this paragraph, what changed, the risks, decisions and critical path, and each item's colour and dates. Next week's \"What changed\" compares with it."</p>
                    <p class="exec-paragraph">{paragraph.with_untracked(|p| p.iter().map(|s| view! { {sentence_view(s)} " " }).collect_view())}</p>
                    // Not a SectionView: the Summary shows that section too, under its own id.
                    {changes.map(|section| view! {
                        <h4>{section.heading.clone()}</h4>
                        {if section.lines.is_empty() {
                            view! { <p>{section.empty.clone()}</p> }.into_any()
                        } else {
                            view! { <ul>{section.lines.iter().map(|l| view! { <li>{sentence_view(l)}</li> }).collect_view()}</ul> }.into_any()
                        }}
                    })}
                    {replaces.then(|| view! {
                        <p role="alert">{format!("A report is already published for {date}: publishing replaces it with this.")}</p>
                    })}
                    <div class="actions">
                        <button type="button" class="primary" on:click=publish>{format!("Publish the status of {date}")}</button>
                        <button type="button" on:click=move |_| publishing.set(Publishing::Idle)>"Cancel"</button>
                    </div>
                </section>
            }
        })
    };
    move || {
        match publishing.get() {
        Publishing::Idle => ().into_any(),
        Publishing::Previewing => preview().into_any(),
        Publishing::Published(date) => view! {
            <p class="publish-preview">
                {format!("Published the status of {}. ", long_date(date))}
                <a href=Route::Report(date).hash() node_ref=link>{format!("Open the report of {}", long_date(date))}</a>
            </p>
        }
        .into_any(),
    }
    }
}

fn set_text(slot: &mut Option<String>, text: &str) {
    *slot = optional_text(text);
}

/// The human overrides of the summary (docs/format.md#summary-overrides): colour with its reason,
/// headline and notes. Empty means "use the computed one".
#[component]
fn Overrides() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let read = move |pick: fn(&Program) -> String| Signal::derive(move || doc.program.with(pick));
    let write = move |label: &'static str, change: fn(&mut Program, &str)| -> Commit {
        Callback::new(move |text: String| {
            editor.edit(label, |p| {
                change(p, &text);
                Ok::<(), EditError>(())
            })
        })
    };
    let missing_reason = move || {
        doc.program.with(|p| {
            p.summary.colour.is_some()
                && p.summary
                    .colour_reason
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty())
        })
    };
    let colours = std::iter::once((String::new(), "Use the computed colour".to_string()))
        .chain(
            Colour::ALL
                .iter()
                .map(|c| (c.key().to_string(), c.label().to_string())),
        )
        .collect();
    view! {
        <details class="overrides no-print edit-only">
            <summary>"Edit the summary (overrides)"</summary>
            <label class="field"><span>"Colour override"</span>
                <Field label="Colour override" draft_key=field_key(&["summary", "color"]) kind=Kind::Choice(colours)
                    value=read(|p| p.summary.colour.map(|c| c.key().to_string()).unwrap_or_default())
                    commit=write("set the colour override", |p, t| p.summary.colour = Colour::from_key(t))/>
            </label>
            <label class="field"><span>"Reason for the override"</span>
                <Field label="Reason for the override" draft_key=field_key(&["summary", "color_reason"]) kind=Kind::Text
                    value=read(|p| p.summary.colour_reason.clone().unwrap_or_default())
                    commit=write("edit the override reason", |p, t| set_text(&mut p.summary.colour_reason, t))/>
            </label>
            {shown(missing_reason, move || view! {
                <p class="error" role="alert">"An override needs a reason; until it has one, the computed colour is shown."</p>
            }.into_any())}
            <label class="field"><span>"Headline (replaces the computed paragraph)"</span>
                <Field label="Headline (replaces the computed paragraph)" draft_key=field_key(&["summary", "headline"]) kind=Kind::Lines
                    value=read(|p| p.summary.headline.clone().unwrap_or_default())
                    commit=write("edit the headline", |p, t| set_text(&mut p.summary.headline, t))/>
            </label>
            <label class="field"><span>"Notes (shown below the paragraph)"</span>
                <Field label="Notes (shown below the paragraph)" draft_key=field_key(&["summary", "notes"]) kind=Kind::Lines
                    value=read(|p| p.summary.notes.clone().unwrap_or_default())
                    commit=write("edit the notes", |p, t| set_text(&mut p.summary.notes, t))/>
            </label>
        </details>
    }
}

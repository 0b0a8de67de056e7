//! The frame around every view: header with the program name, navigation, the program
//! colour with its reasons, undo and save state; the notices banner.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::files::{download, file_stem};
use super::state::{
    expect_clock, expect_cockpit, expect_derived, expect_document, expect_editor,
    expect_navigation, expect_notices, expect_persistence, Route, SaveState,
};
use super::widgets::{shown, ColourPill, Popover};
use crate::store::{Choice, Conflict};

/// True when a key press happens inside an editable field (its own undo applies there).
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

/// Moves focus to the view's content (after the skip link, or a change of view).
pub fn focus_main() {
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Header: program name, the views, the program colour, share, undo, save state.
#[component]
pub fn Header() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let route = expect_navigation().route;
    let undo_label = move || editor.next_undo();
    view! {
        <header class="app-header">
            <div class="brand" aria-hidden="true">"Throughline"</div>
            <h1 class="program-name">{move || doc.name()}</h1>
            <nav aria-label="Views">
                <ul>
                    {Route::ALL
                        .into_iter()
                        .map(|r| {
                            view! {
                                <li>
                                    <a href=r.hash() aria-current=move || (route.get() == r).then_some("page")>
                                        {r.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <ProgramColourBadge/>
            <div class="header-tools">
                <super::share::ShareButton/>
                <button
                    type="button"
                    class="edit-only"
                    disabled=move || undo_label().is_none()
                    title=move || undo_label().map(|l| format!("Undo {l} (Ctrl+Z)")).unwrap_or_default()
                    on:click=move |_| editor.undo_last()
                >
                    "↶ Undo"
                    <span class="visually-hidden">{move || undo_label().map(|l| format!(": {l}"))}</span>
                </button>
                <SaveStatus/>
                <super::github::GitHubStatus/>
                <super::disk::DiskStatus/>
            </div>
        </header>
    }
}

/// The program colour with its reasons one click away (docs/rules.md#program-colour).
#[component]
fn ProgramColourBadge() -> impl IntoView {
    let cockpit = expect_cockpit();
    let derived = expect_derived();
    let trigger = move || {
        cockpit.with(|c| {
            if c.summary.empty {
                return view! { "Overall: nothing to forecast yet" }.into_any();
            }
            let suffix = if c.colour.overridden {
                " (override)"
            } else {
                ""
            };
            view! {
                "Overall: "
                <ColourPill colour=Some(c.colour.colour) suffix=suffix/>
                <span class="visually-hidden">", why"</span>
            }
            .into_any()
        })
    };
    view! {
        <Popover trigger=trigger panel_label="Why the program has this colour" class="program-colour">
            {move || cockpit.with(|c| {
                let colour = &c.colour;
                view! {
                    {colour.overridden.then(|| view! {
                        <p>
                            "Set by hand: " {colour.override_reason.clone().unwrap_or_default()}
                            " (the rules say " {colour.computed.label()} ")."
                        </p>
                    })}
                    <p>{format!("Why {}:", colour.computed.label())}</p>
                    <ul>
                        {colour.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                    </ul>
                    {derived.computing().then(|| view! {
                        <p class="muted">"Date confidence is still being computed."</p>
                    })}
                }
            })}
        </Popover>
    }
}

/// "Saved", "Saving…", or what went wrong with a way out (it stays in view: a full storage
/// keeps the edits in memory until they are saved or exported).
#[component]
fn SaveStatus() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let notices = expect_notices();
    let export = move |_| {
        let (name, text) = doc
            .program
            .with_untracked(|p| (p.name.clone(), crate::model::write_program(p)));
        match download(
            &format!("{}.json", file_stem(&name)),
            "application/json",
            &text,
        ) {
            Ok(()) => persistence.mark_exported(),
            Err(message) => notices.notify(message, true),
        }
    };
    let clock = expect_clock();
    let reminder = move || {
        let today = clock.today();
        persistence
            .copies
            .with(|c| c.and_then(|c| c.reminder(today)))
    };
    view! {
        <div class="save-status" role="status">
            {move || match persistence.save_state.get() {
                SaveState::Saved if doc.shared.with(Option::is_some) => {
                    view! { <span>"Read-only"</span> }.into_any()
                }
                SaveState::Saved => match persistence.headroom.get() {
                    Some(warning) => view! {
                        <span class="save-warning">
                            <span>"✓ Saved. "</span>{format!("⚠ {warning} ")}
                            <button type="button" on:click=export>"Export program"</button>
                        </span>
                    }
                    .into_any(),
                    None => match reminder() {
                        Some(text) => view! {
                            <span class="save-warning">
                                <span>"✓ Saved. "</span>{format!("⚠ {text} ")}
                                <button type="button" on:click=export>"Download a backup"</button>
                            </span>
                        }
                        .into_any(),
                        None => view! { <span class="saved">"✓ Saved"</span> }.into_any(),
                    },
                },
                SaveState::Pending => view! { <span>"Saving…"</span> }.into_any(),
                SaveState::Failed(err) => view! {
                    <span class="save-failed" role="alert">
                        {format!("⚠ {err} ")}
                        <button type="button" on:click=export>"Export program"</button>
                        <button type="button" on:click=move |_| persistence.save_now()>"Try saving again"</button>
                    </span>
                }
                .into_any(),
            }}
        </div>
    }
}

/// Fields both this tab and another changed to different values: both shown, the person
/// chooses; until then this tab's value is kept.
#[component]
pub fn Conflicts() -> impl IntoView {
    let persistence = expect_persistence();
    let editor = expect_editor();
    let notices = expect_notices();
    view! {
        {shown(move || persistence.conflicts.with(|c| !c.is_empty()), move || view! {
            <section class="conflicts" role="region" aria-label=move || persistence.conflicts_with.get().region()>
                <h2 class="banner-title">{move || persistence.conflicts_with.get().heading()}</h2>
                <ul>
                    {move || persistence.conflicts.get().into_iter().map(|conflict| {
                        let other = persistence.conflicts_with.get_untracked();
                        let theirs = conflict.clone();
                        let mine = conflict.clone();
                        let choose = move |c: &Conflict, choice: Choice, word: &str| {
                            match persistence.choose(c, choice) {
                                Ok(program) => {
                                    let label = format!("keep {word} value of {}", c.label);
                                    let _ = editor.edit(label, move |p| {
                                        *p = program;
                                        Ok(())
                                    });
                                }
                                Err(message) => notices.notify(message, true),
                            }
                        };
                        let (here, there) = (other.here(), other.there());
                        let (here_short, there_short) = ("here", other.there_short());
                        view! {
                            <li>
                                <strong>{conflict.label.clone()}</strong>
                                {format!(": {here_short} “{}”, {there_short} “{}”. ", conflict.mine_text(), conflict.theirs_text())}
                                <button type="button" aria-label=format!("Keep {here} value of {}", conflict.label)
                                    on:click=move |_| choose(&mine, Choice::Mine, here)>{format!("Keep {here}")}</button>
                                " "
                                <button type="button" aria-label=format!("Take {there} value of {}", conflict.label)
                                    on:click=move |_| choose(&theirs, Choice::Theirs, there)>{format!("Take {there}")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }.into_any())}
    }
}

/// Messages that stay until dismissed; unreadable stored data can be downloaded from here.
#[component]
pub fn Notices() -> impl IntoView {
    let notices = expect_notices();
    let navigation = expect_navigation();
    // A message about an action ("Copied…", "Deleted…") goes when the person leaves the
    // view it was about; an error, or data kept aside to download, stays until dismissed.
    Effect::new(move |previous: Option<Route>| {
        let route = navigation.route.get();
        if previous.is_some_and(|p| p != route) {
            notices
                .list
                .update(|list| list.retain(|n| n.is_error || n.kept_key.is_some()));
        }
        route
    });
    view! {
        <section class="notices" aria-label="Messages">
            <For
                each=move || notices.list.get()
                key=|notice| notice.id
                children=move |notice| {
                    let id = notice.id;
                    let kept = notice.kept_key.clone();
                    let class = if notice.is_error { "notice error" } else { "notice" };
                    let role = if notice.is_error { "alert" } else { "status" };
                    view! {
                        <div class=class role=role>
                            <span>{if notice.is_error { "⚠ " } else { "ℹ " }}{notice.text.clone()}</span>
                            {kept.map(|key| {
                                let download_key = key.clone();
                                view! {
                                    <button
                                        type="button"
                                        on:click=move |_| {
                                            if let Some(text) = super::state::local_store().and_then(|s| s.raw(&download_key)) {
                                                let _ = download("throughline-kept-data.json", "application/json", &text);
                                            }
                                        }
                                    >
                                        "Download the unreadable data"
                                    </button>
                                }
                            })}
                            <button
                                type="button"
                                class="dismiss"
                                aria-label="Dismiss message"
                                on:click=move |_| notices.dismiss(id)
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </section>
    }
}

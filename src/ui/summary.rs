//! Summary (the landing view): the executive paragraph that answers "will we hit the
//! date?", date confidence with its S-curve, and the sections below; overrides edited in
//! place; Copy as Markdown and Print (the print stylesheet keeps only this, on one page).

use chrono::NaiveDate;
use leptos::prelude::*;

use super::format::{day_month, day_month_year};
use super::state::use_app;
use crate::engine::forecast::Forecast;
use crate::engine::schedule::schedule;
use crate::engine::summary::{previous_status_date, summarize, Previous, Summary};
use crate::model::{Colour, Program};

/// The summary of the open program, recomputed when it or the forecast changes.
fn use_summary() -> Memo<Summary> {
    let state = use_app();
    // The finish at the previous status date changes with the program only, not with
    // every forecast result.
    let previous_finish = Memo::new(move |_| {
        let as_of = state.as_of.get();
        state.program.with(|program| {
            previous_status_date(program, as_of)
                .map(|date| (date, schedule(program, date).forecast_finish))
        })
    });
    Memo::new(move |_| {
        let as_of = state.as_of.get();
        state.program.with(|program| {
            let previous = previous_finish
                .get()
                .map(|(date, forecast_finish)| Previous {
                    date,
                    forecast_finish,
                    confidence: state
                        .previous_forecast
                        .with(|f| f.as_ref().filter(|(d, _)| *d == date).map(|(_, c)| *c)),
                });
            state.schedule.with(|s| {
                state.statuses.with(|st| {
                    state.risks.with(|r| {
                        state.forecast.with(|f| {
                            summarize(
                                program,
                                s,
                                st,
                                r,
                                &state.colour.get(),
                                f.as_ref(),
                                previous.as_ref(),
                                as_of,
                            )
                        })
                    })
                })
            })
        })
    })
}

/// The Summary view.
#[component]
pub fn SummaryView() -> impl IntoView {
    let state = use_app();
    let summary = use_summary();
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = state
            .program
            .with_untracked(|p| summary.with_untracked(|s| s.to_markdown(p)));
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&text);
        wasm_bindgen_futures::spawn_local(async move {
            let message = match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => "Copied the summary as Markdown.".to_string(),
                Err(_) => {
                    "The browser did not allow copying; select the text and copy it.".to_string()
                }
            };
            copied.set(Some(message));
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="view summary" aria-labelledby="summary-title">
            <div class="view-head">
                <h2 id="summary-title">
                    "Executive summary "
                    <span class="as-of">{move || format!("as of {}", day_month_year(state.as_of.get()))}</span>
                </h2>
                <div class="actions no-print">
                    <button type="button" on:click=copy>"Copy as Markdown"</button>
                    <button type="button" on:click=print>"Print"</button>
                    <span role="status">{move || copied.get()}</span>
                </div>
            </div>
            <Paragraph summary=summary/>
            <Confidence summary=summary/>
            <Sections summary=summary/>
            <Overrides/>
        </section>
    }
}

/// The first paragraph: text nodes, bold where the engine says so (never HTML).
#[component]
fn Paragraph(summary: Memo<Summary>) -> impl IntoView {
    view! {
        <div class="exec">
            {move || summary.with(|s| {
                view! {
                    <p class="exec-paragraph" aria-label="Executive summary paragraph">
                        {s.paragraph.iter().map(|sentence| {
                            view! {
                                {sentence.parts.iter().map(|part| {
                                    if part.strong {
                                        view! { <strong>{part.text.clone()}</strong> }.into_any()
                                    } else {
                                        part.text.clone().into_any()
                                    }
                                }).collect_view()}
                                " "
                            }
                        }).collect_view()}
                    </p>
                    {s.notes.clone().map(|n| view! { <p class="exec-notes">{n}</p> })}
                }
            })}
        </div>
    }
}

/// Date confidence: the figures and the S-curve, or progress while the forecast runs.
#[component]
fn Confidence(summary: Memo<Summary>) -> impl IntoView {
    let state = use_app();
    view! {
        <section class="confidence" aria-labelledby="confidence-title">
            <h3 id="confidence-title">"Date confidence"</h3>
            {move || {
                let target = state.program.with(|p| p.target);
                match state.forecast.get() {
                    None => {
                        let (done, total) = state.forecast_progress.get();
                        view! {
                            <p role="status">
                                {format!("Computing: {done} of {total} iterations…")}
                            </p>
                        }.into_any()
                    }
                    Some(forecast) => {
                        let s = summary.get();
                        view! {
                            <p class="figures">
                                <strong>{format!("{} %", (forecast.confidence * 100.0).floor())}</strong>
                                {format!(
                                    " of {} runs finish by the target {}. P50 {} · P85 {} · P95 {}.",
                                    forecast.iterations,
                                    day_month_year(target),
                                    s.p50.map(day_month_year).unwrap_or_default(),
                                    s.p85.map(day_month_year).unwrap_or_default(),
                                    s.p95.map(day_month_year).unwrap_or_default(),
                                )}
                            </p>
                            {s_curve(&forecast, target)}
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// The S-curve: the probability of finishing by each date, target and P85 marked.
fn s_curve(forecast: &Forecast, target: NaiveDate) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 150.0;
    const LEFT: f64 = 40.0;
    const BOTTOM: f64 = 22.0;
    let first = forecast
        .curve
        .first()
        .map(|c| c.0)
        .unwrap_or(target)
        .min(target);
    let last = forecast
        .curve
        .last()
        .map(|c| c.0)
        .unwrap_or(target)
        .max(target);
    let span = ((last - first).num_days().max(1)) as f64;
    let x = move |date: NaiveDate| {
        LEFT + (date - first).num_days() as f64 / span * (WIDTH - LEFT - 10.0)
    };
    let y = |share: f64| (HEIGHT - BOTTOM) * (1.0 - share) + 4.0;
    let mut points = format!("{:.1},{:.1}", x(first), y(0.0));
    for (date, share) in &forecast.curve {
        points.push_str(&format!(" {:.1},{:.1}", x(*date), y(*share)));
    }
    let (tx, px) = (x(target), x(forecast.p85));
    let label = format!(
        "S-curve: {:.0} % chance of finishing by the target {}; 85 % by {}; from {} to {}.",
        forecast.confidence * 100.0,
        day_month_year(target),
        day_month_year(forecast.p85),
        day_month(first),
        day_month(last)
    );
    view! {
        <svg class="s-curve" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
            <line class="axis" x1=LEFT y1=y(0.0) x2=WIDTH - 10.0 y2=y(0.0)/>
            <line class="axis" x1=LEFT y1=y(0.0) x2=LEFT y2=y(1.0)/>
            <text x="2" y=y(1.0) + 4.0 class="tick">"100%"</text>
            <text x="2" y=y(0.5) + 4.0 class="tick">"50%"</text>
            <polyline class="curve" points=points/>
            <line class="target-line" x1=tx y1=y(0.0) x2=tx y2=y(1.0)/>
            <text x=tx + 3.0 y=y(1.0) + 10.0 class="tick">{format!("target {}", day_month(target))}</text>
            <line class="p85-line" x1=px y1=y(0.0) x2=px y2=y(1.0)/>
            <text x=px + 3.0 y=y(0.15) class="tick">{format!("P85 {}", day_month(forecast.p85))}</text>
            <text x=LEFT y=HEIGHT - 4.0 class="tick">{day_month(first)}</text>
            <text x=WIDTH - 60.0 y=HEIGHT - 4.0 class="tick">{day_month(last)}</text>
        </svg>
    }
}

/// Critical risks, decisions needed, the critical path, what changed, needs review.
#[component]
fn Sections(summary: Memo<Summary>) -> impl IntoView {
    view! {
        {move || summary.with(|s| {
            let risks = s.critical_risks.iter().map(|r| {
                let when = match r.days_to_trigger {
                    Some(d) if d < 0 => format!("trigger passed {} ({} days ago)", r.trigger.map(day_month).unwrap_or_default(), -d),
                    Some(d) => format!("trigger {} (in {d} days)", r.trigger.map(day_month).unwrap_or_default()),
                    None => "no trigger date".to_string(),
                };
                view! {
                    <li>
                        <strong>{r.urgency.label()}</strong>
                        {format!(": {} {} — {when}; owner {}; affects {}.", r.id, r.title,
                            r.owner.clone().unwrap_or_else(|| "none".into()),
                            r.affects_critical.join(", "))}
                        {(!r.options.is_empty()).then(|| format!(" Options: {}.", r.options.join("; ")))}
                    </li>
                }
            }).collect_view();
            let decisions = s.decisions_needed.iter().map(|d| {
                let due = match (d.needed_by, d.days_left) {
                    (Some(by), Some(left)) if left < 0 => format!("was needed by {} ({} days overdue)", day_month(by), -left),
                    (Some(by), Some(left)) => format!("needed by {} ({left} days left)", day_month(by)),
                    _ => "no deadline".to_string(),
                };
                view! {
                    <li>
                        {format!("{} {} — from {}, {due}.", d.id, d.question, d.from.clone().unwrap_or_else(|| "no one named".into()))}
                        {d.recommendation.clone().map(|r| format!(" Recommendation: {r}."))}
                    </li>
                }
            }).collect_view();
            let chain = s.critical_chain.iter().map(|c| format!("{} {} ({})", c.id, c.title, day_month(c.early_finish))).collect::<Vec<_>>().join(" → ");
            let changes_title = s.previous_date.map(|d| format!("What changed since {}", day_month_year(d))).unwrap_or_else(|| "What changed".into());
            let no_changes = s.previous_date.map(|d| format!("No changes since {}.", day_month_year(d))).unwrap_or_else(|| "No earlier status to compare with.".into());
            view! {
                <section aria-labelledby="risks-head"><h3 id="risks-head">"Critical risks"</h3>
                    {if s.critical_risks.is_empty() { view! { <p>"No risk touches the critical path."</p> }.into_any() } else { view! { <ul>{risks}</ul> }.into_any() }}
                </section>
                <section aria-labelledby="decisions-head"><h3 id="decisions-head">"Decisions needed"</h3>
                    {if s.decisions_needed.is_empty() { view! { <p>"No decision is pending."</p> }.into_any() } else { view! { <ul>{decisions}</ul> }.into_any() }}
                </section>
                <section aria-labelledby="chain-head"><h3 id="chain-head">"Critical path"</h3>
                    <p class="chain">{chain}</p>
                </section>
                <section aria-labelledby="changes-head"><h3 id="changes-head">{changes_title}</h3>
                    {if s.changes.is_empty() { view! { <p>{no_changes}</p> }.into_any() } else {
                        view! { <ul>{s.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </section>
                <section aria-labelledby="review-head"><h3 id="review-head">"Needs attention"</h3>
                    {if s.needs_review.is_empty() { view! { <p>"Every entry is reviewed, updated, owned and dated."</p> }.into_any() } else {
                        view! { <ul>{s.needs_review.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            }
        })}
    }
}

fn set_text(slot: &mut Option<String>, text: &str) {
    let text = text.trim();
    *slot = (!text.is_empty()).then(|| text.to_string());
}

/// The human overrides of the summary (SPEC §3 `summary`): colour with its reason,
/// headline and notes. Empty means "use the computed one".
#[component]
fn Overrides() -> impl IntoView {
    let state = use_app();
    let error = RwSignal::new(None::<String>);
    let edit = move |label: &'static str, change: Box<dyn FnOnce(&mut Program)>| {
        let result = state.edit(label, |p| {
            change(p);
            Ok(())
        });
        error.set(result.err());
    };
    let colour_key = move || {
        state.program.with(|p| {
            p.summary
                .colour
                .map(|c| c.key().to_string())
                .unwrap_or_default()
        })
    };
    let missing_reason = move || {
        state.program.with(|p| {
            p.summary.colour.is_some()
                && p.summary
                    .colour_reason
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty())
        })
    };
    view! {
        <details class="overrides no-print">
            <summary>"Edit the summary (overrides)"</summary>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <label>
                "Colour override"
                <select prop:value=colour_key on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let colour = match value.as_str() {
                        "green" => Some(Colour::Green),
                        "yellow" => Some(Colour::Yellow),
                        "red" => Some(Colour::Red),
                        _ => None,
                    };
                    edit("set the colour override", Box::new(move |p| p.summary.colour = colour));
                }>
                    <option value="">"Use the computed colour"</option>
                    <option value="green">"Green"</option>
                    <option value="yellow">"Yellow"</option>
                    <option value="red">"Red"</option>
                </select>
            </label>
            <label>
                "Reason for the override"
                <input type="text" size="60"
                    prop:value=move || state.program.with(|p| p.summary.colour_reason.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit("edit the override reason", Box::new(move |p| set_text(&mut p.summary.colour_reason, &value)));
                    }/>
            </label>
            <Show when=missing_reason>
                <p class="error" role="alert">"An override needs a reason; until it has one, the computed colour is shown."</p>
            </Show>
            <label>
                "Headline (replaces the computed paragraph)"
                <textarea rows="3" cols="80"
                    prop:value=move || state.program.with(|p| p.summary.headline.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit("edit the headline", Box::new(move |p| set_text(&mut p.summary.headline, &value)));
                    }></textarea>
            </label>
            <label>
                "Notes (shown below the paragraph)"
                <textarea rows="3" cols="80"
                    prop:value=move || state.program.with(|p| p.summary.notes.clone().unwrap_or_default())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        edit("edit the notes", Box::new(move |p| set_text(&mut p.summary.notes, &value)));
                    }></textarea>
            </label>
        </details>
    }
}

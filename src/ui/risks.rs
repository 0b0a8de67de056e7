//! Risks & decisions: the risk register with "escalate now" and blockers first, and the
//! decision log with pending decisions first by deadline.

use leptos::prelude::*;

use super::format::day_month_year;
use super::state::use_app;
use crate::engine::status::register_order;
use crate::model::edit_status::{
    add_decision, add_risk, decision_field_text, decision_for_risk, delete_decision, delete_risk,
    record_outcome, risk_field_text, set_decision_field, set_risk_field, DecisionField, RiskField,
};
use crate::model::{RiskLevel, RiskState};

/// The Risks & decisions view.
#[component]
pub fn RisksView() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="view risks" aria-labelledby="risks-title">
            <div class="view-head"><h2 id="risks-title">"Risks & decisions"</h2></div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <RiskRegister error=error/>
            <DecisionLog error=error/>
        </section>
    }
}

fn report(error: RwSignal<Option<String>>, result: Result<(), String>) {
    error.set(result.err());
}

/// An inline text or date input bound to one field: shows `read`, applies `write` on change
/// and reports a refused value in the view's error line.
fn field_input(
    label: String,
    kind: &'static str,
    size: u32,
    error: RwSignal<Option<String>>,
    read: impl Fn() -> String + Send + Sync + 'static,
    write: impl Fn(&str) -> Result<(), String> + 'static,
) -> impl IntoView {
    view! {
        <input type=kind size=size aria-label=label prop:value=read
            on:change=move |ev| report(error, write(&event_target_value(&ev)))/>
    }
}

/// The "add" row under a table: one text field and a button; refuses an empty text.
#[component]
fn AddForm(
    /// The field's label, e.g. "New risk: what could happen".
    label: &'static str,
    /// The button's text, e.g. "Add risk".
    button: &'static str,
    /// What to say when the field is empty.
    empty: &'static str,
    error: RwSignal<Option<String>>,
    /// Adds the (trimmed, non-empty) text as a new entry.
    add: impl Fn(&str) -> Result<(), String> + 'static,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = text.get_untracked();
        if value.trim().is_empty() {
            error.set(Some(empty.into()));
            return;
        }
        report(error, add(value.trim()));
        text.set(String::new());
    };
    view! {
        <form class="add-row no-print" on:submit=submit>
            <label>
                {label}
                <input type="text" size="50" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <button type="submit">{button}</button>
        </form>
    }
}

/// The risk register.
#[component]
fn RiskRegister(error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let ids = Memo::new(move |_| {
        state.program.with(|p| {
            state.risks.with(|findings| {
                register_order(p, findings)
                    .into_iter()
                    .map(|f| f.id.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section aria-labelledby="risk-register-title">
            <h3 id="risk-register-title">"Risk register"</h3>
            <div class="table-scroll">
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">"Risk"</th>
                        <th scope="col">"What could happen"</th>
                        <th scope="col">"Owner"</th>
                        <th scope="col">"Level"</th>
                        <th scope="col">"Affects"</th>
                        <th scope="col">"Turns into a blocker on"</th>
                        <th scope="col">"Options"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Decision"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <RiskRow id=id error=error/> }/>
                </tbody>
            </table>
            </div>
            <AddForm label="New risk: what could happen" button="Add risk"
                empty="Say what could happen before adding the risk." error=error
                add=move |title| state.edit("add a risk", |p| { add_risk(p, title); Ok(()) })/>
        </section>
    }
}

/// One risk, every field editable in place.
#[component]
fn RiskRow(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let finding = {
        let id = id.clone();
        Memo::new(move |_| state.risks.with(|r| r.iter().find(|f| f.id == id).cloned()))
    };
    let text = move |id: &str, field: RiskField| {
        state.program.with(|p| {
            p.risks
                .iter()
                .find(|r| r.id == id)
                .map(|r| risk_field_text(r, field))
                .unwrap_or_default()
        })
    };
    let cell = {
        let id = id.clone();
        move |field: RiskField, label: &'static str, size: u32, kind: &'static str| {
            let (read_id, write_id) = (id.clone(), id.clone());
            field_input(
                format!("{label} of {id}"),
                kind,
                size,
                error,
                move || text(&read_id, field),
                move |value| {
                    state.edit(format!("edit {label} of {write_id}"), |p| {
                        set_risk_field(p, &write_id, field, value)
                    })
                },
            )
        }
    };
    let select = {
        let id = id.clone();
        move |field: RiskField, label: &'static str, options: Vec<(&'static str, &'static str)>| {
            let (read_id, write_id) = (id.clone(), id.clone());
            view! {
                <select aria-label=format!("{label} of {read_id}")
                    prop:value=move || text(&read_id, field)
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        report(error, state.edit(format!("edit {label} of {write_id}"), |p| set_risk_field(p, &write_id, field, &value)));
                    }>
                    {options.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                </select>
            }
        }
    };
    let affects = {
        let id = id.clone();
        move || {
            state.program.with(|p| {
                state.schedule.with(|s| {
                    p.risks
                        .iter()
                        .find(|r| r.id == id)
                        .map(|r| {
                            r.affects
                                .iter()
                                .map(|a| match s.node(a) {
                                    Some(n) if n.critical => format!("{a} ◆ critical"),
                                    Some(n) if n.near_critical => {
                                        format!("{a} ◇ near-critical ({})", n.total_float)
                                    }
                                    Some(_) => format!("{a} (off the path)"),
                                    None => format!("{a} (unknown)"),
                                })
                                .collect::<Vec<_>>()
                                .join("; ")
                        })
                        .unwrap_or_default()
                })
            })
        }
    };
    let (link_id, delete_id, label_id) = (id.clone(), id.clone(), id.clone());
    let link = move |_| {
        let id = link_id.clone();
        report(
            error,
            state.edit(format!("link {id} to a decision"), |p| {
                decision_for_risk(p, &id).map(|_| ())
            }),
        );
    };
    let delete = move |_| {
        let id = delete_id.clone();
        report(
            error,
            state.edit(format!("delete {id}"), |p| {
                delete_risk(p, &id);
                Ok(())
            }),
        );
    };
    let has_decision = {
        let id = id.clone();
        move || {
            state
                .program
                .with(|p| p.risks.iter().any(|r| r.id == id && r.decision.is_some()))
        }
    };
    let levels = RiskLevel::ALL
        .iter()
        .map(|l| (l.key(), l.label()))
        .collect();
    let states = RiskState::ALL
        .iter()
        .map(|s| (s.key(), s.label()))
        .collect();
    view! {
        <tr class=move || finding.with(|f| match f {
            Some(f) if f.escalate_now => "escalate",
            Some(f) if f.blocker => "blocker",
            _ => "",
        })>
            <th scope="row">
                {label_id.clone()}
                {move || finding.get().map(|f| view! {
                    {f.escalate_now.then(|| view! { <span class="tag escalate">"⚠ Escalate now"</span> })}
                    {f.blocker.then(|| view! { <span class="tag blocker">"✖ Blocker"</span> })}
                })}
            </th>
            <td>{cell(RiskField::Title, "What could happen", 36, "text")}</td>
            <td>{cell(RiskField::Owner, "Owner", 12, "text")}</td>
            <td>{select(RiskField::Level, "Level", levels)}</td>
            <td>
                {cell(RiskField::Affects, "Affects", 14, "text")}
                <div class="muted">{affects}</div>
            </td>
            <td>
                {cell(RiskField::Trigger, "Trigger", 10, "date")}
                <div class="muted">{move || finding.get().and_then(|f| f.days_to_trigger).map(|d| match d {
                    d if d < 0 => format!("passed {} days ago", -d),
                    0 => "today".to_string(),
                    d => format!("in {d} days"),
                })}</div>
            </td>
            <td>{cell(RiskField::Options, "Options", 24, "text")}</td>
            <td>{select(RiskField::State, "State", states)}</td>
            <td>
                {cell(RiskField::Decision, "Decision", 6, "text")}
                <Show when=move || !has_decision()>
                    <button type="button" on:click=link.clone()>"Ask for a decision"</button>
                </Show>
            </td>
            <td><button type="button" aria-label=format!("Delete {label_id}") on:click=delete>"Delete"</button></td>
        </tr>
    }
}

/// The decision log.
#[component]
fn DecisionLog(error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let ids = Memo::new(move |_| {
        state.program.with(|p| {
            let mut decisions: Vec<_> = p.decisions.iter().collect();
            decisions.sort_by_key(|d| (d.decided.is_some(), d.needed_by.is_none(), d.needed_by));
            decisions
                .into_iter()
                .map(|d| d.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="decision-log-title">
            <h3 id="decision-log-title">"Decision log"</h3>
            <div class="table-scroll">
            <table class="grid">
                <thead>
                    <tr>
                        <th scope="col">"Decision"</th>
                        <th scope="col">"Question"</th>
                        <th scope="col">"Options"</th>
                        <th scope="col">"Recommendation"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Needed by"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || ids.get() key=|id| id.clone() children=move |id| view! { <DecisionRow id=id error=error/> }/>
                </tbody>
            </table>
            </div>
            <AddForm label="New decision: the question" button="Add decision"
                empty="Say what needs deciding before adding the decision." error=error
                add=move |question| state.edit("add a decision", |p| { add_decision(p, question); Ok(()) })/>
        </section>
    }
}

/// One decision: pending ones show days left and take an outcome.
#[component]
fn DecisionRow(id: String, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let text = move |id: &str, field: DecisionField| {
        state.program.with(|p| {
            p.decisions
                .iter()
                .find(|d| d.id == id)
                .map(|d| decision_field_text(d, field))
                .unwrap_or_default()
        })
    };
    let cell = {
        let id = id.clone();
        move |field: DecisionField, label: &'static str, size: u32, kind: &'static str| {
            let (read_id, write_id) = (id.clone(), id.clone());
            field_input(
                format!("{label} of {id}"),
                kind,
                size,
                error,
                move || text(&read_id, field),
                move |value| {
                    state.edit(format!("edit {label} of {write_id}"), |p| {
                        set_decision_field(p, &write_id, field, value)
                    })
                },
            )
        }
    };
    let status = {
        let id = id.clone();
        move || {
            let as_of = state.as_of.get();
            state.program.with(|p| {
                p.decisions
                    .iter()
                    .find(|d| d.id == id)
                    .map(|d| match (d.decided, d.needed_by) {
                        (Some(on), _) => format!("decided {}", day_month_year(on)),
                        (None, Some(by)) => {
                            let left = (by - as_of).num_days();
                            if left < 0 {
                                format!("⚠ overdue by {} days", -left)
                            } else {
                                format!("{left} days left")
                            }
                        }
                        (None, None) => "pending, no deadline".to_string(),
                    })
            })
        }
    };
    let pending = {
        let id = id.clone();
        move || {
            state.program.with(|p| {
                p.decisions
                    .iter()
                    .any(|d| d.id == id && d.decided.is_none())
            })
        }
    };
    let outcome = RwSignal::new(String::new());
    let (record_id, delete_id, label_id) = (id.clone(), id.clone(), id.clone());
    let record = move |_| {
        let id = record_id.clone();
        let text = outcome.get_untracked();
        let as_of = state.as_of.get_untracked();
        report(
            error,
            state.edit(format!("record the outcome of {id}"), |p| {
                record_outcome(p, &id, &text, as_of)
            }),
        );
    };
    let delete = move |_| {
        let id = delete_id.clone();
        report(
            error,
            state.edit(format!("delete {id}"), |p| {
                delete_decision(p, &id);
                Ok(())
            }),
        );
    };
    let outcome_label = format!("Outcome of {id}");
    view! {
        <tr>
            <th scope="row">{label_id.clone()} <div class="muted">{status}</div></th>
            <td>{cell(DecisionField::Question, "Question", 36, "text")}</td>
            <td>{cell(DecisionField::Options, "Options", 24, "text")}</td>
            <td>{cell(DecisionField::Recommendation, "Recommendation", 18, "text")}</td>
            <td>{cell(DecisionField::From, "From", 12, "text")}</td>
            <td>{cell(DecisionField::NeededBy, "Needed by", 10, "date")}</td>
            <td>
                {move || if pending() {
                    view! {
                        <input type="text" size="18" aria-label=outcome_label.clone() placeholder="What was decided"
                            prop:value=move || outcome.get()
                            on:input=move |ev| outcome.set(event_target_value(&ev))/>
                        <button type="button" on:click=record.clone()>"Record outcome"</button>
                    }.into_any()
                } else {
                    cell(DecisionField::Outcome, "Outcome", 24, "text").into_any()
                }}
            </td>
            <td><button type="button" aria-label=format!("Delete {label_id}") on:click=delete>"Delete"</button></td>
        </tr>
    }
}

//! Risks & decisions: the risk register with "escalate now" and blockers first, and the
//! decision log with pending decisions first by deadline, both narrowed by the filter box
//! (words and owner, kept in the address) and drawn only near the screen. Rows are keyed by
//! uid; every edit addresses its risk or decision by id (risk and decision ids are not
//! editable).

use leptos::prelude::*;

use super::field::{Commit, Field, Kind};
use super::filter_box::{owners_of, FilterBox};
use super::register::focus_first_field;
use super::state::{
    expect_clock, expect_cockpit, expect_document, expect_editor, expect_navigation, expect_notices,
};
use super::widgets::shown;
use super::window::{windowed, Layout};
use crate::engine::capacity::capacity_risks;
use crate::engine::capacity::words::{risk_owner, risk_sentence};
use crate::engine::find::Candidate;
use crate::engine::status::register_order;
use crate::engine::words::{deadline, long_date, relative_days};
use crate::model::edit::{
    add_decision, add_risk, decision_field_text, decision_for_risk, delete_decision, delete_risk,
    record_outcome, risk_field_text, set_decision_field, set_risk_field, DecisionField, EditError,
    RiskField,
};
use crate::model::{RiskLevel, RiskState};
use crate::store::field_key;

/// The Risks & decisions view.
#[component]
pub fn RisksView() -> impl IntoView {
    let doc = expect_document();
    // The decision to bring into view and focus: one just asked for from a risk, or added.
    let decision_added = RwSignal::new(None::<String>);
    let owners = Memo::new(move |_| {
        doc.program.with(|p| {
            owners_of(
                (p.risks.iter().map(|r| r.owner.as_deref()))
                    .chain(p.decisions.iter().map(|d| d.from.as_deref())),
            )
        })
    });
    let counts = RwSignal::new((0usize, 0usize));
    let total = Memo::new(move |_| doc.program.with(|p| p.risks.len() + p.decisions.len()));
    view! {
        <section class="view risks" aria-labelledby="risks-title">
            <div class="view-head"><h2 id="risks-title">"Risks & decisions"</h2></div>
            <FilterBox noun="risks and decisions" owners=owners no_colour=true
                counts=Signal::derive(move || (counts.get().0 + counts.get().1, total.get()))/>
            <CapacityRisks/>
            <RiskRegister decision_added=decision_added shown=counts/>
            <DecisionLog added=decision_added shown=counts/>
        </section>
    }
}

/// A computed capacity risk as shown: its sentence and its owner.
#[derive(Clone, PartialEq)]
struct CapacityFinding {
    sentence: String,
    owner: String,
}

/// The capacity risks of the open program at the cockpit's status date, in words; computed
/// only when some team has people (else empty, at no cost).
fn capacity_findings() -> Memo<Vec<CapacityFinding>> {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let as_of = Memo::new(move |_| cockpit.with(|c| c.as_of()));
    Memo::new(move |_| {
        let as_of = as_of.get();
        doc.program.with(|p| {
            if !p.teams.iter().any(|t| t.people.is_some()) {
                return Vec::new();
            }
            capacity_risks(p, as_of)
                .iter()
                .map(|r| CapacityFinding {
                    sentence: risk_sentence(p, r, as_of),
                    owner: risk_owner(r),
                })
                .collect()
        })
    })
}

/// The capacity risks computed from the teams' people and availability (issue 23): each
/// as the playbook's sentence with its owner, the team's lead. Shown only when there are
/// some; computed only when some team has people.
#[component]
fn CapacityRisks() -> impl IntoView {
    let findings = capacity_findings();
    shown(
        move || findings.with(|f| !f.is_empty()),
        move || {
            view! {
                <section class="capacity-risks" aria-labelledby="capacity-risks-title">
                    <h3 id="capacity-risks-title">"Capacity risks (computed)"</h3>
                    <p class="hint">"Computed from the teams' people and availability (Teams, in Program and Plan); they change when those do."</p>
                    <ul>
                        {move || findings.with(|f| f.iter().map(|f| view! {
                            <li><p>{f.sentence.clone()}</p><p class="owner">{f.owner.clone()}</p></li>
                        }).collect_view())}
                    </ul>
                </section>
            }
            .into_any()
        },
    )
}

/// Whether an entry passes the view's filter (words, owner).
fn passes(
    filter: &crate::engine::find::Filter,
    id: &str,
    title: &str,
    owner: Option<&str>,
) -> bool {
    filter.is_empty()
        || filter.matches(&Candidate {
            id,
            title,
            owner,
            ..Candidate::default()
        })
}

/// The "add" row under a table: one text field and a button; an empty text is refused
/// with what to write.
#[component]
fn AddForm(
    /// The field's label, e.g. "New risk: what could happen".
    label: &'static str,
    /// The button's text, e.g. "Add risk".
    button: &'static str,
    /// Adds the text as a new entry and returns its id.
    add: Callback<String, Result<String, EditError>>,
    /// Set to the new entry's id, so its row can take focus.
    added: RwSignal<Option<String>>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match add.run(text.get_untracked()) {
            Ok(id) => {
                text.set(String::new());
                error.set(None);
                added.set(Some(id));
            }
            Err(err) => error.set(Some(err.beside_field())),
        }
    };
    view! {
        <form class="add-row no-print edit-only" on:submit=submit>
            <label>
                {label}
                <input type="text" size="50" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <button type="submit">{button}</button>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </form>
    }
}

/// An editable cell of a risk's field.
fn risk_field(id: &str, field: RiskField) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let read_id = id.to_string();
    let value = Signal::derive(move || {
        doc.program.with(|p| {
            p.risks
                .iter()
                .find(|r| r.id == read_id)
                .map(|r| risk_field_text(r, field))
                .unwrap_or_default()
        })
    });
    let write_id = id.to_string();
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {} of {write_id}", field.label()), |p| {
            set_risk_field(p, &write_id, field, &text)
        })
    });
    let kind = match field {
        RiskField::Level => Kind::Choice(
            RiskLevel::ALL
                .iter()
                .map(|l| (l.key().to_string(), l.label().to_string()))
                .collect(),
        ),
        RiskField::State => Kind::Choice(
            RiskState::ALL
                .iter()
                .map(|s| (s.key().to_string(), s.label().to_string()))
                .collect(),
        ),
        RiskField::Trigger => Kind::Date,
        RiskField::Title | RiskField::Options => Kind::Long,
        _ => Kind::Text,
    };
    view! {
        <Field label=format!("{} of {id}", field.label()) draft_key=field_key(&["risks", id, field.key()])
            kind=kind value=value commit=commit/>
    }
}

/// An editable cell of a decision's field.
fn decision_field(id: &str, field: DecisionField) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let read_id = id.to_string();
    let value = Signal::derive(move || {
        doc.program.with(|p| {
            p.decisions
                .iter()
                .find(|d| d.id == read_id)
                .map(|d| decision_field_text(d, field))
                .unwrap_or_default()
        })
    });
    let write_id = id.to_string();
    let commit: Commit = Callback::new(move |text: String| {
        editor.edit(format!("edit {} of {write_id}", field.label()), |p| {
            set_decision_field(p, &write_id, field, &text)
        })
    });
    let kind = match field {
        DecisionField::NeededBy | DecisionField::Decided => Kind::Date,
        DecisionField::Question
        | DecisionField::Options
        | DecisionField::Recommendation
        | DecisionField::Outcome => Kind::Long,
        _ => Kind::Text,
    };
    view! {
        <Field label=format!("{} of {id}", field.label()) draft_key=field_key(&["decisions", id, field.key()])
            kind=kind value=value commit=commit/>
    }
}

/// Focuses a row's first field of `selector` when its uid was just added.
fn focus_when_added(
    row: NodeRef<leptos::html::Tr>,
    uid: StoredValue<String>,
    added: RwSignal<Option<String>>,
    selector: &'static str,
) {
    Effect::new(move |_| {
        let fresh = added.with(|a| a.as_deref() == Some(uid.get_value().as_str()));
        if let (true, Some(row)) = (fresh, row.get()) {
            focus_first_field(&row, selector);
            added.set(None);
        }
    });
}

/// The risk register.
#[component]
fn RiskRegister(
    decision_added: RwSignal<Option<String>>,
    /// How many risks the filter shows (the first of the pair).
    shown: RwSignal<(usize, usize)>,
) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let filter = expect_navigation().filter;
    let ids = Memo::new(move |_| {
        let filter = filter.get();
        doc.program.with(|p| {
            cockpit.with(|c| {
                register_order(p, &c.basis.findings)
                    .into_iter()
                    .filter_map(|f| p.risks.iter().find(|r| r.id == f.id))
                    .filter(|r| passes(&filter, &r.id, &r.title, r.owner.as_deref()))
                    .map(|r| r.uid.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    Effect::new(move |_| {
        let n = ids.with(Vec::len);
        shown.update(|s| s.0 = n);
    });
    let added = RwSignal::new(None::<String>);
    let add = Callback::new(move |title: String| {
        editor.edit("add a risk", |p| {
            let id = add_risk(p, &title)?;
            Ok(p.risks
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.uid.clone())
                .unwrap_or(id))
        })
    });
    view! {
        <section aria-labelledby="risk-register-title">
            <h3 id="risk-register-title">"Risk register"</h3>
            <div class="table-scroll">
            <table class="grid stacking" aria-rowcount=move || ids.with(Vec::len) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">"Risk"</th>
                        <th scope="col">"What could happen"</th>
                        <th scope="col">"Owner"</th>
                        <th scope="col">"Level"</th>
                        <th scope="col">"Affects"</th>
                        <th scope="col">"Turns into a blocker on"</th>
                        <th scope="col">"Options"</th>
                        <th scope="col">"State"</th>
                        <th scope="col">"Decision"</th>
                    </tr>
                </thead>
                <tbody>
                    {windowed(ids.into(), Layout::Table { columns: 9 }, added, move |uid, at| view! {
                        <RiskRow uid=uid at=at added=added decision_added=decision_added/>
                    }.into_any())}
                </tbody>
            </table>
            </div>
            <AddForm label="New risk: what could happen" button="Add risk" add=add added=added/>
        </section>
    }
}

/// One risk, every field editable in place.
#[component]
fn RiskRow(
    uid: String,
    at: Signal<usize>,
    added: RwSignal<Option<String>>,
    decision_added: RwSignal<Option<String>>,
) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let id = doc
        .risk(&uid)
        .with_untracked(|r| r.as_ref().map(|r| r.id.clone()))
        .unwrap_or_default();
    let key = StoredValue::new(id.clone());
    let me = StoredValue::new(uid.clone());
    let finding =
        Memo::new(move |_| cockpit.with(|c| key.with_value(|id| c.basis.finding(id).cloned())));
    let affects = move || {
        doc.program.with(|p| {
            cockpit.with(|c| {
                key.with_value(|id| {
                    p.risks
                        .iter()
                        .find(|r| &r.id == id)
                        .map(|r| {
                            r.affects
                                .iter()
                                .map(|a| match c.basis.schedule.node(a) {
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
        })
    };
    let link = move |_| {
        let id = key.get_value();
        match editor.edit(format!("link {id} to a decision"), |p| {
            decision_for_risk(p, &id)
        }) {
            // The work continues in the new decision: its options, its deadline.
            Ok(decision) => decision_added.set(doc.program.with_untracked(|p| {
                p.decisions
                    .iter()
                    .find(|d| d.id == decision)
                    .map(|d| d.uid.clone())
            })),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let delete = move |_| {
        let id = key.get_value();
        match editor.edit(format!("delete {id}"), |p| delete_risk(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id}. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let has_decision = move || {
        doc.program.with(|p| {
            key.with_value(|id| p.risks.iter().any(|r| &r.id == id && r.decision.is_some()))
        })
    };
    let row = NodeRef::<leptos::html::Tr>::new();
    focus_when_added(row, me, added, "input[aria-label^='Owner']");
    let ask_name = format!("Ask for a decision on {id}");
    view! {
        <tr node_ref=row data-uid=uid aria-rowindex=move || at.get() + 2 class=move || finding.with(|f| match f {
            Some(f) if f.escalate_now => "window-row escalate",
            Some(f) if f.blocker => "window-row blocker",
            _ => "window-row",
        })>
            <th scope="row" data-label="Risk">
                {id.clone()}
                {move || finding.get().map(|f| view! {
                    {f.escalate_now.then(|| view! { <span class="tag escalate">"⚠ Escalate now"</span> })}
                    {f.blocker.then(|| view! { <span class="tag blocker">"✖ Blocker"</span> })}
                })}
                <button type="button" class="danger small edit-only" aria-label=format!("Delete {id}") on:click=delete>"Delete"</button>
            </th>
            <td data-label="What could happen" class="long-cell">{risk_field(&id, RiskField::Title)}</td>
            <td data-label="Owner">{risk_field(&id, RiskField::Owner)}</td>
            <td data-label="Level">{risk_field(&id, RiskField::Level)}</td>
            <td data-label="Affects">
                {risk_field(&id, RiskField::Affects)}
                <div class="muted">{affects}</div>
            </td>
            <td data-label="Turns into a blocker on">
                {risk_field(&id, RiskField::Trigger)}
                <div class="muted">{move || finding.get().and_then(|f| f.days_to_trigger).map(relative_days)}</div>
            </td>
            <td data-label="Options" class="long-cell">{risk_field(&id, RiskField::Options)}</td>
            <td data-label="State">{risk_field(&id, RiskField::State)}</td>
            <td data-label="Decision">
                {risk_field(&id, RiskField::Decision)}
                {shown(move || !has_decision(), move || view! {
                    <button type="button" class="edit-only" aria-label=ask_name.clone() on:click=link>"Ask for a decision"</button>
                }.into_any())}
            </td>
        </tr>
    }
}

/// The decision log.
#[component]
fn DecisionLog(
    /// The decision to bring into view and focus.
    added: RwSignal<Option<String>>,
    /// How many decisions the filter shows (the second of the pair).
    shown: RwSignal<(usize, usize)>,
) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let filter = expect_navigation().filter;
    let ids = Memo::new(move |_| {
        let filter = filter.get();
        doc.program.with(|p| {
            let mut decisions: Vec<_> = p
                .decisions
                .iter()
                .filter(|d| passes(&filter, &d.id, &d.question, d.from.as_deref()))
                .collect();
            crate::sort::sort_by_key(&mut decisions, |d| {
                (d.decided.is_some(), d.needed_by.is_none(), d.needed_by)
            });
            decisions
                .into_iter()
                .map(|d| d.uid.clone())
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        let n = ids.with(Vec::len);
        shown.update(|s| s.1 = n);
    });
    let add = Callback::new(move |question: String| {
        editor.edit("add a decision", |p| {
            let id = add_decision(p, &question)?;
            Ok(p.decisions
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.uid.clone())
                .unwrap_or(id))
        })
    });
    view! {
        <section aria-labelledby="decision-log-title">
            <h3 id="decision-log-title">"Decision log"</h3>
            <div class="table-scroll">
            <table class="grid stacking" aria-rowcount=move || ids.with(Vec::len) + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">"Decision"</th>
                        <th scope="col">"Question"</th>
                        <th scope="col">"Options"</th>
                        <th scope="col">"Recommendation"</th>
                        <th scope="col">"From"</th>
                        <th scope="col">"Needed by"</th>
                        <th scope="col">"Outcome"</th>
                    </tr>
                </thead>
                <tbody>
                    {windowed(ids.into(), Layout::Table { columns: 7 }, added, move |uid, at| view! {
                        <DecisionRow uid=uid at=at added=added/>
                    }.into_any())}
                </tbody>
            </table>
            </div>
            <AddForm label="New decision: the question" button="Add decision" add=add added=added/>
        </section>
    }
}

/// One decision: pending ones show days left and take an outcome.
#[component]
fn DecisionRow(uid: String, at: Signal<usize>, added: RwSignal<Option<String>>) -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let editor = expect_editor();
    let notices = expect_notices();
    let id = doc
        .decision(&uid)
        .with_untracked(|d| d.as_ref().map(|d| d.id.clone()))
        .unwrap_or_default();
    let key = StoredValue::new(id.clone());
    let me = StoredValue::new(uid.clone());
    let status = move || {
        let as_of = cockpit.with(|c| c.as_of());
        doc.program.with(|p| {
            key.with_value(|id| {
                p.decisions
                    .iter()
                    .find(|d| &d.id == id)
                    .map(|d| match (d.decided, d.needed_by) {
                        (Some(on), _) => format!("decided {}", long_date(on)),
                        (None, Some(by)) => deadline((by - as_of).num_days()),
                        (None, None) => "pending, no deadline".to_string(),
                    })
            })
        })
    };
    let pending = move || {
        doc.program.with(|p| {
            key.with_value(|id| {
                p.decisions
                    .iter()
                    .any(|d| &d.id == id && d.decided.is_none())
            })
        })
    };
    let clock = expect_clock();
    let outcome = RwSignal::new(String::new());
    let outcome_error = RwSignal::new(None::<String>);
    let record = move |_| {
        let id = key.get_value();
        let text = outcome.get_untracked();
        let as_of = doc.program.with_untracked(|p| clock.as_of_now(p));
        match editor.edit(format!("record the outcome of {id}"), |p| {
            record_outcome(p, &id, &text, as_of)
        }) {
            Ok(()) => outcome_error.set(None),
            Err(err) => outcome_error.set(Some(err.beside_field())),
        }
    };
    let delete = move |_| {
        let id = key.get_value();
        match editor.edit(format!("delete {id}"), |p| delete_decision(p, &id)) {
            Ok(_) => notices.notify(
                format!("Deleted {id}. Undo brings it back (Ctrl+Z)."),
                false,
            ),
            Err(err) => notices.notify(err.to_string(), true),
        }
    };
    let outcome_label = format!("Outcome of {id}");
    let outcome_id = id.clone();
    let row = NodeRef::<leptos::html::Tr>::new();
    focus_when_added(row, me, added, "textarea[aria-label^='Options']");
    view! {
        <tr node_ref=row class="window-row" data-uid=uid aria-rowindex=move || at.get() + 2>
            <th scope="row" data-label="Decision">
                {id.clone()} <div class="muted">{status}</div>
                <button type="button" class="danger small edit-only" aria-label=format!("Delete {id}") on:click=delete>"Delete"</button>
            </th>
            <td data-label="Question" class="long-cell">{decision_field(&id, DecisionField::Question)}</td>
            <td data-label="Options" class="long-cell">{decision_field(&id, DecisionField::Options)}</td>
            <td data-label="Recommendation" class="long-cell">{decision_field(&id, DecisionField::Recommendation)}</td>
            <td data-label="From">{decision_field(&id, DecisionField::From)}</td>
            <td data-label="Needed by">{decision_field(&id, DecisionField::NeededBy)}</td>
            <td data-label="Outcome">
                {move || if pending() {
                    view! {
                        <input type="text" size="18" aria-label=outcome_label.clone() placeholder="What was decided"
                            prop:value=move || outcome.get()
                            on:input=move |ev| outcome.set(event_target_value(&ev))/>
                        <button type="button" class="edit-only" on:click=record>"Record outcome"</button>
                        {move || outcome_error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                    }.into_any()
                } else {
                    decision_field(&outcome_id, DecisionField::Outcome).into_any()
                }}
            </td>
        </tr>
    }
}

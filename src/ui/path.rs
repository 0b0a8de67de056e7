//! Critical path: the timeline (Gantt) drawn in SVG from the cockpit's schedule — with a
//! legend, the critical path marked by shape and outline as well as colour, baseline bars
//! and slips when a report is the baseline — the finish against the target in words,
//! what-if, and the schedule CSV export.

use std::collections::HashMap;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::files::{download, file_stem};
use super::state::{expect_cockpit, expect_document, expect_notices, Document, Notices};
use super::widgets::shown;
use crate::engine::capacity::{level, what_if_levelled, Levelled};
use crate::engine::cockpit::{Baseline, Cockpit};
use crate::engine::schedule::{NodeKind, Schedule};
use crate::engine::words::{labelled, short_date, tenths, working_days, working_days_moved};
use crate::model::{Colour, Program};

const ROW: f64 = 26.0;
const LABEL_WIDTH: f64 = 330.0;
/// Characters of a row's label that fit in the label column, in bold (the critical path).
const LABEL_CHARS: usize = 40;
const HEADER: f64 = 34.0;

/// Whether the timeline shows the levelled dates (what team capacity allows) instead of
/// the critical path method's; the legend follows.
#[derive(Clone, Copy)]
struct LevelledDates(RwSignal<bool>);

fn expect_levelled_dates() -> RwSignal<bool> {
    expect_context::<LevelledDates>().0
}

/// The Critical path view.
#[component]
pub fn PathView() -> impl IntoView {
    let levelled_dates = RwSignal::new(false);
    provide_context(LevelledDates(levelled_dates));
    let cockpit = expect_cockpit();
    let doc = expect_document();
    let notices = expect_notices();
    let finish_sentence = move || {
        let target = doc.program.with(|p| p.target);
        cockpit.with(|c| c.basis.finish.words(target))
    };
    view! {
        <section class="view path" aria-labelledby="path-title">
            <div class="view-head">
                <h2 id="path-title">"Critical path"</h2>
                <p class="finish-line" role="status">{finish_sentence}</p>
            </div>
            <ScheduleProblems/>
            <CriticalChain/>
            <super::levelling::LevellingPanel/>
            <WhatIfPanel/>
            <div class="actions no-print">
                // The dates the timeline shows: levelled when "Levelled dates" is on.
                <button type="button" on:click=move |_| export_csv(doc, cockpit, notices, levelled_dates.get_untracked())>
                    {move || if levelled_dates.get() && cockpit.with(|c| c.basis.finish.unlevelled.is_some()) {
                        "Export levelled schedule (.csv)"
                    } else {
                        "Export schedule (.csv)"
                    }}
                </button>
            </div>
            <Legend/>
            <Timeline/>
        </section>
    }
}

/// Downloads the schedule as CSV; with `levelled` (and capacity data), the levelled one.
fn export_csv(doc: Document, cockpit: Memo<Cockpit>, notices: Notices, levelled: bool) {
    let (csv, suffix) = doc.program.with_untracked(|p| {
        cockpit.with_untracked(|c| {
            let levelled = (levelled && c.basis.finish.unlevelled.is_some())
                .then(|| level(p, c.as_of()).schedule);
            let schedule = levelled.as_ref().unwrap_or(c.schedule());
            let csv = crate::io::schedule_csv::schedule_csv(&schedule_rows(p, c, schedule));
            (csv, if levelled.is_some() { "-levelled" } else { "" })
        })
    });
    let name = doc.program.with_untracked(|p| file_stem(&p.name));
    if let Err(message) = download(&format!("{name}-schedule{suffix}.csv"), "text/csv", &csv) {
        notices.notify(message, true);
    }
}

/// The rows of the schedule export (`schedule`: the cockpit's or the levelled one), in the
/// order the timeline shows them.
fn schedule_rows(
    program: &Program,
    cockpit: &Cockpit,
    schedule: &Schedule,
) -> Vec<crate::io::schedule_csv::ScheduleRow> {
    schedule
        .nodes
        .iter()
        .filter(|node| node.scheduled)
        .map(|node| {
            let status = cockpit.basis.status(&node.id);
            let title = program.title_of(&node.id).unwrap_or_default().to_string();
            crate::io::schedule_csv::ScheduleRow {
                id: node.id.clone(),
                title,
                owner: status.and_then(|s| s.owner.clone()).unwrap_or_default(),
                start: node.early_start,
                finish: node.early_finish,
                float: node.total_float,
                critical: node.critical,
                colour: status
                    .and_then(|s| s.effective)
                    .map(|c| c.key().to_string()),
            }
        })
        .collect()
}

/// Cycles and unknown links, named, with the rest of the program still scheduled.
#[component]
fn ScheduleProblems() -> impl IntoView {
    let cockpit = expect_cockpit();
    view! {
        {shown(move || cockpit.with(|c| !c.schedule().problems.is_empty()), move || view! {
            <div class="problems" role="alert">
                <strong>"The schedule worked around these problems:"</strong>
                <ul>
                    {move || cockpit.with(|c| c.schedule().problems.iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view())}
                </ul>
            </div>
        }.into_any())}
    }
}

/// The critical path as a chain of ids and titles.
#[component]
fn CriticalChain() -> impl IntoView {
    let cockpit = expect_cockpit();
    view! {
        <div class="chain">
            <h3>"The critical path"</h3>
            <ol class="chain-list">
                {move || cockpit.with(|c| c.summary.critical_chain.iter().map(|link| view! {
                    <li>{labelled(&link.id, &link.title)}</li>
                }).collect_view())}
            </ol>
        </div>
    }
}

/// "What if X slips N days": the new finish and what moves, without changing the program.
#[component]
fn WhatIfPanel() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let chosen = RwSignal::new(String::new());
    let days = RwSignal::new("5".to_string());
    // With capacity data the what-if compares levelled plans, as the finish above it is.
    let levelled = Memo::new(move |_| cockpit.with(|c| c.basis.finish.unlevelled.is_some()));
    let result = Memo::new(move |_| {
        let id = chosen.get();
        if id.is_empty() {
            return None;
        }
        let slip = match days.get().trim().parse::<i64>() {
            Ok(n) if (-1000..=1000).contains(&n) => n,
            _ => {
                return Some(Err(
                    "Slip: a whole number of working days, e.g. 5".to_string()
                ))
            }
        };
        let as_of = cockpit.with(|c| c.as_of());
        doc.program
            .with(|p| what_if_levelled(p, as_of, &id, slip).map(Ok))
    });
    let options = move || {
        doc.program.with(|p| {
            p.items
                .iter()
                .map(|i| (i.id.clone(), i.title.clone()))
                .chain(
                    p.dependencies
                        .iter()
                        .map(|d| (d.id.clone(), d.title.clone())),
                )
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="what-if" aria-labelledby="what-if-title">
            <h3 id="what-if-title">"What if…"</h3>
            <div class="what-if-form">
                <label>
                    "What if"
                    <select prop:value=move || chosen.get() on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"choose an item or dependency"</option>
                        {move || options().into_iter().map(|(id, title)| view! { <option value=id.clone()>{labelled(&id, &title)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "slips by (working days)"
                    <input type="text" inputmode="numeric" size="4" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
            </div>
            <div role="status" class="what-if-result">
                {move || match result.get() {
                    None => view! { <p class="hint">"Choose an item to see how the finish moves. The program is not changed."</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="edit-error">{message}</p> }.into_any(),
                    Some(Ok(outcome)) => {
                        let headline = outcome.headline(levelled.get());
                        let moved = outcome.moved.len();
                        view! {
                            <p><strong>{headline}</strong></p>
                            <p>{format!("{moved} item(s) move:")}</p>
                            <ul class="moved">
                                {outcome.moved.into_iter().map(|(id, old, new)| view! {
                                    <li>{format!("{id}: finish {} → {}", short_date(old), short_date(new))}</li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </div>
        </section>
    }
}

/// What the shapes and lines of the timeline mean, in words.
#[component]
fn Legend() -> impl IntoView {
    let cockpit = expect_cockpit();
    let levelled_dates = expect_levelled_dates();
    view! {
        <ul class="legend timeline-legend" aria-label="Timeline legend">
            <li><span class="key bar critical" aria-hidden="true"></span>"◆ critical path (thick outline)"</li>
            <li><span class="key bar near" aria-hidden="true"></span>"◇ near-critical"</li>
            <li><span class="key bar" aria-hidden="true"></span>"other work"</li>
            <li><span class="key float" aria-hidden="true"></span>"float (hatched)"</li>
            <li><span class="key diamond" aria-hidden="true"></span>"milestone or external dependency"</li>
            <li><span class="key line status" aria-hidden="true"></span>"status date"</li>
            <li><span class="key line target" aria-hidden="true"></span>"target"</li>
            {move || levelled_dates.get().then(|| view! {
                <li><span class="key line wait" aria-hidden="true"></span>"waits for people (levelled dates)"</li>
            })}
            {move || cockpit.with(|c| c.basis.baseline.as_ref().map(|b| view! {
                <li><span class="key baseline" aria-hidden="true"></span>{format!("baseline of {} (thin bar below)", short_date(b.date))}</li>
            }))}
        </ul>
    }
}

/// One drawn row of the timeline.
#[derive(Clone)]
struct Row {
    id: String,
    label: String,
    kind: NodeKind,
    start: NaiveDate,
    finish: NaiveDate,
    late_finish: NaiveDate,
    float: i64,
    critical: bool,
    near: bool,
    done: bool,
    colour: Option<Colour>,
}

/// Rows grouped by team (dependencies last), each group headed by its name.
fn timeline_rows(
    program: &Program,
    cockpit: &Cockpit,
    schedule: &Schedule,
) -> Vec<(String, Vec<Row>)> {
    let mut groups: Vec<(String, Vec<Row>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for node in schedule.nodes.iter().filter(|n| n.scheduled) {
        let group = match program.item(&node.id) {
            Some(item) => item
                .team
                .as_deref()
                .map(|t| program.team_name(t).to_string())
                .unwrap_or_else(|| "No team".into()),
            None => "External dependencies".into(),
        };
        let index = *group_of.entry(group.clone()).or_insert_with(|| {
            groups.push((group.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[index].1.push(Row {
            id: node.id.clone(),
            label: labelled(&node.id, program.title_of(&node.id).unwrap_or_default()),
            kind: node.kind,
            start: node.early_start,
            finish: node.early_finish,
            late_finish: node.late_finish,
            float: node.total_float,
            critical: node.critical,
            near: node.near_critical,
            done: node.done,
            colour: cockpit.basis.status(&node.id).and_then(|s| s.effective),
        });
    }
    // Dependencies last, the rest in the order teams first appear.
    crate::sort::sort_by_key(&mut groups, |(name, _)| name == "External dependencies");
    groups
}

/// A label cut at a word boundary to fit the label column, with an ellipsis.
fn fit_label(text: &str) -> String {
    if text.chars().count() <= LABEL_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(LABEL_CHARS - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > LABEL_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// Rows of the timeline drawn beyond each edge of its window, so scrolling finds them there.
const TIMELINE_OVERSCAN: usize = 20;

/// The Gantt chart: bars, float, links, baseline, status date and target. It is as tall as
/// every row needs, but only the rows in its scrolled window (and the links touching them)
/// are drawn: a 1,000-item plan is a few dozen rows in the page at a time.
#[component]
fn Timeline() -> impl IntoView {
    let doc = expect_document();
    let cockpit = expect_cockpit();
    let region = NodeRef::<leptos::html::Div>::new();
    // The rows (group headers included) in view: first and one past the last.
    let window = RwSignal::new((0usize, 3 * TIMELINE_OVERSCAN));
    let follow = move |_| {
        let Some(region) = region.get_untracked() else {
            return;
        };
        let top = f64::from(region.scroll_top()) - HEADER;
        let first = (top / ROW).floor().max(0.0) as usize;
        let shown = (f64::from(region.client_height()) / ROW).ceil() as usize;
        let next = (
            first.saturating_sub(TIMELINE_OVERSCAN),
            first + shown + TIMELINE_OVERSCAN,
        );
        // Only a move of several rows redraws.
        let (start, _) = window.get_untracked();
        if start.abs_diff(next.0) >= TIMELINE_OVERSCAN / 2 || (next.0 == 0 && start != 0) {
            window.set(next);
        }
    };
    // Wider than its box (a phone: the names alone take 330 px), the timeline opens at the
    // status date, a third of the way in, rather than at the program's start; once.
    Effect::new(move |opened: Option<bool>| {
        if opened == Some(true) {
            return true;
        }
        let Some(region) = region.get() else {
            return false;
        };
        let status_x = region
            .first_element_child()
            .and_then(|svg| svg.get_attribute("data-status-x"))
            .and_then(|x| x.parse::<i32>().ok());
        if let Some(status_x) = status_x {
            if region.scroll_width() > region.client_width() {
                region.set_scroll_left((status_x - region.client_width() / 3).max(0));
            }
        }
        true
    });
    // With teams' people, the timeline can show the levelled dates instead, with the waits.
    let levelled_dates = expect_levelled_dates();
    let constrained = Memo::new(move |_| {
        doc.program
            .with(|p| p.teams.iter().any(|t| t.people.is_some()))
    });
    let levelled = Memo::new(move |_| {
        if !(levelled_dates.get() && constrained.get()) {
            return None;
        }
        let as_of = cockpit.with(|c| c.as_of());
        doc.program
            .with(|p| Some(level(p, as_of)).filter(|l| l.constrained))
    });
    view! {
        {shown(move || constrained.get(), move || view! {
            <label class="check levelled-toggle no-print">
                <input type="checkbox" prop:checked=move || levelled_dates.get()
                    on:change=move |ev| levelled_dates.set(event_target_checked(&ev))/>
                " Levelled dates: what team capacity allows, each wait for people a dashed link"
            </label>
        }.into_any())}
        <p class="hint phone-only">"Names are at the left of the timeline and it opens at the status date: swipe it sideways to see the rest."</p>
        <div class="timeline-scroll" tabindex="0" role="region" aria-label="Timeline" node_ref=region on:scroll=follow>
            {move || {
                let window = window.get();
                levelled.with(|levelled| {
                    doc.program.with(|program| {
                        cockpit.with(|c| draw_timeline(program, c, window, levelled.as_ref()))
                    })
                })
            }}
        </div>
    }
}

fn draw_timeline(
    program: &Program,
    cockpit: &Cockpit,
    window: (usize, usize),
    levelled: Option<&Levelled>,
) -> impl IntoView {
    let drawn = |row: usize| (window.0..window.1).contains(&row);
    let schedule = levelled.map_or(cockpit.schedule(), |l| &l.schedule);
    let baseline = cockpit.basis.baseline.as_ref();
    let groups = timeline_rows(program, cockpit, schedule);
    let all_rows: Vec<&Row> = groups.iter().flat_map(|(_, rows)| rows.iter()).collect();
    let baseline_dates = baseline
        .into_iter()
        .flat_map(|b| b.rows.values().flat_map(|r| [r.start, r.finish]));
    let first = all_rows
        .iter()
        .map(|r| r.start)
        .chain([program.start, schedule.as_of])
        .chain(baseline_dates.clone())
        .min()
        .unwrap_or(program.start);
    let last = all_rows
        .iter()
        .map(|r| r.late_finish.max(r.finish))
        .chain([program.target, schedule.forecast_finish, schedule.as_of])
        .chain(baseline_dates)
        .max()
        .unwrap_or(program.target);
    let days = (last - first).num_days().max(1) as f64 + 7.0;
    let day_width = (1000.0 / days).clamp(3.0, 18.0);
    let x = move |date: NaiveDate| LABEL_WIDTH + (date - first).num_days() as f64 * day_width;
    let bar_end = move |date: NaiveDate| x(date) + day_width;
    let rows_count = all_rows.len() + groups.len();
    let height = HEADER + rows_count as f64 * ROW + 10.0;
    let width = LABEL_WIDTH + days * day_width + 60.0;

    let mut y_of: HashMap<&str, (f64, bool)> = HashMap::new();
    let mut y = HEADER;
    let mut shapes = Vec::new();
    let mut line = 0usize;
    for (group, rows) in &groups {
        if drawn(line) {
            shapes.push(
                view! { <text class="group" x="6" y={tenths(y + 17.0)}>{group.clone()}</text> }
                    .into_any(),
            );
        }
        y += ROW;
        line += 1;
        for row in rows {
            y_of.insert(row.id.as_str(), (y, drawn(line)));
            if drawn(line) {
                shapes.push(draw_row(row, y, x, bar_end, baseline).into_any());
            }
            y += ROW;
            line += 1;
        }
    }

    let mut links = Vec::new();
    for item in &program.items {
        let (Some(&(to_y, to_drawn)), Some(to)) =
            (y_of.get(item.id.as_str()), schedule.node(&item.id))
        else {
            continue;
        };
        for link in &item.after {
            let (Some(&(from_y, from_drawn)), Some(from)) =
                (y_of.get(link.id.as_str()), schedule.node(&link.id))
            else {
                continue;
            };
            // A link is drawn when either end is.
            if !(from_drawn || to_drawn) {
                continue;
            }
            let x1 = bar_end(from.early_finish);
            let x2 = x(to.early_start);
            let critical = from.critical && to.critical;
            let path = format!(
                "M{},{} H{} V{} H{}",
                tenths(x1),
                tenths(from_y + ROW / 2.0),
                tenths((x1 + 4.0).max(x2 - 6.0).min(x1 + 8.0)),
                tenths(to_y + ROW / 2.0),
                tenths(x2)
            );
            links.push(view! {
                <path class=if critical { "link critical-link" } else { "link" } d=path marker-end="url(#arrow)"/>
            });
        }
    }

    // Levelled: each wait for people is a link of its own, from the items that held the
    // people to the one that waited, saying so.
    let mut wait_links = Vec::new();
    let lookup = program.lookup();
    for wait in levelled.map_or(&[][..], |l| &l.waits[..]) {
        let (Some(&(to_y, to_drawn)), Some(to)) =
            (y_of.get(wait.item.as_str()), schedule.node(&wait.item))
        else {
            continue;
        };
        let why = format!(
            "{} {}",
            wait.item,
            crate::engine::capacity::words::wait_words_in(program, &lookup, wait, schedule.as_of)
        );
        for holder in &wait.holders {
            let (Some(&(from_y, from_drawn)), Some(from)) =
                (y_of.get(holder.as_str()), schedule.node(holder))
            else {
                continue;
            };
            if !(from_drawn || to_drawn) {
                continue;
            }
            let (x1, x2) = (bar_end(from.early_finish), x(to.early_start));
            let path = format!(
                "M{},{} C{},{} {},{} {},{}",
                tenths(x1),
                tenths(from_y + ROW / 2.0),
                tenths(x1 + 24.0),
                tenths(from_y + ROW / 2.0),
                tenths(x2 - 24.0),
                tenths(to_y + ROW / 2.0),
                tenths(x2),
                tenths(to_y + ROW / 2.0)
            );
            wait_links.push(view! {
                <path class="link wait-link" d=path marker-end="url(#arrow)"><title>{why.clone()}</title></path>
            });
        }
    }

    let status_x = x(schedule.as_of);
    let target_x = bar_end(program.target);
    let months = month_ticks(first, last);
    let edge = |lx: f64| {
        if lx > width - 120.0 {
            ("end", lx - 3.0)
        } else {
            ("start", lx + 3.0)
        }
    };
    let (status_anchor, status_tx) = edge(status_x);
    let (target_anchor, target_tx) = edge(target_x);
    view! {
            <svg class="timeline" width={tenths(width)} height={tenths(height)} viewBox=format!("0 0 {} {}", tenths(width), tenths(height)) role="img"
                data-status-x=(status_x as i64).to_string()
                aria-label=format!(
                    "Timeline of {} items and dependencies{}; the critical path is marked ◆ with a thick outline",
                    all_rows.len(),
                    if levelled.is_some() { ", levelled against team capacity, waits for people drawn as dashed links" } else { "" }
                )>
                <defs>
                    <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
                        <path d="M0,0 L8,4 L0,8 z" class="arrow-head"/>
                    </marker>
                </defs>
                {months.into_iter().map(|(date, label)| {
                    let mx = x(date);
                    view! {
                        <line class="month" x1={tenths(mx)} x2={tenths(mx)} y1={tenths(HEADER - 6.0)} y2={tenths(height)}/>
                        <text class="month-label" x={tenths(mx + 3.0)} y="14">{label}</text>
                    }
                }).collect_view()}
                {links}
                {wait_links}
                {shapes}
                <line class="status-line" x1={tenths(status_x)} x2={tenths(status_x)} y1="18" y2={tenths(height)}/>
                <text class="status-label" x={tenths(status_tx)} y="28" text-anchor=status_anchor>{format!("status {}", short_date(schedule.as_of))}</text>
                <line class="target-line" x1={tenths(target_x)} x2={tenths(target_x)} y1="18" y2={tenths(height)}/>
                <text class="target-label" x={tenths(target_tx)} y="28" text-anchor=target_anchor>{format!("target {}", short_date(program.target))}</text>
            </svg>
    }
}

fn draw_row(
    row: &Row,
    y: f64,
    x: impl Fn(NaiveDate) -> f64,
    bar_end: impl Fn(NaiveDate) -> f64,
    baseline: Option<&Baseline>,
) -> impl IntoView {
    let mark = if row.critical {
        "◆ "
    } else if row.near {
        "◇ "
    } else {
        ""
    };
    let label = fit_label(&format!("{mark}{}", row.label));
    let class = if row.done {
        "bar done"
    } else if row.critical {
        "bar critical"
    } else if row.near {
        "bar near"
    } else {
        "bar"
    };
    let was = baseline.and_then(|b| b.rows.get(&row.id));
    let slip = was
        .filter(|w| w.finish_slip != 0)
        .map(|w| {
            format!(
                ", {} against the baseline",
                working_days_moved(w.finish_slip)
            )
        })
        .unwrap_or_default();
    let tip = format!(
        "{} — {} to {}, float {}{}{}{}",
        row.label,
        short_date(row.start),
        short_date(row.finish),
        working_days(row.float),
        if row.critical {
            ", critical"
        } else if row.near {
            ", near-critical"
        } else {
            ""
        },
        row.colour
            .map(|c| format!(", {}", c.label()))
            .unwrap_or_default(),
        slip
    );
    let shape = if row.kind == NodeKind::Milestone || row.kind == NodeKind::Dependency {
        let cx = bar_end(row.finish) - 3.0;
        let cy = y + ROW / 2.0;
        view! { <path class=class d=format!("M{},{} l7,7 l-7,7 l-7,-7 z", tenths(cx), tenths(cy - 7.0))/> }
            .into_any()
    } else {
        let x1 = x(row.start);
        let w = (bar_end(row.finish) - x1).max(2.0);
        view! { <rect class=class x={tenths(x1)} y={tenths(y + 5.0)} width={tenths(w)} height={tenths(ROW - 13.0)} rx="2"/> }.into_any()
    };
    let float_bar = (row.float > 0 && !row.done).then(|| {
        let x1 = bar_end(row.finish);
        let w = (bar_end(row.late_finish) - x1).max(0.0);
        view! { <rect class="float" x={tenths(x1)} y={tenths(y + 9.0)} width={tenths(w)} height={tenths(ROW - 20.0)}/> }
    });
    let baseline_bar = was.map(|w| {
        let x1 = x(w.start);
        let width = (bar_end(w.finish) - x1).max(2.0);
        let text = (w.finish_slip != 0).then(|| {
            let label = if w.finish_slip > 0 {
                format!("+{}", w.finish_slip)
            } else {
                w.finish_slip.to_string()
            };
            let lx = bar_end(row.finish.max(w.finish)) + 4.0;
            view! { <text class="slip-label" x={tenths(lx)} y={tenths(y + ROW - 4.0)}>{format!("{label} wd")}</text> }
        });
        view! {
            <rect class="baseline" x={tenths(x1)} y={tenths(y + ROW - 7.0)} width={tenths(width)} height="3"/>
            {text}
        }
    });
    let name = tip.clone();
    view! {
        <g class="row" tabindex="0" aria-label=name>
            <title>{tip}</title>
            <text class=if row.critical { "label critical" } else { "label" } x="16" y={tenths(y + 17.0)}>{label}</text>
            {float_bar}
            {shape}
            {baseline_bar}
        </g>
    }
}

/// The first day of each month in the range, labelled "Jan 2027".
fn month_ticks(first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, String)> {
    use chrono::Datelike;
    let mut ticks = Vec::new();
    let mut date = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
    while date <= last && ticks.len() < 240 {
        if date >= first {
            ticks.push((date, crate::engine::words::month_year(date)));
        }
        date = date
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Duration::days(1));
    }
    ticks
}

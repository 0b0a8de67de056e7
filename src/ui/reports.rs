//! Published reports: the list in Program (view, print, make the baseline) and a report
//! shown read-only, as it was published, printable on one page.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::state::{expect_document, expect_editor, expect_navigation, expect_notices, Route};
use super::summary::{copy_text, print_page};
use super::widgets::{sentence_view, shown, ColourPill};
use crate::engine::publish::read_rows;
use crate::engine::words::{long_date, near_date, percent, short_date};
use crate::io::markdown::report_markdown;
use crate::model::edit::set_baseline;

/// A report's table of rows is open when it has at most this many (else one click away).
const OPEN_ROWS: usize = 60;

/// The published reports of the open program, newest first.
#[component]
pub fn ReportList() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let notices = expect_notices();
    let reports = Memo::new(move |_| {
        doc.program.with(|p| {
            p.reports
                .iter()
                .rev()
                .map(|r| {
                    (
                        r.date,
                        r.colour,
                        r.finish,
                        r.confidence,
                        p.baseline == Some(r.date),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    let baseline = move |date: Option<NaiveDate>| {
        let label = match date {
            Some(d) => format!("make the report of {} the baseline", long_date(d)),
            None => "clear the baseline".to_string(),
        };
        if let Err(err) = editor.edit(label, |p| set_baseline(p, date)) {
            notices.notify(err.to_string(), true);
        }
    };
    view! {
        <section class="reports" aria-labelledby="reports-title">
            <h3 id="reports-title">"Published reports"</h3>
            {shown(move || reports.with(Vec::is_empty), move || view! {
                <p class="hint">"None yet. \"Publish this week's status\" on the Summary keeps what it says, so next week's changes and the trend of the date use the figures you reported."</p>
            }.into_any())}
            {shown(move || reports.with(|r| !r.is_empty()), || view! {
                <p class="hint">"Making a report the baseline freezes its dates as the plan to measure against: Critical path and Register then show each entry's slip since."</p>
            }.into_any())}
            <ul class="report-list">
                {move || reports.get().into_iter().map(|(date, colour, finish, confidence, is_baseline)| {
                    let route = Route::Report(date);
                    view! {
                        <li>
                            <a href=route.hash()>{format!("Report of {}", long_date(date))}</a>
                            " "
                            <ColourPill colour=Some(colour)/>
                            {format!(" finish {}{}", short_date(finish), confidence.map(|c| format!(", {}", percent(c))).unwrap_or_default())}
                            {if is_baseline {
                                view! {
                                    <span class="badge">"baseline"</span>
                                    <button type="button" class="edit-only" on:click=move |_| baseline(None)>"Clear the baseline"</button>
                                }.into_any()
                            } else {
                                view! {
                                    <button type="button" class="edit-only" aria-label=format!("Make the report of {} the baseline", long_date(date))
                                        on:click=move |_| baseline(Some(date))>"Make baseline"</button>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A published report, read-only and as it was.
#[component]
pub fn ReportView(date: NaiveDate) -> impl IntoView {
    let doc = expect_document();
    let navigation = expect_navigation();
    let report = Memo::new(move |_| doc.program.with(|p| p.report_at(date).cloned()));
    let copied = RwSignal::new(None::<String>);
    let copy = move |_| {
        let text = doc.program.with_untracked(|p| {
            report.with_untracked(|r| {
                r.as_ref()
                    .map(|r| report_markdown(&p.name, r))
                    .unwrap_or_default()
            })
        });
        copy_text(text, copied, "Copied the report as Markdown.");
    };
    view! {
        <section class="view summary report" aria-labelledby="report-title">
            <div class="view-head">
                <h2 id="report-title">{format!("Published report of {}", long_date(date))}</h2>
                <div class="actions no-print">
                    <button type="button" on:click=copy>"Copy as Markdown"</button>
                    <button type="button" on:click=move |_| print_page()>"Print"</button>
                    <button type="button" on:click=move |_| navigation.go(Route::Program)>"Back to Program"</button>
                    <span role="status">{move || copied.get()}</span>
                </div>
            </div>
            {move || match report.get() {
                None => view! { <p role="alert">{format!("No report is published for {}.", long_date(date))}</p> }.into_any(),
                Some(r) => view! {
                    <p class="muted">"Read-only: this is what was reported that week."</p>
                    <div class="exec">
                        <p class="exec-paragraph">{r.paragraph.iter().map(|s| view! { {sentence_view(s)} " " }).collect_view()}</p>
                        {r.notes.clone().map(|n| view! { <p class="exec-notes">{n}</p> })}
                    </div>
                    <p class="figures">
                        {format!(
                            "Forecast finish {} against the {} target{}.",
                            long_date(r.finish),
                            long_date(r.target),
                            match (r.confidence, r.p50, r.p85, r.p95) {
                                (Some(c), Some(p50), Some(p85), Some(p95)) => format!(
                                    "; date confidence {} — P50 {}, P85 {}, P95 {}",
                                    percent(c), long_date(p50), long_date(p85), long_date(p95)
                                ),
                                _ => String::new(),
                            }
                        )}
                    </p>
                    {(!r.changes.is_empty()).then(|| view! {
                        <section class="summary-section"><h3>"What changed"</h3>
                            <ul>{r.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                        </section>
                    })}
                    {r.sections.iter().map(|section| view! {
                        <section class="summary-section">
                            <h3>{section.heading.clone()}</h3>
                            {if section.list {
                                view! { <ul>{section.lines.iter().map(|l| view! { <li>{sentence_view(l)}</li> }).collect_view()}</ul> }.into_any()
                            } else {
                                section.lines.iter().map(|l| view! { <p class="chain">{sentence_view(l)}</p> }).collect_view().into_any()
                            }}
                        </section>
                    }).collect_view()}
                    // Open when it is short enough to read; a large program's rows wait for a click.
                    <details class="report-rows" open=r.rows.len() <= OPEN_ROWS>
                        <summary>{format!("{} items and dependencies as reported", r.rows.len())}</summary>
                        <div class="table-scroll">
                        <table class="grid">
                            <thead><tr>
                                <th scope="col">"Work item"</th><th scope="col">"Colour"</th><th scope="col">"That week's note"</th>
                                <th scope="col">"Start"</th><th scope="col">"Finish"</th><th scope="col">"Float"</th><th scope="col">"Due"</th>
                            </tr></thead>
                            <tbody>
                                {doc.program.with_untracked(|p| read_rows(p, &r)).into_iter().map(|line| view! {
                                    <tr>
                                        <th scope="row">
                                            {line.row.id.clone()}{line.row.critical.then_some(" ◆")}
                                            {line.title.map(|t| view! { <div class="muted">{t}</div> })}
                                        </th>
                                        <td><ColourPill colour=line.row.colour/></td>
                                        <td class="long-cell">{line.note}</td>
                                        <td>{near_date(line.row.start, r.date)}</td>
                                        <td>{near_date(line.row.finish, r.date)}</td>
                                        <td>{line.row.float}</td>
                                        <td>{line.row.due.map(|d| near_date(d, r.date)).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    </details>
                }.into_any(),
            }}
        </section>
    }
}

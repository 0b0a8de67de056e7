//! The executive summary (docs/rules.md#summary): the paragraph answering "will we hit the date?",
//! then the sections below it — critical risks, decisions needed, the critical chain, what
//! changed since the last published report, the trend of the date, what needs review — each
//! a list of sentences that the screen, the Markdown and the print render word for word.
//! Pure: the status date is an argument; user text stays text, never markup.

mod changes;
mod paragraph;
mod sections;
mod trend;

pub use changes::{previous_status_date, Compared};
pub use sections::{ChainLink, DecisionLine, RiskLine, Urgency};
pub use trend::{trend, TrendPoint};

use chrono::NaiveDate;

use crate::engine::calendar::WorkCalendar;
use crate::engine::cockpit::Finish;
use crate::engine::forecast::Forecast;
use crate::engine::schedule::Schedule;
use crate::engine::status::{ItemStatus, ProgramColour, RiskFinding};
use crate::engine::words::{long_date, non_blank, number, percent};
use crate::model::{Lookup, Program, Sentence};

/// At most this many words in the first paragraph: an executive reads it in 30 seconds.
pub const PARAGRAPH_WORDS: usize = 100;

/// What the summary is written from: the program and what the engine found at `as_of`.
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    pub program: &'a Program,
    /// The program by id (built once: the summary looks up ids per item).
    pub lookup: &'a Lookup<'a>,
    pub schedule: &'a Schedule,
    /// The finish the program answers with (levelled with capacity data; see [`Finish`]).
    pub finish: Finish,
    pub statuses: &'a [ItemStatus],
    pub findings: &'a [RiskFinding],
    pub colour: &'a ProgramColour,
    /// The Monte Carlo result when it is ready; `None` while it runs.
    pub forecast: Option<&'a Forecast>,
    pub as_of: NaiveDate,
}

/// A section below the paragraph: a heading and its sentences, or what to say when there
/// are none. `list`: shown as a list (else as paragraphs).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A stable name for the section (`risks`, `decisions`, `chain`, `changes`, `trend`,
    /// `review`), for anchors and tests.
    pub key: &'static str,
    pub heading: String,
    pub lines: Vec<Sentence>,
    /// Said instead of the lines when there are none.
    pub empty: String,
    pub list: bool,
}

/// The executive summary of a program at a status date.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub target: NaiveDate,
    pub forecast_finish: NaiveDate,
    /// With capacity data, the finish without capacity limits (the links alone): when it
    /// differs from `forecast_finish`, capacity is what sets the date ([`Finish`]).
    pub unlevelled_finish: Option<NaiveDate>,
    /// The program has nothing to schedule yet: no colour, no date, no confidence.
    pub empty: bool,
    /// The first paragraph, sentence by sentence; the `headline` override replaces it whole.
    pub paragraph: Vec<Sentence>,
    /// True when `paragraph` is the human `headline`.
    pub headline_overridden: bool,
    /// The `summary.notes` override, shown below the paragraph.
    pub notes: Option<String>,
    /// "Date confidence: 72 % for 15 Jan 2027 — P50 …, P85 …, P95 …." once known; or, when
    /// nothing on the critical paths has a range, that confidence is not estimated yet.
    pub confidence: Option<Sentence>,
    /// The unfinished tasks on the critical and near-critical paths without a Low/High
    /// range (ids, file order), and how many such tasks there are in all.
    pub unranged: (Vec<String>, usize),
    /// The sections below the paragraph, in reading order.
    pub sections: Vec<Section>,
    /// Escalate-now first, then blockers, then the rest; each by trigger date.
    pub critical_risks: Vec<RiskLine>,
    /// Pending decisions by `needed_by`, those without one last.
    pub decisions_needed: Vec<DecisionLine>,
    /// The critical path, first to last.
    pub critical_chain: Vec<ChainLink>,
    /// What "what changed" compares with, when there is anything.
    pub compared_with: Option<Compared>,
    /// What changed, one sentence each naming an id and a date or number.
    pub changes: Vec<String>,
    /// Entries needing review, an update, an owner or a date: one sentence each.
    pub needs_review: Vec<String>,
    /// The forecast at each published report, then now.
    pub trend: Vec<TrendPoint>,
}

impl Summary {
    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// The paragraph as plain text.
    pub fn paragraph_text(&self) -> String {
        self.paragraph
            .iter()
            .map(Sentence::text)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// How many words the paragraph has.
    pub fn paragraph_words(&self) -> usize {
        self.paragraph.iter().map(Sentence::words).sum()
    }
}

/// True when the program has nothing to schedule: no work item and no dependency.
pub fn is_empty_program(program: &Program) -> bool {
    program.items.is_empty() && program.dependencies.is_empty()
}

/// Writes the executive summary from the facts. Never panics, whatever the data: missing
/// titles, owners or dates only make sentences shorter.
pub fn summarize(facts: Facts) -> Summary {
    let program = facts.program;
    let as_of = facts.as_of;
    let empty = is_empty_program(program);
    let decisions_needed = sections::decisions_needed(program, as_of);
    let critical_risks = sections::critical_risks(program, facts.schedule, facts.findings);
    let critical_chain = sections::critical_chain(facts.lookup, facts.schedule);
    let compared = changes::compare(&facts);
    let headline = non_blank(program.summary.headline.as_deref());
    let paragraph = match headline {
        Some(text) => vec![Sentence::plain(text)],
        None => paragraph::paragraph(&facts, &decisions_needed, compared.as_ref()),
    };
    let needs_review = sections::needs_review(facts.lookup, facts.statuses, as_of);
    let (compared_with, changes) = match compared {
        Some(c) => (Some(c.compared), c.lines),
        None => (None, Vec::new()),
    };
    let unranged = unranged_critical(&facts);
    let confidence = if empty {
        None
    } else if !estimated(&unranged) {
        Some(not_estimated_sentence(&unranged))
    } else {
        facts
            .forecast
            .map(|f| confidence_sentence(f, program.target, &unranged))
    };

    let trend_points = trend(program, facts.finish.date, facts.forecast, as_of);
    let sections = vec![
        sections::risks_section(&critical_risks, as_of),
        sections::decisions_section(&decisions_needed, as_of),
        sections::chain_section(&critical_chain, &facts.finish, program, as_of, empty),
        changes::changes_section(compared_with.as_ref(), &changes),
        trend::trend_section(&trend_points, program.target, as_of),
        sections::review_section(&needs_review),
    ];

    Summary {
        as_of,
        target: program.target,
        forecast_finish: facts.finish.date,
        unlevelled_finish: facts.finish.unlevelled,
        empty,
        paragraph,
        headline_overridden: headline.is_some(),
        notes: non_blank(program.summary.notes.as_deref()).map(str::to_string),
        confidence,
        unranged,
        sections,
        critical_risks,
        decisions_needed,
        critical_chain,
        compared_with,
        changes,
        needs_review,
        trend: trend_points,
    }
}

/// A working-day calendar whose table covers every date the summary compares.
pub(crate) fn work_calendar(program: &Program, dates: &[NaiveDate]) -> WorkCalendar {
    let origin = dates.iter().copied().fold(program.start, NaiveDate::min);
    WorkCalendar::new(&program.calendar, origin)
}

/// The unfinished tasks (not milestones, some duration) on the critical and near-critical
/// paths that have no Low/High range to draw from (none, or Low = High), and how many such
/// tasks there are in all.
pub(crate) fn unranged_critical(facts: &Facts) -> (Vec<String>, usize) {
    unranged_in(facts.program, facts.schedule)
}

/// [`unranged_critical`] of a program and its schedule, before the rest of the facts exist
/// (the program colour counts the confidence only when it is estimated).
pub(crate) fn unranged_in(program: &Program, schedule: &Schedule) -> (Vec<String>, usize) {
    let mut unranged = Vec::new();
    let mut total = 0;
    for item in &program.items {
        let Some(node) = schedule.node(&item.id) else {
            continue;
        };
        if node.done
            || !(node.critical || node.near_critical)
            || item.is_milestone()
            || item.days == 0
        {
            continue;
        }
        total += 1;
        let ranged = matches!((item.low, item.high), (Some(low), Some(high)) if low < high);
        if !ranged {
            unranged.push(item.id.clone());
        }
    }
    (unranged, total)
}

/// Whether the date confidence has something to draw from: at least one task on the
/// critical paths has a range (or there is none to estimate).
pub fn estimated(unranged: &(Vec<String>, usize)) -> bool {
    unranged.1 == 0 || unranged.0.len() < unranged.1
}

/// "5 of 6 critical items have no Low/High range" (the paragraph's words, kept short).
pub(crate) fn unranged_count(unranged: &(Vec<String>, usize)) -> String {
    let (ids, total) = unranged;
    let verb = if ids.len() == 1 { "has" } else { "have" };
    format!(
        "{} of {total} critical items {verb} no Low/High range",
        ids.len()
    )
}

/// "5 of 6 critical items have no Low/High range (PAY-1, PAY-2, PAY-3 and 2 more)".
pub(crate) fn unranged_phrase(unranged: &(Vec<String>, usize)) -> String {
    let (ids, total) = unranged;
    const SHOWN: usize = 3;
    let mut named = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        named.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    let verb = if ids.len() == 1 { "has" } else { "have" };
    format!(
        "{} of {total} critical items {verb} no Low/High range ({named})",
        ids.len()
    )
}

/// "Confidence not estimated yet: 5 of 6 critical items have no Low/High range (…). Add
/// Low and High in Plan to get a percentage."
fn not_estimated_sentence(unranged: &(Vec<String>, usize)) -> Sentence {
    let mut s = Sentence::default();
    s.bold("Confidence not estimated yet").add(&format!(
        ": {}. Add Low and High in Plan to get a percentage.",
        unranged_phrase(unranged)
    ));
    s
}

/// "Date confidence: 68 % for 15 Jan 2027 — P50 14 Jan 2027, P85 19 Jan 2027, P95 21 Jan 2027."
/// (and, when some critical items have no range, which).
fn confidence_sentence(
    forecast: &Forecast,
    target: NaiveDate,
    unranged: &(Vec<String>, usize),
) -> Sentence {
    let mut s = Sentence::default();
    s.add("Date confidence: ")
        .bold(&percent(forecast.confidence))
        .add(&format!(
            " for {} — P50 {}, P85 {}, P95 {} ({} runs).",
            long_date(target),
            long_date(forecast.p50),
            long_date(forecast.p85),
            long_date(forecast.p95),
            number(u64::from(forecast.iterations))
        ));
    if !unranged.0.is_empty() {
        s.add(&format!(
            " Drawn without them: {}.",
            unranged_phrase(unranged)
        ));
    }
    s
}

//! The executive summary (SPEC §5): the first paragraph that answers "will we hit the date?",
//! then critical risks, decisions needed, the critical chain, what changed and what needs
//! review. Pure: the status date is an argument; user text is kept as text, never markup.

use chrono::NaiveDate;

use crate::engine::calendar::WorkCalendar;
use crate::engine::forecast::Forecast;
use crate::engine::schedule::{NodeSchedule, Schedule};
use crate::engine::status::{statuses, ItemStatus, ProgramColour, RiskFinding};
use crate::model::{Colour, Dependency, Program, RiskState, StatusUpdate};

/// Pending decisions due within this many calendar days are all named in the paragraph;
/// when none are, the first two are.
const DECISION_HORIZON_DAYS: i64 = 21;

/// At most this many decisions are named in the paragraph; the rest are listed below it.
const PARAGRAPH_DECISIONS: usize = 3;

/// Dates further than this from the status date carry their year even where short dates
/// are fine, so "5 Feb" is never read as the wrong February.
const SHORT_DATE_SPAN_DAYS: i64 = 180;

/// One run of text in a sentence: shown bold when `strong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub strong: bool,
}

/// One sentence of the paragraph as runs of plain and bold text. The UI renders each part
/// as a text node (inside `<strong>` when bold); Markdown wraps bold parts in `**`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub parts: Vec<Part>,
}

impl Sentence {
    /// A sentence of plain text only.
    pub fn plain(text: &str) -> Sentence {
        let mut sentence = Sentence::default();
        sentence.push(text, false);
        sentence
    }

    /// The sentence as plain text.
    pub fn text(&self) -> String {
        self.parts.iter().map(|p| p.text.as_str()).collect()
    }

    /// The bold parts, in order.
    pub fn strong(&self) -> Vec<&str> {
        self.parts
            .iter()
            .filter(|p| p.strong)
            .map(|p| p.text.as_str())
            .collect()
    }

    fn push(&mut self, text: &str, strong: bool) -> &mut Sentence {
        if text.is_empty() {
            return self;
        }
        match self.parts.last_mut() {
            Some(last) if last.strong == strong => last.text.push_str(text),
            _ => self.parts.push(Part {
                text: text.to_string(),
                strong,
            }),
        }
        self
    }

    fn add(&mut self, text: &str) -> &mut Sentence {
        self.push(text, false)
    }

    fn bold(&mut self, text: &str) -> &mut Sentence {
        self.push(text, true)
    }
}

/// How urgent a critical risk is, in the order listed: what can still be prevented this
/// week first (as in the risk register), then what has already become a blocker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Open, on the critical or near-critical path, trigger within the escalation window.
    EscalateNow,
    /// Open or escalated and its trigger has passed.
    Blocker,
    /// Open or escalated and on the critical or near-critical path, trigger further out.
    Watch,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Blocker => "Blocker",
            Urgency::EscalateNow => "Escalate now",
            Urgency::Watch => "Watch",
        }
    }
}

/// A risk that touches the critical path, as listed below the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskLine {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub state: RiskState,
    pub urgency: Urgency,
    pub trigger: Option<NaiveDate>,
    /// Calendar days from the status date to the trigger; negative once passed.
    pub days_to_trigger: Option<i64>,
    /// The affected ids that are critical or near-critical and not done.
    pub affects_critical: Vec<String>,
    pub options: Vec<String>,
    /// The linked decision's id, when the risk has one.
    pub decision: Option<String>,
}

/// A pending decision, as listed below the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionLine {
    pub id: String,
    pub question: String,
    pub from: Option<String>,
    pub needed_by: Option<NaiveDate>,
    /// Calendar days from the status date to `needed_by`; negative: overdue.
    pub days_left: Option<i64>,
    pub options: Vec<String>,
    pub recommendation: Option<String>,
}

/// One link of the critical chain.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLink {
    pub id: String,
    pub title: String,
    pub early_finish: NaiveDate,
}

/// The schedule and forecast as they stood at the previous status date; the caller
/// computes them (the summary never runs the Monte Carlo itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub date: NaiveDate,
    pub forecast_finish: NaiveDate,
    pub confidence: Option<f64>,
}

/// The executive summary of a program at a status date.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub target: NaiveDate,
    pub forecast_finish: NaiveDate,
    /// The colour shown: the override when there is one.
    pub colour: Colour,
    pub colour_overridden: bool,
    /// What the rules give, which differs from `colour` only under an override.
    pub computed_colour: Colour,
    pub override_reason: Option<String>,
    /// Why the rules give `computed_colour`, one sentence each.
    pub colour_reasons: Vec<String>,
    /// The first paragraph, sentence by sentence; the `headline` override replaces it whole.
    pub paragraph: Vec<Sentence>,
    /// True when `paragraph` is the human `headline`.
    pub headline_overridden: bool,
    pub confidence: Option<f64>,
    pub p50: Option<NaiveDate>,
    pub p85: Option<NaiveDate>,
    pub p95: Option<NaiveDate>,
    /// Escalate-now first, then blockers, then the rest; each by trigger date.
    pub critical_risks: Vec<RiskLine>,
    /// Pending decisions by `needed_by`, those without one last.
    pub decisions_needed: Vec<DecisionLine>,
    /// The critical path, first to last.
    pub critical_chain: Vec<ChainLink>,
    /// The previous status date the changes are counted from; `None`: there is none.
    pub previous_date: Option<NaiveDate>,
    /// What changed in (previous date, as of], one sentence each naming an id and a date
    /// or number. Empty: no changes.
    pub changes: Vec<String>,
    /// Entries needing review, update, an owner or a date: one sentence each naming the id.
    pub needs_review: Vec<String>,
    /// The `summary.notes` override, shown below the paragraph.
    pub notes: Option<String>,
}

/// "15 Jan 2027".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// "26 Nov".
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// Short when near `as_of`, with the year when far away.
fn near_date(date: NaiveDate, as_of: NaiveDate) -> String {
    if days_between(as_of, date).abs() <= SHORT_DATE_SPAN_DAYS {
        short_date(date)
    } else {
        long_date(date)
    }
}

/// Whole percent, rounded down so 79.6 % never reads as the 80 % threshold: "72 %".
fn percent(share: f64) -> String {
    let value = if share.is_finite() {
        (share * 100.0).floor().clamp(0.0, 100.0)
    } else {
        0.0
    };
    format!("{value} %")
}

fn working_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} working day")
    } else {
        format!("{n} working days")
    }
}

fn calendar_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Lower-cases a leading capital so user text reads inside a sentence ("Fall back…" →
/// "fall back…"), but leaves acronyms and names like "API" or "SSO" alone.
fn inline_case(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// User text as a clause: one line, no trailing full stop (the sentence adds its own).
fn clause(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.trim_end_matches(['.', ' ']).to_string()
}

/// "Integrate payments API (PAY-1)", or just the id when the title is blank.
fn named(id: &str, title: &str) -> String {
    let title = clause(title);
    if title.is_empty() {
        id.to_string()
    } else {
        format!("{title} ({id})")
    }
}

/// The latest update on or before `date`; of two on the same day the one written last,
/// as the status engine reads them.
fn latest_update(updates: &[StatusUpdate], date: NaiveDate) -> Option<&StatusUpdate> {
    updates
        .iter()
        .enumerate()
        .filter(|(_, u)| u.date <= date)
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| u)
}

/// The latest update on or before `date` that carries a non-blank note.
fn latest_note(updates: &[StatusUpdate], date: NaiveDate) -> Option<&StatusUpdate> {
    updates
        .iter()
        .enumerate()
        .filter(|(_, u)| u.date <= date && non_blank(u.note.as_deref()).is_some())
        .max_by_key(|(i, u)| (u.date, *i))
        .map(|(_, u)| u)
}

/// A working-day calendar whose table covers every date the summary compares.
fn work_calendar(program: &Program, dates: &[NaiveDate]) -> WorkCalendar {
    let origin = dates.iter().copied().fold(program.start, NaiveDate::min);
    WorkCalendar::new(&program.calendar, origin)
}

/// The latest status update date of any item or dependency strictly before `as_of`: the
/// previous weekly status the "what changed" list compares with. `None` when there is none.
pub fn previous_status_date(program: &Program, as_of: NaiveDate) -> Option<NaiveDate> {
    program
        .items
        .iter()
        .flat_map(|i| i.status.iter())
        .chain(program.dependencies.iter().flat_map(|d| d.status.iter()))
        .map(|u| u.date)
        .filter(|d| *d < as_of)
        .max()
}

/// Builds the executive summary at `as_of` from results the caller already has.
///
/// `forecast` is the Monte Carlo result when it is ready (`None`: the paragraph says the
/// confidence is being computed); `previous` is the schedule and forecast at the previous
/// status date, for the forecast and confidence moves in `changes`. Never panics, whatever
/// the data: missing titles, owners or dates only make sentences shorter.
#[allow(clippy::too_many_arguments)]
pub fn summarize(
    program: &Program,
    schedule: &Schedule,
    statuses: &[ItemStatus],
    risks: &[RiskFinding],
    colour: &ProgramColour,
    forecast: Option<&Forecast>,
    previous: Option<&Previous>,
    as_of: NaiveDate,
) -> Summary {
    let decisions_needed = decisions_needed(program, as_of);
    let critical_risks = critical_risks(program, schedule, risks);
    let headline = non_blank(program.summary.headline.as_deref());
    let paragraph = match headline {
        Some(text) => vec![Sentence::plain(text)],
        None => paragraph(
            program,
            schedule,
            statuses,
            colour,
            forecast,
            &decisions_needed,
            as_of,
        ),
    };
    let previous_date = previous
        .map(|p| p.date)
        .or_else(|| previous_status_date(program, as_of));
    let changes = match previous_date {
        Some(date) => changes(
            program,
            schedule,
            statuses,
            previous,
            forecast.map(|f| f.confidence),
            date,
            as_of,
        ),
        None => Vec::new(),
    };
    let critical_chain = schedule
        .critical_path
        .iter()
        .filter_map(|id| {
            schedule.node(id).map(|node| ChainLink {
                id: id.clone(),
                title: program.title_of(id).unwrap_or_default().to_string(),
                early_finish: node.early_finish,
            })
        })
        .collect();

    Summary {
        as_of,
        target: program.target,
        forecast_finish: schedule.forecast_finish,
        colour: colour.colour,
        colour_overridden: colour.overridden,
        computed_colour: colour.computed,
        override_reason: colour.override_reason.clone(),
        colour_reasons: colour.reasons.clone(),
        paragraph,
        headline_overridden: headline.is_some(),
        confidence: forecast.map(|f| f.confidence),
        p50: forecast.map(|f| f.p50),
        p85: forecast.map(|f| f.p85),
        p95: forecast.map(|f| f.p95),
        critical_risks,
        decisions_needed,
        critical_chain,
        previous_date,
        changes,
        needs_review: needs_review(program, statuses, as_of),
        notes: non_blank(program.summary.notes.as_deref()).map(str::to_string),
    }
}

// ---------------------------------------------------------------------------------------
// The paragraph

fn paragraph(
    program: &Program,
    schedule: &Schedule,
    statuses: &[ItemStatus],
    colour: &ProgramColour,
    forecast: Option<&Forecast>,
    decisions: &[DecisionLine],
    as_of: NaiveDate,
) -> Vec<Sentence> {
    let mut sentences = vec![
        colour_sentence(colour),
        date_sentence(program, schedule, forecast, as_of),
    ];
    sentences.push(slipping_sentence(program, schedule, statuses, as_of));
    let named = paragraph_decisions(decisions);
    if !named.is_empty() {
        sentences.push(decisions_sentence(decisions, &named, as_of));
        if let Some(d) = named.iter().find_map(|&i| {
            let d = &decisions[i];
            non_blank(d.recommendation.as_deref()).map(|r| (d, r))
        }) {
            let (decision, recommendation) = d;
            sentences.push(Sentence::plain(&format!(
                "Recommend: {} ({}).",
                inline_case(&clause(recommendation)),
                decision.id
            )));
        }
    }
    sentences
}

fn colour_sentence(colour: &ProgramColour) -> Sentence {
    let mut s = Sentence::default();
    s.add("Program is ").bold(colour.colour.label());
    match colour
        .override_reason
        .as_deref()
        .filter(|_| colour.overridden)
    {
        Some(reason) => s.add(&format!(" (override: {}).", clause(reason))),
        None => s.add("."),
    };
    s
}

fn date_sentence(
    program: &Program,
    schedule: &Schedule,
    forecast: Option<&Forecast>,
    as_of: NaiveDate,
) -> Sentence {
    let target = program.target;
    let finish = schedule.forecast_finish;
    let mut s = Sentence::default();
    if finish > target {
        let late = -schedule.slack_to_target;
        // A target on a non-working day can sit before a finish with no working day between.
        let by = if late > 0 {
            format!("{} after", working_days(late))
        } else {
            "just after".to_string()
        };
        s.add("We're forecasting ")
            .bold(&long_date(finish))
            .add(&format!(", {by} the {} target", long_date(target)));
        match forecast {
            Some(f) => {
                s.add(", at ")
                    .bold(&format!("{} confidence", percent(f.confidence)))
                    .add(&format!(
                        " of hitting it (P85: {}).",
                        near_date(f.p85, as_of)
                    ));
            }
            None => {
                s.add(", confidence being computed.");
            }
        }
    } else {
        s.add("We're tracking to ").bold(&long_date(target));
        match forecast {
            Some(f) => {
                s.add(" at ")
                    .bold(&format!("{} confidence", percent(f.confidence)))
                    .add(&format!(" (P85: {}).", near_date(f.p85, as_of)));
            }
            None => {
                s.add(", confidence being computed.");
            }
        }
    }
    s
}

/// A critical or near-critical item or dependency that is behind, and how badly.
struct Slipping<'a> {
    status: &'a ItemStatus,
    node: &'a NodeSchedule,
    due: Option<NaiveDate>,
}

impl Slipping<'_> {
    fn past_due(&self) -> bool {
        self.due.is_some_and(|d| self.node.early_finish > d)
    }

    /// Higher is worse. What decides the date comes first: work that alone makes the
    /// target late, then the critical path before near-critical work; then Red or
    /// overdue before Yellow or past its due; then the least float to target.
    fn rank(&self) -> (bool, bool, u8, i64) {
        let severity = if self.status.effective == Some(Colour::Red) || self.node.overdue {
            2
        } else {
            1
        };
        (
            self.node.float_to_target < 0,
            self.node.critical,
            severity,
            -self.node.float_to_target,
        )
    }
}

fn worst_slipping<'a>(
    program: &Program,
    schedule: &'a Schedule,
    statuses: &'a [ItemStatus],
) -> Option<Slipping<'a>> {
    statuses
        .iter()
        .filter(|s| !s.done)
        .filter_map(|status| {
            let node = schedule
                .node(&status.id)
                .filter(|n| n.scheduled && !n.done)?;
            if !(node.critical || node.near_critical) {
                return None;
            }
            let due = if status.is_dependency {
                program.dependency(&status.id).and_then(|d| d.due)
            } else {
                program.item(&status.id).and_then(|i| i.due)
            };
            let slipping = Slipping { status, node, due };
            let flagged = matches!(status.effective, Some(Colour::Red | Colour::Yellow))
                || node.overdue
                || slipping.past_due();
            flagged.then_some(slipping)
        })
        // Ties keep the first in file order, so the sentence is stable week to week.
        .fold(None, |best: Option<Slipping>, next| match best {
            Some(b) if b.rank() >= next.rank() => Some(b),
            _ => Some(next),
        })
}

fn slipping_sentence(
    program: &Program,
    schedule: &Schedule,
    statuses: &[ItemStatus],
    as_of: NaiveDate,
) -> Sentence {
    let Some(worst) = worst_slipping(program, schedule, statuses) else {
        return nothing_slipping(program, schedule);
    };
    let cal = work_calendar(program, &[as_of, worst.node.early_finish]);
    let status = worst.status;
    let node = worst.node;

    let mut how = Vec::new();
    if let Some(c @ (Colour::Red | Colour::Yellow)) = status.effective {
        how.push(c.label().to_string());
    }
    match (node.overdue, worst.due) {
        (true, Some(due)) => how.push(format!(
            "{} overdue (due {})",
            calendar_days(days_between(due, as_of)),
            near_date(due, as_of)
        )),
        (_, Some(due)) if worst.past_due() => how.push(format!(
            "{} past its {} due date",
            working_days(cal.workdays_between(due, node.early_finish)),
            near_date(due, as_of)
        )),
        _ if node.float_to_target < 0 => how.push(format!(
            "{} late for the target",
            working_days(-node.float_to_target)
        )),
        _ if node.critical => how.push(format!(
            "on the critical path with {} of float to the target",
            working_days(node.float_to_target)
        )),
        _ => how.push(format!(
            "on the near-critical path ({} of float) with {} of float to the target",
            working_days(node.total_float),
            working_days(node.float_to_target)
        )),
    }
    let how = match how.as_slice() {
        [colour, rest] if !rest.starts_with("on the") => format!("{colour}, {rest}"),
        [colour, rest] => format!("{colour} {rest}"),
        _ => how.join(" "),
    };

    let mut text = format!("{} is {how}", named(&status.id, &status.title));
    let driver = (!status.is_dependency)
        .then(|| driving_dependency(program, schedule, statuses, &status.id))
        .flatten();
    if let Some(because) = why(program, status, driver, as_of) {
        text.push_str(" because ");
        text.push_str(&because);
    }
    if let Some(mitigation) = mitigation(program, status, driver, as_of) {
        text.push_str("; ");
        text.push_str(&mitigation);
    }
    text.push('.');
    Sentence::plain(&text)
}

fn nothing_slipping(program: &Program, schedule: &Schedule) -> Sentence {
    let slack = schedule.slack_to_target;
    let text = if slack > 0 {
        format!(
            "Nothing on the critical path is behind; the finish has {} of slack.",
            working_days(slack)
        )
    } else if slack == 0 && schedule.forecast_finish <= program.target {
        format!(
            "Nothing on the critical path is behind; the finish lands on the {} target with 0 working days of slack.",
            long_date(program.target)
        )
    } else {
        let end = schedule
            .critical_path
            .last()
            .map(|id| {
                format!(
                    " ending at {}",
                    named(id, program.title_of(id).unwrap_or_default())
                )
            })
            .unwrap_or_default();
        format!(
            "No critical work is reported behind, but the critical path{end} is {} too long for the {} target.",
            working_days((-slack).max(1)),
            long_date(program.target)
        )
    };
    Sentence::plain(&text)
}

/// The direct predecessor dependency that holds `id` back: not delivered, and overdue,
/// Red or Yellow, or itself on the critical or near-critical path; the latest to land wins.
fn driving_dependency<'a>(
    program: &Program,
    schedule: &'a Schedule,
    statuses: &'a [ItemStatus],
    id: &str,
) -> Option<(&'a ItemStatus, &'a NodeSchedule)> {
    let item = program.item(id)?;
    item.after
        .iter()
        .filter_map(|link| {
            let status = statuses
                .iter()
                .find(|s| s.is_dependency && s.id == link.id && !s.done)?;
            let node = schedule.node(&link.id).filter(|n| n.scheduled && !n.done)?;
            let troubled = node.overdue
                || node.critical
                || node.near_critical
                || matches!(status.effective, Some(Colour::Red | Colour::Yellow));
            troubled.then_some((status, node))
        })
        .max_by_key(|(_, node)| node.early_finish)
}

/// Why it slips: the staleness rule, the dependency that drives it, or the latest note.
fn why(
    program: &Program,
    status: &ItemStatus,
    driver: Option<(&ItemStatus, &NodeSchedule)>,
    as_of: NaiveDate,
) -> Option<String> {
    if status.auto_red_reason.is_some() {
        if let (Some(since), Some(days)) = (status.colour_since, status.days_in_colour) {
            return Some(format!(
                "it has been Yellow since {} ({}) without movement",
                near_date(since, as_of),
                calendar_days(days)
            ));
        }
        return status.auto_red_reason.clone();
    }
    if let Some((dep_status, dep_node)) = driver {
        let dep = program.dependency(&dep_status.id)?;
        let name = named(&dep.id, &dep.title);
        let mut text = match (dep_node.overdue, dep.due) {
            (true, Some(due)) => format!(
                "{name} is {} overdue (due {})",
                calendar_days(days_between(due, as_of)),
                near_date(due, as_of)
            ),
            (_, Some(due)) => format!("{name} lands {}", near_date(due, as_of)),
            (_, None) => format!("it waits for {name}"),
        };
        if let Some(note) = latest_note(&dep.status, as_of) {
            text.push_str(&note_suffix(note, as_of));
        }
        return Some(text);
    }
    if let Some(note) = latest_note(program.updates_of(&status.id), as_of) {
        return Some(format!(
            "of “{}” ({})",
            clause(note.note.as_deref().unwrap_or_default()),
            note_source(note, as_of)
        ));
    }
    let dep = involved_dependency(program, &status.id, as_of)?;
    Some(match dep.due {
        Some(due) => format!(
            "it waits for {} due {}",
            named(&dep.id, &dep.title),
            near_date(due, as_of)
        ),
        None => format!("it waits for {}", named(&dep.id, &dep.title)),
    })
}

/// The undelivered dependency an item waits on directly, even when the schedule does not
/// hold the item back for it (a started item keeps its dates): the riskiest, then the one
/// due last. Its mitigation is the one in progress for the item.
fn involved_dependency<'a>(
    program: &'a Program,
    id: &str,
    as_of: NaiveDate,
) -> Option<&'a Dependency> {
    let item = program.item(id)?;
    item.after
        .iter()
        .filter_map(|link| program.dependency(&link.id))
        .filter(|dep| dep.delivered.is_none_or(|d| d > as_of))
        .max_by_key(|dep| (dep.risk, dep.due))
}

fn note_source(note: &StatusUpdate, as_of: NaiveDate) -> String {
    match non_blank(note.by.as_deref()) {
        Some(by) => format!("{}, {}", clause(by), near_date(note.date, as_of)),
        None => near_date(note.date, as_of),
    }
}

fn note_suffix(note: &StatusUpdate, as_of: NaiveDate) -> String {
    format!(
        " (“{}”, {})",
        clause(note.note.as_deref().unwrap_or_default()),
        note_source(note, as_of)
    )
}

/// The mitigation in progress: the dependency's own, else the options of an open risk on it.
fn mitigation(
    program: &Program,
    status: &ItemStatus,
    driver: Option<(&ItemStatus, &NodeSchedule)>,
    as_of: NaiveDate,
) -> Option<String> {
    let dep = if status.is_dependency {
        program.dependency(&status.id)
    } else {
        driver
            .and_then(|(s, _)| program.dependency(&s.id))
            .or_else(|| involved_dependency(program, &status.id, as_of))
    };
    if let Some(dep) = dep {
        return Some(match non_blank(dep.mitigation.as_deref()) {
            Some(m) => format!("mitigation: {}", inline_case(&clause(m))),
            None => format!("no mitigation is recorded for {}", dep.id),
        });
    }
    let risk = program.risks.iter().find(|r| {
        matches!(r.state, RiskState::Open | RiskState::Escalated)
            && r.affects.contains(&status.id)
            && r.options.iter().any(|o| non_blank(Some(o)).is_some())
    })?;
    let options: Vec<String> = risk
        .options
        .iter()
        .filter_map(|o| non_blank(Some(o)))
        .map(|o| inline_case(&clause(o)))
        .collect();
    Some(format!(
        "mitigation options ({}): {}",
        risk.id,
        options.join(" or ")
    ))
}

/// Indexes of the decisions named in the paragraph.
fn paragraph_decisions(decisions: &[DecisionLine]) -> Vec<usize> {
    let soon: Vec<usize> = decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.days_left.is_some_and(|n| n <= DECISION_HORIZON_DAYS))
        .map(|(i, _)| i)
        .take(PARAGRAPH_DECISIONS)
        .collect();
    if soon.is_empty() {
        (0..decisions.len().min(2)).collect()
    } else {
        soon
    }
}

fn decisions_sentence(decisions: &[DecisionLine], named: &[usize], as_of: NaiveDate) -> Sentence {
    let clauses: Vec<String> = named
        .iter()
        .map(|&i| {
            let d = &decisions[i];
            let question = clause(d.question.trim_end_matches(['?', ' ']));
            let mut text = if question.is_empty() {
                d.id.clone()
            } else {
                format!("{question} ({})", d.id)
            };
            if let Some(from) = non_blank(d.from.as_deref()) {
                text.push_str(&format!(", from {}", clause(from)));
            }
            match (d.needed_by, d.days_left) {
                (Some(by), Some(left)) if left < 0 => text.push_str(&format!(
                    ", {} overdue (needed by {})",
                    calendar_days(-left),
                    near_date(by, as_of)
                )),
                (Some(by), _) => text.push_str(&format!(" by {}", near_date(by, as_of))),
                _ => text.push_str(", no deadline set"),
            }
            text
        })
        .collect();
    let mut s = Sentence::default();
    s.bold("Decisions needed:")
        .add(" ")
        .add(&clauses.join("; "));
    let more = decisions.len() - named.len();
    if more > 0 {
        s.add(&format!("; {more} more below"));
    }
    s.add(".");
    s
}

// ---------------------------------------------------------------------------------------
// The detail below the paragraph

/// Undecided at `as_of` (a decision dated later had not been taken yet), by `needed_by`.
fn decisions_needed(program: &Program, as_of: NaiveDate) -> Vec<DecisionLine> {
    let mut lines: Vec<DecisionLine> = program
        .decisions
        .iter()
        .filter(|d| d.decided.is_none_or(|at| at > as_of))
        .map(|d| DecisionLine {
            id: d.id.clone(),
            question: d.question.clone(),
            from: d.from.clone(),
            needed_by: d.needed_by,
            days_left: d.needed_by.map(|by| days_between(as_of, by)),
            options: d.options.clone(),
            recommendation: d.recommendation.clone(),
        })
        .collect();
    // Stable: decisions due the same day keep their file order.
    lines.sort_by_key(|d| (d.needed_by.is_none(), d.needed_by));
    lines
}

fn critical_risks(
    program: &Program,
    schedule: &Schedule,
    findings: &[RiskFinding],
) -> Vec<RiskLine> {
    let mut lines: Vec<RiskLine> = program
        .risks
        .iter()
        .filter_map(|risk| {
            let finding = findings.iter().find(|f| f.id == risk.id);
            let live = matches!(risk.state, RiskState::Open | RiskState::Escalated);
            let urgency = match finding {
                Some(f) if f.blocker => Urgency::Blocker,
                Some(f) if f.escalate_now => Urgency::EscalateNow,
                Some(f) if f.affects_critical && live => Urgency::Watch,
                _ => return None,
            };
            let affects_critical = risk
                .affects
                .iter()
                .filter(|id| {
                    schedule
                        .node(id)
                        .is_some_and(|n| n.scheduled && !n.done && (n.critical || n.near_critical))
                })
                .cloned()
                .collect();
            Some(RiskLine {
                id: risk.id.clone(),
                title: risk.title.clone(),
                owner: risk.owner.clone(),
                state: risk.state,
                urgency,
                trigger: risk.trigger,
                days_to_trigger: finding.and_then(|f| f.days_to_trigger),
                affects_critical,
                options: risk.options.clone(),
                decision: risk.decision.clone(),
            })
        })
        .collect();
    lines.sort_by_key(|r| (r.urgency, r.trigger.is_none(), r.trigger));
    lines
}

fn needs_review(program: &Program, statuses: &[ItemStatus], as_of: NaiveDate) -> Vec<String> {
    let mut flagged: Vec<&ItemStatus> = statuses
        .iter()
        .filter(|s| !s.done && (s.review_due || s.update_due || s.missing_owner || s.missing_date))
        .collect();
    // The register first, then the critical path, so the weekly review reads top down.
    flagged.sort_by_key(|s| (!s.is_dependency, !s.critical, !s.near_critical));
    // Work that has simply never had a status is one line, so the page stays one page.
    let (never, flagged): (Vec<&ItemStatus>, Vec<&ItemStatus>) =
        flagged.into_iter().partition(|s| {
            s.update_due
                && s.last_update.is_none()
                && !s.review_due
                && !s.missing_owner
                && !s.missing_date
        });
    let mut lines: Vec<String> = flagged
        .into_iter()
        .map(|s| {
            let mut what = Vec::new();
            if s.review_due {
                let reviewed = program.dependency(&s.id).and_then(|d| d.reviewed);
                what.push(match reviewed {
                    Some(r) => format!(
                        "review due (last reviewed {}, {} ago)",
                        near_date(r, as_of),
                        calendar_days(days_between(r, as_of))
                    ),
                    None => "never reviewed".to_string(),
                });
            }
            if s.update_due {
                what.push(match s.last_update {
                    Some(u) => format!(
                        "status update due (last {}, {} ago)",
                        near_date(u, as_of),
                        calendar_days(days_between(u, as_of))
                    ),
                    None => "no status update yet".to_string(),
                });
            }
            if s.missing_owner {
                what.push("no owner".to_string());
            }
            if s.missing_date {
                what.push("no date".to_string());
            }
            format!("{}: {}.", named(&s.id, &s.title), what.join("; "))
        })
        .collect();
    match never.as_slice() {
        [] => {}
        [one] => lines.push(format!(
            "{}: no status update yet.",
            named(&one.id, &one.title)
        )),
        many => lines.push(format!(
            "No status update yet on {} items: {}.",
            many.len(),
            many.iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    lines
}

// ---------------------------------------------------------------------------------------
// What changed

fn changes(
    program: &Program,
    schedule: &Schedule,
    now: &[ItemStatus],
    previous: Option<&Previous>,
    confidence: Option<f64>,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Vec<String> {
    let within = |date: Option<NaiveDate>| date.is_some_and(|d| since < d && d <= as_of);
    let mut out = Vec::new();

    // Colours replay from the updates alone, so the current schedule serves for `since`.
    let then = statuses(program, schedule, since);
    for status in now {
        let before = then.iter().find(|s| s.id == status.id);
        let name = named(&status.id, &status.title);
        let reported_then = before.and_then(|s| s.reported);
        match (reported_then, status.reported) {
            (Some(a), Some(b)) if a != b => {
                let date = latest_update(program.updates_of(&status.id), as_of)
                    .map(|u| format!(" on {}", near_date(u.date, as_of)))
                    .unwrap_or_default();
                out.push(format!("{name} went {} → {}{date}.", a.label(), b.label()));
            }
            (None, Some(b)) => {
                let date = status
                    .last_update
                    .map(|d| format!(" on {}", near_date(d, as_of)))
                    .unwrap_or_default();
                out.push(format!(
                    "{name} reported {} for the first time{date}.",
                    b.label()
                ));
            }
            _ => {}
        }
        let red_then = before.is_some_and(|s| s.effective == Some(Colour::Red));
        if status.reported == Some(Colour::Yellow)
            && status.effective == Some(Colour::Red)
            && !red_then
        {
            if let (Some(since_yellow), Some(days)) = (status.colour_since, status.days_in_colour) {
                out.push(format!(
                    "{name} turned Red: Yellow since {} ({}) without movement.",
                    near_date(since_yellow, as_of),
                    calendar_days(days)
                ));
            }
        }
    }

    for item in &program.items {
        let name = named(&item.id, &item.title);
        if within(item.started) {
            if let Some(d) = item.started {
                out.push(format!("{name} started on {}.", near_date(d, as_of)));
            }
        }
        if within(item.finished) {
            if let Some(d) = item.finished {
                let against_due = item
                    .due
                    .map(|due| format!(" (due {})", near_date(due, as_of)))
                    .unwrap_or_default();
                out.push(format!(
                    "{name} finished on {}{against_due}.",
                    near_date(d, as_of)
                ));
            }
        }
        if let Some((from, to)) = remaining_rise(&item.status, since, as_of) {
            out.push(format!("{name}: remaining rose from {from} to {to} days."));
        }
    }

    for dep in &program.dependencies {
        let name = named(&dep.id, &dep.title);
        if let Some(d) = dep.delivered.filter(|d| within(Some(*d))) {
            let against_due = dep
                .due
                .map(|due| format!(" (due {})", near_date(due, as_of)))
                .unwrap_or_default();
            out.push(format!(
                "{name} was delivered on {}{against_due}.",
                near_date(d, as_of)
            ));
        } else if dep.delivered.is_none_or(|d| d > as_of) {
            // It turned overdue on the first day after its due date.
            if let Some(due) = dep.due.filter(|due| since <= *due && *due < as_of) {
                out.push(format!(
                    "{name} went overdue: due {}, not delivered.",
                    near_date(due, as_of)
                ));
            }
        }
    }

    for decision in &program.decisions {
        if let Some(d) = decision.decided.filter(|d| within(Some(*d))) {
            let outcome = non_blank(decision.outcome.as_deref())
                .map(|o| format!(": {}", clause(o)))
                .unwrap_or_default();
            out.push(format!(
                "Decision {} was taken on {}{outcome}.",
                decision.id,
                near_date(d, as_of)
            ));
        }
    }

    for risk in &program.risks {
        let live = matches!(risk.state, RiskState::Open | RiskState::Escalated);
        if let Some(t) = risk.trigger.filter(|t| live && since <= *t && *t < as_of) {
            out.push(format!(
                "{} became a blocker: its trigger date {} passed.",
                named(&risk.id, &risk.title),
                near_date(t, as_of)
            ));
        }
    }

    if let Some(prev) = previous {
        let now_finish = schedule.forecast_finish;
        if prev.forecast_finish != now_finish {
            let cal = work_calendar(program, &[prev.forecast_finish, now_finish]);
            let moved = cal.workdays_between(prev.forecast_finish, now_finish);
            out.push(format!(
                "Forecast finish moved from {} to {} ({}{}).",
                long_date(prev.forecast_finish),
                long_date(now_finish),
                if moved > 0 { "+" } else { "" },
                working_days(moved)
            ));
        }
        if let Some(sentence) = confidence_change(prev.confidence, confidence) {
            out.push(sentence);
        }
    }
    out
}

/// "Confidence fell from 78 % to 64 %" when the whole percentages differ.
fn confidence_change(before: Option<f64>, now: Option<f64>) -> Option<String> {
    let (a, b) = (before?, now?);
    let (pa, pb) = (percent(a), percent(b));
    if pa == pb {
        return None;
    }
    let verb = if b > a { "rose" } else { "fell" };
    Some(format!("Confidence {verb} from {pa} to {pb}."))
}

/// The rise of `remaining` over (since, as_of]: from the last value recorded on or before
/// `since` (or the first in the window) to the last in the window, when it went up.
fn remaining_rise(
    updates: &[StatusUpdate],
    since: NaiveDate,
    as_of: NaiveDate,
) -> Option<(u32, u32)> {
    let mut known: Vec<&StatusUpdate> = updates
        .iter()
        .filter(|u| u.date <= as_of && u.remaining.is_some())
        .collect();
    known.sort_by_key(|u| u.date);
    let in_window = known.iter().position(|u| u.date > since)?;
    let baseline = if in_window > 0 {
        known[in_window - 1].remaining?
    } else {
        known[in_window].remaining?
    };
    let latest = known.last()?.remaining?;
    (latest > baseline).then_some((baseline, latest))
}

// ---------------------------------------------------------------------------------------
// Markdown

impl Summary {
    /// The same content as Markdown for email, Slack or a Jira comment: plain headings and
    /// lists, bold for the paragraph's strong parts, no HTML and no tables. User text is
    /// escaped so a `*` or `[` in a title stays a character and never becomes formatting.
    pub fn to_markdown(&self, program: &Program) -> String {
        let as_of = self.as_of;
        let mut md = format!(
            "# {} — status as of {}\n\n",
            escape_inline(&clause(&program.name)),
            long_date(as_of)
        );

        let paragraph: Vec<String> = self
            .paragraph
            .iter()
            .map(|sentence| {
                sentence
                    .parts
                    .iter()
                    .map(|part| {
                        let text = escape_inline(&part.text);
                        if part.strong && !text.trim().is_empty() {
                            format!("**{text}**")
                        } else {
                            text
                        }
                    })
                    .collect::<String>()
            })
            .collect();
        md.push_str(&escape_line_starts(&paragraph.join(" ")));
        md.push_str("\n\n");

        if let Some(notes) = &self.notes {
            md.push_str(&escape_block(notes));
            md.push_str("\n\n");
        }

        if let (Some(c), Some(p50), Some(p85), Some(p95)) =
            (self.confidence, self.p50, self.p85, self.p95)
        {
            md.push_str(&format!(
                "Date confidence: {} for {} — P50 {}, P85 {}, P95 {}.\n\n",
                percent(c),
                long_date(self.target),
                long_date(p50),
                long_date(p85),
                long_date(p95)
            ));
        }

        md.push_str("## Critical risks\n\n");
        if self.critical_risks.is_empty() {
            md.push_str("None on the critical path.\n");
        }
        for risk in &self.critical_risks {
            md.push_str(&format!(
                "- {}: {} {}",
                risk.urgency.label(),
                risk.id,
                escape_inline(&clause(&risk.title))
            ));
            if let Some(owner) = non_blank(risk.owner.as_deref()) {
                md.push_str(&format!(" — owner {}", escape_inline(&clause(owner))));
            }
            if let Some(trigger) = risk.trigger {
                let when = match risk.days_to_trigger {
                    Some(n) if n < 0 => format!(" ({} ago)", calendar_days(-n)),
                    Some(n) => format!(" (in {})", calendar_days(n)),
                    None => String::new(),
                };
                md.push_str(&format!("; trigger {}{when}", long_date(trigger)));
            }
            if !risk.affects_critical.is_empty() {
                let ids: Vec<String> = risk
                    .affects_critical
                    .iter()
                    .map(|i| escape_inline(i))
                    .collect();
                md.push_str(&format!("; affects {}", ids.join(", ")));
            }
            let options: Vec<String> = risk
                .options
                .iter()
                .filter_map(|o| non_blank(Some(o)))
                .map(|o| escape_inline(&clause(o)))
                .collect();
            if !options.is_empty() {
                md.push_str(&format!("; options: {}", options.join(" / ")));
            }
            if let Some(decision) = non_blank(risk.decision.as_deref()) {
                md.push_str(&format!("; decision {}", escape_inline(decision)));
            }
            md.push('\n');
        }

        md.push_str("\n## Decisions needed\n\n");
        if self.decisions_needed.is_empty() {
            md.push_str("None pending.\n");
        }
        for decision in &self.decisions_needed {
            md.push_str(&format!(
                "- {} {}",
                escape_inline(&decision.id),
                escape_inline(&clause(&decision.question))
            ));
            if let Some(from) = non_blank(decision.from.as_deref()) {
                md.push_str(&format!(" — from {}", escape_inline(&clause(from))));
            }
            if let (Some(by), Some(left)) = (decision.needed_by, decision.days_left) {
                let left = if left < 0 {
                    format!("{} overdue", calendar_days(-left))
                } else {
                    format!("{} left", calendar_days(left))
                };
                md.push_str(&format!(", by {} ({left})", long_date(by)));
            }
            if let Some(r) = non_blank(decision.recommendation.as_deref()) {
                md.push_str(&format!("; recommend: {}", escape_inline(&clause(r))));
            }
            md.push('\n');
        }

        md.push_str("\n## Critical path\n\n");
        if self.critical_chain.is_empty() {
            md.push_str("No critical path: nothing left to schedule.\n");
        } else {
            let chain: Vec<String> = self
                .critical_chain
                .iter()
                .map(|link| {
                    format!(
                        "{} {} ({})",
                        escape_inline(&link.id),
                        escape_inline(&clause(&link.title)),
                        near_date(link.early_finish, as_of)
                    )
                })
                .collect();
            md.push_str(&escape_line_starts(&chain.join(" → ")));
            md.push_str(&format!(
                "\n\nForecast finish {} against the {} target.\n",
                long_date(self.forecast_finish),
                long_date(self.target)
            ));
        }

        match self.previous_date {
            Some(p) => {
                md.push_str(&format!("\n## What changed since {}\n\n", long_date(p)));
                if self.changes.is_empty() {
                    md.push_str(&format!("No changes since {}.\n", long_date(p)));
                }
            }
            None => md.push_str("\n## What changed\n\nNo earlier status date to compare with.\n"),
        }
        for change in &self.changes {
            md.push_str(&format!("- {}\n", escape_inline(change)));
        }

        md.push_str("\n## Needs review\n\n");
        if self.needs_review.is_empty() {
            md.push_str("Nothing: every entry is reviewed, updated and owned.\n");
        }
        for entry in &self.needs_review {
            md.push_str(&format!("- {}\n", escape_inline(entry)));
        }
        md
    }
}

/// Escapes the characters that change inline formatting anywhere in a line (emphasis,
/// code, links, HTML, strike-through) and folds line breaks into spaces.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would make a line a heading, quote, list or rule when it starts a line.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let mut chars = trimmed.chars();
    let first = chars.next();
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    let after_digits = trimmed[digits.len()..].chars().next();
    match first {
        Some('#' | '>' | '-' | '+' | '=' | '|') => format!("{indent}\\{trimmed}"),
        _ if !digits.is_empty() && matches!(after_digits, Some('.' | ')')) => {
            format!("{indent}{digits}\\{}", &trimmed[digits.len()..])
        }
        _ => line.to_string(),
    }
}

fn escape_line_starts(text: &str) -> String {
    text.lines()
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Multi-line user text (the notes): each line escaped, line breaks kept.
fn escape_block(text: &str) -> String {
    text.lines()
        .map(|line| {
            let inline: String = escape_inline(line);
            escape_line_start(&inline)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

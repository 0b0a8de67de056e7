//! The first paragraph: colour, the date with its confidence (and how it moved since the
//! last report), what slips and why, the mitigation, the decisions needed with owner and
//! deadline, and the recommendation — in at most [`PARAGRAPH_WORDS`] words. When the full
//! text is longer, repetition goes first (quoted notes, ids beside names), then detail.

use chrono::NaiveDate;

use super::changes::ComparedLines;
use super::sections::DecisionLine;
use super::{is_empty_program, work_calendar, Facts, PARAGRAPH_WORDS};
use crate::engine::cockpit::Finish;
use crate::engine::schedule::{NodeSchedule, Schedule, ScheduleProblem};
use crate::engine::status::{latest_note, ItemStatus, Note, ProgramColour};
use crate::engine::words::{
    calendar_days, clause, days_between, id_list, inline_case, long_date, named, near_date,
    non_blank, percent, working_days,
};
use crate::model::{Colour, Dependency, Lookup, Program, RiskState, Sentence};

/// Pending decisions due within this many calendar days are all named in the paragraph;
/// when none are, the first two are.
const DECISION_HORIZON_DAYS: i64 = 21;

/// At most this many decisions are named in the paragraph; the rest are listed below it.
const PARAGRAPH_DECISIONS: usize = 3;

/// How much the paragraph says; tried from the richest down until it fits.
#[derive(Debug, Clone, Copy)]
struct Detail {
    /// Quote the latest note beside the cause.
    notes: bool,
    /// Name things "Title (ID)" rather than by title alone.
    ids: bool,
    /// Ask each decision's question in full (else name it by id and owner only).
    questions: bool,
    /// How many decisions to name.
    decisions: usize,
    /// At most this many words of any one piece of user text (titles, mitigations,
    /// recommendations), "…" marking the cut: only when nothing else is left to trim.
    clip: Option<usize>,
}

const fn detail(
    notes: bool,
    ids: bool,
    questions: bool,
    decisions: usize,
    clip: Option<usize>,
) -> Detail {
    Detail {
        notes,
        ids,
        questions,
        decisions,
        clip,
    }
}

/// From the richest to the leanest: repetition goes first (quoted notes, ids beside
/// names), then long user text is cut short, and only then do decisions move below.
const DETAIL: [Detail; 7] = [
    detail(true, true, true, PARAGRAPH_DECISIONS, None),
    detail(false, true, true, PARAGRAPH_DECISIONS, None),
    detail(false, false, true, PARAGRAPH_DECISIONS, None),
    detail(false, false, true, PARAGRAPH_DECISIONS, Some(10)),
    detail(false, false, true, 2, Some(10)),
    detail(false, false, true, 1, Some(8)),
    detail(false, false, false, 1, Some(8)),
];

/// User text at this detail: whole, or its first words and "…".
fn user_text(text: &str, detail: Detail) -> String {
    let text = clause(text);
    match detail.clip {
        Some(n) if text.split_whitespace().count() > n => {
            let kept: Vec<&str> = text.split_whitespace().take(n).collect();
            format!("{}…", kept.join(" "))
        }
        _ => text,
    }
}

/// The paragraph at the richest detail that fits in [`PARAGRAPH_WORDS`] words (or the
/// leanest, when even that does not: user text can be long).
pub(super) fn paragraph(
    facts: &Facts,
    decisions: &[DecisionLine],
    compared: Option<&ComparedLines>,
) -> Vec<Sentence> {
    if is_empty_program(facts.program) {
        return vec![Sentence::plain(
            "Nothing to forecast yet: this program has no work items. Add them in Plan, or import a Jira or Linear export; the forecast and the colour follow from them.",
        )];
    }
    let mut lean = Vec::new();
    for detail in DETAIL {
        let sentences = write(facts, decisions, compared, detail);
        if sentences.iter().map(Sentence::words).sum::<usize>() <= PARAGRAPH_WORDS {
            return sentences;
        }
        lean = sentences;
    }
    lean
}

fn write(
    facts: &Facts,
    decisions: &[DecisionLine],
    compared: Option<&ComparedLines>,
    detail: Detail,
) -> Vec<Sentence> {
    let mut sentences = vec![
        colour_sentence(facts.colour),
        date_sentence(facts, compared),
    ];
    if let Some(cycle) = cycle_sentence(facts.schedule) {
        sentences.push(cycle);
    }
    sentences.push(slipping_sentence(facts, detail));
    let named = paragraph_decisions(decisions, detail.decisions);
    if !named.is_empty() {
        sentences.push(decisions_sentence(decisions, &named, facts.as_of, detail));
        let recommendation = named.iter().find_map(|&i| {
            non_blank(decisions[i].recommendation.as_deref()).map(|r| (&decisions[i], r))
        });
        if let Some((decision, recommendation)) = recommendation {
            let id = if detail.ids {
                format!(" ({})", decision.id)
            } else {
                String::new()
            };
            sentences.push(Sentence::plain(&format!(
                "Recommend: {}{id}.",
                inline_case(&user_text(recommendation, detail))
            )));
        }
    }
    // Text cut short ends in "…": the sentence needs no full stop after it.
    for part in sentences.iter_mut().flat_map(|s| s.parts.iter_mut()) {
        if part.text.contains("….") {
            part.text = part.text.replace("….", "…");
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

fn date_sentence(facts: &Facts, compared: Option<&ComparedLines>) -> Sentence {
    let target = facts.program.target;
    let finish = facts.finish.date;
    let as_of = facts.as_of;
    let mut s = Sentence::default();
    if finish > target {
        let late = -facts.finish.slack_to_target;
        // A target on a non-working day can sit before a finish with no working day between.
        let by = if late > 0 {
            format!("{} after", working_days(late))
        } else {
            "just after".to_string()
        };
        s.add("We're forecasting ")
            .bold(&long_date(finish))
            .add(&format!(", {by} the {} target", long_date(target)));
    } else {
        // The forecast finish, with the target beside it.
        let early = facts.finish.slack_to_target;
        s.add("We're tracking to ").bold(&long_date(finish));
        if finish == target {
            s.add(", the target");
        } else if early > 0 {
            s.add(&format!(
                ", {} before the {} target",
                working_days(early),
                long_date(target)
            ));
        } else {
            s.add(&format!(", just before the {} target", long_date(target)));
        }
    }
    let unranged = super::unranged_critical(facts);
    if !super::estimated(&unranged) {
        s.add("; confidence not estimated yet: ")
            .add(&super::unranged_count(&unranged));
    } else {
        match facts.forecast {
            Some(f) if finish > target => {
                s.add(", at ")
                    .bold(&format!("{} confidence", percent(f.confidence)))
                    .add(&format!(
                        " of hitting it (P85: {})",
                        near_date(f.p85, as_of)
                    ));
            }
            Some(f) => {
                s.add(", at ")
                    .bold(&format!("{} confidence", percent(f.confidence)))
                    .add(&format!(" (P85: {})", near_date(f.p85, as_of)));
            }
            None => {
                s.add(", confidence being computed");
            }
        }
    }
    match compared.and_then(|c| c.finish_moved_phrase.as_deref()) {
        Some(moved) => s.add(&format!("; {moved}.")),
        None => s.add("."),
    };
    s
}

/// "No date can be given for PAY-3 and PAY-4: they wait on each other in a loop; the
/// forecast leaves them out."
fn cycle_sentence(schedule: &Schedule) -> Option<Sentence> {
    let looped: Vec<String> = schedule
        .problems
        .iter()
        .filter_map(|p| match p {
            ScheduleProblem::Cycle(ids) => Some(ids.clone()),
            ScheduleProblem::UnknownLink { .. } => None,
        })
        .flatten()
        .collect();
    if looped.is_empty() {
        return None;
    }
    Some(Sentence::plain(&format!(
        "No date can be given for {}: they wait on each other in a loop, so the forecast leaves them out until the links are fixed in Plan.",
        id_list(&looped, 6)
    )))
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
    lookup: &Lookup,
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
                lookup.dependency(&status.id).and_then(|d| d.due)
            } else {
                lookup.item(&status.id).and_then(|i| i.due)
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

/// A name as the paragraph writes it at this detail.
fn name(id: &str, title: &str, detail: Detail) -> String {
    let title = user_text(title, detail);
    if detail.ids || title.is_empty() {
        named(id, &title)
    } else {
        title
    }
}

fn slipping_sentence(facts: &Facts, detail: Detail) -> Sentence {
    let (program, schedule, as_of) = (facts.program, facts.schedule, facts.as_of);
    let Some(worst) = worst_slipping(facts.lookup, schedule, facts.statuses) else {
        return nothing_slipping(program, schedule, &facts.finish, detail);
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
            "on the critical path ({} from missing the target)",
            working_days(node.float_to_target)
        )),
        _ => how.push(format!(
            "near-critical ({} of float)",
            working_days(node.total_float)
        )),
    }
    let how = match how.as_slice() {
        [colour, rest] if !rest.starts_with("on the") && !rest.starts_with("near") => {
            format!("{colour}, {rest}")
        }
        [colour, rest] => format!("{colour} {rest}"),
        _ => how.join(" "),
    };

    let mut text = format!("{} is {how}", name(&status.id, &status.title, detail));
    let driver = (!status.is_dependency)
        .then(|| driving_dependency(program, schedule, facts.statuses, &status.id))
        .flatten();
    if let Some(because) = why(program, status, driver, as_of, detail) {
        text.push_str(" because ");
        text.push_str(&because);
    }
    if let Some(mitigation) = mitigation(program, status, driver, as_of, detail) {
        text.push_str("; ");
        text.push_str(&mitigation);
    }
    text.push('.');
    Sentence::plain(&text)
}

fn nothing_slipping(
    program: &Program,
    schedule: &Schedule,
    finish: &Finish,
    detail: Detail,
) -> Sentence {
    let slack = finish.slack_to_target;
    let text = if slack > 0 {
        format!(
            "Nothing on the critical path is behind; the finish has {} of slack.",
            working_days(slack)
        )
    } else if slack == 0 && finish.date <= program.target {
        format!(
            "Nothing on the critical path is behind; the finish lands on the {} target with 0 working days of slack.",
            long_date(program.target)
        )
    } else if finish
        .unlevelled
        .is_some_and(|plain| plain <= program.target)
    {
        // The links fit the target; the teams' people do not.
        format!(
            "Nothing on the critical path is behind, but the teams' capacity puts the finish {} past the {} target.",
            working_days((-slack).max(1)),
            long_date(program.target)
        )
    } else {
        let end = schedule
            .critical_path
            .last()
            .map(|id| {
                format!(
                    " ending at {}",
                    name(id, program.title_of(id).unwrap_or_default(), detail)
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
    detail: Detail,
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
        let dep_name = name(&dep.id, &dep.title, detail);
        let mut text = match (dep_node.overdue, dep.due) {
            (true, Some(due)) => format!(
                "{dep_name} is {} overdue (due {})",
                calendar_days(days_between(due, as_of)),
                near_date(due, as_of)
            ),
            (_, Some(due)) => format!("{dep_name} lands {}", near_date(due, as_of)),
            (_, None) => format!("it waits for {dep_name}"),
        };
        if detail.notes {
            if let Some(note) = latest_note(&dep.status, as_of) {
                text.push_str(&format!(
                    " (“{}”, {})",
                    clause(&note.text),
                    note_source(&note, as_of)
                ));
            }
        }
        return Some(text);
    }
    if let Some(note) = latest_note(program.updates_of(&status.id), as_of) {
        return Some(format!(
            "of “{}” ({})",
            clause(&note.text),
            note_source(&note, as_of)
        ));
    }
    let dep = involved_dependency(program, &status.id, as_of)?;
    let dep_name = name(&dep.id, &dep.title, detail);
    Some(match dep.due {
        Some(due) => format!("it waits for {dep_name} due {}", near_date(due, as_of)),
        None => format!("it waits for {dep_name}"),
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

fn note_source(note: &Note, as_of: NaiveDate) -> String {
    match &note.by {
        Some(by) => format!("{}, {}", clause(by), near_date(note.date, as_of)),
        None => near_date(note.date, as_of),
    }
}

/// The mitigation in progress: the dependency's own, else the options of an open risk on it.
fn mitigation(
    program: &Program,
    status: &ItemStatus,
    driver: Option<(&ItemStatus, &NodeSchedule)>,
    as_of: NaiveDate,
    detail: Detail,
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
            Some(m) => format!("mitigation: {}", inline_case(&user_text(m, detail))),
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
        .map(|o| inline_case(&user_text(o, detail)))
        .collect();
    Some(format!(
        "mitigation options ({}): {}",
        risk.id,
        options.join(" or ")
    ))
}

/// Indexes of the decisions named in the paragraph: those due soon, else the first two.
fn paragraph_decisions(decisions: &[DecisionLine], at_most: usize) -> Vec<usize> {
    let soon: Vec<usize> = decisions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.days_left.is_some_and(|n| n <= DECISION_HORIZON_DAYS))
        .map(|(i, _)| i)
        .take(at_most)
        .collect();
    if soon.is_empty() {
        (0..decisions.len().min(2).min(at_most)).collect()
    } else {
        soon
    }
}

fn decisions_sentence(
    decisions: &[DecisionLine],
    named: &[usize],
    as_of: NaiveDate,
    detail: Detail,
) -> Sentence {
    let clauses: Vec<String> = named
        .iter()
        .map(|&i| {
            let d = &decisions[i];
            let question = user_text(d.question.trim_end_matches(['?', ' ']), detail);
            let mut text = if detail.questions && !question.is_empty() {
                if detail.ids {
                    format!("{question} ({})", d.id)
                } else {
                    question
                }
            } else {
                d.id.clone()
            };
            if let Some(from) = non_blank(d.from.as_deref()) {
                text.push_str(&format!(", from {}", user_text(from, detail)));
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

//! The capacity findings and the weekly load in the TPM's words, phrased once for the
//! screen: the computed risk as the playbook writes one ("Identity at 60 % from 18 Jan: SSO
//! API (AUTH-5) lands 12 Feb, needed by 29 Jan (10 working days late); …") and a week of
//! load against capacity as table cells. Pure; numbers are written without the float
//! formatter (`words::decimal`).

use chrono::NaiveDate;

use super::{CapacityProblem, CapacityRisk, HoldOutcome, Move, Wait, WeekLoad};
use crate::engine::summary::{Section, Summary, PARAGRAPH_WORDS};
use crate::engine::words::{
    decimal, long_date, named, near_date, working_days, working_days_moved,
};
use crate::model::{Lookup, Program, Sentence};

/// The team's name for an id (the id itself when the team is gone).
fn team_name(program: &Program, id: &str) -> String {
    program
        .teams
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// A computed capacity risk as one paragraph: what pushes which date, by how much, what it
/// does to the program finish, and the capacity that would hold the date.
///
/// "Identity at 60 % from 18 Jan (on-call): SSO API (AUTH-5) lands 12 Feb, needed by 29 Jan
/// (10 working days late); launch +10 working days (26 Feb). Holding 29 Jan needs Identity
/// at 80 % (4 of 5 people)."
/// What limits the team: "Payments at 50 % from 30 Nov (on-call)" (the note only when
/// `with_note`), or "Payments over-allocated at 2 people".
fn cause_words(
    risk: &CapacityRisk,
    people: Option<u32>,
    as_of: NaiveDate,
    with_note: bool,
) -> String {
    let team = &risk.team_name;
    match (&risk.change, people) {
        (Some(change), _) => {
            let note = change
                .note
                .as_deref()
                .map(str::trim)
                .filter(|n| with_note && !n.is_empty())
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            format!(
                "{team} at {} % from {}{note}",
                change.percent,
                near_date(change.from, as_of)
            )
        }
        (None, Some(1)) => format!("{team} over-allocated at 1 person"),
        (None, Some(p)) => format!("{team} over-allocated at {p} people"),
        (None, None) => format!("{team} over-allocated"),
    }
}

pub fn risk_sentence(program: &Program, risk: &CapacityRisk, as_of: NaiveDate) -> String {
    let date = |d: NaiveDate| near_date(d, as_of);
    let team = &risk.team_name;
    let people = program
        .teams
        .iter()
        .find(|t| t.id == risk.team)
        .and_then(|t| t.people);
    let cause = cause_words(risk, people, as_of, true);
    let late = format!("{} late", working_days(risk.late_by));
    let what = match &risk.item {
        Some(id) => {
            let title = program
                .items
                .iter()
                .find(|i| &i.id == id)
                .map_or("", |i| i.title.as_str());
            let mut text = format!(
                "{} lands {}, needed by {} ({late})",
                named(id, title),
                date(risk.finish),
                date(risk.due)
            );
            if risk.program_slip > 0 {
                text.push_str(&format!(
                    "; launch {} ({})",
                    working_days_moved(risk.program_slip),
                    date(risk.program_finish)
                ));
            }
            text
        }
        None => format!(
            "launch lands {}, past the target {} ({late}); capacity moves it {}",
            date(risk.finish),
            date(risk.due),
            working_days_moved(risk.program_slip)
        ),
    };
    let due = date(risk.due);
    let hold = match &risk.hold {
        HoldOutcome::Holds(h) => match people {
            Some(p) if h.people <= p => format!(
                " Holding {due} needs {team} at {} % ({} of {p} people).",
                h.percent, h.people
            ),
            Some(p) => format!(
                " Holding {due} needs {} people of {team}, {} more than its {p}.",
                h.people,
                h.people - p
            ),
            None => format!(" Holding {due} needs {} people of {team}.", h.people),
        },
        HoldOutcome::Cannot {
            finish,
            other_teams,
        } => {
            let why = if other_teams.is_empty() {
                "its links alone make it late".to_string()
            } else {
                let names: Vec<String> =
                    other_teams.iter().map(|t| team_name(program, t)).collect();
                format!("it still waits for {}", names.join(", "))
            };
            format!(
                " No number of people of {team} alone holds {due}: it would land {} ({why}).",
                date(*finish)
            )
        }
        HoldOutcome::AlreadyHolds | HoldOutcome::NotApplicable => String::new(),
    };
    format!("{cause}: {what}.{hold}")
}

/// The team's lead named for a computed risk, if the team has one.
fn lead_of(risk: &CapacityRisk) -> Option<&str> {
    risk.lead
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
}

/// Who owns a computed capacity risk: the team's lead.
pub fn risk_owner(risk: &CapacityRisk) -> String {
    match lead_of(risk) {
        Some(lead) => format!("Owner: {lead} (lead of {})", risk.team_name),
        None => format!("Owner: the lead of {} (none named yet)", risk.team_name),
    }
}

/// A week of load against capacity as table cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekWords {
    /// "Week of 18 Jan".
    pub week: String,
    /// People available on average ("3", "2.5").
    pub capacity: String,
    /// People the unlevelled plan asks for ("7.5") and as a share of capacity ("250 % over").
    pub unlevelled: String,
    pub unlevelled_percent: String,
    /// The same for the levelled plan.
    pub levelled: String,
    pub levelled_percent: String,
    /// Either plan asks more than the team has.
    pub over: bool,
}

/// "250 % over", "80 %", or "no capacity" (with "over" when work is asked of it anyway).
fn load_percent(percent: Option<f64>, over: bool) -> String {
    let over = if over { " over" } else { "" };
    match percent {
        Some(p) => format!("{} %{over}", decimal(p, 0)),
        None => format!("no capacity{over}"),
    }
}

/// A week of a team's load in words: "Week of 18 Jan", "3", "7.5", "250 % over", ….
pub fn week_words(week: &WeekLoad, as_of: NaiveDate) -> WeekWords {
    WeekWords {
        week: format!("Week of {}", near_date(week.monday, as_of)),
        capacity: decimal(week.capacity_people(), 1),
        unlevelled: decimal(week.unlevelled_people(), 1),
        unlevelled_percent: load_percent(week.unlevelled_percent(), week.unlevelled_over()),
        levelled: decimal(week.levelled_people(), 1),
        levelled_percent: load_percent(week.levelled_percent(), week.levelled_over()),
        over: week.unlevelled_over() || week.levelled_over(),
    }
}

/// The summary's section for capacity that moves the program past its target: each such
/// computed risk with its owner. `None` when no team's capacity does (or no team has
/// people). The same words on screen, in the Markdown copy and in a published report.
pub fn past_target_section(program: &Program, as_of: NaiveDate) -> Option<Section> {
    section_of(program, &past_target_risks(program, as_of), as_of)
}

/// The computed risks that move the program itself past its target.
fn past_target_risks(program: &Program, as_of: NaiveDate) -> Vec<CapacityRisk> {
    if !program.teams.iter().any(|t| t.people.is_some()) {
        return Vec::new();
    }
    super::launch_capacity_risks(program, as_of)
}

fn section_of(program: &Program, risks: &[CapacityRisk], as_of: NaiveDate) -> Option<Section> {
    let lines: Vec<Sentence> = risks
        .iter()
        .map(|r| {
            Sentence::plain(&format!(
                "{} {}.",
                risk_sentence(program, r, as_of),
                risk_owner(r)
            ))
        })
        .collect();
    (!lines.is_empty()).then(|| Section {
        key: "capacity",
        heading: "Capacity moves the launch past the target (computed)".into(),
        lines,
        empty: String::new(),
        list: true,
    })
}

/// The decision a team's capacity asks of leadership when it moves the launch past the
/// target: "Capacity: negotiate capacity with Payments or de-scope to hold 15 Jan (the launch
/// lands 18 Jan) — owner Dana Wu, lead of Payments."
fn capacity_decision(risk: &CapacityRisk, as_of: NaiveDate) -> Sentence {
    let owner = match lead_of(risk) {
        Some(lead) => format!("{lead}, lead of {}", risk.team_name),
        None => format!("the lead of {}", risk.team_name),
    };
    let mut s = Sentence::default();
    s.bold("Capacity:").add(&format!(
        " negotiate capacity with {} or de-scope to hold {} (the launch lands {}) — owner {owner}.",
        risk.team_name,
        near_date(risk.due, as_of),
        near_date(risk.finish, as_of)
    ));
    s
}

/// The first paragraph's sentence when capacity is what moves the launch past the target:
/// "Capacity sets the date: with Payments at 50 % from 30 Nov the launch lands 18 Jan
/// instead of 5 Jan, past the 15 Jan target; negotiate capacity or de-scope." The forecast
/// date before it is already the levelled one (`cockpit::Finish`); this says which team
/// puts it there and what the links alone would give.
fn paragraph_sentence(
    program: &Program,
    risks: &[CapacityRisk],
    as_of: NaiveDate,
) -> Option<Sentence> {
    let first = risks.first()?;
    let causes: Vec<String> = risks
        .iter()
        .map(|r| {
            let people = program
                .teams
                .iter()
                .find(|t| t.id == r.team)
                .and_then(|t| t.people);
            cause_words(r, people, as_of, false)
        })
        .collect();
    let mut s = Sentence::default();
    s.bold("Capacity sets the date:").add(&format!(
        " with {} the launch lands {} instead of {}, past the {} target; negotiate capacity or de-scope.",
        causes.join(" and "),
        near_date(first.finish, as_of),
        near_date(first.unlevelled_finish, as_of),
        near_date(first.due, as_of)
    ));
    Some(s)
}

/// The first paragraph's sentence when capacity moves the finish but no team's capacity
/// moves it past the target: "Capacity sets the date: with the teams' people and
/// availability the launch lands 13 Jan instead of 5 Jan, still before the 15 Jan target."
/// (the slack the links leave, taken by people, is what an executive needs to know).
fn capacity_sets_the_date(summary: &Summary, as_of: NaiveDate) -> Option<Sentence> {
    let plain = summary
        .unlevelled_finish
        .filter(|&plain| plain != summary.forecast_finish)?;
    let (finish, target) = (summary.forecast_finish, summary.target);
    let against = if finish < target {
        format!(", still before the {} target", near_date(target, as_of))
    } else if finish == target {
        format!(", on the {} target", near_date(target, as_of))
    } else {
        String::new()
    };
    let mut s = Sentence::default();
    s.bold("Capacity sets the date:").add(&format!(
        " with the teams' people and availability the launch lands {} instead of {}{against}.",
        near_date(finish, as_of),
        near_date(plain, as_of)
    ));
    Some(s)
}

/// Puts `sentence` third in `paragraph` (after the colour and the date) and keeps the
/// paragraph within [`PARAGRAPH_WORDS`]: the sentences at its end (the recommendation, then
/// the decisions, which the sections below still list) make way first.
fn insert_in_paragraph(paragraph: &mut Vec<Sentence>, sentence: Sentence) {
    paragraph.insert(2.min(paragraph.len()), sentence);
    let words = |p: &[Sentence]| p.iter().map(Sentence::words).sum::<usize>();
    while words(paragraph) > PARAGRAPH_WORDS && paragraph.len() > 3 {
        paragraph.pop();
    }
}

/// `summary` with capacity in it when a team's capacity moves the launch past the target:
/// a sentence in the first paragraph (unless a headline replaces it), its section first
/// among the sections, and the decision it asks for among the decisions needed. When
/// capacity moves the finish but not past the target, only the sentence, saying what the
/// people cost (`capacity_sets_the_date`). The cockpit leaves it out (it levels the whole program, which a keystroke must
/// not wait for); the Summary view, its Markdown and a published report put it in.
pub fn with_capacity(summary: &Summary, program: &Program, as_of: NaiveDate) -> Summary {
    let mut summary = summary.clone();
    let risks = past_target_risks(program, as_of);
    if !summary.headline_overridden && !summary.empty {
        let sentence = paragraph_sentence(program, &risks, as_of)
            .or_else(|| capacity_sets_the_date(&summary, as_of));
        if let Some(sentence) = sentence {
            insert_in_paragraph(&mut summary.paragraph, sentence);
        }
    }
    if let Some(section) = section_of(program, &risks, as_of) {
        summary.sections.insert(0, section);
    }
    if let Some(decisions) = summary.sections.iter_mut().find(|s| s.key == "decisions") {
        decisions
            .lines
            .extend(risks.iter().map(|r| capacity_decision(r, as_of)));
    }
    summary
}

/// Why an item waits for people, in words: "waits 7 working days for Payments: Ledger
/// reconciliation job (PAY-104) holds its people", or, with no holder, "waits 3 working
/// days for Payments' availability to rise (4 Jan)".
pub fn wait_words(program: &Program, wait: &Wait, as_of: NaiveDate) -> String {
    wait_words_in(program, &program.lookup(), wait, as_of)
}

/// [`wait_words`] with the program's `lookup` made once by the caller: a plan with
/// hundreds of waits says them all without building it again for each.
pub fn wait_words_in(program: &Program, lookup: &Lookup, wait: &Wait, as_of: NaiveDate) -> String {
    let teams: Vec<String> = wait.teams.iter().map(|t| team_name(program, t)).collect();
    let teams = teams.join(" and ");
    if wait.holders.is_empty() {
        return format!(
            "waits {} for {teams}'s availability to rise ({})",
            working_days(wait.days),
            near_date(wait.starts, as_of)
        );
    }
    let holders: Vec<String> = wait
        .holders
        .iter()
        .map(|id| named(id, lookup.title_of(id).unwrap_or_default()))
        .collect();
    let verb = if holders.len() == 1 { "holds" } else { "hold" };
    format!(
        "waits {} for {teams}: {} {verb} its people",
        working_days(wait.days),
        holders.join(", ")
    )
}

/// One item a proposed levelling moves: "Code complete (PAY-109): 22 Dec → 18 Dec
/// (−3 working days); waits 2 working days for Payments: … holds its people."
pub fn move_words(program: &Program, step: &Move, as_of: NaiveDate) -> String {
    let lookup = program.lookup();
    let mut text = format!(
        "{}: {} → {} ({})",
        named(&step.item, lookup.title_of(&step.item).unwrap_or_default()),
        near_date(step.finish_before, as_of),
        near_date(step.finish_after, as_of),
        working_days_moved(step.days)
    );
    if let Some(wait) = &step.wait {
        text.push_str("; ");
        text.push_str(&wait_words_in(program, &lookup, wait, as_of));
    }
    text.push('.');
    text
}

/// The levelled plan in force, in words: its finish against the critical path method's,
/// and why each item waits for people.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelledWords {
    /// "With the teams' people and availability the plan finishes 18 Jan 2027 (+9 working
    /// days against the timeline's 5 Jan 2027, which has no capacity limits). …"
    pub finish: String,
    /// "Payment webhooks: idempotency and replay (PAY-107) waits 10 working days for
    /// Payments: … (PAY-106) holds its people.", the longest waits first.
    pub waits: Vec<String>,
    /// What the levelling worked around, each naming its numbers and the team by name:
    /// "PAY-107 needs 3 people of Payments, which has at most 2 (2 at 100 %)".
    pub problems: Vec<String>,
}

/// What Plan says right after an item's "People needed" is typed, when levelling has to
/// work around it: "PAY-107 needs 2 people of Payments, which has at most 1 (2 at 50 %):
/// levelled as what the team has." `None` when nothing is (see [`item_problems`]).
pub fn needs_notice(program: &Program, as_of: NaiveDate, item: &str) -> Option<String> {
    let problems = item_problems(program, as_of, item);
    (!problems.is_empty())
        .then(|| format!("{}: levelled as what the team has.", problems.join("; ")))
}

/// What levelling works around for the item `item` (its needs larger than a team has, a
/// team that does not exist, no room), in words. Empty when nothing, or without capacity
/// data.
pub fn item_problems(program: &Program, as_of: NaiveDate, item: &str) -> Vec<String> {
    if !program.teams.iter().any(|t| t.people.is_some()) {
        return Vec::new();
    }
    super::level(program, as_of)
        .problems
        .iter()
        .filter(|p| match p {
            CapacityProblem::MoreThanTheTeamHas { item: of, .. }
            | CapacityProblem::UnknownTeam { item: of, .. }
            | CapacityProblem::NoRoom { item: of, .. } => of == item,
        })
        .map(|p| problem_words(program, p))
        .collect()
}

/// A capacity problem in words, the team by its name (the program file's id when it has
/// none: an unknown team).
pub fn problem_words(program: &Program, problem: &CapacityProblem) -> String {
    let mut named = problem.clone();
    match &mut named {
        CapacityProblem::MoreThanTheTeamHas { team, .. }
        | CapacityProblem::UnknownTeam { team, .. }
        | CapacityProblem::NoRoom { team, .. } => *team = program.team_name(team).to_string(),
    }
    named.to_string()
}

/// [`LevelledWords`] of `program` at `as_of`; `None` when no item needs a constrained team.
/// `plain_finish` is the critical path method's forecast finish (the timeline's).
pub fn levelled_words(
    program: &Program,
    as_of: NaiveDate,
    plain_finish: NaiveDate,
) -> Option<LevelledWords> {
    let levelled = super::level(program, as_of);
    if !levelled.constrained {
        return None;
    }
    let finish = levelled.schedule.forecast_finish;
    let origin = program.start.min(as_of) - chrono::Duration::days(400);
    let cal = crate::engine::calendar::WorkCalendar::spanning(
        &program.calendar,
        origin,
        finish.max(plain_finish),
    );
    let lookup = program.lookup();
    // Longest first (the order decoded among equals): what held the plan most leads.
    let mut waits: Vec<&Wait> = levelled.waits.iter().collect();
    waits.sort_by_key(|w| std::cmp::Reverse(w.days));
    let moved = cal.workdays_between(plain_finish, finish);
    Some(LevelledWords {
        finish: if moved == 0 {
            format!(
                "With the teams' people and availability the plan finishes {}, as the timeline does without capacity limits: capacity does not move the finish. Date confidence counts capacity.",
                long_date(finish)
            )
        } else {
            format!(
                "With the teams' people and availability the plan finishes {} ({} against the timeline's {}, which has no capacity limits). Date confidence counts capacity.",
                long_date(finish),
                working_days_moved(moved),
                long_date(plain_finish)
            )
        },
        waits: waits
            .into_iter()
            .map(|w| {
                format!(
                    "{} {}.",
                    named(&w.item, lookup.title_of(&w.item).unwrap_or_default()),
                    wait_words_in(program, &lookup, w, as_of)
                )
            })
            .collect(),
        problems: levelled
            .problems
            .iter()
            .map(|p| problem_words(program, p))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::capacity::Hold;
    use crate::model::{Availability, Item, Shared, Team};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn program() -> Program {
        let mut p = Program::new("Test", d(2027, 1, 4));
        p.teams.push(Shared::new(Team {
            uid: String::new(),
            id: "auth".into(),
            name: "Identity".into(),
            lead: Some("Kim Ito".into()),
            people: Some(5),
            availability: vec![],
        }));
        p.items.push(Item::task("AUTH-5", "SSO API", 10).into());
        p
    }

    fn risk() -> CapacityRisk {
        CapacityRisk {
            team: "auth".into(),
            team_name: "Identity".into(),
            lead: Some("Kim Ito".into()),
            change: Some(Availability {
                from: d(2027, 1, 18),
                percent: 60,
                note: None,
            }),
            item: Some("AUTH-5".into()),
            finish: d(2027, 2, 12),
            due: d(2027, 1, 29),
            late_by: 10,
            unlevelled_finish: d(2027, 1, 29),
            program_finish: d(2027, 2, 26),
            program_slip: 10,
            past_target: 10,
            hold: HoldOutcome::Holds(Hold {
                team: "auth".into(),
                people: 4,
                percent: 80,
                from: d(2027, 1, 18),
            }),
        }
    }

    #[test]
    fn the_risk_reads_like_the_playbook() {
        assert_eq!(
            risk_sentence(&program(), &risk(), d(2027, 1, 4)),
            "Identity at 60 % from 18 Jan: SSO API (AUTH-5) lands 12 Feb, needed by 29 Jan \
             (10 working days late); launch +10 working days (26 Feb). Holding 29 Jan needs \
             Identity at 80 % (4 of 5 people)."
        );
        assert_eq!(risk_owner(&risk()), "Owner: Kim Ito (lead of Identity)");
    }

    #[test]
    fn an_over_allocation_the_program_finish_and_no_hold_are_said_too() {
        let p = program();
        let mut r = risk();
        r.change = None;
        r.item = None;
        r.finish = d(2027, 2, 26);
        r.hold = HoldOutcome::Holds(Hold {
            team: "auth".into(),
            people: 7,
            percent: 140,
            from: d(2027, 1, 4),
        });
        assert_eq!(
            risk_sentence(&p, &r, d(2027, 1, 4)),
            "Identity over-allocated at 5 people: launch lands 26 Feb, past the target 29 Jan \
             (10 working days late); capacity moves it +10 working days. Holding 29 Jan needs \
             7 people of Identity, 2 more than its 5."
        );
        r.hold = HoldOutcome::Cannot {
            finish: d(2027, 2, 5),
            other_teams: vec!["auth".into(), "gone".into()],
        };
        assert!(risk_sentence(&p, &r, d(2027, 1, 4)).ends_with(
            "No number of people of Identity alone holds 29 Jan: it would land 5 Feb \
             (it still waits for Identity, gone)."
        ));
        r.hold = HoldOutcome::AlreadyHolds;
        r.lead = None;
        assert!(
            risk_sentence(&p, &r, d(2027, 1, 4)).ends_with("capacity moves it +10 working days.")
        );
        assert_eq!(
            risk_owner(&r),
            "Owner: the lead of Identity (none named yet)"
        );
    }

    #[test]
    fn a_week_of_load_is_numbers_with_over_said_in_words() {
        let week = WeekLoad {
            monday: d(2027, 1, 18),
            working_days: 4,
            capacity: 1200,
            unlevelled: 3000,
            levelled: 1200,
        };
        assert_eq!(
            week_words(&week, d(2027, 1, 4)),
            WeekWords {
                week: "Week of 18 Jan".into(),
                capacity: "3".into(),
                unlevelled: "7.5".into(),
                unlevelled_percent: "250 % over".into(),
                levelled: "3".into(),
                levelled_percent: "100 %".into(),
                over: true,
            }
        );
        let empty = WeekLoad {
            capacity: 0,
            unlevelled: 100,
            levelled: 0,
            ..week
        };
        let words = week_words(&empty, d(2027, 1, 4));
        assert_eq!(words.unlevelled_percent, "no capacity over");
        assert_eq!(words.levelled_percent, "no capacity");
    }
}

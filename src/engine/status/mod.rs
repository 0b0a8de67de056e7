//! Colours at the status date (docs/rules.md#colours): reported and effective colours with the
//! staleness rule, update and review flags, suggested colours, risk findings, the program
//! colour with its reasons, and the weekly history strip. Pure: no clock, never panics.

use chrono::{Datelike, Days, NaiveDate};

mod colour;
mod risks;

pub use colour::{program_colour, ProgramColour};
pub use risks::{register_order, risk_findings, RiskFinding};

use crate::engine::schedule::{NodeSchedule, Schedule};
use crate::engine::words::{long_date, non_blank};
use crate::model::{Colour, Program, StatusUpdate};

/// The colour signals of one item or dependency at the status date.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStatus {
    pub id: String,
    /// The entity's hidden uid (model/uid.rs): what lists key their rows on.
    pub uid: String,
    pub title: String,
    pub is_dependency: bool,
    /// Who answers for it; `None` when blank.
    pub owner: Option<String>,
    /// The date a card shows: an item's finish (actual or planned), else its due date; a
    /// dependency's delivery, else its due date.
    pub date: Option<NaiveDate>,
    /// The latest update on or before the status date that carries a note.
    pub latest_note: Option<Note>,
    /// Imported or pulled, and the latest import or pull from its tracker no longer listed
    /// it: the tracker's name ("Linear") and the day it first went missing.
    pub gone_from_source: Option<(String, NaiveDate)>,
    /// The latest update dated on or before the status date; `None` is "no status".
    pub reported: Option<Colour>,
    /// `reported`, or Red when the staleness rule applies (then `auto_red_reason` says why).
    pub effective: Option<Colour>,
    /// "Yellow since 6 Nov 2026 (14 days) without movement" when the staleness rule applies.
    pub auto_red_reason: Option<String>,
    /// The first update of the current unbroken run of the reported colour.
    pub colour_since: Option<NaiveDate>,
    /// Calendar days from `colour_since` to the status date.
    pub days_in_colour: Option<i64>,
    /// The date of the latest update on or before the status date.
    pub last_update: Option<NaiveDate>,
    /// Not done, and no update yet or the latest is more than `update_every_days` old.
    pub update_due: bool,
    /// Dependencies only: not delivered, and never reviewed or last reviewed more than
    /// `review_every_days` ago.
    pub review_due: bool,
    /// No owner, or only blanks.
    pub missing_owner: bool,
    /// A dependency with neither `due` nor `delivered`; an item with no `due` and no dates
    /// from the schedule (not in it, or on a cycle) and not finished.
    pub missing_date: bool,
    /// What the float suggests (the human decides): float to target < 0 → Red; within
    /// `near_critical_days`, or an early finish past its own `due` → Yellow; else Green.
    /// `None` when done or not scheduled.
    pub suggested: Option<Colour>,
    /// Finished (item) or delivered (dependency) on or before the status date.
    pub done: bool,
    pub critical: bool,
    pub near_critical: bool,
}

/// A status note with who wrote it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub by: Option<String>,
    pub date: NaiveDate,
}

/// The latest update on or before `as_of` that carries a non-blank note; of two on the
/// same day the one written last.
pub fn latest_note(updates: &[StatusUpdate], as_of: NaiveDate) -> Option<Note> {
    // The latest (date, position) with a note. Updates are kept oldest first, so scanning
    // from the end reads each note's text at most once before the answer is found.
    let mut best: Option<(NaiveDate, usize)> = None;
    for (i, u) in updates.iter().enumerate().rev() {
        let later = best.is_none_or(|b| (u.date, i) > b);
        if later && u.date <= as_of && non_blank(u.note.as_deref()).is_some() {
            best = Some((u.date, i));
        }
    }
    best.map(|(_, i)| &updates[i]).map(|u| Note {
        text: u.note.clone().unwrap_or_default(),
        by: non_blank(u.by.as_deref()).map(str::to_string),
        date: u.date,
    })
}

/// A tracker's name as people write it: "jira" → "Jira", "linear" → "Linear".
fn tracker_name(system: &str) -> String {
    let mut chars = system.chars();
    match chars.next() {
        // ASCII: tracker names are ("jira", "linear"), and Unicode case tables weigh 6 KB.
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => "its tracker".to_string(),
    }
}

/// Computes the colour signals of every item (file order) then every dependency (file order)
/// as of `as_of`. Updates dated after `as_of` are ignored, so an earlier status date replays
/// the board as it was.
pub fn statuses(program: &Program, schedule: &Schedule, as_of: NaiveDate) -> Vec<ItemStatus> {
    let rules = &program.rules;
    let mut out = Vec::with_capacity(program.items.len() + program.dependencies.len());

    for item in &program.items {
        let node = scheduled_node(schedule, &item.id);
        let done = item.finished.is_some_and(|f| f <= as_of);
        let movement = Movement {
            started: item.started,
            finished: item.finished,
            delivered: None,
            current_remaining: item.remaining,
        };
        let colours = colours(
            &item.status,
            &movement,
            done,
            rules.stale_yellow_days,
            as_of,
        );
        let has_dates = item.due.is_some() || node.is_some() || item.finished.is_some();
        out.push(ItemStatus {
            id: item.id.clone(),
            uid: item.uid.clone(),
            title: item.title.clone(),
            is_dependency: false,
            owner: non_blank(item.owner.as_deref()).map(str::to_string),
            date: item
                .finished
                .or_else(|| node.map(|n| n.early_finish))
                .or(item.due),
            latest_note: latest_note(&item.status, as_of),
            gone_from_source: item.source.as_ref().and_then(|source| {
                let since = source.missing?.date_naive();
                (since <= as_of).then(|| (tracker_name(&source.system), since))
            }),
            update_due: !done && update_due(colours.last_update, rules.update_every_days, as_of),
            review_due: false,
            missing_owner: is_blank(item.owner.as_deref()),
            missing_date: !has_dates,
            suggested: if done {
                None
            } else {
                node.map(|n| suggest(n, item.due, rules.near_critical_days))
            },
            done,
            critical: node.is_some_and(|n| n.critical),
            near_critical: node.is_some_and(|n| n.near_critical),
            ..colours.into_status()
        });
    }

    for dep in &program.dependencies {
        let node = scheduled_node(schedule, &dep.id);
        let done = dep.delivered.is_some_and(|d| d <= as_of);
        let movement = Movement {
            started: None,
            finished: None,
            delivered: dep.delivered,
            current_remaining: None,
        };
        let colours = colours(&dep.status, &movement, done, rules.stale_yellow_days, as_of);
        let review_due = !done
            && dep
                .reviewed
                .is_none_or(|r| days_between(r, as_of) > i64::from(rules.review_every_days));
        out.push(ItemStatus {
            id: dep.id.clone(),
            uid: dep.uid.clone(),
            title: dep.title.clone(),
            is_dependency: true,
            owner: non_blank(dep.owner.as_deref()).map(str::to_string),
            date: dep.delivered.or(dep.due),
            latest_note: latest_note(&dep.status, as_of),
            gone_from_source: None,
            update_due: !done && update_due(colours.last_update, rules.update_every_days, as_of),
            review_due,
            missing_owner: is_blank(dep.owner.as_deref()),
            missing_date: dep.due.is_none() && dep.delivered.is_none(),
            suggested: if done {
                None
            } else {
                node.map(|n| suggest(n, dep.due, rules.near_critical_days))
            },
            done,
            critical: node.is_some_and(|n| n.critical),
            near_critical: node.is_some_and(|n| n.near_critical),
            ..colours.into_status()
        });
    }
    out
}

/// What counts as movement besides the updates themselves.
struct Movement {
    started: Option<NaiveDate>,
    finished: Option<NaiveDate>,
    delivered: Option<NaiveDate>,
    /// The item's `remaining` as the file has it now.
    current_remaining: Option<u32>,
}

/// The colour part of an [`ItemStatus`], from the updates alone plus movement.
struct Colours {
    reported: Option<Colour>,
    effective: Option<Colour>,
    auto_red_reason: Option<String>,
    colour_since: Option<NaiveDate>,
    days_in_colour: Option<i64>,
    last_update: Option<NaiveDate>,
}

impl Colours {
    /// An `ItemStatus` carrying these colours; the caller fills in everything else.
    fn into_status(self) -> ItemStatus {
        ItemStatus {
            id: String::new(),
            uid: String::new(),
            title: String::new(),
            is_dependency: false,
            owner: None,
            date: None,
            latest_note: None,
            gone_from_source: None,
            reported: self.reported,
            effective: self.effective,
            auto_red_reason: self.auto_red_reason,
            colour_since: self.colour_since,
            days_in_colour: self.days_in_colour,
            last_update: self.last_update,
            update_due: false,
            review_due: false,
            missing_owner: false,
            missing_date: false,
            suggested: None,
            done: false,
            critical: false,
            near_critical: false,
        }
    }
}

/// Reported colour, the current run of it, and the staleness rule.
fn colours(
    updates: &[StatusUpdate],
    movement: &Movement,
    done: bool,
    stale_yellow_days: u32,
    as_of: NaiveDate,
) -> Colours {
    let known = updates_until(updates, as_of);
    let Some(latest) = known.last() else {
        return Colours {
            reported: None,
            effective: None,
            auto_red_reason: None,
            colour_since: None,
            days_in_colour: None,
            last_update: None,
        };
    };
    let reported = latest.colour;
    // The trailing run of updates in the reported colour: a colour change restarts the clock.
    let run_start = known
        .iter()
        .rposition(|u| u.colour != reported)
        .map_or(0, |i| i + 1);
    let run = &known[run_start..];
    let since = run.first().map_or(latest.date, |u| u.date);
    let days = days_between(since, as_of);

    let mut effective = Some(reported);
    let mut auto_red_reason = None;
    // Done work is judged by its finish, not by its last colour.
    if reported == Colour::Yellow
        && !done
        && days >= i64::from(stale_yellow_days)
        && !moved_since(run, movement, since, as_of)
    {
        effective = Some(Colour::Red);
        auto_red_reason = Some(format!(
            "Yellow since {} ({days} days) without movement",
            long_date(since)
        ));
    }
    Colours {
        reported: Some(reported),
        effective,
        auto_red_reason,
        colour_since: Some(since),
        days_in_colour: Some(days),
        last_update: Some(latest.date),
    }
}

/// Updates dated on or before `as_of`, oldest first; a stable sort keeps the file order of
/// updates on the same date, so the one written last counts as latest.
fn updates_until(updates: &[StatusUpdate], as_of: NaiveDate) -> Vec<&StatusUpdate> {
    let mut known: Vec<&StatusUpdate> = updates.iter().filter(|u| u.date <= as_of).collect();
    // Kept oldest first already, as a rule: sorting is then only a check.
    if !known.is_sorted_by_key(|u| u.date) {
        crate::sort::sort_by_key(&mut known, |u| u.date);
    }
    known
}

/// Movement since `since` (the start of the Yellow `run`): a lower `remaining` than at the
/// start of the run, a start, a finish or a delivery in `(since, as_of]`.
fn moved_since(
    run: &[&StatusUpdate],
    movement: &Movement,
    since: NaiveDate,
    as_of: NaiveDate,
) -> bool {
    let within = |date: Option<NaiveDate>| date.is_some_and(|d| since < d && d <= as_of);
    if within(movement.started) || within(movement.finished) || within(movement.delivered) {
        return true;
    }
    // The baseline is the remaining recorded at the start of the run or, when that update
    // has none, the first one recorded after it. Updates are compared in order, so a second
    // update on the same day as the baseline can show movement too.
    let Some((at, baseline)) = run
        .iter()
        .enumerate()
        .find_map(|(i, u)| u.remaining.map(|r| (i, r)))
    else {
        return false;
    };
    run.iter()
        .skip(at + 1)
        .filter_map(|u| u.remaining)
        .chain(movement.current_remaining)
        .any(|r| r < baseline)
}

/// The schedule node of `id`, when it has real dates (not on a cycle).
pub(super) fn scheduled_node<'a>(schedule: &'a Schedule, id: &str) -> Option<&'a NodeSchedule> {
    schedule
        .index
        .get(id)
        .and_then(|&i| schedule.nodes.get(i))
        .filter(|n| n.scheduled)
}

fn suggest(node: &NodeSchedule, due: Option<NaiveDate>, near_critical_days: u32) -> Colour {
    if node.float_to_target < 0 {
        Colour::Red
    } else if node.float_to_target <= i64::from(near_critical_days)
        || due.is_some_and(|d| node.early_finish > d)
    {
        Colour::Yellow
    } else {
        Colour::Green
    }
}

fn update_due(last_update: Option<NaiveDate>, every_days: u32, as_of: NaiveDate) -> bool {
    last_update.is_none_or(|d| days_between(d, as_of) > i64::from(every_days))
}

fn is_blank(text: Option<&str>) -> bool {
    text.is_none_or(|t| t.trim().is_empty())
}

/// Calendar days from `from` to `to` (negative when `to` is earlier).
pub(super) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// One week of the history strip.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekCell {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// The latest update dated in that week (and not after the status date); `None`: none.
    pub colour: Option<Colour>,
}

/// The `weeks` weeks (Monday to Sunday) ending with the week of `as_of`, oldest first.
/// Updates after `as_of` are ignored; of two on the same day the one written last counts.
/// Weeks that end before `from` (the program's start) are left out: no "no update" for a
/// time the program did not exist.
pub fn history(
    updates: &[StatusUpdate],
    as_of: NaiveDate,
    weeks: usize,
    from: NaiveDate,
) -> Vec<WeekCell> {
    let known = updates_until(updates, as_of);
    let this_week = as_of
        .checked_sub_days(Days::new(u64::from(as_of.weekday().num_days_from_monday())))
        .unwrap_or(as_of);
    (0..weeks)
        .rev()
        .filter_map(|back| {
            // Weeks before the earliest representable date are simply left out.
            let week_start = this_week.checked_sub_days(Days::new(7 * back as u64))?;
            if days_between(week_start, from) >= 7 {
                return None;
            }
            let colour = known
                .iter()
                .rev()
                .find(|u| u.date >= week_start && days_between(week_start, u.date) < 7)
                .map(|u| u.colour);
            Some(WeekCell { week_start, colour })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn update(date: &str, colour: Colour, remaining: Option<u32>) -> StatusUpdate {
        StatusUpdate {
            date: d(date),
            colour,
            note: None,
            by: None,
            remaining,
        }
    }

    #[test]
    fn history_weeks_start_on_monday_and_end_with_the_status_week() {
        // 2026-11-20 is a Friday.
        let cells = history(&[], d("2026-11-20"), 3, d("2026-01-05"));
        let starts: Vec<_> = cells.iter().map(|c| c.week_start).collect();
        assert_eq!(
            starts,
            vec![d("2026-11-02"), d("2026-11-09"), d("2026-11-16")]
        );
    }

    #[test]
    fn unsorted_updates_are_read_oldest_first() {
        let updates = vec![
            update("2026-11-13", Colour::Yellow, None),
            update("2026-11-06", Colour::Green, None),
        ];
        let known = updates_until(&updates, d("2026-11-20"));
        assert_eq!(known.last().map(|u| u.colour), Some(Colour::Yellow));
    }

    #[test]
    fn baseline_falls_back_to_the_first_later_remaining() {
        let updates = vec![
            update("2026-11-01", Colour::Yellow, None),
            update("2026-11-08", Colour::Yellow, Some(6)),
            update("2026-11-15", Colour::Yellow, Some(5)),
        ];
        let run = updates_until(&updates, d("2026-11-20"));
        let still = Movement {
            started: None,
            finished: None,
            delivered: None,
            current_remaining: None,
        };
        assert!(moved_since(&run, &still, d("2026-11-01"), d("2026-11-20")));
        assert!(!moved_since(
            &run[..2],
            &still,
            d("2026-11-01"),
            d("2026-11-20")
        ));
    }
}

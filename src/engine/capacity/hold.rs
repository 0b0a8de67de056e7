//! The capacity that holds a date, and the capacity risks computed from it (issue 23
//! "What the TPM sees" 3): which team's availability change or over-allocation pushes an
//! item past its `due` or the program past its target, by how much, and how many people
//! of that team would hold the date. Pure; the words are `engine::words`' job.

use chrono::NaiveDate;

use super::decode::RawWait;
use super::Model;
use crate::engine::schedule::network::id_of;
use crate::model::{Availability, Program};

/// How many people of a team would hold a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    pub team: String,
    /// Whole people available a working day from `from` on.
    pub people: u32,
    /// The same as a percentage of the team's `people`, rounded up (above 100 when it
    /// takes more people than the team has).
    pub percent: u32,
    /// From this date on (the availability change that pushes the date, or the status date).
    pub from: NaiveDate,
}

/// The answer to "what capacity of this team holds this date?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoldOutcome {
    /// The levelled finish already holds it.
    AlreadyHolds,
    /// The smallest whole number of people found by the search that holds it.
    Holds(Hold),
    /// No number of people of this team holds it. With the team unconstrained the finish
    /// would be `finish`; `other_teams` are the teams whose people it then still waits for
    /// (empty: the links alone make it late).
    Cannot {
        finish: NaiveDate,
        other_teams: Vec<String>,
    },
    /// The team has no `people`, or the item is not scheduled.
    NotApplicable,
}

/// What a decode is judged by: one item's finish, or the program's.
#[derive(Debug, Clone, Copy)]
enum Target {
    Item(usize),
    Program,
}

impl Model {
    /// The finish day of `target` in a decode of `list` with the current overrides.
    fn finish_day(
        &mut self,
        list: &[u32],
        target: Target,
        waits: Option<&mut Vec<RawWait>>,
    ) -> i64 {
        let (pass, finish) = self.decode(list, waits);
        match target {
            Target::Item(r) => (pass.keys[2 * r + 1][0] >> 1) as i64,
            Target::Program => self.network.finish_day(finish),
        }
    }

    /// The smallest whole number of people of team `t` from working day `from` on that
    /// makes `target` finish by working day `by` in a decode of `list` (see
    /// [`capacity_to_hold`]); overrides are cleared afterwards.
    fn hold_search(
        &mut self,
        list: &[u32],
        target: Target,
        t: usize,
        from: i64,
        by: i64,
    ) -> Result<Option<u32>, (i64, Vec<usize>)> {
        let net_today = self.network.today;
        let from = from.max(net_today);
        let now = self.finish_day(list, target, None);
        if now <= by {
            return Ok(None);
        }
        let at = |model: &mut Model, people: u64, waits: Option<&mut Vec<RawWait>>| -> i64 {
            let units = (people * 100).min(i32::MAX as u64 / 4) as i32;
            model.decoder.overrides = vec![(t, from, units)];
            model.decoder.reset_capacity();
            model.finish_day(list, target, waits)
        };
        // Enough people that the team is never short: everything it is ever asked at once.
        let total: u64 = (0..self.network.len())
            .flat_map(|r| self.decoder.demands.of(r).iter())
            .filter(|&&(team, _)| team as usize == t)
            .map(|&(_, units)| units as u64)
            .sum::<u64>()
            .div_ceil(100)
            .max(1);
        let mut waits = Vec::new();
        let unlimited = at(self, total, Some(&mut waits));
        let result = if unlimited > by {
            let mut others: Vec<usize> = waits
                .iter()
                .flat_map(|w| w.teams.iter().map(|&x| x as usize))
                .filter(|&x| x != t)
                .collect();
            others.sort_unstable();
            others.dedup();
            Err((unlimited, others))
        } else {
            // Doubling from what the team has then, then halving: a whole number found
            // to hold, in O(log people) decodes.
            let current = (self.decoder.teams.units(t, from) / 100) as u64;
            let (mut low, mut high) = (current, current + 1);
            while high < total && at(self, high, None) > by {
                low = high;
                high = (high * 2).min(total);
            }
            while high - low > 1 {
                let mid = (low + high) / 2;
                if at(self, mid, None) <= by {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            Ok(Some(high as u32))
        };
        self.decoder.overrides.clear();
        self.decoder.reset_capacity();
        result
    }
}

/// The smallest whole number of people of `team` — from `from` on (default: the status
/// date) — that makes the levelled finish of `item` (or, with `None`, of the program) fall
/// on or before `date`, decoding the program's accepted order (or the default rule).
///
/// Searched over whole people: doubling from what the team has at `from`, then halving,
/// each step a decode (O(log people) decodes). Levelling is not monotone in capacity in
/// every program (one more person can reorder who goes first), so the answer is the
/// smallest number this search found to hold, always one that was decoded and holds.
/// [`HoldOutcome::Cannot`] when not even an unconstrained team holds it, with what else
/// pushes it.
pub fn capacity_to_hold(
    program: &Program,
    as_of: NaiveDate,
    team: &str,
    item: Option<&str>,
    date: NaiveDate,
    from: Option<NaiveDate>,
) -> HoldOutcome {
    let mut model = Model::new(program, as_of);
    let Some(t) = model.decoder.teams.index(team) else {
        return HoldOutcome::NotApplicable;
    };
    let target = match item {
        None => Target::Program,
        Some(id) => match program.items.iter().position(|i| i.id == id) {
            Some(i) if (model.network.rank_of[i] as usize) < model.network.scheduled => {
                Target::Item(model.network.rank_of[i] as usize)
            }
            _ => return HoldOutcome::NotApplicable,
        },
    };
    let list = model.list_of(program, program.levelling.as_deref());
    let by = model.network.cal.number(date.succ_opt().unwrap_or(date)) - 1;
    let from_day = from.map_or(model.network.today, |d| model.network.cal.number(d));
    let people = model.decoder.teams.people[t];
    match model.hold_search(&list, target, t, from_day, by) {
        Ok(None) => HoldOutcome::AlreadyHolds,
        Ok(Some(k)) => HoldOutcome::Holds(Hold {
            team: team.to_string(),
            people: k,
            percent: if people == 0 {
                u32::MAX
            } else {
                (k as u64 * 100).div_ceil(people as u64) as u32
            },
            from: model.network.cal.date(from_day.max(model.network.today)),
        }),
        Err((finish, others)) => HoldOutcome::Cannot {
            finish: model.network.cal.date(finish),
            other_teams: others
                .into_iter()
                .map(|x| model.decoder.teams.ids[x].clone())
                .collect(),
        },
    }
}

/// A capacity finding at the status date: a team whose availability change or
/// over-allocation pushes an item past its `due` (or, with `item` `None`, the program past
/// its target).
#[derive(Debug, Clone, PartialEq)]
pub struct CapacityRisk {
    pub team: String,
    pub team_name: String,
    /// The team's lead: the owner of the computed risk.
    pub lead: Option<String>,
    /// The availability change in force when the work waited (`None`: the team is
    /// over-allocated at full availability).
    pub change: Option<Availability>,
    /// The item pushed past its due; `None`: the program past its target.
    pub item: Option<String>,
    /// Its levelled finish, and the date it is needed by (its `due`, or the target).
    pub finish: NaiveDate,
    pub due: NaiveDate,
    /// Working days past `due` (positive: late).
    pub late_by: i64,
    /// Its finish without capacity limits (the critical path method).
    pub unlevelled_finish: NaiveDate,
    /// The program's levelled forecast finish and how many working days capacity moves it
    /// (levelled − unlevelled forecast finish).
    pub program_finish: NaiveDate,
    pub program_slip: i64,
    /// Working days the levelled program finish is past the target (negative: early).
    pub past_target: i64,
    /// The capacity of `team` that would hold `due`.
    pub hold: HoldOutcome,
}

/// How many findings at most: each costs a few dozen decodes.
const MAX_RISKS: usize = 12;

/// The capacity risks of `program` at `as_of`, most late first (the program's own first):
/// every item whose levelled finish is past its `due` and later than capacity-free
/// scheduling would have it, and the program when its levelled finish is past the target
/// and later than without capacity limits — each attributed to every team whose limit
/// moves it (freeing that team alone brings it earlier), with the availability change in
/// force when the work waited, the slip, and the people that would hold the date.
/// Empty without capacity data. At most 12 findings.
///
/// Complexity: one levelling, a decode per late item and team involved, and a hold search
/// per finding.
pub fn capacity_risks(program: &Program, as_of: NaiveDate) -> Vec<CapacityRisk> {
    risks_of(program, as_of, true)
}

/// The capacity risks of [`capacity_risks`] that are the program's own: its levelled
/// finish past the target, by team (what the Summary says), without the items' searches.
pub fn launch_capacity_risks(program: &Program, as_of: NaiveDate) -> Vec<CapacityRisk> {
    let mut risks = risks_of(program, as_of, false);
    risks.retain(|r| r.past_target > 0);
    risks
}

fn risks_of(program: &Program, as_of: NaiveDate, items_too: bool) -> Vec<CapacityRisk> {
    let mut model = Model::new(program, as_of);
    if !model.constrained() {
        return Vec::new();
    }
    let list = model.list_of(program, program.levelling.as_deref());
    let mut cpm = model.network.pass::<1>();
    let [cpm_finish] = model.network.forward(&mut cpm);
    let mut waits = Vec::new();
    let (pass, finish) = model.decode(&list, Some(&mut waits));
    let cal = model.network.cal.clone();
    let end_day = |keys: &[[i32; 1]], r: usize| (keys[2 * r + 1][0] >> 1) as i64;
    let program_day = model.network.finish_day(finish);
    let cpm_day = model.network.finish_day(cpm_finish);
    let target_day = model.network.target_day;
    // Late work: (rank or none for the program, due day, how late).
    let mut late: Vec<(Option<usize>, i64, i64, NaiveDate)> = Vec::new();
    if program_day > target_day && program_day > cpm_day {
        late.push((None, target_day, program_day - target_day, program.target));
    }
    let mut items: Vec<(Option<usize>, i64, i64, NaiveDate)> = Vec::new();
    for (i, item) in program.items.iter().enumerate().filter(|_| items_too) {
        let r = model.network.rank_of[i] as usize;
        let Some(due) = item.due else { continue };
        if r < model.network.fixed || r >= model.network.scheduled {
            continue;
        }
        let due_day = cal.number(due.succ_opt().unwrap_or(due)) - 1;
        let (levelled, unlevelled) = (end_day(&pass.keys, r), end_day(&cpm.keys, r));
        if levelled > due_day && levelled > unlevelled {
            items.push((Some(r), due_day, levelled - due_day, due));
        }
    }
    items.sort_by_key(|&(r, _, by, _)| (std::cmp::Reverse(by), r));
    late.extend(items);
    // Teams any work waited for: the candidates.
    let mut involved: Vec<usize> = waits
        .iter()
        .flat_map(|w| w.teams.iter().map(|&t| t as usize))
        .collect();
    involved.sort_unstable();
    involved.dedup();
    let mut risks = Vec::new();
    for (rank, due_day, late_by, due) in late {
        if risks.len() >= MAX_RISKS {
            break;
        }
        let target = match rank {
            Some(r) => Target::Item(r),
            None => Target::Program,
        };
        let now = model.finish_day(&list, target, None);
        for &t in &involved {
            if risks.len() >= MAX_RISKS {
                break;
            }
            // Does freeing this team alone bring it earlier?
            model.decoder.overrides = vec![(t, model.network.today, i32::MAX / 8)];
            model.decoder.reset_capacity();
            let mut freed_waits = Vec::new();
            let freed = model.finish_day(&list, target, Some(&mut freed_waits));
            model.decoder.overrides.clear();
            model.decoder.reset_capacity();
            if freed >= now {
                continue;
            }
            // The change in force on the last day this team was short for the work.
            let short_day = waits
                .iter()
                .filter(|w| w.teams.contains(&(t as u16)))
                .map(|w| w.day)
                .filter(|&day| day <= now)
                .max();
            let team = &program.teams[program
                .teams
                .iter()
                .position(|x| x.id == model.decoder.teams.ids[t])
                .unwrap_or(0)];
            let change = short_day.and_then(|day| {
                let date = cal.date(day);
                team.availability
                    .iter()
                    .filter(|a| a.from <= date)
                    .max_by_key(|a| a.from)
                    .filter(|a| a.percent < 100)
                    .cloned()
            });
            let from = change
                .as_ref()
                .map_or(model.network.today, |a| cal.number(a.from));
            let hold = match model.hold_search(&list, target, t, from, due_day) {
                Ok(None) => HoldOutcome::AlreadyHolds,
                Ok(Some(k)) => HoldOutcome::Holds(Hold {
                    team: team.id.clone(),
                    people: k,
                    percent: match team.people {
                        Some(p) if p > 0 => (k as u64 * 100).div_ceil(p as u64) as u32,
                        _ => u32::MAX,
                    },
                    from: cal.date(from.max(model.network.today)),
                }),
                Err((finish, others)) => HoldOutcome::Cannot {
                    finish: cal.date(finish),
                    other_teams: others
                        .into_iter()
                        .map(|x| model.decoder.teams.ids[x].clone())
                        .collect(),
                },
            };
            risks.push(CapacityRisk {
                team: team.id.clone(),
                team_name: team.name.clone(),
                lead: team.lead.clone(),
                change,
                item: rank.map(|r| id_of(program, model.network.file_of[r] as usize).to_string()),
                finish: cal.date(now),
                due,
                late_by,
                unlevelled_finish: cal.date(match rank {
                    Some(r) => end_day(&cpm.keys, r),
                    None => cpm_day,
                }),
                program_finish: cal.date(program_day),
                program_slip: program_day - cpm_day,
                past_target: program_day - target_day,
                hold,
            });
        }
    }
    risks
}

//! Load against capacity per team and week (issue 23 "What the TPM sees" 1): what the
//! unlevelled plan (the critical path method's dates) and the levelled plan ask of each
//! constrained team, as numbers — "Identity, week of 18 Jan: 7.5 of 3 people (250 %)".
//! Pure; phrasing is `engine::words`' job.

use chrono::{Datelike, Duration, NaiveDate};

use super::Model;
use crate::engine::schedule::network::Mode;
use crate::model::Program;

/// One team's week (Monday to Sunday), counted over its working days from the status date
/// on (earlier days are history). Amounts are hundredths of a person-day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekLoad {
    pub monday: NaiveDate,
    /// Working days of the week counted (from the status date on).
    pub working_days: u32,
    pub capacity: i64,
    pub unlevelled: i64,
    pub levelled: i64,
}

impl WeekLoad {
    /// Average people a working day: hundredths of person-days ÷ 100 ÷ working days.
    fn people(&self, amount: i64) -> f64 {
        if self.working_days == 0 {
            0.0
        } else {
            amount as f64 / 100.0 / self.working_days as f64
        }
    }

    /// People the team has, on average over the week's working days ("3 people").
    pub fn capacity_people(&self) -> f64 {
        self.people(self.capacity)
    }

    /// People the unlevelled plan asks for on average ("7.5 people").
    pub fn unlevelled_people(&self) -> f64 {
        self.people(self.unlevelled)
    }

    /// People the levelled plan asks for on average.
    pub fn levelled_people(&self) -> f64 {
        self.people(self.levelled)
    }

    /// Unlevelled load as a percentage of capacity (`None` with no capacity that week).
    pub fn unlevelled_percent(&self) -> Option<f64> {
        (self.capacity > 0).then(|| self.unlevelled as f64 * 100.0 / self.capacity as f64)
    }

    /// Levelled load as a percentage of capacity (`None` with no capacity that week).
    pub fn levelled_percent(&self) -> Option<f64> {
        (self.capacity > 0).then(|| self.levelled as f64 * 100.0 / self.capacity as f64)
    }

    /// Does the unlevelled plan ask for more than the team has this week?
    pub fn unlevelled_over(&self) -> bool {
        self.unlevelled > self.capacity
    }

    /// Does the levelled plan use more than the team has this week (only work in progress
    /// or work that cannot fit can)?
    pub fn levelled_over(&self) -> bool {
        self.levelled > self.capacity
    }
}

/// A constrained team's weeks, from the status date's week to the last week either plan
/// asks anything of anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamLoad {
    pub team: String,
    pub people: u32,
    pub weeks: Vec<WeekLoad>,
}

/// Load against capacity of every team with `people` (file order), unlevelled and levelled
/// (the accepted order, or the default rule). Empty without constrained teams.
///
/// Complexity: a compile, a forward pass and a decode, then O(n + teams × days).
pub fn load(program: &Program, as_of: NaiveDate) -> Vec<TeamLoad> {
    let mut model = Model::new(program, as_of);
    if model.decoder.teams.len() == 0 {
        return Vec::new();
    }
    let mut unlevelled = model.network.pass::<1>();
    model.network.forward(&mut unlevelled);
    let list = model.list_of(program, program.levelling.as_deref());
    let (levelled, _) = model.decode(&list, None);
    let unlevelled: Vec<i32> = unlevelled.keys.iter().map(|k| k[0]).collect();
    let levelled: Vec<i32> = levelled.keys.iter().map(|k| k[0]).collect();
    model.weekly_load(&unlevelled, &levelled)
}

impl Model {
    /// The weekly load of two placements of this model's network (start and end keys by
    /// rank, as a pass's keys).
    pub(crate) fn weekly_load(&self, unlevelled: &[i32], levelled: &[i32]) -> Vec<TeamLoad> {
        let net = &self.network;
        let teams = &self.decoder.teams;
        let today = net.today;
        // The last working day any demand runs in either plan.
        let mut last = today;
        let runs = |keys: &[i32], r: usize| -> Option<(i64, i64)> {
            if net.mode[r] == Mode::Fixed || r >= net.scheduled {
                return None;
            }
            let (s, e) = ((keys[2 * r] >> 1) as i64, (keys[2 * r + 1] >> 1) as i64);
            let s = s.max(today);
            (s <= e).then_some((s, e))
        };
        for r in 0..net.len() {
            if self.decoder.demands.of(r).is_empty() {
                continue;
            }
            for keys in [unlevelled, levelled] {
                if let Some((_, e)) = runs(keys, r) {
                    last = last.max(e);
                }
            }
        }
        // Weeks from the status date's Monday to the last day's.
        let first_day = net.cal.date(today);
        let monday0 = first_day - Duration::days(first_day.weekday().num_days_from_monday() as i64);
        let span = (last - today + 1).clamp(1, 1 << 17) as usize;
        let week_of: Vec<usize> = (0..span)
            .map(|k| ((net.cal.date(today + k as i64) - monday0).num_days() / 7) as usize)
            .collect();
        let weeks = week_of.last().map_or(1, |&w| w + 1);
        let mut out = Vec::with_capacity(teams.len());
        for t in 0..teams.len() {
            // Per day: difference arrays of the two loads.
            let mut diff = [vec![0i64; span + 1], vec![0i64; span + 1]];
            for r in 0..net.len() {
                for &(team, units) in self.decoder.demands.of(r) {
                    if team as usize != t {
                        continue;
                    }
                    for (plan, keys) in [unlevelled, levelled].into_iter().enumerate() {
                        if let Some((s, e)) = runs(keys, r) {
                            let (a, b) =
                                ((s - today) as usize, ((e - today) as usize).min(span - 1));
                            if a < span {
                                diff[plan][a] += units as i64;
                                diff[plan][b + 1] -= units as i64;
                            }
                        }
                    }
                }
            }
            let mut rows: Vec<WeekLoad> = (0..weeks)
                .map(|w| WeekLoad {
                    monday: monday0 + Duration::weeks(w as i64),
                    working_days: 0,
                    capacity: 0,
                    unlevelled: 0,
                    levelled: 0,
                })
                .collect();
            let (mut u, mut l) = (0i64, 0i64);
            for (k, &w) in week_of.iter().enumerate() {
                u += diff[0][k];
                l += diff[1][k];
                let row = &mut rows[w];
                row.working_days += 1;
                row.capacity += self.capacity_units(t, today + k as i64) as i64;
                row.unlevelled += u;
                row.levelled += l;
            }
            out.push(TeamLoad {
                team: teams.ids[t].clone(),
                people: teams.people[t],
                weeks: rows,
            });
        }
        out
    }

    /// Units of team `t` on working day `day`.
    fn capacity_units(&self, t: usize, day: i64) -> i32 {
        self.decoder.teams.units(t, day)
    }
}

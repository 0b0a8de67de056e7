//! Who the program has and what it asks of them (SPEC §3 "Capacity"): each team's capacity
//! per working day and each node's demand, compiled once against a [`Network`] into
//! integers. Pure: no clock, no browser, no panic on any input.
//!
//! **Units** are hundredths of a person: a team of 5 at 60 % has 300 units a working day,
//! an item needing 2 people takes 200. So fractional capacity (3 people at 50 %) needs no
//! floating point, and a demand fits a day exactly when `units ≤ free units`.

use chrono::NaiveDate;

use crate::engine::schedule::network::{Mode, Network};
use crate::model::Program;

/// A problem in the capacity data that levelling worked around; each names the numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapacityProblem {
    /// `item` needs `needs` people of `team`, which from the item's earliest start never
    /// has more than `most` hundredths of a person (`people` at `percent` %) on every day
    /// of a stretch as long as the item. Levelled as if it needed `most` (all the team has
    /// then), so it is never dropped; with `most` 0, without that team.
    MoreThanTheTeamHas {
        item: String,
        team: String,
        needs: u32,
        people: u32,
        percent: u32,
        most: u32,
    },
    /// `item` names a team in `needs` that the program does not have: that need is
    /// ignored (unconstrained).
    UnknownTeam { item: String, team: String },
    /// No working day from its earliest start could give `item` the people of `team` it
    /// needs for its whole duration (the team shrinks later and every earlier window is
    /// taken): it is placed at its earliest start over that team's capacity.
    NoRoom { item: String, team: String },
}

impl std::fmt::Display for CapacityProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CapacityProblem::MoreThanTheTeamHas {
                item,
                team,
                needs,
                people,
                percent,
                most,
            } => write!(
                f,
                "{item} needs {needs} people of {team}, which has at most {} ({people} at {percent} %)",
                // Without the float formatter (several KB of the download).
                crate::engine::words::decimal(*most as f64 / 100.0, 2)
            ),
            CapacityProblem::UnknownTeam { item, team } => {
                write!(f, "{item} needs people of {team}: no such team")
            }
            CapacityProblem::NoRoom { item, team } => write!(
                f,
                "{item}: {team} never has the people it needs for its whole duration; placed over capacity"
            ),
        }
    }
}

/// The teams with `people`, in file order: the only constrained ones.
#[derive(Debug, Clone)]
pub(crate) struct Teams {
    pub ids: Vec<String>,
    pub people: Vec<u32>,
    /// Per team, the availability changes as (first working day it applies, percent),
    /// by day; the last of equal days wins; 100 % before the first.
    pub changes: Vec<Vec<(i64, u32)>>,
}

impl Teams {
    /// The constrained teams of `program`, their dates as working days of `network`.
    pub fn new(program: &Program, network: &Network) -> Teams {
        let mut teams = Teams {
            ids: Vec::new(),
            people: Vec::new(),
            changes: Vec::new(),
        };
        for team in &program.teams {
            let Some(people) = team.people else { continue };
            if teams.ids.contains(&team.id) {
                continue;
            }
            let mut changes: Vec<(NaiveDate, u32)> = team
                .availability
                .iter()
                .map(|a| (a.from, a.percent.min(100)))
                .collect();
            // Stable: of two changes on one date, the later in the file wins.
            changes.sort_by_key(|&(from, _)| from);
            teams.ids.push(team.id.clone());
            teams.people.push(people.min(1_000_000));
            teams.changes.push(
                changes
                    .into_iter()
                    .map(|(from, percent)| (network.cal.number(from), percent))
                    .collect(),
            );
        }
        teams
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|t| t == id)
    }

    /// The percent in force on working day `day`.
    pub fn percent(&self, team: usize, day: i64) -> u32 {
        let changes = &self.changes[team];
        let applied = changes.partition_point(|&(from, _)| from <= day);
        if applied == 0 {
            100
        } else {
            changes[applied - 1].1
        }
    }

    /// Units (hundredths of a person) of `team` on working day `day`.
    pub fn units(&self, team: usize, day: i64) -> i32 {
        (self.people[team] as i64 * self.percent(team, day) as i64).min(i32::MAX as i64 / 4) as i32
    }

    /// The most units `team` has on every one of `days` consecutive working days starting
    /// on or after `day` (the most an item of that duration can ever be given), and the
    /// percent then.
    pub fn most_for(&self, team: usize, day: i64, days: i64) -> (i32, u32) {
        let changes = &self.changes[team];
        let starts = std::iter::once(day).chain(
            changes
                .iter()
                .map(|&(from, _)| from)
                .filter(|&from| from > day),
        );
        let mut best = 0;
        for s in starts {
            let lowest = changes
                .iter()
                .filter(|&&(from, _)| from > s && from < s + days.max(1))
                .map(|&(_, p)| p)
                .fold(self.percent(team, s), u32::min);
            best = best.max(lowest);
        }
        let units = (self.people[team] as i64 * best as i64).min(i32::MAX as i64 / 4) as i32;
        (units, best)
    }

    /// The last working day on which `team`'s capacity changes (the day before the
    /// first, when it never does); from the next day on it is constant.
    pub fn last_change(&self, team: usize) -> i64 {
        self.changes[team]
            .last()
            .map_or(i64::MIN / 4, |&(from, _)| from)
    }
}

/// Per rank of a network, the (team, units) it occupies on every working day it runs.
#[derive(Debug, Clone)]
pub(crate) struct Demands {
    at: Vec<u32>,
    list: Vec<(u16, i32)>,
}

impl Demands {
    /// The demand of every node of `network` (SPEC §3): `needs`, or, absent, one person
    /// of the item's own team when that team has people. Milestones, zero-day tasks,
    /// finished items and dependencies need no one. A need larger than the team ever has
    /// from the item's earliest start is cut to what it has and reported.
    pub fn new(
        program: &Program,
        network: &Network,
        teams: &Teams,
        problems: &mut Vec<CapacityProblem>,
    ) -> Demands {
        let n = network.len();
        let mut per_rank: Vec<Vec<(u16, i32)>> = vec![Vec::new(); n];
        for (i, item) in program.items.iter().enumerate() {
            let r = network.rank_of[i] as usize;
            let runs = r >= network.fixed
                && r < network.scheduled
                && network.mode[r] != Mode::Fixed
                && !item.is_milestone()
                && item.days > 0;
            let mut wanted: Vec<(usize, u32)> = Vec::new();
            if item.needs.is_empty() {
                if let Some(t) = item.team.as_deref().and_then(|id| teams.index(id)) {
                    wanted.push((t, 1));
                }
            } else {
                for (team, &people) in &item.needs {
                    match teams.index(team) {
                        Some(t) => wanted.push((t, people)),
                        None if program.teams.iter().any(|known| &known.id == team) => {}
                        None => problems.push(CapacityProblem::UnknownTeam {
                            item: item.id.clone(),
                            team: team.clone(),
                        }),
                    }
                }
            }
            if !runs {
                continue;
            }
            let earliest = match network.mode[r] {
                Mode::Free => (network.lower[r] >> 1) as i64,
                _ => network.today,
            };
            for (t, people) in wanted {
                let units = (people as i64 * 100).min(i32::MAX as i64 / 4) as i32;
                if units == 0 {
                    continue;
                }
                let (most, percent) = teams.most_for(t, earliest, item.days as i64);
                let units = if units > most {
                    problems.push(CapacityProblem::MoreThanTheTeamHas {
                        item: item.id.clone(),
                        team: teams.ids[t].clone(),
                        needs: people,
                        people: teams.people[t],
                        percent,
                        most: most as u32,
                    });
                    most
                } else {
                    units
                };
                if units > 0 {
                    per_rank[r].push((t as u16, units));
                }
            }
        }
        let mut at = Vec::with_capacity(n + 1);
        let mut list = Vec::new();
        at.push(0);
        for demands in per_rank {
            list.extend(demands);
            at.push(list.len() as u32);
        }
        Demands { at, list }
    }

    /// What rank `r` occupies: (team, units) pairs.
    #[inline]
    pub fn of(&self, r: usize) -> &[(u16, i32)] {
        &self.list[self.at[r] as usize..self.at[r + 1] as usize]
    }

    /// Does any node need anyone?
    pub fn any(&self) -> bool {
        !self.list.is_empty()
    }
}

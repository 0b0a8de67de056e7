//! "What if X slips N days" (docs/rules.md#what-if): the forward pass replayed with one node
//! later, and what moves. Pure: no clock, no browser, no panic; the program is never
//! changed.

use chrono::NaiveDate;

use super::network::{clamp_key, id_of, Mode, Network, MAX_WORK};
use super::passes::Pass;
use crate::engine::words::{long_date, working_days, working_days_moved};
use crate::model::Program;

/// The result of "what if X slips N days".
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub id: String,
    pub slip_days: i64,
    pub old_finish: NaiveDate,
    pub new_finish: NaiveDate,
    /// Working days the program finish moves (positive: later).
    pub finish_moves_by: i64,
    /// Every node whose early finish changes: (id, old early finish, new early finish).
    pub moved: Vec<(String, NaiveDate, NaiveDate)>,
}

/// "What if `id` slips `slip_days` working days": the new finish and what moves.
///
/// Returns `None` when `id` is not an item or dependency. A task not started finishes
/// later from the same start (with a longer duration alone, a task held by an FF or SF
/// link would start earlier and could pull the finish in); a milestone moves by the slip;
/// a started task finishes later; an undelivered dependency lands later; a finished item
/// or delivered dependency cannot slip. A negative slip never moves anything earlier than
/// its own bounds allow.
///
/// Complexity: one compile and two forward passes, O(n + links).
pub fn what_if(program: &Program, as_of: NaiveDate, id: &str, slip_days: i64) -> Option<WhatIf> {
    let i = program.schedulable_ids().position(|other| other == id)?;
    let mut network = Network::compile(program, as_of);
    let r = network.rank_of[i] as usize;
    let mut pass = network.pass::<1>();
    let [old] = network.forward(&mut pass);
    let old_end = ends(&pass);
    let (start, _) = pass.dates(r, 0);
    slip_in(&mut network, &mut pass, i, start, slip_days);
    let [new] = network.forward(&mut pass);
    Some(outcome(
        program,
        &network,
        &old_end,
        &pass,
        [old, new],
        id,
        slip_days,
    ))
}

/// The end day of every rank in `pass` (lane 0).
pub(crate) fn ends(pass: &Pass<1>) -> Vec<i32> {
    pass.keys
        .iter()
        .skip(1)
        .step_by(2)
        .map(|k| k[0] >> 1)
        .collect()
}

/// Makes file node `i` slip `slip_days` working days in `network` and `pass` (lane 0), as
/// [`what_if`] documents; `start` is its start key in the plan the slip is compared with.
pub(crate) fn slip_in(
    network: &mut Network,
    pass: &mut Pass<1>,
    i: usize,
    start: i32,
    slip_days: i64,
) {
    let r = network.rank_of[i] as usize;
    let slip = slip_days.clamp(-(1 << 20), 1 << 20);
    let [work] = pass.work[r];
    match network.mode[r] {
        Mode::Free if work == 0 => {
            network.lower[r] = network.lower[r].max(clamp_key(start as i64 + 2 * slip));
        }
        Mode::Free => {
            network.lower[r] = start;
            pass.work[r] = [(work as i64 + slip).clamp(0, 1 << 20) as i32];
        }
        Mode::StartFixed => pass.work[r] = [(work as i64 + slip).clamp(1, MAX_WORK) as i32],
        Mode::Fixed if !network.done[i] => {
            for side in [2 * r, 2 * r + 1] {
                pass.keys[side] = [clamp_key(pass.keys[side][0] as i64 + 2 * slip)];
            }
        }
        Mode::Fixed => {}
    }
}

/// The [`WhatIf`] of a plan whose end days were `old_end` and is now `pass`, its finish
/// keys before and after.
pub(crate) fn outcome(
    program: &Program,
    network: &Network,
    old_end: &[i32],
    pass: &Pass<1>,
    [old, new]: [i32; 2],
    id: &str,
    slip_days: i64,
) -> WhatIf {
    let cal = &network.cal;
    let moved = (0..network.len())
        .filter_map(|j| {
            let rank = network.rank_of[j] as usize;
            let now = pass.keys[2 * rank + 1][0] >> 1;
            (rank < network.scheduled && now != old_end[rank]).then(|| {
                (
                    id_of(program, j).to_string(),
                    cal.date(old_end[rank] as i64),
                    cal.date(now as i64),
                )
            })
        })
        .collect();
    let (old_day, new_day) = (network.finish_day(old), network.finish_day(new));
    WhatIf {
        id: id.to_string(),
        slip_days,
        old_finish: cal.date(old_day),
        new_finish: cal.date(new_day),
        finish_moves_by: new_day - old_day,
        moved,
    }
}

impl WhatIf {
    /// The answer in a sentence: "The finish moves from 18 Jan 2027 to 25 Jan 2027 (+5
    /// working days)." or "The finish stays on 5 Jan 2027: MOB-502 has enough float to
    /// absorb 5 working days." `with_capacity`: the plans compared are levelled (see
    /// `engine::capacity::what_if_levelled`), and the sentence says so.
    pub fn headline(&self, with_capacity: bool) -> String {
        let lead = if with_capacity {
            "With the teams' capacity, the finish"
        } else {
            "The finish"
        };
        if self.finish_moves_by == 0 {
            format!(
                "{lead} stays on {}: {} has enough float to absorb {}.",
                long_date(self.new_finish),
                self.id,
                working_days(self.slip_days)
            )
        } else {
            format!(
                "{lead} moves from {} to {} ({}).",
                long_date(self.old_finish),
                long_date(self.new_finish),
                working_days_moved(self.finish_moves_by)
            )
        }
    }
}

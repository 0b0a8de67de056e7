//! Per-tab undo: take back one edit this tab made, on the fields it touched only, keeping
//! every later change (this tab's and other tabs'). Pure; never overwrites a field changed
//! again since the edit — that is reported instead.

use super::merge::{three_way, Conflict, Mode};
use super::place::Place;
use crate::model::Program;

/// The program `current` with the edit `edit_before → edit_after` taken back.
///
/// Fields and entities the edit did not touch keep their current value. A field the edit
/// changed goes back to its `edit_before` value, unless it was changed again since (then
/// `Err` lists every such field, `mine` being the value undo would restore and `theirs` the
/// value now, and nothing is changed). An entity the edit deleted comes back where it was;
/// one it added is removed unless edited since. If the result would not be a valid program
/// (the edit moved the start, another tab then moved the target before the old start), one
/// conflict on the whole program (an empty `place`) says why.
pub fn revert(
    edit_before: &Program,
    edit_after: &Program,
    current: &Program,
) -> Result<Program, Vec<Conflict>> {
    if current == edit_after {
        return Ok(edit_before.clone());
    }
    // Undoing is merging the edit's reverse (after → before) into the program as it is now.
    match three_way(edit_after, edit_before, current, Mode::Undo) {
        Ok((program, conflicts)) if conflicts.is_empty() => Ok(program),
        Ok((_, conflicts)) => Err(conflicts),
        // Undoing it now would leave a program that cannot be read back (or could not be
        // built at all): a conflict on the whole program, listing both whole versions.
        Err(message) => Err(vec![Conflict {
            place: Place::default(),
            label: format!(
                "The whole program (undoing this edit now would leave it invalid: {message})"
            ),
            mine: Some(crate::model::program_value(edit_before)),
            theirs: Some(crate::model::program_value(current)),
        }]),
    }
}

//! Three-way merge of a program by entity and field: what this tab changed, what another
//! tab changed, both kept; where both changed one field differently, a conflict to show,
//! keeping this tab's value until the person chooses. Also the engine of per-tab undo.
//! Pure: works on `serde_json::Value` so fields added to the format later merge too; never
//! panics, never drops a value without listing it as a conflict.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::place::{entity_key, entity_name, set_at, Place, PlaceError, Step};
use crate::model::{check_program, Program, Severity};

/// Both sides changed one place differently: shown to the person, who chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where (`items[PAY-1].owner`; its `key()` is the draft key of that field).
    pub place: Place,
    /// What a TPM reads: "Owner of PAY-1".
    pub label: String,
    /// This tab's value; `None`: absent (an empty field, or a deleted entity).
    pub mine: Option<Value>,
    /// The other tab's value (or, for undo, the value there now).
    pub theirs: Option<Value>,
}

impl Conflict {
    /// This tab's value in words.
    pub fn mine_text(&self) -> String {
        self.words(self.mine.as_ref())
    }

    /// The other tab's value in words.
    pub fn theirs_text(&self) -> String {
        self.words(self.theirs.as_ref())
    }

    fn words(&self, value: Option<&Value>) -> String {
        match (self.place.0.last(), value) {
            (None, _) => "(the whole program)".into(),
            (Some(Step::Entity { .. }), None) => "(deleted)".into(),
            (Some(Step::Entity { .. }), Some(_)) => "(kept, with its changes)".into(),
            _ => words(value),
        }
    }
}

/// A value as the conflict list shows it: text as it is, lists joined, links by the id
/// they point to, small objects as "name: value" pairs.
fn words(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(empty)".into(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Bool(true)) => "yes".into(),
        Some(Value::Bool(false)) => "no".into(),
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::Array(elements)) if elements.is_empty() => "(none)".into(),
        Some(Value::Array(elements)) => elements
            .iter()
            .map(|element| match element.get("id") {
                Some(id) => words(Some(id)),
                None => words(Some(element)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(name, value)| format!("{}: {}", name.replace('_', " "), words(Some(value))))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The result of a merge: the program to show (and store) and what the person must decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub program: Program,
    pub conflicts: Vec<Conflict>,
    /// Set when the two versions cannot make one valid program (a target moved before a
    /// start moved in the other tab; one id added as an item here and as a risk there):
    /// `program` is then this tab's, unchanged, this says why, and [`crate::store::Session`]
    /// keeps the other tab's version aside for download before writing.
    pub fallback: Option<String>,
    /// Entities the other side added or renamed to an id this side gives another entity
    /// (both machines added `NEW-1`, or renamed different items to one id): theirs is
    /// renumbered, `(old id, new id)`, and every link the other side made to it follows.
    pub renumbered: Vec<(String, String)>,
}

impl Merge {
    /// What to tell the person about renumbered entities, if anything.
    pub fn renumbered_text(&self) -> Option<String> {
        if self.renumbered.is_empty() {
            return None;
        }
        let what = self
            .renumbered
            .iter()
            .map(|(old, new)| format!("{old} is now {new}"))
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!(
            "Both copies used the same id for different entries, so the other copy's was renumbered: {what}."
        ))
    }
}

/// Which side a conflict is settled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Mine,
    Theirs,
}

/// What the three-way merge is used for: it decides where an entity present only on "mine"
/// goes, and how a conflict over a whole entity is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Two tabs: after everything of theirs, in mine's order.
    Merge,
    /// Undo ("mine" is the program before the edit, "theirs" the program now): back after
    /// the entity it followed, so an undone delete returns to its row.
    Undo,
}

/// Merges `mine` (this tab, with its unsaved edits) and `theirs` (another tab's save), both
/// derived from `base` (the version both last agreed on).
///
/// Entities (items, dependencies, risks, decisions, teams, and any list of objects with
/// distinct ids; status updates and reports by date) are matched by key, never position.
/// A field changed on one side takes that side; on both sides differently it is a
/// [`Conflict`] and keeps mine. Added on one side: kept. Deleted on one side and untouched
/// on the other: deleted; deleted and edited: a conflict, keeping mine. Order: theirs',
/// then mine's additions in mine's order.
pub fn merge(base: &Program, mine: &Program, theirs: &Program) -> Merge {
    if mine == theirs || theirs == base {
        return clean(mine.clone());
    }
    if mine == base {
        return clean(theirs.clone());
    }
    let (theirs, renumbered) = renumber_new_clashes(base, mine, theirs);
    match three_way(base, mine, &theirs, Mode::Merge) {
        Ok((program, conflicts)) => Merge {
            program,
            conflicts,
            fallback: None,
            renumbered,
        },
        Err(message) => Merge {
            program: mine.clone(),
            conflicts: Vec::new(),
            fallback: Some(format!(
                "The other tab's changes could not be merged ({message}); this tab's version is kept."
            )),
            renumbered: Vec::new(),
        },
    }
}

fn clean(program: Program) -> Merge {
    Merge {
        program,
        conflicts: Vec::new(),
        fallback: None,
        renumbered: Vec::new(),
    }
}

/// The (uid, id) of every entity of a program, in the one id namespace.
fn identities(program: &Program) -> Vec<(&str, &str)> {
    use crate::model::uid::Identified;
    fn of<T: Identified>(list: &[crate::model::Shared<T>]) -> impl Iterator<Item = (&str, &str)> {
        list.iter().map(|e| (e.uid(), e.id()))
    }
    of(&program.teams)
        .chain(of(&program.items))
        .chain(of(&program.dependencies))
        .chain(of(&program.risks))
        .chain(of(&program.decisions))
        .collect()
}

/// `theirs` with every entity whose id, as the merge would take it from `theirs` (an
/// entity it added, or one it renamed), is the id this side (`mine`) gives another entity
/// in the merge, given a fresh id (`NEW-1` → `NEW-3`), and what was renumbered. Entities
/// are told apart by uid: the same uid on both sides is one entity, whatever its id. Both
/// machines adding `NEW-1`, or both renaming different items to `CHK-9`, make two entities,
/// not an invalid program.
fn renumber_new_clashes(
    base: &Program,
    mine: &Program,
    theirs: &Program,
) -> (Program, Vec<(String, String)>) {
    use std::collections::{HashMap, HashSet};
    let (base_ids, mine_ids, their_ids) = (identities(base), identities(mine), identities(theirs));
    let by_uid = |ids: &Vec<(&str, &str)>| -> HashMap<String, String> {
        ids.iter()
            .filter(|(uid, _)| !uid.is_empty())
            .map(|(uid, id)| (uid.to_string(), id.to_string()))
            .collect()
    };
    let (b, m) = (by_uid(&base_ids), by_uid(&mine_ids));
    // The ids the merge takes from this side: every entity's own, except those only the
    // other side renamed (their id comes from there, and is checked below).
    let t = by_uid(&their_ids);
    let mine_in_merge: HashMap<&String, &String> = m
        .iter()
        .filter(|(uid, id)| {
            !matches!((b.get(*uid), t.get(*uid)), (Some(before), Some(there)) if before == *id && there != *id)
        })
        .map(|(uid, id)| (id, uid))
        .collect();
    // The other side's entities whose id the merge takes from it: added there, or renamed
    // there while this side kept the id it had.
    let clashes: Vec<(String, String)> = t
        .iter()
        .filter(|(uid, id)| {
            let from_theirs = match (b.get(*uid), m.get(*uid)) {
                (None, None) => true,
                (Some(before), Some(here)) => before == here && before != *id,
                _ => false,
            };
            from_theirs && mine_in_merge.get(id).is_some_and(|other| other != uid)
        })
        .map(|(uid, id)| (uid.clone(), id.clone()))
        .collect();
    if clashes.is_empty() {
        return (theirs.clone(), Vec::new());
    }
    let mut taken: HashSet<String> = (mine_ids.iter().chain(&their_ids).chain(&base_ids))
        .map(|(_, id)| id.to_string())
        .collect();
    let mut theirs = theirs.clone();
    let mut renumbered = Vec::new();
    let mut clashes = clashes;
    clashes.sort();
    for (uid, old) in clashes {
        let new = crate::model::edit::free_id_like(&old, &taken);
        taken.insert(new.clone());
        rename_entity(&mut theirs, &uid, &old, &new);
        renumbered.push((old, new));
    }
    (theirs, renumbered)
}

/// Renames the entity with `uid` (now `old`) to `new` in `theirs`, with every reference
/// to it there.
fn rename_entity(theirs: &mut Program, uid: &str, old: &str, new: &str) {
    use crate::model::uid::Identified;
    fn rename<T: Identified + crate::model::edit::Renamable>(
        list: &mut [crate::model::Shared<T>],
        uid: &str,
        new: &str,
    ) -> bool {
        match list.iter_mut().find(|e| e.uid() == uid) {
            Some(entity) => {
                entity.set_id(new);
                true
            }
            None => false,
        }
    }
    let found = rename(&mut theirs.items, uid, new)
        || rename(&mut theirs.dependencies, uid, new)
        || rename(&mut theirs.risks, uid, new)
        || rename(&mut theirs.decisions, uid, new)
        || rename(&mut theirs.teams, uid, new);
    if found {
        crate::model::edit::rename_references(theirs, old, new);
    }
}

/// The merge on any JSON documents: the merged document and its conflicts.
pub fn merge_values(base: &Value, mine: &Value, theirs: &Value) -> (Value, Vec<Conflict>) {
    merge_with(base, mine, theirs, Mode::Merge)
}

pub(crate) fn merge_with(
    base: &Value,
    mine: &Value,
    theirs: &Value,
    mode: Mode,
) -> (Value, Vec<Conflict>) {
    let mut merger = Merger {
        conflicts: Vec::new(),
        mode,
        place: Vec::new(),
    };
    let merged = merger.at(Some(base), Some(mine), Some(theirs));
    (merged.unwrap_or(Value::Null), merger.conflicts)
}

/// The merge on programs. `Err` when the result is not a program this app could read back
/// (two changes each valid alone, invalid together: a target moved before a start moved
/// later, one id added as an item here and as a risk there), naming the first problem.
pub(crate) fn three_way(
    base: &Program,
    mine: &Program,
    theirs: &Program,
    mode: Mode,
) -> Result<(Program, Vec<Conflict>), String> {
    let value =
        |program: &Program| -> Result<Value, String> { Ok(crate::model::program_value(program)) };
    let (merged, conflicts) = merge_with(&value(base)?, &value(mine)?, &value(theirs)?, mode);
    let program = crate::model::program_from_value(&merged)?;
    let known: Vec<String> = errors(mine).chain(errors(theirs)).collect();
    if let Some(problem) = errors(&program).find(|problem| !known.contains(problem)) {
        return Err(problem);
    }
    Ok((program, conflicts))
}

/// The problems that would make a stored program unreadable.
fn errors(program: &Program) -> impl Iterator<Item = String> {
    check_program(program)
        .into_iter()
        .filter(|problem| problem.severity == Severity::Error)
        .map(|problem| problem.to_string())
}

/// Why a conflict could not be settled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// The entity holding the field was deleted since.
    #[error("{label}: {what} no longer exists.")]
    Gone { label: String, what: String },
    /// The chosen value no longer fits the program (it should never happen).
    #[error("{label}: that value cannot be used ({reason}).")]
    Invalid { label: String, reason: String },
}

/// Settles one conflict: puts the chosen side's value at its place in `program` (an entity
/// chosen back is added at the end of its list). Choosing `Mine` after a merge changes
/// nothing, as the merge kept mine.
pub fn resolve(
    program: &Program,
    conflict: &Conflict,
    choice: Choice,
) -> Result<Program, ResolveError> {
    let chosen = match choice {
        Choice::Mine => conflict.mine.clone(),
        Choice::Theirs => conflict.theirs.clone(),
    };
    let invalid = |reason: String| ResolveError::Invalid {
        label: conflict.label.clone(),
        reason,
    };
    let mut value = crate::model::program_value(program);
    set_at(&mut value, &conflict.place, chosen).map_err(|PlaceError::Gone(what)| {
        ResolveError::Gone {
            label: conflict.label.clone(),
            what,
        }
    })?;
    crate::model::program_from_value(&value).map_err(invalid)
}

struct Merger {
    conflicts: Vec<Conflict>,
    mode: Mode,
    place: Vec<Step>,
}

static NO_ENTITIES: Vec<Value> = Vec::new();

/// A list, or no list (which the program file writes for an empty one): `Some(None)` for
/// absent, `None` for anything that is not a list.
fn listish(value: Option<&Value>) -> Option<Option<&Vec<Value>>> {
    match value {
        None => Some(None),
        Some(Value::Array(list)) => Some(Some(list)),
        Some(_) => None,
    }
}

/// `null` and absent mean the same: an empty optional field.
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|value| !value.is_null())
}

impl Merger {
    fn at(
        &mut self,
        base: Option<&Value>,
        mine: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let (base, mine, theirs) = (present(base), present(mine), present(theirs));
        if mine == theirs || theirs == base {
            return mine.cloned();
        }
        if mine == base {
            return theirs.cloned();
        }
        if let (Some(b), Some(m), Some(t)) = (listish(base), listish(mine), listish(theirs)) {
            let field = match self.place.last() {
                Some(Step::Field(name)) => Some(name.as_str()),
                _ => None,
            };
            let versions: Vec<&[Value]> =
                [b, m, t].into_iter().flatten().map(Vec::as_slice).collect();
            let Some(key) = entity_key(field, &versions) else {
                return self.conflict(mine, theirs);
            };
            let merged =
                self.entities(key, b, m.unwrap_or(&NO_ENTITIES), t.unwrap_or(&NO_ENTITIES));
            // An empty list is written as no list at all, as the program file does.
            return match (merged.is_empty(), m.is_some() && t.is_some()) {
                (true, false) => None,
                _ => Some(Value::Array(merged)),
            };
        }
        match (base, mine, theirs) {
            (None | Some(Value::Object(_)), Some(Value::Object(m)), Some(Value::Object(t))) => {
                let b = base.and_then(Value::as_object);
                Some(Value::Object(self.fields(b, m, t)))
            }
            _ => self.conflict(mine, theirs),
        }
    }

    fn conflict(&mut self, mine: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
        let place = Place(self.place.clone());
        let label = match (self.place.last(), self.mode, mine.is_some()) {
            (Some(Step::Entity { .. }), Mode::Merge, false) => {
                format!("{}: deleted here, changed in another tab", place.label())
            }
            (Some(Step::Entity { .. }), Mode::Merge, true) => {
                format!("{}: changed here, deleted in another tab", place.label())
            }
            (Some(Step::Entity { .. }), Mode::Undo, false) => {
                format!(
                    "{}: undo would remove it, but it was changed since",
                    place.label()
                )
            }
            (Some(Step::Entity { .. }), Mode::Undo, true) => format!(
                "{}: undo would bring back its earlier version, but it was deleted since",
                place.label()
            ),
            _ => place.label(),
        };
        self.conflicts.push(Conflict {
            label,
            place,
            mine: mine.cloned(),
            theirs: theirs.cloned(),
        });
        mine.cloned()
    }

    fn fields(
        &mut self,
        base: Option<&Map<String, Value>>,
        mine: &Map<String, Value>,
        theirs: &Map<String, Value>,
    ) -> Map<String, Value> {
        let names: Vec<&String> = theirs
            .keys()
            .chain(mine.keys().filter(|name| !theirs.contains_key(*name)))
            .collect();
        let mut merged = Map::new();
        for name in names {
            self.place.push(Step::Field(name.clone()));
            let value = self.at(
                base.and_then(|b| b.get(name)),
                mine.get(name),
                theirs.get(name),
            );
            self.place.pop();
            if let Some(value) = value {
                merged.insert(name.clone(), value);
            }
        }
        merged
    }

    fn entities(
        &mut self,
        key: &str,
        base: Option<&Vec<Value>>,
        mine: &[Value],
        theirs: &[Value],
    ) -> Vec<Value> {
        let key_of = |value: &Value| {
            value
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let index = |list: &[Value]| -> HashMap<String, usize> {
            list.iter()
                .enumerate()
                .map(|(at, value)| (key_of(value), at))
                .collect()
        };
        let base = base.map(Vec::as_slice).unwrap_or_default();
        let (in_base, in_mine, in_theirs) = (index(base), index(mine), index(theirs));
        let mut merged: Vec<(String, Value)> = Vec::new();

        let step = |id: &str, entity: &Value| Step::Entity {
            key: id.to_string(),
            name: entity_name(entity, id),
        };
        for entity in theirs {
            let id = key_of(entity);
            let was = in_base.get(&id).map(|&at| &base[at]);
            self.place.push(step(&id, entity));
            match (in_mine.get(&id).map(|&at| &mine[at]), was) {
                (Some(mine), _) => {
                    if let Some(value) = self.at(was, Some(mine), Some(entity)) {
                        merged.push((id.clone(), value));
                    }
                }
                // Deleted here: gone if they left it alone, a conflict if they edited it.
                (None, Some(was)) => {
                    if entity != was {
                        self.conflict(None, Some(entity));
                    }
                }
                (None, None) => merged.push((id.clone(), entity.clone())),
            }
            self.place.pop();
        }

        for (at, entity) in mine.iter().enumerate() {
            let id = key_of(entity);
            if in_theirs.contains_key(&id) {
                continue;
            }
            if let Some(&was) = in_base.get(&id) {
                // Deleted there: gone if unchanged here, a conflict if edited here.
                if entity == &base[was] {
                    continue;
                }
                self.place.push(step(&id, entity));
                self.conflict(Some(entity), None);
                self.place.pop();
            }
            let position = match self.mode {
                Mode::Merge => merged.len(),
                Mode::Undo => mine[..at]
                    .iter()
                    .rev()
                    .find_map(|before| {
                        let before = key_of(before);
                        merged.iter().position(|(id, _)| *id == before)
                    })
                    .map_or(0, |at| at + 1),
            };
            merged.insert(position, (id, entity.clone()));
        }
        merged.into_iter().map(|(_, value)| value).collect()
    }
}

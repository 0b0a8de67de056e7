//! A program stored in parts, so that a save writes only what changed. The program's small
//! fields (name, dates, rules, teams, risks, decisions, overrides) are one part, its items
//! and its dependencies runs of a few dozen each, each published report a part of its own.
//! A part is stored under its content's hash (packed, `packed.rs`): writing the parts of a
//! save before the envelope that names them means a reader, another tab or a crash midway
//! always finds a whole program, old or new.
//!
//! Runs are cut where an entity's uid hashes to a boundary, not every n entities, so adding
//! or deleting an item rewrites the run holding it, not every run after it. What was last
//! written is remembered as the shared entities themselves (model/shared.rs): a run whose
//! entities are the very same values is known to be stored without serializing it again.
//! Pure; no browser.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::packed::{pack, unpack, UnpackError};
use crate::model::{Dependency, Item, Program, Report, Shared};

/// A run ends after an entity whose uid hashes to 0 modulo this (about this many a run)…
const RUN: u64 = 24;
/// …or when it reaches this many entities.
const MOST: usize = 96;

/// Which parts make up a stored program, in order: what the envelope names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub head: String,
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    pub dependencies: Vec<String>,
    #[serde(default)]
    pub reports: Vec<String>,
}

impl Written {
    /// Nothing known to be written yet, over a store whose envelope names `layout` (so that
    /// the parts it names and the next save does not are removed).
    pub fn over(layout: Option<Layout>) -> Written {
        Written {
            layout,
            ..Written::default()
        }
    }
}

impl Layout {
    /// Every part named, once each.
    pub fn parts(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.head)
            .chain(&self.items)
            .chain(&self.dependencies)
            .chain(&self.reports)
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: the same on every platform and in every version.
pub fn content_hash(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn boundary(uid: &str) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in uid.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash.is_multiple_of(RUN)
}

/// The runs of a list: consecutive entities, each run ending at a boundary uid.
fn runs<T>(list: &[Shared<T>], uid: impl Fn(&T) -> &str) -> Vec<&[Shared<T>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, entity) in list.iter().enumerate() {
        if boundary(uid(entity)) || i + 1 - start >= MOST {
            out.push(&list[start..=i]);
            start = i + 1;
        }
    }
    if start < list.len() {
        out.push(&list[start..]);
    }
    out
}

/// The runs of a list as written: by the uid of their first entity, the entities and the
/// part holding them.
type Runs<T> = HashMap<String, (Vec<Shared<T>>, String)>;

/// What was last written for one program: each run or report with the part holding it.
#[derive(Debug, Clone, Default)]
pub struct Written {
    head: Option<String>,
    items: Runs<Item>,
    dependencies: Runs<Dependency>,
    reports: Vec<(Shared<Report>, String)>,
    /// The layout of the last save (its parts are the ones a new save may make garbage).
    pub layout: Option<Layout>,
}

/// A program cut into parts: the layout, and the parts not known to be stored already
/// (hash, packed text).
pub struct Cut {
    pub layout: Layout,
    pub new_parts: Vec<(String, String)>,
    /// What will have been written once the parts and the envelope are.
    pub written: Written,
}

fn cut_list<T: Serialize>(
    list: &[Shared<T>],
    uid: impl Fn(&T) -> &str,
    known: &Runs<T>,
    new_parts: &mut Vec<(String, String)>,
) -> (Vec<String>, Runs<T>) {
    let mut hashes = Vec::new();
    let mut now = HashMap::new();
    for run in runs(list, &uid) {
        let first = uid(&run[0]).to_string();
        let same = known.get(&first).filter(|(entities, _)| {
            entities.len() == run.len() && entities.iter().zip(run).all(|(a, b)| Shared::same(a, b))
        });
        let hash = match same {
            Some((_, hash)) => hash.clone(),
            None => {
                let json = serde_json::to_string(run).unwrap_or_default();
                let hash = content_hash(&json);
                new_parts.push((hash.clone(), pack(&json)));
                hash
            }
        };
        hashes.push(hash.clone());
        now.insert(first, (run.to_vec(), hash));
    }
    (hashes, now)
}

/// Cuts `program` into parts, packing only those not written last time (`written`).
pub fn cut(program: &Program, written: &Written) -> Cut {
    let mut new_parts = Vec::new();
    let mut head = program.clone();
    head.items = Vec::new();
    head.dependencies = Vec::new();
    head.reports = Vec::new();
    let head_json = serde_json::to_string(&head).unwrap_or_default();
    let head_hash = content_hash(&head_json);
    if written.head.as_deref() != Some(head_hash.as_str()) {
        new_parts.push((head_hash.clone(), pack(&head_json)));
    }
    let (items, item_runs) = cut_list(&program.items, |i| &i.uid, &written.items, &mut new_parts);
    let (dependencies, dependency_runs) = cut_list(
        &program.dependencies,
        |d| &d.uid,
        &written.dependencies,
        &mut new_parts,
    );
    let mut reports = Vec::new();
    let mut report_parts = Vec::new();
    for report in &program.reports {
        let known = written
            .reports
            .iter()
            .find(|(r, _)| Shared::same(r, report))
            .map(|(_, hash)| hash.clone());
        let hash = known.unwrap_or_else(|| {
            let json = serde_json::to_string(report).unwrap_or_default();
            let hash = content_hash(&json);
            new_parts.push((hash.clone(), pack(&json)));
            hash
        });
        reports.push(hash.clone());
        report_parts.push((report.clone(), hash));
    }
    let layout = Layout {
        head: head_hash.clone(),
        items,
        dependencies,
        reports,
    };
    Cut {
        written: Written {
            head: Some(head_hash),
            items: item_runs,
            dependencies: dependency_runs,
            reports: report_parts,
            layout: Some(layout.clone()),
        },
        layout,
        new_parts,
    }
}

/// Why the parts of a stored program could not be put together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    #[error("a part of it is missing from storage")]
    Missing,
    #[error("{0}")]
    Unpack(#[from] UnpackError),
    #[error("a part of it is not JSON ({0})")]
    NotJson(String),
}

/// The program file (as JSON text) that a layout's parts make, read by `part` (hash →
/// stored text). Put together as text: the head is an object without the three lists
/// (empty lists are not written), each run is a list, each report an object.
pub fn join(
    layout: &Layout,
    mut part: impl FnMut(&str) -> Option<String>,
) -> Result<String, JoinError> {
    let mut read = |hash: &str| -> Result<String, JoinError> {
        let text = part(hash).ok_or(JoinError::Missing)?;
        Ok(unpack(&text)?.trim().to_string())
    };
    let head = read(&layout.head)?;
    let Some(body) = head.strip_prefix('{').and_then(|h| h.strip_suffix('}')) else {
        return Err(JoinError::NotJson("a head that is not an object".into()));
    };
    let mut program = String::with_capacity(head.len());
    program.push('{');
    program.push_str(body);
    let list = |program: &mut String, key: &str, elements: Vec<String>| {
        if elements.is_empty() {
            return;
        }
        if program.len() > 1 {
            program.push(',');
        }
        program.push_str(&format!("\"{key}\":["));
        program.push_str(&elements.join(","));
        program.push(']');
    };
    let mut runs = |hashes: &[String]| -> Result<Vec<String>, JoinError> {
        let mut inner = Vec::with_capacity(hashes.len());
        for hash in hashes {
            let run = read(hash)?;
            match run.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                Some(elements) if !elements.trim().is_empty() => inner.push(elements.to_string()),
                Some(_) => {}
                None => return Err(JoinError::NotJson("a run that is not a list".into())),
            }
        }
        Ok(inner)
    };
    let items = runs(&layout.items)?;
    let dependencies = runs(&layout.dependencies)?;
    list(&mut program, "items", items);
    list(&mut program, "dependencies", dependencies);
    let mut reports = Vec::with_capacity(layout.reports.len());
    for hash in &layout.reports {
        let report = read(hash)?;
        if !report.starts_with('{') {
            return Err(JoinError::NotJson("a report that is not an object".into()));
        }
        reports.push(report);
    }
    list(&mut program, "reports", reports);
    program.push('}');
    Ok(program)
}

/// What was written, as known after reading `program` back from `layout`: the same runs
/// cut the same way. `None` when the program does not cut into the layout's runs (it was
/// changed on reading, e.g. given uids it lacked): the next save then writes every part.
pub fn written_as(program: &Program, layout: &Layout) -> Option<Written> {
    let item_runs = runs(&program.items, |i| &i.uid);
    let dependency_runs = runs(&program.dependencies, |d| &d.uid);
    if item_runs.len() != layout.items.len()
        || dependency_runs.len() != layout.dependencies.len()
        || program.reports.len() != layout.reports.len()
    {
        return None;
    }
    let pair =
        |run: &[Shared<Item>], hash: &String| (run[0].uid.clone(), (run.to_vec(), hash.clone()));
    Some(Written {
        head: Some(layout.head.clone()),
        items: item_runs
            .iter()
            .zip(&layout.items)
            .map(|(r, h)| pair(r, h))
            .collect(),
        dependencies: dependency_runs
            .iter()
            .zip(&layout.dependencies)
            .map(|(run, hash)| (run[0].uid.clone(), (run.to_vec(), hash.clone())))
            .collect(),
        reports: program
            .reports
            .iter()
            .cloned()
            .zip(layout.reports.iter().cloned())
            .collect(),
        layout: Some(layout.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{example_program, program_from_value, uid};

    fn stored(cut: &Cut, into: &mut HashMap<String, String>) {
        for (hash, text) in &cut.new_parts {
            into.insert(hash.clone(), text.clone());
        }
    }

    #[test]
    fn a_program_cut_and_joined_is_the_same_program() {
        let program = example_program();
        let cut = cut(&program, &Written::default());
        let mut parts = HashMap::new();
        stored(&cut, &mut parts);
        let text = join(&cut.layout, |h| parts.get(h).cloned()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(program_from_value(&value).unwrap(), program);
    }

    #[test]
    fn an_edit_to_one_item_writes_one_part() {
        let mut program = example_program();
        for n in 0..400 {
            let mut item = crate::model::Item::task(&format!("GEN-{n}"), "Generated", 3);
            item.uid = uid::fresh();
            program.items.push(item.into());
        }
        let first = cut(&program, &Written::default());
        assert!(
            first.layout.items.len() > 5,
            "{} runs",
            first.layout.items.len()
        );
        let mut edited = program.clone();
        edited.items[200].title = "Renamed".into();
        let second = cut(&edited, &first.written);
        assert_eq!(second.new_parts.len(), 1, "only the run holding item 200");
        // Deleting an item in the middle rewrites the run that held it (and, when that run
        // was cut at its longest, the one after), not every run after it.
        let mut shorter = edited.clone();
        shorter.items.remove(100);
        let third = cut(&shorter, &second.written);
        assert!(
            (1..=2).contains(&third.new_parts.len()),
            "{}",
            third.new_parts.len()
        );
        // Nothing changed: nothing to write.
        assert!(cut(&shorter, &third.written).new_parts.is_empty());
    }

    #[test]
    fn a_missing_part_is_named_not_guessed() {
        let program = example_program();
        let cut = cut(&program, &Written::default());
        assert_eq!(join(&cut.layout, |_| None), Err(JoinError::Missing));
    }
}

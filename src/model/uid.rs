//! Hidden, stable identities. Every item, dependency, risk, decision and team carries a
//! `uid` set when it is created and kept through renames, so that lists, merges, drafts and
//! focus follow the entity, not its editable id: renaming `PAY-12` is an edit, and two
//! machines that each add `NEW-1` have added two items.
//!
//! New entities get a random uid from a generator the browser shell seeds once
//! ([`seed`]; natively a fixed seed keeps tests reproducible). Entities read from a file
//! that has none (older files, share links, which leave uids out to stay short) get one
//! derived from their kind and id, so that two tabs reading the same stored text agree.
//! Weekly status updates and published reports are not given uids: each is identified by
//! its date within its entity (one update per date, one report per status date), which
//! never changes and which two machines recording the same week must share.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::shared::Shared;
use super::types::Program;

/// Characters of a uid: ten base-36 digits, about 51 bits.
const LENGTH: usize = 10;

thread_local! {
    static STATE: Cell<u64> = const { Cell::new(0x5DEE_CE66_D1CE_4E5B) };
}

/// Seeds the generator of new uids (the browser shell does this once, from its random
/// source). Two generators seeded differently make different uids.
pub fn seed(seed: u64) {
    STATE.with(|state| state.set(seed ^ 0x9E37_79B9_7F4A_7C15));
}

/// SplitMix64's next value.
fn next() -> u64 {
    STATE.with(|state| {
        let s = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        state.set(s);
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; LENGTH];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    out.iter().map(|&b| b as char).collect()
}

/// A new random uid.
pub fn fresh() -> String {
    base36(next())
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and in every version.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The uid an entity read without one gets: from its list, its id and which occurrence of
/// that id in the list it is, so every reader of the same text derives the same uids.
fn derived(list: &str, id: &str, occurrence: usize) -> String {
    base36(fnv1a(&[
        list.as_bytes(),
        id.as_bytes(),
        &occurrence.to_le_bytes(),
    ]))
}

/// An entity with an editable id and a hidden uid.
pub trait Identified: Clone {
    fn id(&self) -> &str;
    fn uid(&self) -> &str;
    fn set_uid(&mut self, uid: String);
}

macro_rules! identified {
    ($($t:ty),+) => {$(
        impl Identified for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn uid(&self) -> &str {
                &self.uid
            }
            fn set_uid(&mut self, uid: String) {
                self.uid = uid;
            }
        }
    )+};
}

identified!(
    super::types::Item,
    super::types::Dependency,
    super::types::Risk,
    super::types::Decision,
    super::types::Team
);

/// Gives the entities of one list without a uid (or with one already taken) a uid.
fn fill_list<T: Identified>(
    list: &str,
    entities: &mut [Shared<T>],
    derive: bool,
    taken: &mut HashSet<String>,
) -> usize {
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    let mut set = 0;
    for entity in entities {
        let occurrence = occurrences.entry(entity.id().to_string()).or_insert(0);
        *occurrence += 1;
        // Read first: only an entity that needs a uid is written (and so copied).
        if !entity.uid().is_empty() && taken.insert(entity.uid().to_string()) {
            continue;
        }
        let mut uid = if derive {
            derived(list, entity.id(), *occurrence)
        } else {
            fresh()
        };
        while !taken.insert(uid.clone()) {
            uid = fresh();
        }
        entity.set_uid(uid);
        set += 1;
    }
    set
}

/// Gives every entity without a uid one: derived from its id (`derive`, when reading a
/// file) or fresh (after an edit added one). A uid already taken by another entity of the
/// program is replaced the same way, so uids stay unique. Returns how many were set.
pub fn fill(program: &mut Program, derive: bool) -> usize {
    let mut taken = HashSet::new();
    fill_list("teams", &mut program.teams, derive, &mut taken)
        + fill_list("items", &mut program.items, derive, &mut taken)
        + fill_list(
            "dependencies",
            &mut program.dependencies,
            derive,
            &mut taken,
        )
        + fill_list("risks", &mut program.risks, derive, &mut taken)
        + fill_list("decisions", &mut program.decisions, derive, &mut taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_ten_base36_characters() {
        let uid = fresh();
        assert_eq!(uid.len(), LENGTH);
        assert!(uid
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()));
        assert_ne!(fresh(), uid);
    }

    #[test]
    fn derived_uids_depend_on_list_id_and_occurrence_only() {
        assert_eq!(derived("items", "PAY-1", 1), derived("items", "PAY-1", 1));
        assert_ne!(derived("items", "PAY-1", 1), derived("items", "PAY-1", 2));
        assert_ne!(derived("items", "PAY-1", 1), derived("risks", "PAY-1", 1));
        // Frozen: a stored program without uids must derive the same ones in every version.
        assert_eq!(derived("items", "PAY-1", 1), "uuz1gxy7pt");
    }
}

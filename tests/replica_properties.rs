//! Two replicas of one program (two machines, two browsers, a file synced by OneDrive and
//! this tab) edit it apart, then meet through the three-way merge: random edit sequences on
//! each, merged in either order, lose no committed field. Entities are matched by their
//! hidden uid, so the oracle here keys items by uid, independently of the merge code:
//! renames are edits of one item, and two replicas that each add `NEW-1` keep two items
//! (the other's renumbered), as do two that rename different items to one id.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::sample::Index;
use throughline::model::{Item, Program};
use throughline::store::merge;

/// What a replica does to its copy.
#[derive(Debug, Clone)]
enum Edit {
    Title(Index, u8),
    Owner(Index, u8),
    Days(Index, u8),
    /// A new id, from this replica's own names (`a-3`, `b-1`).
    Rename(Index, u8),
    /// `NEW-n`, as "+ Add work item" names it: both replicas may add the same one.
    Add(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<Index>;
    prop_oneof![
        (at(), 0u8..4).prop_map(|(i, v)| Edit::Title(i, v)),
        (at(), 0u8..4).prop_map(|(i, v)| Edit::Owner(i, v)),
        (at(), 1u8..6).prop_map(|(i, v)| Edit::Days(i, v)),
        (at(), 0u8..4).prop_map(|(i, v)| Edit::Rename(i, v)),
        (0u8..3).prop_map(Edit::Add),
    ]
}

fn base(items: usize) -> Program {
    let mut program = Program::new(
        "Replicas",
        chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
    );
    for n in 0..items {
        let mut item = Item::task(&format!("I{n}"), &format!("Item {n}"), 3);
        item.uid = format!("base-{n}");
        program.items.push(item.into());
    }
    program
}

/// `edits` on a copy of `base`, by replica `side`; new items get uids of that replica.
fn replica(base: &Program, side: char, edits: &[Edit]) -> Program {
    let mut program = base.clone();
    for (k, edit) in edits.iter().enumerate() {
        let len = program.items.len();
        let item = |i: &Index| i.index(len);
        match edit {
            Edit::Title(i, v) if len > 0 => {
                program.items[item(i)].title = format!("{side} title {v}");
            }
            Edit::Owner(i, v) if len > 0 => {
                program.items[item(i)].owner = Some(format!("{side} owner {v}"));
            }
            Edit::Days(i, v) if len > 0 => program.items[item(i)].days = u32::from(*v),
            Edit::Rename(i, v) if len > 0 => {
                // Mostly this replica's own names; sometimes an id the other replica may
                // add at the same time.
                let id = if *v == 3 {
                    "NEW-1".to_string()
                } else {
                    format!("{side}-{v}")
                };
                if program.item(&id).is_none() {
                    program.items[item(i)].id = id;
                }
            }
            Edit::Add(n) => {
                let id = format!("NEW-{n}");
                if program.item(&id).is_none() {
                    let mut new = Item::task(&id, &format!("{side} added {k}"), 2);
                    new.uid = format!("{side}-added-{k}");
                    program.items.push(new.into());
                }
            }
            _ => {}
        }
    }
    program
}

/// Each item's fields by uid: (id, title, owner, days).
type Fields = (String, String, Option<String>, u32);

fn by_uid(program: &Program) -> BTreeMap<String, Fields> {
    program
        .items
        .iter()
        .map(|i| {
            (
                i.uid.clone(),
                (i.id.clone(), i.title.clone(), i.owner.clone(), i.days),
            )
        })
        .collect()
}

/// The three-way rule for one field: one side's change wins; both changing it differently
/// is a conflict, which keeps mine until the person chooses.
fn three_way<T: PartialEq + Clone>(
    base: Option<&T>,
    mine: Option<&T>,
    theirs: Option<&T>,
) -> (Option<T>, bool) {
    if mine == theirs || theirs == base {
        (mine.cloned(), false)
    } else if mine == base {
        (theirs.cloned(), false)
    } else {
        (mine.cloned(), true)
    }
}

fn check(base: &Program, mine: &Program, theirs: &Program) -> Result<(), TestCaseError> {
    let merged = merge(base, mine, theirs);
    prop_assert_eq!(
        &merged.fallback,
        &None,
        "the replicas make one valid program"
    );
    let (b, m, t, r) = (
        by_uid(base),
        by_uid(mine),
        by_uid(theirs),
        by_uid(&merged.program),
    );
    // Nothing was deleted: every item of either replica is there, once.
    let uids: BTreeSet<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
    prop_assert_eq!(r.len(), uids.len(), "one item per uid");
    let renumbered: BTreeSet<&str> = merged
        .renumbered
        .iter()
        .map(|(_, new)| new.as_str())
        .collect();
    let mut conflicts = 0;
    for uid in uids {
        let got = r.get(uid);
        prop_assert!(got.is_some(), "{} lost", uid);
        let got = got.unwrap();
        let (bf, mf, tf) = (b.get(uid), m.get(uid), t.get(uid));
        let field = |f: &Fields, n: usize| -> String {
            match n {
                0 => f.0.clone(),
                1 => f.1.clone(),
                2 => format!("{:?}", f.2),
                _ => f.3.to_string(),
            }
        };
        for n in 0..4 {
            let (want, conflict) = three_way(
                bf.map(|f| field(f, n)).as_ref(),
                mf.map(|f| field(f, n)).as_ref(),
                tf.map(|f| field(f, n)).as_ref(),
            );
            conflicts += usize::from(conflict);
            let want = want.expect("present on a side");
            if n == 0 && got.0 != want {
                // Only an id the merge takes from the other replica (an addition, or a
                // rename there) moves, when this one gives it to another item.
                let from_theirs = tf.map(|f| &f.0) == Some(&want)
                    && (bf.is_none() || bf.map(|f| &f.0) == mf.map(|f| &f.0));
                prop_assert!(
                    renumbered.contains(got.0.as_str()) && from_theirs,
                    "{}: id {} instead of {}",
                    uid,
                    got.0,
                    want
                );
            } else {
                prop_assert_eq!(field(got, n), want, "{} field {}", uid, n);
            }
        }
    }
    prop_assert_eq!(
        merged.conflicts.is_empty(),
        conflicts == 0,
        "conflicts: {:?}",
        merged.conflicts
    );
    // Ids stay unique.
    let ids: BTreeSet<&str> = merged.program.items.iter().map(|i| i.id.as_str()).collect();
    prop_assert_eq!(ids.len(), merged.program.items.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn two_replicas_merged_in_either_order_lose_no_committed_field(
        items in 1usize..6,
        a in prop::collection::vec(edit(), 0..10),
        b in prop::collection::vec(edit(), 0..10),
    ) {
        let base = base(items);
        let (one, two) = (replica(&base, 'a', &a), replica(&base, 'b', &b));
        check(&base, &one, &two)?;
        check(&base, &two, &one)?;
    }

}

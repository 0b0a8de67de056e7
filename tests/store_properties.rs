//! Properties of the merge and of per-tab undo on random programs and random edits (what
//! they guarantee: "any interleaving of two editors' edits loses no committed field; a merge is
//! idempotent"). The oracle flattens each program into (path → value) pairs on its own,
//! matching entities by id and status updates by date, independently of the merge code.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use throughline::model::{
    Colour, Dependency, Item, Link, Program, Risk, RiskLevel, RiskState, StatusUpdate,
};
use throughline::store::{merge, revert, Conflict, MemoryStorage, Session, Store};

const NAMES: [&str; 3] = ["ann", "bob", "cy"];

fn day(n: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, 2).expect("date") + Duration::weeks(i64::from(n))
}

fn update(date: u8, note: u8) -> StatusUpdate {
    StatusUpdate {
        date: day(date),
        colour: [Colour::Green, Colour::Yellow, Colour::Red][usize::from(note % 3)],
        note: Some(format!("note {note}")),
        by: None,
        remaining: None,
    }
}

fn base_program() -> impl Strategy<Value = Program> {
    (
        prop::collection::vec((prop::option::of(0u8..3), 1u8..9, 0u8..3), 1..6),
        prop::collection::vec(0u8..3, 0..3),
        prop::collection::vec(0u8..3, 0..3),
    )
        .prop_map(|(items, deps, risks)| {
            let mut program = Program::new("Base", day(0));
            for (i, (owner, days, updates)) in items.into_iter().enumerate() {
                let mut item = Item::task(&format!("I{i}"), &format!("Item {i}"), days.into());
                item.owner = owner.map(|o| NAMES[usize::from(o)].to_string());
                item.status = (0..updates).map(|u| update(u, u)).collect();
                program.items.push(item.into());
            }
            for (d, updates) in deps.into_iter().enumerate() {
                let mut dep = Dependency::new(&format!("D{d}"), "Vendor");
                dep.status = (0..updates).map(|u| update(u, u + 1)).collect();
                program.dependencies.push(dep.into());
            }
            for (r, options) in risks.into_iter().enumerate() {
                program.risks.push(
                    Risk {
                        uid: String::new(),
                        id: format!("R{r}"),
                        title: "Risk".into(),
                        owner: None,
                        level: RiskLevel::Medium,
                        affects: vec!["I0".into()],
                        trigger: None,
                        options: (0..options).map(|o| format!("option {o}")).collect(),
                        state: RiskState::Open,
                        decision: None,
                    }
                    .into(),
                );
            }
            // As stored programs are: every entity with a uid.
            throughline::model::uid::fill(&mut program, true);
            program
        })
}

/// One edit a person makes, addressed by position in the list as it is when applied.
#[derive(Debug, Clone)]
enum Edit {
    Owner(Index, Option<u8>),
    Title(Index, u8),
    Days(Index, u8),
    Name(u8),
    Note(Index, Index, u8),
    AddUpdate(Index, u8, u8),
    DeleteUpdate(Index, Index),
    AddItem(u8),
    DeleteItem(Index),
    After(Index, Index),
    RiskOptions(Index, u8),
    DepOwner(Index, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<Index>;
    prop_oneof![
        (at(), prop::option::of(0u8..3)).prop_map(|(i, o)| Edit::Owner(i, o)),
        (at(), 0u8..3).prop_map(|(i, v)| Edit::Title(i, v)),
        (at(), 1u8..5).prop_map(|(i, v)| Edit::Days(i, v)),
        (0u8..3).prop_map(Edit::Name),
        (at(), at(), 0u8..3).prop_map(|(i, u, v)| Edit::Note(i, u, v)),
        (at(), 0u8..5, 0u8..3).prop_map(|(i, d, v)| Edit::AddUpdate(i, d, v)),
        (at(), at()).prop_map(|(i, u)| Edit::DeleteUpdate(i, u)),
        (0u8..3).prop_map(Edit::AddItem),
        at().prop_map(Edit::DeleteItem),
        (at(), at()).prop_map(|(i, p)| Edit::After(i, p)),
        (at(), 0u8..3).prop_map(|(i, v)| Edit::RiskOptions(i, v)),
        (at(), 0u8..3).prop_map(|(i, v)| Edit::DepOwner(i, v)),
    ]
}

fn pick<'a, T>(list: &'a mut [T], at: &Index) -> Option<&'a mut T> {
    if list.is_empty() {
        None
    } else {
        let i = at.index(list.len());
        list.get_mut(i)
    }
}

fn apply(program: &mut Program, edit: &Edit) {
    apply_to(program, edit, |_| true);
}

/// Applies `edit` choosing only among the items `chosen` allows, so that two tabs whose
/// lists differ (one has seen the other's additions) still address the same item by id.
fn apply_to(program: &mut Program, edit: &Edit, chosen: impl Fn(&str) -> bool) {
    let ids: Vec<String> = program
        .items
        .iter()
        .map(|item| item.id.clone())
        .filter(|id| chosen(id))
        .collect();
    let positions: Vec<usize> = (0..program.items.len())
        .filter(|&n| chosen(&program.items[n].id))
        .collect();
    let at = |i: &Index| positions.get(i.index(positions.len().max(1))).copied();
    match edit {
        Edit::Owner(i, o) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                item.owner = o.map(|o| NAMES[usize::from(o)].to_string());
            }
        }
        Edit::Title(i, v) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                item.title = format!("Title {v}");
            }
        }
        Edit::Days(i, v) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                item.days = (*v).into();
            }
        }
        Edit::Name(v) => program.name = format!("Name {v}"),
        Edit::Note(i, u, v) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                if let Some(update) = pick(&mut item.status, u) {
                    update.note = Some(format!("edited {v}"));
                }
            }
        }
        Edit::AddUpdate(i, d, v) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                match item.status.iter_mut().find(|u| u.date == day(*d)) {
                    Some(update) => update.note = Some(format!("week {v}")),
                    None => item.status.push(update(*d, *v)),
                }
            }
        }
        Edit::DeleteUpdate(i, u) => {
            if let Some(item) = at(i).map(|n| &mut program.items[n]) {
                if !item.status.is_empty() {
                    let at = u.index(item.status.len());
                    item.status.remove(at);
                }
            }
        }
        Edit::AddItem(n) => {
            let id = format!("N{n}");
            if program.item(&id).is_none() {
                let mut item = Item::task(&id, "New", 2);
                // Made the same way in the tab and in the oracle that replays its edits.
                item.uid = format!("added-{id}");
                program.items.push(item.into());
            }
        }
        Edit::DeleteItem(i) => {
            if let Some(n) = at(i) {
                program.items.remove(n);
            }
        }
        Edit::After(i, p) => {
            let pred = p.index(ids.len().max(1));
            if let (Some(item), Some(pred)) = (at(i).map(|n| &mut program.items[n]), ids.get(pred))
            {
                item.after = vec![Link::after(pred)];
            }
        }
        Edit::RiskOptions(i, v) => {
            if let Some(risk) = pick(&mut program.risks, i) {
                risk.options = vec![format!("choice {v}")];
            }
        }
        Edit::DepOwner(i, v) => {
            if let Some(dep) = pick(&mut program.dependencies, i) {
                dep.owner = Some(NAMES[usize::from(*v)].to_string());
            }
        }
    }
}

fn edited(base: &Program, edits: &[Edit]) -> Program {
    let mut program = base.clone();
    for edit in edits {
        apply(&mut program, edit);
    }
    program
}

/// Every leaf of a program by path (`items[I0].status[2026-10-02].note`), entities keyed
/// by id and status updates by date; other lists are one value.
fn flatten(program: &Program) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    flatten_into(
        &serde_json::to_value(program).expect("value"),
        "",
        None,
        &mut out,
    );
    out
}

fn flatten_into(value: &Value, path: &str, field: Option<&str>, out: &mut BTreeMap<String, Value>) {
    const ENTITIES: [&str; 5] = ["items", "dependencies", "risks", "decisions", "teams"];
    match value {
        Value::Null => {}
        Value::Object(map) => {
            for (name, value) in map {
                let path = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                flatten_into(value, &path, Some(name), out);
            }
        }
        Value::Array(list) if field.is_some_and(|f| ENTITIES.contains(&f) || f == "status") => {
            let key = if field == Some("status") {
                "date"
            } else {
                "id"
            };
            for element in list {
                let id = element[key].as_str().expect("key");
                flatten_into(element, &format!("{path}[{id}]"), None, out);
            }
        }
        leaf => {
            out.insert(path.to_string(), leaf.clone());
        }
    }
}

fn under(path: &str, place: &str) -> bool {
    place.is_empty()
        || path == place
        || path.starts_with(&format!("{place}."))
        || path.starts_with(&format!("{place}["))
}

fn subtree(flat: &BTreeMap<String, Value>, place: &str) -> BTreeMap<String, Value> {
    flat.iter()
        .filter(|(p, _)| under(p, place))
        .map(|(p, v)| (p.clone(), v.clone()))
        .collect()
}

/// The merge's contract, checked path by path against the independent flattening.
fn check_merge(base: &Program, mine: &Program, theirs: &Program) -> Result<(), TestCaseError> {
    let merged = merge(base, mine, theirs);
    prop_assert_eq!(&merged.fallback, &None);
    let (b, m, t, r) = (
        flatten(base),
        flatten(mine),
        flatten(theirs),
        flatten(&merged.program),
    );
    let places: Vec<String> = merged
        .conflicts
        .iter()
        .map(|c| c.place.to_string())
        .collect();
    for conflict in &merged.conflicts {
        let place = conflict.place.to_string();
        let (sb, sm, st) = (
            subtree(&b, &place),
            subtree(&m, &place),
            subtree(&t, &place),
        );
        prop_assert!(
            sm != st && sm != sb && st != sb,
            "not a real conflict: {}",
            place
        );
    }
    let paths: BTreeSet<&String> = b.keys().chain(m.keys()).chain(t.keys()).collect();
    for path in paths {
        let (bv, mv, tv, rv) = (b.get(path), m.get(path), t.get(path), r.get(path));
        if let Some(conflict) = merged
            .conflicts
            .iter()
            .find(|c| under(path, &c.place.to_string()))
        {
            prop_assert_eq!(rv, mv, "a conflict keeps mine at {}", path);
            prop_assert_eq!(
                theirs_at(conflict, path),
                tv.cloned(),
                "theirs listed at {}",
                path
            );
        } else if mv == tv || tv == bv {
            prop_assert_eq!(rv, mv, "mine at {}", path);
        } else if mv == bv {
            prop_assert_eq!(rv, tv, "theirs at {}", path);
        } else {
            prop_assert!(
                false,
                "{} changed on both sides, no conflict in {:?}",
                path,
                places
            );
        }
    }
    // Order: theirs', then mine's additions in mine's order.
    let in_result: BTreeSet<&str> = merged.program.items.iter().map(|i| i.id.as_str()).collect();
    let expected: Vec<&str> = theirs
        .items
        .iter()
        .map(|i| i.id.as_str())
        .chain(
            mine.items
                .iter()
                .map(|i| i.id.as_str())
                .filter(|id| theirs.item(id).is_none()),
        )
        .filter(|id| in_result.contains(id))
        .collect();
    let order: Vec<&str> = merged.program.items.iter().map(|i| i.id.as_str()).collect();
    prop_assert_eq!(order, expected);
    Ok(())
}

/// Theirs' value at `path`, as the conflict covering it lists it.
fn theirs_at(conflict: &Conflict, path: &str) -> Option<Value> {
    let place = conflict.place.to_string();
    let mut flat = BTreeMap::new();
    if let Some(theirs) = &conflict.theirs {
        let field = conflict.place.0.last().and_then(|step| match step {
            throughline::store::Step::Field(name) => Some(name.as_str()),
            throughline::store::Step::Entity { .. } => None,
        });
        flatten_into(theirs, &place, field, &mut flat);
    }
    flat.get(path).cloned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn two_editors_merged_lose_no_committed_field(
        base in base_program(),
        a in prop::collection::vec(edit(), 0..6),
        b in prop::collection::vec(edit(), 0..6),
    ) {
        check_merge(&base, &edited(&base, &a), &edited(&base, &b))?;
    }

    #[test]
    fn merging_again_with_the_same_theirs_changes_nothing(
        base in base_program(),
        a in prop::collection::vec(edit(), 0..6),
        b in prop::collection::vec(edit(), 0..6),
    ) {
        let theirs = edited(&base, &b);
        let once = merge(&base, &edited(&base, &a), &theirs);
        let twice = merge(&base, &once.program, &theirs);
        prop_assert_eq!(&twice.program, &once.program);
        prop_assert_eq!(twice.conflicts, once.conflicts);
    }

    #[test]
    fn a_merge_with_one_side_unchanged_is_the_other_side(
        base in base_program(),
        a in prop::collection::vec(edit(), 0..6),
    ) {
        let x = edited(&base, &a);
        let kept = merge(&base, &x, &base);
        prop_assert_eq!(&kept.program, &x);
        prop_assert!(kept.conflicts.is_empty());
        let taken = merge(&base, &base, &x);
        prop_assert_eq!(&taken.program, &x);
        prop_assert!(taken.conflicts.is_empty());
    }

    #[test]
    fn undo_of_an_edit_with_no_later_change_restores_the_program_before_it(
        base in base_program(),
        a in prop::collection::vec(edit(), 1..4),
    ) {
        let after = edited(&base, &a);
        prop_assert_eq!(revert(&base, &after, &after), Ok(base));
    }

    #[test]
    fn undo_keeps_every_later_change_to_other_fields(
        base in base_program(),
        owner in (any::<Index>(), prop::option::of(0u8..3)),
        later in prop::collection::vec(
            prop_oneof![
                (any::<Index>(), 0u8..3).prop_map(|(i, v)| Edit::Title(i, v)),
                (any::<Index>(), 1u8..5).prop_map(|(i, v)| Edit::Days(i, v)),
                (0u8..3).prop_map(Edit::Name),
                (any::<Index>(), any::<Index>(), 0u8..3).prop_map(|(i, u, v)| Edit::Note(i, u, v)),
            ],
            0..5,
        ),
    ) {
        let before = base.clone();
        let after = edited(&before, &[Edit::Owner(owner.0, owner.1)]);
        let current = edited(&after, &later);
        prop_assert_eq!(revert(&before, &after, &current), Ok(edited(&before, &later)));
    }
}

/// What one of two tabs does next.
#[derive(Debug, Clone)]
enum Step {
    Edit(Edit),
    Save,
    Hear,
}

/// Tab A edits owners, titles, the name and adds items `N*`; tab B edits durations, notes,
/// updates and dependency owners: different fields, often of the same entities.
fn tab_step(a_side: bool) -> impl Strategy<Value = Step> {
    let at = any::<Index>;
    let edits = if a_side {
        prop_oneof![
            (at(), prop::option::of(0u8..3)).prop_map(|(i, o)| Edit::Owner(i, o)),
            (at(), 0u8..3).prop_map(|(i, v)| Edit::Title(i, v)),
            (0u8..3).prop_map(Edit::Name),
            (0u8..3).prop_map(Edit::AddItem),
        ]
        .boxed()
    } else {
        prop_oneof![
            (at(), 1u8..5).prop_map(|(i, v)| Edit::Days(i, v)),
            (at(), at(), 0u8..3).prop_map(|(i, u, v)| Edit::Note(i, u, v)),
            (at(), 0u8..5, 0u8..3).prop_map(|(i, d, v)| Edit::AddUpdate(i, d, v)),
            (at(), 0u8..3).prop_map(|(i, v)| Edit::DepOwner(i, v)),
        ]
        .boxed()
    };
    prop_oneof![3 => edits.prop_map(Step::Edit), 1 => Just(Step::Save), 1 => Just(Step::Hear)]
}

/// Tabs edit the base's items only: the other tab's additions may or may not be there yet.
fn from_base(id: &str) -> bool {
    id.starts_with('I')
}

struct Tab<'a> {
    store: Store<&'a MemoryStorage>,
    session: Session,
    program: Program,
}

impl Tab<'_> {
    fn step(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let sync = match step {
            Step::Edit(edit) => {
                apply_to(&mut self.program, edit, from_base);
                return Ok(());
            }
            Step::Save => self.session.save(&self.store, &self.program),
            Step::Hear => self.session.other_tab_saved(&self.store, &self.program),
        };
        prop_assert!(sync.saved.is_ok());
        prop_assert!(sync.kept_aside.is_empty(), "{:?}", sync.kept_aside);
        if let Some(merged) = sync.merge {
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            self.program = merged.program;
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn any_interleaving_of_two_tabs_editing_different_fields_keeps_every_edit(
        base in base_program(),
        steps in prop::collection::vec(
            prop_oneof![tab_step(true).prop_map(|s| (true, s)), tab_step(false).prop_map(|s| (false, s))],
            0..24,
        ),
    ) {
        let storage = MemoryStorage::new();
        let mut first = Session::unsaved("p", "a");
        first.save(&Store::new(&storage), &base);
        let stored = Store::new(&storage).load("p").expect("stored");
        let mut a = Tab { store: Store::new(&storage), session: Session::opened(&stored, "a"), program: base.clone() };
        let mut b = Tab { store: Store::new(&storage), session: Session::opened(&stored, "b"), program: base.clone() };
        // What each tab alone would have made of the base: the oracle.
        let (mut only_a, mut only_b) = (base.clone(), base.clone());
        for (on_a, step) in &steps {
            if let Step::Edit(edit) = step {
                apply_to(if *on_a { &mut only_a } else { &mut only_b }, edit, from_base);
            }
            if *on_a { a.step(step)? } else { b.step(step)? }
        }
        for _ in 0..2 {
            a.step(&Step::Save)?;
            b.step(&Step::Save)?;
        }
        a.step(&Step::Hear)?;
        let stored = Store::new(&storage).load("p").expect("stored").program;
        prop_assert_eq!(&a.program, &stored);
        prop_assert_eq!(&b.program, &stored);
        prop_assert!(!a.session.has_unsaved(&a.program) && !b.session.has_unsaved(&b.program));
        // Every field ends with the value its one editor left it at.
        let (base_flat, fa, fb, end) = (flatten(&base), flatten(&only_a), flatten(&only_b), flatten(&stored));
        let paths: BTreeSet<&String> = base_flat.keys().chain(fa.keys()).chain(fb.keys()).chain(end.keys()).collect();
        for path in paths {
            let expected = if fa.get(path) != base_flat.get(path) { fa.get(path) } else { fb.get(path) };
            prop_assert_eq!(end.get(path), expected, "at {}", path);
        }
    }
}

//! Examples of the three-way merge by entity and field, of settling its conflicts, and of
//! per-tab undo (docs/architecture.md#store): two tabs merge by entity and field and show
//! real conflicts; undo is per tab. The properties are in `store_properties.rs`.

use serde_json::{json, Value};
use throughline::model::Program;
use throughline::store::{merge, merge_values, resolve, revert, Choice};

fn program(extra: Value) -> Program {
    let mut value = json!({
        "format": "throughline/1", "name": "Launch",
        "start": "2026-09-07", "target": "2027-01-15",
    });
    if let (Some(into), Some(from)) = (value.as_object_mut(), extra.as_object()) {
        into.extend(from.clone());
    }
    serde_json::from_value(value).expect("test program")
}

fn items(list: &[(&str, &str)]) -> Value {
    Value::Array(
        list.iter()
            .map(|(id, owner)| json!({"id": id, "title": format!("Work {id}"), "owner": owner, "days": 3}))
            .collect(),
    )
}

fn ids(program: &Program) -> Vec<&str> {
    program.items.iter().map(|item| item.id.as_str()).collect()
}

fn owner<'a>(program: &'a Program, id: &str) -> Option<&'a str> {
    program.item(id).and_then(|item| item.owner.as_deref())
}

#[test]
fn entities_are_matched_by_id_not_by_position() {
    let base = program(json!({"items": items(&[("A", "ann"), ("B", "bob")])}));
    // Theirs put a new item first and moved B up; mine edited B.
    let theirs = program(json!({"items": items(&[("N", "nia"), ("B", "bob"), ("A", "ann")])}));
    let mine = program(json!({"items": items(&[("A", "ann"), ("B", "bea")])}));
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(ids(&merged.program), ["N", "B", "A"], "theirs' order");
    assert_eq!(owner(&merged.program, "B"), Some("bea"));
    assert_eq!(owner(&merged.program, "A"), Some("ann"));
}

#[test]
fn additions_on_both_sides_are_kept_with_mine_appended_in_mine_order() {
    let base = program(json!({"items": items(&[("A", "ann")])}));
    let mine = program(json!({"items": items(&[("M2", "x"), ("A", "ann"), ("M1", "y")])}));
    let theirs = program(json!({"items": items(&[("A", "ann"), ("T1", "z")])}));
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(ids(&merged.program), ["A", "T1", "M2", "M1"]);
}

#[test]
fn a_delete_on_one_side_of_an_untouched_entity_deletes_it() {
    let base = program(json!({"items": items(&[("A", "ann"), ("B", "bob")])}));
    let mine = program(json!({"items": items(&[("A", "ann")])}));
    let theirs = program(json!({"items": items(&[("A", "amy"), ("B", "bob")])}));
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(ids(&merged.program), ["A"]);
    assert_eq!(owner(&merged.program, "A"), Some("amy"));
}

#[test]
fn deleted_here_and_edited_there_is_a_conflict_keeping_mine() {
    let base = program(json!({"items": items(&[("A", "ann"), ("B", "bob")])}));
    let mine = program(json!({"items": items(&[("A", "ann")])}));
    let theirs = program(json!({"items": items(&[("A", "ann"), ("B", "bea")])}));
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(ids(&merged.program), ["A"]);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.place.to_string(), "items[B]");
    assert_eq!(conflict.mine, None);
    assert_eq!(conflict.mine_text(), "(deleted)");
    assert_eq!(conflict.label, "B: deleted here, changed in another tab");
    let back = resolve(&merged.program, conflict, Choice::Theirs).unwrap();
    assert_eq!(owner(&back, "B"), Some("bea"));

    // And the other way round: edited here, deleted there.
    let merged = merge(&base, &theirs, &mine);
    assert_eq!(ids(&merged.program), ["A", "B"]);
    assert_eq!(merged.conflicts[0].theirs, None);
    let gone = resolve(&merged.program, &merged.conflicts[0], Choice::Theirs).unwrap();
    assert_eq!(ids(&gone), ["A"]);
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = program(json!({"items": items(&[("A", "ann")])}));
    let both = program(json!({"items": items(&[("A", "amy")]), "name": "Both"}));
    let mut theirs = both.clone();
    theirs.target = theirs.target.succ_opt().unwrap();
    let merged = merge(&base, &both, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.program, theirs);
}

#[test]
fn a_weeks_update_merges_by_date_and_field() {
    let update = |note: &str, by: Option<&str>| {
        let mut u = json!({"date": "2026-11-20", "color": "yellow", "note": note});
        if let Some(by) = by {
            u["by"] = json!(by);
        }
        u
    };
    let base = program(
        json!({"dependencies": [{"id": "VEND-1", "title": "API", "status": [update("Sponsor reconfirmed", None)]}]}),
    );
    // Mine records who reported; theirs adds next week's update.
    let mine = program(
        json!({"dependencies": [{"id": "VEND-1", "title": "API", "status": [update("Sponsor reconfirmed", Some("Sam Lee"))]}]}),
    );
    let theirs = program(
        json!({"dependencies": [{"id": "VEND-1", "title": "API", "status": [
        update("Sponsor reconfirmed", None),
        {"date": "2026-11-27", "color": "green", "note": "In writing"}]}]}),
    );
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    let status = &merged.program.dependencies[0].status;
    assert_eq!(status.len(), 2);
    assert_eq!(status[0].by.as_deref(), Some("Sam Lee"));
    assert_eq!(status[0].note.as_deref(), Some("Sponsor reconfirmed"));
    assert_eq!(status[1].note.as_deref(), Some("In writing"));

    // Both tabs rewrote the note differently: a conflict a TPM can read.
    let mine = program(
        json!({"dependencies": [{"id": "VEND-1", "title": "API", "status": [update("Mine", None)]}]}),
    );
    let theirs = program(
        json!({"dependencies": [{"id": "VEND-1", "title": "API", "status": [update("Theirs", None)]}]}),
    );
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(
        merged.conflicts[0].label,
        "Note of the 2026-11-20 update on VEND-1"
    );
    assert_eq!(
        merged.conflicts[0].place.key(),
        "dependencies/VEND-1/status/2026-11-20/note"
    );
}

#[test]
fn links_options_and_holidays_are_values_of_their_field() {
    let with = |after: Value, holidays: Value| {
        program(json!({"calendar": {"holidays": holidays},
            "items": [{"id": "A", "title": "A"}, {"id": "B", "title": "B"}, {"id": "C", "title": "C", "after": after}]}))
    };
    let base = with(json!([]), json!(["2026-12-25"]));
    let mine = with(json!([{"id": "A"}]), json!(["2026-12-25", "2026-12-24"]));
    let theirs = with(json!([{"id": "B"}]), json!(["2026-12-25"]));
    let merged = merge(&base, &mine, &theirs);
    let labels: Vec<&str> = merged.conflicts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Predecessors of C"]);
    assert_eq!(merged.conflicts[0].theirs_text(), "B");
    assert_eq!(
        merged.program.calendar.holidays.len(),
        2,
        "changed on one side only"
    );
}

#[test]
fn reports_and_fields_this_build_does_not_know_merge_too() {
    let base = json!({"name": "P", "reports": [{"date": "2026-11-13", "colour": "yellow"}], "future": {"a": 1}});
    let mine = json!({"name": "P", "reports": [{"date": "2026-11-13", "colour": "yellow"}, {"date": "2026-11-20", "colour": "red"}], "future": {"a": 1, "b": 2}});
    let theirs = json!({"name": "Q", "reports": [{"date": "2026-11-13", "colour": "yellow", "baseline": true}], "future": {"a": 3}});
    let (merged, conflicts) = merge_values(&base, &mine, &theirs);
    assert!(conflicts.is_empty());
    assert_eq!(
        merged,
        json!({"name": "Q", "reports": [{"date": "2026-11-13", "colour": "yellow", "baseline": true}, {"date": "2026-11-20", "colour": "red"}], "future": {"a": 3, "b": 2}})
    );
}

#[test]
fn merging_again_with_the_same_theirs_changes_nothing() {
    let base = program(json!({"items": items(&[("A", "ann"), ("B", "bob"), ("C", "cy")])}));
    let mine =
        program(json!({"name": "Mine", "items": items(&[("B", "bea"), ("C", "cy"), ("M", "mo")])}));
    let theirs = program(
        json!({"name": "Theirs", "items": items(&[("C", "cat"), ("B", "bob"), ("T", "ty")])}),
    );
    let once = merge(&base, &mine, &theirs);
    let twice = merge(&base, &once.program, &theirs);
    assert_eq!(twice.program, once.program);
    assert_eq!(twice.conflicts, once.conflicts);
}

#[test]
fn resolving_a_field_of_an_entity_deleted_since_says_so() {
    let base = program(json!({"items": items(&[("A", "ann")])}));
    let mine = program(json!({"items": items(&[("A", "amy")])}));
    let theirs = program(json!({"items": items(&[("A", "abe")])}));
    let merged = merge(&base, &mine, &theirs);
    let later = program(json!({}));
    let err = resolve(&later, &merged.conflicts[0], Choice::Theirs).unwrap_err();
    assert_eq!(err.to_string(), "Owner of A: A no longer exists.");
}

// ---- Per-tab undo ----

#[test]
fn undo_takes_back_only_this_tabs_edit() {
    let before = program(json!({"items": items(&[("IDT-1", "ann"), ("B", "bob")])}));
    let after = program(json!({"items": items(&[("IDT-1", "ann"), ("B", "bea")])}));
    // Another tab then changed the owner of IDT-1; its change stays.
    let current = program(json!({"items": items(&[("IDT-1", "ivy"), ("B", "bea")])}));
    let undone = revert(&before, &after, &current).unwrap();
    assert_eq!(owner(&undone, "IDT-1"), Some("ivy"));
    assert_eq!(owner(&undone, "B"), Some("bob"));
}

#[test]
fn undo_of_a_field_changed_again_since_is_reported_not_overwritten() {
    let before = program(json!({"items": items(&[("A", "ann")])}));
    let after = program(json!({"items": items(&[("A", "amy")])}));
    let current = program(json!({"items": items(&[("A", "abe")])}));
    let conflicts = revert(&before, &after, &current).unwrap_err();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].label, "Owner of A");
    assert_eq!(
        (conflicts[0].mine_text(), conflicts[0].theirs_text()),
        ("ann".into(), "abe".into())
    );
}

#[test]
fn undo_of_a_delete_puts_the_entity_back_in_its_row() {
    let before = program(json!({"items": items(&[("A", "a"), ("B", "b"), ("C", "c")])}));
    let after = program(json!({"items": items(&[("A", "a"), ("C", "c")])}));
    let current = program(json!({"items": items(&[("A", "a"), ("C", "cy"), ("D", "d")])}));
    let undone = revert(&before, &after, &current).unwrap();
    assert_eq!(ids(&undone), ["A", "B", "C", "D"]);
    assert_eq!(owner(&undone, "C"), Some("cy"));
}

#[test]
fn undo_of_an_add_removes_it_unless_edited_since() {
    let before = program(json!({"items": items(&[("A", "a")])}));
    let after = program(json!({"items": items(&[("A", "a"), ("N", "n")])}));
    let untouched = program(json!({"name": "Renamed", "items": items(&[("A", "a"), ("N", "n")])}));
    let undone = revert(&before, &after, &untouched).unwrap();
    assert_eq!(ids(&undone), ["A"]);
    assert_eq!(undone.name, "Renamed");
    let edited = program(json!({"items": items(&[("A", "a"), ("N", "nia")])}));
    let conflicts = revert(&before, &after, &edited).unwrap_err();
    assert_eq!(conflicts[0].place.to_string(), "items[N]");
    assert_eq!(
        conflicts[0].label,
        "N: undo would remove it, but it was changed since"
    );
}

#[test]
fn the_last_update_deleted_here_and_a_new_one_added_there_is_no_conflict() {
    let update = |date: &str| json!({"date": date, "color": "green"});
    let with =
        |status: Value| program(json!({"items": [{"id": "A", "title": "A", "status": status}]}));
    let base = with(json!([update("2026-11-13")]));
    let mine = with(json!([]));
    let theirs = with(json!([update("2026-11-13"), update("2026-11-20")]));
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let dates: Vec<String> = merged.program.items[0]
        .status
        .iter()
        .map(|u| u.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-11-20"]);
}

#[test]
fn changes_valid_alone_but_invalid_together_fall_back_to_mine_with_a_message() {
    let base = program(json!({}));
    let mut mine = base.clone();
    mine.start = "2026-12-15".parse().unwrap();
    let mut theirs = base.clone();
    theirs.target = "2026-12-01".parse().unwrap();
    theirs.name = "Theirs".into();
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(merged.program, mine);
    assert!(merged.conflicts.is_empty());
    let message = merged.fallback.expect("a message");
    assert!(message.contains("could not be merged"), "{message}");
}

#[test]
fn one_id_added_as_an_item_here_and_a_risk_there_is_not_merged_into_an_invalid_program() {
    let base = program(json!({}));
    let mine = program(json!({"items": [{"id": "X-1", "title": "Item"}]}));
    let theirs = program(json!({"risks": [{"id": "X-1", "title": "Risk"}]}));
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(merged.program, mine);
    assert!(merged.fallback.is_some());
}

/// Two machines that each add `NEW-1` have added two items: the other's is renumbered, the
/// links it made follow it, and the person is told.
#[test]
fn two_new_items_with_one_id_are_two_items() {
    use throughline::model::edit::{add_item, set_item_field};
    use throughline::model::{uid, ItemField};
    let mut base = program(json!({"items": items(&[("A", "ann")])}));
    uid::fill(&mut base, true);
    let mut mine = base.clone();
    uid::seed(1);
    let here = add_item(&mut mine, None);
    set_item_field(&mut mine, &here, ItemField::Title, "Checkout API").unwrap();
    let mut theirs = base.clone();
    uid::seed(2);
    let there = add_item(&mut theirs, None);
    set_item_field(&mut theirs, &there, ItemField::Title, "Card form").unwrap();
    set_item_field(&mut theirs, "A", ItemField::After, &there).unwrap();
    assert_eq!((here.as_str(), there.as_str()), ("NEW-1", "NEW-1"));

    let merged = merge(&base, &mine, &theirs);
    assert!(
        merged.conflicts.is_empty() && merged.fallback.is_none(),
        "{merged:?}"
    );
    // Theirs first, then what this side added (the merge's order).
    assert_eq!(ids(&merged.program), ["A", "NEW-2", "NEW-1"]);
    assert_eq!(merged.program.item("NEW-1").unwrap().title, "Checkout API");
    assert_eq!(merged.program.item("NEW-2").unwrap().title, "Card form");
    // The link the other machine made to its NEW-1 points at it under its new id.
    assert_eq!(merged.program.item("A").unwrap().after[0].id, "NEW-2");
    assert_eq!(
        merged.renumbered,
        vec![("NEW-1".to_string(), "NEW-2".to_string())]
    );
    assert!(merged
        .renumbered_text()
        .unwrap()
        .contains("NEW-1 is now NEW-2"));
}

/// A rename is an edit of one entity (its uid stays), not a delete and an add: another
/// tab's edit of the same item's owner lands on the renamed item.
#[test]
fn a_rename_here_and_an_edit_there_meet_on_one_item() {
    use throughline::model::edit::set_item_field;
    use throughline::model::{uid, ItemField};
    let mut base = program(json!({"items": items(&[("A", "ann"), ("B", "bob")])}));
    uid::fill(&mut base, true);
    let mut mine = base.clone();
    set_item_field(&mut mine, "A", ItemField::Id, "PAY-12").unwrap();
    let mut theirs = base.clone();
    set_item_field(&mut theirs, "A", ItemField::Owner, "Dana Wu").unwrap();
    let merged = merge(&base, &mine, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(ids(&merged.program), ["PAY-12", "B"]);
    assert_eq!(owner(&merged.program, "PAY-12"), Some("Dana Wu"));
}

/// Two machines that rename different items to one id (found by tests/replica_properties.rs:
/// it used to make an invalid program, so the other copy was only kept aside): the other
/// copy's is renumbered, as for two additions, and the person is told.
#[test]
fn two_renames_to_one_id_keep_both_items() {
    use throughline::model::edit::set_item_field;
    use throughline::model::{uid, ItemField};
    let mut base = program(json!({"items": items(&[("A", "ann"), ("B", "bob")])}));
    uid::fill(&mut base, true);
    let mut mine = base.clone();
    set_item_field(&mut mine, "A", ItemField::Id, "CHK-1").unwrap();
    let mut theirs = base.clone();
    set_item_field(&mut theirs, "B", ItemField::Id, "CHK-1").unwrap();
    set_item_field(&mut theirs, "A", ItemField::After, "CHK-1").unwrap();
    let merged = merge(&base, &mine, &theirs);
    assert_eq!(merged.fallback, None);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(ids(&merged.program), ["CHK-1", "CHK-2"]);
    assert_eq!(owner(&merged.program, "CHK-1"), Some("ann"));
    assert_eq!(owner(&merged.program, "CHK-2"), Some("bob"));
    // The link the other machine made to its CHK-1 follows it.
    assert_eq!(merged.program.item("CHK-1").unwrap().after[0].id, "CHK-2");
    assert_eq!(
        merged.renumbered,
        vec![("CHK-1".to_string(), "CHK-2".to_string())]
    );
}

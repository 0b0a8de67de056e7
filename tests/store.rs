//! The store, natively over `MemoryStorage`: envelopes and revisions, two tabs saving one
//! program, data that cannot be read kept aside, the index rebuilt, and a full storage
//! (docs/format.md#storage, docs/architecture.md#store). Drafts are in `store_drafts.rs`.

use throughline::model::{example_program, Program};
use throughline::store::{
    read_header, Choice, Index, IndexEntry, MemoryStorage, SaveError, Session, Storage, Store,
};

fn stored(store: &Store<&MemoryStorage>, id: &str, program: &Program) -> Session {
    let mut session = Session::unsaved(id, "tab-0");
    let sync = session.save(store, program);
    assert_eq!(sync.saved, Ok(Some(1)));
    session
}

fn owner_of(program: &Program, id: &str) -> Option<String> {
    program.item(id).and_then(|item| item.owner.clone())
}

fn set_owner(program: &mut Program, id: &str, owner: &str) {
    let item = program.items.iter_mut().find(|item| item.id == id);
    item.expect("item").owner = Some(owner.to_string());
}

// ---- Envelope and revisions ----

#[test]
fn a_saved_program_reads_back_with_its_revision() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = stored(&store, "p-1", &program);
    let loaded = store.load("p-1").expect("stored");
    assert_eq!(loaded.program, program);
    assert_eq!(loaded.rev, 1);

    let mut edited = program.clone();
    edited.name = "Renamed".into();
    assert_eq!(session.save(&store, &edited).saved, Ok(Some(2)));
    assert_eq!(store.stored_rev("p-1"), Some(2));
    // The envelope names the parts; the program is in them, not in it.
    let text = storage.get("throughline/program/p-1").unwrap().unwrap();
    assert!(
        text.starts_with("{\"v\":2,\"rev\":2,\"tab\":\"tab-0\",\"layout\":{"),
        "{text}"
    );
    assert!(text.len() < 400, "{} characters", text.len());
    assert!(!storage.keys("throughline/part/p-1/").is_empty());
}

/// A program saved by the previous build (a version 1 envelope holding the whole program)
/// opens as it was, and its next save stores it in parts.
#[test]
fn a_version_1_envelope_opens_and_is_stored_in_parts_from_then_on() {
    let storage = MemoryStorage::new();
    let program = example_program();
    storage.plant(
        "throughline/program/p-1",
        &throughline::store::write_envelope(&program, 7, "old-tab").unwrap(),
    );
    let store = Store::new(&storage);
    let loaded = store.load("p-1").unwrap();
    assert_eq!((loaded.program.clone(), loaded.rev), (program.clone(), 7));
    let mut session = Session::opened(&loaded, "tab");
    let mut edited = program.clone();
    edited.name = "Moved to parts".into();
    assert_eq!(session.save(&store, &edited).saved, Ok(Some(8)));
    let again = store.load("p-1").unwrap();
    assert_eq!(again.program, edited);
    let text = storage.get("throughline/program/p-1").unwrap().unwrap();
    assert!(text.starts_with("{\"v\":2,"));
}

/// A year of Mondays: 1,000 items with 52 weeks of notes and 52 published reports fit in
/// a browser's 5,242,880 characters with room to spare, and an edit rewrites a few parts.
#[test]
fn a_year_of_a_thousand_items_fits_and_an_edit_writes_little() {
    let program = common_year_program(1_000);
    let storage = MemoryStorage::with_quota(5_242_880);
    let store = Store::new(&storage);
    let mut session = Session::unsaved("big", "tab");
    assert_eq!(session.save(&store, &program).saved, Ok(Some(1)));
    let used = storage.used();
    eprintln!("a year of 1,000 items: {used} characters stored");
    assert!(used < 5_242_880 / 2, "{used} characters");
    assert_eq!(store.load("big").unwrap().program, program);
    // One note: one run rewritten (plus the envelope).
    let mut edited = program.clone();
    edited.items[500].status[10].note = Some("Edited".into());
    let before: std::collections::BTreeSet<String> =
        storage.keys("throughline/part/").into_iter().collect();
    assert_eq!(session.save(&store, &edited).saved, Ok(Some(2)));
    let after: std::collections::BTreeSet<String> =
        storage.keys("throughline/part/").into_iter().collect();
    assert_eq!(after.difference(&before).count(), 1, "one new part");
    assert_eq!(
        before.difference(&after).count(),
        1,
        "the part it replaced is gone"
    );
    assert_eq!(store.load("big").unwrap().program, edited);
}

/// A report's summary sections as the engine words them, different every week: three
/// critical risks, two decisions, and a critical path of eight links.
fn report_sections(week: i64) -> Vec<throughline::model::ReportSection> {
    use throughline::model::{ReportSection, Sentence};
    let line = |text: String| Sentence::plain(&text);
    vec![
        ReportSection {
            heading: "Critical risks".into(),
            lines: (0..3)
                .map(|r| line(format!("Escalate now: R-{r} Vendor {week} slips past its date — owner Sam Lee; trigger {r} Dec (in {week} days); affects GEN-{r}{week}, GEN-{week}; options: escalate / fall back (+15 working days).")))
                .collect(),
            list: true,
        },
        ReportSection {
            heading: "Decisions needed".into(),
            lines: (0..2)
                .map(|d| line(format!("D-{d} Fall back or escalate for week {week}? — from VP Engineering, by {d} Dec ({week} days left); recommend: escalate.")))
                .collect(),
            list: true,
        },
        ReportSection {
            heading: "Critical path".into(),
            lines: vec![line(
                (0..8)
                    .map(|n| format!("GEN-{} Generated work package {} ({n} Dec)", week * 8 + n, week * 8 + n))
                    .collect::<Vec<_>>()
                    .join(" → "),
            )],
            list: false,
        },
    ]
}

/// The program of the storage test: `items` generated items, each with 52 weekly updates
/// with a note, and 52 published reports of every item.
fn common_year_program(items: usize) -> Program {
    use throughline::model::{uid, Colour, Item, Report, ReportRow, Shared, StatusUpdate};
    let mut program = example_program();
    let as_of = program.status_date.unwrap();
    for n in 0..items {
        let mut item = Item::task(
            &format!("GEN-{n}"),
            &format!("Generated work package {n}"),
            5,
        );
        item.uid = uid::fresh();
        item.owner = Some(["Dana Wu", "Sam Lee", "Priya N"][n % 3].to_string());
        item.status = (0..52i64)
            .map(|w| StatusUpdate {
                date: as_of - chrono::Duration::days(7 * (51 - w)),
                colour: [Colour::Green, Colour::Yellow, Colour::Red][(n + w as usize) % 3],
                note: Some(format!(
                    "Week {w}: integration tests of package {n} on staging, review in progress"
                )),
                by: Some("Dana Wu".into()),
                remaining: None,
            })
            .collect();
        program.items.push(item.into());
    }
    let rows: Vec<ReportRow> = program
        .items
        .iter()
        .map(|i| ReportRow {
            id: i.id.clone(),
            colour: Some(Colour::Green),
            start: program.start,
            finish: program.target,
            float: 3,
            due: None,
            critical: false,
        })
        .collect();
    for w in 0..52i64 {
        program.reports.push(Shared::new(Report {
            date: as_of - chrono::Duration::days(7 * (51 - w)),
            target: program.target,
            colour: Colour::Yellow,
            finish: program.target,
            confidence: Some(0.7),
            runs: 10_000,
            p50: None,
            p85: None,
            p95: None,
            paragraph: Vec::new(),
            notes: None,
            changes: Vec::new(),
            // As the summary words them: three risks, two decisions, a chain of eight.
            sections: report_sections(w),
            rows: rows.clone(),
            open_risks: Vec::new(),
            pending_decisions: Vec::new(),
        }));
    }
    program
}

#[test]
fn saving_an_unchanged_program_writes_nothing() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = stored(&store, "p-1", &program);
    let sync = session.save(&store, &program);
    assert_eq!(sync.saved, Ok(None));
    assert_eq!(store.stored_rev("p-1"), Some(1));
}

#[test]
fn a_bare_program_from_an_older_store_is_revision_zero() {
    let storage = MemoryStorage::new();
    let text = throughline::model::write_program_compact(&example_program());
    storage.plant("throughline/program/old", &text);
    let store = Store::new(&storage);
    assert_eq!(read_header(&text).map(|h| h.rev), Ok(0));
    let loaded = store.load("old").expect("a bare program is migrated");
    assert_eq!(loaded.rev, 0);
    let mut session = Session::opened(&loaded, "tab");
    let mut edited = loaded.program.clone();
    edited.name = "Now in an envelope".into();
    assert_eq!(session.save(&store, &edited).saved, Ok(Some(1)));
}

#[test]
fn a_program_saved_by_a_newer_version_is_never_overwritten() {
    let storage = MemoryStorage::new();
    let newer = r#"{"v":9,"rev":4,"tab":"t","program":{"shape":"unknown"}}"#;
    storage.plant("throughline/program/p-1", newer);
    let store = Store::new(&storage);
    let mut session = Session::unsaved("p-1", "tab");
    let sync = session.save(&store, &example_program());
    assert_eq!(sync.saved, Err(SaveError::Newer));
    assert_eq!(
        store.save("p-1", &example_program(), 4, "tab", true),
        Err(SaveError::Newer)
    );
    assert_eq!(
        storage.get("throughline/program/p-1").unwrap().as_deref(),
        Some(newer)
    );
    assert!(session.has_unsaved(&example_program()));
}

#[test]
fn a_plain_save_over_another_tabs_newer_revision_is_refused() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    assert_eq!(store.save("p-1", &program, 0, "a", false), Ok(1));
    assert_eq!(store.save("p-1", &program, 1, "b", false), Ok(2));
    assert_eq!(
        store.save("p-1", &program, 1, "a", false),
        Err(SaveError::Conflict { theirs: 2 })
    );
    assert_eq!(store.save("p-1", &program, 1, "a", true), Ok(3));
}

// ---- Two tabs ----

#[test]
fn two_tabs_editing_different_fields_both_keep_their_edits() {
    let storage = MemoryStorage::new();
    let (tab_a, tab_b) = (Store::new(&storage), Store::new(&storage));
    let base = example_program();
    stored(&tab_a, "p-1", &base);
    let loaded = tab_a.load("p-1").unwrap();
    let mut a = Session::opened(&loaded, "a");
    let mut b = Session::opened(&loaded, "b");

    let mut mine_a = base.clone();
    set_owner(&mut mine_a, "PAY-101", "Ana");
    assert_eq!(a.save(&tab_a, &mine_a).saved, Ok(Some(2)));

    let mut mine_b = base.clone();
    mine_b.items[1].title = "Checkout, rewritten".into();
    let sync = b.save(&tab_b, &mine_b);
    let merged = sync.merge.expect("B merged A's save");
    assert!(merged.conflicts.is_empty());
    assert_eq!(sync.saved, Ok(Some(3)));
    assert_eq!(owner_of(&merged.program, "PAY-101").as_deref(), Some("Ana"));
    assert_eq!(merged.program.items[1].title, "Checkout, rewritten");

    // A hears of B's save (a storage event) and takes B's edit, keeping its own.
    assert!(a.concerns("throughline/program/p-1"));
    let heard = a
        .other_tab_saved(&tab_a, &mine_a)
        .merge
        .expect("A merges B");
    assert_eq!(heard.program, merged.program);
    assert!(!a.has_unsaved(&heard.program));
    assert_eq!(tab_a.load("p-1").unwrap().program, merged.program);
}

#[test]
fn both_tabs_changing_one_field_is_a_conflict_that_keeps_mine_until_chosen() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let base = example_program();
    stored(&store, "p-1", &base);
    let loaded = store.load("p-1").unwrap();
    let (mut a, mut b) = (Session::opened(&loaded, "a"), Session::opened(&loaded, "b"));
    let (mut mine_a, mut mine_b) = (base.clone(), base.clone());
    set_owner(&mut mine_a, "PAY-101", "Ana");
    set_owner(&mut mine_b, "PAY-101", "Bo");
    a.save(&store, &mine_a);
    let sync = b.save(&store, &mine_b);
    let merged = sync.merge.expect("merged");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.place.to_string(), "items[PAY-101].owner");
    assert_eq!(conflict.label, "Owner of PAY-101");
    assert_eq!(
        (conflict.mine_text(), conflict.theirs_text()),
        ("Bo".into(), "Ana".into())
    );
    assert_eq!(owner_of(&merged.program, "PAY-101").as_deref(), Some("Bo"));

    let chosen = throughline::store::resolve(&merged.program, conflict, Choice::Theirs).unwrap();
    assert_eq!(owner_of(&chosen, "PAY-101").as_deref(), Some("Ana"));
    assert_eq!(b.save(&store, &chosen).saved, Ok(Some(4)));
}

#[test]
fn another_tabs_save_keeps_what_this_tab_has_not_saved_yet() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let base = example_program();
    stored(&store, "p-1", &base);
    let loaded = store.load("p-1").unwrap();
    let (mut a, mut b) = (Session::opened(&loaded, "a"), Session::opened(&loaded, "b"));
    let mut theirs = base.clone();
    theirs.name = "Renamed in A".into();
    a.save(&store, &theirs);

    let mut typing = base.clone();
    set_owner(&mut typing, "WEB-301", "Wen");
    let merged = b.other_tab_saved(&store, &typing).merge.expect("merged");
    assert_eq!(merged.program.name, "Renamed in A");
    assert_eq!(owner_of(&merged.program, "WEB-301").as_deref(), Some("Wen"));
    assert!(
        b.has_unsaved(&merged.program),
        "B's own edit is still to be saved"
    );
    assert_eq!(b.save(&store, &merged.program).saved, Ok(Some(3)));
    assert!(!b.has_unsaved(&merged.program));
}

#[test]
fn two_tabs_writing_the_same_revision_number_are_still_merged() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let base = example_program();
    stored(&store, "p-1", &base);
    let loaded = store.load("p-1").unwrap();
    let mut b = Session::opened(&loaded, "b");
    let mut mine_b = base.clone();
    set_owner(&mut mine_b, "PAY-101", "Bo");
    assert_eq!(b.save(&store, &mine_b).saved, Ok(Some(2)));
    // Tab A read revision 1 just before B wrote, and now writes its own revision 2.
    let mut mine_a = base.clone();
    mine_a.name = "A's name".into();
    storage.plant(
        "throughline/program/p-1",
        &throughline::store::write_envelope(&mine_a, 2, "a").unwrap(),
    );
    let merged = b
        .other_tab_saved(&store, &mine_b)
        .merge
        .expect("not taken for B's own");
    assert_eq!(merged.program.name, "A's name");
    assert_eq!(owner_of(&merged.program, "PAY-101").as_deref(), Some("Bo"));
    assert_eq!(b.save(&store, &merged.program).saved, Ok(Some(3)));
}

#[test]
fn a_storage_event_for_this_tabs_own_revision_changes_nothing() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = stored(&store, "p-1", &program);
    let sync = session.other_tab_saved(&store, &program);
    assert_eq!(sync.merge, None);
    assert!(!session.concerns("throughline/program/p-2"));
    assert!(!session.concerns("throughline/index"));
}

#[test]
fn a_program_deleted_in_another_tab_is_stored_again_only_with_unsaved_edits() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = stored(&store, "p-1", &program);
    store.remove("p-1").unwrap();
    assert!(session.other_tab_saved(&store, &program).gone);
    assert_eq!(session.save(&store, &program).saved, Ok(None));
    assert!(store.load("p-1").is_err());
    let mut edited = program.clone();
    edited.name = "Still working on it".into();
    assert_eq!(session.save(&store, &edited).saved, Ok(Some(2)));
    assert_eq!(store.load("p-1").unwrap().program, edited);
}

// ---- Data that cannot be read ----

#[test]
fn a_damaged_program_is_kept_aside_exactly_and_listed() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    stored(&store, "good", &example_program());
    storage.plant(
        "throughline/program/bad",
        "{\"v\":1,\"rev\":3,\"program\":{\"name\":",
    );
    let opened = store.open();
    assert_eq!(opened.unreadable.len(), 1);
    let kept = &opened.unreadable[0];
    assert_eq!(kept.key, "throughline/quarantine/program-bad");
    assert!(
        kept.message.contains("could not be read"),
        "{}",
        kept.message
    );
    assert_eq!(
        store.raw(&kept.key).as_deref(),
        Some("{\"v\":1,\"rev\":3,\"program\":{\"name\":")
    );
    assert_eq!(storage.get("throughline/program/bad"), Ok(None));
    let ids: Vec<&str> = opened
        .index
        .programs
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["good"]);

    // Listed again on the next start, until discarded.
    let again = store.open();
    assert_eq!(again.unreadable.len(), 1);
    assert!(again.unreadable[0].message.contains("kept aside earlier"));
    store.discard(&kept.key).unwrap();
    assert!(store.open().unreadable.is_empty());
}

#[test]
fn a_damaged_program_with_no_room_to_copy_stays_where_it_is() {
    let storage = MemoryStorage::with_quota(200);
    storage.plant("throughline/program/bad", &"x".repeat(150));
    let store = Store::new(&storage);
    let opened = store.open();
    assert_eq!(opened.unreadable[0].key, "throughline/program/bad");
    assert_eq!(
        storage
            .get("throughline/program/bad")
            .unwrap()
            .unwrap()
            .len(),
        150
    );
    assert_eq!(
        store.save("bad", &example_program(), 0, "tab", true),
        Err(SaveError::Unreadable)
    );
}

#[test]
fn unreadable_text_written_by_another_tab_is_kept_aside_before_this_tab_saves() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = stored(&store, "p-1", &program);
    storage.plant("throughline/program/p-1", "not json");
    let mut edited = program.clone();
    edited.name = "Mine".into();
    let sync = session.save(&store, &edited);
    assert_eq!(sync.kept_aside.len(), 1);
    assert_eq!(
        store.raw(&sync.kept_aside[0].key).as_deref(),
        Some("not json")
    );
    assert!(sync.saved.is_ok());
    assert_eq!(store.load("p-1").unwrap().program, edited);
}

// ---- The index ----

#[test]
fn a_missing_index_is_rebuilt_from_the_stored_programs() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let mut other = example_program();
    other.name = "Second".into();
    stored(&store, "p-1", &example_program());
    stored(&store, "p-2", &other);
    storage.remove("throughline/index").unwrap();
    let opened = store.open();
    let names: Vec<&str> = opened
        .index
        .programs
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, [example_program().name.as_str(), "Second"]);
    assert_eq!(opened.current.map(|c| c.id), Some("p-1".to_string()));
    assert!(
        storage.get("throughline/index").unwrap().is_some(),
        "written back"
    );
}

#[test]
fn a_damaged_index_is_kept_aside_and_rebuilt() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    stored(&store, "p-1", &example_program());
    storage.plant("throughline/index", "[oops");
    let opened = store.open();
    assert_eq!(opened.index.programs.len(), 1);
    assert_eq!(opened.unreadable[0].key, "throughline/quarantine/index");
    assert_eq!(
        store.raw("throughline/quarantine/index").as_deref(),
        Some("[oops")
    );
}

#[test]
fn the_index_drops_programs_no_longer_stored_and_renames_from_the_programs() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    stored(&store, "p-1", &example_program());
    let stale = Index {
        current: Some("gone".into()),
        programs: vec![
            IndexEntry {
                id: "gone".into(),
                name: "Gone".into(),
            },
            IndexEntry {
                id: "p-1".into(),
                name: "Old name".into(),
            },
        ],
    };
    store.save_index(&stale).unwrap();
    let opened = store.open();
    assert_eq!(opened.index.programs.len(), 1);
    assert_eq!(opened.index.programs[0].name, example_program().name);
    assert_eq!(opened.index.current.as_deref(), Some("p-1"));
}

#[test]
fn saving_lists_the_program_as_current_and_writes_the_index_only_when_it_changes() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = Session::unsaved("p-1", "tab");
    let first = session.save(&store, &program);
    assert_eq!(
        first.index.map(|i| i.current),
        Some(Some("p-1".to_string()))
    );
    let mut edited = program.clone();
    edited.target = edited.target.succ_opt().unwrap();
    assert_eq!(session.save(&store, &edited).index, None);
    edited.name = "New name".into();
    let renamed = session.save(&store, &edited).index.expect("renamed");
    assert_eq!(renamed.programs[0].name, "New name");
}

// ---- Full storage ----

#[test]
fn a_save_into_full_storage_keeps_the_program_and_retries_once_space_is_freed() {
    let program = example_program();
    let size = {
        let scratch = MemoryStorage::new();
        stored(&Store::new(&scratch), "p-1", &program);
        scratch.used()
    };
    let mut storage = MemoryStorage::with_quota(size + 2_000);
    storage.plant("other-app/blob", &"z".repeat(2_500));
    let mut session = Session::unsaved("p-1", "tab");
    {
        let store = Store::new(&storage);
        let sync = session.save(&store, &program);
        assert_eq!(sync.saved, Err(SaveError::Quota));
        assert_eq!(session.failing(), Some(&SaveError::Quota));
        assert!(session.has_unsaved(&program), "leaving the page must ask");
    }
    storage.remove("other-app/blob").unwrap();
    storage.set_quota(Some(size + 2_000));
    let store = Store::new(&storage);
    let sync = session.save(&store, &program);
    assert_eq!(sync.saved, Ok(Some(1)));
    assert_eq!(session.failing(), None);
    assert!(!session.has_unsaved(&program));
}

#[test]
fn exporting_makes_leaving_safe_until_the_next_edit() {
    let storage = MemoryStorage::with_quota(10);
    let store = Store::new(&storage);
    let program = example_program();
    let mut session = Session::unsaved("p-1", "tab");
    assert_eq!(session.save(&store, &program).saved, Err(SaveError::Quota));
    session.mark_exported(&program);
    assert!(!session.has_unsaved(&program));
    let mut edited = program.clone();
    edited.name = "Edited after the export".into();
    assert!(session.has_unsaved(&edited));
}

#[test]
fn a_merge_survives_a_full_storage_and_is_written_on_retry() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let base = example_program();
    stored(&store, "p-1", &base);
    let loaded = store.load("p-1").unwrap();
    let (mut a, mut b) = (Session::opened(&loaded, "a"), Session::opened(&loaded, "b"));
    let mut theirs = base.clone();
    theirs.name = "A's name".into();
    a.save(&store, &theirs);

    let mut full = MemoryStorage::with_quota(storage.used());
    for key in storage.keys("") {
        full.plant(&key, &storage.get(&key).unwrap().unwrap());
    }
    let full_store = Store::new(&full);
    let mut mine = base.clone();
    set_owner(
        &mut mine,
        "PAY-101",
        "Bo, whose name takes more room than any before",
    );
    let sync = b.save(&full_store, &mine);
    let merged = sync.merge.expect("merged in memory");
    assert_eq!(sync.saved, Err(SaveError::Quota));
    assert!(b.has_unsaved(&merged.program));
    full.set_quota(None);
    let retry = b.save(&Store::new(&full), &merged.program);
    assert_eq!(retry.merge, None, "already merged");
    assert_eq!(retry.saved, Ok(Some(3)));
}

#[test]
fn changes_that_cannot_be_combined_keep_the_other_tabs_version_aside() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let base = example_program();
    stored(&store, "p-1", &base);
    let loaded = store.load("p-1").unwrap();
    let (mut a, mut b) = (Session::opened(&loaded, "a"), Session::opened(&loaded, "b"));
    let mut theirs = base.clone();
    theirs.target = base.start.succ_opt().unwrap();
    a.save(&store, &theirs);
    let mut mine = base.clone();
    mine.start = theirs.target.succ_opt().unwrap();
    let sync = b.save(&store, &mine);
    let merged = sync.merge.expect("tried");
    assert!(merged.fallback.is_some());
    assert_eq!(merged.program, mine);
    assert_eq!(sync.kept_aside.len(), 1);
    let kept = store.raw(&sync.kept_aside[0].key).unwrap();
    assert!(kept.contains(&format!("\"target\":\"{}\"", theirs.target)));
    assert_eq!(store.load("p-1").unwrap().program, mine);
}

#[test]
fn storage_says_how_full_it_is_from_four_fifths_on() {
    use throughline::store::{headroom_warning, QUOTA};
    assert_eq!(headroom_warning(0, QUOTA), None);
    assert_eq!(headroom_warning(QUOTA * 79 / 100, QUOTA), None);
    let warning = headroom_warning(4_400_000, QUOTA).expect("84 % is worth saying");
    assert!(
        warning.starts_with("Storage is 83% full (4.4 of 5.2 million characters)."),
        "{warning}"
    );
    assert!(warning.contains("Export the program"), "{warning}");
    // Past the quota (another site's data, a browser that counts differently): never more
    // than 100 %, and no panic on a zero quota.
    assert!(headroom_warning(QUOTA * 2, QUOTA)
        .unwrap()
        .contains("100% full"));
    assert!(headroom_warning(1, 0).is_some());
}

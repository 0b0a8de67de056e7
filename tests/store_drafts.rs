//! Drafts of text typed but not committed, per program and field, across reloads; and the
//! reporter's name kept in this browser, never in the program (docs/format.md#storage):
//! typing not yet committed survives a reload, and every update says who reported it.

use throughline::model::{example_program, Program};
use throughline::store::{
    DraftError, MemoryStorage, Session, StorageError, Store, MAX_DRAFTS, MAX_DRAFT_CHARS,
};

fn stored(store: &Store<&MemoryStorage>, id: &str, program: &Program) {
    let mut session = Session::unsaved(id, "tab-0");
    assert_eq!(session.save(store, program).saved, Ok(Some(1)));
}

#[test]
fn a_draft_survives_a_reload_and_is_listed_per_program() {
    let storage = MemoryStorage::new();
    let program = example_program();
    let title = format!("items/{}/title", program.item("PAY-101").unwrap().uid);
    {
        let store = Store::new(&storage);
        stored(&store, "p-1", &program);
        stored(&store, "p-2", &program);
        store.keep_draft("p-1", &title, "Half a tho").unwrap();
        store.keep_draft("p-2", "name", "Other").unwrap();
    }
    let store = Store::new(&storage);
    store.open();
    let drafts = store.drafts("p-1", &program);
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        (drafts[0].field.as_str(), drafts[0].text.as_str()),
        (title.as_str(), "Half a tho")
    );
    assert_eq!(store.draft("p-2", "name").as_deref(), Some("Other"));
    store.clear_draft("p-1", &title);
    assert!(store.drafts("p-1", &program).is_empty());
}

/// Drafts typed before the page keyed work items and dependencies by uid were kept under
/// the entity's id: they move to the uid key the field reads now, so the words come back
/// in their field; teams, risks and decisions stay keyed by id.
#[test]
fn a_draft_kept_under_an_items_id_moves_to_its_uid() {
    let storage = MemoryStorage::new();
    let program = example_program();
    let store = Store::new(&storage);
    stored(&store, "p-1", &program);
    let uid = program.item("PAY-101").unwrap().uid.clone();
    let dep_uid = program.dependency("VEND-1").unwrap().uid.clone();
    store
        .keep_draft("p-1", "items/PAY-101/title", "Half a tho")
        .unwrap();
    store
        .keep_draft(
            "p-1",
            "dependencies/VEND-1/status/2026-11-20/note",
            "Acme called",
        )
        .unwrap();
    store.keep_draft("p-1", "risks/R-1/owner", "Kim").unwrap();
    let mut fields: Vec<String> = store
        .drafts("p-1", &program)
        .into_iter()
        .map(|d| d.field)
        .collect();
    fields.sort();
    let mut expected = vec![
        format!("dependencies/{dep_uid}/status/2026-11-20/note"),
        format!("items/{uid}/title"),
        "risks/R-1/owner".to_string(),
    ];
    expected.sort();
    assert_eq!(fields, expected);
    assert_eq!(
        store.draft("p-1", &format!("items/{uid}/title")).as_deref(),
        Some("Half a tho")
    );
    assert_eq!(store.draft("p-1", "items/PAY-101/title"), None);
    // A draft already under the uid is never overwritten: the old one stays where it was.
    store
        .keep_draft("p-1", "items/PAY-101/title", "Older words")
        .unwrap();
    assert_eq!(store.drafts("p-1", &program).len(), 4);
    assert_eq!(
        store.draft("p-1", &format!("items/{uid}/title")).as_deref(),
        Some("Half a tho")
    );
}

#[test]
fn a_draft_whose_words_are_now_committed_is_dropped() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let mut program = example_program();
    let field =
        throughline::store::field_key(&["dependencies", "VEND-1", "status", "2026-11-20", "note"]);
    store
        .keep_draft("p-1", &field, "Confirmed in writing")
        .unwrap();
    store.keep_draft("p-1", "items/PAY-101/days", "12").unwrap();
    assert_eq!(store.drafts("p-1", &program).len(), 2);
    let update = program.dependencies[0].status.last_mut().unwrap();
    update.note = Some("Confirmed in writing".into());
    program
        .items
        .iter_mut()
        .find(|i| i.id == "PAY-101")
        .unwrap()
        .days = 12;
    assert!(store.drafts("p-1", &program).is_empty());
    assert_eq!(store.draft("p-1", &field), None, "removed from storage too");
}

#[test]
fn drafts_are_bounded_in_size_and_number() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    let long = "w".repeat(MAX_DRAFT_CHARS + 1);
    assert_eq!(
        store.keep_draft("p-1", "name", &long),
        Err(DraftError::TooLong {
            limit: MAX_DRAFT_CHARS
        })
    );
    for n in 0..MAX_DRAFTS {
        store
            .keep_draft("p-1", &format!("items/I{n}/title"), "t")
            .unwrap();
    }
    assert_eq!(
        store.keep_draft("p-1", "name", "one more"),
        Err(DraftError::TooMany { limit: MAX_DRAFTS })
    );
    store
        .keep_draft("p-1", "items/I0/title", "replacing is fine")
        .unwrap();
}

#[test]
fn drafts_of_programs_no_longer_stored_are_swept_at_start() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    stored(&store, "p-1", &example_program());
    store.keep_draft("p-1", "name", "kept").unwrap();
    store.keep_draft("gone", "name", "orphan").unwrap();
    store.open();
    assert_eq!(store.draft("p-1", "name").as_deref(), Some("kept"));
    assert_eq!(store.draft("gone", "name"), None);
}

#[test]
fn the_reporters_name_is_kept_in_this_browser() {
    let storage = MemoryStorage::new();
    let store = Store::new(&storage);
    assert_eq!(store.reporter(), None);
    store.set_reporter("  Sam Lee ").unwrap();
    assert_eq!(Store::new(&storage).reporter().as_deref(), Some("Sam Lee"));
    store.set_reporter("").unwrap();
    assert_eq!(store.reporter(), None);
}

#[test]
fn a_draft_into_full_storage_says_so() {
    let storage = MemoryStorage::with_quota(60);
    let store = Store::new(&storage);
    assert_eq!(
        store.keep_draft("p-1", "name", &"d".repeat(100)),
        Err(DraftError::Storage(StorageError::Quota))
    );
}

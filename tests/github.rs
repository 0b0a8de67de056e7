//! A program kept in a GitHub repository, from the outside: where the file is and the link
//! to it, the contents API's answers read (found, missing, written, someone else wrote,
//! every failure in words that say what to do), the commit message naming what changed,
//! the token kept apart from everything else, and two machines' edits merged through the
//! version last synced.

use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{json, Value};

use throughline::io::github::{
    base64_decode, base64_encode, default_path, headers, read_blob, read_file, read_write,
    repository_exists, write_body, Fetched, GitHubError, Repo, Written, DEFAULT_API,
};
use throughline::io::pull::Reply;
use throughline::model::{example_program, read_program, write_program, Colour, StatusUpdate};
use throughline::store::{
    commit_message, merge, Connection, FileLink, MemoryStorage, Storage, Store,
};

const TOKEN: &str = "github_pat_11ABCDEFG0123456789_SECRET";

fn repo() -> Repo {
    Repo::parse("", "acme/programs", "programs/checkout.json").unwrap()
}

fn file_reply(text: &str, sha: &str) -> Reply {
    // GitHub wraps base64 content at 60 characters.
    let encoded = base64_encode(text.as_bytes());
    let wrapped: Vec<String> = encoded
        .as_bytes()
        .chunks(60)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    Reply::new(
        200,
        json!({"type": "file", "encoding": "base64", "sha": sha, "path": "programs/checkout.json",
               "content": wrapped.join("\n") + "\n"})
        .to_string(),
    )
}

// ---------------------------------------------------------------------------------------
// Where the file is

#[test]
fn a_repository_is_typed_as_owner_and_name_or_pasted_as_its_address() {
    let typed = repo();
    assert_eq!(typed.api, DEFAULT_API);
    assert_eq!(typed.repository(), "acme/programs");
    assert_eq!(
        typed.file_url(),
        "https://api.github.com/repos/acme/programs/contents/programs/checkout.json"
    );
    assert_eq!(
        typed.repository_url(),
        "https://api.github.com/repos/acme/programs"
    );
    let pasted = Repo::parse(
        "https://ghe.acme.com/api/v3/",
        " https://github.com/acme/programs.git ",
        "/programs/checkout.json",
    )
    .unwrap();
    assert_eq!(pasted.api, "https://ghe.acme.com/api/v3");
    assert_eq!(pasted.repository(), "acme/programs");
    assert_eq!(pasted.path, "programs/checkout.json");
}

#[test]
fn a_path_with_spaces_is_encoded_in_the_address() {
    let repo = Repo::parse("", "acme/programs", "Q1 plans/checkout v2.json").unwrap();
    assert!(repo
        .file_url()
        .ends_with("/contents/Q1%20plans/checkout%20v2.json"));
}

#[test]
fn what_cannot_be_a_repository_or_a_file_says_what_to_correct() {
    for (api, repository, path, says) in [
        ("", "acme", "p.json", "owner/name"),
        ("", "acme/pro grams", "p.json", "owner/name"),
        ("", "acme/programs", "", "path"),
        ("", "acme/programs", "programs/../secrets.json", "path"),
        ("", "acme/programs", "programs/checkout.csv", ".json"),
        ("ftp://ghe", "acme/programs", "p.json", "https://"),
    ] {
        let err = Repo::parse(api, repository, path).unwrap_err();
        assert!(err.contains(says), "{repository} {path}: {err}");
    }
}

#[test]
fn the_default_path_is_made_from_the_program_name() {
    assert_eq!(default_path("Checkout v2"), "programs/checkout-v2.json");
}

#[test]
fn a_link_names_the_file_and_the_api_only_when_it_is_not_githubs() {
    let repo = repo();
    assert_eq!(repo.link(), "gh=acme/programs/programs/checkout.json");
    assert_eq!(
        Repo::from_link(&format!("#{}", repo.link())),
        Some(Ok(repo))
    );
    let stand_in =
        Repo::parse("http://127.0.0.1:4020", "acme/programs", "programs/x.json").unwrap();
    assert_eq!(Repo::from_link(&stand_in.link()), Some(Ok(stand_in)));
    assert_eq!(Repo::from_link("#data=abc"), None);
    assert!(Repo::from_link("#gh=acme").unwrap().is_err());
}

// ---------------------------------------------------------------------------------------
// Requests and answers

#[test]
fn the_token_is_sent_as_a_bearer_header_and_nowhere_else() {
    let with = headers(Some(TOKEN));
    assert!(with
        .iter()
        .any(|(name, value)| *name == "Authorization" && *value == format!("Bearer {TOKEN}")));
    assert!(!headers(None)
        .iter()
        .any(|(name, _)| *name == "Authorization"));
    let body = write_body("{}", "PAY-1: owner", Some("abc"));
    assert!(!body.contains(TOKEN));
    assert!(!repo().link().contains(TOKEN) && !repo().file_url().contains(TOKEN));
}

#[test]
fn a_write_carries_the_text_the_message_and_the_sha_it_replaces() {
    let body: Value =
        serde_json::from_str(&write_body("{\"a\":1}", "PAY-1: owner", Some("abc"))).unwrap();
    assert_eq!(body["message"], "PAY-1: owner");
    assert_eq!(body["sha"], "abc");
    let content = base64_decode(body["content"].as_str().unwrap()).unwrap();
    assert_eq!(content, b"{\"a\":1}");
    let new: Value = serde_json::from_str(&write_body("{}", "m", None)).unwrap();
    assert!(new.get("sha").is_none());
}

#[test]
fn a_file_is_read_with_its_sha_and_a_missing_one_is_missing() {
    let text = write_program(&example_program());
    assert_eq!(
        read_file(&file_reply(&text, "sha-1")),
        Ok(Fetched::File {
            sha: "sha-1".into(),
            text
        })
    );
    assert_eq!(read_file(&Reply::new(404, "{}")), Ok(Fetched::Missing));
    assert_eq!(repository_exists(&Reply::new(200, "{}")), Ok(true));
    assert_eq!(repository_exists(&Reply::new(404, "{}")), Ok(false));
}

#[test]
fn a_folder_is_said_so_and_a_file_over_1_mb_is_read_as_a_blob() {
    let folder = Reply::new(200, "[]");
    assert!(matches!(read_file(&folder), Err(GitHubError::Unexpected(w)) if w.contains("folder")));
    let large = Reply::new(
        200,
        json!({"type": "file", "sha": "abc123", "encoding": "none", "content": ""}).to_string(),
    );
    assert_eq!(
        read_file(&large),
        Ok(Fetched::Large {
            sha: "abc123".into()
        })
    );
    assert_eq!(
        repo().blob_url("abc123"),
        "https://api.github.com/repos/acme/programs/git/blobs/abc123"
    );
    let text = write_program(&example_program());
    let blob = Reply::new(
        200,
        json!({"sha": "abc123", "encoding": "base64", "content": base64_encode(text.as_bytes())})
            .to_string(),
    );
    assert_eq!(read_blob(&blob), Ok(text));
    assert_eq!(
        read_blob(&Reply::new(401, "{}")),
        Err(GitHubError::WrongToken)
    );
}

#[test]
fn a_write_is_committed_or_stale_when_someone_else_wrote_first() {
    let committed = Reply::new(
        200,
        json!({"content": {"sha": "sha-2"}, "commit": {}}).to_string(),
    );
    assert_eq!(
        read_write(&committed),
        Ok(Written::Committed {
            sha: "sha-2".into()
        })
    );
    assert_eq!(read_write(&Reply::new(409, "{}")), Ok(Written::Stale));
    assert_eq!(read_write(&Reply::new(422, "{}")), Ok(Written::Stale));
    assert_eq!(
        read_write(&Reply::new(404, "{}")),
        Err(GitHubError::NoAccess)
    );
}

#[test]
fn every_failure_says_what_to_do_and_that_nothing_is_lost() {
    let reset = Utc.with_ymd_and_hms(2026, 12, 7, 10, 42, 0).unwrap();
    let limited = Reply::new(403, "{}")
        .with_header("x-ratelimit-remaining", "0")
        .with_header("x-ratelimit-reset", &reset.timestamp().to_string());
    let cases = [
        (read_file(&Reply::failed()), "could not be reached"),
        (
            read_file(&Reply::new(401, "{}")),
            "paste a new fine-grained token",
        ),
        (read_file(&Reply::new(403, "{}")), "Contents read and write"),
        (read_file(&limited), "until 10:42"),
        (read_file(&Reply::new(429, "{}")), "rate limit"),
        (read_file(&Reply::new(502, "{}")), "HTTP 502"),
    ];
    for (result, says) in cases {
        let err = result.unwrap_err();
        let message = err.message(&repo(), |at| at.format("%H:%M").to_string());
        assert!(message.contains(says), "{message}");
        assert!(message.contains("kept in this browser"), "{message}");
        assert!(!message.contains(TOKEN));
    }
    assert!(GitHubError::Offline.retries());
    assert!(!GitHubError::WrongToken.retries());
}

// ---------------------------------------------------------------------------------------
// The commit message

fn with_status(colour: Colour, note: &str) -> throughline::model::Program {
    let mut program = example_program();
    let item = &mut program.items[0];
    item.status.push(StatusUpdate {
        date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        colour,
        note: Some(note.to_string()),
        by: None,
        remaining: None,
    });
    program
}

#[test]
fn the_commit_message_names_the_item_and_what_changed() {
    let base = example_program();
    let id = base.items[0].id.clone();
    let current = with_status(
        Colour::Yellow,
        "Vendor sandbox is down until Thursday; we test against mocks meanwhile.",
    );
    assert_eq!(
        commit_message(Some(&base), &current),
        format!("{id}: colour Yellow, note")
    );
    let mut owner = base.clone();
    owner.items[1].owner = Some("Kim Ito".into());
    let second = owner.items[1].id.clone();
    assert_eq!(
        commit_message(Some(&base), &owner),
        format!("{second}: owner Kim Ito")
    );
}

#[test]
fn additions_deletions_and_many_changes_keep_a_short_first_line() {
    let base = example_program();
    let mut current = base.clone();
    let gone = current.items.remove(0).id.clone();
    for item in current.items.iter_mut().take(6) {
        item.owner = Some("Someone New".into());
    }
    let message = commit_message(Some(&base), &current);
    let first = message.lines().next().unwrap();
    assert!(first.chars().count() <= 80, "{first}");
    assert!(message.contains(&format!("{gone}: deleted")), "{message}");
    assert!(message.lines().count() >= 7, "{message}");
    assert_eq!(commit_message(Some(&base), &base), "Throughline: no change");
}

// ---------------------------------------------------------------------------------------
// Storage

#[test]
fn the_token_lives_in_its_own_entry_and_a_connection_never_holds_it() {
    let store = Store::new(MemoryStorage::default());
    store.set_github_token(&format!("  {TOKEN} ")).unwrap();
    assert_eq!(store.github_token().as_deref(), Some(TOKEN));
    let mut connection = Connection::new(repo());
    let program = example_program();
    connection.synced(
        "sha-1".into(),
        &program,
        Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap(),
    );
    store.set_github_connection("p-1", &connection).unwrap();
    assert_eq!(store.github_connection("p-1"), Some(connection.clone()));
    assert_eq!(connection.synced.program(), Some(program.clone()));
    assert!(connection.synced.is(&write_program(&program)));
    let holding: Vec<String> = store
        .storage()
        .keys("")
        .into_iter()
        .filter(|key| {
            store
                .storage()
                .get(key)
                .ok()
                .flatten()
                .unwrap_or_default()
                .contains(TOKEN)
        })
        .collect();
    assert_eq!(holding, vec!["throughline/secret/github-token".to_string()]);
    store.forget_github_token().unwrap();
    assert_eq!(store.github_token(), None);
    store.forget_github_connection("p-1").unwrap();
    assert_eq!(store.github_connection("p-1"), None);
}

#[test]
fn two_machines_editing_different_fields_both_end_up_in_the_file() {
    // Both synced one version; each edits offline; the second to push reads the first's
    // and merges against the version both last synced.
    let synced = example_program();
    let mut connection = Connection::new(repo());
    connection.synced(
        "sha-1".into(),
        &synced,
        Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap(),
    );
    let mut laptop = synced.clone();
    laptop.items[0].owner = Some("Kim Ito".into());
    let mut desktop = synced.clone();
    desktop.items[1].title = "Payment webhooks, retried".into();
    let pushed_by_desktop = read_program(&write_program(&desktop)).unwrap().program;
    let merged = merge(
        &connection.synced.program().unwrap(),
        &laptop,
        &pushed_by_desktop,
    );
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.program.items[0].owner.as_deref(), Some("Kim Ito"));
    assert_eq!(merged.program.items[1].title, "Payment webhooks, retried");
}

#[test]
fn a_file_link_keeps_the_version_last_written_packed_as_the_base_of_its_merge() {
    let store = Store::new(MemoryStorage::default());
    let mut link = FileLink::new("payments-platform-launch.json");
    assert!(link.synced.is_empty());
    assert_eq!(link.synced.program(), None);
    let program = example_program();
    let text = write_program(&program);
    let at = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
    link.synced.record(&text, at);
    store.set_file_link("p-1", &link).unwrap();
    let read = store.file_link("p-1").unwrap();
    assert_eq!(read, link);
    assert_eq!(read.synced.program(), Some(program.clone()));
    assert_eq!(read.synced.at(), Some(at));
    assert!(read.synced.is(&text));
    assert!(!read.synced.is(&text.replace("Payments", "Paiements")));
    // Kept packed: a small fraction of the program file's characters.
    let stored = store
        .storage()
        .get("throughline/pull/p-1/file")
        .unwrap()
        .unwrap();
    assert!(
        stored.chars().count() * 3 < text.chars().count(),
        "{} stored for a {}-character file",
        stored.chars().count(),
        text.chars().count()
    );
    store.forget_file_link("p-1").unwrap();
    assert_eq!(store.file_link("p-1"), None);
}

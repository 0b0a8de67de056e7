//! Where each thing lives in storage: one key per program, the switcher's index, data kept
//! aside, drafts, the reporter's name, the Linear API key (an entry of its own) and each
//! program's pull choices, all under `throughline/` so that other apps on the same site are
//! never touched. Pure: names only, no storage.

pub(crate) const INDEX_KEY: &str = "throughline/index";
pub(crate) const PROGRAM_PREFIX: &str = "throughline/program/";
pub(crate) const QUARANTINE_PREFIX: &str = "throughline/quarantine/";
pub(crate) const DRAFT_PREFIX: &str = "throughline/draft/";
pub(crate) const REPORTER_KEY: &str = "throughline/reporter";
/// The only entry that ever holds the Linear API key.
pub(crate) const LINEAR_KEY_ENTRY: &str = "throughline/secret/linear-key";
/// The only entry that ever holds the GitHub token.
pub(crate) const GITHUB_TOKEN_ENTRY: &str = "throughline/secret/github-token";
/// Per program: pull choices, and its GitHub connection (`<id>/github`).
pub(crate) const PULL_PREFIX: &str = "throughline/pull/";
/// The parts a program is stored in (`store/parts.rs`), under the program's id.
pub(crate) const PART_PREFIX: &str = "throughline/part/";

/// When a copy of a program last left the browser (`store/backup.rs`).
pub(crate) const COPIES_PREFIX: &str = "throughline/copies/";

/// The key of a program's record of copies outside the browser.
pub fn copies_key(program_id: &str) -> String {
    format!("{COPIES_PREFIX}{}", escape(program_id))
}

/// The key a program is stored under.
pub(crate) fn program_key(id: &str) -> String {
    format!("{PROGRAM_PREFIX}{id}")
}

/// The program id a storage key belongs to (for the other-tab listener): `None` for the
/// index, drafts, data kept aside and anything that is not Throughline's.
pub fn program_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(PROGRAM_PREFIX)
}

/// The key of one stored part of a program.
pub(crate) fn part_key(program_id: &str, hash: &str) -> String {
    format!("{PART_PREFIX}{}/{hash}", escape(program_id))
}

/// The prefix of every part of one program.
pub(crate) fn parts_prefix(program_id: &str) -> String {
    format!("{PART_PREFIX}{}/", escape(program_id))
}

/// The program id and part hash of a part key.
pub(crate) fn part_of_key(key: &str) -> Option<(String, &str)> {
    let rest = key.strip_prefix(PART_PREFIX)?;
    let (id, hash) = rest.rsplit_once('/')?;
    Some((unescape(id), hash))
}

/// The prefix of every draft of one program.
pub(crate) fn drafts_prefix(program_id: &str) -> String {
    format!("{DRAFT_PREFIX}{}/", escape(program_id))
}

/// Where a program's choices for pulling from `tracker` (`linear`, `jira`) are kept.
pub(crate) fn pull_key(program_id: &str, tracker: &str) -> String {
    format!("{PULL_PREFIX}{}/{tracker}", escape(program_id))
}

/// The program id of a pull-choice key.
pub(crate) fn pull_program_of_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix(PULL_PREFIX)?;
    let (id, _) = rest.split_once('/')?;
    Some(unescape(id))
}

/// The program id of a draft key.
pub(crate) fn draft_program_of_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix(DRAFT_PREFIX)?;
    let (id, _) = rest.split_once('/')?;
    Some(unescape(id))
}

/// A field key (see [`field_key`]) joined from its segments, each escaped so that an id
/// containing `/` cannot be taken for two segments.
pub fn field_key<S: AsRef<str>>(segments: &[S]) -> String {
    segments
        .iter()
        .map(|segment| escape(segment.as_ref()))
        .collect::<Vec<_>>()
        .join("/")
}

/// The segments of a field key (the inverse of [`field_key`]).
pub fn field_key_segments(key: &str) -> Vec<String> {
    if key.is_empty() {
        return Vec::new();
    }
    key.split('/').map(unescape).collect()
}

fn escape(segment: &str) -> String {
    segment.replace('%', "%25").replace('/', "%2F")
}

fn unescape(segment: &str) -> String {
    segment.replace("%2F", "/").replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_keys_keep_slashes_inside_ids() {
        let key = field_key(&["items", "A/B%2F", "title"]);
        assert_eq!(key, "items/A%2FB%252F/title");
        assert_eq!(field_key_segments(&key), vec!["items", "A/B%2F", "title"]);
    }

    #[test]
    fn only_program_keys_name_a_program() {
        assert_eq!(program_id_of_key("throughline/program/p-1"), Some("p-1"));
        assert_eq!(program_id_of_key("throughline/index"), None);
        assert_eq!(program_id_of_key("throughline/draft/p-1/name"), None);
    }
}

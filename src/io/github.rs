//! A program kept in a GitHub repository through the REST contents API, as plain data: where
//! the file is (`Repo`), the requests to read and write it, and what each answer means
//! (`read_file`, `read_write`), with every failure worded as what to do. Pure: no browser, no
//! clock; the shell sends the requests (`ui/github.rs`). The token is an argument of
//! [`headers`] only, and is never part of a message, a URL or a link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::pull::Reply;

/// GitHub's own API; GitHub Enterprise (and a stand-in) is another base.
pub const DEFAULT_API: &str = "https://api.github.com";

/// The response headers the shell hands over: the rate limit's state and reset time.
pub const READ_HEADERS: [&str; 2] = ["x-ratelimit-remaining", "x-ratelimit-reset"];

/// The prefix of a `#gh=owner/repo/path` link.
pub const LINK_PREFIX: &str = "gh=";

/// Where a program file lives: an API base, a repository and a path in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repo {
    /// The API base without a trailing `/`, e.g. `https://api.github.com`.
    pub api: String,
    pub owner: String,
    pub name: String,
    /// The file's path in the repository, without a leading `/`.
    pub path: String,
}

/// The path a program is kept at unless the person chooses another:
/// `programs/<name>.json`.
pub fn default_path(program_name: &str) -> String {
    format!(
        "programs/{}.json",
        crate::model::slug(program_name, "program")
    )
}

fn valid_name(part: &str) -> bool {
    !part.is_empty()
        && part != "."
        && part != ".."
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Repo {
    /// Reads what the person typed: an API base (blank: GitHub's), a repository as
    /// `owner/name` (a pasted `https://github.com/owner/name` is accepted) and a path.
    /// `Err` says what to correct.
    pub fn parse(api: &str, repository: &str, path: &str) -> Result<Repo, String> {
        let api = api.trim().trim_end_matches('/');
        let api = if api.is_empty() { DEFAULT_API } else { api };
        if !(api.starts_with("https://") || api.starts_with("http://")) {
            return Err(format!(
                "The API address must start with https:// (GitHub's is {DEFAULT_API})."
            ));
        }
        let repository = repository.trim().trim_end_matches('/');
        let repository = repository
            .strip_prefix("https://github.com/")
            .unwrap_or(repository);
        let repository = repository.strip_suffix(".git").unwrap_or(repository);
        let (owner, name) = repository.split_once('/').unwrap_or((repository, ""));
        if !valid_name(owner) || !valid_name(name) {
            return Err(
                "Give the repository as owner/name, e.g. acme/programs (letters, digits, - _ .)."
                    .into(),
            );
        }
        let path = path.trim().trim_matches('/');
        if path.is_empty() || !path.split('/').all(valid_path_segment) {
            return Err(
                "Give the file's path in the repository, e.g. programs/checkout.json.".into(),
            );
        }
        if !path.to_ascii_lowercase().ends_with(".json") {
            return Err("The file's path must end in .json, e.g. programs/checkout.json.".into());
        }
        Ok(Repo {
            api: api.to_string(),
            owner: owner.to_string(),
            name: name.to_string(),
            path: path.to_string(),
        })
    }

    /// `owner/name`.
    pub fn repository(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }

    /// `owner/name/path`, as the person reads where the program is.
    pub fn label(&self) -> String {
        format!("{}/{}/{}", self.owner, self.name, self.path)
    }

    /// The contents API address of the file.
    pub fn file_url(&self) -> String {
        let path = self
            .path
            .split('/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/");
        format!(
            "{}/repos/{}/{}/contents/{path}",
            self.api, self.owner, self.name
        )
    }

    /// The address of a file's content by its `sha` (the Git blobs API, up to 100 MB).
    pub fn blob_url(&self, sha: &str) -> String {
        format!(
            "{}/repos/{}/{}/git/blobs/{}",
            self.api,
            self.owner,
            self.name,
            percent_encode(sha)
        )
    }

    /// The repository's API address (to tell a missing file from a missing repository).
    pub fn repository_url(&self) -> String {
        format!("{}/repos/{}/{}", self.api, self.owner, self.name)
    }

    /// The fragment of a link that opens the current version read-only:
    /// `gh=owner/name/path`, with `&api=` when the API is not GitHub's own.
    pub fn link(&self) -> String {
        let mut link = format!("{LINK_PREFIX}{}", self.label());
        if self.api != DEFAULT_API {
            link.push_str("&api=");
            link.push_str(&percent_encode(&self.api));
        }
        link
    }

    /// Reads a `#gh=` link; `None` when the fragment is not one.
    pub fn from_link(fragment: &str) -> Option<Result<Repo, String>> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let rest = fragment.strip_prefix(LINK_PREFIX)?;
        let (place, api) = match rest.split_once("&api=") {
            Some((place, api)) => (place, percent_decode(api)),
            None => (rest, DEFAULT_API.to_string()),
        };
        let place = percent_decode(place);
        let mut parts = place.splitn(3, '/');
        let (owner, name, path) = (
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
            parts.next().unwrap_or(""),
        );
        Some(
            Repo::parse(&api, &format!("{owner}/{name}"), path)
                .map_err(|err| format!("This GitHub link is not complete. {err}")),
        )
    }
}

fn valid_path_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.chars().any(|c| c.is_control() || c == '\\')
}

fn percent_encode(text: &str) -> String {
    super::codec::percent::encode(text.as_bytes())
}

fn percent_decode(text: &str) -> String {
    String::from_utf8_lossy(&super::codec::percent::decode(text)).into_owned()
}

/// The request headers: GitHub's JSON media type and API version, and the token when there
/// is one (a public repository is read without).
pub fn headers(token: Option<&str>) -> Vec<(&'static str, String)> {
    let mut headers = vec![
        ("Accept", "application/vnd.github+json".to_string()),
        ("X-GitHub-Api-Version", "2022-11-28".to_string()),
    ];
    if let Some(token) = token.map(str::trim).filter(|t| !t.is_empty()) {
        headers.push(("Authorization", format!("Bearer {token}")));
    }
    headers
}

/// The body of the write: the file's text, the commit message, and the `sha` of the version
/// it replaces (none when the file is new), so that GitHub refuses it if someone else wrote
/// the file since.
pub fn write_body(text: &str, message: &str, sha: Option<&str>) -> String {
    let mut body = serde_json::json!({
        "message": message,
        "content": base64_encode(text.as_bytes()),
    });
    if let Some(sha) = sha {
        body["sha"] = Value::String(sha.to_string());
    }
    body.to_string()
}

/// What reading the file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fetched {
    /// The file, its text and the `sha` a write must name.
    File { sha: String, text: String },
    /// A file over the contents API's 1 MB: its text is read from [`Repo::blob_url`].
    Large { sha: String },
    /// No file at that path (or a repository this token cannot see: ask
    /// [`repository_exists`] to tell which).
    Missing,
}

/// Why GitHub could not be used; each says what to do, and none loses an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitHubError {
    /// No answer: offline, a wrong API address, or refused by the browser.
    Offline,
    /// 401: the token is wrong, expired or revoked.
    WrongToken,
    /// 403 (not the rate limit), or 404 on a write: the token cannot write this repository.
    NoAccess,
    /// The rate limit is used up until `reset` (when GitHub said).
    RateLimited { reset: Option<DateTime<Utc>> },
    /// The repository is not there, or not visible to this token.
    RepositoryGone,
    /// The file is over the API's 100 MB limit.
    TooLarge,
    /// A path that is a folder, or an answer that is not the contents API's.
    Unexpected(String),
    /// GitHub failed (5xx).
    Server(u16),
}

impl GitHubError {
    /// What to tell the person, with what to do; `time` words a moment ("10:42").
    pub fn message(&self, repo: &Repo, time: impl Fn(DateTime<Utc>) -> String) -> String {
        let kept = "Your edits are kept in this browser";
        match self {
            GitHubError::Offline => format!(
                "GitHub could not be reached ({}). {kept} and are sent when it can be; check the connection or the API address.",
                repo.api
            ),
            GitHubError::WrongToken => format!(
                "GitHub refused the token: it is wrong, expired or revoked. {kept}; paste a new fine-grained token with Contents read and write on {}.",
                repo.repository()
            ),
            GitHubError::NoAccess => format!(
                "This token cannot write {}. {kept}; give the token Contents read and write on that repository, or use another.",
                repo.repository()
            ),
            GitHubError::RateLimited { reset } => match reset {
                Some(reset) => format!(
                    "GitHub's rate limit is used up until {}. {kept} and are sent then.",
                    time(*reset)
                ),
                None => format!("GitHub's rate limit is used up for now. {kept} and are sent later."),
            },
            GitHubError::RepositoryGone => format!(
                "The repository {} is not there, or this token cannot see it. {kept}; check its name, or connect another.",
                repo.repository()
            ),
            GitHubError::TooLarge => format!(
                "{} is over GitHub's 100 MB limit for files read through the API. {kept}; download a backup instead.",
                repo.path
            ),
            GitHubError::Unexpected(what) => format!(
                "GitHub's answer for {} could not be used: {what}. {kept}.",
                repo.label()
            ),
            GitHubError::Server(status) => format!(
                "GitHub failed (HTTP {status}). {kept} and are sent on the next try."
            ),
        }
    }

    /// True when trying again later may work by itself (no answer, a server error, the
    /// rate limit), so the shell retries; otherwise the person must act.
    pub fn retries(&self) -> bool {
        matches!(
            self,
            GitHubError::Offline | GitHubError::Server(_) | GitHubError::RateLimited { .. }
        )
    }
}

/// The failures every answer can carry.
fn failure(reply: &Reply) -> GitHubError {
    let exhausted = reply.header("x-ratelimit-remaining") == Some("0");
    match reply.status {
        0 => GitHubError::Offline,
        401 => GitHubError::WrongToken,
        403 | 429 if exhausted || reply.status == 429 => GitHubError::RateLimited {
            reset: reply
                .header("x-ratelimit-reset")
                .and_then(|s| s.parse::<i64>().ok())
                .and_then(|secs| DateTime::from_timestamp(secs, 0)),
        },
        403 => GitHubError::NoAccess,
        404 => GitHubError::RepositoryGone,
        413 => GitHubError::TooLarge,
        status if status >= 500 => GitHubError::Server(status),
        status => GitHubError::Unexpected(format!("HTTP {status}")),
    }
}

/// Reads the answer to `GET` on [`Repo::file_url`].
pub fn read_file(reply: &Reply) -> Result<Fetched, GitHubError> {
    match reply.status {
        200 => {}
        404 => return Ok(Fetched::Missing),
        _ => return Err(failure(reply)),
    }
    let value: Value = serde_json::from_str(&reply.body)
        .map_err(|_| GitHubError::Unexpected("not JSON".into()))?;
    if value.is_array() || value.get("type").and_then(Value::as_str) == Some("dir") {
        return Err(GitHubError::Unexpected(
            "the path is a folder; give a file's path".into(),
        ));
    }
    let sha = value
        .get("sha")
        .and_then(Value::as_str)
        .ok_or_else(|| GitHubError::Unexpected("no sha".into()))?;
    if value.get("encoding").and_then(Value::as_str) == Some("none") {
        return Ok(Fetched::Large {
            sha: sha.to_string(),
        });
    }
    Ok(Fetched::File {
        sha: sha.to_string(),
        text: content_text(&value)?,
    })
}

/// The text of a base64 `content` field (a file's, or a blob's).
fn content_text(value: &Value) -> Result<String, GitHubError> {
    let content = value.get("content").and_then(Value::as_str).unwrap_or("");
    let bytes = base64_decode(content)
        .ok_or_else(|| GitHubError::Unexpected("content that is not base64".into()))?;
    String::from_utf8(bytes)
        .map_err(|_| GitHubError::Unexpected("a file that is not UTF-8 text".into()))
}

/// Reads the answer to `GET` on [`Repo::blob_url`]: the file's text.
pub fn read_blob(reply: &Reply) -> Result<String, GitHubError> {
    if reply.status != 200 {
        return Err(failure(reply));
    }
    let value: Value = serde_json::from_str(&reply.body)
        .map_err(|_| GitHubError::Unexpected("not JSON".into()))?;
    if value.get("encoding").and_then(Value::as_str) != Some("base64") {
        return Err(GitHubError::TooLarge);
    }
    content_text(&value)
}

/// Reads the answer to `GET` on [`Repo::repository_url`]: whether the repository is there
/// for this token.
pub fn repository_exists(reply: &Reply) -> Result<bool, GitHubError> {
    match reply.status {
        200 => Ok(true),
        404 => Ok(false),
        _ => Err(failure(reply)),
    }
}

/// What a write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Committed: the file's new `sha`.
    Committed { sha: String },
    /// Someone else wrote the file since the version it names (409, or 422 for a write
    /// without `sha` over an existing file): read it, merge, write again.
    Stale,
}

/// Reads the answer to `PUT` on [`Repo::file_url`].
pub fn read_write(reply: &Reply) -> Result<Written, GitHubError> {
    match reply.status {
        200 | 201 => {
            let value: Value = serde_json::from_str(&reply.body)
                .map_err(|_| GitHubError::Unexpected("not JSON".into()))?;
            value
                .pointer("/content/sha")
                .and_then(Value::as_str)
                .map(|sha| Written::Committed {
                    sha: sha.to_string(),
                })
                .ok_or_else(|| GitHubError::Unexpected("no sha for the new version".into()))
        }
        409 | 422 => Ok(Written::Stale),
        // A write GitHub hides behind 404: the token may read but not write.
        404 => Err(GitHubError::NoAccess),
        _ => Err(failure(reply)),
    }
}

/// Standard base64 with padding, as the contents API takes it.
pub fn base64_encode(bytes: &[u8]) -> String {
    super::codec::base64::encode_standard(bytes)
}

/// Decodes base64 as the contents API gives it (lines of 60 characters); `None` when it is
/// not base64.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    super::codec::base64::decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_reads_wrapped_lines() {
        for text in ["", "a", "ab", "abc", "abcd", "Zoë — 10 €"] {
            let encoded = base64_encode(text.as_bytes());
            assert_eq!(base64_decode(&encoded).unwrap(), text.as_bytes());
        }
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_decode("TW\nFu\n").unwrap(), b"Man");
        assert_eq!(base64_decode("T*Fu"), None);
    }

    #[test]
    fn percent_coding_round_trips() {
        let text = "http://127.0.0.1:4020/api v3";
        assert_eq!(percent_decode(&percent_encode(text)), text);
    }
}

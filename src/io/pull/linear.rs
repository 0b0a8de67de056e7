//! Pulling issues from Linear's GraphQL API, the pure part: the request bodies, the
//! headers, and a pull that pages through the answers into an [`Import`]. The browser
//! shell does the fetching; this never touches the network, the clock or storage, and the
//! API key appears only in the [`RequestHeaders`] the shell sends.
//!
//! Driving a pull (the shell's loop):
//!
//! ```
//! # use throughline::io::pull::{LinearPull, LinearSelection, Reply, request_headers};
//! # use throughline::io::ImportOptions;
//! # let now = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
//! # let fetch = |_: &str, _: &str| Reply::new(200, r#"{"data":{"issues":{"nodes":[]}}}"#);
//! let selection = LinearSelection { team_ids: vec!["team-id".into()], project_ids: vec![] };
//! let headers = request_headers("lin_api_xxxx")?;        // sent with every request
//! let mut pull = LinearPull::new("", &selection, ImportOptions::default())?;
//! while let Some(request) = pull.next_request() {
//!     let reply = fetch(&request.url, &request.body);    // POST, with `headers`
//!     pull.receive(&reply, now)?;                        // an error: stop, change nothing
//! }
//! let import = pull.finish();                            // preview, then merge_at on Apply
//! # Ok::<(), throughline::io::pull::PullError>(())
//! ```

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::linear_error::{read_reply, PullError};
use super::linear_page::{read_issues, read_picker, Picker};
use super::reply::Reply;
use crate::io::import::{finish, Import, ImportOptions, ImportedIssue, System};

/// Linear's own endpoint, used when the person leaves the field empty.
pub const LINEAR_ENDPOINT: &str = "https://api.linear.app/graphql";

/// Response headers worth handing over in a [`Reply`] when the browser shows them: they
/// say when a rate limit lifts.
pub const LINEAR_REPLY_HEADERS: &[&str] = &[
    "retry-after",
    "x-ratelimit-requests-reset",
    "x-ratelimit-complexity-reset",
];

/// Issues per page. Linear caps a query's complexity at 10,000 points, and each issue with
/// two relation lists of [`RELATIONS_PER_ISSUE`](super::linear_page::RELATIONS_PER_ISSUE)
/// costs about 100, so 50 a page stays well inside it.
pub const ISSUES_PER_PAGE: usize = 50;

/// Pages read before a pull stops (10,000 issues), so a looping server cannot hang it.
pub const MOST_PAGES: usize = 200;

const PICKER_QUERY: &str = "query ThroughlinePicker {
  teams(first: 250) { pageInfo { hasNextPage } nodes { id key name } }
  projects(first: 250, orderBy: updatedAt) { pageInfo { hasNextPage } nodes { id name } }
}";

const ISSUES_QUERY: &str =
    "query ThroughlineIssues($filter: IssueFilter, $first: Int!, $after: String) {
  issues(filter: $filter, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      identifier
      title
      state { name type }
      assignee { name displayName }
      estimate
      dueDate
      startedAt
      completedAt
      canceledAt
      project { id name }
      team { id key name }
      cycle { number name }
      parent { identifier }
      relations(first: 20) { pageInfo { hasNextPage } nodes { type relatedIssue { identifier } } }
      inverseRelations(first: 20) { pageInfo { hasNextPage } nodes { type issue { identifier } } }
    }
  }
}";

/// The headers every request carries. `Debug` hides the key, so logging one is harmless.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestHeaders(Vec<(&'static str, String)>);

impl RequestHeaders {
    /// Name and value pairs, for `fetch`'s `headers`.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(name, value)| (*name, value.as_str()))
    }
}

impl fmt::Debug for RequestHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    "<hidden>"
                } else {
                    value.as_str()
                };
                (name, shown)
            }))
            .finish()
    }
}

/// `Authorization: <key>` (Linear's form for personal API keys; an OAuth token pasted as
/// `Bearer …` passes as it is, while a personal key pasted after `Bearer ` loses it, since
/// Linear refuses personal keys in that form) and `Content-Type: application/json`. A key
/// with characters no header may carry is refused here, because `fetch` would reject it
/// with the same error as a network failure.
pub fn request_headers(api_key: &str) -> Result<RequestHeaders, PullError> {
    let mut key = api_key.trim();
    if key.is_empty() {
        return Err(PullError::NoKey);
    }
    if let Some(personal) = key
        .strip_prefix("Bearer ")
        .map(str::trim_start)
        .filter(|rest| rest.starts_with("lin_api_"))
    {
        key = personal;
    }
    let spaces = key.split(' ').count() - 1;
    let bearer = spaces == 1 && key.starts_with("Bearer ");
    if !key.chars().all(|c| c.is_ascii_graphic() || c == ' ') || (spaces > 0 && !bearer) {
        return Err(PullError::MalformedKey);
    }
    Ok(RequestHeaders(vec![
        ("Authorization", key.to_string()),
        ("Content-Type", "application/json".to_string()),
    ]))
}

/// The endpoint to call: Linear's own when `text` is empty, else an `http(s)://` address.
pub fn endpoint(text: &str) -> Result<String, PullError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(LINEAR_ENDPOINT.to_string());
    }
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let valid = rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !text.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if valid {
        Ok(text.to_string())
    } else {
        Err(PullError::BadEndpoint(text.chars().take(60).collect()))
    }
}

/// One POST to the endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinearRequest {
    pub url: String,
    /// The JSON body: `{"query": …, "variables": …}`.
    pub body: String,
}

/// The request that lists teams and projects for the picker.
pub fn picker_request(endpoint_text: &str) -> Result<LinearRequest, PullError> {
    Ok(LinearRequest {
        url: endpoint(endpoint_text)?,
        body: json!({ "query": PICKER_QUERY }).to_string(),
    })
}

/// Reads the picker's reply; `now` is when it arrived.
pub fn read_picker_reply(
    reply: &Reply,
    endpoint_text: &str,
    now: DateTime<Utc>,
) -> Result<Picker, PullError> {
    let (data, warnings) = read_reply(reply, endpoint_text, now)?;
    let mut picker = read_picker(&data);
    picker.warnings.splice(0..0, warnings);
    Ok(picker)
}

/// What to pull: issues of any of these teams or any of these projects (Linear ids). What
/// the shell saves for "Pull again", with the endpoint and never the key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinearSelection {
    #[serde(default)]
    pub team_ids: Vec<String>,
    #[serde(default)]
    pub project_ids: Vec<String>,
}

impl LinearSelection {
    /// Linear's `IssueFilter` for this choice; `None` when nothing is chosen.
    fn filter(&self) -> Option<serde_json::Value> {
        let ids = |ids: &[String]| -> Vec<String> {
            let mut ids: Vec<String> = ids
                .iter()
                .map(|id| id.trim().to_string())
                .filter(|id| !id.is_empty())
                .collect();
            ids.dedup();
            ids
        };
        let teams = ids(&self.team_ids);
        let projects = ids(&self.project_ids);
        let team = json!({ "team": { "id": { "in": teams } } });
        let project = json!({ "project": { "id": { "in": projects } } });
        match (teams.is_empty(), projects.is_empty()) {
            (true, true) => None,
            (false, true) => Some(team),
            (true, false) => Some(project),
            (false, false) => Some(json!({ "or": [team, project] })),
        }
    }
}

/// The request for one page of issues, after `after` (the previous page's end cursor).
pub fn issues_request(
    endpoint_text: &str,
    selection: &LinearSelection,
    after: Option<&str>,
) -> Result<LinearRequest, PullError> {
    let filter = selection.filter().ok_or(PullError::NothingChosen)?;
    Ok(LinearRequest {
        url: endpoint(endpoint_text)?,
        body: json!({
            "query": ISSUES_QUERY,
            "variables": { "filter": filter, "first": ISSUES_PER_PAGE, "after": after },
        })
        .to_string(),
    })
}

/// A pull in progress: which page comes next and the issues read so far.
#[derive(Debug, Clone)]
pub struct LinearPull {
    endpoint: String,
    selection: LinearSelection,
    options: ImportOptions,
    after: Option<String>,
    seen_cursors: Vec<String>,
    pages: usize,
    done: bool,
    complete: bool,
    /// Keys of the chosen teams met so far: a pull speaks in full for these only.
    covered: Vec<String>,
    issues: Vec<ImportedIssue>,
    warnings: Vec<String>,
}

impl LinearPull {
    /// A pull of `selection` from `endpoint_text` (empty: Linear's own).
    pub fn new(
        endpoint_text: &str,
        selection: &LinearSelection,
        options: ImportOptions,
    ) -> Result<LinearPull, PullError> {
        let endpoint = endpoint(endpoint_text)?;
        selection.filter().ok_or(PullError::NothingChosen)?;
        Ok(LinearPull {
            endpoint,
            selection: selection.clone(),
            options,
            after: None,
            seen_cursors: Vec::new(),
            pages: 0,
            done: false,
            complete: true,
            covered: Vec::new(),
            issues: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// The next request to send, or `None` when the last page is in.
    pub fn next_request(&self) -> Option<LinearRequest> {
        if self.done {
            return None;
        }
        issues_request(&self.endpoint, &self.selection, self.after.as_deref()).ok()
    }

    /// Takes the reply to [`next_request`](Self::next_request), received at `now`. On an
    /// error nothing advances: the same request can be sent again (after a rate limit),
    /// or the pull dropped, and nothing is changed either way.
    pub fn receive(&mut self, reply: &Reply, now: DateTime<Utc>) -> Result<(), PullError> {
        let (data, warnings) = read_reply(reply, &self.endpoint, now)?;
        let page = read_issues(&data, &self.options);
        self.pages += 1;
        self.warnings.extend(warnings);
        self.warnings.extend(page.warnings);
        self.issues.extend(page.issues);
        for (id, key) in page.teams {
            let chosen = self.selection.team_ids.iter().any(|team| team.trim() == id);
            if chosen && !self.covered.contains(&key) {
                self.covered.push(key);
            }
        }
        match page.next {
            _ if page.next_without_cursor => self.stop(
                "Linear said there were more issues but not where they start; the pull stopped there",
            ),
            Some(cursor) if self.seen_cursors.contains(&cursor) => {
                self.stop("Linear sent the same page twice; the pull stopped there")
            }
            Some(_) if self.pages >= MOST_PAGES => self.stop(&format!(
                "The pull stopped after {MOST_PAGES} pages ({} issues); pick fewer teams or \
                 projects",
                self.issues.len()
            )),
            Some(cursor) => {
                self.seen_cursors.push(cursor.clone());
                self.after = Some(cursor);
            }
            None => self.done = true,
        }
        Ok(())
    }

    fn stop(&mut self, why: &str) {
        self.warnings.push(format!(
            "{why}. Issues not read are not marked as no longer in Linear."
        ));
        self.done = true;
        self.complete = false;
    }

    /// Pages received so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Issues read so far, for a progress line.
    pub fn issues_read(&self) -> usize {
        self.issues.len()
    }

    /// Whether the last page is in.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Everything read, as one import for the preview and the merge. Issues listed on two
    /// pages (an issue that moved while paging) are kept once.
    pub fn finish(self) -> Import {
        let mut import = finish(System::Linear, self.issues, self.warnings);
        import.complete = self.complete && self.done;
        import.covers = Some(self.covered);
        import
    }
}

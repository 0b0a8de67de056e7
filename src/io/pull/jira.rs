//! Jira's search API, the link side (docs/rules.md#import): Jira Cloud does not answer
//! calls from another site, so the person opens a link to its own search API while
//! logged in, and drops the JSON it shows. This builds those links — the first page, the
//! next page from a page's `nextPageToken`, and the Data Center form with `startAt` for a
//! site that allows a direct fetch. Pure text; no network, no clock.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{number, text};

/// The story points field of most Jira Cloud sites ("Story point estimate").
pub const DEFAULT_STORY_POINTS_FIELD: &str = "customfield_10016";

/// Issues per page asked for; Jira Cloud gives at most 100 with fields.
pub const JIRA_PAGE_SIZE: u32 = 100;

/// What the import reads, besides the story points field. `statuscategorychangedate` is
/// when an issue entered its status category: the start of work in progress.
const FIELDS: &[&str] = &[
    "summary",
    "status",
    "assignee",
    "duedate",
    "issuelinks",
    "timeoriginalestimate",
    "timeestimate",
    "created",
    "resolutiondate",
    "parent",
    "project",
    "statuscategorychangedate",
];

/// Why a Jira link cannot be built or its pages read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JiraError {
    #[error(
        "\"{0}\" is not a Jira site address; type it like acme.atlassian.net, or paste any \
         link from your Jira"
    )]
    BadSite(String),
    #[error("Type a JQL query to say which issues to pull, for example: project = PAY")]
    NoQuery,
    #[error(
        "\"{0}\" is not a Jira field id; story points are usually customfield_10016 (or \
         customfield_10026 on older sites)"
    )]
    BadField(String),
    #[error("Drop or paste at least one page of Jira's search result")]
    NoPages,
    #[error(
        "Page {page} is not the JSON Jira's search shows. Open the link, then save the page \
         (Ctrl+S or ⌘S) or select all of its text and copy it, and drop or paste that here"
    )]
    NotJson { page: usize },
    #[error(
        "Page {page} is a web page, not the search result: Jira probably asked you to log \
         in. Log in to Jira in this browser, open the link again and save what it shows"
    )]
    WebPage { page: usize },
    #[error("Jira refused the search (page {page}): {message}. Fix the JQL and open the new link")]
    Refused { page: usize, message: String },
    #[error(
        "Page {page} is JSON but not a Jira search result (it has no \"issues\" list). Open \
         the link built here — it ends in /rest/api/3/search/jql?… — and save what it shows"
    )]
    NotASearch { page: usize },
}

/// The origin (`https://acme.atlassian.net`) of a site typed as `acme.atlassian.net`,
/// `https://acme.atlassian.net/`, or any link into it (a board, an issue). A Data Center
/// site under a sub-path must be typed without the path's pages after it.
pub fn jira_site(address: &str) -> Result<String, JiraError> {
    let bad = || JiraError::BadSite(address.trim().chars().take(60).collect());
    let text = address.trim();
    let scheme_end = text
        .find("://")
        .filter(|&index| text[..index].chars().all(|c| c.is_ascii_alphabetic()));
    let (scheme, rest) = match scheme_end {
        Some(index) => (text[..index].to_ascii_lowercase(), &text[index + 3..]),
        None => ("https".to_string(), text),
    };
    if scheme != "https" && scheme != "http" {
        return Err(bad());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let name_ok = !name.is_empty()
        && (name.contains('.') || name.eq_ignore_ascii_case("localhost"))
        && !name.starts_with(['.', '-'])
        && !name.ends_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let port_ok = port.is_none_or(|port| {
        !port.is_empty() && port.len() <= 5 && port.chars().all(|c| c.is_ascii_digit())
    });
    if name_ok && port_ok {
        Ok(format!("{scheme}://{}", host.to_ascii_lowercase()))
    } else {
        Err(bad())
    }
}

/// A Jira search the person set up: the site, the JQL and the story points field. What the
/// shell saves for "Pull again"; there is no secret in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JiraSearch {
    /// The site's origin, as [`jira_site`] gives it.
    pub site: String,
    pub jql: String,
    pub story_points_field: String,
}

impl JiraSearch {
    /// Checks and normalises what the person typed; an empty field id means the default.
    pub fn new(
        site_address: &str,
        jql: &str,
        story_points_field: &str,
    ) -> Result<JiraSearch, JiraError> {
        let site = jira_site(site_address)?;
        let jql = jql.trim();
        if jql.is_empty() {
            return Err(JiraError::NoQuery);
        }
        let field = match story_points_field.trim() {
            "" => DEFAULT_STORY_POINTS_FIELD,
            field => field,
        };
        if field.len() > 60 || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(JiraError::BadField(field.chars().take(60).collect()));
        }
        Ok(JiraSearch {
            site,
            jql: jql.to_string(),
            story_points_field: field.to_string(),
        })
    }

    /// The fields asked for, comma-separated.
    pub fn fields(&self) -> String {
        let mut fields = FIELDS.to_vec();
        fields.insert(7, &self.story_points_field);
        fields.join(",")
    }

    fn query(&self) -> String {
        format!(
            "jql={}&fields={}&maxResults={JIRA_PAGE_SIZE}",
            encode(&self.jql),
            self.fields()
        )
    }

    /// The first page of the search on Jira Cloud (`/rest/api/3/search/jql`).
    pub fn link(&self) -> String {
        format!("{}/rest/api/3/search/jql?{}", self.site, self.query())
    }

    /// The page after the one whose `nextPageToken` this is.
    pub fn link_after(&self, next_page_token: &str) -> String {
        format!("{}&nextPageToken={}", self.link(), encode(next_page_token))
    }

    /// The same search on Jira Data Center (or the older Cloud form), from result
    /// `start_at`: the link to fetch directly where the site allows this page to.
    pub fn data_center_link(&self, start_at: u64) -> String {
        format!(
            "{}/rest/api/2/search?{}&startAt={start_at}",
            self.site,
            self.query()
        )
    }

    /// The link to the page after this one, read from the page's own text; `None` on the
    /// last page or for text that is not a search page.
    pub fn next_link(&self, page_text: &str) -> Option<String> {
        let page: Value = serde_json::from_str(json_part(page_text)?).ok()?;
        match PageShape::of(&page) {
            PageShape::Tokens { next, .. } => next.map(|token| self.link_after(&token)),
            PageShape::Offsets {
                start,
                count,
                total,
            } => {
                let next = start.checked_add(count)?;
                (count > 0 && next < total).then(|| self.data_center_link(next))
            }
        }
    }
}

/// How a search page says where it sits: Cloud's `nextPageToken`/`isLast`, or the older
/// `startAt`/`total`.
pub(super) enum PageShape {
    Tokens { next: Option<String>, last: bool },
    Offsets { start: u64, count: u64, total: u64 },
}

impl PageShape {
    pub(super) fn of(page: &Value) -> PageShape {
        let count = page
            .get("issues")
            .and_then(Value::as_array)
            .map_or(0, |issues| issues.len() as u64);
        let whole = |name: &str| {
            number(page, &[name])
                .filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n < 1e15)
                .map(|n| n as u64)
        };
        match (whole("startAt"), whole("total")) {
            (Some(start), Some(total)) if text(page, &["nextPageToken"]).is_none() => {
                PageShape::Offsets {
                    start,
                    count,
                    total,
                }
            }
            _ => {
                let next = text(page, &["nextPageToken"]).map(str::to_string);
                let last = page.get("isLast").and_then(Value::as_bool) == Some(true)
                    || (next.is_none() && page.get("isLast").and_then(Value::as_bool).is_none());
                PageShape::Tokens { next, last }
            }
        }
    }
}

/// The JSON object in what was dropped or pasted: browsers' "copy all" of a JSON view can
/// carry a line of their own around it.
pub(super) fn json_part(text: &str) -> Option<&str> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    (start < end).then(|| &text[start..=end])
}

/// Percent-encodes everything but the URL's unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(encode("project = PAY"), "project%20%3D%20PAY");
        assert_eq!(encode("a~b_c.d-e"), "a~b_c.d-e");
        assert_eq!(encode("é&#"), "%C3%A9%26%23");
    }

    #[test]
    fn the_json_is_found_inside_a_copied_page() {
        assert_eq!(json_part("Pretty-print ☐\n{\"a\":1}\n"), Some("{\"a\":1}"));
        assert_eq!(json_part("}{"), None);
        assert_eq!(json_part("no json"), None);
    }
}

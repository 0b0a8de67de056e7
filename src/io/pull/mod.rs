//! Live pulls from the trackers, the pure part (docs/rules.md#import): Linear's GraphQL
//! API — requests built here, fetched by the browser shell, replies read here — and
//! Jira's search API JSON, whose links are built here and whose pages the person drops in.
//! Both end in the same [`Import`](crate::io::Import) as a CSV, so the same preview and
//! merge apply. Never touches the network, the clock or storage; every reply is
//! untrusted and never panics; an API key never appears in anything returned but the
//! request headers.

mod jira;
mod jira_page;
mod json;
mod linear;
mod linear_error;
mod linear_page;
mod reply;

pub use jira::{jira_site, JiraError, JiraSearch, DEFAULT_STORY_POINTS_FIELD, JIRA_PAGE_SIZE};
pub use jira_page::import_jira_pages;
pub use linear::{
    endpoint, issues_request, picker_request, read_picker_reply, request_headers, LinearPull,
    LinearRequest, LinearSelection, RequestHeaders, ISSUES_PER_PAGE, LINEAR_ENDPOINT,
    LINEAR_REPLY_HEADERS, MOST_PAGES,
};
pub use linear_error::PullError;
pub use linear_page::{Choice, Picker};
pub use reply::Reply;

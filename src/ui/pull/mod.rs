//! Live pulls in the Plan (docs/rules.md#import): Linear through its GraphQL API with the
//! person's key, Jira through the search pages the person brings; the one preview and
//! Apply that the CSV import shares; and provenance on each item ("pulled from Linear 2 h
//! ago"). The pure work is `io::pull` and `io::merge`; this is only the browser shell. An
//! API key is kept in its own storage entry and never reaches the program, a log or a link.

pub(in crate::ui) mod browser;
mod jira;
mod linear;
mod preview;
mod provenance;

use leptos::prelude::*;

pub use preview::{MergePreview, Pending};
pub use provenance::ItemSource;

/// The pull panels, mounted in the Plan beside the CSV import.
#[component]
pub fn PullPanel() -> impl IntoView {
    view! {
        <linear::LinearPanel/>
        <jira::JiraPanel/>
    }
}

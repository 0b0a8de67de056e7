//! Where imported items came from and when, as the Plan shows it: "pulled from Linear 2 h
//! ago" on each item, "no longer in Linear since 23 Nov" on one its source stopped listing,
//! and a line per tracker over the pull panels. Ages come from the browser clock, here
//! only; their phrasing is `engine::words::time_ago`.

use leptos::prelude::*;

use super::browser::{local_date, minute_clock};
use crate::engine::words::{count, id_list, near_date, time_ago};
use crate::model::{Item, Shared, Source};
use crate::ui::state::expect_document;

/// The tracker's name for a `source.system`: "Linear", "Jira", else the key as written.
fn tracker(system: &str) -> String {
    match system {
        "linear" => "Linear".to_string(),
        "jira" => "Jira".to_string(),
        other => other.to_string(),
    }
}

/// Where one item came from and when it was last listed; nothing for an item of its own.
#[component]
pub fn ItemSource(
    /// The item, as its row reads it.
    item: Memo<Option<Shared<Item>>>,
    /// The item's id.
    id: Memo<String>,
) -> impl IntoView {
    let clock = minute_clock();
    let source = Memo::new(move |_| item.with(|i| i.as_ref().and_then(|i| i.source.clone())));
    move || {
        let Source {
            system,
            key: source_key,
            pulled,
            missing,
        } = source.get()?;
        let now = clock.get();
        let name = tracker(&system);
        let as_key = if id.with(|id| *id == source_key) {
            String::new()
        } else {
            format!(" as {source_key}")
        };
        let pulled_text = match pulled {
            Some(at) => format!("pulled from {name}{as_key} {}", time_ago(at, now)),
            None => format!("from {name}{as_key}"),
        };
        let gone = missing.map(|since| {
            let day = near_date(local_date(since), local_date(now));
            view! { <span class="provenance-gone">{format!("⚠ no longer in {name} since {day}")}</span> }
        });
        Some(view! {
            <p class="provenance">
                <span>{pulled_text}</span>
                {gone}
            </p>
        })
    }
}

/// One line on a tracker's items in the open program: how many, when last pulled, and
/// which are no longer listed there. Nothing when none came from it.
#[component]
pub fn SourceSummary(
    /// The `source.system` key: "linear", "jira".
    system: &'static str,
) -> impl IntoView {
    let doc = expect_document();
    let clock = minute_clock();
    let found = Memo::new(move |_| {
        doc.program.with(|p| {
            let sources: Vec<(&str, &Source)> = p
                .items
                .iter()
                .filter_map(|item| Some((item.id.as_str(), item.source.as_ref()?)))
                .filter(|(_, source)| source.system == system)
                .collect();
            let last = sources.iter().filter_map(|(_, s)| s.pulled).max();
            let missing: Vec<String> = sources
                .iter()
                .filter(|(_, s)| s.missing.is_some())
                .map(|(id, _)| id.to_string())
                .collect();
            (sources.len(), last, missing)
        })
    });
    move || {
        let (items, last, missing) = found.get();
        if items == 0 {
            return None;
        }
        let name = tracker(system);
        let mut text = format!("{} from {name}", count(items, "item", "items"));
        if let Some(last) = last {
            text.push_str(&format!(", last pulled {}", time_ago(last, clock.get())));
        }
        text.push('.');
        let gone = (!missing.is_empty()).then(|| {
            view! {
                <span class="provenance-gone">
                    {format!(" ⚠ {} no longer in {name}: {}.", count(missing.len(), "item", "items"), id_list(&missing, 10))}
                </span>
            }
        });
        Some(view! { <p class="provenance-summary">{text}{gone}</p> })
    }
}

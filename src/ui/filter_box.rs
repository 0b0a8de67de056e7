//! The filter box over Plan, Register, Board and Risks: words, team, owner and colour, kept
//! in the address (`engine::find` matches and writes the address form), with how many
//! entries show of how many.

use leptos::prelude::*;

use super::state::{expect_document, expect_navigation};
use crate::engine::find::Filter;

/// The colours a filter can pick, with the words shown.
const COLOURS: [(&str, &str); 5] = [
    ("red", "Red"),
    ("yellow", "Yellow"),
    ("green", "Green"),
    ("none", "No status"),
    ("done", "Done"),
];

/// The filter box of a list.
#[component]
pub fn FilterBox(
    /// What the list holds, plural: "work items", "dependencies", "cards", "risks".
    noun: &'static str,
    /// The owners to offer, sorted.
    #[prop(into)]
    owners: Signal<Vec<String>>,
    /// (shown, in all).
    #[prop(into)]
    counts: Signal<(usize, usize)>,
    /// Offer the program's teams.
    #[prop(optional)]
    teams: bool,
    /// The list has no colours (risks, decisions): no colour choice.
    #[prop(optional)]
    no_colour: bool,
) -> impl IntoView {
    let doc = expect_document();
    let navigation = expect_navigation();
    let filter = navigation.filter;
    let set = move |change: &dyn Fn(&mut Filter)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        navigation.set_filter(next);
    };
    let team_options = move || {
        doc.program.with(|p| {
            p.teams
                .iter()
                .map(|t| view! { <option value=t.id.clone()>{t.name.clone()}</option> })
                .collect_view()
        })
    };
    let summary = move || {
        let (shown, all) = counts.get();
        if filter.with(Filter::is_empty) {
            format!("{all} {noun}")
        } else {
            format!("{shown} of {all} {noun} match")
        }
    };
    view! {
        <div class="filter-box no-print" role="search" aria-label=format!("Filter {noun}")>
            <label class="find">
                <span>"Find"</span>
                <input type="search" placeholder="id, title, owner or team"
                    aria-label=format!("Find in {noun}")
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| { let text = event_target_value(&ev); set(&|f| f.text = text.clone()) }/>
            </label>
            {teams.then(|| view! {
                <label><span>"Team"</span>
                    <select aria-label=format!("Team of {noun}")
                        prop:value=move || filter.with(|f| f.team.clone())
                        on:change=move |ev| { let team = event_target_value(&ev); set(&|f| f.team = team.clone()) }>
                        <option value="">"all"</option>
                        {team_options}
                    </select>
                </label>
            })}
            <label><span>"Owner"</span>
                <select aria-label=format!("Owner of {noun}")
                    prop:value=move || filter.with(|f| f.owner.clone())
                    on:change=move |ev| { let owner = event_target_value(&ev); set(&|f| f.owner = owner.clone()) }>
                    <option value="">"all"</option>
                    {move || owners.get().into_iter().map(|o| view! { <option value=o.clone()>{o.clone()}</option> }).collect_view()}
                </select>
            </label>
            {(!no_colour).then(|| view! {
                <label><span>"Colour"</span>
                    <select aria-label=format!("Colour of {noun}")
                        prop:value=move || filter.with(|f| f.colour.clone())
                        on:change=move |ev| { let colour = event_target_value(&ev); set(&|f| f.colour = colour.clone()) }>
                        <option value="">"all"</option>
                        {COLOURS.iter().map(|(key, label)| view! { <option value=*key>{*label}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <span class="filter-count" role="status">{summary}</span>
            {move || (!filter.with(Filter::is_empty)).then(|| view! {
                <button type="button" on:click=move |_| navigation.set_filter(Filter::default())>"Clear filter"</button>
            })}
        </div>
    }
}

/// The distinct owners of a list, sorted, for the filter's choices.
pub fn owners_of<'a>(owners: impl Iterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut list: Vec<String> = owners
        .flatten()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .collect();
    crate::sort::sort(&mut list);
    list.dedup();
    list
}

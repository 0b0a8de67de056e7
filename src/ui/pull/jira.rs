//! "Pull from Jira" in the Plan: Jira Cloud answers no call from another site, so the
//! person types the site and a JQL query, opens the search link built here while logged in
//! to Jira, and drops or pastes the JSON it shows (several pages, with the link to each
//! next page). A Jira Data Center site that allows this page can be fetched directly.
//! Everything read goes through the shared preview; nothing changes until Apply.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::{send, Call, Cancel, PullProgress, STOPPED};
use super::preview::{MergePreview, Pending};
use super::provenance::SourceSummary;
use crate::engine::words::count;
use crate::io::pull::{import_jira_pages, JiraSearch, DEFAULT_STORY_POINTS_FIELD};
use crate::io::ImportOptions;
use crate::store::JiraChoice;
use crate::ui::files::{read_text, DaysPerPoint, FileDrop};
use crate::ui::state::{expect_document, local_store};

/// The most pages a direct fetch reads (10,000 issues), so a looping site cannot hang it.
const MOST_FETCHED_PAGES: usize = 100;

/// Why a direct fetch from a Jira site did not work; the link and a drop always do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum DirectFetchError {
    #[error(
        "Could not fetch from {site} directly: Jira Cloud never allows it, and a Jira Data \
         Center site only with this page's address on its CORS allow-list, while you are \
         logged in to it in this browser. Open the search in Jira instead, save what it \
         shows and drop it here. Nothing was changed."
    )]
    NotAllowed { site: String },
    #[error(
        "{site} asked for a login (HTTP {status}): log in to Jira in this browser and fetch \
         again, or open the search in Jira, save what it shows and drop it here. Nothing was \
         changed."
    )]
    Login { site: String, status: u16 },
}

/// Pull from Jira for the open program; starts afresh when another program is opened.
#[component]
pub fn JiraPanel() -> impl IntoView {
    let doc = expect_document();
    move || {
        let program_id = doc.id.get();
        view! { <JiraPullFor program_id=program_id/> }
    }
}

/// One page of a search result, as dropped, pasted or fetched.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    name: String,
    text: String,
}

/// The Jira pull of one program.
#[component]
fn JiraPullFor(program_id: String) -> impl IntoView {
    let doc = expect_document();
    let saved = local_store()
        .and_then(|store| store.jira_choice(&program_id))
        .unwrap_or_default();
    let site = RwSignal::new(saved.site);
    let jql = RwSignal::new(saved.jql);
    let field = RwSignal::new(saved.story_points_field);
    let days_per_point = RwSignal::new(saved.days_per_point);
    let search = Memo::new(move |_| JiraSearch::new(&site.get(), &jql.get(), &field.get()));
    let pages = RwSignal::new(Vec::<Page>::new());
    let pasted = RwSignal::new(String::new());
    let busy = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    let program = StoredValue::new(program_id);
    let cancel = Cancel::new();

    let save = move || {
        let choice = JiraChoice {
            site: site.get_untracked(),
            jql: jql.get_untracked(),
            story_points_field: field.get_untracked(),
            days_per_point: days_per_point.get_untracked(),
        };
        if let Some(store) = local_store() {
            let _ = program.with_value(|id| store.set_jira_choice(id, &choice));
        }
    };
    // Reads every page held into one preview; run after each change to the pages.
    let read_pages = move || {
        let Some(list) = pages.try_get_untracked() else {
            return;
        };
        pending.set(None);
        if list.is_empty() {
            problem.set(None);
            return;
        }
        let texts: Vec<&str> = list.iter().map(|page| page.text.as_str()).collect();
        let typed = field.get_untracked();
        let points_field = match typed.trim() {
            "" => DEFAULT_STORY_POINTS_FIELD,
            typed => typed,
        };
        let options = ImportOptions {
            days_per_point: days_per_point.get_untracked(),
            ..ImportOptions::default()
        };
        match import_jira_pages(&texts, points_field, &options) {
            Ok(import) => {
                problem.set(None);
                let what = format!("Jira search ({})", count(list.len(), "page", "pages"));
                pending.set(Some(Pending::new(
                    doc,
                    import,
                    what,
                    "Jira",
                    "pull from Jira",
                )));
            }
            Err(err) => problem.set(Some(err.to_string())),
        }
    };
    let add_files = Callback::new(move |files: Vec<web_sys::File>| {
        spawn_local(async move {
            let mut added = Vec::new();
            for file in files {
                let name = file.name();
                match read_text(file).await {
                    Ok(text) => added.push(Page { name, text }),
                    Err(message) => {
                        let _ = problem.try_set(Some(message));
                        return;
                    }
                }
            }
            if pages.try_update(|list| list.extend(added)).is_some() {
                read_pages();
            }
        });
    });
    let add_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        pages.update(|list| {
            let name = format!("Pasted page {}", list.len() + 1);
            list.push(Page { name, text });
        });
        pasted.set(String::new());
        read_pages();
    };
    let remove = move |index: usize| {
        pages.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
        });
        read_pages();
    };
    let fetch_directly = move |_| {
        let Ok(search) = search.get_untracked() else {
            return;
        };
        save();
        problem.set(None);
        pending.set(None);
        busy.set(Some("Fetching from Jira…".into()));
        cancel.begin();
        spawn_local(async move {
            let mut fetched = Vec::new();
            let mut link = search.data_center_link(0);
            let failure = loop {
                let reply = send(
                    Call {
                        method: "GET",
                        url: &link,
                        body: None,
                        headers: vec![("Accept", "application/json")],
                        with_cookies: true,
                        read_headers: &[],
                    },
                    cancel,
                )
                .await;
                match reply.status {
                    0 => {
                        break Some(DirectFetchError::NotAllowed {
                            site: search.site.clone(),
                        })
                    }
                    401 | 403 => {
                        break Some(DirectFetchError::Login {
                            site: search.site.clone(),
                            status: reply.status,
                        })
                    }
                    _ => {}
                }
                let next = search.next_link(&reply.body);
                fetched.push(Page {
                    name: format!("Fetched page {}", fetched.len() + 1),
                    text: reply.body,
                });
                if busy
                    .try_set(Some(format!("Fetching from Jira: page {}…", fetched.len())))
                    .is_some()
                {
                    return; // the panel is gone
                }
                match next {
                    Some(next) if next != link && fetched.len() < MOST_FETCHED_PAGES => link = next,
                    _ => break None,
                }
            };
            if busy.try_set(None).is_some() {
                return; // the panel is gone
            }
            if cancel.stopped() {
                let _ = problem.try_set(Some(STOPPED.into()));
                return;
            }
            match failure {
                Some(err) => problem.set(Some(err.to_string())),
                None => {
                    pages.set(fetched);
                    read_pages();
                }
            }
        });
    };
    let typed_any =
        move || site.with(|s| !s.trim().is_empty()) || jql.with(|q| !q.trim().is_empty());
    let text_input = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            signal.set(event_target_value(&ev));
            save();
        }
    };

    view! {
        <section class="pull-panel no-print" aria-labelledby="jira-pull-title">
            <h3 id="jira-pull-title">"Pull from Jira"</h3>
            <SourceSummary system="jira"/>
            <details class="pull-setup" open=search.with_untracked(Result::is_ok)>
                <summary>"Bring in a Jira search"</summary>
                <p class="hint">
                    "Jira Cloud does not let other sites call it, so Jira shows the issues to you and you bring them here: "
                    "type the site and a JQL query, open the search in Jira while logged in, then save the page (Ctrl+S or ⌘S) or copy all of it, and drop or paste it below."
                </p>
                <div class="pull-row">
                    <label>"Jira site " <input type="text" size="26" spellcheck="false" placeholder="acme.atlassian.net"
                        prop:value=move || site.get() on:change=text_input(site)/></label>
                    " "
                    <label>"Story points field " <input type="text" size="18" spellcheck="false" placeholder=DEFAULT_STORY_POINTS_FIELD
                        prop:value=move || field.get() on:change=text_input(field)/></label>
                    " "
                    <DaysPerPoint label="Days per story point " value=days_per_point changed=Callback::new(move |()| save())/>
                </div>
                <label class="pull-jql">"JQL query "
                    <textarea rows="2" spellcheck="false" placeholder="project = PAY AND sprint in openSprints()"
                        prop:value=move || jql.get() on:change=text_input(jql)></textarea>
                </label>
                {move || match search.get() {
                    Ok(search) => view! {
                        <p class="pull-links">
                            <a href=search.link() target="_blank" rel="noopener noreferrer">"Open the search in Jira"</a>
                            " (Jira Cloud) · "
                            <button type="button" prop:disabled=move || busy.with(Option::is_some) on:click=fetch_directly>
                                "Fetch directly (Jira Data Center)"
                            </button>
                            <span class="muted">" where the site allows this page."</span>
                        </p>
                    }.into_any(),
                    Err(err) => typed_any().then(|| view! { <p class="muted">{err.to_string()}</p> }).into_any(),
                }}
                <FileDrop label="Jira search pages (.json) " accept=".json,application/json,text/plain" multiple=true files=add_files>
                    <span class="muted">" or drop them here, or paste one:"</span>
                    <textarea class="pull-paste" rows="3" spellcheck="false" aria-label="Jira search result (JSON)"
                        placeholder="{\"issues\": [ … ] }"
                        prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <button type="button" on:click=add_pasted>"Add the pasted page"</button>
                </FileDrop>
                {move || {
                    let list = pages.get();
                    (!list.is_empty()).then(|| {
                        let search = search.get().ok();
                        view! {
                            <ul class="pull-pages" aria-label="Jira pages read">
                                {list.into_iter().enumerate().map(|(index, page)| {
                                    let next = search.as_ref().and_then(|s| s.next_link(&page.text));
                                    let name = page.name.clone();
                                    view! {
                                        <li>
                                            {page.name}
                                            {next.map(|link| view! {
                                                " · " <a href=link target="_blank" rel="noopener noreferrer">{format!("Open the page after {name}")}</a>
                                            })}
                                            " "
                                            <button type="button" aria-label=format!("Remove {}", name) on:click=move |_| remove(index)>"Remove"</button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }
                    })
                }}
            </details>
            <PullProgress busy=busy cancel=cancel stop_label="Stop the Jira fetch"/>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">"⚠ " {p}</p> })}
            <MergePreview pending=pending region="Jira pull preview" apply_label="Apply pull"/>
        </section>
    }
}

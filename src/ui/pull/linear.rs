//! "Pull from Linear" in the Plan: the person's API key (kept only in this browser, in its
//! own entry), the endpoint, the teams and projects listed from the API, and the pull that
//! pages through the issues into the shared preview. A failure shows Linear's problem in
//! words and changes nothing. Never logs the key or anything sent with it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::{now, send, Call, Cancel, PullProgress, STOPPED};
use super::preview::{MergePreview, Pending};
use super::provenance::SourceSummary;
use crate::io::pull::{
    picker_request, read_picker_reply, request_headers, LinearPull, LinearRequest, LinearSelection,
    Picker, PullError, RequestHeaders, LINEAR_ENDPOINT, LINEAR_REPLY_HEADERS,
};
use crate::io::ImportOptions;
use crate::store::LinearChoice;
use crate::ui::files::DaysPerPoint;
use crate::ui::state::{expect_document, expect_notices, local_store};
use crate::ui::widgets::shown;

/// Pull from Linear for the open program; starts afresh when another program is opened.
#[component]
pub fn LinearPanel() -> impl IntoView {
    let doc = expect_document();
    move || {
        let program_id = doc.id.get();
        view! { <LinearPullFor program_id=program_id/> }
    }
}

/// One POST of the pull, with the key's headers.
fn call<'a>(request: &'a LinearRequest, headers: &'a RequestHeaders) -> Call<'a> {
    Call {
        method: "POST",
        url: &request.url,
        body: Some(&request.body),
        headers: headers.iter().collect(),
        with_cookies: false,
        read_headers: LINEAR_REPLY_HEADERS,
    }
}

/// The chosen teams (by key) and projects (by name), for the "Pull again" line.
fn chosen_names(selection: &LinearSelection, picker: &Picker) -> Vec<String> {
    let teams = picker
        .teams
        .iter()
        .filter(|team| selection.team_ids.contains(&team.id))
        .map(|team| team.key.clone().unwrap_or_else(|| team.name.clone()));
    let projects = picker
        .projects
        .iter()
        .filter(|project| selection.project_ids.contains(&project.id))
        .map(|project| project.name.clone());
    teams.chain(projects).collect()
}

/// The host of an endpoint, to say where a pull goes: "api.linear.app".
fn host(endpoint: &str) -> String {
    let rest = endpoint.split("://").nth(1).unwrap_or(endpoint);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_string()
}

/// The Linear pull of one program.
#[component]
fn LinearPullFor(program_id: String) -> impl IntoView {
    let doc = expect_document();
    let notices = expect_notices();
    let store = local_store();
    let saved = RwSignal::new(store.as_ref().and_then(|s| s.linear_choice(&program_id)));
    let key_kept = RwSignal::new(store.as_ref().is_some_and(|s| s.linear_key().is_some()));
    // A key kept or forgotten in another tab shows here at once.
    let other_tab = window_event_listener(leptos::ev::storage, move |_| {
        let kept = local_store().is_some_and(|s| s.linear_key().is_some());
        let _ = key_kept.try_set(kept);
    });
    on_cleanup(move || other_tab.remove());
    let initial = saved.get_untracked().unwrap_or_default();
    let endpoint = RwSignal::new(if initial.endpoint.trim().is_empty() {
        LINEAR_ENDPOINT.to_string()
    } else {
        initial.endpoint.clone()
    });
    let days_per_point = RwSignal::new(initial.days_per_point);
    let selection = RwSignal::new(initial.selection.clone());
    let picker = RwSignal::new(None::<Picker>);
    let busy = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<Pending>);
    // A key typed in this tab, only while this browser cannot keep it.
    let tab_key = StoredValue::new(None::<String>);
    let key_input = NodeRef::<leptos::html::Input>::new();
    let program = StoredValue::new(program_id);
    let cancel = Cancel::new();

    // A key typed is used from its field until Linear accepts it: only then is it kept, in
    // its own entry, and leaves the field, so it does not linger in the page. A key Linear
    // refused (or never answered for) is not kept and replaces nothing. Where this browser
    // cannot keep it, an accepted key lasts as long as this tab.
    let typed_key = move || {
        key_input
            .try_get_untracked()
            .flatten()
            .map(|input| input.value().trim().to_string())
            .filter(|typed| !typed.is_empty())
    };
    let accepted = move |key: &str| {
        if typed_key().as_deref() != Some(key) {
            return; // a key kept already, or the field changed while Linear answered
        }
        match local_store().map(|store| store.set_linear_key(key)) {
            Some(Ok(())) => {
                let _ = tab_key.try_set_value(None);
                let _ = key_kept.try_set(true);
                if let Some(input) = key_input.try_get_untracked().flatten() {
                    input.set_value("");
                }
            }
            Some(Err(err)) => {
                let _ = tab_key.try_set_value(Some(key.to_string()));
                let _ = problem.try_set(Some(format!(
                    "The key could not be kept in this browser ({err}); it is used until this tab closes."
                )));
            }
            None => {
                let _ = tab_key.try_set_value(Some(key.to_string()));
            }
        }
    };
    // The field first, then storage, so a key forgotten in another tab is forgotten here too.
    let key_now = move || {
        typed_key()
            .or_else(|| local_store()?.linear_key())
            .or_else(|| tab_key.get_value())
    };
    let forget = move |_| {
        tab_key.set_value(None);
        if let Some(input) = key_input.get_untracked() {
            input.set_value("");
        }
        match local_store().map(|store| store.forget_linear_key()) {
            Some(Err(err)) => problem.set(Some(format!("The key could not be removed: {err}"))),
            _ => {
                key_kept.set(false);
                notices.notify("The Linear key was removed from this browser.", false);
            }
        }
    };

    let list = move |_| {
        problem.set(None);
        let Some(key) = key_now() else {
            problem.set(Some(PullError::NoKey.to_string()));
            return;
        };
        let prepared = request_headers(&key)
            .and_then(|headers| Ok((headers, picker_request(&endpoint.get_untracked())?)));
        let (headers, request) = match prepared {
            Ok(prepared) => prepared,
            Err(err) => {
                problem.set(Some(err.to_string()));
                return;
            }
        };
        busy.set(Some("Asking Linear for teams and projects…".into()));
        cancel.begin();
        spawn_local(async move {
            let reply = send(call(&request, &headers), cancel).await;
            let result = read_picker_reply(&reply, &request.url, now());
            let _ = busy.try_set(None);
            if cancel.stopped() {
                let _ = problem.try_set(Some(STOPPED.into()));
                return;
            }
            match result {
                Ok(listed) => {
                    accepted(&key);
                    let _ = picker.try_set(Some(listed));
                }
                Err(err) => {
                    let _ = problem.try_set(Some(err.to_string()));
                }
            }
        });
    };

    let pull = move |choice: LinearChoice| {
        problem.set(None);
        pending.set(None);
        let Some(key) = key_now() else {
            problem.set(Some(PullError::NoKey.to_string()));
            return;
        };
        let options = ImportOptions {
            days_per_point: choice.days_per_point,
            ..ImportOptions::default()
        };
        let prepared = request_headers(&key).and_then(|headers| {
            Ok((
                headers,
                LinearPull::new(&choice.endpoint, &choice.selection, options)?,
            ))
        });
        let (headers, mut linear) = match prepared {
            Ok(prepared) => prepared,
            Err(err) => {
                problem.set(Some(err.to_string()));
                return;
            }
        };
        if let Some(store) = local_store() {
            let _ = program.with_value(|id| store.set_linear_choice(id, &choice));
        }
        saved.set(Some(choice.clone()));
        busy.set(Some("Pulling from Linear…".into()));
        cancel.begin();
        spawn_local(async move {
            let outcome = async {
                while let Some(request) = linear.next_request() {
                    let reply = send(call(&request, &headers), cancel).await;
                    linear.receive(&reply, now())?;
                    let _ = busy.try_set(Some(format!(
                        "Pulling from Linear: page {}, {} issues…",
                        linear.pages(),
                        linear.issues_read()
                    )));
                }
                Ok::<_, PullError>(linear.finish())
            }
            .await;
            if busy.try_set(None).is_some() {
                return; // the panel is gone
            }
            if cancel.stopped() {
                let _ = problem.try_set(Some(STOPPED.into()));
                return;
            }
            match outcome {
                Ok(import) => {
                    accepted(&key);
                    let what = if choice.names.is_empty() {
                        "Linear pull".to_string()
                    } else {
                        format!("Linear pull of {}", choice.names.join(", "))
                    };
                    let preview = Pending::new(doc, import, what, "Linear", "pull from Linear");
                    let _ = pending.try_set(Some(preview));
                }
                Err(err) => {
                    let _ = problem.try_set(Some(err.to_string()));
                }
            }
        });
    };
    let pull_chosen = move |_| {
        let selection = selection.get_untracked();
        let names = picker.with_untracked(|listed| match listed {
            Some(listed) => chosen_names(&selection, listed),
            None => {
                saved.with_untracked(|s| s.as_ref().map(|s| s.names.clone()).unwrap_or_default())
            }
        });
        let typed = endpoint.get_untracked().trim().to_string();
        pull(LinearChoice {
            endpoint: if typed == LINEAR_ENDPOINT {
                String::new()
            } else {
                typed
            },
            selection,
            names,
            days_per_point: days_per_point.get_untracked(),
        });
    };
    let pull_again = move |_| {
        if let Some(choice) = saved.get_untracked() {
            pull(choice);
        }
    };

    let toggle = move |team: bool, id: String, on: bool| {
        selection.update(|s| {
            let ids = if team {
                &mut s.team_ids
            } else {
                &mut s.project_ids
            };
            ids.retain(|known| *known != id);
            if on {
                ids.push(id);
            }
        });
    };
    let choice_box = move |team: bool, id: String, text: String| {
        let checked_id = id.clone();
        let checked = move || {
            selection.with(|s| {
                let ids = if team { &s.team_ids } else { &s.project_ids };
                ids.contains(&checked_id)
            })
        };
        view! {
            <label class="pull-choice">
                <input type="checkbox" prop:checked=checked
                    on:change=move |ev| toggle(team, id.clone(), event_target_checked(&ev))/>
                " " {text}
            </label>
        }
    };
    let idle = move || busy.with(Option::is_none);

    view! {
            <section class="pull-panel no-print" aria-labelledby="linear-pull-title">
                <h3 id="linear-pull-title">"Pull from Linear"</h3>
                <SourceSummary system="linear"/>
                {move || saved.get().map(|choice| {
                    let what = if choice.names.is_empty() { "the teams and projects chosen".to_string() } else { choice.names.join(", ") };
                    let from = host(if choice.endpoint.is_empty() { LINEAR_ENDPOINT } else { &choice.endpoint });
                    view! {
                        <p class="pull-again">
                            <button type="button" class="primary" prop:disabled=move || !idle() on:click=pull_again>"Pull again"</button>
                            {format!(" {what} from {from}")}
                        </p>
                    }
                })}
                {shown(move || key_kept.get(), move || view! {
                    <p class="pull-key">
                        "A Linear key is kept in this browser, and only here. "
                        <button type="button" on:click=forget>"Forget the Linear key"</button>
                    </p>
                }.into_any())}
                <details class="pull-setup">
                    <summary>"Set up the pull from Linear"</summary>
                    <p class="hint">
                        "Paste a personal API key (in Linear: Settings → Security & access → Personal API keys). "
                        "It is kept only in this browser — never in the program, an export, a share link or the Markdown."
                    </p>
                    <div class="pull-row">
                        <label>
                            "Linear API key "
                            <input type="password" node_ref=key_input autocomplete="off" spellcheck="false" size="34"
                                placeholder=move || if key_kept.get() { "kept here; paste a new one to replace it" } else { "lin_api_…" }
    />
                        </label>
                    </div>
                    <div class="pull-row">
                        <label>
                            "Linear endpoint "
                            <input type="url" size="36" spellcheck="false" prop:value=move || endpoint.get()
                                on:change=move |ev| endpoint.set(event_target_value(&ev))/>
                        </label>
                        <button type="button" on:click=move |_| endpoint.set(LINEAR_ENDPOINT.to_string())
                            prop:hidden=move || endpoint.with(|e| e == LINEAR_ENDPOINT)>"Use Linear's own"</button>
                        <span class="muted">" Linear's own by default; a proxy can stand in."</span>
                    </div>
                    <div class="pull-row">
                        <DaysPerPoint label="Days per estimate point " value=days_per_point/>
                        " "
                        <button type="button" prop:disabled=move || !idle() on:click=list>"List teams and projects"</button>
                    </div>
                    {move || match picker.get() {
                        None => saved.with(|s| s.as_ref().filter(|s| !s.names.is_empty()).map(|s| view! {
                            <p class="muted">{format!("Chosen: {}. List the teams and projects to change.", s.names.join(", "))}</p>
                        })).into_any(),
                        Some(listed) => view! {
                            <div class="pull-picker">
                                <fieldset>
                                    <legend>"Teams"</legend>
                                    {listed.teams.iter().map(|t| {
                                        let text = match &t.key { Some(key) => format!("{} ({key})", t.name), None => t.name.clone() };
                                        choice_box(true, t.id.clone(), text)
                                    }).collect_view()}
                                </fieldset>
                                <fieldset>
                                    <legend>"Projects"</legend>
                                    {listed.projects.iter().map(|p| choice_box(false, p.id.clone(), p.name.clone())).collect_view()}
                                </fieldset>
                                {listed.warnings.iter().map(|w| view! { <p class="muted">{w.clone()}</p> }).collect_view()}
                            </div>
                        }.into_any(),
                    }}
                    <button type="button" class="primary" prop:disabled=move || !idle() on:click=pull_chosen>"Pull"</button>
                </details>
                <PullProgress busy=busy cancel=cancel stop_label="Stop the Linear pull"/>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">"⚠ " {p}</p> })}
                <MergePreview pending=pending region="Linear pull preview" apply_label="Apply pull"/>
            </section>
        }
}

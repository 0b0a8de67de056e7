//! The first hour: the built-in example says it is the example, and "Start your own
//! program" asks for a name, a start and a target date, then opens an empty Plan that says
//! what to do next. The example can be reopened at any time.

use leptos::prelude::*;

use super::state::{
    expect_clock, expect_document, expect_navigation, expect_notices, expect_persistence,
    Persistence, Route,
};
use super::widgets::{shown, shown_or};
use crate::model::edit::start_program;
use crate::model::example_program;
use crate::store;

/// True when the open program is the built-in example (by its name: renaming it makes it
/// the TPM's own). Asked on every change of the program (the banners follow it), so the
/// example is read once for its name, not again each time (5 ms in the page).
pub(crate) fn is_example(name: &str) -> bool {
    thread_local! {
        static EXAMPLE_NAME: String = example_program().name;
    }
    EXAMPLE_NAME.with(|example| example == name)
}

/// On the landing view, over the example: what it is, and the ways to start your own.
#[component]
pub fn ExampleBanner() -> impl IntoView {
    let doc = expect_document();
    let showing = move || doc.program.with(|p| is_example(&p.name)) && !doc.read_only();
    view! {
        {shown(showing, move || view! {
            <section class="example-banner no-print" aria-labelledby="example-title">
                <h2 id="example-title" class="banner-title">"This is the built-in example program"</h2>
                <p>
                    "It shows a payments launch across five teams, with its risks, decisions and five weeks of status. "
                    "Look around, then start your own: Throughline keeps it in this browser."
                </p>
                <StartProgram/>
                <p class="muted">
                    "Or bring one in: "
                    <a href="#/program">"import a program file"</a>
                    " or "
                    <a href="#/plan">"a Jira or Linear export"</a>
                    ", or open one kept in GitHub from another browser ("
                    <a href="#/program">"Program → Keep in GitHub"</a>
                    ")."
                </p>
            </section>
        }.into_any())}
    }
}

/// On every other view, one line: this is the example, and where to start your own. An
/// edit or an import here would otherwise look like work on a program of one's own.
#[component]
pub fn ExampleNote() -> impl IntoView {
    let doc = expect_document();
    let route = expect_navigation().route;
    let showing = move || {
        route.with(|r| *r != Route::Summary)
            && doc.program.with(|p| is_example(&p.name))
            && !doc.read_only()
    };
    view! {
        {shown(showing, move || view! {
            <p class="example-note no-print" role="note">
                <strong>"Example program. "</strong>
                "Edits here change only the example. "
                <a href=Route::Summary.hash()>"Start your own program"</a>
                " from the Summary."
            </p>
        }.into_any())}
    }
}

/// "Start your own program": name, start and target date; then an empty Plan.
#[component]
pub fn StartProgram() -> impl IntoView {
    let persistence = expect_persistence();
    let notices = expect_notices();
    let navigation = expect_navigation();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let today = expect_clock().today_untracked();
    let start = RwSignal::new(today.to_string());
    let target = RwSignal::new((today + chrono::Duration::days(91)).to_string());
    let error = RwSignal::new(None::<String>);
    let first_field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(input) = first_field.get() {
                let _ = input.focus();
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match start_program(
            &name.get_untracked(),
            &start.get_untracked(),
            &target.get_untracked(),
        ) {
            Ok(program) => {
                let title = program.name.clone();
                persistence.save_new(&store::new_id("p"), &program);
                open.set(false);
                error.set(None);
                notices.notify(
                    format!("Started \"{title}\". Add its teams and work items here; the summary follows."),
                    false,
                );
                navigation.go(Route::Plan);
                // The work continues with the first step the empty Plan names: its teams.
                request_animation_frame(|| {
                    use wasm_bindgen::JsCast;
                    if let Some(field) = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(super::teams::NEW_TEAM_FIELD))
                        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                    {
                        let _ = field.focus();
                    }
                });
            }
            Err(err) => error.set(Some(err.to_string())),
        }
    };
    view! {
        {shown_or(move || open.get(), move || view! {
            <form class="start-program" on:submit=submit aria-label="Start your own program">
                <label class="field"><span>"Program name"</span>
                    <input type="text" node_ref=first_field required placeholder="e.g. Checkout revamp"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <label class="field"><span>"Start"</span>
                    <input type="date" prop:value=move || start.get() on:input=move |ev| start.set(event_target_value(&ev))/>
                </label>
                <label class="field"><span>"Target date"</span>
                    <input type="date" prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev))/>
                </label>
                <div class="actions">
                    <button type="submit" class="primary">"Create program"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        }.into_any(), move || view! {
            <button type="button" class="primary" on:click=move |_| open.set(true)>"Start your own program"</button>
        }.into_any())}
    }
}

/// Opens the built-in example again as a program of its own.
pub fn open_example(persistence: Persistence) {
    persistence.save_new(&store::new_id("p"), &example_program());
}

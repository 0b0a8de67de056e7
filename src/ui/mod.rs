//! The Leptos shell: the state contexts, navigation by URL fragment, header, notices, and
//! one module per view. Views only render the cockpit and send edits; rules live in `model`
//! and `engine`, phrasing in `engine::words`.

mod board;
mod charts;
mod disk;
mod field;
mod files;
mod filter_box;
mod github;
mod import_panel;
mod job;
mod levelling;
#[cfg(feature = "measure")]
mod measure;
mod offline;
mod path;
mod plan;
mod program_view;
mod pull;
mod register;
mod reports;
mod risks;
mod share;
mod shell;
mod start;
mod state;
mod summary;
mod teams;
mod widgets;
mod window;
mod work;

use leptos::prelude::*;

use crate::model::example_program;
use crate::store::{self, Session};
pub use state::Route;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The whole app: reads storage, provides the state, and shows the view the fragment names.
#[component]
pub fn App() -> impl IntoView {
    // New entities' uids must differ from every other browser's: seed their generator from
    // this browser's random source and clock.
    crate::model::uid::seed(
        (js_sys::Math::random() * 9.007_199_254_740_991e15) as u64
            ^ (js_sys::Date::now() as u64) << 11,
    );
    let store = state::local_store();
    let opened = store.as_ref().map(|s| s.open()).unwrap_or_default();
    let tab = store::new_id("tab");
    let first_visit = opened.current.is_none();
    let (program, session) = match &opened.current {
        Some(stored) => (stored.program.clone(), Session::opened(stored, &tab)),
        None => (
            example_program(),
            Session::unsaved(&store::new_id("p"), &tab),
        ),
    };
    let state = state::provide_state(program, session, tab, opened.index.clone());
    let hash = current_hash();
    if first_visit && !share::is_link(&hash) && crate::io::github::Repo::from_link(&hash).is_none()
    {
        // First visit (or nothing readable): store the example as a program of its own.
        state.persistence.save_now();
    }
    if store.is_none() {
        state.notices.notify(
            "This browser does not allow saving here; changes last only while this tab is open. Export the program as a file to keep it.",
            true,
        );
    }
    if let (Some(store), Some(stored)) = (&store, &opened.current) {
        let kept = store.drafts(&stored.id, &stored.program).len();
        if kept > 0 {
            let what = if kept == 1 {
                "1 field".to_string()
            } else {
                format!("{kept} fields")
            };
            state.notices.notify(
                format!("Text you had typed but not saved is back in {what} (marked •): press Enter to save it, Escape to discard it."),
                false,
            );
        }
    }
    for unreadable in opened.unreadable {
        state.notices.notify_kept(
            format!(
                "{} It has been kept exactly as it was and will not be overwritten. You can download it.",
                unreadable.message
            ),
            unreadable.key,
        );
    }

    offline::install(offline::show_notice);
    #[cfg(feature = "measure")]
    measure::install();
    let doc = state::expect_document();
    let github = github::GitHub::provide();
    disk::Disk::provide();
    // A shared copy is read-only: the page says so in its look (style: `.read-only`), and
    // what would edit it (add, delete, record, publish, import) is not offered.
    Effect::new(move |_| {
        let read_only = doc.shared.with(Option::is_some);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().toggle_with_force("read-only", read_only);
        }
    });
    let route_from_hash = move || {
        let hash = current_hash();
        if let Some(route) = Route::from_hash(&hash) {
            state.navigation.filter.set(state::filter_of_hash(&hash));
            state.navigation.route.set(route);
        } else if share::open_link(&hash, doc, state.persistence, state.notices)
            || github::open_link(&hash, doc, state.persistence, state.notices, github)
        {
            state.navigation.route.set(Route::home());
        }
    };
    route_from_hash();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| route_from_hash());
    let persistence = state.persistence;
    // Any key: a removal anywhere on the site may free the space a failed save needed.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        persistence.other_tab_changed(ev.key().as_deref());
    });
    // With edits not stored (storage full) and not exported, leaving the page asks first.
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        persistence.flush();
        if persistence.has_unsaved() {
            ev.prevent_default();
            ev.set_return_value(
                "Some changes are not saved yet: storage is full. Export the program first.",
            );
        }
    });
    let _ = window_event_listener(leptos::ev::pagehide, move |_| persistence.flush());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| persistence.flush());
    let editor = state.editor;
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let undo_key = (ev.ctrl_key() || ev.meta_key())
            && !ev.shift_key()
            && ev.key().eq_ignore_ascii_case("z");
        if undo_key && !shell::typing_in_field(&ev) {
            ev.prevent_default();
            editor.undo_last();
        }
    });

    let route = state.navigation.route;
    view! {
        <a class="skip-link" href="#main" on:click=move |ev| {
            ev.prevent_default();
            shell::focus_main();
        }>"Skip to the content"</a>
        <shell::Header/>
        <shell::Notices/>
        <shell::Conflicts/>
        <share::SharedBanner/>
        <start::ExampleNote/>
        <main id="main" tabindex="-1">
            {move || {
                // A shared copy saved (or closed) draws the view again, editable.
                doc.shared.track();
                match route.get() {
                Route::Summary => summary::SummaryView().into_any(),
                Route::Path => path::PathView().into_any(),
                Route::Register => register::RegisterView().into_any(),
                Route::Board => board::BoardView().into_any(),
                Route::Risks => risks::RisksView().into_any(),
                Route::Plan => plan::PlanView().into_any(),
                Route::Program => program_view::ProgramView().into_any(),
                Route::Report(date) => reports::ReportView(reports::ReportViewProps { date }).into_any(),
                }
            }}
        </main>
    }
}

//! The Leptos shell: the state contexts, navigation by URL fragment, header, notices, and
//! one module per view. Views only render the cockpit and send edits; rules live in `model`
//! and `engine`, phrasing in `engine::words`.

mod board;
mod charts;
mod field;
mod files;
mod import_panel;
mod measure;
mod path;
mod plan;
mod program_view;
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

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::model::example_program;
use crate::store;
pub use state::Route;

/// Today's date from the browser clock (the only place the UI reads it).
fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The whole app: reads storage, provides the state, and shows the view the fragment names.
#[component]
pub fn App() -> impl IntoView {
    let opened = store::open();
    let today = today();
    let first_visit = opened.current.is_none();
    let state = match opened.current.clone() {
        Some(stored) => state::provide_state(
            stored.program,
            stored.id,
            stored.rev,
            opened.index.clone(),
            today,
        ),
        None => state::provide_state(
            example_program(),
            store::new_id("p"),
            0,
            opened.index.clone(),
            today,
        ),
    };
    if first_visit && !share::is_link(&current_hash()) {
        // First visit (or nothing readable): store the example as a program of its own.
        state.persistence.save_now(false);
    }
    if !opened.available {
        state.notices.notify(
            "This browser does not allow saving here; changes last only while this tab is open. Export the program as a file to keep it.",
            true,
        );
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

    measure::install();
    let route_from_hash = move || {
        let hash = current_hash();
        if let Some(route) = Route::from_hash(&hash) {
            state.navigation.route.set(route);
        } else if share::open_link(&hash) {
            state.navigation.route.set(Route::home());
        }
    };
    route_from_hash();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| route_from_hash());
    let persistence = state.persistence;
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            persistence.other_tab_changed(&key);
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
        <share::SharedBanner/>
        <main id="main" tabindex="-1">
            {move || match route.get() {
                Route::Summary => summary::SummaryView().into_any(),
                Route::Path => path::PathView().into_any(),
                Route::Register => register::RegisterView().into_any(),
                Route::Board => board::BoardView().into_any(),
                Route::Risks => risks::RisksView().into_any(),
                Route::Plan => plan::PlanView().into_any(),
                Route::Program => program_view::ProgramView().into_any(),
                Route::Report(date) => reports::ReportView(reports::ReportViewProps { date }).into_any(),
            }}
        </main>
    }
}

//! The Leptos shell: app state, navigation by URL fragment, header, notices, and one module
//! per view. Views only adapt the pure core; rules live in `model` and `engine`.

mod board;
mod files;
mod forecast_runner;
mod format;
mod import_panel;
mod measure;
mod path;
mod plan;
mod program_view;
mod register;
mod risks;
mod share;
mod shell;
mod state;
mod summary;
mod widgets;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::model::example_program;
use crate::store;
pub use state::{use_app, AppState, Route};

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
    let state = match opened.current.clone() {
        Some(stored) => AppState::new(
            stored.program,
            stored.id,
            stored.rev,
            opened.index.clone(),
            today,
        ),
        None => AppState::new(
            example_program(),
            store::new_id("p"),
            0,
            opened.index.clone(),
            today,
        ),
    };
    provide_context(state);
    if opened.current.is_none() && !share::is_link(&current_hash()) {
        // First visit (or nothing readable): store the example as a program of its own.
        state.save_now(false);
    }
    if !opened.available {
        state.notify(
            "This browser does not allow saving here; changes last only while this tab is open. Export the program as a file to keep it.",
            true,
        );
    }
    for unreadable in opened.unreadable {
        state.notify_kept(
            format!(
                "{} It has been kept exactly as it was and will not be overwritten. You can download it.",
                unreadable.message
            ),
            unreadable.key,
        );
    }

    forecast_runner::keep_forecast_current(state);
    measure::install();
    let route_from_hash = move || {
        let hash = current_hash();
        if let Some(route) = Route::from_hash(&hash) {
            state.route.set(route);
        } else if share::open_link(state, &hash) {
            state.route.set(Route::home());
        }
    };
    route_from_hash();
    let _ = window_event_listener(leptos::ev::hashchange, move |_| route_from_hash());
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            state.other_tab_changed(&key);
        }
    });
    let _ = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| state.flush());
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let undo_key = (ev.ctrl_key() || ev.meta_key())
            && !ev.shift_key()
            && ev.key().eq_ignore_ascii_case("z");
        if undo_key && !shell::typing_in_field(&ev) {
            ev.prevent_default();
            state.undo_last();
        }
    });

    view! {
        <shell::Header/>
        <shell::Notices/>
        <share::SharedBanner/>
        <main id="main" tabindex="-1">
            {move || match state.route.get() {
                Route::Summary => summary::SummaryView().into_any(),
                Route::Path => path::PathView().into_any(),
                Route::Register => register::RegisterView().into_any(),
                Route::Board => board::BoardView().into_any(),
                Route::Risks => risks::RisksView().into_any(),
                Route::Plan => plan::PlanView().into_any(),
                Route::Program => program_view::ProgramView().into_any(),
            }}
        </main>
    }
}

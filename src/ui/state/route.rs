//! Navigation: the views, each at a stable address in the URL fragment.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::engine::find::Filter;

/// The views, each with a stable address in the URL fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Summary,
    Path,
    Register,
    Board,
    Risks,
    Plan,
    Program,
    /// A published report, read-only: `#/report/2026-11-20`.
    Report(NaiveDate),
}

impl Route {
    /// The views, in navigation order.
    pub const ALL: [Route; 7] = [
        Route::Summary,
        Route::Path,
        Route::Register,
        Route::Board,
        Route::Risks,
        Route::Plan,
        Route::Program,
    ];

    /// The address of the view, e.g. `#/plan`.
    pub fn hash(self) -> String {
        match self {
            Route::Report(date) => format!("#/report/{date}"),
            other => other.nav_hash().to_string(),
        }
    }

    fn nav_hash(self) -> &'static str {
        match self {
            Route::Summary => "#/summary",
            Route::Path => "#/path",
            Route::Register => "#/register",
            Route::Board => "#/board",
            Route::Risks => "#/risks",
            Route::Plan => "#/plan",
            Route::Program => "#/program",
            Route::Report(_) => "#/report",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Route::Summary => "Summary",
            Route::Path => "Critical path",
            Route::Register => "Register",
            Route::Board => "Board",
            Route::Risks => "Risks & decisions",
            Route::Plan => "Plan",
            Route::Program => "Program",
            Route::Report(_) => "Published report",
        }
    }

    /// The landing view.
    pub fn home() -> Route {
        Route::Summary
    }

    pub fn from_hash(hash: &str) -> Option<Route> {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split_once('?').map_or(path, |(path, _)| path);
        if let Some(date) = path.strip_prefix("report/") {
            return crate::model::edit::parse_ymd(date, '-').map(Route::Report);
        }
        Route::ALL
            .into_iter()
            .find(|route| route.nav_hash().trim_start_matches("#/") == path)
    }
}

/// The filter an address carries after its view (`#/plan?q=api&team=pay`).
pub fn filter_of_hash(hash: &str) -> Filter {
    hash.split_once('?')
        .map(|(_, query)| Filter::from_query(query))
        .unwrap_or_default()
}

/// Which view is showing, and the filter of its list.
#[derive(Clone, Copy)]
pub struct Navigation {
    pub route: RwSignal<Route>,
    /// The filter box of Plan, Register, Board and Risks, kept in the address.
    pub filter: RwSignal<Filter>,
}

pub fn expect_navigation() -> Navigation {
    expect_context::<Navigation>()
}

impl Navigation {
    /// Shows `route` and puts its address in the location bar (a history entry, so Back
    /// returns to the view before).
    pub fn go(&self, route: Route) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_hash(&route.hash());
        }
        self.filter.set(Filter::default());
        self.route.set(route);
    }

    /// Narrows the view's list and keeps the filter in the address (replacing the entry, so
    /// Back still goes to the view before, not to each word typed).
    pub fn set_filter(&self, filter: Filter) {
        let route = self.route.get_untracked();
        let query = filter.to_query();
        let hash = if query.is_empty() {
            route.hash()
        } else {
            format!("{}?{query}", route.hash())
        };
        if let Some(window) = web_sys::window() {
            let location = window.location();
            let path = format!(
                "{}{}{hash}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
            }
        }
        self.filter.set(filter);
    }
}

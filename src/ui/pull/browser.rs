//! The browser side of a pull: `fetch` turned into a plain [`Reply`] the pure core reads,
//! requests that can be cancelled, and the clock (now, a minute tick for "2 h ago", a
//! moment as a local date). Never logs a request, its headers or what came back.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, Response,
};

use crate::io::pull::Reply;

/// The moment from the browser clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// The calendar day a moment falls on in the browser's time zone.
pub fn local_date(moment: DateTime<Utc>) -> NaiveDate {
    let date = js_sys::Date::new(&JsValue::from_f64(moment.timestamp_millis() as f64));
    NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
    .unwrap_or_else(|| moment.date_naive())
}

thread_local! {
    static MINUTES: ArcRwSignal<DateTime<Utc>> = {
        let clock = ArcRwSignal::new(now());
        let tick = clock.clone();
        set_interval(move || tick.set(now()), Duration::from_secs(60));
        clock
    };
}

/// The browser clock, moving once a minute: ages shown ("2 h ago") stay true on a page left
/// open. One timer for the whole app, started on first use.
pub fn minute_clock() -> ArcRwSignal<DateTime<Utc>> {
    MINUTES.with(Clone::clone)
}

/// Gives the page a turn (a task boundary) between long steps of work done in the
/// background (a sync of a 1,000-item program), so that a key pressed meanwhile is answered
/// at once instead of after the whole of it.
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// One request to send.
pub struct Call<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub body: Option<&'a str>,
    pub headers: Vec<(&'a str, &'a str)>,
    /// Send the site's cookies (a Jira Data Center session); never for an API key call.
    pub with_cookies: bool,
    /// Response headers to hand over, when the server lets the page read them.
    pub read_headers: &'a [&'a str],
}

/// Cancels the requests of one panel when it goes away, when the person starts another, or
/// when they press Stop.
#[derive(Clone, Copy)]
pub struct Cancel {
    controller: StoredValue<Option<AbortController>, LocalStorage>,
    /// The person pressed Stop since the work began.
    asked: StoredValue<bool>,
}

/// What a panel says after the person stopped its work.
pub const STOPPED: &str = "Stopped before the end: nothing changed.";

impl Cancel {
    /// A canceller for the current component: its requests stop when it is removed.
    pub fn new() -> Cancel {
        let cancel = Cancel {
            controller: StoredValue::new_local(None),
            asked: StoredValue::new(false),
        };
        on_cleanup(move || cancel.stop());
        cancel
    }

    /// A new piece of work (one or many requests) begins: an earlier Stop no longer counts.
    pub fn begin(&self) {
        self.asked.try_set_value(false);
    }

    /// The person's Stop: ends the request under way, and [`Cancel::stopped`] says so until
    /// the next [`Cancel::begin`].
    pub fn stop_asked(&self) {
        self.asked.try_set_value(true);
        self.stop();
    }

    /// Whether the person stopped the work under way.
    pub fn stopped(&self) -> bool {
        self.asked.try_get_value().unwrap_or(false)
    }

    /// Stops the request under way, if any.
    pub fn stop(&self) {
        if let Some(Some(controller)) = self.controller.try_update_value(Option::take) {
            controller.abort();
        }
    }

    /// A fresh signal for the next request, stopping the one before.
    fn next(&self) -> Option<web_sys::AbortSignal> {
        self.stop();
        let controller = AbortController::new().ok()?;
        let signal = controller.signal();
        self.controller.try_set_value(Some(controller));
        Some(signal)
    }
}

/// A pull's progress line while it works ("Pulling from Linear: page 2…"), with the button
/// that stops it.
#[component]
pub fn PullProgress(
    /// What is under way, or `None` when idle.
    busy: RwSignal<Option<String>>,
    cancel: Cancel,
    /// The Stop button's name ("Stop the Linear pull").
    stop_label: &'static str,
) -> impl IntoView {
    view! {
        <p class="pull-progress" role="status">{move || busy.get()}</p>
        <button type="button" prop:hidden=move || busy.with(Option::is_none)
            on:click=move |_| cancel.stop_asked()>{stop_label}</button>
    }
}

/// Sends `call` and waits for the answer. A failed `fetch` (offline, refused, blocked by
/// CORS or the page's policy, cancelled) is `Reply::failed()`: the browser does not say
/// which, on purpose.
pub async fn send(call: Call<'_>, cancel: Cancel) -> Reply {
    match try_send(call, cancel).await {
        Ok(reply) => reply,
        Err(_) => Reply::failed(),
    }
}

async fn try_send(call: Call<'_>, cancel: Cancel) -> Result<Reply, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let headers = Headers::new()?;
    for (name, value) in &call.headers {
        headers.set(name, value)?;
    }
    let init = RequestInit::new();
    init.set_method(call.method);
    init.set_mode(RequestMode::Cors);
    init.set_cache(RequestCache::NoStore);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_credentials(if call.with_cookies {
        RequestCredentials::Include
    } else {
        RequestCredentials::Omit
    });
    init.set_headers(&headers);
    if let Some(body) = call.body {
        init.set_body(&JsValue::from_str(body));
    }
    let signal = cancel.next();
    init.set_signal(signal.as_ref());
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(call.url, &init))
        .await?
        .dyn_into()?;
    let status = response.status();
    let read = response.headers();
    let kept = call
        .read_headers
        .iter()
        .filter_map(|name| Some((name.to_string(), read.get(name).ok()??)))
        .collect();
    let body = JsFuture::from(response.text()?).await?;
    Ok(Reply {
        status,
        body: body.as_string().unwrap_or_default(),
        headers: kept,
    })
}

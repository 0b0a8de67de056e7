//! Offline and instant on return: registers the service worker (public/sw.js), which keeps
//! this build's files, and offers a newer build with a notice and a Reload button. Never
//! reloads the page unless the person asks (an edit in progress is never interrupted), and
//! fails silently where service workers are unavailable: the app then simply needs the
//! network, as before.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};

/// What the notice says when a newer build is ready.
pub const NEW_VERSION: &str = "New version available — reload";

/// Registers the service worker and calls `on_update` with [`NEW_VERSION`] when a newer
/// build is ready to take over (now, if one was already waiting). Answer it with [`reload`].
pub fn install(on_update: impl Fn(&'static str) + 'static) {
    let Some(container) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        let on_update = std::rc::Rc::new(on_update);
        if container.controller().is_some() {
            // A worker waiting from an earlier visit, while an older one serves this page.
            if registration.waiting().is_some() {
                on_update(NEW_VERSION);
            }
            // Another tab handed over to a newer build: this page is now the older one.
            // ([`reload`] replaces this handler in the tab that asks.)
            let on_update = on_update.clone();
            let handed_over = Closure::<dyn Fn()>::new(move || on_update(NEW_VERSION));
            container.set_oncontrollerchange(Some(handed_over.as_ref().unchecked_ref()));
            handed_over.forget();
        }
        let watched = registration.clone();
        let found = Closure::<dyn Fn()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let on_update = on_update.clone();
            let observed = worker.clone();
            let changed = Closure::<dyn Fn()>::new(move || {
                // `installed` with a controller: an update (the first install just starts serving).
                if observed.state() == web_sys::ServiceWorkerState::Installed
                    && container_has_controller()
                {
                    on_update(NEW_VERSION);
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        });
        registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
        found.forget();
    });
}

/// Hands over to the waiting build and reloads once it serves this page; reloads at once
/// when no build is waiting (another tab already handed over). The app saves on unload.
pub fn reload() {
    let Some(container) = container() else {
        return reload_page();
    };
    let reload_when_served = Closure::<dyn Fn()>::new(reload_page);
    container.set_oncontrollerchange(Some(reload_when_served.as_ref().unchecked_ref()));
    reload_when_served.forget();
    wasm_bindgen_futures::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|value| value.dyn_into::<ServiceWorkerRegistration>().ok());
        match registration.and_then(|r| r.waiting()) {
            Some(waiting) => post_skip_waiting(&waiting),
            None => reload_page(),
        }
    });
}

/// A ready-made notice for [`install`]: the message and a Reload button, after the app's
/// own messages and styled as one of them. For wiring the app's notice area instead, pass a
/// callback that adds a notice whose button calls [`reload`].
pub fn show_notice(message: &'static str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id("new-version").is_some() {
        return;
    }
    let build = || -> Result<web_sys::Element, JsValue> {
        let section = document.create_element("section")?;
        section.set_id("new-version");
        section.set_class_name("notices");
        section.set_attribute("aria-label", "New version")?;
        let notice = document.create_element("div")?;
        notice.set_class_name("notice");
        notice.set_attribute("role", "status")?;
        let text = document.create_element("span")?;
        text.set_text_content(Some(&format!("ℹ {message}")));
        let button = document.create_element("button")?;
        button.set_attribute("type", "button")?;
        button.set_text_content(Some("Reload"));
        let click = Closure::<dyn Fn()>::new(reload);
        button.add_event_listener_with_callback("click", click.as_ref().unchecked_ref())?;
        click.forget();
        notice.append_with_node_2(&text, &button)?;
        section.append_with_node_1(&notice)?;
        Ok(section)
    };
    let Ok(section) = build() else {
        return;
    };
    // Beside the app's messages (never inside: that list is the app's to redraw).
    let placed = match document.query_selector("section.notices").ok().flatten() {
        Some(notices) => notices.after_with_node_1(&section),
        None => document
            .body()
            .map_or(Ok(()), |body| body.prepend_with_node_1(&section)),
    };
    let _ = placed;
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent outside secure contexts (plain http on another host); calling it would throw.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

fn container_has_controller() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

fn post_skip_waiting(worker: &ServiceWorker) {
    if worker
        .post_message(&JsValue::from_str("skip-waiting"))
        .is_err()
    {
        reload_page();
    }
}

fn reload_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

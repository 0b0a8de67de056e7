//! Share links: the header's Share action, and a program opened from a link shown
//! read-only with "Save a copy". A link never replaces a stored program without asking.

use leptos::prelude::*;

use super::state::{
    expect_document, expect_navigation, expect_notices, expect_persistence, Document, Notices,
    Persistence, Route, SharedView,
};
use super::widgets::{shown, Popover};
use crate::engine::words::number;
pub use crate::io::codec::is_link;
use crate::io::codec::{decode_fragment, share_fragment};
use crate::store;

/// Replaces the address bar's fragment without a navigation or a history entry.
pub fn clean_address(route: Route) {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let path = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default(),
            route.hash()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}

/// Opens the program a link carries, read-only. Returns false when `hash` is no link.
/// Runs from the `hashchange` listener, so it is given the contexts it uses.
pub fn open_link(hash: &str, doc: Document, persistence: Persistence, notices: Notices) -> bool {
    let Some(decoded) = decode_fragment(hash) else {
        return false;
    };
    match decoded {
        Ok(loaded) => {
            persistence.flush();
            if doc.shared.with_untracked(Option::is_none) {
                let id = doc.id.get_untracked();
                // Pending edits were just saved; what is stored is what to come back to.
                let stored = persistence.load(&id).is_some() && !persistence.has_unsaved();
                doc.shared.set(Some(SharedView {
                    return_to: stored.then_some(id),
                    from_github: None,
                }));
            }
            doc.program.set(loaded.program);
            for warning in loaded.warnings {
                notices.notify(format!("In the shared program: {warning}"), false);
            }
        }
        Err(err) => {
            notices.notify(format!("This link could not be opened. {err}"), true);
            clean_address(Route::home());
        }
    }
    true
}

/// The banner over a shared program: what it is, and the two ways out.
#[component]
pub fn SharedBanner() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let notices = expect_notices();
    let route = expect_navigation().route;
    let save_copy = move |_| {
        let program = doc.program.get_untracked();
        let name = program.name.clone();
        persistence.save_new(&store::new_id("p"), &program);
        clean_address(route.get_untracked());
        notices.notify(
            format!("Saved a copy of \"{name}\" on this device. It is now yours to edit."),
            false,
        );
    };
    let close = move |_| {
        let Some(shared) = doc.shared.get_untracked() else {
            return;
        };
        match shared.return_to {
            Some(id) => persistence.open_stored(&id),
            None => {
                let example = crate::model::example_program();
                persistence.save_new(&store::new_id("p"), &example);
            }
        }
        clean_address(route.get_untracked());
    };
    view! {
        {shown(move || doc.shared.with(Option::is_some), move || view! {
            <section class="shared-banner" role="region" aria-label="Shared program">
                <p>
                    "You are viewing "
                    <strong>{move || doc.name()}</strong>
                    {move || match doc.shared.with(|s| s.as_ref().and_then(|s| s.from_github.clone())) {
                        Some(place) => format!(
                            ", the current version in GitHub ({place}), opened by link. It is read-only and is not saved on this device: "
                        ),
                        None => ", shared with you by link. It is read-only and is not saved on this device: ".to_string(),
                    }}
                    "you can read every view, print it or copy it as Markdown from Summary, "
                    "or save a copy here to make it yours to edit."
                </p>
                <button type="button" class="primary" on:click=save_copy>"Save a copy"</button>
                <button type="button" on:click=close>"Close without saving"</button>
            </section>
        }.into_any())}
    }
}

/// Longer links (in characters) may be cut by chat and mail apps, so the panel says so.
const LONG_LINK: usize = 4_000;

/// The header's Share action: builds the link when opened, copies it, and shows it with
/// its length.
#[component]
pub fn ShareButton() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let open = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let copied = RwSignal::new(false);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let fragment = doc.program.with_untracked(share_fragment);
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|href| href.split('#').next().unwrap_or_default().to_string())
            .unwrap_or_default();
        let url = format!("{base}#{fragment}");
        copied.set(false);
        if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
            let promise = clipboard.write_text(&url);
            wasm_bindgen_futures::spawn_local(async move {
                if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                    copied.set(true);
                }
            });
        }
        link.set(url);
        persistence.mark_copied();
    });
    view! {
        <Popover trigger=|| "Share" panel_label="Share link" class="share" open=open>
            <label>
                "Share link"
                <input type="text" readonly size="40" prop:value=move || link.get()
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }/>
            </label>
            <p role="status">
                {move || if copied.get() { "Copied to the clipboard. " } else { "Select the link and copy it. " }}
                {move || format!("{} characters. The program travels inside the link; nothing is uploaded.", link.with(|l| number(l.chars().count() as u64)))}
            </p>
            {shown(move || link.with(|l| l.len() > LONG_LINK), || view! {
                <p class="hint">"Some chat and mail apps cut links this long. If it does not open for them, send the program as a file instead: Program → Export program (.json)."</p>
            }.into_any())}
            <button type="button" on:click=move |_| open.set(false)>"Close"</button>
        </Popover>
    }
}

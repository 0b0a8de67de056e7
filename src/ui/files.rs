//! Browser file plumbing: download text as a file, read a picked or dropped file, and the
//! controls the imports and pulls share (the file drop, days per story point).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::store::exception_text;

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |err: JsValue| format!("Could not prepare the download: {}", exception_text(&err));
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("No document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| "Could not create a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        anchor.remove();
    }
    // Revoke later: some browsers read the blob after click() returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// The largest file read: a program of the largest size the app is built for fits easily.
pub const MAX_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Reads a picked or dropped file as text.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(format!(
            "{} is {} MB; files larger than 20 MB are not read.",
            file.name(),
            crate::engine::words::tenths(file.size() / 1_048_576.0)
        ));
    }
    let text = JsFuture::from(file.text())
        .await
        .map_err(|err| format!("Could not read {}: {}", file.name(), exception_text(&err)))?;
    text.as_string()
        .ok_or_else(|| format!("{} is not a text file", file.name()))
}

/// A file name made from a program name: letters, digits and dashes.
pub fn file_stem(name: &str) -> String {
    crate::model::slug(name, "program")
}

/// The files in a list (a picker's or a drop's), in order.
fn listed(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// The files a file picker's `change` event carries; the picker is emptied, so picking the
/// same file again reads it again.
pub fn take_picked(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let picked = listed(input.files());
    input.set_value("");
    picked
}

/// A file picker inside a drop zone: the files picked or dropped go to `files` (the picker
/// is emptied after, so picking the same file again reads it again). `children` follow the
/// picker inside the zone: what else may be dropped or pasted.
#[component]
pub fn FileDrop(
    /// The picker's label: what to pick.
    label: &'static str,
    /// The file types the picker offers.
    accept: &'static str,
    /// Whether several files may be picked at once.
    #[prop(optional)]
    multiple: bool,
    /// Receives the files, in the order given.
    files: Callback<Vec<web_sys::File>>,
    children: Children,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| {
        let picked = take_picked(&ev);
        if !picked.is_empty() {
            files.run(picked);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let dropped = listed(ev.data_transfer().and_then(|dt| dt.files()));
        if !dropped.is_empty() {
            files.run(dropped);
        }
    };
    view! {
        <div
            class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label>
                {label}
                <input type="file" accept=accept multiple=multiple on:change=on_pick/>
            </label>
            {children()}
        </div>
    }
}

/// "Days per story point" for an import or a pull: only a positive number is taken, and
/// `changed` (when given) runs after each one taken.
#[component]
pub fn DaysPerPoint(
    /// The field's label.
    label: &'static str,
    /// The number held.
    value: RwSignal<f64>,
    /// Runs after each change taken (to save the choice).
    #[prop(optional)]
    changed: Option<Callback<()>>,
) -> impl IntoView {
    let take = move |ev: leptos::ev::Event| {
        let typed = crate::model::edit::parse_number(&event_target_value(&ev));
        if let Some(days) = typed.filter(|days| *days > 0.0 && days.is_finite()) {
            value.set(days);
            if let Some(changed) = changed {
                changed.run(());
            }
        }
    };
    view! {
        <label>
            {label}
            <input type="number" min="0.1" step="0.1" size="4"
                prop:value=move || crate::engine::words::decimal(value.get(), 6) on:change=take/>
        </label>
    }
}

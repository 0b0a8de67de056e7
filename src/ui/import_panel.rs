//! Jira / Linear CSV import in the Plan view: a file picker and drag-and-drop, then the
//! preview the live pulls share (what the merge would add, update and flag); nothing
//! changes until "Apply import", which records when each item was imported.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::files::read_text;
use super::pull::{MergePreview, Pending};
use super::state::expect_document;
use crate::io::import::{import_csv, ImportOptions};

/// The import panel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let doc = expect_document();
    let preview = RwSignal::new(None::<Pending>);
    let problem = RwSignal::new(None::<String>);
    let days_per_point = RwSignal::new(1.0f64);
    let dragging = RwSignal::new(false);

    let read = move |file: web_sys::File| {
        let file_name = file.name();
        spawn_local(async move {
            let text = match read_text(file).await {
                Ok(text) => text,
                Err(message) => {
                    let _ = problem.try_set(Some(message));
                    return;
                }
            };
            let Some(days_per_point) = days_per_point.try_get_untracked() else {
                return; // the panel is gone
            };
            let options = ImportOptions {
                days_per_point,
                ..ImportOptions::default()
            };
            match import_csv(&text, &options) {
                Ok(import) => {
                    let what = format!("{} export {file_name}", import.system.label());
                    let action = format!("import of {file_name}");
                    let _ = problem.try_set(None);
                    let _ = preview.try_set(Some(Pending::new(
                        doc,
                        import,
                        what,
                        "the export",
                        action,
                    )));
                }
                Err(err) => {
                    let _ = preview.try_set(None);
                    let _ = problem.try_set(Some(format!("{file_name}: {err}")));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        {
            read(file);
        }
    };
    view! {
        <section class="import-panel no-print" aria-labelledby="import-title">
            <h3 id="import-title">"Import from Jira or Linear"</h3>
            <div
                class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label>
                    "Import a Jira or Linear export (.csv)"
                    <input type="file" accept=".csv,text/csv" on:change=on_pick/>
                </label>
                <span class="muted">" or drop the file here. Re-importing merges by key: your colours, notes, estimates, risks and decisions stay."</span>
                <label>
                    " Days per story point "
                    <input type="number" min="0.1" step="0.1" size="4"
                        prop:value=move || days_per_point.get().to_string()
                        on:change=move |ev| {
                            if let Some(v) = crate::model::edit::parse_number(&event_target_value(&ev)) {
                                if v > 0.0 && v.is_finite() { days_per_point.set(v); }
                            }
                        }/>
                </label>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">"⚠ " {p}</p> })}
            <MergePreview pending=preview region="Import preview" apply_label="Apply import"/>
        </section>
    }
}

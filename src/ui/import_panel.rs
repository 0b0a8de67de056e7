//! Jira / Linear CSV import in the Plan view: a file picker and drag-and-drop, a preview
//! of what the merge would add, update and flag, and nothing changes until "Apply".

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::files::read_text;
use super::state::{expect_document, expect_editor, expect_notices};
use crate::io::import::{import_csv, ImportOptions};
use crate::io::merge::{merge, Merged};

/// A merge waiting for the user's go-ahead.
#[derive(Clone)]
struct Preview {
    file_name: String,
    system: &'static str,
    merged: Merged,
}

/// The import panel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let notices = expect_notices();
    let preview = RwSignal::new(None::<Preview>);
    let problem = RwSignal::new(None::<String>);
    let days_per_point = RwSignal::new(1.0f64);
    let dragging = RwSignal::new(false);

    let read = move |file: web_sys::File| {
        let file_name = file.name();
        spawn_local(async move {
            let text = match read_text(file).await {
                Ok(text) => text,
                Err(message) => {
                    problem.set(Some(message));
                    return;
                }
            };
            let options = ImportOptions {
                days_per_point: days_per_point.get_untracked(),
                ..ImportOptions::default()
            };
            match import_csv(&text, &options) {
                Ok(import) => {
                    let system = import.system.label();
                    let merged = doc.program.with_untracked(|p| merge(p, &import));
                    problem.set(None);
                    preview.set(Some(Preview {
                        file_name,
                        system,
                        merged,
                    }));
                }
                Err(err) => {
                    preview.set(None);
                    problem.set(Some(format!("{file_name}: {err}")));
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
    let apply = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        let label = format!("import {}", p.file_name);
        let merged = p.merged.program.clone();
        match editor.edit(label, move |program| {
            *program = merged;
            Ok(())
        }) {
            Ok(()) => {
                notices.notify(
                    format!(
                        "Imported {}: {}. Undo brings the plan back as it was.",
                        p.file_name,
                        p.merged.report.summary()
                    ),
                    false,
                );
                preview.set(None);
            }
            Err(err) => problem.set(Some(err.to_string())),
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
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                                if v > 0.0 && v.is_finite() { days_per_point.set(v); }
                            }
                        }/>
                </label>
            </div>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">"⚠ " {p}</p> })}
            {move || preview.get().map(|p| {
                let report = p.merged.report.clone();
                let list = |title: &'static str, ids: Vec<String>| {
                    (!ids.is_empty()).then(|| view! {
                        <p><strong>{title}</strong> " " {ids.join(", ")}</p>
                    })
                };
                view! {
                    <div class="import-preview" role="region" aria-label="Import preview">
                        <p>{format!("{} export {}: {}.", p.system, p.file_name, report.summary())}</p>
                        {list("Added:", report.added.clone())}
                        {list("Updated:", report.updated.iter().map(|(id, fields)| format!("{id} ({})", fields.join(", "))).collect())}
                        {list("No longer in the export (kept, not deleted):", report.missing.clone())}
                        {(!report.warnings.is_empty()).then(|| view! {
                            <details><summary>{format!("{} warning(s)", report.warnings.len())}</summary>
                                <ul>{report.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                            </details>
                        })}
                        <button type="button" class="primary" on:click=apply>"Apply import"</button>
                        <button type="button" on:click=move |_| preview.set(None)>"Cancel"</button>
                    </div>
                }
            })}
        </section>
    }
}

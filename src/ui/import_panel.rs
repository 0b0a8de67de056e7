//! Jira / Linear CSV import in the Plan view: a file picker and drag-and-drop, then the
//! preview the live pulls share (what the merge would add, update and flag); nothing
//! changes until "Apply import", which records when each item was imported.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::files::{read_text, DaysPerPoint, FileDrop};
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
    let files = Callback::new(move |files: Vec<web_sys::File>| {
        if let Some(file) = files.into_iter().next() {
            read(file);
        }
    });
    view! {
        <section class="import-panel no-print" aria-labelledby="import-title">
            <h3 id="import-title">"Import from Jira or Linear"</h3>
            <FileDrop label="Import a Jira or Linear export (.csv)" accept=".csv,text/csv" files=files>
                <span class="muted">" or drop the file here. Re-importing merges by key: your colours, notes, estimates, risks and decisions stay."</span>
                <DaysPerPoint label=" Days per story point " value=days_per_point/>
            </FileDrop>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">"⚠ " {p}</p> })}
            <MergePreview pending=preview region="Import preview" apply_label="Apply import"/>
        </section>
    }
}

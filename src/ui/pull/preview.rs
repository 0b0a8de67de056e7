//! The one preview and "Apply" for everything that brings tracker issues in — a CSV export,
//! a Linear pull, Jira search pages: what the merge would add, update and flag as no longer
//! in the source. Nothing changes until Apply, which merges again onto the program as it
//! is then (so edits made while the preview was open are kept), through the editor
//! (undoable, saved), recording provenance at the browser's now.

use leptos::prelude::*;

use super::browser::now;
use crate::io::merge::{merge_at, MergeReport};
use crate::io::Import;
use crate::model::{Program, Shared};
use crate::store;
use crate::ui::start::is_example;
use crate::ui::state::{
    expect_clock, expect_document, expect_editor, expect_notices, expect_persistence, Document,
};

/// The program an import into the built-in example goes into instead: a new one of the
/// person's own, named after what came in ("From Linear pull of ENG"), starting `today` with a target a quarter later, holding the example's
/// teams (so the items' teams keep their names) and nothing else of it.
fn own_program(what: &str, today: chrono::NaiveDate) -> Program {
    let mut program = Program::new(&format!("From {what}"), today);
    program.target = today + chrono::Duration::days(91);
    program.teams = crate::model::example_program()
        .teams
        .iter()
        .map(|t| Shared::from((**t).clone()))
        .collect();
    program
}

/// A merge waiting for the person's go-ahead.
#[derive(Debug, Clone)]
pub struct Pending {
    /// The program it was previewed on: Apply refuses to merge it into another.
    program_id: String,
    /// What came in, as the first line says it: "Linear pull of ENG", "Jira export a.csv".
    pub what: String,
    /// Where items no longer listed are no longer: "Linear", "Jira", "the export".
    pub source: String,
    /// The undo label and the start of the notice after Apply: "import a.csv", "pull from Linear".
    pub action: String,
    import: Import,
    report: MergeReport,
}

impl Pending {
    /// Previews `import` on the open program.
    pub fn new(
        doc: Document,
        import: Import,
        what: impl Into<String>,
        source: impl Into<String>,
        action: impl Into<String>,
    ) -> Pending {
        // Into the example, the items would go into a program of their own (see Apply).
        let report = doc.program.with_untracked(|program| {
            if is_example(&program.name) {
                merge_at(&Program::new("", program.start), &import, now()).report
            } else {
                merge_at(program, &import, now()).report
            }
        });
        Pending {
            program_id: doc.id.get_untracked(),
            what: what.into(),
            source: source.into(),
            action: action.into(),
            import,
            report,
        }
    }
}

/// "3 added, 5 updated, 2 unchanged, 1 no longer in Linear".
fn summary(report: &MergeReport, source: &str) -> String {
    let mut parts = Vec::new();
    if !report.added.is_empty() {
        parts.push(format!("{} added", report.added.len()));
    }
    if !report.updated.is_empty() {
        parts.push(format!("{} updated", report.updated.len()));
    }
    if !report.unchanged.is_empty() {
        parts.push(format!("{} unchanged", report.unchanged.len()));
    }
    if !report.missing.is_empty() {
        parts.push(format!("{} no longer in {source}", report.missing.len()));
    }
    if parts.is_empty() {
        "nothing to bring in".to_string()
    } else {
        parts.join(", ")
    }
}

/// The preview of `pending` with Apply and Cancel; shows nothing while it is `None`.
#[component]
pub fn MergePreview(
    /// The merge waiting; set to `None` by Apply and Cancel.
    pending: RwSignal<Option<Pending>>,
    /// The region's accessible name: "Import preview", "Linear pull preview".
    #[prop(into)]
    region: String,
    /// The Apply button's text: "Apply import", "Apply pull".
    apply_label: &'static str,
) -> impl IntoView {
    let doc = expect_document();
    let editor = expect_editor();
    let notices = expect_notices();
    let persistence = expect_persistence();
    let clock = expect_clock();
    let problem = RwSignal::new(None::<String>);
    // The built-in example stays the example: what is brought in starts a program of the
    // person's own instead of being merged into it.
    let into_example = move || doc.program.with(|p| is_example(&p.name)) && !doc.read_only();
    // Once applied, focus goes to the first item that came in (in Plan, where the
    // previews live).
    let show = use_context::<crate::ui::plan::ShowItem>();
    let show_first = move |first: Option<String>| {
        if let (Some(show), Some(id)) = (show, first) {
            show.0.run(id);
        }
    };
    let apply = move |_| {
        let Some(Some(p)) = pending.try_get_untracked() else {
            return;
        };
        if p.program_id == doc.id.get_untracked() && into_example() {
            let own = own_program(&p.what, clock.refresh());
            let merged = merge_at(&own, &p.import, now());
            let name = merged.program.name.clone();
            let count = merged.report.added.len();
            let first = merged.report.added.first().cloned();
            let id = store::new_id("p");
            if let Some(stored) = crate::ui::state::local_store() {
                stored.copy_pull_choices(&p.program_id, &id);
            }
            persistence.save_new(&id, &merged.program);
            notices.notify(
                format!(
                    "The example stays as it was: the {count} item{} are in a new program, “{name}”. Set its name, start and target in Program.",
                    if count == 1 { "" } else { "s" }
                ),
                false,
            );
            problem.set(None);
            pending.set(None);
            show_first(first);
            return;
        }
        if p.program_id != doc.id.get_untracked() {
            pending.set(None);
            notices.notify(
                "Another program was opened since this preview, so nothing was applied. Pull or import again.",
                true,
            );
            return;
        }
        let at = now();
        let mut report = None;
        let result = editor.edit(p.action.clone(), |program| {
            let merged = merge_at(program, &p.import, at);
            *program = merged.program;
            report = Some(merged.report);
            Ok(())
        });
        match result {
            Ok(()) => {
                let report = report.as_ref().unwrap_or(&p.report);
                let said = summary(report, &p.source);
                let first = report.added.first().cloned();
                notices.notify(
                    format!(
                        "Applied the {}: {said}. Undo (Ctrl+Z) brings the plan back as it was.",
                        p.action
                    ),
                    false,
                );
                problem.set(None);
                pending.set(None);
                show_first(first);
            }
            Err(err) => problem.set(Some(err.to_string())),
        }
    };
    move || {
        pending.get().map(|p| {
            let report = &p.report;
            let source = p.source.clone();
            let list = |title: String, ids: Vec<String>| {
                (!ids.is_empty()).then(|| view! { <p><strong>{title}</strong> " " {ids.join(", ")}</p> })
            };
            let updated = report
                .updated
                .iter()
                .map(|(id, fields)| format!("{id} ({})", fields.join(", ")))
                .collect();
            let warnings = report.warnings.clone();
            view! {
                <div class="import-preview" role="region" aria-label=region.clone()>
                    <p>{format!("{}: {}.", p.what, summary(report, &source))}</p>
                    {list("Added:".to_string(), report.added.clone())}
                    {list("Updated:".to_string(), updated)}
                    {list(format!("No longer in {source} (kept, not deleted):"), report.missing.clone())}
                    {(!warnings.is_empty()).then(|| view! {
                        <details><summary>{format!("{} warning(s)", warnings.len())}</summary>
                            <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        </details>
                    })}
                    {move || if into_example() {
                        view! { <p class="hint">"This is the built-in example: the items go into a new program of your own, and the example stays as it is."</p> }.into_any()
                    } else {
                        view! { <p class="hint">"Nothing changes until you apply; your colours, notes, estimates, risks and decisions stay."</p> }.into_any()
                    }}
                    <button type="button" class="primary" on:click=apply>
                        {move || if into_example() { "Start a new program with these items" } else { apply_label }}
                    </button>
                    " "
                    <button type="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                    {move || problem.get().map(|e| view! { <p class="error" role="alert">"⚠ " {e}</p> })}
                </div>
            }
        })
    }
}

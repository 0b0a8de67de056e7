//! One editable field, used by every view: it shows the committed value, or the text being
//! typed (kept as a draft, so nothing re-rendering the field wipes it), commits on Enter
//! (then moves to the next field of its row, as Tab does) or when focus leaves, reverts on
//! Escape, and shows a refused value's reason beside itself. A stand-in value (a new row's
//! "New work item") is selected whenever the field gets focus, so typing replaces it. In a
//! shared copy, which is read-only, the field is a read-only box that reads as text.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::state::{expect_document, expect_drafts};
use crate::model::edit::EditError;

/// How a field is typed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text that wraps over several lines in its cell; Enter commits (no line breaks).
    Long,
    /// Several lines (holidays, notes); Enter adds a line, leaving the field commits.
    Lines,
    Date,
    /// A whole number.
    Number,
    /// One of a list: (key, label).
    Choice(Vec<(String, String)>),
}

/// Commits a field's text: the edit, or why it was refused.
pub type Commit = Callback<String, Result<(), EditError>>;

/// An id usable in HTML from a draft key ("items/PAY-1/owner" → "f-items-PAY-1-owner").
fn html_id(key: &str) -> String {
    let mut id = String::from("f-");
    id.extend(
        key.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }),
    );
    id
}

/// An editable field.
#[component]
pub fn Field(
    /// The accessible name, saying what and of what: "Owner of VEND-1".
    #[prop(into)]
    label: Signal<String>,
    /// Unique per field of the program, e.g. "items/PAY-1/owner": where its draft is kept.
    #[prop(into)]
    draft_key: String,
    kind: Kind,
    /// The committed value, as the edit box shows it.
    #[prop(into)]
    value: Signal<String>,
    /// Applies the text typed; a refused value is shown beside the field.
    commit: Commit,
    /// Shown in the empty field.
    #[prop(optional, into)]
    placeholder: String,
    /// Extra class on the input.
    #[prop(optional, into)]
    class: String,
    /// A stand-in value (a new row's title): when the field shows it, focus selects it all.
    #[prop(default = None)]
    stand_in: Option<String>,
) -> impl IntoView {
    let drafts = expect_drafts();
    let doc = expect_document();
    // A shared copy's fields read as text: not typed in, still read and copied. Read once:
    // the views are drawn again when a copy is saved (ui/mod.rs), so no field pays for a
    // subscription of its own.
    let read_only = doc.read_only();
    let draft = RwSignal::new(drafts.get(&draft_key));
    let error = RwSignal::new(None::<String>);
    let error_id = format!("{}-error", html_id(&draft_key));
    let shown = move || draft.get().unwrap_or_else(|| value.get());

    let key = StoredValue::new(draft_key);
    let apply = move |text: String| match commit.run(text) {
        Ok(()) => {
            draft.set(None);
            error.set(None);
            key.with_value(|k| drafts.clear(k));
        }
        Err(err) => error.set(Some(err.beside_field())),
    };
    let typed = move |text: String| {
        key.with_value(|k| drafts.set(k, &text));
        draft.set(Some(text));
    };
    let discard = move || {
        draft.set(None);
        error.set(None);
        key.with_value(|k| drafts.clear(k));
    };
    // Enter commits (except in a field of several lines, where it starts a new one) and
    // focus leaving commits: the browser's own `change` does not fire for a draft restored
    // after a reload that was not edited again, so the field commits its draft itself.
    let on_key = move |ev: KeyboardEvent, enter_commits: bool| match ev.key().as_str() {
        "Escape" if draft.with_untracked(Option::is_some) => {
            ev.prevent_default();
            discard();
        }
        "Enter" if enter_commits && !ev.shift_key() => {
            ev.prevent_default();
            let accepted = match draft.get_untracked() {
                Some(text) => {
                    apply(text);
                    error.with_untracked(Option::is_none)
                }
                None => true,
            };
            if accepted {
                focus_next_in_row(&ev);
            }
        }
        _ => {}
    };
    // A stand-in value is selected however focus arrives (Tab, a click, a program's focus):
    // the click's own mouseup would put the caret back, so that one is held off.
    let selected_on_focus = StoredValue::new(false);
    let stand_in = StoredValue::new(stand_in);
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        let shows_stand_in = stand_in.with_value(|s| {
            s.as_deref().is_some_and(|s| {
                draft.with_untracked(Option::is_none) && value.with_untracked(|v| v == s)
            })
        });
        if shows_stand_in {
            stand_in.with_value(|s| select_target(&ev, s.as_deref().unwrap_or_default()));
            selected_on_focus.set_value(true);
        }
    };
    let on_mouse_up = move |ev: leptos::ev::MouseEvent| {
        if selected_on_focus.get_value() {
            selected_on_focus.set_value(false);
            ev.prevent_default();
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let described = error_id.clone();
    let described_by = move || error.with(Option::is_some).then(|| described.clone());
    // A focused field removed with its view (the view changed) still fires `change` as it
    // loses focus, after this component is gone: then there is nothing left to commit to.
    let commit_draft = move || {
        if let Some(Some(text)) = draft.try_get_untracked() {
            apply(text);
        }
    };

    let input = match kind {
        Kind::Choice(options) => view! {
            <select aria-label=label class=class aria-invalid=invalid aria-describedby=described_by
                disabled=read_only prop:value=shown
                on:change=move |ev| apply(event_target_value(&ev))>
                {options.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        Kind::Long | Kind::Lines => {
            let multi_line = kind == Kind::Lines;
            let rows = if multi_line { "4" } else { "2" };
            view! {
                <textarea aria-label=label class=format!("field-long {class}") rows=rows
                    placeholder=placeholder aria-invalid=invalid aria-describedby=described_by
                    readonly=read_only prop:value=shown
                    on:input=move |ev| typed(event_target_value(&ev))
                    on:change=move |_| commit_draft()
                    on:blur=move |_| commit_draft()
                    on:focus=on_focus on:mouseup=on_mouse_up
                    on:keydown=move |ev| on_key(ev, !multi_line)></textarea>
            }
            .into_any()
        }
        other => {
            let (kind, mode) = match other {
                Kind::Date => ("date", None),
                Kind::Number => ("text", Some("numeric")),
                _ => ("text", None),
            };
            // In a shared copy a date reads as its text: no empty "mm/dd/yyyy", no picker.
            let kind = if read_only { "text" } else { kind };
            view! {
                <input type=kind inputmode=mode aria-label=label class=class placeholder=placeholder
                    aria-invalid=invalid aria-describedby=described_by
                    readonly=read_only prop:value=shown
                    on:input=move |ev| typed(event_target_value(&ev))
                    on:change=move |_| commit_draft()
                    on:blur=move |_| commit_draft()
                    on:focus=on_focus on:mouseup=on_mouse_up
                    on:keydown=move |ev| on_key(ev, true)/>
            }
            .into_any()
        }
    };
    view! {
        {input}
        {move || error.get().map(|message| view! {
            <span class="field-error" id=error_id.clone() role="alert">{message}</span>
        })}
        {move || draft.with(Option::is_some).then(|| view! {
            <span class="draft-mark" title="Not saved yet: press Enter to save, Escape to discard">"•"</span>
        })}
    }
}

/// Selects the text of the field an event happened in.
/// Selects the whole of the focused field, holding `text`. Focus can arrive before the
/// field's value is written (a new row focused as it is drawn): the text is written first,
/// so the selection covers it and the value written next, the same, leaves it in place.
fn select_target(ev: &leptos::ev::FocusEvent, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(target) = ev.target() else { return };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.value() != text {
            input.set_value(text);
        }
        input.select();
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        if area.value() != text {
            area.set_value(text);
        }
        area.select();
    }
}

/// Moves focus to the next field of the row (table row or card) the key was pressed in, as
/// Tab would; stays put in the last one, or outside any row.
fn focus_next_in_row(ev: &KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(here) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Some(row) = here.closest("tr, .card, .field-row").ok().flatten() else {
        return;
    };
    let Ok(fields) = row.query_selector_all("input, textarea, select") else {
        return;
    };
    let mut after = false;
    for i in 0..fields.length() {
        let Some(field) = fields
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        if after {
            let _ = field.focus();
            return;
        }
        after = field.is_same_node(Some(&here));
    }
}

//! One editable field, used by every view: it shows the committed value, or the text being
//! typed (kept as a draft, so nothing re-rendering the field wipes it), commits on Enter or
//! when focus leaves, reverts on Escape, and shows a refused value's reason beside itself.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use super::state::expect_drafts;
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
    label: String,
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
) -> impl IntoView {
    let drafts = expect_drafts();
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
            if let Some(text) = draft.get_untracked() {
                apply(text);
            }
        }
        _ => {}
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
                prop:value=shown
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
                    prop:value=shown
                    on:input=move |ev| typed(event_target_value(&ev))
                    on:change=move |_| commit_draft()
                    on:blur=move |_| commit_draft()
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
            view! {
                <input type=kind inputmode=mode aria-label=label class=class placeholder=placeholder
                    aria-invalid=invalid aria-describedby=described_by
                    prop:value=shown
                    on:input=move |ev| typed(event_target_value(&ev))
                    on:change=move |_| commit_draft()
                    on:blur=move |_| commit_draft()
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

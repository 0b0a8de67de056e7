//! Small shared pieces: colour pills with labels (colour is never the only signal) and the
//! float as words.

use leptos::prelude::*;

use crate::model::Colour;

/// A colour with its name and an icon, e.g. "● Red".
#[component]
pub fn ColourPill(
    /// The colour, or `None` for "No status".
    colour: Option<Colour>,
    /// Added after the name, e.g. " (auto)".
    #[prop(optional, into)]
    suffix: String,
) -> impl IntoView {
    let (class, text) = match colour {
        Some(Colour::Green) => ("pill color-green", "✓ Green"),
        Some(Colour::Yellow) => ("pill color-yellow", "▲ Yellow"),
        Some(Colour::Red) => ("pill color-red", "■ Red"),
        None => ("pill color-none", "○ No status"),
    };
    view! { <span class=class>{text}{suffix}</span> }
}

/// Critical / near-critical / float, as words beside the number.
pub fn float_text(float: i64, critical: bool, near: bool) -> String {
    if critical {
        "◆ critical (0)".into()
    } else if near {
        format!("◇ near-critical ({float})")
    } else {
        float.to_string()
    }
}

//! Long lists that draw only the rows in view. A list of 5,000 work items is 5,000 ids in
//! memory but only the rows near the screen (and the row holding focus) in the page; the rest
//! is two spacers of the height the missing rows would take. Rows keep their place (keyed by
//! uid, so focus and typing survive other rows coming and going), every row says its
//! position (`aria-rowindex` in a table, `aria-posinset` in a feed), and moving through the
//! rows by keyboard scrolls them into view, which draws the next ones.
//!
//! The page scrolls, not the list: the visible range comes from the list's place in the
//! window, re-read on scroll and resize, and changes only when whole rows come into view.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Rows drawn beyond each edge of the screen, so Tab and a quick scroll find them there:
/// about this many pixels' worth, …
const OVERSCAN_PX: f64 = 700.0;
/// …and at least this many rows.
const OVERSCAN: usize = 3;
/// Lists this short are drawn whole: they cost little to draw (every key press already
/// touches only its own row), and the browser's own find then sees every row.
const DRAW_ALL_UP_TO: usize = 120;
/// The height a row is taken to have before one has been measured (px): a table row, a card.
const FIRST_GUESS: (f64, f64) = (90.0, 170.0);

/// A row of a windowed list: its uid and its position in the whole list.
type Row = Arc<dyn Fn(String, Signal<usize>) -> AnyView + Send + Sync>;

/// What is drawn: a row, or one of the (at most three) gaps standing in for rows not
/// drawn: before the drawn rows, between them and a focused row far off, and after. A gap
/// keeps its identity while its height changes, so the keyed list never moves the drawn
/// rows around it (moving a row in the page would take focus from the field in it).
#[derive(Clone, PartialEq)]
enum Slot {
    Row(String),
    Gap(usize),
}

impl Slot {
    fn key(&self) -> String {
        match self {
            Slot::Row(uid) => uid.clone(),
            // Not a uid: uids are ten characters of [0-9a-z].
            Slot::Gap(which) => format!("gap {which}"),
        }
    }
}

/// The element kind the rows sit in: table rows, or items of a feed (the Board's cards).
#[derive(Clone, Copy, PartialEq)]
pub enum Layout {
    /// `<tr>` rows in a `<tbody>`; gaps are rows with one cell spanning `columns`.
    Table { columns: usize },
    /// Block elements in a `<div role="feed">`; gaps are empty blocks.
    Feed,
}

/// The rows of `ids` near the screen, each built by `row` from its uid and its position
/// (0-based, live). Put it where the rows go: inside a `<tbody>` for [`Layout::Table`]. Each
/// row's outer element carries `class="window-row"` and `data-uid` (its height is measured
/// and focus inside it keeps it drawn).
///
/// Setting `reveal` to a uid scrolls that row into view (it is drawn there); the row itself
/// takes focus and clears `reveal`.
pub fn windowed(
    ids: Signal<Vec<String>>,
    layout: Layout,
    reveal: RwSignal<Option<String>>,
    row: impl Fn(String, Signal<usize>) -> AnyView + Send + Sync + 'static,
) -> AnyView {
    windowed_rows(ids, layout, reveal, Arc::new(row))
}

fn viewport_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
}

/// The first and one-past-last index of the rows within the screen plus the overscan, for
/// a list whose first row is `top` px below the top of the screen.
fn visible(top: f64, row_height: f64, screen: f64, count: usize) -> (usize, usize) {
    if count <= DRAW_ALL_UP_TO {
        return (0, count);
    }
    let h = row_height.max(8.0);
    let overscan = ((OVERSCAN_PX / h).ceil() as usize).max(OVERSCAN);
    let first = ((-top) / h).floor().max(0.0) as usize;
    let last = ((screen - top) / h).ceil().max(0.0) as usize;
    let start = first.saturating_sub(overscan).min(count);
    let end = (last + overscan).min(count).max(start);
    (start, end)
}

/// The rows of the first screen from the top (all of a short list), before anything is
/// measured.
fn first_screen(row_height: f64, screen: f64, count: usize) -> (usize, usize) {
    if count <= DRAW_ALL_UP_TO {
        return (0, count);
    }
    let rows = (screen / row_height.max(8.0)).ceil() as usize + 1;
    (0, rows.min(count))
}

thread_local! {
    /// The row heights last measured, by kind of list, so a list shown again starts right
    /// (a wrong guess makes the page jump while it is corrected).
    static HEIGHTS: std::cell::RefCell<Vec<(Layout, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn remembered_height(layout: Layout) -> Option<f64> {
    HEIGHTS.with(|h| {
        h.borrow()
            .iter()
            .find(|(l, _)| *l == layout)
            .map(|(_, h)| *h)
    })
}

fn remember_height(layout: Layout, height: f64) {
    HEIGHTS.with(|h| {
        let mut heights = h.borrow_mut();
        heights.retain(|(l, _)| *l != layout);
        heights.push((layout, height));
    });
}

/// The element the rows sit in (where the first row starts): the anchor's table body, or
/// the feed it is in.
fn list_of(anchor: &web_sys::Element) -> Option<web_sys::Element> {
    anchor
        .closest("tbody")
        .ok()
        .flatten()
        .or_else(|| anchor.parent_element())
}

fn windowed_rows(
    ids: Signal<Vec<String>>,
    layout: Layout,
    reveal: RwSignal<Option<String>>,
    row: Row,
) -> AnyView {
    // Until measured: as many rows as a screen of first guesses holds.
    let guess = remembered_height(layout).unwrap_or(match layout {
        Layout::Table { .. } => FIRST_GUESS.0,
        Layout::Feed => FIRST_GUESS.1,
    });
    // The first paint draws one screen of rows, no overscan: the rest follow right after it.
    let count = ids.with_untracked(Vec::len);
    let range = RwSignal::new(first_screen(guess, viewport_height(), count));
    let painted = StoredValue::new(false);
    let row_height = RwSignal::new(guess);
    // The uid of the row holding focus: it stays drawn wherever the window goes.
    let focused = RwSignal::new(None::<String>);
    let anchor = NodeRef::<html::Span>::new();

    // Where each uid sits, for the live positions and the focused row.
    let positions = Memo::new(move |_| {
        ids.with(|ids| {
            ids.iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect::<HashMap<_, _>>()
        })
    });

    // Also runs from an animation frame asked for just before the list went away (another
    // view opened): then its signals are gone, and it does nothing.
    let measure = move || {
        let Some(Some(anchor)) = anchor.try_get_untracked() else {
            return;
        };
        let Some(parent) = list_of(&anchor) else {
            return;
        };
        let top = parent.get_bounding_client_rect().top();
        // The drawn rows tell the height of a row, margins included: the average distance
        // from one row's top to the next's (a lone row: its own height).
        let children = parent.children();
        let (mut total, mut steps) = (0.0, 0usize);
        let mut previous: Option<f64> = None;
        let mut lone = None;
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            if !child.class_list().contains("window-row") {
                previous = None;
                continue;
            }
            let rect = child.get_bounding_client_rect();
            if let Some(top) = previous {
                total += rect.top() - top;
                steps += 1;
            }
            lone.get_or_insert(rect.height());
            previous = Some(rect.top());
        }
        let average = if steps > 0 {
            Some(total / steps as f64)
        } else {
            lone
        };
        let (Some(height), Some(count), Some(now)) = (
            row_height.try_get_untracked(),
            ids.try_with_untracked(Vec::len),
            range.try_get_untracked(),
        ) else {
            return;
        };
        let height = match average.filter(|a| *a > 0.0) {
            Some(average) if (average - height).abs() > 0.5 => {
                row_height.set(average);
                remember_height(layout, average);
                average
            }
            _ => height,
        };
        let next = visible(top, height, viewport_height(), count);
        if next != now {
            range.set(next);
        }
    };
    let scroll = window_event_listener(ev::scroll, move |_| measure());
    let resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
    });
    // After every change of the rows drawn, look again: at once (where the list is), and
    // after the next layout (heights are known only once drawn).
    Effect::new(move |_| {
        range.track();
        ids.track();
        if !painted.get_value() {
            // Not before the first paint, which then shows the first screen at once.
            painted.set_value(true);
            request_animation_frame(move || set_timeout(measure, std::time::Duration::ZERO));
            return;
        }
        measure();
        request_animation_frame(measure);
    });
    // A row to reveal: the page scrolls to put it a third of the way down the screen, and
    // the rows drawn follow the scroll, so the row is drawn among its neighbours (never
    // alone, which would move it in the page once the rest caught up, losing its focus).
    Effect::new(move |_| {
        let Some(at) = reveal.with(|r| {
            r.as_ref()
                .and_then(|uid| positions.with(|p| p.get(uid).copied()))
        }) else {
            return;
        };
        let parent = anchor.get_untracked().and_then(|a| list_of(&a));
        if let (Some(parent), Some(window)) = (parent, web_sys::window()) {
            let screen = viewport_height();
            let row_top =
                parent.get_bounding_client_rect().top() + at as f64 * row_height.get_untracked();
            if !(0.0..screen - row_height.get_untracked()).contains(&row_top) {
                let y = window.scroll_y().unwrap_or(0.0) + row_top - screen / 3.0;
                window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or(0.0), y.max(0.0));
            }
        }
        measure();
    });

    // What is drawn, and how many rows each of the three gaps stands in for.
    let layout_now = Memo::new(move |_| {
        let (start, end) = range.get();
        let focus = focused
            .get()
            .and_then(|uid| positions.with(|p| p.get(&uid).copied()));
        ids.with(|ids| {
            let count = ids.len();
            let (start, end) = (start.min(count), end.min(count));
            let mut slots = Vec::with_capacity(end - start + 4);
            let mut gaps = [start, 0, 0];
            slots.push(Slot::Gap(0));
            match focus.filter(|f| !(start..end).contains(f)) {
                Some(f) if f < start => {
                    gaps = [f, start - f - 1, count - end];
                    slots.push(Slot::Row(ids[f].clone()));
                    slots.push(Slot::Gap(1));
                    slots.extend(ids[start..end].iter().cloned().map(Slot::Row));
                }
                Some(f) => {
                    slots.extend(ids[start..end].iter().cloned().map(Slot::Row));
                    slots.push(Slot::Gap(1));
                    slots.push(Slot::Row(ids[f].clone()));
                    gaps[1] = f - end;
                    gaps[2] = count - f - 1;
                }
                None => {
                    slots.extend(ids[start..end].iter().cloned().map(Slot::Row));
                    gaps[2] = count - end;
                }
            }
            slots.push(Slot::Gap(2));
            (slots, gaps)
        })
    });
    // Set while the rows drawn change (until the next frame): only then can a field lose
    // focus because its row was moved, rather than because the person or a script left it.
    let redrawing = StoredValue::new(false);
    let slots = Memo::new(move |_| {
        redrawing.set_value(true);
        request_animation_frame(move || {
            let _ = redrawing.try_set_value(false);
        });
        layout_now.with(|(slots, _)| slots.clone())
    });
    let gaps = Memo::new(move |_| layout_now.with(|(_, gaps)| *gaps));

    // Focus anywhere: if it is in one of this list's rows, that row stays drawn.
    let track_focus = window_event_listener(ev::focusin, move |ev| {
        let uid = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".window-row").ok().flatten())
            .and_then(|row| row.get_attribute("data-uid"))
            .filter(|uid| positions.with_untracked(|p| p.contains_key(uid)));
        if uid != focused.get_untracked() {
            focused.set(uid);
        }
    });
    // The keyed list may move a row in the page while it redraws the rows around it, and a
    // moved field loses focus with nowhere to go. Such a field (still in the page, focus
    // gone to the page itself, while the rows drawn changed, and no click or touch that
    // moved it) gets it back. A field left on purpose (a blur) stays left: Ctrl+Z after it
    // is the app's undo, not the field's own.
    let pressing = StoredValue::new(false);
    let press = window_event_listener(ev::pointerdown, move |_| pressing.set_value(true));
    let release = window_event_listener(ev::pointerup, move |_| pressing.set_value(false));
    let restore = window_event_listener(ev::focusout, move |ev| {
        if ev.related_target().is_some()
            || pressing.try_get_value() != Some(false)
            || redrawing.try_get_value() != Some(true)
        {
            return;
        }
        let Some(field) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let ours = field
            .closest(".window-row")
            .ok()
            .flatten()
            .and_then(|row| row.get_attribute("data-uid"))
            .is_some_and(|uid| {
                positions
                    .try_with_untracked(|p| p.contains_key(&uid))
                    .unwrap_or(false)
            });
        if ours {
            request_animation_frame(move || {
                let document = web_sys::window().and_then(|w| w.document());
                let lost = document
                    .as_ref()
                    .and_then(|d| d.active_element())
                    .is_none_or(|active| {
                        Some(active) == document.as_ref().and_then(|d| d.body()).map(Into::into)
                    });
                if lost && field.is_connected() {
                    let _ = field.focus();
                }
            });
        }
    });
    on_cleanup(move || {
        track_focus.remove();
        press.remove();
        release.remove();
        restore.remove();
    });

    let gap = move |which: usize| {
        // Whole pixels, written as an integer (the float formatter is not in the download).
        let height = move || {
            format!(
                "{}px",
                (gaps.get()[which] as f64 * row_height.get()).round() as u64
            )
        };
        match layout {
            Layout::Table { columns } => view! {
                <tr class="window-gap" aria-hidden="true"><td colspan=columns style:height=height></td></tr>
            }
            .into_any(),
            Layout::Feed => {
                view! { <div class="window-gap" aria-hidden="true" style:height=height></div> }
                    .into_any()
            }
        }
    };
    let draw = move |slot: Slot| match slot {
        Slot::Gap(which) => gap(which),
        Slot::Row(uid) => {
            let at = {
                let uid = uid.clone();
                Signal::derive(move || positions.with(|p| p.get(&uid).copied().unwrap_or(0)))
            };
            row(uid, at)
        }
    };
    let marker = match layout {
        // A table row holding the anchor would be a row; the anchor sits in the gap instead.
        Layout::Table { columns } => view! {
            <tr class="window-anchor" aria-hidden="true"><td colspan=columns><span node_ref=anchor></span></td></tr>
        }
        .into_any(),
        Layout::Feed => view! { <span class="window-anchor" aria-hidden="true" node_ref=anchor></span> }
            .into_any(),
    };
    view! {
        {marker}
        <For each=move || slots.get() key=Slot::key children=draw/>
    }
    .into_any()
}

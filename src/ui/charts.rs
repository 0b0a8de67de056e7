//! The Summary's two drawings: the S-curve of date confidence and the trend of the date at
//! each published report. Both are described in words for screen readers (the same
//! sentences the summary prints), read without colour, and keep every label inside.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::engine::forecast::Forecast;
use crate::engine::summary::TrendPoint;
use crate::engine::words::{long_date, percent, short_date, tenths};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 170.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 24.0;

/// A label at `x` that never leaves the drawing: anchored at its end near the right edge.
fn label(x: f64, y: f64, text: String, class: &'static str) -> impl IntoView {
    let (x, anchor) = if x > WIDTH - 110.0 {
        (x - 4.0, "end")
    } else {
        (x + 4.0, "start")
    };
    view! { <text x={tenths(x)} y={tenths(y)} class=class text-anchor=anchor>{text}</text> }
}

/// The S-curve: the share of runs finished by each date, with the target and P85 marked.
pub fn s_curve(forecast: &Forecast, target: NaiveDate) -> impl IntoView {
    let first = forecast
        .curve
        .first()
        .map(|c| c.0)
        .unwrap_or(target)
        .min(target);
    let last = forecast
        .curve
        .last()
        .map(|c| c.0)
        .unwrap_or(target)
        .max(target);
    let span = ((last - first).num_days().max(1)) as f64;
    let x = move |date: NaiveDate| {
        LEFT + (date - first).num_days() as f64 / span * (WIDTH - LEFT - RIGHT)
    };
    let y = |share: f64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - share);
    let mut points = format!("{},{}", tenths(x(first)), tenths(y(0.0)));
    for (date, share) in &forecast.curve {
        points.push_str(&format!(" {},{}", tenths(x(*date)), tenths(y(*share))));
    }
    let (tx, px) = (x(target), x(forecast.p85));
    // The axis's dates carry their year once the runs reach into another year than the
    // first ("15 Jan 2027 … 5 Jan 2028", not "15 Jan … 5 Jan").
    let tick: fn(NaiveDate) -> String = if first.year() == last.year() {
        short_date
    } else {
        long_date
    };
    let description = format!(
        "S-curve: {} chance of finishing by the target {}; 85 % by {}; runs finish between {} and {}.",
        percent(forecast.confidence),
        long_date(target),
        long_date(forecast.p85),
        long_date(first),
        long_date(last)
    );
    view! {
        <svg class="s-curve" viewBox=format!("0 0 {} {}", tenths(WIDTH), tenths(HEIGHT)) role="img" aria-label=description>
            <line class="axis" x1={tenths(LEFT)} y1={tenths(y(0.0))} x2={tenths(WIDTH - RIGHT)} y2={tenths(y(0.0))}/>
            <line class="axis" x1={tenths(LEFT)} y1={tenths(y(0.0))} x2={tenths(LEFT)} y2={tenths(y(1.0))}/>
            <text x="4" y={tenths(y(1.0) + 4.0)} class="tick">"100 %"</text>
            <text x="4" y={tenths(y(0.5) + 4.0)} class="tick">"50 %"</text>
            <polyline class="curve" points=points/>
            <line class="target-line" x1={tenths(tx)} y1={tenths(y(0.0))} x2={tenths(tx)} y2={tenths(y(1.0))}/>
            {label(tx, y(1.0) + 10.0, format!("target {}", tick(target)), "tick")}
            <line class="p85-line" x1={tenths(px)} y1={tenths(y(0.0))} x2={tenths(px)} y2={tenths(y(1.0))}/>
            {label(px, y(0.2), format!("P85 {}", tick(forecast.p85)), "tick")}
            <text x={tenths(LEFT)} y={tenths(HEIGHT - 6.0)} class="tick">{tick(first)}</text>
            <text x={tenths(WIDTH - RIGHT)} y={tenths(HEIGHT - 6.0)} class="tick" text-anchor="end">{tick(last)}</text>
        </svg>
    }
}

/// The trend of the date: forecast finish (filled circles, solid line) and P85 (hollow
/// squares, dashed) at each report, against the target (a labelled line), confidence
/// written at each point.
pub fn trend_chart(points: &[TrendPoint], target: NaiveDate, description: String) -> impl IntoView {
    let dates: Vec<NaiveDate> = points
        .iter()
        .flat_map(|p| [Some(p.finish), p.p85])
        .flatten()
        .chain([target])
        .collect();
    let low = dates.iter().copied().min().unwrap_or(target);
    let high = dates.iter().copied().max().unwrap_or(target);
    let span = ((high - low).num_days().max(7)) as f64;
    let y = move |date: NaiveDate| {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - (date - low).num_days() as f64 / span)
    };
    let n = points.len().max(1);
    let x = move |i: usize| {
        if n == 1 {
            (LEFT + WIDTH - RIGHT) / 2.0
        } else {
            LEFT + 30.0 + i as f64 * (WIDTH - LEFT - RIGHT - 60.0) / (n - 1) as f64
        }
    };
    let line = |pick: &dyn Fn(&TrendPoint) -> Option<NaiveDate>| {
        points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| pick(p).map(|d| format!("{},{}", tenths(x(i)), tenths(y(d)))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let finish_line = line(&|p| Some(p.finish));
    let p85_line = line(&|p| p.p85);
    let ty = y(target);
    view! {
        <svg class="trend" viewBox=format!("0 0 {} {}", tenths(WIDTH), tenths(HEIGHT)) role="img" aria-label=description>
            <line class="axis" x1={tenths(LEFT)} y1={tenths(HEIGHT - BOTTOM)} x2={tenths(WIDTH - RIGHT)} y2={tenths(HEIGHT - BOTTOM)}/>
            <line class="target-line" x1={tenths(LEFT)} y1={tenths(ty)} x2={tenths(WIDTH - RIGHT)} y2={tenths(ty)}/>
            <text x={tenths(WIDTH - RIGHT)} y={tenths(ty - 4.0)} class="tick" text-anchor="end">{format!("target {}", short_date(target))}</text>
            <text x="4" y={tenths(y(high) + 4.0)} class="tick">{short_date(high)}</text>
            <text x="4" y={tenths(y(low) + 4.0)} class="tick">{short_date(low)}</text>
            <polyline class="trend-p85" points=p85_line/>
            <polyline class="trend-finish" points=finish_line/>
            {points.iter().enumerate().map(|(i, p)| {
                let (cx, cy) = (x(i), y(p.finish));
                let when = if p.published { short_date(p.date) } else { "now".to_string() };
                view! {
                    <circle class=if p.published { "trend-point" } else { "trend-point now" } cx={tenths(cx)} cy={tenths(cy)} r="4"/>
                    {p.p85.map(|d| view! { <rect class="trend-p85-point" x={tenths(cx - 3.5)} y={tenths(y(d) - 3.5)} width="7" height="7"/> })}
                    {p.confidence.map(|c| view! { <text x={tenths(cx)} y={tenths(cy - 8.0)} class="tick" text-anchor="middle">{percent(c)}</text> })}
                    <text x={tenths(cx)} y={tenths(HEIGHT - 8.0)} class="tick" text-anchor="middle">{when}</text>
                }
            }).collect_view()}
        </svg>
        <p class="legend trend-legend" aria-hidden="true">
            <span class="key-finish">"● forecast finish"</span>
            <span class="key-p85">"□ P85"</span>
            <span class="key-target">"— target"</span>
            " · the percentage is the date confidence at each report"
        </p>
    }
}

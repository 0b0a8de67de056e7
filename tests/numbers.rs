//! The numbers the app reads and writes by hand, against the standard library they stand in
//! for (its float parser and formatter weigh kilobytes of the download):
//! `model::edit::parse_number` against `f64::from_str`, and `engine::words::decimal` (and
//! `tenths`) against `format!("{:.n$}")`.

use proptest::prelude::*;

use throughline::engine::words::{decimal, tenths};
use throughline::model::edit::parse_number;

/// What `f64::from_str` reads, with blanks around the text ignored as `parse_number` does,
/// and without the words it alone reads (`inf`, `infinity`, `nan`), which are not numbers
/// people type.
fn std_reads(text: &str) -> Option<f64> {
    let text = text.trim();
    if text
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E'))
    {
        return None;
    }
    text.parse().ok()
}

/// Equal, or the same infinity, or within `ulps` units in the last place of the larger.
fn within_ulps(a: f64, b: f64, ulps: f64) -> bool {
    a == b || (a - b).abs() <= ulps * f64::EPSILON * a.abs().max(b.abs())
}

/// Decimal text with at most 15 significant digits whose value is digits × 10^k with
/// |k| ≤ 22: the numbers `parse_number` promises to read exactly.
fn exact_text() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("-"), Just("+")],
        "[1-9][0-9]{0,14}",
        0usize..16,
        prop_oneof![Just(""), Just("e"), Just("E")],
        -7i32..8,
    )
        .prop_map(|(sign, digits, point, e, exponent)| {
            let point = point.min(digits.len());
            let (whole, fraction) = digits.split_at(point);
            let number = if fraction.is_empty() {
                whole.to_string()
            } else {
                format!("{whole}.{fraction}")
            };
            if e.is_empty() {
                format!("{sign}{number}")
            } else {
                format!("{sign}{number}{e}{exponent}")
            }
        })
}

/// Text shaped like a number, with any number of digits, exponents of any length (leading
/// zeros included), blanks around it and sometimes a stray character.
fn number_text() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just(" "), Just("\t")],
        prop_oneof![Just(""), Just("-"), Just("+"), Just("+-")],
        "[0-9]{0,25}",
        prop_oneof![Just(""), Just(".")],
        "[0-9]{0,25}",
        proptest::option::of((
            prop_oneof![Just("e"), Just("E")],
            prop_oneof![Just(""), Just("-"), Just("+")],
            "[0-9]{0,9}",
        )),
        prop_oneof![8 => Just(""), 1 => Just(" "), 1 => Just("x"), 1 => Just("."), 1 => Just(",")],
    )
        .prop_map(|(blank, sign, whole, point, fraction, exponent, tail)| {
            let exponent = exponent
                .map(|(e, sign, digits)| format!("{e}{sign}{digits}"))
                .unwrap_or_default();
            format!("{blank}{sign}{whole}{point}{fraction}{exponent}{tail}")
        })
}

#[test]
fn a_long_mantissa_with_a_large_exponent_reads_within_a_few_roundings() {
    let text = "294384065640360725000000e91";
    let (ours, std) = (parse_number(text).unwrap(), std_reads(text).unwrap());
    assert!(within_ulps(ours, std, 8.0), "{ours} vs std {std}");
}

#[test]
fn numbers_people_and_trackers_write_read_exactly_as_std_reads_them() {
    for text in [
        "0",
        "5",
        "-2.5",
        ".5",
        "5.",
        "3e2",
        "1E-3",
        " 42 ",
        "+7",
        "0.1",
        "0.3",
        "123456.789",
        "2.5e+1",
        "1e22",
        "1e-22",
        "-0",
        "13.0",
        "0.000001",
        "99999999999999.9",
        "1e0000001",
    ] {
        assert_eq!(parse_number(text), std_reads(text), "{text:?}");
    }
    for text in [
        "", "-", ".", "e5", "1e", "1.2.3", "NaN", "inf", "12a", "1e+", "1,5", "0x10",
    ] {
        assert_eq!(parse_number(text), None, "{text:?}");
    }
}

#[test]
fn numbers_to_one_decimal_are_written_as_std_writes_them() {
    for tenth in -100_000..100_000 {
        let x = f64::from(tenth) / 10.0;
        assert_eq!(tenths(x), format!("{x}"), "{x}");
    }
}

/// `format!("{x:.places$}")` with trailing zeros (and a bare point) dropped, and "-0" as "0".
fn std_writes(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Decimal text as a whole number of units of its last place: "-1.25" to 3 places is -1250.
fn units(text: &str, places: u32) -> i128 {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = format!(
        "{}{fraction:0<width$}",
        whole.trim_start_matches('-'),
        width = places as usize
    );
    let n: i128 = digits.parse().unwrap();
    if text.starts_with('-') {
        -n
    } else {
        n
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn up_to_15_digits_and_powers_up_to_22_read_exactly_as_std_reads_them(text in exact_text()) {
        prop_assert_eq!(parse_number(&text), std_reads(&text), "{:?}", text);
    }

    #[test]
    fn any_number_text_reads_as_std_reads_it_within_a_rounding(text in number_text()) {
        let (ours, std) = (parse_number(&text), std_reads(&text));
        match (ours, std) {
            (Some(ours), Some(std)) => {
                // Far below any count or estimate (the subnormals), the steps of ten lose
                // more than a rounding; there it must only be as tiny.
                let tiny = std.abs() < 1e-290 && ours.abs() < 1e-290;
                // Past 15 significant digits the digits themselves are rounded as they are
                // read, before the power of ten: a few roundings more (a 24-digit mantissa
                // with e91 lands 2.7 ulps off), still far below anything a plan can show.
                let digits = text.split(['e', 'E']).next().unwrap_or("").chars().filter(char::is_ascii_digit).count();
                // The power of ten is applied in exact steps of 10^22, each product rounded
                // once: up to an ulp a step (e+257 takes 12 steps; "6764155.3e+257" once
                // landed 3 ulps off), still far below anything a plan can show.
                let exponent: i64 = text.split(['e', 'E']).nth(1).and_then(|e| e.parse().ok()).unwrap_or(0);
                let steps = ((exponent.abs() + digits as i64) / 22 + 1) as f64;
                let ulps = (if digits > 15 { 8.0_f64 } else { 2.0 }).max(steps + 1.0);
                prop_assert!(tiny || within_ulps(ours, std, ulps), "{:?}: {} vs std {}", text, ours, std);
            }
            _ => prop_assert_eq!(ours, std, "{:?}", text),
        }
    }

    #[test]
    fn decimals_are_written_as_std_writes_them_but_halves_round_away_from_zero(
        x in prop_oneof![-1e9..1e9f64, -100.0..100.0f64, (-100_000i64..100_000).prop_map(|n| n as f64 / 8.0)],
        places in 0u32..=6,
    ) {
        let ours = decimal(x, places);
        let std = std_writes(x, places as usize);
        if ours != std {
            // Only where x sits on (or within a rounding of) a half of the last place: std
            // rounds the exact binary value half to even, `decimal` rounds half away from zero.
            let scaled = x.abs() * 10f64.powi(places as i32);
            let from_half = (scaled - scaled.floor() - 0.5).abs();
            prop_assert!(from_half <= 1e-6 * scaled.max(1.0), "{} to {}: {} vs std {}", x, places, ours, std);
            // One unit of the last place apart, and `decimal` the one further from zero.
            let (a, b) = (units(&ours, places), units(&std, places));
            prop_assert!(a.abs() == b.abs() + 1 && a.signum() * b.signum() >= 0, "{} to {}: {} vs std {}", x, places, ours, std);
        }
    }
}

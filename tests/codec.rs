//! Share links from the outside: every kind of link opens to exactly the program written,
//! links written by older builds still open, unknown fields survive, the example fits the
//! link budget, and broken or hostile links give a clear message and never a panic.

use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

use throughline::io::codec::{decode_fragment_value, share_fragment_value, MAX_EXPANDED};
use throughline::io::{decode_fragment, json_fragment, share_fragment, LinkError};
use throughline::model::{
    example_program, program_from_value, program_value, read_program, write_program,
    write_program_compact, Colour, Decision, Dependency, DependencyKind, Item, ItemKind, Link,
    LinkType, Program, Risk, RiskLevel, RiskState, Source, StatusUpdate, SummaryOverrides, Team,
    Workday,
};

const SPEC_EXAMPLE: &str = include_str!("fixtures/spec-example.json");
/// The example's link as the first codec wrote it (base64url of deflate of plain JSON).
const OLD_EXAMPLE_LINK: &str = include_str!("fixtures/example-share-v0.txt");
/// The same program's link in compact form version 1, as first written: pins the layout.
const COMPACT_V1_EXAMPLE_LINK: &str = include_str!("fixtures/example-share-v1.txt");
/// The same program's link in compact form compressed by the mixing model (`~~`), as first
/// written.
const MIX_EXAMPLE_LINK: &str = include_str!("fixtures/example-share-mix.txt");
/// spec-example.json's `~~` link as the mixing model first wrote it. The model, its tables
/// and its primer are frozen (links in the world depend on them): this pins them.
const MIX_SPEC_LINK: &str = include_str!("fixtures/spec-share-mix.txt");

/// The longest the example's `#share=` link may be, `#` included (the README's goal). Deflate
/// reached 5,130; the mixing model writes about 3,710.
const EXAMPLE_LINK_BUDGET: usize = 4_000;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn spec_program() -> Program {
    read_program(SPEC_EXAMPLE).unwrap().program
}

fn compact_payload(fragment: &str) -> &str {
    fragment
        .strip_prefix("share=~~")
        .expect("a compact share link compressed by the mixing model")
}

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// A compact link as a script would write one: deflate the compact JSON, base64url it.
fn compact_link(compact_json: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(compact_json.as_bytes(), 6);
    format!("share=~{}", base64url(&deflated))
}

// ---------------------------------------------------------------------------------------
// Round trips and the budget

#[test]
fn a_share_link_round_trips_the_spec_example_exactly() {
    let program = spec_program();
    let fragment = share_fragment(&program);
    assert!(compact_payload(&fragment)
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    for link in [fragment.clone(), format!("#{fragment}")] {
        let loaded = decode_fragment(&link).unwrap().unwrap();
        assert_eq!(loaded.program, program);
    }
}

#[test]
fn the_example_share_link_fits_the_budget_and_round_trips() {
    let program = example_program();
    let link = format!("#{}", share_fragment(&program));
    assert!(
        link.len() <= EXAMPLE_LINK_BUDGET,
        "the example's link is {} characters; the budget is {EXAMPLE_LINK_BUDGET}",
        link.len()
    );
    assert_eq!(decode_fragment(&link).unwrap().unwrap().program, program);
}

#[test]
fn a_share_link_is_much_shorter_than_the_json_and_the_old_link() {
    let program = example_program();
    let link = share_fragment(&program);
    assert!(link.len() < write_program_compact(&program).len() / 3);
    assert!(link.len() < OLD_EXAMPLE_LINK.trim().len());
}

#[test]
fn a_json_link_round_trips_and_escapes_all_but_unreserved_characters() {
    let program = spec_program();
    let fragment = json_fragment(&program);
    let payload = &fragment["json=".len()..];
    assert!(payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    let loaded = decode_fragment(&format!("#{fragment}")).unwrap().unwrap();
    assert_eq!(loaded.program, program);
}

#[test]
fn a_hand_written_json_link_with_raw_characters_opens() {
    let json = r#"{"format":"throughline/1","name":"Script 100%","start":"2026-01-05","target":"2026-03-02"}"#;
    let loaded = decode_fragment(&format!("#json={json}")).unwrap().unwrap();
    assert_eq!(loaded.program.name, "Script 100%");
}

#[test]
fn a_hand_written_compact_link_opens() {
    // The example of the codec's module doc, written the way its doc says.
    let link = compact_link(
        r#"[1,"throughline/1","P",20703,10,null,null,null,null,[["A","a",null,null,3],
        ["B","b",null,null,2,null,null,[["A",1,1]],null,null,null,null,null,9]]]"#,
    );
    let program = decode_fragment(&link).unwrap().unwrap().program;
    assert_eq!(program.start, date(2026, 9, 7));
    assert_eq!(program.target, date(2026, 9, 17));
    let b = program.item("B").unwrap();
    assert_eq!(
        b.after,
        vec![Link {
            id: "A".into(),
            link_type: LinkType::SS,
            lag: 1
        }]
    );
    assert_eq!(b.due, Some(date(2026, 9, 16)));
    assert_eq!(b.days, 2);
}

// ---------------------------------------------------------------------------------------
// Older links

#[test]
fn the_first_codecs_link_to_the_example_still_opens() {
    let loaded = decode_fragment(&format!("#{}", OLD_EXAMPLE_LINK.trim()))
        .unwrap()
        .unwrap();
    assert_eq!(loaded.program.name, "Payments platform launch");
    assert_eq!(loaded.program.items.len(), 33);
    assert_eq!(loaded.program.dependencies.len(), 5);
    assert!(loaded
        .program
        .items
        .iter()
        .any(|item| !item.status.is_empty()));
}

#[test]
fn the_first_compact_link_opens_to_the_same_program_as_the_first_plain_one() {
    // Both fixtures were written from one program: the compact layout of version 1 must
    // never change under links already shared (a new layout needs a new version).
    let plain = decode_fragment(OLD_EXAMPLE_LINK.trim()).unwrap().unwrap();
    let compact = decode_fragment(COMPACT_V1_EXAMPLE_LINK.trim())
        .unwrap()
        .unwrap();
    assert!(COMPACT_V1_EXAMPLE_LINK.starts_with("share=~"));
    assert_eq!(compact.program, plain.program);
}

#[test]
fn the_first_mix_link_opens_to_the_same_program_as_the_first_plain_one() {
    let plain = decode_fragment(OLD_EXAMPLE_LINK.trim()).unwrap().unwrap();
    let mixed = decode_fragment(MIX_EXAMPLE_LINK.trim()).unwrap().unwrap();
    assert!(MIX_EXAMPLE_LINK.starts_with("share=~~"));
    assert_eq!(mixed.program, plain.program);
}

#[test]
fn the_mixing_model_is_frozen() {
    assert_eq!(share_fragment(&spec_program()), MIX_SPEC_LINK.trim());
}

#[test]
fn a_large_programs_link_round_trips() {
    let mut program = spec_program();
    let template = program.items[0].clone();
    for n in 0..3_000 {
        let mut item = template.clone();
        item.id = format!("GEN-{n}");
        item.title = format!("Generated work item number {n}");
        item.days = n % 17;
        program.items.push(item);
    }
    // The copies' uids as a file without uids would get them.
    throughline::model::uid::fill(&mut program, true);
    let link = share_fragment(&program);
    assert!(link.starts_with("share=~~"));
    assert_eq!(decode_fragment(&link).unwrap().unwrap().program, program);
}

#[test]
fn plain_deflate_links_written_today_still_open() {
    let program = spec_program();
    let json = write_program_compact(&program);
    let link = format!(
        "share={}",
        base64url(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
    );
    assert_eq!(decode_fragment(&link).unwrap().unwrap().program, program);
}

#[test]
fn standard_padded_base64_wrapped_and_escaped_links_open_too() {
    let program = spec_program();
    let fragment = share_fragment(&program);
    let mut standard: String = compact_payload(&fragment)
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while !standard.len().is_multiple_of(4) {
        standard.push('=');
    }
    let wrapped: String = standard
        .as_bytes()
        .chunks(60)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    for link in [
        format!("share=~~{standard}"),
        format!("share=~~{wrapped}"),
        format!("share=%7E%7E{standard}"),
        format!("share=~%7e{}", compact_payload(&fragment)),
    ] {
        let loaded = decode_fragment(&link).unwrap().unwrap();
        assert_eq!(loaded.program, program);
    }
}

#[test]
fn view_addresses_are_not_share_links() {
    for fragment in [
        "#/plan",
        "/summary",
        "",
        "#",
        "#shared",
        "#/register?share=x",
    ] {
        assert!(decode_fragment(fragment).is_none(), "{fragment}");
    }
}

// ---------------------------------------------------------------------------------------
// Broken and hostile links

#[test]
fn a_truncated_share_link_says_it_was_cut_off() {
    let fragment = share_fragment(&spec_program());
    for cut in [
        fragment.len() / 2,
        fragment.len() - 3,
        "share=~~".len() + 1,
        "share=~~".len(),
        "share=~".len(),
    ] {
        let err = decode_fragment(&fragment[..cut]).unwrap().unwrap_err();
        assert_eq!(err, LinkError::Incomplete, "cut at {cut}");
        assert!(err.to_string().contains("cut off"));
    }
}

#[test]
fn a_garbled_share_link_is_refused_with_a_message() {
    let fragment = share_fragment(&spec_program());
    let mut garbled = fragment.clone();
    garbled.insert_str(20, "<script>");
    let err = decode_fragment(&garbled).unwrap().unwrap_err();
    assert_eq!(err, LinkError::NotBase64);
    assert!(err.to_string().contains("damaged"));

    // Valid characters in the wrong places: a garbled stream, never a panic.
    let flipped: String = fragment
        .char_indices()
        .map(|(i, c)| if i > 10 && i % 7 == 0 { 'A' } else { c })
        .collect();
    assert!(decode_fragment(&flipped).unwrap().is_err());
}

#[test]
fn a_deflate_bomb_is_refused_as_too_large() {
    let spaces = vec![b' '; 10 * 1024 * 1024];
    let bomb = miniz_oxide::deflate::compress_to_vec(&spaces, 6);
    assert!(bomb.len() < 100_000);
    for link in [
        format!("share={}", base64url(&bomb)),
        format!("share=~{}", base64url(&bomb)),
    ] {
        let err = decode_fragment(&link).unwrap().unwrap_err();
        assert_eq!(err, LinkError::TooLarge);
        assert!(err.to_string().contains("4 MB"));
    }
}

#[test]
fn an_oversize_compact_link_is_refused_as_too_large() {
    // Valid compact JSON just over the limit: many items of one character each.
    let mut json = String::from(r#"[1,"throughline/1","Big",20703,10,null,null,null,null,["#);
    while json.len() <= MAX_EXPANDED {
        json.push_str(r#""x","#);
    }
    json.push_str(r#""x"]]"#);
    let err = decode_fragment(&compact_link(&json)).unwrap().unwrap_err();
    assert_eq!(err, LinkError::TooLarge);
}

#[test]
fn a_mix_link_claiming_more_than_its_limit_or_its_size_is_refused() {
    // A length (LEB128), a check, then almost nothing: more than any stream that short
    // can hold, so refused before decoding it would mean a long wait.
    for header in [&[0x80, 0x80, 0x40, 0, 0][..], &[0xFF, 0xFF, 0x3F, 0, 0]] {
        let link = format!("share=~~{}", base64url(header));
        let err = decode_fragment(&link).unwrap().unwrap_err();
        assert_eq!(err, LinkError::Incomplete);
    }
    // Over 4 MB, whatever follows.
    let link = format!(
        "share=~~{}",
        base64url(&[0x80, 0x80, 0x80, 0x04, 0, 0, 1, 2, 3])
    );
    assert_eq!(
        decode_fragment(&link).unwrap().unwrap_err(),
        LinkError::TooLarge
    );
}

#[test]
fn an_oversize_json_link_is_refused_as_too_large() {
    let link = format!("json={}", "%20".repeat(4 * 1024 * 1024 + 1));
    assert_eq!(
        decode_fragment(&link).unwrap().unwrap_err(),
        LinkError::TooLarge
    );
}

#[test]
fn a_program_with_too_many_items_is_refused() {
    let items: Vec<String> = (0..20_001)
        .map(|i| format!(r#"{{"id":"I{i}","title":"","days":1}}"#))
        .collect();
    let json = format!(
        r#"{{"format":"throughline/1","name":"Huge","start":"2026-01-05","target":"2026-03-02","items":[{}]}}"#,
        items.join(",")
    );
    let link = format!(
        "share={}",
        base64url(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6))
    );
    let err = decode_fragment(&link).unwrap().unwrap_err();
    assert_eq!(err, LinkError::TooManyItems { count: 20_001 });
    assert!(err.to_string().contains("20000"));

    let items: Vec<String> = (0..20_001).map(|i| format!(r#""I{i}""#)).collect();
    let compact = format!(
        r#"[1,"throughline/1","Huge",20703,10,null,null,null,null,[{}]]"#,
        items.join(",")
    );
    let err = decode_fragment(&compact_link(&compact))
        .unwrap()
        .unwrap_err();
    assert_eq!(err, LinkError::TooManyItems { count: 20_001 });
}

#[test]
fn a_link_whose_content_is_not_text_is_refused() {
    let bytes = base64url(&miniz_oxide::deflate::compress_to_vec(
        &[0xff, 0xfe, 0x00],
        6,
    ));
    for link in [format!("share={bytes}"), format!("share=~{bytes}")] {
        assert_eq!(
            decode_fragment(&link).unwrap().unwrap_err(),
            LinkError::NotUtf8
        );
    }
}

#[test]
fn a_link_to_an_invalid_program_names_its_problems() {
    let err = decode_fragment(r#"json={"format":"throughline/1","name":"x"}"#)
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, LinkError::InvalidProgram(_)));
    let message = err.to_string();
    assert!(message.contains("start: is missing"), "{message}");
    assert!(message.contains("target: is missing"), "{message}");

    let err = decode_fragment("json=hello").unwrap().unwrap_err();
    assert!(err.to_string().contains("not a JSON document"), "{err}");
}

#[test]
fn a_hostile_compact_link_gets_the_program_readers_messages() {
    // A compact link that is valid JSON but a damaged program: the same reader, the same
    // messages as a bad file, each naming the place.
    let cases = [
        (r#"[1,"throughline/1","x"]"#, "start: is missing"),
        (r#"[1,"throughline/1","x",99999999999,5]"#, "start"),
        (
            r#"[1,"throughline/1","x",20703,5,null,null,null,null,[[7]]]"#,
            "items[0]",
        ),
        (
            r#"[1,"throughline/1","x",20703,5,null,null,null,null,[["A","a",null,null,1,null,null,null,null,null,null,null,[[1,9]]]]]"#,
            "color",
        ),
        (
            r#"[1,"throughline/1","x",20703,5,null,null,null,null,7]"#,
            "items",
        ),
        (
            r#"[1,"throughline/1","x",20703,5,[[1]],[[]],[7],[[[]]]]"#,
            "problem",
        ),
        (r#"{"no":"list"}"#, "is missing"),
        (r#"[0,"not a program"]"#, "problem"),
        (r#"["x"]"#, "problem"),
        ("[1]", "is missing"),
    ];
    for (compact, expected) in cases {
        let err = decode_fragment(&compact_link(compact))
            .unwrap()
            .unwrap_err();
        let message = err.to_string();
        assert!(
            matches!(err, LinkError::InvalidProgram(_)),
            "{compact}: {message}"
        );
        assert!(message.contains(expected), "{compact}: {message}");
    }
    let err = decode_fragment(&compact_link("not json"))
        .unwrap()
        .unwrap_err();
    assert!(err.to_string().contains("not a JSON document"), "{err}");
}

#[test]
fn a_link_from_a_newer_share_format_says_so() {
    let err = decode_fragment(&compact_link(r#"[2,"throughline/3"]"#))
        .unwrap()
        .unwrap_err();
    assert_eq!(err, LinkError::NewerVersion { version: 2 });
    assert!(err.to_string().contains("newer version"), "{err}");
}

#[test]
fn a_link_from_a_later_linkmix_model_says_it_was_made_by_a_newer_version() {
    // What a later model's link looks like to this build: `~~`, its number and a dot, then
    // a payload this model cannot read. Not "damaged": made by a newer version.
    let payload = base64url(b"a stream of a model this build does not have");
    for (link, model) in [
        (format!("#share=~~2.{payload}"), 2),
        (format!("share=%7E%7E2.{payload}"), 2),
        (format!("share=~~17.{payload}"), 17),
        ("share=~~2.".to_string(), 2),
        (
            format!("share=~~99999999999999999999999.{payload}"),
            u64::MAX,
        ),
    ] {
        let err = decode_fragment(&link).unwrap().unwrap_err();
        assert_eq!(err, LinkError::NewerModel { model }, "{link}");
        assert!(err.to_string().contains("made by a newer version"), "{err}");
        assert!(!err.to_string().contains("damaged"), "{err}");
    }
    // No model 0 was ever written: that is damage.
    assert_eq!(
        decode_fragment(&format!("share=~~0.{payload}"))
            .unwrap()
            .unwrap_err(),
        LinkError::NotBase64
    );
}

#[test]
fn this_models_links_open_with_or_without_its_mark_and_are_written_without_one() {
    // Written without a mark, so that builds from before marks read them too.
    let program = spec_program();
    let fragment = share_fragment(&program);
    let payload = compact_payload(&fragment);
    assert!(!payload.contains('.'));
    for link in [
        fragment.clone(),
        format!("share=~~1.{payload}"),
        format!("share=~~001.{payload}"),
    ] {
        assert_eq!(
            decode_fragment(&link).unwrap().unwrap().program,
            program,
            "{link}"
        );
    }
}

#[test]
fn the_first_mix_links_carry_the_models_frozen_streams() {
    // crates/linkmix/tests/frozen.rs pins these streams; the links are them in base64url.
    for (link, stream) in [
        (
            MIX_SPEC_LINK,
            &include_bytes!("../crates/linkmix/tests/vectors/spec-program.stream")[..],
        ),
        (
            MIX_EXAMPLE_LINK,
            &include_bytes!("../crates/linkmix/tests/vectors/example-program.stream")[..],
        ),
    ] {
        assert_eq!(compact_payload(link.trim()), base64url(stream));
    }
}

#[test]
fn an_empty_share_link_is_incomplete() {
    for link in ["#share=", "#share=~", "#share=~~"] {
        assert_eq!(
            decode_fragment(link).unwrap().unwrap_err(),
            LinkError::Incomplete
        );
    }
}

// ---------------------------------------------------------------------------------------
// Random programs

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..2000).prop_map(|d| date(2025, 1, 1) + chrono::Duration::days(d))
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,16}", "[A-Za-z ]{1,10}", Just(String::new())]
}

fn arb_updates() -> impl Strategy<Value = Vec<StatusUpdate>> {
    proptest::collection::vec(
        (
            arb_date(),
            0usize..3,
            proptest::option::of(arb_text()),
            proptest::option::of(arb_text()),
            proptest::option::of(0u32..30),
        ),
        0..3,
    )
    .prop_map(|updates| {
        let mut updates: Vec<StatusUpdate> = updates
            .into_iter()
            .map(|(date, colour, note, by, remaining)| StatusUpdate {
                date,
                colour: [Colour::Green, Colour::Yellow, Colour::Red][colour],
                note,
                by,
                remaining,
            })
            .collect();
        updates.sort_by_key(|u| u.date);
        updates
    })
}

fn arb_item() -> impl Strategy<Value = (Item, Vec<(usize, usize, i32)>)> {
    (
        (
            arb_text(),
            proptest::option::of(arb_text()),
            0u32..60,
            proptest::option::of(0u32..10),
            any::<bool>(),
            proptest::option::of(0u32..10),
        ),
        (
            proptest::option::of(arb_date()),
            proptest::option::of(arb_date()),
            proptest::option::of(arb_date()),
            proptest::option::of(arb_date()),
        ),
        proptest::collection::vec((any::<usize>(), 0usize..4, -5i32..6), 0..3),
        arb_updates(),
        0usize..3,
    )
        .prop_map(
            |((title, owner, days, spread, milestone, remaining), dates, links, status, source)| {
                let mut item = Item::task("", &title, days);
                item.owner = owner;
                item.low = spread.map(|s| days.saturating_sub(s));
                item.high = spread.map(|s| days + s);
                if milestone {
                    item.kind = ItemKind::Milestone;
                    item.days = 0;
                }
                (item.not_before, item.due, item.started, item.finished) = dates;
                item.remaining = remaining;
                item.status = status;
                // 0: no source; 1: keyed by the item's id; 2: keyed otherwise.
                item.source = match source {
                    0 => None,
                    1 => Some(Source::new("jira", "")),
                    _ => Some(Source {
                        pulled: "2026-11-23T09:00:00.25Z".parse().ok(),
                        missing: "2026-11-24T10:30:00+01:00".parse().ok(),
                        ..Source::new("linear", "ENG-1")
                    }),
                };
                (item, links)
            },
        )
}

fn arb_dependency() -> impl Strategy<Value = Dependency> {
    (
        arb_text(),
        0usize..5,
        0usize..3,
        proptest::option::of(arb_text()),
        proptest::option::of(arb_date()),
        proptest::option::of((0u32..5, 0u32..5, 0u32..5)),
        proptest::option::of(arb_date()),
        arb_updates(),
    )
        .prop_map(
            |(title, kind, risk, provider, due, slip, reviewed, status)| {
                let mut dep = Dependency::new("", &title);
                dep.kind = DependencyKind::ALL[kind];
                dep.risk = RiskLevel::ALL[risk];
                dep.provider = provider.clone();
                dep.owner = provider;
                dep.due = due;
                dep.slip = slip.map(|(a, b, c)| [a, a + b, a + b + c]);
                dep.reviewed = reviewed;
                dep.delivered = reviewed;
                dep.mitigation = Some(title);
                dep.status = status;
                dep
            },
        )
}

fn arb_risk() -> impl Strategy<Value = (Risk, Decision)> {
    (
        arb_text(),
        0usize..3,
        0usize..4,
        proptest::option::of(arb_date()),
        proptest::collection::vec(arb_text(), 0..3),
        proptest::option::of(arb_text()),
        proptest::option::of(arb_date()),
    )
        .prop_map(
            |(title, level, state, trigger, options, outcome, decided)| {
                let risk = Risk {
                    uid: String::new(),
                    id: String::new(),
                    title: title.clone(),
                    owner: outcome.clone(),
                    level: RiskLevel::ALL[level],
                    affects: Vec::new(),
                    trigger,
                    options: options.clone(),
                    state: RiskState::ALL[state],
                    decision: None,
                };
                let decision = Decision {
                    uid: String::new(),
                    id: String::new(),
                    question: title,
                    options,
                    recommendation: outcome.clone(),
                    needed_by: trigger,
                    from: outcome.clone(),
                    decided,
                    outcome,
                };
                (risk, decision)
            },
        )
}

fn arb_program() -> impl Strategy<Value = Program> {
    (
        (
            arb_text(),
            arb_date(),
            0i64..400,
            proptest::option::of(arb_date()),
        ),
        proptest::collection::vec(arb_date(), 0..3),
        proptest::collection::vec(arb_item(), 0..10),
        proptest::collection::vec(arb_dependency(), 0..3),
        proptest::collection::vec(arb_risk(), 0..3),
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(0usize..3),
        ),
    )
        .prop_map(
            |((name, start, span, status_date), holidays, items, deps, risks, flags)| {
                let (weekend, strict, colour) = flags;
                let mut program = Program::new(&name, start);
                program.target = start + chrono::Duration::days(span);
                program.status_date = status_date;
                program.calendar.holidays = holidays;
                if weekend {
                    program.calendar.workdays.push(Workday::Sat);
                }
                if strict {
                    program.rules.stale_yellow_days = 7;
                    program.rules.slip_by_risk.high = [1, 6, 30];
                }
                program.summary = SummaryOverrides {
                    colour: colour.map(|c| [Colour::Green, Colour::Yellow, Colour::Red][c]),
                    colour_reason: colour.map(|_| name.clone()),
                    headline: None,
                    notes: Some(name).filter(|_| weekend),
                };
                program.teams.push(
                    Team {
                        uid: String::new(),
                        id: "team".into(),
                        name: "Team".into(),
                        lead: None,
                        people: None,
                        availability: Vec::new(),
                    }
                    .into(),
                );
                for (j, mut dep) in deps.into_iter().enumerate() {
                    dep.id = format!("D-{j}");
                    program.dependencies.push(dep.into());
                }
                for (n, (mut item, links)) in items.into_iter().enumerate() {
                    item.id = format!("I-{n}");
                    item.team = (n % 2 == 0).then(|| "team".to_string());
                    if let Some(source) = item.source.as_mut().filter(|s| s.key.is_empty()) {
                        source.key = item.id.clone();
                    }
                    let targets = n + program.dependencies.len();
                    if targets > 0 {
                        item.after = links
                            .into_iter()
                            .map(|(to, kind, lag)| {
                                let to = to % targets;
                                Link {
                                    id: if to < n {
                                        format!("I-{to}")
                                    } else {
                                        format!("D-{}", to - n)
                                    },
                                    link_type: LinkType::ALL[kind],
                                    lag,
                                }
                            })
                            .collect();
                    }
                    program.items.push(item.into());
                }
                for (k, (mut risk, mut decision)) in risks.into_iter().enumerate() {
                    risk.id = format!("R-{k}");
                    decision.id = format!("X-{k}");
                    risk.decision = Some(decision.id.clone());
                    risk.affects = program.items.iter().take(2).map(|i| i.id.clone()).collect();
                    program.risks.push(risk.into());
                    program.decisions.push(decision.into());
                }
                // As a file read without uids: each entity's uid derived from its id.
                throughline::model::uid::fill(&mut program, true);
                program
            },
        )
}

/// JSON values that fields added to the format later might hold.
fn arb_extra() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        // Quarters: serde_json reads them back exactly (it does not promise that for
        // every float without its `float_roundtrip` feature, links or not).
        (-4_000_000i64..4_000_000).prop_map(|n| Value::from(n as f64 / 4.0)),
        "\\PC{0,12}".prop_map(Value::from),
        arb_date().prop_map(|d| Value::from(d.to_string())),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Unknown fields (names no record of the format uses) sprinkled over a program file: at
/// the top level, and in the entries of its lists and their sources, links and updates.
fn with_extras(program: &Program, extras: &[(String, Value)]) -> Value {
    let mut value: Value = serde_json::from_str(&write_program_compact(program)).unwrap();
    let mut i = 0;
    let mut next = || {
        i += 1;
        extras.get(i % extras.len()).cloned()
    };
    for list in ["items", "dependencies", "risks", "decisions", "teams"] {
        let entries = value.get_mut(list).and_then(Value::as_array_mut);
        for entry in entries.into_iter().flatten() {
            if let Some((key, extra)) = next() {
                entry[format!("x_{key}")] = extra;
            }
            if let (Some(source), Some((key, extra))) = (entry.get_mut("source"), next()) {
                source[format!("x_{key}")] = extra;
            }
            for nested in ["status", "after"] {
                let parts = entry.get_mut(nested).and_then(Value::as_array_mut);
                for part in parts.into_iter().flatten() {
                    if let Some((key, extra)) = next() {
                        part[format!("x_{key}")] = extra;
                    }
                }
            }
        }
    }
    for (key, extra) in extras {
        value[format!("x_{key}")] = extra.clone();
    }
    value
}

/// Every field the format does not know, by where it is: `items[3].source.x_ab`.
fn unknown_fields(value: &Value, place: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, field) in map {
                let here = format!("{place}.{key}");
                if key.starts_with("x_") || key == "baseline" || key == "reports" {
                    out.push((here, field.clone()));
                } else {
                    unknown_fields(field, &here, out);
                }
            }
        }
        Value::Array(list) => {
            for (i, entry) in list.iter().enumerate() {
                unknown_fields(entry, &format!("{place}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn unknown(value: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    unknown_fields(value, "", &mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The `.json` export lays out the compact text by hand; it must be exactly serde_json's
    /// pretty output (texts here hold quotes, backslashes, brackets, commas and colons).
    #[test]
    fn the_json_export_is_serde_jsons_pretty_layout(program in arb_program()) {
        prop_assert_eq!(write_program(&program), serde_json::to_string_pretty(&program).unwrap());
    }

    /// The app reads program files with a hand-written reader; it must read exactly what
    /// the types' serde `Deserialize` reads, unknown fields included.
    #[test]
    fn the_hand_reader_reads_what_serde_reads(
        program in arb_program(),
        extras in proptest::collection::vec(("[a-z]{1,6}", arb_extra()), 1..4),
    ) {
        let value = with_extras(&program, &extras);
        let by_serde: Program = serde_json::from_value(value.clone()).unwrap();
        prop_assert_eq!(&by_serde, &program);
        prop_assert_eq!(program_from_value(&value).unwrap(), by_serde);
    }

    /// A program's JSON value is made through its text, not serde_json's value serializer
    /// (a second copy of every type's writer in the download); it must be that serializer's
    /// value. (The one float a program holds is a published report's confidence: serde_json,
    /// built without `float_roundtrip`, may read a long one back an ulp off, which no
    /// percentage shown can tell; whole percentages, m / 100, read back exactly.)
    #[test]
    fn a_programs_value_is_what_serde_jsons_value_serializer_makes(program in arb_program()) {
        prop_assert_eq!(program_value(&program), serde_json::to_value(&program).unwrap());
    }

    #[test]
    fn any_program_survives_a_share_link_and_a_json_link(program in arb_program()) {
        let shared = decode_fragment(&share_fragment(&program)).unwrap().unwrap();
        prop_assert_eq!(&shared.program, &program);
        let json = decode_fragment(&json_fragment(&program)).unwrap().unwrap();
        prop_assert_eq!(&json.program, &program);
    }

    #[test]
    fn unknown_fields_survive_a_share_link_verbatim(
        program in arb_program(),
        // Distinct names: two extras under one name would be one field, not two.
        extras in proptest::collection::btree_map("[a-z]{1,6}", arb_extra(), 1..6),
    ) {
        let extras: Vec<(String, Value)> = extras.into_iter().collect();
        let value = with_extras(&program, &extras);
        let link = share_fragment_value(value.clone());
        let back = decode_fragment_value(&link).unwrap().unwrap();
        prop_assert!(unknown(&value).len() > extras.len());
        prop_assert_eq!(unknown(&back), unknown(&value));
        // And the program still reads the same, the extras ignored (docs/format.md#conventions).
        prop_assert_eq!(&decode_fragment(&link).unwrap().unwrap().program, &program);
    }
}

// ---------------------------------------------------------------------------------------
// Fuzzing the compact decoder past deflate and base64

/// Compact JSON with random shapes in every position: the transform back to a program
/// file and the reader must never panic, whatever the list holds.
fn arb_compact() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..30).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[A-Za-z0-9 -]{0,6}".prop_map(Value::from),
    ];
    let value = leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..18).prop_map(Value::from),
            proptest::collection::btree_map("[a-z_]{1,6}", inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    });
    (0u64..3, proptest::collection::vec(value, 0..16)).prop_map(|(version, mut rest)| {
        rest.insert(0, Value::from(version.min(1) + u64::from(version == 2) * 7));
        Value::Array(rest)
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn decoding_random_compact_programs_never_panics(compact in arb_compact()) {
        let link = compact_link(&compact.to_string());
        let _ = decode_fragment(&link);
    }

    #[test]
    fn decoding_mutated_compact_links_never_panics(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4),
    ) {
        let mut text = share_fragment(&spec_program()).into_bytes();
        for (at, byte) in edits {
            let at = "share=~".len() + at % (text.len() - "share=~".len());
            text[at] = byte;
        }
        let _ = decode_fragment(&String::from_utf8_lossy(&text));
    }
}

#[test]
fn published_reports_and_the_baseline_travel_in_a_share_link() {
    use throughline::engine::cockpit::Cockpit;
    use throughline::model::edit::{publish_report, set_baseline};
    let mut program = throughline::model::example_program();
    let as_of = program.status_date.expect("the example has a status date");
    for week in 0..3 {
        let date = as_of - chrono::Duration::days(7 * week);
        let mut at = program.clone();
        at.status_date = Some(date);
        let report = throughline::engine::publish::report(&at, &Cockpit::compute(&at, date, None));
        publish_report(&mut program, report);
    }
    set_baseline(&mut program, Some(as_of - chrono::Duration::days(14))).unwrap();
    let back = decode_fragment(&share_fragment(&program)).unwrap().unwrap();
    assert_eq!(back.program, program);
    assert_eq!(back.program.reports.len(), 3);
}

// ---------------------------------------------------------------------------------------
// The mixing model against deflate

/// The compact text of a program file, as a share link carries it before compression.
fn compact_text(file: &str) -> Vec<u8> {
    let program = read_program(file).unwrap().program;
    let value: Value = serde_json::from_str(&write_program_compact(&program)).unwrap();
    serde_json::to_vec(&throughline::io::codec::compact::compact(value)).unwrap()
}

#[test]
fn the_mixing_model_beats_deflate_by_a_fifth_on_programs_it_was_not_tuned_on() {
    // Two programs written for this test by someone who never saw the model's primer, in
    // other domains than the example (a data-centre exit, a mobile redesign).
    for file in [
        include_str!("fixtures/heldout-datacenter.json"),
        include_str!("fixtures/heldout-mobile.json"),
    ] {
        let text = compact_text(file);
        let deflated = miniz_oxide::deflate::compress_to_vec(&text, 9).len();
        let mixed = linkmix::compress(&text);
        assert!(
            mixed.len() * 5 <= deflated * 4,
            "{} vs deflate {deflated}",
            mixed.len()
        );
        assert_eq!(linkmix::decompress(&mixed, MAX_EXPANDED).unwrap(), text);
    }
}

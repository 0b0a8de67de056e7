//! One voice (docs/rules.md#summary): screen and Markdown say the same sentences, word for word;
//! the first paragraph stays within 100 words for the example and for generated programs;
//! and a fully filled item writes only fields the UI and the validator know.

mod common;

use std::collections::BTreeSet;

use chrono::Duration;
use common::{d, Rng};
use throughline::engine::cockpit::Cockpit;
use throughline::engine::forecast::forecast;
use throughline::engine::summary::PARAGRAPH_WORDS;
use throughline::io::markdown::summary_markdown;
use throughline::model::edit::ItemField;
use throughline::model::{
    example_program, read_program, write_program, Colour, Decision, Dependency, Item, ItemKind,
    Link, LinkType, Program, Risk, RiskLevel, RiskState, Source, StatusUpdate,
};

/// The Markdown as plain text: formatting marks and escapes taken out.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn cockpit(program: &Program) -> Cockpit {
    let as_of = program.as_of(d("2026-11-20"));
    let mut at = program.clone();
    at.status_date = Some(as_of);
    let forecast = forecast(&at, as_of);
    Cockpit::compute(&at, as_of, Some(&forecast))
}

const WORDS: &[&str] = &[
    "payments",
    "vendor",
    "API",
    "rollout",
    "merchant",
    "checkout",
    "ledger",
    "migration",
    "fraud",
    "rules",
    "mobile",
    "SDK",
    "legal",
    "review",
    "capacity",
    "load",
    "test",
    "beta",
    "tokenisation",
    "refunds",
    "escalate",
    "contract",
    "hardware",
    "approval",
    "sandbox",
];

fn words(rng: &mut Rng, low: i64, high: i64) -> String {
    let n = rng.between(low, high);
    let mut text: Vec<&str> = (0..n)
        .map(|_| WORDS[rng.between(0, WORDS.len() as i64 - 1) as usize])
        .collect();
    if let Some(first) = text.first_mut() {
        *first = if first.len() > 1 { first } else { "Work" };
    }
    text.join(" ")
}

/// A program as a TPM writes one: titles of a few words, notes of a sentence, a couple of
/// dependencies with mitigations, risks with options, pending decisions with
/// recommendations, and weekly colours with some Yellow and Red near the critical path.
fn generated(seed: u64, items: usize) -> Program {
    let mut rng = Rng::new(seed);
    let start = d("2026-09-07");
    let mut program = Program::new(&words(&mut rng, 2, 4), start);
    program.target = start + Duration::days(rng.between(90, 160));
    program.status_date = Some(d("2026-11-20"));
    for j in 0..3 {
        let mut dep = Dependency::new(&format!("DEP-{j}"), &words(&mut rng, 3, 8));
        dep.owner = Some(words(&mut rng, 2, 2));
        dep.due = Some(d("2026-11-20") + Duration::days(rng.between(-5, 30)));
        dep.risk = RiskLevel::ALL[rng.between(0, 2) as usize];
        dep.mitigation = Some(words(&mut rng, 5, 16));
        program.dependencies.push(dep.into());
    }
    for i in 0..items {
        let mut item = Item::task(
            &format!("IT-{i}"),
            &words(&mut rng, 2, 9),
            rng.between(2, 15) as u32,
        );
        item.owner = Some(words(&mut rng, 2, 2));
        if i > 0 {
            item.after
                .push(Link::after(&format!("IT-{}", rng.between(0, i as i64 - 1))));
        }
        if rng.chance(20) {
            item.after
                .push(Link::after(&format!("DEP-{}", rng.between(0, 2))));
        }
        if rng.chance(30) {
            item.due = Some(start + Duration::days(rng.between(20, 120)));
        }
        for week in 0..3 {
            let colour = match rng.between(0, 9) {
                0..=5 => Colour::Green,
                6..=8 => Colour::Yellow,
                _ => Colour::Red,
            };
            item.status.push(StatusUpdate {
                date: d("2026-11-06") + Duration::days(7 * week),
                colour,
                note: rng.chance(60).then(|| words(&mut rng, 4, 15)),
                by: Some(words(&mut rng, 2, 2)),
                remaining: None,
            });
        }
        program.items.push(item.into());
    }
    for r in 0..3 {
        program.risks.push(
            Risk {
                uid: String::new(),
                id: format!("R-{r}"),
                title: words(&mut rng, 5, 12),
                owner: Some(words(&mut rng, 2, 2)),
                level: RiskLevel::High,
                affects: vec![format!("IT-{}", rng.between(0, items as i64 - 1))],
                trigger: Some(d("2026-11-20") + Duration::days(rng.between(-5, 20))),
                options: vec![words(&mut rng, 3, 8), words(&mut rng, 3, 8)],
                state: RiskState::Open,
                decision: None,
            }
            .into(),
        );
    }
    for q in 0..3 {
        program.decisions.push(
            Decision {
                uid: String::new(),
                id: format!("D-{q}"),
                question: format!("{}?", words(&mut rng, 6, 16)),
                options: vec![words(&mut rng, 2, 5), words(&mut rng, 2, 5)],
                recommendation: Some(words(&mut rng, 3, 10)),
                needed_by: Some(d("2026-11-20") + Duration::days(rng.between(-3, 25))),
                from: Some(words(&mut rng, 1, 3)),
                decided: None,
                outcome: None,
            }
            .into(),
        );
    }
    program
}

fn programs() -> Vec<Program> {
    let spec = read_program(&std::fs::read_to_string("tests/fixtures/spec-example.json").unwrap())
        .unwrap()
        .program;
    let mut all = vec![example_program(), spec];
    all.extend((0..12).map(|seed| generated(seed, 12 + seed as usize * 3)));
    all
}

#[test]
fn the_screen_and_the_markdown_say_the_same_sentences() {
    for program in programs() {
        let cockpit = cockpit(&program);
        let summary = &cockpit.summary;
        let markdown = plain(&summary_markdown(&program.name, summary));
        let paragraph = summary.paragraph_text();
        assert!(
            markdown.contains(&paragraph),
            "paragraph of {} not in\n{markdown}",
            program.name
        );
        if let Some(line) = &summary.confidence {
            assert!(markdown.contains(&line.text()));
        }
        for section in &summary.sections {
            assert!(
                markdown.contains(&format!("## {}", section.heading)),
                "{}",
                section.heading
            );
            if section.lines.is_empty() {
                assert!(markdown.contains(&section.empty), "{}", section.empty);
            }
            for line in &section.lines {
                let text = line.text();
                assert!(
                    markdown.contains(&text),
                    "«{text}» of {} not in\n{markdown}",
                    section.key
                );
            }
        }
    }
}

#[test]
fn the_first_paragraph_stays_within_a_hundred_words() {
    for program in programs() {
        let summary = cockpit(&program).summary;
        let words = summary.paragraph_words();
        assert!(
            words <= PARAGRAPH_WORDS,
            "{} words for {}: {}",
            words,
            program.name,
            summary.paragraph_text()
        );
        let text = summary.paragraph_text();
        assert!(text.starts_with("Program is "), "{text}");
        assert!(
            text.contains(" confidence") || text.contains("being computed"),
            "{text}"
        );
    }
}

#[test]
fn the_example_paragraph_keeps_every_part_within_a_hundred_words() {
    let summary = cockpit(&example_program()).summary;
    let text = summary.paragraph_text();
    println!("{} words: {text}", summary.paragraph_words());
    assert!(summary.paragraph_words() <= PARAGRAPH_WORDS, "{text}");
    for part in [
        "Program is Yellow.",
        "15 Jan 2027",
        "% confidence",
        "because",
        "mitigation",
        "Decisions needed:",
        "VP Engineering",
        "26 Nov",
        "Recommend:",
    ] {
        assert!(text.contains(part), "«{part}» missing from: {text}");
    }
}

#[test]
fn even_very_long_user_text_keeps_the_paragraph_within_a_hundred_words() {
    let mut program = generated(99, 10);
    let long = "a very long clause ".repeat(40);
    for dep in &mut program.dependencies {
        dep.mitigation = Some(long.clone());
        dep.title = long.clone();
    }
    for item in &mut program.items {
        item.title = long.clone();
    }
    for decision in &mut program.decisions {
        decision.question = long.clone();
        decision.recommendation = Some(long.clone());
        decision.from = Some(long.clone());
    }
    let summary = cockpit(&program).summary;
    assert!(
        summary.paragraph_words() <= PARAGRAPH_WORDS,
        "{}",
        summary.paragraph_text()
    );
}

/// Every key a fully filled item writes is one the Plan edits (or the board's status and the
/// importer's source), and one the validator checks: a value of the wrong type under it is
/// reported at its place.
#[test]
fn a_fully_filled_item_writes_only_fields_the_ui_and_the_validator_know() {
    let mut item = Item::task("FULL-1", "Every field", 5);
    item.team = Some("pay".into());
    item.owner = Some("Dana".into());
    item.kind = ItemKind::Milestone;
    item.days = 3;
    item.low = Some(2);
    item.high = Some(8);
    item.after = vec![Link {
        id: "A".into(),
        link_type: LinkType::SS,
        lag: 2,
    }];
    item.not_before = Some(d("2026-09-10"));
    item.due = Some(d("2026-10-01"));
    item.started = Some(d("2026-09-14"));
    item.finished = Some(d("2026-09-18"));
    item.remaining = Some(1);
    item.needs.insert("pay".into(), 2);
    item.source = Some(Source::new("jira", "FULL-1"));
    item.status = vec![StatusUpdate {
        date: d("2026-09-18"),
        colour: Colour::Green,
        note: Some("done".into()),
        by: Some("Dana".into()),
        remaining: Some(0),
    }];
    let value = serde_json::to_value(&item).unwrap();
    let written: BTreeSet<String> = value.as_object().unwrap().keys().cloned().collect();
    let ui: BTreeSet<String> = ItemField::ALL
        .iter()
        .map(|f| f.key().to_string())
        .chain(["status".to_string(), "source".to_string()])
        .collect();
    assert_eq!(written, ui, "fields written vs fields the UI edits");

    let mut program = Program::new("Fields", d("2026-09-07"));
    program.teams.push(
        throughline::model::Team {
            uid: String::new(),
            id: "pay".into(),
            name: "Payments".into(),
            lead: None,
            people: None,
            availability: Vec::new(),
        }
        .into(),
    );
    program.items.push(Item::task("A", "Before", 1).into());
    program.items.push(item.into());
    let text = write_program(&program);
    assert!(read_program(&text).is_ok());
    for key in &written {
        let mut broken: serde_json::Value = serde_json::from_str(&text).unwrap();
        broken["items"][1][key] = serde_json::json!(true); // no field of an item is a boolean
        let err = read_program(&broken.to_string()).expect_err(key);
        assert!(
            err.to_string().contains(&format!("].{key}: expected")),
            "the validator does not check `{key}`: {err}"
        );
    }
}

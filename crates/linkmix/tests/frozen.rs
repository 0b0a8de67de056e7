//! The model is frozen: links written with it are out in the world, so each of these texts
//! must compress to exactly the stream kept beside it, and each stream must decompress to
//! exactly its text, on every platform and forever. A change to the model, its tables, its
//! primer or the stream's layout fails here first; it needs a new model (a new number, see
//! [`linkmix::MODEL`]) with this one kept for reading.
//!
//! `spec-program` and `example-program` are the streams of the first `#share=~~` links
//! ever written (tests/fixtures/spec-share-mix.txt and example-share-mix.txt in the app),
//! with the compact program text they hold; the others are made by `vectors/texts.rs`.

#[path = "vectors/texts.rs"]
mod texts;

use linkmix::{compress, decompress, MixError, MODEL};

/// Each vector: its name (the stream is `vectors/<name>.stream`) and its text.
fn vectors() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("empty", Vec::new()),
        (
            "spec-program",
            include_bytes!("vectors/spec-program.json").to_vec(),
        ),
        (
            "example-program",
            include_bytes!("vectors/example-program.json").to_vec(),
        ),
        ("prose", texts::PROSE.as_bytes().to_vec()),
        ("noise", texts::noise()),
        ("large", texts::large()),
    ]
}

fn stream(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/vectors/{name}.stream", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

#[test]
fn this_is_model_1() {
    assert_eq!(MODEL, 1);
}

#[test]
fn every_text_compresses_to_its_frozen_stream() {
    for (name, text) in vectors() {
        let frozen = stream(name);
        let written = compress(&text);
        let first_difference = written.iter().zip(&frozen).position(|(a, b)| a != b);
        assert!(
            written == frozen,
            "{name}: the model wrote {} bytes, the frozen stream has {} (first difference at \
             byte {first_difference:?}): the model changed",
            written.len(),
            frozen.len()
        );
    }
}

#[test]
fn every_frozen_stream_decompresses_to_its_text() {
    for (name, text) in vectors() {
        let frozen = stream(name);
        assert!(
            decompress(&frozen, text.len()) == Ok(text.clone()),
            "{name}"
        );
        if !text.is_empty() {
            assert_eq!(
                decompress(&frozen, text.len() - 1),
                Err(MixError::TooLarge),
                "{name}"
            );
        }
    }
}

#[test]
fn the_vectors_cover_what_they_are_for() {
    let vectors = vectors();
    let text = |name: &str| &vectors.iter().find(|(n, _)| *n == name).unwrap().1;
    // A three-byte length and the largest context tables.
    assert!(text("large").len() >= 1 << 16);
    // Texts that are not JSON, and bytes that are not text at all.
    assert!(!text("prose").starts_with(b"[") && std::str::from_utf8(text("prose")).is_ok());
    assert!(std::str::from_utf8(text("noise")).is_err());
}

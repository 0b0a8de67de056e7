//! Properties of the link compressor: every text comes back exactly, and no stream makes
//! decoding panic. (Damage is caught by a 16-bit check, so whether it is caught is a
//! matter of chance; the unit tests pin it for a fixed text, cut at every length.)

use linkmix::{compress, decompress, MixError};
use proptest::prelude::*;

/// Texts like the ones links carry (JSON with words and numbers), and any bytes at all.
fn text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..3_000),
        "[\\[\\]{},:\" a-zA-Z0-9é–-]{0,3000}".prop_map(String::into_bytes),
        proptest::collection::vec(prop_oneof![Just(b'a'), Just(b'\0'), Just(0xFF)], 0..5_000),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_text_comes_back_exactly(text in text()) {
        let stream = compress(&text);
        prop_assert_eq!(decompress(&stream, text.len()), Ok(text.clone()));
        if !text.is_empty() {
            prop_assert_eq!(decompress(&stream, text.len() - 1), Err(MixError::TooLarge));
        }
    }

    #[test]
    fn any_bytes_decode_without_panicking(stream in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = decompress(&stream, 1 << 20);
    }
}

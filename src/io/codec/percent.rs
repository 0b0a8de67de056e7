//! Percent-encoding for `#json=` links: every byte but the unreserved characters of
//! RFC 3986 is escaped on writing; reading is lenient. Never panics on any text.

use percent_encoding::{percent_decode_str, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the unreserved characters `A-Z a-z 0-9 - . _ ~`.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub fn encode(bytes: &[u8]) -> String {
    percent_encoding::percent_encode(bytes, RESERVED).to_string()
}

/// Decodes `%XX` escapes. A `%` not followed by two hex digits is kept as it is, because
/// some browsers hand over the fragment already decoded and JSON text may contain `%`.
pub fn decode(text: &str) -> Vec<u8> {
    percent_decode_str(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unreserved_characters_are_left_unescaped() {
        assert_eq!(encode(b"a-b.c_d~e f/{}"), "a-b.c_d~e%20f%2F%7B%7D");
        assert_eq!(decode("a%20b%7b%zz%"), b"a b{%zz%");
    }
}

//! Base64url without padding for writing links; for reading, base64url or standard
//! base64, padded or not, wrapped or not. Never panics on any text.

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Why text is not base64.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base64Error {
    /// A character base64 never has.
    Alphabet,
    /// One character too many or too few: the text was cut off.
    Cut,
}

pub fn encode(bytes: &[u8]) -> String {
    encode_with(bytes, BASE64URL, false)
}

/// Standard base64 with padding (what GitHub's contents API takes).
pub fn encode_standard(bytes: &[u8]) -> String {
    encode_with(bytes, STANDARD, true)
}

fn encode_with(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let sextets = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63];
        for sextet in &sextets[..chunk.len() + 1] {
            out.push(char::from(alphabet[*sextet as usize]));
        }
        if pad {
            out.extend(std::iter::repeat_n('=', 3 - chunk.len()));
        }
    }
    out
}

fn sextet(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        // Standard base64 as well as base64url: scripts write either.
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Decodes base64 or base64url, padded or not. Whitespace is skipped because mail clients
/// and chat apps wrap long links; padding (also `%3D`, as some apps escape it) may only end
/// the text, a wrap between its characters included.
pub fn decode(text: &str) -> Result<Vec<u8>, Base64Error> {
    let mut text = text;
    loop {
        let trimmed = text
            .trim_end_matches(|c: char| c == '=' || c.is_whitespace())
            .trim_end_matches("%3D")
            .trim_end_matches("%3d");
        if trimmed.len() == text.len() {
            break;
        }
        text = trimmed;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut buffer: u32 = 0;
    let mut count = 0u8;
    for byte in text.bytes() {
        if byte.is_ascii_whitespace() {
            continue;
        }
        let value = sextet(byte).ok_or(Base64Error::Alphabet)?;
        buffer = (buffer << 6) | value;
        count += 1;
        if count == 4 {
            out.extend_from_slice(&[(buffer >> 16) as u8, (buffer >> 8) as u8, buffer as u8]);
            buffer = 0;
            count = 0;
        }
    }
    match count {
        0 => {}
        // One leftover character carries no whole byte: the link was cut off.
        1 => return Err(Base64Error::Cut),
        2 => out.push((buffer >> 4) as u8),
        _ => out.extend_from_slice(&[(buffer >> 10) as u8, (buffer >> 2) as u8]),
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let encoded = encode(&data[..len]);
            assert!(!encoded.contains('='));
            assert_eq!(decode(&encoded).unwrap(), &data[..len]);
        }
    }

    #[test]
    fn standard_padded_base64_is_accepted() {
        // "hello?" in standard base64 with padding variants.
        assert_eq!(decode("aGVsbG8/").unwrap(), b"hello?");
        assert_eq!(decode("aGk=").unwrap(), b"hi");
        assert_eq!(decode("aGk%3D").unwrap(), b"hi");
        assert_eq!(decode("aG\nk").unwrap(), b"hi");
    }

    #[test]
    fn a_single_dangling_character_means_cut_off() {
        assert_eq!(decode("aGVsb"), Err(Base64Error::Cut));
        assert_eq!(decode("aG!k"), Err(Base64Error::Alphabet));
    }

    // Against the `base64` crate (a dev-dependency only): the same text written, and
    // everything it reads read the same. This reader is more lenient than any one of the
    // crate's engines (either alphabet, any padding, whitespace), never less.

    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    use base64::Engine;
    use proptest::prelude::*;

    /// The crate at its most lenient that still has one alphabet: base64url, padding or not,
    /// any bits after the last byte.
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        #[test]
        fn writes_what_the_crate_writes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(encode(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
        }

        #[test]
        fn reads_what_any_of_the_crates_engines_wrote_even_wrapped(
            bytes in proptest::collection::vec(any::<u8>(), 0..200),
            engine in 0usize..4,
            wrap in 1usize..80,
        ) {
            let text = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD][engine].encode(&bytes);
            prop_assert_eq!(decode(&text), Ok(bytes.clone()));
            let wrapped: Vec<&str> = text.as_bytes().chunks(wrap).map(|c| std::str::from_utf8(c).unwrap()).collect();
            prop_assert_eq!(decode(&wrapped.join("\n")), Ok(bytes));
        }

        #[test]
        fn reads_any_text_the_crate_reads_as_it_does(text in "[A-Za-z0-9_=-]{0,24}") {
            if let Ok(bytes) = LENIENT.decode(&text) {
                prop_assert_eq!(decode(&text), Ok(bytes), "{:?}", text);
            }
        }
    }
}

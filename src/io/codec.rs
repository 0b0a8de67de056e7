//! Share links (SPEC §6): the whole program in the URL fragment, `#share=` (deflate +
//! base64url) or `#json=` (percent-encoded JSON). Links are untrusted: decoding never
//! panics, and refuses payloads that would expand beyond a few megabytes.

use miniz_oxide::inflate::TINFLStatus;
use serde_json::Value;

use crate::model::{read_program_value, write_program_compact, Loaded, Program, ReadError};

/// The most a link may expand to, in bytes (after inflating or percent-decoding).
pub const MAX_EXPANDED: usize = 4 * 1024 * 1024;

/// The most items plus dependencies a shared program may hold.
pub const MAX_ITEMS: usize = 20_000;

const SHARE_PREFIX: &str = "share=";
const JSON_PREFIX: &str = "json=";

/// Why a share link could not be opened. The messages are shown to the TPM as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("The link is damaged: it contains characters a share link never has")]
    NotBase64,
    #[error("The link is incomplete or damaged — it may have been cut off when copied")]
    Incomplete,
    #[error("The link would expand to more than 4 MB; Throughline refuses it")]
    TooLarge,
    #[error(
        "The link holds {count} items and dependencies; Throughline opens at most {MAX_ITEMS}"
    )]
    TooManyItems { count: usize },
    #[error("The link is damaged: its content is not text (not valid UTF-8)")]
    NotUtf8,
    #[error("The link does not hold a usable program. {0}")]
    InvalidProgram(ReadError),
}

/// The fragment of a share link for `program`, without the leading `#`:
/// `share=<base64url, no padding, of raw deflate (level 9) of the compact program JSON>`.
pub fn share_fragment(program: &Program) -> String {
    let json = write_program_compact(program);
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("{SHARE_PREFIX}{}", base64url_encode(&compressed))
}

/// The fragment of a plain JSON link for `program`, without the leading `#`:
/// `json=<compact JSON, every byte but A-Z a-z 0-9 - . _ ~ percent-encoded>`.
pub fn json_fragment(program: &Program) -> String {
    let json = write_program_compact(program);
    format!("{JSON_PREFIX}{}", percent_encode(json.as_bytes()))
}

/// Opens a link from the location hash (with or without the leading `#`).
///
/// True when the fragment (with or without `#`) carries a program: a `share=` or `json=`
/// link, whether or not it turns out to be readable. Costs nothing; decodes nothing.
pub fn is_link(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.starts_with(SHARE_PREFIX) || fragment.starts_with(JSON_PREFIX)
}

/// Returns `None` when the fragment is not a share link at all (e.g. `#/plan`), so the
/// caller can treat it as a view address. Otherwise returns the program with its
/// validation warnings, or a [`LinkError`] saying what is wrong with the link.
/// `decode_fragment(&share_fragment(p))` gives back exactly `p`.
pub fn decode_fragment(fragment: &str) -> Option<Result<Loaded, LinkError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if let Some(payload) = fragment.strip_prefix(SHARE_PREFIX) {
        Some(decode_share(payload))
    } else {
        fragment.strip_prefix(JSON_PREFIX).map(decode_json)
    }
}

fn decode_share(payload: &str) -> Result<Loaded, LinkError> {
    let compressed = base64_decode(payload)?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_EXPANDED)
        .map_err(|err| match err.status {
            TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Incomplete,
        })?;
    read_bytes(bytes)
}

fn decode_json(payload: &str) -> Result<Loaded, LinkError> {
    // Percent-decoding never grows the text, so an oversize payload can be refused before
    // any work; after decoding the size is checked again against the real limit.
    if payload.len() > 3 * MAX_EXPANDED {
        return Err(LinkError::TooLarge);
    }
    let bytes = percent_decode(payload);
    if bytes.len() > MAX_EXPANDED {
        return Err(LinkError::TooLarge);
    }
    read_bytes(bytes)
}

fn read_bytes(bytes: Vec<u8>) -> Result<Loaded, LinkError> {
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotUtf8)?;
    let value: Value = serde_json::from_str(&text).map_err(|err| {
        LinkError::InvalidProgram(ReadError::NotJson {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
        })
    })?;
    let count = list_len(&value, "items") + list_len(&value, "dependencies");
    if count > MAX_ITEMS {
        return Err(LinkError::TooManyItems { count });
    }
    read_program_value(value).map_err(LinkError::InvalidProgram)
}

fn list_len(value: &Value, key: &str) -> usize {
    value.get(key).and_then(Value::as_array).map_or(0, Vec::len)
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
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
            out.push(char::from(BASE64URL[*sextet as usize]));
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
/// the text.
fn base64_decode(text: &str) -> Result<Vec<u8>, LinkError> {
    let text = text.trim_end();
    let text = text.trim_end_matches("%3D").trim_end_matches("%3d");
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let mut buffer: u32 = 0;
    let mut count = 0u8;
    for byte in text.bytes() {
        if byte.is_ascii_whitespace() {
            continue;
        }
        let value = sextet(byte).ok_or(LinkError::NotBase64)?;
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
        1 => return Err(LinkError::Incomplete),
        2 => out.push((buffer >> 4) as u8),
        _ => out.extend_from_slice(&[(buffer >> 10) as u8, (buffer >> 2) as u8]),
    }
    Ok(out)
}

fn percent_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 3);
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    out
}

/// Decodes `%XX` escapes. A `%` not followed by two hex digits is kept as it is, because
/// some browsers hand over the fragment already decoded and JSON text may contain `%`.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte == b'%' {
            let high = bytes.get(i + 1).and_then(|b| char::from(*b).to_digit(16));
            let low = bytes.get(i + 2).and_then(|b| char::from(*b).to_digit(16));
            if let (Some(high), Some(low)) = (high, low) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(byte);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let encoded = base64url_encode(&data[..len]);
            assert!(!encoded.contains('='));
            assert_eq!(base64_decode(&encoded).unwrap(), &data[..len]);
        }
    }

    #[test]
    fn standard_padded_base64_is_accepted() {
        // "hello?" in standard base64 with padding variants.
        assert_eq!(base64_decode("aGVsbG8/").unwrap(), b"hello?");
        assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_decode("aGk%3D").unwrap(), b"hi");
        assert_eq!(base64_decode("aG\nk").unwrap(), b"hi");
    }

    #[test]
    fn a_single_dangling_character_means_cut_off() {
        assert_eq!(base64_decode("aGVsb"), Err(LinkError::Incomplete));
        assert_eq!(base64_decode("aG!k"), Err(LinkError::NotBase64));
    }

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        assert_eq!(percent_encode(b"a-b.c_d~e f/{}"), "a-b.c_d~e%20f%2F%7B%7D");
        assert_eq!(percent_decode("a%20b%7b%zz%"), b"a b{%zz%");
    }

    #[test]
    fn only_share_and_json_fragments_are_links() {
        assert!(is_link("#share=abc") && is_link("json=%7B") && is_link("#json="));
        assert!(!is_link("#/plan") && !is_link("") && !is_link("#/share=x"));
    }

    #[test]
    fn view_addresses_are_not_links() {
        assert!(decode_fragment("#/plan").is_none());
        assert!(decode_fragment("").is_none());
        assert!(decode_fragment("#sharex").is_none());
    }
}

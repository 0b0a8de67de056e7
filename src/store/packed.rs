//! Text packed for localStorage: a part of a program's JSON compressed with deflate and
//! written 15 bits to a character. localStorage counts characters, not bytes (5,242,880 of
//! them in Chromium and Firefox, whatever they are), so base64's 6 bits a character would
//! waste more than half of it. The characters are U+4000–U+BFFF: no surrogates, no
//! controls, valid UTF-16 everywhere. Plain JSON (text starting with `{` or `[`) reads as
//! it is. Pure; never panics on any stored text.

use miniz_oxide::inflate::TINFLStatus;

/// The first character of packed text, then the byte count in decimal, then `:`.
const MARK: char = 'z';
/// Where the 15-bit values start.
const BASE: u32 = 0x4000;
/// The most bytes a packed part may expand to: far more than any real part (a part holds a
/// few dozen items or one report), and a bound on what damaged data can make us allocate.
pub const MAX_PART_BYTES: usize = 64 << 20;

/// Why stored text is not a part this build can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnpackError {
    #[error("a stored part is damaged ({0})")]
    Damaged(&'static str),
    #[error("a stored part is larger than any program part can be")]
    TooLarge,
}

/// Deflate's fastest level: a save compresses only the parts that changed, on the page's
/// own thread, so speed matters more than the last tenth of the size.
const LEVEL: u8 = 1;

/// `json` compressed and written as characters.
pub fn pack(json: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    let mut out = String::with_capacity(bytes.len() * 8 / 15 + 16);
    out.push(MARK);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 15 {
            bits -= 15;
            push_value(&mut out, (buffer >> bits) & 0x7FFF);
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        push_value(&mut out, (buffer << (15 - bits)) & 0x7FFF);
    }
    out
}

fn push_value(out: &mut String, value: u32) {
    // BASE + 0..=0x7FFF is U+4000..=U+BFFF: always a valid char.
    out.extend(char::from_u32(BASE + value));
}

/// The JSON text of a stored part: packed text unpacked, plain JSON as it is.
pub fn unpack(text: &str) -> Result<String, UnpackError> {
    let Some(rest) = text.strip_prefix(MARK) else {
        return match text.trim_start().chars().next() {
            Some('{' | '[') => Ok(text.to_string()),
            _ => Err(UnpackError::Damaged("neither packed nor JSON")),
        };
    };
    let (count, payload) = rest
        .split_once(':')
        .ok_or(UnpackError::Damaged("no length"))?;
    let count: usize = count
        .parse()
        .map_err(|_| UnpackError::Damaged("bad length"))?;
    if count > MAX_PART_BYTES {
        return Err(UnpackError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(count);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in payload.chars() {
        let value = u32::from(c)
            .checked_sub(BASE)
            .filter(|v| *v <= 0x7FFF)
            .ok_or(UnpackError::Damaged("a character outside the packing"))?;
        buffer = (buffer << 15) | value;
        bits += 15;
        while bits >= 8 && bytes.len() < count {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
        }
        buffer &= (1 << bits) - 1;
    }
    if bytes.len() != count {
        return Err(UnpackError::Damaged("cut short"));
    }
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_PART_BYTES).map_err(
        |err| match err.status {
            TINFLStatus::HasMoreOutput => UnpackError::TooLarge,
            _ => UnpackError::Damaged("not deflate"),
        },
    )?;
    String::from_utf8(json).map_err(|_| UnpackError::Damaged("not text"))
}

/// How many characters `text` takes in localStorage (UTF-16 code units, as browsers count).
pub fn stored_chars(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_round_trips_and_is_short() {
        let json = format!(
            "[{}]",
            (0..500)
                .map(|i| format!(
                    "{{\"id\":\"GEN-{i}\",\"note\":\"Waiting on the vendor sandbox\"}}"
                ))
                .collect::<Vec<_>>()
                .join(",")
        );
        let packed = pack(&json);
        assert_eq!(unpack(&packed).unwrap(), json);
        // Far fewer characters than the JSON: compressed, and 15 bits a character.
        assert!(
            stored_chars(&packed) * 10 < json.len(),
            "{} vs {}",
            stored_chars(&packed),
            json.len()
        );
        assert!(packed
            .chars()
            .skip_while(|c| *c != ':')
            .skip(1)
            .all(|c| ('\u{4000}'..='\u{bfff}').contains(&c)));
    }

    #[test]
    fn every_length_round_trips() {
        for n in 0..64 {
            let text: String = (0..n)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let json = format!("[\"{text}\"]");
            assert_eq!(unpack(&pack(&json)).unwrap(), json, "length {n}");
        }
    }

    #[test]
    fn plain_json_reads_as_it_is_and_damage_is_named() {
        assert_eq!(unpack("{\"a\":1}").unwrap(), "{\"a\":1}");
        assert!(matches!(unpack("hello"), Err(UnpackError::Damaged(_))));
        assert!(matches!(unpack("z5:"), Err(UnpackError::Damaged(_))));
        assert!(matches!(
            unpack("z99999999999:"),
            Err(UnpackError::TooLarge)
        ));
        let packed = pack("[1,2,3]");
        let cut: String = packed.chars().take(packed.chars().count() - 1).collect();
        assert!(unpack(&cut).is_err());
        assert!(unpack("z3:abc").is_err());
    }
}

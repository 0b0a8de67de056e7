//! Share links (docs/format.md#share-links): the program in the URL fragment. Links are untrusted:
//! decoding never panics, refuses payloads that would expand beyond [`MAX_EXPANDED`]
//! bytes or hold more than [`MAX_ITEMS`] items, and ends in the program reader
//! ([`read_program_value`]) so a hostile link gets the same messages as a bad file.
//! Every link ever written keeps opening: the compact form is versioned.
//!
//! # The four kinds of link (fragment, without the leading `#`)
//!
//! - `share=~~<base64url>` — what [`share_fragment`] writes. Base64url (no padding) of the
//!   UTF-8 JSON text of the *compact form* below, compressed by the `linkmix` crate (a
//!   context-mixing model with an arithmetic coder: about a quarter shorter than deflate
//!   on a program's text, and slower: about 1.5 µs a byte, so a 10,000-item program takes
//!   a second or two to share or open).
//! - `share=~~<n>.<payload>` — the same, compressed by linkmix's model number `n` (a
//!   decimal number, then a dot: a dot is never base64, so no older link starts this way).
//!   No mark means model 1, the only model so far: this build writes model 1 links
//!   without one, so that builds from before marks (a copy the service worker still
//!   keeps, say) open them too. A later model writes its mark; this build then says the
//!   link was made by a newer version ([`LinkError::NewerModel`]) instead of calling it
//!   damaged. A `1.` mark, which nothing writes yet, opens as model 1.
//! - `share=~<base64url>` — the same, compressed by raw deflate (RFC 1951, no zlib
//!   header) instead: what builds before the model wrote, and what a script can write.
//!   The `~` cannot start an older link (it is not base64), so it marks the compact form;
//!   a second `~` marks the model.
//! - `share=<base64url>` — the first links: raw deflate of the plain program file JSON
//!   (docs/format.md).
//! - `json=<percent-encoded program file JSON>` — what [`json_fragment`] writes, and what
//!   any script can write by hand.
//!
//! Reading, each `~` may also arrive as `%7E`; base64 may be standard (`+/`) or url-safe,
//! padded or not, and wrapped by whitespace.
//!
//! # The compact form (version 1)
//!
//! A JSON list: the version `1`, then the program as a *record* of the fields listed
//! under `Program` below. A record is a list holding each field's value at its position:
//! `null` (or a list that ends early) means the field is absent; absent and `null` are
//! the same in the program file. A field equal to its default (in brackets) is left
//! out. When an object has fields the table does not name (fields added to the format
//! later), or a field whose value the slot cannot hold as described (a date that is not
//! `YYYY-MM-DD`, a word not in the list), the record is padded with `null` to its full
//! length and one more element follows: an object holding those fields verbatim, with
//! their full names. So any JSON object survives the round trip.
//!
//! Values by kind of field:
//! - *date*: a whole number of days after the program's `start` (may be negative);
//!   `start` itself counts days after 1970-01-01. If `start` is not a date, dates count
//!   from 1970-01-01.
//! - *word*: the position (from 0) of the word in the list given.
//! - *record* / *records*: a record, or a list of records, of the table named. In a
//!   list, a record holding only its first field, text, is written as that text
//!   (`["PAY-1"]` is written `"PAY-1"`).
//! - any other field: its JSON value as it is.
//!
//! | record | fields, in order |
//! |---|---|
//! | Program | `format`, `name`, `start` (date), `target` (date), `status_date` (date), `calendar` (Calendar; all default: absent), `rules` (Rules; all default: absent), `teams` (Team records), `items` (Item records), `dependencies` (Dependency records), `risks` (Risk records), `decisions` (Decision records), `summary` (Summary; all default: absent) |
//! | Calendar | `workdays` [`["mon","tue","wed","thu","fri"]`], `holidays` (list of dates) |
//! | Rules | `stale_yellow_days` [14], `review_every_days` [7], `update_every_days` [7], `near_critical_days` [5], `escalate_within_days` [14], `iterations` [10000], `slip_by_risk` [`{"low":[0,0,2],"medium":[0,2,8],"high":[0,5,20]}`] |
//! | Team | `id`, `name`, `lead` |
//! | Item | `id`, `title`, `team`, `owner`, `days` [0], `low`, `high`, `after` (Link records), `started` (date), `finished` (date), `remaining`, `source` (Source), `status` (Update records), `due` (date), `not_before` (date), `kind` (word: task, milestone) [task] |
//! | Link | `id`, `type` (word: FS, SS, FF, SF) [FS], `lag` [0] |
//! | Source | `system`, `key` [the item's `id`: absent means the item's id] |
//! | Update | `date` (date), `color` (word: green, yellow, red), `note`, `by`, `remaining` |
//! | Dependency | `id`, `title`, `kind` (word: third_party_api, team_deliverable, hardware, compliance, other) [other], `provider`, `owner`, `due` (date), `risk` (word: low, medium, high) [medium], `mitigation`, `slip`, `delivered` (date), `reviewed` (date), `status` (Update records) |
//! | Risk | `id`, `title`, `owner`, `level` (word: low, medium, high) [medium], `affects`, `trigger` (date), `options`, `state` (word: open, escalated, mitigated, closed) [open], `decision` |
//! | Decision | `id`, `question`, `options`, `recommendation`, `needed_by` (date), `from`, `decided` (date), `outcome` |
//! | Summary | `color` (word: green, yellow, red), `color_reason`, `headline`, `notes` |
//!
//! Example: the program `{"format":"throughline/1","name":"P","start":"2026-09-07",
//! "target":"2026-09-17","items":[{"id":"A","title":"a","days":3},{"id":"B","title":"b",
//! "days":2,"after":[{"id":"A","type":"SS","lag":1}],"due":"2026-09-16"}]}` has the
//! compact form `[1,"throughline/1","P",20703,10,null,null,null,null,[["A","a",null,null,3],
//! ["B","b",null,null,2,null,null,[["A",1,1]],null,null,null,null,null,9]]]`.
//!
//! A list starting with `0` holds a value that is not a program object (`[0, value]`);
//! any other version is refused with [`LinkError::NewerVersion`], and a payload that is
//! not a list is read as a plain program file.

pub(crate) mod base64;
pub mod compact;
pub(crate) mod percent;

use linkmix as mix;
use miniz_oxide::inflate::TINFLStatus;
use serde_json::Value;

use crate::model::{read_program_value, write_program_compact, Loaded, Program, ReadError};

/// The most a link may expand to, in bytes (after inflating or percent-decoding).
pub const MAX_EXPANDED: usize = 4 * 1024 * 1024;

/// The most items plus dependencies a shared program may hold.
pub const MAX_ITEMS: usize = 20_000;

const SHARE_PREFIX: &str = "share=";
const JSON_PREFIX: &str = "json=";
/// Starts the payload of a compact share link; never the first character of an older one.
const COMPACT_MARK: &str = "~";
/// Starts the payload of a compact share link compressed by [`mix`]: two compact marks.
const MIX_MARK: &str = "~~";

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
    #[error(
        "The link was made by a newer version of Throughline (share format {version}); \
         open it there, or ask for the program as a .json file"
    )]
    NewerVersion { version: u64 },
    #[error(
        "The link was made by a newer version of Throughline (link compression {model}); \
         open it there, or ask for the program as a .json file"
    )]
    NewerModel { model: u64 },
}

/// The fragment of a share link for `program`, without the leading `#`:
/// `share=~~<base64url of the compact form, compressed by linkmix>` (see the module doc).
pub fn share_fragment(program: &Program) -> String {
    // Through the JSON text rather than `serde_json::to_value`: the app already carries
    // that serializer and the `Value` parser, and a second serializer would add weight.
    let value = serde_json::from_str(&write_program_compact(program)).unwrap_or_default();
    share_fragment_value(value)
}

/// As [`share_fragment`], for a program file already parsed as JSON. Fields unknown to
/// this build travel verbatim, so [`decode_fragment_value`] gives back `program` with
/// only what the file format says changes nothing left out: known fields that are `null`
/// or hold their default.
pub fn share_fragment_value(mut program: Value) -> String {
    without_uids(&mut program);
    let json = serde_json::to_string(&compact::compact(program)).unwrap_or_default();
    let compressed = mix::compress(json.as_bytes());
    format!("{SHARE_PREFIX}{MIX_MARK}{}", base64::encode(&compressed))
}

/// Leaves out the entities' hidden uids: a link is a read-only copy whose reader derives
/// them again from the ids (model/uid.rs), and ten random characters an entity would
/// make the example's link a third longer.
fn without_uids(program: &mut Value) {
    for list in ["teams", "items", "dependencies", "risks", "decisions"] {
        if let Some(Value::Array(entities)) = program.get_mut(list) {
            for entity in entities {
                if let Value::Object(fields) = entity {
                    fields.remove("uid");
                }
            }
        }
    }
}

/// The fragment of a plain JSON link for `program`, without the leading `#`:
/// `json=<compact JSON, every byte but A-Z a-z 0-9 - . _ ~ percent-encoded>`.
pub fn json_fragment(program: &Program) -> String {
    let json = write_program_compact(program);
    format!("{JSON_PREFIX}{}", percent::encode(json.as_bytes()))
}

/// True when the fragment (with or without `#`) carries a program: a `share=` or `json=`
/// link, whether or not it turns out to be readable. Costs nothing; decodes nothing.
pub fn is_link(fragment: &str) -> bool {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.starts_with(SHARE_PREFIX) || fragment.starts_with(JSON_PREFIX)
}

/// Opens a link from the location hash (with or without the leading `#`).
///
/// Returns `None` when the fragment is not a share link at all (e.g. `#/plan`), so the
/// caller can treat it as a view address. Otherwise returns the program with its
/// validation warnings, or a [`LinkError`] saying what is wrong with the link.
/// `decode_fragment(&share_fragment(p))` gives back exactly `p`, but for uids: the reader
/// derives them from the ids (so exactly `p` when `p` was read from a file without them).
pub fn decode_fragment(fragment: &str) -> Option<Result<Loaded, LinkError>> {
    decode_fragment_value(fragment).map(|value| read_value(value?))
}

/// As [`decode_fragment`], but stops before reading the program: the program file JSON
/// the link holds, with any fields this build does not know.
pub fn decode_fragment_value(fragment: &str) -> Option<Result<Value, LinkError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if let Some(payload) = fragment.strip_prefix(SHARE_PREFIX) {
        Some(decode_share(payload))
    } else {
        fragment.strip_prefix(JSON_PREFIX).map(decode_json)
    }
}

fn decode_share(payload: &str) -> Result<Value, LinkError> {
    // No mark: the plain file, deflated. One: the compact form, deflated. Two: linkmix,
    // by the model its mark names.
    let value = match strip_mark(payload) {
        None => return parse_json(inflate(payload)?),
        Some(rest) => match strip_mark(rest) {
            Some(mixed) => match split_model(mixed) {
                (model, stream) if model == u64::from(mix::MODEL) => parse_json(unmix(stream)?)?,
                (0, _) => return Err(LinkError::NotBase64),
                (model, _) => return Err(LinkError::NewerModel { model }),
            },
            None => parse_json(inflate(rest)?)?,
        },
    };
    // Compact entries are short ("PAY-1" for an item): count them before they grow.
    let count = compact::entries(&value, "items") + compact::entries(&value, "dependencies");
    if count > MAX_ITEMS {
        return Err(LinkError::TooManyItems { count });
    }
    compact::expand(value).map_err(|error| match error {
        compact::ExpandError::UnknownVersion(version) => LinkError::NewerVersion { version },
    })
}

/// `text` after one compact mark (`~`, or `%7E` when something percent-encoded it).
fn strip_mark(text: &str) -> Option<&str> {
    [COMPACT_MARK, "%7E", "%7e"]
        .iter()
        .find_map(|mark| text.strip_prefix(mark))
}

/// The model a `~~` payload names (`<n>.` first; none is model 1) and the rest of it.
/// A number too large to read is a model this build cannot know either.
fn split_model(payload: &str) -> (u64, &str) {
    let digits = payload.bytes().take_while(u8::is_ascii_digit).count();
    match payload[digits..].strip_prefix('.') {
        Some(rest) if digits > 0 => (payload[..digits].parse().unwrap_or(u64::MAX), rest),
        _ => (u64::from(mix::MODEL), payload),
    }
}

fn unbase64(text: &str) -> Result<Vec<u8>, LinkError> {
    base64::decode(text).map_err(|error| match error {
        base64::Base64Error::Alphabet => LinkError::NotBase64,
        base64::Base64Error::Cut => LinkError::Incomplete,
    })
}

fn unmix(base64_text: &str) -> Result<Vec<u8>, LinkError> {
    mix::decompress(&unbase64(base64_text)?, MAX_EXPANDED).map_err(|error| match error {
        mix::MixError::TooLarge => LinkError::TooLarge,
        mix::MixError::Cut | mix::MixError::Damaged => LinkError::Incomplete,
    })
}

fn inflate(base64_text: &str) -> Result<Vec<u8>, LinkError> {
    let compressed = unbase64(base64_text)?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_EXPANDED).map_err(|err| {
        match err.status {
            TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            _ => LinkError::Incomplete,
        }
    })
}

fn decode_json(payload: &str) -> Result<Value, LinkError> {
    // Percent-decoding never grows the text, so an oversize payload can be refused before
    // any work; after decoding the size is checked again against the real limit.
    if payload.len() > 3 * MAX_EXPANDED {
        return Err(LinkError::TooLarge);
    }
    let bytes = percent::decode(payload);
    if bytes.len() > MAX_EXPANDED {
        return Err(LinkError::TooLarge);
    }
    parse_json(bytes)
}

fn parse_json(bytes: Vec<u8>) -> Result<Value, LinkError> {
    let text = String::from_utf8(bytes).map_err(|_| LinkError::NotUtf8)?;
    serde_json::from_str(&text).map_err(|err| {
        LinkError::InvalidProgram(ReadError::NotJson {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
        })
    })
}

fn read_value(value: Value) -> Result<Loaded, LinkError> {
    let count = list_len(&value, "items") + list_len(&value, "dependencies");
    if count > MAX_ITEMS {
        return Err(LinkError::TooManyItems { count });
    }
    read_program_value(value).map_err(LinkError::InvalidProgram)
}

fn list_len(value: &Value, key: &str) -> usize {
    value.get(key).and_then(Value::as_array).map_or(0, Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_share_and_json_fragments_are_links() {
        assert!(is_link("#share=abc") && is_link("json=%7B") && is_link("#json="));
        assert!(is_link("#share=~abc"));
        assert!(!is_link("#/plan") && !is_link("") && !is_link("#/share=x"));
    }

    #[test]
    fn view_addresses_are_not_links() {
        assert!(decode_fragment("#/plan").is_none());
        assert!(decode_fragment("").is_none());
        assert!(decode_fragment("#sharex").is_none());
    }

    #[test]
    fn the_documented_example_is_what_compact_writes() {
        let program: Value = serde_json::from_str(
            r#"{"format":"throughline/1","name":"P","start":"2026-09-07",
            "target":"2026-09-17","items":[{"id":"A","title":"a","days":3},{"id":"B","title":"b",
            "days":2,"after":[{"id":"A","type":"SS","lag":1}],"due":"2026-09-16"}]}"#,
        )
        .unwrap();
        let written = serde_json::to_string(&compact::compact(program)).unwrap();
        assert_eq!(
            written,
            r#"[1,"throughline/1","P",20703,10,null,null,null,null,[["A","a",null,null,3],["B","b",null,null,2,null,null,[["A",1,1]],null,null,null,null,null,9]]]"#
        );
    }
}

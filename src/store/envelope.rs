//! The stored form of a program: an envelope `{v, rev, tab, …}`. `rev` grows with every
//! write so a tab can tell that another one wrote since it last read. Version 2 (written
//! since this round) names the program's parts, stored under their own keys (`parts.rs`),
//! so the envelope is a few hundred characters and reading its header costs nothing;
//! version 1 held the whole program (`{v, rev, tab, program}`) and still opens, as does a
//! bare program from before envelopes. Pure; never panics on any stored text.

use serde::Deserialize;
use serde_json::Value;

use super::parts::Layout;
use crate::model::{read_program_value, Program, ReadError};

/// Version of the envelope (the program inside has its own `format`).
pub const ENVELOPE_VERSION: u32 = 2;

/// The envelope without its program: what autosave reads on every save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub v: u32,
    pub rev: u64,
    /// The tab that wrote it: two tabs that both wrote revision 6 (localStorage has no
    /// transactions) are told apart by it.
    pub tab: Option<String>,
}

/// Why a stored text is not a program this build can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// Written by a newer Throughline: left alone, never overwritten.
    #[error("it was saved by a newer version of Throughline")]
    Newer,
    /// Damaged: kept aside, never overwritten.
    #[error("{0}")]
    Damaged(String),
}

/// Reads the header, skipping the program without building it. A bare program (what an
/// older store wrote, with no envelope) is revision 0.
pub fn read_header(text: &str) -> Result<Header, EnvelopeError> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default)]
        v: Option<u32>,
        #[serde(default)]
        rev: Option<u64>,
        #[serde(default)]
        tab: Option<Value>,
    }
    let head: Head = serde_json::from_str(text).map_err(|err| damaged_json(&err))?;
    let header = Header {
        v: head.v.unwrap_or(0),
        rev: head.rev.unwrap_or(0),
        tab: head.tab.and_then(|tab| tab.as_str().map(str::to_string)),
    };
    if header.v > ENVELOPE_VERSION {
        return Err(EnvelopeError::Newer);
    }
    Ok(header)
}

fn damaged_json(err: &serde_json::Error) -> EnvelopeError {
    if err.is_data() {
        EnvelopeError::Damaged(format!("its storage envelope is damaged ({err})"))
    } else {
        EnvelopeError::Damaged(format!("it is not JSON ({err})"))
    }
}

/// Reads a whole stored program: migrated, checked, with its header.
pub fn read_envelope(text: &str) -> Result<(Program, Header), EnvelopeError> {
    let header = read_header(text)?;
    let value: Value = serde_json::from_str(text).map_err(|err| damaged_json(&err))?;
    let program = match value {
        Value::Object(mut map) if map.contains_key("rev") && map.contains_key("program") => {
            map.remove("program").unwrap_or_default()
        }
        bare => bare,
    };
    match read_program_value(program) {
        Ok(loaded) => Ok((loaded.program, header)),
        Err(ReadError::Invalid(problems)) => Err(EnvelopeError::Damaged(format!(
            "{} problem(s), first: {}",
            problems.len(),
            problems.first().map(|p| p.to_string()).unwrap_or_default()
        ))),
        Err(err) => Err(EnvelopeError::Damaged(err.to_string())),
    }
}

/// A version 1 envelope (the whole program inside), as earlier builds wrote it.
pub fn write_envelope(program: &Program, rev: u64, tab: &str) -> Result<String, String> {
    let tab = serde_json::to_string(tab).map_err(|err| err.to_string())?;
    let program = serde_json::to_string(program).map_err(|err| err.to_string())?;
    Ok(format!(
        "{{\"v\":1,\"rev\":{rev},\"tab\":{tab},\"program\":{program}}}"
    ))
}

/// A version 2 envelope: the header and the parts the program is stored in.
pub fn write_layout_envelope(layout: &Layout, rev: u64, tab: &str) -> Result<String, String> {
    let tab = serde_json::to_string(tab).map_err(|err| err.to_string())?;
    let layout = serde_json::to_string(layout).map_err(|err| err.to_string())?;
    Ok(format!(
        "{{\"v\":{ENVELOPE_VERSION},\"rev\":{rev},\"tab\":{tab},\"layout\":{layout}}}"
    ))
}

/// The parts a version 2 envelope names; `None` for an older envelope (whole program).
pub fn read_layout(text: &str) -> Result<Option<Layout>, EnvelopeError> {
    #[derive(Deserialize)]
    struct WithLayout {
        #[serde(default)]
        layout: Option<Layout>,
    }
    let header = read_header(text)?;
    if header.v < 2 {
        return Ok(None);
    }
    let found: WithLayout = serde_json::from_str(text).map_err(|err| damaged_json(&err))?;
    found
        .layout
        .map(Some)
        .ok_or_else(|| EnvelopeError::Damaged("its storage envelope names no parts".into()))
}

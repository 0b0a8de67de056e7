//! What a merge did, for the preview and the notice after "Apply": added, updated,
//! unchanged and no longer listed, by item id. Plain data and wording; no merging here.

use crate::model::Program;

/// The program after the merge, and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub program: Program,
    pub report: MergeReport,
}

/// What a merge did, by item id, in the export's order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: Vec<String>,
    /// Each updated item with the names of the fields that changed (`title`, `owner`,
    /// `team`, `due`, `started`, `finished`, `after`, `days`, `source`).
    pub updated: Vec<(String, Vec<&'static str>)>,
    pub unchanged: Vec<String>,
    /// Items imported from the same tracker whose key is not in this export: kept, flagged.
    pub missing: Vec<String>,
    /// The import's own warnings first, then the merge's.
    pub warnings: Vec<String>,
}

impl MergeReport {
    /// One line for the TPM, e.g. "3 added, 5 updated, 1 no longer in the export (PAY-9)".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.added.is_empty() {
            parts.push(format!("{} added", self.added.len()));
        }
        if !self.updated.is_empty() {
            parts.push(format!("{} updated", self.updated.len()));
        }
        if !self.unchanged.is_empty() {
            parts.push(format!("{} unchanged", self.unchanged.len()));
        }
        if !self.missing.is_empty() {
            parts.push(format!(
                "{} no longer in the export ({})",
                self.missing.len(),
                list(&self.missing)
            ));
        }
        if parts.is_empty() {
            "Nothing to import".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Lists ids for a message, naming at most ten.
pub(super) fn list(ids: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

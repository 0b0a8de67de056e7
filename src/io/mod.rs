//! Codecs and importers: share links, Jira and Linear CSV, schedule CSV. Pure; input untrusted.

pub mod codec;
pub mod import;
pub mod merge;
pub mod schedule_csv;

pub use codec::{decode_fragment, json_fragment, share_fragment, LinkError};
pub use import::{import_csv, Import, ImportError, ImportOptions, ImportedIssue, Progress, System};

pub use merge::{merge, merge_at, MergeReport, Merged};
pub use schedule_csv::{schedule_csv, ScheduleRow};

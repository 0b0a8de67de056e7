//! Codecs, importers and writers: share links, Jira and Linear CSV, live pulls from Linear
//! and Jira, a program file in a GitHub repository, the summary as Markdown, schedule CSV. Pure (no browser, no clock); every input
//! untrusted.

pub mod codec;
pub mod github;
pub mod import;
pub mod markdown;
pub mod merge;
pub mod pull;
pub mod schedule_csv;
pub mod work;

pub use codec::{decode_fragment, json_fragment, share_fragment, LinkError};
pub use import::{import_csv, Import, ImportError, ImportOptions, ImportedIssue, Progress, System};

pub use merge::{merge, merge_at, MergeReport, Merged};
pub use schedule_csv::{schedule_csv, ScheduleRow};

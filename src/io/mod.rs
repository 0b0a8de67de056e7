//! Codecs and importers: share links, Jira and Linear CSV, schedule CSV. Pure; input untrusted.

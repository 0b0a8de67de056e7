//! Finding things in long lists: the filter box of Plan, Register, Board and Risks — words,
//! a team, an owner, a colour — and its form in the address (`#/plan?q=api&team=pay`), so a
//! filtered view can be bookmarked, reloaded and sent. Pure: no browser.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::model::Colour;

/// What a list is narrowed to; an empty part matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear (ignoring case) in the id, title, owner or team.
    pub text: String,
    /// A team id.
    pub team: String,
    /// An owner, as written.
    pub owner: String,
    /// `red`, `yellow`, `green`, `none` (no status) or `done`.
    pub colour: String,
}

/// One entry of a list, as the filter sees it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Candidate<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub owner: Option<&'a str>,
    pub team: Option<&'a str>,
    /// The team's name, so "payments" finds the team `pay`.
    pub team_name: Option<&'a str>,
    /// The effective colour (None: no status).
    pub colour: Option<Colour>,
    pub done: bool,
}

/// What the address keeps: everything but letters, digits and `-._~` escaped.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// ASCII letters in lower case; other characters as they are (case tables are kilobytes).
fn fold(text: &str) -> String {
    text.chars().map(|c| c.to_ascii_lowercase()).collect()
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.team.is_empty()
            && self.owner.is_empty()
            && self.colour.is_empty()
    }

    /// Whether `entry` passes every part of the filter.
    pub fn matches(&self, entry: &Candidate) -> bool {
        if !self.team.is_empty() && entry.team != Some(self.team.as_str()) {
            return false;
        }
        if !self.owner.is_empty() && entry.owner.map(str::trim) != Some(self.owner.trim()) {
            return false;
        }
        if !self.colour.is_empty() {
            let colour = if entry.done {
                "done"
            } else {
                entry.colour.map_or("none", Colour::key)
            };
            if colour != self.colour {
                return false;
            }
        }
        let words = fold(&self.text);
        if words.trim().is_empty() {
            return true;
        }
        let haystack = fold(&format!(
            "{} {} {} {} {}",
            entry.id,
            entry.title,
            entry.owner.unwrap_or_default(),
            entry.team.unwrap_or_default(),
            entry.team_name.unwrap_or_default()
        ));
        words.split_whitespace().all(|word| haystack.contains(word))
    }

    /// The filter as the query part of an address: `q=api%20gateway&team=pay`; empty when
    /// the filter is.
    pub fn to_query(&self) -> String {
        [
            ("q", self.text.trim()),
            ("team", self.team.as_str()),
            ("owner", self.owner.as_str()),
            ("colour", self.colour.as_str()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={}", utf8_percent_encode(value, ESCAPED)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// Reads the query part of an address; unknown keys and broken escapes are ignored.
    pub fn from_query(query: &str) -> Filter {
        let mut filter = Filter::default();
        for pair in query.split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned();
            match key {
                "q" => filter.text = value,
                "team" => filter.team = value,
                "owner" => filter.owner = value,
                "colour" | "color" => filter.colour = value,
                _ => {}
            }
        }
        filter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(id: &'a str, title: &'a str) -> Candidate<'a> {
        Candidate {
            id,
            title,
            owner: Some("Dana Wu"),
            team: Some("pay"),
            team_name: Some("Payments"),
            colour: Some(Colour::Yellow),
            done: false,
        }
    }

    #[test]
    fn every_word_must_appear_somewhere_ignoring_case() {
        let filter = Filter {
            text: "api PAYMENTS".into(),
            ..Filter::default()
        };
        assert!(filter.matches(&entry("PAY-1", "Integrate payments API")));
        assert!(filter.matches(&entry("PAY-2", "Checkout API"))); // "payments" is the team
        assert!(!filter.matches(&entry("PAY-3", "Card form")));
    }

    #[test]
    fn team_owner_and_colour_narrow_exactly() {
        let base = entry("PAY-1", "Integrate payments API");
        let by = |f: Filter| f.matches(&base);
        assert!(by(Filter {
            team: "pay".into(),
            owner: "Dana Wu".into(),
            colour: "yellow".into(),
            ..Filter::default()
        }));
        assert!(!by(Filter {
            team: "web".into(),
            ..Filter::default()
        }));
        assert!(!by(Filter {
            colour: "none".into(),
            ..Filter::default()
        }));
        let done = Candidate { done: true, ..base };
        assert!(Filter {
            colour: "done".into(),
            ..Filter::default()
        }
        .matches(&done));
    }

    #[test]
    fn the_address_keeps_the_filter() {
        let filter = Filter {
            text: "api gateway & co/ü".into(),
            team: "pay".into(),
            owner: "Dana Wu".into(),
            colour: "red".into(),
        };
        let query = filter.to_query();
        assert_eq!(
            query,
            "q=api%20gateway%20%26%20co%2F%C3%BC&team=pay&owner=Dana%20Wu&colour=red"
        );
        assert_eq!(Filter::from_query(&query), filter);
        assert_eq!(Filter::default().to_query(), "");
        assert_eq!(Filter::from_query("q=%zz&x=1&color=green").colour, "green");
    }
}

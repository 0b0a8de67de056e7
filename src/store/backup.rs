//! A copy outside this browser: when the program was last exported, downloaded as a backup
//! or shared as a link, and when to remind the person. localStorage can be cleared (site
//! data cleared, a new laptop, Safari's seven-day cap on script-written storage): after a
//! week without a copy elsewhere, the header says how old the last one is. Pure; the dates
//! come from the shell.

use chrono::NaiveDate;

use crate::model::edit::parse_ymd;

/// Days without a copy outside the browser after which the header reminds the person.
pub const REMIND_AFTER_DAYS: i64 = 6;

/// What is remembered for one program, under `throughline/copies/<program id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Copies {
    /// The first day this browser stored the program.
    pub since: NaiveDate,
    /// The last day a copy left the browser (an export, a backup, a share link).
    pub last: Option<NaiveDate>,
}

impl Copies {
    pub fn new(today: NaiveDate) -> Copies {
        Copies {
            since: today,
            last: None,
        }
    }

    /// A copy left the browser `today`.
    pub fn copied(self, today: NaiveDate) -> Copies {
        Copies {
            last: Some(today),
            ..self
        }
    }

    /// What the header says on `today`, when it is time to: how old the last copy outside
    /// the browser is, or that there has never been one.
    pub fn reminder(&self, today: NaiveDate) -> Option<String> {
        let from = self.last.unwrap_or(self.since);
        let days = (today - from).num_days();
        if days <= REMIND_AFTER_DAYS {
            return None;
        }
        Some(match self.last {
            Some(_) => format!(
                "The last copy of this program outside this browser is {days} days old."
            ),
            None => format!(
                "This program has lived only in this browser for {days} days: clearing site data would lose it."
            ),
        })
    }
}

/// The stored text of `copies`: `<since> <last>`, dates as YYYY-MM-DD, `-` for none.
pub fn write_copies(copies: &Copies) -> String {
    match copies.last {
        Some(last) => format!("{} {last}", copies.since),
        None => format!("{} -", copies.since),
    }
}

/// `copies` from stored text; `None` when it is not readable (a fresh record is then
/// started: a reminder a week later is the worst it can do).
pub fn read_copies(text: &str) -> Option<Copies> {
    let mut words = text.split_whitespace();
    let since = parse_ymd(words.next()?, '-')?;
    let last = match words.next()? {
        "-" => None,
        date => Some(parse_ymd(date, '-')?),
    };
    Some(Copies { since, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_week_without_a_copy_outside_the_browser_is_said_with_its_age() {
        let copies = Copies::new(day("2026-11-02"));
        assert_eq!(copies.reminder(day("2026-11-08")), None);
        assert_eq!(
            copies.reminder(day("2026-11-09")).unwrap(),
            "This program has lived only in this browser for 7 days: clearing site data would lose it."
        );
        let copied = copies.copied(day("2026-11-09"));
        assert_eq!(copied.reminder(day("2026-11-15")), None);
        assert_eq!(
            copied.reminder(day("2026-11-20")).unwrap(),
            "The last copy of this program outside this browser is 11 days old."
        );
    }

    #[test]
    fn the_record_reads_back_and_damaged_text_starts_afresh() {
        let copies = Copies::new(day("2026-11-02")).copied(day("2026-11-05"));
        assert_eq!(read_copies(&write_copies(&copies)), Some(copies));
        assert_eq!(read_copies("{not json"), None);
        assert_eq!(
            read_copies(&write_copies(&Copies::new(day("2026-11-02")))),
            Some(Copies::new(day("2026-11-02")))
        );
        // A clock set back (a test, a wrong system date) never makes a negative age speak.
        assert_eq!(copies.reminder(day("2026-10-01")), None);
    }
}

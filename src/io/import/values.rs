//! Values trackers write in many spellings — status names, story points, time estimates —
//! read into progress and whole working days. Lenient: anything unreadable is `None`, never
//! a panic, and never a number outside what the program file accepts.

use super::issue::{ImportOptions, Progress};

/// The progress a status name or Jira status category stands for.
pub(crate) fn progress_of_status(status: &str) -> Progress {
    let status = status.to_ascii_lowercase();
    const DONE: &[&str] = &[
        "done",
        "closed",
        "resolved",
        "complete",
        "cancel",
        "fixed",
        "won't",
        "duplicate",
        "erledigt",
        "fertig",
        "terminé",
        "hecho",
        "listo",
    ];
    const STARTED: &[&str] = &[
        "progress",
        "review",
        "started",
        "doing",
        "development",
        "testing",
        "in bearbeitung",
        "en cours",
        "en curso",
    ];
    if DONE.iter().any(|word| status.contains(word)) {
        Progress::Done { finished: None }
    } else if STARTED.iter().any(|word| status.contains(word)) {
        Progress::InProgress { started: None }
    } else {
        Progress::ToDo
    }
}

/// The largest estimate kept, in working days (the program file's own limit).
const MAX_DAYS: f64 = 100_000.0;

fn number(text: &str) -> Option<f64> {
    let value = crate::model::edit::parse_number(&text.trim().replace(',', "."))?;
    value.is_finite().then_some(value)
}

fn whole_days(days: f64) -> Option<u32> {
    if days > 0.0 {
        Some(days.ceil().clamp(1.0, MAX_DAYS) as u32)
    } else {
        None
    }
}

/// Working days from a time estimate in seconds, rounded up; `None` for zero or unreadable.
pub(crate) fn days_from_seconds(text: &str, options: &ImportOptions) -> Option<u32> {
    seconds_to_days(number(text)?, options)
}

/// Working days from story points, rounded up; `None` for zero or unreadable.
pub(crate) fn days_from_points(text: &str, options: &ImportOptions) -> Option<u32> {
    points_to_days(number(text)?, options)
}

/// [`days_from_seconds`] for a number already read (a JSON number).
pub(crate) fn seconds_to_days(seconds: f64, options: &ImportOptions) -> Option<u32> {
    let hours_per_day = if options.hours_per_day.is_finite() && options.hours_per_day > 0.0 {
        options.hours_per_day
    } else {
        ImportOptions::default().hours_per_day
    };
    whole_days(seconds / 3600.0 / hours_per_day)
}

/// [`days_from_points`] for a number already read (a JSON number).
pub(crate) fn points_to_days(points: f64, options: &ImportOptions) -> Option<u32> {
    let per_point = if options.days_per_point.is_finite() && options.days_per_point > 0.0 {
        options.days_per_point
    } else {
        ImportOptions::default().days_per_point
    };
    whole_days(points * per_point)
}

/// At most 40 characters of a value, for quoting it in a message.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= 40 {
        text.to_string()
    } else {
        let head: String = text.chars().take(40).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_fall_into_three_categories() {
        assert_eq!(
            progress_of_status("Done"),
            Progress::Done { finished: None }
        );
        assert_eq!(
            progress_of_status("Cancelled"),
            Progress::Done { finished: None }
        );
        assert_eq!(
            progress_of_status("In Review"),
            Progress::InProgress { started: None }
        );
        assert_eq!(progress_of_status("Backlog"), Progress::ToDo);
        assert_eq!(progress_of_status("To Do"), Progress::ToDo);
    }

    #[test]
    fn estimates_round_up_to_whole_days() {
        let options = ImportOptions::default();
        assert_eq!(days_from_seconds("28800", &options), Some(1));
        assert_eq!(days_from_seconds("28801", &options), Some(2));
        assert_eq!(days_from_seconds("3600", &options), Some(1));
        assert_eq!(days_from_seconds("0", &options), None);
        assert_eq!(days_from_points("2,5", &options), Some(3));
        assert_eq!(days_from_points("1e300", &options), Some(100_000));
        assert_eq!(days_from_points("NaN", &options), None);
    }

    #[test]
    fn numbers_already_read_convert_the_same_way() {
        let options = ImportOptions {
            days_per_point: 0.5,
            hours_per_day: 6.0,
        };
        assert_eq!(points_to_days(3.0, &options), Some(2));
        assert_eq!(points_to_days(f64::INFINITY, &options), Some(100_000));
        assert_eq!(points_to_days(f64::NAN, &options), None);
        assert_eq!(points_to_days(-1.0, &options), None);
        assert_eq!(seconds_to_days(43_200.0, &options), Some(2));
    }
}

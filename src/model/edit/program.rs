//! The program's own settings (Program): name, dates, calendar, rules; and starting a new
//! program from a name and two dates.

use super::{parse_optional_date, required_days, required_text, EditError};
use crate::model::types::{Program, Workday};

/// An editable setting of the program itself (the Program view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgramField {
    Name,
    Start,
    Target,
    StatusDate,
    Holidays,
    StaleYellowDays,
    ReviewEveryDays,
    UpdateEveryDays,
    NearCriticalDays,
    EscalateWithinDays,
    Iterations,
}

impl ProgramField {
    /// Where the field is in the program file, key by key.
    pub fn path(self) -> &'static [&'static str] {
        match self {
            ProgramField::Name => &["name"],
            ProgramField::Start => &["start"],
            ProgramField::Target => &["target"],
            ProgramField::StatusDate => &["status_date"],
            ProgramField::Holidays => &["calendar", "holidays"],
            ProgramField::StaleYellowDays => &["rules", "stale_yellow_days"],
            ProgramField::ReviewEveryDays => &["rules", "review_every_days"],
            ProgramField::UpdateEveryDays => &["rules", "update_every_days"],
            ProgramField::NearCriticalDays => &["rules", "near_critical_days"],
            ProgramField::EscalateWithinDays => &["rules", "escalate_within_days"],
            ProgramField::Iterations => &["rules", "iterations"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProgramField::Name => "Program name",
            ProgramField::Start => "Start",
            ProgramField::Target => "Target date",
            ProgramField::StatusDate => "Status date",
            ProgramField::Holidays => "Holidays",
            ProgramField::StaleYellowDays => "Yellow turns Red after (days)",
            ProgramField::ReviewEveryDays => "Review dependencies every (days)",
            ProgramField::UpdateEveryDays => "Status update every (days)",
            ProgramField::NearCriticalDays => "Near-critical within (working days)",
            ProgramField::EscalateWithinDays => "Escalate risks within (days)",
            ProgramField::Iterations => "Forecast iterations",
        }
    }
}

/// The value of a program setting as the edit box shows it (holidays one per line).
pub fn program_field_text(program: &Program, field: ProgramField) -> String {
    let rules = &program.rules;
    match field {
        ProgramField::Name => program.name.clone(),
        ProgramField::Start => program.start.to_string(),
        ProgramField::Target => program.target.to_string(),
        ProgramField::StatusDate => program
            .status_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        ProgramField::Holidays => program
            .calendar
            .holidays
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        ProgramField::StaleYellowDays => rules.stale_yellow_days.to_string(),
        ProgramField::ReviewEveryDays => rules.review_every_days.to_string(),
        ProgramField::UpdateEveryDays => rules.update_every_days.to_string(),
        ProgramField::NearCriticalDays => rules.near_critical_days.to_string(),
        ProgramField::EscalateWithinDays => rules.escalate_within_days.to_string(),
        ProgramField::Iterations => rules.iterations.to_string(),
    }
}

/// Sets a program setting from the text typed, or says why not.
pub fn set_program_field(
    program: &mut Program,
    field: ProgramField,
    text: &str,
) -> Result<(), EditError> {
    let label = field.label();
    match field {
        ProgramField::Name => {
            let name = text.trim();
            if name.is_empty() {
                return Err(EditError::field(label, "a name cannot be empty"));
            }
            program.name = name.to_string();
        }
        ProgramField::Start => {
            let start = parse_optional_date(text, label)?
                .ok_or_else(|| EditError::field(label, "a start date is needed"))?;
            if start > program.target {
                return Err(EditError::field(
                    label,
                    format!("{start} is after the target {}", program.target),
                ));
            }
            program.start = start;
        }
        ProgramField::Target => {
            let target = parse_optional_date(text, label)?
                .ok_or_else(|| EditError::field(label, "a target date is needed"))?;
            if target < program.start {
                return Err(EditError::field(
                    label,
                    format!("{target} is before the start {}", program.start),
                ));
            }
            program.target = target;
        }
        ProgramField::StatusDate => program.status_date = parse_optional_date(text, label)?,
        ProgramField::Holidays => {
            let mut holidays = Vec::new();
            for part in text.split(|c: char| c == ',' || c.is_whitespace()) {
                if let Some(date) = parse_optional_date(part, label)? {
                    holidays.push(date);
                }
            }
            crate::sort::sort(&mut holidays);
            holidays.dedup();
            program.calendar.holidays = holidays;
        }
        ProgramField::StaleYellowDays => {
            program.rules.stale_yellow_days = required_days(text, label)?
        }
        ProgramField::ReviewEveryDays => {
            program.rules.review_every_days = required_days(text, label)?
        }
        ProgramField::UpdateEveryDays => {
            program.rules.update_every_days = required_days(text, label)?
        }
        ProgramField::NearCriticalDays => {
            program.rules.near_critical_days = required_days(text, label)?
        }
        ProgramField::EscalateWithinDays => {
            program.rules.escalate_within_days = required_days(text, label)?
        }
        ProgramField::Iterations => {
            let n = required_days(text, label)?;
            if !(100..=100_000).contains(&n) {
                return Err(EditError::field(label, "between 100 and 100000"));
            }
            program.rules.iterations = n;
        }
    }
    Ok(())
}

/// Turns a working day of the week on or off; the last working day cannot be removed.
pub fn set_workday(program: &mut Program, day: Workday, on: bool) -> Result<(), EditError> {
    let days = &mut program.calendar.workdays;
    if on {
        if !days.contains(&day) {
            days.push(day);
            crate::sort::sort(days);
        }
    } else {
        if days.len() == 1 && days.contains(&day) {
            return Err(EditError::Rule(
                "A week needs at least one working day".into(),
            ));
        }
        days.retain(|d| *d != day);
    }
    Ok(())
}

/// A new, empty program: a name, a start and a target date (as typed), checked.
pub fn start_program(name: &str, start: &str, target: &str) -> Result<Program, EditError> {
    let name = required_text(name, "Program name", "a name cannot be empty")?;
    let start = parse_optional_date(start, "Start")?
        .ok_or_else(|| EditError::field("Start", "a start date is needed"))?;
    let target = parse_optional_date(target, "Target date")?
        .ok_or_else(|| EditError::field("Target date", "a target date is needed"))?;
    if target < start {
        return Err(EditError::field(
            "Target date",
            format!("{target} is before the start {start}"),
        ));
    }
    let mut program = Program::new(&name, start);
    program.target = target;
    Ok(program)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn program() -> Program {
        Program::new("Test", NaiveDate::from_ymd_opt(2026, 9, 7).unwrap())
    }

    #[test]
    fn the_target_cannot_move_before_the_start() {
        let mut p = program();
        assert!(set_program_field(&mut p, ProgramField::Target, "2026-01-01").is_err());
        set_program_field(
            &mut p,
            ProgramField::Holidays,
            "2026-12-25, 2026-11-26\n2026-12-25",
        )
        .unwrap();
        assert_eq!(p.calendar.holidays.len(), 2);
        assert_eq!(
            program_field_text(&p, ProgramField::Holidays),
            "2026-11-26\n2026-12-25"
        );
    }

    #[test]
    fn the_last_working_day_cannot_be_removed() {
        let mut p = program();
        for day in [Workday::Mon, Workday::Tue, Workday::Wed, Workday::Thu] {
            set_workday(&mut p, day, false).unwrap();
        }
        assert!(set_workday(&mut p, Workday::Fri, false).is_err());
    }

    #[test]
    fn a_new_program_needs_a_name_and_two_dates_in_order() {
        let p = start_program("Checkout", "2026-12-01", "2027-03-31").unwrap();
        assert_eq!(
            (p.name.as_str(), p.target.to_string().as_str()),
            ("Checkout", "2027-03-31")
        );
        assert!(p.items.is_empty());
        let err = start_program("Checkout", "2026-12-01", "2026-11-01").unwrap_err();
        assert!(matches!(
            err,
            EditError::Field {
                field: "Target date",
                ..
            }
        ));
        assert!(start_program(" ", "2026-12-01", "2027-03-31").is_err());
        assert!(start_program("X", "soon", "2027-03-31").is_err());
    }
}

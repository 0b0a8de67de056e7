//! Edits from the UI as plain functions: a field, the text the user typed, and either the
//! change applied or a message saying what is wrong. Keeps the views thin and the rules
//! (ids stay unique, renamed ids follow their links, estimates stay ordered) tested natively.

use chrono::NaiveDate;

use super::types::{Item, ItemKind, Link, LinkType, Program, Workday};

/// Why an edit was refused; the message is shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Invalid(String),
}

fn invalid(message: impl Into<String>) -> EditError {
    EditError::Invalid(message.into())
}

/// An editable field of a work item (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemField {
    Id,
    Title,
    Team,
    Owner,
    Kind,
    Days,
    Low,
    High,
    After,
    NotBefore,
    Due,
    Started,
    Finished,
    Remaining,
}

impl ItemField {
    pub fn label(self) -> &'static str {
        match self {
            ItemField::Id => "Id",
            ItemField::Title => "Title",
            ItemField::Team => "Team",
            ItemField::Owner => "Owner",
            ItemField::Kind => "Kind",
            ItemField::Days => "Days",
            ItemField::Low => "Low",
            ItemField::High => "High",
            ItemField::After => "After",
            ItemField::NotBefore => "Not before",
            ItemField::Due => "Due",
            ItemField::Started => "Started",
            ItemField::Finished => "Finished",
            ItemField::Remaining => "Remaining",
        }
    }
}

/// Reads a date typed as `YYYY-MM-DD`; empty text is `None`.
pub fn parse_optional_date(text: &str, what: &str) -> Result<Option<NaiveDate>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| invalid(format!("{what}: \"{text}\" is not a date (use YYYY-MM-DD)")))
}

/// Reads a whole number of working days; empty text is `None`.
pub fn parse_optional_days(text: &str, what: &str) -> Result<Option<u32>, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(n) if n <= 10_000 => Ok(Some(n)),
        _ => Err(invalid(format!(
            "{what}: \"{text}\" is not a whole number of working days (0 to 10000)"
        ))),
    }
}

fn optional_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Formats links as the user types them: `VEND-1, PAY-0 SS+2, QA-3 FF-1`.
pub fn format_links(links: &[Link]) -> String {
    links
        .iter()
        .map(|link| {
            let mut text = link.id.clone();
            if link.link_type != LinkType::FS || link.lag != 0 {
                text.push(' ');
                text.push_str(link.link_type.label());
            }
            if link.lag > 0 {
                text.push_str(&format!("+{}", link.lag));
            } else if link.lag < 0 {
                text.push_str(&link.lag.to_string());
            }
            text
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads links typed as `ID`, `ID SS`, `ID SS+2`, `ID FS-1` separated by commas.
pub fn parse_links(text: &str) -> Result<Vec<Link>, EditError> {
    let mut links = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let mut words = part.split_whitespace();
        let id = words.next().unwrap_or_default().to_string();
        let mut link = Link::after(&id);
        if let Some(spec) = words.next() {
            let upper = spec.to_ascii_uppercase();
            let (kind, lag) = upper.split_at(upper.len().min(2));
            link.link_type = match kind {
                "FS" => LinkType::FS,
                "SS" => LinkType::SS,
                "FF" => LinkType::FF,
                "SF" => LinkType::SF,
                _ => {
                    return Err(invalid(format!(
                        "After: \"{part}\" — the link type must be FS, SS, FF or SF, e.g. \"{id} SS+2\""
                    )))
                }
            };
            if !lag.is_empty() {
                link.lag = lag
                    .parse::<i32>()
                    .ok()
                    .filter(|lag| lag.unsigned_abs() <= 10_000)
                    .ok_or_else(|| {
                        invalid(format!(
                            "After: \"{part}\" — the lag must be whole working days, e.g. \"{id} FS+2\" or \"{id} FS-1\""
                        ))
                    })?;
            }
        }
        if words.next().is_some() {
            return Err(invalid(format!(
                "After: \"{part}\" — write one link as \"ID\" or \"ID SS+2\", links separated by commas"
            )));
        }
        links.push(link);
    }
    Ok(links)
}

/// The value of a field as the edit box shows it.
pub fn item_field_text(item: &Item, field: ItemField) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    match field {
        ItemField::Id => item.id.clone(),
        ItemField::Title => item.title.clone(),
        ItemField::Team => item.team.clone().unwrap_or_default(),
        ItemField::Owner => item.owner.clone().unwrap_or_default(),
        ItemField::Kind => match item.kind {
            ItemKind::Task => "task".into(),
            ItemKind::Milestone => "milestone".into(),
        },
        ItemField::Days => item.days.to_string(),
        ItemField::Low => days(item.low),
        ItemField::High => days(item.high),
        ItemField::After => format_links(&item.after),
        ItemField::NotBefore => date(item.not_before),
        ItemField::Due => date(item.due),
        ItemField::Started => date(item.started),
        ItemField::Finished => date(item.finished),
        ItemField::Remaining => days(item.remaining),
    }
}

/// Sets one field of the item at `index` from the text typed, or says why not.
/// Renaming an id also renames every link and risk that points to it.
pub fn set_item_field(
    program: &mut Program,
    index: usize,
    field: ItemField,
    text: &str,
) -> Result<(), EditError> {
    let Some(current) = program.items.get(index) else {
        return Err(invalid("That item no longer exists"));
    };
    let mut item = current.clone();
    match field {
        ItemField::Id => {
            let new_id = text.trim();
            if new_id.is_empty() {
                return Err(invalid("Id: an id cannot be empty"));
            }
            if new_id != item.id && program.all_ids().any(|id| id == new_id) {
                return Err(invalid(format!(
                    "Id: {new_id} is already used in this program"
                )));
            }
            let old_id = std::mem::replace(&mut item.id, new_id.to_string());
            rename_references(program, &old_id, new_id);
        }
        ItemField::Title => {
            let title = text.trim();
            if title.is_empty() {
                return Err(invalid("Title: a title cannot be empty"));
            }
            item.title = title.to_string();
        }
        ItemField::Team => item.team = optional_text(text),
        ItemField::Owner => item.owner = optional_text(text),
        ItemField::Kind => {
            item.kind = match text.trim() {
                "task" => ItemKind::Task,
                "milestone" => ItemKind::Milestone,
                other => {
                    return Err(invalid(format!(
                        "Kind: \"{other}\" is not task or milestone"
                    )))
                }
            };
            if item.kind == ItemKind::Milestone {
                item.days = 0;
                item.low = None;
                item.high = None;
            }
        }
        ItemField::Days => {
            item.days = parse_optional_days(text, "Days")?.unwrap_or(0);
            check_estimate(&item)?;
        }
        ItemField::Low => {
            item.low = parse_optional_days(text, "Low")?;
            check_estimate(&item)?;
        }
        ItemField::High => {
            item.high = parse_optional_days(text, "High")?;
            check_estimate(&item)?;
        }
        ItemField::After => {
            let links = parse_links(text)?;
            for link in &links {
                if link.id == item.id {
                    return Err(invalid(format!(
                        "After: {} cannot come after itself",
                        item.id
                    )));
                }
                if program.item(&link.id).is_none() && program.dependency(&link.id).is_none() {
                    return Err(invalid(format!(
                        "After: {} is not an item or dependency of this program",
                        link.id
                    )));
                }
            }
            item.after = links;
        }
        ItemField::NotBefore => item.not_before = parse_optional_date(text, "Not before")?,
        ItemField::Due => item.due = parse_optional_date(text, "Due")?,
        ItemField::Started => {
            item.started = parse_optional_date(text, "Started")?;
            check_progress(&item)?;
        }
        ItemField::Finished => {
            item.finished = parse_optional_date(text, "Finished")?;
            check_progress(&item)?;
        }
        ItemField::Remaining => item.remaining = parse_optional_days(text, "Remaining")?,
    }
    program.items[index] = item;
    Ok(())
}

fn check_estimate(item: &Item) -> Result<(), EditError> {
    if let Some(low) = item.low {
        if low > item.days {
            return Err(invalid(format!(
                "Low ({low}) must not be more than the likely days ({})",
                item.days
            )));
        }
    }
    if let Some(high) = item.high {
        if high < item.days {
            return Err(invalid(format!(
                "High ({high}) must not be less than the likely days ({})",
                item.days
            )));
        }
    }
    Ok(())
}

fn check_progress(item: &Item) -> Result<(), EditError> {
    if let (Some(started), Some(finished)) = (item.started, item.finished) {
        if finished < started {
            return Err(invalid(format!(
                "Finished ({finished}) must not be before Started ({started})"
            )));
        }
    }
    Ok(())
}

/// Points every link, risk and decision reference at `new_id` instead of `old_id`.
pub fn rename_references(program: &mut Program, old_id: &str, new_id: &str) {
    for item in &mut program.items {
        for link in &mut item.after {
            if link.id == old_id {
                link.id = new_id.to_string();
            }
        }
    }
    for risk in &mut program.risks {
        for affected in &mut risk.affects {
            if affected == old_id {
                *affected = new_id.to_string();
            }
        }
        if risk.decision.as_deref() == Some(old_id) {
            risk.decision = Some(new_id.to_string());
        }
    }
}

/// A fresh id with this prefix not yet used in the program: `NEW-1`, `NEW-2`, ...
pub fn next_free_id(program: &Program, prefix: &str) -> String {
    (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !program.all_ids().any(|id| id == candidate))
        .unwrap_or_else(|| prefix.to_string())
}

/// Adds a new task at the end of the plan and returns its index.
pub fn add_item(program: &mut Program) -> usize {
    let id = next_free_id(program, "NEW");
    let mut item = Item::task(&id, "New work item", 5);
    item.team = program.teams.first().map(|team| team.id.clone());
    program.items.push(item);
    program.items.len() - 1
}

/// Removes the item at `index` and the links that pointed to it (the caller keeps the
/// previous program for undo).
pub fn delete_item(program: &mut Program, index: usize) -> Option<Item> {
    if index >= program.items.len() {
        return None;
    }
    let item = program.items.remove(index);
    for other in &mut program.items {
        other.after.retain(|link| link.id != item.id);
    }
    for risk in &mut program.risks {
        risk.affects.retain(|id| *id != item.id);
    }
    Some(item)
}

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

fn required_days(text: &str, what: &str) -> Result<u32, EditError> {
    parse_optional_days(text, what)?.ok_or_else(|| invalid(format!("{what}: a number is needed")))
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
                return Err(invalid("Program name: a name cannot be empty"));
            }
            program.name = name.to_string();
        }
        ProgramField::Start => {
            let start = parse_optional_date(text, label)?
                .ok_or_else(|| invalid("Start: a start date is needed"))?;
            if start > program.target {
                return Err(invalid(format!(
                    "Start: {start} is after the target {}",
                    program.target
                )));
            }
            program.start = start;
        }
        ProgramField::Target => {
            let target = parse_optional_date(text, label)?
                .ok_or_else(|| invalid("Target date: a target date is needed"))?;
            if target < program.start {
                return Err(invalid(format!(
                    "Target date: {target} is before the start {}",
                    program.start
                )));
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
            holidays.sort();
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
                return Err(invalid("Forecast iterations: between 100 and 100000"));
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
            days.sort();
        }
    } else {
        if days.len() == 1 && days.contains(&day) {
            return Err(invalid("A week needs at least one working day"));
        }
        days.retain(|d| *d != day);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program() -> Program {
        let start = NaiveDate::from_ymd_opt(2026, 9, 7).unwrap();
        let mut p = Program::new("Test", start);
        p.items.push(Item::task("A", "First", 5));
        p.items.push(Item::task("B", "Second", 3));
        p.items[1].after.push(Link::after("A"));
        p
    }

    #[test]
    fn links_round_trip_through_their_text_form() {
        let text = "A, B SS+2, C FF-1, D SF";
        let links = parse_links(text).unwrap();
        assert_eq!(links.len(), 4);
        assert_eq!(links[1].link_type, LinkType::SS);
        assert_eq!(links[1].lag, 2);
        assert_eq!(links[2].lag, -1);
        assert_eq!(format_links(&links), text);
    }

    #[test]
    fn a_bad_link_type_says_what_to_write() {
        let err = parse_links("A XX+2").unwrap_err().to_string();
        assert!(err.contains("FS, SS, FF or SF"), "{err}");
    }

    #[test]
    fn renaming_an_item_renames_the_links_to_it() {
        let mut p = program();
        set_item_field(&mut p, 0, ItemField::Id, "PAY-1").unwrap();
        assert_eq!(p.items[1].after[0].id, "PAY-1");
    }

    #[test]
    fn an_id_already_used_is_refused() {
        let mut p = program();
        let err = set_item_field(&mut p, 0, ItemField::Id, "B").unwrap_err();
        assert!(err.to_string().contains("already used"));
        assert_eq!(p.items[0].id, "A");
    }

    #[test]
    fn a_low_estimate_above_the_likely_is_refused_and_nothing_changes() {
        let mut p = program();
        let before = p.clone();
        assert!(set_item_field(&mut p, 0, ItemField::Low, "9").is_err());
        assert_eq!(p, before);
    }

    #[test]
    fn days_must_be_a_whole_number() {
        let mut p = program();
        let err = set_item_field(&mut p, 0, ItemField::Days, "2.5").unwrap_err();
        assert!(err.to_string().contains("whole number"));
    }

    #[test]
    fn a_link_to_an_unknown_id_is_refused_by_name() {
        let mut p = program();
        let err = set_item_field(&mut p, 0, ItemField::After, "ZZ-9").unwrap_err();
        assert!(err.to_string().contains("ZZ-9"));
    }

    #[test]
    fn a_finish_before_the_start_is_refused() {
        let mut p = program();
        set_item_field(&mut p, 0, ItemField::Started, "2026-10-05").unwrap();
        assert!(set_item_field(&mut p, 0, ItemField::Finished, "2026-10-01").is_err());
        set_item_field(&mut p, 0, ItemField::Finished, "2026-10-09").unwrap();
        assert_eq!(
            item_field_text(&p.items[0], ItemField::Finished),
            "2026-10-09"
        );
    }

    #[test]
    fn deleting_an_item_removes_the_links_to_it() {
        let mut p = program();
        delete_item(&mut p, 0);
        assert!(p.items[0].after.is_empty());
    }

    #[test]
    fn new_items_get_a_free_id() {
        let mut p = program();
        let first = add_item(&mut p);
        let second = add_item(&mut p);
        assert_eq!(p.items[first].id, "NEW-1");
        assert_eq!(p.items[second].id, "NEW-2");
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
}

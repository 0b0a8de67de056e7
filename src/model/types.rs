//! The program file, format `throughline/2` (docs/format.md), as plain Rust types.
//! These structs hold no signals and know nothing of the browser; optional fields may be
//! absent or `null` on read, and are left out on write so shared links stay short.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::names::{DependencyKind as DependencyKinds, ItemKind as ItemKinds};
use super::record::Shape;
pub use super::shared::Shared;

pub use super::names::{Colour, DependencyKind, ItemKind, LinkType, RiskLevel, RiskState, Workday};
pub use super::report::{Report, ReportRow, ReportSection};

/// The one format this build writes. Older versions are migrated on read.
pub const FORMAT: &str = "throughline/2";

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A whole program: what is stored, exported, imported and shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub format: String,
    pub name: String,
    pub start: NaiveDate,
    pub target: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<NaiveDate>,
    #[serde(default)]
    pub calendar: Calendar,
    #[serde(default)]
    pub rules: Rules,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Shared<Team>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Shared<Item>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Shared<Dependency>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Shared<Risk>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Shared<Decision>>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub summary: SummaryOverrides,
    /// Published weekly reports, oldest first, one per status date; read-only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<Shared<Report>>,
    /// The status date of the report that is the baseline, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<NaiveDate>,
    /// The accepted levelling: item ids in priority order (`engine::capacity`); absent:
    /// the default rule (latest finish, then id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levelling: Option<Vec<String>>,
}

impl Program {
    /// An empty program starting on `start`, targeting three months later.
    pub fn new(name: &str, start: NaiveDate) -> Program {
        Program {
            format: FORMAT.to_string(),
            name: name.to_string(),
            start,
            target: start + chrono::Duration::days(91),
            status_date: None,
            calendar: Calendar::default(),
            rules: Rules::default(),
            teams: Vec::new(),
            items: Vec::new(),
            dependencies: Vec::new(),
            risks: Vec::new(),
            decisions: Vec::new(),
            summary: SummaryOverrides::default(),
            reports: Vec::new(),
            baseline: None,
            levelling: None,
        }
    }

    /// The "as of" date: `status_date`, or `today` (the caller's clock) when absent.
    pub fn as_of(&self, today: NaiveDate) -> NaiveDate {
        self.status_date.unwrap_or(today)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items
            .iter()
            .find(|item| item.id == id)
            .map(|item| &**item)
    }

    pub fn dependency(&self, id: &str) -> Option<&Dependency> {
        self.dependencies
            .iter()
            .find(|dep| dep.id == id)
            .map(|dep| &**dep)
    }

    pub fn team_name<'a>(&'a self, team_id: &'a str) -> &'a str {
        self.teams
            .iter()
            .find(|team| team.id == team_id)
            .map(|team| team.name.as_str())
            .unwrap_or(team_id)
    }

    /// The title of an item, dependency, risk or decision with this id.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        if let Some(item) = self.item(id) {
            return Some(&item.title);
        }
        if let Some(dep) = self.dependency(id) {
            return Some(&dep.title);
        }
        if let Some(risk) = self.risks.iter().find(|risk| risk.id == id) {
            return Some(&risk.title);
        }
        self.decisions
            .iter()
            .find(|decision| decision.id == id)
            .map(|decision| decision.question.as_str())
    }

    /// The weekly status updates of the item or dependency with this id (empty if none).
    pub fn updates_of(&self, id: &str) -> &[StatusUpdate] {
        if let Some(item) = self.item(id) {
            &item.status
        } else if let Some(dep) = self.dependency(id) {
            &dep.status
        } else {
            &[]
        }
    }

    /// The latest published report dated before `as_of`: what "what changed" compares with.
    pub fn last_report_before(&self, as_of: NaiveDate) -> Option<&Report> {
        self.reports
            .iter()
            .filter(|r| r.date < as_of)
            .max_by_key(|r| r.date)
            .map(|r| &**r)
    }

    /// The report published at exactly this status date, if any.
    pub fn report_at(&self, date: NaiveDate) -> Option<&Report> {
        self.reports.iter().find(|r| r.date == date).map(|r| &**r)
    }

    /// The report marked as the baseline, if it is still there.
    pub fn baseline_report(&self) -> Option<&Report> {
        self.baseline.and_then(|date| self.report_at(date))
    }

    /// The ids of what the schedule places: the work items, then the external
    /// dependencies. This is the order of the schedule's nodes.
    pub fn schedulable_ids(&self) -> impl Iterator<Item = &str> {
        (self.items.iter().map(|i| i.id.as_str()))
            .chain(self.dependencies.iter().map(|d| d.id.as_str()))
    }

    /// Every id in the program's one namespace, in file order.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.teams
            .iter()
            .map(|t| t.id.as_str())
            .chain(self.items.iter().map(|i| i.id.as_str()))
            .chain(self.dependencies.iter().map(|d| d.id.as_str()))
            .chain(self.risks.iter().map(|r| r.id.as_str()))
            .chain(self.decisions.iter().map(|d| d.id.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    #[serde(default = "default_workdays")]
    pub workdays: Vec<Workday>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<NaiveDate>,
}

fn default_workdays() -> Vec<Workday> {
    Workday::ALL[..5].to_vec()
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            workdays: default_workdays(),
            holidays: Vec::new(),
        }
    }
}

/// `[low, likely, high]` working days.
pub type ThreePoint = [u32; 3];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlipByRisk {
    pub low: ThreePoint,
    pub medium: ThreePoint,
    pub high: ThreePoint,
}

impl Default for SlipByRisk {
    fn default() -> Self {
        SlipByRisk {
            low: [0, 0, 2],
            medium: [0, 2, 8],
            high: [0, 5, 20],
        }
    }
}

impl SlipByRisk {
    pub fn for_level(&self, level: RiskLevel) -> ThreePoint {
        match level {
            RiskLevel::Low => self.low,
            RiskLevel::Medium => self.medium,
            RiskLevel::High => self.high,
        }
    }
}

/// The thresholds every rule of docs/rules.md is evaluated with (docs/format.md#rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    pub stale_yellow_days: u32,
    pub review_every_days: u32,
    pub update_every_days: u32,
    pub near_critical_days: u32,
    pub escalate_within_days: u32,
    pub iterations: u32,
    pub slip_by_risk: SlipByRisk,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            stale_yellow_days: 14,
            review_every_days: 7,
            update_every_days: 7,
            near_critical_days: 5,
            escalate_within_days: 14,
            iterations: 10_000,
            slip_by_risk: SlipByRisk::default(),
        }
    }
}

record! {
    /// A team that does the program's work.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Team / TeamField {
        /// Hidden and stable (model/uid.rs); the `id` stays editable.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub uid: String => ["uid", Shape::Text, optional, keeps_dates],
        pub id: String => ["id", Shape::Text, required, keeps_dates],
        pub name: String => ["name", Shape::Text, required, keeps_dates, edit Name "Team name"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lead: Option<String> => ["lead", Shape::Text, optional, keeps_dates, edit Lead "Lead"],
        /// How many people the team has; absent: unconstrained (no levelling against it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub people: Option<u32> => ["people", Shape::People, optional, moves_date, edit People "People"],
        /// Dated changes of availability, the last one on or before a day in force (100 %
        /// before the first).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub availability: Vec<Availability> => ["availability", Shape::Availability, optional, moves_date, edit Availability "Availability"],
    }
}

/// From `from` on, the team works at `percent` (0–100) of its people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    pub from: NaiveDate,
    pub percent: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A predecessor link: `id` must finish (or start) before this one can.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: String,
    #[serde(default, rename = "type", skip_serializing_if = "is_default")]
    pub link_type: LinkType,
    /// Working days; may be negative (a lead).
    #[serde(default, skip_serializing_if = "is_default")]
    pub lag: i32,
}

impl Link {
    pub fn after(id: &str) -> Link {
        Link {
            id: id.to_string(),
            link_type: LinkType::FS,
            lag: 0,
        }
    }
}

/// Where an item came from: the tracker and its key there, and when that tracker last
/// listed it. Timestamps are RFC 3339 in the file (`2026-11-23T09:00:00Z`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub system: String,
    pub key: String,
    /// When the last import or pull that listed this item happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pulled: Option<DateTime<Utc>>,
    /// When an import or pull of the same tracker and project first no longer listed it;
    /// cleared when it is listed again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<DateTime<Utc>>,
}

impl Source {
    /// A source with no import history yet.
    pub fn new(system: &str, key: &str) -> Source {
        Source {
            system: system.to_string(),
            key: key.to_string(),
            pulled: None,
            missing: None,
        }
    }
}

/// One weekly status update on an item or dependency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub date: NaiveDate,
    /// The file spells it `color`, as every key of the format is American English.
    #[serde(rename = "color")]
    pub colour: Colour,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u32>,
}

record! {
    /// A work item: a task with a duration, or a milestone.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Item / ItemField {
        /// Hidden and stable (model/uid.rs); the `id` stays editable.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub uid: String => ["uid", Shape::Text, optional, keeps_dates],
        pub id: String => ["id", Shape::Text, required, moves_date, edit Id "Id"],
        pub title: String => ["title", Shape::Text, required, keeps_dates, edit Title "Title"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        // Moves dates: with capacity data an item needs a person of its own team.
        pub team: Option<String> => ["team", Shape::Text, optional, moves_date, edit Team "Team"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner: Option<String> => ["owner", Shape::Text, optional, keeps_dates, edit Owner "Owner"],
        #[serde(default, skip_serializing_if = "is_default")]
        pub kind: ItemKind => ["kind", Shape::OneOf(ItemKinds::KEYS), optional, moves_date, edit Kind "Kind"],
        /// Most likely duration in working days (0 for a milestone).
        #[serde(default)]
        pub days: u32 => ["days", Shape::Count, optional, moves_date, edit Days "Days"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub low: Option<u32> => ["low", Shape::Count, optional, moves_date, edit Low "Low"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub high: Option<u32> => ["high", Shape::Count, optional, moves_date, edit High "High"],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub after: Vec<Link> => ["after", Shape::Links, optional, moves_date, edit After "After"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub not_before: Option<NaiveDate> => ["not_before", Shape::Date, optional, moves_date, edit NotBefore "Not before"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub due: Option<NaiveDate> => ["due", Shape::Date, optional, keeps_dates, edit Due "Due"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub started: Option<NaiveDate> => ["started", Shape::Date, optional, moves_date, edit Started "Started"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub finished: Option<NaiveDate> => ["finished", Shape::Date, optional, moves_date, edit Finished "Finished"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub remaining: Option<u32> => ["remaining", Shape::Count, optional, moves_date, edit Remaining "Remaining"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub source: Option<Source> => ["source", Shape::Source, optional, keeps_dates],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub status: Vec<StatusUpdate> => ["status", Shape::Updates, optional, keeps_dates],
        /// People of each team (by id) it occupies on every working day; empty: one person
        /// of its own team when that team has `people`.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        pub needs: BTreeMap<String, u32> => ["needs", Shape::Needs, optional, moves_date, edit Needs "People needed"],
    }
}

impl Item {
    /// A new task with a title and a duration, no links.
    pub fn task(id: &str, title: &str, days: u32) -> Item {
        Item {
            uid: String::new(),
            id: id.to_string(),
            title: title.to_string(),
            team: None,
            owner: None,
            kind: ItemKind::Task,
            days,
            low: None,
            high: None,
            after: Vec::new(),
            not_before: None,
            due: None,
            started: None,
            finished: None,
            remaining: None,
            source: None,
            status: Vec::new(),
            needs: BTreeMap::new(),
        }
    }

    pub fn is_milestone(&self) -> bool {
        self.kind == ItemKind::Milestone
    }
}

record! {
    /// An external dependency: something the program needs from outside its teams.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Dependency / DependencyField {
        /// Hidden and stable (model/uid.rs); the `id` stays editable.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub uid: String => ["uid", Shape::Text, optional, keeps_dates],
        pub id: String => ["id", Shape::Text, required, moves_date, edit Id "Id"],
        pub title: String => ["title", Shape::Text, required, keeps_dates, edit Title "Dependency"],
        #[serde(default)]
        pub kind: DependencyKind => ["kind", Shape::OneOf(DependencyKinds::KEYS), optional, keeps_dates, edit Kind "Kind"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub provider: Option<String> => ["provider", Shape::Text, optional, keeps_dates, edit Provider "Provider"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner: Option<String> => ["owner", Shape::Text, optional, keeps_dates, edit Owner "Owner"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub due: Option<NaiveDate> => ["due", Shape::Date, optional, moves_date, edit Due "Due"],
        #[serde(default)]
        pub risk: RiskLevel => ["risk", Shape::OneOf(RiskLevel::KEYS), optional, moves_date, edit Risk "Risk"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mitigation: Option<String> => ["mitigation", Shape::Text, optional, keeps_dates, edit Mitigation "Mitigation"],
        /// Working days it may land after `due`; absent: `rules.slip_by_risk[risk]`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub slip: Option<ThreePoint> => ["slip", Shape::ThreePoint, optional, moves_date, edit Slip "Slip"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub delivered: Option<NaiveDate> => ["delivered", Shape::Date, optional, moves_date, edit Delivered "Delivered"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reviewed: Option<NaiveDate> => ["reviewed", Shape::Date, optional, keeps_dates, edit Reviewed "Last reviewed"],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub status: Vec<StatusUpdate> => ["status", Shape::Updates, optional, keeps_dates],
    }
}

impl Dependency {
    pub fn new(id: &str, title: &str) -> Dependency {
        Dependency {
            uid: String::new(),
            id: id.to_string(),
            title: title.to_string(),
            kind: DependencyKind::Other,
            provider: None,
            owner: None,
            due: None,
            risk: RiskLevel::Medium,
            mitigation: None,
            slip: None,
            delivered: None,
            reviewed: None,
            status: Vec::new(),
        }
    }

    /// The slip distribution in force: its own, or the rule for its risk level.
    pub fn slip_or_rule(&self, rules: &Rules) -> ThreePoint {
        self.slip
            .unwrap_or_else(|| rules.slip_by_risk.for_level(self.risk))
    }
}

record! {
    /// What could happen, what it affects, when it becomes a blocker, and the options.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Risk / RiskField {
        /// Hidden and stable (model/uid.rs); the `id` stays editable.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub uid: String => ["uid", Shape::Text, optional, keeps_dates],
        pub id: String => ["id", Shape::Text, required, keeps_dates],
        pub title: String => ["title", Shape::Text, required, keeps_dates, edit Title "What could happen"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner: Option<String> => ["owner", Shape::Text, optional, keeps_dates, edit Owner "Owner"],
        #[serde(default)]
        pub level: RiskLevel => ["level", Shape::OneOf(RiskLevel::KEYS), optional, keeps_dates, edit Level "Level"],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub affects: Vec<String> => ["affects", Shape::Texts, optional, keeps_dates, edit Affects "Affects"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trigger: Option<NaiveDate> => ["trigger", Shape::Date, optional, keeps_dates, edit Trigger "Trigger"],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub options: Vec<String> => ["options", Shape::Texts, optional, keeps_dates, edit Options "Options"],
        #[serde(default)]
        pub state: RiskState => ["state", Shape::OneOf(RiskState::KEYS), optional, keeps_dates, edit State "State"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub decision: Option<String> => ["decision", Shape::Text, optional, keeps_dates, edit Decision "Decision"],
    }
}

record! {
    /// A decision leadership owes the program.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Decision / DecisionField {
        /// Hidden and stable (model/uid.rs); the `id` stays editable.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        pub uid: String => ["uid", Shape::Text, optional, keeps_dates],
        pub id: String => ["id", Shape::Text, required, keeps_dates],
        pub question: String => ["question", Shape::Text, required, keeps_dates, edit Question "Question"],
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub options: Vec<String> => ["options", Shape::Texts, optional, keeps_dates, edit Options "Options"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub recommendation: Option<String> => ["recommendation", Shape::Text, optional, keeps_dates, edit Recommendation "Recommendation"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub needed_by: Option<NaiveDate> => ["needed_by", Shape::Date, optional, keeps_dates, edit NeededBy "Needed by"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub from: Option<String> => ["from", Shape::Text, optional, keeps_dates, edit From "From"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub decided: Option<NaiveDate> => ["decided", Shape::Date, optional, keeps_dates, edit Decided "Decided on"],
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub outcome: Option<String> => ["outcome", Shape::Text, optional, keeps_dates, edit Outcome "Outcome"],
    }
}

/// Human overrides for the executive summary; `None` means "use the computed one".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryOverrides {
    #[serde(default, rename = "color", skip_serializing_if = "Option::is_none")]
    pub colour: Option<Colour>,
    #[serde(
        default,
        rename = "color_reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub colour_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

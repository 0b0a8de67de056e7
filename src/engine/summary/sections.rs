//! The sections below the paragraph that read the program as it is: critical risks,
//! decisions needed, the critical chain, and the register entries needing review.

use chrono::NaiveDate;

use super::Section;
use crate::engine::cockpit::Finish;
use crate::engine::schedule::Schedule;
use crate::engine::status::{ItemStatus, RiskFinding};
use crate::engine::words::{
    calendar_days, clause, days_between, deadline, labelled, long_date, named, near_date,
    non_blank, relative_days,
};
use crate::model::{Lookup, Program, RiskState, Sentence};

/// How urgent a critical risk is, in the order listed: what can still be prevented this
/// week first (as in the risk register), then what has already become a blocker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Open, on the critical or near-critical path, trigger within the escalation window.
    EscalateNow,
    /// Open or escalated and its trigger has passed.
    Blocker,
    /// Open or escalated and on the critical or near-critical path, trigger further out.
    Watch,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Blocker => "Blocker",
            Urgency::EscalateNow => "Escalate now",
            Urgency::Watch => "Watch",
        }
    }
}

/// A risk that touches the critical path, as listed below the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskLine {
    pub id: String,
    pub title: String,
    pub owner: Option<String>,
    pub state: RiskState,
    pub urgency: Urgency,
    pub trigger: Option<NaiveDate>,
    /// Calendar days from the status date to the trigger; negative once passed.
    pub days_to_trigger: Option<i64>,
    /// The affected ids that are critical or near-critical and not done.
    pub affects_critical: Vec<String>,
    pub options: Vec<String>,
    /// The linked decision's id, when the risk has one.
    pub decision: Option<String>,
}

/// A pending decision, as listed below the paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionLine {
    pub id: String,
    pub question: String,
    pub from: Option<String>,
    pub needed_by: Option<NaiveDate>,
    /// Calendar days from the status date to `needed_by`; negative: overdue.
    pub days_left: Option<i64>,
    pub options: Vec<String>,
    pub recommendation: Option<String>,
}

/// One link of the critical chain.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLink {
    pub id: String,
    pub title: String,
    pub early_finish: NaiveDate,
}

/// Undecided at `as_of` (a decision dated later had not been taken yet), by `needed_by`.
pub(super) fn decisions_needed(program: &Program, as_of: NaiveDate) -> Vec<DecisionLine> {
    let mut lines: Vec<DecisionLine> = program
        .decisions
        .iter()
        .filter(|d| d.decided.is_none_or(|at| at > as_of))
        .map(|d| DecisionLine {
            id: d.id.clone(),
            question: d.question.clone(),
            from: d.from.clone(),
            needed_by: d.needed_by,
            days_left: d.needed_by.map(|by| days_between(as_of, by)),
            options: d.options.clone(),
            recommendation: d.recommendation.clone(),
        })
        .collect();
    // Stable: decisions due the same day keep their file order.
    crate::sort::sort_by_key(&mut lines, |d| (d.needed_by.is_none(), d.needed_by));
    lines
}

pub(super) fn critical_risks(
    program: &Program,
    schedule: &Schedule,
    findings: &[RiskFinding],
) -> Vec<RiskLine> {
    let mut lines: Vec<RiskLine> = program
        .risks
        .iter()
        .zip(findings)
        .filter_map(|(risk, finding)| {
            // One finding per risk, in file order.
            let finding = Some(finding).filter(|f| f.id == risk.id);
            let live = matches!(risk.state, RiskState::Open | RiskState::Escalated);
            let urgency = match finding {
                Some(f) if f.blocker => Urgency::Blocker,
                Some(f) if f.escalate_now => Urgency::EscalateNow,
                Some(f) if f.affects_critical && live => Urgency::Watch,
                _ => return None,
            };
            let affects_critical = risk
                .affects
                .iter()
                .filter(|id| {
                    schedule
                        .node(id)
                        .is_some_and(|n| n.scheduled && !n.done && (n.critical || n.near_critical))
                })
                .cloned()
                .collect();
            Some(RiskLine {
                id: risk.id.clone(),
                title: risk.title.clone(),
                owner: risk.owner.clone(),
                state: risk.state,
                urgency,
                trigger: risk.trigger,
                days_to_trigger: finding.and_then(|f| f.days_to_trigger),
                affects_critical,
                options: risk.options.clone(),
                decision: risk.decision.clone(),
            })
        })
        .collect();
    crate::sort::sort_by_key(&mut lines, |r| (r.urgency, r.trigger.is_none(), r.trigger));
    lines
}

pub(super) fn critical_chain(lookup: &Lookup, schedule: &Schedule) -> Vec<ChainLink> {
    schedule
        .critical_path
        .iter()
        .filter_map(|id| {
            schedule.node(id).map(|node| ChainLink {
                id: id.clone(),
                title: lookup.title_of(id).unwrap_or_default().to_string(),
                early_finish: node.early_finish,
            })
        })
        .collect()
}

pub(super) fn needs_review(
    lookup: &Lookup,
    statuses: &[ItemStatus],
    as_of: NaiveDate,
) -> Vec<String> {
    let mut flagged: Vec<&ItemStatus> = statuses
        .iter()
        .filter(|s| {
            !s.done
                && (s.review_due
                    || s.update_due
                    || s.missing_owner
                    || s.missing_date
                    || s.gone_from_source.is_some())
        })
        .collect();
    // The register first, then the critical path, so the weekly review reads top down.
    crate::sort::sort_by_key(&mut flagged, |s| {
        (!s.is_dependency, !s.critical, !s.near_critical)
    });
    // Work that has simply never had a status is one line, so the page stays one page.
    let (never, flagged): (Vec<&ItemStatus>, Vec<&ItemStatus>) =
        flagged.into_iter().partition(|s| {
            s.update_due
                && s.last_update.is_none()
                && !s.review_due
                && !s.missing_owner
                && !s.missing_date
                && s.gone_from_source.is_none()
        });
    let mut lines: Vec<String> = flagged
        .into_iter()
        .map(|s| {
            let mut what = Vec::new();
            if s.review_due {
                let reviewed = lookup.dependency(&s.id).and_then(|d| d.reviewed);
                what.push(match reviewed {
                    Some(r) => format!(
                        "review due (last reviewed {}, {} ago)",
                        near_date(r, as_of),
                        calendar_days(days_between(r, as_of))
                    ),
                    None => "never reviewed".to_string(),
                });
            }
            if s.update_due {
                what.push(match s.last_update {
                    Some(u) => format!(
                        "status update due (last {}, {} ago)",
                        near_date(u, as_of),
                        calendar_days(days_between(u, as_of))
                    ),
                    None => "no status update yet".to_string(),
                });
            }
            if s.missing_owner {
                what.push("no owner".to_string());
            }
            if s.missing_date {
                what.push("no date".to_string());
            }
            if let Some((tracker, since)) = &s.gone_from_source {
                what.push(format!(
                    "no longer in {tracker} since {} (keep, close or delete it)",
                    near_date(*since, as_of)
                ));
            }
            format!("{}: {}.", named(&s.id, &s.title), what.join("; "))
        })
        .collect();
    match never.as_slice() {
        [] => {}
        [one] => lines.push(format!(
            "{}: no status update yet.",
            named(&one.id, &one.title)
        )),
        many => lines.push(format!(
            "No status update yet on {} items: {}.",
            many.len(),
            many.iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    lines
}

/// One line per critical risk: "**Escalate now:** R-1 Acme Pay v3 GA slips — owner Sam
/// Lee; trigger 1 Dec 2026 (in 11 days); affects VEND-1, PAY-106; options: …; decision D-1."
pub(super) fn risks_section(risks: &[RiskLine], as_of: NaiveDate) -> Section {
    let lines = risks
        .iter()
        .map(|risk| {
            let mut text = format!(" {}", labelled(&risk.id, &risk.title));
            if let Some(owner) = non_blank(risk.owner.as_deref()) {
                text.push_str(&format!(" — owner {}", clause(owner)));
            }
            match (risk.trigger, risk.days_to_trigger) {
                (Some(trigger), Some(days)) => text.push_str(&format!(
                    "; trigger {} ({})",
                    near_date(trigger, as_of),
                    relative_days(days)
                )),
                _ => text.push_str("; no trigger date"),
            }
            if !risk.affects_critical.is_empty() {
                text.push_str(&format!("; affects {}", risk.affects_critical.join(", ")));
            }
            let options: Vec<String> = risk
                .options
                .iter()
                .filter_map(|o| non_blank(Some(o)))
                .map(clause)
                .collect();
            if !options.is_empty() {
                text.push_str(&format!("; options: {}", options.join(" / ")));
            }
            if let Some(decision) = non_blank(risk.decision.as_deref()) {
                text.push_str(&format!("; decision {decision}"));
            }
            text.push('.');
            let mut s = Sentence::default();
            s.bold(&format!("{}:", risk.urgency.label())).add(&text);
            s
        })
        .collect();
    Section {
        key: "risks",
        heading: "Critical risks".into(),
        lines,
        empty: "No risk touches the critical path.".into(),
        list: true,
    }
}

/// One line per pending decision: "D-1 Legacy fallback or escalate? — from VP Engineering,
/// by 26 Nov 2026 (6 days left); recommend: escalate to the vendor."
pub(super) fn decisions_section(decisions: &[DecisionLine], as_of: NaiveDate) -> Section {
    let lines = decisions
        .iter()
        .map(|decision| {
            let mut text = labelled(&decision.id, &decision.question);
            if let Some(from) = non_blank(decision.from.as_deref()) {
                text.push_str(&format!(" — from {}", clause(from)));
            }
            match (decision.needed_by, decision.days_left) {
                (Some(by), Some(left)) => text.push_str(&format!(
                    ", by {} ({})",
                    near_date(by, as_of),
                    deadline(left)
                )),
                _ => text.push_str(", no deadline set"),
            }
            if let Some(r) = non_blank(decision.recommendation.as_deref()) {
                text.push_str(&format!("; recommend: {}", clause(r)));
            }
            text.push('.');
            Sentence::plain(&text)
        })
        .collect();
    Section {
        key: "decisions",
        heading: "Decisions needed".into(),
        lines,
        empty: "No decision is pending.".into(),
        list: true,
    }
}

/// The chain as one line, then the finish against the target.
pub(super) fn chain_section(
    chain: &[ChainLink],
    finish: &Finish,
    program: &Program,
    as_of: NaiveDate,
    empty: bool,
) -> Section {
    let mut lines = Vec::new();
    if !chain.is_empty() && !empty {
        let links: Vec<String> = chain
            .iter()
            .map(|link| {
                format!(
                    "{} ({})",
                    labelled(&link.id, &link.title),
                    near_date(link.early_finish, as_of)
                )
            })
            .collect();
        lines.push(Sentence::plain(&links.join(" → ")));
        lines.push(Sentence::plain(&match finish.unlevelled {
            // The chain is the links' own; capacity moves the finish past where it ends.
            Some(plain) if plain != finish.date => format!(
                "Forecast finish {} against the {} target with the teams' capacity; the chain alone ends {}.",
                long_date(finish.date),
                long_date(program.target),
                long_date(plain)
            ),
            _ => format!(
                "Forecast finish {} against the {} target.",
                long_date(finish.date),
                long_date(program.target)
            ),
        }));
    }
    Section {
        key: "chain",
        heading: "Critical path".into(),
        lines,
        empty: "No critical path yet: nothing is left to schedule.".into(),
        list: false,
    }
}

pub(super) fn review_section(needs_review: &[String]) -> Section {
    Section {
        key: "review",
        heading: "Needs review".into(),
        lines: needs_review.iter().map(|l| Sentence::plain(l)).collect(),
        empty: "Nothing: every entry is reviewed, updated, owned and dated.".into(),
        list: true,
    }
}

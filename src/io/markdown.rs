//! The executive summary as Markdown, for email, Slack or a Jira comment: the same
//! sentences the screen shows, word for word — bold for the paragraph's strong parts, a
//! heading and a list per section, no HTML and no tables. User text is escaped so a `*` or
//! `[` in a title stays a character and never becomes formatting.

use crate::engine::summary::{Section, Summary};
use crate::engine::words::{clause, long_date};
use crate::model::{Report, Sentence};

/// The whole summary of `program_name` as Markdown.
pub fn summary_markdown(program_name: &str, summary: &Summary) -> String {
    let mut md = format!(
        "# {} — status as of {}\n\n",
        escape_inline(&clause(program_name)),
        long_date(summary.as_of)
    );
    md.push_str(&paragraph(&summary.paragraph));
    md.push_str("\n\n");
    if let Some(notes) = &summary.notes {
        md.push_str(&escape_block(notes));
        md.push_str("\n\n");
    }
    if let Some(confidence) = &summary.confidence {
        md.push_str(&escape_line_starts(&sentence(confidence)));
        md.push_str("\n\n");
    }
    for section in &summary.sections {
        md.push_str(&section_markdown(section));
    }
    md
}

/// A published report as Markdown: its paragraph, notes and what changed, as published.
pub fn report_markdown(program_name: &str, report: &Report) -> String {
    let mut md = format!(
        "# {} — status as of {} (published)\n\n",
        escape_inline(&clause(program_name)),
        long_date(report.date)
    );
    md.push_str(&paragraph(&report.paragraph));
    md.push_str("\n\n");
    if let Some(notes) = &report.notes {
        md.push_str(&escape_block(notes));
        md.push_str("\n\n");
    }
    if !report.changes.is_empty() {
        md.push_str("## What changed\n\n");
        for change in &report.changes {
            md.push_str(&format!("- {}\n", escape_inline(change)));
        }
        md.push('\n');
    }
    for section in &report.sections {
        md.push_str(&format!("## {}\n\n", escape_inline(&section.heading)));
        let lines: Vec<String> = section.lines.iter().map(sentence).collect();
        if section.list {
            for line in lines {
                md.push_str(&format!("- {line}\n"));
            }
        } else {
            let lines: Vec<String> = lines.iter().map(|l| escape_line_starts(l)).collect();
            md.push_str(&lines.join("\n\n"));
            md.push('\n');
        }
        md.push('\n');
    }
    md.truncate(md.trim_end().len());
    md.push('\n');
    md
}

fn paragraph(sentences: &[Sentence]) -> String {
    let text: Vec<String> = sentences.iter().map(sentence).collect();
    escape_line_starts(&text.join(" "))
}

fn section_markdown(section: &Section) -> String {
    let mut md = format!("## {}\n\n", escape_inline(&section.heading));
    if section.lines.is_empty() {
        md.push_str(&escape_line_starts(&escape_inline(&section.empty)));
        md.push('\n');
    } else if section.list {
        for line in &section.lines {
            md.push_str(&format!("- {}\n", sentence(line)));
        }
    } else {
        let lines: Vec<String> = section
            .lines
            .iter()
            .map(|line| escape_line_starts(&sentence(line)))
            .collect();
        md.push_str(&lines.join("\n\n"));
        md.push('\n');
    }
    md.push('\n');
    md
}

/// A sentence with its bold parts in `**`, every part escaped.
fn sentence(sentence: &Sentence) -> String {
    sentence
        .parts
        .iter()
        .map(|part| {
            let text = escape_inline(&part.text);
            if part.strong && !text.trim().is_empty() {
                // Markdown bold must hug its text: keep outer blanks outside the stars.
                let (lead, rest) = text.split_at(text.len() - text.trim_start().len());
                let body = rest.trim_end();
                let trail = &rest[body.len()..];
                format!("{lead}**{body}**{trail}")
            } else {
                text
            }
        })
        .collect()
}

/// Escapes the characters that change inline formatting anywhere in a line (emphasis,
/// code, links, HTML, strike-through) and folds line breaks into spaces.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes what would make a line a heading, quote, list or rule when it starts a line.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let first = trimmed.chars().next();
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit()).collect();
    let after_digits = trimmed[digits.len()..].chars().next();
    match first {
        Some('#' | '>' | '-' | '+' | '=' | '|') => format!("{indent}\\{trimmed}"),
        _ if !digits.is_empty() && matches!(after_digits, Some('.' | ')')) => {
            format!("{indent}{digits}\\{}", &trimmed[digits.len()..])
        }
        _ => line.to_string(),
    }
}

fn escape_line_starts(text: &str) -> String {
    text.lines()
        .map(escape_line_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Multi-line user text (the notes): each line escaped, line breaks kept.
fn escape_block(text: &str) -> String {
    text.lines()
        .map(|line| escape_line_start(&escape_inline(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

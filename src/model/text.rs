//! A sentence as runs of plain and bold text: what the summary writes, what a published
//! report keeps, and what the screen, the Markdown and the print all render. Text is only
//! ever text: the UI renders each run as a text node, never as HTML.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One run of text in a sentence: shown bold when `strong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub strong: bool,
}

/// One sentence as runs of plain and bold text.
///
/// In a file it is a list of strings that alternate plain, bold, plain, …, starting with
/// plain (which may be empty): `["Program is ", "Yellow", "."]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    pub parts: Vec<Part>,
}

impl Sentence {
    /// A sentence of plain text only.
    pub fn plain(text: &str) -> Sentence {
        let mut sentence = Sentence::default();
        sentence.add(text);
        sentence
    }

    /// The sentence as plain text.
    pub fn text(&self) -> String {
        self.parts.iter().map(|p| p.text.as_str()).collect()
    }

    /// The bold parts, in order.
    pub fn strong(&self) -> Vec<&str> {
        self.parts
            .iter()
            .filter(|p| p.strong)
            .map(|p| p.text.as_str())
            .collect()
    }

    /// How many words the sentence has (runs of non-blank characters).
    pub fn words(&self) -> usize {
        self.text().split_whitespace().count()
    }

    fn push(&mut self, text: &str, strong: bool) -> &mut Sentence {
        if text.is_empty() {
            return self;
        }
        match self.parts.last_mut() {
            Some(last) if last.strong == strong => last.text.push_str(text),
            _ => self.parts.push(Part {
                text: text.to_string(),
                strong,
            }),
        }
        self
    }

    /// Appends plain text.
    pub fn add(&mut self, text: &str) -> &mut Sentence {
        self.push(text, false)
    }

    /// Appends bold text.
    pub fn bold(&mut self, text: &str) -> &mut Sentence {
        self.push(text, true)
    }
}

impl From<String> for Sentence {
    fn from(text: String) -> Sentence {
        Sentence::plain(&text)
    }
}

impl Serialize for Sentence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut runs: Vec<&str> = Vec::with_capacity(self.parts.len() + 1);
        for part in &self.parts {
            // Runs alternate plain, bold, … from plain: an empty run keeps the rhythm.
            let plain_slot = runs.len().is_multiple_of(2);
            if plain_slot == part.strong {
                runs.push("");
            }
            runs.push(&part.text);
        }
        runs.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Sentence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Sentence, D::Error> {
        let runs = Vec::<String>::deserialize(deserializer)?;
        let mut sentence = Sentence::default();
        for (i, run) in runs.iter().enumerate() {
            sentence.push(run, i % 2 == 1);
        }
        Ok(sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_is_stored_as_alternating_plain_and_bold_runs() {
        let mut s = Sentence::default();
        s.bold("Decisions needed:").add(" one.");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["","Decisions needed:"," one."]"#);
        let back: Sentence = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.words(), 3);
    }
}

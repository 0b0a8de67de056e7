//! The closed sets of names the file format uses (colours, kinds, levels, states, link
//! types, weekdays), each declared once: the Rust enum, the key the file spells, the label a
//! person reads, the list of all of them, and reading and writing by key all come from one
//! declaration, so the serde attributes, the edit boxes and the validator cannot drift.

/// Declares a name set. Each variant is written `Variant => "key", "Label";`. The enum gets
/// `ALL`, `KEYS`, `key()`, `label()`, `from_key()` and serde by key (an unknown key is an
/// error naming the keys allowed). Variants are ordered as declared (`Ord`).
macro_rules! names {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $key:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The keys the file spells, in declaration order.
            pub const KEYS: &'static [&'static str] = &[$($key),+];

            /// The key the file spells.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// The name a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value the file's key names, if any.
            pub fn from_key(key: &str) -> Option<$name> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.key())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::from_key(&text)
                    .ok_or_else(|| serde::de::Error::unknown_variant(&text, $name::KEYS))
            }
        }
    };
}

names! {
    /// Days of the week as the file spells them.
    pub enum Workday {
        Mon => "mon", "Mon";
        Tue => "tue", "Tue";
        Wed => "wed", "Wed";
        Thu => "thu", "Thu";
        Fri => "fri", "Fri";
        Sat => "sat", "Sat";
        Sun => "sun", "Sun";
    }
}

impl Workday {
    pub fn from_chrono(day: chrono::Weekday) -> Workday {
        Workday::ALL[day.num_days_from_monday() as usize]
    }
}

names! {
    /// A weekly status colour (the file spells the key `color`).
    pub enum Colour {
        Green => "green", "Green";
        Yellow => "yellow", "Yellow";
        Red => "red", "Red";
    }
}

names! {
    /// A work item is a task with a duration or a milestone (a point in time).
    #[derive(Default)]
    pub enum ItemKind {
        #[default]
        Task => "task", "Task";
        Milestone => "milestone", "Milestone";
    }
}

names! {
    /// The four precedence relations of the critical path method.
    #[derive(Default)]
    pub enum LinkType {
        /// Finish-to-start: the successor starts after the predecessor finishes.
        #[default]
        FS => "FS", "FS";
        /// Start-to-start.
        SS => "SS", "SS";
        /// Finish-to-finish.
        FF => "FF", "FF";
        /// Start-to-finish.
        SF => "SF", "SF";
    }
}

names! {
    /// What kind of thing an external dependency is.
    #[derive(Default)]
    pub enum DependencyKind {
        ThirdPartyApi => "third_party_api", "Third-party API";
        TeamDeliverable => "team_deliverable", "Team deliverable";
        Hardware => "hardware", "Hardware";
        Compliance => "compliance", "Compliance";
        #[default]
        Other => "other", "Other";
    }
}

names! {
    /// How likely or how bad: a dependency's risk, a risk's level.
    #[derive(Default)]
    pub enum RiskLevel {
        Low => "low", "Low";
        #[default]
        Medium => "medium", "Medium";
        High => "high", "High";
    }
}

names! {
    /// Where a risk stands. A blocker is not a state but a finding (docs/rules.md#blockers).
    #[derive(Default)]
    pub enum RiskState {
        #[default]
        Open => "open", "Open";
        Escalated => "escalated", "Escalated";
        Mitigated => "mitigated", "Mitigated";
        Closed => "closed", "Closed";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_from_its_key() {
        for colour in Colour::ALL {
            assert_eq!(Colour::from_key(colour.key()), Some(*colour));
        }
        assert_eq!(DependencyKind::KEYS.len(), DependencyKind::ALL.len());
        assert_eq!(RiskLevel::from_key("extreme"), None);
    }

    #[test]
    fn names_serialise_as_their_keys_and_refuse_unknown_ones() {
        let json = serde_json::to_string(&DependencyKind::ThirdPartyApi).unwrap();
        assert_eq!(json, "\"third_party_api\"");
        let back: DependencyKind = serde_json::from_str(&json).unwrap();
        assert_eq!(back, DependencyKind::ThirdPartyApi);
        let err = serde_json::from_str::<RiskState>("\"pending\"").unwrap_err();
        assert!(err.to_string().contains("open"), "{err}");
    }

    #[test]
    fn levels_order_from_low_to_high() {
        assert!(RiskLevel::Low < RiskLevel::Medium && RiskLevel::Medium < RiskLevel::High);
        assert!(Colour::Green < Colour::Red);
    }
}

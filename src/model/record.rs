//! The entities of the program file (items, dependencies, risks, decisions, teams), each
//! declared once with [`record!`]: from one list of fields come the Rust struct, the reader
//! of the file (`FromJson`), the shape every field must have (`FIELDS`, which validation
//! checks), the fields a person edits (the `…Field` enum with labels and keys) and whether a
//! field can move a date (which the forecast's fingerprint must read; tests/model.rs fails
//! when one is missing). A new field is written in one place, so none of these can drift.
//!
//! Also the vocabulary of those declarations: [`Shape`] and [`FieldSpec`].

use super::names::{Colour, LinkType};

/// The shape a field's JSON value must have; checked on the raw JSON so every problem of a
/// file is found at once (model/validate/shape.rs).
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Text,
    Date,
    Count,
    Lag,
    OneOf(&'static [&'static str]),
    Texts,
    ThreePoint,
    Links,
    Updates,
    Workdays,
    Dates,
    Source,
    /// A share from 0 to 1 (a confidence).
    Share,
    /// Sentences as lists of strings (a published paragraph).
    Sentences,
    /// A published report's rows.
    Rows,
    /// A moment as RFC 3339 (`2026-11-23T09:00:00Z`), as provenance records it.
    Timestamp,
    /// A team's dated availability changes: `[{ "from", "percent" (0–100), "note" }]`.
    Availability,
    /// People per team id (`{ "auth": 2 }`), each a whole number from 0.
    Needs,
    /// A whole number of people from 0.
    People,
}

impl Shape {
    /// The fields of a link in `after`.
    pub const LINK: &'static [FieldSpec] = &[
        FieldSpec::new("id", Shape::Text, true),
        FieldSpec::new("type", Shape::OneOf(LinkType::KEYS), false),
        FieldSpec::new("lag", Shape::Lag, false),
    ];

    /// The fields of a weekly status update.
    pub const UPDATE: &'static [FieldSpec] = &[
        FieldSpec::new("date", Shape::Date, true),
        FieldSpec::new("color", Shape::OneOf(Colour::KEYS), true),
        FieldSpec::new("note", Shape::Text, false),
        FieldSpec::new("by", Shape::Text, false),
        FieldSpec::new("remaining", Shape::Count, false),
    ];
}

/// One field of a record as the file spells it.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// The key in the file.
    pub key: &'static str,
    pub shape: Shape,
    /// A file without it is refused.
    pub required: bool,
    /// Changing it can move a scheduled date (and so the forecast).
    pub moves_date: bool,
}

impl FieldSpec {
    /// A field that moves no date.
    pub const fn new(key: &'static str, shape: Shape, required: bool) -> FieldSpec {
        FieldSpec {
            key,
            shape,
            required,
            moves_date: false,
        }
    }
}

/// `required` or `optional`, as a bool.
macro_rules! is_required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

/// `moves_date` or `keeps_dates`, as a bool.
macro_rules! moves_date {
    (moves_date) => {
        true
    };
    (keeps_dates) => {
        false
    };
}

/// Reads one field: a required one must be there; an optional one reads as its type's
/// default when absent or `null`.
macro_rules! read_field {
    (required, $object:expr, $key:literal) => {
        $crate::model::from_json::required($object, $key)
    };
    (optional, $object:expr, $key:literal) => {
        $crate::model::from_json::optional($object, $key)
    };
}

/// Declares an entity of the program file once. Each field is written
///
/// ```text
/// /// doc, #[serde(…)] attributes as usual
/// pub name: Type => ["key", Shape, required | optional, moves_date | keeps_dates, edit Variant "Label"],
/// ```
///
/// (the `edit …` part only for fields a person edits in place). It makes the struct, its
/// `FIELDS` (key, shape, required, moves a date), its reader from JSON, and the edit enum
/// named after the `/`: `ALL` (declaration order), `key()`, `label()`, `moves_date()`.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident / $edit:ident {
            $(
                $(#[$fmeta:meta])*
                pub $field:ident : $ty:ty => [
                    $key:literal, $shape:expr, $presence:ident, $moves:ident
                    $(, edit $variant:ident $label:literal)?
                ],
            )+
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )+
        }

        impl $name {
            /// Every field of the file, as declared.
            pub const FIELDS: &'static [$crate::model::FieldSpec] = &[
                $( $crate::model::FieldSpec {
                    key: $key,
                    shape: $shape,
                    required: is_required!($presence),
                    moves_date: moves_date!($moves),
                }, )+
            ];
        }

        impl $crate::model::from_json::FromJson for $name {
            fn from_json(value: &serde_json::Value) -> Result<Self, String> {
                let o = $crate::model::from_json::object(value)?;
                Ok($name { $( $field: read_field!($presence, o, $key)?, )+ })
            }
        }

        /// A field a person edits in place.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $edit {
            $( $( $variant, )? )+
        }

        impl $edit {
            /// Every editable field, in declaration order.
            pub const ALL: &'static [$edit] = &[ $( $( $edit::$variant, )? )+ ];

            /// The key the program file spells.
            pub fn key(self) -> &'static str {
                match self { $( $( $edit::$variant => $key, )? )+ }
            }

            /// The name shown beside the field.
            pub fn label(self) -> &'static str {
                match self { $( $( $edit::$variant => $label, )? )+ }
            }

            /// Whether changing it can move a date.
            pub fn moves_date(self) -> bool {
                match self { $( $( $edit::$variant => moves_date!($moves), )? )+ }
            }
        }
    };
}

//! The app's state as small contexts, each `Copy`, given once by [`provide_state`] and read
//! with its `expect_…()` accessor: the open program ([`Document`]), storage
//! ([`Persistence`]), messages ([`Notices`]), edits and undo ([`Editor`]), the derived
//! cockpit and forecast job ([`Derived`]), today's date ([`Clock`]) and the view shown
//! ([`Navigation`]).
//! Components take only what they use.

mod clock;
mod derived;
mod document;
mod drafts;
mod editor;
mod notices;
mod persistence;
mod reporter;
mod route;

pub use clock::{expect_clock, Clock};
pub use derived::{expect_cockpit, expect_derived, Derived};
pub use document::{expect_document, Document, SharedView};
pub use drafts::{expect_drafts, Drafts};
pub use editor::{expect_editor, Editor, Undo};
pub use notices::{expect_notices, Notices};
pub use persistence::{expect_persistence, local_store, OtherCopy, Persistence, SaveState};
pub use reporter::{expect_reporter, Reporter};
pub use route::{expect_navigation, filter_of_hash, Navigation, Route};

use leptos::prelude::*;

use crate::model::Program;
use crate::store::{Index, Session};

/// The contexts the app shell itself uses after providing them all.
#[derive(Clone, Copy)]
pub struct State {
    pub persistence: Persistence,
    pub notices: Notices,
    pub editor: Editor,
    pub navigation: Navigation,
}

/// Creates the contexts for `program` (this tab's `session` of it) and provides them.
pub fn provide_state(program: Program, session: Session, tab: String, index: Index) -> State {
    let doc = Document {
        id: RwSignal::new(session.id().to_string()),
        program: RwSignal::new(program),
        shared: RwSignal::new(None),
    };
    let clock = Clock::new();
    clock.follow();
    let notices = Notices::new();
    let persistence = Persistence::new(doc, notices, session, tab, index);
    persistence.measure_headroom();
    persistence.read_copies();
    let editor = Editor::new(doc, persistence, notices);
    let derived = Derived::new(doc, clock);
    let drafts = Drafts::new(doc, notices);
    let reporter = Reporter::load();
    let navigation = Navigation {
        route: RwSignal::new(Route::home()),
        filter: RwSignal::new(Default::default()),
    };
    provide_context(doc);
    provide_context(clock);
    provide_context(notices);
    provide_context(persistence);
    provide_context(editor);
    provide_context(derived);
    provide_context(navigation);
    provide_context(drafts);
    provide_context(reporter);
    State {
        persistence,
        notices,
        editor,
        navigation,
    }
}

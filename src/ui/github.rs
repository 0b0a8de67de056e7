//! Keeping the open program in a GitHub repository (docs/format.md#github): the browser
//! shell of `io::github` (the contents API) and `store::Connection` (what was last synced).
//! Every save is sent, at most one commit a minute; when someone else wrote the file, it is
//! read and merged three-way against the version last synced, as two tabs are, conflicts
//! going to the same choice banner; the file is read on open and on focus after 5 minutes;
//! edits made offline are sent when the browser is back online. The token is read from its
//! own storage entry for each request and never shown, logged or written anywhere else.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use super::job::Job;
use super::pull::browser::{local_date, now, pause, send, Call, Cancel};
use super::share::clean_address;
use super::state::{
    expect_document, expect_notices, expect_persistence, local_store, Document, Notices, OtherCopy,
    Persistence, Route, SharedView,
};
use super::widgets::shown;
use crate::io::github::{
    self as api, default_path, read_blob, read_file, read_write, repository_exists, Fetched,
    GitHubError, Repo, Written, DEFAULT_API,
};
use crate::io::pull::Reply;
use crate::model::{read_program, write_program, Program};
use crate::store::{self, commit_message, Connection};

/// The least time between two commits: saves in between are sent together.
const COMMIT_EVERY: Duration = Duration::from_secs(60);
/// How long after an edit the first commit goes (more edits in that time go with it).
const FIRST_DELAY: Duration = Duration::from_secs(2);
/// The file is read again on focus when it was last read longer ago than this.
const READ_AGAIN_AFTER: Duration = Duration::from_secs(5 * 60);
/// A failure that may pass by itself (offline, GitHub down, rate limit) is retried after this.
const RETRY_AFTER: Duration = Duration::from_secs(60);

/// What the header says about GitHub.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncState {
    /// The open program is not kept in GitHub.
    Off,
    /// Reading or writing the file.
    Working,
    /// GitHub holds everything, as of this moment.
    Saved(DateTime<Utc>),
    /// Edits wait for the next commit (at most one a minute).
    Waiting,
    /// What went wrong and what to do; nothing local is lost.
    Problem(String),
}

/// The open program's GitHub connection and its sync.
#[derive(Clone, Copy)]
pub struct GitHub {
    doc: Document,
    persistence: Persistence,
    /// The open program's connection, for display (the stored one is what a sync uses).
    pub connection: RwSignal<Option<Connection>>,
    pub state: RwSignal<SyncState>,
    /// One sync at a time; one asked for while one runs, or within a minute of a commit,
    /// runs after.
    job: Job,
    /// A commit was made less than [`COMMIT_EVERY`] ago.
    cooling: StoredValue<bool>,
    /// The file was read less than [`READ_AGAIN_AFTER`] ago.
    fresh: StoredValue<bool>,
    cancel: Cancel,
    /// For a `#gh=` link's read, apart from the sync's requests.
    link_cancel: Cancel,
    /// The program last synced, read once per version (by its hash): at 1,000 items reading
    /// it is the largest step of a sync.
    base: StoredValue<Option<(String, Program)>>,
}

pub fn expect_github() -> GitHub {
    expect_context::<GitHub>()
}

/// A moment as the header says it: "10:42", or "6 Dec 10:42" on another day.
pub fn clock_time(moment: DateTime<Utc>) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(moment.timestamp_millis() as f64));
    let time = format!("{:02}:{:02}", date.get_hours(), date.get_minutes());
    let day = local_date(moment);
    if day == local_date(now()) {
        time
    } else {
        format!("{} {time}", crate::engine::words::short_date(day))
    }
}

/// One request to the contents API with this browser's token (if any).
async fn call(
    method: &str,
    url: &str,
    body: Option<&str>,
    token: Option<&str>,
    cancel: Cancel,
) -> Reply {
    let headers = api::headers(token);
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let mut headers = headers;
    if body.is_some() {
        headers.push(("Content-Type", "application/json"));
    }
    send(
        Call {
            method,
            url,
            body,
            headers,
            with_cookies: false,
            read_headers: &api::READ_HEADERS,
        },
        cancel,
    )
    .await
}

/// Reads the file at `repo`: what it holds (a file over 1 MB read through the blobs API),
/// or what is wrong.
async fn fetch_file(
    repo: &Repo,
    token: Option<&str>,
    cancel: Cancel,
) -> Result<Fetched, GitHubError> {
    match read_file(&call("GET", &repo.file_url(), None, token, cancel).await)? {
        Fetched::Large { sha } => {
            let reply = call("GET", &repo.blob_url(&sha), None, token, cancel).await;
            Ok(Fetched::File {
                text: read_blob(&reply)?,
                sha,
            })
        }
        fetched => Ok(fetched),
    }
}

impl GitHub {
    /// Provides the sync for the whole app and starts following the open program.
    pub fn provide() -> GitHub {
        let github = GitHub {
            doc: expect_document(),
            persistence: expect_persistence(),
            connection: RwSignal::new(None),
            state: RwSignal::new(SyncState::Off),
            job: Job::new(),
            cooling: StoredValue::new(false),
            fresh: StoredValue::new(false),
            cancel: Cancel::new(),
            link_cancel: Cancel::new(),
            base: StoredValue::new(None),
        };
        provide_context(github);
        let doc = github.doc;
        // Another program opened (or a shared one shown): its connection, read at once.
        Effect::new(move |_| {
            doc.id.track();
            doc.shared.track();
            github.load();
            if github.connected() {
                github.sync_now();
            }
        });
        // Every change of the program: sent shortly, batched.
        Effect::new(move |first: Option<()>| {
            doc.program.track();
            if first.is_some() {
                github.request_push();
            }
        });
        let _ = window_event_listener(leptos::ev::online, move |_| {
            if github.connected() {
                github.sync_now();
            }
        });
        let on_focus = move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| !d.hidden());
            if visible && github.connected() && !github.fresh.get_value() {
                github.sync_now();
            }
        };
        let _ = window_event_listener(leptos::ev::focus, move |_| on_focus());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| on_focus());
        github
    }

    /// True when the open program (not a shared copy) is kept in GitHub.
    pub fn connected(&self) -> bool {
        !self.doc.read_only() && self.connection.with_untracked(Option::is_some)
    }

    /// Reads the open program's connection from storage.
    fn load(&self) {
        let connection = if self.doc.read_only() {
            None
        } else {
            local_store().and_then(|s| s.github_connection(&self.doc.id.get_untracked()))
        };
        let state = match &connection {
            None => SyncState::Off,
            Some(c) => match c.synced.at() {
                Some(at) => SyncState::Saved(at),
                None => SyncState::Waiting,
            },
        };
        self.connection.set(connection);
        self.state.set(state);
    }

    /// An edit: sent within [`FIRST_DELAY`], or with the next commit when one was made less
    /// than a minute ago.
    pub fn request_push(&self) {
        if !self.connected() {
            return;
        }
        if self.job.busy() || self.cooling.get_value() {
            self.job.want();
            if matches!(self.state.get_untracked(), SyncState::Saved(_)) {
                self.state.set(SyncState::Waiting);
            }
            return;
        }
        self.schedule(FIRST_DELAY);
    }

    /// Reads and writes now (on open, on focus, back online, or the person asked).
    pub fn sync_now(&self) {
        self.job.cancel_timer();
        self.start();
    }

    fn schedule(&self, delay: Duration) {
        let this = *self;
        self.job.schedule(delay, move || this.start());
    }

    fn start(&self) {
        if !self.job.begin() {
            return;
        }
        let this = *self;
        spawn_local(async move {
            let outcome = this.run().await;
            let again = this.job.end();
            this.fresh.set_value(true);
            let fresh = this.fresh;
            set_timeout(move || fresh.set_value(false), READ_AGAIN_AFTER);
            match outcome {
                Outcome::Committed => {
                    this.cooling.set_value(true);
                    set_timeout(
                        move || {
                            this.cooling.set_value(false);
                            if this.job.wanted() {
                                this.start();
                            }
                        },
                        COMMIT_EVERY,
                    );
                }
                Outcome::Retry => this.schedule(RETRY_AFTER),
                Outcome::Done if again => this.schedule(FIRST_DELAY),
                Outcome::Done | Outcome::Stop => {}
            }
        });
    }

    fn problem(&self, message: String) {
        self.state.set(SyncState::Problem(message));
    }

    fn failed(&self, repo: &Repo, err: GitHubError) -> Outcome {
        self.problem(err.message(repo, clock_time));
        if err.retries() {
            Outcome::Retry
        } else {
            Outcome::Stop
        }
    }

    /// The program of the version last synced, read from its packed text once per version.
    fn base_of(&self, connection: &Connection) -> Option<Program> {
        let hash = connection.synced.hash()?;
        if let Some(program) = self.base.with_value(|b| {
            b.as_ref()
                .filter(|(h, _)| h == hash)
                .map(|(_, p)| p.clone())
        }) {
            return Some(program);
        }
        let program = connection.synced.program()?;
        self.base
            .set_value(Some((hash.to_string(), program.clone())));
        Some(program)
    }

    /// Keeps `program` as the base read for the version `connection` now records.
    fn keep_base(&self, connection: &Connection, program: &Program) {
        if let Some(hash) = connection.synced.hash() {
            self.base
                .set_value(Some((hash.to_string(), program.clone())));
        }
    }

    /// One sync: read the file, merge what someone else wrote, write what is new here.
    /// Its long steps are separated by [`pause`], so the page answers keys meanwhile.
    async fn run(&self) -> Outcome {
        let id = self.doc.id.get_untracked();
        let moved = |doc: Document| doc.read_only() || doc.id.get_untracked() != id;
        let Some(store) = local_store() else {
            return Outcome::Stop;
        };
        let Some(mut connection) = store.github_connection(&id) else {
            return Outcome::Stop;
        };
        if moved(self.doc) {
            return Outcome::Stop;
        }
        let repo = connection.repo.clone();
        let Some(token) = store.github_token() else {
            self.problem(
                "No GitHub token in this browser: your edits are kept here. Paste a token in Program → Keep in GitHub.".into(),
            );
            return Outcome::Stop;
        };
        let token = Some(token.as_str());
        self.state.set(SyncState::Working);
        let mut base = self.base_of(&connection);
        pause().await;
        for _ in 0..3 {
            let fetched = fetch_file(&repo, token, self.cancel).await;
            if moved(self.doc) {
                return Outcome::Stop;
            }
            match fetched {
                Err(err) => return self.failed(&repo, err),
                Ok(Fetched::Missing) if connection.sha.is_some() => {
                    // Removed from the repository, or the repository is gone: tell which.
                    let reply = call("GET", &repo.repository_url(), None, token, self.cancel).await;
                    match repository_exists(&reply) {
                        Ok(true) => connection.sha = None,
                        Ok(false) => return self.failed(&repo, GitHubError::RepositoryGone),
                        Err(err) => return self.failed(&repo, err),
                    }
                }
                Ok(Fetched::Missing | Fetched::Large { .. }) => {}
                Ok(Fetched::File { sha, text }) => {
                    if connection.sha.as_deref() != Some(sha.as_str()) {
                        pause().await;
                        let remote = match read_program(&text) {
                            Ok(loaded) => loaded.program,
                            Err(err) => {
                                self.problem(format!(
                                    "{} in GitHub is not a program file this app can read ({err}). Nothing was written there; your edits are kept in this browser.",
                                    repo.label()
                                ));
                                return Outcome::Stop;
                            }
                        };
                        pause().await;
                        if moved(self.doc) {
                            return Outcome::Stop;
                        }
                        self.persistence.take_in(
                            base.as_ref(),
                            &remote,
                            OtherCopy::GitHub,
                            &format!("GitHub ({})", repo.label()),
                        );
                        pause().await;
                        connection.synced_text(sha, &text, now());
                        self.keep_base(&connection, &remote);
                        let _ = store.set_github_connection(&id, &connection);
                        self.connection.set(Some(connection.clone()));
                        base = Some(remote);
                        pause().await;
                        if moved(self.doc) {
                            return Outcome::Stop;
                        }
                    }
                }
            }
            let current = self.doc.program.get_untracked();
            if base.as_ref() == Some(&current) && connection.sha.is_some() {
                self.state
                    .set(SyncState::Saved(connection.synced.at().unwrap_or_else(now)));
                return Outcome::Done;
            }
            let message = commit_message(base.as_ref(), &current);
            pause().await;
            let text = write_program(&current);
            pause().await;
            let body = api::write_body(&text, &message, connection.sha.as_deref());
            pause().await;
            let reply = call("PUT", &repo.file_url(), Some(&body), token, self.cancel).await;
            if moved(self.doc) {
                return Outcome::Stop;
            }
            match read_write(&reply) {
                Ok(Written::Committed { sha }) => {
                    let at = now();
                    connection.synced_text(sha, &text, at);
                    self.keep_base(&connection, &current);
                    pause().await;
                    let _ = store.set_github_connection(&id, &connection);
                    self.connection.set(Some(connection));
                    // A copy outside this browser: the backup reminder has nothing to say.
                    self.persistence.mark_copied();
                    let waiting = self.job.wanted();
                    self.state.set(if waiting {
                        SyncState::Waiting
                    } else {
                        SyncState::Saved(at)
                    });
                    return Outcome::Committed;
                }
                // Someone else wrote it since it was read: read, merge and write again.
                Ok(Written::Stale) => continue,
                Err(err) => return self.failed(&repo, err),
            }
        }
        self.problem(format!(
            "{} kept changing while this browser wrote to it. Your edits are kept here and sent on the next try.",
            repo.label()
        ));
        Outcome::Retry
    }

    /// Links the open program to a file, as the connect panel found it.
    fn connect(&self, connection: Connection) {
        let id = self.doc.id.get_untracked();
        if let Some(store) = local_store() {
            let _ = store.set_github_connection(&id, &connection);
        }
        self.load();
        self.sync_now();
    }

    /// Unlinks the open program (the file stays in the repository).
    fn disconnect(&self) {
        if let Some(store) = local_store() {
            let _ = store.forget_github_connection(&self.doc.id.get_untracked());
        }
        self.job.cancel_timer();
        self.load();
    }
}

/// How a sync ended, for what comes next.
enum Outcome {
    /// A commit was made: the next one waits a minute.
    Committed,
    /// Nothing to write, or it was written without a commit.
    Done,
    /// A failure that may pass: try again in a minute.
    Retry,
    /// The person must act (or the program changed): wait for them.
    Stop,
}

/// The header's word on GitHub, with a way out when something is wrong.
#[component]
pub fn GitHubStatus() -> impl IntoView {
    let github = expect_github();
    let clock = super::pull::browser::minute_clock();
    view! {
        <div class="github-status" role="status">
            {move || {
                clock.track();
                match github.state.get() {
                    SyncState::Off => ().into_any(),
                    SyncState::Working => view! { <span>"Sending to GitHub…"</span> }.into_any(),
                    SyncState::Saved(at) => view! {
                        <span class="saved">{format!("✓ Saved to GitHub {}", clock_time(at))}</span>
                    }.into_any(),
                    SyncState::Waiting => view! {
                        <span>"Edits go to GitHub within a minute"</span>
                    }.into_any(),
                    SyncState::Problem(message) => view! {
                        <span class="sync-problem">
                            {format!("⚠ {message} ")}
                            <button type="button" on:click=move |_| github.sync_now()>"Try GitHub again"</button>
                        </span>
                    }.into_any(),
                }
            }}
        </div>
    }
}

/// What connecting found, shown before anything changes.
#[derive(Clone)]
struct Found {
    repo: Repo,
    sha: String,
    program: Program,
}

/// Program → "Keep in GitHub": connect the open program to a file in a repository (or open
/// the program a repository already holds), see where it is kept, and the read-only link.
#[component]
pub fn KeepInGitHub() -> impl IntoView {
    let doc = expect_document();
    let persistence = expect_persistence();
    let notices = expect_notices();
    let github = expect_github();
    let cancel = Cancel::new();
    let token_kept = RwSignal::new(local_store().and_then(|s| s.github_token()).is_some());
    let repository = RwSignal::new(String::new());
    let path = RwSignal::new(String::new());
    let api_base = RwSignal::new(DEFAULT_API.to_string());
    let token_input = NodeRef::<leptos::html::Input>::new();
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let found = RwSignal::new(None::<Found>);
    let default_path = move || doc.program.with(|p| default_path(&p.name));

    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed_path = path.get_untracked();
        let typed_path = if typed_path.trim().is_empty() {
            default_path()
        } else {
            typed_path
        };
        let repo = match Repo::parse(
            &api_base.get_untracked(),
            &repository.get_untracked(),
            &typed_path,
        ) {
            Ok(repo) => repo,
            Err(err) => {
                message.set(Some(err));
                return;
            }
        };
        let typed_token = token_input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        let token = match typed_token.trim() {
            "" => local_store().and_then(|s| s.github_token()),
            typed => Some(typed.to_string()),
        };
        let Some(token) = token else {
            message.set(Some(
                "Paste a fine-grained personal access token with Contents read and write on the repository."
                    .into(),
            ));
            return;
        };
        message.set(Some(format!("Connecting to {}…", repo.label())));
        busy.set(true);
        spawn_local(async move {
            let outcome = find(&repo, &token, cancel).await;
            busy.set(false);
            let keep_token = || {
                if let Some(store) = local_store() {
                    let _ = store.set_github_token(&token);
                }
                token_kept.set(true);
                if let Some(input) = token_input.get_untracked() {
                    input.set_value("");
                }
            };
            match outcome {
                Err(text) => message.set(Some(text)),
                Ok(None) => {
                    // A repository without the file: this program becomes it.
                    // The panel and the header say the rest ("Kept in GitHub: …", "Saved to
                    // GitHub 10:42").
                    keep_token();
                    message.set(None);
                    github.connect(Connection::new(repo));
                }
                Ok(Some(file)) => {
                    keep_token();
                    if doc.program.with_untracked(|p| *p == file.program) {
                        let mut connection = Connection::new(file.repo.clone());
                        connection.synced(file.sha, &file.program, now());
                        message.set(Some(format!(
                            "Connected to {}, which holds this very program.",
                            file.repo.label()
                        )));
                        github.connect(connection);
                    } else {
                        message.set(None);
                        found.set(Some(file));
                    }
                }
            }
        });
    };

    let open_found = move |_| {
        let Some(file) = found.get_untracked() else {
            return;
        };
        let id = store::new_id("p");
        let mut connection = Connection::new(file.repo.clone());
        connection.synced(file.sha.clone(), &file.program, now());
        if let Some(store) = local_store() {
            let _ = store.set_github_connection(&id, &connection);
        }
        found.set(None);
        persistence.save_new(&id, &file.program);
        notices.notify(
            format!(
                "Opened \"{}\" from GitHub ({}). It is kept there and in this browser.",
                file.program.name,
                file.repo.label()
            ),
            false,
        );
    };

    let forget_token = move |_| {
        if let Some(store) = local_store() {
            let _ = store.forget_github_token();
        }
        token_kept.set(false);
        message.set(Some(
            "The GitHub token is forgotten by this browser. Programs stay connected; paste a token to send them again.".into(),
        ));
    };

    let link = move || {
        github.connection.with(|c| {
            c.as_ref().map(|c| {
                let base = web_sys::window()
                    .and_then(|w| w.location().href().ok())
                    .map(|href| href.split('#').next().unwrap_or_default().to_string())
                    .unwrap_or_default();
                format!("{base}#{}", c.repo.link())
            })
        })
    };

    view! {
        <section class="github edit-only" aria-labelledby="github-title">
            <h3 id="github-title">"Keep in GitHub"</h3>
            {move || match github.connection.get() {
                Some(connection) => view! {
                    <p>
                        "Kept in GitHub: " <strong>{connection.repo.label()}</strong>
                        ". Every change is committed there (at most once a minute), and changes made elsewhere are merged in when this page opens or comes back into view."
                    </p>
                    <label class="block">
                        "Read-only link for colleagues (opens the current version; a private repository needs their own token)"
                        <input type="text" readonly prop:value=link size="48"/>
                    </label>
                    <div class="actions">
                        <button type="button" on:click=move |_| github.sync_now()>"Sync with GitHub now"</button>
                        <button type="button" on:click=move |_| github.disconnect()>"Disconnect from GitHub"</button>
                        <button type="button" prop:hidden=move || !token_kept.get() on:click=forget_token>"Forget the GitHub token"</button>
                    </div>
                }.into_any(),
                None => view! {
                    <p class="hint">
                        "Keep this program in a GitHub repository: every browser you connect sees the same program, edits made elsewhere are merged field by field, and nothing is lost if this browser's data is cleared. "
                        "Connecting a repository that already holds a program opens it here."
                    </p>
                    <form class="github-connect" aria-label="Keep in GitHub" on:submit=connect>
                        <label>"Repository (owner/name) "
                            <input type="text" spellcheck="false" placeholder="acme/programs" prop:value=move || repository.get()
                                on:input=move |ev| repository.set(event_target_value(&ev))/>
                        </label>
                        <label>"Path in the repository "
                            <input type="text" spellcheck="false" placeholder=default_path prop:value=move || path.get()
                                on:input=move |ev| path.set(event_target_value(&ev))/>
                        </label>
                        <label>"GitHub token "
                            <input type="password" node_ref=token_input autocomplete="off" spellcheck="false"
                                placeholder=move || if token_kept.get() { "kept here; paste a new one to replace it" } else { "github_pat_…" }/>
                        </label>
                        <p class="hint">"A fine-grained personal access token with Contents read and write on that repository only. It is kept in this browser alone, never in the program, a link or an export."</p>
                        <label>"GitHub API address "
                            <input type="url" spellcheck="false" prop:value=move || api_base.get()
                                on:input=move |ev| api_base.set(event_target_value(&ev))/>
                        </label>
                        <div class="actions">
                            <button type="submit" class="primary" disabled=move || busy.get()>"Connect to GitHub"</button>
                            <button type="button" prop:hidden=move || !token_kept.get() on:click=forget_token>"Forget the GitHub token"</button>
                        </div>
                    </form>
                }.into_any(),
            }}
            {shown(move || found.with(Option::is_some), move || {
                let file = found.get_untracked();
                let (label, name, items, reports) = file
                    .map(|f| (f.repo.label(), f.program.name.clone(), f.program.items.len(), f.program.reports.len()))
                    .unwrap_or_default();
                view! {
                    <div class="github-found" role="region" aria-label="Program found in GitHub">
                        <p>{format!(
                            "{label} already holds \u{201c}{name}\u{201d} ({items} items, {reports} published reports). Open it here as a program of this browser, kept in GitHub; the program open now stays as it is."
                        )}</p>
                        <button type="button" class="primary" on:click=open_found>"Open it here"</button>
                        <button type="button" on:click=move |_| found.set(None)>"Choose another path"</button>
                    </div>
                }.into_any()
            })}
            <p class="github-message" role="status">{move || message.get()}</p>
        </section>
    }
}

/// What is at `repo` for this token: `Ok(None)` when the repository is there without the
/// file; `Err` in words when it cannot be used.
async fn find(repo: &Repo, token: &str, cancel: Cancel) -> Result<Option<Found>, String> {
    let words = |err: GitHubError| err.message(repo, clock_time);
    match fetch_file(repo, Some(token), cancel).await.map_err(words)? {
        Fetched::File { sha, text } => match read_program(&text) {
            Ok(loaded) => Ok(Some(Found {
                repo: repo.clone(),
                sha,
                program: loaded.program,
            })),
            Err(err) => Err(format!(
                "{} is not a program file this app can read ({err}). Choose another path.",
                repo.label()
            )),
        },
        Fetched::Missing | Fetched::Large { .. } => {
            let reply = call("GET", &repo.repository_url(), None, Some(token), cancel).await;
            match repository_exists(&reply).map_err(words)? {
                true => Ok(None),
                false => Err(words(GitHubError::RepositoryGone)),
            }
        }
    }
}

/// Opens the current version a `#gh=owner/repo/path` link names, read-only. Returns false
/// when `hash` is no such link. Runs from the `hashchange` listener, so it is given the
/// contexts it uses.
pub fn open_link(
    hash: &str,
    doc: Document,
    persistence: Persistence,
    notices: Notices,
    github: GitHub,
) -> bool {
    let Some(parsed) = Repo::from_link(hash) else {
        return false;
    };
    let repo = match parsed {
        Ok(repo) => repo,
        Err(err) => {
            notices.notify(err, true);
            clean_address(Route::home());
            return true;
        }
    };
    spawn_local(async move {
        let token = local_store().and_then(|s| s.github_token());
        let fetched = fetch_file(&repo, token.as_deref(), github.link_cancel).await;
        let words = |err: GitHubError| err.message(&repo, clock_time);
        let loaded = match fetched {
            Ok(Fetched::File { text, .. }) => {
                read_program(&text).map_err(|err| format!("It is not a program file ({err})."))
            }
            Ok(Fetched::Missing | Fetched::Large { .. }) => Err(format!(
                "There is no program at {} that this browser may read. A private repository needs a token with read access, pasted in Program → Keep in GitHub.",
                repo.label()
            )),
            Err(err) => Err(words(err)),
        };
        match loaded {
            Ok(loaded) => {
                persistence.flush();
                let return_to = match doc.shared.get_untracked() {
                    Some(shared) => shared.return_to,
                    None => {
                        let id = doc.id.get_untracked();
                        (persistence.load(&id).is_some() && !persistence.has_unsaved())
                            .then_some(id)
                    }
                };
                doc.shared.set(Some(SharedView {
                    return_to,
                    from_github: Some(repo.label()),
                }));
                doc.program.set(loaded.program);
            }
            Err(why) => {
                notices.notify(
                    format!("The program in GitHub could not be opened. {why}"),
                    true,
                );
                clean_address(Route::home());
            }
        }
    });
    true
}

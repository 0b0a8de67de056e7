//! Saving the open program to a file on disk, where the browser has `showSaveFilePicker`
//! (Chromium; docs/format.md#file). The file's handle is kept in IndexedDB (the only
//! storage that can hold it); every change is written within 2 s; before each write the
//! file is read, and if it changed on disk (another machine, through OneDrive, Dropbox or
//! iCloud) it is merged three-way against the text last written, exactly as two tabs are.
//! After a reload the browser asks again before the page may write: the header says so and
//! offers the click that asks. Browsers without the picker keep "Download a backup".
//! The pure part is `store::FileLink` and the merge; this is only the browser's file API.

use std::time::Duration;

use chrono::{DateTime, Utc};
use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::files::file_stem;
use super::github::clock_time;
use super::job::Job;
use super::pull::browser::{now, pause};
use super::state::{
    expect_document, expect_persistence, local_store, Document, OtherCopy, Persistence,
};
use crate::model::{read_program, write_program};
use crate::store::FileLink;

/// How long after an edit the file is written (more edits in that time go with it).
const WRITE_AFTER: Duration = Duration::from_secs(1);
const DATABASE: &str = "throughline-files";
const HANDLES: &str = "handles";

/// What the header says about the file.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskState {
    /// The open program is not saved to a file.
    Off,
    Writing(String),
    Saved(String, DateTime<Utc>),
    /// After a reload: the browser asks before the page may write again.
    Asking(String),
    Problem(String),
}

// ---------------------------------------------------------------------------------------
// The browser's file and IndexedDB APIs, through `Reflect` (web-sys has no stable bindings
// for the file system access API).

fn window() -> Result<JsValue, JsValue> {
    web_sys::window()
        .map(JsValue::from)
        .ok_or_else(|| JsValue::from_str("no window"))
}

/// True when this browser can keep a file in step (`showSaveFilePicker`).
pub fn supported() -> bool {
    window().is_ok_and(|w| Reflect::has(&w, &"showSaveFilePicker".into()).unwrap_or(false))
}

fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    Reflect::apply(&method, target, &args.iter().collect::<Array>())
}

async fn call_async(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let promise: Promise = call(target, name, args)?.dyn_into()?;
    JsFuture::from(promise).await
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &(*name).into(), value);
    }
    object.into()
}

/// Waits for an IndexedDB request's `success` (its result) or `error`.
async fn done(request: JsValue) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = request.clone();
        let on_success = Closure::once_into_js(move || {
            let result = Reflect::get(&ok, &"result".into()).unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = Reflect::get(&failed, &"error".into()).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        let _ = Reflect::set(&request, &"onsuccess".into(), &on_success);
        let _ = Reflect::set(&request, &"onerror".into(), &on_error);
    });
    JsFuture::from(promise).await
}

async fn database() -> Result<JsValue, JsValue> {
    let factory = Reflect::get(&window()?, &"indexedDB".into())?;
    let request = call(&factory, "open", &[DATABASE.into(), 1.into()])?;
    let opening = request.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(db) = Reflect::get(&opening, &"result".into()) {
            let _ = call(&db, "createObjectStore", &[HANDLES.into()]);
        }
    });
    Reflect::set(&request, &"onupgradeneeded".into(), &on_upgrade)?;
    done(request).await
}

/// The handles store of one transaction.
async fn handles(mode: &str) -> Result<JsValue, JsValue> {
    let db = database().await?;
    let transaction = call(&db, "transaction", &[HANDLES.into(), mode.into()])?;
    call(&transaction, "objectStore", &[HANDLES.into()])
}

async fn keep_handle(program_id: &str, handle: &JsValue) -> Result<(), JsValue> {
    let store = handles("readwrite").await?;
    done(call(&store, "put", &[handle.clone(), program_id.into()])?).await?;
    Ok(())
}

async fn kept_handle(program_id: &str) -> Result<Option<JsValue>, JsValue> {
    let store = handles("readonly").await?;
    let handle = done(call(&store, "get", &[program_id.into()])?).await?;
    Ok((!handle.is_undefined() && !handle.is_null()).then_some(handle))
}

async fn forget_handle(program_id: &str) -> Result<(), JsValue> {
    let store = handles("readwrite").await?;
    done(call(&store, "delete", &[program_id.into()])?).await?;
    Ok(())
}

fn readwrite() -> JsValue {
    object(&[("mode", "readwrite".into())])
}

/// Whether the page may write to the file now ("granted"), or must ask ("prompt").
async fn permission(handle: &JsValue) -> bool {
    match call_async(handle, "queryPermission", &[readwrite()]).await {
        Ok(answer) => answer.as_string().as_deref() == Some("granted"),
        // A browser without the query lets the write itself say.
        Err(_) => true,
    }
}

async fn read_text(handle: &JsValue) -> Result<String, JsValue> {
    let file = call_async(handle, "getFile", &[]).await?;
    Ok(call_async(&file, "text", &[])
        .await?
        .as_string()
        .unwrap_or_default())
}

async fn write_text(handle: &JsValue, text: &str) -> Result<(), JsValue> {
    let writable = call_async(handle, "createWritable", &[]).await?;
    call_async(&writable, "write", &[text.into()]).await?;
    call_async(&writable, "close", &[]).await?;
    Ok(())
}

fn error_text(err: &JsValue) -> String {
    Reflect::get(err, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

// ---------------------------------------------------------------------------------------
// The sync

/// The open program's file and its writes.
#[derive(Clone, Copy)]
pub struct Disk {
    doc: Document,
    persistence: Persistence,
    pub link: RwSignal<Option<FileLink>>,
    pub state: RwSignal<DiskState>,
    handle: StoredValue<Option<JsValue>, leptos::prelude::LocalStorage>,
    /// One write at a time; one asked for while one runs runs after.
    job: Job,
    /// Writes failed in a row: a read that met another program's write is tried again a
    /// few times by itself.
    failures: StoredValue<u8>,
}

/// How many failed writes in a row are tried again by themselves.
const RETRIES: u8 = 3;

pub fn expect_disk() -> Disk {
    expect_context::<Disk>()
}

impl Disk {
    /// Provides the file sync for the whole app and follows the open program.
    pub fn provide() -> Disk {
        let disk = Disk {
            doc: expect_document(),
            persistence: expect_persistence(),
            link: RwSignal::new(None),
            state: RwSignal::new(DiskState::Off),
            handle: StoredValue::new_local(None),
            job: Job::new(),
            failures: StoredValue::new(0),
        };
        provide_context(disk);
        let doc = disk.doc;
        Effect::new(move |_| {
            doc.id.track();
            doc.shared.track();
            disk.load();
        });
        Effect::new(move |first: Option<()>| {
            doc.program.track();
            if first.is_some() {
                disk.request_write();
            }
        });
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| !d.hidden());
            if visible && matches!(disk.state.get_untracked(), DiskState::Saved(..)) {
                disk.start();
            }
        });
        disk
    }

    fn linked(&self) -> bool {
        !self.doc.read_only() && self.link.with_untracked(Option::is_some)
    }

    /// Reads the open program's link and its handle; reads the file if the browser lets it.
    fn load(&self) {
        let id = self.doc.id.get_untracked();
        let link = if self.doc.read_only() {
            None
        } else {
            local_store().and_then(|s| s.file_link(&id))
        };
        self.handle.set_value(None);
        let Some(link) = link else {
            self.link.set(None);
            self.state.set(DiskState::Off);
            return;
        };
        let name = link.name.clone();
        self.link.set(Some(link));
        let this = *self;
        spawn_local(async move {
            match kept_handle(&id).await {
                Ok(Some(handle)) => {
                    if this.doc.id.get_untracked() != id {
                        return;
                    }
                    let allowed = permission(&handle).await;
                    this.handle.set_value(Some(handle));
                    if allowed {
                        this.start();
                    } else {
                        this.state.set(DiskState::Asking(name));
                    }
                }
                _ => this.state.set(DiskState::Problem(format!(
                    "This browser no longer knows where {name} is. Your edits are kept here; choose the file again with Program → Save to a file…"
                ))),
            }
        });
    }

    fn request_write(&self) {
        if !self.linked() || matches!(self.state.get_untracked(), DiskState::Asking(_)) {
            return;
        }
        if self.job.busy() {
            self.job.want();
            return;
        }
        let this = *self;
        self.job.schedule(WRITE_AFTER, move || this.start());
    }

    fn start(&self) {
        if !self.job.begin() {
            return;
        }
        let this = *self;
        spawn_local(async move {
            this.write().await;
            let again = this.job.end();
            let failed = matches!(this.state.get_untracked(), DiskState::Problem(_));
            let failures = if failed {
                this.failures.get_value() + 1
            } else {
                0
            };
            this.failures.set_value(failures);
            if again || (failed && failures <= RETRIES) {
                this.request_write();
            }
        });
    }

    /// Reads the file, merges what changed on disk, and writes what is new here.
    async fn write(&self) {
        let id = self.doc.id.get_untracked();
        let (Some(mut link), Some(handle)) = (
            local_store().and_then(|s| s.file_link(&id)),
            self.handle.get_value(),
        ) else {
            return;
        };
        if self.doc.read_only() {
            return;
        }
        let name = link.name.clone();
        let moved = |doc: Document| doc.read_only() || doc.id.get_untracked() != id;
        let failed = |err: JsValue| {
            DiskState::Problem(format!(
                "{name} could not be written ({}). Your edits are kept in this browser; Program → Save to a file… picks it again.",
                error_text(&err)
            ))
        };
        self.state.set(DiskState::Writing(name.clone()));
        let on_disk = match read_text(&handle).await {
            Ok(text) => text,
            Err(err) => return self.state.set(failed(err)),
        };
        if moved(self.doc) {
            return;
        }
        if !link.synced.is_empty() && !link.synced.is(&on_disk) && !on_disk.trim().is_empty() {
            match read_program(&on_disk) {
                Ok(loaded) => {
                    self.persistence.take_in(
                        link.synced.program().as_ref(),
                        &loaded.program,
                        OtherCopy::File,
                        &format!("the file {name}"),
                    );
                    link.synced.record(&on_disk, now());
                    pause().await;
                }
                Err(err) => {
                    return self.state.set(DiskState::Problem(format!(
                        "{name} changed on disk and is no longer a program file this app can read ({err}). It was not overwritten; your edits are kept in this browser."
                    )));
                }
            }
        }
        // Long steps at 1,000 items are separated by pauses: keys are answered meanwhile.
        pause().await;
        let text = self.doc.program.with_untracked(write_program);
        pause().await;
        let unchanged = link.synced.is(&text) && on_disk == text;
        if !unchanged {
            if let Err(err) = write_text(&handle, &text).await {
                return self.state.set(failed(err));
            }
        }
        if moved(self.doc) {
            return;
        }
        let at = now();
        if !link.synced.is(&text) {
            link.synced.record(&text, at);
            pause().await;
        }
        if let Some(store) = local_store() {
            let _ = store.set_file_link(&id, &link);
        }
        self.link.set(Some(link));
        self.persistence.mark_copied();
        self.state.set(DiskState::Saved(name, at));
    }

    /// "Save to a file…": the person picks a file; the program is written to it now and on
    /// every change after.
    pub fn choose(&self) {
        let this = *self;
        let name = self.doc.program.with_untracked(|p| file_stem(&p.name));
        spawn_local(async move {
            let Ok(window) = window() else { return };
            let types = Array::of1(&object(&[
                ("description", "Throughline program".into()),
                (
                    "accept",
                    object(&[("application/json", Array::of1(&".json".into()).into())]),
                ),
            ]));
            let options = object(&[
                ("suggestedName", format!("{name}.json").into()),
                ("types", types.into()),
            ]);
            let handle = match call_async(&window, "showSaveFilePicker", &[options]).await {
                Ok(handle) => handle,
                // Cancelled by the person: nothing changes.
                Err(_) => return,
            };
            let id = this.doc.id.get_untracked();
            let file_name = Reflect::get(&handle, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_else(|| format!("{name}.json"));
            if let Err(err) = keep_handle(&id, &handle).await {
                this.state.set(DiskState::Problem(format!(
                    "This browser cannot remember {file_name} ({}). Use Download a backup instead.",
                    error_text(&err)
                )));
                return;
            }
            if let Some(store) = local_store() {
                let _ = store.set_file_link(&id, &FileLink::new(&file_name));
            }
            this.link.set(local_store().and_then(|s| s.file_link(&id)));
            this.handle.set_value(Some(handle));
            this.start();
        });
    }

    /// The click that lets the page write again after a reload.
    pub fn allow(&self) {
        let Some(handle) = self.handle.get_value() else {
            return;
        };
        let this = *self;
        spawn_local(async move {
            let answer = call_async(&handle, "requestPermission", &[readwrite()]).await;
            if answer.ok().and_then(|a| a.as_string()).as_deref() == Some("granted") {
                this.start();
            }
        });
    }

    /// "Stop saving to …": the file stays as it is.
    pub fn stop(&self) {
        let id = self.doc.id.get_untracked();
        if let Some(store) = local_store() {
            let _ = store.forget_file_link(&id);
        }
        spawn_local(async move {
            let _ = forget_handle(&id).await;
        });
        self.load();
    }
}

/// The header's word on the file, with the click a reload needs.
#[component]
pub fn DiskStatus() -> impl IntoView {
    let disk = expect_disk();
    view! {
        <div class="file-status" role="status">
            {move || match disk.state.get() {
                DiskState::Off => ().into_any(),
                DiskState::Writing(name) => view! { <span>{format!("Saving to {name}…")}</span> }.into_any(),
                DiskState::Saved(name, at) => view! {
                    <span class="saved">{format!("✓ Saved to {name} {}", clock_time(at))}</span>
                }.into_any(),
                DiskState::Asking(name) => view! {
                    <span class="save-warning">
                        {format!("⚠ The browser asks again after a reload before this page may write to {name}; your edits are kept here until then. ")}
                        <button type="button" on:click=move |_| disk.allow()>{format!("Allow saving to {name}")}</button>
                    </span>
                }.into_any(),
                DiskState::Problem(message) => view! {
                    <span class="sync-problem">{format!("⚠ {message}")}</span>
                }.into_any(),
            }}
        </div>
    }
}

/// Program → Files: "Save to a file…" where the browser can, or what it is saved to.
#[component]
pub fn SaveToFile() -> impl IntoView {
    let disk = expect_disk();
    if !supported() {
        return view! {
            <p class="hint">"This browser cannot keep a file in step with the program (Chromium-based browsers can): export a copy or download a backup now and then."</p>
        }
        .into_any();
    }
    view! {
        {move || match disk.link.get() {
            Some(link) => view! {
                <p>
                    "Saved to a file: " <strong>{link.name.clone()}</strong>
                    ". Every change is written to it; if it changes on disk (another machine, through a synced folder), the changes are merged in."
                </p>
                <button type="button" on:click=move |_| disk.stop()>{format!("Stop saving to {}", link.name)}</button>
            }.into_any(),
            None => view! {
                <button type="button" on:click=move |_| disk.choose()>"Save to a file…"</button>
                <span class="hint">" Keeps a .json file (in a synced folder, it reaches your other machines) written on every change."</span>
            }.into_any(),
        }}
    }
    .into_any()
}

//! The decision store: an append-only SQLite log of decision events (WAL, synchronous=FULL).
//! Touches only the state file (and SQLite's `-wal`/`-shm` next to it), never the terminal
//! and never the user's export. `record` returns only after the event is durable.
//!
//! Every accept, ignore, reclassify, undo and redo is a row in `events`, with its time and
//! the export it came from; the current decisions are derived from the log ([`replay`]), so
//! history is never rewritten. Events written by one call share an undo group, which `undo`
//! reverts as one step.

mod replay;
mod schema;
mod seen;

use std::cell::RefCell;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior, params};
use serde::Serialize;

use crate::model::Overrides;
use crate::model::{Class, Verdict};
use replay::{Event, EventKind, Log, State};
pub use schema::CURRENT_VERSION as SCHEMA_VERSION;
pub use seen::LoadSeen;

/// The id of one event in the log.
pub type EventId = i64;

/// Who a decision is about; stored with every event so exports stay readable without the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// [`crate::model::Invitation::key`].
    pub key: String,
    pub name: String,
    pub profile_url: Option<String>,
}

/// What the user did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Decide(Verdict),
    /// Override the classifier: this invitation is of this class.
    Reclassify(Class),
}

impl Action {
    /// The verb for messages: "accept", "ignore", "mark as personal".
    pub fn describe(self) -> String {
        match self {
            Action::Decide(v) => v.as_str().to_string(),
            Action::Reclassify(c) => format!("mark as {}", c.as_str()),
        }
    }
}

/// One event to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub subject: Subject,
    pub action: Action,
    /// The classifier's class at decision time.
    pub class: Option<Class>,
    /// Where the invitation was seen: the export's source label.
    pub export: String,
    pub at: DateTime<Utc>,
}

/// The decision currently in effect for one invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub key: String,
    pub name: String,
    pub profile_url: Option<String>,
    pub verdict: Verdict,
    pub decided_at: DateTime<Utc>,
    /// The user's override if there is one, else the classifier's class when deciding.
    pub class: Option<Class>,
    /// The export the deciding event came from.
    pub export: String,
}

/// What an undo or redo changed, for the status line ("Undid: accept Ana Alvarez").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Everyone the group was about, in the order decided.
    pub subjects: Vec<Subject>,
    /// The action of the group's first event (a group from `decide` has one action).
    pub action: Action,
}

impl Change {
    /// "accept Ana Alvarez", "mark Ana Alvarez as personal",
    /// "ignore 12 invitations (Ana Alvarez, Ben Okafor, Chen Wei, …)".
    pub fn describe(&self) -> String {
        let who = match self.subjects.as_slice() {
            [one] => one.name.clone(),
            many => {
                let shown: Vec<&str> = many.iter().take(3).map(|s| s.name.as_str()).collect();
                let more = if many.len() > 3 { ", …" } else { "" };
                format!("{} invitations ({}{more})", many.len(), shown.join(", "))
            }
        };
        match self.action {
            Action::Decide(v) => format!("{} {who}", v.as_str()),
            Action::Reclassify(c) => format!("mark {who} as {}", c.as_str()),
        }
    }
}

/// Why the store could not be opened, read or written. Plain data, so a front-end can carry
/// it in its own messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub path: PathBuf,
    /// What went wrong and what the user can do about it.
    pub problem: String,
    bad_input: bool,
}

impl StoreError {
    /// A problem with the file or its place that the user must fix (exit code 2).
    fn user(path: &Path, problem: impl Into<String>) -> Self {
        StoreError {
            path: path.to_path_buf(),
            problem: problem.into(),
            bad_input: true,
        }
    }

    /// Anything else: a failed fsync, a bug (exit code 1).
    fn other(path: &Path, problem: impl Into<String>) -> Self {
        StoreError {
            path: path.to_path_buf(),
            problem: problem.into(),
            bad_input: false,
        }
    }

    /// True for problems the user must fix (corrupt file, read-only dir, a lock held too long,
    /// a full disk), as opposed to bugs.
    pub fn is_bad_input(&self) -> bool {
        self.bad_input
    }

    /// Phrase an SQLite failure for the user: what happened to which file, and what to do.
    fn sql(path: &Path, doing: &str, e: rusqlite::Error) -> Self {
        let file = crate::sanitize::path(path);
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::user(
                path,
                format!(
                    "not an SQLite database, so not an invitriage state file (or its first page is damaged). \
                     It was left untouched. If it is your state, move it aside (`mv '{file}' '{file}.broken'`) \
                     and try `sqlite3 '{file}.broken' .recover | sqlite3 '{file}'`; to start afresh, move it aside \
                     or choose another file with --state PATH"
                ),
            ),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::user(
                path,
                format!(
                    "the state file is damaged ({doing}: {e}). It was left untouched and your decisions are \
                     still in it: move it aside (`mv '{file}' '{file}.broken'`), then rescue them with \
                     `sqlite3 '{file}.broken' .recover | sqlite3 '{file}'`"
                ),
            ),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::user(path, not_writable(path, doing, &e))
            }
            // A held lock and a full disk are the user's to fix, like a read-only directory:
            // exit code 2, as documented in docs/STORE.md.
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::user(
                path,
                format!(
                    "in use while {doing}: another process held its write lock too long (another \
                     invitriage, or a sqlite3 shell with an open transaction?). Close it and try again"
                ),
            ),
            Some(ErrorCode::DiskFull) => StoreError::user(
                path,
                format!(
                    "{doing}: the disk is full; nothing was recorded. Free some space and try again"
                ),
            ),
            _ => StoreError::other(path, format!("{doing}: {e}")),
        }
    }
}

/// Explain a refused write: a read-only directory or file is the usual cause.
fn not_writable(path: &Path, doing: &str, e: &dyn fmt::Display) -> String {
    let dir = parent_dir(path);
    let ro = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let why = if ro(path) {
        "the file is read-only".to_string()
    } else if ro(&dir) {
        format!("its directory {} is read-only", crate::sanitize::path(&dir))
    } else {
        format!("{e}")
    };
    format!(
        "cannot write the state file ({doing}: {why}). invitriage needs to write the file and \
         create `-wal` and `-shm` files next to it. Make {} writable, or keep your decisions \
         elsewhere with --state PATH or $INVITRIAGE_STATE",
        crate::sanitize::path(&dir)
    )
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `state.sqlite3-wal` for `state.sqlite3`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An SQLite URI opening `path` read-only as immutable (no locks, no `-shm`).
fn immutable_uri(path: &Path) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let enc = percent_encoding::percent_encode(&bytes, KEEP);
    format!("file:{enc}?immutable=1")
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", crate::sanitize::path(&self.path), self.problem)
    }
}

impl std::error::Error for StoreError {}

/// Called once per lock wait, when a write has been blocked for a moment by another process:
/// with the state path and how long the store will keep waiting in total.
pub type WaitNotice = Box<dyn FnMut(&Path, Duration) + Send>;

/// How [`Store::open_with`] behaves when another process holds the write lock.
pub struct OpenOptions {
    /// Give up (with a clear error) after waiting this long for one lock.
    pub lock_wait: Duration,
    /// Told when a wait starts to be noticeable, so the caller can say why it pauses.
    pub on_wait: Option<WaitNotice>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            lock_wait: Duration::from_secs(30),
            on_wait: None,
        }
    }
}

/// After this long blocked on a lock, the wait notice fires.
const NOTICE_AFTER: Duration = Duration::from_millis(250);

/// The open decision store.
pub struct Store {
    path: PathBuf,
    conn: Connection,
    /// The SQL for an event's group column: `grp`, or `id` in a v1 file opened read-only.
    group_col: &'static str,
    read_only: bool,
    /// The log as read so far and the state derived from it; refreshed when another
    /// connection commits (`PRAGMA data_version`) or after our own writes.
    cache: RefCell<Cache>,
    /// Said once at open, for the caller to show: e.g. a state other users can read.
    warnings: Vec<String>,
}

// The app may hand the store to a worker thread.
const _: fn() = || {
    fn is_send<T: Send>() {}
    is_send::<Store>();
};

#[derive(Default)]
struct Cache {
    log: Log,
    state: Option<State>,
    data_version: Option<i64>,
}

impl Store {
    /// Open the store at `path` for reading and writing: create its directory and file if
    /// missing, and upgrade an older schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, OpenOptions::default())
    }

    /// [`Store::open`] with lock-wait behaviour.
    pub fn open_with(path: &Path, opts: OpenOptions) -> Result<Store, StoreError> {
        refuse_non_database(path)?;
        let existed = path.exists();
        let dir = parent_dir(path);
        // Directories about to be created, whose names must be made durable too.
        let new_dirs: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        create_private_dir(&dir).map_err(|e| {
            StoreError::user(
                path,
                format!(
                    "cannot create the directory {} ({e}). Make it writable, or keep your \
                     decisions elsewhere with --state PATH or $INVITRIAGE_STATE",
                    crate::sanitize::path(&dir)
                ),
            )
        })?;
        if !existed {
            // Created by us, owner-only, before SQLite sees it: SQLite gives the `-wal` and
            // `-shm` files the database file's permissions, so they are owner-only too.
            create_private_file(path).map_err(|e| {
                StoreError::user(path, not_writable(path, "creating the state file", &e))
            })?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sql(path, "opening", e))?;
        install_busy_handler(&mut conn, path, opts)?;
        let found = schema::inspect(&conn).map_err(|e| StoreError::sql(path, "reading", e))?;
        check_identity(path, found)?;
        // Switching a new file to WAL needs an exclusive lock, and SQLite answers BUSY at once
        // (without the busy handler) when another process is creating the same file: retry.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mode: String = loop {
            match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    ) && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => {
                    break other.map_err(|e| StoreError::sql(path, "switching to WAL mode", e))?;
                }
            }
        };
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::other(
                path,
                format!(
                    "SQLite refused WAL mode (got {mode:?}); is the file on a network file system?"
                ),
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| StoreError::sql(path, "setting synchronous=FULL", e))?;
        quick_check(&conn, path)?;
        match found {
            schema::Found::Ours(v) if v == schema::CURRENT_VERSION => {}
            schema::Found::Ours(v) => schema::migrate(&mut conn, v)
                .map_err(|e| StoreError::sql(path, &format!("upgrading from schema v{v}"), e))?,
            _ => schema::migrate(&mut conn, 0)
                .map_err(|e| StoreError::sql(path, "creating the schema", e))?,
        }
        if !existed {
            // SQLite syncs the directory when it creates the -wal file, but not for the
            // database file itself: make the new file's name durable too.
            for d in std::iter::once(dir.clone()).chain(new_dirs.iter().map(|d| parent_dir(d))) {
                sync_dir(&d).map_err(|e| {
                    StoreError::other(path, format!("syncing {}: {e}", crate::sanitize::path(&d)))
                })?;
            }
        }
        Ok(Store::wrap(
            path,
            conn,
            schema::group_column(schema::CURRENT_VERSION),
            false,
        ))
    }

    /// Open an existing store without changing anything (no schema upgrade, no new file):
    /// `Ok(None)` when there is no state file yet. Writes fail.
    pub fn open_read_only(path: &Path) -> Result<Option<Store>, StoreError> {
        // `exists()` would call a file behind an unreadable directory "missing" and report no
        // decisions; only a real NotFound means there is no state yet.
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => refuse_non_database(path)?,
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let attempt = |conn: rusqlite::Result<Connection>| {
            let conn = conn?;
            let found = schema::inspect(&conn)?;
            Ok::<_, rusqlite::Error>((conn, found))
        };
        let (mut conn, found) = match attempt(Connection::open_with_flags(path, flags)) {
            Ok(ok) => ok,
            // A WAL file can only be read with its `-shm` index, which SQLite can't create in a
            // read-only directory. Without a `-wal` file no writer is active (none could be,
            // in a directory it can't write), so the file alone is the whole state: read it as
            // immutable.
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
                ) && !sidecar(path, "-wal").exists() =>
            {
                attempt(Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                ))
                .map_err(|e| StoreError::sql(path, "reading", e))?
            }
            Err(e) => return Err(StoreError::sql(path, "reading", e)),
        };
        install_busy_handler(&mut conn, path, OpenOptions::default())?;
        check_identity(path, found)?;
        quick_check(&conn, path)?;
        match found {
            schema::Found::Ours(v) => {
                Ok(Some(Store::wrap(path, conn, schema::group_column(v), true)))
            }
            // An empty file: nothing decided yet.
            _ => Ok(None),
        }
    }

    fn wrap(path: &Path, conn: Connection, group_col: &'static str, read_only: bool) -> Store {
        Store {
            path: path.to_path_buf(),
            conn,
            group_col,
            read_only,
            cache: RefCell::new(Cache::default()),
            warnings: exposure(path),
        }
    }

    /// `~/.local/share/invitriage/state.sqlite3` on Linux, the platform's data dir elsewhere.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "invitriage")
            .map(|d| d.data_dir().join("state.sqlite3"))
    }

    /// The state file to use: `--state` (or `$INVITRIAGE_STATE`, which clap reads into the
    /// same argument), else [`Store::default_path`].
    pub fn resolve(state: Option<&Path>) -> Result<PathBuf, StoreError> {
        match state {
            Some(p) if !p.as_os_str().is_empty() => Ok(p.to_path_buf()),
            _ => Store::default_path().ok_or_else(|| {
                StoreError::user(
                    Path::new("(no data directory)"),
                    "cannot find a data directory for the decision store (is $HOME set?); \
                     choose a file with --state PATH or $INVITRIAGE_STATE",
                )
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Problems found at open that are not errors, phrased for the user: today, a state
    /// file other users can read or write. The caller shows them (the store never prints).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Append one event; it is committed and fsynced before this returns.
    pub fn record(&mut self, ev: &NewEvent) -> Result<EventId, StoreError> {
        let ids = self.record_many(std::slice::from_ref(ev))?;
        Ok(ids[0])
    }

    /// Append several events in one transaction, as one undo group. Nothing is written for
    /// an empty slice.
    pub fn record_many(&mut self, evs: &[NewEvent]) -> Result<Vec<EventId>, StoreError> {
        if evs.is_empty() {
            return Ok(Vec::new());
        }
        check_keys(&self.path, evs)?;
        self.write(|tx, base| insert_events(tx, base, evs))
    }

    /// Append, as one undo group in one transaction, the events whose invitation has no
    /// decision in effect *inside that transaction*: the check and the write happen under
    /// one write lock (`BEGIN IMMEDIATE`), so two runs deciding the same invitations at
    /// once can never both claim one, and a step is never partly applied.
    pub fn record_undecided(&mut self, evs: &[NewEvent]) -> Result<Undecided, StoreError> {
        check_keys(&self.path, evs)?;
        let group_col = self.group_col;
        // Bring the log up to date inside the transaction, starting from what was read.
        let mut log = std::mem::take(&mut self.cache.get_mut().log);
        let result = self.write(|tx, base| {
            load_events(tx, group_col, log.last_id(), &mut log)?;
            let state = log.state();
            let mut out = Undecided::default();
            let mut fresh = Vec::with_capacity(evs.len());
            for (i, ev) in evs.iter().enumerate() {
                match state.index.get(&ev.subject.key) {
                    Some(&d) => out.already.push((i, state.decisions[d].clone())),
                    None => {
                        out.recorded.push(i);
                        fresh.push(ev.clone());
                    }
                }
            }
            insert_events(tx, base, &fresh)?;
            Ok(out)
        });
        // Every event loaded was committed by someone; ours are read back on the next read.
        self.cache.get_mut().log = log;
        result
    }

    /// Revert the newest group still in effect by appending an undo event. `None` when there
    /// is nothing to undo.
    pub fn undo(&mut self, at: DateTime<Utc>) -> Result<Option<Change>, StoreError> {
        self.undo_redo(at, "undo")
    }

    /// Re-apply the most recently undone group, if nothing was recorded since.
    pub fn redo(&mut self, at: DateTime<Utc>) -> Result<Option<Change>, StoreError> {
        self.undo_redo(at, "redo")
    }

    fn undo_redo(&mut self, at: DateTime<Utc>, op: &str) -> Result<Option<Change>, StoreError> {
        let group_col = self.group_col;
        let mut change = None;
        self.write(|tx, base| {
            // Read the log inside the write lock, so a concurrent writer can't slip in a
            // group between choosing the target and appending the undo.
            let mut log = Log::default();
            load_events(tx, group_col, 0, &mut log)?;
            let target = if op == "undo" {
                log.undo_target()
            } else {
                log.redo_target()
            };
            let Some(target) = target else {
                return Ok(Vec::new());
            };
            change = log.change(target);
            tx.execute(
                "INSERT INTO events (id, grp, at, op, target) VALUES (?1, ?1, ?2, ?3, ?4)",
                params![base, fmt_time(at), op, target],
            )?;
            Ok(vec![base])
        })?;
        Ok(change)
    }

    /// One write transaction: takes the write lock up front (waiting for another process if
    /// needed), gives `f` the next free event id, commits durably, and marks the cache stale.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>, EventId) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::other(
                &self.path,
                "opened read-only; nothing can be recorded",
            ));
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sql(&path, "recording", e))?;
        let out = (|| {
            let base: EventId =
                tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM events", [], |r| {
                    r.get(0)
                })?;
            let out = f(&tx, base)?;
            tx.commit()?;
            Ok(out)
        })()
        .map_err(|e| StoreError::sql(&path, "recording", e));
        // Our own commits don't change data_version; force a re-read either way.
        self.cache.get_mut().state = None;
        self.cache.get_mut().data_version = None;
        out
    }

    /// The decision in effect for one invitation key.
    pub fn current(&self, key: &str) -> Result<Option<Decision>, StoreError> {
        self.with_state(|s| s.index.get(key).map(|&i| s.decisions[i].clone()))
    }

    /// Every decision in effect, oldest first.
    pub fn all(&self) -> Result<Vec<Decision>, StoreError> {
        self.with_state(|s| s.decisions.clone())
    }

    /// The user's classification overrides, by invitation key.
    pub fn overrides(&self) -> Result<Overrides, StoreError> {
        self.with_state(|s| s.overrides.clone())
    }

    /// The view settings last saved for `export` (opaque to the store), if any. A file from
    /// before they existed (opened read-only, unmigrated) has none.
    pub fn view_settings(&self, export: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'view_settings'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map_err(|e| StoreError::sql(&self.path, "reading", e))?
            > 0;
        if !has_table {
            return Ok(None);
        }
        self.conn
            .query_row(
                "SELECT settings FROM view_settings WHERE export = ?1",
                [export],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| StoreError::sql(&self.path, "reading", e))
    }

    /// Save how `export` is viewed, replacing what was saved before.
    pub fn save_view_settings(
        &mut self,
        export: &str,
        settings: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if self.read_only {
            return Ok(());
        }
        self.conn
            .execute(
                "INSERT INTO view_settings (export, settings, at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (export) DO UPDATE SET settings = excluded.settings, at = excluded.at",
                rusqlite::params![export, settings, at.to_rfc3339()],
            )
            .map_err(|e| StoreError::sql(&self.path, "writing", e))?;
        Ok(())
    }

    /// True when `undo` would change something.
    pub fn can_undo(&self) -> Result<bool, StoreError> {
        self.refresh()?;
        Ok(self.cache.borrow().log.undo_target().is_some())
    }

    /// True when `redo` would change something.
    pub fn can_redo(&self) -> Result<bool, StoreError> {
        self.refresh()?;
        Ok(self.cache.borrow().log.redo_target().is_some())
    }

    fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> Result<T, StoreError> {
        self.refresh()?;
        let mut cache = self.cache.borrow_mut();
        let cache = &mut *cache;
        let state = cache.state.get_or_insert_with(|| cache.log.state());
        Ok(f(state))
    }

    /// Read events appended since the last read, by us or by another process.
    fn refresh(&self) -> Result<(), StoreError> {
        let mut cache = self.cache.borrow_mut();
        // Called on every read, so the statement is cached.
        let version: i64 = self
            .conn
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .map_err(|e| StoreError::sql(&self.path, "reading", e))?;
        if cache.data_version == Some(version) && cache.state.is_some() {
            return Ok(());
        }
        let after = cache.log.last_id();
        let n = load_events(&self.conn, self.group_col, after, &mut cache.log)
            .map_err(|e| StoreError::sql(&self.path, "reading", e))?;
        if n > 0 {
            cache.state = None;
        }
        cache.data_version = Some(version);
        if cache.state.is_none() {
            let state = cache.log.state();
            cache.state = Some(state);
        }
        Ok(())
    }
}

/// What [`Store::record_undecided`] did with each event, by index into its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undecided {
    /// Recorded, in input order.
    pub recorded: Vec<usize>,
    /// Not recorded: the decision already in effect (another run may just have made it).
    pub already: Vec<(usize, Decision)>,
}

fn check_keys(path: &Path, evs: &[NewEvent]) -> Result<(), StoreError> {
    match evs.iter().find(|e| e.subject.key.trim().is_empty()) {
        Some(bad) => Err(StoreError::other(
            path,
            format!(
                "refusing to record a decision without a key (about {:?})",
                bad.subject.name
            ),
        )),
        None => Ok(()),
    }
}

/// Insert `evs` as one group whose id is `base`; returns their ids.
fn insert_events(
    tx: &rusqlite::Transaction<'_>,
    base: EventId,
    evs: &[NewEvent],
) -> rusqlite::Result<Vec<EventId>> {
    let mut ids = Vec::with_capacity(evs.len());
    for (i, ev) in evs.iter().enumerate() {
        let id = base + i as i64;
        let (op, new_class) = match ev.action {
            Action::Decide(v) => (v.as_str(), None),
            Action::Reclassify(c) => ("reclassify", Some(c.as_str())),
        };
        tx.execute(
            "INSERT INTO events (id, grp, at, op, key, name, profile_url, class, new_class, export)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                base,
                fmt_time(ev.at),
                op,
                ev.subject.key,
                ev.subject.name,
                ev.subject.profile_url,
                ev.class.map(Class::as_str),
                new_class,
                ev.export,
            ],
        )?;
        ids.push(id);
    }
    Ok(ids)
}

/// Refuse early, with our own words, a path that is a directory or a file that is clearly not
/// SQLite (an export ZIP or CSV given as `--state` by mistake). An empty file is fine: SQLite
/// treats it as a new database.
fn refuse_non_database(path: &Path) -> Result<(), StoreError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(StoreError::user(
                path,
                format!("cannot read the state file: {e}"),
            ));
        }
    };
    if meta.is_dir() {
        return Err(StoreError::user(
            path,
            "is a directory; --state takes the path of a state file, e.g. DIR/state.sqlite3",
        ));
    }
    // A FIFO would block the first read forever, and SQLite would create `-journal` files
    // next to a device (`/dev/null-journal`): only a regular file is a state file. The same
    // holds for the `-wal` and `-shm` files SQLite opens next to it.
    for (p, what) in [
        (path.to_path_buf(), "the state file"),
        (sidecar(path, "-wal"), "its -wal file"),
        (sidecar(path, "-shm"), "its -shm file"),
    ] {
        match std::fs::metadata(&p) {
            Ok(m) if !m.is_file() => {
                return Err(StoreError::user(
                    path,
                    format!(
                        "{what} {} is {}, not a regular file. --state takes the path of a \
                         state file (invitriage writes only that file and its -wal and -shm \
                         files next to it), e.g. DIR/state.sqlite3",
                        crate::sanitize::path(&p),
                        file_kind(&m)
                    ),
                ));
            }
            _ => {}
        }
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|e| {
            StoreError::user(
                path,
                format!(
                    "cannot read the state file: {e}. Check its permissions (it is yours and \
                     holds your decisions), or choose another file with --state PATH"
                ),
            )
        })?;
    if n > 0 && head[..n] != b"SQLite format 3\0"[..n] {
        return Err(StoreError::sql(
            path,
            "opening",
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
                None,
            ),
        ));
    }
    Ok(())
}

/// "a named pipe (FIFO)", "a socket", "a device", for a path that is not a regular file.
fn file_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if m.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Create `dir` and its missing parents, each readable by its owner only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Create an empty state file readable by its owner only; one that appeared meanwhile (another
/// process creating the same state) is left as it is.
fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(drop),
    }
}

/// Warnings for a state file, `-wal` or `-shm` that users other than its owner may read or
/// write: they hold the name and profile of everyone who invited the user, and the verdicts.
fn exposure(path: &Path) -> Vec<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open: Vec<PathBuf> = [
            path.to_path_buf(),
            sidecar(path, "-wal"),
            sidecar(path, "-shm"),
        ]
        .into_iter()
        .filter(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 != 0)
        })
        .collect();
        if open.is_empty() {
            return Vec::new();
        }
        let names: Vec<String> = open.iter().map(crate::sanitize::path).collect();
        vec![format!(
            "{} can be read by other users of this machine; it holds the names and profiles \
             of everyone who invited you, and your verdicts. Make it yours alone: chmod 600 {}",
            names.join(", "),
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(" ")
        )]
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Vec::new()
    }
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn check_identity(path: &Path, found: schema::Found) -> Result<(), StoreError> {
    match found {
        schema::Found::Foreign => Err(StoreError::user(
            path,
            "an SQLite database, but not an invitriage state file; it was left untouched. \
             Choose another file with --state PATH",
        )),
        schema::Found::Ours(v) if v > schema::CURRENT_VERSION => Err(StoreError::user(
            path,
            format!(
                "written by a newer invitriage (schema v{v}; this one knows up to v{}). It was \
                 left untouched: upgrade invitriage, or use another file with --state PATH",
                schema::CURRENT_VERSION
            ),
        )),
        _ => Ok(()),
    }
}

fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| StoreError::sql(path, "checking", e))?;
    if verdict == "ok" {
        return Ok(());
    }
    Err(StoreError::sql(
        path,
        &format!("checking ({verdict})"),
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(verdict),
        ),
    ))
}

/// Wait for another process's write lock, telling `on_wait` once per wait, up to `lock_wait`.
fn install_busy_handler(
    conn: &mut Connection,
    path: &Path,
    opts: OpenOptions,
) -> Result<(), StoreError> {
    let OpenOptions {
        lock_wait,
        mut on_wait,
    } = opts;
    let shown = path.to_path_buf();
    let mut started = Instant::now();
    let mut told = false;
    conn.busy_handler(Some(move |count: i32| {
        if count == 0 {
            started = Instant::now();
            told = false;
        }
        let waited = started.elapsed();
        if waited >= lock_wait {
            return false;
        }
        if !told && waited >= NOTICE_AFTER {
            told = true;
            if let Some(f) = on_wait.as_mut() {
                f(&shown, lock_wait);
            }
        }
        std::thread::sleep(Duration::from_millis(5 * (count.clamp(0, 10) as u64 + 1)));
        true
    }))
    .map_err(|e| StoreError::sql(path, "opening", e))
}

fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Fold the events with id > `after` into `log`; returns how many there were.
fn load_events(
    conn: &Connection,
    group_col: &str,
    after: EventId,
    log: &mut Log,
) -> rusqlite::Result<usize> {
    let sql = format!(
        "SELECT id, {group_col}, at, op, key, name, profile_url, class, new_class, export, target
         FROM events WHERE id > ?1 ORDER BY id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([after])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        log.push(decode(r)?);
        n += 1;
    }
    Ok(n)
}

fn decode(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let damaged = |what: String| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(what),
        )
    };
    let id: EventId = r.get(0)?;
    let at: String = r.get(2)?;
    let at = DateTime::parse_from_rfc3339(&at)
        .map_err(|_| damaged(format!("event {id}: bad time {at:?}")))?
        .with_timezone(&Utc);
    let op: String = r.get(3)?;
    let class = |i: usize| -> rusqlite::Result<Option<Class>> {
        let s: Option<String> = r.get(i)?;
        match s.as_deref() {
            None => Ok(None),
            Some("boilerplate") => Ok(Some(Class::Boilerplate)),
            Some("personal") => Ok(Some(Class::Personal)),
            Some(other) => Err(damaged(format!("event {id}: unknown class {other:?}"))),
        }
    };
    let subject = || -> rusqlite::Result<Subject> {
        let key: Option<String> = r.get(4)?;
        Ok(Subject {
            key: key.ok_or_else(|| damaged(format!("event {id}: {op} without a key")))?,
            name: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            profile_url: r.get(6)?,
        })
    };
    let target = || -> rusqlite::Result<EventId> {
        r.get::<_, Option<EventId>>(10)?
            .ok_or_else(|| damaged(format!("event {id}: {op} without a target")))
    };
    let kind = match op.as_str() {
        "accept" => EventKind::Decide {
            subject: subject()?,
            verdict: Verdict::Accept,
            class: class(7)?,
        },
        "ignore" => EventKind::Decide {
            subject: subject()?,
            verdict: Verdict::Ignore,
            class: class(7)?,
        },
        "withdraw" => EventKind::Decide {
            subject: subject()?,
            verdict: Verdict::Withdraw,
            class: class(7)?,
        },
        "reclassify" => EventKind::Reclassify {
            subject: subject()?,
            to: class(8)?
                .ok_or_else(|| damaged(format!("event {id}: reclassify without a class")))?,
            class: class(7)?,
        },
        "undo" => EventKind::Undo(target()?),
        "redo" => EventKind::Redo(target()?),
        other => return Err(damaged(format!("event {id}: unknown op {other:?}"))),
    };
    Ok(Event {
        id,
        grp: r.get::<_, Option<EventId>>(1)?.unwrap_or(id),
        at,
        export: r.get(9)?,
        kind,
    })
}

#[cfg(test)]
mod tests;

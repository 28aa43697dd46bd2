//! The decision store: an append-only SQLite log of decision events (WAL, synchronous=FULL).
//! Touches only the state file (and SQLite's `-wal`/`-shm` next to it), never the terminal
//! and never the user's export. `record` returns only after the event is durable.
//!
//! Every accept, ignore, reclassify, undo and redo is a row in `events`, with its time and
//! the export it came from; the current decisions are derived from the log ([`replay`]), so
//! history is never rewritten. Events written by one call share an undo group, which `undo`
//! reverts as one step.

mod error;
mod files;
mod log;
mod open;
mod replay;
mod schema;
mod seen;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::model::Overrides;
use crate::model::{Class, Verdict};
pub use error::StoreError;
use replay::{Log, State};
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
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Problems found at open that are not errors, phrased for the user: today, a state
    /// file other users can read or write. The caller shows them (the store never prints).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
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
}

/// What [`Store::record_undecided`] did with each event, by index into its input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undecided {
    /// Recorded, in input order.
    pub recorded: Vec<usize>,
    /// Not recorded: the decision already in effect (another run may just have made it).
    pub already: Vec<(usize, Decision)>,
}

fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests;

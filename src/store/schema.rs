//! The on-disk schema and its migrations. Touches only the SQLite connection it is given.
//!
//! The schema version lives in `PRAGMA user_version`; `PRAGMA application_id` marks the file as
//! ours, so a stranger's SQLite database is never migrated. A fresh file runs every migration
//! in order, an old one runs the missing ones, so both paths share the same code.

use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of every invitriage state file: "ITRG" in ASCII.
pub const APPLICATION_ID: i32 = 0x4954_5247;

/// The schema version this build writes.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

/// `MIGRATIONS[n]` upgrades a file from version `n` to `n + 1`. Never edit a released entry:
/// files in the wild were written by it. Add a new one instead.
const MIGRATIONS: &[&str] = &[
    // v1: the event log. One row per event; `target` of an undo/redo names the event it
    // reverts or re-applies.
    "CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        op          TEXT NOT NULL CHECK (op IN ('accept', 'ignore', 'reclassify', 'undo', 'redo')),
        key         TEXT,
        name        TEXT,
        profile_url TEXT,
        class       TEXT CHECK (class IN ('boilerplate', 'personal')),
        new_class   TEXT CHECK (new_class IN ('boilerplate', 'personal')),
        export      TEXT,
        target      INTEGER
    );",
    // v2: undo groups, so a bulk `decide` (many events) is undone in one step. Every v1 event
    // was its own group, and a v1 undo's target (an event id) is that group's id. The log
    // becomes append-only in the file itself, not just by convention.
    "ALTER TABLE events ADD COLUMN grp INTEGER;
     UPDATE events SET grp = id;
     CREATE INDEX events_key ON events (key);
     CREATE INDEX events_grp ON events (grp);
     CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
         BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;
     CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
         BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;",
    // v3: how each export was last viewed (an opaque text the front-end writes, e.g. the app's
    // tab, sort and filters), one row per export. Not part of the decision log: it may change.
    "CREATE TABLE view_settings (
        export   TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        at       TEXT NOT NULL
    );",
    // v4: a `withdraw` verdict for requests the user sent, and what the user has been shown.
    // SQLite cannot widen a CHECK in place, so `events` is rebuilt with the same rows, ids,
    // indexes and append-only triggers (dropped first, so the copy is not an edit). `seen`
    // holds each invitation's identity the first time it was loaded; `loads` one row per
    // load, so the app can say "12 new since <the previous load>".
    "DROP TRIGGER events_append_only_update;
     DROP TRIGGER events_append_only_delete;
     CREATE TABLE events_v4 (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        op          TEXT NOT NULL
                    CHECK (op IN ('accept', 'ignore', 'withdraw', 'reclassify', 'undo', 'redo')),
        key         TEXT,
        name        TEXT,
        profile_url TEXT,
        class       TEXT CHECK (class IN ('boilerplate', 'personal')),
        new_class   TEXT CHECK (new_class IN ('boilerplate', 'personal')),
        export      TEXT,
        target      INTEGER,
        grp         INTEGER
     );
     INSERT INTO events_v4 (id, at, op, key, name, profile_url, class, new_class, export, target, grp)
         SELECT id, at, op, key, name, profile_url, class, new_class, export, target, grp FROM events;
     DROP TABLE events;
     ALTER TABLE events_v4 RENAME TO events;
     CREATE INDEX events_key ON events (key);
     CREATE INDEX events_grp ON events (grp);
     CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
         BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;
     CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
         BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;
     CREATE TABLE seen (
        key        TEXT PRIMARY KEY,
        first_seen TEXT NOT NULL,
        export     TEXT
     ) WITHOUT ROWID;
     CREATE TABLE loads (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        export TEXT,
        new    INTEGER NOT NULL
     );",
];

/// What [`inspect`] found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// No tables at all: a new or empty file.
    Empty,
    /// An invitriage file at this schema version.
    Ours(i32),
    /// Tables, but not ours (other application id, or no id and no `events` table).
    Foreign,
}

/// Look at a file's identity without changing it.
pub fn inspect(conn: &Connection) -> rusqlite::Result<Found> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if tables == 0 && app_id == 0 && version == 0 {
        return Ok(Found::Empty);
    }
    if app_id == APPLICATION_ID {
        return Ok(Found::Ours(version));
    }
    Ok(Found::Foreign)
}

/// Bring the file from `from` up to [`CURRENT_VERSION`] in one transaction: either every
/// step lands or none does.
pub fn migrate(conn: &mut Connection, from: i32) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let now: i32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let start = now.max(from).max(0) as usize;
    for sql in &MIGRATIONS[start.min(MIGRATIONS.len())..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", CURRENT_VERSION)?;
    tx.commit()
}

/// The SQL expression for an event's undo group in a file of `version`, so that an older
/// file can be read without upgrading it (read-only opens).
pub fn group_column(version: i32) -> &'static str {
    if version >= 2 { "grp" } else { "id" }
}

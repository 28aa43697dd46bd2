//! The event log: appending events durably (one undo group per call), undo and redo as
//! new events, and reading the log back into the cached replayed state.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior, params};

use super::replay::{Event, EventKind, Log, State};
use super::{Action, Change, EventId, NewEvent, Store, StoreError, Subject, Undecided, fmt_time};
use crate::model::{Class, Verdict};

impl Store {
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

    pub(super) fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> Result<T, StoreError> {
        self.refresh()?;
        let mut cache = self.cache.borrow_mut();
        let cache = &mut *cache;
        let state = cache.state.get_or_insert_with(|| cache.log.state());
        Ok(f(state))
    }

    /// Read events appended since the last read, by us or by another process.
    pub(super) fn refresh(&self) -> Result<(), StoreError> {
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

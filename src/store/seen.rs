//! First sight: which invitations the user has already been shown (by identity, with the
//! time first loaded) and when an export was last loaded. Touches only the state file.
//! Unlike decisions this is not an undoable log: showing something cannot be taken back.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, fmt_time};

/// What one load of an export found new.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadSeen {
    /// Identities ([`crate::model::Invitation::key`]) never loaded before.
    pub new: HashSet<String>,
    /// When an export was loaded before this one; `None` on the first load, when "new"
    /// means nothing (everything is).
    pub previous_load: Option<DateTime<Utc>>,
}

impl Store {
    /// Remember every identity in `keys` as shown at `at`, in one durable transaction, and
    /// say which ones had never been shown and when the previous load was.
    pub fn record_load(
        &mut self,
        keys: &[String],
        export: &str,
        at: DateTime<Utc>,
    ) -> Result<LoadSeen, StoreError> {
        if self.read_only {
            return Err(StoreError::other(
                &self.path,
                "opened read-only; nothing can be recorded",
            ));
        }
        let path = self.path.clone();
        let sql = |e| StoreError::sql(&path, "remembering what was shown", e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let out = (|| {
            let previous: Option<String> = tx
                .query_row("SELECT at FROM loads ORDER BY id DESC LIMIT 1", [], |r| {
                    r.get(0)
                })
                .optional()?;
            let mut new = HashSet::new();
            {
                // One statement per key, in key order: the B-tree then grows at its end
                // instead of splitting pages at random (4x faster at a million keys).
                let mut insert = tx.prepare(
                    "INSERT OR IGNORE INTO seen (key, first_seen, export) VALUES (?1, ?2, ?3)",
                )?;
                let when = fmt_time(at);
                let mut sorted: Vec<&String> = keys.iter().collect();
                sorted.sort_unstable();
                sorted.dedup();
                for key in sorted {
                    if key.trim().is_empty() {
                        continue;
                    }
                    if insert.execute(params![key, when, export])? > 0 {
                        new.insert(key.clone());
                    }
                }
            }
            tx.execute(
                "INSERT INTO loads (at, export, new) VALUES (?1, ?2, ?3)",
                params![fmt_time(at), export, new.len() as i64],
            )?;
            tx.commit()?;
            Ok((new, previous))
        })();
        let (new, previous) = out.map_err(sql)?;
        let previous_load = match previous {
            None => None,
            Some(s) => Some(
                DateTime::parse_from_rfc3339(&s)
                    .map_err(|_| {
                        StoreError::other(&self.path, format!("a load with a bad time {s:?}"))
                    })?
                    .with_timezone(&Utc),
            ),
        };
        Ok(LoadSeen { new, previous_load })
    }

    /// How many identities have ever been shown (0 for a file from before first-sight
    /// tracking, which is read without upgrading it).
    pub fn seen_count(&self) -> Result<u64, StoreError> {
        let has_table: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'seen'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| StoreError::sql(&self.path, "reading", e))?;
        if !has_table {
            return Ok(0);
        }
        self.conn
            .query_row("SELECT count(*) FROM seen", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(|e| StoreError::sql(&self.path, "reading", e))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use rusqlite::Connection;

    use super::*;
    use crate::model::{Class, Verdict};
    use crate::store::{Action, NewEvent, Subject};

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap()
    }

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn withdraw(slug: &str) -> NewEvent {
        NewEvent {
            subject: Subject {
                key: format!("out:url:linkedin.com/in/{slug}"),
                name: slug.to_string(),
                profile_url: Some(format!("https://www.linkedin.com/in/{slug}")),
            },
            action: Action::Decide(Verdict::Withdraw),
            class: None,
            export: "Basic_LinkedInDataExport_11-20-2026.zip".into(),
            at: at(21),
        }
    }

    #[test]
    fn the_first_load_remembers_everything_and_later_loads_report_only_the_unseen() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
        let first = store
            .record_load(&keys(&["a", "b", "b", ""]), "old.zip", at(3))
            .unwrap();
        assert_eq!(first.previous_load, None);
        assert_eq!(
            first.new.len(),
            2,
            "duplicates and empty keys count once / not at all"
        );
        let second = store
            .record_load(&keys(&["b", "c", "a", "d"]), "new.zip", at(20))
            .unwrap();
        assert_eq!(second.previous_load, Some(at(3)));
        let mut new: Vec<&String> = second.new.iter().collect();
        new.sort();
        assert_eq!(new, ["c", "d"]);
        let third = store.record_load(&keys(&["c"]), "new.zip", at(21)).unwrap();
        assert!(third.new.is_empty());
        assert_eq!(third.previous_load, Some(at(20)));
        assert_eq!(store.seen_count().unwrap(), 4);
    }

    #[test]
    fn withdraw_is_a_verdict_of_its_own_and_undoable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.sqlite3");
        let mut store = Store::open(&path).unwrap();
        store.record(&withdraw("kai-park-demo")).unwrap();
        drop(store);
        let mut store = Store::open(&path).unwrap();
        let all = store.all().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].verdict, Verdict::Withdraw);
        assert_eq!(
            store.undo(at(22)).unwrap().unwrap().describe(),
            "withdraw kai-park-demo"
        );
        assert!(store.all().unwrap().is_empty());
    }

    /// A v2 file exactly as version 2 left it (v1's table plus v2's migration), frozen here so
    /// that an edit to `schema.rs` cannot make this test agree with itself.
    const V2_FILE: &str = "
        CREATE TABLE events (
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
        );
        ALTER TABLE events ADD COLUMN grp INTEGER;
        CREATE INDEX events_key ON events (key);
        CREATE INDEX events_grp ON events (grp);
        INSERT INTO events (id, grp, at, op, key, name, profile_url, class, new_class, export, target)
            VALUES (1, 1, '2026-11-01T09:00:00Z', 'accept', 'in:url:linkedin.com/in/ana-alvarez-demo',
                'Ana Alvarez', 'https://www.linkedin.com/in/ana-alvarez-demo', 'personal', NULL, 'old.zip', NULL);
        INSERT INTO events (id, grp, at, op, key, name, profile_url, class, new_class, export, target)
            VALUES (2, 2, '2026-11-01T09:01:00Z', 'ignore', 'in:url:linkedin.com/in/ben-okafor-demo',
                'Ben Okafor', NULL, 'boilerplate', NULL, 'old.zip', NULL);
        INSERT INTO events (id, grp, at, op, key, name, profile_url, class, new_class, export, target)
            VALUES (3, 3, '2026-11-01T09:02:00Z', 'reclassify', 'in:url:linkedin.com/in/ben-okafor-demo',
                'Ben Okafor', NULL, 'boilerplate', 'personal', 'old.zip', NULL);
        INSERT INTO events (id, grp, at, op, key, name, profile_url, class, new_class, export, target)
            VALUES (4, 4, '2026-11-01T09:03:00Z', 'undo', NULL, NULL, NULL, NULL, NULL, NULL, 2);
        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'the invitriage event log is append-only'); END;
        PRAGMA application_id = 1230262855;
        PRAGMA user_version = 2;
    ";

    #[test]
    fn a_v2_file_is_upgraded_through_v3_to_v4_with_its_log_intact_and_still_append_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite3");
        Connection::open(&path)
            .unwrap()
            .execute_batch(V2_FILE)
            .unwrap();
        let dump = |conn: &Connection| -> Vec<(i64, String, Option<String>, Option<i64>)> {
            let mut st = conn
                .prepare("SELECT id, op, key, grp FROM events ORDER BY id")
                .unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let before = dump(&Connection::open(&path).unwrap());

        let mut store = Store::open(&path).unwrap();
        let all = store.all().unwrap();
        assert_eq!(all.len(), 1, "the v2 undo of Ben's ignore still applies");
        assert_eq!(all[0].name, "Ana Alvarez");
        assert_eq!(
            store.overrides().unwrap().values().collect::<Vec<_>>(),
            [&Class::Personal]
        );
        store.record(&withdraw("kai-park-demo")).unwrap();
        assert_eq!(
            store
                .record_load(&keys(&["x"]), "e", at(5))
                .unwrap()
                .new
                .len(),
            1
        );
        drop(store);

        let conn = Connection::open(&path).unwrap();
        let after = dump(&conn);
        assert_eq!(
            after[..4],
            before[..],
            "old rows keep their ids, ops and groups"
        );
        assert_eq!(after[4].1, "withdraw");
        let version: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, crate::store::SCHEMA_VERSION);
        assert_eq!(
            version, 4,
            "v2 -> v3 (view_settings) -> v4 (withdraw, seen, loads)"
        );
        let v3_table: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'view_settings'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            v3_table, 1,
            "v3's view_settings table is created on the way"
        );
        let edit = conn.execute("UPDATE events SET op = 'accept' WHERE id = 2", []);
        assert!(edit.unwrap_err().to_string().contains("append-only"));
        let delete = conn.execute("DELETE FROM events WHERE id = 1", []);
        assert!(delete.unwrap_err().to_string().contains("append-only"));
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }

    #[test]
    fn a_v2_file_read_only_has_seen_nothing_and_stays_v2() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.sqlite3");
        Connection::open(&path)
            .unwrap()
            .execute_batch(V2_FILE)
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let store = Store::open_read_only(&path).unwrap().unwrap();
        assert_eq!(store.seen_count().unwrap(), 0);
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }
}

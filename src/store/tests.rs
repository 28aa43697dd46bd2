//! Store tests on real SQLite files in temp dirs.

use std::path::Path;

use chrono::{TimeZone, Utc};

use super::*;

fn at(sec: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, sec).unwrap()
}

fn subject(slug: &str, name: &str) -> Subject {
    Subject {
        key: format!("in:url:linkedin.com/in/{slug}"),
        name: name.to_string(),
        profile_url: Some(format!("https://www.linkedin.com/in/{slug}")),
    }
}

fn ev(slug: &str, name: &str, action: Action, sec: u32) -> NewEvent {
    NewEvent {
        subject: subject(slug, name),
        action,
        class: Some(Class::Boilerplate),
        export: "Basic_LinkedInDataExport_11-20-2026.zip".to_string(),
        at: at(sec),
    }
}

fn accept(slug: &str, name: &str, sec: u32) -> NewEvent {
    ev(slug, name, Action::Decide(Verdict::Accept), sec)
}

fn ignore(slug: &str, name: &str, sec: u32) -> NewEvent {
    ev(slug, name, Action::Decide(Verdict::Ignore), sec)
}

fn names(store: &Store) -> Vec<(String, Verdict)> {
    store
        .all()
        .unwrap()
        .into_iter()
        .map(|d| (d.name, d.verdict))
        .collect()
}

fn pragma_i32(path: &Path, name: &str) -> i32 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, name, |r| r.get(0)).unwrap()
}

#[test]
fn a_recorded_decision_is_there_after_reopening_with_its_subject() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/state.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    assert!(id > 0);
    drop(store);

    let store = Store::open(&path).unwrap();
    let d = store
        .current("in:url:linkedin.com/in/ana-alvarez-demo")
        .unwrap()
        .expect("decision survives reopening");
    assert_eq!(
        d,
        Decision {
            key: "in:url:linkedin.com/in/ana-alvarez-demo".into(),
            name: "Ana Alvarez".into(),
            profile_url: Some("https://www.linkedin.com/in/ana-alvarez-demo".into()),
            verdict: Verdict::Accept,
            decided_at: at(1),
            class: Some(Class::Boilerplate),
            export: "Basic_LinkedInDataExport_11-20-2026.zip".into(),
        }
    );
    assert_eq!(store.current("in:url:nobody").unwrap(), None);
    assert_eq!(pragma_i32(&path, "user_version"), SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn times_round_trip_to_the_nanosecond() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let t = Utc.timestamp_opt(1_795_000_000, 123_456_789).unwrap();
    let mut e = accept("ben-okafor-demo", "Ben Okafor", 0);
    e.at = t;
    store.record(&e).unwrap();
    assert_eq!(store.all().unwrap()[0].decided_at, t);
}

#[test]
fn record_many_is_one_undo_group_and_redo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    assert_eq!(store.undo(at(0)).unwrap(), None, "nothing to undo yet");
    store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    let ids = store
        .record_many(&[
            ignore("ben-okafor-demo", "Ben Okafor", 2),
            ignore("chen-wei-demo", "Chen Wei", 2),
        ])
        .unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[1], ids[0] + 1);
    assert_eq!(names(&store).len(), 3);

    let change = store.undo(at(3)).unwrap().unwrap();
    assert_eq!(change.action, Action::Decide(Verdict::Ignore));
    assert_eq!(
        change.subjects,
        vec![
            subject("ben-okafor-demo", "Ben Okafor"),
            subject("chen-wei-demo", "Chen Wei")
        ]
    );
    assert_eq!(
        change.describe(),
        "ignore 2 invitations (Ben Okafor, Chen Wei)"
    );
    assert_eq!(names(&store), vec![("Ana Alvarez".into(), Verdict::Accept)]);
    assert!(store.can_redo().unwrap());

    let change = store.redo(at(4)).unwrap().unwrap();
    assert_eq!(change.subjects.len(), 2);
    assert_eq!(names(&store).len(), 3);
    assert!(!store.can_redo().unwrap());
    assert_eq!(store.redo(at(5)).unwrap(), None);

    // Undo twice, record something new: the undone groups can no longer be redone.
    store.undo(at(6)).unwrap().unwrap();
    let first = store.undo(at(7)).unwrap().unwrap();
    assert_eq!(first.describe(), "accept Ana Alvarez");
    assert!(names(&store).is_empty());
    store
        .record(&accept("dara-njoroge-demo", "Dara Njoroge", 8))
        .unwrap();
    assert_eq!(store.redo(at(9)).unwrap(), None);
    assert_eq!(
        names(&store),
        vec![("Dara Njoroge".into(), Verdict::Accept)]
    );
}

#[test]
fn an_empty_record_many_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    assert!(store.record_many(&[]).unwrap().is_empty());
    assert!(!store.can_undo().unwrap());
}

#[test]
fn a_decision_without_a_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let mut e = accept("x", "Nobody", 1);
    e.subject.key = "  ".into();
    let err = store.record(&e).unwrap_err();
    assert!(err.to_string().contains("without a key"), "{err}");
    assert!(store.all().unwrap().is_empty());
}

#[test]
fn reclassify_sets_an_override_that_undo_removes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    store
        .record(&ignore("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    store
        .record(&ev(
            "ana-alvarez-demo",
            "Ana Alvarez",
            Action::Reclassify(Class::Personal),
            2,
        ))
        .unwrap();
    let key = "in:url:linkedin.com/in/ana-alvarez-demo";
    assert_eq!(store.overrides().unwrap().get(key), Some(&Class::Personal));
    assert_eq!(
        store.current(key).unwrap().unwrap().class,
        Some(Class::Personal)
    );
    let change = store.undo(at(3)).unwrap().unwrap();
    assert_eq!(change.describe(), "mark Ana Alvarez as personal");
    assert!(store.overrides().unwrap().is_empty());
    assert_eq!(
        store.current(key).unwrap().unwrap().verdict,
        Verdict::Ignore,
        "undoing the reclassify leaves the decision"
    );
}

#[test]
fn two_handles_on_one_file_see_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    assert!(a.all().unwrap().is_empty());
    b.record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    assert_eq!(a.all().unwrap().len(), 1, "a sees b's commit");
    a.record(&ignore("ben-okafor-demo", "Ben Okafor", 2))
        .unwrap();
    assert_eq!(b.all().unwrap().len(), 2);
    // b undoes the newest group, which a wrote.
    assert_eq!(
        b.undo(at(3)).unwrap().unwrap().describe(),
        "ignore Ben Okafor"
    );
    assert_eq!(names(&a), vec![("Ana Alvarez".into(), Verdict::Accept)]);
}

#[test]
fn default_location_is_the_platform_data_dir() {
    let p = Store::default_path().expect("HOME is set in tests");
    assert!(p.ends_with("invitriage/state.sqlite3"), "{}", p.display());
    assert_eq!(Store::resolve(None).unwrap(), p);
    assert_eq!(
        Store::resolve(Some(Path::new("/tmp/x.sqlite3"))).unwrap(),
        Path::new("/tmp/x.sqlite3")
    );
}

// ---- migrations ----

/// The v1 schema exactly as version 1 wrote it. Frozen here on purpose: if a migration in
/// `schema.rs` is ever edited, this test still checks against what old files really hold.
const V1_FILE: &str = "
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
    INSERT INTO events VALUES (1, '2026-11-01T09:00:00Z', 'accept', 'in:url:linkedin.com/in/ana-alvarez-demo',
        'Ana Alvarez', 'https://www.linkedin.com/in/ana-alvarez-demo', 'personal', NULL, 'old.zip', NULL);
    INSERT INTO events VALUES (2, '2026-11-01T09:01:00Z', 'ignore', 'in:url:linkedin.com/in/ben-okafor-demo',
        'Ben Okafor', NULL, 'boilerplate', NULL, 'old.zip', NULL);
    INSERT INTO events VALUES (3, '2026-11-01T09:02:00Z', 'ignore', 'in:name:chen wei@2026-10-30T17:05Z',
        'Chen Wei', NULL, NULL, NULL, 'old.zip', NULL);
    INSERT INTO events VALUES (4, '2026-11-01T09:03:00Z', 'undo', NULL, NULL, NULL, NULL, NULL, NULL, 3);
    PRAGMA application_id = 1230262855;
    PRAGMA user_version = 1;
";

fn write_v1(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(V1_FILE).unwrap();
}

#[test]
fn a_v1_file_is_upgraded_in_place_with_its_history_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    write_v1(&path);
    assert_eq!(pragma_i32(&path, "application_id"), schema::APPLICATION_ID);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(pragma_i32(&path, "user_version"), SCHEMA_VERSION);
    assert_eq!(
        names(&store),
        vec![
            ("Ana Alvarez".into(), Verdict::Accept),
            ("Ben Okafor".into(), Verdict::Ignore)
        ],
        "the v1 undo of event 3 still applies"
    );
    // The v1 undo made event 3 redoable; the upgraded log still knows that.
    assert_eq!(
        store.redo(at(1)).unwrap().unwrap().describe(),
        "ignore Chen Wei"
    );
    // New groups after the upgrade, and undo across the boundary.
    store
        .record_many(&[
            accept("dara-njoroge-demo", "Dara Njoroge", 2),
            accept("eli-demo", "Eli", 2),
        ])
        .unwrap();
    assert_eq!(store.all().unwrap().len(), 5);
    assert_eq!(store.undo(at(3)).unwrap().unwrap().subjects.len(), 2);
    assert_eq!(
        store.undo(at(4)).unwrap().unwrap().describe(),
        "ignore Chen Wei"
    );
    assert_eq!(
        store.undo(at(5)).unwrap().unwrap().describe(),
        "ignore Ben Okafor"
    );
    drop(store);

    let conn = Connection::open(&path).unwrap();
    let null_groups: i64 = conn
        .query_row("SELECT count(*) FROM events WHERE grp IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(null_groups, 0);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_v1_file_opened_read_only_is_read_but_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    write_v1(&path);
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap().unwrap();
    assert_eq!(names(&store).len(), 2);
    let err = store.record(&accept("x-demo", "X", 1)).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(pragma_i32(&path, "user_version"), 1);
}

#[test]
fn read_only_open_of_a_missing_file_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/state.sqlite3");
    assert!(Store::open_read_only(&path).unwrap().is_none());
    assert!(!dir.path().join("sub").exists());
}

#[test]
fn a_file_from_a_newer_invitriage_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
            .unwrap();
    }
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    for err in [
        Store::open(&path).err().unwrap(),
        Store::open_read_only(&path).err().unwrap(),
    ] {
        let msg = err.to_string();
        assert!(err.is_bad_input());
        assert!(msg.starts_with(&path.display().to_string()), "{msg}");
        assert!(msg.contains("newer invitriage"), "{msg}");
        assert!(msg.contains(&format!("v{}", SCHEMA_VERSION + 1)), "{msg}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "never reset");
}

// ---- faults ----

#[test]
fn a_file_that_is_not_a_database_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let garbage = b"From,To,Sent At,Message,Direction\nAna,Me,\"2/12/26, 11:44 AM\",,INCOMING\n";
    std::fs::write(&path, garbage).unwrap();
    let err = Store::open(&path).err().unwrap();
    let msg = err.to_string();
    assert!(err.is_bad_input());
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("not an SQLite database"), "{msg}");
    assert!(msg.contains(".recover"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
    assert!(!dir.path().join("state.sqlite3-wal").exists());
}

#[test]
fn a_damaged_database_is_reported_with_how_to_recover() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        let evs: Vec<NewEvent> = (0..300)
            .map(|i| accept(&format!("person-{i}-demo"), &format!("Person {i}"), 1))
            .collect();
        store.record_many(&evs).unwrap();
    }
    assert!(
        !dir.path().join("state.sqlite3-wal").exists(),
        "checkpointed on close"
    );
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 3 * 4096);
    for b in &mut bytes[4096..4096 + 64] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().unwrap();
    let msg = err.to_string();
    assert!(err.is_bad_input(), "{msg}");
    assert!(msg.contains("damaged"), "{msg}");
    assert!(msg.contains("your decisions are"), "{msg}");
    assert!(msg.contains(".recover"), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "never reset");
}

#[test]
fn a_foreign_sqlite_database_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let err = Store::open(&path).err().unwrap();
    assert!(err.is_bad_input());
    assert!(
        err.to_string().contains("not an invitriage state file"),
        "{err}"
    );
    assert_eq!(pragma_i32(&path, "user_version"), 0);
}

#[test]
fn a_directory_given_as_the_state_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path()).err().unwrap();
    assert!(err.is_bad_input());
    assert!(err.to_string().contains("is a directory"), "{err}");
}

#[test]
fn an_empty_file_is_a_fresh_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    assert_eq!(store.all().unwrap().len(), 1);
}

#[test]
fn a_held_write_lock_makes_a_writer_wait_say_so_and_then_give_up_clearly() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    drop(Store::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let told = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&told);
    let mut store = Store::open_with(
        &path,
        OpenOptions {
            lock_wait: Duration::from_millis(600),
            on_wait: Some(Box::new(move |p, limit| {
                sink.lock().unwrap().push((p.to_path_buf(), limit));
            })),
        },
    )
    .unwrap();
    // Reading never waits in WAL mode.
    assert!(store.all().unwrap().is_empty());
    let err = store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap_err();
    assert!(err.is_bad_input(), "exit 2, as documented");
    assert!(err.to_string().contains("another process"), "{err}");
    assert_eq!(
        *told.lock().unwrap(),
        vec![(path.clone(), Duration::from_millis(600))],
        "told once per wait"
    );
    holder.execute_batch("COMMIT").unwrap();
    store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    assert_eq!(store.all().unwrap().len(), 1);
}

#[test]
fn the_log_refuses_edits_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .record(&accept("ana-alvarez-demo", "Ana Alvarez", 1))
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    for sql in ["UPDATE events SET op = 'ignore'", "DELETE FROM events"] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    assert_eq!(names(&store), vec![("Ana Alvarez".into(), Verdict::Accept)]);
}

#[test]
fn a_change_names_up_to_three_people() {
    let many = Change {
        subjects: (1..=5)
            .map(|i| subject(&format!("p{i}"), &format!("P{i}")))
            .collect(),
        action: Action::Decide(Verdict::Ignore),
    };
    assert_eq!(many.describe(), "ignore 5 invitations (P1, P2, P3, …)");
    let one = Change {
        subjects: vec![subject("ana", "Ana Alvarez")],
        action: Action::Reclassify(Class::Boilerplate),
    };
    assert_eq!(one.describe(), "mark Ana Alvarez as boilerplate");
}

fn invitation(
    name: &str,
    url: Option<&str>,
    sent: DateTime<Utc>,
) -> crate::model::InvitationRecord {
    use crate::model::*;
    InvitationRecord {
        direction: Direction::Incoming,
        kind: InvitationType::Connection,
        sender: SenderRecord {
            name: name.to_string(),
            profile_url: url.map(String::from),
            ..SenderRecord::default()
        },
        recipient: RecipientRecord::default(),
        sent_at: sent,
        note: None,
        raw_note: None,
        source: SourceLoc {
            file: "Invitations.csv".into(),
            line: 2,
        },
        relationship: Relationship::default(),
    }
}

#[test]
fn a_decision_follows_the_invitation_into_a_newer_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let sent = Utc.with_ymd_and_hms(2026, 11, 20, 4, 47, 0).unwrap();
    // Invitations.csv writes the slug raw; a re-saved or other-tool copy may percent-encode
    // it, add a slash or a tracking query, or drop `www.`.
    let old = invitation(
        "José Niño",
        Some("https://www.linkedin.com/in/josé-niño-demo"),
        sent,
    );
    let newer = [
        invitation(
            "José Niño",
            Some("https://www.linkedin.com/in/Jos%C3%A9-Ni%C3%B1o-demo/"),
            sent,
        ),
        invitation(
            "Jose Nino",
            Some("http://linkedin.com/in/josé-niño-demo?trk=x"),
            sent,
        ),
    ];
    // Without a URL: the name (spacing and case folded) and the minute it was sent.
    let old_unnamed = invitation("Bo  Chen", None, sent);
    let newer_unnamed = invitation("bo chen", None, sent + chrono::Duration::seconds(30));
    let subject = |i: &crate::model::InvitationRecord| Subject {
        key: i.key(),
        name: i.sender.name.clone(),
        profile_url: i.sender.profile_url.clone(),
    };
    for inv in [&old, &old_unnamed] {
        store
            .record(&NewEvent {
                subject: subject(inv),
                action: Action::Decide(Verdict::Accept),
                class: None,
                export: "Basic_LinkedInDataExport_11-20-2026".into(),
                at: at(1),
            })
            .unwrap();
    }
    for inv in newer.iter().chain([&newer_unnamed]) {
        let d = store.current(&inv.key()).unwrap();
        assert!(
            d.is_some(),
            "{:?} lost its decision ({})",
            inv.sender,
            inv.key()
        );
    }
    let other = invitation("Bo Chen", None, sent + chrono::Duration::days(1));
    assert_eq!(
        store.current(&other.key()).unwrap(),
        None,
        "a later invitation is new"
    );
}

#[test]
fn record_undecided_checks_inside_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let mut mine = Store::open(&path).unwrap();
    let mut theirs = Store::open(&path).unwrap();
    // I look: nothing decided yet.
    assert!(mine.current(&subject("ana", "Ana").key).unwrap().is_none());
    // Another run decides Ana meanwhile.
    theirs.record(&ignore("ana", "Ana", 1)).unwrap();
    let done = mine
        .record_undecided(&[accept("ana", "Ana", 2), accept("ben", "Ben", 2)])
        .unwrap();
    assert_eq!(done.recorded, [1]);
    assert_eq!(done.already.len(), 1);
    assert_eq!(done.already[0].0, 0);
    assert_eq!(done.already[0].1.verdict, Verdict::Ignore);
    assert_eq!(
        names(&mine),
        [
            ("Ana".to_string(), Verdict::Ignore),
            ("Ben".to_string(), Verdict::Accept)
        ]
    );
    // The one recorded event is one undo step.
    mine.undo(at(3)).unwrap();
    assert_eq!(names(&mine), [("Ana".to_string(), Verdict::Ignore)]);
}

#[test]
fn a_held_lock_and_a_full_disk_are_the_users_to_fix() {
    let p = Path::new("state.sqlite3");
    for code in [
        rusqlite::ffi::SQLITE_FULL,
        rusqlite::ffi::SQLITE_BUSY,
        rusqlite::ffi::SQLITE_LOCKED,
    ] {
        let e = StoreError::sql(
            p,
            "recording",
            rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None),
        );
        assert!(e.is_bad_input(), "{e}");
        assert_eq!(
            crate::Error::Store(e).exit_code(),
            crate::error::EXIT_BAD_INPUT
        );
    }
}

#[test]
fn view_settings_are_kept_per_export_and_survive_a_reopen_and_a_v1_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.view_settings("a.csv").unwrap(), None);
        store
            .save_view_settings("a.csv", "{\"sort\":\"name\"}", at)
            .unwrap();
        store
            .save_view_settings("a.csv", "{\"sort\":\"oldest\"}", at)
            .unwrap();
        store.save_view_settings("b.zip", "{}", at).unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.view_settings("a.csv").unwrap().as_deref(),
        Some("{\"sort\":\"oldest\"}")
    );
    assert_eq!(store.view_settings("b.zip").unwrap().as_deref(), Some("{}"));
    // An old file gains the table on upgrade and keeps its decisions.
    let old = dir.path().join("old.sqlite3");
    write_v1(&old);
    let mut store = Store::open(&old).unwrap();
    assert_eq!(store.view_settings("a.csv").unwrap(), None);
    store.save_view_settings("a.csv", "{}", at).unwrap();
    assert_eq!(names(&store).len(), 2);
}

/// Concurrent first runs: several processes (here threads, each with its own connection) create
/// the same new state file at once; every one must open it, none may call it foreign.
#[test]
fn many_first_opens_of_one_new_file_all_succeed() {
    for round in 0..30 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("state-{round}.sqlite3"));
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
        let handles: Vec<_> = (0..6)
            .map(|_| {
                let (path, barrier) = (path.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    crate::store::Store::open(&path)
                        .map(drop)
                        .map_err(|e| e.to_string())
                })
            })
            .collect();
        for h in handles {
            let r = h.join().unwrap();
            assert!(r.is_ok(), "round {round}: {r:?}");
        }
    }
}

//! The decision store across processes: crash safety under SIGKILL, two writers, lock waits,
//! faults as the user sees them, and the `decide` / `decisions` / `undo` commands.
//!
//! Some tests run this test binary again as a child process (`child_process` below, ignored
//! when run on its own), steered by environment variables.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use assert_cmd::cargo::cargo_bin;
use chrono::{TimeZone, Utc};
use invitriage::model::{Class, Verdict};
use invitriage::store::{Action, NewEvent, Store, Subject};
use rusqlite::Connection;

const CHILD_MODE: &str = "INVITRIAGE_TEST_CHILD";
const CHILD_STATE: &str = "INVITRIAGE_TEST_STATE";
const CHILD_TAG: &str = "INVITRIAGE_TEST_TAG";

/// Temp dirs on the real disk (not tmpfs), so fsync does real work.
/// A temp dir uid nobody can enter (the permission tests run children as nobody), in the
/// system temp dir: the checkout itself may sit under a directory only root can enter.
fn tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn event(key_part: &str, name: &str, verdict: Verdict) -> NewEvent {
    NewEvent {
        subject: Subject {
            key: format!("in:url:linkedin.com/in/{key_part}"),
            name: name.to_string(),
            profile_url: Some(format!("https://www.linkedin.com/in/{key_part}")),
        },
        action: Action::Decide(verdict),
        class: Some(Class::Boilerplate),
        export: "Basic_LinkedInDataExport_11-20-2026.zip".to_string(),
        at: Utc::now(),
    }
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// The child side. Modes:
/// - `kill`: record forever, printing `saved <id> <key> <verdict>` after each `record`
///   returns, until the parent kills it;
/// - `count:N`: record N decisions one by one, then exit;
/// - `open`: open the store and print the error, if any.
#[test]
#[ignore = "run as a child process by the other tests"]
fn child_process() {
    let Ok(mode) = std::env::var(CHILD_MODE) else {
        return;
    };
    let path = PathBuf::from(std::env::var(CHILD_STATE).unwrap());
    let tag = std::env::var(CHILD_TAG).unwrap_or_default();
    let stdout = std::io::stdout();
    if mode == "open" {
        match Store::open(&path) {
            Ok(_) => println!("opened"),
            Err(e) => println!("error bad_input={} {e}", e.is_bad_input()),
        }
        return;
    }
    let mut store = Store::open(&path).unwrap();
    let limit = mode
        .strip_prefix("count:")
        .map(|n| n.parse::<u64>().unwrap());
    let mut i = 0u64;
    while limit.is_none_or(|n| i < n) {
        let verdict = if i % 2 == 0 {
            Verdict::Accept
        } else {
            Verdict::Ignore
        };
        // Every fifth step is a group of three, like a bulk `decide`.
        let evs: Vec<NewEvent> = (0..if i % 5 == 4 { 3 } else { 1 })
            .map(|j| {
                event(
                    &format!("{tag}-{i}-{j}-demo"),
                    &format!("Person {tag} {i} {j}"),
                    verdict,
                )
            })
            .collect();
        let ids = store.record_many(&evs).unwrap();
        let mut out = stdout.lock();
        for (id, ev) in ids.iter().zip(&evs) {
            writeln!(out, "saved {id} {} {}", ev.subject.key, verdict.as_str()).unwrap();
        }
        out.flush().unwrap();
        i += 1;
    }
}

fn child(mode: &str, state: &Path, tag: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child_process", "--nocapture", "--ignored"])
        .env(CHILD_MODE, mode)
        .env(CHILD_STATE, state)
        .env(CHILD_TAG, tag);
    cmd
}

/// xorshift64*: deterministic per seed, so a failing run can be replayed with
/// `INVITRIAGE_KILL_SEED=<seed>`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn every_acknowledged_decision_survives_sigkill() {
    use std::os::unix::process::ExitStatusExt;

    const KILLS: usize = 24;
    let seed = std::env::var("INVITRIAGE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill test seed: {seed} (replay with INVITRIAGE_KILL_SEED={seed})");
    let mut rng = Rng(seed);
    let dir = tempdir();
    let path = dir.path().join("state.sqlite3");
    let mut expected: HashMap<String, (i64, String)> = HashMap::new();
    let mut kills_after_saves = 0;
    let started = Instant::now();

    for run in 0..KILLS {
        let mut proc = child("kill", &path, &format!("run{run}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = proc.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut lines = Vec::new();
        if rng.below(4) == 0 {
            // While the child is starting, opening or creating the store.
            thread::sleep(Duration::from_millis(rng.below(15)));
        } else {
            // Mid-stream: after its first acknowledged save, however slow the machine is
            // (the test harness prints its own lines first: wait for a `saved` one).
            loop {
                match rx.recv_timeout(Duration::from_secs(20)) {
                    Ok(line) => {
                        let saved = line.starts_with("saved ");
                        lines.push(line);
                        if saved {
                            break;
                        }
                    }
                    Err(_) => panic!("child {run} saved nothing within 20 s"),
                }
            }
            thread::sleep(Duration::from_millis(rng.below(120)));
        }
        proc.kill().unwrap();
        let status = proc.wait().unwrap();
        // The child is dead: the channel yields what it printed, then disconnects.
        lines.extend(rx.iter());
        if status.signal() != Some(9) {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut proc.stderr.take().unwrap(), &mut err).unwrap();
            panic!("child ended by itself ({status}) instead of being killed:\n{err}");
        }
        let saved: Vec<(i64, String, String)> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("saved "))
            .map(|l| {
                let mut p = l.split(' ');
                let id = p.next().unwrap().parse().unwrap();
                (
                    id,
                    p.next().unwrap().to_string(),
                    p.next().unwrap().to_string(),
                )
            })
            .collect();
        if !saved.is_empty() {
            kills_after_saves += 1;
        }
        for (id, key, verdict) in saved {
            expected.insert(key, (id, verdict));
        }

        // The parent checks after every kill: the file is sound and nothing acknowledged is lost.
        if path.exists() {
            assert_eq!(integrity(&path), "ok", "after kill {run} (seed {seed})");
        }
        let store = Store::open(&path)
            .unwrap_or_else(|e| panic!("reopen after kill {run} (seed {seed}): {e}"));
        let all = store.all().unwrap();
        let have: HashMap<&str, &str> = all
            .iter()
            .map(|d| (d.key.as_str(), d.verdict.as_str()))
            .collect();
        for (key, (id, verdict)) in &expected {
            assert_eq!(
                have.get(key.as_str()),
                Some(&verdict.as_str()),
                "event {id} ({key}) was acknowledged but is missing after kill {run} (seed {seed})"
            );
        }
    }
    assert!(
        kills_after_saves >= KILLS / 2,
        "only {kills_after_saves} of {KILLS} kills came after a save; the test proved little"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the kill test is meant to stay fast"
    );
    eprintln!(
        "{KILLS} kills, {} acknowledged decisions all present, {:?}",
        expected.len(),
        started.elapsed()
    );
}

#[test]
fn two_processes_writing_one_state_both_succeed() {
    let dir = tempdir();
    let path = dir.path().join("state.sqlite3");
    // Both at the same time, not one after the other.
    let pa = child("count:40", &path, "a")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pb = child("count:40", &path, "b")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    for p in [pa, pb] {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = Store::open(&path).unwrap();
    // Each child makes 40 steps, 8 of which are groups of three: 56 decisions per child.
    let all = store.all().unwrap();
    for tag in ["a", "b"] {
        let n = all
            .iter()
            .filter(|d| d.key.starts_with(&format!("in:url:linkedin.com/in/{tag}-")))
            .count();
        assert_eq!(n, 56, "decisions of child {tag}");
    }
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn a_second_process_says_why_it_waits_then_finishes() {
    let dir = tempdir();
    let path = dir.path().join("state.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .record(&event("ana-alvarez-demo", "Ana Alvarez", Verdict::Accept))
            .unwrap();
    }
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let mut proc = Command::new(cargo_bin("invitriage"))
        .args(["undo", "--state"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = proc.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let notice = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the waiting process says why it waits");
    assert!(notice.contains("waiting for"), "{notice}");
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    assert!(notice.contains("another process"), "{notice}");
    assert!(
        proc.try_wait().unwrap().is_none(),
        "it waits rather than failing"
    );
    holder.execute_batch("COMMIT").unwrap();
    let out = proc.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Undid: accept Ana Alvarez.\n"
    );
    assert!(Store::open(&path).unwrap().all().unwrap().is_empty());
}

// ---- faults, as the user sees them ----

#[test]
fn a_corrupt_state_file_is_exit_2_with_the_file_and_a_way_out() {
    let dir = tempdir();
    let path = dir.path().join("state.sqlite3");
    std::fs::write(&path, "this is not a database\n").unwrap();
    for args in [
        vec!["decisions"],
        vec!["undo"],
        vec!["decisions", "--format", "json"],
    ] {
        let out = Command::new(cargo_bin("invitriage"))
            .args(&args)
            .arg("--state")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("move it aside"), "{err}");
        assert!(err.contains(".recover"), "{err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "this is not a database\n"
    );
}

/// Root ignores file permissions, so under root the child runs as `nobody`.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

const NOBODY: u32 = 65534;

/// A directory the child process cannot write in, holding an existing state file.
fn read_only_state_dir() -> (tempfile::TempDir, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    let sub = dir.path().join("ro");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("state.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .record(&event("ana-alvarez-demo", "Ana Alvarez", Verdict::Accept))
            .unwrap();
    }
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    if running_as_root() {
        // The child is `nobody`: it owns the file but the directory stays read-only to it.
        std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        std::os::unix::fs::chown(&sub, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    (dir, path)
}

/// `cmd` as uid nobody when the tests run as root (root ignores file permissions, so the
/// permission faults could not happen otherwise).
fn as_child_user(cmd: &mut Command) -> Command {
    use std::os::unix::process::CommandExt;
    if !running_as_root() {
        return rebuilt(cmd, PathBuf::from(cmd.get_program()));
    }
    let mut c = rebuilt(cmd, runnable_by_nobody(Path::new(cmd.get_program())));
    c.uid(NOBODY).gid(NOBODY);
    c
}

/// A copy of `cmd` that runs `program` instead.
fn rebuilt(cmd: &Command, program: PathBuf) -> Command {
    let mut c = Command::new(program);
    c.args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    if let Some(d) = cmd.get_current_dir() {
        c.current_dir(d);
    }
    c
}

/// The checkout may sit under a directory only root can enter (`/root` is 0700), where uid
/// nobody cannot run the binaries; a link (or copy) in a world-readable temp dir can be run.
fn runnable_by_nobody(exe: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    // The paths this process has placed: a directory left by an earlier run whose process id
    // this one reuses holds an old binary, which must be replaced, not run.
    static PLACED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let mut placed = PLACED.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::env::temp_dir().join(format!("invitriage-nobody-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dst = dir.join(exe.file_name().unwrap());
    if !placed.contains(&dst) {
        let _ = std::fs::remove_file(&dst);
        if std::fs::hard_link(exe, &dst).is_err() {
            std::fs::copy(exe, &dst).unwrap();
            std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        placed.push(dst.clone());
    }
    dst
}

#[test]
fn a_read_only_state_dir_is_a_clear_error() {
    let (_dir, path) = read_only_state_dir();
    let out = as_child_user(
        Command::new(cargo_bin("invitriage"))
            .args(["undo", "--state"])
            .arg(&path),
    )
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("--state"), "{err}");

    // A new state file in that directory, opened by the library.
    let fresh = path.with_file_name("new.sqlite3");
    let out = as_child_user(&mut child("open", &fresh, ""))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("error bad_input=true"), "{said}");
    assert!(said.contains("read-only"), "{said}");
    assert!(!fresh.exists());

    // Listing needs no writes: the decisions can still be read.
    let out = as_child_user(
        Command::new(cargo_bin("invitriage"))
            .args(["decisions", "--format", "csv", "--state"])
            .arg(&path),
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(",Ana Alvarez,accept,"));
}

#[test]
fn an_unreadable_state_file_is_a_clear_error_and_stays_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("state.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .record(&event("ana-alvarez-demo", "Ana Alvarez", Verdict::Accept))
            .unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    for args in [["decisions"].as_slice(), ["undo"].as_slice()] {
        let out = as_child_user(
            Command::new(cargo_bin("invitriage"))
                .args(args)
                .arg("--state")
                .arg(&path),
        )
        .output()
        .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(err.contains("cannot read the state file"), "{err}");
        assert!(err.contains("permissions"), "{err}");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(Store::open(&path).unwrap().all().unwrap().len(), 1);
}

// ---- decisions and undo on a store filled through the library ----

fn filled_state(dir: &Path) -> PathBuf {
    let path = dir.join("state.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let t = |m| Utc.with_ymd_and_hms(2026, 11, 21, 9, m, 5).unwrap();
    let mut a = event("ana-alvarez-demo", "Ana Alvarez", Verdict::Accept);
    a.at = t(1);
    a.class = Some(Class::Personal);
    let mut b = event("ben-okafor-demo", "Ben Okafor, MBA", Verdict::Ignore);
    b.at = t(2);
    let mut c = event("x", "Chen \"CW\" Wei", Verdict::Ignore);
    c.subject.key = "in:name:chen \"cw\" wei@2026-11-02T08:00Z".into();
    c.subject.profile_url = None;
    c.class = None;
    c.at = t(3);
    store.record(&a).unwrap();
    store.record_many(&[b, c]).unwrap();
    path
}

fn run(args: &[&str], state: &Path) -> (String, String, Option<i32>) {
    let out = Command::new(cargo_bin("invitriage"))
        .args(args)
        .arg("--state")
        .arg(state)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code(),
    )
}

#[test]
fn decisions_json_is_one_array_with_the_hand_off_fields() {
    let dir = tempdir();
    let state = filled_state(dir.path());
    let (out, err, code) = run(&["decisions", "--format", "json"], &state);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().expect("a single JSON array");
    assert_eq!(arr.len(), 3);
    assert_eq!(
        arr[0],
        serde_json::json!({
            "name": "Ana Alvarez",
            "profile_url": "https://www.linkedin.com/in/ana-alvarez-demo",
            "verdict": "accept",
            "decided_at": "2026-11-21T09:01:05Z",
            "class": "personal",
            "export": "Basic_LinkedInDataExport_11-20-2026.zip",
            "key": "in:url:linkedin.com/in/ana-alvarez-demo",
        })
    );
    assert_eq!(arr[2]["profile_url"], serde_json::Value::Null);
    assert_eq!(arr[2]["class"], serde_json::Value::Null);

    let (out, _, _) = run(
        &["decisions", "--format", "json", "--verdict", "ignore"],
        &state,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ben Okafor, MBA", "Chen \"CW\" Wei"]);

    let (out, _, _) = run(&["decisions", "--format", "jsonl"], &state);
    assert_eq!(out.lines().count(), 3);
}

#[test]
fn decisions_csv_quotes_names_and_keeps_empty_fields_empty() {
    let dir = tempdir();
    let state = filled_state(dir.path());
    let (out, err, code) = run(&["decisions", "--format", "csv"], &state);
    assert_eq!(code, Some(0), "{err}");
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "profile_url",
            "name",
            "verdict",
            "decided_at",
            "class",
            "export",
            "key"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[1][1], "Ben Okafor, MBA");
    assert_eq!(&rows[1][2], "ignore");
    assert_eq!(&rows[2][1], "Chen \"CW\" Wei");
    assert_eq!(&rows[2][0], "");
    assert_eq!(&rows[2][4], "");
    // The hand-off one-liner in README.md ("the hand-off") relies on the URL being the first column.
    let urls: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .filter(|u| !u.is_empty())
        .collect();
    assert_eq!(
        urls,
        [
            "https://www.linkedin.com/in/ana-alvarez-demo",
            "https://www.linkedin.com/in/ben-okafor-demo"
        ]
    );
}

#[test]
fn decisions_table_and_undo_speak_plainly() {
    let dir = tempdir();
    let state = filled_state(dir.path());
    let (out, _, code) = run(&["decisions"], &state);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("VERDICT"), "{out}");
    assert!(
        lines[1].starts_with("accept  2026-11-21T09:01:05Z personal"),
        "{out}"
    );
    assert!(
        lines[1].ends_with("https://www.linkedin.com/in/ana-alvarez-demo"),
        "{out}"
    );
    assert_eq!(lines[4], "3 decisions: 1 accept, 2 ignore.");

    let (out, _, code) = run(&["undo"], &state);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "Undid: ignore 2 invitations (Ben Okafor, MBA, Chen \"CW\" Wei).\n"
    );
    let (out, _, _) = run(&["undo"], &state);
    assert_eq!(out, "Undid: accept Ana Alvarez.\n");
    let (out, _, _) = run(&["undo"], &state);
    assert_eq!(out, format!("Nothing to undo in {}.\n", state.display()));
    let (out, _, _) = run(&["decisions"], &state);
    assert_eq!(out, format!("No decisions in {}.\n", state.display()));
}

#[test]
fn listing_or_undoing_without_a_state_file_creates_none() {
    let dir = tempdir();
    let state = dir.path().join("never/state.sqlite3");
    let (out, _, code) = run(&["decisions", "--format", "json"], &state);
    assert_eq!(code, Some(0));
    assert_eq!(out.trim(), "[]");
    let (out, _, code) = run(&["undo"], &state);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Nothing to undo"), "{out}");
    assert!(!dir.path().join("never").exists());
}

#[test]
fn the_state_location_comes_from_the_environment_too() {
    let dir = tempdir();
    let state = filled_state(dir.path());
    let out = Command::new(cargo_bin("invitriage"))
        .args(["decisions", "--format", "jsonl"])
        .env("INVITRIAGE_STATE", &state)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}

// ---- decide, and identity across the forms of one export (these need the importer) ----

/// The workspace root, where fixtures/ lives (this package is app/ inside it).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const EXPORT: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026";

fn fixture(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

fn load(rel: &str) -> invitriage::model::Export {
    let path = fixture(rel);
    invitriage::import::load(&path, &invitriage::import::ImportOptions::default())
        .unwrap_or_else(|e| panic!("loading {}: {e}", path.display()))
}

/// What `decide` should pick, computed from the library: pending, incoming, matching, one per key.
fn expected_picks(
    export: &invitriage::model::Export,
    keep: impl Fn(&invitriage::model::Invitation, &invitriage::model::Classification) -> bool,
) -> Vec<(String, String)> {
    let classes =
        invitriage::classify::classify_export(export, &invitriage::classify::Overrides::new());
    let mut seen = std::collections::HashSet::new();
    export
        .invitations
        .iter()
        .zip(&classes)
        .filter(|(inv, c)| inv.is_pending() && keep(inv, c))
        .filter(|(inv, _)| seen.insert(inv.key()))
        .map(|(inv, _)| (inv.key(), inv.sender.name.to_string()))
        .collect()
}

#[test]
fn one_export_as_folder_zip_or_bare_csv_gives_the_same_keys() {
    let folder = load(EXPORT);
    let zip = load(&format!("{EXPORT}.zip"));
    let csv = load(&format!("{EXPORT}/Invitations.csv"));
    let keys = |e: &invitriage::model::Export| -> Vec<String> {
        e.invitations
            .iter()
            .map(invitriage::model::Invitation::key)
            .collect()
    };
    assert!(!folder.invitations.is_empty());
    assert_eq!(keys(&folder), keys(&zip), "folder vs ZIP");
    assert_eq!(keys(&folder), keys(&csv), "folder vs bare Invitations.csv");
    let unique: std::collections::HashSet<String> = keys(&folder).into_iter().collect();
    assert!(unique.len() > 1, "keys tell invitations apart");
}

#[test]
fn decisions_made_on_the_folder_apply_to_the_zip() {
    let dir = tempdir();
    let state = dir.path().join("state.sqlite3");
    let folder = fixture(EXPORT);
    let (out, err, code) = run(&["decide", folder.to_str().unwrap(), "--ignore"], &state);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Ignored"), "{out}");
    let zip = fixture(&format!("{EXPORT}.zip"));
    let (out, err, code) = run(
        &["decide", zip.to_str().unwrap(), "--accept", "--dry-run"],
        &state,
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("Would accept 0 invitations"),
        "everything pending was decided through the folder: {out}"
    );
}

#[test]
fn decide_dry_run_changes_nothing() {
    let dir = tempdir();
    let state = dir.path().join("state.sqlite3");
    let export = load(EXPORT);
    let expected = expected_picks(&export, |_, _| true);
    assert!(!expected.is_empty(), "the fixture has pending invitations");
    let folder = fixture(EXPORT);
    let path = folder.to_str().unwrap();

    // From a fresh state: lists what it would do and does not even create the file.
    let (out, err, code) = run(&["decide", path, "--accept", "--dry-run"], &state);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), expected.len() + 1, "{out}");
    for (_, name) in &expected {
        assert!(out.contains(name.as_str()), "{name} missing from:\n{out}");
    }
    assert!(
        out.ends_with(&format!(
            "Would accept {} invitations. Dry run: nothing was recorded.\n",
            expected.len()
        )),
        "{out}"
    );
    assert!(!state.exists());
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());

    // On an existing state: the decisions and the file stay as they were.
    let (_, err, code) = run(
        &["decide", path, "--ignore", "--from", &expected[0].1],
        &state,
    );
    assert_eq!(code, Some(0), "{err}");
    let before_bytes = std::fs::read(&state).unwrap();
    let (before, _, _) = run(&["decisions", "--format", "json"], &state);
    let (out, _, code) = run(&["decide", path, "--accept", "--dry-run"], &state);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("(1 matching already decided, left as they were)"),
        "{out}"
    );
    let (after, _, _) = run(&["decisions", "--format", "json"], &state);
    assert_eq!(before, after);
    assert_eq!(std::fs::read(&state).unwrap(), before_bytes);
}

#[test]
fn decide_then_decisions_round_trips_from_a_fresh_state() {
    let dir = tempdir();
    let state = dir.path().join("state.sqlite3");
    let export = load(EXPORT);
    let boilerplate = expected_picks(&export, |_, c| {
        c.class == invitriage::model::Class::Boilerplate
    });
    let all = expected_picks(&export, |_, _| true);
    let folder = fixture(EXPORT);
    let path = folder.to_str().unwrap();

    let (out, err, code) = run(
        &["decide", path, "--ignore", "--class", "boilerplate"],
        &state,
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), boilerplate.len() + 1, "{out}");
    assert!(
        out.lines()
            .all(|l| l.starts_with("ignore ") || l.starts_with("Ignored "))
    );

    let (json, _, _) = run(&["decisions", "--format", "json"], &state);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let got: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["verdict"], "ignore");
            assert_eq!(d["class"], "boilerplate");
            assert!(
                chrono::DateTime::parse_from_rfc3339(d["decided_at"].as_str().unwrap()).is_ok()
            );
            (
                d["key"].as_str().unwrap().to_string(),
                d["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, boilerplate);
    for d in v.as_array().unwrap() {
        let inv = export
            .invitations
            .iter()
            .find(|i| i.key() == d["key"])
            .unwrap();
        assert_eq!(
            d["profile_url"].as_str(),
            inv.sender.profile_url,
            "the sender's URL is kept with the decision"
        );
    }

    // The rest, then nothing left; undo takes back the second step as a whole.
    let (out, _, _) = run(&["decide", path, "--accept"], &state);
    assert_eq!(
        out.lines().count(),
        all.len() - boilerplate.len() + 1,
        "{out}"
    );
    let (out, _, _) = run(&["decide", path, "--accept"], &state);
    assert!(
        out.starts_with("No pending, undecided invitations match"),
        "{out}"
    );
    let (out, _, _) = run(&["undo"], &state);
    assert!(out.starts_with("Undid: accept"), "{out}");
    let (json, _, _) = run(&["decisions", "--format", "json"], &state);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), boilerplate.len());
}

#[test]
fn decide_filters_by_kind_and_sender_name() {
    let dir = tempdir();
    let state = dir.path().join("state.sqlite3");
    let export = load(EXPORT);
    let folder = fixture(EXPORT);
    let path = folder.to_str().unwrap();
    let no_note = expected_picks(&export, |_, c| {
        matches!(
            c.kind,
            invitriage::model::Kind::NoNote | invitriage::model::Kind::Default
        )
    });
    let (out, err, code) = run(
        &[
            "decide",
            path,
            "--ignore",
            "--kind",
            "no_note,default",
            "--dry-run",
        ],
        &state,
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), no_note.len() + 1, "{out}");

    let (_, first) = &expected_picks(&export, |_, _| true)[0];
    let part: String = first.chars().take(3).collect::<String>().to_uppercase();
    let by_name = expected_picks(&export, |inv, _| {
        inv.sender
            .name
            .to_lowercase()
            .contains(&part.to_lowercase())
    });
    let (out, _, _) = run(
        &["decide", path, "--ignore", "--from", &part, "--dry-run"],
        &state,
    );
    assert_eq!(out.lines().count(), by_name.len() + 1, "{out}");
    assert!(out.contains(first.as_str()), "{out}");
}

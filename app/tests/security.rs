//! Hostile input at the edges of the binary (docs/SECURITY.md): escape sequences in file
//! names and in the state, closed pipes, concurrent `decide` runs, odd `--state` paths,
//! the state's permissions, and which profile URLs may leave the program.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::cargo::CommandCargoExt;

fn bin() -> StdCommand {
    StdCommand::cargo_bin("invitriage").unwrap()
}

fn row(i: usize) -> String {
    format!(
        "Person {i:05},Sam Demo,\"2/12/26, 11:44 AM\",\"Hi Sam, I came across your profile and would like to connect. Number {i}.\",INCOMING,https://www.linkedin.com/in/person-{i:05}-demo,\n"
    )
}

/// An Invitations.csv of `n` incoming invitations with notes and profile URLs.
fn big_csv(dir: &Path, n: usize) -> PathBuf {
    let mut s =
        String::from("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    for i in 0..n {
        s.push_str(&row(i));
    }
    let p = dir.join("Invitations.csv");
    std::fs::write(&p, s).unwrap();
    p
}

// ---------------------------------------------------------------------------------------
// Failure 5: a closed pipe ends every format quietly.

#[test]
fn a_closed_pipe_ends_every_format_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Far more than a pipe buffer (64 KiB), so the writer meets the closed pipe.
    let csv = big_csv(dir.path(), 3_000);
    let state = dir.path().join("state.sqlite3");
    for args in [
        ["list", "--format", "csv"],
        ["list", "--format", "json"],
        ["list", "--format", "jsonl"],
        ["list", "--format", "table"],
        ["classify", "--format", "csv"],
        ["classify", "--format", "json"],
        ["classify", "--format", "jsonl"],
        ["classify", "--format", "table"],
    ] {
        let mut child = bin()
            .args(args)
            .arg(&csv)
            .env("INVITRIAGE_STATE", &state)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read a little, like `head -c 100`, then close our end.
        let mut first = [0u8; 100];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} printed on stderr: {err}");
    }
}

// ---------------------------------------------------------------------------------------
// Failure 3: two `decide` runs at once never both claim an invitation.

/// How many invitations one `decide` run says it recorded, from its closing line.
fn claimed(stdout: &str) -> usize {
    let last = stdout.lines().last().unwrap_or_default();
    if last.starts_with("No pending, undecided invitations match") {
        return 0;
    }
    let n = last
        .strip_prefix("Accepted ")
        .or_else(|| last.strip_prefix("Ignored "))
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok());
    n.unwrap_or_else(|| panic!("no closing line in {stdout}"))
}

#[test]
fn two_decide_runs_at_once_never_both_claim_an_invitation() {
    const ROWS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), ROWS);
    for round in 0..8 {
        let state = dir.path().join(format!("state-{round}.sqlite3"));
        let spawn = |verdict: &str| {
            bin()
                .args(["decide", verdict])
                .arg(&csv)
                .env("INVITRIAGE_STATE", &state)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let accept = spawn("--accept");
        let ignore = spawn("--ignore");
        let accept = accept.wait_with_output().unwrap();
        let ignore = ignore.wait_with_output().unwrap();
        let text = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(accept.status.success(), "{accept:?}");
        assert!(ignore.status.success(), "{ignore:?}");
        let (a, i) = (text(&accept), text(&ignore));
        let (na, ni) = (claimed(&a), claimed(&i));
        assert_eq!(
            na + ni,
            ROWS,
            "round {round}: both claimed rows:\n{a}\n---\n{i}"
        );
        // Each run lists the rows it recorded, and counts every other row as already
        // decided, with a line for each one the other run took after this one looked.
        for (out, n, verb) in [(&a, na, "accept "), (&i, ni, "ignore ")] {
            let listed = out.lines().filter(|l| l.starts_with(verb)).count();
            assert_eq!(listed, n, "round {round}: {out}");
            if n < ROWS {
                let skipped = format!("({} matching already decided", ROWS - n);
                assert!(out.contains(&skipped), "round {round}: {out}");
            }
            let raced = out
                .lines()
                .filter(|l| l.starts_with("already decided"))
                .count();
            assert!(raced <= ROWS - n, "round {round}: {out}");
        }
        // The state agrees with what the runs said.
        let listed = cmd_decisions(&state);
        let accepted = listed.iter().filter(|d| d["verdict"] == "accept").count();
        assert_eq!(listed.len(), ROWS, "round {round}");
        assert_eq!(accepted, na, "round {round}");
    }
}

fn cmd_decisions(state: &Path) -> Vec<serde_json::Value> {
    let out = bin()
        .args(["decisions", "--format", "json"])
        .env("INVITRIAGE_STATE", state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

// ---------------------------------------------------------------------------------------
// Failure 9: `decide` prints what it decided only after the commit.

#[test]
fn decide_prints_no_decision_when_the_commit_fails() {
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), 20);
    let state = dir.path().join("state.sqlite3");
    drop(invitriage::store::Store::open(&state).unwrap());
    // Every write now fails, as on a full disk, after `decide` has chosen its rows.
    rusqlite::Connection::open(&state)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER no_room BEFORE INSERT ON events \
             BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END;",
        )
        .unwrap();
    let out = bin()
        .args(["decide", "--accept"])
        .arg(&csv)
        .env("INVITRIAGE_STATE", &state)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        !stdout.lines().any(|l| l.starts_with("accept")),
        "claimed decisions that were never recorded:\n{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("disk is full"),
        "{out:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Failure 4: a state path that is not a regular file is an error, never a hang.

/// Run `args` with `--state state`, failing the test if it takes more than 20 s (a hang).
fn with_state(args: &[&str], state: &Path) -> std::process::Output {
    let mut child = bin()
        .args(args)
        .arg("--state")
        .arg(state)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("{args:?} --state {} hung", state.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn a_state_that_is_not_a_regular_file_is_exit_2_never_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), 3);
    let fifo = dir.path().join("fifo");
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let journal = Path::new("/dev/null-journal");
    let journal_before = journal.exists();
    let csv = csv.to_str().unwrap();
    for (state, kind) in [
        (fifo.as_path(), "named pipe"),
        (socket.as_path(), "socket"),
        (Path::new("/dev/null"), "device"),
    ] {
        for args in [
            &["decide", "--accept", csv][..],
            &["decide", "--accept", "--dry-run", csv],
            &["decisions"],
            &["undo"],
            &["stats", csv],
        ] {
            let out = with_state(args, state);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {state:?}: {err}");
            assert!(err.contains(kind), "{args:?} {state:?}: {err}");
            assert!(err.contains("not a regular file"), "{err}");
        }
    }
    if !journal_before {
        assert!(!journal.exists(), "created /dev/null-journal");
    }
}

// ---------------------------------------------------------------------------------------
// Failure 8: the state is its owner's alone.

#[test]
fn the_state_is_created_owner_only_and_an_open_one_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let csv = big_csv(dir.path(), 3);
    let state_dir = dir.path().join("new/invitriage");
    let state = state_dir.join("state.sqlite3");
    // A permissive umask must not matter.
    let out = StdCommand::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("invitriage"))
        .args(["decide", "--accept", "--state"])
        .arg(&state)
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty() || !String::from_utf8_lossy(&out.stderr).contains("warning"));
    assert_eq!(mode(&state_dir), 0o700, "directory");
    assert_eq!(mode(state_dir.parent().unwrap()), 0o700, "created parent");
    // The -wal and -shm files exist while a connection is open: hold one.
    let held = rusqlite::Connection::open(&state).unwrap();
    held.execute_batch("BEGIN; SELECT count(*) FROM events; COMMIT;")
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let p = PathBuf::from(format!("{}{suffix}", state.display()));
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    // Someone made it readable by all: every command that opens it says so.
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [
        &["decisions"][..],
        &["decide", "--ignore", csv.to_str().unwrap()],
    ] {
        let out = with_state(args, &state);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(
            err.contains("warning") && err.contains("other users") && err.contains("chmod 600"),
            "{args:?}: {err}"
        );
    }
    drop(held);
}

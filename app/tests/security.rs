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

fn row(i: usize, pad: &str) -> String {
    format!(
        "Person {i:05}{pad},Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING,https://www.linkedin.com/in/person-{i:05}-demo,\n"
    )
}

/// An Invitations.csv of `n` incoming invitations without notes (the classifier's quick
/// path: these tests are about output and the store), with profile URLs.
fn big_csv(dir: &Path, n: usize) -> PathBuf {
    csv_with_names(dir, n, "")
}

/// Like [`big_csv`], each name padded with `pad` to make the output large.
fn csv_with_names(dir: &Path, n: usize, pad: &str) -> PathBuf {
    let mut s =
        String::from("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    for i in 0..n {
        s.push_str(&row(i, pad));
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
    // Far more than a pipe buffer (64 KiB) in every format, so the writer meets the closed
    // pipe: 400 names of 500 characters.
    let csv = csv_with_names(dir.path(), 400, &" Long-Surname".repeat(40));
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

// ---------------------------------------------------------------------------------------
// Failure 2: escape sequences in file, folder and entry names, and in the state, never reach
// the terminal.

/// Clear the screen, then set the clipboard (OSC 52), then a bell-terminated title.
const EVIL: &str = "\u{1b}[2J\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\u{1b}]0;pwned\u{7}\u{9b}31m";

fn assert_no_escape(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "{what} printed an escape sequence: {text:?}"
    );
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn run_in(args: &[&str], path: &Path, state: &Path) -> std::process::Output {
    bin()
        .args(args)
        .arg(path)
        .env("INVITRIAGE_STATE", state)
        .output()
        .unwrap()
}

#[test]
fn hostile_file_folder_and_entry_names_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let csv = std::fs::read(big_csv(dir.path(), 3)).unwrap();
    // A folder named with escapes, holding an export.
    let folder = dir.path().join(format!("dir{EVIL}"));
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("Invitations.csv"), &csv).unwrap();
    // A ZIP whose entry folder is named with escapes, itself named with escapes.
    let zip = dir.path().join(format!("export{EVIL}.zip"));
    let entry = format!("Export{EVIL}/Invitations.csv");
    std::fs::write(&zip, zip_bytes(&[(&entry, &csv)])).unwrap();
    // A folder and a ZIP without Invitations.csv, whose "found …" lists name hostile files.
    let no_export = dir.path().join(format!("empty{EVIL}"));
    std::fs::create_dir(&no_export).unwrap();
    std::fs::write(no_export.join(format!("notes{EVIL}.csv")), "a,b\n").unwrap();
    let no_export_zip = dir.path().join("other.zip");
    std::fs::write(
        &no_export_zip,
        zip_bytes(&[(&format!("Connections{EVIL}.csv"), b"a,b\n")]),
    )
    .unwrap();

    for input in [&folder, &zip] {
        for args in [
            &["list", "--format", "csv"][..],
            &["list", "--format", "table"],
            &["list", "--format", "json"],
            &["stats"],
            &["classify", "--format", "csv"],
            &["decide", "--accept", "--dry-run"],
            &["decide", "--accept"],
        ] {
            let out = run_in(args, input, &state);
            assert!(out.status.success(), "{args:?}: {out:?}");
            assert_no_escape(&format!("{args:?} stdout"), &out.stdout);
            assert_no_escape(&format!("{args:?} stderr"), &out.stderr);
        }
    }
    // The names are shown, cleaned: the readable part survives.
    let out = run_in(&["list", "--format", "csv"], &zip, &state);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Export"));
    for args in [
        &["decisions", "--format", "csv"][..],
        &["decisions", "--format", "table"],
        &["undo"],
    ] {
        let out = bin()
            .args(args)
            .env("INVITRIAGE_STATE", &state)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_no_escape(&format!("{args:?}"), &out.stdout);
    }
    // Errors name the file: cleaned too, "found …" lists included.
    for bad in [
        no_export.clone(),
        no_export_zip.clone(),
        dir.path().join(format!("missing{EVIL}.csv")),
        folder.join(format!("Invitations{EVIL}.csv")),
    ] {
        let out = run_in(&["list"], &bad, &state);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert_no_escape("an error", &out.stderr);
        assert!(!out.stderr.is_empty());
    }
    let out = run_in(&["list"], &no_export, &state);
    assert!(String::from_utf8_lossy(&out.stderr).contains("found notes"));
    // A state path with escapes, in messages and errors.
    let odd_state = dir.path().join(format!("state{EVIL}"));
    std::fs::create_dir(&odd_state).unwrap();
    let out = bin()
        .args(["decisions", "--state"])
        .arg(&odd_state)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_escape("a state error", &out.stderr);
}

/// A state file edited by hand (or by another program): its text is cleaned on output and
/// its URLs are checked again.
#[test]
fn a_hand_edited_state_prints_no_escape_and_no_foreign_url() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    drop(invitriage::store::Store::open(&state).unwrap());
    let conn = rusqlite::Connection::open(&state).unwrap();
    for (i, url) in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://linkedin.com.evil.example/in/eve",
        "https://www.linkedin.com/in/ana-alvarez-demo",
    ]
    .iter()
    .enumerate()
    {
        conn.execute(
            "INSERT INTO events (id, grp, at, op, key, name, profile_url, class, export)
             VALUES (?1, ?1, '2026-11-21T10:00:00Z', 'accept', ?2, ?3, ?4, 'personal', ?5)",
            rusqlite::params![
                i as i64 + 1,
                format!("in:key{i}{EVIL}"),
                format!("Eve{EVIL} {i}"),
                url,
                format!("export{EVIL}.zip"),
            ],
        )
        .unwrap();
    }
    drop(conn);
    for format in ["csv", "table", "json", "jsonl"] {
        let out = bin()
            .args(["decisions", "--format", format])
            .env("INVITRIAGE_STATE", &state)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_no_escape(format, &out.stdout);
        let text = String::from_utf8_lossy(&out.stdout);
        for foreign in ["javascript:", "file:", "evil.example"] {
            assert!(
                !text.contains(foreign),
                "{format} printed {foreign}: {text}"
            );
        }
        assert!(
            text.contains("https://www.linkedin.com/in/ana-alvarez-demo"),
            "{format}: {text}"
        );
    }
    // The README hand-off: the first CSV column, to xdg-open, holds only LinkedIn profiles.
    let out = bin()
        .args(["decisions", "--verdict", "accept", "--format", "csv"])
        .env("INVITRIAGE_STATE", &state)
        .output()
        .unwrap();
    let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
    let urls: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .filter(|u| !u.is_empty())
        .collect();
    assert_eq!(urls, ["https://www.linkedin.com/in/ana-alvarez-demo"]);
    let out = bin()
        .arg("undo")
        .env("INVITRIAGE_STATE", &state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_no_escape("undo", &out.stdout);
}

// ---------------------------------------------------------------------------------------
// Failure 7: only https LinkedIn profile URLs are kept at import.

#[test]
fn import_keeps_only_https_linkedin_profile_urls_and_names_each_dropped_row() {
    let hostile = [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://www.linkedin.com/in/eve",
        "data:text/html;base64,PHNjcmlwdD4=",
        "https://linkedin.com.evil.example/in/eve",
        "https://evil-linkedin.com/in/eve",
        "https://xn--linkedn-ejg.com/in/eve",
        "https://linkedin.com@evil.example/in/eve",
        "https://www.linkedin.com:8443/in/eve",
    ];
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let mut csv =
        String::from("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    csv.push_str("Ana Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING,https://de.linkedin.com/in/ana-alvarez-demo,\n");
    for (i, url) in hostile.iter().enumerate() {
        csv.push_str(&format!(
            "Eve {i},Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING,\"{url}\",\n"
        ));
    }
    let path = dir.path().join("Invitations.csv");
    std::fs::write(&path, &csv).unwrap();
    // The same in invitriage JSON lines.
    let jsonl: String = std::iter::once("https://www.linkedin.com/in/ana-alvarez-demo")
        .chain(hostile)
        .enumerate()
        .map(|(i, url)| {
            serde_json::json!({"direction": "incoming", "from": format!("Eve {i}"), "to": "Sam Demo",
                "sent_at": "2026-11-20T17:14:00Z", "from_profile_url": url})
            .to_string()
                + "\n"
        })
        .collect();
    let json_path = dir.path().join("mine.jsonl");
    std::fs::write(&json_path, jsonl).unwrap();

    for (input, first_row) in [(&path, 3), (&json_path, 2)] {
        let out = run_in(&["list", "--format", "csv"], input, &state);
        assert!(out.status.success(), "{out:?}");
        let mut rdr = csv::Reader::from_reader(&out.stdout[..]);
        let urls: Vec<String> = rdr.records().map(|r| r.unwrap()[3].to_string()).collect();
        assert_eq!(urls.len(), hostile.len() + 1);
        assert!(urls[0].starts_with("https://"), "{urls:?}");
        assert!(urls[1..].iter().all(String::is_empty), "{urls:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for line in first_row..first_row + hostile.len() {
            let at = format!("{}:{line}: dropped the profile URL", input.display());
            assert!(err.contains(&at), "no warning for line {line}: {err}");
        }
    }
    // Nothing but the good URL reaches the decisions, so neither the hand-off nor `o`.
    let out = run_in(&["decide", "--accept"], &path, &state);
    assert!(out.status.success(), "{out:?}");
    let decided = cmd_decisions(&state);
    assert_eq!(decided.len(), hostile.len() + 1);
    let urls: Vec<&str> = decided
        .iter()
        .filter_map(|d| d["profile_url"].as_str())
        .collect();
    assert_eq!(urls, ["https://de.linkedin.com/in/ana-alvarez-demo"]);
}

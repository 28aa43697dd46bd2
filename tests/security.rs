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

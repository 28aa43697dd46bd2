//! End to end in a real terminal: drive the binary inside tmux on a fixture export with a
//! temporary `--state`, then check the decisions survived a relaunch and reached
//! `invitriage decisions --format json`. Polls the pane with a deadline instead of sleeping.
//! Skips (saying so) only when tmux is not installed; CI installs it. `cargo test --release
//! --test e2e_tmux` drives the release binary (the binary of the profile under test).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The workspace root, where fixtures/ lives (this package is app/ inside it).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const BIN: &str = env!("CARGO_BIN_EXE_invitriage");

/// The binary under test; `INVITRIAGE_E2E_BIN` drives another build (e.g. to show a test
/// fails on a binary without the fix).
fn bin() -> String {
    std::env::var("INVITRIAGE_E2E_BIN").unwrap_or_else(|_| BIN.to_string())
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Start the app in a fresh 120x40 session; the pane stays after the app exits.
    fn launch(&self, session: &str, export: &Path, state: &Path) {
        self.launch_sized(session, export, state, (120, 40));
    }

    fn launch_sized(&self, session: &str, export: &Path, state: &Path, size: (u16, u16)) {
        let shell = format!(
            "env -u DISPLAY -u WAYLAND_DISPLAY INVITRIAGE_BROWSER=none INVITRIAGE_CONFIG=/nonexistent/config.toml TERM=xterm-256color \
             '{}' '{}' --state '{}'; echo \"APP EXITED $?\"; sleep 600",
            bin(),
            export.display(),
            state.display()
        );
        let out = self.cmd(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            &size.0.to_string(),
            "-y",
            &size.1.to_string(),
            &shell,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        // Let applications set tmux's buffer by OSC 52 (the default only passes it on).
        self.cmd(&["set-option", "-g", "set-clipboard", "on"]);
    }

    fn keys(&self, session: &str, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", session];
        args.extend_from_slice(keys);
        let out = self.cmd(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    fn text(&self, session: &str, text: &str) {
        let out = self.cmd(&["send-keys", "-t", session, "-l", text]);
        assert!(out.status.success(), "send-keys -l {text:?}: {out:?}");
    }

    fn screen(&self, session: &str) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", session]).stdout)
            .into_owned()
    }

    /// Wait until the screen satisfies `pred`; panic with the screen after the deadline.
    fn wait(&self, session: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen(session);
            if pred(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen was:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, session: &str, needle: &str) -> String {
        self.wait(session, &format!("{needle:?}"), |s| s.contains(needle))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn fixture() -> PathBuf {
    Path::new(ROOT).join("fixtures/tui/Invitations.csv")
}

#[test]
fn triage_in_tmux_survives_a_relaunch_and_hands_off() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED triage_in_tmux_survives_a_relaunch_and_hands_off: tmux is not installed"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let t = Tmux {
        socket: format!("invitriage-e2e-{}", std::process::id()),
    };

    // First run: accept two, ignore one, popup, search, quit.
    t.launch("first", &fixture(), &state);
    t.wait_for("first", "Boilerplate");
    go_to_tab_status(&t, "first", "All");
    t.keys("first", &["s"]);
    t.wait_for("first", "Sorted by name");
    t.keys("first", &["g"]);
    t.keys("first", &["a"]);
    t.wait_for("first", "Accepted Ana Alvarez: u to undo");
    t.keys("first", &["a"]);
    t.wait_for("first", "Accepted Ben Okafor: u to undo");
    t.keys("first", &["i"]);
    // The screen is polled while it may be half drawn: wait for the whole condition.
    t.wait("first", "Chen ignored, Dara next", |s| {
        s.contains("Ignored Chen Wei: u to undo") && s.contains("Dara Singh")
    });

    t.keys("first", &["p"]);
    t.wait("first", "Dara's profile popup, complete", |s| {
        s.contains("┌ Dara Singh")
            && s.contains("Other invitations from them")
            && s.contains("No decision yet")
    });
    // A message from a key pressed in the popup shows below it, and tells the truth.
    t.keys("first", &["o"]);
    t.wait_for(
        "first",
        "No browser opened (turned off by INVITRIAGE_BROWSER=none)",
    );
    // y copies the profile URL: no system clipboard here, so OSC 52 into tmux's buffer.
    t.keys("first", &["y"]);
    t.wait_for(
        "first",
        "Copied https://www.linkedin.com/in/dara-singh-demo (OSC 52",
    );
    let buffer = t.cmd(&["show-buffer"]);
    assert_eq!(
        String::from_utf8_lossy(&buffer.stdout),
        "https://www.linkedin.com/in/dara-singh-demo"
    );
    t.keys("first", &["Escape"]);
    t.wait("first", "the popup to close", |s| {
        !s.contains("Other invitations from them")
    });

    t.keys("first", &["/"]);
    t.text("first", "farid");
    t.wait_for("first", "/farid");
    t.wait_for("first", "1 match");
    t.keys("first", &["Enter"]);
    t.wait_for("first", "1 match for \"farid\"");

    t.keys("first", &["q"]);
    t.wait("first", "a clean exit with the summary", |s| {
        s.contains("APP EXITED 0") && s.contains("3 decisions saved in")
    });

    // Second run: the decisions are there, and the export opens as it was left (All, by name).
    t.launch("second", &fixture(), &state);
    t.wait_for("second", "Decided 3");
    t.wait("second", "the All tab sorted by name", |s| {
        s.contains("sorted by name") && status_line(s).ends_with(" in All")
    });
    go_to_tab_status(&t, "second", "Decided");
    t.wait("second", "the three decisions listed", |s| {
        s.contains("1/3 in Decided")
            && ["Ana Alvarez", "Ben Okafor", "Chen Wei"]
                .iter()
                .all(|n| s.contains(n))
    });
    let scr = t.screen("second");
    let list: Vec<&str> = scr.lines().skip(2).take(6).collect();
    assert!(
        !list.iter().any(|l| l.contains("Dara Singh")),
        "Dara is undecided:\n{scr}"
    );
    t.keys("second", &["q"]);
    t.wait_for("second", "APP EXITED 0");

    // The hand-off list.
    let out = Command::new(BIN)
        .args(["decisions", "--format", "json", "--state"])
        .arg(&state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = v.as_array().expect("one JSON array");
    assert_eq!(records.len(), 3, "{v:#}");
    let verdict_of = |name: &str| {
        records
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} not in {v:#}"))["verdict"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(verdict_of("Ana Alvarez"), "accept");
    assert_eq!(verdict_of("Ben Okafor"), "accept");
    assert_eq!(verdict_of("Chen Wei"), "ignore");
    let ana = records.iter().find(|r| r["name"] == "Ana Alvarez").unwrap();
    assert_eq!(
        ana["profile_url"],
        "https://www.linkedin.com/in/ana-alvarez-demo"
    );

    // Third run: ignore everything, confirm and quit in one burst, before the save is back.
    // The summary waits for the save and reports what the store holds, with this --state.
    t.launch("third", &fixture(), &state);
    t.wait_for("third", "Decided 3");
    go_to_tab_status(&t, "third", "All");
    t.keys("third", &["I"]);
    t.wait_for("third", "┌ Confirm");
    t.keys("third", &["y", "q"]);
    let scr = t.wait_for("third", "APP EXITED 0");
    let out = Command::new(BIN)
        .args(["decisions", "--format", "json", "--state"])
        .arg(&state)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let held = v.as_array().unwrap().len();
    assert!(held > 3, "the bulk ignore was saved: {v:#}");
    let joined: String = scr.lines().map(str::trim_end).collect::<Vec<_>>().join("");
    assert!(
        joined.contains(&format!("{held} decisions saved in")),
        "{scr}"
    );
    assert!(
        joined.contains(&format!("invitriage decisions --state {}", state.display())),
        "{scr}"
    );
}

/// The status line (second line from the bottom of the 40-row pane).
fn status_line(screen: &str) -> String {
    screen.lines().nth(38).unwrap_or("").trim_end().to_string()
}

/// Press Tab until the default status line ("1/6 in All") names the tab. The classifier
/// decides which tab the app opens on, so the test does not assume it.
fn go_to_tab_status(t: &Tmux, s: &str, tab: &str) {
    let want = format!(" in {tab}");
    for _ in 0..4 {
        let before = status_line(&t.screen(s));
        if before.ends_with(&want) {
            return;
        }
        t.keys(s, &["Tab"]);
        t.wait(s, "the tab to change", |scr| status_line(scr) != before);
    }
    t.wait(s, &format!("the {tab} tab"), |scr| {
        status_line(scr).ends_with(&want)
    });
}

#[test]
fn no_terminal_means_a_clear_usage_error() {
    let out = Command::new(BIN)
        .arg(fixture())
        .arg("--state")
        .arg(std::env::temp_dir().join("invitriage-unused.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}

/// A character of the complex scripts in fixtures/tui-scripts (Bengali, Devanagari, Tamil,
/// Thai).
fn complex_script(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0E7F)
}

#[test]
fn complex_scripts_leave_no_stale_cells() {
    if !tmux_available() {
        eprintln!("SKIPPED complex_scripts_leave_no_stale_cells: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let export = Path::new(ROOT).join("fixtures/tui-scripts/Invitations.csv");
    let latin = [
        "Lena Vogt",
        "Paul Meyer",
        "Tom Becker",
        "Nina Roth",
        "Omar Haddad",
        "Jonas Weber",
        "Clara Fischer",
        "Ravi Kumar",
    ];
    let t = Tmux {
        socket: format!("invitriage-e2e-scripts-{}", std::process::id()),
    };
    let s = "scripts";
    t.launch_sized(s, &export, &state, (80, 24));
    t.wait_for(s, "All 12");
    for _ in 0..3 {
        t.keys(s, &["Tab"]);
    }
    t.wait_for(s, "1/12 in All");
    // Walk the list down and up so every complex-script row passes through every line.
    for i in 2..=12 {
        t.keys(s, &["j"]);
        t.wait_for(s, &format!("{i}/12 in All"));
    }
    for i in (1..=11).rev() {
        t.keys(s, &["k"]);
        t.wait_for(s, &format!("{i}/12 in All"));
    }
    for i in 2..=6 {
        t.keys(s, &["j"]);
        t.wait_for(s, &format!("{i}/12 in All"));
    }
    let clean = |screen: &str| -> Result<(), String> {
        for line in screen.lines() {
            if latin.iter().any(|n| line.contains(n)) && line.chars().any(complex_script) {
                return Err(format!("stale glyphs on a Latin row: {line:?}"));
            }
        }
        Ok(())
    };
    let screen = t.screen(s);
    clean(&screen).unwrap_or_else(|e| panic!("{e}\n{screen}"));
    // Columns stay aligned: every Latin row has its badge at one column.
    let cols: Vec<usize> = screen
        .lines()
        .skip(2)
        .take(10)
        .filter(|l| latin.iter().any(|n| l.contains(n)))
        .filter_map(|l| {
            ["personal", "default", "generic", "no_note", "template"]
                .iter()
                .filter_map(|b| l.find(b).map(|x| l[..x].chars().count()))
                .min()
        })
        .collect();
    assert!(
        cols.len() >= 4 && cols.iter().all(|c| *c == cols[0]),
        "{cols:?}\n{screen}"
    );

    // The help popup over those rows: nothing of them shows through.
    t.keys(s, &["?"]);
    let help = t.wait_for(s, "┌ Help");
    // What lies between the popup's side borders (the list shows on either side of it).
    let inside: Vec<&str> = help
        .lines()
        .filter_map(|l| {
            let a = l.find('│')?;
            let b = l.rfind('│')?;
            (b > a).then(|| &l[a..b])
        })
        .collect();
    assert!(
        inside.iter().all(|l| !l.chars().any(complex_script)),
        "script glyphs inside the help popup:\n{help}"
    );
    t.keys(s, &["Escape"]);
    t.wait(s, "help to close", |scr| !scr.contains("┌ Help"));
    let screen = t.screen(s);
    clean(&screen).unwrap_or_else(|e| panic!("{e}\n{screen}"));
    t.keys(s, &["q"]);
    t.wait_for(s, "APP EXITED 0");
}

/// The Sent tab, the Overview and the new marker across two exports of one account
/// (fixtures/diff): withdraw a request in the older export, then open the newer one.
#[test]
fn sent_overview_and_new_marker_across_two_exports_in_tmux() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED sent_overview_and_new_marker_across_two_exports_in_tmux: tmux is not installed"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let t = Tmux {
        socket: format!("invitriage-e2e-insight-{}", std::process::id()),
    };
    let old = Path::new(ROOT).join("fixtures/diff/Basic_LinkedInDataExport_10-03-2026");
    let new = Path::new(ROOT).join("fixtures/diff/Basic_LinkedInDataExport_11-20-2026");

    t.launch("old", &old, &state);
    t.wait_for("old", "Sent 2");
    // The Overview, from the list, and back.
    t.keys("old", &["v"]);
    t.wait("old", "the Overview", |s| {
        s.contains("Overview") && s.contains("Per month") && s.contains("Template clusters")
    });
    t.keys("old", &["Escape"]);
    t.wait("old", "the Overview to close", |s| !s.contains("Per month"));
    // The Sent tab: oldest first; withdraw the oldest.
    go_to_tab_status(&t, "old", "Sent");
    t.wait("old", "both pending requests", |s| {
        s.contains("Kai Park") && s.contains("Lee Moss") && s.contains("2 pending")
    });
    t.keys("old", &["g", "w"]);
    t.wait_for("old", "Marked to withdraw Kai Park: u to undo");
    t.keys("old", &["q"]);
    t.wait_for("old", "APP EXITED 0");

    // The newer export: three invitations are new (two incoming, one sent), Kai's withdraw
    // decision carried over by identity.
    t.launch("new", &new, &state);
    t.wait("new", "the since line", |s| {
        s.contains("3 new since") && s.contains("1 decided earlier")
    });
    go_to_tab_status(&t, "new", "All");
    t.keys("new", &["*"]);
    t.wait("new", "only the new rows", |s| {
        s.contains("only new")
            && s.contains("Eve Gray")
            && s.contains("Cy Dorn")
            && !s.contains("Bo Chen")
    });
    t.keys("new", &["q"]);
    t.wait_for("new", "APP EXITED 0");

    let out = Command::new(BIN)
        .args([
            "decisions",
            "--verdict",
            "withdraw",
            "--format",
            "json",
            "--state",
        ])
        .arg(&state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v:#}");
    assert_eq!(v[0]["name"], "Kai Park");
    assert_eq!(v[0]["verdict"], "withdraw");
}

/// The header's count for `tab` ("Personal 3" gives 3), if the header is drawn.
fn header_count(screen: &str, tab: &str) -> Option<usize> {
    let head = screen.lines().next()?;
    let at = head.find(&format!("{tab} "))?;
    head[at + tab.len() + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// The header's Personal and Boilerplate counts.
fn header_counts(screen: &str) -> Option<(usize, usize)> {
    Some((
        header_count(screen, "Personal")?,
        header_count(screen, "Boilerplate")?,
    ))
}

/// How many invitations `invitriage classify` puts in each class, with this `--state`.
fn cli_classes(export: &Path, state: &Path) -> (serde_json::Value, usize, usize) {
    let out = Command::new(BIN)
        .args(["classify", "--format", "json", "--state"])
        .arg(state)
        .arg(export)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let count = |c: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["class"] == c)
            .count()
    };
    let (p, b) = (count("personal"), count("boilerplate"));
    (v, p, b)
}

/// `r` on one of three near-identical notes (fixtures/near-duplicates) moves the other two in
/// the app, undo and redo move them back and forth, a relaunch shows them moved, and
/// `invitriage classify` with the same store agrees row for row.
#[test]
fn near_duplicates_follow_a_reclassification_in_tmux() {
    if !tmux_available() {
        eprintln!(
            "SKIPPED near_duplicates_follow_a_reclassification_in_tmux: tmux is not installed"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let export = Path::new(ROOT).join("fixtures/near-duplicates/Invitations.csv");
    let t = Tmux {
        socket: format!("invitriage-e2e-near-{}", std::process::id()),
    };
    let (_, personal, boilerplate) = cli_classes(&export, &state);

    t.launch("one", &export, &state);
    let scr = t.wait_for("one", "Boilerplate");
    assert_eq!(
        header_counts(&scr),
        Some((personal, boilerplate)),
        "the app counts what classify counts:\n{scr}"
    );
    go_to_tab_status(&t, "one", "All");
    t.keys("one", &["/"]);
    t.text("one", "omar");
    t.wait_for("one", "1 match");
    t.keys("one", &["Enter"]);
    t.wait_for("one", "1 match for \"omar\"");
    t.keys("one", &["r"]);
    let scr = t.wait_for("one", "; 2 near-identical notes moved with it: u to undo");
    let to = if scr.contains("Marked Omar Haddad as personal;") {
        "personal"
    } else {
        assert!(scr.contains("Marked Omar Haddad as boilerplate;"), "{scr}");
        "boilerplate"
    };
    let moved = |s: &str| {
        header_counts(s)
            == Some(if to == "personal" {
                (personal + 3, boilerplate - 3)
            } else {
                (personal - 3, boilerplate + 3)
            })
    };
    t.wait("one", "the counts to follow the three notes", moved);
    // Priya's note moved too, and says why.
    t.keys("one", &["/"]);
    t.wait_for("one", "/omar");
    t.keys("one", &["BSpace", "BSpace", "BSpace", "BSpace"]);
    t.text("one", "priya");
    t.wait_for("one", "/priya");
    t.keys("one", &["Enter"]);
    // (The side pane wraps the reason before "(from".)
    t.wait("one", "Priya's reason", |s| {
        s.contains(&format!("You marked a near-identical note {to}"))
            && s.contains("(from Omar Haddad)")
    });

    t.keys("one", &["u"]);
    t.wait_for(
        "one",
        &format!("Undone: mark Omar Haddad as {to}; 2 near-identical notes moved back"),
    );
    t.wait("one", "the counts back", |s| {
        header_counts(s) == Some((personal, boilerplate))
    });
    t.keys("one", &["C-r"]);
    t.wait_for(
        "one",
        &format!("Redone: mark Omar Haddad as {to}; 2 near-identical notes moved with it"),
    );
    t.wait("one", "the counts moved again", moved);
    t.keys("one", &["q"]);
    t.wait_for("one", "APP EXITED 0");

    // A relaunch reads the one stored reclassification and moves the others again.
    t.launch("two", &export, &state);
    let scr = t.wait("two", "the moved counts", moved);
    let (v, p, b) = cli_classes(&export, &state);
    assert_eq!(header_counts(&scr), Some((p, b)), "{scr}");
    t.keys("two", &["q"]);
    t.wait_for("two", "APP EXITED 0");
    for name in ["Priya Nair", "Tomas Ruiz"] {
        let r = v
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["from"] == name)
            .unwrap();
        assert_eq!(r["class"], to, "{v:#}");
        assert_eq!(
            r["reasons"][0],
            format!("You marked a near-identical note {to} (from Omar Haddad)")
        );
    }
}

/// `n` generated rows of Invitations.csv from `from`, a note on every tenth.
fn generated_rows(from: usize, n: usize) -> String {
    let mut out = String::new();
    for i in from..from + n {
        let note = if i % 10 == 0 {
            "\"Hi Sam, we met at RustConf and talked about async cancellation.\""
        } else {
            ""
        };
        out.push_str(&format!(
            "Person {i},Sam Demo,\"2/12/26, 11:44 AM\",{note},INCOMING,https://www.linkedin.com/in/person-{i}\n"
        ));
    }
    out
}

const GENERATED_HEADER: &str = "From,To,Sent At,Message,Direction,inviterProfileUrl\n";

/// The verdicts the store holds, by name.
fn stored_verdicts(state: &Path) -> Vec<(String, String)> {
    let out = Command::new(BIN)
        .args(["decisions", "--format", "json", "--state"])
        .arg(state)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// An export that arrives through a pipe, so the test decides when the rest of it comes: the
/// gauge shows, then the list from the first rows with classes pending while the rest is
/// still unread, and the keys that work then. What happens when the rest arrives is `then`'s.
fn while_loading(name: &str, then: impl FnOnce(&Tmux, std::fs::File, &Path)) {
    if !tmux_available() {
        eprintln!("SKIPPED {name}: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let export = dir.path().join("Invitations.csv");
    let made = Command::new("mkfifo").arg(&export).status().unwrap();
    assert!(made.success(), "mkfifo");
    let t = Tmux {
        socket: format!("invitriage-e2e-{name}-{}", std::process::id()),
    };
    t.launch_sized("s", &export, &state, (100, 30));
    // Opening the pipe waits for the app to open it: nothing is written yet, so it shows the
    // gauge of a load of unknown size.
    let mut pipe = std::fs::OpenOptions::new()
        .write(true)
        .open(&export)
        .unwrap();
    t.wait_for("s", "Loading");
    use std::io::Write as _;
    pipe.write_all(GENERATED_HEADER.as_bytes()).unwrap();
    pipe.write_all(generated_rows(0, 5_000).as_bytes()).unwrap();
    pipe.flush().unwrap();
    // The list, from the first 5,000 rows, while the rest of the file is not even written.
    let scr = t.wait("s", "the list from the first rows", |s| {
        s.contains("showing the first 5000") && s.contains("Person 0 ")
    });
    assert!(scr.contains("pending"), "{scr}");
    assert!(scr.contains("Personal …"), "{scr}");
    assert!(scr.contains("All 5000"), "{scr}");
    // Deciding works; switching tabs waits for the classes, and says so.
    t.keys("s", &["a"]);
    t.wait_for("s", "Accepted Person 0: u to undo");
    t.keys("s", &["Tab"]);
    t.wait_for("s", "Switching tabs waits for the classes");
    t.text("s", "/person 17");
    t.keys("s", &["Enter"]);
    t.wait_for("s", "match");
    then(&t, pipe, &state);
}

#[test]
fn a_large_export_shows_its_first_rows_before_it_is_read_then_the_classes() {
    while_loading("first-rows", |t, mut pipe, state| {
        use std::io::Write as _;
        pipe.write_all(generated_rows(5_000, 3_000).as_bytes())
            .unwrap();
        // The end of the file: the rest loads, is classified, and the tabs count.
        drop(pipe);
        let scr = t.wait("s", "the classes", |s| {
            s.contains("Classified") && header_counts(s).is_some()
        });
        let (personal, boilerplate) = header_counts(&scr).unwrap();
        assert_eq!(personal + boilerplate, 8_000 - 1, "{scr}");
        assert!(!scr.contains("pending"), "{scr}");
        t.keys("s", &["q"]);
        t.wait_for("s", "APP EXITED 0");
        assert_eq!(
            stored_verdicts(state),
            [("Person 0".to_string(), "accept".to_string())]
        );
    });
}

#[test]
fn a_bad_line_after_the_first_rows_ends_with_its_error_and_keeps_the_decisions() {
    while_loading("late-error", |t, mut pipe, state| {
        use std::io::Write as _;
        pipe.write_all(generated_rows(5_000, 2_000).as_bytes())
            .unwrap();
        // Line 7,002 of the file (the header is line 1).
        pipe.write_all(b"Eve Hostile,Sam Demo,not a date,,INCOMING,\n")
            .unwrap();
        pipe.write_all(generated_rows(7_000, 10).as_bytes())
            .unwrap();
        drop(pipe);
        let scr = t.wait_for("s", "APP EXITED 2");
        let joined: String = scr.lines().map(str::trim_end).collect::<Vec<_>>().join("");
        assert!(joined.contains("Invitations.csv:7002"), "{scr}");
        assert!(joined.contains("expected M/D/YY"), "{scr}");
        // The terminal is back: the shell's own output, no list left over.
        assert!(!scr.contains("pending"), "{scr}");
        assert_eq!(
            stored_verdicts(state),
            [("Person 0".to_string(), "accept".to_string())]
        );
    });
}

#[test]
fn quitting_while_the_rest_still_loads_keeps_the_decisions() {
    while_loading("quit-early", |t, pipe, state| {
        // The rest of the file never comes: `q` quits at once, the summary counts the save.
        t.keys("s", &["q"]);
        let scr = t.wait_for("s", "APP EXITED 0");
        assert!(scr.contains("1 decision saved in"), "{scr}");
        drop(pipe);
        assert_eq!(
            stored_verdicts(state),
            [("Person 0".to_string(), "accept".to_string())]
        );
    });
}

#[test]
fn ctrl_c_on_the_gauge_cancels_the_load_and_restores_the_terminal() {
    if !tmux_available() {
        eprintln!("SKIPPED ctrl_c_on_the_gauge: tmux is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("Invitations.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&export)
            .status()
            .unwrap()
            .success()
    );
    let t = Tmux {
        socket: format!("invitriage-e2e-cancel-{}", std::process::id()),
    };
    t.launch_sized("s", &export, &dir.path().join("state.sqlite3"), (100, 30));
    let pipe = std::fs::OpenOptions::new()
        .write(true)
        .open(&export)
        .unwrap();
    t.wait_for("s", "Loading");
    t.keys("s", &["C-c"]);
    let scr = t.wait("s", "the app to exit", |s| s.contains("APP EXITED"));
    assert!(scr.contains("loading cancelled"), "{scr}");
    assert!(!scr.contains("Loading"), "the gauge is gone: {scr}");
    drop(pipe);
}

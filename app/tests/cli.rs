//! The `invitriage` binary: stats and list on every input form, filters, formats, exit codes,
//! and proof that the user's files are only read.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The workspace root, where fixtures/ lives (this package is app/ inside it).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const EXPORT_DIR: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026";
const EXPORT_ZIP: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026.zip";

fn fixture(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

fn cmd() -> Command {
    let mut c = Command::cargo_bin("invitriage").unwrap();
    // Never touch the user's real decision store from tests.
    c.env(
        "INVITRIAGE_STATE",
        std::env::temp_dir().join("invitriage-cli-test.sqlite3"),
    );
    c
}

fn stdout_of(args: &[&str]) -> String {
    let out = cmd()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn stats_json(path: &Path) -> Value {
    let text = stdout_of(&["stats", path.to_str().unwrap(), "--json"]);
    assert_eq!(text.lines().count(), 1, "exactly one JSON object: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn stats_json_folder_and_zip_agree_and_pending_follows_connections() {
    let folder = stats_json(&fixture(EXPORT_DIR));
    let zip = stats_json(&fixture(EXPORT_ZIP));
    assert_eq!(folder, zip);
    for (key, want) in [
        ("invitations", 12),
        ("incoming", 10),
        ("outgoing", 2),
        ("pending", 7),
        ("with_note", 7),
    ] {
        assert_eq!(folder[key].as_u64(), Some(want), "{key}: {folder}");
    }
    let b = folder["boilerplate"].as_u64().unwrap();
    let p = folder["personal"].as_u64().unwrap();
    assert_eq!(b + p, 10, "boilerplate + personal = incoming: {folder}");
    // The bare Invitations.csv has no Connections.csv: every incoming one is pending.
    let bare = stats_json(&fixture(&format!("{EXPORT_DIR}/Invitations.csv")));
    assert_eq!(bare["pending"].as_u64(), Some(10));
    assert_eq!(bare["invitations"].as_u64(), Some(12));
}

#[test]
fn stats_text_is_readable() {
    let text = stdout_of(&["stats", fixture(EXPORT_DIR).to_str().unwrap()]);
    assert!(text.contains("Connections.csv"), "{text}");
    let line = |label: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in {text}"))
            .to_string()
    };
    assert!(line("invitations").contains("12"));
    assert!(line("pending").contains(" 7"));
    assert!(line("with a note").contains(" 7"));
}

fn list(path: &str, extra: &[&str]) -> String {
    let p = fixture(path);
    let mut args = vec!["list", p.to_str().unwrap()];
    args.extend_from_slice(extra);
    stdout_of(&args)
}

#[test]
fn list_json_jsonl_csv_and_table_hold_the_same_records() {
    let json: Value = serde_json::from_str(&list(EXPORT_DIR, &["--format", "json"])).unwrap();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), 12);
    let first = &records[0];
    assert_eq!(first["direction"], "outgoing");
    assert_eq!(first["type"], "connection");
    assert_eq!(first["from"], "Mira Castell");
    assert_eq!(
        first["from_profile_url"],
        "https://www.linkedin.com/in/mira-castell-demo"
    );
    assert_eq!(first["to"], "Tomasz Wrona");
    assert_eq!(first["sent_at"], "2026-11-19T00:05:00Z");
    assert_eq!(first["pending"], false);
    assert!(
        first["source"]
            .as_str()
            .unwrap()
            .ends_with("Invitations.csv:2")
    );
    let aisha = &records[3];
    assert_eq!(aisha["message"], "", "no note is an empty string");
    assert_eq!(aisha["pending"], true);

    let jsonl = list(EXPORT_DIR, &["--format", "jsonl"]);
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, records);

    let csv_text = list(EXPORT_DIR, &["--format", "csv"]);
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "direction",
            "type",
            "from",
            "from_profile_url",
            "to",
            "sent_at",
            "message",
            "pending",
            "source"
        ]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 12);
    for (row, rec) in rows.iter().zip(records) {
        assert_eq!(&row[2], rec["from"].as_str().unwrap());
        assert_eq!(&row[6], rec["message"].as_str().unwrap());
        assert_eq!(
            &row[7],
            if rec["pending"] == true {
                "true"
            } else {
                "false"
            }
        );
    }
    assert_eq!(&rows[4][2], "Jane Roe, MBA", "commas survive CSV quoting");

    let table = list(EXPORT_DIR, &[]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 13, "{table}");
    assert!(lines[0].starts_with("DIR"));
    assert!(lines[3].contains("José Niño"));
}

fn count_jsonl(path: &str, filter: &str) -> Vec<Value> {
    list(path, &["--format", "jsonl", filter])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn direction_and_pending_filters() {
    let incoming = count_jsonl(EXPORT_ZIP, "--incoming");
    assert_eq!(incoming.len(), 10);
    assert!(incoming.iter().all(|r| r["direction"] == "incoming"));
    let outgoing = count_jsonl(EXPORT_ZIP, "--outgoing");
    assert_eq!(outgoing.len(), 2);
    assert!(outgoing.iter().all(|r| r["direction"] == "outgoing"));
    let pending = count_jsonl(EXPORT_ZIP, "--pending");
    assert_eq!(pending.len(), 7);
    assert!(
        pending
            .iter()
            .all(|r| r["pending"] == true && r["direction"] == "incoming")
    );
    // File order is kept.
    let lines: Vec<u64> = pending
        .iter()
        .map(|r| {
            r["source"]
                .as_str()
                .unwrap()
                .rsplit(':')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    cmd()
        .args(["list", EXPORT_ZIP, "--incoming", "--outgoing"])
        .current_dir(ROOT)
        .assert()
        .failure()
        .code(2);
}

#[test]
fn bad_input_exits_2_naming_file_and_line() {
    for (name, line) in [
        ("bad_date.csv", Some(3)),
        ("unknown_direction.csv", Some(3)),
        ("ragged_row.csv", Some(4)),
        ("unclosed_quote.csv", Some(3)),
        ("missing_column.csv", Some(1)),
        ("renamed_column.csv", Some(1)),
        ("repeated_column.csv", Some(1)),
        ("day_first_dates.csv", Some(2)),
        ("unknown_header.csv", Some(1)),
        ("empty.csv", Some(1)),
        ("binary_garbage.csv", None),
        ("no_invitations.zip", None),
        ("truncated.zip", None),
    ] {
        let rel = format!("fixtures/malformed/{name}");
        let want = match line {
            Some(l) => format!("{rel}:{l}: "),
            None => format!("{rel}: "),
        };
        for sub in ["stats", "list"] {
            cmd()
                .args([sub, &rel])
                .current_dir(ROOT)
                .assert()
                .code(2)
                .stdout(predicate::str::is_empty())
                .stderr(predicate::str::contains(want.clone()));
        }
    }
}

#[test]
fn missing_path_bad_zone_and_no_input_exit_2() {
    cmd()
        .args(["stats", "/nonexistent/Basic_LinkedInDataExport.zip"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Basic_LinkedInDataExport.zip")
                .and(predicate::str::contains("no such file")),
        );
    cmd()
        .args(["stats", EXPORT_DIR, "--tz", "Mars/Olympus_Mons"])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Mars/Olympus_Mons"));
    cmd().args(["stats"]).assert().code(2);
}

/// `list --format json|jsonl` output is invitriage JSON input with the same counts.
#[test]
fn list_output_reloads_with_the_same_counts() {
    let original = stats_json(&fixture(EXPORT_ZIP));
    let tmp = tempfile::tempdir().unwrap();
    for format in ["json", "jsonl"] {
        let out = tmp.path().join(format!("mine.{format}"));
        std::fs::write(&out, list(EXPORT_ZIP, &["--format", format])).unwrap();
        let reloaded = stats_json(&out);
        for key in [
            "invitations",
            "incoming",
            "outgoing",
            "pending",
            "with_note",
        ] {
            assert_eq!(reloaded[key], original[key], "{format} {key}: {reloaded}");
        }
    }
}

#[test]
fn another_export_file_given_alone_is_named() {
    cmd()
        .args(["stats", &format!("{EXPORT_DIR}/Connections.csv")])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("looks like Connections.csv"));
}

#[test]
fn demo_stands_in_for_path() {
    let text = stdout_of(&["stats", "--demo", "--json"]);
    let v: Value = serde_json::from_str(&text).unwrap();
    let n = |k: &str| v[k].as_u64().unwrap();
    assert!(n("invitations") > 0);
    assert_eq!(n("incoming") + n("outgoing"), n("invitations"));
    assert!(
        n("pending") < n("incoming"),
        "the demo has a Connections.csv: {v}"
    );
    let listed = stdout_of(&["list", "--demo", "--format", "jsonl"]);
    assert_eq!(listed.lines().count() as u64, n("invitations"));
    cmd()
        .args(["stats", "--demo", EXPORT_DIR])
        .current_dir(ROOT)
        .assert()
        .code(2);
}

#[test]
fn tz_option_moves_sent_at() {
    let paris = list(EXPORT_DIR, &["--format", "jsonl", "--tz", "Europe/Paris"]);
    let first: Value = serde_json::from_str(paris.lines().next().unwrap()).unwrap();
    // 11/18/26 4:05 PM in Paris (CET, UTC+1).
    assert_eq!(first["sent_at"], "2026-11-18T15:05:00Z");
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime, bool)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        let meta = std::fs::metadata(&entry).unwrap();
        out.push((
            entry.clone(),
            std::fs::read(&entry).unwrap(),
            meta.modified().unwrap(),
            meta.permissions().readonly(),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn user_files_are_never_modified() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("Basic_LinkedInDataExport_11-20-2026");
    std::fs::create_dir(&folder).unwrap();
    for f in walk(&fixture(EXPORT_DIR)) {
        std::fs::copy(&f, folder.join(f.file_name().unwrap())).unwrap();
    }
    let zip = tmp.path().join("export.zip");
    std::fs::copy(fixture(EXPORT_ZIP), &zip).unwrap();
    let before = snapshot(tmp.path());
    for path in [&folder, &zip, &folder.join("Invitations.csv")] {
        let p = path.to_str().unwrap();
        for args in [
            vec!["stats", p],
            vec!["stats", p, "--json"],
            vec!["list", p, "--format", "csv"],
            vec!["list", p, "--pending"],
        ] {
            cmd().args(&args).assert().success();
        }
    }
    let after = snapshot(tmp.path());
    assert_eq!(before, after, "nothing written, added or touched");
}

#[test]
fn help_has_examples() {
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:").and(predicate::str::contains("stats")));
}

#[test]
fn a_reclassification_in_the_store_wins_in_classify_and_stats() {
    use invitriage::model::Class;
    use invitriage::store::{Action, NewEvent, Store, Subject};

    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("invitriage")
            .unwrap()
            .env_remove("INVITRIAGE_STATE")
            .arg("--state")
            .arg(&state)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let before: Value = serde_json::from_str(&run(&["stats", "--demo", "--json"])).unwrap();
    let records: Vec<Value> = run(&["classify", "--demo", "--format", "jsonl", "--incoming"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let target = records
        .iter()
        .find(|r| r["class"] == "boilerplate" && r["kind"] == "template")
        .expect("the demo has a pitch");
    let key = target["key"].as_str().unwrap().to_string();

    let mut store = Store::open(&state).unwrap();
    store
        .record(&NewEvent {
            subject: Subject {
                key: key.clone(),
                name: target["from"].as_str().unwrap().to_string(),
                profile_url: None,
            },
            action: Action::Reclassify(Class::Personal),
            class: Some(Class::Boilerplate),
            export: "demo".to_string(),
            at: chrono::Utc::now(),
        })
        .unwrap();
    drop(store);

    let after: Vec<Value> = run(&["classify", "--demo", "--format", "jsonl", "--incoming"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rec = after.iter().find(|r| r["key"] == key.as_str()).unwrap();
    assert_eq!(rec["class"], "personal", "{rec}");
    assert!(
        rec["reasons"][0]
            .as_str()
            .unwrap()
            .contains("You marked this"),
        "{rec}"
    );
    // The user's corrections score the classifier: one disagreement, in the matrix and listed.
    let eval = run(&["eval", "--overrides", "--demo"]);
    assert!(
        eval.contains("your reclassifications: 1 in this export"),
        "{eval}"
    );
    assert!(eval.contains("where you disagreed (1)"), "{eval}");
    assert!(eval.contains("you: personal"), "{eval}");
    let stats: Value = serde_json::from_str(&run(&["stats", "--demo", "--json"])).unwrap();
    let n = |v: &Value, k: &str| v[k].as_u64().unwrap();
    // One sender can stand behind two invitations, so count at least one moved.
    assert!(n(&stats, "personal") > n(&before, "personal"), "{stats}");
    assert_eq!(
        n(&stats, "personal") + n(&stats, "boilerplate"),
        n(&before, "personal") + n(&before, "boilerplate")
    );
}

#[test]
fn completions_cover_every_subcommand_and_flag_in_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        for word in [
            "decisions",
            "decide",
            "state",
            "dry-run",
            "completions",
            "man",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    // The bash script parses.
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invitriage.bash");
    std::fs::write(&path, script).unwrap();
    let ok = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .unwrap();
    assert!(ok.success());
    cmd()
        .args(["completions", "powershell"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bash"));
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH invitriage"),
        "{page}"
    );
    for word in ["decisions", "completions", "\\-\\-state"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
}

/// Real exports a user opened in a spreadsheet and saved: they load, with the right counts,
/// and stderr says what was assumed (stdout stays one JSON object).
#[test]
fn edited_exports_load_with_warnings() {
    // (fixture, invitations, incoming, with a note, words the warning must hold)
    let cases: [(&str, u64, u64, u64, &[&str]); 4] = [
        (
            "trimmed_columns.csv",
            7,
            5,
            0,
            &[
                "trimmed_columns.csv: no Message column, so every invitation counts as having no note",
                "no To column",
            ],
        ),
        ("date_sent_alias.csv", 5, 4, 2, &[]),
        (
            "dates_no_time.csv",
            6,
            5,
            2,
            &[
                "6 of 6 rows",
                "6 as M/D/YY with no time (taken as midnight)",
            ],
        ),
        (
            "dates_month_name.csv",
            5,
            4,
            2,
            &["4 of 5 rows", "4 as Mon D YYYY h:mm AM"],
        ),
    ];
    for (name, invitations, incoming, with_note, words) in cases {
        let rel = format!("fixtures/edited/{name}");
        let out = cmd()
            .args(["stats", "--json", &rel])
            .current_dir(ROOT)
            .assert()
            .success()
            .get_output()
            .clone();
        let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(stats["invitations"], invitations, "{name}");
        assert_eq!(stats["incoming"], incoming, "{name}");
        assert_eq!(stats["with_note"], with_note, "{name}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        if words.is_empty() {
            assert_eq!(stderr, "", "{name}");
        }
        for w in words {
            assert!(
                stderr.contains("invitriage: warning: ") && stderr.contains(w),
                "{name}: {stderr}"
            );
        }
    }
}

/// The limits are flags, and their errors name the file, the limit and the flag.
#[test]
fn size_limits_are_flags_named_in_their_errors() {
    cmd()
        .args([
            "stats",
            "--max-entry-size",
            "100",
            "fixtures/invitations/v1_lf.csv",
        ])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "fixtures/invitations/v1_lf.csv: this file is larger than 100 bytes",
        ))
        .stderr(predicate::str::contains("--max-entry-size"));
    cmd()
        .args(["stats", "--max-total-size", "2K", EXPORT_DIR])
        .current_dir(ROOT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2 KiB"))
        .stderr(predicate::str::contains("--max-total-size"));
    cmd()
        .args(["stats", "--max-entry-size", "lots", EXPORT_DIR])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a size"));
    cmd()
        .args([
            "stats",
            "--max-entry-size",
            "1GiB",
            "--max-zip-ratio",
            "50",
            EXPORT_ZIP,
        ])
        .current_dir(ROOT)
        .assert()
        .success();
}

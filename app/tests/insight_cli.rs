//! `sent`, `diff` and `stats --by month` through the binary, over the crafted before/after pair
//! in fixtures/diff (see its README) and every fixture export; and the `withdraw` verdict as
//! `decisions` shows it. Expected counts are computed here from the raw files, not copied
//! from the program's output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
const OLD: &str = "fixtures/diff/Basic_LinkedInDataExport_10-03-2026";
const NEW: &str = "fixtures/diff/Basic_LinkedInDataExport_11-20-2026";
const EXPORT: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026";

fn fixture(rel: &str) -> PathBuf {
    Path::new(ROOT).join(rel)
}

fn cmd(state: &Path) -> Command {
    let mut c = Command::cargo_bin("invitriage").unwrap();
    c.env("INVITRIAGE_STATE", state);
    c
}

fn run_ok(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = cmd(&dir.path().join("s.sqlite3"))
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

fn p(rel: &str) -> String {
    fixture(rel).to_str().unwrap().to_string()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run_ok(args)).unwrap()
}

fn names(v: &Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap_or_else(|| panic!("{list} is an array: {v}"))
        .iter()
        .map(|r| r[field].as_str().unwrap().to_string())
        .collect()
}

// ---- diff ----

#[test]
fn diff_reports_new_connected_and_gone_by_identity_across_url_spellings() {
    let v = json(&["diff", &p(OLD), &p(NEW), "--format", "json"]);
    assert_eq!(
        v.as_object().unwrap().len(),
        3,
        "one object of three lists: {v}"
    );
    let counterpart = |list: &str| -> Vec<String> {
        v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let field = if r["direction"] == "incoming" {
                    "from"
                } else {
                    "to"
                };
                r[field].as_str().unwrap().to_string()
            })
            .collect()
    };
    // José, Zoë (URL spelled differently) and Ruth (no URL) are the same invitations.
    assert_eq!(counterpart("new"), ["Eve Gray", "Mo Reyes", "Cy Dorn"]);
    assert_eq!(counterpart("connected_since"), ["Ana Alvarez"]);
    assert_eq!(counterpart("gone"), ["Dee Fox", "Ana Alvarez", "Lee Moss"]);
    // The records are `list` records.
    let list = json(&["list", &p(NEW), "--format", "json"]);
    assert_eq!(v["new"][0], list[0]);
    assert_eq!(v["connected_since"][0]["pending"], false);
    assert_eq!(v["gone"][0]["pending"], true);
}

#[test]
fn diff_the_other_way_round_swaps_new_and_gone() {
    let v = json(&["diff", &p(NEW), &p(OLD), "--format", "json"]);
    assert_eq!(names(&v, "new", "source").len(), 3);
    assert_eq!(names(&v, "gone", "source").len(), 3);
    assert!(names(&v, "connected_since", "from").is_empty(), "{v}");
}

#[test]
fn diff_of_one_export_in_two_forms_finds_nothing() {
    for (old, new) in [
        (p(EXPORT), p(&format!("{EXPORT}.zip"))),
        (p(NEW), p(&format!("{NEW}/Invitations.csv"))),
    ] {
        let v = json(&["diff", &old, &new, "--format", "json"]);
        for list in ["new", "connected_since", "gone"] {
            assert_eq!(v[list], Value::Array(vec![]), "{list}: {v}");
        }
    }
}

#[test]
fn diff_table_names_both_inputs_and_counts() {
    let out = run_ok(&["diff", &p(OLD), &p(NEW)]);
    assert!(out.contains("New: 3"), "{out}");
    assert!(out.contains("Connected since: 1"), "{out}");
    assert!(out.contains("Gone: 3"), "{out}");
    let out = run_ok(&["diff", &p(OLD), &p(&format!("{NEW}/Invitations.csv"))]);
    assert!(out.contains("NEW has no Connections.csv"), "{out}");
}

#[test]
fn diff_of_a_broken_input_names_it_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir.path().join("s.sqlite3"))
        .args(["diff", &p(OLD), &p("fixtures/malformed/ragged_row.csv")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ragged_row.csv"));
}

// ---- sent ----

/// The pending outgoing rows of an export, computed from its files: outgoing rows of
/// Invitations.csv whose invitee URL is not in Connections.csv.
fn pending_outgoing(dir: &str) -> Vec<(String, NaiveDate)> {
    let conns = std::fs::read_to_string(fixture(&format!("{dir}/Connections.csv"))).unwrap();
    let urls: Vec<String> = conns
        .lines()
        .filter_map(|l| l.split(',').nth(2))
        .map(|u| u.trim_end_matches('/').to_lowercase())
        .collect();
    let mut r = csv::Reader::from_path(fixture(&format!("{dir}/Invitations.csv"))).unwrap();
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[4] != "OUTGOING" || urls.contains(&rec[6].to_lowercase()) {
            continue;
        }
        out.push((rec[1].to_string(), sent_utc(&rec[2]).date_naive()));
    }
    out.sort_by_key(|x| x.1);
    out
}

/// LinkedIn's `Sent At`, in US Pacific time.
fn sent_utc(s: &str) -> chrono::DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%m/%d/%y, %I:%M %p").unwrap();
    chrono_tz::America::Los_Angeles
        .from_local_datetime(&naive)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn sent_lists_pending_requests_oldest_first_with_ages_as_of_the_export_date() {
    for dir in [NEW, EXPORT] {
        let v = json(&["sent", &p(dir), "--format", "json"]);
        let want = pending_outgoing(dir);
        assert!(!want.is_empty());
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(); // from the folder's name
        let got: Vec<(String, i64)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["to"].as_str().unwrap().into(),
                    r["age_days"].as_i64().unwrap(),
                )
            })
            .collect();
        let want: Vec<(String, i64)> = want
            .iter()
            .map(|(n, d)| (n.clone(), (as_of - *d).num_days()))
            .collect();
        assert_eq!(got, want, "{dir}");
        for key in [
            "to",
            "to_profile_url",
            "sent_at",
            "age_days",
            "message",
            "source",
        ] {
            assert!(v[0].get(key).is_some(), "{key} in {}", v[0]);
        }
    }
}

#[test]
fn sent_as_of_and_older_than_filter() {
    let v = json(&["sent", &p(NEW), "--as-of", "2026-12-01", "--format", "json"]);
    // Kai Park: sent 1 Sep 2026 (10:00 PT, 17:00 UTC): 91 days to 1 Dec.
    assert_eq!(v[0]["to"], "Kai Park");
    assert_eq!(v[0]["age_days"], 91);
    let v = json(&[
        "sent",
        &p(NEW),
        "--as-of",
        "2026-12-01",
        "--older-than",
        "30",
        "--format",
        "json",
    ]);
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    let table = run_ok(&["sent", &p(NEW)]);
    assert!(
        table.contains("as of 2026-11-20 (the date in the export's name)"),
        "{table}"
    );
    assert!(
        table.contains("2 pending · 1 older than 1 month"),
        "{table}"
    );
    let csv = run_ok(&["sent", &p(NEW), "--format", "csv"]);
    assert_eq!(
        csv.lines().next(),
        Some("to,to_profile_url,sent_at,age_days,message,source")
    );
    assert_eq!(csv.lines().count(), 3);
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir.path().join("s.sqlite3"))
        .args(["sent", &p(NEW), "--as-of", "20/11/2026"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("YYYY-MM-DD"));
}

#[test]
fn sent_without_connections_explains_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    cmd(&dir.path().join("s.sqlite3"))
        .args(["sent", &p(&format!("{NEW}/Invitations.csv"))])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("no Connections.csv"))
        .stderr(predicates::str::contains("pending"));
}

// ---- stats --by month ----

#[derive(Default, Debug, PartialEq)]
struct MonthCount {
    incoming: u64,
    incoming_with_note: u64,
    outgoing: u64,
    outgoing_with_note: u64,
}

fn months_from_csv(dir: &str) -> BTreeMap<String, MonthCount> {
    let mut r = csv::Reader::from_path(fixture(&format!("{dir}/Invitations.csv"))).unwrap();
    let mut out: BTreeMap<String, MonthCount> = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        let m = out
            .entry(sent_utc(&rec[2]).format("%Y-%m").to_string())
            .or_default();
        let note = !rec[3].trim().is_empty();
        if &rec[4] == "INCOMING" {
            m.incoming += 1;
            m.incoming_with_note += u64::from(note);
        } else {
            m.outgoing += 1;
            m.outgoing_with_note += u64::from(note);
        }
    }
    out
}

#[test]
fn stats_by_month_matches_counts_from_the_raw_files() {
    for dir in [EXPORT, NEW, OLD] {
        let v = json(&["stats", &p(dir), "--by", "month", "--format", "json"]);
        let want = months_from_csv(dir);
        let got: BTreeMap<String, MonthCount> = v["months"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["incoming"].as_u64().unwrap() + m["outgoing"].as_u64().unwrap() > 0)
            .map(|m| {
                let n = |k: &str| m[k].as_u64().unwrap();
                (
                    m["month"].as_str().unwrap().to_string(),
                    MonthCount {
                        incoming: n("incoming"),
                        incoming_with_note: n("incoming_with_note"),
                        outgoing: n("outgoing"),
                        outgoing_with_note: n("outgoing_with_note"),
                    },
                )
            })
            .collect();
        assert_eq!(got, want, "{dir}");

        // Kinds per month agree with `classify`, grouped here by month.
        let mut kinds: BTreeMap<(String, String, String), u64> = BTreeMap::new();
        for line in run_ok(&["classify", &p(dir), "--format", "jsonl"]).lines() {
            let r: Value = serde_json::from_str(line).unwrap();
            let month = r["sent_at"].as_str().unwrap()[..7].to_string();
            let dir = r["direction"].as_str().unwrap().to_string();
            *kinds
                .entry((month, dir, r["kind"].as_str().unwrap().to_string()))
                .or_default() += 1;
        }
        for m in v["months"].as_array().unwrap() {
            for dir in ["incoming", "outgoing"] {
                for (kind, n) in m[format!("{dir}_by_kind")].as_object().unwrap() {
                    let key = (
                        m["month"].as_str().unwrap().to_string(),
                        dir.to_string(),
                        kind.clone(),
                    );
                    assert_eq!(
                        n.as_u64().unwrap(),
                        kinds.get(&key).copied().unwrap_or(0),
                        "{key:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn stats_by_month_acceptance_and_median_on_the_fixture_export() {
    let v = json(&["stats", &p(EXPORT), "--by", "month", "--format", "json"]);
    // Two requests sent; Tomasz Wrona (sent 18 Nov 16:05 PT = 19 Nov UTC) connected 19 Nov.
    assert_eq!(v["sent"], 2);
    assert_eq!(v["sent_accepted"], 1);
    assert_eq!(v["sent_acceptance_rate"], 0.5);
    assert_eq!(v["sent_median_days_to_accept"], 0.0);
    // Incoming accepted with dates, from Connections.csv: José (19 Nov 20:47 PT = 20 Nov UTC,
    // connected 20 Nov: 0), Bo Chen (3 Nov, connected 4 Nov: 1 day or 0 by UTC time),
    // 山田 花子 (14 Oct, connected 15 Oct).
    assert_eq!(v["incoming_timed"], 3);
    // Without Connections.csv nothing is known to be accepted.
    let bare = json(&[
        "stats",
        &p(&format!("{EXPORT}/Invitations.csv")),
        "--by",
        "month",
        "--json",
    ]);
    assert_eq!(bare["sent_accepted"], Value::Null);
    assert_eq!(bare["has_connections"], false);
}

#[test]
fn stats_by_month_csv_has_one_row_per_month_like_json() {
    let v = json(&["stats", "--demo", "--by", "month", "--format", "json"]);
    let csv_text = run_ok(&["stats", "--demo", "--by", "month", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[0], "month");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let months = v["months"].as_array().unwrap();
    assert_eq!(rows.len(), months.len());
    for (row, m) in rows.iter().zip(months) {
        for (i, h) in header.iter().enumerate().skip(1) {
            // `incoming_template` is `incoming_by_kind.template` in the JSON.
            let want = match m.get(h) {
                Some(n) => n.as_u64().unwrap(),
                None => {
                    let (dir, kind) = h.split_once('_').unwrap();
                    m[format!("{dir}_by_kind")][kind].as_u64().unwrap()
                }
            };
            assert_eq!(
                row[i].parse::<u64>().unwrap(),
                want,
                "{h} in {}",
                m["month"]
            );
        }
    }
    let table = run_ok(&["stats", "--demo", "--by", "month"]);
    assert!(table.contains("sent requests:"), "{table}");
    assert!(table.contains("median time to acceptance"), "{table}");
}

#[test]
fn every_fixture_export_and_the_demo_work_with_the_new_commands() {
    for input in [p(EXPORT), p(&format!("{EXPORT}.zip")), p(OLD), p(NEW)] {
        run_ok(&["sent", &input]);
        run_ok(&["stats", &input, "--by", "month"]);
        run_ok(&["diff", &input, &p(NEW)]);
    }
    run_ok(&["sent", "--demo"]);
    run_ok(&["stats", "--demo", "--by", "month", "--format", "csv"]);
    // Inputs without Connections.csv: monthly counts and diff work; sent explains and exits 2.
    for input in [
        "fixtures/json/invitations.json",
        "fixtures/json/invitations.jsonl",
        "fixtures/tui/Invitations.csv",
        "fixtures/classify/Invitations.csv",
    ] {
        let v = json(&["stats", &p(input), "--by", "month", "--format", "json"]);
        assert_eq!(v["has_connections"], false, "{input}");
        let d = json(&["diff", &p(input), &p(input), "--format", "json"]);
        for list in ["new", "connected_since", "gone"] {
            assert_eq!(d[list], Value::Array(vec![]), "{input} {list}");
        }
        let dir = tempfile::tempdir().unwrap();
        cmd(&dir.path().join("s.sqlite3"))
            .args(["sent", &p(input)])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("no Connections.csv"));
    }
}

// ---- withdraw ----

#[test]
fn a_withdraw_decision_shows_in_decisions_and_undo_reverts_it() {
    use invitriage::model::Verdict;
    use invitriage::store::{Action, NewEvent, Store, Subject};
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("s.sqlite3");
    let mut store = Store::open(&state).unwrap();
    store
        .record(&NewEvent {
            subject: Subject {
                key: "out:url:linkedin.com/in/kai-park-demo".into(),
                name: "Kai Park".into(),
                profile_url: Some("https://www.linkedin.com/in/kai-park-demo".into()),
            },
            action: Action::Decide(Verdict::Withdraw),
            class: None,
            export: p(NEW),
            at: Utc::now(),
        })
        .unwrap();
    drop(store);
    let out = cmd(&state)
        .args(["decisions", "--verdict", "withdraw", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v[0]["verdict"], "withdraw");
    assert_eq!(
        v[0]["profile_url"],
        "https://www.linkedin.com/in/kai-park-demo"
    );
    let table = cmd(&state)
        .arg("decisions")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8(table).unwrap();
    assert!(
        table.contains("1 decisions: 0 accept, 0 ignore, 1 withdraw."),
        "{table}"
    );
    cmd(&state)
        .arg("undo")
        .assert()
        .success()
        .stdout(predicates::str::contains("withdraw Kai Park"));
    cmd(&state)
        .args(["decisions", "--verdict", "withdraw", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

//! The output contract of `invitriage classify` and `invitriage eval`, run from the workspace
//! root where the fixtures live.

use std::path::Path;

use assert_cmd::Command;
use invitriage::model::Kind;

/// The workspace root: fixture paths below are relative to it, as a user would type them.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn invitriage() -> Command {
    let mut cmd = Command::cargo_bin("invitriage").unwrap();
    cmd.current_dir(ROOT);
    cmd
}

#[test]
fn eval_prints_confusion_matrices_and_precision_recall() {
    let out = invitriage()
        .args(["eval", "fixtures/labeled"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for want in [
        "== tune:",
        "== holdout:",
        "== all:",
        "class confusion",
        "kind confusion",
        "precision",
        "recall",
        "template",
        "no_note",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn eval_rejects_a_bad_labeled_file_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bad.jsonl");
    std::fs::write(
        &f,
        "{\"id\":\"a\",\"split\":\"tune\",\"kind\":\"personal\",\"sender\":\"A\",\"recipient\":\"B\",\"note\":\"x\"}\n{\"id\":\"b\",\"split\":\"tune\",\"kind\":\"nonsense\",\"sender\":\"A\",\"recipient\":\"B\",\"note\":\"x\"}\n",
    )
    .unwrap();
    invitriage()
        .arg("eval")
        .arg(&f)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.jsonl:2"));
}

/// Runs `classify` on the small CSV fixture. Until the importer is merged the command reports
/// "importer not built yet"; these tests then say so and stop, and run for real afterwards.
fn classify_output(format: &str) -> Option<String> {
    let path = Path::new("fixtures/classify/Invitations.csv");
    let out = invitriage()
        .args(["classify", "--format", format])
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("not built yet") {
        eprintln!("SKIPPED until the importer lands: {stderr}");
        return None;
    }
    assert!(out.status.success(), "classify failed: {stderr}");
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn classify_jsonl_records_have_the_contract_keys_and_types() {
    let Some(text) = classify_output("jsonl") else {
        return;
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 9, "one record per invitation");
    let mut classes = Vec::new();
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["from"].is_string());
        assert!(v["to"].is_string());
        assert!(matches!(
            v["direction"].as_str(),
            Some("incoming" | "outgoing")
        ));
        assert!(v["message"].is_string());
        assert!(matches!(
            v["class"].as_str(),
            Some("boilerplate" | "personal")
        ));
        let kind = v["kind"].as_str().unwrap();
        assert!(Kind::parse(kind).is_some(), "kind {kind}");
        let score = v["score"].as_u64().unwrap();
        assert!(score <= 100);
        assert!(v["unsure"].is_boolean());
        assert!(
            v["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r.is_string())
        );
        classes.push((v["from"].as_str().unwrap().to_string(), kind.to_string()));
    }
    // File order, and the verdicts a reader would give.
    let expected = [
        ("Ana Alvarez", "no_note"),
        ("Ana Alvarez", "personal"),
        ("Rachel Stone", "template"),
        ("Derek Mills", "template"),
        ("Tom Becker", "default"),
        ("Mia Schulz", "personal"),
        ("Olga Petrova", "generic"),
        ("Kevin Tran", "no_note"),
        ("Jane Roe, MBA", "template"),
    ];
    for ((from, kind), (want_from, want_kind)) in classes.iter().zip(expected) {
        assert_eq!((from.as_str(), kind.as_str()), (want_from, want_kind));
    }
    let v: serde_json::Value = serde_json::from_str(lines[2]).unwrap();
    assert!(
        v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str() == Some("Same note as 1 other sender")),
        "{v}"
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(lines[0]).unwrap()["message"],
        ""
    );
}

#[test]
fn classify_json_is_one_array_and_incoming_filters() {
    let Some(text) = classify_output("json") else {
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 9);
    let out = invitriage()
        .args(["classify", "--format", "json", "--incoming"])
        .arg("fixtures/classify/Invitations.csv")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 7);
    assert!(arr.iter().all(|r| r["direction"] == "incoming"));
}

#[test]
fn classify_csv_joins_reasons_and_table_is_readable() {
    let Some(text) = classify_output("csv") else {
        return;
    };
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    for h in [
        "from",
        "direction",
        "message",
        "class",
        "kind",
        "score",
        "reasons",
    ] {
        assert!(headers.iter().any(|x| x == h), "no {h} column");
    }
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 9);
    let reasons = headers.iter().position(|h| h == "reasons").unwrap();
    assert!(rows[2][reasons].contains(" | "));
    let table = classify_output("table").unwrap();
    assert!(table.starts_with("FROM"));
    assert!(table.contains("Recruiting pitch"));
}

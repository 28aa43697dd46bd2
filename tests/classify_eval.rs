//! The classifier against the hand-labeled set, the evidence spans of its reasons, and the
//! output contract of `invitriage classify` and `invitriage eval`.

use std::path::Path;

use assert_cmd::Command;
use invitriage::classify::labeled::{self, ClassKey, LabeledNote};
use invitriage::model::{Classification, Kind};
use proptest::prelude::*;

fn labeled_set() -> Vec<LabeledNote> {
    let mut notes = Vec::new();
    for f in [
        "fixtures/labeled/holdout.jsonl",
        "fixtures/labeled/tune.jsonl",
    ] {
        let text = std::fs::read_to_string(f).expect("labeled file");
        notes.extend(labeled::parse(f, &text).expect("labeled file parses"));
    }
    notes
}

#[test]
fn labeled_set_is_big_varied_and_split() {
    let notes = labeled_set();
    assert!(notes.len() >= 300, "{} notes", notes.len());
    let holdout = notes.iter().filter(|n| n.split == "holdout").count();
    assert!(holdout >= 80, "{holdout} holdout notes");
    for k in Kind::ALL {
        assert!(notes.iter().any(|n| n.label() == k), "no {k:?} note");
    }
    let mut ids: Vec<&str> = notes.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), notes.len(), "ids are unique");
}

#[test]
fn classifier_meets_the_targets_on_the_labeled_set() {
    let notes = labeled_set();
    let results = labeled::classify_labeled("fixtures/labeled", &notes);
    let splits = labeled::evaluate(&notes, &results);
    for (name, s, _) in &splits {
        eprintln!(
            "{name}: personal recall {:.3}, boilerplate precision {:.3}, boilerplate recall (non-empty) {:.3}, kind accuracy {}/{}",
            s.class.recall(ClassKey::Personal).unwrap_or(0.0),
            s.class.precision(ClassKey::Boilerplate).unwrap_or(0.0),
            s.class_nonempty
                .recall(ClassKey::Boilerplate)
                .unwrap_or(0.0),
            s.kind
                .cells
                .iter()
                .filter(|((e, p), _)| e == p)
                .map(|(_, n)| n)
                .sum::<usize>(),
            s.kind.total(),
        );
    }
    let (_, all, _) = splits.iter().find(|(n, _, _)| n == "all").expect("all");
    let personal_recall = all.class.recall(ClassKey::Personal).unwrap();
    let bp_precision = all.class.precision(ClassKey::Boilerplate).unwrap();
    let bp_recall = all.class_nonempty.recall(ClassKey::Boilerplate).unwrap();
    assert!(
        personal_recall >= 0.95,
        "personal recall {personal_recall:.3}"
    );
    assert!(
        bp_precision >= 0.97,
        "boilerplate precision {bp_precision:.3}"
    );
    assert!(bp_recall >= 0.90, "boilerplate recall {bp_recall:.3}");
}

fn assert_spans_valid(note: &str, c: &Classification) {
    for r in &c.reasons {
        assert!(!r.rule.is_empty() && !r.message.is_empty());
        if let Some(s) = &r.span {
            assert!(s.start < s.end, "{}: empty span in {note:?}", r.rule);
            assert!(
                s.end <= note.len(),
                "{}: span past the end of {note:?}",
                r.rule
            );
            assert!(
                note.is_char_boundary(s.start) && note.is_char_boundary(s.end),
                "{}: span {s:?} splits a character in {note:?}",
                r.rule
            );
            assert!(
                !note[s.clone()].trim().is_empty(),
                "{}: span {s:?} points at nothing in {note:?}",
                r.rule
            );
        }
    }
    assert_eq!(c.class, c.kind.class());
    assert!(c.score <= 100);
}

#[test]
fn every_reason_points_at_real_text() {
    let notes = labeled_set();
    let results = labeled::classify_labeled("fixtures/labeled", &notes);
    let mut with_span = 0;
    for (n, c) in notes.iter().zip(&results) {
        assert_spans_valid(&n.note, c);
        with_span += c.reasons.iter().filter(|r| r.span.is_some()).count();
        assert!(!c.reasons.is_empty(), "{}: no reasons", n.id);
    }
    assert!(with_span > notes.len(), "most reasons point at evidence");
}

fn one_note(note: String, sender: String) -> LabeledNote {
    LabeledNote {
        id: "p".to_string(),
        split: "tune".to_string(),
        kind: "personal".to_string(),
        sender,
        recipient: "Ana Álvarez".to_string(),
        note,
        context: None,
        direction: None,
        inbox: None,
    }
}

proptest! {
    #[test]
    fn any_text_classifies_without_panic_and_with_valid_spans(
        note in "\\PC{0,120}",
        sender in "[a-zA-Zé ]{0,20}",
    ) {
        let notes = vec![one_note(note.clone(), sender)];
        let results = labeled::classify_labeled("prop", &notes);
        assert_spans_valid(&note, &results[0]);
    }

    #[test]
    fn tricky_unicode_keeps_spans_on_char_boundaries(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("I’d"), Just("ﬁne"), Just("𝐇𝐞𝐥𝐥𝐨"), Just("İyi"), Just("½"), Just("ß"),
                Just("réseau"), Just("👋🏽"), Just("$150/hr"), Just("https://bit.ly/x"),
                Just("we met at RustConf"), Just("recruiter"), Just("  "), Just("Ana"),
                Just("e\u{301}"), Just("ﾊﾝｶｸ"), Just("مرحبا"), Just("a@b.co"),
            ],
            0..12,
        ),
    ) {
        let note = parts.join(" ");
        let notes = vec![one_note(note.clone(), "Tom Becker".to_string())];
        let results = labeled::classify_labeled("prop", &notes);
        assert_spans_valid(&note, &results[0]);
    }
}

#[test]
fn eval_prints_confusion_matrices_and_precision_recall() {
    let out = Command::cargo_bin("invitriage")
        .unwrap()
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
    Command::cargo_bin("invitriage")
        .unwrap()
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
    let out = Command::cargo_bin("invitriage")
        .unwrap()
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
    let out = Command::cargo_bin("invitriage")
        .unwrap()
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

//! The classifier against the hand-labeled set, and the evidence spans of its reasons. The
//! output contract of `invitriage classify` and `invitriage eval` is in app/tests/classify_cli.rs.

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

/// docs/CLASSIFICATION.md lists every rule with its shipped weight; a refit that forgets the
/// table fails here instead of leaving the documentation describing another model.
#[test]
fn documented_weights_are_the_shipped_weights() {
    let doc = std::fs::read_to_string("docs/CLASSIFICATION.md").expect("docs/CLASSIFICATION.md");
    let documented: std::collections::BTreeMap<&str, i32> = doc
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("| `")?;
            let (rule, rest) = rest.split_once("` | ")?;
            let (weight, _) = rest.split_once(" |")?;
            Some((rule, weight.trim_start_matches('+').parse().ok()?))
        })
        .collect();
    let shipped: std::collections::BTreeMap<&str, i32> = invitriage::classify::weights::WEIGHTS
        .iter()
        .map(|&(rule, weight, _)| (rule, weight))
        .collect();
    assert_eq!(documented, shipped);
}

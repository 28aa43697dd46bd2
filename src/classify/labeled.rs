//! Pure: no I/O. The hand-labeled evaluation set (format in fixtures/labeled/README.md):
//! parsing, turning it into an in-memory export, and scoring the classifier on it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use serde::Deserialize;

use super::{Overrides, SharedContext, classify_with};
use crate::model::{
    Class, Classification, Direction, Export, InvitationRecord, InvitationType, Invitations, Kind,
    RecipientRecord, Relationship, SenderRecord, SourceLoc,
};

/// Shared context of one labeled note, standing in for the user's Positions.csv,
/// Education.csv, Connections.csv and messages.csv.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabeledContext {
    #[serde(default)]
    pub employers: Vec<String>,
    #[serde(default)]
    pub schools: Vec<String>,
    /// Full names ("Marta Gil") of the user's connections.
    #[serde(default)]
    pub connections: Vec<String>,
    /// Messages exchanged with the sender.
    #[serde(default)]
    pub messages: u32,
}

/// One labeled note.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabeledNote {
    pub id: String,
    pub split: String,
    pub kind: String,
    pub sender: String,
    pub recipient: String,
    pub note: String,
    #[serde(default)]
    pub context: Option<LabeledContext>,
    /// `"incoming"` (default) or `"outgoing"`: the user wrote an outgoing note, so `sender` is
    /// the user and `recipient` the person they invited.
    #[serde(default)]
    pub direction: Option<String>,
    /// Which user's export the note belongs to: the notes of one inbox are classified together,
    /// as their owner would run it. Notes without one share one export.
    #[serde(default)]
    pub inbox: Option<String>,
}

impl LabeledNote {
    pub fn label(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Personal)
    }
}

/// The splits a labeled note may belong to: `tune` (rules and weights are fitted on it),
/// `holdout` and `blind` (never tuned on).
pub const SPLITS: &[&str] = &["tune", "holdout", "blind"];

/// Parse a labeled JSONL file; errors name the line and the column.
pub fn parse(file: &str, text: &str) -> Result<Vec<LabeledNote>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: LabeledNote = serde_json::from_str(line)
            .map_err(|e| format!("{file}:{}:{}: {e}", i + 1, e.column()))?;
        if Kind::parse(&rec.kind).is_none() {
            return Err(format!(
                "{file}:{}: kind {:?} is not one of no_note, default, generic, template, personal",
                i + 1,
                rec.kind
            ));
        }
        if !SPLITS.contains(&rec.split.as_str()) {
            return Err(format!(
                "{file}:{}: split {:?} is not \"tune\", \"holdout\" or \"blind\"",
                i + 1,
                rec.split
            ));
        }
        if let Some(d) = &rec.direction
            && d != "incoming"
            && d != "outgoing"
        {
            return Err(format!(
                "{file}:{}: direction {d:?} is not \"incoming\" or \"outgoing\"",
                i + 1
            ));
        }
        out.push(rec);
    }
    Ok(out)
}

/// An in-memory export of the labeled notes and each note's own shared context.
pub fn to_export(file: &str, notes: &[LabeledNote]) -> (Export, Vec<Option<SharedContext>>) {
    let src: Arc<str> = Arc::from(file);
    let base = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut invitations = Vec::with_capacity(notes.len());
    let mut contexts = Vec::with_capacity(notes.len());
    for (i, n) in notes.iter().enumerate() {
        let ctx = n.context.clone().unwrap_or_default();
        invitations.push(InvitationRecord {
            direction: if n.direction.as_deref() == Some("outgoing") {
                Direction::Outgoing
            } else {
                Direction::Incoming
            },
            kind: InvitationType::Connection,
            sender: SenderRecord {
                name: n.sender.clone(),
                ..SenderRecord::default()
            },
            recipient: RecipientRecord {
                name: n.recipient.clone(),
                ..RecipientRecord::default()
            },
            sent_at: base + chrono::Duration::minutes(i as i64),
            note: if n.note.is_empty() {
                None
            } else {
                Some(n.note.clone())
            },
            raw_note: None,
            source: SourceLoc {
                file: src.clone(),
                line: i as u64 + 1,
            },
            relationship: Relationship {
                messages: ctx.messages,
                ..Relationship::default()
            },
        });
        contexts.push(n.context.as_ref().map(|c| {
            let split: Vec<(String, String)> = c
                .connections
                .iter()
                .map(|full| match full.trim().rsplit_once(' ') {
                    Some((f, l)) => (f.to_string(), l.to_string()),
                    None => (full.clone(), String::new()),
                })
                .collect();
            SharedContext::new(
                c.employers.iter().map(String::as_str),
                c.schools.iter().map(String::as_str),
                split.iter().map(|(f, l)| (f.as_str(), l.as_str())),
            )
        }));
    }
    (
        Export {
            source: file.to_string(),
            files: vec![file.to_string()],
            invitations: Invitations::from_records(&invitations),
            ..Export::default()
        },
        contexts,
    )
}

/// Classify every labeled note. Notes with an `inbox` are classified one inbox at a time, each
/// inbox as its own export (as its owner would run it); the notes without one form one export
/// together (clustering sees all of them, tune and holdout alike).
pub fn classify_labeled(file: &str, notes: &[LabeledNote]) -> Vec<Classification> {
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, n) in notes.iter().enumerate() {
        groups.entry(n.inbox.as_deref()).or_default().push(i);
    }
    let mut out: Vec<Option<Classification>> = vec![None; notes.len()];
    for rows in groups.values() {
        let group: Vec<LabeledNote> = rows.iter().map(|&i| notes[i].clone()).collect();
        let (export, contexts) = to_export(file, &group);
        let refs: Vec<Option<&SharedContext>> = contexts.iter().map(Option::as_ref).collect();
        let results = classify_with(&export, &SharedContext::default(), &refs, &Overrides::new());
        for (&i, c) in rows.iter().zip(results) {
            out[i] = Some(c);
        }
    }
    out.into_iter().flatten().collect()
}

/// Counts of (expected, predicted) pairs.
#[derive(Debug, Clone)]
pub struct Confusion<T: Ord + Copy> {
    pub cells: BTreeMap<(T, T), usize>,
}

impl<T: Ord + Copy> Default for Confusion<T> {
    fn default() -> Self {
        Confusion {
            cells: BTreeMap::new(),
        }
    }
}

impl<T: Ord + Copy> Confusion<T> {
    pub fn add(&mut self, expected: T, predicted: T) {
        *self.cells.entry((expected, predicted)).or_insert(0) += 1;
    }

    fn count(&self, f: impl Fn(T, T) -> bool) -> usize {
        self.cells
            .iter()
            .filter(|((e, p), _)| f(*e, *p))
            .map(|(_, n)| n)
            .sum()
    }

    /// Precision of label `t`: of the notes predicted `t`, how many are `t`. `None` if none were.
    pub fn precision(&self, t: T) -> Option<f64> {
        let predicted = self.count(|_, p| p == t);
        (predicted > 0).then(|| self.count(|e, p| e == t && p == t) as f64 / predicted as f64)
    }

    /// Recall of label `t`: of the notes labeled `t`, how many were predicted `t`.
    pub fn recall(&self, t: T) -> Option<f64> {
        let expected = self.count(|e, _| e == t);
        (expected > 0).then(|| self.count(|e, p| e == t && p == t) as f64 / expected as f64)
    }

    pub fn total(&self) -> usize {
        self.cells.values().sum()
    }
}

/// The scores of one split (or all notes).
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub class: Confusion<ClassKey>,
    pub kind: Confusion<Kind>,
    /// Class confusion over notes that are not empty (for the boilerplate recall target).
    pub class_nonempty: Confusion<ClassKey>,
}

/// [`Class`] with an order, for the confusion tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClassKey {
    Boilerplate,
    Personal,
}

impl From<Class> for ClassKey {
    fn from(c: Class) -> Self {
        match c {
            Class::Boilerplate => ClassKey::Boilerplate,
            Class::Personal => ClassKey::Personal,
        }
    }
}

impl ClassKey {
    pub fn as_str(self) -> &'static str {
        match self {
            ClassKey::Boilerplate => "boilerplate",
            ClassKey::Personal => "personal",
        }
    }
}

/// Score the classifier per split: `("tune", ..)`, `("holdout", ..)`, `("blind", ..)`,
/// `("all", ..)` (splits without notes are left out).
pub fn evaluate(
    notes: &[LabeledNote],
    results: &[Classification],
) -> Vec<(String, Scores, Vec<usize>)> {
    let mut splits: Vec<(String, Scores, Vec<usize>)> = Vec::new();
    for name in SPLITS.iter().copied().chain(["all"]) {
        let mut s = Scores::default();
        let mut misses = Vec::new();
        for (i, (n, c)) in notes.iter().zip(results).enumerate() {
            if name != "all" && n.split != name {
                continue;
            }
            let want = n.label();
            s.kind.add(want, c.kind);
            s.class.add(want.class().into(), c.class.into());
            if want != Kind::NoNote {
                s.class_nonempty.add(want.class().into(), c.class.into());
            }
            if want.class() != c.class {
                misses.push(i);
            }
        }
        if s.kind.total() > 0 {
            splits.push((name.to_string(), s, misses));
        }
    }
    splits
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "   -  ".to_string(), |v| format!("{v:.3}"))
}

/// Reliability of the scores as probabilities: per band of scores, how many notes, their mean
/// score and the share of them labeled personal.
pub fn reliability(notes: &[LabeledNote], results: &[Classification], rows: &[usize]) -> String {
    let mut out = String::from("reliability: score band, notes, mean score, labeled personal\n");
    for b in 0..10u8 {
        let band: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&i| (results[i].score / 10).min(9) == b && notes[i].label() != Kind::NoNote)
            .collect();
        if band.is_empty() {
            continue;
        }
        let mean = band
            .iter()
            .map(|&i| f64::from(results[i].score))
            .sum::<f64>()
            / band.len() as f64;
        let personal = band
            .iter()
            .filter(|&&i| notes[i].label().class() == Class::Personal)
            .count();
        let _ = writeln!(
            out,
            "  {:>3}-{:<3} {:>5} {:>6.1}% {:>6.1}%",
            u32::from(b) * 10,
            if b == 9 { 100 } else { u32::from(b) * 10 + 9 },
            band.len(),
            mean,
            100.0 * personal as f64 / band.len() as f64
        );
    }
    out
}

/// The human report `invitriage eval` prints.
pub fn report(notes: &[LabeledNote], results: &[Classification]) -> String {
    let mut out = String::new();
    for (name, s, misses) in evaluate(notes, results) {
        let _ = writeln!(out, "== {name}: {} notes ==", s.kind.total());
        let _ = writeln!(out, "\nclass confusion (rows: labeled, columns: predicted)");
        let classes = [ClassKey::Boilerplate, ClassKey::Personal];
        let _ = writeln!(out, "{:>14} {:>12} {:>9}", "", "boilerplate", "personal");
        for e in classes {
            let _ = write!(out, "{:>14}", e.as_str());
            for p in classes {
                let n = s.class.cells.get(&(e, p)).copied().unwrap_or(0);
                let _ = write!(out, " {:>w$}", n, w = p.as_str().len().max(9));
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "\nkind confusion (rows: labeled, columns: predicted)");
        let _ = write!(out, "{:>10}", "");
        for k in Kind::ALL {
            let _ = write!(out, " {:>9}", k.as_str());
        }
        let _ = writeln!(out);
        for e in Kind::ALL {
            let _ = write!(out, "{:>10}", e.as_str());
            for p in Kind::ALL {
                let n = s.kind.cells.get(&(e, p)).copied().unwrap_or(0);
                let _ = write!(out, " {:>9}", n);
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "\n{:>12} {:>9} {:>9}", "", "precision", "recall");
        for c in classes {
            let _ = writeln!(
                out,
                "{:>12} {:>9} {:>9}",
                c.as_str(),
                pct(s.class.precision(c)),
                pct(s.class.recall(c))
            );
        }
        for k in Kind::ALL {
            let _ = writeln!(
                out,
                "{:>12} {:>9} {:>9}",
                k.as_str(),
                pct(s.kind.precision(k)),
                pct(s.kind.recall(k))
            );
        }
        let _ = writeln!(
            out,
            "boilerplate recall over non-empty notes: {}",
            pct(s.class_nonempty.recall(ClassKey::Boilerplate))
        );
        let rows: Vec<usize> = (0..notes.len())
            .filter(|&i| name == "all" || notes[i].split == name)
            .collect();
        let unsure = rows
            .iter()
            .filter(|&&i| super::is_unsure(&results[i]))
            .count();
        let _ = writeln!(
            out,
            "unsure: {unsure} of {} notes ({:.1}%)",
            rows.len(),
            100.0 * unsure as f64 / rows.len().max(1) as f64
        );
        let _ = writeln!(out, "{}", reliability(notes, results, &rows));
        if !misses.is_empty() && name != "all" {
            let _ = writeln!(out, "\nclass errors ({}):", misses.len());
            for i in misses {
                let n = &notes[i];
                let _ = writeln!(
                    out,
                    "  {} labeled {} got {} ({}): {}",
                    n.id,
                    n.kind,
                    results[i].kind.as_str(),
                    results[i].score,
                    n.note
                );
                for r in results[i].reasons.iter().take(4) {
                    let _ = writeln!(out, "      {:+} {}", r.weight, r.message);
                }
            }
        }
        let _ = writeln!(out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: &str = r#"{"id":"a1","split":"blind","kind":"personal","direction":"outgoing","inbox":"w1","sender":"Ana Alvarez","recipient":"Tom Becker","note":"Great chat today!"}
{"id":"a2","split":"tune","kind":"template","direction":"incoming","inbox":"w2","sender":"Rachel Stone","recipient":"Ana Alvarez","note":"I'm a recruiter"}
{"id":"a3","split":"holdout","kind":"generic","sender":"Olga Petrova","recipient":"Ana Alvarez","note":"Let's connect"}
"#;

    #[test]
    fn direction_inbox_and_the_blind_split_are_read() {
        let notes = parse("w.jsonl", LINES).unwrap();
        assert_eq!(notes[0].split, "blind");
        assert_eq!(notes[0].inbox.as_deref(), Some("w1"));
        let (export, _) = to_export("w.jsonl", &notes);
        assert_eq!(export.invitations.at(0).direction, Direction::Outgoing);
        assert_eq!(export.invitations.at(1).direction, Direction::Incoming);
        assert_eq!(export.invitations.at(2).direction, Direction::Incoming);
        let results = classify_labeled("w.jsonl", &notes);
        assert_eq!(results.len(), 3);
        let names: Vec<String> = evaluate(&notes, &results)
            .into_iter()
            .map(|(n, _, _)| n)
            .collect();
        assert_eq!(names, ["tune", "holdout", "blind", "all"]);
    }

    #[test]
    fn bad_split_or_direction_names_the_line() {
        let bad = LINES.replace("\"blind\"", "\"secret\"");
        assert!(
            parse("w.jsonl", &bad)
                .unwrap_err()
                .starts_with("w.jsonl:1:")
        );
        let bad = LINES.replace("\"incoming\"", "\"sideways\"");
        assert!(
            parse("w.jsonl", &bad)
                .unwrap_err()
                .starts_with("w.jsonl:2:")
        );
    }

    /// Each inbox is its own export: the same note in two inboxes is no cluster.
    #[test]
    fn inboxes_are_classified_as_separate_exports() {
        let line = |id: &str, inbox: &str, sender: &str| {
            format!(
                r#"{{"id":"{id}","split":"tune","kind":"template","inbox":"{inbox}","sender":"{sender}","recipient":"Ana Alvarez","note":"We are a nearshore dev shop with senior engineers available now, happy to share CVs"}}"#
            )
        };
        let text = [line("b1", "x", "Agent One"), line("b2", "y", "Agent Two")].join("\n");
        let notes = parse("w.jsonl", &text).unwrap();
        for c in classify_labeled("w.jsonl", &notes) {
            assert!(c.reasons.iter().all(|r| !r.rule.starts_with("cluster.")));
        }
        let same = text.replace("\"y\"", "\"x\"");
        let notes = parse("w.jsonl", &same).unwrap();
        for c in classify_labeled("w.jsonl", &notes) {
            assert!(c.reasons.iter().any(|r| r.rule.starts_with("cluster.")));
        }
    }
}

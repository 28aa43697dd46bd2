//! Classifying a 1,000,000-invitation export (about 4% with notes, clustering included),
//! next to importing the same rows from Invitations.csv.
//!
//! Notes are drawn from the hand-labeled set (fixtures/labeled/*.jsonl): real note shapes in
//! every kind and language, with the names swapped per sender. A third of the notes are
//! "blasts": the same pitch sent by many senders, some with a word changed, so clustering has
//! real near-duplicate groups to find.
//!
//! Run: `cargo bench --bench classify`.

use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use invitriage::classify::{Overrides, classify_export, labeled};
use invitriage::import::{ImportOptions, load};
use invitriage::model::{
    Direction, Export, InvitationRecord, InvitationType, Invitations, RecipientRecord,
    Relationship, SenderRecord, SourceLoc,
};

const ROWS: usize = 1_000_000;
const NOTE_RATE_PER_MILLE: u64 = 40;

const FIRST: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dmitri", "Elif", "Femi", "Giulia", "Hiro", "Ines", "Jonas", "Kofi",
    "Lena", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq", "Uwe",
    "Valeria", "Wen", "Ximena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Alvarez",
    "Becker",
    "Costa",
    "Dubois",
    "Evans",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalska",
    "Lima",
    "Moreau",
    "Nguyen",
    "Okafor",
    "Petrova",
    "Rossi",
    "Schulz",
    "Tanaka",
    "Usman",
    "Visser",
    "Weber",
    "Yilmaz",
    "Zielińska",
];

/// A small deterministic generator, so every run benches the same export.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn labeled_notes() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in [
        "fixtures/labeled/tune.jsonl",
        "fixtures/labeled/holdout.jsonl",
    ] {
        let text = std::fs::read_to_string(f).expect("run from the package root");
        for n in labeled::parse(f, &text).expect("labeled file") {
            if !n.note.trim().is_empty() {
                out.push((n.sender, n.note));
            }
        }
    }
    out
}

fn build_export() -> Export {
    let notes = labeled_notes();
    let pitches: Vec<&(String, String)> = notes.iter().filter(|(_, n)| n.len() > 120).collect();
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    let file: Arc<str> = Arc::from("Invitations.csv");
    let start = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
    let mut invitations = Vec::with_capacity(ROWS);
    for i in 0..ROWS {
        let first = FIRST[rng.below(FIRST.len() as u64) as usize];
        let last = LAST[rng.below(LAST.len() as u64) as usize];
        let name = format!("{first} {last} {}", i % 9973);
        let note = if rng.below(1000) < NOTE_RATE_PER_MILLE {
            let (orig_sender, text) = if rng.below(3) == 0 {
                // a blast: one of a few dozen pitches, sent by many
                let p = pitches[(rng.below(40) as usize) % pitches.len()];
                (&p.0, p.1.clone())
            } else {
                let p = &notes[rng.below(notes.len() as u64) as usize];
                (&p.0, p.1.clone())
            };
            let orig_first = orig_sender.split(' ').next().unwrap_or("");
            let mut t = text.replace(orig_first, first);
            if rng.below(4) == 0 {
                t.push_str(" Cheers!");
            }
            Some(t)
        } else {
            None
        };
        let direction = if i < ROWS / 50 {
            Direction::Outgoing
        } else {
            Direction::Incoming
        };
        invitations.push(InvitationRecord {
            direction,
            kind: InvitationType::Connection,
            sender: SenderRecord {
                name: if direction == Direction::Outgoing {
                    "Ana Alvarez".to_string()
                } else {
                    name.clone()
                },
                profile_url: Some(format!(
                    "https://www.linkedin.com/in/{}-{}-demo-{i}",
                    first.to_lowercase(),
                    last.to_lowercase()
                )),
                ..SenderRecord::default()
            },
            recipient: RecipientRecord {
                name: if direction == Direction::Outgoing {
                    name
                } else {
                    "Ana Alvarez".to_string()
                },
                ..RecipientRecord::default()
            },
            sent_at: start - Duration::minutes(i as i64),
            raw_note: note.clone(),
            note,
            source: SourceLoc {
                file: file.clone(),
                line: i as u64 + 2,
            },
            relationship: Relationship::default(),
        });
    }
    Export {
        source: "bench".to_string(),
        files: vec!["Invitations.csv".to_string()],
        invitations: Invitations::from_records(&invitations),
        ..Export::default()
    }
}

/// The same rows as a version-3 Invitations.csv, for timing the importer on them.
fn write_csv(export: &Export, path: &std::path::Path) {
    let f = std::fs::File::create(path).unwrap();
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(f));
    w.write_record([
        "From",
        "To",
        "Sent At",
        "Message",
        "Direction",
        "inviterProfileUrl",
        "inviteeProfileUrl",
    ])
    .unwrap();
    let pacific = chrono_tz::America::Los_Angeles;
    for inv in &export.invitations {
        let at = inv.sent_at.with_timezone(&pacific);
        w.write_record([
            inv.sender.name,
            inv.recipient.name,
            &at.format("%-m/%-d/%y, %-I:%M %p").to_string(),
            inv.note.unwrap_or(""),
            if inv.direction == Direction::Incoming {
                "INCOMING"
            } else {
                "OUTGOING"
            },
            inv.sender.profile_url.unwrap_or(""),
            "",
        ])
        .unwrap();
    }
    w.flush().unwrap();
    w.into_inner().unwrap().flush().unwrap();
}

fn bench(c: &mut Criterion) {
    let export = build_export();
    let notes = export.invitations.iter().filter(|i| i.has_note()).count();
    eprintln!(
        "export: {} invitations, {notes} with a note",
        export.invitations.len()
    );

    let mut g = c.benchmark_group("1M invitations");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(20));
    g.bench_function("classify_export (clustering included)", |b| {
        b.iter(|| black_box(classify_export(black_box(&export), &Overrides::new())))
    });

    // The cheap path alone: the same rows with every note removed.
    let mut records = export.invitations.to_records();
    for inv in &mut records {
        inv.note = None;
        inv.raw_note = None;
    }
    let bare = Export {
        invitations: Invitations::from_records(&records),
        ..export.clone()
    };
    drop(records);
    g.bench_function("classify_export, no notes (cheap path only)", |b| {
        b.iter(|| black_box(classify_export(black_box(&bare), &Overrides::new())))
    });
    drop(bare);

    // Import of the same rows, for the "classification adds no more than import" budget.
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("Invitations.csv");
    write_csv(&export, &csv_path);
    // The file is larger than the default per-file limit (real exports are tens of MB), so the
    // limits are raised for the bench as `--max-entry-size` would.
    let opts = ImportOptions {
        max_entry_size: u64::MAX,
        max_total_size: u64::MAX,
        ..ImportOptions::default()
    };
    match load(&csv_path, &opts) {
        Ok(loaded) => {
            assert_eq!(loaded.invitations.len(), ROWS);
            g.bench_function("import Invitations.csv", |b| {
                b.iter(|| black_box(load(black_box(&csv_path), &opts).unwrap()))
            });
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "import bench skipped: the importer reports {e}"
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Speed of the sanitiser on typical fields, and of the invitriage JSON importer on 200,000
//! generated invitations (as JSON Lines and as a document) against a bare serde_json pass that
//! skips the same values: the floor any importer built on serde_json can reach.
//!
//! Run: `cargo bench --bench json`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use invitriage::import::ImportOptions;
use invitriage::import::json;
use invitriage::sanitize::clean;

const ROWS: usize = 200_000;

const NAMES: [&str; 8] = [
    "Ana Alvarez",
    "José Niño",
    "Kwame Mensah",
    "陈美玲",
    "Derek Olsen, MBA",
    "Sofia 🌍 Marquez",
    "Zoë Müller",
    "অনিন্দ্য রায়",
];
const NOTES: [&str; 5] = [
    "Hi Maya, I'd like to join your LinkedIn network.",
    "I'd like to add you to my professional network on LinkedIn.",
    "Hello Maya, fellow Harrowgate University alum here. Your talk on Iceberg backfills helped a lot.",
    "Hi Maya, I help founders scale their outreach 10x. Let's connect!",
    "We met at \"DataCon Berlin\", remember?  Let's stay in touch 👋",
];

/// Deterministic JSON Lines: every field of the format, a note on one row in twenty.
fn generate_lines(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 330);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..rows {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_f491_4f6c_dd1d);
        let name = NAMES[(r % 8) as usize];
        let ms = 1_780_000_000_000u64 + (i as u64) * 60_000;
        let message = if r % 20 == 0 {
            serde_json::to_string(NOTES[((r >> 8) % 5) as usize]).unwrap()
        } else {
            "null".to_string()
        };
        out.push_str(&format!(
            "{{\"direction\":\"incoming\",\"type\":\"connection\",\"from\":{{\"name\":\"{name}\",\
             \"headline\":\"Data Engineer at Example Corp\",\"company\":\"Example Corp\",\
             \"mutual_connections\":{},\"profile_url\":\"https://www.linkedin.com/in/person-{i}-demo\"}},\
             \"to\":\"Maya Okafor\",\"sent_at\":{ms},\"message\":{message}}}\n",
            r % 500
        ));
    }
    out
}

fn sanitize(c: &mut Criterion) {
    let fields: Vec<&str> = NAMES
        .iter()
        .chain(NOTES.iter())
        .copied()
        .chain([
            "https://www.linkedin.com/in/ana-alvarez-demo",
            "",
            "11/20/26, 9:14 AM",
        ])
        .collect();
    let hostile = "\u{1b}[2J\u{1b}]8;;https://evil.example\u{7}Chad\u{1b}]8;;\u{7} \u{202e}Wright";
    let bytes: usize = fields.iter().map(|f| f.len()).sum();
    let mut g = c.benchmark_group("sanitize");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("typical fields", |b| {
        b.iter(|| {
            for f in &fields {
                black_box(clean(black_box(f)));
            }
        })
    });
    g.throughput(Throughput::Bytes(hostile.len() as u64));
    g.bench_function("hostile name", |b| {
        b.iter(|| black_box(clean(black_box(hostile))))
    });
    g.finish();
}

fn import(c: &mut Criterion) {
    let lines = generate_lines(ROWS);
    let doc = format!(
        "{{\"version\":1,\"invitations\":[\n{}]}}",
        lines.trim_end().replace('\n', ",\n")
    );
    let opts = ImportOptions::default();
    assert_eq!(
        json::parse(lines.as_bytes(), "b.jsonl", &opts)
            .unwrap()
            .len(),
        ROWS
    );
    assert_eq!(
        json::parse(doc.as_bytes(), "b.json", &opts).unwrap().len(),
        ROWS
    );

    let mut g = c.benchmark_group("json 200k invitations");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(lines.len() as u64));
    g.bench_function("serde_json skip (floor)", |b| {
        b.iter(|| {
            let stream = serde_json::Deserializer::from_slice(lines.as_bytes())
                .into_iter::<serde::de::IgnoredAny>();
            black_box(stream.count())
        })
    });
    g.bench_function("invitriage JSON Lines", |b| {
        b.iter(|| black_box(json::parse(lines.as_bytes(), "b.jsonl", &opts).unwrap()))
    });
    g.bench_function("invitriage document", |b| {
        b.iter(|| black_box(json::parse(doc.as_bytes(), "b.json", &opts).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, sanitize, import);
criterion_main!(benches);

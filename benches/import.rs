//! Import speed on a 1,000,000-row Invitations.csv generated in memory (about 4% with notes,
//! header v3 with profile URLs), against a raw csv-crate `ByteRecord` pass over the same bytes:
//! the floor any CSV importer built on the csv crate can reach.
//!
//! Run: `cargo bench --bench import`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use invitriage::import::{ImportOptions, parse_invitations_csv};

const ROWS: usize = 1_000_000;

const FIRST: [&str; 12] = [
    "Ana", "Bo", "José", "Lena", "Kwame", "Priya", "Tomasz", "Grace", "Daniel", "花子", "Zoë",
    "Rohan",
];
const LAST: [&str; 10] = [
    "Alvarez", "Chen", "Niño", "Vogel", "Mensah", "Raman", "Wrona", "Lee", "Okoro", "Müller",
];
const NOTES: [&str; 5] = [
    "Hi Mira, I'd like to join your LinkedIn network.",
    "I'd like to add you to my professional network on LinkedIn.",
    "Hello Mira, fellow Demo State University alum here. Your talk on CI caching helped a lot.",
    "Hi Mira, I help founders scale their outreach 10x. Let's connect!",
    "We met at \"Rust Nation\", remember?  Let's stay in touch 👋",
];

/// A deterministic Invitations.csv: outgoing rows first, then incoming, newest first.
fn generate(rows: usize) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 190);
    out.push_str("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        // xorshift64*: fast and reproducible, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2691_6b1d_b2a5_4e4d)
    };
    for i in 0..rows {
        let r = next();
        let first = FIRST[(r % 12) as usize];
        let last = LAST[((r >> 8) % 10) as usize];
        let outgoing = i < rows / 20;
        let minutes_ago = i as u64 * 13;
        let day = 28 - (minutes_ago / 1440) % 28;
        let month = 12 - (minutes_ago / (1440 * 28)) % 12;
        let hour = 1 + (r >> 16) % 12;
        let minute = (r >> 24) % 60;
        let ampm = if (r >> 32) % 2 == 0 { "AM" } else { "PM" };
        let note = if (r >> 40) % 100 < 4 {
            let n = NOTES[((r >> 48) % 5) as usize];
            format!("\"{}\"", n.replace('"', "\"\""))
        } else {
            String::new()
        };
        let them = format!("{first} {last}");
        let slug = format!(
            "https://www.linkedin.com/in/{}-{}-{i}",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let me = "https://www.linkedin.com/in/mira-castell-demo";
        let (from, to, from_url, to_url, dir) = if outgoing {
            ("Mira Castell", them.as_str(), me, slug.as_str(), "OUTGOING")
        } else {
            (them.as_str(), "Mira Castell", slug.as_str(), me, "INCOMING")
        };
        out.push_str(&format!(
            "{from},{to},\"{month}/{day}/25, {hour}:{minute:02} {ampm}\",{note},{dir},{from_url},{to_url}\n"
        ));
    }
    out.into_bytes()
}

/// Every record read into one reused `ByteRecord`, each field touched: the csv crate's floor.
fn raw_csv(bytes: &[u8]) -> usize {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut total = 0;
    while rdr.read_byte_record(&mut record).unwrap() {
        total += record.iter().map(<[u8]>::len).sum::<usize>();
    }
    total
}

fn bench(c: &mut Criterion) {
    let bytes = generate(ROWS);
    let opts = ImportOptions::default();
    let parsed = parse_invitations_csv(&bytes, "Invitations.csv", &opts).unwrap();
    assert_eq!(parsed.len(), ROWS);
    let with_note = parsed.iter().filter(|i| i.has_note()).count();
    eprintln!(
        "input: {ROWS} rows, {:.1} MB, {:.1}% with a note",
        bytes.len() as f64 / 1e6,
        with_note as f64 * 100.0 / ROWS as f64
    );
    drop(parsed);

    let mut group = c.benchmark_group("invitations_csv_1m");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("raw_csv_byte_records", |b| {
        b.iter(|| black_box(raw_csv(black_box(&bytes))))
    });
    group.bench_function("parse_invitations_csv", |b| {
        b.iter(|| {
            black_box(parse_invitations_csv(black_box(&bytes), "Invitations.csv", &opts).unwrap())
        })
    });
    // The same, without the time to free 1,000,000 invitations afterwards (the caller keeps them).
    group.bench_function("parse_invitations_csv_without_drop", |b| {
        b.iter_with_large_drop(|| {
            parse_invitations_csv(black_box(&bytes), "Invitations.csv", &opts).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

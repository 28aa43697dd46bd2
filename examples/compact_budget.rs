//! A measurement, not the model: how much memory the compact model designed in
//! docs/PERFORMANCE.md would take for a given Invitations.csv, and how long filling it takes.
//!
//! It reads the file the way the importer does (the csv crate, one reused `ByteRecord`, every
//! field through `sanitize::clean`, `Sent At` parsed) but stores rows as the design says: one
//! text arena per export, interned names and URLs (the owner's name and URL are on every row),
//! fixed-size 40-byte records of `u32` ids, dates as `i64`, and a raw note only where it differs
//! from the sanitised one. It prints the bytes of each part and the process's peak RSS.
//!
//! ```text
//! cargo run --release --example gen_export -- --rows 1000000 --format csv --out target/gen/1m.csv
//! cargo run --release --example compact_budget -- target/gen/1m.csv
//! ```

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::time::Instant;

use invitriage::import::linkedin_csv::parse_sent_at;
use invitriage::sanitize::clean;

/// A row of the compact model: 40 bytes, no pointers, no heap.
#[allow(dead_code)]
struct Row {
    sent_at: i64,
    sender_name: u32,
    sender_url: u32,
    recipient_name: u32,
    recipient_url: u32,
    /// Into `Arena::strings`; `u32::MAX` for no note.
    note: u32,
    /// Into `Arena::strings`: the raw note where it differs from `note`, else `note`.
    raw_note: u32,
    line: u32,
    direction: u8,
    kind: u8,
    flags: u8,
}

const NONE: u32 = u32::MAX;

#[derive(Default)]
struct Arena {
    text: String,
    /// (offset, length) into `text` for every interned string.
    strings: Vec<(u32, u32)>,
    /// Hash of the text to its id; collisions are resolved by comparing the text.
    index: HashMap<u64, u32>,
    state: std::hash::RandomState,
}

impl Arena {
    fn get(&self, id: u32) -> &str {
        let (o, l) = self.strings[id as usize];
        &self.text[o as usize..(o + l) as usize]
    }

    fn intern(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return NONE;
        }
        let mut key = self.state.hash_one(s);
        loop {
            match self.index.get(&key) {
                Some(&id) if self.get(id) == s => return id,
                Some(_) => key = key.wrapping_add(1),
                None => break,
            }
        }
        let id = self.strings.len() as u32;
        self.strings.push((self.text.len() as u32, s.len() as u32));
        self.text.push_str(s);
        self.index.insert(key, id);
        id
    }
}

fn text(rec: &csv::ByteRecord, i: usize) -> &str {
    std::str::from_utf8(rec.get(i).unwrap_or_default()).unwrap_or_default()
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: compact_budget Invitations.csv");
        std::process::exit(2);
    };
    let started = Instant::now();
    let file = std::fs::File::open(&path).expect("readable file");
    let file_len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .buffer_capacity(64 * 1024)
        .from_reader(file);
    let mut rec = csv::ByteRecord::new();
    let mut arena = Arena::default();
    let mut rows: Vec<Row> = Vec::new();
    while rdr.read_byte_record(&mut rec).expect("valid CSV") {
        let line = rec.position().map_or(0, |p| p.line()) as u32;
        let sent_at = parse_sent_at(text(&rec, 2)).map_or(0, |t| t.and_utc().timestamp());
        let incoming = text(&rec, 4).eq_ignore_ascii_case("INCOMING");
        let field = |s: &str| clean(s.trim()).trim().to_string();
        let message = text(&rec, 3);
        let (note, raw_note) = if message.is_empty() {
            (NONE, NONE)
        } else {
            let cleaned = clean(message);
            let note = arena.intern(&cleaned);
            let raw = if cleaned == message {
                note
            } else {
                arena.intern(message)
            };
            (note, raw)
        };
        rows.push(Row {
            sent_at,
            sender_name: arena.intern(&field(text(&rec, 0))),
            recipient_name: arena.intern(&field(text(&rec, 1))),
            sender_url: arena.intern(&field(text(&rec, 5))),
            recipient_url: arena.intern(&field(text(&rec, 6))),
            note,
            raw_note,
            line,
            direction: u8::from(incoming),
            kind: 0,
            flags: 0,
        });
    }
    let elapsed = started.elapsed();
    let mb = |b: usize| b as f64 / 1e6;
    let rows_b = rows.capacity() * size_of::<Row>();
    let text_b = arena.text.capacity();
    let strings_b = arena.strings.capacity() * size_of::<(u32, u32)>();
    // hashbrown: one (u64, u32) slot (16 bytes) and one control byte per bucket.
    let index_b = arena.index.capacity() * 17;
    println!("file: {:.1} MB, {} rows", mb(file_len as usize), rows.len());
    println!(
        "rows: {} x {} B = {:.1} MB",
        rows.len(),
        size_of::<Row>(),
        mb(rows_b)
    );
    println!(
        "text arena: {:.1} MB ({} strings interned)",
        mb(text_b),
        arena.strings.len()
    );
    println!("string table: {:.1} MB", mb(strings_b));
    println!(
        "interning index (dropped after import): {:.1} MB",
        mb(index_b)
    );
    println!(
        "kept: {:.1} MB = {:.2}x the file; peak RSS {:.0} MB; {:.0} ms",
        mb(rows_b + text_b + strings_b),
        (rows_b + text_b + strings_b) as f64 / file_len.max(1) as f64,
        peak_rss_mb(),
        elapsed.as_secs_f64() * 1000.0
    );
}

//! Writes a deterministic, realistic LinkedIn invitations export for benchmarks: the 7-column
//! `Invitations.csv` of current exports, or invitriage JSON (a document or JSON Lines).
//!
//! About 80% of rows are incoming and 4% carry a note. Notes are drawn from the hand-labeled
//! set (every kind: whitespace-only, LinkedIn's default, generic, templates, personal; seven
//! languages) with the names swapped per sender, and a third of them are near-duplicate
//! blasts: a few dozen long pitches sent by many senders, some with a word changed. Names mix
//! Latin, accented, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Bengali, CJK and emoji, some
//! with a comma, so CSV quoting is exercised. Same arguments, same bytes.
//!
//! ```text
//! cargo run --release --example gen_export -- --rows 1000000 --format csv --out target/gen/1m.csv
//! ```
//!
//! Without `--out` it writes to stdout. Big files belong in `target/` or a temporary
//! directory, never in the repository.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const OWNER: &str = "Mira Castell";
const OWNER_URL: &str = "https://www.linkedin.com/in/mira-castell-demo";

/// First names with their profile slug (non-Latin names get an ASCII or percent-encoded
/// slug, as LinkedIn gives them).
const FIRST: &[(&str, &str)] = &[
    ("Ana", "ana"),
    ("Ben", "ben"),
    ("Chloé", "chlo%C3%A9"),
    ("Dmitri", "dmitri"),
    ("Elif", "elif"),
    ("Femi", "femi"),
    ("Giulia", "giulia"),
    ("Hiro", "hiro"),
    ("Inès", "ines"),
    ("Jonas", "jonas"),
    ("Kofi", "kofi"),
    ("Lena", "lena"),
    ("Marco", "marco"),
    ("Nadia", "nadia"),
    ("Omar", "omar"),
    ("Priya", "priya"),
    ("Quentin", "quentin"),
    ("Rosa", "rosa"),
    ("Sven", "sven"),
    ("Tariq", "tariq"),
    ("Zoë", "zoe"),
    ("Valeria", "valeria"),
    ("Wen", "wen"),
    ("Yusuf", "yusuf"),
    ("Алексей", "aleksei"),
    ("Σοφία", "sofia"),
    ("محمد", "%D9%85%D8%AD%D9%85%D8%AF"),
    ("נועה", "noa"),
    ("अनन्या", "ananya"),
    ("অনিন্দ্য", "anindya"),
    ("花子", "%E8%8A%B1%E5%AD%90"),
    ("민준", "minjun"),
];

const LAST: &[(&str, &str)] = &[
    ("Alvarez", "alvarez"),
    ("Becker", "becker"),
    ("Costa", "costa"),
    ("Dubois", "dubois"),
    ("Evans", "evans"),
    ("García", "garcia"),
    ("Haddad", "haddad"),
    ("Ito", "ito"),
    ("Kowalska", "kowalska"),
    ("Müller", "muller"),
    ("Nguyen", "nguyen"),
    ("Okafor", "okafor"),
    ("Petrova", "petrova"),
    ("Rossi", "rossi"),
    ("Tanaka", "tanaka"),
    ("Yilmaz", "yilmaz"),
    ("Zielińska", "zielinska"),
    ("Olsen, MBA", "olsen"),
    ("🌍 Marquez", "marquez"),
    ("Иванова", "ivanova"),
    ("Παπαδόπουλος", "papadopoulos"),
    ("الهاشمي", "alhashimi"),
    ("כהן", "cohen"),
    ("शर्मा", "sharma"),
    ("রায়", "roy"),
    ("山田", "%E5%B1%B1%E7%94%B0"),
    ("김", "kim"),
];

const HEADLINES: &[&str] = &[
    "Data Engineer at Example Corp",
    "Founder & CEO | Helping SaaS teams scale outbound 10x",
    "Senior Rust Developer",
    "Talent Acquisition Partner — we're hiring!",
    "PhD student, distributed systems",
    "Product Manager · ex-Northwind Labs",
];
const COMPANIES: &[&str] = &[
    "Example Corp",
    "Northwind Labs",
    "ScaleOps",
    "Cobalt Genomics",
    "Lumenfold Analytics",
];
const LOCATIONS: &[&str] = &[
    "Lisbon, Portugal",
    "Berlin, Germany",
    "Lagos, Nigeria",
    "Bengaluru, India",
    "São Paulo, Brazil",
    "Tokyo, Japan",
];

/// SplitMix64: small, fast, and the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Csv,
    Json,
    Jsonl,
}

struct Args {
    rows: u64,
    format: Format,
    seed: u64,
    out: Option<String>,
}

const USAGE: &str = "usage: gen_export --rows N --format csv|json|jsonl [--seed S] [--out PATH]";

fn parse_args() -> Result<Args, String> {
    let mut rows = None;
    let mut format = None;
    let mut seed = 1;
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--rows" => {
                let v = value()?;
                rows = Some(
                    v.parse()
                        .map_err(|_| format!("--rows: not a number: {v}"))?,
                );
            }
            "--format" => {
                format = Some(match value()?.as_str() {
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    "jsonl" => Format::Jsonl,
                    other => return Err(format!("--format: {other}; expected csv, json or jsonl")),
                });
            }
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--out" => out = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        rows: rows.ok_or("--rows is required")?,
        format: format.ok_or("--format is required")?,
        seed,
        out,
    })
}

/// A labeled note with the sender's and recipient's first names, to swap.
struct Source {
    sender_first: String,
    recipient_first: String,
    note: String,
}

fn labeled_notes() -> Vec<Source> {
    let mut out = Vec::new();
    for text in [
        include_str!("../fixtures/labeled/tune.jsonl"),
        include_str!("../fixtures/labeled/holdout.jsonl"),
    ] {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("labeled fixture");
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let first = |s: String| s.split([' ', '.']).next().unwrap_or_default().to_string();
            out.push(Source {
                sender_first: first(field("sender")),
                recipient_first: first(field("recipient")),
                note: field("note"),
            });
        }
    }
    out
}

struct Row {
    incoming: bool,
    name: String,
    url: String,
    headline: &'static str,
    company: &'static str,
    location: &'static str,
    mutual: u64,
    /// Seconds since the Unix epoch, UTC.
    sent_at: i64,
    note: Option<String>,
}

struct Generator {
    rng: Rng,
    notes: Vec<Source>,
    pitches: Vec<usize>,
    /// Newest first, a few minutes apart, from 2026-11-20T20:00Z backwards.
    clock: i64,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let notes = labeled_notes();
        let pitches = (0..notes.len())
            .filter(|&i| notes[i].note.len() > 120)
            .collect();
        Generator {
            rng: Rng(seed ^ 0x5EED_CAFE_F00D_1234),
            notes,
            pitches,
            clock: 1_795_204_800,
        }
    }

    fn note(&mut self, first: &str) -> String {
        let rng = &mut self.rng;
        let blast = rng.below(3) == 0;
        let src = if blast {
            // One of a few dozen pitches, sent by many senders.
            let k = self.pitches[rng.below(40) as usize % self.pitches.len()];
            &self.notes[k]
        } else {
            &self.notes[rng.below(self.notes.len() as u64) as usize]
        };
        let mut t = src.note.clone();
        if !src.sender_first.is_empty() {
            t = t.replace(&src.sender_first, first);
        }
        if !src.recipient_first.is_empty() {
            t = t.replace(&src.recipient_first, "Mira");
        }
        match rng.below(12) {
            // Near-duplicates: a word changed, a sign-off added.
            0 | 1 => t.push_str(" Cheers!"),
            2 => t = t.replacen("I ", "We ", 1),
            // Real notes carry line breaks and quotes, which CSV must quote.
            3 => t = t.replacen(". ", ".\n", 1),
            4 => t.push_str(" (we met at \"Rust Nation\")"),
            _ => {}
        }
        t
    }

    fn row(&mut self, i: u64) -> Row {
        let (first, first_slug) = self.rng.pick(FIRST);
        let (last, last_slug) = self.rng.pick(LAST);
        let incoming = self.rng.below(100) < 80;
        let note = (self.rng.below(1000) < 40).then(|| self.note(first));
        self.clock -= 60 + self.rng.below(600) as i64;
        Row {
            incoming,
            name: format!("{first} {last}"),
            url: format!("https://www.linkedin.com/in/{first_slug}-{last_slug}-{i:x}"),
            headline: self.rng.pick(HEADLINES),
            company: self.rng.pick(COMPANIES),
            location: self.rng.pick(LOCATIONS),
            mutual: self.rng.below(500),
            sent_at: self.clock,
            note,
        }
    }
}

/// `M/D/YY, h:mm AM` in US Pacific wall time, as LinkedIn writes `Sent At`. The offset is
/// approximated by the US daylight-saving months, close enough for generated data.
fn linkedin_date(utc: i64) -> String {
    let (_, month, _) = civil(utc.div_euclid(86_400));
    let dst = (4..=10).contains(&month);
    let local = utc - if dst { 7 } else { 8 } * 3600;
    let (y, m, d) = civil(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    let (h, min) = (secs / 3600, (secs % 3600) / 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!("{m}/{d}/{:02}, {h12}:{min:02} {ampm}", y % 100)
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn write_csv(r: &Row, line: &mut String) {
    let (from, to, from_url, to_url, dir) = if r.incoming {
        (
            r.name.as_str(),
            OWNER,
            r.url.as_str(),
            OWNER_URL,
            "INCOMING",
        )
    } else {
        (
            OWNER,
            r.name.as_str(),
            OWNER_URL,
            r.url.as_str(),
            "OUTGOING",
        )
    };
    csv_field(line, from);
    line.push(',');
    csv_field(line, to);
    line.push(',');
    csv_field(line, &linkedin_date(r.sent_at));
    line.push(',');
    csv_field(line, r.note.as_deref().unwrap_or(""));
    let _ = writeln!(line, ",{dir},{from_url},{to_url}");
}

fn write_json(r: &Row, line: &mut String) {
    let json = |s: &str| serde_json::to_string(s).expect("a string serialises");
    let person = format!(
        "{{\"name\":{},\"headline\":{},\"company\":{},\"location\":{},\"mutual_connections\":{},\"profile_url\":{}}}",
        json(&r.name),
        json(r.headline),
        json(r.company),
        json(r.location),
        r.mutual,
        json(&r.url)
    );
    let me = format!(
        "{{\"name\":{},\"profile_url\":{}}}",
        json(OWNER),
        json(OWNER_URL)
    );
    let (dir, from, to) = if r.incoming {
        ("incoming", person, me)
    } else {
        ("outgoing", me, person)
    };
    let message = r.note.as_deref().map_or("null".to_string(), json);
    let _ = write!(
        line,
        "{{\"direction\":\"{dir}\",\"type\":\"connection\",\"from\":{from},\"to\":{to},\"sent_at\":{},\"message\":{message}}}",
        r.sent_at * 1000
    );
}

fn generate(args: &Args, out: &mut dyn Write) -> io::Result<()> {
    let mut g = Generator::new(args.seed);
    let mut line = String::with_capacity(4096);
    match args.format {
        Format::Csv => out.write_all(
            b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
        )?,
        Format::Json => out.write_all(b"{\"version\":1,\"invitations\":[\n")?,
        Format::Jsonl => out.write_all(b"{\"version\":1}\n")?,
    }
    for i in 0..args.rows {
        line.clear();
        let r = g.row(i);
        match args.format {
            Format::Csv => write_csv(&r, &mut line),
            Format::Json => {
                write_json(&r, &mut line);
                line.push_str(if i + 1 < args.rows { ",\n" } else { "\n" });
            }
            Format::Jsonl => {
                write_json(&r, &mut line);
                line.push('\n');
            }
        }
        out.write_all(line.as_bytes())?;
    }
    if args.format == Format::Json {
        out.write_all(b"]}\n")?;
    }
    out.flush()
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen_export: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match &args.out {
        Some(path) => {
            if let Some(dir) = std::path::Path::new(path).parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::File::create(path)
                .and_then(|f| generate(&args, &mut BufWriter::with_capacity(1 << 20, f)))
        }
        None => generate(
            &args,
            &mut BufWriter::with_capacity(1 << 20, io::stdout().lock()),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_export: {e}");
            ExitCode::FAILURE
        }
    }
}

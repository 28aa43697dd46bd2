//! Times the import of an export and the classification of what it loaded, separately: the
//! split #3's budget compares (classifying adds no more than the import's own time), which
//! `invitriage stats` does not print.
//!
//! Run: `cargo run --release --example classify_split -- FILE [RUNS]` (FILE as `invitriage`
//! takes it; the per-file size limits are lifted, as `--max-entry-size` would, so generated
//! exports of a million rows load). Each run prints one line; run it on a file from
//! `cargo run --release --example gen_export -- --rows 1000000 --format csv --out /tmp/x.csv`.

use std::process::ExitCode;
use std::time::Instant;

use invitriage::classify::{Overrides, classify_export};
use invitriage::import::{ImportOptions, load};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: classify_split FILE [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = match args.next().map(|r| r.parse()) {
        None => 3,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("classify_split: RUNS must be a positive number");
            return ExitCode::from(2);
        }
    };
    let opts = ImportOptions {
        max_entry_size: u64::MAX,
        max_total_size: u64::MAX,
        ..ImportOptions::default()
    };
    for run in 1..=runs {
        let start = Instant::now();
        let export = match load(path.as_ref(), &opts) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("classify_split: {e}");
                return ExitCode::from(2);
            }
        };
        let import = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let verdicts = classify_export(&export, &Overrides::new());
        let classify = start.elapsed().as_secs_f64();
        let notes = export.invitations.iter().filter(|i| i.has_note()).count();
        println!(
            "run {run}: {} rows, {notes} with a note: import {import:.3} s, classify {classify:.3} s ({:.2}x the import)",
            verdicts.len(),
            classify / import
        );
    }
    ExitCode::SUCCESS
}

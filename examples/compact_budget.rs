//! A measurement: how much memory the compact model (`model::Invitations`) takes for a given
//! export, and the process's peak, when it is loaded by the real importer.
//!
//! ```text
//! cargo run --release --example gen_export -- --rows 1000000 --format csv --out target/gen/1m.csv
//! cargo run --release --example compact_budget -- target/gen/1m.csv
//! ```

use std::time::Instant;

use invitriage::import::{ImportOptions, load};

fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: compact_budget FILE");
        std::process::exit(2);
    };
    let opts = ImportOptions {
        max_entry_size: 4 << 30,
        max_total_size: 4 << 30,
        ..ImportOptions::default()
    };
    let file_len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let export = match load(std::path::Path::new(&path), &opts) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("compact_budget: {e}");
            std::process::exit(2);
        }
    };
    let elapsed = started.elapsed();
    let mb = |b: f64| b / 1e6;
    let kept = export.invitations.heap_bytes() as f64;
    println!(
        "file: {:.1} MB, {} rows, loaded in {:.0} ms",
        mb(file_len as f64),
        export.invitations.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    println!(
        "table: {:.1} MB = {:.2}x the file; {:.1} bytes a row",
        mb(kept),
        kept / file_len.max(1) as f64,
        kept / export.invitations.len().max(1) as f64
    );
    println!(
        "process: {:.0} MB resident now, {:.0} MB at the peak",
        status_mb("VmRSS:"),
        status_mb("VmHWM:")
    );
}

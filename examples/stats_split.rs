//! A measurement: where the time of `invitriage stats` goes on one file, loading against
//! classifying, in wall time and CPU time (the process's, from /proc/self/stat: on a shared
//! machine CPU time moves far less than wall time). Classifying is run twice: the first run
//! also builds the lexicons, patterns and word tables, once per process.
//!
//! ```text
//! cargo run --release --example gen_export -- --rows 200000 --format json --out target/gen/200k.json
//! cargo run --release --example stats_split -- target/gen/200k.json
//! ```

use std::time::Instant;

use invitriage::classify::classify_export_classes;
use invitriage::import::{ImportOptions, load};

/// CPU seconds (user and system) this process has used; `NAN` where /proc is missing.
fn cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let Some(rest) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return f64::NAN;
    };
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    match (ticks(11), ticks(12)) {
        // Clock ticks, 100 a second on Linux.
        (Some(user), Some(system)) => (user + system) / 100.0,
        _ => f64::NAN,
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stats_split FILE");
        std::process::exit(2);
    };
    let opts = ImportOptions {
        max_entry_size: 4 << 30,
        max_total_size: 4 << 30,
        ..ImportOptions::default()
    };
    let (wall, used) = (Instant::now(), cpu());
    let export = match load(std::path::Path::new(&path), &opts) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("stats_split: {e}");
            std::process::exit(2);
        }
    };
    println!(
        "load (read, parse, check URLs): {:.3} s wall, {:.2} s CPU, {} rows",
        wall.elapsed().as_secs_f64(),
        cpu() - used,
        export.invitations.len()
    );
    let with_note = (0..export.invitations.len())
        .filter(|&i| export.invitations.has_note(i))
        .count();
    for run in [
        "classify, first run (builds the lexicons)",
        "classify again",
    ] {
        let (wall, used) = (Instant::now(), cpu());
        let classes = classify_export_classes(&export, &Default::default());
        std::hint::black_box(classes);
        println!(
            "{run}: {:.3} s wall, {:.2} s CPU, {with_note} notes",
            wall.elapsed().as_secs_f64(),
            cpu() - used,
        );
    }
    // As `stats` does: the process ends here, so the table is not freed row by row.
    std::mem::forget(export);
}

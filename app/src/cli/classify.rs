//! `classify` and `eval`: the classifier's verdicts and its scores on a labeled set.
//! Writes only to the given output; `eval` reads the labeled file (or folder of them).

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::{Format, GlobalArgs, io_err};
use invitriage::classify::{classify_export, labeled};
use invitriage::error::Error;
use invitriage::model::{Classification, Direction, Export, Invitation};

/// One output record: the contract of `classify --format jsonl|json|csv`.
#[derive(Debug, Serialize)]
struct Record<'a> {
    from: &'a str,
    to: &'a str,
    direction: &'static str,
    sent_at: String,
    key: String,
    message: &'a str,
    class: &'static str,
    kind: &'static str,
    score: u8,
    reasons: Vec<&'a str>,
}

fn record<'a>(inv: &'a Invitation, c: &'a Classification) -> Record<'a> {
    Record {
        from: &inv.sender.name,
        to: &inv.recipient.name,
        direction: inv.direction.as_str(),
        sent_at: inv
            .sent_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        key: inv.key(),
        message: inv.note.as_deref().unwrap_or(""),
        class: c.class.as_str(),
        kind: c.kind.as_str(),
        score: c.score,
        reasons: c.reasons.iter().map(|r| r.message.as_str()).collect(),
    }
}

pub fn classify(
    g: &GlobalArgs,
    export: &Export,
    format: Format,
    incoming: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let overrides = super::saved_overrides(g.state.as_deref())?;
    let results = classify_export(export, &overrides);
    let rows: Vec<(&Invitation, &Classification)> = export
        .invitations
        .iter()
        .zip(&results)
        .filter(|(inv, _)| !incoming || inv.direction == Direction::Incoming)
        .collect();
    match format {
        Format::Jsonl => {
            for (inv, c) in &rows {
                serde_json::to_writer(&mut *out, &record(inv, c))
                    .map_err(|e| Error::Other(format!("writing JSON: {e}")))?;
                writeln!(out).map_err(io_err)?;
            }
        }
        Format::Json => {
            let all: Vec<Record<'_>> = rows.iter().map(|(inv, c)| record(inv, c)).collect();
            serde_json::to_writer_pretty(&mut *out, &all)
                .map_err(|e| Error::Other(format!("writing JSON: {e}")))?;
            writeln!(out).map_err(io_err)?;
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record([
                "from",
                "to",
                "direction",
                "sent_at",
                "key",
                "message",
                "class",
                "kind",
                "score",
                "reasons",
            ])
            .map_err(csv_err)?;
            for (inv, c) in &rows {
                let r = record(inv, c);
                w.write_record([
                    r.from,
                    r.to,
                    r.direction,
                    &r.sent_at,
                    &r.key,
                    r.message,
                    r.class,
                    r.kind,
                    &r.score.to_string(),
                    &r.reasons.join(" | "),
                ])
                .map_err(csv_err)?;
            }
            w.flush().map_err(io_err)?;
        }
        Format::Table => write_table(&rows, out)?,
    }
    Ok(())
}

fn csv_err(e: csv::Error) -> Error {
    Error::Other(format!("writing CSV: {e}"))
}

/// Cut `s` to at most `width` terminal columns, with an ellipsis when cut.
fn fit(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let f = fit(s, width);
    let w: usize = f.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{f}{}", " ".repeat(width.saturating_sub(w)))
}

fn write_table(rows: &[(&Invitation, &Classification)], out: &mut dyn Write) -> Result<(), Error> {
    writeln!(
        out,
        "{} {} {} {} {:>5}  MESSAGE",
        pad("FROM", 24),
        pad("DIR", 3),
        pad("CLASS", 11),
        pad("KIND", 8),
        "SCORE"
    )
    .map_err(io_err)?;
    for (inv, c) in rows {
        let dir = match inv.direction {
            Direction::Incoming => "in",
            Direction::Outgoing => "out",
        };
        writeln!(
            out,
            "{} {} {} {} {:>5}  {}",
            pad(&inv.sender.name, 24),
            pad(dir, 3),
            pad(c.class.as_str(), 11),
            pad(c.kind.as_str(), 8),
            c.score,
            fit(inv.note.as_deref().unwrap_or("").trim(), 70)
        )
        .map_err(io_err)?;
        if inv.has_note() {
            for r in c.reasons.iter().take(4) {
                writeln!(out, "{:>57}{:+} {}", "", r.weight, fit(&r.message, 90))
                    .map_err(io_err)?;
            }
        }
    }
    Ok(())
}

/// Read a labeled file, or every `*.jsonl` in a folder (sorted by name).
fn read_labeled(path: &Path) -> Result<Vec<labeled::LabeledNote>, Error> {
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| Error::Io {
            context: format!("reading {}", p.display()),
            source: e,
        })
    };
    let mut notes = Vec::new();
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::Io {
                context: format!("reading {}", path.display()),
                source: e,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            notes.extend(
                labeled::parse(&f.display().to_string(), &read(&f)?).map_err(Error::Usage)?,
            );
        }
    } else {
        notes = labeled::parse(&path.display().to_string(), &read(path)?).map_err(Error::Usage)?;
    }
    if notes.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no labeled notes found; expected JSON lines as described in fixtures/labeled/README.md",
            path.display()
        )));
    }
    Ok(notes)
}

pub fn eval(labeled_path: &Path, out: &mut dyn Write) -> Result<(), Error> {
    let notes = read_labeled(labeled_path)?;
    let results = labeled::classify_labeled(&labeled_path.display().to_string(), &notes);
    out.write_all(labeled::report(&notes, &results).as_bytes())
        .map_err(io_err)
}

//! `classify` and `eval`: the classifier's verdicts and its scores on a labeled set.
//! Writes only to the given output; `eval` reads the labeled file (or folder of them).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::{Format, GlobalArgs, io_err, output};
use crate::cells::{fit, truncate};
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
    /// The score is in the band the classifier is unsure about (see docs/CLASSIFICATION.md).
    unsure: bool,
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
        unsure: invitriage::classify::is_unsure(c),
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
                output::json_line(out, &record(inv, c))?;
            }
        }
        Format::Json => {
            let all: Vec<Record<'_>> = rows.iter().map(|(inv, c)| record(inv, c)).collect();
            output::json(out, &all)?;
        }
        Format::Csv => {
            let mut w = output::Csv::new(
                out,
                &[
                    "from",
                    "to",
                    "direction",
                    "sent_at",
                    "key",
                    "message",
                    "class",
                    "kind",
                    "score",
                    "unsure",
                    "reasons",
                ],
            )?;
            for (inv, c) in &rows {
                let r = record(inv, c);
                w.row([
                    r.from,
                    r.to,
                    r.direction,
                    &r.sent_at,
                    &r.key,
                    r.message,
                    r.class,
                    r.kind,
                    &r.score.to_string(),
                    if r.unsure { "true" } else { "false" },
                    &r.reasons.join(" | "),
                ])?;
            }
            w.finish()?;
        }
        Format::Table => write_table(&rows, out)?,
    }
    Ok(())
}

fn write_table(rows: &[(&Invitation, &Classification)], out: &mut dyn Write) -> Result<(), Error> {
    writeln!(
        out,
        "{} {} {} {} {:>5}  MESSAGE",
        fit("FROM", 24),
        fit("DIR", 3),
        fit("CLASS", 11),
        fit("KIND", 8),
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
            fit(&inv.sender.name, 24),
            fit(dir, 3),
            fit(c.class.as_str(), 11),
            fit(c.kind.as_str(), 8),
            c.score,
            truncate(inv.note.as_deref().unwrap_or("").trim(), 70)
        )
        .map_err(io_err)?;
        if inv.has_note() {
            for r in c.reasons.iter().take(4) {
                writeln!(out, "{:>57}{:+} {}", "", r.weight, truncate(&r.message, 90))
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
    output::text(out, &labeled::report(&notes, &results))
}

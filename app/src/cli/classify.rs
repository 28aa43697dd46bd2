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

fn record<'a>(inv: Invitation<'a>, c: &'a Classification) -> Record<'a> {
    Record {
        from: inv.sender.name,
        to: inv.recipient.name,
        direction: inv.direction.as_str(),
        sent_at: inv
            .sent_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        key: inv.key(),
        message: inv.note.unwrap_or(""),
        class: c.class.as_str(),
        kind: c.kind.as_str(),
        score: c.score,
        unsure: invitriage::classify::is_unsure(c),
        reasons: c.reasons.iter().map(|r| &*r.message).collect(),
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
    let rows: Vec<(Invitation<'_>, &Classification)> = export
        .invitations
        .iter()
        .zip(&results)
        .filter(|(inv, _)| !incoming || inv.direction == Direction::Incoming)
        .collect();
    match format {
        Format::Jsonl => {
            for (inv, c) in &rows {
                output::json_line(out, &record(*inv, c))?;
            }
        }
        Format::Json => {
            let all: Vec<Record<'_>> = rows.iter().map(|(inv, c)| record(*inv, c)).collect();
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
                let r = record(*inv, c);
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

fn write_table(
    rows: &[(Invitation<'_>, &Classification)],
    out: &mut dyn Write,
) -> Result<(), Error> {
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
            fit(inv.sender.name, 24),
            fit(dir, 3),
            fit(c.class.as_str(), 11),
            fit(c.kind.as_str(), 8),
            c.score,
            truncate(inv.note.unwrap_or("").trim(), 70)
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
            context: format!("reading {}", invitriage::sanitize::path(p)),
            source: e,
        })
    };
    let mut notes = Vec::new();
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::Io {
                context: format!("reading {}", invitriage::sanitize::path(path)),
                source: e,
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            notes.extend(
                labeled::parse(&invitriage::sanitize::path(&f), &read(&f)?)
                    .map_err(Error::Usage)?,
            );
        }
    } else {
        notes = labeled::parse(&invitriage::sanitize::path(path).to_string(), &read(path)?)
            .map_err(Error::Usage)?;
    }
    if notes.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no labeled notes found; expected JSON lines as described in fixtures/labeled/README.md",
            invitriage::sanitize::path(path)
        )));
    }
    Ok(notes)
}

pub fn eval(labeled_path: &Path, out: &mut dyn Write) -> Result<(), Error> {
    let notes = read_labeled(labeled_path)?;
    let results = labeled::classify_labeled(&invitriage::sanitize::path(labeled_path), &notes);
    output::text(out, &labeled::report(&notes, &results))
}

/// `eval --overrides`: the classifier's own verdicts (without the user's corrections) against
/// the user's reclassifications: a confusion matrix, so they can see whether to trust it.
pub fn eval_overrides(
    export: &Export,
    overrides: &invitriage::model::Overrides,
    out: &mut dyn Write,
) -> Result<(), Error> {
    use invitriage::model::Class;
    let auto = classify_export(export, &Default::default());
    let mut m: labeled::Confusion<labeled::ClassKey> = labeled::Confusion::default();
    let mut wrong: Vec<(Invitation<'_>, &Classification, Class)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (inv, c) in export.invitations.iter().zip(&auto) {
        let key = inv.key();
        if let Some(&user) = overrides.get(&key)
            && seen.insert(key)
        {
            m.add(user.into(), c.class.into());
            if user != c.class {
                wrong.push((inv, c, user));
            }
        }
    }
    let mut text = String::new();
    use std::fmt::Write as _;
    let elsewhere = overrides.len().saturating_sub(m.total());
    if m.total() == 0 {
        let _ = writeln!(
            text,
            "No reclassifications of invitations in this export yet ({} saved for others). Press r in the app to correct a verdict; this command then shows how often the classifier agrees with you.",
            elsewhere
        );
        return out.write_all(text.as_bytes()).map_err(io_err);
    }
    let _ = writeln!(
        text,
        "== your reclassifications: {} in this export ({} elsewhere) ==",
        m.total(),
        elsewhere
    );
    let _ = writeln!(text, "\nrows: your class, columns: the classifier's");
    let classes = [labeled::ClassKey::Boilerplate, labeled::ClassKey::Personal];
    let _ = writeln!(text, "{:>14} {:>12} {:>9}", "", "boilerplate", "personal");
    for e in classes {
        let _ = write!(text, "{:>14}", e.as_str());
        for p in classes {
            let n = m.cells.get(&(e, p)).copied().unwrap_or(0);
            let _ = write!(text, " {:>w$}", n, w = p.as_str().len().max(9));
        }
        let _ = writeln!(text);
    }
    let pct = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"));
    let _ = writeln!(text, "\n{:>12} {:>9} {:>9}", "", "precision", "recall");
    for c in classes {
        let _ = writeln!(
            text,
            "{:>12} {:>9} {:>9}",
            c.as_str(),
            pct(m.precision(c)),
            pct(m.recall(c))
        );
    }
    if !wrong.is_empty() {
        let _ = writeln!(text, "\nwhere you disagreed ({}):", wrong.len());
        for (inv, c, user) in wrong.iter().take(20) {
            let _ = writeln!(
                text,
                "  you: {:<11} classifier: {:<11} ({:>3}%) {}: {}",
                user.as_str(),
                c.class.as_str(),
                c.score,
                inv.sender.name,
                fit(inv.note.unwrap_or("").trim(), 70)
            );
        }
    }
    out.write_all(text.as_bytes()).map_err(io_err)
}

//! `decide`, `decisions` and `undo`: scripted triage through the decision store.
//! Reads the export it is given, reads and writes only the state file, prints to `out`
//! (and a lock-wait notice to stderr).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Format, GlobalArgs, io_err, output, warn_store};
use invitriage::classify::classify_export;
use invitriage::error::Error;
use invitriage::model::Overrides;
use invitriage::model::{Class, Export, Invitation, Kind, Verdict, normalize_name};
use invitriage::sanitize;
use invitriage::store::{Action, Decision, NewEvent, OpenOptions, Store, Subject};

/// Which invitations `decide` acts on, and how.
#[derive(Debug, Clone)]
pub struct DecideFilter {
    pub verdict: Verdict,
    pub class: Option<Class>,
    pub kinds: Vec<Kind>,
    pub from: Option<String>,
    pub dry_run: bool,
}

impl DecideFilter {
    fn matches(&self, inv: &Invitation, class: Class, kind: Kind) -> bool {
        self.class.is_none_or(|c| c == class)
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
            && self
                .from
                .as_deref()
                .is_none_or(|text| normalize_name(inv.sender.name).contains(&normalize_name(text)))
    }
}

/// How long a CLI write waits for another process's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// Open the store for writing; if another process holds the lock, say so on stderr.
fn open_for_writing(path: &Path) -> Result<Store, Error> {
    let store = Store::open_with(
        path,
        OpenOptions {
            lock_wait: LOCK_WAIT,
            on_wait: Some(Box::new(|p, limit| {
                eprintln!(
                    "invitriage: waiting for {}: another process (another invitriage, or a \
                     sqlite3 shell) is writing to it; giving up after {} s",
                    invitriage::sanitize::path(p),
                    limit.as_secs()
                );
            })),
        },
    )?;
    warn_store(&store);
    Ok(store)
}

fn state_path(g: &GlobalArgs) -> Result<PathBuf, Error> {
    Ok(Store::resolve(g.state.as_deref())?)
}

/// One invitation `decide` picked.
struct Pick<'a> {
    inv: Invitation<'a>,
    key: String,
    class: Class,
    kind: Kind,
}

pub fn decide(
    g: &GlobalArgs,
    export: &Export,
    filter: &DecideFilter,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let path = state_path(g)?;
    // A dry run must not even create the state file.
    let mut store = if filter.dry_run {
        Store::open_read_only(&path)?.inspect(warn_store)
    } else {
        Some(open_for_writing(&path)?)
    };
    let overrides = match &store {
        Some(s) => s.overrides()?,
        None => Overrides::new(),
    };
    // One snapshot of what is decided, so a run finishing meanwhile is seen whole or not at
    // all here; the write checks again under the lock.
    let decided: HashSet<String> = match &store {
        Some(s) => s.all()?.into_iter().map(|d| d.key).collect(),
        None => HashSet::new(),
    };
    let classes = classify_export(export, &overrides);
    if let Some(note) = pending_caveat(export) {
        eprintln!("invitriage: note: {note}");
    }

    let mut seen = HashSet::new();
    let mut picks = Vec::new();
    let mut already = 0usize;
    for (inv, c) in export.invitations.iter().zip(&classes) {
        if !inv.is_pending() || !filter.matches(&inv, c.class, c.kind) {
            continue;
        }
        let key = inv.key();
        // The same sender twice in one export is one decision.
        if !seen.insert(key.clone()) {
            continue;
        }
        if decided.contains(&key) {
            already += 1;
            continue;
        }
        picks.push(Pick {
            inv,
            key,
            class: c.class,
            kind: c.kind,
        });
    }

    let verb = filter.verdict.as_str();
    let n = picks.len();
    let skipped = |already: usize| {
        if already > 0 {
            format!(" ({already} matching already decided, left as they were)")
        } else {
            String::new()
        }
    };
    if filter.dry_run {
        let all: Vec<&Pick<'_>> = picks.iter().collect();
        write_picks(out, verb, &all)?;
        writeln!(
            out,
            "Would {verb} {n} {}{}. Dry run: nothing was recorded.",
            noun(n),
            skipped(already)
        )
        .map_err(io_err)?;
        return Ok(());
    }
    let Some(store) = store.as_mut() else {
        return Err(Error::Other(
            "decide: the state file was not opened for writing".into(),
        ));
    };
    if n == 0 {
        writeln!(
            out,
            "No pending, undecided invitations match; nothing to {verb}{}.",
            skipped(already)
        )
        .map_err(io_err)?;
        return Ok(());
    }
    let at = Utc::now();
    let events: Vec<NewEvent> = picks
        .iter()
        .map(|p| NewEvent {
            subject: Subject {
                key: p.key.clone(),
                name: p.inv.sender.name.to_string(),
                profile_url: p.inv.sender.profile_url.map(str::to_string),
            },
            action: Action::Decide(filter.verdict),
            class: Some(p.class),
            export: export.source.clone(),
            at,
        })
        .collect();
    // What is undecided is checked again inside the write transaction: another run may have
    // decided some of these since we looked. Nothing is printed before the commit, so a
    // failure (a full disk) never follows a list of lines that claim decisions.
    let outcome = store.record_undecided(&events)?;
    let recorded: Vec<&Pick<'_>> = outcome.recorded.iter().map(|&i| &picks[i]).collect();
    write_picks(out, verb, &recorded)?;
    for (i, d) in &outcome.already {
        writeln!(
            out,
            "already decided  {}: {} at {} (by another run just now); left as it was",
            sanitize::clean(picks[*i].inv.sender.name),
            d.verdict.as_str(),
            d.decided_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        )
        .map_err(io_err)?;
    }
    let done = match filter.verdict {
        Verdict::Accept => "Accepted",
        Verdict::Ignore => "Ignored",
        Verdict::Withdraw => "Marked to withdraw",
    };
    let k = recorded.len();
    if k == 0 {
        // Another run took them all: nothing of ours for `undo` to revert.
        writeln!(
            out,
            "No pending, undecided invitations match; nothing to {verb}{}.",
            skipped(already + outcome.already.len())
        )
        .map_err(io_err)?;
        return Ok(());
    }
    writeln!(
        out,
        "{done} {k} {}{}; saved in {}. `invitriage undo` reverts this whole step.",
        noun(k),
        skipped(already + outcome.already.len()),
        sanitize::path(store.path())
    )
    .map_err(io_err)?;
    Ok(())
}

fn noun(n: usize) -> &'static str {
    if n == 1 { "invitation" } else { "invitations" }
}

/// One line per pick: verb, name, class, kind, profile URL.
fn write_picks(out: &mut dyn Write, verb: &str, picks: &[&Pick<'_>]) -> Result<(), Error> {
    let width = picks
        .iter()
        .map(|p| p.inv.sender.name.width())
        .max()
        .unwrap_or(0)
        .min(40);
    for p in picks {
        let name = sanitize::clean(p.inv.sender.name);
        let pad = width.saturating_sub(name.width());
        writeln!(
            out,
            "{verb:<6}  {name}{:pad$}  {:<11}  {:<8}  {}",
            "",
            p.class.as_str(),
            p.kind.as_str(),
            p.inv
                .sender
                .profile_url
                .and_then(|u| sanitize::profile_url(u).ok())
                .map_or(Cow::Borrowed("(no profile URL)"), Cow::Owned),
        )
        .map_err(io_err)?;
    }
    Ok(())
}

/// A bare Invitations.csv can't tell who was already accepted: that is in Connections.csv.
fn pending_caveat(export: &Export) -> Option<String> {
    let read = |name: &str| {
        export
            .files
            .iter()
            .any(|f| f.to_ascii_lowercase().ends_with(name))
    };
    let incoming = export
        .invitations
        .iter()
        .any(|i| i.direction == invitriage::model::Direction::Incoming);
    (incoming && read("invitations.csv") && !read("connections.csv")).then(|| {
        format!(
            "{} has no Connections.csv, so every incoming invitation counts as pending, \
             including people you already accepted; give the whole export (folder or .zip) \
             to skip them",
            sanitize::clean(&export.source)
        )
    })
}

/// One line of the hand-off list.
#[derive(Debug, Serialize)]
struct Record<'a> {
    /// First, so `cut -d, -f1` on the CSV gives the URLs (they hold no commas; names can).
    profile_url: Option<String>,
    name: Cow<'a, str>,
    verdict: Verdict,
    /// RFC 3339, UTC, whole seconds.
    decided_at: String,
    class: Option<Class>,
    export: Cow<'a, str>,
    key: Cow<'a, str>,
}

impl<'a> From<&'a Decision> for Record<'a> {
    /// The state is a file anyone with the user's rights can edit: its text is cleaned again
    /// on the way out, and a profile URL is printed only if it is one `o` would open, so the
    /// hand-off (`… | xargs xdg-open`) opens nothing else.
    fn from(d: &'a Decision) -> Self {
        Record {
            profile_url: d
                .profile_url
                .as_deref()
                .and_then(|u| sanitize::profile_url(u).ok()),
            name: sanitize::clean(&d.name),
            verdict: d.verdict,
            decided_at: d.decided_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            class: d.class,
            export: sanitize::clean(&d.export),
            key: sanitize::clean(&d.key),
        }
    }
}

pub fn decisions(
    g: &GlobalArgs,
    format: Format,
    verdict: Option<Verdict>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let path = state_path(g)?;
    // Listing never creates or upgrades the state file.
    let all = match Store::open_read_only(&path)? {
        Some(store) => {
            warn_store(&store);
            store.all()?
        }
        None => Vec::new(),
    };
    let shown: Vec<&Decision> = all
        .iter()
        .filter(|d| verdict.is_none_or(|v| d.verdict == v))
        .collect();
    let records: Vec<Record<'_>> = shown.iter().map(|d| Record::from(*d)).collect();
    match format {
        Format::Json => output::json(out, &records)?,
        Format::Jsonl => {
            for r in &records {
                output::json_line(out, r)?;
            }
        }
        Format::Csv => {
            let mut w = output::Csv::new(
                out,
                &[
                    "profile_url",
                    "name",
                    "verdict",
                    "decided_at",
                    "class",
                    "export",
                    "key",
                ],
            )?;
            for r in &records {
                w.row([
                    r.profile_url.as_deref().unwrap_or(""),
                    &r.name,
                    r.verdict.as_str(),
                    &r.decided_at,
                    r.class.map_or("", Class::as_str),
                    &r.export,
                    &r.key,
                ])?;
            }
            w.finish()?;
        }
        Format::Table => table(&records, &path, verdict, out)?,
    }
    Ok(())
}

fn table(
    records: &[Record<'_>],
    path: &Path,
    verdict: Option<Verdict>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    if records.is_empty() {
        let which = verdict.map_or(String::new(), |v| format!(" with verdict {}", v.as_str()));
        writeln!(
            out,
            "No decisions{which} in {}.",
            invitriage::sanitize::path(path)
        )
        .map_err(io_err)?;
        return Ok(());
    }
    let width = records
        .iter()
        .map(|r| r.name.width())
        .chain(["NAME".len()])
        .max()
        .unwrap_or(0)
        .min(40);
    // "withdraw" is a letter wider than "VERDICT"; tables without one keep their old shape.
    let vw = records
        .iter()
        .map(|r| r.verdict.as_str().len())
        .chain(["VERDICT".len()])
        .max()
        .unwrap_or(7);
    writeln!(
        out,
        "{:<vw$} {:<20} {:<11} {:<width$}  PROFILE",
        "VERDICT", "DECIDED (UTC)", "CLASS", "NAME"
    )
    .map_err(io_err)?;
    for r in records {
        let pad = width.saturating_sub(r.name.width());
        writeln!(
            out,
            "{:<vw$} {:<20} {:<11} {}{:pad$}  {}",
            r.verdict.as_str(),
            r.decided_at,
            r.class.map_or("-", Class::as_str),
            r.name,
            "",
            r.profile_url.as_deref().unwrap_or("-"),
        )
        .map_err(io_err)?;
    }
    let count = |v: Verdict| records.iter().filter(|r| r.verdict == v).count();
    let withdraw = count(Verdict::Withdraw);
    let withdraw = if withdraw > 0 {
        format!(", {withdraw} withdraw")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{} decisions: {} accept, {} ignore{withdraw}.",
        records.len(),
        count(Verdict::Accept),
        count(Verdict::Ignore),
    )
    .map_err(io_err)?;
    Ok(())
}

pub fn undo(g: &GlobalArgs, out: &mut dyn Write) -> Result<(), Error> {
    let path = state_path(g)?;
    if !path.exists() {
        writeln!(
            out,
            "Nothing to undo: no decisions recorded yet in {}.",
            invitriage::sanitize::path(&path)
        )
        .map_err(io_err)?;
        return Ok(());
    }
    let mut store = open_for_writing(&path)?;
    match store.undo(Utc::now())? {
        Some(change) => writeln!(out, "Undid: {}.", sanitize::clean(&change.describe())),
        None => writeln!(
            out,
            "Nothing to undo in {}.",
            invitriage::sanitize::path(&path)
        ),
    }
    .map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use invitriage::model::{
        Direction, InvitationRecord, InvitationType, RecipientRecord, Relationship, SenderRecord,
        SourceLoc,
    };

    fn inv(name: &str) -> InvitationRecord {
        InvitationRecord {
            direction: Direction::Incoming,
            kind: InvitationType::Connection,
            sender: SenderRecord {
                name: name.to_string(),
                ..SenderRecord::default()
            },
            recipient: RecipientRecord::default(),
            sent_at: Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap(),
            note: None,
            raw_note: None,
            source: SourceLoc {
                file: "Invitations.csv".into(),
                line: 2,
            },
            relationship: Relationship::default(),
        }
    }

    fn filter() -> DecideFilter {
        DecideFilter {
            verdict: Verdict::Ignore,
            class: None,
            kinds: Vec::new(),
            from: None,
            dry_run: false,
        }
    }

    #[test]
    fn from_matches_a_name_part_ignoring_case_and_spacing() {
        let f = DecideFilter {
            from: Some("  josé   NIÑO ".into()),
            ..filter()
        };
        assert!(f.matches(
            &inv("Dr. José  Niño").view(),
            Class::Personal,
            Kind::Personal
        ));
        assert!(!f.matches(&inv("Jose Nino").view(), Class::Personal, Kind::Personal));
    }

    #[test]
    fn a_bare_invitations_csv_gets_a_caveat_about_pending() {
        let mut export = Export {
            source: "Invitations.csv".into(),
            files: vec!["Invitations.csv".into()],
            invitations: invitriage::model::Invitations::from_records(&[inv("Ana Alvarez")]),
            ..Export::default()
        };
        let note = pending_caveat(&export).expect("a caveat");
        assert!(
            note.starts_with("Invitations.csv has no Connections.csv"),
            "{note}"
        );
        export.files.push("export.zip!Connections.csv".into());
        assert_eq!(pending_caveat(&export), None);
        export.files = vec!["invitations.json".into()];
        assert_eq!(pending_caveat(&export), None, "JSON carries its own status");
    }

    #[test]
    fn class_and_kinds_must_all_match() {
        let f = DecideFilter {
            class: Some(Class::Boilerplate),
            kinds: vec![Kind::NoNote, Kind::Default],
            ..filter()
        };
        let i = inv("Ana Alvarez");
        assert!(f.matches(&i.view(), Class::Boilerplate, Kind::NoNote));
        assert!(!f.matches(&i.view(), Class::Boilerplate, Kind::Template));
        assert!(!f.matches(&i.view(), Class::Personal, Kind::Default));
        assert!(filter().matches(&i.view(), Class::Personal, Kind::Personal));
    }
}

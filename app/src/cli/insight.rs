//! `sent`, `diff` and `stats --by month`: the core's [`invitriage::insight`] views, printed.
//! Reads exports only; writes only to the given output.

use std::io::Write;

use chrono::{NaiveDate, SecondsFormat};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::Format;
use super::inspect::{Record, fit_end, table};
use super::output::{self, Csv};
use invitriage::classify::{Overrides, classify_export};
use invitriage::error::Error;
use invitriage::insight::diff::Diff;
use invitriage::insight::monthly::{KindCounts, Monthly, monthly};
use invitriage::insight::sent::{PendingSent, pending_sent, summary};
use invitriage::insight::{AsOfSource, export_date};
use invitriage::model::{Export, Kind};

/// Parse `--as-of`: `2026-11-20`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date as YYYY-MM-DD, e.g. 2026-11-20, not {s:?}"))
}

/// One `sent` record.
#[derive(Debug, Serialize)]
struct SentRecord<'a> {
    to: &'a str,
    to_profile_url: &'a str,
    sent_at: String,
    age_days: i64,
    message: &'a str,
    source: String,
}

impl<'a> SentRecord<'a> {
    fn of(p: &PendingSent<'a>) -> Self {
        let inv = p.invitation;
        SentRecord {
            to: inv.recipient.name,
            to_profile_url: inv.recipient.profile_url.unwrap_or(""),
            sent_at: inv.sent_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            age_days: p.age_days,
            message: inv.note.unwrap_or(""),
            source: inv.source.to_string(),
        }
    }
}

/// `invitriage sent`: the user's requests nobody answered, oldest first.
pub fn sent(
    export: &Export,
    older_than: Option<u32>,
    as_of: Option<NaiveDate>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let (as_of, from) = match as_of {
        Some(d) => (d, AsOfSource::Given),
        None => export_date(export).unwrap_or((chrono::Utc::now().date_naive(), AsOfSource::Today)),
    };
    let rows =
        pending_sent(export, as_of).map_err(|e| Error::Usage(format!("{}: {e}", export.source)))?;
    let all = summary(&rows, as_of);
    let rows: Vec<PendingSent<'_>> = rows
        .into_iter()
        .filter(|r| older_than.is_none_or(|d| r.age_days >= i64::from(d)))
        .collect();
    let records: Vec<SentRecord<'_>> = rows.iter().map(SentRecord::of).collect();
    match format {
        Format::Json => output::json(out, &records),
        Format::Jsonl => {
            for r in &records {
                output::json_line(out, r)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut w = Csv::new(
                out,
                &[
                    "to",
                    "to_profile_url",
                    "sent_at",
                    "age_days",
                    "message",
                    "source",
                ],
            )?;
            for r in &records {
                w.row([
                    r.to,
                    r.to_profile_url,
                    &r.sent_at,
                    &r.age_days.to_string(),
                    r.message,
                    &r.source,
                ])?;
            }
            w.finish()
        }
        Format::Table => {
            let mut text = format!(
                "{}\nas of {as_of} ({}); {}\n",
                export.source,
                from.describe(),
                all.describe()
            );
            if let Some(d) = older_than {
                text.push_str(&format!(
                    "showing the {} at least {d} days old\n",
                    records.len()
                ));
            }
            let name_w = records
                .iter()
                .map(|r| fit_end(r.to, 26).width())
                .chain(["TO".len()])
                .max()
                .unwrap_or(2);
            text.push_str(&format!(
                "{:>5}  {:<10}  {:<name_w$}  NOTE\n",
                "AGE", "SENT", "TO"
            ));
            for (r, p) in records.iter().zip(&rows) {
                let name = fit_end(r.to, 26);
                let pad = name_w.saturating_sub(name.width());
                let line = format!(
                    "{:>4}d  {}  {name}{:pad$}  {}",
                    r.age_days,
                    p.invitation.sent_at.format("%Y-%m-%d"),
                    "",
                    fit_end(r.message, 56)
                );
                text.push_str(line.trim_end());
                text.push('\n');
            }
            if records.is_empty() {
                text.push_str("(no pending requests)\n");
            } else {
                text.push_str(
                    "Withdraw on LinkedIn: https://www.linkedin.com/mynetwork/invitation-manager/sent/\n",
                );
            }
            output::text(out, &text)
        }
    }
}

/// The JSON of `diff`: one object of three arrays of `list` records.
#[derive(Serialize)]
struct DiffJson<'a> {
    new: Vec<Record<'a>>,
    connected_since: Vec<Record<'a>>,
    gone: Vec<Record<'a>>,
}

/// `invitriage diff OLD NEW`.
pub fn diff(
    old: &Export,
    new: &Export,
    d: &Diff,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Error> {
    match format {
        Format::Json | Format::Jsonl => {
            let j = DiffJson {
                new: d.new.iter().map(Record::of).collect(),
                connected_since: d.connected_since.iter().map(Record::of).collect(),
                gone: d.gone.iter().map(Record::of).collect(),
            };
            if format == Format::Json {
                output::json(out, &j)
            } else {
                output::json_line(out, &j)
            }
        }
        Format::Csv => Err(Error::Usage(
            "diff prints --format table or json (three lists do not fit one CSV)".to_string(),
        )),
        Format::Table => {
            let mut text = format!("old: {}\nnew: {}\n", old.source, new.source);
            let connected_note = if invitriage::insight::has_connections(new) {
                ""
            } else {
                " (NEW has no Connections.csv, so nobody can be seen connecting)"
            };
            for (title, rows, note) in [
                ("New", &d.new, ""),
                ("Connected since", &d.connected_since, connected_note),
                ("Gone", &d.gone, ""),
            ] {
                text.push_str(&format!("\n{title}: {}{note}\n", rows.len()));
                output::text(out, &text)?;
                text.clear();
                if !rows.is_empty() {
                    table(rows.iter(), out)?;
                }
            }
            Ok(())
        }
    }
}

fn kinds_csv(k: &KindCounts) -> [String; 5] {
    Kind::ALL.map(|kind| k.get(kind).to_string())
}

/// The JSON of `stats --by month`.
#[derive(Serialize)]
struct MonthlyJson<'a> {
    source: &'a str,
    #[serde(flatten)]
    monthly: &'a Monthly,
}

/// `invitriage stats --by month`.
pub fn stats_by_month(
    export: &Export,
    overrides: &Overrides,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let m = monthly(export, &classify_export(export, overrides));
    match format {
        Format::Json | Format::Jsonl => {
            let j = MonthlyJson {
                source: &export.source,
                monthly: &m,
            };
            output::json_line(out, &j)
        }
        Format::Csv => {
            let mut header = vec!["month".to_string()];
            for dir in ["incoming", "outgoing"] {
                header.push(dir.to_string());
                header.push(format!("{dir}_with_note"));
                header.extend(Kind::ALL.map(|k| format!("{dir}_{}", k.as_str())));
                header.push(format!("{dir}_accepted"));
            }
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            let mut w = Csv::new(out, &header)?;
            for r in &m.months {
                let mut row = vec![r.month.clone()];
                row.push(r.incoming.to_string());
                row.push(r.incoming_with_note.to_string());
                row.extend(kinds_csv(&r.incoming_by_kind));
                row.push(r.incoming_accepted.to_string());
                row.push(r.outgoing.to_string());
                row.push(r.outgoing_with_note.to_string());
                row.extend(kinds_csv(&r.outgoing_by_kind));
                row.push(r.outgoing_accepted.to_string());
                w.row(&row)?;
            }
            w.finish()
        }
        Format::Table => output::text(out, &month_table(export, &m)),
    }
}

fn month_table(export: &Export, m: &Monthly) -> String {
    let mut t = format!(
        "{}\nper month (UTC); in = incoming, out = outgoing\n",
        export.source
    );
    t.push_str(
        "MONTH    IN  NOTE  NO_NOTE DEFAULT GENERIC TEMPLATE PERSONAL  ACCEPTED   OUT  NOTE  ACCEPTED\n",
    );
    for r in &m.months {
        let k = &r.incoming_by_kind;
        t.push_str(&format!(
            "{}  {:>4}  {:>4}  {:>7} {:>7} {:>7} {:>8} {:>8}  {:>8}  {:>4}  {:>4}  {:>8}\n",
            r.month,
            r.incoming,
            r.incoming_with_note,
            k.no_note,
            k.default,
            k.generic,
            k.template,
            k.personal,
            r.incoming_accepted,
            r.outgoing,
            r.outgoing_with_note,
            r.outgoing_accepted,
        ));
    }
    if m.months.is_empty() {
        t.push_str("(no invitations)\n");
    }
    t.push('\n');
    match (m.sent_accepted, m.sent_acceptance_rate) {
        (Some(a), Some(rate)) => t.push_str(&format!(
            "sent requests: {} · accepted {a} ({:.0}%)\n",
            m.sent,
            rate * 100.0
        )),
        _ if !m.has_connections => t.push_str(&format!(
            "sent requests: {} · acceptance unknown (no Connections.csv)\n",
            m.sent
        )),
        _ => t.push_str(&format!("sent requests: {}\n", m.sent)),
    }
    let days = |d: Option<f64>, n: u64| match d {
        Some(d) => format!("{d:.1} days (over {n} with dates)"),
        None => "unknown (no Connected On dates)".to_string(),
    };
    t.push_str(&format!(
        "median time to acceptance: sent {}; incoming {}\n",
        days(m.sent_median_days_to_accept, m.sent_timed),
        days(m.incoming_median_days_to_accept, m.incoming_timed)
    ));
    if m.clusters.is_empty() {
        t.push_str("template clusters: none (no template note was sent by two or more people)\n");
    } else {
        t.push_str("top template clusters:\n");
        for c in m.clusters.iter().take(10) {
            t.push_str(&format!(
                "{:>4}. {:>4}×  {}\n",
                c.rank,
                c.size,
                fit_end(&c.sample, 70)
            ));
        }
    }
    t
}

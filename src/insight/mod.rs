//! Pure: no I/O. Views over a loaded [`Export`] beyond the inbox: the user's own requests
//! still pending ([`sent`]), what changed between two exports ([`diff`]), and counts per
//! month with acceptance figures and template clusters ([`monthly`]).

pub mod diff;
pub mod monthly;
pub mod sent;

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::model::Export;

/// True when the export included `Connections.csv`: only then can a pending invitation be
/// told from an accepted one. (A `Connections.csv` with no rows still counts: nobody accepted.)
pub fn has_connections(export: &Export) -> bool {
    export.files.iter().any(|f| {
        f.rsplit(['/', '\\', '!'])
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case("connections.csv"))
    })
}

/// The date LinkedIn wrote into an export's name: `Basic_LinkedInDataExport_11-20-2026.zip`
/// (month, day, year). The last such date in the label wins, so a folder inside a folder
/// named after an older export reads as the inner one.
pub fn date_in_name(label: &str) -> Option<NaiveDate> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"_(\d{1,2})-(\d{1,2})-(\d{4})(?:[^0-9]|$)").expect("valid date regex")
    });
    DATE.captures_iter(label)
        .filter_map(|c| {
            let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            NaiveDate::from_ymd_opt(n(3)? as i32, n(1)?, n(2)?)
        })
        .last()
}

/// Where an "as of" date came from, for the line that says which date a report used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// The user gave it (`--as-of`).
    Given,
    /// The date in the export's name.
    ExportName,
    /// The newest `Sent At` in the export.
    NewestSentAt,
    /// Today: the export has neither a dated name nor an invitation.
    Today,
}

impl AsOfSource {
    pub fn describe(self) -> &'static str {
        match self {
            AsOfSource::Given => "given with --as-of",
            AsOfSource::ExportName => "the date in the export's name",
            AsOfSource::NewestSentAt => "the newest Sent At in the export",
            AsOfSource::Today => "today: the export has no date of its own",
        }
    }
}

/// The day an export describes: the date in its name, else its newest `Sent At` (UTC).
/// `None` only for an export without a dated name and without invitations. Using the
/// export's own date, not today's, makes an old export read the same tomorrow.
pub fn export_date(export: &Export) -> Option<(NaiveDate, AsOfSource)> {
    if let Some(d) = date_in_name(&export.source) {
        return Some((d, AsOfSource::ExportName));
    }
    export
        .invitations
        .iter()
        .map(|i| i.sent_at.date_naive())
        .max()
        .map(|d| (d, AsOfSource::NewestSentAt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_carry_their_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(
            date_in_name("~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip"),
            d(2026, 11, 20)
        );
        assert_eq!(
            date_in_name("fixtures/export/Basic_LinkedInDataExport_03-05-2025/"),
            d(2025, 3, 5)
        );
        assert_eq!(
            date_in_name(
                "a/Basic_LinkedInDataExport_01-02-2024/Complete_LinkedInDataExport_2-3-2025"
            ),
            d(2025, 2, 3)
        );
        // Not a date (month 13), and no date at all.
        assert_eq!(date_in_name("x_13-01-2026.zip"), None);
        assert_eq!(date_in_name("Invitations.csv"), None);
        // Digits running on are not a date.
        assert_eq!(date_in_name("x_11-20-20261.zip"), None);
    }

    #[test]
    fn connections_file_is_recognised_in_any_container() {
        let mut e = Export::default();
        assert!(!has_connections(&e));
        e.files = vec!["x.zip!Basic/Connections.csv".into()];
        assert!(has_connections(&e));
        e.files = vec!["dir/CONNECTIONS.CSV".into()];
        assert!(has_connections(&e));
    }
}

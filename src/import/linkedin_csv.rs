//! Pure over a byte stream: `Invitations.csv` from a LinkedIn data export, read with one reused
//! `ByteRecord`, columns found by name, one small allocation per text field kept.
//!
//! Three header versions exist (LINKEDIN_EXPORT.md): `From,To,Sent At,Message,Direction`, then
//! with `inviterProfileUrn,inviteeProfileUrn`, then with `inviterProfileUrl,inviteeProfileUrl`.
//! `Sent At` is `M/D/YY, h:mm AM` in a zone the caller chooses (US Pacific by default).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;

use crate::import::table::{Fields, HeaderSpec, Table};
use crate::import::{ImportError, ImportOptions};
use crate::model::{
    Direction, Invitation, InvitationType, Invitations, Recipient, Relationship, Sender, Source,
};
use crate::sanitize::clean;

/// The name this file has in a LinkedIn export.
pub const FILE_NAME: &str = "Invitations.csv";

const FROM: usize = 0;
const SENT_AT: usize = 1;
const DIRECTION: usize = 2;

const INVITER_URL: usize = 0;
const INVITEE_URL: usize = 1;
const INVITER_URN: usize = 2;
const INVITEE_URN: usize = 3;
const TO: usize = 4;
const MESSAGE: usize = 5;

/// `To` and `Message` may be missing: users delete them in a spreadsheet, and the file is
/// still worth reading (with a warning).
pub(crate) const SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: FILE_NAME,
    required: &["From", "Sent At", "Direction"],
    optional: &[
        "inviterProfileUrl",
        "inviteeProfileUrl",
        "inviterProfileUrn",
        "inviteeProfileUrn",
        "To",
        "Message",
    ],
    aliases: &[
        ("Date Sent", "Sent At"),
        ("Sent Date", "Sent At"),
        ("Sent On", "Sent At"),
        ("Sender", "From"),
        ("Sent By", "From"),
        ("Recipient", "To"),
        ("Sent To", "To"),
        ("Note", "Message"),
        ("Invitation Message", "Message"),
    ],
    usual: "From,To,Sent At,Message,Direction",
    max_preamble: 0,
};

const DATE_HINT: &str = "is not a LinkedIn date; expected M/D/YY, h:mm AM such as \
                         \"2/12/26, 11:44 AM\" (a spreadsheet may have rewritten the dates)";

/// What an Invitations.csv read brought besides its invitations: things a user should know
/// were assumed, each naming the file.
pub type Warnings = Vec<String>;

/// Parse an `Invitations.csv` held in memory. `file` names it in errors and in each
/// invitation's [`SourceLoc`].
pub fn parse_invitations_csv(
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
) -> Result<Invitations, ImportError> {
    read_invitations_csv(bytes, file, opts)
}

/// Parse an `Invitations.csv` from a stream, without holding the whole file. What was
/// assumed (see [`read_invitations_csv_warned`]) is not reported.
pub fn read_invitations_csv<R: Read>(
    reader: R,
    file: &str,
    opts: &ImportOptions,
) -> Result<Invitations, ImportError> {
    read_invitations_csv_warned(reader, file, opts, &mut Warnings::new())
}

/// [`read_invitations_csv`], adding to `warnings` what was assumed: a missing `To` or
/// `Message` column, dates a spreadsheet rewrote.
pub fn read_invitations_csv_warned<R: Read>(
    reader: R,
    file: &str,
    opts: &ImportOptions,
    warnings: &mut Warnings,
) -> Result<Invitations, ImportError> {
    read_invitations_csv_first(reader, file, opts, warnings, None)
}

/// [`read_invitations_csv_warned`], handing the first rows to `first` as soon as they are
/// read (see [`super::FirstRows`]).
pub(crate) fn read_invitations_csv_first<R: Read>(
    reader: R,
    file: &str,
    opts: &ImportOptions,
    warnings: &mut Warnings,
    mut first: Option<&mut super::FirstRows<'_>>,
) -> Result<Invitations, ImportError> {
    let mut t = Table::open(reader, file, &SPEC)?;
    let mut rows = Rows::new(opts);
    while t.next()? {
        rows.read(&mut t, file)?;
        if let Some(f) = first.as_deref_mut()
            && rows.out.len() == f.rows
        {
            f.hand(file, &rows.out);
        }
    }
    column_warnings(&t, file, warnings);
    respelled_warning(&rows.respelled, rows.out.len(), file, opts, warnings);
    Ok(rows.out)
}

/// The rows of Invitations.csv read so far (all of them, or one chunk's), and how many had a
/// date a spreadsheet rewrote, by form.
pub(crate) struct Rows {
    pub out: Invitations,
    pub respelled: BTreeMap<String, u64>,
    zone: Zone,
}

impl Rows {
    pub fn new(opts: &ImportOptions) -> Self {
        Rows {
            out: Invitations::new(),
            respelled: BTreeMap::new(),
            zone: Zone::new(opts.tz),
        }
    }

    /// Add the table's current record.
    pub fn read(&mut self, t: &mut impl Fields, file: &str) -> Result<(), ImportError> {
        let none = Relationship::default();
        let sent_at = match read_sent_at(t.req(SENT_AT)?) {
            Ok((naive, form)) => {
                if let Some(form) = form {
                    *self.respelled.entry(form).or_default() += 1;
                }
                match in_range(self.zone.utc_of(naive)) {
                    Some(t) => t,
                    None => return Err(t.bad_value(SENT_AT, OUT_OF_RANGE)),
                }
            }
            Err(SentAtProblem::NotADate) => return Err(t.bad_value(SENT_AT, DATE_HINT)),
            Err(SentAtProblem::Other(problem)) => return Err(t.bad_value(SENT_AT, &problem)),
        };
        let direction = match parse_direction(t.req(DIRECTION)?) {
            Some(d) => d,
            None => {
                return Err(t.bad_value(
                    DIRECTION,
                    "is not a direction; expected INCOMING or OUTGOING",
                ));
            }
        };
        let message = t.opt(MESSAGE)?;
        // A note of only spaces stays: the classifier calls it `no_note`, and says why. Clean
        // text is borrowed, not copied, on its way into the table.
        let note = (!message.is_empty()).then(|| clean(message));
        let sender_name = field(t.req(FROM)?);
        let sender_url = field(t.opt(INVITER_URL)?);
        let sender_urn = field(t.opt(INVITER_URN)?);
        let recipient_name = field(t.opt(TO)?);
        let recipient_url = field(t.opt(INVITEE_URL)?);
        let recipient_urn = field(t.opt(INVITEE_URN)?);
        let inv = Invitation {
            direction,
            kind: InvitationType::Connection,
            sender: Sender {
                name: &sender_name,
                profile_url: nonempty(&sender_url),
                profile_urn: nonempty(&sender_urn),
                ..Sender::default()
            },
            recipient: Recipient {
                name: &recipient_name,
                profile_url: nonempty(&recipient_url),
                profile_urn: nonempty(&recipient_urn),
            },
            sent_at,
            note: note.as_deref(),
            raw_note: note.is_some().then_some(message),
            source: Source {
                file,
                line: t.line(),
            },
            relationship: &none,
        };
        self.out
            .push(&inv)
            .map_err(|e| ImportError::invalid(file, Some(t.line()), format!("{e}; split the file")))
    }
}

/// The warnings a header without `Message` or `To` gives.
pub(crate) fn column_warnings<R: Read>(t: &Table<R>, file: &str, warnings: &mut Warnings) {
    if !t.has_optional(MESSAGE) {
        warnings.push(format!(
            "{file}: no Message column, so every invitation counts as having no note"
        ));
    }
    if !t.has_optional(TO) {
        warnings.push(format!(
            "{file}: no To column, so outgoing invitations have no recipient name"
        ));
    }
}

/// The warning for dates a spreadsheet rewrote, if any were, out of `rows` rows.
pub(crate) fn respelled_warning(
    respelled: &BTreeMap<String, u64>,
    rows: usize,
    file: &str,
    opts: &ImportOptions,
    warnings: &mut Warnings,
) {
    if !respelled.is_empty() {
        let n: u64 = respelled.values().sum();
        let forms: Vec<String> = respelled
            .iter()
            .map(|(form, k)| format!("{k} as {form}"))
            .collect();
        warnings.push(format!(
            "{file}: {n} of {rows} rows have a Sent At a spreadsheet rewrote, not LinkedIn's \
             M/D/YY, h:mm AM: read {}; times in {}",
            forms.join(", "),
            opts.tz.name()
        ));
    }
}

/// The instants every importer accepts: what `list` writes as RFC 3339 reads back, so years
/// 1970 to 9999 in UTC.
pub fn in_range(t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (1970..=9999)
        .contains(&chrono::Datelike::year(&t))
        .then_some(t)
}

const OUT_OF_RANGE: &str = "is out of range: expected a date between 1970 and 9999";

/// Why a `Sent At` value was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentAtProblem {
    /// Not a date in any form read.
    NotADate,
    /// A date, but one that cannot be read safely; says why (starts with a verb: "is ...").
    Other(String),
}

/// `Sent At` as LinkedIn writes it, or in a form a spreadsheet rewrites it into that can be
/// read without guessing. The form is `None` for LinkedIn's own, else a description of the
/// form (for the warning). Ambiguous forms, such as `06-01-2021`, are refused.
pub fn read_sent_at(s: &str) -> Result<(NaiveDateTime, Option<String>), SentAtProblem> {
    if let Some(t) = parse_sent_at(s) {
        return Ok((t, None));
    }
    respelled::read(s.trim())
}

/// The forms a spreadsheet rewrites `Sent At` into (docs/FORMATS.md lists them).
mod respelled {
    use std::sync::LazyLock;

    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    use regex::Regex;

    use super::SentAtProblem;

    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?P<date>.+?)(?:,?\s+|T)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?$",
        )
        .expect("valid regex")
    });
    static SLASH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$").expect("valid regex"));
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$").expect("valid regex")
    });
    static DASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})([-.])(\d{1,2})[-.](\d{4})$").expect("valid regex")
    });
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$").expect("valid regex")
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$").expect("valid regex")
    });

    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];

    fn month(name: &str) -> Option<u32> {
        let name = name.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| name.len() >= 3 && m.starts_with(&name))
            .map(|i| i as u32 + 1)
    }

    fn num(s: &str) -> u32 {
        s.parse().unwrap_or(u32::MAX)
    }

    fn year(s: &str) -> Result<i32, SentAtProblem> {
        let y = num(s);
        if s.len() == 2 {
            return Ok(2000 + y as i32);
        }
        if (1970..=9998).contains(&y) {
            Ok(y as i32)
        } else {
            Err(SentAtProblem::Other(
                "is out of range: expected a date between 1970 and 9999".to_string(),
            ))
        }
    }

    fn date(ymd: (i32, u32, u32)) -> Result<NaiveDate, SentAtProblem> {
        NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).ok_or(SentAtProblem::NotADate)
    }

    /// The date part, and how it was written.
    fn read_date(s: &str) -> Result<(NaiveDate, &'static str), SentAtProblem> {
        if let Some(c) = SLASH.captures(s) {
            let (a, b) = (num(&c[1]), num(&c[2]));
            if a > 12 && b <= 12 {
                return Err(SentAtProblem::Other(
                    "has the day first, so dates such as 6/1 in this file cannot be told from \
                     1/6: a spreadsheet rewrote them in its own order; expected M/D/YY, h:mm AM \
                     as LinkedIn writes it, such as \"2/12/26, 11:44 AM\""
                        .to_string(),
                ));
            }
            let form = if c[3].len() == 2 {
                "M/D/YY"
            } else {
                "M/D/YYYY"
            };
            return Ok((date((year(&c[3])?, a, b))?, form));
        }
        if let Some(c) = ISO.captures(s) {
            return Ok((date((year(&c[1])?, num(&c[2]), num(&c[3])))?, "YYYY-MM-DD"));
        }
        if let Some(c) = DASHED.captures(s) {
            let (a, b, y) = (num(&c[1]), num(&c[3]), year(&c[4])?);
            let sep = &c[2];
            return match (a <= 12, b <= 12) {
                _ if a == b => Ok((date((y, a, b))?, "D-M-YYYY")),
                (false, true) => Ok((
                    date((y, b, a))?,
                    if sep == "." { "D.M.YYYY" } else { "D-M-YYYY" },
                )),
                (true, false) => Ok((
                    date((y, a, b))?,
                    if sep == "." { "M.D.YYYY" } else { "M-D-YYYY" },
                )),
                (true, true) => Err(SentAtProblem::Other(format!(
                    "is ambiguous: it could be month {a}, day {b} or day {a}, month {b} (a \
                     spreadsheet rewrote the dates in its own order); expected M/D/YY, h:mm AM \
                     as LinkedIn writes it, such as \"2/12/26, 11:44 AM\": export again, or \
                     re-save the column in that form"
                ))),
                (false, false) => Err(SentAtProblem::NotADate),
            };
        }
        if let Some(c) = MONTH_FIRST.captures(s) {
            let m = month(&c[1]).ok_or(SentAtProblem::NotADate)?;
            return Ok((date((year(&c[3])?, m, num(&c[2])))?, "Mon D YYYY"));
        }
        if let Some(c) = DAY_FIRST.captures(s) {
            let m = month(&c[2]).ok_or(SentAtProblem::NotADate)?;
            return Ok((date((year(&c[3])?, m, num(&c[1])))?, "D Mon YYYY"));
        }
        Err(SentAtProblem::NotADate)
    }

    pub(super) fn read(s: &str) -> Result<(NaiveDateTime, Option<String>), SentAtProblem> {
        // Only short values can be dates; a long one is not worth a regex.
        if s.len() > 40 {
            return Err(SentAtProblem::NotADate);
        }
        let Some(c) = CLOCK.captures(s) else {
            let (d, form) = read_date(s)?;
            let at = d.and_time(NaiveTime::MIN);
            return Ok((at, Some(format!("{form} with no time (taken as midnight)"))));
        };
        let (d, form) = read_date(c["date"].trim())?;
        let (h, m) = (num(&c["h"]), num(&c["m"]));
        let sec = c.name("s").map_or(0, |s| num(s.as_str()));
        let (h24, clock) = match c.name("ampm") {
            Some(ampm) => {
                if !(1..=12).contains(&h) {
                    return Err(SentAtProblem::NotADate);
                }
                let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
                ((h % 12) + if pm { 12 } else { 0 }, "h:mm AM")
            }
            None => (h, "HH:MM"),
        };
        let t = NaiveTime::from_hms_opt(h24, m, sec).ok_or(SentAtProblem::NotADate)?;
        Ok((d.and_time(t), Some(format!("{form} {clock}"))))
    }
}

/// A name or URL: sanitised, without the spaces around it (also those the sanitiser leaves
/// when it removes an invisible character at an edge).
/// A field that is absent when empty.
fn nonempty(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.is_empty())
}

pub(crate) fn field(s: &str) -> Cow<'_, str> {
    match clean(trim(s)) {
        // Borrowed: clean text comes back as it went in, so already trimmed.
        Cow::Borrowed(b) => Cow::Borrowed(b),
        Cow::Owned(o) if o.trim().len() == o.len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(o.trim().to_string()),
    }
}

/// `s.trim()`, without decoding a character at either end when both end bytes are ASCII and
/// not white space (nearly every field).
fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if (0x21..0x80).contains(first) && (0x21..0x80).contains(last) => s,
        [only] if (0x21..0x80).contains(only) => s,
        _ => s.trim(),
    }
}

fn parse_direction(s: &str) -> Option<Direction> {
    let s = trim(s);
    if s.eq_ignore_ascii_case("INCOMING") {
        Some(Direction::Incoming)
    } else if s.eq_ignore_ascii_case("OUTGOING") {
        Some(Direction::Outgoing)
    } else {
        None
    }
}

/// A cursor over ASCII text for the small fixed date grammars of the export files.
pub(crate) struct Scan<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    pub fn new(s: &'a str) -> Self {
        Scan {
            s: s.as_bytes(),
            i: 0,
        }
    }

    /// `min..=max` ASCII digits as a number.
    pub fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut n = 0u32;
        while self.i < self.s.len() && self.i - start < max && self.s[self.i].is_ascii_digit() {
            n = n * 10 + u32::from(self.s[self.i] - b'0');
            self.i += 1;
        }
        (self.i - start >= min).then_some(n)
    }

    pub fn byte(&mut self, b: u8) -> Option<()> {
        (self.s.get(self.i) == Some(&b)).then(|| self.i += 1)
    }

    /// One or more spaces, including the no-break and narrow no-break spaces newer date
    /// formatters put before AM/PM.
    pub fn spaces(&mut self) -> Option<()> {
        let start = self.i;
        loop {
            let rest = &self.s[self.i..];
            if rest.first() == Some(&b' ') {
                self.i += 1;
            } else if rest.starts_with("\u{a0}".as_bytes()) {
                self.i += 2;
            } else if rest.starts_with("\u{202f}".as_bytes()) {
                self.i += 3;
            } else {
                break;
            }
        }
        (self.i > start).then_some(())
    }

    /// `AM` or `PM` in any case: `Some(false)` for AM.
    pub fn meridiem(&mut self) -> Option<bool> {
        let rest = self.s.get(self.i..self.i + 2)?;
        let pm = match (rest[0].to_ascii_uppercase(), rest[1].to_ascii_uppercase()) {
            (b'A', b'M') => false,
            (b'P', b'M') => true,
            _ => return None,
        };
        self.i += 2;
        Some(pm)
    }

    pub fn end(&self) -> Option<()> {
        (self.i == self.s.len()).then_some(())
    }
}

/// `M/D/YY` (a two-digit year, 20YY).
pub(crate) fn scan_us_date(p: &mut Scan<'_>) -> Option<NaiveDate> {
    let m = p.digits(1, 2)?;
    p.byte(b'/')?;
    let d = p.digits(1, 2)?;
    p.byte(b'/')?;
    let y = p.digits(2, 2)?;
    NaiveDate::from_ymd_opt(2000 + y as i32, m, d)
}

/// `h:mm AM`.
pub(crate) fn scan_clock(p: &mut Scan<'_>) -> Option<NaiveTime> {
    let h = p.digits(1, 2)?;
    p.byte(b':')?;
    let min = p.digits(2, 2)?;
    p.spaces()?;
    let pm = p.meridiem()?;
    if !(1..=12).contains(&h) {
        return None;
    }
    let h24 = (h % 12) + if pm { 12 } else { 0 };
    NaiveTime::from_hms_opt(h24, min, 0)
}

/// `Sent At`: `M/D/YY, h:mm AM`, strictly (an Excel-rewritten `06-01-2021` is refused).
pub fn parse_sent_at(s: &str) -> Option<NaiveDateTime> {
    let mut p = Scan::new(trim(s));
    let date = scan_us_date(&mut p)?;
    p.byte(b',')?;
    p.spaces()?;
    let time = scan_clock(&mut p)?;
    p.end()?;
    Some(date.and_time(time))
}

/// Local wall-clock times to UTC in one zone. Most rows of a file share a few days, so the
/// offset of a day without a transition is remembered.
pub(crate) struct Zone {
    tz: Tz,
    day: Option<(NaiveDate, Option<FixedOffset>)>,
}

impl Zone {
    pub fn new(tz: Tz) -> Self {
        Zone { tz, day: None }
    }

    pub fn utc_of(&mut self, local: NaiveDateTime) -> DateTime<Utc> {
        let date = local.date();
        let uniform = match self.day {
            Some((d, off)) if d == date => off,
            _ => {
                let off = self.uniform_offset(date);
                self.day = Some((date, off));
                off
            }
        };
        let offset = uniform.unwrap_or_else(|| resolve(self.tz, local));
        Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(offset.local_minus_utc()))))
    }

    /// The day's offset when it is the same from midnight to midnight.
    fn uniform_offset(&self, date: NaiveDate) -> Option<FixedOffset> {
        let first = date.and_hms_opt(0, 0, 0)?;
        let last = date.and_hms_opt(23, 59, 59)?;
        match (
            self.tz.from_local_datetime(&first),
            self.tz.from_local_datetime(&last),
        ) {
            (LocalResult::Single(a), LocalResult::Single(b)) => {
                let (a, b) = (a.offset().fix(), b.offset().fix());
                (a == b).then_some(a)
            }
            _ => None,
        }
    }
}

/// The offset of a local time, deterministically: an ambiguous time (the repeated hour when
/// clocks go back) takes the earlier instant; a time that does not exist (the skipped hour
/// when clocks go forward) takes the offset in force just before the jump.
fn resolve(tz: Tz, local: NaiveDateTime) -> FixedOffset {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.offset().fix(),
        LocalResult::Ambiguous(a, b) => {
            if a.naive_utc() <= b.naive_utc() {
                a.offset().fix()
            } else {
                b.offset().fix()
            }
        }
        LocalResult::None => {
            for hours in 1..=48 {
                let earlier = local - Duration::hours(hours);
                if let LocalResult::Single(t) = tz.from_local_datetime(&earlier) {
                    return t.offset().fix();
                }
            }
            // No zone has a gap of two days; fall back to the zone's offset at that UTC time.
            tz.offset_from_utc_datetime(&local).fix()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn opts() -> ImportOptions {
        ImportOptions::default()
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn sent_at_grammar() {
        let t = parse_sent_at("2/12/26, 11:44 AM").unwrap();
        assert_eq!(t.to_string(), "2026-02-12 11:44:00");
        assert_eq!(parse_sent_at("12/1/25, 12:05 AM").unwrap().hour(), 0);
        assert_eq!(parse_sent_at("12/1/25, 12:05 PM").unwrap().hour(), 12);
        assert_eq!(
            parse_sent_at(" 1/9/24, 3:07\u{202f}pm ").unwrap().hour(),
            15
        );
        for bad in [
            "06-01-2021",
            "2/12/2026, 11:44 AM",
            "2/30/26, 11:44 AM",
            "13/1/26, 1:00 AM",
            "2/12/26, 13:44 PM",
            "2/12/26 11:44 AM",
            "2/12/26, 11:44",
            "2/12/26, 11:4 AM",
            "",
            "2/12/26, 11:44 AM x",
        ] {
            assert_eq!(parse_sent_at(bad), None, "{bad}");
        }
    }

    #[test]
    fn zones_and_dst() {
        let la = ImportOptions::default().tz;
        let mut z = Zone::new(la);
        let at = |s: &str| parse_sent_at(s).unwrap();
        // PST in winter, PDT in summer.
        assert_eq!(
            z.utc_of(at("2/12/26, 11:44 AM")),
            utc("2026-02-12T19:44:00Z")
        );
        assert_eq!(z.utc_of(at("7/4/25, 9:00 AM")), utc("2025-07-04T16:00:00Z"));
        // 2026-03-08 2:30 AM does not exist in Los Angeles: the pre-jump offset (PST) is used.
        assert_eq!(z.utc_of(at("3/8/26, 2:30 AM")), utc("2026-03-08T10:30:00Z"));
        // 2025-11-02 1:30 AM happens twice: the earlier (PDT) instant is used.
        assert_eq!(
            z.utc_of(at("11/2/25, 1:30 AM")),
            utc("2025-11-02T08:30:00Z")
        );
        // The same day after the transition uses PST.
        assert_eq!(
            z.utc_of(at("11/2/25, 3:00 PM")),
            utc("2025-11-02T23:00:00Z")
        );
        let mut paris = Zone::new(chrono_tz::Europe::Paris);
        assert_eq!(
            paris.utc_of(at("2/12/26, 11:44 AM")),
            utc("2026-02-12T10:44:00Z")
        );
    }

    #[test]
    fn names_lose_outer_space_even_behind_invisible_characters() {
        assert_eq!(field("  Ana  Alvarez "), "Ana  Alvarez");
        assert_eq!(field("\u{202e} Ana\u{200b} "), "Ana");
        assert_eq!(field(" \u{200b} "), "");
    }

    const V1: &str = "From,To,Sent At,Message,Direction\n\
        Ana Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING\n\
        \"Jane Roe, MBA\",Sam Demo,\"2/11/26, 8:02 PM\",\"Hi Sam, we met at \"\"RustConf\"\".\",INCOMING\n\
        Sam Demo,bob@example.invalid,\"1/3/26, 9:15 AM\",  ,OUTGOING\n";

    #[test]
    fn v1_rows() {
        let invs = parse_invitations_csv(V1.as_bytes(), "Invitations.csv", &opts()).unwrap();
        assert_eq!(invs.len(), 3);
        assert_eq!(invs.at(0).sender.name, "Ana Alvarez");
        assert_eq!(invs.at(0).note, None);
        assert_eq!(invs.at(0).source.to_string(), "Invitations.csv:2");
        assert_eq!(invs.at(1).sender.name, "Jane Roe, MBA");
        assert_eq!(invs.at(1).raw_note, Some("Hi Sam, we met at \"RustConf\"."));
        assert_eq!(invs.at(2).direction, Direction::Outgoing);
        assert_eq!(invs.at(2).recipient.name, "bob@example.invalid");
        assert_eq!(invs.at(2).note, Some("  "));
        assert!(!invs.at(2).has_note());
        assert!(invs.iter().all(|i| i.sender.profile_url.is_none()));
    }

    #[test]
    fn v2_and_v3_columns_by_name() {
        let v2 = "Direction,From,To,Sent At,Message,inviterProfileUrn,inviteeProfileUrn\r\n\
                  INCOMING,Ana,Sam,\"2/12/26, 11:44 AM\",,urn:li:member:1001,urn:li:member:1002\r\n";
        let t = parse_invitations_csv(v2.as_bytes(), "v2", &opts()).unwrap();
        let i = t.at(0);
        assert_eq!(i.sender.profile_urn, Some("urn:li:member:1001"));
        assert_eq!(i.recipient.profile_urn, Some("urn:li:member:1002"));
        let v3 = "\u{feff}From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
                  José,Sam,\"2/12/26, 11:44 AM\",,INCOMING,https://www.linkedin.com/in/josé-demo,\n";
        let t = parse_invitations_csv(v3.as_bytes(), "v3", &opts()).unwrap();
        let i = t.at(0);
        assert_eq!(
            i.sender.profile_url,
            Some("https://www.linkedin.com/in/josé-demo")
        );
        assert_eq!(i.recipient.profile_url, None);
    }

    fn err(s: &str) -> String {
        parse_invitations_csv(s.as_bytes(), "Invitations.csv", &opts())
            .unwrap_err()
            .to_string()
    }

    fn warned(s: &str) -> (Invitations, Warnings) {
        let mut w = Warnings::new();
        let invs = read_invitations_csv_warned(s.as_bytes(), "Invitations.csv", &opts(), &mut w)
            .unwrap_or_else(|e| panic!("{e}"));
        (invs, w)
    }

    #[test]
    fn truly_ambiguous_or_broken_values_are_refused() {
        let e = err("From,To,Sent At,Message,Direction\nA,B,06-01-2021,,INCOMING\n");
        assert!(
            e.contains(":2:") && e.contains("06-01-2021") && e.contains("Sent At"),
            "{e}"
        );
        assert!(e.contains("ambiguous"), "{e}");
        let e = err("From,To,Date Sent,Message,Direction\nA,B,13/1/21,,INCOMING\n");
        assert!(
            e.contains("\"Date Sent\"") && e.contains("day first"),
            "{e}"
        );
        let e = err("From,To,Sent At,Message,Direction\nA,B,\"2/12/26, 11:44 AM\",,SIDEWAYS\n");
        assert!(
            e.contains(":2:") && e.contains("SIDEWAYS") && e.contains("INCOMING"),
            "{e}"
        );
        let e = err("From,To,Message,Direction\nA,B,,INCOMING\n");
        assert!(e.contains("\"Sent At\"") && e.contains(":1:"), "{e}");
    }

    #[test]
    fn a_column_twice_is_refused_naming_it() {
        let e = err(
            "From,To,Sent At,Message,Direction,Message\nA,B,\"2/12/26, 11:44 AM\",hi,INCOMING,\n",
        );
        assert!(
            e.contains(":1:") && e.contains("\"Message\" twice") && e.contains("columns 4 and 6"),
            "{e}"
        );
        let e = err(
            "From,To,Sent At,Date Sent,Message,Direction\nA,B,\"2/12/26, 11:44 AM\",,,INCOMING\n",
        );
        assert!(
            e.contains("\"Sent At\" (as \"Sent At\" and \"Date Sent\")"),
            "{e}"
        );
    }

    #[test]
    fn trimmed_columns_load_with_a_warning() {
        let (invs, w) = warned(
            "From,Sent At,Direction\nAna,\"2/12/26, 11:44 AM\",INCOMING\nSam,\"2/11/26, 9:00 AM\",OUTGOING\n",
        );
        assert_eq!(invs.len(), 2);
        assert!(invs.iter().all(|i| !i.has_note()));
        assert_eq!(invs.at(1).recipient.name, "");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("no Message column") && w[0].contains("no note"),
            "{w:?}"
        );
        assert!(w[1].contains("no To column"), "{w:?}");
        let (_, w) = warned(V1);
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn renamed_columns_are_read_by_alias() {
        let (invs, w) = warned(
            "Sender,Recipient,Date Sent,Note,Direction\nAna,Sam,\"2/12/26, 11:44 AM\",Hi Sam,INCOMING\n",
        );
        assert_eq!(invs.at(0).sender.name, "Ana");
        assert_eq!(invs.at(0).recipient.name, "Sam");
        assert_eq!(invs.at(0).note, Some("Hi Sam"));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn spreadsheet_dates_are_read_and_counted() {
        let at = |s: &str| read_sent_at(s).map(|(t, f)| (t.to_string(), f));
        let cases = [
            (
                "11/28/21",
                "2021-11-28 00:00:00",
                "M/D/YY with no time (taken as midnight)",
            ),
            (
                "11/28/2021",
                "2021-11-28 00:00:00",
                "M/D/YYYY with no time (taken as midnight)",
            ),
            (
                "Mar 25 2023 10:15 AM",
                "2023-03-25 10:15:00",
                "Mon D YYYY h:mm AM",
            ),
            (
                "March 25, 2023, 10:15 pm",
                "2023-03-25 22:15:00",
                "Mon D YYYY h:mm AM",
            ),
            (
                "25 Mar 2023",
                "2023-03-25 00:00:00",
                "D Mon YYYY with no time (taken as midnight)",
            ),
            ("11/28/2021 14:05", "2021-11-28 14:05:00", "M/D/YYYY HH:MM"),
            ("2/12/26 11:44 AM", "2026-02-12 11:44:00", "M/D/YY h:mm AM"),
            (
                "2023-03-25 10:15:30",
                "2023-03-25 10:15:30",
                "YYYY-MM-DD HH:MM",
            ),
            (
                "2023-03-25T10:15",
                "2023-03-25 10:15:00",
                "YYYY-MM-DD HH:MM",
            ),
            (
                "28-11-2021",
                "2021-11-28 00:00:00",
                "D-M-YYYY with no time (taken as midnight)",
            ),
            ("28.11.2021 10:15", "2021-11-28 10:15:00", "D.M.YYYY HH:MM"),
            (
                "11-28-2021",
                "2021-11-28 00:00:00",
                "M-D-YYYY with no time (taken as midnight)",
            ),
            (
                "06-06-2021",
                "2021-06-06 00:00:00",
                "D-M-YYYY with no time (taken as midnight)",
            ),
        ];
        for (input, time, form) in cases {
            assert_eq!(
                at(input),
                Ok((time.to_string(), Some(form.to_string()))),
                "{input}"
            );
        }
        assert_eq!(
            at("2/12/26, 11:44 AM"),
            Ok(("2026-02-12 11:44:00".to_string(), None))
        );
        for not_a_date in [
            "",
            "yesterday",
            "Foo 25 2023",
            "2/30/26",
            "25:00",
            "11/28/21 13:00 PM",
        ] {
            assert_eq!(at(not_a_date), Err(SentAtProblem::NotADate), "{not_a_date}");
        }
        assert!(
            matches!(at("06-01-2021"), Err(SentAtProblem::Other(m)) if m.contains("ambiguous"))
        );
        assert!(
            matches!(at("1/1/0001"), Err(SentAtProblem::Other(m)) if m.contains("out of range"))
        );

        let (invs, w) = warned(
            "From,To,Date Sent,Message,Direction\n\
             A,B,11/28/21,,INCOMING\n\
             C,B,\"Mar 25 2023 10:15 AM\",,INCOMING\n\
             D,B,11/27/21,,INCOMING\n\
             E,B,\"2/12/26, 11:44 AM\",,INCOMING\n",
        );
        assert_eq!(invs.len(), 4);
        assert_eq!(invs.at(0).sent_at, utc("2021-11-28T08:00:00Z"));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("3 of 4 rows")
                && w[0].contains("2 as M/D/YY with no time (taken as midnight)")
                && w[0].contains("1 as Mon D YYYY h:mm AM")
                && w[0].contains("America/Los_Angeles"),
            "{w:?}"
        );
    }
}

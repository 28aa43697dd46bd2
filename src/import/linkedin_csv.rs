//! Pure over a byte stream: `Invitations.csv` from a LinkedIn data export, read with one reused
//! `ByteRecord`, columns found by name, one small allocation per text field kept.
//!
//! Three header versions exist (LINKEDIN_EXPORT.md): `From,To,Sent At,Message,Direction`, then
//! with `inviterProfileUrn,inviteeProfileUrn`, then with `inviterProfileUrl,inviteeProfileUrl`.
//! `Sent At` is `M/D/YY, h:mm AM` in a zone the caller chooses (US Pacific by default).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{channel, sync_channel};
use std::sync::{Arc, Mutex};

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Tz;

use csv::ByteRecord;

use crate::import::table::{HeaderSpec, Table, field_bytes};
use crate::import::{ImportError, ImportOptions};
use crate::model::{Direction, Invitation, InvitationType, Recipient, Sender, SourceLoc};
use crate::sanitize::clean;

/// The name this file has in a LinkedIn export.
pub const FILE_NAME: &str = "Invitations.csv";

const FROM: usize = 0;
const TO: usize = 1;
const SENT_AT: usize = 2;
const MESSAGE: usize = 3;
const DIRECTION: usize = 4;

const INVITER_URL: usize = 0;
const INVITEE_URL: usize = 1;
const INVITER_URN: usize = 2;
const INVITEE_URN: usize = 3;

pub(crate) const SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: FILE_NAME,
    required: &["From", "To", "Sent At", "Message", "Direction"],
    optional: &[
        "inviterProfileUrl",
        "inviteeProfileUrl",
        "inviterProfileUrn",
        "inviteeProfileUrn",
    ],
    max_preamble: 0,
};

const DATE_HINT: &str = "is not a LinkedIn date; expected M/D/YY, h:mm AM such as \
                         \"2/12/26, 11:44 AM\" (a spreadsheet may have rewritten the dates)";

/// Parse an `Invitations.csv` held in memory. `file` names it in errors and in each
/// invitation's [`SourceLoc`].
pub fn parse_invitations_csv(
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
) -> Result<Vec<Invitation>, ImportError> {
    read_invitations_csv(bytes, file, opts)
}

/// Parse an `Invitations.csv` from a stream, without holding the whole file.
///
/// With more than one core, records are turned into invitations on worker threads while this
/// thread reads and checks them: every check that can fail (UTF-8, date, direction) runs here,
/// in file order, so errors and their line numbers are those of a sequential read, and the
/// workers only sanitise and build, which cannot fail. The result is in file order.
pub fn read_invitations_csv<R: Read>(
    reader: R,
    file: &str,
    opts: &ImportOptions,
) -> Result<Vec<Invitation>, ImportError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    read_with_workers(reader, file, opts, if workers > 1 { workers } else { 0 })
}

/// What the reading thread learns about a record while checking it.
#[derive(Clone, Copy)]
struct Head {
    direction: Direction,
    sent_at: DateTime<Utc>,
    line: u64,
}

/// Where each column is in a record.
#[derive(Clone, Copy)]
struct Columns {
    from: usize,
    to: usize,
    message: usize,
    inviter_url: Option<usize>,
    invitee_url: Option<usize>,
    inviter_urn: Option<usize>,
    invitee_urn: Option<usize>,
}

impl Columns {
    fn of<R: Read>(t: &Table<R>) -> Self {
        Columns {
            from: t.required_index(FROM),
            to: t.required_index(TO),
            message: t.required_index(MESSAGE),
            inviter_url: t.optional_index(INVITER_URL),
            invitee_url: t.optional_index(INVITEE_URL),
            inviter_urn: t.optional_index(INVITER_URN),
            invitee_urn: t.optional_index(INVITEE_URN),
        }
    }
}

/// Check the current record: every failure a record can have, in the order a reader meets
/// them. What is left (sanitising, building) cannot fail.
fn check<R: Read>(t: &mut Table<R>, zone: &mut Zone) -> Result<Head, ImportError> {
    let sent_at = match parse_sent_at(t.req(SENT_AT)?) {
        Some(naive) => zone.utc_of(naive),
        None => return Err(t.bad_value(SENT_AT, DATE_HINT)),
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
    // The text columns must be UTF-8; `build` reads them again without the error path.
    t.req(MESSAGE)?;
    t.req(FROM)?;
    t.opt(INVITER_URL)?;
    t.opt(INVITER_URN)?;
    t.req(TO)?;
    t.opt(INVITEE_URL)?;
    t.opt(INVITEE_URN)?;
    Ok(Head {
        direction,
        sent_at,
        line: t.line(),
    })
}

/// Build the invitation of a record that [`check`] accepted.
fn build(c: &Columns, record: &ByteRecord, head: &Head, label: &Arc<str>) -> Invitation {
    // `check` proved these UTF-8; the empty fallback is never taken.
    let text = |idx: usize| std::str::from_utf8(field_bytes(record, idx)).unwrap_or_default();
    let opt = |idx: Option<usize>| optional(idx.map_or("", text));
    let message = text(c.message);
    let (note, raw_note) = if message.is_empty() {
        (None, None)
    } else {
        // A note of only spaces stays: the classifier calls it `no_note`, and says why.
        (Some(clean(message).into_owned()), Some(message.to_string()))
    };
    Invitation {
        direction: head.direction,
        kind: InvitationType::Connection,
        sender: Sender {
            name: name(text(c.from)),
            profile_url: opt(c.inviter_url),
            profile_urn: opt(c.inviter_urn),
            ..Sender::default()
        },
        recipient: Recipient {
            name: name(text(c.to)),
            profile_url: opt(c.invitee_url),
            profile_urn: opt(c.invitee_urn),
        },
        sent_at: head.sent_at,
        note,
        raw_note,
        source: SourceLoc {
            file: Arc::clone(label),
            line: head.line,
        },
        relationship: Default::default(),
    }
}

/// Records handed to a worker: read and checked, in file order from `seq`.
#[derive(Default)]
struct Batch {
    seq: usize,
    /// Reused from batch to batch: only the first `heads.len()` hold this batch's records.
    records: Vec<ByteRecord>,
    heads: Vec<Head>,
    built: Vec<Invitation>,
}

/// Finished batches wait here until those before them are in the output.
#[derive(Default)]
struct Reorder {
    waiting: BTreeMap<usize, Batch>,
    /// The sequence number of the next batch the output takes.
    next: usize,
    /// Batches taken, emptied, to be filled again.
    free: Vec<Batch>,
}

impl Reorder {
    fn take(&mut self, b: Batch, out: &mut Vec<Invitation>) {
        self.waiting.insert(b.seq, b);
        while let Some(mut b) = self.waiting.remove(&self.next) {
            out.append(&mut b.built);
            b.heads.clear();
            self.free.push(b);
            self.next += 1;
        }
    }
}

/// Records per batch: large enough that passing batches costs nothing next to the work,
/// small enough that the first rows are ready early.
const BATCH: usize = 2048;

/// [`read_invitations_csv`] with `workers` threads building invitations (none: all on this
/// thread).
fn read_with_workers<R: Read>(
    reader: R,
    file: &str,
    opts: &ImportOptions,
    workers: usize,
) -> Result<Vec<Invitation>, ImportError> {
    let mut t = Table::open(reader, file, &SPEC)?;
    let label: Arc<str> = Arc::from(file);
    let mut zone = Zone::new(opts.tz);
    let cols = Columns::of(&t);
    let mut out = Vec::new();
    if workers == 0 {
        while t.next()? {
            let head = check(&mut t, &mut zone)?;
            out.push(build(&cols, t.record(), &head, &label));
        }
        return Ok(out);
    }

    let (work_tx, work_rx) = sync_channel::<Batch>(workers * 2);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = channel::<Batch>();
    std::thread::scope(|s| {
        for _ in 0..workers {
            let (work_rx, done_tx, label) = (&work_rx, done_tx.clone(), &label);
            s.spawn(move || {
                loop {
                    let next = work_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok(mut b) = next else { return };
                    b.built.clear();
                    b.built.extend(
                        b.records
                            .iter()
                            .zip(&b.heads)
                            .map(|(r, h)| build(&cols, r, h, label)),
                    );
                    if done_tx.send(b).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);

        let mut order = Reorder::default();
        let mut sent = 0;
        let mut cur = Batch::default();
        let mut failure = None;
        loop {
            match t
                .next()
                .and_then(|more| more.then(|| check(&mut t, &mut zone)).transpose())
            {
                Ok(Some(head)) => {
                    let k = cur.heads.len();
                    if k == cur.records.len() {
                        cur.records.push(ByteRecord::new());
                    }
                    t.swap_record(&mut cur.records[k]);
                    cur.heads.push(head);
                }
                Ok(None) => break,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
            if cur.heads.len() == BATCH {
                while let Ok(b) = done_rx.try_recv() {
                    order.take(b, &mut out);
                }
                cur.seq = sent;
                sent += 1;
                let next = order.free.pop().unwrap_or_default();
                if work_tx.send(std::mem::replace(&mut cur, next)).is_err() {
                    break;
                }
            }
        }
        if let Some(e) = failure {
            // The workers finish what they hold; their invitations are dropped.
            drop(work_tx);
            return Err(e);
        }
        if !cur.heads.is_empty() {
            cur.seq = sent;
            sent += 1;
            let _ = work_tx.send(cur);
        }
        drop(work_tx);
        while order.next < sent {
            match done_rx.recv() {
                Ok(b) => order.take(b, &mut out),
                // A worker is gone (it panicked): the scope reports it.
                Err(_) => break,
            }
        }
        Ok(out)
    })
}

/// A name or URL: sanitised, without the spaces around it (also those the sanitiser leaves
/// when it removes an invisible character at an edge).
pub(crate) fn field(s: &str) -> String {
    clean(s.trim()).trim().to_string()
}

fn name(s: &str) -> String {
    field(s)
}

fn optional(s: &str) -> Option<String> {
    Some(field(s)).filter(|s| !s.is_empty())
}

fn parse_direction(s: &str) -> Option<Direction> {
    let s = s.trim();
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
    let mut p = Scan::new(s.trim());
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
        assert_eq!(optional(" \u{200b} "), None);
    }

    const V1: &str = "From,To,Sent At,Message,Direction\n\
        Ana Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING\n\
        \"Jane Roe, MBA\",Sam Demo,\"2/11/26, 8:02 PM\",\"Hi Sam, we met at \"\"RustConf\"\".\",INCOMING\n\
        Sam Demo,bob@example.invalid,\"1/3/26, 9:15 AM\",  ,OUTGOING\n";

    #[test]
    fn v1_rows() {
        let invs = parse_invitations_csv(V1.as_bytes(), "Invitations.csv", &opts()).unwrap();
        assert_eq!(invs.len(), 3);
        assert_eq!(invs[0].sender.name, "Ana Alvarez");
        assert_eq!(invs[0].note, None);
        assert_eq!(invs[0].source.to_string(), "Invitations.csv:2");
        assert_eq!(invs[1].sender.name, "Jane Roe, MBA");
        assert_eq!(
            invs[1].raw_note.as_deref(),
            Some("Hi Sam, we met at \"RustConf\".")
        );
        assert_eq!(invs[2].direction, Direction::Outgoing);
        assert_eq!(invs[2].recipient.name, "bob@example.invalid");
        assert_eq!(invs[2].note.as_deref(), Some("  "));
        assert!(!invs[2].has_note());
        assert!(invs.iter().all(|i| i.sender.profile_url.is_none()));
    }

    #[test]
    fn v2_and_v3_columns_by_name() {
        let v2 = "Direction,From,To,Sent At,Message,inviterProfileUrn,inviteeProfileUrn\r\n\
                  INCOMING,Ana,Sam,\"2/12/26, 11:44 AM\",,urn:li:member:1001,urn:li:member:1002\r\n";
        let i = &parse_invitations_csv(v2.as_bytes(), "v2", &opts()).unwrap()[0];
        assert_eq!(i.sender.profile_urn.as_deref(), Some("urn:li:member:1001"));
        assert_eq!(
            i.recipient.profile_urn.as_deref(),
            Some("urn:li:member:1002")
        );
        let v3 = "\u{feff}From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
                  José,Sam,\"2/12/26, 11:44 AM\",,INCOMING,https://www.linkedin.com/in/josé-demo,\n";
        let i = &parse_invitations_csv(v3.as_bytes(), "v3", &opts()).unwrap()[0];
        assert_eq!(
            i.sender.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/josé-demo")
        );
        assert_eq!(i.recipient.profile_url, None);
    }

    fn err(s: &str) -> String {
        parse_invitations_csv(s.as_bytes(), "Invitations.csv", &opts())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn hand_edited_copies_are_refused() {
        let e = err("From,To,Date Sent,Message,Direction\nA,B,06-01-2021,,INCOMING\n");
        assert!(
            e.contains(":1:") && e.contains("\"Sent At\"") && e.contains("Date Sent"),
            "{e}"
        );
        let e = err("From,To,Sent At,Message,Direction\nA,B,06-01-2021,,INCOMING\n");
        assert!(
            e.contains(":2:") && e.contains("06-01-2021") && e.contains("Sent At"),
            "{e}"
        );
        let e = err("From,To,Sent At,Direction\nA,B,\"2/12/26, 11:44 AM\",INCOMING\n");
        assert!(e.contains("\"Message\""), "{e}");
        let e = err("From,To,Sent At,Message,Direction\nA,B,\"2/12/26, 11:44 AM\",,SIDEWAYS\n");
        assert!(
            e.contains(":2:") && e.contains("SIDEWAYS") && e.contains("INCOMING"),
            "{e}"
        );
    }

    /// Many rows in the shapes that matter: several batches, notes with quotes, line breaks
    /// and escapes, CRLF endings, a v3 header, blank lines.
    fn many_rows(n: usize) -> String {
        let mut s = String::from(
            "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n",
        );
        for i in 0..n {
            let note = match i % 7 {
                0 => "\"Hi, we met at \"\"RustConf\"\".\nSee you!\"".to_string(),
                1 => format!("Note {i} \u{1b}[31mred"),
                2 => "  ".to_string(),
                _ => String::new(),
            };
            let dir = if i % 5 == 0 { "OUTGOING" } else { "INCOMING" };
            s.push_str(&format!(
                "Person {i},Sam,\"2/{}/26, {}:{:02} PM\",{note},{dir},https://www.linkedin.com/in/p-{i},\r\n",
                1 + i % 28,
                1 + i % 12,
                i % 60
            ));
            if i % 1000 == 999 {
                s.push_str("\r\n");
            }
        }
        s
    }

    fn both(
        input: &str,
    ) -> (
        Result<Vec<Invitation>, ImportError>,
        Result<Vec<Invitation>, ImportError>,
    ) {
        let read =
            |workers| read_with_workers(input.as_bytes(), "Invitations.csv", &opts(), workers);
        (read(0), read(3))
    }

    #[test]
    fn worker_threads_give_the_sequential_result_in_file_order() {
        let input = many_rows(3 * BATCH + 17);
        let (seq, par) = both(&input);
        let seq = seq.unwrap();
        assert_eq!(seq.len(), 3 * BATCH + 17);
        assert_eq!(seq[BATCH + 1].sender.name, format!("Person {}", BATCH + 1));
        assert_eq!(par.unwrap(), seq);
    }

    #[test]
    fn worker_threads_report_the_sequential_error() {
        let good = many_rows(2 * BATCH + 5);
        let lines: Vec<&str> = good.split_inclusive('\n').collect();
        // A bad date, a bad direction, a ragged row, bad UTF-8 and an unclosed quote, early,
        // on a batch edge and near the end.
        for at in [3, BATCH, BATCH + 1, lines.len() - 2] {
            for bad in [
                "A,B,06-01-2021,,INCOMING,,\r\n",
                "A,B,\"2/12/26, 11:44 AM\",,SIDEWAYS,,\r\n",
                "A,B,\"2/12/26, 11:44 AM\",,INCOMING\r\n",
                "A,B,\"2/12/26, 11:44 AM\",\"hi there,INCOMING,,\r\n",
            ] {
                let mut input: String = lines[..at].concat();
                input.push_str(bad);
                input.push_str(&lines[at..].concat());
                let (seq, par) = both(&input);
                let Err(seq) = seq else {
                    panic!("row {at}: {bad} was accepted")
                };
                assert!(matches!(seq, ImportError::Invalid { .. }), "{seq}");
                assert_eq!(par.err(), Some(seq), "row {at}: {bad}");
            }
            let mut input = lines[..at].concat().into_bytes();
            input.extend_from_slice(b"A,B,\"2/12/26, 11:44 AM\",caf\xe9,INCOMING,,\r\n");
            input.extend_from_slice(lines[at..].concat().as_bytes());
            let read = |w| read_with_workers(&input[..], "Invitations.csv", &opts(), w);
            let Err(seq) = read(0) else {
                panic!("row {at}: bad UTF-8 was accepted")
            };
            assert!(seq.to_string().contains("UTF-8"), "{seq}");
            assert_eq!(read(2).err(), Some(seq));
        }
    }
}

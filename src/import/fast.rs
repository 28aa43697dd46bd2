//! Pure over a byte stream: the fast path of reading a chunk of Invitations.csv. Records are
//! split by simd-csv's zero-copy reader and each field is borrowed from its buffer (no copy
//! into a record, one UTF-8 check per record), for the one shape LinkedIn writes: LF line
//! ends, one line per record, quotes only around whole fields and none inside them. At the
//! first record of any other shape, or any error, the chunk is declined and the caller reads
//! it again with the csv path ([`super::table::Table`]), so what a chunk gives (rows, line
//! numbers, warnings, errors) is always what the csv path gives.

use std::cell::Cell;
use std::io::{self, Read};
use std::ops::Range;

use simd_csv::ZeroCopyReaderBuilder;

use crate::import::linkedin_csv::Rows;
use crate::import::table::{Columns, Fields, MAX_ROW_BYTES};
use crate::import::{FirstRows, ImportError};

/// The reader's buffer: large enough that a read call is rare next to the records it holds.
const BUFFER: usize = 256 * 1024;

/// How a chunk read on the fast path ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Fast {
    /// Read up to the start of chunk `ended_at` (or the end of the file, `starts.len()`),
    /// across `lines` line breaks.
    Read { ended_at: usize, lines: u64 },
    /// A record the csv path may read differently, or an error: the rows read are void.
    /// `handed` tells whether the first rows were already handed over.
    Declined { handed: bool },
}

/// Refuses to read on once a record is past [`MAX_ROW_BYTES`] (give or take the buffer): the
/// zero-copy reader would otherwise grow its buffer to hold a hostile unending record.
struct RowCap<'c, R> {
    inner: R,
    read: u64,
    record_end: &'c Cell<u64>,
}

impl<R: Read> Read for RowCap<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read.saturating_sub(self.record_end.get()) > MAX_ROW_BYTES + BUFFER as u64 {
            return Err(io::Error::other("row too long"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// One record as the fast path read it: its text and each field's range in it.
struct Record<'a> {
    text: &'a str,
    fields: &'a [Range<usize>],
    columns: &'a Columns,
    line: u64,
    file: &'a str,
}

impl Record<'_> {
    fn field(&self, idx: usize) -> &str {
        self.fields
            .get(idx)
            .and_then(|r| self.text.get(r.clone()))
            .unwrap_or("")
    }
}

impl Fields for Record<'_> {
    fn req(&self, i: usize) -> Result<&str, ImportError> {
        Ok(self.field(self.columns.required(i)))
    }

    fn opt(&self, i: usize) -> Result<&str, ImportError> {
        Ok(self.columns.optional(i).map_or("", |idx| self.field(idx)))
    }

    fn line(&self) -> u64 {
        self.line
    }

    /// Never shown: an error declines the chunk, and the csv path reads the record again and
    /// words its own error.
    fn bad_value(&mut self, required_index: usize, problem: &str) -> ImportError {
        let idx = self.columns.required(required_index);
        ImportError::invalid(
            self.file,
            Some(self.line),
            format!("column {:?} {problem}", self.columns.name(idx)),
        )
    }
}

/// How a record's fields stand in its bytes.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// Each field is `raw[range]`.
    Plain,
    /// Some quoted field has doubled quotes (`""`) to undo: [`unescape`] gives the fields.
    Escaped,
}

/// The ranges of `raw`'s fields (of lengths `fields`) with their surrounding quotes taken off,
/// in `out`, and how many line breaks the record holds; `None` when a quote stands anywhere
/// but around a whole field or doubled inside one, or a CR or LF outside a quoted field (the
/// csv path would read those in ways this path does not: keep a stray quote as text, or drop
/// a CR that ends a line).
fn field_ranges(
    raw: &[u8],
    fields: impl Iterator<Item = usize>,
    out: &mut Vec<Range<usize>>,
) -> Option<(Shape, u64)> {
    out.clear();
    let mut quoted = 0;
    let mut start = 0;
    for len in fields {
        let end = start + len;
        let field = raw.get(start..end)?;
        out.push(if field.first() == Some(&b'"') {
            if len < 2 || field.last() != Some(&b'"') {
                return None;
            }
            quoted += 1;
            start + 1..end - 1
        } else {
            start..end
        });
        // Fields are separated by one delimiter byte.
        start = end + 1;
    }
    // A line break is rare (LinkedIn flattens a note's): only inside a quoted field.
    let mut breaks = 0;
    if memchr::memchr2(b'\n', b'\r', raw).is_some() {
        for r in out.iter() {
            let is_quoted = r.start > 0 && raw[r.start - 1] == b'"';
            if !is_quoted && memchr::memchr2(b'\n', b'\r', &raw[r.clone()]).is_some() {
                return None;
            }
        }
        breaks = memchr::memchr_iter(b'\n', raw).count() as u64;
    }
    let quotes = memchr::memchr_iter(b'"', raw).count();
    if quotes == 2 * quoted {
        return Some((Shape::Plain, breaks));
    }
    // Every other quote must be doubled inside a quoted field (one whose range starts after
    // its opening quote; an unquoted field's starts after a delimiter, or at 0).
    let mut doubled = 0;
    for r in out.iter() {
        let field = &raw[r.clone()];
        let inside = memchr::memchr_iter(b'"', field).count();
        if inside == 0 {
            continue;
        }
        let is_quoted = r.start > 0 && raw[r.start - 1] == b'"';
        if !is_quoted || !in_pairs(field) {
            return None;
        }
        doubled += inside;
    }
    (quotes == 2 * quoted + doubled).then_some((Shape::Escaped, breaks))
}

/// Every quote in `s` is one of a pair of adjacent quotes.
fn in_pairs(s: &[u8]) -> bool {
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'"', &s[i..]) {
        if s.get(i + j + 1) != Some(&b'"') {
            return false;
        }
        i += j + 2;
    }
    true
}

/// The fields of `text` (ranges from [`field_ranges`]), doubled quotes made single, into
/// `scratch`, with their ranges there in `out`.
fn unescape(
    text: &str,
    ranges: &[Range<usize>],
    scratch: &mut String,
    out: &mut Vec<Range<usize>>,
) {
    scratch.clear();
    out.clear();
    for r in ranges {
        let start = scratch.len();
        let field = &text[r.clone()];
        if field.contains('"') {
            scratch.push_str(&field.replace("\"\"", "\""));
        } else {
            scratch.push_str(field);
        }
        out.push(start..scratch.len());
    }
}

/// Read records of a chunk that starts `base` bytes into the file, after `lines_before` lines,
/// into `rows`, until one ends exactly at a later chunk's start (`starts[k + 1..]`) or the file
/// ends: what [`super::chunked`]'s csv path does, on the fast path, or declined.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_until<R: Read>(
    reader: R,
    columns: &Columns,
    rows: &mut Rows,
    file: &str,
    starts: &[u64],
    k: usize,
    base: u64,
    lines_before: u64,
    mut first: Option<&mut FirstRows<'_>>,
) -> Fast {
    let record_end = Cell::new(0);
    let mut rdr = ZeroCopyReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(BUFFER)
        .from_reader(RowCap {
            inner: reader,
            read: 0,
            record_end: &record_end,
        });
    let later = &starts[k + 1..];
    let mut fields: Vec<Range<usize>> = Vec::with_capacity(columns.len());
    // A record with doubled quotes: its fields unescaped, and their ranges there.
    let (mut scratch, mut unescaped) = (String::new(), Vec::new());
    let mut lines = 0u64;
    let mut handed = false;
    // A record ended by the end of the file, not a line break: nothing may follow it.
    let mut unterminated = false;
    loop {
        let at = rdr.position();
        if let Some(j) = later.iter().position(|&s| s == base + at) {
            return Fast::Read {
                ended_at: k + 1 + j,
                lines,
            };
        }
        let raw_len = match rdr.read_byte_record() {
            Ok(Some(record)) if !unterminated => {
                let raw = record.as_slice();
                let shape = field_ranges(raw, record.iter().map(<[u8]>::len), &mut fields);
                let (Some((shape, breaks)), Ok(text)) = (shape, simdutf8::basic::from_utf8(raw))
                else {
                    return Fast::Declined { handed };
                };
                if fields.len() != columns.len() {
                    return Fast::Declined { handed };
                }
                let (text, ranges) = match shape {
                    Shape::Plain => (text, &fields),
                    Shape::Escaped => {
                        unescape(text, &fields, &mut scratch, &mut unescaped);
                        (scratch.as_str(), &unescaped)
                    }
                };
                let mut fields = Record {
                    text,
                    fields: ranges,
                    columns,
                    line: lines_before + lines + 1,
                    file,
                };
                if rows.read(&mut fields, file).is_err() {
                    return Fast::Declined { handed };
                }
                lines += breaks;
                Some(raw.len() as u64)
            }
            Ok(None) => None,
            _ => return Fast::Declined { handed },
        };
        let Some(raw_len) = raw_len else {
            // The end of the file, right after the last record (a blank line before it is
            // skipped by the reader without a trace, so it declines here).
            if rdr.position() != at {
                return Fast::Declined { handed };
            }
            return Fast::Read {
                ended_at: starts.len(),
                lines,
            };
        };
        // One line exactly: the record and its LF (or the end of the file), nothing skipped
        // before it (a BOM, a blank line) and no CR LF.
        let consumed = rdr.position() - at;
        record_end.set(rdr.position());
        if consumed == raw_len + 1 {
            lines += 1;
        } else if consumed == raw_len {
            unterminated = true;
        } else {
            return Fast::Declined { handed };
        }
        if let Some(f) = first.as_deref_mut()
            && rows.out.len() == f.rows
        {
            f.hand(file, &rows.out);
            handed = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(raw: &str, lens: &[usize]) -> Option<(Shape, Vec<Range<usize>>)> {
        let mut out = Vec::new();
        field_ranges(raw.as_bytes(), lens.iter().copied(), &mut out).map(|(s, _)| (s, out))
    }

    #[test]
    fn quotes_around_whole_fields_are_taken_off() {
        assert_eq!(
            ranges("a,\"b,c\",d", &[1, 5, 1]),
            Some((Shape::Plain, vec![0..1, 3..6, 8..9]))
        );
        assert_eq!(
            ranges(",\"\",", &[0, 2, 0]),
            Some((Shape::Plain, vec![0..0, 2..2, 4..4]))
        );
    }

    #[test]
    fn line_breaks_inside_a_quoted_field_are_counted() {
        let mut out = Vec::new();
        let raw = b"a,\"one\ntwo\r\nthree\",b";
        let got = field_ranges(raw, [1, 16, 1].into_iter(), &mut out);
        assert_eq!(got, Some((Shape::Plain, 2)));
        assert_eq!(out, [0..1, 3..17, 19..20]);
    }

    #[test]
    fn doubled_quotes_inside_a_quoted_field_are_undone() {
        let raw = "\"say \"\"hi\"\"\",x,\"\"\"\"\"\"";
        let (shape, r) = ranges(raw, &[12, 1, 6]).unwrap();
        assert_eq!(shape, Shape::Escaped);
        let (mut scratch, mut out) = (String::new(), Vec::new());
        unescape(raw, &r, &mut scratch, &mut out);
        let fields: Vec<&str> = out.iter().map(|r| &scratch[r.clone()]).collect();
        assert_eq!(fields, ["say \"hi\"", "x", "\"\""]);
    }

    /// Rows as LinkedIn writes them, read on the fast path, and the same rows the csv path
    /// reads (each record's fields, line and all).
    #[test]
    fn an_export_as_linkedin_writes_it_is_read_on_the_fast_path() {
        use crate::import::ImportOptions;
        use crate::import::linkedin_csv::SPEC;
        use crate::import::table::Table;

        let mut csv =
            String::from("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n");
        for i in 0..50 {
            let note = match i % 3 {
                0 => String::new(),
                1 => "\"Hi, we met at \"\"RustConf\"\" \u{1F44B}\"".to_string(),
                _ => "Loved your post about CSV".to_string(),
            };
            csv.push_str(&format!(
                "\"Zoë Müller, MBA\",花子 शर्मा,\"2/12/26, 11:{:02} AM\",{note},INCOMING,\
                 https://www.linkedin.com/in/z{i},https://www.linkedin.com/in/me\n",
                i % 60
            ));
        }
        let bytes = csv.as_bytes();
        let opts = ImportOptions::default();
        let t = Table::open(bytes, "Invitations.csv", &SPEC).unwrap();
        let (columns, start) = (t.columns(), t.byte_offset());
        let mut fast = Rows::new(&opts);
        let tail = &bytes[start as usize..];
        let read = read_until(tail, &columns, &mut fast, "f", &[start], 0, start, 1, None);
        assert_eq!(
            read,
            Fast::Read {
                ended_at: 1,
                lines: 50
            }
        );

        let mut t = Table::resume(tail, "f", &columns, 1);
        let mut slow = Rows::new(&opts);
        while t.next().unwrap() {
            slow.read(&mut t, "f").unwrap();
        }
        assert_eq!(fast.out, slow.out);
        assert_eq!(fast.out.at(49).source.line, 51);
        assert!(fast.out.at(1).note.unwrap().contains("\"RustConf\""));
    }

    #[test]
    fn any_other_quote_or_line_break_declines() {
        for (raw, lens) in [
            ("a\"b,c", &[3usize, 1][..]),
            ("\"a\"b\",c", &[5, 1]),
            ("\"abc\"def,b", &[8, 1]),
            ("\",b", &[1, 1]),
            ("a,b\r", &[1, 2]),
            ("a\nb,\"c\"", &[3, 3]),
            ("\"a\"\"\"b\",c", &[8, 1]),
        ] {
            assert_eq!(ranges(raw, lens), None, "{raw:?}");
        }
    }
}

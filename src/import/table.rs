//! Pure over a byte stream: the CSV plumbing every LinkedIn file shares. Columns are found by
//! name in a header line (searched for past a preamble where a file has one), records are read
//! into one reused `ByteRecord`, and every error names the file, the line and the column.

use std::io::{self, Read};

use csv::{ByteRecord, ReaderBuilder};

use crate::import::{ImportError, human_size};

/// The longest row (so the longest field) read, in bytes. A LinkedIn note is at most 300
/// characters and a message a few thousand; without a cap, one hostile quoted field (or a
/// file of NUL bytes with no line break) would be held whole in memory.
pub const MAX_ROW_BYTES: u64 = 1024 * 1024;
const READ_BUFFER: usize = 64 * 1024;

/// Counts the bytes read since the current row began and refuses to read on once a row is
/// past [`MAX_ROW_BYTES`] (give or take the reader's buffer, which reads ahead).
pub(crate) struct Capped<R> {
    inner: R,
    since_row: u64,
    passed: bool,
    /// The stream starts mid-file: its first read is of one byte, see [`csv_reader`].
    mid_file: bool,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.since_row > MAX_ROW_BYTES + READ_BUFFER as u64 {
            self.passed = true;
            return Err(io::Error::other("row too long"));
        }
        let buf = if std::mem::take(&mut self.mid_file) {
            let one = buf.len().min(1);
            &mut buf[..one]
        } else {
            buf
        };
        let n = self.inner.read(buf)?;
        self.since_row = self.since_row.saturating_add(n as u64);
        Ok(n)
    }
}

/// Read the next record, a row no longer than [`MAX_ROW_BYTES`]. `lines` is how many lines of
/// the file come before the reader's first byte (a chunk read on its own thread), added to
/// every line an error names.
fn read_row<R: Read>(
    rdr: &mut csv::Reader<Capped<R>>,
    record: &mut ByteRecord,
    file: &str,
    lines: u64,
) -> Result<bool, ImportError> {
    let start = rdr.position().line() + lines;
    rdr.get_mut().since_row = 0;
    rdr.read_byte_record(record).map_err(|e| {
        if rdr.get_ref().passed {
            ImportError::invalid(
                file,
                Some(start),
                format!(
                    "a row (or one field) longer than {}, the longest invitriage reads: no \
                     LinkedIn export has a field near this long, so this is damaged or hostile \
                     (an unclosed quote, or binary data without line breaks)",
                    human_size(MAX_ROW_BYTES)
                ),
            )
        } else {
            csv_error(file, e, lines)
        }
    })
}

/// How to recognise a file's header line.
pub(crate) struct HeaderSpec<'a> {
    /// What the file is called in messages, e.g. `Connections.csv`.
    pub kind: &'a str,
    /// Columns that must be present.
    pub required: &'a [&'a str],
    /// Columns that are used when present.
    pub optional: &'a [&'a str],
    /// Other names a column is known by, as (alias, column): a user who renamed a column in a
    /// spreadsheet is not locked out.
    pub aliases: &'a [(&'a str, &'a str)],
    /// The header line a file usually has, for messages.
    pub usual: &'a str,
    /// How many records before the header may be skipped (a `Notes:` preamble, blank lines).
    pub max_preamble: usize,
}

impl HeaderSpec<'_> {
    fn expected(&self) -> String {
        self.usual.to_string()
    }

    /// Is a header cell the column `want`, by its name or an alias?
    fn is(&self, cell: &str, want: &str) -> bool {
        same_column(cell, want)
            || self
                .aliases
                .iter()
                .any(|(alias, col)| *col == want && same_column(cell, alias))
    }

    fn known(&self, cell: &str) -> bool {
        self.required
            .iter()
            .chain(self.optional)
            .any(|c| self.is(cell, c))
    }
}

/// A CSV file being read record by record.
pub(crate) struct Table<R: Read> {
    rdr: csv::Reader<Capped<R>>,
    file: String,
    names: Vec<String>,
    /// Index in the record of each required column, in the order of `HeaderSpec::required`.
    required: Vec<usize>,
    /// Index of each optional column, in the order of `HeaderSpec::optional`.
    optional: Vec<Option<usize>>,
    record: ByteRecord,
    /// The current record's bytes as text, when the whole record is UTF-8 (checked once per
    /// record rather than once per field): each field is a slice of it. Empty otherwise, and
    /// each field read is checked on its own, so that an error names the column.
    text: String,
    line: u64,
    /// Lines of the file before the reader's first byte (see [`Table::resume`]).
    lines_before: u64,
}

/// Where a table's columns are, found in its header line: what a reader of a later chunk of
/// the same file needs (see [`Table::resume`]).
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    names: Vec<String>,
    required: Vec<usize>,
    optional: Vec<Option<usize>>,
}

/// LF is the terminator and a CR before it is dropped from the last field (see
/// [`Table::text`]): with csv's default CRLF handling a record ends at the CR, its LF is
/// counted with the next record, and every line number after the first is one too low.
///
/// csv_core takes a UTF-8 BOM at the start of what it first reads for the file's, and drops
/// it. A stream that starts `mid_file` (a chunk, at a record) has no BOM: there EF BB BF is
/// text. Its first read is of one byte, which csv_core cannot take for a BOM.
pub(crate) fn csv_reader<R: Read>(r: R, mid_file: bool) -> csv::Reader<Capped<R>> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(READ_BUFFER)
        .from_reader(Capped {
            inner: r,
            since_row: 0,
            passed: false,
            mid_file,
        })
}

/// The header cell as written, without a BOM, surrounding spaces or a stray quote.
fn header_cell(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    s.trim_start_matches('\u{feff}').trim().to_string()
}

fn same_column(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// An empty line, or a CRLF file's empty line (a lone CR).
fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && matches!(record.get(0), Some(b"" | b"\r"))
}

/// Binary data rather than text: NUL bytes, or bytes that are not UTF-8.
pub(crate) fn looks_binary(record: &ByteRecord) -> bool {
    record
        .iter()
        .any(|f| f.contains(&0) || std::str::from_utf8(f).is_err())
}

pub(crate) fn csv_error(file: &str, e: csv::Error, lines: u64) -> ImportError {
    let line = e.position().map(|p| p.line() + lines);
    let problem = match e.kind() {
        csv::ErrorKind::Io(io) => format!("could not read the file: {io}"),
        _ => format!("not valid CSV: {e}"),
    };
    ImportError::invalid(file, line, problem)
}

impl Columns {
    /// How many fields a record has.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The record index of the i-th required column.
    pub fn required(&self, i: usize) -> usize {
        self.required[i]
    }

    /// The record index of the i-th optional column, if the header has it.
    pub fn optional(&self, i: usize) -> Option<usize> {
        self.optional.get(i).copied().flatten()
    }

    /// The name of the column at record index `idx`, as the header wrote it.
    pub fn name(&self, idx: usize) -> &str {
        self.names.get(idx).map_or("?", String::as_str)
    }
}

impl<R: Read> Table<R> {
    /// Find the header line and map the columns. Fails on an empty file, binary data, a
    /// header that lacks a required column, or no header at all.
    pub fn open(reader: R, file: &str, spec: &HeaderSpec<'_>) -> Result<Self, ImportError> {
        let mut rdr = csv_reader(reader, false);
        let mut record = ByteRecord::new();
        // The line that held the most wanted columns, damaged: (line, names, found).
        let mut partial: Option<(u64, Vec<String>, Vec<Option<usize>>)> = None;
        let mut first: Option<(u64, Vec<String>)> = None;
        let mut seen = 0;
        while seen <= spec.max_preamble {
            let more = read_row(&mut rdr, &mut record, file, 0)?;
            if !more {
                break;
            }
            if is_blank(&record) {
                continue;
            }
            seen += 1;
            let line = record.position().map_or(1, |p| p.line());
            if looks_binary(&record) {
                return Err(ImportError::invalid(
                    file,
                    Some(line),
                    format!(
                        "this is binary data, not CSV text; expected {} with the header {}",
                        spec.kind,
                        spec.expected()
                    ),
                ));
            }
            let names: Vec<String> = record.iter().map(header_cell).collect();
            let find = |want: &str| names.iter().position(|n| spec.is(n, want));
            let required: Vec<Option<usize>> = spec.required.iter().map(|c| find(c)).collect();
            let found = required.iter().filter(|c| c.is_some()).count();
            if found == spec.required.len() {
                repeated_column(file, line, spec, &names)?;
                let optional = spec.optional.iter().map(|c| find(c)).collect();
                return Ok(Table {
                    rdr,
                    file: file.to_string(),
                    required: required.into_iter().flatten().collect(),
                    optional,
                    names,
                    record,
                    text: String::new(),
                    line,
                    lines_before: 0,
                });
            }
            let best = partial
                .as_ref()
                .map_or(0, |(_, _, r)| r.iter().filter(|c| c.is_some()).count());
            if found > best {
                partial = Some((line, names.clone(), required));
            }
            if first.is_none() {
                first = Some((line, names));
            }
        }
        // A line holding some of the columns is the header, damaged: say what is missing.
        if let Some((line, names, required)) = partial {
            let missing: Vec<&str> = spec
                .required
                .iter()
                .zip(&required)
                .filter(|(_, idx)| idx.is_none())
                .map(|(c, _)| *c)
                .collect();
            let unknown: Vec<&str> = names
                .iter()
                .filter(|n| !n.is_empty() && !spec.known(n))
                .map(String::as_str)
                .collect();
            let mut problem = format!(
                "{} header is missing the column{} {}",
                spec.kind,
                if missing.len() == 1 { "" } else { "s" },
                quote_list(&missing)
            );
            if !unknown.is_empty() {
                problem.push_str(&format!(" (found unknown {})", quote_list(&unknown)));
            }
            problem.push_str(&format!("; expected {}", spec.expected()));
            return Err(ImportError::invalid(file, Some(line), problem));
        }
        match first {
            None => Err(ImportError::invalid(
                file,
                Some(1),
                format!(
                    "the file is empty; expected the {} header line: {}",
                    spec.kind,
                    spec.expected()
                ),
            )),
            Some((line, names)) => Err(ImportError::invalid(
                file,
                Some(line),
                format!(
                    "unknown header {}; expected the {} header: {}",
                    shorten(&names.join(","), 120),
                    spec.kind,
                    spec.expected()
                ),
            )),
        }
    }

    /// Where this table's columns are, to read another chunk of the file with.
    pub fn columns(&self) -> Columns {
        Columns {
            names: self.names.clone(),
            required: self.required.clone(),
            optional: self.optional.clone(),
        }
    }

    /// Read records of a file whose header was read by another [`Table`]: `reader` starts at
    /// the beginning of a record (past the header), after `lines_before` lines of the file,
    /// which every line number (rows and errors) counts in.
    pub fn resume(reader: R, file: &str, columns: &Columns, lines_before: u64) -> Self {
        Table {
            rdr: csv_reader(reader, true),
            file: file.to_string(),
            names: columns.names.clone(),
            required: columns.required.clone(),
            optional: columns.optional.clone(),
            record: ByteRecord::new(),
            text: String::new(),
            line: lines_before,
            lines_before,
        }
    }

    /// Bytes read from the reader up to the end of the last record read: where the next
    /// record starts.
    pub fn byte_offset(&self) -> u64 {
        self.rdr.position().byte()
    }

    /// Lines read from the reader up to the end of the last record read (not counting
    /// [`Table::resume`]'s `lines_before`).
    pub fn lines_read(&self) -> u64 {
        self.rdr.position().line().saturating_sub(1)
    }

    /// Read the next record. Returns `false` at the end of the file.
    /// A record whose field count differs from the header's is an error.
    pub fn next(&mut self) -> Result<bool, ImportError> {
        loop {
            let more = read_row(
                &mut self.rdr,
                &mut self.record,
                &self.file,
                self.lines_before,
            )?;
            if !more {
                return Ok(false);
            }
            if !is_blank(&self.record) {
                break;
            }
        }
        self.line = self.record.position().map_or(0, |p| p.line()) + self.lines_before;
        if self.record.len() != self.names.len() {
            return Err(self.ragged());
        }
        self.text.clear();
        if let Ok(text) = std::str::from_utf8(self.record.as_slice()) {
            self.text.push_str(text);
        }
        Ok(true)
    }

    fn ragged(&mut self) -> ImportError {
        if let Some(e) = self.unclosed_quote() {
            return e;
        }
        let n = self.record.len();
        let hint = if self.record.iter().any(|f| f.contains(&b'"')) {
            " (a stray \" in this row may have merged fields)"
        } else {
            "; a field holding a comma must be quoted"
        };
        ImportError::invalid(
            &self.file,
            Some(self.line),
            format!(
                "this row has {n} field{} but the header has {}: {}{hint}",
                if n == 1 { "" } else { "s" },
                self.names.len(),
                self.names.join(",")
            ),
        )
    }

    /// A bad record with a field that spans lines: the likely cause is a quote that opens a
    /// field and is never closed, so the field swallows what follows.
    fn unclosed_quote(&mut self) -> Option<ImportError> {
        let multiline = |f: &[u8]| f.contains(&b'\n');
        if !self.record.iter().any(multiline) {
            return None;
        }
        let end = (self.rdr.position().line() + self.lines_before)
            .saturating_sub(1)
            .max(self.line);
        let problem = if self.runs_to_end_of_file() {
            "unclosed quote: a quoted field that starts on this line is never closed and runs \
             to the end of the file; every \" that opens a field needs a closing \""
                .to_string()
        } else {
            format!(
                "unclosed quote: a quoted field that starts on this line runs on to line {end} \
                 and swallows what follows; every \" that opens a field needs a closing \""
            )
        };
        Some(ImportError::invalid(&self.file, Some(self.line), problem))
    }

    /// After a bad record: was it the last one, ending in a field that spans lines? That is
    /// what an unclosed quote looks like, since a quoted field runs on to the end of the file.
    /// Only called on the error path, so the extra read costs nothing on good input.
    fn runs_to_end_of_file(&mut self) -> bool {
        let spans_lines = self
            .record
            .iter()
            .next_back()
            .is_some_and(|f| f.contains(&b'\n'));
        if !spans_lines {
            return false;
        }
        let mut peek = ByteRecord::new();
        matches!(self.rdr.read_byte_record(&mut peek), Ok(false))
    }

    /// The record's value in column `idx`, as UTF-8 text.
    pub fn text(&self, idx: usize) -> Result<&str, ImportError> {
        // A field of a record that is UTF-8 throughout is text, unless the record's valid text
        // cut a character between two fields (then the field alone is not, as found below).
        if let Some(mut text) = self.record.range(idx).and_then(|r| self.text.get(r)) {
            if idx + 1 == self.record.len() {
                text = text.strip_suffix('\r').unwrap_or(text);
            }
            return Ok(text);
        }
        let mut raw = self.record.get(idx).unwrap_or_default();
        if idx + 1 == self.record.len() {
            raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        }
        std::str::from_utf8(raw).map_err(|_| {
            ImportError::invalid(
                &self.file,
                Some(self.line),
                format!(
                    "column {:?}: not UTF-8 text; LinkedIn exports are UTF-8",
                    self.names.get(idx).map_or("?", String::as_str)
                ),
            )
        })
    }

    /// The i-th required column's value.
    pub fn req(&self, i: usize) -> Result<&str, ImportError> {
        self.text(self.required[i])
    }

    /// The i-th optional column's value, `""` when the column is absent.
    pub fn opt(&self, i: usize) -> Result<&str, ImportError> {
        match self.optional[i] {
            Some(idx) => self.text(idx),
            None => Ok(""),
        }
    }

    /// Whether the i-th optional column is in the header.
    pub fn has_optional(&self, i: usize) -> bool {
        self.optional.get(i).is_some_and(Option::is_some)
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    /// An error about the current record's value in a required column.
    pub fn bad_value(&mut self, required_index: usize, problem: &str) -> ImportError {
        let idx = self.required[required_index];
        self.bad_column(idx, problem)
    }

    fn bad_column(&mut self, idx: usize, problem: &str) -> ImportError {
        if let Some(e) = self.unclosed_quote() {
            return e;
        }
        let value = String::from_utf8_lossy(self.record.get(idx).unwrap_or_default());
        ImportError::invalid(
            &self.file,
            Some(self.line),
            format!(
                "column {:?}: {} {problem}",
                self.names.get(idx).map_or("?", String::as_str),
                shorten_debug(&value, 60)
            ),
        )
    }
}

/// One record's values by column, as an importer reads them: a [`Table`]'s current record, or
/// a record of the chunked reader's fast path (`super::fast`).
pub(crate) trait Fields {
    /// The i-th required column's value.
    fn req(&self, i: usize) -> Result<&str, ImportError>;
    /// The i-th optional column's value, `""` when the column is absent.
    fn opt(&self, i: usize) -> Result<&str, ImportError>;
    /// The record's line in its file (where it starts).
    fn line(&self) -> u64;
    /// An error about the record's value in the i-th required column.
    fn bad_value(&mut self, required_index: usize, problem: &str) -> ImportError;
}

impl<R: Read> Fields for Table<R> {
    fn req(&self, i: usize) -> Result<&str, ImportError> {
        Table::req(self, i)
    }

    fn opt(&self, i: usize) -> Result<&str, ImportError> {
        Table::opt(self, i)
    }

    fn line(&self) -> u64 {
        Table::line(self)
    }

    fn bad_value(&mut self, required_index: usize, problem: &str) -> ImportError {
        Table::bad_value(self, required_index, problem)
    }
}

/// A column read twice (by one name, or by a name and an alias) is refused: reading either
/// copy would silently drop the other's values.
fn repeated_column(
    file: &str,
    line: u64,
    spec: &HeaderSpec<'_>,
    names: &[String],
) -> Result<(), ImportError> {
    for want in spec.required.iter().chain(spec.optional) {
        let at: Vec<usize> = (0..names.len())
            .filter(|&i| spec.is(&names[i], want))
            .collect();
        if let [a, b, ..] = at.as_slice() {
            let as_written = if names[*a] == names[*b] {
                format!("{:?}", names[*a])
            } else {
                format!("{:?} (as {:?} and {:?})", want, names[*a], names[*b])
            };
            return Err(ImportError::invalid(
                file,
                Some(line),
                format!(
                    "{} header has the column {as_written} twice, columns {} and {}: remove \
                     one, so it is clear which values to read",
                    spec.kind,
                    a + 1,
                    b + 1
                ),
            ));
        }
    }
    Ok(())
}

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// A value quoted for an error message, escapes visible, cut to `max` characters.
fn shorten_debug(s: &str, max: usize) -> String {
    let short = shorten(s, max);
    format!("{short:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: HeaderSpec<'static> = HeaderSpec {
        kind: "Test.csv",
        required: &["A", "B"],
        optional: &["C"],
        aliases: &[("Alias of C", "C")],
        usual: "A,B,C",
        max_preamble: 3,
    };

    fn open(s: &str) -> Result<Table<&[u8]>, ImportError> {
        Table::open(s.as_bytes(), "t.csv", &SPEC)
    }

    #[test]
    fn finds_header_after_preamble_and_bom() {
        let mut t = open("\u{feff}Notes:\n\"something, quoted\"\n\nb,a\n2,1\n").unwrap();
        assert!(t.next().unwrap());
        assert_eq!((t.req(0).unwrap(), t.req(1).unwrap()), ("1", "2"));
        assert_eq!(t.line(), 5);
        assert_eq!(t.opt(0).unwrap(), "");
        assert!(!t.next().unwrap());
    }

    #[test]
    fn names_missing_columns_and_ragged_rows() {
        let e = open("A,X\n1,2\n").err().unwrap().to_string();
        assert!(
            e.contains("t.csv:1") && e.contains("\"B\"") && e.contains("\"X\""),
            "{e}"
        );
        let mut t = open("A,B\n1,2,3\n").unwrap();
        let e = t.next().unwrap_err().to_string();
        assert!(e.contains("t.csv:2") && e.contains("3 fields"), "{e}");
        let e = open("").err().unwrap().to_string();
        assert!(e.contains("empty"), "{e}");
        let e = open("x\ny\nz\nw\nv\n").err().unwrap().to_string();
        assert!(e.contains("unknown header"), "{e}");
    }

    #[test]
    fn a_row_past_the_cap_is_refused_with_its_line() {
        let long = format!(
            "A,B\n1,2\n3,\"{}\"\n",
            "x".repeat(MAX_ROW_BYTES as usize + 300_000)
        );
        let mut t = open(&long).unwrap();
        assert!(t.next().unwrap());
        let e = t.next().unwrap_err().to_string();
        assert!(
            e.starts_with("t.csv:3: a row (or one field) longer than 1 MiB"),
            "{e}"
        );
        // Just under the cap is read.
        let under = format!("A,B\n3,\"{}\"\n", "x".repeat(MAX_ROW_BYTES as usize - 100));
        let mut t = open(&under).unwrap();
        assert!(t.next().unwrap());
    }

    #[test]
    fn unclosed_quote_is_named() {
        let mut t = open("A,B\n1,2\n\"oops,3\n4,5\n").unwrap();
        assert!(t.next().unwrap());
        let e = t.next().unwrap_err().to_string();
        assert!(e.contains("t.csv:3") && e.contains("unclosed quote"), "{e}");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_only_in_a_column_read() {
        let bytes = |s: &'static [u8]| Table::open(s, "t.csv", &SPEC);
        // Not UTF-8 in a column nobody reads: the row reads.
        let mut t = bytes(b"A,B,X\n1,Zo\xc3\xab,\xff\n").unwrap();
        assert!(t.next().unwrap());
        assert_eq!((t.req(0).unwrap(), t.req(1).unwrap()), ("1", "Zo\u{eb}"));
        // In a column read: the error names it.
        let mut t = bytes(b"A,B\n1,\xff\n").unwrap();
        assert!(t.next().unwrap());
        assert_eq!(t.req(0).unwrap(), "1");
        let e = t.req(1).unwrap_err().to_string();
        assert!(
            e.contains("t.csv:2") && e.contains("\"B\": not UTF-8"),
            "{e}"
        );
        // A character cut in two by a comma: the record's bytes are UTF-8, each field is not.
        let mut t = bytes(b"A,B\n\xc3,\xab\n").unwrap();
        assert!(t.next().unwrap());
        let e = t.req(0).unwrap_err().to_string();
        assert!(e.contains("\"A\": not UTF-8"), "{e}");
    }

    #[test]
    fn crlf_and_quoted_commas() {
        let mut t =
            open("A,B\r\n\"x, \"\"y\"\"\",2\r\n\r\n3,\"4\"\r\n5,\"6\r\n7\"\r\n8,9").unwrap();
        assert!(t.next().unwrap());
        assert_eq!(t.req(0).unwrap(), "x, \"y\"");
        assert_eq!(t.req(1).unwrap(), "2");
        assert_eq!(t.line(), 2);
        assert!(t.next().unwrap());
        assert_eq!((t.line(), t.req(1).unwrap()), (4, "4"));
        assert!(t.next().unwrap());
        assert_eq!((t.line(), t.req(1).unwrap()), (5, "6\r\n7"));
        assert!(t.next().unwrap());
        assert_eq!((t.line(), t.req(1).unwrap()), (7, "9"));
        assert!(!t.next().unwrap());
    }
}

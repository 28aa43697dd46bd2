//! Pure over bytes, no I/O. The framing: tells a document, JSON Lines and a bare array apart,
//! checks the version, walks the invitations with their byte offsets, and turns serde errors
//! into file/line/column errors.

use super::*;

pub(super) struct Parser<'t> {
    pub(super) text: &'t [u8],
    pub(super) file: &'t str,
    pub(super) lines: LineIndex,
    /// Vet profile URLs where the pieces of a large document are parsed.
    pub(super) vet: bool,
    /// What that vetting dropped, when it ran: the invitations [`Parser::run`] returned are
    /// then vetted already.
    pub(super) dropped: Option<Vec<crate::import::DroppedUrl>>,
}

/// Files below this size are read the general way only (see [`Parser::one_pass`]).
const ONE_PASS_MIN_BYTES: usize = 1 << 20;

/// Invitations of a document per thread below which they are parsed on one thread.
const MIN_ITEMS_PER_THREAD: usize = 2048;
/// Pieces each thread's share of a document is cut into: a thread slowed by other work on the
/// machine takes fewer of them, so it holds the others up less.
const PIECES_PER_THREAD: usize = 4;

impl<'t> Parser<'t> {
    pub(super) fn run(&mut self) -> Result<Invitations, ImportError> {
        let first = skip_ws(self.text, 0);
        match self.text.get(first) {
            None => {
                return Err(ImportError::invalid(
                    self.file,
                    None,
                    format!("empty file: expected {EXPECTED_TOP}"),
                ));
            }
            Some(b'{' | b'[') => {}
            Some(&b) => {
                let (line, column) = self.lines.locate(self.text, first);
                return Err(self.error_at(
                    line,
                    column,
                    format!("expected {EXPECTED_TOP}, found {}", describe_byte(b)),
                ));
            }
        }

        // Checking UTF-8 once here is faster than serde_json checking every string, and the
        // error can say exactly where the bad byte is.
        let text = match std::str::from_utf8(self.text) {
            Ok(text) => text,
            Err(e) => {
                let at = e.valid_up_to();
                let (line, column) = self.lines.locate(self.text, at);
                return Err(self.error_at(
                    line,
                    column,
                    format!(
                        "{} is not UTF-8: expected UTF-8 text (save the file as UTF-8)",
                        describe_byte(self.text[at])
                    ),
                ));
            }
        };
        if self.text[first] == b'[' {
            // A bare array: what `invitriage list --format json` prints. Read as version 1.
            let items: Vec<&RawValue> =
                serde_json::from_str(text).map_err(|e| self.json_error(&e, None))?;
            return self.document(items);
        }

        if text.len() >= ONE_PASS_MIN_BYTES
            && let Some(out) = self.one_pass(text, first)
        {
            return Ok(out);
        }

        let mut stream =
            serde_json::Deserializer::from_str(text).into_iter::<Object<RawInvitation>>();
        let mut out = Invitations::new();
        let mut header_line = None;
        loop {
            let start = skip_ws(self.text, stream.byte_offset());
            if start >= self.text.len() {
                break;
            }
            let raw = match stream.next() {
                None => break,
                Some(Err(e)) => return Err(self.json_error(&e, None)),
                Some(Ok(Object(raw))) => raw,
            };
            let (line, column) = self.lines.locate(self.text, start);
            if raw.is_header() {
                if !out.is_empty() || header_line.is_some() {
                    return Err(self.error_at(
                        line,
                        column,
                        "a document header (`version`/`invitations`) after the first line: \
                         expected one invitation object per line",
                    ));
                }
                self.check_version(raw.version, line, column)?;
                let Some(items) = raw.invitations else {
                    // A JSON Lines file may start with a `{"version": 1}` line.
                    header_line = Some((line, column));
                    continue;
                };
                let after = skip_ws(self.text, stream.byte_offset());
                let invitations = self.document(items)?;
                if after < self.text.len() {
                    let (l, c) = self.lines.locate(self.text, after);
                    return Err(self.error_at(
                        l,
                        c,
                        format!(
                            "unexpected {} after the document: expected the end of the file",
                            describe_byte(self.text[after])
                        ),
                    ));
                }
                return Ok(invitations);
            }
            self.push(&mut out, raw, line, column)?;
        }
        if let (true, Some((line, column))) = (out.is_empty(), header_line) {
            return Err(self.error_at(
                line,
                column,
                "a `version` line but no `invitations`: expected \
                 {\"version\": 1, \"invitations\": [...]} or invitation objects on the following lines",
            ));
        }
        Ok(out)
    }

    /// The invitations of a document, each parsed from its raw slice. A large document is
    /// parsed in pieces on every core, each piece into a table of its own, and the tables are
    /// joined in file order; the error reported is the first in the file, as when one thread
    /// reads it all.
    fn document(&mut self, items: Vec<&RawValue>) -> Result<Invitations, ImportError> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(items.len() / MIN_ITEMS_PER_THREAD)
            .max(1);
        self.document_on(&items, threads)
    }

    /// [`Parser::document`] on `threads` threads.
    fn document_on(
        &mut self,
        items: &[&RawValue],
        threads: usize,
    ) -> Result<Invitations, ImportError> {
        if threads <= 1 {
            let mut out = Invitations::new();
            out.reserve(items.len(), span_len(items));
            self.items(&mut out, items)?;
            return Ok(out);
        }
        let size = items.len().div_ceil(threads * PIECES_PER_THREAD);
        let pieces: Vec<&[&RawValue]> = items.chunks(size).collect();
        let parsed = self.in_pieces(pieces.len(), threads, |parser, k| {
            let mut out = Invitations::new();
            out.reserve(pieces[k].len(), span_len(pieces[k]));
            parser.items(&mut out, pieces[k]).map(|()| out)
        });
        let mut out = Invitations::new();
        let text: usize = parsed
            .iter()
            .map(|(_, p)| p.as_ref().map_or(0, Invitations::text_len))
            .sum();
        out.reserve(items.len(), text);
        for (k, piece) in parsed {
            let piece = piece?;
            if out.append(&piece).is_err() {
                // Too much text for one table: push this piece's rows again one by one, so the
                // error names the invitation where the table became full.
                drop(piece);
                self.items(&mut out, pieces[k])?;
            }
        }
        Ok(out)
    }

    /// Run `parse` for pieces `0..count` on `threads` threads (this one included), each with
    /// a parser of its own, and give the results in piece order. The threads take pieces in
    /// order, so each one's line count only moves forward; after a piece fails, no later piece
    /// is started (none of them could be reported before it).
    fn in_pieces<T: Send, E: Send>(
        &self,
        count: usize,
        threads: usize,
        parse: impl Fn(&mut Parser<'t>, usize) -> Result<T, E> + Sync,
    ) -> Vec<(usize, Result<T, E>)> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let next = AtomicUsize::new(0);
        let (text, file) = (self.text, self.file);
        let work = || {
            let mut parser = Parser {
                text,
                file,
                lines: LineIndex::default(),
                vet: false,
                dropped: None,
            };
            let mut done = Vec::new();
            loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= count {
                    break done;
                }
                let parsed = parse(&mut parser, k);
                let failed = parsed.is_err();
                done.push((k, parsed));
                if failed {
                    next.fetch_add(count, Ordering::Relaxed);
                }
            }
        };
        let mut all: Vec<(usize, Result<T, E>)> = std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
            let mut all = work();
            for h in others {
                match h.join() {
                    Ok(done) => all.extend(done),
                    Err(e) => std::panic::resume_unwind(e),
                }
            }
            all
        });
        all.sort_unstable_by_key(|(k, _)| *k);
        all
    }

    /// A document in the form invitriage writes, `{"version": 1, "invitations": [...]}` with
    /// nothing else in it, read in one pass: each invitation is parsed where it starts, so the
    /// pass that first finds every invitation's slice is not needed. The array is cut into
    /// pieces at line breaks that look like boundaries between invitations (a comma, a line
    /// break, an opening brace), one per core or more, and each piece is checked to end exactly
    /// where the next begins. `None` for any other shape, any doubt, or any problem at all: the
    /// general path then reads the file again and reports the first problem as it always has,
    /// so what loads and every error are the same either way.
    pub(super) fn one_pass(&mut self, text: &str, first: usize) -> Option<Invitations> {
        let bytes = text.as_bytes();
        // The header, exactly.
        let mut i = first;
        for token in [
            &b"{"[..],
            b"\"version\"",
            b":",
            b"1",
            b",",
            b"\"invitations\"",
            b":",
            b"[",
        ] {
            i = skip_ws(bytes, i);
            if !bytes.get(i..)?.starts_with(token) {
                return None;
            }
            i += token.len();
        }
        let body = skip_ws(bytes, i);
        // The tail, exactly: `]`, `}`, then only spaces.
        let mut end = bytes.len();
        for closing in [b'}', b']'] {
            while end > 0 && matches!(bytes[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
                end -= 1;
            }
            if end == 0 || bytes[end - 1] != closing {
                return None;
            }
            end -= 1;
        }
        let array_end = end;
        if body >= array_end || bytes[body] != b'{' {
            return None;
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min((array_end - body) / (256 * 1024))
            .max(1);
        let starts = piece_starts(bytes, body, array_end, threads * PIECES_PER_THREAD);
        // Each piece's profile URLs are vetted where it was parsed, on its own core.
        let vet = self.vet;
        let parsed = self.in_pieces(starts.len(), threads, |parser, k| {
            let end = starts.get(k + 1).copied().unwrap_or(array_end);
            let mut piece = parser.one_pass_piece(text, starts[k], end).ok_or(())?;
            let dropped = if vet {
                Some(crate::import::vet_urls(&mut piece).map_err(|_| ())?)
            } else {
                None
            };
            Ok::<_, ()>((piece, dropped))
        });
        let mut out = Invitations::new();
        let size: usize = parsed
            .iter()
            .map(|(_, p)| p.as_ref().map_or(0, |(p, _)| p.text_len()))
            .sum();
        let rows: usize = parsed
            .iter()
            .map(|(_, p)| p.as_ref().map_or(0, |(p, _)| p.len()))
            .sum();
        out.reserve(rows, size);
        let mut dropped = vet.then(Vec::new);
        for (_, piece) in parsed {
            let (piece, d) = piece.ok()?;
            out.append(&piece).ok()?;
            if let (Some(all), Some(d)) = (dropped.as_mut(), d) {
                all.extend(d);
            }
        }
        self.dropped = dropped;
        Some(out)
    }

    /// The invitations from `start` (an opening brace) to `end`, which is either the next
    /// piece's start (the last invitation is followed by a comma, then only spaces up to it)
    /// or the array's closing bracket (the last invitation is followed only by spaces).
    fn one_pass_piece(&mut self, text: &str, start: usize, end: usize) -> Option<Invitations> {
        let bytes = text.as_bytes();
        let mut out = Invitations::new();
        out.reserve((end - start) / 256, end - start);
        let mut at = start;
        loop {
            let mut stream = serde_json::Deserializer::from_str(text.get(at..end)?)
                .into_iter::<Object<RawInvitation>>();
            let Object(raw) = stream.next()?.ok()?;
            let after = skip_ws(bytes, at + stream.byte_offset());
            let (line, column) = self.lines.locate(self.text, at);
            if raw.is_header() {
                return None;
            }
            self.push(&mut out, raw, line, column).ok()?;
            if after == end {
                // Only the array's end may follow the last invitation without a comma.
                return (bytes.get(end) == Some(&b']')).then_some(out);
            }
            if bytes.get(after) != Some(&b',') {
                return None;
            }
            at = skip_ws(bytes, after + 1);
            if at == end {
                // A comma, then the next piece (never before the array's end).
                return (bytes.get(end) == Some(&b'{')).then_some(out);
            }
        }
    }

    /// Parse `items` in order into `out`.
    fn items(&mut self, out: &mut Invitations, items: &[&RawValue]) -> Result<(), ImportError> {
        let base = self.text.as_ptr() as usize;
        for item in items {
            let json = item.get();
            let offset = (json.as_ptr() as usize).saturating_sub(base);
            let (line, column) = self.lines.locate(self.text, offset);
            let Object(raw) = serde_json::from_str::<Object<RawInvitation>>(json)
                .map_err(|e| self.json_error(&e, Some((line, column))))?;
            if raw.is_header() {
                return Err(self.error_at(
                    line,
                    column,
                    "`version`/`invitations` inside an invitation: expected an invitation object",
                ));
            }
            self.push(out, raw, line, column)?;
        }
        Ok(())
    }

    /// Sanitise one parsed invitation object and add it to the table: text that sanitising
    /// does not change is borrowed from the input and copied once, into the table.
    fn push(
        &self,
        out: &mut Invitations,
        raw: RawInvitation<'_>,
        line: u64,
        column: u64,
    ) -> Result<(), ImportError> {
        let direction = raw.direction.map_or(Direction::Incoming, |d| d.0);
        let kind = raw.kind.map_or(InvitationType::Connection, |t| t.0);
        let Some(SentAt(sent_at)) = raw.sent_at else {
            return Err(self.error_at(
                line,
                column,
                "invitation without `sent_at`: expected `sent_at` as RFC 3339 text or epoch milliseconds",
            ));
        };
        let from = raw.from.map(PersonField::into_person).unwrap_or_default();
        let to = raw.to.map(PersonField::into_person).unwrap_or_default();
        let (counterpart, key) = match direction {
            Direction::Incoming => (&from, "from"),
            Direction::Outgoing => (&to, "to"),
        };
        if !counterpart.has_name() {
            return Err(self.error_at(
                line,
                column,
                format!(
                    "{} invitation without a name for `{key}`: expected `{key}` as a name, \
                     or an object with `{key}.name` or `{key}.first_name`/`{key}.last_name`",
                    direction.as_str()
                ),
            ));
        }

        // The raw note as given; the note is the same text unless sanitising changed it.
        let raw_note = raw.message.filter(|m| !m.is_empty());
        let changed_note = raw_note.as_deref().and_then(|m| match clean(m) {
            Cow::Borrowed(_) => None,
            Cow::Owned(s) => Some(s),
        });
        let from = from.into_model(raw.from_profile_url);
        let to = to.into_model(raw.to_profile_url);
        let relationship = Relationship {
            connected: raw.pending == Some(false),
            ..Relationship::default()
        };
        let inv = Invitation {
            direction,
            kind,
            sender: Sender {
                name: &from.name,
                profile_url: from.profile_url.as_deref(),
                profile_urn: from.urn.as_deref(),
                headline: from.headline.as_deref(),
                company: from.company.as_deref(),
                position: from.position.as_deref(),
                location: from.location.as_deref(),
                mutual_connections: from.mutual_connections,
                about: from.about.as_deref(),
            },
            recipient: Recipient {
                name: &to.name,
                profile_url: to.profile_url.as_deref(),
                profile_urn: to.urn.as_deref(),
            },
            sent_at,
            note: changed_note.as_deref().or(raw_note.as_deref()),
            raw_note: raw_note.as_deref(),
            source: Source {
                file: self.file,
                line,
            },
            relationship: &relationship,
        };
        out.push(&inv)
            .map_err(|e| self.error_at(line, column, format!("{e}; split the file")))
    }

    fn check_version(
        &self,
        version: Option<Version>,
        line: u64,
        column: u64,
    ) -> Result<(), ImportError> {
        match version {
            Some(Version(VERSION)) => Ok(()),
            Some(Version(v)) => Err(self.error_at(
                line,
                column,
                format!(
                    "unsupported invitriage JSON version {v}: this build reads version {VERSION}"
                ),
            )),
            None => Err(self.error_at(
                line,
                column,
                format!(
                    "a document without `version`: expected {{\"version\": {VERSION}, \"invitations\": [...]}}"
                ),
            )),
        }
    }

    fn error_at(&self, line: u64, column: u64, problem: impl Into<String>) -> ImportError {
        ImportError::Invalid {
            file: self.file.to_string(),
            line: Some(line),
            column: Some(column),
            problem: problem.into(),
        }
    }

    /// A serde_json error as an import error. `base` is the file position of the slice the
    /// error's own position is relative to (an invitation inside a document).
    fn json_error(&self, e: &serde_json::Error, base: Option<(u64, u64)>) -> ImportError {
        let (l, c) = (e.line() as u64, e.column() as u64);
        let message = e.to_string();
        let message = message
            .strip_suffix(&format!(" at line {l} column {c}"))
            .unwrap_or(&message);
        let problem = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                format!("broken JSON: {message}")
            }
            _ => message.to_string(),
        };
        if l == 0 {
            return ImportError::Invalid {
                file: self.file.to_string(),
                line: base.map(|b| b.0),
                column: base.map(|b| b.1),
                problem,
            };
        }
        let (line, column) = match base {
            None => (l, c),
            Some((bl, bc)) if l == 1 => (bl, bc + c.saturating_sub(1)),
            Some((bl, _)) => (bl + l - 1, c),
        };
        self.error_at(line, column, problem)
    }
}

/// Line and column of byte offsets, counted incrementally (offsets mostly grow).
#[derive(Default)]
pub(super) struct LineIndex {
    /// Offset counted up to.
    pos: usize,
    /// 1-based line number at `pos`, minus one.
    newlines: u64,
    /// Offset where the line containing `pos` starts.
    line_start: usize,
}

impl LineIndex {
    /// 1-based line and column (in bytes, as serde_json counts) of `offset`.
    pub(super) fn locate(&mut self, text: &[u8], offset: usize) -> (u64, u64) {
        let offset = offset.min(text.len());
        if offset < self.pos {
            *self = LineIndex::default();
        }
        // Two simple passes the compiler vectorises, rather than one branchy loop.
        let span = &text[self.pos..offset];
        let newlines = count_newlines(span);
        if newlines > 0 {
            self.newlines += newlines as u64;
            self.line_start = self.pos + span.iter().rposition(|&b| b == b'\n').unwrap_or(0) + 1;
        }
        self.pos = offset;
        (self.newlines + 1, (offset - self.line_start) as u64 + 1)
    }
}

/// Where the pieces of an array's body `body..end` start, for [`Parser::one_pass`]: `body`,
/// then up to `pieces - 1` places near even cuts that look like the start of an element: an
/// opening brace that begins a line (after spaces), on a line after one that ends with a comma.
/// A guess: [`Parser::one_pass_piece`] checks each piece ends where the next starts.
fn piece_starts(bytes: &[u8], body: usize, end: usize, pieces: usize) -> Vec<usize> {
    let mut starts = vec![body];
    let len = end - body;
    for k in 1..pieces {
        let mut at = (body + len / pieces * k).max(starts[starts.len() - 1] + 1);
        while let Some(nl) = bytes
            .get(at..end)
            .and_then(|b| b.iter().position(|&c| c == b'\n'))
        {
            let newline = at + nl;
            let next = skip_ws(bytes, newline + 1);
            let before = bytes[..newline]
                .iter()
                .rposition(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
            if next < end
                && bytes[next] == b'{'
                && before.is_some_and(|b| b > body && bytes[b] == b',')
            {
                starts.push(next);
                break;
            }
            at = newline + 1;
        }
    }
    starts
}

/// The bytes from the start of the first item to the end of the last: more than the text the
/// items hold once parsed, unless sanitising changed much of it (the table grows then).
fn span_len(items: &[&RawValue]) -> usize {
    match (items.first(), items.last()) {
        (Some(a), Some(b)) => {
            (b.get().as_ptr() as usize + b.get().len()).saturating_sub(a.get().as_ptr() as usize)
        }
        _ => 0,
    }
}

/// How many `\n` bytes `bytes` holds. Counted in blocks of at most 255 bytes in a byte-sized
/// counter, which the compiler turns into wide compares and adds (a `usize` counter per byte
/// was a seventh of the parse).
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')))
        })
        .map(usize::from)
        .sum()
}

fn skip_ws(text: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = text.get(i) {
        i += 1;
    }
    i
}

/// A byte as a user can recognise it in an error message.
fn describe_byte(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02X}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{err, ok, parse_str};
    use super::*;

    #[test]
    fn broken_json_names_line_and_column() {
        let (line, column, problem) =
            err("{\"version\": 1,\n \"invitations\": [\n  {\"from\": \"Ana\",, }\n]}");
        assert_eq!((line, column), (Some(3), Some(18)));
        assert!(problem.starts_with("broken JSON"), "{problem}");

        let (line, _, problem) =
            err("{\"from\": \"Ana\", \"sent_at\": 1795194840000}\n{\"from\": \"Ben\"\n");
        assert_eq!(line, Some(3));
        assert!(problem.contains("EOF"), "{problem}");

        let (line, column, problem) = err(
            "{\"from\": \"Ana\", \"sent_at\": 1795194840000}\n{\"from\": \"Ben\" \"sent_at\": 1}\n",
        );
        assert_eq!((line, column), (Some(2), Some(16)));
        assert!(problem.contains("expected `,` or `}`"), "{problem}");
    }

    #[test]
    fn error_display_has_file_line_and_column() {
        let e = parse_str("{\"from\": \"Ana\",\n  \"sent_at\": true}").unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("in.json:2:"), "{text}");
        assert!(
            text.contains("expected `sent_at` as RFC 3339 text"),
            "{text}"
        );
    }

    #[test]
    fn errors_inside_a_document_point_into_the_file() {
        let s = "{\"version\": 1, \"invitations\": [\n  {\"from\": \"Ana\", \"sent_at\": 1795194840000},\n  {\"from\": \"Ben\", \"sent_at\": \"yesterday\"}\n]}";
        let (line, column, problem) = err(s);
        assert_eq!(line, Some(3));
        // Column within the file's line, at the end of the bad value, as serde_json counts.
        assert_eq!(column, Some(40));
        assert!(problem.contains("\"yesterday\" is not a time"), "{problem}");

        let s = "{\"version\": 1, \"invitations\": [\n  {\"from\": \"Ana\"}\n]}";
        let (line, column, problem) = err(s);
        assert_eq!((line, column), (Some(2), Some(3)));
        assert!(problem.contains("without `sent_at`"), "{problem}");
        assert!(
            problem.contains("RFC 3339 text or epoch milliseconds"),
            "{problem}"
        );
    }

    #[test]
    fn document_shape_mistakes_are_explained() {
        let (_, _, problem) = err("{\"version\": 2, \"invitations\": []}");
        assert_eq!(
            problem,
            "unsupported invitriage JSON version 2: this build reads version 1"
        );
        let (_, _, problem) = err("{\"invitations\": []}");
        assert!(problem.contains("without `version`"), "{problem}");
        let (_, _, problem) = err("{\"version\": \"1\", \"invitations\": []}");
        assert!(problem.contains("`version` as a number"), "{problem}");
        let (_, _, problem) = err("{\"version\": 1}");
        assert!(problem.contains("no `invitations`"), "{problem}");
        let (line, column, problem) = err("{\"version\": 1, \"invitations\": []}\n\n  {}");
        assert_eq!((line, column), (Some(3), Some(3)));
        assert!(problem.contains("after the document"), "{problem}");
        let (line, _, problem) = err(
            "{\"from\": \"Ana\", \"sent_at\": 1795194840000}\n{\"version\": 1, \"invitations\": []}",
        );
        assert_eq!(line, Some(2));
        assert!(
            problem.contains("one invitation object per line"),
            "{problem}"
        );
        let (line, column, problem) = err("{\"version\": 1, \"invitations\": [\n 7]}");
        assert_eq!((line, column), (Some(2), Some(2)));
        assert!(
            problem.contains("expected an invitation object"),
            "{problem}"
        );
        let (_, _, problem) = err("{\"version\": 1, \"invitations\": {}}");
        assert!(problem.contains("expected a sequence"), "{problem}");
    }

    #[test]
    fn wrong_files_are_rejected_at_the_first_byte() {
        let (line, _, problem) = err("");
        assert_eq!(line, None);
        assert!(problem.starts_with("empty file"), "{problem}");
        let (line, _, problem) = err("  \n\t\n");
        assert_eq!(line, None);
        assert!(problem.starts_with("empty file"), "{problem}");
        let (line, column, problem) = err("\n  \"Ana\"");
        assert_eq!((line, column), (Some(2), Some(3)));
        assert!(problem.contains("found `\"`"), "{problem}");
        let (_, _, problem) = err("From,To,Sent At,Message,Direction\n");
        assert!(problem.contains("found `F`"), "{problem}");
        match parse(
            b"\x89PNG\r\n\x1a\n\0\0",
            "x.json",
            &ImportOptions::default(),
        ) {
            Err(ImportError::Invalid { problem, line, .. }) => {
                assert_eq!(line, Some(1));
                assert!(problem.contains("byte 0x89"), "{problem}");
            }
            other => panic!("{other:?}"),
        }
        // Invalid UTF-8 inside a string.
        let bytes = b"{\"from\": \"A\",\n \"to\": \"B\xff\", \"sent_at\": 1795194840000}";
        match parse(bytes, "x.json", &ImportOptions::default()) {
            Err(ImportError::Invalid {
                problem,
                line,
                column,
                ..
            }) => {
                assert_eq!((line, column), (Some(2), Some(10)));
                assert!(problem.contains("byte 0xFF is not UTF-8"), "{problem}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_never_crashes() {
        let deep = format!(
            "{{\"from\": \"Ana\", \"sent_at\": 1795194840000, \"extra\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        // serde_json skips an ignored value without recursing.
        assert_eq!(ok(&deep).len(), 1);
        let deep_doc = format!("{{\"version\": 1, \"invitations\": {}", "[".repeat(100_000));
        assert!(parse_str(&deep_doc).is_err());
        let closed = format!(
            "{{\"version\": 1, \"invitations\": [{}{}]}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (_, _, problem) = err(&closed);
        assert!(
            problem.contains("expected an invitation object"),
            "{problem}"
        );
        let nested_person = format!(
            "{{\"from\": {{\"name\": \"Ana\", \"x\": {}{}}}, \"sent_at\": 1795194840000}}",
            "{\"a\":".repeat(50_000),
            "1".to_string() + &"}".repeat(50_000)
        );
        assert_eq!(ok(&nested_person).len(), 1);
        let deep_array = "[".repeat(100_000);
        assert!(parse_str(&deep_array).is_err());
    }

    /// `n` invitations as JSON objects, one per line: names and notes that sanitising changes
    /// or leaves alone, escapes, profile fields on some, a connection now and then.
    fn many(n: usize) -> Vec<String> {
        (0..n)
            .map(|k| {
                let note = match k % 5 {
                    0 => serde_json::Value::Null,
                    1 => format!("Hi, note {k}").into(),
                    2 => format!("Click \u{1b}]52;c;ZXZpbA==\u{7}here {k}").into(),
                    3 => format!("  spaced\nnote {k}  ").into(),
                    _ => "".into(),
                };
                let from = if k % 7 == 0 {
                    serde_json::json!({"first_name": format!("Ana{k}"), "last_name": "Alvarez\u{202e}",
                        "headline": "Engineer", "mutual_connections": k % 50,
                        "public_identifier": format!("ana-{k}")})
                } else {
                    serde_json::json!({"name": format!("Sender {k}"),
                        "profile_url": format!("https://www.linkedin.com/in/s-{k}")})
                };
                serde_json::json!({"from": from, "to": {"name": "Maya Okafor"},
                    "sent_at": 1_795_194_840_000u64 - k as u64 * 1000, "message": note,
                    "pending": k % 11 != 0})
                .to_string()
            })
            .collect()
    }

    /// A document parsed in pieces on several threads gives what one thread gives, and what
    /// the same objects as JSON Lines give (read one by one), lines included.
    #[test]
    fn a_document_parsed_in_pieces_is_the_same() {
        let items = many(5000);
        let doc = format!(
            "{{\"version\": 1, \"invitations\": [\n{}\n]}}",
            items.join(",\n")
        );
        let raw: Vec<&RawValue> = {
            #[derive(serde::Deserialize)]
            struct Doc<'a> {
                #[serde(borrow)]
                invitations: Vec<&'a RawValue>,
            }
            serde_json::from_str::<Doc>(&doc).unwrap().invitations
        };
        let parser = || Parser {
            text: doc.as_bytes(),
            file: "in.json",
            lines: LineIndex::default(),
            vet: false,
            dropped: None,
        };
        let one = parser().document_on(&raw, 1).unwrap();
        assert_eq!(one.len(), 5000);
        for threads in [2, 3, 8] {
            assert_eq!(
                parser().document_on(&raw, threads).unwrap(),
                one,
                "{threads}"
            );
        }
        let lines = parse_str(&items.join("\n")).unwrap();
        let from_doc = ok(&doc);
        assert_eq!(from_doc, one.to_records());
        for (k, (a, b)) in lines.iter().zip(&from_doc).enumerate() {
            assert_eq!(a.source.line + 1, b.source.line, "{k}");
            let (mut a, mut b) = (a.clone(), b.clone());
            a.source = b.source.clone();
            b.relationship = a.relationship.clone();
            assert_eq!(a, b, "{k}");
        }
        assert!(
            from_doc[2]
                .note
                .as_deref()
                .unwrap()
                .starts_with("Click here")
        );
        assert_eq!(from_doc[7].sender.name, "Ana7 Alvarez");
        assert!(!from_doc[11].is_pending());
    }

    /// The one-pass reading of a document in the form invitriage writes gives what the general
    /// path gives, compact or pretty-printed; with elements that hold arrays of objects on lines
    /// of their own (so some guessed boundaries are wrong), and with any other shape, it either
    /// gives the same or declines.
    /// A large document's profile URLs, vetted piece by piece as the pieces are parsed, come
    /// out as vetting the whole table after: the same rows, URLs and warnings, in file order.
    #[test]
    fn urls_vetted_in_pieces_are_vetted_as_a_whole() {
        let mut items = many(6000);
        for k in [3, 2_999, 5_998] {
            items[k] = serde_json::json!({"from": {"name": format!("Mallory {k}"),
                "profile_url": format!("http://evil.example/in/m-{k}")},
                "to": {"name": "Maya Okafor"}, "sent_at": 1_795_194_840_000u64,
                "message": "hi"})
            .to_string();
        }
        let doc = format!(
            "{{\"version\":1,\"invitations\":[\n{}\n]}}\n",
            items.join(",\n")
        );
        assert!(doc.len() >= ONE_PASS_MIN_BYTES);
        let opts = ImportOptions::default();
        let (vetted, warnings) =
            super::super::parse_vetted(doc.as_bytes(), "in.json", &opts).unwrap();
        let mut whole = super::super::parse(doc.as_bytes(), "in.json", &opts).unwrap();
        let mut expected = Vec::new();
        crate::import::vet_profile_urls(&mut whole, &mut expected).unwrap();
        // The pieces were vetted where they were parsed (not the whole table after).
        let mut p = super::super::parser(doc.as_bytes(), "in.json", &opts, true);
        p.run().unwrap();
        assert_eq!(p.dropped.map(|d| d.len()), Some(3));
        assert_eq!(warnings.len(), 3);
        assert_eq!(warnings, expected);
        assert!(warnings[0].contains("Mallory 3"), "{}", warnings[0]);
        assert_eq!(vetted.len(), whole.len());
        for i in 0..whole.len() {
            assert_eq!(
                vetted.at(i).sender.profile_url,
                whole.at(i).sender.profile_url
            );
            assert_eq!(
                vetted.at(i).recipient.profile_url,
                whole.at(i).recipient.profile_url
            );
        }
    }

    #[test]
    fn one_pass_reads_what_the_general_path_reads() {
        let general = |doc: &str| {
            let raw: Vec<&RawValue> = {
                #[derive(serde::Deserialize)]
                struct Doc<'a> {
                    #[serde(borrow)]
                    invitations: Vec<&'a RawValue>,
                }
                serde_json::from_str::<Doc>(doc).unwrap().invitations
            };
            let mut p = Parser {
                text: doc.as_bytes(),
                file: "in.json",
                lines: LineIndex::default(),
                vet: false,
                dropped: None,
            };
            p.document_on(&raw, 1).unwrap()
        };
        let one_pass = |doc: &str| {
            let mut p = Parser {
                text: doc.as_bytes(),
                file: "in.json",
                lines: LineIndex::default(),
                vet: false,
                dropped: None,
            };
            p.one_pass(doc, 0)
        };
        let items = many(6000);
        let compact = format!(
            "{{\"version\":1,\"invitations\":[\n{}\n]}}\n",
            items.join(",\n")
        );
        assert!(compact.len() >= ONE_PASS_MIN_BYTES);
        let pretty: Vec<String> = items
            .iter()
            .map(|i| {
                let v: serde_json::Value = serde_json::from_str(i).unwrap();
                serde_json::to_string_pretty(&v).unwrap()
            })
            .collect();
        let pretty = format!(
            "{{\n  \"version\": 1,\n  \"invitations\": [\n{}\n  ]\n}}\n",
            pretty.join(",\n")
        );
        // (Tables are compared with `==`: their `Debug` is every row.)
        for doc in [&compact, &pretty] {
            let want = general(doc);
            assert_eq!(want.len(), 6000);
            assert!(one_pass(doc) == Some(want.clone()));
            assert!(parse(doc.as_bytes(), "in.json", &ImportOptions::default()).unwrap() == want);
        }
        // Arrays of objects on lines of their own inside every invitation: boundaries guessed
        // inside them must not change what loads.
        let nested: Vec<String> = items
            .iter()
            .map(|i| {
                format!(
                    "{},\n\"extra\": [\n{{\"a\": 1}},\n{{\"b\": [\n{{\"c\": 2}}]}}\n]}}",
                    i.strip_suffix('}').unwrap()
                )
            })
            .collect();
        let doc = format!(
            "{{\"version\": 1, \"invitations\": [\n{}\n]}}",
            nested.join(",\n")
        );
        let want = general(&doc);
        let got = one_pass(&doc);
        assert!(got.is_none() || got == Some(want.clone()));
        assert!(parse(doc.as_bytes(), "in.json", &ImportOptions::default()).unwrap() == want);
        // Other shapes are left to the general path.
        let body = items.join(",\n");
        for doc in [
            format!("{{\"invitations\": [{body}], \"version\": 1}}"),
            format!("{{\"version\": 1, \"invitations\": [{body}], \"more\": 2}}"),
            format!("{{\"version\": 1.0, \"invitations\": [{body}]}}"),
            format!("{{\"version\": 1, \"invitations\": [{body},\n]}}"),
            format!("{{\"version\": 1, \"invitations\": [{body}]}} x"),
            format!("{{\"version\": 1, \"invitations\": [{body},\n{{\"version\": 1}}]}}"),
        ] {
            assert!(one_pass(&doc).is_none(), "{}", &doc[doc.len() - 40..]);
        }
    }

    /// With mistakes in several pieces, the first in the file is reported, at its line, however
    /// many threads read the pieces.
    #[test]
    fn the_first_mistake_in_the_file_is_reported() {
        let mut items = many(5000);
        items[4200] = r#"{"from": "Late", "sent_at": "yesterday"}"#.to_string();
        items[3100] = r#"{"from": "Early"}"#.to_string();
        items[4900] = r#"{"version": 1, "invitations": []}"#.to_string();
        let doc = format!(
            "{{\"version\": 1, \"invitations\": [\n{}\n]}}",
            items.join(",\n")
        );
        let (line, column, problem) = err(&doc);
        assert_eq!((line, column), (Some(3102), Some(1)));
        assert!(problem.contains("without `sent_at`"), "{problem}");
        items[3100] = r#"{"from": "Fine", "sent_at": 1795194840000}"#.to_string();
        let doc = format!(
            "{{\"version\": 1, \"invitations\": [\n{}\n]}}",
            items.join(",\n")
        );
        let (line, _, problem) = err(&doc);
        assert_eq!(line, Some(4202));
        assert!(problem.contains("\"yesterday\" is not a time"), "{problem}");
    }

    #[test]
    fn newlines_are_counted_in_blocks_of_any_length() {
        for len in [0usize, 1, 254, 255, 256, 1000] {
            let text: Vec<u8> = (0..len)
                .map(|i| if i % 3 == 0 { b'\n' } else { b'x' })
                .collect();
            assert_eq!(count_newlines(&text), len.div_ceil(3), "{len}");
        }
        assert_eq!(count_newlines(&[b'\n'; 600]), 600);
    }

    #[test]
    fn columns_match_the_line_index() {
        let mut idx = LineIndex::default();
        let text = b"ab\ncd\n\nef";
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 4), (2, 2));
        assert_eq!(idx.locate(text, 7), (4, 1));
        // Going back restarts the count.
        assert_eq!(idx.locate(text, 1), (1, 2));
        assert_eq!(idx.locate(text, 100), (4, 3));
    }
}

//! Pure over bytes, no I/O. The framing: tells a document, JSON Lines and a bare array apart,
//! checks the version, walks the invitations with their byte offsets, and turns serde errors
//! into file/line/column errors.

use super::*;

pub(super) struct Parser<'t> {
    pub(super) text: &'t [u8],
    pub(super) file: &'t str,
    pub(super) file_arc: Arc<str>,
    pub(super) lines: LineIndex,
}

impl<'t> Parser<'t> {
    pub(super) fn run(mut self) -> Result<Invitations, ImportError> {
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

    /// The invitations of a document, each parsed from its raw slice.
    fn document(&mut self, items: Vec<&RawValue>) -> Result<Invitations, ImportError> {
        let base = self.text.as_ptr() as usize;
        let mut out = Invitations::with_capacity(items.len());
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
            self.push(&mut out, raw, line, column)?;
        }
        Ok(out)
    }

    /// Build one invitation and add it to the table.
    fn push(
        &self,
        out: &mut Invitations,
        raw: RawInvitation<'_>,
        line: u64,
        column: u64,
    ) -> Result<(), ImportError> {
        let inv = self.build(raw, line, column)?;
        out.push(&inv.view())
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

    /// Turn one parsed invitation object into the model, sanitising every text field.
    fn build(
        &self,
        raw: RawInvitation<'_>,
        line: u64,
        column: u64,
    ) -> Result<InvitationRecord, ImportError> {
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

        let (note, raw_note) = match raw.message {
            Some(m) if !m.is_empty() => {
                let raw_note = m.to_string();
                let note = match clean(&m) {
                    Cow::Borrowed(_) => raw_note.clone(),
                    Cow::Owned(s) => s,
                };
                (Some(note), Some(raw_note))
            }
            _ => (None, None),
        };

        let from_url = raw.from_profile_url;
        let to_url = raw.to_profile_url;
        let from = from.into_model(from_url);
        let to = to.into_model(to_url);
        Ok(InvitationRecord {
            direction,
            kind,
            sender: SenderRecord {
                name: from.name,
                profile_url: from.profile_url,
                profile_urn: from.urn,
                headline: from.headline,
                company: from.company,
                position: from.position,
                location: from.location,
                mutual_connections: from.mutual_connections,
                about: from.about,
            },
            recipient: RecipientRecord {
                name: to.name,
                profile_url: to.profile_url,
                profile_urn: to.urn,
            },
            sent_at,
            note,
            raw_note,
            source: SourceLoc {
                file: Arc::clone(&self.file_arc),
                line,
            },
            relationship: Relationship {
                connected: raw.pending == Some(false),
                ..Relationship::default()
            },
        })
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
        let newlines = span.iter().filter(|&&b| b == b'\n').count();
        if newlines > 0 {
            self.newlines += newlines as u64;
            self.line_start = self.pos + span.iter().rposition(|&b| b == b'\n').unwrap_or(0) + 1;
        }
        self.pos = offset;
        (self.newlines + 1, (offset - self.line_start) as u64 + 1)
    }
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

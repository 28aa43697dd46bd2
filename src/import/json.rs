//! invitriage's own JSON format (docs/FORMATS.md): a versioned document or JSON Lines of
//! invitation objects (also a bare array of them, which `list --format json` prints). Pure
//! over bytes.
//!
//! The input is deserialised into borrowed structs (strings without escapes are not copied
//! until they are sanitised into the model), never into `serde_json::Value`. A document's
//! `invitations` are first taken as raw slices, so the version can be checked before any
//! invitation is read and each invitation's line is known from its byte offset.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::import::{ImportError, ImportOptions};
use crate::model::{
    Direction, Invitation, InvitationType, Recipient, Relationship, Sender, SourceLoc,
};
use crate::sanitize::clean;

/// The format version this build reads and documents.
pub const VERSION: u64 = 1;

/// Epoch-millisecond values below this (1973-03-03) are almost certainly epoch seconds.
const MIN_EPOCH_MS: i64 = 100_000_000_000;

const EXPECTED_TOP: &str = "invitriage JSON: a document {\"version\": 1, \"invitations\": [...]}, \
     JSON Lines of invitation objects, or an array of them";

/// Parse a JSON document `{"version": 1, "invitations": [...]}`, JSON Lines of invitation
/// objects (optionally after a `{"version": 1}` line), or a bare array of invitation objects.
/// `file` names the input in errors and in each invitation's [`SourceLoc`].
pub fn parse(
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
) -> Result<Vec<Invitation>, ImportError> {
    // JSON times carry their own offset (RFC 3339) or are UTC (epoch ms): `--tz` does not apply.
    let _ = opts;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Parser {
        text,
        file,
        file_arc: Arc::from(file),
        lines: LineIndex::default(),
    }
    .run()
}

struct Parser<'t> {
    text: &'t [u8],
    file: &'t str,
    file_arc: Arc<str>,
    lines: LineIndex,
}

impl<'t> Parser<'t> {
    fn run(mut self) -> Result<Vec<Invitation>, ImportError> {
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
        let mut out = Vec::new();
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
            out.push(self.build(raw, line, column)?);
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
    fn document(&mut self, items: Vec<&RawValue>) -> Result<Vec<Invitation>, ImportError> {
        let base = self.text.as_ptr() as usize;
        let mut out = Vec::with_capacity(items.len());
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
            out.push(self.build(raw, line, column)?);
        }
        Ok(out)
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
    ) -> Result<Invitation, ImportError> {
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
        Ok(Invitation {
            direction,
            kind,
            sender: Sender {
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
            recipient: Recipient {
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
struct LineIndex {
    /// Offset counted up to.
    pos: usize,
    /// 1-based line number at `pos`, minus one.
    newlines: u64,
    /// Offset where the line containing `pos` starts.
    line_start: usize,
}

impl LineIndex {
    /// 1-based line and column (in bytes, as serde_json counts) of `offset`.
    fn locate(&mut self, text: &[u8], offset: usize) -> (u64, u64) {
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

// ---------------------------------------------------------------------------------------------
// The borrowed shape of the input
// ---------------------------------------------------------------------------------------------

/// One top-level value or one element of `invitations`. `version` and `invitations` only
/// belong to a document (or a JSON Lines header line); the rest is one invitation. Unknown
/// fields are ignored, so data from other tools can carry extra keys.
#[derive(Deserialize)]
struct RawInvitation<'a> {
    #[serde(default)]
    version: Option<Version>,
    #[serde(default, borrow)]
    invitations: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    direction: Option<DirectionField>,
    #[serde(
        default,
        rename = "type",
        alias = "invitation_type",
        alias = "invitationType"
    )]
    kind: Option<TypeField>,
    #[serde(default, borrow)]
    from: Option<PersonField<'a>>,
    #[serde(default, borrow)]
    to: Option<PersonField<'a>>,
    /// From `list --format json|jsonl`, where `from` is a plain name.
    #[serde(default, borrow)]
    from_profile_url: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    to_profile_url: Option<Cow<'a, str>>,
    #[serde(default, alias = "sentTime", alias = "sent_time", alias = "sentAt")]
    sent_at: Option<SentAt>,
    #[serde(default, borrow, alias = "note")]
    message: Option<Cow<'a, str>>,
    /// `false`: the other party is already a connection (as `list` prints it). There is no
    /// Connections.csv beside a JSON file, so this is the only way to say so.
    #[serde(default)]
    pending: Option<bool>,
}

impl RawInvitation<'_> {
    /// A document, or a JSON Lines `{"version": 1}` line. An invitation that merely carries
    /// a `version` key among its own fields (some tools add one) is not a header.
    fn is_header(&self) -> bool {
        self.invitations.is_some()
            || (self.version.is_some()
                && self.from.is_none()
                && self.to.is_none()
                && self.sent_at.is_none()
                && self.message.is_none())
    }
}

/// A person object: the sender or the recipient.
#[derive(Deserialize, Default)]
struct RawPerson<'a> {
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "firstName")]
    first_name: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "lastName")]
    last_name: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "occupation")]
    headline: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    company: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "title")]
    position: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    location: Option<Cow<'a, str>>,
    #[serde(
        default,
        alias = "shared_connections",
        alias = "mutualConnections",
        alias = "sharedConnections"
    )]
    mutual_connections: Option<Count>,
    #[serde(default, borrow, alias = "summary")]
    about: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "profileUrl")]
    profile_url: Option<Cow<'a, str>>,
    #[serde(default, borrow, alias = "publicIdentifier")]
    public_identifier: Option<Cow<'a, str>>,
    #[serde(
        default,
        borrow,
        alias = "profile_urn",
        alias = "profileUrn",
        alias = "entityUrn",
        alias = "entity_urn"
    )]
    urn: Option<Cow<'a, str>>,
}

/// `"from": "Ana Alvarez"` or `"from": {"name": "Ana Alvarez", ...}`.
struct PersonField<'a>(RawPerson<'a>);

impl<'a> PersonField<'a> {
    fn into_person(self) -> RawPerson<'a> {
        self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for PersonField<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = PersonField<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a person: a name, or an object with `name`, `profile_url`, ...")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(named(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(named(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(named(Cow::Owned(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawPerson::deserialize(MapAccessDeserializer::new(map)).map(PersonField)
            }
        }
        fn named(name: Cow<'_, str>) -> PersonField<'_> {
            PersonField(RawPerson {
                name: Some(name),
                ..RawPerson::default()
            })
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl RawPerson<'_> {
    /// A name key is present. Its value may be empty: a name made only of control characters
    /// sanitises to nothing, `list` then writes `""`, and that must read back (an empty
    /// `From` in Invitations.csv is read the same way).
    fn has_name(&self) -> bool {
        [&self.name, &self.first_name, &self.last_name]
            .into_iter()
            .any(Option::is_some)
    }

    /// Sanitise into owned model fields. `fallback_url` is a top-level `from_profile_url` /
    /// `to_profile_url`, used when the person object has no URL of its own.
    fn into_model(self, fallback_url: Option<Cow<'_, str>>) -> Person {
        // Trimmed after sanitising, as Invitations.csv names are: a name the sanitiser turns
        // into spaces would otherwise be written by `list` as spaces and read back as "".
        let name = match self.name.and_then(|n| field(Some(n))) {
            Some(n) => n,
            None => {
                let first = field(self.first_name).unwrap_or_default();
                let last = field(self.last_name).unwrap_or_default();
                match (first.trim(), last.trim()) {
                    (f, "") => f.to_string(),
                    ("", l) => l.to_string(),
                    (f, l) => format!("{f} {l}"),
                }
            }
        };
        let profile_url = field(self.profile_url)
            .or_else(|| {
                field(self.public_identifier).and_then(|id| {
                    let id = id.trim_matches('/');
                    (!id.is_empty()).then(|| format!("https://www.linkedin.com/in/{id}"))
                })
            })
            .or_else(|| field(fallback_url));
        Person {
            name,
            profile_url,
            urn: field(self.urn),
            headline: field(self.headline),
            company: field(self.company),
            position: field(self.position),
            location: field(self.location),
            mutual_connections: self.mutual_connections.map(|c| c.0),
            about: field(self.about),
        }
    }
}

/// A person, sanitised.
struct Person {
    name: String,
    profile_url: Option<String>,
    urn: Option<String>,
    headline: Option<String>,
    company: Option<String>,
    position: Option<String>,
    location: Option<String>,
    mutual_connections: Option<u32>,
    about: Option<String>,
}

/// Sanitise, copying only once.
fn owned_clean(s: Cow<'_, str>) -> String {
    let cleaned = match clean(&s) {
        Cow::Borrowed(_) => None,
        Cow::Owned(c) => Some(c),
    };
    cleaned.unwrap_or_else(|| s.into_owned())
}

/// An optional text field: sanitised and trimmed; blank means absent.
fn field(s: Option<Cow<'_, str>>) -> Option<String> {
    let s = owned_clean(s?);
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_string())
    }
}

/// Accept only JSON objects (serde's derived structs would also take arrays).
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an invitation object {\"from\": ..., \"sent_at\": ..., ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(V(PhantomData)).map(Object)
    }
}

/// `version`: a whole number.
struct Version(u64);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "`version` as a number ({VERSION})")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Version, E> {
                Ok(Version(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Version, E> {
                u64::try_from(v)
                    .map(Version)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

/// `mutual_connections`: a whole number.
struct Count(u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`mutual_connections` as a whole number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
                u32::try_from(v)
                    .map(Count)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
                if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                    Ok(Count(v as u32))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `direction`: `incoming` or `outgoing`, any case (LinkedIn writes `INCOMING`).
struct DirectionField(Direction);

impl<'de> Deserialize<'de> for DirectionField {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DirectionField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`direction` as \"incoming\" or \"outgoing\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DirectionField, E> {
                if v.eq_ignore_ascii_case("incoming") {
                    Ok(DirectionField(Direction::Incoming))
                } else if v.eq_ignore_ascii_case("outgoing") {
                    Ok(DirectionField(Direction::Outgoing))
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// `type`: `connection`, `organization` (or `page`), `event`, `newsletter`, any case; any
/// other name is kept as [`InvitationType::Other`].
struct TypeField(InvitationType);

impl<'de> Deserialize<'de> for TypeField {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TypeField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`type` as \"connection\", \"organization\", \"event\", \"newsletter\" or another name",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeField, E> {
                let t = v.trim();
                let is = |name: &str| t.eq_ignore_ascii_case(name);
                let kind = if t.is_empty() {
                    return Err(E::invalid_value(de::Unexpected::Str(v), &self));
                } else if is("connection") {
                    InvitationType::Connection
                } else if is("organization") || is("organisation") || is("page") || is("company") {
                    InvitationType::Organization
                } else if is("event") {
                    InvitationType::Event
                } else if is("newsletter") {
                    InvitationType::Newsletter
                } else {
                    InvitationType::Other
                };
                Ok(TypeField(kind))
            }
        }
        d.deserialize_any(V)
    }
}

/// `sent_at`: RFC 3339 text with a zone offset, or epoch milliseconds.
struct SentAt(DateTime<Utc>);

const SENT_AT_EXPECTED: &str = "`sent_at` as RFC 3339 text (\"2026-11-20T09:14:00-08:00\") \
                                or epoch milliseconds (1795194840000)";

impl<'de> Deserialize<'de> for SentAt {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn millis<E: de::Error>(ms: i64) -> Result<SentAt, E> {
                if (0..MIN_EPOCH_MS).contains(&ms) {
                    return Err(E::custom(format!(
                        "`sent_at` {ms} looks like epoch seconds: expected epoch milliseconds \
                         (multiply by 1000) or RFC 3339 text"
                    )));
                }
                if ms < 0 {
                    return Err(E::custom(format!(
                        "`sent_at` {ms} is before 1970: expected {SENT_AT_EXPECTED}"
                    )));
                }
                DateTime::from_timestamp_millis(ms)
                    .and_then(crate::import::linkedin_csv::in_range)
                    .map(SentAt)
                    .ok_or_else(|| {
                        E::custom(format!(
                            "`sent_at` {ms} is out of range: expected {SENT_AT_EXPECTED}"
                        ))
                    })
            }
        }
        impl Visitor<'_> for V {
            type Value = SentAt;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(SENT_AT_EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<SentAt, E> {
                V::millis(i64::try_from(v).unwrap_or(i64::MAX))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<SentAt, E> {
                V::millis(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<SentAt, E> {
                if v.fract() == 0.0 && v.abs() < 9.0e15 {
                    V::millis(v as i64)
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SentAt, E> {
                if let Ok(t) = DateTime::parse_from_rfc3339(v.trim()) {
                    // An offset can carry a time past 9999 or before 1970 in UTC, which
                    // `list` could not write back as RFC 3339 (or as epoch milliseconds).
                    return crate::import::linkedin_csv::in_range(t.with_timezone(&Utc))
                        .map(SentAt)
                        .ok_or_else(|| {
                            E::custom(format!(
                                "`sent_at` {:?} is out of range: expected a time between 1970 \
                                 and 9999 in UTC",
                                v.trim()
                            ))
                        });
                }
                let shown: String = v.chars().take(40).collect();
                let naive = [
                    "%Y-%m-%dT%H:%M:%S%.f",
                    "%Y-%m-%d %H:%M:%S%.f",
                    "%Y-%m-%dT%H:%M",
                ]
                .iter()
                .any(|f| NaiveDateTime::parse_from_str(v.trim(), f).is_ok());
                if naive {
                    Err(E::custom(format!(
                        "`sent_at` {shown:?} has no zone offset: expected RFC 3339 text with one, \
                         such as \"2026-11-20T09:14:00-08:00\" or \"2026-11-20T17:14:00Z\""
                    )))
                } else {
                    Err(E::custom(format!(
                        "`sent_at` {shown:?} is not a time: expected {SENT_AT_EXPECTED}"
                    )))
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse_str(s: &str) -> Result<Vec<Invitation>, ImportError> {
        parse(s.as_bytes(), "in.json", &ImportOptions::default())
    }

    fn ok(s: &str) -> Vec<Invitation> {
        parse_str(s).unwrap_or_else(|e| panic!("{e}"))
    }

    /// (line, column, problem) of an expected error.
    fn err(s: &str) -> (Option<u64>, Option<u64>, String) {
        match parse_str(s) {
            Err(ImportError::Invalid {
                file,
                line,
                column,
                problem,
            }) => {
                assert_eq!(file, "in.json");
                (line, column, problem)
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    const FULL: &str = r#"{
  "version": 1,
  "invitations": [
    {
      "direction": "incoming",
      "type": "connection",
      "from": {
        "name": "Ana Alvarez",
        "headline": "Data Engineer at Example Corp",
        "company": "Example Corp",
        "position": "Data Engineer",
        "location": "Lisbon, Portugal",
        "mutual_connections": 12,
        "about": "I build pipelines.",
        "profile_url": "https://www.linkedin.com/in/ana-alvarez-demo",
        "urn": "urn:li:member:12345"
      },
      "to": {"name": "Maya Okafor", "profile_url": "https://www.linkedin.com/in/maya-okafor-demo"},
      "sent_at": "2026-11-20T09:14:00-08:00",
      "message": "Hi Maya, loved your talk at the meetup."
    },
    {"from": "Ben Carter", "sent_at": 1795194840000, "message": null}
  ]
}
"#;

    #[test]
    fn document_with_every_field() {
        let inv = ok(FULL);
        assert_eq!(inv.len(), 2);
        let a = &inv[0];
        assert_eq!(a.direction, Direction::Incoming);
        assert_eq!(a.kind, InvitationType::Connection);
        assert_eq!(a.sender.name, "Ana Alvarez");
        assert_eq!(
            a.sender.headline.as_deref(),
            Some("Data Engineer at Example Corp")
        );
        assert_eq!(a.sender.company.as_deref(), Some("Example Corp"));
        assert_eq!(a.sender.position.as_deref(), Some("Data Engineer"));
        assert_eq!(a.sender.location.as_deref(), Some("Lisbon, Portugal"));
        assert_eq!(a.sender.mutual_connections, Some(12));
        assert_eq!(a.sender.about.as_deref(), Some("I build pipelines."));
        assert_eq!(
            a.sender.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ana-alvarez-demo")
        );
        assert_eq!(a.sender.profile_urn.as_deref(), Some("urn:li:member:12345"));
        assert_eq!(a.recipient.name, "Maya Okafor");
        assert_eq!(a.sent_at, utc("2026-11-20T17:14:00Z"));
        assert_eq!(
            a.note.as_deref(),
            Some("Hi Maya, loved your talk at the meetup.")
        );
        assert_eq!(a.raw_note, a.note);
        assert_eq!(a.source.to_string(), "in.json:4");
        assert!(a.is_pending());

        let b = &inv[1];
        assert_eq!(b.sender.name, "Ben Carter");
        assert_eq!(b.sent_at, utc("2026-11-20T17:14:00Z"));
        assert_eq!(b.note, None);
        assert_eq!(b.raw_note, None);
        assert_eq!(b.recipient.name, "");
        assert_eq!(b.source.line, 22);
    }

    #[test]
    fn json_lines_with_blank_lines_and_crlf() {
        let s = "\r\n{\"from\": \"Ana\", \"sent_at\": \"2026-11-20T17:14:00Z\"}\r\n\r\n\
                 {\"from\": \"Ben\", \"sent_at\": \"2026-11-19T17:14:00Z\", \"note\": \"Hi\"}\r\n";
        let inv = ok(s);
        assert_eq!(inv.len(), 2);
        assert_eq!(inv[0].source.line, 2);
        assert_eq!(inv[1].source.line, 4);
        assert_eq!(inv[1].note.as_deref(), Some("Hi"));
    }

    #[test]
    fn json_lines_may_start_with_a_version_line() {
        let s = "{\"version\": 1}\n{\"from\": \"Ana\", \"sent_at\": \"2026-11-20T17:14:00Z\"}\n";
        let inv = ok(s);
        assert_eq!(inv.len(), 1);
        assert_eq!(inv[0].source.line, 2);
        let (line, _, problem) = err("{\"version\": 2}\n{\"from\": \"Ana\", \"sent_at\": 1}\n");
        assert_eq!(line, Some(1));
        assert!(
            problem.contains("unsupported invitriage JSON version 2"),
            "{problem}"
        );
    }

    #[test]
    fn linkedin_api_names_are_accepted() {
        let s = r#"{"version": 1, "invitations": [{
            "invitationType": "CONNECTION",
            "direction": "INCOMING",
            "from": {"firstName": "Ana", "lastName": "Alvarez", "occupation": "CTO at Example",
                     "publicIdentifier": "ana-alvarez-demo", "sharedConnections": 3,
                     "entityUrn": "urn:li:fsd_profile:ACoAAdemo"},
            "sentTime": 1795194840000,
            "message": "Hello"
        }]}"#;
        let a = &ok(s)[0];
        assert_eq!(a.sender.name, "Ana Alvarez");
        assert_eq!(a.sender.headline.as_deref(), Some("CTO at Example"));
        assert_eq!(
            a.sender.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ana-alvarez-demo")
        );
        assert_eq!(a.sender.mutual_connections, Some(3));
        assert_eq!(
            a.sender.profile_urn.as_deref(),
            Some("urn:li:fsd_profile:ACoAAdemo")
        );
        assert_eq!(a.note.as_deref(), Some("Hello"));
    }

    #[test]
    fn snake_case_aliases_are_accepted() {
        let s = r#"{"from": {"first_name": "Ana", "shared_connections": 0, "summary": "Hi there"},
                    "sent_time": "2026-11-20T17:14:00Z", "invitation_type": "event"}"#;
        let a = &ok(s)[0];
        assert_eq!(a.sender.name, "Ana");
        assert_eq!(a.sender.mutual_connections, Some(0));
        assert_eq!(a.sender.about.as_deref(), Some("Hi there"));
        assert_eq!(a.kind, InvitationType::Event);
    }

    #[test]
    fn non_connection_types_are_kept_but_marked() {
        let line = |t: &str| {
            format!(
                "{{\"from\": \"Ana\", \"sent_at\": \"2026-11-20T17:14:00Z\", \"type\": \"{t}\"}}\n"
            )
        };
        let s: String = [
            "connection",
            "ORGANIZATION",
            "page",
            "Event",
            "newsletter",
            "group",
        ]
        .iter()
        .map(|t| line(t))
        .collect();
        let kinds: Vec<InvitationType> = ok(&s).iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                InvitationType::Connection,
                InvitationType::Organization,
                InvitationType::Organization,
                InvitationType::Event,
                InvitationType::Newsletter,
                InvitationType::Other
            ]
        );
        let inv = ok(&s);
        assert!(inv[0].is_pending());
        assert!(inv[1..].iter().all(|i| !i.is_pending()));
    }

    #[test]
    fn outgoing_needs_a_recipient_name() {
        let s = r#"{"direction": "outgoing", "to": {"name": "Ben Carter", "public_identifier": "ben-carter-demo"},
                    "sent_at": "2026-11-20T17:14:00Z"}"#;
        let a = &ok(s)[0];
        assert_eq!(a.direction, Direction::Outgoing);
        assert_eq!(a.counterpart_name(), "Ben Carter");
        assert_eq!(
            a.counterpart_url(),
            Some("https://www.linkedin.com/in/ben-carter-demo")
        );
        let (line, column, problem) =
            err(r#"{"direction": "outgoing", "from": "Maya", "sent_at": "2026-11-20T17:14:00Z"}"#);
        assert_eq!((line, column), (Some(1), Some(1)));
        assert!(
            problem.contains("outgoing invitation without a name for `to`"),
            "{problem}"
        );
    }

    #[test]
    fn list_output_round_trips_as_input() {
        // The shape `invitriage list --format jsonl` prints.
        let s = r#"{"direction":"incoming","type":"connection","from":"Ana Alvarez","from_profile_url":"https://www.linkedin.com/in/ana-alvarez-demo","to":"Maya Okafor","sent_at":"2026-11-20T17:14:00+00:00","message":null,"pending":true,"source":"Invitations.csv:2"}"#;
        let a = &ok(s)[0];
        assert_eq!(a.sender.name, "Ana Alvarez");
        assert_eq!(
            a.sender.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/ana-alvarez-demo")
        );
        assert_eq!(a.recipient.name, "Maya Okafor");
        assert_eq!(a.note, None);
    }

    #[test]
    fn list_json_array_output_is_read_as_version_1() {
        let s = r#"[
  {
    "direction": "incoming",
    "type": "connection",
    "from": "Ana Alvarez",
    "from_profile_url": "",
    "to": "Maya Okafor",
    "sent_at": "2026-11-20T17:14:00Z",
    "message": "",
    "pending": true,
    "source": "Invitations.csv:2"
  },
  {
    "direction": "outgoing",
    "type": "connection",
    "from": "Maya Okafor",
    "from_profile_url": "https://www.linkedin.com/in/maya-okafor-demo",
    "to": "Ben Carter",
    "sent_at": "2026-11-19T17:14:00Z",
    "message": "Hi Ben",
    "pending": false,
    "source": "Invitations.csv:3"
  }
]"#;
        let inv = ok(s);
        assert_eq!(inv.len(), 2);
        assert_eq!(inv[0].sender.profile_url, None);
        assert_eq!(inv[0].note, None);
        assert_eq!(inv[0].source.line, 2);
        assert!(inv[0].is_pending());
        assert_eq!(inv[1].direction, Direction::Outgoing);
        assert_eq!(inv[1].recipient.name, "Ben Carter");
        assert_eq!(inv[1].source.line, 13);
        assert!(ok("[]").is_empty());
        let (line, _, problem) = err("[{\"from\": \"Ana\", \"sent_at\": 1795194840000}] x");
        assert_eq!(line, Some(1));
        assert!(problem.contains("trailing characters"), "{problem}");
        let (line, column, problem) = err("[\n 1]");
        assert_eq!((line, column), (Some(2), Some(2)));
        assert!(
            problem.contains("expected an invitation object"),
            "{problem}"
        );
    }

    #[test]
    fn pending_false_marks_a_connection() {
        let s = "{\"from\": \"Ana\", \"sent_at\": 1795194840000, \"pending\": false}\n\
                 {\"from\": \"Ben\", \"sent_at\": 1795194840000, \"pending\": true}\n\
                 {\"from\": \"Cy\", \"sent_at\": 1795194840000}";
        let pending: Vec<bool> = ok(s).iter().map(Invitation::is_pending).collect();
        assert_eq!(pending, [false, true, true]);
        let (_, _, problem) =
            err("{\"from\": \"Ana\", \"sent_at\": 1795194840000, \"pending\": \"no\"}");
        assert!(problem.contains("expected a boolean"), "{problem}");
    }

    #[test]
    fn notes_keep_spaces_and_empty_means_none() {
        let note = |m: &str| {
            let s = format!(r#"{{"from": "A", "sent_at": 1795194840000, "message": {m}}}"#);
            ok(&s).remove(0)
        };
        assert_eq!(note("\"\"").note, None);
        assert_eq!(note("null").note, None);
        let spaces = note("\"   \"");
        assert_eq!(spaces.note.as_deref(), Some("   "));
        assert!(!spaces.has_note());
        assert_eq!(
            note("\"Hello  Second line\"").note.as_deref(),
            Some("Hello  Second line")
        );
        // An escaped newline is flattened like LinkedIn's.
        assert_eq!(note("\"a\\nb\"").note.as_deref(), Some("a b"));
    }

    #[test]
    fn every_text_field_is_sanitised_and_the_raw_note_kept() {
        let s = r#"{"from": {"name": "\u001b[31mEvil\u001b[0m \u202eCorp", "headline": "\u001b]8;;http://x\u0007Head\u001b]8;;\u0007",
                    "company": "Co\u200bmpany", "position": "\u0000Boss", "location": "Here\u009b2J",
                    "about": "a\tb", "profile_url": "https://www.linkedin.com/in/evil-demo\u001b[2J", "urn": "urn:li:member:1\u0007"},
                    "to": {"name": "Maya\u001b[0m"},
                    "sent_at": "2026-11-20T17:14:00Z", "message": "Click \u001b]52;c;ZXZpbA==\u0007here"}"#;
        let a = &ok(s)[0];
        assert_eq!(a.sender.name, "Evil Corp");
        assert_eq!(a.sender.headline.as_deref(), Some("Head"));
        assert_eq!(a.sender.company.as_deref(), Some("Company"));
        assert_eq!(a.sender.position.as_deref(), Some("Boss"));
        assert_eq!(a.sender.location.as_deref(), Some("Here"));
        assert_eq!(a.sender.about.as_deref(), Some("a b"));
        assert_eq!(
            a.sender.profile_url.as_deref(),
            Some("https://www.linkedin.com/in/evil-demo")
        );
        assert_eq!(a.sender.profile_urn.as_deref(), Some("urn:li:member:1"));
        assert_eq!(a.recipient.name, "Maya");
        assert_eq!(a.note.as_deref(), Some("Click here"));
        assert_eq!(
            a.raw_note.as_deref(),
            Some("Click \u{1b}]52;c;ZXZpbA==\u{7}here")
        );
    }

    #[test]
    fn unknown_fields_are_ignored_and_bom_accepted() {
        let s = "\u{FEFF}{\"version\": 1, \"generator\": \"my-script\", \"invitations\": [\
                 {\"from\": \"Ana\", \"sent_at\": 1795194840000, \"invitationId\": \"7000\", \"extra\": {\"a\": [1,2]}}]}";
        assert_eq!(ok(s).len(), 1);
    }

    #[test]
    fn an_invitation_with_its_own_version_key_is_not_a_header() {
        let s = "{\"version\": 3, \"from\": \"Ana\", \"sent_at\": 1795194840000}\n\
                 {\"from\": \"Ben\", \"sent_at\": 1795194840000}";
        assert_eq!(ok(s).len(), 2);
    }

    #[test]
    fn an_empty_document_is_fine() {
        assert!(ok(r#"{"version": 1, "invitations": []}"#).is_empty());
    }

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
    fn sent_at_mistakes_are_explained() {
        let p = |v: &str| err(&format!("{{\"from\": \"Ana\", \"sent_at\": {v}}}")).2;
        assert!(p("1795194840").contains("looks like epoch seconds"));
        assert!(p("\"2026-11-20T09:14:00\"").contains("has no zone offset"));
        assert!(p("\"20/11/2026\"").contains("is not a time"));
        assert!(p("-5").contains("before 1970"));
        assert!(p("1.5").contains("expected `sent_at`"));
        assert!(p("[]").contains("expected `sent_at`"));
        let (line, column, problem) = err("{\"from\": \"Ana\"}");
        assert_eq!((line, column), (Some(1), Some(1)));
        assert!(problem.contains("expected `sent_at` as RFC 3339 text or epoch milliseconds"));
    }

    #[test]
    fn bad_field_values_are_explained() {
        let p = |kv: &str| {
            err(&format!(
                "{{\"from\": \"Ana\", \"sent_at\": 1795194840000, {kv}}}"
            ))
            .2
        };
        assert!(
            p("\"direction\": \"sideways\"")
                .contains("`direction` as \"incoming\" or \"outgoing\"")
        );
        assert!(p("\"type\": \"\"").contains("`type` as"));
        assert!(p("\"type\": 3").contains("`type` as"));
        assert!(p("\"message\": 5").contains("expected a string"));
        assert!(p("\"to\": 5").contains("a person"));
        assert!(p("\"note\": \"a\", \"message\": \"b\"").contains("duplicate field `message`"));
        let p = |kv: &str| {
            err(&format!(
                "{{\"from\": {{\"name\": \"Ana\", {kv}}}, \"sent_at\": 1795194840000}}"
            ))
            .2
        };
        assert!(p("\"mutual_connections\": -1").contains("`mutual_connections` as a whole number"));
        assert!(
            p("\"mutual_connections\": \"12\"").contains("`mutual_connections` as a whole number")
        );
        let (_, _, problem) = err("{\"sent_at\": 1795194840000}");
        assert!(
            problem.contains("incoming invitation without a name for `from`"),
            "{problem}"
        );
        let (_, _, problem) = err("{\"from\": {\"headline\": \"x\"}, \"sent_at\": 1795194840000}");
        assert!(problem.contains("`from.first_name`"), "{problem}");
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

    fn fixture(name: &str, bytes: &[u8]) -> Result<Vec<Invitation>, ImportError> {
        parse(bytes, name, &ImportOptions::default())
    }

    #[test]
    fn fixture_document_loads() {
        let inv = fixture(
            "invitations.json",
            include_bytes!("../../fixtures/json/invitations.json"),
        )
        .unwrap();
        assert_eq!(inv.len(), 6);
        let lines: Vec<u64> = inv.iter().map(|i| i.source.line).collect();
        assert_eq!(lines, [4, 22, 32, 38, 43, 50]);
        assert_eq!(inv[0].sender.name, "Ana Alvarez");
        assert_eq!(
            inv[1].sender.headline.as_deref(),
            Some("Founder, Sato Data Consulting")
        );
        assert_eq!(inv[2].kind, InvitationType::Event);
        assert_eq!(inv[3].kind, InvitationType::Newsletter);
        assert_eq!(inv[4].direction, Direction::Outgoing);
        assert_eq!(inv[5].sender.name, "Totally Legit Recruiter");
        assert_eq!(inv[5].note.as_deref(), Some("Click here NOW"));
        let pending = inv.iter().filter(|i| i.is_pending()).count();
        assert_eq!(pending, 3);
    }

    #[test]
    fn fixture_json_lines_load_like_the_document() {
        let lines = fixture(
            "invitations.jsonl",
            include_bytes!("../../fixtures/json/invitations.jsonl"),
        )
        .unwrap();
        let doc = fixture(
            "invitations.json",
            include_bytes!("../../fixtures/json/invitations.json"),
        )
        .unwrap();
        assert_eq!(lines.len(), 4);
        let (a, b) = (&lines[0].sender, &doc[0].sender);
        assert_eq!(
            (&a.name, &a.headline, &a.profile_url, a.mutual_connections),
            (&b.name, &b.headline, &b.profile_url, b.mutual_connections)
        );
        assert_eq!(lines[0].sent_at, doc[0].sent_at);
        assert_eq!(lines[0].note, doc[0].note);
        assert_eq!(lines[1].sender.profile_url, doc[1].sender.profile_url);
        assert_eq!(lines[2].kind, InvitationType::Organization);
        assert_eq!(lines[3].counterpart_url(), doc[4].counterpart_url());
        assert_eq!(
            lines.iter().map(|i| i.source.line).collect::<Vec<_>>(),
            [2, 4, 5, 6]
        );
    }

    #[test]
    fn json_fixtures_load_through_the_path_loader() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/json");
        let opts = ImportOptions::default();
        let doc = crate::import::load(&dir.join("invitations.json"), &opts).unwrap();
        assert_eq!(doc.invitations.len(), 6);
        let lines = crate::import::load(&dir.join("invitations.jsonl"), &opts).unwrap();
        assert_eq!(lines.invitations.len(), 4);
        assert!(
            lines.invitations[0]
                .source
                .file
                .ends_with("invitations.jsonl")
        );
        let e = crate::import::load(&dir.join("broken.json"), &opts).unwrap_err();
        assert!(
            e.to_string().contains("broken.json:3:25: broken JSON"),
            "{e}"
        );
        let e = crate::Error::from(e);
        assert_eq!(e.exit_code(), crate::error::EXIT_BAD_INPUT);
    }

    #[test]
    fn malformed_fixtures_fail_with_position() {
        let cases: [(&str, &[u8], &str); 3] = [
            (
                "broken.json",
                include_bytes!("../../fixtures/json/broken.json"),
                "broken.json:3:25: broken JSON: expected `,` or `}`",
            ),
            (
                "unknown-version.json",
                include_bytes!("../../fixtures/json/unknown-version.json"),
                "unknown-version.json:1:1: unsupported invitriage JSON version 2",
            ),
            (
                "epoch-seconds.jsonl",
                include_bytes!("../../fixtures/json/epoch-seconds.jsonl"),
                "epoch-seconds.jsonl:2:",
            ),
        ];
        for (name, bytes, expected) in cases {
            let e = fixture(name, bytes).unwrap_err().to_string();
            assert!(e.starts_with(expected), "{e}");
        }
    }

    /// A random invitation as JSON text and what it should load as.
    fn arb_invitation() -> impl Strategy<Value = (String, String, Option<String>, i64)> {
        (
            "\\PC{1,20}",
            proptest::option::of(any::<String>()),
            1_000_000_000_000i64..4_000_000_000_000,
        )
            .prop_map(|(name, note, ms)| {
                let obj = serde_json::json!({
                    "from": {"name": name},
                    "sent_at": ms,
                    "message": note,
                });
                (obj.to_string(), name, note, ms)
            })
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse(&bytes, "x.json", &ImportOptions::default());
        }

        #[test]
        fn json_like_text_never_panics(s in "[\\[\\]{}:,\" 0-9a-z\\\\\n\u{1b}é]{0,120}") {
            let _ = parse(s.as_bytes(), "x.json", &ImportOptions::default());
            let doc = format!("{{\"version\": 1, \"invitations\": [{s}]}}");
            let _ = parse(doc.as_bytes(), "x.json", &ImportOptions::default());
        }

        #[test]
        fn document_and_json_lines_load_the_same(items in prop::collection::vec(arb_invitation(), 0..8)) {
            let lines: Vec<&str> = items.iter().map(|i| i.0.as_str()).collect();
            let jsonl = lines.join("\n");
            let doc = format!("{{\"version\": 1,\n\"invitations\": [\n{}\n]}}", lines.join(",\n"));
            let from_doc = parse(doc.as_bytes(), "x.json", &ImportOptions::default());
            if items.is_empty() {
                // An empty JSON Lines file is an empty file.
                prop_assert!(parse(jsonl.as_bytes(), "x.jsonl", &ImportOptions::default()).is_err());
                prop_assert!(from_doc.map(|v| v.is_empty()).unwrap_or(false));
                return Ok(());
            }
            let from_lines = parse(jsonl.as_bytes(), "x.jsonl", &ImportOptions::default());
            // A blank name is a name that is present: both forms load it, as "".
            let from_lines = from_lines.expect("JSON Lines of valid invitations load");
            let from_doc = from_doc.expect("document loads when the lines do");
            prop_assert_eq!(from_lines.len(), items.len());
            for (n, ((a, b), item)) in from_lines.iter().zip(&from_doc).zip(&items).enumerate() {
                prop_assert_eq!(a.source.line, n as u64 + 1);
                prop_assert_eq!(b.source.line, n as u64 + 3);
                prop_assert_eq!(&a.sender, &b.sender);
                prop_assert_eq!(&a.note, &b.note);
                let name = clean(&item.1);
                prop_assert_eq!(a.sender.name.as_str(), name.trim());
                let expected_note = item.2.as_deref().filter(|n| !n.is_empty());
                prop_assert_eq!(a.raw_note.as_deref(), expected_note);
                let cleaned_note = expected_note.map(|n| clean(n).into_owned());
                prop_assert_eq!(a.note.as_deref(), cleaned_note.as_deref());
                prop_assert_eq!(a.sent_at.timestamp_millis(), item.3);
            }
        }
    }
}

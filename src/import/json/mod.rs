//! invitriage's own JSON format (docs/FORMATS.md): a versioned document or JSON Lines of
//! invitation objects (also a bare array of them, which `list --format json` prints). Pure
//! over bytes.
//!
//! The input is deserialised into borrowed structs (strings without escapes are not copied
//! until they are sanitised into the model), never into `serde_json::Value`. A document's
//! `invitations` are first taken as raw slices, so the version can be checked before any
//! invitation is read and each invitation's line is known from its byte offset. A large
//! document in the exact form invitriage writes skips that pass: its invitations are parsed
//! where they start, in pieces on every core, and at the first doubt the general path reads
//! the file instead (see `document::Parser::one_pass`).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::import::{ImportError, ImportOptions};
use crate::model::{
    Direction, Invitation, InvitationType, Invitations, Recipient, Relationship, Sender, Source,
};
use crate::sanitize::clean;

mod document;
mod values;

use document::{LineIndex, Parser};
use values::{Count, DirectionField, Object, SentAt, TypeField, Version};

/// The format version this build reads and documents.
pub const VERSION: u64 = 1;

/// Epoch-millisecond values below this (1973-03-03) are almost certainly epoch seconds.
const MIN_EPOCH_MS: i64 = 100_000_000_000;

const EXPECTED_TOP: &str = "invitriage JSON: a document {\"version\": 1, \"invitations\": [...]}, \
     JSON Lines of invitation objects, or an array of them";

/// Parse a JSON document `{"version": 1, "invitations": [...]}`, JSON Lines of invitation
/// objects (optionally after a `{"version": 1}` line), or a bare array of invitation objects.
/// `file` names the input in errors and in each invitation's [`SourceLoc`].
pub fn parse(bytes: &[u8], file: &str, opts: &ImportOptions) -> Result<Invitations, ImportError> {
    parser(bytes, file, opts, false).run()
}

/// [`parse`], with the profile URLs vetted ([`crate::import::vet_profile_urls`]) and the
/// warnings for those dropped: a large document's on every core, as its pieces are parsed.
pub(crate) fn parse_vetted(
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
) -> Result<(Invitations, Vec<String>), ImportError> {
    let mut parser = parser(bytes, file, opts, true);
    let mut invitations = parser.run()?;
    let mut warnings = Vec::new();
    match parser.dropped {
        Some(dropped) => warnings.extend(dropped.iter().map(|d| d.warning(0))),
        None => crate::import::vet_profile_urls(&mut invitations, &mut warnings)
            .map_err(|e| ImportError::invalid(file, None, format!("{e}; split the file")))?,
    }
    Ok((invitations, warnings))
}

fn parser<'t>(bytes: &'t [u8], file: &'t str, opts: &ImportOptions, vet: bool) -> Parser<'t> {
    // JSON times carry their own offset (RFC 3339) or are UTC (epoch ms): `--tz` does not apply.
    let _ = opts;
    Parser {
        text: bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
        file,
        lines: LineIndex::default(),
        vet,
        dropped: None,
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

impl<'a> RawPerson<'a> {
    /// A name key is present. Its value may be empty: a name made only of control characters
    /// sanitises to nothing, `list` then writes `""`, and that must read back (an empty
    /// `From` in Invitations.csv is read the same way).
    fn has_name(&self) -> bool {
        [&self.name, &self.first_name, &self.last_name]
            .into_iter()
            .any(Option::is_some)
    }

    /// Sanitise into model fields, borrowing what needs no change from the input.
    /// `fallback_url` is a top-level `from_profile_url` / `to_profile_url`, used when the
    /// person object has no URL of its own.
    fn into_model<'b>(self, fallback_url: Option<Cow<'b, str>>) -> Person<'b>
    where
        'a: 'b,
    {
        // Trimmed after sanitising, as Invitations.csv names are: a name the sanitiser turns
        // into spaces would otherwise be written by `list` as spaces and read back as "".
        let name = match self.name.and_then(|n| field(Some(n))) {
            Some(n) => n,
            None => match (field(self.first_name), field(self.last_name)) {
                (Some(f), None) => f,
                (None, Some(l)) => l,
                (Some(f), Some(l)) => Cow::Owned(format!("{f} {l}")),
                (None, None) => Cow::Borrowed(""),
            },
        };
        let profile_url = field(self.profile_url)
            .or_else(|| {
                field(self.public_identifier).and_then(|id| {
                    let id = id.trim_matches('/');
                    (!id.is_empty())
                        .then(|| Cow::Owned(format!("https://www.linkedin.com/in/{id}")))
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

/// A person, sanitised: text borrowed from the input where sanitising changed nothing.
struct Person<'a> {
    name: Cow<'a, str>,
    profile_url: Option<Cow<'a, str>>,
    urn: Option<Cow<'a, str>>,
    headline: Option<Cow<'a, str>>,
    company: Option<Cow<'a, str>>,
    position: Option<Cow<'a, str>>,
    location: Option<Cow<'a, str>>,
    mutual_connections: Option<u32>,
    about: Option<Cow<'a, str>>,
}

/// Sanitise, copying only what sanitising changes (or what the input already copied: a
/// string with escapes).
fn cleaned(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => clean(b),
        Cow::Owned(o) => match clean(&o) {
            Cow::Borrowed(_) => Cow::Owned(o),
            Cow::Owned(c) => Cow::Owned(c),
        },
    }
}

/// An optional text field: sanitised and trimmed; blank means absent.
fn field(s: Option<Cow<'_, str>>) -> Option<Cow<'_, str>> {
    match cleaned(s?) {
        Cow::Borrowed(b) => Some(b.trim()).filter(|t| !t.is_empty()).map(Cow::Borrowed),
        Cow::Owned(o) => {
            let trimmed = o.trim();
            if trimmed.is_empty() {
                None
            } else if trimmed.len() == o.len() {
                Some(Cow::Owned(o))
            } else {
                Some(Cow::Owned(trimmed.to_string()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InvitationRecord;
    use proptest::prelude::*;

    pub(super) fn parse_str(s: &str) -> Result<Vec<InvitationRecord>, ImportError> {
        parse(s.as_bytes(), "in.json", &ImportOptions::default()).map(|t| t.to_records())
    }

    pub(super) fn ok(s: &str) -> Vec<InvitationRecord> {
        parse_str(s).unwrap_or_else(|e| panic!("{e}"))
    }

    /// (line, column, problem) of an expected error.
    pub(super) fn err(s: &str) -> (Option<u64>, Option<u64>, String) {
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

    pub(super) fn utc(s: &str) -> DateTime<Utc> {
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
        let pending: Vec<bool> = ok(s).iter().map(InvitationRecord::is_pending).collect();
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

    fn fixture(name: &str, bytes: &[u8]) -> Result<Vec<InvitationRecord>, ImportError> {
        parse(bytes, name, &ImportOptions::default()).map(|t| t.to_records())
    }

    #[test]
    fn fixture_document_loads() {
        let inv = fixture(
            "invitations.json",
            include_bytes!("../../../fixtures/json/invitations.json"),
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
            include_bytes!("../../../fixtures/json/invitations.jsonl"),
        )
        .unwrap();
        let doc = fixture(
            "invitations.json",
            include_bytes!("../../../fixtures/json/invitations.json"),
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
            lines
                .invitations
                .at(0)
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
                include_bytes!("../../../fixtures/json/broken.json"),
                "broken.json:3:25: broken JSON: expected `,` or `}`",
            ),
            (
                "unknown-version.json",
                include_bytes!("../../../fixtures/json/unknown-version.json"),
                "unknown-version.json:1:1: unsupported invitriage JSON version 2",
            ),
            (
                "epoch-seconds.jsonl",
                include_bytes!("../../../fixtures/json/epoch-seconds.jsonl"),
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
                prop_assert_eq!(a.sender.name, name.trim());
                let expected_note = item.2.as_deref().filter(|n| !n.is_empty());
                prop_assert_eq!(a.raw_note, expected_note);
                let cleaned_note = expected_note.map(|n| clean(n).into_owned());
                prop_assert_eq!(a.note, cleaned_note.as_deref());
                prop_assert_eq!(a.sent_at.timestamp_millis(), item.3);
            }
        }
    }
}

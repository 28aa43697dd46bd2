//! The domain model: plain data shared by import, classify, store and the UI. Pure: no I/O.
//!
//! All text in these types has already been through [`crate::sanitize`] at import, except
//! [`Invitation::raw_note`], which keeps the note byte-for-byte for export only and must never
//! be drawn on a terminal.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

mod table;

pub use table::{Invitations, Iter, TooLarge};

/// Which way an invitation went, seen from the owner of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Someone invited the user.
    Incoming,
    /// The user invited someone.
    Outgoing,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
        }
    }
}

/// What the invitation is for. LinkedIn's APIs also send page, event and newsletter invitations;
/// they are kept, but only connection requests are triaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationType {
    #[default]
    Connection,
    Organization,
    Event,
    Newsletter,
    Other,
}

impl InvitationType {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitationType::Connection => "connection",
            InvitationType::Organization => "organization",
            InvitationType::Event => "event",
            InvitationType::Newsletter => "newsletter",
            InvitationType::Other => "other",
        }
    }
}

/// Where a record came from: `Invitations.csv:12` or `export.zip!Invitations.csv:12`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SourceLoc {
    /// The file as the user would recognise it. Shared by every record of one file.
    pub file: Arc<str>,
    /// 1-based line number of the first line of the record.
    pub line: u64,
}

impl fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The person who sent an invitation, with whatever the input knows about them, owned: what an
/// importer or a test hands to [`Invitations::push`]. Read rows as [`Sender`].
/// CSV exports give only the name and (in newer exports) a profile URL or URN; JSON input may
/// carry the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SenderRecord {
    pub name: String,
    /// `https://www.linkedin.com/in/<slug>` as written in the input (sanitised).
    pub profile_url: Option<String>,
    /// `urn:li:member:12345678` (2023 exports).
    pub profile_urn: Option<String>,
    pub headline: Option<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub location: Option<String>,
    pub mutual_connections: Option<u32>,
    pub about: Option<String>,
}

/// The person an invitation was sent to, owned (builder input; read rows as [`Recipient`]).
/// For an incoming invitation this is the user. `name` may be an e-mail address in old exports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientRecord {
    pub name: String,
    pub profile_url: Option<String>,
    pub profile_urn: Option<String>,
}

/// The last message exchanged with the other party (from `messages.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRef {
    pub at: DateTime<Utc>,
    /// True when the other party wrote it.
    pub from_them: bool,
    /// The first words of the message, sanitised and shortened.
    pub snippet: String,
}

/// An invitation is pending when it is an incoming connection request and its other party is
/// not yet in `Connections.csv`: the one statement of it, for views and for table rows.
pub(crate) fn is_pending(direction: Direction, kind: InvitationType, connected: bool) -> bool {
    direction == Direction::Incoming && kind == InvitationType::Connection && !connected
}

/// What the rest of the export says about the other party of an invitation
/// (the sender of an incoming one, the recipient of an outgoing one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    /// Present in `Connections.csv`: the invitation is no longer pending.
    pub connected: bool,
    /// `Connected On` from `Connections.csv`, when it parsed.
    pub connected_on: Option<NaiveDate>,
    /// Company and position as listed in `Connections.csv`.
    pub company: Option<String>,
    pub position: Option<String>,
    /// Number of messages exchanged in `messages.csv`, both ways.
    pub messages: u32,
    pub last_message: Option<MessageRef>,
    /// Skills this person endorsed (`Endorsement_Received_Info.csv`).
    pub endorsements: u32,
    /// Recommendations received from this person (`Recommendations_Received.csv`).
    pub recommendations: u32,
}

/// One row of `Invitations.csv` or one invitation object of the JSON format, owned. Only a
/// transient input: importers and tests push it (as [`InvitationRecord::view`]) into
/// [`Invitations`], which keeps every row in one arena; rows are read back as [`Invitation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRecord {
    pub direction: Direction,
    pub kind: InvitationType,
    pub sender: SenderRecord,
    pub recipient: RecipientRecord,
    pub sent_at: DateTime<Utc>,
    /// The sanitised note; `None` when the input had no note or only whitespace-free emptiness.
    /// A note of only spaces is kept as written so the classifier can call it `no_note`.
    pub note: Option<String>,
    /// The note exactly as the input held it, for export only. Never render this.
    pub raw_note: Option<String>,
    pub source: SourceLoc,
    /// Filled in from the other files of the export after import.
    pub relationship: Relationship,
}

impl InvitationRecord {
    /// [`Invitation::key`] of this record.
    pub fn key(&self) -> String {
        self.view().key()
    }

    /// [`Invitation::is_pending`] of this record.
    pub fn is_pending(&self) -> bool {
        self.view().is_pending()
    }

    /// [`Invitation::has_note`] of this record.
    pub fn has_note(&self) -> bool {
        self.view().has_note()
    }

    /// [`Invitation::counterpart_name`] of this record.
    pub fn counterpart_name(&self) -> &str {
        self.view().counterpart_name()
    }

    /// [`Invitation::counterpart_url`] of this record.
    pub fn counterpart_url(&self) -> Option<&str> {
        self.view().counterpart_url()
    }

    /// The borrowed form, as [`Invitations::get`] gives it.
    pub fn view(&self) -> Invitation<'_> {
        Invitation {
            direction: self.direction,
            kind: self.kind,
            sender: Sender {
                name: &self.sender.name,
                profile_url: self.sender.profile_url.as_deref(),
                profile_urn: self.sender.profile_urn.as_deref(),
                headline: self.sender.headline.as_deref(),
                company: self.sender.company.as_deref(),
                position: self.sender.position.as_deref(),
                location: self.sender.location.as_deref(),
                mutual_connections: self.sender.mutual_connections,
                about: self.sender.about.as_deref(),
            },
            recipient: Recipient {
                name: &self.recipient.name,
                profile_url: self.recipient.profile_url.as_deref(),
                profile_urn: self.recipient.profile_urn.as_deref(),
            },
            sent_at: self.sent_at,
            note: self.note.as_deref(),
            raw_note: self.raw_note.as_deref(),
            source: Source {
                file: &self.source.file,
                line: self.source.line,
            },
            relationship: &self.relationship,
        }
    }
}

/// Where a row came from, borrowed: displays as `Invitations.csv:12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Source<'a> {
    pub file: &'a str,
    /// 1-based line number of the first line of the record.
    pub line: u64,
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

impl Source<'_> {
    pub fn to_owned_loc(&self) -> SourceLoc {
        SourceLoc {
            file: Arc::from(self.file),
            line: self.line,
        }
    }
}

/// The sender of one row, borrowed from the export's arena.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Sender<'a> {
    pub name: &'a str,
    /// `https://www.linkedin.com/in/<slug>` as written in the input (sanitised).
    pub profile_url: Option<&'a str>,
    /// `urn:li:member:12345678` (2023 exports).
    pub profile_urn: Option<&'a str>,
    pub headline: Option<&'a str>,
    pub company: Option<&'a str>,
    pub position: Option<&'a str>,
    pub location: Option<&'a str>,
    pub mutual_connections: Option<u32>,
    pub about: Option<&'a str>,
}

/// The recipient of one row, borrowed from the export's arena.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Recipient<'a> {
    pub name: &'a str,
    pub profile_url: Option<&'a str>,
    pub profile_urn: Option<&'a str>,
}

/// One invitation as read from [`Invitations`]: every text borrowed from the export's arena,
/// nothing allocated. Serialises as the JSON format's invitation object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Invitation<'a> {
    pub direction: Direction,
    pub kind: InvitationType,
    pub sender: Sender<'a>,
    pub recipient: Recipient<'a>,
    pub sent_at: DateTime<Utc>,
    /// The sanitised note; `None` when the input had no note.
    /// A note of only spaces is kept as written so the classifier can call it `no_note`.
    pub note: Option<&'a str>,
    /// The note exactly as the input held it, for export only. Never render this.
    pub raw_note: Option<&'a str>,
    pub source: Source<'a>,
    /// Filled in from the other files of the export after import.
    pub relationship: &'a Relationship,
}

impl<'a> Invitation<'a> {
    /// An owned copy, for a test or a caller that must change a row and push it again.
    pub fn to_record(&self) -> InvitationRecord {
        let o = |s: Option<&str>| s.map(str::to_string);
        InvitationRecord {
            direction: self.direction,
            kind: self.kind,
            sender: SenderRecord {
                name: self.sender.name.to_string(),
                profile_url: o(self.sender.profile_url),
                profile_urn: o(self.sender.profile_urn),
                headline: o(self.sender.headline),
                company: o(self.sender.company),
                position: o(self.sender.position),
                location: o(self.sender.location),
                mutual_connections: self.sender.mutual_connections,
                about: o(self.sender.about),
            },
            recipient: RecipientRecord {
                name: self.recipient.name.to_string(),
                profile_url: o(self.recipient.profile_url),
                profile_urn: o(self.recipient.profile_urn),
            },
            sent_at: self.sent_at,
            note: o(self.note),
            raw_note: o(self.raw_note),
            source: self.source.to_owned_loc(),
            relationship: self.relationship.clone(),
        }
    }

    /// Incoming, a connection request, and the sender is not yet in `Connections.csv`.
    pub fn is_pending(self) -> bool {
        is_pending(self.direction, self.kind, self.relationship.connected)
    }

    /// True when the note is non-empty after trimming whitespace.
    pub fn has_note(self) -> bool {
        self.note.is_some_and(|n| !n.trim().is_empty())
    }

    /// The other party: the sender of an incoming invitation, the recipient of an outgoing one.
    pub fn counterpart_name(self) -> &'a str {
        match self.direction {
            Direction::Incoming => self.sender.name,
            Direction::Outgoing => self.recipient.name,
        }
    }

    /// The other party's profile URL, if known.
    pub fn counterpart_url(self) -> Option<&'a str> {
        match self.direction {
            Direction::Incoming => self.sender.profile_url,
            Direction::Outgoing => self.recipient.profile_url,
        }
    }

    /// The stable identity of this invitation across exports and input forms (folder, ZIP,
    /// bare CSV, JSON): the normalised profile URL of the other party, else its URN, else
    /// its name (whitespace-folded, lowercased) plus the sent time in RFC 3339.
    pub fn key(self) -> String {
        let (url, urn, name) = match self.direction {
            Direction::Incoming => (
                self.sender.profile_url,
                self.sender.profile_urn,
                self.sender.name,
            ),
            Direction::Outgoing => (
                self.recipient.profile_url,
                self.recipient.profile_urn,
                self.recipient.name,
            ),
        };
        let prefix = match self.direction {
            Direction::Incoming => "in",
            Direction::Outgoing => "out",
        };
        if let Some(u) = url.map(normalize_profile_url).filter(|u| !u.is_empty()) {
            return format!("{prefix}:url:{u}");
        }
        if let Some(u) = urn
            .map(|u| u.trim().to_lowercase())
            .filter(|u| !u.is_empty())
        {
            return format!("{prefix}:urn:{u}");
        }
        format!(
            "{prefix}:name:{}@{}",
            normalize_name(name),
            self.sent_at.format("%Y-%m-%dT%H:%MZ")
        )
    }
}

/// Normalise a profile URL for joining: percent-decode, lowercase, drop scheme, `www.`,
/// query, fragment and trailing slashes. `https://www.linkedin.com/in/Jos%C3%A9/` and
/// `http://linkedin.com/in/josé` both become `linkedin.com/in/josé`.
pub fn normalize_profile_url(url: &str) -> String {
    // Nothing to decode in most URLs: decoding them would only copy them byte by byte.
    let decoded = match url.trim() {
        plain if !plain.contains('%') => std::borrow::Cow::Borrowed(plain),
        encoded => percent_encoding::percent_decode_str(encoded).decode_utf8_lossy(),
    };
    let mut s = decoded.to_lowercase();
    if let Some(i) = s.find(['?', '#']) {
        s.truncate(i);
    }
    let mut rest = s.as_str();
    for scheme in ["https://", "http://"] {
        if let Some(r) = rest.strip_prefix(scheme) {
            rest = r;
        }
    }
    rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// Normalise a display name for joining: fold whitespace, lowercase.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The user's own profile (`Profile.csv`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnProfile {
    pub first_name: String,
    pub last_name: String,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
}

/// One of the user's own positions (`Positions.csv`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub company: String,
    pub title: Option<String>,
    pub started_on: Option<String>,
    pub finished_on: Option<String>,
}

/// One of the user's own schools (`Education.csv`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct School {
    pub name: String,
    pub degree: Option<String>,
}

/// One row of `Connections.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub first_name: String,
    pub last_name: String,
    pub profile_url: Option<String>,
    pub company: Option<String>,
    pub position: Option<String>,
    pub connected_on: Option<NaiveDate>,
}

impl Connection {
    pub fn full_name(&self) -> String {
        match (self.first_name.is_empty(), self.last_name.is_empty()) {
            (false, false) => format!("{} {}", self.first_name, self.last_name),
            (false, true) => self.first_name.clone(),
            _ => self.last_name.clone(),
        }
    }
}

/// Everything loaded from one input path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    /// What the user named on the command line (or `demo`), for headers and messages.
    pub source: String,
    /// The files that were read, in the order read.
    pub files: Vec<String>,
    /// In file order, in one compact table (see [`Invitations`]).
    pub invitations: Invitations,
    pub owner: Option<OwnProfile>,
    pub positions: Vec<Position>,
    pub schools: Vec<School>,
    pub connections: Vec<Connection>,
    /// What the importer assumed and the user should be told, each naming its file: a
    /// missing column, dates a spreadsheet rewrote.
    pub warnings: Vec<String>,
}

impl Export {
    /// The user's own employers and schools, for shared-context detection.
    pub fn own_organisations(&self) -> impl Iterator<Item = &str> {
        self.positions
            .iter()
            .map(|p| p.company.as_str())
            .chain(self.schools.iter().map(|s| s.name.as_str()))
            .filter(|s| !s.trim().is_empty())
    }
}

/// Boilerplate or personal: the verdict of the classifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Boilerplate,
    Personal,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Boilerplate => "boilerplate",
            Class::Personal => "personal",
        }
    }

    pub fn parse(s: &str) -> Option<Class> {
        match s {
            "boilerplate" => Some(Class::Boilerplate),
            "personal" => Some(Class::Personal),
            _ => None,
        }
    }

    pub fn flipped(self) -> Class {
        match self {
            Class::Boilerplate => Class::Personal,
            Class::Personal => Class::Boilerplate,
        }
    }
}

/// The finer verdict. Every kind but `Personal` belongs to [`Class::Boilerplate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Empty or whitespace only.
    NoNote,
    /// LinkedIn's stock invitation text, any era or language.
    Default,
    /// Content-free: "let's connect", a lone emoji, a bare URL.
    Generic,
    /// A mass pitch or form letter, even with merge fields filled in.
    Template,
    /// Names something specific to this recipient.
    Personal,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::NoNote,
        Kind::Default,
        Kind::Generic,
        Kind::Template,
        Kind::Personal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::NoNote => "no_note",
            Kind::Default => "default",
            Kind::Generic => "generic",
            Kind::Template => "template",
            Kind::Personal => "personal",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn class(self) -> Class {
        match self {
            Kind::Personal => Class::Personal,
            _ => Class::Boilerplate,
        }
    }
}

/// One piece of evidence behind a verdict.
///
/// The rule id and a fixed message are borrowed from the program (no allocation: most rows of
/// an export carry only the "no note" reason); a message quoting the note is owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// A stable rule id, e.g. `default.stock_text` or `context.shared_employer`.
    pub rule: Cow<'static, str>,
    /// A sentence for people: "Mentions your employer Acme Corp".
    pub message: Cow<'static, str>,
    /// Positive pushes towards personal, negative towards boilerplate.
    pub weight: i32,
    /// Byte range in [`Invitation::note`] that the rule matched, if it points at text.
    pub span: Option<Range<usize>>,
}

/// The classifier's full answer for one invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub class: Class,
    pub kind: Kind,
    /// 0 (certainly boilerplate) to 100 (certainly personal).
    pub score: u8,
    pub reasons: Vec<Reason>,
}

impl Classification {
    /// This classification with the user's override applied: the class and kind of
    /// [`effective`], a score of 100 or 0, and a first reason saying the user decided.
    pub fn with_override(mut self, user: Option<Class>) -> Classification {
        let Some(class) = user else {
            return self;
        };
        let (msg, weight) = match class {
            Class::Personal => ("You marked this personal", 100),
            Class::Boilerplate => ("You marked this boilerplate", -100),
        };
        (self.class, self.kind) = effective(&self, user);
        self.reasons.insert(
            0,
            Reason {
                rule: Cow::Borrowed("user.override"),
                message: Cow::Borrowed(msg),
                weight,
                span: None,
            },
        );
        self.score = match class {
            Class::Personal => 100,
            Class::Boilerplate => 0,
        };
        self
    }
}

/// The user's reclassifications by invitation key ([`Invitation::key`]): the user's class wins.
pub type Overrides = std::collections::HashMap<String, Class>;

/// The class and kind in effect for an invitation: the classifier's `auto` answer unless the
/// user reclassified it. The one place an override turns into a kind, so the CLI's `--kind`
/// and the app's kind filter agree: a row the user moved to the other class becomes personal,
/// or a pitch when the classifier found a pitch, else generic.
pub fn effective(auto: &Classification, user: Option<Class>) -> (Class, Kind) {
    match user {
        Some(class) if class != auto.class => {
            let kind = match class {
                Class::Personal => Kind::Personal,
                Class::Boilerplate => {
                    if auto.reasons.iter().any(|r| r.rule.starts_with("pitch.")) {
                        Kind::Template
                    } else {
                        Kind::Generic
                    }
                }
            };
            (class, kind)
        }
        _ => (auto.class, auto.kind),
    }
}

/// A decision the user made about an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accept,
    Ignore,
    /// Take back a request the user sent (outgoing only): LinkedIn caps how many may be out.
    Withdraw,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Ignore => "ignore",
            Verdict::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "accept" => Some(Verdict::Accept),
            "ignore" => Some(Verdict::Ignore),
            "withdraw" => Some(Verdict::Withdraw),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_join_across_encodings() {
        assert_eq!(
            normalize_profile_url("https://www.linkedin.com/in/Jos%C3%A9-Ni%C3%B1o/"),
            normalize_profile_url("https://www.linkedin.com/in/josé-niño")
        );
        assert_eq!(
            normalize_profile_url("http://linkedin.com/in/ana?trk=x"),
            "linkedin.com/in/ana"
        );
    }

    #[test]
    fn names_fold_space_and_case() {
        assert_eq!(normalize_name("  Ana   ALVAREZ "), "ana alvarez");
    }

    fn auto(class: Class, kind: Kind, rules: &[&str]) -> Classification {
        Classification {
            class,
            kind,
            score: 50,
            reasons: rules
                .iter()
                .map(|r| Reason {
                    rule: r.to_string().into(),
                    message: Cow::Borrowed(""),
                    weight: 0,
                    span: None,
                })
                .collect(),
        }
    }

    #[test]
    fn an_override_sets_class_and_kind_in_one_place() {
        let generic = auto(Class::Boilerplate, Kind::Generic, &["generic.x"]);
        let pitch = auto(Class::Personal, Kind::Personal, &["pitch.offer"]);
        let plain = auto(Class::Personal, Kind::Personal, &["personal.x"]);
        assert_eq!(
            effective(&generic, Some(Class::Personal)),
            (Class::Personal, Kind::Personal)
        );
        assert_eq!(
            effective(&pitch, Some(Class::Boilerplate)),
            (Class::Boilerplate, Kind::Template)
        );
        assert_eq!(
            effective(&plain, Some(Class::Boilerplate)),
            (Class::Boilerplate, Kind::Generic)
        );
        // Agreeing with the classifier, or no override, keeps its kind.
        assert_eq!(
            effective(&generic, Some(Class::Boilerplate)),
            (Class::Boilerplate, Kind::Generic)
        );
        assert_eq!(
            effective(&generic, None),
            (Class::Boilerplate, Kind::Generic)
        );
        let full = generic.clone().with_override(Some(Class::Personal));
        assert_eq!(
            (full.class, full.kind, full.score),
            (Class::Personal, Kind::Personal, 100)
        );
        assert_eq!(full.reasons[0].rule, "user.override");
        assert_eq!(generic.clone().with_override(None), generic);
    }

    #[test]
    fn kind_round_trips() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::Template.class(), Class::Boilerplate);
    }
}

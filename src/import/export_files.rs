//! Pure over byte streams: the other files of a LinkedIn export that say something about a
//! sender or about the user: `Connections.csv`, `messages.csv`, `Profile.csv`, `Positions.csv`,
//! `Education.csv`, `Endorsement_Received_Info.csv`, `Recommendations_Received.csv`. Columns are found by name; optional columns may be missing. Each file has its own date
//! parser, since each uses its own format. A damaged structure (no header, a ragged row) is an
//! error; a date that does not parse in an enrichment column is left out, never guessed.

use std::collections::HashMap;
use std::io::Read;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use crate::import::ImportError;
use crate::import::linkedin_csv::{Scan, field, scan_clock, scan_us_date};
use crate::import::table::{HeaderSpec, Table};
use crate::model::{
    Connection, MessageRef, OwnProfile, Position, School, normalize_name, normalize_profile_url,
};
use crate::sanitize::clean;

/// The longest message snippet kept, in characters.
pub const SNIPPET_CHARS: usize = 80;

fn text(s: &str) -> String {
    field(s).into_owned()
}

fn opt_text(s: &str) -> Option<String> {
    Some(field(s).into_owned()).filter(|s| !s.is_empty())
}

fn full_name(first: &str, last: &str) -> String {
    format!("{} {}", first.trim(), last.trim())
}

/// People keyed the way invitations are joined: by normalised profile URL when both sides have
/// one, else by normalised name. Two rows with the same name but different URLs are two people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleIndex<T> {
    /// Rows that carry a profile URL.
    pub by_url: HashMap<String, T>,
    /// Every row, by name: for a person whose URL is not known.
    pub by_name: HashMap<String, T>,
    /// Rows without a URL, by name: for a person whose URL is known but absent from the file.
    pub by_name_without_url: HashMap<String, T>,
}

impl<T> Default for PeopleIndex<T> {
    fn default() -> Self {
        PeopleIndex {
            by_url: HashMap::new(),
            by_name: HashMap::new(),
            by_name_without_url: HashMap::new(),
        }
    }
}

impl<T: Default> PeopleIndex<T> {
    /// The entries a row counts towards (at most two).
    fn entries(&mut self, url: Option<&str>, name: &str) -> impl Iterator<Item = &mut T> {
        let url = url.map(normalize_profile_url).filter(|u| !u.is_empty());
        let name = normalize_name(name);
        let (first, second) = match (url, name.is_empty()) {
            (Some(u), true) => (Some(self.by_url.entry(u).or_default()), None),
            (Some(u), false) => (
                Some(self.by_url.entry(u).or_default()),
                Some(self.by_name.entry(name).or_default()),
            ),
            (None, true) => (None, None),
            (None, false) => (
                Some(self.by_name.entry(name.clone()).or_default()),
                Some(self.by_name_without_url.entry(name).or_default()),
            ),
        };
        first.into_iter().chain(second)
    }
}

impl<T> PeopleIndex<T> {
    /// The entry for a person: by URL when the person has one, falling back to rows that have
    /// no URL but the same name; by name when the person's URL is unknown.
    pub fn get(&self, url: Option<&str>, name: &str) -> Option<&T> {
        match url.map(normalize_profile_url).filter(|u| !u.is_empty()) {
            Some(u) => self
                .by_url
                .get(&u)
                .or_else(|| self.by_name_without_url.get(&normalize_name(name))),
            None => self.by_name.get(&normalize_name(name)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty() && self.by_name.is_empty()
    }
}

// ---------------------------------------------------------------------------------------
// Connections.csv

pub const CONNECTIONS: &str = "Connections.csv";

const CONNECTIONS_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: CONNECTIONS,
    required: &["First Name", "Last Name"],
    optional: &["URL", "Company", "Position", "Connected On"],
    aliases: &[],
    usual: "First Name,Last Name",
    max_preamble: 8,
};

/// `Connected On`: `16 Dec 2024` (2019 on) or `1/8/18, 6:14 PM` (2018).
pub fn parse_connected_on(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d %b %Y") {
        return Some(d);
    }
    let mut p = Scan::new(s);
    let date = scan_us_date(&mut p)?;
    if p.end().is_some() {
        return Some(date);
    }
    p.byte(b',')?;
    p.spaces()?;
    scan_clock(&mut p)?;
    p.end()?;
    Some(date)
}

pub fn read_connections<R: Read>(r: R, file: &str) -> Result<Vec<Connection>, ImportError> {
    let mut t = Table::open(r, file, &CONNECTIONS_SPEC)?;
    let mut out = Vec::new();
    while t.next()? {
        out.push(Connection {
            first_name: text(t.req(0)?),
            last_name: text(t.req(1)?),
            profile_url: opt_text(t.opt(0)?),
            company: opt_text(t.opt(1)?),
            position: opt_text(t.opt(2)?),
            connected_on: parse_connected_on(t.opt(3)?),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// messages.csv

pub const MESSAGES: &str = "messages.csv";

const MESSAGES_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: MESSAGES,
    required: &["FROM", "TO", "DATE"],
    optional: &["SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "CONTENT"],
    aliases: &[],
    usual: "FROM,TO,DATE",
    max_preamble: 0,
};

/// Messages exchanged with one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub messages: u32,
    pub last: Option<MessageRef>,
}

/// `DATE`: `2024-12-16 18:24:37 UTC`.
pub fn parse_message_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let s = s.strip_suffix("UTC").unwrap_or(s).trim_end();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|n| n.and_utc())
}

/// The first words of a message, on one line, at most [`SNIPPET_CHARS`] characters.
pub fn snippet(content: &str) -> String {
    let cleaned = clean(content);
    let mut flat = String::with_capacity(cleaned.len().min(SNIPPET_CHARS * 4));
    for (n, word) in cleaned.split_whitespace().enumerate() {
        if n > 0 {
            flat.push(' ');
        }
        flat.push_str(word);
        if flat.chars().count() > SNIPPET_CHARS {
            break;
        }
    }
    match flat.char_indices().nth(SNIPPET_CHARS) {
        None => flat,
        Some((cut, _)) => {
            let head = &flat[..cut];
            // Cut at a word boundary when one is reasonably close.
            let head = match head.rfind(' ') {
                Some(sp) if sp > cut / 2 => &head[..sp],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

impl Contact {
    fn add(
        &mut self,
        at: Option<DateTime<Utc>>,
        from_them: bool,
        snip: &mut dyn FnMut() -> String,
    ) {
        self.messages = self.messages.saturating_add(1);
        if let Some(at) = at
            && self.last.as_ref().is_none_or(|l| at >= l.at)
        {
            self.last = Some(MessageRef {
                at,
                from_them,
                snippet: snip(),
            });
        }
    }
}

/// Read `messages.csv` into the people the user exchanged messages with.
pub fn read_messages<R: Read>(r: R, file: &str) -> Result<PeopleIndex<Contact>, ImportError> {
    const FROM: usize = 0;
    const TO: usize = 1;
    const DATE: usize = 2;
    const SENDER_URL: usize = 0;
    const RECIPIENT_URLS: usize = 1;
    const CONTENT: usize = 2;
    let mut t = Table::open(r, file, &MESSAGES_SPEC)?;
    let mut index = PeopleIndex::<Contact>::default();
    while t.next()? {
        let at = parse_message_date(t.req(DATE)?);
        let content = t.opt(CONTENT)?;
        let mut cached: Option<String> = None;
        let mut snip = || cached.get_or_insert_with(|| snippet(content)).clone();
        let from = clean(t.req(FROM)?);
        let sender_url = t.opt(SENDER_URL)?.trim();
        let sender_url = (!sender_url.is_empty()).then(|| clean(sender_url));
        for c in index.entries(sender_url.as_deref(), &from) {
            c.add(at, true, &mut snip);
        }
        let urls: Vec<&str> = t
            .opt(RECIPIENT_URLS)?
            .split([',', ' ', '\t', '\n'])
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .collect();
        let to = clean(t.req(TO)?);
        match urls.as_slice() {
            [] => {
                for c in index.entries(None, &to) {
                    c.add(at, false, &mut snip);
                }
            }
            [one] => {
                for c in index.entries(Some(&clean(one)), &to) {
                    c.add(at, false, &mut snip);
                }
            }
            // A group conversation: names cannot be told apart in `TO`, URLs can.
            many => {
                for u in many {
                    let url = normalize_profile_url(&clean(u));
                    if !url.is_empty() {
                        index
                            .by_url
                            .entry(url)
                            .or_default()
                            .add(at, false, &mut snip);
                    }
                }
            }
        }
    }
    Ok(index)
}

// ---------------------------------------------------------------------------------------
// Endorsement_Received_Info.csv, Recommendations_Received.csv

pub const ENDORSEMENTS: &str = "Endorsement_Received_Info.csv";
pub const RECOMMENDATIONS: &str = "Recommendations_Received.csv";

const ENDORSEMENTS_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: ENDORSEMENTS,
    required: &["Endorser First Name", "Endorser Last Name"],
    optional: &[
        "Endorser Public Url",
        "Skill Name",
        "Endorsement Date",
        "Endorsement Status",
    ],
    aliases: &[],
    usual: "Endorser First Name,Endorser Last Name",
    max_preamble: 0,
};

const RECOMMENDATIONS_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: RECOMMENDATIONS,
    required: &["First Name", "Last Name"],
    optional: &["Company", "Job Title", "Text", "Creation Date", "Status"],
    aliases: &[],
    usual: "First Name,Last Name",
    max_preamble: 0,
};

/// Count endorsements per endorser.
pub fn read_endorsements<R: Read>(r: R, file: &str) -> Result<PeopleIndex<u32>, ImportError> {
    let mut t = Table::open(r, file, &ENDORSEMENTS_SPEC)?;
    let mut index = PeopleIndex::<u32>::default();
    while t.next()? {
        let name = clean(&full_name(t.req(0)?, t.req(1)?)).into_owned();
        let url = opt_text(t.opt(0)?);
        for n in index.entries(url.as_deref(), &name) {
            *n = n.saturating_add(1);
        }
    }
    Ok(index)
}

/// Count recommendations per recommender (by name: the file has no profile URL).
pub fn read_recommendations<R: Read>(r: R, file: &str) -> Result<PeopleIndex<u32>, ImportError> {
    let mut t = Table::open(r, file, &RECOMMENDATIONS_SPEC)?;
    let mut index = PeopleIndex::<u32>::default();
    while t.next()? {
        let name = clean(&full_name(t.req(0)?, t.req(1)?)).into_owned();
        for n in index.entries(None, &name) {
            *n = n.saturating_add(1);
        }
    }
    Ok(index)
}

// ---------------------------------------------------------------------------------------
// Profile.csv, Positions.csv, Education.csv: the user's own

pub const PROFILE: &str = "Profile.csv";
pub const POSITIONS: &str = "Positions.csv";
pub const EDUCATION: &str = "Education.csv";

const PROFILE_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: PROFILE,
    required: &["First Name", "Last Name"],
    optional: &["Headline", "Summary", "Industry", "Geo Location"],
    aliases: &[],
    usual: "First Name,Last Name",
    max_preamble: 0,
};

const POSITIONS_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: POSITIONS,
    required: &["Company Name"],
    optional: &["Title", "Started On", "Finished On"],
    aliases: &[],
    usual: "Company Name",
    max_preamble: 0,
};

const EDUCATION_SPEC: HeaderSpec<'static> = HeaderSpec {
    kind: EDUCATION,
    required: &["School Name"],
    optional: &["Degree Name"],
    aliases: &[],
    usual: "School Name",
    max_preamble: 0,
};

/// The user's own profile: the first row of `Profile.csv`, if any.
pub fn read_profile<R: Read>(r: R, file: &str) -> Result<Option<OwnProfile>, ImportError> {
    let mut t = Table::open(r, file, &PROFILE_SPEC)?;
    if !t.next()? {
        return Ok(None);
    }
    Ok(Some(OwnProfile {
        first_name: text(t.req(0)?),
        last_name: text(t.req(1)?),
        headline: opt_text(t.opt(0)?),
        summary: opt_text(t.opt(1)?),
        industry: opt_text(t.opt(2)?),
        location: opt_text(t.opt(3)?),
    }))
}

pub fn read_positions<R: Read>(r: R, file: &str) -> Result<Vec<Position>, ImportError> {
    let mut t = Table::open(r, file, &POSITIONS_SPEC)?;
    let mut out = Vec::new();
    while t.next()? {
        let company = text(t.req(0)?);
        if company.is_empty() {
            continue;
        }
        out.push(Position {
            company,
            title: opt_text(t.opt(0)?),
            started_on: opt_text(t.opt(1)?),
            finished_on: opt_text(t.opt(2)?),
        });
    }
    Ok(out)
}

pub fn read_education<R: Read>(r: R, file: &str) -> Result<Vec<School>, ImportError> {
    let mut t = Table::open(r, file, &EDUCATION_SPEC)?;
    let mut out = Vec::new();
    while t.next()? {
        let name = text(t.req(0)?);
        if name.is_empty() {
            continue;
        }
        out.push(School {
            name,
            degree: opt_text(t.opt(0)?),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_with_preamble_and_both_date_formats() {
        let csv = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n\
                   First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                   Ana,Alvarez,https://www.linkedin.com/in/ana-alvarez-demo,,Acme,\"Engineer, Platform\",16 Dec 2024\n\
                   Bo,Chen,,,,,\n";
        let c = read_connections(csv.as_bytes(), "Connections.csv").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].connected_on, NaiveDate::from_ymd_opt(2024, 12, 16));
        assert_eq!(c[0].position.as_deref(), Some("Engineer, Platform"));
        assert_eq!(c[1].profile_url, None);
        let old = "First Name,Last Name,Email Address,Company,Position,Connected On\n\
                   Ana,Alvarez,,Acme,Eng,\"1/8/18, 6:14 PM\"\n";
        let c = read_connections(old.as_bytes(), "Connections.csv").unwrap();
        assert_eq!(c[0].connected_on, NaiveDate::from_ymd_opt(2018, 1, 8));
        assert_eq!(c[0].profile_url, None);
        assert_eq!(parse_connected_on("yesterday"), None);
    }

    #[test]
    fn messages_by_url_and_name() {
        let csv = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
            c1,,Ana Alvarez,https://www.linkedin.com/in/ana-alvarez-demo,Sam Demo,https://www.linkedin.com/in/sam-demo,2024-12-16 18:24:37 UTC,,\"Hello Sam,\nhow are you?\",INBOX\n\
            c1,,Sam Demo,https://www.linkedin.com/in/sam-demo,Ana Alvarez,https://www.linkedin.com/in/ana-alvarez-demo,2024-12-17 09:00:00 UTC,,Fine!,INBOX\n";
        let idx = read_messages(csv.as_bytes(), "messages.csv").unwrap();
        let ana = idx
            .get(Some("https://www.linkedin.com/in/Ana-Alvarez-demo/"), "x")
            .unwrap();
        assert_eq!(ana.messages, 2);
        let last = ana.last.as_ref().unwrap();
        assert!(!last.from_them);
        assert_eq!(last.snippet, "Fine!");
        let by_name = idx.get(None, "ana  alvarez").unwrap();
        assert_eq!(by_name.messages, 2);
        // Older files: no URL columns.
        let old = "CONVERSATION ID,CONVERSATION TITLE,FROM,TO,DATE,SUBJECT,CONTENT\n\
                   c1,,Ana Alvarez,Sam Demo,2020-01-02 03:04:05 UTC,,Hi\n";
        let idx = read_messages(old.as_bytes(), "messages.csv").unwrap();
        assert_eq!(idx.get(None, "Ana Alvarez").unwrap().messages, 1);
    }

    #[test]
    fn same_name_different_url_is_another_person() {
        let mut idx = PeopleIndex::<u32>::default();
        for n in idx.entries(
            Some("https://www.linkedin.com/in/ana-alvarez-demo"),
            "Ana Alvarez",
        ) {
            *n += 1;
        }
        let other = Some("https://www.linkedin.com/in/ana-alvarez-other-demo");
        assert_eq!(idx.get(other, "Ana Alvarez"), None);
        assert_eq!(idx.get(None, "Ana Alvarez"), Some(&1));
        for n in idx.entries(None, "Bo Chen") {
            *n += 1;
        }
        assert_eq!(
            idx.get(Some("https://www.linkedin.com/in/bo-chen-demo"), "bo chen"),
            Some(&1)
        );
    }

    #[test]
    fn snippets_are_short_and_flat() {
        assert_eq!(snippet("  Hello\n\nthere  "), "Hello there");
        let long = "word ".repeat(50);
        let s = snippet(&long);
        assert!(
            s.chars().count() <= SNIPPET_CHARS + 1 && s.ends_with('…'),
            "{s}"
        );
    }

    #[test]
    fn endorsements_and_recommendations() {
        let e = "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status\n\
                 2024/01/02 10:00:00 UTC,Rust,Ana,Alvarez,www.linkedin.com/in/ana-alvarez-demo,ACCEPTED\n\
                 2024/01/02 10:00:00 UTC,Go,Ana,Alvarez,www.linkedin.com/in/ana-alvarez-demo,ACCEPTED\n";
        let idx = read_endorsements(e.as_bytes(), ENDORSEMENTS).unwrap();
        assert_eq!(
            idx.get(Some("https://www.linkedin.com/in/ana-alvarez-demo"), ""),
            Some(&2)
        );
        let r = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n\
                 Bo,Chen,Acme,CTO,\"Great, really.\",\"01/02/24, 10:00 AM\",VISIBLE\n";
        let idx = read_recommendations(r.as_bytes(), RECOMMENDATIONS).unwrap();
        assert_eq!(idx.get(None, "bo chen"), Some(&1));
        let minimal = "First Name,Last Name\nBo,Chen\n";
        assert!(read_recommendations(minimal.as_bytes(), RECOMMENDATIONS).is_ok());
    }

    #[test]
    fn own_profile_positions_schools() {
        let p = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n\
                 Sam,Demo,,,,Rust developer,,Software,,\"Lisbon, Portugal\",,,\n";
        let p = read_profile(p.as_bytes(), PROFILE).unwrap().unwrap();
        assert_eq!(p.location.as_deref(), Some("Lisbon, Portugal"));
        let pos = "Company Name,Title,Description,Location,Started On,Finished On\nAcme Demo Corp,Engineer,,,Jan 2020,\n";
        let pos = read_positions(pos.as_bytes(), POSITIONS).unwrap();
        assert_eq!(pos[0].finished_on, None);
        let edu = "School Name,Start Date,End Date,Notes,Degree Name,Activities\nDemo University,2010,2014,,BSc,\n";
        assert_eq!(
            read_education(edu.as_bytes(), EDUCATION).unwrap()[0]
                .degree
                .as_deref(),
            Some("BSc")
        );
    }
}

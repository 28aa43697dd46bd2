//! The compact table every export keeps its invitations in: one text arena, fixed-size rows of
//! `u32` string ids, dates as integers, and the rare parts (JSON profile fields, what the other
//! files say of a person) in side tables. Rows are read as borrowed [`Invitation`] views, so
//! reading allocates nothing. Pure data: no I/O.
//!
//! A text equal to one of the few most recently stored is stored once (the owner's name and URL
//! are on every row of Invitations.csv), and a raw note equal to its sanitised note shares it.
//! There is no global interning index: most names, URLs and notes are unique, so hashing each
//! one to look it up would cost more time (and memory while importing) than it saves.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};

use super::{
    Direction, Invitation, InvitationRecord, InvitationType, Recipient, Relationship, Sender,
    Source,
};

/// The id of no string.
const NONE: u32 = u32::MAX;
/// How many recently stored strings a new one is compared with before it is stored.
const RECENT: usize = 8;
/// Text past which [`Invitations::append`] copies the arena and the rows on two threads.
const PARALLEL_APPEND_BYTES: usize = 8 * 1024 * 1024;
/// The row has an entry in [`Invitations::extras`].
const HAS_EXTRA: u8 = 1;
/// The row has an entry in [`Invitations::relationships`].
const HAS_RELATIONSHIP: u8 = 2;

/// The table cannot hold more: its text arena is limited to 4 GiB (offsets are `u32`), and to
/// 65,536 source files. Far above the import size limits; an importer reports it as too big.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("more text than one export can hold (4 GiB)")
    }
}

/// One invitation: 56 bytes, no pointers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Row {
    /// `sent_at` as UTC seconds and nanoseconds.
    secs: i64,
    nanos: u32,
    /// 1-based line in `files[file]`, saturating.
    line: u32,
    sender_name: u32,
    sender_url: u32,
    sender_urn: u32,
    recipient_name: u32,
    recipient_url: u32,
    recipient_urn: u32,
    note: u32,
    /// The same id as `note` unless sanitising changed the note.
    raw_note: u32,
    file: u16,
    direction: Direction,
    kind: InvitationType,
    flags: u8,
}

/// What JSON input may say of a sender beyond name, URL and URN: rare, so kept aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extra {
    headline: u32,
    company: u32,
    position: u32,
    location: u32,
    about: u32,
    mutual_connections: Option<u32>,
}

static NO_RELATIONSHIP: Relationship = Relationship {
    connected: false,
    connected_on: None,
    company: None,
    position: None,
    messages: 0,
    last_message: None,
    endorsements: 0,
    recommendations: 0,
};

/// The invitations of one export, in file order.
#[derive(Clone)]
pub struct Invitations {
    rows: Vec<Row>,
    /// Every string, sanitised (and raw notes), each distinct text once.
    text: String,
    /// `(offset, length)` in `text` of each string id.
    strings: Vec<(u32, u32)>,
    /// Sorted by row.
    extras: Vec<(u32, Extra)>,
    /// Sorted by row.
    relationships: Vec<(u32, Relationship)>,
    /// The source files' names, by id.
    files: Vec<Box<str>>,
    /// The strings stored or reused most recently, most recent first: (id, offset, length),
    /// so comparing with one reads only the arena.
    recent: [(u32, u32, u32); RECENT],
}

/// No recent string.
const NO_RECENT: (u32, u32, u32) = (NONE, 0, 0);

impl Default for Invitations {
    fn default() -> Self {
        Invitations {
            rows: Vec::new(),
            text: String::new(),
            strings: Vec::new(),
            extras: Vec::new(),
            relationships: Vec::new(),
            files: Vec::new(),
            recent: [NO_RECENT; RECENT],
        }
    }
}

impl Invitations {
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty table with room for `rows` rows.
    pub fn with_capacity(rows: usize) -> Self {
        Invitations {
            rows: Vec::with_capacity(rows),
            ..Self::default()
        }
    }

    /// Make room for `rows` more rows and `text` more bytes of text (a guess is fine: room
    /// never touched costs no memory, and [`Invitations::shrink`] gives it back).
    pub fn reserve(&mut self, rows: usize, text: usize) {
        self.rows.reserve(rows);
        self.text.reserve(text);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<Invitation<'_>> {
        self.rows.get(i).map(|r| self.view(i, r))
    }

    /// Row `i`. Panics past the end, as indexing a slice does.
    pub fn at(&self, i: usize) -> Invitation<'_> {
        self.view(i, &self.rows[i])
    }

    /// Row `i`'s note, without building the whole view (for passes over every row).
    pub fn note(&self, i: usize) -> Option<&str> {
        let id = self.rows.get(i)?.note;
        (id != NONE).then(|| self.str(id))
    }

    /// [`Invitation::has_note`] of row `i`, without building the whole view.
    pub fn has_note(&self, i: usize) -> bool {
        self.note(i).is_some_and(|n| !n.trim().is_empty())
    }

    /// Row `i`'s direction, without building the whole view.
    pub fn direction(&self, i: usize) -> Option<Direction> {
        self.rows.get(i).map(|r| r.direction)
    }

    /// [`Invitation::is_pending`] of row `i`, without building the whole view.
    pub fn is_pending(&self, i: usize) -> bool {
        self.rows.get(i).is_some_and(|r| {
            let connected = r.flags & HAS_RELATIONSHIP != 0
                && self
                    .side(&self.relationships, i)
                    .is_some_and(|rel| rel.connected);
            super::is_pending(r.direction, r.kind, connected)
        })
    }

    /// The last row.
    pub fn last(&self) -> Option<Invitation<'_>> {
        self.len().checked_sub(1).map(|i| self.at(i))
    }

    /// The rows in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            table: self,
            range: 0..self.rows.len(),
        }
    }

    /// Owned copies of every row (tests, and callers that rebuild a table with changes).
    pub fn to_records(&self) -> Vec<InvitationRecord> {
        self.iter().map(|i| i.to_record()).collect()
    }

    /// A table of `records`, in order. For data built in memory (tests, the demo); importers
    /// use [`Invitations::push`], which reports a table too large instead of panicking.
    pub fn from_records<'r>(records: impl IntoIterator<Item = &'r InvitationRecord>) -> Self {
        let mut t = Invitations::new();
        for r in records {
            t.push(&r.view()).expect("an in-memory table fits in 4 GiB");
        }
        t.shrink();
        t
    }

    /// Rebuild the table with `f` applied to an owned copy of each row: for tests and rare
    /// edits, since it copies every row twice.
    pub fn edit_each(&mut self, f: impl FnMut(&mut InvitationRecord)) {
        let mut records = self.to_records();
        records.iter_mut().for_each(f);
        *self = Invitations::from_records(&records);
    }

    /// Append an owned row (see [`Invitations::push`]).
    pub fn push_record(&mut self, inv: &InvitationRecord) -> Result<(), TooLarge> {
        self.push(&inv.view())
    }

    /// Append a row, copying its text into the arena (each distinct text once).
    pub fn push(&mut self, inv: &Invitation<'_>) -> Result<(), TooLarge> {
        let index = u32::try_from(self.rows.len()).map_err(|_| TooLarge)?;
        let file = self.file_id(inv.source.file)?;
        let note = self.intern_opt(inv.note)?;
        let raw_note = match (inv.raw_note, inv.note) {
            (Some(raw), Some(note)) if raw == note => self.intern_opt(inv.note)?,
            (raw, _) => self.intern_opt(raw)?,
        };
        let s = &inv.sender;
        let mut flags = 0;
        if s.headline.is_some()
            || s.company.is_some()
            || s.position.is_some()
            || s.location.is_some()
            || s.about.is_some()
            || s.mutual_connections.is_some()
        {
            let extra = Extra {
                headline: self.intern_opt(s.headline)?,
                company: self.intern_opt(s.company)?,
                position: self.intern_opt(s.position)?,
                location: self.intern_opt(s.location)?,
                about: self.intern_opt(s.about)?,
                mutual_connections: s.mutual_connections,
            };
            self.extras.push((index, extra));
            flags |= HAS_EXTRA;
        }
        if inv.relationship != &NO_RELATIONSHIP {
            self.relationships.push((index, inv.relationship.clone()));
            flags |= HAS_RELATIONSHIP;
        }
        let row = Row {
            secs: inv.sent_at.timestamp(),
            nanos: inv.sent_at.timestamp_subsec_nanos(),
            line: u32::try_from(inv.source.line).unwrap_or(u32::MAX),
            sender_name: self.intern(s.name)?,
            sender_url: self.intern_opt(s.profile_url)?,
            sender_urn: self.intern_opt(s.profile_urn)?,
            recipient_name: self.intern(inv.recipient.name)?,
            recipient_url: self.intern_opt(inv.recipient.profile_url)?,
            recipient_urn: self.intern_opt(inv.recipient.profile_urn)?,
            note,
            raw_note,
            file,
            direction: inv.direction,
            kind: inv.kind,
            flags,
        };
        self.rows.push(row);
        Ok(())
    }

    /// Append every row of `other`, in order (a chunk parsed on another thread): its arena is
    /// copied whole and its ids shifted, so this is a few copies, not a push per row. On
    /// `TooLarge` nothing of `other` has been added.
    pub fn append(&mut self, other: &Invitations) -> Result<(), TooLarge> {
        self.append_shifted(other, 0)
    }

    /// [`Invitations::append`], each appended row's line `lines` further down its file (a
    /// chunk of a file that was read from the chunk's start).
    pub fn append_shifted(&mut self, other: &Invitations, lines: u64) -> Result<(), TooLarge> {
        let text_shift = u32::try_from(self.text.len()).map_err(|_| TooLarge)?;
        u32::try_from(other.text.len())
            .ok()
            .and_then(|l| text_shift.checked_add(l))
            .ok_or(TooLarge)?;
        let id_shift = u32::try_from(self.strings.len()).map_err(|_| TooLarge)?;
        u32::try_from(other.strings.len())
            .ok()
            // The last new id is one less than the sum, so never `NONE`.
            .and_then(|n| id_shift.checked_add(n))
            .ok_or(TooLarge)?;
        let row_shift = u32::try_from(self.rows.len()).map_err(|_| TooLarge)?;
        u32::try_from(other.rows.len())
            .ok()
            .and_then(|n| row_shift.checked_add(n))
            .ok_or(TooLarge)?;
        let mut files = Vec::with_capacity(other.files.len());
        for f in &other.files {
            files.push(self.file_id(f)?);
        }
        let id = |id: u32| if id == NONE { NONE } else { id + id_shift };
        let copy_text = |text: &mut String, strings: &mut Vec<(u32, u32)>| {
            text.push_str(&other.text);
            strings.extend(
                other
                    .strings
                    .iter()
                    .map(|&(offset, len)| (offset + text_shift, len)),
            );
        };
        let copy_rows = |rows: &mut Vec<Row>| {
            rows.extend(other.rows.iter().map(|r| Row {
                sender_name: id(r.sender_name),
                sender_url: id(r.sender_url),
                sender_urn: id(r.sender_urn),
                recipient_name: id(r.recipient_name),
                recipient_url: id(r.recipient_url),
                recipient_urn: id(r.recipient_urn),
                note: id(r.note),
                raw_note: id(r.raw_note),
                file: files.get(usize::from(r.file)).copied().unwrap_or(r.file),
                line: u32::try_from(u64::from(r.line) + lines).unwrap_or(u32::MAX),
                ..*r
            }));
        };
        // A big chunk's arena and its rows are copied side by side: the copy is mostly page
        // faults on fresh memory, on one core while the other waits for the joined table.
        if other.text.len() >= PARALLEL_APPEND_BYTES {
            let (text, strings, rows) = (&mut self.text, &mut self.strings, &mut self.rows);
            std::thread::scope(|s| {
                s.spawn(|| copy_text(text, strings));
                copy_rows(rows);
            });
        } else {
            copy_text(&mut self.text, &mut self.strings);
            copy_rows(&mut self.rows);
        }
        self.extras.extend(other.extras.iter().map(|(r, x)| {
            let extra = Extra {
                headline: id(x.headline),
                company: id(x.company),
                position: id(x.position),
                location: id(x.location),
                about: id(x.about),
                mutual_connections: x.mutual_connections,
            };
            (r + row_shift, extra)
        }));
        self.relationships.extend(
            other
                .relationships
                .iter()
                .map(|(r, rel)| (r + row_shift, rel.clone())),
        );
        if other.recent.iter().any(|&(r, _, _)| r != NONE) {
            self.recent = other.recent.map(|(r, offset, len)| match r {
                NONE => NO_RECENT,
                r => (r + id_shift, offset + text_shift, len),
            });
        }
        Ok(())
    }

    /// Set what the rest of the export says of row `i`'s other party.
    pub fn set_relationship(&mut self, i: usize, rel: Relationship) {
        let Ok(index) = u32::try_from(i) else { return };
        let Some(row) = self.rows.get_mut(i) else {
            return;
        };
        let at = self.relationships.partition_point(|(r, _)| *r < index);
        let present = self.relationships.get(at).is_some_and(|(r, _)| *r == index);
        if rel == NO_RELATIONSHIP {
            row.flags &= !HAS_RELATIONSHIP;
            if present {
                self.relationships.remove(at);
            }
        } else {
            row.flags |= HAS_RELATIONSHIP;
            if present {
                self.relationships[at].1 = rel;
            } else {
                self.relationships.insert(at, (index, rel));
            }
        }
    }

    /// Check every profile URL with `check`: keep what it returns (borrowed when it is the URL
    /// as it was), or drop the URL and tell `dropped` (the row, whose name it was, the URL,
    /// why). A URL repeated on consecutive rows (the owner's, on every row) is checked once.
    pub fn vet_profile_urls<E: Clone>(
        &mut self,
        check: impl Fn(&str) -> Result<Cow<'_, str>, E>,
        mut dropped: impl FnMut(Source<'_>, &str, &str, &E),
    ) -> Result<(), TooLarge> {
        let mut last: [Option<(u32, Result<u32, E>)>; 2] = [None, None];
        for i in 0..self.rows.len() {
            for (slot, cache) in last.iter_mut().enumerate() {
                let row = self.rows[i];
                let (id, name) = if slot == 0 {
                    (row.sender_url, row.sender_name)
                } else {
                    (row.recipient_url, row.recipient_name)
                };
                if id == NONE {
                    continue;
                }
                let verdict = match cache {
                    Some((seen, v)) if *seen == id => v.clone(),
                    _ => {
                        let v = match check(self.str(id)) {
                            // Usually the URL as it was: keep its id rather than store it again.
                            Ok(Cow::Borrowed(kept)) if std::ptr::eq(kept, self.str(id)) => Ok(id),
                            Ok(kept) if *kept == *self.str(id) => Ok(id),
                            Ok(kept) => {
                                let kept = kept.into_owned();
                                Ok(self.intern(&kept)?)
                            }
                            Err(e) => Err(e),
                        };
                        *cache = Some((id, v.clone()));
                        v
                    }
                };
                let new = match verdict {
                    Ok(kept) => kept,
                    Err(e) => {
                        dropped(self.source(&row), self.str(name), self.str(id), &e);
                        NONE
                    }
                };
                let row = &mut self.rows[i];
                if slot == 0 {
                    row.sender_url = new;
                } else {
                    row.recipient_url = new;
                }
            }
        }
        Ok(())
    }

    /// Done building: drop spare capacity. Pushing after this still works.
    pub fn shrink(&mut self) {
        self.rows.shrink_to_fit();
        self.text.shrink_to_fit();
        self.strings.shrink_to_fit();
        self.extras.shrink_to_fit();
        self.relationships.shrink_to_fit();
    }

    /// Bytes of text in the arena.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Bytes held on the heap (rows, arena, string table, side tables), for measurements.
    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * size_of::<Row>()
            + self.text.capacity()
            + self.strings.capacity() * size_of::<(u32, u32)>()
            + self.extras.capacity() * size_of::<(u32, Extra)>()
            + self.relationships.capacity() * size_of::<(u32, Relationship)>()
    }

    fn view(&self, i: usize, r: &Row) -> Invitation<'_> {
        let extra = if r.flags & HAS_EXTRA != 0 {
            self.side(&self.extras, i).copied()
        } else {
            None
        };
        let relationship = if r.flags & HAS_RELATIONSHIP != 0 {
            self.side(&self.relationships, i)
                .unwrap_or(&NO_RELATIONSHIP)
        } else {
            &NO_RELATIONSHIP
        };
        let opt = |id: u32| (id != NONE).then(|| self.str(id));
        let e = |f: fn(&Extra) -> u32| extra.as_ref().and_then(|x| opt(f(x)));
        Invitation {
            direction: r.direction,
            kind: r.kind,
            sender: Sender {
                name: self.str(r.sender_name),
                profile_url: opt(r.sender_url),
                profile_urn: opt(r.sender_urn),
                headline: e(|x| x.headline),
                company: e(|x| x.company),
                position: e(|x| x.position),
                location: e(|x| x.location),
                mutual_connections: extra.and_then(|x| x.mutual_connections),
                about: e(|x| x.about),
            },
            recipient: Recipient {
                name: self.str(r.recipient_name),
                profile_url: opt(r.recipient_url),
                profile_urn: opt(r.recipient_urn),
            },
            sent_at: DateTime::<Utc>::from_timestamp(r.secs, r.nanos).unwrap_or_default(),
            note: opt(r.note),
            raw_note: opt(r.raw_note),
            source: self.source(r),
            relationship,
        }
    }

    fn source(&self, r: &Row) -> Source<'_> {
        Source {
            file: self.files.get(usize::from(r.file)).map_or("", |f| f),
            line: u64::from(r.line),
        }
    }

    fn side<'t, T>(&self, table: &'t [(u32, T)], i: usize) -> Option<&'t T> {
        let i = u32::try_from(i).ok()?;
        table
            .binary_search_by_key(&i, |(r, _)| *r)
            .ok()
            .map(|k| &table[k].1)
    }

    fn str(&self, id: u32) -> &str {
        match self.strings.get(id as usize) {
            Some(&(o, l)) => self
                .text
                .get(o as usize..o as usize + l as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    fn intern_opt(&mut self, s: Option<&str>) -> Result<u32, TooLarge> {
        match s {
            Some(s) => self.intern(s),
            None => Ok(NONE),
        }
    }

    /// The id of `s`: a recent string's if it is equal to one, else a new one.
    fn intern(&mut self, s: &str) -> Result<u32, TooLarge> {
        let (text, len) = (self.text.as_bytes(), s.len());
        let hit = self.recent.iter().position(|&(id, offset, l)| {
            l as usize == len
                && id != NONE
                && text.get(offset as usize..offset as usize + len) == Some(s.as_bytes())
        });
        if let Some(k) = hit {
            let entry = self.recent[k];
            self.recent.copy_within(0..k, 1);
            self.recent[0] = entry;
            return Ok(entry.0);
        }
        let offset = u32::try_from(self.text.len()).map_err(|_| TooLarge)?;
        let len = u32::try_from(len).map_err(|_| TooLarge)?;
        offset.checked_add(len).ok_or(TooLarge)?;
        let id = u32::try_from(self.strings.len())
            .ok()
            .filter(|&id| id != NONE)
            .ok_or(TooLarge)?;
        self.strings.push((offset, len));
        self.text.push_str(s);
        self.recent.copy_within(0..RECENT - 1, 1);
        self.recent[0] = (id, offset, len);
        Ok(id)
    }

    fn file_id(&mut self, file: &str) -> Result<u16, TooLarge> {
        if let Some(last) = self.files.len().checked_sub(1)
            && *self.files[last] == *file
        {
            return u16::try_from(last).map_err(|_| TooLarge);
        }
        if let Some(k) = self.files.iter().position(|f| **f == *file) {
            return u16::try_from(k).map_err(|_| TooLarge);
        }
        let id = u16::try_from(self.files.len()).map_err(|_| TooLarge)?;
        self.files.push(file.into());
        Ok(id)
    }
}

impl PartialEq for Invitations {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Invitations {}

impl fmt::Debug for Invitations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for Invitations {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl FromIterator<InvitationRecord> for Invitations {
    fn from_iter<I: IntoIterator<Item = InvitationRecord>>(iter: I) -> Self {
        let records: Vec<InvitationRecord> = iter.into_iter().collect();
        Invitations::from_records(&records)
    }
}

impl<'a> IntoIterator for &'a Invitations {
    type Item = Invitation<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The rows of an [`Invitations`] table, in order, as borrowed views.
#[derive(Clone)]
pub struct Iter<'a> {
    table: &'a Invitations,
    range: std::ops::Range<usize>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = Invitation<'a>;

    fn next(&mut self) -> Option<Invitation<'a>> {
        self.range.next().map(|i| self.table.at(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<Invitation<'a>> {
        self.range.nth(n).map(|i| self.table.at(i))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.range.next_back().map(|i| self.table.at(i))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MessageRef, RecipientRecord, SenderRecord, SourceLoc};

    fn record(name: &str, note: Option<&str>, line: u64) -> InvitationRecord {
        InvitationRecord {
            direction: Direction::Incoming,
            kind: InvitationType::Connection,
            sender: SenderRecord {
                name: name.to_string(),
                profile_url: Some(format!("https://www.linkedin.com/in/{name}")),
                ..SenderRecord::default()
            },
            recipient: RecipientRecord {
                name: "Sam Demo".to_string(),
                profile_url: Some("https://www.linkedin.com/in/sam-demo".to_string()),
                profile_urn: None,
            },
            sent_at: DateTime::from_timestamp(1_700_000_000, 123).unwrap(),
            note: note.map(str::to_string),
            raw_note: note.map(|n| format!("{n}\u{7}")),
            source: SourceLoc {
                file: "Invitations.csv".into(),
                line,
            },
            relationship: Relationship::default(),
        }
    }

    #[test]
    fn rows_read_back_as_pushed_and_shared_text_is_stored_once() {
        let mut records: Vec<InvitationRecord> = (0..50)
            .map(|k| record(&format!("p{k}"), (k % 3 == 0).then_some("Hi"), k + 2))
            .collect();
        records[7].sender.headline = Some("Engineer".into());
        records[7].sender.mutual_connections = Some(3);
        records[9].relationship = Relationship {
            connected: true,
            last_message: Some(MessageRef {
                at: DateTime::from_timestamp(1, 0).unwrap(),
                from_them: true,
                snippet: "yo".into(),
            }),
            ..Relationship::default()
        };
        records[11].source.file = "other.csv".into();
        records[12].direction = Direction::Outgoing;
        records[13].kind = InvitationType::Event;
        records[14].relationship.messages = 2; // a relationship, but not connected
        let table = Invitations::from_records(&records);
        assert_eq!(table.len(), 50);
        assert_eq!(table.to_records(), records);
        // The owner's name and URL, on every row, are each stored once.
        assert_eq!(table.text.matches("Sam Demo").count(), 1);
        assert_eq!(table.text.matches("/in/sam-demo").count(), 1);
        // A raw note equal to its note shares it.
        let mut clean = records[0].clone();
        clean.raw_note = clean.note.clone();
        let one = Invitations::from_records([&clean]);
        assert_eq!(one.text.matches("Hi").count(), 1);
        assert_eq!(one.at(0).raw_note, Some("Hi"));
        assert!(!table.at(9).is_pending());
        for i in 0..table.len() {
            assert_eq!(table.has_note(i), table.at(i).has_note());
            assert_eq!(table.note(i), table.at(i).note);
            assert_eq!(table.is_pending(i), table.at(i).is_pending(), "row {i}");
            assert_eq!(table.direction(i), Some(table.at(i).direction));
        }
        assert_eq!(table.direction(50), None);
        assert!(!table.is_pending(50));
        assert!(table.is_pending(14));
        assert!(!table.is_pending(12) && !table.is_pending(13));
        assert!(table.at(8).is_pending());
    }

    #[test]
    fn relationships_can_be_set_in_any_order_and_cleared() {
        let records: Vec<InvitationRecord> = (0..5).map(|k| record("a", None, k)).collect();
        let mut table = Invitations::from_records(&records);
        let connected = Relationship {
            connected: true,
            ..Relationship::default()
        };
        table.set_relationship(3, connected.clone());
        table.set_relationship(1, connected.clone());
        assert_eq!(
            table.iter().map(|i| i.is_pending()).collect::<Vec<_>>(),
            [true, false, true, false, true]
        );
        table.set_relationship(3, Relationship::default());
        assert!(table.at(3).is_pending());
        assert_eq!(table.relationships.len(), 1);
    }

    #[test]
    fn urls_are_replaced_or_dropped_with_the_row_named() {
        let mut records: Vec<InvitationRecord> = (0..3).map(|k| record("a", None, k)).collect();
        records[1].sender.profile_url = Some("javascript:alert(1)".into());
        let mut table = Invitations::from_records(&records);
        let mut told = Vec::new();
        table
            .vet_profile_urls(
                |u| {
                    if u.starts_with("https://") {
                        Ok(Cow::Owned(u.to_uppercase()))
                    } else {
                        Err("bad")
                    }
                },
                |src, who, raw, why| told.push(format!("{src} {who} {raw} {why}")),
            )
            .unwrap();
        assert_eq!(told, ["Invitations.csv:1 a javascript:alert(1) bad"]);
        assert_eq!(table.at(1).sender.profile_url, None);
        assert_eq!(
            table.at(2).recipient.profile_url,
            Some("HTTPS://WWW.LINKEDIN.COM/IN/SAM-DEMO")
        );
    }

    /// Appending a table gives the rows pushing them one by one gives, whatever the split;
    /// both tables' shared texts, side tables and files included, and pushing goes on after.
    #[test]
    fn appending_a_table_is_pushing_its_rows() {
        let mut records: Vec<InvitationRecord> = (0..40)
            .map(|k| record(&format!("p{}", k % 7), (k % 3 == 0).then_some("Hi"), k + 2))
            .collect();
        records[5].sender.headline = Some("Engineer".into());
        records[5].sender.mutual_connections = Some(3);
        records[30].sender.company = Some("Acme".into());
        records[31].relationship.connected = true;
        records[12].relationship.messages = 2;
        for r in &mut records[20..25] {
            r.source.file = "other.json".into();
        }
        records[33].source.file = "third.json".into();
        for split in [0, 1, 13, 20, 31, 39, 40] {
            let mut a = Invitations::from_records(&records[..split]);
            let b = Invitations::from_records(&records[split..]);
            a.append(&b).unwrap();
            assert_eq!(a.to_records(), records, "split at {split}");
            assert_eq!(a, Invitations::from_records(&records));
            let extra = record("late", Some("Hi"), 99);
            a.push_record(&extra).unwrap();
            assert_eq!(a.last().unwrap().to_record(), extra);
            // The owner's name, on every row, is stored once per table at most.
            assert!(a.text.matches("Sam Demo").count() <= 2);
        }
        let mut empty = Invitations::new();
        empty.append(&Invitations::new()).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn a_row_is_56_bytes() {
        assert_eq!(size_of::<Row>(), 56);
    }
}

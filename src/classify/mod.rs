//! The classifier: boilerplate or personal, with a kind, a score and reasons that point at
//! evidence in the note. Pure and deterministic: same export in, same verdicts out.
//!
//! Pipeline (see docs/CLASSIFICATION.md for every rule):
//! - [`normalise`]: fold the note (NFKC, accents, case, quotes, spacing), replace names;
//! - [`stock`]: LinkedIn's stock texts, fuzzily;
//! - [`lexicon`]: generic, pitch and personal phrasing in seven languages (and a few words of
//!   five more);
//! - [`context`]: the user's employers, schools and connections;
//! - [`cluster`]: the same note from other senders in the export;
//! - [`language`]: the note's language (whatlang) and how common its words are in it
//!   (wordfreq tables in data/wordfreq/);
//! - [`rules`]: the note analysed once, then evidence passes that each add reasons;
//! - [`weights`]: the reasons' weights, fitted by `cargo run --release --example fit_weights`.

pub mod cluster;
pub mod context;
pub mod hash;
pub mod labeled;
pub mod language;
pub mod lexicon;
pub mod normalise;
pub mod rules;
pub mod stock;
pub mod weights;

use std::collections::HashMap;

use chrono::Datelike;
use std::ops::Range;

use crate::model::{
    Class, Classification, Direction, Export, Invitation, Invitations, Kind, Relationship,
    normalize_name, normalize_profile_url,
};

pub use context::SharedContext;
pub use rules::{NoteContext, UNSURE_HIGH, UNSURE_LOW, classify_note};

use normalise::{Normalised, Packed, Unnamed, name_parts};

/// True when the classifier is unsure of a verdict: a personal score in the middle band. The
/// app lists these first under Personal, marked "unsure"; `classify` reports `"unsure": true`.
pub fn is_unsure(c: &Classification) -> bool {
    c.class == Class::Personal
        && rules::is_unsure(c.score)
        && !c.reasons.iter().any(|r| r.rule.starts_with("user."))
}

pub use crate::model::Overrides;

/// Classify every invitation of an export, in order. Clustering and shared-context signals
/// use the whole export.
pub fn classify_export(export: &Export, overrides: &Overrides) -> Vec<Classification> {
    classify_export_grouped(export, overrides).0
}

/// [`classify_export`], and the export's groups of near-identical notes: what a front-end that
/// applies overrides itself (the app) needs to let near-duplicates follow the user.
pub fn classify_export_grouped(
    export: &Export,
    overrides: &Overrides,
) -> (Vec<Classification>, NearDuplicates) {
    let shared = SharedContext::from_export(export);
    let contexts: Vec<Option<&SharedContext>> = vec![None; export.invitations.len()];
    classify_grouped(export, &shared, &contexts, overrides)
}

/// Groups of near-identical notes in an export (the [`cluster`] groups of two or more
/// invitations), each in export order: a reclassification of one member carries to the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NearDuplicates {
    groups: Vec<Vec<usize>>,
}

impl NearDuplicates {
    /// From each note row's cluster group (`None`: no words to compare).
    fn new(note_rows: &[usize], group: &[Option<u32>]) -> NearDuplicates {
        let mut by_group: HashMap<u32, Vec<usize>> = HashMap::new();
        for (&i, g) in note_rows.iter().zip(group) {
            if let Some(g) = g {
                by_group.entry(*g).or_default().push(i);
            }
        }
        let mut groups: Vec<Vec<usize>> = by_group.into_values().filter(|m| m.len() > 1).collect();
        groups.sort_unstable_by_key(|m| m[0]);
        NearDuplicates { groups }
    }

    /// Each group's invitation indices, in export order; groups ordered by their first member.
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }
}

/// Which members of one group of near-identical notes follow the user, given the members'
/// invitation keys in export order: the first member the user reclassified leads, and every
/// member the user did not reclassify follows its class. Per member: `(class, leader's
/// position)`, or `None` (reclassified itself, or nobody in the group was).
pub fn follow_in_group(keys: &[&str], overrides: &Overrides) -> Vec<Option<(Class, usize)>> {
    let leader = keys
        .iter()
        .enumerate()
        .find_map(|(p, k)| overrides.get(*k).map(|&c| (c, p)));
    keys.iter()
        .map(|k| leader.filter(|_| !overrides.contains_key(*k)))
        .collect()
}

/// The reason a note gives when it follows a near-identical note the user reclassified.
pub fn near_duplicate_message(class: Class, from: &str) -> String {
    format!(
        "You marked a near-identical note {} (from {from})",
        class.as_str()
    )
}

/// [`classify_export`] with a shared context per invitation where given (the labeled set
/// carries one per note); `None` uses `default`.
pub fn classify_with(
    export: &Export,
    default: &SharedContext,
    per_note: &[Option<&SharedContext>],
    overrides: &Overrides,
) -> Vec<Classification> {
    classify_grouped(export, default, per_note, overrides).0
}

/// Everything [`classify_note`] reads of a note and its context: two notes with equal keys get
/// equal verdicts. The other party's name is part of it only when a reason quotes it.
#[derive(PartialEq, Eq)]
struct Memo<'a> {
    text: &'a str,
    text_hash: u64,
    note: &'a Packed,
    /// The shared context's address: the labeled set gives each note its own.
    shared: usize,
    messages: u32,
    endorsed: bool,
    counterpart: &'a str,
    other_senders: u32,
    outgoing: bool,
    sent_year: i32,
}

impl<'a> Memo<'a> {
    fn new(text: &'a str, normal: &'a Normal, ctx: &NoteContext<'a>) -> Memo<'a> {
        let note = &normal.note;
        let rel = ctx.relationship;
        let endorsed = rel.endorsements > 0 || rel.recommendations > 0;
        Memo {
            text,
            text_hash: normal.text_hash,
            note,
            shared: std::ptr::from_ref(ctx.shared) as usize,
            messages: rel.messages,
            endorsed,
            counterpart: if rel.messages > 0 || endorsed {
                ctx.counterpart
            } else {
                ""
            },
            other_senders: ctx.other_senders,
            outgoing: ctx.outgoing,
            // The year sent is read only to date a year the note names (four digits).
            sent_year: if normal.names_a_year {
                ctx.sent_year
            } else {
                0
            },
        }
    }
}

/// Hashes what sets most notes apart (the text), not the packed note, which mostly repeats it:
/// equal keys still hash equally.
impl std::hash::Hash for Memo<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.text_hash.hash(h);
        self.other_senders.hash(h);
        self.sent_year.hash(h);
        self.messages.hash(h);
    }
}

/// True when a word of the note (not a name) could be a year: four ASCII digits.
fn names_a_year(text: &str, note: &Packed) -> bool {
    // Folding makes ASCII digits of other digits, never of anything not numeric.
    text.chars().any(char::is_numeric)
        && note
            .words_without_names(0..usize::MAX)
            .iter()
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether notes with equal [`Memo`]s share one verdict: always, but for the test that checks
/// sharing changes nothing.
#[derive(Clone, Copy)]
enum Share {
    Verdicts,
    #[cfg_attr(not(test), allow(dead_code))]
    Nothing,
}

/// What [`classify_notes`] found: the rows with a note, in order, what `keep` kept of each
/// one's verdict, and each one's group of near-identical notes.
struct Noted<R> {
    note_rows: Vec<usize>,
    verdicts: Vec<R>,
    groups: Vec<Option<u32>>,
}

/// Classify the rows with a note, keeping what `keep` takes of each verdict as soon as it is
/// made (a caller that needs only the class does not hold every verdict's reasons).
fn classify_notes<R: Send + Clone>(
    export: &Export,
    default: &SharedContext,
    per_note: &[Option<&SharedContext>],
    keep: impl Fn(Classification) -> R + Sync,
    share: Share,
) -> Noted<R> {
    let invs = &export.invitations;
    // Only rows with a note do real work; the rest (about 96% of a real export) take the cheap
    // path at the end, so nothing per row is allocated for them before that.
    let note_rows: Vec<usize> = par_range(invs.len(), MIN_ROWS_PER_THREAD, |rows| {
        rows.filter(|&i| invs.has_note(i)).collect()
    });
    let (verdicts, groups) = std::thread::scope(|s| {
        // The lexicons, patterns and tables every note needs are built on another thread
        // meanwhile: the steps before classifying leave a core idle for most of their time.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 && note_rows.len() >= 2 * MIN_NOTES_PER_THREAD {
            s.spawn(|| warm_up(default));
        }
        let rows: Vec<NoteRow<'_>> = par_chunks(&note_rows, MIN_NOTES_PER_THREAD, |chunk| {
            chunk.iter().map(|&i| NoteRow::of(invs.at(i))).collect()
        });
        let normalised = normalise_notes(&rows);

        // Clusters of near-identical notes from different senders.
        let items: Vec<cluster::Item<'_>> =
            par_range(normalised.len(), MIN_NOTES_PER_THREAD, |r| {
                normalised[r]
                    .iter()
                    .map(|n| cluster::Item {
                        words: n.note.words_without_names(n.core.clone()),
                        sender: n.sender,
                    })
                    .collect()
            });
        let cluster::Clusters {
            others,
            group: groups,
        } = cluster::clusters(&items);
        drop(items);

        // A blast is one note from many senders: each distinct note in the same context is
        // classified once, and its verdict copied to the others (a [`Memo`] holds everything
        // a verdict depends on, so the copy is the verdict the note would have got).
        let context = |k: usize| {
            let row = &rows[k];
            let ctx = NoteContext {
                shared: per_note
                    .get(note_rows[k])
                    .copied()
                    .flatten()
                    .unwrap_or(default),
                relationship: row.relationship,
                counterpart: row.counterpart,
                other_senders: others[k],
                outgoing: row.outgoing,
                sent_year: row.sent_year,
            };
            (row.text, ctx)
        };
        let positions: Vec<usize> = (0..note_rows.len()).collect();
        let memos: Vec<Memo<'_>> = par_chunks(&positions, MIN_NOTES_PER_THREAD, |chunk| {
            chunk
                .iter()
                .map(|&k| {
                    let (text, ctx) = context(k);
                    Memo::new(text, &normalised[k], &ctx)
                })
                .collect()
        });
        let (slot, distinct) = match share {
            Share::Verdicts => first_of(&memos),
            Share::Nothing => ((0..memos.len()).collect(), (0..memos.len()).collect()),
        };
        let verdicts = par_chunks(&distinct, MIN_NOTES_PER_THREAD, |chunk| {
            chunk
                .iter()
                .map(|&k| {
                    let (text, ctx) = context(k);
                    keep(classify_note(text, &normalised[k].note.unpack(), &ctx))
                })
                .collect()
        });
        (spread(verdicts, &slot), groups)
    });
    Noted {
        note_rows,
        verdicts,
        groups,
    }
}

/// What classifying reads of a row with a note, read once: a row's view is a cold read of the
/// table, which the passes after it would otherwise each make again.
struct NoteRow<'a> {
    text: &'a str,
    sender_name: &'a str,
    recipient_name: &'a str,
    counterpart: &'a str,
    relationship: &'a Relationship,
    outgoing: bool,
    sent_year: i32,
    /// Who sent it ([`sender_id`]).
    sender: u64,
}

impl<'a> NoteRow<'a> {
    fn of(inv: Invitation<'a>) -> NoteRow<'a> {
        NoteRow {
            text: inv.note.unwrap_or(""),
            sender_name: inv.sender.name,
            recipient_name: inv.recipient.name,
            counterpart: inv.counterpart_name(),
            relationship: inv.relationship,
            outgoing: inv.direction == Direction::Outgoing,
            sent_year: inv.sent_at.year(),
            sender: sender_id(&inv),
        }
    }
}

/// Normalise every note once. The notes are kept packed until they are classified (a word is
/// not an allocation of its own), with the range of words clustering compares.
///
/// A blast's copies share their text, and a sender or the user their name: each distinct text
/// is split into folded words and packed once, each distinct name split into its parts once
/// (all on all cores), and each copy then only marks its own sender's and recipient's names on
/// a copy of its text's small token records.
fn normalise_notes(rows: &[NoteRow<'_>]) -> Vec<Normal> {
    let texts: Vec<&str> = rows.iter().map(|r| r.text).collect();
    let (slot, distinct) = first_of(&texts);
    let by_text: Vec<(Unnamed, u64, bool)> =
        par_chunks(&distinct, MIN_NOTES_PER_THREAD, |firsts| {
            firsts
                .iter()
                .map(|&k| {
                    let text = texts[k];
                    let words = Unnamed::new(normalise::words_of(text));
                    // No name part is all digits, so a year is never a name: whether a copy names
                    // a year does not depend on whose names it marks.
                    let year = names_a_year(text, words.note());
                    (words, hash::fx(text), year)
                })
                .collect()
        });
    let names: Vec<&str> = rows
        .iter()
        .flat_map(|r| [r.sender_name, r.recipient_name])
        .collect();
    let (name_slot, distinct_names) = first_of(&names);
    let parts: Vec<Vec<String>> = par_chunks(&distinct_names, MIN_NOTES_PER_THREAD, |firsts| {
        firsts.iter().map(|&k| name_parts(names[k])).collect()
    });
    par_range(rows.len(), MIN_NOTES_PER_THREAD, |ks| {
        ks.map(|k| {
            let (text, text_hash, names_a_year) = &by_text[slot[k]];
            let note = text.named(&parts[name_slot[2 * k]], &parts[name_slot[2 * k + 1]]);
            Normal {
                core: stock::packed_core_range(&note),
                note,
                sender: rows[k].sender,
                text_hash: *text_hash,
                names_a_year: *names_a_year,
            }
        })
        .collect()
    })
}

/// Equal keys, grouped: each key's slot among the distinct ones, and where each distinct key
/// first stands, in order of first appearance.
fn first_of<K: std::hash::Hash + Eq>(keys: &[K]) -> (Vec<usize>, Vec<usize>) {
    let mut slot_of: hash::FxMap<&K, usize> = hash::FxMap::default();
    slot_of.reserve(keys.len());
    let mut firsts = Vec::new();
    let slots = keys
        .iter()
        .enumerate()
        .map(|(k, key)| {
            *slot_of.entry(key).or_insert_with(|| {
                firsts.push(k);
                firsts.len() - 1
            })
        })
        .collect();
    (slots, firsts)
}

/// A note normalised, and what clustering and [`Memo`] take of it.
struct Normal {
    note: Packed,
    /// Who sent it ([`sender_id`]).
    sender: u64,
    /// The words clustering compares.
    core: Range<usize>,
    text_hash: u64,
    /// A word of the note (not a name) could be a year ([`names_a_year`]).
    names_a_year: bool,
}

/// The verdict of each note, from the verdicts of the distinct ones and each note's `slot` in
/// them: copied to all but the last note that shares it, and moved to that one.
fn spread<R: Clone>(verdicts: Vec<R>, slot: &[usize]) -> Vec<R> {
    let mut uses = vec![0u32; verdicts.len()];
    for &j in slot {
        uses[j] += 1;
    }
    let mut verdicts: Vec<Option<R>> = verdicts.into_iter().map(Some).collect();
    // Every slot holds a verdict until its last use takes it, so nothing is filtered out.
    slot.iter()
        .filter_map(|&j| {
            uses[j] -= 1;
            if uses[j] == 0 {
                verdicts[j].take()
            } else {
                verdicts[j].clone()
            }
        })
        .collect()
}

fn classify_grouped(
    export: &Export,
    default: &SharedContext,
    per_note: &[Option<&SharedContext>],
    overrides: &Overrides,
) -> (Vec<Classification>, NearDuplicates) {
    let invs = &export.invitations;
    let Noted {
        note_rows,
        verdicts: noted,
        groups,
    } = classify_notes(export, default, per_note, |c| c, Share::Verdicts);

    // Every row starts as "no note" (built on all cores: it is most of the allocation work),
    // then the notes' verdicts move into their rows.
    let mut out = par_range(invs.len(), MIN_ROWS_PER_THREAD, |rows| {
        let mut next = note_rows.partition_point(|&i| i < rows.start);
        rows.map(|i| {
            if note_rows.get(next) == Some(&i) {
                next += 1;
                // replaced below; no allocation
                Classification {
                    class: Class::Personal,
                    kind: Kind::Personal,
                    score: 0,
                    reasons: Vec::new(),
                }
            } else {
                rules::no_note()
            }
        })
        .collect()
    });
    for (&i, c) in note_rows.iter().zip(noted) {
        out[i] = c;
    }
    let near = NearDuplicates::new(&note_rows, &groups);
    if !overrides.is_empty() {
        for (inv, c) in invs.iter().zip(out.iter_mut()) {
            if let Some(&user) = overrides.get(&inv.key()) {
                *c = std::mem::replace(c, rules::no_note()).with_override(Some(user));
            }
        }
        follow_overrides(invs, &near, overrides, &mut out);
    }
    (out, near)
}

/// The class [`classify_export`] gives each invitation (the user's overrides and the
/// near-identical notes that follow them included), without keeping a verdict with reasons for
/// any row: what a count needs (`stats`), in a fraction of the memory.
pub fn classify_export_classes(export: &Export, overrides: &Overrides) -> Vec<Class> {
    let invs = &export.invitations;
    let shared = SharedContext::from_export(export);
    let Noted {
        note_rows,
        verdicts,
        groups,
    } = classify_notes(export, &shared, &[], |c| c.class, Share::Verdicts);
    let mut out = vec![rules::no_note().class; invs.len()];
    for (&i, class) in note_rows.iter().zip(verdicts) {
        out[i] = class;
    }
    if !overrides.is_empty() {
        for (inv, c) in invs.iter().zip(out.iter_mut()) {
            if let Some(&user) = overrides.get(&inv.key()) {
                *c = user;
            }
        }
        for group in NearDuplicates::new(&note_rows, &groups).groups() {
            let keys: Vec<String> = group.iter().map(|&i| invs.at(i).key()).collect();
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            for (&i, follow) in group.iter().zip(follow_in_group(&keys, overrides)) {
                if let Some((class, _)) = follow {
                    out[i] = class;
                }
            }
        }
    }
    out
}

/// Build what classifying any note needs, now rather than on the first note: a front-end that
/// will classify can run this on a thread of its own while it reads the export (the tables take
/// about a tenth of a second to build). Idempotent and cheap once built.
pub fn prepare() {
    warm_up(&SharedContext::default());
}

/// Build what classifying any note needs (the lexicons, the patterns, the English word table,
/// the weights) by classifying a note nobody sent. Each is built once per process, on first
/// use; building them here, while the export's notes are clustered, keeps the threads that
/// classify them from waiting for it.
fn warm_up(shared: &SharedContext) {
    let note =
        "Hi Ana, thanks for the call today: we met at the RustConf panel, see acme.example.com";
    let n = Normalised::new(note, &name_parts("Tom Becker"), &name_parts("Ana Alvarez"));
    let ctx = NoteContext {
        shared,
        relationship: &Default::default(),
        counterpart: "Tom Becker",
        other_senders: 0,
        outgoing: false,
        sent_year: 2026,
    };
    std::hint::black_box(classify_note(note, &n, &ctx));
}

/// Learn from the user: a note near-identical to one the user reclassified (same group, see
/// [`cluster`]) and not reclassified itself follows the user's class, and says so.
fn follow_overrides(
    invs: &Invitations,
    near: &NearDuplicates,
    overrides: &Overrides,
    out: &mut [Classification],
) {
    for group in near.groups() {
        let keys: Vec<String> = group.iter().map(|&i| invs.at(i).key()).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        for (&i, follow) in group.iter().zip(follow_in_group(&keys, overrides)) {
            let Some((class, leader)) = follow else {
                continue;
            };
            let from = invs.at(group[leader]).counterpart_name();
            let mut c = std::mem::replace(&mut out[i], rules::no_note()).with_override(Some(class));
            if let Some(first) = c.reasons.first_mut() {
                first.rule = "user.near_duplicate".into();
                first.message = near_duplicate_message(class, from).into();
            }
            out[i] = c;
        }
    }
}

/// Rows per thread below which the cheap per-row work stays on one thread.
const MIN_ROWS_PER_THREAD: usize = 50_000;
/// Notes per thread below which note analysis stays on one thread: a note costs tens of
/// microseconds, so a few hundred already outweigh starting a thread.
const MIN_NOTES_PER_THREAD: usize = 256;

/// Map `items` in contiguous chunks on scoped threads and concatenate the results in order, so
/// the output is the same as a sequential map. Small inputs stay on the calling thread.
fn par_chunks<T: Sync, R: Send>(
    items: &[T],
    min_per_thread: usize,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    par_range(items.len(), min_per_thread, |r| f(&items[r]))
}

/// [`par_chunks`] over the indices `0..len`. The range is cut into several chunks per thread
/// that the threads take in turn, so a thread slowed by other work on the machine (or a chunk
/// of long notes) does not hold the others up; the chunks' results are put back in order.
fn par_range<R: Send>(
    len: usize,
    min_per_thread: usize,
    f: impl Fn(std::ops::Range<usize>) -> Vec<R> + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    const CHUNKS_PER_THREAD: usize = 8;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(len / min_per_thread.max(1))
        .max(1);
    if threads == 1 {
        return f(0..len);
    }
    let chunks = threads * CHUNKS_PER_THREAD;
    let size = len.div_ceil(chunks);
    let next = AtomicUsize::new(0);
    let (f, next) = (&f, &next);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        if c >= chunks {
                            break done;
                        }
                        let r = (c * size).min(len)..((c + 1) * size).min(len);
                        done.push((c, f(r)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    });
    parts.sort_unstable_by_key(|(c, _)| *c);
    let mut out = Vec::with_capacity(len);
    for (_, p) in parts {
        out.extend(p);
    }
    out
}

/// Who sent the note, for clustering: the outgoing notes all come from the user.
fn sender_id(inv: &Invitation) -> u64 {
    use std::hash::{Hash, Hasher};
    if inv.direction == Direction::Outgoing {
        return 0;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match inv.sender.profile_url.map(normalize_profile_url) {
        Some(u) if !u.is_empty() => u.hash(&mut h),
        _ => normalize_name(inv.sender.name).hash(&mut h),
    }
    h.finish() | 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        InvitationRecord, InvitationType, RecipientRecord, SenderRecord, SourceLoc,
    };

    /// An incoming invitation to Ana Alvarez with `note`: the classifier tests' one fixture
    /// row (the rule passes' tests use it too).
    pub(super) fn inv(sender: &str, note: &str) -> InvitationRecord {
        InvitationRecord {
            direction: Direction::Incoming,
            kind: InvitationType::Connection,
            sender: SenderRecord {
                name: sender.to_string(),
                ..SenderRecord::default()
            },
            recipient: RecipientRecord {
                name: "Ana Alvarez".to_string(),
                ..RecipientRecord::default()
            },
            sent_at: chrono::DateTime::UNIX_EPOCH,
            note: Some(note.to_string()),
            raw_note: None,
            source: SourceLoc {
                file: "test".into(),
                line: 1,
            },
            relationship: Default::default(),
        }
    }

    /// Notes that share a verdict get the one each would get alone: the same text from
    /// senders with and without messages or endorsements, sent in different years with a year
    /// in the note, naming the sender or someone else, and written by the user.
    #[test]
    fn shared_verdicts_are_each_notes_own() {
        use crate::model::Relationship;
        let pitch = "Hi Ana, we are a nearshore dev shop with senior engineers available now";
        let year = "Hi Ana, great to see you again, like back in 2019 at the drainage project";
        let named = "Hi Ana, Priya here from the meetup last week, thanks for the chat";
        let at = |y: i32| {
            chrono::NaiveDate::from_ymd_opt(y, 6, 1)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc())
                .unwrap()
        };
        let with = |mut r: InvitationRecord, rel: Relationship, year: i32| {
            r.relationship = rel;
            r.sent_at = at(year);
            r
        };
        let messages = Relationship {
            messages: 3,
            ..Relationship::default()
        };
        let endorsed = Relationship {
            endorsements: 1,
            ..Relationship::default()
        };
        let plain = "we are a nearshore dev shop with senior engineers available now";
        let mut outgoing = inv("Ana Alvarez", plain);
        outgoing.direction = Direction::Outgoing;
        outgoing.recipient.name = "Tom Becker".to_string();
        let one_message = Relationship {
            messages: 1,
            ..messages.clone()
        };
        let both = Relationship {
            endorsements: 1,
            ..messages.clone()
        };
        let records = vec![
            inv("Agent One", pitch),
            with(inv("Agent Two", pitch), messages.clone(), 2024),
            with(inv("Agent Three", pitch), endorsed.clone(), 2024),
            inv("Agent Four", pitch),
            with(inv("Agent Five", pitch), messages.clone(), 2024),
            with(inv("Agent Two", pitch), one_message, 2024),
            with(inv("Agent Two", pitch), both, 2024),
            inv("Agent Six", plain),
            outgoing,
            with(inv("Old Friend", year), Relationship::default(), 2021),
            with(inv("Old Colleague", year), Relationship::default(), 2025),
            with(inv("Old Mate", year), Relationship::default(), 2025),
            inv("Priya Shah", named),
            inv("Lena Park", named),
            inv("Priya Shah", named),
            with(inv("Mo Said", named), messages, 2020),
            with(inv("Jo Kim", named), endorsed, 2020),
        ];
        let export = Export {
            invitations: Invitations::from_records(&records),
            ..Export::default()
        };
        let shared = SharedContext::from_export(&export);
        let each = classify_notes(&export, &shared, &[], |c| c, Share::Nothing).verdicts;
        let one = classify_notes(&export, &shared, &[], |c| c, Share::Verdicts).verdicts;
        assert_eq!(one.len(), records.len());
        assert_eq!(one, each);
        // The cases differ where they should: messages are quoted, the year counts only when
        // it is three or more before the invitation, and the sender's own name is no one else.
        assert_ne!(each[0], each[1]);
        assert_ne!(each[1], each[2]);
        assert_eq!(each[0], each[3]);
        assert_ne!(each[1], each[4]);
        assert_ne!(each[1], each[5]);
        assert_ne!(each[1], each[6]);
        assert_ne!(each[7], each[8]);
        assert_ne!(each[9], each[10]);
        assert_eq!(each[10], each[11]);
        assert_ne!(each[12], each[13]);
    }

    #[test]
    fn first_of_groups_equal_keys_in_order_of_first_appearance() {
        let (slots, firsts) = first_of(&["b", "a", "b", "c", "a"]);
        assert_eq!(slots, [0, 1, 0, 2, 1]);
        assert_eq!(firsts, [0, 1, 3]);
        let (slots, firsts) = first_of::<u8>(&[]);
        assert!(slots.is_empty() && firsts.is_empty());
    }

    /// Reclassifying one note moves its near-duplicates with it, saying why; other notes and
    /// notes the user reclassified themselves stay as they are.
    #[test]
    fn near_duplicates_follow_the_users_reclassification() {
        let pitch = "Hi, we are a nearshore dev shop with senior engineers available now, happy to share CVs";
        let export = Export {
            invitations: Invitations::from_records(&[
                inv("Agent One", pitch),
                inv("Agent Two", &format!("{pitch}!")),
                inv("Agent Three", pitch),
                inv("Someone Else", "We met at RustConf, loved your talk"),
            ]),
            ..Export::default()
        };
        let mut o = Overrides::new();
        o.insert(export.invitations.at(0).key(), Class::Personal);
        o.insert(export.invitations.at(2).key(), Class::Boilerplate);
        let before = classify_export(&export, &Overrides::new());
        let r = classify_export(&export, &o);
        assert_eq!(r[0].reasons[0].rule, "user.override");
        assert_eq!(r[1].class, Class::Personal);
        assert_eq!(r[1].reasons[0].rule, "user.near_duplicate");
        assert_eq!(
            r[1].reasons[0].message,
            "You marked a near-identical note personal (from Agent One)"
        );
        assert_eq!(r[2].class, Class::Boilerplate);
        assert_eq!(r[2].reasons[0].rule, "user.override");
        assert_eq!(r[3], before[3]);
    }

    /// The groups `classify_export_grouped` hands out are the ones the overrides follow: the
    /// three copies of the pitch, in export order, and no singleton.
    #[test]
    fn grouped_classification_names_the_near_identical_notes() {
        let pitch = "Hi, we are a nearshore dev shop with senior engineers available now, happy to share CVs";
        let export = Export {
            invitations: Invitations::from_records(&[
                inv("Someone Else", "We met at RustConf, loved your talk"),
                inv("Agent One", pitch),
                inv("Agent Two", &format!("{pitch}!")),
                inv("Agent Three", pitch),
            ]),
            ..Export::default()
        };
        let (classes, near) = classify_export_grouped(&export, &Overrides::new());
        assert_eq!(near.groups(), &[vec![1, 2, 3]]);
        assert_eq!(classes, classify_export(&export, &Overrides::new()));
    }

    /// The classes alone are `classify_export`'s classes, with and without overrides (a
    /// reclassified note, its near-duplicates following it, a reclassified row without a note).
    #[test]
    fn classes_alone_are_the_verdicts_classes() {
        let pitch = "Hi, we are a nearshore dev shop with senior engineers available now, happy to share CVs";
        let mut no_note = inv("Quiet One", "");
        no_note.note = None;
        let export = Export {
            invitations: Invitations::from_records(&[
                inv("Someone Else", "We met at RustConf, loved your talk"),
                inv("Agent One", pitch),
                no_note,
                inv("Agent Two", &format!("{pitch}!")),
                inv("Agent Three", pitch),
                inv("Spacey", "   "),
            ]),
            ..Export::default()
        };
        let classes = |o: &Overrides| -> Vec<Class> {
            classify_export(&export, o)
                .iter()
                .map(|c| c.class)
                .collect()
        };
        let none = Overrides::new();
        assert_eq!(classify_export_classes(&export, &none), classes(&none));
        let mut o = Overrides::new();
        o.insert(export.invitations.at(1).key(), classes(&none)[1].flipped());
        o.insert(export.invitations.at(2).key(), Class::Personal);
        let moved = classes(&o);
        assert_ne!(moved, classes(&none));
        assert_eq!(moved[3], moved[1], "a near-duplicate follows");
        assert_eq!(classify_export_classes(&export, &o), moved);
    }

    /// One group, keys in export order: the first member the user reclassified leads; members
    /// reclassified themselves keep their own class.
    #[test]
    fn follow_in_group_table() {
        use Class::{Boilerplate as B, Personal as P};
        let o = |marks: &[(&str, Class)]| -> Overrides {
            marks.iter().map(|(k, c)| (k.to_string(), *c)).collect()
        };
        type Marks<'a> = &'a [(&'a str, Class)];
        type Follows<'a> = &'a [Option<(Class, usize)>];
        let cases: &[(Marks, Follows)] = &[
            (&[], &[None, None, None]),
            (&[("b", P)], &[Some((P, 1)), None, Some((P, 1))]),
            (&[("c", B), ("b", P)], &[Some((P, 1)), None, None]),
            (&[("x", P)], &[None, None, None]),
        ];
        for (marks, want) in cases {
            assert_eq!(
                follow_in_group(&["a", "b", "c"], &o(marks)),
                want.to_vec(),
                "{marks:?}"
            );
        }
    }

    #[test]
    fn par_chunks_keeps_order_like_a_sequential_map() {
        let items: Vec<u32> = (0..230_001).collect();
        for min in [1, 7, MIN_NOTES_PER_THREAD, MIN_ROWS_PER_THREAD, usize::MAX] {
            let out = par_chunks(&items, min, |c| c.iter().map(|x| x * 2).collect());
            assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
            assert!(par_chunks(&[] as &[u32], min, |c| c.to_vec()).is_empty());
        }
        // Fewer items than chunks: some chunks are empty.
        let few: Vec<u32> = (0..5).collect();
        assert_eq!(par_chunks(&few, 1, |c| c.to_vec()), few);
    }
}

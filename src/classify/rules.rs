//! Pure: no I/O. The rules: each turns one kind of evidence in a note into weighted
//! [`Reason`]s, and the end of [`classify_note`] turns them into a kind, a class and a score.
//!
//! The threshold leans towards personal on purpose: a personal note buried as boilerplate costs
//! the user a real contact, a pitch shown as personal costs them a glance.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::context::SharedContext;
use super::hash::{FxMap, fx};
use super::lexicon::{Cat, UNSPACED, lexicon};
use super::normalise::Normalised;
use super::stock::match_stock;
use crate::model::{Classification, Kind, Reason, Relationship};

/// A note is personal when its weights add up to at least this.
pub const PERSONAL_THRESHOLD: i32 = 2;
/// Specific (rare) words count at most this much in total.
const MAX_RARE_WORDS: usize = 3;

/// What the rest of the export says about one note.
#[derive(Debug, Clone, Copy)]
pub struct NoteContext<'a> {
    pub shared: &'a SharedContext,
    pub relationship: &'a Relationship,
    /// The other party's display name, for messages.
    pub counterpart: &'a str,
    /// Other distinct senders who sent the same or a near-identical note.
    pub other_senders: u32,
    /// Document frequency of each content word over the export's notes (see [`word_key`]).
    pub df: &'a FxMap<u64, u32>,
    /// A word is rare when fewer than this many *other* notes use it.
    pub rare_below: u32,
}

/// The key of a word in the document-frequency table.
pub fn word_key(w: &str) -> u64 {
    fx(w)
}

/// True for a word that can carry specific content (used for document frequencies too).
pub fn is_content_word(w: &str) -> bool {
    w.chars().nth(2).is_some() && !w.starts_with('_') && !lexicon().is_filler(w)
}

struct Patterns {
    url: Regex,
    email: Regex,
    phone: Regex,
    rate: Regex,
    metric: Regex,
    you_did: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        url: Regex::new(
            r"(?i-u:\b)(?:https?://\S+|www\.\S+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|org|net|app|dev|co|ly|me|ai|nl|de|fr|it|es|pt|eu|uk|ee|gg)(?:/\S*)?)",
        )
        .expect("url pattern"),
        email: Regex::new(r"(?i-u)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b").expect("email pattern"),
        phone: Regex::new(r"(?-u)\+\d[\d ()./-]{7,}\d|\b\d{3}[ .-]\d{3}[ .-]\d{4}\b").expect("phone pattern"),
        rate: Regex::new(
            r"(?i)(?:[$€£]\s?\d[\d,.]*\s?[km]?(?-u:\b)(?:\s?(?:/|per|an?)\s?(?:hr|hour|h|day|month|hora|heure|stunde)(?-u:\b))?|(?-u:\b)\d[\d,.]*\s?(?:€|eur|euros?|usd|dollars?)(?:\s?(?:/|per|an?)\s?(?:hr|hour|h|day))?|(?-u:\b)per hour(?-u:\b)|(?-u:\b)hourly rate(?-u:\b)|(?-u:\b)day rate(?-u:\b)|/hr(?-u:\b))",
        )
        .expect("rate pattern"),
        metric: Regex::new(r"(?i-u)\b\d+(?:[.,]\d+)?\s?%|\b\d+(?:[.,]\d+)?k?\+|\btop\s\d+\b|\b\d+x\s(?:faster|cheaper|more|less|better)\b|\b\d{1,3}(?:,\d{3})+\b")
            .expect("metric pattern"),
        // "you asked", "you wrote", "you've helped": recalls something the recipient did.
        you_did: Regex::new(
            r"(?i-u)\byou(?:'ve| have)?\s(asked|wrote|gave|said|told|made|helped|handed|offered|reviewed|mentioned|showed|sent|did|took|built|ran|taught|answered|fixed|suggested|recommended|explained|shared|hosted|organi[sz]ed|mentored|interviewed|spoke|presented|belayed|covered|invited|introduced|pointed|reported|filed|merged|saved|drove|lent|found|recognised|recognized)\b",
        )
        .expect("you-did pattern"),
    })
}

/// Links that lead to a booking, sign-up or form page: a mass-note hallmark.
const CALL_TO_ACTION_HOSTS: &[&str] = &[
    "calendly",
    "bit.ly",
    "tinyurl",
    "forms.",
    "typeform",
    "lnkd.in",
    "linktr.ee",
    "join.",
    "careers.",
    "jobs.",
    "eventbrite",
    "webinar",
    "meetings.hubspot",
    "cal.com",
    "zoom.us",
];
/// Links to code, papers or talks: neutral, often part of a personal follow-up.
const WORK_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "crates.io",
    "docs.rs",
    "arxiv.org",
    "doi.org",
    "codeberg.org",
    "sr.ht",
    "youtube.com",
    "youtu.be",
    "speakerdeck",
    "slideshare",
];

/// Classify one note. `note` is the sanitised note; spans in the reasons are byte ranges in it.
pub fn classify_note(note: &str, n: &Normalised, ctx: &NoteContext<'_>) -> Classification {
    let mut reasons: Vec<Reason> = Vec::new();
    let trimmed = trim_span(note);

    if trimmed.is_empty() {
        return Classification::no_note();
    }

    // Links, contact details, rates: found on the note itself, so spans are exact.
    let p = patterns();
    let mut covered_bytes: Vec<Range<usize>> = Vec::new();
    let mut link_weight = 0;
    let mut has_link = false;
    let mut rate_or_contact = false;
    let has_digit = note.bytes().any(|b| b.is_ascii_digit());
    for m in p
        .email
        .find_iter(if note.contains('@') { note } else { "" })
    {
        covered_bytes.push(m.range());
        rate_or_contact = true;
        reasons.push(reason(
            "contact.email",
            "Leaves an e-mail address, as mass notes do",
            -2,
            Some(m.range()),
        ));
    }
    for m in p.url.find_iter(if note.contains('.') { note } else { "" }) {
        if covered_bytes.iter().any(|r| overlaps(r, &m.range())) {
            continue;
        }
        has_link = true;
        covered_bytes.push(m.range());
        let lower = m.as_str().to_lowercase();
        let (rule, msg, w) = if CALL_TO_ACTION_HOSTS.iter().any(|h| lower.contains(h)) {
            (
                "link.call_to_action",
                "Links to a booking, sign-up or form page",
                -3,
            )
        } else if WORK_HOSTS.iter().any(|h| lower.contains(h)) {
            ("link.work", "Links to code, a paper or a talk", 0)
        } else {
            ("link.other", "Contains a link", -1)
        };
        link_weight += w;
        reasons.push(reason(rule, msg, w, Some(m.range())));
    }
    for m in p.phone.find_iter(if has_digit { note } else { "" }) {
        if covered_bytes.iter().any(|r| overlaps(r, &m.range())) {
            continue;
        }
        covered_bytes.push(m.range());
        rate_or_contact = true;
        reasons.push(reason(
            "contact.phone",
            "Leaves a phone number, as mass notes do",
            -2,
            Some(m.range()),
        ));
    }
    let mut rates = 0;
    for m in p.rate.find_iter(
        if has_digit || note.contains("rate") || note.contains("hour") {
            note
        } else {
            ""
        },
    ) {
        if rates == 2 || covered_bytes.iter().any(|r| overlaps(r, &m.range())) {
            continue;
        }
        rates += 1;
        rate_or_contact = true;
        covered_bytes.push(m.range());
        reasons.push(reason(
            "pitch.rate",
            &format!("Names a price or a rate: “{}”", m.as_str().trim()),
            if rates == 1 { -3 } else { -1 },
            Some(m.range()),
        ));
    }

    // Sales metrics: "cut failures by 60%", "500+ companies", "top 100".
    for m in p.metric.find_iter(if has_digit { note } else { "" }) {
        if covered_bytes.iter().any(|r| overlaps(r, &m.range())) {
            continue;
        }
        covered_bytes.push(m.range());
        rate_or_contact = true;
        reasons.push(reason(
            "pitch.metric",
            &format!("Quotes a sales figure: “{}”", m.as_str().trim()),
            -2,
            Some(m.range()),
        ));
        break;
    }

    // Nothing but emoji, punctuation or a link.
    let word_tokens: Vec<usize> = (0..n.tokens.len())
        .filter(|&i| {
            !covered_bytes
                .iter()
                .any(|r| r.start <= n.tokens[i].span.start && n.tokens[i].span.end <= r.end)
        })
        .collect();
    if word_tokens.is_empty() {
        let msg = if has_link {
            "Only a link, nothing written"
        } else {
            "Only emoji or punctuation, nothing written"
        };
        reasons.push(reason("generic.no_words", msg, -4, Some(trimmed.clone())));
        return finish(Kind::Generic, reasons);
    }

    // LinkedIn's stock texts.
    if let Some(r) = match_stock(n) {
        reasons.push(reason(
            "default.stock_text",
            "LinkedIn's stock invitation text",
            -8,
            n.span_of(r),
        ));
        return finish(Kind::Default, reasons);
    }

    // Phrase lexicons.
    let lex = lexicon();
    let mut covered_tokens = vec![false; n.tokens.len()];
    for (i, t) in n.tokens.iter().enumerate() {
        if covered_bytes
            .iter()
            .any(|r| r.start <= t.span.start && t.span.end <= r.end)
        {
            covered_tokens[i] = true;
        }
    }
    let mut matches: Vec<(Cat, Range<usize>)> = Vec::new();
    for m in lex.automaton.find_overlapping_iter(&n.skeleton) {
        let (cat, _, _) = lex.meta[m.pattern().as_usize()];
        let toks = n.tokens_in(m.start()..m.end());
        if !toks.is_empty() {
            matches.push((cat, toks));
        }
    }
    // Scripts without spaces: substring matches on the note itself (only notes that have such
    // characters pay for the scan; 0xE3 leads the UTF-8 of kana and most CJK ideographs).
    if note.bytes().any(|b| (0xE3..=0xE9).contains(&b)) {
        for &(cat, phrases) in UNSPACED {
            for ph in phrases {
                for (at, _) in note.match_indices(ph) {
                    let end = at + ph.len();
                    let first = n.tokens.iter().position(|t| t.span.end > at);
                    let last = n.tokens.iter().rposition(|t| t.span.start < end);
                    if let (Some(a), Some(b)) = (first, last)
                        && a <= b
                    {
                        matches.push((cat, a..b + 1));
                    }
                }
            }
        }
    }
    // A phrase inside a longer phrase of another category gives way to it ("merci pour" is
    // no thank-you inside "merci pour votre attention").
    let inside = |a: &Range<usize>, b: &Range<usize>| {
        b.start <= a.start && a.end <= b.end && b.len() > a.len()
    };
    let kept: Vec<(Cat, Range<usize>)> = matches
        .iter()
        .filter(|(c, r)| !matches.iter().any(|(c2, r2)| c2 != c && inside(r, r2)))
        .cloned()
        .collect();
    let mut seen: HashMap<Cat, Vec<Range<usize>>> = HashMap::new();
    let mut cat_order: Vec<Cat> = Vec::new();
    for (cat, toks) in kept {
        for c in covered_tokens[toks.clone()].iter_mut() {
            *c = true;
        }
        let list = seen.entry(cat).or_default();
        if list.iter().any(|r| overlaps(r, &toks)) {
            // Keep the longer of two overlapping matches.
            if let Some(r) = list.iter_mut().find(|r| overlaps(r, &toks))
                && toks.len() > r.len()
            {
                *r = toks;
            }
            continue;
        }
        if list.is_empty() {
            cat_order.push(cat);
        }
        list.push(toks);
    }
    let mut pitch = 0;
    let mut personal = 0;
    let strongest_personal = cat_order
        .iter()
        .filter(|c| c.is_personal())
        .map(|c| c.weight())
        .max()
        .unwrap_or(0);
    let mut generic_phrases = 0;
    for cat in &cat_order {
        let weight = cat.weight();
        let mut ranges = seen[cat].clone();
        ranges.sort_by_key(|r| r.start);
        for (k, toks) in ranges.iter().take(3).enumerate() {
            let w = if k == 0 { weight } else { weight.signum() };
            let span = n.span_of(toks.clone());
            let excerpt = span.clone().map(|s| &note[s]).unwrap_or("");
            reasons.push(reason(
                cat.rule(),
                &format!("{}: “{}”", cat.label(), excerpt),
                w,
                span,
            ));
            if cat.is_pitch() && *cat != Cat::Flattery {
                pitch += w;
            } else if cat.is_personal() {
                personal += w;
            } else if *cat == Cat::Generic {
                generic_phrases += 1;
            }
        }
    }
    // The vocabulary of selling, hiring and promoting, word by word (beyond the phrases).
    let mut commercial: Vec<usize> = Vec::new();
    for (i, t) in n.tokens.iter().enumerate() {
        if !covered_tokens[i]
            && !t.is_name()
            && lex.commercial_words.contains(t.word.as_str())
            && !commercial.iter().any(|&j| n.tokens[j].word == t.word)
        {
            commercial.push(i);
        }
    }
    if commercial.len() >= 2 {
        for &i in commercial.iter().take(3) {
            let t = &n.tokens[i];
            pitch -= 1;
            reasons.push(reason(
                "pitch.vocabulary",
                &format!("Commercial vocabulary: “{}”", &note[t.span.clone()]),
                -1,
                Some(t.span.clone()),
            ));
        }
    }
    for &i in &commercial {
        covered_tokens[i] = true;
    }
    let is_pitch = pitch <= -2 || rate_or_contact || link_weight <= -3;
    // How many independent kinds of pitch evidence: one may be a friend's aside ("my CV", "I'm a
    // consultant"), two or more are a pitch.
    let pitch_kinds = cat_order
        .iter()
        .filter(|c| c.is_pitch() && **c != Cat::Flattery)
        .count()
        + usize::from(rate_or_contact)
        + usize::from(link_weight <= -3);
    // The same without a call request: a shared past named in the note's own words ("we
    // overlapped in 2021 on the X project") may come with "up for a 10-min chat?", as former
    // colleagues' notes do.
    let call_asked = usize::from(cat_order.contains(&Cat::CallToAction));
    let flattery = cat_order.contains(&Cat::Flattery);
    let you_did = p.you_did.find(note);

    // Recalls something the recipient did: strong sign the sender knows them.
    if let Some(m) = you_did {
        personal += 3;
        reasons.push(reason(
            "personal.you_did",
            &format!("Recalls something you did: “{}”", m.as_str()),
            3,
            Some(m.range()),
        ));
        for (i, t) in n.tokens.iter().enumerate() {
            if t.span.start >= m.start() && t.span.end <= m.end() {
                covered_tokens[i] = true;
            }
        }
    }

    // Shared context from the export.
    let mut context_weight = 0;
    if let Some((org, toks)) = ctx.shared.find_org(n) {
        for c in covered_tokens[toks.clone()].iter_mut() {
            *c = true;
        }
        let what = if org.is_school {
            "your school"
        } else {
            "your employer"
        };
        // Inside a pitch, or next to a stock compliment on the career ("admire what you've
        // accomplished at <employer>") with nothing personal beside it, the name is a merge
        // field: the same sentence goes to everyone with their own employer filled in.
        if is_pitch || (flattery && personal == 0) {
            reasons.push(reason(
                "context.merge_field",
                &format!(
                    "Mentions {what} {} inside a pitch: a merge field, not shared context",
                    org.display
                ),
                0,
                n.span_of(toks),
            ));
        } else {
            context_weight += 1;
            reasons.push(reason(
                if org.is_school {
                    "context.shared_school"
                } else {
                    "context.shared_employer"
                },
                &format!("Mentions {what} {}", org.display),
                1,
                n.span_of(toks),
            ));
        }
    }
    if let Some((name, toks)) = ctx.shared.find_connection(n) {
        for c in covered_tokens[toks.clone()].iter_mut() {
            *c = true;
        }
        // A named connection outweighs one kind of pitch phrasing ("the consultant your
        // colleague Pedro mentioned"); inside a many-sided pitch it is likely name-dropping.
        let w = if pitch_kinds >= 2 { 1 } else { 4 };
        context_weight += w;
        reasons.push(reason(
            "context.mutual_person",
            &format!("Names {name}, one of your connections"),
            w,
            n.span_of(toks),
        ));
    }
    let rel = ctx.relationship;
    if rel.messages > 0 {
        let w = if rel.messages >= 5 { 4 } else { 3 };
        context_weight += w;
        let plural = if rel.messages == 1 { "" } else { "s" };
        reasons.push(reason(
            "context.prior_messages",
            &format!(
                "You have exchanged {} message{plural} with {}",
                rel.messages, ctx.counterpart
            ),
            w,
            None,
        ));
    }
    if rel.endorsements > 0 || rel.recommendations > 0 {
        context_weight += 2;
        reasons.push(reason(
            "context.endorsed",
            &format!(
                "{} endorsed or recommended you before",
                name_or_they(ctx.counterpart)
            ),
            2,
            None,
        ));
    }

    // Cluster: the same note from other senders.
    let mut cluster_weight = 0;
    if ctx.other_senders > 0 {
        let k = ctx.other_senders;
        cluster_weight = match k {
            1 => -2,
            2..=4 => -4,
            _ => -6,
        };
        let plural = if k == 1 { "" } else { "s" };
        reasons.push(reason(
            "cluster.same_note",
            &format!("Same note as {k} other sender{plural}"),
            cluster_weight,
            Some(trimmed.clone()),
        ));
    }

    // Specificity: content words that are rare across the export's other notes. Rarity alone is
    // weak: in a small export every word is rare, and a pitch in a language or a genre the
    // lexicons do not know is all rare words. So rare words count only when the note has
    // personal evidence to attach them to, or when it has no pitch shape at all (no pitch
    // phrase, no stock compliment, no commercial vocabulary, no contact details or sales link, no
    // other sender): a note with no evidence either way keeps the benefit of the doubt.
    let anchored_personal = personal > 0 || context_weight > 0;
    let pitch_shape = pitch < 0
        || flattery
        || commercial.len() >= 2
        || rate_or_contact
        || link_weight < 0
        || ctx.other_senders > 0;
    let rare_counts = anchored_personal || !pitch_shape;
    let mut rare = 0usize;
    let mut content = 0usize;
    for (i, t) in n.tokens.iter().enumerate() {
        if covered_tokens[i] || t.is_name() || !is_content_word(t.text()) {
            continue;
        }
        content += 1;
        let df = ctx.df.get(&word_key(t.text())).copied().unwrap_or(1);
        if rare_counts && df.saturating_sub(1) < ctx.rare_below && rare < MAX_RARE_WORDS {
            rare += 1;
            reasons.push(reason(
                "specific.rare_word",
                &format!(
                    "“{}” is rare across your other notes",
                    &note[t.span.clone()]
                ),
                1,
                Some(t.span.clone()),
            ));
        }
    }
    let rare_weight = rare as i32;

    if content == 0 && personal == 0 && context_weight == 0 {
        let w = if generic_phrases > 0 { -2 } else { -3 };
        reasons.push(reason(
            "generic.no_content",
            "Nothing specific to you: only greetings and networking phrases",
            w,
            Some(trimmed.clone()),
        ));
    }

    let total: i32 = reasons.iter().map(|r| r.weight).sum();
    // Strong personal evidence (a named meeting, a shared past, an introduction, a prior
    // conversation, messages in the export) outweighs a single kind of pitch phrasing: a friend
    // may well mention their startup's demo. Two or more kinds of pitch evidence do not give way.
    let anchored = (strongest_personal >= 4 && pitch_kinds - call_asked <= 1)
        || (context_weight >= 3 && pitch_kinds <= 1);
    let kind = if anchored
        || (total >= PERSONAL_THRESHOLD && personal + context_weight + rare_weight > 0)
    {
        Kind::Personal
    } else if is_pitch
        || pitch < 0
        || content >= 5
        || (ctx.other_senders >= 2 && n.tokens.len() >= 8)
    {
        Kind::Template
    } else {
        Kind::Generic
    };
    let _ = cluster_weight;
    if kind != Kind::Personal && reasons.iter().all(|r| r.weight >= 0) {
        reasons.push(reason(
            "generic.nothing_specific",
            "Names nothing specific to you or shared with you",
            -1,
            Some(trimmed),
        ));
    }
    finish(kind, reasons)
}

fn name_or_they(name: &str) -> &str {
    if name.trim().is_empty() { "They" } else { name }
}

/// Score from the sum of the weights, kept on the side of the verdict: personal notes score
/// 50 or more, boilerplate below 50.
fn finish(kind: Kind, mut reasons: Vec<Reason>) -> Classification {
    // Strongest evidence first, so the CLI and the UI lead with it.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.weight.abs()));
    let total: i32 = reasons.iter().map(|r| r.weight).sum();
    let raw = 50 + (total - PERSONAL_THRESHOLD) * 6 + 3;
    let score = match kind {
        Kind::Personal => raw.clamp(50, 100),
        Kind::NoNote => 0,
        _ => raw.clamp(0, 49),
    } as u8;
    Classification {
        class: kind.class(),
        kind,
        score,
        reasons,
    }
}

fn reason(rule: &str, message: &str, weight: i32, span: Option<Range<usize>>) -> Reason {
    Reason {
        rule: rule.to_string(),
        message: message.to_string(),
        weight,
        span: span.filter(|s| !s.is_empty()),
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The note without leading and trailing whitespace, as a byte range.
fn trim_span(note: &str) -> Range<usize> {
    let start = note.len() - note.trim_start().len();
    let end = note.trim_end().len();
    if start >= end { 0..0 } else { start..end }
}

#[cfg(test)]
mod tests {
    use super::super::{Overrides, classify_export};
    use crate::model::{
        Class, Direction, Export, Invitation, InvitationType, Kind, Position, Recipient,
        Relationship, School, Sender, SourceLoc,
    };

    fn inv(sender: &str, note: &str) -> Invitation {
        Invitation {
            direction: Direction::Incoming,
            kind: InvitationType::Connection,
            sender: Sender {
                name: sender.to_string(),
                ..Sender::default()
            },
            recipient: Recipient {
                name: "Ana Alvarez".to_string(),
                ..Recipient::default()
            },
            sent_at: chrono::DateTime::UNIX_EPOCH,
            note: Some(note.to_string()),
            raw_note: None,
            source: SourceLoc {
                file: "test".into(),
                line: 1,
            },
            relationship: Relationship::default(),
        }
    }

    fn export(invs: Vec<Invitation>) -> Export {
        Export {
            invitations: invs,
            positions: vec![Position {
                company: "Northwind Labs".to_string(),
                ..Position::default()
            }],
            schools: vec![School {
                name: "Universidad de Sevilla".to_string(),
                degree: None,
            }],
            connections: vec![crate::model::Connection {
                first_name: "Marta".to_string(),
                last_name: "Gil".to_string(),
                ..crate::model::Connection::default()
            }],
            ..Export::default()
        }
    }

    /// (note, a rule that must fire, the expected kind)
    const TABLE: &[(&str, &str, Kind)] = &[
        ("   ", "no_note", Kind::NoNote),
        ("👋", "generic.no_words", Kind::Generic),
        (
            "https://www.example-demo.com",
            "generic.no_words",
            Kind::Generic,
        ),
        (
            "I'd like to add you to my professional network on LinkedIn. - Tom Becker",
            "default.stock_text",
            Kind::Default,
        ),
        (
            "Hi Ana, I came across your profile and would like to connect.",
            "generic.phrase",
            Kind::Generic,
        ),
        (
            "Hi Ana, let's connect!",
            "generic.no_content",
            Kind::Generic,
        ),
        (
            "I'm a recruiter with an exciting Staff Engineer opportunity, open to a chat?",
            "pitch.recruiting",
            Kind::Template,
        ),
        (
            "We help SaaS teams like yours cut cloud spend. Worth a 15 minute call?",
            "pitch.sales",
            Kind::Template,
        ),
        (
            "Paid 1-hour expert network consultation about payments, interested?",
            "pitch.paid_research",
            Kind::Template,
        ),
        (
            "Join our free webinar on leadership, register here!",
            "pitch.promotion",
            Kind::Template,
        ),
        (
            "Recent graduate looking for entry-level roles, please review my resume.",
            "pitch.job_seeker",
            Kind::Template,
        ),
        (
            "I help founders like you raise seed funding through our investor network.",
            "pitch.investment",
            Kind::Template,
        ),
        (
            "Senior developers from $45/hr, same time zone.",
            "pitch.rate",
            Kind::Template,
        ),
        (
            "Write to me at sales@example-demo.com for a quote on our services",
            "contact.email",
            Kind::Template,
        ),
        (
            "Book a slot: calendly.com/someone-demo",
            "link.call_to_action",
            Kind::Template,
        ),
        (
            "Impressed by your work at Northwind Labs! We help teams like yours ship faster, quick call?",
            "context.merge_field",
            Kind::Template,
        ),
        (
            "Our framework helps banks cut settlement failures by 60%.",
            "pitch.metric",
            Kind::Template,
        ),
        (
            "I help engineering leaders hire faster, first session is free",
            "pitch.self_promotion",
            Kind::Template,
        ),
        (
            "You reviewed my thesis draft in 2019 and it changed the whole chapter.",
            "personal.you_did",
            Kind::Personal,
        ),
        (
            "Our customers love the platform and the pricing is fair",
            "pitch.vocabulary",
            Kind::Template,
        ),
        (
            "Great talk at RustConf on async cancellation!",
            "personal.met",
            Kind::Personal,
        ),
        (
            "I read your blog post on logical replication, how did you sync sequences?",
            "personal.their_work",
            Kind::Personal,
        ),
        (
            "Thanks for the review on my pull request, it helped a lot.",
            "personal.thanks",
            Kind::Personal,
        ),
        (
            "We worked together on the payments team at Northwind in 2019!",
            "personal.shared_past",
            Kind::Personal,
        ),
        (
            "We worked together on the payments team at Northwind in 2019!",
            "context.shared_employer",
            Kind::Personal,
        ),
        (
            "Marta Gil said you'd know who owns the SDK now.",
            "context.mutual_person",
            Kind::Personal,
        ),
        (
            "As promised, here is the link to the paper.",
            "personal.prior_contact",
            Kind::Personal,
        ),
        ("Hey cousin! Mum says hi.", "personal.life", Kind::Personal),
        (
            "Loved the zeppelin anecdote, ballast maths checks out",
            "specific.rare_word",
            Kind::Personal,
        ),
    ];

    #[test]
    fn each_rule_fires_on_its_example() {
        let invs: Vec<Invitation> = TABLE
            .iter()
            .enumerate()
            .map(|(i, (note, _, _))| inv(&format!("Sender Number{i}"), note))
            .collect();
        let results = classify_export(&export(invs), &Overrides::new());
        for ((note, rule, kind), c) in TABLE.iter().zip(&results) {
            assert!(
                c.reasons.iter().any(|r| r.rule == *rule),
                "{note:?}: no {rule} in {:#?}",
                c.reasons
            );
            assert_eq!(c.kind, *kind, "{note:?}: {:#?}", c.reasons);
            assert_eq!(c.class, kind.class());
            assert_eq!(c.class == Class::Personal, c.score >= 50, "{note:?}");
        }
    }

    /// Rare words in a note with a commercial shape and nothing personal count for nothing;
    /// next to personal evidence they count again.
    #[test]
    fn rare_words_need_a_personal_anchor_when_the_note_has_a_pitch_shape() {
        let notes = [
            "Our zeppelin platform delights every customer in Friedrichshafen",
            "Merhaba, şirketimiz kurumsal eğitim çözümleri sunmaktadır.",
            "はじめまして。IT業界専門のヘッドハンターをしております。",
            "We met at the zeppelin rally; our platform team loved your Friedrichshafen customer story",
        ];
        let invs: Vec<Invitation> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| inv(&format!("Sender Number{i}"), n))
            .collect();
        let r = classify_export(&export(invs), &Overrides::new());
        for c in &r[..3] {
            assert_eq!(c.kind, Kind::Template, "{:#?}", c.reasons);
            assert!(c.reasons.iter().all(|r| r.rule != "specific.rare_word"));
        }
        assert_eq!(r[3].kind, Kind::Personal, "{:#?}", r[3].reasons);
        assert!(r[3].reasons.iter().any(|r| r.rule == "specific.rare_word"));
    }

    /// A stock compliment on the career next to the user's employer is a merge field.
    #[test]
    fn career_flattery_makes_the_employer_a_merge_field() {
        let a = inv(
            "Clara Ward",
            "I really admire what you've accomplished at Northwind Labs and would love to follow your journey.",
        );
        let c = &classify_export(&export(vec![a]), &Overrides::new())[0];
        assert!(c.reasons.iter().any(|r| r.rule == "context.merge_field"));
        assert_eq!(c.class, Class::Boilerplate, "{:#?}", c.reasons);
    }

    /// A named connection and a shared past outweigh one pitch word.
    #[test]
    fn strong_shared_context_beats_a_single_pitch_cue() {
        let notes = [
            "I'm the accessibility consultant Marta Gil mentioned on Tuesday's call.",
            "We overlapped in 2021 on the rota project. I'm applying to your team, up for a 10-min chat?",
        ];
        let invs: Vec<Invitation> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| inv(&format!("Sender Number{i}"), n))
            .collect();
        for c in classify_export(&export(invs), &Overrides::new()) {
            assert_eq!(c.kind, Kind::Personal, "{:#?}", c.reasons);
        }
    }

    #[test]
    fn prior_messages_and_endorsements_count() {
        let mut a = inv(
            "Zoe Adams",
            "Connecting here so we can share the documents.",
        );
        a.relationship.messages = 4;
        a.relationship.endorsements = 1;
        let c = &classify_export(&export(vec![a]), &Overrides::new())[0];
        assert!(c.reasons.iter().any(|r| r.rule == "context.prior_messages"));
        assert!(c.reasons.iter().any(|r| r.rule == "context.endorsed"));
        assert_eq!(c.kind, Kind::Personal);
    }

    #[test]
    fn same_note_from_other_senders_is_a_cluster_but_not_from_oneself() {
        let pitch = "Hi, we are a nearshore dev shop with senior engineers available now, happy to share CVs whenever useful";
        let mut invs: Vec<Invitation> = (0..4)
            .map(|i| inv(&format!("Agent Smith{i}"), pitch))
            .collect();
        invs.push(inv(
            "Lone Sender",
            "Some words about a zeppelin rally in Friedrichshafen last weekend",
        ));
        invs.push(inv(
            "Lone Sender",
            "Some words about a zeppelin rally in Friedrichshafen last weekend",
        ));
        let r = classify_export(&export(invs), &Overrides::new());
        let msg = r[0]
            .reasons
            .iter()
            .find(|r| r.rule == "cluster.same_note")
            .unwrap();
        assert_eq!(msg.message, "Same note as 3 other senders");
        assert!(r[4].reasons.iter().all(|r| r.rule != "cluster.same_note"));
        assert_eq!(r[4].kind, Kind::Personal);
    }

    #[test]
    fn user_override_wins_and_says_so() {
        let a = inv(
            "Rachel Stone",
            "I'm a recruiter with an exciting opportunity, open to a chat?",
        );
        let key = a.key();
        let mut o = Overrides::new();
        o.insert(key, Class::Personal);
        let c = &classify_export(&export(vec![a]), &o)[0];
        assert_eq!(c.class, Class::Personal);
        assert_eq!(c.kind, Kind::Personal);
        assert_eq!(c.reasons[0].rule, "user.override");
        assert_eq!(c.reasons[0].message, "You marked this personal");
        assert_eq!(c.score, 100);
    }

    #[test]
    fn deterministic() {
        let invs: Vec<Invitation> = TABLE
            .iter()
            .map(|(note, _, _)| inv("Same Sender", note))
            .collect();
        let e = export(invs);
        assert_eq!(
            classify_export(&e, &Overrides::new()),
            classify_export(&e, &Overrides::new())
        );
    }
}

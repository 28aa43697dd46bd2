//! Pure: no I/O. The evidence rules. A note is analysed once into a [`Note`] (its words, links,
//! lexicon phrases, who each specific word is about, its language); then each rule pass, all
//! with one signature ([`Pass`]), turns one kind of evidence into [`Reason`]s. The fitted
//! weights (`weights.rs`, made by `cargo run --release --example fit_weights`) give each reason
//! its weight, in tenths of a logit, and [`score`] turns their sum into a probability.
//!
//! A reason's weight is its exact contribution to the logit: `logit = intercept + Σ weights`,
//! probability = 1 / (1 + e^(−logit/10)), score = the probability in percent.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::context::{OrgPattern, SharedContext};
use super::hash::{FxMap, FxSet};
use super::language::{NoteLang, identify};
use super::lexicon::{Cat, UNSPACED, lexicon};
use super::normalise::{Normalised, fold};
use super::stock::{GREETINGS, match_stock};
use super::weights;
use crate::model::{Classification, Kind, Reason, Relationship};

mod note;
mod passes;
mod time;

pub use passes::{
    pass_cluster, pass_commercial, pass_direction, pass_interaction, pass_language, pass_marks,
    pass_no_content, pass_phrases, pass_relationship, pass_shape, pass_shared_context,
    pass_specifics, pass_you_did,
};

/// Scores from this up (a probability in percent) are personal; up to [`UNSURE_HIGH`] they are
/// also unsure. Chosen by the fit (see `weights.rs`).
pub const UNSURE_LOW: u8 = weights::UNSURE_LOW;
/// See [`UNSURE_LOW`].
pub const UNSURE_HIGH: u8 = weights::UNSURE_HIGH;

/// Three or more distinct senders with the same note: a blast, never personal. Its reason
/// caps the logit here (tenths): a probability of about 5%.
const BLAST_CAP: i32 = -30;

/// What the rest of the export says about one note.
///
/// A field a rule reads must also go into `classify`'s `Memo` key, which lets notes that share
/// text and context share one verdict (`shared_verdicts_are_each_notes_own` checks it).
#[derive(Debug, Clone, Copy)]
pub struct NoteContext<'a> {
    pub shared: &'a SharedContext,
    pub relationship: &'a Relationship,
    /// The other party's display name, for messages.
    pub counterpart: &'a str,
    /// Other distinct senders who sent the same or a near-identical note.
    pub other_senders: u32,
    /// The user wrote this note (an outgoing invitation).
    pub outgoing: bool,
    /// The year the invitation was sent: a year in the note three or more before it is a
    /// past the note recalls.
    pub sent_year: i32,
}

/// True for a word that can carry specific content.
pub fn is_content_word(w: &str) -> bool {
    w.chars().nth(2).is_some()
        && !w.starts_with('_')
        && !w.chars().all(|c| c.is_ascii_digit())
        && !lexicon().is_filler(w)
}

/// Who a word of the note is about (failure class 2): only the recipient and a shared context
/// are personal evidence; the sender describing themselves is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Neutral,
    /// "your talk on …"
    Recipient,
    /// "we met at …", "our call today"
    Shared,
    /// "I am …", "my company …", "we are …"
    Sender,
    /// The recipient's school, employer, title or field dropped into a stock sentence
    /// ("I see you are involved with …", "impressed by your work at …").
    Merge,
}

/// Links, contact details, prices and figures found in the note's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Email,
    Phone,
    LinkCallToAction,
    LinkWork,
    LinkOther,
    Rate,
    Metric,
}

/// One note, analysed once; every pass reads it.
pub struct Note<'a> {
    /// The sanitised note; spans in reasons are byte ranges in it.
    pub text: &'a str,
    pub n: &'a Normalised,
    pub trimmed: Range<usize>,
    pub lang: NoteLang,
    /// (what, byte range), in order of the text.
    pub marks: Vec<(Mark, Range<usize>)>,
    /// Lexicon phrases kept after overlaps are resolved: (category, token range), in order.
    pub phrases: Vec<(Cat, Range<usize>)>,
    /// Tokens explained by a mark, a phrase, a context match or a name: not specific words.
    pub covered: Vec<bool>,
    /// Tokens of commercial vocabulary outside the phrases (distinct words).
    pub commercial: Vec<usize>,
    /// "you asked", "you reviewed": byte range.
    pub you_did: Option<Range<usize>>,
    /// Who each token is about.
    pub who: Vec<Who>,
    /// The sentence each token belongs to.
    pub sentence: Vec<u16>,
    pub org: Option<(&'a OrgPattern, Range<usize>)>,
    pub connection: Option<(&'a str, Range<usize>)>,
    /// Prior or coming interactions (failure class 7): (rule, token range).
    pub interactions: Vec<(&'static str, Range<usize>)>,
    /// Merge frames and interaction phrases found: (is a merge frame, first token, tokens).
    frames: Vec<(bool, usize, usize)>,
}

impl Note<'_> {
    fn has_phrase(&self, f: impl Fn(Cat) -> bool) -> bool {
        self.phrases.iter().any(|(c, _)| f(*c))
    }

    fn has_mark(&self, f: impl Fn(Mark) -> bool) -> bool {
        self.marks.iter().any(|(m, _)| f(*m))
    }

    /// Personal evidence in the note's words: a personal phrase, an interaction, a recalled
    /// act of the recipient's, or a named connection.
    pub fn has_personal_words(&self) -> bool {
        self.has_phrase(Cat::is_personal)
            || !self.interactions.is_empty()
            || self.you_did.is_some()
            || self.connection.is_some()
    }

    /// Some pitch evidence: a pitch phrase, contact details, prices or a sign-up link.
    pub fn has_pitch(&self) -> bool {
        self.has_phrase(|c| c.is_pitch() && c != Cat::Flattery)
            || self.commercial.len() >= 2
            || self.has_mark(|m| {
                matches!(
                    m,
                    Mark::Email | Mark::Phone | Mark::Rate | Mark::Metric | Mark::LinkCallToAction
                )
            })
    }

    fn tokens_in_bytes(&self, r: &Range<usize>) -> Range<usize> {
        self.n.tokens_in_note(r)
    }
}

/// A rule pass: reads the analysed note and its context, adds reasons (weights are filled in
/// later from the fitted table).
pub type Pass = fn(&Note<'_>, &NoteContext<'_>, &mut Vec<Reason>);

/// The passes, in order (later passes may read the reasons of earlier ones).
pub const PASSES: &[(&str, Pass)] = &[
    ("marks", pass_marks),
    ("phrases", pass_phrases),
    ("commercial", pass_commercial),
    ("you_did", pass_you_did),
    ("interaction", pass_interaction),
    ("shared_context", pass_shared_context),
    ("relationship", pass_relationship),
    ("cluster", pass_cluster),
    ("specifics", pass_specifics),
    ("language", pass_language),
    ("direction", pass_direction),
    ("shape", pass_shape),
    ("no_content", pass_no_content),
];

/// Classify one note. `note` is the sanitised note; spans in the reasons are byte ranges in it.
pub fn classify_note(text: &str, n: &Normalised, ctx: &NoteContext<'_>) -> Classification {
    let trimmed = trim_span(text);
    if trimmed.is_empty() {
        return no_note();
    }
    let note = Note::analyse(text, n, ctx);
    let words = n
        .tokens
        .iter()
        .filter(|t| {
            !note
                .marks
                .iter()
                .any(|(_, r)| r.start <= t.span.start && t.span.end <= r.end)
        })
        .count();
    if words == 0 {
        let msg = if note
            .has_mark(|m| matches!(m, Mark::LinkCallToAction | Mark::LinkWork | Mark::LinkOther))
        {
            "Only a link, nothing written"
        } else {
            "Only emoji or punctuation, nothing written"
        };
        return fixed(Kind::Generic, "generic.no_words", msg, Some(trimmed));
    }
    if let Some(r) = match_stock(text, n) {
        return fixed(
            Kind::Default,
            "default.stock_text",
            "LinkedIn's stock invitation text",
            n.span_of(r),
        );
    }
    let mut reasons = Vec::new();
    for (_, pass) in PASSES {
        pass(&note, ctx, &mut reasons);
    }
    score(reasons)
}

/// Rules that decide alone (no note, no words, LinkedIn's stock text): the reason's weight is
/// the whole logit.
/// The verdict on an invitation without a note (or with only spaces): the one copy, used by
/// `classify_note` and for the rows `classify_export` never hands it.
pub fn no_note() -> Classification {
    fixed(Kind::NoNote, "no_note", "No note, or only spaces", None)
}

fn fixed(
    kind: Kind,
    rule: &'static str,
    message: &'static str,
    span: Option<Range<usize>>,
) -> Classification {
    let weight = match kind {
        Kind::NoNote => -100,
        Kind::Default => -50,
        _ => -40,
    };
    let score = if kind == Kind::NoNote {
        0
    } else {
        percent(weight)
    };
    Classification {
        class: kind.class(),
        kind,
        score,
        reasons: vec![Reason {
            rule: rule.into(),
            message: message.into(),
            weight,
            span: span.filter(|s| !s.is_empty()),
        }],
    }
}

fn fitted() -> &'static FxMap<&'static str, (i32, u8)> {
    static W: OnceLock<FxMap<&'static str, (i32, u8)>> = OnceLock::new();
    W.get_or_init(|| {
        weights::WEIGHTS
            .iter()
            .map(|&(r, w, cap)| (r, (w, cap)))
            .collect()
    })
}

/// The fitted weight of each reason (the first `cap` reasons of a rule count, the rest weigh
/// nothing), the blast cap, the probability, the kind.
pub fn score(mut reasons: Vec<Reason>) -> Classification {
    let table = fitted();
    for i in 0..reasons.len() {
        let (w, cap) = table.get(&*reasons[i].rule).copied().unwrap_or((0, 1));
        let k = reasons[..i]
            .iter()
            .filter(|r| r.rule == reasons[i].rule)
            .count();
        reasons[i].weight = if k < usize::from(cap) { w } else { 0 };
    }
    let mut logit = weights::INTERCEPT + reasons.iter().map(|r| r.weight).sum::<i32>();
    if let Some(r) = reasons.iter_mut().find(|r| r.rule == "cluster.blast")
        && logit > BLAST_CAP
    {
        r.weight -= logit - BLAST_CAP;
        logit = BLAST_CAP;
    }
    let score = percent(logit);
    let personal = score >= UNSURE_LOW;
    let pitch = reasons.iter().any(|r| {
        r.rule.starts_with("pitch.")
            || r.rule.starts_with("contact.")
            || r.rule.starts_with("cluster.")
            || r.rule == "link.call_to_action"
            || r.rule.ends_with("merge_field")
            || r.rule == "specific.about_sender"
    });
    let kind = if personal {
        Kind::Personal
    } else if pitch {
        Kind::Template
    } else {
        Kind::Generic
    };
    // Strongest evidence first, so the CLI and the UI lead with it.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.weight.abs()));
    Classification {
        class: kind.class(),
        kind,
        score,
        reasons,
    }
}

/// The probability in percent of a logit in tenths.
fn percent(logit_tenths: i32) -> u8 {
    let p = 1.0 / (1.0 + (-(logit_tenths as f64) / 10.0).exp());
    (p * 100.0).round().clamp(0.0, 100.0) as u8
}

/// True when a score falls in the band the model is unsure about.
pub fn is_unsure(score: u8) -> bool {
    (UNSURE_LOW..UNSURE_HIGH).contains(&score)
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
    use super::*;
    use crate::model::{Class, Export, InvitationRecord, Invitations, Position, School};

    pub(super) use crate::classify::tests::inv;

    pub(super) fn export(invs: Vec<InvitationRecord>) -> Export {
        Export {
            invitations: Invitations::from_records(&invs),
            positions: vec![Position {
                company: "Northwind Labs".to_string(),
                ..Position::default()
            }],
            schools: vec![School {
                name: "Crestmoor University".to_string(),
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

    pub(super) fn shared() -> SharedContext {
        SharedContext::new(
            ["Northwind Labs"],
            ["Crestmoor University"],
            [("Marta", "Gil")],
        )
    }

    /// Classify notes as one export (each from its own sender) and return the verdicts.
    fn classify(notes: &[&str]) -> Vec<Classification> {
        let invs: Vec<InvitationRecord> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| inv(&format!("Sender Number{i}"), n))
            .collect();
        classify_export(&export(invs), &Overrides::new())
    }

    fn rules_of(c: &Classification) -> Vec<&str> {
        c.reasons.iter().map(|r| &*r.rule).collect()
    }

    /// Class 1: in a two-note export everyday words are no evidence; rarity comes from the
    /// language.
    #[test]
    fn class1_everyday_words_are_not_rare_in_a_small_export() {
        let r = classify(&[
            "Let's talk, I think we could build something great this year, try it",
            "Loved your zeppelin ballast anecdote",
        ]);
        assert!(
            rules_of(&r[0]).iter().all(|x| !x.starts_with("specific.")),
            "{:#?}",
            r[0]
        );
        assert_eq!(r[0].class, Class::Boilerplate, "{:#?}", r[0]);
        assert!(
            rules_of(&r[1]).contains(&"specific.about_you"),
            "{:#?}",
            r[1]
        );
    }

    /// Class 2: specifics about the sender are not about the recipient.
    #[test]
    fn class2_the_senders_self_description_is_not_personal_evidence() {
        let r = classify(&[
            "Hi, I am Priya, a graduate student at Hollis Bay and an intern at Tenbridge Analytics. Would love to learn from you!",
        ]);
        let rules = rules_of(&r[0]);
        assert!(rules.contains(&"specific.about_sender"), "{rules:?}");
        assert!(!rules.contains(&"specific.about_you"), "{rules:?}");
        assert_eq!(r[0].class, Class::Boilerplate, "{:#?}", r[0]);
    }

    /// Class 3: the recipient's school or field dropped into a fixed sentence is a merge field.
    #[test]
    fn class3_merge_fields_are_not_shared_context() {
        let r = classify(&[
            "Hello, I recently got admitted to Crestmoor University for the MSc program. Could you share some tips on housing?",
            "Hi Ana, I see you are involved with biostatistics. Would love to connect.",
        ]);
        assert!(
            rules_of(&r[0])
                .iter()
                .all(|x| !x.starts_with("context.shared")),
            "{:#?}",
            r[0]
        );
        assert!(
            rules_of(&r[1]).contains(&"specific.merge_field"),
            "{:#?}",
            r[1]
        );
        for c in &r {
            assert_eq!(c.class, Class::Boilerplate, "{:#?}", c);
        }
    }

    /// Class 4: three senders with the same note, however personal it sounds, never personal.
    #[test]
    fn class4_a_blast_is_never_personal() {
        let note = "Great chatting at the meetup yesterday, loved your talk on zeppelin ballast!";
        let r = classify(&[note, note, note]);
        for c in &r {
            assert!(rules_of(c).contains(&"cluster.blast"), "{c:#?}");
            assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
            let logit: i32 = weights::INTERCEPT + c.reasons.iter().map(|r| r.weight).sum::<i32>();
            assert_eq!(percent(logit), c.score, "weights add up to the score");
        }
    }

    /// Class 5: thanks for connecting, a greeting and the user's own name are no evidence.
    #[test]
    fn class5_generic_thanks_greetings_and_the_users_name_are_no_evidence() {
        let r = classify(&[
            "Thanks for connecting!",
            "مرحبا مايا",
            "Thank you for accepting my request",
        ]);
        for c in &r {
            assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
            assert!(
                rules_of(c).iter().all(|x| !x.starts_with("specific.")),
                "{c:#?}"
            );
        }
    }

    /// Class 6: words in complex scripts are whole words in the reasons.
    #[test]
    fn class6_complex_script_words_are_whole() {
        let note = "আপনার সাথে কথা বলে ভালো লাগলো";
        let r = classify(&[note]);
        for reason in &r[0].reasons {
            if let Some(s) = &reason.span {
                let piece = &note[s.clone()];
                assert!(!piece.ends_with('\u{9a8}'), "cut mid-word: {piece}");
            }
        }
        let n = Normalised::new(note, &[], &[]);
        assert_eq!(n.tokens[0].word, "আপনার");
    }

    /// Class 7: prior and coming interactions, in several languages.
    #[test]
    fn class7_interactions_are_personal_evidence() {
        let notes = [
            "Hi Ana, thanks for your time today!",
            "Great chatting with you at the meetup yesterday",
            "Looking forward to our call on Friday",
            "Thanks for the reply in the comment thread yesterday, it helped",
            "Merci pour l'échange d'hier, à bientôt",
            "Danke für das Gespräch heute!",
            "Gracias por la llamada de ayer",
            "Obrigado pela conversa de hoje",
        ];
        for (note, c) in notes.iter().zip(classify(&notes)) {
            assert!(
                rules_of(&c)
                    .iter()
                    .any(|r| r.starts_with("personal.interaction")),
                "{note}: {c:#?}"
            );
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
        // A stranger's call request is no interaction.
        let c =
            &classify(&["Are you free for a quick 15 minute call? We help teams ship faster"])[0];
        assert!(
            rules_of(c)
                .iter()
                .all(|r| !r.starts_with("personal.interaction")),
            "{c:#?}"
        );
    }

    /// Class 8: a language without a lexicon is named in the reasons, not guessed from rarity.
    #[test]
    fn class8_a_language_without_lexicon_says_so() {
        let c = &classify(&[
            "Saluton, ni proponas programadajn servojn por via firmao je bona prezo, skribu al mi",
        ])[0];
        let rules = rules_of(c);
        assert!(rules.contains(&"language.no_lexicon"), "{rules:?}");
        assert!(
            rules.iter().all(|r| !r.starts_with("specific.")),
            "{rules:?}"
        );
        assert!(c.reasons.iter().any(|r| r.message.contains("Esperanto")));
    }

    /// Class 9: a named shared event or the recipient's artefact outweighs one opportunity
    /// word.
    #[test]
    fn class9_shared_event_outweighs_one_pitch_word() {
        let notes = [
            "Oi Ana, nos conhecemos no Encontro de Dados de Recife semana passada! Temos uma vaga aberta no time, se quiser conversar.",
            "Loved your talk at RustConf on async cancellation. We're hiring, by the way.",
        ];
        for (note, c) in notes.iter().zip(classify(&notes)) {
            assert!(
                rules_of(&c).iter().any(|r| r.starts_with("pitch.")),
                "{note}: {c:#?}"
            );
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
    }

    #[test]
    fn no_note_and_a_note_of_spaces_get_one_verdict() {
        let mut none = inv("Sender None", "");
        none.note = None;
        let r = classify_export(
            &export(vec![none, inv("Sender Spaces", "   ")]),
            &Overrides::new(),
        );
        assert_eq!(r[0], r[1]);
        assert_eq!(r[0], no_note());
    }

    #[test]
    fn fixed_rules_decide_alone() {
        let r = classify(&[
            "   ",
            "👋",
            "I'd like to add you to my professional network on LinkedIn. - Tom Becker",
        ]);
        assert_eq!(r[0].kind, Kind::NoNote);
        assert_eq!(r[1].kind, Kind::Generic);
        assert_eq!(r[2].kind, Kind::Default);
        for c in &r {
            assert_eq!(c.reasons.len(), 1);
        }
    }

    /// A reason's weight is its exact contribution: the score is the logistic of their sum.
    #[test]
    fn scores_are_the_logistic_of_the_summed_weights() {
        let r = classify(&[
            "We met at RustConf, loved your talk on zeppelin ballast",
            "I'm a recruiter with an exciting role, open to a chat?",
            "Hi Ana, let's connect!",
        ]);
        for c in &r {
            let logit: i32 = weights::INTERCEPT + c.reasons.iter().map(|r| r.weight).sum::<i32>();
            assert_eq!(percent(logit), c.score, "{c:#?}");
            assert_eq!(c.class == Class::Personal, c.score >= UNSURE_LOW);
        }
        assert_eq!(r[0].class, Class::Personal);
        assert_eq!(r[1].kind, Kind::Template);
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
        assert_eq!(c.reasons[0].rule, "user.override");
        assert_eq!(c.reasons[0].message, "You marked this personal");
    }

    #[test]
    fn deterministic() {
        let notes = [
            "We met at RustConf",
            "Thanks for connecting",
            "Our platform helps",
        ];
        let invs: Vec<InvitationRecord> = notes.iter().map(|n| inv("Same Sender", n)).collect();
        let e = export(invs);
        assert_eq!(
            classify_export(&e, &Overrides::new()),
            classify_export(&e, &Overrides::new())
        );
    }

    /// Round 5, class 8: pitches in Hindi, Bengali and Russian are judged on their phrase lists,
    /// not waved through as a language without a lexicon.
    #[test]
    fn round5_pitches_in_hindi_bengali_and_russian_are_boilerplate() {
        for note in [
            "नमस्ते जी, हमारी कंपनी हेल्थकेयर एनालिटिक्स में नई भर्तियां कर रही है। कृपया अपना रिज्यूमे भेजें।",
            "আসসালামু আলাইকুম ভাই, আমরা ডিজিটাল মার্কেটিং সার্ভিস দেই, কম খরচে। কানেক্ট করুন প্লিজ",
            "Добрый день! Наша компания занимается перевозками, хотели бы предложить сотрудничество",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Boilerplate, "{note}: {c:#?}");
            assert!(!rules_of(c).contains(&"language.no_lexicon"), "{note}");
        }
    }

    /// Round 5, classes 7 and 9: a referral by a named person, and a shared past beside a
    /// recruiting phrase (a friend who pitches), are personal.
    #[test]
    fn round5_referrals_and_friends_who_pitch_are_personal() {
        for note in [
            "Hey Ana, Nikhil from your team said I should reach out regarding the SRE role, he spoke highly of you. Would be great to connect",
            "hola ana, soy la hija de doña Remedios, ella me paso tu contacto por lo de las practicas",
            "Ana! we zaten samen in het risk team bij Hollandse Kredietbank, lang geleden. Wij zoeken trouwens nog een PO, mocht je iemand kennen",
            "Ana, thanks for letting me shadow at the Saturday distribution! the volunteers were amazing",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
    }

    /// Round 5, class 5: thanks for connecting, in French, and "nice to meet you" alone are
    /// greetings, not thanks for something or a meeting.
    #[test]
    fn round5_thanks_for_connecting_and_nice_to_meet_you_are_generic() {
        for note in [
            "Merci pour la connexion !",
            "Hello, nice to meet you. Let's connect!",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Boilerplate, "{note}: {c:#?}");
            let rules = rules_of(c);
            assert!(
                !rules.contains(&"personal.thanks") && !rules.contains(&"personal.met"),
                "{note}: {rules:?}"
            );
        }
    }

    /// Round 5, class 2: in the user's own note, the user's employer is the sender's own, so
    /// it is not "they are at your employer too".
    #[test]
    fn round5_the_users_own_employer_in_their_own_note_is_not_shared() {
        let mut mine = inv(
            "Ana Alvarez",
            "Hello, I am Ana from Northwind Labs. We build dashboards for retailers, happy to show you a demo.",
        );
        mine.direction = crate::model::Direction::Outgoing;
        let theirs = inv(
            "Sam Ortiz",
            "Hello, I am Sam from Northwind Labs. We build dashboards for retailers, happy to show you a demo.",
        );
        let cs = classify_export(&export(vec![mine, theirs]), &Overrides::new());
        assert!(
            !rules_of(&cs[0]).contains(&"context.same_org"),
            "{:#?}",
            cs[0]
        );
        assert!(
            rules_of(&cs[1]).contains(&"context.same_org"),
            "{:#?}",
            cs[1]
        );
    }

    /// Round 5: phrases in Thai (lead byte 0xE0) are matched like Chinese and Japanese ones.
    #[test]
    fn round5_thai_phrases_are_matched() {
        let c = &classify(&["สวัสดีครับ เราเป็นเอเจนซี่ทำการตลาดออนไลน์ สนใจปรึกษาฟรีได้เลยครับ"])[0];
        assert!(rules_of(c).contains(&"pitch.sales"), "{c:#?}");
        assert_eq!(c.class, Class::Boilerplate);
    }

    /// Round 6, class 9: an event word in the sentence that names the meeting is where they
    /// met, not a promotion.
    #[test]
    fn round6_an_event_word_beside_a_named_meeting_is_not_a_promotion() {
        let note = "Hi Ana, we sat next to each other at the Nairobi Agri-Innovation Summit panel on thursday, you made that great point on cooperatives. Lets keep in touch";
        let c = &classify(&[note])[0];
        assert!(!rules_of(c).contains(&"pitch.promotion"), "{c:#?}");
        assert_eq!(c.class, Class::Personal, "{c:#?}");
        // The same word in a sentence of its own is still a promotion.
        let c = &classify(&[
            "Hi Ana, join our Agri-Innovation Summit next month. Register via the link in my profile",
        ])[0];
        assert!(rules_of(c).contains(&"pitch.promotion"), "{c:#?}");
        assert_eq!(c.class, Class::Boilerplate);
    }

    /// Round 6, class 7: meetings and shared pasts in Spanish, Portuguese and traditional
    /// Chinese.
    #[test]
    fn round6_meetings_and_shared_pasts_in_more_languages_are_personal() {
        for note in [
            "Lucas! nos vimos en la cena del Colegio Los Almendros el viernes, te agrego por aqui",
            "Oi Carol, aqui é a Bruna! fizemos juntas a pós em nutrição esportiva, lembra? Saudades!",
            "昱婷學姊你好～我是之前在清水大學材料所隔壁實驗室的家豪，最近也到竹科上班了 加一下！",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
    }

    /// Round 7: a form letter's "Thanks for your time!" is a sign-off, not thanks for
    /// something; a fund's "next cohort" is no shared past; catching up is an interaction.
    #[test]
    fn round7_sign_offs_and_programmes_are_not_personal_evidence() {
        let c = &classify(&[
            "Hello Mr. Alvarez, my name is Tyler and Im graduating in May with a BS in supply chain. I would appreciate any advice on breaking into procurement at your firm. Thanks for your time!",
        ])[0];
        assert!(!rules_of(c).contains(&"personal.thanks"), "{c:#?}");
        assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
        let c = &classify(&[
            "Hi Ana, I lead partnerships at an impact fund backing early-stage agritech. We'd love to explore whether there's a fit for our next cohort.",
        ])[0];
        assert!(!rules_of(c).contains(&"personal.shared_past"), "{c:#?}");
        assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
        let c =
            &classify(&["great catching up at the fintech mixer last nite, lets stay in touch!"])
                [0];
        assert_eq!(c.class, Class::Personal, "{c:#?}");
    }

    /// Round 8, class 9: two bare pitch words inside a thanks for a timed session do not sink
    /// it; the sender's own webinar "this Thursday" is not an interaction with the recipient.
    #[test]
    fn round8_pitch_words_inside_evidence_and_own_events_with_a_date() {
        let c = &classify(&[
            "Olá Marta! Foi otimo falar contigo na sessão de mentoria de ontem, obrigado pelas dicas sobre o portfolio. Vamos manter contacto :)",
        ])[0];
        assert!(!rules_of(c).contains(&"pitch.sales"), "{c:#?}");
        assert_eq!(c.class, Class::Personal, "{c:#?}");
        let c = &classify(&[
            "Hola Sofía! Te invito a nuestro webinar gratuito \"Marketing con IA\" este jueves 6pm. Cupos limitados, te dejo el link por inbox",
        ])[0];
        assert!(
            rules_of(c)
                .iter()
                .all(|r| !r.starts_with("personal.interaction")),
            "{c:#?}"
        );
        assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
    }

    /// Round 8: what the recipient did or made, said plainly ("the role you applied to", "the
    /// case study you published").
    #[test]
    fn round8_the_recipients_application_and_publications_are_personal() {
        for note in [
            "Hi Hamza, I'm the hiring manager for the Associate SE role you applied to at Brightloop. Enjoyed your take-home submission, let's set up a quick call this week.",
            "hola camila, te escribo porque vi el caso de estudio que publicaste de la app de transporte, me encanto el proceso de research. podemos conectar?",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
    }
    /// Round 9: a particular time (yesterday, last Friday, a year gone by) is personal evidence
    /// in any of about forty languages, from closed-class lists rather than grown phrases; an
    /// ask for a number of minutes is a stranger's call to action in any of them.
    #[test]
    fn round9_times_in_any_language_and_minute_asks() {
        for note in [
            "Hej Karin! Tack för i fredags, det var så kul att prata om tillgänglighet. Hörs snart!",
            "Chào chị Lan, em rất vui được gặp chị tối qua ở sự kiện fintech, mong được kết nối",
            "어제 세미나에서 질문드렸던 사람입니다. 답변 감사했습니다!",
            "Terima kasih untuk diskusi kemarin di acara startup Bandung, semoga bisa ngobrol lagi",
            "hey Tomasz, its Piotr from the bridge inspection crew 2019, good to see you on here",
        ] {
            let c = &classify(&[note])[0];
            assert_eq!(c.class, Class::Personal, "{note}: {c:#?}");
        }
        for note in [
            "Merhaba Ayşe Hanım, ekibiniz için yeni bir bordro yazılımı geliştirdik. 15 dakika görüşebilir miyiz?",
            "Xin chào anh, bên em cung cấp phần mềm kế toán cho doanh nghiệp. Anh có 15 phút không ạ?",
        ] {
            let c = &classify(&[note])[0];
            assert!(
                rules_of(c).contains(&"pitch.call_to_action"),
                "{note}: {c:#?}"
            );
            assert_eq!(c.class, Class::Boilerplate, "{note}: {c:#?}");
        }
        // A weekday in the sender's own offer is no time shared with the recipient.
        let c = &classify(&[
            "Hi Ana, join our free webinar on payroll automation this Friday, seats are limited!",
        ])[0];
        assert!(
            rules_of(c).iter().all(|r| !r.starts_with("personal.when")),
            "{c:#?}"
        );
    }
    /// Round 10: a season gone by is a particular time; minutes asked for in an inflected
    /// language are still asked for; a weekday in a note that offers the sender's own event is
    /// that event's day, and makes nothing in its sentence shared.
    #[test]
    fn round10_seasons_inflected_minutes_and_event_days() {
        let c = &classify(&[
            "hey Ana, its Tom from the bridge retrofit crew last summer, good to see you here",
        ])[0];
        assert!(rules_of(c).contains(&"personal.when"), "{c:#?}");
        assert_eq!(c.class, Class::Personal, "{c:#?}");
        let c = &classify(&[
            "Kedves Anna! Új bérszámfejtő szoftverünket szívesen bemutatom 20 percben, mikor érne rá?",
        ])[0];
        assert!(rules_of(c).contains(&"pitch.call_to_action"), "{c:#?}");
        let c = &classify(&[
            "Hi Ana! We're hosting a live session on supply chain finance this Saturday 4pm. Free for founders, limited seats.",
        ])[0];
        assert!(!rules_of(c).contains(&"personal.when_day"), "{c:#?}");
        assert!(!rules_of(c).contains(&"specific.shared"), "{c:#?}");
        assert_eq!(c.class, Class::Boilerplate, "{c:#?}");
    }
}

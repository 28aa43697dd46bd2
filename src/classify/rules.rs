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

/// Scores from this up (a probability in percent) are personal; up to [`UNSURE_HIGH`] they are
/// also unsure. Chosen by the fit (see `weights.rs`).
pub const UNSURE_LOW: u8 = weights::UNSURE_LOW;
/// See [`UNSURE_LOW`].
pub const UNSURE_HIGH: u8 = weights::UNSURE_HIGH;

/// Three or more distinct senders with the same note: a blast, never personal. Its reason
/// caps the logit here (tenths): a probability of about 5%.
const BLAST_CAP: i32 = -30;

/// What the rest of the export says about one note.
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
        let toks = &self.n.tokens;
        let a = toks.partition_point(|t| t.span.end <= r.start);
        let b = toks.partition_point(|t| t.span.start < r.end);
        a..b.max(a)
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
    ("no_content", pass_no_content),
];

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
        metric: Regex::new(r"(?i-u)\b\d+(?:[.,]\d+)?\s?%|%\d+\b|\b\d+(?:[.,]\d+)?k?\+|\btop\s\d+\b|\b\d+x\s(?:faster|cheaper|more|less|better)\b|\b\d{1,3}(?:,\d{3})+\b")
            .expect("metric pattern"),
        // "you asked", "you wrote", "you've helped": recalls something the recipient did.
        you_did: Regex::new(
            r"(?i-u)\byou(?:'ve| have)?\s(asked|wrote|gave|said|told|made|helped|handed|offered|reviewed|mentioned|showed|sent|did|took|built|ran|taught|answered|fixed|suggested|recommended|explained|shared|hosted|organi[sz]ed|mentored|interviewed|spoke|presented|belayed|covered|invited|introduced|pointed|reported|filed|merged|saved|drove|lent|found|recognised|recognized|posted|commented|replied|liked)\b",
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

/// Word lists for attribution and interactions, folded like notes on first use.
struct Words {
    recipient: FxSet<String>,
    sender: FxSet<String>,
    /// Merge frames then interaction phrases, over note skeletons; pattern ids below
    /// `merge_count` are merge frames.
    phrases: aho_corasick::AhoCorasick,
    merge_count: usize,
    phrase_len: Vec<usize>,
    interaction: FxSet<String>,
    past: FxSet<String>,
    coming: FxSet<String>,
    determiners: FxSet<String>,
    greetings: FxSet<String>,
}

/// Words that point at the recipient (failure class 2). "je" is "you" only in Dutch.
const RECIPIENT_WORDS: &str = "you your yours yourself u ur vous votre vos ton ta tes toi tu
    ihr ihre ihren ihrem ihrer dein deine deinen deinem deiner dich dir du sie
    tus su sus usted ustedes contigo voce seu sua seus suas teu tua teus tuas
    tuo tuoi tue lei suo vostro vostra jouw uw jij jullie din ditt dina er ert erat
    twoj twoja twoje pana pani sizin senin";
const SENDER_WORDS: &str = "i me my mine myself we us our ours im moi mon ma mes nous notre nos
    ich mich mir mein meine meinen meinem meiner wir uns unser unsere unseren unserem
    yo mi mis soy estoy nosotros nosotras nuestro nuestra nuestros nuestras
    eu meu minha meus minhas sou estou nos nossa nosso nossos nossas
    io mio mia miei mie sono noi nostro nostra ik mijn wij ons onze jag mig mitt mina vi var vara
    jestem moja moj moje nasz nasza ben benim biz bizim";
/// Stock frames that drop the recipient's school, employer, title or field into a sentence
/// (failure class 3): the words after them are merge fields.
const MERGE_FRAMES: &[&str] = &[
    "i see you are",
    "i see you re",
    "i saw you are",
    "i saw you re",
    "noticed you are",
    "noticed you re",
    "noticed that you are",
    "see that you are",
    "saw that you are",
    "you are also",
    "you re also",
    "you are involved",
    "you re involved",
    "involved with",
    "involved in",
    "your experience in",
    "your experience at",
    "your experience with",
    "your background in",
    "your work in",
    "your work at",
    "your role at",
    "your role as",
    "your journey",
    "your expertise in",
    "your profile",
    "you work at",
    "you work in",
    "you are currently",
    "you re currently",
    "currently studying",
    "current student",
    "fellow alum",
    "alumnus",
    "alumna",
    "alumni",
    "in the field of",
    "jag ser att du",
    "je vois que vous",
    "je vois que tu",
    "ich sehe dass sie",
    "ich sehe dass du",
    "veo que",
    "vi que voce",
    "vejo que voce",
    "vedo che",
    "ik zie dat je",
    "ik zie dat u",
    "in your field",
    "your company",
    "your organization",
    "your organisation",
    "your team at",
];
/// Interactions (failure class 7): a call, a meeting, an interview, a comment thread.
const INTERACTION_WORDS: &str = "call calls called chat chatted chatting meeting meetings meet met interview interviews
    interviewed conversation conversations convo spoke speaking talked talking coffee lunch dinner session
    zoom teams comment comments commented thread reply replied discussion discussed workshop class lecture
    panel feedback review livestream stream spreken gesproken praten sprechen gesprochen hablar hablamos
    falar falamos conversamos parlare parlato parler parle
    appel appels reunion entretien echange echanges rendez discussion cafe conference
    gesprach gesprache telefonat anruf treffen termin austausch kaffee vortrag
    llamada reunion entrevista charla conversacion platica videollamada
    ligacao chamada reuniao entrevista conversa papo bate
    chiamata riunione colloquio chiacchierata incontro caffe
    gesprek belletje afspraak vergadering koffie overleg
    samtal mote intervju fika gorusme toplanti mulakat rozmowa rozmowe rozmowy spotkanie spotkaniu
    مكالمة اجتماع مقابلة لقاء محادثة
    কল মিটিং সাক্ষাৎকার আলোচনা কথা";
/// Time words of a past interaction.
const PAST_WORDS: &str = "today yesterday earlier tonight morning afternoon evening
    aujourd hui hier matin tout heute gestern vorhin heute morgen hoy ayer hoje ontem cedo
    oggi ieri stamattina vandaag gisteren vanochtend idag igar bugun dun dzisiaj dzis wczoraj
    اليوم امس আজ গতকাল";
/// Time words of a coming interaction, and weekdays.
const COMING_WORDS: &str = "tomorrow next monday tuesday wednesday thursday friday saturday sunday
    week soon demain lundi mardi mercredi jeudi vendredi prochaine prochain
    morgen montag dienstag mittwoch donnerstag freitag nachste woche
    manana lunes martes miercoles jueves viernes proxima semana
    amanha segunda terca quarta quinta sexta proxima semana
    domani lunedi martedi mercoledi giovedi venerdi prossima settimana
    maandag dinsdag woensdag donderdag vrijdag volgende imorgon fredag
    غدا الجمعة আগামীকাল";
/// "our call", "the interview": a determiner that makes an interaction a particular one.
const DETERMINERS: &str =
    "our the this that your notre nos cette ce la le unser unsere unseren unserem das den dem
    nuestra nuestro el esta este nossa nosso essa esse nostra nostro il questa ons onze het deze";
const INTERACTION_PHRASES: &[&str] = &[
    "thanks for your time",
    "thank you for your time",
    "thanks for taking the time",
    "thanks for reaching out about",
    "thank you for reaching out about",
    "thanks for reaching out regarding",
    "thank you for taking the time",
    "great speaking",
    "great talking",
    "great chatting",
    "nice talking",
    "nice speaking",
    "nice chatting",
    "good talking",
    "good speaking",
    "lovely chatting",
    "lovely speaking",
    "enjoyed our",
    "enjoyed the chat",
    "enjoyed the call",
    "enjoyed talking",
    "enjoyed speaking",
    "enjoyed meeting",
    "looking forward to our",
    "look forward to our",
    "see you on",
    "see you next",
    "see you at",
    "see you tomorrow",
    "see you friday",
    "your comment",
    "your reply",
    "your answer",
    "my comment",
    "in the comments",
    "in the thread",
    "in that thread",
    "under my post",
    "under your post",
    "liked my post",
    "merci pour l echange",
    "merci pour notre echange",
    "ravi d avoir echange",
    "danke fur das gesprach",
    "danke fur den austausch",
    "gracias por la charla",
    "gracias por tu tiempo",
    "obrigado pela conversa",
    "obrigada pela conversa",
    "obrigado pelo papo",
    "grazie per la chiacchierata",
    "bedankt voor het gesprek",
];

fn word_lists() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| {
        let set = |s: &str| -> FxSet<String> { s.split_whitespace().map(fold).collect() };
        let skeletons: Vec<String> = MERGE_FRAMES
            .iter()
            .chain(INTERACTION_PHRASES)
            .map(|p| super::normalise::skeleton_of(p))
            .collect();
        let phrases = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(skeletons.iter().map(|s| format!(" {s} ")))
            .expect("plain phrases");
        let mut greetings: FxSet<String> = GREETINGS.iter().map(|g| fold(g)).collect();
        for g in [
            "مرحبا",
            "اهلا",
            "السلام",
            "নমস্কার",
            "হ্যালো",
            "नमस्ते",
            "merhaba",
            "witam",
            "czesc",
            "hej",
            "hoi",
            "ciao",
        ] {
            greetings.insert(fold(g));
        }
        Words {
            recipient: set(RECIPIENT_WORDS),
            sender: set(SENDER_WORDS),
            phrases,
            merge_count: MERGE_FRAMES.len(),
            phrase_len: skeletons.iter().map(|s| s.split(' ').count()).collect(),
            interaction: set(INTERACTION_WORDS),
            past: set(PAST_WORDS),
            coming: set(COMING_WORDS),
            determiners: set(DETERMINERS),
            greetings,
        }
    })
}

/// Where the merge frames and interaction phrases occur: (is a merge frame, first token, tokens).
fn find_phrases_of(n: &Normalised) -> Vec<(bool, usize, usize)> {
    let w = word_lists();
    w.phrases
        .find_overlapping_iter(&n.skeleton)
        .map(|m| {
            let id = m.pattern().as_usize();
            let toks = n.tokens_in(m.start()..m.end());
            (id < w.merge_count, toks.start, w.phrase_len[id])
        })
        .collect()
}

impl<'a> Note<'a> {
    /// Analyse a note: everything the passes need, found once.
    pub fn analyse(text: &'a str, n: &'a Normalised, ctx: &NoteContext<'a>) -> Note<'a> {
        let trimmed = trim_span(text);
        let lang = identify(text, n);
        let mut note = Note {
            text,
            n,
            trimmed,
            lang,
            marks: Vec::new(),
            phrases: Vec::new(),
            covered: vec![false; n.tokens.len()],
            commercial: Vec::new(),
            you_did: None,
            who: vec![Who::Neutral; n.tokens.len()],
            sentence: vec![0; n.tokens.len()],
            org: None,
            connection: None,
            interactions: Vec::new(),
            frames: find_phrases_of(n),
        };
        note.find_marks();
        note.find_phrases();
        note.find_sentences();
        note.find_interactions();
        note.attribute();
        if let Some(m) = patterns().you_did.find(text) {
            note.you_did = Some(m.range());
            note.cover_bytes(&m.range());
        }
        if let Some((org, toks)) = ctx.shared.find_org(n) {
            note.cover(toks.clone());
            note.org = Some((org, toks));
        }
        if let Some((name, toks)) = ctx.shared.find_connection(n) {
            note.cover(toks.clone());
            note.connection = Some((name, toks));
        }
        // A word right after an opening greeting is the recipient's name, whatever its script
        // ("مرحبا مايا"): never specific evidence (failure class 5).
        let words = word_lists();
        let mut i = 0;
        while i < n.tokens.len() && words.greetings.contains(n.tokens[i].text()) {
            i += 1;
        }
        if i > 0 && i < n.tokens.len() {
            note.covered[i] = true;
        }
        for (i, t) in n.tokens.iter().enumerate() {
            if t.is_name() || words.greetings.contains(t.text()) {
                note.covered[i] = true;
            }
        }
        note
    }

    fn cover(&mut self, toks: Range<usize>) {
        for c in &mut self.covered[toks] {
            *c = true;
        }
    }

    fn cover_bytes(&mut self, r: &Range<usize>) {
        let t = self.tokens_in_bytes(r);
        self.cover(t);
    }

    fn find_marks(&mut self) {
        let p = patterns();
        let note = self.text;
        let has_digit = note.bytes().any(|b| b.is_ascii_digit());
        let mut found: Vec<(Mark, Range<usize>)> = Vec::new();
        let free = |found: &Vec<(Mark, Range<usize>)>, r: &Range<usize>| {
            !found.iter().any(|(_, f)| overlaps(f, r))
        };
        if note.contains('@') {
            for m in p.email.find_iter(note) {
                found.push((Mark::Email, m.range()));
            }
        }
        if note.contains('.') {
            for m in p.url.find_iter(note) {
                if !free(&found, &m.range()) {
                    continue;
                }
                let lower = m.as_str().to_lowercase();
                let kind = if CALL_TO_ACTION_HOSTS.iter().any(|h| lower.contains(h)) {
                    Mark::LinkCallToAction
                } else if WORK_HOSTS.iter().any(|h| lower.contains(h)) {
                    Mark::LinkWork
                } else {
                    Mark::LinkOther
                };
                found.push((kind, m.range()));
            }
        }
        if has_digit {
            for m in p.phone.find_iter(note) {
                if free(&found, &m.range()) {
                    found.push((Mark::Phone, m.range()));
                }
            }
        }
        if has_digit || note.contains("rate") || note.contains("hour") {
            for m in p.rate.find_iter(note) {
                if free(&found, &m.range()) {
                    found.push((Mark::Rate, m.range()));
                }
            }
        }
        if has_digit && let Some(m) = p.metric.find_iter(note).find(|m| free(&found, &m.range())) {
            found.push((Mark::Metric, m.range()));
        }
        found.sort_by_key(|(_, r)| r.start);
        for (_, r) in &found {
            self.cover_bytes(r);
        }
        self.marks = found;
    }

    fn find_phrases(&mut self) {
        let n = self.n;
        let lex = lexicon();
        let mut matches: Vec<(Cat, Range<usize>)> = Vec::new();
        for m in lex.automaton.find_overlapping_iter(&n.skeleton) {
            let (cat, _, _) = lex.meta[m.pattern().as_usize()];
            let toks = n.tokens_in(m.start()..m.end());
            if !toks.is_empty() {
                matches.push((cat, toks));
            }
        }
        // Scripts without spaces: substring matches on the note itself.
        if self.text.bytes().any(|b| (0xE3..=0xE9).contains(&b)) {
            for &(cat, phrases) in UNSPACED {
                for ph in phrases {
                    for (at, _) in self.text.match_indices(ph) {
                        let toks = self.tokens_in_bytes(&(at..at + ph.len()));
                        if !toks.is_empty() {
                            matches.push((cat, toks));
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
        let mut out: Vec<(Cat, Range<usize>)> = Vec::new();
        for (cat, toks) in kept {
            self.cover(toks.clone());
            // Of two overlapping matches of one category, keep the longer.
            if let Some(r) = out
                .iter_mut()
                .find(|(c, r)| *c == cat && overlaps(r, &toks))
            {
                if toks.len() > r.1.len() {
                    r.1 = toks;
                }
                continue;
            }
            out.push((cat, toks));
        }
        out.sort_by_key(|(_, r)| r.start);
        self.phrases = out;
        // The vocabulary of selling, hiring and promoting, word by word.
        for (i, t) in n.tokens.iter().enumerate() {
            if !self.covered[i]
                && !t.is_name()
                && lex.commercial_words.contains(t.word.as_str())
                && !self.commercial.iter().any(|&j| n.tokens[j].word == t.word)
            {
                self.commercial.push(i);
            }
        }
        for i in self.commercial.clone() {
            self.covered[i] = true;
        }
    }

    /// Sentences end at . ! ? ; : or a line break between two words.
    fn find_sentences(&mut self) {
        let toks = &self.n.tokens;
        let mut s: u16 = 0;
        for i in 0..toks.len() {
            // Tokens of one character ("½" folds into "1⁄2") share its span: no gap.
            if i > 0 && toks[i - 1].span.end <= toks[i].span.start {
                let gap = &self.text[toks[i - 1].span.end..toks[i].span.start];
                if gap.contains(['.', '!', '?', ';', '\n', '。', '！', '？', '।', '؟']) {
                    s = s.saturating_add(1);
                }
            }
            self.sentence[i] = s;
        }
    }

    fn sentence_range(&self, s: u16) -> Range<usize> {
        let a = self.sentence.partition_point(|&x| x < s);
        let b = self.sentence.partition_point(|&x| x <= s);
        a..b
    }

    /// Failure class 7: a call, a meeting, an interview or a comment thread, with a time word
    /// or a determiner that makes it a particular one.
    fn find_interactions(&mut self) {
        let words = word_lists();
        let toks = &self.n.tokens;
        let mut found: Vec<(&'static str, Range<usize>)> = Vec::new();
        for &(merge, at, len) in &self.frames {
            if !merge {
                found.push(("personal.interaction_phrase", at..at + len));
            }
        }
        for i in 0..toks.len() {
            if !words.interaction.contains(toks[i].text()) {
                continue;
            }
            let sent = self.sentence_range(self.sentence[i]);
            let past = sent.clone().find(|&j| words.past.contains(toks[j].text()));
            let coming = sent
                .clone()
                .find(|&j| words.coming.contains(toks[j].text()));
            let determined = i > 0
                && (words.determiners.contains(toks[i - 1].text())
                    || (i > 1 && words.determiners.contains(toks[i - 2].text())));
            let span = |j: usize| i.min(j)..i.max(j) + 1;
            if let Some(j) = past {
                found.push(("personal.interaction_timed", span(j)));
            } else if let Some(j) = coming
                && determined
            {
                found.push(("personal.interaction_planned", span(j)));
            } else if determined {
                found.push(("personal.interaction_named", i - 1..i + 1));
            }
        }
        // One of each rule, the first.
        let mut out: Vec<(&'static str, Range<usize>)> = Vec::new();
        for (rule, r) in found {
            if !out.iter().any(|(x, _)| *x == rule) {
                out.push((rule, r));
            }
        }
        self.interactions = out;
    }

    /// Failure class 2: who each word is about. In a sentence with personal evidence (a shared
    /// meeting, past or interaction) every word is shared context; otherwise a word is about
    /// whoever the nearest person word before it names ("your" → the recipient, "I", "my",
    /// "we" → the sender); words after a stock frame are merge fields.
    fn attribute(&mut self) {
        let words = word_lists();
        let toks = &self.n.tokens;
        let dutch = self.lang.code == "nl";
        let merge_from: Vec<usize> = self
            .frames
            .iter()
            .filter(|(merge, _, _)| *merge)
            .map(|&(_, at, _)| at)
            .collect();
        let last = self.sentence.last().copied().unwrap_or(0);
        for s in 0..=last {
            let r = self.sentence_range(s);
            let personal = self
                .phrases
                .iter()
                .any(|(c, t)| c.is_personal() && t.start < r.end && r.start < t.end)
                || self
                    .interactions
                    .iter()
                    .any(|(_, t)| t.start < r.end && r.start < t.end);
            let flattery = self
                .phrases
                .iter()
                .any(|(c, t)| *c == Cat::Flattery && t.start < r.end && r.start < t.end);
            let mut cur = Who::Neutral;
            let mut merging = false;
            for i in r {
                if personal {
                    self.who[i] = Who::Shared;
                    continue;
                }
                let w = toks[i].text();
                if words.recipient.contains(w) || (w == "je" && dutch) {
                    cur = if merging || flattery {
                        Who::Merge
                    } else {
                        Who::Recipient
                    };
                } else if words.sender.contains(w) || (w == "je" && !dutch) {
                    cur = Who::Sender;
                    merging = false;
                } else if merging && cur != Who::Sender {
                    cur = Who::Merge;
                }
                // A frame ("I see you are …") starts here: what follows it is a merge field.
                if merge_from.contains(&i) {
                    merging = true;
                }
                self.who[i] = cur;
            }
        }
    }
}

fn push(out: &mut Vec<Reason>, rule: &str, message: String, span: Option<Range<usize>>) {
    out.push(Reason {
        rule: rule.to_string(),
        message,
        weight: 0,
        span: span.filter(|s| !s.is_empty()),
    });
}

/// Links, contact details, prices and sales figures.
pub fn pass_marks(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (m, r) in &note.marks {
        let found = note.text[r.clone()].trim();
        let (rule, msg) = match m {
            Mark::Email => (
                "contact.email",
                "Leaves an e-mail address, as mass notes do".to_string(),
            ),
            Mark::Phone => (
                "contact.phone",
                "Leaves a phone number, as mass notes do".to_string(),
            ),
            Mark::LinkCallToAction => (
                "link.call_to_action",
                "Links to a booking, sign-up or form page".to_string(),
            ),
            Mark::LinkWork => ("link.work", "Links to code, a paper or a talk".to_string()),
            Mark::LinkOther => ("link.other", "Contains a link".to_string()),
            Mark::Rate => ("pitch.rate", format!("Names a price or a rate: “{found}”")),
            Mark::Metric => ("pitch.metric", format!("Quotes a sales figure: “{found}”")),
        };
        push(out, rule, msg, Some(r.clone()));
    }
}

/// The phrase lexicons: generic, pitch and personal phrasing.
pub fn pass_phrases(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (cat, toks) in &note.phrases {
        let span = note.n.span_of(toks.clone());
        let excerpt = span.clone().map_or("", |s| &note.text[s]);
        push(
            out,
            cat.rule(),
            format!("{}: “{excerpt}”", cat.label()),
            span,
        );
    }
}

/// Several words of commercial vocabulary outside the phrases: the shape of a pitch.
pub fn pass_commercial(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if note.commercial.len() < 2 {
        return;
    }
    for &i in &note.commercial {
        let t = &note.n.tokens[i];
        push(
            out,
            "pitch.vocabulary",
            format!("Commercial vocabulary: “{}”", &note.text[t.span.clone()]),
            Some(t.span.clone()),
        );
    }
}

/// "You reviewed my thesis": recalls something the recipient did.
pub fn pass_you_did(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if let Some(r) = &note.you_did {
        push(
            out,
            "personal.you_did",
            format!("Recalls something you did: “{}”", &note.text[r.clone()]),
            Some(r.clone()),
        );
    }
}

/// Prior or coming interactions (failure class 7).
pub fn pass_interaction(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    for (rule, toks) in &note.interactions {
        let span = note.n.span_of(toks.clone());
        let excerpt = span.clone().map_or("", |s| &note.text[s]);
        let msg = match *rule {
            "personal.interaction_timed" => {
                format!("Refers to an interaction with a time: “{excerpt}”")
            }
            "personal.interaction_planned" => {
                format!("Refers to a planned interaction: “{excerpt}”")
            }
            "personal.interaction_named" => {
                format!("Refers to a particular interaction: “{excerpt}”")
            }
            _ => format!("Follows up an interaction: “{excerpt}”"),
        };
        push(out, rule, msg, span);
    }
}

/// The user's own school or employer, and their connections, named in the note. A school or
/// employer in a stock frame, in a pitch, or about the recipient with nothing personal beside it
/// is a merge field (failure class 3).
pub fn pass_shared_context(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if let Some((org, toks)) = &note.org {
        let what = if org.is_school {
            "your school"
        } else {
            "your employer"
        };
        let who = note.who.get(toks.start).copied().unwrap_or(Who::Neutral);
        let span = note.n.span_of(toks.clone());
        if who == Who::Shared || (note.has_personal_words() && who != Who::Merge) {
            let rule = if org.is_school {
                "context.shared_school"
            } else {
                "context.shared_employer"
            };
            push(
                out,
                rule,
                format!("Names {what} {} as shared context", org.display),
                span,
            );
        } else if who == Who::Sender {
            push(
                out,
                "context.same_org",
                format!("Says they are at {what} {} too", org.display),
                span,
            );
        } else {
            push(
                out,
                "context.merge_field",
                format!(
                    "Mentions {what} {} in a sentence that fits anyone: a merge field",
                    org.display
                ),
                span,
            );
        }
    }
    if let Some((name, toks)) = &note.connection {
        push(
            out,
            "context.mutual_person",
            format!("Names {name}, one of your connections"),
            note.n.span_of(toks.clone()),
        );
    }
}

/// Messages and endorsements in the export.
pub fn pass_relationship(_: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let rel = ctx.relationship;
    if rel.messages > 0 {
        let plural = if rel.messages == 1 { "" } else { "s" };
        push(
            out,
            "context.prior_messages",
            format!(
                "You have exchanged {} message{plural} with {}",
                rel.messages, ctx.counterpart
            ),
            None,
        );
    }
    if rel.endorsements > 0 || rel.recommendations > 0 {
        let who = if ctx.counterpart.trim().is_empty() {
            "They"
        } else {
            ctx.counterpart
        };
        push(
            out,
            "context.endorsed",
            format!("{who} endorsed or recommended you before"),
            None,
        );
    }
}

/// The same note from other senders (failure class 4): one other is a hint, two or more make a
/// blast that is never personal.
pub fn pass_cluster(note: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let k = ctx.other_senders;
    if k == 0 {
        return;
    }
    let plural = if k == 1 { "" } else { "s" };
    let rule = if k >= 2 {
        "cluster.blast"
    } else {
        "cluster.same_note"
    };
    let msg = if k >= 2 {
        format!("Same note as {k} other senders: a template, never personal")
    } else {
        format!("Same note as {k} other sender{plural}")
    };
    push(out, rule, msg, Some(note.trimmed.clone()));
}

/// Specific words: content words that are rare in the note's language (failure class 1), by
/// who they are about (failure class 2).
pub fn pass_specifics(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if !note.lang.has_table() {
        return;
    }
    for (i, t) in note.n.tokens.iter().enumerate() {
        if note.covered[i]
            || t.is_name()
            || !is_content_word(t.text())
            || note.lang.is_common(t.text())
        {
            continue;
        }
        let word = &note.text[t.span.clone()];
        let (rule, msg) = match note.who[i] {
            Who::Recipient => (
                "specific.about_you",
                format!("“{word}” is specific, about you"),
            ),
            Who::Shared => (
                "specific.shared",
                format!("“{word}” is specific, in what you share"),
            ),
            Who::Sender => (
                "specific.about_sender",
                format!("“{word}” is about the sender, not you"),
            ),
            Who::Merge => (
                "specific.merge_field",
                format!("“{word}” fills a sentence that fits anyone"),
            ),
            Who::Neutral => (
                "specific.rare_word",
                format!("“{word}” is uncommon in {}", note.lang.name),
            ),
        };
        push(out, rule, msg, Some(t.span.clone()));
    }
}

/// Failure class 8: a language the lexicons do not cover is said, not guessed from rarity.
pub fn pass_language(note: &Note<'_>, _: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if !note.lang.has_lexicon() {
        push(
            out,
            "language.no_lexicon",
            format!(
                "Written in {}, which the phrase lists do not cover: judged on links, context and senders only",
                note.lang.name
            ),
            None,
        );
    } else if !note.lang.has_table() {
        push(
            out,
            "language.no_frequency",
            format!(
                "No word-frequency table for {}: no word counts as specific",
                note.lang.name
            ),
            None,
        );
    }
}

/// The user's own outgoing note.
pub fn pass_direction(_: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    if ctx.outgoing {
        push(
            out,
            "direction.outgoing",
            "You wrote this note".to_string(),
            None,
        );
    }
}

/// Nothing specific and nothing personal: greetings, thanks for connecting, networking phrases
/// (failure class 5).
pub fn pass_no_content(note: &Note<'_>, ctx: &NoteContext<'_>, out: &mut Vec<Reason>) {
    let evidence = out.iter().any(|r| {
        r.rule.starts_with("personal.")
            || r.rule == "specific.about_you"
            || r.rule == "specific.shared"
            || r.rule.starts_with("context.")
    });
    if evidence || ctx.relationship.messages > 0 {
        return;
    }
    let generic = out.iter().any(|r| r.rule == "generic.phrase");
    let (rule, msg) = if generic {
        (
            "generic.only_phrases",
            "Only greetings, thanks and networking phrases that fit anyone",
        )
    } else {
        (
            "generic.no_content",
            "Nothing specific to you or shared with you",
        )
    };
    push(out, rule, msg.to_string(), Some(note.trimmed.clone()));
}

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
    if let Some(r) = match_stock(n) {
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

fn fixed(kind: Kind, rule: &str, message: &str, span: Option<Range<usize>>) -> Classification {
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
            rule: rule.to_string(),
            message: message.to_string(),
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
        let (w, cap) = table
            .get(reasons[i].rule.as_str())
            .copied()
            .unwrap_or((0, 1));
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
    use super::super::normalise::name_parts;
    use super::super::{Overrides, classify_export};
    use super::*;
    use crate::model::{
        Class, Direction, Export, Invitation, InvitationType, Position, Recipient, School, Sender,
        SourceLoc,
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

    fn shared() -> SharedContext {
        SharedContext::new(
            ["Northwind Labs"],
            ["Crestmoor University"],
            [("Marta", "Gil")],
        )
    }

    /// The rules one pass adds for a note (an incoming note from "Tom Becker" to "Ana Alvarez").
    fn run(pass: Pass, text: &str, other_senders: u32, outgoing: bool) -> Vec<String> {
        let shared = shared();
        let rel = Relationship {
            messages: u32::from(text.contains("[messages]")),
            ..Relationship::default()
        };
        let ctx = NoteContext {
            shared: &shared,
            relationship: &rel,
            counterpart: "Tom Becker",
            other_senders,
            outgoing,
        };
        let n = Normalised::new(text, &name_parts("Tom Becker"), &name_parts("Ana Alvarez"));
        let note = Note::analyse(text, &n, &ctx);
        let mut out = Vec::new();
        pass(&note, &ctx, &mut out);
        for r in &out {
            if let Some(s) = &r.span {
                assert!(s.end <= text.len() && text.is_char_boundary(s.start));
            }
        }
        out.into_iter().map(|r| r.rule).collect()
    }

    /// (pass, note, a rule the pass must add, or "" for none)
    fn check(pass: Pass, table: &[(&str, &str)]) {
        for (note, want) in table {
            let got = run(pass, note, 0, false);
            if want.is_empty() {
                assert!(got.is_empty(), "{note:?}: {got:?}");
            } else {
                assert!(
                    got.iter().any(|r| r == want),
                    "{note:?}: no {want} in {got:?}"
                );
            }
        }
    }

    #[test]
    fn pass_marks_finds_contacts_links_prices_and_figures() {
        check(
            pass_marks,
            &[
                ("Write to sales@example-demo.com", "contact.email"),
                ("Call me on +1 415 555 0100", "contact.phone"),
                (
                    "Book a slot: calendly.com/someone-demo",
                    "link.call_to_action",
                ),
                ("The patch: github.com/ana/demo/pull/3", "link.work"),
                ("See example-demo.com", "link.other"),
                ("Senior developers from $45/hr", "pitch.rate"),
                ("We cut failures by 60%", "pitch.metric"),
                ("%40'a varan zaman tasarrufu", "pitch.metric"),
                ("We met at the meetup", ""),
            ],
        );
    }

    #[test]
    fn pass_phrases_finds_the_lexicon_categories() {
        check(
            pass_phrases,
            &[
                ("Hi Ana, let's connect!", "generic.phrase"),
                ("I'm a recruiter with a role for you", "pitch.recruiting"),
                (
                    "We help SaaS teams like yours cut cloud spend",
                    "pitch.sales",
                ),
                (
                    "on behalf of a client, a short paid call",
                    "pitch.paid_research",
                ),
                ("Join our free webinar, register here", "pitch.promotion"),
                (
                    "I recently got admitted to the MSc program",
                    "pitch.job_seeker",
                ),
                ("We met at RustConf", "personal.met"),
                (
                    "I read your blog post on replication",
                    "personal.their_work",
                ),
                ("thx for the bug report", "personal.thanks"),
                (
                    "We worked together at Northwind in 2019",
                    "personal.shared_past",
                ),
                ("As promised, the link", "personal.prior_contact"),
            ],
        );
    }

    #[test]
    fn pass_commercial_needs_two_words() {
        check(
            pass_commercial,
            &[
                (
                    "Our customers love the platform and the pricing",
                    "pitch.vocabulary",
                ),
                ("I left my resume somewhere", ""),
            ],
        );
    }

    #[test]
    fn pass_you_did_recalls_what_the_recipient_did() {
        check(
            pass_you_did,
            &[
                ("You reviewed my thesis in 2019", "personal.you_did"),
                ("You commented on my post", "personal.you_did"),
                ("You are great", ""),
            ],
        );
    }

    #[test]
    fn pass_shared_context_tells_shared_from_merge_fields() {
        check(
            pass_shared_context,
            &[
                (
                    "We worked together at Northwind on payments",
                    "context.shared_employer",
                ),
                (
                    "I see you are at Northwind Labs, we help teams like yours",
                    "context.merge_field",
                ),
                ("I am a student at Crestmoor University", "context.same_org"),
                (
                    "Marta Gil said you'd know who owns the SDK",
                    "context.mutual_person",
                ),
                ("A bank in Munich", ""),
            ],
        );
    }

    #[test]
    fn pass_relationship_counts_messages() {
        check(
            pass_relationship,
            &[("[messages] hi", "context.prior_messages"), ("hi", "")],
        );
    }

    #[test]
    fn pass_cluster_tells_a_pair_from_a_blast() {
        let note = "We are a nearshore dev shop";
        assert_eq!(run(pass_cluster, note, 1, false), ["cluster.same_note"]);
        assert_eq!(run(pass_cluster, note, 2, false), ["cluster.blast"]);
        assert!(run(pass_cluster, note, 0, false).is_empty());
    }

    #[test]
    fn pass_direction_marks_the_users_own_notes() {
        assert_eq!(run(pass_direction, "hi", 0, true), ["direction.outgoing"]);
        assert!(run(pass_direction, "hi", 0, false).is_empty());
    }

    #[test]
    fn pass_no_content_fires_only_without_evidence() {
        check(
            pass_no_content,
            &[("Hi Ana, nice profile", "generic.no_content")],
        );
        // It reads the reasons of the passes before it.
        let text = "Hi Ana, let's connect!";
        let shared = shared();
        let rel = Relationship::default();
        let ctx = NoteContext {
            shared: &shared,
            relationship: &rel,
            counterpart: "",
            other_senders: 0,
            outgoing: false,
        };
        let n = Normalised::new(text, &[], &name_parts("Ana Alvarez"));
        let note = Note::analyse(text, &n, &ctx);
        let mut out = Vec::new();
        pass_phrases(&note, &ctx, &mut out);
        pass_no_content(&note, &ctx, &mut out);
        assert!(out.iter().any(|r| r.rule == "generic.only_phrases"));
        let mut out = Vec::new();
        pass_interaction(
            &Note::analyse(
                "thanks for your time today",
                &Normalised::new("thanks for your time today", &[], &[]),
                &ctx,
            ),
            &ctx,
            &mut out,
        );
        pass_no_content(&note, &ctx, &mut out);
        assert!(out.iter().all(|r| !r.rule.starts_with("generic.")));
    }

    /// Classify notes as one export (each from its own sender) and return the verdicts.
    fn classify(notes: &[&str]) -> Vec<Classification> {
        let invs: Vec<Invitation> = notes
            .iter()
            .enumerate()
            .map(|(i, n)| inv(&format!("Sender Number{i}"), n))
            .collect();
        classify_export(&export(invs), &Overrides::new())
    }

    fn rules_of(c: &Classification) -> Vec<&str> {
        c.reasons.iter().map(|r| r.rule.as_str()).collect()
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
            "Sveiki, mes siūlome programinės įrangos kūrimo paslaugas jūsų įmonei už gerą kainą",
        ])[0];
        let rules = rules_of(c);
        assert!(rules.contains(&"language.no_lexicon"), "{rules:?}");
        assert!(
            rules.iter().all(|r| !r.starts_with("specific.")),
            "{rules:?}"
        );
        assert!(c.reasons.iter().any(|r| r.message.contains("Lithuanian")));
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
        let invs: Vec<Invitation> = notes.iter().map(|n| inv("Same Sender", n)).collect();
        let e = export(invs);
        assert_eq!(
            classify_export(&e, &Overrides::new()),
            classify_export(&e, &Overrides::new())
        );
    }
}

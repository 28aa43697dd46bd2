//! Pure: no I/O. The note analysis: the patterns, word lists and phrase frames, and
//! [`Note::analyse`], which finds a note's marks, phrases, sentences, interactions and who
//! each specific word is about, once, for every pass.

use super::time;
use super::*;

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
            r"(?i-u)\byou(?:'ve| have)?\s(asked|wrote|gave|said|told|made|helped|handed|offered|reviewed|mentioned|showed|sent|did|took|built|ran|taught|answered|fixed|suggested|recommended|explained|shared|hosted|organi[sz]ed|mentored|interviewed|applied|spoke|presented|belayed|covered|invited|introduced|pointed|reported|filed|merged|saved|drove|lent|found|recognised|recognized|posted|commented|replied|liked)\b",
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
    days: FxSet<String>,
    community: FxSet<String>,
    artefacts: FxSet<String>,
    topics: FxSet<String>,
    shared_markers: FxSet<String>,
    join: FxSet<String>,
    thanks: FxSet<String>,
    help: FxSet<String>,
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
    কল মিটিং সাক্ষাৎকার আলোচনা কথা
    question questions q qs answer answered answering answers response responded replying explained
    explaining walkthrough tour visit demo booth stand meetup hackathon webinar talk keynote
    presentation presented course lesson seminar lab office hours live event
    pregunta respuesta respondiste clase curso charla evento taller encuentro visita
    pergunta resposta respondeu aula curso palestra evento encontro visita
    question reponse atelier cours salon soiree visite evenement
    frage antwort kurs veranstaltung messe stand besuch
    domanda risposta corso evento visita
    vraag antwoord cursus evenement bijeenkomst beurs bezoek
    soru cevap ders etkinlik sunum ziyaret toplantı
    pytanie odpowiedz wydarzenie spotkanie
    سؤال محاضرة ورشة
    প্রশ্ন উত্তর ক্লাস সেশন প্রশ্নের
    सवाल जवाब सेशन क्लास मीटिंग बातचीत
    звонок звонка созвон встреча встречи встрече интервью собеседование разговор беседа
    통화 미팅 면접 발표";
/// "Your time": given in an interaction only when a past time word says when.
const TIME_WORDS: &[&str] = &[
    "time", "tiempo", "tempo", "temps", "zeit", "tijd", "zaman", "czas",
];
/// Time words of a past interaction.
const PAST_WORDS: &str = "today yesterday earlier tonight morning afternoon evening
    aujourd hui hier matin tout heute gestern vorhin heute morgen hoy ayer hoje ontem cedo
    oggi ieri stamattina vandaag gisteren vanochtend idag igar bugun dun dzisiaj dzis wczoraj
    اليوم امس الماضي الماضية আজ গতকাল
    last recently passada passado pasada pasado letzte letzten letztes derniere dernier vorige afgelopen
    gecen scorsa scorso ostatnio zeszlym
    कल आज পরশু вчера сегодня недавно 어제 오늘 지난 지난주 গত पिछले पिछली पिछला";
/// Time words of a coming interaction, and weekdays.
const COMING_WORDS: &str = "tomorrow next monday tuesday wednesday thursday friday saturday sunday
    week soon demain lundi mardi mercredi jeudi vendredi samedi prochaine prochain
    morgen montag dienstag mittwoch donnerstag freitag samstag nachste woche
    manana lunes martes miercoles jueves viernes sabado proxima semana
    amanha segunda terca quarta quinta sexta sabado proxima semana
    domani lunedi martedi mercoledi giovedi venerdi sabato prossima settimana
    maandag dinsdag woensdag donderdag vrijdag zaterdag volgende imorgon fredag
    غدا الجمعة আগামীকাল";
/// Named days: an interaction on a named day is a particular one, past or coming.
const DAY_WORDS: &str = "monday tuesday wednesday thursday friday saturday sunday weekend
    lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag
    samstag sonntag lunes martes miercoles jueves viernes sabado domingo segunda terca quarta quinta
    sexta sabado domingo lunedi martedi mercoledi giovedi venerdi sabato domenica maandag dinsdag
    woensdag donderdag vrijdag zaterdag zondag pazartesi sali carsamba persembe cuma cumartesi pazar
    الجمعة السبت সোমবার মঙ্গলবার বুধবার বৃহস্পতিবার শুক্রবার শনিবার রবিবার सोमवार मंगलवार
    बुधवार गुरुवार शुक्रवार शनिवार रविवार";
/// Thanks, in the supported languages: thanks for an interaction means it happened.
const THANKS_WORDS: &str = "thanks thank thx ty tnx merci danke dank gracias agradezco obrigado
    obrigada valeu grazie bedankt tack takk tak tesekkur tesekkurler tesekkurederim dziekuje dzieki
    شكرا ধন্যবাদ धन्यवाद शुक्रिया";
/// Communities people share: "connecting from the Rust Berlin meetup", "fellow Slack member".
const COMMUNITY_WORDS: &str =
    "community communities group groups slack discord meetup meetups chapter
    club cohort circle guild forum society association bootcamp hackathon program programme
    comunidad comunidade grupo grupos gemeinschaft community communaute groupe gruppe topluluk
    kulubu spolecznosc gemeenschap comunita gruppo মজলিস কমিউনিটি समुदाय مجتمع مجموعة";
/// Things people make that others read, watch or attend: "your post on …", "tu curso de …".
const ARTEFACT_WORDS: &str = "post posts article articles talk talks course class lecture book paper
    papers repo repository library package listing video videos podcast episode newsletter thread
    comment answer presentation workshop tutorial blog thesis dissertation portfolio keynote panel
    slides study report analysis dataset project session sessions webinar demo
    publicacion articulo charla curso clase libro proyecto episodio hilo comentario respuesta
    presentacion taller tesis portafolio publicacao artigo palestra aula livro projeto comentario
    resposta apresentacao tese beitrag artikel vortrag kurs vorlesung buch projekt folge kommentar
    antwort prasentation publication conference cours livre projet commentaire reponse atelier these
    presentatie cursus boek reactie antwoord articolo intervento corso lezione libro progetto commento
    risposta presentazione tesi";
/// What a named artefact is about or where it was: "your post on …", "your talk at …".
const TOPIC_WORDS: &str =
    "on about at in from regarding re sobre de del da do uber zu zum zur von sur
    du des over op su sul sulla di hakkinda yesterday today";
/// Words that make a community shared rather than offered ("join our community").
const SHARED_MARKERS: &str = "both fellow also too same member members ambos ambas tambien tambem
    auch beide aussi ook anche ikimiz";
/// Words that make a community a pitch: "join our community", "invite you to our group".
const JOIN_WORDS: &str = "join joining invite inviting register signup subscribe apply
    unete unirte participe rejoignez rejoindre beitreten katil dolacz";
/// Verbs of a recipient's help that only happen in an interaction: "thanks for answering".
const HELP_WORDS: &str = "answering replying responding explaining hosting organizing organising
    presenting showing walking reviewing helping inviting mentoring letting having referring";
/// "our call", "the interview": a determiner that makes an interaction a particular one.
const DETERMINERS: &str =
    "our the this that your notre nos cette ce la le unser unsere unseren unserem das den dem
    nuestra nuestro el esta este nossa nosso essa esse nostra nostro il questa ons onze het deze";
const INTERACTION_PHRASES: &[&str] = &[
    "thanks for reaching out about",
    "thank you for reaching out about",
    "thanks for reaching out regarding",
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
            .map(|p| crate::classify::normalise::skeleton_of(p))
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
            days: set(DAY_WORDS),
            community: set(COMMUNITY_WORDS),
            artefacts: set(ARTEFACT_WORDS),
            topics: set(TOPIC_WORDS),
            shared_markers: set(SHARED_MARKERS),
            join: set(JOIN_WORDS),
            thanks: set(THANKS_WORDS),
            help: set(HELP_WORDS),
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
        note.drop_pitch_words_beside_evidence();
        note.find_interactions(ctx.sent_year);
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

    /// Failure class 9: one bare pitch word ("Summit", "webinar", "mentoria", "Gespräch") in
    /// the sentence that names a meeting, a shared past, the recipient's work, a thanks for
    /// something or a prior conversation is part of that evidence, not a pitch: "we sat next to
    /// each other at the Agri-Innovation Summit panel", "obrigado pelas dicas sobre o portfolio".
    fn drop_pitch_words_beside_evidence(&mut self) {
        let personal: Vec<u16> = self
            .phrases
            .iter()
            .filter(|(c, _)| {
                matches!(
                    c,
                    Cat::Met | Cat::SharedPast | Cat::TheirWork | Cat::Thanks | Cat::PriorContact
                )
            })
            .map(|(_, r)| self.sentence[r.start])
            .collect();
        if personal.is_empty() {
            return;
        }
        let sentence = &self.sentence;
        self.phrases.retain(|(c, r)| {
            !(matches!(c, Cat::Promo | Cat::Sales | Cat::CallToAction)
                && r.len() == 1
                && personal.contains(&sentence[r.start]))
        });
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
        // (Lead bytes 0xE3-0xE9 for kana and CJK; 0xE0 0xB8/0xB9 for Thai, whose phrases were
        // never matched before round 5. Devanagari and Bengali, also under 0xE0, have spaces.)
        let bytes = self.text.as_bytes();
        if bytes.iter().any(|b| (0xE3..=0xE9).contains(b))
            || bytes
                .windows(2)
                .any(|w| w[0] == 0xE0 && (w[1] == 0xB8 || w[1] == 0xB9))
        {
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
        // An ask for a number of minutes, in any language ("15 min", "20 minutos", "15分钟").
        for r in time::minute_asks(self.text) {
            let toks = self.tokens_in_bytes(&r);
            if !toks.is_empty() {
                matches.push((Cat::CallToAction, toks));
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
    fn find_interactions(&mut self, sent_year: i32) {
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
            // "thanks for answering my question", "thanks for taking my interview": thanking
            // for an interaction means it happened.
            if let Some(j) = self.thanks_before(sent.clone(), i, 8) {
                found.push(("personal.interaction_thanks", j..i + 1));
                continue;
            }
            // The sender's own event, offered ("te invito a nuestro webinar … este jueves"), is
            // no interaction with the recipient.
            if self.phrases.iter().any(|(c, t)| {
                matches!(c, Cat::Promo | Cat::SelfPromotion)
                    && t.start < sent.end
                    && sent.start < t.end
            }) {
                continue;
            }
            // A named day counts as a time only with a determiner ("our call on Friday"),
            // never in a stranger's "a quick call Friday?".
            let determined = i > 0
                && (words.determiners.contains(toks[i - 1].text())
                    || (i > 1
                        && toks[i - 2].text() != "your"
                        && words.determiners.contains(toks[i - 2].text())));
            let past = sent
                .clone()
                .find(|&j| words.past.contains(toks[j].text()))
                .or_else(|| {
                    sent.clone()
                        .find(|&j| words.days.contains(toks[j].text()))
                        .filter(|_| determined)
                });
            let coming = sent
                .clone()
                .find(|&j| words.coming.contains(toks[j].text()));
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
        // "thanks for answering", "thanks for your time today": thanks for help or for time
        // given, close after the thanks.
        for i in 0..toks.len() {
            let w = toks[i].text();
            let time = TIME_WORDS.contains(&w);
            if !time && !words.help.contains(w) {
                continue;
            }
            let sent = self.sentence_range(self.sentence[i]);
            let Some(j) = self.thanks_before(sent.clone(), i, 4) else {
                continue;
            };
            if time {
                if let Some(k) = sent.clone().find(|&k| words.past.contains(toks[k].text())) {
                    found.push(("personal.interaction_timed", j.min(k)..i.max(k) + 1));
                }
            } else {
                found.push(("personal.interaction_thanks", j..i + 1));
            }
        }
        // A community both belong to: a community word with a shared marker in its sentence
        // ("we're both in the Kotlin Slack", "connecting from the PyData group"), never an
        // invitation to join one.
        for i in 0..toks.len() {
            if !words.community.contains(toks[i].text()) {
                continue;
            }
            let sent = self.sentence_range(self.sentence[i]);
            let pitch = sent.clone().any(|j| words.join.contains(toks[j].text()))
                || self
                    .phrases
                    .iter()
                    .any(|(c, t)| c.is_pitch() && t.start < sent.end && sent.start < t.end);
            let marker = sent.clone().find(|&j| {
                words.shared_markers.contains(toks[j].text())
                    || (toks[j].text() == "connecting"
                        && toks.get(j + 1).is_some_and(|t| t.text() == "from"))
            });
            if let (Some(j), false) = (marker, pitch) {
                found.push(("personal.community", i.min(j)..i.max(j) + 1));
            }
        }
        // The recipient's own artefact, named with what it is about or where it was: "your
        // post on idempotent DAGs", "your recent talk at PyCon", "tu curso de SQL".
        let dutch = self.lang.code == "nl";
        for i in 0..toks.len() {
            let w = toks[i].text();
            if !(words.recipient.contains(w) || (w == "je" && dutch)) {
                continue;
            }
            // Up to two words between: "your Epic reporting session at …".
            let Some(a) = (i + 1..(i + 4).min(toks.len()))
                .find(|&a| words.artefacts.contains(toks[a].text()))
            else {
                continue;
            };
            let topic = (a + 1..(a + 3).min(toks.len())).find(|&k| {
                words.topics.contains(toks[k].text()) || words.past.contains(toks[k].text())
            });
            if let Some(k) = topic {
                found.push(("personal.their_artefact", i..k + 1));
            }
        }
        // A particular time, named anywhere outside a pitch's sentence (closed-class lists in
        // about forty languages, see `time.rs`): "i fredags", "tối qua", "上週", "yesterday".
        for (day, toks) in time::find(self.text, self.n, self.lang.code) {
            // A weekday in a note that offers the sender's own event is that event's day.
            if self.in_pitch_sentence(toks.start)
                || (day
                    && self
                        .phrases
                        .iter()
                        .any(|(c, _)| matches!(c, Cat::Promo | Cat::SelfPromotion)))
            {
                continue;
            }
            let rule = if day {
                "personal.when_day"
            } else {
                "personal.when"
            };
            found.push((rule, toks));
        }
        // A year three or more before the invitation, outside a pitch's sentence: "the drainage
        // project 2021", "back in 2019" (a founding year is in the pitch's own sentence).
        for (i, t) in toks.iter().enumerate() {
            let w = t.text();
            if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let year: i32 = w.parse().unwrap_or(0);
            if !(1960..=sent_year - 3).contains(&year) {
                continue;
            }
            if !self.in_pitch_sentence(i) {
                found.push(("personal.when_year", i..i + 1));
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

    /// Token `i`'s sentence holds a pitch phrase.
    fn in_pitch_sentence(&self, i: usize) -> bool {
        let sent = self.sentence_range(self.sentence[i]);
        self.phrases
            .iter()
            .any(|(c, t)| c.is_pitch() && t.start < sent.end && sent.start < t.end)
    }

    /// A thanks at most `gap` words before token `i` in its sentence, for something given
    /// ("thanks for the call"), not asked for ("thanks in advance for any advice").
    fn thanks_before(&self, sent: Range<usize>, i: usize, gap: usize) -> Option<usize> {
        let words = word_lists();
        let toks = &self.n.tokens;
        let j = sent
            .take_while(|&j| j < i)
            .filter(|&j| i - j <= gap)
            .find(|&j| words.thanks.contains(toks[j].text()))?;
        let asked = toks[j + 1..i].iter().any(|t| {
            matches!(
                t.text(),
                "advance"
                    | "avance"
                    | "voraus"
                    | "antemano"
                    | "antecipadamente"
                    | "any"
                    | "cualquier"
            )
        });
        (!asked).then_some(j)
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
                || self.interactions.iter().any(|(rule, t)| {
                    // A weekday says when, not that the sentence is about something shared.
                    *rule != "personal.when_day" && t.start < r.end && r.start < t.end
                });
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

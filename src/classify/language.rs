//! Pure: no I/O. Which language a note is written in, and how common its words are in that
//! language.
//!
//! The language comes from the frequency tables when one of them knows nearly every word of the
//! note (cheap, and reliable on short notes), else from `whatlang` (trigram statistics), which
//! names the languages we have no table for. The tables are the
//! 20,000 most frequent words per language from `wordfreq` (CC BY-SA 4.0, see
//! data/wordfreq/README.md), compiled in and indexed on first use.

use std::sync::OnceLock;

use super::hash::FxMap;
use super::normalise::Normalised;

/// A word ranked below this in its language (1 = most frequent) is common, whatever the export.
pub const COMMON_RANK: u32 = 10_000;

/// (ISO 639-1 code, English name, word table).
const TABLES: &[(&str, &str, &str)] = &[
    ("en", "English", include_str!("../../data/wordfreq/en.txt")),
    ("fr", "French", include_str!("../../data/wordfreq/fr.txt")),
    ("de", "German", include_str!("../../data/wordfreq/de.txt")),
    ("es", "Spanish", include_str!("../../data/wordfreq/es.txt")),
    (
        "pt",
        "Portuguese",
        include_str!("../../data/wordfreq/pt.txt"),
    ),
    ("it", "Italian", include_str!("../../data/wordfreq/it.txt")),
    ("nl", "Dutch", include_str!("../../data/wordfreq/nl.txt")),
    ("sv", "Swedish", include_str!("../../data/wordfreq/sv.txt")),
    ("tr", "Turkish", include_str!("../../data/wordfreq/tr.txt")),
    ("ar", "Arabic", include_str!("../../data/wordfreq/ar.txt")),
    ("pl", "Polish", include_str!("../../data/wordfreq/pl.txt")),
    ("bn", "Bengali", include_str!("../../data/wordfreq/bn.txt")),
    ("hi", "Hindi", include_str!("../../data/wordfreq/hi.txt")),
];

/// The other languages the lexicons cover that `wordfreq` ships, by our code for them (the
/// language `whatlang` names): their 10,000 most frequent words. They only say whether a word
/// is common ([`COMMON_RANK`]); they do not identify a language (whatlang does, for these), so
/// each is indexed the first time a note in it comes. Korean, Japanese and Chinese have none:
/// wordfreq lists their morphemes, which a note's words would never match; Serbian has none:
/// wordfreq's list is in Latin letters (Croatian uses it), Serbian notes mostly in Cyrillic.
const EXTRA_TABLES: &[(&str, &str)] = &[
    ("bul", include_str!("../../data/wordfreq/bg.txt")),
    ("cat", include_str!("../../data/wordfreq/ca.txt")),
    ("ces", include_str!("../../data/wordfreq/cs.txt")),
    ("dan", include_str!("../../data/wordfreq/da.txt")),
    ("ell", include_str!("../../data/wordfreq/el.txt")),
    ("pes", include_str!("../../data/wordfreq/fa.txt")),
    ("fin", include_str!("../../data/wordfreq/fi.txt")),
    ("tgl", include_str!("../../data/wordfreq/fil.txt")),
    ("heb", include_str!("../../data/wordfreq/he.txt")),
    ("hun", include_str!("../../data/wordfreq/hu.txt")),
    ("ind", include_str!("../../data/wordfreq/id.txt")),
    ("lit", include_str!("../../data/wordfreq/lt.txt")),
    ("lav", include_str!("../../data/wordfreq/lv.txt")),
    ("nob", include_str!("../../data/wordfreq/nb.txt")),
    ("ron", include_str!("../../data/wordfreq/ro.txt")),
    ("ru", include_str!("../../data/wordfreq/ru.txt")),
    ("hrv", include_str!("../../data/wordfreq/sh.txt")),
    ("slk", include_str!("../../data/wordfreq/sk.txt")),
    ("slv", include_str!("../../data/wordfreq/sl.txt")),
    ("tam", include_str!("../../data/wordfreq/ta.txt")),
    ("ukr", include_str!("../../data/wordfreq/uk.txt")),
    ("ur", include_str!("../../data/wordfreq/ur.txt")),
    ("vie", include_str!("../../data/wordfreq/vi.txt")),
];

/// [`EXTRA_TABLES`] indexed, each on first use.
fn extra_ranks(e: usize) -> &'static FxMap<&'static str, u16> {
    static W: [OnceLock<FxMap<&'static str, u16>>; EXTRA_TABLES.len()] =
        [const { OnceLock::new() }; EXTRA_TABLES.len()];
    W[e].get_or_init(|| {
        let mut index = FxMap::default();
        for (r, w) in EXTRA_TABLES[e].1.lines().enumerate() {
            index.insert(w, u16::try_from(r + 1).unwrap_or(u16::MAX));
        }
        index
    })
}

/// Languages the phrase lexicons cover (some only with a few phrases: sv pl tr ja ar zh, and
/// hi bn ur ru ko, whose phrases were added for the pitches, greetings, referrals and shared
/// pasts the fifth round's tune data showed).
pub const LEXICON_LANGS: &[&str] = &[
    "en", "fr", "de", "es", "pt", "it", "nl", "sv", "pl", "tr", "ja", "ar", "zh", "hi", "bn", "ur",
    "ru", "ko",
    // data/lexicon/core.json: the core concepts, translated (whatlang's codes)
    "afr", "aze", "bul", "cat", "ces", "dan", "ell", "est", "fin", "guj", "heb", "hrv", "hun",
    "hye", "ind", "kan", "kat", "lav", "lit", "mal", "mar", "nep", "nob", "pan", "pes", "ron",
    "slk", "slv", "srp", "tam", "tel", "tgl", "ukr", "uzb", "vie",
];

/// The language of one note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteLang {
    /// ISO 639-1 where we know the language (`"en"`), else whatlang's ISO 639-3 code.
    pub code: &'static str,
    /// English name, for reasons.
    pub name: &'static str,
    /// Index into the frequency tables, if the language has one: [`TABLES`] first, then
    /// [`EXTRA_TABLES`].
    table: Option<usize>,
}

impl NoteLang {
    pub fn has_lexicon(&self) -> bool {
        LEXICON_LANGS.contains(&self.code)
    }

    pub fn has_table(&self) -> bool {
        self.table.is_some()
    }

    /// Frequency rank of a folded word in the note's language (or English, which real notes
    /// mix in): `None` when it is among neither's most frequent words (20,000, or 10,000 for
    /// [`EXTRA_TABLES`]).
    pub fn rank(&self, word: &str) -> Option<u32> {
        let ranks = word_ranks().get(word);
        let own = match self.table {
            Some(t) if t < TABLES.len() => ranks.map(|r| r[t]),
            Some(t) => extra_ranks(t - TABLES.len()).get(word).copied(),
            None => None,
        }
        .filter(|&r| r > 0);
        let en = ranks.map(|r| r[0]).filter(|&r| r > 0);
        match (own, en) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
        .map(u32::from)
    }

    /// True when the word is common in the language: no evidence of anything specific.
    pub fn is_common(&self, word: &str) -> bool {
        self.rank(word).is_some_and(|r| r <= COMMON_RANK)
    }
}

/// A word's rank in each table (1 = most frequent; 0 = not in that table).
type Ranks = [u16; TABLES.len()];

/// Every table's words in one index, so one lookup answers for all languages: a note's
/// language is found with one lookup per word rather than one per word and language, and a
/// word's rank in its language and in English with one. The tables hold 20,000 words each
/// (a test checks they fit in `u16`).
fn word_ranks() -> &'static FxMap<&'static str, Ranks> {
    static W: OnceLock<FxMap<&'static str, Ranks>> = OnceLock::new();
    W.get_or_init(|| {
        let lines: usize = TABLES
            .iter()
            .map(|(_, _, text)| text.bytes().filter(|&b| b == b'\n').count() + 1)
            .sum();
        // Many words are in several tables (names, loanwords, numbers): the distinct words
        // are about 82% of the lines (212,657 of 260,000). Sized for the lines, the index
        // took twice the buckets it needs (25.7 MB, not 12.8 MB); sized for five sixths of
        // them it holds the distinct words without growing (a test checks it), and would
        // grow once if a new table changed that.
        let mut index: FxMap<&'static str, Ranks> =
            FxMap::with_capacity_and_hasher(lines / 6 * 5, Default::default());
        for (t, (_, _, text)) in TABLES.iter().enumerate() {
            for (r, w) in text.lines().enumerate() {
                // A word listed twice keeps its last rank, as a map built from the list would.
                index.entry(w).or_insert([0; TABLES.len()])[t] =
                    u16::try_from(r + 1).unwrap_or(u16::MAX);
            }
        }
        index
    })
}

fn table_index(code: &str) -> Option<usize> {
    TABLES.iter().position(|(c, _, _)| *c == code).or_else(|| {
        EXTRA_TABLES
            .iter()
            .position(|(c, _)| *c == code)
            .map(|e| TABLES.len() + e)
    })
}

/// whatlang's language as (our code, name).
fn from_whatlang(l: whatlang::Lang) -> (&'static str, &'static str) {
    use whatlang::Lang::*;
    let code = match l {
        Eng => "en",
        Fra => "fr",
        Deu => "de",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Nld => "nl",
        Swe => "sv",
        Tur => "tr",
        Ara => "ar",
        Pol => "pl",
        Ben => "bn",
        Hin => "hi",
        Jpn => "ja",
        Cmn => "zh",
        Rus => "ru",
        Kor => "ko",
        Urd => "ur",
        other => other.code(),
    };
    (code, l.eng_name())
}

/// The tables to try for a note's script: Latin-script languages, or the one table of Arabic,
/// Bengali or Devanagari.
fn candidates(c: char) -> &'static [usize] {
    match c {
        '\u{0600}'..='\u{06FF}' => &[9],
        '\u{0980}'..='\u{09FF}' => &[11],
        '\u{0900}'..='\u{097F}' => &[12],
        c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => {
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 10]
        }
        _ => &[],
    }
}

/// Identify the language of a note from its text and its words.
///
/// The frequency tables answer first: when one of them knows at least 70% of the note's words
/// of three letters or more (at most the first 16), the note is in that language. That is cheap (a few hash lookups per
/// word) and right for the languages we cover. Otherwise `whatlang` names the language, so
/// a note in a language we have no table or lexicon for is recognised as such.
pub fn identify(note: &str, n: &Normalised) -> NoteLang {
    let words: Vec<&str> = n
        .tokens
        .iter()
        // Words of three letters or more: short ones ("em", "la") belong to many languages.
        .filter(|t| !t.is_name() && t.word.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .map(|t| t.word.as_str())
        .take(16)
        .collect();
    let first = words
        .iter()
        .find_map(|w| w.chars().find(|c| c.is_alphabetic()));
    if let Some(c) = first {
        // English first (most notes), then the others; the first table that knows enough of
        // the words wins.
        let need = (words.len() * 7).div_ceil(10).max(1);
        let index = word_ranks();
        let ranks: Vec<Option<&Ranks>> = words.iter().map(|w| index.get(w)).collect();
        for &t in candidates(c) {
            let known = ranks.iter().filter(|r| r.is_some_and(|r| r[t] > 0)).count();
            if known >= need {
                return NoteLang {
                    code: TABLES[t].0,
                    name: TABLES[t].1,
                    table: Some(t),
                };
            }
        }
    }
    let detected = whatlang::detect(note);
    let (code, name) = detected
        .as_ref()
        .map_or(("und", "an unknown language"), |i| from_whatlang(i.lang()));
    NoteLang {
        code,
        name,
        table: table_index(code),
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalise::{fold, words};
    use super::*;

    fn lang(note: &str) -> NoteLang {
        identify(note, &Normalised::new(note, &[], &[]))
    }

    /// Failure class 8: a language with no lexicon is recognised as such.
    #[test]
    fn languages_are_identified_and_lexicon_coverage_known() {
        let table: &[(&str, &str, bool)] = &[
            (
                "Thanks for the call yesterday, looking forward to next steps on the pilot",
                "en",
                true,
            ),
            (
                "Merci pour l'échange de ce matin, à vendredi pour la suite",
                "fr",
                true,
            ),
            (
                "Hallo, wir bieten Softwareentwicklung zu fairen Preisen an",
                "de",
                true,
            ),
            (
                "Hola, somos una agencia de marketing digital y queremos ayudarte",
                "es",
                true,
            ),
            (
                "Wij zijn een bureau dat bedrijven helpt met hun online marketing strategie",
                "nl",
                true,
            ),
            (
                "Sveiki, mes siūlome programinės įrangos kūrimo paslaugas jūsų įmonei",
                "lit",
                true,
            ),
            // Round 5 gave Bengali, Hindi, Urdu, Russian and Korean phrase lists.
            ("আপনার সাথে কথা বলে খুব ভালো লাগলো, আবার দেখা হবে", "bn", true),
            (
                "Добрый день! Наша компания занимается логистикой, хотели бы предложить сотрудничество",
                "ru",
                true,
            ),
            (
                "Chào anh, bên em cung cấp dịch vụ thiết kế website giá rẻ cho doanh nghiệp",
                "vie",
                true,
            ),
            // Round 11's core concepts cover 35 more languages; Esperanto is not one of them.
            (
                "Saluton, ni proponas programadajn servojn por via firmao je bona prezo",
                "epo",
                false,
            ),
        ];
        for (note, code, lexicon) in table {
            let l = lang(note);
            assert_eq!(l.code, *code, "{note}");
            assert_eq!(l.has_lexicon(), *lexicon, "{note}");
        }
    }

    /// Failure class 1: everyday words are common in their language, however few notes the
    /// export holds; names of things are not.
    #[test]
    fn everyday_words_are_common_and_specific_ones_are_not() {
        let en = lang("Thanks for the call yesterday, looking forward to next steps");
        for w in ["talk", "think", "build", "try", "year", "call", "today"] {
            assert!(en.is_common(w), "{w}");
        }
        for w in ["kubernetes", "zeppelin", "ballast", "hollis"] {
            assert!(!en.is_common(w), "{w}");
        }
    }

    /// The one index over all tables gives every word the rank each table's own list gives
    /// it (in the note's language or English, whichever is lower).
    #[test]
    fn one_index_ranks_words_as_each_table_does() {
        let own: Vec<std::collections::HashMap<&str, u32>> = TABLES
            .iter()
            .map(|(_, _, text)| text.lines().zip(1..).collect())
            .collect();
        for (t, table) in own.iter().enumerate() {
            let lang = NoteLang {
                code: TABLES[t].0,
                name: TABLES[t].1,
                table: Some(t),
            };
            for w in table.keys().copied().chain(["zzqx", "kubernetesque", ""]) {
                let want = match (table.get(w), own[0].get(w)) {
                    (Some(&a), Some(&b)) => Some(a.min(b)),
                    (a, b) => a.or(b).copied(),
                };
                assert_eq!(lang.rank(w), want, "{} {w}", TABLES[t].0);
            }
        }
    }

    /// Every language the lexicons cover has a frequency table where wordfreq ships one: its
    /// everyday words are common, names of things are not.
    #[test]
    fn covered_languages_have_their_own_frequency_tables() {
        let table: &[(&str, &str, &[&str], &[&str])] = &[
            (
                "سلام لیلا، پروژه‌ای که تو پورتفولیوت گذاشتی فوق‌العاده بود",
                "pes",
                &["سلام", "بود", "که"],
                &["پورتفولیوت"],
            ),
            (
                "Ευχαριστώ πολύ για το σχόλιό σου στο post μου για το employer branding",
                "ell",
                &["για", "πολυ", "το"],
                &["ναυτιλιακα"],
            ),
            (
                "Dobrý den, nabízíme vývoj softwaru za férové ceny pro vaši firmu",
                "ces",
                &["dobry", "den", "pro"],
                &["kubernetes"],
            ),
        ];
        for (note, code, common, rare) in table {
            let l = lang(note);
            assert_eq!(l.code, *code, "{note}");
            assert!(l.has_table() && l.has_lexicon(), "{note}");
            for w in *common {
                assert!(l.is_common(&fold(w)), "{code}: {w}");
            }
            for w in *rare {
                assert!(!l.is_common(&fold(w)), "{code}: {w}");
            }
        }
        // Every extra table belongs to a covered language.
        for (code, _) in EXTRA_TABLES {
            assert!(LEXICON_LANGS.contains(code), "{code}");
        }
    }

    /// The script that writes the tables folds words as the classifier does.
    #[test]
    fn tables_hold_folded_single_words() {
        for (code, text) in EXTRA_TABLES {
            let bad = text
                .lines()
                .filter(|w| fold(w) != *w || words(w).count() != 1)
                .count();
            assert_eq!(bad, 0, "{code}: {bad} entries not folded like notes");
            // wordfreq's Vietnamese list is short (syllables); the others hold 10,000 words.
            assert!(text.lines().count() >= 7_000, "{code}");
            assert!(text.lines().count() <= COMMON_RANK as usize, "{code}");
        }
        for (code, _, text) in TABLES {
            let mut bad = 0;
            for w in text.lines() {
                let f = fold(w);
                if f != w || words(&f).count() != 1 {
                    bad += 1;
                }
            }
            assert_eq!(bad, 0, "{code}: {bad} entries not folded like notes");
            assert!(text.lines().count() >= COMMON_RANK as usize, "{code}");
            assert!(
                text.lines().count() < usize::from(u16::MAX),
                "{code}: ranks fit in u16"
            );
        }
    }

    /// The word index is sized for its distinct words up front (see `word_ranks`): it is
    /// built without growing, so it holds no more buckets than it needs.
    #[test]
    fn the_word_index_is_built_without_growing() {
        let lines: usize = TABLES
            .iter()
            .map(|(_, _, t)| t.bytes().filter(|&b| b == b'\n').count() + 1)
            .sum();
        let index = word_ranks();
        assert!(index.len() <= lines / 6 * 5, "{} of {lines}", index.len());
        let sized: FxMap<&str, Ranks> =
            FxMap::with_capacity_and_hasher(lines / 6 * 5, Default::default());
        assert_eq!(index.capacity(), sized.capacity());
    }
}

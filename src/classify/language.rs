//! Pure: no I/O. Which language a note is written in, and how common its words are in that
//! language.
//!
//! The language comes from `whatlang` (trigram statistics), checked against the frequency
//! tables: a short note that `whatlang` reads as a language we have no table for, but whose
//! words are nearly all common in one we have, is taken to be in that one. The tables are the
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

/// Languages the phrase lexicons cover (some only with a few phrases: sv pl tr ja ar zh).
pub const LEXICON_LANGS: &[&str] = &[
    "en", "fr", "de", "es", "pt", "it", "nl", "sv", "pl", "tr", "ja", "ar", "zh",
];

/// The language of one note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteLang {
    /// ISO 639-1 where we know the language (`"en"`), else whatlang's ISO 639-3 code.
    pub code: &'static str,
    /// English name, for reasons.
    pub name: &'static str,
    /// Index into the frequency tables, if the language has one.
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
    /// mix in): `None` when it is among neither's 20,000 most frequent words.
    pub fn rank(&self, word: &str) -> Option<u32> {
        let own = self.table.and_then(|t| table(t).get(word).copied());
        let en = table(0).get(word).copied();
        match (own, en) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when the word is common in the language: no evidence of anything specific.
    pub fn is_common(&self, word: &str) -> bool {
        self.rank(word).is_some_and(|r| r <= COMMON_RANK)
    }
}

fn table(i: usize) -> &'static FxMap<&'static str, u32> {
    static T: OnceLock<Vec<OnceLock<FxMap<&'static str, u32>>>> = OnceLock::new();
    let all = T.get_or_init(|| TABLES.iter().map(|_| OnceLock::new()).collect());
    all[i].get_or_init(|| {
        TABLES[i]
            .2
            .lines()
            .enumerate()
            .map(|(r, w)| (w, r as u32 + 1))
            .collect()
    })
}

fn table_index(code: &str) -> Option<usize> {
    TABLES.iter().position(|(c, _, _)| *c == code)
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
        other => other.code(),
    };
    (code, l.eng_name())
}

/// Identify the language of a note from its text and its words.
pub fn identify(note: &str, n: &Normalised) -> NoteLang {
    let detected = whatlang::detect(note);
    let (code, name) = detected
        .as_ref()
        .map_or(("und", "an unknown language"), |i| from_whatlang(i.lang()));
    let mut lang = NoteLang {
        code,
        name,
        table: table_index(code),
    };
    if lang.table.is_some() || lang.code == "ja" || lang.code == "zh" {
        return lang;
    }
    // whatlang is unsure on a few words: if one of our tables knows nearly every word, use it.
    let words: Vec<&str> = n
        .tokens
        .iter()
        .filter(|t| !t.is_name() && t.word.chars().any(char::is_alphabetic))
        .map(|t| t.word.as_str())
        .collect();
    if words.is_empty() {
        return lang;
    }
    let best = (0..TABLES.len())
        .map(|t| {
            let known = words.iter().filter(|w| table(t).contains_key(*w)).count();
            (known, t)
        })
        .max_by_key(|&(known, t)| (known, std::cmp::Reverse(t)));
    let reliable = detected.as_ref().is_some_and(|i| i.is_reliable());
    if let Some((known, t)) = best
        && known * 10 >= words.len() * 9
        && !(reliable && words.len() >= 8)
    {
        lang = NoteLang {
            code: TABLES[t].0,
            name: TABLES[t].1,
            table: Some(t),
        };
    }
    lang
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
                false,
            ),
            ("আপনার সাথে কথা বলে খুব ভালো লাগলো, আবার দেখা হবে", "bn", false),
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

    /// The script that writes the tables folds words as the classifier does.
    #[test]
    fn tables_hold_folded_single_words() {
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
        }
    }
}

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
        // Sized once: growing a 20,000-word table rehashes it several times.
        let text = TABLES[i].2;
        let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut t = FxMap::with_capacity_and_hasher(lines, Default::default());
        t.extend(text.lines().enumerate().map(|(r, w)| (w, r as u32 + 1)));
        t
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
        for &t in candidates(c) {
            let tab = table(t);
            let known = words.iter().filter(|w| tab.contains_key(*w)).count();
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

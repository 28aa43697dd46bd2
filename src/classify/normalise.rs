//! Pure: no I/O. Folding a note into a matchable form while remembering where every piece came
//! from, so that evidence found in the folded form can be pointed at in the original note.
//!
//! Folding is: Unicode NFKC compatibility forms (fancy letters, full-width, ligatures), then
//! diacritics dropped (`réseau` = `reseau`), lowercase, curly quotes and apostrophes made
//! straight. Words are maximal runs of letters and digits; the *skeleton* is the words joined by
//! single spaces, with the sender's and recipient's names replaced by the placeholders `_s_` and
//! `_r_`. Lexicon phrases are folded the same way, so a phrase matches whatever the spacing,
//! case, accents, quotes or punctuation of the note.

use std::ops::Range;
use std::sync::Arc;

use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use super::hash::fx;

/// Placeholder word for the sender's names in the skeleton.
pub const SENDER: &str = "_s_";
/// Placeholder word for the recipient's names in the skeleton.
pub const RECIPIENT: &str = "_r_";

/// One word of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded word, before name replacement. Held inline up to 24 bytes (nearly every
    /// word), so a note's tokens are not an allocation each.
    pub word: CompactString,
    /// Byte range in the original note.
    pub span: Range<usize>,
    /// The original word started with an uppercase letter.
    pub capitalised: bool,
    /// [`SENDER`] or [`RECIPIENT`] when the word is one of their names.
    pub name: Option<&'static str>,
}

impl Token {
    /// The folded word, or its name placeholder.
    pub fn text(&self) -> &str {
        self.name.unwrap_or(&self.word)
    }

    pub fn is_name(&self) -> bool {
        self.name.is_some()
    }
}

/// Fold one string: NFKC, no diacritics, lowercase, straight quotes. Used for lexicon phrases,
/// names and organisations, so they compare equal to the words of a note.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

fn fold_char(c: char, push: &mut dyn FnMut(char)) {
    // Fast path: ASCII needs only lowercasing.
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}'
        | '\u{02BC}' | '\u{0060}' => push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => push('-'),
        _ => {
            for d in std::iter::once(c).nfkc() {
                // Only scripts whose marks are optional are decomposed: a Bengali "ো" stays
                // one letter, as the frequency tables spell it.
                if !(d < '\u{0900}' || ('\u{1E00}'..='\u{1FFF}').contains(&d)) {
                    for l in d.to_lowercase() {
                        push(l);
                    }
                    continue;
                }
                for e in std::iter::once(d).nfd() {
                    if is_combining_mark(e) && is_optional_mark(e) {
                        continue;
                    }
                    for l in e.to_lowercase() {
                        push(l);
                    }
                }
            }
        }
    }
}

/// Marks a reader can drop without changing the word: Latin, Greek and Cyrillic diacritics,
/// Hebrew points, Arabic short vowels. The vowel signs and viramas of Bengali, Devanagari and
/// other complex scripts are part of the letters and stay ("আপনার" is not "আপন র").
fn is_optional_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0591}'..='\u{05C7}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}')
}

/// A character of a word once folded: a letter, a digit, or a mark that belongs to a letter.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Split a folded string into words: Unicode word boundaries (UAX #29), then runs of letters,
/// digits and marks inside each (so "i'd" gives `i`, `d`, as the skeleton of a note does).
///
/// An ASCII string skips the boundary tables: UAX #29 never breaks inside a run of ASCII
/// letters and digits, so its words are those runs (see [`plain_tokens`]).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    let ascii = folded.is_ascii();
    let plain = ascii.then(|| {
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    });
    let unicode = (!ascii).then(|| {
        folded
            .split_word_bounds()
            .flat_map(|seg| seg.split(|c: char| !is_word_char(c)))
            .filter(|w| !w.is_empty())
    });
    plain
        .into_iter()
        .flatten()
        .chain(unicode.into_iter().flatten())
}

/// Fold a phrase into its skeleton form: words joined by single spaces.
pub fn skeleton_of(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for w in words(&folded) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Name parts worth replacing: folded words of a display name, minus initials, honorifics and
/// degree suffixes ("Jane Roe, MBA" gives `jane`, `roe`). An e-mail address gives its local part.
pub fn name_parts(name: &str) -> Vec<String> {
    const SKIP: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "mba", "phd", "msc", "bsc", "pmp", "cpa", "jr", "sr",
        "ii", "iii", "von", "van", "der", "den", "de", "da", "del", "la", "le", "di", "dos", "das",
        "do", "e", "y", "al", "el", "bin", "ben",
    ];
    let local = name.split('@').next().unwrap_or(name);
    let folded = fold(local);
    words(&folded)
        .filter(|w| w.chars().count() >= 2 && !SKIP.contains(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// The placeholder for a word that is one of the sender's or recipient's names.
fn name_of(word: &str, sender: &[String], recipient: &[String]) -> Option<&'static str> {
    if sender.iter().any(|p| p == word) {
        Some(SENDER)
    } else if recipient.iter().any(|p| p == word) {
        Some(RECIPIENT)
    } else {
        None
    }
}

/// Latin letters beyond ASCII (Latin-1, Extended-A and -B, Extended Additional): all of them
/// `ALetter` for UAX #29, so no word boundary falls between two of them or between one of
/// them and an ASCII letter or digit.
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// The characters `c` folds into (at most eight; NFKC expansions longer than that are cut),
/// and how many there are.
fn fold_pieces(c: char) -> ([char; 8], usize) {
    let mut pieces: [char; 8] = ['\0'; 8];
    let mut n = 0usize;
    fold_char(c, &mut |f| {
        if n < pieces.len() {
            pieces[n] = f;
            n += 1;
        }
    });
    (pieces, n)
}

/// Ends the word being built (if any): one token, not yet a name (see [`Normalised::named`]).
/// The one place both tokenisers make a token.
fn push_word(tokens: &mut Vec<Token>, cur: &mut String, span: Range<usize>, capitalised: bool) {
    if cur.is_empty() {
        return;
    }
    let word = CompactString::from(cur.as_str());
    cur.clear();
    tokens.push(Token {
        word,
        span,
        capitalised,
        name: None,
    });
}

/// The words of `note`, folded, before any is recognised as a name ([`Normalised::named`]
/// does that): the costly half of [`Normalised::new`].
pub fn words_of(note: &str) -> Vec<Token> {
    plain_tokens(note).unwrap_or_else(|| unicode_tokens(note))
}

/// The words of a note written in the Latin script (most notes, including those with accents,
/// curly quotes, dashes, emoji or odd spaces between the words), without the Unicode
/// word-boundary tables: `None` when some other character folds into a letter, digit or mark,
/// and the note needs [`unicode_tokens`].
///
/// Same result as [`unicode_tokens`] whenever it answers: a word is then a run of characters
/// that are ASCII letters and digits or [Latin letters](is_latin_letter), and UAX #29 never
/// breaks between two adjacent ones (rules WB5, WB8, WB9, WB10), so the boundaries can only
/// fall where a word ends anyway.
fn plain_tokens(note: &str) -> Option<Vec<Token>> {
    let bytes = note.as_bytes();
    let mut tokens = Vec::with_capacity(note.len() / 5 + 1);
    let mut cur = String::new();
    let (mut start, mut end, mut cap) = (0usize, 0usize, false);
    let flush = push_word;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            if cur.is_empty() {
                start = i;
                cap = b.is_ascii_uppercase();
            }
            let from = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            cur.extend(
                bytes[from..i]
                    .iter()
                    .map(|b| char::from(b.to_ascii_lowercase())),
            );
            end = i;
            continue;
        }
        if b.is_ascii() {
            flush(&mut tokens, &mut cur, start..end, cap);
            i += 1;
            continue;
        }
        let c = note[i..].chars().next()?;
        let (pieces, n) = fold_pieces(c);
        let word_pieces = pieces[..n].iter().filter(|&&f| is_word_char(f)).count();
        if word_pieces == 0 {
            flush(&mut tokens, &mut cur, start..end, cap);
        } else if word_pieces == n && is_latin_letter(c) {
            if cur.is_empty() {
                start = i;
                cap = c.is_uppercase();
            }
            cur.extend(&pieces[..n]);
            end = i + c.len_utf8();
        } else {
            return None;
        }
        i += c.len_utf8();
    }
    flush(&mut tokens, &mut cur, start..end, cap);
    Some(tokens)
}

/// The words of any note: folded characters split at Unicode word boundaries (UAX #29), so
/// ideographs stand alone, a Bengali or Devanagari word keeps its vowel signs, and a mark
/// never starts a new word.
fn unicode_tokens(note: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut cur = String::new();
    let mut cur_start = 0usize;
    let mut cur_end = 0usize;
    let mut cur_cap = false;
    let flush = |tokens: &mut Vec<Token>, cur: &mut String, s: usize, e: usize, cap: bool| {
        push_word(tokens, cur, s..e, cap);
    };
    let mut bound = note.split_word_bound_indices().map(|(i, _)| i).peekable();
    for (i, c) in note.char_indices() {
        let end = i + c.len_utf8();
        while bound.next_if(|&b| b < i).is_some() {}
        if bound.next_if(|&b| b == i).is_some() {
            flush(&mut tokens, &mut cur, cur_start, cur_end, cur_cap);
        }
        let mut any_word = false;
        let mut any_break = false;
        let (pieces, n) = fold_pieces(c);
        for &f in &pieces[..n] {
            if is_word_char(f) {
                any_word = true;
            } else {
                any_break = true;
            }
        }
        if any_word && !any_break {
            if cur.is_empty() {
                cur_start = i;
                cur_cap = c.is_uppercase();
            }
            for &f in &pieces[..n] {
                cur.push(f);
            }
            cur_end = end;
        } else if any_word {
            // A character that folds into letters and punctuation (rare: "½" gives "1⁄2"):
            // letters join the current word, the rest ends it.
            for &f in &pieces[..n] {
                if is_word_char(f) {
                    if cur.is_empty() {
                        cur_start = i;
                        cur_cap = c.is_uppercase();
                    }
                    cur.push(f);
                    cur_end = end;
                } else {
                    flush(&mut tokens, &mut cur, cur_start, cur_end, cur_cap);
                }
            }
        } else {
            flush(&mut tokens, &mut cur, cur_start, cur_end, cur_cap);
        }
    }
    flush(&mut tokens, &mut cur, cur_start, cur_end, cur_cap);
    tokens
}

/// A note, folded and split into words, with the names replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    pub tokens: Vec<Token>,
    /// The words joined by single spaces, with a space before the first and after the last, so
    /// a phrase `" let s connect "` matches on word boundaries only.
    pub skeleton: String,
    /// Byte offset in `skeleton` where each token starts.
    pub starts: Vec<usize>,
}

impl Normalised {
    /// Fold `note`, replacing the words of `sender` and `recipient` names with placeholders.
    pub fn new(note: &str, sender: &[String], recipient: &[String]) -> Normalised {
        Normalised::named(words_of(note), sender, recipient, note.len())
    }

    /// The note whose words (from [`words_of`]) are `tokens`, `note_len` bytes long, with the
    /// words of `sender` and `recipient` names replaced: a name is a word equal to a name
    /// part, so one note's words serve every sender of it.
    pub fn named(
        mut tokens: Vec<Token>,
        sender: &[String],
        recipient: &[String],
        note_len: usize,
    ) -> Normalised {
        for t in &mut tokens {
            t.name = name_of(&t.word, sender, recipient);
        }
        Normalised::of_tokens(tokens, note_len + 2)
    }

    /// The skeleton and word starts of `tokens`.
    fn of_tokens(tokens: Vec<Token>, skeleton_capacity: usize) -> Normalised {
        let mut skeleton = String::with_capacity(skeleton_capacity);
        let mut starts = Vec::with_capacity(tokens.len());
        skeleton.push(' ');
        for t in &tokens {
            starts.push(skeleton.len());
            skeleton.push_str(t.text());
            skeleton.push(' ');
        }
        Normalised {
            tokens,
            skeleton,
            starts,
        }
    }

    /// The tokens covered by a byte range of the skeleton (as found by a phrase match that
    /// includes the surrounding spaces).
    pub fn tokens_in(&self, r: Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|&s| s < r.start);
        let last = self.starts.partition_point(|&s| s < r.end);
        first..last.max(first)
    }

    /// The tokens overlapping a byte range of the original note.
    pub fn tokens_in_note(&self, r: &Range<usize>) -> Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= r.start);
        let b = self.tokens.partition_point(|t| t.span.start < r.end);
        a..b.max(a)
    }

    /// The original byte range spanned by tokens `t` (empty range when `t` is empty).
    pub fn span_of(&self, t: Range<usize>) -> Option<Range<usize>> {
        if t.is_empty() || t.end > self.tokens.len() {
            return None;
        }
        Some(self.tokens[t.start].span.start..self.tokens[t.end - 1].span.end)
    }

    /// This note in a few allocations instead of one per word (about a fifth of the memory),
    /// for keeping every note of an export between passes; [`Packed::unpack`] gives it back.
    pub fn pack(self) -> Packed {
        match pack_tokens(&self.tokens) {
            Some((words, tokens)) => Packed(PackedRepr::Words {
                words: words.into(),
                tokens: tokens.into_boxed_slice(),
                skeleton_len: self.skeleton.len(),
            }),
            // Past 4 GiB, or a name placeholder this module does not make: kept as it is.
            None => Packed(PackedRepr::Whole(self)),
        }
    }
}

/// The words of `tokens` one after another, and each token as a small record: `None` past
/// 4 GiB, or for a name placeholder this module does not make.
fn pack_tokens(tokens: &[Token]) -> Option<(String, Vec<PackedToken>)> {
    let mut words = String::new();
    let mut packed = Vec::with_capacity(tokens.len());
    for t in tokens {
        words.push_str(&t.word);
        packed.push(PackedToken {
            word_end: u32::try_from(words.len()).ok()?,
            span_start: u32::try_from(t.span.start).ok()?,
            span_end: u32::try_from(t.span.end).ok()?,
            capitalised: t.capitalised,
            name: match t.name {
                None => PackedName::None,
                Some(SENDER) => PackedName::Sender,
                Some(RECIPIENT) => PackedName::Recipient,
                Some(_) => return None,
            },
        });
    }
    Some((words, packed))
}

/// A [`Normalised`] note packed by [`Normalised::pack`]: its words in one string, its tokens as
/// small fixed-size records. Equal when they unpack to equal notes (the names' words included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed(PackedRepr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum PackedRepr {
    Words {
        /// The tokens' folded words, one after another: shared by every copy of one text
        /// ([`Unnamed::named`]).
        words: Arc<str>,
        tokens: Box<[PackedToken]>,
        skeleton_len: usize,
    },
    Whole(Normalised),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedToken {
    /// Where the word ends in `words` (it starts where the one before ends).
    word_end: u32,
    span_start: u32,
    span_end: u32,
    capitalised: bool,
    name: PackedName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PackedName {
    None,
    Sender,
    Recipient,
}

/// A note's words packed once, none of them a name yet, and where each word stands: every
/// copy of one text (a blast) marks its own sender's and recipient's names on it by looking
/// the names' parts up, rather than comparing every word with them.
#[derive(Debug, Clone)]
pub struct Unnamed {
    note: Packed,
    /// Each word's [`fx`] hash and position, sorted.
    at: Box<[(u64, u32)]>,
}

impl Unnamed {
    /// The note whose words (from [`words_of`]) are `tokens`.
    pub fn new(tokens: Vec<Token>) -> Unnamed {
        let mut at: Vec<(u64, u32)> = tokens
            .iter()
            .zip(0u32..)
            .map(|(t, k)| (fx(t.word.as_str()), k))
            .collect();
        at.sort_unstable();
        let skeleton_len = 1 + tokens.iter().map(|t| t.word.len() + 1).sum::<usize>();
        Unnamed {
            note: Normalised::of_tokens(tokens, skeleton_len).pack(),
            at: at.into_boxed_slice(),
        }
    }

    /// The note without names: `Normalised::new(note, &[], &[])` packed.
    pub fn note(&self) -> &Packed {
        &self.note
    }

    /// The note with the words of `sender` and `recipient` names marked as
    /// [`Normalised::named`] marks them, packed: a copy shares the text's words and costs only
    /// its tokens' records.
    pub fn named(&self, sender: &[String], recipient: &[String]) -> Packed {
        let PackedRepr::Words {
            words,
            tokens,
            skeleton_len,
        } = &self.note.0
        else {
            let n = self.note.unpack();
            let len = n.skeleton.len();
            return Normalised::named(n.tokens, sender, recipient, len).pack();
        };
        let mut tokens = tokens.clone();
        let mut skeleton_len = *skeleton_len;
        // A word that is a sender's name part is the sender's, even when the recipient's name
        // has it too.
        for (parts, name, placeholder) in [
            (sender, PackedName::Sender, SENDER),
            (recipient, PackedName::Recipient, RECIPIENT),
        ] {
            for part in parts {
                let h = fx(part.as_str());
                let from = self.at.partition_point(|&(x, _)| x < h);
                for &(_, k) in self.at[from..].iter().take_while(|&&(x, _)| x == h) {
                    let k = k as usize;
                    let start = k.checked_sub(1).map_or(0, |j| tokens[j].word_end as usize);
                    let word = &words[start..tokens[k].word_end as usize];
                    if tokens[k].name == PackedName::None && word == part.as_str() {
                        tokens[k].name = name;
                        skeleton_len = skeleton_len - word.len() + placeholder.len();
                    }
                }
            }
        }
        Packed(PackedRepr::Words {
            words: Arc::clone(words),
            tokens,
            skeleton_len,
        })
    }
}

impl Packed {
    /// How many words the note has.
    pub fn len(&self) -> usize {
        match &self.0 {
            PackedRepr::Words { tokens, .. } => tokens.len(),
            PackedRepr::Whole(n) => n.tokens.len(),
        }
    }

    /// True when the note has no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word `k`'s folded word, or `None` when it is a name (or past the end).
    pub fn word(&self, k: usize) -> Option<&str> {
        match &self.0 {
            PackedRepr::Words { words, tokens, .. } => {
                let t = tokens.get(k)?;
                let start = k.checked_sub(1).map_or(0, |j| tokens[j].word_end as usize);
                matches!(t.name, PackedName::None).then(|| &words[start..t.word_end as usize])
            }
            PackedRepr::Whole(n) => n.tokens.get(k).filter(|t| !t.is_name()).map(|t| t.text()),
        }
    }

    /// The note as it was packed: equal tokens, skeleton and starts.
    pub fn unpack(&self) -> Normalised {
        let (words, tokens, skeleton_len) = match &self.0 {
            PackedRepr::Words {
                words,
                tokens,
                skeleton_len,
            } => (words, tokens, *skeleton_len),
            PackedRepr::Whole(n) => return n.clone(),
        };
        let mut start = 0;
        let tokens = tokens
            .iter()
            .map(|p| {
                let end = p.word_end as usize;
                let word = CompactString::from(&words[start..end]);
                start = end;
                Token {
                    word,
                    span: p.span_start as usize..p.span_end as usize,
                    capitalised: p.capitalised,
                    name: match p.name {
                        PackedName::None => None,
                        PackedName::Sender => Some(SENDER),
                        PackedName::Recipient => Some(RECIPIENT),
                    },
                }
            })
            .collect();
        Normalised::of_tokens(tokens, skeleton_len)
    }

    /// The words of tokens `r` that are not names ([`Token::text`] of each), as clustering
    /// takes them.
    pub fn words_without_names(&self, r: Range<usize>) -> Vec<&str> {
        match &self.0 {
            PackedRepr::Words { words, tokens, .. } => {
                let mut out = Vec::with_capacity(r.len().min(tokens.len()));
                for k in r {
                    let Some(t) = tokens.get(k) else { break };
                    if matches!(t.name, PackedName::None) {
                        let start = k.checked_sub(1).map_or(0, |j| tokens[j].word_end as usize);
                        out.push(&words[start..t.word_end as usize]);
                    }
                }
                out
            }
            PackedRepr::Whole(n) => n.tokens
                [r.start.min(r.end).min(n.tokens.len())..r.end.min(n.tokens.len())]
                .iter()
                .filter(|t| !t.is_name())
                .map(|t| t.text())
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_handles_quotes_accents_and_fancy_letters() {
        assert_eq!(fold("I’d LIKE"), "i'd like");
        assert_eq!(fold("Réseau Grüße"), "reseau gruße");
        assert_eq!(fold("𝐇𝐞𝐥𝐥𝐨"), "hello");
        assert_eq!(fold("ﬁne"), "fine");
        assert_eq!(skeleton_of("  Let’s   connect!! "), "let s connect");
    }

    #[test]
    fn names_become_placeholders_and_spans_point_at_the_original() {
        let n = Normalised::new(
            "Hi Ána, I’d like — Tom",
            &name_parts("Tom Becker"),
            &name_parts("Ana Alvarez"),
        );
        assert_eq!(n.skeleton, " hi _r_ i d like _s_ ");
        let note = "Hi Ána, I’d like — Tom";
        assert_eq!(&note[n.tokens[1].span.clone()], "Ána");
        assert_eq!(&note[n.tokens[5].span.clone()], "Tom");
        let toks = n.tokens_in(4..10);
        assert_eq!(toks, 1..3);
        assert_eq!(&note[n.span_of(toks).unwrap()], "Ána, I");
    }

    /// Failure class 6: complex scripts keep their vowel signs, and scripts without spaces
    /// split at Unicode word boundaries, not at ASCII rules.
    #[test]
    fn words_follow_unicode_boundaries_in_complex_scripts() {
        let table: &[(&str, &[&str])] = &[
            (
                "আপনার সাথে কথা বলে ভালো লাগলো",
                &["আপনার", "সাথে", "কথা", "বলে", "ভালো", "লাগলো"],
            ),
            ("आपसे मिलकर अच्छा लगा", &["आपसे", "मिलकर", "अच्छा", "लगा"]),
            (
                "مرحبا، شكرا لوقتك اليوم",
                &["مرحبا", "شكرا", "لوقتك", "اليوم"],
            ),
            (
                "Thanks\u{2005}for\u{2006}the call",
                &["thanks", "for", "the", "call"],
            ),
            ("I'd like Grüße", &["i", "d", "like", "gruße"]),
        ];
        for (note, want) in table {
            let n = Normalised::new(note, &[], &[]);
            let got: Vec<&str> = n.tokens.iter().map(|t| t.word.as_str()).collect();
            assert_eq!(&got, want, "{note}");
            let folded = fold(note);
            let phrase: Vec<&str> = words(&folded).collect();
            assert_eq!(&phrase, want, "{note}");
        }
        // Ideographs stand alone.
        let n = Normalised::new("先日はありがとう", &[], &[]);
        assert!(n.tokens.len() > 1, "{:?}", n.tokens);
    }

    /// Text built from pieces that exercise both tokenisers: ASCII words and punctuation,
    /// curly quotes, odd spaces, dashes, emoji, accented and decomposed letters, "½" and "™"
    /// (which fold into letters or digits), Bengali, Arabic and ideographs.
    fn mixed_text() -> impl Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "Ana",
            "hi",
            "THANKS",
            "call",
            "2pm",
            "x9",
            " ",
            "  ",
            ",",
            ".",
            "'",
            "-",
            "_",
            "\n",
            "@",
            "’",
            "“",
            "\u{2004}",
            "\u{00A0}",
            "—",
            "🙂",
            "👍🏽",
            "é",
            "e\u{301}",
            "Ü",
            "ß",
            "½",
            "™",
            "ﬁ",
            "𝐇",
            "আপনার",
            "কথা",
            "مرحبا",
            "先日",
            "\u{200D}",
            "\u{FE0F}",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
    }

    /// Every field of two normalised notes.
    fn same(a: &Normalised, b: &Normalised) -> bool {
        a.tokens == b.tokens && a.skeleton == b.skeleton && a.starts == b.starts
    }

    proptest! {
        /// A packed note unpacks to the note it was, and gives clustering the words it would
        /// take from the note.
        #[test]
        fn packing_gives_the_note_back(note in mixed_text(), from in 0usize..30, len in 0usize..30) {
            let n = Normalised::new(&note, &name_parts("Tom Ana"), &name_parts("Ana Alvarez"));
            let r = from.min(n.tokens.len())..(from + len).min(n.tokens.len());
            let words: Vec<&str> =
                n.tokens[r.clone()].iter().filter(|t| !t.is_name()).map(|t| t.text()).collect();
            let packed = n.clone().pack();
            prop_assert!(same(&packed.unpack(), &n), "{:?}", n);
            prop_assert_eq!(packed.words_without_names(r), words);
        }

        /// A text packed once and its names marked per copy is the copy normalised and
        /// packed; its words are the note's words.
        #[test]
        fn marking_names_on_packed_words_is_normalising_with_them(note in mixed_text()) {
            let words = Unnamed::new(words_of(&note));
            prop_assert_eq!(words.note(), &Normalised::new(&note, &[], &[]).pack());
            for (sender, recipient) in
                [("Tom Ana", "Ana Alvarez"), ("", "Hi Call"), ("X9 Ü", ""), ("hi hi", "HI")]
            {
                let (s, r) = (name_parts(sender), name_parts(recipient));
                let want = Normalised::new(&note, &s, &r);
                let named = words.named(&s, &r);
                prop_assert_eq!(&named, &want.clone().pack());
                prop_assert_eq!(named.len(), want.tokens.len());
                for (k, t) in want.tokens.iter().enumerate() {
                    prop_assert_eq!(named.word(k), (!t.is_name()).then(|| t.text()));
                }
                prop_assert_eq!(named.word(want.tokens.len()), None);
            }
        }

        /// The plain tokeniser, when it answers, gives exactly what the Unicode one gives, and
        /// so does the ASCII shortcut of `words`.
        #[test]
        fn plain_tokens_agree_with_unicode_tokens(note in mixed_text()) {
            if let Some(plain) = plain_tokens(&note) {
                prop_assert_eq!(plain, unicode_tokens(&note));
            }
            let folded = fold(&note);
            let slow: Vec<&str> = folded
                .split_word_bounds()
                .flat_map(|seg| seg.split(|c: char| !is_word_char(c)))
                .filter(|w| !w.is_empty())
                .collect();
            prop_assert_eq!(words(&folded).collect::<Vec<_>>(), slow);
        }
    }

    /// The plain tokeniser answers for Latin words between curly quotes, odd spaces and emoji,
    /// and leaves notes with other letters (or characters that fold into letters) to the
    /// Unicode one.
    #[test]
    fn plain_tokens_answer_only_for_latin_words() {
        for note in [
            "Hi Ana, I’d like\u{2004}to — talk 🙂",
            "",
            "...",
            "2pm?",
            "Grüße, Łódź",
        ] {
            assert!(plain_tokens(note).is_some(), "{note}");
        }
        for note in ["½ price", "Acme™", "আপনার", "Привет", "ﬁne"] {
            assert!(plain_tokens(note).is_none(), "{note}");
        }
    }

    /// Every Latin letter the plain tokeniser accepts (nearly all), next to ASCII letters, digits, itself
    /// and punctuation, gives the Unicode tokeniser's words.
    #[test]
    fn plain_tokens_agree_on_every_latin_letter() {
        let latin = ('\u{00C0}'..='\u{024F}').chain('\u{1E00}'..='\u{1EFF}');
        let mut checked = 0;
        for c in latin.filter(|&c| is_latin_letter(c)) {
            let note = format!("{c} a{c}1{c}b {c}{c}. X{c}’s 9{c}");
            // A few fold into a letter and punctuation ("Ŀ" gives "l·"): left to Unicode.
            if let Some(plain) = plain_tokens(&note) {
                assert_eq!(plain, unicode_tokens(&note), "{note}");
                checked += 1;
            }
        }
        assert!(checked > 600, "{checked}");
    }

    /// A note that cannot be packed small (a name placeholder this module does not make) is
    /// kept whole, and still comes back equal.
    #[test]
    fn an_unusual_note_is_packed_whole() {
        let mut n = Normalised::new("Hi Tom, great talk", &name_parts("Tom Becker"), &[]);
        assert_eq!(n.tokens[1].name, Some(SENDER));
        n.tokens[2].name = Some("_x_");
        let packed = n.clone().pack();
        assert!(matches!(packed.0, PackedRepr::Whole(_)));
        assert!(same(&packed.unpack(), &n));
        assert_eq!(packed.words_without_names(0..4), ["hi", "talk"]);
        assert_eq!(packed.words_without_names(3..9), ["talk"]);
    }

    /// Each copy marks its own names: the sender's before the recipient's, a word said twice
    /// marked twice.
    #[test]
    fn each_copy_marks_its_own_names() {
        let note = "Hi Ana, Tom here. Ana, Tom says hi";
        let words = Unnamed::new(words_of(note));
        for (sender, recipient) in [("Tom Becker", "Ana Alvarez"), ("Ana Tom", "Tom Ana")] {
            let (s, r) = (name_parts(sender), name_parts(recipient));
            let want = Normalised::new(note, &s, &r);
            assert!(same(&words.named(&s, &r).unpack(), &want), "{sender}");
        }
        assert_eq!(words.named(&[], &[]), *words.note());
    }

    /// A name part is never all digits, so a year in a note is never taken for a name.
    #[test]
    fn name_parts_are_never_numbers() {
        assert_eq!(name_parts("Jo Kim 2019"), vec!["jo", "kim"]);
        assert_eq!(name_parts("1984@example.com"), Vec::<String>::new());
    }

    #[test]
    fn name_parts_skip_titles_and_degrees() {
        assert_eq!(name_parts("Dr. Jane Roe, MBA"), vec!["jane", "roe"]);
        assert_eq!(
            name_parts("jonas.weber@example-demo.com"),
            vec!["jonas", "weber"]
        );
    }
}

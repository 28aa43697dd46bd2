//! The one gate for untrusted text. Pure: every name and note from an import passes through
//! [`clean`] before anything else sees it, so nothing a sender wrote reaches a terminal as an
//! escape sequence, reorders the screen, hides text, or slips past the classifier inside
//! invisible characters.
//!
//! # Rules
//!
//! | input | output |
//! |---|---|
//! | tab, LF, CR, CRLF (as one), VT, FF, NEL (U+0085), U+2028, U+2029 | one space each |
//! | two spaces (how LinkedIn flattens a line break) | kept as they are |
//! | ESC sequences: CSI (`ESC [` … final byte), OSC (`ESC ]`, hyperlinks 8 and clipboard 52 included), DCS (`ESC P`), SOS (`ESC X`), PM (`ESC ^`), APC (`ESC _`), and two- or three-byte escapes (`ESC c`, `ESC ( B`) | removed whole, payload and terminator (BEL or ST) included; an unterminated string swallows the rest of the field, as a terminal would |
//! | the 8-bit forms of those introducers (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC) | removed the same way |
//! | any other C0 control (NUL included), DEL, any other C1 control (U+0080–U+009F) | removed |
//! | bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C) | removed |
//! | zero-width and invisible characters: U+200B, U+2060–U+2064, U+FEFF, U+00AD soft hyphen, U+034F, U+180E, U+206A–U+206F, U+FFF9–U+FFFB, Hangul fillers U+3164 and U+FFA0 | removed |
//! | tag characters U+E0000–U+E007F | removed (so a subdivision flag such as England's falls back to 🏴) |
//! | ZWJ U+200D | kept between two emoji (`👩‍💻`) and inside Indic words; removed elsewhere, so it cannot split a word to dodge stock-text matching |
//! | ZWNJ U+200C | kept between two letters of Arabic-script or Indic text (Persian needs it); removed elsewhere |
//! | variation selectors | U+FE0E/U+FE0F kept after an emoji (and U+FE0F in a keycap `1️⃣`); U+FE00–U+FE0D and U+E0100–U+E01EF after a CJK ideograph; U+180B–U+180F after Mongolian; removed elsewhere |
//! | combining marks | at most [`MAX_MARKS`] in a row on one base character; the rest of a "Zalgo" stack is removed |
//! | length | more than [`MAX_CHARS`] characters are cut at a character boundary and end in `…` |
//!
//! Everything else, including emoji, accents, non-Latin scripts and non-breaking spaces, passes
//! unchanged. Lone surrogates cannot occur in `&str`. The output is stable: `clean(clean(x))`
//! equals `clean(x)`, and text that is already clean comes back borrowed, without allocating.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;

/// The most characters a field keeps. LinkedIn caps notes at 300 and "About" at 2,600; anything
/// longer is not a real profile field.
pub const MAX_CHARS: usize = 4_000;

/// The most combining marks kept in a row on one base character. Real text needs two or three
/// (Vietnamese, Hebrew points, Indic vowel signs); "Zalgo" text stacks dozens.
pub const MAX_MARKS: usize = 4;

const ELLIPSIS: char = '…';
const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';

/// Make untrusted text safe to store, classify and draw. See the module docs for the rules.
pub fn clean(s: &str) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    // The common case: short printable ASCII (or letters no rule touches) needs nothing.
    if bytes.len() <= MAX_CHARS && plain_letters(&bytes[printable_ascii_prefix(bytes)..]) {
        return Cow::Borrowed(s);
    }
    Cleaner::new(s).run()
}

/// Every character is printable ASCII or a letter the sanitiser keeps whatever surrounds it:
/// Latin beyond ASCII (U+00C0 to U+02FF, U+1E00 to U+1EFF), Greek, Cyrillic and Armenian
/// capitals (U+0380 to U+053F, less the Cyrillic marks U+0483 to U+0489), the CJK ideographs
/// U+4E00 to U+9FFF, Hangul U+B000 to U+CFFF, Hebrew and Arabic letters without points
/// (U+05D0 to U+05EA, U+0620 to U+064A), and Devanagari and Bengali (U+0900 to U+09FF) with
/// at most [`MAX_MARKS`] combining marks in a row. None of them is a control, an invisible
/// character or a joiner, and the only combining marks are Indic ones within the cap, so
/// [`Cleaner`] keeps such text as it is; this tells so from the UTF-8 bytes, decoding only
/// Devanagari and Bengali characters (names in these scripts are on many rows of an import).
fn plain_letters(bytes: &[u8]) -> bool {
    let mut i = 0;
    // Combining marks in a row: the cleaner keeps up to `MAX_MARKS`.
    let mut marks = 0;
    while let Some(&b) = bytes.get(i) {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let (len, mark) = match b {
            0x20..=0x7e => (1, false),
            // U+00C0 to U+02FF, U+0380 to U+047F, U+04C0 to U+053F.
            0xc3..=0xcb | 0xce..=0xd1 | 0xd3 | 0xd4 => (2, false),
            // U+0480 to U+04BF without the marks U+0483 to U+0489.
            0xd2 if !(0x83..=0x89).contains(&next) => (2, false),
            // Hebrew letters U+05D0 to U+05EA.
            0xd7 if (0x90..=0xaa).contains(&next) => (2, false),
            // Arabic letters U+0620 to U+064A.
            0xd8 if next >= 0xa0 => (2, false),
            0xd9 if next <= 0x8a => (2, false),
            // Devanagari and Bengali, U+0900 to U+09FF: letters, and the vowel signs and
            // viramas that are combining marks.
            0xe0 if (0xa4..=0xa7).contains(&next) => {
                let third = bytes.get(i + 2).copied().unwrap_or(0);
                let c = u32::from(next & 0x3f) << 6 | u32::from(third & 0x3f);
                (3, char::from_u32(c).is_some_and(is_mark))
            }
            // U+1E00 to U+1EFF.
            0xe1 if (0xb8..=0xbb).contains(&next) => (3, false),
            // U+4E00 to U+9FFF.
            0xe4 if next >= 0xb8 => (3, false),
            0xe5..=0xe9 => (3, false),
            // U+B000 to U+CFFF.
            0xeb | 0xec => (3, false),
            _ => return false,
        };
        marks = if mark { marks + 1 } else { 0 };
        if marks > MAX_MARKS {
            return false;
        }
        i += len;
    }
    true
}

/// Every byte is printable ASCII (0x20 to 0x7e).
#[cfg(test)]
fn printable_ascii(bytes: &[u8]) -> bool {
    let n = printable_ascii_prefix(bytes);
    n <= bytes.len() && bytes[n..].iter().all(|b| (0x20..0x7f).contains(b))
}

/// How many leading bytes are known printable ASCII (0x20 to 0x7e), checked 8 bytes at a time
/// (no branch per byte): this runs on every field of an import. All of `bytes` when they are
/// printable ASCII and at least 8 long; else the rest starts at a character boundary, at most
/// 7 bytes before the first byte that is not printable ASCII.
fn printable_ascii_prefix(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Some byte is under 0x20, or over 0x7e (its high bit set once 1 is added).
    let printable =
        |x: u64| (x.wrapping_sub(ONES * 0x20) & !x | x.wrapping_add(ONES) | x) & HIGH == 0;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let mut n = 0;
    for word in words {
        if !printable(u64::from_ne_bytes(word.try_into().unwrap_or_default())) {
            return n;
        }
        n += 8;
    }
    // The last 8 bytes, overlapping the words already checked.
    if !tail.is_empty()
        && let Some(last) = bytes.last_chunk::<8>()
        && printable(u64::from_ne_bytes(*last))
    {
        n = bytes.len();
    }
    n
}

/// A path for display. A file or folder name is untrusted text too: whoever made the ZIP or
/// the folder chose it, and it may hold an escape sequence. Not UTF-8 is shown as U+FFFD.
pub fn path(p: impl AsRef<std::path::Path>) -> String {
    clean(&p.as_ref().to_string_lossy()).into_owned()
}

/// Untrusted text that may span lines (an error message quoting file names and values):
/// each line cleaned, the line breaks kept.
pub fn lines(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return clean(s);
    }
    Cow::Owned(s.split('\n').map(clean).collect::<Vec<_>>().join("\n"))
}

/// Why a profile URL was not kept (see [`profile_url`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    NotAUrl,
    /// Not `https:` (`javascript:`, `file:`, `data:`, `http:`, …).
    Scheme,
    /// A user name or password before the host (`https://linkedin.com@evil.example/`).
    UserInfo,
    /// An explicit port other than 443.
    Port,
    /// Not linkedin.com, www.linkedin.com or a country subdomain such as de.linkedin.com.
    Host,
    /// Not a profile path (`/in/<name>` or `/pub/<name>/…`).
    Path,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            UrlProblem::NotAUrl => "not a URL",
            UrlProblem::Scheme => "not https",
            UrlProblem::UserInfo => "a user name before the host",
            UrlProblem::Port => "an unusual port",
            UrlProblem::Host => "not a linkedin.com host",
            UrlProblem::Path => "not a profile path (/in/NAME)",
        })
    }
}

/// The only URLs that may reach a browser: `https` LinkedIn profile URLs. A sender's profile
/// URL is untrusted text, so it is parsed the way a browser parses it (WHATWG, `url` crate)
/// and kept only when the scheme is `https`, there is no user name, no port but 443, the host
/// is `linkedin.com`, `www.linkedin.com` or a two-letter country subdomain (`de.linkedin.com`),
/// and the path is a profile path: `/in/<name>` or `/pub/<name>/…`. Look-alikes
/// (`linkedin.com.evil.example`, `evil-linkedin.com`, punycode `xn--…` hosts, an IP address)
/// fail the host test. What is returned is the URL as written, without query or fragment
/// (`profile_url` of it returns it unchanged, so a later check can compare exactly).
pub fn profile_url(raw: &str) -> Result<String, UrlProblem> {
    kept_profile_url(raw).map(Cow::into_owned)
}

/// [`profile_url`], borrowing `raw` when it is kept as it is (almost always): vetting a
/// million rows then allocates nothing.
pub fn kept_profile_url(raw: &str) -> Result<Cow<'_, str>, UrlProblem> {
    if is_plain_profile_url(raw) {
        return Ok(Cow::Borrowed(raw));
    }
    parsed_profile_url(raw).map(Cow::Owned)
}

/// The form almost every export writes, `https://www.linkedin.com/in/<slug>` (or without
/// `www.`, or with one trailing `/`) with a slug of ASCII letters, digits, `-`, `_` and
/// percent-encoded bytes from 0x80 up (a non-ASCII name as LinkedIn writes it, `jos%C3%A9`):
/// for it, [`parsed_profile_url`] returns the input unchanged, so it is kept without parsing.
/// An encoded ASCII byte (`%2e`, which the parser reads as a dot) is left to the parser.
/// `sanitize::tests::plain_profile_urls_are_kept_exactly_as_the_parser_keeps_them` checks
/// that both agree.
fn is_plain_profile_url(raw: &str) -> bool {
    let Some(rest) = raw
        .strip_prefix("https://www.linkedin.com/in/")
        .or_else(|| raw.strip_prefix("https://linkedin.com/in/"))
    else {
        return false;
    };
    let slug = rest.strip_suffix('/').unwrap_or(rest).as_bytes();
    // Most slugs are only letters, digits and dashes: checked without a branch per byte.
    let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if !slug.is_empty() && slug.iter().fold(true, |ok, &b| ok & plain(b)) {
        return true;
    }
    let mut i = 0;
    while i < slug.len() {
        match slug[i] {
            b'-' | b'_' => i += 1,
            b if b.is_ascii_alphanumeric() => i += 1,
            b'%' if slug
                .get(i + 1)
                .is_some_and(|b| matches!(b, b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'))
                && slug.get(i + 2).is_some_and(u8::is_ascii_hexdigit) =>
            {
                i += 3;
            }
            _ => return false,
        }
    }
    !slug.is_empty()
}

/// [`profile_url`] by the WHATWG parser, for any input.
fn parsed_profile_url(raw: &str) -> Result<String, UrlProblem> {
    let mut u = url::Url::parse(raw.trim()).map_err(|_| UrlProblem::NotAUrl)?;
    if u.scheme() != "https" {
        return Err(UrlProblem::Scheme);
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(UrlProblem::UserInfo);
    }
    if u.port().is_some_and(|p| p != 443) {
        return Err(UrlProblem::Port);
    }
    let host_ok = match u.host() {
        Some(url::Host::Domain(h)) => match h.strip_suffix("linkedin.com") {
            Some("") | Some("www.") => true,
            Some(sub) => sub
                .strip_suffix('.')
                .is_some_and(|cc| cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_lowercase())),
            None => false,
        },
        _ => false,
    };
    if !host_ok {
        return Err(UrlProblem::Host);
    }
    let segments: Vec<&str> = u.path_segments().map(|s| s.collect()).unwrap_or_default();
    let named = |s: &&str| !s.is_empty() && *s != "." && *s != "..";
    let path_ok = match segments.as_slice() {
        ["in", slug] | ["in", slug, ""] => named(slug),
        ["pub", slug, rest @ ..] => named(slug) && rest.iter().all(|s| s.is_empty() || named(s)),
        _ => false,
    };
    if !path_ok {
        return Err(UrlProblem::Path);
    }
    // Keep the URL as written (a raw `josé` slug stays readable), without query or fragment;
    // anything a less careful parser might read differently (spaces, controls, backslashes)
    // is replaced by the parsed form.
    let kept = raw.trim().split(['?', '#']).next().unwrap_or_default();
    if kept.bytes().any(|b| b <= b' ' || b == b'\\' || b == 0x7f) {
        u.set_query(None);
        u.set_fragment(None);
        return Ok(u.into());
    }
    Ok(kept.to_string())
}

/// What to do with one character.
enum Action {
    Keep,
    /// Replace it (whitespace controls become a space).
    Replace(char),
    Drop,
}

struct Cleaner<'a> {
    src: &'a str,
    /// Byte position of the next character to read.
    pos: usize,
    /// `None` while the output equals the input so far (up to `pos`).
    out: Option<String>,
    /// The last character written to the output, if any.
    prev: Option<char>,
    /// Combining marks written in a row since the last other character.
    marks: usize,
    /// Characters written.
    count: usize,
}

impl<'a> Cleaner<'a> {
    fn new(src: &'a str) -> Self {
        Cleaner {
            src,
            pos: 0,
            out: None,
            prev: None,
            marks: 0,
            count: 0,
        }
    }

    fn run(mut self) -> Cow<'a, str> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            if self.count > MAX_CHARS {
                // Already known to be cut: the rest cannot show.
                break;
            }
            let b = bytes[self.pos];
            if (0x20..0x7f).contains(&b) {
                // A run of printable ASCII is kept as it is, in one step.
                let end = bytes[self.pos..]
                    .iter()
                    .position(|b| !(0x20..0x7f).contains(b))
                    .map_or(bytes.len(), |n| self.pos + n);
                if let Some(out) = self.out.as_mut() {
                    out.push_str(&self.src[self.pos..end]);
                }
                self.count += end - self.pos;
                self.marks = 0;
                self.prev = Some(bytes[end - 1] as char);
                self.pos = end;
                continue;
            }
            let start = self.pos;
            let c = self.src[start..].chars().next().unwrap_or('\u{FFFD}');
            let len = c.len_utf8();
            self.pos += len;
            match c {
                '\u{1B}' => self.escape(start),
                '\u{9B}' => {
                    self.edit(start);
                    self.csi_body();
                }
                '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => {
                    self.edit(start);
                    self.string_body();
                }
                '\r' => {
                    // CRLF is one line break, so one space.
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.replace(start, ' ');
                }
                _ => match self.classify(c) {
                    Action::Keep => {
                        self.pos = start;
                        self.keep(c, start, len);
                    }
                    Action::Replace(r) => self.replace(start, r),
                    Action::Drop => self.edit(start),
                },
            }
        }
        self.finish()
    }

    /// Decide about one character that is not printable ASCII, ESC, a C1 introducer or CR.
    fn classify(&self, c: char) -> Action {
        match c {
            '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                Action::Replace(' ')
            }
            '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Action::Drop,
            // Bidi embeddings, overrides, isolates and marks.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => {
                Action::Drop
            }
            '\u{061C}' => Action::Drop,
            // Zero-width and otherwise invisible characters.
            '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}' | '\u{34F}' => {
                Action::Drop
            }
            '\u{180E}' | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}' => Action::Drop,
            '\u{3164}' | '\u{FFA0}' => Action::Drop,
            '\u{E0000}'..='\u{E007F}' => Action::Drop,
            ZWJ => {
                let joins = match (self.prev, self.peek()) {
                    (Some(p), Some(n)) => {
                        (is_emoji_end(p) && is_pictographic(n))
                            || (is_indic(p)
                                && is_indic(n)
                                && (n.is_alphabetic() || is_combining_mark(n)))
                    }
                    _ => false,
                };
                if joins { Action::Keep } else { Action::Drop }
            }
            ZWNJ => {
                let joins = match (self.prev, self.peek()) {
                    (Some(p), Some(n)) => {
                        (is_arabic(p) || is_indic(p))
                            && (is_arabic(n) || is_indic(n))
                            && (n.is_alphabetic() || is_combining_mark(n))
                    }
                    _ => false,
                };
                if joins { Action::Keep } else { Action::Drop }
            }
            '\u{FE0E}' | '\u{FE0F}' => {
                let ok = match self.prev {
                    Some(p) if is_pictographic(p) => true,
                    Some('0'..='9' | '#' | '*') => {
                        c == '\u{FE0F}' && self.peek() == Some('\u{20E3}')
                    }
                    _ => false,
                };
                if ok { Action::Keep } else { Action::Drop }
            }
            '\u{FE00}'..='\u{FE0D}' | '\u{E0100}'..='\u{E01EF}' => {
                if self.prev.is_some_and(is_cjk_ideograph) {
                    Action::Keep
                } else {
                    Action::Drop
                }
            }
            '\u{180B}'..='\u{180D}' | '\u{180F}' => {
                if self
                    .prev
                    .is_some_and(|p| ('\u{1800}'..='\u{18AF}').contains(&p))
                {
                    Action::Keep
                } else {
                    Action::Drop
                }
            }
            _ if is_mark(c) => {
                if self.marks < MAX_MARKS {
                    Action::Keep
                } else {
                    Action::Drop
                }
            }
            _ => Action::Keep,
        }
    }

    /// The next input character, unread.
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// Write input character `c` found at `start` (length `len`) unchanged.
    fn keep(&mut self, c: char, start: usize, len: usize) {
        if let Some(out) = self.out.as_mut() {
            out.push(c);
        }
        self.pos = start + len;
        self.wrote(c);
    }

    fn replace(&mut self, start: usize, r: char) {
        self.edit(start);
        if let Some(out) = self.out.as_mut() {
            out.push(r);
        }
        self.wrote(r);
    }

    fn wrote(&mut self, c: char) {
        self.count += 1;
        if is_mark(c) && !is_variation_selector(c) {
            self.marks += 1;
        } else {
            self.marks = 0;
        }
        self.prev = Some(c);
    }

    /// The output starts to differ from the input at byte `start`.
    fn edit(&mut self, start: usize) {
        if self.out.is_none() {
            let mut out = String::with_capacity(self.src.len().min(MAX_CHARS * 4));
            out.push_str(&self.src[..start]);
            self.out = Some(out);
        }
    }

    /// An ESC at `start` has been read; skip the whole sequence it introduces.
    fn escape(&mut self, start: usize) {
        self.edit(start);
        let bytes = self.src.as_bytes();
        let Some(&next) = bytes.get(self.pos) else {
            return;
        };
        match next {
            b'[' => {
                self.pos += 1;
                self.csi_body();
            }
            b']' | b'P' | b'X' | b'^' | b'_' => {
                self.pos += 1;
                self.string_body();
            }
            0x20..=0x2f => {
                // nF escape: intermediates, then one final byte.
                while let Some(0x20..=0x2f) = bytes.get(self.pos) {
                    self.pos += 1;
                }
                if let Some(0x30..=0x7e) = bytes.get(self.pos) {
                    self.pos += 1;
                }
            }
            0x30..=0x7e => self.pos += 1,
            // Anything else ends the escape: only the ESC goes.
            _ => {}
        }
    }

    /// Skip CSI parameters, intermediates and the final byte. A byte outside the grammar ends
    /// the sequence and is read normally.
    fn csi_body(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some(0x30..=0x3f) = bytes.get(self.pos) {
            self.pos += 1;
        }
        while let Some(0x20..=0x2f) = bytes.get(self.pos) {
            self.pos += 1;
        }
        if let Some(0x40..=0x7e) = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skip a control string (OSC, DCS, SOS, PM, APC) up to and including its terminator: BEL,
    /// ESC `\`, or the 8-bit ST U+009C. CAN and SUB abort it, as in terminals; an ESC that does
    /// not start ST ends it and begins a new escape. Unterminated: to the end of the field.
    fn string_body(&mut self) {
        let bytes = self.src.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                0x07 | 0x18 | 0x1a => {
                    self.pos += 1;
                    return;
                }
                0x1b => {
                    if bytes.get(self.pos + 1) == Some(&b'\\') {
                        self.pos += 2;
                    }
                    return;
                }
                // U+009C in UTF-8.
                0xc2 if bytes.get(self.pos + 1) == Some(&0x9c) => {
                    self.pos += 2;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn finish(self) -> Cow<'a, str> {
        if self.count <= MAX_CHARS {
            return match self.out {
                Some(out) => Cow::Owned(out),
                None => Cow::Borrowed(self.src),
            };
        }
        let text: &str = match &self.out {
            Some(out) => out,
            None => self.src,
        };
        // Output has more than MAX_CHARS characters: keep MAX_CHARS - 1 and the ellipsis.
        let cut = text
            .char_indices()
            .nth(MAX_CHARS - 1)
            .map_or(text.len(), |(i, _)| i);
        // Clean the kept part once more on its own: a joiner or keycap selector whose partner
        // was cut off would be dropped by a second pass, so drop it now.
        let mut kept = Cleaner::new(&text[..cut]).run().into_owned();
        kept.push(ELLIPSIS);
        Cow::Owned(kept)
    }
}

/// A combining mark (general category M). Answers the common cases (Latin, Greek, Cyrillic,
/// CJK, Hangul, emoji) without the table lookup.
fn is_mark(c: char) -> bool {
    match c {
        '\0'..='\u{2FF}'
        | '\u{370}'..='\u{482}'
        | '\u{48A}'..='\u{52F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{1F000}'..='\u{1FAFF}' => false,
        _ => is_combining_mark(c),
    }
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}')
}

/// Emoji and pictographs (an approximation of Extended_Pictographic good enough to decide
/// whether a ZWJ or a variation selector is part of an emoji sequence).
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}'
        | '\u{231A}'..='\u{23FF}'
        | '\u{24C2}'
        | '\u{25AA}'..='\u{25FE}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2934}' | '\u{2935}'
        | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// A character an emoji ZWJ may follow: a pictograph, or the end of one (VS16, skin tone).
fn is_emoji_end(c: char) -> bool {
    is_pictographic(c) || c == '\u{FE0F}'
}

/// Devanagari through Malayalam and Sinhala: scripts whose words use ZWJ and ZWNJ.
fn is_indic(c: char) -> bool {
    ('\u{0900}'..='\u{0DFF}').contains(&c)
}

/// Arabic-script letters (Arabic, Persian, Urdu), where ZWNJ is part of spelling.
fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

fn is_cjk_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(s: &str) -> String {
        clean(s).into_owned()
    }

    #[test]
    fn plain_profile_urls_are_kept_exactly_as_the_parser_keeps_them() {
        let plain = [
            "https://www.linkedin.com/in/ana-alvarez-demo",
            "https://www.linkedin.com/in/ana_alvarez-demo/",
            "https://linkedin.com/in/A1",
            "https://www.linkedin.com/in/jos%C3%A9",
            "https://www.linkedin.com/in/chlo%c3%a9-roy-c2c13/",
            "https://www.linkedin.com/in/%E2%80%8B",
        ];
        let not_plain = [
            "https://www.linkedin.com/in/",
            "https://www.linkedin.com/in//",
            "https://www.linkedin.com/in/a.b",
            "https://www.linkedin.com/in/..",
            "https://www.linkedin.com/in/a/b",
            "https://www.linkedin.com/in/a//",
            "https://www.linkedin.com/in/a?x=1",
            "https://www.linkedin.com/in/a#f",
            "https://www.linkedin.com/in/a b",
            "https://www.linkedin.com/in/josé",
            "https://www.linkedin.com/in/%2e%2e",
            "https://www.linkedin.com/in/%2E",
            "https://www.linkedin.com/in/a%2Fb",
            "https://www.linkedin.com/in/a%20b",
            "https://www.linkedin.com/in/a%C",
            "https://www.linkedin.com/in/a%CG",
            "https://www.linkedin.com/in/a%",
            "https://WWW.LINKEDIN.COM/in/a",
            "https://www.linkedin.com.evil.example/in/a",
            "https://www.linkedin.com:8443/in/a",
            "https://user@www.linkedin.com/in/a",
            "http://www.linkedin.com/in/a",
            " https://www.linkedin.com/in/a",
            "https://www.linkedin.com/in/a\\b",
        ];
        for u in plain {
            assert!(is_plain_profile_url(u), "{u}");
            assert_eq!(parsed_profile_url(u), Ok(u.to_string()), "{u}");
        }
        for u in not_plain {
            assert!(!is_plain_profile_url(u), "{u}");
            assert_eq!(profile_url(u), parsed_profile_url(u), "{u}");
        }
    }

    proptest::proptest! {
        #[test]
        fn printable_ascii_is_every_byte_from_space_to_tilde(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..70),
            printable in "[ -~]{0,70}",
            bad in proptest::prelude::any::<u8>(),
            at in 0usize..70,
        ) {
            let each = |b: &[u8]| b.iter().all(|&b| (0x20..0x7f).contains(&b));
            proptest::prop_assert_eq!(printable_ascii(&bytes), each(&bytes));
            proptest::prop_assert!(printable_ascii(printable.as_bytes()));
            let len = printable.len();
            let whole = if len < 8 { 0 } else { len };
            proptest::prop_assert_eq!(printable_ascii_prefix(printable.as_bytes()), whole);
            // One byte of any value among printable ones: the words before it only.
            let mut one = printable.into_bytes();
            if !one.is_empty() {
                let i = at % one.len();
                one[i] = bad;
                proptest::prop_assert_eq!(printable_ascii(&one), each(&one));
                if !each(&one) {
                    proptest::prop_assert_eq!(printable_ascii_prefix(&one), i - i % 8);
                } else if one.len() >= 8 {
                    proptest::prop_assert_eq!(printable_ascii_prefix(&one), one.len());
                }
            }
        }

        #[test]
        fn the_fast_path_agrees_with_the_parser(
            host in "(https://(www\\.)?linkedin\\.com/in/|https://de\\.linkedin\\.com/in/)",
            slug in "([A-Za-z0-9_.%/ -]|%[0-9A-Fa-f]{2}){0,12}",
        ) {
            let u = format!("{host}{slug}");
            proptest::prop_assert_eq!(profile_url(&u), parsed_profile_url(&u));
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        for s in [
            "",
            "Hi Maya, I'd like to join your LinkedIn network.",
            "Ravi  Let's talk about the meetup", // flattened line break stays
            "José Niño 👋 — Müller, Ph.D.",
            "مرحبا بك",
            "王小明",
            "👩‍💻 dev",
        ] {
            assert!(matches!(clean(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn whitespace_controls_become_spaces() {
        assert_eq!(c("a\tb"), "a b");
        assert_eq!(c("line one\nline two"), "line one line two");
        assert_eq!(c("line one\r\nline two"), "line one line two");
        assert_eq!(c("a\rb"), "a b");
        assert_eq!(c("a\u{2028}b\u{2029}c\u{85}d"), "a b c d");
        assert_eq!(c("a\u{0B}b\u{0C}c"), "a b c");
        // LinkedIn's flattened line breaks are double spaces and stay that way.
        assert_eq!(c("Hello  How are you?"), "Hello  How are you?");
    }

    #[test]
    fn other_c0_nul_and_del_are_removed() {
        assert_eq!(c("a\0b"), "ab");
        assert_eq!(c("bell\u{7}ring"), "bellring");
        assert_eq!(c("back\u{8}space"), "backspace");
        assert_eq!(c("del\u{7F}ete"), "delete");
        assert_eq!(c("\u{1}\u{2}\u{1F}x"), "x");
    }

    #[test]
    fn csi_sequences_are_removed_whole() {
        assert_eq!(c("\u{1b}[31mRed\u{1b}[0m"), "Red");
        assert_eq!(c("\u{1b}[2J\u{1b}[HWiped"), "Wiped");
        assert_eq!(c("\u{1b}[38;2;255;0;0mtrue\u{1b}[m"), "true");
        assert_eq!(c("\u{1b}[?1049h alt"), " alt");
        assert_eq!(c("x\u{1b}["), "x");
        // 8-bit CSI.
        assert_eq!(c("\u{9b}31mRed"), "Red");
    }

    #[test]
    fn osc_hyperlinks_and_clipboard_are_removed_with_payload() {
        assert_eq!(
            c("\u{1b}]8;;https://evil.example/\u{7}Click me\u{1b}]8;;\u{7}"),
            "Click me"
        );
        assert_eq!(
            c("\u{1b}]8;;https://evil.example/\u{1b}\\Click\u{1b}]8;;\u{1b}\\"),
            "Click"
        );
        assert_eq!(c("Ana\u{1b}]52;c;cm0gLXJmIH4=\u{7} Lee"), "Ana Lee");
        assert_eq!(c("\u{1b}]0;pwned title\u{7}Name"), "Name");
        // 8-bit OSC and ST.
        assert_eq!(c("\u{9d}8;;http://x\u{9c}link"), "link");
        // Unterminated: the terminal would swallow the rest, so do we.
        assert_eq!(c("Bob\u{1b}]52;c;AAAA never ends"), "Bob");
    }

    #[test]
    fn dcs_apc_pm_sos_are_removed_with_payload() {
        assert_eq!(c("a\u{1b}P1$tpayload\u{1b}\\b"), "ab");
        assert_eq!(c("a\u{1b}_Gf=100;AAAA\u{1b}\\b"), "ab");
        assert_eq!(c("a\u{1b}^private\u{1b}\\b"), "ab");
        assert_eq!(c("a\u{1b}Xsos\u{1b}\\b"), "ab");
        assert_eq!(
            c("a\u{90}dcs\u{9c}b\u{9f}apc\u{9c}c\u{9e}pm\u{9c}d"),
            "abcd"
        );
        // An ESC inside a string that does not start ST begins a new escape.
        assert_eq!(c("a\u{1b}]0;t\u{1b}[31mb"), "ab");
    }

    #[test]
    fn short_escapes_are_removed() {
        assert_eq!(c("a\u{1b}cb"), "ab"); // RIS, full reset
        assert_eq!(c("a\u{1b}(Bb"), "ab"); // charset
        assert_eq!(c("a\u{1b}7b\u{1b}8"), "ab");
        assert_eq!(c("a\u{1b}"), "a");
        assert_eq!(c("a\u{1b}\u{1b}[1mb"), "ab");
    }

    #[test]
    fn c1_controls_are_removed() {
        assert_eq!(c("a\u{80}\u{84}\u{8d}\u{99}b"), "ab");
    }

    #[test]
    fn bidi_controls_are_removed() {
        // A "Trojan Source" name that would display reversed.
        assert_eq!(c("\u{202E}nimdA\u{202C}"), "nimdA");
        assert_eq!(c("a\u{202A}b\u{202B}c\u{202D}d"), "abcd");
        assert_eq!(c("\u{2066}x\u{2067}y\u{2068}z\u{2069}"), "xyz");
        assert_eq!(c("a\u{200E}b\u{200F}c\u{061C}d"), "abcd");
    }

    #[test]
    fn zero_width_and_invisible_are_removed() {
        assert_eq!(c("I'd li\u{200B}ke to add you"), "I'd like to add you");
        assert_eq!(c("\u{FEFF}Name"), "Name");
        assert_eq!(c("wo\u{2060}rd"), "word");
        assert_eq!(c("soft\u{AD}hyphen"), "softhyphen");
        assert_eq!(c("\u{3164}"), "");
        assert_eq!(c("a\u{2062}b"), "ab");
        // A ZWJ or ZWNJ between Latin letters only hides a word from matching.
        assert_eq!(c("li\u{200D}ke"), "like");
        assert_eq!(c("li\u{200C}ke"), "like");
    }

    #[test]
    fn tag_characters_are_removed() {
        // "ASCII smuggling": invisible tag text after a visible word.
        assert_eq!(c("hi\u{E0069}\u{E0067}\u{E006E}"), "hi");
        assert_eq!(c("\u{E0001}x\u{E007F}"), "x");
    }

    #[test]
    fn emoji_joiners_and_variation_selectors_are_kept() {
        for s in [
            "👩\u{200D}💻",
            "👨\u{200D}👩\u{200D}👧",
            "🏳\u{FE0F}\u{200D}🌈",
            "👍🏽",
            "❤\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
            "🧑🏽\u{200D}🚀",
        ] {
            assert_eq!(clean(s), s, "{s:?}");
        }
        // Dangling joiners and selectors on plain letters go.
        assert_eq!(c("👩\u{200D}"), "👩");
        assert_eq!(c("\u{200D}💻"), "💻");
        assert_eq!(c("a\u{FE0F}b"), "ab");
        assert_eq!(c("1\u{FE0F}"), "1");
    }

    #[test]
    fn script_joiners_are_kept_where_spelling_needs_them() {
        // Persian "I want" with ZWNJ.
        let persian = "می\u{200C}خواهم";
        assert_eq!(clean(persian), persian);
        // Bengali ra + ZWJ + virama + ya (ya-phala).
        let bengali = "র\u{200D}\u{09CD}য";
        assert_eq!(clean(bengali), bengali);
        // Japanese name with an ideographic variation selector.
        let ivs = "辻\u{E0100}";
        assert_eq!(clean(ivs), ivs);
    }

    #[test]
    fn combining_stacks_are_capped() {
        let zalgo = format!("Z{}a", "\u{0301}".repeat(40));
        let out = c(&zalgo);
        assert_eq!(out, format!("Z{}a", "\u{0301}".repeat(MAX_MARKS)));
        // Real text keeps its marks: Vietnamese, decomposed accents.
        for s in ["Nguyễn", "Tiê\u{0301}ng Viê\u{0323}t", "e\u{0301}\u{0323}"] {
            assert_eq!(clean(s), s);
        }
        // Removed characters between marks don't reset the count.
        let sneaky = format!("a{}\u{200B}{}", "\u{0300}".repeat(3), "\u{0300}".repeat(3));
        assert_eq!(c(&sneaky), format!("a{}", "\u{0300}".repeat(MAX_MARKS)));
    }

    #[test]
    fn absurd_lengths_are_cut_with_an_ellipsis() {
        let long = "ab".repeat(MAX_CHARS);
        let out = c(&long);
        assert_eq!(out.chars().count(), MAX_CHARS);
        assert!(out.ends_with('…'));
        assert!(long.starts_with(out.trim_end_matches('…')));
        // Multi-byte text is cut on a character boundary.
        let long = "é".repeat(MAX_CHARS + 1);
        let out = c(&long);
        assert_eq!(out.chars().count(), MAX_CHARS);
        // Exactly MAX_CHARS stays whole and borrowed.
        let exact = "ü".repeat(MAX_CHARS);
        assert!(matches!(clean(&exact), Cow::Borrowed(_)));
        // A cut inside an emoji sequence leaves no dangling joiner.
        let s = format!("{}👩\u{200D}💻", "x".repeat(MAX_CHARS - 2));
        let out = c(&s);
        assert_eq!(out, format!("{}👩…", "x".repeat(MAX_CHARS - 2)));
        assert_eq!(clean(&out), out);
    }

    #[test]
    fn plain_letters_are_text_the_cleaner_keeps_as_it_is() {
        let plain: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| plain_letters(c.to_string().as_bytes()))
            .collect();
        // Each on its own, after and before every printable ASCII byte and each other kind.
        for &c in &plain {
            for s in [
                c.to_string(),
                format!("a{c}b"),
                format!("{c}\u{3A9}{c}"),
                format!("{c} {c}"),
                format!("\u{915}{c}{c}{c}{c}"),
            ] {
                assert!(plain_letters(s.as_bytes()), "{s:?}");
                assert_eq!(Cleaner::new(&s).run(), Cow::Borrowed(s.as_str()), "{s:?}");
            }
        }
        assert!(
            plain.contains(&'\u{E9}') && plain.contains(&'\u{3C0}') && plain.contains(&'\u{43B}')
        );
        assert!(plain.contains(&'\u{4E2D}') && plain.contains(&'\u{1EA1}'));
        assert!(plain.contains(&'\u{5D0}') && plain.contains(&'\u{628}'));
        assert!(plain.contains(&'\u{915}') && plain.contains(&'\u{9BE}'));
        // Marks in a row: kept up to MAX_MARKS, so plain up to there.
        for marks in 0..=MAX_MARKS + 2 {
            for (base, mark) in [
                ('\u{915}', '\u{93F}'),
                ('\u{995}', '\u{9CD}'),
                ('a', '\u{94D}'),
            ] {
                let s = format!("{base}{}{base}", mark.to_string().repeat(marks));
                let borrowed = Cleaner::new(&s).run() == Cow::Borrowed(s.as_str());
                assert_eq!(plain_letters(s.as_bytes()), marks <= MAX_MARKS, "{s:?}");
                assert!(borrowed || marks > MAX_MARKS, "{s:?}");
            }
        }
        // Marks of other scripts, invisible characters and controls are not plain.
        for c in [
            '\u{301}', '\u{483}', '\u{AD}', '\u{85}', '\u{200B}', '\u{202E}', '\u{7F}', '\t',
            '\u{61C}', '\u{64B}', '\u{5B4}', '\u{600}', '\u{200D}', '\u{200C}',
        ] {
            assert!(!plain_letters(c.to_string().as_bytes()), "{c:?}");
            assert!(!plain_letters(format!("\u{E9}{c}").as_bytes()), "{c:?}");
        }
    }

    #[test]
    fn the_mark_shortcut_agrees_with_the_table() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_mark(c), is_combining_mark(c), "{:?}", c);
        }
    }

    #[test]
    fn hostile_sender_name() {
        let name = "\u{1b}[2J\u{1b}]8;;https://evil.example\u{7}Dana \u{202E}reiF\u{202C}\u{1b}]8;;\u{7}\u{1b}[0m";
        assert_eq!(c(name), "Dana reiF");
    }

    /// Characters that must never survive, whatever the context.
    fn always_forbidden(ch: char) -> bool {
        matches!(ch,
            '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}'
            | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{200E}' | '\u{200F}' | '\u{061C}'
            | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}'
            | '\u{2028}' | '\u{2029}'
            | '\u{E0000}'..='\u{E007F}')
    }

    /// The properties every output must have.
    fn check_output(out: &str) -> Result<(), TestCaseError> {
        let chars: Vec<char> = out.chars().collect();
        prop_assert!(chars.len() <= MAX_CHARS);
        let mut run = 0;
        for (i, &ch) in chars.iter().enumerate() {
            prop_assert!(!always_forbidden(ch), "forbidden {:?} in {:?}", ch, out);
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            if ch == ZWJ {
                prop_assert!(
                    prev.is_some() && next.is_some(),
                    "dangling ZWJ in {:?}",
                    out
                );
            }
            if ch == ZWNJ {
                prop_assert!(
                    prev.is_some_and(|p| is_arabic(p) || is_indic(p))
                        && next.is_some_and(|n| is_arabic(n) || is_indic(n)),
                    "stray ZWNJ in {:?}",
                    out
                );
            }
            if is_combining_mark(ch) && !is_variation_selector(ch) {
                run += 1;
                prop_assert!(run <= MAX_MARKS, "mark stack in {:?}", out);
            } else {
                run = 0;
            }
        }
        Ok(())
    }

    /// Strings biased towards the interesting characters.
    fn nasty_string() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            any::<char>().prop_map(|c| c.to_string()),
            Just("\u{1b}".to_string()),
            Just("\u{1b}[".to_string()),
            Just("\u{1b}]8;;".to_string()),
            Just("\u{1b}\\".to_string()),
            Just("\u{7}".to_string()),
            Just("\r\n".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{9c}".to_string()),
            Just("\u{9d}".to_string()),
            Just("\u{200D}".to_string()),
            Just("\u{200C}".to_string()),
            Just("\u{FE0F}".to_string()),
            Just("\u{20E3}".to_string()),
            Just("\u{0301}".to_string()),
            Just("\u{09CD}".to_string()),
            Just("👩".to_string()),
            Just("ب".to_string()),
            Just("র".to_string()),
            Just("1".to_string()),
            Just("\u{202E}".to_string()),
            Just("\u{E0067}".to_string()),
            Just("a".to_string()),
            Just(" ".to_string()),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_string_comes_out_safe_and_stable(s in any::<String>()) {
            let once = clean(&s).into_owned();
            check_output(&once)?;
            let twice = clean(&once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)), "second pass changed {:?}", once);
        }

        #[test]
        fn nasty_strings_come_out_safe_and_stable(s in nasty_string()) {
            let once = clean(&s).into_owned();
            check_output(&once)?;
            let twice = clean(&once);
            prop_assert!(matches!(twice, Cow::Borrowed(_)), "second pass changed {:?} from {:?}", once, s);
        }

        #[test]
        fn long_strings_are_cut_stably(s in nasty_string(), n in (MAX_CHARS - 5)..(MAX_CHARS + 5)) {
            let long = format!("{}{}", "x".repeat(n), s);
            let once = clean(&long).into_owned();
            check_output(&once)?;
            prop_assert_eq!(clean(&once), once.as_str());
        }

        #[test]
        fn printable_ascii_is_untouched(s in "[ -~]{0,200}") {
            prop_assert!(matches!(clean(&s), Cow::Borrowed(_)));
        }
    }
}

#[cfg(test)]
mod url_tests {
    use super::{UrlProblem, profile_url};

    #[test]
    fn only_https_linkedin_profile_urls_pass() {
        for (raw, want) in [
            (
                "https://www.linkedin.com/in/ana-alvarez-demo",
                "https://www.linkedin.com/in/ana-alvarez-demo",
            ),
            (
                "https://linkedin.com/in/ana/",
                "https://linkedin.com/in/ana/",
            ),
            (
                "https://de.linkedin.com/in/ana",
                "https://de.linkedin.com/in/ana",
            ),
            (
                "  https://WWW.LinkedIn.com/in/Jos%C3%A9-Ni%C3%B1o?trk=x#top ",
                "https://WWW.LinkedIn.com/in/Jos%C3%A9-Ni%C3%B1o",
            ),
            (
                "https://www.linkedin.com/in/josé",
                "https://www.linkedin.com/in/josé",
            ),
            (
                "https://www.linkedin.com:443/in/ana",
                "https://www.linkedin.com:443/in/ana",
            ),
            (
                "https://www.linkedin.com/in/ana#x",
                "https://www.linkedin.com/in/ana",
            ),
            (
                "https://www.linkedin.com/in/ana%20x\\",
                "https://www.linkedin.com/in/ana%20x/",
            ),
            (
                "https://www.linkedin.com/pub/ana-alvarez/1/2b/3c4",
                "https://www.linkedin.com/pub/ana-alvarez/1/2b/3c4",
            ),
        ] {
            assert_eq!(profile_url(raw).as_deref(), Ok(want), "{raw}");
            assert_eq!(profile_url(want).as_deref(), Ok(want), "stable: {want}");
        }
    }

    #[test]
    fn every_other_scheme_host_and_path_is_refused() {
        use UrlProblem::*;
        for (raw, why) in [
            ("javascript:alert(1)", Scheme),
            (
                "JavaScript:alert(document.cookie)//https://www.linkedin.com/in/ana",
                Scheme,
            ),
            ("file:///etc/passwd", Scheme),
            ("http://www.linkedin.com/in/ana", Scheme),
            ("data:text/html,<script>alert(1)</script>", Scheme),
            ("vbscript:msgbox", Scheme),
            ("ftp://www.linkedin.com/in/ana", Scheme),
            ("//www.linkedin.com/in/ana", NotAUrl),
            ("www.linkedin.com/in/ana", NotAUrl),
            ("", NotAUrl),
            ("https://linkedin.com.evil.example/in/eve", Host),
            ("https://evil-linkedin.com/in/eve", Host),
            ("https://evillinkedin.com/in/eve", Host),
            ("https://www.linkedin.com.evil.example/in/eve", Host),
            ("https://linkedin.com./in/eve", Host),
            ("https://xn--linkedn-ejg.com/in/eve", Host),
            ("https://linkedіn.com/in/eve", Host),
            ("https://www.xn--linkedin-g5a.com/in/eve", Host),
            ("https://a.b.linkedin.com/in/eve", Host),
            ("https://www2.linkedin.com/in/eve", Host),
            ("https://93.184.216.34/in/eve", Host),
            ("https://[::1]/in/eve", Host),
            ("https://linkedin.com@evil.example/in/eve", UserInfo),
            ("https://user:pw@www.linkedin.com/in/eve", UserInfo),
            ("https://evil.example\\@www.linkedin.com/in/eve", Host),
            ("https://www.linkedin.com:8443/in/eve", Port),
            ("https://www.linkedin.com:80/in/eve", Port),
            ("https://www.linkedin.com/", Path),
            ("https://www.linkedin.com/in/", Path),
            (
                "https://www.linkedin.com/in/ana/detail/recent-activity",
                Path,
            ),
            ("https://www.linkedin.com/in/../feed", Path),
            (
                "https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fevil.example",
                Path,
            ),
            ("https://www.linkedin.com/company/acme", Path),
        ] {
            assert_eq!(profile_url(raw), Err(why), "{raw}");
        }
    }
}

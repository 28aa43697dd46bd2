//! Text helpers for drawing: one-line forms, relative ages, name lists, evidence segments (and
//! the cell fitting of [`crate::cells`]).
//! Pure: no I/O.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{DateTime, Utc};
use unicode_width::UnicodeWidthChar;

/// True when terminals may give this grapheme (one buffer cell's symbol) another width than
/// `unicode-width` does: spacing combining marks (Mc: Bengali া, Devanagari ि, Tamil ா), several
/// visible characters fused into one cluster (Indic conjuncts), and emoji sequences (ZWJ,
/// variation selector 16). ratatui's diff assumes its own width, so such a grapheme can leave
/// stale cells behind; the event loop repaints in full while one is on screen.
pub fn uncertain_width(g: &str) -> bool {
    if g.is_ascii() {
        return false;
    }
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let mut visible = 0;
    for c in g.chars() {
        if c == '\u{200D}'
            || c == '\u{FE0F}'
            || c.general_category() == GeneralCategory::SpacingMark
        {
            return true;
        }
        if c.width().unwrap_or(0) > 0 {
            visible += 1;
        }
    }
    visible > 1
}

pub use crate::cells::{fit, truncate, width};

/// Layout for one-line places: the first line only, tabs as spaces, no other control
/// characters (the sanitiser already removed escapes; this is about layout, not safety).
pub fn one_line(s: &str) -> Cow<'_, str> {
    let first = s.split('\n').next().unwrap_or("");
    if first.chars().any(char::is_control) {
        Cow::Owned(
            first
                .chars()
                .filter_map(|c| match c {
                    '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(first)
    }
}

/// The whole text on one line, whitespace runs (line breaks included) folded to one space.
pub fn preview(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(512));
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|c| !c.is_control()));
        // A list row never shows more than a screen width.
        if out.len() > 1024 {
            break;
        }
    }
    out
}

/// Tabs as spaces and carriage returns dropped, keeping line breaks.
pub fn multi_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\t', '\r']) {
        Cow::Owned(s.replace('\t', " ").replace('\r', ""))
    } else {
        Cow::Borrowed(s)
    }
}

/// How many names a confirmation dialog lists before "and N more".
const NAMES_SHOWN: usize = 3;

/// "Ana Alvarez, Ben Okafor, Chen Wei and 9 more".
pub fn names_preview<'a>(names: impl Iterator<Item = &'a str>, total: usize) -> String {
    let shown: Vec<&str> = names.take(NAMES_SHOWN).collect();
    let mut s = shown.join(", ");
    if total > shown.len() {
        s.push_str(&format!(" and {} more", total - shown.len()));
    }
    s
}

/// "now", "5m", "3h", "3d", "5w", "4mo", "2y"; a time in the future reads "in 3d" (more than a
/// minute ahead: a clock or time zone problem, see [`is_future`]).
pub fn relative_age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    if secs < -60 {
        return format!("in {}", span_of(-secs));
    }
    if secs < 60 {
        return "now".to_string();
    }
    span_of(secs)
}

/// The age column of the list (at most 4 cells): a future date shows as "+3d".
pub fn short_age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    if is_future(then, now) {
        format!("+{}", span_of((then - now).num_seconds()))
    } else {
        relative_age(then, now)
    }
}

/// True when `then` lies more than a minute after `now`: odd for an invitation already sent.
pub fn is_future(then: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (then - now).num_seconds() > 60
}

/// "5m", "3h", "3d", "5w", "4mo", "2y" for a positive number of seconds.
fn span_of(secs: i64) -> String {
    let mins = secs / 60;
    let hours = mins / 60;
    let days = hours / 24;
    if mins < 60 {
        format!("{mins}m")
    } else if hours < 24 {
        format!("{hours}h")
    } else if days < 14 {
        format!("{days}d")
    } else if days < 91 {
        format!("{}w", days / 7)
    } else if days < 730 {
        format!("{}mo", days * 12 / 365)
    } else {
        format!("{}y", days / 365)
    }
}

/// Byte ranges of every case-insensitive occurrence of `needle` in `hay` (non-overlapping),
/// compared character by character so that case folds that change byte lengths stay on
/// character boundaries.
pub fn find_all_ci(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let want: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    if want.is_empty() {
        return out;
    }
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let mut i = 0;
    'outer: while i < chars.len() {
        let mut j = i;
        let mut k = 0;
        while k < want.len() {
            let Some(&(_, c)) = chars.get(j) else {
                break 'outer;
            };
            for lc in c.to_lowercase() {
                if want.get(k) != Some(&lc) {
                    i += 1;
                    continue 'outer;
                }
                k += 1;
            }
            j += 1;
        }
        let end = chars.get(j).map_or(hay.len(), |(b, _)| *b);
        out.push(chars[i].0..end);
        i = j.max(i + 1);
    }
    out
}

/// How a piece of drawn text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// The classifier's evidence.
    Evidence,
    /// The search match (wins over evidence).
    Match,
}

/// Split `s` into (text, mark) segments: `matches` over `evidence` over plain. Ranges are
/// clamped to `s` and widened to character boundaries.
pub fn marked(s: &str, evidence: &[Range<usize>], matches: &[Range<usize>]) -> Vec<(String, Mark)> {
    let fix = |r: &Range<usize>| {
        let mut a = r.start.min(s.len());
        let mut b = r.end.min(s.len());
        while a > 0 && !s.is_char_boundary(a) {
            a -= 1;
        }
        while b < s.len() && !s.is_char_boundary(b) {
            b += 1;
        }
        a..b
    };
    let ev: Vec<Range<usize>> = evidence.iter().map(fix).collect();
    let ms: Vec<Range<usize>> = matches.iter().map(fix).collect();
    let mut out: Vec<(String, Mark)> = Vec::new();
    for (i, c) in s.char_indices() {
        let m = if ms.iter().any(|r| r.contains(&i)) {
            Mark::Match
        } else if ev.iter().any(|r| r.contains(&i)) {
            Mark::Evidence
        } else {
            Mark::Plain
        };
        match out.last_mut() {
            Some((t, lm)) if *lm == m => t.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

/// The part of a one-line `s` to show in `w` cells so that `at` (a byte range, e.g. a search
/// match) is visible: from the start when it fits, else from a little before it, with `…` in
/// front. Returns the shown text's byte offset into `s` and whether it was cut in front.
pub fn window_around(s: &str, at: Range<usize>, w: usize) -> (usize, bool) {
    let before = width(&s[..at.start.min(s.len())]);
    let len = width(&s[at.start.min(s.len())..at.end.min(s.len())]);
    if before + len < w || w < 8 {
        return (0, false);
    }
    // Keep a few cells of context before the match, after the "…".
    let context = (w / 4).min(12);
    let skip = before.saturating_sub(context);
    let mut cells = 0;
    for (i, c) in s.char_indices() {
        if cells >= skip {
            return (i, true);
        }
        cells += c.width().unwrap_or(0);
    }
    (0, false)
}

/// Word-wrap `s` to lines of at most `w` cells (words longer than `w` are cut).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let ww = width(word);
        let lw = width(&line);
        if !line.is_empty() && lw + 1 + ww <= w {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if ww <= w {
            line.push_str(word);
        } else {
            let mut cur = String::new();
            for c in word.chars() {
                if width(&cur) + c.width().unwrap_or(0) > w {
                    lines.push(std::mem::take(&mut cur));
                }
                cur.push(c);
            }
            line = cur;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Fit styled pieces into `w` cells: whole while they fit, then the piece that overflows is
/// cut with `…` and the rest dropped. Nothing is ever cut without the ellipsis.
pub fn fit_spans(
    pieces: Vec<ratatui::text::Span<'static>>,
    w: usize,
) -> Vec<ratatui::text::Span<'static>> {
    let total: usize = pieces.iter().map(|p| width(&p.content)).sum();
    if total <= w {
        return pieces;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for p in pieces {
        let pw = width(&p.content);
        if used + pw < w {
            used += pw;
            out.push(p);
            continue;
        }
        // More text follows, so this piece ends with the ellipsis even when it would fit.
        let room = w - used;
        if room > 0 {
            let mut keep = String::new();
            let mut cells = 0;
            for c in p.content.chars() {
                let cw = c.width().unwrap_or(0);
                if cells + cw > room - 1 {
                    break;
                }
                keep.push(c);
                cells += cw;
            }
            keep.extend(std::iter::repeat_n(' ', room - 1 - cells));
            out.push(ratatui::text::Span::styled(keep + "…", p.style));
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_preview_lists_three() {
        let names = ["A", "B", "C", "D", "E"];
        assert_eq!(
            names_preview(names.iter().copied(), 5),
            "A, B, C and 2 more"
        );
        assert_eq!(names_preview(names[..2].iter().copied(), 2), "A, B");
    }

    #[test]
    fn widths_terminals_may_disagree_on_are_flagged() {
        // Bengali, Devanagari and Tamil vowel signs are spacing marks (Mc).
        for g in ["সা", "कि", "கா", "👍🏽", "👨\u{200D}💻", "❤\u{FE0F}"] {
            assert!(uncertain_width(g), "{g}");
        }
        // Plain letters, CJK, a single emoji, Thai with a non-spacing vowel (Mn) are certain.
        for g in ["a", " ", "é", "日", "🌍", "กั", "…"] {
            assert!(!uncertain_width(g), "{g}");
        }
    }

    #[test]
    fn ages_are_short() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let ago = |s: i64| relative_age(now - chrono::Duration::seconds(s), now);
        assert_eq!(ago(10), "now");
        assert_eq!(ago(-30), "now");
        // The future is never "now ago".
        assert_eq!(ago(-28 * 86400), "in 4w");
        assert_eq!(ago(-3 * 86400), "in 3d");
        assert_eq!(short_age(now + chrono::Duration::days(3), now), "+3d");
        assert!(is_future(now + chrono::Duration::days(3), now));
        assert!(!is_future(now - chrono::Duration::days(3), now));
        assert_eq!(ago(5 * 60), "5m");
        assert_eq!(ago(3 * 3600), "3h");
        assert_eq!(ago(3 * 86400), "3d");
        assert_eq!(ago(35 * 86400), "5w");
        assert_eq!(ago(200 * 86400), "6mo");
        assert_eq!(ago(1000 * 86400), "2y");
    }

    #[test]
    fn case_insensitive_matches_and_windows() {
        assert_eq!(find_all_ci("Hi LENA, lena", "lena"), vec![3..7, 9..13]);
        assert!(find_all_ci("İstanbul", "x").is_empty());
        assert_eq!(find_all_ci("Grüße aus GRÜSSE", "grüße"), vec![0..7]);
        let note = "Hi Maya, following up on my earlier note: my company helps teams like yours";
        let at = note.find("teams").unwrap();
        let (from, cut) = window_around(note, at..at + 5, 30);
        assert!(cut && from < at);
        assert!(width(&note[from..at]) <= 12);
        assert_eq!(window_around("short note", 0..5, 30), (0, false));
        let (ev, ms) = ([0..2, 9..9], [1..4, 9..9]);
        let segs = marked("ab cd", &ev, &ms);
        assert_eq!(
            segs,
            vec![
                ("a".to_string(), Mark::Evidence),
                ("b c".to_string(), Mark::Match),
                ("d".to_string(), Mark::Plain)
            ]
        );
    }

    #[test]
    fn wrapping_and_fitting_never_cut_silently() {
        assert_eq!(wrap("esc, q, p, enter", 8), vec!["esc, q,", "p, enter"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        use ratatui::text::Span;
        let spans = vec![Span::raw("All 38"), Span::raw("   +22 connected (c)")];
        let fitted = fit_spans(spans, 12);
        let text: String = fitted.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(width(&text), 12);
        assert!(text.ends_with('…'), "{text}");
        let fitted = fit_spans(vec![Span::raw("abc"), Span::raw("def")], 3);
        let text: String = fitted.iter().map(|s| s.content.to_string()).collect();
        assert_eq!(text, "ab…");
    }

    #[test]
    fn marks_clamp_bad_spans() {
        let note = "Hé, we met at Acme";
        let acme = note.find("Acme").unwrap();
        let segs = marked(note, &[2..3, acme..acme + 4, 40..50], &[]);
        // 2..3 is inside "é" (bytes 1..3): widened to the whole character.
        assert_eq!(segs[0], ("H".to_string(), Mark::Plain));
        assert_eq!(segs[1], ("é".to_string(), Mark::Evidence));
        assert!(segs.contains(&("Acme".to_string(), Mark::Evidence)));
    }
}

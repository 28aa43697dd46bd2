//! Text helpers for drawing: one-line forms, relative ages, name lists, evidence segments (and
//! the cell fitting of [`crate::cells`]).
//! Pure: no I/O.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{DateTime, Utc};

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

/// "now", "5m", "3h", "3d", "5w", "4mo", "2y".
pub fn relative_age(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    if secs < 60 {
        return "now".to_string();
    }
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

/// Split a note into lines of (text, highlighted) segments, highlighting the union of the byte
/// ranges. Ranges are clamped to the note and widened to character boundaries, so a bad span
/// can never split a character or panic.
pub fn highlight(note: &str, spans: &[Range<usize>]) -> Vec<Vec<(String, bool)>> {
    let len = note.len();
    let mut ranges: Vec<(usize, usize)> = spans
        .iter()
        .filter_map(|r| {
            let mut a = r.start.min(len);
            let mut b = r.end.min(len);
            while a > 0 && !note.is_char_boundary(a) {
                a -= 1;
            }
            while b < len && !note.is_char_boundary(b) {
                b += 1;
            }
            (a < b).then_some((a, b))
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut segments: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for (a, b) in merged {
        if a > at {
            segments.push((&note[at..a], false));
        }
        segments.push((&note[a..b], true));
        at = b;
    }
    if at < len {
        segments.push((&note[at..], false));
    }
    let mut lines: Vec<Vec<(String, bool)>> = vec![Vec::new()];
    for (text, hl) in segments {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            if !part.is_empty() {
                let part = multi_line(part).into_owned();
                lines
                    .last_mut()
                    .expect("one line at least")
                    .push((part, hl));
            }
        }
    }
    lines
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
    fn ages_are_short() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let ago = |s: i64| relative_age(now - chrono::Duration::seconds(s), now);
        assert_eq!(ago(10), "now");
        assert_eq!(ago(-3600), "now");
        assert_eq!(ago(5 * 60), "5m");
        assert_eq!(ago(3 * 3600), "3h");
        assert_eq!(ago(3 * 86400), "3d");
        assert_eq!(ago(35 * 86400), "5w");
        assert_eq!(ago(200 * 86400), "6mo");
        assert_eq!(ago(1000 * 86400), "2y");
    }

    #[test]
    fn highlight_clamps_bad_spans() {
        let note = "Hé, we met at Acme\nSee you";
        let acme = note.find("Acme").unwrap();
        let lines = highlight(note, &[2..3, acme..acme + 4, 40..50]);
        assert_eq!(lines.len(), 2);
        // 2..3 is inside "é" (bytes 1..3): widened to the whole character.
        assert_eq!(lines[0][0], ("H".to_string(), false));
        assert_eq!(lines[0][1], ("é".to_string(), true));
        assert!(lines[0].contains(&("Acme".to_string(), true)));
        assert_eq!(lines[1], vec![("See you".to_string(), false)]);
    }
}

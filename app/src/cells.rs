//! Fitting text into terminal cells (wide characters count two): the one implementation behind
//! the CLI's tables and the app's drawing. Pure.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut to at most `max` cells, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = fitting(s.chars(), max - 1).collect();
    out.push('…');
    out
}

/// Cut to at most `max` cells keeping the end (a file name and line), `…` first when cut.
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut kept: Vec<char> = fitting(s.chars().rev(), max.saturating_sub(1)).collect();
    kept.reverse();
    std::iter::once('…').chain(kept).collect()
}

/// Truncate then pad with spaces to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let tw = width(&t);
    t.extend(std::iter::repeat_n(' ', w.saturating_sub(tw)));
    t
}

/// The leading `chars` that fit in `room` cells.
fn fitting(chars: impl Iterator<Item = char>, room: usize) -> impl Iterator<Item = char> {
    let mut used = 0;
    chars.take_while(move |c| {
        used += c.width().unwrap_or(0);
        used <= room
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_cells_from_either_end() {
        assert_eq!(truncate("Ana Alvarez", 20), "Ana Alvarez");
        assert_eq!(truncate("Ana Alvarez", 5), "Ana …");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(
            truncate_start("fixtures/export/Invitations.csv:12", 20),
            "…/Invitations.csv:12"
        );
        assert_eq!(truncate_start("a.csv:1", 20), "a.csv:1");
        assert_eq!(truncate_start("日本語テキスト", 5), "…スト");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("日本語", 4), "日… ");
    }
}

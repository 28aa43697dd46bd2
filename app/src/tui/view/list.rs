//! The list pane: one line per invitation, drawing only the rows in the window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, fit};
use crate::tui::state::{State, kind_label};
use crate::tui::theme::Theme;
use invitriage::model::{Class, Verdict};

pub fn render(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let visible = state.visible();
    if visible.is_empty() {
        let msg = if state.tab() == crate::tui::state::Tab::Sent {
            if state.insight().sent_known {
                "No request you sent is still pending.".to_string()
            } else {
                "This input has no Connections.csv, so a request you sent that was accepted \
                 cannot be told from one still pending. Open the whole export (folder or .zip)."
                    .to_string()
            }
        } else if state.rows().is_empty() {
            "No incoming invitations in this export.".to_string()
        } else if let Some(k) = state.kind_filter() {
            format!(
                "No {} invitations in {}. {} changes the kind filter; {} switches tabs.",
                kind_label(k),
                state.tab().label(),
                super::key_of(state, "filter_kind"),
                super::key_of(state, "next_tab")
            )
        } else if state.tab() == crate::tui::state::Tab::Decided {
            "No decisions yet.".to_string()
        } else if state.counts().all > 0 {
            format!(
                "Nothing left in {}. {} switches tabs; Decided lists what you decided.",
                state.tab().label(),
                super::key_of(state, "next_tab")
            )
        } else {
            format!(
                "Every invitation here is from someone already connected; {} shows them.",
                super::key_of(state, "toggle_connected")
            )
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, theme.dim))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let h = area.height as usize;
    // The state keeps the selection in the window; clamp again in case the size moved on.
    let start = state.scroll().min(visible.len().saturating_sub(1));
    let lines: Vec<Line> = visible
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(pos, &row)| {
            row_line(
                state,
                theme,
                row,
                area.width as usize,
                pos == state.selected(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The column headings above the list.
pub fn render_header(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(header_line(state, theme, area.width as usize)),
        area,
    );
}

/// The badge text for a row: its kind in `classify`'s words; a star marks the user's
/// reclassification, of this note or of a near-identical one (the kind is then the one the
/// override implies, as `decide --kind` sees it).
pub fn badge(state: &State, row: usize) -> (String, Class) {
    let label = kind_label(state.kind_of(row));
    let s =
        if !state.has_user_class(row) && invitriage::classify::is_unsure(&state.rows()[row].auto) {
            // The classifier is unsure (classify's "unsure": true): listed first under Personal.
            "unsure".to_string()
        } else if state.is_reclassified(row) {
            format!("{label}*")
        } else {
            label.to_string()
        };
    (s, state.class_of(row))
}

/// Widths of the name and kind columns for a list `width` cells wide.
fn columns(width: usize) -> (usize, usize) {
    let name_w = if width >= 90 {
        22
    } else if width >= 60 {
        16
    } else {
        12
    };
    // "template*" is the longest kind.
    (name_w, 10)
}

/// Cells of the age column ("+28d", "10mo", "Sent↓").
const AGE_W: usize = 5;

/// The column headings, the sort column marked with its direction.
pub fn header_line(state: &State, theme: &Theme, width: usize) -> Line<'static> {
    use crate::tui::state::SortOrder;
    let (name_w, badge_w) = columns(width);
    let sort = state.sort();
    let head = |label: &str, mark: Option<&str>| -> (String, bool) {
        match mark {
            Some(m) => (format!("{label}{m}"), true),
            None => (label.to_string(), false),
        }
    };
    let (name, n_on) = head("Name", (sort == SortOrder::Name).then_some(" ↑"));
    let (sent, s_on) = head(
        "Sent",
        match sort {
            SortOrder::Newest => Some("↓"),
            SortOrder::Oldest => Some("↑"),
            _ => None,
        },
    );
    let (kind, k_on) = head("Kind", (sort == SortOrder::MostPersonal).then_some(" ↓"));
    let style = |on: bool| if on { theme.key } else { theme.label };
    let spans = vec![
        Span::styled("  ", theme.label),
        Span::styled(fit(&name, name_w), style(n_on)),
        Span::styled(format!("{sent:>AGE_W$} "), style(s_on)),
        Span::styled(fit(&kind, badge_w), style(k_on)),
        Span::styled("  ", theme.label),
        Span::styled("Note", theme.label),
    ];
    Line::from(text::fit_spans(spans, width))
}

/// Styled pieces of `s` with the search matches in the match style.
fn with_matches(s: &str, query: &str, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let ms = if query.is_empty() {
        Vec::new()
    } else {
        text::find_all_ci(s, query)
    };
    text::marked(s, &[], &ms)
        .into_iter()
        .map(|(t, m)| {
            Span::styled(
                t,
                if m == text::Mark::Match {
                    theme.search_match
                } else {
                    style
                },
            )
        })
        .collect()
}

/// Pad styled pieces with spaces to exactly `w` cells (cutting with `…` when longer).
fn fit_pieces(pieces: Vec<Span<'static>>, w: usize, pad: Style) -> Vec<Span<'static>> {
    let mut out = text::fit_spans(pieces, w);
    let used: usize = out.iter().map(|s| text::width(&s.content)).sum();
    if used < w {
        out.push(Span::styled(" ".repeat(w - used), pad));
    }
    out
}

fn row_line(
    state: &State,
    theme: &Theme,
    row: usize,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let r = state.row(row);
    let (name_w, badge_w) = columns(width);
    let decision_w = 2;
    let query = state.search().text();
    let mut spans = Vec::new();
    let marked = state.marks().contains(&row);
    spans.push(Span::styled(
        if marked {
            "● "
        } else if selected {
            "› "
        } else {
            "  "
        },
        if marked { theme.marked } else { theme.dim },
    ));
    spans.extend(fit_pieces(
        with_matches(
            &text::one_line(r.inv.counterpart_name()),
            query,
            theme.text,
            theme,
        ),
        name_w,
        theme.text,
    ));
    // A request the user sent ages up to the export's own date, like `invitriage sent`.
    let age_now = match state.insight().as_of {
        Some(d) if state.is_outgoing(row) => {
            d.and_hms_opt(23, 59, 59).map_or(state.now, |t| t.and_utc())
        }
        _ => state.now,
    };
    let future = text::is_future(r.inv.sent_at, age_now);
    spans.push(Span::styled(
        format!("{:>AGE_W$} ", text::short_age(r.inv.sent_at, age_now)),
        if future { theme.odd } else { theme.dim },
    ));
    if state.is_pending() {
        // The classifier needs every note: no verdict until the whole export is read.
        spans.push(Span::styled(fit("pending", badge_w), theme.dim));
    } else {
        let (b, class) = badge(state, row);
        spans.push(Span::styled(
            fit(&b, badge_w),
            if class == Class::Personal {
                theme.personal
            } else {
                theme.boilerplate
            },
        ));
    }
    let (d, dstyle) = if state.is_saving(row) {
        ("…", theme.saving)
    } else {
        match state.decision_of(row).map(|d| d.verdict) {
            Some(Verdict::Accept) => ("✓", theme.accept),
            Some(Verdict::Ignore) => ("✗", theme.ignore),
            Some(Verdict::Withdraw) => ("↩", theme.ignore),
            // Already connected (shown with the toggle): nothing to decide on LinkedIn.
            None if r.inv.relationship.connected => ("⇄", theme.dim),
            None => ("", theme.dim),
        }
    };
    spans.push(Span::styled(fit(d, decision_w), dstyle));
    if state.is_new(row) {
        spans.push(Span::styled("new ", theme.marked));
    }
    let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    let note_w = width.saturating_sub(used);
    match r.inv.note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => {
            let preview = text::preview(n);
            // Show the part of the note around the first match, so the match is on screen.
            let first = if query.is_empty() {
                None
            } else {
                text::find_all_ci(&preview, query).into_iter().next()
            };
            let shown = match first.map(|m| text::window_around(&preview, m, note_w)) {
                Some((from, true)) => format!("…{}", &preview[from..]),
                _ => preview,
            };
            spans.extend(fit_pieces(
                with_matches(&shown, query, theme.text, theme),
                note_w,
                theme.text,
            ));
        }
        None => spans.push(Span::styled(fit("(no note)", note_w), theme.dim)),
    }
    if selected {
        // The selection's colours win (a dim age on the selection's background would vanish),
        // except over a search match or an odd value, which must stay visible.
        for s in &mut spans {
            if s.style != theme.search_match && s.style != theme.odd {
                s.style = s.style.patch(theme.selected);
            }
        }
    }
    Line::from(spans)
}

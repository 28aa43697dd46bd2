//! The list pane: one line per invitation, drawing only the rows in the window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::text::{self, fit};
use crate::tui::state::{State, kind_label};
use crate::tui::theme::Theme;
use invitriage::model::{Class, Kind, Verdict};

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

/// The badge text for a row: the kind, or the user's class with a star when overridden.
pub fn badge(state: &State, row: usize, narrow: bool) -> (String, Class) {
    let class = state.class_of(row);
    let kind = state.rows()[row].auto.kind;
    if state.is_overridden(row) {
        let s = match (class, narrow) {
            (Class::Personal, false) => "personal*",
            (Class::Personal, true) => "pers*",
            (Class::Boilerplate, false) => "boiler*",
            (Class::Boilerplate, true) => "boil*",
        };
        return (s.to_string(), class);
    }
    // The classifier is unsure: listed first under Personal, marked so (see the sort).
    if invitriage::classify::is_unsure(&state.rows()[row].auto) {
        return ((if narrow { "uns?" } else { "unsure" }).to_string(), class);
    }
    let s = if narrow {
        match kind {
            Kind::NoNote => "none",
            Kind::Default => "stock",
            Kind::Generic => "gen",
            Kind::Template => "pitch",
            Kind::Personal => "pers",
        }
    } else {
        kind_label(kind)
    };
    (s.to_string(), class)
}

fn row_line(
    state: &State,
    theme: &Theme,
    row: usize,
    width: usize,
    selected: bool,
) -> Line<'static> {
    let r = &state.rows()[row];
    let narrow = width < 60;
    let name_w = if width >= 90 {
        22
    } else if width >= 60 {
        16
    } else {
        12
    };
    let badge_w = if narrow { 6 } else { 10 };
    let decision_w = 2;
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
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
    let name_style = if state.is_match(row) {
        theme.search_match
    } else {
        theme.text
    };
    spans.push(Span::styled(
        fit(&text::one_line(r.inv.counterpart_name()), name_w),
        name_style,
    ));
    // A request the user sent ages up to the export's own date, like `invitriage sent`.
    let age_now = match state.insight().as_of {
        Some(d) if state.is_outgoing(row) => {
            d.and_hms_opt(23, 59, 59).map_or(state.now, |t| t.and_utc())
        }
        _ => state.now,
    };
    spans.push(Span::styled(
        format!("{:>4} ", text::relative_age(r.inv.sent_at, age_now)),
        theme.dim,
    ));
    let (b, class) = badge(state, row, narrow);
    spans.push(Span::styled(
        fit(&b, badge_w),
        if class == Class::Personal {
            theme.personal
        } else {
            theme.boilerplate
        },
    ));
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
    let note = match r
        .inv
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(n) => (
            fit(&text::preview(n), note_w),
            if state.is_match(row) {
                theme.search_match
            } else {
                theme.text
            },
        ),
        None => (fit("(no note)", note_w), theme.dim),
    };
    spans.push(Span::styled(note.0, note.1));
    Line::from(spans).style(base)
}

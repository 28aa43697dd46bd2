//! The detail pane: the whole note with the classifier's evidence highlighted, the reasons
//! with their weights, and what is known of the sender.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::text;
use crate::tui::state::{State, kind_label};
use crate::tui::theme::Theme;
use invitriage::model::{Class, Reason, Verdict};

pub fn render(frame: &mut Frame, state: &State, theme: &Theme, area: Rect, side: bool) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let block = Block::default()
        .borders(if side { Borders::LEFT } else { Borders::TOP })
        .border_style(theme.border);
    let Some(row) = state.selected_row() else {
        frame.render_widget(block, area);
        return;
    };
    let name = text::one_line(state.inv(row).counterpart_name()).into_owned();
    let block = if side {
        block
    } else {
        block.title(Span::styled(format!(" {name} "), theme.title))
    };
    frame.render_widget(block, area);
    let (inner, paragraph, max) = content(state, theme, row, area, side);
    frame.render_widget(paragraph.scroll((state.detail_scroll.min(max), 0)), inner);
}

/// The text area of the detail pane, its wrapped paragraph, and how far it can scroll (lines
/// beyond the pane). Shared by drawing and by [`super::scroll_limits`].
fn content(
    state: &State,
    theme: &Theme,
    row: usize,
    area: Rect,
    side: bool,
) -> (Rect, Paragraph<'static>, u16) {
    let inner = Block::default()
        .borders(if side { Borders::LEFT } else { Borders::TOP })
        .inner(area);
    let mut lines = detail_lines(state, theme, row);
    if side {
        let name = text::one_line(state.inv(row).counterpart_name()).into_owned();
        lines.insert(0, Line::from(Span::styled(name, theme.title)));
    }
    let pad = if side { 1 } else { 0 };
    let inner = Rect::new(
        inner.x.saturating_add(pad),
        inner.y,
        inner.width.saturating_sub(pad),
        inner.height,
    );
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let max = super::beyond(&paragraph, inner);
    (inner, paragraph, max)
}

/// How far the detail pane can scroll for the selected row at `area`.
pub fn scroll_max(state: &State, theme: &Theme, area: Rect, side: bool) -> u16 {
    match state.selected_row() {
        Some(row) if area.width > 0 && area.height > 0 => content(state, theme, row, area, side).2,
        _ => 0,
    }
}

/// ": stock, score 2" — the kind only when it says more than the class.
pub fn kind_and_score(state: &State, row: usize) -> String {
    let r = state.row(row);
    let kind = kind_label(state.kind_of(row));
    let kind = if kind == state.class_of(row).as_str() {
        String::new()
    } else {
        format!(": {kind}")
    };
    if state.is_reclassified(row) {
        // The score is the classifier's, for the class it chose, not the user's.
        let whose = if state.is_overridden(row) {
            "your reclassification"
        } else {
            "moved with a near-identical note"
        };
        format!(
            "{kind} ({whose}; the classifier said {}, score {})",
            r.auto.class.as_str(),
            r.auto.score
        )
    } else {
        format!("{kind}, score {}", r.auto.score)
    }
}

/// "+30" / "-40" / "0".
pub fn weight(w: i32) -> String {
    if w > 0 {
        format!("+{w}")
    } else {
        format!("{w}")
    }
}

/// One line per reason, weight first.
pub fn reason_lines(theme: &Theme, reasons: &[Reason], with_rule: bool) -> Vec<Line<'static>> {
    reasons
        .iter()
        .map(|r| {
            let style = if r.weight >= 0 {
                theme.weight_personal
            } else {
                theme.weight_boilerplate
            };
            Line::from(vec![
                Span::styled(format!("{:>4}  ", weight(r.weight)), style),
                Span::styled(text::one_line(&r.message).into_owned(), theme.text),
                Span::styled(
                    if with_rule {
                        format!("  {}", r.rule)
                    } else {
                        String::new()
                    },
                    theme.dim,
                ),
            ])
        })
        .collect()
}

/// The note, wrapped by the paragraph, with evidence spans highlighted.
pub fn note_lines(state: &State, theme: &Theme, row: usize) -> Vec<Line<'static>> {
    let r = state.row(row);
    match r.inv.note.filter(|n| !n.trim().is_empty()) {
        None => vec![Line::from(Span::styled("(no note)", theme.dim))],
        Some(note) => {
            let spans: Vec<_> = r
                .auto
                .reasons
                .iter()
                .filter_map(|x| x.span.clone())
                .collect();
            // The search match, where the note has it, over the classifier's evidence.
            let query = state.search().text();
            let matches = if query.is_empty() {
                Vec::new()
            } else {
                text::find_all_ci(note, query)
            };
            let mut lines = vec![Line::default()];
            for (t, mark) in text::marked(note, &spans, &matches) {
                let style = match mark {
                    text::Mark::Match => theme.search_match,
                    text::Mark::Evidence => theme.evidence,
                    text::Mark::Plain => theme.text,
                };
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        lines.push(Line::default());
                    }
                    if !part.is_empty() {
                        let part = text::multi_line(part).into_owned();
                        if let Some(l) = lines.last_mut() {
                            l.spans.push(Span::styled(part, style));
                        }
                    }
                }
            }
            lines
        }
    }
}

/// "5d ago", or for a date in the future "in 28d: dated in the future (check --tz)" in the odd
/// style.
pub fn sent_span(state: &State, theme: &Theme, row: usize) -> Span<'static> {
    let at = state.inv(row).sent_at;
    if text::is_future(at, state.now) {
        Span::styled(
            format!(
                "{}: dated in the future (the export's clock or --tz?)",
                text::relative_age(at, state.now)
            ),
            theme.odd,
        )
    } else {
        Span::styled(
            format!("{} ago", text::relative_age(at, state.now)),
            theme.text,
        )
    }
}

/// The user's override as a reason line, when there is one, or the reclassification of a
/// near-identical note the row moved with (`classify`'s reason for it, and whose note it was).
pub fn override_line(state: &State, theme: &Theme, row: usize) -> Option<Line<'static>> {
    let text = if state.is_overridden(row) {
        let class = state.class_of(row);
        format!(
            "You marked this {} (the classifier said {})",
            class.as_str(),
            class.flipped().as_str()
        )
    } else {
        let (class, from) = state.followed(row)?;
        invitriage::classify::near_duplicate_message(class, &text::one_line(from))
    };
    Some(Line::from(vec![
        Span::styled(" you  ", theme.label),
        Span::styled(text, theme.text),
    ]))
}

/// Everything the detail pane shows for a row, before wrapping.
pub fn detail_lines(state: &State, theme: &Theme, row: usize) -> Vec<Line<'static>> {
    if state.is_outgoing(row) {
        return sent_lines(state, theme, row);
    }
    let r = state.row(row);
    let inv = &r.inv;
    let mut lines = Vec::new();
    let class = state.class_of(row);
    let mut meta = vec![
        sent_span(state, theme, row),
        Span::styled(
            format!(" ({})", inv.sent_at.format("%Y-%m-%d %H:%M UTC")),
            theme.dim,
        ),
        Span::styled(" · ", theme.dim),
    ];
    if state.is_pending() {
        meta.push(Span::styled("class pending", theme.dim));
    } else {
        meta.extend([
            Span::styled(
                class.as_str(),
                if class == Class::Personal {
                    theme.personal
                } else {
                    theme.boilerplate
                },
            ),
            Span::styled(kind_and_score(state, row), theme.dim),
        ]);
    }
    meta.push(Span::styled(" · ", theme.dim));
    meta.push(if state.is_saving(row) {
        Span::styled("saving…", theme.saving)
    } else {
        match state.decision_of(row) {
            Some(d) if d.verdict == Verdict::Accept => Span::styled("accepted", theme.accept),
            Some(d) if d.verdict == Verdict::Withdraw => {
                Span::styled("marked to withdraw", theme.ignore)
            }
            Some(_) => Span::styled("ignored", theme.ignore),
            None if inv.relationship.connected => Span::styled("already connected", theme.dim),
            None => Span::styled("undecided", theme.dim),
        }
    });
    lines.push(Line::from(meta));
    lines.push(Line::default());
    lines.extend(note_lines(state, theme, row));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Why", theme.label)));
    if state.is_pending() {
        lines.push(Line::from(Span::styled(PENDING_REASONS, theme.dim)));
    } else {
        why_lines(state, theme, row, &mut lines);
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Sender", theme.label)));
    lines.extend(fact_lines(state, theme, row));
    lines
}

/// What the detail pane and the profile say of the reasons while the export still loads.
pub const PENDING_REASONS: &str =
    "(classifying: the class and its reasons come when every note is read)";

/// The user's override and the classifier's reasons.
fn why_lines(state: &State, theme: &Theme, row: usize, lines: &mut Vec<Line<'static>>) {
    let r = state.row(row);
    lines.extend(override_line(state, theme, row));
    if r.auto.reasons.is_empty() {
        lines.push(Line::from(Span::styled(
            "(the classifier gave no reasons)",
            theme.dim,
        )));
    }
    lines.extend(reason_lines(theme, &r.auto.reasons, false));
}

/// What the export knows of the other person, one labelled line each.
fn fact_lines(state: &State, theme: &Theme, row: usize) -> Vec<Line<'static>> {
    let facts = sender_facts(state, row);
    if facts.is_empty() {
        return vec![Line::from(Span::styled(
            "Only the name is known from this export",
            theme.dim,
        ))];
    }
    facts
        .into_iter()
        .map(|(label, value)| {
            Line::from(vec![
                Span::styled(format!("{label}: "), theme.dim),
                Span::styled(value, theme.text),
            ])
        })
        .collect()
}

/// The detail of a request the user sent: its age as of the export's date, whether it is
/// marked to withdraw, the note the user wrote, and what is known of the invitee.
fn sent_lines(state: &State, theme: &Theme, row: usize) -> Vec<Line<'static>> {
    let inv = state.inv(row);
    let insight = state.insight();
    let age = match insight.as_of {
        Some(d) => format!(
            "sent {} days before {d}",
            invitriage::insight::sent::age_days(&inv, d)
        ),
        None => format!("sent {} ago", text::relative_age(inv.sent_at, state.now)),
    };
    let status = if state.is_saving(row) {
        Span::styled("saving…", theme.saving)
    } else if state
        .decision_of(row)
        .is_some_and(|d| d.verdict == Verdict::Withdraw)
    {
        Span::styled("marked to withdraw", theme.ignore)
    } else {
        Span::styled("still pending", theme.dim)
    };
    let key = |name: &str| {
        state
            .keymap()
            .key_label(crate::tui::keymap::Context::Normal, name)
            .unwrap_or_default()
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(age, theme.text),
            Span::styled(
                format!(" ({}) · ", inv.sent_at.format("%Y-%m-%d")),
                theme.dim,
            ),
            status,
        ]),
        Line::default(),
        Line::from(Span::styled("Your note", theme.label)),
    ];
    lines.extend(note_lines(state, theme, row));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("To", theme.label)));
    lines.extend(fact_lines(state, theme, row));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!(
            "{} marks it to withdraw ({} undoes); {} opens LinkedIn's sent page, where it is withdrawn.",
            key("withdraw"),
            key("undo"),
            key("open_invitation_manager")
        ),
        theme.dim,
    )));
    lines
}

/// What is known of the sender, as (label, value), skipping unknowns.
pub fn sender_facts(state: &State, row: usize) -> Vec<(&'static str, String)> {
    let inv = state.inv(row);
    // The sender of a request the user sent is the user: nothing of theirs is about the invitee.
    let nobody = invitriage::model::Sender::default();
    let s = if state.is_outgoing(row) {
        &nobody
    } else {
        &inv.sender
    };
    let rel = &inv.relationship;
    let mut out = Vec::new();
    let mut push = |label, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            out.push((label, text::one_line(&v).into_owned()));
        }
    };
    push("headline", s.headline.map(str::to_string));
    push(
        "company",
        s.company
            .map(str::to_string)
            .or_else(|| rel.company.clone()),
    );
    push(
        "position",
        s.position
            .map(str::to_string)
            .or_else(|| rel.position.clone()),
    );
    push("location", s.location.map(str::to_string));
    push(
        "mutual connections",
        s.mutual_connections.map(|m| m.to_string()),
    );
    push(
        "connected since",
        rel.connected.then(|| {
            rel.connected_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "yes (date unknown)".into())
        }),
    );
    push(
        "messages",
        (rel.messages > 0).then(|| format!("{} exchanged", rel.messages)),
    );
    push(
        "endorsements",
        (rel.endorsements > 0).then(|| format!("{} from them", rel.endorsements)),
    );
    push(
        "recommendations",
        (rel.recommendations > 0).then(|| format!("{} from them", rel.recommendations)),
    );
    push("profile", inv.counterpart_url().map(str::to_string));
    out
}

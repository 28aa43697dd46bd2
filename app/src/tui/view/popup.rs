//! Popups: the profile summary, the searchable help, and the bulk confirmation dialog.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::detail::{override_line, reason_lines, weight};
use super::text::{self, names_preview};
use super::{big_popup, centered};
use crate::tui::keymap::{Context, keys_text};
use crate::tui::state::{BulkConfirm, Mode, State};
use crate::tui::theme::Theme;
use invitriage::model::Verdict;

fn frame_popup(frame: &mut Frame, theme: &Theme, area: Rect, title: String) -> Rect {
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

pub fn render_profile(frame: &mut Frame, state: &State, theme: &Theme, scroll: u16) {
    let Some(row) = state.selected_row() else {
        return;
    };
    let area = big_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let title = format!(" {} ", text::one_line(state.inv(row).counterpart_name()));
    let inner = frame_popup(frame, theme, area, title);
    let paragraph = Paragraph::new(profile_lines(state, theme, row)).wrap(Wrap { trim: false });
    let s = scroll.min(super::beyond(&paragraph, inner));
    frame.render_widget(paragraph.scroll((s, 0)), inner);
}

/// How far the open popup (profile or help) can scroll at a terminal of `screen`.
pub fn scroll_max(state: &State, theme: &Theme, screen: Rect) -> u16 {
    let area = big_popup(screen);
    if area.width < 3 || area.height < 3 {
        return 0;
    }
    let inner = Block::default().borders(Borders::ALL).inner(area);
    match &state.mode {
        Mode::Profile { .. } => match state.selected_row() {
            Some(row) => super::beyond(
                &Paragraph::new(profile_lines(state, theme, row)).wrap(Wrap { trim: false }),
                inner,
            ),
            None => 0,
        },
        Mode::Help { query, .. } => {
            let mut r = inner;
            if query.is_typing() || !query.is_empty() {
                super::take_top(&mut r, 1);
            }
            super::beyond(
                &Paragraph::new(help_lines(state, theme, query.text(), r.width))
                    .wrap(Wrap { trim: false }),
                r,
            )
        }
        _ => 0,
    }
}

fn section(lines: &mut Vec<Line<'static>>, theme: &Theme, title: &str, source: &str) {
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::from(vec![
        Span::styled(title.to_string(), theme.label),
        Span::styled(format!("  ({source})"), theme.dim),
    ]));
}

fn field(lines: &mut Vec<Line<'static>>, theme: &Theme, label: &str, value: String) {
    lines.push(Line::from(vec![
        Span::styled(format!("  {label:<20}"), theme.dim),
        Span::styled(text::one_line(&value).into_owned(), theme.text),
    ]));
}

fn empty(lines: &mut Vec<Line<'static>>, theme: &Theme, what: String) {
    lines.push(Line::from(Span::styled(format!("  {what}"), theme.dim)));
}

/// What the profile says of the export's other files while only its first rows are read.
const NOT_READ_YET: &str = "Not read yet: the export is still loading";

fn has_file(state: &State, suffix: &str) -> bool {
    state.files().iter().any(|f| {
        f.rsplit(['/', '\\', '!'])
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case(suffix))
    })
}

fn is_json(state: &State, row: usize) -> bool {
    let f = state.inv(row).source.file.to_ascii_lowercase();
    f.ends_with(".json") || f.ends_with(".jsonl")
}

/// Everything the export knows about the sender of a row, each part labeled with its source.
pub fn profile_lines(state: &State, theme: &Theme, row: usize) -> Vec<Line<'static>> {
    let r = state.row(row);
    let inv = &r.inv;
    let s = &inv.sender;
    let rel = &inv.relationship;
    let mut lines = Vec::new();

    section(&mut lines, theme, "Invitation", &inv.source.to_string());
    field(&mut lines, theme, "name", s.name.to_string());
    field(
        &mut lines,
        theme,
        "sent",
        format!(
            "{} ({})",
            inv.sent_at.format("%Y-%m-%d %H:%M UTC"),
            super::detail::sent_span(state, theme, row).content
        ),
    );
    match inv.counterpart_url() {
        Some(u) => field(&mut lines, theme, "profile URL", u.to_string()),
        None => empty(
            &mut lines,
            theme,
            "No profile URL in this export".to_string(),
        ),
    }

    let json = is_json(state, row);
    section(&mut lines, theme, "Profile", "JSON input");
    let facts: Vec<(&str, Option<String>)> = vec![
        ("headline", s.headline.map(str::to_string)),
        ("company", s.company.map(str::to_string)),
        ("position", s.position.map(str::to_string)),
        ("location", s.location.map(str::to_string)),
        (
            "mutual connections",
            s.mutual_connections.map(|m| m.to_string()),
        ),
        ("about", s.about.map(str::to_string)),
    ];
    let mut any = false;
    for (label, v) in facts {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            field(&mut lines, theme, label, v);
            any = true;
        }
    }
    if !any {
        empty(
            &mut lines,
            theme,
            if json {
                "The input has no headline, company, position, location or mutual connections for them".to_string()
            } else {
                "None: LinkedIn's CSV export has no headline, company, location or mutual connections (only JSON input does)".to_string()
            },
        );
    }

    section(&mut lines, theme, "Connection", "Connections.csv");
    if rel.connected {
        field(
            &mut lines,
            theme,
            "connected since",
            rel.connected_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "yes (no date)".to_string()),
        );
        if let Some(c) = &rel.company {
            field(&mut lines, theme, "company", c.clone());
        }
        if let Some(p) = &rel.position {
            field(&mut lines, theme, "position", p.clone());
        }
    } else if state.is_pending() {
        empty(&mut lines, theme, NOT_READ_YET.to_string());
    } else if has_file(state, "Connections.csv") {
        empty(&mut lines, theme, "Not connected yet".to_string());
    } else {
        empty(
            &mut lines,
            theme,
            "Not known: the input has no Connections.csv".to_string(),
        );
    }

    section(&mut lines, theme, "Messages", "messages.csv");
    if rel.messages > 0 {
        field(&mut lines, theme, "exchanged", rel.messages.to_string());
        if let Some(m) = &rel.last_message {
            field(
                &mut lines,
                theme,
                "last",
                format!(
                    "{} {}: \"{}\"",
                    m.at.format("%Y-%m-%d"),
                    if m.from_them { "from them" } else { "from you" },
                    m.snippet
                ),
            );
        }
    } else if state.is_pending() {
        empty(&mut lines, theme, NOT_READ_YET.to_string());
    } else if has_file(state, "messages.csv") {
        empty(&mut lines, theme, "No messages with them".to_string());
    } else {
        empty(
            &mut lines,
            theme,
            "Not known: the input has no messages.csv".to_string(),
        );
    }

    section(
        &mut lines,
        theme,
        "Endorsements and recommendations",
        "Endorsement_Received_Info.csv, Recommendations_Received.csv",
    );
    if state.is_pending() {
        empty(&mut lines, theme, NOT_READ_YET.to_string());
    } else if rel.endorsements == 0 && rel.recommendations == 0 {
        empty(&mut lines, theme, "None from them".to_string());
    } else {
        field(
            &mut lines,
            theme,
            "endorsements",
            rel.endorsements.to_string(),
        );
        field(
            &mut lines,
            theme,
            "recommendations",
            rel.recommendations.to_string(),
        );
    }

    section(
        &mut lines,
        theme,
        "Shared employer, school or contact",
        "the classifier",
    );
    // Only what the title names: a merge field or prior messages are reasons, listed under
    // Classification, not something the two of you share.
    let ctx: Vec<_> = r
        .auto
        .reasons
        .iter()
        .filter(|x| {
            matches!(
                &*x.rule,
                "context.shared_employer" | "context.shared_school" | "context.mutual_person"
            )
        })
        .collect();
    if ctx.is_empty() {
        empty(&mut lines, theme, "None found".to_string());
    }
    for c in ctx {
        field(&mut lines, theme, &weight(c.weight), c.message.to_string());
    }

    section(
        &mut lines,
        theme,
        "Other invitations from them",
        "this export",
    );
    let others = state.same_person(row);
    if others.is_empty() {
        empty(&mut lines, theme, "None".to_string());
    }
    for o in others {
        let oi = state.inv(o);
        let note = oi
            .note
            .map(|n| text::truncate(&text::one_line(n), 60))
            .unwrap_or_else(|| "(no note)".to_string());
        field(
            &mut lines,
            theme,
            &oi.sent_at.format("%Y-%m-%d").to_string(),
            note,
        );
    }

    section(&mut lines, theme, "Classification", "the classifier");
    let class = state.class_of(row);
    if state.is_pending() {
        empty(
            &mut lines,
            theme,
            super::detail::PENDING_REASONS.to_string(),
        );
    } else {
        field(
            &mut lines,
            theme,
            "class",
            format!(
                "{}{}",
                class.as_str(),
                super::detail::kind_and_score(state, row)
            ),
        );
        lines.extend(override_line(state, theme, row));
        if r.auto.reasons.is_empty() {
            empty(&mut lines, theme, "No reasons given".to_string());
        }
        lines.extend(reason_lines(theme, &r.auto.reasons, true));
    }

    section(&mut lines, theme, "Decision", "your decision log");
    if state.is_saving(row) {
        empty(&mut lines, theme, "Saving…".to_string());
    } else {
        match state.decision_of(row) {
            Some(d) => field(
                &mut lines,
                theme,
                match d.verdict {
                    Verdict::Accept => "accepted",
                    Verdict::Ignore => "ignored",
                    Verdict::Withdraw => "to withdraw",
                },
                d.decided_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            ),
            None => empty(&mut lines, theme, "No decision yet".to_string()),
        }
    }
    lines
}

/// The help entries matching `query`, grouped by context, plus an introduction when the
/// query is empty.
/// Help lines for a popup `width` cells wide: the key column wraps inside its own column and
/// the description wraps beside it, so neither runs into the other.
pub fn help_lines(state: &State, theme: &Theme, query: &str, width: u16) -> Vec<Line<'static>> {
    let q = query.to_lowercase();
    let mut lines = Vec::new();
    if q.is_empty() && state.is_pending() {
        lines.push(Line::from(Span::styled(
            "Still loading: the list shows the export's first rows, their classes pending. \
             Moving, searching, the profile, accept, ignore and undo work now; tabs, sorting, \
             filters, marks, bulk decisions, reclassifying and the overview wait for the classes."
                .to_string(),
            theme.marked,
        )));
    }
    if q.is_empty() {
        let k = |n: &str| super::key_of(state, n);
        lines.push(Line::from(Span::styled(
            "Sort your LinkedIn invitations: personal notes first, boilerplate after.",
            theme.text,
        )));
        lines.push(Line::from(Span::styled(
            format!(
                "Read the note (evidence highlighted) and the reasons; {} accepts, {} ignores, {} shows \
                 everything known about the sender. Every decision is saved at once; {} undoes. \
                 {} marks, {} / {} decide all marked (or the whole view) after a confirmation. \
                 {} flips personal/boilerplate if the classifier got it wrong. {} searches. \
                 Hand the decisions to LinkedIn with `invitriage decisions`, {} (profile) or {} \
                 (invitation manager).",
                k("accept"),
                k("ignore"),
                k("profile"),
                k("undo"),
                k("toggle_mark"),
                k("accept_all"),
                k("ignore_all"),
                k("reclassify"),
                k("search"),
                k("open_profile_url"),
                k("open_invitation_manager")
            ),
            theme.dim,
        )));
    }
    for ctx in Context::ALL {
        let entries: Vec<_> = state
            .keymap()
            .bindings(ctx)
            .filter(|(b, keys)| {
                q.is_empty()
                    || keys_text(keys).to_lowercase().contains(&q)
                    || b.name.contains(&q)
                    || b.help.to_lowercase().contains(&q)
                    || b.group.to_lowercase().contains(&q)
            })
            .collect();
        if entries.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            ctx.title().to_string(),
            theme.label,
        )));
        const KEY_W: usize = 16;
        let desc_w = (width as usize).saturating_sub(KEY_W + 3).max(12);
        for (b, keys) in entries {
            let k = text::wrap(&keys_text(keys), KEY_W);
            let d = text::wrap(b.help, desc_w);
            for i in 0..k.len().max(d.len()) {
                let key = k.get(i).map(String::as_str).unwrap_or("");
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}", text::fit(key, KEY_W)), theme.key),
                    Span::raw(" "),
                    Span::styled(d.get(i).cloned().unwrap_or_default(), theme.text),
                ]));
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("No key matches \"{}\"", text::one_line(query)),
            theme.dim,
        )));
    }
    lines
}

pub fn render_help(
    frame: &mut Frame,
    state: &State,
    theme: &Theme,
    query: &str,
    typing: bool,
    scroll: u16,
) {
    let area = big_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner = frame_popup(frame, theme, area, " Help ".to_string());
    let mut r = inner;
    if typing || !query.is_empty() {
        let line = Line::from(vec![
            Span::styled("/", theme.key),
            Span::styled(text::one_line(query).into_owned(), theme.text),
            Span::styled(if typing { "▏" } else { "" }, theme.key),
        ]);
        let top = super::take_top(&mut r, 1);
        frame.render_widget(Paragraph::new(line), top);
    }
    let paragraph =
        Paragraph::new(help_lines(state, theme, query, r.width)).wrap(Wrap { trim: false });
    let s = scroll.min(super::beyond(&paragraph, r));
    frame.render_widget(paragraph.scroll((s, 0)), r);
}

/// The text of the confirmation dialog.
pub fn confirm_lines(state: &State, theme: &Theme, bulk: &BulkConfirm) -> Vec<Line<'static>> {
    // A decision is about a person: count the invitations it covers and the people, and
    // list each person once.
    let (people, n) = state.people_of(&bulk.rows);
    let verb = match bulk.verdict {
        Verdict::Accept => "Accept",
        Verdict::Ignore => "Ignore",
        Verdict::Withdraw => "Withdraw",
    };
    let names = names_preview(
        people.iter().map(|r| state.inv(*r).counterpart_name()),
        people.len(),
    );
    let which = if bulk.marked {
        "the marked invitations".to_string()
    } else {
        match state.kind_filter() {
            Some(k) => format!(
                "everything in the {} view, only {}",
                state.tab().label(),
                crate::tui::state::kind_label(k)
            ),
            None => format!("everything in the {} view", state.tab().label()),
        }
    };
    let keys = |name: &str| {
        state
            .keymap()
            .bindings(Context::Confirm)
            .find(|(b, _)| b.name == name)
            .map(|(_, k)| keys_text(k).replace(", ", " / "))
            .unwrap_or_default()
    };
    vec![
        Line::from(Span::styled(
            format!(
                "{verb} {}?",
                crate::tui::state::invitations_phrase(n, people.len())
            ),
            theme.title,
        )),
        Line::from(Span::styled(format!("({which})"), theme.dim)),
        Line::default(),
        Line::from(Span::styled(
            text::one_line(&names).into_owned(),
            theme.text,
        )),
        Line::default(),
        Line::from(vec![
            Span::styled(keys("confirm"), theme.key),
            Span::styled(format!(" {} all {n}   ", verb.to_lowercase()), theme.text),
            Span::styled(keys("cancel"), theme.key),
            Span::styled(" cancel", theme.text),
        ]),
    ]
}

pub fn render_confirm(frame: &mut Frame, state: &State, theme: &Theme, bulk: &BulkConfirm) {
    let area = centered(frame.area(), 64, 10);
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner = frame_popup(frame, theme, area, " Confirm ".to_string());
    frame.render_widget(
        Paragraph::new(confirm_lines(state, theme, bulk)).wrap(Wrap { trim: false }),
        inner,
    );
}

/// The command palette: what is typed, then the matching actions with their keys, the
/// selected one highlighted and kept in view.
pub fn render_palette(
    frame: &mut Frame,
    state: &State,
    theme: &Theme,
    query: &str,
    selected: usize,
) {
    let area = big_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner = frame_popup(frame, theme, area, " Commands ".to_string());
    let mut r = inner;
    let top = super::take_top(&mut r, 1);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(":", theme.key),
            Span::styled(text::one_line(query).into_owned(), theme.text),
            Span::styled("▏", theme.key),
        ])),
        top,
    );
    let entries = state.keymap().palette(query);
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("No action matches \"{}\"", text::one_line(query)),
                theme.dim,
            )),
            r,
        );
        return;
    }
    let h = r.height as usize;
    let first = (selected + 1).saturating_sub(h);
    const KEY_W: usize = 12;
    let w = r.width as usize;
    let lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, (b, keys))| {
            let spans = vec![
                Span::styled(text::fit(&keys_text(keys), KEY_W), theme.key),
                Span::raw(" "),
                Span::styled(b.help.to_string(), theme.text),
            ];
            let mut spans = text::fit_spans(spans, w);
            if i == selected {
                for s in &mut spans {
                    s.style = s.style.patch(theme.selected);
                }
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), r);
}

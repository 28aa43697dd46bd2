//! Drawing: functions of the state. Pure apart from writing into the frame's buffer; every
//! size from 1x1 up renders without panicking (saturating arithmetic, clamped rects).

mod detail;
pub(crate) mod list;
mod overview;
mod popup;
mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

pub use super::layout::{Areas, big_popup, centered, layout};
pub use detail::detail_lines;
pub use popup::{confirm_lines, help_lines, profile_lines};
pub use text::{relative_age, truncate, uncertain_width};

use super::action::Action;
use super::action::ScrollLimits;
use super::layout::{take_bottom, take_top};
use super::state::{Mode, State, Tab};
use super::theme::Theme;

/// The header line: the source (when it fits), then the tabs with their column ranges, then
/// the hidden-connected count.
pub struct Header {
    pub source: String,
    pub tabs: Vec<(Tab, u16, u16, String)>,
    pub connected: String,
}

/// Lay out the header line for `width` columns.
pub fn header(state: &State, width: u16) -> Header {
    let counts = state.counts();
    let hidden = counts.connected > 0 && !state.show_connected();
    let key = key_of(state, "toggle_connected");
    let long = if hidden {
        format!("  +{} connected ({key})", counts.connected)
    } else {
        String::new()
    };
    // Narrow screens keep the number whole and drop words: "+22 (c)".
    let short = if hidden {
        format!("  +{} ({key})", counts.connected)
    } else {
        String::new()
    };
    let labels = |short: bool| -> (usize, Vec<String>) {
        let l: Vec<String> = Tab::ALL
            .iter()
            .map(|t| {
                let name = if short { t.short_label() } else { t.label() };
                // While the export loads, only All has a count: the rest need the classes.
                if state.is_pending() && *t != Tab::All {
                    format!(" {name} … ")
                } else {
                    format!(" {name} {} ", counts.of(*t))
                }
            })
            .collect();
        let w = l.iter().map(|x| text::width(x) + 1).sum::<usize>();
        (w, l)
    };
    let width = width as usize;
    let (full_w, full) = labels(false);
    let (short_w, short_tabs) = labels(true);
    let (tabs_w, tabs, connected) = if full_w + text::width(&long) <= width {
        (full_w, full, long)
    } else if short_w + text::width(&long) <= width {
        (short_w, short_tabs, long)
    } else {
        (short_w, short_tabs, short)
    };
    let room = width.saturating_sub(tabs_w + text::width(&connected));
    // The source only when it fits whole; otherwise the info line carries it.
    let src = text::one_line(state.source());
    let source = if text::width(&src) + 3 <= room {
        format!(" {src} │")
    } else {
        String::new()
    };
    let mut x = text::width(&source) as u16;
    let tabs = Tab::ALL
        .iter()
        .zip(tabs)
        .map(|(t, label)| {
            let w = text::width(&label) as u16;
            let out = (*t, x, x.saturating_add(w), label);
            x = x.saturating_add(w).saturating_add(1);
            out
        })
        .collect();
    Header {
        source,
        tabs,
        connected,
    }
}

/// The tab labels and their column ranges on the tab line.
pub fn tab_labels(state: &State, width: u16) -> Vec<(Tab, u16, u16, String)> {
    header(state, width).tabs
}

/// The tab under a column of the tab line.
pub fn tab_at(state: &State, tabs: Rect, column: u16) -> Option<Tab> {
    let x = column.checked_sub(tabs.x)?;
    tab_labels(state, tabs.width)
        .into_iter()
        .find(|(_, a, b, _)| x >= *a && x < *b)
        .map(|(t, ..)| t)
}

/// What a click at a cell means: a tab of the header, or a click for `update` to place.
pub fn click_action(state: &State, column: u16, row: u16) -> Action {
    let tabs = state.areas().tabs;
    if row == tabs.y && tabs.height > 0 {
        if let Some(tab) = tab_at(state, tabs, column) {
            return Action::SelectTab(tab);
        }
    }
    Action::Click { column, row }
}

/// Lines of a wrapped paragraph beyond the height of `area`: the furthest it can scroll.
fn beyond(p: &Paragraph<'_>, area: Rect) -> u16 {
    if area.width == 0 {
        return 0;
    }
    let n = p.line_count(area.width);
    n.saturating_sub(area.height as usize)
        .min(u16::MAX as usize) as u16
}

/// How far each scrollable pane can scroll at the state's size: measured on the text as drawn
/// (wrapped), so `update` can clamp every offset (the loop feeds this back after drawing).
pub fn scroll_limits(state: &State, theme: &Theme) -> ScrollLimits {
    let (w, h) = state.size();
    let screen = Rect::new(0, 0, w, h);
    let a = layout(screen);
    ScrollLimits {
        detail: a
            .detail
            .map_or(0, |d| detail::scroll_max(state, theme, d, a.side_by_side)),
        popup: popup::scroll_max(state, theme, screen),
    }
}

/// Draw the whole app.
pub fn render(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let a = layout(area);
    render_tabs(frame, state, theme, a.tabs);
    render_info(frame, state, theme, a.info);
    list::render_header(frame, state, theme, a.list_header);
    list::render(frame, state, theme, a.list);
    if let Some(d) = a.detail {
        detail::render(frame, state, theme, d, a.side_by_side);
    }
    render_status(frame, state, theme, a.status);
    render_hints(frame, state, theme, a.hints);
    match &state.mode {
        Mode::Profile { scroll } => popup::render_profile(frame, state, theme, *scroll),
        Mode::Help { query, scroll } => popup::render_help(
            frame,
            state,
            theme,
            query.text(),
            query.is_typing(),
            *scroll,
        ),
        Mode::Confirm(bulk) => popup::render_confirm(frame, state, theme, bulk),
        Mode::Overview { cluster } => overview::render(frame, state, theme, *cluster),
        Mode::Palette { query, selected } => {
            popup::render_palette(frame, state, theme, query.text(), *selected)
        }
        Mode::Normal => {}
    }
}

fn render_tabs(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let h = header(state, area.width);
    let mut spans = vec![Span::styled(h.source, theme.title)];
    for (i, (tab, _, _, label)) in h.tabs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("·", theme.dim));
        }
        let style = if tab == state.tab() {
            theme.tab_active
        } else {
            theme.tab
        };
        spans.push(Span::styled(label, style));
    }
    spans.push(Span::styled(h.connected, theme.dim));
    let spans = text::fit_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key of a list action for hints; nothing when the user unbound it.
pub(super) fn key_of(state: &State, name: &str) -> String {
    state
        .keymap()
        .key_label(super::keymap::Context::Normal, name)
        .unwrap_or_default()
}

fn render_info(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    let mut spans = Vec::new();
    if header(state, area.width).source.is_empty() {
        spans.push(Span::styled(
            text::one_line(state.source()).into_owned(),
            theme.title,
        ));
        spans.push(Span::styled(" · ", theme.dim));
    }
    // Filters first: they change what the list means.
    if state.only_new() {
        spans.push(Span::styled("only new · ", theme.text));
    }
    if let Some(c) = state.cluster_filter() {
        spans.push(Span::styled(format!("cluster #{c} · "), theme.text));
    }
    if let Some(since) = state.since_line() {
        spans.push(Span::styled(since, theme.marked));
        spans.push(Span::styled(" · ", theme.dim));
    }
    if state.tab() == Tab::Sent && state.insight().sent_known {
        spans.push(Span::styled(
            state.insight().sent_summary.describe(),
            theme.text,
        ));
        spans.push(Span::styled(" · ", theme.dim));
    }
    spans.extend([
        Span::styled("sorted by ", theme.dim),
        Span::styled(
            if state.tab() == Tab::Sent && state.sort() == super::state::SortOrder::MostPersonal {
                "oldest"
            } else {
                state.sort().label()
            },
            theme.text,
        ),
    ]);
    if let Some(k) = state.kind_filter() {
        spans.push(Span::styled(" · only ", theme.dim));
        spans.push(Span::styled(super::state::kind_label(k), theme.text));
    }
    if !state.search().is_empty() {
        spans.push(Span::styled(" · search ", theme.dim));
        spans.push(Span::styled(
            format!(
                "\"{}\" ({})",
                text::one_line(state.search().text()),
                state.matches().len()
            ),
            theme.text,
        ));
    }
    if state.show_connected() && state.counts().connected > 0 {
        spans.push(Span::styled(
            format!(" · showing {} connected", state.counts().connected),
            theme.dim,
        ));
    }
    if !state.marks().is_empty() {
        spans.push(Span::styled(
            format!(" · {} marked", state.marks().len()),
            theme.marked,
        ));
    }
    let spans = text::fit_spans(spans, area.width as usize);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    // The position counter always shows at the right; a message or the search being typed
    // sits left of it (cut with "…" when both do not fit, the counter going last).
    let len = state.visible().len();
    let pos = if len == 0 { 0 } else { state.selected() + 1 };
    let counter = format!("{pos}/{len} in {}", state.tab().label());
    let left: Vec<Span<'static>> = if state.mode == Mode::Normal && state.search().is_typing() {
        let n = state.matches().len();
        vec![
            Span::styled("/", theme.key),
            Span::styled(
                text::one_line(state.search().text()).into_owned(),
                theme.text,
            ),
            Span::styled("▏", theme.key),
            Span::styled(
                format!("  {n} match{}", if n == 1 { "" } else { "es" }),
                theme.dim,
            ),
        ]
    } else if let Some(s) = &state.status {
        vec![Span::styled(
            text::one_line(&s.text).into_owned(),
            if s.error {
                theme.status_error
            } else {
                theme.status
            },
        )]
    } else {
        // The Sent tab's own keys, which the footer (shared by every tab) leaves out.
        if state.tab() == Tab::Sent && !state.visible().is_empty() {
            vec![Span::styled(
                format!(
                    "{} withdraw · {} all · {} LinkedIn's sent page",
                    key_of(state, "withdraw"),
                    key_of(state, "withdraw_all"),
                    key_of(state, "open_invitation_manager")
                ),
                theme.dim,
            )]
        } else {
            Vec::new()
        }
    };
    let w = area.width as usize;
    let cw = text::width(&counter);
    let lw: usize = left.iter().map(|s| text::width(&s.content)).sum();
    let mut spans = Vec::new();
    if left.is_empty() {
        spans.push(Span::styled(counter, theme.dim));
    } else if lw + 2 + cw <= w {
        spans.extend(left);
        spans.push(Span::raw(" ".repeat(w - lw - cw)));
        spans.push(Span::styled(counter, theme.dim));
    } else if w >= cw + 2 + 12 {
        spans.extend(text::fit_spans(left, w - cw - 2));
        spans.push(Span::raw("  "));
        spans.push(Span::styled(counter, theme.dim));
    } else {
        spans.extend(text::fit_spans(left, w));
    }
    frame.render_widget(Paragraph::new(Line::from(text::fit_spans(spans, w))), area);
}

fn render_hints(frame: &mut Frame, state: &State, theme: &Theme, area: Rect) {
    if area.height == 0 {
        return;
    }
    // While the export loads, its gauge takes the hints' line (`?` still lists every key).
    if let Some(p) = state.pending_load() {
        render_load_gauge(frame, state, theme, area, p);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    let max = area.width as usize;
    for (key, label) in state.keymap().hints(state.context()) {
        let w = text::width(&key) + 1 + text::width(label) + 2;
        if used + w > max + 2 {
            break;
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {label}  "), theme.dim));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The one-line gauge under a list drawn from the first rows of an export still loading.
fn render_load_gauge(
    frame: &mut Frame,
    state: &State,
    theme: &Theme,
    area: Rect,
    p: super::action::LoadProgress,
) {
    let shown = state.rows().len();
    // What the list is, and where to read what works meanwhile (the gauge hides the hints).
    let help = key_of(state, "help");
    let tail = if help.is_empty() {
        format!("showing the first {shown}")
    } else {
        format!("showing the first {shown}; {help} help")
    };
    let (ratio, label) = if p.classifying {
        (1.0, format!("Classifying every invitation… ({tail})"))
    } else if p.total == 0 {
        (
            0.0,
            format!("Loading… {} read ({tail})", human_bytes(p.done)),
        )
    } else {
        let ratio = (p.done as f64 / p.total as f64).clamp(0.0, 1.0);
        (
            ratio,
            format!(
                "Loading {:.0}%  {} of {} ({tail})",
                ratio * 100.0,
                human_bytes(p.done),
                human_bytes(p.total)
            ),
        )
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge)
            .ratio(ratio)
            .label(text::fit(&label, area.width as usize)),
        area,
    );
}

/// Progress of a load, for the loading screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    pub source: String,
    pub done: u64,
    pub total: u64,
    /// What is happening: "Reading", "Classifying", "Cancelling".
    pub phase: String,
}

/// Draw the loading screen: a gauge and how to cancel.
pub fn render_loading(frame: &mut Frame, loading: &Loading, theme: &Theme) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let box_ = centered(area, 60, 5);
    let mut r = box_;
    let title = take_top(&mut r, 1);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{} ", loading.phase), theme.title),
            Span::styled(text::one_line(&loading.source), theme.text),
        ])),
        title,
    );
    let gap = if r.height >= 3 { 1 } else { 0 };
    let _ = take_top(&mut r, gap);
    let gauge = take_top(&mut r, 1);
    let ratio = if loading.total == 0 {
        0.0
    } else {
        (loading.done as f64 / loading.total as f64).clamp(0.0, 1.0)
    };
    let label = if loading.total == 0 {
        "…".to_string()
    } else {
        format!(
            "{:.0}%  {} of {}",
            ratio * 100.0,
            human_bytes(loading.done),
            human_bytes(loading.total)
        )
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge)
            .ratio(ratio)
            .label(label),
        gauge,
    );
    let help = take_bottom(&mut r, 1);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("esc", theme.key),
            Span::styled(" cancel", theme.dim),
        ])),
        help,
    );
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

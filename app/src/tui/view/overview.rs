//! The Overview screen: the inbox per month as a picture (ratatui `BarChart` of incoming and
//! outgoing, a `Sparkline` per kind), the acceptance of the user's own requests, the median
//! time to acceptance, and the largest template clusters (one selectable, to filter the list).
//! Pure drawing of [`crate::tui::state::Insight`]; every size renders without panicking.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Clear, Paragraph, Sparkline};

use super::{big_popup, take_top, text};
use crate::tui::keymap::Context;
use crate::tui::state::{State, kind_label};
use crate::tui::theme::Theme;
use invitriage::model::Kind;

/// The summary lines above the charts.
pub fn summary_lines(state: &State, theme: &Theme) -> Vec<Line<'static>> {
    let m = &state.insight().monthly;
    let incoming: u64 = m.months.iter().map(|r| r.incoming).sum();
    let with_note: u64 = m.months.iter().map(|r| r.incoming_with_note).sum();
    let accepted: u64 = m.months.iter().map(|r| r.incoming_accepted).sum();
    let days = |d: Option<f64>, n: u64| match d {
        Some(d) => format!("median {d:.1} days to accept ({n} dated)"),
        None => "no Connected On dates".to_string(),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("Incoming ", theme.label),
        Span::styled(
            format!(
                "{incoming} · {with_note} with a note · {accepted} accepted · {}",
                days(m.incoming_median_days_to_accept, m.incoming_timed)
            ),
            theme.text,
        ),
    ])];
    let sent = match (m.sent_accepted, m.sent_acceptance_rate) {
        (Some(a), Some(rate)) => format!(
            "{} · {a} accepted ({:.0}%) · {}",
            m.sent,
            rate * 100.0,
            days(m.sent_median_days_to_accept, m.sent_timed)
        ),
        _ if !m.has_connections => format!(
            "{} · acceptance unknown: this input has no Connections.csv",
            m.sent
        ),
        _ => format!("{}", m.sent),
    };
    lines.push(Line::from(vec![
        Span::styled("Sent     ", theme.label),
        Span::styled(sent, theme.text),
    ]));
    if state.insight().sent_known && state.insight().sent_summary.total > 0 {
        let as_of = state
            .insight()
            .as_of
            .map(|d| format!(" (as of {d})"))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled("Pending  ", theme.label),
            Span::styled(
                format!("{}{as_of}", state.insight().sent_summary.describe()),
                theme.text,
            ),
        ]));
    }
    lines
}

pub fn render(frame: &mut Frame, state: &State, theme: &Theme, selected_cluster: usize) {
    let area = big_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Overview ", theme.title));
    let mut r = block.inner(area);
    frame.render_widget(block, area);
    let m = &state.insight().monthly;

    let summary = summary_lines(state, theme);
    let top = take_top(&mut r, summary.len() as u16);
    frame.render_widget(Paragraph::new(summary), top);
    if m.months.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No invitations in this export.", theme.dim)),
            r,
        );
        return;
    }
    let _ = take_top(&mut r, 1);

    // Bars: two per month (incoming, outgoing) and a gap; only the latest months that fit.
    let (bar_w, gap) = if r.width >= 110 { (3u16, 2u16) } else { (2, 1) };
    let per_month = bar_w * 2 + gap;
    let fit = (r.width / per_month.max(1)).max(1) as usize;
    let shown = &m.months[m.months.len().saturating_sub(fit)..];
    let kinds_h = Kind::ALL.len() as u16;
    let clusters_h = 1 + m.clusters.len().clamp(1, 5) as u16;
    let legend_h = 1;
    let chart_h = r
        .height
        .saturating_sub(kinds_h + clusters_h + legend_h + 1)
        .clamp(0, 16);
    if chart_h >= 4 {
        let legend = take_top(&mut r, legend_h);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Per month  ", theme.label),
                Span::styled("■ incoming", theme.personal),
                Span::styled("  ", theme.dim),
                Span::styled("■ outgoing", theme.boilerplate),
                Span::styled(
                    format!(
                        "  ({} to {}, UTC)",
                        shown[0].month,
                        shown[shown.len() - 1].month
                    ),
                    theme.dim,
                ),
            ])),
            legend,
        );
        let chart = take_top(&mut r, chart_h);
        let groups: Vec<BarGroup<'static>> = shown
            .iter()
            .map(|row| {
                // "2026-11" -> "11"; January shows the year ("'26") so the axis stays readable.
                let label = if row.month.ends_with("-01") {
                    format!("'{}", &row.month[2..4])
                } else {
                    row.month[5..].to_string()
                };
                BarGroup::new([
                    Bar::new(row.incoming).style(theme.personal),
                    Bar::new(row.outgoing).style(theme.boilerplate),
                ])
                .label(Line::from(label))
            })
            .collect();
        let mut bars = BarChart::grouped(groups)
            .bar_width(bar_w)
            .bar_gap(0)
            .group_gap(gap)
            .value_style(theme.dim)
            .label_style(theme.dim);
        bars = bars.max(
            shown
                .iter()
                .map(|r| r.incoming.max(r.outgoing))
                .max()
                .unwrap_or(1)
                .max(1),
        );
        frame.render_widget(bars, chart);
    }

    // One sparkline per kind of incoming note, same months as the bars.
    let label_w = 10u16;
    for kind in Kind::ALL {
        if r.height <= clusters_h.min(r.height.saturating_sub(1)) {
            break;
        }
        let line = take_top(&mut r, 1);
        let values: Vec<u64> = shown.iter().map(|m| m.incoming_by_kind.get(kind)).collect();
        let total: u64 = m.months.iter().map(|m| m.incoming_by_kind.get(kind)).sum();
        let label = Rect::new(line.x, line.y, label_w.min(line.width), 1);
        frame.render_widget(
            Paragraph::new(Span::styled(kind_label(kind).to_string(), theme.label)),
            label,
        );
        let total_w = 6u16;
        let spark_w = line.width.saturating_sub(label_w + total_w);
        let spark_w = spark_w.min(values.len() as u16 * per_month);
        if spark_w > 0 {
            // Stretch each month to the width of its bar group, so columns line up.
            let per = (spark_w as usize / values.len().max(1)).max(1);
            let data: Vec<u64> = values
                .iter()
                .flat_map(|v| std::iter::repeat_n(*v, per))
                .collect();
            frame.render_widget(
                Sparkline::default()
                    .data(&data)
                    .style(if kind == Kind::Personal {
                        theme.personal
                    } else {
                        theme.boilerplate
                    }),
                Rect::new(line.x + label_w, line.y, spark_w, 1),
            );
        }
        let tx = line.x + label_w + spark_w + 1;
        if tx < line.right() {
            frame.render_widget(
                Paragraph::new(Span::styled(format!("{total}"), theme.dim)),
                Rect::new(tx, line.y, line.right() - tx, 1),
            );
        }
    }

    if r.height == 0 {
        return;
    }
    let title = take_top(&mut r, 1);
    let enter = state
        .keymap()
        .key_for(Context::Overview, "filter_cluster")
        .map(|k| k.to_string())
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Template clusters", theme.label),
            Span::styled(
                if m.clusters.is_empty() {
                    "  none: no template note came from two or more people".to_string()
                } else {
                    format!("  (largest first; {enter} shows one in the list)")
                },
                theme.dim,
            ),
        ])),
        title,
    );
    let rows = r.height as usize;
    let start = selected_cluster.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line<'static>> = m
        .clusters
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .map(|(i, c)| {
            let sel = i == selected_cluster;
            let head = format!(
                "{} {:>2}. {:>4}×  ",
                if sel { "›" } else { " " },
                c.rank,
                c.size
            );
            let room = (r.width as usize).saturating_sub(text::width(&head));
            Line::from(vec![
                Span::styled(head, if sel { theme.selected } else { theme.dim }),
                Span::styled(
                    text::fit(&text::one_line(&c.sample), room),
                    if sel { theme.selected } else { theme.text },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), r);
}

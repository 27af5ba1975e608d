//! Views drawn over the panes: the detail view of one item (`Enter`) and the
//! list of every error and warning (`!`), both whole — wrapped, never cut —
//! and scrollable; the trend view (`T`, drawn by [`super::trend`]); and the
//! popup frame they and the help share.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::common::{area as to_area, paint, plural, styled, width, wrap};
use super::theme::Theme;
use crate::app::{App, Overlay, Regions, Target};
use crate::view::detail::detail;

/// How a popup is scrolled.
#[derive(Debug, Clone, Copy)]
pub enum Scroll {
    /// From this (wrapped) line.
    From(usize),
    /// So that this line (before wrapping) is in sight, near the top.
    Show(usize),
}

/// A popup's content.
pub struct Popup {
    pub title: String,
    pub hint: &'static str,
    pub lines: Vec<Line<'static>>,
    /// The first line shown, or the line to keep in sight.
    pub scroll: Scroll,
    pub max_width: u16,
    /// Where a wrapped line's continuation starts.
    pub wrap_indent: usize,
}

/// Draws a popup centred in `area`: its lines wrapped to its width and
/// scrolled, `… N more lines` at the bottom when cut.
pub fn popup(frame: &mut Frame, area: Rect, theme: &Theme, regions: &RefCell<Regions>, p: Popup) {
    let w = p.max_width.min(area.width.saturating_sub(4)).max(20);
    let inner_w = usize::from(w.saturating_sub(2));
    let (lines, starts) = wrap_lines(p.lines, inner_w, p.wrap_indent);
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3);
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(h),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, rect, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(w),
        Constraint::Fill(1),
    ])
    .areas(row);
    let page = usize::from(h.saturating_sub(2));
    let max_scroll = lines.len().saturating_sub(page);
    let first = match p.scroll {
        Scroll::From(k) => k,
        Scroll::Show(k) => starts.get(k).copied().unwrap_or(0).saturating_sub(2),
    }
    .min(max_scroll);
    let below = lines.len().saturating_sub(first + page);
    let mut bottom = vec![];
    if below > 0 {
        bottom.push(styled(
            format!(" … {} (j) ", plural(below, "more line", "more lines")),
            theme.unknown,
        ));
    } else if first > 0 {
        bottom.push(styled(
            format!(" {} above (k) ", plural(first, "line", "lines")),
            theme.dim,
        ));
    }
    bottom.push(styled(p.hint, theme.dim));
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focused)
        .title(styled(p.title, theme.title))
        .title_bottom(Line::from(bottom).alignment(Alignment::Right))
        .style(theme.base);
    frame.render_widget(Clear, rect);
    let shown: Vec<Line> = lines.into_iter().skip(first).take(page).collect();
    frame.render_widget(Paragraph::new(shown).block(block), rect);
    regions
        .borrow_mut()
        .push(to_area(rect), Target::View { page, max_scroll });
}

/// Lines wrapped to `max` cells, a continuation indented by `indent`; the
/// style of a line's last span carries over. Also where each line starts.
fn wrap_lines(
    lines: Vec<Line<'static>>,
    max: usize,
    indent: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for line in lines {
        starts.push(out.len());
        let line_style = line.style;
        if line.width() <= max {
            out.push(line);
            continue;
        }
        // The lead spans (a label) stay on the first row; the last span
        // wraps below them.
        let mut spans = line.spans;
        let last = spans.pop().unwrap_or_default();
        let lead: usize = spans.iter().map(Span::width).sum();
        let style = last.style;
        let indent = indent.min(lead).min(max / 2);
        let room_first = max.saturating_sub(lead).max(1);
        let room_rest = max.saturating_sub(indent).max(1);
        let mut parts = wrap(&last.content, room_first);
        let rest = if parts.len() > 1 {
            wrap(&parts[1..].join(" "), room_rest)
        } else {
            Vec::new()
        };
        parts.truncate(1);
        spans.push(Span::styled(parts.remove(0), style));
        out.push(Line::from(spans).style(line_style));
        for part in rest {
            out.push(
                Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::styled(part, style),
                ])
                .style(line_style),
            );
        }
    }
    (out, starts)
}

/// The view open over the panes, if any.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, regions: &RefCell<Regions>) {
    match app.overlay() {
        Some(Overlay::Detail { item, scroll }) => {
            let Some(view) = app.view() else { return };
            let Some(d) = detail(view, item) else {
                let lines = vec![Line::from(" it is no longer in the file")];
                let p = Popup {
                    title: " Gone ".to_owned(),
                    hint: " Esc back ",
                    lines,
                    scroll: Scroll::From(0),
                    max_width: 60,
                    wrap_indent: 1,
                };
                return popup(frame, area, theme, regions, p);
            };
            let label_w = d.lines.iter().map(|l| width(l.label)).max().unwrap_or(0);
            let lines = d
                .lines
                .iter()
                .map(|l| {
                    Line::from(vec![
                        styled(format!(" {:>label_w$}  ", l.label), theme.dim),
                        styled(l.text.clone(), theme.tone(l.tone)),
                    ])
                })
                .collect();
            popup(
                frame,
                area,
                theme,
                regions,
                Popup {
                    title: format!(" {} ", d.title),
                    hint: " j k scroll · e edit · Esc back ",
                    lines,
                    scroll: Scroll::From(*scroll),
                    max_width: 100,
                    wrap_indent: label_w + 3,
                },
            );
        }
        Some(Overlay::Problems { selected }) => {
            let problems = app.problems();
            let at_w = problems.iter().map(|p| width(&p.at())).max().unwrap_or(0);
            let mut lines = Vec::new();
            for (k, p) in problems.iter().enumerate() {
                let sel = k == *selected;
                let tone = if p.error { theme.fail } else { theme.unknown };
                let row = if sel { theme.selected } else { Style::new() };
                let lead = format!(
                    "{} {:<7} {:>at_w$}  ",
                    if sel { "›" } else { " " },
                    p.severity(),
                    p.at()
                );
                lines.push(
                    Line::from(vec![
                        Span::styled(lead, paint(tone, sel)),
                        Span::styled(p.text.clone(), paint(theme.base, sel)),
                    ])
                    .style(row),
                );
            }
            let title = format!(" {} ", crate::view::diagnostics::count_phrase(problems));
            popup(
                frame,
                area,
                theme,
                regions,
                Popup {
                    title,
                    hint: " j k select · e edit at its line · Esc back ",
                    lines,
                    scroll: Scroll::Show(*selected),
                    max_width: 120,
                    wrap_indent: at_w + 12,
                },
            );
        }
        Some(Overlay::Trend { selected, open }) => {
            super::trend::draw(app, theme, frame, area, regions, (*selected, *open));
        }
        None => {}
    }
}

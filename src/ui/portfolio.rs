//! The portfolio frame (docs/portfolio.md, "The dashboard"): the
//! portfolio's headline — verdict, completion, P50/P85, the chance every
//! target is met, the bottleneck — above a table of a row per project,
//! each row coloured by its chance, and the key bar. The columns that do
//! not fit go, least telling first (P50, claimed, gates, move, target);
//! the name, status, completion, P85 and chance always stay. Every word
//! comes from the [`PortfolioView`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::common::{
    fit, fit_phrases, pane_block, scroll_hint, selected_row, span, title, width, window_start,
};
use super::theme::Theme;
use crate::view::portfolio::{PortfolioView, ProjectRow};

/// What the frame shows beside the view.
#[derive(Debug, Clone, Copy, Default)]
pub struct State {
    /// The selected row.
    pub selected: usize,
    /// Rows still being computed (the dashboard shows rows as they come).
    pub pending: usize,
}

/// A column: heading, its cell of a row, right-aligned, and the order it
/// goes in when the width runs out (0: never).
struct Column {
    heading: &'static str,
    cell: fn(&ProjectRow) -> String,
    right: bool,
    drop: u8,
}

const COLUMNS: [Column; 10] = [
    Column {
        heading: "Project",
        cell: |r| r.name.clone(),
        right: false,
        drop: 0,
    },
    Column {
        heading: "Status",
        cell: |r| r.status.to_owned(),
        right: false,
        drop: 0,
    },
    Column {
        heading: "Done",
        cell: |r| r.completion.clone(),
        right: true,
        drop: 0,
    },
    Column {
        heading: "Claimed",
        cell: |r| match (&r.claimed, &r.false_green) {
            (Some(c), Some(_)) => format!("{} ⚠", c.trim_start_matches("claimed ")),
            (Some(c), None) => c.trim_start_matches("claimed ").to_owned(),
            (None, _) => crate::view::portfolio::NONE.to_owned(),
        },
        right: true,
        drop: 2,
    },
    Column {
        heading: "Gates",
        cell: |r| r.gates.clone(),
        right: true,
        drop: 3,
    },
    Column {
        heading: "P50",
        cell: |r| r.p50.clone(),
        right: false,
        drop: 1,
    },
    Column {
        heading: "P85",
        cell: |r| r.p85.clone(),
        right: false,
        drop: 0,
    },
    Column {
        heading: "Target",
        cell: |r| r.target.clone(),
        right: false,
        drop: 5,
    },
    Column {
        heading: "Chance",
        cell: |r| r.chance.clone(),
        right: true,
        drop: 0,
    },
    Column {
        heading: "Moved",
        cell: |r| r.moved.clone(),
        right: true,
        drop: 4,
    },
];

/// The narrowest the project column gets before other columns go.
const MIN_NAME: usize = 14;

/// Draws the portfolio in `area`.
pub fn draw(frame: &mut Frame, area: Rect, v: &PortfolioView, state: State, theme: &Theme) {
    frame.render_widget(Paragraph::new("").style(theme.base), area);
    // The selected project's shared people, one line each (at most 3,
    // while the table keeps 3 rows).
    let shared = v
        .rows
        .get(state.selected)
        .map_or(&[][..], |r| &r.shared[..]);
    let room = usize::from(area.height).saturating_sub(3 + 3 + 1 + 3);
    let shown = shared.len().min(3).min(room);
    let [head, table, people, keys] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(shown as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    headline(frame, head, v, theme);
    rows(frame, table, v, state, theme);
    let max = usize::from(people.width).saturating_sub(1);
    let lines: Vec<Line> = shared
        .iter()
        .take(shown)
        .map(|s| Line::from(Span::styled(format!(" {}", fit(s, max)), theme.base)))
        .collect();
    frame.render_widget(Paragraph::new(lines), people);
    let bar = "↑↓ select · Enter open · Esc back · q quit";
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(bar, usize::from(keys.width)),
            theme.dim,
        ))),
        keys,
    );
}

fn headline(frame: &mut Frame, area: Rect, v: &PortfolioView, theme: &Theme) {
    let max = usize::from(area.width);
    let badge_style = if v.ready {
        theme.ready
    } else {
        theme.not_ready
    };
    let first = Line::from(vec![
        Span::styled(format!(" {} ", v.badge), badge_style),
        Span::raw(" "),
        Span::styled(
            fit(&v.title, max.saturating_sub(width(v.badge) + 3)),
            theme.title,
        ),
    ]);
    let second = fit_phrases(
        &[v.completion.clone(), v.counts.clone(), v.as_of.clone()],
        &[0, 1, 2],
        " · ",
        max.saturating_sub(1),
    );
    let mut third = vec![Span::raw(" "), Span::styled(v.when.clone(), theme.base)];
    let mut used = 1 + width(&v.when);
    for (text, style) in [
        (v.chance.as_deref(), theme.tone(v.chance_tone)),
        (v.bottleneck.as_deref(), theme.base),
    ] {
        if let Some(text) = text
            && used + 3 + width(text) <= max
        {
            third.push(Span::styled(" · ", theme.dim));
            third.push(Span::styled(text.to_owned(), style));
            used += 3 + width(text);
        }
    }
    let lines = vec![
        first,
        Line::from(Span::styled(format!(" {second}"), theme.base)),
        Line::from(third),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

fn rows(frame: &mut Frame, area: Rect, v: &PortfolioView, state: State, theme: &Theme) {
    let max = usize::from(area.width);
    let extra = if state.pending > 0 {
        format!("{} computing…", state.pending)
    } else {
        String::new()
    };
    let block = pane_block(title("Projects", &extra, max, theme), true, theme);
    let inner = block.inner(area);
    let cells: Vec<Vec<String>> = v
        .rows
        .iter()
        .map(|r| COLUMNS.iter().map(|c| (c.cell)(r)).collect())
        .collect();
    let natural: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(k, c)| {
            cells
                .iter()
                .map(|row| width(&row[k]))
                .chain([width(c.heading)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // The marker column, then a space between columns.
    let available = usize::from(inner.width).saturating_sub(1);
    let mut shown: Vec<usize> = (0..COLUMNS.len()).collect();
    let total = |shown: &[usize], name: usize| -> usize {
        shown
            .iter()
            .map(|&k| if k == 0 { name } else { natural[k] })
            .sum::<usize>()
            + shown.len()
    };
    for level in 1..=5u8 {
        if total(&shown, natural[0].min(MIN_NAME.max(width("Project")))) <= available {
            break;
        }
        shown.retain(|&k| COLUMNS[k].drop != level);
    }
    let others = total(&shown, 0);
    let name_width = available.saturating_sub(others).min(natural[0]).max(4);
    let widths: Vec<Constraint> = std::iter::once(Constraint::Length(1))
        .chain(
            shown
                .iter()
                .map(|&k| Constraint::Length(if k == 0 { name_width } else { natural[k] } as u16)),
        )
        .collect();
    let header = Row::new(
        std::iter::once(Cell::from("")).chain(shown.iter().map(|&k| {
            Cell::from(align(
                COLUMNS[k].heading,
                natural_or(k, name_width, &natural),
                COLUMNS[k].right,
            ))
        })),
    )
    .style(theme.heading);
    let visible = usize::from(inner.height).saturating_sub(1);
    let first = window_start(v.rows.len(), state.selected, visible);
    let body: Vec<Row> = v
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, r)| {
            let selected = i == state.selected;
            let tone: Style = theme.tone(r.tone);
            let row_cells: Vec<Cell> = shown
                .iter()
                .map(|&k| {
                    let w = natural_or(k, name_width, &natural);
                    let text = align(&fit(&cells[i][k], w), w, COLUMNS[k].right);
                    Cell::from(span(text, tone, selected))
                })
                .collect();
            selected_row(row_cells, selected, theme)
        })
        .collect();
    let mut block = block;
    if let Some(hint) = scroll_hint(first, body.len(), v.rows.len(), theme) {
        block = block.title_bottom(hint);
    }
    frame.render_widget(Table::new(body, widths).header(header).block(block), area);
}

fn natural_or(k: usize, name: usize, natural: &[usize]) -> usize {
    if k == 0 { name } else { natural[k] }
}

/// `text` padded to `w` cells on the left or the right.
fn align(text: &str, w: usize, right: bool) -> String {
    let pad = " ".repeat(w.saturating_sub(width(text)));
    if right {
        format!("{pad}{text}")
    } else {
        format!("{text}{pad}")
    }
}

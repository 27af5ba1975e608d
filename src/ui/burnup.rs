//! The burn-up pane: tasks done over time, from the `done` dates, as a
//! sparkline scaled to the whole scope (a full column means every task done),
//! with its first and last dates below when there is room.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use super::Ctx;
use super::common::{empty_pane, pane_block, styled, title, width};
use crate::manifest::Status;
use crate::model::Snapshot;

/// Done tasks over time: one value per column, the count done by the end of
/// the column's days.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnUp {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Days each column covers.
    pub days_per_column: i64,
    pub values: Vec<u64>,
    /// Tasks that count (not dropped).
    pub scope: u64,
    pub done: u64,
    /// Done in the 7 days up to today.
    pub last_week: u64,
}

/// The series for `columns` columns; `None` without a dated done task.
pub fn series(s: &Snapshot, columns: usize) -> Option<BurnUp> {
    let m = &s.manifest;
    let scope = m
        .tasks
        .iter()
        .filter(|t| t.status != Status::Dropped)
        .count() as u64;
    let done_tasks = || m.tasks.iter().filter(|t| t.status == Status::Done);
    let done = done_tasks().count() as u64;
    let mut dates: Vec<NaiveDate> = done_tasks().filter_map(|t| t.done).collect();
    dates.sort_unstable();
    let (&first, &latest) = (dates.first()?, dates.last()?);
    let undated = done - dates.len() as u64;
    let last = latest.max(s.today);
    let days = (last - first).num_days() + 1;
    let columns = columns.max(1) as i64;
    let per = (days + columns - 1) / columns;
    let count = (days + per - 1) / per;
    let mut values = Vec::with_capacity(count as usize);
    let mut k = 0;
    for c in 0..count {
        let end = first + chrono::Duration::days((c + 1) * per - 1);
        while k < dates.len() && dates[k] <= end {
            k += 1;
        }
        values.push(undated + k as u64);
    }
    // Fewer days than columns: stretch the days over the whole width, so the
    // chart spans the pane rather than its left edge.
    if count < columns {
        let daily = values;
        values = (0..columns)
            .map(|c| daily[(c * count / columns) as usize])
            .collect();
    }
    let week_start = s.today - chrono::Duration::days(6);
    let last_week = dates
        .iter()
        .filter(|&&d| d >= week_start && d <= s.today)
        .count() as u64;
    Some(BurnUp {
        first,
        last,
        days_per_column: per,
        values,
        scope,
        done,
        last_week,
    })
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let block = pane_block(title("Burn-up", String::new(), t), false, t);
    let inner = block.inner(area);
    let Some(b) = series(ctx.snap, usize::from(inner.width)) else {
        return empty_pane(frame, area, block, "no `done` dates yet", t);
    };
    frame.render_widget(block, area);
    let axis_h = u16::from(inner.height >= 4);
    let [summary, chart, axis] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(axis_h),
    ])
    .areas(inner);
    let per = if b.days_per_column > 1 {
        format!(" · {} d/col", b.days_per_column)
    } else {
        String::new()
    };
    let line = Line::from(vec![
        styled(format!("{}/{} done", b.done, b.scope), t.title),
        styled(format!(" · +{} in 7 days{per}", b.last_week), t.dim),
    ]);
    frame.render_widget(Paragraph::new(line), summary);
    let sparkline = Sparkline::default()
        .data(b.values.iter().copied())
        .max(b.scope.max(1))
        .style(t.chart);
    frame.render_widget(sparkline, chart);
    if axis_h > 0 {
        let from = b.first.format("%b %d").to_string();
        let to = b.last.format("%b %d").to_string();
        let used = b.values.len();
        let gap = used.saturating_sub(width(&from) + width(&to));
        let axis_line = if gap >= 1 {
            Line::from(vec![
                Span::styled(from, t.dim),
                Span::raw(" ".repeat(gap)),
                Span::styled(to, t.dim),
            ])
        } else {
            Line::from(Span::styled(format!("{from}–{to}"), t.dim))
        };
        frame.render_widget(Paragraph::new(axis_line), axis);
    }
}

//! The tasks pane: a table of the tasks the drill-down, status filter and
//! search leave (status, priority, title, estimate, owner and, with room, id,
//! component, progress and the dependencies still waited on), with the
//! selected task's details on its last line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::common::{
    clean, empty_pane, fit, pane_block, scroll_hint, selected_row, styled, title, window_start,
};
use super::theme::Theme;
use super::{Ctx, Tier};
use crate::app::Focus;
use crate::manifest::{Manifest, Task};
use crate::model::TaskState;
use crate::model::format::{list_ids, num};

/// `⊘ blocked`: a symbol and the word, with the state's style.
pub fn state_label(state: TaskState, t: &Theme) -> (String, Style) {
    let (symbol, style) = match state {
        TaskState::Done => ("✓", t.pass),
        TaskState::Doing => ("▶", t.title),
        TaskState::Todo => ("○", t.base),
        TaskState::Waiting => ("◷", t.unknown),
        TaskState::Blocked => ("⊘", t.fail),
        TaskState::Dropped => ("–", t.dim),
    };
    (format!("{symbol} {}", state.as_str()), style)
}

/// The estimate as written (`2-3h`), or its days, or `—`.
pub fn estimate(task: &Task) -> String {
    match (&task.estimate_text, task.estimate) {
        (Some(text), _) => clean(text),
        (None, Some(e)) => format!("{}d", num(e.days())),
        (None, None) => "—".into(),
    }
}

/// The estimate in at most `max` cells: units shortened (`1-2 weeks` → `1-2w`)
/// when it does not fit as written.
fn estimate_in(task: &Task, max: usize) -> String {
    let text = estimate(task);
    if super::common::width(&text) <= max {
        return text;
    }
    let mut short = text.replace(' ', "");
    for (long, unit) in [
        ("hours", "h"),
        ("hour", "h"),
        ("days", "d"),
        ("day", "d"),
        ("weeks", "w"),
        ("week", "w"),
    ] {
        short = short.replace(long, unit);
    }
    fit(&short, max)
}

/// The ids of the tasks this one still waits on.
fn waits_on(m: &Manifest, waiting: &[usize]) -> String {
    let ids: Vec<String> = waiting.iter().map(|&d| clean(&m.tasks[d].id)).collect();
    list_ids(&ids, 3)
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let app = ctx.app;
    let s = ctx.snap;
    let m = &s.manifest;
    let focused = ctx.focused(Focus::Tasks);
    let visible = app.visible_tasks();
    let len = visible.len();

    let mut extra = format!("{} {len} of {}", app.filter().label(), m.tasks.len());
    if let Some(c) = app.drill().and_then(|c| m.components.get(c)) {
        extra.push_str(&format!(" · in {} (Esc back)", fit(&c.name, 30)));
    }
    if !app.query().is_empty() && !app.searching() {
        extra.push_str(&format!(" · matching “{}”", fit(app.query(), 20)));
    }
    let mut block = pane_block(title("Tasks", extra, t), focused, t);
    if app.searching() {
        block = block.title_bottom(Line::from(vec![
            styled(" /", t.key),
            Span::raw(fit(app.query(), 40)),
            styled("▏", t.key),
            styled(" Enter keep · Esc clear ", t.dim),
        ]));
    }
    if len == 0 {
        let why = if app.query().is_empty() {
            format!("no {} tasks here (f: next filter)", app.filter().label())
        } else {
            "no task matches the search (Esc clears it)".into()
        };
        return empty_pane(frame, area, block, &why, t);
    }
    let inner = block.inner(area);
    let detail_h = u16::from(inner.height >= 6);
    let rows_h = usize::from(inner.height.saturating_sub(1 + detail_h));
    let selected = app.selected(Focus::Tasks);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start);
    if !app.searching()
        && let Some(hint) = scroll_hint(start, shown, len, t)
    {
        block = block.title_bottom(hint);
    }

    let tier = ctx.tier;
    let id_w = visible[start..start + shown]
        .iter()
        .map(|&i| super::common::width(&clean(&m.tasks[i].id)))
        .max()
        .unwrap_or(2)
        .clamp(2, 22) as u16;
    let compact = tier == Tier::Compact;
    let mut columns: Vec<(&str, Constraint)> = vec![
        ("", Constraint::Length(1)),
        if compact {
            ("", Constraint::Length(1))
        } else {
            ("status", Constraint::Length(9))
        },
        ("pri", Constraint::Length(3)),
    ];
    if tier == Tier::Wide {
        columns.push(("id", Constraint::Length(id_w)));
    }
    columns.push(("title", Constraint::Fill(1)));
    if tier == Tier::Wide {
        columns.push(("component", Constraint::Length(14)));
        columns.push(("prog", Constraint::Length(4)));
    }
    columns.push(("est", Constraint::Length(7)));
    columns.push((
        "owner",
        Constraint::Length(if tier == Tier::Compact { 7 } else { 10 }),
    ));
    if tier != Tier::Compact {
        columns.push((
            "waits on",
            Constraint::Length(if tier == Tier::Wide { 24 } else { 16 }),
        ));
    }

    // The title takes what the other columns and the spaces between leave.
    let fixed: u16 = columns
        .iter()
        .map(|(_, c)| match c {
            Constraint::Length(n) => *n,
            _ => 0,
        })
        .sum();
    let spaces = columns.len().saturating_sub(1) as u16;
    let title_w = usize::from(inner.width.saturating_sub(fixed + spaces));
    let waits_w = if tier == Tier::Wide { 24 } else { 16 };
    let rows: Vec<Row> = visible[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let task = &m.tasks[i];
            let f = &s.tasks[i];
            let is_selected = focused && start + k == selected;
            let (label, style) = state_label(f.state, t);
            let label = if compact {
                label.chars().take(1).collect()
            } else {
                label
            };
            let mut cells = vec![
                Cell::from(styled(label, style)),
                Cell::from(task.priority.as_str()),
            ];
            if tier == Tier::Wide {
                cells.push(Cell::from(styled(fit(&task.id, usize::from(id_w)), t.dim)));
            }
            cells.push(Cell::from(fit(&task.title, title_w)));
            if tier == Tier::Wide {
                let component = m.components.get(task.component).map_or("", |c| &c.id);
                cells.push(Cell::from(styled(fit(component, 14), t.dim)));
                let progress = match (f.state, task.progress) {
                    (TaskState::Done, _) => "100%".to_owned(),
                    (_, Some(p)) => format!("{}%", num(p)),
                    (_, None) => String::new(),
                };
                cells.push(Cell::from(Line::from(progress).right_aligned()));
            }
            cells.push(Cell::from(estimate_in(task, 7)));
            let owner_w = if tier == Tier::Compact { 7 } else { 10 };
            cells.push(Cell::from(styled(
                task.owner
                    .as_deref()
                    .map(|o| fit(o, owner_w))
                    .unwrap_or_default(),
                t.dim,
            )));
            if tier != Tier::Compact {
                let waits = fit(&waits_on(m, &f.waiting_on), waits_w);
                cells.push(Cell::from(styled(waits, t.unknown)));
            }
            selected_row(cells, is_selected, t)
        })
        .collect();
    let (names, widths): (Vec<&str>, Vec<Constraint>) = columns.into_iter().unzip();
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    frame.render_widget(block, area);
    let table = Table::new(rows, widths)
        .column_spacing(1)
        .header(Row::new(names).style(t.heading));
    frame.render_widget(table, table_area);
    if detail_h > 0
        && let Some(&i) = visible.get(selected)
    {
        let line = detail(ctx, i, usize::from(detail_area.width));
        frame.render_widget(Paragraph::new(line), detail_area);
    }
}

/// The selected task in one line: id, title, what it waits on, its blocker,
/// the title cut (with `…`) first and the line ending in `…` when too long.
fn detail(ctx: &Ctx, i: usize, max: usize) -> Line<'static> {
    let t = &ctx.theme;
    let m = &ctx.snap.manifest;
    let task = &m.tasks[i];
    let f = &ctx.snap.tasks[i];
    let (label, style) = state_label(f.state, t);
    let head = vec![
        styled(format!("{label} "), style),
        styled(clean(&task.id), t.title),
        styled(" · ", t.dim),
    ];
    let mut tail = vec![];
    if !f.waiting_on.is_empty() {
        tail.push(styled(
            format!(" · waits on {}", waits_on(m, &f.waiting_on)),
            t.unknown,
        ));
    }
    if let Some(blocker) = &task.blocker {
        tail.push(styled(format!(" · blocker: {}", clean(blocker)), t.fail));
    }
    if f.remaining > 0.0 {
        tail.push(styled(format!(" · {} d left", num(f.remaining)), t.dim));
    }
    let used = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    // The title gives way to what follows it, down to a dozen cells; below
    // that the days left go, then the blocker.
    const TITLE_MIN: usize = 12;
    while !tail.is_empty() && max < used(&head) + used(&tail) + TITLE_MIN {
        tail.pop();
    }
    let title_room = max.saturating_sub(used(&head) + used(&tail)).max(TITLE_MIN);
    let mut spans = head;
    spans.push(Span::raw(fit(&task.title, title_room)));
    spans.extend(tail);
    fit_spans(spans, max)
}

/// Spans cut to `max` cells, the last one shown ending in `…` when cut.
fn fit_spans(spans: Vec<Span<'static>>, max: usize) -> Line<'static> {
    let mut out = vec![];
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= max {
            used += w;
            out.push(span);
            continue;
        }
        let room = max - used;
        if room > 0 {
            out.push(styled(fit(&span.content, room), span.style));
        }
        break;
    }
    Line::from(out)
}

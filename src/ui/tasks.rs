//! The tasks pane: a table of the tasks the filters, search and sort leave
//! (state, priority, id, title, estimate, owner, and with room the state's
//! word, what each waits on, its component and progress), with the selected
//! task's summary on its last line; Enter shows one whole.
//!
//! Columns are sized from the data, and a wider terminal never shows less:
//! the id is always there; the title grows up to the longest title (at most
//! [`TITLE_CAP`] cells) before any optional column appears, and optional
//! columns appear in a fixed order, each only when the title keeps that
//! width beside it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::Ctx;
use super::common::{
    empty_pane, fit, pane_block, scroll_hint, selected_row, span, styled, title, width,
    window_start,
};
use crate::app::{Focus, Sort, SortKey, StatusFilter};
use crate::model::TaskState;
use crate::view::figure::days;
use crate::view::tasks::short_estimate;
use crate::view::{TaskRow, View};

/// The title column's width before optional columns take room.
pub const TITLE_CAP: usize = 50;

/// A column of the table: its heading, width and how a row fills it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Column {
    Marker,
    Symbol,
    State,
    Priority,
    Id,
    Title,
    Estimate,
    Owner,
    WaitsOn,
    Component,
    Progress,
    /// In place of the estimate while sorted by holds up: the days a
    /// blocked task holds up, else the days left in it (the sort's key).
    HoldsUp,
}

impl Column {
    fn heading(self) -> &'static str {
        match self {
            Column::Marker | Column::Symbol => "",
            Column::State => "status",
            Column::Priority => "pri",
            Column::Id => "id",
            Column::Title => "title",
            Column::Estimate => "est",
            Column::Owner => "owner",
            Column::WaitsOn => "waits on",
            Column::Component => "component",
            Column::Progress => "prog",
            Column::HoldsUp => "holds up",
        }
    }
}

/// The columns shown at `inner_width` cells (inside the borders), in display
/// order, with their widths; sized from the widest values of the view's
/// tasks (all of them, so scrolling never moves a column).
///
/// Sorted by holds up, the estimate's place shows what the sort is by
/// ([`Column::HoldsUp`]).
pub fn columns(view: &View, inner_width: u16, sort: Sort) -> Vec<(Column, u16)> {
    let w = &view.tasks.widths;
    let clamp = |v: usize, min: usize, max: usize| v.clamp(min, max) as u16;
    let id_w = clamp(w.id, 2, 24);
    let by_holds_up = sort.key == SortKey::HoldsUp;
    let est_w = if by_holds_up {
        clamp(holds_up_width(view), 8, 12)
    } else {
        clamp(w.estimate, 3, 7)
    };
    let owner_w = clamp(w.owner, 5, 10);
    let title_cap = clamp(w.title, 5, TITLE_CAP);
    // Always there: marker, state, priority, estimate, owner; and the id
    // and the title, which share what is left.
    let fixed_cols = [1, 1, 3, est_w, owner_w];
    let fixed: u16 = fixed_cols.iter().map(|w| w + 1).sum();
    let room = inner_width.saturating_sub(fixed + 1);
    // The title grows to its cap while the id takes two fifths (at least a
    // few cells); then the id grows to its longest; both never shrink as
    // the room grows.
    let id_share = (room * 2 / 5).max(id_w.min(6)).min(id_w);
    let title_w = room.saturating_sub(id_share).min(title_cap);
    let id_w = id_w.min(room.saturating_sub(title_w));
    let mut left = room.saturating_sub(title_w + id_w);
    let mut optional = vec![(Column::State, 7)];
    if w.waits_on > 0 {
        optional.push((Column::WaitsOn, clamp(w.waits_on, 8, 24)));
    }
    if view.components.rows.len() > 1 {
        optional.push((Column::Component, clamp(w.component, 9, 14)));
    }
    if w.progress {
        optional.push((Column::Progress, 4));
    }
    // Optional columns, in order, each only in room the title and the id
    // already have in full; once all are in, the title takes the rest.
    let mut chosen = Vec::new();
    for &(column, cells) in &optional {
        if left < cells + 1 {
            break;
        }
        chosen.push(column);
        left -= cells + 1;
    }
    let title_w = if chosen.len() == optional.len() {
        title_w + left
    } else {
        title_w
    };
    let shown = |c: Column| chosen.contains(&c);
    let width_of = |c: Column| {
        optional
            .iter()
            .find(|(o, _)| *o == c)
            .map_or(0, |(_, w)| *w)
    };
    let mut out = vec![(Column::Marker, 1), (Column::Symbol, 1)];
    if shown(Column::State) {
        out.push((Column::State, 7));
    }
    out.push((Column::Priority, 3));
    out.push((Column::Id, id_w));
    out.push((Column::Title, title_w));
    if shown(Column::Component) {
        out.push((Column::Component, width_of(Column::Component)));
    }
    if shown(Column::Progress) {
        out.push((Column::Progress, 4));
    }
    out.push((
        if by_holds_up {
            Column::HoldsUp
        } else {
            Column::Estimate
        },
        est_w,
    ));
    out.push((Column::Owner, owner_w));
    if shown(Column::WaitsOn) {
        out.push((Column::WaitsOn, width_of(Column::WaitsOn)));
    }
    out
}

/// The holds-up column's text: `7.1 d` held up by a blocked task, `2.3 d
/// left` in the others, empty for a finished one.
fn holds_up(row: &TaskRow) -> String {
    match (row.holds_up, &row.left) {
        (Some(held), _) => days(held),
        (None, Some(left)) => left.clone(),
        (None, None) => String::new(),
    }
}

/// The widest holds-up text of the view's tasks.
fn holds_up_width(view: &View) -> usize {
    view.tasks
        .rows
        .iter()
        .map(|r| width(&holds_up(r)))
        .max()
        .unwrap_or(0)
}

/// The estimate in at most `max` cells: as written, else units shortened.
fn estimate(row: &TaskRow, max: usize) -> String {
    if width(&row.estimate) <= max {
        row.estimate.clone()
    } else {
        fit(&short_estimate(&row.estimate), max)
    }
}

/// The pane's title phrases: what it lists and how.
fn title_phrases(ctx: &Ctx) -> Vec<String> {
    let app = ctx.app;
    let v = ctx.view;
    let n = app.visible_tasks().len();
    // `all 45 (2 dropped)`: the dropped are listed but out of the done
    // count beside it (`18 of 43 tasks done`), so the difference is named.
    let dropped = app
        .visible_tasks()
        .iter()
        .filter(|&&i| v.tasks.rows[i].state == TaskState::Dropped)
        .count();
    let mut phrases = vec![match app.filter() {
        StatusFilter::All if dropped > 0 => format!("all {n} ({dropped} dropped)"),
        StatusFilter::All => format!("all {n}"),
        f => format!("{n} {}", f.label()),
    }];
    if let Some(c) = app
        .component_filter_index()
        .and_then(|c| v.components.rows.get(c))
    {
        phrases.push(format!("in {} (Esc back)", fit(&c.name, 30)));
    }
    if let Some(owner) = app.owner_filter() {
        phrases.push(owner.label());
    }
    if !app.query().is_empty() && !app.searching() {
        phrases.push(format!(
            "matching “{}”",
            fit(&super::common::clean(app.query()), 20)
        ));
    }
    if let Some(sort) = app.sort().label() {
        phrases.push(sort);
    }
    phrases.push(v.tasks.done_phrase.clone());
    phrases
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let app = ctx.app;
    let v = ctx.view;
    let focused = ctx.focused(Focus::Tasks);
    let visible = app.visible_tasks();
    let len = visible.len();
    let phrases = title_phrases(ctx);
    let order: Vec<usize> = (0..phrases.len()).collect();
    let extra = super::common::fit_phrases(
        &phrases,
        &order,
        " · ",
        usize::from(area.width).saturating_sub(12),
    );
    let mut block = pane_block(
        title("Tasks", &extra, usize::from(area.width), t),
        focused,
        t,
    );
    if len == 0 {
        let status = match app.filter() {
            StatusFilter::All => String::new(),
            f => format!("{} ", f.label()),
        };
        // The key that brings tasks back: Esc for a search, a component or
        // an owner; else the next status filter.
        let why = if !app.query().is_empty() {
            "no task matches the search (Esc clears it)".into()
        } else if app.component_filter_index().is_some() || app.owner_filter().is_some() {
            format!("no {status}tasks here (Esc clears the filter)")
        } else if status.is_empty() {
            "no tasks in the file".into()
        } else {
            format!("no {status}tasks (f: next filter · 0: all)")
        };
        ctx.list_region(Focus::Tasks, area, Rect::default(), 1, 0, 0);
        return empty_pane(frame, area, block, &why, t);
    }
    let inner = block.inner(area);
    let detail_h = u16::from(inner.height >= 6);
    let rows_h = usize::from(inner.height.saturating_sub(1 + detail_h));
    let selected = app.selected(Focus::Tasks);
    let start = window_start(len, selected, rows_h);
    let shown = rows_h.min(len - start);
    if let Some(hint) = scroll_hint(start, shown, len, t) {
        block = block.title_bottom(hint);
    }
    let columns = columns(v, inner.width, app.sort());
    let rows: Vec<Row> = visible[start..start + shown]
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let r = &v.tasks.rows[i];
            let sel = focused && start + k == selected;
            let cells = columns
                .iter()
                .skip(1)
                .map(|&(column, w)| cell(ctx, r, column, usize::from(w), sel))
                .collect();
            selected_row(cells, sel, t)
        })
        .collect();
    let (names, widths): (Vec<&str>, Vec<Constraint>) = columns
        .iter()
        .map(|&(c, w)| (c.heading(), Constraint::Length(w)))
        .unzip();
    let [table_area, detail_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(inner);
    let rows_area = Rect {
        y: table_area.y + 1,
        height: table_area.height.saturating_sub(1),
        ..table_area
    };
    ctx.list_region(Focus::Tasks, area, rows_area, 1, start, len);
    frame.render_widget(block, area);
    let table = Table::new(rows, widths)
        .column_spacing(1)
        .header(Row::new(names).style(t.heading));
    frame.render_widget(table, table_area);
    if detail_h > 0
        && let Some(&i) = visible.get(selected)
    {
        let line = detail(ctx, &v.tasks.rows[i], usize::from(detail_area.width));
        frame.render_widget(Paragraph::new(line), detail_area);
    }
}

fn cell(ctx: &Ctx, r: &TaskRow, column: Column, w: usize, sel: bool) -> Cell<'static> {
    let t = &ctx.theme;
    match column {
        Column::Marker => Cell::from(""),
        Column::Symbol => Cell::from(span(r.symbol, t.tone(r.tone), sel)),
        Column::State => Cell::from(span(r.state.as_str(), t.tone(r.tone), sel)),
        Column::Priority => Cell::from(r.priority.as_str()),
        Column::Id => Cell::from(span(fit(&r.id, w), t.dim, sel)),
        Column::Title => Cell::from(fit(&r.title, w)),
        Column::Estimate => Cell::from(estimate(r, w)),
        Column::Owner => Cell::from(span(
            r.owner.as_deref().map(|o| fit(o, w)).unwrap_or_default(),
            t.dim,
            sel,
        )),
        Column::WaitsOn => Cell::from(span(fit(&r.waits_on, w), t.unknown, sel)),
        Column::Component => Cell::from(span(fit(&r.component_id, w), t.dim, sel)),
        Column::Progress => Cell::from(Line::from(r.progress.clone()).right_aligned()),
        Column::HoldsUp => {
            let tone = if r.holds_up.is_some() { t.fail } else { t.dim };
            Cell::from(span(fit(&holds_up(r), w), tone, sel))
        }
    }
}

/// The selected task in one line: its state, id, title, what it waits on,
/// its blocker and the days left, the title cut (with `…`) first and the
/// line ending in `…` when too long.
fn detail(ctx: &Ctx, r: &TaskRow, max: usize) -> Line<'static> {
    let t = &ctx.theme;
    let head = vec![
        styled(format!("{} ", r.label), t.tone(r.tone)),
        styled(r.id.clone(), t.title),
        styled(" · ", t.dim),
    ];
    let mut tail = vec![];
    if !r.waits_on.is_empty() {
        tail.push(styled(format!(" · waits on {}", r.waits_on), t.unknown));
    }
    if let Some(blocker) = &r.blocker {
        tail.push(styled(format!(" · blocker: {blocker}"), t.fail));
    }
    if let Some(left) = &r.left {
        tail.push(styled(format!(" · {left}"), t.dim));
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
    spans.push(Span::raw(fit(&r.title, title_room)));
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

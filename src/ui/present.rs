//! Presentation mode (`p`, `--present`): the standup screen share. Big
//! digits for completion (the same digits as everywhere: `53.2%`) and the
//! working days to done (with the bottleneck: whose work ends last), READY
//! / NOT READY and the target's status, then
//! "since the last working day" beside the top blockers and the hard gates
//! that do not pass, then the burn-up, large. Few words, nothing to scroll;
//! designed at 100×30 and 160×45, and never garbled down to the dashboard's
//! 80×24 (the digits shrink, the lists cut — a blocker's reason only when
//! no room is left).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Ctx;
use super::bigtext::{self, BigText};
use super::burnup;
use super::common::{fit, fit_phrases, pane_block, styled, title, width};
use crate::app::{Context, keys};
use crate::view::BlockerRow;

/// The digits' scale for a screen: larger as it grows.
fn scale(area: Rect) -> u16 {
    if area.width >= 150 && area.height >= 40 {
        3
    } else if area.width >= 96 && area.height >= 28 {
        2
    } else {
        1
    }
}

/// The narrowest presentation that draws the trend beside the burn-up.
const PRESENT_TREND_WIDTH: u16 = 140;

/// Blockers listed by name (the rest are counted).
const TOP_BLOCKERS: usize = 3;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let v = ctx.view;
    // One scale for both figures: smaller until both fit beside the verdict.
    let mut scale = scale(area);
    while scale > 1 && band_width(ctx, scale) > area.width {
        scale -= 1;
    }
    let figures_h = bigtext::height(scale) + 2;
    // The lists take the rows they need, up to a cap; the chart the rest.
    let cap = if area.height >= 40 {
        12
    } else if area.height >= 28 {
        9
    } else {
        7
    };
    let since_rows = v.since.as_ref().map_or(1, |s| s.items.len() + 1);
    // A blocker takes two lines when its reason does not fit beside it.
    let stuck_rows = 2 * v.blockers.tasks.clamp(1, TOP_BLOCKERS) + v.blockers.gates;
    let lists_h = (since_rows.max(stuck_rows) as u16 + 2).clamp(5, cap);
    let [title_area, figures, lists, chart, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(figures_h),
        Constraint::Length(lists_h),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    title_line(ctx, frame, title_area);
    figures_band(ctx, frame, figures, scale);
    // "Since" gets the room its lines need, between three and six tenths
    // (what changed and why is the news); "Stuck" the rest — its reasons
    // and details are cut first.
    let w = u32::from(lists.width);
    let since_w = (since_width(ctx) as u32).clamp(w * 3 / 10, w * 6 / 10) as u16;
    let [since_area, blockers_area] =
        Layout::horizontal([Constraint::Length(since_w), Constraint::Fill(1)]).areas(lists);
    since_panel(ctx, frame, since_area);
    blockers_panel(ctx, frame, blockers_area);
    // With room, the trend's chart beside the burn-up (docs/trend.md).
    match &v.trend {
        Some(trend) if chart.width >= PRESENT_TREND_WIDTH && chart.height >= 12 => {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(chart);
            burnup::draw_with(ctx, frame, left);
            super::trend::pane(ctx, frame, right, trend);
        }
        _ => burnup::draw_with(ctx, frame, chart),
    }
    let t = &ctx.theme;
    let mut keys_line = vec![Span::raw(" ")];
    for (key, word) in keys::bar(Context::Present) {
        keys_line.push(styled(key, t.key));
        keys_line.push(styled(format!(" {word}  "), t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(keys_line)), hint);
}

fn title_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let h = &ctx.view.headline;
    let t = &ctx.theme;
    let max = usize::from(area.width).saturating_sub(1);
    // Whole phrases: the project first, then the gates (else their short
    // form), the date, and the mode's name last.
    let gates = [&h.gates, &h.gates_short]
        .into_iter()
        .find(|g| width(&h.title()) + 3 + width(g) <= max)
        .cloned()
        .unwrap_or_default();
    let phrases = vec![h.title(), "standup".to_owned(), h.as_of.clone(), gates];
    let text = fit_phrases(&phrases, &[0, 3, 2, 1], " · ", max);
    let text = if text.is_empty() {
        fit(&h.title(), max)
    } else {
        text
    };
    frame.render_widget(
        Paragraph::new(Line::from(styled(format!(" {text}"), t.title))),
        area,
    );
}

/// The big figures: the working days to the P50 and P85 (`36-41`), or
/// `0` when nothing is left, `?` without a date.
fn answer_digits(ctx: &Ctx) -> String {
    let f = &ctx.view.forecast;
    match f.answer_days {
        _ if f.method == "done" => "0".to_owned(),
        Some((p50, p85)) if p50 == p85 => p50.to_string(),
        Some((p50, p85)) => format!("{p50}-{p85}"),
        None => "?".to_owned(),
    }
}

/// The width the three figures take at `scale`, each with its margins.
fn band_width(ctx: &Ctx, scale: u16) -> u16 {
    bigtext::width(&ctx.view.headline.completion, scale)
        + bigtext::width(&answer_digits(ctx), scale)
        + 8
        + verdict_width(ctx)
}

/// The verdict's column: its badge, or the target's short status.
fn verdict_width(ctx: &Ctx) -> u16 {
    let target_w = ctx
        .view
        .forecast
        .target
        .as_ref()
        .map_or(0, |t| width(&t.short) as u16);
    target_w.max(VERDICT_MIN) + 2
}

/// The three big figures: completion, the working days to the answer's
/// P50 and P85 with their dates, the verdict with the target's status.
fn figures_band(ctx: &Ctx, frame: &mut Frame, area: Rect, scale: u16) {
    let v = ctx.view;
    let h = &v.headline;
    let f = &v.forecast;
    let t = &ctx.theme;
    let (days, answer) = (answer_digits(ctx), f.answer.clone());
    // The completion figure and the verdict get the room they need (up to
    // two fifths and a third); the answer, the widest, the rest.
    let need = bigtext::width(&h.completion, scale) + 4;
    let left_w = need.min(area.width * 2 / 5);
    let right_w = verdict_width(ctx).min(area.width / 3);
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Fill(1),
        Constraint::Length(right_w),
    ])
    .areas(area);

    let mut caption = vec!["complete".to_owned()];
    caption.extend(h.claimed.clone());
    caption.extend(h.claim_gap.clone());
    big_figure(frame, left, &h.completion, scale, t.title, &caption, t.dim);

    // The answer's dates under the digits, with their unit where it fits
    // beside them, else on the row under with the bottleneck (whose work
    // sets the date); the dates on two rows when even they do not fit.
    let unit = if days == "1" {
        "working day"
    } else {
        "working days"
    };
    let max = usize::from(middle.width);
    let dated = f.answer_days.is_some();
    let beside = format!("{unit} · {answer}");
    let (lines, unit_under) = if dated && width(&beside) <= max {
        (vec![beside], false)
    } else if width(&answer) <= max || !dated {
        (vec![answer], dated)
    } else {
        (answer.split(" · ").map(str::to_owned).collect(), dated)
    };
    let mut under = Vec::new();
    if unit_under {
        under.push(unit.to_owned());
    }
    if f.method == "estimates" {
        under.extend(v.people.bottleneck.clone());
    }
    let order: Vec<usize> = (0..under.len()).collect();
    let under = fit_phrases(&under, &order, " · ", max);
    let rows = big_figure_with(frame, middle, &days, scale, t.title, &lines, t.base);
    let h = bigtext::height(scale) + rows;
    if !under.is_empty() && middle.height > h {
        let row = Rect::new(middle.x, middle.y + h, middle.width, 1);
        frame.render_widget(
            Paragraph::new(Line::from(styled(under, t.unknown))).centered(),
            row,
        );
    }

    verdict(ctx, frame, right, bigtext::height(scale));
}

/// The verdict's column is never narrower than its badge needs.
const VERDICT_MIN: u16 = 15;

/// Big digits centred in the area with a caption under them: whole
/// phrases, as many as fit.
fn big_figure(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    scale: u16,
    style: Style,
    caption: &[String],
    caption_style: Style,
) {
    big_figure_with(frame, area, text, scale, style, &[], caption_style);
    if area.height > bigtext::height(scale) {
        let order: Vec<usize> = (0..caption.len()).collect();
        let text = fit_phrases(caption, &order, " · ", usize::from(area.width));
        let row = Rect::new(area.x, area.y + bigtext::height(scale), area.width, 1);
        frame.render_widget(
            Paragraph::new(Line::from(styled(text, caption_style))).centered(),
            row,
        );
    }
}

/// Big digits centred in the area with caption lines under them, each cut
/// to the width and as many as the rows allow. Returns the caption's rows.
fn big_figure_with(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    scale: u16,
    style: Style,
    lines: &[String],
    caption_style: Style,
) -> u16 {
    let h = bigtext::height(scale);
    // A smaller scale when the figure leaves less than two cells either
    // side, so that it never runs into its neighbour.
    let mut scale = scale;
    while scale > 1 && bigtext::width(text, scale) + 4 > area.width {
        scale -= 1;
    }
    let w = bigtext::width(text, scale).min(area.width);
    let x = area.x + (area.width - w) / 2;
    let digits = Rect::new(x, area.y, w, bigtext::height(scale).min(area.height));
    frame.render_widget(BigText { text, scale, style }, digits);
    let rows = lines.len().min(usize::from(area.height.saturating_sub(h)));
    for (k, line) in lines.iter().take(rows).enumerate() {
        let row = Rect::new(area.x, area.y + h + k as u16, area.width, 1);
        let line = fit(line, usize::from(area.width));
        frame.render_widget(
            Paragraph::new(Line::from(styled(line, caption_style))).centered(),
            row,
        );
    }
    rows as u16
}

/// READY / NOT READY as a filled badge, with the target's status under it.
fn verdict(ctx: &Ctx, frame: &mut Frame, area: Rect, digits_h: u16) {
    let h = &ctx.view.headline;
    let t = &ctx.theme;
    let style = if h.ready { t.ready } else { t.not_ready };
    // The badge beside the digits, the target's status on their captions' row.
    let badge_h = digits_h.clamp(1, 3).min(area.height);
    let badge_w = (area.width.saturating_sub(2)).min(24);
    let top = area.y + digits_h.saturating_sub(badge_h) / 2;
    let badge = Rect::new(area.x + (area.width - badge_w) / 2, top, badge_w, badge_h);
    frame.render_widget(Block::new().style(style), badge);
    let mid = Rect::new(badge.x, badge.y + badge_h / 2, badge.width, 1);
    frame.render_widget(
        Paragraph::new(Line::from(styled(h.badge, style))).centered(),
        mid,
    );
    if area.height > digits_h && area.width > 2 {
        let room = usize::from(area.width - 2);
        let line = match &ctx.view.forecast.target {
            // The whole phrase, or without its slack, or its status alone.
            Some(target) => {
                let status = target.status.map(str::to_owned).unwrap_or_default();
                let text = [&target.phrase, &target.short, &status]
                    .into_iter()
                    .find(|p| width(p) <= room)
                    .cloned()
                    .unwrap_or_default();
                Line::from(styled(text, t.tone(target.tone)))
            }
            None => Line::from(styled("no target date", t.dim)),
        };
        let row = Rect::new(area.x + 1, area.y + digits_h, area.width - 2, 1);
        frame.render_widget(Paragraph::new(line).centered(), row);
        // The chance of meeting it on the row under.
        let chance = ctx
            .view
            .forecast
            .target
            .as_ref()
            .and_then(|t| t.chance.as_ref());
        if let Some(chance) = chance.filter(|c| width(c) <= room)
            && area.height > digits_h + 1
        {
            let row = Rect::new(area.x + 1, area.y + digits_h + 1, area.width - 2, 1);
            let line = Line::from(styled(chance.clone(), t.base));
            frame.render_widget(Paragraph::new(line).centered(), row);
        }
    }
}

/// The cells the "Since" list would take to show every line whole.
fn since_width(ctx: &Ctx) -> usize {
    ctx.view.since.as_ref().map_or(30, |since| {
        let title = width(&since_title(since)) + 6;
        since
            .items
            .iter()
            .filter(|i| !i.plan)
            .map(|i| width(i.short.as_ref().unwrap_or(&i.text)) + 7 + 2 * usize::from(i.level))
            .max()
            .unwrap_or(0)
            .max(title)
    })
}

/// `Since Wed 2026-12-02`.
fn since_title(since: &crate::view::SinceView) -> String {
    format!("Since {}", since.from)
}

/// Said once under the list without the file's history, without the
/// reason (a path, a repository's state): that is for the reports, not
/// for the room.
const DONE_DATES_ONLY: &str = "from done dates only";

/// What changed since the last working day, one line each (a cause of the
/// forecast's move indented under it).
fn since_panel(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let max = usize::from(area.width);
    let Some(since) = &ctx.view.since else {
        let block = pane_block(title("Since the last working day", "", max, t), false, t);
        let text = Paragraph::new(Line::from(styled(" reading history…", t.dim))).block(block);
        return frame.render_widget(text, area);
    };
    let block = pane_block(title(&since_title(since), "", max, t), false, t);
    let inner = block.inner(area);
    let width_in = usize::from(inner.width).saturating_sub(1);
    // The plan at face value stays out of the room: the answer's move is
    // there, without its dates (on the big figure already) when one of its
    // lines would not fit whole.
    let room_of = |level: u8| width_in.saturating_sub(3 + 2 * usize::from(level));
    let short = since
        .items
        .iter()
        .any(|i| i.short.is_some() && width(&i.text) > room_of(i.level));
    let mut lines: Vec<Line> = since
        .items
        .iter()
        .filter(|item| !item.plan)
        .map(|item| {
            let indent = "  ".repeat(usize::from(item.level));
            let room = room_of(item.level);
            let text = match &item.short {
                Some(s) if short => s,
                _ => &item.text,
            };
            Line::from(vec![
                styled(format!(" {indent}{} ", item.mark), t.tone(item.tone)),
                styled(fit(text, room), t.base),
            ])
        })
        .collect();
    if !since.from_git {
        lines.push(Line::from(styled(
            fit(&format!(" {DONE_DATES_ONLY}"), width_in),
            t.dim,
        )));
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The top blockers, then the hard gates that do not pass, as room allows.
fn blockers_panel(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let v = &ctx.view.blockers;
    let t = &ctx.theme;
    // The summary's parts that fit, whole.
    let parts: Vec<String> = v.summary.split(" · ").map(str::to_owned).collect();
    let room = usize::from(area.width).saturating_sub(11);
    let summary = fit_phrases(&parts, &[0, 1], " · ", room);
    let block = pane_block(
        title("Stuck", &summary, usize::from(area.width), t),
        false,
        t,
    );
    let inner = block.inner(area);
    let max = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let tasks: Vec<_> = v
        .rows
        .iter()
        .take(TOP_BLOCKERS)
        .filter_map(|row| match row {
            BlockerRow::Task {
                rank,
                id,
                reason,
                holds_up,
                ..
            } => Some((rank, id, reason, holds_up)),
            BlockerRow::Gate { .. } => None,
        })
        .collect();
    let gates: Vec<_> = v
        .rows
        .iter()
        .filter_map(|r| match r {
            BlockerRow::Gate {
                symbol,
                tone,
                id,
                detail,
                ..
            } => Some((symbol, tone, id, detail)),
            BlockerRow::Task { .. } => None,
        })
        .collect();
    // Every blocker and gate on a line of its own first; the rows left
    // give a blocker whose reason does not fit beside it a second line,
    // in rank order. Without room for all the gates, the last row counts
    // the rest.
    let one_line = |id: &str, reason: &str, held: &str| {
        4 + width(id) + 2 + width(reason) + 2 + width(held) <= max
    };
    let rows = usize::from(inner.height);
    let base = tasks.len().max(usize::from(v.tasks == 0)) + gates.len();
    let mut spare = rows.saturating_sub(base);
    for (rank, id, reason, holds_up) in tasks {
        let head = format!(" {rank}. ");
        let held = format!("  {holds_up}");
        if spare > 0 && !one_line(id, reason, holds_up) {
            spare -= 1;
            let pad = max.saturating_sub(width(&head) + width(id) + width(&held));
            lines.push(Line::from(vec![
                styled(head, t.fail),
                styled(fit(id, max.saturating_sub(4 + width(&held))), t.title),
                styled(" ".repeat(pad), t.base),
                styled(held, t.dim),
            ]));
            lines.push(Line::from(styled(
                format!("    {}", fit(reason, max.saturating_sub(4))),
                t.base,
            )));
            continue;
        }
        let id_room = max.saturating_sub(width(&head) + width(&held) + 2);
        let id = fit(id, id_room.max(4));
        let room = max.saturating_sub(width(&head) + width(&id) + 2 + width(&held));
        let reason = fit(reason, room);
        let pad = room.saturating_sub(width(&reason));
        lines.push(Line::from(vec![
            styled(head, t.fail),
            styled(id, t.title),
            styled(format!("  {reason}{}", " ".repeat(pad)), t.base),
            styled(held, t.dim),
        ]));
    }
    if v.tasks == 0 {
        lines.push(Line::from(styled(" no blocked task", t.pass)));
    }
    let room = rows.saturating_sub(lines.len());
    for (shown, (symbol, tone, id, detail)) in gates.iter().enumerate() {
        if shown + 1 >= room && gates.len() > shown + 1 {
            // The rest by name, as many as fit: `+ 2 more: ✗ no-p1-bugs, ? dpa`.
            let rest: Vec<String> = gates[shown..]
                .iter()
                .map(|(symbol, _, id, _)| format!("{symbol} {id}"))
                .collect();
            let more = format!(" + {} more: ", rest.len());
            let names = fit(&rest.join(", "), max.saturating_sub(width(&more)));
            lines.push(Line::from(vec![
                styled(more, t.dim),
                styled(names, t.title),
            ]));
            break;
        }
        let id = fit(id, max.saturating_sub(4));
        let detail = fit(detail, max.saturating_sub(width(&id) + 6));
        lines.push(Line::from(vec![
            styled(format!(" {symbol} "), t.tone(**tone)),
            styled(id, t.title),
            styled(format!("  {detail}"), t.dim),
        ]));
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

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

/// Blockers listed by name (the rest are counted).
const TOP_BLOCKERS: usize = 3;

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let v = ctx.view;
    let scale = scale(area);
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
    let [since_area, blockers_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(lists);
    since_panel(ctx, frame, since_area);
    blockers_panel(ctx, frame, blockers_area);
    burnup::draw_with(ctx, frame, chart);
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
    let text = format!(
        " {} · standup · {} · {}",
        fit(&h.title(), usize::from(area.width / 2)),
        h.as_of,
        h.gates
    );
    frame.render_widget(
        Paragraph::new(Line::from(styled(
            fit(&text, usize::from(area.width)),
            t.title,
        ))),
        area,
    );
}

/// The three big figures: completion, working days to done, the verdict.
fn figures_band(ctx: &Ctx, frame: &mut Frame, area: Rect, scale: u16) {
    let v = ctx.view;
    let h = &v.headline;
    let f = &v.forecast;
    let t = &ctx.theme;
    // The completion figure's digits get the room they need, up to two
    // fifths; the other two share the rest.
    let need = bigtext::width(&h.completion, scale) + 2;
    let left_w = need.min(area.width * 2 / 5).max(area.width / 3);
    let [left, middle, right] = Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Ratio(1, 2),
        Constraint::Ratio(1, 2),
    ])
    .areas(area);

    let mut caption = vec!["complete".to_owned()];
    caption.extend(h.claimed.clone());
    caption.extend(h.claim_gap.clone());
    big_figure(frame, left, &h.completion, scale, t.title, &caption, t.dim);

    let (days, caption) = match (&f.working_days, &f.finish_day) {
        _ if f.method == "done" => ("0".to_owned(), vec![f.when.clone()]),
        (Some(days), Some(day)) => {
            let unit = if *days == 1 {
                "working day"
            } else {
                "working days"
            };
            // The headline's own words (`finish 2027-01-07 (P85
            // 2027-01-20)`) where they fit beside the unit; else the date
            // alone, with its weekday.
            let finish = if width(unit) + 3 + width(&f.when) <= usize::from(middle.width) {
                f.when.clone()
            } else {
                format!("finish {day}")
            };
            (days.to_string(), vec![unit.to_owned(), finish])
        }
        _ => ("?".to_owned(), vec![f.when.clone()]),
    };
    big_figure(frame, middle, &days, scale, t.title, &caption, t.dim);
    // Whose work sets that date, on the line under the caption.
    let h = bigtext::height(scale);
    if let Some(bottleneck) = &v.people.bottleneck
        && f.method == "estimates"
        && middle.height > h + 1
        && width(bottleneck) <= usize::from(middle.width)
    {
        let row = Rect::new(middle.x, middle.y + h + 1, middle.width, 1);
        frame.render_widget(
            Paragraph::new(Line::from(styled(bottleneck.clone(), t.unknown))).centered(),
            row,
        );
    }

    verdict(ctx, frame, right, bigtext::height(scale));
}

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
    let h = bigtext::height(scale);
    // A smaller scale when the figure is wider than its third.
    let mut scale = scale;
    while scale > 1 && bigtext::width(text, scale) > area.width {
        scale -= 1;
    }
    let w = bigtext::width(text, scale).min(area.width);
    let x = area.x + (area.width - w) / 2;
    let digits = Rect::new(x, area.y, w, bigtext::height(scale).min(area.height));
    frame.render_widget(BigText { text, scale, style }, digits);
    if area.height > h {
        let caption_area = Rect::new(area.x, area.y + h, area.width, 1);
        let order: Vec<usize> = (0..caption.len()).collect();
        let text = fit_phrases(caption, &order, " · ", usize::from(area.width));
        frame.render_widget(
            Paragraph::new(Line::from(styled(text, caption_style))).centered(),
            caption_area,
        );
    }
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
    }
}

/// What changed since the last working day, one line each; where it came
/// from said once, in the title or one line.
fn since_panel(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let max = usize::from(area.width);
    let Some(since) = &ctx.view.since else {
        let block = pane_block(title("Since the last working day", "", max, t), false, t);
        let text = Paragraph::new(Line::from(styled(" reading history…", t.dim))).block(block);
        return frame.render_widget(text, area);
    };
    let block = pane_block(
        title(&format!("Since {}", since.from), "", max, t),
        false,
        t,
    );
    let inner = block.inner(area);
    let width_in = usize::from(inner.width).saturating_sub(1);
    let mut lines: Vec<Line> = since
        .items
        .iter()
        .map(|item| {
            Line::from(vec![
                styled(format!(" {} ", item.mark), t.tone(item.tone)),
                styled(fit(&item.text, width_in.saturating_sub(3)), t.base),
            ])
        })
        .collect();
    if !since.from_git {
        lines.push(Line::from(styled(
            fit(&format!(" {}", since.source), width_in),
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
    // Each blocker on one line when its reason fits there; else the reason
    // on a line of its own, when the rows allow it; cut only when no room
    // is left.
    let one_line = |id: &str, reason: &str, held: &str| {
        4 + width(id) + 2 + width(reason) + 2 + width(held) <= max
    };
    let two_lines = tasks
        .iter()
        .filter(|(_, id, reason, held)| !one_line(id, reason, held))
        .count();
    let rows_needed = tasks.len() + two_lines + v.gates.min(1);
    let split = rows_needed <= usize::from(inner.height);
    for (rank, id, reason, holds_up) in tasks {
        let head = format!(" {rank}. ");
        let held = format!("  {holds_up}");
        if split && !one_line(id, reason, holds_up) {
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
    let room = usize::from(inner.height).saturating_sub(lines.len());
    for (shown, (symbol, tone, id, detail)) in gates.iter().enumerate() {
        if shown + 1 >= room && gates.len() > shown + 1 {
            lines.push(Line::from(styled(
                format!(" + {} more hard gates", gates.len() - shown),
                t.dim,
            )));
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

//! Presentation mode (`p`, `--present`): the standup screen share. Big
//! digits for completion and working days to done, READY / NOT READY and the
//! target's status, then "since" beside the top three blockers and the
//! failing hard gates, then the burn-up with its cone, large. Few words,
//! nothing to scroll; designed at 100×30 and 160×45, and never garbled down
//! to the dashboard's 80×24 (the digits shrink, the lists cut).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Ctx;
use super::bigtext::{self, BigText};
use super::burnup;
use super::common::{fit, pane_block, plural, styled, title};
use crate::forecast::{Method, TargetStatus};
use crate::model::GateStatus;
use crate::model::format::{list_ids, num};
use crate::report::since::finish_move;
use crate::standup::Source;

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

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
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
    let since_rows = ctx.app.standup().map_or(2, |s| {
        5 + s.since.gates_changed.as_ref().map_or(1, Vec::len)
    });
    let stuck_rows =
        ctx.snap.blockers.len().clamp(1, 3) + ctx.snap.hard_gates_not_passing().count();
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
    burnup::draw_with(ctx, frame, chart, true);
    let t = &ctx.theme;
    let keys = Line::from(vec![
        styled(" p", t.key),
        styled(" dashboard  ", t.dim),
        styled("t", t.key),
        styled(" theme  ", t.dim),
        styled("q", t.key),
        styled(" quit", t.dim),
    ]);
    frame.render_widget(Paragraph::new(keys), hint);
}

fn title_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let s = ctx.snap;
    let t = &ctx.theme;
    let p = &s.manifest.project;
    let version = p
        .version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    let text = format!(
        " {}{version} · standup · {}",
        fit(&p.name, usize::from(area.width / 2)),
        s.today.format("%a %Y-%m-%d")
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
    let s = ctx.snap;
    let t = &ctx.theme;
    let f = &s.forecast;
    let [left, middle, right] = Layout::horizontal([
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
        Constraint::Ratio(1, 3),
    ])
    .areas(area);

    let completion = format!("{}%", s.completion.floor() as u64);
    let mut caption = "complete".to_owned();
    if let Some(claimed) = s.manifest.project.claimed {
        caption.push_str(&format!(" · claimed {}%", num(claimed)));
    }
    big_figure(
        frame,
        left,
        &completion,
        scale,
        t.title,
        line(&caption, t.dim),
    );

    let (days, caption) = match (f.method, f.working_days, f.finish) {
        (Method::Done, _, _) => ("0".to_owned(), "nothing left".to_owned()),
        (_, Some(days), Some(finish)) => (
            days.to_string(),
            format!("working days · {}", finish.format("%a %b %d")),
        ),
        _ => ("?".to_owned(), "no forecast".to_owned()),
    };
    big_figure(frame, middle, &days, scale, t.title, line(&caption, t.dim));

    verdict(ctx, frame, right, bigtext::height(scale));
}

fn line(text: &str, style: Style) -> Line<'static> {
    Line::from(styled(text.to_owned(), style))
}

/// Big digits centred in the area with a caption under them.
fn big_figure(frame: &mut Frame, area: Rect, text: &str, scale: u16, style: Style, caption: Line) {
    let h = bigtext::height(scale);
    let w = bigtext::width(text, scale).min(area.width);
    let x = area.x + (area.width - w) / 2;
    let digits = Rect::new(x, area.y, w, h.min(area.height));
    frame.render_widget(BigText { text, scale, style }, digits);
    if area.height > h {
        let caption_area = Rect::new(area.x, area.y + h, area.width, 1);
        let width = usize::from(area.width);
        let text: String = caption.spans.iter().map(|s| s.content.as_ref()).collect();
        let style = caption.spans.first().map_or(Style::new(), |s| s.style);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(fit(&text, width), style))).centered(),
            caption_area,
        );
    }
}

/// READY / NOT READY as a filled badge, with the target's status under it.
fn verdict(ctx: &Ctx, frame: &mut Frame, area: Rect, digits_h: u16) {
    let s = ctx.snap;
    let t = &ctx.theme;
    let (word, style) = if s.ready {
        ("✓ READY", t.ready)
    } else {
        ("✗ NOT READY", t.not_ready)
    };
    // The badge beside the digits, the target's status on their captions' row.
    let badge_h = digits_h.clamp(1, 3).min(area.height);
    let badge_w = (area.width.saturating_sub(2)).min(24);
    let top = area.y + digits_h.saturating_sub(badge_h) / 2;
    let badge = Rect::new(area.x + (area.width - badge_w) / 2, top, badge_w, badge_h);
    frame.render_widget(Block::new().style(style), badge);
    let mid = Rect::new(badge.x, badge.y + badge_h / 2, badge.width, 1);
    frame.render_widget(
        Paragraph::new(Line::from(styled(word, style))).centered(),
        mid,
    );

    let f = &s.forecast;
    // One column of margin each side; shorter forms when narrow.
    let room = usize::from(area.width.saturating_sub(2));
    let target = match (s.manifest.project.target, f.target_status) {
        (Some(target), Some(status)) => {
            let style = match status {
                TargetStatus::OnTrack => t.pass,
                TargetStatus::AtRisk => t.unknown,
                TargetStatus::Late => t.fail,
            };
            let word = status.label().to_uppercase();
            let date = target.format("%b %d").to_string();
            let slack = f
                .target_slack_days
                .map(|d| format!(" ({d:+} wd)"))
                .unwrap_or_default();
            let forms = [
                (format!("target {date} "), slack.clone()),
                (format!("{date} "), slack),
                (format!("{date} "), String::new()),
                (String::new(), String::new()),
            ];
            let fits = |(a, b): &(String, String)| {
                a.chars().count() + word.chars().count() + b.chars().count() <= room
            };
            let (before, after) = forms.iter().find(|f| fits(f)).cloned().unwrap_or_default();
            Line::from(vec![
                styled(before, t.dim),
                styled(word, style),
                styled(after, t.dim),
            ])
        }
        (Some(target), None) => line(&format!("target {}", target.format("%b %d")), t.dim),
        (None, _) => line("no target date", t.dim),
    };
    if area.height > digits_h && area.width > 2 {
        let row = Rect::new(area.x + 1, area.y + digits_h, area.width - 2, 1);
        frame.render_widget(Paragraph::new(target).centered(), row);
    }
}

/// What changed since the last working day, one line each.
fn since_panel(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let t = &ctx.theme;
    let Some(standup) = ctx.app.standup() else {
        let block = pane_block(
            title("Since the last working day", String::new(), t),
            false,
            t,
        );
        let text = Paragraph::new(line(" reading history…", t.dim)).block(block);
        return frame.render_widget(text, area);
    };
    let since = &standup.since;
    let source = match &since.source {
        Source::Git { .. } => String::new(),
        Source::DoneDates { .. } => "done dates only".to_owned(),
    };
    let block = pane_block(
        title(
            &format!("Since {}", since.from.format("%a %b %d")),
            source,
            t,
        ),
        false,
        t,
    );
    let inner = block.inner(area);
    let width = usize::from(inner.width).saturating_sub(1);
    let mut lines: Vec<Line> = Vec::new();
    let row = |mark: &str, mark_style: Style, head: String, rest: String| {
        let head_w = head.chars().count() + mark.chars().count() + 2;
        Line::from(vec![
            styled(format!(" {mark} "), mark_style),
            styled(head, t.title),
            styled(fit(&rest, width.saturating_sub(head_w)), t.base),
        ])
    };
    let list = |items: &[String]| -> String {
        if items.is_empty() {
            String::new()
        } else {
            format!("  {}", list_ids(items, 8))
        }
    };
    lines.push(row(
        "✓",
        t.pass,
        plural(since.done.len(), "done", "done"),
        list(&since.done),
    ));
    match (&since.new_blockers, &since.cleared_blockers) {
        (Some(new), Some(cleared)) => {
            let new_style = if new.is_empty() { t.dim } else { t.fail };
            lines.push(row(
                "⊘",
                new_style,
                format!("{} new blocked", new.len()),
                list(new),
            ));
            lines.push(row(
                "↑",
                t.pass,
                format!("{} unblocked", cleared.len()),
                list(cleared),
            ));
        }
        _ => {
            let reason = match &since.source {
                Source::DoneDates { reason } => reason.as_str(),
                Source::Git { .. } => "",
            };
            lines.push(line(
                &fit(" blockers and forecast move need git history:", width),
                t.dim,
            ));
            lines.push(line(&fit(&format!(" {reason}"), width), t.dim));
        }
    }
    if let Some(days) = since.finish_change_days {
        let style = if days > 0 { t.fail } else { t.pass };
        let dates = match (since.finish_then, ctx.snap.forecast.finish) {
            (Some(a), Some(b)) if a != b => {
                format!("  {} → {}", a.format("%b %d"), b.format("%b %d"))
            }
            _ => String::new(),
        };
        lines.push(row(
            "→",
            style,
            format!("finish {}", finish_move(days)),
            dates,
        ));
    } else if since.new_blockers.is_some() {
        lines.push(line(" finish: no date on one side", t.dim));
    }
    if let Some(change) = since.completion_change {
        let sign = if change >= 0.0 { "+" } else { "−" };
        lines.push(row(
            "%",
            t.dim,
            format!("{sign}{} points", num(change.abs())),
            String::new(),
        ));
    }
    if let Some(gates) = &since.gates_changed {
        for g in gates {
            let side = |s: Option<GateStatus>| s.map_or("—", |s| s.as_str());
            let style = match g.new {
                Some(GateStatus::Pass) => t.pass,
                Some(GateStatus::Fail) => t.fail,
                _ => t.unknown,
            };
            lines.push(row(
                g.new.map_or("·", |s| s.symbol()),
                style,
                format!("gate {}", fit(&g.id, 24)),
                format!("  {} → {}", side(g.old), side(g.new)),
            ));
        }
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The top three blockers, then the failing hard gates, as room allows.
fn blockers_panel(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let s = ctx.snap;
    let t = &ctx.theme;
    let failing: Vec<_> = s.hard_gates_not_passing().collect();
    let extra = format!(
        "{} · {}",
        plural(s.blockers.len(), "task", "tasks"),
        plural(failing.len(), "hard gate", "hard gates")
    );
    let block = pane_block(title("Stuck", extra, t), false, t);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for (rank, b) in s.blockers.iter().take(3).enumerate() {
        let task = &s.manifest.tasks[b.task];
        let held = format!(" {} d", num(b.holds_up_days));
        let id = fit(&task.id, width.saturating_sub(5 + held.len()) / 2);
        let room = width.saturating_sub(5 + held.len() + id.chars().count() + 2);
        let reason = fit(
            b.reason.as_deref().unwrap_or(crate::report::NO_REASON),
            room,
        );
        let pad = room.saturating_sub(reason.chars().count());
        lines.push(Line::from(vec![
            styled(format!(" {}. ", rank + 1), t.fail),
            styled(id, t.title),
            styled(format!("  {reason}{}", " ".repeat(pad)), t.base),
            styled(held, t.dim),
        ]));
    }
    if s.blockers.is_empty() {
        lines.push(line(" no blocked task", t.pass));
    }
    let room = usize::from(inner.height).saturating_sub(lines.len());
    for (shown, (i, r)) in failing.iter().enumerate() {
        if shown + 1 >= room && failing.len() > shown + 1 {
            lines.push(line(
                &format!(" + {} more hard gates", failing.len() - shown),
                t.dim,
            ));
            break;
        }
        let style = if r.status == GateStatus::Fail {
            t.fail
        } else {
            t.unknown
        };
        let id = &s.manifest.gates[*i].id;
        let detail = fit(&r.detail, width.saturating_sub(id.chars().count() + 6));
        lines.push(Line::from(vec![
            styled(format!(" {} ", r.status.symbol()), style),
            styled(fit(id, width.saturating_sub(4)), t.title),
            styled(format!("  {detail}"), t.dim),
        ]));
    }
    lines.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

//! The header: project and version, how the hard gates stand and READY /
//! NOT READY; the completion bar with its figure, the claim and the gap
//! between them; when it will be done and the target's status; and (from
//! 120 columns) what the forecast rests on. Each a phrase of the view,
//! shown whole or left out when there is no room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{bar, fit, fit_phrases, styled, width};
use super::{Ctx, Tier};

/// Rows the header takes.
pub fn height(tier: Tier) -> u16 {
    if tier == Tier::Compact { 3 } else { 4 }
}

const SEP: &str = " · ";

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let rows: Vec<Rect> = (0..area.height)
        .map(|i| Rect::new(area.x, area.y + i, area.width, 1))
        .collect();
    let Some(&first) = rows.first() else { return };
    title_line(ctx, frame, first);
    let max = usize::from(area.width);
    let lines = [
        Some(completion_line(ctx, max)),
        Some(forecast_line(ctx, max)),
        (ctx.tier != Tier::Compact).then(|| work_line(ctx, max)),
    ];
    for (row, line) in rows.iter().skip(1).zip(lines) {
        if let Some(line) = line {
            frame.render_widget(Paragraph::new(line), *row);
        }
    }
}

fn title_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let h = &ctx.view.headline;
    let t = &ctx.theme;
    let badge_style = if h.ready { t.ready } else { t.not_ready };
    let badge = styled(format!(" {} ", h.badge), badge_style);
    // The name keeps at least a dozen cells; the gates' phrase goes first.
    let gates_w = width(&h.gates) + 2;
    let name_min = 14;
    let with_gates = usize::from(area.width) >= badge.width() + gates_w + name_min;
    let mut right = vec![];
    if with_gates {
        right.push(styled(format!("{}  ", h.gates), t.dim));
    }
    right.push(badge);
    let right = Line::from(right).right_aligned();
    let right_w = (right.width() as u16).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)]).areas(area);
    // At least one space between the two sides, whatever the name's length.
    let room = usize::from(l.width.saturating_sub(1));
    let as_of = (ctx.tier != Tier::Compact).then(|| format!("  {}", h.as_of));
    let (name, version, as_of) = fit_title(&h.name, h.version.clone(), as_of, room);
    let mut left = vec![styled(name, t.title)];
    if let Some(v) = version {
        left.push(styled(v, t.dim));
    }
    if let Some(a) = as_of {
        left.push(styled(a, t.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), l);
    frame.render_widget(Paragraph::new(right), r);
}

/// ` name`, ` version` and `  as of date` in `room` cells: the date goes
/// first, then the name is cut (with `…`) to keep the version, and the
/// version is cut last.
fn fit_title(
    name: &str,
    version: Option<String>,
    as_of: Option<String>,
    room: usize,
) -> (String, Option<String>, Option<String>) {
    let name = format!(" {name}");
    let version = version.map(|v| format!(" {v}"));
    let version_w = version.as_deref().map_or(0, width);
    let as_of_w = as_of.as_deref().map_or(0, width);
    if width(&name) + version_w + as_of_w <= room {
        return (name, version, as_of);
    }
    if width(&name) + version_w <= room {
        return (name, version, None);
    }
    // Keep at least a few letters of the name before the version.
    let name_room = room.saturating_sub(version_w).max(room.min(6));
    let name = fit(&name, name_room);
    let version = version.map(|v| fit(&v, room.saturating_sub(width(&name))));
    (name, version.filter(|v| !v.is_empty()), None)
}

/// `███░░ 53.2% complete · claimed 80% · 26.8 points over · 18 of 43 tasks done`
fn completion_line(ctx: &Ctx, max: usize) -> Line<'static> {
    let h = &ctx.view.headline;
    let t = &ctx.theme;
    let cells = match ctx.tier {
        Tier::Compact => 30,
        Tier::Medium => 40,
        Tier::Wide => 60,
    };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(bar(h.completion_value, cells, t));
    spans.push(styled(format!(" {}", h.completion), t.title));
    spans.push(Span::raw(" complete"));
    let used: usize = spans.iter().map(Span::width).sum();
    // Whole phrases after the figure: the claim, its gap, the tasks done.
    let mut phrases = vec![];
    phrases.extend(h.claimed.clone());
    phrases.extend(h.claim_gap.clone());
    phrases.push(h.tasks_done.clone());
    let order: Vec<usize> = (0..phrases.len()).collect();
    let rest = fit_phrases(&phrases, &order, SEP, max.saturating_sub(used + SEP.len()));
    if !rest.is_empty() {
        spans.push(styled(SEP, t.dim));
        for (k, part) in rest.split(SEP).enumerate() {
            if k > 0 {
                spans.push(styled(SEP, t.dim));
            }
            let style = if h.claim_gap.as_deref() == Some(part) {
                t.unknown
            } else {
                t.dim
            };
            spans.push(styled(part.to_owned(), style));
        }
    }
    Line::from(spans)
}

/// ` Forecast finish 2026-12-29 · target 2026-12-18: late (slack -5 working days)`
fn forecast_line(ctx: &Ctx, max: usize) -> Line<'static> {
    let f = &ctx.view.forecast;
    let t = &ctx.theme;
    let head = " Forecast ";
    let mut spans = vec![styled(head, t.title)];
    let room = max.saturating_sub(width(head));
    let when_style = if f.dated { t.base } else { t.unknown };
    let mut phrases = vec![f.when.clone()];
    let target = f.target.as_ref().map(|target| target.phrase.clone());
    phrases.extend(target.clone());
    if ctx.tier == Tier::Wide {
        phrases.extend(f.percentiles.clone());
    }
    let order: Vec<usize> = (0..phrases.len()).collect();
    let shown = fit_phrases(&phrases, &order, SEP, room);
    for (k, part) in shown.split(SEP).enumerate() {
        if k > 0 {
            spans.push(styled(SEP, t.dim));
        }
        let style = match (&f.target, target.as_deref() == Some(part)) {
            (Some(target), true) => t.tone(target.tone),
            _ if k == 0 => when_style,
            _ => t.dim,
        };
        spans.push(styled(part.to_owned(), style));
    }
    Line::from(spans)
}

/// What the forecast rests on (120 columns and more), whole phrases only.
fn work_line(ctx: &Ctx, max: usize) -> Line<'static> {
    let f = &ctx.view.forecast;
    let mut parts = vec![];
    parts.extend(f.work_left.clone());
    parts.push(f.team.clone());
    parts.extend(f.working_days_phrase.clone());
    parts.extend(f.assumed.clone());
    parts.extend(f.unestimated.clone());
    let order: Vec<usize> = (0..parts.len()).collect();
    let text = fit_phrases(&parts, &order, SEP, max.saturating_sub(1));
    Line::from(styled(format!(" {text}"), ctx.theme.dim))
}

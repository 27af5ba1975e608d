//! The header: project and version, how the hard gates stand and READY /
//! NOT READY; the completion bar with its figure, the claim and the gap
//! between them; the answer (P50 and P85), the target's status counted to
//! the P85, the chance of meeting it and the bottleneck — all of them at
//! 80×24 (docs/dashboard.md, "Panes") — and (from 120 columns) what the
//! forecast rests on. Each a phrase of the view, shown whole or left out
//! when there is no room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
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
    let (forecast, left_out) = forecast_line(ctx, max);
    let lines = [
        Some(completion_line(ctx, max)),
        Some(forecast),
        (ctx.tier != Tier::Compact).then(|| work_line(ctx, max, &left_out)),
    ];
    for (row, line) in rows.iter().skip(1).zip(lines) {
        if let Some(line) = line {
            frame.render_widget(Paragraph::new(line), *row);
        }
    }
}

/// The fewest cells the project's name keeps beside the gates.
const NAME_MIN: usize = 14;

fn title_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let h = &ctx.view.headline;
    let t = &ctx.theme;
    let badge_style = if h.ready { t.ready } else { t.not_ready };
    let badge = styled(format!(" {} ", h.badge), badge_style);
    // The name and version whole first, then the gates' phrase (else its
    // short form), then the date; the name is cut only when nothing else
    // is left to give way.
    let max = usize::from(area.width);
    let name_w = width(&format!(" {} ", h.title())) + 1;
    // A name too long for any of them keeps a dozen cells and is cut.
    let fits = |g: &&str, name: usize| name + width(g) + 2 + badge.width() <= max;
    let forms = [h.gates.as_str(), h.gates_short.as_str()];
    let gates = forms
        .iter()
        .find(|g| fits(g, name_w))
        .or_else(|| forms.iter().find(|g| fits(g, NAME_MIN)));
    let mut right = vec![];
    if let Some(gates) = gates {
        right.push(styled(format!("{gates}  "), t.dim));
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

/// One phrase of the forecast's lines: its forms, longest first (a form
/// is shown whole or not at all), and its style.
struct Slot {
    forms: Vec<String>,
    style: Style,
    /// Shown on the next line when this one has no room for it.
    movable: bool,
}

/// The forecast's phrases in the order they are shown and wanted: the
/// answer (with the P95 from 180 columns), the target's status counted to
/// the P85, the chance of meeting it, the bottleneck.
fn slots(ctx: &Ctx) -> Vec<Slot> {
    let v = ctx.view;
    let f = &v.forecast;
    let t = &ctx.theme;
    let answer = match (&f.percentiles, ctx.tier) {
        (Some(p), Tier::Wide) if f.dated => p.clone(),
        _ => f.answer.clone(),
    };
    let mut slots = vec![Slot {
        forms: vec![answer],
        style: if f.dated { t.base } else { t.unknown },
        movable: false,
    }];
    if let Some(target) = &f.target {
        slots.push(Slot {
            forms: vec![target.phrase.clone(), target.short.clone()],
            style: t.tone(target.tone),
            movable: false,
        });
        if let Some(chance) = &target.chance {
            slots.push(Slot {
                forms: vec![chance.clone()],
                style: t.base,
                movable: true,
            });
        }
    }
    if let Some(bottleneck) = &v.people.bottleneck {
        slots.push(Slot {
            forms: vec![bottleneck.clone()],
            style: t.unknown,
            movable: true,
        });
    }
    slots
}

/// ` Forecast P50 2027-01-27 · P85 2027-02-01 · target 2026-12-18: late by
/// 29 working days at P85 · bottleneck tomas`; at 80 columns without the
/// heading and with the target's short form where the whole one does not
/// fit. Returns the line and the slots left out.
fn forecast_line(ctx: &Ctx, max: usize) -> (Line<'static>, Vec<usize>) {
    let t = &ctx.theme;
    let head = if ctx.tier == Tier::Compact {
        " "
    } else {
        " Forecast "
    };
    let mut spans = vec![styled(head, t.title)];
    let mut room = max.saturating_sub(width(head));
    let mut left_out = Vec::new();
    for (k, slot) in slots(ctx).into_iter().enumerate() {
        let sep = if spans.len() > 1 { width(SEP) } else { 0 };
        match slot.forms.iter().find(|form| sep + width(form) <= room) {
            Some(form) => {
                if sep > 0 {
                    spans.push(styled(SEP, t.dim));
                }
                room -= sep + width(form);
                spans.push(styled(form.clone(), slot.style));
            }
            None => left_out.push(k),
        }
    }
    (Line::from(spans), left_out)
}

/// What the forecast line left out (the chance, the bottleneck), then what
/// the forecast rests on (120 columns and more), whole phrases only.
fn work_line(ctx: &Ctx, max: usize, left_out: &[usize]) -> Line<'static> {
    let f = &ctx.view.forecast;
    let slots = slots(ctx);
    let mut parts: Vec<String> = left_out
        .iter()
        .filter_map(|&k| slots.get(k).filter(|s| s.movable)?.forms.first().cloned())
        .collect();
    parts.extend(f.work_left.clone());
    parts.push(f.team.clone());
    parts.extend(f.assumed.clone());
    parts.extend(f.unestimated.clone());
    let order: Vec<usize> = (0..parts.len()).collect();
    let text = fit_phrases(&parts, &order, SEP, max.saturating_sub(1));
    Line::from(styled(format!(" {text}"), ctx.theme.dim))
}

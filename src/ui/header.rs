//! The header: project and version, READY / NOT READY, the completion bar
//! with the claimed figure beside the computed one, and the forecast (P50 /
//! P85 and the target's status, or why there is no forecast).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{bar, clean, fit, plural, styled, width};
use super::{Ctx, Tier};
use crate::forecast::{Forecast, Method, TargetStatus};
use crate::model::format::{num, percent};
use crate::report::text::finish_phrase;

/// Rows the header takes.
pub fn height(tier: Tier) -> u16 {
    if tier == Tier::Compact { 3 } else { 4 }
}

pub fn draw(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let rows: Vec<Rect> = (0..area.height)
        .map(|i| Rect::new(area.x, area.y + i, area.width, 1))
        .collect();
    let Some(&first) = rows.first() else { return };
    title_line(ctx, frame, first);
    let lines = [
        Some(completion_line(ctx)),
        Some(forecast_line(ctx)),
        (ctx.tier != Tier::Compact).then(|| work_line(ctx, usize::from(area.width))),
    ];
    for (row, line) in rows.iter().skip(1).zip(lines) {
        if let Some(line) = line {
            frame.render_widget(Paragraph::new(line), *row);
        }
    }
}

fn title_line(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let s = ctx.snap;
    let t = &ctx.theme;
    let p = &s.manifest.project;
    let hard = s.hard_gate_count();
    let failing = s.hard_gates_not_passing().count();
    let gates_note = if s.manifest.gates.is_empty() {
        "no gates: ready at 100% ".to_owned()
    } else if failing == 0 {
        format!("{} passing ", plural(hard, "hard gate", "hard gates"))
    } else {
        format!("{failing} of {hard} hard gates not passing ")
    };
    let badge = if s.ready {
        styled(" ✓ READY ", t.ready)
    } else {
        styled(" ✗ NOT READY ", t.not_ready)
    };
    let right = Line::from(vec![styled(gates_note, t.dim), badge]).right_aligned();
    let right_w = (right.width() as u16).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)]).areas(area);
    // At least one space between the two sides, whatever the name's length.
    let room = usize::from(l.width.saturating_sub(1));
    let version = p.version.as_deref().map(clean);
    let as_of = (ctx.tier != Tier::Compact).then(|| format!("  as of {}", s.today));
    let (name, version, as_of) = fit_title(&clean(&p.name), version, as_of, room);
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

fn completion_line(ctx: &Ctx) -> Line<'static> {
    let s = ctx.snap;
    let t = &ctx.theme;
    let cells = match ctx.tier {
        Tier::Compact => 30,
        Tier::Medium => 40,
        Tier::Wide => 60,
    };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(bar(s.completion, cells, t));
    spans.push(styled(format!(" {}", percent(s.completion)), t.title));
    spans.push(Span::raw(" complete"));
    if let Some(claimed) = s.manifest.project.claimed {
        let gap = claimed - s.completion;
        spans.push(styled(format!(" · claimed {}", percent(claimed)), t.dim));
        if gap.abs() > crate::model::CLAIM_TOLERANCE_POINTS {
            let dir = if gap > 0.0 { "over" } else { "under" };
            spans.push(styled(
                format!(" ({} points {dir})", num(gap.abs())),
                t.unknown,
            ));
        }
    }
    Line::from(spans)
}

fn forecast_line(ctx: &Ctx) -> Line<'static> {
    let s = ctx.snap;
    let t = &ctx.theme;
    let f = &s.forecast;
    let mut spans = vec![styled(" Forecast ", t.title)];
    match (f.method, f.p50, f.p85) {
        (Method::Done, _, _) => {
            spans.push(Span::raw("nothing left: every task is done or dropped"))
        }
        (Method::None, _, _) => spans.push(styled(
            "none: no estimates and fewer than 3 dated done tasks",
            t.unknown,
        )),
        (_, Some(p50), Some(p85)) => {
            spans.push(Span::raw(format!("P50 {p50} · P85 {p85}")));
            if ctx.tier != Tier::Compact
                && let Some(p95) = f.p95
            {
                spans.push(styled(format!(" · P95 {p95}"), t.dim));
            }
        }
        // No P50/P85: the schedule's finish beyond the calendar, or a
        // throughput history that gives no date.
        (Method::Estimates | Method::Throughput, _, _) => spans.push(Span::raw(finish_phrase(f))),
    }
    target(ctx, f, &mut spans);
    Line::from(spans)
}

/// ` · target 2026-12-18: ✗ late (slack −3 wd)`
fn target(ctx: &Ctx, f: &Forecast, spans: &mut Vec<Span<'static>>) {
    let t = &ctx.theme;
    let Some(target) = ctx.snap.manifest.project.target else {
        return;
    };
    spans.push(styled(format!(" · target {target}"), t.dim));
    match f.target_status {
        Some(status) => {
            let (symbol, style) = match status {
                TargetStatus::OnTrack => ("✓", t.pass),
                TargetStatus::AtRisk => ("!", t.unknown),
                TargetStatus::Late => ("✗", t.fail),
            };
            spans.push(styled(format!(" {symbol} {}", status.label()), style));
            if let Some(slack) = f.target_slack_days {
                spans.push(styled(format!(" ({slack:+} wd)"), t.dim));
            }
        }
        None if f.method == Method::Done => spans.push(styled(" ✓ done", t.pass)),
        None => {}
    }
}

/// What the forecast rests on (120 columns and more).
fn work_line(ctx: &Ctx, max: usize) -> Line<'static> {
    let s = ctx.snap;
    let t = &ctx.theme;
    let f = &s.forecast;
    let team = &s.manifest.team;
    let mut parts = vec![
        format!("{} days of work left", num(f.remaining_days)),
        format!(
            "{} at {}% focus",
            plural(f.headcount as usize, "person", "people"),
            num(team.focus * 100.0)
        ),
    ];
    if let Some(days) = f.working_days {
        parts.push(plural(days as usize, "working day", "working days"));
    }
    if f.assumed_unblocked > 0 {
        parts.push(format!(
            "assumes {} clear today",
            plural(f.assumed_unblocked, "blocker", "blockers")
        ));
    }
    if f.unestimated > 0 {
        parts.push(format!(
            "{} unestimated (at {} d)",
            f.unestimated,
            num(f.unestimated_days)
        ));
    }
    // Whole phrases only: stop at the first that does not fit.
    let mut text = String::new();
    for part in parts {
        let sep = if text.is_empty() { " " } else { " · " };
        if width(&text) + width(sep) + width(&part) > max {
            break;
        }
        text.push_str(sep);
        text.push_str(&part);
    }
    Line::from(styled(text, t.dim))
}

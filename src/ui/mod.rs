//! Drawing the dashboard: [`draw`] is a pure function of the [`App`] state
//! onto a ratatui frame. This module owns the screen layout (by terminal
//! size), the too-small message and the screens shown before a good
//! snapshot exists; each pane draws itself in its own module.

pub mod bigtext;
pub mod blockers;
pub mod burnup;
pub mod common;
pub mod components;
pub mod forecast;
pub mod gates;
pub mod header;
pub mod help;
pub mod present;
pub mod render;
pub mod status;
pub mod tasks;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::{App, Focus};
use crate::manifest::diagnostics::is_unsafe;
use crate::model::Snapshot;
use theme::Theme;

/// The smallest terminal the dashboard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// How much room there is across: more columns and detail as it grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// 80 to 119 columns.
    Compact,
    /// 120 to 179 columns.
    Medium,
    /// 180 columns or more.
    Wide,
}

impl Tier {
    pub fn of(width: u16) -> Tier {
        match width {
            0..120 => Tier::Compact,
            120..180 => Tier::Medium,
            _ => Tier::Wide,
        }
    }
}

/// What every pane draws from.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub app: &'a App,
    pub snap: &'a Snapshot,
    pub theme: Theme,
    pub tier: Tier,
}

impl Ctx<'_> {
    pub fn focused(&self, focus: Focus) -> bool {
        self.app.focus() == focus && !self.app.help_visible()
    }
}

/// A pane that can be drawn on its own (for tests and docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Header,
    Components,
    Gates,
    Blockers,
    Tasks,
    BurnUp,
    Forecast,
    StatusLine,
    Banner,
}

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = app.theme();
    frame.render_widget(Block::new().style(theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &theme);
    } else {
        match app.snapshot() {
            Some(snap) => {
                let ctx = Ctx {
                    app,
                    snap,
                    theme,
                    tier: Tier::of(area.width),
                };
                if app.present() {
                    present::draw(&ctx, frame, area);
                } else {
                    dashboard(&ctx, frame, area);
                }
            }
            None => status::no_snapshot(app, &theme, frame, area),
        }
        if app.help_visible() {
            help::draw(app, &theme, frame, area);
        }
    }
    scrub(frame.buffer_mut());
}

/// Draws one pane into the whole frame (nothing when there is no snapshot).
pub fn draw_pane(app: &App, pane: Pane, frame: &mut Frame) {
    let area = frame.area();
    let theme = app.theme();
    frame.render_widget(Block::new().style(theme.base), area);
    if let Some(snap) = app.snapshot() {
        let ctx = Ctx {
            app,
            snap,
            theme,
            tier: Tier::of(area.width),
        };
        match pane {
            Pane::Header => header::draw(&ctx, frame, area),
            Pane::Components => components::draw(&ctx, frame, area),
            Pane::Gates => gates::draw(&ctx, frame, area),
            Pane::Blockers => blockers::draw(&ctx, frame, area),
            Pane::Tasks => tasks::draw(&ctx, frame, area),
            Pane::BurnUp => burnup::draw(&ctx, frame, area),
            Pane::Forecast => forecast::draw(&ctx, frame, area),
            Pane::StatusLine => status::status_line(app, &theme, frame, area),
            Pane::Banner => status::banner(app, &theme, frame, area),
        }
    }
    scrub(frame.buffer_mut());
}

fn dashboard(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let banner = status::banner_height(ctx.app, area.width);
    let header = header::height(ctx.tier);
    let [banner_area, header_area, body, status_area] = Layout::vertical([
        Constraint::Length(banner),
        Constraint::Length(header),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    status::banner(ctx.app, &ctx.theme, frame, banner_area);
    header::draw(ctx, frame, header_area);
    status::status_line(ctx.app, &ctx.theme, frame, status_area);

    let m = &ctx.snap.manifest;
    // The top row fits its longest list when it can (components have a
    // heading row from 120 columns, the gates a line for the selected one's
    // detail; wide, the blockers take 2 rows each).
    let heading = usize::from(ctx.tier != Tier::Compact);
    let gates = m.gates.len() + usize::from(!m.gates.is_empty());
    let mut tall_list = (m.components.len() + heading).max(gates);
    if ctx.tier == Tier::Wide {
        let blockers = ctx.snap.blockers.len() + ctx.snap.hard_gates_not_passing().count();
        tall_list = tall_list.max(2 * blockers);
    }
    let top_h = (tall_list as u16 + 2).clamp(5, body.height * 9 / 20);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Fill(1)]).areas(body);
    match ctx.tier {
        Tier::Compact | Tier::Medium => {
            let left = if ctx.tier == Tier::Compact {
                Constraint::Length(44)
            } else {
                Constraint::Percentage(46)
            };
            let [components_area, gates_area] =
                Layout::horizontal([left, Constraint::Fill(1)]).areas(top);
            components::draw(ctx, frame, components_area);
            gates::draw(ctx, frame, gates_area);
            let side = if ctx.tier == Tier::Compact { 30 } else { 44 };
            let [tasks_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(bottom);
            tasks::draw(ctx, frame, tasks_area);
            let burn_h = if ctx.tier == Tier::Compact {
                5
            } else {
                (bottom.height / 3).max(6)
            };
            let [blockers_area, burn_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(burn_h)])
                    .areas(side_area);
            blockers::draw(ctx, frame, blockers_area);
            burnup::draw(ctx, frame, burn_area);
        }
        Tier::Wide => {
            let [components_area, gates_area, blockers_area] = Layout::horizontal([
                Constraint::Percentage(34),
                Constraint::Percentage(38),
                Constraint::Fill(1),
            ])
            .areas(top);
            components::draw(ctx, frame, components_area);
            gates::draw(ctx, frame, gates_area);
            blockers::draw(ctx, frame, blockers_area);
            let [tasks_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(64)]).areas(bottom);
            tasks::draw(ctx, frame, tasks_area);
            let burn_h = (bottom.height / 2).clamp(6, 14);
            let [burn_area, forecast_area] =
                Layout::vertical([Constraint::Length(burn_h), Constraint::Fill(1)])
                    .areas(side_area);
            burnup::draw(ctx, frame, burn_area);
            forecast::draw(ctx, frame, forecast_area);
        }
    }
}

/// Below 80×24: says so, centred, with the current size.
fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::styled(
            format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})"),
            theme.title,
        ),
        Line::styled(format!("now {}×{}", area.width, area.height), theme.dim),
    ];
    centred(frame, area, lines);
}

/// Lines centred in an area, horizontally and vertically.
pub fn centred(frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>) {
    let height = (lines.len() as u16).min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines).centered(), middle);
}

/// Last line of defence: no control character (nor bidirectional control)
/// reaches the terminal, whatever a pane forgot to clean.
fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) {
            let safe: String = cell.symbol().chars().filter(|&c| !is_unsafe(c)).collect();
            cell.set_symbol(if safe.is_empty() { " " } else { &safe });
        }
    }
}

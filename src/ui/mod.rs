//! Drawing the dashboard: [`draw`] lays the [`App`]'s current
//! [`View`](crate::view::View) out on a ratatui frame, by terminal size, and
//! reports where it put things ([`Regions`]) for the mouse. Every word and
//! figure comes from the view; this module and its panes only choose what
//! fits and how it looks (docs/dashboard.md). It owns the screen layout, the
//! too-small message and the screens shown before a good snapshot exists;
//! each pane draws itself in its own module.

pub mod bigtext;
pub mod blockers;
pub mod burnup;
pub mod common;
pub mod components;
pub mod forecast;
pub mod gates;
pub mod header;
pub mod help;
pub mod overlay;
pub mod palette;
pub mod people;
pub mod plot;
pub mod portfolio;
pub mod present;
pub mod prompt;
pub mod render;
pub mod status;
pub mod svg;
pub mod tasks;
pub mod theme;
pub mod trend;

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::app::{App, Focus, Regions, Target};
use crate::view::View;
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
    /// 180 columns or more: the forecast gets a pane of its own.
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
    pub view: &'a View,
    pub theme: Theme,
    pub tier: Tier,
    /// Where things were put, for the mouse.
    pub regions: &'a RefCell<Regions>,
}

impl Ctx<'_> {
    /// Whether a pane has the focus (nothing open over the panes).
    pub fn focused(&self, focus: Focus) -> bool {
        self.app.focus() == focus && !self.app.help_visible() && self.app.overlay().is_none()
    }

    /// Notes where a pane's list rows are.
    pub fn list_region(
        &self,
        focus: Focus,
        pane: Rect,
        rows: Rect,
        row_height: u16,
        first: usize,
        len: usize,
    ) {
        let target = Target::Pane {
            focus,
            rows: common::area(rows),
            row_height,
            first,
            len,
        };
        self.regions.borrow_mut().push(common::area(pane), target);
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
    People,
    StatusLine,
    Banner,
}

/// Draws the whole screen; says where it put things.
pub fn draw(app: &App, frame: &mut Frame) -> Regions {
    let regions = RefCell::new(Regions::default());
    let area = frame.area();
    let theme = Theme::new(app.theme_name(), app.no_color());
    frame.render_widget(Block::new().style(theme.base), area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &theme);
    } else {
        match app.view() {
            Some(view) => {
                let ctx = Ctx {
                    app,
                    view,
                    theme,
                    tier: Tier::of(area.width),
                    regions: &regions,
                };
                if app.present() {
                    present::draw(&ctx, frame, area);
                } else {
                    dashboard(&ctx, frame, area);
                }
            }
            None => status::no_snapshot(app, &theme, frame, area, &regions),
        }
        overlay::draw(app, &theme, frame, area, &regions);
        if app.help_visible() {
            help::draw(app, &theme, frame, area, &regions);
        }
    }
    scrub(frame.buffer_mut());
    regions.into_inner()
}

/// Draws one pane into the whole frame (nothing when there is no snapshot).
pub fn draw_pane(app: &App, pane: Pane, frame: &mut Frame) {
    let regions = RefCell::new(Regions::default());
    let area = frame.area();
    let theme = Theme::new(app.theme_name(), app.no_color());
    frame.render_widget(Block::new().style(theme.base), area);
    if let Some(view) = app.view() {
        let ctx = Ctx {
            app,
            view,
            theme,
            tier: Tier::of(area.width),
            regions: &regions,
        };
        match pane {
            Pane::Header => header::draw(&ctx, frame, area),
            Pane::Components => components::draw(&ctx, frame, area),
            Pane::Gates => gates::draw(&ctx, frame, area),
            Pane::Blockers => blockers::draw(&ctx, frame, area),
            Pane::Tasks => tasks::draw(&ctx, frame, area),
            Pane::BurnUp => burnup::draw(&ctx, frame, area),
            Pane::Forecast => forecast::draw(&ctx, frame, area),
            Pane::People => people::draw(&ctx, frame, area),
            Pane::StatusLine => status::status_line(app, &theme, frame, area, &regions),
            Pane::Banner => status::banner(app, &theme, frame, area, &regions),
        }
    }
    scrub(frame.buffer_mut());
}

fn dashboard(ctx: &Ctx, frame: &mut Frame, area: Rect) {
    let banner = status::banner_height(ctx.app);
    let header = header::height(ctx.tier);
    let [banner_area, header_area, body, status_area] = Layout::vertical([
        Constraint::Length(banner),
        Constraint::Length(header),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    status::banner(ctx.app, &ctx.theme, frame, banner_area, ctx.regions);
    header::draw(ctx, frame, header_area);
    status::status_line(ctx.app, &ctx.theme, frame, status_area, ctx.regions);

    let v = ctx.view;
    // The top row fits its longest list when it can (components have a
    // heading row from 120 columns, the gates a line for the selected one's
    // detail; wide, the blockers take 2 rows each).
    let heading = usize::from(ctx.tier != Tier::Compact);
    let gates = v.gates.rows.len() + usize::from(!v.gates.rows.is_empty());
    let mut tall_list = (v.components.rows.len() + heading).max(gates);
    if ctx.tier == Tier::Wide {
        tall_list = tall_list.max(2 * v.blockers.rows.len());
    }
    let top_h = (tall_list as u16 + 2).clamp(5, body.height * 9 / 20);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Fill(1)]).areas(body);
    match ctx.tier {
        Tier::Compact | Tier::Medium => {
            let left = if ctx.tier == Tier::Compact {
                Constraint::Length(44)
            } else {
                Constraint::Percentage(50)
            };
            let [components_area, gates_area] =
                Layout::horizontal([left, Constraint::Fill(1)]).areas(top);
            components::draw(ctx, frame, components_area);
            gates::draw(ctx, frame, gates_area);
            let side = if ctx.tier == Tier::Compact { 30 } else { 44 };
            let [main_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(bottom);
            // The tasks, the forecast and (narrow) the people share the
            // large area: the focus (Tab, or `w`) says which shows. From 120
            // columns the people have a pane of their own under it.
            let main_area = if ctx.tier == Tier::Medium {
                let [main_area, people_area] = people_split(ctx, main_area);
                people::draw(ctx, frame, people_area);
                main_area
            } else {
                main_area
            };
            match ctx.app.focus() {
                Focus::Forecast => forecast::draw(ctx, frame, main_area),
                Focus::People if ctx.tier == Tier::Compact => people::draw(ctx, frame, main_area),
                _ => tasks::draw(ctx, frame, main_area),
            }
            let burn_h = if ctx.tier == Tier::Compact {
                (bottom.height / 2).max(5)
            } else {
                (bottom.height / 2).max(6)
            };
            let [blockers_area, burn_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(burn_h)])
                    .areas(side_area);
            blockers::draw(ctx, frame, blockers_area);
            burnup::draw(ctx, frame, burn_area);
        }
        Tier::Wide => {
            // A third of the width, but never narrower than the components
            // pane just below 180 columns needs for whole names and the
            // finish column: a wider terminal never shows less of them.
            let components_w = (u32::from(top.width) * 34 / 100).max(COMPONENTS_WIDE_MIN) as u16;
            let [components_area, gates_area, blockers_area] = Layout::horizontal([
                Constraint::Length(components_w),
                Constraint::Percentage(38),
                Constraint::Fill(1),
            ])
            .areas(top);
            components::draw(ctx, frame, components_area);
            gates::draw(ctx, frame, gates_area);
            blockers::draw(ctx, frame, blockers_area);
            // The burn-up and the forecast beside the tasks: 36% of
            // the width (64 to 100 cells), for the forecast's sentences
            // wrap into many lines while the tasks' table has room to spare.
            let side_w = (bottom.width * 9 / 25).clamp(64, 100);
            let [tasks_area, side_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_w)]).areas(bottom);
            let [tasks_area, people_area] = people_split(ctx, tasks_area);
            tasks::draw(ctx, frame, tasks_area);
            people::draw(ctx, frame, people_area);
            // The burn-up gives the forecast the rows it needs, down to 8.
            let forecast_h = forecast::height(ctx, side_w);
            let burn_h = (bottom.height / 2)
                .min(side_area.height.saturating_sub(forecast_h))
                .clamp(8, 16);
            let [burn_area, forecast_area] =
                Layout::vertical([Constraint::Length(burn_h), Constraint::Fill(1)])
                    .areas(side_area);
            burnup::draw(ctx, frame, burn_area);
            forecast::draw(ctx, frame, forecast_area);
        }
    }
}

/// The narrowest components pane from 180 columns: a bar, the names up to
/// 28 cells, the counts and the finish column (docs/dashboard.md, "Panes").
const COMPONENTS_WIDE_MIN: u32 = 74;

/// The tasks' area split for the People pane under it: a row a person, up
/// to a third of the area (it scrolls beyond).
fn people_split(ctx: &Ctx, area: Rect) -> [Rect; 2] {
    let h = people::height(ctx).min((area.height / 3).max(3));
    Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(area)
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

/// Last line of defence inside the frame (for `render` and the golden
/// frames, which do not go through the terminal's cleaning backend): each
/// cell cleaned by the sink's one rule ([`crate::sink::terminal::clean_cell`]).
fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if let std::borrow::Cow::Owned(clean) = crate::sink::terminal::clean_cell(cell) {
            *cell = clean;
        }
    }
}

//! `readiness render`: one dashboard frame off-screen, as the text the
//! terminal would show or as an SVG picture of it (docs/dashboard.md,
//! "Pictures to share").

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{Standup, load, print_stdout};
use crate::app::{App, AppOptions, LoadOutcome};
use crate::collect::Commands;
use crate::model;

/// The arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The manifest [default: ./readiness.toml]; several FILEs, a folder
    /// or JSON reports make a portfolio
    pub files: Vec<PathBuf>,
    /// Columns
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub width: u16,
    /// Rows
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub height: u16,
    /// `text`: the frame's characters; `svg`: a standalone picture of the
    /// frame in the theme's colours (text stays text)
    #[arg(long, short, value_enum, default_value_t = RenderFormat::Text)]
    pub format: RenderFormat,
}

/// How `render` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Text,
    Svg,
}

/// The global options `render` draws with.
pub struct How<'a> {
    pub today: NaiveDate,
    pub options: model::Options,
    pub app_options: AppOptions,
    pub standup: Standup,
    pub commands: Commands<'a>,
}

/// Draws one frame of the manifest at `path` and prints it.
pub fn run(path: &Path, args: &RenderArgs, how: How<'_>) -> u8 {
    let (snapshot, text) = match load(path, how.today, how.options, how.commands) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let history = crate::history::standup(path, &snapshot, how.options, how.standup.since, true);
    let mut app = App::new(path.to_owned(), how.app_options);
    app.set_present(how.standup.present);
    app.on_standup(Arc::new(history), None);
    app.on_load(LoadOutcome::loaded(
        snapshot,
        &text,
        how.today.and_time(chrono::NaiveTime::MIN),
    ));
    let (width, height) = (args.width, args.height);
    let out = match args.format {
        RenderFormat::Text => crate::ui::render::render_text(&app, width, height),
        RenderFormat::Svg => crate::ui::render::render_svg(&app, width, height),
    };
    print_stdout(&out)
}

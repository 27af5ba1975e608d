//! `readiness trend`: the forecast's history from the manifest's git
//! history (docs/trend.md) — for each working day of the window, that day's
//! version forecast with that day as today — as text, markdown or JSON.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::{Format, load, print_stdout};
use crate::collect::Commands;
use crate::exit;
use crate::model;
use crate::report;
use crate::trend::window;
use crate::view::trend::TrendView;

/// The arguments of `trend` (the window's start is the global `--since`).
#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The manifest [default: ./readiness.toml]
    pub file: Option<PathBuf>,
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Prints the trend of the manifest at `path` over the window ending
/// `today` (from `since`, else the last 30 working days).
pub fn run(
    path: &Path,
    format: Format,
    today: NaiveDate,
    since: Option<NaiveDate>,
    options: model::Options,
) -> u8 {
    let (snapshot, _) = match load(path, today, options, Commands::Forbidden) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let days = match window(&snapshot.manifest.calendar, today, since) {
        Ok(days) => days,
        Err(e) => {
            crate::sink::stderr_line(&format!("error: {e}"));
            return exit::ERROR;
        }
    };
    let trend = crate::history::Reader::new().trend(path, &snapshot, &days, options);
    let out = match format {
        Format::Json => report::trend::render_json(&trend),
        Format::Text => {
            let v = TrendView::of(&trend);
            let title = &snapshot.manifest.project.name;
            format!("{title} · forecast history\n{}", report::trend::text(&v))
        }
        Format::Markdown => {
            let v = TrendView::of(&trend);
            let title = crate::sink::markdown::escape(&snapshot.manifest.project.name);
            format!(
                "## {title} — forecast history\n\n{}",
                report::trend::markdown(&v, &trend)
            )
        }
    };
    print_stdout(&out)
}

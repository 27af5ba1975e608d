//! `check`, `report` and `render` over a portfolio (docs/portfolio.md):
//! several FILEs, a folder or JSON reports. Reads the members
//! ([`crate::members`]), rolls them up ([`crate::portfolio`]) and prints
//! the [`PortfolioView`]. `check` exits with the worst status of its
//! members: 2 when one is invalid or cannot be read, else 1 when one is not
//! ready, else 0; `report` and `render` print every member, each failed
//! one in its row, and exit 2 when there is one.

use std::path::PathBuf;

use super::{CheckFormat, Format, print_stdout};
use crate::app::AppOptions;
use crate::exit;
use crate::members::{self, Settings};
use crate::portfolio::{RollUp, State};
use crate::report;
use crate::view::portfolio::PortfolioView;

/// Finds and computes the members; `Err` is the exit status after the
/// message was printed.
fn roll_up(paths: &[PathBuf], settings: Settings) -> Result<RollUp, u8> {
    let found = members::discover(paths).map_err(|error| {
        crate::sink::stderr_line(&format!("error: {error}"));
        exit::ERROR
    })?;
    if found.is_empty() {
        crate::sink::stderr_line(&super::startup::no_manifest_below(paths));
        return Err(exit::ERROR);
    }
    let loaded = members::load(&found, settings);
    Ok(RollUp::of(settings.today, loaded))
}

/// `check`: each member's problems on stderr, a verdict per project and the
/// portfolio's on stdout; the worst status.
pub fn check(paths: &[PathBuf], format: CheckFormat, settings: Settings) -> u8 {
    let settings = Settings {
        history: false,
        ..settings
    };
    let roll = match roll_up(paths, settings) {
        Ok(roll) => roll,
        Err(code) => return code,
    };
    let view = PortfolioView::of(&roll);
    if format == CheckFormat::Github {
        return github(&roll, &view);
    }
    for member in &roll.members {
        match &member.state {
            State::Failed(failure) => match &failure.detail {
                Some(detail) => crate::sink::stderr(detail),
                None => crate::sink::stderr_line(&format!("error: {}", failure.message)),
            },
            State::Computed(c) if !c.snapshot.warnings.is_empty() => {
                let path = std::path::Path::new(&member.path);
                crate::sink::stderr(&super::render_diagnostics(
                    path,
                    &c.text,
                    &c.snapshot.warnings,
                ));
            }
            _ => {}
        }
    }
    let mut out = String::new();
    for row in &view.rows {
        out.push_str(&row.verdict());
        out.push('\n');
    }
    out.push_str(&view.verdict_line());
    out.push('\n');
    let printed = print_stdout(&out);
    if printed != exit::OK {
        return printed;
    }
    roll.status()
}

/// `check --format github` over the portfolio: each project's annotations
/// and verdict as for one manifest, a member that failed as an error on
/// its file, then the portfolio's verdict.
fn github(roll: &RollUp, view: &PortfolioView) -> u8 {
    use super::github::{Command, line, render, shown_path};
    let mut out = String::new();
    for member in &roll.members {
        let file = shown_path(std::path::Path::new(&member.path));
        match &member.state {
            State::Computed(c) => out.push_str(&render(&file, &c.text, &c.snapshot)),
            State::Failed(failure) => {
                let properties = [("file", file)];
                let command = Command {
                    name: "error",
                    properties: &properties,
                };
                out.push_str(&line(Some(command), &failure.message));
            }
            State::Report(_) => {}
        }
    }
    out.push_str(&line(None, &view.verdict_line()));
    let printed = print_stdout(&out);
    if printed != exit::OK {
        return printed;
    }
    roll.status()
}

/// `report`: the table as text or markdown, or the JSON document.
pub fn report(paths: &[PathBuf], format: Format, settings: Settings) -> u8 {
    let roll = match roll_up(paths, settings) {
        Ok(roll) => roll,
        Err(code) => return code,
    };
    let out = match format {
        Format::Json => report::portfolio::json(&roll),
        Format::Text => report::portfolio::text(&PortfolioView::of(&roll)),
        Format::Markdown => report::portfolio::markdown(&PortfolioView::of(&roll)),
    };
    let printed = print_stdout(&out);
    // A member that could not be read or computed is in the report, and
    // its status says the input was wrong.
    if roll.failures().next().is_some() {
        return exit::ERROR;
    }
    printed
}

/// `render`: the portfolio frame as plain text or an SVG picture.
pub fn render(
    paths: &[PathBuf],
    args: &super::render::RenderArgs,
    app_options: AppOptions,
    settings: Settings,
) -> u8 {
    let roll = match roll_up(paths, settings) {
        Ok(roll) => roll,
        Err(code) => return code,
    };
    let view = PortfolioView::of(&roll);
    let theme = crate::ui::theme::Theme::new(app_options.theme, app_options.no_color);
    let buffer = crate::ui::render::render_portfolio_buffer(
        &view,
        crate::ui::portfolio::State::default(),
        &theme,
        args.width,
        args.height,
    );
    let out = match args.format {
        super::render::RenderFormat::Text => crate::ui::render::buffer_text(&buffer),
        super::render::RenderFormat::Svg => crate::ui::svg::buffer_svg(&buffer, &theme),
    };
    let printed = print_stdout(&out);
    if roll.failures().next().is_some() {
        return exit::ERROR;
    }
    printed
}

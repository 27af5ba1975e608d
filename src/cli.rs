//! The command line (docs/cli.md): argument parsing and the thin shell that
//! reads the manifest file and the clock, calls the pure core and prints.
//! Exit statuses come from [`crate::exit`], the one table of them.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{AppOptions, ThemeName};
use crate::collect::Commands;
use crate::exit;
use crate::manifest::{Diagnostic, SourceMap};
use crate::manifest_file::{self, DEFAULT_FILE};
use crate::model::format::plural;
use crate::model::{self, Snapshot};
use crate::report;
use crate::view::View;

mod add;
mod completions;
mod github;
mod import;
mod man;
mod portfolio;
mod render;
mod schema_file;
mod set;
mod startup;
mod trend;

pub use startup::no_manifest_below;

#[derive(Debug, Parser)]
#[command(
    name = "readiness",
    version,
    about = "Release readiness computed from the work itself: completion, gates, blockers and a days-to-done forecast.",
    // `readiness FILE check`: the command ends the files before it.
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// The manifest [default: ./readiness.toml]; several FILEs, a folder
    /// (every readiness.toml below it) or JSON reports make a portfolio
    files: Vec<PathBuf>,

    /// Compute as of this date instead of the clock's (YYYY-MM-DD, at the
    /// latest 2999-12-31)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = startup::today)]
    today: Option<NaiveDate>,

    /// Monte Carlo trials for the P50/P85/P95 forecast [default: 2000, fewer
    /// on plans of more than 10,000 open tasks]
    #[arg(long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    trials: Option<u32>,

    /// Dashboard colours
    #[arg(long, global = true, value_enum, default_value_t = ThemeName::Dark)]
    theme: ThemeName,

    /// Draw the dashboard without colour (also when NO_COLOR is set)
    #[arg(long, global = true)]
    no_color: bool,

    /// Compare with the manifest as it stood at the end of this day instead
    /// of the previous working day ("since" in reports and standup mode);
    /// for `trend`, the window's first day
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    since: Option<NaiveDate>,

    /// Start the dashboard in presentation mode (`render`: draw it)
    #[arg(long, global = true)]
    present: bool,

    /// Run the manifest's `command` gates (never without this flag: a
    /// manifest someone else wrote must not run its code)
    #[arg(long, global = true)]
    allow_commands: bool,

    /// Opened from the portfolio's dashboard: Esc with nothing to close
    /// goes back to it
    #[arg(long, hide = true)]
    back_quits: bool,
}

impl Cli {
    /// The dashboard's options: `--theme`, and `--no-color` or a non-empty
    /// `NO_COLOR` (<https://no-color.org>).
    pub fn app_options(&self) -> AppOptions {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        AppOptions {
            theme: self.theme,
            no_color: self.no_color || no_color_env,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate, evaluate the gates, print diagnostics and a one-line verdict.
    /// Exit 0 ready, 1 not ready, 2 invalid.
    Check {
        /// The manifest [default: ./readiness.toml]; several FILEs, a
        /// folder or JSON reports make a portfolio
        files: Vec<PathBuf>,
        /// `github`: diagnostics and failing hard gates as GitHub Actions
        /// annotations (`::error file=…,line=…,col=…::…`), then the verdict
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// The full state as a report. Exit 0, or 2 when the manifest is invalid.
    Report {
        /// The manifest [default: ./readiness.toml]; several FILEs, a
        /// folder or JSON reports make a portfolio
        files: Vec<PathBuf>,
        /// Output format
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One frame of the dashboard as plain text, exactly what the terminal
    /// would show, or as an SVG picture of it in the theme's colours. Exit 0,
    /// or 2 when the manifest is invalid.
    Render(render::RenderArgs),
    /// The forecast's history from the file's git history: for each working
    /// day of the window (the last 30, or from --since), that day's version
    /// forecast with that day as today. Exit 0, or 2 when the manifest is
    /// invalid.
    Trend(trend::TrendArgs),
    /// Write a commented starter manifest; never overwrites.
    Init {
        /// Where to write it [default: ./readiness.toml]
        file: Option<PathBuf>,
    },
    /// Edit one task in place, keeping every comment, blank line and key
    /// order. The result is validated before anything is written, the write
    /// is atomic, and a file changed since it was read is never overwritten.
    /// Exit 0, or 2 (file untouched) for an invalid edit or result.
    Set(set::SetArgs),
    /// Append one task, component, person or gate in the manifest's own
    /// style (after the last entry of its kind, keeping every comment),
    /// validated before anything is written, atomic, never over a
    /// concurrent save. Exit 0, or 2 (file untouched).
    Add(add::AddArgs),
    /// Take the work from where it already lives: a GitHub issue list, a
    /// Jira export, Taskwarrior's `task export` or a markdown checklist,
    /// into the manifest. Run again, it updates what it imported and keeps
    /// everything written by hand. Exit 0, or 2 (manifest untouched).
    Import(import::ImportArgs),
    /// Print the JSON Schema (draft 2020-12) of the manifest, for completion
    /// and validation in editors (Taplo, VS Code's Even Better TOML).
    Schema,
    /// Print the shell completion script (bash, zsh, fish, elvish,
    /// powershell), e.g. `readiness completions bash > /etc/bash_completion.d/readiness`.
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): readiness(1), or with --manifest the
    /// manifest reference, readiness.toml(5). `readiness man | man -l -`
    Man {
        /// The manifest reference, readiness.toml(5), instead
        #[arg(long)]
        manifest: bool,
    },
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    Text,
    Github,
}

/// How a report prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Markdown,
    Json,
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    crate::sink::install_panic_hook();
    // clap's own messages (help, version, usage errors quoting an argument)
    // through the sink too, as plain text.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `readiness repot --format text`: clap takes `repot` for a FILE
            // and stumbles on what follows; say what was meant.
            let first = std::env::args_os().nth(1);
            if let Some(error) = first.as_deref().and_then(startup::mistyped_command) {
                crate::sink::stderr(&error);
                return ExitCode::from(exit::ERROR);
            }
            let text = e.render().to_string();
            if e.use_stderr() {
                crate::sink::stderr(&text);
            } else {
                let _ = crate::sink::stdout(&text);
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::ERROR));
        }
    };
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    // `readiness FILE check` names the file before the command: honour it.
    let app_options = cli.app_options();
    let top = cli.files;
    // `readiness chekc`: no such file, but a command mistyped.
    if let (None, [word]) = (&cli.command, top.as_slice())
        && let Some(error) = startup::mistyped_command(word.as_os_str())
    {
        crate::sink::stderr(&error);
        return ExitCode::from(exit::ERROR);
    }
    let standup = Standup {
        since: cli.since,
        present: cli.present,
    };
    let options = cli
        .trials
        .map_or_else(model::Options::default, model::Options::exact_trials);
    let commands = if cli.allow_commands {
        Commands::RunNow
    } else {
        Commands::Forbidden
    };
    // Several FILEs, a folder or a JSON report: a portfolio (docs/portfolio.md).
    let members = |files: &[PathBuf]| -> Vec<PathBuf> {
        if files.is_empty() {
            top.clone()
        } else {
            files.to_vec()
        }
    };
    let settings = crate::members::Settings {
        today,
        options,
        allow_commands: cli.allow_commands,
        since: standup.since,
        history: true,
    };
    let portfolio = |files: &[PathBuf]| {
        let paths = members(files);
        crate::members::is_portfolio(&paths).then_some(paths)
    };
    let top_portfolio = portfolio(&[]);
    let code = match cli.command {
        // The portfolio's dashboard on a terminal, else its text report.
        None if top_portfolio.is_some() => {
            let paths = top_portfolio.unwrap_or_default();
            if crate::sink::stdout_is_terminal() && !dumb_terminal() {
                let mut live = crate::live::LiveOptions::new(cli.today, app_options, options);
                live.since = standup.since;
                live.allow_commands = cli.allow_commands;
                return crate::live::run_portfolio(&paths, live);
            }
            portfolio::report(&paths, Format::Text, settings)
        }
        // The live dashboard on a terminal that can draw it, else the text
        // report (piped, or `TERM=dumb`: Emacs' shell, some CI logs).
        None if crate::sink::stdout_is_terminal() && !dumb_terminal() => {
            let mut live = crate::live::LiveOptions::new(cli.today, app_options, options);
            live.since = standup.since;
            live.present = standup.present;
            live.allow_commands = cli.allow_commands;
            live.back_quits = cli.back_quits;
            return crate::live::run(&first_or_default(&top), live);
        }
        None => report_command(
            &first_or_default(&top),
            Format::Text,
            today,
            options,
            standup,
            commands,
        ),
        Some(Command::Check { files, format }) => {
            if let Some(paths) = portfolio(&files) {
                portfolio::check(&paths, format, settings)
            } else {
                let path = first_or_default(&members(&files));
                match format {
                    CheckFormat::Text => check_command(&path, today, options, commands),
                    CheckFormat::Github => github::check(&path, today, options, commands),
                }
            }
        }
        Some(Command::Report { files, format }) => match portfolio(&files) {
            Some(paths) => portfolio::report(&paths, format, settings),
            None => report_command(
                &first_or_default(&members(&files)),
                format,
                today,
                options,
                standup,
                commands,
            ),
        },
        Some(Command::Render(args)) => match portfolio(&args.files) {
            Some(paths) => portfolio::render(&paths, &args, app_options, settings),
            None => {
                let path = first_or_default(&members(&args.files));
                let how = render::How {
                    today,
                    options,
                    app_options,
                    standup,
                    commands,
                };
                render::run(&path, &args, how)
            }
        },
        Some(Command::Init { file }) => {
            init_command(&file_or_default(file.or_else(|| top.first().cloned())))
        }
        Some(Command::Trend(args)) => trend::run(
            &file_or_default(args.file.clone().or_else(|| top.first().cloned())),
            args.format,
            today,
            standup.since,
            options,
        ),
        Some(Command::Set(args)) => set::run(&args, top.first().cloned(), today),
        Some(Command::Add(args)) => add::run(&args, top.first().cloned(), today),
        Some(Command::Import(args)) => import::run(&args, top.first().cloned(), today),
        Some(Command::Schema) => print_stdout(&crate::json_schema::render()),
        Some(Command::Completions { shell }) => completions::run(shell),
        Some(Command::Man { manifest }) => man::run(manifest),
    };
    ExitCode::from(code)
}

/// Standup mode's options: `--since` and `--present`.
#[derive(Debug, Clone, Copy)]
struct Standup {
    since: Option<NaiveDate>,
    present: bool,
}

/// `TERM=dumb`: a terminal that cannot move the cursor or draw a screen.
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// The one manifest of a command that reads one: the first given, else
/// the default.
fn first_or_default(files: &[PathBuf]) -> PathBuf {
    file_or_default(files.first().cloned())
}

fn file_or_default(file: Option<PathBuf>) -> PathBuf {
    file.unwrap_or_else(|| PathBuf::from(DEFAULT_FILE))
}

/// Reads and evaluates the manifest, with the evidence its gates name
/// (running their commands when allowed); prints diagnostics on failure.
fn load(
    path: &Path,
    today: NaiveDate,
    options: model::Options,
    commands: Commands,
) -> Result<(Snapshot, String), u8> {
    let text = manifest_file::read(path).map_err(|error| {
        crate::sink::stderr_line(&format!("error: {error}"));
        exit::ERROR
    })?;
    match crate::collect::evaluate(path, &text, today, options, commands) {
        Ok((snapshot, _)) => Ok((snapshot, text)),
        Err(diagnostics) => {
            crate::sink::stderr(&render_diagnostics(path, &text, &diagnostics).to_string());
            Err(exit::ERROR)
        }
    }
}

/// The diagnostics rendered with their source lines (at most 200 errors and
/// as many warnings, [`SourceMap::render_all`]), then a count.
pub fn render_diagnostics(path: &Path, text: &str, diagnostics: &[Diagnostic]) -> String {
    let map = SourceMap::new(text);
    let file = path.display().to_string();
    let mut out = map.render_all(&file, diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 {
        let _ = writeln!(
            out,
            "{file}: {} and {}; nothing computed",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        );
    }
    out
}

fn check_command(path: &Path, today: NaiveDate, options: model::Options, commands: Commands) -> u8 {
    let text = match manifest_file::read(path) {
        Ok(text) => text,
        Err(error) => {
            crate::sink::stderr_line(&format!("error: {error}"));
            return exit::ERROR;
        }
    };
    let (snapshot, skipped) = match check_evaluate(path, &text, today, options, commands) {
        Ok(checked) => checked,
        Err(diagnostics) => {
            crate::sink::stderr(&render_diagnostics(path, &text, &diagnostics).to_string());
            return exit::ERROR;
        }
    };
    if !snapshot.warnings.is_empty() {
        crate::sink::stderr(&render_diagnostics(path, &text, &snapshot.warnings).to_string());
    }
    if let Some(work) = skipped {
        let note = crate::view::forecast::percentiles_not_computed(&snapshot, work);
        crate::sink::stderr_line(&format!("note: {note}"));
    }
    let ready = snapshot.ready;
    let view = View::build(std::sync::Arc::new(snapshot), None, Some(&text));
    crate::sink::stdout_line(&report::verdict::verdict(&view).to_string());
    if ready { exit::OK } else { exit::NOT_READY }
}

/// The most Monte Carlo work `check` does, in task-trials (open tasks ×
/// trials): about 1.2 s of one core, so the 10,000-task plan's 2000 trials
/// still run and a 50,000-task plan's verdict comes in under a second
/// (docs/performance.md, "The forecast"). `check` answers "ready?"; the percentiles of a
/// plan beyond this are left to `report` and the dashboard, and the verdict
/// says `P50 … · P85 …`.
pub const CHECK_TRIAL_WORK: u64 = 15_000_000;

/// `check`'s evaluation: every figure, the trials run when they cost at
/// most [`CHECK_TRIAL_WORK`]; else their cost is returned and the forecast
/// stays `pending`.
pub fn check_evaluate(
    path: &Path,
    text: &str,
    today: NaiveDate,
    options: model::Options,
    commands: Commands,
) -> Result<(Snapshot, Option<u64>), Vec<Diagnostic>> {
    let (mut snapshot, pending, _) =
        crate::collect::evaluate_deterministic(path, text, today, options, commands)?;
    let mut skipped = None;
    if let Some(pending) = pending {
        let work = pending.work();
        if work <= CHECK_TRIAL_WORK {
            model::complete(&mut snapshot, pending);
        } else {
            skipped = Some(work);
        }
    }
    Ok((snapshot, skipped))
}

fn report_command(
    path: &Path,
    format: Format,
    today: NaiveDate,
    options: model::Options,
    standup: Standup,
    commands: Commands,
) -> u8 {
    let (snapshot, text) = match load(path, today, options, commands) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Since from the snapshot printed: the same finish on both lines; the
    // trend of the last 30 working days from the same reader, when the
    // file has history in them (else it would repeat today's figures).
    let mut reader = crate::history::Reader::new();
    let mut history = reader.standup_of(path, &snapshot, options, standup.since, false);
    let days = crate::trend::window(&snapshot.manifest.calendar, today, None).unwrap_or_default();
    let trend = Some(reader.trend(path, &snapshot, &days, options))
        .filter(crate::trend::Trend::has_history)
        .map(std::sync::Arc::new);
    history.trend = trend.clone();
    let out = match format {
        Format::Json => {
            report::json::render_full(&snapshot, Some(&history.since), trend.as_deref())
        }
        Format::Text | Format::Markdown => {
            let view = View::build(
                std::sync::Arc::new(snapshot),
                Some(std::sync::Arc::new(history)),
                Some(&text),
            );
            if format == Format::Text {
                report::text::render(&view)
            } else {
                report::markdown::render(&view)
            }
        }
    };
    print_stdout(&out)
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
pub(crate) fn print_stdout(text: &str) -> u8 {
    match crate::sink::stdout(text) {
        Ok(()) => exit::OK,
        Err(e) => {
            crate::sink::stderr_line(&format!("error: cannot write the report: {e}"));
            exit::ERROR
        }
    }
}

/// The starter manifest `init` writes.
pub const STARTER: &str = include_str!("starter.toml");

fn init_command(path: &Path) -> u8 {
    if path.is_dir() {
        crate::sink::stderr_line(&format!(
            "error: {} is a directory; give the file to write, e.g. {}",
            path.display(),
            path.join(DEFAULT_FILE).display()
        ));
        return exit::ERROR;
    }
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let result = file.and_then(|mut f| f.write_all(STARTER.as_bytes()));
    match result {
        Ok(()) => {
            crate::sink::stdout_line(&format!(
                "wrote {}: edit it, then run `readiness check {}`",
                path.display(),
                path.display()
            ));
            schema_file::report(path);
            exit::OK
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            crate::sink::stderr_line(&format!(
                "error: {} already exists; init never overwrites (remove it or give another path)",
                path.display()
            ));
            exit::ERROR
        }
        Err(e) => {
            crate::sink::stderr_line(&format!("error: cannot write {}: {e}", path.display()));
            exit::ERROR
        }
    }
}

#[cfg(test)]
mod check_tests {
    use super::*;

    /// The trials of `check` run within [`CHECK_TRIAL_WORK`]: on the
    /// showcase (a few hundred thousand task-trials) always.
    #[test]
    fn check_runs_the_trials_of_a_plan_within_its_budget() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("readiness.toml");
        let text = fs::read_to_string(&path).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (snapshot, skipped) = check_evaluate(
            &path,
            &text,
            today,
            model::Options::default(),
            Commands::Forbidden,
        )
        .unwrap();
        assert_eq!(skipped, None);
        assert!(!snapshot.forecast.pending && snapshot.forecast.p85.is_some());
        let (_, pending) =
            model::evaluate_deterministic(&text, today, model::Options::default(), |_| {
                Default::default()
            })
            .unwrap();
        let work = pending.expect("ranged estimates").work();
        assert!(work > 0 && work <= CHECK_TRIAL_WORK, "{work}");
    }
}

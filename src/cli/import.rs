//! `readiness import SOURCE [--from FORMAT] [--into FILE] [--dry-run]`: the
//! shell of [`crate::import`] — the export read with the manifest's bounds
//! (a regular file of at most 64 MiB), the manifest read and written by
//! [`crate::edit_file`] (atomic, never over a concurrent save; created when
//! absent), the summary and, with `--dry-run`, the diff.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::render_diagnostics;
use super::set::{new_warnings, print_invalid, print_syntax};
use crate::edit::value::basic_string;
use crate::edit_file;
use crate::exit;
use crate::import::sync::{self, SyncError};
use crate::import::{self, Format, ReadError};
use crate::manifest_file::{self, DEFAULT_FILE, MAX_BYTES};

/// `import`'s arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export: `gh issue list --json …` or REST issues JSON, a Jira CSV
    /// or REST JSON, `task export` JSON, or a markdown file
    #[arg(value_name = "SOURCE")]
    source: PathBuf,

    /// Its format [default: told from its content]
    #[arg(long, value_enum, value_name = "FORMAT")]
    from: Option<FromArg>,

    /// The manifest to write [default: ./readiness.toml, created when absent]
    #[arg(long, value_name = "FILE")]
    into: Option<PathBuf>,

    /// Print the summary and the diff; write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FromArg {
    Github,
    Jira,
    Taskwarrior,
    Markdown,
}

impl From<FromArg> for Format {
    fn from(f: FromArg) -> Format {
        match f {
            FromArg::Github => Format::Github,
            FromArg::Jira => Format::Jira,
            FromArg::Taskwarrior => Format::Taskwarrior,
            FromArg::Markdown => Format::Markdown,
        }
    }
}

/// Runs `import`.
pub fn run(args: &ImportArgs, top: Option<PathBuf>, today: NaiveDate) -> u8 {
    let source = &args.source;
    let bytes = match read_export(source) {
        Ok(bytes) => bytes,
        Err(message) => {
            crate::sink::stderr_line(&format!("error: {message}; nothing imported"));
            return exit::ERROR;
        }
    };
    let export = match import::read(&bytes, args.from.map(Format::from)) {
        Ok(export) => export,
        Err(error) => {
            let place = match &error {
                ReadError::Malformed { .. } | ReadError::NotUtf8 { .. } => ":",
                ReadError::Unknown(_) => ": ",
            };
            crate::sink::stderr_line(&format!(
                "error: {}{place}{error}; nothing imported",
                source.display()
            ));
            return exit::ERROR;
        }
    };
    let path = args
        .into
        .clone()
        .or(top)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
    let original = if path.exists() || path.is_symlink() {
        match edit_file::read(&path) {
            Ok(original) => Some(original),
            Err(error) => {
                crate::sink::stderr_line(&format!("error: {error}"));
                return exit::ERROR;
            }
        }
    } else {
        None
    };
    let text = original
        .as_ref()
        .map_or_else(|| starter(&path), |o| o.text.clone());
    let synced = match sync::sync(&text, &export, today) {
        Ok(synced) => synced,
        Err(error) => {
            crate::sink::stderr_line(&format!("error: {}: {error}", path.display()));
            match &error {
                SyncError::Syntax(diagnostics) => print_syntax(&path, diagnostics),
                SyncError::Invalid {
                    text, diagnostics, ..
                } => print_invalid(&path, text, diagnostics),
                _ => {}
            }
            return exit::ERROR;
        }
    };
    let changed = synced.text != text || original.is_none();
    if args.dry_run && changed {
        let old_name = format!("a/{}", path.display());
        let new_name = format!("b/{}", path.display());
        let before = if original.is_some() {
            text.as_str()
        } else {
            ""
        };
        let diff = similar::TextDiff::from_lines(before, synced.text.as_str());
        let shown = diff
            .unified_diff()
            .context_radius(3)
            .header(&old_name, &new_name)
            .to_string();
        let _ = crate::sink::stdout(&shown);
    }
    report(&path, &export, &synced);
    if !changed {
        crate::sink::stdout_line(&format!("{}: nothing to change", path.display()));
        return exit::OK;
    }
    if args.dry_run {
        crate::sink::stdout_line(&format!("{}: nothing written (--dry-run)", path.display()));
        return exit::OK;
    }
    let written = match &original {
        Some(original) => edit_file::write(original, &synced.text),
        None => edit_file::create(&path, &synced.text),
    };
    if let Err(error) = written {
        crate::sink::stderr_line(&format!("error: {error}"));
        return exit::ERROR;
    }
    let new = new_warnings(&text, &synced.warnings);
    if !new.is_empty() {
        crate::sink::stderr(&render_diagnostics(&path, &synced.text, &new));
    }
    exit::OK
}

/// The export's bytes: a regular file of at most 64 MiB (the manifest's
/// bounds, docs/trust.md), never read past the limit nor blocked on.
fn read_export(path: &Path) -> Result<Vec<u8>, String> {
    use manifest_file::ReadError as E;
    match manifest_file::read(path) {
        Ok(text) => Ok(text.into_bytes()),
        Err(E::Missing(_)) => Err(format!("cannot read {}: no such file", path.display())),
        Err(E::TooLarge { size, .. }) => Err(format!(
            "cannot read {}: {} MiB; exports over {} MiB are refused",
            path.display(),
            size.div_ceil(1024 * 1024),
            MAX_BYTES / 1024 / 1024
        )),
        Err(E::Directory(_)) => Err(format!("cannot read {}: it is a directory", path.display())),
        Err(error) => Err(error.to_string()),
    }
}

/// The manifest a first import starts from: a project named after the
/// manifest's folder.
fn starter(path: &Path) -> String {
    let folder = std::fs::canonicalize(
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
    .ok()
    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    .unwrap_or_else(|| "Imported".to_owned());
    let name = crate::edit::value::plain(&folder);
    format!("[project]\nname = {}\n", basic_string(&name))
}

/// The summary line and what it counts.
fn report(path: &Path, export: &import::Export, synced: &sync::Synced) {
    let summary = &synced.summary;
    for skip in &summary.skipped {
        crate::sink::stdout_line(&format!("  {}: {}", skip.at, skip.why));
    }
    for (wanted, given) in &summary.renamed {
        crate::sink::stdout_line(&format!("  id `{wanted}` written as `{given}`"));
    }
    if !summary.people.is_empty() {
        crate::sink::stdout_line(&format!("  people added: {}", summary.people.join(", ")));
    }
    match summary.headcount {
        Some((Some(was), now)) => crate::sink::stdout_line(&format!(
            "  headcount raised: [team] people = {now} (was {was}), one for each [[person]]"
        )),
        Some((None, now)) => crate::sink::stdout_line(&format!(
            "  headcount raised: [team] people = {now} (was not set: 1), one for each [[person]]"
        )),
        None => {}
    }
    if !summary.components.is_empty() {
        crate::sink::stdout_line(&format!(
            "  components added: {}",
            summary.components.join(", ")
        ));
    }
    if summary.missing_dependencies > 0 {
        crate::sink::stdout_line(&format!(
            "  {} dependencies on items in neither the export nor the manifest left out",
            summary.missing_dependencies
        ));
    }
    crate::sink::stdout_line(&format!(
        "{} ({}): {}",
        path.display(),
        export.format,
        summary.line()
    ));
}

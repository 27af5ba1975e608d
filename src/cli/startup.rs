//! Errors before anything is read, worded as every other error is
//! (`error: …` on stderr, then what to do, ripgrep and jj style; the exit
//! status from [`crate::exit`]): a first word that names no file but is a
//! command mistyped, a folder with no manifest below it, and `--today`'s
//! value. clap's own usage errors already have that form.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::CommandFactory as _;

use crate::manifest::suggest::Suggest;
use crate::manifest_file::DEFAULT_FILE;

/// When `word`, given where a FILE or a command goes, is no file but is a
/// command's name mistyped (`chekc`, `repot`): the error saying so, with
/// the command. `None` for a path (it holds a `/` or a `.`, or exists).
pub fn mistyped_command(word: &OsStr) -> Option<String> {
    let text = word.to_str()?;
    if text.contains(['/', '.']) || Path::new(word).exists() {
        return None;
    }
    let cli = super::Cli::command();
    let names: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        .collect();
    if names.contains(&text) {
        return None;
    }
    let closest = Suggest::new(names.iter().copied())
        .closest(text)?
        .to_owned();
    Some(format!(
        "error: no file or command named `{text}`\n\n  tip: a command with a similar name exists: `readiness {closest}`\n"
    ))
}

/// The error for folders with no manifest below them, and how to start one.
pub fn no_manifest_below(folders: &[PathBuf]) -> String {
    let names: Vec<String> = folders.iter().map(|p| p.display().to_string()).collect();
    let first = folders
        .first()
        .map_or_else(PathBuf::new, |f| f.join(DEFAULT_FILE));
    format!(
        "error: no {DEFAULT_FILE} below {} (folders ignored by .gitignore are skipped); \
         create one with `readiness init {}`",
        names.join(", "),
        first.display()
    )
}

/// `--today`: a calendar date as YYYY-MM-DD, no later than the last date a
/// forecast computes (docs/forecast.md, *Far future*). The message follows
/// clap's `invalid value '…' for '--today <YYYY-MM-DD>': `.
pub fn today(text: &str) -> Result<NaiveDate, String> {
    let date: NaiveDate = text.parse().map_err(|e: chrono::ParseError| {
        let why = match e.kind() {
            chrono::format::ParseErrorKind::OutOfRange => "no such date",
            _ => "not a date",
        };
        format!("{why}; expected YYYY-MM-DD, e.g. 2026-11-23")
    })?;
    if date > crate::forecast::calendar::LAST_DATE {
        return Err(format!(
            "{date} is past {}, the last date a forecast computes",
            crate::forecast::calendar::LAST_DATE
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_command_is_named_and_a_path_is_not() {
        let e = mistyped_command(OsStr::new("chekc")).expect("chekc");
        assert!(e.contains("`readiness check`"), "{e}");
        assert!(mistyped_command(OsStr::new("repot")).is_some_and(|e| e.contains("report")));
        for path in ["chekc.toml", "./chekc", "zzzzzzzz", "check"] {
            assert_eq!(mistyped_command(OsStr::new(path)), None, "{path}");
        }
    }

    #[test]
    fn today_says_what_is_wrong() {
        assert_eq!(
            today("2026-02-30").unwrap_err(),
            "no such date; expected YYYY-MM-DD, e.g. 2026-11-23"
        );
        assert_eq!(
            today("tomorrow").unwrap_err(),
            "not a date; expected YYYY-MM-DD, e.g. 2026-11-23"
        );
        assert_eq!(
            today("2026-11-23"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        );
    }
}

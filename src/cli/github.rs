//! `check --format github`: diagnostics and the hard gates that do not pass
//! as GitHub Actions workflow commands, so that they show as annotations on
//! the manifest in a pull request, then the verdict line (docs/trust.md,
//! "CI output").
//!
//! Every line goes through [`line`], which follows the runner's own parser
//! (actions/runner, `ActionCommand.TryParseV2` and `TryParse`): a line
//! that starts with `::` (after leading spaces) is a command `::name
//! k=v,k=v::data`, whose data has `%`, CR and LF escaped as `%25`, `%0D`,
//! `%0A`, and whose property values also `:` and `,` as `%3A`, `%2C`; a line
//! holding `##[` anywhere is a command of the older form `##[name]data`
//! (`##[stop-commands]token` stops the runner reading commands until
//! `token` comes). So no text from the manifest or its path can end a line,
//! start one with `::`, or hold `##[`: the `[` after `##` is written `%5B`,
//! which the runner leaves as it is.
//!
//! The file an annotation names is relative to the repository's root —
//! `GITHUB_WORKSPACE`, else the git work tree holding the manifest —
//! `/`-separated and without `./`, since GitHub places annotations on a
//! pull request's files by that path alone.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use super::print_stdout;
use crate::collect::Commands;
use crate::collect::files::normalize;
use crate::exit;
use crate::manifest::diagnostics::Severity;
use crate::manifest::{Diagnostic, SourceMap};
use crate::model::{self, GateStatus, Snapshot};
use crate::{manifest_file, report};

/// A workflow command's name and properties (`error`, `[("file", …)]`).
pub struct Command<'a> {
    pub name: &'a str,
    pub properties: &'a [(&'a str, String)],
}

/// One output line of `--format github`, with its line feed: the command
/// `::name k=v,…::text` when `command` is given, else `text` as a plain
/// line. Every unsafe character ([`crate::sink::is_unsafe_after`]) is
/// removed first; then in a command the data has `%`, CR and LF escaped and
/// each property value also `:` and `,`; a plain line has CR and LF escaped
/// and a leading `::` written `%3A:`; and in either, `##[` becomes `##%5B`.
/// The one way a line of this output is made.
pub fn line(command: Option<Command<'_>>, text: &str) -> String {
    let mut out = String::new();
    match command {
        Some(command) => {
            out.push_str("::");
            out.push_str(command.name);
            for (i, (key, value)) in command.properties.iter().enumerate() {
                out.push(if i == 0 { ' ' } else { ',' });
                let _ = write!(out, "{key}={}", escape(value, true));
            }
            out.push_str("::");
            out.push_str(&escape(text, false));
        }
        None => {
            let plain = clean(text).replace('\r', "%0D").replace('\n', "%0A");
            let lead = plain.len() - plain.trim_start().len();
            if plain[lead..].starts_with("::") {
                out.push_str(&plain[..lead]);
                out.push_str("%3A");
                out.push_str(&plain[lead + 1..]);
            } else {
                out.push_str(&plain);
            }
        }
    }
    let mut out = out.replace("##[", "##%5B");
    out.push('\n');
    out
}

/// `text` cleaned and escaped as command data, or as a property value when
/// `property`.
fn escape(text: &str, property: bool) -> String {
    let data = clean(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        data.replace(':', "%3A").replace(',', "%2C")
    } else {
        data
    }
}

/// `text` as the sink would print it ([`crate::sink::clean`]), CRs kept for
/// the escaping: the sink's cleaning then finds nothing to remove, so it
/// cannot join two characters into `##[` or `::` after this module looked.
fn clean(text: &str) -> String {
    text.split_inclusive('\r')
        .map(|part| {
            let body = part.strip_suffix('\r').unwrap_or(part);
            format!("{}{}", crate::sink::clean(body), &part[body.len()..])
        })
        .collect()
}

/// The path an annotation names for the manifest at `path` (as given on the
/// command line, relative to `cwd`): relative to `root` (the workspace or
/// the work tree) when it lies inside it, `/`-separated, without `.` or
/// `..`; otherwise the whole path, normalized.
pub fn annotation_path(path: &Path, cwd: &Path, root: Option<&Path>) -> String {
    let absolute = normalize(&cwd.join(path));
    let inside = root.and_then(|root| absolute.strip_prefix(normalize(&cwd.join(root))).ok());
    let shown = inside.unwrap_or(&absolute);
    let parts: Vec<String> = shown
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let joined = parts.join("/");
    if inside.is_none() && shown.has_root() {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The repository's root for [`annotation_path`]: `GITHUB_WORKSPACE` when
/// set and not empty (the runner's checkout), else the git work tree
/// holding the manifest (the nearest folder at or above it with a `.git`;
/// no git runs). Both as real paths when they resolve, so a manifest
/// reached through a symlink is still found inside.
fn repository_root(manifest: &Path) -> Option<PathBuf> {
    if let Some(workspace) = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty()) {
        return Some(PathBuf::from(workspace));
    }
    let folder = manifest.parent()?;
    crate::collect::files::work_tree(folder)
}

/// The annotation path of `path` as this process sees it: from the current
/// folder and the repository's root, compared as written and, failing
/// that, with symlinks resolved.
pub(crate) fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = normalize(&cwd.join(path));
    let root = repository_root(&absolute);
    let written = annotation_path(path, &cwd, root.as_deref());
    let Some(root) = root else {
        return written;
    };
    if absolute.starts_with(normalize(&root)) {
        return written;
    }
    // A symlinked workspace or folder: compare real paths (the file itself
    // may not exist; its folder is resolved).
    let real_root = std::fs::canonicalize(&root).ok();
    let real_file = absolute
        .parent()
        .and_then(|p| std::fs::canonicalize(p).ok())
        .zip(absolute.file_name())
        .map(|(folder, name)| folder.join(name));
    match (real_root, real_file) {
        (Some(root), Some(file)) if file.starts_with(&root) => {
            annotation_path(&file, Path::new("/"), Some(&root))
        }
        _ => written,
    }
}

/// One diagnostic as a workflow command, naming `file`.
pub fn diagnostic(file: &str, map: &SourceMap, d: &Diagnostic) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![("file", file.to_owned())];
    if let Some(span) = &d.span {
        let at = map.line_col(span.start);
        properties.push(("line", at.line.to_string()));
        properties.push(("col", at.col.to_string()));
    }
    line(
        Some(Command {
            name,
            properties: &properties,
        }),
        &d.one_line(),
    )
}

/// Every diagnostic, each hard gate that does not pass, then the verdict;
/// annotations name `file`.
pub fn render(file: &str, text: &str, snapshot: &Snapshot) -> String {
    let map = SourceMap::new(text);
    let mut out = String::new();
    for d in &snapshot.warnings {
        out.push_str(&diagnostic(file, &map, d));
    }
    for (i, result) in snapshot.hard_gates_not_passing() {
        let gate = &snapshot.manifest.gates[i];
        let status = match result.status {
            GateStatus::Fail => "fails",
            GateStatus::Unknown => "is unknown",
            GateStatus::Pass => continue,
        };
        let at = map.line_col(gate.span.start).line;
        let properties = [
            ("file", file.to_owned()),
            ("line", at.to_string()),
            ("title", format!("gate {}", gate.id)),
        ];
        out.push_str(&line(
            Some(Command {
                name: "error",
                properties: &properties,
            }),
            &format!("hard gate {} {status}: {}", gate.name, result.detail),
        ));
    }
    let view = crate::view::View::build(std::sync::Arc::new(snapshot.clone()), None, Some(text));
    out.push_str(&line(None, &report::verdict::verdict(&view)));
    out
}

/// `check --format github`: exit 0 ready, 1 not ready, 2 invalid — each
/// error of an invalid manifest an annotation too.
pub fn check(path: &Path, today: NaiveDate, options: model::Options, commands: Commands) -> u8 {
    let file = shown_path(path);
    let text = match manifest_file::read(path) {
        Ok(text) => text,
        Err(error) => {
            let properties = [("file", file)];
            let command = Command {
                name: "error",
                properties: &properties,
            };
            print_stdout(&line(Some(command), &error.to_string()));
            return exit::ERROR;
        }
    };
    match super::check_evaluate(path, &text, today, options, commands) {
        Ok((snapshot, skipped)) => {
            let mut out = String::new();
            if let Some(work) = skipped {
                let note = crate::view::forecast::percentiles_not_computed(&snapshot, work);
                let command = Command {
                    name: "notice",
                    properties: &[],
                };
                out.push_str(&line(Some(command), &note));
            }
            out.push_str(&render(&file, &text, &snapshot));
            print_stdout(&out);
            if snapshot.ready {
                exit::OK
            } else {
                exit::NOT_READY
            }
        }
        Err(diagnostics) => {
            let map = SourceMap::new(&text);
            let mut out = String::new();
            for d in &diagnostics {
                out.push_str(&diagnostic(&file, &map, d));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            out.push_str(&line(
                None,
                &format!(
                    "INVALID · {} in {file}; nothing computed",
                    crate::model::format::plural(errors, "error", "errors")
                ),
            ));
            print_stdout(&out);
            exit::ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(properties: &[(&str, String)], text: &str) -> String {
        line(
            Some(Command {
                name: "error",
                properties,
            }),
            text,
        )
    }

    #[test]
    fn escapes_data_and_properties_as_github_does() {
        assert_eq!(
            error(
                &[("file", "dir:x,y/100%.toml\n".into())],
                "50% done\r\nnext: a, b"
            ),
            "::error file=dir%3Ax%2Cy/100%25.toml%0A::50%25 done%0D%0Anext: a, b\n"
        );
    }

    #[test]
    fn no_control_character_survives() {
        // An escape sequence and a bidi override are removed; a newline
        // that would start a command of its own is escaped.
        assert_eq!(
            error(&[], "a\u{1b}[31mb\u{202e}c\n::set-env name=x::y"),
            "::error::a[31mbc%0A::set-env name=x::y\n"
        );
    }

    #[test]
    fn a_plain_line_cannot_become_a_command() {
        assert_eq!(line(None, "87.5% in a\nb"), "87.5% in a%0Ab\n");
        assert_eq!(line(None, "  ::error::x"), "  %3A:error::x\n");
        // `##[` anywhere, also once an invisible character between the two
        // `#` is removed.
        assert_eq!(
            line(None, "x ##[stop-commands]t"),
            "x ##%5Bstop-commands]t\n"
        );
        assert_eq!(
            error(&[("file", "#\u{200b}#[a".into())], "###[b"),
            "::error file=##%5Ba::###%5Bb\n"
        );
    }

    #[test]
    fn annotation_paths_are_relative_to_the_root() {
        let root = Path::new("/w/repo");
        let api = Path::new("/w/repo/services/api");
        let file = Path::new("readiness.toml");
        assert_eq!(
            annotation_path(file, api, Some(root)),
            "services/api/readiness.toml"
        );
        assert_eq!(
            annotation_path(
                Path::new("./services/api/./readiness.toml"),
                root,
                Some(root)
            ),
            "services/api/readiness.toml"
        );
        assert_eq!(
            annotation_path(Path::new("/w/repo/a/../b.toml"), api, Some(root)),
            "b.toml"
        );
        // Outside the root, or no root: the whole path.
        assert_eq!(
            annotation_path(Path::new("/elsewhere/r.toml"), api, Some(root)),
            "/elsewhere/r.toml"
        );
        assert_eq!(
            annotation_path(file, api, None),
            "/w/repo/services/api/readiness.toml"
        );
    }
}

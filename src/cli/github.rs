//! `check --format github`: diagnostics and the hard gates that do not pass
//! as GitHub Actions workflow commands, so that they show as annotations on
//! the manifest in a pull request, then the verdict line.
//!
//! `::error file=F,line=L,col=C::message` (and `::warning`), with GitHub's
//! escaping: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in a
//! property value `:` and `,` also become `%3A` and `%2C` (the rules of the
//! Actions toolkit's `command.ts`, which the runner reverses).

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::print_stdout;
use crate::collect::Commands;
use crate::exit;
use crate::manifest::diagnostics::{Severity, strip_controls};
use crate::manifest::{Diagnostic, SourceMap};
use crate::model::{self, GateStatus, Snapshot};
use crate::{manifest_file, report};

/// A message (the data after `::`), escaped.
pub fn escape_data(text: &str) -> String {
    clean(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value (`file=…`), escaped.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Line breaks kept for the escaping, every other control character and
/// bidirectional control removed: no text from the manifest can start a
/// workflow command of its own or disguise one.
fn clean(text: &str) -> String {
    text.split_inclusive(['\n', '\r'])
        .map(|part| {
            let body = part.trim_end_matches(['\n', '\r']);
            format!("{}{}", strip_controls(body), &part[body.len()..])
        })
        .collect()
}

/// One diagnostic as a workflow command.
pub fn diagnostic(file: &str, map: &SourceMap, d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = format!("file={}", escape_property(file));
    if let Some(span) = &d.span {
        let at = map.line_col(span.start);
        let _ = write!(properties, ",line={},col={}", at.line, at.col);
    }
    format!("::{command} {properties}::{}", escape_data(&d.one_line()))
}

/// Every diagnostic, each hard gate that does not pass, then the verdict.
pub fn render(file: &str, text: &str, snapshot: &Snapshot) -> String {
    let map = SourceMap::new(text);
    let mut out = String::new();
    for d in &snapshot.warnings {
        out.push_str(&diagnostic(file, &map, d));
        out.push('\n');
    }
    for (i, result) in snapshot.hard_gates_not_passing() {
        let gate = &snapshot.manifest.gates[i];
        let status = match result.status {
            GateStatus::Fail => "fails",
            GateStatus::Unknown => "is unknown",
            GateStatus::Pass => continue,
        };
        let line = map.line_col(gate.span.start).line;
        let title = format!("gate {}", gate.id);
        let _ = writeln!(
            out,
            "::error file={},line={line},title={}::{}",
            escape_property(file),
            escape_property(&title),
            escape_data(&format!(
                "hard gate {} {status}: {}",
                gate.name, result.detail
            ))
        );
    }
    let view = crate::view::View::build(std::sync::Arc::new(snapshot.clone()), None, Some(text));
    out.push_str(&report::verdict::verdict(&view));
    out.push('\n');
    out
}

/// `check --format github`: exit 0 ready, 1 not ready, 2 invalid — each
/// error of an invalid manifest an annotation too.
pub fn check(path: &Path, today: NaiveDate, options: model::Options, commands: Commands) -> u8 {
    let file = path.display().to_string();
    let text = match manifest_file::read(path) {
        Ok(text) => text,
        Err(error) => {
            print_stdout(&format!(
                "::error file={}::{}\n",
                escape_property(&file),
                escape_data(&error.to_string())
            ));
            return exit::ERROR;
        }
    };
    match super::check_evaluate(path, &text, today, options, commands) {
        Ok((snapshot, skipped)) => {
            if let Some(work) = skipped {
                let note = crate::view::forecast::percentiles_not_computed(&snapshot, work);
                print_stdout(&format!("::notice::{}\n", escape_data(&note)));
            }
            print_stdout(&render(&file, &text, &snapshot));
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
                out.push('\n');
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(
                out,
                "INVALID · {} in {file}; nothing computed",
                crate::model::format::plural(errors, "error", "errors")
            );
            print_stdout(&out);
            exit::ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_data_and_properties_as_github_does() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("dir:x,y/100%.toml\n"),
            "dir%3Ax%2Cy/100%25.toml%0A"
        );
    }

    #[test]
    fn no_control_character_survives() {
        // An escape sequence and a bidi override are removed; a newline
        // that would start a command of its own is escaped.
        assert_eq!(
            escape_data("a\u{1b}[31mb\u{202e}c\n::set-env name=x::y"),
            "a[31mbc%0A::set-env name=x::y"
        );
    }
}

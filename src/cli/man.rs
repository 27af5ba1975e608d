//! `readiness man`: the readiness(1) page — clap_mangen's sections from the
//! argument definitions, each command in detail, the exit status — and
//! `readiness man --manifest`: the readiness.toml(5) page, every section
//! and key of the manifest from the reference (docs/manifest.md).
//!
//! Both pages are plain ASCII roff ([`ascii`]): groff reads its input as
//! Latin-1 unless told otherwise, so a raw `…` is three bytes it warns
//! about and drops, and `man` in the C locale showed the GitHub example as
//! `::error file=,line=,col=::`.

use std::fmt::Write as _;

use clap::CommandFactory as _;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::{Cli, print_stdout};
use crate::reference;

/// Prints readiness(1), or readiness.toml(5) with `manifest`.
pub fn run(manifest: bool) -> u8 {
    let page = if manifest {
        manifest_page()
    } else {
        command_page()
    };
    print_stdout(&page)
}

/// readiness(1).
pub fn command_page() -> String {
    let command = Cli::command();
    let man = Man::new(command.clone()).date("").manual("readiness");
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let mut roff = Roff::new();
    for sub in command.get_subcommands() {
        roff.control(
            "SH",
            [format!("READINESS {}", sub.get_name().to_uppercase()).as_str()],
        );
        let mut usage = sub
            .clone()
            .bin_name(format!("readiness {}", sub.get_name()));
        roff.text([bold(
            usage
                .render_usage()
                .to_string()
                .trim_start_matches("Usage: "),
        )]);
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            roff.control("PP", []);
            roff.text([roman(about.to_string())]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && !a.is_hide_set())
        {
            roff.control("TP", []);
            let name = match (arg.get_long(), arg.get_short()) {
                (Some(long), Some(short)) => format!("-{short}, --{long}"),
                (Some(long), None) => format!("--{long}"),
                (None, _) => arg.get_id().as_str().to_uppercase(),
            };
            let mut head = vec![bold(name)];
            if arg.get_long().is_some() && arg.get_action().takes_values() {
                let value = arg
                    .get_value_names()
                    .and_then(|v| v.first())
                    .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string());
                head.push(roman(" "));
                head.push(italic(value));
            }
            roff.text(head);
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() && arg.get_long().is_some() && arg.get_action().takes_values() {
                help.push_str(&format!(" [possible values: {}]", values.join(", ")));
            }
            roff.text([roman(help)]);
        }
    }
    roff.control("SH", ["EXIT STATUS"]);
    for &(code, meaning) in crate::exit::TABLE {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []);
    roff.text([bold("NO_COLOR")]);
    roff.text([roman(
        "When set and not empty, the dashboard draws without colour.",
    )]);
    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([italic("readiness.toml")]);
    roff.text([roman(
        "The manifest read when no FILE is given; its format is in readiness.toml(5) (readiness man --manifest).",
    )]);
    roff.control("SH", ["SEE ALSO"]);
    roff.text([bold("readiness.toml"), roman("(5)")]);
    out.extend_from_slice(roff.to_roff().as_bytes());
    let _ = man.render_version_section(&mut out);
    ascii(&String::from_utf8_lossy(&out))
}

/// readiness.toml(5): the manifest's sections and keys.
pub fn manifest_page() -> String {
    let mut roff = Roff::new();
    roff.control("TH", ["READINESS.TOML", "5", "", "readiness", "readiness"]);
    roff.control("SH", ["NAME"]);
    roff.text([roman("readiness.toml - the release readiness manifest")]);
    roff.control("SH", ["DESCRIPTION"]);
    roff.text([roman(
        "One TOML file lists the components of a system, the tasks left in each and the gates that must pass before it ships. Keys are strict: an unknown section or key is an error with a \"did you mean\" hint. Dates are bare TOML dates (2026-12-15). Ids hold letters, digits, '-', '_' and '.'.",
    )]);
    for section in reference::sections() {
        roff.control("SH", [section.header.as_str()]);
        if !section.intro.is_empty() {
            roff.text([roman(section.intro.as_str())]);
        }
        for key in &section.keys {
            roff.control("TP", []);
            roff.text([bold(key.key.as_str()), roman(format!(" ({})", key.kind))]);
            roff.text([roman(key.description())]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([bold("readiness"), roman("(1); docs/manifest.md in the repository, the full reference with the estimate grammar, gate criteria and how every figure is computed.")]);
    ascii(&roff.to_roff())
}

/// `page` (roff from clap_mangen and the roff crate, which escape `-`, `\`
/// and a leading `.` or `'` but pass other characters through) with every
/// non-ASCII character written as a groff glyph name (groff_char(7)):
/// dashes, `≤`, `≥`, `×`, `→` and typographic quotes by the names that
/// have an ASCII form too (`\(en` is `–` on a UTF-8 terminal, `-` in the C
/// locale), `…` as `\&...` (groff has no ASCII form for U+2026), anything
/// else as `\[uXXXX]`. The roff crate's own escapes are ASCII, so no escape
/// is split.
pub fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        let named = match c {
            '…' => r"\&...",
            '–' => r"\(en",
            '—' => r"\(em",
            '≤' => r"\(<=",
            '≥' => r"\(>=",
            '×' => r"\(mu",
            '→' => r"\(->",
            '‘' => r"\(oq",
            '’' => r"\(cq",
            '“' => r"\(lq",
            '”' => r"\(rq",
            '·' => r"\(pc",
            c if c.is_ascii() => {
                out.push(c);
                continue;
            }
            c => {
                let _ = write!(out, r"\[u{:04X}]", u32::from(c));
                continue;
            }
        };
        out.push_str(named);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_becomes_glyph_names() {
        assert_eq!(
            ascii("::error file=…,line=…::… 0–100 a — b ≤ é 😀"),
            r"::error file=\&...,line=\&...::\&... 0\(en100 a \(em b \(<= \[u00E9] \[u1F600]"
        );
        assert!(command_page().is_ascii() && manifest_page().is_ascii());
    }
}

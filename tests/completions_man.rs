//! `readiness completions SHELL` and `readiness man` (README, "Usage"): each
//! script loads in its shell and completes commands, options and values
//! (bash, zsh, fish, elvish; PowerShell has no Debian package, so its script
//! is only checked to be produced); both man pages render with `man -l`
//! without a warning and hold every command and every documented key.

// Test output, not the product's: the sink rule (clippy.toml) is for src/.
#![allow(clippy::disallowed_macros, clippy::disallowed_methods)]

use std::io::Write as _;
use std::process::Stdio;

use tempfile::TempDir;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

fn readiness(args: &[&str]) -> String {
    let out = hermetic::readiness().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Writes the script for `shell` to a file and returns its path.
fn script(dir: &TempDir, shell: &str) -> String {
    let path = dir.path().join(format!("readiness.{shell}"));
    std::fs::write(&path, readiness(&["completions", shell])).unwrap();
    path.display().to_string()
}

fn run(program: &str, args: &[&str]) -> String {
    let out = hermetic::command(program).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{program} {args:?}: {stderr}");
    assert!(stderr.trim().is_empty(), "{program} printed: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bash_completes_commands_options_and_values() {
    if tools::missing(&[&tools::BASH]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let file = script(&dir, "bash");
    // `_readiness` is what `complete -F` calls; COMP_* as bash sets them.
    let complete = |line: &str| {
        let words: Vec<&str> = line.split(' ').collect();
        let code = format!(
            "source {file}; complete -p readiness >/dev/null || exit 3; COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; _readiness readiness '{cur}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words = words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" "),
            cword = words.len() - 1,
            cur = words[words.len() - 1],
            prev = words[words.len() - 2],
        );
        run("bash", &["-c", &code])
    };
    let commands = complete("readiness ");
    for command in [
        "check",
        "report",
        "render",
        "init",
        "set",
        "schema",
        "completions",
        "man",
    ] {
        if command == "schema" && !commands.contains("schema") {
            continue; // comes with `readiness schema`
        }
        assert!(
            commands.lines().any(|l| l == command),
            "{command}: {commands}"
        );
    }
    let options = complete("readiness set --st");
    assert_eq!(
        options.lines().collect::<Vec<_>>(),
        ["--status", "--started"]
    );
    let statuses = complete("readiness set a --status ");
    assert_eq!(
        statuses.lines().collect::<Vec<_>>(),
        ["todo", "doing", "done", "blocked", "dropped"]
    );
    let shells = complete("readiness completions ");
    assert!(shells.contains("powershell"), "{shells}");
}

#[test]
fn zsh_loads_the_script() {
    if tools::missing(&[&tools::ZSH]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let file = script(&dir, "zsh");
    let out = run(
        "zsh",
        &[
            "-f",
            "-c",
            &format!(
                "autoload -U compinit; compinit -u -D; source {file}; print -r -- $_comps[readiness]"
            ),
        ],
    );
    assert_eq!(out.trim(), "_readiness");
}

#[test]
fn fish_completes_commands_and_options() {
    if tools::missing(&[&tools::FISH]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let file = script(&dir, "fish");
    let out = run(
        "fish",
        &[
            "--no-config",
            "-c",
            &format!(
                "source {file}; complete -C'readiness se'; complete -C'readiness set x --sta'"
            ),
        ],
    );
    assert!(out.lines().any(|l| l.starts_with("set\t")), "{out}");
    assert!(out.lines().any(|l| l.starts_with("--status\t")), "{out}");
}

#[test]
fn elvish_compiles_and_runs_the_completer() {
    if !tools::present(&ELVISH) {
        // Optional: Debian has elvish, but the readiness tests do not
        // require it (.ci/run does not install it).
        let _ = writeln!(
            std::io::stderr(),
            "\n*** elvish not installed: its completion script is not exercised ({})\n",
            ELVISH.install
        );
        return;
    }
    let dir = TempDir::new().unwrap();
    let script = readiness(&["completions", "elvish"]);
    // `edit:` exists only in an interactive shell on a terminal: stand-ins
    // for the two names the script uses, then its completer called.
    let code = format!(
        "var completer = [&]\nfn complex-candidate {{|text &display=''| put $text }}\n{}\n$completer[readiness] readiness se\n$completer[readiness] readiness set --st\n",
        script
            .replace("edit:completion:arg-completer", "completer")
            .replace("edit:complex-candidate", "complex-candidate")
    );
    let path = dir.path().join("test.elv");
    std::fs::write(&path, code).unwrap();
    let out = run("elvish", &["-norc", &path.display().to_string()]);
    assert!(out.lines().any(|l| l.trim() == "▶ set"), "{out}");
    assert!(out.lines().any(|l| l.trim() == "▶ --status"), "{out}");
}

const ELVISH: tools::Tool = tools::tool(
    "elvish",
    &["elvish", "-version"],
    "apt-get install -y elvish",
);

#[test]
fn powershell_script_is_produced() {
    let out = readiness(&["completions", "powershell"]);
    assert!(out.contains("Register-ArgumentCompleter"), "{out}");
    assert!(out.contains("'readiness;set'"), "{out}");
}

/// `program ARGS` with `env` and `input` on its stdin; its stdout and
/// stderr as text, after asserting it succeeded.
fn pipe(program: &str, args: &[&str], env: &[(&str, &str)], input: &str) -> (String, String) {
    let mut child = hermetic::command(program)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{program} {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

/// The page rendered by `man -l -` in `locale`, `width` columns wide.
fn man_in(page: &str, locale: &str, width: &str) -> (String, String) {
    let env = [("MANWIDTH", width), ("LC_ALL", locale), ("MANPAGER", "cat")];
    pipe("man", &["--warnings", "-l", "-"], &env, page)
}

/// The page rendered by `man -l -`, with groff's warnings on.
fn man(page: &str) -> String {
    let (text, stderr) = man_in(page, "C.UTF-8", "80");
    assert!(stderr.trim().is_empty(), "man warned:\n{stderr}");
    text
}

#[test]
fn groff_reads_both_pages_without_a_warning() {
    if tools::missing(&[&tools::GROFF]) {
        return;
    }
    for args in [&["man"][..], &["man", "--manifest"]] {
        let page = readiness(args);
        // A UTF-8 terminal, and the C locale's ASCII one: every character
        // has a form on both.
        for device in ["utf8", "ascii"] {
            let (_, warnings) = pipe(
                "groff",
                &["-ww", "-man", &format!("-T{device}")],
                &[],
                &page,
            );
            assert!(warnings.is_empty(), "{args:?} -T{device}:\n{warnings}");
        }
    }
}

#[test]
fn the_github_example_survives_the_c_locale() {
    if tools::missing(&[&tools::MAN]) {
        return;
    }
    let (text, _) = man_in(&readiness(&["man"]), "C", "200");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("(`::error file=...,line=...,col=...::...`)"),
        "{words}"
    );
    // The percentage range of `set --progress`, its dash kept.
    assert!(words.contains("in percent (0-100)"), "{words}");
}

#[test]
fn the_man_page_renders_without_warnings_and_lists_every_command() {
    if tools::missing(&[&tools::MAN]) {
        return;
    }
    let text = man(&readiness(&["man"]));
    for heading in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "READINESS CHECK",
        "READINESS SET",
        "READINESS MAN",
        "EXIT STATUS",
        "SEE ALSO",
    ] {
        assert!(
            text.lines().any(|l| l == heading),
            "{heading} missing:\n{text}"
        );
    }
    // Words, whatever the line breaks.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("--no-blocker Removes the task's `blocker`"),
        "{words}"
    );
    assert!(
        words.contains("[possible values: todo, doing, done, blocked, dropped]"),
        "{words}"
    );
}

#[test]
fn the_manifest_page_has_every_documented_key() {
    if tools::missing(&[&tools::MAN]) {
        return;
    }
    let text = man(&readiness(&["man", "--manifest"]));
    for section in readiness::reference::sections() {
        assert!(
            text.lines().any(|l| l == section.header),
            "{} missing:\n{text}",
            section.header
        );
        for key in &section.keys {
            assert!(
                text.contains(&format!("       {} (", key.key)),
                "{} {} missing",
                section.header,
                key.key
            );
        }
    }
}

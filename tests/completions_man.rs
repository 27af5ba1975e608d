//! `readiness completions SHELL` and `readiness man` (docs/cli.md, "Shell completion and man pages"): each
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

#[path = "common/tmux.rs"]
mod tmux;

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

/// An interactive zsh in tmux with the script on `$fpath` as `_readiness`
/// and `compinit` run (the way a user installs it), in a folder holding a
/// manifest; the prompt is `READY> `.
fn interactive_zsh(dir: &TempDir) -> tmux::Tmux {
    let functions = dir.path().join("functions");
    std::fs::create_dir(&functions).unwrap();
    std::fs::write(
        functions.join("_readiness"),
        readiness(&["completions", "zsh"]),
    )
    .unwrap();
    std::fs::write(dir.path().join("readiness.toml"), "").unwrap();
    std::fs::write(
        dir.path().join(".zshrc"),
        format!(
            "fpath=({} $fpath)\nautoload -U compinit\ncompinit -u -D\nPROMPT='READY> '\n",
            functions.display()
        ),
    )
    .unwrap();
    let tmux = tmux::Tmux::new("zsh");
    let command = format!(
        "env ZDOTDIR={} HOME={} zsh -d -i",
        dir.path().display(),
        dir.path().display()
    );
    tmux.session(dir.path(), &command, 120, 30);
    tmux.wait_for("the zsh prompt", |s| s.contains("READY>"));
    tmux
}

/// What zsh lists or inserts when Tab is pressed after `line`: the screen
/// below the prompt line, then the line itself; the line is cleared after.
fn tab(tmux: &tmux::Tmux, line: &str, done: impl Fn(&str) -> bool) -> String {
    tmux.keys(&["-l", line]);
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for(&format!("zsh to complete {line:?}"), |s| done(s));
    // Clear the line and the screen for the next one.
    tmux.keys(&["C-u", "C-l"]);
    tmux.wait_for("a clear prompt", |s| s.trim() == "READY>");
    screen
}

/// Whether `word` is listed on the screen as a word of its own (not inside
/// a description, where `powershell)` and `schema,` stand).
fn listed(screen: &str, word: &str) -> bool {
    screen
        .lines()
        .skip(1)
        .any(|l| l.split_whitespace().any(|w| w == word))
}

#[test]
fn zsh_completes_after_a_subcommand_when_tab_is_pressed() {
    if tools::missing(&[&tools::ZSH, &tools::TMUX]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let tmux = interactive_zsh(&dir);
    // The shells after `completions`, not the commands again.
    let screen = tab(&tmux, "readiness completions ", |s| {
        s.contains("powershell")
    });
    for shell in ["bash", "elvish", "fish", "zsh"] {
        assert!(listed(&screen, shell), "{screen}");
    }
    assert!(!listed(&screen, "schema"), "{screen}");
    // The statuses after `set TASK --status`.
    let screen = tab(&tmux, "readiness set t1 --status ", |s| {
        s.contains("dropped")
    });
    for status in ["todo", "doing", "done", "blocked"] {
        assert!(listed(&screen, status), "{screen}");
    }
    // An option of the command after it.
    let screen = tab(&tmux, "readiness check --for", |s| s.contains("--format="));
    assert!(
        screen.contains("READY> readiness check --format="),
        "{screen}"
    );
    // The first word: the commands, and files for `readiness FILE`.
    let screen = tab(&tmux, "readiness ", |s| {
        listed(s, "completions") && listed(s, "readiness.toml")
    });
    assert!(listed(&screen, "schema"), "{screen}");
    // `readiness FILE COMMAND` completes as `readiness COMMAND`.
    let screen = tab(&tmux, "readiness readiness.toml check --for", |s| {
        s.contains("--format=")
    });
    assert!(
        screen.contains("READY> readiness readiness.toml check --format="),
        "{screen}"
    );
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

//! Every injection shape — CSI, OSC 52 (clipboard), OSC 8 (link), the
//! 8-bit CSI U+009B, a bidi override, zero-width characters, and markdown's
//! links, images, raw HTML, autolinks, references and mentions — in every
//! manifest string, in evidence (JUnit test names and failure messages, a
//! coverage file that does not parse), in a command's output, in a commit
//! message and a past file name, through every sink: stdout as text,
//! markdown and JSON, stderr diagnostics, `render` and the dashboard in
//! tmux (its raw output recorded with `pipe-pane`). Plus evidence that
//! leaves the project (`/proc/self/environ`, `/etc/passwd`, `..`).

use std::fs;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::Value;
use tempfile::TempDir;

use super::repos::{Repo, Traps, git_in};
use super::{BIN, TODAY, quote, readiness, run_all};

/// Every shape at once; `PWN`, `C1`, `bidi` and `zw` follow the sequences
/// so a surviving one would be seen right before its word. Then the rarer
/// ones: a lone CR and a backspace (overwriting what was shown), NEL, the
/// line and paragraph separators, the Arabic letter mark and the isolates,
/// a tag run ("ASCII smuggling"), a run of variation selectors (one byte
/// each), format characters beyond the usual few (Arabic, Syriac, Kaithi,
/// Egyptian, shorthand and musical ones), GitHub math, a `GH-` reference, a
/// footnote and a reference definition.
const PAYLOAD: &str = "\u{1b}[31mPWN \u{1b}]52;c;cHduZWQ=\u{7} \u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\ \
\u{9b}31mC1 \u{202E}bidi\u{2066} zw\u{200B}\u{200D}\u{FEFF}\u{2060} [x](javascript:alert(1)) \
![i](https://evil.example/t.png) <img src=x onerror=alert(1)> @everyone https://evil.example www.evil.example #1 \
over\rwrite back\u{8}space nel\u{85} ls\u{2028}ps\u{2029} alm\u{61C}lri\u{2066}pdi\u{2069} \
tag\u{E0001}\u{E0070}\u{E0077}\u{E006E}\u{E007F} vs\u{FE0F}\u{FE0E}\u{FE01}\u{E0100}\u{E01EF} \
fmt\u{600}\u{6DD}\u{70F}\u{890}\u{8E2}\u{110BD}\u{13430}\u{1343F}\u{1BCA0}\u{1D173} \
$\\huge{\\text{OK}}$ GH-12 [^1] [r]: https://evil.example/r";

/// A character that must not reach a terminal, a JSON string or markdown
/// (the test's own list, not the library's): controls, every format
/// character (Unicode's Cf, from its UnicodeData.txt), the line and
/// paragraph separators and the variation selectors supplement.
fn forbidden(c: char) -> bool {
    let c32 = c as u32;
    (c32 < 0x20 && c != '\n' && c != '\t')
        || (0x7f..=0x9f).contains(&c32)
        || matches!(
            c32,
            0xAD | 0x600..=0x605
                | 0x61C
                | 0x6DD
                | 0x70F
                | 0x890..=0x891
                | 0x8E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x2028..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
                | 0xE0100..=0xE01EF
        )
}

/// A variation selector (text or emoji presentation): allowed only right
/// after a visible character, where it selects that character's look.
fn selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}')
}

/// The first character that must not leave, with its byte offset: a
/// forbidden one, or a variation selector after nothing visible (a run of
/// them carries hidden bytes).
fn first_forbidden(text: &str) -> Option<(usize, char)> {
    let mut before: Option<char> = None;
    for (i, c) in text.char_indices() {
        let stray =
            selector(c) && before.is_none_or(|b| b.is_whitespace() || forbidden(b) || selector(b));
        if forbidden(c) || stray {
            return Some((i, c));
        }
        before = Some(c);
    }
    None
}

fn assert_clean(label: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((i, c)) = first_forbidden(&text) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(k, _)| k);
        let to = text[i..]
            .char_indices()
            .nth(40)
            .map_or(text.len(), |(k, _)| i + k);
        panic!(
            "{label}: U+{:04X} escaped at byte {i}: {:?}",
            c as u32,
            &text[from..to]
        );
    }
}

/// `text` as a TOML basic string, controls as `\uXXXX`.
fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A manifest with the payload in every string field, a JUnit gate, a
/// coverage gate on a file that does not parse, a command gate that prints
/// it, and evidence paths that leave the project.
fn manifest() -> String {
    let p = toml_str(PAYLOAD);
    format!(
        r#"[project]
name = {name}
version = {p}

[metrics]
{p} = 1

[[component]]
id = "app"
name = {p}
owner = {p}

[[task]]
id = "a"
title = {p}
component = "app"
blocker = {p}
owner = {p}
estimate = "1d"

[[task]]
id = "b"
title = {p}
component = "app"
status = "done"
done = 2026-11-20
estimate = 1

[[gate]]
id = "named"
name = {p}
metric = {p}
min = 2

[[gate]]
id = "unknown-metric"
metric = "nope"
min = 1

[[gate]]
id = "junit"
name = {p}
junit = "reports/*.xml"

[[gate]]
id = "coverage"
coverage = "lcov.info"
min = 50

[[gate]]
id = "command"
command = "printf 'cmdok \\033]52;c;cHduZWQ=\\007\\033[31mPWN \\302\\233C1 \\342\\200\\256bidi zw\\342\\200\\213 [x](javascript:y) @everyone\\n'"

[[gate]]
id = "environ"
coverage = "/proc/self/environ"
min = 1

[[gate]]
id = "passwd"
junit = "/etc/passwd"

[[gate]]
id = "up"
coverage = "../secret.info"
min = 1
"#,
        name = toml_str(&format!("Hostile {PAYLOAD}")),
    )
}

const SECRET: &str = "SECRET_TOKEN_d41d8cd98f00";

/// The project: a repository whose manifest was committed on Friday under
/// a hostile file name with a hostile message, then renamed.
fn project() -> (Repo, TempDir) {
    let outer = TempDir::new().expect("temp dir");
    fs::write(
        outer.path().join("secret.info"),
        format!("TN:{SECRET}\nSF:x\nLF:1\nLH:1\nend_of_record\n"),
    )
    .expect("secret");
    let repo = Repo::new_in(outer.path());
    let old_name = "plan-\u{1b}]52;c;cHduZWQ=\u{7}-\u{202E}-\u{9b}31m.toml";
    repo.commit(old_name, &manifest(), "2026-11-20");
    git_in(repo.dir.path(), &["mv", old_name, "readiness.toml"], None);
    git_in(
        repo.dir.path(),
        &["commit", "-q", "-m", &format!("rename {PAYLOAD}")],
        Some("2026-11-23T12:00:00+0000"),
    );
    fs::create_dir(repo.path("reports")).expect("reports");
    let name = PAYLOAD.replace(['<', '>', '&', '"'], "");
    fs::write(
        repo.path("reports/junit.xml"),
        format!(
            "<testsuite name=\"s\" tests=\"2\" failures=\"1\"><testcase classname=\"c\" name=\"{name}\">\
             <failure message=\"{name}\">{name}</failure></testcase><testcase classname=\"c\" name=\"ok\"/></testsuite>"
        ),
    )
    .expect("junit");
    fs::write(
        repo.path("lcov.info"),
        format!("TN:x\nSF:{PAYLOAD}\nLH:{PAYLOAD}\n"),
    )
    .expect("lcov");
    // The symlink way out, too.
    std::os::unix::fs::symlink("/etc/passwd", repo.path("reports/passwd.xml")).expect("symlink");
    (repo, outer)
}

fn env() -> Vec<(String, String)> {
    vec![("SECRET_TOKEN".to_owned(), SECRET.to_owned())]
}

#[test]
fn no_injection_leaves_through_any_sink() {
    if super::tools_missing() {
        return;
    }
    let traps = Traps::new();
    let (repo, _outer) = project();
    let path = repo.path("readiness.toml");
    let env = env();
    let runs = run_all(&path, &traps, &env, &["--allow-commands"]);
    let mut json = None;
    for run in &runs {
        assert!(matches!(run.code, Some(0 | 1)), "{}: {run:?}", run.label);
        assert_clean(&format!("{} stdout", run.label), &run.stdout);
        assert_clean(&format!("{} stderr", run.label), &run.stderr);
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(!out.contains(SECRET), "{}: the secret leaked", run.label);
        assert!(
            !out.contains("root:x:0:0"),
            "{}: /etc/passwd leaked",
            run.label
        );
        if run.label.contains("markdown") {
            assert_inert_markdown(&out);
        }
        if run.label.ends_with("json") {
            json = Some(serde_json::from_slice::<Value>(&run.stdout).expect("JSON"));
        }
    }
    // The JSON keeps the text, escaped: a program gets it back whole.
    let json = json.expect("a JSON run");
    assert_eq!(json["project"]["version"], PAYLOAD);
    let gates = json["gates"].as_array().expect("gates");
    let detail = |id: &str| {
        gates
            .iter()
            .find(|g| g["id"] == id)
            .map_or(String::new(), |g| {
                g["detail"].as_str().unwrap_or_default().to_owned()
            })
    };
    assert!(detail("command").contains("cmdok"), "{}", detail("command"));
    for id in ["environ", "passwd", "up"] {
        assert!(
            detail(id).contains("outside the project"),
            "{id}: {}",
            detail(id)
        );
    }
    // The history was read (Friday's version under its hostile name).
    assert_eq!(json["since"]["source"], "git", "{}", json["since"]);
    assert!(
        json["since"]["path"]
            .as_str()
            .unwrap_or_default()
            .starts_with("plan-")
    );
    assert_eq!(traps.left(), Vec::<String>::new());
    dashboard(&path, &traps, &env);
}

#[test]
fn diagnostics_on_stderr_are_clean() {
    if super::tools_missing() {
        return;
    }
    let traps = Traps::new();
    let dir = TempDir::new().expect("temp dir");
    let path = dir.path().join("bad-\u{1b}[31m\u{202E}.toml");
    let p = toml_str(PAYLOAD);
    fs::write(
        &path,
        format!(
            "[project]\nname = \"x\"\n{p} = 1\n\n[[component]]\nid = \"app\"\n\n[[task]]\nid = \"a\"\ntitle = {p}\ncomponent = {p}\nestimate = {p}\ndepends_on = [{p}]\n# {PAYLOAD}\n"
        ),
    )
    .expect("write");
    for args in [
        &["check"][..],
        &["check", "--format", "github"],
        &["report", "--format", "json"],
        &["render"],
    ] {
        let out = readiness(&traps, &[])
            .arg(&path)
            .args(args)
            .args(["--today", TODAY])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.is_empty() || !out.stdout.is_empty(), "{args:?}");
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
    }
    // clap's own errors quote the argument: through the sink too.
    let out = readiness(&traps, &[])
        .args(["report", "--format", PAYLOAD])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_clean("clap error", &out.stderr);
}

/// Parses the markdown as CommonMark with GitHub's tables and
/// strikethrough: no link, image or HTML may come out, and no text node
/// may hold what GitHub turns into a link or a mention (those are left to
/// code spans).
fn assert_inert_markdown(markdown: &str) {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_MATH);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_GFM);
    options.insert(Options::ENABLE_TASKLISTS);
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a live link to {dest_url}"),
            Event::Start(Tag::Image { dest_url, .. }) => panic!("a live image from {dest_url}"),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML: {h}"),
            Event::InlineMath(m) | Event::DisplayMath(m) => panic!("live math: {m}"),
            Event::FootnoteReference(f) => panic!("a live footnote: {f}"),
            Event::Start(Tag::FootnoteDefinition(f)) => panic!("a footnote definition: {f}"),
            Event::Text(t) => {
                for needle in ["@everyone", "://", "www.", "#1", "GH-12"] {
                    assert!(!t.contains(needle), "{needle} live in text {t:?}");
                }
            }
            _ => {}
        }
    }
}

/// The dashboard in tmux with the commands allowed; its raw output recorded
/// from the first byte, and tmux's clipboard and title watched.
fn dashboard(path: &Path, traps: &Traps, env: &[(String, String)]) {
    let tmux = super::tmux::Tmux::new("inject");
    let dir = path.parent().expect("folder");
    let scratch = TempDir::new().expect("temp dir");
    let go = scratch.path().join("go");
    let raw = scratch.path().join("raw");
    let mut text = format!(
        "#!/bin/sh\nwhile [ ! -e {} ]; do sleep 0.02; done\nexport PATH={}\nexport TZ=UTC\n",
        quote(&go.display().to_string()),
        quote(&traps.path_var())
    );
    for (k, v) in env {
        text.push_str(&format!("export {k}={}\n", quote(v)));
    }
    text.push_str(&format!(
        "exec {} {} --today {TODAY} --allow-commands\n",
        quote(BIN),
        quote(&path.display().to_string())
    ));
    let script = scratch.path().join("run.sh");
    fs::write(&script, text).expect("script");
    let command = format!(
        "sh {}; exec sleep 600",
        quote(&script.display().to_string())
    );
    tmux.session(dir, &command, 200, 50);
    assert!(
        tmux.run(&["set", "-g", "set-clipboard", "on"])
            .status
            .success()
    );
    let pipe = format!("cat > {}", quote(&raw.display().to_string()));
    assert!(tmux.run(&["pipe-pane", "-o", &pipe]).status.success());
    let title = tmux.run(&["display", "-p", "#{pane_title}"]).stdout;
    fs::write(&go, "").expect("go");
    tmux.wait_for("the command's output", |s| s.contains("cmdok"));
    tmux.keys(&["q"]);
    tmux.wait_for("the dashboard to quit", |s| !s.contains("cmdok"));
    let bytes = fs::read(&raw).expect("raw output");
    let stream = String::from_utf8_lossy(&bytes);
    assert!(
        stream.contains("cmdok"),
        "the recording holds the dashboard"
    );
    for needle in [
        "\u{1b}]",
        "\u{1b}[31mPWN",
        "\u{9b}",
        "\u{202E}",
        "\u{2066}",
        "\u{200B}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{2060}",
    ] {
        assert!(!stream.contains(needle), "{needle:?} reached the terminal");
    }
    // Without the dashboard's own CSI sequences, nothing may be left but
    // text: no other escape, control, format character or stray selector.
    assert_clean("the dashboard's raw output", text_of(&stream).as_bytes());
    let buffers = tmux.run(&["list-buffers"]).stdout;
    assert!(
        buffers.is_empty(),
        "OSC 52 set the clipboard: {}",
        String::from_utf8_lossy(&buffers)
    );
    assert_eq!(tmux.run(&["display", "-p", "#{pane_title}"]).stdout, title);
}

/// A recording without the dashboard's own control sequences — CSI (cursor
/// moves, colours, the synchronized update: ESC `[`, parameters, a final
/// byte) — and carriage returns: what is left is the text drawn.
fn text_of(stream: &str) -> String {
    let mut out = String::with_capacity(stream.len());
    let mut chars = stream.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for p in chars.by_ref() {
                if ('@'..='~').contains(&p) {
                    break;
                }
            }
            continue;
        }
        if c != '\r' {
            out.push(c);
        }
    }
    out
}

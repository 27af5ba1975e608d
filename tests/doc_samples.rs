//! Every sample output in README.md and docs/*.md is what the binary prints,
//! and every relative link in them resolves to a file and a heading.
//!
//! The samples (docs/architecture.md, "Samples in the docs"): each fenced
//! block under a `<!-- sample: COMMAND -->` marker is compared with the
//! output of the commands the marker names, run now in the hermetic
//! environment (tests/common/hermetic.rs) with this build's `readiness`
//! first on the `PATH`. `UPDATE_DOC_SAMPLES=1 cargo test --test doc_samples` rewrites the
//! blocks instead, and adds one under a marker that has none.
//!
//! A marker holds one command line, or several, one a line:
//!
//! ```text
//! <!-- sample: readiness check examples/voice-bot.toml --today 2026-11-21 -->
//! <!-- sample
//! # git init -q && git add . && git commit -qm start
//! readiness set sync-attachments --status done --today 2026-11-23
//! git diff
//! -->
//! ```
//!
//! Each command runs in `sh`, in order, in a fresh temporary folder holding
//! copies of the repository's `readiness.toml` and `examples/` (outside any
//! git repository, so no sample depends on this repository's history;
//! `$REPO` names the repository), stdout and stderr as one stream (as a
//! terminal shows them); `$?` is the status of the command before, so
//! `echo $?` shows an exit status. The block shows each command after `$ `,
//! then its output, trailing spaces trimmed. A line starting with `# ` runs
//! without being shown (set-up). A marker inside a fenced block is an
//! example, not a sample.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/diff.rs"]
mod diff;
#[path = "common/hermetic.rs"]
mod hermetic;

/// One marker and the block under it, as found in a file.
#[derive(Debug)]
struct Sample {
    /// The commands, in order; `hidden` ones are run, not shown.
    commands: Vec<Command>,
    /// The line the marker starts on (1-based), for messages.
    line: usize,
    /// Byte range of the block's body (between its fences), or where one
    /// goes when the marker has none.
    body: std::ops::Range<usize>,
    has_block: bool,
}

#[derive(Debug)]
struct Command {
    text: String,
    hidden: bool,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every docs/*.md, sorted.
fn documents() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The samples of a markdown text, in order: markers at the start of a
/// line outside fenced blocks (a marker shown inside a block is an example).
fn samples(text: &str, name: &str) -> Vec<Sample> {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut offset = 0;
    let mut skip_to = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < skip_to {
            continue;
        }
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence || !line.starts_with("<!-- sample") {
            continue;
        }
        let line_no = text[..start].lines().count() + 1;
        let close = text[start..]
            .find("-->")
            .unwrap_or_else(|| panic!("{name}:{line_no}: a sample marker without -->"))
            + start;
        let inner = &text[start + "<!-- sample".len()..close];
        let commands = inner
            .strip_prefix(':')
            .unwrap_or(inner)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.strip_prefix("# ") {
                Some(hidden) => Command {
                    text: hidden.to_owned(),
                    hidden: true,
                },
                None => Command {
                    text: l.to_owned(),
                    hidden: false,
                },
            })
            .collect::<Vec<_>>();
        assert!(
            !commands.is_empty(),
            "{name}:{line_no}: a sample marker names no command"
        );
        let after = close + "-->".len();
        let after = after
            + text[after..]
                .find('\n')
                .map_or(text.len() - after, |n| n + 1);
        // The block: the next non-blank line opens a fence.
        let rest = &text[after..];
        let blank = rest.len() - rest.trim_start_matches(['\n', ' ']).len();
        let fence = &rest[blank..];
        let (body, has_block) = if fence.starts_with("```") {
            let open = after + blank + fence.find('\n').expect("a fence line") + 1;
            let end = if text[open..].starts_with("```") {
                open
            } else {
                text[open..]
                    .find("\n```")
                    .map(|n| open + n + 1)
                    .unwrap_or_else(|| panic!("{name}:{line_no}: the sample's block is not closed"))
            };
            // Past the closing fence.
            skip_to = end + text[end..].find('\n').map_or(text.len() - end, |n| n + 1);
            (open..end, true)
        } else {
            skip_to = after;
            (after..after, false)
        };
        out.push(Sample {
            commands,
            line: line_no,
            body,
            has_block,
        });
    }
    out
}

/// Copies `from` into `to`, folders too.
fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("mkdir");
        for entry in fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).expect("copy");
    }
}

/// What the block under `sample` should hold.
fn run(sample: &Sample, name: &str) -> String {
    let scratch = tempfile::tempdir().expect("temp dir");
    let dir = scratch.path();
    copy(&root().join("readiness.toml"), &dir.join("readiness.toml"));
    copy(&root().join("examples"), &dir.join("examples"));
    // One script: each shown command after its prompt, `$?` carried over
    // the prompt line.
    let mut script = String::from("__st=0\n");
    for command in &sample.commands {
        let text = &command.text;
        if command.hidden {
            let quoted = text.replace('\'', "'\\''");
            writeln!(
                script,
                "{{ {text}; }} >/dev/null 2>&1 || echo 'the hidden command failed: {quoted}' >&2"
            )
            .unwrap();
        } else {
            let prompt = format!("$ {text}").replace('\'', "'\\''");
            writeln!(script, "printf '%s\\n' '{prompt}'").unwrap();
            writeln!(script, "(exit $__st); {{ {text}; }} 2>&1; __st=$?").unwrap();
        }
    }
    let bin_dir = Path::new(hermetic::BIN)
        .parent()
        .expect("the binary's folder");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_owned()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let out = hermetic::command("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(dir)
        .env("PATH", path)
        .env("REPO", root())
        .output()
        .expect("run sh");
    assert!(
        out.stderr.is_empty(),
        "{name}:{}: the sample's script wrote to stderr: {}",
        sample.line,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| format!("{}\n", line.trim_end()))
        .collect()
}

#[test]
fn every_sample_in_the_docs_is_what_the_binary_prints() {
    let update = std::env::var_os("UPDATE_DOC_SAMPLES").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    let mut count = 0;
    for file in documents() {
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        let text = fs::read_to_string(&file).expect("read a document");
        let found = samples(&text, &name);
        let mut updated = text.clone();
        // From the last, so earlier ranges stay valid.
        for sample in found.iter().rev() {
            count += 1;
            let want = run(sample, &name);
            let have = &text[sample.body.clone()];
            if sample.has_block && have == want {
                continue;
            }
            if update {
                let replacement = if sample.has_block {
                    want
                } else {
                    format!("```\n{want}```\n")
                };
                updated.replace_range(sample.body.clone(), &replacement);
            } else {
                let (old, new) = diff::diff(have, &want);
                stale.push(format!(
                    "{name}:{}: the sample differs from what the binary prints\n--- in the file\n{}--- printed\n{}",
                    sample.line,
                    old.concat(),
                    new.concat()
                ));
            }
        }
        if update && updated != text {
            fs::write(&file, updated).expect("rewrite a document");
        }
    }
    assert!(count > 0, "no sample markers found in README.md or docs/");
    assert!(
        stale.is_empty(),
        "{}\n\nUPDATE_DOC_SAMPLES=1 cargo test --test doc_samples rewrites them; read the diff.",
        stale.join("\n")
    );
}

/// A heading's anchor as GitHub makes it: lower case, punctuation but `-`
/// and `_` dropped, spaces as `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a markdown text's headings (outside fenced blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        } else if !in_fence && line.starts_with('#') {
            out.push(slug(line.trim_start_matches('#')));
        }
    }
    out
}

/// A markdown text without its fenced blocks and code spans, where a link
/// is an example rather than a link.
fn prose(text: &str) -> String {
    let mut in_fence = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Every other run between backticks is code.
        for (k, part) in line.split('`').enumerate() {
            if k % 2 == 0 {
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
}

/// Every relative link in README.md and docs/*.md names a file that exists
/// and, with `#anchor`, a heading of that file: moving a section breaks
/// this test, not a reader's click.
#[test]
fn every_link_in_the_docs_resolves() {
    let mut broken = Vec::new();
    for file in documents() {
        let text = fs::read_to_string(&file).expect("read a document");
        let name = file
            .strip_prefix(root())
            .unwrap_or(&file)
            .display()
            .to_string();
        let prose = prose(&text);
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            if target.contains("://") || target.starts_with("mailto:") || target.contains(' ') {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = if path.is_empty() {
                file.clone()
            } else {
                file.parent().expect("a folder").join(path)
            };
            if !linked.exists() {
                broken.push(format!("{name}: {target}: no such file"));
                continue;
            }
            if !anchor.is_empty() {
                let linked_text = fs::read_to_string(&linked).unwrap_or_default();
                if !anchors(&linked_text).iter().any(|a| a == anchor) {
                    broken.push(format!("{name}: {target}: no such heading"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

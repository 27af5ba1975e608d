//! `check --format github` (README, "Usage"): each line parsed the way the
//! GitHub Actions runner parses a workflow command (`::name k=v,k=v::data`,
//! then
//! `%0D`, `%0A`, `%3A`, `%2C` and last `%25` decoded), so the annotations
//! a pull request would show are what is asserted — file, line, column,
//! title and message, with `%`, `:`, `,` and line breaks in them.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

const TODAY: &str = "2026-11-23";

/// A workflow command as the runner reads it.
#[derive(Debug, PartialEq)]
struct Annotation {
    command: String,
    properties: BTreeMap<String, String>,
    message: String,
}

fn unescape_data(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%25", "%")
}

fn unescape_property(s: &str) -> String {
    s.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// The runner's parse of one line (`ActionCommand.TryParseV2`): `None` for a
/// line that is not a command.
fn parse(line: &str) -> Option<Annotation> {
    let rest = line.strip_prefix("::")?;
    let end = rest.find("::")?;
    let (info, data) = (&rest[..end], &rest[end + 2..]);
    let (command, props) = info.split_once(' ').unwrap_or((info, ""));
    let properties = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_owned(), unescape_property(v))
        })
        .collect();
    Some(Annotation {
        command: command.to_owned(),
        properties,
        message: unescape_data(data),
    })
}

fn check(path: &Path) -> (i32, Vec<String>) {
    let out = Command::cargo_bin("readiness")
        .unwrap()
        .args(["check", "--format", "github", "--today", TODAY])
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        stdout.lines().map(str::to_owned).collect(),
    )
}

fn props(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn warnings_and_gates_with_awkward_characters() {
    let dir = TempDir::new().unwrap();
    // A folder whose name needs escaping in a property.
    let folder = dir.path().join("a,b:c%d");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("readiness.toml");
    fs::write(
        &path,
        "[project]\nname = \"P\"\nclaimed = 90\n\n[metrics]\ncoverage = 50\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n\n[[gate]]\nid = \"cov\"\nname = \"Coverage: 70%, at least\\nsecond line\"\nmetric = \"coverage\"\nmin = 70\n\n[[gate]]\nid = \"sign\"\nstatus = \"pending\"\n",
    )
    .unwrap();
    let (code, lines) = check(&path);
    assert_eq!(code, 1, "{lines:#?}");
    let file = path.display().to_string();
    let annotations: Vec<Annotation> = lines.iter().filter_map(|l| parse(l)).collect();
    assert_eq!(
        annotations,
        [
            Annotation {
                command: "warning".into(),
                properties: props(&[("file", &file), ("line", "3"), ("col", "11")]),
                message: "claimed 90% but the tasks give 0% (90 points over)".into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[("file", &file), ("line", "16"), ("title", "gate cov")]),
                message: "hard gate Coverage: 70%, at least\nsecond line fails: coverage 50 < 70"
                    .into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[("file", &file), ("line", "22"), ("title", "gate sign")]),
                message: "hard gate sign is unknown: sign-off pending".into(),
            },
        ]
    );
    // Each command is one line; the verdict is the last, plain.
    assert_eq!(lines.len(), 4);
    assert!(
        lines[3].starts_with("NOT READY · 0% · 0 of 2 hard gates passing (1 failing, 1 unknown)"),
        "{}",
        lines[3]
    );
    // The raw escaping, exactly.
    assert!(
        lines[1].starts_with(&format!(
            "::error file={},line=16,title=gate cov::hard gate Coverage: 70%25, at least%0Asecond line fails",
            file.replace('%', "%25").replace(':', "%3A").replace(',', "%2C")
        )),
        "{}",
        lines[1]
    );
}

#[test]
fn errors_of_an_invalid_manifest_are_annotations() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    fs::write(
        &path,
        "[project]\nname = \"P\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\nstatus = \"finished\"\n  depend_on = [\"x\"]\n",
    )
    .unwrap();
    let (code, lines) = check(&path);
    assert_eq!(code, 2);
    let file = path.display().to_string();
    let annotations: Vec<Annotation> = lines.iter().filter_map(|l| parse(l)).collect();
    assert_eq!(annotations.len(), 2, "{lines:#?}");
    assert_eq!(annotations[0].command, "error");
    assert_eq!(
        annotations[0].properties,
        props(&[("file", &file), ("line", "9"), ("col", "10")])
    );
    assert!(
        annotations[0].message.contains("finished"),
        "{annotations:?}"
    );
    assert_eq!(
        annotations[1].properties,
        props(&[("file", &file), ("line", "10"), ("col", "3")])
    );
    assert_eq!(
        annotations[1].message,
        "unknown key `depend_on` in [[task]] (did you mean `depends_on`?)"
    );
    assert_eq!(
        lines.last().unwrap(),
        &format!("INVALID · 2 errors in {file}; nothing computed")
    );
}

#[test]
fn a_ready_release_prints_the_verdict_alone() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("readiness.toml");
    fs::write(
        &path,
        "[project]\nname = \"P\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\nstatus = \"done\"\ndone = 2026-11-20\n[[gate]]\nid = \"g\"\ntasks = [\"t\"]\n",
    )
    .unwrap();
    let (code, lines) = check(&path);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("READY"), "{lines:#?}");
}

#[test]
fn an_unreadable_file_is_one_error() {
    let dir = TempDir::new().unwrap();
    let (code, lines) = check(&dir.path().join("missing.toml"));
    assert_eq!(code, 2);
    let a = parse(&lines[0]).unwrap();
    assert_eq!(a.command, "error");
    assert!(a.message.contains("no such file"), "{a:?}");
}

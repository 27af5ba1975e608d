//! `check --format github` (docs/ci.md): each line read the way the
//! GitHub Actions runner reads a step's output (actions/runner,
//! `ActionCommandManager.TryProcessCommand`, `ActionCommand.TryParseV2` and
//! `TryParse`): a line starting with `::` after leading spaces is a command
//! `::name k=v,k=v::data` (`%0D`, `%0A`, `%3A`, `%2C` and last `%25`
//! decoded); a line holding `##[` anywhere is one of the older form
//! `##[name k=v;k=v]data`; either counts only for a registered command, and
//! `stop-commands` makes the runner ignore every command until its token
//! comes as one. So the annotations a pull request would show — file, line,
//! column, title and message — are what is asserted, and a forged command is
//! caught whichever form it takes.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tempfile::TempDir;

#[path = "common/hermetic.rs"]
mod hermetic;

const TODAY: &str = "2026-11-23";

/// A workflow command as the runner reads it.
#[derive(Debug, PartialEq)]
struct Annotation {
    command: String,
    properties: BTreeMap<String, String>,
    message: String,
}

/// The runner's command extensions (the commands it acts on), and
/// `stop-commands`.
const REGISTERED: &[&str] = &[
    "add-mask",
    "add-matcher",
    "add-path",
    "debug",
    "echo",
    "endgroup",
    "error",
    "group",
    "notice",
    "remove-matcher",
    "save-state",
    "set-env",
    "set-output",
    "stop-commands",
    "warning",
];

/// Replaces each escape by its character, in the runner's order.
fn unescape(s: &str, mappings: &[(&str, &str)]) -> String {
    mappings
        .iter()
        .fold(s.to_owned(), |text, (escape, c)| text.replace(escape, c))
}

const DATA: &[(&str, &str)] = &[("%0D", "\r"), ("%0A", "\n"), ("%25", "%")];
const PROPERTY: &[(&str, &str)] = &[
    ("%0D", "\r"),
    ("%0A", "\n"),
    ("%3A", ":"),
    ("%2C", ","),
    ("%25", "%"),
];
const LEGACY: &[(&str, &str)] = &[
    ("%3B", ";"),
    ("%0D", "\r"),
    ("%0A", "\n"),
    ("%5D", "]"),
    ("%25", "%"),
];

/// Whether the runner acts on `name` (names compare case-insensitively).
fn registered(name: &str, extra: &[String]) -> bool {
    REGISTERED.iter().any(|r| r.eq_ignore_ascii_case(name))
        || extra.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// `ActionCommand.TryParseV2`: `None` for a line that is not a command.
fn parse_v2(line: &str, extra: &[String]) -> Option<Annotation> {
    let rest = line.trim_start().strip_prefix("::")?;
    let end = rest.find("::")?;
    let (info, data) = (&rest[..end], &rest[end + 2..]);
    let (command, props) = match info.find(' ') {
        Some(space) => (&info[..space], Some(&info[space + 1..])),
        None => (info, None),
    };
    if !registered(command, extra) {
        return None;
    }
    let properties = props
        .map(|p| {
            p.trim()
                .split(',')
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.split_once('='))
                .filter(|(k, v)| !k.is_empty() && !v.is_empty())
                .map(|(k, v)| (k.to_owned(), unescape(v, PROPERTY)))
                .collect()
        })
        .unwrap_or_default();
    Some(Annotation {
        command: command.to_owned(),
        properties,
        message: unescape(data, DATA),
    })
}

/// `ActionCommand.TryParse`, the older form: `##[` anywhere in the line.
fn parse_legacy(line: &str, extra: &[String]) -> Option<Annotation> {
    let start = line.find("##[")?;
    let close = start + line[start..].find(']')?;
    let info = &line[start + 3..close];
    let (command, props) = info.split_once(' ').unwrap_or((info, ""));
    if !registered(command, extra) {
        return None;
    }
    let properties = props
        .split(';')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .map(|(k, v)| (k.to_owned(), unescape(v, LEGACY)))
        .collect();
    Some(Annotation {
        command: command.to_owned(),
        properties,
        message: unescape(&line[close + 1..], LEGACY),
    })
}

/// What a step's output makes the runner do: the commands it acts on, in
/// order, and the lines it shows as text.
#[derive(Debug, Default)]
struct Runner {
    stop_token: Option<String>,
    acted: Vec<Annotation>,
    text: Vec<String>,
}

impl Runner {
    /// `ActionCommandManager.TryProcessCommand` on each line.
    fn read(&mut self, output: &str) {
        for line in output.lines() {
            let extra: Vec<String> = self.stop_token.iter().cloned().collect();
            let command = parse_v2(line, &extra).or_else(|| parse_legacy(line, &extra));
            match (command, &self.stop_token) {
                (None, _) => self.text.push(line.to_owned()),
                (Some(c), Some(token)) => {
                    if c.command.eq_ignore_ascii_case(token) {
                        self.stop_token = None;
                    } else {
                        self.text.push(line.to_owned());
                    }
                }
                (Some(c), None) => {
                    if c.command.eq_ignore_ascii_case("stop-commands") {
                        self.stop_token = Some(c.message.clone());
                    }
                    self.acted.push(c);
                }
            }
        }
    }
}

/// The commands the runner acts on in `lines`, run as one step.
fn acted(lines: &[String]) -> Vec<Annotation> {
    let mut runner = Runner::default();
    runner.read(&lines.join("\n"));
    runner.acted
}

/// `check --format github` on `path` from `cwd`, with `GITHUB_WORKSPACE`
/// set to `workspace` or unset.
fn check_in(cwd: &Path, workspace: Option<&Path>, path: &Path) -> (i32, Vec<String>) {
    let mut command = hermetic::readiness();
    command
        .current_dir(cwd)
        .args(["check", "--format", "github", "--today", TODAY])
        .arg(path)
        .env_remove("GITHUB_WORKSPACE");
    if let Some(workspace) = workspace {
        command.env("GITHUB_WORKSPACE", workspace);
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.code().unwrap(),
        stdout.lines().map(str::to_owned).collect(),
    )
}

/// `check --format github` on `path` in the workspace `root`: annotations
/// name the file relative to it.
fn check(root: &Path, path: &Path) -> (i32, Vec<String>) {
    check_in(root, Some(root), path)
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
    let (code, lines) = check(dir.path(), &path);
    assert_eq!(code, 1, "{lines:#?}");
    let file = "a,b:c%d/readiness.toml";
    let annotations = acted(&lines);
    assert_eq!(
        annotations,
        [
            Annotation {
                command: "warning".into(),
                properties: props(&[("file", file), ("line", "3"), ("col", "11")]),
                message: "claimed 90% but the tasks give 0% (90 points over)".into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[("file", file), ("line", "16"), ("title", "gate cov")]),
                message: "hard gate Coverage: 70%, at least\nsecond line fails: coverage 50 < 70"
                    .into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[("file", file), ("line", "22"), ("title", "gate sign")]),
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
    let (code, lines) = check(dir.path(), &path);
    assert_eq!(code, 2);
    let file = "readiness.toml";
    let annotations = acted(&lines);
    assert_eq!(annotations.len(), 2, "{lines:#?}");
    assert_eq!(annotations[0].command, "error");
    assert_eq!(
        annotations[0].properties,
        props(&[("file", file), ("line", "9"), ("col", "10")])
    );
    assert!(
        annotations[0].message.contains("finished"),
        "{annotations:?}"
    );
    assert_eq!(
        annotations[1].properties,
        props(&[("file", file), ("line", "10"), ("col", "3")])
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
    let (code, lines) = check(dir.path(), &path);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("READY"), "{lines:#?}");
}

#[test]
fn an_unreadable_file_is_one_error() {
    let dir = TempDir::new().unwrap();
    let (code, lines) = check(dir.path(), &dir.path().join("missing.toml"));
    assert_eq!(code, 2);
    let [a] = &acted(&lines)[..] else {
        panic!("{lines:#?}")
    };
    assert_eq!(a.properties, props(&[("file", "missing.toml")]));
    assert_eq!(a.command, "error");
    assert!(a.message.contains("no such file"), "{a:?}");
}

/// A manifest that is valid but not ready: one warning, one failing and one
/// unknown hard gate.
const NOT_READY: &str = "[project]\nname = \"P\"\nclaimed = 90\n\n[metrics]\ncoverage = 50\n\n[[component]]\nid = \"c\"\n\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n\n[[gate]]\nid = \"cov\"\nmetric = \"coverage\"\nmin = 70\n\n[[gate]]\nid = \"sign\"\nstatus = \"pending\"\n";

/// An invalid manifest: one error, on line 6, column 10.
const INVALID: &str = "[project]\nname = \"P\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"zz\"\n";

/// Folder names a pull request could add, each trying to make the runner
/// do something: forge an annotation after a line break, stop the runner
/// reading commands (the `##[` form, anywhere in a line), or smuggle an
/// escape the runner would decode into a line break.
const HOSTILE: &[&str] = &[
    "nl\n::error file=x.rs,line=9::forged",
    "##[stop-commands]token",
    "%0A::error::x",
];

#[test]
fn hostile_folder_names_forge_nothing() {
    let dir = TempDir::new().unwrap();
    let mut all = Vec::new();
    let mut expected = Vec::new();
    for name in HOSTILE {
        let folder = dir.path().join(name);
        fs::create_dir_all(folder.join("bad")).unwrap();
        fs::write(folder.join("readiness.toml"), NOT_READY).unwrap();
        fs::write(folder.join("bad/readiness.toml"), INVALID).unwrap();
        // `##[` cannot reach the runner even in a path: `[` is written
        // `%5B` there, which the runner leaves as it is.
        let shown = name.replace("##[", "##%5B");
        let file = |rest: &str| format!("{shown}/{rest}");

        let (code, lines) = check(dir.path(), &Path::new(name).join("readiness.toml"));
        assert_eq!(code, 1, "{lines:#?}");
        let mut runner = Runner::default();
        runner.read(&lines.join("\n"));
        let here = vec![
            Annotation {
                command: "warning".into(),
                properties: props(&[
                    ("file", &file("readiness.toml")),
                    ("line", "3"),
                    ("col", "11"),
                ]),
                message: "claimed 90% but the tasks give 0% (90 points over)".into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[
                    ("file", &file("readiness.toml")),
                    ("line", "16"),
                    ("title", "gate cov"),
                ]),
                message: "hard gate cov fails: coverage 50 < 70".into(),
            },
            Annotation {
                command: "error".into(),
                properties: props(&[
                    ("file", &file("readiness.toml")),
                    ("line", "21"),
                    ("title", "gate sign"),
                ]),
                message: "hard gate sign is unknown: sign-off pending".into(),
            },
        ];
        assert_eq!(runner.acted, here, "{name:?}: {lines:#?}");
        assert_eq!(runner.text.len(), 1, "{lines:#?}");
        assert!(runner.text[0].starts_with("NOT READY · "), "{lines:#?}");
        expected.extend(here);
        all.extend(lines);

        let (code, lines) = check(dir.path(), &Path::new(name).join("bad/readiness.toml"));
        assert_eq!(code, 2, "{lines:#?}");
        let mut runner = Runner::default();
        runner.read(&lines.join("\n"));
        let here = vec![Annotation {
            command: "error".into(),
            properties: props(&[
                ("file", &file("bad/readiness.toml")),
                ("line", "8"),
                ("col", "13"),
            ]),
            message: "task `t` names unknown component `zz`".into(),
        }];
        assert_eq!(runner.acted, here, "{name:?}: {lines:#?}");
        // The verdict names the file on one line of its own, a line break
        // in it escaped.
        assert_eq!(
            runner.text,
            [format!(
                "INVALID · 1 error in {}; nothing computed",
                file("bad/readiness.toml").replace('\n', "%0A")
            )],
            "{lines:#?}"
        );
        expected.extend(here);
        all.extend(lines);

        let (code, lines) = check(dir.path(), &Path::new(name).join("missing.toml"));
        assert_eq!(code, 2, "{lines:#?}");
        let acted = acted(&lines);
        assert_eq!(acted.len(), 1, "{lines:#?}");
        assert_eq!(
            acted[0].properties,
            props(&[("file", &file("missing.toml"))])
        );
        assert!(acted[0].message.contains("no such file"), "{acted:?}");
        expected.extend(acted);
        all.extend(lines);
    }
    // All of it as one step's output: nothing stopped the runner reading
    // commands, nothing was forged, and no line holds `##[`.
    assert_eq!(acted(&all), expected);
    for line in &all {
        assert!(!line.contains("##["), "{line}");
    }
}

/// A repository with `services/api/readiness.toml`.
fn repository() -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let api = dir.path().join("services/api");
    fs::create_dir_all(&api).unwrap();
    fs::write(api.join("readiness.toml"), NOT_READY).unwrap();
    (dir, api)
}

/// The files the annotations of `lines` name.
fn files(lines: &[String]) -> Vec<String> {
    acted(lines)
        .into_iter()
        .map(|a| a.properties["file"].clone())
        .collect()
}

#[test]
fn annotations_name_the_file_from_the_workspace() {
    let (dir, api) = repository();
    let root = dir.path();
    let manifest = api.join("readiness.toml");
    let expected = vec!["services/api/readiness.toml"; 3];
    // A `working-directory: services/api` step.
    let (_, lines) = check_in(&api, Some(root), Path::new("readiness.toml"));
    assert_eq!(files(&lines), expected, "{lines:#?}");
    // From the root, with `./`.
    let (_, lines) = check_in(root, Some(root), Path::new("./services/api/readiness.toml"));
    assert_eq!(files(&lines), expected, "{lines:#?}");
    // An absolute path, from anywhere.
    let (_, lines) = check_in(&api.join(".."), Some(root), &manifest);
    assert_eq!(files(&lines), expected, "{lines:#?}");
    // A workspace given with a trailing `/.` and the manifest through `..`.
    let (_, lines) = check_in(
        &api,
        Some(&root.join(".")),
        Path::new("../api/readiness.toml"),
    );
    assert_eq!(files(&lines), expected, "{lines:#?}");
}

#[test]
fn annotations_name_the_file_from_the_work_tree_without_a_workspace() {
    let (dir, api) = repository();
    let root = dir.path();
    // The work tree's top holds `.git`; no git runs.
    fs::create_dir(root.join(".git")).unwrap();
    let expected = vec!["services/api/readiness.toml"; 3];
    let (_, lines) = check_in(&api, None, Path::new("readiness.toml"));
    assert_eq!(files(&lines), expected, "{lines:#?}");
    let (_, lines) = check_in(root, None, Path::new("./services/api/readiness.toml"));
    assert_eq!(files(&lines), expected, "{lines:#?}");
    let (_, lines) = check_in(root, None, &api.join("readiness.toml"));
    assert_eq!(files(&lines), expected, "{lines:#?}");
}

#[test]
fn a_manifest_outside_the_workspace_keeps_its_whole_path() {
    let (dir, api) = repository();
    let workspace = TempDir::new().unwrap();
    let (_, lines) = check_in(
        dir.path(),
        Some(workspace.path()),
        Path::new("services/api/readiness.toml"),
    );
    let whole = api.join("readiness.toml").display().to_string();
    assert_eq!(files(&lines), vec![whole; 3], "{lines:#?}");
}

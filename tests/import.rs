//! `readiness import` (docs/import.md) end to end on the fixtures of
//! tests/fixtures/import/ (tests/fixtures/README.md names the source of
//! each): every item and every done item arrives, the manifest validates,
//! a second run changes no byte, a hand-added estimate survives, `--dry-run`
//! writes nothing, a cut export is an error with its line and writes
//! nothing; and the refusals of hostile input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use readiness::import::{self, Format};
use readiness::manifest::Status;
use tempfile::TempDir;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tools.rs"]
mod tools;

const TODAY: &str = "2026-12-03";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn readiness(dir: &Path) -> Command {
    let mut cmd = hermetic::readiness();
    cmd.current_dir(dir).arg("--today").arg(TODAY);
    cmd
}

/// Runs `import SOURCE` in `dir`; (exit code, stdout, stderr).
fn import(dir: &Path, source: &Path, more: &[&str]) -> (i32, String, String) {
    let out = readiness(dir)
        .arg("import")
        .arg(source)
        .args(more)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The validated manifest in `dir`.
fn manifest(dir: &Path) -> readiness::manifest::Manifest {
    let text = fs::read_to_string(dir.join("readiness.toml")).unwrap();
    readiness::manifest::load(&text)
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
        .manifest
}

/// What every fixture must do: all its items and done items arrive, the
/// result validates, a second run changes nothing, a hand edit survives.
fn round_trip(name: &str, format: Format) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture(name);
    let export = import::read(&fs::read(&source).unwrap(), None).unwrap();
    assert_eq!(
        export.format, format,
        "{name} detected as {}",
        export.format
    );
    let (code, out, err) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0, "{out}{err}");
    let m = manifest(dir.path());
    for item in &export.items {
        let task = m
            .tasks
            .iter()
            .find(|t| t.source.as_deref() == Some(item.source.as_str()))
            .unwrap_or_else(|| panic!("{name}: {} did not arrive", item.source));
        assert_eq!(task.status, item.status, "{name}: {}", item.source);
        if item.status == Status::Done {
            assert!(task.done.is_some(), "{name}: {} has no done date", task.id);
        }
    }
    readiness(dir.path())
        .arg("check")
        .assert()
        .code(predicates::ord::lt(2));

    // Again: no byte changes.
    let path = dir.path().join("readiness.toml");
    let first = fs::read(&path).unwrap();
    let (code, out, _) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing to change"), "{out}");
    assert_eq!(fs::read(&path).unwrap(), first);

    // A hand-added estimate and comment survive a re-import.
    let text = String::from_utf8(first).unwrap();
    let at = text.find("[[task]]\n").unwrap() + "[[task]]\n".len();
    let edited = format!("{}# kept by hand\n{}", &text[..at], &text[at..]);
    let edited = match edited.find("estimate = ") {
        Some(e) => {
            let end = e + edited[e..].find('\n').unwrap();
            format!("{}estimate = 9{}", &edited[..e], &edited[end..])
        }
        None => edited,
    };
    fs::write(&path, &edited).unwrap();
    let (code, out, err) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    dir
}

#[test]
fn github_issue_lists_of_gh_and_of_the_rest_api() {
    let dir = round_trip("gh-issue-list.json", Format::Github);
    let m = manifest(dir.path());
    let task = |id: &str| m.tasks.iter().find(|t| t.id == id).unwrap();
    assert_eq!(task("gh-12").status, Status::Doing);
    assert_eq!(task("gh-12").owner.as_deref(), Some("octocat"));
    // Its "estimate: 2-3d" label arrived, then the hand edit set 9 days.
    assert_eq!(task("gh-12").estimate.map(|e| e.days()), Some(9.0));
    assert_eq!(task("gh-10").estimate_text.as_deref(), Some("1d"));
    assert_eq!(task("gh-10").done.unwrap().to_string(), "2026-11-02");
    assert_eq!(task("gh-9").status, Status::Dropped);
    assert_eq!(task("gh-14").status, Status::Blocked);
    assert_eq!(task("gh-14").depends_on.len(), 1);
    // Bidi and escape characters never reach the file.
    let text = fs::read_to_string(dir.path().join("readiness.toml")).unwrap();
    assert!(!text.contains('\u{202e}') && !text.contains('\u{1b}'));
    assert!(text.contains("id = \"v1-0-launch\"\nname = \"v1.0 Launch\""));

    let rest = tempfile::tempdir().unwrap();
    let (code, out, _) = import(rest.path(), &fixture("gh-rest-issues.json"), &[]);
    assert_eq!(code, 0);
    assert!(out.contains("item 2: #22 is a pull request"), "{out}");
    assert!(
        out.ends_with(
            "created 2 · updated 0 · unchanged 0 · dropped 0 · skipped 1 (#22 is a pull request)\n"
        ),
        "{out}"
    );
}

#[test]
fn jira_csv_and_rest_json() {
    let dir = round_trip("jira-export.csv", Format::Jira);
    let m = manifest(dir.path());
    let task = |id: &str| m.tasks.iter().find(|t| t.id == id).unwrap();
    let ops1 = task("OPS-1");
    assert_eq!(ops1.status, Status::Done);
    assert_eq!(ops1.done.unwrap().to_string(), "2026-10-05");
    assert_eq!(ops1.started.unwrap().to_string(), "2026-10-02");
    assert_eq!(ops1.estimate.map(|e| e.days()), Some(9.0), "the hand edit");
    assert_eq!(task("OPS-2").estimate_text.as_deref(), Some("16h"));
    assert_eq!(ops1.actual, Some(10.0 / 8.0));
    assert_eq!(task("OPS-3").status, Status::Dropped);
    // Outward "Blocks" on OPS-1 and inward on OPS-2 both say OPS-2 waits.
    assert_eq!(task("OPS-2").depends_on, [0]);
    assert_eq!(task("OPS-4").depends_on, [0]);
    let text = fs::read_to_string(dir.path().join("readiness.toml")).unwrap();
    assert!(text.contains("# Jira story points: 3 (not converted to days)"));
    assert!(text.contains("[[person]]\nid = \"jane-doe\"\nname = \"Jane Doe\""));

    let dir = round_trip("jira-rest-search.json", Format::Jira);
    let m = manifest(dir.path());
    let web7 = m.tasks.iter().find(|t| t.id == "WEB-7").unwrap();
    assert_eq!(web7.status, Status::Doing);
    assert_eq!(web7.depends_on.len(), 1);
}

#[test]
fn taskwarrior_export_from_the_real_tool() {
    let dir = round_trip("taskwarrior-export.json", Format::Taskwarrior);
    let m = manifest(dir.path());
    assert!(m.tasks.iter().any(|t| t.status == Status::Dropped));
    if tools::missing(&[&tools::TASKWARRIOR]) {
        return;
    }
    // The script that made the fixture, run again: the same shape.
    let work = tempfile::tempdir().unwrap();
    let out = hermetic::command("sh")
        .arg(fixture("taskwarrior.sh"))
        .arg(work.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh = work.path().join("export.json");
    let export = import::read(&fs::read(&fresh).unwrap(), None).unwrap();
    let committed =
        import::read(&fs::read(fixture("taskwarrior-export.json")).unwrap(), None).unwrap();
    let shape = |e: &import::Export| -> Vec<(String, Status, usize)> {
        let mut v: Vec<_> = e
            .items
            .iter()
            .map(|i| (i.title.clone(), i.status, i.depends_on.len()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(shape(&export), shape(&committed));
    let (code, out, err) = import(work.path(), &fresh, &[]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn markdown_task_lists_spec_kit_and_status_reports() {
    let dir = round_trip("checklist.md", Format::Markdown);
    let m = manifest(dir.path());
    let task = |id: &str| m.tasks.iter().find(|t| t.id == id).unwrap();
    let parent = task("finish-the-remaining-api-modules");
    assert_eq!(parent.owner.as_deref(), Some("sam"));
    assert_eq!(parent.estimate_text.as_deref(), Some("3d"));
    assert_eq!(parent.depends_on.len(), 2);
    assert_eq!(
        task("write-the-deployment-guide").title,
        "Write the deployment guide and the rollback section"
    );
    assert!(
        m.tasks
            .iter()
            .any(|t| t.id == "write-the-deployment-guide-2")
    );

    let dir = round_trip("tasks.md", Format::Markdown);
    let m = manifest(dir.path());
    let t005 = m.tasks.iter().find(|t| t.id == "T005").unwrap();
    let after: Vec<&str> = t005
        .depends_on
        .iter()
        .map(|&i| m.tasks[i].id.as_str())
        .collect();
    assert_eq!(after, ["T003", "T004"]);

    round_trip("status-report.md", Format::Markdown);
    // The same report with its UTF-8 read as Windows-1252 reads the same.
    let a = import::read(&fs::read(fixture("status-report.md")).unwrap(), None).unwrap();
    let b = import::read(&fs::read(fixture("status-report-cp1252.md")).unwrap(), None).unwrap();
    assert_eq!(a.items, b.items);
    assert_eq!(a.items.len(), 10);
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = import(dir.path(), &fixture("gh-issue-list.json"), &["--dry-run"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("--- a/readiness.toml\n+++ b/readiness.toml\n"),
        "{out}"
    );
    assert!(out.contains("+source = \"gh-12\"\n"), "{out}");
    assert!(
        out.ends_with("readiness.toml: nothing written (--dry-run)\n"),
        "{out}"
    );
    assert!(!dir.path().join("readiness.toml").exists());

    import(dir.path(), &fixture("gh-issue-list.json"), &[]);
    let before = fs::read(dir.path().join("readiness.toml")).unwrap();
    let (code, out, _) = import(dir.path(), &fixture("gh-rest-issues.json"), &["--dry-run"]);
    assert_eq!(code, 0);
    assert!(out.contains("status = \"dropped\""), "{out}");
    assert_eq!(fs::read(dir.path().join("readiness.toml")).unwrap(), before);
}

#[test]
fn what_left_the_export_is_dropped_and_a_done_task_stays_done() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &fixture("gh-issue-list.json"), &[]);
    let (code, out, err) = import(dir.path(), &fixture("gh-rest-issues.json"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("created 2 · updated 0 · unchanged 0 · dropped 2 · skipped 1"),
        "{out}"
    );
    let m = manifest(dir.path());
    let status = |id: &str| m.tasks.iter().find(|t| t.id == id).unwrap().status;
    assert_eq!(status("gh-12"), Status::Dropped);
    assert_eq!(status("gh-14"), Status::Dropped);
    assert_eq!(status("gh-10"), Status::Done);
    assert_eq!(m.tasks.len(), 6, "nothing is deleted");
}

#[test]
fn a_cut_export_is_an_error_with_its_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let manifest_path = dir.path().join("readiness.toml");
    fs::write(&manifest_path, "[project]\nname = \"x\"\n").unwrap();
    let cases = [
        ("gh-issue-list.json", "cut.json", 1200, "EOF while parsing"),
        ("jira-export.csv", "cut.csv", 700, "cut short?"),
    ];
    for (name, cut_name, at, says) in cases {
        let text = fs::read_to_string(fixture(name)).unwrap();
        let cut = dir.path().join(cut_name);
        fs::write(&cut, &text[..at]).unwrap();
        let line = 1 + text[..at].matches('\n').count();
        let (code, out, err) = import(dir.path(), &cut, &[]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains(says), "{err}");
        assert!(
            err.contains(&format!("{cut_name}:{line}"))
                || err.contains(&format!("{cut_name}:{}", line - 1)),
            "{err}"
        );
        assert!(err.ends_with("nothing imported\n"), "{err}");
    }
    assert_eq!(
        fs::read_to_string(&manifest_path).unwrap(),
        "[project]\nname = \"x\"\n"
    );
}

#[test]
fn unknown_formats_large_files_and_devices_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("notes.txt");
    fs::write(&plain, "just some words\nand more words\n").unwrap();
    let (code, _, err) = import(dir.path(), &plain, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not an export readiness reads; tried github (not JSON), jira (no CSV header with `Issue key`), taskwarrior (not JSON), markdown (no heading, task-list box or status marker); give --from"),
        "{err}"
    );
    let other = dir.path().join("other.json");
    fs::write(&other, "[{\"name\": 1}]").unwrap();
    let (code, _, err) = import(dir.path(), &other, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("JSON of another shape"), "{err}");

    let big = dir.path().join("big.json");
    fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let (code, _, err) = import(dir.path(), &big, &[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("65 MiB; exports over 64 MiB are refused"),
        "{err}"
    );

    let (code, _, err) = import(dir.path(), Path::new("/dev/zero"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(!dir.path().join("readiness.toml").exists());
}

/// docs/import.md's worked examples: each export block, imported into an
/// empty manifest, writes the TOML block that follows it.
#[test]
fn the_worked_examples_in_the_docs_are_what_import_writes() {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/import.md")).unwrap();
    let mut checked = 0;
    for (section, fence, name) in [
        ("## GitHub", "```json\n", "issues.json"),
        ("## Jira", "```\nSummary,", "export.csv"),
        ("## Markdown", "```markdown\n", "checklist.md"),
    ] {
        let text = &doc[doc.find(section).unwrap()..];
        let start = text.find(fence).unwrap() + fence.find('\n').unwrap() + 1;
        let input = &text[start..start + text[start..].find("```").unwrap()];
        let toml_at = text.find("```toml\n").unwrap() + "```toml\n".len();
        let expected = &text[toml_at..toml_at + text[toml_at..].find("```").unwrap()];
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join(name);
        fs::write(&source, input).unwrap();
        let (code, out, err) = import(dir.path(), &source, &[]);
        assert_eq!(code, 0, "{section}: {out}{err}");
        let written = fs::read_to_string(dir.path().join("readiness.toml")).unwrap();
        assert!(
            written.contains(expected),
            "{section}:\n{written}\n--- expected ---\n{expected}"
        );
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// A first import that adds people raises `[team] people` to the
/// `[[person]]` entries, in place. Before, a fresh `readiness init` manifest
/// kept `people = 1` after importing octocat and hubot, and `check` warned
/// "2 people are declared with [[person]] but `people` in [team] is 1: the
/// headcount is raised to 2"; a manifest the import created had no `[team]`
/// and the same warning. A value set higher is never lowered, and a second
/// run changes no byte.
#[test]
fn the_headcount_follows_the_people_an_import_adds() {
    let source = fixture("gh-issue-list.json");
    let warning = "declared with [[person]] but `people` in [team]";
    let check = |dir: &Path| {
        let out = readiness(dir).arg("check").output().unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };

    // From `readiness init`: `people = 1` raised, its comment kept.
    let dir = tempfile::tempdir().unwrap();
    readiness(dir.path()).arg("init").assert().success();
    let path = dir.path().join("readiness.toml");
    let before = fs::read_to_string(&path).unwrap();
    let (code, out, err) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("headcount raised: [team] people = 2 (was 1), one for each [[person]]"),
        "{out}"
    );
    assert!(!err.contains(warning), "{err}");
    let after = fs::read_to_string(&path).unwrap();
    assert_eq!(manifest(dir.path()).people.len(), 2);
    assert_eq!(manifest(dir.path()).team.people, 2);
    let line = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("people ="))
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        line(&after),
        line(&before).replacen("people = 1", "people = 2", 1)
    );
    // Every other line of the starter is still there, in order.
    let mut rest = after.lines().filter(|l| !l.starts_with("people ="));
    for kept in before.lines().filter(|l| !l.starts_with("people =")) {
        assert!(rest.any(|l| l == kept), "`{kept}` lost:\n{after}");
    }
    assert!(
        !check(dir.path()).contains(warning),
        "{}",
        check(dir.path())
    );
    let (code, out, _) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing to change"), "{out}");
    assert_eq!(fs::read_to_string(&path).unwrap(), after);

    // Created by the import: a `[team]` after `[project]`.
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = import(dir.path(), &source, &[]);
    assert_eq!(code, 0, "{out}{err}");
    let text = fs::read_to_string(dir.path().join("readiness.toml")).unwrap();
    assert!(
        text.contains("\"\n\n[team]\npeople = 2\n\n[[person]]\n"),
        "{text}"
    );
    assert!(
        !check(dir.path()).contains(warning),
        "{}",
        check(dir.path())
    );

    // Set higher by hand: kept; `[team]` without `people`: added under it.
    for (team, people) in [
        ("[team]\npeople = 5 # contractors too\n", 5),
        ("[team]\nfocus = 0.8\n", 2),
        ("[team]\n", 2),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("readiness.toml");
        fs::write(&path, format!("[project]\nname = \"x\"\n\n{team}")).unwrap();
        let (code, out, err) = import(dir.path(), &source, &[]);
        assert_eq!(code, 0, "{out}{err}");
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(manifest(dir.path()).team.people, people, "{text}");
        assert!(text.contains(team.trim_end()) || people == 2, "{text}");
        assert!(!check(dir.path()).contains(warning), "{text}");
    }
}

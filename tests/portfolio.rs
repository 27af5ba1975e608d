//! The portfolio (docs/portfolio.md): several manifests, a folder or CI's
//! JSON reports rolled up by `check`, `report` and `render` — the members a
//! folder holds (a `.gitignore`d copy is not one), the worst exit status,
//! reports as members and what is not a report, a row per project in the
//! frame, and golden frames of the fixture at every size in every theme.

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/styles.rs"]
mod styles;
#[path = "common/tools.rs"]
mod tools;

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use readiness::app::ThemeName;
use readiness::members::{self, Settings};
use readiness::model::Options;
use readiness::portfolio::RollUp;
use readiness::ui::theme::Theme;
use readiness::view::portfolio::PortfolioView;
use serde_json::Value;
use styles::{THEMES, styled};
use tempfile::TempDir;

const TODAY: &str = "2026-11-23"; // a Monday
const FIXTURE: &str = "tests/fixtures/portfolio";

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], cwd: &Path) -> Ran {
    let output = readiness()
        .current_dir(cwd)
        .args(args)
        .args(["--today", TODAY])
        .output()
        .expect("run readiness");
    Ran {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn write(dir: &Path, path: &str, text: &str) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// A manifest of one task, `extra` lines in [project].
fn manifest(name: &str, extra: &str, task: &str) -> String {
    format!(
        "[project]\nname = \"{name}\"\n{extra}\n[[component]]\nid = \"c\"\n\
         [[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\n{task}\n"
    )
}

const READY: &str = "status = \"done\"\ndone = 2026-11-20\nestimate = \"1d\"";
const OPEN: &str = "estimate = \"2-3d\"";

#[test]
fn a_folder_holds_every_manifest_below_it_but_a_gitignored_copy() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "services/alpha/readiness.toml",
        &manifest("Alpha", "", OPEN),
    );
    write(
        root,
        "services/beta/readiness.toml",
        &manifest("Beta", "", OPEN),
    );
    write(
        root,
        "target/debug/readiness.toml",
        &manifest("Copy", "", OPEN),
    );
    write(
        root,
        "node_modules/pkg/readiness.toml",
        &manifest("Vendored", "", OPEN),
    );
    write(root, ".gitignore", "/target\nnode_modules/\n");
    let ran = run(&["report", ".", "--format", "json"], root);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let json: Value = serde_json::from_str(&ran.stdout).unwrap();
    let names: Vec<&str> = json["portfolio"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Alpha", "Beta"]);
    let paths: Vec<&str> = json["portfolio"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "services/alpha/readiness.toml",
            "services/beta/readiness.toml"
        ]
    );
    // One §3.1 report per project, as `report FILE --format json` writes it.
    let projects = json["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2);
    assert_eq!(projects[1]["project"]["name"], "Beta");
    assert!(projects[0]["forecast"]["p85"].is_string());
    assert!(!ran.stdout.contains("Copy") && !ran.stdout.contains("Vendored"));
}

#[test]
fn check_exits_with_the_worst_status_and_a_verdict_per_project() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    let ready = write(root, "a/readiness.toml", &manifest("Ready", "", READY));
    let open = write(root, "b/readiness.toml", &manifest("Open", "", OPEN));
    let invalid = write(
        root,
        "c/readiness.toml",
        &manifest("Broken", "", "estimate = \"soon\""),
    );
    let arg = |p: &Path| p.to_str().unwrap().to_owned();
    let ran = run(&["check", &arg(&ready)], root);
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    // Two ready manifests: a portfolio, ready.
    let again = write(root, "d/readiness.toml", &manifest("Again", "", READY));
    let ran = run(&["check", &arg(&ready), &arg(&again)], root);
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.contains("Ready: READY"), "{}", ran.stdout);
    assert!(
        ran.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("READY · 2 projects")
    );
    let ran = run(&["check", &arg(&ready), &arg(&open)], root);
    assert_eq!(ran.code, 1, "{}", ran.stdout);
    assert!(ran.stdout.contains("Open: NOT READY"), "{}", ran.stdout);
    // An invalid member: 2, its diagnostics with file:line:col, and the
    // others still have their verdict.
    let ran = run(&["check", &arg(&ready), &arg(&open), &arg(&invalid)], root);
    assert_eq!(ran.code, 2, "{}", ran.stdout);
    assert!(
        ran.stderr.contains("c/readiness.toml:10:12: error:"),
        "{}",
        ran.stderr
    );
    assert!(ran.stdout.contains("Ready: READY"), "{}", ran.stdout);
    assert!(ran.stdout.contains("Open: NOT READY"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("c: invalid · line 10:"),
        "{}",
        ran.stdout
    );
    // As GitHub annotations: the invalid member's error on its file.
    let ran = run(
        &["check", "--format", "github", &arg(&ready), &arg(&invalid)],
        root,
    );
    assert_eq!(ran.code, 2, "{}", ran.stdout);
    assert!(ran.stdout.contains("::error file="), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("c/readiness.toml::line 10:"),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("NOT READY · 2 projects")
    );
    // A missing member: shown as missing, status 2.
    let ran = run(&["check", &arg(&ready), "nowhere/readiness.toml"], root);
    assert_eq!(ran.code, 2);
    assert!(ran.stdout.contains("nowhere: missing"), "{}", ran.stdout);
}

#[test]
fn ci_json_reports_are_members_and_anything_else_is_refused_with_its_path() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    let alpha = write(
        root,
        "alpha/readiness.toml",
        &manifest("Alpha", "target = 2026-12-31", OPEN),
    );
    let beta = write(
        root,
        "beta/readiness.toml",
        &manifest("Beta", "target = 2026-11-24", "estimate = \"5d\""),
    );
    // As each repository's CI writes them.
    for (file, out) in [(&alpha, "ci/alpha.json"), (&beta, "ci/beta.json")] {
        let ran = run(
            &["report", file.to_str().unwrap(), "--format", "json"],
            root,
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        write(root, out, &ran.stdout);
    }
    let ran = run(
        &[
            "report",
            "ci/alpha.json",
            "ci/beta.json",
            "--format",
            "json",
        ],
        root,
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let json: Value = serde_json::from_str(&ran.stdout).unwrap();
    let portfolio = &json["portfolio"];
    assert_eq!(portfolio["basis"], "projects");
    // Alpha finishes by 2026-11-25 at the latest, Beta on 2026-11-27.
    assert_eq!(portfolio["p85"], "2026-11-27");
    assert_eq!(portfolio["members"][0]["source"], "report");
    // The reports come back as they were written.
    let original: Value =
        serde_json::from_str(&fs::read_to_string(root.join("ci/beta.json")).unwrap()).unwrap();
    assert_eq!(json["projects"][1], original);
    let text = run(&["report", "ci/alpha.json", "ci/beta.json"], root);
    assert!(text.stdout.contains("Alpha") && text.stdout.contains("Beta"));
    assert!(text.stdout.contains("at least these"), "{}", text.stdout);

    // Not a readiness report: refused with its path, the rest still read.
    write(
        root,
        "ci/package.json",
        r#"{"name": "left-pad", "version": "1.3.0"}"#,
    );
    let ran = run(&["report", "ci/alpha.json", "ci/package.json"], root);
    assert_eq!(ran.code, 2);
    assert!(
        ran.stdout
            .contains("ci/package.json: not a readiness report: missing field `project`"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("Alpha"));
}

#[test]
fn the_rendered_frame_names_every_project() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ran = run(
        &["render", FIXTURE, "--width", "80", "--height", "24"],
        root,
    );
    assert_eq!(ran.code, 2, "the fixture holds an invalid member");
    for name in ["Checkout", "Search", "Mobile", "legacy"] {
        assert!(ran.stdout.contains(name), "{name}:\n{}", ran.stdout);
    }
    assert!(ran.stdout.contains("Portfolio · 4 projects"));
}

#[test]
fn a_folder_without_manifests_says_so() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "target/readiness.toml", "");
    write(dir.path(), ".gitignore", "target\n");
    let ran = run(&["check", "."], dir.path());
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("no readiness.toml below"),
        "{}",
        ran.stderr
    );
}

fn fixture_view() -> PortfolioView {
    let found = members::discover(&[PathBuf::from(FIXTURE)]).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let settings = Settings {
        today,
        options: Options::default(),
        allow_commands: false,
        since: None,
        history: false,
    };
    PortfolioView::of(&RollUp::of(today, members::load(&found, settings)))
}

fn frame(view: &PortfolioView, theme: &Theme, w: u16, h: u16) -> Buffer {
    readiness::ui::render::render_portfolio_buffer(
        view,
        readiness::ui::portfolio::State::default(),
        theme,
        w,
        h,
    )
}

#[test]
fn golden_frames_at_every_size_in_every_theme() {
    let view = fixture_view();
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        for (name, theme, no_color) in THEMES {
            let buffer = frame(&view, &Theme::new(theme, no_color), w, h);
            insta::assert_snapshot!(format!("portfolio_{name}_{w}x{h}"), styled(&buffer));
        }
    }
}

#[test]
fn rows_are_coloured_by_chance() {
    let view = fixture_view();
    let theme = Theme::new(ThemeName::Dark, false);
    let buffer = frame(&view, &theme, 120, 40);
    let text = readiness::ui::render::buffer_text(&buffer);
    let style_of = |name: &str| {
        // In the table (the headline may name it too).
        let y = text
            .lines()
            .position(|l| l.starts_with('┃') && l.contains(name))
            .unwrap();
        let x = text.lines().nth(y).unwrap().find(name).unwrap();
        // Byte offset equals the cell before any wide character on the row.
        let x = text.lines().nth(y).unwrap()[..x].chars().count();
        buffer[(x as u16, y as u16)].fg
    };
    // Search (under 50%), Mobile (50–84%), Checkout (85% or more) and the
    // invalid member; the first row is selected and drawn in its style.
    assert_eq!(style_of("Search"), theme.fail.fg.unwrap_or(Color::Reset));
    assert_eq!(style_of("legacy"), theme.fail.fg.unwrap_or(Color::Reset));
    assert_eq!(style_of("Mobile"), theme.unknown.fg.unwrap_or(Color::Reset));
}

#[test]
fn a_folder_of_more_than_100000_entries_is_refused() {
    let dir = TempDir::new().unwrap();
    let many = dir.path().join("many");
    fs::create_dir(&many).unwrap();
    for i in 0..100_001 {
        fs::File::create(many.join(i.to_string())).unwrap();
    }
    write(dir.path(), "a/readiness.toml", &manifest("A", "", READY));
    let ran = run(&["check", "."], dir.path());
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr
            .contains("the search visited more than 100000 entries"),
        "{}",
        ran.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_hostile_member_shows_in_its_row_while_the_rest_compute() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "a/readiness.toml", &manifest("Alpha", "", READY));
    fs::create_dir_all(root.join("fifo")).unwrap();
    let made = hermetic::command("mkfifo")
        .arg(root.join("fifo/readiness.toml"))
        .status();
    fs::create_dir_all(root.join("dev")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("dev/readiness.toml")).unwrap();
    // A name with an escape sequence and a bidi override.
    write(
        root,
        "evil/readiness.toml",
        &manifest("Ev\\u001b[31mil\\u202e", "", READY),
    );
    let ran = run(&["report", "."], root);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stdout.contains("Alpha"), "{}", ran.stdout);
    assert!(
        ran.stdout.contains("dev (dev/readiness.toml): unreadable"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("a character device"), "{}", ran.stdout);
    if made.is_ok_and(|s| s.success()) {
        assert!(
            ran.stdout
                .contains("fifo (fifo/readiness.toml): unreadable"),
            "{}",
            ran.stdout
        );
    }
    assert!(ran.stdout.contains("Ev[31mil"), "{}", ran.stdout);
    assert!(!ran.stdout.contains('\u{1b}') && !ran.stdout.contains('\u{202e}'));
}

/// A fenced block of docs/portfolio.md: the `n`th of language `lang`.
fn docs_block(lang: &str, n: usize) -> String {
    let docs =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/portfolio.md")).unwrap();
    let fence = format!("```{lang}\n");
    let start = docs.match_indices(&fence).nth(n).expect("the block").0 + fence.len();
    docs[start..start + docs[start..].find("```").unwrap()].to_owned()
}

/// The DuckDB queries of docs/portfolio.md, over reports the binary wrote,
/// give the figures `readiness report` gives over the same reports.
#[test]
fn the_docs_sql_gives_the_roll_up_of_the_reports() {
    if tools::missing(&[&tools::DUCKDB]) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for service in ["checkout", "search", "mobile"] {
        let manifest = root
            .join(FIXTURE)
            .join("services")
            .join(service)
            .join("readiness.toml");
        let ran = run(
            &["report", manifest.to_str().unwrap(), "--format", "json"],
            root,
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        write(
            dir.path(),
            &format!("reports/{service}/readiness-report.json"),
            &ran.stdout,
        );
    }
    let glob = "reports/*/readiness-report.json";
    let ran = run(
        &[
            "report",
            glob.replace('*', "checkout").as_str(),
            &glob.replace('*', "mobile"),
            &glob.replace('*', "search"),
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let ours: Value = serde_json::from_str(&ran.stdout).unwrap();
    // Each query's rows as JSON lines, from DuckDB's Python package.
    let sql = |query: &str| -> Vec<Value> {
        let script = "import duckdb, json, sys\n\
                      rel = duckdb.sql(sys.stdin.read())\n\
                      cols = rel.columns\n\
                      for row in rel.fetchall():\n\
                      \x20   print(json.dumps(dict(zip(cols, row)), default=str))\n";
        let output = hermetic::toolchain("python3")
            .args(["-c", script])
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write as _;
                child.stdin.take().unwrap().write_all(query.as_bytes())?;
                child.wait_with_output()
            })
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let rows = sql(&docs_block("sql", 0));
    let members = ours["portfolio"]["members"].as_array().unwrap();
    assert_eq!(rows.len(), members.len());
    for (row, member) in rows.iter().zip(members) {
        assert_eq!(row["project"], member["name"]);
        assert_eq!(row["ready"], member["ready"]);
        assert_eq!(row["p50"], member["p50"]);
        assert_eq!(row["p85"], member["p85"]);
        assert_eq!(row["target"], member["target"]);
        assert_eq!(row["false_green"], member["false_green"]);
        let rounded = (member["completion"].as_f64().unwrap() * 10.0).round() / 10.0;
        assert_eq!(row["completion"].as_f64(), Some(rounded));
        let gates = format!("{}/{}", member["hard_gates_passing"], member["hard_gates"]);
        assert_eq!(row["gates"], gates.as_str());
    }
    let line = &sql(&docs_block("sql", 1))[0];
    let portfolio = &ours["portfolio"];
    assert_eq!(line["projects"], 3);
    assert_eq!(line["ready"], portfolio["ready"]);
    assert_eq!(line["p50"], portfolio["p50"]);
    assert_eq!(line["p85"], portfolio["p85"]);
    let rounded = (portfolio["completion"].as_f64().unwrap() * 10.0).round() / 10.0;
    assert_eq!(line["completion"].as_f64(), Some(rounded));
}

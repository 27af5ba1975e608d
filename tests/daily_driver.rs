//! The dashboard as a daily driver (docs/dashboard.md), without a terminal:
//! what a user who edits, searches, sorts and filters all day sees — the
//! key bar at every width, the prompts, the titles' counts, the detail
//! views whole — as golden frames and key sequences on ratatui's
//! `TestBackend`. The same behaviour driven for real in tmux is in
//! tests/dashboard_edits.rs.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use readiness::app::{Action, App, AppOptions, LoadOutcome, SortKey};
use readiness::ui::render::render_text;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, s).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn good(text: &str) -> LoadOutcome {
    let snapshot = readiness::evaluate(text, today()).unwrap();
    LoadOutcome::loaded(snapshot, text, at(12, 13, 47))
}

fn loaded(text: &str, options: AppOptions) -> App {
    let mut app = App::new(PathBuf::from("readiness.toml"), options);
    app.on_load(good(text));
    app
}

fn top() -> App {
    loaded(&read("readiness.toml"), AppOptions::default())
}

fn press(app: &mut App, code: KeyCode) -> Action {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The ids the tasks pane lists, in order.
fn ids(app: &App) -> Vec<String> {
    let v = app.view().unwrap();
    app.visible_tasks()
        .iter()
        .map(|&i| v.tasks.rows[i].id.clone())
        .collect()
}

#[test]
fn reversing_file_order_reverses_the_rows() {
    let mut app = top();
    let file_order = ids(&app);
    keys(&mut app, "S");
    assert_eq!(app.sort().key, SortKey::File);
    assert!(app.sort().reverse);
    let mut reversed = file_order.clone();
    reversed.reverse();
    assert_eq!(ids(&app), reversed);
    assert!(render_text(&app, 120, 40).contains("by file order, reversed"));
    // Reversing a sort reverses its ties too: the list read bottom up.
    keys(&mut app, "sS");
    let mut by_priority = ids(&app);
    keys(&mut app, "S");
    by_priority.reverse();
    assert_eq!(ids(&app), by_priority);
}

#[test]
fn a_gate_detail_names_every_open_task() {
    let mut app = top();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let screen = render_text(&app, 120, 40);
    assert!(screen.contains("Gate p0-done"), "{screen}");
    assert!(!screen.contains("+7 more"), "{screen}");
    // The ten open P0 tasks, each named (the pane names three).
    let v = app.view().unwrap();
    let open: Vec<&str> = v
        .tasks
        .rows
        .iter()
        .filter(|t| t.priority.as_str() == "P0" && !["done", "dropped"].contains(&t.state.as_str()))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(open.len(), 10, "{open:?}");
    for id in open {
        assert!(screen.contains(id), "{id} missing:\n{screen}");
    }
    insta::assert_snapshot!("gate_detail_whole_120x40", screen);
}

/// Without focus the gates pane selects nothing, so its last line is one
/// more gate, not the first gate's detail again; with focus it is the
/// selected gate's detail, whole.
#[test]
fn the_gates_pane_repeats_no_gate() {
    let mut app = top();
    let screen = render_text(&app, 120, 40);
    let gate_lines: Vec<&str> = screen.lines().filter(|l| l.contains("All P0 wo")).collect();
    assert_eq!(gate_lines.len(), 1, "{screen}");
    assert!(screen.contains("Security review of s"), "{screen}");
    press(&mut app, KeyCode::Tab);
    let screen = render_text(&app, 120, 40);
    assert!(
        screen.contains("✗ All P0 wo… · 8/18 P0 tasks done · open: api-matrix"),
        "{screen}"
    );
}

/// The blockers pane lists 2 blocked tasks and 4 hard gates: its title's
/// counts add up to the 6 rows its counter counts, at every size.
#[test]
fn the_blockers_title_counts_what_the_counter_counts() {
    let app = top();
    for ((w, h), title) in [
        ((80, 24), "Blockers 2 tasks · 4 gates "),
        ((120, 40), "Blockers 2 blocked tasks · 4 hard gates "),
        ((200, 60), "Blockers 2 blocked tasks · 4 hard gates "),
    ] {
        let screen = render_text(&app, w, h);
        assert!(screen.contains(title), "{w}x{h}:\n{screen}");
    }
}

/// priya is away 4 working days before her finish. At 80 columns the short
/// form beside her finish date says days off, not "4 days away" (read as
/// a finish in four days); her detail says it once.
#[test]
fn days_away_read_as_days_off() {
    let mut app = top();
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let screen = render_text(&app, 80, 24);
    assert!(screen.contains("17.1 d 2027-01-14 4 days off"), "{screen}");
    assert!(!screen.contains("days away"), "{screen}");
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Enter);
    let screen = render_text(&app, 80, 24);
    assert!(
        screen.contains("away  4 working days before the finish"),
        "{screen}"
    );
    assert!(!screen.contains("away  away"), "{screen}");
}

/// The top-level manifest with `depends_on` misspelt on two tasks.
fn broken_text() -> String {
    read("readiness.toml").replace(
        "\ndepends_on = [\"api-schema\"]",
        "\ndepend_on = [\"api-schema\"]",
    )
}

fn invalid(text: &str, at: NaiveDateTime) -> LoadOutcome {
    let diagnostics = readiness::evaluate(text, today()).unwrap_err();
    LoadOutcome::invalid(text, &diagnostics, at)
}

/// At 120 columns the banner keeps the fix ("did you mean") whole and
/// drops the time the figures went stale; with room, it has both.
#[test]
fn the_banner_cuts_the_time_before_the_fix() {
    let mut app = top();
    app.on_load(invalid(&broken_text(), at(12, 14, 2)));
    let banner = |w: u16, h: u16| render_text(&app, w, h).lines().next().unwrap().to_owned();
    let at_120 = banner(120, 40);
    assert!(at_120.contains("(did you mean `depends_on`?)"), "{at_120}");
    assert!(!at_120.contains('…'), "{at_120}");
    let at_200 = banner(200, 60);
    assert!(at_200.contains("(did you mean `depends_on`?)"), "{at_200}");
    assert!(at_200.contains("stale since 12:14:02"), "{at_200}");
    let at_80 = banner(80, 24);
    assert!(
        at_80.starts_with(" ✗ line 138:1: unknown key `depend_on`"),
        "{at_80}"
    );
}

/// A small plan: one component, two tasks, one owner.
const SMALL: &str = r#"[project]
name = "Small"

[[component]]
id = "core"

[[component]]
id = "docs"
progress = 50

[[task]]
id = "alpha"
title = "Alpha work"
component = "core"
estimate = "2d"
owner = "sam"

[[task]]
id = "beta"
title = "Beta work"
component = "core"
estimate = "1d"
blocker = "waiting on ops"
"#;

fn small() -> App {
    loaded(SMALL, AppOptions::default())
}

/// "all 45" beside "18 of 43 tasks done": the two dropped tasks are named.
#[test]
fn the_tasks_title_names_the_dropped() {
    let mut app = top();
    press(&mut app, KeyCode::Char('0'));
    let screen = render_text(&app, 120, 40);
    assert!(
        screen.contains("Tasks all 45 (2 dropped) · 18 of 43 tasks done"),
        "{screen}"
    );
}

/// An empty list says what is empty and the key that brings tasks back.
#[test]
fn an_empty_list_names_its_filter_and_the_key_out() {
    let mut app = small();
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    // Done: none yet.
    press(&mut app, KeyCode::Char('6'));
    let screen = render_text(&app, 120, 40);
    assert!(
        screen.contains("no done tasks (f: next filter · 0: all)"),
        "{screen}"
    );
    // All, but only sam's blocked… none: Esc clears the owner filter.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('o'));
    let screen = render_text(&app, 120, 40);
    assert!(
        screen.contains("no blocked tasks here (Esc clears the filter)"),
        "{screen}"
    );
    // All the tasks of a component that has none: not "no all tasks".
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Esc);
    for _ in 0..3 {
        press(&mut app, KeyCode::BackTab);
    }
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('c'));
    let screen = render_text(&app, 120, 40);
    assert!(
        screen.contains("no tasks here (Esc clears the filter)"),
        "{screen}"
    );
}

/// Sorted by holds up, the figure sorted by shows: the days a blocked task
/// holds up (sync-attachments 7.1 d, billing-tax 7 d), then the days left.
#[test]
fn sorting_by_holds_up_shows_the_figure() {
    let mut app = top();
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "ssg");
    assert_eq!(app.sort().key, SortKey::HoldsUp);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let screen = render_text(&app, w, h);
        // A row of the tasks table, by the start of its title.
        let row = |title: &str| {
            screen
                .lines()
                .find(|l| l.contains(title) && l.starts_with('┃'))
                .unwrap_or_default()
                .to_owned()
        };
        assert!(screen.contains("holds up"), "{w}x{h}:\n{screen}");
        assert!(
            row("Proof-of-del").contains(" 7.1 d "),
            "{w}x{h}:\n{screen}"
        );
        assert!(row("EU VAT").contains(" 7 d "), "{w}x{h}:\n{screen}");
        assert!(
            row("Sync client o").contains(" d left "),
            "{w}x{h}:\n{screen}"
        );
    }
}

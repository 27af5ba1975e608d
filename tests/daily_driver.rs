//! The dashboard as a daily driver (docs/dashboard.md), without a terminal:
//! what a user who edits, searches, sorts and filters all day sees — the
//! key bar at every width, the prompts, the titles' counts, the detail
//! views whole — as golden frames and key sequences on ratatui's
//! `TestBackend`. The same behaviour driven for real in tmux is in
//! tests/dashboard_edits.rs.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use ratatui::style::{Color, Modifier};
use readiness::app::ThemeName;
use readiness::app::edit::set_status;
use readiness::app::{
    Action, App, AppOptions, EditReport, EditRequest, Focus, LoadOutcome, SortKey,
};
use readiness::manifest::Status;
use readiness::ui::render::{render_buffer, render_text};
use readiness::view::Item;

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

// ---- edits act on what was asked ---------------------------------------------

/// What the edit worker would write: the edit applied to `text` by the
/// same core as `readiness set`.
fn written(text: &str, request: &EditRequest) -> String {
    readiness::edit::apply(text, &request.task, &request.edit, today())
        .unwrap()
        .text
}

fn report(note: &str, undoable: usize) -> EditReport {
    EditReport {
        note: note.into(),
        refused: false,
        undoable,
    }
}

/// The request an action asks to write.
fn request(action: Action) -> EditRequest {
    match action {
        Action::SetTask(request) => request,
        other => panic!("no edit: {other:?}"),
    }
}

/// The tasks pane of the top-level manifest with `api-v1-shim` (doing)
/// selected under the default "open" filter.
fn on_api_v1_shim() -> (App, String) {
    let mut app = top();
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected_item(), Some(Item::Task("api-v1-shim".into())));
    (app, read("readiness.toml"))
}

/// `x` then `x` cycles one task twice: the first edit makes it done, which
/// the "open" filter hides, yet it stays listed and selected until the
/// user moves, and the second `x` acts on it again (it wrote `doing` to
/// the next task, api-errors).
#[test]
fn x_twice_cycles_one_task_twice() {
    let (mut app, text) = on_api_v1_shim();
    let first = request(press(&mut app, KeyCode::Char('x')));
    assert_eq!(first, set_status("api-v1-shim", Status::Done));
    let text = written(&text, &first);
    app.on_edited(report("api-v1-shim: status done", 1));
    app.on_load(good(&text));
    assert_eq!(app.selected_item(), Some(Item::Task("api-v1-shim".into())));
    assert!(ids(&app).contains(&"api-v1-shim".to_owned()));
    let second = request(press(&mut app, KeyCode::Char('x')));
    assert_eq!(second, set_status("api-v1-shim", Status::Blocked));
    // Moving lets it go: the open list no longer has it, and the selection
    // is on the row the key moved to.
    press(&mut app, KeyCode::Char('k'));
    assert!(!ids(&app).contains(&"api-v1-shim".to_owned()));
    assert_eq!(app.selected_item(), Some(Item::Task("api-matrix".into())));
}

/// Pressed before the first save is back, the second `x` still cycles
/// from the status the first asked (done → blocked), and `d d` writes one
/// task.
#[test]
fn keys_pressed_before_the_save_is_back_act_on_the_same_task() {
    let (mut app, _) = on_api_v1_shim();
    assert_eq!(
        request(press(&mut app, KeyCode::Char('x'))),
        set_status("api-v1-shim", Status::Done)
    );
    assert_eq!(
        request(press(&mut app, KeyCode::Char('x'))),
        set_status("api-v1-shim", Status::Blocked)
    );
    let (mut app, text) = on_api_v1_shim();
    let first = request(press(&mut app, KeyCode::Char('d')));
    app.on_load(good(&written(&text, &first)));
    assert_eq!(
        request(press(&mut app, KeyCode::Char('d'))).task,
        "api-v1-shim"
    );
}

/// One `x` on a blocked task asks before dropping it: `y` drops it, `n`
/// sets it to todo, Esc keeps it as it is.
#[test]
fn dropping_takes_a_yes() {
    let mut app = small();
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    let blocked = || set_status("beta", Status::Blocked);
    let mut text = written(SMALL, &blocked());
    app.on_load(good(&text));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected_item(), Some(Item::Task("beta".into())));
    for (key, then) in [
        ('n', Some(Status::Todo)),
        ('y', Some(Status::Dropped)),
        ('\u{1b}', None),
    ] {
        assert_eq!(press(&mut app, KeyCode::Char('x')), Action::Redraw);
        let screen = render_text(&app, 120, 40);
        assert!(
            screen.contains("drop beta? it leaves every figure"),
            "{screen}"
        );
        let action = if key == '\u{1b}' {
            press(&mut app, KeyCode::Esc)
        } else {
            press(&mut app, KeyCode::Char(key))
        };
        match then {
            Some(status) => {
                assert_eq!(request(action), set_status("beta", status));
                app.on_edited(report("beta: written", 1));
            }
            None => assert_eq!(action, Action::Redraw),
        }
        // Back to blocked for the next round, as the file would be.
        text = written(&text, &blocked());
        app.on_load(good(&text));
    }
    assert!(app.prompt().is_none());
}

/// `u` asks the worker to undo once an edit was sent (the worker takes it
/// after the edit); before, it says there is nothing to undo. The key bar says what was written, then
/// `u undo`.
#[test]
fn u_undoes_and_the_key_bar_says_what_was_written() {
    let (mut app, _) = on_api_v1_shim();
    assert_eq!(press(&mut app, KeyCode::Char('u')), Action::Redraw);
    assert!(app.note().unwrap().contains("nothing to undo"));
    press(&mut app, KeyCode::Char('d'));
    // Pressed before the edit is reported, u goes to the worker after it.
    assert_eq!(press(&mut app, KeyCode::Char('u')), Action::Undo);
    app.on_edited(report("api-v1-shim: status done, done 2026-12-03", 1));
    let bottom = render_text(&app, 120, 40)
        .lines()
        .last()
        .unwrap()
        .to_owned();
    assert!(
        bottom.starts_with(" api-v1-shim: status done, done 2026-12-03 · u undo  ? help"),
        "{bottom}"
    );
    assert_eq!(press(&mut app, KeyCode::Char('u')), Action::Undo);
}

/// After `c`, Esc clears the component filter and leaves the focus where
/// it is (it moved it back to the components pane).
#[test]
fn esc_after_c_clears_the_filter_only() {
    let mut app = top();
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.focus(), Focus::Tasks);
    assert!(app.component_filter_index().is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.component_filter_index().is_none());
    assert_eq!(app.focus(), Focus::Tasks);
}

/// The `%` and `b` prompts start with the old value selected: typing
/// replaces it (`70` then `85` gave `7085`); → keeps it to type after it.
#[test]
fn typing_replaces_the_old_value() {
    let mut app = loaded(
        &SMALL.replace("owner = \"sam\"", "owner = \"sam\"\nprogress = 70"),
        AppOptions::default(),
    );
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('%'));
    assert_eq!(app.prompt().unwrap().text, "70");
    keys(&mut app, "85");
    let edit = request(press(&mut app, KeyCode::Enter));
    assert_eq!(edit.edit.progress, Some(85.0));
    press(&mut app, KeyCode::Char('%'));
    press(&mut app, KeyCode::Right);
    keys(&mut app, ".5");
    assert_eq!(app.prompt().unwrap().text, "70.5");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('b'));
    keys(&mut app, "ops");
    assert_eq!(app.prompt().unwrap().text, "ops");
}

/// `t` names the theme it switched to at every width (the status line
/// named it only from 200 columns).
#[test]
fn t_names_the_theme() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = top();
        press(&mut app, KeyCode::Char('t'));
        let bottom = render_text(&app, w, h).lines().last().unwrap().to_owned();
        assert!(bottom.contains("theme light"), "{w}x{h}: {bottom}");
    }
}

/// The status line's right side is one list with ` · ` between its parts.
#[test]
fn the_status_line_separates_its_parts() {
    let app = top();
    let bottom = render_text(&app, 200, 60)
        .lines()
        .last()
        .unwrap()
        .to_owned();
    assert!(
        bottom.ends_with("! 1 warning · loaded 12:13:47 · readiness.toml · dark"),
        "{bottom}"
    );
}

/// The search shows what is typed and how many tasks match, at every width.
#[test]
fn the_search_shows_its_query_and_count() {
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let mut app = top();
        press(&mut app, KeyCode::Char('/'));
        keys(&mut app, "sync");
        let bottom = render_text(&app, w, h).lines().last().unwrap().to_owned();
        assert!(
            bottom.starts_with(" /sync▏ 8 tasks match"),
            "{w}x{h}: {bottom}"
        );
    }
}

/// At 80 columns the `b` prompt on a long blocker fits: the label whole or
/// short, the old value from its start, one `…` at most (it showed
/// `(empty cle……al (SEC-412)`).
#[test]
fn the_blocker_prompt_fits_at_80_columns() {
    let mut app = top();
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('b'));
    let bottom = render_text(&app, 80, 24).lines().last().unwrap().to_owned();
    assert!(!bottom.contains("……"), "{bottom}");
    assert!(
        bottom.contains("blocker of sync-attachments: EU photo bucket"),
        "{bottom}"
    );
    assert!(bottom.contains("Enter write"), "{bottom}");
}

/// The key bar offers the most used keys at every width: the edit keys
/// where a task is selected, `p` and `t` from 120 columns.
#[test]
fn the_key_bar_offers_the_edit_keys() {
    let (app, _) = on_api_v1_shim();
    let bottom = |app: &App, w, h| render_text(app, w, h).lines().last().unwrap().to_owned();
    let at_80 = bottom(&app, 80, 24);
    for key in ["d done", "x status"] {
        assert!(at_80.contains(key), "{at_80}");
    }
    let at_120 = bottom(&app, 120, 40);
    for key in ["d done", "x status", "b blocker", "% progress"] {
        assert!(at_120.contains(key), "{at_120}");
    }
    let top = top();
    let at_120 = bottom(&top, 120, 40);
    assert!(!at_120.contains("d done"), "no task selected: {at_120}");
    for key in ["t theme", "p present", "a add"] {
        assert!(at_120.contains(key), "{at_120}");
    }
}

// ---- golden frames: the bottom line in every theme ----------------------------

const THEMES: [(&str, ThemeName, bool); 4] = [
    ("dark", ThemeName::Dark, false),
    ("light", ThemeName::Light, false),
    ("high_contrast", ThemeName::HighContrast, false),
    ("no_color", ThemeName::Dark, true),
];

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// The frame's last line at `w`×`h`: its text, each cell's style as a
/// letter, and what the letters stand for.
fn bottom_line(app: &App, w: u16, h: u16) -> String {
    let buffer = render_buffer(app, w, h);
    let y = h - 1;
    let mut styles: Vec<(Color, Color, Modifier)> = Vec::new();
    let mut text = String::new();
    let mut letters = String::new();
    let names: Vec<char> = ('a'..='z').collect();
    for x in 0..w {
        let cell = &buffer[(x, y)];
        text.push_str(cell.symbol());
        let key = (cell.fg, cell.bg, cell.modifier);
        let k = styles.iter().position(|&s| s == key).unwrap_or_else(|| {
            styles.push(key);
            styles.len() - 1
        });
        letters.push(names.get(k).copied().unwrap_or('?'));
    }
    let mut out = format!("{w}x{h}\n{}\n{}\n", text.trim_end(), letters);
    for (k, (fg, bg, m)) in styles.iter().enumerate() {
        out.push_str(&format!("  {} = {fg:?} on {bg:?} {m:?}\n", names[k]));
    }
    out
}

/// Scenes of the bottom line, each reached by keys from the top-level
/// manifest.
type Scene = (&'static str, fn(&mut App));

const SCENES: [Scene; 6] = [
    ("keybar_components", |_| {}),
    ("keybar_task_after_an_edit", |app| {
        for _ in 0..3 {
            press(app, KeyCode::Tab);
        }
        press(app, KeyCode::Char('d'));
        app.on_edited(report("api-matrix: status done, done 2026-12-03", 1));
    }),
    ("prompt_progress_selected", |app| {
        for _ in 0..3 {
            press(app, KeyCode::Tab);
        }
        press(app, KeyCode::Char('%'));
    }),
    ("prompt_blocker_long", |app| {
        for _ in 0..2 {
            press(app, KeyCode::Tab);
        }
        press(app, KeyCode::Char('b'));
    }),
    ("prompt_drop", |app| {
        for _ in 0..2 {
            press(app, KeyCode::Tab);
        }
        press(app, KeyCode::Char('x'));
    }),
    ("search_typing", |app| {
        press(app, KeyCode::Char('/'));
        keys(app, "sync");
    }),
];

#[test]
fn bottom_line_golden_frames() {
    for (scene, keys) in SCENES {
        for (theme_name, theme, no_color) in THEMES {
            let mut app = loaded(&read("readiness.toml"), AppOptions { theme, no_color });
            keys(&mut app);
            let frames: String = SIZES
                .iter()
                .map(|&(w, h)| bottom_line(&app, w, h))
                .collect();
            insta::assert_snapshot!(format!("bottom_{scene}_{theme_name}"), frames);
        }
    }
}

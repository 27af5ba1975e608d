//! The dashboard's drawing and state, without a terminal: golden frames on
//! ratatui's `TestBackend` (whole screens, each pane, popups and bad states),
//! cell styles per theme, key and load sequences, and `readiness render`.

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/styles.rs"]
mod styles;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::style::{Color, Modifier};

use readiness::app::{
    Action, App, AppOptions, Focus, LoadOutcome, Overlay, OwnerFilter, Problem, SortKey,
    StatusFilter, ThemeName, WatchStatus,
};
use readiness::manifest::Diagnostic;
use readiness::model::Snapshot;
use readiness::ui::Pane;
use readiness::ui::render::{render_buffer, render_pane_text, render_text};
use styles::{THEMES, styled};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, s).unwrap()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn snapshot_of(text: &str) -> Snapshot {
    readiness::evaluate(text, today()).unwrap()
}

/// A good load of `text` at `at`, its view built as the loader builds it.
fn good(text: &str, at: NaiveDateTime) -> LoadOutcome {
    LoadOutcome::loaded(snapshot_of(text), text, at)
}

/// An invalid load of `text` at `at`: its diagnostics, located.
fn invalid(text: &str, at: NaiveDateTime) -> LoadOutcome {
    let diagnostics: Vec<Diagnostic> = readiness::evaluate(text, today()).unwrap_err();
    LoadOutcome::invalid(text, &diagnostics, at)
}

fn app_with(options: AppOptions) -> App {
    App::new(PathBuf::from("readiness.toml"), options)
}

fn loaded(path: &str, options: AppOptions) -> App {
    let mut app = app_with(options);
    app.on_load(good(&read(path), at(14, 0, 0)));
    app
}

fn top() -> App {
    loaded("readiness.toml", AppOptions::default())
}

/// The top-level manifest with `depends_on` misspelt on two tasks.
fn broken_text() -> String {
    read("readiness.toml").replace(
        "\ndepends_on = [\"api-schema\"]",
        "\ndepend_on = [\"api-schema\"]",
    )
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn press(app: &mut App, code: KeyCode) -> Action {
    app.on_key(key(code))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Where a text starts in a buffer: (x, y) of its first cell.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let cells: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        for x in 0..cells.len() {
            let mut joined = String::new();
            for s in &cells[x..] {
                joined.push_str(s);
                if joined.len() >= needle.len() {
                    break;
                }
            }
            if joined.starts_with(needle) {
                return Some((x as u16, y));
            }
        }
    }
    None
}

// ---- golden frames -----------------------------------------------------------

const MANIFESTS: [(&str, &str); 3] = [
    ("top", "readiness.toml"),
    ("voice_bot", "examples/voice-bot.toml"),
    ("clinic", "examples/clinic-assistant.toml"),
];

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

#[test]
fn whole_screen_frames() {
    for (name, path) in MANIFESTS {
        let app = loaded(path, AppOptions::default());
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), render_text(&app, w, h));
        }
    }
}

#[test]
fn each_pane_alone() {
    let mut app = top();
    app.set_watch_status(WatchStatus::Watching);
    let panes = [
        ("header", Pane::Header, 100, 4),
        ("components", Pane::Components, 60, 10),
        ("gates", Pane::Gates, 90, 13),
        ("blockers", Pane::Blockers, 50, 14),
        ("tasks", Pane::Tasks, 100, 12),
        ("burnup", Pane::BurnUp, 50, 7),
        ("forecast", Pane::Forecast, 70, 16),
        ("people", Pane::People, 60, 5),
        ("status_line", Pane::StatusLine, 100, 1),
    ];
    for (name, pane, w, h) in panes {
        insta::assert_snapshot!(format!("pane_{name}"), render_pane_text(&app, pane, w, h));
    }
}

/// `forecast::height` counts the rows the forecast pane draws: drawn alone
/// at that height it shows every line down to the method's last, and one
/// row less says what it cut (the wide layout gives the pane this height,
/// so the 200×60 frames show the whole "method: …" sentence).
#[test]
fn the_forecast_pane_is_as_tall_as_it_counts() {
    use readiness::app::Regions;
    use readiness::ui::theme::Theme;
    use readiness::ui::{Ctx, Tier, forecast};
    for (name, path) in MANIFESTS {
        let app = loaded(path, AppOptions::default());
        let view = app.view().unwrap();
        let regions = std::cell::RefCell::new(Regions::default());
        let last = view.forecast.lines.last().unwrap();
        let tail = last.rsplit(' ').next().unwrap();
        for w in 30..=110 {
            let ctx = Ctx {
                app: &app,
                view,
                theme: Theme::new(app.theme_name(), app.no_color()),
                tier: Tier::of(200),
                regions: &regions,
            };
            let h = forecast::height(&ctx, w);
            let whole = render_pane_text(&app, Pane::Forecast, w, h);
            assert!(
                !whole.contains("more line") && whole.contains(tail),
                "{name} at {w}×{h}:\n{whole}"
            );
            let cut = render_pane_text(&app, Pane::Forecast, w, h - 1);
            assert!(
                cut.contains("1 more line"),
                "{name} at {w}×{}:\n{cut}",
                h - 1
            );
        }
    }
}

#[test]
fn help_popup() {
    let mut app = top();
    assert_eq!(press(&mut app, KeyCode::Char('?')), Action::Redraw);
    insta::assert_snapshot!(render_text(&app, 80, 24));
}

#[test]
fn invalid_save_keeps_the_last_good_state_under_a_banner() {
    let mut app = top();
    app.on_load(invalid(&broken_text(), at(14, 2, 11)));
    // The first error whole with its fix, before the count and the time
    // (the status line counts the errors); wider, the count too.
    let text = render_text(&app, 80, 24);
    assert!(
        text.contains(
            "line 138:1: unknown key `depend_on` in [[task]] (did you mean `depends_on`?)"
        ),
        "{text}"
    );
    assert!(text.contains("! 4 errors"), "{text}");
    let wide = render_text(&app, 120, 40);
    assert!(
        wide.contains("line 138:1: unknown key `depend_on`"),
        "{wide}"
    );
    assert!(text.contains("Pathfind"), "{text}");
    insta::assert_snapshot!("banner_invalid_80x24", text);
    insta::assert_snapshot!("banner_invalid_120x40", render_text(&app, 120, 40));
}

#[test]
fn missing_file_keeps_the_last_good_state() {
    let mut app = top();
    app.on_load(LoadOutcome::Missing { at: at(9, 30, 0) });
    let text = render_text(&app, 80, 24);
    assert!(text.contains("readiness.toml missing · stale since 09:30:00"));
    insta::assert_snapshot!("banner_missing_80x24", text);
}

#[test]
fn invalid_without_a_good_state_fills_the_screen() {
    let mut app = app_with(AppOptions::default());
    app.on_load(invalid(&broken_text(), at(8, 0, 0)));
    insta::assert_snapshot!("full_screen_invalid_80x24", render_text(&app, 80, 24));
}

#[test]
fn missing_without_a_good_state_and_loading() {
    let mut app = app_with(AppOptions::default());
    insta::assert_snapshot!("loading_80x24", render_text(&app, 80, 24));
    app.on_load(LoadOutcome::Missing { at: at(8, 0, 0) });
    insta::assert_snapshot!("full_screen_missing_80x24", render_text(&app, 80, 24));
}

#[test]
fn too_small() {
    let app = top();
    let text = render_text(&app, 79, 23);
    assert!(text.contains("terminal too small (need 80×24)"));
    assert!(text.contains("now 79×23"));
    insta::assert_snapshot!("too_small_79x23", text);
}

#[test]
fn drill_down_frame() {
    let mut app = top();
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(press(&mut app, KeyCode::Char('c')), Action::Redraw);
    let text = render_text(&app, 120, 40);
    assert!(text.contains("in Offline sync engine"), "{text}");
    insta::assert_snapshot!("drill_down_120x40", text);
}

#[test]
fn search_frames() {
    let mut app = top();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "matrix");
    insta::assert_snapshot!("search_typing_120x40", render_text(&app, 120, 40));
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("search_applied_80x24", render_text(&app, 80, 24));
}

#[test]
fn no_size_panics_in_any_state() {
    let mut states = vec![top(), app_with(AppOptions::default())];
    let mut bad = top();
    bad.on_load(invalid(&broken_text(), at(1, 2, 3)));
    bad.on_reloading();
    bad.set_watch_status(WatchStatus::Polling {
        reason: "inotify watch limit reached".into(),
    });
    states.push(bad);
    let mut help = top();
    press(&mut help, KeyCode::Char('?'));
    states.push(help);
    let mut search = top();
    press(&mut search, KeyCode::Char('/'));
    type_text(&mut search, "no such task anywhere");
    states.push(search);
    let mut first_invalid = app_with(AppOptions::default());
    first_invalid.on_load(invalid(&broken_text(), at(1, 2, 3)));
    states.push(first_invalid);
    for (_, path) in MANIFESTS {
        states.push(loaded(path, AppOptions::default()));
    }
    let sizes = [
        (1, 1),
        (2, 1),
        (1, 30),
        (10, 5),
        (79, 23),
        (79, 40),
        (80, 23),
        (80, 24),
        (81, 25),
        (119, 39),
        (120, 40),
        (179, 50),
        (180, 60),
        (200, 60),
        (300, 100),
    ];
    for app in &states {
        for (w, h) in sizes {
            let text = render_text(app, w, h);
            assert_eq!(text.lines().count(), usize::from(h), "{w}×{h}");
            for pane in [
                Pane::Header,
                Pane::Components,
                Pane::Gates,
                Pane::Blockers,
                Pane::Tasks,
                Pane::BurnUp,
                Pane::Forecast,
                Pane::People,
                Pane::StatusLine,
                Pane::Banner,
            ] {
                render_pane_text(app, pane, w, h);
            }
        }
    }
}

// ---- styles ------------------------------------------------------------------

#[test]
fn verdict_and_failing_gate_styles_per_theme() {
    let expectations = [
        (ThemeName::Dark, Color::White, Color::Red, Color::Red),
        (
            ThemeName::Light,
            Color::Rgb(250, 250, 248),
            Color::Rgb(180, 0, 0),
            Color::Rgb(180, 0, 0),
        ),
        (
            ThemeName::HighContrast,
            Color::White,
            Color::Red,
            Color::LightRed,
        ),
    ];
    for (theme, badge_fg, badge_bg, fail_fg) in expectations {
        let app = loaded(
            "readiness.toml",
            AppOptions {
                theme,
                no_color: false,
            },
        );
        let buffer = render_buffer(&app, 120, 40);
        let (x, y) = find(&buffer, "NOT READY").unwrap();
        let cell = &buffer[(x, y)];
        assert_eq!((cell.fg, cell.bg), (badge_fg, badge_bg), "{theme:?}");
        assert!(cell.modifier.contains(Modifier::BOLD));
        let (x, y) = find(&buffer, "✗ fail").unwrap();
        assert_eq!(buffer[(x, y)].fg, fail_fg, "{theme:?}");
        let (x, y) = find(&buffer, "✓ pass").unwrap();
        assert_ne!(buffer[(x, y)].fg, fail_fg, "{theme:?}");
    }
    // Light and high contrast paint their own background everywhere.
    let light = loaded(
        "readiness.toml",
        AppOptions {
            theme: ThemeName::Light,
            no_color: false,
        },
    );
    let buffer = render_buffer(&light, 80, 24);
    assert_eq!(buffer[(79, 23)].bg, Color::Rgb(250, 250, 248));
    let contrast = loaded(
        "readiness.toml",
        AppOptions {
            theme: ThemeName::HighContrast,
            no_color: false,
        },
    );
    let buffer = render_buffer(&contrast, 80, 24);
    assert_eq!(buffer[(79, 23)].bg, Color::Black);
}

#[test]
fn no_color_draws_no_colour_at_all() {
    let options = AppOptions {
        theme: ThemeName::HighContrast,
        no_color: true,
    };
    let mut app = loaded("readiness.toml", options);
    let mut frames = vec![render_buffer(&app, 120, 40), render_buffer(&app, 200, 60)];
    press(&mut app, KeyCode::Char('?'));
    frames.push(render_buffer(&app, 80, 24));
    press(&mut app, KeyCode::Esc);
    app.on_load(invalid(&broken_text(), at(1, 2, 3)));
    frames.push(render_buffer(&app, 80, 24));
    // `t` still cycles, but there is no colour to change.
    press(&mut app, KeyCode::Char('t'));
    frames.push(render_buffer(&app, 80, 24));
    for buffer in &frames {
        for cell in &buffer.content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
    }
    // Status still shows: the verdict is reversed, the ✗ and the words are there.
    let buffer = &frames[0];
    let (x, y) = find(buffer, "NOT READY").unwrap();
    assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(find(buffer, "✗ fail").is_some());
}

// ---- state transitions -------------------------------------------------------

#[test]
fn loads_invalid_missing_and_recovery() {
    let mut app = app_with(AppOptions::default());
    assert!(app.snapshot().is_none());
    app.on_reloading();
    assert!(app.reloading());
    app.on_load(good(&read("readiness.toml"), at(14, 0, 0)));
    assert!(!app.reloading());
    assert!(app.trouble().is_none());
    let last_good = app.snapshot().unwrap().clone();

    app.on_load(invalid(&broken_text(), at(14, 2, 11)));
    let trouble = app.trouble().unwrap();
    assert!(matches!(trouble.problem, Problem::Invalid { .. }));
    assert_eq!(trouble.stale_since, at(14, 2, 11));
    assert_eq!(
        app.snapshot(),
        Some(&last_good),
        "the last good state stays"
    );

    // Still broken later, then deleted: stale since the first bad save.
    app.on_load(LoadOutcome::Missing { at: at(14, 5, 0) });
    let trouble = app.trouble().unwrap();
    assert_eq!(trouble.problem, Problem::Missing);
    assert_eq!(
        (trouble.at, trouble.stale_since),
        (at(14, 5, 0), at(14, 2, 11))
    );
    assert!(render_text(&app, 80, 24).contains("stale since 14:02:11"));

    app.on_load(good(&read("examples/voice-bot.toml"), at(14, 6, 0)));
    assert!(app.trouble().is_none());
    assert_eq!(app.loaded_at(), Some(at(14, 6, 0)));
    assert!(!render_text(&app, 80, 24).contains("stale"));
}

#[test]
fn quit_keys() {
    let mut app = top();
    assert_eq!(press(&mut app, KeyCode::Char('q')), Action::Quit);
    // Esc never quits: with nothing to back out of, it does nothing.
    assert_eq!(press(&mut app, KeyCode::Esc), Action::None);
    assert_eq!(press(&mut app, KeyCode::Esc), Action::None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.on_key(ctrl_c), Action::Quit);
    // Ctrl-C quits while typing a search too; `q` is just a letter there.
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Action::Redraw);
    assert_eq!(app.query(), "q");
    assert_eq!(app.on_key(ctrl_c), Action::Quit);
    // Before any load, too.
    let mut empty = app_with(AppOptions::default());
    assert_eq!(press(&mut empty, KeyCode::Char('q')), Action::Quit);
}

#[test]
fn esc_steps_back_and_never_quits() {
    let mut app = top();
    press(&mut app, KeyCode::Char('?'));
    assert!(app.help_visible());
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert!(!app.help_visible());

    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.component_filter_index(), Some(0));
    press(&mut app, KeyCode::Char('o'));
    assert!(app.owner_filter().is_some());
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "a");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.query(), "a");
    // The detail view, then the search, the component, the owner: one Esc each.
    assert!(!app.visible_tasks().is_empty(), "a task to open");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Some(Overlay::Detail { .. })));
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.overlay(), None);
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.query(), "");
    assert_eq!(app.component_filter_index(), Some(0));
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.component_filter_index(), None);
    // Only the filter goes: the focus stays on the tasks.
    assert_eq!(app.focus(), Focus::Tasks);
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.owner_filter(), None);
    for _ in 0..3 {
        assert_eq!(press(&mut app, KeyCode::Esc), Action::None);
    }
    // In presentation mode, Esc goes back to the dashboard; a second does
    // nothing.
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert!(!app.present());
    assert_eq!(press(&mut app, KeyCode::Esc), Action::None);
}

#[test]
fn focus_scroll_and_no_redraw_when_nothing_changes() {
    let mut app = top();
    assert_eq!(app.focus(), Focus::Components);
    assert_eq!(press(&mut app, KeyCode::Tab), Action::Redraw);
    assert_eq!(app.focus(), Focus::Gates);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::Tasks);
    assert_eq!(press(&mut app, KeyCode::Tab), Action::Redraw);
    assert_eq!(app.focus(), Focus::People);
    assert_eq!(press(&mut app, KeyCode::Tab), Action::Redraw);
    assert_eq!(app.focus(), Focus::Forecast);
    assert_eq!(press(&mut app, KeyCode::Tab), Action::Redraw);
    assert_eq!(app.focus(), Focus::Components);
    assert_eq!(press(&mut app, KeyCode::BackTab), Action::Redraw);
    assert_eq!(press(&mut app, KeyCode::BackTab), Action::Redraw);
    assert_eq!(press(&mut app, KeyCode::BackTab), Action::Redraw);
    assert_eq!(app.focus(), Focus::Tasks);

    // Up at the top changes nothing: no redraw.
    assert_eq!(press(&mut app, KeyCode::Char('k')), Action::None);
    assert_eq!(press(&mut app, KeyCode::Char('j')), Action::Redraw);
    assert_eq!(app.selected(Focus::Tasks), 1);
    press(&mut app, KeyCode::Char('G'));
    let last = app.visible_tasks().len() - 1;
    assert_eq!(app.selected(Focus::Tasks), last);
    assert_eq!(press(&mut app, KeyCode::Down), Action::None);
    assert_eq!(press(&mut app, KeyCode::PageUp), Action::Redraw);
    assert_eq!(app.selected(Focus::Tasks), last - 10);
    // Unbound keys and key releases do nothing.
    assert_eq!(press(&mut app, KeyCode::Char('z')), Action::None);
    assert_eq!(press(&mut app, KeyCode::F(5)), Action::None);
    let release = KeyEvent::new_with_kind(
        KeyCode::Char('t'),
        KeyModifiers::NONE,
        KeyEventKind::Release,
    );
    assert_eq!(app.on_key(release), Action::None);
}

#[test]
fn reload_and_theme_keys() {
    let mut app = top();
    assert_eq!(press(&mut app, KeyCode::Char('r')), Action::Reload);
    assert_eq!(app.theme_name(), ThemeName::Dark);
    for expected in [ThemeName::Light, ThemeName::HighContrast, ThemeName::Dark] {
        assert_eq!(press(&mut app, KeyCode::Char('t')), Action::Redraw);
        assert_eq!(app.theme_name(), expected);
    }
}

#[test]
fn drill_down_lists_one_component() {
    let mut app = top();
    press(&mut app, KeyCode::Down);
    assert_eq!(press(&mut app, KeyCode::Char('c')), Action::Redraw);
    assert_eq!(app.component_filter_index(), Some(1));
    assert_eq!(app.focus(), Focus::Tasks);
    let s = app.snapshot().unwrap();
    assert!(!app.visible_tasks().is_empty());
    assert!(
        app.visible_tasks()
            .iter()
            .all(|&i| s.manifest.tasks[i].component == 1)
    );
    // Elsewhere `c` moves on to the next component, and after the last, all.
    assert_eq!(press(&mut app, KeyCode::Char('c')), Action::Redraw);
    assert_eq!(app.component_filter_index(), Some(2));
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.component_filter_index(), None);
    // A reload that drops the component leaves the drill-down, says so in
    // the status line, and lists every open task again.
    for _ in 0..3 {
        press(&mut app, KeyCode::BackTab);
    }
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.component_filter_index(), Some(6));
    let gone = app.snapshot().unwrap().manifest.components[6].id.clone();
    app.on_load(good(&read("examples/voice-bot.toml"), at(15, 0, 0)));
    let s = app.snapshot().unwrap().clone();
    assert!(s.manifest.components.iter().all(|c| c.id != gone));
    assert_eq!(app.component_filter_index(), None);
    let note = format!("component {gone} is gone: showing all tasks");
    assert_eq!(app.note(), Some(note.as_str()));
    assert!(render_text(&app, 120, 40).contains(&note));
    let open = s
        .tasks
        .iter()
        .filter(|f| StatusFilter::Open.matches(f.state));
    assert_eq!(app.visible_tasks().len(), open.count());
    // The next key clears the note (and redraws, though nothing else changed).
    assert_eq!(press(&mut app, KeyCode::Char('z')), Action::Redraw);
    assert_eq!(app.note(), None);
}

/// The top-level manifest with a component and a task of it inserted before
/// the others, and a gate before the others that fails first.
fn with_inserts() -> String {
    let text = read("readiness.toml");
    let component = "[[component]]\nid = \"aaa\"\nname = \"Inserted\"\n\n";
    let task = "[[task]]\nid = \"aaa-1\"\ntitle = \"Inserted task\"\ncomponent = \"sync\"\n\n";
    let gate = "[[gate]]\nid = \"aaa-gate\"\nname = \"Inserted gate\"\nstatus = \"fail\"\n\n";
    let text = text.replacen("[[component]]\n", &format!("{component}[[component]]\n"), 1);
    let text = text.replacen("[[task]]\n", &format!("{task}[[task]]\n"), 1);
    text.replacen("[[gate]]\n", &format!("{gate}[[gate]]\n"), 1)
}

#[test]
fn a_save_that_inserts_rows_keeps_the_drill_down_and_selections() {
    let mut app = top();
    // Drill into the second component (sync), select its third task.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.component_filter_index(), Some(1));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let task_id = |app: &App| {
        let s = app.snapshot().unwrap();
        let i = app.visible_tasks()[app.selected(Focus::Tasks)];
        s.manifest.tasks[i].id.clone()
    };
    let before_task = task_id(&app);
    // Select the third gate, and the second blocker.
    let gate_id = |app: &App| {
        let v = app.view().unwrap();
        v.gates.rows[app.selected(Focus::Gates)].id.clone()
    };
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Focus::Components);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let before_gate = gate_id(&app);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    let blocker_id = |app: &App| {
        let s = app.snapshot().unwrap();
        let b = &s.blockers[app.selected(Focus::Blockers)];
        s.manifest.tasks[b.task].id.clone()
    };
    let before_blocker = blocker_id(&app);

    let text = with_inserts();
    app.on_load(good(&text, at(15, 0, 0)));
    let s = app.snapshot().unwrap().clone();
    assert_eq!(s.manifest.components[0].id, "aaa", "the insert moved rows");
    assert_eq!(app.component_filter_index(), Some(2));
    assert_eq!(s.manifest.components[2].id, "sync");
    assert!(
        app.visible_tasks()
            .iter()
            .all(|&i| s.manifest.tasks[i].component == 2)
    );
    assert!(
        app.visible_tasks()
            .iter()
            .any(|&i| s.manifest.tasks[i].id == "aaa-1")
    );
    assert_eq!(task_id(&app), before_task);
    assert_eq!(gate_id(&app), before_gate);
    assert_ne!(
        app.selected(Focus::Gates),
        2,
        "the failing insert moved it down"
    );
    assert_eq!(blocker_id(&app), before_blocker);
    assert_eq!(app.note(), None);
    // Drawn: the tasks pane is still in the same component.
    assert!(render_text(&app, 120, 40).contains("in Offline sync engine"));

    // The selected task renamed (references too): no row has its id, the
    // selection stays on a row of the list.
    let gone = text.replace(&format!("\"{before_task}\""), "\"renamed\"");
    app.on_load(good(&gone, at(15, 1, 0)));
    assert_eq!(app.component_filter_index(), Some(2));
    assert!(app.selected(Focus::Tasks) < app.visible_tasks().len());
}

#[test]
fn status_filter_and_search() {
    let mut app = top();
    let s = app.snapshot().unwrap().clone();
    assert_eq!(app.filter(), StatusFilter::Open);
    let open = app.visible_tasks().len();
    assert_eq!(press(&mut app, KeyCode::Char('f')), Action::Redraw);
    assert_eq!(app.filter(), StatusFilter::Blocked);
    assert_eq!(app.visible_tasks().len(), s.blockers.len());
    press(&mut app, KeyCode::Char('F'));
    press(&mut app, KeyCode::Char('F'));
    assert_eq!(app.filter(), StatusFilter::All);
    assert_eq!(app.visible_tasks().len(), s.manifest.tasks.len());
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.filter(), StatusFilter::Done);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.visible_tasks().len(), open);

    // `/` types a query that filters as it is typed; Enter keeps it.
    assert_eq!(press(&mut app, KeyCode::Char('/')), Action::Redraw);
    assert!(app.searching());
    assert_eq!(app.focus(), Focus::Tasks);
    type_text(&mut app, "MATRIX");
    assert!(!app.visible_tasks().is_empty());
    for &i in app.visible_tasks() {
        let t = &s.manifest.tasks[i];
        assert!(
            format!("{} {}", t.id, t.title)
                .to_lowercase()
                .contains("matrix")
        );
    }
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.query(), "MATRI");
    press(&mut app, KeyCode::Char('X'));
    assert_eq!(press(&mut app, KeyCode::Enter), Action::Redraw);
    assert!(!app.searching());
    assert_eq!(app.query(), "MATRIX");
    // Esc while typing clears the query.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zz");
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.query(), "");
    assert!(!app.searching());
    assert_eq!(app.visible_tasks().len(), open);
}

// ---- hostile text --------------------------------------------------------------

const HOSTILE: &str = r#"
[project]
name = "Evil\u001b]0;pwned\u0007 Project"
version = "1.0\u001b[2J"

[[component]]
id = "c"
name = "Comp\u001b[31m red"
owner = "o\u0007wner"

[[task]]
id = "t1"
title = "Title\u001b]0;x\u0007 here"
component = "c"
status = "blocked"
blocker = "vendor\u001b[5m blink\tand tab"
owner = "sam\u001b[0m"
estimate = 1

[[task]]
id = "t2"
title = "Done\u0008 task"
component = "c"
status = "done"
done = 2026-11-20

[[gate]]
id = "g"
name = "Gate\u001b]8;;http://x\u0007 link"
status = "pending"
"#;

#[test]
fn manifest_text_never_carries_control_characters_to_the_screen() {
    for options in [
        AppOptions::default(),
        AppOptions {
            theme: ThemeName::Light,
            no_color: true,
        },
    ] {
        let mut app = App::new(PathBuf::from("evil\u{1b}[2J.toml"), options);
        app.set_watch_status(WatchStatus::Polling {
            reason: "no\u{1b}[1m inotify".into(),
        });
        app.on_load(good(HOSTILE, at(1, 0, 0)));
        let mut frames = vec![];
        for (w, h) in SIZES {
            frames.push(render_text(&app, w, h));
        }
        press(&mut app, KeyCode::Enter);
        frames.push(render_text(&app, 120, 40));
        app.on_load(LoadOutcome::Unreadable {
            message: "cannot read \u{1b}]0;x\u{7}".into(),
            at: at(1, 1, 0),
        });
        frames.push(render_text(&app, 80, 24));
        for text in &frames {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
        }
        assert!(frames[1].contains("Evil]0;pwned Project"), "{}", frames[1]);
    }
}

/// Unicode bidirectional controls: embeddings, overrides, isolates, marks.
const BIDI: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// The top-level manifest with bidi controls in a task's title and a
/// component's name.
fn bidi_text() -> String {
    read("readiness.toml")
        .replacen(
            "title = \"Freeze the v2 OpenAPI schema\"",
            "title = \"Task \\u202Eahpla\\u202C ok\\u2067\\u2069\\u200F\"",
            1,
        )
        .replacen(
            "name = \"Routing API v2\"",
            "name = \"Routing \\u202Dv2\\u061C\\u200E\"",
            1,
        )
}

#[test]
fn bidirectional_controls_never_reach_the_screen() {
    let text = bidi_text();
    let mut app = app_with(AppOptions::default());
    app.on_load(good(&text, at(1, 0, 0)));
    let s = app.snapshot().unwrap();
    assert!(
        s.manifest.tasks[0].title.contains('\u{202E}'),
        "the test carries one"
    );
    // Show the task: all states, searched by its id.
    press(&mut app, KeyCode::Char('0'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "api-schema");
    press(&mut app, KeyCode::Enter);
    for (w, h) in SIZES {
        let frame = render_text(&app, w, h);
        assert!(frame.contains("Task ahpla ok"), "{frame}");
        assert!(!frame.contains(BIDI), "{frame:?}");
    }
    // `readiness render` prints none of them either.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("readiness.toml");
    std::fs::write(&file, &text).unwrap();
    let out = readiness()
        .arg("render")
        .arg(&file)
        .args(["--today", "2026-11-23", "--width", "200", "--height", "60"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let frame = String::from_utf8(out.stdout).unwrap();
    assert!(frame.contains("Routing v2"), "{frame}");
    assert!(!frame.contains(BIDI), "{frame:?}");
}

#[test]
fn a_long_project_name_is_cut_and_never_runs_into_the_verdict() {
    let name = "W".repeat(200);
    let text = read("readiness.toml").replacen(
        "name = \"Pathfinder",
        &format!("name = \"{name} Pathfinder"),
        1,
    );
    let mut app = app_with(AppOptions::default());
    app.on_load(good(&text, at(1, 0, 0)));
    let version = app
        .snapshot()
        .unwrap()
        .manifest
        .project
        .version
        .clone()
        .unwrap();
    for (w, h) in SIZES {
        let frame = render_text(&app, w, h);
        let first = frame.lines().next().unwrap();
        // The name ends in `…`, then the version, then at least one space
        // before the right-hand side.
        assert!(first.starts_with(" WWW"), "{first}");
        assert!(first.contains(&format!("W… {version} ")), "{w}: {first}");
        assert!(
            first
                .trim_end()
                .ends_with(" 4 of 8 hard gates passing (3 failing, 1 unknown)   ✗ NOT READY"),
            "{first}"
        );
    }
}

// ---- readiness render ------------------------------------------------------------

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

#[test]
fn render_prints_plain_text_of_the_asked_size() {
    let out = readiness()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "render",
            "--today",
            "2026-11-23",
            "--width",
            "80",
            "--height",
            "24",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.contains(&0x1b));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 24);
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    assert!(text.contains("NOT READY"));
    // The same frame as the library draws, with the file's git history (the
    // burn-up's scope line) read as `render` reads it.
    let mut app = top();
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("readiness.toml");
    let history =
        readiness::history::standup_of_text(&file, &read("readiness.toml"), today(), None, true);
    if let Some(history) = history {
        app.on_standup(Arc::new(history), None);
    }
    assert_eq!(text, render_text(&app, 80, 24));

    // Defaults: 120×40.
    let out = readiness()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["render", "examples/voice-bot.toml", "--today", "2026-11-23"])
        .args(["--theme", "high-contrast", "--no-color"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 40);
    assert!(text.lines().all(|l| l.chars().count() <= 120));
}

#[test]
fn render_sanitises_an_escape_in_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("readiness.toml");
    std::fs::write(&file, HOSTILE).unwrap();
    let out = readiness()
        .arg("render")
        .arg(&file)
        .args(["--today", "2026-11-23", "--width", "100", "--height", "30"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!out.stdout.iter().any(|&b| b < 0x20 && b != b'\n'));
    let text = String::from_utf8(out.stdout).unwrap();
    // No C0, DEL or C1 control either, in what the title bar would show.
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("Evil]0;pwned Project"), "{text}");
    assert!(text.contains("Title]0;x here"), "{text}");
}

#[test]
fn render_of_an_invalid_manifest_exits_2_with_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("readiness.toml");
    std::fs::write(&file, broken_text()).unwrap();
    let out = readiness().arg("render").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(":138:1: error: unknown key `depend_on`"),
        "{stderr}"
    );
}

// ---- the views over the panes, sort and filters -------------------------------

/// The views this dashboard added, each reached by keys from the top-level
/// manifest: the text at every size, and the styles at 120×40 in every theme.
/// Keys that lead from the dashboard to a view.
type Keys = Box<dyn Fn(&mut App)>;

fn new_views() -> Vec<(&'static str, Keys)> {
    vec![
        (
            "detail_task",
            Box::new(|app: &mut App| {
                for code in [KeyCode::Tab, KeyCode::Tab, KeyCode::Tab, KeyCode::Char('j')] {
                    press(app, code);
                }
                press(app, KeyCode::Enter);
            }),
        ),
        (
            "detail_gate",
            Box::new(|app: &mut App| {
                press(app, KeyCode::Tab);
                press(app, KeyCode::Enter);
            }),
        ),
        (
            "detail_component",
            Box::new(|app: &mut App| {
                press(app, KeyCode::Char('j'));
                press(app, KeyCode::Enter);
            }),
        ),
        (
            "people",
            Box::new(|app: &mut App| {
                for _ in 0..4 {
                    press(app, KeyCode::Tab);
                }
                press(app, KeyCode::Char('G'));
            }),
        ),
        (
            "detail_person",
            Box::new(|app: &mut App| {
                for _ in 0..4 {
                    press(app, KeyCode::Tab);
                }
                press(app, KeyCode::Char('G'));
                press(app, KeyCode::Enter);
            }),
        ),
        (
            "warnings",
            Box::new(|app: &mut App| {
                press(app, KeyCode::Char('!'));
            }),
        ),
        (
            "forecast",
            Box::new(|app: &mut App| {
                press(app, KeyCode::Char('w'));
            }),
        ),
        (
            "sorted_by_owner",
            Box::new(|app: &mut App| {
                for _ in 0..3 {
                    press(app, KeyCode::Char('s'));
                }
                press(app, KeyCode::Char('o'));
            }),
        ),
        (
            "present_help",
            Box::new(|app: &mut App| {
                press(app, KeyCode::Char('p'));
                press(app, KeyCode::Char('?'));
            }),
        ),
    ]
}

#[test]
fn new_views_golden_frames() {
    for (name, keys) in new_views() {
        let mut app = top();
        keys(&mut app);
        for (w, h) in SIZES {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), render_text(&app, w, h));
        }
        for (theme_name, theme, no_color) in THEMES {
            let mut app = loaded("readiness.toml", AppOptions { theme, no_color });
            keys(&mut app);
            let frame = styled(&render_buffer(&app, 120, 40));
            insta::assert_snapshot!(format!("{name}_{theme_name}_120x40"), frame);
        }
    }
}

#[test]
fn the_detail_view_opens_scrolls_and_closes() {
    let mut app = top();
    // The blockers pane's first row: a task, shown whole.
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.focus(), Focus::Blockers);
    assert_eq!(press(&mut app, KeyCode::Enter), Action::Redraw);
    let Some(Overlay::Detail { item, scroll: 0 }) = app.overlay().cloned() else {
        panic!("no detail view: {:?}", app.overlay());
    };
    assert_eq!(item, readiness::view::Item::Task("sync-attachments".into()));
    let text = render_text(&app, 80, 24);
    // The reason and its ticket, which the pane cuts below 200 columns.
    assert!(text.contains("(SEC-412)"), "{text}");
    // It fits at 80x24: j changes nothing. The help does not: G scrolls to
    // its end and stops there.
    app.on_drawn(draw_regions(&app, 80, 24));
    assert_eq!(press(&mut app, KeyCode::Char('j')), Action::None);
    let mut help = top();
    press(&mut help, KeyCode::Char('?'));
    help.on_drawn(draw_regions(&help, 80, 24));
    assert_eq!(press(&mut help, KeyCode::Char('G')), Action::Redraw);
    assert!(help.help_scroll() > 0, "scrolled to the end");
    help.on_drawn(draw_regions(&help, 80, 24));
    assert_eq!(press(&mut help, KeyCode::Char('G')), Action::None);
    assert_eq!(press(&mut help, KeyCode::Char('j')), Action::None);
    assert!(render_text(&help, 80, 24).contains("Symbols"));
    // `e` asks for the editor at the item's line; Esc closes, never quits.
    let line = app.view().unwrap().line_of(&item);
    assert!(line.is_some());
    assert_eq!(press(&mut app, KeyCode::Char('e')), Action::Edit { line });
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(app.overlay(), None);
    assert_eq!(press(&mut app, KeyCode::Esc), Action::None);
    // A gate blocker opens the gate.
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay(),
        Some(Overlay::Detail {
            item: readiness::view::Item::Gate(_),
            ..
        })
    ));
}

/// The regions a frame of `app` puts things in (what the event loop hands
/// back after drawing).
fn draw_regions(app: &App, w: u16, h: u16) -> readiness::app::Regions {
    let backend = ratatui::backend::TestBackend::new(w, h);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let mut regions = readiness::app::Regions::default();
    terminal
        .draw(|frame| regions = readiness::ui::draw(app, frame))
        .unwrap();
    regions
}

#[test]
fn sort_keys_order_the_tasks() {
    let mut app = top();
    let ids = |app: &App| -> Vec<String> {
        let v = app.view().unwrap();
        app.visible_tasks()
            .iter()
            .map(|&i| v.tasks.rows[i].id.clone())
            .collect()
    };
    let file_order = ids(&app);
    // Priority: P0 first, ties in file order.
    assert_eq!(press(&mut app, KeyCode::Char('s')), Action::Redraw);
    assert_eq!(app.sort().key, SortKey::Priority);
    let v = app.view().unwrap().clone();
    let priorities: Vec<_> = app
        .visible_tasks()
        .iter()
        .map(|&i| v.tasks.rows[i].priority)
        .collect();
    assert!(
        priorities.windows(2).all(|w| w[0] <= w[1]),
        "{priorities:?}"
    );
    // Holds up: the blockers first, largest first.
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.sort().key, SortKey::HoldsUp);
    assert_eq!(&ids(&app)[..2], ["sync-attachments", "billing-tax"]);
    // Reversed, then the next key, back to file order after the last.
    press(&mut app, KeyCode::Char('S'));
    assert!(app.sort().reverse);
    assert_eq!(
        ids(&app).last().map(String::as_str),
        Some("sync-attachments")
    );
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('s'));
    }
    assert_eq!(app.sort().key, SortKey::File);
    assert_eq!(ids(&app), file_order);
    assert!(render_text(&app, 120, 40).contains("Tasks 25 open"));
}

#[test]
fn the_owner_filter_cycles_through_the_owners() {
    let mut app = top();
    let owners = app.view().unwrap().tasks.owners.clone();
    assert!(owners.len() >= 3, "{owners:?}");
    for owner in &owners {
        assert_eq!(press(&mut app, KeyCode::Char('o')), Action::Redraw);
        assert_eq!(app.owner_filter(), Some(&OwnerFilter::Owner(owner.clone())));
        let v = app.view().unwrap();
        assert!(
            app.visible_tasks()
                .iter()
                .all(|&i| v.tasks.rows[i].owner.as_ref() == Some(owner))
        );
        assert!(render_text(&app, 120, 40).contains(&format!("owner {owner}")));
    }
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.owner_filter(), Some(&OwnerFilter::Unowned));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.owner_filter(), None);
}

/// The tasks table shows its id column at every width, and a wider
/// terminal never shows less of any row: every cell's text at width w+1
/// holds the text at w (or more of it).
#[test]
fn a_wider_terminal_never_shows_less_of_a_task() {
    for (_, path) in MANIFESTS {
        let app = loaded(path, AppOptions::default());
        let v = app.view().unwrap();
        let mut before: Option<Vec<(readiness::ui::tasks::Column, u16)>> = None;
        for w in 100..=260u16 {
            let inner = readiness::ui::tasks::columns(v, w, Default::default());
            assert!(
                inner
                    .iter()
                    .any(|&(c, _)| c == readiness::ui::tasks::Column::Id),
                "{path} {w}: no id column"
            );
            if let Some(prev) = &before {
                for &(column, width) in prev {
                    let now = inner.iter().find(|&&(c, _)| c == column).map(|&(_, w)| w);
                    assert!(
                        now.is_some_and(|n| n >= width),
                        "{path}: {column:?} shrank from {width} at {} to {now:?} at {w}",
                        w - 1
                    );
                }
            }
            before = Some(inner);
        }
    }
}

/// The components pane's optional columns (finish, owner, weight) never
/// take a name's cells below what 80 columns show: at every width from 80
/// to 260, each component's name shows at least as much as one column less.
#[test]
fn a_wider_terminal_never_shows_less_of_a_component() {
    for (_, path) in MANIFESTS {
        let app = loaded(path, AppOptions::default());
        let names: Vec<String> = app
            .view()
            .unwrap()
            .components
            .rows
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let mut before: Option<Vec<usize>> = None;
        for w in 80..=260u16 {
            let text = render_text(&app, w, 40);
            // The components pane is the top-left one: each line's text up
            // to the pane's right border.
            let pane: Vec<String> = text
                .lines()
                .map(|l| {
                    l.chars()
                        .skip(1)
                        .take_while(|&c| c != '┃' && c != '│')
                        .collect()
                })
                .collect();
            let shown: Vec<usize> = names
                .iter()
                .map(|name| {
                    let chars: Vec<char> = name.chars().collect();
                    (1..=chars.len())
                        .rev()
                        .find(|&k| {
                            let prefix: String = chars[..k].iter().collect();
                            pane.iter().any(|line| line.contains(&prefix))
                        })
                        .unwrap_or(0)
                })
                .collect();
            if let Some(prev) = &before {
                for (k, name) in names.iter().enumerate() {
                    assert!(
                        shown[k] >= prev[k],
                        "{path}: {name:?} shows {} chars at {w}, {} at {}",
                        shown[k],
                        prev[k],
                        w - 1
                    );
                }
            }
            before = Some(shown);
        }
    }
}

/// Count columns are as wide as their widest value: 123/150 and ⊘130 whole.
#[test]
fn counts_are_never_cut() {
    let mut text = String::from("[project]\nname = \"Big\"\n\n[[component]]\nid = \"c\"\n\n");
    for i in 0..150 {
        let status = if i < 123 {
            "status = \"done\"\ndone = 2026-11-20\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "[[task]]\nid = \"t{i}\"\ntitle = \"t\"\ncomponent = \"c\"\nestimate = 1\n{status}\n"
        ));
    }
    let mut blocked = String::from("[[component]]\nid = \"b\"\n\n");
    for i in 0..130 {
        blocked.push_str(&format!(
            "[[task]]\nid = \"b{i}\"\ntitle = \"b\"\ncomponent = \"b\"\nstatus = \"blocked\"\n\n"
        ));
    }
    let text = text.replace(
        "[[task]]\nid = \"t0\"",
        &format!("{blocked}[[task]]\nid = \"t0\""),
    );
    let mut app = app_with(AppOptions::default());
    app.on_load(good(&text, at(9, 0, 0)));
    for (w, h) in SIZES {
        let frame = render_text(&app, w, h);
        assert!(frame.contains("123/150"), "{w}x{h}\n{frame}");
        assert!(frame.contains("⊘130"), "{w}x{h}\n{frame}");
    }
}

/// Under NO_COLOR the burn-up's lines differ by their marks, the legend
/// shows each mark as it is drawn (one table, `view::symbols`), the y axis
/// has value ticks, and the cone's edges are named.
#[test]
fn the_burnup_reads_without_colour() {
    use readiness::view::symbols::{CONE_LINES, DONE_LINE, SCOPE_LINE, TARGET_RULE, TODAY_RULE};
    let app = loaded(
        "readiness.toml",
        AppOptions {
            theme: ThemeName::Dark,
            no_color: true,
        },
    );
    let pane = render_pane_text(&app, Pane::BurnUp, 70, 16);
    let legend = pane.lines().nth(1).unwrap();
    for mark in [DONE_LINE, SCOPE_LINE, CONE_LINES, TODAY_RULE, TARGET_RULE] {
        let entry = format!("{} {}", mark.glyph, mark.name);
        assert!(legend.contains(&entry), "{entry}\n{pane}");
    }
    // Each mark in the plot, below the legend: the rules and the scope as
    // their glyphs, the done line in half blocks, the cone in braille.
    let below: String = pane.lines().skip(3).collect::<Vec<_>>().join("\n");
    for glyph in [SCOPE_LINE.glyph, TODAY_RULE.glyph, TARGET_RULE.glyph, '▀'] {
        assert!(below.contains(glyph), "{glyph}\n{pane}");
    }
    assert!(
        below
            .chars()
            .any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)),
        "{pane}"
    );
    // Ticks up the y axis, more than the two ends, evenly spaced.
    let ticks: Vec<u64> = below
        .lines()
        .filter_map(|l| {
            let (label, _) = l.trim_start_matches('│').split_once('┤')?;
            label.trim().parse().ok()
        })
        .collect();
    assert!(ticks.len() >= 3, "{ticks:?}\n{pane}");
    let step = ticks[0] - ticks[1];
    assert!(ticks.windows(2).all(|w| w[0] - w[1] == step), "{ticks:?}");
    assert_eq!(*ticks.last().unwrap(), 0);
    // The cone's edges named, apart or sharing a label.
    assert!(
        ["P50", "P85", "P95"]
            .iter()
            .all(|p| below.contains(p) || below.contains(&format!("/{}", &p[1..]))),
        "{pane}"
    );
    // The x axis: the start, today and the chart's end.
    let end = app.view().unwrap().burnup.as_ref().unwrap().data.end;
    assert!(pane.contains(&end.to_string()), "{pane}");
    assert!(pane.contains(" today "), "{pane}");
}

/// The top-level manifest's deterministic figures, its trials not yet run
/// (what the dashboard shows first after a save), and the same completed.
fn deterministic_then_completed() -> (LoadOutcome, LoadOutcome) {
    let text = read("readiness.toml");
    let (snapshot, pending) = readiness::model::evaluate_deterministic(
        &text,
        today(),
        readiness::model::Options::default(),
        |_| Default::default(),
    )
    .unwrap();
    let pending = pending.expect("the showcase has ranged estimates to draw");
    assert!(snapshot.forecast.pending && snapshot.forecast.p85.is_none());
    let mut full = snapshot.clone();
    readiness::model::complete(&mut full, pending);
    (
        LoadOutcome::loaded(snapshot, &text, at(14, 0, 0)),
        LoadOutcome::loaded(full, &text, at(14, 0, 0)),
    )
}

#[test]
fn a_save_shows_the_deterministic_figures_first_and_the_percentiles_after() {
    let (first, completed) = deterministic_then_completed();
    let mut app = app_with(AppOptions::default());
    app.on_load(first);
    let text = render_text(&app, 120, 40);
    let finish = snapshot_of(&read("readiness.toml"))
        .forecast
        .finish
        .unwrap();
    assert!(text.contains(&format!("finish {finish}")), "{text}");
    assert!(
        text.contains("P85 …"),
        "the percentiles are to come:\n{text}"
    );
    app.on_completed(completed);
    let done = render_text(&app, 120, 40);
    assert!(!done.contains("P85 …"), "{done}");
    // The same frame as a load that ran its trials at once.
    assert_eq!(done, render_text(&top(), 120, 40));
}

#[test]
fn the_trials_finishing_after_an_invalid_save_keep_its_banner() {
    let (first, completed) = deterministic_then_completed();
    let mut app = app_with(AppOptions::default());
    app.on_load(first);
    app.on_load(invalid(&broken_text(), at(14, 2, 11)));
    app.on_completed(completed);
    // Wide enough for the whole error and the time.
    let text = render_text(&app, 200, 60);
    assert!(text.contains("stale since 14:02:11"), "{text}");
    assert!(!text.contains("P85 …"), "{text}");
}

//! The dashboard's trend view (`T`) and presentation mode's trend chart,
//! without a terminal or git: a trend of the top-level manifest built by the
//! pure core from versions of it (as the git shell would hand them over) —
//! days before the file existed, an invalid day, scope added, estimates
//! grown — golden frames at 80×24, 120×40 and 200×60, every theme and
//! NO_COLOR, the keys (`T`, `j`/`k`, `Enter`, `Esc`), the help and key bar,
//! and a save that recomputes today's point alone.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use readiness::app::{Action, App, AppOptions, LoadOutcome, Overlay, ThemeName};
use readiness::model::Options;
use readiness::standup::Standup;
use readiness::standup::since::{Baseline, from_day, since};
use readiness::trend::{Gap, Point, Source, Trend, figures_of, window};
use readiness::ui::render::{render_buffer, render_text};
use readiness::view::symbols::{DONE_DIAGONAL, P50_LINE, P85_LINE, TARGET_LEVEL};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn today() -> NaiveDate {
    "2026-12-03".parse().expect("date")
}

fn top_text() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("readiness.toml"))
        .expect("read")
}

/// The version of the top-level manifest on the `k`th day of the window:
/// smaller at first (the API's schema still to do, claims lower), scope
/// added from day 18, an estimate doubled on day 24.
fn version(k: usize) -> String {
    let mut text = top_text().replace("claimed = 80", &format!("claimed = {}", 40 + k));
    if k < 18 {
        text = text.replace(
            "title = \"Distance-matrix endpoint up to 1000 x 1000\"",
            "title = \"Distance-matrix endpoint\"",
        );
    } else {
        text.push_str(
            "\n[[task]]\nid = \"late-scope\"\ntitle = \"Added on day 18\"\ncomponent = \"api\"\nestimate = \"3-5d\"\n",
        );
    }
    if k >= 24 {
        text = text.replace("estimate = \"1-2w\"", "estimate = \"2-3w\"");
    }
    text
}

/// The trend of the window ending today: five days before the file
/// existed, day 9 invalid, today's point the file as it is.
fn trend() -> Trend {
    let snapshot = readiness::evaluate(&top_text(), today()).expect("valid");
    let calendar = &snapshot.manifest.calendar;
    let days = window(calendar, today(), None).expect("window");
    let points = days
        .iter()
        .enumerate()
        .map(|(k, &day)| {
            let (source, figures) = if k < 5 {
                (None, Err(Gap::NotYet))
            } else if k == 9 {
                (
                    Some(Source::Commit("9a9a9a9a9a9a".into())),
                    Err(Gap::Invalid("line 3: unknown key `nam`".into())),
                )
            } else if day == today() {
                (
                    Some(Source::Now),
                    figures_of(&top_text(), day, Options::default()),
                )
            } else {
                let text = version(k);
                (
                    Some(Source::Commit(format!("{k:02}c0ffee{k:02}"))),
                    figures_of(&text, day, Options::default()),
                )
            };
            Point {
                day,
                source,
                figures,
            }
        })
        .collect();
    Trend::new(points, calendar, Options::default())
}

fn app_with(options: AppOptions) -> App {
    let text = top_text();
    let snapshot = readiness::evaluate(&text, today()).expect("valid");
    let from = from_day(&snapshot.manifest.calendar, today(), None);
    let since = since(
        &snapshot,
        Baseline::None {
            reason: "not in a git repository",
        },
        from,
    );
    let mut app = App::new(PathBuf::from("readiness.toml"), options);
    app.on_load(LoadOutcome::loaded(
        snapshot,
        &text,
        today().and_hms_opt(9, 0, 0).expect("time"),
    ));
    app.on_standup(
        Arc::new(Standup {
            since,
            scope: Vec::new(),
            trend: Some(Arc::new(trend())),
        }),
        None,
    );
    app
}

fn press(app: &mut App, code: KeyCode) -> Action {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE))
}

const THEMES: [(&str, ThemeName, bool); 4] = [
    ("dark", ThemeName::Dark, false),
    ("light", ThemeName::Light, false),
    ("high_contrast", ThemeName::HighContrast, false),
    ("no_color", ThemeName::Dark, true),
];

#[test]
fn the_trend_view_golden_frames() {
    let mut app = app_with(AppOptions::default());
    assert_eq!(press(&mut app, KeyCode::Char('T')), Action::Redraw);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("trend_view_{w}x{h}"), render_text(&app, w, h));
    }
    // A day picked and opened.
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('k'));
    }
    press(&mut app, KeyCode::Enter);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("trend_day_{w}x{h}"), render_text(&app, w, h));
    }
}

#[test]
fn the_chart_reads_in_every_theme_and_without_colour() {
    for (name, theme, no_color) in THEMES {
        let mut app = app_with(AppOptions { theme, no_color });
        press(&mut app, KeyCode::Char('T'));
        for (w, h) in SIZES {
            let text = render_text(&app, w, h);
            // The same text in every theme: the marks, not the colours, say
            // which line is which.
            let mut dark = app_with(AppOptions::default());
            press(&mut dark, KeyCode::Char('T'));
            // (The status line names the theme.)
            let without_status = |t: &str| t.lines().rev().skip(1).collect::<Vec<_>>().join("\n");
            assert_eq!(
                without_status(&text),
                without_status(&render_text(&dark, w, h)),
                "{name} {w}x{h}"
            );
            for mark in [P85_LINE, P50_LINE, TARGET_LEVEL, DONE_DIAGONAL] {
                let entry = format!("{} {}", mark.glyph, mark.name);
                assert!(text.contains(&entry), "{name} {w}x{h}: {entry}\n{text}");
            }
            assert!(text.contains(P85_LINE.glyph), "{text}");
            assert!(text.contains(TARGET_LEVEL.glyph), "{text}");
            if no_color {
                let buffer = render_buffer(&app, w, h);
                assert!(
                    buffer
                        .content
                        .iter()
                        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
                    "a colour under NO_COLOR"
                );
            }
        }
    }
}

#[test]
fn keys_pick_a_day_open_it_and_back_out() {
    let mut app = app_with(AppOptions::default());
    let days = app
        .view()
        .and_then(|v| v.trend.as_ref())
        .expect("trend")
        .rows
        .len();
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Trend {
            selected: days - 1,
            open: false
        })
    );
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Trend {
            selected: days - 3,
            open: true
        })
    );
    let text = render_text(&app, 120, 40);
    let day = app
        .view()
        .and_then(|v| v.trend.as_ref())
        .expect("trend")
        .rows[days - 3]
        .date
        .clone();
    assert!(text.contains(&format!(" {day} ")), "{text}");
    assert!(text.contains("P85"), "{text}");
    // Esc closes the day, then the view; never quits.
    assert_eq!(press(&mut app, KeyCode::Esc), Action::Redraw);
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Trend {
            selected: days - 3,
            open: false
        })
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    // `g` and `G` reach the ends; the days before the file are listed.
    press(&mut app, KeyCode::Char('T'));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(
        app.overlay(),
        Some(&Overlay::Trend {
            selected: 0,
            open: false
        })
    );
    let text = render_text(&app, 120, 40);
    assert!(text.contains("before the file existed"), "{text}");
    assert!(
        text.contains("invalid version: line 3: unknown key `nam`"),
        "{text}"
    );
}

#[test]
fn the_key_is_in_the_help_and_the_key_bar() {
    let mut app = app_with(AppOptions::default());
    let bar = render_text(&app, 200, 60);
    assert!(
        bar.lines().last().expect("bar").contains("T trend"),
        "{bar}"
    );
    press(&mut app, KeyCode::Char('?'));
    let help = render_text(&app, 120, 40);
    assert!(
        help.contains("the trend: how the forecast moved day by day"),
        "{help}"
    );
}

#[test]
fn a_save_recomputes_todays_point_alone() {
    let mut app = app_with(AppOptions::default());
    let before = app.view().and_then(|v| v.trend.clone()).expect("trend");
    // A save that lowers the claim: the loader's new snapshot, the
    // history not read again.
    let text = top_text().replace("claimed = 80", "claimed = 55");
    let snapshot = readiness::evaluate(&text, today()).expect("valid");
    app.on_load(LoadOutcome::loaded(
        snapshot,
        &text,
        today().and_hms_opt(9, 5, 0).expect("time"),
    ));
    let after = app.view().and_then(|v| v.trend.clone()).expect("trend");
    let n = before.rows.len();
    assert_eq!(before.rows[..n - 1], after.rows[..n - 1]);
    let (b, a) = (&before.data.points[n - 1], &after.data.points[n - 1]);
    assert_eq!(b.figures.as_ref().expect("today").claimed, Some(80.0));
    assert_eq!(a.figures.as_ref().expect("today").claimed, Some(55.0));
}

#[test]
fn presentation_mode_draws_the_chart_beside_the_burnup_when_there_is_room() {
    let mut app = app_with(AppOptions::default());
    app.set_present(true);
    let wide = render_text(&app, 160, 45);
    assert!(wide.contains("Trend P85"), "{wide}");
    assert!(wide.contains(&format!("{} P85", P85_LINE.glyph)), "{wide}");
    insta::assert_snapshot!("trend_present_160x45", wide);
    let narrow = render_text(&app, 100, 30);
    assert!(!narrow.contains("Trend P85"), "{narrow}");
}

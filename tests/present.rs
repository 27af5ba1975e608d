//! Presentation mode and the burn-up chart, without a terminal or git: golden
//! frames (insta, `TestBackend`) of the top-level manifest compared with an
//! earlier version of itself (as the git shell would hand it over), at the
//! sizes it is designed for (100×30, 160×45) and the smallest (80×24); the
//! fallback without history; the chart pane alone; and the keys.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use readiness::app::{Action, App, AppOptions, LoadOutcome};
use readiness::standup::since::{Baseline, from_day, since};
use readiness::standup::{ScopePoint, Standup};
use readiness::ui::Pane;
use readiness::ui::render::{render_pane_text, render_text};

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn today() -> NaiveDate {
    d("2026-11-23")
}

fn top_text() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("readiness.toml"))
        .expect("read")
}

/// The top-level manifest as it stood on Friday: api-webhooks still doing,
/// billing-tax not yet blocked, sync-server blocked on infra.
fn friday_text() -> String {
    top_text()
        .replace(
            "component = \"api\"\nstatus = \"done\"\npriority = \"P1\"\nestimate = \"3-4d\"\ndepends_on = [\"api-auth\"]",
            "component = \"api\"\nstatus = \"doing\"\npriority = \"P1\"\nestimate = \"3-4d\"\ndepends_on = [\"api-auth\"]",
        )
        .replace(
            "blocker = \"Stripe Tax not enabled on our account yet (finance ticket FIN-88)\"\n",
            "",
        )
        .replace(
            "owner = \"tomas\"\nstarted = 2026-11-13\n",
            "owner = \"tomas\"\nstarted = 2026-11-13\nblocker = \"staging cluster down\"\n",
        )
}

fn app(with_history: bool, present: bool) -> App {
    let text = top_text();
    let snapshot = readiness::evaluate(&text, today()).expect("valid");
    let from = from_day(&snapshot.manifest.calendar, today(), None);
    let friday = friday_text();
    let baseline = if with_history {
        Baseline::Git {
            text: &friday,
            commit: "4f1c2e9a7b3d5e6f",
            path: "readiness.toml",
            date: from,
        }
    } else {
        Baseline::None {
            reason: "not in a git repository",
        }
    };
    let since = since(&snapshot, baseline, from);
    let scope = if with_history {
        [
            ("2026-11-02", 30),
            ("2026-11-09", 36),
            ("2026-11-16", 41),
            ("2026-11-20", 42),
        ]
        .into_iter()
        .map(|(day, scope)| ScopePoint {
            date: d(day),
            scope,
        })
        .collect()
    } else {
        Vec::new()
    };
    let mut app = App::new(PathBuf::from("readiness.toml"), AppOptions::default());
    app.set_present(present);
    app.on_load(LoadOutcome::loaded(
        snapshot,
        &text,
        today().and_hms_opt(9, 0, 0).expect("time"),
    ));
    app.on_standup(
        Arc::new(Standup {
            since,
            scope,
            trend: None,
        }),
        None,
    );
    app
}

#[test]
fn the_comparison_behind_the_frames() {
    let app = app(true, true);
    let s = &app.standup().expect("standup").since;
    assert_eq!(s.from, d("2026-11-20"));
    assert_eq!(s.done, ["api-webhooks"]);
    assert_eq!(
        s.new_blockers.as_deref(),
        Some(&["billing-tax".to_owned()][..])
    );
    assert_eq!(
        s.cleared_blockers.as_deref(),
        Some(&["sync-server".to_owned()][..])
    );
}

#[test]
fn presentation_frames() {
    let app = app(true, true);
    for (w, h) in [(100, 30), (160, 45), (80, 24)] {
        insta::assert_snapshot!(format!("present_{w}x{h}"), render_text(&app, w, h));
    }
    insta::assert_snapshot!("present_too_small_79x23", render_text(&app, 79, 23));
}

#[test]
fn presentation_without_git_history() {
    insta::assert_snapshot!(
        "present_done_dates_100x30",
        render_text(&app(false, true), 100, 30)
    );
}

#[test]
fn the_chart_pane() {
    let app = app(true, false);
    insta::assert_snapshot!(
        "chart_with_history",
        render_pane_text(&app, Pane::BurnUp, 70, 16)
    );
    let flat = self::app(false, false);
    insta::assert_snapshot!(
        "chart_flat_scope",
        render_pane_text(&flat, Pane::BurnUp, 50, 7)
    );
}

#[test]
fn presentation_differs_from_the_dashboard_and_p_toggles_it() {
    let mut app = app(true, false);
    let normal = render_text(&app, 100, 30);
    assert_eq!(
        app.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE)),
        Action::Redraw
    );
    assert!(app.present());
    let present = render_text(&app, 100, 30);
    assert_ne!(normal, present);
    assert!(present.contains("working days"), "{present}");
    let large = render_text(&app, 160, 45);
    assert!(
        large.contains("working days · P50 2026-12-17 · P85 2026-12-30"),
        "{large}"
    );
    // Esc leaves presentation mode (and never quits).
    assert_eq!(
        app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        Action::Redraw
    );
    assert!(!app.present());
    assert_eq!(render_text(&app, 100, 30), normal);
}

#[test]
fn the_same_history_twice_asks_for_no_redraw() {
    let mut app = app(true, true);
    let standup = Arc::new(app.standup().expect("standup").clone());
    assert!(!app.on_standup(standup, None));
}

#[test]
fn no_size_garbles_presentation_mode() {
    let app = app(true, true);
    for w in [80, 81, 99, 100, 120, 159, 160, 220] {
        for h in [24, 25, 29, 30, 44, 45, 60] {
            let text = render_text(&app, w, h);
            assert_eq!(text.lines().count(), usize::from(h));
            assert!(text.contains("NOT READY"), "{w}x{h}\n{text}");
            assert!(text.contains("Burn-up"), "{w}x{h}\n{text}");
            // The answer at every size, and the title whole.
            assert!(
                text.contains("P50 20") && text.contains("P85 20"),
                "{w}x{h}\n{text}"
            );
            let title = text.lines().next().unwrap_or_default();
            assert!(
                title.starts_with(" Pathfinder 2.4.0 · standup · ") && !title.contains('…'),
                "{w}x{h}: {title}"
            );
            // Every hard gate that does not pass is named.
            for gate in ["p0-done", "billing-complete", "no-p1-bugs", "dpa"] {
                assert!(text.contains(gate), "{gate} at {w}x{h}\n{text}");
            }
        }
    }
}

/// The dashboard's header at 80×24 carries the answer: ready or not, the
/// completion, P50 and P85, the target's status and the bottleneck.
#[test]
fn the_80x24_header_carries_the_answer() {
    let app = app(true, false);
    let text = render_text(&app, 80, 24);
    let header: Vec<&str> = text.lines().take(3).collect();
    let header = header.join("\n");
    for needle in [
        "Pathfinder 2.4.0",
        "NOT READY",
        "53.2% complete",
        " · P85 20",
        "target 2026-12-18: ",
        "bottleneck tomas",
    ] {
        assert!(header.contains(needle), "{needle:?} in\n{header}");
    }
    // No date but the target's earlier than the P50 in the header.
    let p50_at = header.find("P50 ").expect("a P50") + 4;
    let p50: NaiveDate = header[p50_at..p50_at + 10].parse().expect("the P50's date");
    for word in header.split(|c: char| c.is_whitespace() || c == ',') {
        if let Ok(date) = word.parse::<NaiveDate>() {
            assert!(
                date >= p50 || date == d("2026-12-18"),
                "{date} in\n{header}"
            );
        }
    }
}

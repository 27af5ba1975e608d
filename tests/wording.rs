//! One wording per fact: every figure is phrased the same on every surface
//! that shows it — the dashboard's header and panes (at 200×60, and at
//! 120×40 with the forecast in front), presentation mode (160×45), `check`'s
//! verdict and the text and markdown reports — because they all lay out one
//! view. Checked on the shipped manifests and, as a property, on generated
//! ones: each surface is searched for every phrasing of a figure, and each
//! one found must be the view's.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use regex::Regex;

use readiness::app::{App, AppOptions, LoadOutcome};
use readiness::report::{markdown, text, verdict};
use readiness::ui::bigtext::{self, BigText};
use readiness::ui::render::{buffer_text, render_text};
use readiness::view::View;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// Every surface of one manifest, by name.
fn surfaces(manifest: &str) -> (View, Vec<(&'static str, String)>) {
    let snapshot = readiness::evaluate(manifest, today()).expect("valid");
    let view = View::build(Arc::new(snapshot.clone()), None, Some(manifest));
    let at = today().and_hms_opt(9, 0, 0).unwrap();
    let mut app = App::new(PathBuf::from("readiness.toml"), AppOptions::default());
    app.on_load(LoadOutcome::loaded(snapshot, manifest, at));
    let key = |app: &mut App, c: char| {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    };
    let dashboard = render_text(&app, 200, 60);
    let mut forecast = app.clone();
    key(&mut forecast, 'w');
    let forecast = render_text(&forecast, 120, 40);
    let mut present = app.clone();
    key(&mut present, 'p');
    let present = render_text(&present, 160, 45);
    let surfaces = vec![
        ("dashboard", dashboard),
        ("forecast pane", forecast),
        ("presentation", present),
        ("check", verdict::verdict(&view)),
        ("text report", text::render(&view)),
        ("markdown report", markdown::render(&view).replace('\\', "")),
    ];
    (view, surfaces)
}

/// Whether the phrase at `at` is about another figure that shares its
/// words: a component's completion in a warning, the throughput check's P85,
/// a person's or a component's finish.
fn other_figure(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let before = &text[line_start..at];
    // A sentence wrapped in a pane: its previous line's end, without the
    // borders, bullets and padding.
    let frame = |c: char| " │┃·".contains(c);
    let prev = text[..line_start.saturating_sub(1)]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches(frame)
        .split(['│', '┃'])
        .next()
        .unwrap_or("")
        .trim_end();
    let wrapped = format!("{prev} {}", before.trim_start_matches(frame));
    before.ends_with("counts as ")
        || wrapped.ends_with("record: ")
        || before.contains("throughput check:")
        // A person's finish (`maya 15.7 d left · finish …`, and the People
        // pane's row), a component's (`6/9 done  finish … (P85 …)`).
        || before.contains(" d left")
        || Regex::new(r"\d+/\d+ done").unwrap().is_match(before)
}

/// Checks every phrasing of every figure on every surface; returns how many
/// phrasings were found (so that a test sees it looked at something).
fn check_wording(manifest: &str) -> usize {
    let (v, surfaces) = surfaces(manifest);
    let h = &v.headline;
    let f = &v.forecast;
    let mut found = 0;
    // (what, a pattern that finds any phrasing of the figure, the phrase)
    let mut figures: Vec<(&str, &str, String)> = vec![
        (
            "completion",
            r"\d+(\.\d)?% complete",
            format!("{} complete", h.completion),
        ),
        (
            "tasks done",
            r"\d+ of \d+ tasks? done",
            h.tasks_done.clone(),
        ),
    ];
    if v.gates.hard > 0 {
        figures.push((
            "hard gates",
            r"\d+ of \d+ hard gates? passing( \(\d+ [a-z]+(, \d+ [a-z]+)?\))?",
            v.gates.hard_phrase.clone(),
        ));
    }
    if let Some(claimed) = &h.claimed {
        figures.push(("claimed", r"claimed \d+(\.\d+)?%", claimed.clone()));
    }
    if let Some(gap) = &h.claim_gap {
        figures.push((
            "claim gap",
            r"\d+(\.\d+)? points? (over|under)",
            gap.clone(),
        ));
    }
    if let Some(work) = &f.work_left {
        figures.push(("work left", r"\d+(\.\d+)? d of work left", work.clone()));
    }
    if let Some(slack) = f.target.as_ref().and_then(|t| t.slack.clone()) {
        figures.push((
            "slack",
            r"(late|at risk|on track)(?: by|, over by| with) \d+ working days?(?: to spare)? at P85",
            slack,
        ));
    }
    if let Some(chance) = f.target.as_ref().and_then(|t| t.chance.clone()) {
        figures.push(("chance", r"\d+(\.\d)?% chance by \d{4}-\d\d-\d\d", chance));
    }
    // The target's status, whole (with its slack, counted to the P85) or
    // short where a surface has no room for the whole.
    if let Some(target) = &f.target {
        let re = Regex::new(
            r"target \d{4}-\d\d-\d\d: (?:late|at risk|on track|done|status needs a forecast|…)(?:(?: by|, over by| with) \d+ working days?(?: to spare)? at P85)?",
        )
        .unwrap();
        let mut shown = 0;
        for (surface, text) in &surfaces {
            for m in re.find_iter(text) {
                assert!(
                    m.as_str() == target.phrase || m.as_str() == target.short,
                    "target on the {surface} reads {:?}, not {:?}:\n{text}",
                    m.as_str(),
                    target.phrase
                );
                found += 1;
                shown += 1;
            }
        }
        assert!(shown > 0, "target ({:?}) shows nowhere", target.phrase);
    }
    // The answer (P50 and P85) is on every surface, worded once.
    let answer = Regex::new(r"P50 (?:…|\d{4}-\d\d-\d\d) · P85 (?:…|\d{4}-\d\d-\d\d)").unwrap();
    for (surface, text) in &surfaces {
        let mut shown = 0;
        for m in answer.find_iter(text) {
            if other_figure(text, m.start()) {
                continue;
            }
            assert!(
                f.answer.starts_with(m.as_str()),
                "the answer on the {surface} reads {:?}, not {:?}",
                m.as_str(),
                f.answer
            );
            shown += 1;
            found += 1;
        }
        assert!(
            shown > 0 || !f.dated || f.method == "done",
            "the answer ({:?}) is not on the {surface}:\n{text}",
            f.answer
        );
    }
    for (what, pattern, phrase) in &figures {
        let re = Regex::new(pattern).unwrap();
        let mut shown = 0;
        for (surface, text) in &surfaces {
            for m in re.find_iter(text) {
                if other_figure(text, m.start()) {
                    continue;
                }
                assert_eq!(
                    m.as_str(),
                    phrase,
                    "{what} on the {surface} reads {:?}, not {phrase:?}:\n{text}",
                    m.as_str()
                );
                found += 1;
                shown += 1;
            }
        }
        assert!(shown > 0, "{what} ({phrase:?}) shows nowhere");
    }
    // Every date next to a percentile, "face value" or "finish" is that
    // figure's date.
    let dated =
        Regex::new(r"(P50|P85|P95|face value:|finish) (?:[A-Z][a-z]{2} )?(\d{4}-\d\d-\d\d)")
            .unwrap();
    let s = &v.snapshot.forecast;
    let finish = s.finish.or(s.p50);
    for (surface, text) in &surfaces {
        for c in dated.captures_iter(text) {
            if other_figure(text, c.get(0).unwrap().start()) {
                continue;
            }
            let want = match &c[1] {
                "P50" => s.p50,
                "P85" => s.p85,
                "P95" => s.p95,
                _ => finish,
            };
            assert_eq!(
                want.map(|d| d.to_string()).as_deref(),
                Some(&c[2]),
                "{} on the {surface}:\n{text}",
                &c[0]
            );
            found += 1;
        }
    }
    // Each person's share is one phrase in both reports, and the
    // bottleneck is named on the dashboard, in presentation mode and in both.
    if f.method == "estimates" {
        for p in &v.people.rows {
            for (surface, text) in &surfaces[4..] {
                assert!(
                    text.contains(&p.phrase),
                    "{:?} not in the {surface}",
                    p.phrase
                );
                found += 1;
            }
        }
        if let Some(b) = &v.people.bottleneck {
            for (surface, text) in surfaces.iter().filter(|(s, _)| *s != "check") {
                assert!(
                    text.contains(b.as_str()),
                    "{b:?} not in the {surface}:\n{text}"
                );
                found += 1;
            }
        }
    }
    // Presentation mode's big completion figure has the header's digits.
    let present = &surfaces[2].1;
    let big = (1..=3).any(|scale| {
        let w = bigtext::width(&h.completion, scale);
        let height = bigtext::height(scale);
        let area = ratatui::layout::Rect::new(0, 0, w, height);
        let mut buffer = ratatui::buffer::Buffer::empty(area);
        ratatui::widgets::Widget::render(
            BigText {
                text: &h.completion,
                scale,
                style: ratatui::style::Style::new(),
            },
            area,
            &mut buffer,
        );
        let rows: Vec<String> = buffer_text(&buffer).lines().map(str::to_owned).collect();
        present
            .lines()
            .any(|line| line.contains(rows[0].trim_end()))
            && rows
                .iter()
                .filter(|r| !r.trim().is_empty())
                .all(|r| present.contains(r.trim_end()))
    });
    assert!(
        big,
        "presentation mode's big figure is not {}:\n{present}",
        h.completion
    );
    found
}

#[test]
fn the_shipped_manifests_word_every_figure_once() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("readiness.toml")];
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        // The folder also holds cargo examples (`.rs`).
        if path.extension().is_some_and(|e| e == "toml") {
            paths.push(path);
        }
    }
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let found = check_wording(&text);
        assert!(found > 10, "{}: {found} phrasings", path.display());
    }
}

/// The answer leads every headline: on the showcase and a second manifest
/// at 2026-12-03, the header (80×24, 120×40, 200×60), `check`'s verdict and
/// presentation mode's title and big figures (80×24, 120×30, 160×45) carry
/// the P50 and the P85, and no date earlier than the P50 but the target's
/// and today's.
#[test]
fn the_answer_leads_every_headline() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let date = Regex::new(r"\d{4}-\d\d-\d\d").unwrap();
    for path in ["readiness.toml", "examples/clinic-assistant.toml"] {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let snapshot = readiness::evaluate(&text, today).expect("valid");
        let f = &snapshot.forecast;
        let (p50, p85) = (f.p50.expect("a P50"), f.p85.expect("a P85"));
        let target = snapshot.manifest.project.target;
        let view = View::build(Arc::new(snapshot.clone()), None, Some(&text));
        let mut app = App::new(PathBuf::from(path), AppOptions::default());
        app.on_load(LoadOutcome::loaded(
            snapshot,
            &text,
            today.and_hms_opt(9, 0, 0).unwrap(),
        ));
        let mut heads = vec![("check".to_owned(), verdict::verdict(&view))];
        for (w, h, rows) in [(80, 24, 3), (120, 40, 4), (200, 60, 4)] {
            let frame = render_text(&app, w, h);
            let header: Vec<&str> = frame.lines().take(rows).collect();
            heads.push((format!("header {w}x{h}"), header.join("\n")));
        }
        app.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
        for (w, h) in [(80, 24), (120, 30), (160, 45)] {
            let frame = render_text(&app, w, h);
            let band: Vec<&str> = frame.lines().take_while(|l| !l.starts_with('┌')).collect();
            heads.push((format!("presentation {w}x{h}"), band.join("\n")));
        }
        for (what, text) in heads {
            for answer in [format!("P50 {p50}"), format!("P85 {p85}")] {
                assert!(
                    text.contains(&answer),
                    "{path} {what}: no {answer}:\n{text}"
                );
            }
            for m in date.find_iter(&text) {
                let d: NaiveDate = m.as_str().parse().unwrap();
                assert!(
                    d >= p50 || Some(d) == target || d == today,
                    "{path} {what}: {d} is earlier than the P50 ({p50}):\n{text}"
                );
            }
        }
    }
}

/// A manifest from the generated parts: components, tasks (with a state,
/// an estimate or none, progress, a blocker, an owner, dependencies on
/// earlier tasks), gates of each kind, a claim and a target.
/// A generated task: component, status, estimate range, progress, blocker,
/// owner, dependency.
type GenTask = (usize, u8, Option<(u8, u8)>, u8, bool, u8, Option<usize>);

fn manifest(
    components: usize,
    tasks: &[GenTask],
    gates: &[(u8, bool, u8)],
    claimed: Option<u8>,
    target: Option<u8>,
) -> String {
    let mut text = String::from("[project]\nname = \"Generated\"\n");
    if let Some(c) = claimed {
        text.push_str(&format!("claimed = {c}\n"));
    }
    if let Some(t) = target {
        text.push_str(&format!("target = 2026-12-{:02}\n", 1 + t % 28));
    }
    text.push_str("\n[metrics]\ncoverage = 64\n\n");
    for c in 0..components {
        text.push_str(&format!("[[component]]\nid = \"c{c}\"\n\n"));
    }
    for (i, (component, status, estimate, progress, blocker, owner, dep)) in
        tasks.iter().enumerate()
    {
        let status = ["todo", "doing", "done", "blocked", "dropped"][usize::from(*status % 5)];
        text.push_str(&format!(
            "[[task]]\nid = \"t{i}\"\ntitle = \"Task {i}\"\ncomponent = \"c{}\"\nstatus = \"{status}\"\npriority = \"P{}\"\n",
            component % components,
            i % 4
        ));
        if status == "done" {
            text.push_str(&format!("done = 2026-11-{:02}\n", 2 + i % 18));
        } else if *progress > 0 {
            text.push_str(&format!("progress = {}\n", progress % 101));
        }
        if let Some((a, b)) = estimate {
            let (lo, hi) = (a.min(b), a.max(b));
            text.push_str(&format!("estimate = \"{lo}-{}d\"\n", hi + 1));
        }
        if *blocker && status != "done" {
            text.push_str("blocker = \"waiting on a vendor\"\n");
        }
        if *owner > 0 {
            text.push_str(&format!("owner = \"o{}\"\n", owner % 3));
        }
        if let Some(d) = dep
            && i > 0
        {
            text.push_str(&format!("depends_on = [\"t{}\"]\n", d % i));
        }
        text.push('\n');
    }
    for (k, (kind, hard, value)) in gates.iter().enumerate() {
        let severity = if *hard { "hard" } else { "soft" };
        let criterion = match kind % 4 {
            0 if !tasks.is_empty() => {
                format!("tasks = [\"t{}\"]", usize::from(*value) % tasks.len())
            }
            1 => format!("priority = \"P{}\"", value % 4),
            2 => format!("metric = \"coverage\"\nmin = {}", value % 100),
            _ => format!(
                "status = \"{}\"",
                ["pass", "fail", "pending"][usize::from(value % 3)]
            ),
        };
        text.push_str(&format!(
            "[[gate]]\nid = \"g{k}\"\nseverity = \"{severity}\"\n{criterion}\n\n"
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn every_figure_is_worded_once_on_every_surface(
        components in 1usize..4,
        tasks in prop::collection::vec(
            (0usize..4, 0u8..5, prop::option::of((0u8..4, 0u8..6)), 0u8..120, any::<bool>(), 0u8..4, prop::option::of(0usize..20)),
            1..14,
        ),
        gates in prop::collection::vec((0u8..4, any::<bool>(), 0u8..100), 0..6),
        claimed in prop::option::of(0u8..=100),
        target in prop::option::of(0u8..28),
    ) {
        let text = manifest(components, &tasks, &gates, claimed, target);
        check_wording(&text);
    }
}

//! Snapshots of the text, markdown and JSON reports of the top-level
//! manifest and of examples/voice-bot.toml, as of Saturday 2026-11-21.
//! Regenerate with `INSTA_UPDATE=always cargo test --test reports` and
//! review the diff.

use std::path::Path;

use chrono::NaiveDate;
use readiness::report::{json, markdown, text};
use readiness::view::View;
use readiness::{Snapshot, evaluate};

fn source(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).expect("read the manifest")
}

fn snapshot(relative: &str) -> Snapshot {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    evaluate(&source(relative), today).unwrap_or_else(|d| panic!("{relative}: {d:#?}"))
}

/// The view the text and markdown reports lay out.
fn view(relative: &str) -> View {
    View::build(
        std::sync::Arc::new(snapshot(relative)),
        None,
        Some(&source(relative)),
    )
}

#[test]
fn top_level_text() {
    insta::assert_snapshot!(text::render(&view("readiness.toml")));
}

#[test]
fn top_level_markdown() {
    insta::assert_snapshot!(markdown::render(&view("readiness.toml")));
}

#[test]
fn top_level_json() {
    insta::assert_snapshot!(json::render(&snapshot("readiness.toml")));
}

#[test]
fn voice_bot_text() {
    insta::assert_snapshot!(text::render(&view("examples/voice-bot.toml")));
}

#[test]
fn voice_bot_markdown() {
    insta::assert_snapshot!(markdown::render(&view("examples/voice-bot.toml")));
}

#[test]
fn voice_bot_json() {
    insta::assert_snapshot!(json::render(&snapshot("examples/voice-bot.toml")));
}

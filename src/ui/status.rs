//! What the dashboard says about itself rather than about the release: the
//! error banner over stale figures (invalid, missing or unreadable file), the
//! bottom status line (key hints, reloading, watching or polling, warnings),
//! and the full-screen messages shown before any good snapshot exists.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::centred;
use super::common::{clean, fit, plural, styled, width};
use super::theme::Theme;
use crate::app::{App, Problem, Trouble, WatchStatus};
use crate::manifest::Diagnostic;

/// `line 12: unknown key `depend_on` in [[task]] (did you mean `depends_on`?)`:
/// [`Diagnostic::one_line`], as the reports print it, after its line.
pub fn diagnostic_line(d: &Diagnostic) -> String {
    clean(&match d.line {
        Some(l) => format!("line {l}: {}", d.one_line()),
        None => d.one_line(),
    })
}

/// The diagnostics worth showing: errors first (a warning alone never makes
/// a file invalid, but say something if that is all there is).
fn errors_first(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut list: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    if list.is_empty() {
        list = diagnostics.iter().collect();
    }
    list
}

fn file_name(app: &App) -> String {
    clean(&app.file().display().to_string())
}

/// The banner's text, when the figures on screen are stale.
pub fn banner_text(app: &App) -> Option<String> {
    let trouble: &Trouble = app.trouble()?;
    let file = file_name(app);
    let what = match &trouble.problem {
        Problem::Invalid { diagnostics } => {
            let list = errors_first(diagnostics);
            let mut text = match list.first() {
                Some(d) => format!("{file}: {}", diagnostic_line(d)),
                None => format!("{file} is invalid"),
            };
            if list.len() > 1 {
                text.push_str(&format!(
                    " · +{} more",
                    plural(list.len() - 1, "error", "errors")
                ));
            }
            text
        }
        Problem::Missing => format!("{file} missing"),
        Problem::Unreadable { message } => clean(message),
    };
    Some(format!(
        "✗ {what} · stale since {} ",
        trouble.stale_since.format("%H:%M:%S")
    ))
}

/// Rows the banner takes at this width: 0 without trouble, else 1 or 2.
pub fn banner_height(app: &App, area_width: u16) -> u16 {
    match banner_text(app) {
        None => 0,
        Some(text) if width(&text) < usize::from(area_width) => 1,
        Some(_) => 2,
    }
}

pub fn banner(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(text) = banner_text(app) else { return };
    let paragraph = Paragraph::new(Line::from(format!(" {text}")))
        .style(theme.banner)
        .wrap(Wrap { trim: false });
    frame.render_widget(paragraph, area);
}

/// The bottom line: key hints on the left, the dashboard's state on the right.
pub fn status_line(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut right: Vec<Span> = Vec::new();
    if let Some(note) = app.note() {
        let room = usize::from(area.width / 2).saturating_sub(1);
        right.push(styled(format!("{} ", fit(note, room)), theme.unknown));
    }
    if app.reloading() {
        right.push(styled("⟳ reloading… ", theme.unknown));
    }
    if let Some(s) = app.snapshot()
        && !s.warnings.is_empty()
    {
        right.push(styled(
            format!("! {} ", plural(s.warnings.len(), "warning", "warnings")),
            theme.unknown,
        ));
    }
    match app.watch_status() {
        Some(WatchStatus::Watching) => {
            right.push(styled(format!("watching {} ", file_name(app)), theme.dim));
        }
        Some(WatchStatus::Polling { reason }) => right.push(styled(
            format!("polling every 500 ms ({}) ", clean(reason)),
            theme.unknown,
        )),
        None => right.push(styled(format!("{} ", file_name(app)), theme.dim)),
    }
    let theme_label = if app.no_color() {
        "no colour"
    } else {
        app.theme_name().as_str()
    };
    right.push(styled(format!("· {theme_label} "), theme.dim));
    let right = Line::from(right);
    let right_w = (right.width() as u16).min(area.width);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)]).areas(area);

    let hints: &[(&str, &str)] = &[
        ("?", "help"),
        ("Tab", "focus"),
        ("Enter", "drill"),
        ("/", "search"),
        ("f", "filter"),
        ("t", "theme"),
        ("r", "reload"),
        ("q", "quit"),
    ];
    let mut left = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in hints {
        let w = width(key) + width(what) + 3;
        if used + w > usize::from(left_area.width) {
            break;
        }
        left.push(styled(*key, theme.key));
        left.push(styled(format!(" {what}  "), theme.dim));
        used += w;
    }
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(right.right_aligned()), right_area);
}

/// No good snapshot yet: loading, or the problem full-screen. Never blank.
pub fn no_snapshot(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [body, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    status_line(app, theme, frame, status);
    let file = file_name(app);
    let Some(trouble) = app.trouble() else {
        let line = Line::styled(format!("loading {file}…"), theme.title);
        return centred(frame, body, vec![line]);
    };
    let at = trouble.at.format("%H:%M:%S");
    match &trouble.problem {
        Problem::Invalid { diagnostics } => {
            let list = errors_first(diagnostics);
            let title = Line::from(vec![
                styled(format!(" ✗ {file} is invalid "), theme.banner),
                styled(
                    format!(" {} · {at} ", plural(list.len(), "error", "errors")),
                    theme.title,
                ),
            ]);
            let block = Block::new()
                .borders(Borders::ALL)
                .border_style(theme.fail)
                .title(title);
            let inner = block.inner(body);
            frame.render_widget(block, body);
            let rows = usize::from(inner.height);
            let cols = usize::from(inner.width.saturating_sub(1));
            // One row says what to do; the errors get the rest.
            let rows = rows.saturating_sub(2);
            let fits = if list.len() > rows {
                rows.saturating_sub(1)
            } else {
                list.len()
            };
            let mut lines: Vec<Line> = list[..fits]
                .iter()
                .map(|d| Line::from(format!(" {}", fit(&diagnostic_line(d), cols))))
                .collect();
            if fits < list.len() {
                lines.push(Line::styled(
                    format!(" … {} more", plural(list.len() - fits, "error", "errors")),
                    theme.dim,
                ));
            }
            lines.push(Line::from(""));
            lines.push(Line::styled(
                " Nothing computed yet: fix the file and save, the dashboard follows.",
                theme.dim,
            ));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Problem::Missing => centred(
            frame,
            body,
            vec![
                Line::styled(format!("✗ {file} missing"), theme.fail),
                Line::styled(
                    format!(
                        "since {at} · waiting for it to appear (create one with `readiness init`)"
                    ),
                    theme.dim,
                ),
            ],
        ),
        Problem::Unreadable { message } => centred(
            frame,
            body,
            vec![
                Line::styled(format!("✗ {}", clean(message)), theme.fail),
                Line::styled(
                    format!("since {at} · retrying on the next change"),
                    theme.dim,
                ),
            ],
        ),
    }
}

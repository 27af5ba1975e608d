//! What the dashboard says about itself rather than about the release: the
//! error banner over stale figures (invalid, missing or unreadable file) —
//! always one line, the message (what to fix) kept whole before the time
//! it went stale, else cut so that the time shows — the bottom line (what
//! the last edit wrote, the keys that apply now from the key table; then
//! the `!` marker, reloading and watching, the theme, the path last and
//! shortened), and the
//! full-screen messages shown before any good snapshot exists.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::centred;
use super::common::{area as to_area, clean, fit, plural, shorten_path, styled, width};
use super::theme::Theme;
use crate::app::{App, Command, Focus, Problem, Regions, Target, WatchStatus, keys};
use crate::view::diagnostics::count_phrase;
use crate::view::figure::time;

/// Between the parts of the status line's right side.
const SEP: &str = " · ";
const SEP_W: usize = 3;
/// At least this many cells between the keys and the right side.
const GAP: usize = 2;

fn file_name(app: &App) -> String {
    clean(&app.file().display().to_string())
}

/// Rows the banner takes: 1 while the figures on screen are stale.
pub fn banner_height(app: &App) -> u16 {
    u16::from(app.trouble().is_some() && app.view().is_some())
}

/// The banner: `✗ what · +2 more errors · stale since 14:02:11 · ! lists
/// them`; where the line is short the time goes first, then the hint, then
/// the count, so that the what shows whole; when it cannot, it is cut with
/// `…` and the count and the time show.
pub fn banner(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, regions: &RefCell<Regions>) {
    let Some(trouble) = app.trouble() else { return };
    if area.height == 0 {
        return;
    }
    let max = usize::from(area.width);
    let file = file_name(app);
    let (what, more) = match &trouble.problem {
        Problem::Invalid { problems } => {
            let errors: Vec<_> = problems.iter().filter(|p| p.error).collect();
            let first = errors.first().copied().or(problems.first());
            // The file's name when there is room for it beside the error.
            let what = match first {
                Some(d) if max >= 120 => format!("{}: {}", shorten_path(&file, 24), d.phrase()),
                Some(d) => d.phrase(),
                None => format!("{} is invalid", shorten_path(&file, 24)),
            };
            let more = (errors.len() > 1).then(|| {
                format!(
                    " · +{}",
                    plural(errors.len() - 1, "more error", "more errors")
                )
            });
            (what, more)
        }
        Problem::Missing => (format!("{} missing", shorten_path(&file, 40)), None),
        Problem::Unreadable { message } => (clean(message), None),
    };
    let stale = format!(" · stale since {}", time(trouble.stale_since));
    let hint = matches!(trouble.problem, Problem::Invalid { .. }).then_some(" · ! lists them");
    // The message says what to fix (its "did you mean" last). When it fits
    // whole without them, what follows it goes first — the time, then the
    // hint, then the count of other errors; when it cannot fit whole
    // anyway, it is cut and the count and the time stay.
    let whole = |tail: &[Option<&str>]| {
        let tail: usize = tail.iter().flatten().map(|t| width(t)).sum();
        3 + width(&what) + tail < max
    };
    let more = more.as_deref();
    let (more, stale, hint) = [
        (more, Some(stale.as_str()), hint),
        (more, None, hint),
        (more, None, None),
        (None, None, None),
    ]
    .into_iter()
    .find(|(m, s, h)| whole(&[*m, *s, *h]))
    .unwrap_or_else(|| {
        let fixed = 3 + more.map_or(0, width) + width(&stale) + 1;
        // The hint only where the message keeps a readable length beside it.
        (
            more,
            Some(stale.as_str()),
            hint.filter(|h| fixed + width(h) + 48 <= max),
        )
    });
    let tail: usize = [more, stale, hint].iter().flatten().map(|t| width(t)).sum();
    let room = max.saturating_sub(3 + tail + 1);
    let text = format!(
        " ✗ {}{}{}{} ",
        fit(&what, room),
        more.unwrap_or_default(),
        stale.unwrap_or_default(),
        hint.unwrap_or_default()
    );
    frame.render_widget(
        Paragraph::new(Line::from(fit(&text, max))).style(theme.banner),
        area,
    );
    regions.borrow_mut().push(to_area(area), Target::Problems);
}

/// The bottom line. On the left, what the last edit wrote (or why not)
/// and the keys that apply now, most used first, from the key table — an
/// edit's keys only where a task is selected, `u undo` only while there is
/// an edit to undo; on the right, separated by ` · `, what the dashboard
/// is doing — reloading, the `!` marker, polling — and, with room left,
/// the theme, when it last loaded and the path (shortened from the left).
pub fn status_line(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    regions: &RefCell<Regions>,
) {
    if super::prompt::draw(app, theme, frame, area) {
        return;
    }
    let max = usize::from(area.width);
    // What must show, on the right.
    let mut essential: Vec<Span> = Vec::new();
    if app.reloading() {
        essential.push(styled("⟳ reloading…", theme.unknown));
    }
    let problems = app.problems();
    let marker = (!problems.is_empty()).then(|| format!("! {}", count_phrase(problems)));
    if let Some(m) = &marker {
        essential.push(styled(m.clone(), theme.unknown));
    }
    if let Some(WatchStatus::Polling { reason }) = app.watch_status() {
        let text = format!("polling every 500 ms ({})", clean(reason));
        essential.push(styled(fit(&text, max / 3), theme.unknown));
    }
    let joined = |spans: &[Span]| -> usize {
        spans.iter().map(Span::width).sum::<usize>() + SEP_W * spans.len().saturating_sub(1)
    };
    let essential_w = joined(&essential) + usize::from(!essential.is_empty());

    // The note, then the keys, in the room left.
    let mut left = vec![Span::raw(" ")];
    let mut used = 1;
    if let Some(note) = app.note() {
        let style = if note.starts_with('✗') {
            theme.fail
        } else {
            theme.unknown
        };
        let note = fit(
            &clean(note),
            (max / 2).max(max.saturating_sub(essential_w + 2)),
        );
        used += width(&note);
        left.push(styled(note, style));
    }
    let offered = |c: Command| {
        if c.acts_on_task() {
            app.task_in_hand()
        } else if c == Command::Undo {
            app.undoable() > 0
        } else if c == Command::AddTask {
            matches!(app.focus(), Focus::Components | Focus::Tasks)
        } else {
            true
        }
    };
    for (k, (key, word)) in keys::bar_where(app.context(), offered)
        .into_iter()
        .enumerate()
    {
        let sep = match (k, used > 1) {
            (0, true) => " · ",
            (0, false) => "",
            _ => "  ",
        };
        let w = width(sep) + width(key) + 1 + width(word);
        if used + w + GAP + essential_w > max {
            break;
        }
        left.push(styled(sep, theme.dim));
        left.push(styled(key, theme.key));
        left.push(styled(format!(" {word}"), theme.dim));
        used += w;
    }

    // Then, as room allows: the theme, when it loaded, the file.
    let mut room = max.saturating_sub(used + GAP + essential_w);
    let mut optional: Vec<(usize, Span)> = Vec::new();
    let mut add = |order: usize, text: String, room: &mut usize| {
        let w = width(&text) + SEP_W;
        if !text.is_empty() && w <= *room {
            *room -= w;
            optional.push((order, styled(text, theme.dim)));
        }
    };
    let theme_label = if app.no_color() {
        "no colour"
    } else {
        app.theme_name().as_str()
    };
    add(3, theme_label.to_owned(), &mut room);
    if let Some(at) = app.loaded_at()
        && app.note().is_none()
    {
        add(1, format!("loaded {}", time(at)), &mut room);
    }
    let file = file_name(app);
    let verb = match app.watch_status() {
        Some(WatchStatus::Watching) => "watching ",
        _ => "",
    };
    let path = shorten_path(&file, room.saturating_sub(width(verb) + SEP_W));
    if !path.is_empty() {
        add(2, format!("{verb}{path}"), &mut room);
    }
    optional.sort_by_key(|(order, _)| *order);

    // One list, ` · ` between its parts.
    let parts: Vec<Span> = essential
        .into_iter()
        .chain(optional.into_iter().map(|(_, s)| s))
        .collect();
    let mut right: Vec<Span> = Vec::new();
    for (k, part) in parts.into_iter().enumerate() {
        if k > 0 {
            right.push(styled(SEP, theme.dim));
        }
        right.push(part);
    }
    right.push(Span::raw(" "));
    // The `!` marker is clickable: note where it lands.
    let right_w: usize = right.iter().map(Span::width).sum();
    if let Some(m) = &marker {
        let before: usize = right
            .iter()
            .take_while(|s| s.content.as_ref() != m.as_str())
            .map(Span::width)
            .sum();
        let x = area.x + (max.saturating_sub(right_w) + before) as u16;
        let marker_area = Rect::new(x, area.y, width(m) as u16, 1).intersection(area);
        regions
            .borrow_mut()
            .push(to_area(marker_area), Target::Problems);
    }
    frame.render_widget(Paragraph::new(Line::from(left)), area);
    frame.render_widget(Paragraph::new(Line::from(right).right_aligned()), area);
}

/// No good snapshot yet: loading, or the problem full-screen. Never blank.
pub fn no_snapshot(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    regions: &RefCell<Regions>,
) {
    let [body, status] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Fill(1),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(area);
    status_line(app, theme, frame, status, regions);
    let file = file_name(app);
    let Some(trouble) = app.trouble() else {
        let line = Line::styled(format!("loading {file}…"), theme.title);
        return centred(frame, body, vec![line]);
    };
    let at = time(trouble.at);
    match &trouble.problem {
        Problem::Invalid { problems } => {
            let errors: Vec<_> = problems.iter().filter(|p| p.error).collect();
            let list = if errors.is_empty() {
                problems.iter().collect()
            } else {
                errors
            };
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
            // Two rows say what to do; the errors get the rest.
            let rows = rows.saturating_sub(2);
            let fits = if list.len() > rows {
                rows.saturating_sub(1)
            } else {
                list.len()
            };
            let mut lines: Vec<Line> = list[..fits]
                .iter()
                .map(|d| Line::from(format!(" {}", fit(&d.phrase(), cols))))
                .collect();
            if fits < list.len() {
                lines.push(Line::styled(
                    format!(
                        " … {} (! lists them all)",
                        plural(list.len() - fits, "more error", "more errors")
                    ),
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

//! The help popup (`?`): every key of the context under it — the panes,
//! presentation mode or an open view — generated from the key table the
//! handler reads ([`crate::app::keys`]), then the mouse, then the legend of
//! the status symbols. Scrollable when taller than the screen.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::common::{styled, width};
use super::overlay::{Popup, Scroll, popup};
use super::theme::Theme;
use crate::app::{App, Context, Regions, keys};
use crate::view::symbols::LEGEND;

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, regions: &RefCell<Regions>) {
    let context = app.context_under_help();
    let bindings: Vec<_> = keys::help(context).collect();
    let key_w = bindings.iter().map(|b| width(b.label)).max().unwrap_or(0);
    let mut lines: Vec<Line> = bindings
        .iter()
        .map(|b| {
            Line::from(vec![
                styled(format!(" {:<key_w$}  ", b.label), theme.key),
                styled(b.help, theme.base),
            ])
        })
        .collect();
    if context == Context::Panes {
        lines.push(Line::from(vec![
            styled(format!(" {:<key_w$}  ", "mouse"), theme.key),
            styled(
                "the wheel scrolls; a click focuses a pane and selects a row, a second click opens it; a click on ! lists the errors",
                theme.base,
            ),
        ]));
        lines.push(Line::from(""));
        lines.push(Line::from(styled(" Symbols", theme.title)));
        for (symbol, meaning) in LEGEND {
            lines.push(Line::from(vec![
                styled(format!(" {symbol:<key_w$}  "), theme.key),
                styled(*meaning, theme.base),
            ]));
        }
    }
    let title = match context {
        Context::Present => " Keys · presentation mode ",
        Context::View => " Keys · this view ",
        _ => " Keys ",
    };
    popup(
        frame,
        area,
        theme,
        regions,
        Popup {
            title: title.to_owned(),
            hint: " ? or Esc closes ",
            lines,
            scroll: Scroll::From(app.help_scroll()),
            max_width: 110,
            wrap_indent: key_w + 3,
        },
    );
}

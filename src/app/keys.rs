//! The key table: every key the dashboard answers to, what it does, where,
//! and how the help and the key bar describe it. The handler looks keys up
//! here and the help popup and key bar are generated from here, so the
//! three never disagree (docs/dashboard.md, "Keys"). A new key is a new
//! [`Command`] and a row of [`BINDINGS`].

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Esc: close a view or popup, end the search, clear a filter. Never quits.
    Back,
    Help,
    FocusNext,
    FocusPrev,
    Down,
    Up,
    HalfDown,
    HalfUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    /// Enter: the selected item's detail view.
    Open,
    Search,
    StatusNext,
    StatusPrev,
    /// A digit `0`–`7`: that status filter.
    StatusPick,
    OwnerNext,
    ComponentFilter,
    SortNext,
    SortReverse,
    /// The forecast pane.
    Forecast,
    /// The trend view: how the forecast moved, day by day.
    Trend,
    /// The list of errors and warnings.
    Problems,
    /// `$EDITOR` at the selected item's line.
    Edit,
    Reload,
    Theme,
    Present,
    /// Search: keep the query and go back to the list.
    Keep,
    /// Search: delete the last character typed.
    DeleteChar,
    /// Search: clear what is typed.
    Erase,
    /// The selected task: status done (`done` = today), written to the file.
    MarkDone,
    /// The selected task: the next status.
    CycleStatus,
    /// The selected task's blocker, in a prompt.
    EditBlocker,
    /// The selected task's progress, in a prompt.
    EditProgress,
    /// Prompt: write the edit.
    Submit,
    /// Prompt: keep the selected old value and type after it.
    KeepText,
    /// Undo the dashboard's last edit.
    Undo,
    /// A task in the selected component, through a small form.
    AddTask,
}

impl Command {
    /// Whether the key moves the user away from the task the last edit
    /// acted on (the selection, the focus, what the list shows).
    pub fn moves(self) -> bool {
        matches!(
            self,
            Command::FocusNext
                | Command::FocusPrev
                | Command::Down
                | Command::Up
                | Command::HalfDown
                | Command::HalfUp
                | Command::PageDown
                | Command::PageUp
                | Command::Top
                | Command::Bottom
                | Command::Search
                | Command::StatusNext
                | Command::StatusPrev
                | Command::StatusPick
                | Command::OwnerNext
                | Command::ComponentFilter
                | Command::SortNext
                | Command::SortReverse
                | Command::Forecast
        )
    }

    /// Whether the key acts on the selected task (the key bar offers it
    /// only where one is selected).
    pub fn acts_on_task(self) -> bool {
        matches!(
            self,
            Command::MarkDone | Command::CycleStatus | Command::EditBlocker | Command::EditProgress
        )
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The dashboard's panes.
    Panes,
    /// Presentation mode.
    Present,
    /// A detail view, the forecast or the error list, over the panes.
    View,
    /// The help popup.
    Help,
    /// Typing a search.
    Search,
    /// Typing into an edit's prompt (`b`, `%`).
    Prompt,
}

/// A key as the table writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    /// Any of these characters (`0`–`7`).
    Range(char, char),
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match (self, key.code) {
            (Key::Char(c), KeyCode::Char(k)) => !ctrl && k == c,
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl && k.eq_ignore_ascii_case(&c),
            (Key::Code(code), k) => !ctrl && k == code,
            (Key::Range(a, b), KeyCode::Char(k)) => !ctrl && (a..=b).contains(&k),
            _ => false,
        }
    }
}

/// One line of the help: its keys, each with its command.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// How the help writes the keys.
    pub label: &'static str,
    pub keys: &'static [(Key, Command)],
    pub help: &'static str,
    pub contexts: &'static [Context],
    /// In the key bar, with this word, ranked by this (lower first).
    pub bar: Option<(&'static str, u8)>,
}

use Command as C;
use Context::{
    Help as HELP, Panes as PANES, Present as PRESENT, Prompt as PROMPT, Search as SEARCH,
    View as VIEW,
};
use Key::{Char, Code, Ctrl, Range};

const EVERYWHERE: &[Context] = &[PANES, PRESENT, VIEW, HELP, SEARCH, PROMPT];
const NOT_TYPING: &[Context] = &[PANES, PRESENT, VIEW, HELP];
const SCROLLING: &[Context] = &[PANES, VIEW, HELP];
const PANES_ONLY: &[Context] = &[PANES];
const PANES_AND_VIEWS: &[Context] = &[PANES, VIEW];

/// Every key, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        label: "q",
        keys: &[(Char('q'), C::Quit)],
        help: "quit",
        contexts: NOT_TYPING,
        bar: Some(("quit", 2)),
    },
    Binding {
        label: "Ctrl-C",
        keys: &[(Ctrl('c'), C::Quit)],
        help: "quit, also while typing a search",
        contexts: EVERYWHERE,
        bar: None,
    },
    Binding {
        label: "Ctrl-Z",
        keys: &[(Ctrl('z'), C::Suspend)],
        help: "suspend to the shell; `fg` brings the dashboard back",
        contexts: EVERYWHERE,
        bar: None,
    },
    Binding {
        label: "Esc",
        keys: &[(Code(KeyCode::Esc), C::Back)],
        help: "back: cancel a prompt, close a view, end the search, clear the search or a filter (never quits)",
        contexts: EVERYWHERE,
        bar: None,
    },
    Binding {
        label: "?",
        keys: &[(Char('?'), C::Help)],
        help: "show or hide this help",
        contexts: NOT_TYPING,
        bar: Some(("help", 1)),
    },
    Binding {
        label: "Tab  Shift-Tab",
        keys: &[
            (Code(KeyCode::Tab), C::FocusNext),
            (Code(KeyCode::BackTab), C::FocusPrev),
            (Code(KeyCode::Right), C::FocusNext),
            (Code(KeyCode::Left), C::FocusPrev),
            (Char('l'), C::FocusNext),
            (Char('h'), C::FocusPrev),
        ],
        help: "focus the next / previous pane (also → ← l h)",
        contexts: PANES_ONLY,
        bar: Some(("focus", 10)),
    },
    Binding {
        label: "j k  ↓ ↑",
        keys: &[
            (Char('j'), C::Down),
            (Code(KeyCode::Down), C::Down),
            (Char('k'), C::Up),
            (Code(KeyCode::Up), C::Up),
        ],
        help: "move the selection, or scroll a view",
        contexts: SCROLLING,
        bar: None,
    },
    Binding {
        label: "Ctrl-d Ctrl-u",
        keys: &[(Ctrl('d'), C::HalfDown), (Ctrl('u'), C::HalfUp)],
        help: "half a page down / up",
        contexts: SCROLLING,
        bar: None,
    },
    Binding {
        label: "PgDn PgUp",
        keys: &[
            (Code(KeyCode::PageDown), C::PageDown),
            (Code(KeyCode::PageUp), C::PageUp),
        ],
        help: "a page down / up",
        contexts: SCROLLING,
        bar: None,
    },
    Binding {
        label: "g G  Home End",
        keys: &[
            (Char('g'), C::Top),
            (Code(KeyCode::Home), C::Top),
            (Char('G'), C::Bottom),
            (Code(KeyCode::End), C::Bottom),
        ],
        help: "first / last row",
        contexts: SCROLLING,
        bar: None,
    },
    Binding {
        label: "Enter",
        keys: &[(Code(KeyCode::Enter), C::Open)],
        help: "open the selected item: all of its text, scrollable",
        contexts: PANES_ONLY,
        bar: Some(("open", 3)),
    },
    Binding {
        label: "/",
        keys: &[(Char('/'), C::Search)],
        help: "search tasks by id, title, owner or blocker; Enter keeps it, Esc clears it",
        contexts: PANES_ONLY,
        bar: Some(("search", 4)),
    },
    Binding {
        label: "f F",
        keys: &[(Char('f'), C::StatusNext), (Char('F'), C::StatusPrev)],
        help: "tasks: next / previous status filter",
        contexts: PANES_ONLY,
        bar: Some(("filter", 12)),
    },
    Binding {
        label: "0 … 7",
        keys: &[(Range('0', '7'), C::StatusPick)],
        help: "tasks: all, open, blocked, waiting, doing, todo, done, dropped",
        contexts: PANES_ONLY,
        bar: None,
    },
    Binding {
        label: "o",
        keys: &[(Char('o'), C::OwnerNext)],
        help: "tasks: next owner (each owner, then unowned, then all)",
        contexts: PANES_ONLY,
        bar: Some(("owner", 17)),
    },
    Binding {
        label: "c",
        keys: &[(Char('c'), C::ComponentFilter)],
        help: "tasks: only the selected component's (components pane), else the next component",
        contexts: PANES_ONLY,
        bar: None,
    },
    Binding {
        label: "s S",
        keys: &[(Char('s'), C::SortNext), (Char('S'), C::SortReverse)],
        help: "tasks: sort by file order, priority, holds up, owner, estimate, status / reverse it",
        contexts: PANES_ONLY,
        bar: Some(("sort", 13)),
    },
    Binding {
        label: "w",
        keys: &[(Char('w'), C::Forecast)],
        help: "the forecast: when, and what it rests on",
        contexts: PANES_ONLY,
        bar: Some(("forecast", 18)),
    },
    Binding {
        label: "T",
        keys: &[(Char('T'), C::Trend)],
        help: "the trend: how the forecast moved day by day; Enter on a day for its figures",
        contexts: &[PANES, PRESENT],
        bar: Some(("trend", 18)),
    },
    Binding {
        label: "Enter",
        keys: &[(Code(KeyCode::Enter), C::Open)],
        help: "trend view: the selected day's figures and how they moved, and back",
        contexts: &[VIEW],
        bar: None,
    },
    Binding {
        label: "!",
        keys: &[(Char('!'), C::Problems)],
        help: "every error and warning in the manifest, with its line and column",
        contexts: PANES_AND_VIEWS,
        bar: None,
    },
    Binding {
        label: "e",
        keys: &[(Char('e'), C::Edit)],
        help: "open $EDITOR at the selected item's line; the dashboard reloads after",
        contexts: PANES_AND_VIEWS,
        bar: Some(("edit", 11)),
    },
    Binding {
        label: "r",
        keys: &[(Char('r'), C::Reload)],
        help: "reload the manifest now, rerun commands and re-arm the file watch",
        contexts: &[PANES, PRESENT],
        bar: Some(("reload", 16)),
    },
    Binding {
        label: "t",
        keys: &[(Char('t'), C::Theme)],
        help: "next theme: dark, light, high contrast",
        contexts: &[PANES, PRESENT],
        bar: Some(("theme", 15)),
    },
    Binding {
        label: "p",
        keys: &[(Char('p'), C::Present)],
        help: "presentation mode for a screen share, and back",
        contexts: &[PANES, PRESENT],
        bar: Some(("present", 14)),
    },
    // Edits of the selected task (tasks or blockers pane, or its detail
    // view), written to the file like `readiness set`.
    Binding {
        label: "d",
        keys: &[(Char('d'), C::MarkDone)],
        help: "task: mark done (done = today, its blocker removed), written to the file",
        contexts: PANES_AND_VIEWS,
        bar: Some(("done", 5)),
    },
    Binding {
        label: "x",
        keys: &[(Char('x'), C::CycleStatus)],
        help: "task: next status (todo, doing, done, blocked; dropped only after y), written to the file",
        contexts: PANES_AND_VIEWS,
        bar: Some(("status", 6)),
    },
    Binding {
        label: "b",
        keys: &[(Char('b'), C::EditBlocker)],
        help: "task: set its blocker in a prompt (empty clears it)",
        contexts: PANES_AND_VIEWS,
        bar: Some(("blocker", 7)),
    },
    Binding {
        label: "%",
        keys: &[(Char('%'), C::EditProgress)],
        help: "task: set its progress, 0–100, in a prompt",
        contexts: PANES_AND_VIEWS,
        bar: Some(("progress", 8)),
    },
    Binding {
        label: "u",
        keys: &[(Char('u'), C::Undo)],
        help: "undo the dashboard's last edit, unless the file changed since (again: the one before)",
        contexts: PANES_AND_VIEWS,
        bar: Some(("undo", 0)),
    },
    Binding {
        label: "a",
        keys: &[(Char('a'), C::AddTask)],
        help: "add a task to the selected component (components or tasks pane): id, title, estimate, owner",
        contexts: PANES_ONLY,
        bar: Some(("add", 9)),
    },
    Binding {
        label: "→ End",
        keys: &[
            (Code(KeyCode::Right), C::KeepText),
            (Code(KeyCode::End), C::KeepText),
        ],
        help: "keep the value shown and type after it (typing replaces it)",
        contexts: &[PROMPT],
        bar: None,
    },
    Binding {
        label: "Enter",
        keys: &[(Code(KeyCode::Enter), C::Submit)],
        help: "write the edit to the file",
        contexts: &[PROMPT],
        bar: Some(("write", 0)),
    },
    // While typing a search, other characters go into the query.
    Binding {
        label: "Enter",
        keys: &[(Code(KeyCode::Enter), C::Keep)],
        help: "keep the search and go back to the list",
        contexts: &[SEARCH],
        bar: Some(("keep", 0)),
    },
    Binding {
        label: "Backspace",
        keys: &[(Code(KeyCode::Backspace), C::DeleteChar)],
        help: "delete the last character",
        contexts: &[SEARCH, PROMPT],
        bar: None,
    },
    Binding {
        label: "Ctrl-U",
        keys: &[(Ctrl('u'), C::Erase)],
        help: "clear what is typed",
        contexts: &[SEARCH, PROMPT],
        bar: None,
    },
    Binding {
        label: "↓ ↑",
        keys: &[(Code(KeyCode::Down), C::Down), (Code(KeyCode::Up), C::Up)],
        help: "move the selection in the tasks found",
        contexts: &[SEARCH],
        bar: None,
    },
];

/// The command `key` runs in `context`.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .flat_map(|b| b.keys.iter())
        .find(|(k, _)| k.matches(key))
        .map(|&(_, command)| command)
}

/// The bindings that apply in `context`, in help order.
pub fn help(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context))
}

/// The key bar's entries for `context`, most important first: (key, word).
pub fn bar(context: Context) -> Vec<(&'static str, &'static str)> {
    bar_where(context, |_| true)
}

/// [`bar`], only the keys `offered` says apply now (an edit where a task
/// is selected, undo where there is an edit to undo).
pub fn bar_where(
    context: Context,
    offered: impl Fn(Command) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let mut entries: Vec<(u8, &str, &str)> = help(context)
        .filter(|b| b.keys.first().is_some_and(|&(_, c)| offered(c)))
        .filter_map(|b| b.bar.map(|(word, rank)| (rank, b.label, word)))
        .collect();
    entries.sort_by_key(|&(rank, ..)| rank);
    entries
        .into_iter()
        .map(|(_, label, word)| (label.split_whitespace().next().unwrap_or(label), word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in [PANES, PRESENT, VIEW, HELP, SEARCH, PROMPT] {
            let keys: Vec<(Key, Command)> =
                help(context).flat_map(|b| b.keys.iter().copied()).collect();
            for (i, (a, _)) in keys.iter().enumerate() {
                for (b, _) in &keys[i + 1..] {
                    assert_ne!(a, b, "{a:?} bound twice in {context:?}");
                }
            }
        }
    }

    #[test]
    fn search_keys_edit_the_query() {
        let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(lookup(SEARCH, &backspace), Some(Command::DeleteChar));
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(SEARCH, &j), None, "typed, not a command");
    }

    #[test]
    fn esc_never_quits_anywhere() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        for context in [PANES, PRESENT, VIEW, HELP, SEARCH, PROMPT] {
            assert_ne!(lookup(context, &esc), Some(Command::Quit), "{context:?}");
        }
    }
}

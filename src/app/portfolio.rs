//! The portfolio dashboard's state (docs/portfolio.md, "The dashboard"):
//! the members as they arrive, the roll-up and its view rebuilt with each,
//! the selected row (kept by path when rows come and go), and what a key
//! asks for — move, open a project, reload, quit. No file, clock or
//! terminal here: the loop in `crate::live::portfolio` feeds it.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::portfolio::{Member, RollUp};
use crate::view::portfolio::PortfolioView;

/// What a key asks the loop for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortfolioAction {
    None,
    Redraw,
    /// Open the project of this member (its index) in its own dashboard.
    Open(usize),
    /// Read every member again.
    Reload,
    Quit,
    Suspend,
}

/// The portfolio as the dashboard holds it.
#[derive(Debug)]
pub struct PortfolioApp {
    today: NaiveDate,
    /// Every member in order, `None` until it arrives.
    members: Vec<Option<Member>>,
    /// Whether each member is complete (its trials run).
    complete: Vec<bool>,
    /// The view of the members arrived so far, and which member each row is.
    view: PortfolioView,
    rows: Vec<usize>,
    /// The selected row.
    selected: usize,
    /// The user moved the selection: it stays on its member as rows come;
    /// until then it stays on the first row.
    chosen: bool,
}

impl PortfolioApp {
    /// `count` members still to come.
    pub fn new(today: NaiveDate, count: usize) -> PortfolioApp {
        let mut app = PortfolioApp {
            today,
            members: vec![None; count],
            complete: vec![false; count],
            view: PortfolioView::of(&RollUp::of(today, Vec::new())),
            rows: Vec::new(),
            selected: 0,
            chosen: false,
        };
        app.rebuild();
        app
    }

    /// A member arrived or was computed again; `complete` when its trials
    /// ran (a manifest arrives first without them).
    pub fn on_member(&mut self, index: usize, member: Member, complete: bool) {
        let Some(slot) = self.members.get_mut(index) else {
            return;
        };
        *slot = Some(member);
        self.complete[index] = complete;
        self.rebuild();
    }

    /// The date rolled over: the roll-up is as of the new day (the members
    /// are computed again by the loop).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
        self.rebuild();
    }

    /// The roll-up and its view over the members arrived so far, the
    /// selection kept on the same member.
    fn rebuild(&mut self) {
        let kept = self.rows.get(self.selected).copied();
        self.rows = (0..self.members.len())
            .filter(|&i| self.members[i].is_some())
            .collect();
        let members: Vec<Member> = self.members.iter().flatten().cloned().collect();
        self.view = PortfolioView::of(&RollUp::of(self.today, members));
        if let Some(kept) = kept.filter(|_| self.chosen) {
            self.selected = self.rows.iter().position(|&i| i == kept).unwrap_or(0);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn view(&self) -> &PortfolioView {
        &self.view
    }

    /// What the frame draws beside the view.
    pub fn frame_state(&self) -> crate::ui::portfolio::State {
        crate::ui::portfolio::State {
            selected: self.selected,
            pending: self.pending(),
        }
    }

    /// Members still being computed.
    pub fn pending(&self) -> usize {
        self.complete.iter().filter(|c| !**c).count()
    }

    /// A key: `j`/`k`/arrows move, `g`/`G` jump, `Enter` opens the selected
    /// project, `r` reloads, `q` and Ctrl-C quit, Ctrl-Z suspends; `Esc`
    /// has nothing to back out of here and never quits.
    pub fn on_key(&mut self, key: KeyEvent) -> PortfolioAction {
        if key.kind == KeyEventKind::Release {
            return PortfolioAction::None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.rows.len().saturating_sub(1);
        let before = self.selected;
        match key.code {
            KeyCode::Char('c') if ctrl => return PortfolioAction::Quit,
            KeyCode::Char('z') if ctrl => return PortfolioAction::Suspend,
            KeyCode::Char('d') if ctrl => self.selected = (self.selected + 10).min(last),
            KeyCode::Char('u') if ctrl => self.selected = self.selected.saturating_sub(10),
            KeyCode::Char('q') => return PortfolioAction::Quit,
            KeyCode::Char('r') => return PortfolioAction::Reload,
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::PageDown => self.selected = (self.selected + 10).min(last),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::Enter => {
                return match self.rows.get(self.selected) {
                    Some(&member) => PortfolioAction::Open(member),
                    None => PortfolioAction::None,
                };
            }
            _ => return PortfolioAction::None,
        }
        if self.selected == before {
            PortfolioAction::None
        } else {
            self.chosen = true;
            PortfolioAction::Redraw
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::FailureKind;

    fn failed(path: &str) -> Member {
        Member::failed(path, FailureKind::Missing, "gone")
    }

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn rows_arrive_in_order_and_a_chosen_selection_stays_on_its_member() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut app = PortfolioApp::new(today, 3);
        assert!(app.view().rows.is_empty());
        app.on_member(2, failed("c/readiness.toml"), true);
        app.on_member(0, failed("a/readiness.toml"), true);
        assert_eq!(app.view().rows.len(), 2);
        assert_eq!(app.pending(), 1);
        // Until a key moves it, the selection is the first row.
        assert_eq!(app.on_key(key(KeyCode::Enter)), PortfolioAction::Open(0));
        assert_eq!(app.on_key(key(KeyCode::Char('k'))), PortfolioAction::None);
        assert_eq!(app.on_key(key(KeyCode::Char('j'))), PortfolioAction::Redraw);
        // b arrives between a and c: the selection stays on c.
        app.on_member(1, failed("b/readiness.toml"), true);
        assert_eq!(app.on_key(key(KeyCode::Enter)), PortfolioAction::Open(2));
        assert_eq!(app.pending(), 0);
        assert_eq!(app.on_key(key(KeyCode::Esc)), PortfolioAction::None);
        assert_eq!(app.on_key(key(KeyCode::Char('q'))), PortfolioAction::Quit);
    }
}

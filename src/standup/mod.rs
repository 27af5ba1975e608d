//! Standup mode's pure core: [`since`] — what changed since the last working
//! day, from the manifest now and as it stood then, and [`causes`] — why the
//! forecast's answer moved, class of change by class ([`replay`]) — and
//! [`burnup`] — done and scope over time with the forecast cone. No git, file or clock here:
//! [`crate::history`] is the shell that reads the file's past.

pub mod burnup;
pub mod causes;
pub mod replay;
pub mod since;

pub use burnup::ScopePoint;
pub use causes::{Cause, Causes, Change, Kind};
pub use since::{Baseline, GateChange, Since, Source};

/// Everything standup mode adds to a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Standup {
    pub since: Since,
    /// The scope (tasks not dropped) at the end of each day the file was
    /// committed, oldest first; empty without git history.
    pub scope: Vec<ScopePoint>,
    /// The forecast's history over the last working days, once read
    /// ([`crate::history::trend`]); its today's point is replaced by the
    /// snapshot shown when the view is built.
    pub trend: Option<std::sync::Arc<crate::trend::Trend>>,
}

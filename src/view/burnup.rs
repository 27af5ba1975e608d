//! The burn-up's data ([`crate::standup::burnup`]) with the phrases its
//! legend and summary print — the same done count as the tasks pane, the
//! same percentiles as the forecast.

use super::figure::date;
use super::forecast::ForecastView;
use super::tasks::Tasks;
use crate::model::Snapshot;
use crate::standup::ScopePoint;
use crate::standup::burnup::{BurnUp, burnup};

#[derive(Debug, Clone, PartialEq)]
pub struct BurnUpView {
    pub data: BurnUp,
    /// `18 of 43 tasks done`
    pub done: String,
    /// `+3 done in 7 days`
    pub last_week: String,
    /// The forecast's percentiles, the cone's edges.
    pub cone: Option<String>,
    /// `target 2026-12-18`
    pub target: Option<String>,
    /// What the scope line is: `scope` (from the file's history) or
    /// `scope (today's)` drawn flat.
    pub scope_label: &'static str,
}

impl BurnUpView {
    /// `None` when there is nothing to draw.
    pub fn of(
        s: &Snapshot,
        history: &[ScopePoint],
        tasks: &Tasks,
        forecast: &ForecastView,
    ) -> Option<BurnUpView> {
        let data = burnup(s, history)?;
        Some(BurnUpView {
            done: tasks.done_phrase.clone(),
            last_week: format!("+{} done in 7 days", data.last_week),
            cone: forecast.percentiles.clone(),
            target: data.target.map(|d| format!("target {}", date(d))),
            scope_label: if data.scope_from_history {
                "scope"
            } else {
                "scope (today's)"
            },
            data,
        })
    }
}

//! `readiness`: release readiness computed from the work itself.
//!
//! The core is pure — [`manifest`] (text to a validated manifest), [`model`]
//! (figures, gates, blockers) and [`forecast`] (calendar and schedule) turn
//! `(manifest text, today)` into a [`model::Snapshot`] with no file, clock or
//! terminal inside. [`report`] draws a snapshot as text, markdown or JSON;
//! [`cli`] is the thin shell that reads files and the clock.
//! [`live`] runs the dashboard: [`event`]s from [`watch`], the terminal
//! ([`terminal`]) and timers drive the [`app`] state that [`ui`] draws.

pub mod app;
pub mod cli;
pub mod collect;
pub mod edit;
pub mod edit_file;
pub mod event;
pub mod evidence;
pub mod exit;

pub use model::{Options, Snapshot, evaluate, evaluate_with};
pub mod forecast;
pub mod history;
pub mod import;
pub mod json_schema;
pub mod live;
pub mod manifest;
pub mod manifest_file;
pub mod members;
pub mod model;
pub mod portfolio;
pub mod reference;
pub mod report;
pub mod sink;
pub mod standup;
pub mod terminal;
pub mod trend;
pub mod ui;
pub mod view;
pub mod watch;

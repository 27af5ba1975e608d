//! Reports: the [`crate::view::View`] laid out as plain text or markdown,
//! the one-line verdict of `check`, and the snapshot as JSON (the stable
//! format of docs/cli.md, "The JSON report").

pub mod fit;
pub mod json;
pub mod markdown;
pub mod portfolio;
pub mod since;
pub mod text;
pub mod trend;
pub mod verdict;

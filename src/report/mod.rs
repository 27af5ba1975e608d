//! Reports: a snapshot drawn as plain text, markdown or JSON (SPEC §3.1),
//! and the one-line verdict.

pub mod json;
pub mod markdown;
pub mod since;
pub mod text;
pub mod verdict;

/// What a blocked task without a `blocker` text shows as its reason.
pub const NO_REASON: &str = "status blocked (no reason given)";

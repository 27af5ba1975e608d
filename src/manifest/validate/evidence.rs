//! Validation of the evidence criteria (docs/manifest.md, "Gate criteria"):
//! `junit` with
//! `min_tests`/`min_pass_rate`, `coverage` with `min`, `command` with
//! `timeout`. Only the text is checked here; the files and the command are
//! the shell's business.

use std::time::Duration;

use super::super::diagnostics::written;
use super::super::raw::{RawGate, S};
use super::super::schema::Criterion;
use super::Validator;

/// Tests a `junit` gate needs when `min_tests` is not given.
pub const DEFAULT_MIN_TESTS: u64 = 1;
/// Pass rate (percent) a `junit` gate needs when `min_pass_rate` is not given.
pub const DEFAULT_MIN_PASS_RATE: f64 = 100.0;
/// A command's time limit when `timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest `timeout` accepted (a day): past that it is a typo.
pub const MAX_TIMEOUT_SECS: f64 = 86_400.0;
/// The most tests `min_tests` may ask for.
const MAX_MIN_TESTS: i64 = 1_000_000_000;

impl Validator<'_, '_> {
    /// Reports `min_tests`, `min_pass_rate` and `timeout` on gates of another kind.
    pub(super) fn stray_evidence_keys(&mut self, g: &RawGate) {
        if g.junit.is_none() {
            if let Some(v) = &g.min_tests {
                self.error("`min_tests` belongs to a `junit` gate", v.span());
            }
            if let Some(v) = &g.min_pass_rate {
                self.error("`min_pass_rate` belongs to a `junit` gate", v.span());
            }
        }
        if let (Some(v), None) = (&g.timeout, &g.command) {
            self.error("`timeout` belongs to a `command` gate", v.span());
        }
    }

    /// The gate's evidence criterion; `None` when it has none or it is invalid
    /// (reported). Called once the gate is known to have exactly one criterion.
    pub(super) fn evidence_criterion(&mut self, g: &RawGate, id: &str) -> Option<Criterion> {
        if let Some(pattern) = &g.junit {
            let pattern = self.pattern(pattern, "junit", "a path or glob", true)?;
            let min_tests = match &g.min_tests {
                None => Some(DEFAULT_MIN_TESTS),
                Some(v) => self.min_tests(v),
            };
            let min_pass_rate = match &g.min_pass_rate {
                None => Some(DEFAULT_MIN_PASS_RATE),
                Some(v) => self.in_range(v, "min_pass_rate", 0.0, 100.0),
            };
            return Some(Criterion::Junit {
                pattern,
                min_tests: min_tests?,
                min_pass_rate: min_pass_rate?,
            });
        }
        if let Some(path) = &g.coverage {
            let path = self.pattern(path, "coverage", "a path", false);
            let Some(min) = &g.min else {
                self.error(
                    format!("coverage gate `{id}` needs `min`, the lowest passing percent of lines covered"),
                    g.coverage.as_ref()?.span(),
                );
                return None;
            };
            let min = self.in_range(min, "min", 0.0, 100.0);
            return Some(Criterion::Coverage {
                path: path?,
                min: min?,
            });
        }
        let command = g.command.as_ref()?;
        if command.get_ref().trim().is_empty() {
            self.error(
                "`command` is empty: give the shell command to run",
                command.span(),
            );
            return None;
        }
        let timeout = match &g.timeout {
            None => Some(DEFAULT_TIMEOUT),
            Some(v) => self.timeout(v),
        };
        Some(Criterion::Command {
            command: command.get_ref().clone(),
            timeout: timeout?,
        })
    }

    /// A non-empty path; a glob (when `glob`) must be well formed.
    fn pattern(&mut self, value: &S<String>, key: &str, what: &str, glob: bool) -> Option<String> {
        let text = value.get_ref();
        if text.trim().is_empty() {
            self.error(format!("`{key}` is empty: give {what}"), value.span());
            return None;
        }
        if let Some(e) = glob
            .then(|| crate::collect::glob::glob(text).err())
            .flatten()
        {
            self.error(format!("`{key}` is not a valid glob: {e}"), value.span());
            return None;
        }
        Some(text.clone())
    }

    fn min_tests(&mut self, value: &S<i64>) -> Option<u64> {
        let n = *value.get_ref();
        if (0..=MAX_MIN_TESTS).contains(&n) {
            u64::try_from(n).ok()
        } else {
            self.error(
                format!("`min_tests` must be a whole number from 0 to {MAX_MIN_TESTS}, found {n}"),
                value.span(),
            );
            None
        }
    }

    fn timeout(&mut self, value: &S<f64>) -> Option<Duration> {
        let secs = *value.get_ref();
        if secs.is_finite() && secs > 0.0 && secs <= MAX_TIMEOUT_SECS {
            Some(Duration::from_secs_f64(secs))
        } else {
            self.error(
                format!(
                    "`timeout` must be more than 0 and at most {MAX_TIMEOUT_SECS} seconds, found {}",
                    written(secs)
                ),
                value.span(),
            );
            None
        }
    }
}

//! The thin shell around standup mode's pure core: reads the manifest's past
//! from git ([`git`]) — the version at the end of the comparison day, and
//! the scope on each day for the burn-up — and hands the texts to
//! [`crate::standup`]. Without git, a repository or a commit before that
//! day, the comparison falls back to `done` dates and says why.
//!
//! The end of a day is midnight in the local time zone of the machine
//! running `readiness` (`TZ` applies). A [`Reader`] keeps what it read while
//! `HEAD` stays put, so the dashboard re-reads only the file's text on a
//! save.

pub mod git;

use std::path::Path;

use chrono::{Days, Local, NaiveDate, TimeZone};

use crate::model::Snapshot;
use crate::standup::{self, Baseline, ScopePoint, Since, Standup, since};
use git::{File, GitError, Version};

/// Seconds since the epoch at the last second of `day`, local time.
pub fn end_of_day(day: NaiveDate) -> i64 {
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    let midnight = next.and_time(chrono::NaiveTime::MIN);
    let start = Local
        .from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.timestamp())
        // A day whose midnight does not exist locally (a DST gap): UTC's.
        .unwrap_or_else(|| midnight.and_utc().timestamp());
    start - 1
}

/// The baseline a reader found: its commit and the file's text then.
type Found = Result<Option<(Version, String)>, GitError>;

/// Reads the file's history for standup mode, remembering it per `HEAD`.
#[derive(Debug, Default)]
pub struct Reader {
    /// The baseline last read: (HEAD, from day) → version and text.
    baseline: Option<(String, NaiveDate, Found)>,
    /// The scope history last read, per HEAD.
    scope: Option<(String, Vec<ScopePoint>)>,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// `since` for the file's text now (as of `today`), and the scope
    /// history when `with_scope`; `None` when the text does not load.
    ///
    /// Both sides are evaluated by the pure core alone, with one Monte Carlo
    /// trial (only the deterministic finish is compared) and without
    /// evidence files: those are today's, and the past cannot be judged by
    /// them, so an evidence gate never shows as changed.
    pub fn standup(
        &mut self,
        path: &Path,
        now_text: &str,
        today: NaiveDate,
        since_day: Option<NaiveDate>,
        with_scope: bool,
    ) -> Option<Standup> {
        let now = crate::model::evaluate_with(now_text, today, since::baseline_options()).ok()?;
        Some(self.standup_of(path, &now, since_day, with_scope))
    }

    /// [`Reader::standup`] of a snapshot already evaluated by the pure core.
    pub fn standup_of(
        &mut self,
        path: &Path,
        now: &Snapshot,
        since_day: Option<NaiveDate>,
        with_scope: bool,
    ) -> Standup {
        let from = since::from_day(&now.manifest.calendar, now.today, since_day);
        let file = File::open(path);
        let head = file.as_ref().ok().and_then(File::head);
        let since = self.since(&file, head.as_deref(), now, from);
        let scope = match (&file, with_scope) {
            (Ok(file), true) => self.scope(file, head.as_deref()),
            _ => Vec::new(),
        };
        Standup { since, scope }
    }

    fn since(
        &mut self,
        file: &Result<File, GitError>,
        head: Option<&str>,
        now: &Snapshot,
        from: NaiveDate,
    ) -> Since {
        let file = match file {
            Ok(file) => file,
            Err(e) => {
                return since::since(
                    now,
                    Baseline::None {
                        reason: &e.to_string(),
                    },
                    from,
                );
            }
        };
        let cached = match (&self.baseline, head) {
            (Some((h, f, read)), Some(head)) if h == head && *f == from => Some(read.clone()),
            _ => None,
        };
        let read = cached.unwrap_or_else(|| {
            file.last_before(end_of_day(from))
                .and_then(|v| v.map(|v| file.text(&v).map(|t| (v, t))).transpose())
        });
        if let Some(head) = head {
            self.baseline = Some((head.to_owned(), from, read.clone()));
        }
        match &read {
            Ok(Some((v, text))) => since::since(
                now,
                Baseline::Git {
                    text,
                    commit: &v.commit,
                    path: &v.path,
                    date: v.date,
                },
                from,
            ),
            Ok(None) => {
                let reason = format!("no commit of the file on or before {from}");
                since::since(now, Baseline::None { reason: &reason }, from)
            }
            Err(e) => since::since(
                now,
                Baseline::None {
                    reason: &e.to_string(),
                },
                from,
            ),
        }
    }

    fn scope(&mut self, file: &File, head: Option<&str>) -> Vec<ScopePoint> {
        if let (Some((h, points)), Some(head)) = (&self.scope, head) {
            if h == head {
                return points.clone();
            }
        }
        let points = read_scope(file).unwrap_or_default();
        if let Some(head) = head {
            self.scope = Some((head.to_owned(), points.clone()));
        }
        points
    }
}

/// The scope at the end of each day the file was committed.
fn read_scope(file: &File) -> Result<Vec<ScopePoint>, GitError> {
    // Newest first: the first version seen of a day is its last.
    let mut daily: Vec<Version> = Vec::new();
    for v in file.versions()? {
        if daily.last().is_none_or(|last| last.date != v.date) {
            daily.push(v);
        }
    }
    let texts = file.texts(&daily)?;
    Ok(standup::burnup::scope_history(
        daily
            .iter()
            .zip(&texts)
            .filter_map(|(v, t)| t.as_deref().map(|t| (v.date, t))),
    ))
}

/// One-off [`Reader::standup_of`].
pub fn standup(
    path: &Path,
    now: &Snapshot,
    since_day: Option<NaiveDate>,
    with_scope: bool,
) -> Standup {
    Reader::new().standup_of(path, now, since_day, with_scope)
}

/// One-off [`Reader::standup`]: the command line's, from the file's text.
pub fn standup_of_text(
    path: &Path,
    now_text: &str,
    today: NaiveDate,
    since_day: Option<NaiveDate>,
    with_scope: bool,
) -> Option<Standup> {
    Reader::new().standup(path, now_text, today, since_day, with_scope)
}

//! The thin shell around standup mode's pure core: reads the manifest's past
//! from its git repository in-process ([`git`], with gix: nothing the
//! repository's configuration names can run, docs/trust.md) — the version at
//! the end of the comparison day, and
//! the scope on each day for the burn-up — and hands the texts to
//! [`crate::standup`]. Without git, a repository or a commit before that
//! day, the comparison falls back to `done` dates and says why.
//!
//! The end of a day is midnight in the local time zone of the machine
//! running `readiness` (`TZ` applies). A [`Reader`] keeps what it read — the
//! file's commits, the evaluated baseline and the scope — while `HEAD` stays
//! put, so a save costs the comparison alone.

pub mod follow;
pub mod git;
pub mod repository;
pub mod trend;

use std::path::Path;
use std::sync::Arc;

use chrono::{Days, Local, NaiveDate, TimeZone};

use crate::model::{Options, Snapshot};
use crate::standup::{self, ScopePoint, Since, Standup, since};
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

/// The file's commits as read once per `HEAD`, shared by the baseline and
/// the scope history.
type Versions = Result<Arc<[Version]>, GitError>;

/// The baseline a reader found: its commit and the file's text then,
/// evaluated as of the comparison day (`None` when that text does not load).
type Found = Result<Option<(Version, Option<Snapshot>)>, GitError>;

/// What the cached baseline was read for: `HEAD`, the comparison day and the
/// options it was evaluated with.
type BaselineKey = (String, NaiveDate, Options);

/// Reads the file's history for standup mode, remembering it per `HEAD`.
#[derive(Debug, Default)]
pub struct Reader {
    /// The commits last read, per HEAD.
    versions: Option<(String, Versions)>,
    /// The baseline last read and evaluated, per (HEAD, from day, options).
    baseline: Option<(BaselineKey, Found)>,
    /// The scope history last read, per HEAD.
    scope: Option<(String, Vec<ScopePoint>)>,
    /// The trend's points computed so far, per version and day.
    points: trend::Points,
}

impl Reader {
    pub fn new() -> Reader {
        Reader::default()
    }

    /// [`Reader::standup_of`] for the file's text now (as of `today`),
    /// evaluated here by the pure core alone — without evidence files, with
    /// the default options; `None` when the text does not load. The shells
    /// have the snapshot they show at hand and call `standup_of` with it.
    pub fn standup(
        &mut self,
        path: &Path,
        now_text: &str,
        today: NaiveDate,
        since_day: Option<NaiveDate>,
        with_scope: bool,
    ) -> Option<Standup> {
        let options = Options::default();
        let now = crate::model::evaluate_with(now_text, today, options).ok()?;
        Some(self.standup_of(path, &now, options, since_day, with_scope))
    }

    /// `since` for a snapshot `now` evaluated with `options` (the one on
    /// screen or in the report), and the scope history when `with_scope`.
    ///
    /// The baseline is evaluated by the pure core with the same options, so
    /// the finish is drawn the same way on both sides, and without evidence
    /// files: those are today's, and the past cannot be judged by them, so
    /// evidence gates are not compared.
    pub fn standup_of(
        &mut self,
        path: &Path,
        now: &Snapshot,
        options: Options,
        since_day: Option<NaiveDate>,
        with_scope: bool,
    ) -> Standup {
        let from = since::from_day(&now.manifest.calendar, now.today, since_day);
        let file = File::open(path);
        let head = file.as_ref().ok().and_then(File::head);
        let since = match &file {
            Ok(file) => self.since(file, head.as_deref(), now, options, from),
            Err(e) => since::from_done_dates(now, from, e.to_string()),
        };
        let scope = match (&file, with_scope) {
            (Ok(file), true) => self.scope(file, head.as_deref()),
            _ => Vec::new(),
        };
        Standup {
            since,
            scope,
            trend: None,
        }
    }

    /// The file's commits, read once per `HEAD` (every time without one).
    fn versions(&mut self, file: &File, head: Option<&str>) -> Versions {
        if let (Some((h, versions)), Some(head)) = (&self.versions, head)
            && h == head
        {
            return versions.clone();
        }
        let versions: Versions = file.versions().map(Arc::from);
        if let Some(head) = head {
            self.versions = Some((head.to_owned(), versions.clone()));
        }
        versions
    }

    fn since(
        &mut self,
        file: &File,
        head: Option<&str>,
        now: &Snapshot,
        options: Options,
        from: NaiveDate,
    ) -> Since {
        // Without a HEAD nothing is remembered.
        let key = head.map(|head| (head.to_owned(), from, options));
        let found = match self.baseline.take() {
            Some((k, found)) if key.as_ref() == Some(&k) => found,
            _ => self.versions(file, head).and_then(|versions| {
                let Some(v) = git::last_before(&versions, end_of_day(from)) else {
                    return Ok(None);
                };
                let text = file.text(v)?;
                let old = since::evaluate_baseline(&text, from, options);
                Ok(Some((v.clone(), old)))
            }),
        };
        let since = match &found {
            Ok(Some((v, old))) => {
                since::since_git(now, old.as_ref(), &v.commit, &v.path, v.date, from, options)
            }
            Ok(None) => {
                let reason = format!("no commit of the file on or before {from}");
                since::from_done_dates(now, from, reason)
            }
            Err(e) => since::from_done_dates(now, from, e.to_string()),
        };
        if let Some(key) = key {
            self.baseline = Some((key, found));
        }
        since
    }

    fn scope(&mut self, file: &File, head: Option<&str>) -> Vec<ScopePoint> {
        if let (Some((h, points)), Some(head)) = (&self.scope, head)
            && h == head
        {
            return points.clone();
        }
        let points = self
            .versions(file, head)
            .and_then(|versions| read_scope(file, &versions))
            .unwrap_or_default();
        if let Some(head) = head {
            self.scope = Some((head.to_owned(), points.clone()));
        }
        points
    }
}

/// The scope at the end of each day the file was committed.
fn read_scope(file: &File, versions: &[Version]) -> Result<Vec<ScopePoint>, GitError> {
    // Newest first: the first version seen of a day is its last.
    let mut daily: Vec<Version> = Vec::new();
    for v in versions {
        if daily.last().is_none_or(|last| last.date != v.date) {
            daily.push(v.clone());
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

/// One-off [`Reader::standup_of`]: the command line's, with the snapshot
/// it prints.
pub fn standup(
    path: &Path,
    now: &Snapshot,
    options: Options,
    since_day: Option<NaiveDate>,
    with_scope: bool,
) -> Standup {
    Reader::new().standup_of(path, now, options, since_day, with_scope)
}

/// One-off [`Reader::standup`], from the file's text alone.
pub fn standup_of_text(
    path: &Path,
    now_text: &str,
    today: NaiveDate,
    since_day: Option<NaiveDate>,
    with_scope: bool,
) -> Option<Standup> {
    Reader::new().standup(path, now_text, today, since_day, with_scope)
}

//! The trend's shell (docs/trend.md): for each day of the window, the
//! version of the manifest at the end of that day, read in-process from its
//! git history with the same reader as `since` and the burn-up (nothing the
//! repository's configuration names can run, docs/trust.md), and forecast
//! by the pure core ([`crate::trend`]) with that day as today.
//!
//! Versions are found by the file's commits (read once per `HEAD`);
//! their texts are read once per blob, in batches of at most
//! [`BATCH_BYTES`], evaluated in parallel and dropped; each (blob, day)
//! point is kept ([`Points`]), so with `HEAD` unchanged a save in the
//! dashboard costs today's point alone — the snapshot on screen. A day
//! whose version cannot be read or forecast is marked with why, never
//! skipped: before the file existed, beyond a shallow clone's boundary,
//! deleted, too large, not UTF-8, invalid.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use gix::ObjectId;
use rayon::prelude::*;

use super::git::{self, File, Version};
use super::{Reader, end_of_day};
use crate::manifest::{Calendar, Manifest};
use crate::model::{Options, Snapshot};
use crate::standup::{Causes, causes};
use crate::trend::{Figures, Gap, Point, Source, Trend, figures_of};

/// The most bytes of versions held at once while their points are
/// computed: two huge versions, or thousands of ordinary ones.
pub const BATCH_BYTES: u64 = 128 * 1024 * 1024;

/// The most points kept between runs (a few windows' worth).
const MAX_POINTS: usize = 20_000;

/// The points computed so far: a version's blob forecast on a day, with
/// the options they were all computed with.
#[derive(Debug, Default)]
pub struct Points {
    options: Option<Options>,
    map: HashMap<(ObjectId, NaiveDate), Result<Figures, Gap>>,
    /// The causes measured between two past versions, each on its day.
    causes: HashMap<Pair, Option<Causes>>,
}

/// A day's move between two past versions: (old blob, its day, new blob,
/// its day).
type Pair = (ObjectId, NaiveDate, ObjectId, NaiveDate);

/// Where a day's version came from, for measuring its move's causes.
#[derive(Debug, Clone, Copy)]
enum Side {
    Blob(ObjectId),
    /// The file as it is now: the snapshot's manifest.
    Now,
}

/// One move to measure: day `k` from day `j`.
struct Job {
    k: usize,
    j: usize,
    old: ObjectId,
    new: Side,
    answers: ((NaiveDate, NaiveDate), (NaiveDate, NaiveDate)),
}

impl Reader {
    /// The trend over `days` (oldest first; see [`crate::trend::window`]):
    /// each day's version of the file at `path`, forecast with `options`;
    /// on `now.today`, the snapshot `now` itself (the file as it is, as
    /// shown or reported). Days are measured by `calendar` (today's).
    pub fn trend(
        &mut self,
        path: &Path,
        now: &Snapshot,
        days: &[NaiveDate],
        options: Options,
    ) -> Trend {
        let calendar: &Calendar = &now.manifest.calendar;
        let past: Vec<NaiveDate> = days.iter().copied().filter(|d| *d != now.today).collect();
        let mut found = self.past_points(path, &past, options);
        let (points, sides): (Vec<Point>, Vec<Option<Side>>) = days
            .iter()
            .map(|&day| {
                if day == now.today {
                    let point = Point {
                        day,
                        source: Some(Source::Now),
                        figures: Ok(Figures::of(now)),
                    };
                    (point, Some(Side::Now))
                } else {
                    let (point, blob) = found.remove(&day).unwrap_or((
                        Point {
                            day,
                            source: None,
                            figures: Err(Gap::NotYet),
                        },
                        None,
                    ));
                    (point, blob.map(Side::Blob))
                }
            })
            .unzip();
        let mut trend = Trend::new(points, calendar, options);
        trend.causes = self.causes(path, &trend, &sides, now, options);
        trend
    }

    /// Why each day moved (docs/trend.md, "Why a day moved"): for each day
    /// whose P50 or P85 moved, the replay from the last day with figures —
    /// its version as of its day — to this day's, as `since` measures a
    /// move, counted in today's calendar. Versions are read again, a batch
    /// of at most [`BATCH_BYTES`] at a time; moves between past versions
    /// are remembered, so a save measures today's move alone.
    fn causes(
        &mut self,
        path: &Path,
        trend: &Trend,
        sides: &[Option<Side>],
        now: &Snapshot,
        options: Options,
    ) -> Vec<Option<Causes>> {
        let mut out = vec![None; trend.points.len()];
        let answer = |k: usize| {
            let f = trend.points[k].figures.as_ref().ok()?;
            Some((f.p50?, f.p85?))
        };
        let day = |k: usize| trend.points[k].day;
        let mut jobs = Vec::new();
        for (k, j) in trend.moved_pairs() {
            let (Some(Side::Blob(old)), Some(new)) = (sides[j], sides[k]) else {
                continue;
            };
            let (Some(then), Some(end)) = (answer(j), answer(k)) else {
                continue;
            };
            if let Side::Blob(new) = new
                && let Some(known) = self.points.causes.get(&(old, day(j), new, day(k)))
            {
                out[k] = known.clone();
                continue;
            }
            jobs.push(Job {
                k,
                j,
                old,
                new,
                answers: (then, end),
            });
        }
        if jobs.is_empty() {
            return out;
        }
        let Ok(file) = File::open(path) else {
            return out;
        };
        let calendar = &now.manifest.calendar;
        for batch in job_batches(&file, jobs) {
            let blobs = versions_of(&batch);
            let Ok(texts) = file.blob_texts(&blobs) else {
                continue;
            };
            let manifests: HashMap<ObjectId, Manifest> = blobs
                .par_iter()
                .zip(texts.into_par_iter())
                .filter_map(|(blob, text)| {
                    let checked = crate::manifest::load(&text.ok()?).ok()?;
                    Some((*blob, checked.manifest))
                })
                .collect();
            let measured: Vec<(usize, Option<Causes>)> = batch
                .par_iter()
                .map(|job| {
                    let old = manifests.get(&job.old);
                    let new = match job.new {
                        Side::Blob(b) => manifests.get(&b),
                        Side::Now => Some(&now.manifest),
                    };
                    let causes = old.zip(new).map(|(old, new)| {
                        causes::between(
                            (old, day(job.j)),
                            (new, day(job.k)),
                            job.answers,
                            calendar,
                            options,
                        )
                    });
                    (job.k, causes)
                })
                .collect();
            for (job, (k, causes)) in batch.iter().zip(measured) {
                if let Side::Blob(new) = job.new {
                    if self.points.causes.len() >= MAX_POINTS {
                        self.points.causes.clear();
                    }
                    self.points
                        .causes
                        .insert((job.old, day(job.j), new, day(k)), causes.clone());
                }
                out[k] = causes;
            }
        }
        out
    }

    /// The points of past days from the file's history, by day.
    fn past_points(
        &mut self,
        path: &Path,
        days: &[NaiveDate],
        options: Options,
    ) -> HashMap<NaiveDate, (Point, Option<ObjectId>)> {
        let gap_all = |gap: Gap| {
            days.iter()
                .map(|&day| {
                    let point = Point {
                        day,
                        source: None,
                        figures: Err(gap.clone()),
                    };
                    (day, (point, None))
                })
                .collect()
        };
        if days.is_empty() {
            return HashMap::new();
        }
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) => return gap_all(Gap::NoHistory(e.to_string())),
        };
        let head = file.head();
        let versions = match self.versions(&file, head.as_deref()) {
            Ok(v) => v,
            Err(e) => return gap_all(Gap::NoHistory(e.to_string())),
        };
        // The oldest version at a shallow boundary: the days before it are
        // unknown, not "before the file existed".
        let shallow = versions.last().is_some_and(|oldest| {
            file.shallow_boundary()
                .is_ok_and(|b| b.contains(&oldest.commit))
        });
        if self.points.options != Some(options) {
            self.points = Points {
                options: Some(options),
                ..Points::default()
            };
        }
        let mut out = HashMap::with_capacity(days.len());
        let mut wanted: Vec<(ObjectId, NaiveDate, String)> = Vec::new();
        for &day in days {
            let version = git::last_before(&versions, end_of_day(day));
            let blob = version.and_then(|v| v.blob);
            let (source, figures) = match version {
                None if shallow => (None, Err(Gap::Shallow)),
                None => (None, Err(Gap::NotYet)),
                Some(Version {
                    blob: None, commit, ..
                }) => (Some(Source::Commit(commit.clone())), Err(Gap::Deleted)),
                Some(Version {
                    blob: Some(blob),
                    commit,
                    ..
                }) => match self.points.map.get(&(*blob, day)) {
                    Some(figures) => (Some(Source::Commit(commit.clone())), figures.clone()),
                    None => {
                        wanted.push((*blob, day, commit.clone()));
                        continue;
                    }
                },
            };
            let point = Point {
                day,
                source,
                figures,
            };
            out.insert(day, (point, blob));
        }
        for (blob, day, commit, figures) in self.compute(&file, wanted, options) {
            let point = Point {
                day,
                source: Some(Source::Commit(commit)),
                figures,
            };
            out.insert(day, (point, Some(blob)));
        }
        out
    }

    /// Forecasts each wanted (blob, day), reading each blob once, in
    /// batches of at most [`BATCH_BYTES`]; remembers the points.
    fn compute(
        &mut self,
        file: &File,
        wanted: Vec<(ObjectId, NaiveDate, String)>,
        options: Options,
    ) -> Vec<(ObjectId, NaiveDate, String, Result<Figures, Gap>)> {
        let mut blobs: Vec<ObjectId> = wanted.iter().map(|w| w.0).collect();
        blobs.sort_unstable();
        blobs.dedup();
        let sizes = file.sizes(&blobs);
        let mut batches: Vec<Vec<ObjectId>> = vec![Vec::new()];
        let mut bytes = 0u64;
        for (k, blob) in blobs.iter().enumerate() {
            let size = match &sizes {
                Ok(sizes) => sizes[k].clone().unwrap_or(0),
                Err(_) => 0,
            }
            .min(git::MAX_BYTES);
            if bytes + size > BATCH_BYTES && !batches.last().is_some_and(Vec::is_empty) {
                batches.push(Vec::new());
                bytes = 0;
            }
            bytes += size;
            if let Some(batch) = batches.last_mut() {
                batch.push(*blob);
            }
        }
        let mut out = Vec::with_capacity(wanted.len());
        for batch in batches.into_iter().filter(|b| !b.is_empty()) {
            let texts: HashMap<ObjectId, Result<String, String>> = match file.blob_texts(&batch) {
                Ok(texts) => batch.iter().copied().zip(texts).collect(),
                Err(e) => batch.iter().map(|&b| (b, Err(e.to_string()))).collect(),
            };
            let jobs: Vec<&(ObjectId, NaiveDate, String)> =
                wanted.iter().filter(|w| texts.contains_key(&w.0)).collect();
            let done: Vec<_> = jobs
                .par_iter()
                .map(|(blob, day, commit)| {
                    let figures = match &texts[blob] {
                        Ok(text) => figures_of(text, *day, options),
                        Err(why) => Err(Gap::Invalid(why.clone())),
                    };
                    (*blob, *day, commit.clone(), figures)
                })
                .collect();
            out.extend(done);
        }
        if self.points.map.len() + out.len() > MAX_POINTS {
            self.points.map.clear();
        }
        for (blob, day, _, figures) in &out {
            self.points.map.insert((*blob, *day), figures.clone());
        }
        out
    }
}

impl Job {
    /// The past versions the job reads: the old one, and the new one
    /// unless it is the file as it is now.
    fn blobs(&self) -> Vec<ObjectId> {
        match self.new {
            Side::Blob(new) => vec![self.old, new],
            Side::Now => vec![self.old],
        }
    }
}

/// Every version the jobs read, each once.
fn versions_of(jobs: &[Job]) -> Vec<ObjectId> {
    let mut blobs: Vec<ObjectId> = jobs.iter().flat_map(Job::blobs).collect();
    blobs.sort_unstable();
    blobs.dedup();
    blobs
}

/// The jobs in batches whose versions (each counted once) hold at most
/// [`BATCH_BYTES`] together; a job is never split from its two versions.
fn job_batches(file: &File, jobs: Vec<Job>) -> Vec<Vec<Job>> {
    let blobs = versions_of(&jobs);
    let size: HashMap<ObjectId, u64> = match file.sizes(&blobs) {
        Ok(sizes) => blobs
            .iter()
            .zip(sizes)
            .map(|(b, s)| (*b, s.unwrap_or(0).min(git::MAX_BYTES)))
            .collect(),
        Err(_) => HashMap::new(),
    };
    let mut batches: Vec<Vec<Job>> = Vec::new();
    let mut held: Vec<ObjectId> = Vec::new();
    let mut bytes = 0u64;
    let bytes_of = |blobs: &[ObjectId]| -> u64 {
        blobs
            .iter()
            .map(|b| size.get(b).copied().unwrap_or(0))
            .sum()
    };
    for job in jobs {
        let mut own = job.blobs();
        own.retain(|b| !held.contains(b));
        if batches.is_empty() || (bytes + bytes_of(&own) > BATCH_BYTES && !held.is_empty()) {
            batches.push(Vec::new());
            held.clear();
            bytes = 0;
            own = job.blobs();
        }
        bytes += bytes_of(&own);
        held.extend(own);
        if let Some(batch) = batches.last_mut() {
            batch.push(job);
        }
    }
    batches
}

//! The manifest's past versions, read from its git repository in-process with
//! gitoxide (`gix`): no `git` subprocess, nothing the repository's
//! configuration names ever runs (docs/trust.md, "Reading git history").
//!
//! The repository is opened *isolated*: only its own `config` is read (no
//! system, global or user config, no `include.path` / `includeIf`, no `GIT_*`
//! or other environment variable), and only objects are read from it — commits
//! walked newest first, trees looked up by path, blobs inflated after their
//! size is checked from the object's header. Nothing here checks out, diffs
//! with drivers, filters, verifies signatures, pages, fetches or runs hooks,
//! so `core.fsmonitor`, `gpg.program`, `core.sshCommand`, a partial clone's
//! promisor remote, `core.pager`, `diff.external`, `filter.*`, `diff.*.textconv`
//! and hooks have nothing to act on: a missing object is an error, never a
//! fetch.
//!
//! Why gix rather than the `git` command line with every dangerous setting
//! overridden (both measured on `benches/since.rs`, 1,000 commits; the table
//! is in docs/trust.md): reading the file's commits took 12.1 ms here against
//! 18.2 ms for the hardened `git log --follow`, 250 texts 4.1 ms against
//! 9.4 ms for `git cat-file --batch`, `since` 17.9 ms against 31.6 ms. And it
//! closes the class rather than the members known today: `-c` overrides are
//! a deny list that every new git setting can reopen, `--no-lazy-fetch` needs
//! git 2.44, and no option stops git from reading whatever file an
//! `include.path` names.
//!
//! Every call is bounded: [`READ_LIMIT`] on the time each read may take (the
//! work runs on a thread of its own that is abandoned past it); the files
//! gix reads whole (`HEAD`, refs, `packed-refs`, configs, alternates…) are
//! vetted first ([`super::repository`]): regular files within a size bound,
//! in the repository that holds the manifest; no object over [`MAX_BYTES`]
//! is inflated (gix's allocation limit, set above the repository's config),
//! and a version of the manifest over it is skipped with a note.
//!
//! `--follow` is done here: when the file appears in a commit whose parent
//! lacks it, the parent's deleted files are searched for the same content
//! ([`super::follow`]), and the walk goes on under that path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use gix::ObjectId;
use gix::bstr::{BStr, BString};
use gix::objs::tree::EntryKind;

use super::{follow, repository};

/// The largest version of the manifest that is read: the limit on the
/// manifest itself (docs/trust.md).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The longest one read of the history may take before it is given up
/// (a repository on a hung network mount, a FIFO where a file should be).
pub const READ_LIMIT: Duration = Duration::from_secs(10);

/// The most deleted files compared with the manifest when looking for the
/// name it had before a rename (git's own `diff.renameLimit` default).
const RENAME_CANDIDATES: usize = 1000;

/// Bytes of object cache: commits and trees are looked up twice.
const OBJECT_CACHE: usize = 4 * 1024 * 1024;

/// Bytes of decoded delta bases kept (git's own default).
const DELTA_BASE_CACHE: usize = 96 * 1024 * 1024;

/// Why there is no history to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    #[error("{} is not in a git repository", .0.display())]
    NotARepository(PathBuf),
    #[error("the git repository cannot be read: {0}")]
    Failed(String),
    #[error("the file in commit {commit} is {size} bytes, over the {limit} byte limit: not read")]
    TooLarge {
        commit: String,
        size: u64,
        limit: u64,
    },
    #[error("reading the git history took over {} s: given up", .0.as_secs())]
    TimedOut(Duration),
}

/// One commit of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub commit: String,
    /// The file's path in that commit, relative to the repository's top.
    pub path: String,
    /// Committer time, seconds since the epoch.
    pub time: i64,
    /// The committer's date, in the committer's own time zone.
    pub date: NaiveDate,
    /// The file's blob in that commit; `None` when the commit deleted it.
    pub blob: Option<ObjectId>,
}

/// The manifest's repository and its path in it.
#[derive(Clone)]
pub struct File {
    repo: Arc<gix::ThreadSafeRepository>,
    /// The file's path relative to the work tree's top, `/`-separated.
    path: BString,
}

impl std::fmt::Debug for File {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("File").field("path", &self.path).finish()
    }
}

impl File {
    /// A manifest path; `NotARepository` when its folder is not in a git
    /// work tree.
    pub fn open(path: &Path) -> Result<File, GitError> {
        let path = path.to_owned();
        bounded(move || open(&path))
    }

    /// `HEAD`'s commit, to tell when the history may have changed.
    pub fn head(&self) -> Option<String> {
        let repo = self.repo.clone();
        bounded(move || {
            let repo = repo.to_thread_local();
            Ok(repo.head_id().ok().map(|id| id.to_string()))
        })
        .ok()
        .flatten()
    }

    /// The last commit touching the file at or before `end` (seconds since
    /// the epoch, inclusive), following renames.
    pub fn last_before(&self, end: i64) -> Result<Option<Version>, GitError> {
        Ok(last_before(&self.versions()?, end).cloned())
    }

    /// Every commit touching the file, newest first (by commit time),
    /// following renames.
    pub fn versions(&self) -> Result<Vec<Version>, GitError> {
        let (repo, path) = (self.repo.clone(), self.path.clone());
        bounded(move || versions(&local(&repo), path))
    }

    /// The file's text in one version; `TooLarge` past the limit.
    pub fn text(&self, v: &Version) -> Result<String, GitError> {
        let (repo, v) = (self.repo.clone(), v.clone());
        bounded(move || {
            let text = blob_text(&local(&repo), &v)?;
            text.ok_or_else(|| GitError::Failed(format!("the file is not in commit {}", v.commit)))
        })
    }

    /// The texts of many versions; a version deleted, over the size limit or
    /// not UTF-8 gives `None`.
    pub fn texts(&self, versions: &[Version]) -> Result<Vec<Option<String>>, GitError> {
        let (repo, versions) = (self.repo.clone(), versions.to_vec());
        bounded(move || {
            let repo = local(&repo);
            Ok(versions
                .iter()
                .map(|v| blob_text(&repo, v).ok().flatten())
                .collect())
        })
    }
}

impl File {
    /// The commits at a shallow clone's boundary (whose parents the
    /// repository lacks); empty when it is not shallow.
    pub fn shallow_boundary(&self) -> Result<Vec<String>, GitError> {
        let repo = self.repo.clone();
        bounded(move || {
            let repo = repo.to_thread_local();
            let commits = repo.shallow_commits().map_err(failed)?;
            Ok(commits
                .map(|c| c.iter().map(ToString::to_string).collect())
                .unwrap_or_default())
        })
    }

    /// Blobs' sizes from their headers, nothing inflated.
    pub fn sizes(&self, blobs: &[ObjectId]) -> Result<Vec<Result<u64, String>>, GitError> {
        let (repo, blobs) = (self.repo.clone(), blobs.to_vec());
        bounded(move || {
            let repo = local(&repo);
            Ok(blobs
                .iter()
                .map(|id| {
                    let header = repo.find_header(*id).map_err(|e| failed(e).to_string())?;
                    Ok(header.size())
                })
                .collect())
        })
    }

    /// Blobs' texts, each or why not: over [`MAX_BYTES`] (from the header,
    /// before it is inflated), not a blob, not UTF-8, or unreadable.
    pub fn blob_texts(&self, blobs: &[ObjectId]) -> Result<Vec<Result<String, String>>, GitError> {
        let (repo, blobs) = (self.repo.clone(), blobs.to_vec());
        bounded(move || {
            let repo = local(&repo);
            Ok(blobs.iter().map(|id| blob_or_why(&repo, *id)).collect())
        })
    }
}

/// A blob's text, or why it cannot be read as one.
fn blob_or_why(repo: &gix::Repository, id: ObjectId) -> Result<String, String> {
    let header = repo.find_header(id).map_err(|e| failed(e).to_string())?;
    if header.size() > MAX_BYTES {
        return Err(format!(
            "{} bytes, over the {MAX_BYTES} byte limit: not read",
            header.size()
        ));
    }
    match small_blob(repo, id).map_err(|e| e.to_string())? {
        Some(bytes) => String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned()),
        None => Err("not a file".into()),
    }
}

/// [`File::last_before`] among versions already read (newest first).
pub fn last_before(versions: &[Version], end: i64) -> Option<&Version> {
    versions.iter().find(|v| v.time <= end)
}

/// Runs `work` on a thread of its own and waits at most [`READ_LIMIT`]; a
/// panic inside is an error, not a crash.
fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, GitError> + Send + 'static,
) -> Result<T, GitError> {
    within(READ_LIMIT, work)
}

/// [`bounded`] with its time `limit`: `TimedOut(limit)` past it, the thread
/// left to finish or block on its own.
fn within<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> Result<T, GitError> + Send + 'static,
) -> Result<T, GitError> {
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("readiness-git".into())
        .spawn(move || {
            let result = crate::terminal::catch_quietly(work)
                .unwrap_or_else(|_| Err(GitError::Failed("the reader panicked".into())));
            let _ = tx.send(result);
        })
        .map_err(|e| GitError::Failed(e.to_string()))?;
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(GitError::TimedOut(limit)),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(GitError::Failed("the reader stopped".into()))
        }
    }
}

/// An error of gix's with its root cause: the top one alone often names
/// only the step ("Could not peel reference"), the root cause says why (an
/// object over the allocation limit).
fn failed(e: impl std::error::Error) -> GitError {
    let mut text = e.to_string();
    let mut root = None;
    let mut cause = e.source();
    while let Some(c) = cause {
        root = Some(c);
        cause = c.source();
    }
    if let Some(root) = root.map(ToString::to_string)
        && !text.contains(&root)
    {
        text = format!("{text}: {root}");
    }
    failed_because(text)
}

/// The longest reason kept from an error (a gix error may quote the bytes
/// it could not decode).
const MAX_REASON_CHARS: usize = 300;

fn failed_because(why: impl Into<String>) -> GitError {
    let why = why.into();
    if why.chars().count() <= MAX_REASON_CHARS {
        return GitError::Failed(why);
    }
    let mut short: String = why.chars().take(MAX_REASON_CHARS - 1).collect();
    short.push('…');
    GitError::Failed(short)
}

fn local(repo: &gix::ThreadSafeRepository) -> gix::Repository {
    let mut repo = repo.to_thread_local();
    repo.object_cache_size_if_unset(OBJECT_CACHE);
    repo
}

/// Options that read the repository's own config alone, without includes,
/// and no environment variable; the limits on memory set here, above
/// anything the repository's config says: no object over [`MAX_BYTES`] is
/// inflated — a commit, a tree, or a delta's base that a small version is
/// built on — and the caches stay small.
fn isolated() -> gix::open::Options {
    gix::open::Options::isolated()
        .open_path_as_is(true)
        .config_overrides([
            format!("gitoxide.objects.allocLimit={MAX_BYTES}"),
            format!("gitoxide.objects.cacheLimit={OBJECT_CACHE}"),
            format!("core.deltaBaseCacheLimit={DELTA_BASE_CACHE}"),
        ])
}

fn open(path: &Path) -> Result<File, GitError> {
    let name = path
        .file_name()
        .ok_or_else(|| failed_because(format!("{} has no file name", path.display())))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let not_a_repository = || GitError::NotARepository(dir.clone());
    // The folder as the file system has it (a symlinked folder resolved), as
    // git would see it from inside.
    let dir_real = dir.canonicalize().map_err(|_| not_a_repository())?;
    // The repository is found and its files vetted before gix reads any.
    let (top, git_dir) = match repository::find(&dir_real) {
        Err(GitError::NotARepository(_)) => return Err(not_a_repository()),
        found => found?,
    };
    let repo = gix::ThreadSafeRepository::open_opts(&git_dir, isolated()).map_err(failed)?;
    let relative = dir_real
        .strip_prefix(&top)
        .map_err(|_| not_a_repository())?
        .join(name);
    let mut rel = BString::default();
    for (i, part) in relative.components().enumerate() {
        let part = part
            .as_os_str()
            .to_str()
            .ok_or_else(|| failed_because("the file's path is not UTF-8"))?;
        if i > 0 {
            rel.push(b'/');
        }
        rel.extend_from_slice(part.as_bytes());
    }
    Ok(File {
        repo: Arc::new(repo),
        path: rel,
    })
}

/// The blob at `path` in a commit's tree (`None`: absent, or not a file).
fn entry_at(
    repo: &gix::Repository,
    commit: ObjectId,
    path: &BStr,
) -> Result<Option<ObjectId>, GitError> {
    let commit = repo.find_commit(commit).map_err(failed)?;
    let tree = commit.tree().map_err(failed)?;
    let entry = tree
        .lookup_entry(path.split(|&b| b == b'/'))
        .map_err(failed)?;
    Ok(entry.and_then(|e| {
        matches!(e.mode().kind(), EntryKind::Blob | EntryKind::BlobExecutable)
            .then(|| e.object_id())
    }))
}

/// Every commit reachable from `HEAD` whose file differs from each of its
/// parents', newest first; renames followed as `git log --follow` does.
fn versions(repo: &gix::Repository, mut path: BString) -> Result<Vec<Version>, GitError> {
    let head = repo.head().map_err(failed)?;
    if head.is_unborn() {
        // No commit yet.
        return Ok(Vec::new());
    }
    let head = head.into_peeled_id().map_err(failed)?;
    let walk = repo
        .rev_walk([head.detach()])
        .sorting(gix::revision::walk::Sorting::ByCommitTime(
            gix::traverse::commit::simple::CommitTimeOrder::NewestFirst,
        ))
        .all()
        .map_err(failed)?;
    // The file's blob in each commit seen, for the path followed now.
    let mut seen: HashMap<ObjectId, Option<ObjectId>> = HashMap::new();
    let entry = |seen: &mut HashMap<_, _>, id: ObjectId, path: &BStr| {
        if let Some(e) = seen.get(&id) {
            return Ok(*e);
        }
        let e = entry_at(repo, id, path)?;
        seen.insert(id, e);
        Ok::<_, GitError>(e)
    };
    // A shallow clone's boundary commits have parents the repository
    // lacks: each is taken as a first commit.
    let boundary: Vec<ObjectId> = repo
        .shallow_commits()
        .map_err(failed)?
        .map(|c| c.iter().copied().collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for info in walk {
        let info = info.map_err(failed)?;
        let here = entry(&mut seen, info.id, path.as_ref())?;
        let parent_ids: &[ObjectId] = if boundary.contains(&info.id) {
            &[]
        } else {
            &info.parent_ids
        };
        let mut parents = Vec::with_capacity(parent_ids.len());
        for p in parent_ids {
            parents.push(entry(&mut seen, *p, path.as_ref())?);
        }
        let touches = if parents.is_empty() {
            here.is_some()
        } else {
            parents.iter().all(|p| *p != here)
        };
        if !touches {
            continue;
        }
        let commit = repo.find_commit(info.id).map_err(failed)?;
        let time = commit.time().map_err(failed)?;
        out.push(Version {
            commit: info.id.to_string(),
            path: path.to_string(),
            time: time.seconds,
            date: committer_date(time.seconds, time.offset),
            blob: here,
        });
        // Added here, absent in the only parent: renamed from somewhere?
        if let (Some(blob), [None]) = (here, parents.as_slice())
            && let Some(old) = renamed_from(repo, parent_ids[0], info.id, blob)?
        {
            path = old;
            seen.clear();
        }
    }
    Ok(out)
}

/// The committer's calendar day, in their own time zone.
fn committer_date(seconds: i64, offset: i32) -> NaiveDate {
    DateTime::from_timestamp(seconds + i64::from(offset), 0)
        .map(|t| t.date_naive())
        .unwrap_or_default()
}

/// The path, in `parent`, of the file `commit` added as `blob`, when it is a
/// rename: a file `commit` deleted with the same content, or failing that
/// the most similar one at or over git's 50% ([`follow::similarity`]).
fn renamed_from(
    repo: &gix::Repository,
    parent: ObjectId,
    commit: ObjectId,
    blob: ObjectId,
) -> Result<Option<BString>, GitError> {
    let old = repo
        .find_commit(parent)
        .and_then(|c| c.tree())
        .map_err(failed)?;
    let new = repo
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(failed)?;
    let mut recorder = gix::diff::tree::Recorder::default();
    gix::diff::tree(
        gix::objs::TreeRefIter::from_bytes(&old.data, repo.object_hash()),
        gix::objs::TreeRefIter::from_bytes(&new.data, repo.object_hash()),
        gix::diff::tree::State::default(),
        &repo.objects,
        &mut recorder,
    )
    .map_err(failed)?;
    let deleted: Vec<(ObjectId, BString)> = recorder
        .records
        .into_iter()
        .filter_map(|change| match change {
            gix::diff::tree::recorder::Change::Deletion {
                entry_mode,
                oid,
                path,
                ..
            } if entry_mode.is_blob() => Some((oid, path)),
            _ => None,
        })
        .collect();
    if let Some((_, path)) = deleted.iter().find(|(oid, _)| *oid == blob) {
        return Ok(Some(path.clone()));
    }
    let Some(new_text) = small_blob(repo, blob)? else {
        return Ok(None);
    };
    let mut best: Option<(f64, &BString)> = None;
    for (oid, path) in deleted.iter().take(RENAME_CANDIDATES) {
        let Some(old_text) = small_blob(repo, *oid)? else {
            continue;
        };
        let score = follow::similarity(&old_text, &new_text);
        if score >= follow::RENAME_SCORE && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, path));
        }
    }
    Ok(best.map(|(_, p)| p.clone()))
}

/// A blob's bytes when it is a blob within the size limit.
fn small_blob(repo: &gix::Repository, id: ObjectId) -> Result<Option<Vec<u8>>, GitError> {
    let header = repo.find_header(id).map_err(failed)?;
    if header.kind() != gix::objs::Kind::Blob || header.size() > MAX_BYTES {
        return Ok(None);
    }
    let blob = repo.find_blob(id).map_err(failed)?;
    Ok(Some(blob.detach().data))
}

/// A version's text: `None` when the commit deleted the file or the text is
/// not UTF-8; `TooLarge` from the object's header, before it is inflated.
fn blob_text(repo: &gix::Repository, v: &Version) -> Result<Option<String>, GitError> {
    let Some(id) = v.blob else {
        return Ok(None);
    };
    let header = repo.find_header(id).map_err(failed)?;
    if header.size() > MAX_BYTES {
        return Err(GitError::TooLarge {
            commit: v.commit.chars().take(12).collect(),
            size: header.size(),
            limit: MAX_BYTES,
        });
    }
    match small_blob(repo, id)? {
        Some(bytes) => Ok(String::from_utf8(bytes).ok()),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A read that blocks (a FIFO or a hung mount that the vetting of
    /// `super::repository` did not foresee) is given up at its bound, and a
    /// panic is an error.
    #[test]
    fn a_read_that_never_returns_is_given_up() {
        let (hold, blocked) = mpsc::channel::<()>();
        let limit = Duration::from_millis(200);
        let result = within(limit, move || {
            let _ = blocked.recv();
            Ok(())
        });
        assert_eq!(result, Err(GitError::TimedOut(limit)));
        drop(hold);
        let result: Result<(), _> = bounded(|| panic!("boom"));
        assert_eq!(result, Err(GitError::Failed("the reader panicked".into())));
    }

    #[test]
    fn the_committer_date_is_in_their_own_zone() {
        // 2026-11-20T04:30:00Z is still the 19th in New York (-05:00).
        let t = 1_795_149_000;
        assert_eq!(
            committer_date(t, -5 * 3600),
            NaiveDate::from_ymd_opt(2026, 11, 19).expect("date")
        );
        assert_eq!(
            committer_date(t, 0),
            NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
        );
    }
}

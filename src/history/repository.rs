//! Which repository holds the manifest, and its own files vetted before gix
//! reads any of them (docs/trust.md, "Bounds").
//!
//! gix reads `HEAD`, loose refs, `packed-refs`, `shallow`, `commondir`,
//! `config` and `objects/info/alternates` whole, and opens packs, their
//! indexes and commit-graphs: a FIFO there blocks it, `/dev/zero` or a
//! sparse file of terabytes exhausts memory. So each of those files must be
//! a regular file within its size bound — [`SMALL`] for the one-line ones
//! and the configs, [`LISTS`] for `packed-refs` and `shallow` — and each
//! folder a folder; a symlink among them must stay inside the folder it is
//! in (the git directory, the common one, the object folder), so that no
//! file outside the repository is read. Otherwise the history is not read
//! and the reason names the file (never its content). Loose objects and
//! packs are vetted for their kind alone (gix maps them and reads each
//! object's size from its header before inflating it: see
//! [`super::git`]'s allocation limit).
//!
//! And the repository must be the one that holds the manifest: the nearest
//! `.git` at or above its folder. A `.git` file (or symlink) naming a git
//! directory outside the work tree is followed only when that directory
//! names this work tree back — a linked work tree's `gitdir`, a submodule's
//! `core.worktree` — and a `commondir` outside it only when the git
//! directory is one of its `worktrees/`. Otherwise a folder holding nothing
//! but a manifest and a one-line `.git` file could show another repository's
//! history as its own.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::git::GitError;

/// The largest one-line file (`HEAD`, a loose ref, `commondir`, `gitdir`, a
/// `.git` file), `config` or `objects/info/alternates` that is read: a real
/// one is a few kilobytes.
pub const SMALL: u64 = 1024 * 1024;

/// The largest `packed-refs` or `shallow` read (gix sorts an unsorted
/// `packed-refs` in memory): 64 MiB is some 700,000 refs.
pub const LISTS: u64 = 64 * 1024 * 1024;

/// The most loose refs or pack files vetted; a repository with more is not
/// read.
pub const MAX_ENTRIES: usize = 100_000;

/// How deep alternates may borrow from alternates (git's own limit).
const ALTERNATES_DEPTH: usize = 5;

/// The repository holding `folder` (a real path): its work tree's top and
/// its git directory (real paths), the git directory's files vetted. `NotARepository` when no
/// folder at or above holds a `.git`.
pub fn find(folder: &Path) -> Result<(PathBuf, PathBuf), GitError> {
    let top = crate::collect::files::work_tree(folder)
        .ok_or_else(|| GitError::NotARepository(folder.to_owned()))?;
    let top = real(&top)?;
    let git_dir = git_dir(&top)?;
    vet(&top, &git_dir)?;
    Ok((top, git_dir))
}

/// The git directory `top/.git` leads to: the folder itself, or the one a
/// `.git` file or symlink names when that one names `top` back.
fn git_dir(top: &Path) -> Result<PathBuf, GitError> {
    let dot_git = top.join(".git");
    let link = fs::symlink_metadata(&dot_git).map_err(|e| unreadable(&dot_git, &e))?;
    let meta = fs::metadata(&dot_git).map_err(|e| unreadable(&dot_git, &e))?;
    let named = if meta.is_dir() {
        if !link.is_symlink() {
            return real(&dot_git);
        }
        real(&dot_git)?
    } else if meta.is_file() {
        let text = read_small(&dot_git, SMALL, top)?;
        let target = text
            .strip_prefix("gitdir:")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| refused(&dot_git, "is not a `gitdir:` file"))?;
        real(&top.join(target))?
    } else {
        return Err(not_regular(&dot_git, &meta));
    };
    if named.starts_with(top) || names_back(&named, top, &dot_git)? {
        Ok(named)
    } else {
        Err(GitError::Failed(format!(
            "{} leads to the git directory {}, which does not name this folder as its work tree: not read",
            dot_git.display(),
            named.display()
        )))
    }
}

/// Whether the git directory `git_dir` names `top` as its work tree: a
/// linked work tree's `gitdir` file holds the path of `top/.git`, a
/// submodule's `core.worktree` leads to `top`.
fn names_back(git_dir: &Path, top: &Path, dot_git: &Path) -> Result<bool, GitError> {
    let gitdir = git_dir.join("gitdir");
    if exists(&gitdir) {
        let text = read_small(&gitdir, SMALL, git_dir)?;
        let back = git_dir.join(text.trim());
        if fs::canonicalize(&back).ok() == fs::canonicalize(dot_git).ok() {
            return Ok(true);
        }
    }
    let config = git_dir.join("config");
    if !exists(&config) {
        return Ok(false);
    }
    let text = read_small(&config, SMALL, git_dir)?;
    let file = gix::config::File::from_bytes_no_includes(
        text.as_bytes(),
        gix::config::file::Metadata::from(gix::config::Source::Local),
        gix::config::file::init::Options::default(),
    )
    .map_err(|e| GitError::Failed(format!("{}: {e}", config.display())))?;
    Ok(file.string("core.worktree").is_some_and(|worktree| {
        gix::path::from_byte_slice(worktree.as_ref()).is_ok_and(|worktree| {
            fs::canonicalize(git_dir.join(worktree)).ok().as_deref() == Some(top)
        })
    }))
}

/// Vets what gix reads of the repository: the git directory's files, the
/// common directory's (a linked work tree's shared one), and the object
/// folders with their alternates.
fn vet(top: &Path, git_dir: &Path) -> Result<(), GitError> {
    vet_git_dir(git_dir)?;
    let commondir = git_dir.join("commondir");
    let common = if exists(&commondir) {
        let text = read_small(&commondir, SMALL, git_dir)?;
        let common = real(&git_dir.join(text.trim()))?;
        let is_its_worktree = git_dir.parent().and_then(Path::file_name)
            == Some("worktrees".as_ref())
            && git_dir.parent().and_then(Path::parent) == Some(common.as_path());
        if !common.starts_with(top) && !is_its_worktree {
            return Err(GitError::Failed(format!(
                "{} names the common git directory {}, which {} is not a work tree of: not read",
                commondir.display(),
                common.display(),
                git_dir.display()
            )));
        }
        vet_git_dir(&common)?;
        common
    } else {
        git_dir.to_owned()
    };
    vet_objects(&common.join("objects"), 0, &mut Vec::new())
}

/// One git directory's own files: the one-line files and configs, the
/// lists, and every loose ref.
fn vet_git_dir(dir: &Path) -> Result<(), GitError> {
    for name in ["HEAD", "commondir", "gitdir", "config", "config.worktree"] {
        regular(&dir.join(name), Some(SMALL), dir)?;
    }
    for name in ["packed-refs", "shallow"] {
        regular(&dir.join(name), Some(LISTS), dir)?;
    }
    vet_tree(&dir.join("refs"), Some(SMALL), dir, Some(MAX_ENTRIES))
}

/// An object folder: its alternates (each vetted in turn), commit-graphs,
/// packs and loose objects (kinds only: gix maps them, and checks each
/// one's size from its header).
fn vet_objects(objects: &Path, depth: usize, seen: &mut Vec<PathBuf>) -> Result<(), GitError> {
    let Ok(real_objects) = fs::canonicalize(objects) else {
        // Missing: gix says so.
        return Ok(());
    };
    if seen.contains(&real_objects) {
        return Ok(());
    }
    seen.push(real_objects.clone());
    let within = real_objects.as_path();
    folder(objects)?;
    let info = objects.join("info");
    folder(&info)?;
    let alternates = info.join("alternates");
    regular(&alternates, Some(SMALL), within)?;
    regular(&info.join("commit-graph"), None, within)?;
    // A split commit-graph: its chain is read whole, its graphs are mapped.
    let graphs = info.join("commit-graphs");
    regular(&graphs.join("commit-graph-chain"), Some(SMALL), within)?;
    vet_tree(&graphs, None, within, Some(MAX_ENTRIES))?;
    vet_tree(&objects.join("pack"), None, within, Some(MAX_ENTRIES))?;
    // Loose objects, as many as there are (the time bound holds the walk).
    let listing = fs::read_dir(objects).map_err(|e| unreadable(objects, &e))?;
    for entry in listing.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit()) {
            vet_tree(&entry.path(), None, within, None)?;
        }
    }
    if !exists(&alternates) {
        return Ok(());
    }
    let text = read_small(&alternates, SMALL, within)?;
    let paths = gix::odb::alternate::parse(text.as_bytes())
        .map_err(|e| GitError::Failed(format!("{}: {e}", alternates.display())))?;
    if !paths.is_empty() && depth >= ALTERNATES_DEPTH {
        return Err(refused(
            &alternates,
            &format!("nests alternates deeper than {ALTERNATES_DEPTH}"),
        ));
    }
    for path in paths {
        vet_objects(&objects.join(path), depth + 1, seen)?;
    }
    Ok(())
}

/// Every entry under `dir`: folders and regular files of at most `limit`
/// bytes, a symlink only to one of those inside `within`, no more than
/// `cap` entries. The kind is the folder listing's, so that a file costs a
/// `stat` only when its size is checked or it is a symlink.
fn vet_tree(
    dir: &Path,
    limit: Option<u64>,
    within: &Path,
    cap: Option<usize>,
) -> Result<(), GitError> {
    if !exists(dir) {
        return Ok(());
    }
    if fs::symlink_metadata(dir).is_ok_and(|m| m.is_symlink()) {
        inside(dir, within)?;
    }
    folder(dir)?;
    let walk = walkdir::WalkDir::new(dir).min_depth(1);
    for (n, entry) in walk.into_iter().enumerate() {
        if cap.is_some_and(|cap| n >= cap) {
            return Err(refused(dir, &format!("holds more than {n} entries")));
        }
        let entry = entry.map_err(|e| GitError::Failed(format!("{}: {e}", dir.display())))?;
        let kind = entry.file_type();
        if kind.is_dir() || (kind.is_file() && limit.is_none()) {
            continue;
        }
        // A size to check, a symlink, or something else to refuse.
        regular(entry.path(), limit, within)?;
    }
    Ok(())
}

/// `path`, when it exists, is a regular file of at most `limit` bytes, and
/// a symlink leading no further than `within` (a real path).
fn regular(path: &Path, limit: Option<u64>, within: &Path) -> Result<(), GitError> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
        inside(path, within)?;
    }
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(path, &e)),
    };
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    match limit {
        Some(limit) if meta.len() > limit => Err(refused(
            path,
            &format!("is {} bytes, over the {limit} byte limit", meta.len()),
        )),
        _ => Ok(()),
    }
}

/// `path`, when it exists, is a folder.
fn folder(path: &Path) -> Result<(), GitError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) => Err(refused(
            path,
            &format!(
                "is {}, not a folder",
                crate::manifest_file::kind_name(&meta.file_type())
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(unreadable(path, &e)),
    }
}

/// A symlink's target is inside `within`; its content is never quoted.
fn inside(path: &Path, within: &Path) -> Result<(), GitError> {
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(within) => Ok(()),
        Ok(_) => Err(refused(path, "is a symlink leading out of the repository")),
        // Dangling: gix finds nothing there either.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(unreadable(path, &e)),
    }
}

/// A small file's text, vetted first and read no further than `limit`.
fn read_small(path: &Path, limit: u64, within: &Path) -> Result<String, GitError> {
    regular(path, Some(limit), within)?;
    let file = crate::manifest_file::open_nonblocking(path).map_err(|e| unreadable(path, &e))?;
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, &e))?;
    String::from_utf8(bytes).map_err(|_| refused(path, "is not UTF-8"))
}

fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn real(path: &Path) -> Result<PathBuf, GitError> {
    fs::canonicalize(path).map_err(|e| unreadable(path, &e))
}

fn not_regular(path: &Path, meta: &fs::Metadata) -> GitError {
    refused(
        path,
        &format!(
            "is not a regular file ({})",
            crate::manifest_file::kind_name(&meta.file_type())
        ),
    )
}

fn refused(path: &Path, why: &str) -> GitError {
    GitError::Failed(format!("{} {why}: not read", path.display()))
}

fn unreadable(path: &Path, e: &std::io::Error) -> GitError {
    GitError::Failed(format!("{}: {e}", path.display()))
}

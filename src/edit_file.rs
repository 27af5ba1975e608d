//! Writing the manifest back after an edit (`readiness set`, and edits from
//! the dashboard): the shell around the pure [`crate::edit`] core.
//!
//! The write is atomic — a temporary file in the same folder, flushed to
//! disk, put in the manifest's place, the folder flushed — so a reader (the
//! dashboard's watcher, an editor, `git`) sees the old file or the new one,
//! never half of one. A symlinked manifest is written through to its target,
//! and the file keeps its permissions (and, when we may, its owner). A file
//! that changed after it was read — content, size, modification time or
//! inode — is never overwritten: the edit is refused, so another editor's
//! save is not lost. On Linux the new file is swapped in with
//! `renameat2(RENAME_EXCHANGE)` and the file swapped out is checked to be
//! the one read — a save landing between the last check and the swap is
//! swapped back, not lost; elsewhere (or on a file system without the
//! exchange) the last check is right before a plain rename. A manifest with
//! several hard links is refused: a new file would leave the other names
//! with the old text.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Write as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::NaiveDate;

use crate::edit::add::{Added, Refusal};
use crate::edit::{self, EditError, Edited, TaskEdit};
use crate::manifest_file::{self, ReadError};

/// The manifest as read: its resolved path, its text and what identifies
/// this version of it on disk.
#[derive(Debug, Clone)]
pub struct Original {
    /// The file written: the manifest, or its symlink's target.
    pub target: PathBuf,
    pub text: String,
    stamp: Stamp,
}

/// What tells one version of a file from another without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
    mode: u32,
    uid: u32,
    gid: u32,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_nsec: meta.mtime_nsec(),
            mode: meta.mode(),
            uid: meta.uid(),
            gid: meta.gid(),
        }
    }

    /// The same content as far as the file system tells (the mode and owner
    /// aside: a `chmod` is no edit).
    fn same_version(&self, other: &Stamp) -> bool {
        (self.dev, self.ino, self.len, self.mtime, self.mtime_nsec)
            == (
                other.dev,
                other.ino,
                other.len,
                other.mtime,
                other.mtime_nsec,
            )
    }
}

/// Why the manifest could not be written. The file is untouched in each.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{} changed while it was being read; nothing written (run the command again)", .0.display())]
    ChangedWhileReading(PathBuf),
    #[error("{} is read-only; nothing written", .0.display())]
    ReadOnly(PathBuf),
    #[error("{} has {links} hard links: writing a new file would leave the other names with the old text; nothing written (edit it by hand, or make the other names symlinks)", path.display())]
    HardLinked { path: PathBuf, links: u64 },
    #[error("cannot write {}: its folder {} is not writable (the edit writes a new file beside the manifest, then puts it in its place); nothing written", path.display(), folder.display())]
    FolderReadOnly { path: PathBuf, folder: PathBuf },
    #[error("{} changed since it was read (saved by another editor?); nothing written, so that change is kept — run the command again", .0.display())]
    Changed(PathBuf),
    #[error("cannot write {}: {source}; nothing written", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// Why `set` did not write.
#[derive(Debug, thiserror::Error)]
pub enum SetError {
    #[error("{0}")]
    Edit(EditError),
    #[error(transparent)]
    File(#[from] WriteError),
}

/// What `set` did.
#[derive(Debug, Clone)]
pub struct SetOutcome {
    pub original: Original,
    pub edited: Edited,
    /// Whether the file was written (not when nothing changed).
    pub written: bool,
}

/// Reads the manifest for an edit: through a symlink to its target, with
/// the version read recorded.
pub fn read(path: &Path) -> Result<Original, WriteError> {
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let before = fs::metadata(&target).ok().map(|m| Stamp::of(&m));
    let text = manifest_file::read(&target)?;
    let after = fs::metadata(&target).map_err(|source| WriteError::Io {
        path: target.clone(),
        source,
    })?;
    let stamp = Stamp::of(&after);
    match before {
        Some(before) if before.same_version(&stamp) && before.len == text.len() as u64 => {
            Ok(Original {
                target,
                text,
                stamp,
            })
        }
        _ => Err(WriteError::ChangedWhileReading(target)),
    }
}

/// Writes a new manifest at `path`, atomically (a complete temporary file
/// linked into place), never over a file that appeared there meanwhile.
pub fn create(path: &Path, text: &str) -> Result<(), WriteError> {
    let io = |source: io::Error| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let (temp, mut file) = temp_file(&dir, path).map_err(io)?;
    let result = file
        .write_all(text.as_bytes())
        .and_then(|()| file.set_permissions(fs::Permissions::from_mode(0o644)))
        .and_then(|()| file.sync_all());
    drop(file);
    let linked = result.and_then(|()| fs::hard_link(&temp, path));
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => {
            if let Ok(dir) = File::open(&dir) {
                let _ = dir.sync_all();
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Changed(path.to_owned()))
        }
        Err(e) => Err(io(e)),
    }
}

/// Replaces the manifest read as `original` by `text`, atomically, unless
/// the file changed since it was read.
pub fn write(original: &Original, text: &str) -> Result<(), WriteError> {
    write_then(original, text, || {})
}

/// [`write`], calling `before_commit` after the last check that the file is
/// the version read and right before the new file takes its place (the
/// tests save the file there, as another editor would at the worst moment).
pub fn write_then(
    original: &Original,
    text: &str,
    before_commit: impl FnOnce(),
) -> Result<(), WriteError> {
    let target = &original.target;
    let io = |source: io::Error| WriteError::Io {
        path: target.clone(),
        source,
    };
    let meta = fs::metadata(target).map_err(io)?;
    if meta.permissions().readonly() || !writable(target) {
        return Err(WriteError::ReadOnly(target.clone()));
    }
    if meta.nlink() > 1 {
        return Err(WriteError::HardLinked {
            path: target.clone(),
            links: meta.nlink(),
        });
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let (temp, mut file) = temp_file(&dir, target).map_err(|source| {
        if source.kind() == io::ErrorKind::PermissionDenied {
            WriteError::FolderReadOnly {
                path: target.clone(),
                folder: dir.clone(),
            }
        } else {
            io(source)
        }
    })?;
    let result = (|| {
        file.write_all(text.as_bytes())?;
        file.set_permissions(fs::Permissions::from_mode(original.stamp.mode & 0o7777))?;
        // Keep the owner when we may (root editing someone's file); not
        // being allowed to is no reason to refuse.
        if (original.stamp.uid, original.stamp.gid) != (current_uid(), current_gid()) {
            let _ = std::os::unix::fs::fchown(
                &file,
                Some(original.stamp.uid),
                Some(original.stamp.gid),
            );
        }
        file.sync_all()?;
        file.metadata()
    })();
    drop(file);
    let ours = match result {
        Ok(meta) => (meta.dev(), meta.ino()),
        Err(source) => {
            let _ = fs::remove_file(&temp);
            return Err(io(source));
        }
    };
    if !is_version(target, original) {
        let _ = fs::remove_file(&temp);
        return Err(WriteError::Changed(target.clone()));
    }
    before_commit();
    commit(original, &temp, ours)?;
    // The rename is durable once the folder is flushed.
    if let Ok(dir) = File::open(&dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Puts the new file `temp` (whose device and inode are `ours`) in the
/// place of the manifest read as `original`, unless another save got there
/// first. Nothing is left at `temp` afterwards, except when putting another
/// save back failed (then it is there, not lost).
fn commit(original: &Original, temp: &Path, ours: (u64, u64)) -> Result<(), WriteError> {
    let target = &original.target;
    let io = |source: io::Error| WriteError::Io {
        path: target.clone(),
        source,
    };
    let discard = |error: io::Error| {
        let _ = fs::remove_file(temp);
        io(error)
    };
    match exchange(temp, target) {
        Ok(()) => {}
        // No exchange here: the check before was the last one.
        Err(e) if exchange_unsupported(&e) => return fs::rename(temp, target).map_err(discard),
        Err(e) => return Err(discard(e)),
    }
    // `temp` now names the file that was in place: it must be the one read.
    if is_version(temp, original) {
        let _ = fs::remove_file(temp);
        return Ok(());
    }
    // Another save landed after the check: put it back.
    if exchange(temp, target).is_err() {
        fs::rename(temp, target).map_err(io)?;
        return Err(WriteError::Changed(target.clone()));
    }
    match fs::symlink_metadata(temp) {
        // Yet another save replaced ours meanwhile: it is the newest.
        Ok(m) if (m.dev(), m.ino()) != ours => fs::rename(temp, target).map_err(io)?,
        _ => {
            let _ = fs::remove_file(temp);
        }
    }
    Err(WriteError::Changed(target.clone()))
}

/// Swaps the two names atomically (`renameat2(RENAME_EXCHANGE)`, Linux).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt as _;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings for the call's
    // duration; the syscall reads nothing else of ours.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// No atomic exchange outside Linux: callers fall back to a rename.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The kernel or the file system has no exchange (old kernels: ENOSYS;
/// some file systems: EINVAL or EOPNOTSUPP).
fn exchange_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || matches!(
            e.raw_os_error(),
            Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP)
        )
}

/// Reads, edits and writes: `readiness set`'s whole shell, also used by the
/// dashboard. Nothing is written when the edit is refused, changes nothing,
/// or the file changed meanwhile.
pub fn set(
    path: &Path,
    id: &str,
    task: &TaskEdit,
    today: NaiveDate,
) -> Result<SetOutcome, SetError> {
    set_then(path, id, task, today, |_| {})
}

/// [`set`], calling `before_write` between the read and the write (the
/// end-to-end tests save the file there, as another editor would).
pub fn set_then(
    path: &Path,
    id: &str,
    task: &TaskEdit,
    today: NaiveDate,
    before_write: impl FnOnce(&Original),
) -> Result<SetOutcome, SetError> {
    let original = read(path)?;
    let edited = edit::apply(&original.text, id, task, today).map_err(SetError::Edit)?;
    let written = !edited.changes.is_empty();
    if written {
        before_write(&original);
        write(&original, &edited.text)?;
    }
    Ok(SetOutcome {
        original,
        edited,
        written,
    })
}

/// Why `add` did not write.
#[derive(Debug, thiserror::Error)]
pub enum AddError {
    #[error("{0}")]
    Refused(Refusal),
    #[error(transparent)]
    File(#[from] WriteError),
}

/// What `add` did: the manifest as read and as written.
#[derive(Debug, Clone)]
pub struct AddOutcome {
    pub original: Original,
    pub added: Added,
}

/// Reads, adds one entry with `add` (one of [`crate::edit::add`]'s
/// functions) and writes: `readiness add`'s shell, also used by the
/// dashboard. Nothing is written when the entry is refused or the file
/// changed meanwhile.
pub fn add(
    path: &Path,
    add: impl FnOnce(&str) -> Result<Added, Refusal>,
) -> Result<AddOutcome, AddError> {
    add_then(path, add, |_| {})
}

/// [`add`], calling `before_write` between the read and the write (the
/// tests save the file there, as another editor would).
pub fn add_then(
    path: &Path,
    add: impl FnOnce(&str) -> Result<Added, Refusal>,
    before_write: impl FnOnce(&Original),
) -> Result<AddOutcome, AddError> {
    let original = read(path)?;
    let added = add(&original.text).map_err(AddError::Refused)?;
    before_write(&original);
    write(&original, &added.text)?;
    Ok(AddOutcome { original, added })
}

/// Whether the file at `path` is the version read: the same inode, size
/// and modification time, and the same bytes.
fn is_version(path: &Path, original: &Original) -> bool {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || !Stamp::of(&meta).same_version(&original.stamp) {
        return false;
    }
    // Bounded by the size read: a file that grew meanwhile differs anyway.
    let mut bytes = Vec::with_capacity(original.text.len());
    File::open(path)
        .and_then(|f| {
            f.take(original.text.len() as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .is_ok_and(|_| bytes == original.text.as_bytes())
}

/// A new file beside the target, readable by its owner only until it is
/// complete (its mode is set to the original's before the rename).
fn temp_file(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let name = target
        .file_name()
        .map_or_else(|| "manifest".into(), |n| n.to_string_lossy().into_owned());
    loop {
        let temp = dir.join(format!(
            ".{name}.readiness-{}-{}.tmp",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// `access(2)` for writing: false for a file we may not write.
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt as _;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated path for the call's duration.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

fn current_uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

fn current_gid() -> u32 {
    // SAFETY: getgid has no preconditions and cannot fail.
    unsafe { libc::getgid() }
}

//! Reading evidence files: paths and globs relative to the manifest's
//! folder, confined to the project (docs/trust.md, docs/evidence.md "Evidence
//! stays inside the project"), a size limit, the file's modification time,
//! and every way a file can be unusable (missing, a directory, a FIFO,
//! unreadable, outside the project) turned into a reason for the gate's
//! detail rather than an error.
//!
//! The project is the git work tree holding the manifest (found by walking
//! up to a `.git`, without running git), else the manifest's folder. A path
//! is inside when its real path (symlinks resolved) is; a path outside is
//! never opened. Globs are matched and walked in [`super::glob`].

use std::fmt::Display;
use std::fs::{self, File};
use std::io::{self, BufReader, Read as _};
use std::path::{Component, Path, PathBuf};

use crate::evidence::FileEvidence;
use crate::manifest::diagnostics::strip_controls;
use crate::manifest_file::{kind_name, open_nonblocking};

/// Files larger than this are refused (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The longest reason kept from a parser: a detail quotes no more than a
/// short fragment of a file that failed to parse.
pub const MAX_REASON_CHARS: usize = 160;
/// The read buffer.
const BUFFER: usize = 64 * 1024;
/// The reason a path outside the project is not read.
pub const OUTSIDE: &str = "outside the project";

/// Where evidence may be read from.
#[derive(Debug, Clone)]
pub struct Project {
    /// The manifest's folder, absolute, as given: relative paths start here.
    pub(super) base: PathBuf,
    /// The real path (symlinks resolved) of the git work tree holding the
    /// manifest, else of its folder: nothing outside it is read.
    root: PathBuf,
}

impl Project {
    /// The project of a manifest living in `base`.
    pub fn new(base: &Path) -> Project {
        let real = fs::canonicalize(base).unwrap_or_else(|_| normalize(base));
        let root = work_tree(&real).unwrap_or(real);
        Project {
            base: base.to_owned(),
            root,
        }
    }

    /// The folder relative paths start from.
    pub fn base(&self) -> &Path {
        &self.base
    }

    /// The folder nothing is read outside of (a real path).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path to open for a manifest path, or why it is not read: outside
    /// the project, absolute or through `..` or a symlink. The path returned
    /// is its real path when it exists.
    pub fn confine(&self, path: &str) -> Result<PathBuf, String> {
        let joined = self.base.join(path);
        let real = real_path(&joined);
        if real.starts_with(&self.root) {
            Ok(real)
        } else {
            Err(outside(&joined, &real))
        }
    }

    /// Where a walked entry really leads, when that is outside the project.
    pub(super) fn leaves(&self, path: &Path) -> Option<String> {
        let real = real_path(path);
        (!real.starts_with(&self.root)).then(|| outside(path, &real))
    }

    /// Whether `file`, opened from `path`, is the file inside the project
    /// that `path` leads to now. Between the check of a path and its
    /// opening, a folder on the way may have been swapped for a symlink out
    /// of the project: the opened file is then not the one `path` leads to
    /// inside (another device and inode), and is refused unread.
    #[cfg(unix)]
    fn holds(&self, path: &Path, file: &File) -> Result<(), String> {
        use std::os::unix::fs::MetadataExt as _;
        let real = real_path(path);
        if !real.starts_with(&self.root) {
            return Err(outside(path, &real));
        }
        let opened = file.metadata().map_err(|e| io_reason(&e))?;
        let there = fs::metadata(&real).map_err(|e| io_reason(&e))?;
        if (opened.dev(), opened.ino()) == (there.dev(), there.ino()) {
            Ok(())
        } else {
            Err(format!("{OUTSIDE} (it changed while being opened)"))
        }
    }

    /// Why `path` could not be opened: what it is when it is inside the
    /// project and not a file (a socket cannot be opened at all: ENXIO),
    /// else the error.
    fn open_error(&self, path: &Path, error: &io::Error) -> String {
        match fs::metadata(path) {
            Ok(meta)
                if !meta.is_file() && !meta.is_dir() && real_path(path).starts_with(&self.root) =>
            {
                not_a_file(&meta)
            }
            _ => io_reason(error),
        }
    }

    #[cfg(not(unix))]
    fn holds(&self, path: &Path, _file: &File) -> Result<(), String> {
        let real = real_path(path);
        if real.starts_with(&self.root) {
            Ok(())
        } else {
            Err(outside(path, &real))
        }
    }
}

/// The reason for a path outside the project, naming where a symlink or
/// `..` leads.
fn outside(path: &Path, real: &Path) -> String {
    if normalize(path) == real {
        OUTSIDE.to_owned()
    } else {
        format!("{OUTSIDE} (leads to {})", real.display())
    }
}

/// The nearest folder at or above `folder` holding a `.git` (a folder, or a
/// file in a linked work tree or a submodule).
pub fn work_tree(folder: &Path) -> Option<PathBuf> {
    folder
        .ancestors()
        .find(|dir| fs::symlink_metadata(dir.join(".git")).is_ok())
        .map(Path::to_owned)
}

/// The real path of `path`: its longest existing prefix with symlinks
/// resolved, the rest normalized as text.
fn real_path(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let parts: Vec<Component> = path.components().collect();
    for n in (1..=parts.len()).rev() {
        let existing: PathBuf = parts[..n].iter().collect();
        if let Ok(mut real) = fs::canonicalize(&existing) {
            real.extend(&parts[n..]);
            return normalize(&real);
        }
    }
    normalize(&path)
}

/// `.` and `..` taken out as text (`a/./b/../c` is `a/c`).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Reads one evidence file of `project` with `parse`, never failing: what
/// goes wrong becomes the evidence's `read` error. The file is opened
/// without blocking, confirmed to be the one inside the project that `path`
/// leads to ([`Project::confine`] checked the path before; a symlink swapped
/// in since is caught here), and its type and size are taken from the
/// opened handle.
pub fn read<T, E: Display>(
    project: &Project,
    path: &Path,
    name: String,
    parse: impl FnOnce(BufReader<io::Take<File>>) -> Result<T, E>,
) -> FileEvidence<T> {
    let opened = open_nonblocking(path)
        .map_err(|e| project.open_error(path, &e))
        .and_then(|file| {
            project.holds(path, &file)?;
            let meta = file.metadata().map_err(|e| io_reason(&e))?;
            Ok((file, meta))
        });
    let (file, meta) = match opened {
        Ok(opened) => opened,
        Err(reason) => {
            return FileEvidence {
                name,
                modified: None,
                read: Err(reason),
            };
        }
    };
    let modified = meta.modified().ok();
    let refuse = |reason: String| FileEvidence {
        name: name.clone(),
        modified,
        read: Err(reason),
    };
    if meta.is_dir() {
        return refuse("is a directory, not a file".into());
    }
    if !meta.is_file() {
        return refuse(not_a_file(&meta));
    }
    if meta.len() > MAX_FILE_BYTES {
        return refuse(format!(
            "{} MiB; evidence files over {} MiB are refused",
            meta.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    // The file may grow after the size check: read no more than the limit.
    let input = BufReader::with_capacity(BUFFER, file.take(MAX_FILE_BYTES));
    FileEvidence {
        name,
        modified,
        read: parse(input).map_err(|e| shorten(&strip_controls(&e.to_string()))),
    }
}

/// The reason for a FIFO, a device or a socket.
fn not_a_file(meta: &fs::Metadata) -> String {
    format!("{}, not a regular file", kind_name(&meta.file_type()))
}

/// A parser's reason (control characters already removed) cut to
/// [`MAX_REASON_CHARS`].
fn shorten(reason: &str) -> String {
    if reason.chars().count() <= MAX_REASON_CHARS {
        return reason.to_owned();
    }
    let mut short: String = reason.chars().take(MAX_REASON_CHARS - 1).collect();
    short.push('…');
    short
}

/// The evidence of a path outside the project: never opened.
pub fn refused<T>(name: String, reason: String) -> FileEvidence<T> {
    FileEvidence {
        name,
        modified: None,
        read: Err(reason),
    }
}

/// A reason people read, for an I/O error.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "cannot read: permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/../x")), PathBuf::from("/x"));
    }

    #[test]
    fn shortens_long_reasons() {
        let long = "x".repeat(1000);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), MAX_REASON_CHARS);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("short"), "short");
    }

    #[cfg(unix)]
    #[test]
    fn confines_to_the_work_tree_or_the_folder() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let top = fs::canonicalize(dir.path()).expect("real");
        let repo = top.join("repo");
        let sub = repo.join("sub");
        fs::create_dir_all(&sub).expect("mkdir");
        fs::write(top.join("secret"), "s").expect("write");
        fs::write(repo.join("lcov.info"), "x").expect("write");
        symlink(top.join("secret"), sub.join("link")).expect("symlink");
        // No `.git`: the manifest's folder is the project.
        let project = Project::new(&sub);
        assert_eq!(project.root(), sub);
        assert!(project.confine("../lcov.info").is_err());
        assert_eq!(project.confine("/"), Err(OUTSIDE.to_owned()));
        let proc = project.confine("/proc/self/environ").expect_err("absolute");
        assert!(proc.starts_with(OUTSIDE), "{proc}");
        let through_link = project.confine("link").expect_err("a symlink out");
        assert!(through_link.starts_with("outside the project (leads to "));
        assert!(project.confine("missing/../../secret").is_err());
        assert!(project.confine("not-yet/there.xml").is_ok());
        // With a `.git` above (a folder, or a file in a linked work tree),
        // the whole work tree is the project.
        fs::write(repo.join(".git"), "gitdir: elsewhere\n").expect("write");
        let project = Project::new(&sub);
        assert_eq!(project.root(), repo);
        assert_eq!(project.confine("../lcov.info"), Ok(repo.join("lcov.info")));
        assert!(project.confine("../../secret").is_err());
        assert!(project.confine("link").is_err());
    }

    /// A folder on the way swapped for a symlink out of the project between
    /// the check of the path and its opening: the file outside is refused
    /// unread, and a file opened elsewhere is not taken for the one inside.
    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_link_out_after_the_check_is_not_read() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let base = fs::canonicalize(dir.path()).expect("real").join("p");
        fs::create_dir_all(base.join("reports")).expect("mkdir");
        fs::write(base.join("reports/lcov.info"), "inside").expect("write");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        fs::write(elsewhere.join("lcov.info"), "SECRET").expect("write");
        let project = Project::new(&base);
        let text = |path: &Path| {
            read(&project, path, "reports/lcov.info".into(), |mut r| {
                let mut s = String::new();
                r.read_to_string(&mut s).map(|_| s)
            })
            .read
        };
        let real = project.confine("reports/lcov.info").expect("inside");
        assert_eq!(text(&real), Ok("inside".to_owned()));
        fs::rename(base.join("reports"), base.join("kept")).expect("move");
        symlink(&elsewhere, base.join("reports")).expect("symlink");
        let refused = text(&real).expect_err("outside now");
        assert!(refused.starts_with(OUTSIDE), "{refused}");
        // Swapped back after the opening: the file opened is not the one
        // the path leads to.
        let opened = File::open(elsewhere.join("lcov.info")).expect("open");
        fs::remove_file(base.join("reports")).expect("rm");
        fs::rename(base.join("kept"), base.join("reports")).expect("move");
        let refused = project.holds(&real, &opened).expect_err("another file");
        assert!(refused.starts_with(OUTSIDE), "{refused}");
        assert_eq!(text(&real), Ok("inside".to_owned()));
    }
}

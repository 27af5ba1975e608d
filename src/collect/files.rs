//! Reading evidence files: paths and globs relative to the manifest's
//! folder, confined to the project (docs/trust.md, `docs/manifest.md` "Evidence
//! stays inside the project"), a size limit, the file's modification time,
//! and every way a file can be unusable (missing, a directory, a FIFO,
//! unreadable, outside the project) turned into a reason for the gate's
//! detail rather than an error.
//!
//! The project is the git work tree holding the manifest (found by walking
//! up to a `.git`, without running git), else the manifest's folder. A path
//! is inside when its real path (symlinks resolved) is; a path outside is
//! never opened. Globs are walked with `walkdir` (symlinks followed, loops
//! detected, no folder entered twice) and matched with `globset`; a walk
//! stops after [`MAX_VISITED`] entries.

use std::collections::HashSet;
use std::fmt::Display;
use std::fs::{self, File};
use std::io::{self, BufReader, Read as _};
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use crate::evidence::FileEvidence;
use crate::manifest::diagnostics::strip_controls;
use crate::manifest_file::{kind_name, open_nonblocking};

/// Files larger than this are refused (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// A glob matching more files than this is refused.
pub const MAX_MATCHES: usize = 10_000;
/// A glob whose files hold more than this in all (1 GiB) is refused: 10,000
/// files of 256 MiB each would be hours of reading.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// A glob walk visiting more entries (files and folders) than this is
/// stopped, and the gate is unknown.
pub const MAX_VISITED: usize = 100_000;
/// The longest glob compiled (4 KiB, a path's length): `globset` panics
/// when a glob's regex outgrows its size limit, which some 100,000 `*` do.
pub const MAX_GLOB_BYTES: usize = 4096;
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
    base: PathBuf,
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
    fn leaves(&self, path: &Path) -> Option<String> {
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
fn normalize(path: &Path) -> PathBuf {
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

/// Whether a pattern holds glob syntax (`*`, `?`, `[`, `{`).
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '[', '{'])
}

/// A manifest path made absolute: relative paths are from `base`.
pub fn resolve(base: &Path, path: &str) -> PathBuf {
    base.join(path)
}

/// How a glob matches, wherever one is matched (walking here, and the watch
/// telling whether a changed path is one of its matches): case counts, `*`
/// never crosses a `/`, `**` spans folders, a leading dot needs no literal
/// dot, `{a,b}` is either.
pub fn glob(pattern: &str) -> Result<GlobMatcher, String> {
    if pattern.len() > MAX_GLOB_BYTES {
        return Err(format!("longer than {MAX_GLOB_BYTES} bytes"));
    }
    compile(pattern)
}

/// A glob compiled, whatever its length (the caller bounds it).
fn compile(pattern: &str) -> Result<GlobMatcher, String> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| e.kind().to_string())
}

/// A glob relative to `base` made absolute (`base` escaped).
pub fn full_pattern(base: &Path, pattern: &str) -> String {
    if Path::new(pattern).is_absolute() {
        pattern.to_owned()
    } else {
        let prefix = globset::escape(&base.to_string_lossy());
        format!("{}/{pattern}", prefix.trim_end_matches('/'))
    }
}

/// A glob relative to `base`, matching absolute paths (the watch's filter).
pub fn full_glob(base: &Path, pattern: &str) -> Option<GlobMatcher> {
    // The folder's part is escaped text: only the manifest's part is bounded.
    if pattern.len() > MAX_GLOB_BYTES {
        return None;
    }
    compile(&full_pattern(base, pattern)).ok()
}

/// The files a glob matches under `base`, sorted; directories are skipped.
pub fn expand(base: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    walk(&Project::new(base), pattern)
}

/// The files a glob matches in the project, sorted; directories are
/// skipped, loops and folders seen before are not entered. `Err` says why
/// the glob gives no answer: it is malformed, it leaves the project (its
/// literal folder, or a symlink met on the way, leads outside), it matches
/// more than [`MAX_MATCHES`] files or the walk visits more than
/// [`MAX_VISITED`] entries.
pub fn walk(project: &Project, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let matcher = glob(pattern).map_err(|e| format!("bad glob {pattern}: {e}"))?;
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let literal = parts.iter().take_while(|p| !is_glob(p)).count();
    let literal = literal.min(parts.len().saturating_sub(1));
    let rest = &parts[literal..];
    let mut start = if Path::new(pattern).is_absolute() {
        PathBuf::from("/")
    } else {
        project.base.clone()
    };
    start.extend(&parts[..literal]);
    let absolute = Path::new(pattern).is_absolute();
    let mut prefix = parts[..literal].join("/");
    if absolute {
        prefix.insert(0, '/');
    } else if prefix.is_empty() {
        prefix.push('.');
    }
    if let Err(reason) = project.confine(&prefix) {
        return Err(format!("{pattern}: {reason}"));
    }
    if !start.is_dir() {
        return Ok(Vec::new());
    }
    // Sorted, so that of two links to one folder the same one is entered
    // every time.
    let mut walker = walkdir::WalkDir::new(&start)
        .follow_links(true)
        .sort_by_file_name();
    if !rest.contains(&"**") {
        walker = walker.max_depth(rest.len());
    }
    let mut visited = 0usize;
    let mut folders = HashSet::new();
    let mut files = Vec::new();
    let mut total = 0u64;
    let mut entries = walker.into_iter();
    while let Some(entry) = entries.next() {
        // An unreadable folder or a symlink loop on the way is skipped, as
        // a shell would.
        let Ok(entry) = entry else { continue };
        visited += 1;
        if visited > MAX_VISITED {
            return Err(format!(
                "{pattern}: the walk visited more than {MAX_VISITED} entries; narrow the glob"
            ));
        }
        let path = entry.path();
        if entry.path_is_symlink()
            && let Some(reason) = project.leaves(path)
        {
            let name = display_name(&project.base, path);
            return Err(format!("{name}: {reason}"));
        }
        if entry.file_type().is_dir() {
            // Two links to one folder: entered once.
            if !folders.insert(folder_id(&entry)) {
                entries.skip_current_dir();
            }
            continue;
        }
        let relative = if absolute {
            path
        } else {
            path.strip_prefix(&project.base).unwrap_or(path)
        };
        if !matcher.is_match(relative) {
            continue;
        }
        files.push(path.to_owned());
        if files.len() > MAX_MATCHES {
            return Err(format!(
                "{pattern} matches more than {MAX_MATCHES} files; narrow it"
            ));
        }
        // Sizes as the walk saw them (through symlinks): the read of each
        // file is bounded again by its own handle.
        total = total.saturating_add(entry.metadata().map_or(0, |m| m.len()));
        if total > MAX_TOTAL_BYTES {
            return Err(format!(
                "{pattern}: the files it matches hold more than {} MiB; narrow it",
                MAX_TOTAL_BYTES / 1024 / 1024
            ));
        }
    }
    files.sort();
    Ok(files)
}

/// What tells two folders apart whatever the path: device and inode.
#[cfg(unix)]
fn folder_id(entry: &walkdir::DirEntry) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt as _;
    entry.metadata().map_or((0, 0), |m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(entry: &walkdir::DirEntry) -> PathBuf {
    fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().to_owned())
}

/// How a matched file is named in details: relative to `base` when inside it.
pub fn display_name(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The folder a glob's matches live under (its literal leading components),
/// and whether matches may lie deeper than that folder's own entries.
pub fn glob_folder(base: &Path, pattern: &str) -> (PathBuf, bool) {
    let mut folder = if Path::new(pattern).is_absolute() {
        PathBuf::from("/")
    } else {
        base.to_owned()
    };
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    let literal = parts.iter().take_while(|p| !is_glob(p)).count();
    for part in &parts[..literal.min(parts.len().saturating_sub(1))] {
        folder.push(part);
    }
    let rest = parts.len() - literal.min(parts.len().saturating_sub(1));
    (folder, rest > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_folders() {
        let base = Path::new("/repo");
        assert_eq!(
            glob_folder(base, "reports/*.xml"),
            (PathBuf::from("/repo/reports"), false)
        );
        assert_eq!(
            glob_folder(base, "target/**/junit.xml"),
            (PathBuf::from("/repo/target"), true)
        );
        assert_eq!(glob_folder(base, "*.xml"), (PathBuf::from("/repo"), false));
        assert_eq!(
            glob_folder(base, "a/*/b.xml"),
            (PathBuf::from("/repo/a"), true)
        );
        assert_eq!(
            glob_folder(base, "/abs/*.xml"),
            (PathBuf::from("/abs"), false)
        );
    }

    #[test]
    fn globs_match_as_documented() {
        let g = glob("reports/**/*.xml").expect("valid");
        assert!(g.is_match("reports/a.xml"));
        assert!(g.is_match("reports/x/y/.hidden.xml"));
        assert!(!g.is_match("reports.xml"));
        let g = glob("*.xml").expect("valid");
        assert!(!g.is_match("a/b.xml"), "`*` never crosses a `/`");
        assert!(!g.is_match("A.XML"), "case counts");
        assert!(glob("a/{b,c}.xml").expect("valid").is_match("a/c.xml"));
        assert!(glob("a/[b.xml").is_err());
        // At the bound a glob compiles; past it, it is refused instead of
        // panicking in globset.
        assert!(glob(&"*".repeat(MAX_GLOB_BYTES)).is_ok());
        let long = glob(&"*".repeat(100_000)).expect_err("too long");
        assert_eq!(long, "longer than 4096 bytes");
    }

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

    #[cfg(unix)]
    #[test]
    fn walks_loops_once_and_stops_at_links_out() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let base = fs::canonicalize(dir.path()).expect("real").join("p");
        let d = base.join("d");
        fs::create_dir_all(d.join("e")).expect("mkdir");
        fs::write(d.join("e/one.xml"), "").expect("write");
        symlink(".", d.join("a")).expect("symlink");
        symlink(".", d.join("b")).expect("symlink");
        symlink("e", d.join("f")).expect("symlink");
        let project = Project::new(&base);
        let found = walk(&project, "d/**/*.xml").expect("walked");
        // `e` is entered once: through itself or through `f`, not both.
        assert_eq!(found.len(), 1, "{found:?}");
        // A link to an ancestor is a loop, skipped; a link elsewhere out of
        // the project stops the walk.
        symlink(dir.path(), d.join("loop")).expect("symlink");
        assert_eq!(walk(&project, "d/**/*.xml").expect("walked").len(), 1);
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        symlink(&elsewhere, d.join("out")).expect("symlink");
        let error = walk(&project, "d/**/*.xml").expect_err("a link out");
        assert!(error.starts_with("d/out: outside the project"), "{error}");
        let error = walk(&project, "../*.xml").expect_err("`..` out");
        assert!(error.contains(OUTSIDE), "{error}");
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

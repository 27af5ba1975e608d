//! Evidence globs (docs/manifest.md, "Gate criteria"): how a glob matches
//! (`globset`: case counts, `*` never crosses a `/`, `**` spans folders),
//! the folder its matches live under (what the watch watches for it), and
//! the bounded walk that finds its files inside the project (`walkdir`:
//! symlinks followed, loops detected, no folder entered twice, at most
//! [`MAX_VISITED`] entries and [`MAX_MATCHES`] files).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobMatcher};

use super::files::Project;

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
    std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().to_owned())
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
    use std::fs;

    use super::super::files::OUTSIDE;
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
}

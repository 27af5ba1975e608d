//! Reading evidence files: paths and globs relative to the manifest's
//! folder, a size limit, the file's modification time, and every way a file
//! can be unusable (missing, a directory, a FIFO, unreadable) turned into a
//! reason for the gate's detail rather than an error.

use std::fmt::Display;
use std::fs::{self, File};
use std::io::{self, BufReader, Read as _};
use std::path::{Path, PathBuf};

use crate::evidence::FileEvidence;

/// Files larger than this are refused (256 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// A glob matching more files than this is refused.
pub const MAX_MATCHES: usize = 10_000;
/// How a glob matches, wherever one is matched (expanding it here, and the
/// watch telling whether a changed path is one of its matches): case
/// counts, `*` never crosses a `/`, a leading dot needs no literal dot.
pub const MATCH_OPTIONS: glob::MatchOptions = glob::MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};
/// The read buffer.
const BUFFER: usize = 64 * 1024;

/// Reads one evidence file with `parse`, never failing: what goes wrong
/// becomes the evidence's `read` error.
pub fn read<T, E: Display>(
    path: &Path,
    name: String,
    parse: impl FnOnce(BufReader<io::Take<File>>) -> Result<T, E>,
) -> FileEvidence<T> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            return FileEvidence {
                name,
                modified: None,
                read: Err(io_reason(&e)),
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
        return refuse("not a regular file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return refuse(format!(
            "{} MiB; evidence files over {} MiB are refused",
            meta.len().div_ceil(1024 * 1024),
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return refuse(io_reason(&e)),
    };
    // The file may grow after the size check: read no more than the limit.
    let input = BufReader::with_capacity(BUFFER, file.take(MAX_FILE_BYTES));
    FileEvidence {
        name,
        modified,
        read: parse(input).map_err(|e| e.to_string()),
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

/// Whether a pattern holds glob syntax (`*`, `?`, `[`).
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

/// A manifest path made absolute: relative paths are from `base`.
pub fn resolve(base: &Path, path: &str) -> PathBuf {
    base.join(path)
}

/// A glob relative to `base` made absolute (`base` escaped).
pub fn full_pattern(base: &Path, pattern: &str) -> String {
    if Path::new(pattern).is_absolute() {
        pattern.to_owned()
    } else {
        let prefix = glob::Pattern::escape(&base.to_string_lossy());
        format!("{}/{pattern}", prefix.trim_end_matches('/'))
    }
}

/// The files a glob matches under `base`, sorted; directories are skipped.
pub fn expand(base: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let full = full_pattern(base, pattern);
    let paths =
        glob::glob_with(&full, MATCH_OPTIONS).map_err(|e| format!("bad glob {pattern}: {e}"))?;
    let mut files = Vec::new();
    for entry in paths {
        // An unreadable folder on the way is skipped, as a shell would.
        let Ok(path) = entry else { continue };
        if path.is_dir() {
            continue;
        }
        files.push(path);
        if files.len() > MAX_MATCHES {
            return Err(format!(
                "{pattern} matches more than {MAX_MATCHES} files; narrow it"
            ));
        }
    }
    files.sort();
    Ok(files)
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
}

//! Which files make the portfolio (docs/portfolio.md, "Members"): the
//! FILEs given, and below each folder given every `readiness.toml`, found
//! as ripgrep finds files — with the `ignore` crate, honouring
//! `.gitignore`, `.ignore` and hidden folders, in or out of a git
//! repository, so that `target/`, `node_modules/` and vendored copies are
//! skipped. Symlinks are followed and a loop is skipped (as the walk of an
//! evidence glob does); a walk that visits more than [`MAX_VISITED`]
//! entries, or finds more than [`MAX_MEMBERS`] members, is refused
//! (docs/trust.md, "Every read is bounded").

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::manifest_file::DEFAULT_FILE;

pub use crate::collect::glob::MAX_VISITED;

/// The most members a portfolio holds.
pub const MAX_MEMBERS: usize = 10_000;

/// What kind of member a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Manifest,
    /// A `*.json` file: a report written by `readiness report --format json`.
    Report,
}

/// A member to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: PathBuf,
    /// The path for people: as given, or relative to the folder searched.
    pub shown: String,
    pub kind: Kind,
}

/// Whether these arguments make a portfolio rather than one project:
/// several of them, a folder, or a JSON report.
pub fn is_portfolio(args: &[PathBuf]) -> bool {
    args.len() > 1
        || args
            .iter()
            .any(|a| a.is_dir() || kind_of(a) == Kind::Report)
}

/// The kind a file's name says it is.
pub fn kind_of(path: &Path) -> Kind {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if json { Kind::Report } else { Kind::Manifest }
}

/// The members the arguments name, in order: each file as given (a missing
/// one stays, to be shown as missing), each folder's manifests sorted by
/// path. A file reached twice (given twice, or through a symlink) counts
/// once. `Err` names the bound that was crossed.
pub fn discover(args: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut visited = 0usize;
    for arg in args {
        if arg.is_dir() {
            for path in walk(arg, &mut visited)? {
                let shown = shown_below(arg, &path);
                push(&mut out, &mut seen, path, shown, Kind::Manifest);
            }
        } else {
            let shown = arg.display().to_string();
            push(&mut out, &mut seen, arg.clone(), shown, kind_of(arg));
        }
        if out.len() > MAX_MEMBERS {
            return Err(format!(
                "more than {MAX_MEMBERS} members; give fewer folders or files"
            ));
        }
    }
    Ok(out)
}

fn push(
    out: &mut Vec<Found>,
    seen: &mut HashSet<PathBuf>,
    path: PathBuf,
    shown: String,
    kind: Kind,
) {
    let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if seen.insert(key) {
        out.push(Found { path, shown, kind });
    }
}

/// `folder/services/api/readiness.toml` shown as it would be typed from
/// where `readiness` runs: the folder as given, then the rest.
fn shown_below(folder: &Path, path: &Path) -> String {
    let rest = path.strip_prefix(folder).unwrap_or(path);
    if folder == Path::new(".") {
        rest.display().to_string()
    } else {
        folder.join(rest).display().to_string()
    }
}

/// Every `readiness.toml` below `folder`, sorted by path.
fn walk(folder: &Path, visited: &mut usize) -> Result<Vec<PathBuf>, String> {
    let walker = ignore::WalkBuilder::new(folder)
        .follow_links(true)
        // `.gitignore` counts outside a git repository too: a copy of a
        // service under an ignored `vendor/` is not a project of the
        // portfolio wherever it lies.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    let mut found = Vec::new();
    for entry in walker {
        // A symlink loop or an unreadable folder on the way is skipped, as
        // the walk of an evidence glob skips it.
        let Ok(entry) = entry else { continue };
        *visited += 1;
        if *visited > MAX_VISITED {
            return Err(format!(
                "{}: the search visited more than {MAX_VISITED} entries; give the projects' folders or files instead",
                folder.display()
            ));
        }
        // Not only regular files: a FIFO or a device by that name is a
        // member its row shows as unreadable, never read.
        let is_dir = entry.file_type().is_none_or(|t| t.is_dir());
        if !is_dir && entry.file_name() == DEFAULT_FILE {
            found.push(entry.into_path());
            if found.len() > MAX_MEMBERS {
                return Err(format!(
                    "{}: more than {MAX_MEMBERS} manifests; give fewer folders",
                    folder.display()
                ));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "").unwrap();
    }

    #[test]
    fn finds_every_manifest_below_a_folder_but_the_ignored_ones() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("services/b/readiness.toml"));
        touch(&root.join("services/a/readiness.toml"));
        touch(&root.join("services/a/notes.toml"));
        touch(&root.join("target/copy/readiness.toml"));
        touch(&root.join("node_modules/x/readiness.toml"));
        fs::write(root.join(".gitignore"), "target/\nnode_modules/\n").unwrap();
        let found = discover(&[root.to_owned()]).unwrap();
        let paths: Vec<&Path> = found
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap())
            .collect();
        assert_eq!(
            paths,
            [
                Path::new("services/a/readiness.toml"),
                Path::new("services/b/readiness.toml")
            ]
        );
        assert!(found.iter().all(|f| f.kind == Kind::Manifest));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_skipped_and_a_file_given_twice_counts_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a/readiness.toml"));
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        let found = discover(&[root.to_owned(), root.join("a/readiness.toml")]).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn files_are_kept_as_given_and_json_is_a_report() {
        let args = [
            PathBuf::from("missing.toml"),
            PathBuf::from("ci/alpha.json"),
        ];
        let found = discover(&args).unwrap();
        assert_eq!(found[0].kind, Kind::Manifest);
        assert_eq!(found[1].kind, Kind::Report);
        assert_eq!(found[1].shown, "ci/alpha.json");
        assert!(is_portfolio(&args));
        assert!(!is_portfolio(&[PathBuf::from("readiness.toml")]));
        assert!(is_portfolio(&[PathBuf::from("x.json")]));
    }
}

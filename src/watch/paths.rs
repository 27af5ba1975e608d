//! Which paths concern the watch and which folders to watch for them: the
//! manifest as given, its resolved target, every symbolic link met on the
//! way to it (so that `ln -sfn releases/2 current`, or a Kubernetes
//! ConfigMap's `..data` swap, is seen in the folder holding the link), and
//! the evidence targets; and the filter that tells whether an event's path
//! is one of them.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::collect::{WatchTarget, glob};

/// A folder's identity (device, inode), to notice it was replaced.
pub type FileId = Option<(u64, u64)>;

pub fn file_id(path: &Path) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).ok().map(|_| (0, 0))
    }
}

/// Symbolic links followed past before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// A path component, owned.
enum Part {
    /// The root (or a Windows prefix): resolution restarts there.
    Root(std::ffi::OsString),
    Parent,
    Name(std::ffi::OsString),
}

fn parts(path: &Path) -> Vec<Part> {
    path.components()
        .filter_map(|c| match c {
            Component::RootDir | Component::Prefix(_) => Some(Part::Root(c.as_os_str().to_owned())),
            Component::CurDir => None,
            Component::ParentDir => Some(Part::Parent),
            Component::Normal(name) => Some(Part::Name(name.to_owned())),
        })
        .collect()
}

/// Every symbolic link met while resolving `path` (absolute), in order: a
/// link in a folder on the way, the link that is the file itself, and the
/// links their targets lead through.
pub fn links(path: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = parts(path);
    pending.reverse();
    let mut resolved = PathBuf::new();
    while let Some(part) = pending.pop() {
        match part {
            Part::Root(root) => resolved.push(root),
            Part::Parent => {
                resolved.pop();
            }
            Part::Name(name) => {
                let candidate = resolved.join(&name);
                let target = if found.len() < MAX_LINKS {
                    fs::read_link(&candidate).ok()
                } else {
                    None
                };
                match target {
                    Some(target) => {
                        found.push(candidate);
                        if target.is_absolute() {
                            resolved = PathBuf::new();
                        }
                        // The target's parts come next, before the rest.
                        let mut more = parts(&target);
                        more.reverse();
                        pending.extend(more);
                    }
                    None => resolved = candidate,
                }
            }
        }
    }
    found
}

/// The evidence targets, compiled for the event filter, and the manifest's
/// paths.
#[derive(Default)]
pub struct Extra {
    pub targets: Vec<WatchTarget>,
    patterns: Vec<globset::GlobMatcher>,
    /// The manifest as given, its resolved target when it is a symlink, and
    /// every link on the way.
    pub manifest_paths: Vec<PathBuf>,
}

impl Extra {
    pub fn set(&mut self, targets: Vec<WatchTarget>) {
        self.patterns = targets
            .iter()
            .filter_map(|t| match t {
                WatchTarget::Glob { base, pattern, .. } => glob::full_glob(base, pattern),
                WatchTarget::File(_) => None,
            })
            .collect();
        self.targets = targets;
    }

    /// Whether a path is the manifest, or a folder on the way to it (its
    /// folder moved, deleted or created again).
    pub fn is_manifest(&self, path: &Path) -> bool {
        self.manifest_paths.iter().any(|m| m.starts_with(path))
    }

    /// Whether a path is a target, matches a glob, or is a folder on the way
    /// to one (its creation matters).
    pub fn concerns(&self, path: &Path) -> bool {
        self.patterns.iter().any(|p| p.is_match(path))
            || self.targets.iter().any(|t| match t {
                WatchTarget::File(file) => file == path || file.starts_with(path),
                WatchTarget::Glob { folder, .. } => folder.starts_with(path),
            })
    }
}

/// The folders to watch for the manifest (and its symlink's target), the
/// links on the way to it and the evidence targets: each one's folder, or its nearest existing ancestor (not
/// recursively) while it does not exist. A folder reached by two paths is
/// watched once. Also returns the manifest's own folders (a failure to watch
/// them means polling).
pub fn folders(
    manifest: &Path,
    canonical: Option<&Path>,
    links: &[PathBuf],
    targets: &[WatchTarget],
) -> (HashMap<PathBuf, bool>, Vec<PathBuf>) {
    let mut wanted: Vec<(PathBuf, bool)> = Vec::new();
    let mut own = Vec::new();
    let mut add = |folder: &Path, recursive: bool, is_own: bool| {
        let Some(existing) = folder.ancestors().find(|a| a.is_dir()) else {
            return;
        };
        let recursive = recursive && existing == folder;
        let id = file_id(existing);
        let same = wanted
            .iter_mut()
            .find(|(f, _)| f == existing || (id.is_some() && file_id(f) == id));
        match same {
            Some((f, r)) => {
                *r |= recursive;
                if is_own {
                    own.push(f.clone());
                }
            }
            None => {
                wanted.push((existing.to_owned(), recursive));
                if is_own {
                    own.push(existing.to_owned());
                }
            }
        }
    };
    for path in std::iter::once(manifest).chain(canonical) {
        if let Some(parent) = path.parent() {
            add(parent, false, true);
        }
    }
    // A link swapped for another is an event in the folder holding it.
    for link in links {
        if let Some(parent) = link.parent() {
            add(parent, false, false);
        }
    }
    for target in targets {
        match target {
            WatchTarget::File(file) => {
                if let Some(parent) = file.parent() {
                    add(parent, false, false);
                }
            }
            WatchTarget::Glob {
                folder, recursive, ..
            } => add(folder, *recursive, false),
        }
    }
    (wanted.into_iter().collect(), own)
}

//! Reading the manifest file: the one place the shells touch the disk for
//! it, with errors that say what to do.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file the commands read when none is given.
pub const DEFAULT_FILE: &str = "readiness.toml";

/// Why the manifest cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is a directory; give the manifest file, e.g. {}", .0.display(), .0.join(DEFAULT_FILE).display())]
    Directory(PathBuf),
    #[error("cannot read {}: no such file (create one with `readiness init {}`)", .0.display(), .0.display())]
    Missing(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot read {}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
}

/// The manifest's text.
pub fn read(path: &Path) -> Result<String, ReadError> {
    if path.is_dir() {
        return Err(ReadError::Directory(path.to_owned()));
    }
    let bytes = fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => ReadError::Missing(path.to_owned()),
        _ => ReadError::Io {
            path: path.to_owned(),
            source,
        },
    })?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })
}

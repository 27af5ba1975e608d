//! Reading the manifest file: the one place the shells touch the disk for
//! it, with errors that say what to do. Every read is bounded (docs/trust.md,
//! `docs/manifest.md` "Limits"): only a regular file of at most
//! [`MAX_BYTES`] is read, its type and size taken from the opened handle
//! (so a swap between a check and the read cannot slip a device or a FIFO
//! in), never more than the limit plus one byte read, and nothing opened in
//! a way that can block (a FIFO is opened non-blocking).

use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// The file the commands read when none is given.
pub const DEFAULT_FILE: &str = "readiness.toml";

/// The largest manifest read: 64 MiB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why the manifest cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} is a directory; give the manifest file, e.g. {}", .0.display(), .0.join(DEFAULT_FILE).display())]
    Directory(PathBuf),
    #[error("cannot read {}: no such file (create one with `readiness init {}`)", .0.display(), .0.display())]
    Missing(PathBuf),
    #[error("cannot read {}: it is {kind}, not a regular file", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("cannot read {}: {} MiB; manifests over {} MiB are refused", path.display(), size.div_ceil(1024 * 1024), MAX_BYTES / 1024 / 1024)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("cannot read {}: {}", path.display(), io_phrase(source))]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot read {}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
}

/// An I/O error as a person reads it: permission denied with what to check,
/// any other as the system words it.
fn io_phrase(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => {
            "permission denied (check the file's mode and owner with `ls -l`)".to_owned()
        }
        _ => e.to_string(),
    }
}

/// The manifest's text: a regular file of at most [`MAX_BYTES`], UTF-8.
pub fn read(path: &Path) -> Result<String, ReadError> {
    read_limited(path, MAX_BYTES)
}

/// [`read`] with another size limit (the tests use a small one).
pub fn read_limited(path: &Path, limit: u64) -> Result<String, ReadError> {
    let io_error = |source: io::Error| match source.kind() {
        io::ErrorKind::NotFound => ReadError::Missing(path.to_owned()),
        _ => ReadError::Io {
            path: path.to_owned(),
            source,
        },
    };
    // The type first, through symlinks, without opening: a directory, a FIFO
    // or a device is refused before anything could block on it.
    let meta = fs::metadata(path).map_err(io_error)?;
    refuse_kind(path, &meta)?;
    let file = open_nonblocking(path).map_err(io_error)?;
    // Then again on the handle: the file opened is the file read.
    let meta = file.metadata().map_err(io_error)?;
    refuse_kind(path, &meta)?;
    let too_large = |size| ReadError::TooLarge {
        path: path.to_owned(),
        size,
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    // The file may grow after the check: read at most one byte past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Refuses anything but a regular file, naming what it is.
fn refuse_kind(path: &Path, meta: &fs::Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ReadError::Directory(path.to_owned()));
    }
    Err(ReadError::NotAFile {
        path: path.to_owned(),
        kind: kind_name(&kind),
    })
}

/// What a file that is not a regular file is, for people.
pub fn kind_name(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        return "a directory";
    }
    "not a regular file"
}

/// Opens for reading without blocking on a FIFO whose writer never comes.
pub fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_file_at_the_limit_and_refuses_one_byte_more() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("readiness.toml");
        fs::write(&file, "a = 1\n").expect("write");
        assert_eq!(read_limited(&file, 6).expect("read"), "a = 1\n");
        let error = read_limited(&file, 5).expect_err("too large");
        assert!(
            matches!(error, ReadError::TooLarge { size: 6, .. }),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .contains("manifests over 64 MiB are refused")
        );
    }

    /// (Made by hand: a test run as root reads any file, so the binary
    /// cannot be shown one it may not read.)
    #[test]
    fn permission_denied_says_what_to_check() {
        let error = ReadError::Io {
            path: PathBuf::from("m.toml"),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert_eq!(
            error.to_string(),
            "cannot read m.toml: permission denied (check the file's mode and owner with `ls -l`)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_symlinks_to_them_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("readiness.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        let error = read(&link).expect_err("a device");
        assert!(
            error
                .to_string()
                .contains("a character device, not a regular file"),
            "{error}"
        );
        assert!(matches!(read(dir.path()), Err(ReadError::Directory(_))));
        assert!(matches!(
            read(&dir.path().join("none.toml")),
            Err(ReadError::Missing(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    #[allow(clippy::disallowed_macros)] // test output, not the product's
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("readiness.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let error = read(&fifo).expect_err("a FIFO");
        assert!(error.to_string().contains("a FIFO"), "{error}");
        // Opened non-blocking, the FIFO itself does not block either.
        assert!(open_nonblocking(&fifo).is_ok());
    }
}

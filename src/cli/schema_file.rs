//! The schema file `init` leaves beside a new manifest, so that the
//! starter's first line, `#:schema ./readiness.schema.json` (Taplo's
//! directive, which Even Better TOML follows), finds it: completion and
//! validation in the editor from the first keystroke.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The file name the starter's directive names.
pub const SCHEMA_FILE: &str = "readiness.schema.json";

/// Writes the schema beside `manifest` unless a file of that name is there
/// (never overwritten). Returns the path written, `None` when it left it.
pub fn write_beside(manifest: &Path) -> Result<Option<PathBuf>, std::io::Error> {
    let dir = manifest.parent().unwrap_or(Path::new(""));
    let path = dir.join(SCHEMA_FILE);
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut f) => {
            f.write_all(crate::json_schema::render().as_bytes())?;
            Ok(Some(path))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
        Err(e) => Err(e),
    }
}

/// Says what `init` did with the schema; a failure is only a note: the
/// manifest is written and works without it.
pub fn report(manifest: &Path) {
    match write_beside(manifest) {
        Ok(Some(path)) => crate::sink::stdout_line(&format!(
            "wrote {}: the JSON Schema its `#:schema` line names, for editor completion (`readiness schema` prints it again)",
            path.display()
        )),
        Ok(None) => {}
        Err(e) => crate::sink::stderr_line(&format!(
            "note: cannot write {SCHEMA_FILE} beside it ({e}); `readiness schema > {SCHEMA_FILE}` makes it"
        )),
    }
}

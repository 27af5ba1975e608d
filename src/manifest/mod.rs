//! The manifest: its schema, loading from text with spans kept, validation and
//! diagnostics. Pure: text in, a [`Manifest`] or every diagnostic out.

pub mod diagnostics;
pub mod estimate;
pub mod graph;
pub mod load;
pub mod raw;
pub mod roster;
pub mod schema;
pub mod size;
pub mod suggest;
pub mod validate;

pub use diagnostics::{Diagnostic, SourceMap};
pub use schema::*;

/// A manifest that passed validation, with the warnings it raised.
#[derive(Debug, Clone)]
pub struct Checked {
    pub manifest: Manifest,
    pub warnings: Vec<Diagnostic>,
}

/// Parses and validates manifest text. `Err` holds every error (and warning),
/// in the order they appear in the file.
pub fn load(text: &str) -> Result<Checked, Vec<Diagnostic>> {
    load_mapped(text, &SourceMap::new(text))
}

/// [`load`] with the text's line map already built; every diagnostic located.
pub fn load_mapped(text: &str, map: &SourceMap) -> Result<Checked, Vec<Diagnostic>> {
    let (raw, mut diagnostics) = match load::parse(text) {
        Ok(parsed) => parsed,
        Err(mut syntax) => {
            sort_by_position(&mut syntax);
            map.locate(&mut syntax);
            return Err(syntax);
        }
    };
    let (manifest, more) = validate::validate(raw, map);
    diagnostics.extend(more);
    sort_by_position(&mut diagnostics);
    map.locate(&mut diagnostics);
    match manifest {
        Some(manifest) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(Checked {
            manifest,
            warnings: diagnostics,
        }),
        _ => Err(diagnostics),
    }
}

/// File-wide diagnostics first, then by position; stable for equal positions.
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| s.start as i64).unwrap_or(-1));
}

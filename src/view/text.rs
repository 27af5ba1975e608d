//! Manifest text made safe to show: control characters (escape sequences
//! included) and bidirectional controls removed, tabs turned into spaces.
//! The view cleans every string it holds once, when it is built, so a pane
//! or a report never draws raw manifest text.

use crate::manifest::diagnostics::strip_controls;

/// `text` without control or bidirectional characters, tabs as spaces.
pub fn clean(text: &str) -> String {
    strip_controls(text).replace('\t', " ")
}

/// Up to `max` ids, then how many more (`a, b, c +4 more`), cleaned.
pub fn list_ids<S: AsRef<str>>(ids: &[S], max: usize) -> String {
    clean(&crate::model::format::list_ids(ids, max))
}

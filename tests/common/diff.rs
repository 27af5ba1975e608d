//! The lines two texts differ in, for the edit tests (tests/set.rs,
//! tests/edit_core.rs, tests/add.rs, tests/add_core.rs) and the docs'
//! samples (tests/doc_samples.rs): everything between their common first
//! and last lines.

#![allow(dead_code)]

/// (old lines, new lines) between the common first and last lines, each
/// line with its ending (so a CRLF shows).
pub fn diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let (prefix, suffix) = common(&a, &b);
    (
        lines(&a[prefix..a.len() - suffix]),
        lines(&b[prefix..b.len() - suffix]),
    )
}

/// The lines `new` adds to `old`, compared without their endings, when
/// every line of `old` is in `new` unchanged and the added lines are one
/// run; `None` when a line of `old` changed or went.
pub fn added_lines(old: &str, new: &str) -> Option<Vec<String>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (prefix, suffix) = common(&a, &b);
    (prefix + suffix == a.len()).then(|| lines(&b[prefix..b.len() - suffix]))
}

/// How many lines the two have in common at the start, and then at the end.
fn common(a: &[&str], b: &[&str]) -> (usize, usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (prefix, suffix)
}

/// Owned lines, for comparing with [`diff`]'s.
pub fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

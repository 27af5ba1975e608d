//! The lines two texts differ in, for the edit tests (tests/set.rs,
//! tests/edit_core.rs): everything between their common first and last
//! lines, each line with its ending (so a CRLF shows).

/// (old lines, new lines) between the common first and last lines.
pub fn diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        lines(&a[prefix..a.len() - suffix]),
        lines(&b[prefix..b.len() - suffix]),
    )
}

/// Owned lines, for comparing with [`diff`]'s.
pub fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

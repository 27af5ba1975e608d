//! "Did you mean" hints (`docs/manifest.md`, "Validation"): for a word that
//! names nothing (a key, a section, an id), the known name it most likely
//! mistypes. A name is offered when the word becomes it by deleting up to
//! two of the word's characters and up to one of the name's — one character
//! missing, extra, wrong or swapped, two extra, or one extra and one wrong —
//! and it is at most two edits away (one for words of four characters or
//! fewer). The closest wins, then the most alike (Jaro-Winkler), then the
//! first in alphabetical order.
//!
//! Found through an index of the names' one-character deletions (the
//! symmetric-delete method), so that hinting every one of 20,000 unknown
//! ids among 20,000 tasks costs time in proportion to their number, not to
//! its square. Each word examines at most [`MAX_EXAMINED`] names.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

/// The most candidate names one word is compared with.
pub const MAX_EXAMINED: usize = 1_000;
/// Words and names longer than this (in characters) get no hint.
const MAX_CHARS: usize = 64;

/// The known names of one kind, indexed for hints.
#[derive(Debug, Default)]
pub struct Suggest {
    names: Vec<Box<str>>,
    /// Indices in `names`, grouped by the hash of the name with at most one
    /// character deleted.
    deletions: Vec<u32>,
    /// Hash -> its group in `deletions`.
    buckets: FxHashMap<u64, (u32, u32)>,
}

impl Suggest {
    /// Indexes `names` (duplicates are harmless).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names: Vec<Box<str>> = names
            .into_iter()
            .filter(|n| n.chars().count() <= MAX_CHARS)
            .map(Box::from)
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut deletions = Vec::new();
        let mut chars = Vec::with_capacity(MAX_CHARS);
        for (i, name) in names.iter().enumerate() {
            chars.clear();
            chars.extend(name.chars());
            let i = i as u32;
            deletions.push((hash_chars(&chars, None), i));
            for skip in 0..chars.len() {
                deletions.push((hash_chars(&chars, Some(skip)), i));
            }
        }
        deletions.sort_unstable();
        deletions.dedup();
        let mut buckets = FxHashMap::default();
        for (at, &(hash, _)) in deletions.iter().enumerate() {
            let group = buckets.entry(hash).or_insert((at as u32, at as u32));
            group.1 = at as u32 + 1;
        }
        Suggest {
            names,
            deletions: deletions.into_iter().map(|(_, i)| i).collect(),
            buckets,
        }
    }

    /// `did you mean `name`?` for the closest name, when one is close enough.
    pub fn hint(&self, word: &str) -> Option<String> {
        self.closest(word).map(|n| format!("did you mean `{n}`?"))
    }

    /// The closest name to `word`, by the rule of the module.
    pub fn closest(&self, word: &str) -> Option<&str> {
        let chars: Vec<char> = word.chars().collect();
        if chars.is_empty() || chars.len() > MAX_CHARS || self.names.is_empty() {
            return None;
        }
        let limit = if chars.len() <= 4 { 1 } else { 2 };
        let mut examined: Vec<u32> = Vec::new();
        for variant in deletions_of(&chars, limit) {
            let Some(&(from, to)) = self.buckets.get(&variant) else {
                continue;
            };
            let room = MAX_EXAMINED.saturating_sub(examined.len());
            let group = &self.deletions[from as usize..to as usize];
            examined.extend(&group[..group.len().min(room)]);
        }
        examined.sort_unstable();
        examined.dedup();
        let mut best: Vec<&str> = Vec::new();
        let mut best_distance = limit + 1;
        let mut name_chars = Vec::with_capacity(MAX_CHARS);
        for i in examined {
            let name = &*self.names[i as usize];
            name_chars.clear();
            name_chars.extend(name.chars());
            let Some(d) = osa_within(&chars, &name_chars, limit.min(best_distance)) else {
                continue;
            };
            if d < best_distance {
                best_distance = d;
                best.clear();
            }
            best.push(name);
        }
        // Ties: the most alike, then the first in alphabetical order (the
        // names are sorted).
        let mut alike = best.into_iter().map(|n| (strsim::jaro_winkler(word, n), n));
        let first = alike.next()?;
        Some(alike.fold(first, |a, b| if b.0 > a.0 { b } else { a }).1)
    }
}

/// The closest of a few `candidates` (keys, sections, keywords): a
/// [`Suggest`] built for one word.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    Suggest::new(candidates).hint(word)
}

/// The hash of `chars` with the character at `skip` left out.
fn hash_chars(chars: &[char], skip: Option<usize>) -> u64 {
    hash_without(chars, skip.unwrap_or(usize::MAX), usize::MAX)
}

/// The hash of `chars` with the characters at `i` and `j` left out (an
/// index past the end leaves nothing out).
fn hash_without(chars: &[char], i: usize, j: usize) -> u64 {
    let mut h = FxHasher::default();
    let mut kept = 0usize;
    for (k, c) in chars.iter().enumerate() {
        if k != i && k != j {
            c.hash(&mut h);
            kept += 1;
        }
    }
    // The length separates "ab" from "a" + "b" hashed in another order.
    kept.hash(&mut h);
    h.finish()
}

/// Hashes of `chars` with up to `limit` characters deleted.
fn deletions_of(chars: &[char], limit: usize) -> Vec<u64> {
    let mut out = vec![hash_chars(chars, None)];
    for i in 0..chars.len() {
        out.push(hash_chars(chars, Some(i)));
        if limit >= 2 {
            out.extend((i + 1..chars.len()).map(|j| hash_without(chars, i, j)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The optimal-string-alignment distance (insert, delete, substitute, swap
/// two neighbours) between `a` and `b`, when it is at most `limit`; rows of
/// the table are dropped as soon as every cell exceeds the limit.
fn osa_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut lowest = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            lowest = lowest.min(d);
        }
        if lowest > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[width - 1];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_common_typos() {
        let keys = ["depends_on", "done", "estimate", "owner", "project"];
        let s = Suggest::new(keys);
        assert_eq!(s.closest("depend_on"), Some("depends_on"), "one missing");
        assert_eq!(s.closest("dependss_on"), Some("depends_on"), "one extra");
        assert_eq!(s.closest("depemds_on"), Some("depends_on"), "one wrong");
        assert_eq!(s.closest("depneds_on"), Some("depends_on"), "swapped");
        assert_eq!(s.closest("ddepends_onn"), Some("depends_on"), "two extra");
        assert_eq!(
            s.closest("dxepends_oo"),
            Some("depends_on"),
            "extra and wrong"
        );
        assert_eq!(s.closest("projcet"), Some("project"));
        assert_eq!(s.closest("onwer"), Some("owner"));
        assert_eq!(s.closest("dnoe"), Some("done"), "short words: one edit");
        assert_eq!(s.closest("dn"), None);
        assert_eq!(s.closest("something"), None);
        assert_eq!(s.closest(""), None);
    }

    #[test]
    fn the_closest_wins_then_the_most_alike_then_the_first() {
        let s = Suggest::new(["task-10", "task-1", "task-2"]);
        assert_eq!(s.closest("task-1"), Some("task-1"));
        assert_eq!(s.closest("task-3"), Some("task-1"), "a tie: alphabetical");
        assert_eq!(s.closest("task-100"), Some("task-10"));
    }

    #[test]
    fn distances_agree_with_strsim() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "task-1",
            "tsak-1",
            "depends_on",
        ];
        for a in words {
            for b in words {
                let ca: Vec<char> = a.chars().collect();
                let cb: Vec<char> = b.chars().collect();
                let d = strsim::osa_distance(a, b);
                for limit in 0..4 {
                    let want = (d <= limit).then_some(d);
                    assert_eq!(osa_within(&ca, &cb, limit), want, "{a} {b} {limit}");
                }
            }
        }
    }

    #[test]
    fn finds_hints_among_many_ids() {
        let ids: Vec<String> = (0..20_000).map(|i| format!("task-{i:05}")).collect();
        let s = Suggest::new(ids.iter().map(String::as_str));
        assert_eq!(s.closest("task-12345x"), Some("task-12345"));
        assert_eq!(s.closest("tsak-12345"), Some("task-12345"));
        assert_eq!(s.closest("tas-12345"), Some("task-12345"));
    }
}

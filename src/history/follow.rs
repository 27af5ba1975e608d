//! How alike two versions of a file are, for following a rename that also
//! edited the file (`git log --follow`): git's measure, on lines. The bytes
//! of the lines the two texts share (each line counted as often as it occurs
//! in both) over the larger text's size; a rename when that is at least
//! [`RENAME_SCORE`], git's default `-M50%`.

use std::collections::HashMap;

/// The least similarity that makes a deleted file the source of a rename.
pub const RENAME_SCORE: f64 = 0.5;

/// Shared bytes over the larger size, 0 to 1 (1 for two empty texts).
pub fn similarity(old: &[u8], new: &[u8]) -> f64 {
    let larger = old.len().max(new.len());
    if larger == 0 {
        return 1.0;
    }
    // Quick reject as git does: sizes too far apart cannot reach the score.
    if (old.len().min(new.len()) as f64) < RENAME_SCORE * larger as f64 {
        return 0.0;
    }
    let mut bytes: HashMap<&[u8], usize> = HashMap::new();
    for line in old.split_inclusive(|&b| b == b'\n') {
        *bytes.entry(line).or_default() += line.len();
    }
    let mut shared = 0;
    for line in new.split_inclusive(|&b| b == b'\n') {
        if let Some(left) = bytes.get_mut(line)
            && *left >= line.len()
        {
            *left -= line.len();
            shared += line.len();
        }
    }
    shared as f64 / larger as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_wholly_similar() {
        assert_eq!(similarity(b"a\nb\n", b"a\nb\n"), 1.0);
        assert_eq!(similarity(b"", b""), 1.0);
    }

    #[test]
    fn one_line_of_four_changed_is_three_quarters() {
        let old = b"aaaa\nbbbb\ncccc\ndddd\n";
        let new = b"aaaa\nbbbb\ncccc\neeee\n";
        assert_eq!(similarity(old, new), 0.75);
    }

    #[test]
    fn repeated_lines_count_as_often_as_both_have_them() {
        // "x\n" twice in old, four times in new: two shared (4 of 8 bytes).
        assert_eq!(similarity(b"x\nx\ny\nz\n", b"x\nx\nx\nx\n"), 0.5);
    }

    #[test]
    fn sizes_far_apart_are_not_similar() {
        assert_eq!(similarity(b"a\n", b"a\nbbbbbbbbbbbbbbbbbbbbbbbbb\n"), 0.0);
    }
}

//! The scheduler's set of ready jobs. Within one run every job's priority is
//! fixed, so the jobs are sorted by priority once and the set holds their
//! positions in that order as bits: inserting sets a bit, taking the most
//! urgent finds the lowest set bit through a summary word per 64 words. Both
//! cost a few instructions, where a binary heap of thousands of ready jobs
//! costs a dozen cache-missing comparisons.

/// A set of positions in `0..capacity`; `pop` takes the lowest.
#[derive(Debug, Default)]
pub struct ReadySet {
    words: Vec<u64>,
    /// Bit w of `summary[w / 64]` is set when `words[w]` is not zero.
    summary: Vec<u64>,
    /// No position below this one is in the set.
    floor: usize,
}

impl ReadySet {
    /// Empties the set and makes room for positions below `capacity`.
    pub fn reset(&mut self, capacity: usize) {
        let words = capacity.div_ceil(64);
        self.words.clear();
        self.words.resize(words, 0);
        self.summary.clear();
        self.summary.resize(words.div_ceil(64), 0);
        self.floor = capacity;
    }

    pub fn insert(&mut self, position: usize) {
        let word = position / 64;
        self.words[word] |= 1 << (position % 64);
        self.summary[word / 64] |= 1 << (word % 64);
        self.floor = self.floor.min(position);
    }

    /// Removes a position (which must be in the set).
    pub fn remove(&mut self, position: usize) {
        let word = position / 64;
        self.words[word] &= !(1 << (position % 64));
        if self.words[word] == 0 {
            self.summary[word / 64] &= !(1 << (word % 64));
        }
    }

    /// The lowest position, left in the set.
    pub fn peek(&mut self) -> Option<usize> {
        let mut s = self.floor / 64 / 64;
        while s < self.summary.len() {
            let bits = self.summary[s];
            if bits != 0 {
                let word = s * 64 + bits.trailing_zeros() as usize;
                let position = word * 64 + self.words[word].trailing_zeros() as usize;
                self.floor = position;
                return Some(position);
            }
            s += 1;
        }
        self.floor = self.summary.len() * 64 * 64;
        None
    }

    /// Removes and returns the lowest position.
    pub fn pop(&mut self) -> Option<usize> {
        let mut s = self.floor / 64 / 64;
        while s < self.summary.len() {
            let bits = self.summary[s];
            if bits != 0 {
                let word = s * 64 + bits.trailing_zeros() as usize;
                let w = self.words[word];
                let position = word * 64 + w.trailing_zeros() as usize;
                let rest = w & (w - 1);
                self.words[word] = rest;
                if rest == 0 {
                    self.summary[s] &= bits - 1;
                }
                self.floor = position + 1;
                return Some(position);
            }
            s += 1;
        }
        self.floor = self.summary.len() * 64 * 64;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_the_lowest_including_after_lower_inserts() {
        let mut set = ReadySet::default();
        set.reset(10_000);
        for p in [9_999, 64, 4_096, 63, 5_000] {
            set.insert(p);
        }
        assert_eq!(set.pop(), Some(63));
        assert_eq!(set.pop(), Some(64));
        set.insert(0);
        set.insert(4_095);
        assert_eq!(set.pop(), Some(0));
        assert_eq!(set.pop(), Some(4_095));
        assert_eq!(set.pop(), Some(4_096));
        assert_eq!(set.pop(), Some(5_000));
        assert_eq!(set.pop(), Some(9_999));
        assert_eq!(set.pop(), None);
        set.insert(7);
        set.insert(9);
        assert_eq!(set.peek(), Some(7));
        set.remove(7);
        assert_eq!(set.peek(), Some(9));
        assert_eq!(set.pop(), Some(9));
        assert_eq!(set.peek(), None);
        set.insert(7);
        assert_eq!(set.pop(), Some(7));
        set.reset(3);
        assert_eq!(set.pop(), None);
    }

    #[test]
    fn matches_a_sorted_model() {
        let mut set = ReadySet::default();
        set.reset(300_000);
        let mut model = std::collections::BTreeSet::new();
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for step in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if step % 3 == 2 {
                assert_eq!(set.pop(), model.pop_first());
            } else {
                let p = (x % 300_000) as usize;
                if model.insert(p) {
                    set.insert(p);
                }
            }
        }
        while let Some(p) = model.pop_first() {
            assert_eq!(set.pop(), Some(p));
        }
        assert_eq!(set.pop(), None);
    }
}

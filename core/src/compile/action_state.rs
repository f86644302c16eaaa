//! What actions remember while one value, span or record is redacted: the key id the record
//! names for its tokens, and the numbers given to pseudonyms.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::text::fxhash::FxHasher;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Per-call state of the `tokenize` and `pseudonym` actions.
#[derive(Default)]
pub(crate) struct ActionState {
    /// The key id the record names (`tokenize.key_id_from`), if it names one.
    pub token_key: Option<Box<str>>,
    /// Pseudonyms given, in order: (namespace, value).
    given: Vec<(u64, Box<[u8]>)>,
    numbers: FxMap<(u64, Box<[u8]>), usize>,
    counts: FxMap<u64, usize>,
}

impl ActionState {
    /// Forgets the record: a new call begins.
    pub(crate) fn reset(&mut self) {
        self.token_key = None;
        if !self.given.is_empty() {
            self.given.clear();
            self.numbers.clear();
            self.counts.clear();
        }
    }

    /// The number of `value` in namespace `ns` (a rule's pseudonym text): the same value
    /// keeps its number, a new one takes the next.
    pub(crate) fn number(&mut self, ns: u64, value: &[u8]) -> usize {
        if let Some(&n) = self.numbers.get(&(ns, Box::from(value))) {
            return n;
        }
        let count = self.counts.entry(ns).or_default();
        *count += 1;
        let n = *count;
        self.numbers.insert((ns, value.into()), n);
        self.given.push((ns, value.into()));
        n
    }

    /// A point to [`ActionState::rewind`] to: a rendering made only to be rescanned gives
    /// no numbers away.
    pub(crate) fn mark(&self) -> usize {
        self.given.len()
    }

    pub(crate) fn rewind(&mut self, mark: usize) {
        while self.given.len() > mark {
            if let Some((ns, value)) = self.given.pop() {
                self.numbers.remove(&(ns, value));
                if let Some(c) = self.counts.get_mut(&ns) {
                    *c -= 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ActionState;

    #[test]
    fn numbers_per_namespace_and_rewinds() {
        let mut s = ActionState::default();
        assert_eq!(s.number(1, b"a@x.io"), 1);
        assert_eq!(s.number(1, b"b@x.io"), 2);
        assert_eq!(s.number(1, b"a@x.io"), 1);
        assert_eq!(s.number(2, b"a@x.io"), 1);
        let mark = s.mark();
        assert_eq!(s.number(1, b"c@x.io"), 3);
        s.rewind(mark);
        assert_eq!(s.number(1, b"d@x.io"), 3);
        s.reset();
        assert_eq!(s.number(1, b"d@x.io"), 1);
    }
}

//! A small, fast hasher for short keys.

/// A small multiply-rotate hasher (keys are short and not attacker-chosen for collisions
/// that matter: the cache is bounded and per thread).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        // The tail in one word: the last eight bytes (overlapping what came before) when
        // there are that many, else the bytes packed into a word.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let w = match bytes.last_chunk::<8>() {
                Some(last) => u64::from_le_bytes(*last),
                None => rest.iter().fold(0u64, |w, &b| w << 8 | u64::from(b)),
            };
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

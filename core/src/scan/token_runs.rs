//! The run search: the literal prefixes of most vendor tokens found without a literal
//! searcher per prefix.
//!
//! A SIMD literal searcher (Teddy) holds at most 64 literals, and each more searcher costs
//! about as much as the first on every value. A library of a few hundred vendor prefixes
//! would need six. But such a prefix starts a long run of token bytes (`glrt-` + 20 more,
//! `dckr_pat_` + 27): so the run search visits only where a run may start (`text/runs.rs`: a
//! letter or digit after a byte that ends no word, id or UUID group, or a `$` or `{`) with
//! 16 or more token bytes from there, and looks each up in a table of the prefixes' first two
//! bytes. Prose and most telemetry have few such runs: ids, digests, UUIDs and URL paths. A
//! literal goes to the run search when every byte of it is a token byte, it starts as a run
//! may, and its rule allows it: a builtin whose matches are all 16 bytes or longer and whose
//! examples show their first prefix starting such a run (`core/build.rs` decides, with the
//! same `text/runs.rs`; the examples are tests).

use super::literals::LiteralPairs;
#[cfg(target_arch = "x86_64")]
use super::simd::{Avx2, Lane256};
use super::simd::{Chunk, Lanes, RangeTest, Splat, CHUNK};
use crate::text::runs::{is_word_byte, MIN_RUN};
use wide::i8x16;

/// The literals the run search finds, by their first two bytes.
pub(super) struct RunIndex {
    pairs: LiteralPairs,
    /// The literals' texts, by local id.
    texts: Vec<Vec<u8>>,
    /// Local id → literal index.
    ids: Vec<u32>,
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Avx2>,
}

impl RunIndex {
    /// `None` without literals.
    pub(super) fn new(texts: &[Vec<u8>], ids: Vec<u32>) -> Option<RunIndex> {
        let local: Vec<Vec<u8>> = ids.iter().map(|&i| texts[i as usize].clone()).collect();
        Some(RunIndex {
            pairs: LiteralPairs::new(&local)?,
            texts: local,
            ids,
            #[cfg(target_arch = "x86_64")]
            avx2: Avx2::detect(),
        })
    }

    /// The first literal of the run search at or after `from`: (where it starts, its index).
    pub(super) fn find(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        #[cfg(target_arch = "x86_64")]
        if let Some(proof) = self.avx2 {
            // SAFETY: the proof was made by detecting AVX2 on this CPU.
            #[allow(unsafe_code)]
            return unsafe { self.find_avx2(proof, hay, from) };
        }
        self.find_in::<i8x16, 4>((), hay, from)
    }

    /// [`RunIndex::find`] in 32-byte AVX2 registers.
    ///
    /// # Safety
    /// The CPU must have every feature enabled here, which `proof` says.
    #[cfg(target_arch = "x86_64")]
    #[allow(unsafe_code)]
    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    unsafe fn find_avx2(&self, proof: Avx2, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        self.find_in::<Lane256, 2>(proof, hay, from)
    }

    /// The search, 64 bytes at a time in `L` registers of `V`.
    #[inline(always)]
    fn find_in<V: Lanes, const L: usize>(
        &self,
        proof: V::Proof,
        hay: &[u8],
        from: usize,
    ) -> Option<(usize, usize)> {
        let mut i = from;
        let mut chunk = chunk_at::<V, L>(proof, hay, i)?;
        let mut tokens = token_bits(&chunk);
        while i < hay.len() {
            // A run of this chunk may reach 15 bytes into the next.
            let next = chunk_at::<V, L>(proof, hay, i + CHUNK);
            let next_tokens = next.as_ref().map_or(0, token_bits);
            let mut bits = run_starts(hay, &chunk, tokens, next_tokens);
            while bits != 0 {
                let p = i + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if p + 1 < hay.len() && self.pairs.may_start(hay[p], hay[p + 1]) {
                    if let Some(local) = self.pairs.literal_at(hay, p, &self.texts) {
                        return Some((p, self.ids[local] as usize));
                    }
                }
            }
            chunk = next?;
            tokens = next_tokens;
            i += CHUNK;
        }
        None
    }
}

// `run_starts` halves the run it looks for four times: 16 bytes.
const _: () = assert!(MIN_RUN == 16);

/// `hay[at..]`, up to [`CHUNK`] bytes, in registers; `None` past the value's end.
#[inline(always)]
fn chunk_at<V: Lanes, const L: usize>(
    proof: V::Proof,
    hay: &[u8],
    at: usize,
) -> Option<Chunk<V, L>> {
    (at < hay.len()).then(|| Chunk::at(proof, hay, at, (hay.len() - at).min(CHUNK)))
}

const FOLD: Splat = Splat::new(0x20);
/// Letters and `[\]{|}` once folded by [`FOLD`].
const LETTER_LIKE: RangeTest = RangeTest::new(b'a', b'}');
const LETTER: RangeTest = RangeTest::new(b'a', b'z');
/// `+,-./` and the digits.
const PLUS_TO_NINE: RangeTest = RangeTest::new(b'+', b'9');
const DIGIT: RangeTest = RangeTest::new(b'0', b'9');
const DASH_DOT: RangeTest = RangeTest::new(b'-', b'.');
const UNDERSCORE: Splat = Splat::new(b'_');
const DOLLAR: Splat = Splat::new(b'$');
const BRACE: Splat = Splat::new(b'{');

/// Bits of the token bytes of a chunk (`text::runs::is_token_byte`): letters, digits,
/// `$+,-./_` and `[\]{|}`.
#[inline(always)]
fn token_bits<V: Lanes, const L: usize>(chunk: &Chunk<V, L>) -> u64 {
    chunk.range_folded(&LETTER_LIKE, &FOLD)
        | chunk.range(&PLUS_TO_NINE)
        | chunk.equal(&UNDERSCORE)
        | chunk.equal(&DOLLAR)
}

/// The bytes of the chunk (bit `k` for `hay[chunk.start + k]`) that start a run followed by
/// token bytes to at least [`MIN_RUN`] bytes in all, from the token bits of the chunk and of
/// the next one. Where no run is long enough, which is most of most text, the starts are not
/// worked out.
#[inline(always)]
fn run_starts<V: Lanes, const L: usize>(
    hay: &[u8],
    chunk: &Chunk<V, L>,
    tokens: u64,
    next_tokens: u64,
) -> u64 {
    let token = u128::from(tokens) | u128::from(next_tokens) << CHUNK;
    // Bit k of `run`: bytes k..k+16 are all token bytes.
    let mut run = token & (token >> 1);
    run &= run >> 2;
    run &= run >> 4;
    run &= run >> 8;
    let run = run as u64 & chunk.valid;
    if run == 0 {
        return 0;
    }
    let alnum = chunk.range_folded(&LETTER, &FOLD) | chunk.range(&DIGIT);
    let opener = chunk.equal(&DOLLAR) | chunk.equal(&BRACE);
    let word = alnum | chunk.range(&DASH_DOT) | chunk.equal(&UNDERSCORE);
    let at = chunk.start;
    let before = at > 0 && is_word_byte(hay[at - 1]);
    // Where a run may start: a letter or digit after a byte that no word, id or UUID group
    // ends with (a blank, a quote, `=`, `:`, `/`, …); a `$` or `{` wherever it stands.
    let starts = alnum & !(word << 1 | u64::from(before)) | opener;
    starts & run
}

#[cfg(test)]
mod tests {
    use super::{chunk_at, run_starts, token_bits};
    use wide::i8x16;

    /// The run starts of the chunk at `at`, portable registers.
    fn starts_at(hay: &[u8], at: usize) -> u64 {
        let chunk = super::chunk_at::<i8x16, 4>((), hay, at).expect("a chunk");
        let next = chunk_at::<i8x16, 4>((), hay, at + 64)
            .as_ref()
            .map_or(0, token_bits);
        run_starts(hay, &chunk, token_bits(&chunk), next)
    }

    fn starts(text: &str) -> Vec<usize> {
        let bits = starts_at(text.as_bytes(), 0);
        (0..64).filter(|k| bits >> k & 1 == 1).collect()
    }

    /// Random texts of the pieces a run's edges are made of: every register width agrees
    /// with the byte check, at every chunk of the text.
    #[test]
    fn the_scan_and_the_byte_check_agree() {
        let pieces = [
            "ghp_",
            "ab",
            "-",
            ".",
            "/",
            " ",
            "$2b$",
            "{SSHA}",
            "0123456789",
            "=",
            "\"",
            "[x]",
            "_",
            "é",
            "Z",
        ];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5_000 {
            let mut text = String::new();
            let len = 20 + (rng % 150) as usize;
            while text.len() < len {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                text.push_str(pieces[(rng % pieces.len() as u64) as usize]);
            }
            let hay = text.as_bytes();
            for at in (0..hay.len()).step_by(64) {
                let portable = starts_at(hay, at);
                #[cfg(target_arch = "x86_64")]
                if let Some(proof) = super::Avx2::detect() {
                    use super::Lane256;
                    let chunk = chunk_at::<Lane256, 2>(proof, hay, at).expect("a chunk");
                    let next = chunk_at::<Lane256, 2>(proof, hay, at + 64);
                    let wide = run_starts(
                        hay,
                        &chunk,
                        token_bits(&chunk),
                        next.as_ref().map_or(0, token_bits),
                    );
                    assert_eq!(wide, portable, "{text:?} at {at}");
                }
                for p in at..(at + 64).min(hay.len()) {
                    let want = crate::text::runs::starts_run(hay, p);
                    assert_eq!(portable >> (p - at) & 1 == 1, want, "{text:?} at {p}");
                }
            }
        }
    }

    #[test]
    fn only_starts_of_long_token_runs() {
        assert_eq!(starts("token glrt-Qk3vT9mZpW2xLr7NbYc4 x"), [6]);
        // Not inside a UUID or a dotted name; after a `/` or `=`, yes.
        assert_eq!(starts("id 8962f02d-7598-4e49-a29c-d864dbc10351"), [3]);
        assert_eq!(starts("u=/a/bcdefghijklmnopqrs"), [3, 5]);
        assert_eq!(
            starts("a short line of words, no runs"),
            Vec::<usize>::new()
        );
        // A run of 15 is too short; its end at the value's end does not count as more.
        assert_eq!(starts("x abcdefghijklmno"), Vec::<usize>::new());
        assert_eq!(starts("x abcdefghijklmnop"), [2]);
        // A `$` starts a run wherever it stands.
        assert_eq!(starts("h=$2b$12$abcdefghijklmnop"), [2, 3, 5, 6, 8, 9]);
    }
}

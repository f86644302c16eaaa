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
use super::simd::RangeTest;
use crate::text::runs::{is_word_byte, MIN_RUN};
use wide::i8x16;

/// The literals the run search finds, by their first two bytes.
pub(super) struct RunIndex {
    pairs: LiteralPairs,
    /// The literals' texts, by local id.
    texts: Vec<Vec<u8>>,
    /// Local id → literal index.
    ids: Vec<u32>,
}

impl RunIndex {
    /// `None` without literals.
    pub(super) fn new(texts: &[Vec<u8>], ids: Vec<u32>) -> Option<RunIndex> {
        let local: Vec<Vec<u8>> = ids.iter().map(|&i| texts[i as usize].clone()).collect();
        Some(RunIndex {
            pairs: LiteralPairs::new(&local)?,
            texts: local,
            ids,
        })
    }

    /// The first literal of the run search at or after `from`: (where it starts, its index).
    pub(super) fn find(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        let mut i = from;
        // Each block's runs reach 16 bytes into the next block: its first lane is kept.
        let mut next = Lane::at(hay, i);
        while i < hay.len() {
            let lanes = [next, Lane::at(hay, i + 16), Lane::at(hay, i + 32)];
            next = lanes[2];
            let mut bits = run_starts(hay, i, &lanes);
            while bits != 0 {
                let p = i + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if p + 1 < hay.len() && self.pairs.may_start(hay[p], hay[p + 1]) {
                    if let Some(local) = self.pairs.literal_at(hay, p, &self.texts) {
                        return Some((p, self.ids[local] as usize));
                    }
                }
            }
            i += BLOCK;
        }
        None
    }
}

// `run_starts` halves the run it looks for four times: 16 bytes.
const _: () = assert!(MIN_RUN == 16);

/// Bytes whose run starts one call of [`run_starts`] reports.
const BLOCK: usize = 32;

/// The bytes of `hay[at..at + 32]` (bit `k` for `hay[at + k]`) that start a run followed by
/// token bytes to at least [`MIN_RUN`] bytes in all, from the lanes of `hay[at..at + 48]`
/// (the block, and the 16 bytes a run of it may need). Where no run is long enough, which is
/// most of most text, the starts are not worked out.
#[inline]
fn run_starts(hay: &[u8], at: usize, lanes: &[Lane; 3]) -> u64 {
    let token = lanes
        .iter()
        .enumerate()
        .fold(0u64, |m, (k, l)| m | u64::from(l.token()) << (16 * k));
    // Bit k of `run`: bytes k..k+16 are all token bytes.
    let mut run = token & (token >> 1);
    run &= run >> 2;
    run &= run >> 4;
    run &= run >> 8;
    if run & 0xFFFF_FFFF == 0 {
        return 0;
    }
    let [(a0, s0, w0), (a1, s1, w1)] = [lanes[0].starts(), lanes[1].starts()];
    let lead = u64::from(a0) | u64::from(a1) << 16;
    let opener = u64::from(s0) | u64::from(s1) << 16;
    let word = u64::from(w0) | u64::from(w1) << 16;
    let before = at > 0 && is_word_byte(hay[at - 1]);
    // Where a run may start: a letter or digit after a byte that no word, id or UUID group
    // ends with (a blank, a quote, `=`, `:`, `/`, …); a `$` or `{` wherever it stands.
    let alnum = lead & !opener;
    let starts = (alnum & !(word << 1 | u64::from(before)) | opener) & 0xFFFF_FFFF;
    starts & run
}

/// 16 bytes of a value in a register; bytes past the value are zeros (no class).
#[derive(Clone, Copy)]
struct Lane(i8x16);

impl Lane {
    #[inline(always)]
    fn at(hay: &[u8], at: usize) -> Lane {
        let lane: [u8; 16] = match hay.get(at..at + 16) {
            Some(b) => *b.first_chunk::<16>().expect("16 bytes"),
            None => {
                let mut buf = [0u8; 16];
                if let Some(rest) = hay.get(at..) {
                    buf[..rest.len()].copy_from_slice(rest);
                }
                buf
            }
        };
        Lane(wide::bytemuck::cast(lane))
    }

    /// Bits of the token bytes (`text::runs::is_token_byte`, 16 at a time): letters, digits,
    /// `$+,-./_` and `{|}` (with `[\]`, which fold onto them).
    #[inline(always)]
    fn token(self) -> u32 {
        let x = self.0;
        // Upper-case letters fold onto lower case, and `[\]` onto `{|}`.
        let not_token = outside(x | i8x16::splat(0x20), b'a', b'}')
            & outside(x, b'+', b'9')
            & !x.simd_eq(i8x16::splat(b'_' as i8))
            & !x.simd_eq(i8x16::splat(b'$' as i8));
        !not_token.to_bitmask() & 0xFFFF
    }

    /// (run start, of those the `$` and `{`, word byte) bits.
    #[inline(always)]
    fn starts(self) -> (u32, u32, u32) {
        let x = self.0;
        let not_alnum = outside(x | i8x16::splat(0x20), b'a', b'z') & outside(x, b'0', b'9');
        let opener = x.simd_eq(i8x16::splat(b'$' as i8)) | x.simd_eq(i8x16::splat(b'{' as i8));
        let not_word = not_alnum & outside(x, b'-', b'.') & !x.simd_eq(i8x16::splat(b'_' as i8));
        let opener = opener.to_bitmask() & 0xFFFF;
        let lead = (!not_alnum.to_bitmask() & 0xFFFF) | opener;
        let word = !not_word.to_bitmask() & 0xFFFF;
        (lead, opener, word)
    }
}

/// The lanes of `x` outside `lo..=hi`.
#[inline(always)]
fn outside(x: i8x16, lo: u8, hi: u8) -> i8x16 {
    RangeTest::new(lo, hi).outside((), x)
}

#[cfg(test)]
mod tests {
    use super::{run_starts, Lane};

    fn starts(text: &str) -> Vec<usize> {
        let hay = text.as_bytes();
        let lanes = [Lane::at(hay, 0), Lane::at(hay, 16), Lane::at(hay, 32)];
        let bits = run_starts(hay, 0, &lanes);
        (0..32).filter(|k| bits >> k & 1 == 1).collect()
    }

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
        ];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5_000 {
            let mut text = String::new();
            while text.len() < 40 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                text.push_str(pieces[(rng % pieces.len() as u64) as usize]);
            }
            let hay = text.as_bytes();
            let lanes = [Lane::at(hay, 0), Lane::at(hay, 16), Lane::at(hay, 32)];
            let bits = run_starts(hay, 0, &lanes);
            for p in 0..32.min(hay.len()) {
                let want = crate::text::runs::starts_run(hay, p);
                assert_eq!(bits >> p & 1 == 1, want, "{text:?} at {p}");
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

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
use crate::text::runs::{is_word_byte, starts_run, MIN_RUN};
use wide::i8x16;

/// The literals the run search finds, by their first two bytes, and the lead words it finds
/// before a run (see [`leads_run`]).
pub(super) struct RunIndex {
    /// `None` when there are lead words only.
    pairs: Option<LiteralPairs>,
    /// The literals' texts, by local id.
    texts: Vec<Vec<u8>>,
    /// Local id → literal index.
    ids: Vec<u32>,
    /// The lead words: (text, literal index).
    leads: Vec<(Vec<u8>, u32)>,
    /// By a word's length (up to [`LEAD_MAX`]), a bit for each letter a lead word of that
    /// length starts with, and one for each it ends with (either case): most words before a
    /// run (`GET`, `user`, `status`) are refused without a comparison.
    lead_starts: [u32; LEAD_MAX + 1],
    lead_ends: [u32; LEAD_MAX + 1],
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Avx2>,
}

impl RunIndex {
    /// The run search of the literals `ids` and of the lead words `leads` (literal indexes
    /// into `texts`); `None` without either.
    pub(super) fn new(texts: &[Vec<u8>], ids: Vec<u32>, leads: &[u32]) -> Option<RunIndex> {
        let local: Vec<Vec<u8>> = ids.iter().map(|&i| texts[i as usize].clone()).collect();
        let pairs = match local.is_empty() {
            true => None,
            false => Some(LiteralPairs::new(&local)?),
        };
        if pairs.is_none() && leads.is_empty() {
            return None;
        }
        Some(RunIndex {
            pairs,
            texts: local,
            ids,
            leads: leads
                .iter()
                .map(|&i| (texts[i as usize].clone(), i))
                .collect(),
            lead_starts: letter_filter(leads.iter().map(|&i| {
                let t = &texts[i as usize];
                (t[0], t.len())
            })),
            lead_ends: letter_filter(leads.iter().map(|&i| {
                let t = &texts[i as usize];
                (t[t.len() - 1], t.len())
            })),
            #[cfg(target_arch = "x86_64")]
            avx2: Avx2::detect(),
        })
    }

    /// The literal at run start `p`: a run literal starting there, or a lead word before it,
    /// at or after `from`: (where it starts, its index).
    #[inline(always)]
    fn literal_at_run(&self, hay: &[u8], p: usize, from: usize) -> Option<(usize, usize)> {
        if let Some(pairs) = &self.pairs {
            if p + 1 < hay.len() && pairs.may_start(hay[p], hay[p + 1]) {
                if let Some(local) = pairs.literal_at(hay, p, &self.texts) {
                    return Some((p, self.ids[local] as usize));
                }
            }
        }
        if self.leads.is_empty() || p == 0 || !is_blank(hay[p - 1]) {
            return None;
        }
        self.lead_before(hay, p).filter(|&(q, _)| q >= from)
    }

    /// The lead word before the run at `p`, which a blank precedes: (its start, its index).
    #[cold]
    fn lead_before(&self, hay: &[u8], p: usize) -> Option<(usize, usize)> {
        let (mut q, mut end) = word_before(hay, p)?;
        if hay[q..end].eq_ignore_ascii_case(b"is") {
            (q, end) = word_before(hay, q)?;
        }
        let word = &hay[q..end];
        let slot = word.len().min(LEAD_MAX);
        let known = |filter: &[u32; LEAD_MAX + 1], b: u8| filter[slot] >> letter_bit(b) & 1 == 1;
        if !(known(&self.lead_starts, word[0]) && known(&self.lead_ends, word[word.len() - 1])) {
            return None;
        }
        let &(ref text, i) = self.leads.iter().find(|(t, _)| t == word)?;
        leads_run(hay, q, text.len()).then_some((q, i as usize))
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
                if let Some(hit) = self.literal_at_run(hay, p, from) {
                    return Some(hit);
                }
            }
            chunk = next?;
            tokens = next_tokens;
            i += CHUNK;
        }
        None
    }
}

/// Whether the lead word of `len` bytes at `q` stands before a run: a word of its own (or the
/// last part of one, after `_`, `-` or `.`: `access_token`), then blanks, an optional `is`
/// and blanks, then where the run search looks ([`starts_run`]). Every path that finds the
/// word checks this (`LiteralGate::LeadsRun`), so all find the same.
pub(super) fn leads_run(hay: &[u8], q: usize, len: usize) -> bool {
    let end = q + len;
    if end >= hay.len() || (q > 0 && hay[q - 1].is_ascii_alphanumeric()) {
        return false;
    }
    let mut p = skip_blanks(hay, end);
    if p == end {
        return false;
    }
    if hay.len() - p > 2 && hay[p..p + 2].eq_ignore_ascii_case(b"is") && is_blank(hay[p + 2]) {
        p = skip_blanks(hay, p + 2);
    }
    p < hay.len() && starts_run(hay, p)
}

/// The length from which the run search's filter no longer tells lead words apart: words of
/// this length or longer share its last slot, which lets every word through.
const LEAD_MAX: usize = 15;

/// [`RunIndex::lead_starts`] or [`RunIndex::lead_ends`] of the lead words' (first or last
/// byte, length) pairs.
fn letter_filter(bytes: impl Iterator<Item = (u8, usize)>) -> [u32; LEAD_MAX + 1] {
    let mut filter = [0u32; LEAD_MAX + 1];
    for (b, len) in bytes {
        match len < LEAD_MAX {
            true => filter[len] |= 1 << letter_bit(b),
            false => filter[LEAD_MAX] = u32::MAX,
        }
    }
    filter
}

/// A bit for a word's first or last byte: its letter in either case (0–25), or 26–31 for others.
fn letter_bit(b: u8) -> u32 {
    match b | 0x20 {
        l @ b'a'..=b'z' => u32::from(l - b'a'),
        other => 26 + u32::from(other % 6),
    }
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn skip_blanks(hay: &[u8], from: usize) -> usize {
    from + hay[from..].iter().take_while(|&&b| is_blank(b)).count()
}

/// The word of letters and digits that ends where the blanks before `p` begin: (start, end).
fn word_before(hay: &[u8], p: usize) -> Option<(usize, usize)> {
    let end = p - hay[..p].iter().rev().take_while(|&&b| is_blank(b)).count();
    let len = hay[..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    (end < p && len > 0).then_some((end - len, end))
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

    /// A text of `min` to `min + spread` bytes or a piece more, of random `pieces`
    /// (xorshift on `rng`).
    fn random_text(rng: &mut u64, pieces: &[&str], min: usize, spread: u64) -> String {
        let mut text = String::new();
        let len = min + (*rng % spread) as usize;
        while text.len() < len {
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            text.push_str(pieces[(*rng % pieces.len() as u64) as usize]);
        }
        text
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
            let text = random_text(&mut rng, &pieces, 20, 150);
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

    /// Random texts of lead words, blanks, `is` and runs: the run search reports a lead word
    /// exactly where the gate every other path checks (`leads_run`) holds.
    #[test]
    fn lead_words_are_found_where_the_gate_holds() {
        let words: Vec<Vec<u8>> = ["token", "KEY", "api_key", "secret"]
            .iter()
            .map(|w| w.as_bytes().to_vec())
            .collect();
        let leads: Vec<u32> = vec![0, 1, 3];
        let index = super::RunIndex::new(&words, Vec::new(), &leads).expect("an index");
        let pieces: Vec<&str> =
            "token|KEY|secret| |  |\t| is |is|x|_|-|.|=|Qm9vX2tKLm3NpQr7|0123456789abcdef|Zk4Lq8Vn"
                .split('|')
                .collect();
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..5_000 {
            let text = random_text(&mut rng, &pieces, 10, 120);
            let hay = text.as_bytes();
            let mut found = Vec::new();
            let mut from = 0;
            while let Some((q, lit)) = index.find(hay, from) {
                found.push((q, lit));
                from = q + 1;
            }
            let want: Vec<(usize, usize)> = (0..hay.len())
                .flat_map(|q| leads.iter().map(move |&i| (q, i as usize)))
                .filter(|&(q, i)| {
                    let w = &words[i];
                    hay[q..].starts_with(w) && super::leads_run(hay, q, w.len())
                })
                .collect();
            assert_eq!(found, want, "{text:?}");
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

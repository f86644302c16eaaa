//! The byte-anchor scans of long values: SIMD compares 64 bytes at a time (AVX2 where the
//! CPU has it), or a 256-entry table where a kind needs more than four byte ranges.

use super::byte_kinds::Role;
use super::gates::bare_card;
use super::gates::iban_lead;
use super::gates::numeric_gate;
use super::gates::separated_number;
#[cfg(target_arch = "x86_64")]
use super::simd::Avx2;
use super::simd::Chunk;
#[cfg(target_arch = "x86_64")]
use super::simd::Lane256;
use super::simd::Lanes;
use super::simd::RangeTest;
use super::simd::Splat;
use super::simd::CHUNK;
use super::verify::Budget;
use super::Abort;
use super::Matcher;
use super::Scratch;
use super::Strategy;
use crate::text::bytes::ByteSet;
use wide::i8x16;

/// The bytes that start the text passes, as the chunks compare them.
const QUOTE: Splat = Splat::new(b'\'');

const ANGLE: Splat = Splat::new(b'<');

/// Keeps the digit-run anchors (bits of `bits`, from the chunk's start) whose run of digits and
/// separators can hold a structured number, with masks instead of a loop per anchor: the
/// run's length from trailing ones, its digits and dots from popcounts. What the rules imply:
/// a bare digit run can only be a card (13–19 digits, issuer digit 2–6); anything else needs
/// 9 digits (SSN, cards, national phones), 8 after a `+` (E.164), or 4 digits and 3 dots
/// (IPv4). A run that reaches the end of the chunk is decided by the scalar gate; IBANs,
/// which carry letters, pass on their country code. Anchors whose run is shorter than seven
/// bytes, ends in the chunk and follows no two capitals are dropped before the loop, by
/// shifts of the masks; the loop drops a digit after a byte of `dead_after` that the scan's
/// masks could not.
#[inline(always)]
fn numeric_filter<V: Lanes, const L: usize>(
    hay: &[u8],
    chunk: &Chunk<V, L>,
    (paren_to_nine, upper): (&RangeTest, &RangeTest),
    [dot, blank]: &[Splat; 2],
    digits: u64,
    mut bits: u64,
    dead_after: ByteSet,
) -> u64 {
    let (base, n, valid) = (chunk.start, chunk.len, chunk.valid);
    // `( ) * + , - . /` and the digits are one ASCII range, 0x28..=0x39.
    let numeric = chunk.range_or_equal(paren_to_nine, blank);
    // The dots are read only for a run of 7 or more inside the chunk: once, when one comes.
    let mut dots = None;
    // Bytes past the chunk count as numeric, so that a run reaching its end is kept.
    let open = numeric | !valid;
    let mut seven = open & (open >> 1);
    seven &= seven >> 2;
    seven &= seven >> 3;
    let to_end = match (!open).checked_ilog2() {
        None => u64::MAX,
        Some(last_gap) => u64::MAX.checked_shl(last_gap + 1).unwrap_or(0),
    };
    // Two capitals before (a country code); the first two bytes look before the chunk.
    let capitals = chunk.range(upper);
    let country = (capitals << 1) & (capitals << 2) | 0b11;
    bits &= seven | to_end | country;
    let mut keep = 0u64;
    while bits != 0 {
        let j = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let p = base + j;
        // Dead bytes more than four ranges long were not dropped by the scan's masks.
        if p > 0 && dead_after.contains(hay[p - 1]) {
            continue;
        }
        let run = (!(numeric >> j)).trailing_zeros() as usize;
        let pass = if j + run >= n {
            numeric_gate(hay, p)
        } else if run < 7 {
            // Every shape needs 7 characters: 4 digits and 3 dots at the least.
            false
        } else {
            let m = (1u64 << run) - 1;
            let dots = *dots.get_or_insert_with(|| chunk.equal(dot));
            let seps = numeric & !digits & !dots;
            let bare = (seps >> j) & m == 0 && (dots >> j) & m == 0;
            let plus = p > 0 && hay[p - 1] == b'+';
            if bare && !plus {
                // A bare run is all digits: its length is its digit count.
                bare_card(run, hay[p])
            } else {
                let d = ((digits >> j) & m).count_ones() as usize;
                let dt = ((dots >> j) & m).count_ones() as usize;
                separated_number(hay, p, d, dt, (seps >> j) & m != 0, plus)
            }
        };
        if pass || iban_lead(hay, p) {
            keep |= 1 << j;
        }
    }
    keep
}

impl Matcher {
    /// The byte-anchor scan over `hay[from..to]` when every kind is a few byte ranges: per
    /// 64-byte chunk, one mask per kind from comparisons in registers of `V`, run-start kinds
    /// silenced inside their runs, digit runs gated by [`numeric_filter`], then only the
    /// positions left are visited, one kind at a time.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn scan_ranges<V: Lanes>(
        &self,
        proof: V::Proof,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        // Registers are loaded from the value itself, never from a copy (a chunk at its end
        // overlaps the one before): a value shorter than a chunk is read 32 bytes at a time.
        let step = if hay.len() >= CHUNK { CHUNK } else { CHUNK / 2 };
        let mut i = from;
        while i < to {
            let n = (to - i).min(step);
            // A chunk at the end of a value loads only the registers its bytes need.
            if n <= V::BYTES {
                let chunk = Chunk::<V, 1>::at(proof, hay, i, n);
                self.scan_chunk(hay, &chunk, sc, budget, allow)?;
            } else if n <= 2 * V::BYTES {
                let chunk = Chunk::<V, 2>::at(proof, hay, i, n);
                self.scan_chunk(hay, &chunk, sc, budget, allow)?;
            } else {
                let chunk = Chunk::<V, 4>::at(proof, hay, i, n);
                self.scan_chunk(hay, &chunk, sc, budget, allow)?;
            }
            i += n;
        }
        Ok(())
    }

    /// [`Matcher::scan_ranges`] in 32-byte AVX2 registers, compiled for AVX2 and the bit
    /// instructions that come with it.
    ///
    /// # Safety
    /// The CPU must have every feature enabled here, which `proof` says.
    #[cfg(target_arch = "x86_64")]
    #[allow(unsafe_code, clippy::too_many_arguments)]
    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    unsafe fn scan_ranges_avx2(
        &self,
        proof: Avx2,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        self.scan_ranges::<Lane256>(proof, hay, from, to, sc, budget, allow)
    }

    /// The vectorised byte-anchor scan in the widest registers the CPU has.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn scan_vectors(
        &self,
        path: Strategy,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        #[cfg(target_arch = "x86_64")]
        if let (Strategy::Wide, Some(proof)) = (path, self.bytes.avx2) {
            // SAFETY: the proof was made by detecting AVX2 on this CPU.
            #[allow(unsafe_code)]
            return unsafe { self.scan_ranges_avx2(proof, hay, from, to, sc, budget, allow) };
        }
        let _ = path; // Only x86-64 has a second width.
        self.scan_ranges::<i8x16>((), hay, from, to, sc, budget, allow)
    }

    /// One chunk of [`Matcher::scan_ranges`].
    #[inline(always)]
    fn scan_chunk<V: Lanes, const L: usize>(
        &self,
        hay: &[u8],
        chunk: &Chunk<V, L>,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let i = chunk.start;
        let mut masks = [0u64; 16];
        for (m, test) in masks.iter_mut().zip(&self.bytes.chunk_ranges) {
            *m = chunk.range(test);
        }
        if self.text_pass_rule.is_some()
            && (sc.quote == usize::MAX || sc.angle == usize::MAX)
            && chunk.holds_either(&QUOTE, &ANGLE)
        {
            if sc.quote == usize::MAX {
                sc.quote = chunk.first(&QUOTE).map_or(usize::MAX, |q| i + q);
            }
            if sc.angle == usize::MAX {
                sc.angle = chunk.first(&ANGLE).map_or(usize::MAX, |q| i + q);
            }
        }
        let pick = |mut set: u16| {
            let mut bits = 0u64;
            while set != 0 {
                bits |= masks[set.trailing_zeros() as usize];
                set &= set - 1;
            }
            bits
        };
        for kind in &self.bytes.kinds {
            let anchors = pick(kind.range_set);
            if anchors == 0 {
                continue;
            }
            let mut bits = anchors;
            if kind.anchor.run_start {
                let carry = u64::from(i > 0 && kind.anchor.bytes.contains(hay[i - 1]));
                bits &= !((bits << 1) | carry);
            }
            if kind.dead_set != 0 {
                let carry = u64::from(i > 0 && kind.dead_after.contains(hay[i - 1]));
                bits &= !((pick(kind.dead_set) << 1) | carry);
                if bits == 0 {
                    continue;
                }
            }
            if kind.role == Role::Ipv6 {
                // An address's first colon has another within five bytes (groups are at most
                // four hex digits): `sha256:`, `http://`, `"key": ` have none, and the gate
                // would refuse them. A colon whose next five bytes run past the chunk, and not
                // past the value, keeps its anchor for the gate to decide.
                let colons = anchors;
                let open_end = match i + chunk.len < hay.len() {
                    true => u64::MAX.checked_shl(chunk.len.saturating_sub(5) as u32),
                    false => None,
                };
                bits &= (1..=5).fold(open_end.unwrap_or(0), |m, k| m | colons >> k);
            }
            if kind.role == Role::Digits {
                bits = numeric_filter(
                    hay,
                    chunk,
                    (&self.bytes.numeric_ranges[0], &self.bytes.numeric_ranges[1]),
                    &self.bytes.numeric_bytes,
                    pick(self.bytes.digit_set),
                    bits,
                    kind.dead_after,
                );
            }
            while bits != 0 {
                let j = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.on_anchor(kind, hay, i + j, sc, budget, allow)?;
            }
        }
        Ok(())
    }

    /// The byte-anchor scan for short values and for custom byte sets: one table lookup per
    /// byte, run-start kinds silenced inside their runs.
    pub(super) fn scan_table(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let mut silenced = if from > 0 {
            self.bytes.suppress[hay[from - 1] as usize]
        } else {
            0
        };
        for p in from..to {
            let b = hay[p];
            let fire = self.bytes.mask[b as usize] & !silenced;
            silenced = self.bytes.suppress[b as usize];
            if fire != 0 {
                self.on_byte(fire, hay, p, sc, budget, allow)?;
            }
        }
        Ok(())
    }
}

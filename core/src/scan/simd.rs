//! Up to 64 bytes of a value in SIMD registers, and the bit masks the byte-anchor scan reads
//! from them (bit `k` for the `k`-th scanned byte).
//!
//! Two register widths share one generic [`Chunk`]: 16 bytes through `wide` (SSE2 on x86-64,
//! NEON on AArch64, plain arrays elsewhere), and on x86-64 32 bytes through AVX2, chosen at run
//! time when the CPU has it ([`Avx2::detect`]). A 64-byte chunk then costs two compares a byte
//! range instead of four, and the scan around it is compiled with the bit instructions that
//! come with AVX2 (`tzcnt`, `lzcnt`, `popcnt`, shifts by a register without flags).
//!
//! The AVX2 intrinsics here, and the scan's AVX2 entry in `vectors.rs`, are the crate's only
//! `unsafe` code. Their soundness rests on one fact: a [`Lane256`] exists only where an
//! [`Avx2`] proof was given, and the proof is only made by [`Avx2::detect`], after the CPU said
//! it has every feature the code is compiled for.

use wide::i8x16;

/// Bytes classified per scan chunk.
pub(crate) const CHUNK: usize = 64;

/// One byte repeated 32 times, aligned for a register load of either width.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
pub(crate) struct Splat([u8; 32]);

impl Splat {
    pub(crate) const fn new(byte: u8) -> Splat {
        Splat([byte; 32])
    }
}

/// The operations of one SIMD register of bytes that the chunk needs.
pub(crate) trait Lanes: Copy {
    /// Bytes in one register.
    const BYTES: usize;
    /// What a caller must hold to make a register: `()` for the portable one, [`Avx2`] for
    /// AVX2.
    type Proof: Copy;
    /// The register holding the first [`Lanes::BYTES`] bytes of `bytes`.
    fn load(proof: Self::Proof, bytes: &[u8]) -> Self;
    /// The register holding `splat`'s byte in every lane.
    fn splat(proof: Self::Proof, splat: &Splat) -> Self;
    /// Lane-wise wrapping add.
    fn add(self, other: Self) -> Self;
    /// Lane-wise signed `>`: all ones where true.
    fn gt(self, other: Self) -> Self;
    /// Lane-wise `==`: all ones where true.
    fn eq(self, other: Self) -> Self;
    /// Lane-wise `|`.
    fn or(self, other: Self) -> Self;
    /// `self & !other`.
    fn and_not(self, other: Self) -> Self;
    /// The top bit of each lane, lane 0 in bit 0.
    fn bits(self) -> u64;
}

impl Lanes for i8x16 {
    const BYTES: usize = 16;
    type Proof = ();

    #[inline(always)]
    fn load((): (), bytes: &[u8]) -> i8x16 {
        let lane: [u8; 16] = *bytes.first_chunk::<16>().expect("16 bytes");
        wide::bytemuck::cast(lane)
    }
    #[inline(always)]
    fn splat((): (), splat: &Splat) -> i8x16 {
        Self::load((), &splat.0)
    }
    #[inline(always)]
    fn add(self, other: i8x16) -> i8x16 {
        self + other
    }
    #[inline(always)]
    fn gt(self, other: i8x16) -> i8x16 {
        self.simd_gt(other)
    }
    #[inline(always)]
    fn eq(self, other: i8x16) -> i8x16 {
        self.simd_eq(other)
    }
    #[inline(always)]
    fn or(self, other: i8x16) -> i8x16 {
        self | other
    }
    #[inline(always)]
    fn and_not(self, other: i8x16) -> i8x16 {
        self & !other
    }
    #[inline(always)]
    fn bits(self) -> u64 {
        u64::from(self.to_bitmask())
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) use avx2::{Avx2, Lane256};

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
mod avx2 {
    use super::{Lanes, Splat};
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi8, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_cmpgt_epi8,
        _mm256_load_si256, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
    };

    /// Proof that the CPU running this process has AVX2, BMI1, BMI2, LZCNT and POPCNT (every
    /// CPU with AVX2 since 2013 has the others): only [`Avx2::detect`] makes one.
    #[derive(Clone, Copy, Debug)]
    pub(crate) struct Avx2 {
        _detected: (),
    }

    impl Avx2 {
        /// The proof, when the CPU has all of them.
        pub(crate) fn detect() -> Option<Avx2> {
            let all = std::is_x86_feature_detected!("avx2")
                && std::is_x86_feature_detected!("bmi1")
                && std::is_x86_feature_detected!("bmi2")
                && std::is_x86_feature_detected!("lzcnt")
                && std::is_x86_feature_detected!("popcnt");
            all.then_some(Avx2 { _detected: () })
        }
    }

    /// A 32-byte AVX2 register. Every way to make one takes an [`Avx2`] proof, which is what
    /// makes the intrinsics in its methods sound.
    #[derive(Clone, Copy)]
    pub(crate) struct Lane256(__m256i);

    impl Lanes for Lane256 {
        const BYTES: usize = 32;
        type Proof = Avx2;

        #[inline(always)]
        fn load(_: Avx2, bytes: &[u8]) -> Lane256 {
            let bytes: &[u8; 32] = bytes.first_chunk::<32>().expect("32 bytes");
            // SAFETY: the proof says the CPU has AVX2, and `bytes` is 32 readable bytes (the
            // load takes any alignment).
            Lane256(unsafe { _mm256_loadu_si256(bytes.as_ptr().cast()) })
        }
        #[inline(always)]
        fn splat(_: Avx2, splat: &Splat) -> Lane256 {
            // SAFETY: AVX2 as above; `Splat` is 32 bytes aligned to 32.
            Lane256(unsafe { _mm256_load_si256(splat.0.as_ptr().cast()) })
        }
        #[inline(always)]
        fn add(self, other: Lane256) -> Lane256 {
            // SAFETY (here and below): a `Lane256` exists only where AVX2 was detected.
            Lane256(unsafe { _mm256_add_epi8(self.0, other.0) })
        }
        #[inline(always)]
        fn gt(self, other: Lane256) -> Lane256 {
            Lane256(unsafe { _mm256_cmpgt_epi8(self.0, other.0) })
        }
        #[inline(always)]
        fn eq(self, other: Lane256) -> Lane256 {
            Lane256(unsafe { _mm256_cmpeq_epi8(self.0, other.0) })
        }
        #[inline(always)]
        fn or(self, other: Lane256) -> Lane256 {
            Lane256(unsafe { _mm256_or_si256(self.0, other.0) })
        }
        #[inline(always)]
        fn and_not(self, other: Lane256) -> Lane256 {
            // `andnot(a, b)` is `!a & b`.
            Lane256(unsafe { _mm256_andnot_si256(other.0, self.0) })
        }
        #[inline(always)]
        fn bits(self) -> u64 {
            u64::from(unsafe { _mm256_movemask_epi8(self.0) } as u32)
        }
    }
}

/// A test of one inclusive byte range on a register at once: shifted by `add`, the bytes
/// outside the range compare (signed) above `limit`, so a range costs one add and one compare
/// (an unsigned `lo <= x <= hi` is `x - lo <= hi - lo`, and flipping the top bit of both
/// sides turns that into a signed comparison).
#[derive(Clone, Copy)]
pub(crate) struct RangeTest {
    add: Splat,
    limit: Splat,
}

impl RangeTest {
    pub(crate) const fn new(lo: u8, hi: u8) -> RangeTest {
        RangeTest {
            add: Splat::new(0x80u8.wrapping_sub(lo)),
            limit: Splat::new(hi.wrapping_sub(lo) ^ 0x80),
        }
    }

    /// The lanes of `x` outside the range.
    #[inline(always)]
    pub(crate) fn outside<V: Lanes>(&self, proof: V::Proof, x: V) -> V {
        x.add(V::splat(proof, &self.add))
            .gt(V::splat(proof, &self.limit))
    }
}

/// Up to `V::BYTES * L` bytes of a value, `hay[start..start + len]`, in `L` registers (a
/// whole chunk in as many as 64 bytes take, fewer for a value's last bytes); masks come from
/// compares and movemasks, bit 0 for the byte at `start`.
pub(crate) struct Chunk<V: Lanes, const L: usize> {
    lanes: [V; L],
    proof: V::Proof,
    /// Where the scanned bytes begin in the registers: a chunk at the end of a value is the
    /// value's last `V::BYTES * L` bytes (copying the tail into a buffer stalled the loads
    /// that read it).
    shift: usize,
    /// One bit for each of the `len` scanned bytes.
    pub valid: u64,
    pub start: usize,
    pub len: usize,
}

impl<V: Lanes, const L: usize> Chunk<V, L> {
    /// The bytes the registers hold.
    const WIDTH: usize = V::BYTES * L;

    /// `hay[start..start + len]`, `len` at most [`Chunk::WIDTH`] and at most [`CHUNK`].
    #[inline(always)]
    pub(crate) fn at(proof: V::Proof, hay: &[u8], start: usize, len: usize) -> Chunk<V, L> {
        let window = start.min(hay.len().saturating_sub(Self::WIDTH));
        let (lanes, shift) = match hay.get(window..window + Self::WIDTH) {
            Some(bytes) => (Self::load(proof, bytes), start - window),
            // A value shorter than the registers.
            None => (Self::load_padded(proof, &hay[start..start + len]), 0),
        };
        Chunk {
            lanes,
            proof,
            shift,
            valid: u64::MAX >> (CHUNK - len),
            start,
            len,
        }
    }

    /// The registers holding `bytes` (`WIDTH` of them).
    #[inline(always)]
    fn load(proof: V::Proof, bytes: &[u8]) -> [V; L] {
        std::array::from_fn(|k| V::load(proof, &bytes[V::BYTES * k..]))
    }

    /// The registers holding `bytes` (fewer than `WIDTH`) and zeros after them.
    #[inline]
    fn load_padded(proof: V::Proof, bytes: &[u8]) -> [V; L] {
        let mut buf = [0u8; CHUNK];
        buf[..bytes.len()].copy_from_slice(bytes);
        Self::load(proof, &buf)
    }

    /// The scanned bits of a mask of every register's lanes.
    #[inline(always)]
    fn scanned(&self, f: impl Fn(V) -> V) -> u64 {
        let mut all = 0u64;
        for (k, &x) in self.lanes.iter().enumerate() {
            all |= f(x).bits() << (V::BYTES * k);
        }
        (all >> self.shift) & self.valid
    }

    /// Whether `a` or `b` occurs in the chunk's registers (perhaps before the scanned bytes
    /// of a last chunk: [`Chunk::first`] tells).
    #[inline(always)]
    pub(crate) fn holds_either(&self, a: &Splat, b: &Splat) -> bool {
        let (a, b) = (V::splat(self.proof, a), V::splat(self.proof, b));
        let mut hits = self.lanes[0].eq(a).or(self.lanes[0].eq(b));
        for &x in &self.lanes[1..] {
            hits = hits.or(x.eq(a)).or(x.eq(b));
        }
        hits.bits() != 0
    }

    /// Where `byte` first occurs among the scanned bytes.
    #[inline(always)]
    pub(crate) fn first(&self, byte: &Splat) -> Option<usize> {
        let mask = self.equal(byte);
        (mask != 0).then(|| mask.trailing_zeros() as usize)
    }

    /// Bits of the scanned bytes equal to `byte`: one compare a register, where a range of
    /// one byte takes two.
    #[inline(always)]
    pub(crate) fn equal(&self, byte: &Splat) -> u64 {
        let byte = V::splat(self.proof, byte);
        self.scanned(|x| x.eq(byte))
    }

    /// Bits of the scanned bytes in the range `test` checks.
    #[inline(always)]
    pub(crate) fn range(&self, test: &RangeTest) -> u64 {
        !self.scanned(|x| test.outside(self.proof, x)) & self.valid
    }

    /// Bits of the scanned bytes that, or-ed with `fold` (`0x20` folds ASCII capitals onto
    /// lower case), fall in the range `test` checks.
    #[inline(always)]
    pub(crate) fn range_folded(&self, test: &RangeTest, fold: &Splat) -> u64 {
        let fold = V::splat(self.proof, fold);
        !self.scanned(|x| test.outside(self.proof, x.or(fold))) & self.valid
    }

    /// Bits of the scanned bytes in the range `test` checks or equal to `byte`: one mask from
    /// both, combined before it leaves the registers.
    #[inline(always)]
    pub(crate) fn range_or_equal(&self, test: &RangeTest, byte: &Splat) -> u64 {
        let byte = V::splat(self.proof, byte);
        !self.scanned(|x| test.outside(self.proof, x).and_not(x.eq(byte))) & self.valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every mask of every register width, at every start and length of a chunk in a value,
    /// against the same question asked byte by byte.
    fn masks_agree<V: Lanes, const L: usize>(proof: V::Proof) {
        let hay: Vec<u8> = (0..200u32)
            .map(|i| b"a9.Z( ,x'<:=@\x80\xff0-"[(i * 7 % 17) as usize] ^ (i % 3) as u8)
            .collect();
        let digits = RangeTest::new(b'0', b'9');
        let (dot, quote, angle) = (Splat::new(b'.'), Splat::new(b'\''), Splat::new(b'<'));
        for value_len in [L * V::BYTES / 2 + 1, L * V::BYTES, 100, 200] {
            let hay = &hay[..value_len];
            for start in 0..hay.len() {
                let len = (hay.len() - start).min(CHUNK).min(L * V::BYTES);
                let chunk = Chunk::<V, L>::at(proof, hay, start, len);
                let scanned = &hay[start..start + len];
                let want = |f: &dyn Fn(u8) -> bool| {
                    scanned
                        .iter()
                        .enumerate()
                        .filter(|&(_, &b)| f(b))
                        .fold(0u64, |m, (k, _)| m | 1 << k)
                };
                assert_eq!(chunk.range(&digits), want(&|b| b.is_ascii_digit()));
                assert_eq!(chunk.equal(&dot), want(&|b| b == b'.'));
                assert_eq!(
                    chunk.range_or_equal(&digits, &dot),
                    want(&|b| b.is_ascii_digit() || b == b'.')
                );
                assert_eq!(
                    chunk.first(&quote),
                    scanned.iter().position(|&b| b == b'\'')
                );
                if chunk.holds_either(&quote, &angle) {
                    continue;
                }
                assert!(!scanned.contains(&b'\'') && !scanned.contains(&b'<'));
            }
        }
    }

    #[test]
    fn portable_masks_agree_with_the_bytes() {
        masks_agree::<i8x16, 1>(());
        masks_agree::<i8x16, 2>(());
        masks_agree::<i8x16, 4>(());
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_masks_agree_with_the_bytes() {
        // A CPU without AVX2 has nothing to check.
        if let Some(proof) = Avx2::detect() {
            masks_agree::<Lane256, 1>(proof);
            masks_agree::<Lane256, 2>(proof);
        }
    }
}

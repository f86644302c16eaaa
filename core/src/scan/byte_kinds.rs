//! Byte anchors: bytes of interest (`@`, `=`, `:`, the first digit of a run, a custom
//! rule's first bytes) grouped in kinds, the tables that fire them, and what each kind does
//! when it fires.

use super::gates::email_domain_gate;
use super::gates::iban_lead;
use super::gates::ipv6_gate;
use super::gates::numeric_gate;
use super::gates::run_start;
use super::gates::NUMERIC_RUN;
use super::key_value::key_start;
#[cfg(target_arch = "x86_64")]
use super::simd::Avx2;
use super::simd::RangeTest;
use super::simd::Splat;
use super::verify::Budget;
use super::Abort;
use super::AnchorSpec;
use super::BuildError;
use super::FamilyId;
use super::Matcher;
use super::RuleMatch;
use super::Scratch;
use crate::rules::builtin::Back;
use crate::rules::builtin::ByteAnchor;
use crate::rules::builtin::Family;
use crate::text::bytes::ByteSet;
use crate::text::bytes::HEX;

/// How an anchor byte is handled: the builtin families get a cheap gate before any automaton
/// runs; custom anchors go straight to verification.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Generic,
    Digits,
    KeyValue,
    Ipv6,
    Email,
}

#[derive(Clone, Copy)]
pub(super) struct ByteKind {
    /// The kind's bytes as at most four inclusive ranges, for the vectorised scan; `None`
    /// when the set needs more (then the table scan is used).
    pub(super) ranges: Option<[(u8, u8); 4]>,
    pub(super) role: Role,
    pub(super) family: FamilyId,
    pub(super) anchor: ByteAnchor,
    /// Bytes that, just before the anchor byte, leave it no candidate: the look-back stops
    /// at once and the gate refuses the start (a digit after a lower-case letter, as in hex).
    pub(super) dead_after: ByteSet,
    /// `dead_after` as ranges for the vectorised scan (`None`: not checked there).
    pub(super) dead_ranges: Option<[(u8, u8); 4]>,
    /// `ranges` and `dead_ranges` as bits of [`ByteTables::chunk_ranges`].
    pub(super) range_set: u16,
    pub(super) dead_set: u16,
}

/// A byte set as at most four inclusive ranges (not containing the padding byte 0).
fn byte_ranges(set: &ByteSet) -> Option<[(u8, u8); 4]> {
    if set.contains(0) {
        return None;
    }
    let mut out = [(1u8, 0u8); 4];
    let mut n = 0;
    let mut b = 0usize;
    while b < 256 {
        if set.contains(b as u8) {
            let lo = b;
            while b + 1 < 256 && set.contains(b as u8 + 1) {
                b += 1;
            }
            if n == 4 {
                return None;
            }
            out[n] = (lo as u8, b as u8);
            n += 1;
        }
        b += 1;
    }
    Some(out)
}

/// The byte anchors: which bytes fire which kinds, and how the scans classify them.
pub(super) struct ByteTables {
    pub(super) kinds: Vec<ByteKind>,
    /// Byte → the kinds it anchors (bit k: `kinds[k]`).
    pub(super) mask: [u8; 256],
    /// Previous byte → the kinds it silences at the next byte: run-start kinds inside their
    /// run, and kinds whose `dead_after` holds it. With `mask`, two lookups decide whether a
    /// byte fires at all, so hex ids pass without a branch per digit.
    pub(super) suppress: [u8; 256],
    /// Every kind is a few byte ranges: scan with comparisons instead of table lookups.
    pub(super) vector_scan: bool,
    /// The CPU has AVX2: the comparisons take 32 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    pub(super) avx2: Option<Avx2>,
    /// The distinct byte ranges of the kinds (at most 16 when `vector_scan`).
    pub(super) chunk_ranges: Vec<RangeTest>,
    /// The ranges and bytes `vectors::numeric_filter` reads: `(`..=`9` and capitals; dots
    /// and blanks.
    pub(super) numeric_ranges: [RangeTest; 2],
    pub(super) numeric_bytes: [Splat; 2],
    /// The bit of the digits among `chunk_ranges`.
    pub(super) digit_set: u16,
    /// The bit of `mask` that marks `'` and `<` for the text passes, past the kinds' bits
    /// (0: no bit left, or no such pass).
    pub(super) mark_bit: u8,
}

impl ByteTables {
    pub(super) fn build(
        rules: &[RuleMatch],
        family_index: &dyn Fn(Family) -> FamilyId,
    ) -> Result<ByteTables, BuildError> {
        let mut kinds = merge_kinds(collect_kinds(rules, family_index));
        if kinds.len() > 8 {
            return Err(BuildError::Other {
                rule: None,
                message: "too many kinds of byte anchors".into(),
            });
        }
        for kind in &mut kinds {
            kind.derive_dead_bytes();
        }
        let (chunk_ranges, digit_set) = classify_ranges(&mut kinds);
        let vector_scan = kinds.iter().all(|k| k.ranges.is_some()) && chunk_ranges.len() <= 16;
        let mark_bit = match rules.iter().any(|r| r.text_passes) {
            true => 1u8.checked_shl(kinds.len() as u32).unwrap_or(0),
            false => 0,
        };
        let (mask, suppress) = byte_masks(&kinds, mark_bit);
        Ok(ByteTables {
            kinds,
            mask,
            suppress,
            vector_scan,
            #[cfg(target_arch = "x86_64")]
            avx2: Avx2::detect(),
            chunk_ranges: chunk_ranges
                .iter()
                .map(|&(lo, hi)| RangeTest::new(lo, hi))
                .collect(),
            numeric_ranges: [RangeTest::new(b'(', b'9'), RangeTest::new(b'A', b'Z')],
            numeric_bytes: [Splat::new(b'.'), Splat::new(b' ')],
            digit_set,
            mark_bit,
        })
    }
}

/// One kind per distinct (family, role, anchor) of the rules' byte anchors.
fn collect_kinds(rules: &[RuleMatch], family_index: &dyn Fn(Family) -> FamilyId) -> Vec<ByteKind> {
    let mut kinds: Vec<ByteKind> = Vec::new();
    for rule in rules {
        let family = family_index(rule.family);
        for anchor in &rule.anchors {
            let AnchorSpec::Byte(anchor) = anchor else {
                continue;
            };
            let role = match rule.family {
                Family::Number => Role::Digits,
                Family::KeyValue if anchor.back == Back::Key => Role::KeyValue,
                Family::Ipv6 => Role::Ipv6,
                Family::Email => Role::Email,
                _ => Role::Generic,
            };
            let dup = kinds
                .iter()
                .any(|k| k.family == family && k.role == role && k.anchor == *anchor);
            if !dup {
                kinds.push(ByteKind {
                    ranges: None,
                    role,
                    family,
                    anchor: *anchor,
                    dead_after: ByteSet::EMPTY,
                    dead_ranges: None,
                    range_set: 0,
                    dead_set: 0,
                });
            }
        }
    }
    kinds
}

/// Past eight kinds (the bits of a byte), custom first-byte kinds of one family become one.
fn merge_kinds(kinds: Vec<ByteKind>) -> Vec<ByteKind> {
    if kinds.len() <= 8 {
        return kinds;
    }
    let mut merged: Vec<ByteKind> = Vec::new();
    for k in kinds {
        match merged.iter_mut().find(|m| {
            m.family == k.family
                && m.anchor.back == k.anchor.back
                && !m.anchor.run_start
                && !k.anchor.run_start
        }) {
            Some(m) => m.anchor.bytes = m.anchor.bytes.union(k.anchor.bytes),
            None => merged.push(k),
        }
    }
    merged
}

impl ByteKind {
    /// The kind's byte ranges, and the bytes that leave it no candidate right after them.
    fn derive_dead_bytes(&mut self) {
        self.ranges = byte_ranges(&self.anchor.bytes);
        self.dead_after = match (self.role, self.anchor.back) {
            (Role::Generic | Role::Digits | Role::Email, Back::None) => self.anchor.gate,
            (Role::Generic | Role::Digits | Role::Email, Back::Run(set, _)) => {
                // Without `at`, a start needs the run before the anchor: an anchor byte
                // outside the run's set leaves the next one none (`@@`).
                let no_run = match self.anchor.at {
                    true => ByteSet::EMPTY,
                    false => self.anchor.bytes.minus(set),
                };
                self.anchor.gate.minus(set).union(no_run)
            }
            // A separator right after a separator has no key before it (`==`, `::`, `=:`): a
            // key=value start needs a key's letters, and curl's user option a user name.
            (Role::KeyValue, Back::Key) => self.anchor.bytes,
            _ => ByteSet::EMPTY,
        };
        // Dead bytes are dropped with masks before any anchor is visited; for digits, before
        // the numeric filter too (hex ids' digits follow letters): with 32-byte registers the
        // two ranges this adds cost less than the filter's work on them.
        if self.dead_after != ByteSet::EMPTY {
            self.dead_ranges = byte_ranges(&self.dead_after);
        }
    }
}

/// The distinct ranges of every kind, classified once per chunk of the vectorised scan
/// (kinds share `:`; the digits are anchors, dead bytes and the numeric filter's input).
/// Sets each kind's `range_set` and `dead_set`; returns the ranges and the digits' bit.
fn classify_ranges(kinds: &mut [ByteKind]) -> (Vec<(u8, u8)>, u16) {
    let mut chunk_ranges: Vec<(u8, u8)> = Vec::new();
    let mut set_of = |ranges: &Option<[(u8, u8); 4]>| -> u16 {
        let mut set = 0u16;
        for &r in ranges.iter().flatten().filter(|(lo, hi)| lo <= hi) {
            let k = match chunk_ranges.iter().position(|&c| c == r) {
                Some(k) => k,
                None => {
                    chunk_ranges.push(r);
                    chunk_ranges.len() - 1
                }
            };
            set |= 1u16.checked_shl(k as u32).unwrap_or(0);
        }
        set
    };
    for kind in kinds.iter_mut() {
        kind.range_set = set_of(&kind.ranges);
        kind.dead_set = set_of(&kind.dead_ranges);
    }
    let digit_set = set_of(&Some([(b'0', b'9'), (1, 0), (1, 0), (1, 0)]));
    (chunk_ranges, digit_set)
}

/// The byte → kinds table, with `'` and `<` under `mark_bit`, and the table of kinds each
/// byte silences at the next one.
fn byte_masks(kinds: &[ByteKind], mark_bit: u8) -> ([u8; 256], [u8; 256]) {
    let mut mask = [0u8; 256];
    mask[usize::from(b'\'')] |= mark_bit;
    mask[usize::from(b'<')] |= mark_bit;
    let mut suppress = [0u8; 256];
    for (k, kind) in kinds.iter().enumerate() {
        for b in 0..=255u8 {
            if kind.anchor.bytes.contains(b) {
                mask[b as usize] |= 1 << k;
            }
            if (kind.anchor.run_start && kind.anchor.bytes.contains(b))
                || kind.dead_after.contains(b)
            {
                suppress[b as usize] |= 1 << k;
            }
        }
    }
    (mask, suppress)
}

impl Matcher {
    /// The byte at `p` in the table scans: `fire` has a bit for each kind it anchors there
    /// (run-start kinds already silenced inside their runs).
    pub(super) fn on_byte(
        &self,
        mut fire: u8,
        hay: &[u8],
        p: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        if fire & self.bytes.mark_bit != 0 {
            let mark = if hay[p] == b'<' {
                &mut sc.angle
            } else {
                &mut sc.quote
            };
            *mark = (*mark).min(p);
            fire &= !self.bytes.mark_bit;
        }
        while fire != 0 {
            let k = fire.trailing_zeros() as usize;
            fire &= fire - 1;
            let kind = &self.bytes.kinds[k];
            if kind.role == Role::Digits {
                // A digit that no numeric byte follows is a run of one: no number shape (and
                // no IBAN, whose check digits come in pairs) starts there.
                if !hay.get(p + 1).is_some_and(|&c| NUMERIC_RUN.contains(c)) {
                    continue;
                }
                if !numeric_gate(hay, p) && !iban_lead(hay, p) {
                    continue;
                }
            }
            self.on_anchor(kind, hay, p, sc, budget, allow)?;
        }
        Ok(())
    }

    /// Handles one anchor of one kind at `p`: look back for the start, gate, verify.
    #[inline]
    pub(super) fn on_anchor(
        &self,
        kind: &ByteKind,
        hay: &[u8],
        p: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        match kind.role {
            Role::KeyValue => {
                if let Some(q) = self.key_value_start(hay, p, &mut sc.keys) {
                    self.candidate(hay, kind.family, q, sc, budget, allow)?;
                }
                return Ok(());
            }
            Role::Ipv6 => {
                // The left boundary first: it refuses most colons (`T10:30`, `sha256:`) at once.
                let q = run_start(hay, p, HEX, 4);
                if !(q > 0 && kind.anchor.gate.contains(hay[q - 1]))
                    && self.start_allowed(kind.family, hay, q)
                    && ipv6_gate(hay, q)
                {
                    self.candidate(hay, kind.family, q, sc, budget, allow)?;
                }
                return Ok(());
            }
            // Digit anchors were gated by `numeric_filter` in the scan.
            // `app@sha256:…`, `user@host`, `@Override`: no dotted domain, no address.
            Role::Email if !email_domain_gate(hay, p) => return Ok(()),
            Role::Digits | Role::Generic | Role::Email => {}
        }
        let gated = |c: usize| c > 0 && kind.anchor.gate.contains(hay[c - 1]);
        let back = match kind.anchor.back {
            Back::None => None,
            Back::Run(set, max) => {
                Some(run_start(hay, p, set, max)).filter(|&q| q < p || !kind.anchor.at)
            }
            Back::Key => key_start(hay, p),
        };
        if let Some(q) = back {
            if !gated(q) {
                self.candidate(hay, kind.family, q, sc, budget, allow)?;
            }
        }
        if kind.anchor.at && !gated(p) {
            self.candidate(hay, kind.family, p, sc, budget, allow)?;
        }
        Ok(())
    }
}

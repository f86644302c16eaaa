//! The content matcher: one candidate pass, anchored lazy-DFA verification, validators.
//!
//! # How a string is searched
//!
//! 1. **One candidate pass.** A single left-to-right scan finds *anchors*: occurrences of the
//!    rules' literal prefixes (aho-corasick's SIMD Teddy searcher, given the builtin literals
//!    in an order tuned against false candidates; every literal that occurs at a reported
//!    position is handled, not only the one reported), merged in order with bytes of interest
//!    (`@`, `=`, `:`, the first digit of a run, a custom rule's first bytes), classified 64
//!    bytes at a time with SIMD compares (a 256-entry table for short values and byte sets of
//!    more than four ranges). An anchor names its *family* and where a
//!    match may start relative to it (the anchor itself, or the start of the e-mail local
//!    part, URL scheme or key that ends there). Values shorter than 32 bytes skip the
//!    automaton's start-up cost: one byte loop looks each pair of bytes up in a table of the
//!    literals' first two bytes and each byte up in the anchor table. Anchors that cannot lead
//!    anywhere are dropped early: a digit right after a lower-case letter (hex ids) or with no
//!    numeric byte after it, a run of digits and separators too short for any number shape or
//!    of digits and dots in no shape a number rule takes with dots (versions), a key before
//!    `=`/`:` with fewer letters than a keyword or whose words name no secret (answered from a
//!    per-thread cache of recent keys), a `://` with no `@` in the authority, a start that no
//!    rule of the family allows on its left, a start inside a span already accepted that
//!    cannot reach past it.
//! 2. **Anchored verification.** From each candidate start, the family's lazy DFA (every rule of
//!    the family compiled together, `MatchKind::All`) runs anchored and reports every
//!    `(rule, end)` it reaches. Length limits and boundaries filter ends as they are reported.
//! 3. **Validators** (Luhn, mod-97, ...) are tried from the longest end down; a rejection makes
//!    the rule behave as if it had not matched there, while other rules still may. An end an
//!    accepted span already covers is not tried. A rule that keeps its context (`password=`,
//!    `Bearer `) replaces only its secret part, read off the match where the builtin says it
//!    lies (see `secret.rs`) or found by running the rule again with captures.
//! 4. **Resolution.** Accepted spans are sorted by leftmost start, then longest, then rule
//!    order; overlapping spans are merged so no fragment of a secret survives, and the first
//!    span of each merged region names it.
//!
//! Total verification work is bounded by a step budget proportional to the input; a string
//! that exhausts it is failed closed by the caller.

pub(crate) mod simd;
mod sql_in_text;
mod xml_in_text;

use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, MatchKind as AcMatchKind};
use regex_automata::{
    hybrid::dfa::{Cache, DFA},
    meta,
    nfa::thompson,
    util::{captures::Captures, syntax},
    Anchored, Input, MatchKind,
};
use wide::i8x16;

#[cfg(target_arch = "x86_64")]
use crate::scan::simd::{Avx2, Lane256};
use crate::scan::simd::{Chunk, Lanes, RangeTest, Splat, CHUNK};

use crate::rules::builtin::{
    Back, Boundary, ByteAnchor, Family, LiteralGate, KV_GATE_EXTRA, KV_KEYWORDS,
    LITERAL_SEARCH_ORDER,
};
use crate::rules::secret::SecretPart;
use crate::rules::validators::Validator;
use crate::rules::vocabulary::{key_names_secret, names_compound_secret};
use crate::text::bytes::{ByteSet, ALNUM, EMAIL_LOCAL, HARD_DELIMITER, HEX, KEY, SCHEME, WORD};

/// What the matcher needs to know about one content rule.
#[derive(Clone, Debug)]
pub(crate) struct RuleMatch {
    /// The pattern, in the regex-automata dialect.
    pub pattern: String,
    pub family: Family,
    pub anchors: Vec<AnchorSpec>,
    pub left: Boundary,
    pub right: Boundary,
    pub min_len: usize,
    pub max_len: usize,
    pub validators: Vec<Validator>,
    /// Which part of a match is replaced.
    pub secret: SecretPart,
    /// The rule also names what the text passes find (`sql_text.rs`, `xml_text.rs`).
    pub text_passes: bool,
}

/// An anchor, as compiled.
#[derive(Clone, Debug)]
pub(crate) enum AnchorSpec {
    Literal {
        text: Vec<u8>,
        back: Back,
        gate: LiteralGate,
    },
    Byte(ByteAnchor),
}

/// What [`Matcher::accept`] decides about one candidate match.
enum Verdict {
    /// A secret: redact this span.
    Accept(Span),
    /// Not this rule here.
    Reject,
    /// The secret is a label or an allowlisted value: leave it, and the rule's shorter
    /// readings at the same anchor with it.
    Kept,
}

/// The left boundaries checked for one candidate start, by the family's local pattern id (the
/// first 64; later ones are checked every time): the automaton meets a match state at many
/// ends of one start, and some boundaries look far back (a URL's userinfo, a product token).
#[derive(Default)]
struct LeftChecks {
    known: u64,
    ok: u64,
}

impl LeftChecks {
    #[inline]
    fn get(&mut self, pid: usize, check: impl FnOnce() -> bool) -> bool {
        let Some(bit) = 1u64.checked_shl(pid as u32) else {
            return check();
        };
        if self.known & bit == 0 {
            self.known |= bit;
            if check() {
                self.ok |= bit;
            }
        }
        self.ok & bit != 0
    }
}

/// An accepted match: the byte range to replace and the rule that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub rule: u32,
}

/// The verification budget ran out: the caller must fail the value closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abort {
    /// Too much verification work for the input size.
    Budget,
    /// The lazy DFA could not decide (a Unicode word boundary next to non-ASCII text).
    Quit,
}

struct FamilyDfa {
    family: Family,
    dfa: DFA,
    /// Local pattern id → global rule index.
    rules: Vec<u32>,
    max_len: usize,
    min_len: usize,
    /// The distinct left boundaries of the family's rules, or `None` when one of them allows
    /// anything: a start that none of them allows cannot begin a match.
    lefts: Option<Vec<Boundary>>,
    /// The same for right boundaries: an end that none of them allows is not looked up
    /// (a bare `key=value` reaches a match state at every byte of its value).
    rights: Option<Vec<Boundary>>,
}

/// How an anchor byte is handled: the builtin families get a cheap gate before any automaton
/// runs; custom anchors go straight to verification.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Generic,
    Digits,
    KeyValue,
    Ipv6,
    Email,
}

#[derive(Clone, Copy)]
struct ByteKind {
    /// The kind's bytes as at most four inclusive ranges, for the vectorised scan; `None`
    /// when the set needs more (then the table scan is used).
    ranges: Option<[(u8, u8); 4]>,
    role: Role,
    family: u8,
    anchor: ByteAnchor,
    /// Bytes that, just before the anchor byte, leave it no candidate: the look-back stops
    /// at once and the gate refuses the start (a digit after a lower-case letter, as in hex).
    dead_after: ByteSet,
    /// `dead_after` as ranges for the vectorised scan (`None`: not checked there).
    dead_ranges: Option<[(u8, u8); 4]>,
    /// `ranges` and `dead_ranges` as bits of [`Matcher::chunk_ranges`].
    range_set: u16,
    dead_set: u16,
}

/// Per-search scratch space, reused across calls so that searching allocates nothing.
pub(crate) struct Scratch {
    caches: Vec<Cache>,
    /// One cache and one capture slot set per regex in `Matcher::captures`.
    cap_caches: Vec<(meta::Cache, Captures)>,
    ends: Vec<(u32, usize)>,
    /// Accepted spans of the last search, sorted and merged.
    pub spans: Vec<Span>,
    recent: [(u8, usize); 4],
    recent_at: usize,
    /// The first `'` and the first `<` the scans met in this search (`usize::MAX`: none),
    /// where the text passes start.
    quote: usize,
    angle: usize,
    keys: KeyCache,
}

/// Remembers whether recent keys name a secret: keys repeat in telemetry, and the word check
/// is the costly part of a key=value anchor. Slots keep the key itself, so a collision only
/// costs a recheck.
struct KeyCache {
    slots: Box<[KeySlot; KeyCache::SLOTS]>,
    /// The bytes of the keys longer than 16 bytes, by slot: apart from the slots, which a
    /// lookup reads every time and which stay small so that they stay in cache.
    long: Box<[[u8; KeyCache::MAX_KEY]; KeyCache::SLOTS]>,
}

#[derive(Clone, Copy)]
struct KeySlot {
    /// [`KeyCache::words`] of the key: with `len`, the whole key up to 16 bytes.
    words: (u64, u64),
    len: u8,
    secret: bool,
}

impl KeyCache {
    const SLOTS: usize = 128;
    const MAX_KEY: usize = 48;

    fn new() -> KeyCache {
        KeyCache {
            slots: Box::new(
                [KeySlot {
                    words: (0, 0),
                    len: 0,
                    secret: false,
                }; Self::SLOTS],
            ),
            long: Box::new([[0; Self::MAX_KEY]; Self::SLOTS]),
        }
    }

    /// Two words that hold every byte of a key of 1 to 16 bytes (with its length, which
    /// tells the overlaps apart) and the first and last eight bytes of a longer one.
    #[inline]
    fn words(key: &[u8]) -> (u64, u64) {
        let n = key.len();
        if let (Some(h), Some(t)) = (key.first_chunk::<8>(), key.last_chunk::<8>()) {
            (u64::from_le_bytes(*h), u64::from_le_bytes(*t))
        } else if let (Some(h), Some(t)) = (key.first_chunk::<4>(), key.last_chunk::<4>()) {
            (
                u64::from(u32::from_le_bytes(*h)),
                u64::from(u32::from_le_bytes(*t)),
            )
        } else {
            let b = |i: usize| u64::from(key[i]);
            (b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0)
        }
    }

    #[inline]
    fn get_or(&mut self, key: &[u8], check: impl FnOnce(&[u8]) -> bool) -> bool {
        let n = key.len();
        if n == 0 || n > Self::MAX_KEY {
            return check(key);
        }
        let words = Self::words(key);
        let h = (words.0 ^ words.1.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let i = (h >> 57) as usize % Self::SLOTS;
        let slot = &mut self.slots[i];
        // Keys of up to 16 bytes are whole in their words; longer ones compare the middle.
        if slot.words == words
            && usize::from(slot.len) == n
            && (n <= 16 || self.long[i][8..n - 8] == key[8..n - 8])
        {
            return slot.secret;
        }
        let secret = check(key);
        slot.words = words;
        slot.len = n as u8;
        if n > 16 {
            self.long[i][..n].copy_from_slice(key);
        }
        slot.secret = secret;
        secret
    }
}

/// The compiled content matcher.
pub(crate) struct Matcher {
    rules: Vec<RuleMatch>,
    families: Vec<FamilyDfa>,
    literals: Option<AhoCorasick>,
    /// The same literals as a bare SIMD searcher (Teddy), when they fit one: the search of
    /// long values without the automaton's per-call plumbing (`None`: `literals` serves).
    /// It is given them in [`LITERAL_SEARCH_ORDER`]; `packed_ids` maps its pattern ids back.
    packed_literals: Option<packed::Searcher>,
    packed_ids: Vec<u32>,
    /// The same literals by their first two bytes, looked up in the byte loop of short
    /// values (`None` when a literal is a single byte: then the plain DFA below serves).
    pairs: Option<LiteralPairs>,
    /// The same literals as a plain DFA: cheaper to start on short values than the SIMD
    /// prefilter.
    short_literals: Option<AhoCorasick>,
    /// For each literal: (family index, look-back, gate) triples.
    literal_targets: Vec<Vec<(u8, Back, LiteralGate)>>,
    /// For each literal, the others that one of them begins with: where one occurs, the
    /// other may too, and a search reports only one of them.
    literal_overlaps: Vec<Vec<u32>>,
    /// The literals, by index.
    literal_texts: Vec<Vec<u8>>,
    /// Byte → the kinds it anchors (bit k: `byte_kinds[k]`).
    byte_mask: [u8; 256],
    /// Previous byte → the kinds it silences at the next byte: run-start kinds inside their
    /// run, and kinds whose `dead_after` holds it. With `byte_mask`, two lookups decide
    /// whether a byte fires at all, so hex ids pass without a branch per digit.
    suppress: [u8; 256],
    /// Every kind is a few byte ranges: scan with comparisons instead of table lookups.
    vector_scan: bool,
    /// The CPU has AVX2: the comparisons take 32 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    avx2: Option<Avx2>,
    /// The distinct byte ranges of the kinds (at most 16 when `vector_scan`), and the bit of
    /// the digits among them.
    chunk_ranges: Vec<RangeTest>,
    /// The ranges and bytes [`numeric_filter`] reads: `(`..=`9` and capitals; dots and blanks.
    numeric_ranges: [RangeTest; 2],
    numeric_bytes: [Splat; 2],
    digit_set: u16,
    /// Letter sets of the key=value keywords, for the key gate.
    kv_keyword_sets: KeywordSets,
    /// The letters of the shortest keyword: a key with fewer cannot hold one.
    kv_min_letters: usize,
    byte_kinds: Vec<ByteKind>,
    /// The bit of `byte_mask` that marks `'` and `<` for the text passes, past the kinds'
    /// bits (0: no bit left, or no such pass).
    mark_bit: u8,
    /// One regex per rule with a secret group: a search sets up only that rule's automaton
    /// (one regex of them all made each search clear state for every rule's NFA).
    captures: Vec<meta::Regex>,
    /// Rule index → its regex in `captures`.
    capture_ids: Vec<Option<u32>>,
    /// The rule that names what the text passes find, if the policy has it.
    text_pass_rule: Option<u32>,
}

/// Why the matcher could not be built.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// A family's automaton is over the size limit; the rules are listed largest first.
    TooLarge {
        family: Family,
        offenders: Vec<(usize, usize)>,
    },
    /// Any other build failure, with the rule that caused it when known.
    Other {
        rule: Option<usize>,
        message: String,
    },
}

/// Syntax used for every content pattern: Unicode classes available, but patterns may match
/// arbitrary bytes (builtins use `(?-u)` byte classes).
pub(crate) fn syntax_config() -> syntax::Config {
    syntax::Config::new().utf8(false).unicode(true)
}

impl Matcher {
    /// Compiles the rules. `nfa_limit` bounds each family's NFA in bytes.
    pub(crate) fn build(rules: Vec<RuleMatch>, nfa_limit: usize) -> Result<Matcher, BuildError> {
        let mut family_order: Vec<Family> = rules.iter().map(|r| r.family).collect();
        family_order.sort();
        family_order.dedup();
        let mut families = Vec::new();
        for &family in &family_order {
            let members: Vec<u32> = (0..rules.len() as u32)
                .filter(|&i| rules[i as usize].family == family)
                .collect();
            let patterns: Vec<&str> = members
                .iter()
                .map(|&i| rules[i as usize].pattern.as_str())
                .collect();
            let dfa = DFA::builder()
                .syntax(syntax_config())
                .thompson(
                    thompson::Config::new()
                        .utf8(false)
                        .nfa_size_limit(Some(nfa_limit)),
                )
                .configure(
                    DFA::config()
                        .match_kind(MatchKind::All)
                        .unicode_word_boundary(true)
                        .cache_capacity(4 << 20),
                )
                .build_many(&patterns)
                .map_err(|e| {
                    classify_build_error(&rules, &members, family, nfa_limit, error_chain(&e))
                })?;
            let max_len = members
                .iter()
                .map(|&i| rules[i as usize].max_len)
                .max()
                .unwrap_or(0);
            let min_len = members
                .iter()
                .map(|&i| rules[i as usize].min_len)
                .min()
                .unwrap_or(1);
            let member_rules = || members.iter().map(|&i| &rules[i as usize]);
            // The e-mail boundary looks back up to 256 bytes: not worth doing twice.
            let lefts = distinct_boundaries(member_rules().map(|r| r.left), |b| {
                matches!(b, Boundary::None | Boundary::EmailLocal)
            });
            let rights =
                distinct_boundaries(member_rules().map(|r| r.right), |b| b == Boundary::None);
            families.push(FamilyDfa {
                family,
                dfa,
                rules: members,
                max_len,
                min_len,
                lefts,
                rights,
            });
        }
        let family_index =
            |f: Family| families.iter().position(|d| d.family == f).unwrap_or(0) as u8;

        // Literal anchors, deduplicated by text.
        let mut lit_texts: Vec<Vec<u8>> = Vec::new();
        let mut literal_targets: Vec<Vec<(u8, Back, LiteralGate)>> = Vec::new();
        let mut byte_kinds: Vec<ByteKind> = Vec::new();
        for rule in &rules {
            let fam = family_index(rule.family);
            for anchor in &rule.anchors {
                match anchor {
                    AnchorSpec::Literal { text, back, gate } => {
                        let idx = match lit_texts.iter().position(|t| t == text) {
                            Some(i) => i,
                            None => {
                                lit_texts.push(text.clone());
                                literal_targets.push(Vec::new());
                                lit_texts.len() - 1
                            }
                        };
                        // A literal with a gate for one rule and none for another is always
                        // verified: the gate may only ever skip work.
                        match literal_targets[idx]
                            .iter_mut()
                            .find(|(f, b, _)| *f == fam && b == back)
                        {
                            Some(t) if t.2 != *gate => t.2 = LiteralGate::Open,
                            Some(_) => {}
                            None => literal_targets[idx].push((fam, *back, *gate)),
                        }
                    }
                    AnchorSpec::Byte(anchor) => {
                        let role = match rule.family {
                            Family::Number => Role::Digits,
                            Family::KeyValue if anchor.back == Back::Key => Role::KeyValue,
                            Family::Ipv6 => Role::Ipv6,
                            Family::Email => Role::Email,
                            _ => Role::Generic,
                        };
                        let dup = byte_kinds
                            .iter()
                            .any(|k| k.family == fam && k.role == role && k.anchor == *anchor);
                        if !dup {
                            byte_kinds.push(ByteKind {
                                ranges: None,
                                role,
                                family: fam,
                                anchor: *anchor,
                                dead_after: ByteSet::EMPTY,
                                dead_ranges: None,
                                range_set: 0,
                                dead_set: 0,
                            });
                        }
                    }
                }
            }
        }
        if byte_kinds.len() > 8 {
            // Merge custom first-byte kinds of the same family into one.
            let mut merged: Vec<ByteKind> = Vec::new();
            for k in byte_kinds {
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
            byte_kinds = merged;
        }
        if byte_kinds.len() > 8 {
            return Err(BuildError::Other {
                rule: None,
                message: "too many kinds of byte anchors".into(),
            });
        }
        for kind in &mut byte_kinds {
            kind.ranges = byte_ranges(&kind.anchor.bytes);
            kind.dead_after = match (kind.role, kind.anchor.back) {
                (Role::Generic | Role::Digits | Role::Email, Back::None) => kind.anchor.gate,
                (Role::Generic | Role::Digits | Role::Email, Back::Run(set, _)) => {
                    // Without `at`, a start needs the run before the anchor: an anchor byte
                    // outside the run's set leaves the next one none (`@@`).
                    let no_run = match kind.anchor.at {
                        true => ByteSet::EMPTY,
                        false => kind.anchor.bytes.minus(set),
                    };
                    kind.anchor.gate.minus(set).union(no_run)
                }
                // A separator right after a separator has no key before it (`==`, `::`,
                // `=:`): a key=value start needs a key's letters, and curl's user option a
                // user name.
                (Role::KeyValue, Back::Key) => kind.anchor.bytes,
                _ => ByteSet::EMPTY,
            };
            // Dead bytes are dropped with masks before any anchor is visited; for digits,
            // before the numeric filter too (hex ids' digits follow letters): with 32-byte
            // registers the two ranges this adds cost less than the filter's work on them.
            if kind.dead_after != ByteSet::EMPTY {
                kind.dead_ranges = byte_ranges(&kind.dead_after);
            }
        }
        // The distinct ranges of every kind, classified once per chunk of the vectorised scan
        // (kinds share `:`; the digits are anchors, dead bytes and the numeric filter's input).
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
        for kind in &mut byte_kinds {
            kind.range_set = set_of(&kind.ranges);
            kind.dead_set = set_of(&kind.dead_ranges);
        }
        let digit_set = set_of(&Some([(b'0', b'9'), (1, 0), (1, 0), (1, 0)]));
        let vector_scan = byte_kinds.iter().all(|k| k.ranges.is_some()) && chunk_ranges.len() <= 16;
        let mut byte_mask = [0u8; 256];
        let mark_bit = match rules.iter().any(|r| r.text_passes) {
            true => 1u8.checked_shl(byte_kinds.len() as u32).unwrap_or(0),
            false => 0,
        };
        byte_mask[usize::from(b'\'')] |= mark_bit;
        byte_mask[usize::from(b'<')] |= mark_bit;
        let mut suppress = [0u8; 256];
        for (k, kind) in byte_kinds.iter().enumerate() {
            for b in 0..=255u8 {
                if kind.anchor.bytes.contains(b) {
                    byte_mask[b as usize] |= 1 << k;
                }
                if (kind.anchor.run_start && kind.anchor.bytes.contains(b))
                    || kind.dead_after.contains(b)
                {
                    suppress[b as usize] |= 1 << k;
                }
            }
        }
        let build_ac = |kind: Option<AhoCorasickKind>, prefilter: bool| {
            AhoCorasick::builder()
                .match_kind(AcMatchKind::LeftmostFirst)
                .kind(kind)
                .prefilter(prefilter)
                .build(&lit_texts)
                .map_err(|e| BuildError::Other {
                    rule: None,
                    message: e.to_string(),
                })
        };
        let (literals, short_literals) = if lit_texts.is_empty() {
            (None, None)
        } else {
            (
                Some(build_ac(None, true)?),
                Some(build_ac(Some(AhoCorasickKind::DFA), false)?),
            )
        };

        // Secret groups: one regex per rule that has one, used only on accepted matches.
        let mut capture_ids = vec![None; rules.len()];
        let mut captures = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if r.secret == SecretPart::Captured {
                capture_ids[i] = Some(captures.len() as u32);
                let re = meta::Regex::builder()
                    .syntax(syntax_config())
                    .configure(
                        meta::Config::new()
                            .utf8_empty(false)
                            .nfa_size_limit(Some(nfa_limit)),
                    )
                    .build(&format!("(?:{})$", r.pattern))
                    .map_err(|e| BuildError::Other {
                        rule: Some(i),
                        message: e.to_string(),
                    })?;
                captures.push(re);
            }
        }
        let pairs = LiteralPairs::new(&lit_texts);
        let literal_overlaps = lit_texts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (0..lit_texts.len() as u32)
                    .filter(|&j| {
                        let b = &lit_texts[j as usize];
                        j as usize != i && (a.starts_with(b) || b.starts_with(a))
                    })
                    .collect()
            })
            .collect();
        // The order only decides which literals share a fingerprint bucket: every literal that
        // occurs where one is reported gets its candidates (`literal_overlaps`).
        let mut packed_ids: Vec<u32> = (0..lit_texts.len() as u32).collect();
        packed_ids.sort_by_key(|&i| {
            let text = &lit_texts[i as usize];
            LITERAL_SEARCH_ORDER
                .iter()
                .position(|l| l.as_bytes() == text.as_slice())
                .unwrap_or(LITERAL_SEARCH_ORDER.len())
        });
        let packed_literals = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(packed_ids.iter().map(|&i| &lit_texts[i as usize]))
            .build();
        let text_pass_rule = rules.iter().position(|r| r.text_passes).map(|i| i as u32);
        Ok(Matcher {
            text_pass_rule,
            rules,
            families,
            literals,
            packed_literals,
            packed_ids,
            pairs,
            short_literals,
            literal_targets,
            literal_overlaps,
            literal_texts: lit_texts,
            byte_mask,
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
            kv_keyword_sets: KeywordSets::new(
                KV_KEYWORDS
                    .iter()
                    .chain(KV_GATE_EXTRA)
                    .map(|k| pair_set(k.as_bytes())),
            ),
            kv_min_letters: KV_KEYWORDS
                .iter()
                .chain(KV_GATE_EXTRA)
                .map(|k| k.bytes().filter(u8::is_ascii_alphabetic).count())
                .min()
                .unwrap_or(0),
            byte_kinds,
            mark_bit,
            captures,
            capture_ids,
        })
    }

    /// Fresh scratch space for this matcher.
    pub(crate) fn scratch(&self) -> Scratch {
        Scratch {
            caches: self.families.iter().map(|f| f.dfa.create_cache()).collect(),
            cap_caches: self
                .captures
                .iter()
                .map(|r| (r.create_cache(), r.create_captures()))
                .collect(),
            ends: Vec::with_capacity(64),
            spans: Vec::with_capacity(16),
            recent: [(u8::MAX, usize::MAX); 4],
            recent_at: 0,
            quote: usize::MAX,
            angle: usize::MAX,
            keys: KeyCache::new(),
        }
    }

    /// The families and how many rules each compiles, for `policy explain`.
    pub(crate) fn family_sizes(&self) -> Vec<(Family, usize, usize)> {
        self.families
            .iter()
            .map(|f| (f.family, f.rules.len(), f.dfa.memory_usage()))
            .collect()
    }

    /// Number of distinct literal anchors.
    pub(crate) fn literal_count(&self) -> usize {
        self.literal_targets.len()
    }

    /// Finds every accepted span in `hay` into `sc.spans` (sorted, merged). `allow` says
    /// whether a secret is on the value allowlist.
    pub(crate) fn find(
        &self,
        hay: &[u8],
        sc: &mut Scratch,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let path = if hay.len() < SHORT {
            Path::Short
        } else if self.vector_scan {
            self.vector_path()
        } else {
            Path::Table
        };
        self.find_in(hay, sc, allow, path)
    }

    /// The vectorised path of long values: AVX2 registers where the CPU has them.
    fn vector_path(&self) -> Path {
        #[cfg(target_arch = "x86_64")]
        if self.avx2.is_some() {
            return Path::Wide;
        }
        Path::Vectors
    }

    /// [`Matcher::find`], with the caller choosing the path so that tests can check that the
    /// paths agree.
    fn find_in(
        &self,
        hay: &[u8],
        sc: &mut Scratch,
        allow: &dyn Fn(&[u8]) -> bool,
        path: Path,
    ) -> Result<(), Abort> {
        sc.spans.clear();
        sc.recent = [(u8::MAX, usize::MAX); 4];
        sc.quote = usize::MAX;
        sc.angle = usize::MAX;
        let mut budget = Budget {
            left: hay.len().saturating_mul(16).saturating_add(1 << 16),
        };
        if path == Path::Short {
            if let Some(pairs) = &self.pairs {
                if self.mark_bit == 0 {
                    self.find_marks(hay, sc);
                }
                self.find_short(hay, pairs, sc, &mut budget, allow)?;
                self.text_passes(hay, sc, allow);
                resolve(&mut sc.spans);
                return Ok(());
            }
        }
        let mut next_lit = self.next_literal(hay, 0);
        let mut i = 0;
        let scan_bytes = !self.byte_kinds.is_empty();
        let vector_scan =
            scan_bytes && self.vector_scan && matches!(path, Path::Vectors | Path::Wide);
        if !scan_bytes || (!vector_scan && self.mark_bit == 0) {
            self.find_marks(hay, sc);
        }
        loop {
            let stop = next_lit.map_or(hay.len(), |(_, start)| start);
            if scan_bytes {
                if vector_scan {
                    self.scan_vectors(path, hay, i, stop, sc, &mut budget, allow)?;
                } else {
                    self.scan_table(hay, i, stop, sc, &mut budget, allow)?;
                }
            }
            i = stop;
            match next_lit {
                None => break,
                Some((lit, start)) => {
                    self.on_literal(hay, lit, start, sc, &mut budget, allow)?;
                    next_lit = self.next_literal(hay, start + 1);
                }
            }
        }
        self.text_passes(hay, sc, allow);
        resolve(&mut sc.spans);
        Ok(())
    }

    /// Notes the first `'` and `<` for [`Matcher::text_passes`] where no scan does it on the
    /// way: the byte tables mark them with `mark_bit`, the vectorised scan chunk by chunk.
    fn find_marks(&self, hay: &[u8], sc: &mut Scratch) {
        if self.text_pass_rule.is_some() {
            sc.quote = memchr::memchr(b'\'', hay).unwrap_or(usize::MAX);
            sc.angle = memchr::memchr(b'<', hay).unwrap_or(usize::MAX);
        }
    }

    /// The secrets of free text that only its structure names, when the policy's rules name
    /// them: SQL credentials after a quote (`sql_text.rs`), XML elements after a `<`
    /// (`xml_text.rs`). The marks tell whether the search met either.
    #[inline(always)]
    fn text_passes(&self, hay: &[u8], sc: &mut Scratch, allow: &dyn Fn(&[u8]) -> bool) {
        // Most values have neither mark: no call then.
        if self.text_pass_rule.is_some() && sc.quote.min(sc.angle) < hay.len() {
            self.marked_text_passes(hay, sc, allow);
        }
    }

    /// [`Matcher::text_passes`] on a value with a mark.
    #[inline(never)]
    fn marked_text_passes(&self, hay: &[u8], sc: &mut Scratch, allow: &dyn Fn(&[u8]) -> bool) {
        let Some(rule) = self.text_pass_rule else {
            return;
        };
        let (quote, angle) = (sc.quote, sc.angle);
        let mut found = |start: usize, end: usize| {
            if !allow(&hay[start..end]) {
                sc.spans.push(Span { start, end, rule });
            }
        };
        if quote < hay.len() {
            sql_in_text::find(hay, quote, &mut found);
        }
        if angle < hay.len() {
            xml_in_text::find(hay, angle, &mut found);
        }
    }

    /// [`Matcher::find`] for short values: one loop over the bytes looks up each pair of
    /// bytes in the literal table and each byte in the anchor table, in the order the long
    /// path visits them (a literal before the byte anchors at the same position).
    fn find_short(
        &self,
        hay: &[u8],
        pairs: &LiteralPairs,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let mut silenced = 0u8;
        // Every byte but the last with the one after it (a literal needs two bytes)...
        for (p, pair) in hay.windows(2).enumerate() {
            let (b, next) = (pair[0], pair[1]);
            if pairs.may_start(b, next) {
                if let Some(lit) = pairs.literal_at(hay, p, &self.literal_texts) {
                    self.on_literal(hay, lit, p, sc, budget, allow)?;
                }
            }
            let fire = self.byte_mask[b as usize] & !silenced;
            silenced = self.suppress[b as usize];
            if fire != 0 {
                self.on_byte(fire, hay, p, sc, budget, allow)?;
            }
        }
        // ...then the last byte, which can only be a byte anchor.
        if let Some(&b) = hay.last() {
            let fire = self.byte_mask[b as usize] & !silenced;
            if fire != 0 {
                self.on_byte(fire, hay, hay.len() - 1, sc, budget, allow)?;
            }
        }
        Ok(())
    }

    /// Handles literal `lit` found at `at`, and every other literal that occurs there too (a
    /// search reports one literal per position: with a custom `://zz` and the builtin `://`,
    /// only one of them would reach its families). Every family a literal anchors gets a
    /// candidate where the literal says its matches start.
    fn on_literal(
        &self,
        hay: &[u8],
        lit: usize,
        at: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let also = self.literal_overlaps[lit]
            .iter()
            .map(|&other| other as usize)
            .filter(|&other| hay[at..].starts_with(&self.literal_texts[other]));
        for lit in std::iter::once(lit).chain(also) {
            for &(fam, back, gate) in &self.literal_targets[lit] {
                let open = match gate {
                    LiteralGate::Open => true,
                    LiteralGate::Userinfo => userinfo_gate(hay, at + self.literal_texts[lit].len()),
                };
                if !open {
                    continue;
                }
                let start = match back {
                    Back::None => Some(at),
                    Back::Run(set, max) => Some(run_start(hay, at, set, max)).filter(|&q| q < at),
                    Back::Key => key_start(hay, at),
                };
                if let Some(s) = start {
                    self.candidate(hay, fam, s, sc, budget, allow)?;
                }
            }
        }
        Ok(())
    }

    /// The start of the key before a `:`/`=` separator at `p`, when the key can name a secret:
    /// one backward pass skips blanks and quotes and finds the key's bytes; a key with fewer
    /// letters than the shortest keyword is refused, a key seen recently is answered from the
    /// cache, and a new key must hold the letter pairs of a keyword before its words are
    /// checked as `secret_kv` would. Rejects `trace_id=`, `page=`, `10:30`, `input_tokens=`
    /// before any automaton runs.
    #[inline]
    fn key_value_start(&self, hay: &[u8], p: usize, cache: &mut KeyCache) -> Option<usize> {
        let end = key_end(hay, p);
        let (q, enough_letters) = match key_extent(hay, end) {
            Some((q, letters)) => (q, at_least(letters, self.kv_min_letters)),
            None => {
                let (q, letters) = key_walk(hay, end);
                (q, letters >= self.kv_min_letters)
            }
        };
        // Any key after curl's user option (`curl -u admin:password`, `-u al:pw` too).
        let user_flag = || {
            hay[p] == b':'
                && q > 0
                && matches!(hay[q - 1], b' ' | b'=' | b'"' | b'\'')
                && after_user_flag(hay, q)
        };
        if !enough_letters {
            return user_flag().then_some(q);
        }
        let key = &hay[q..end];
        let secret_key = cache.get_or(key, |k| {
            self.kv_keyword_sets.covered_by(key_pairs(k))
                && (key_names_secret(k) || contains_ignore_case(k, b"authorization"))
        });
        if secret_key && q > 0 && hay[q - 1] == b':' && in_arn(hay, q) {
            // `arn:aws:secretsmanager:…:secret:db-AbCdEf`: a resource type, not a key.
            return None;
        }
        if secret_key
            && hay[p] == b':'
            && hay[..q].ends_with(b"://")
            && in_url_userinfo(hay, q)
            && userinfo_gate(hay, p + 1)
        {
            // `https://x-access-token:…@github.com`: a URL's user name, whose password
            // `url_credentials` takes up to the `@` (a value would run on over the host).
            return None;
        }
        if secret_key || user_flag() {
            return Some(q);
        }
        // `key` or `token` (3 or 5 bytes) may end a key of two words (`api key:`).
        let maybe_spaced = match end - q {
            3 => hay[q] | 0x20 == b'k',
            5 => hay[q] | 0x20 == b't',
            _ => false,
        };
        if maybe_spaced {
            spaced_key_start(hay, q, end)
        } else {
            None
        }
    }

    /// The first literal at or after `from`: its index and where it starts.
    fn next_literal(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        if from > hay.len() {
            return None;
        }
        let ac = if hay.len() < SHORT {
            &self.short_literals
        } else if let Some(packed) = &self.packed_literals {
            let m = packed.find_in(hay, aho_corasick::Span::from(from..hay.len()))?;
            return Some((self.packed_ids[m.pattern().as_usize()] as usize, m.start()));
        } else {
            &self.literals
        };
        let m = ac
            .as_ref()?
            .find(aho_corasick::Input::new(hay).span(from..hay.len()))?;
        Some((m.pattern().as_usize(), m.start()))
    }

    /// The literals in the order the SIMD literal search is given them.
    pub(crate) fn literal_search_order(&self) -> Vec<String> {
        self.packed_ids
            .iter()
            .map(|&i| String::from_utf8_lossy(&self.literal_texts[i as usize]).into_owned())
            .collect()
    }

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
    fn scan_vectors(
        &self,
        path: Path,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        #[cfg(target_arch = "x86_64")]
        if let (Path::Wide, Some(proof)) = (path, self.avx2) {
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
        for (m, test) in masks.iter_mut().zip(&self.chunk_ranges) {
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
        for kind in &self.byte_kinds {
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
                    (&self.numeric_ranges[0], &self.numeric_ranges[1]),
                    &self.numeric_bytes,
                    pick(self.digit_set),
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
    fn scan_table(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let mut silenced = if from > 0 {
            self.suppress[hay[from - 1] as usize]
        } else {
            0
        };
        for p in from..to {
            let b = hay[p];
            let fire = self.byte_mask[b as usize] & !silenced;
            silenced = self.suppress[b as usize];
            if fire != 0 {
                self.on_byte(fire, hay, p, sc, budget, allow)?;
            }
        }
        Ok(())
    }

    /// The byte at `p` in the table scans: `fire` has a bit for each kind it anchors there
    /// (run-start kinds already silenced inside their runs).
    fn on_byte(
        &self,
        mut fire: u8,
        hay: &[u8],
        p: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        if fire & self.mark_bit != 0 {
            let mark = if hay[p] == b'<' {
                &mut sc.angle
            } else {
                &mut sc.quote
            };
            *mark = (*mark).min(p);
            fire &= !self.mark_bit;
        }
        while fire != 0 {
            let k = fire.trailing_zeros() as usize;
            fire &= fire - 1;
            let kind = &self.byte_kinds[k];
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
    fn on_anchor(
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

    /// Whether a rule of family `fam` allows a match to start at `s` (its left boundary).
    #[inline]
    fn start_allowed(&self, fam: u8, hay: &[u8], s: usize) -> bool {
        match &self.families[fam as usize].lefts {
            Some(lefts) => lefts.iter().any(|&b| left_ok(b, hay, s)),
            None => true,
        }
    }

    fn candidate(
        &self,
        hay: &[u8],
        fam: u8,
        s: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        if sc.recent.contains(&(fam, s)) {
            return Ok(());
        }
        sc.recent[sc.recent_at] = (fam, s);
        sc.recent_at = (sc.recent_at + 1) % sc.recent.len();
        if !self.start_allowed(fam, hay, s) {
            return Ok(());
        }
        let fd = &self.families[fam as usize];
        // Ends inside a span accepted from an earlier start change nothing (see `covered`):
        // only ends past `floor` are recorded, and a start that cannot reach past it is done.
        let floor = recent_spans(&sc.spans)
            .iter()
            .filter(|a| a.start < s && s < a.end)
            .map(|a| a.end)
            .max()
            .unwrap_or(0);
        if floor >= s.saturating_add(fd.max_len) {
            return Ok(());
        }
        sc.ends.clear();
        self.verify(
            fd,
            &mut sc.caches[fam as usize],
            hay,
            s,
            floor,
            &mut sc.ends,
            budget,
        )?;
        if sc.ends.is_empty() {
            return Ok(());
        }
        // Longest end first within each rule; rules in priority order.
        sc.ends
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut i = 0;
        while i < sc.ends.len() {
            let pid = sc.ends[i].0;
            let rule_idx = fd.rules[pid as usize];
            let mut accepted = false;
            while i < sc.ends.len() && sc.ends[i].0 == pid {
                if !accepted && !covered(recent_spans(&sc.spans), s, sc.ends[i].1, rule_idx) {
                    let end = sc.ends[i].1;
                    match self.accept(rule_idx, hay, s, end, sc, allow) {
                        Verdict::Accept(span) => {
                            sc.spans.push(span);
                            accepted = true;
                        }
                        // The longest reading's secret is a label or an allowlisted value:
                        // that text is already safe, and a shorter reading would take part
                        // of its context (a scheme, a key) for the secret.
                        Verdict::Kept => accepted = true,
                        Verdict::Reject => {}
                    }
                }
                i += 1;
            }
        }
        Ok(())
    }

    /// Runs the family DFA anchored at `s`, pushing `(local pattern, end)` for every end past
    /// `floor` that passes the rule's length limits and boundaries.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn verify(
        &self,
        fd: &FamilyDfa,
        cache: &mut Cache,
        hay: &[u8],
        s: usize,
        floor: usize,
        ends: &mut Vec<(u32, usize)>,
        budget: &mut Budget,
    ) -> Result<(), Abort> {
        let input = Input::new(hay).range(s..).anchored(Anchored::Yes);
        let dfa = &fd.dfa;
        let mut sid = dfa
            .start_state_forward(cache, &input)
            .map_err(|_| Abort::Quit)?;
        let limit = hay
            .len()
            .min(s.saturating_add(fd.max_len).saturating_add(1));
        let first_end = s.saturating_add(fd.min_len).max(floor.saturating_add(1));
        // Every end of this start has the same left boundary: each rule's is checked once.
        let mut lefts = LeftChecks::default();
        let mut i = s;
        while i < limit {
            sid = dfa
                .next_state(cache, sid, hay[i])
                .map_err(|_| Abort::Quit)?;
            if sid.is_tagged() {
                if sid.is_match() {
                    if i >= first_end
                        && fd
                            .rights
                            .as_ref()
                            .map_or(true, |rs| rs.iter().any(|&b| right_ok(b, hay, i)))
                    {
                        self.record(fd, cache, sid, (hay, s, i), ends, &mut lefts);
                    }
                } else if sid.is_dead() {
                    budget.spend(i - s)?;
                    return Ok(());
                } else if sid.is_quit() {
                    return Err(Abort::Quit);
                }
            }
            i += 1;
        }
        budget.spend(i - s)?;
        if limit == hay.len() {
            sid = dfa.next_eoi_state(cache, sid).map_err(|_| Abort::Quit)?;
            if sid.is_match() && hay.len() > floor {
                self.record(fd, cache, sid, (hay, s, hay.len()), ends, &mut lefts);
            }
        }
        Ok(())
    }

    fn record(
        &self,
        fd: &FamilyDfa,
        cache: &Cache,
        sid: regex_automata::hybrid::LazyStateID,
        (hay, s, end): (&[u8], usize, usize),
        ends: &mut Vec<(u32, usize)>,
        lefts: &mut LeftChecks,
    ) {
        let len = end - s;
        for k in 0..fd.dfa.match_len(cache, sid) {
            let pid = fd.dfa.match_pattern(cache, sid, k).as_usize();
            let rule = &self.rules[fd.rules[pid] as usize];
            if len >= rule.min_len
                && len <= rule.max_len
                && lefts.get(pid, || left_ok(rule.left, hay, s))
                && right_ok(rule.right, hay, end)
            {
                ends.push((pid as u32, end));
            }
        }
    }

    /// Validators, secret group and allowlist for one candidate match.
    fn accept(
        &self,
        rule_idx: u32,
        hay: &[u8],
        s: usize,
        end: usize,
        sc: &mut Scratch,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Verdict {
        let rule = &self.rules[rule_idx as usize];
        let m = &hay[s..end];
        if !rule.validators.iter().all(|v| v.pre_check(m)) {
            return Verdict::Reject;
        }
        // A match whose part cannot be found is replaced whole (fail closed).
        let (ss, se) = match self.capture_ids[rule_idx as usize] {
            Some(re) => self.secret_span(re, m, sc),
            None => rule.secret.locate(m),
        }
        .unwrap_or((0, m.len()));
        if ss >= se {
            return Verdict::Reject;
        }
        let secret = &m[ss..se];
        // A value that stops before `]` leaves a label's closing bracket outside the match
        // (`[REDACTED:x` `]`): the label with it is kept too.
        let bracketed = secret.first() == Some(&b'[') && hay.get(s + se) == Some(&b']');
        if allow(secret) || (bracketed && allow(&hay[s + ss..s + se + 1])) {
            return Verdict::Kept;
        }
        if !rule
            .validators
            .iter()
            .filter(|v| v.needs_secret())
            .all(|v| v.check(m, secret))
        {
            return Verdict::Reject;
        }
        let (start, end) = widen_to_char_boundaries(hay, s + ss, s + se);
        Verdict::Accept(Span {
            start,
            end,
            rule: rule_idx,
        })
    }

    fn secret_span(&self, re: u32, m: &[u8], sc: &mut Scratch) -> Option<(usize, usize)> {
        let (cache, caps) = sc.cap_caches.get_mut(re as usize)?;
        let input = Input::new(m).anchored(Anchored::Yes);
        self.captures[re as usize].search_captures_with(cache, &input, caps);
        // A pattern may name alternative parts `secret`, `secret2`, `secret3` (group names
        // cannot repeat); the one that took part in the match is the secret.
        ["secret", "secret2", "secret3"]
            .iter()
            .find_map(|n| caps.get_group_by_name(n))
            .map(|g| (g.start, g.end))
    }
}

/// The spans accepted last, which `candidate` looks through for one that holds its start or
/// a match. Spans are accepted in about the order of their starts, so one that holds a new
/// candidate is among the latest; missing an older one costs only the work it would have
/// saved, and a value with a hundred thousand spans stays linear (looking through all of them
/// made a 10 MB line of e-mails and cards take minutes).
#[inline]
fn recent_spans(spans: &[Span]) -> &[Span] {
    &spans[spans.len().saturating_sub(8)..]
}

/// Whether a match of `rule` over `start..end` would change nothing: an accepted span
/// already holds it, and `resolve` would merge it away (it starts later, or at the same start
/// it is shorter or comes from a rule that sorts after). Its validators need not run (the
/// groups of a card number that a phone reading would take again).
#[inline]
fn covered(spans: &[Span], start: usize, end: usize, rule: u32) -> bool {
    spans.iter().any(|a| {
        a.start <= start && end <= a.end && (a.start < start || end < a.end || a.rule <= rule)
    })
}

/// How [`Matcher::find_in`] reads a value: every path finds the same spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    /// One byte loop with the literal pair table (values shorter than [`SHORT`]).
    Short,
    /// The literal search, and the byte table between literals.
    Table,
    /// The literal search, and 64-byte chunks classified with SIMD compares between literals
    /// (when every anchor kind is a few byte ranges), in 16-byte registers.
    Vectors,
    /// [`Path::Vectors`] in 32-byte AVX2 registers, when the CPU has them.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Wide,
}

/// The bytes that start the text passes, as the chunks compare them.
const QUOTE: Splat = Splat::new(b'\'');
const ANGLE: Splat = Splat::new(b'<');

/// The literal anchors indexed by their first two bytes, for the byte loop of short values.
struct LiteralPairs {
    /// A bit set by every pair of bytes that starts a literal, at a hash of the pair: 512
    /// bytes stay in the L1 cache where a bit per pair (8 KB) did not; a pair that shares a
    /// bit with a literal's only costs the index lookup in `literal_at`.
    bits: [u64; PAIR_WORDS],
    /// `(first two bytes, literal index)`, sorted: a pair's literals in priority order.
    starts: Vec<(u16, u32)>,
    /// First byte → where its literals begin in `starts` (they end where the next byte's
    /// begin).
    by_first: Box<[u16; 257]>,
}

impl LiteralPairs {
    /// `None` when a literal is shorter than two bytes.
    fn new(texts: &[Vec<u8>]) -> Option<LiteralPairs> {
        if texts.is_empty() || texts.iter().any(|t| t.len() < 2) {
            return None;
        }
        let mut bits = [0u64; PAIR_WORDS];
        let mut starts = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            let pair = u16::from_be_bytes([t[0], t[1]]);
            let h = pair_hash(t[0], t[1]);
            bits[h / 64] |= 1 << (h % 64);
            starts.push((pair, i as u32));
        }
        starts.sort_unstable();
        let mut by_first = Box::new([0u16; 257]);
        for a in 0..=256usize {
            by_first[a] = starts.partition_point(|&(q, _)| usize::from(q >> 8) < a) as u16;
        }
        Some(LiteralPairs {
            bits,
            starts,
            by_first,
        })
    }

    #[inline]
    fn may_start(&self, a: u8, b: u8) -> bool {
        let h = pair_hash(a, b);
        self.bits[h / 64] >> (h % 64) & 1 == 1
    }

    /// The first literal, in priority order, that occurs at `p` (what a leftmost-first
    /// search reports there). `texts` are the literals by index.
    fn literal_at(&self, hay: &[u8], p: usize, texts: &[Vec<u8>]) -> Option<usize> {
        let pair = u16::from_be_bytes([hay[p], hay[p + 1]]);
        let a = usize::from(hay[p]);
        let (from, to) = (
            usize::from(self.by_first[a]),
            usize::from(self.by_first[a + 1]),
        );
        self.starts[from..to]
            .iter()
            .filter(|&&(q, _)| q == pair)
            .map(|&(_, i)| i as usize)
            .find(|&i| {
                let t = &texts[i];
                hay.len() - p >= t.len() && hay[p + 2..p + t.len()] == t[2..]
            })
    }
}

/// The distinct boundaries of a family's rules, for a check before its automaton runs; `None`
/// when one of them is `unchecked` (it allows anything, or costs too much to check twice).
fn distinct_boundaries(
    bounds: impl Iterator<Item = Boundary>,
    unchecked: impl Fn(Boundary) -> bool,
) -> Option<Vec<Boundary>> {
    let mut out = Vec::new();
    for b in bounds {
        if unchecked(b) {
            return None;
        }
        if !out.contains(&b) {
            out.push(b);
        }
    }
    Some(out)
}

/// Words in the pair filter of [`LiteralPairs`].
const PAIR_WORDS: usize = 64;

/// A pair of bytes → a bit of the pair filter: the top 12 bits (`PAIR_WORDS` × 64) of a
/// multiplicative hash, which spreads the builtin literals' 32 pairs so that only rare pairs
/// of text share their bits.
#[inline]
fn pair_hash(a: u8, b: u8) -> usize {
    (u32::from(u16::from_be_bytes([a, b])).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// Haystacks shorter than this take the scalar paths, which cost less to start. (At 64, the
/// byte loop cost hex ids, UUIDs and paths of 32 to 63 bytes 7 to 11 % of a span's time.)
const SHORT: usize = 32;

/// The pair filters of the key=value keywords, grouped by their lowest bit: a key's pairs
/// reach only the groups of the bits they hold (two or three of the twenty keywords for a
/// typical key, instead of all of them).
struct KeywordSets {
    /// A keyword too short to have a pair: every key passes the filter.
    always: bool,
    /// The lowest bit of every set.
    lowest: u64,
    /// The sets, sorted by their lowest bit.
    sets: Vec<u64>,
    /// Bit → where its sets begin in `sets` (they end where the next bit's begin).
    starts: [u8; 65],
}

impl KeywordSets {
    fn new(sets: impl Iterator<Item = u64>) -> KeywordSets {
        let all: Vec<u64> = sets.collect();
        let always = all.contains(&0);
        let mut sets: Vec<u64> = all.into_iter().filter(|&s| s != 0).collect();
        sets.sort_unstable_by_key(|s| s.trailing_zeros());
        let mut starts = [0u8; 65];
        for (bit, start) in starts.iter_mut().enumerate() {
            *start = sets.partition_point(|s| (s.trailing_zeros() as usize) < bit) as u8;
        }
        KeywordSets {
            always,
            lowest: sets.iter().fold(0, |acc, s| acc | (s & s.wrapping_neg())),
            sets,
            starts,
        }
    }

    /// Whether `pairs` has every bit of one of the sets.
    #[inline]
    fn covered_by(&self, pairs: u64) -> bool {
        if self.always {
            return true;
        }
        let mut bits = pairs & self.lowest;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let group = &self.sets[usize::from(self.starts[b])..usize::from(self.starts[b + 1])];
            if group.iter().any(|&need| need & !pairs == 0) {
                return true;
            }
        }
        false
    }
}

/// The bit of a pair of adjacent letters (as [`KEY_CLASS`] numbers them) in a 64-bit filter.
#[inline]
const fn pair_bit(a: u8, b: u8) -> u64 {
    1 << ((a as u32 * 31 + b as u32) % 64)
}

/// [`pair_bit`] by the classes of a left and a right key byte, 0 unless both are letters.
static PAIR_BITS: [[u64; 28]; 28] = {
    let mut t = [[0u64; 28]; 28];
    let mut a = 2;
    while a < 28 {
        let mut b = 2;
        while b < 28 {
            t[a][b] = pair_bit(a as u8, b as u8);
            b += 1;
        }
        a += 1;
    }
    t
};

/// The start of the run of key bytes (as [`KEY_CLASS`] has them) that ends at `end`, and
/// its number of letters, walking back byte by byte at most 128 bytes.
fn key_walk(hay: &[u8], end: usize) -> (usize, usize) {
    let floor = end.saturating_sub(128);
    let mut q = end;
    let mut letters = 0usize;
    while q > floor {
        let class = KEY_CLASS[hay[q - 1] as usize];
        if class == 0 {
            break;
        }
        letters += usize::from(class > 1);
        q -= 1;
    }
    (q, letters)
}

/// [`key_walk`] from 16-byte windows (at most two, back from `end`), with no branch per byte
/// (the walk's exit, at a different byte for every key, was mispredicted at nearly every
/// separator); the letters come as a mask, one bit each. `None` when the run may reach past
/// the windows or the value is shorter than one.
#[inline]
fn key_extent(hay: &[u8], end: usize) -> Option<(usize, u64)> {
    let outside = |v: i8x16, lo: u8, hi: u8| RangeTest::new(lo, hi).outside((), v);
    let mut to = end;
    let mut letters = 0u64;
    for shift in [0, 16] {
        let from = to.saturating_sub(16);
        let window: [u8; 16] = *hay.get(from..)?.first_chunk::<16>()?;
        let x: i8x16 = wide::bytemuck::cast(window);
        // Upper-case letters fold onto lower case; no other byte folds into `a..=z`.
        let not_letter = outside(x | i8x16::splat(0x20), b'a', b'z');
        let not_key =
            not_letter & outside(x, b'0', b'9') & outside(x, b'-', b'.') & outside(x, b'_', b'_');
        let before_to = (1u32 << (to - from)) - 1;
        let here = !not_letter.to_bitmask() & before_to;
        let breaks = not_key.to_bitmask() & before_to;
        if breaks != 0 {
            let last_break = 31 - breaks.leading_zeros();
            let start = from + last_break as usize + 1;
            return Some((
                start,
                letters | u64::from(here >> (last_break + 1)) << shift,
            ));
        }
        letters |= u64::from(here) << shift;
        if from == 0 {
            // Every byte is a key byte: the key starts at the value's start.
            return Some((0, letters));
        }
        to = from;
    }
    None
}

/// Whether `q` is inside an Amazon Resource Name: the run of non-blank bytes before it starts
/// with `arn:`.
#[cold]
fn in_arn(hay: &[u8], q: usize) -> bool {
    let from = q.saturating_sub(256);
    let start = hay[from..q]
        .iter()
        .rposition(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'=' | b','))
        .map_or(from, |i| from + i + 1);
    hay[start..q]
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"arn:"))
}

/// The start of a key written as two words, `api key: …`, `Access Token = …`: `key` or `token`
/// at `q..end`, one blank before it and a word that makes it a compound secret word
/// (`api`, `access`, `auth`, `secret`, …). `None` for any other key.
#[cold]
fn spaced_key_start(hay: &[u8], q: usize, end: usize) -> Option<usize> {
    let word = &hay[q..end];
    if !(word.eq_ignore_ascii_case(b"key") || word.eq_ignore_ascii_case(b"token"))
        || q < 2
        || hay[q - 1] != b' '
    {
        return None;
    }
    let head_end = q - 1;
    let head_start = head_end
        - hay[head_end.saturating_sub(13)..head_end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    let head = &hay[head_start..head_end];
    let bounded = head_start == 0 || !KEY.contains(hay[head_start - 1]);
    (bounded && (2..=12).contains(&head.len()) && names_compound_secret(head)).then_some(head_start)
}

/// Whether `bits` has `k` bits or more, without a population count (the baseline x86-64
/// target has no instruction for it).
#[inline]
fn at_least(mut bits: u64, k: usize) -> bool {
    // Clearing the lowest bit k - 1 times leaves a bit only if there were k.
    for _ in 1..k {
        bits &= bits.wrapping_sub(1);
    }
    k == 0 || bits != 0
}

/// The letter pairs of a key (its bytes are key bytes), for [`KeywordSets::covered_by`].
#[inline]
fn key_pairs(key: &[u8]) -> u64 {
    let mut pairs = 0u64;
    let mut left = 0u8;
    for &b in key {
        let class = KEY_CLASS[b as usize];
        pairs |= PAIR_BITS[usize::from(left)][usize::from(class)];
        left = class;
    }
    pairs
}

/// The pair filter of a keyword: a key that contains the keyword has all of its bits.
fn pair_set(word: &[u8]) -> u64 {
    let class = |b: u8| KEY_CLASS[b as usize];
    word.windows(2)
        .fold(0, |acc, w| acc | pair_bit(class(w[0]), class(w[1])))
}

/// Key bytes for the key=value look-back: 0 ends a key, 1 is a key byte that is not a letter
/// (`0-9 _ . -`), 2 + n is the n-th letter of the alphabet, either case.
static KEY_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            2 + (c - b'A')
        } else if c.is_ascii_lowercase() {
            2 + (c - b'a')
        } else if c.is_ascii_digit() || c == b'_' || c == b'.' || c == b'-' {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// URL userinfo needs an `@` in the authority that starts at `from` (it ends at the bytes
/// `url_credentials` cannot cross); rejects `https://api.example.com/v1` before any automaton
/// runs.
#[inline]
fn userinfo_gate(hay: &[u8], from: usize) -> bool {
    let end = hay.len().min(from.saturating_add(1024));
    let mut password = false;
    for &b in hay.get(from..end).unwrap_or_default() {
        match b {
            b'@' => return true,
            // A `#` in the password (`redis://default:p@ss#w0rd@host`): unencoded, but written.
            b':' => password = true,
            b'#' if password => {}
            b if AUTHORITY_END.contains(b) => return false,
            _ => {}
        }
    }
    false
}

/// Bytes that end a URL authority as the userinfo checks read it (`url_credentials`' classes).
const AUTHORITY_END: ByteSet = ByteSet::from_spec("/?#\"'<> \t\n\x0c\r");

/// An e-mail address needs a domain after its `@` with a dot before a letter (`x.io`): one
/// pass over the domain's bytes rejects `app@sha256:…` and `user@host` before the automaton.
#[inline]
fn email_domain_gate(hay: &[u8], at: usize) -> bool {
    let end = hay.len().min(at + 1 + 512);
    let mut dot = false;
    for &b in hay.get(at + 1..end).unwrap_or_default() {
        if b.is_ascii_alphabetic() && dot {
            return true;
        }
        dot = b == b'.';
        if !(dot || b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
    }
    false
}

/// IPv6 needs `::` or seven colons in its run of hex digits, colons and dots; rejects
/// `10:30:00` and MAC addresses before any automaton runs.
#[inline]
fn ipv6_gate(hay: &[u8], s: usize) -> bool {
    let end = hay.len().min(s + 46);
    let mut colons = 0;
    let mut group = 0;
    for &b in &hay[s..end] {
        if b == b':' {
            if colons > 0 && group == 0 {
                return true;
            }
            colons += 1;
            group = 0;
        } else if b.is_ascii_hexdigit() && group < 4 {
            group += 1;
        } else if b == b'.' && colons >= 2 {
            // An IPv4 tail: decided by the colons so far.
            break;
        } else {
            break;
        }
    }
    colons >= 7
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

/// Two upper-case letters (and a boundary) right before the digit at `p`: an IBAN's country.
#[inline]
fn iban_lead(hay: &[u8], p: usize) -> bool {
    p >= 2
        && hay[p - 1].is_ascii_uppercase()
        && hay[p - 2].is_ascii_uppercase()
        && (p == 2 || !WORD.contains(hay[p - 3]))
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The bytes of a numeric run as [`numeric_gate`] walks it: digits and separators.
const NUMERIC_RUN: ByteSet = ByteSet::from_spec("0-9.()+ /,*-");

/// The scalar form of the numeric gate in [`numeric_filter`], for short values and for runs
/// that cross a chunk: walks the run of digits and separators from the digit at `s`.
#[inline]
fn numeric_gate(hay: &[u8], s: usize) -> bool {
    let (mut digits, mut dots, mut seps) = (0usize, 0usize, 0usize);
    let end = hay.len().min(s + 64);
    let mut i = s;
    while i < end {
        match hay[i] {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            b'-' | b'(' | b')' | b'+' | b' ' | b'/' | b',' | b'*' => seps += 1,
            _ => break,
        }
        i += 1;
    }
    let plus = s > 0 && hay[s - 1] == b'+';
    if dots == 0 && seps == 0 && !plus {
        bare_card(digits, hay[s])
    } else if i == end && end < hay.len() {
        // A run cut off by the look-ahead limit (not by the end of the value) may be longer.
        true
    } else {
        separated_number(hay, s, digits, dots, seps > 0, plus)
    }
}

/// A bare run of digits (no separator, no `+`) can only be a card number: 13–19 digits from an
/// issuer's first digit.
#[inline]
fn bare_card(digits: usize, first: u8) -> bool {
    (13..=19).contains(&digits) && (b'2'..=b'6').contains(&first)
}

/// A run with separators, a `+` before it, or dots, from the digit at `s`, counted as
/// `digits` digits and `dots` dots: enough digits for a phone or a card, or an address's
/// four groups; a run of digits and dots only must also have a dotted shape.
#[inline]
fn separated_number(
    hay: &[u8],
    s: usize,
    digits: usize,
    dots: usize,
    seps: bool,
    plus: bool,
) -> bool {
    let counts = digits >= 9 || (plus && digits >= 7) || (digits >= 4 && dots >= 3);
    counts && (seps || plus || dotted_shape(hay, s))
}

/// A run of digits and dots only (no `+` before it), from the digit at `s`: the shapes a
/// number rule can take there. A card number (digits and a full stop after them), an IPv4
/// address (four groups of 1–3 digits), a NANP phone (`415.555.2671`, `1.415.555.2671`), or a
/// trunk-prefixed national phone (10–11 digits from a `0`); cards, SSNs and IBANs are never
/// written with dots. Rejects versions such as
/// `Chrome/120.0.6099.109` and `10.0.19045.2965` before any automaton runs.
fn dotted_shape(hay: &[u8], s: usize) -> bool {
    let mut groups = [0u8; 5];
    let (mut g, mut digits, mut len) = (0usize, 0usize, 0u8);
    for &b in &hay[s..] {
        match b {
            b'0'..=b'9' => {
                len = len.saturating_add(1);
                digits += 1;
            }
            b'.' => {
                if len == 0 || g == groups.len() {
                    break;
                }
                groups[g] = len;
                g += 1;
                len = 0;
            }
            _ => break,
        }
    }
    if len > 0 && g < groups.len() {
        groups[g] = len;
        g += 1;
    }
    let groups = &groups[..g];
    if g == 1 {
        // Only a trailing dot: a bare run, which only a card number can be.
        return bare_card(digits, hay[s]);
    }
    let ipv4 = g == 4 && groups.iter().all(|&n| (1..=3).contains(&n));
    let nanp = matches!(groups, [3, 3, 4] | [1, 3, 3, 4]);
    let trunk = hay[s] == b'0' && (10..=11).contains(&digits);
    ipv4 || nanp || trunk
}

struct Budget {
    left: usize,
}

impl Budget {
    #[inline]
    fn spend(&mut self, n: usize) -> Result<(), Abort> {
        self.left = self.left.checked_sub(n + 8).ok_or(Abort::Budget)?;
        Ok(())
    }
}

/// Start of the run of `set` bytes (at most `max`) that ends at `p`.
#[inline]
fn run_start(hay: &[u8], p: usize, set: ByteSet, max: usize) -> usize {
    let floor = p.saturating_sub(max);
    let mut q = p;
    while q > floor && set.contains(hay[q - 1]) {
        q -= 1;
    }
    q
}

/// Start of the key before a `:`/`=` separator at `p`: skips blanks, then quotes and
/// backslashes, then takes the run of key bytes. `None` when there is no key.
#[inline]
fn key_start(hay: &[u8], p: usize) -> Option<usize> {
    let end = key_end(hay, p);
    let q = run_start(hay, end, KEY, 128);
    (q < end).then_some(q)
}

/// Where a key ends before a `:`/`=` separator at `p`: skips up to 8 blanks, then up to 3
/// quotes, backslashes and closing parentheses (`"password" :`, `\"password\":`, and
/// PostgreSQL's `Key (api_token)=(…)`).
#[inline]
fn key_end(hay: &[u8], p: usize) -> usize {
    let mut q = p;
    let mut n = 0;
    while q > 0 && n < 8 && matches!(hay[q - 1], b' ' | b'\t') {
        q -= 1;
        n += 1;
    }
    n = 0;
    while q > 0 && n < 3 && matches!(hay[q - 1], b'"' | b'\'' | b'\\' | b')') {
        q -= 1;
        n += 1;
    }
    q
}

#[inline]
fn left_ok(b: Boundary, hay: &[u8], s: usize) -> bool {
    if s == 0 {
        // Nothing before: every boundary holds but curl's option, which must precede.
        return b != Boundary::UserFlag;
    }
    let prev = hay[s - 1];
    match b {
        Boundary::None => true,
        Boundary::Not(set) | Boundary::ValueEnd(set) => !set.contains(prev),
        Boundary::Num => {
            !(WORD.contains(prev)
                || (matches!(prev, b'.' | b'-' | b',') && s >= 2 && hay[s - 2].is_ascii_digit()))
        }
        Boundary::EmailLocal => {
            !EMAIL_LOCAL.contains(prev) && (!in_url_userinfo(hay, s) || userinfo_is_email(hay, s))
        }
        Boundary::Ipv6 if prev == b':' => {
            // `value:2001:db8::1`: the colon ends a label (letters, perhaps hex ones at its
            // end), not a group of an address.
            let q = run_start(hay, s - 1, HEX, 8);
            q > 0
                && !HEX.contains(hay[q - 1])
                && (hay[q - 1].is_ascii_alphabetic() || hay[q - 1] == b'_')
        }
        Boundary::Ipv6 => !IPV6_LEFT.contains(prev) && !is_url_host(hay, s),
        Boundary::UserFlag => after_user_flag(hay, s),
        Boundary::Address => {
            left_ok(Boundary::Num, hay, s)
                && !after_product_token(hay, s)
                && !after_version_word(hay, s)
                && !is_url_host(hay, s)
        }
    }
}

/// Whether the key at `s` is the value of curl's user option (`-u`, `--user`): the option
/// right before it, `curl` earlier on the same line. (Other commands' `-u user:group`,
/// `docker run -u app:app`, name no password.)
#[cold]
#[inline(never)]
fn after_user_flag(hay: &[u8], s: usize) -> bool {
    let before = &hay[..s];
    let before = before
        .strip_suffix(b"\"")
        .or_else(|| before.strip_suffix(b"'"))
        .unwrap_or(before);
    let flag =
        before.ends_with(b" -u ") || before.ends_with(b"--user ") || before.ends_with(b"--user=");
    if !flag {
        return false;
    }
    let line = &before[before.len().saturating_sub(512)..];
    let line = &line[line.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..];
    memchr::memmem::find(line, b"curl").is_some()
}

/// Bytes an IPv6 address does not follow.
const IPV6_LEFT: ByteSet = ByteSet::from_spec("A-Za-z0-9_:.");

/// Whether the address at `s` is a URL's host (`http://10.0.0.5:8080/`, `//10.0.0.5/share`,
/// `redis://:pw@10.0.0.5:6379`, `http://[2001:db8::1]/`): the address of a service, not of
/// a person. (A client's address stands alone, in a header, a key of its own or a line of
/// text.)
fn is_url_host(hay: &[u8], s: usize) -> bool {
    // An IPv6 host stands in brackets (`http://[2001:db8::1]:8080/`).
    let before = hay[..s].strip_suffix(b"[").unwrap_or(&hay[..s]);
    match before.last() {
        Some(b'/') => before.ends_with(b"//"),
        Some(b'@') => {
            // After userinfo: the authority starts at the last `//`, with no blank, `/` or
            // other `@` between it and this one.
            let window = &before[before.len().saturating_sub(256)..before.len() - 1];
            memchr::memmem::rfind(window, b"//").is_some_and(|i| {
                !window[i + 2..]
                    .iter()
                    .any(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'@'))
            })
        }
        _ => false,
    }
}

/// Whether `s` follows a product token's `/` (`YaBrowser/24.1.2.123` in a user agent): a
/// word, then `/`, the word not itself a path segment (`/api/hosts/10.0.0.5` is an address).
fn after_product_token(hay: &[u8], s: usize) -> bool {
    if s < 2 || hay[s - 1] != b'/' || !ALNUM.contains(hay[s - 2]) {
        return false;
    }
    let mut q = s - 1;
    while q > 0
        && s - q < 64
        && (ALNUM.contains(hay[q - 1]) || matches!(hay[q - 1], b'-' | b'_' | b'.'))
    {
        q -= 1;
    }
    q == 0 || hay[q - 1] != b'/'
}

/// Whether the word before `s` (across a separator: blanks, quotes, `=` or `:`) names a
/// version (`version=1.2.3.4`, `"os.version": "10.0.0.1"`, `ver 4.2.1.9`): four dotted
/// numbers there are a version, not an address. (`build` and `release` are not enough:
/// `build agent 10.0.0.5`, `DHCP release 10.0.0.7`.)
fn after_version_word(hay: &[u8], s: usize) -> bool {
    let mut q = s;
    let mut n = 0;
    while q > 0 && n < 4 && matches!(hay[q - 1], b' ' | b'\t' | b'"' | b'\'' | b'=' | b':') {
        q -= 1;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let end = q;
    while q > 0 && end - q < 16 && hay[q - 1].is_ascii_alphabetic() {
        q -= 1;
    }
    names_version(&hay[q..end])
}

/// Whether a word or key names a version: `version`, `os_version`, `appVersion`, `ver`,
/// `firmware`.
fn names_version(word: &[u8]) -> bool {
    let ends_with =
        |w: &[u8]| word.len() >= w.len() && word[word.len() - w.len()..].eq_ignore_ascii_case(w);
    ends_with(b"version") || word.eq_ignore_ascii_case(b"ver") || ends_with(b"firmware")
}

/// Whether `value`, the whole value of the key at `path`, is dotted numbers under a key that
/// names a version (`service.version: "1.2.3.4"`): a version, as the same text after the same
/// word in a line is (see `after_version_word`), not an IPv4 address.
pub(crate) fn version_value(path: &[u8], value: &[u8]) -> bool {
    let key = path.rsplit(|&b| b == b'.').next().unwrap_or(path);
    names_version(key)
        && value.len() <= 32
        && value.first().is_some_and(u8::is_ascii_digit)
        && value.iter().all(|&b| b.is_ascii_digit() || b == b'.')
}

/// Whether the userinfo that starts at `s` holds an e-mail address as its user name
/// (`https://bob.x@gmail.com@github.com`): two `@` before the authority ends. (Encoded,
/// `bob%40gmail.com@github.com`, the address and the host read as one longer address.)
fn userinfo_is_email(hay: &[u8], s: usize) -> bool {
    let window = &hay[s..hay.len().min(s.saturating_add(256))];
    let authority = window
        .iter()
        .position(|&b| AUTHORITY_END.contains(b))
        .map_or(window, |n| &window[..n]);
    memchr::memchr_iter(b'@', authority).nth(1).is_some()
}

/// Whether position `s` lies in the authority of a URL (`scheme://user@`,
/// `scheme://user:pass@`, `scheme://user:p@ss@`): the bytes before it, back to `://`, hold no
/// `/` and no hard delimiter (the look-back stops where every rule's does), and a scheme (a
/// letter, then letters, digits, `+`, `.`, `-`) precedes the `://`. A bare `//` is not a URL.
fn in_url_userinfo(hay: &[u8], s: usize) -> bool {
    let floor = s.saturating_sub(256);
    let mut q = s;
    while q > floor && hay[q - 1] != b'/' && !HARD_DELIMITER.contains(hay[q - 1]) {
        q -= 1;
    }
    if !(q >= floor + 3 && hay[q - 1] == b'/' && hay[q - 2] == b'/' && hay[q - 3] == b':') {
        return false;
    }
    let colon = q - 3;
    let mut k = colon;
    while k > 0 && colon - k < 32 && SCHEME.contains(hay[k - 1]) {
        k -= 1;
    }
    k < colon && hay[k].is_ascii_alphabetic()
}

#[inline]
fn right_ok(b: Boundary, hay: &[u8], e: usize) -> bool {
    let Some(&next) = hay.get(e) else {
        return true;
    };
    match b {
        Boundary::None | Boundary::UserFlag => true,
        Boundary::Not(set) => !set.contains(next),
        Boundary::ValueEnd(set) => matches!(hay[e - 1], b'"' | b'\'') || !set.contains(next),
        Boundary::Num | Boundary::Address => {
            !(WORD.contains(next)
                || (matches!(next, b'.' | b'-' | b',')
                    && hay.get(e + 1).is_some_and(u8::is_ascii_digit)))
        }
        Boundary::EmailLocal => !EMAIL_LOCAL.contains(next),
        Boundary::Ipv6 => !IPV6_LEFT.contains(next),
    }
}

/// Widens `[s, e)` outward to UTF-8 character boundaries (when `hay` is text), so a replacement
/// never splits a character.
fn widen_to_char_boundaries(hay: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s > 0 && s < hay.len() && (hay[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    while e < hay.len() && (hay[e] & 0xC0) == 0x80 {
        e += 1;
    }
    (s, e)
}

/// Sorts spans by start, longest first, then rule order, and merges overlapping spans into
/// the first of each group.
#[inline(always)]
pub(crate) fn resolve(spans: &mut Vec<Span>) {
    // Most values have no span or one: no call then.
    if spans.len() >= 2 {
        resolve_overlaps(spans);
    }
}

/// [`resolve`] for two spans or more.
#[inline(never)]
fn resolve_overlaps(spans: &mut Vec<Span>) {
    spans.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rule.cmp(&b.rule))
    });
    let mut w = 0;
    for r in 1..spans.len() {
        if spans[r].start < spans[w].end {
            spans[w].end = spans[w].end.max(spans[r].end);
        } else {
            w += 1;
            spans[w] = spans[r];
        }
    }
    spans.truncate(w + 1);
}

/// An error with its sources, as one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

fn classify_build_error(
    rules: &[RuleMatch],
    members: &[u32],
    family: Family,
    nfa_limit: usize,
    message: String,
) -> BuildError {
    // Find which rules are large, or which single rule fails on its own.
    let mut sizes = Vec::new();
    for &i in members {
        let r = &rules[i as usize];
        match thompson::NFA::compiler()
            .syntax(syntax_config())
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .nfa_size_limit(Some(nfa_limit)),
            )
            .build(&r.pattern)
        {
            Ok(nfa) => sizes.push((i as usize, nfa.memory_usage())),
            Err(e) => {
                let msg = error_chain(&e);
                if msg.contains("limit") {
                    sizes.push((i as usize, usize::MAX));
                } else {
                    return BuildError::Other {
                        rule: Some(i as usize),
                        message: msg,
                    };
                }
            }
        }
    }
    if message.contains("limit")
        || message.contains("cache capacity")
        || sizes.iter().any(|s| s.1 == usize::MAX)
    {
        sizes.sort_by_key(|s| std::cmp::Reverse(s.1));
        sizes.truncate(3);
        return BuildError::TooLarge {
            family,
            offenders: sizes,
        };
    }
    BuildError::Other {
        rule: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of values for the tests that compare the matcher's paths: literal anchors, byte
    /// anchors, separators and text-pass shapes.
    const PATH_PIECES: &[&str] = &[
        "AKIAIOSFODNN7EXAMPLE",
        "ghp_",
        "sk-",
        "sk_live_",
        "eyJ",
        "Bearer ",
        "basic ",
        "://",
        "a@b.io",
        "x@",
        "hf_",
        "SG.",
        "npm_",
        "AIza",
        "xoxb-",
        "glpat-",
        "%40",
        "_v1_",
        "shpat_",
        "dapi",
        "sq0atp-",
        "AccountKey=",
        "-----BEGIN",
        " ",
        "1",
        "4111",
        "-",
        ".",
        ":",
        "=",
        "token",
        "0123456789abcdef",
        "https",
        "user:pw@",
        "sk-ant-",
        "pypi-AgEIcHlwaS5vcmc",
        " PASSWORD '",
        "'",
        "hunter2'",
        "INSERT INTO t (a, password) VALUES (",
        "'x', ",
        ")",
    ];

    /// Checks that two paths find the same spans in `hay`; whether they found any.
    fn same_on_both(m: &Matcher, sc: &mut Scratch, hay: &str, [a, b]: [Path; 2]) -> bool {
        let allow = |_: &[u8]| false;
        let first = m.find_in(hay.as_bytes(), sc, &allow, a);
        let first_spans = sc.spans.clone();
        let second = m.find_in(hay.as_bytes(), sc, &allow, b);
        assert_eq!(first, second, "{hay:?}");
        assert_eq!(first_spans, sc.spans, "{hay:?}");
        !first_spans.is_empty()
    }

    /// The short path (literal pair table in the byte loop) finds what the long path (an
    /// Aho-Corasick search between byte scans) finds, on values full of literal anchors.
    #[test]
    fn short_and_long_paths_agree() {
        let engine = crate::Engine::default();
        let m = &engine.compiled.matcher;
        assert!(m.pairs.is_some(), "every builtin literal has two bytes");
        let pieces = PATH_PIECES;
        let mut sc = m_scratch(m);
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut checked = 0;
        // Up to twice the values the short path takes: the paths agree on any value.
        let longest = 2 * SHORT;
        for _ in 0..20_000 {
            let mut hay = String::new();
            while hay.len() < longest - 1 {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let piece = pieces[(rng % pieces.len() as u64) as usize];
                if hay.len() + piece.len() >= longest || rng % 7 == 0 {
                    break;
                }
                hay.push_str(piece);
            }
            checked += usize::from(same_on_both(m, &mut sc, &hay, [Path::Short, Path::Table]));
        }
        assert!(checked > 1000, "the corpus finds secrets ({checked})");
    }

    /// The vectorised scan, in 16-byte and (where the CPU has them) 32-byte registers, finds
    /// what the byte table finds on values of one to four chunks, anchors at every offset of
    /// a chunk and of the last, overlapping one, included.
    #[test]
    fn vector_and_table_scans_agree() {
        let engine = crate::Engine::default();
        let m = &engine.compiled.matcher;
        assert!(
            m.vector_scan,
            "the default policy's anchors are byte ranges"
        );
        let extra = [
            "user@example.com",
            "4111 1111 1111 1111",
            "+1 415-555-0132",
            "203.0.113.42",
            "2001:db8::1",
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "fe80::1ff:fe23:4567:890a",
            "::ffff:192.0.2.1",
            "10:30:22",
            "sha256:",
            "DE89370400440532013000",
            "123-45-6789",
            "v1.2.3",
            "1700000000000",
            "a1b2c3",
            "\n",
        ];
        let mut sc = m_scratch(m);
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut checked = 0;
        for round in 0..6_000 {
            let want = SHORT + round % (3 * CHUNK + 7);
            let mut hay = String::new();
            while hay.len() < want {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                let k = (rng % (PATH_PIECES.len() + extra.len()) as u64) as usize;
                hay.push_str(
                    PATH_PIECES
                        .get(k)
                        .unwrap_or_else(|| &extra[k - PATH_PIECES.len()]),
                );
                if rng % 3 == 0 {
                    hay.push(' ');
                }
            }
            checked += usize::from(same_on_both(m, &mut sc, &hay, [Path::Table, Path::Vectors]));
            // On a CPU without AVX2, the wide path is the 16-byte one again.
            same_on_both(m, &mut sc, &hay, [Path::Table, Path::Wide]);
        }
        assert!(checked > 3000, "the corpus finds secrets ({checked})");
    }

    #[test]
    fn every_scan_notes_the_marks_of_the_text_passes() {
        // A quote and a `<` at every offset of one and two chunks, in the overlapping last
        // chunk, and after a literal anchor that splits the scan.
        let engine = crate::Engine::default();
        let cases = [
            (
                " ALTER ROLE app PASSWORD 'pw' now",
                "PASSWORD '[REDACTED:secret_kv]' now",
            ),
            (
                " <u>al</u><password>pw</password>",
                "<password>[REDACTED:secret_kv]</password>",
            ),
        ];
        for lead in ["", "see ghp_x and "] {
            for pad in 0..150 {
                for (tail, redacted) in cases {
                    let text = format!("{lead}{}{tail}", "x".repeat(pad));
                    let out = engine.redact_str(&text);
                    assert!(out.ends_with(redacted), "{text:?} -> {out:?}");
                }
            }
        }
    }

    #[test]
    fn email_gate_needs_a_dotted_domain() {
        let gate = |s: &str| email_domain_gate(s.as_bytes(), s.find('@').unwrap());
        assert!(gate("jane@example.com"));
        assert!(gate("a@b-1.c2.co.uk, next"));
        assert!(gate("x@xn--80ak6aa92e.com"));
        assert!(!gate("registry.example.com/app@sha256:9f86d081"));
        assert!(!gate("ssh bob@bastion then"));
        assert!(!gate("@Override"));
        assert!(!gate("v@1.2.3"), "no letter after a dot");
        assert!(!gate("end@host."));
    }

    #[test]
    fn userinfo_gate_needs_an_at_inside_the_authority() {
        let gate = |s: &str| userinfo_gate(s.as_bytes(), s.find("://").map_or(0, |i| i + 3));
        assert!(gate("postgres://admin:s3cr3t@db.internal:5432/app"));
        assert!(gate("redis://:hunter2@cache:6379"));
        assert!(gate("amqp://u:p@ss@broker"));
        assert!(!gate("https://api.example.com/v1/users/a@b.io"));
        assert!(!gate("https://api.example.com?to=a@b.io"));
        assert!(!gate("see http://host then mail a@b.io"));
        assert!(!gate("https://example.com"));
    }

    fn m_scratch(m: &Matcher) -> Scratch {
        m.scratch()
    }

    #[test]
    fn resolve_merges_overlaps_and_keeps_leftmost_longest() {
        let mut v = vec![
            Span {
                start: 5,
                end: 9,
                rule: 2,
            },
            Span {
                start: 0,
                end: 4,
                rule: 3,
            },
            Span {
                start: 0,
                end: 6,
                rule: 1,
            },
            Span {
                start: 20,
                end: 25,
                rule: 0,
            },
        ];
        resolve(&mut v);
        assert_eq!(
            v,
            vec![
                Span {
                    start: 0,
                    end: 9,
                    rule: 1
                },
                Span {
                    start: 20,
                    end: 25,
                    rule: 0
                }
            ]
        );
    }

    fn span_strategy() -> impl proptest::strategy::Strategy<Value = Span> {
        use proptest::prelude::*;
        (0usize..12, 1usize..6, 0u32..4).prop_map(|(start, len, rule)| Span {
            start,
            end: start + len,
            rule,
        })
    }

    proptest::proptest! {
        /// A span that `covered` lets the matcher skip leaves the resolved output as it is.
        #[test]
        fn skipping_a_covered_span_changes_nothing(
            accepted in proptest::collection::vec(span_strategy(), 0..5),
            new in span_strategy(),
        ) {
            let mut with = accepted.clone();
            with.push(new);
            resolve(&mut with);
            let mut without = accepted.clone();
            resolve(&mut without);
            if covered(&accepted, new.start, new.end, new.rule) {
                proptest::prop_assert_eq!(with, without);
            }
        }
    }

    /// The grouped keyword filter answers as a check of every set would.
    #[test]
    fn keyword_sets_agree_with_checking_every_set() {
        let sets: Vec<u64> = KV_KEYWORDS
            .iter()
            .chain(KV_GATE_EXTRA)
            .map(|k| pair_set(k.as_bytes()))
            .collect();
        let grouped = KeywordSets::new(sets.iter().copied());
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut hits = 0;
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Sparse and dense pair sets, and every keyword's own set plus noise.
            let pairs = match i % 3 {
                0 => x & (x >> 5) & (x >> 11),
                1 => x,
                _ => sets[(i as usize / 3) % sets.len()] | (x & (x >> 7)),
            };
            let want = sets.iter().any(|&need| need & !pairs == 0);
            assert_eq!(grouped.covered_by(pairs), want, "{pairs:#x}");
            hits += usize::from(want);
        }
        assert!(hits > 60_000, "{hits}");
        assert!(KeywordSets::new([0u64, 5].into_iter()).covered_by(0));
    }

    #[test]
    fn key_extent_agrees_with_the_walk() {
        // Every end of every string of up to 5 bytes from an alphabet of key bytes of each
        // class and of bytes that end a key (one of them above ASCII), placed at the start of
        // a value and 9 or 28 bytes into one (a window that reaches back before the key, or
        // not).
        let alphabet = b"aZ9_.-= \xe9";
        let mut compared = 0;
        for len in 0..=5u32 {
            for code in 0..alphabet.len().pow(len) {
                let mut tail = Vec::new();
                let mut c = code;
                for _ in 0..len {
                    tail.push(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                for prefix in [
                    &b""[..],
                    b"key_9.Ab-",
                    b"123456789",
                    b"key_9.Ab-key_9.Ab-key_9.Ab-x",
                ] {
                    let hay = [prefix, &tail, b"=0123456789abcdef"].concat();
                    for end in 0..=prefix.len() + tail.len() {
                        let walked = key_walk(&hay, end);
                        if let Some((start, letters)) = key_extent(&hay, end) {
                            assert_eq!(start, walked.0, "{hay:?} {end}");
                            assert_eq!(letters.count_ones() as usize, walked.1, "{hay:?} {end}");
                            for k in 0..5 {
                                assert_eq!(at_least(letters, k), walked.1 >= k);
                            }
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 500_000, "{compared}");
        // A key longer than the windows is left to the walk.
        let long = b"x a_very_long_key_name_of_thirty_five=1";
        assert_eq!(key_extent(long, 37), None);
        assert_eq!(key_walk(long, 37), (2, 28));
        let fits = b"x a_key_name_of_thirty_bytes_long=1";
        assert_eq!(
            key_extent(fits, 33).map(|(q, l)| (q, l.count_ones())),
            Some((2, 25))
        );
    }

    #[test]
    fn left_checks_ask_once_per_pattern() {
        let mut lefts = LeftChecks::default();
        let mut asked = 0;
        for _ in 0..3 {
            assert!(lefts.get(3, || {
                asked += 1;
                true
            }));
            assert!(!lefts.get(5, || {
                asked += 1;
                false
            }));
            // Past the first 64 patterns, every time.
            assert!(lefts.get(70, || {
                asked += 1;
                true
            }));
        }
        assert_eq!(asked, 2 + 3);
    }

    #[test]
    fn key_start_skips_quotes_and_blanks() {
        let hay = br#"{"password" : "x"}"#;
        let colon = hay.iter().position(|&b| b == b':').unwrap();
        assert_eq!(key_start(hay, colon), Some(2));
        assert_eq!(key_start(b"::", 0), None);
    }

    #[test]
    fn key_cache_never_answers_for_another_key() {
        // Every key of 1 to MAX_KEY bytes against every key that differs from it in one byte
        // or in its length: the second must get its own verdict.
        for n in 1..=KeyCache::MAX_KEY {
            let mut cache = KeyCache::new();
            let key: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            for i in 0..n {
                let mut other = key.clone();
                other[i] = b'_';
                assert!(cache.get_or(&key, |_| true), "{n}");
                assert!(!cache.get_or(&other, |_| false), "{n} {i}");
            }
            for other in [&key[..n - 1], &key[1..]] {
                assert!(cache.get_or(&key, |_| true), "{n}");
                assert!(other.is_empty() || !cache.get_or(other, |_| false), "{n}");
            }
            // A repeated key is answered from its slot.
            assert!(cache.get_or(&key, |_| true));
            assert!(cache.get_or(&key, |_| unreachable!("cached")));
        }
    }
}

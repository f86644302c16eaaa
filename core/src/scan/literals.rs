//! Literal anchors: the rules' literal prefixes and inner literals, the searchers that find
//! them in long values, and the pair table that finds them in short ones.

use super::gates::run_start;
use super::gates::userinfo_gate;
use super::key_value::key_start;
use super::verify::Budget;
use super::Abort;
use super::AnchorSpec;
use super::BuildError;
use super::FamilyId;
use super::Matcher;
use super::RuleMatch;
use super::Scratch;
use super::SHORT;
use crate::rules::builtin::Back;
use crate::rules::builtin::Family;
use crate::rules::builtin::LiteralGate;
use crate::rules::builtin::LITERAL_SEARCH_ORDER;
use aho_corasick::packed;
use aho_corasick::AhoCorasick;
use aho_corasick::AhoCorasickKind;
use aho_corasick::MatchKind as AcMatchKind;

/// The literal anchors indexed by their first two bytes, for the byte loop of short values.
pub(super) struct LiteralPairs {
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
    pub(super) fn may_start(&self, a: u8, b: u8) -> bool {
        let h = pair_hash(a, b);
        self.bits[h / 64] >> (h % 64) & 1 == 1
    }

    /// The first literal, in priority order, that occurs at `p` (what a leftmost-first
    /// search reports there). `texts` are the literals by index.
    pub(super) fn literal_at(&self, hay: &[u8], p: usize, texts: &[Vec<u8>]) -> Option<usize> {
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

/// Words in the pair filter of [`LiteralPairs`].
const PAIR_WORDS: usize = 64;

/// A pair of bytes → a bit of the pair filter: the top 12 bits (`PAIR_WORDS` × 64) of a
/// multiplicative hash, which spreads the builtin literals' 32 pairs so that only rare pairs
/// of text share their bits.
#[inline]
fn pair_hash(a: u8, b: u8) -> usize {
    (u32::from(u16::from_be_bytes([a, b])).wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// The rules' literal anchors (deduplicated by text) and the searchers that find them.
pub(super) struct LiteralIndex {
    /// Every literal, leftmost-first, with aho-corasick's prefilter (`None`: no literals).
    pub(super) ac: Option<AhoCorasick>,
    /// The same literals as a bare SIMD searcher (Teddy), when they fit one: the search of
    /// long values without the automaton's per-call plumbing (`None`: `ac` serves).
    /// It is given them in [`LITERAL_SEARCH_ORDER`]; `packed_ids` maps its pattern ids back.
    pub(super) packed: Option<packed::Searcher>,
    pub(super) packed_ids: Vec<u32>,
    /// The same literals by their first two bytes, looked up in the byte loop of short
    /// values (`None` when a literal is a single byte: then `short` serves).
    pub(super) pairs: Option<LiteralPairs>,
    /// The same literals as a plain DFA: cheaper to start on short values than the SIMD
    /// prefilter.
    pub(super) short: Option<AhoCorasick>,
    /// For each literal: (family index, look-back, gate) triples.
    pub(super) targets: Vec<Vec<(FamilyId, Back, LiteralGate)>>,
    /// For each literal, the others that one of them begins with: where one occurs, the
    /// other may too, and a search reports only one of them.
    pub(super) overlaps: Vec<Vec<u32>>,
    /// The literals, by index.
    pub(super) texts: Vec<Vec<u8>>,
}

impl LiteralIndex {
    pub(super) fn build(
        rules: &[RuleMatch],
        family_index: &dyn Fn(Family) -> FamilyId,
    ) -> Result<LiteralIndex, BuildError> {
        let (texts, targets) = collect_literals(rules, family_index);
        let build_ac = |kind: Option<AhoCorasickKind>, prefilter: bool| {
            AhoCorasick::builder()
                .match_kind(AcMatchKind::LeftmostFirst)
                .kind(kind)
                .prefilter(prefilter)
                .build(&texts)
                .map_err(|e| BuildError::Other {
                    rule: None,
                    message: e.to_string(),
                })
        };
        let (ac, short) = if texts.is_empty() {
            (None, None)
        } else {
            (
                Some(build_ac(None, true)?),
                Some(build_ac(Some(AhoCorasickKind::DFA), false)?),
            )
        };
        let overlaps = texts
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (0..texts.len() as u32)
                    .filter(|&j| {
                        let b = &texts[j as usize];
                        j as usize != i && (a.starts_with(b) || b.starts_with(a))
                    })
                    .collect()
            })
            .collect();
        // The order only decides which literals share a fingerprint bucket: every literal that
        // occurs where one is reported gets its candidates (`overlaps`).
        let mut packed_ids: Vec<u32> = (0..texts.len() as u32).collect();
        packed_ids.sort_by_key(|&i| {
            let text = &texts[i as usize];
            LITERAL_SEARCH_ORDER
                .iter()
                .position(|l| l.as_bytes() == text.as_slice())
                .unwrap_or(LITERAL_SEARCH_ORDER.len())
        });
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(packed_ids.iter().map(|&i| &texts[i as usize]))
            .build();
        Ok(LiteralIndex {
            ac,
            packed,
            packed_ids,
            pairs: LiteralPairs::new(&texts),
            short,
            targets,
            overlaps,
            texts,
        })
    }
}

/// The distinct literal texts of the rules' anchors, each with the (family, look-back, gate)
/// triples it anchors.
type Literals = (Vec<Vec<u8>>, Vec<Vec<(FamilyId, Back, LiteralGate)>>);

fn collect_literals(rules: &[RuleMatch], family_index: &dyn Fn(Family) -> FamilyId) -> Literals {
    let mut texts: Vec<Vec<u8>> = Vec::new();
    let mut targets: Vec<Vec<(FamilyId, Back, LiteralGate)>> = Vec::new();
    for rule in rules {
        let family = family_index(rule.family);
        for anchor in &rule.anchors {
            let AnchorSpec::Literal { text, back, gate } = anchor else {
                continue;
            };
            let idx = match texts.iter().position(|t| t == text) {
                Some(i) => i,
                None => {
                    texts.push(text.clone());
                    targets.push(Vec::new());
                    texts.len() - 1
                }
            };
            // A literal with a gate for one rule and none for another is always verified:
            // the gate may only ever skip work.
            match targets[idx]
                .iter_mut()
                .find(|(f, b, _)| *f == family && b == back)
            {
                Some(t) if t.2 != *gate => t.2 = LiteralGate::Open,
                Some(_) => {}
                None => targets[idx].push((family, *back, *gate)),
            }
        }
    }
    (texts, targets)
}

impl Matcher {
    /// Handles literal `lit` found at `at`, and every other literal that occurs there too (a
    /// search reports one literal per position: with a custom `://zz` and the builtin `://`,
    /// only one of them would reach its families). Every family a literal anchors gets a
    /// candidate where the literal says its matches start.
    pub(super) fn on_literal(
        &self,
        hay: &[u8],
        lit: usize,
        at: usize,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let also = self.literals.overlaps[lit]
            .iter()
            .map(|&other| other as usize)
            .filter(|&other| hay[at..].starts_with(&self.literals.texts[other]));
        for lit in std::iter::once(lit).chain(also) {
            for &(family, back, gate) in &self.literals.targets[lit] {
                let open = match gate {
                    LiteralGate::Open => true,
                    LiteralGate::Userinfo => {
                        userinfo_gate(hay, at + self.literals.texts[lit].len())
                    }
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
                    self.candidate(hay, family, s, sc, budget, allow)?;
                }
            }
        }
        Ok(())
    }

    /// The first literal at or after `from`: its index and where it starts.
    pub(super) fn next_literal(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        if from > hay.len() {
            return None;
        }
        let ac = if hay.len() < SHORT {
            &self.literals.short
        } else if let Some(packed) = &self.literals.packed {
            let m = packed.find_in(hay, aho_corasick::Span::from(from..hay.len()))?;
            return Some((
                self.literals.packed_ids[m.pattern().as_usize()] as usize,
                m.start(),
            ));
        } else {
            &self.literals.ac
        };
        let m = ac
            .as_ref()?
            .find(aho_corasick::Input::new(hay).span(from..hay.len()))?;
        Some((m.pattern().as_usize(), m.start()))
    }

    /// The literals in the order the SIMD literal search is given them.
    pub(crate) fn literal_search_order(&self) -> Vec<String> {
        self.literals
            .packed_ids
            .iter()
            .map(|&i| String::from_utf8_lossy(&self.literals.texts[i as usize]).into_owned())
            .collect()
    }
}

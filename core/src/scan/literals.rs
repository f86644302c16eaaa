//! Literal anchors: the rules' literal prefixes and inner literals, the searchers that find
//! them in long values, and the pair table that finds them in short ones.

use super::gates::run_start;
use super::gates::userinfo_gate;
use super::key_value::key_start;
use super::token_runs::{leads_run, RunIndex};
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
use crate::text::runs::{is_run_start, is_token_byte, starts_run};
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
    pub(super) fn new(texts: &[Vec<u8>]) -> Option<LiteralPairs> {
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
                // Literals are a few bytes: a loop costs less than a call to `memcmp`.
                let t = &texts[i];
                hay.get(p + 2..p + t.len())
                    .is_some_and(|w| w.iter().zip(&t[2..]).all(|(a, b)| a == b))
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
    /// Every literal, leftmost-first, with aho-corasick's prefilter, when the searchers
    /// could not be built (`None`: they serve, or there are no literals).
    pub(super) ac: Option<AhoCorasick>,
    /// The same literals in bare SIMD searchers (Teddy): the search of long values without
    /// the automaton's per-call plumbing (empty: `ac` serves). See [`LiteralSearch::split`].
    pub(super) searches: Vec<LiteralSearch>,
    /// The same literals by their first two bytes, looked up in the byte loop of short
    /// values (`None` when a literal is a single byte: then `short` serves).
    pub(super) pairs: Option<LiteralPairs>,
    /// The same literals as a plain DFA, for short values when the pair table cannot hold
    /// them (`None`: it can, or there are no literals).
    pub(super) short: Option<AhoCorasick>,
    /// For each literal: (family index, look-back, gate) triples.
    pub(super) targets: Vec<Vec<(FamilyId, Back, LiteralGate)>>,
    /// For each literal, the others that one of them begins with: where one occurs, the
    /// other may too, and a search reports only one of them.
    pub(super) overlaps: Vec<Vec<u32>>,
    /// The literals, by index.
    pub(super) texts: Vec<Vec<u8>>,
    /// For each literal, whether it is the run search's: found only where it starts a run
    /// (on every path, so that all find the same).
    pub(super) run_ok: Vec<bool>,
}

impl LiteralIndex {
    pub(super) fn build(
        rules: &[RuleMatch],
        family_index: &dyn Fn(Family) -> FamilyId,
    ) -> Result<LiteralIndex, BuildError> {
        let (texts, targets, places) = collect_literals(rules, family_index);
        let run_ok: Vec<bool> = places.iter().map(|&p| p == RunPlace::Start).collect();
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
        let searches = LiteralSearch::split(&texts, &places);
        let pairs = LiteralPairs::new(&texts);
        // The automata serve only where the searchers or the pair table do not (a DFA over a
        // few hundred literals is most of the cost of building a matcher).
        let ac = match texts.is_empty() || !searches.is_empty() {
            true => None,
            false => Some(build_ac(None, true)?),
        };
        let short = match texts.is_empty() || pairs.is_some() {
            true => None,
            false => Some(build_ac(Some(AhoCorasickKind::DFA), false)?),
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
        Ok(LiteralIndex {
            ac,
            searches,
            pairs,
            short,
            targets,
            overlaps,
            texts,
            run_ok,
        })
    }
}

/// The distinct literal texts of the rules' anchors, each with the (family, look-back, gate)
/// triples it anchors and where the run search may find it.
type Literals = (
    Vec<Vec<u8>>,
    Vec<Vec<(FamilyId, Back, LiteralGate)>>,
    Vec<RunPlace>,
);

/// Where the run search finds a literal, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RunPlace {
    /// Not at all: a SIMD literal search does.
    No,
    /// Where it starts a run.
    Start,
    /// Before a run, as a lead word (every rule it anchors gates it so).
    Lead,
}

fn collect_literals(rules: &[RuleMatch], family_index: &dyn Fn(Family) -> FamilyId) -> Literals {
    let mut texts: Vec<Vec<u8>> = Vec::new();
    let mut targets: Vec<Vec<(FamilyId, Back, LiteralGate)>> = Vec::new();
    let mut run_ok: Vec<bool> = Vec::new();
    let mut lead: Vec<bool> = Vec::new();
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
                    run_ok.push(is_run_literal(text));
                    lead.push(true);
                    texts.len() - 1
                }
            };
            // Every rule the literal anchors must allow it: a prefix, ungated; or a lead word.
            run_ok[idx] &= rule.run_search && *back == Back::None && *gate == LiteralGate::Open;
            lead[idx] &= *back == Back::None && *gate == LiteralGate::LeadsRun;
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
    let places = run_ok
        .iter()
        .zip(&lead)
        .map(|(&start, &lead)| match (start, lead) {
            (true, _) => RunPlace::Start,
            (false, true) => RunPlace::Lead,
            (false, false) => RunPlace::No,
        })
        .collect();
    (texts, targets, places)
}

/// Whether the run search can find `text`: a byte a run may start with, then token bytes.
fn is_run_literal(text: &[u8]) -> bool {
    text.len() >= 2 && is_run_start(text[0]) && text.iter().all(|&b| is_token_byte(b))
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
            if self.literals.run_ok[lit] && !starts_run(hay, at) {
                continue;
            }
            for &(family, back, gate) in &self.literals.targets[lit] {
                let open = match gate {
                    LiteralGate::Open => true,
                    LiteralGate::Userinfo => {
                        userinfo_gate(hay, at + self.literals.texts[lit].len())
                    }
                    LiteralGate::LeadsRun => leads_run(hay, at, self.literals.texts[lit].len()),
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

    /// The first literal at or after `from`: its index and where it starts. `cursor` keeps
    /// each SIMD search's next hit, so that each scans the value once.
    pub(super) fn next_literal(
        &self,
        hay: &[u8],
        from: usize,
        cursor: &mut LiteralCursor,
    ) -> Option<(usize, usize)> {
        if from > hay.len() {
            return None;
        }
        let ac = match &self.literals.short {
            Some(_) if hay.len() < SHORT => &self.literals.short,
            _ if !self.literals.searches.is_empty() => {
                return cursor.next(&self.literals.searches, hay, from);
            }
            _ => &self.literals.ac,
        };
        let m = ac
            .as_ref()?
            .find(aho_corasick::Input::new(hay).span(from..hay.len()))?;
        Some((m.pattern().as_usize(), m.start()))
    }

    /// The literals in the order the SIMD literal searches are given them, search after
    /// search.
    pub(crate) fn literal_search_order(&self) -> Vec<String> {
        let ids = self.literals.searches.iter().flat_map(|s| match s {
            LiteralSearch::Packed { ids, .. } => ids.as_slice(),
            LiteralSearch::Runs(_) => &[],
        });
        ids.map(|&i| String::from_utf8_lossy(&self.literals.texts[i as usize]).into_owned())
            .collect()
    }
}

/// Teddy's limit: above 64 literals it declines to build.
const LITERALS_PER_SEARCH: usize = 64;
/// Searches a value's literals may be split into (more fall back to the automaton).
const MAX_SEARCHES: usize = 8;

/// One search over a group of the literals.
pub(super) enum LiteralSearch {
    /// A SIMD searcher (Teddy); its pattern ids → literal indexes.
    Packed {
        searcher: packed::Searcher,
        ids: Vec<u32>,
    },
    /// The run search (`token_runs.rs`).
    Runs(Box<RunIndex>),
}

impl LiteralSearch {
    /// The searches over `texts`: the run search takes the literals `places` gives it (run
    /// starts and lead words), and SIMD searchers the rest. Up to 64 literals share one searcher, given them in
    /// [`LITERAL_SEARCH_ORDER`] (the order decides which literals share a fingerprint
    /// bucket, and so how many false candidates a search checks); more are split, the
    /// literals of three bytes in searchers of their own (Teddy fingerprints the shortest
    /// literal's length). Empty when a searcher does not build (then the automaton serves).
    fn split(texts: &[Vec<u8>], places: &[RunPlace]) -> Vec<LiteralSearch> {
        let mut ids: Vec<u32> = (0..texts.len() as u32)
            .filter(|&i| places[i as usize] == RunPlace::No)
            .collect();
        ids.sort_by_key(|&i| {
            let text = &texts[i as usize];
            LITERAL_SEARCH_ORDER
                .iter()
                .position(|l| l.as_bytes() == text.as_slice())
                .unwrap_or(LITERAL_SEARCH_ORDER.len())
        });
        let groups: Vec<Vec<u32>> = if ids.len() <= LITERALS_PER_SEARCH {
            vec![ids]
        } else {
            let (short, long): (Vec<u32>, Vec<u32>) =
                ids.into_iter().partition(|&i| texts[i as usize].len() < 4);
            let chunks = |v: Vec<u32>| -> Vec<Vec<u32>> {
                v.chunks(LITERALS_PER_SEARCH).map(<[u32]>::to_vec).collect()
            };
            chunks(short).into_iter().chain(chunks(long)).collect()
        };
        let placed = |place| {
            (0..texts.len() as u32)
                .filter(|&i| places[i as usize] == place)
                .collect::<Vec<u32>>()
        };
        let runs = RunIndex::new(texts, placed(RunPlace::Start), &placed(RunPlace::Lead))
            .map(|r| LiteralSearch::Runs(Box::new(r)));
        if groups.len() + usize::from(runs.is_some()) > MAX_SEARCHES {
            return Vec::new();
        }
        let packed: Option<Vec<LiteralSearch>> = groups
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|ids| {
                let searcher = packed::Config::new()
                    .match_kind(packed::MatchKind::LeftmostFirst)
                    .builder()
                    .extend(ids.iter().map(|&i| &texts[i as usize]))
                    .build()?;
                Some(LiteralSearch::Packed { searcher, ids })
            })
            .collect();
        packed.map_or_else(Vec::new, |p| p.into_iter().chain(runs).collect())
    }

    /// The first literal at or after `from`: (where it starts, its index).
    fn find(&self, hay: &[u8], from: usize) -> Option<(usize, usize)> {
        match self {
            LiteralSearch::Packed { searcher, ids } => {
                let m = searcher.find_in(hay, aho_corasick::Span::from(from..hay.len()))?;
                Some((m.start(), ids[m.pattern().as_usize()] as usize))
            }
            LiteralSearch::Runs(runs) => runs.find(hay, from),
        }
    }
}

/// The next hit of each literal search, for one value.
pub(super) struct LiteralCursor {
    /// Per search: (start, literal) of its next hit; `NOT_SEARCHED` before the first search,
    /// `(usize::MAX, _)` when it has none left.
    hits: [(usize, usize); MAX_SEARCHES],
}

const NOT_SEARCHED: (usize, usize) = (0, usize::MAX);

impl LiteralCursor {
    pub(super) fn new() -> LiteralCursor {
        LiteralCursor {
            hits: [NOT_SEARCHED; MAX_SEARCHES],
        }
    }

    /// The leftmost hit of any search at or after `from`: (literal, start).
    fn next(
        &mut self,
        searches: &[LiteralSearch],
        hay: &[u8],
        from: usize,
    ) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (search, hit) in searches.iter().zip(self.hits.iter_mut()) {
            let stale = *hit == NOT_SEARCHED || (hit.0 < from);
            if stale {
                *hit = search.find(hay, from).unwrap_or((usize::MAX, 0));
            }
            if hit.0 != usize::MAX && best.map_or(true, |b| *hit < b) {
                best = Some(*hit);
            }
        }
        best.map(|(start, lit)| (lit, start))
    }
}

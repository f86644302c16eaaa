//! The content matcher: one candidate pass, anchored lazy-DFA verification, validators.
//!
//! # How a string is searched
//!
//! 1. **One candidate pass.** A single left-to-right scan finds *anchors*: occurrences of the
//!    rules' literal prefixes (aho-corasick's SIMD Teddy searcher, given the literals that can
//!    stand anywhere in an order tuned against false candidates, and the run search of
//!    `token_runs.rs` for the vendor prefixes that start long token runs; every literal that
//!    occurs at a reported position is handled, not only the one reported), merged in order
//!    with bytes of interest
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
//!    lies (see `rules/secret.rs`) or found by running the rule again with captures.
//! 4. **Resolution.** Accepted spans are sorted by leftmost start, then longest, then rule
//!    order; overlapping spans are merged so no fragment of a secret survives, and the first
//!    span of each merged region names it.
//!
//! Total verification work is bounded by a step budget proportional to the input; a string
//! that exhausts it is failed closed by the caller.
//!
//! May import `rules` and `text`.

mod boundary;
mod byte_kinds;
mod families;
mod free_text;
mod gates;
mod key_value;
mod literals;
mod resolve;
mod search;
pub(crate) mod simd;
#[cfg(test)]
mod tests;
mod token_runs;
mod vectors;
mod verify;

pub(crate) use boundary::version_value;
pub(crate) use resolve::resolve;

use self::byte_kinds::ByteTables;
use self::families::build_families;
use self::families::FamilyDfa;
use self::key_value::KeyCache;
use self::key_value::KeyGate;
use self::literals::LiteralIndex;
use self::verify::SecretGroups;
use crate::rules::builtin::Back;
use crate::rules::builtin::Boundary;
use crate::rules::builtin::ByteAnchor;
use crate::rules::builtin::Family;
use crate::rules::builtin::LiteralGate;
use crate::rules::secret::SecretPart;
use crate::rules::validators::Validator;
use crate::text::bytes::ByteSet;
use regex_automata::hybrid::dfa::Cache;
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::util::syntax;

/// A family's index in [`Matcher`]'s automata (the builtin families and the custom ones
/// number far fewer than 256).
pub(crate) type FamilyId = u8;

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
    /// The rule also names what the text passes find (`free_text/sql.rs`, `free_text/xml.rs`).
    pub text_passes: bool,
    /// Its literal prefixes may be left to the run search (`token_runs.rs`): each starts a
    /// run of token bytes at least `text::runs::MIN_RUN` long wherever the rule matches.
    pub run_search: bool,
    /// A keyword rule's keywords (lower case), which the key gate lets through.
    pub keywords: Vec<String>,
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

/// The compiled content matcher: what [`Matcher::build`] makes of the rules, searched by
/// [`Matcher::find`].
pub(crate) struct Matcher {
    rules: Vec<RuleMatch>,
    /// Each rule's `boundary::right_may_hold`, by rule index.
    right_may: Vec<(ByteSet, bool)>,
    /// One lazy DFA per family of rules, verified from a candidate start.
    families: Vec<FamilyDfa>,
    /// The rules' literal anchors and the searchers that find them.
    literals: LiteralIndex,
    /// The byte anchors: which bytes fire which kinds, and how the scans classify them.
    bytes: ByteTables,
    /// The key=value keywords' letters, for the key gate.
    key_gate: KeyGate,
    /// The regexes that locate a secret group in an accepted match.
    secret_groups: SecretGroups,
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

/// Per-search scratch space, reused across calls so that searching allocates nothing.
pub(crate) struct Scratch {
    caches: Vec<Cache>,
    /// One cache and one capture slot set per regex in `Matcher::captures`.
    cap_caches: Vec<(meta::Cache, Captures)>,
    ends: Vec<(u32, usize)>,
    /// Accepted spans of the last search, sorted and merged.
    pub spans: Vec<Span>,
    recent: [(FamilyId, usize); 4],
    recent_at: usize,
    /// The first `'` and the first `<` the scans met in this search (`usize::MAX`: none),
    /// where the text passes start.
    quote: usize,
    angle: usize,
    keys: KeyCache,
}

/// How [`Matcher::find_in`] reads a value: every path finds the same spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strategy {
    /// One byte loop with the literal pair table (values shorter than [`SHORT`]).
    Short,
    /// The literal search, and the byte table between literals.
    Table,
    /// The literal search, and 64-byte chunks classified with SIMD compares between literals
    /// (when every anchor kind is a few byte ranges), in 16-byte registers.
    Vectors,
    /// [`Strategy::Vectors`] in 32-byte AVX2 registers, when the CPU has them.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    Wide,
}

/// Haystacks shorter than this take the scalar paths, which cost less to start (see
/// `benches/README.md` for the choice of 32).
const SHORT: usize = 32;

impl Matcher {
    /// Compiles the rules. `nfa_limit` bounds each family's NFA in bytes. The phases run in
    /// this order and the first error wins: family automata, byte anchors, literal anchors,
    /// secret groups.
    pub(crate) fn build(rules: Vec<RuleMatch>, nfa_limit: usize) -> Result<Matcher, BuildError> {
        let families = build_families(&rules, nfa_limit)?;
        let family_index =
            |f: Family| families.iter().position(|d| d.family == f).unwrap_or(0) as u8;
        let bytes = ByteTables::build(&rules, &family_index)?;
        let literals = LiteralIndex::build(&rules, &family_index)?;
        let secret_groups = SecretGroups::build(&rules, nfa_limit)?;
        let text_pass_rule = rules.iter().position(|r| r.text_passes).map(|i| i as u32);
        let keywords: Vec<String> = rules.iter().flat_map(|r| r.keywords.clone()).collect();
        let right_may = rules
            .iter()
            .map(|r| boundary::right_may_hold(&r.right))
            .collect();
        Ok(Matcher {
            text_pass_rule,
            right_may,
            rules,
            families,
            literals,
            bytes,
            key_gate: KeyGate::new(&keywords),
            secret_groups,
        })
    }

    /// Fresh scratch space for this matcher.
    pub(crate) fn scratch(&self) -> Scratch {
        Scratch {
            caches: self.families.iter().map(|f| f.dfa.create_cache()).collect(),
            cap_caches: self
                .secret_groups
                .regexes
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
        self.literals.targets.len()
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
            Strategy::Short
        } else if self.bytes.vector_scan {
            self.vector_path()
        } else {
            Strategy::Table
        };
        self.find_in(hay, sc, allow, path)
    }

    /// The vectorised path of long values: AVX2 registers where the CPU has them.
    fn vector_path(&self) -> Strategy {
        #[cfg(target_arch = "x86_64")]
        if self.bytes.avx2.is_some() {
            return Strategy::Wide;
        }
        Strategy::Vectors
    }
}

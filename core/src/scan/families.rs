//! The family automata: one lazy DFA per family of rules, and the build errors that name
//! the rules that caused them.

use super::syntax_config;
use super::BuildError;
use super::RuleMatch;
use crate::rules::builtin::Boundary;
use crate::rules::builtin::Family;
use regex_automata::hybrid::dfa::DFA;
use regex_automata::nfa::thompson;
use regex_automata::MatchKind;

pub(super) struct FamilyDfa {
    pub(super) family: Family,
    pub(super) dfa: DFA,
    /// Local pattern id → global rule index.
    pub(super) rules: Vec<u32>,
    pub(super) max_len: usize,
    pub(super) min_len: usize,
    /// The distinct left boundaries of the family's rules, or `None` when one of them allows
    /// anything: a start that none of them allows cannot begin a match.
    pub(super) lefts: Option<Vec<Boundary>>,
    /// The same for right boundaries: an end that none of them allows is not looked up
    /// (a bare `key=value` reaches a match state at every byte of its value).
    pub(super) rights: Option<Vec<Boundary>>,
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

/// One lazy DFA per family, every rule of the family compiled together.
pub(super) fn build_families(
    rules: &[RuleMatch],
    nfa_limit: usize,
) -> Result<Vec<FamilyDfa>, BuildError> {
    let mut family_order: Vec<Family> = rules.iter().map(|r| r.family).collect();
    family_order.sort();
    family_order.dedup();
    family_order
        .into_iter()
        .map(|family| FamilyDfa::build(rules, family, nfa_limit))
        .collect()
}

impl FamilyDfa {
    fn build(
        rules: &[RuleMatch],
        family: Family,
        nfa_limit: usize,
    ) -> Result<FamilyDfa, BuildError> {
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
                classify_build_error(rules, &members, family, nfa_limit, error_chain(&e))
            })?;
        let member_rules = || members.iter().map(|&i| &rules[i as usize]);
        let max_len = member_rules().map(|r| r.max_len).max().unwrap_or(0);
        let min_len = member_rules().map(|r| r.min_len).min().unwrap_or(1);
        // The e-mail boundary looks back up to 256 bytes: not worth doing twice.
        let lefts = distinct_boundaries(member_rules().map(|r| r.left), |b| {
            matches!(b, Boundary::None | Boundary::EmailLocal)
        });
        let rights = distinct_boundaries(member_rules().map(|r| r.right), |b| b == Boundary::None);
        Ok(FamilyDfa {
            family,
            dfa,
            rules: members,
            max_len,
            min_len,
            lefts,
            rights,
        })
    }
}

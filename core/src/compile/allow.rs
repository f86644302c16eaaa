//! Allowlists: keys whose values are kept (the rest removed: default-deny), and exact values
//! and full-match patterns that are never redacted.

use std::collections::HashSet;

use regex_automata::{meta, util::syntax};

use super::keys::KeyMatcher;
use super::patterns::check_regex;
use crate::policy::error::PolicyError;
use crate::policy::Policy;

/// Exact values and full-match patterns that are never redacted.
pub(crate) struct ValueAllow {
    exact: HashSet<Box<[u8]>>,
    patterns: Option<meta::Regex>,
}

impl ValueAllow {
    pub(crate) fn contains(&self, v: &[u8]) -> bool {
        (!self.exact.is_empty() && self.exact.contains(v))
            || self.patterns.as_ref().is_some_and(|re| re.is_match(v))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.patterns.is_none()
    }
}

/// `allow.keys`, compiled (`None`: no key allowlist, every key is scanned).
pub(super) fn keys(policy: &Policy) -> Result<Option<KeyMatcher>, PolicyError> {
    let Some(list) = &policy.allow.keys else {
        return Ok(None);
    };
    let pats: Vec<(String, u32)> = list.iter().map(|k| (k.clone(), 0)).collect();
    let keys = KeyMatcher::build(&pats)
        .map_err(|(i, m)| PolicyError::new(m).field(format!("allow.keys[{i}]")))?;
    Ok(Some(keys))
}

/// `allow.values` and `allow.value_patterns`, compiled.
pub(super) fn values(policy: &Policy) -> Result<ValueAllow, PolicyError> {
    let exact = policy
        .allow
        .values
        .iter()
        .map(|v| v.as_bytes().to_vec().into_boxed_slice())
        .collect();
    if policy.allow.value_patterns.is_empty() {
        return Ok(ValueAllow {
            exact,
            patterns: None,
        });
    }
    for (i, p) in policy.allow.value_patterns.iter().enumerate() {
        check_regex(p).map_err(|e| e.field(format!("allow.value_patterns[{i}]")))?;
    }
    let full: Vec<String> = policy
        .allow
        .value_patterns
        .iter()
        .map(|p| format!("^(?:{p})$"))
        .collect();
    let patterns = meta::Regex::builder()
        .syntax(syntax::Config::new().utf8(false))
        .configure(meta::Config::new().nfa_size_limit(Some(policy.limits.max_automaton_bytes)))
        .build_many(&full)
        .map_err(|e| PolicyError::new(e.to_string()).field("allow.value_patterns"))?;
    Ok(ValueAllow {
        exact,
        patterns: Some(patterns),
    })
}

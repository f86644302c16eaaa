//! The content rules' automata, built by the matcher; its build errors named by rule.

use super::compiled::ContentMeta;
use crate::policy::error::PolicyError;
use crate::scan::{BuildError, Matcher, RuleMatch};

/// Builds the matcher, each family's automaton bounded by `nfa_limit` bytes.
pub(super) fn build(
    rules: Vec<RuleMatch>,
    content: &[ContentMeta],
    nfa_limit: usize,
) -> Result<Matcher, PolicyError> {
    Matcher::build(rules, nfa_limit).map_err(|e| match e {
        BuildError::TooLarge { family, offenders } => {
            let names: Vec<String> = offenders
                .iter()
                .map(|(i, size)| {
                    if *size == usize::MAX {
                        format!("{} (over the limit alone)", content[*i].id)
                    } else {
                        format!("{} ({size} bytes)", content[*i].id)
                    }
                })
                .collect();
            let first = offenders
                .first()
                .map(|(i, _)| content[*i].id.to_string())
                .unwrap_or_default();
            PolicyError::new(format!(
                "the {family:?} automaton exceeds limits.max_automaton_bytes ({nfa_limit}); largest rules: {}. Replace \
                 counted repetitions such as {{64}} with `+` and min_len/max_len",
                names.join(", ")
            ))
            .rule(first)
            .field("pattern")
        }
        BuildError::Other {
            rule: Some(i),
            message,
        } => PolicyError::new(message)
            .rule(content[i].id.to_string())
            .field("pattern"),
        BuildError::Other {
            rule: None,
            message,
        } => PolicyError::new(message).field("content"),
    })
}

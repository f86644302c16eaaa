//! The policy's version, limits, and hash, token and pseudonym settings, checked before any
//! rule.

use crate::policy::error::PolicyError;
use crate::policy::Policy;
use crate::tokens::template::TokenTemplate;

/// The deepest nesting a policy may allow: the walk recurses once per level.
const MAX_DEPTH_CAP: usize = 1000;

pub(super) fn check(policy: &Policy) -> Result<(), PolicyError> {
    if policy.version != 1 {
        return Err(PolicyError::new(format!(
            "unsupported version {} (this engine reads version 1)",
            policy.version
        ))
        .field("version"));
    }
    let limits = &policy.limits;
    if limits.max_depth == 0 || limits.max_depth > MAX_DEPTH_CAP {
        return Err(
            PolicyError::new(format!("max_depth must be between 1 and {MAX_DEPTH_CAP}"))
                .field("limits.max_depth"),
        );
    }
    if limits.max_value_bytes == 0 {
        return Err(
            PolicyError::new("max_value_bytes must be at least 1").field("limits.max_value_bytes")
        );
    }
    if limits.max_nodes == 0 {
        return Err(PolicyError::new("max_nodes must be at least 1").field("limits.max_nodes"));
    }
    if !(8..=64).contains(&policy.hash.length) {
        return Err(
            PolicyError::new("hash length must be between 8 and 64 hex characters")
                .field("hash.length"),
        );
    }
    if !policy.hash.template.contains("{hash}") {
        return Err(
            PolicyError::new("the hash template must contain {hash}").field("hash.template")
        );
    }
    if let Err(message) = TokenTemplate::new(&policy.tokenize.template) {
        return Err(PolicyError::new(message).field("tokenize.template"));
    }
    let pseudonym = &policy.pseudonym.template;
    if pseudonym.matches("{n}").count() != 1 || pseudonym.starts_with("{n}") {
        return Err(PolicyError::new(
            "the pseudonym template must contain {n} once, after some fixed text or {rule} (`<{rule}_{n}>`)",
        )
        .field("pseudonym.template"));
    }
    if !(1..=MAX_TOKEN_VALUE).contains(&policy.tokenize.max_value_bytes) {
        return Err(PolicyError::new(format!(
            "tokenize.max_value_bytes must be between 1 and {MAX_TOKEN_VALUE}"
        ))
        .field("tokenize.max_value_bytes"));
    }
    Ok(())
}

/// The longest value a policy may tokenize: tokens are written into telemetry.
const MAX_TOKEN_VALUE: usize = 64 * 1024;

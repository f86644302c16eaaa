//! The hash key: from the policy or an environment variable, and the error when a rule
//! hashes without one.

use super::actions::Hasher;
use crate::policy::error::PolicyError;
use crate::policy::HashConfig;

/// The keyed hasher. `hash_user` is the first rule whose action is `hash`, if any: it
/// needs a key, or an explicit opt-in to unkeyed hashes.
pub(super) fn hasher(
    hash: &HashConfig,
    hash_user: Option<String>,
    warnings: &mut Vec<String>,
) -> Result<Hasher, PolicyError> {
    let mut key = hash
        .key
        .clone()
        .filter(|k| !k.is_empty())
        .map(String::into_bytes);
    if key.is_none() {
        if let Some(var) = &hash.key_env {
            match std::env::var(var) {
                Ok(v) if !v.is_empty() => key = Some(v.into_bytes()),
                _ => warnings.push(format!(
                    "hash key variable {var} is not set: `hash` actions fail closed to their mask label"
                )),
            }
        }
    }
    if key.is_none() && hash.allow_unkeyed {
        key = Some(Vec::new());
    }
    if let Some(rule) = hash_user {
        if key.is_none() && hash.key_env.is_none() {
            return Err(PolicyError::new(
                "the hash action needs a secret key: set `hash.key` or `hash.key_env` (unkeyed hashes of e-mails \
                 and card numbers can be reversed by dictionary), or opt in with `hash.allow_unkeyed: true`",
            )
            .rule(rule)
            .field("action"));
        }
    }
    Ok(Hasher::new(key, hash.length))
}

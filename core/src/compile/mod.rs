//! Compiles a [`Policy`] into a [`CompiledPolicy`], with errors that name the rule, the
//! field and the position.
//!
//! The phases run in this order, and the first error wins:
//! 1. [`settings`]: version, limits, hash, token and pseudonym settings;
//! 2. [`content`]: the builtins the policy selects and its custom patterns;
//! 3. [`fields`]: field rules and their key patterns;
//! 4. [`allow`]: key and value allowlists;
//! 5. [`hashing`] and [`tokenizing`]: the hash key and the token key ring;
//! 6. [`automata`]: the matcher's automata;
//! 7. [`labels`]: the texts the engine writes, never redacted again.
//!
//! May import `policy`, `report`, `rules`, `scan`, `sanitize`, `text` and `tokens`.

pub(crate) mod action_state;
pub(crate) mod actions;
mod allow;
mod automata;
mod compiled;
mod content;
mod fields;
mod hashing;
pub(crate) mod keys;
mod labels;
mod patterns;
mod settings;
mod tokenizing;

pub(crate) use compiled::CompiledPolicy;

use crate::policy::error::PolicyError;
use crate::policy::Policy;
use crate::sanitize::url::UrlRules;

/// Compiles a policy into everything an engine holds.
pub(crate) fn compile(policy: &Policy) -> Result<CompiledPolicy, PolicyError> {
    settings::check(policy)?;
    let content = content::compile(policy)?;
    let fields = fields::compile(policy)?;
    let allow_keys = allow::keys(policy)?;
    let allow_values = allow::values(policy)?;
    let mut warnings = Vec::new();
    let hash_user = content.hash_user.or(fields.hash_user);
    let hasher = hashing::hasher(&policy.hash, hash_user, &mut warnings)?;
    let token_user = content.token_user.or(fields.token_user);
    let tokens = tokenizing::tokenizer(&policy.tokenize, token_user, &mut warnings)?;
    let nfa_limit = policy.limits.max_automaton_bytes;
    let matcher = automata::build(content.rules, &content.meta, nfa_limit)?;
    let labels = labels::collect(policy, &content.meta, &fields.meta);
    let names = content
        .meta
        .iter()
        .map(|r| r.id.clone())
        .chain(fields.meta.iter().map(|f| f.name.clone()))
        .collect();
    Ok(CompiledPolicy {
        matcher,
        content: content.meta,
        fields: fields.meta,
        keys: fields.keys,
        allow_keys,
        allow_values,
        hasher,
        tokens,
        token_finder: Default::default(),
        limits: policy.limits.clone(),
        label: policy.label.clone(),
        names,
        warnings,
        url: UrlRules::new(&policy.sanitizers.url),
        policy: policy.clone(),
        labels,
    })
}

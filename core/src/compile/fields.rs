//! Field rules: what happens to the value under a key, whatever it holds. Every key pattern
//! of every rule goes into one [`KeyMatcher`].

use super::actions::{render, Replacement};
use super::compiled::FieldMeta;
use super::keys::KeyMatcher;
use crate::policy::error::PolicyError;
use crate::policy::{Action, Policy};
use crate::tokens::template::is_token_rule_name;

/// The field rules of a policy, compiled: `meta[i]` is the rule the key matcher's pattern
/// id `i` names.
pub(super) struct FieldRules {
    pub meta: Vec<FieldMeta>,
    pub keys: KeyMatcher,
    /// The first rule whose action is `hash`, for the error when there is no hash key.
    pub hash_user: Option<String>,
    /// The first rule whose action is `tokenize`, for the error when there is no key ring.
    pub token_user: Option<String>,
}

pub(super) fn compile(policy: &Policy) -> Result<FieldRules, PolicyError> {
    let mut meta = Vec::new();
    let mut key_patterns = Vec::new();
    let mut hash_user = None;
    let mut token_user = None;
    for (i, f) in policy.fields.iter().enumerate() {
        let rname = rule_of_field(policy, i);
        if f.keys.is_empty() {
            return Err(
                PolicyError::new("a field rule needs at least one key pattern")
                    .rule(rname)
                    .field("keys"),
            );
        }
        for k in &f.keys {
            key_patterns.push((k.clone(), i as u32));
        }
        let name = f
            .name
            .clone()
            .unwrap_or_else(|| default_field_name(&f.keys[0]));
        if f.action == Action::Hash && hash_user.is_none() {
            hash_user = Some(rname.clone());
        }
        if f.action == Action::Tokenize {
            if !is_token_rule_name(&name) {
                return Err(PolicyError::new(format!(
                    "a rule that tokenizes writes its name in each token, which `reveal` reads back: \
                     name it with letters, digits, `_`, `-` and `.` (not `{name}`)"
                ))
                .rule(rname)
                .field("name"));
            }
            token_user.get_or_insert_with(|| rname.clone());
        }
        let mask_label = f
            .label
            .clone()
            .unwrap_or_else(|| render(&policy.label, &name));
        let replacement = match Replacement::compile(&f.action, &name, policy) {
            Replacement::Mask(_) => Replacement::Mask(mask_label.clone().into()),
            other => other,
        };
        meta.push(FieldMeta {
            name: name.into(),
            replacement,
            mask_label: mask_label.into(),
            keys: f.keys.clone(),
            unless_described: f.unless_described,
        });
    }
    let keys = KeyMatcher::build(&key_patterns).map_err(|(idx, msg)| {
        let (pat, rule) = &key_patterns[idx.min(key_patterns.len().saturating_sub(1))];
        let r = rule_of_field(policy, *rule as usize);
        let j = policy.fields[*rule as usize]
            .keys
            .iter()
            .position(|k| k == pat)
            .unwrap_or(0);
        PolicyError::new(msg).rule(r).field(format!("keys[{j}]"))
    })?;
    Ok(FieldRules {
        meta,
        keys,
        hash_user,
        token_user,
    })
}

/// How a field rule is named in errors: its name, or its place in the list.
fn rule_of_field(policy: &Policy, i: usize) -> String {
    policy.fields[i]
        .name
        .clone()
        .unwrap_or_else(|| format!("fields[{i}]"))
}

/// The name of a rule without one (in labels and reports): its first key, without globs.
fn default_field_name(key: &str) -> String {
    let s: String = key.chars().filter(|&c| c != '*' && c != '?').collect();
    let s = s.trim_matches(|c: char| c == '.' || c == '_' || c == '-');
    if s.is_empty() {
        "field".to_string()
    } else {
        s.to_string()
    }
}

//! Content rules: the builtins a policy selects (in their priority order) and its custom
//! patterns, compiled into what the matcher searches for and what the engine writes.

use std::collections::HashSet;

use super::actions::{render, Replacement};
use super::compiled::ContentMeta;
use super::patterns::{analyse_pattern, anchor_specs, parse_validators, PatternShape};
use crate::policy::error::PolicyError;
use crate::policy::{Action, BoundarySpec, BuiltinSet, Builtins, ContentRule, Policy};
use crate::rules::builtin::{self, Boundary, Builtin, BUILTINS};
use crate::rules::secret::SecretPart;
use crate::rules::validators::Validator;
use crate::scan::RuleMatch;
use crate::text::bytes::WORD;

/// The content rules of a policy, compiled: `rules[i]` is searched for, `meta[i]` says what
/// replaces it.
pub(super) struct ContentRules {
    pub rules: Vec<RuleMatch>,
    pub meta: Vec<ContentMeta>,
    /// The first rule whose action is `hash`, for the error when there is no hash key.
    pub hash_user: Option<String>,
    /// The first rule whose action is `tokenize`, for the error when there is no key ring.
    pub token_user: Option<String>,
}

/// A selected builtin and the policy's rule that configures it, if any (with its index).
type Selected<'p> = (&'static Builtin, Option<(usize, &'p ContentRule)>);

/// The content rules a policy turns on.
struct Selection<'p> {
    /// Builtins in priority order, each with the rule that configures it.
    builtins: Vec<Selected<'p>>,
    /// Enabled custom rules in policy order, with their index.
    customs: Vec<(usize, &'p ContentRule)>,
}

/// Compiles the builtins first (in priority order), then the custom rules in policy order.
pub(super) fn compile(policy: &Policy) -> Result<ContentRules, PolicyError> {
    let Selection { builtins, customs } = select(policy)?;
    let mut out = ContentRules {
        rules: Vec::new(),
        meta: Vec::new(),
        hash_user: None,
        token_user: None,
    };
    let mut seen_ids = HashSet::new();
    for (b, cfg) in &builtins {
        add_builtin(policy, b, *cfg, &mut out, &mut seen_ids)?;
    }
    for (i, r) in &customs {
        add_custom(policy, *i, r, &mut out, &mut seen_ids)?;
    }
    Ok(out)
}

/// The builtins the policy turns on (each with the rule that configures it) and its enabled
/// custom rules.
fn select(policy: &Policy) -> Result<Selection<'_>, PolicyError> {
    let mut selected: Vec<Selected<'_>> = match &policy.builtins {
        Builtins::Set(BuiltinSet::All) => BUILTINS.iter().map(|b| (b, None)).collect(),
        Builtins::Set(BuiltinSet::None) => Vec::new(),
        Builtins::Only(ids) => {
            let mut v = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                let b = builtin::find(id)
                    .ok_or_else(|| unknown_builtin(id).field(format!("builtins[{i}]")))?;
                v.push((b, None));
            }
            v
        }
    };
    let mut customs: Vec<(usize, &ContentRule)> = Vec::new();
    for (i, rule) in policy.content.iter().enumerate() {
        let name = rule_name(rule, i);
        match (&rule.builtin, &rule.pattern) {
            (Some(_), Some(_)) => {
                return Err(PolicyError::new(
                    "a content rule names either a builtin or a pattern, not both",
                )
                .rule(name)
                .field("pattern"))
            }
            (None, None) => {
                return Err(
                    PolicyError::new("a content rule needs `builtin` or `pattern`")
                        .rule(name)
                        .field("pattern"),
                )
            }
            (Some(id), None) => {
                let b = builtin::find(id)
                    .ok_or_else(|| unknown_builtin(id).rule(name.clone()).field("builtin"))?;
                if rule.enabled == Some(false) {
                    selected.retain(|(x, _)| x.id != b.id);
                    continue;
                }
                match selected.iter_mut().find(|(x, _)| x.id == b.id) {
                    Some(slot) => slot.1 = Some((i, rule)),
                    None => selected.push((b, Some((i, rule)))),
                }
            }
            (None, Some(_)) => {
                if rule.enabled != Some(false) {
                    customs.push((i, rule));
                }
            }
        }
    }
    // Builtins keep their priority order whatever order the policy lists them in.
    selected.sort_by_key(|(b, _)| BUILTINS.iter().position(|x| x.id == b.id));
    Ok(Selection {
        builtins: selected,
        customs,
    })
}

/// One builtin, with the overrides of the rule that configures it.
fn add_builtin(
    policy: &Policy,
    b: &'static Builtin,
    cfg: Option<(usize, &ContentRule)>,
    out: &mut ContentRules,
    seen_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    let (action, label, mut validators, min_len, max_len, name) = match cfg {
        Some((i, r)) => (
            r.action.clone(),
            r.label.clone(),
            parse_validators(&r.validators, &rule_name(r, i))?,
            r.min_len,
            r.max_len,
            rule_name(r, i),
        ),
        None => (None, None, Vec::new(), None, None, b.id.to_string()),
    };
    if let Some(v) = b.validator {
        validators.insert(0, v);
    }
    let id = match cfg.and_then(|(_, r)| r.id.clone()) {
        Some(id) => id,
        None => b.id.to_string(),
    };
    let action = action.unwrap_or(Action::Mask);
    check_content_action(&action, &name)?;
    if action == Action::Hash && out.hash_user.is_none() {
        out.hash_user = Some(name.clone());
    }
    if action == Action::Tokenize && out.token_user.is_none() {
        out.token_user = Some(name.clone());
    }
    seen_ids.insert(id.clone());
    out.rules.push(RuleMatch {
        pattern: format!("(?-u:{})", b.pattern),
        family: b.family,
        anchors: b.anchors.iter().flat_map(anchor_specs).collect(),
        left: b.left,
        right: b.right,
        min_len: min_len.unwrap_or(b.min_len),
        max_len: max_len.unwrap_or(b.max_len),
        validators: validators.clone(),
        secret: b.secret,
        text_passes: b.text_passes,
        run_search: b.run_search,
        keywords: b.keywords.iter().map(|k| k.to_string()).collect(),
    });
    let mut meta = content_meta(policy, &id, action, label, validators);
    meta.builtin = Some(b);
    meta.policy_rule = cfg.map(|(i, _)| i);
    meta.repeats = b.secret != SecretPart::Whole;
    out.meta.push(meta);
    Ok(())
}

/// One custom pattern rule: its id checked, its pattern analysed.
fn add_custom(
    policy: &Policy,
    i: usize,
    r: &ContentRule,
    out: &mut ContentRules,
    seen_ids: &mut HashSet<String>,
) -> Result<(), PolicyError> {
    let name = rule_name(r, i);
    let id = r.id.clone().ok_or_else(|| {
        PolicyError::new("a custom rule needs an `id` (it names the rule in labels and reports)")
            .rule(name.clone())
            .field("id")
    })?;
    if !valid_id(&id) {
        return Err(
            PolicyError::new("ids use letters, digits, `_`, `-` and `.`")
                .rule(name)
                .field("id"),
        );
    }
    if !seen_ids.insert(id.clone()) {
        return Err(PolicyError::new(format!("duplicate rule id `{id}`"))
            .rule(name)
            .field("id"));
    }
    let pattern = r.pattern.as_deref().unwrap_or_default();
    let PatternShape {
        anchors,
        family,
        has_secret,
    } = analyse_pattern(pattern).map_err(|e| e.rule(id.clone()).field("pattern"))?;
    let validators = parse_validators(&r.validators, &id)?;
    let action = r.action.clone().unwrap_or(Action::Mask);
    check_content_action(&action, &id)?;
    if action == Action::Hash && out.hash_user.is_none() {
        out.hash_user = Some(id.clone());
    }
    if action == Action::Tokenize && out.token_user.is_none() {
        out.token_user = Some(id.clone());
    }
    let boundary = match r.boundary {
        Some(BoundarySpec::Word) => Boundary::Not(WORD),
        _ => Boundary::None,
    };
    let min_len = r.min_len.unwrap_or(1).max(1);
    let max_len = r.max_len.unwrap_or(4096);
    if max_len < min_len || max_len > (1 << 20) {
        return Err(
            PolicyError::new("max_len must be at least min_len and at most 1048576")
                .rule(id)
                .field("max_len"),
        );
    }
    out.rules.push(RuleMatch {
        pattern: pattern.to_string(),
        family,
        anchors,
        left: boundary,
        right: boundary,
        min_len,
        max_len,
        validators: validators.clone(),
        secret: if has_secret {
            SecretPart::Captured
        } else {
            SecretPart::Whole
        },
        text_passes: false,
        run_search: false,
        keywords: Vec::new(),
    });
    let label = r.label.clone();
    let mut meta = content_meta(policy, &id, action, label, validators);
    meta.policy_rule = Some(i);
    meta.repeats = has_secret;
    out.meta.push(meta);
    Ok(())
}

/// How a content rule is named in errors: its id, its builtin, or its place in the list.
fn rule_name(r: &ContentRule, i: usize) -> String {
    r.id.clone()
        .or_else(|| r.builtin.clone())
        .unwrap_or_else(|| format!("content[{i}]"))
}

fn unknown_builtin(id: &str) -> PolicyError {
    let names: Vec<&str> = BUILTINS.iter().map(|b| b.id).collect();
    PolicyError::new(format!(
        "unknown builtin `{id}`; the builtins are: {}",
        names.join(", ")
    ))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

fn check_content_action(action: &Action, rule: &str) -> Result<(), PolicyError> {
    match action {
        Action::Keep | Action::Scan | Action::Sanitize(_) => Err(PolicyError::new(
            "`keep`, `scan` and `sanitize` are field-rule actions; a content rule masks, removes, hashes, tokenizes, numbers (pseudonym), replaces or partially masks",
        )
        .rule(rule)
        .field("action")),
        Action::Partial(p) if p.keep_start > 64 || p.keep_end > 64 => {
            Err(PolicyError::new("partial keeps at most 64 characters at each end").rule(rule).field("action"))
        }
        _ => Ok(()),
    }
}

fn content_meta(
    policy: &Policy,
    id: &str,
    action: Action,
    label: Option<String>,
    validators: Vec<Validator>,
) -> ContentMeta {
    let mask_label = label.unwrap_or_else(|| render(&policy.label, id));
    let replacement = match Replacement::compile(&action, id, policy) {
        Replacement::Mask(_) => Replacement::Mask(mask_label.clone().into()),
        other => other,
    };
    ContentMeta {
        id: id.into(),
        replacement,
        mask_label: mask_label.into(),
        validators,
        builtin: None,
        policy_rule: None,
        repeats: false,
    }
}

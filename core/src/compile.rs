//! Compiles a [`Policy`] into the engine's parts, with errors that name rule, field and
//! position.

use std::collections::HashSet;

use regex_automata::{meta, util::syntax};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::actions::{render, Act, Hasher};
use crate::builtin::{self, Anchor, Back, Boundary, ByteAnchor, Family, LiteralGate, BUILTINS};
use crate::bytes::{ByteSet, WORD};
use crate::engine::{Inner, Labels};
use crate::error::PolicyError;
use crate::keys::KeyMatcher;
use crate::matcher::{AnchorSpec, BuildError, Matcher, RuleMatch};
use crate::policy::{
    Action, BoundarySpec, BuiltinSet, Builtins, ContentRule, Policy, ValidatorSpec,
};
use crate::report::FailReason;
use crate::secret::SecretPart;
use crate::validate::Validator;

/// A content rule after compilation: its id, its action and its mask label.
pub(crate) struct ContentMeta {
    pub id: Box<str>,
    pub act: Act,
    pub mask_label: Box<str>,
    pub validators: Vec<Validator>,
    pub builtin: bool,
}

/// A field rule after compilation.
pub(crate) struct FieldMeta {
    pub name: Box<str>,
    pub act: Act,
    pub mask_label: Box<str>,
    pub keys: Vec<String>,
    pub unless_described: bool,
}

impl FieldMeta {
    /// What the rule's action writes in place of `value`.
    pub(crate) fn replacement(&self, value: &[u8], hasher: &Hasher) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.act.output_len(value, hasher, &self.mask_label));
        self.act.write(value, hasher, &self.mask_label, &mut out);
        out
    }
}

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

const MAX_DEPTH_CAP: usize = 1000;

/// Compiles a policy into everything an engine holds.
pub(crate) fn compile(policy: &Policy) -> Result<Inner, PolicyError> {
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
    let mut warnings = Vec::new();

    // --- content rules ---------------------------------------------------------------
    let mut selected: Vec<(&'static builtin::Builtin, Option<(usize, &ContentRule)>)> =
        match &policy.builtins {
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

    let mut rules = Vec::new();
    let mut content = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut uses_hash: Option<(String, &str)> = None;
    for (b, cfg) in &selected {
        let (action, label, mut validators, min_len, max_len, name) = match cfg {
            Some((i, r)) => (
                r.action.clone(),
                r.label.clone(),
                parse_validators(&r.validators, &rule_name(r, *i))?,
                r.min_len,
                r.max_len,
                rule_name(r, *i),
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
        if action == Action::Hash && uses_hash.is_none() {
            uses_hash = Some((name.clone(), "action"));
        }
        seen_ids.insert(id.clone());
        rules.push(RuleMatch {
            pattern: format!("(?-u:{})", b.pattern),
            family: b.family,
            anchors: b.anchors.iter().flat_map(anchor_specs).collect(),
            left: b.left,
            right: b.right,
            min_len: min_len.unwrap_or(b.min_len),
            max_len: max_len.unwrap_or(b.max_len),
            validators: validators.clone(),
            secret: b.secret,
            text_passes: b.id == "secret_kv",
        });
        content.push(make_content_meta(
            &id,
            action,
            label,
            &policy.label,
            &policy.hash.template,
            validators,
            true,
        ));
    }
    for (i, r) in &customs {
        let name = rule_name(r, *i);
        let id = r.id.clone().ok_or_else(|| {
            PolicyError::new(
                "a custom rule needs an `id` (it names the rule in labels and reports)",
            )
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
        let (anchors, family, has_secret) =
            analyse_pattern(pattern).map_err(|e| e.rule(id.clone()).field("pattern"))?;
        let validators = parse_validators(&r.validators, &id)?;
        let action = r.action.clone().unwrap_or(Action::Mask);
        check_content_action(&action, &id)?;
        if action == Action::Hash && uses_hash.is_none() {
            uses_hash = Some((id.clone(), "action"));
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
        rules.push(RuleMatch {
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
        });
        content.push(make_content_meta(
            &id,
            action,
            r.label.clone(),
            &policy.label,
            &policy.hash.template,
            validators,
            false,
        ));
    }

    // --- field rules -----------------------------------------------------------------
    let mut fields = Vec::new();
    let mut key_patterns = Vec::new();
    for (i, f) in policy.fields.iter().enumerate() {
        let rname = f.name.clone().unwrap_or_else(|| format!("fields[{i}]"));
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
        if f.action == Action::Hash && uses_hash.is_none() {
            uses_hash = Some((rname.clone(), "action"));
        }
        let act = compile_action(&f.action, &name, &policy.hash.template);
        let mask_label = f
            .label
            .clone()
            .unwrap_or_else(|| render(&policy.label, &name));
        let act = match act {
            Act::Mask(_) => Act::Mask(mask_label.clone().into()),
            other => other,
        };
        fields.push(FieldMeta {
            name: name.into(),
            act,
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

    // --- allowlists --------------------------------------------------------------------
    let allow_keys = match &policy.allow.keys {
        None => None,
        Some(list) => {
            let pats: Vec<(String, u32)> = list.iter().map(|k| (k.clone(), 0)).collect();
            Some(
                KeyMatcher::build(&pats)
                    .map_err(|(i, m)| PolicyError::new(m).field(format!("allow.keys[{i}]")))?,
            )
        }
    };
    let exact = policy
        .allow
        .values
        .iter()
        .map(|v| v.as_bytes().to_vec().into_boxed_slice())
        .collect();
    let patterns = if policy.allow.value_patterns.is_empty() {
        None
    } else {
        for (i, p) in policy.allow.value_patterns.iter().enumerate() {
            check_regex(p).map_err(|e| e.field(format!("allow.value_patterns[{i}]")))?;
        }
        let full: Vec<String> = policy
            .allow
            .value_patterns
            .iter()
            .map(|p| format!("^(?:{p})$"))
            .collect();
        Some(
            meta::Regex::builder()
                .syntax(syntax::Config::new().utf8(false))
                .configure(
                    meta::Config::new().nfa_size_limit(Some(policy.limits.max_automaton_bytes)),
                )
                .build_many(&full)
                .map_err(|e| PolicyError::new(e.to_string()).field("allow.value_patterns"))?,
        )
    };
    let allow_values = ValueAllow { exact, patterns };

    // --- hashing -------------------------------------------------------------------------
    let hash = &policy.hash;
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
    if let Some((rule, field)) = &uses_hash {
        if key.is_none() && hash.key_env.is_none() {
            return Err(PolicyError::new(
                "the hash action needs a secret key: set `hash.key` or `hash.key_env` (unkeyed hashes of e-mails \
                 and card numbers can be reversed by dictionary), or opt in with `hash.allow_unkeyed: true`",
            )
            .rule(rule.clone())
            .field(*field));
        }
    }
    let hasher = Hasher::new(key, hash.length);

    // --- the automata ---------------------------------------------------------------------
    let matcher = Matcher::build(rules, policy.limits.max_automaton_bytes).map_err(|e| match e {
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
            let first = offenders.first().map(|(i, _)| content[*i].id.to_string()).unwrap_or_default();
            PolicyError::new(format!(
                "the {family:?} automaton exceeds limits.max_automaton_bytes ({}); largest rules: {}. Replace \
                 counted repetitions such as {{64}} with `+` and min_len/max_len",
                policy.limits.max_automaton_bytes,
                names.join(", ")
            ))
            .rule(first)
            .field("pattern")
        }
        BuildError::Other { rule: Some(i), message } => {
            PolicyError::new(message).rule(content[i].id.to_string()).field("pattern")
        }
        BuildError::Other { rule: None, message } => PolicyError::new(message).field("content"),
    })?;

    let mut label_texts: Vec<String> = content
        .iter()
        .map(|r| r.mask_label.to_string())
        .chain(fields.iter().map(|f| f.mask_label.to_string()))
        .chain(
            FailReason::ALL
                .iter()
                .map(|r| render(&policy.label, r.name())),
        )
        .collect();
    let mut hashes = Vec::new();
    for act in content
        .iter()
        .map(|r| &r.act)
        .chain(fields.iter().map(|f| &f.act))
    {
        match act {
            Act::Hash { prefix, suffix } => hashes.push((prefix.to_string(), suffix.to_string())),
            Act::Replace(text) => label_texts.push(text.to_string()),
            _ => {}
        }
    }
    // What the sanitizers write is never a secret either.
    label_texts.extend(["REDACTED", "REDACTED:REDACTED", crate::headers::MASK].map(String::from));
    let labels = Labels::new(label_texts, hashes, policy.hash.length);
    let names: Vec<Box<str>> = content
        .iter()
        .map(|r| r.id.clone())
        .chain(fields.iter().map(|f| f.name.clone()))
        .collect();
    Ok(Inner {
        matcher,
        content,
        fields,
        keys,
        allow_keys,
        allow_values,
        hasher,
        limits: policy.limits.clone(),
        label: policy.label.clone(),
        names: names.into(),
        warnings,
        url: crate::url::UrlRules::new(&policy.sanitizers.url),
        policy: policy.clone(),
        labels,
    })
}

fn rule_name(r: &ContentRule, i: usize) -> String {
    r.id.clone()
        .or_else(|| r.builtin.clone())
        .unwrap_or_else(|| format!("content[{i}]"))
}

fn rule_of_field(policy: &Policy, i: usize) -> String {
    policy.fields[i]
        .name
        .clone()
        .unwrap_or_else(|| format!("fields[{i}]"))
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

fn default_field_name(key: &str) -> String {
    let s: String = key.chars().filter(|&c| c != '*' && c != '?').collect();
    let s = s.trim_matches(|c: char| c == '.' || c == '_' || c == '-');
    if s.is_empty() {
        "field".to_string()
    } else {
        s.to_string()
    }
}

fn check_content_action(action: &Action, rule: &str) -> Result<(), PolicyError> {
    match action {
        Action::Keep | Action::Scan | Action::Sanitize(_) => Err(PolicyError::new(
            "`keep`, `scan` and `sanitize` are field-rule actions; a content rule masks, removes, hashes, replaces or partially masks",
        )
        .rule(rule)
        .field("action")),
        Action::Partial(p) if p.keep_start > 64 || p.keep_end > 64 => {
            Err(PolicyError::new("partial keeps at most 64 characters at each end").rule(rule).field("action"))
        }
        _ => Ok(()),
    }
}

fn compile_action(action: &Action, rule: &str, hash_template: &str) -> Act {
    match action {
        Action::Mask => Act::Mask("".into()),
        Action::Remove => Act::Remove,
        Action::Hash => {
            let t = render(hash_template, rule);
            let (prefix, suffix) = t.split_once("{hash}").unwrap_or((&t, ""));
            Act::Hash {
                prefix: prefix.into(),
                suffix: suffix.into(),
            }
        }
        Action::Keep => Act::Keep,
        Action::Scan => Act::Scan,
        Action::Sanitize(kind) => Act::Sanitize(*kind),
        Action::Replace(text) => Act::Replace(text.as_str().into()),
        Action::Partial(p) => Act::Partial {
            keep_start: p.keep_start,
            keep_end: p.keep_end,
            mask_char: p.mask_char,
        },
    }
}

fn make_content_meta(
    id: &str,
    action: Action,
    label: Option<String>,
    template: &str,
    hash_template: &str,
    validators: Vec<Validator>,
    builtin: bool,
) -> ContentMeta {
    let mask_label = label.unwrap_or_else(|| render(template, id));
    let act = match compile_action(&action, id, hash_template) {
        Act::Mask(_) => Act::Mask(mask_label.clone().into()),
        other => other,
    };
    ContentMeta {
        id: id.into(),
        act,
        mask_label: mask_label.into(),
        validators,
        builtin,
    }
}

fn parse_validators(specs: &[ValidatorSpec], rule: &str) -> Result<Vec<Validator>, PolicyError> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            ValidatorSpec::Name(n) => Validator::from_name(n).ok_or_else(|| {
                PolicyError::new(format!(
                    "unknown validator `{n}`; known: {}",
                    Validator::NAMES.join(", ")
                ))
                .rule(rule)
                .field(format!("validators[{i}]"))
            }),
            ValidatorSpec::Entropy { entropy } if (0.0..=8.0).contains(entropy) => {
                Ok(Validator::Entropy(*entropy))
            }
            ValidatorSpec::Entropy { .. } => Err(PolicyError::new(
                "entropy is in bits per byte, between 0 and 8",
            )
            .rule(rule)
            .field(format!("validators[{i}]"))),
        })
        .collect()
}

/// A builtin anchor as matcher specs (one per literal prefix).
fn anchor_specs(a: &Anchor) -> Vec<AnchorSpec> {
    match *a {
        Anchor::Prefix(lits) => lits
            .iter()
            .map(|l| AnchorSpec::Literal {
                text: l.as_bytes().to_vec(),
                back: Back::None,
                gate: LiteralGate::Open,
            })
            .collect(),
        Anchor::Inner(lit, back, gate) => vec![AnchorSpec::Literal {
            text: lit.as_bytes().to_vec(),
            back,
            gate,
        }],
        Anchor::Byte(b) => vec![AnchorSpec::Byte(b)],
    }
}

/// Checks a pattern's syntax with errors that carry the position and, for look-around and
/// back-references, a hint.
fn check_regex(pattern: &str) -> Result<regex_syntax::hir::Hir, PolicyError> {
    let mut parser = regex_syntax::ParserBuilder::new().utf8(false).build();
    parser.parse(pattern).map_err(|e| {
        let (pos, msg) = match &e {
            regex_syntax::Error::Parse(pe) => {
                use regex_syntax::ast::ErrorKind::*;
                let hint = match pe.kind() {
                    UnsupportedLookAround => {
                        "; look-around is not supported (matching stays linear-time): match the context instead, \
                         name the part to replace with a `(?P<secret>...)` group, or add a validator \
                         (luhn, entropy, not_epoch, ...)"
                    }
                    UnsupportedBackreference => {
                        "; back-references are not supported (matching stays linear-time): use a validator instead"
                    }
                    _ => "",
                };
                (pe.span().start.offset, format!("{}{hint}", pe.kind()))
            }
            regex_syntax::Error::Translate(te) => (te.span().start.offset, te.kind().to_string()),
            other => (0, other.to_string()),
        };
        PolicyError::new(msg).at(pos)
    })
}

/// Parses a custom pattern and derives its anchors and family.
fn analyse_pattern(pattern: &str) -> Result<(Vec<AnchorSpec>, Family, bool), PolicyError> {
    let hir = check_regex(pattern)?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(PolicyError::new("the pattern can match the empty string"));
    }
    let has_secret = hir.properties().explicit_captures_len() > 0
        && (pattern.contains("(?P<secret") || pattern.contains("(?<secret"));
    // Literal prefixes make the rule cheap to find.
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix).limit_total(64);
    let mut seq = ex.extract(&hir);
    // Short common prefixes: `TICKET-[0-9]` anchors on `TICKET-`, not on ten literals.
    if let Some(lcp) = seq
        .longest_common_prefix()
        .filter(|p| p.len() >= 2)
        .map(<[u8]>::to_vec)
    {
        seq = regex_syntax::hir::literal::Seq::new([lcp]);
    } else if let Some(min) = seq.min_literal_len() {
        seq.keep_first_bytes(min.clamp(1, 8));
        seq.dedup();
    }
    if let Some(lits) = seq.literals() {
        if !lits.is_empty() && lits.len() <= 64 && lits.iter().all(|l| l.as_bytes().len() >= 2) {
            let anchors = lits
                .iter()
                .map(|l| AnchorSpec::Literal {
                    text: l.as_bytes().to_vec(),
                    back: Back::None,
                    gate: LiteralGate::Open,
                })
                .collect();
            return Ok((anchors, Family::Prefix, has_secret));
        }
    }
    // Otherwise every byte that can start a match is an anchor.
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_literal_len(1)
        .limit_class(256)
        .limit_total(256);
    let seq = ex.extract(&hir);
    let mut bytes = ByteSet::EMPTY;
    match seq.literals() {
        Some(lits) if lits.iter().all(|l| !l.as_bytes().is_empty()) => {
            for l in lits {
                bytes.insert(l.as_bytes()[0]);
            }
        }
        _ => {
            for b in 0..=255u8 {
                bytes.insert(b);
            }
        }
    }
    let anchor = AnchorSpec::Byte(ByteAnchor {
        bytes,
        back: Back::None,
        run_start: false,
        at: true,
        gate: ByteSet::EMPTY,
    });
    Ok((vec![anchor], Family::Custom, has_secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_pattern_anchors() {
        let (a, f, s) = analyse_pattern("TICKET-[0-9]{6}").unwrap();
        assert_eq!(f, Family::Prefix);
        assert!(!s);
        assert!(matches!(&a[0], AnchorSpec::Literal { text, .. } if text == b"TICKET-"));
        let (_, f, _) = analyse_pattern("[a-z]+@corp").unwrap();
        assert_eq!(f, Family::Custom);
        let (_, _, s) = analyse_pattern("pin=(?P<secret>[0-9]{4})").unwrap();
        assert!(s);
    }

    #[test]
    fn lookaround_error_points_to_validators() {
        let e = analyse_pattern(r"(?<=pin=)\d{4}").unwrap_err();
        assert!(e.message.contains("validator"), "{}", e.message);
        assert_eq!(e.position, Some(0));
        let e = analyse_pattern(r"(a)\1").unwrap_err();
        assert!(e.message.contains("back-references"), "{}", e.message);
        assert_eq!(e.position, Some(3));
    }
}

//! The compiled policy: everything an [`Engine`](crate::Engine) holds, shared by its clones.

use std::sync::Arc;

use super::action_state::ActionState;
use super::actions::{Applied, Hasher, Replacement, Tokenizer, Writer};
use super::allow::ValueAllow;
use super::keys::KeyMatcher;
use super::labels::Labels;
use crate::policy::{Limits, Policy};
use crate::rules::builtin::Builtin;
use crate::rules::validators::Validator;
use crate::sanitize::url::UrlRules;
use crate::scan::{Matcher, Span};

/// A policy compiled. Content rules come first in every rule numbering (`names`, report
/// counts, [`crate::Engine::rule_name`]), field rules after them.
pub(crate) struct CompiledPolicy {
    /// The content rules' automata and gates.
    pub matcher: Matcher,
    /// What each content rule writes, by rule index (the matcher's `Span::rule`).
    pub content: Vec<ContentMeta>,
    /// What each field rule does, by the key matcher's pattern id.
    pub fields: Vec<FieldMeta>,
    /// Every field rule's key patterns.
    pub keys: KeyMatcher,
    /// `allow.keys` (default-deny): `None` when the policy has no key allowlist.
    pub allow_keys: Option<KeyMatcher>,
    /// `allow.values` and `allow.value_patterns`: matches that are never redacted.
    pub allow_values: ValueAllow,
    /// The keyed hasher of `hash` actions.
    pub hasher: Hasher,
    /// The key ring and template of `tokenize` actions.
    pub tokens: Tokenizer,
    /// What finds the tokens of `tokens.template` in a text, built by the first `reveal`.
    pub token_finder: std::sync::OnceLock<regex_automata::meta::Regex>,
    pub limits: Limits,
    /// The policy's mask label template (`[REDACTED:{rule}]`), for fail-closed markers.
    pub label: String,
    /// Rule names by index (content rules, then field rules), shared with reports.
    pub names: Arc<[Box<str>]>,
    /// Problems that do not stop the policy (a hash key variable that is not set).
    pub warnings: Vec<String>,
    /// The policy as given.
    pub policy: Policy,
    /// The texts the engine writes, never redacted again.
    pub labels: Labels,
    /// `policy.sanitizers.url`, compiled.
    pub url: UrlRules,
}

impl CompiledPolicy {
    /// Drops the spans that lie inside a label already in `hay` (see [`Labels::encloses`]).
    pub(crate) fn drop_label_interiors(&self, hay: &[u8], spans: &mut Vec<Span>) {
        self.labels.drop_interiors(hay, spans);
    }

    /// What a replacement writes with, for one call's `state`.
    pub(crate) fn writer<'a>(&'a self, state: &'a mut ActionState) -> Writer<'a> {
        Writer {
            hasher: &self.hasher,
            tokens: &self.tokens,
            state,
        }
    }

    /// Whether a match must be kept: it is allowlisted, or it is one of the engine's labels.
    #[inline]
    pub(crate) fn keeps(&self, s: &[u8]) -> bool {
        (!self.allow_values.is_empty() && self.allow_values.contains(s)) || self.labels.contains(s)
    }
}

/// A content rule after compilation: its id, what it writes and its mask label.
pub(crate) struct ContentMeta {
    pub id: Box<str>,
    pub replacement: Replacement,
    pub mask_label: Box<str>,
    pub validators: Vec<Validator>,
    /// The builtin it compiles, if it is one.
    pub builtin: Option<&'static Builtin>,
    /// Its entry in the policy's `content`, if the policy writes one.
    pub policy_rule: Option<usize>,
    /// Its context names the secret (a key, a scheme's userinfo, a secret group): the
    /// secret is masked wherever it repeats in the value (`redact/repeats.rs`).
    pub repeats: bool,
}

/// A field rule after compilation.
pub(crate) struct FieldMeta {
    pub name: Box<str>,
    pub replacement: Replacement,
    pub mask_label: Box<str>,
    pub keys: Vec<String>,
    /// The rule leaves keys that describe a secret without holding it (`password_length`).
    pub unless_described: bool,
}

impl FieldMeta {
    /// What the rule's action writes in place of `value`, and what it did.
    pub(crate) fn replace(&self, value: &[u8], w: &mut Writer<'_>) -> (Vec<u8>, Applied) {
        let r = &self.replacement;
        let mut out = Vec::with_capacity(r.output_len(value, w.hasher, &self.mask_label));
        let applied = r.write(value, w, &self.mask_label, &mut out);
        (out, applied)
    }
}

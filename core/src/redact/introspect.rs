//! What a compiled policy holds, for `policy explain` and the bindings' rule listings.

use super::Engine;
use crate::compile::actions::Replacement;
use crate::report::ActionKind;
use crate::rules::builtin;

/// A compiled rule, as [`Engine::rules`] describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo<'e> {
    /// The rule id (content rules) or name (field rules).
    pub id: &'e str,
    /// Where the rule comes from.
    pub kind: RuleKind,
    /// What it does to what it finds (a `hash` without a key masks).
    pub action: RuleAction,
    /// The label a `mask` writes.
    pub label: &'e str,
    /// Validator names, in the order they run.
    pub validators: Vec<&'static str>,
    /// Key patterns (field rules).
    pub keys: &'e [String],
    /// The rule library's category of a builtin (`cloud`, `pii`, …) and its heading; `None`
    /// for the policy's own rules.
    pub category: Option<(&'static str, &'static str)>,
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// A builtin content rule.
    Builtin,
    /// A content rule with the policy's own pattern.
    Custom,
    /// A field rule (on attribute keys).
    Field,
}

impl RuleKind {
    /// The name `policy explain` prints: `builtin`, `custom` or `field`.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::Builtin => "builtin",
            RuleKind::Custom => "custom",
            RuleKind::Field => "field",
        }
    }
}

/// What a rule does to what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleAction {
    /// Replaces it by a label.
    Mask,
    /// Deletes it.
    Remove,
    /// Replaces it by a keyed hash.
    Hash,
    /// Replaces it by a fixed text.
    Replace,
    /// Masks all but its ends.
    Partial,
    /// Writes a reversible token.
    Tokenize,
    /// Writes a numbered pseudonym.
    Pseudonym,
    /// Field rules: leaves the value as it is.
    Keep,
    /// Field rules: the content rules scan the value.
    Scan,
    /// Field rules: a sanitizer rewrites the value.
    Sanitize,
}

impl RuleAction {
    /// The policy name: `mask`, `remove`, `hash`, `replace`, `partial`, `tokenize`,
    /// `pseudonym`, `keep`, `scan` or `sanitize`.
    pub fn name(self) -> &'static str {
        match self {
            RuleAction::Mask => "mask",
            RuleAction::Remove => "remove",
            RuleAction::Hash => "hash",
            RuleAction::Replace => "replace",
            RuleAction::Partial => "partial",
            RuleAction::Tokenize => "tokenize",
            RuleAction::Pseudonym => "pseudonym",
            RuleAction::Keep => "keep",
            RuleAction::Scan => "scan",
            RuleAction::Sanitize => "sanitize",
        }
    }
}

impl std::fmt::Display for RuleKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

impl std::fmt::Display for RuleAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

impl Engine {
    /// The compiled rules, content rules first (in priority order), then field rules: what
    /// `scrubjay policy explain` prints.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let card = engine.rules().into_iter().find(|r| r.id == "credit_card").unwrap();
    /// assert_eq!(card.kind, scrubjay::RuleKind::Builtin);
    /// assert_eq!((card.action.name(), card.validators.as_slice()), ("mask", &["card"][..]));
    /// ```
    pub fn rules(&self) -> Vec<RuleInfo<'_>> {
        let inner = &*self.compiled;
        let action = |a: &Replacement| match a.kind(&inner.hasher) {
            Some(ActionKind::Mask) => RuleAction::Mask,
            Some(ActionKind::Remove) => RuleAction::Remove,
            Some(ActionKind::Hash) => RuleAction::Hash,
            Some(ActionKind::Replace) => RuleAction::Replace,
            Some(ActionKind::Partial) => RuleAction::Partial,
            Some(ActionKind::Sanitize) => RuleAction::Sanitize,
            Some(ActionKind::Tokenize) => RuleAction::Tokenize,
            Some(ActionKind::Pseudonym) => RuleAction::Pseudonym,
            None if matches!(a, Replacement::Keep) => RuleAction::Keep,
            None if matches!(a, Replacement::Sanitize(_)) => RuleAction::Sanitize,
            None => RuleAction::Scan,
        };
        let content = inner.content.iter().map(|r| RuleInfo {
            id: &r.id,
            kind: if r.builtin.is_some() {
                RuleKind::Builtin
            } else {
                RuleKind::Custom
            },
            action: action(&r.replacement),
            label: &r.mask_label,
            validators: r.validators.iter().map(|v| v.name()).collect(),
            keys: &[],
            category: r
                .builtin
                .map(|b| (b.category, builtin::category_title(b.category))),
        });
        let fields = inner.fields.iter().map(|f| RuleInfo {
            id: &f.name,
            kind: RuleKind::Field,
            action: action(&f.replacement),
            label: &f.mask_label,
            validators: Vec::new(),
            keys: &f.keys,
            category: None,
        });
        content.chain(fields).collect()
    }

    /// A description of the compiled automata: per family, the number of rules and the lazy
    /// DFA's memory; the number of literal anchors.
    pub fn automaton_summary(&self) -> Vec<(String, usize, usize)> {
        let mut v: Vec<(String, usize, usize)> = self
            .compiled
            .matcher
            .family_sizes()
            .into_iter()
            .map(|(f, n, bytes)| (format!("{f:?}"), n, bytes))
            .collect();
        v.push((
            "literal anchors".into(),
            self.compiled.matcher.literal_count(),
            0,
        ));
        v
    }

    /// The literal anchors that the SIMD literal search looks for (`eyJ`, `Bearer`, `://`,
    /// ...), in the order it is given them: what a tool that tunes that order starts from. The
    /// prefixes the run search finds (`AKIA`, `ghp_`, most vendor prefixes) are not listed.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// assert!(engine.literal_anchors().iter().any(|l| l == "eyJ"));
    /// ```
    pub fn literal_anchors(&self) -> Vec<String> {
        self.compiled.matcher.literal_search_order()
    }
}

//! What a compiled policy holds, for `policy explain` and the bindings' rule listings.

use super::Engine;
use crate::compile::actions::Replacement;

/// A compiled rule, as [`Engine::rules`] describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo<'e> {
    /// The rule id (content rules) or name (field rules).
    pub id: &'e str,
    /// `builtin`, `custom` or `field`.
    pub kind: &'static str,
    /// `mask`, `remove`, `hash`, `replace`, `partial`, `keep` or `scan`.
    pub action: &'static str,
    /// The label a `mask` writes.
    pub label: &'e str,
    /// Validator names, in the order they run.
    pub validators: Vec<&'static str>,
    /// Key patterns (field rules).
    pub keys: &'e [String],
}

impl Engine {
    /// The compiled rules, content rules first (in priority order), then field rules: what
    /// `scrubjay policy explain` prints.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let card = engine.rules().into_iter().find(|r| r.id == "credit_card").unwrap();
    /// assert_eq!((card.kind, card.action, card.validators.as_slice()), ("builtin", "mask", &["card"][..]));
    /// ```
    pub fn rules(&self) -> Vec<RuleInfo<'_>> {
        let inner = &*self.compiled;
        let action = |a: &Replacement| match a.kind(&inner.hasher) {
            Some(k) => k.name(),
            None if matches!(a, Replacement::Keep) => "keep",
            None if matches!(a, Replacement::Sanitize(_)) => "sanitize",
            None => "scan",
        };
        let content = inner.content.iter().map(|r| RuleInfo {
            id: &r.id,
            kind: if r.builtin { "builtin" } else { "custom" },
            action: action(&r.replacement),
            label: &r.mask_label,
            validators: r.validators.iter().map(|v| v.name()).collect(),
            keys: &[],
        });
        let fields = inner.fields.iter().map(|f| RuleInfo {
            id: &f.name,
            kind: "field",
            action: action(&f.replacement),
            label: &f.mask_label,
            validators: Vec::new(),
            keys: &f.keys,
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

    /// The literal anchors of the content rules (`AKIA`, `ghp_`, `eyJ`, ...), in the order the
    /// SIMD literal search is given them: what a tool that tunes that order starts from.
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

//! Tokens read back by the holders of their keys, and the record's token key.

use super::Engine;
use crate::compile::actions::Replacement;
use crate::tokens::{KeyRing, Revealed};

impl Engine {
    /// `text` with the tokens this engine's policy writes (its `tokenize.template`) replaced
    /// by the values they stand for, where `keys` holds the key each names; the others are
    /// left as they are. [`Revealed::tokens`] says what became of each, for an audit log.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{Engine, KeyRing, Policy, RevealOutcome};
    /// let mut keys = KeyRing::new();
    /// keys.generate("2026-12").unwrap();
    /// let policy = format!(r#"{{"version": 1, "builtins": ["email"],
    ///   "content": [{{"builtin": "email", "action": "tokenize"}}],
    ///   "tokenize": {{"keys": {}, "allow_inline_keys": true}}}}"#, keys.to_json().as_str());
    /// let engine = Engine::from_policy_text(&policy).unwrap();
    /// let redacted = engine.redact_str("mail jane@example.com");
    /// assert!(redacted.starts_with("mail [TOKEN:email:2026-12:"));
    /// let revealed = engine.reveal(&redacted, &keys);
    /// assert_eq!(revealed.text, "mail jane@example.com");
    /// assert_eq!(revealed.tokens[0].outcome, RevealOutcome::Revealed);
    /// ```
    pub fn reveal(&self, text: &str, keys: &KeyRing) -> Revealed {
        let inner = &*self.compiled;
        let finder = inner
            .token_finder
            .get_or_init(|| inner.tokens.template.finder());
        crate::tokens::reveal(text, finder, keys)
    }
}

impl Engine {
    /// Whether a rule of this engine numbers values (`pseudonym`): then the numbers a record's
    /// values get follow the order they are redacted in, and a binding whose maps have no
    /// order gives them in a stable one.
    pub fn numbers_values(&self) -> bool {
        let inner = &*self.compiled;
        let numbers = |r: &Replacement| matches!(r, Replacement::Pseudonym { .. });
        inner.content.iter().any(|c| numbers(&c.replacement))
            || inner.fields.iter().any(|f| numbers(&f.replacement))
    }

    /// The attribute keys whose value names a record's token key (`tokenize.key_id_from`).
    pub(crate) fn token_key_names(&self) -> &[Box<str>] {
        &self.compiled.tokens.key_id_from
    }
}

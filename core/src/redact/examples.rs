//! Rule examples: the texts a content rule must find something in, or nothing in, run
//! against the compiled policy (`scrubjay policy test`).

use super::Engine;
use crate::report::Finding;

/// An example that the compiled policy does not treat as its rule says (see
/// [`Engine::check_examples`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// Where the example is written: `content[2].examples[0]`,
    /// `content[2].negative_examples[1]`, or `builtin` for a builtin's own example.
    pub source: String,
    /// The example's text.
    pub example: String,
    /// True when the rule had to find something in it (it found nothing); false for a
    /// negative example (it found something).
    pub positive: bool,
    /// Everything the policy found in the example, by every rule: what matched instead.
    pub found: Vec<Finding>,
}

impl Engine {
    /// Runs every content rule's examples (a builtin's own, and the `examples` and
    /// `negative_examples` the policy writes): an example must be found by its rule, a
    /// negative example must not be. Returns the ones that fail; empty when all pass.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::from_policy_text(r#"{"version": 1, "builtins": "none",
    ///   "content": [{"id": "ticket", "pattern": "TICKET-[0-9]{6}",
    ///                "examples": ["see TICKET-123456", "TICKET-12"],
    ///                "negative_examples": ["TICKET-ABCDEF"]}]}"#).unwrap();
    /// let failures = engine.check_examples();
    /// assert_eq!(failures.len(), 1);
    /// assert_eq!(failures[0].source, "content[0].examples[1]");
    /// assert!(failures[0].positive && failures[0].found.is_empty());
    /// ```
    pub fn check_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for rule in &self.compiled.content {
            for example in &rule.examples {
                let found = self.scan_str(&example.text);
                let by_rule = found.iter().any(|f| *f.rule == *rule.id);
                if by_rule != example.positive {
                    failures.push(ExampleFailure {
                        rule: rule.id.to_string(),
                        source: example.source.clone(),
                        example: example.text.clone(),
                        positive: example.positive,
                        found,
                    });
                }
            }
        }
        failures
    }

    /// How many examples [`Engine::check_examples`] runs.
    pub fn example_count(&self) -> usize {
        self.compiled.content.iter().map(|r| r.examples.len()).sum()
    }
}

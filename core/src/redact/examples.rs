//! Rule examples: the texts a content rule must find something in, or nothing in, run
//! against the compiled policy (`scrubjay policy test`).

use super::Engine;
use crate::policy::ContentRule;
use crate::report::Finding;
use crate::rules::builtin::Builtin;

/// An example that the compiled policy does not treat as its rule says (see
/// [`Engine::check_examples`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule's id.
    pub rule: String,
    /// Where the example is written: `content[2].examples[0]`,
    /// `content[2].negative_examples[1]`, or for a builtin its category and place in the rule
    /// library: `cloud: examples[1]` (the rule is in `core/rules/cloud.toml`).
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
    /// Runs every content rule's examples (a builtin's, from the rule library, and the `examples` and
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
        for (rule, example) in self.examples() {
            let found = self.scan_str(example.text);
            let by_rule = found.iter().any(|f| f.rule == rule);
            if by_rule != example.positive {
                failures.push(ExampleFailure {
                    rule: rule.to_string(),
                    source: example.source,
                    example: example.text.to_string(),
                    positive: example.positive,
                    found,
                });
            }
        }
        failures
    }

    /// How many examples [`Engine::check_examples`] runs.
    pub fn example_count(&self) -> usize {
        let policy = &self.compiled.policy;
        let written = |i: usize| {
            let rule = &policy.content[i];
            rule.examples.len() + rule.negative_examples.len()
        };
        self.compiled
            .content
            .iter()
            .map(|r| {
                let own = r
                    .builtin
                    .map_or(0, |b| b.examples.len() + b.negative_examples.len());
                own + r.policy_rule.map_or(0, written)
            })
            .sum()
    }

    /// Every content rule's examples, with the rule's id: a builtin's own, then the policy's.
    fn examples(&self) -> impl Iterator<Item = (&str, Example<'_>)> {
        let policy = &self.compiled.policy;
        self.compiled.content.iter().flat_map(move |rule| {
            let own = rule.builtin.into_iter().flat_map(builtin_examples);
            let written = rule
                .policy_rule
                .into_iter()
                .flat_map(move |i| written_examples(i, &policy.content[i]));
            own.chain(written).map(|e| (&*rule.id, e))
        })
    }
}

/// A builtin's examples, from its rule file: `cloud: examples[1]`.
fn builtin_examples<'p>(b: &'static Builtin) -> impl Iterator<Item = Example<'p>> {
    both_kinds(format!("{}: ", b.category), b.examples, b.negative_examples)
}

/// A text a rule must find something in (`positive`), or nothing in.
struct Example<'p> {
    /// Where it is written: `content[2].examples[0]`, or `cloud: examples[1]` for a builtin.
    source: String,
    text: &'p str,
    positive: bool,
}

/// The examples the policy's content rule `i` carries: `content[2].examples[0]`.
fn written_examples(i: usize, rule: &ContentRule) -> impl Iterator<Item = Example<'_>> {
    let place = format!("content[{i}].");
    both_kinds(place, &rule.examples, &rule.negative_examples)
}

/// `positive` and `negative` as examples, named by `place` and their kind and index.
fn both_kinds<'p, S: AsRef<str>>(
    place: String,
    positive: &'p [S],
    negative: &'p [S],
) -> impl Iterator<Item = Example<'p>> {
    let kinds = [
        ("examples", positive, true),
        ("negative_examples", negative, false),
    ];
    kinds.into_iter().flat_map(move |(kind, texts, positive)| {
        let place = place.clone();
        texts.iter().enumerate().map(move |(j, text)| Example {
            source: format!("{place}{kind}[{j}]"),
            text: text.as_ref(),
            positive,
        })
    })
}

//! The engine: a compiled policy, immutable and shared across threads, and its API over
//! strings, bytes, attributes and sanitizers (structured values are in `structured/`).
//!
//! One value's path: [`strings`] checks limits and allowlists, [`fixpoint`] finds the spans
//! (the matcher, then rescans until nothing moves), [`render`] writes the replacements and
//! counts them into a [`ReportSink`]. A value under a key goes first through [`fields`]
//! (the field rules' decision) and [`attributes`] (the decision applied), and a sanitizer
//! field through [`sanitizers`].
//!
//! May import `compile`, `policy`, `report`, `rules`, `sanitize`, `scan` and `text`.

mod attributes;
mod examples;
mod fields;
mod fixpoint;
mod introspect;
pub(crate) mod memo;
mod record;
mod render;
mod repeats;
mod report_sink;
mod reveal;
mod sanitizers;
mod scratch;
mod strings;
#[cfg(test)]
mod tests;

pub use attributes::{AttributeOutcome, AttributeScope, Scalar};
pub use examples::ExampleFailure;
pub use fields::FieldDecision;
pub(crate) use fields::{carried, OptionCarry};
pub use introspect::{RuleAction, RuleInfo, RuleKind};
pub(crate) use record::RecordSecrets;
pub(crate) use report_sink::ReportSink;
pub(crate) use scratch::Scratch;
pub(crate) use strings::into_string;

use self::fields::DecisionCache;
use crate::compile::compile;
use crate::compile::CompiledPolicy;
use crate::policy::error::PolicyError;
use crate::policy::Limits;
use crate::policy::Policy;
use crate::redact::memo::CleanMemo;
use crate::report::Report;
use regex_automata::util::pool::Pool;
use regex_automata::util::pool::PoolGuard;
use std::panic::RefUnwindSafe;
use std::panic::UnwindSafe;
use std::sync::Arc;

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled policy. Build it once, share it (it is `Send + Sync`), call it from any thread.
///
/// # Example
/// ```
/// use scrubjay::Engine;
/// let engine = Engine::default();
/// assert_eq!(
///     engine.redact_str("Failed to charge 4111 1111 1111 1111 for john.doe@company.com"),
///     "Failed to charge [REDACTED:credit_card] for [REDACTED:email]"
/// );
/// // Nothing to redact: the input comes back borrowed, nothing is allocated.
/// assert!(matches!(engine.redact_str("GET /health 200"), std::borrow::Cow::Borrowed(_)));
/// ```
pub struct Engine {
    pub(crate) compiled: Arc<CompiledPolicy>,
    pool: Pool<Scratch, ScratchFn>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("content_rules", &self.compiled.content.len())
            .field("field_rules", &self.compiled.fields.len())
            .finish()
    }
}

impl Default for Engine {
    /// The engine for the shipped default policy: every builtin rule, the usual secret keys.
    fn default() -> Engine {
        Engine::new(&Policy::default()).expect("the embedded default policy compiles")
    }
}

impl Clone for Engine {
    /// A cheap clone sharing the compiled automata (scratch space is per clone).
    fn clone(&self) -> Engine {
        Engine::from_compiled(self.compiled.clone())
    }
}

impl Engine {
    /// Compiles a policy.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{Engine, Policy};
    /// let policy = Policy::from_json(r#"{"version": 1, "builtins": "none",
    ///   "content": [{"id": "ticket", "pattern": "TICKET-[0-9]{6}", "action": {"replace": "TICKET-?"}}]}"#).unwrap();
    /// let engine = Engine::new(&policy).unwrap();
    /// assert_eq!(engine.redact_str("see TICKET-123456"), "see TICKET-?");
    /// ```
    pub fn new(policy: &Policy) -> Result<Engine, PolicyError> {
        let inner = compile(policy)?;
        Ok(Engine::from_compiled(Arc::new(inner)))
    }

    /// Parses (JSON or YAML) and compiles a policy.
    pub fn from_policy_text(text: &str) -> Result<Engine, PolicyError> {
        Engine::new(&Policy::parse(text)?)
    }

    fn from_compiled(compiled: Arc<CompiledPolicy>) -> Engine {
        let i2 = compiled.clone();
        let make: ScratchFn = Box::new(move || Scratch {
            m: i2.matcher.scratch(),
            keys: i2.keys.scratch(),
            allow_keys: i2.allow_keys.as_ref().map(|k| k.scratch()),
            path: String::with_capacity(256),
            decisions: DecisionCache::new(),
            rendered: Vec::new(),
            regions: Vec::new(),
            saved: Vec::new(),
            sanitized: String::new(),
            clean: CleanMemo::new(),
            settled: CleanMemo::new(),
            nodes: 0,
            record: RecordSecrets::default(),
            sql_dialect: crate::SqlDialect::Generic,
            actions: Default::default(),
        });
        Engine {
            compiled,
            pool: Pool::new(make),
        }
    }

    /// Scratch space for one call: a record's SQL dialect and token key are not known yet,
    /// and no pseudonym is given.
    pub(crate) fn scratch(&self) -> PoolGuard<'_, Scratch, ScratchFn> {
        let mut sc = self.pool.get();
        sc.sql_dialect = crate::SqlDialect::Generic;
        sc.actions.reset();
        sc
    }

    /// Warnings found while compiling (for example an unset hash-key variable).
    pub fn warnings(&self) -> &[String] {
        &self.compiled.warnings
    }

    /// The policy this engine was built from.
    pub fn policy(&self) -> &Policy {
        &self.compiled.policy
    }

    /// A report sized for this engine's rules.
    pub fn new_report(&self) -> Report {
        Report::new(self.compiled.names.clone())
    }

    /// The ids of the content rules, in priority order.
    pub fn content_rule_ids(&self) -> impl Iterator<Item = &str> {
        self.compiled.content.iter().map(|r| &*r.id)
    }

    /// Rule name by report index (content rules first, then field rules).
    pub fn rule_name(&self, index: usize) -> Option<&str> {
        self.compiled.names.get(index).map(|s| &**s)
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.compiled.limits
    }
}

//! # scrubjay
//!
//! One PII and secret redaction engine for tracing data. A policy (builtin content rules,
//! custom patterns, field rules on attribute keys, allowlists) is compiled once into an
//! [`Engine`]; the engine scrubs strings, bytes and nested attribute maps with one candidate
//! pass per string and anchored lazy-DFA verification, whatever the number of rules, and
//! allocates nothing when there is nothing to redact.
//!
//! ## Should I use it?
//! Use it where telemetry leaves a process: span and log attributes, exception messages,
//! URLs, SQL, headers. It finds e-mails, card numbers (Luhn), SSNs, phones, IPs, IBANs
//! (mod-97), JWTs, PEM private keys, URL credentials, `password=` pairs and the API keys of
//! two dozen vendors, while trace ids, UUIDs, git SHAs, digests, epoch timestamps and versions
//! survive. The same engine backs the C, Python, Node and Go bindings, so one policy gives
//! byte-identical results everywhere.
//!
//! ## Example
//! ```
//! use scrubjay::Engine;
//! let engine = Engine::default();
//! let out = engine.redact_str(
//!     "POST /login user=jane@example.com password=hunter2 trace=4bf92f3577b34da6a3ce929d0e0e4736",
//! );
//! assert_eq!(
//!     out,
//!     "POST /login user=[REDACTED:email] password=[REDACTED:secret_kv] trace=4bf92f3577b34da6a3ce929d0e0e4736"
//! );
//! ```
//!
//! ## API themes
//! - Build: [`Engine::new`], [`Engine::default`], [`Policy::from_json`], [`Policy::from_yaml`].
//! - Strings: [`Engine::redact_str`], [`Engine::redact_bytes`], [`Engine::scan_str`].
//! - Structures: [`Engine::redact_json`], [`Engine::scan_json`], and for bindings that walk
//!   their own native maps, [`Engine::field_decision`] and [`Engine::redact_attribute`].
//! - Reports: [`Engine::new_report`] and the `*_with_report` variants.
//! - Errors: [`PolicyError`] names the rule, the field and the position.
#![deny(missing_docs)]
#![deny(unsafe_code)]

mod compile;
mod policy;
mod redact;
mod report;
mod rules;
mod sanitize;
mod scan;
mod structured;
mod text;
mod tokens;

pub use policy::error::PolicyError;
pub use policy::{
    Action, Allow, BoundarySpec, BuiltinSet, Builtins, ContentRule, FieldRule, HashConfig, Limits,
    Partial, Policy, PseudonymConfig, SanitizeKind, Sanitizers, TokenizeConfig, ValidatorSpec,
    DEFAULT_POLICY_JSON, DEFAULT_PSEUDONYM_TEMPLATE, DEFAULT_TOKEN_TEMPLATE,
};
pub use policy::{BaggagePolicy, HeaderOptions, UrlOptions};
pub use redact::{
    AttributeOutcome, AttributeScope, Engine, ExampleFailure, FieldDecision, RuleAction, RuleInfo,
    RuleKind, Scalar,
};
pub use report::ActionKind;
pub use report::{FailReason, Finding, Report};
pub use rules::validators::Validator;
pub use sanitize::sql::{normalize_sql, normalize_sql_as, SqlDialect, UnknownDialect};
pub use sanitize::w3c::{
    sanitize_baggage, validate_traceparent, BaggageViolation, SanitizedBaggage, TraceparentError,
};
pub use tokens::{
    is_key_id, KeyRing, KeyRingError, RevealOutcome, Revealed, RevealedToken, TokenKey,
};

/// The crate version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A builtin content rule, as [`builtin_rules`] lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinRule {
    /// The id used in policies, labels and reports.
    pub id: &'static str,
    /// What the rule finds.
    pub description: &'static str,
    /// The library category it is listed under (`cloud`, `ai`, `pii`, …).
    pub category: &'static str,
    /// The category's heading (`Cloud and hosting`).
    pub category_title: &'static str,
    /// A made-up example it redacts (the first of `examples`).
    pub example: &'static str,
    /// Made-up texts it must find something in.
    pub examples: &'static [&'static str],
    /// Texts it must find nothing in.
    pub negative_examples: &'static [&'static str],
}

/// The builtin content rules, in priority order.
///
/// # Example
/// ```
/// let engine = scrubjay::Engine::default();
/// for rule in scrubjay::builtin_rules() {
///     assert!(engine.scan_str(rule.example).iter().any(|f| f.rule == rule.id), "{}", rule.id);
/// }
/// ```
pub fn builtin_rules() -> impl Iterator<Item = BuiltinRule> {
    rules::builtin::BUILTINS.iter().map(|b| BuiltinRule {
        id: b.id,
        description: b.description,
        category: b.category,
        category_title: rules::builtin::category_title(b.category),
        example: b.examples[0],
        examples: b.examples,
        negative_examples: b.negative_examples,
    })
}

/// The README's Rust examples, run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

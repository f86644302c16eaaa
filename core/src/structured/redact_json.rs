//! [`Engine::redact_json`]: the walk with a visitor that replaces values in place.

use std::borrow::Cow;

use serde_json::Value;

use super::walk::{Enter, Visitor, Walk};
use crate::redact::{
    into_string, AttributeOutcome, Engine, FieldDecision, ReportSink, Scalar, Scratch,
};
use crate::report::{FailReason, Report};

impl Engine {
    /// Redacts a JSON value in place: every key path goes through the field rules, every
    /// string (and long integer) through the content rules. Nothing is serialised; a span
    /// with nothing to redact allocates nothing.
    ///
    /// # Example
    /// ```
    /// use serde_json::json;
    /// let engine = scrubjay::Engine::default();
    /// let mut span = json!({
    ///     "http.request.header.authorization": "Bearer abc123def456",
    ///     "exception.message": "no account for jane@example.org",
    ///     "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
    ///     "user": {"password": "hunter2", "id": 42}
    /// });
    /// engine.redact_json(&mut span);
    /// assert_eq!(span, json!({
    ///     "http.request.header.authorization": "Bearer [REDACTED]",
    ///     "exception.message": "no account for [REDACTED:email]",
    ///     "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
    ///     "user": {"password": "[REDACTED:password]", "id": 42}
    /// }));
    /// ```
    pub fn redact_json(&self, value: &mut Value) {
        self.redact_json_into(value, ReportSink(None));
    }

    /// [`Engine::redact_json`], counting into `report`.
    pub fn redact_json_with_report(&self, value: &mut Value, report: &mut Report) {
        self.redact_json_into(value, ReportSink(Some(report)));
    }

    fn redact_json_into(&self, value: &mut Value, sink: ReportSink<'_>) {
        let mut sc = self.scratch();
        let mut walk = Walk {
            engine: self,
            sc: &mut sc,
            visitor: Redactor(sink),
        };
        walk.start();
        walk.sc.record.begin();
        let d = walk.root_decision(value);
        if !walk.node(value, d, 0) {
            *value = Value::Null;
        }
        let sink = walk.visitor.0;
        self.mask_repeats_in_tree(value, &mut sc, sink);
        sc.record.end();
    }
}

/// Replaces what the decisions and the content rules say, counting into its sink.
struct Redactor<'r>(ReportSink<'r>);

impl Visitor for Redactor<'_> {
    fn enter(&mut self, d: FieldDecision) -> Enter {
        match d {
            FieldDecision::Keep => Enter::Keep,
            FieldDecision::Remove => Enter::Remove,
            d => Enter::Walk(d),
        }
    }

    fn past_limit(
        &mut self,
        engine: &Engine,
        _: &mut Scratch,
        reason: FailReason,
    ) -> Option<String> {
        Some(into_string(engine.fail_marker(reason, &mut self.0)))
    }

    fn scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        v: &mut Value,
        d: FieldDecision,
    ) -> bool {
        match v {
            Value::String(s) => {
                let out = match engine.apply_here(d, Scalar::Str(s), sc, &mut self.0) {
                    AttributeOutcome::Keep => return true,
                    AttributeOutcome::Remove => return false,
                    AttributeOutcome::Replace(Cow::Borrowed(_)) => return true,
                    AttributeOutcome::Replace(Cow::Owned(o)) => o,
                };
                *s = out;
                true
            }
            Value::Number(n) => {
                let outcome = engine.apply_here(d, number_scalar(n), sc, &mut self.0);
                replace_scalar(v, outcome)
            }
            Value::Bool(b) => {
                let outcome = engine.apply_here(d, Scalar::Bool(*b), sc, &mut self.0);
                replace_scalar(v, outcome)
            }
            Value::Null => !matches!(d, FieldDecision::Remove),
            Value::Object(_) | Value::Array(_) => true,
        }
    }

    fn any_scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
    ) -> bool {
        let Some((name, scalar)) = any.iter_mut().next() else {
            return true;
        };
        let outcome = match value_scalar(scalar) {
            Some(value) => engine.apply_here(d, value, sc, &mut self.0),
            None => AttributeOutcome::Keep,
        };
        match outcome {
            AttributeOutcome::Keep => true,
            AttributeOutcome::Remove => false,
            AttributeOutcome::Replace(new) => {
                // A replaced scalar becomes a `stringValue`.
                if name == "stringValue" {
                    *scalar = Value::String(new.into_owned());
                } else {
                    let new = new.into_owned();
                    any.clear();
                    any.insert("stringValue".into(), Value::String(new));
                }
                true
            }
        }
    }
}

/// A JSON scalar as the engine takes it; None for null and containers.
pub(super) fn value_scalar(v: &Value) -> Option<Scalar<'_>> {
    match v {
        Value::String(s) => Some(Scalar::Str(s)),
        Value::Number(n) => Some(number_scalar(n)),
        Value::Bool(b) => Some(Scalar::Bool(*b)),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn number_scalar(n: &serde_json::Number) -> Scalar<'static> {
    if let Some(i) = n.as_i64() {
        Scalar::Int(i)
    } else if let Some(u) = n.as_u64() {
        Scalar::UInt(u)
    } else {
        Scalar::Float(n.as_f64().unwrap_or(0.0))
    }
}

fn replace_scalar(v: &mut Value, outcome: AttributeOutcome<'_>) -> bool {
    match outcome {
        AttributeOutcome::Keep => true,
        AttributeOutcome::Remove => false,
        AttributeOutcome::Replace(s) => {
            *v = Value::String(s.into_owned());
            true
        }
    }
}

//! [`Engine::scan_json`]: the walk with a visitor that reports what redacting would change.

use serde_json::Value;

use super::redact_json::value_scalar;
use super::walk::{Enter, Visitor, Walk};
use crate::redact::{AttributeOutcome, Engine, FieldDecision, ReportSink, Scalar, Scratch};
use crate::report::{FailReason, Finding};
use crate::scan::version_value;

impl Engine {
    /// Findings in a JSON value, with key paths: field rules that would act on a value are
    /// reported with the whole value's range, when redacting would change the value (so redacted
    /// output scans clean).
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let f = engine.scan_json(&serde_json::json!({"user": {"email": "a@example.com"}}));
    /// assert_eq!(f[0].path.as_deref(), Some("user.email"));
    /// assert_eq!(f[0].rule, "email");
    /// // OTLP/JSON key/value attributes are named by their `key` field.
    /// let otlp = serde_json::json!({"attributes": [
    ///     {"key": "db.password", "value": {"stringValue": "hunter2"}},
    ///     {"key": "note", "value": {"stringValue": "mail b@example.com"}}]});
    /// let f = engine.scan_json(&otlp);
    /// assert_eq!(f.len(), 2);
    /// assert_eq!(f[0].path.as_deref(), Some("attributes.db.password"));
    /// assert_eq!(f[1].path.as_deref(), Some("attributes.note"));
    /// assert_eq!((f[1].rule.as_str(), f[1].start), ("email", 5));
    /// ```
    pub fn scan_json(&self, value: &Value) -> Vec<Finding> {
        // The walk is the one redaction takes, over a copy that the scanner never changes.
        let mut copy = value.clone();
        let mut sc = self.scratch();
        let mut walk = Walk {
            engine: self,
            sc: &mut sc,
            visitor: Scanner(Vec::new()),
        };
        walk.start();
        walk.sc.record.begin();
        walk.node(&mut copy, FieldDecision::Scan, 0);
        let findings = walk.visitor.0;
        let findings = self.scan_repeats_in_tree(&mut copy, &mut sc, findings);
        sc.record.end();
        findings
    }
}

/// Collects findings; changes nothing. Below a removed container, every value is reported.
struct Scanner(Vec<Finding>);

impl Scanner {
    fn report(&mut self, sc: &Scratch, rule: &str, end: usize) {
        self.0.push(Finding {
            rule: rule.into(),
            path: Some(sc.path.clone()),
            start: 0,
            end,
        });
    }

    /// A field rule is reported only where redacting would change the value, so that
    /// redacted output scans clean.
    fn field_rule(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        v: &Value,
        d: FieldDecision,
        i: u32,
    ) {
        let scalar = value_scalar(v).unwrap_or(Scalar::Null);
        let outcome = engine.apply_here(d, scalar, sc, &mut ReportSink(None));
        let unchanged = match (&outcome, v) {
            (AttributeOutcome::Keep, _) => true,
            (AttributeOutcome::Replace(new), Value::String(old)) => new == old,
            _ => false,
        };
        if !unchanged {
            let len = v.as_str().map_or(0, str::len);
            let name = engine
                .rule_name(engine.compiled.content.len() + i as usize)
                .unwrap_or_default();
            self.report(sc, name, len);
        }
    }
}

impl Visitor for Scanner {
    fn enter(&mut self, d: FieldDecision) -> Enter {
        match d {
            FieldDecision::Keep => Enter::Keep,
            d => Enter::Walk(d),
        }
    }

    fn past_limit(&mut self, _: &Engine, sc: &mut Scratch, reason: FailReason) -> Option<String> {
        self.report(sc, reason.name(), 0);
        None
    }

    fn scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        v: &mut Value,
        d: FieldDecision,
    ) -> bool {
        match (&*v, d) {
            (_, FieldDecision::Keep) | (Value::Null, _) => {}
            (_, FieldDecision::Field(i)) => self.field_rule(engine, sc, v, d, i),
            (_, FieldDecision::Remove) => self.report(sc, "allow.keys", 0),
            (Value::String(s), _) if version_value(sc.path.as_bytes(), s.as_bytes()) => {}
            (Value::String(s), _) => {
                let p = sc.path.clone();
                engine.scan_into(s.as_bytes(), Some(&p), sc, &mut self.0);
            }
            (Value::Number(n), _) => {
                if let Some(u) = n.as_u64().or_else(|| n.as_i64().map(i64::unsigned_abs)) {
                    if u >= 1_000_000_000_000 {
                        let p = sc.path.clone();
                        engine.scan_into(u.to_string().as_bytes(), Some(&p), sc, &mut self.0);
                    }
                }
            }
            (Value::Bool(_) | Value::Object(_) | Value::Array(_), _) => {}
        }
        true
    }

    fn any_scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
    ) -> bool {
        if let Some(scalar) = any.values_mut().next() {
            self.scalar(engine, sc, scalar, d);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn scan_json_reports_a_named_value_that_redaction_replaces() {
        let engine = crate::Engine::default();
        let mut env = json!({"env": [
            {"name": "DB_PASSWORD", "value": "hunter2hunter2"},
            {"name": "LOG_LEVEL", "value": "info"}]});
        let findings = engine.scan_json(&env);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, "password");
        assert_eq!(findings[0].path.as_deref(), Some("env.value"));
        engine.redact_json(&mut env);
        assert_eq!(env["env"][0]["value"], "[REDACTED:password]");
        assert!(engine.scan_json(&env).is_empty(), "{env}");
    }

    /// Scanning reports what redacting changes, inside malformed OTLP values too: the one walk
    /// takes both through the same nodes.
    #[test]
    fn scan_json_and_redact_json_agree_on_malformed_otlp_values() {
        let engine = crate::Engine::default();
        let mut value = json!({"attributes": [
            {"key": "tags", "value": {"arrayValue": {"items": [{"stringValue": "a@b.io"}]}}},
            {"key": "note", "value": {"stringValue": "ok", "extra": "c@d.io"}},
            {"key": "ref", "value": {"stringValue": {"nested": "j@k.io"}}}]});
        let findings = engine.scan_json(&value);
        let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["email", "email", "email"], "{findings:?}");
        engine.redact_json(&mut value);
        assert!(!value.to_string().contains('@'), "{value}");
        assert!(engine.scan_json(&value).is_empty(), "{value}");
    }
}

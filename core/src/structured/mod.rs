//! Structured redaction: walking nested maps and lists, building key paths as it goes.

use std::borrow::Cow;

use serde_json::Value;

use crate::redact::{AttributeOutcome, Engine, FieldDecision, ReportSink, Scalar, Scratch};
use crate::report::{FailReason, Finding, Report};
use crate::sanitize::command_line;
use crate::scan::version_value;

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
        let mut sc = self.scratch();
        self.redact_json_inner(value, &mut sc, &mut ReportSink(None));
    }

    /// [`Engine::redact_json`], counting into `report`.
    pub fn redact_json_with_report(&self, value: &mut Value, report: &mut Report) {
        let mut sc = self.scratch();
        self.redact_json_inner(value, &mut sc, &mut ReportSink(Some(report)));
    }

    fn redact_json_inner(&self, value: &mut Value, sc: &mut Scratch, sink: &mut ReportSink<'_>) {
        sc.path.clear();
        sc.nodes = 0;
        let d = if value.is_object() || value.is_array() {
            FieldDecision::Scan
        } else {
            self.decide(b"", sc, true)
        };
        let d = if matches!(d, FieldDecision::Remove) && (value.is_object() || value.is_array()) {
            FieldDecision::Scan
        } else {
            d
        };
        if !self.visit(value, d, 0, sc, sink) {
            *value = Value::Null;
        }
    }

    /// Returns false when the value must be removed from its parent.
    fn visit(
        &self,
        v: &mut Value,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> bool {
        if self.past_node_budget(sc) {
            *v = Value::String(self.fail_closed(FailReason::TooLarge, sink));
            return true;
        }
        match v {
            Value::Object(_) | Value::Array(_) => {
                if depth >= self.limits().max_depth {
                    *v = Value::String(self.too_deep(sink));
                    return true;
                }
                match d {
                    FieldDecision::Keep => return true,
                    FieldDecision::Remove => return false,
                    _ => {}
                }
                if let Value::Object(map) = v {
                    if is_otlp_key_value(map) {
                        return self.visit_otlp_key_value(map, d, depth, sc, sink);
                    }
                }
                if let Value::Array(items) = v {
                    let mut options = OptionCarry::default();
                    items.retain_mut(|item| {
                        let scalar = !(item.is_object() || item.is_array());
                        let d = self.item_decision(d, scalar, sc);
                        let d = options.next(self, d, item.as_str(), sc);
                        self.visit(item, d, depth + 1, sc, sink)
                    });
                } else if let Value::Object(map) = v {
                    let named = self.named_decision(map, depth, sc);
                    map.retain(|k, child| {
                        let plen = sc.path.len();
                        if plen > 0 {
                            sc.path.push('.');
                        }
                        sc.path.push_str(k);
                        let cd = match d {
                            FieldDecision::Field(_) => d,
                            _ => self.decide_here(sc, !(child.is_object() || child.is_array())),
                        };
                        let cd = carried(named.filter(|_| is_value_member(k)), cd);
                        let keep = self.visit(child, cd, depth + 1, sc, sink);
                        sc.path.truncate(plen);
                        keep
                    });
                }
                true
            }
            Value::String(s) => {
                let out = match self.apply_here(d, Scalar::Str(s), sc, sink) {
                    AttributeOutcome::Keep => return true,
                    AttributeOutcome::Remove => return false,
                    AttributeOutcome::Replace(Cow::Borrowed(_)) => return true,
                    AttributeOutcome::Replace(Cow::Owned(o)) => o,
                };
                *s = out;
                true
            }
            Value::Number(n) => {
                let outcome = self.apply_here(d, number_scalar(n), sc, sink);
                replace_scalar(v, outcome)
            }
            Value::Bool(b) => {
                let outcome = self.apply_here(d, Scalar::Bool(*b), sc, sink);
                replace_scalar(v, outcome)
            }
            Value::Null => !matches!(d, FieldDecision::Remove),
        }
    }

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
        let mut out = Vec::new();
        let mut sc = self.scratch();
        sc.path.clear();
        sc.nodes = 0;
        self.scan_visit(value, FieldDecision::Scan, 0, &mut sc, &mut out);
        out
    }

    fn scan_visit(
        &self,
        v: &Value,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        out: &mut Vec<Finding>,
    ) {
        let path = |sc: &Scratch| Some(sc.path.clone());
        if self.past_node_budget(sc) {
            out.push(Finding {
                rule: FailReason::TooLarge.name().into(),
                path: path(sc),
                start: 0,
                end: 0,
            });
            return;
        }
        match (v, d) {
            (_, FieldDecision::Keep) => {}
            (Value::Object(_) | Value::Array(_), _) if depth >= self.limits().max_depth => {
                out.push(Finding {
                    rule: FailReason::TooDeep.name().into(),
                    path: path(sc),
                    start: 0,
                    end: 0,
                });
            }
            (Value::Object(map), _) if is_otlp_key_value(map) => {
                self.scan_otlp_key_value(map, d, depth, sc, out);
            }
            (Value::Object(map), _) => {
                let named = self.named_decision(map, depth, sc);
                for (k, child) in map {
                    let plen = sc.path.len();
                    if plen > 0 {
                        sc.path.push('.');
                    }
                    sc.path.push_str(k);
                    let cd = match d {
                        FieldDecision::Field(_) | FieldDecision::Remove => d,
                        _ => self.decide_here(sc, !(child.is_object() || child.is_array())),
                    };
                    let cd = carried(named.filter(|_| is_value_member(k)), cd);
                    self.scan_visit(child, cd, depth + 1, sc, out);
                    sc.path.truncate(plen);
                }
            }
            (Value::Array(items), _) => {
                let mut options = OptionCarry::default();
                for item in items {
                    let scalar = !(item.is_object() || item.is_array());
                    let d = self.item_decision(d, scalar, sc);
                    let d = options.next(self, d, item.as_str(), sc);
                    self.scan_visit(item, d, depth + 1, sc, out);
                }
            }
            (Value::Null, _) => {}
            (_, FieldDecision::Field(i)) => {
                // Report a field rule only where redacting would change the value, so that
                // redacted output scans clean.
                let scalar = value_scalar(v).unwrap_or(Scalar::Null);
                let outcome = self.apply_here(d, scalar, sc, &mut ReportSink(None));
                let unchanged = match (&outcome, v) {
                    (AttributeOutcome::Keep, _) => true,
                    (AttributeOutcome::Replace(new), Value::String(old)) => new == old,
                    _ => false,
                };
                if unchanged {
                    return;
                }
                let len = v.as_str().map_or(0, str::len);
                let name = self
                    .rule_name(self.compiled.content.len() + i as usize)
                    .unwrap_or_default();
                out.push(Finding {
                    rule: name.into(),
                    path: path(sc),
                    start: 0,
                    end: len,
                });
            }
            (_, FieldDecision::Remove) => {
                out.push(Finding {
                    rule: "allow.keys".into(),
                    path: path(sc),
                    start: 0,
                    end: 0,
                });
            }
            (Value::String(s), _) if version_value(sc.path.as_bytes(), s.as_bytes()) => {}
            (Value::String(s), _) => {
                let p = sc.path.clone();
                self.scan_into(s.as_bytes(), Some(&p), sc, out);
            }
            (Value::Number(n), _) => {
                if let Some(u) = n.as_u64().or_else(|| n.as_i64().map(i64::unsigned_abs)) {
                    if u >= 1_000_000_000_000 {
                        let p = sc.path.clone();
                        self.scan_into(u.to_string().as_bytes(), Some(&p), sc, out);
                    }
                }
            }
            (Value::Bool(_), _) => {}
        }
    }
}

/// Members that name a named value's key (`name`, `key`, `ParameterKey`, any case).
fn is_name_member(k: &str) -> bool {
    ["name", "key", "parameterkey"]
        .iter()
        .any(|n| k.eq_ignore_ascii_case(n))
}

/// Members that hold a named value's value (`value`, `ParameterValue`, any case).
fn is_value_member(k: &str) -> bool {
    k.eq_ignore_ascii_case("value") || k.eq_ignore_ascii_case("parametervalue")
}

impl Engine {
    /// A key/value pair written as an object of two members, the key's name in one and the
    /// value in the other: Kubernetes `env` entries and HAR headers (`{"name": "DB_PASSWORD",
    /// "value": "…"}`), AWS tags (`{"Key": …, "Value": …}`), CloudFormation parameters
    /// (`ParameterKey`/`ParameterValue`). The name is decided like a key, and a field action
    /// it gets carries over to the value member (as an option's does to the list item after
    /// it). Only below the root: the root object is the attributes map itself, whose members
    /// every binding hands over one by one.
    fn named_decision(
        &self,
        map: &serde_json::Map<String, Value>,
        depth: usize,
        sc: &mut Scratch,
    ) -> Option<FieldDecision> {
        if depth == 0 || map.len() > 4 {
            return None;
        }
        let mut name = None;
        let mut leaf = None;
        for (k, v) in map {
            match v {
                // A name longer than any key is text, not a key's name.
                Value::String(s) if is_name_member(k) && s.len() <= 256 => name = Some(s.as_str()),
                _ if is_value_member(k) => leaf = Some(!(v.is_object() || v.is_array())),
                _ => {}
            }
        }
        self.name_field_action(name?, sc, leaf?)
    }
}

/// OTLP/JSON attributes are `{"key": "http.url", "value": {"stringValue": "..."}}`.
fn is_otlp_key_value(map: &serde_json::Map<String, Value>) -> bool {
    map.len() == 2
        && map.get("key").is_some_and(Value::is_string)
        && map.get("value").is_some_and(Value::is_object)
}

impl Engine {
    /// [`Engine::scan_json`] on an OTLP key/value pair: the `key` field names the path segment.
    fn scan_otlp_key_value(
        &self,
        map: &serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        out: &mut Vec<Finding>,
    ) {
        let (Some(Value::String(key)), Some(Value::Object(any))) =
            (map.get("key"), map.get("value"))
        else {
            return;
        };
        let plen = sc.path.len();
        if plen > 0 {
            sc.path.push('.');
        }
        sc.path.push_str(key);
        let cd = match d {
            FieldDecision::Field(_) | FieldDecision::Remove => d,
            _ => self.decide_here(sc, !is_otlp_container(any)),
        };
        self.scan_any_value(any, cd, depth + 1, sc, out);
        sc.path.truncate(plen);
    }

    /// [`Engine::scan_json`] on an OTLP AnyValue.
    fn scan_any_value(
        &self,
        any: &serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        out: &mut Vec<Finding>,
    ) {
        let nested = any
            .get("arrayValue")
            .or_else(|| any.get("kvlistValue"))
            .and_then(|c| c.get("values"));
        match nested {
            Some(Value::Array(values)) => {
                for item in values {
                    match item {
                        Value::Object(inner) if !is_otlp_key_value(inner) => {
                            self.scan_any_value(inner, d, depth + 1, sc, out)
                        }
                        other => self.scan_visit(other, d, depth + 1, sc, out),
                    }
                }
            }
            _ => {
                if let Some(scalar) = any.values().next() {
                    self.scan_visit(scalar, d, depth, sc, out);
                }
            }
        }
    }

    /// An OTLP key/value pair: the `key` field names the path segment, and the `value`
    /// (an OTLP AnyValue) is redacted as the attribute. Returns false to remove the pair.
    fn visit_otlp_key_value(
        &self,
        map: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> bool {
        // Move the key out (no allocation), extend the path, put it back.
        let key = match map.get_mut("key") {
            Some(Value::String(k)) => std::mem::take(k),
            _ => return true,
        };
        let plen = sc.path.len();
        if plen > 0 {
            sc.path.push('.');
        }
        sc.path.push_str(&key);
        let keep = match map.get_mut("value") {
            Some(Value::Object(any)) => {
                let cd = match d {
                    FieldDecision::Field(_) => d,
                    _ => self.decide_here(sc, !is_otlp_container(any)),
                };
                self.visit_any_value(any, cd, depth + 1, sc, sink)
            }
            _ => true,
        };
        sc.path.truncate(plen);
        if let Some(Value::String(k)) = map.get_mut("key") {
            *k = key;
        }
        keep
    }

    /// An OTLP AnyValue (`stringValue`, `intValue`, `doubleValue`, `boolValue`, `bytesValue`,
    /// `arrayValue`, `kvlistValue`). A replaced scalar becomes a `stringValue`.
    fn visit_any_value(
        &self,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> bool {
        let past_budget = self.past_node_budget(sc);
        if past_budget || depth >= self.limits().max_depth {
            let marker = if past_budget {
                self.fail_closed(FailReason::TooLarge, sink)
            } else {
                self.too_deep(sink)
            };
            any.clear();
            any.insert("stringValue".into(), Value::String(marker));
            return true;
        }
        if matches!(d, FieldDecision::Keep) {
            return true;
        }
        if matches!(d, FieldDecision::Remove) {
            return false;
        }
        if let Some(Value::Object(arr)) = any.get_mut("arrayValue") {
            if let Some(Value::Array(values)) = arr.get_mut("values") {
                let mut options = OptionCarry::default();
                values.retain_mut(|item| match item {
                    Value::Object(inner) => {
                        let scalar = !is_otlp_container(inner);
                        let d = self.item_decision(d, scalar, sc);
                        let d = options.next(self, d, otlp_string(inner), sc);
                        self.visit_any_value(inner, d, depth + 1, sc, sink)
                    }
                    other => {
                        options = OptionCarry::default();
                        self.visit(other, d, depth + 1, sc, sink)
                    }
                });
            }
            return true;
        }
        if let Some(Value::Object(kv)) = any.get_mut("kvlistValue") {
            if let Some(list) = kv.get_mut("values") {
                return self.visit(list, d, depth + 1, sc, sink);
            }
            return true;
        }
        let Some((name, scalar)) = any.iter_mut().next() else {
            return true;
        };
        let outcome = match value_scalar(scalar) {
            Some(value) => self.apply_here(d, value, sc, sink),
            None => AttributeOutcome::Keep,
        };
        match outcome {
            AttributeOutcome::Keep => true,
            AttributeOutcome::Remove => false,
            AttributeOutcome::Replace(new) => {
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

impl Engine {
    /// The decision for one item of a list at the current path. A list's own decision is
    /// taken as a container's (default-deny descends into containers), so a scalar item is
    /// judged again as a leaf of the list's key: under `allow.keys`, the scalars of a list
    /// whose key is not allowed are removed like any other value.
    fn item_decision(&self, d: FieldDecision, scalar: bool, sc: &mut Scratch) -> FieldDecision {
        if scalar && d == FieldDecision::Scan && self.compiled.allow_keys.is_some() {
            self.decide_here(sc, true)
        } else {
            d
        }
    }

    /// The field decision a command-line option in a list of strings passes to the item after
    /// it: `["--db-password", "hunter2"]` (OpenTelemetry's `process.command_args`, argv
    /// arrays in logs) is the key/value pair `db-password: hunter2` written as two items. The
    /// option's name (without its dashes) is read by [`Engine::name_field_action`].
    fn flag_decision(&self, item: Option<&str>, sc: &mut Scratch) -> Option<FieldDecision> {
        self.name_field_action(command_line::option_name(item?)?, sc, false)
    }

    /// A name that stands for a key elsewhere (an option's, a named value's), decided like a
    /// key: its field action, if it has one (`keep`, `remove` and scanning rules name what to
    /// do with the key's own value, which the name does not hold).
    pub(crate) fn name_field_action(
        &self,
        name: &str,
        sc: &mut Scratch,
        leaf: bool,
    ) -> Option<FieldDecision> {
        match self.decide(name.as_bytes(), sc, leaf) {
            d @ FieldDecision::Field(_) => Some(d),
            _ => None,
        }
    }

    /// The decision for a list item after `previous` (see [`AttributeScope::redact_item`]).
    ///
    /// [`AttributeScope::redact_item`]: crate::AttributeScope::redact_item
    pub(crate) fn after_option(
        &self,
        previous: Option<&str>,
        d: FieldDecision,
        item: Option<&str>,
        sc: &mut Scratch,
    ) -> FieldDecision {
        after_flag(self.flag_decision(previous, sc), d, item)
    }

    /// [`Engine::decide`] for the key path being walked (`sc.path`).
    fn decide_here(&self, sc: &mut Scratch, leaf: bool) -> FieldDecision {
        let path = std::mem::take(&mut sc.path);
        let d = self.decide(path.as_bytes(), sc, leaf);
        sc.path = path;
        d
    }

    /// [`Engine::apply_decision`] for a value at the key path being walked (`sc.path`).
    fn apply_here<'a>(
        &self,
        d: FieldDecision,
        value: Scalar<'a>,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> AttributeOutcome<'a> {
        let path = std::mem::take(&mut sc.path);
        let outcome = self.apply_decision(d, path.as_bytes(), value, sc, sink);
        sc.path = path;
        outcome
    }

    /// The fail-closed marker for a structure nested deeper than `limits.max_depth`, counted.
    fn too_deep(&self, sink: &mut ReportSink<'_>) -> String {
        self.fail_closed(FailReason::TooDeep, sink)
    }

    fn fail_closed(&self, reason: FailReason, sink: &mut ReportSink<'_>) -> String {
        crate::redact::into_string(self.fail_marker(reason, sink))
    }

    /// Counts one more value visited; whether it lies past `limits.max_nodes`.
    fn past_node_budget(&self, sc: &mut Scratch) -> bool {
        sc.nodes += 1;
        sc.nodes > self.limits().max_nodes
    }
}

/// A command-line option's field decision, carried from one list item to the next.
#[derive(Default)]
struct OptionCarry(Option<FieldDecision>);

impl OptionCarry {
    /// The decision for `item`, given the list's decision `d` (see [`after_flag`]); then
    /// remembers what `item`, if an option, passes to the item after it.
    fn next(
        &mut self,
        engine: &Engine,
        d: FieldDecision,
        item: Option<&str>,
        sc: &mut Scratch,
    ) -> FieldDecision {
        let out = after_flag(self.0.take(), d, item);
        self.0 = engine.flag_decision(item, sc);
        out
    }
}

/// The decision for a list item that follows an option: the option's field decision, unless
/// the list's own decision already is one, or the item is a long option itself
/// (`["--token", "--verbose"]`: the option had no value).
fn after_flag(flag: Option<FieldDecision>, d: FieldDecision, item: Option<&str>) -> FieldDecision {
    if item.is_some_and(|s| s.starts_with("--")) {
        return d;
    }
    carried(flag, d)
}

/// A decision carried from a name to a value (an option's to the next item, a named value's
/// name to its value member): it applies where the value's own decision is only to scan.
fn carried(carry: Option<FieldDecision>, own: FieldDecision) -> FieldDecision {
    match carry {
        Some(c) if own == FieldDecision::Scan => c,
        _ => own,
    }
}

/// The text of an OTLP AnyValue that is a `stringValue`.
fn otlp_string(any: &serde_json::Map<String, Value>) -> Option<&str> {
    any.get("stringValue").and_then(Value::as_str)
}

/// Whether an OTLP AnyValue holds a list (`arrayValue` / `kvlistValue`) rather than a scalar.
fn is_otlp_container(any: &serde_json::Map<String, Value>) -> bool {
    any.contains_key("arrayValue") || any.contains_key("kvlistValue")
}

/// A JSON scalar as the engine takes it; None for null and containers.
fn value_scalar(v: &Value) -> Option<Scalar<'_>> {
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
}

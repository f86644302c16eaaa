//! OTLP/JSON: key/value pairs named by their `key`, and AnyValues (`stringValue`,
//! `intValue`, `doubleValue`, `boolValue`, `bytesValue`, `arrayValue`, `kvlistValue`).

use serde_json::Value;

use super::walk::{Enter, Visitor, Walk};
use crate::redact::{FieldDecision, OptionCarry};
use crate::report::FailReason;
use crate::SqlDialect;

/// OTLP/JSON attributes are `{"key": "http.url", "value": {"stringValue": "..."}}`.
pub(super) fn is_otlp_key_value(map: &serde_json::Map<String, Value>) -> bool {
    map.len() == 2
        && map.get("key").is_some_and(Value::is_string)
        && map.get("value").is_some_and(Value::is_object)
}

/// The SQL dialect a record's `db.system.name` (or `db.system`) value names, if it is a
/// string.
pub(super) fn record_dialect(system: Option<&Value>) -> Option<SqlDialect> {
    system.and_then(Value::as_str).map(SqlDialect::of_db_system)
}

/// The SQL dialect of an OTLP pair whose key is `db.system.name` or `db.system`.
pub(super) fn otlp_db_system(item: &Value) -> Option<SqlDialect> {
    let map = item.as_object().filter(|m| is_otlp_key_value(m))?;
    let key = map.get("key")?.as_str()?;
    if key != "db.system.name" && key != "db.system" {
        return None;
    }
    record_dialect(map.get("value")?.as_object()?.get("stringValue"))
}

/// The text of an OTLP AnyValue that is a `stringValue`.
fn otlp_string(any: &serde_json::Map<String, Value>) -> Option<&str> {
    any.get("stringValue").and_then(Value::as_str)
}

/// Whether an OTLP AnyValue holds a list (`arrayValue` / `kvlistValue`) rather than a scalar.
fn is_otlp_container(any: &serde_json::Map<String, Value>) -> bool {
    any.contains_key("arrayValue") || any.contains_key("kvlistValue")
}

/// What an OTLP AnyValue holds: exactly one member, a scalar or a list under `values`.
enum Shape {
    Empty,
    Scalar,
    Array,
    KvList,
    /// Anything else (several members, a list without `values`, a nested object).
    Other,
}

fn shape(any: &serde_json::Map<String, Value>) -> Shape {
    let mut members = any.iter();
    let Some((name, value)) = members.next() else {
        return Shape::Empty;
    };
    if members.next().is_some() {
        return Shape::Other;
    }
    let is_list = |o: &serde_json::Map<String, Value>| {
        o.is_empty() || (o.len() == 1 && o.get("values").is_some_and(Value::is_array))
    };
    match (name.as_str(), value) {
        ("arrayValue", Value::Object(o)) if is_list(o) => Shape::Array,
        ("kvlistValue", Value::Object(o)) if is_list(o) => Shape::KvList,
        (_, Value::Object(_) | Value::Array(_)) => Shape::Other,
        _ => Shape::Scalar,
    }
}

/// The `values` list of an `arrayValue` or `kvlistValue` (see [`shape`]).
fn list_values<'a>(
    any: &'a mut serde_json::Map<String, Value>,
    kind: &str,
) -> Option<&'a mut Value> {
    match any.get_mut(kind) {
        Some(Value::Object(list)) => list.get_mut("values"),
        _ => None,
    }
}

impl<V: Visitor> Walk<'_, '_, V> {
    /// An OTLP key/value pair: the `key` field names the path segment, and the `value` (an
    /// OTLP AnyValue) is the attribute's value. Returns false to remove the pair.
    pub(super) fn otlp_key_value(
        &mut self,
        map: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
    ) -> bool {
        // Move the key out (no allocation), extend the path, put it back.
        let key = match map.get_mut("key") {
            Some(Value::String(k)) => std::mem::take(k),
            _ => return true,
        };
        let plen = self.push_key(&key);
        let keep = match map.get_mut("value") {
            Some(Value::Object(any)) => {
                let cd = self.member_decision(d, !is_otlp_container(any));
                self.any_value(any, cd, depth + 1)
            }
            _ => true,
        };
        self.sc.path.truncate(plen);
        if let Some(Value::String(k)) = map.get_mut("key") {
            *k = key;
        }
        keep
    }

    /// An OTLP AnyValue under decision `d`. Returns false to remove it.
    fn any_value(
        &mut self,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
    ) -> bool {
        let past_budget = self.past_node_budget();
        if past_budget || depth >= self.engine.limits().max_depth {
            let reason = match past_budget {
                true => FailReason::TooLarge,
                false => FailReason::TooDeep,
            };
            if let Some(marker) = self.visitor.past_limit(self.engine, self.sc, reason) {
                any.clear();
                any.insert("stringValue".into(), Value::String(marker));
            }
            return true;
        }
        let d = match self.visitor.enter(d) {
            Enter::Keep => return true,
            Enter::Remove => return false,
            Enter::Walk(d) => d,
        };
        match shape(any) {
            Shape::Empty => true,
            Shape::Scalar => self.visitor.any_scalar(self.engine, self.sc, any, d),
            Shape::Array => {
                if let Some(Value::Array(values)) = list_values(any, "arrayValue") {
                    self.any_items(values, d, depth);
                }
                true
            }
            Shape::KvList => match list_values(any, "kvlistValue") {
                Some(list) => self.node(list, d, depth + 1),
                None => true,
            },
            // Not an AnyValue as OTLP writes it: walked as plain JSON, so that nothing in
            // it escapes the rules.
            Shape::Other => {
                self.members(any, d, depth);
                true
            }
        }
    }

    /// The items of an `arrayValue`: AnyValues, each judged as a list item.
    fn any_items(&mut self, values: &mut Vec<Value>, d: FieldDecision, depth: usize) {
        let mut options = OptionCarry::default();
        values.retain_mut(|item| match item {
            Value::Object(inner) => {
                let scalar = !is_otlp_container(inner);
                let d = self.engine.item_decision(d, scalar, self.sc);
                let d = options.next(self.engine, d, otlp_string(inner), self.sc);
                self.any_value(inner, d, depth + 1)
            }
            other => {
                options = OptionCarry::default();
                self.node(other, d, depth + 1)
            }
        });
    }
}

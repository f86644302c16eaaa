//! Named values: a key/value pair written as an object of two members, the key's name in
//! one and the value in the other.

use serde_json::Value;

use crate::redact::{Engine, FieldDecision, Scratch};

/// Members that name a named value's key (`name`, `key`, `ParameterKey`, any case).
fn is_name_member(k: &str) -> bool {
    ["name", "key", "parameterkey"]
        .iter()
        .any(|n| k.eq_ignore_ascii_case(n))
}

/// Members that hold a named value's value (`value`, `ParameterValue`, any case).
pub(super) fn is_value_member(k: &str) -> bool {
    k.eq_ignore_ascii_case("value") || k.eq_ignore_ascii_case("parametervalue")
}

/// The field action a named value's name carries to its value member: Kubernetes `env`
/// entries and HAR headers (`{"name": "DB_PASSWORD", "value": "…"}`), AWS tags (`{"Key": …,
/// "Value": …}`), CloudFormation parameters (`ParameterKey`/`ParameterValue`). The name is
/// decided like a key, and a field action it gets carries over to the value member (as an
/// option's does to the list item after it). Only below the root: the root object is the
/// attributes map itself, whose members every binding hands over one by one.
pub(super) fn named_decision(
    engine: &Engine,
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
    engine.name_field_action(name?, sc, leaf?)
}

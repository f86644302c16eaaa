//! The key a record's tokens are made with, named by one of its attributes
//! (`tokenize.key_id_from`): in a map's own members, an OTLP attribute list, or an OTLP
//! resource's attributes, which name it for every span, log or metric of the resource.

use serde_json::{Map, Value};

use super::otlp::is_otlp_key_value;

/// The value of the first of `names` that `map` holds as a string, or that its OTLP
/// `resource.attributes` hold.
pub(super) fn of_map<'v>(names: &[Box<str>], map: &'v Map<String, Value>) -> Option<&'v str> {
    let member = names
        .iter()
        .find_map(|n| map.get(&**n).and_then(Value::as_str));
    member.or_else(|| {
        let resource = map.get("resource")?.get("attributes")?.as_array()?;
        of_otlp_list(names, resource)
    })
}

/// The `stringValue` of the first of `names` among OTLP pairs.
pub(super) fn of_otlp_list<'v>(names: &[Box<str>], items: &'v [Value]) -> Option<&'v str> {
    names.iter().find_map(|name| {
        items.iter().find_map(|item| {
            let pair = item.as_object().filter(|m| is_otlp_key_value(m))?;
            if pair.get("key")?.as_str()? != &**name {
                return None;
            }
            pair.get("value")?.get("stringValue")?.as_str()
        })
    })
}

//! Anything but a flat map of scalars: the packet as a JSON value through the core's tree walk
//! (`Engine::redact_json`), and the result back as a packet.

use serde_json::{Map, Number, Value};

use super::packet::{Kind, Packet, Reader, Writer};
use crate::boundary::{Failure, Outcome};

/// Deeper than any packet the Java side writes (it cuts at `limits.max_depth`): a guard for
/// the stack, not a limit of the walk.
const MAX_NESTING: usize = 4096;

/// The whole packet through the core's walk.
pub(crate) fn redact(
    engine: &scrubjay::Engine,
    packet: &Packet,
    report: Option<&mut scrubjay::Report>,
) -> Outcome<Writer> {
    let mut r = packet.reader();
    let mut value = decode(&mut r, 0)?;
    if !r.done() {
        return Err(Failure::Argument(
            "scrubjay: malformed attribute packet".into(),
        ));
    }
    match report {
        Some(report) => engine.redact_json_with_report(&mut value, report),
        None => engine.redact_json(&mut value),
    }
    let mut w = Writer::default();
    encode(&value, &mut w);
    Ok(w)
}

fn decode(r: &mut Reader<'_>, depth: usize) -> Outcome<Value> {
    if depth > MAX_NESTING {
        return Err(Failure::Argument(
            "scrubjay: attribute packet nested too deep".into(),
        ));
    }
    Ok(match r.kind()? {
        Kind::Null => Value::Null,
        Kind::Str => Value::String(r.text()?.to_owned()),
        Kind::Long => Value::Number(r.number()?.into()),
        Kind::Double => {
            Number::from_f64(f64::from_bits(r.number()? as u64)).map_or(Value::Null, Value::Number)
        }
        Kind::False => Value::Bool(false),
        Kind::True => Value::Bool(true),
        Kind::Map => {
            let n = r.count()?;
            let mut map = Map::with_capacity(n);
            for _ in 0..n {
                let key = r.text()?.to_owned();
                let value = decode(r, depth + 1)?;
                map.insert(key, value);
            }
            Value::Object(map)
        }
        Kind::List => {
            let n = r.count()?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(decode(r, depth + 1)?);
            }
            Value::Array(items)
        }
    })
}

fn encode(v: &Value, w: &mut Writer) {
    match v {
        Value::Null => w.kind(Kind::Null),
        Value::Bool(b) => w.kind(if *b { Kind::True } else { Kind::False }),
        Value::String(s) => {
            w.kind(Kind::Str);
            w.text(s);
        }
        Value::Number(n) => match n.as_i64() {
            Some(i) => {
                w.kind(Kind::Long);
                w.number(i);
            }
            None => {
                w.kind(Kind::Double);
                w.number(n.as_f64().unwrap_or(f64::NAN).to_bits() as i64);
            }
        },
        Value::Array(items) => {
            w.kind(Kind::List);
            w.number(items.len() as i64);
            items.iter().for_each(|item| encode(item, w));
        }
        Value::Object(map) => {
            w.kind(Kind::Map);
            w.number(map.len() as i64);
            for (k, item) in map {
                w.text(k);
                encode(item, w);
            }
        }
    }
}

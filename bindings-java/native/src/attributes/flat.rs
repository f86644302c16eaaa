//! A map of scalars, entry by entry under one `AttributeScope`: what the core's walk does for
//! each scalar child of the root, then the repeats pass over the values as they came out.

use std::borrow::Cow;

use scrubjay::{AttributeOutcome, Scalar};

use super::packet::{Kind, Packet};

/// One entry of the root map.
pub(crate) struct Entry<'p> {
    key: &'p str,
    value: Scalar<'p>,
}

/// The root map's entries when the flat path applies: every value a scalar, the map within
/// `limits.max_nodes` (past it, the core's walk decides which values fail closed), and no
/// lone surrogate anywhere (such text comes back converted, which the tree path does). `None`
/// sends the packet to the tree path, which also reports a malformed one.
pub(crate) fn entries(packet: &Packet, max_nodes: usize) -> Option<Vec<Entry<'_>>> {
    if !packet.exact {
        return None;
    }
    let mut r = packet.reader();
    if r.kind().ok()? != Kind::Map {
        return None;
    }
    let n = r.count().ok()?;
    if n.saturating_add(1) > max_nodes {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.text().ok()?;
        let value = match r.kind().ok()? {
            Kind::Null => Scalar::Null,
            Kind::Str => Scalar::Str(r.text().ok()?),
            Kind::Long => Scalar::Int(r.number().ok()?),
            Kind::Double => Scalar::Float(f64::from_bits(r.number().ok()? as u64)),
            Kind::False => Scalar::Bool(false),
            Kind::True => Scalar::Bool(true),
            Kind::Map | Kind::List => return None,
        };
        out.push(Entry { key, value });
    }
    r.done().then_some(out)
}

/// The text of the `db.system.name` entry, or else of the `db.system` entry, when it is a
/// string: what the core's walk reads as the map's database.
fn db_system<'p>(entries: &[Entry<'p>]) -> Option<&'p str> {
    let value = |name: &str| entries.iter().find(|e| e.key == name).map(|e| e.value);
    match value("db.system.name").or_else(|| value("db.system"))? {
        Scalar::Str(system) => Some(system),
        _ => None,
    }
}

/// What changed: per entry, -1 kept, -2 removed, or the end of its replacement in `text`
/// (UTF-16 units; each replacement starts where the one before ended).
pub(crate) struct Changes {
    pub outcomes: Vec<i32>,
    pub text: Vec<u16>,
}

const KEPT: i32 = -1;
const REMOVED: i32 = -2;

enum State<'a> {
    /// Kept; its text when it is a string (the repeats pass reads it).
    Kept(Option<&'a str>),
    Removed,
    Replaced(Cow<'a, str>),
}

/// Redacts the entries; `None` when every one is kept.
pub(crate) fn redact(
    engine: &scrubjay::Engine,
    entries: &[Entry<'_>],
    mut report: Option<&mut scrubjay::Report>,
) -> Option<Changes> {
    let mut scope = engine.attribute_scope();
    // The map's statements are read in its database's dialect, whichever entry comes first.
    if let Some(system) = db_system(entries) {
        scope.set_db_system(system);
    }
    let mut states: Vec<State<'_>> = entries
        .iter()
        .map(
            |e| match scope.redact(e.key, e.value, report.as_deref_mut()) {
                AttributeOutcome::Keep | AttributeOutcome::Replace(Cow::Borrowed(_)) => {
                    State::Kept(match e.value {
                        Scalar::Str(s) => Some(s),
                        _ => None,
                    })
                }
                AttributeOutcome::Remove => State::Removed,
                AttributeOutcome::Replace(Cow::Owned(new)) => State::Replaced(Cow::Owned(new)),
            },
        )
        .collect();
    if scope.has_repeats() {
        // A secret found in one value is masked wherever the others repeat it.
        for (e, state) in entries.iter().zip(states.iter_mut()) {
            let text = match state {
                State::Kept(Some(s)) => *s,
                State::Replaced(s) => &**s,
                State::Kept(None) | State::Removed => continue,
            };
            if let Some(masked) = scope.mask_repeats(e.key, text, report.as_deref_mut()) {
                *state = State::Replaced(Cow::Owned(masked));
            }
        }
    }
    if states.iter().all(|s| matches!(s, State::Kept(_))) {
        return None;
    }
    let mut changes = Changes {
        outcomes: Vec::with_capacity(states.len()),
        text: Vec::new(),
    };
    for state in &states {
        changes.outcomes.push(match state {
            State::Kept(_) => KEPT,
            State::Removed => REMOVED,
            State::Replaced(new) => {
                changes.text.extend(new.encode_utf16());
                changes.text.len() as i32
            }
        });
    }
    Some(changes)
}

//! A map of scalars, entry by entry under one `AttributeScope`: what the core's walk does for
//! each scalar child of the root, then the repeats pass over the values as they came out.

use std::borrow::Cow;

use scrubjay::{AttributeOutcome, AttributeScope, Scalar};

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

/// The scope the entries are redacted under, told what they say about the whole map: each
/// string entry it reads goes to `AttributeScope::note` (the map's SQL dialect, from
/// `db.system.name` or else `db.system`; its token key, from `tokenize.key_id_from`) before
/// any value is redacted. `None` when an entry it reads is not a string: the core's walk reads
/// such a map its own way (a `db.system.name` that is not text names no dialect, and hides
/// `db.system`), so it takes the tree path.
pub(crate) fn scope<'e>(
    engine: &'e scrubjay::Engine,
    entries: &[Entry<'_>],
) -> Option<AttributeScope<'e>> {
    let mut scope = engine.attribute_scope();
    for e in entries {
        if !scope.reads(e.key) {
            continue;
        }
        match e.value {
            Scalar::Str(value) => scope.note(e.key, value),
            _ => return None,
        }
    }
    Some(scope)
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

/// Redacts the entries under the scope `scope` made for them; `None` when every one is kept.
pub(crate) fn redact(
    mut scope: AttributeScope<'_>,
    entries: &[Entry<'_>],
    mut report: Option<&mut scrubjay::Report>,
) -> Option<Changes> {
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

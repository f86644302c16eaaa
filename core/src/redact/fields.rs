//! Field decisions: what the field rules and the key allowlist say about the value under a
//! key path, cached per thread.

use super::attributes::{AttributeOutcome, Scalar};
use super::report_sink::ReportSink;
use super::scratch::Scratch;
use super::Engine;
use crate::compile::actions::Replacement;
use crate::rules::vocabulary::key_describes_secret;
use crate::sanitize::command_line;
use crate::text::fxhash::FxHasher;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// The field rule (if any) that governs a key path, as decided by
/// [`Engine::field_decision`]. Bindings use it to skip or remove whole subtrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldDecision {
    /// No field rule: string values go through the content rules.
    Scan,
    /// A `keep` rule: leave the subtree alone.
    Keep,
    /// Remove the attribute (a `remove` rule, or `allow.keys` does not list it).
    Remove,
    /// Another field action applies to every scalar below.
    Field(u32),
}

/// Key path → (field rule, allowed by `allow.keys`). Attribute keys repeat across spans, so
/// each thread remembers its decisions; bounded, so hostile keys cannot grow it without limit.
pub(crate) struct DecisionCache {
    map: HashMap<Box<[u8]>, Decided, BuildHasherDefault<FxHasher>>,
}

/// The field rule governing a key path, and whether `allow.keys` lets it through.
type Decided = (Option<u32>, bool);

impl DecisionCache {
    const MAX_ENTRIES: usize = 4096;
    const MAX_KEY: usize = 256;

    pub(super) fn new() -> DecisionCache {
        DecisionCache {
            map: HashMap::default(),
        }
    }

    #[inline]
    fn get(&self, path: &[u8]) -> Option<&(Option<u32>, bool)> {
        self.map.get(path)
    }

    fn insert(&mut self, path: &[u8], v: (Option<u32>, bool)) {
        if self.map.len() < Self::MAX_ENTRIES && path.len() <= Self::MAX_KEY {
            self.map.insert(path.into(), v);
        }
    }
}

impl Engine {
    /// Decides which field rule governs a key path (dotted; segments of nested maps are joined
    /// with `.`). See the `keys` module docs for the matching rules.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{Engine, FieldDecision};
    /// let engine = Engine::default();
    /// assert!(matches!(engine.field_decision("http.request.header.authorization"), FieldDecision::Field(_)));
    /// assert_eq!(engine.field_decision("http.method"), FieldDecision::Scan);
    /// ```
    pub fn field_decision(&self, path: &str) -> FieldDecision {
        let mut sc = self.scratch();
        self.decide(path.as_bytes(), &mut sc, true)
    }

    /// `leaf`: whether the value at `path` is a scalar (default-deny removes scalars, and
    /// descends into containers, whose children may be allowed).
    pub(crate) fn decide(&self, path: &[u8], sc: &mut Scratch, leaf: bool) -> FieldDecision {
        let inner = &*self.compiled;
        let (rule, allowed) = match sc.decisions.get(path) {
            Some(&hit) => hit,
            None => {
                let rule = if inner.keys.is_empty() {
                    None
                } else {
                    let described = std::cell::OnceCell::new();
                    inner.keys.find(path, &mut sc.keys, |r| {
                        !(inner.fields[r as usize].unless_described
                            && *described.get_or_init(|| key_describes_secret(path)))
                    })
                };
                let allowed = match (&inner.allow_keys, sc.allow_keys.as_mut()) {
                    (Some(allow), Some(ks)) => allow.find(path, ks, |_| true).is_some(),
                    _ => true,
                };
                sc.decisions.insert(path, (rule, allowed));
                (rule, allowed)
            }
        };
        if leaf && !allowed {
            return FieldDecision::Remove;
        }
        match rule {
            None => FieldDecision::Scan,
            Some(i) => match inner.fields[i as usize].replacement {
                Replacement::Scan => FieldDecision::Scan,
                Replacement::Keep => FieldDecision::Keep,
                Replacement::Remove => FieldDecision::Remove,
                _ => FieldDecision::Field(i),
            },
        }
    }
}

impl Engine {
    /// [`Engine::decide`] for the key path being walked (`sc.path`).
    pub(crate) fn decide_here(&self, sc: &mut Scratch, leaf: bool) -> FieldDecision {
        let path = std::mem::take(&mut sc.path);
        let d = self.decide(path.as_bytes(), sc, leaf);
        sc.path = path;
        d
    }

    /// [`Engine::apply_decision`] for a value at the key path being walked (`sc.path`).
    pub(crate) fn apply_here<'a>(
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

    /// The decision for one item of a list at the current path. A list's own decision is
    /// taken as a container's (default-deny descends into containers), so a scalar item is
    /// judged again as a leaf of the list's key: under `allow.keys`, the scalars of a list
    /// whose key is not allowed are removed like any other value.
    pub(crate) fn item_decision(
        &self,
        d: FieldDecision,
        scalar: bool,
        sc: &mut Scratch,
    ) -> FieldDecision {
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
}

/// A command-line option's field decision, carried from one list item to the next.
#[derive(Default)]
pub(crate) struct OptionCarry(Option<FieldDecision>);

impl OptionCarry {
    /// The decision for `item`, given the list's decision `d` (see [`after_flag`]); then
    /// remembers what `item`, if an option, passes to the item after it.
    pub(crate) fn next(
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
pub(crate) fn carried(carry: Option<FieldDecision>, own: FieldDecision) -> FieldDecision {
    match carry {
        Some(c) if own == FieldDecision::Scan => c,
        _ => own,
    }
}

//! Field decisions: what the field rules and the key allowlist say about the value under a
//! key path, cached per thread.

use super::scratch::Scratch;
use super::Engine;
use crate::compile::actions::Replacement;
use crate::rules::vocabulary::key_describes_secret;
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

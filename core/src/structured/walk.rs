//! The walk: nested JSON objects and lists (and OTLP pairs, in `otlp.rs`), with a visitor.

use serde_json::Value;

use super::named::{is_value_member, named_decision};
use super::otlp::{is_otlp_key_value, otlp_db_system, record_dialect};
use super::token_key;
use crate::redact::{carried, Engine, FieldDecision, OptionCarry, Scratch};
use crate::report::FailReason;

/// How the walk goes on at a container, as the visitor decides from its field decision.
pub(super) enum Enter {
    /// Leave it whole.
    Keep,
    /// Drop it from its parent.
    Remove,
    /// Walk into it; its members are decided under this decision.
    Walk(FieldDecision),
}

/// What the walk does at each node. Redacting and scanning are two visitors.
pub(super) trait Visitor {
    /// A container (object, list, OTLP AnyValue) under decision `d`.
    fn enter(&mut self, d: FieldDecision) -> Enter;
    /// A value past a limit, at `sc.path`: the marker that replaces it, if the visitor
    /// replaces values.
    fn past_limit(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        reason: FailReason,
    ) -> Option<String>;
    /// A scalar (string, number, bool, null) under `d`, at `sc.path`; false removes it.
    fn scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        v: &mut Value,
        d: FieldDecision,
    ) -> bool;
    /// The scalar member of an OTLP AnyValue (`stringValue`, `intValue`, …) under `d`;
    /// false removes the pair.
    fn any_scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
    ) -> bool;
}

/// One walk over one value: the engine, its scratch space (the key path and the node count
/// live there) and a visitor.
pub(super) struct Walk<'e, 's, V> {
    pub engine: &'e Engine,
    pub sc: &'s mut Scratch,
    pub visitor: V,
}

impl<V: Visitor> Walk<'_, '_, V> {
    /// Starts a walk: the key path is empty and no node is counted yet.
    pub(super) fn start(&mut self) {
        self.sc.path.clear();
        self.sc.nodes = 0;
    }

    /// The decision the root `v` is walked under: a container is the attributes map, walked
    /// whatever its (empty) key path decides; a scalar is judged by that path.
    pub(super) fn root_decision(&mut self, v: &Value) -> FieldDecision {
        match v.is_object() || v.is_array() {
            true => FieldDecision::Scan,
            false => self.engine.decide(b"", self.sc, true),
        }
    }

    /// Visits `v` under decision `d`; false when it must be removed from its parent.
    pub(super) fn node(&mut self, v: &mut Value, d: FieldDecision, depth: usize) -> bool {
        if self.past_node_budget() {
            return self.past_limit(v, FailReason::TooLarge);
        }
        if !(v.is_object() || v.is_array()) {
            return self.visitor.scalar(self.engine, self.sc, v, d);
        }
        if depth >= self.engine.limits().max_depth {
            return self.past_limit(v, FailReason::TooDeep);
        }
        let d = match self.visitor.enter(d) {
            Enter::Keep => return true,
            Enter::Remove => return false,
            Enter::Walk(d) => d,
        };
        match v {
            Value::Object(map) if is_otlp_key_value(map) => self.otlp_key_value(map, d, depth),
            Value::Object(map) => {
                self.members(map, d, depth);
                true
            }
            Value::Array(items) => {
                self.items(items, d, depth);
                true
            }
            _ => true,
        }
    }

    /// An object's members, each under its own key's decision (or its container's field
    /// action, or the action a named value's name carries to its value member).
    pub(super) fn members(
        &mut self,
        map: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
        depth: usize,
    ) {
        let named = named_decision(self.engine, map, depth, self.sc);
        let dialect = self.sc.sql_dialect;
        if let Some(d) = record_dialect(map.get("db.system.name").or(map.get("db.system"))) {
            self.sc.sql_dialect = d;
        }
        let names = self.engine.token_key_names();
        let outer_key = match names.is_empty() {
            true => None,
            false => token_key::of_map(names, map).map(|id| self.enter_token_key(id)),
        };
        map.retain(|k, child| {
            let plen = self.push_key(k);
            let leaf = !(child.is_object() || child.is_array());
            let cd = self.member_decision(d, leaf);
            let cd = carried(named.filter(|_| is_value_member(k)), cd);
            let keep = self.node(child, cd, depth + 1);
            self.sc.path.truncate(plen);
            keep
        });
        self.sc.sql_dialect = dialect;
        if let Some(outer) = outer_key {
            self.sc.actions.token_key = outer;
        }
    }

    /// Makes `id` the token key of the map being walked; returns the key it replaces, to be
    /// restored when the walk leaves the map.
    fn enter_token_key(&mut self, id: &str) -> Option<Box<str>> {
        self.sc.actions.token_key.replace(id.into())
    }

    /// A list's items, each judged again as a leaf where it is a scalar, and after an option
    /// that carries its field action to it.
    fn items(&mut self, items: &mut Vec<Value>, d: FieldDecision, depth: usize) {
        let mut options = OptionCarry::default();
        let dialect = self.sc.sql_dialect;
        // Only an OTLP attribute list (its pairs first to last) says anything about the
        // record: other lists are not searched for one.
        let attributes = items
            .first()
            .and_then(Value::as_object)
            .is_some_and(is_otlp_key_value);
        if let Some(d) = items
            .iter()
            .take_while(|_| attributes)
            .find_map(otlp_db_system)
        {
            self.sc.sql_dialect = d;
        }
        let names = self.engine.token_key_names();
        let outer_key = match names.is_empty() || !attributes {
            true => None,
            false => token_key::of_otlp_list(names, items).map(|id| self.enter_token_key(id)),
        };
        items.retain_mut(|item| {
            let scalar = !(item.is_object() || item.is_array());
            let d = self.engine.item_decision(d, scalar, self.sc);
            let d = options.next(self.engine, d, item.as_str(), self.sc);
            self.node(item, d, depth + 1)
        });
        self.sc.sql_dialect = dialect;
        if let Some(outer) = outer_key {
            self.sc.actions.token_key = outer;
        }
    }

    /// The decision of a member at `sc.path`: its container's when that is a field action
    /// (or `remove`, when the visitor walks into removed containers), else its own key's.
    pub(super) fn member_decision(&mut self, d: FieldDecision, leaf: bool) -> FieldDecision {
        match d {
            FieldDecision::Field(_) | FieldDecision::Remove => d,
            _ => self.engine.decide_here(self.sc, leaf),
        }
    }

    /// Extends the key path with `key`; returns the length to truncate back to.
    pub(super) fn push_key(&mut self, key: &str) -> usize {
        let plen = self.sc.path.len();
        if plen > 0 {
            self.sc.path.push('.');
        }
        self.sc.path.push_str(key);
        plen
    }

    /// A value past a limit: replaced by the visitor's marker, if it writes one.
    fn past_limit(&mut self, v: &mut Value, reason: FailReason) -> bool {
        if let Some(marker) = self.visitor.past_limit(self.engine, self.sc, reason) {
            *v = Value::String(marker);
        }
        true
    }

    /// Counts one more value visited; whether it lies past `limits.max_nodes`.
    pub(super) fn past_node_budget(&mut self) -> bool {
        self.sc.nodes += 1;
        self.sc.nodes > self.engine.limits().max_nodes
    }
}

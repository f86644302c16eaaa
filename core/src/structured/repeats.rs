//! The second walk over a record whose first walk found secrets (see `redact/record.rs`):
//! their standalone occurrences in every string value are masked or reported ([`Repeats`]).
//! Values under a `keep` rule stay as they are.

use serde_json::Value;

use super::walk::{Enter, Visitor, Walk};
use crate::redact::{Engine, FieldDecision, RecordSecrets, ReportSink, Scratch};
use crate::report::{FailReason, Finding};

impl Engine {
    /// Walks `value` again, masking the record's known secrets, when the first walk found any.
    pub(super) fn mask_repeats_in_tree(
        &self,
        value: &mut Value,
        sc: &mut Scratch,
        sink: ReportSink<'_>,
    ) {
        if sc.record.is_empty() {
            return;
        }
        // Most records' secrets occur nowhere else: one search a string, with no key paths
        // or decisions, says so. Masking a repeat takes the walk: the value's decision says
        // whether a `keep` rule leaves it, and how to read it again once masked.
        if holds_a_repeat(value, &sc.record) {
            self.rewalk(value, sc, Repeats::Mask(sink));
        }
    }

    /// Walks `value` again, adding a finding for each occurrence of the record's known secrets
    /// that `findings` does not cover yet.
    pub(super) fn scan_repeats_in_tree(
        &self,
        value: &mut Value,
        sc: &mut Scratch,
        findings: Vec<Finding>,
    ) -> Vec<Finding> {
        if sc.record.is_empty() {
            return findings;
        }
        // The walk hands back the visitor it was given.
        let Repeats::Scan(findings) = self.rewalk(value, sc, Repeats::Scan(findings)) else {
            return Vec::new();
        };
        findings
    }

    /// A second walk from the root, counting nodes afresh (what lay past a limit is a marker
    /// now, which the visitor leaves); returns the visitor.
    fn rewalk<'r>(&self, value: &mut Value, sc: &mut Scratch, visitor: Repeats<'r>) -> Repeats<'r> {
        let mut walk = Walk {
            engine: self,
            sc,
            visitor,
        };
        walk.start();
        let d = walk.root_decision(value);
        walk.node(value, d, 0);
        walk.visitor
    }
}

/// Whether a string of `value` holds a standalone occurrence of a secret in `record`.
/// Iterative: the first walk bounded the depth, and the stack is allocated only here.
fn holds_a_repeat(value: &Value, record: &RecordSecrets) -> bool {
    let mut stack = Vec::with_capacity(64);
    stack.push(value);
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                if record.holds_any(s.as_bytes()) {
                    return true;
                }
            }
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => stack.extend(map.values()),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    false
}

/// What the second walk does with each string value: mask the repeats in place (counting
/// into the sink), or report those the first walk's findings do not cover.
enum Repeats<'r> {
    Mask(ReportSink<'r>),
    Scan(Vec<Finding>),
}

impl Repeats<'_> {
    fn string(&mut self, engine: &Engine, sc: &mut Scratch, v: &mut Value, d: FieldDecision) {
        let Value::String(s) = &*v else {
            return;
        };
        match self {
            Repeats::Mask(sink) => {
                if matches!(d, FieldDecision::Scan | FieldDecision::Field(_)) {
                    let path = std::mem::take(&mut sc.path);
                    let out = engine.redact_record_repeats(d, path.as_bytes(), s, sc, sink);
                    sc.path = path;
                    if let Some(out) = out {
                        *v = Value::String(out);
                    }
                }
            }
            // A field rule's value is reported whole by the first walk.
            Repeats::Scan(findings) if d == FieldDecision::Scan => {
                let content_rules = engine.compiled.content.len();
                for (start, end, index) in sc.record.occurrences(s.as_bytes()) {
                    let covered = findings.iter().any(|f| {
                        f.path.as_deref() == Some(sc.path.as_str())
                            && f.start < end
                            && start < f.end
                    });
                    if !covered {
                        let rule = sc.record.rule_index(index, content_rules);
                        findings.push(Finding {
                            rule: engine.rule_name(rule).unwrap_or_default().into(),
                            path: Some(sc.path.clone()),
                            start,
                            end,
                        });
                    }
                }
            }
            Repeats::Scan(_) => {}
        }
    }
}

impl Visitor for Repeats<'_> {
    fn enter(&mut self, d: FieldDecision) -> Enter {
        match d {
            FieldDecision::Keep | FieldDecision::Remove => Enter::Keep,
            d => Enter::Walk(d),
        }
    }

    fn past_limit(&mut self, _: &Engine, _: &mut Scratch, _: FailReason) -> Option<String> {
        None
    }

    fn scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        v: &mut Value,
        d: FieldDecision,
    ) -> bool {
        self.string(engine, sc, v, d);
        true
    }

    fn any_scalar(
        &mut self,
        engine: &Engine,
        sc: &mut Scratch,
        any: &mut serde_json::Map<String, Value>,
        d: FieldDecision,
    ) -> bool {
        if let Some(v) = any.get_mut("stringValue") {
            self.string(engine, sc, v, d);
        }
        true
    }
}

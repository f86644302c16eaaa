//! Reports (counts per rule, per action, and of values that failed closed) and findings.

use std::sync::Arc;

/// The kinds of action, for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionKind {
    /// Replaced by a label.
    Mask,
    /// Deleted.
    Remove,
    /// Replaced by a keyed hash.
    Hash,
    /// Replaced by a fixed text.
    Replace,
    /// Partly masked.
    Partial,
    /// Rewritten by a sanitizer (URL, SQL, header).
    Sanitize,
    /// Replaced by a reversible token.
    Tokenize,
    /// Replaced by a numbered pseudonym.
    Pseudonym,
}

impl ActionKind {
    /// Every kind, in report order.
    pub const ALL: [ActionKind; 8] = [
        ActionKind::Mask,
        ActionKind::Remove,
        ActionKind::Hash,
        ActionKind::Replace,
        ActionKind::Partial,
        ActionKind::Sanitize,
        ActionKind::Tokenize,
        ActionKind::Pseudonym,
    ];

    /// The policy name.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Mask => "mask",
            ActionKind::Remove => "remove",
            ActionKind::Hash => "hash",
            ActionKind::Replace => "replace",
            ActionKind::Partial => "partial",
            ActionKind::Sanitize => "sanitize",
            ActionKind::Tokenize => "tokenize",
            ActionKind::Pseudonym => "pseudonym",
        }
    }
}

/// Why a value was failed closed (replaced whole instead of scanned).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FailReason {
    /// The value is longer than `limits.max_value_bytes`.
    TooLarge,
    /// The structure is deeper than `limits.max_depth`.
    TooDeep,
    /// Scanning needed more work than the linear-time budget allows.
    ScanBudget,
    /// The automaton could not decide (Unicode word boundary next to non-ASCII text).
    Undecidable,
    /// Text was required and the bytes are not UTF-8.
    InvalidUtf8,
    /// A `hash` action had no key (its environment variable was unset): the value was masked.
    HashKeyUnavailable,
    /// A `tokenize` action had no key (no ring, no active key, or the record's key id is not
    /// in the ring): the value was masked.
    TokenKeyUnavailable,
}

impl FailReason {
    /// Every reason, in report order.
    pub const ALL: [FailReason; 7] = [
        FailReason::TooLarge,
        FailReason::TooDeep,
        FailReason::ScanBudget,
        FailReason::Undecidable,
        FailReason::InvalidUtf8,
        FailReason::HashKeyUnavailable,
        FailReason::TokenKeyUnavailable,
    ];

    /// A short stable name, also used in markers (`[REDACTED:too_large]`).
    pub fn name(self) -> &'static str {
        match self {
            FailReason::TooLarge => "too_large",
            FailReason::TooDeep => "too_deep",
            FailReason::ScanBudget => "scan_budget",
            FailReason::Undecidable => "undecidable",
            FailReason::InvalidUtf8 => "invalid_utf8",
            FailReason::HashKeyUnavailable => "hash_key_unavailable",
            FailReason::TokenKeyUnavailable => "token_key_unavailable",
        }
    }
}

/// Counts of what a series of redaction calls did. Create one with
/// [`crate::Engine::new_report`], pass it to the `*_with_report` calls, read it, reuse it.
///
/// # Example
/// ```
/// let engine = scrubjay::Engine::default();
/// let mut report = engine.new_report();
/// engine.redact_str_with_report("mail a@example.com or b@example.com", &mut report);
/// assert_eq!(report.count("email"), 2);
/// assert_eq!(report.action_count(scrubjay::ActionKind::Mask), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Report {
    names: Arc<[Box<str>]>,
    counts: Vec<u64>,
    actions: [u64; ActionKind::ALL.len()],
    failed: [u64; FailReason::ALL.len()],
    denied: u64,
}

impl Report {
    pub(crate) fn new(names: Arc<[Box<str>]>) -> Report {
        let n = names.len();
        Report {
            names,
            counts: vec![0; n],
            actions: [0; ActionKind::ALL.len()],
            failed: [0; FailReason::ALL.len()],
            denied: 0,
        }
    }

    pub(crate) fn add(&mut self, rule: usize, action: Option<ActionKind>) {
        if let Some(c) = self.counts.get_mut(rule) {
            *c += 1;
        }
        if let Some(a) = action {
            self.actions[ActionKind::ALL.iter().position(|&x| x == a).unwrap_or(0)] += 1;
        }
    }

    pub(crate) fn fail(&mut self, reason: FailReason) {
        self.add_fail_closed(reason, 1);
    }

    /// Counts `n` values failed closed for `reason` before they reached the engine: a binding
    /// that drops what it cannot hand over (text past its budget) counts it here, beside what
    /// the engine counted.
    pub fn add_fail_closed(&mut self, reason: FailReason, n: u64) {
        self.failed[FailReason::ALL
            .iter()
            .position(|&x| x == reason)
            .unwrap_or(0)] += n;
    }

    pub(crate) fn deny(&mut self) {
        self.denied += 1;
    }

    /// Redactions made by the rule (content rule id or field rule name).
    pub fn count(&self, rule: &str) -> u64 {
        self.names
            .iter()
            .zip(&self.counts)
            .filter(|(n, _)| &***n == rule)
            .map(|(_, c)| *c)
            .sum()
    }

    /// Every rule with a non-zero count, in policy order.
    pub fn counts(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.names
            .iter()
            .zip(&self.counts)
            .filter(|(_, &c)| c > 0)
            .map(|(n, &c)| (&**n, c))
    }

    /// Redactions made with this action.
    pub fn action_count(&self, action: ActionKind) -> u64 {
        self.actions[ActionKind::ALL
            .iter()
            .position(|&x| x == action)
            .unwrap_or(0)]
    }

    /// Values failed closed for this reason.
    pub fn fail_closed_count(&self, reason: FailReason) -> u64 {
        self.failed[FailReason::ALL
            .iter()
            .position(|&x| x == reason)
            .unwrap_or(0)]
    }

    /// Values failed closed, all reasons.
    pub fn fail_closed(&self) -> u64 {
        self.failed.iter().sum()
    }

    /// Attributes removed because `allow.keys` did not list them.
    pub fn denied(&self) -> u64 {
        self.denied
    }

    /// All redactions (every rule).
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Adds another report into this one. Reports of the same engine add rule by rule; a
    /// report of another engine adds by rule name, and the rules this one lacks are added to
    /// it, so that no count is lost or put under another rule.
    pub fn merge(&mut self, other: &Report) {
        if Arc::ptr_eq(&self.names, &other.names) || self.names == other.names {
            for (a, b) in self.counts.iter_mut().zip(&other.counts) {
                *a += b;
            }
        } else {
            self.merge_by_name(other);
        }
        for (a, b) in self.actions.iter_mut().zip(&other.actions) {
            *a += b;
        }
        for (a, b) in self.failed.iter_mut().zip(&other.failed) {
            *a += b;
        }
        self.denied += other.denied;
    }

    fn merge_by_name(&mut self, other: &Report) {
        let mut names: Vec<Box<str>> = self.names.to_vec();
        for (name, &n) in other.names.iter().zip(&other.counts) {
            match names.iter().position(|x| x == name) {
                Some(i) => self.counts[i] += n,
                None => {
                    names.push(name.clone());
                    self.counts.push(n);
                }
            }
        }
        if names.len() != self.names.len() {
            self.names = names.into();
        }
    }

    /// Zeroes every count.
    pub fn clear(&mut self) {
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.actions = [0; ActionKind::ALL.len()];
        self.failed = [0; FailReason::ALL.len()];
        self.denied = 0;
    }
}

/// One thing a scan found: which rule, where (byte range, key path), never the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The content rule id or field rule name.
    pub rule: String,
    /// The key path of the attribute, for structured scans.
    pub path: Option<String>,
    /// Start byte offset in the value.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

#[cfg(test)]
mod tests {
    use crate::{Engine, Policy};

    fn engine_with(json: &str) -> Engine {
        Engine::new(&Policy::from_json(json).expect("policy parses")).expect("policy compiles")
    }

    #[test]
    fn merge_adds_rule_by_rule_and_across_engines_by_name() {
        let default = Engine::default();
        let mut a = default.new_report();
        let mut b = default.new_report();
        default.redact_str_with_report("a@example.com and b@example.com", &mut a);
        default.redact_str_with_report("c@example.com card 4111 1111 1111 1111", &mut b);
        a.merge(&b);
        assert_eq!((a.count("email"), a.count("credit_card")), (3, 1));

        // Another engine's rules: the shared one adds by name, the new one joins.
        let custom = engine_with(
            r#"{"version": 1, "builtins": ["email"], "content": [{"id": "ticket", "pattern": "TCK-[0-9]{6}"}]}"#,
        );
        let mut c = custom.new_report();
        custom.redact_str_with_report("d@example.com TCK-123456", &mut c);
        a.merge(&c);
        assert_eq!(a.count("email"), 4);
        assert_eq!(a.count("ticket"), 1);
        assert_eq!(a.count("credit_card"), 1);
        assert_eq!(a.total(), 6);
    }
}

//! Small value classes returned to Python.

use std::collections::BTreeMap;
use std::sync::Mutex;

use pyo3::prelude::*;

/// One thing a scan found: the rule, where (character offsets into the scanned text, and the
/// key path for structured scans). Never the value itself.
#[pyclass(frozen, eq, module = "scrubjay")]
#[derive(Clone, PartialEq, Eq)]
pub struct Finding {
    /// The content rule id or field rule name.
    #[pyo3(get)]
    pub rule: String,
    /// Start offset (a `str` index).
    #[pyo3(get)]
    pub start: usize,
    /// End offset, exclusive.
    #[pyo3(get)]
    pub end: usize,
    /// The key path, for findings in structured values.
    #[pyo3(get)]
    pub path: Option<String>,
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!(
            "Finding(rule={:?}, start={}, end={}, path={})",
            self.rule,
            self.start,
            self.end,
            self.path
                .as_ref()
                .map_or("None".into(), |p| format!("{p:?}"))
        )
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (&self.rule, self.start, self.end, &self.path).hash(&mut h);
        h.finish()
    }
}

/// Counts of what was redacted: per rule, per action, and what was failed closed.
/// Pass one as `report=` to the redacting methods; it accumulates across calls and is safe to
/// share between threads.
#[pyclass(frozen, module = "scrubjay")]
pub struct Report {
    pub(crate) inner: Mutex<scrubjay::Report>,
}

impl Report {
    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, scrubjay::Report> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[pymethods]
impl Report {
    /// Redactions per rule id or field rule name.
    #[getter]
    fn counts(&self) -> BTreeMap<String, u64> {
        self.lock()
            .counts()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    /// Redactions per action (`mask`, `remove`, `hash`, `replace`, `partial`, `sanitize`,
    /// `tokenize`, `pseudonym`).
    #[getter]
    fn actions(&self) -> BTreeMap<&'static str, u64> {
        let r = self.lock();
        scrubjay::ActionKind::ALL
            .iter()
            .map(|k| (k.name(), r.action_count(*k)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Values failed closed, per reason (`too_large`, `too_deep`, `invalid_utf8`,
    /// `token_key_unavailable`, ...).
    #[getter]
    fn fail_closed(&self) -> BTreeMap<&'static str, u64> {
        let r = self.lock();
        scrubjay::FailReason::ALL
            .iter()
            .map(|k| (k.name(), r.fail_closed_count(*k)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Attributes removed because `allow.keys` does not list them.
    #[getter]
    fn denied(&self) -> u64 {
        self.lock().denied()
    }

    /// Every redaction, of every rule.
    #[getter]
    fn total(&self) -> u64 {
        self.lock().total()
    }

    /// Forgets every count.
    fn clear(&self) {
        self.lock().clear();
    }

    /// Adds the counts of `other` into this report (rule by rule; a report of another
    /// engine's rules adds by rule name). `other` is left as it was.
    fn merge(&self, other: &Report) {
        if std::ptr::eq(self, other) {
            let copy = self.lock().clone();
            self.lock().merge(&copy);
            return;
        }
        let other = other.lock().clone();
        self.lock().merge(&other);
    }

    fn __repr__(&self) -> String {
        format!("Report(total={}, counts={:?})", self.total(), self.counts())
    }
}

/// A sanitised `baggage` header and the members dropped from it.
#[pyclass(frozen, module = "scrubjay")]
pub struct SanitizedBaggage {
    /// The members kept.
    #[pyo3(get)]
    pub header: String,
    /// `(key, reason)` per dropped member; the key is None when the member had none.
    #[pyo3(get)]
    pub violations: Vec<(Option<String>, &'static str)>,
}

#[pymethods]
impl SanitizedBaggage {
    fn __repr__(&self) -> String {
        format!(
            "SanitizedBaggage(header={:?}, violations={:?})",
            self.header, self.violations
        )
    }
}

/// Whether a `traceparent` header is valid and, when it is not, why.
#[pyclass(frozen, module = "scrubjay")]
pub struct TraceparentCheck {
    /// True for a well-formed header with non-zero ids.
    #[pyo3(get)]
    pub valid: bool,
    /// The reason it is invalid (`format`, `version`, `trace_id_zero`, ...), or None.
    #[pyo3(get)]
    pub reason: Option<&'static str>,
}

#[pymethods]
impl TraceparentCheck {
    fn __bool__(&self) -> bool {
        self.valid
    }

    fn __repr__(&self) -> String {
        format!(
            "TraceparentCheck(valid={}, reason={})",
            if self.valid { "True" } else { "False" },
            self.reason.map_or("None".into(), |r| format!("{r:?}"))
        )
    }
}

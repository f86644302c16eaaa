//! `scrubjay.Engine`: a compiled policy, shared freely between threads.

use std::borrow::Cow;

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::convert::{self, rebuild, Converter};
use crate::errors::policy_error;
use crate::keyring::KeyRing;
use crate::types::{Finding, Report, SanitizedBaggage, TraceparentCheck};
use scrubjay::AttributeOutcome;

/// Strings at least this long are redacted with the GIL released.
const DETACH_BYTES: usize = 16 * 1024;

/// A compiled redaction policy.
///
/// >>> import scrubjay
/// >>> engine = scrubjay.Engine()
/// >>> engine.redact("card 4111 1111 1111 1111 for john.doe@company.com")
/// 'card [REDACTED:credit_card] for [REDACTED:email]'
/// >>> engine.redact_attributes({"db.password": "hunter2", "http.status_code": 200})
/// {'db.password': '[REDACTED:password]', 'http.status_code': 200}
#[pyclass(frozen, module = "scrubjay")]
pub struct Engine {
    inner: scrubjay::Engine,
}

fn compile(py: Python<'_>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<scrubjay::Engine> {
    let Some(policy) = policy.filter(|p| !p.is_none()) else {
        return Ok(scrubjay::Engine::default());
    };
    let parsed = if let Ok(text) = policy.cast::<PyString>() {
        let text = text.to_cow()?;
        scrubjay::Policy::parse(&text)
    } else if policy.is_instance_of::<PyDict>() {
        let value = Converter::new(&scrubjay::Limits::default()).root(policy)?;
        scrubjay::Policy::from_value(value)
    } else {
        return Err(PyTypeError::new_err(
            "policy must be None, a dict, or JSON or YAML text",
        ));
    };
    parsed
        .and_then(|p| scrubjay::Engine::new(&p))
        .map_err(|e| policy_error(py, &e))
}

/// Runs `f` counting into a private report, then adds those counts to `report` under its
/// lock. The lock is never held while `f` runs: `f` may release and retake the GIL, and a
/// thread waiting on the lock with the GIL held would then deadlock with it.
fn with_report<T>(
    report: Option<&Report>,
    f: impl FnOnce(Option<&mut scrubjay::Report>) -> T,
) -> T {
    match report {
        Some(r) => {
            let mut local = r.lock().clone();
            local.clear();
            let out = f(Some(&mut local));
            r.lock().merge(&local);
            out
        }
        None => f(None),
    }
}

/// Runs `f` with the GIL released when the input is long enough to be worth it.
fn maybe_detach<T: Send>(py: Python<'_>, bytes: usize, f: impl Send + FnOnce() -> T) -> T {
    if bytes >= DETACH_BYTES {
        py.detach(f)
    } else {
        f()
    }
}

#[pymethods]
impl Engine {
    /// Compiles `policy`: None for the default policy, a dict, or JSON or YAML text.
    /// Raises `PolicyError` (a `ValueError`) naming the rule, the field and the position.
    #[new]
    #[pyo3(signature = (policy=None))]
    fn new(py: Python<'_>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Engine> {
        Ok(Engine {
            inner: compile(py, policy)?,
        })
    }

    /// Reads and compiles a policy file (JSON or YAML).
    #[staticmethod]
    fn from_file(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Engine> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PyOSError::new_err(format!("{}: {e}", path.display())))?;
        let inner = scrubjay::Engine::from_policy_text(&text).map_err(|e| policy_error(py, &e))?;
        Ok(Engine { inner })
    }

    /// A new, empty `Report` for this engine's rules.
    fn new_report(&self) -> Report {
        Report {
            inner: std::sync::Mutex::new(self.inner.new_report()),
        }
    }

    /// Redacts one string. A string with nothing to redact comes back as the same object.
    #[pyo3(signature = (text, report=None))]
    fn redact<'py>(
        &self,
        text: &Bound<'py, PyString>,
        report: Option<&Bound<'py, Report>>,
    ) -> PyResult<Bound<'py, PyString>> {
        let py = text.py();
        let s: PyBackedStr = text.extract()?;
        let report = report.map(Bound::get);
        let out = maybe_detach(py, s.len(), || {
            with_report(report, |r| {
                let redacted = match r {
                    Some(r) => self.inner.redact_str_with_report(&s, r),
                    None => self.inner.redact_str(&s),
                };
                match redacted {
                    Cow::Borrowed(_) => None,
                    Cow::Owned(o) => Some(o),
                }
            })
        });
        Ok(match out {
            None => text.clone(),
            Some(o) => PyString::new(py, &o),
        })
    }

    /// Redacts bytes at byte level (invalid UTF-8 included).
    #[pyo3(signature = (data, report=None))]
    fn redact_bytes<'py>(
        &self,
        data: &Bound<'py, PyBytes>,
        report: Option<&Bound<'py, Report>>,
    ) -> Bound<'py, PyBytes> {
        let py = data.py();
        let bytes = data.as_bytes();
        let out = with_report(report.map(Bound::get), |r| match r {
            Some(r) => self.inner.redact_bytes_with_report(bytes, r),
            None => self.inner.redact_bytes(bytes),
        });
        match out {
            Cow::Borrowed(_) => data.clone(),
            Cow::Owned(o) => PyBytes::new(py, &o),
        }
    }

    /// Redacts a mapping of attributes, walking nested dicts, lists and tuples: every key path
    /// goes through the field rules, every string (and long integer) through the content
    /// rules. Returns a new dict; ints, floats, bools and None stay typed, and values with
    /// nothing to redact are the original objects.
    #[pyo3(signature = (attributes, report=None))]
    fn redact_attributes<'py>(
        &self,
        attributes: &Bound<'py, PyAny>,
        report: Option<&Bound<'py, Report>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !attributes.is_instance_of::<PyDict>()
            && attributes.cast::<pyo3::types::PyMapping>().is_err()
        {
            return Err(PyTypeError::new_err("attributes must be a mapping"));
        }
        with_report(report.map(Bound::get), |r| {
            match attributes.cast::<PyDict>() {
                Ok(d) if !convert::looks_like_otlp_pair(d)? => self.redact_dict(d, r),
                _ => self.redact_tree(attributes, r),
            }
        })
    }

    /// What the policy would redact in `text`: a list of `Finding` with `str` offsets.
    fn scan(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<Finding>> {
        let s: PyBackedStr = text.extract()?;
        let findings = maybe_detach(text.py(), s.len(), || self.inner.scan_str(&s));
        let to_chars = CharOffsets::new(&s);
        Ok(findings
            .into_iter()
            .map(|f| Finding {
                rule: f.rule,
                start: to_chars.at(f.start),
                end: to_chars.at(f.end),
                path: f.path,
            })
            .collect())
    }

    /// The URL sanitizer: credentials, sensitive query values and fragments go; the content
    /// rules run over the rest.
    fn sanitize_url(&self, url: &str) -> String {
        self.inner.sanitize_url(url)
    }

    /// The SQL normaliser: literals become `?`, lists collapse, comments go. `dialect` names
    /// the database the statement was written for (`postgresql`, `mysql`, `mariadb`, `mssql`,
    /// `oracle`, `sqlite`, `generic`, or an OpenTelemetry `db.system.name` value such as
    /// `microsoft.sql_server`); None reads it in no dialect. Raises `ValueError` for any other
    /// name.
    #[pyo3(signature = (sql, dialect=None))]
    fn normalize_sql(&self, sql: &str, dialect: Option<&str>) -> PyResult<String> {
        let dialect = match dialect {
            None => scrubjay::SqlDialect::Generic,
            Some(name) => name
                .parse::<scrubjay::SqlDialect>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        };
        Ok(self.inner.normalize_sql_as(sql, dialect))
    }

    /// The header sanitizer for one header (`authorization`, `cookie`, secret headers, ...).
    fn sanitize_header(&self, name: &str, value: &str) -> String {
        self.inner.sanitize_header(name, value)
    }

    /// Enforces the policy's baggage rules on a `baggage` header.
    fn sanitize_baggage(&self, header: &str) -> SanitizedBaggage {
        let out = self.inner.sanitize_baggage(header);
        SanitizedBaggage {
            header: out.header,
            violations: out
                .violations
                .into_iter()
                .map(|v| (v.key, v.reason))
                .collect(),
        }
    }

    /// Checks a `traceparent` header (format, version, non-zero ids).
    fn validate_traceparent(&self, header: &str) -> TraceparentCheck {
        match scrubjay::validate_traceparent(header) {
            Ok(()) => TraceparentCheck {
                valid: true,
                reason: None,
            },
            Err(e) => TraceparentCheck {
                valid: false,
                reason: Some(e.reason()),
            },
        }
    }

    /// `text` with the tokens of this engine's policy (its `tokenize.template`) replaced by the
    /// values they stand for, where `keys` holds the key each names. A token whose key the
    /// ring does not hold, or that does not open under it (changed, or made with other bytes
    /// under the same id), is left as it is; a text with no token opened comes back as the
    /// same object.
    fn reveal<'py>(
        &self,
        text: &Bound<'py, PyString>,
        keys: &Bound<'py, KeyRing>,
    ) -> PyResult<Bound<'py, PyString>> {
        let py = text.py();
        let s: PyBackedStr = text.extract()?;
        let keys = &keys.get().inner;
        let out = maybe_detach(py, s.len(), || self.inner.reveal(&s, keys));
        let opened = out
            .tokens
            .iter()
            .any(|t| t.outcome == scrubjay::RevealOutcome::Revealed);
        Ok(match opened {
            true => PyString::new(py, &out.text),
            false => text.clone(),
        })
    }

    /// The ids of the content rules, in policy order.
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.inner.content_rule_ids().map(str::to_owned).collect()
    }

    /// Warnings the policy compiled with (for example a hash key read from an unset variable).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.warnings().to_vec()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}

impl Engine {
    /// A dict, entry by entry: a scalar value is one `redact_attribute` call under its key
    /// (what the core's walk does for a scalar child of the root), a container goes through
    /// the core's tree walk under the same key (`core/src/structured/mod.rs`). That is the
    /// core's walk of the whole dict as long as the dict stays within `limits.max_nodes`; a
    /// dict that does not is walked whole instead, so that the values past the budget are the
    /// core's; and so is a dict that holds a container and says something about all its values
    /// (what `AttributeScope::note` reads: the SQL dialect of its `db.system.name` or
    /// `db.system`, the token key of a `tokenize.key_id_from` attribute), which the core's walk
    /// applies to the nested values too.
    fn redact_dict<'py>(
        &self,
        d: &Bound<'py, PyDict>,
        mut report: Option<&mut scrubjay::Report>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = d.py();
        let max_nodes = self.inner.policy().limits.max_nodes;
        if d.len() >= max_nodes {
            return self.redact_tree(d.as_any(), report);
        }
        // The dict itself and its values so far, counted as the core's walk counts them.
        let mut nodes = 1;
        // A plain-dict copy in the same order, then only what changed is written: a replaced
        // value keeps its key's place, a removed key goes. A subclass is copied item by item
        // from its storage (what is scanned), never through an overridden `keys()`.
        let out = if d.is_exact_instance_of::<PyDict>() {
            d.copy()?
        } else {
            let out = PyDict::new(py);
            for (k, v) in d.iter() {
                out.set_item(k, v)?;
            }
            out
        };
        let mut scope = self.inner.attribute_scope();
        let noted = note_all(&out, &mut scope)?;
        let mut removed: Vec<Bound<'py, PyAny>> = Vec::new();
        // Whether a value is nested, and whether one changed (it may hold a secret that the
        // other values repeat).
        let (mut nested, mut nested_changed) = (false, false);
        let mut items = PrivateItems::new(&out);
        // One converter for every entry: a container is entered once in the whole dict.
        let mut converter = self.converter();
        converter.enclosed_by(d.as_any());
        while let Some((k, v)) = items.next() {
            let key = convert::key_text(&k)?;
            let Some(scalar) = convert::Host::of(&v)? else {
                if noted {
                    // The core's walk reads a nested value in what this dict said (its
                    // statements' dialect, its tokens' key); walked alone under its key, it
                    // would be read without.
                    return self.redact_dict_whole(d, report);
                }
                let one = PyDict::new(py);
                one.set_item(k, v)?;
                // `d` is an ancestor of the value too. `one` takes the place of the node before
                // the value, so that the value is counted, and cut, where the core's walk of
                // the whole of `d` counts it.
                converter.nodes = nodes - 1;
                converter.bytes = 0;
                let before = converter.root(one.as_any())?;
                nodes = converter.nodes;
                if nodes > max_nodes {
                    return self.redact_dict_whole(d, report);
                }
                let (tree, changed) = self.redact_converted(
                    one.as_any(),
                    before,
                    (converter.bytes, std::mem::take(&mut converter.dropped)),
                    report.as_deref_mut(),
                )?;
                nested = true;
                nested_changed |= changed;
                match tree.cast::<PyDict>()?.get_item(k)? {
                    Some(value) => out.set_item(k, value)?,
                    None => removed.push(k.to_owned()),
                }
                continue;
            };
            nodes += 1;
            if nodes > max_nodes {
                return self.redact_dict_whole(d, report);
            }
            if !converter.fits_text(scalar.len()) {
                // Past the text budget, as the tree conversion drops it.
                out.set_item(k, py.None())?;
                if let Some(r) = report.as_deref_mut() {
                    r.add_fail_closed(scrubjay::FailReason::TooLarge, 1);
                }
                continue;
            }
            let r = report.as_deref_mut();
            let outcome = maybe_detach(py, scalar.len(), || {
                scope.redact(&key, scalar.as_scalar(), r)
            });
            match outcome {
                AttributeOutcome::Keep | AttributeOutcome::Replace(Cow::Borrowed(_)) => {}
                AttributeOutcome::Remove => removed.push(k.to_owned()),
                AttributeOutcome::Replace(Cow::Owned(new)) => out.set_item(k, new)?,
            }
        }
        for k in removed {
            out.del_item(k)?;
        }
        if nested_changed || (nested && scope.has_repeats()) {
            // A secret repeats across the whole record, nested values too: the core's walk of
            // the whole dict masks it wherever it is.
            drop(scope);
            return self.redact_dict_whole(d, report);
        }
        if scope.has_repeats() {
            self.mask_repeats(&out, &mut scope, report)?;
        }
        Ok(out.into_any())
    }

    /// The second pass over a dict of scalars that held a secret: each string value, as it
    /// came out, masked where it repeats a secret found in another value.
    fn mask_repeats(
        &self,
        out: &Bound<'_, PyDict>,
        scope: &mut scrubjay::AttributeScope<'_>,
        mut report: Option<&mut scrubjay::Report>,
    ) -> PyResult<()> {
        let mut masked = Vec::new();
        for (k, v) in out.iter() {
            let Ok(text) = v.cast::<PyString>() else {
                continue;
            };
            let key = convert::key_text(&k)?;
            if let Some(new) = scope.mask_repeats(&key, &text.to_cow()?, report.as_deref_mut()) {
                masked.push((k, new));
            }
        }
        for (k, new) in masked {
            out.set_item(k, new)?;
        }
        Ok(())
    }

    /// `d` through the core's tree walk, after `redact_dict` went part of the way and found it
    /// past `limits.max_nodes`: the report only holds this call's counts (see `with_report`),
    /// so it starts again from nothing.
    fn redact_dict_whole<'py>(
        &self,
        d: &Bound<'py, PyDict>,
        mut report: Option<&mut scrubjay::Report>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Some(r) = report.as_deref_mut() {
            r.clear();
        }
        self.redact_tree(d.as_any(), report)
    }

    fn converter(&self) -> Converter {
        Converter::new(&self.inner.policy().limits)
    }

    /// Any value, converted for the core's tree walk and rebuilt.
    fn redact_tree<'py>(
        &self,
        attributes: &Bound<'py, PyAny>,
        report: Option<&mut scrubjay::Report>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut converter = self.converter();
        let before = converter.root(attributes)?;
        let (tree, _) = self.redact_converted(
            attributes,
            before,
            (converter.bytes, converter.dropped),
            report,
        )?;
        Ok(tree)
    }

    /// `attributes`, converted into `before` (`bytes` of text), through the core's tree walk
    /// and rebuilt; and whether the walk changed anything.
    fn redact_converted<'py>(
        &self,
        attributes: &Bound<'py, PyAny>,
        before: serde_json::Value,
        converted: (usize, u64),
        report: Option<&mut scrubjay::Report>,
    ) -> PyResult<(Bound<'py, PyAny>, bool)> {
        let (bytes, dropped) = converted;
        let mut after = before.clone();
        maybe_detach(attributes.py(), bytes, || match report {
            Some(r) => {
                self.inner.redact_json_with_report(&mut after, r);
                r.add_fail_closed(scrubjay::FailReason::TooLarge, dropped);
            }
            None => self.inner.redact_json(&mut after),
        });
        let changed = before != after;
        Ok((rebuild(attributes, &before, &after)?, changed))
    }
}

/// Tells `scope` each attribute of `d` that it reads (`AttributeScope::note`), before any
/// value is redacted, by asking the dict for those few keys; returns whether one was text.
fn note_all(d: &Bound<'_, PyDict>, scope: &mut scrubjay::AttributeScope<'_>) -> PyResult<bool> {
    let py = d.py();
    let mut noted = false;
    let mut note = |scope: &mut scrubjay::AttributeScope<'_>, key: &str, value| -> PyResult<()> {
        match convert::Host::of(&value)? {
            Some(convert::Host::Text(text)) => {
                scope.note(key, &text);
                noted = true;
            }
            _ => scope.note_non_string(key),
        }
        Ok(())
    };
    for (key, name) in [
        ("db.system.name", intern!(py, "db.system.name")),
        ("db.system", intern!(py, "db.system")),
    ] {
        if let Some(value) = d.get_item(name)? {
            note(scope, key, value)?;
        }
    }
    // The policy's `tokenize.key_id_from` keys, after the two the scope always reads (no
    // allocation when the policy names none).
    let named: Vec<String> = scope.read_keys().skip(2).map(str::to_owned).collect();
    for key in &named {
        if let Some(value) = d.get_item(key)? {
            note(scope, key, value)?;
        }
    }
    Ok(noted)
}

/// The items of a dict that this module created and has not handed out, as borrowed
/// references: no reference counting per item (in the stable ABI every count is a call).
/// Nothing else can reach such a dict, so its keys and values live as long as it does; the
/// caller may replace values of existing keys while walking (which `PyDict_Next` allows) but
/// must not add or remove keys until the walk is over.
struct PrivateItems<'a, 'py> {
    dict: &'a Bound<'py, PyDict>,
    pos: pyo3::ffi::Py_ssize_t,
}

impl<'a, 'py> PrivateItems<'a, 'py> {
    fn new(dict: &'a Bound<'py, PyDict>) -> Self {
        PrivateItems { dict, pos: 0 }
    }

    fn next(&mut self) -> Option<(Borrowed<'a, 'py, PyAny>, Borrowed<'a, 'py, PyAny>)> {
        let (mut k, mut v) = (std::ptr::null_mut(), std::ptr::null_mut());
        // SAFETY: `dict` is a live dict (borrowed for 'a); `PyDict_Next` only reads it and
        // returns borrowed references, which stay valid while the dict keeps them: nothing
        // but the caller can change it, and the caller only replaces values it has read.
        #[allow(unsafe_code)]
        unsafe {
            if pyo3::ffi::PyDict_Next(self.dict.as_ptr(), &mut self.pos, &mut k, &mut v) == 0 {
                return None;
            }
            let py = self.dict.py();
            Some((Borrowed::from_ptr(py, k), Borrowed::from_ptr(py, v)))
        }
    }
}

/// The embedded default policy, as JSON text.
#[pyfunction]
pub fn default_policy() -> &'static str {
    scrubjay::DEFAULT_POLICY_JSON
}

/// Byte offsets to `str` (code point) offsets.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
        }
    }

    fn at(&self, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            let byte = byte.min(self.text.len());
            self.text.as_bytes()[..byte]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count()
        }
    }
}

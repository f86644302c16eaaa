//! Python values to the core's JSON values and back, walking dicts, lists and tuples natively
//! (nothing is serialised). Scalars that come back unchanged are returned as the very objects
//! that went in.

use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PyMapping, PySet,
    PyString, PyTuple,
};
use scrubjay::Scalar;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;

/// Converts Python values for the core, within the policy's limits (the core's walk and how it
/// counts are specified in `core/src/structured/mod.rs`):
///
/// - every value (container or scalar) is one node, counted depth-first from the root, dict
///   keys in insertion order, sequences in order, as the core's walk counts them; past
///   `max_nodes + 1` nodes every value becomes `null` without being looked into, and the core
///   fails those closed. A structure that shares its parts (a chain of dicts that each hold
///   their child twice) would otherwise expand to an exponential tree;
/// - each container is entered once, by identity: one that is its own ancestor becomes the
///   string `"[Circular]"`, one met again by another path `"[Shared]"` (it is written where it
///   was first met), so a structure costs what its containers number however often they are
///   reached;
/// - strings (and bytes) count their length against 16 times `max_value_bytes`: past it they
///   become `null` and are counted in `dropped`, so that one string reached from many places
///   cannot grow into gigabytes;
/// - containers nested `max_depth` deep become `{}`, which the core replaces by its too-deep
///   marker.
///
/// `bytes` counts the string bytes seen, to decide whether to release the GIL.
pub struct Converter {
    max_depth: usize,
    max_nodes: usize,
    /// Values converted so far.
    pub nodes: usize,
    /// String bytes converted so far.
    pub bytes: usize,
    /// Values dropped past the text budget.
    pub dropped: u64,
    /// Text counted against the budget in the whole value (`bytes` may start again for a
    /// part of it).
    text_used: usize,
    max_text: usize,
    /// The containers on the current path, by identity.
    ancestors: Vec<*mut pyo3::ffi::PyObject>,
    /// The containers entered so far, by identity; `alive` holds a reference to each, so that
    /// no address is freed and reused by another object during the call.
    seen: std::collections::HashSet<usize>,
    alive: Vec<Py<PyAny>>,
}

/// What a container that contains itself is written as.
pub const CIRCULAR: &str = "[Circular]";
/// What a container met again by another path is written as.
pub const SHARED: &str = "[Shared]";

impl Converter {
    /// A converter for the engine's limits.
    pub fn new(limits: &scrubjay::Limits) -> Converter {
        Converter {
            max_depth: limits.max_depth,
            max_nodes: limits.max_nodes,
            nodes: 0,
            bytes: 0,
            dropped: 0,
            text_used: 0,
            max_text: limits.max_value_bytes.saturating_mul(16),
            ancestors: Vec::new(),
            seen: std::collections::HashSet::new(),
            alive: Vec::new(),
        }
    }

    /// Counts a string of `len` bytes; whether it is within the text budget.
    pub fn fits_text(&mut self, len: usize) -> bool {
        self.bytes += len;
        self.text_used += len;
        self.text_used <= self.max_text
    }

    /// A string of `len` bytes, or `None` past the text budget (counted as dropped).
    fn text(&mut self, len: usize) -> Option<()> {
        if self.fits_text(len) {
            return Some(());
        }
        self.dropped += 1;
        None
    }

    /// Counts `container` as an ancestor of everything converted next (a value taken out of
    /// it and converted on its own).
    pub fn enclosed_by(&mut self, container: &Bound<'_, PyAny>) {
        self.ancestors.push(container.as_ptr());
    }

    /// Converts `obj` as the root of a structure.
    pub fn root(&mut self, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
        self.convert(obj, 0)
    }

    fn convert(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
        self.nodes += 1;
        if self.nodes > self.max_nodes.saturating_add(1) {
            return Ok(Value::Null);
        }
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let s = s.to_cow()?;
            return Ok(self
                .text(s.len())
                .map_or(Value::Null, |()| Value::String(s.into_owned())));
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if obj.is_instance_of::<PyInt>() {
            if let Ok(i) = obj.extract::<i64>() {
                return Ok(Value::Number(i.into()));
            }
            if let Ok(u) = obj.extract::<u64>() {
                return Ok(Value::Number(u.into()));
            }
            // Beyond 64 bits: scanned as its digits.
            return Ok(Value::String(obj.str()?.to_cow()?.into_owned()));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            // NaN and infinities carry no data; they are kept as they are.
            return Ok(Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
        }
        if is_container(obj) {
            if self.ancestors.contains(&obj.as_ptr()) {
                return Ok(Value::String(CIRCULAR.into()));
            }
            if !self.seen.insert(obj.as_ptr() as usize) {
                return Ok(Value::String(SHARED.into()));
            }
            self.alive.push(obj.clone().unbind());
            if depth >= self.max_depth {
                return Ok(Value::Object(Map::new()));
            }
            self.ancestors.push(obj.as_ptr());
            let out = self.container(obj, depth);
            self.ancestors.pop();
            return out;
        }
        if let Ok(b) = obj.cast::<PyBytes>() {
            return Ok(self.text(b.as_bytes().len()).map_or(Value::Null, |()| {
                Value::String(String::from_utf8_lossy(b.as_bytes()).into_owned())
            }));
        }
        if let Ok(b) = obj.cast::<PyByteArray>() {
            if self.text(b.len()).is_none() {
                return Ok(Value::Null);
            }
            return Ok(Value::String(
                String::from_utf8_lossy(&b.to_vec()).into_owned(),
            ));
        }
        // Anything else (dates, enums, custom objects) is scanned as its `str()`.
        let s = obj.str()?.to_cow()?.into_owned();
        Ok(self
            .text(s.len())
            .map_or(Value::Null, |()| Value::String(s)))
    }

    /// The items of a dict, sequence or mapping (the caller has checked it is one).
    fn container(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
        if let Ok(d) = obj.cast::<PyDict>() {
            let mut map = Map::new();
            for (k, v) in d.iter() {
                let v = self.convert(&v, depth + 1)?;
                map.insert(key_text(&k)?.into_owned(), v);
            }
            return Ok(Value::Object(map));
        }
        if is_sequence(obj) {
            let mut items = Vec::new();
            for item in obj.try_iter()? {
                items.push(self.convert(&item?, depth + 1)?);
            }
            return Ok(Value::Array(items));
        }
        let mut map = Map::new();
        for pair in obj.cast::<PyMapping>()?.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
            let v = self.convert(&v, depth + 1)?;
            map.insert(key_text(&k)?.into_owned(), v);
        }
        Ok(Value::Object(map))
    }
}

/// Whether a dict has the shape of an OTLP key/value pair (`{"key": str, "value": dict}`),
/// which the core's tree walk names by its `key` field.
pub fn looks_like_otlp_pair(d: &Bound<'_, PyDict>) -> PyResult<bool> {
    if d.len() != 2 {
        return Ok(false);
    }
    let key = d.get_item("key")?;
    let value = d.get_item("value")?;
    Ok(key.is_some_and(|k| k.is_instance_of::<PyString>())
        && value.is_some_and(|v| v.cast::<PyMapping>().is_ok()))
}

/// A scalar attribute value, held in the form the core takes.
pub enum Host<'a> {
    /// None, a bool, a number (non-finite floats count as None: they carry no data).
    Plain(Scalar<'static>),
    /// Text: a `str` (borrowed from the object), decoded `bytes`, digits of a big int, or
    /// `str()` of another object.
    Text(Cow<'a, str>),
}

impl<'a> Host<'a> {
    /// The scalar form of `obj`, or None for a container. The exact built-in scalar types
    /// are recognised first (one type check each); anything else goes through the general
    /// conversion, which also recognises containers.
    pub fn of(obj: &'a Bound<'_, PyAny>) -> PyResult<Option<Host<'a>>> {
        if let Ok(s) = obj.cast_exact::<PyString>() {
            return Ok(Some(Host::Text(str_text(s)?)));
        }
        if obj.is_none() {
            return Ok(Some(Host::Plain(Scalar::Null)));
        }
        if obj.is_exact_instance_of::<PyBool>() {
            return Ok(Some(Host::Plain(Scalar::Bool(obj.is_truthy()?))));
        }
        if let Ok(f) = obj.cast_exact::<PyFloat>() {
            let x = f.value();
            return Ok(Some(Host::Plain(if x.is_finite() {
                Scalar::Float(x)
            } else {
                Scalar::Null
            })));
        }
        if obj.is_exact_instance_of::<PyInt>() {
            if let Ok(i) = obj.extract::<i64>() {
                return Ok(Some(Host::Plain(Scalar::Int(i))));
            }
        }
        if is_container(obj) {
            return Ok(None);
        }
        let mut scalar = Converter::new(&scrubjay::Limits::default());
        Ok(Some(match scalar.root(obj)? {
            Value::Null => Host::Plain(Scalar::Null),
            Value::Bool(b) => Host::Plain(Scalar::Bool(b)),
            Value::Number(n) => Host::Plain(match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Scalar::Int(i),
                (None, Some(u)) => Scalar::UInt(u),
                _ => Scalar::Float(n.as_f64().unwrap_or(0.0)),
            }),
            Value::String(s) => Host::Text(Cow::Owned(s)),
            Value::Array(_) | Value::Object(_) => return Ok(None),
        }))
    }

    /// The value as the core's [`Scalar`].
    pub fn as_scalar(&self) -> Scalar<'_> {
        match self {
            Host::Plain(s) => *s,
            Host::Text(t) => Scalar::Str(t),
        }
    }

    /// Its size in bytes (text only).
    pub fn len(&self) -> usize {
        match self {
            Host::Plain(_) => 0,
            Host::Text(t) => t.len(),
        }
    }
}

/// The UTF-8 text of a `str`. CPython keeps it inside the string object (an ASCII string is
/// its own UTF-8), so it is borrowed, not copied; only builds for Windows, where the stable
/// ABI of Python 3.9 does not export that call, copy it.
pub fn str_text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    #[cfg(not(windows))]
    {
        let mut size: pyo3::ffi::Py_ssize_t = 0;
        // SAFETY: `s` is a live `str` (the borrow keeps it alive for 'a); on success CPython
        // returns a pointer to `size` bytes of valid UTF-8 (it encodes strictly: a lone
        // surrogate is an error, not bytes) that it owns and keeps until the string is freed.
        #[allow(unsafe_code)]
        unsafe {
            let data = utf8_of_str::PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size);
            if data.is_null() {
                // A lone surrogate cannot be encoded: the same UnicodeEncodeError `str.encode`
                // raises.
                return Err(PyErr::fetch(s.py()));
            }
            let bytes = std::slice::from_raw_parts(data.cast::<u8>(), size as usize);
            Ok(Cow::Borrowed(std::str::from_utf8_unchecked(bytes)))
        }
    }
    #[cfg(windows)]
    {
        s.to_cow()
    }
}

#[cfg(not(windows))]
#[allow(unsafe_code)]
mod utf8_of_str {
    use pyo3::ffi::{PyObject, Py_ssize_t};
    use std::os::raw::c_char;
    extern "C" {
        /// Part of the stable ABI from Python 3.10 and exported by every CPython 3 (pyo3-ffi
        /// declares it only for 3.10+ builds of the stable ABI).
        pub fn PyUnicode_AsUTF8AndSize(
            unicode: *mut PyObject,
            size: *mut Py_ssize_t,
        ) -> *const c_char;
    }
}

/// Lists, tuples and sets: walked item by item, under their parent's key.
fn is_sequence(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>()
        || obj.is_instance_of::<PySet>()
        || obj.is_instance_of::<PyFrozenSet>()
}

/// Mappings and sequences (a `str` is neither, whatever protocols it follows).
fn is_container(obj: &Bound<'_, PyAny>) -> bool {
    !obj.is_instance_of::<PyString>()
        && (obj.is_instance_of::<PyDict>() || is_sequence(obj) || obj.cast::<PyMapping>().is_ok())
}

/// The text of a mapping key: the string itself, or `str(key)`.
pub fn key_text<'a>(k: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    if let Ok(s) = k.cast_exact::<PyString>() {
        return str_text(s);
    }
    match k.cast::<PyString>() {
        Ok(s) => str_text(s),
        Err(_) => Ok(Cow::Owned(k.str()?.to_cow()?.into_owned())),
    }
}

/// Builds the Python result: `original` shaped like `before`, redacted into `after`.
/// Mappings come back as new dicts, lists and tuples as new lists and tuples; scalars that did
/// not change are the original objects.
pub fn rebuild<'py>(
    original: &Bound<'py, PyAny>,
    before: &Value,
    after: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    let py = original.py();
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let out = PyDict::new(py);
            let items: Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)> = match original.cast::<PyDict>()
            {
                Ok(d) => d.iter().collect(),
                Err(_) => original
                    .cast::<PyMapping>()?
                    .items()?
                    .iter()
                    .map(|p| p.extract())
                    .collect::<PyResult<_>>()?,
            };
            for (k, v) in items {
                let key = key_text(&k)?;
                if let (Some(bv), Some(av)) = (b.get(&*key), a.get(&*key)) {
                    out.set_item(k, rebuild(&v, bv, av)?)?;
                }
            }
            // Keys the core added (an OTLP `intValue` redacted into a `stringValue`).
            for (k, av) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                out.set_item(k, from_value(py, av)?)?;
            }
            Ok(out.into_any())
        }
        (Value::Array(b), Value::Array(a)) if b.len() == a.len() => {
            let mut items = Vec::with_capacity(a.len());
            for ((orig, bv), av) in original.try_iter()?.zip(b).zip(a) {
                items.push(rebuild(&orig?, bv, av)?);
            }
            if original.is_instance_of::<PyTuple>() {
                Ok(PyTuple::new(py, items)?.into_any())
            } else {
                Ok(PyList::new(py, items)?.into_any())
            }
        }
        _ if before == after && converted_as_is(original, before) => Ok(original.clone()),
        _ => from_value(py, after),
    }
}

/// Whether `before` is the conversion of the scalar `original` itself, not a stand-in for a
/// value the conversion did not look into (a container written as `"[Circular]"`, `{}` past
/// the depth limit, or `null` past the node budget): only then may the original object be
/// handed back.
fn converted_as_is(original: &Bound<'_, PyAny>, before: &Value) -> bool {
    match before {
        Value::Object(_) | Value::Array(_) => false,
        Value::String(_) if original.is_exact_instance_of::<PyString>() => true,
        Value::Null => original.is_none() || original.is_instance_of::<PyFloat>(),
        _ => !is_container(original),
    }
}

/// A core value as a fresh Python object.
pub fn from_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(from_value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, from_value(py, item)?)?;
            }
            d.into_any()
        }
    })
}

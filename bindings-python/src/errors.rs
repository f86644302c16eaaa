//! `scrubjay.PolicyError`, carrying the rule, the field and the position.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    scrubjay,
    PolicyError,
    PyValueError,
    "An invalid policy. `rule`, `field`, `position`, `line` and `column` say where (each may be None)."
);

/// Converts a core policy error into a `PolicyError` with its attributes set.
pub fn policy_error(py: Python<'_>, e: &scrubjay::PolicyError) -> PyErr {
    let err = PolicyError::new_err(e.to_string());
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("rule", e.rule.as_deref())?;
        value.setattr("field", e.field.as_deref())?;
        value.setattr("position", e.position)?;
        value.setattr("line", e.line)?;
        value.setattr("column", e.column)?;
        value.setattr("message", e.message.as_str())?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}

create_exception!(
    scrubjay,
    KeyRingError,
    PyValueError,
    "A key ring that cannot be read: the file, its JSON, or one of its keys. The message says \
     what and where, never a key's bytes."
);

/// Converts a core key ring error into a `KeyRingError` with the core's message.
pub fn key_ring_error(e: &scrubjay::KeyRingError) -> PyErr {
    KeyRingError::new_err(e.to_string())
}

//! `scrubjay.KeyRing`: the token keys `Engine.reveal` opens tokens with.

use pyo3::prelude::*;

use crate::errors::key_ring_error;

/// Token keys by id, one of them active, loaded from a key ring file or its JSON text:
/// `{"version": 1, "active": "k2", "keys": [{"id": "k1", "key": "<base64url>"}, ...]}`.
/// Only the ids are readable from Python; the keys stay in the native object (wiped when it
/// is freed) and never appear in its `repr`.
#[pyclass(frozen, module = "scrubjay")]
pub struct KeyRing {
    pub(crate) inner: scrubjay::KeyRing,
}

#[pymethods]
impl KeyRing {
    /// Reads a key ring file (JSON). Raises `KeyRingError` (a `ValueError`) naming the file
    /// and what is wrong with it.
    #[staticmethod]
    fn from_file(path: std::path::PathBuf) -> PyResult<KeyRing> {
        let inner = scrubjay::KeyRing::from_file(&path).map_err(|e| key_ring_error(&e))?;
        Ok(KeyRing { inner })
    }

    /// Reads a key ring from its JSON text. Raises `KeyRingError` (a `ValueError`).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<KeyRing> {
        let inner = scrubjay::KeyRing::from_json(text).map_err(|e| key_ring_error(&e))?;
        Ok(KeyRing { inner })
    }

    /// The ids of the keys, in the ring's order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.inner.ids().map(str::to_owned).collect()
    }

    /// The id of the key new tokens are made with, or None.
    #[getter]
    fn active(&self) -> Option<&str> {
        self.inner.active()
    }

    fn __repr__(&self) -> String {
        // Key ids are made of `A-Z a-z 0-9 . _ -` only: quoted as Python quotes them.
        let ids: Vec<String> = self.inner.ids().map(|id| format!("'{id}'")).collect();
        let active = self
            .inner
            .active()
            .map_or("None".into(), |a| format!("'{a}'"));
        format!("KeyRing(ids=[{}], active={active})", ids.join(", "))
    }
}

//! The native module `scrubjay._scrubjay`: conversions between Python values and the core's,
//! and nothing else. Every redaction decision is made by the `scrubjay` crate.

mod convert;
mod engine;
mod errors;
mod keyring;
mod types;

use pyo3::prelude::*;

/// The compiled part of the `scrubjay` package.
#[pymodule(gil_used = false)]
fn _scrubjay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", scrubjay::VERSION)?;
    m.add("PolicyError", m.py().get_type::<errors::PolicyError>())?;
    m.add("KeyRingError", m.py().get_type::<errors::KeyRingError>())?;
    m.add_class::<engine::Engine>()?;
    m.add_class::<types::Finding>()?;
    m.add_class::<keyring::KeyRing>()?;
    m.add_class::<types::Report>()?;
    m.add_class::<types::SanitizedBaggage>()?;
    m.add_class::<types::TraceparentCheck>()?;
    m.add_function(wrap_pyfunction!(engine::default_policy, m)?)?;
    Ok(())
}

//! The C ABI of scrubjay. `include/scrubjay.h` is generated from this crate by cbindgen
//! (`ffi/build.rs`, `ffi/cbindgen.toml`) and committed; a test fails when they drift.
//!
//! Conventions, stated once here and in the header:
//! - Every function returns a [`scrubjay_status`] (or a pointer that is NULL on failure) and
//!   runs behind one panic boundary: a panic becomes [`scrubjay_status::SCRUBJAY_STATUS_PANIC`].
//! - Inputs are `(pointer, length)` byte ranges; they need not be NUL-terminated. A NULL
//!   pointer is allowed only with length 0.
//! - Outputs go into caller buffers `(out, cap, &out_len)`: when `cap` is too small the call
//!   returns `SCRUBJAY_STATUS_BUFFER_TOO_SMALL` and `*out_len` is the size needed.
//! - A [`scrubjay_report`] counts what the `*_report` redaction calls did; it is used by one
//!   thread at a time.

#![allow(non_camel_case_types)]

mod attributes;
mod boundary;
mod buffer;
mod engine;
mod keyring;
mod redact;
mod report;
mod sanitize;
mod scan;
mod status;
mod version;

pub use attributes::*;
pub use engine::*;
pub use keyring::*;
pub use redact::*;
pub use report::*;
pub use sanitize::*;
pub use scan::*;
pub use status::*;
pub use version::*;

//! The one panic boundary every exported function goes through, and input checks.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::engine::scrubjay_engine;
use crate::status::scrubjay_status;

/// Runs `f`, whose `Err` is the status of a refused call; a panic becomes
/// `SCRUBJAY_STATUS_PANIC` instead of unwinding into C.
pub(crate) fn guard(
    f: impl FnOnce() -> Result<scrubjay_status, scrubjay_status>,
) -> scrubjay_status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(status) | Err(status)) => status,
        Err(_) => scrubjay_status::SCRUBJAY_STATUS_PANIC,
    }
}

/// `SCRUBJAY_STATUS_INVALID_ARGUMENT` unless `ok` (a required pointer is not NULL).
pub(crate) fn require(ok: bool) -> Result<(), scrubjay_status> {
    ok.then_some(())
        .ok_or(scrubjay_status::SCRUBJAY_STATUS_INVALID_ARGUMENT)
}

/// The engine behind a C pointer; NULL is an invalid argument.
///
/// # Safety
/// `engine` is NULL or a live engine that outlives the call.
pub(crate) unsafe fn engine_ref<'a>(
    engine: *const scrubjay_engine,
) -> Result<&'a scrubjay_engine, scrubjay_status> {
    // SAFETY: forwarded from the caller.
    unsafe { engine.as_ref() }.ok_or(scrubjay_status::SCRUBJAY_STATUS_INVALID_ARGUMENT)
}

/// Runs `f` for functions returning a value; a panic gives `fallback`.
pub(crate) fn guard_or<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// A byte range from C: NULL is allowed with length 0, and is an invalid argument otherwise.
///
/// # Safety
/// When `ptr` is not NULL it points to `len` readable bytes that outlive the call.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], scrubjay_status> {
    if ptr.is_null() {
        require(len == 0)?;
        return Ok(&[]);
    }
    // SAFETY: the caller promises `len` readable bytes at `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A text range from C: like [`bytes`], then UTF-8 checked.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, scrubjay_status> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { bytes(ptr, len) }?;
    std::str::from_utf8(b).map_err(|_| scrubjay_status::SCRUBJAY_STATUS_INVALID_UTF8)
}

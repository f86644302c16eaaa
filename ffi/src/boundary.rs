//! The one panic boundary every exported function goes through, and input checks.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::status::scrubjay_status;

/// Runs `f`; a panic becomes `SCRUBJAY_STATUS_PANIC` instead of unwinding into C.
pub(crate) fn guard(f: impl FnOnce() -> scrubjay_status) -> scrubjay_status {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(scrubjay_status::SCRUBJAY_STATUS_PANIC)
}

/// Runs `f` for functions returning a value; a panic gives `fallback`.
pub(crate) fn guard_or<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// A byte range from C: NULL is allowed with length 0.
///
/// # Safety
/// When `ptr` is not NULL it points to `len` readable bytes that outlive the call.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return (len == 0).then_some(&[]);
    }
    // SAFETY: the caller promises `len` readable bytes at `ptr`.
    Some(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A text range from C: like [`bytes`], then UTF-8 checked.
///
/// # Safety
/// As for [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, scrubjay_status> {
    // SAFETY: forwarded from the caller.
    let b = unsafe { bytes(ptr, len) }.ok_or(scrubjay_status::SCRUBJAY_STATUS_INVALID_ARGUMENT)?;
    std::str::from_utf8(b).map_err(|_| scrubjay_status::SCRUBJAY_STATUS_INVALID_UTF8)
}

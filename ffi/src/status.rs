//! Status codes and the error object.

use std::ffi::{c_char, CString};

/// The result of a call. The numbers are stable: new codes are only ever added.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum scrubjay_status {
    /// Success; the output was written.
    SCRUBJAY_STATUS_OK = 0,
    /// Success; nothing needed redacting and nothing was written: keep the input.
    SCRUBJAY_STATUS_UNCHANGED = 1,
    /// The output buffer is too small; the length out-parameter holds the size needed.
    SCRUBJAY_STATUS_BUFFER_TOO_SMALL = 2,
    /// A required pointer was NULL, or a length was non-zero with a NULL pointer.
    SCRUBJAY_STATUS_INVALID_ARGUMENT = 3,
    /// The policy is invalid; the error object says which rule, field and position.
    SCRUBJAY_STATUS_INVALID_POLICY = 4,
    /// Text was required and the input is not UTF-8.
    SCRUBJAY_STATUS_INVALID_UTF8 = 5,
    /// The input was checked and is not valid (for example a malformed `traceparent`).
    SCRUBJAY_STATUS_INVALID_INPUT = 6,
    /// A bug: scrubjay panicked. The call had no effect; the engine is still usable.
    SCRUBJAY_STATUS_PANIC = 7,
}

/// An error with a message and, for policy errors, the rule, field and position.
/// Owned by the caller once returned; free it with [`scrubjay_error_free`]. Not thread-safe to
/// free while another thread reads it; reading from several threads is safe.
pub struct scrubjay_error {
    pub(crate) status: scrubjay_status,
    pub(crate) message: CString,
    pub(crate) rule: Option<CString>,
    pub(crate) field: Option<CString>,
    pub(crate) position: Option<usize>,
}

fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\\0")).unwrap_or_default()
}

impl scrubjay_error {
    pub(crate) fn new(status: scrubjay_status, message: &str) -> scrubjay_error {
        scrubjay_error {
            status,
            message: c_string(message),
            rule: None,
            field: None,
            position: None,
        }
    }

    pub(crate) fn policy(e: &scrubjay_core::PolicyError) -> scrubjay_error {
        scrubjay_error {
            status: scrubjay_status::SCRUBJAY_STATUS_INVALID_POLICY,
            message: c_string(&e.to_string()),
            rule: e.rule.as_deref().map(c_string),
            field: e.field.as_deref().map(c_string),
            position: e.position,
        }
    }
}

/// Stores `e` into `*err` when `err` is not NULL.
///
/// # Safety
/// `err` is NULL or points to writable storage for one pointer.
pub(crate) unsafe fn set_error(err: *mut *mut scrubjay_error, e: scrubjay_error) {
    if !err.is_null() {
        // SAFETY: the caller promises `err` is writable when non-NULL.
        unsafe { *err = Box::into_raw(Box::new(e)) };
    }
}

/// The error's message: NUL-terminated UTF-8, valid until the error is freed. Never NULL for
/// a non-NULL error; NULL for a NULL error.
///
/// # Safety
/// `err` is NULL or an error returned by scrubjay and not yet freed.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_message(err: *const scrubjay_error) -> *const c_char {
    // SAFETY: the caller passes NULL or a live error.
    match unsafe { err.as_ref() } {
        Some(e) => e.message.as_ptr(),
        None => std::ptr::null(),
    }
}

/// The status the error was returned with.
///
/// # Safety
/// `err` is NULL or a live error. A NULL error gives `SCRUBJAY_STATUS_OK`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_status(err: *const scrubjay_error) -> scrubjay_status {
    // SAFETY: the caller passes NULL or a live error.
    unsafe { err.as_ref() }.map_or(scrubjay_status::SCRUBJAY_STATUS_OK, |e| e.status)
}

/// The policy rule the error is about (NUL-terminated), or NULL when it names none.
///
/// # Safety
/// `err` is NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_rule(err: *const scrubjay_error) -> *const c_char {
    // SAFETY: the caller passes NULL or a live error.
    unsafe { err.as_ref() }
        .and_then(|e| e.rule.as_ref())
        .map_or(std::ptr::null(), |s| s.as_ptr())
}

/// The policy field the error is about (`pattern`, `action`, ...), or NULL.
///
/// # Safety
/// `err` is NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_field(err: *const scrubjay_error) -> *const c_char {
    // SAFETY: the caller passes NULL or a live error.
    unsafe { err.as_ref() }
        .and_then(|e| e.field.as_ref())
        .map_or(std::ptr::null(), |s| s.as_ptr())
}

/// The byte position the error points at (in the pattern, or in the policy document for
/// syntax errors), or -1 when it has none.
///
/// # Safety
/// `err` is NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_position(err: *const scrubjay_error) -> i64 {
    // SAFETY: the caller passes NULL or a live error.
    unsafe { err.as_ref() }
        .and_then(|e| e.position)
        .map_or(-1, |p| p as i64)
}

/// Frees an error. NULL is a no-op; freeing twice is undefined behaviour.
///
/// # Safety
/// `err` is NULL or a live error, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_error_free(err: *mut scrubjay_error) {
    if !err.is_null() {
        // SAFETY: the error came from Box::into_raw in set_error and is freed once.
        drop(unsafe { Box::from_raw(err) });
    }
}

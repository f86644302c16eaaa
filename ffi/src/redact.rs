//! Redacting strings and JSON documents.

use std::borrow::Cow;
use std::ffi::c_char;

use crate::boundary::{bytes, engine_ref, guard, require, text};
use crate::buffer::write;
use crate::engine::scrubjay_engine;
use crate::report::{counting, scrubjay_report};
use crate::status::scrubjay_status::{self, *};

/// Redacts `len` bytes of text into the caller's buffer `out` of `cap` bytes.
///
/// - `SCRUBJAY_STATUS_UNCHANGED`: nothing to redact; nothing written, `*out_len = len`.
///   Keep using the input (this path allocates nothing).
/// - `SCRUBJAY_STATUS_OK`: the redacted text is in `out[0..*out_len]` (not NUL-terminated).
/// - `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`: `*out_len` is the size needed; call again.
///
/// Invalid UTF-8 is redacted at byte level: the invalid bytes are kept, everything around
/// them is scanned. `out` must not overlap the input.
///
/// # Safety
/// `engine` is a live engine; `input` has `len` readable bytes (or is NULL with 0); `out` has
/// `cap` writable bytes (or is NULL with 0); `out_len` is writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller; no report.
    unsafe { scrubjay_redact_report(engine, std::ptr::null_mut(), input, len, out, cap, out_len) }
}

/// [`scrubjay_redact`], counting what it redacts into `report` (NULL: counts nothing, as
/// `scrubjay_redact`). Only a call that succeeds counts (`SCRUBJAY_STATUS_OK` or
/// `SCRUBJAY_STATUS_UNCHANGED`): the call repeated after `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`
/// counts once. The report may come from another engine (it then counts by rule name).
///
/// # Safety
/// As for `scrubjay_redact`; `report` is NULL or a live report that no other thread uses
/// during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_report(
    engine: *const scrubjay_engine,
    report: *mut scrubjay_report,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (e, data) = unsafe { (engine_ref(engine)?, bytes(input, len)?) };
        require(!out_len.is_null())?;
        // SAFETY: NULL or a live report used by this thread only (caller's contract).
        let report = unsafe { report.as_mut() };
        counting(report, e, |r| {
            let redacted = match r {
                Some(r) => e.inner.redact_bytes_with_report(data, r),
                None => e.inner.redact_bytes(data),
            };
            Ok(match redacted {
                Cow::Borrowed(_) => {
                    // SAFETY: checked non-NULL above.
                    unsafe { *out_len = len };
                    SCRUBJAY_STATUS_UNCHANGED
                }
                // SAFETY: buffer contract forwarded from the caller.
                Cow::Owned(o) => unsafe { write(&o, out, cap, out_len) },
            })
        })
    })
}

/// Like [`scrubjay_redact`], but the result is a new NUL-terminated string (the input when
/// nothing changed) stored in `*out`, with its length (without the NUL) in `*out_len`. Free
/// it with [`scrubjay_string_free`]. Returns `SCRUBJAY_STATUS_OK` or `SCRUBJAY_STATUS_UNCHANGED`.
///
/// # Safety
/// As for `scrubjay_redact`; `out` and `out_len` are writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_alloc(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (e, data) = unsafe { (engine_ref(engine)?, bytes(input, len)?) };
        require(!out.is_null() && !out_len.is_null())?;
        let redacted = e.inner.redact_bytes(data);
        let status = match redacted {
            Cow::Borrowed(_) => SCRUBJAY_STATUS_UNCHANGED,
            Cow::Owned(_) => SCRUBJAY_STATUS_OK,
        };
        // SAFETY: both checked non-NULL above.
        unsafe {
            *out_len = redacted.len();
            *out = alloc_string(&redacted);
        }
        Ok(status)
    })
}

/// Size of the length header in front of strings from [`alloc_string`].
const HEADER: usize = std::mem::size_of::<usize>();

/// A NUL-terminated copy of `data` with its allocation size in a hidden header.
pub(crate) fn alloc_string(data: &[u8]) -> *mut c_char {
    let mut buf = Vec::with_capacity(HEADER + data.len() + 1);
    buf.extend_from_slice(&(data.len()).to_ne_bytes());
    buf.extend_from_slice(data);
    buf.push(0);
    let raw = Box::into_raw(buf.into_boxed_slice()) as *mut u8;
    // SAFETY: the allocation is HEADER + len + 1 bytes long; HEADER is in bounds.
    unsafe { raw.add(HEADER) }.cast()
}

/// Frees a string returned by scrubjay (`scrubjay_redact_alloc`). NULL is a no-op.
///
/// # Safety
/// `s` is NULL or a string from scrubjay, freed once.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` is HEADER bytes into an allocation made by alloc_string, whose header
    // holds the payload length; the slice rebuilt has the allocation's exact size.
    unsafe {
        let base = s.cast::<u8>().sub(HEADER);
        let mut len = [0u8; HEADER];
        std::ptr::copy_nonoverlapping(base, len.as_mut_ptr(), HEADER);
        let total = HEADER + usize::from_ne_bytes(len) + 1;
        drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
            base, total,
        )));
    }
}

/// Redacts a JSON document (UTF-8) as `redact_attributes` does a tree: every key path
/// through the field rules, every string through the content rules, OTLP/JSON key/value
/// attributes named by their `key`. Writes compact JSON into `out` (buffer convention of
/// `scrubjay_redact`; never `SCRUBJAY_STATUS_UNCHANGED`). Input that is not JSON gives
/// `SCRUBJAY_STATUS_INVALID_INPUT` and nothing is written.
///
/// # Safety
/// As for `scrubjay_redact`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_json(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller; no report.
    unsafe {
        scrubjay_redact_json_report(engine, std::ptr::null_mut(), input, len, out, cap, out_len)
    }
}

/// [`scrubjay_redact_json`], counting what it redacts into `report` (NULL: counts nothing).
/// Only a call that returns `SCRUBJAY_STATUS_OK` counts, as for `scrubjay_redact_report`.
///
/// # Safety
/// As for `scrubjay_redact_report`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_json_report(
    engine: *const scrubjay_engine,
    report: *mut scrubjay_report,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let e = unsafe { engine_ref(engine)? };
        require(!out_len.is_null())?;
        // SAFETY: forwarded from the caller.
        let doc = unsafe { text(input, len)? };
        // SAFETY: NULL or a live report used by this thread only (caller's contract).
        let report = unsafe { report.as_mut() };
        counting(report, e, |r| {
            let mut value = serde_json::from_str::<serde_json::Value>(doc)
                .map_err(|_| SCRUBJAY_STATUS_INVALID_INPUT)?;
            match r {
                Some(r) => e.inner.redact_json_with_report(&mut value, r),
                None => e.inner.redact_json(&mut value),
            }
            let result = serde_json::to_string(&value).map_err(|_| SCRUBJAY_STATUS_PANIC)?;
            // SAFETY: buffer contract forwarded from the caller; `out_len` checked above.
            Ok(unsafe { write(result.as_bytes(), out, cap, out_len) })
        })
    })
}

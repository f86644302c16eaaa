//! Writing results into caller buffers.

use crate::boundary::{engine_ref, guard, require, text};
use crate::engine::scrubjay_engine;
use crate::status::scrubjay_status;

/// The shape of every text-to-text call: checks the engine and `out_len`, reads `input` as
/// UTF-8, runs `op`, and writes its result with [`write`] (never
/// `SCRUBJAY_STATUS_UNCHANGED`); `op` may refuse with a status of its own.
///
/// # Safety
/// As for `scrubjay_redact`.
pub(crate) unsafe fn text_to_buffer(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
    op: impl FnOnce(&scrubjay_engine, &str) -> Result<String, scrubjay_status>,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let e = unsafe { engine_ref(engine)? };
        require(!out_len.is_null())?;
        // SAFETY: forwarded from the caller.
        let result = op(e, unsafe { text(input, len)? })?;
        // SAFETY: buffer contract forwarded from the caller; `out_len` checked above.
        Ok(unsafe { write(result.as_bytes(), out, cap, out_len) })
    })
}

/// Copies `data` to `out` when it fits in `cap`; always stores the length in `*out_len`.
///
/// # Safety
/// `out` is NULL (then `cap` must be 0) or points to `cap` writable bytes; `out_len` is
/// writable and not NULL (checked by callers).
pub(crate) unsafe fn write(
    data: &[u8],
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: callers check `out_len` is not NULL.
    unsafe { *out_len = data.len() };
    if data.len() > cap || (out.is_null() && !data.is_empty()) {
        return scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL;
    }
    if !data.is_empty() {
        // SAFETY: `out` has `cap >= data.len()` writable bytes and does not overlap `data`
        // (an input buffer reused as output is the caller's error, documented in the header).
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out, data.len()) };
    }
    scrubjay_status::SCRUBJAY_STATUS_OK
}

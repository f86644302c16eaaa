//! Writing results into caller buffers.

use crate::status::scrubjay_status;

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

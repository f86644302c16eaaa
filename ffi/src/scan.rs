//! Findings.

use crate::boundary::{engine_ref, guard, require, text};
use crate::engine::scrubjay_engine;
use crate::status::scrubjay_status::{self, *};

/// One thing a scan found: the rule id (name via `scrubjay_rule_name`) and the byte range.
/// Never the value.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct scrubjay_finding {
    /// The rule id.
    pub rule_id: u32,
    /// Start byte offset in the input.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Reports what the policy would redact in `len` bytes of UTF-8 text into `findings` (room
/// for `cap`); `*count` receives the number of findings. `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`
/// when there are more than `cap` (the first `cap` are written); `SCRUBJAY_STATUS_INVALID_UTF8`
/// for input that is not UTF-8 (use `scrubjay_redact`, which works at byte level).
///
/// # Safety
/// `engine` is live; `input` has `len` readable bytes; `findings` has room for `cap`
/// findings (or is NULL with 0); `count` is writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_scan(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    findings: *mut scrubjay_finding,
    cap: usize,
    count: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let e = unsafe { engine_ref(engine)? };
        require(!count.is_null() && (!findings.is_null() || cap == 0))?;
        // SAFETY: forwarded from the caller.
        let t = unsafe { text(input, len)? };
        let found = e.inner.scan_str(t);
        // SAFETY: checked non-NULL above.
        unsafe { *count = found.len() };
        for (i, f) in found.iter().take(cap).enumerate() {
            let out = scrubjay_finding {
                rule_id: e.rule_id(&f.rule),
                start: f.start,
                end: f.end,
            };
            // SAFETY: i < cap, inside the caller's array.
            unsafe { findings.add(i).write(out) };
        }
        Ok(if found.len() > cap {
            SCRUBJAY_STATUS_BUFFER_TOO_SMALL
        } else {
            SCRUBJAY_STATUS_OK
        })
    })
}

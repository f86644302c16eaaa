//! The URL, SQL, header, baggage and traceparent sanitizers.

use std::ffi::{c_char, CString};
use std::sync::Mutex;

use crate::boundary::{guard, text};
use crate::buffer::text_to_buffer;
use crate::engine::scrubjay_engine;
use crate::status::scrubjay_status::{self, *};

/// The URL sanitizer with the engine's policy: credentials, sensitive query values and the
/// fragment go, then the content rules run over the rest. UTF-8 input.
///
/// # Safety
/// As for `scrubjay_redact`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_sanitize_url(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        text_to_buffer(engine, input, len, out, cap, out_len, |e, t| {
            Ok(e.inner.sanitize_url(t))
        })
    }
}

/// The SQL normaliser: literals become `?`, `IN` lists and `VALUES` rows collapse, comments
/// go. UTF-8 input.
///
/// # Safety
/// As for `scrubjay_redact`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_normalize_sql(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller.
    unsafe {
        text_to_buffer(engine, input, len, out, cap, out_len, |e, t| {
            Ok(e.inner.normalize_sql(t))
        })
    }
}

/// The SQL normaliser in one database's dialect: `dialect` names it (`postgresql`, `mysql`,
/// `mariadb`, `mssql`, `oracle`, `sqlite`, `generic`, or a `db.system.name` value such as
/// `microsoft.sql_server`); an empty name is `generic`. UTF-8 name and statement.
/// `SCRUBJAY_STATUS_INVALID_ARGUMENT` for a name that is no dialect.
///
/// # Safety
/// As for `scrubjay_redact`; `dialect` has `dialect_len` readable bytes (NULL when 0).
#[no_mangle]
pub unsafe extern "C" fn scrubjay_normalize_sql_dialect(
    engine: *const scrubjay_engine,
    dialect: *const u8,
    dialect_len: usize,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller.
    let dialect = match unsafe { text(dialect, dialect_len) } {
        Ok(name) => scrubjay_core::SqlDialect::from_name(name),
        Err(s) => return s,
    };
    let Some(dialect) = dialect else {
        return SCRUBJAY_STATUS_INVALID_ARGUMENT;
    };
    // SAFETY: forwarded from the caller.
    unsafe {
        text_to_buffer(engine, input, len, out, cap, out_len, |e, t| {
            Ok(e.inner.normalize_sql_as(t, dialect))
        })
    }
}

/// The header sanitizer for one header: `authorization` keeps its scheme, cookies keep their
/// names, secret headers are masked whole. UTF-8 name and value.
///
/// # Safety
/// As for `scrubjay_redact`; `name` has `name_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_sanitize_header(
    engine: *const scrubjay_engine,
    name: *const u8,
    name_len: usize,
    value: *const u8,
    value_len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller.
    let name = match unsafe { text(name, name_len) } {
        Ok(n) => n,
        Err(s) => return s,
    };
    // SAFETY: forwarded from the caller.
    unsafe {
        text_to_buffer(engine, value, value_len, out, cap, out_len, |e, v| {
            Ok(e.inner.sanitize_header(name, v))
        })
    }
}

/// One member dropped from a `baggage` header.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct scrubjay_baggage_violation {
    /// Why: `syntax`, `key_too_long`, `value_too_long`, `blocked_key`, `not_allowed`,
    /// `control_character`, `invalid_percent_encoding`, `too_many_items` or
    /// `header_too_long`. Static, NUL-terminated.
    pub reason: *const c_char,
    /// The member's key, pointing into the input header; NULL when the member has no key.
    pub key: *const u8,
    /// Length of `key` in bytes.
    pub key_len: usize,
}

/// Enforces the policy's baggage rules: the sanitised header goes into `out` (buffer
/// convention of `scrubjay_redact`), one violation per dropped member into `violations`
/// (room for `vcap`; `*vcount` receives how many there are). `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`
/// when either does not fit.
///
/// # Safety
/// As for `scrubjay_redact`; `violations` has room for `vcap` (or is NULL with 0); `vcount`
/// is writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_sanitize_baggage(
    engine: *const scrubjay_engine,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
    violations: *mut scrubjay_baggage_violation,
    vcap: usize,
    vcount: *mut usize,
) -> scrubjay_status {
    if vcount.is_null() || (violations.is_null() && vcap > 0) {
        return SCRUBJAY_STATUS_INVALID_ARGUMENT;
    }
    let mut overflow = false;
    let op = |e: &scrubjay_engine, header: &str| {
        let result = e.inner.sanitize_baggage(header);
        let mut cursor = 0;
        // SAFETY: checked non-NULL above.
        unsafe { *vcount = result.violations.len() };
        for (i, v) in result.violations.iter().enumerate() {
            let key = v.key.as_deref().and_then(|k| {
                let at = header[cursor..].find(k)? + cursor;
                cursor = at + k.len();
                Some((header[at..].as_ptr(), k.len()))
            });
            if i >= vcap {
                overflow = true;
                continue;
            }
            let out = scrubjay_baggage_violation {
                reason: static_c_str(v.reason),
                key: key.map_or(std::ptr::null(), |k| k.0),
                key_len: key.map_or(0, |k| k.1),
            };
            // SAFETY: i < vcap, inside the caller's array.
            unsafe { violations.add(i).write(out) };
        }
        Ok(result.header)
    };
    // SAFETY: forwarded from the caller.
    let status = unsafe { text_to_buffer(engine, input, len, out, cap, out_len, op) };
    if status == SCRUBJAY_STATUS_OK && overflow {
        SCRUBJAY_STATUS_BUFFER_TOO_SMALL
    } else {
        status
    }
}

/// Checks a `traceparent` header: `SCRUBJAY_STATUS_OK` when valid, else
/// `SCRUBJAY_STATUS_INVALID_INPUT` with `*reason` (when `reason` is not NULL) set to a static
/// NUL-terminated reason (`format`, `version`, `trace_id_zero`, ...).
///
/// # Safety
/// `input` has `len` readable bytes; `reason` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_validate_traceparent(
    input: *const u8,
    len: usize,
    reason: *mut *const c_char,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let header = match unsafe { text(input, len) } {
            Ok(t) => t,
            Err(SCRUBJAY_STATUS_INVALID_UTF8) => "\u{fffd}",
            Err(s) => return Err(s),
        };
        Ok(match scrubjay_core::validate_traceparent(header) {
            Ok(()) => SCRUBJAY_STATUS_OK,
            Err(e) => {
                if !reason.is_null() {
                    // SAFETY: checked non-NULL; the caller promises it is writable.
                    unsafe { *reason = static_c_str(e.reason()) };
                }
                SCRUBJAY_STATUS_INVALID_INPUT
            }
        })
    })
}

/// A NUL-terminated copy of a static reason string, made once and kept for the life of the
/// process (there are a handful of them).
fn static_c_str(s: &'static str) -> *const c_char {
    static TABLE: Mutex<Vec<(&'static str, &'static std::ffi::CStr)>> = Mutex::new(Vec::new());
    let mut table = TABLE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, c)) = table.iter().find(|(k, _)| *k == s) {
        return c.as_ptr();
    }
    let c: &'static std::ffi::CStr =
        Box::leak(CString::new(s).unwrap_or_default().into_boxed_c_str());
    table.push((s, c));
    c.as_ptr()
}

//! Building and freeing engines; rule names.

use std::ffi::{c_char, CString};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use scrubjay_core::{Engine, FailReason};

use crate::boundary::{bytes, guard_or};
use crate::report::RuleName;
use crate::status::{scrubjay_error, scrubjay_status, set_error};

/// The source of engine ids: each engine built in the process gets the next one.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A compiled policy. Immutable: one engine may be used from any number of threads at once,
/// with no locking by the caller. Free it once, with [`scrubjay_engine_free`], after every
/// thread is done with it.
pub struct scrubjay_engine {
    pub(crate) inner: Engine,
    /// Content rule ids, then the fail-closed reasons, NUL-terminated (see `scrubjay_rule_name`).
    names: Vec<CString>,
    /// Unique for the process's lifetime (an address may be reused once an engine is freed):
    /// tells a report which engine's rule numbering it last counted with.
    pub(crate) id: u64,
    /// Every rule name of the engine's reports once, content rules first: the rule ids of a
    /// `scrubjay_report` made from this engine (shared by its reports).
    pub(crate) report_names: Arc<Vec<RuleName>>,
}

impl scrubjay_engine {
    fn new(inner: Engine) -> scrubjay_engine {
        let names = inner
            .content_rule_ids()
            .map(str::to_owned)
            .chain(FailReason::ALL.iter().map(|r| r.name().to_owned()))
            .map(|s| CString::new(s).unwrap_or_default())
            .collect();
        let mut report_names: Vec<RuleName> = Vec::new();
        for name in (0..).map_while(|i| inner.rule_name(i)) {
            if !report_names.iter().any(|n| n.is(name)) {
                report_names.push(RuleName::new(name));
            }
        }
        scrubjay_engine {
            inner,
            names,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            report_names: Arc::new(report_names),
        }
    }

    /// The id `scrubjay_scan` reports for a finding's rule name.
    pub(crate) fn rule_id(&self, name: &str) -> u32 {
        self.names
            .iter()
            .position(|n| n.as_bytes() == name.as_bytes())
            .unwrap_or(self.names.len()) as u32
    }
}

/// Compiles a policy (JSON or YAML, UTF-8, `len` bytes, no NUL needed). Returns NULL on
/// failure and, when `err` is not NULL, stores an error naming the rule, the field and the
/// position (`SCRUBJAY_STATUS_INVALID_POLICY`), or `SCRUBJAY_STATUS_INVALID_ARGUMENT` /
/// `SCRUBJAY_STATUS_INVALID_UTF8` / `SCRUBJAY_STATUS_PANIC`.
///
/// ```c
/// scrubjay_error *err = NULL;
/// scrubjay_engine *e = scrubjay_engine_new((const uint8_t *)json, strlen(json), &err);
/// if (!e) { fprintf(stderr, "%s\n", scrubjay_error_message(err)); scrubjay_error_free(err); }
/// ```
///
/// # Safety
/// `policy` points to `len` readable bytes (or is NULL with `len` 0); `err` is NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_engine_new(
    policy: *const u8,
    len: usize,
    err: *mut *mut scrubjay_error,
) -> *mut scrubjay_engine {
    let result = guard_or(
        Err(scrubjay_error::new(
            scrubjay_status::SCRUBJAY_STATUS_PANIC,
            "scrubjay panicked while compiling the policy",
        )),
        || {
            // SAFETY: forwarded from the caller.
            let Ok(b) = (unsafe { bytes(policy, len) }) else {
                return Err(scrubjay_error::new(
                    scrubjay_status::SCRUBJAY_STATUS_INVALID_ARGUMENT,
                    "policy is NULL with a non-zero length",
                ));
            };
            let text = std::str::from_utf8(b).map_err(|e| {
                scrubjay_error::new(
                    scrubjay_status::SCRUBJAY_STATUS_INVALID_UTF8,
                    &format!("the policy is not UTF-8 ({e})"),
                )
            })?;
            Engine::from_policy_text(text).map_err(|e| scrubjay_error::policy(&e))
        },
    );
    match result {
        Ok(engine) => Box::into_raw(Box::new(scrubjay_engine::new(engine))),
        Err(e) => {
            // SAFETY: forwarded from the caller.
            unsafe { set_error(err, e) };
            std::ptr::null_mut()
        }
    }
}

/// The engine for the embedded default policy (every builtin rule, the OpenTelemetry
/// sanitizers, the usual secret keys). NULL only if scrubjay panicked.
#[no_mangle]
pub extern "C" fn scrubjay_engine_new_default() -> *mut scrubjay_engine {
    guard_or(std::ptr::null_mut(), || {
        Box::into_raw(Box::new(scrubjay_engine::new(Engine::default())))
    })
}

/// Frees an engine. NULL is a no-op. Call it at most once per engine, when no thread uses it.
///
/// # Safety
/// `engine` is NULL or came from `scrubjay_engine_new*` and is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_engine_free(engine: *mut scrubjay_engine) {
    if !engine.is_null() {
        // SAFETY: the engine came from Box::into_raw and is freed once (caller's contract).
        guard_or((), || drop(unsafe { Box::from_raw(engine) }));
    }
}

/// The number of rule ids `scrubjay_scan` may report: the content rules, then the
/// fail-closed reasons (`too_large`, `too_deep`, ...).
///
/// # Safety
/// `engine` is NULL (gives 0) or a live engine.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_rule_count(engine: *const scrubjay_engine) -> usize {
    // SAFETY: NULL or a live engine.
    unsafe { engine.as_ref() }.map_or(0, |e| e.names.len())
}

/// The policy's `limits.max_nodes`: the values of one structure that are redacted, counted
/// from its root in walk order; the values past them fail closed. A binding that splits a
/// map into parts (scalars through `scrubjay_redact_attributes`, nested values as JSON) sends
/// a map with more values whole through `scrubjay_redact_json`, so that the same values are
/// cut. 0 for a NULL engine.
///
/// # Safety
/// `engine` is NULL or a live engine.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_engine_max_nodes(engine: *const scrubjay_engine) -> usize {
    // SAFETY: NULL or a live engine.
    unsafe { engine.as_ref() }.map_or(0, |e| e.inner.policy().limits.max_nodes)
}

/// Whether the engine's policy numbers values (a `pseudonym` action): its numbers follow the
/// order a map's values are given in, so a caller whose maps have no order of their own (Go's)
/// gives them in a stable one, as sorted keys. False for a NULL engine.
///
/// # Safety
/// `engine` is NULL or a live engine.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_engine_numbers_values(engine: *const scrubjay_engine) -> bool {
    // SAFETY: NULL or a live engine.
    unsafe { engine.as_ref() }.is_some_and(|e| e.inner.numbers_values())
}

/// The name of a rule id reported by `scrubjay_scan`: NUL-terminated, valid as long as the
/// engine. NULL for an unknown id or a NULL engine.
///
/// # Safety
/// `engine` is NULL or a live engine.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_rule_name(
    engine: *const scrubjay_engine,
    id: u32,
) -> *const c_char {
    // SAFETY: NULL or a live engine.
    unsafe { engine.as_ref() }
        .and_then(|e| e.names.get(id as usize))
        .map_or(std::ptr::null(), |n| n.as_ptr())
}

//! Reports: what redaction calls did, per rule, counted into an object the caller owns.

use std::ffi::{c_char, CString};
use std::sync::{Arc, OnceLock};

use scrubjay_core::{FailReason, Report};

use crate::boundary::{engine_ref, guard, guard_or, require};
use crate::engine::scrubjay_engine;
use crate::status::scrubjay_status::{self, *};

/// Why a value failed closed (was replaced whole instead of scanned): the reasons
/// `scrubjay_report_fail_closed` counts, named by `scrubjay_fail_reason_name` (`too_large`,
/// ...; the names of the `[REDACTED:<reason>]` markers). The numbers are stable: new reasons
/// are only ever added at the end.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum scrubjay_fail_reason {
    /// `too_large`: the value is longer than `limits.max_value_bytes`.
    SCRUBJAY_FAIL_TOO_LARGE = 0,
    /// `too_deep`: the structure is deeper than `limits.max_depth`.
    SCRUBJAY_FAIL_TOO_DEEP = 1,
    /// `scan_budget`: scanning needed more work than the linear-time budget allows.
    SCRUBJAY_FAIL_SCAN_BUDGET = 2,
    /// `undecidable`: the automaton could not decide (a Unicode word boundary next to
    /// non-ASCII text).
    SCRUBJAY_FAIL_UNDECIDABLE = 3,
    /// `invalid_utf8`: text was required and the bytes are not UTF-8.
    SCRUBJAY_FAIL_INVALID_UTF8 = 4,
    /// `hash_key_unavailable`: a `hash` action had no key (its environment variable was
    /// unset), so the value was masked.
    SCRUBJAY_FAIL_HASH_KEY_UNAVAILABLE = 5,
    /// `token_key_unavailable`: a `tokenize` action had no key (no ring, no active key, or
    /// the record's key id is not in the ring): the value was masked.
    SCRUBJAY_FAIL_TOKEN_KEY_UNAVAILABLE = 6,
}

/// One rule id of a report: the name as the core counts it, and NUL-terminated for C.
#[derive(Clone, Debug)]
pub(crate) struct RuleName {
    name: Box<str>,
    c: CString,
}

impl RuleName {
    pub(crate) fn new(name: &str) -> RuleName {
        RuleName {
            name: name.into(),
            c: CString::new(name.replace('\0', "\\0")).unwrap_or_default(),
        }
    }

    pub(crate) fn is(&self, name: &str) -> bool {
        &*self.name == name
    }
}

/// Counts of what redaction calls did: values redacted per rule (content rule id or field
/// rule name), attributes removed because `allow.keys` does not list them (denied), values
/// failed closed per `scrubjay_fail_reason`. Make one with [`scrubjay_report_new`], pass it
/// to the `*_report` redaction calls, read it, clear it, free it with
/// [`scrubjay_report_free`].
///
/// Threads: a report is used by one thread at a time. A call that counts into it, a merge
/// into it or a clear writes it: no other call may use it meanwhile (give each thread its
/// own and merge them). Reading it from several threads while nothing writes it is safe. A
/// report does not refer to its engine: it may outlive it. It may count the calls of another
/// engine, by rule name, which is slower than counting those of its own: keep a report per
/// engine where it matters.
pub struct scrubjay_report {
    inner: Report,
    /// The report's rule ids: every name it counts once, those of its engine first.
    names: Arc<Vec<RuleName>>,
    /// The engines (by id) whose rule names are all in `names`.
    known: Vec<u64>,
    /// What the last call counted, numbered as its engine's rules (kept to be reused).
    pending: Option<(u64, Report)>,
}

impl scrubjay_report {
    fn new(e: &scrubjay_engine) -> scrubjay_report {
        scrubjay_report {
            inner: e.inner.new_report(),
            names: Arc::clone(&e.report_names),
            known: vec![e.id],
            pending: None,
        }
    }

    fn add_names(&mut self, names: &[RuleName]) {
        for n in names {
            if !self.names.iter().any(|m| m.name == n.name) {
                Arc::make_mut(&mut self.names).push(n.clone());
            }
        }
    }

    /// Adds what one call of `e` counted into `pending`.
    fn commit(&mut self, e: &scrubjay_engine, pending: &Report) {
        if !self.known.contains(&e.id) {
            self.add_names(&e.report_names);
            self.known.push(e.id);
        }
        self.inner.merge(pending);
    }

    fn name(&self, id: u32) -> Option<&RuleName> {
        self.names.get(usize::try_from(id).ok()?)
    }
}

/// Runs one redaction call of `e` that counts into `report` when there is one. The call
/// counts into a cleared report numbered as `e`'s rules, added to `report` only when it
/// succeeds (`OK` or `UNCHANGED`): a call repeated after `BUFFER_TOO_SMALL` counts once, a
/// refused one not at all, and a report made from another engine counts by rule name.
pub(crate) fn counting(
    report: Option<&mut scrubjay_report>,
    e: &scrubjay_engine,
    call: impl FnOnce(Option<&mut Report>) -> Result<scrubjay_status, scrubjay_status>,
) -> Result<scrubjay_status, scrubjay_status> {
    let Some(report) = report else {
        return call(None);
    };
    let mut pending = match report.pending.take() {
        Some((id, mut p)) if id == e.id => {
            p.clear();
            p
        }
        _ => e.inner.new_report(),
    };
    let result = call(Some(&mut pending));
    if matches!(result, Ok(SCRUBJAY_STATUS_OK | SCRUBJAY_STATUS_UNCHANGED)) {
        report.commit(e, &pending);
    }
    report.pending = Some((e.id, pending));
    result
}

/// A new, empty report for the rules of `engine`. NULL for a NULL engine (or if scrubjay
/// panicked). The report does not keep the engine: free each on its own.
///
/// ```c
/// scrubjay_report *r = scrubjay_report_new(engine);
/// scrubjay_redact_report(engine, r, in, len, out, sizeof out, &out_len);
/// for (uint32_t i = 0; i < scrubjay_report_rule_count(r); i++)
///     if (scrubjay_report_count(r, i)) printf("%s %llu\n", scrubjay_report_rule_name(r, i),
///                                             (unsigned long long)scrubjay_report_count(r, i));
/// scrubjay_report_free(r);
/// ```
///
/// # Safety
/// `engine` is NULL or a live engine.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_new(
    engine: *const scrubjay_engine,
) -> *mut scrubjay_report {
    guard_or(std::ptr::null_mut(), || {
        // SAFETY: forwarded from the caller.
        match unsafe { engine_ref(engine) } {
            Ok(e) => Box::into_raw(Box::new(scrubjay_report::new(e))),
            Err(_) => std::ptr::null_mut(),
        }
    })
}

/// Frees a report. NULL is a no-op; freeing twice is undefined behaviour.
///
/// # Safety
/// `report` is NULL or came from `scrubjay_report_new`, is not used by another thread, and
/// is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_free(report: *mut scrubjay_report) {
    if !report.is_null() {
        // SAFETY: the report came from Box::into_raw and is freed once (caller's contract).
        guard_or((), || drop(unsafe { Box::from_raw(report) }));
    }
}

/// Zeroes every count of the report (its rule ids stay). `SCRUBJAY_STATUS_INVALID_ARGUMENT`
/// for NULL.
///
/// # Safety
/// `report` is NULL or a live report that no other thread uses during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_clear(report: *mut scrubjay_report) -> scrubjay_status {
    guard(|| {
        // SAFETY: NULL or a live report, used by this thread only.
        let r = unsafe { report.as_mut() }.ok_or(SCRUBJAY_STATUS_INVALID_ARGUMENT)?;
        r.inner.clear();
        Ok(SCRUBJAY_STATUS_OK)
    })
}

/// Adds the counts of `from` into `into`. Reports of the same engine add rule by rule; a
/// report of another engine adds by rule name, and the rules `into` lacks are given new ids
/// after its own. Merging a report into itself doubles it. `SCRUBJAY_STATUS_INVALID_ARGUMENT`
/// when either is NULL.
///
/// # Safety
/// Both are NULL or live reports; no other thread uses `into` during the call, nor writes
/// `from`.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_merge(
    into: *mut scrubjay_report,
    from: *const scrubjay_report,
) -> scrubjay_status {
    guard(|| {
        require(!into.is_null() && !from.is_null())?;
        if std::ptr::eq(into, from) {
            // SAFETY: a live report, used by this thread only.
            let r = unsafe { &mut *into };
            let copy = r.inner.clone();
            r.inner.merge(&copy);
            return Ok(SCRUBJAY_STATUS_OK);
        }
        // SAFETY: two distinct live reports; `into` is used by this thread only and nothing
        // writes `from`.
        let (to, from) = unsafe { (&mut *into, &*from) };
        to.add_names(&from.names);
        to.inner.merge(&from.inner);
        Ok(SCRUBJAY_STATUS_OK)
    })
}

/// The number of rule ids of the report: `0 .. scrubjay_report_rule_count(report) - 1`.
/// Every rule name of its engine once, the content rules first with the ids that
/// `scrubjay_rule_name` gives them, then the field rules; then the rules merged in from
/// other engines' reports. 0 for NULL.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_rule_count(report: *const scrubjay_report) -> usize {
    // SAFETY: NULL or a live report.
    unsafe { report.as_ref() }.map_or(0, |r| r.names.len())
}

/// The name of a rule id of the report (a content rule id such as `email`, or a field rule
/// name): NUL-terminated, valid until the report is next written (a call counting into it, a
/// merge, a clear) or freed. NULL for an unknown id or a NULL report.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_rule_name(
    report: *const scrubjay_report,
    id: u32,
) -> *const c_char {
    // SAFETY: NULL or a live report.
    unsafe { report.as_ref() }
        .and_then(|r| r.name(id))
        .map_or(std::ptr::null(), |n| n.c.as_ptr())
}

/// The values redacted by one rule id of the report. 0 for an unknown id or a NULL report.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_count(report: *const scrubjay_report, id: u32) -> u64 {
    guard_or(0, || {
        // SAFETY: NULL or a live report.
        unsafe { report.as_ref() }
            .and_then(|r| Some(r.inner.count(&r.name(id)?.name)))
            .unwrap_or(0)
    })
}

/// Every rule's count at once: `counts[i]` receives the count of rule id `i`, for the first
/// `cap` ids; `*n` receives the number of rule ids. `SCRUBJAY_STATUS_BUFFER_TOO_SMALL` when
/// there are more than `cap` (the first `cap` are written). `SCRUBJAY_STATUS_INVALID_ARGUMENT`
/// for a NULL report or `n`, or a NULL `counts` with `cap` > 0.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call; `counts`
/// has room for `cap` values (or is NULL with 0); `n` is writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_counts(
    report: *const scrubjay_report,
    counts: *mut u64,
    cap: usize,
    n: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: NULL or a live report.
        let r = unsafe { report.as_ref() }.ok_or(SCRUBJAY_STATUS_INVALID_ARGUMENT)?;
        require(!n.is_null() && (!counts.is_null() || cap == 0))?;
        let total = r.names.len();
        // SAFETY: checked non-NULL above.
        unsafe { *n = total };
        let out: &mut [u64] = if cap == 0 {
            &mut []
        } else {
            // SAFETY: the caller passes room for `cap` values at `counts`.
            unsafe { std::slice::from_raw_parts_mut(counts, cap.min(total)) }
        };
        out.fill(0);
        for (name, c) in r.inner.counts() {
            if let Some(slot) = r
                .names
                .iter()
                .position(|m| m.is(name))
                .and_then(|i| out.get_mut(i))
            {
                *slot += c;
            }
        }
        Ok(if total > cap {
            SCRUBJAY_STATUS_BUFFER_TOO_SMALL
        } else {
            SCRUBJAY_STATUS_OK
        })
    })
}

/// Attributes removed because the policy's `allow.keys` does not list them. 0 for NULL.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_denied(report: *const scrubjay_report) -> u64 {
    // SAFETY: NULL or a live report.
    unsafe { report.as_ref() }.map_or(0, |r| r.inner.denied())
}

/// Values failed closed for `reason`, a `scrubjay_fail_reason` (passed as its number). 0 for
/// an unknown reason or a NULL report.
///
/// # Safety
/// `report` is NULL or a live report that no other thread writes during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_report_fail_closed(
    report: *const scrubjay_report,
    reason: u32,
) -> u64 {
    // SAFETY: NULL or a live report.
    match (unsafe { report.as_ref() }, fail_reason(reason)) {
        (Some(r), Some(reason)) => r.inner.fail_closed_count(reason),
        _ => 0,
    }
}

/// The name of a `scrubjay_fail_reason` (passed as its number): `too_large`, `too_deep`,
/// `scan_budget`, ..., NUL-terminated and static. NULL past the last reason, so that
/// counting up from 0 until NULL visits every reason of the linked library.
#[no_mangle]
pub extern "C" fn scrubjay_fail_reason_name(reason: u32) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    guard_or(std::ptr::null(), || {
        let names = NAMES.get_or_init(|| {
            FailReason::ALL
                .iter()
                .map(|r| CString::new(r.name()).unwrap_or_default())
                .collect()
        });
        usize::try_from(reason)
            .ok()
            .and_then(|i| names.get(i))
            .map_or(std::ptr::null(), |n| n.as_ptr())
    })
}

fn fail_reason(reason: u32) -> Option<FailReason> {
    FailReason::ALL.get(usize::try_from(reason).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::scrubjay_fail_reason::*;
    use super::*;

    #[test]
    fn fail_reason_numbers_follow_the_core() {
        let c = [
            (SCRUBJAY_FAIL_TOO_LARGE, "too_large"),
            (SCRUBJAY_FAIL_TOO_DEEP, "too_deep"),
            (SCRUBJAY_FAIL_SCAN_BUDGET, "scan_budget"),
            (SCRUBJAY_FAIL_UNDECIDABLE, "undecidable"),
            (SCRUBJAY_FAIL_INVALID_UTF8, "invalid_utf8"),
            (SCRUBJAY_FAIL_HASH_KEY_UNAVAILABLE, "hash_key_unavailable"),
            (SCRUBJAY_FAIL_TOKEN_KEY_UNAVAILABLE, "token_key_unavailable"),
        ];
        assert_eq!(
            c.len(),
            FailReason::ALL.len(),
            "a reason lacks its enum value"
        );
        for (i, (reason, name)) in c.into_iter().enumerate() {
            assert_eq!(reason as usize, i);
            assert_eq!(FailReason::ALL[i].name(), name);
            // SAFETY: static NUL-terminated names.
            let got = unsafe { std::ffi::CStr::from_ptr(scrubjay_fail_reason_name(i as u32)) };
            assert_eq!(got.to_str(), Ok(name));
        }
        assert!(scrubjay_fail_reason_name(c.len() as u32).is_null());
    }
}

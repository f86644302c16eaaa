//! A span's attributes in one call.

use std::borrow::Cow;

use scrubjay_core::{AttributeOutcome, AttributeScope, Report, Scalar};

use crate::boundary::{bytes, engine_ref, guard, require};
use crate::engine::scrubjay_engine;
use crate::report::{counting, scrubjay_report};
use crate::status::scrubjay_status::{self, *};

/// The type of an attribute value.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum scrubjay_value_kind {
    /// No value.
    SCRUBJAY_VALUE_NULL = 0,
    /// UTF-8 text in `str_value`/`str_len` (invalid UTF-8 is scanned with the invalid bytes
    /// replaced, and never passed through unscanned).
    SCRUBJAY_VALUE_STRING = 1,
    /// `int_value`.
    SCRUBJAY_VALUE_INT = 2,
    /// `double_value`.
    SCRUBJAY_VALUE_DOUBLE = 3,
    /// `bool_value`.
    SCRUBJAY_VALUE_BOOL = 4,
    /// Raw bytes in `str_value`/`str_len`, scanned as text.
    SCRUBJAY_VALUE_BYTES = 5,
}

/// What happens to one attribute.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum scrubjay_outcome {
    /// Keep the value as it is.
    SCRUBJAY_OUTCOME_KEEP = 0,
    /// Delete the attribute.
    SCRUBJAY_OUTCOME_REMOVE = 1,
    /// Replace the value by the UTF-8 string at `replacement_offset`, `replacement_len` bytes,
    /// in the caller's buffer (the value becomes a string whatever its type was).
    SCRUBJAY_OUTCOME_REPLACE = 2,
}

/// One attribute: a key path (dotted, as OpenTelemetry keys are) and a typed value, plus the
/// outcome scrubjay fills in. Set the inputs; scrubjay writes only the three output fields.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct scrubjay_attribute {
    /// The key path, UTF-8, `key_len` bytes (no NUL needed).
    pub key: *const u8,
    /// Length of `key` in bytes.
    pub key_len: usize,
    /// Which value field is set.
    pub kind: scrubjay_value_kind,
    /// STRING and BYTES values.
    pub str_value: *const u8,
    /// Length of `str_value` in bytes.
    pub str_len: usize,
    /// INT values.
    pub int_value: i64,
    /// DOUBLE values.
    pub double_value: f64,
    /// BOOL values.
    pub bool_value: bool,
    /// Output: what to do with the attribute.
    pub outcome: scrubjay_outcome,
    /// Output, for REPLACE: where the new value starts in the caller's buffer.
    pub replacement_offset: usize,
    /// Output, for REPLACE: its length in bytes.
    pub replacement_len: usize,
}

/// Redacts a whole span's attributes in one call: each key through the field rules, each
/// string (and long integer) through the content rules. The items of a list are consecutive
/// attributes with the list's key, in order: an item after a command-line option takes the
/// option's field rule (`["--password", "hunter2"]`), as in `scrubjay_redact_json`.
/// Replacement strings are written one after another into `buf` (`cap` bytes); `*needed`
/// receives their total size.
///
/// - `SCRUBJAY_STATUS_UNCHANGED`: every outcome is KEEP; nothing was written.
/// - `SCRUBJAY_STATUS_OK`: outcomes set; REPLACE values are in `buf`.
/// - `SCRUBJAY_STATUS_BUFFER_TOO_SMALL`: outcomes are set but `buf` holds nothing; call again
///   with `cap >= *needed` (the result is the same).
///
/// # Safety
/// `engine` is live; `attrs` points to `n` attributes whose pointers are valid for their
/// lengths; `buf` has `cap` writable bytes (or is NULL with 0); `needed` is writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_attributes(
    engine: *const scrubjay_engine,
    attrs: *mut scrubjay_attribute,
    n: usize,
    buf: *mut u8,
    cap: usize,
    needed: *mut usize,
) -> scrubjay_status {
    // SAFETY: forwarded from the caller; no report.
    unsafe {
        scrubjay_redact_attributes_report(engine, std::ptr::null_mut(), attrs, n, buf, cap, needed)
    }
}

/// [`scrubjay_redact_attributes`], counting what it redacts into `report` (NULL: counts
/// nothing): values per rule, attributes denied by `allow.keys`, values failed closed. Only a
/// call that succeeds counts (`SCRUBJAY_STATUS_OK` or `SCRUBJAY_STATUS_UNCHANGED`): the call
/// repeated after `SCRUBJAY_STATUS_BUFFER_TOO_SMALL` counts once.
///
/// # Safety
/// As for `scrubjay_redact_attributes`; `report` is NULL or a live report that no other
/// thread uses during the call.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_redact_attributes_report(
    engine: *const scrubjay_engine,
    report: *mut scrubjay_report,
    attrs: *mut scrubjay_attribute,
    n: usize,
    buf: *mut u8,
    cap: usize,
    needed: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let e = unsafe { engine_ref(engine)? };
        require(!needed.is_null() && (!attrs.is_null() || n == 0))?;
        let attrs: &mut [scrubjay_attribute] = if n == 0 {
            &mut []
        } else {
            // SAFETY: the caller passes `n` attributes at `attrs`.
            unsafe { std::slice::from_raw_parts_mut(attrs, n) }
        };
        // SAFETY: NULL or a live report used by this thread only (caller's contract).
        let report = unsafe { report.as_mut() };
        // SAFETY: the caller's pointers are valid for their lengths.
        counting(report, e, |r| unsafe {
            redact_all(e, attrs, buf, cap, needed, r)
        })
    })
}

/// The body of [`scrubjay_redact_attributes_report`], counting into `report`.
///
/// # Safety
/// As for [`scrubjay_redact_attributes`]; `needed` is not NULL.
unsafe fn redact_all(
    e: &scrubjay_engine,
    attrs: &mut [scrubjay_attribute],
    buf: *mut u8,
    cap: usize,
    needed: *mut usize,
    mut report: Option<&mut Report>,
) -> Result<scrubjay_status, scrubjay_status> {
    // (attribute index, replacement), in index order: a span with nothing to redact
    // allocates nothing.
    let mut replacements: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut scope = e.inner.attribute_scope();
    // SAFETY: the caller's pointers are valid for their lengths.
    unsafe { note_map(&mut scope, attrs) };
    // The attribute before, when it has the same key and a string value: list items come
    // as consecutive attributes of one key, and an item after an option takes its rule.
    let mut previous: Option<(&[u8], Cow<'_, str>)> = None;
    for (i, a) in attrs.iter_mut().enumerate() {
        // SAFETY: the caller's pointers are valid for their lengths.
        let (key_raw, raw) = unsafe { (bytes(a.key, a.key_len)?, bytes(a.str_value, a.str_len)?) };
        let (key, text) = (lossy(key_raw), lossy(raw));
        let is_string = a.kind == scrubjay_value_kind::SCRUBJAY_VALUE_STRING;
        let value = match a.kind {
            scrubjay_value_kind::SCRUBJAY_VALUE_NULL => Scalar::Null,
            scrubjay_value_kind::SCRUBJAY_VALUE_STRING
            | scrubjay_value_kind::SCRUBJAY_VALUE_BYTES => Scalar::Str(&text),
            scrubjay_value_kind::SCRUBJAY_VALUE_INT => Scalar::Int(a.int_value),
            scrubjay_value_kind::SCRUBJAY_VALUE_DOUBLE => Scalar::Float(a.double_value),
            scrubjay_value_kind::SCRUBJAY_VALUE_BOOL => Scalar::Bool(a.bool_value),
        };
        let before = previous
            .as_ref()
            .filter(|(k, _)| *k == key_raw)
            .map(|(_, t)| &**t);
        let (outcome, replacement) =
            match scope.redact_item(&key, before, value, report.as_deref_mut()) {
                AttributeOutcome::Keep | AttributeOutcome::Replace(Cow::Borrowed(_)) => {
                    (scrubjay_outcome::SCRUBJAY_OUTCOME_KEEP, None)
                }
                AttributeOutcome::Remove => (scrubjay_outcome::SCRUBJAY_OUTCOME_REMOVE, None),
                AttributeOutcome::Replace(Cow::Owned(s)) => (
                    scrubjay_outcome::SCRUBJAY_OUTCOME_REPLACE,
                    Some(s.into_bytes()),
                ),
            };
        a.outcome = outcome;
        if let Some(r) = replacement {
            replacements.push((i, r));
        }
        previous = is_string.then_some((key_raw, text));
    }
    if scope.has_repeats() {
        // SAFETY: as above.
        unsafe { mask_repeats(&mut scope, attrs, &mut replacements, report)? };
    }
    let mut total = 0usize;
    for a in attrs.iter_mut() {
        a.replacement_offset = 0;
        a.replacement_len = 0;
    }
    for (i, r) in &replacements {
        attrs[*i].replacement_offset = total;
        attrs[*i].replacement_len = r.len();
        total += r.len();
    }
    // SAFETY: checked non-NULL above.
    unsafe { *needed = total };
    let all_kept = attrs
        .iter()
        .all(|a| a.outcome == scrubjay_outcome::SCRUBJAY_OUTCOME_KEEP);
    if all_kept {
        return Ok(SCRUBJAY_STATUS_UNCHANGED);
    }
    if total > cap || (buf.is_null() && total > 0) {
        return Ok(SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    }
    for (i, r) in replacements {
        let at = attrs[i].replacement_offset;
        // SAFETY: at + r.len() <= total <= cap, inside the caller's buffer.
        unsafe { std::ptr::copy_nonoverlapping(r.as_ptr(), buf.add(at), r.len()) };
    }
    Ok(SCRUBJAY_STATUS_OK)
}

/// The second pass over a record that held a secret (see `AttributeScope::has_repeats`): each
/// string value as it came out, masked where it repeats a secret found in another.
///
/// # Safety
/// As for [`scrubjay_redact_attributes`]: every attribute's pointers are valid.
unsafe fn mask_repeats(
    scope: &mut AttributeScope<'_>,
    attrs: &mut [scrubjay_attribute],
    replacements: &mut Vec<(usize, Vec<u8>)>,
    mut report: Option<&mut Report>,
) -> Result<(), scrubjay_status> {
    for (i, a) in attrs.iter_mut().enumerate() {
        let string = matches!(
            a.kind,
            scrubjay_value_kind::SCRUBJAY_VALUE_STRING | scrubjay_value_kind::SCRUBJAY_VALUE_BYTES
        );
        if !string || a.outcome == scrubjay_outcome::SCRUBJAY_OUTCOME_REMOVE {
            continue;
        }
        // SAFETY: forwarded from the caller.
        let (key_raw, raw) = unsafe { (bytes(a.key, a.key_len)?, bytes(a.str_value, a.str_len)?) };
        let at = replacements.binary_search_by_key(&i, |(j, _)| *j);
        let current = match at {
            Ok(k) => lossy(&replacements[k].1),
            Err(_) => lossy(raw),
        };
        let Some(masked) = scope.mask_repeats(&lossy(key_raw), &current, report.as_deref_mut())
        else {
            continue;
        };
        match at {
            Ok(k) => replacements[k].1 = masked.into_bytes(),
            Err(k) => replacements.insert(k, (i, masked.into_bytes())),
        }
        a.outcome = scrubjay_outcome::SCRUBJAY_OUTCOME_REPLACE;
    }
    Ok(())
}

/// `bytes` as text, invalid sequences as U+FFFD: `from_utf8_lossy`, with the standard
/// library's faster check first for the usual valid input.
fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Tells the scope what the span's attributes say about all of them (its database's SQL
/// dialect, the key of its tokens): each single string attribute the scope reads. As the
/// core's walk reads a map, a list (consecutive attributes of one key) or another type names
/// nothing (and a `db.system.name` of that kind hides `db.system`).
///
/// # Safety
/// Each attribute's key and string pointers are valid for their lengths.
unsafe fn note_map(scope: &mut scrubjay_core::AttributeScope<'_>, attrs: &[scrubjay_attribute]) {
    // SAFETY: forwarded from the caller.
    let key_of = |a: &scrubjay_attribute| unsafe { bytes(a.key, a.key_len) }.ok();
    for (i, a) in attrs.iter().enumerate() {
        // The few keys the scope reads, compared as bytes: the other keys need no UTF-8 check.
        let Some(raw) = key_of(a).filter(|raw| scope.read_keys().any(|k| k.as_bytes() == *raw))
        else {
            continue;
        };
        let key = lossy(raw);
        let same_key = |b: Option<&scrubjay_attribute>| b.and_then(key_of) == key_of(a);
        let single =
            !same_key(i.checked_sub(1).and_then(|j| attrs.get(j))) && !same_key(attrs.get(i + 1));
        if a.kind != scrubjay_value_kind::SCRUBJAY_VALUE_STRING || !single {
            scope.note_non_string(&key);
            continue;
        }
        // SAFETY: forwarded from the caller.
        if let Ok(value) = unsafe { bytes(a.str_value, a.str_len) } {
            scope.note(&key, &lossy(value));
        }
    }
}

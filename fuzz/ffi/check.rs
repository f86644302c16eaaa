// The C entry points with fuzzed bytes and fuzzed buffer sizes: every status is one of the
// documented ones, a buffer that is too small is never overrun (AddressSanitizer watches when
// fuzzing), and a second call with the size asked for succeeds. Shared by the `ffi` fuzz
// target and by ffi/tests/fuzz_corpus.rs, which replays the corpus in `make test`.

use scrubjay::*; // the C library crate (scrubjay-ffi)

fn engine() -> *mut scrubjay_engine {
    use std::sync::atomic::{AtomicPtr, Ordering};
    static ENGINE: AtomicPtr<scrubjay_engine> = AtomicPtr::new(std::ptr::null_mut());
    let e = ENGINE.load(Ordering::Acquire);
    if !e.is_null() {
        return e;
    }
    let fresh = scrubjay_engine_new_default();
    ENGINE.store(fresh, Ordering::Release);
    fresh
}

/// A key ring of one key, for `scrubjay_reveal`.
fn keyring() -> *mut scrubjay_keyring {
    use std::sync::atomic::{AtomicPtr, Ordering};
    static RING: AtomicPtr<scrubjay_keyring> = AtomicPtr::new(std::ptr::null_mut());
    let r = RING.load(Ordering::Acquire);
    if !r.is_null() {
        return r;
    }
    let json = br#"{"keys": [{"id": "k1", "key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#;
    // SAFETY: `json` is valid for its length; a NULL error pointer is allowed.
    let fresh =
        unsafe { scrubjay_keyring_from_json(json.as_ptr(), json.len(), std::ptr::null_mut()) };
    RING.store(fresh, Ordering::Release);
    fresh
}

include!("../planted.rs");

/// A secret planted among fuzzed bytes does not come out of `scrubjay_redact` or, as an
/// attribute value, `scrubjay_redact_attributes` (invalid UTF-8 around it included).
fn planted(e: *const scrubjay_engine, data: &[u8]) {
    let Some((text, core)) = plant(data) else {
        return;
    };
    let mut out = Vec::new();
    let mut len = text.len();
    // SAFETY: every pointer below is valid for the length passed with it.
    unsafe {
        let mut st = scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL;
        while st == scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
            out.resize(len, 0);
            st = scrubjay_redact(
                e,
                text.as_ptr(),
                text.len(),
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            );
        }
        let redacted: &[u8] = match st {
            scrubjay_status::SCRUBJAY_STATUS_OK => &out[..len],
            scrubjay_status::SCRUBJAY_STATUS_UNCHANGED => &text,
            other => panic!("scrubjay_redact: {other:?} on a planted secret"),
        };
        assert!(
            !leaks(&text, redacted, core),
            "scrubjay_redact lets a planted {core:?} through"
        );
        let key = b"exception.message";
        let mut attr = [scrubjay_attribute {
            key: key.as_ptr(),
            key_len: key.len(),
            kind: scrubjay_value_kind::SCRUBJAY_VALUE_STRING,
            str_value: text.as_ptr(),
            str_len: text.len(),
            int_value: 0,
            double_value: 0.0,
            bool_value: false,
            outcome: scrubjay_outcome::SCRUBJAY_OUTCOME_KEEP,
            replacement_offset: 0,
            replacement_len: 0,
        }];
        // Outcomes are set even when the buffer is too small; a call with the size asked for
        // fills it.
        let mut st = scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL;
        while st == scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
            out.resize(len, 0);
            st = scrubjay_redact_attributes(
                e,
                attr.as_mut_ptr(),
                1,
                out.as_mut_ptr(),
                out.len(),
                &mut len,
            );
        }
        assert!(
            matches!(
                st,
                scrubjay_status::SCRUBJAY_STATUS_OK | scrubjay_status::SCRUBJAY_STATUS_UNCHANGED
            ),
            "scrubjay_redact_attributes: {st:?} on a planted secret"
        );
        let a = &attr[0];
        let value: &[u8] = match a.outcome {
            scrubjay_outcome::SCRUBJAY_OUTCOME_KEEP => &text,
            scrubjay_outcome::SCRUBJAY_OUTCOME_REPLACE => {
                &out[a.replacement_offset..a.replacement_offset + a.replacement_len]
            }
            _ => &[],
        };
        assert!(
            !leaks(&text, value, core),
            "scrubjay_redact_attributes lets a planted {core:?} through"
        );
    }
}

/// The checks on one input (see the file's opening comment).
pub fn check(data: &[u8]) {
    planted(engine(), data);
    let Some((&cap, input)) = data.split_first() else {
        return;
    };
    let cap = cap as usize;
    let e = engine();
    let ok = |st: scrubjay_status| st != scrubjay_status::SCRUBJAY_STATUS_PANIC;
    // SAFETY: every pointer below is valid for the length passed with it.
    unsafe {
        let mut out = vec![0u8; cap];
        let mut len = 0usize;
        let st = scrubjay_redact(
            e,
            input.as_ptr(),
            input.len(),
            out.as_mut_ptr(),
            cap,
            &mut len,
        );
        if st == scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL {
            let mut big = vec![0u8; len];
            let again = scrubjay_redact(
                e,
                input.as_ptr(),
                input.len(),
                big.as_mut_ptr(),
                len,
                &mut len,
            );
            assert_eq!(again, scrubjay_status::SCRUBJAY_STATUS_OK);
        } else {
            assert!(matches!(
                st,
                scrubjay_status::SCRUBJAY_STATUS_OK | scrubjay_status::SCRUBJAY_STATUS_UNCHANGED
            ));
        }
        let mut findings = vec![
            scrubjay_finding {
                rule_id: 0,
                start: 0,
                end: 0
            };
            cap % 8
        ];
        let mut count = 0usize;
        let st = scrubjay_scan(
            e,
            input.as_ptr(),
            input.len(),
            findings.as_mut_ptr(),
            findings.len(),
            &mut count,
        );
        assert!(ok(st));
        for f in findings.iter().take(count.min(findings.len())) {
            assert!(f.start <= f.end && f.end <= input.len());
            assert!(!scrubjay_rule_name(e, f.rule_id).is_null());
        }
        for op in [
            scrubjay_sanitize_url,
            scrubjay_normalize_sql,
            scrubjay_redact_json,
        ] {
            assert!(ok(op(
                e,
                input.as_ptr(),
                input.len(),
                out.as_mut_ptr(),
                cap,
                &mut len
            )));
        }
        // Fuzzed bytes as a key ring, and as a text to reveal with a ring that reads.
        let mut err = std::ptr::null_mut();
        let fuzzed_ring = scrubjay_keyring_from_json(input.as_ptr(), input.len(), &mut err);
        scrubjay_keyring_free(fuzzed_ring);
        scrubjay_error_free(err);
        let ring = keyring();
        let st = scrubjay_reveal(
            e,
            ring,
            input.as_ptr(),
            input.len(),
            out.as_mut_ptr(),
            cap,
            &mut len,
        );
        assert!(matches!(
            st,
            scrubjay_status::SCRUBJAY_STATUS_OK
                | scrubjay_status::SCRUBJAY_STATUS_UNCHANGED
                | scrubjay_status::SCRUBJAY_STATUS_BUFFER_TOO_SMALL
                | scrubjay_status::SCRUBJAY_STATUS_INVALID_UTF8
        ));
        // A dialect named by the input's first bytes: a known one, or a name that is none.
        let dialect: &[u8] = match cap % 4 {
            0 => b"mysql",
            1 => b"microsoft.sql_server",
            2 => b"",
            _ => &input[..input.len().min(4)],
        };
        let st = scrubjay_normalize_sql_dialect(
            e,
            dialect.as_ptr(),
            dialect.len(),
            input.as_ptr(),
            input.len(),
            out.as_mut_ptr(),
            cap,
            &mut len,
        );
        assert!(ok(st));
        let half = input.len() / 2;
        let mut attrs = [scrubjay_attribute {
            key: input.as_ptr(),
            key_len: half,
            kind: scrubjay_value_kind::SCRUBJAY_VALUE_STRING,
            str_value: input[half..].as_ptr(),
            str_len: input.len() - half,
            int_value: i64::from(cap as u8),
            double_value: 0.0,
            bool_value: false,
            outcome: scrubjay_outcome::SCRUBJAY_OUTCOME_KEEP,
            replacement_offset: 0,
            replacement_len: 0,
        }; 2];
        attrs[1].kind = scrubjay_value_kind::SCRUBJAY_VALUE_INT;
        let st =
            scrubjay_redact_attributes(e, attrs.as_mut_ptr(), 2, out.as_mut_ptr(), cap, &mut len);
        assert!(ok(st));
        for a in &attrs {
            if st == scrubjay_status::SCRUBJAY_STATUS_OK
                && a.outcome == scrubjay_outcome::SCRUBJAY_OUTCOME_REPLACE
            {
                assert!(a.replacement_offset + a.replacement_len <= len && len <= cap);
            }
        }
        // The same calls into a report, whose counts then read back, merge and clear.
        let report = scrubjay_report_new(e);
        assert!(!report.is_null());
        for op in [scrubjay_redact_report, scrubjay_redact_json_report] {
            let st = op(
                e,
                report,
                input.as_ptr(),
                input.len(),
                out.as_mut_ptr(),
                cap,
                &mut len,
            );
            assert!(ok(st));
        }
        let st = scrubjay_redact_attributes_report(
            e,
            report,
            attrs.as_mut_ptr(),
            2,
            out.as_mut_ptr(),
            cap,
            &mut len,
        );
        assert!(ok(st));
        let rules = scrubjay_report_rule_count(report);
        for id in 0..rules as u32 {
            let _ = scrubjay_report_count(report, id);
            assert!(!scrubjay_report_rule_name(report, id).is_null());
        }
        assert!(scrubjay_report_rule_name(report, rules as u32 + cap as u32).is_null());
        let mut counts = vec![0u64; cap % 8];
        let mut n = 0usize;
        let st = scrubjay_report_counts(report, counts.as_mut_ptr(), counts.len(), &mut n);
        assert!(ok(st));
        let _ = scrubjay_report_fail_closed(report, cap as u32);
        let _ = scrubjay_fail_reason_name(cap as u32);
        let _ = scrubjay_report_denied(report);
        let other = scrubjay_report_new(e);
        assert!(ok(scrubjay_report_merge(other, report)));
        assert!(ok(scrubjay_report_clear(report)));
        scrubjay_report_free(report);
        scrubjay_report_free(other);
        let mut violations = vec![
            scrubjay_baggage_violation {
                reason: std::ptr::null(),
                key: std::ptr::null(),
                key_len: 0
            };
            cap % 4
        ];
        let mut vcount = 0usize;
        let st = scrubjay_sanitize_baggage(
            e,
            input.as_ptr(),
            input.len(),
            out.as_mut_ptr(),
            cap,
            &mut len,
            violations.as_mut_ptr(),
            violations.len(),
            &mut vcount,
        );
        assert!(ok(st));
        let mut reason = std::ptr::null();
        assert!(ok(scrubjay_validate_traceparent(
            input.as_ptr(),
            input.len(),
            &mut reason
        )));
        let mut err = std::ptr::null_mut();
        let compiled = scrubjay_engine_new(input.as_ptr(), input.len(), &mut err);
        assert!(compiled.is_null() != err.is_null());
        scrubjay_engine_free(compiled);
        scrubjay_error_free(err);
    }
}

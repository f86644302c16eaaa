// The properties every fuzz target checks, shared with the regression test that replays the
// corpus and every past crash in `make test` (core/tests/fuzz_regressions.rs). A failed
// property panics, which the fuzzer reports as a crash.

use std::sync::OnceLock;

use scrubjay::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

/// Policy text (JSON or YAML): parsing and compiling return or fail, never panic or hang.
/// A policy that compiles can redact its own text.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(engine) = Engine::from_policy_text(text) {
        let _ = engine.redact_str(text);
    }
}

/// Any bytes through `redact_bytes` and, as text, `redact_str` and `scan_str`: no panic;
/// redaction is idempotent (what comes out scans clean under the same policy).
pub fn redact_str(data: &[u8]) {
    let e = engine();
    let out = e.redact_bytes(data);
    let again = e.redact_bytes(&out);
    assert!(again == out, "redact_bytes is not idempotent");
    let text = String::from_utf8_lossy(data);
    let red = e.redact_str(&text);
    assert_eq!(e.redact_str(&red), red, "redact_str is not idempotent");
    for f in e.scan_str(&text) {
        assert!(
            f.start <= f.end && f.end <= text.len(),
            "a finding is out of range"
        );
    }
}

/// JSON documents through `redact_json` and `scan_json`: no panic, idempotent, and the same
/// result the second time an input comes (when the memo of clean values answers).
pub fn redact_json(data: &[u8]) {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let e = engine();
    let _ = e.scan_json(&value);
    let original = value.clone();
    e.redact_json(&mut value);
    let mut again = value.clone();
    e.redact_json(&mut again);
    assert_eq!(again, value, "redact_json is not idempotent");
    // The second time, values found clean the first time are answered by the memo.
    let mut second = original;
    e.redact_json(&mut second);
    assert_eq!(
        second, value,
        "a second redaction of the same input differs"
    );
}

/// The URL, SQL, header, command-line and baggage sanitizers and the traceparent check: no
/// panic; the sanitizers are idempotent.
pub fn sanitizers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let e = engine();
    let url = e.sanitize_url(&text);
    assert_eq!(e.sanitize_url(&url), url, "sanitize_url is not idempotent");
    let sql = scrubjay::normalize_sql(&text);
    assert_eq!(
        scrubjay::normalize_sql(&sql),
        sql,
        "normalize_sql is not idempotent"
    );
    let (name, value) = text.split_once(':').unwrap_or(("authorization", &text));
    let _ = e.sanitize_header(name, value);
    // The command-line sanitizer has no function of its own: its field rule reaches it.
    let mut cmd = serde_json::json!({ "process.command_line": text });
    e.redact_json(&mut cmd);
    let mut again = cmd.clone();
    e.redact_json(&mut again);
    assert_eq!(again, cmd, "the command-line sanitizer is not idempotent");
    let _ = e.sanitize_baggage(&text);
    let _ = scrubjay::validate_traceparent(&text);
}

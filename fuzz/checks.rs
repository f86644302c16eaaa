// The properties every fuzz target checks, shared with the regression test that replays the
// corpus and every past crash in `make test` (core/tests/fuzz_regressions.rs). A failed
// property panics, which the fuzzer reports as a crash.

use std::sync::OnceLock;

use scrubjay::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::default)
}

/// The default policy with `url.normalize_paths` on.
fn templating_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let policy = r#"{"version": 1, "sanitizers": {"url": {"normalize_paths": true}}}"#;
        Engine::from_policy_text(policy).expect("the templating policy compiles")
    })
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

include!("planted.rs");

/// A secret planted among fuzzed bytes does not come out of `redact_bytes` or `redact_str`,
/// whether or not redaction is idempotent there.
fn planted_str(data: &[u8]) {
    let Some((text, core)) = plant(data) else {
        return;
    };
    let e = engine();
    let out = e.redact_bytes(&text);
    assert!(
        !leaks(&text, &out, core),
        "redact_bytes lets a planted {core:?} through"
    );
    let text = String::from_utf8_lossy(&text);
    let out = e.redact_str(&text);
    assert!(
        !leaks(text.as_bytes(), out.as_bytes(), core),
        "redact_str lets a planted {core:?} through"
    );
}

/// A policy that tokenizes e-mails, one that numbers them, and the ring of the one key.
fn token_engines() -> &'static (Engine, Engine, scrubjay::KeyRing) {
    static ENGINES: OnceLock<(Engine, Engine, scrubjay::KeyRing)> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let ring = r#"{"active": "fz", "keys": [{"id": "fz", "key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#;
        let policy = |action: &str| {
            format!(
                r#"{{"version": 1, "builtins": ["email"],
                    "content": [{{"builtin": "email", "action": "{action}"}}],
                    "tokenize": {{"keys": {ring}, "allow_inline_keys": true}}}}"#
            )
        };
        let compile = |action| Engine::from_policy_text(&policy(action)).expect("compiles");
        let keys = scrubjay::KeyRing::from_json(ring).expect("the ring reads");
        (compile("tokenize"), compile("pseudonym"), keys)
    })
}

/// Tokens and pseudonyms: redaction is idempotent, and revealing what `tokenize` wrote gives
/// back the text exactly, unless the value failed closed (masked whole, and counted).
fn tokens(text: &str) {
    let (tokenizing, numbering, keys) = token_engines();
    let mut report = tokenizing.new_report();
    let red = tokenizing.redact_str_with_report(text, &mut report);
    assert_eq!(
        tokenizing.redact_str(&red),
        red,
        "tokenize is not idempotent"
    );
    let failed = scrubjay::FailReason::ALL
        .iter()
        .any(|&r| report.fail_closed_count(r) > 0);
    if !failed && !text.contains("[TOKEN:") {
        assert_eq!(
            tokenizing.reveal(&red, keys).text,
            text,
            "reveal does not give the text back"
        );
    }
    let numbered = numbering.redact_str(text);
    assert_eq!(
        numbering.redact_str(&numbered),
        numbered,
        "pseudonym is not idempotent"
    );
}

/// Any bytes through `redact_bytes` and, as text, `redact_str` and `scan_str`: no panic;
/// redaction is idempotent (what comes out scans clean under the same policy); a secret
/// planted among the bytes never comes out; tokens reveal.
pub fn redact_str(data: &[u8]) {
    planted_str(data);
    tokens(&String::from_utf8_lossy(data));
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

/// Attribute keys a planted secret is put under: free text and each sanitizer's field.
const PLANT_KEYS: &[&str] = &[
    "message",
    "exception.message",
    "db.statement",
    "url.full",
    "url.query",
    "http.request.header.x-note",
    "process.command_line",
];

/// A secret planted among fuzzed bytes in an attribute value does not come out of
/// `redact_json`, under free-text keys and under each sanitizer's.
fn planted_json(data: &[u8]) {
    let Some((text, core)) = plant(data) else {
        return;
    };
    let text = String::from_utf8_lossy(&text);
    let key = PLANT_KEYS[data.len() % PLANT_KEYS.len()];
    let mut doc = serde_json::json!({ key: text, "nested": [{ "note": text }] });
    engine().redact_json(&mut doc);
    for out in [&doc[key], &doc["nested"][0]["note"]] {
        let out = out.as_str().unwrap_or_default();
        assert!(
            !leaks(text.as_bytes(), out.as_bytes(), core),
            "redact_json lets a planted {core:?} through under {key}"
        );
    }
}

/// JSON documents through `redact_json` and `scan_json`: no panic, idempotent, and the same
/// result the second time an input comes (when the memo of clean values answers). Any bytes
/// also carry a planted secret into an attribute, which must not come out.
pub fn redact_json(data: &[u8]) {
    planted_json(data);
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

/// A secret planted among fuzzed bytes does not come out of the URL or header sanitizer
/// (text that is not a URL or a header of a known shape goes to the content rules).
fn planted_sanitizers(data: &[u8]) {
    let Some((text, core)) = plant(data) else {
        return;
    };
    let text = String::from_utf8_lossy(&text);
    let e = engine();
    let url = e.sanitize_url(&text);
    assert!(
        !leaks(text.as_bytes(), url.as_bytes(), core),
        "sanitize_url lets a planted {core:?} through"
    );
    let header = e.sanitize_header("x-note", &text);
    assert!(
        !leaks(text.as_bytes(), header.as_bytes(), core),
        "sanitize_header lets a planted {core:?} through"
    );
}

/// The URL, SQL, header, command-line and baggage sanitizers and the traceparent check: no
/// panic; the sanitizers are idempotent; a planted secret does not come out of them.
pub fn sanitizers(data: &[u8]) {
    planted_sanitizers(data);
    let text = String::from_utf8_lossy(data);
    let e = engine();
    let url = e.sanitize_url(&text);
    assert_eq!(e.sanitize_url(&url), url, "sanitize_url is not idempotent");
    let t = templating_engine();
    let templated = t.sanitize_url(&text);
    assert_eq!(
        t.sanitize_url(&templated),
        templated,
        "sanitize_url with normalize_paths is not idempotent"
    );
    let sql = scrubjay::normalize_sql(&text);
    assert_eq!(
        scrubjay::normalize_sql(&sql),
        sql,
        "normalize_sql is not idempotent"
    );
    // And in the dialect the first byte picks.
    let all = scrubjay::SqlDialect::ALL;
    let dialect = all[usize::from(data.first().copied().unwrap_or(0)) % all.len()];
    let sql = scrubjay::normalize_sql_as(&text, dialect);
    assert_eq!(
        scrubjay::normalize_sql_as(&sql, dialect),
        sql,
        "normalize_sql_as is not idempotent in {dialect:?}"
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

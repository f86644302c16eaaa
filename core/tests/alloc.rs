//! Proves the hot-path contract with a counting global allocator: no allocation when there is
//! nothing to redact, exactly one per changed string.

// A counting global allocator needs `unsafe`; it only forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use scrubjay::Engine;
use serde_json::json;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    COUNT.with(|c| c.set(0));
    COUNTING.with(|c| c.set(true));
    let out = f();
    COUNTING.with(|c| c.set(false));
    (COUNT.with(Cell::get), out)
}

const CLEAN: &[&str] = &[
    "GET /api/v2/orders/12345?page=2&limit=50 200 OK in 152ms",
    "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 ts=1700000000000",
    "deployed 3f786850e387550fdab836ed7e6dc881de23001b version 1.2.3 at 2024-01-15T10:30:00.123Z",
    "SELECT id, name FROM users WHERE id = ? LIMIT 50 -- port 5432 host db-1",
    "user=42 retries=3 token_count=17 ratio=0.75 uuid=550e8400-e29b-41d4-a716-446655440000",
];

#[test]
fn clean_strings_allocate_nothing() {
    let engine = Engine::default();
    for s in CLEAN {
        engine.redact_str(s); // warm-up: lazy DFA states, pooled scratch
    }
    for s in CLEAN {
        let (n, out) = allocations(|| engine.redact_str(s));
        assert!(matches!(out, std::borrow::Cow::Borrowed(_)), "{s}");
        assert_eq!(n, 0, "redact_str allocated on clean text: {s}");
    }
}

#[test]
fn each_changed_string_allocates_once() {
    let engine = Engine::default();
    let dirty = [
        "mail john.doe@company.com now",
        "card 4111 1111 1111 1111 and ssn 123-45-6789 and ip 203.0.113.42",
        "Authorization: Bearer abc123def456ghi789 password=hunter2",
    ];
    for s in dirty {
        engine.redact_str(s);
    }
    for s in dirty {
        let (n, out) = allocations(|| engine.redact_str(s));
        assert!(matches!(out, std::borrow::Cow::Owned(_)), "{s}");
        assert_eq!(n, 1, "redact_str should allocate exactly its output: {s}");
    }
}

#[test]
fn clean_span_json_allocates_nothing_and_dirty_strings_once_each() {
    let engine = Engine::default();
    let clean = json!({
        "http.method": "GET",
        "http.route": "/api/orders/{id}",
        "http.status_code": 200,
        "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
        "span_id": "00f067aa0ba902b7",
        "service": {"name": "checkout", "version": "1.2.3"},
        "gen_ai.usage.input_tokens": 1234,
        "duration_ms": 152.5,
        "tags": ["a", "b"],
        "ok": true
    });
    let mut span = clean.clone();
    engine.redact_json(&mut span);
    let (n, ()) = allocations(|| engine.redact_json(&mut span));
    assert_eq!(n, 0, "redact_json allocated on a clean span");
    assert_eq!(span, clean);

    let dirty = json!({"msg": "mail a@example.com", "http.method": "GET", "peer": "203.0.113.42"});
    let mut warm = dirty.clone();
    engine.redact_json(&mut warm);
    let mut span = dirty.clone();
    let (n, ()) = allocations(|| engine.redact_json(&mut span));
    assert_eq!(n, 2, "one allocation per changed string");
    assert_eq!(span["msg"], "mail [REDACTED:email]");
}

#[test]
fn sql_normalisation_allocates_only_its_output() {
    let sql = "SELECT * FROM users WHERE email = 'a@b.io' AND id IN (1, 2, 3) -- note";
    let (n, out) = allocations(|| scrubjay::normalize_sql(sql));
    assert_eq!(out, "SELECT * FROM users WHERE email = ? AND id IN (?)");
    assert_eq!(n, 1);
}

#[test]
fn scratch_is_reused_across_threads() {
    let engine = Engine::default();
    engine.redact_str(CLEAN[0]);
    std::thread::scope(|s| {
        s.spawn(|| {
            for c in CLEAN {
                engine.redact_str(c);
            }
            let (n, _) = allocations(|| {
                for c in CLEAN {
                    engine.redact_str(c);
                }
            });
            assert_eq!(n, 0, "a second thread allocated after warm-up");
        });
    });
}

#[test]
fn attribute_scope_allocates_nothing_on_clean_attributes_and_agrees_with_single_calls() {
    use scrubjay::Scalar;
    let engine = Engine::default();
    // Sanitised keys included: a URL, a statement and a command line the sanitizers leave as
    // they are.
    let attrs: [(&str, Scalar); 9] = [
        ("http.request.method", Scalar::Str("GET")),
        (
            "process.command_line",
            Scalar::Str("/usr/bin/java -Xmx2g -jar app.jar --port 8080 --verbose"),
        ),
        (
            "url.full",
            Scalar::Str("https://api.example.com/v2/orders/48213?page=2"),
        ),
        (
            "db.statement",
            Scalar::Str("SELECT id FROM orders WHERE id = $1"),
        ),
        (
            "app.trace_ref",
            Scalar::Str("4bf92f3577b34da6a3ce929d0e0e4736"),
        ),
        ("server.port", Scalar::Int(8443)),
        ("app.ratio", Scalar::Float(0.25)),
        ("app.ok", Scalar::Bool(true)),
        ("app.none", Scalar::Null),
    ];
    let run = || {
        let mut scope = engine.attribute_scope();
        let mut kept = 0;
        for (k, v) in &attrs {
            kept += usize::from(scope.redact(k, *v, None) == scrubjay::AttributeOutcome::Keep);
        }
        kept
    };
    run();
    let (n, kept) = allocations(run);
    assert_eq!(kept, attrs.len());
    assert_eq!(n, 0, "a scope over clean attributes allocated");

    let dirty = [
        ("app.note", Scalar::Str("mail a@example.com")),
        (
            "url.full",
            Scalar::Str("https://u:p@example.com/x?token=abc"),
        ),
        (
            "db.statement",
            Scalar::Str("SELECT * FROM t WHERE email = 'a@b.co'"),
        ),
        ("db.password", Scalar::Str("hunter2")),
        ("payment.ref", Scalar::Int(4111111111111111)),
    ];
    let mut scope = engine.attribute_scope();
    for (k, v) in dirty.iter().chain(&attrs) {
        assert_eq!(
            scope.redact(k, *v, None),
            engine.redact_attribute(k, *v, None),
            "{k}"
        );
    }
}

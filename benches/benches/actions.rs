//! What an action costs per value: one e-mail in a 40-byte value, masked, hashed (HMAC-SHA256),
//! tokenized (AES-256-SIV) or numbered, each through `redact_str`; and `reveal` of the token.
//! The difference between `mask` and another action is that action's own cost.
//!
//! Run: `cargo bench -p scrubjay-benches --bench actions`.

use criterion::{criterion_group, criterion_main, Criterion};
use scrubjay::{Engine, KeyRing};

const VALUE: &str = "login failed for jane.doe@example.com (3x)";

fn engine(action: &str, keys: &KeyRing) -> Engine {
    let policy = serde_json::json!({
        "version": 1,
        "builtins": ["email"],
        "content": [{"builtin": "email", "action": action}],
        "hash": {"key": "bench-hash-key"},
        "tokenize": {
            "keys": serde_json::from_str::<serde_json::Value>(&keys.to_json()).expect("ring JSON"),
            "allow_inline_keys": true
        }
    });
    Engine::from_policy_text(&policy.to_string()).expect("policy compiles")
}

fn actions(c: &mut Criterion) {
    let mut keys = KeyRing::new();
    keys.generate("bench").expect("system randomness");
    let mut g = c.benchmark_group("action_per_value");
    for action in ["mask", "hash", "tokenize", "pseudonym"] {
        let e = engine(action, &keys);
        g.bench_function(action, |b| {
            b.iter(|| e.redact_str(std::hint::black_box(VALUE)).len())
        });
    }
    let e = engine("tokenize", &keys);
    let token = e.redact_str(VALUE).into_owned();
    g.bench_function("reveal", |b| {
        b.iter(|| e.reveal(std::hint::black_box(&token), &keys).text.len())
    });
    g.finish();
}

criterion_group!(benches, actions);
criterion_main!(benches);

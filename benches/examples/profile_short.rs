//! A fixed amount of short-value redaction work, one value per call, for
//! `valgrind --tool=callgrind` (instruction counts are repeatable where timings are not).
//! With values as arguments, only those; with `--set clean` or `--set dense`, the value sets
//! of the `short_*_values` bench groups; otherwise short values of telemetry (clean ones and
//! ones holding a secret).
//!
//! `POLICY=file.json` runs that policy instead of the default one (what an action costs:
//! `mask`, `hash`, `tokenize` and `pseudonym` policies over the same value).
//!
//! ```text
//! cargo build --release -p scrubjay-benches --example profile_short
//! valgrind --tool=callgrind target/release/examples/profile_short 'ssn=123-45-6789'
//! ```

const VALUES: &[&str] = &[
    "4bf92f3577b34da6a3ce929d0e0e4736",
    "2026-11-22T10:30:00.123456Z",
    "GET /api/v1/orders/ORD-12345 completed in 123ms with status 200",
    "cache miss for key product:summary:v3 after 1761666269798",
    "john.doe@example.com",
    "card 4111 1111 1111 1111",
    "token=abc",
    "ssn=123-45-6789",
    "api_key=Zx81hQm2LwP0vBn7TgR4Yc5Ke3Ja6Ud9",
    "Authorization: Bearer abc",
];

fn main() {
    let engine = match std::env::var("POLICY") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("POLICY names a readable file");
            scrubjay::Engine::from_policy_text(&text).expect("POLICY compiles")
        }
        Err(_) => scrubjay::Engine::default(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--set clean` / `--set dense`: the 4096 values of the `short_*_values` bench groups.
    let set = match args.first().map(String::as_str) {
        Some("--set") => {
            scrubjay_benches::short_values(4096, args.get(1).is_some_and(|s| s == "dense"))
        }
        _ => Vec::new(),
    };
    let values: Vec<&str> = match (args.is_empty(), set.is_empty()) {
        (_, false) => set.iter().map(String::as_str).collect(),
        (true, true) => VALUES.to_vec(),
        (false, true) => args.iter().map(String::as_str).collect(),
    };
    let mut changed = 0usize;
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10_000);
    for _ in 0..rounds {
        for v in &values {
            changed += usize::from(engine.redact_str(v) != *v);
        }
    }
    println!("{changed} values changed");
}

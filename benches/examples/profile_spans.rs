//! A fixed amount of span redaction work, for `valgrind --tool=callgrind` (instruction
//! counts are repeatable where timings are not):
//!
//! ```text
//! cargo build --release -p scrubjay-benches --example profile_spans
//! valgrind --tool=callgrind target/release/examples/profile_spans
//! ```

fn main() {
    let engine = scrubjay::Engine::default();
    let batch = scrubjay_benches::spans(500);
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let mut changed = 0usize;
    for _ in 0..rounds {
        for span in &batch {
            let mut s = span.clone();
            engine.redact_json(&mut s);
            changed += usize::from(s != *span);
        }
    }
    println!("{changed} spans changed");
}

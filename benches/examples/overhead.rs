//! Separates per-call overhead from per-byte throughput.
use std::time::Instant;
fn main() {
    let engine = scrubjay::Engine::default();
    let n = 2_000_000;
    for s in ["abc", "GET /health 200", "http.method"] {
        let t = Instant::now();
        let mut k = 0;
        for _ in 0..n {
            k += engine.redact_str(std::hint::black_box(s)).len();
        }
        println!("{:?}: {:.1} ns/call ({k})", s, t.elapsed().as_nanos() as f64 / n as f64);
    }
    let text = scrubjay_benches::clean_text(16 << 20);
    let big = scrubjay::Policy { limits: scrubjay::Limits { max_value_bytes: 1 << 30, ..Default::default() }, ..Default::default() };
    let e2 = scrubjay::Engine::new(&big).unwrap();
    let t = Instant::now();
    let out = e2.redact_str(&text);
    println!("one 16 MB string: {:.0} MB/s ({})", text.len() as f64 / 1e6 / t.elapsed().as_secs_f64(), out.len());
    let t = Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += matches!(engine.field_decision(std::hint::black_box("http.request.header.user-agent")), scrubjay::FieldDecision::Scan) as usize;
    }
    println!("field_decision: {:.1} ns/call ({k})", t.elapsed().as_nanos() as f64 / n as f64);
}

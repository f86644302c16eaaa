//! Profiling target: redact_json over a batch of spans (clones prepared outside the timing).
fn main() {
    let engine = scrubjay::Engine::default();
    let spans = scrubjay_benches::spans(2000);
    let mut total = 0.0;
    for _ in 0..20 {
        let mut batch: Vec<_> = spans.clone();
        let t = std::time::Instant::now();
        for s in &mut batch {
            engine.redact_json(s);
        }
        total += t.elapsed().as_secs_f64();
    }
    println!("{:.2} us/span", total * 1e6 / (20.0 * 2000.0));
}

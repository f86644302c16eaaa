//! Profiling target: the default engine over clean telemetry lines.
fn main() {
    let engine = scrubjay::Engine::default();
    let text = scrubjay_benches::clean_text(4 << 20);
    let lines: Vec<&str> = text.lines().collect();
    let mut n = 0;
    for _ in 0..10 {
        for l in &lines {
            n += engine.redact_str(l).len();
        }
    }
    println!("{n}");
}

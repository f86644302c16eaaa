//! A quick single-shot throughput check (the criterion bench is the reference).
use std::time::Instant;

fn main() {
    let engine = scrubjay::Engine::default();
    let naive = scrubjay_benches::Naive::default();
    for (name, text) in [("clean", scrubjay_benches::clean_text(4 << 20)), ("dense", scrubjay_benches::dense_text(4 << 20))] {
        let lines: Vec<&str> = text.lines().collect();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for l in &lines {
                n += engine.redact_str(l).len();
            }
        }
        let s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut m = 0;
        for l in &lines {
            m += naive.redact(l).len();
        }
        let b = t.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!("{name}: scrubjay {:.0} MB/s  naive {:.0} MB/s  ratio {:.1}x ({n} {m})", 3.0 * mb / s, mb / b, (b / (s / 3.0)));
    }
    let spans = scrubjay_benches::spans(2000);
    let t = Instant::now();
    for _ in 0..5 {
        for s in &spans {
            let mut v = s.clone();
            engine.redact_json(&mut v);
        }
    }
    let s = t.elapsed().as_secs_f64() / 5.0;
    let t = Instant::now();
    for s in &spans {
        let mut v = s.clone();
        naive.redact_json(&mut v);
    }
    let b = t.elapsed().as_secs_f64();
    println!("spans: scrubjay {:.2} us/span  naive {:.2} us/span  ratio {:.1}x", s * 1e6 / 2000.0, b * 1e6 / 2000.0, b / s);
}

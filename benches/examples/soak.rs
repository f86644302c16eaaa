//! Soak test: redacts many values (10 million by default) with one engine and prints resident
//! memory as it goes. Memory must stay flat once the automata are warm: the run fails when
//! the resident set grows by more than 16 MB after the first million values.
//!
//! ```text
//! cargo run --release -p scrubjay-benches --example soak -- [VALUES]
//! ```

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let total: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000_000);
    let engine = scrubjay::Engine::default();
    let mut report = engine.new_report();
    let started = std::time::Instant::now();
    let (mut baseline, mut peak) = (0u64, 0u64);
    let mut changed = 0u64;
    for i in 0..total {
        // Every value is different: ids, numbers and secrets vary with i.
        let value = match i % 4 {
            0 => format!("charge {i} failed for user{i}@example.com card 4111 1111 1111 1111"),
            1 => format!(
                "GET /api/orders/{i}?page=2 trace {:032x}",
                i.wrapping_mul(0x9e3779b97f4a7c15)
            ),
            2 => format!(
                "db_password=s3cret{i} host=10.{}.{}.{}",
                i % 256,
                (i / 256) % 256,
                (i / 65536) % 256
            ),
            _ => format!("build 1.{}.{} took {} ms", i % 100, i % 7, i % 1000),
        };
        if engine.redact_str_with_report(&value, &mut report) != value.as_str() {
            changed += 1;
        }
        if i % 1_000_000 == 999_999 {
            let rss = rss_kb();
            if i == 999_999 {
                baseline = rss;
            }
            peak = peak.max(rss);
            println!(
                "{:>11} values  rss {:>7} kB  {:>6.0} values/ms",
                i + 1,
                rss,
                (i + 1) as f64 / started.elapsed().as_millis().max(1) as f64
            );
        }
    }
    println!(
        "{changed} of {total} values changed, {} redactions; peak rss {peak} kB",
        report.total()
    );
    if baseline > 0 && peak > baseline + 16 * 1024 {
        eprintln!("resident memory grew from {baseline} kB to {peak} kB");
        std::process::exit(1);
    }
}

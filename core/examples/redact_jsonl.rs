//! Redacts a JSON-lines file of spans (or standard input) with the default policy and prints
//! the result, with a summary of what was redacted on standard error.
//!
//! ```text
//! cargo run --release -p scrubjay --example redact_jsonl -- examples/spans.jsonl
//! ```
//!
//! A line that is not JSON is reported with its number and dropped: it is never copied
//! through unredacted.

use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let engine = scrubjay::Engine::default();
    let mut report = engine.new_report();
    let input: Box<dyn BufRead> = match std::env::args().nth(1) {
        Some(path) => Box::new(std::io::BufReader::new(
            std::fs::File::open(&path).map_err(|e| {
                eprintln!("scrubjay: cannot open {path}: {e}");
                e
            })?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let (mut lines, mut dropped) = (0u64, 0u64);
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(mut value) => {
                engine.redact_json_with_report(&mut value, &mut report);
                serde_json::to_writer(&mut out, &value)?;
                out.write_all(b"\n")?;
            }
            Err(e) => {
                dropped += 1;
                eprintln!("scrubjay: line {}: not JSON ({e}); dropped", n + 1);
            }
        }
    }
    out.flush()?;
    eprintln!(
        "scrubjay: {lines} records, {} redactions, {dropped} dropped",
        report.total()
    );
    for (rule, count) in report.counts() {
        eprintln!("  {rule:<24} {count}");
    }
    Ok(())
}

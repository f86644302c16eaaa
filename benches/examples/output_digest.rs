//! Prints what the default engine makes of every input it is given, one line per input
//! (a digest of the output), so that a change meant to keep behaviour (a refactor, a speed
//! change) can be checked against the build before it with `diff`.
//!
//! ```text
//! cargo run --release -p scrubjay-benches --example output_digest -- [DIR ...] > after.txt
//! ```
//!
//! Without arguments it covers the benchmark corpora (clean and PII-dense lines, spans).
//! Each directory argument is read as fuzz inputs of the target it is named after
//! (`redact_str`, `redact_json`, `sanitizers`, `policy`): `fuzz/corpus/*` or a larger
//! local corpus of earlier fuzz runs.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use scrubjay::Engine;
use serde_json::Value;

/// One hash per part of the output (joined), so that a diff shows which part changed.
fn digest(parts: &[&str]) -> String {
    let hash = |p: &&str| {
        let mut h = DefaultHasher::new();
        p.hash(&mut h);
        format!("{:08x}", h.finish() as u32)
    };
    parts.iter().map(hash).collect::<Vec<_>>().join(" ")
}

fn text_line(engine: &Engine, text: &str) -> String {
    let redacted = engine.redact_str(text);
    let findings = format!("{:?}", engine.scan_str(text));
    let lossy = String::from_utf8_lossy(text.as_bytes());
    let bytes = engine.redact_bytes(lossy.as_bytes());
    digest(&[&redacted, &findings, &String::from_utf8_lossy(&bytes)])
}

fn json_line(engine: &Engine, value: &Value) -> String {
    let mut redacted = value.clone();
    let mut report = engine.new_report();
    engine.redact_json_with_report(&mut redacted, &mut report);
    let counts = format!("{:?}", report.counts().collect::<Vec<_>>());
    let findings = format!("{:?}", engine.scan_json(value));
    digest(&[&redacted.to_string(), &counts, &findings])
}

fn sanitizers_line(engine: &Engine, text: &str) -> String {
    let url = engine.sanitize_url(text);
    let sql = scrubjay::normalize_sql(text);
    let (name, value) = text.split_once(':').unwrap_or(("authorization", text));
    let header = engine.sanitize_header(name, value);
    let mut cmd = serde_json::json!({ "process.command_line": text, "db.statement": text });
    engine.redact_json(&mut cmd);
    let baggage = format!("{:?}", engine.sanitize_baggage(text));
    let traceparent = format!("{:?}", scrubjay::validate_traceparent(text));
    digest(&[
        &url,
        &sql,
        &header,
        &cmd.to_string(),
        &baggage,
        &traceparent,
    ])
}

fn policy_line(text: &str) -> String {
    match Engine::from_policy_text(text) {
        Err(e) => digest(&["error", &e.to_string()]),
        Ok(engine) => {
            let rules: Vec<String> = engine
                .rules()
                .iter()
                .map(|r| {
                    let (id, label) = (r.id, r.label);
                    let (kind, action) = (r.kind.to_string(), r.action.to_string());
                    format!(
                        "{id} {kind} {action} {label} {:?} {:?}",
                        r.validators, r.keys
                    )
                })
                .collect();
            let rules = rules.join("\n");
            let sample = "user=jane@example.com password=hunter2 card 4111 1111 1111 1111";
            digest(&["ok", &rules, &engine.redact_str(sample)])
        }
    }
}

fn fuzz_dir(engine: &Engine, dir: &Path) {
    let target = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for file in files {
        let data = std::fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&data);
        let d = match target {
            "redact_str" => text_line(engine, &text),
            "redact_json" => match serde_json::from_slice::<Value>(&data) {
                Ok(v) => json_line(engine, &v),
                Err(_) => text_line(engine, &text),
            },
            "sanitizers" => sanitizers_line(engine, &text),
            "policy" => policy_line(&text),
            other => panic!("{}: no fuzz target named {other:?}", dir.display()),
        };
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        println!("{target}\t{name}\t{d}");
    }
}

fn bench_corpora(engine: &Engine) {
    for (name, text) in [
        ("clean", scrubjay_benches::clean_text(1 << 18)),
        ("dense", scrubjay_benches::dense_text(1 << 18)),
    ] {
        for (i, line) in text.lines().enumerate() {
            println!("{name}\t{i}\t{}", text_line(engine, line));
        }
    }
    for (name, spans) in [
        ("spans", scrubjay_benches::spans(400)),
        ("unique_spans", scrubjay_benches::unique_spans(400)),
    ] {
        for (i, span) in spans.iter().enumerate() {
            println!("{name}\t{i}\t{}", json_line(engine, span));
        }
    }
}

fn main() {
    let engine = Engine::default();
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        bench_corpora(&engine);
    }
    for dir in dirs {
        fuzz_dir(&engine, Path::new(&dir));
    }
}

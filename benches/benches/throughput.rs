//! Throughput of the default engine against the naive baseline (every rule its own regex,
//! one pass per rule), in one run. After the criterion groups, prints the ratio of each pair
//! from criterion's own estimates.
//!
//! Run: `make bench` (or `cargo bench -p scrubjay-benches --bench throughput`).

use std::path::{Path, PathBuf};

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};
use scrubjay::{Engine, Limits, Policy};
use scrubjay_benches::{
    clean_text, dense_text, short_values, spans, unique_spans, Naive, SHORT_FINDINGS,
};
use serde_json::Value;

const GROUPS: &[(&str, &str)] = &[
    ("clean_lines", "MB/s of clean telemetry lines"),
    ("dense_lines", "MB/s of PII-dense lines"),
    ("clean_1mb_string", "MB/s of one 1 MB clean string"),
    ("spans_20_attrs", "20-attribute span objects"),
    (
        "spans_unique_values",
        "the same spans, no string value repeated",
    ),
    ("short_clean", "short values with nothing to redact"),
    ("short_secret", "short values that hold a secret"),
    (
        "short_clean_values",
        "4096 attribute values of 10-120 B, none repeated",
    ),
    (
        "short_dense_values",
        "4096 short values, each with one finding",
    ),
];

/// Values in each set of the `short_*_values` groups.
const SET_VALUES: usize = 4096;

/// Attribute values as telemetry carries them (10–120 bytes), one call each: the ones that
/// hold nothing to redact, and the ones that hold a secret.
const SHORT_CLEAN: &[&str] = &[
    "4bf92f3577b34da6a3ce929d0e0e4736",
    "2026-11-22T10:30:00.123456Z",
    "GET /api/v1/orders/ORD-12345 completed in 123ms with status 200",
    "cache miss for key product:summary:v3 after 1761666269798",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0",
    "Authorization: Bearer abc",
];
const SHORT_SECRET: &[&str] = &[
    "john.doe@example.com",
    "card 4111 1111 1111 1111",
    "token=abc",
    "ssn=123-45-6789",
    "api_key=Zx81hQm2LwP0vBn7TgR4Yc5Ke3Ja6Ud9",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbGljZSJ9.3nT8Zk2Vq9LmZx4Tn8WbY3cR",
    "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbGljZSJ9.3nT8Zk2Vq9LmZx4Tn8WbY3cR",
];

fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
}

/// One call per value, scrubjay against the naive baseline; `throughput` says what a second
/// of it is counted in, `samples` how many criterion takes (fewer for the long groups).
fn calls_group(
    c: &mut Criterion,
    (name, samples): (&str, usize),
    values: &[&str],
    throughput: Throughput,
    engine: &Engine,
    naive: &Naive,
) {
    let mut g = c.benchmark_group(name);
    g.throughput(throughput);
    g.sample_size(samples);
    g.bench_function("scrubjay", |b| {
        b.iter(|| {
            values
                .iter()
                .map(|v| engine.redact_str(v).len())
                .sum::<usize>()
        })
    });
    g.bench_function("naive", |b| {
        b.iter(|| values.iter().map(|v| naive.redact(v).len()).sum::<usize>())
    });
    g.finish();
}

/// A text's lines, one call each, counted in bytes.
fn lines_group(c: &mut Criterion, name: &str, text: &str, engine: &Engine, naive: &Naive) {
    let lines: Vec<&str> = text.lines().collect();
    let bytes = Throughput::Bytes(text.len() as u64);
    calls_group(c, (name, 10), &lines, bytes, engine, naive);
}

fn benches(c: &mut Criterion) {
    let engine = Engine::default();
    let naive = Naive::default();
    lines_group(c, "clean_lines", &clean_text(1 << 20), &engine, &naive);
    lines_group(c, "dense_lines", &dense_text(1 << 20), &engine, &naive);

    let big = Policy {
        limits: Limits {
            max_value_bytes: 1 << 24,
            ..Limits::default()
        },
        ..Policy::default()
    };
    let big_engine = Engine::new(&big).expect("policy compiles");
    let text = clean_text(1 << 20);
    let mut g = c.benchmark_group("clean_1mb_string");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("scrubjay", |b| {
        b.iter(|| big_engine.redact_str(&text).len())
    });
    g.bench_function("naive", |b| b.iter(|| naive.redact(&text).len()));
    g.finish();

    spans_group(c, "spans_20_attrs", spans(500), &engine, &naive);
    spans_group(c, "spans_unique_values", unique_spans(500), &engine, &naive);
    // Each value on its own; criterion's time is for the whole set, counted in values.
    for (name, values) in [("short_clean", SHORT_CLEAN), ("short_secret", SHORT_SECRET)] {
        let count = Throughput::Elements(values.len() as u64);
        calls_group(c, (name, 100), values, count, &engine, &naive);
    }
    for (name, dense) in [("short_clean_values", false), ("short_dense_values", true)] {
        let owned = short_values(SET_VALUES, dense);
        let values: Vec<&str> = owned.iter().map(String::as_str).collect();
        let bytes = values.iter().map(|v| v.len()).sum::<usize>();
        calls_group(
            c,
            (name, 20),
            &values,
            Throughput::Bytes(bytes as u64),
            &engine,
            &naive,
        );
    }
    findings_group(c, &engine, &naive);
}

/// One value per finding shape (`SHORT_FINDINGS`), each timed on its own: the per-family
/// table at the end.
fn findings_group(c: &mut Criterion, engine: &Engine, naive: &Naive) {
    for (name, value) in SHORT_FINDINGS {
        // The group measures findings: a value the engine leaves alone would measure nothing.
        assert_ne!(engine.redact_str(value), *value, "{name} holds no finding");
    }
    let mut g = c.benchmark_group("short_finding");
    g.sample_size(20);
    g.warm_up_time(std::time::Duration::from_millis(300));
    g.measurement_time(std::time::Duration::from_secs(1));
    for (name, value) in SHORT_FINDINGS {
        g.bench_with_input(BenchmarkId::new("scrubjay", name), value, |b, v| {
            b.iter(|| engine.redact_str(std::hint::black_box(v)).len())
        });
        g.bench_with_input(BenchmarkId::new("naive", name), value, |b, v| {
            b.iter(|| naive.redact(std::hint::black_box(v)).len())
        });
    }
    g.finish();
}

fn spans_group(c: &mut Criterion, name: &str, batch: Vec<Value>, engine: &Engine, naive: &Naive) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.sample_size(10);
    g.bench_function("scrubjay", |b| {
        b.iter_batched_ref(
            || batch.clone(),
            |spans| spans.iter_mut().for_each(|s| engine.redact_json(s)),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("naive", |b| {
        b.iter_batched_ref(
            || batch.clone(),
            |spans| spans.iter_mut().for_each(|s| naive.redact_json(s)),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// Mean time per iteration in nanoseconds, from criterion's estimates of this run.
fn mean_ns(group: &str, bench: &str) -> Option<f64> {
    let path = output_dir()
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

fn print_ratios() {
    println!(
        "\nscrubjay against the naive baseline ({} rules, one pass each), this run:",
        Naive::default().len()
    );
    let clean = clean_text(1 << 20).len() as f64;
    let dense = dense_text(1 << 20).len() as f64;
    for &(group, what) in GROUPS {
        let (Some(s), Some(n)) = (mean_ns(group, "scrubjay"), mean_ns(group, "naive")) else {
            println!("  {group}: no estimates");
            continue;
        };
        let detail = match group {
            "clean_lines" | "clean_1mb_string" => {
                format!("{:.0} MB/s vs {:.0} MB/s", clean / s * 1e3, clean / n * 1e3)
            }
            "dense_lines" => format!("{:.0} MB/s vs {:.0} MB/s", dense / s * 1e3, dense / n * 1e3),
            "short_clean" | "short_secret" => {
                let count =
                    [SHORT_CLEAN.len(), SHORT_SECRET.len()][usize::from(group == "short_secret")];
                format!(
                    "{:.0} ns/value vs {:.0} ns/value",
                    s / count as f64,
                    n / count as f64
                )
            }
            "short_clean_values" | "short_dense_values" => format!(
                "{:.0} ns/value vs {:.0} ns/value",
                s / SET_VALUES as f64,
                n / SET_VALUES as f64
            ),
            _ => format!(
                "{:.2} us/span vs {:.2} us/span",
                s / 500.0 / 1e3,
                n / 500.0 / 1e3
            ),
        };
        println!("  {group:<18} {:>6.1}x  {detail}  ({what})", n / s);
    }
}

/// The `short_finding` group as a table: one value with one finding, per family and shape.
fn print_findings() {
    println!("\none short value with one finding, ns per call, this run:");
    println!(
        "  {:<24} {:>9} {:>9} {:>7}",
        "family_shape", "scrubjay", "naive", "ratio"
    );
    for (name, value) in SHORT_FINDINGS {
        let ids = (format!("scrubjay/{name}"), format!("naive/{name}"));
        match (
            mean_ns("short_finding", &ids.0),
            mean_ns("short_finding", &ids.1),
        ) {
            (Some(s), Some(n)) => println!(
                "  {name:<24} {s:>9.0} {n:>9.0} {:>6.1}x  ({} B)",
                n / s,
                value.len()
            ),
            _ => println!("  {name:<24} no estimates"),
        }
    }
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    benches(&mut c);
    c.final_summary();
    print_ratios();
    print_findings();
}

//! `scrubjay redact`: writes redacted copies of the inputs.

use std::io::Write;
use std::time::Instant;

use scrubjay::{ActionKind, Engine, FailReason, Report};
use serde_json::Value;

use crate::error::CliError;
use crate::format::Format;
use crate::input::{self, Input};
use crate::pipeline::{self, Chunk, Failure};

/// What to do with a line of a JSON-lines input that is not JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InvalidLines {
    /// Leave it out of the output (it is reported with its line number).
    Drop,
    /// Redact it as plain text (it is reported with its line number).
    Text,
}

/// Options of `scrubjay redact`.
pub struct RedactOptions<'a> {
    /// The format, or `None` to detect it per input.
    pub format: Option<Format>,
    /// The output file, or standard output.
    pub output: Option<&'a std::path::Path>,
    /// Worker threads.
    pub threads: usize,
    /// What happens to invalid JSON lines.
    pub invalid: InvalidLines,
    /// Print counts and throughput on standard error.
    pub stats: bool,
    /// Show a progress bar when standard error is a terminal.
    pub progress: bool,
}

/// Totals for one run.
pub struct Summary {
    /// Counts per rule, action and fail-closed reason.
    pub report: Report,
    /// Records (lines or documents) read.
    pub records: u64,
    /// Records left out of the output.
    pub dropped: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Messages about bad records, with file and line.
    pub messages: Vec<String>,
}

impl Summary {
    /// An empty summary for `engine`.
    pub fn new(engine: &Engine) -> Summary {
        Summary {
            report: engine.new_report(),
            records: 0,
            dropped: 0,
            bytes: 0,
            messages: Vec::new(),
        }
    }

    fn absorb(&mut self, other: Summary) {
        self.report.merge(&other.report);
        self.records += other.records;
        self.dropped += other.dropped;
        self.messages.extend(other.messages);
    }
}

/// Redacts every input into one output; returns the totals.
pub fn run(
    engine: &Engine,
    inputs: &[std::path::PathBuf],
    opts: &RedactOptions<'_>,
) -> Result<Summary, CliError> {
    let started = Instant::now();
    let (out_name, mut out) = input::output(opts.output)?;
    let mut total = Summary::new(engine);
    for path in input::inputs(inputs) {
        let mut input = Input::open(&path)?;
        let format = input.format(opts.format)?;
        let bar = input.progress(opts.progress);
        let name = input.name.clone();
        let io_err = |f: Failure| match f {
            Failure::Read(e) => CliError::io(&name, e),
            Failure::Write(e) => CliError::io(&out_name, e),
        };
        match format {
            Format::Jsonl | Format::Text => {
                let work = |chunk: &Chunk| redact_chunk(engine, chunk, format, opts.invalid, &name);
                let sink = |bytes: Vec<u8>, s: Summary| {
                    total.bytes += s.bytes;
                    for m in &s.messages {
                        bar.suspend(|| eprintln!("scrubjay: {m}"));
                    }
                    total.absorb(s);
                    out.write_all(&bytes)
                };
                pipeline::run(&mut input.reader, opts.threads, work, sink, |n| bar.inc(n))
                    .map_err(io_err)?;
            }
            Format::OtlpJson => {
                redact_documents(engine, &mut input, &mut out, &mut total, &bar).map_err(io_err)?;
            }
        }
        bar.finish_and_clear();
    }
    out.flush().map_err(|e| CliError::io(&out_name, e))?;
    if opts.stats {
        print_stats(&total, started.elapsed().as_secs_f64(), opts.threads);
    }
    Ok(total)
}

fn redact_chunk(
    engine: &Engine,
    chunk: &Chunk,
    format: Format,
    invalid: InvalidLines,
    name: &str,
) -> (Vec<u8>, Summary) {
    let mut s = Summary::new(engine);
    s.bytes = chunk.data.len() as u64;
    let mut out = Vec::with_capacity(chunk.data.len() + chunk.data.len() / 8);
    for (line_no, line) in chunk.lines() {
        if format == Format::Jsonl && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        s.records += 1;
        if format == Format::Jsonl {
            match serde_json::from_slice::<Value>(line) {
                Ok(mut value) => {
                    engine.redact_json_with_report(&mut value, &mut s.report);
                    serde_json::to_writer(&mut out, &value).expect("writing to a Vec");
                    out.push(b'\n');
                    continue;
                }
                Err(e) => {
                    let what = match invalid {
                        InvalidLines::Drop => "dropped",
                        InvalidLines::Text => "redacted as text",
                    };
                    s.messages.push(format!(
                        "{name}:{line_no}: not valid JSON ({e}); line {what}"
                    ));
                    if invalid == InvalidLines::Drop {
                        s.dropped += 1;
                        continue;
                    }
                }
            }
        }
        out.extend_from_slice(&engine.redact_bytes_with_report(line, &mut s.report));
        out.push(b'\n');
    }
    (out, s)
}

/// OTLP/JSON: one document or a stream of documents (one per line, as the collector's file
/// exporter writes them). A syntax error drops the rest of that input, and says where.
fn redact_documents(
    engine: &Engine,
    input: &mut Input,
    out: &mut dyn Write,
    total: &mut Summary,
    bar: &indicatif::ProgressBar,
) -> Result<(), Failure> {
    let mut docs = serde_json::Deserializer::from_reader(&mut input.reader).into_iter::<Value>();
    let mut offset = 0;
    while let Some(doc) = docs.next() {
        let end = docs.byte_offset() as u64;
        bar.inc(end - offset);
        total.bytes += end - offset;
        offset = end;
        match doc {
            Ok(mut value) => {
                total.records += 1;
                engine.redact_json_with_report(&mut value, &mut total.report);
                serde_json::to_writer(&mut *out, &value).map_err(|e| Failure::Write(e.into()))?;
                out.write_all(b"\n").map_err(Failure::Write)?;
            }
            Err(e) if e.is_io() => return Err(Failure::Read(e.into())),
            Err(e) => {
                total.dropped += 1;
                let m = format!(
                    "{}:{}: not valid JSON ({e}); the rest of this input is dropped",
                    input.name,
                    e.line()
                );
                bar.suspend(|| eprintln!("scrubjay: {m}"));
                total.messages.push(m);
                break;
            }
        }
    }
    Ok(())
}

fn print_stats(total: &Summary, seconds: f64, threads: usize) {
    let mb = total.bytes as f64 / 1e6;
    eprintln!(
        "scrubjay: {} records, {:.1} MB in {:.3} s ({:.1} MB/s, {} thread{}), {} dropped",
        total.records,
        mb,
        seconds,
        mb / seconds.max(1e-9),
        threads,
        if threads == 1 { "" } else { "s" },
        total.dropped
    );
    let mut rules: Vec<(&str, u64)> = total.report.counts().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    eprintln!("  {:<28} {:>10}", "rule", "redactions");
    for (rule, n) in rules {
        eprintln!("  {rule:<28} {n:>10}");
    }
    eprintln!("  {:<28} {:>10}", "action", "count");
    for kind in ActionKind::ALL {
        let n = total.report.action_count(kind);
        if n > 0 {
            eprintln!("  {:<28} {n:>10}", kind.name());
        }
    }
    if total.report.denied() > 0 {
        eprintln!(
            "  {:<28} {:>10}",
            "removed by allow.keys",
            total.report.denied()
        );
    }
    for reason in FailReason::ALL {
        let n = total.report.fail_closed_count(reason);
        if n > 0 {
            eprintln!(
                "  {:<28} {n:>10}",
                format!("fail-closed: {}", reason.name())
            );
        }
    }
}

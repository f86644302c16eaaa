//! `scrubjay scan`: reports what the policy would redact, without ever printing it.

use std::collections::BTreeMap;
use std::io::Write;

use scrubjay::{Engine, Finding};
use serde_json::{json, Value};

use crate::error::CliError;
use crate::format::Format;
use crate::input::{self, Input};
use crate::pipeline::{self, Chunk, Failure};

/// Options of `scrubjay scan`.
pub struct ScanOptions {
    /// The format, or `None` to detect it per input.
    pub format: Option<Format>,
    /// One JSON object per finding instead of text.
    pub json: bool,
    /// Worker threads.
    pub threads: usize,
    /// Show a progress bar when standard error is a terminal.
    pub progress: bool,
}

/// Findings of one chunk: printed lines plus counts per rule.
struct Tally {
    counts: BTreeMap<String, u64>,
    warnings: Vec<String>,
}

/// Scans every input; returns the number of findings.
pub fn run(
    engine: &Engine,
    inputs: &[std::path::PathBuf],
    opts: &ScanOptions,
) -> Result<u64, CliError> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for path in input::inputs(inputs) {
        let mut input = Input::open(&path)?;
        let format = input.format(opts.format)?;
        let bar = input.progress(opts.progress);
        let name = input.name.clone();
        let mut sink = |bytes: Vec<u8>, t: Tally| {
            for w in &t.warnings {
                bar.suspend(|| eprintln!("scrubjay: {w}"));
            }
            for (rule, n) in t.counts {
                *counts.entry(rule).or_default() += n;
            }
            out.write_all(&bytes)
        };
        let result = match format {
            Format::Jsonl | Format::Text => {
                let work = |chunk: &Chunk| scan_chunk(engine, chunk, format, opts.json, &name);
                pipeline::run(&mut input.reader, opts.threads, work, sink, |n| bar.inc(n))
            }
            Format::OtlpJson => scan_documents(engine, &mut input, opts.json, &mut sink),
        };
        bar.finish_and_clear();
        result.map_err(|f| match f {
            Failure::Read(e) => CliError::io(&name, e),
            Failure::Write(e) => CliError::io("stdout", e),
        })?;
    }
    let total: u64 = counts.values().sum();
    if opts.json {
        out.flush().map_err(|e| CliError::io("stdout", e))?;
        print_summary(&mut std::io::stderr(), &counts, total)
            .map_err(|e| CliError::io("stderr", e))?;
    } else {
        print_summary(&mut out, &counts, total).map_err(|e| CliError::io("stdout", e))?;
        out.flush().map_err(|e| CliError::io("stdout", e))?;
    }
    Ok(total)
}

fn print_summary(
    out: &mut dyn Write,
    counts: &BTreeMap<String, u64>,
    total: u64,
) -> std::io::Result<()> {
    if total == 0 {
        return writeln!(out, "scrubjay: no findings");
    }
    writeln!(out, "{:<28} {:>8}", "rule", "findings")?;
    let mut rows: Vec<_> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (rule, n) in rows {
        writeln!(out, "{rule:<28} {n:>8}")?;
    }
    writeln!(out, "{:<28} {total:>8}", "total")
}

fn scan_chunk(
    engine: &Engine,
    chunk: &Chunk,
    format: Format,
    json: bool,
    name: &str,
) -> (Vec<u8>, Tally) {
    let mut t = Tally {
        counts: BTreeMap::new(),
        warnings: Vec::new(),
    };
    let mut out = Vec::new();
    for (line_no, line) in chunk.lines() {
        if format == Format::Jsonl {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<Value>(line) {
                Ok(value) => {
                    let findings = engine.scan_json(&value);
                    emit(&mut out, &mut t, name, line_no, &findings, json, |f| {
                        value_at(&value, f)
                    });
                    continue;
                }
                Err(e) => t.warnings.push(format!(
                    "{name}:{line_no}: not valid JSON ({e}); scanned as text"
                )),
            }
        }
        let text = String::from_utf8_lossy(line);
        let findings = engine.scan_str(&text);
        emit(&mut out, &mut t, name, line_no, &findings, json, |f| {
            text.get(f.start..f.end).map(str::to_owned)
        });
    }
    (out, t)
}

fn scan_documents(
    engine: &Engine,
    input: &mut Input,
    json: bool,
    sink: &mut dyn FnMut(Vec<u8>, Tally) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let name = input.name.clone();
    let docs = serde_json::Deserializer::from_reader(&mut input.reader).into_iter::<Value>();
    let mut line = 1;
    for doc in docs {
        let mut t = Tally {
            counts: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let mut out = Vec::new();
        match doc {
            Ok(value) => {
                let findings = engine.scan_json(&value);
                emit(&mut out, &mut t, &name, line, &findings, json, |f| {
                    value_at(&value, f)
                });
                line += 1;
            }
            Err(e) if e.is_io() => return Err(Failure::Read(e.into())),
            Err(e) => {
                // A document that cannot be read cannot be proven clean.
                *t.counts.entry("unreadable_input".into()).or_default() += 1;
                t.warnings
                    .push(format!("{name}:{}: not valid JSON ({e})", e.line()));
                sink(out, t).map_err(Failure::Write)?;
                break;
            }
        }
        sink(out, t).map_err(Failure::Write)?;
    }
    Ok(())
}

fn emit(
    out: &mut Vec<u8>,
    t: &mut Tally,
    file: &str,
    line: u64,
    findings: &[Finding],
    json: bool,
    matched: impl Fn(&Finding) -> Option<String>,
) {
    for f in findings {
        *t.counts.entry(f.rule.clone()).or_default() += 1;
        let preview = preview(matched(f).as_deref(), f.end - f.start);
        let path = f.path.as_deref().unwrap_or("");
        if json {
            let o = json!({"file": file, "line": line, "path": path, "rule": f.rule,
                           "start": f.start, "end": f.end, "preview": preview});
            serde_json::to_writer(&mut *out, &o).expect("writing to a Vec");
            out.push(b'\n');
        } else {
            let at = if path.is_empty() {
                String::new()
            } else {
                format!(" {path}")
            };
            let _ = writeln!(
                out,
                "{file}:{line}:{at} {} [{}..{}] {preview}",
                f.rule, f.start, f.end
            );
        }
    }
}

/// A masked preview: the shape of the match, letters and digits as `*`, punctuation kept
/// (`****.***@*******.***`, `***-**-****`), at most 24 characters, and the length. Never a
/// character of the secret itself.
fn preview(matched: Option<&str>, len: usize) -> String {
    let shape: String = match matched {
        Some(m) => {
            let mut shape: String = m
                .chars()
                .take(24)
                .map(|c| match c {
                    '@' | '.' | '-' | '_' | ':' | '/' | ' ' | '=' => c,
                    _ => '*',
                })
                .collect();
            if m.chars().count() > 24 {
                shape.push('…');
            }
            shape
        }
        None => "*".repeat(len.clamp(3, 12)),
    };
    format!("{shape} ({len} bytes)")
}

/// The matched text of a JSON finding, for its preview: the string (or number) at the
/// finding's path, when the path names exactly one scalar.
fn value_at(root: &Value, f: &Finding) -> Option<String> {
    let path = f.path.as_deref()?;
    let mut hits = Vec::new();
    collect(root, "", path, &mut hits);
    match hits.as_slice() {
        [one] => one.get(f.start..f.end).map(str::to_owned),
        _ => None,
    }
}

fn collect(v: &Value, at: &str, want: &str, hits: &mut Vec<String>) {
    if !want.starts_with(at) {
        return;
    }
    let join = |k: &str| {
        if at.is_empty() {
            k.to_owned()
        } else {
            format!("{at}.{k}")
        }
    };
    match v {
        Value::Object(m) => match (m.get("key"), m.get("value")) {
            (Some(Value::String(k)), Some(any)) if m.len() == 2 => {
                let p = join(k);
                match any {
                    Value::Object(a) if a.len() == 1 => {
                        let inner = a.values().next().expect("one entry");
                        collect(inner.get("values").unwrap_or(inner), &p, want, hits)
                    }
                    other => collect(other, &p, want, hits),
                }
            }
            _ => {
                for (k, child) in m {
                    collect(child, &join(k), want, hits);
                }
            }
        },
        Value::Array(items) => {
            for item in items {
                collect(item, at, want, hits);
            }
        }
        Value::String(s) if at == want => hits.push(s.clone()),
        Value::Number(n) if at == want => hits.push(n.to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_never_show_the_secret() {
        assert_eq!(
            preview(Some("john.doe@company.com"), 20),
            "****.***@*******.*** (20 bytes)"
        );
        assert_eq!(preview(Some("078-05-1120"), 11), "***-**-**** (11 bytes)");
        assert_eq!(
            preview(Some(&"k".repeat(40)), 40),
            format!("{}… (40 bytes)", "*".repeat(24))
        );
        assert_eq!(preview(None, 2), "*** (2 bytes)");
    }

    #[test]
    fn finds_the_value_behind_a_path() {
        let v = serde_json::json!({"a": {"b.c": "x@y.io"},
            "attributes": [{"key": "k", "value": {"stringValue": "secret-ish"}}]});
        let f = |path: &str, end| Finding {
            rule: "r".into(),
            path: Some(path.into()),
            start: 0,
            end,
        };
        assert_eq!(value_at(&v, &f("a.b.c", 6)).as_deref(), Some("x@y.io"));
        assert_eq!(
            value_at(&v, &f("attributes.k", 6)).as_deref(),
            Some("secret")
        );
        assert_eq!(value_at(&v, &f("nope", 1)), None);
    }
}

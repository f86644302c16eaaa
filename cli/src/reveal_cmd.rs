//! `scrubjay reveal --keys FILE`: redacted files with their tokens opened, for the holders of
//! the keys. One audit line per token goes to standard error: where it was, its rule, its key
//! id and what became of it; never the value.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use scrubjay::{Engine, KeyRing, RevealOutcome, RevealedToken};
use serde_json::Value;

use crate::error::CliError;
use crate::input::{inputs, output, Input};

/// Counts of the tokens met, for the summary line.
#[derive(Default)]
struct Tally {
    revealed: u64,
    unknown_key: u64,
    invalid: u64,
}

/// Where an audit line says a token was.
struct Place<'a> {
    input: &'a str,
    line: usize,
    /// The JSON path of the string holding the token, in a JSON line.
    path: Option<&'a str>,
}

/// Reveals each input into `out` (standard output when `None`).
pub fn run(
    engine: &Engine,
    keys: &KeyRing,
    paths: &[PathBuf],
    out: Option<&Path>,
) -> Result<(), CliError> {
    let (out_name, mut writer) = output(out)?;
    let mut tally = Tally::default();
    for path in inputs(paths) {
        let mut input = Input::open(&path)?;
        let mut line = String::new();
        for n in 1.. {
            line.clear();
            let read = input
                .reader
                .read_line(&mut line)
                .map_err(|e| CliError::io(&input.name, e))?;
            if read == 0 {
                break;
            }
            let place = Place {
                input: &input.name,
                line: n,
                path: None,
            };
            let revealed = reveal_line(engine, keys, &line, &place, &mut tally);
            writer
                .write_all(revealed.as_bytes())
                .map_err(|e| CliError::io(&out_name, e))?;
        }
    }
    writer.flush().map_err(|e| CliError::io(&out_name, e))?;
    eprintln!(
        "scrubjay: revealed {} token(s); left {} with no key in the ring and {} that do not open",
        tally.revealed, tally.unknown_key, tally.invalid
    );
    Ok(())
}

/// A line of JSON is revealed string by string, so that a value with quotes or backslashes
/// is written escaped; any other line as text.
fn reveal_line(
    engine: &Engine,
    keys: &KeyRing,
    line: &str,
    at: &Place<'_>,
    tally: &mut Tally,
) -> String {
    let body = line.trim_end_matches(['\n', '\r']);
    if body.starts_with(['{', '[']) {
        if let Ok(mut doc) = serde_json::from_str::<Value>(body) {
            let mut path = String::new();
            reveal_json(engine, keys, &mut doc, &mut path, at, tally);
            return doc.to_string() + &line[body.len()..];
        }
    }
    let r = engine.reveal(line, keys);
    audit(&r.tokens, at, tally);
    r.text
}

fn reveal_json(
    engine: &Engine,
    keys: &KeyRing,
    v: &mut Value,
    path: &mut String,
    at: &Place<'_>,
    tally: &mut Tally,
) {
    match v {
        Value::String(s) => {
            let r = engine.reveal(s, keys);
            let here = Place {
                path: Some(path),
                ..*at
            };
            audit(&r.tokens, &here, tally);
            *s = r.text;
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                reveal_json(engine, keys, item, path, at, tally);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                reveal_json(engine, keys, item, path, at, tally);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// One line per token on standard error, and the tally.
fn audit(tokens: &[RevealedToken], at: &Place<'_>, tally: &mut Tally) {
    for t in tokens {
        match t.outcome {
            RevealOutcome::Revealed => tally.revealed += 1,
            RevealOutcome::UnknownKey => tally.unknown_key += 1,
            RevealOutcome::Invalid => tally.invalid += 1,
        }
        let path = at.path.map(|p| format!(" path={p:?}")).unwrap_or_default();
        eprintln!(
            "scrubjay-audit input={:?} line={}{path} offset={} rule={} key={} outcome={}",
            at.input,
            at.line,
            t.start,
            t.rule,
            t.key_id,
            t.outcome.name()
        );
    }
}

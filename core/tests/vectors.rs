//! Runs every case of `tests/vectors/*.json` against the Rust API. Every binding runs the same
//! files; see `tests/vectors/README.md` for the format.

use std::path::{Path, PathBuf};

use scrubjay::{Engine, Policy, SqlDialect};
use serde_json::{json, Value};

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn engine_for(policy: &Value) -> Result<Engine, scrubjay::PolicyError> {
    if policy.is_null() {
        Ok(Engine::default())
    } else {
        Engine::new(&Policy::from_value(policy.clone())?)
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    let op = case["op"].as_str().ok_or("op missing")?;
    let engine = match engine_for(&case["policy"]) {
        Ok(e) => e,
        Err(err) => {
            let want = case
                .get("expected_error")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("policy error: {err}"))?;
            if !err.message.contains(want) {
                return Err(format!("error message {:?} lacks {want:?}", err.message));
            }
            for (key, got) in [("error_rule", &err.rule), ("error_field", &err.field)] {
                if let Some(w) = case.get(key).and_then(Value::as_str) {
                    if got.as_deref() != Some(w) {
                        return Err(format!("{key}: got {got:?}, want {w:?}"));
                    }
                }
            }
            if let Some(w) = case.get("error_position").and_then(Value::as_u64) {
                if err.position != Some(w as usize) {
                    return Err(format!("error_position: got {:?}, want {w}", err.position));
                }
            }
            return Ok(());
        }
    };
    if case.get("expected_error").is_some() {
        return Err("expected a policy error, the policy compiled".into());
    }
    let input = &case["input"];
    let got = match op {
        "redact" => json!(engine.redact_str(input.as_str().ok_or("input must be a string")?)),
        "redact_attributes" => {
            let mut v = input.clone();
            engine.redact_json(&mut v);
            v
        }
        "scan" => {
            let findings = engine.scan_str(input.as_str().ok_or("input must be a string")?);
            let with_path = case["expected"]
                .as_array()
                .is_some_and(|a| a.iter().any(|f| f.get("path").is_some()));
            Value::Array(
                findings
                    .iter()
                    .map(|f| {
                        let mut o = json!({"rule": f.rule, "start": f.start, "end": f.end});
                        if with_path {
                            o["path"] = json!(f.path);
                        }
                        o
                    })
                    .collect(),
            )
        }
        "normalize_sql" => {
            // The bindings call the engine's (the normaliser, then the content rules): both
            // must give the vector's answer.
            // A case names its dialect or none (`generic`).
            let sql = input.as_str().ok_or("input must be a string")?;
            let name = case.get("dialect").and_then(Value::as_str).unwrap_or("");
            let dialect = SqlDialect::from_name(name).ok_or("unknown dialect")?;
            let alone = scrubjay::normalize_sql_as(sql, dialect);
            let engine_said = engine.normalize_sql_as(sql, dialect);
            if engine_said != alone {
                return Err(format!("Engine::normalize_sql_as gives {engine_said:?}"));
            }
            if case.get("dialect").is_none() && engine.normalize_sql(sql) != alone {
                return Err("Engine::normalize_sql differs from the generic dialect".into());
            }
            json!(alone)
        }
        "sanitize_url" => {
            json!(engine.sanitize_url(input.as_str().ok_or("input must be a string")?))
        }
        "validate_traceparent" => {
            match scrubjay::validate_traceparent(input.as_str().ok_or("input must be a string")?) {
                Ok(()) => json!({"valid": true}),
                Err(e) => json!({"valid": false, "reason": e.reason()}),
            }
        }
        "sanitize_baggage" => {
            let out = engine.sanitize_baggage(input.as_str().ok_or("input must be a string")?);
            let violations: Vec<Value> = out
                .violations
                .iter()
                .map(|v| json!({"key": v.key, "reason": v.reason}))
                .collect();
            json!({"header": out.header, "violations": violations})
        }
        "reveal" => {
            let keys = scrubjay::KeyRing::from_json(&case["keys"].to_string())
                .map_err(|e| format!("keys: {e}"))?;
            let text = input.as_str().ok_or("input must be a string")?;
            json!(engine.reveal(text, &keys).text)
        }
        other => return Err(format!("op `{other}` is not implemented by this runner")),
    };
    if got != case["expected"] {
        return Err(format!(
            "\n   input: {}\n     got: {}\nexpected: {}",
            input, got, case["expected"]
        ));
    }
    Ok(())
}

#[test]
fn every_vector_passes() {
    let mut failures = Vec::new();
    let mut count = 0;
    for file in vector_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let cases: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in &cases {
            count += 1;
            if let Err(msg) = run_case(case) {
                failures.push(format!(
                    "{} / {}: {msg}",
                    file.file_name().unwrap().to_string_lossy(),
                    case["name"]
                ));
            }
        }
    }
    assert!(count >= 150, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

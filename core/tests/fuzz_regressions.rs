//! Replays the fuzz seed corpus and every input a fuzzer ever crashed on (`fuzz/corpus/*`,
//! `fuzz/regressions/*`) through the same property checks as the fuzz targets, so that
//! `make test` keeps them fixed. `make fuzz` runs the fuzzers themselves.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{} fails its checks", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn policy_inputs() {
    assert!(replay("policy", checks::policy) > 20);
}

#[test]
fn redact_str_inputs() {
    assert!(replay("redact_str", checks::redact_str) > 50);
}

#[test]
fn redact_json_inputs() {
    assert!(replay("redact_json", checks::redact_json) > 20);
}

#[test]
fn sanitizer_inputs() {
    assert!(replay("sanitizers", checks::sanitizers) > 50);
}

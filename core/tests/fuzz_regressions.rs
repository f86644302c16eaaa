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

#[test]
fn planted_secrets_are_found_when_they_leak() {
    // Every planted secret, fenced by blanks among other bytes, and its part that must go.
    for pick in 0..checks::PLANTED.len() as u8 {
        let data = [&[pick, 128][..], b"id=7 caf\xc3\xa9 ok"].concat();
        let (text, core) = checks::plant(&data).unwrap();
        let (secret, _) = checks::PLANTED[pick as usize];
        assert!(
            memchr::memmem::find(&text, secret.as_bytes()).is_some(),
            "{secret} is planted"
        );
        // Text handed back as it came leaks it; the engine's output does not.
        assert!(checks::leaks(&text, &text, core), "{core} counts as a leak");
        let out = scrubjay::Engine::default().redact_bytes(&text);
        assert!(!checks::leaks(&text, &out, core), "{core} comes out");
    }
    // Bytes around the secret that hold its part themselves are not taken for a leak.
    let data = [&[1u8, 0][..], b"4111 1111 1111 1111"].concat();
    let (text, core) = checks::plant(&data).unwrap();
    assert!(!checks::leaks(
        &text,
        b"4111 1111 1111 1111 [REDACTED]",
        core
    ));
}

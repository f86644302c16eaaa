//! Replays the C entry points' fuzz corpus (`fuzz/ffi/corpus/ffi`) and any input it crashed on
//! (`fuzz/ffi/regressions`) through the same checks as the fuzz target.

#![allow(unsafe_code)]

include!("../../fuzz/ffi/check.rs");

#[test]
fn corpus_passes_the_fuzz_checks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/ffi");
    let mut n = 0;
    for dir in ["corpus/ffi", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let ok = std::panic::catch_unwind(|| check(&data)).is_ok();
            assert!(ok, "{} fails the checks", path.display());
            n += 1;
        }
    }
    assert!(n > 100, "only {n} inputs");
}

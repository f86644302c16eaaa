//! The committed C header is exactly what cbindgen generates from this crate, and its
//! version macros match Cargo.toml.

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/scrubjay.h"));

#[test]
fn committed_header_matches_the_generated_one() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../include/scrubjay.h");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == GENERATED,
        "include/scrubjay.h is stale: run `make header` and commit the result"
    );
}

#[test]
fn version_macros_match_cargo_toml() {
    let version = env!("CARGO_PKG_VERSION");
    let mut parts = version.split('.');
    for name in ["MAJOR", "MINOR", "PATCH"] {
        let want = format!("#define SCRUBJAY_VERSION_{name} {}", parts.next().unwrap());
        assert!(GENERATED.contains(&want), "missing `{want}`");
    }
}

#[test]
fn pkg_config_file_names_the_library_and_version() {
    let pc = include_str!(concat!(env!("OUT_DIR"), "/scrubjay.pc"));
    assert!(pc.contains("-lscrubjay"));
    assert!(pc.contains(&format!("Version: {}", env!("CARGO_PKG_VERSION"))));
}

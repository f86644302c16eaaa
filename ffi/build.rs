//! Generates the C header from this crate into `OUT_DIR/scrubjay.h` and a pkg-config file
//! into `OUT_DIR/scrubjay.pc`. The committed `include/scrubjay.h` must equal the generated
//! header (`tests/header.rs`); `make header` writes it there.
//!
//! The ABI version is the package's major version (0 for every 0.x release): the header's
//! `SCRUBJAY_ABI_VERSION` and, on ELF platforms, the shared library's soname
//! `libscrubjay.so.<ABI>`, which `make install` and the release archive provide as a link to
//! `libscrubjay.so.<version>`.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets it");
    let mut parts = version.split('.');
    let mut next = || parts.next().unwrap_or("0").to_string();
    let (major, minor, patch) = (next(), next(), next());
    let abi = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets it");

    let mut config =
        cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("ffi/cbindgen.toml parses");
    if let Some(text) = config.after_includes.as_mut() {
        *text = text
            .replace("@MAJOR@", &major)
            .replace("@MINOR@", &minor)
            .replace("@PATCH@", &patch)
            .replace("@ABI@", &abi);
    }
    let mut header = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header")
        .write(&mut header);
    std::fs::write(out.join("scrubjay.h"), &header).expect("OUT_DIR is writable");
    // `make header` sets this to refresh the committed copy.
    if std::env::var_os("SCRUBJAY_WRITE_HEADER").is_some() {
        std::fs::write(dir.join("../include/scrubjay.h"), &header).expect("include/ is writable");
    }

    let pc = format!(
        "prefix=/usr/local\nlibdir=${{prefix}}/lib\nincludedir=${{prefix}}/include\n\n\
         Name: scrubjay\nDescription: One PII and secret redaction engine for tracing data\n\
         Version: {version}\nLibs: -L${{libdir}} -lscrubjay\nLibs.private: -lpthread -ldl -lm\n\
         Cflags: -I${{includedir}}\n"
    );
    std::fs::write(out.join("scrubjay.pc"), pc).expect("OUT_DIR is writable");
    // ELF targets (not Apple's Mach-O nor Windows): programs linked with -lscrubjay record
    // the soname, so they load any build of the same ABI.
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let vendor = std::env::var("CARGO_CFG_TARGET_VENDOR").unwrap_or_default();
    if family.split(',').any(|f| f == "unix") && vendor != "apple" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libscrubjay.so.{abi}");
    }
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=SCRUBJAY_WRITE_HEADER");
}

//! The modules of `core/src` depend on each other one way (see `docs/architecture.md`):
//! each may import only the modules listed for it here. A `use crate::…` that breaks the
//! order (and would close a cycle) fails this test.

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level module and the modules it may import, lowest layer first.
const LAYERS: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("report", &[]),
    ("policy", &[]),
    ("rules", &["text"]),
    ("sanitize", &["policy", "rules", "text"]),
    ("scan", &["rules", "text"]),
    ("tokens", &["policy"]),
    (
        "compile",
        &[
            "policy", "report", "rules", "sanitize", "scan", "text", "tokens",
        ],
    ),
    (
        "redact",
        &[
            "compile", "policy", "report", "rules", "sanitize", "scan", "text", "tokens",
        ],
    ),
    ("structured", &["policy", "redact", "report", "scan"]),
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("core/src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crate modules a file's code names (`crate::x`), its test module left out.
fn imports(source: &str) -> BTreeSet<String> {
    let code = source
        .split("#[cfg(test)]\nmod tests {")
        .next()
        .unwrap_or(source);
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let name: String = code[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let next = code[i + 7 + name.len()..].chars().next();
        // `crate::x::…` names a module; `crate::normalize_sql` a function the root re-exports.
        if !name.is_empty() && next == Some(':') {
            found.insert(name);
        }
    }
    found
}

#[test]
fn modules_import_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut broken = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || rel.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let Some((_, allowed)) = LAYERS.iter().find(|(m, _)| *m == top) else {
            broken.push(format!(
                "{}: module `{top}` is not in LAYERS",
                rel.display()
            ));
            continue;
        };
        let source = std::fs::read_to_string(&file).expect("readable source");
        for m in imports(&source) {
            if m != top && !allowed.contains(&m.as_str()) {
                broken.push(format!("{}: `{top}` imports `{m}`", rel.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers:\n{}",
        broken.join("\n")
    );
}

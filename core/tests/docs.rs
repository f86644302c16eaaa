//! Keeps `docs/policy.md` honest: every complete policy in it compiles, and every builtin rule
//! is documented.

use std::path::Path;

fn policy_doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/policy.md"))
        .unwrap()
}

/// The fenced blocks of a markdown text with the given info string.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let fence = format!("```{lang}\n");
    text.split(fence.as_str())
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect()
}

#[test]
fn every_policy_example_compiles() {
    let doc = policy_doc();
    let mut compiled = 0;
    for block in blocks(&doc, "json") {
        let policy = scrubjay::Policy::from_json(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        scrubjay::Engine::new(&policy).unwrap_or_else(|e| panic!("{e}\n{block}"));
        compiled += 1;
    }
    for block in blocks(&doc, "yaml") {
        let policy = scrubjay::Policy::from_yaml(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        scrubjay::Engine::new(&policy).unwrap_or_else(|e| panic!("{e}\n{block}"));
        compiled += 1;
    }
    assert!(compiled >= 10, "only {compiled} examples found");
}

#[test]
fn every_builtin_is_documented() {
    let doc = policy_doc();
    for rule in scrubjay::builtin_rules() {
        assert!(
            doc.contains(&format!("| `{}` |", rule.id)),
            "docs/policy.md lacks builtin `{}`",
            rule.id
        );
    }
}

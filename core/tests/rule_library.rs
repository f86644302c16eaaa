//! The rule library (`core/rules/*.toml`): every builtin's examples hold against the default
//! policy, and `tests/vectors/rule_examples.json`, which every binding runs, is exactly what
//! the examples give. `make rule-vectors` rewrites that file after a rule changes.

use scrubjay::{builtin_rules, Engine};
use serde_json::{json, Value};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/vectors/rule_examples.json"
);

#[test]
fn every_example_holds_against_the_default_policy() {
    let failures = Engine::default().check_examples();
    let report: Vec<String> = failures
        .iter()
        .map(|f| {
            let what = if f.positive {
                "must be found by its rule"
            } else {
                "must not be found by its rule"
            };
            let found: Vec<String> = f
                .found
                .iter()
                .map(|x| format!("{} at {}..{}", x.rule, x.start, x.end))
                .collect();
            format!(
                "{} ({}) {what}: {:?}\n    found: [{}]",
                f.rule,
                f.source,
                f.example,
                found.join(", ")
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "{} of {} examples fail:\n{}",
        report.len(),
        Engine::default().example_count(),
        report.join("\n")
    );
}

/// One `redact` vector per example, with what the default policy makes of it.
fn generated_vectors() -> Value {
    let engine = Engine::default();
    let mut cases = Vec::new();
    for rule in builtin_rules() {
        let sets = [
            ("examples", rule.examples),
            ("negative_examples", rule.negative_examples),
        ];
        for (kind, texts) in sets {
            for (j, text) in texts.iter().enumerate() {
                cases.push(json!({
                    "name": format!("{}: {kind}[{j}]", rule.id),
                    "policy": null,
                    "op": "redact",
                    "input": text,
                    "expected": engine.redact_str(text),
                }));
            }
        }
    }
    Value::Array(cases)
}

#[test]
fn rule_example_vectors_match_the_library() {
    let mut text = serde_json::to_string_pretty(&generated_vectors()).unwrap();
    text.push('\n');
    write_or_compare(VECTORS, "tests/vectors/rule_examples.json", &text);
}

/// With `SCRUBJAY_WRITE_VECTORS` set (`make rule-vectors`), writes `fresh` to `path`;
/// otherwise fails unless the committed file is `fresh`.
fn write_or_compare(path: &str, name: &str, fresh: &str) {
    if std::env::var_os("SCRUBJAY_WRITE_VECTORS").is_some() {
        std::fs::write(path, fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{name} is stale: run `make rule-vectors` and commit it"
    );
}

#[test]
fn every_category_lists_its_rules_and_counts_them() {
    let rules: Vec<_> = builtin_rules().collect();
    assert!(rules.len() >= 36, "{} builtins", rules.len());
    for rule in &rules {
        assert!(!rule.category.is_empty(), "{}", rule.id);
        assert!(
            rule.category_title != rule.category,
            "{}: category {} has no title",
            rule.id,
            rule.category
        );
        assert!(rule.examples.len() >= 2, "{}", rule.id);
        assert!(!rule.negative_examples.is_empty(), "{}", rule.id);
    }
}

const POLICY_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/policy.md");
const DOC_START: &str =
    "<!-- builtin rules: generated from core/rules/*.toml by `make rule-vectors`; do not edit -->\n";
const DOC_END: &str = "<!-- end of builtin rules -->\n";

/// A table cell: pipes escaped, the text in a code span when `code`.
fn cell(text: &str, code: bool) -> String {
    let text = text.replace('|', "\\|").replace('\n', " ");
    if !code {
        return text;
    }
    match text.contains('`') {
        true => format!("`` {text} ``"),
        false => format!("`{text}`"),
    }
}

/// The builtin rules section of `docs/policy.md`: a table per category, in priority order.
fn generated_rule_tables() -> String {
    let mut out = String::new();
    let mut category = "";
    for rule in builtin_rules() {
        if rule.category != category {
            category = rule.category;
            let count = builtin_rules().filter(|r| r.category == category).count();
            out.push_str(&format!(
                "\n### {} (`{category}`, {count} rules)\n\n| id | finds | example |\n| --- | --- | --- |\n",
                rule.category_title
            ));
        }
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.id,
            cell(rule.description, false),
            cell(rule.example, true)
        ));
    }
    out.push('\n');
    out
}

#[test]
fn policy_doc_lists_every_builtin_by_category() {
    let doc = std::fs::read_to_string(POLICY_DOC).unwrap();
    let start = doc
        .find(DOC_START)
        .expect("the start marker in docs/policy.md")
        + DOC_START.len();
    let end = doc.find(DOC_END).expect("the end marker in docs/policy.md");
    let fresh = format!(
        "{}{}{}",
        &doc[..start],
        generated_rule_tables(),
        &doc[end..]
    );
    write_or_compare(POLICY_DOC, "docs/policy.md (its builtin tables)", &fresh);
}

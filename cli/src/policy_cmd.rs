//! `scrubjay policy check | explain | test | default`.

use std::path::Path;

use scrubjay::{Engine, Policy, PolicyError, DEFAULT_POLICY_JSON};

use crate::error::CliError;

/// Loads and compiles a policy file (JSON or YAML), or the default policy for `None`.
pub fn load(path: Option<&Path>) -> Result<Engine, CliError> {
    let Some(path) = path else {
        return Ok(Engine::default());
    };
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CliError::io(&name, e))?;
    Engine::from_policy_text(&text).map_err(|e| policy_error(&name, &e))
}

/// One line naming the file, the rule, the field and the position.
pub fn policy_error(file: &str, e: &PolicyError) -> CliError {
    CliError::Policy(format!("{file}: {e}"))
}

/// `policy check`: prints `ok` and a count, or the error.
pub fn check(path: &Path) -> Result<(), CliError> {
    let engine = load(Some(path))?;
    for w in engine.warnings() {
        eprintln!("scrubjay: {}: warning: {w}", path.display());
    }
    let rules = engine.rules();
    let fields = rules
        .iter()
        .filter(|r| r.kind == scrubjay::RuleKind::Field)
        .count();
    println!(
        "{}: ok ({} content rules, {} field rules)",
        path.display(),
        rules.len() - fields,
        fields
    );
    Ok(())
}

/// `policy test`: runs every content rule's examples and negative examples (and each
/// builtin's own example); prints each failure with what matched instead. Returns whether
/// all passed.
pub fn test(path: Option<&Path>) -> Result<bool, CliError> {
    let engine = load(path)?;
    let name = path.map_or("default policy".into(), |p| p.display().to_string());
    let failures = engine.check_examples();
    for f in &failures {
        let found: Vec<String> = f
            .found
            .iter()
            .map(|m| format!("{} at {}..{}", m.rule, m.start, m.end))
            .collect();
        let found = match found.is_empty() {
            true => "nothing".to_string(),
            false => found.join(", "),
        };
        let verdict = match f.positive {
            true => "not found by the rule",
            false => "found by the rule, though it is a negative example",
        };
        println!(
            "{name}: FAIL rule `{}`, {}: {:?} is {verdict}; found: {found}",
            f.rule, f.source, f.example
        );
    }
    let total = engine.example_count();
    println!(
        "{name}: {} of {total} examples pass",
        total - failures.len()
    );
    Ok(failures.is_empty())
}

/// `policy explain`: the compiled rules, their actions and validators, and the automata.
pub fn explain(path: Option<&Path>) -> Result<(), CliError> {
    let engine = load(path)?;
    let name = path.map_or("default policy".into(), |p| p.display().to_string());
    println!("{name}");
    let rules = engine.rules();
    print_content_rules(&rules);
    println!("\nfield rules (first match wins):");
    println!("  {:<24} {:<9} keys", "name", "action");
    for r in rules.iter().filter(|r| r.kind == scrubjay::RuleKind::Field) {
        println!("  {:<24} {:<9} {}", r.id, r.action, r.keys.join(", "));
    }
    println!("\nautomata:");
    for (family, count, bytes) in engine.automaton_summary() {
        if bytes > 0 {
            println!(
                "  {family:<24} {count:>4} rules  {:>8} bytes of lazy DFA",
                bytes
            );
        } else {
            println!("  {family:<24} {count:>4}");
        }
    }
    for w in engine.warnings() {
        println!("\nwarning: {w}");
    }
    Ok(())
}

/// The content rules, one group per category of the rule library, then the policy's own.
fn print_content_rules(rules: &[scrubjay::RuleInfo<'_>]) {
    let content: Vec<_> = rules
        .iter()
        .filter(|r| r.kind != scrubjay::RuleKind::Field)
        .collect();
    println!("\ncontent rules (one automaton, one pass), by category:");
    let mut groups: Vec<(&str, Vec<&scrubjay::RuleInfo<'_>>)> = Vec::new();
    for r in content {
        let title = r.category.map_or("custom rules", |(_, title)| title);
        match groups.iter_mut().find(|(t, _)| *t == title) {
            Some((_, members)) => members.push(r),
            None => groups.push((title, vec![r])),
        }
    }
    for (title, members) in groups {
        println!("\n  {title} ({})", members.len());
        println!(
            "    {:<28} {:<8} {:<9} {:<20} label",
            "id", "kind", "action", "validators"
        );
        for r in members {
            let validators = if r.validators.is_empty() {
                "-".to_string()
            } else {
                r.validators.join(",")
            };
            println!(
                "    {:<28} {:<8} {:<9} {:<20} {}",
                r.id, r.kind, r.action, validators, r.label
            );
        }
    }
}

/// `policy default`: the embedded default policy, as JSON.
pub fn default() {
    // The embedded text parses (a unit test in the core proves it); print it as shipped,
    // comments of structure and order intact.
    debug_assert!(Policy::from_json(DEFAULT_POLICY_JSON).is_ok());
    print!("{DEFAULT_POLICY_JSON}");
    if !DEFAULT_POLICY_JSON.ends_with('\n') {
        println!();
    }
}

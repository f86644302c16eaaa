//! Turns the rule library (`core/rules/*.toml`, described in `core/rules/README.md`) into the
//! static table of builtin rules, `$OUT_DIR/builtin_rules.rs`, which `src/rules/builtin.rs`
//! includes. Every mistake in a file stops the build with the file, the rule and the field.

// The run search's token bytes, shared with the search itself (see `run_search`).
#[path = "src/text/runs.rs"]
#[allow(dead_code)]
mod runs;

use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    category: String,
    title: String,
    order: i64,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    id: String,
    description: String,
    pattern: Option<String>,
    prefixes: Option<Vec<String>>,
    inner: Option<InnerSpec>,
    anchor: Option<String>,
    keywords: Option<Vec<String>>,
    lead_words: Option<Vec<String>>,
    value: Option<String>,
    boundary: Option<String>,
    left: Option<String>,
    right: Option<String>,
    min_len: usize,
    max_len: usize,
    validator: Option<toml::Value>,
    secret: Option<String>,
    #[serde(default)]
    text_passes: bool,
    run_search: Option<bool>,
    examples: Vec<String>,
    negative_examples: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InnerSpec {
    literal: String,
    back: String,
    max: usize,
}

type Checked<T> = Result<T, (&'static str, String)>;

fn main() {
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let files = match read_files(&dir) {
        Ok(f) => f,
        Err(message) => fail(&message),
    };
    let mut out = String::new();
    let mut ids: Vec<(String, String)> = Vec::new();
    let mut categories = String::new();
    let mut seen_categories: Vec<&str> = Vec::new();
    out.push_str("/// Every builtin rule, in priority order: when two rules match the same text, ");
    out.push_str("the earlier one names it.\npub(crate) const BUILTINS: &[Builtin] = &[\n");
    for (name, file) in &files {
        if !seen_categories.contains(&file.category.as_str()) {
            seen_categories.push(&file.category);
            writeln!(categories, "    ({:?}, {:?}),", file.category, file.title).unwrap();
        }
        for rule in &file.rules {
            if let Some((_, other)) = ids.iter().find(|(id, _)| *id == rule.id) {
                fail_at(name, &rule.id, "id", format!("also defined in {other}"));
            }
            ids.push((rule.id.clone(), name.clone()));
            match emit_rule(rule, &file.category) {
                Ok(code) => out.push_str(&code),
                Err((field, message)) => fail_at(name, &rule.id, field, message),
            }
        }
    }
    out.push_str("];\n\n/// The categories of the library, in file order: (name, title).\n");
    out.push_str("pub(crate) const CATEGORIES: &[(&str, &str)] = &[\n");
    out.push_str(&categories);
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    std::fs::write(dest, out).unwrap();
}

/// The rule files, sorted by their `order`, then by name.
fn read_files(dir: &Path) -> Result<Vec<(String, RuleFile)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let name = format!("core/rules/{}", path.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let file: RuleFile = toml::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
        files.push((name, file));
    }
    files.sort_by(|a, b| (a.1.order, &a.0).cmp(&(b.1.order, &b.0)));
    Ok(files)
}

fn fail(message: &str) -> ! {
    eprintln!("error in the rule library: {message}");
    std::process::exit(1);
}

fn fail_at(file: &str, rule: &str, field: &'static str, message: String) -> ! {
    fail(&format!(
        "{file}: rule \"{rule}\": field `{field}`: {message}"
    ))
}

/// One `Builtin { … }` literal.
fn emit_rule(rule: &RuleSpec, category: &str) -> Checked<String> {
    check_text(rule)?;
    let (family, anchors, pattern, lengths) = anchors_and_pattern(rule)?;
    let left = boundary(left_name(rule)).map_err(|m| ("left", m))?;
    let right = boundary(right_name(rule)).map_err(|m| ("right", m))?;
    let validator = validator(rule.validator.as_ref()).map_err(|m| ("validator", m))?;
    let default_secret = if rule.keywords.is_some() {
        "captured"
    } else {
        "whole"
    };
    let secret =
        secret(rule.secret.as_deref().unwrap_or(default_secret)).map_err(|m| ("secret", m))?;
    let (min_len, max_len) = lengths;
    if min_len == 0 || min_len > max_len {
        return Err((
            "min_len",
            format!("{min_len} must be at least 1 and at most max_len"),
        ));
    }
    let mut s = String::new();
    writeln!(s, "    Builtin {{").unwrap();
    writeln!(s, "        id: {:?},", rule.id).unwrap();
    writeln!(s, "        category: {category:?},").unwrap();
    writeln!(s, "        family: Family::{family},").unwrap();
    writeln!(s, "        description: {:?},", rule.description).unwrap();
    writeln!(s, "        pattern: {pattern:?},").unwrap();
    writeln!(s, "        anchors: {anchors},").unwrap();
    writeln!(s, "        left: {left},\n        right: {right},").unwrap();
    writeln!(
        s,
        "        min_len: {min_len},\n        max_len: {max_len},"
    )
    .unwrap();
    writeln!(
        s,
        "        validator: {validator},\n        secret: {secret},"
    )
    .unwrap();
    writeln!(s, "        text_passes: {},", rule.text_passes).unwrap();
    writeln!(s, "        run_search: {},", run_search(rule)).unwrap();
    let keywords: Vec<String> = rule
        .keywords
        .iter()
        .flatten()
        .map(|k| k.to_ascii_lowercase())
        .collect();
    writeln!(s, "        keywords: &{keywords:?},").unwrap();
    writeln!(s, "        examples: &{:?},", rule.examples).unwrap();
    writeln!(
        s,
        "        negative_examples: &{:?},",
        rule.negative_examples
    )
    .unwrap();
    writeln!(s, "    }},").unwrap();
    Ok(s)
}

/// The rule's left boundary, as named: `left`, else `boundary`, else `word`; a keyword rule's
/// match starts at its key, which no key byte precedes (`key`).
fn left_name(rule: &RuleSpec) -> &str {
    let default = match rule.keywords {
        Some(_) => "key",
        None => "word",
    };
    rule.left
        .as_deref()
        .or(rule.boundary.as_deref())
        .unwrap_or(default)
}

/// The rule's right boundary, as named: `right`, else `boundary`, else `word`.
fn right_name(rule: &RuleSpec) -> &str {
    rule.right
        .as_deref()
        .or(rule.boundary.as_deref())
        .unwrap_or("word")
}

/// Whether the run search may find the rule's prefixes (see `src/scan/token_runs.rs`): the
/// rule has literal prefixes, no match shorter than the run the search needs, a left boundary
/// that keeps letters and digits off its start, and in every example its first prefix starts
/// a run of that many token bytes, after a byte that ends no word.
fn run_search(rule: &RuleSpec) -> bool {
    let Some(prefixes) = &rule.prefixes else {
        return false;
    };
    if rule.min_len < runs::MIN_RUN || rule.run_search == Some(false) {
        return false;
    }
    // A rule that may match right after a letter or digit (`…Qmhooks.slack.com/…`) keeps the
    // literal search, which finds a prefix anywhere.
    let left = left_name(rule);
    let forbids_alnum = match left.strip_prefix("not:") {
        Some(spec) => ["A-Z", "a-z", "0-9"].iter().all(|r| spec.contains(r)),
        None => matches!(left, "word" | "token" | "alnum" | "b64" | "key" | "scheme"),
    };
    if !forbids_alnum {
        return false;
    }
    // Where the example's first match starts: the first place a prefix occurs.
    rule.examples.iter().all(|example| {
        let text = example.as_bytes();
        let first =
            (0..text.len()).find(|&i| prefixes.iter().any(|p| text[i..].starts_with(p.as_bytes())));
        first.is_some_and(|i| runs::starts_run(text, i))
    })
}

/// The id, description and examples.
fn check_text(rule: &RuleSpec) -> Checked<()> {
    let snake = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
    if rule.id.is_empty() || !rule.id.chars().all(snake) {
        return Err(("id", "must be snake_case: a-z, 0-9 and _".into()));
    }
    if rule.description.trim().is_empty() || rule.description.contains('\n') {
        return Err(("description", "must be one non-empty line".into()));
    }
    if rule.examples.len() < 2 {
        return Err(("examples", "at least two examples are required".into()));
    }
    if rule.negative_examples.is_empty() {
        return Err((
            "negative_examples",
            "at least one negative example is required".into(),
        ));
    }
    Ok(())
}

/// (automaton family, anchors expression, pattern, (min_len, max_len)) of a rule, from its one
/// anchor field.
fn anchors_and_pattern(rule: &RuleSpec) -> Checked<(&'static str, String, String, (usize, usize))> {
    let given = [
        rule.prefixes.is_some(),
        rule.inner.is_some(),
        rule.anchor.is_some(),
        rule.keywords.is_some(),
        rule.lead_words.is_some(),
    ];
    if given.iter().filter(|&&g| g).count() != 1 {
        return Err((
            "prefixes",
            "give exactly one of `prefixes`, `inner`, `anchor`, `keywords` and `lead_words`".into(),
        ));
    }
    let lengths = (rule.min_len, rule.max_len);
    if let Some(keywords) = &rule.keywords {
        return keyword_rule(rule, keywords);
    }
    if rule.value.is_some() {
        return Err(("value", "`value` goes with `keywords` only".into()));
    }
    let pattern = rule
        .pattern
        .clone()
        .ok_or(("pattern", "a pattern is required".to_string()))?;
    if let Some(prefixes) = &rule.prefixes {
        // The SIMD literal search fingerprints its shortest literal: two bytes fit most text.
        if prefixes.is_empty() || prefixes.iter().any(|p| p.len() < 3) {
            return Err(("prefixes", "list literals of three bytes or more".into()));
        }
        let anchors = format!("&[Anchor::Prefix(&{prefixes:?})]");
        return Ok(("Prefix", anchors, pattern, lengths));
    }
    if let Some(words) = &rule.lead_words {
        // Found where a run of token bytes starts after one of them (`scan/token_runs.rs`).
        let bad = |w: &String| w.len() < 3 || !w.bytes().all(|b| b.is_ascii_alphanumeric());
        if words.is_empty() || words.iter().any(bad) {
            return Err((
                "lead_words",
                "list words of three letters or digits or more".into(),
            ));
        }
        let anchors: Vec<String> = words
            .iter()
            .map(|w| format!("Anchor::Inner({w:?}, Back::None, LiteralGate::LeadsRun)"))
            .collect();
        return Ok((
            "Prefix",
            format!("&[{}]", anchors.join(", ")),
            pattern,
            lengths,
        ));
    }
    if let Some(inner) = &rule.inner {
        if inner.literal.len() < 3 {
            return Err(("inner", "the literal must be three bytes or more".into()));
        }
        let anchors = format!(
            "&[Anchor::Inner({:?}, Back::Run(ByteSet::from_spec({:?}), {}), LiteralGate::Open)]",
            inner.literal, inner.back, inner.max
        );
        return Ok(("Prefix", anchors, pattern, lengths));
    }
    let (family, anchors) = match rule.anchor.as_deref().unwrap() {
        "key_value" => ("KeyValue", "&[KV]"),
        "digits" => ("Number", "&[digits_anchor()]"),
        "email" => ("Email", "EMAIL_ANCHORS"),
        "userinfo" => ("Prefix", "USERINFO_ANCHOR"),
        "ipv6" => ("Ipv6", "IPV6_ANCHORS"),
        other => {
            return Err((
                "anchor",
                format!("unknown anchor {other:?}: key_value, digits, email, userinfo or ipv6"),
            ))
        }
    };
    Ok((family, anchors.to_string(), pattern, lengths))
}

/// A keyword rule: a key that contains one of the keywords (in any case), a separator, the
/// secret (see the README). It is found from the separator, as `secret_kv` is, and its
/// keywords join the key gate.
fn keyword_rule(
    rule: &RuleSpec,
    keywords: &[String],
) -> Checked<(&'static str, String, String, (usize, usize))> {
    if rule.pattern.is_some() {
        return Err((
            "pattern",
            "a keyword rule gives `value`, not `pattern`".into(),
        ));
    }
    let value = rule
        .value
        .as_ref()
        .ok_or(("value", "a keyword rule needs `value`".to_string()))?;
    let key_byte = |c: char| c.is_ascii_alphanumeric() || "_.-".contains(c);
    if keywords.is_empty()
        || keywords
            .iter()
            .any(|k| k.len() < 3 || !k.chars().all(key_byte))
    {
        return Err((
            "keywords",
            "list words of three bytes or more, of key bytes (A-Za-z0-9_.-)".into(),
        ));
    }
    let words: Vec<String> = keywords.iter().map(|k| escape(k)).collect();
    // The key around the keyword, its closing quote, one separator, an opening quote.
    let pattern = format!(
        "[A-Za-z0-9_.\\-]*(?i:{})[A-Za-z0-9_.\\-]*\\\\?[\"')]?[ \\t]*(?:=>|:=|==|[:=])[ \\t]*\\\\?[\"'(]?(?P<secret>{value})",
        words.join("|")
    );
    let shortest = keywords.iter().map(|k| k.len()).min().unwrap();
    let lengths = (shortest + 1 + rule.min_len, 160 + rule.max_len);
    Ok(("KeyValue", "&[KV]".to_string(), pattern, lengths))
}

/// A literal, escaped for a regex.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn boundary(name: &str) -> Result<String, String> {
    if let Some(spec) = name.strip_prefix("not:") {
        return Ok(format!("Boundary::Not(ByteSet::from_spec({spec:?}))"));
    }
    Ok(match name {
        "none" => "Boundary::None",
        "word" => "NOT_WORD",
        "token" => "NOT_TOKEN",
        "alnum" => "Boundary::Not(ALNUM)",
        "b64" => "Boundary::Not(B64)",
        "key" => "Boundary::Not(KEY)",
        "scheme" => "Boundary::Not(SCHEME)",
        "num" => "Boundary::Num",
        "phone" => "Boundary::Phone",
        "address" => "Boundary::Address",
        "ipv6" => "Boundary::Ipv6",
        "user_flag" => "Boundary::UserFlag",
        "email_local" => "Boundary::EmailLocal",
        "value_end" => "Boundary::ValueEnd(VALUE_END.complement())",
        "credential_end" => "Boundary::Not(CREDENTIAL_END.complement())",
        other => {
            return Err(format!(
                "unknown boundary {other:?} (see core/rules/README.md)"
            ))
        }
    }
    .to_string())
}

/// The validators a rule file may name, with their variant.
const VALIDATORS: &[(&str, &str)] = &[
    ("luhn", "Luhn"),
    ("card", "Card"),
    ("iban", "Iban"),
    ("ssn", "Ssn"),
    ("ipv4", "Ipv4"),
    ("ipv6", "Ipv6"),
    ("mac_address", "MacAddress"),
    ("phone", "Phone"),
    ("not_epoch", "NotEpoch"),
    ("jwt", "Jwt"),
    ("basic_auth", "BasicAuth"),
    ("bearer", "Bearer"),
    ("secret_kv", "SecretKv"),
    ("email", "Email"),
    ("mixed_alnum", "MixedAlnum"),
    ("userinfo", "Userinfo"),
    ("crc32_base62", "Crc32Base62"),
    ("password_hash", "PasswordHash"),
    ("generated", "Generated"),
];

fn validator(value: Option<&toml::Value>) -> Result<String, String> {
    let Some(value) = value else {
        return Ok("None".into());
    };
    if let Some(name) = value.as_str() {
        return VALIDATORS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| format!("Some(Validator::{v})"))
            .ok_or_else(|| format!("unknown validator {name:?}"));
    }
    let bits = value
        .as_table()
        .and_then(|t| t.get("entropy"))
        .and_then(|e| e.as_float().or_else(|| e.as_integer().map(|i| i as f64)));
    match bits {
        Some(b) if (0.0..=8.0).contains(&b) => Ok(format!("Some(Validator::Entropy({b:?}))")),
        _ => Err("a validator name, or {entropy = <bits per byte, 0 to 8>}".into()),
    }
}

fn secret(name: &str) -> Result<String, String> {
    if let Some(n) = name.strip_prefix("last:") {
        let n: usize = n.parse().map_err(|_| format!("{name:?}: last:<bytes>"))?;
        return Ok(format!("SecretPart::Last({n})"));
    }
    Ok(match name {
        "whole" => "SecretPart::Whole",
        "captured" => "SecretPart::Captured",
        "after_blanks" => "SecretPart::AfterBlanks",
        "quoted_value" => "SecretPart::QuotedValue",
        "trailing_run" => "SecretPart::TrailingRun(CREDENTIAL_STOP)",
        other => return Err(format!("unknown secret part {other:?}")),
    }
    .to_string())
}

//! The policy model: what to find, what to do with it, and the limits. JSON is canonical;
//! YAML is accepted. The reference for every field is `docs/policy.md`.

pub(crate) mod error;
mod sanitizers;
mod tokens;

pub use sanitizers::{BaggagePolicy, HeaderOptions, UrlOptions};
pub use tokens::{
    PseudonymConfig, TokenizeConfig, DEFAULT_PSEUDONYM_TEMPLATE, DEFAULT_TOKEN_TEMPLATE,
};

use serde::{Deserialize, Serialize};

use crate::policy::error::PolicyError;

/// The policy shipped with scrubjay, used by [`crate::Engine::default`].
pub const DEFAULT_POLICY_JSON: &str = include_str!("default_policy.json");

/// A redaction policy.
///
/// # Example
/// ```
/// use scrubjay::Policy;
/// let policy = Policy::from_json(r#"{
///     "version": 1,
///     "builtins": ["email", "credit_card"],
///     "fields": [{"keys": ["*password*"], "action": "remove"}]
/// }"#).unwrap();
/// assert_eq!(policy.fields.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Format version; must be 1.
    pub version: u32,
    /// Which builtin content rules are on: `"all"` (the default), `"none"`, or a list of ids.
    #[serde(default)]
    pub builtins: Builtins,
    /// Content rules: settings for builtins (`{"builtin": "email", "action": "hash"}`) and
    /// custom patterns (`{"id": "ticket", "pattern": "TICKET-[0-9]{6}"}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<ContentRule>,
    /// Field rules, matched against attribute key paths; the first rule that matches wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldRule>,
    /// Allowlists: keys (turns on default-deny) and values that are never redacted.
    #[serde(default)]
    pub allow: Allow,
    /// Keyed hashing for the `hash` action.
    #[serde(default)]
    pub hash: HashConfig,
    /// Reversible tokens for the `tokenize` action: key ring and template.
    #[serde(default, skip_serializing_if = "is_default")]
    pub tokenize: TokenizeConfig,
    /// Numbered pseudonyms for the `pseudonym` action.
    #[serde(default, skip_serializing_if = "is_default")]
    pub pseudonym: PseudonymConfig,
    /// Label template for `mask`; `{rule}` is replaced by the rule id.
    #[serde(default = "default_label")]
    pub label: String,
    /// Limits on values, nesting and automaton size.
    #[serde(default)]
    pub limits: Limits,
    /// Settings of the sanitizers that `{"sanitize": ...}` field rules apply.
    #[serde(default)]
    pub sanitizers: Sanitizers,
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// Settings of the URL and header sanitizers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sanitizers {
    /// The URL sanitizer.
    #[serde(default)]
    pub url: UrlOptions,
    /// The header sanitizer.
    #[serde(default)]
    pub headers: HeaderOptions,
}

/// Which sanitizer a `sanitize` field rule applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanitizeKind {
    /// A URL or request target (`url.full`, `http.url`, `http.target`, `url.path`).
    Url,
    /// A query string without `?` (`url.query`).
    UrlQuery,
    /// A SQL statement (`db.statement`, `db.query.text`).
    Sql,
    /// An HTTP header value; the header name is the last segment of the key path.
    Header,
    /// A command line (`process.command_line`): the argument after an option whose name the
    /// field rules mask (`--db-password x`) takes that rule's action, as in
    /// `process.command_args`; so does a program's own password flag (`mysql -pX`,
    /// `redis-cli -a X`, `sshpass -p X`, `docker login -p X`).
    CommandLine,
    /// A server's, host's or local address (`server.address`, `network.local.address`): an IP
    /// address, with a port or not, is kept as the service's identity; any other value goes
    /// to the content rules.
    Address,
}

fn default_label() -> String {
    "[REDACTED:{rule}]".to_string()
}

impl Default for Policy {
    /// The policy shipped with scrubjay (every builtin on, the usual secret keys masked).
    fn default() -> Policy {
        Policy::from_json(DEFAULT_POLICY_JSON).expect("the embedded default policy is valid")
    }
}

/// Which builtin rules are on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Builtins {
    /// `"all"` or `"none"`.
    Set(BuiltinSet),
    /// Only these ids.
    Only(Vec<String>),
}

impl Default for Builtins {
    fn default() -> Builtins {
        Builtins::Set(BuiltinSet::All)
    }
}

/// `"all"` or `"none"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinSet {
    /// Every builtin rule.
    All,
    /// No builtin rule (unless a content rule names one).
    None,
}

/// A content rule: a builtin's settings, or a custom pattern.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentRule {
    /// The rule id, used in labels, reports and findings. Required for custom rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The builtin this entry configures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<String>,
    /// A custom pattern (regex-automata dialect: no look-around, no back-references). A group
    /// named `secret` limits the replacement to that group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// What to do with a match (default `mask`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// Checks a match must pass: `luhn`, `iban`, `ssn`, `ipv4`, `ipv6`, `phone`, `not_epoch`,
    /// `jwt`, `email`, `mixed_alnum`, `{"entropy": 3.5}`, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty", alias = "validator")]
    pub validators: Vec<ValidatorSpec>,
    /// Label for `mask`, overriding the policy template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Shortest match accepted, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_len: Option<usize>,
    /// Longest match accepted, in bytes (custom default 4096).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<usize>,
    /// What may stand next to a custom match: `none` (default) or `word`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary: Option<BoundarySpec>,
    /// `false` turns a builtin off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Texts the rule must find something in (`scrubjay policy test` runs them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Texts the rule must find nothing in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negative_examples: Vec<String>,
}

/// A validator, by name or with a parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ValidatorSpec {
    /// A named validator.
    Name(String),
    /// `{"entropy": 3.5}`: minimum Shannon entropy in bits per byte.
    Entropy {
        /// Bits per byte.
        entropy: f64,
    },
}

/// Custom rule boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundarySpec {
    /// Anything may stand next to a match.
    None,
    /// No `[A-Za-z0-9_]` byte may stand next to a match.
    Word,
}

/// What to do with a match or a field. Written as a name (`"mask"`) or a one-key map
/// (`{"replace": "***"}`, `{"partial": {"keep_end": 4}}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Replace with the label (`[REDACTED:<rule>]`).
    Mask,
    /// Delete the match, or the whole attribute.
    Remove,
    /// Keyed HMAC-SHA256, hex, truncated: `[HASH:<rule>:<hex>]`.
    Hash,
    /// Deterministic AES-SIV encryption under a key of the ring, reversible by the key's
    /// holders: `[TOKEN:<rule>:<key id>:<base64url>]`.
    Tokenize,
    /// A number per distinct value within one value, span or record: `<email_1>`.
    Pseudonym,
    /// Field rules only: never scan this value.
    Keep,
    /// Field rules only: run the content rules (the default for keys no rule names); use it to
    /// exempt keys from a later, broader rule.
    Scan,
    /// Replace with a fixed text.
    Replace(String),
    /// Keep the first/last characters, mask the rest: `************1111`.
    Partial(Partial),
    /// Field rules only: apply a sanitizer, then the content rules.
    Sanitize(SanitizeKind),
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Action, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Name(String),
            Map(std::collections::BTreeMap<String, serde_json::Value>),
        }
        const EXPECTED: &str =
            "mask, remove, hash, tokenize, pseudonym, keep, scan, {\"replace\": \"text\"}, {\"partial\": {\"keep_start\": 0, \"keep_end\": 4}} or {\"sanitize\": \"url\"}";
        match Repr::deserialize(d)
            .map_err(|_| D::Error::custom(format!("expected an action: {EXPECTED}")))?
        {
            Repr::Name(n) => match n.as_str() {
                "mask" => Ok(Action::Mask),
                "remove" => Ok(Action::Remove),
                "hash" => Ok(Action::Hash),
                "tokenize" => Ok(Action::Tokenize),
                "pseudonym" => Ok(Action::Pseudonym),
                "keep" => Ok(Action::Keep),
                "scan" => Ok(Action::Scan),
                "replace" | "partial" | "sanitize" => Err(D::Error::custom(format!(
                    "`{n}` takes a setting: {EXPECTED}"
                ))),
                other => Err(D::Error::custom(format!(
                    "unknown action `{other}`; expected {EXPECTED}"
                ))),
            },
            Repr::Map(m) if m.len() == 1 => {
                let (k, v) = m.into_iter().next().expect("one entry");
                match k.as_str() {
                    "replace" => match v {
                        serde_json::Value::String(s) => Ok(Action::Replace(s)),
                        _ => Err(D::Error::custom("`replace` takes a string")),
                    },
                    "partial" => serde_json::from_value(v)
                        .map(Action::Partial)
                        .map_err(D::Error::custom),
                    "sanitize" => serde_json::from_value(v)
                        .map(Action::Sanitize)
                        .map_err(|_| {
                            D::Error::custom(
                                "`sanitize` takes one of url, url_query, sql, header, command_line",
                            )
                        }),
                    "mask" | "remove" | "hash" | "tokenize" | "pseudonym" | "keep" | "scan" => {
                        Err(D::Error::custom(format!(
                            "`{k}` takes no setting; write it as a plain name"
                        )))
                    }
                    other => Err(D::Error::custom(format!(
                        "unknown action `{other}`; expected {EXPECTED}"
                    ))),
                }
            }
            Repr::Map(_) => Err(D::Error::custom(format!(
                "an action map has exactly one key: {EXPECTED}"
            ))),
        }
    }
}

/// Settings of the `partial` action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// Characters kept at the start.
    #[serde(default)]
    pub keep_start: usize,
    /// Characters kept at the end.
    #[serde(default)]
    pub keep_end: usize,
    /// The masking character (default `*`).
    #[serde(default = "default_mask_char")]
    pub mask_char: char,
}

fn default_mask_char() -> char {
    '*'
}

/// A field rule: key patterns and what to do with their values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// The name used in labels and reports (default: the first key without `*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Key patterns: exact names (`authorization`), globs (`*password*`, `x-*-secret`) and
    /// dotted paths (`http.request.header.authorization`). A pattern without a dot matches the
    /// last segment of a key path; one with a dot matches the path or any suffix of it that
    /// starts a segment. ASCII case-insensitive.
    pub keys: Vec<String>,
    /// What to do with the value.
    pub action: Action,
    /// Label for `mask`, overriding the policy template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// When true, a key whose words after its secret word describe the secret instead of
    /// holding it (`password_length`, `token_type`, `session.started`) is not matched by this
    /// rule: the next rule that matches decides, or the content rules. The words are the
    /// ones `secret_kv` reads keys with in text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unless_described: bool,
}

/// Allowlists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// When set, default-deny: attributes whose key matches none of these patterns are removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<String>>,
    /// Exact values that are never redacted by content rules (whole values and matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Patterns that, matching a whole value or a whole match, keep it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_patterns: Vec<String>,
}

/// Keyed hashing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashConfig {
    /// The HMAC key, inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// An environment variable holding the HMAC key, read when the engine is built.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_env: Option<String>,
    /// Hex characters kept (8 to 64, default 16).
    #[serde(default = "default_hash_length")]
    pub length: usize,
    /// Allow hashing with an empty key. Unkeyed hashes of e-mails and card numbers can be
    /// reversed by dictionary; opt in only for test data.
    #[serde(default)]
    pub allow_unkeyed: bool,
    /// Template: `{rule}` and `{hash}` are replaced.
    #[serde(default = "default_hash_template")]
    pub template: String,
}

fn default_hash_length() -> usize {
    16
}

fn default_hash_template() -> String {
    "[HASH:{rule}:{hash}]".to_string()
}

impl Default for HashConfig {
    fn default() -> HashConfig {
        HashConfig {
            key: None,
            key_env: None,
            length: default_hash_length(),
            allow_unkeyed: false,
            template: default_hash_template(),
        }
    }
}

/// Limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Longer string values are replaced whole by `[REDACTED:too_large]` (fail closed).
    #[serde(default = "default_max_value_bytes")]
    pub max_value_bytes: usize,
    /// Deeper structures are replaced by `[REDACTED:too_deep]` (fail closed). At most 1000.
    #[serde(default = "default_max_depth")]
    pub max_depth: usize,
    /// Values (maps, lists and scalars, counted in walk order from the root) of one structure
    /// that are redacted; every value after them is replaced by `[REDACTED:too_large]` (fail
    /// closed), so that a structure that shares its parts (a graph of objects that reference
    /// each other, expanded by a binding) costs a bounded time.
    #[serde(default = "default_max_nodes")]
    pub max_nodes: usize,
    /// Size limit of each compiled automaton (NFA), in bytes.
    #[serde(default = "default_max_automaton_bytes")]
    pub max_automaton_bytes: usize,
}

fn default_max_value_bytes() -> usize {
    1 << 20
}
fn default_max_depth() -> usize {
    64
}
fn default_max_nodes() -> usize {
    1_000_000
}
fn default_max_automaton_bytes() -> usize {
    8 << 20
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_value_bytes: default_max_value_bytes(),
            max_depth: default_max_depth(),
            max_nodes: default_max_nodes(),
            max_automaton_bytes: default_max_automaton_bytes(),
        }
    }
}

impl Policy {
    /// Parses a JSON policy.
    ///
    /// # Example
    /// ```
    /// let err = scrubjay::Policy::from_json("{\"version\": 1, \"fields\": [{\"keys\": [\"a\"], \"actoin\": \"mask\"}]}")
    ///     .unwrap_err();
    /// assert_eq!(err.rule.as_deref(), Some("fields[0]"));
    /// assert_eq!(err.line, Some(1));
    /// ```
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let policy: Policy = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (line, column) = (inner.line(), inner.column());
            located(&path, inner.to_string(), text, line, column)
        })?;
        de.end()
            .map_err(|e| located(".", e.to_string(), text, e.line(), e.column()))?;
        Ok(policy)
    }

    /// Parses a YAML policy.
    ///
    /// # Example
    /// ```
    /// let p = scrubjay::Policy::from_yaml("version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n").unwrap();
    /// assert_eq!(p.content[0].id.as_deref(), Some("ticket"));
    /// ```
    pub fn from_yaml(text: &str) -> Result<Policy, PolicyError> {
        let de = serde_yaml_ng::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (line, column) = inner.location().map_or((0, 0), |l| (l.line(), l.column()));
            located(&path, inner.to_string(), text, line, column)
        })
    }

    /// Parses JSON or YAML: text whose first non-blank character is `{` is JSON.
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        if text.trim_start().starts_with('{') {
            Policy::from_json(text)
        } else {
            Policy::from_yaml(text)
        }
    }

    /// Builds a policy from an already parsed JSON value (bindings pass native dicts this way).
    pub fn from_value(value: serde_json::Value) -> Result<Policy, PolicyError> {
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            located(&path, e.into_inner().to_string(), "", 0, 0)
        })
    }

    /// The policy as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a policy always serialises")
    }
}

/// Turns a serde error at `path` into a [`PolicyError`] naming rule, field and position.
fn located(path: &str, message: String, text: &str, line: usize, column: usize) -> PolicyError {
    let mut err = PolicyError::new(strip_location(&message));
    // `content[2].action` → rule `content[2]`, field `action`.
    let path = path.trim_start_matches('.');
    if !path.is_empty() && path != "?" {
        match path.find(']') {
            Some(close) if path.starts_with("content[") || path.starts_with("fields[") => {
                err.rule = Some(path[..=close].to_string());
                let rest = path[close + 1..].trim_start_matches('.');
                if !rest.is_empty() {
                    err.field = Some(rest.to_string());
                }
            }
            _ => err.field = Some(path.to_string()),
        }
    }
    if line > 0 {
        err.line = Some(line);
        err.column = Some(column.max(1));
        let offset: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum::<usize>()
            + column.saturating_sub(1);
        err.position = Some(offset.min(text.len()));
    }
    err
}

fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_parses_and_round_trips() {
        let p = Policy::default();
        assert_eq!(p.version, 1);
        let again = Policy::from_json(&p.to_json_pretty()).unwrap();
        assert_eq!(p, again);
    }

    #[test]
    fn yaml_actions_and_errors() {
        let p = Policy::from_yaml(
            "version: 1\nfields:\n  - keys: [card]\n    action:\n      partial: {keep_end: 4}\n  - keys: [x]\n    action: {replace: '***'}\n",
        )
        .unwrap();
        assert_eq!(
            p.fields[0].action,
            Action::Partial(Partial {
                keep_start: 0,
                keep_end: 4,
                mask_char: '*'
            })
        );
        assert_eq!(p.fields[1].action, Action::Replace("***".into()));
        let e = Policy::from_yaml("version: 1\nfields:\n  - keys: [a]\n    action: explode\n")
            .unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("fields[0]"));
        assert_eq!(e.field.as_deref(), Some("action"));
        assert!(e.line.is_some_and(|l| (3..=4).contains(&l)), "{e:?}");
        assert!(e.message.contains("unknown action `explode`"), "{e}");
    }

    #[test]
    fn json_syntax_error_has_position() {
        let text = "{\"version\": 1,\n \"fields\": [}";
        let e = Policy::from_json(text).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.position.unwrap() > 10);
    }
}

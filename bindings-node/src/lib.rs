//! The native part of the `scrubjay` npm package: conversions between JavaScript values and
//! the core's, and nothing else. Every redaction decision is made by the `scrubjay` crate.
//! The JavaScript entry points (`scrubjay.js`, `scrubjay.mjs`) wrap this module.

#![allow(missing_docs)] // napi-derive generates undocumented items; the .d.ts carries the docs

use std::borrow::Cow;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;

/// Why a policy did not compile.
#[napi(object)]
pub struct PolicyProblem {
    pub message: String,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub position: Option<u32>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// One thing a scan found: rule, UTF-16 offsets into the text (so `text.slice(start, end)` is
/// the match), and the key path for structured scans. Never the value.
#[napi(object)]
pub struct Finding {
    pub rule: String,
    pub start: u32,
    pub end: u32,
    pub path: Option<String>,
}

/// A member dropped from a `baggage` header.
#[napi(object)]
pub struct BaggageViolation {
    pub key: Option<String>,
    pub reason: String,
}

/// A sanitised `baggage` header and what was dropped.
#[napi(object)]
pub struct SanitizedBaggage {
    pub header: String,
    pub violations: Vec<BaggageViolation>,
}

/// Counts of what was redacted.
#[napi(object)]
pub struct ReportCounts {
    pub total: u32,
    pub counts: std::collections::HashMap<String, u32>,
    pub actions: std::collections::HashMap<String, u32>,
    pub fail_closed: std::collections::HashMap<String, u32>,
    pub denied: u32,
}

/// What `redactFlatWithReport` returns: the changes, as `redactFlat` writes them, and the
/// counts.
#[napi(object)]
pub struct FlatWithReport {
    pub changes: String,
    pub report: ReportCounts,
}

/// A redacted value and the counts of what was redacted in it.
#[napi(object)]
pub struct RedactedWithReport {
    #[napi(ts_type = "any")]
    pub value: Value,
    pub report: ReportCounts,
}

/// One token `revealWithTokens` found: the rule and key id it names, UTF-16 offsets into the
/// text given (so `text.slice(start, end)` is the token), and `revealed`, `unknown_key` or
/// `invalid`. Never the value.
#[napi(object)]
pub struct RevealedToken {
    pub rule: String,
    pub key_id: String,
    pub start: u32,
    pub end: u32,
    #[napi(ts_type = "'revealed' | 'unknown_key' | 'invalid'")]
    pub outcome: String,
}

/// What `revealWithTokens` returns: the revealed text and what became of each token.
#[napi(object)]
pub struct RevealedText {
    pub text: String,
    pub tokens: Vec<RevealedToken>,
}

/// The UTF-16 index (what JavaScript's `slice` takes) of the UTF-8 byte offset `byte` into
/// `text`; `ascii` says that `text` is ASCII, where both are the same.
fn utf16_index(text: &str, ascii: bool, byte: usize) -> u32 {
    if ascii {
        byte as u32
    } else {
        text[..byte.min(text.len())].encode_utf16().count() as u32
    }
}

fn counts(r: &scrubjay::Report) -> ReportCounts {
    ReportCounts {
        total: r.total() as u32,
        counts: r.counts().map(|(k, v)| (k.to_string(), v as u32)).collect(),
        actions: scrubjay::ActionKind::ALL
            .iter()
            .filter(|k| r.action_count(**k) > 0)
            .map(|k| (k.name().to_string(), r.action_count(*k) as u32))
            .collect(),
        fail_closed: scrubjay::FailReason::ALL
            .iter()
            .filter(|k| r.fail_closed_count(**k) > 0)
            .map(|k| (k.name().to_string(), r.fail_closed_count(*k) as u32))
            .collect(),
        denied: r.denied() as u32,
    }
}

/// The changes `redactFlat` sends back for `packed` (see there), counting into `report`.
fn flat_changes(
    engine: &scrubjay::Engine,
    packed: &str,
    count: u32,
    mut report: Option<&mut scrubjay::Report>,
) -> Option<String> {
    // One vectorised pass finds every separator; their number must be 2 × count − 1.
    let mut cuts = Vec::with_capacity(2 * count as usize + 1);
    cuts.extend(memchr::memchr_iter(0, packed.as_bytes()));
    if count == 0 || cuts.len() + 1 != 2 * count as usize {
        return None;
    }
    cuts.push(packed.len());
    let mut from = 0;
    let mut parts = cuts.iter().map(|&to| {
        let part = &packed[from..to];
        from = to + 1;
        part
    });
    let mut packed_pairs = Vec::with_capacity(count as usize);
    while let (Some(key), Some(value)) = (parts.next(), parts.next()) {
        packed_pairs.push((key, value));
    }
    let mut scope = engine.attribute_scope();
    // What the map says about all its values (its database's SQL dialect, the key of its
    // tokens) is read from its string pairs before any value is redacted.
    for (key, value) in &packed_pairs {
        if !scope.reads(key) {
            continue;
        }
        match value.strip_prefix('s') {
            Some(text) => scope.note(key, text),
            None => scope.note_non_string(key),
        }
    }
    // Each pair's key, and its string value as it came out (None: removed or not a string).
    let mut pairs: Vec<(&str, Option<Cow<'_, str>>, bool)> = Vec::with_capacity(count as usize);
    for (key, value) in packed_pairs {
        let (tag, text) = value.split_at(value.len().min(1));
        let scalar = match tag {
            "s" => scrubjay::Scalar::Str(text),
            "b" => scrubjay::Scalar::Bool(text == "true"),
            "n" => number(text),
            _ => scrubjay::Scalar::Null,
        };
        let string = (tag == "s").then_some(Cow::Borrowed(text));
        pairs.push(match scope.redact(key, scalar, report.as_deref_mut()) {
            scrubjay::AttributeOutcome::Keep
            | scrubjay::AttributeOutcome::Replace(Cow::Borrowed(_)) => (key, string, false),
            scrubjay::AttributeOutcome::Remove => (key, None, true),
            scrubjay::AttributeOutcome::Replace(Cow::Owned(new)) => {
                (key, Some(Cow::Owned(new)), true)
            }
        });
    }
    if scope.has_repeats() {
        // A secret found in one value is masked where the others repeat it.
        for (key, value, changed) in &mut pairs {
            if let Some(masked) = value
                .as_ref()
                .and_then(|v| scope.mask_repeats(key, v, report.as_deref_mut()))
            {
                *value = Some(Cow::Owned(masked));
                *changed = true;
            }
        }
    }
    let mut out = String::new();
    for (index, (_, value, changed)) in pairs.iter().enumerate() {
        if !changed {
            continue;
        }
        out.push_str(&index.to_string());
        match value {
            None => out.push_str("\0x\0"),
            Some(new) => {
                out.push_str("\0r");
                out.push_str(new);
                out.push('\0');
            }
        }
    }
    Some(out)
}

/// A compiled policy (the native half of `Engine`).
#[napi]
pub struct NativeEngine {
    inner: std::sync::Arc<scrubjay::Engine>,
}

fn problem(e: &scrubjay::PolicyError) -> PolicyProblem {
    PolicyProblem {
        message: e.to_string(),
        rule: e.rule.clone(),
        field: e.field.clone(),
        position: e.position.map(|p| p as u32),
        line: e.line.map(|p| p as u32),
        column: e.column.map(|p| p as u32),
    }
}

#[napi]
impl NativeEngine {
    /// The default policy's engine.
    #[napi(factory)]
    pub fn default_policy() -> NativeEngine {
        NativeEngine {
            inner: std::sync::Arc::new(scrubjay::Engine::default()),
        }
    }

    /// Compiles JSON or YAML policy text; a `PolicyProblem` when it is invalid.
    #[napi]
    pub fn compile(text: String) -> Either<NativeEngine, PolicyProblem> {
        match scrubjay::Engine::from_policy_text(&text) {
            Ok(e) => Either::A(NativeEngine {
                inner: std::sync::Arc::new(e),
            }),
            Err(e) => Either::B(problem(&e)),
        }
    }

    #[napi]
    pub fn redact(&self, text: String) -> String {
        match self.inner.redact_str(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(o) => o,
        }
    }

    #[napi]
    pub fn redact_with_report(&self, text: String) -> RedactedWithReport {
        let mut report = self.inner.new_report();
        let out = self
            .inner
            .redact_str_with_report(&text, &mut report)
            .into_owned();
        RedactedWithReport {
            value: Value::String(out),
            report: counts(&report),
        }
    }

    #[napi]
    pub fn redact_buffer(&self, data: Buffer) -> Buffer {
        match self.inner.redact_bytes(&data) {
            Cow::Borrowed(_) => data,
            Cow::Owned(o) => o.into(),
        }
    }

    /// Redacts a tree of attributes (objects, arrays, typed scalars).
    #[napi(
        ts_args_type = "attributes: Record<string, unknown>",
        ts_return_type = "Record<string, unknown>"
    )]
    pub fn redact_attributes(&self, attributes: Value) -> Value {
        let mut v = attributes;
        integral_numbers(&mut v);
        self.inner.redact_json(&mut v);
        v
    }

    #[napi(ts_args_type = "attributes: Record<string, unknown>")]
    pub fn redact_attributes_with_report(&self, attributes: Value) -> RedactedWithReport {
        let mut v = attributes;
        integral_numbers(&mut v);
        let mut report = self.inner.new_report();
        self.inner.redact_json_with_report(&mut v, &mut report);
        RedactedWithReport {
            value: v,
            report: counts(&report),
        }
    }

    /// `redactAttributes` on JSON text (what `JSON.stringify` made of the converted tree): a
    /// large tree crosses as one string instead of one napi call per key and value. Null when
    /// serde_json cannot read the text (a lone surrogate escape, nesting past its recursion
    /// limit), for the caller to pass the tree itself.
    #[napi]
    pub fn redact_json_text(&self, json: String) -> Option<String> {
        let mut v: Value = serde_json::from_str(&json).ok()?;
        self.inner.redact_json(&mut v);
        serde_json::to_string(&v).ok()
    }

    /// `redactJsonText` with the report; `value` is the redacted JSON text.
    #[napi]
    pub fn redact_json_text_with_report(&self, json: String) -> Option<RedactedWithReport> {
        let mut v: Value = serde_json::from_str(&json).ok()?;
        let mut report = self.inner.new_report();
        self.inner.redact_json_with_report(&mut v, &mut report);
        Some(RedactedWithReport {
            value: Value::String(serde_json::to_string(&v).ok()?),
            report: counts(&report),
        })
    }

    /// The flat form of `redactAttributes`, for objects whose values are all strings, numbers,
    /// booleans or null (the usual span attributes): one string crosses in, holding
    /// `key NUL tag value NUL ...` (tag `s` string, `n` number, `b` boolean, `z` null), and one
    /// string comes back listing only what changed: `index NUL r replacement NUL` or
    /// `index NUL x NUL` (remove). Each pair goes through `redact_attribute` under its key,
    /// which is what the tree walk does for a scalar child of the root. `count` is the number
    /// of pairs: when the text holds any other number of NULs (a key or value contained one),
    /// nothing is redacted and null comes back, for the caller to take the tree walk.
    #[napi]
    pub fn redact_flat(&self, packed: String, count: u32) -> Option<String> {
        flat_changes(&self.inner, &packed, count, None)
    }

    /// `redactFlat` with the counts of what was redacted: `null` in the same cases.
    #[napi]
    pub fn redact_flat_with_report(&self, packed: String, count: u32) -> Option<FlatWithReport> {
        let mut report = self.inner.new_report();
        let changes = flat_changes(&self.inner, &packed, count, Some(&mut report))?;
        Some(FlatWithReport {
            changes,
            report: counts(&report),
        })
    }

    /// Redacts a long string off the event loop.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn redact_async(&self, text: String) -> AsyncTask<RedactTask> {
        AsyncTask::new(RedactTask {
            engine: self.inner.clone(),
            text: Some(text),
        })
    }

    #[napi]
    pub fn scan(&self, text: String) -> Vec<Finding> {
        let findings = self.inner.scan_str(&text);
        let ascii = text.is_ascii();
        let utf16 = |byte: usize| utf16_index(&text, ascii, byte);
        findings
            .into_iter()
            .map(|f| Finding {
                start: utf16(f.start),
                end: utf16(f.end),
                rule: f.rule,
                path: f.path,
            })
            .collect()
    }

    /// `text` with each token whose key `keys` holds replaced by the value it stands for;
    /// the others (unknown key, changed token) are left as they are.
    #[napi]
    pub fn reveal(&self, text: String, keys: &NativeKeyRing) -> String {
        self.inner.reveal(&text, &keys.inner).text
    }

    /// `reveal` with what became of each token found, for an audit log.
    #[napi]
    pub fn reveal_with_tokens(&self, text: String, keys: &NativeKeyRing) -> RevealedText {
        let revealed = self.inner.reveal(&text, &keys.inner);
        let ascii = text.is_ascii();
        let utf16 = |byte: usize| utf16_index(&text, ascii, byte);
        RevealedText {
            tokens: revealed
                .tokens
                .into_iter()
                .map(|t| RevealedToken {
                    start: utf16(t.start),
                    end: utf16(t.end),
                    outcome: t.outcome.name().to_string(),
                    rule: t.rule,
                    key_id: t.key_id,
                })
                .collect(),
            text: revealed.text,
        }
    }

    #[napi]
    pub fn sanitize_url(&self, url: String) -> String {
        self.inner.sanitize_url(&url)
    }

    /// The SQL normaliser, in the dialect `dialect` names (none when it is omitted or null);
    /// an `Error` naming any other name.
    #[napi]
    pub fn normalize_sql(&self, sql: String, dialect: Option<String>) -> Result<String> {
        let dialect = match dialect.as_deref() {
            None => scrubjay::SqlDialect::Generic,
            Some(name) => name
                .parse::<scrubjay::SqlDialect>()
                .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?,
        };
        Ok(self.inner.normalize_sql_as(&sql, dialect))
    }

    #[napi]
    pub fn sanitize_header(&self, name: String, value: String) -> String {
        self.inner.sanitize_header(&name, &value)
    }

    #[napi]
    pub fn sanitize_baggage(&self, header: String) -> SanitizedBaggage {
        let out = self.inner.sanitize_baggage(&header);
        SanitizedBaggage {
            header: out.header,
            violations: out
                .violations
                .into_iter()
                .map(|v| BaggageViolation {
                    key: v.key,
                    reason: v.reason.to_string(),
                })
                .collect(),
        }
    }

    #[napi(getter)]
    pub fn rules(&self) -> Vec<String> {
        self.inner.content_rule_ids().map(str::to_owned).collect()
    }

    #[napi(getter)]
    pub fn max_depth(&self) -> u32 {
        self.inner.policy().limits.max_depth as u32
    }

    /// `limits.max_nodes`, which the JavaScript conversion applies as the core's walk does.
    #[napi(getter)]
    pub fn max_nodes(&self) -> u32 {
        self.inner.policy().limits.max_nodes.min(u32::MAX as usize) as u32
    }

    /// The text one structure may carry into the engine, in UTF-16 units: 16 times
    /// `limits.max_value_bytes` (a longer string fails closed on its own), so that one string
    /// reached from many places cannot grow into gigabytes of converted text.
    #[napi(getter)]
    pub fn max_text_units(&self) -> f64 {
        (self.inner.policy().limits.max_value_bytes as f64) * 16.0
    }
}

/// Token keys by id (the native half of `KeyRing`). The keys never cross into JavaScript.
#[napi]
pub struct NativeKeyRing {
    inner: scrubjay::KeyRing,
}

fn key_ring(
    ring: std::result::Result<scrubjay::KeyRing, scrubjay::KeyRingError>,
) -> Result<NativeKeyRing> {
    ring.map(|inner| NativeKeyRing { inner })
        .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))
}

#[napi]
impl NativeKeyRing {
    /// Reads a ring from its JSON text; an `Error` with the core's message when it is invalid.
    #[napi(factory)]
    pub fn from_json(text: String) -> Result<NativeKeyRing> {
        key_ring(scrubjay::KeyRing::from_json(&text))
    }

    /// Reads a ring from the file at `path`; an `Error` with the core's message when it
    /// cannot be read or is invalid.
    #[napi(factory)]
    pub fn from_file(path: String) -> Result<NativeKeyRing> {
        key_ring(scrubjay::KeyRing::from_file(path))
    }

    /// The ids of the ring's keys, in its order.
    #[napi(getter)]
    pub fn ids(&self) -> Vec<String> {
        self.inner.ids().map(str::to_owned).collect()
    }

    /// The id of the key new tokens are made with, if the ring names one.
    #[napi(getter)]
    pub fn active(&self) -> Option<String> {
        self.inner.active().map(str::to_owned)
    }
}

/// A JavaScript number, as its `String(n)` text: whole numbers are integers to the engine,
/// NaN and infinities carry no data.
fn number(text: &str) -> scrubjay::Scalar<'static> {
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.007e15 => {
            scrubjay::Scalar::Int(f as i64)
        }
        Ok(f) if f.is_finite() => scrubjay::Scalar::Float(f),
        _ => scrubjay::Scalar::Null,
    }
}

/// JavaScript has one number type: whole numbers arrive as floats. They are integers to the
/// engine (so that a card number held as a number is scanned like one). The JavaScript side
/// has already cut nesting at the policy's depth limit and the tree at its node limit.
fn integral_numbers(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(f) = n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.007e15)
            {
                if !n.is_i64() && !n.is_u64() {
                    *n = (f as i64).into();
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// `validate_traceparent`: null when valid, else the reason.
#[napi]
pub fn validate_traceparent(header: String) -> Option<String> {
    scrubjay::validate_traceparent(&header)
        .err()
        .map(|e| e.reason().to_string())
}

/// The library version.
#[napi]
pub fn version() -> String {
    scrubjay::VERSION.to_string()
}

/// The embedded default policy, as JSON text.
#[napi]
pub fn default_policy() -> String {
    scrubjay::DEFAULT_POLICY_JSON.to_string()
}

/// `redactAsync`: the work runs on the libuv thread pool.
pub struct RedactTask {
    engine: std::sync::Arc<scrubjay::Engine>,
    text: Option<String>,
}

impl Task for RedactTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<String> {
        let text = self.text.take().unwrap_or_default();
        Ok(match self.engine.redact_str(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(o) => o,
        })
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}

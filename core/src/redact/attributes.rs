//! Attributes one by one, for bindings that walk their own native maps: a decision applied
//! to a scalar.

use super::fields::FieldDecision;
use super::report_sink::ReportSink;
use super::scratch::Scratch;
use super::strings::into_string;
use super::strings::Redacted;
use super::Engine;
use super::ScratchFn;
use crate::compile::actions::Replacement;
use crate::redact::memo::Tag;
use crate::report::Report;
use crate::scan;
use crate::SqlDialect;
use regex_automata::util::pool::PoolGuard;
use std::borrow::Cow;

/// The attributes of one map, redacted with one scratch space: see
/// [`Engine::attribute_scope`]. Each call does exactly what [`Engine::redact_attribute`] does.
pub struct AttributeScope<'e> {
    engine: &'e Engine,
    pub(super) scratch: PoolGuard<'e, Scratch, ScratchFn>,
    /// What [`AttributeScope::note`] has read: the dialect came from `db.system.name`, and
    /// the rank in `tokenize.key_id_from` of the key that named the token key.
    dialect_named: bool,
    token_key_rank: usize,
}

impl AttributeScope<'_> {
    /// Redacts one attribute value found at `path`, as [`Engine::redact_attribute`].
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// assert_eq!(scope.redact("db.password", Scalar::Str("hunter2"), None),
    ///            AttributeOutcome::Replace("[REDACTED:password]".into()));
    /// ```
    pub fn redact<'a>(
        &mut self,
        path: &str,
        value: Scalar<'a>,
        report: Option<&mut Report>,
    ) -> AttributeOutcome<'a> {
        self.redact_item(path, None, value, report)
    }

    /// Redacts one item of a list found at `path`, given the item before it (`None` for the
    /// first item or one that is not a string): as the tree walk does, an item after a
    /// command-line option takes the option's field rule (`["--password", "hunter2"]`).
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// let item = scope.redact_item("process.command_args", Some("--password"),
    ///                              Scalar::Str("hunter2"), None);
    /// assert_eq!(item, AttributeOutcome::Replace("[REDACTED:password]".into()));
    /// ```
    pub fn redact_item<'a>(
        &mut self,
        path: &str,
        previous: Option<&str>,
        value: Scalar<'a>,
        report: Option<&mut Report>,
    ) -> AttributeOutcome<'a> {
        let mut sink = ReportSink(report);
        let d = self.engine.decide(path.as_bytes(), &mut self.scratch, true);
        let text = match value {
            Scalar::Str(s) => Some(s),
            _ => None,
        };
        let d = self
            .engine
            .after_option(previous, d, text, &mut self.scratch);
        self.engine
            .apply_decision(d, path.as_bytes(), value, &mut self.scratch, &mut sink)
    }

    /// Reads the SQL statements of this map in the dialect of `db_system`, the map's
    /// `db.system.name` value (or else its `db.system`): a binding walking its own map calls
    /// it before redacting the map's attributes, as the core's walks do. Without it,
    /// statements are read in no dialect ([`crate::SqlDialect::Generic`]).
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// scope.set_db_system("mysql");
    /// assert_eq!(scope.redact("db.query.text", Scalar::Str("SELECT * FROM t WHERE a = \"x\""), None),
    ///            AttributeOutcome::Replace("SELECT * FROM t WHERE a = ?".into()));
    /// ```
    pub fn set_db_system(&mut self, db_system: &str) {
        self.scratch.sql_dialect = SqlDialect::of_db_system(db_system);
    }

    /// Tells the scope one string attribute of its map, before the map's values are
    /// redacted: it reads what the map says about all of them, as the core's walks do. That
    /// is the SQL dialect of `db.system.name` (else `db.system`), and the key the map's tokens
    /// are made with, from the first of the policy's `tokenize.key_id_from` keys it holds.
    /// A binding walking its own map passes every string pair here first.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// scope.note("db.system.name", "postgresql");
    /// scope.note("db.system", "mysql");
    /// assert_eq!(scope.redact("db.query.text", Scalar::Str("SELECT \"name\" FROM t"), None),
    ///            AttributeOutcome::Keep);
    /// ```
    pub fn note(&mut self, key: &str, value: &str) {
        if !self.reads(key) {
            return;
        }
        match key {
            "db.system.name" => {
                self.set_db_system(value);
                self.dialect_named = true;
            }
            "db.system" if !self.dialect_named => self.set_db_system(value),
            _ => {}
        }
        let names = self.engine.token_key_names();
        if let Some(rank) = names.iter().position(|n| &**n == key) {
            if rank < self.token_key_rank {
                self.token_key_rank = rank;
                self.set_token_key(value);
            }
        }
    }

    /// Tells the scope its map has an attribute `key` whose value is not a string: as in the
    /// core's walks, a `db.system.name` that is not a string names no dialect and hides
    /// `db.system`.
    pub fn note_non_string(&mut self, key: &str) {
        if key == "db.system.name" && !self.dialect_named {
            self.scratch.sql_dialect = SqlDialect::Generic;
            self.dialect_named = true;
        }
    }

    /// The keys [`AttributeScope::note`] reads, for a binding whose map can be asked for a key
    /// faster than walked: `db.system.name`, `db.system`, then the policy's
    /// `tokenize.key_id_from`.
    pub fn read_keys(&self) -> impl Iterator<Item = &str> {
        ["db.system.name", "db.system"]
            .into_iter()
            .chain(self.engine.token_key_names().iter().map(|n| &**n))
    }

    /// Whether [`AttributeScope::note`] reads an attribute with this key: a binding may skip
    /// the others without converting their values.
    pub fn reads(&self, key: &str) -> bool {
        matches!(key, "db.system.name" | "db.system")
            || self.engine.token_key_names().iter().any(|n| &**n == key)
    }

    /// Makes `id` the key this map's tokens are made with (instead of the key ring's active
    /// key): what a `tokenize.key_id_from` attribute does. A key the ring does not hold makes
    /// each token fail closed to its mask label.
    pub fn set_token_key(&mut self, id: &str) {
        self.scratch.actions.token_key = Some(id.into());
    }

    /// Whether a value redacted in this scope held a secret that the map's other values may
    /// repeat (a `db.password` attribute, a `password=…` in a message). When it did, pass
    /// every string value of the map, as it came out, through [`AttributeScope::mask_repeats`]:
    /// a value redacted before the secret was known may hold it too.
    pub fn has_repeats(&self) -> bool {
        !self.scratch.record.is_empty()
    }

    /// A string value of this map at `path`, as redacted (the replacement, or the value when it
    /// was kept), with every standalone occurrence of a secret known in this scope replaced as
    /// the rule that found it replaces it; `None` when it holds none (or a `keep` rule governs
    /// `path`).
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// let message = "login as app with Tr0ub4dor&3 refused";
    /// assert_eq!(scope.redact("error.message", Scalar::Str(message), None), AttributeOutcome::Keep);
    /// scope.redact("db.password", Scalar::Str("Tr0ub4dor&3"), None);
    /// assert!(scope.has_repeats());
    /// assert_eq!(scope.mask_repeats("error.message", message, None).as_deref(),
    ///            Some("login as app with [REDACTED:password] refused"));
    /// ```
    pub fn mask_repeats(
        &mut self,
        path: &str,
        value: &str,
        report: Option<&mut Report>,
    ) -> Option<String> {
        if !self.has_repeats() {
            return None;
        }
        let d = self.engine.decide(path.as_bytes(), &mut self.scratch, true);
        if matches!(d, FieldDecision::Keep | FieldDecision::Remove) {
            return None;
        }
        self.engine.redact_record_repeats(
            d,
            path.as_bytes(),
            value,
            &mut self.scratch,
            &mut ReportSink(report),
        )
    }
}

impl Drop for AttributeScope<'_> {
    fn drop(&mut self) {
        self.scratch.record.end();
    }
}

/// What happens to one attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeOutcome<'a> {
    /// Keep the value as it is.
    Keep,
    /// Delete the attribute.
    Remove,
    /// Replace the value by this string.
    Replace(Cow<'a, str>),
}

/// An attribute value as the host language has it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// null / None / nil.
    Null,
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'a str),
}

/// Formats integers without allocating.
pub(crate) struct NumBuf {
    buf: [u8; 24],
}

impl NumBuf {
    pub(crate) fn new() -> NumBuf {
        NumBuf { buf: [0; 24] }
    }

    pub(crate) fn uint(&mut self, mut n: u64) -> &[u8] {
        let mut i = self.buf.len();
        loop {
            i -= 1;
            self.buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        &self.buf[i..]
    }

    pub(crate) fn int(&mut self, n: i64) -> &[u8] {
        let len = self.uint(n.unsigned_abs()).len();
        let start = self.buf.len() - len;
        if n < 0 {
            self.buf[start - 1] = b'-';
            &self.buf[start - 1..]
        } else {
            &self.buf[start..]
        }
    }
}

impl Engine {
    /// Redacts one attribute value found at `path`: field rules first, then (for strings and
    /// long integers) the content rules. This is the call bindings make for every scalar of a
    /// native map they walk.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// assert_eq!(engine.redact_attribute("db.password", Scalar::Str("hunter2"), None),
    ///            AttributeOutcome::Replace("[REDACTED:password]".into()));
    /// assert_eq!(engine.redact_attribute("http.status_code", Scalar::Int(200), None), AttributeOutcome::Keep);
    /// assert_eq!(engine.redact_attribute("payment.ref", Scalar::Int(4111111111111111), None),
    ///            AttributeOutcome::Replace("[REDACTED:credit_card]".into()));
    /// ```
    pub fn redact_attribute<'a>(
        &self,
        path: &str,
        value: Scalar<'a>,
        report: Option<&mut Report>,
    ) -> AttributeOutcome<'a> {
        self.attribute_scope().redact(path, value, report)
    }

    /// A scope for redacting the attributes of one map: it holds the scratch space that
    /// [`Engine::redact_attribute`] takes and returns on every call, so a binding walking a
    /// span's attributes takes it once.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{AttributeOutcome, Engine, Scalar};
    /// let engine = Engine::default();
    /// let mut scope = engine.attribute_scope();
    /// assert_eq!(scope.redact("http.status_code", Scalar::Int(200), None), AttributeOutcome::Keep);
    /// assert_eq!(scope.redact("user.email", Scalar::Str("a@example.com"), None),
    ///            AttributeOutcome::Replace("[REDACTED:email]".into()));
    /// ```
    pub fn attribute_scope(&self) -> AttributeScope<'_> {
        let mut scratch = self.scratch();
        scratch.record.begin();
        AttributeScope {
            engine: self,
            scratch,
            dialect_named: false,
            token_key_rank: usize::MAX,
        }
    }

    pub(crate) fn apply_decision<'a>(
        &self,
        d: FieldDecision,
        path: &[u8],
        value: Scalar<'a>,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> AttributeOutcome<'a> {
        let inner = &*self.compiled;
        if let FieldDecision::Field(i) = d {
            if let Replacement::Sanitize(kind) = inner.fields[i as usize].replacement {
                return match value {
                    Scalar::Str(s) => self.sanitize_value(kind, i, path, s, sc, sink),
                    other => self.apply_decision(FieldDecision::Scan, path, other, sc, sink),
                };
            }
        }
        match d {
            FieldDecision::Keep => AttributeOutcome::Keep,
            FieldDecision::Remove => {
                sink.deny();
                AttributeOutcome::Remove
            }
            FieldDecision::Field(i) => {
                let f = &inner.fields[i as usize];
                let mut numbuf = NumBuf::new();
                let float_text;
                let text: &[u8] = match value {
                    Scalar::Null => return AttributeOutcome::Keep,
                    Scalar::Bool(b) => {
                        if b {
                            b"true"
                        } else {
                            b"false"
                        }
                    }
                    Scalar::Int(n) => numbuf.int(n),
                    Scalar::UInt(n) => numbuf.uint(n),
                    Scalar::Float(x) => {
                        float_text = x.to_string();
                        float_text.as_bytes()
                    }
                    Scalar::Str(s) => {
                        sc.record.add_field_value(s.as_bytes(), i);
                        s.as_bytes()
                    }
                };
                let (out, applied) = f.replace(text, &mut inner.writer(&mut sc.actions));
                sink.applied(inner.content.len() + i as usize, applied);
                AttributeOutcome::Replace(Cow::Owned(into_string(out)))
            }
            FieldDecision::Scan => match value {
                Scalar::Str(s) if scan::version_value(path, s.as_bytes()) => AttributeOutcome::Keep,
                Scalar::Str(s) => {
                    let miss = match sc.clean.lookup(Tag::SCAN, s.as_bytes()) {
                        Ok(()) => return AttributeOutcome::Keep,
                        Err(miss) => miss,
                    };
                    let out = self.redact_bytes_with(s.as_bytes(), sc, sink);
                    if let (Redacted::Unchanged, Some(miss)) = (&out, miss) {
                        sc.clean.record(miss, Tag::SCAN, s.as_bytes());
                    }
                    out.into_outcome()
                }
                // Long integers are scanned as their digits: a card number stored as a number.
                Scalar::Int(n) if n.unsigned_abs() >= 1_000_000_000_000 => self
                    .redact_bytes_with(NumBuf::new().int(n), sc, sink)
                    .into_outcome(),
                Scalar::UInt(n) if n >= 1_000_000_000_000 => self
                    .redact_bytes_with(NumBuf::new().uint(n), sc, sink)
                    .into_outcome(),
                _ => AttributeOutcome::Keep,
            },
        }
    }
}

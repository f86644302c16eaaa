//! The engine: a compiled policy, immutable and shared across threads.

pub(crate) mod memo;

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use regex_automata::util::pool::{Pool, PoolGuard};

use crate::compile::actions::{render, Replacement};
use crate::compile::keys::KeyScratch;
use crate::compile::{compile, CompiledPolicy};
use crate::policy::error::PolicyError;
use crate::policy::{Limits, Policy, SanitizeKind};
use crate::redact::memo::{CleanMemo, Tag};
use crate::report::ActionKind;
use crate::report::{FailReason, Finding, Report};
use crate::rules::vocabulary::{is_placeholder, key_describes_secret};
use crate::sanitize;
use crate::scan::{self, Abort};
use crate::text::fxhash::FxHasher;

/// Per-thread scratch: automaton caches and buffers, so that searching allocates nothing.
pub(crate) struct Scratch {
    pub m: scan::Scratch,
    pub keys: KeyScratch,
    pub allow_keys: Option<KeyScratch>,
    pub path: String,
    pub decisions: DecisionCache,
    /// Buffers of the fixpoint rescan.
    pub rendered: Vec<u8>,
    pub regions: Vec<Region>,
    pub saved: Vec<scan::Span>,
    /// The output of a sanitizer, before the content rules.
    pub sanitized: String,
    /// Attribute values that came out unchanged lately (see `memo.rs`).
    pub clean: CleanMemo,
    /// Values the structure walk has visited in the current call (see `limits.max_nodes`).
    pub nodes: usize,
}

/// Key path → (field rule, allowed by `allow.keys`). Attribute keys repeat across spans, so
/// each thread remembers its decisions; bounded, so hostile keys cannot grow it without limit.
pub(crate) struct DecisionCache {
    map: HashMap<Box<[u8]>, Decided, BuildHasherDefault<FxHasher>>,
}

/// The field rule governing a key path, and whether `allow.keys` lets it through.
type Decided = (Option<u32>, bool);

impl DecisionCache {
    const MAX_ENTRIES: usize = 4096;
    const MAX_KEY: usize = 256;

    fn new() -> DecisionCache {
        DecisionCache {
            map: HashMap::default(),
        }
    }

    #[inline]
    fn get(&self, path: &[u8]) -> Option<&(Option<u32>, bool)> {
        self.map.get(path)
    }

    fn insert(&mut self, path: &[u8], v: (Option<u32>, bool)) {
        if self.map.len() < Self::MAX_ENTRIES && path.len() <= Self::MAX_KEY {
            self.map.insert(path.into(), v);
        }
    }
}

/// The attributes of one map, redacted with one scratch space: see
/// [`Engine::attribute_scope`]. Each call does exactly what [`Engine::redact_attribute`] does.
pub struct AttributeScope<'e> {
    engine: &'e Engine,
    scratch: PoolGuard<'e, Scratch, ScratchFn>,
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
        let mut tally = Tally(report);
        let d = self.engine.decide(path.as_bytes(), &mut self.scratch, true);
        let text = match value {
            Scalar::Str(s) => Some(s),
            _ => None,
        };
        let d = self
            .engine
            .after_option(previous, d, text, &mut self.scratch);
        self.engine
            .apply_decision(d, path.as_bytes(), value, &mut self.scratch, &mut tally)
    }
}

type ScratchFn = Box<dyn Fn() -> Scratch + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// A compiled policy. Build it once, share it (it is `Send + Sync`), call it from any thread.
///
/// # Example
/// ```
/// use scrubjay::Engine;
/// let engine = Engine::default();
/// assert_eq!(
///     engine.redact_str("Failed to charge 4111 1111 1111 1111 for john.doe@company.com"),
///     "Failed to charge [REDACTED:credit_card] for [REDACTED:email]"
/// );
/// // Nothing to redact: the input comes back borrowed, nothing is allocated.
/// assert!(matches!(engine.redact_str("GET /health 200"), std::borrow::Cow::Borrowed(_)));
/// ```
pub struct Engine {
    pub(crate) compiled: Arc<CompiledPolicy>,
    pool: Pool<Scratch, ScratchFn>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("content_rules", &self.compiled.content.len())
            .field("field_rules", &self.compiled.fields.len())
            .finish()
    }
}

impl Default for Engine {
    /// The engine for the shipped default policy: every builtin rule, the usual secret keys.
    fn default() -> Engine {
        Engine::new(&Policy::default()).expect("the embedded default policy compiles")
    }
}

impl Clone for Engine {
    /// A cheap clone sharing the compiled automata (scratch space is per clone).
    fn clone(&self) -> Engine {
        Engine::from_compiled(self.compiled.clone())
    }
}

/// A compiled rule, as [`Engine::rules`] describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo<'e> {
    /// The rule id (content rules) or name (field rules).
    pub id: &'e str,
    /// `builtin`, `custom` or `field`.
    pub kind: &'static str,
    /// `mask`, `remove`, `hash`, `replace`, `partial`, `keep` or `scan`.
    pub action: &'static str,
    /// The label a `mask` writes.
    pub label: &'e str,
    /// Validator names, in the order they run.
    pub validators: Vec<&'static str>,
    /// Key patterns (field rules).
    pub keys: &'e [String],
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

/// The field rule (if any) that governs a key path, as decided by
/// [`Engine::field_decision`]. Bindings use it to skip or remove whole subtrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldDecision {
    /// No field rule: string values go through the content rules.
    Scan,
    /// A `keep` rule: leave the subtree alone.
    Keep,
    /// Remove the attribute (a `remove` rule, or `allow.keys` does not list it).
    Remove,
    /// Another field action applies to every scalar below.
    Field(u32),
}

pub(crate) enum Redacted {
    Unchanged,
    Changed(Vec<u8>),
}

impl Redacted {
    /// What a scanned attribute value becomes.
    pub(crate) fn into_outcome<'a>(self) -> AttributeOutcome<'a> {
        match self {
            Redacted::Unchanged => AttributeOutcome::Keep,
            Redacted::Changed(v) => AttributeOutcome::Replace(Cow::Owned(into_string(v))),
        }
    }
}

impl Engine {
    /// Compiles a policy.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{Engine, Policy};
    /// let policy = Policy::from_json(r#"{"version": 1, "builtins": "none",
    ///   "content": [{"id": "ticket", "pattern": "TICKET-[0-9]{6}", "action": {"replace": "TICKET-?"}}]}"#).unwrap();
    /// let engine = Engine::new(&policy).unwrap();
    /// assert_eq!(engine.redact_str("see TICKET-123456"), "see TICKET-?");
    /// ```
    pub fn new(policy: &Policy) -> Result<Engine, PolicyError> {
        let inner = compile(policy)?;
        Ok(Engine::from_compiled(Arc::new(inner)))
    }

    /// Parses (JSON or YAML) and compiles a policy.
    pub fn from_policy_text(text: &str) -> Result<Engine, PolicyError> {
        Engine::new(&Policy::parse(text)?)
    }

    fn from_compiled(compiled: Arc<CompiledPolicy>) -> Engine {
        let i2 = compiled.clone();
        let make: ScratchFn = Box::new(move || Scratch {
            m: i2.matcher.scratch(),
            keys: i2.keys.scratch(),
            allow_keys: i2.allow_keys.as_ref().map(|k| k.scratch()),
            path: String::with_capacity(256),
            decisions: DecisionCache::new(),
            rendered: Vec::new(),
            regions: Vec::new(),
            saved: Vec::new(),
            sanitized: String::new(),
            clean: CleanMemo::new(),
            nodes: 0,
        });
        Engine {
            compiled,
            pool: Pool::new(make),
        }
    }

    pub(crate) fn scratch(&self) -> PoolGuard<'_, Scratch, ScratchFn> {
        self.pool.get()
    }

    /// Warnings found while compiling (for example an unset hash-key variable).
    pub fn warnings(&self) -> &[String] {
        &self.compiled.warnings
    }

    /// The policy this engine was built from.
    pub fn policy(&self) -> &Policy {
        &self.compiled.policy
    }

    /// A report sized for this engine's rules.
    pub fn new_report(&self) -> Report {
        Report::new(self.compiled.names.clone())
    }

    /// The ids of the content rules, in priority order.
    pub fn content_rule_ids(&self) -> impl Iterator<Item = &str> {
        self.compiled.content.iter().map(|r| &*r.id)
    }

    /// Rule name by report index (content rules first, then field rules).
    pub fn rule_name(&self, index: usize) -> Option<&str> {
        self.compiled.names.get(index).map(|s| &**s)
    }

    /// Redacts a string with the content rules. Returns the input borrowed when nothing
    /// matched (no allocation), or a new string allocated once.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// assert_eq!(engine.redact_str("token=ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
    ///            "token=[REDACTED:github_token]");
    /// ```
    pub fn redact_str<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.redact_str_inner(text, None)
    }

    /// [`Engine::redact_str`], counting into `report`.
    pub fn redact_str_with_report<'a>(&self, text: &'a str, report: &mut Report) -> Cow<'a, str> {
        self.redact_str_inner(text, Some(report))
    }

    fn redact_str_inner<'a>(&self, text: &'a str, report: Option<&mut Report>) -> Cow<'a, str> {
        let mut sc = self.scratch();
        let mut tally = Tally(report);
        match self.redact_bytes_with(text.as_bytes(), &mut sc, &mut tally) {
            Redacted::Unchanged => Cow::Borrowed(text),
            Redacted::Changed(v) => Cow::Owned(into_string(v)),
        }
    }

    /// Redacts bytes that may not be UTF-8. Rules run over the raw bytes (every builtin rule
    /// is ASCII), so invalid sequences neither hide secrets nor pass through unscanned.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let out = engine.redact_bytes(b"\xff\xfe user=a@example.com");
    /// assert_eq!(&*out, b"\xff\xfe user=[REDACTED:email]");
    /// ```
    pub fn redact_bytes<'a>(&self, data: &'a [u8]) -> Cow<'a, [u8]> {
        self.redact_bytes_with_report_opt(data, None)
    }

    /// [`Engine::redact_bytes`], counting into `report`.
    pub fn redact_bytes_with_report<'a>(
        &self,
        data: &'a [u8],
        report: &mut Report,
    ) -> Cow<'a, [u8]> {
        self.redact_bytes_with_report_opt(data, Some(report))
    }

    fn redact_bytes_with_report_opt<'a>(
        &self,
        data: &'a [u8],
        report: Option<&mut Report>,
    ) -> Cow<'a, [u8]> {
        let mut sc = self.scratch();
        match self.redact_bytes_with(data, &mut sc, &mut Tally(report)) {
            Redacted::Unchanged => Cow::Borrowed(data),
            Redacted::Changed(v) => Cow::Owned(v),
        }
    }

    /// The findings of the content rules in `text`: rule and byte range, never the value.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let f = engine.scan_str("ip 203.0.113.42");
    /// assert_eq!((f[0].rule.as_str(), f[0].start, f[0].end), ("ipv4", 3, 15));
    /// ```
    pub fn scan_str(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut sc = self.scratch();
        self.scan_into(text.as_bytes(), None, &mut sc, &mut out);
        out
    }

    pub(crate) fn scan_into(
        &self,
        hay: &[u8],
        path: Option<&str>,
        sc: &mut Scratch,
        out: &mut Vec<Finding>,
    ) {
        let inner = &*self.compiled;
        if hay.len() > inner.limits.max_value_bytes {
            out.push(Finding {
                rule: FailReason::TooLarge.name().into(),
                path: path.map(Into::into),
                start: 0,
                end: hay.len(),
            });
            return;
        }
        if !inner.allow_values.is_empty() && inner.allow_values.contains(hay) {
            return;
        }
        match self.find_all(hay, sc) {
            Ok(()) => out.extend(sc.m.spans.iter().map(|s| Finding {
                rule: inner.content[s.rule as usize].id.to_string(),
                path: path.map(Into::into),
                start: s.start,
                end: s.end,
            })),
            Err(abort) => out.push(Finding {
                rule: fail_reason(abort).name().into(),
                path: path.map(Into::into),
                start: 0,
                end: hay.len(),
            }),
        }
    }

    /// The core: content rules over bytes.
    pub(crate) fn redact_bytes_with(
        &self,
        hay: &[u8],
        sc: &mut Scratch,
        tally: &mut Tally<'_>,
    ) -> Redacted {
        let inner = &*self.compiled;
        if hay.len() > inner.limits.max_value_bytes {
            return Redacted::Changed(self.fail_marker(FailReason::TooLarge, tally));
        }
        if !inner.allow_values.is_empty() && inner.allow_values.contains(hay) {
            return Redacted::Unchanged;
        }
        if let Err(abort) = self.find_all(hay, sc) {
            return Redacted::Changed(self.fail_marker(fail_reason(abort), tally));
        }
        let spans = &sc.m.spans;
        if spans.is_empty() {
            return Redacted::Unchanged;
        }
        Redacted::Changed(self.render_counted(hay, spans, tally))
    }

    /// `hay` with `spans` replaced, each counted.
    fn render_counted(&self, hay: &[u8], spans: &[scan::Span], tally: &mut Tally<'_>) -> Vec<u8> {
        let inner = &*self.compiled;
        let mut out = Vec::with_capacity(self.rendered_len(hay, spans));
        self.render(hay, spans, &mut out, None);
        for s in spans {
            let r = &inner.content[s.rule as usize];
            tally.add(s.rule as usize, r.replacement.kind(&inner.hasher));
            if matches!(r.replacement, Replacement::Hash { .. }) && !inner.hasher.available() {
                tally.fail(FailReason::HashKeyUnavailable);
            }
        }
        out
    }

    /// Every span to replace in `hay`, into `sc.m.spans`, until redacting is a fixpoint.
    ///
    /// A match can fail a boundary only because a neighbouring secret is still in place
    /// (`john.doe@company.com-----BEGIN PRIVATE KEY-----`): the e-mail's right boundary sees
    /// `-`. When a span touches such a neighbour, the rendered text is scanned again, new
    /// spans are mapped back to `hay` and merged, at most [`FIXPOINT_ROUNDS`] times; a text
    /// that still changes after that is failed closed.
    #[inline]
    pub(crate) fn find_all(&self, hay: &[u8], sc: &mut Scratch) -> Result<(), Abort> {
        let inner = &*self.compiled;
        inner
            .matcher
            .find(hay, &mut sc.m, &|s: &[u8]| inner.keeps(s))?;
        if sc.m.spans.is_empty() {
            return Ok(());
        }
        self.settle(hay, sc)
    }

    /// The spans [`Engine::find_all`] found, without label interiors, rescanned where they
    /// touch a neighbour (most values have no span and never get here).
    #[inline(never)]
    fn settle(&self, hay: &[u8], sc: &mut Scratch) -> Result<(), Abort> {
        let inner = &*self.compiled;
        let allow = |s: &[u8]| inner.keeps(s);
        inner.drop_label_interiors(hay, &mut sc.m.spans);
        for _ in 0..FIXPOINT_ROUNDS {
            // Some readings look a bounded distance away (a key's look-back, a tag's or a
            // quoted value's end): in a value longer than the shortest such distance, a
            // replacement that shortens the text can bring something into reach.
            if hay.len() <= WINDOW_FREE_LEN
                && !sc
                    .m
                    .spans
                    .iter()
                    .any(|s| touches_neighbour(hay, s.start, s.end) || hides_structure(hay, s))
            {
                return Ok(());
            }
            let mut rendered = std::mem::take(&mut sc.rendered);
            let mut regions = std::mem::take(&mut sc.regions);
            rendered.clear();
            self.render(hay, &sc.m.spans, &mut rendered, Some(&mut regions));
            let mut spans = std::mem::take(&mut sc.saved);
            spans.clear();
            spans.extend_from_slice(&sc.m.spans);
            let found = inner.matcher.find(&rendered, &mut sc.m, &allow);
            inner.drop_label_interiors(&rendered, &mut sc.m.spans);
            let before = spans.len();
            if found.is_ok() {
                for s in &sc.m.spans {
                    let (start, end) = map_back(&regions, s.start, s.end);
                    spans.push(scan::Span {
                        start,
                        end,
                        rule: s.rule,
                    });
                }
            }
            let original = (spans.len() > before).then(|| spans[..before].to_vec());
            scan::resolve(&mut spans);
            // New matches that only re-cover what is already replaced change nothing.
            let grew = original.is_some_and(|o| o != spans);
            sc.m.spans.clear();
            sc.m.spans.extend_from_slice(&spans);
            sc.saved = spans;
            sc.rendered = rendered;
            sc.regions = regions;
            found?;
            if !grew {
                return Ok(());
            }
        }
        Err(Abort::Budget)
    }

    /// Exact length of `hay` with `spans` replaced.
    fn rendered_len(&self, hay: &[u8], spans: &[scan::Span]) -> usize {
        let inner = &*self.compiled;
        spans.iter().fold(hay.len(), |len, s| {
            let r = &inner.content[s.rule as usize];
            len - (s.end - s.start)
                + r.replacement
                    .output_len(&hay[s.start..s.end], &inner.hasher, &r.mask_label)
        })
    }

    /// Writes `hay` with `spans` replaced into `out`; with `regions`, records where each
    /// replacement landed (`(out_start, out_end, hay_start, hay_end)`).
    fn render(
        &self,
        hay: &[u8],
        spans: &[scan::Span],
        out: &mut Vec<u8>,
        mut regions: Option<&mut Vec<Region>>,
    ) {
        let inner = &*self.compiled;
        if let Some(r) = regions.as_deref_mut() {
            r.clear();
        }
        let mut at = 0;
        for s in spans {
            let r = &inner.content[s.rule as usize];
            out.extend_from_slice(&hay[at..s.start]);
            let out_start = out.len();
            r.replacement
                .write(&hay[s.start..s.end], &inner.hasher, &r.mask_label, out);
            if let Some(regions) = regions.as_deref_mut() {
                regions.push(Region {
                    out_start,
                    out_end: out.len(),
                    hay_start: s.start,
                    hay_end: s.end,
                });
            }
            at = s.end;
        }
        out.extend_from_slice(&hay[at..]);
    }

    pub(crate) fn fail_marker(&self, reason: FailReason, tally: &mut Tally<'_>) -> Vec<u8> {
        tally.fail(reason);
        render(&self.compiled.label, reason.name()).into_bytes()
    }

    /// Decides which field rule governs a key path (dotted; segments of nested maps are joined
    /// with `.`). See the `keys` module docs for the matching rules.
    ///
    /// # Example
    /// ```
    /// use scrubjay::{Engine, FieldDecision};
    /// let engine = Engine::default();
    /// assert!(matches!(engine.field_decision("http.request.header.authorization"), FieldDecision::Field(_)));
    /// assert_eq!(engine.field_decision("http.method"), FieldDecision::Scan);
    /// ```
    pub fn field_decision(&self, path: &str) -> FieldDecision {
        let mut sc = self.scratch();
        self.decide(path.as_bytes(), &mut sc, true)
    }

    /// `leaf`: whether the value at `path` is a scalar (default-deny removes scalars, and
    /// descends into containers, whose children may be allowed).
    pub(crate) fn decide(&self, path: &[u8], sc: &mut Scratch, leaf: bool) -> FieldDecision {
        let inner = &*self.compiled;
        let (rule, allowed) = match sc.decisions.get(path) {
            Some(&hit) => hit,
            None => {
                let rule = if inner.keys.is_empty() {
                    None
                } else {
                    let described = std::cell::OnceCell::new();
                    inner.keys.find(path, &mut sc.keys, |r| {
                        !(inner.fields[r as usize].unless_described
                            && *described.get_or_init(|| key_describes_secret(path)))
                    })
                };
                let allowed = match (&inner.allow_keys, sc.allow_keys.as_mut()) {
                    (Some(allow), Some(ks)) => allow.find(path, ks, |_| true).is_some(),
                    _ => true,
                };
                sc.decisions.insert(path, (rule, allowed));
                (rule, allowed)
            }
        };
        if leaf && !allowed {
            return FieldDecision::Remove;
        }
        match rule {
            None => FieldDecision::Scan,
            Some(i) => match inner.fields[i as usize].replacement {
                Replacement::Scan => FieldDecision::Scan,
                Replacement::Keep => FieldDecision::Keep,
                Replacement::Remove => FieldDecision::Remove,
                _ => FieldDecision::Field(i),
            },
        }
    }

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
        AttributeScope {
            engine: self,
            scratch: self.scratch(),
        }
    }

    pub(crate) fn apply_decision<'a>(
        &self,
        d: FieldDecision,
        path: &[u8],
        value: Scalar<'a>,
        sc: &mut Scratch,
        tally: &mut Tally<'_>,
    ) -> AttributeOutcome<'a> {
        let inner = &*self.compiled;
        if let FieldDecision::Field(i) = d {
            if let Replacement::Sanitize(kind) = inner.fields[i as usize].replacement {
                return match value {
                    Scalar::Str(s) => self.sanitize_value(kind, i, path, s, sc, tally),
                    other => self.apply_decision(FieldDecision::Scan, path, other, sc, tally),
                };
            }
        }
        match d {
            FieldDecision::Keep => AttributeOutcome::Keep,
            FieldDecision::Remove => {
                tally.deny();
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
                    Scalar::Str(s) => s.as_bytes(),
                };
                let out = f.replace(text, &inner.hasher);
                tally.add(
                    inner.content.len() + i as usize,
                    f.replacement.kind(&inner.hasher),
                );
                if matches!(f.replacement, Replacement::Hash { .. }) && !inner.hasher.available() {
                    tally.fail(FailReason::HashKeyUnavailable);
                }
                AttributeOutcome::Replace(Cow::Owned(into_string(out)))
            }
            FieldDecision::Scan => match value {
                Scalar::Str(s) if scan::version_value(path, s.as_bytes()) => AttributeOutcome::Keep,
                Scalar::Str(s) => {
                    let miss = match sc.clean.lookup(Tag::SCAN, s.as_bytes()) {
                        Ok(()) => return AttributeOutcome::Keep,
                        Err(miss) => miss,
                    };
                    let out = self.redact_bytes_with(s.as_bytes(), sc, tally);
                    if let (Redacted::Unchanged, Some(miss)) = (&out, miss) {
                        sc.clean.record(miss, Tag::SCAN, s.as_bytes());
                    }
                    out.into_outcome()
                }
                // Long integers are scanned as their digits: a card number stored as a number.
                Scalar::Int(n) if n.unsigned_abs() >= 1_000_000_000_000 => self
                    .redact_bytes_with(NumBuf::new().int(n), sc, tally)
                    .into_outcome(),
                Scalar::UInt(n) if n >= 1_000_000_000_000 => self
                    .redact_bytes_with(NumBuf::new().uint(n), sc, tally)
                    .into_outcome(),
                _ => AttributeOutcome::Keep,
            },
        }
    }

    /// A `sanitize` field rule: the sanitizer, then the content rules over what it left. A
    /// value the sanitizer cannot read (a malformed URL) is scanned as it is.
    #[allow(clippy::too_many_arguments)]
    fn sanitize_value<'a>(
        &self,
        kind: SanitizeKind,
        rule: u32,
        path: &[u8],
        s: &'a str,
        sc: &mut Scratch,
        tally: &mut Tally<'_>,
    ) -> AttributeOutcome<'a> {
        let inner = &*self.compiled;
        if s.len() > inner.limits.max_value_bytes {
            return AttributeOutcome::Replace(Cow::Owned(into_string(
                self.fail_marker(FailReason::TooLarge, tally),
            )));
        }
        if kind == SanitizeKind::Address && crate::rules::validators::is_ip_address(s.as_bytes()) {
            return AttributeOutcome::Keep;
        }
        // A header's sanitizer reads the header's name in the path: only the others answer
        // from the memo of clean values, which knows the text alone.
        let tag = Tag(1 + kind as u8);
        let miss = match kind {
            SanitizeKind::Header => None,
            _ => match sc.clean.lookup(tag, s.as_bytes()) {
                Ok(()) => return AttributeOutcome::Keep,
                Err(miss) => miss,
            },
        };
        // The sanitizer writes into a buffer kept with the scratch space: a value it leaves as
        // it is (most URLs and statements) costs no allocation.
        let mut buf = std::mem::take(&mut sc.sanitized);
        buf.clear();
        let mut readable = self.rewrite(kind, path, s, &mut buf, sc);
        if kind == SanitizeKind::Sql && readable && buf != s {
            readable = self.normalize_premasked(path, s, &mut buf, sc, tally);
        }
        let changed = readable && buf != s;
        if changed {
            tally.add(
                inner.content.len() + rule as usize,
                Some(ActionKind::Sanitize),
            );
        }
        // Unreadable (a malformed URL) or unchanged: the content rules run over the value.
        let text = if changed { buf.as_str() } else { s };
        let mut out = match self.redact_bytes_with(text.as_bytes(), sc, tally) {
            Redacted::Changed(v) => into_string(v),
            Redacted::Unchanged => {
                // Only the sanitizer changed it (and it reads its own output the same way), or
                // nothing did. The buffer goes back to the scratch space either way.
                let result = if changed {
                    AttributeOutcome::Replace(Cow::Owned(buf.clone()))
                } else {
                    if let Some(miss) = miss {
                        sc.clean.record(miss, tag, s.as_bytes());
                    }
                    AttributeOutcome::Keep
                };
                sc.sanitized = buf;
                return result;
            }
        };
        sc.sanitized = buf;
        // A mask can change the structure the sanitizer saw (a match across `?` in a URL, or a
        // malformed URL that reads once masked): normalise again until nothing moves, so that
        // redacting twice changes nothing.
        for _ in 0..FIXPOINT_ROUNDS {
            let mut again = String::with_capacity(out.len());
            if !self.rewrite(kind, path, &out, &mut again, sc) {
                break;
            }
            // The sanitizer left it as it is: the content rules already ran over exactly this
            // text, and redacting twice changes nothing.
            if again == out {
                break;
            }
            let again = match self.redact_bytes_with(again.as_bytes(), sc, &mut Tally(None)) {
                Redacted::Changed(v) => into_string(v),
                Redacted::Unchanged => again,
            };
            if again == out {
                break;
            }
            out = again;
        }
        AttributeOutcome::Replace(Cow::Owned(out))
    }

    /// The SQL normaliser turns numbers into `?`, which can cut a token written bare in a
    /// statement apart (`xoxb-2048-4096-…` reads as a subtraction of numbers) so that the
    /// content rules no longer know what is left of it: what they find in the statement as
    /// written is masked before it is normalised again into `out` (which holds the first
    /// normalisation). Only matches with a letter: a number alone (a card, an address) is
    /// all digits that the normaliser replaces, and a match inside a string literal goes
    /// with the literal either way.
    fn normalize_premasked(
        &self,
        path: &[u8],
        s: &str,
        out: &mut String,
        sc: &mut Scratch,
        tally: &mut Tally<'_>,
    ) -> bool {
        let hay = s.as_bytes();
        if let Err(abort) = self.find_all(hay, sc) {
            // Unreadable by the content rules: the whole statement fails closed.
            out.clear();
            out.push_str(&into_string(self.fail_marker(fail_reason(abort), tally)));
            return true;
        }
        sc.m.spans
            .retain(|m| hay[m.start..m.end].iter().any(u8::is_ascii_alphabetic));
        if sc.m.spans.is_empty() {
            return true;
        }
        let spans = std::mem::take(&mut sc.m.spans);
        let masked = into_string(self.render_counted(hay, &spans, tally));
        sc.m.spans = spans;
        out.clear();
        self.rewrite(SanitizeKind::Sql, path, &masked, out, sc)
    }

    /// Writes the sanitizer of `kind` on `s` into `out` (empty on entry); false when it cannot
    /// read the value (scan it instead). See [`sanitize::rewrite`].
    fn rewrite(
        &self,
        kind: SanitizeKind,
        path: &[u8],
        s: &str,
        out: &mut String,
        sc: &mut Scratch,
    ) -> bool {
        let inner = &*self.compiled;
        let mut option_rule = |name: &str| match self.name_field_action(name, sc, false)? {
            FieldDecision::Field(i) => inner.fields[i as usize].replacement.replaces().then_some(i),
            _ => None,
        };
        let replace = |i: u32, value: &str, out: &mut String| {
            // A replacement already written (a second pass) stays as it is.
            if is_placeholder(value.as_bytes()) {
                out.push_str(value);
                return;
            }
            let field = &inner.fields[i as usize];
            out.push_str(&into_string(field.replace(value.as_bytes(), &inner.hasher)));
        };
        let mut cx = sanitize::Context {
            path,
            url: &inner.url,
            headers: &inner.policy.sanitizers.headers,
            option_rule: &mut option_rule,
            replace: &replace,
        };
        sanitize::rewrite(kind, s, &mut cx, out)
    }

    /// Sanitises a URL as the `url` sanitizer does for `url.full` (credentials, sensitive
    /// query values and fragments go, per `sanitizers.url`), then applies the content rules.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// assert_eq!(
    ///     engine.sanitize_url("https://admin:pw@shop.example.com/cart?token=abc&item=7#top"),
    ///     "https://REDACTED:REDACTED@shop.example.com/cart?token=REDACTED&item=7"
    /// );
    /// ```
    pub fn sanitize_url(&self, url: &str) -> String {
        self.sanitize_with(SanitizeKind::Url, b"url.full", url)
    }

    /// Sanitises an HTTP header value (`authorization` keeps its scheme, cookies keep their
    /// names and session cookies lose their values, secret headers are masked whole), then
    /// applies the content rules.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// assert_eq!(engine.sanitize_header("Authorization", "Bearer abc.def"), "Bearer [REDACTED]");
    /// assert_eq!(engine.sanitize_header("cookie", "sid=1; theme=dark"), "sid=[REDACTED]; theme=dark");
    /// ```
    pub fn sanitize_header(&self, name: &str, value: &str) -> String {
        self.sanitize_with(SanitizeKind::Header, name.as_bytes(), value)
    }

    /// Normalises a SQL statement ([`crate::normalize_sql`]), then applies the content rules
    /// to what is left (identifiers and comments-free text).
    pub fn normalize_sql(&self, sql: &str) -> String {
        self.sanitize_with(SanitizeKind::Sql, b"db.statement", sql)
    }

    /// Enforces the policy's baggage rules (`sanitizers.headers.baggage`) on a `baggage`
    /// header, then applies the content rules to what is kept.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let out = engine.sanitize_baggage("tenant.id=acme,auth.token=abc");
    /// assert_eq!(out.header, "tenant.id=acme");
    /// assert_eq!(out.violations[0].key.as_deref(), Some("auth.token"));
    /// ```
    pub fn sanitize_baggage(&self, header: &str) -> crate::SanitizedBaggage {
        let mut out = crate::sanitize::w3c::sanitize_baggage(
            header,
            &self.compiled.policy.sanitizers.headers.baggage,
        );
        let mut sc = self.scratch();
        if let Redacted::Changed(v) =
            self.redact_bytes_with(out.header.as_bytes(), &mut sc, &mut Tally(None))
        {
            out.header = into_string(v);
        }
        out
    }

    fn sanitize_with(&self, kind: SanitizeKind, path: &[u8], value: &str) -> String {
        let mut sc = self.scratch();
        match self.sanitize_value(kind, u32::MAX, path, value, &mut sc, &mut Tally(None)) {
            AttributeOutcome::Replace(v) => v.into_owned(),
            _ => value.to_string(),
        }
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.compiled.limits
    }

    /// The compiled rules, content rules first (in priority order), then field rules: what
    /// `scrubjay policy explain` prints.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// let card = engine.rules().into_iter().find(|r| r.id == "credit_card").unwrap();
    /// assert_eq!((card.kind, card.action, card.validators.as_slice()), ("builtin", "mask", &["card"][..]));
    /// ```
    pub fn rules(&self) -> Vec<RuleInfo<'_>> {
        let inner = &*self.compiled;
        let action = |a: &Replacement| match a.kind(&inner.hasher) {
            Some(k) => k.name(),
            None if matches!(a, Replacement::Keep) => "keep",
            None if matches!(a, Replacement::Sanitize(_)) => "sanitize",
            None => "scan",
        };
        let content = inner.content.iter().map(|r| RuleInfo {
            id: &r.id,
            kind: if r.builtin { "builtin" } else { "custom" },
            action: action(&r.replacement),
            label: &r.mask_label,
            validators: r.validators.iter().map(|v| v.name()).collect(),
            keys: &[],
        });
        let fields = inner.fields.iter().map(|f| RuleInfo {
            id: &f.name,
            kind: "field",
            action: action(&f.replacement),
            label: &f.mask_label,
            validators: Vec::new(),
            keys: &f.keys,
        });
        content.chain(fields).collect()
    }

    /// A description of the compiled automata: per family, the number of rules and the lazy
    /// DFA's memory; the number of literal anchors.
    pub fn automaton_summary(&self) -> Vec<(String, usize, usize)> {
        let mut v: Vec<(String, usize, usize)> = self
            .compiled
            .matcher
            .family_sizes()
            .into_iter()
            .map(|(f, n, bytes)| (format!("{f:?}"), n, bytes))
            .collect();
        v.push((
            "literal anchors".into(),
            self.compiled.matcher.literal_count(),
            0,
        ));
        v
    }

    /// The literal anchors of the content rules (`AKIA`, `ghp_`, `eyJ`, ...), in the order the
    /// SIMD literal search is given them: what a tool that tunes that order starts from.
    ///
    /// # Example
    /// ```
    /// let engine = scrubjay::Engine::default();
    /// assert!(engine.literal_anchors().iter().any(|l| l == "eyJ"));
    /// ```
    pub fn literal_anchors(&self) -> Vec<String> {
        self.compiled.matcher.literal_search_order()
    }
}

/// How many times [`Engine::find_all`] rescans a rendered text.
const FIXPOINT_ROUNDS: usize = 3;

/// The longest value in which a replacement cannot bring context into a reading's reach: the
/// readings that look past neighbouring tokens (a key's look-back, a URL's userinfo, a
/// product token, a curl option's line) look 128 bytes or more away. Longer values with a
/// finding are rescanned once rendered.
const WINDOW_FREE_LEN: usize = 128;

/// Where one replacement sits in a rendered text and in its source.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Region {
    out_start: usize,
    out_end: usize,
    hay_start: usize,
    hay_end: usize,
}

/// Whether a span has a neighbour that a boundary check could have refused: anything but
/// blanks and hard delimiters, and after the span also a byte that opens a number (a phone
/// written `(415) 555-2671` starts at its `(`, and its left boundary reads the byte before).
fn touches_neighbour(hay: &[u8], start: usize, end: usize) -> bool {
    use crate::text::bytes::{HARD_DELIMITER, NUMBER_LEAD};
    let soft = |b: u8| !HARD_DELIMITER.contains(b);
    (start > 0 && soft(hay[start - 1]))
        || (end < hay.len() && (soft(hay[end]) || NUMBER_LEAD.contains(hay[end])))
}

/// Whether a span swallows a byte that a reader of structure counts (see
/// [`crate::text::bytes::STRUCTURE`]): `password = 'x', (y)` read as a value would move the
/// tuples an `INSERT` reader sees after it.
fn hides_structure(hay: &[u8], s: &scan::Span) -> bool {
    hay[s.start..s.end]
        .iter()
        .any(|&b| crate::text::bytes::STRUCTURE.contains(b))
}

/// Maps a span of a rendered text back to its source: an end inside a replacement widens to
/// the whole replaced secret, positions outside shift by the replacements before them.
fn map_back(regions: &[Region], start: usize, end: usize) -> (usize, usize) {
    // Start: the last replacement that begins at or before it.
    let i = regions.partition_point(|r| r.out_start <= start);
    let s = match i.checked_sub(1).map(|k| regions[k]) {
        None => start,
        Some(r) if start < r.out_end => r.hay_start,
        Some(r) => r.hay_end + (start - r.out_end),
    };
    // End (exclusive): the last replacement that begins before it.
    let j = regions.partition_point(|r| r.out_start < end);
    let e = match j.checked_sub(1).map(|k| regions[k]) {
        None => end,
        Some(r) if end <= r.out_end => r.hay_end,
        Some(r) => r.hay_end + (end - r.out_end),
    };
    (s, e.max(s + 1))
}

fn fail_reason(a: Abort) -> FailReason {
    match a {
        Abort::Budget => FailReason::ScanBudget,
        Abort::Quit => FailReason::Undecidable,
    }
}

/// Replacements are UTF-8 and spans end on character boundaries, so this never needs the
/// lossy path for text input; for byte input it keeps the result valid text.
pub(crate) fn into_string(v: Vec<u8>) -> String {
    String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// An optional report.
pub(crate) struct Tally<'a>(pub Option<&'a mut Report>);

impl Tally<'_> {
    #[inline]
    pub(crate) fn add(&mut self, rule: usize, action: Option<ActionKind>) {
        if let Some(r) = self.0.as_deref_mut() {
            r.add(rule, action);
        }
    }
    #[inline]
    pub(crate) fn fail(&mut self, reason: FailReason) {
        if let Some(r) = self.0.as_deref_mut() {
            r.fail(reason);
        }
    }
    #[inline]
    pub(crate) fn deny(&mut self) {
        if let Some(r) = self.0.as_deref_mut() {
            r.deny();
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Attribute values that repeat, clean and not, under keys that scan them, sanitize them
    /// (URL, SQL, command line, header) or mask them: every answer with the memo of clean
    /// values is the one a scratch space without it gives, report included.
    #[test]
    fn the_memo_of_clean_values_answers_as_a_scan_would() {
        let engine = Engine::default();
        let mut scope = engine.attribute_scope();
        let keys = [
            "app.note",
            "url.full",
            "db.statement",
            "process.command_line",
            "http.request.header.cookie",
            "user_agent.original",
            "db.password",
        ];
        let values = [
            "GET",
            "https://a.example.com/cb?code=4%2F0AX4XfWh&state=xyz",
            "https://api.example.com/v1/orders/17?page=2",
            "SELECT id FROM orders WHERE id = $1",
            "SELECT id FROM users WHERE email = 'jane@example.com'",
            "java -jar app.jar --db-password hunter2",
            "java -jar app.jar --port 8080",
            "session=abc123; theme=dark",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
            "card 4111 1111 1111 1111 declined",
            "processed in batch 17 at 2024-06-01T10:00:00Z",
            "",
        ];
        let mut rng = 0x853c_49e6_748f_ea9bu64;
        let mut hits = 0;
        for _ in 0..3000 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let key = keys[(rng % keys.len() as u64) as usize];
            let value = values[((rng >> 16) % values.len() as u64) as usize];
            hits += usize::from(
                scope
                    .scratch
                    .clean
                    .lookup(Tag::SCAN, value.as_bytes())
                    .is_ok(),
            );
            let mut with_memo = engine.new_report();
            let remembered = scope.redact(key, Scalar::Str(value), Some(&mut with_memo));
            let saved = std::mem::replace(&mut scope.scratch.clean, CleanMemo::new());
            let mut without = engine.new_report();
            let fresh = scope.redact(key, Scalar::Str(value), Some(&mut without));
            scope.scratch.clean = saved;
            assert_eq!(remembered, fresh, "{key}: {value}");
            assert_eq!(
                format!("{with_memo:?}"),
                format!("{without:?}"),
                "{key}: {value}"
            );
        }
        assert!(hits > 500, "values repeat: {hits} hits");
    }

    #[test]
    fn numbuf_formats() {
        assert_eq!(NumBuf::new().int(-42), b"-42");
        assert_eq!(NumBuf::new().uint(0), b"0");
        assert_eq!(NumBuf::new().int(i64::MIN), b"-9223372036854775808");
    }

    #[test]
    fn engine_is_send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Engine>();
    }
}

#[cfg(test)]
mod fixpoint_tests {
    use super::{map_back, Region};

    #[test]
    fn map_back_shifts_and_widens() {
        // "ab[X]cd" rendered from "abSECRETcd": the replacement [2,5) stands for [2,8).
        let regions = [Region {
            out_start: 2,
            out_end: 5,
            hay_start: 2,
            hay_end: 8,
        }];
        assert_eq!(map_back(&regions, 0, 2), (0, 2));
        assert_eq!(map_back(&regions, 5, 7), (8, 10));
        assert_eq!(map_back(&regions, 0, 3), (0, 8));
        assert_eq!(map_back(&regions, 3, 7), (2, 10));
    }
}

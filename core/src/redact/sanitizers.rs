//! Field rules with a sanitizer: the value rewritten by its grammar, then scanned by the
//! content rules, until a second pass changes nothing.

use super::attributes::AttributeOutcome;
use super::fields::FieldDecision;
use super::fixpoint::FIXPOINT_ROUNDS;
use super::report_sink::ReportSink;
use super::scratch::Scratch;
use super::strings::fail_reason;
use super::strings::into_string;
use super::strings::Redacted;
use super::Engine;
use crate::policy::SanitizeKind;
use crate::redact::memo::Tag;
use crate::report::ActionKind;
use crate::report::FailReason;
use crate::rules::vocabulary::is_placeholder;
use crate::sanitize;
use crate::SqlDialect;
use std::borrow::Cow;

impl Engine {
    /// A `sanitize` field rule: the sanitizer, then the content rules over what it left. A
    /// value the sanitizer cannot read (a malformed URL) is scanned as it is.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn sanitize_value<'a>(
        &self,
        kind: SanitizeKind,
        rule: u32,
        path: &[u8],
        s: &'a str,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> AttributeOutcome<'a> {
        let inner = &*self.compiled;
        if s.len() > inner.limits.max_value_bytes {
            return AttributeOutcome::Replace(Cow::Owned(into_string(
                self.fail_marker(FailReason::TooLarge, sink),
            )));
        }
        if kind == SanitizeKind::Address && crate::rules::validators::is_ip_address(s.as_bytes()) {
            return AttributeOutcome::Keep;
        }
        // A header's sanitizer reads the header's name in the path: only the others answer
        // from the memo of clean values, which knows the text alone.
        let tag = match kind {
            SanitizeKind::Sql => Tag::sql(sc.sql_dialect),
            _ => Tag(1 + kind as u8),
        };
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
        let mut readable = self.run_sanitizer(kind, path, s, &mut buf, sc);
        if kind == SanitizeKind::Sql && readable && buf != s {
            readable = self.normalize_premasked(path, s, &mut buf, sc, sink);
        }
        let changed = readable && buf != s;
        // A statement's normaliser removes every literal, secret or not: only the other
        // sanitizers say what was secret by removing it.
        if changed && kind != SanitizeKind::Sql {
            sc.record
                .add_removed_tokens(s.as_bytes(), buf.as_bytes(), rule);
        }
        if changed {
            sink.add(
                inner.content.len() + rule as usize,
                Some(ActionKind::Sanitize),
            );
        }
        // Unreadable (a malformed URL) or unchanged: the content rules run over the value.
        let text = if changed { buf.as_str() } else { s };
        let mut out = match self.redact_bytes_with(text.as_bytes(), sc, sink) {
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
        // redacting twice changes nothing. A value that still moves after the last round (a
        // mask swallowing one quote after another) fails closed.
        for _ in 0..FIXPOINT_ROUNDS {
            let mut again = String::with_capacity(out.len());
            if !self.run_sanitizer(kind, path, &out, &mut again, sc) {
                return AttributeOutcome::Replace(Cow::Owned(out));
            }
            // The sanitizer left it as it is: the content rules already ran over exactly this
            // text, and redacting twice changes nothing.
            if again == out {
                return AttributeOutcome::Replace(Cow::Owned(out));
            }
            let again = match self.redact_bytes_with(again.as_bytes(), sc, &mut ReportSink(None)) {
                Redacted::Changed(v) => into_string(v),
                Redacted::Unchanged => again,
            };
            if again == out {
                return AttributeOutcome::Replace(Cow::Owned(out));
            }
            out = again;
        }
        let marker = self.fail_marker(FailReason::ScanBudget, sink);
        AttributeOutcome::Replace(Cow::Owned(into_string(marker)))
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
        sink: &mut ReportSink<'_>,
    ) -> bool {
        let hay = s.as_bytes();
        if let Err(abort) = self.find_all(hay, sc) {
            // Unreadable by the content rules: the whole statement fails closed.
            out.clear();
            out.push_str(&into_string(self.fail_marker(fail_reason(abort), sink)));
            return true;
        }
        sc.m.spans
            .retain(|m| hay[m.start..m.end].iter().any(u8::is_ascii_alphabetic));
        if sc.m.spans.is_empty() {
            return true;
        }
        let spans = std::mem::take(&mut sc.m.spans);
        let masked = into_string(self.render_counted(hay, &spans, &mut sc.actions, sink));
        sc.m.spans = spans;
        out.clear();
        self.run_sanitizer(SanitizeKind::Sql, path, &masked, out, sc)
    }

    /// Writes the sanitizer of `kind` on `s` into `out` (empty on entry); false when it cannot
    /// read the value (scan it instead). See [`sanitize::rewrite`].
    fn run_sanitizer(
        &self,
        kind: SanitizeKind,
        path: &[u8],
        s: &str,
        out: &mut String,
        sc: &mut Scratch,
    ) -> bool {
        let inner = &*self.compiled;
        let sql_dialect = sc.sql_dialect;
        // The option lookup borrows the scratch; the replacements only its action state.
        let state = std::cell::RefCell::new(std::mem::take(&mut sc.actions));
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
            let mut state = state.borrow_mut();
            let (new, _) = field.replace(value.as_bytes(), &mut inner.writer(&mut state));
            out.push_str(&into_string(new));
        };
        let mut cx = sanitize::Context {
            path,
            url: &inner.url,
            headers: &inner.policy.sanitizers.headers,
            sql_dialect,
            option_rule: &mut option_rule,
            replace: &replace,
        };
        let read = sanitize::rewrite(kind, s, &mut cx, out);
        sc.actions = state.into_inner();
        read
    }

    /// Sanitises a URL as the `url` sanitizer does for `url.full` (credentials, sensitive
    /// query values and fragments go, per `sanitizers.url`), then applies the content rules.
    /// A path alone and a query string alone (what `url.query` holds) are read the same way.
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

    /// Normalises a SQL statement of unknown dialect ([`crate::normalize_sql`]), then
    /// applies the content rules to what is left (identifiers and comment-free text).
    pub fn normalize_sql(&self, sql: &str) -> String {
        self.normalize_sql_as(sql, SqlDialect::Generic)
    }

    /// Normalises a SQL statement read in `dialect`'s grammar ([`crate::normalize_sql_as`]),
    /// then applies the content rules to what is left.
    ///
    /// # Example
    /// ```
    /// use scrubjay::SqlDialect;
    /// let engine = scrubjay::Engine::default();
    /// assert_eq!(
    ///     engine.normalize_sql_as("SELECT * FROM #users WHERE id = @id AND n = N'Zoë'", SqlDialect::SqlServer),
    ///     "SELECT * FROM #users WHERE id = @id AND n = ?"
    /// );
    /// ```
    pub fn normalize_sql_as(&self, sql: &str, dialect: SqlDialect) -> String {
        let mut sc = self.scratch();
        sc.sql_dialect = dialect;
        self.sanitize_in(SanitizeKind::Sql, b"db.statement", sql, &mut sc)
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
            self.redact_bytes_with(out.header.as_bytes(), &mut sc, &mut ReportSink(None))
        {
            out.header = into_string(v);
        }
        out
    }

    fn sanitize_with(&self, kind: SanitizeKind, path: &[u8], value: &str) -> String {
        self.sanitize_in(kind, path, value, &mut self.scratch())
    }

    fn sanitize_in(
        &self,
        kind: SanitizeKind,
        path: &[u8],
        value: &str,
        sc: &mut Scratch,
    ) -> String {
        match self.sanitize_value(kind, u32::MAX, path, value, sc, &mut ReportSink(None)) {
            AttributeOutcome::Replace(v) => v.into_owned(),
            _ => value.to_string(),
        }
    }
}

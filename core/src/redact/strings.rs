//! Strings and bytes: the content rules over one value, replaced or reported.

use super::attributes::AttributeOutcome;
use super::report_sink::ReportSink;
use super::scratch::Scratch;
use super::Engine;
use crate::compile::actions::render;
use crate::report::FailReason;
use crate::report::Finding;
use crate::report::Report;
use crate::scan::Abort;
use std::borrow::Cow;

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

pub(super) fn fail_reason(a: Abort) -> FailReason {
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

impl Engine {
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
        let mut sink = ReportSink(report);
        match self.redact_bytes_with(text.as_bytes(), &mut sc, &mut sink) {
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
        match self.redact_bytes_with(data, &mut sc, &mut ReportSink(report)) {
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
            Ok(()) => {
                let content = &inner.content;
                sc.record
                    .add_spans(hay, &sc.m.spans, |r| content[r as usize].repeats);
                out.extend(sc.m.spans.iter().map(|s| Finding {
                    rule: inner.content[s.rule as usize].id.to_string(),
                    path: path.map(Into::into),
                    start: s.start,
                    end: s.end,
                }))
            }
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
        sink: &mut ReportSink<'_>,
    ) -> Redacted {
        let inner = &*self.compiled;
        if hay.len() > inner.limits.max_value_bytes {
            return Redacted::Changed(self.fail_marker(FailReason::TooLarge, sink));
        }
        if !inner.allow_values.is_empty() && inner.allow_values.contains(hay) {
            return Redacted::Unchanged;
        }
        if let Err(abort) = self.find_all(hay, sc) {
            return Redacted::Changed(self.fail_marker(fail_reason(abort), sink));
        }
        let spans = &sc.m.spans;
        if spans.is_empty() {
            return Redacted::Unchanged;
        }
        let content = &inner.content;
        sc.record
            .add_spans(hay, spans, |r| content[r as usize].repeats);
        Redacted::Changed(self.render_counted(hay, spans, &mut sc.actions, sink))
    }

    pub(crate) fn fail_marker(&self, reason: FailReason, sink: &mut ReportSink<'_>) -> Vec<u8> {
        sink.fail(reason);
        render(&self.compiled.label, reason.name()).into_bytes()
    }
}

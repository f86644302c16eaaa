//! W3C trace context at trust boundaries: `traceparent` validation, `tracestate` stripping,
//! and a baggage policy that returns the sanitised header with the reasons for what it
//! dropped.

use crate::policy::BaggagePolicy;
use crate::text::glob::glob_match;

// Baggage keys are case-sensitive: globs over them do not fold case.

/// Why a `traceparent` header is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceparentError {
    /// Not `version-traceid-parentid-flags` with the lengths of the version.
    Format,
    /// The version is not two lowercase hex digits.
    Version,
    /// Version `ff` is forbidden.
    ForbiddenVersion,
    /// The trace id is not 32 lowercase hex digits.
    TraceId,
    /// The trace id is all zeros.
    ZeroTraceId,
    /// The parent id is not 16 lowercase hex digits.
    ParentId,
    /// The parent id is all zeros.
    ZeroParentId,
    /// The flags are not two lowercase hex digits.
    Flags,
}

impl TraceparentError {
    /// A short stable reason, the same in every binding.
    pub fn reason(self) -> &'static str {
        match self {
            TraceparentError::Format => "format",
            TraceparentError::Version => "version",
            TraceparentError::ForbiddenVersion => "forbidden_version",
            TraceparentError::TraceId => "trace_id",
            TraceparentError::ZeroTraceId => "zero_trace_id",
            TraceparentError::ParentId => "parent_id",
            TraceparentError::ZeroParentId => "zero_parent_id",
            TraceparentError::Flags => "flags",
        }
    }
}

impl std::fmt::Display for TraceparentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for TraceparentError {}

fn lower_hex(b: &[u8]) -> bool {
    b.iter()
        .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
}

/// Validates a `traceparent` header value: a gateway restarts the trace when it is invalid.
///
/// # Example
/// ```
/// use scrubjay::{validate_traceparent, TraceparentError};
/// assert!(validate_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").is_ok());
/// assert_eq!(
///     validate_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"),
///     Err(TraceparentError::ZeroTraceId)
/// );
/// ```
pub fn validate_traceparent(header: &str) -> Result<(), TraceparentError> {
    let b = header.trim_matches([' ', '\t']).as_bytes();
    if b.len() < 55 || b[2] != b'-' || b[35] != b'-' || b[52] != b'-' {
        return Err(TraceparentError::Format);
    }
    let (version, trace, parent, flags) = (&b[..2], &b[3..35], &b[36..52], &b[53..55]);
    if !lower_hex(version) {
        return Err(TraceparentError::Version);
    }
    if version == b"ff" {
        return Err(TraceparentError::ForbiddenVersion);
    }
    // Version 00 is exactly 55 characters; later versions may append `-...`.
    if (version == b"00" && b.len() != 55) || (b.len() > 55 && b[55] != b'-') {
        return Err(TraceparentError::Format);
    }
    if !lower_hex(trace) {
        return Err(TraceparentError::TraceId);
    }
    if trace.iter().all(|&c| c == b'0') {
        return Err(TraceparentError::ZeroTraceId);
    }
    if !lower_hex(parent) {
        return Err(TraceparentError::ParentId);
    }
    if parent.iter().all(|&c| c == b'0') {
        return Err(TraceparentError::ZeroParentId);
    }
    if !lower_hex(flags) {
        return Err(TraceparentError::Flags);
    }
    Ok(())
}

/// Why a baggage member was dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaggageViolation {
    /// The member's key, when it has one (keys are names, not data).
    pub key: Option<String>,
    /// `syntax`, `key_too_long`, `value_too_long`, `blocked_key`, `not_allowed`,
    /// `control_character`, `invalid_percent_encoding`, `too_many_items` or `header_too_long`.
    pub reason: &'static str,
}

/// A sanitised `baggage` header and what was dropped from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanitizedBaggage {
    /// The members kept, joined with `,`.
    pub header: String,
    /// One entry per dropped member, in header order.
    pub violations: Vec<BaggageViolation>,
}

/// Enforces a baggage policy on a `baggage` header.
///
/// # Example
/// ```
/// use scrubjay::{sanitize_baggage, BaggagePolicy};
/// let out = sanitize_baggage("tenant.id=acme,user.email=jane%40example.com,request.priority=high", &BaggagePolicy::default());
/// assert_eq!(out.header, "tenant.id=acme,request.priority=high");
/// assert_eq!(out.violations[0].reason, "blocked_key");
/// ```
pub fn sanitize_baggage(header: &str, policy: &BaggagePolicy) -> SanitizedBaggage {
    let mut out = String::with_capacity(header.len().min(policy.max_header_bytes));
    let mut violations = Vec::new();
    let mut kept = 0;
    for member in header.split(',') {
        let m = member.trim_matches([' ', '\t']);
        if m.is_empty() {
            continue;
        }
        let (pair, _props) = m.split_once(';').map_or((m, None), |(p, r)| (p, Some(r)));
        let Some((key, value)) = pair.split_once('=') else {
            violations.push(BaggageViolation {
                key: None,
                reason: "syntax",
            });
            continue;
        };
        let (key, value) = (
            key.trim_matches([' ', '\t']),
            value.trim_matches([' ', '\t']),
        );
        let drop = |reason: &'static str, violations: &mut Vec<BaggageViolation>| {
            let key = (!key.is_empty() && key.len() <= 256 && key.bytes().all(is_token_byte))
                .then(|| key.to_string());
            violations.push(BaggageViolation { key, reason });
        };
        if key.is_empty() || !key.bytes().all(is_token_byte) {
            drop("syntax", &mut violations);
            continue;
        }
        if m.bytes().any(|c| c < 0x20 || c == 0x7f) {
            drop("control_character", &mut violations);
            continue;
        }
        if key.len() > policy.max_key_bytes {
            drop("key_too_long", &mut violations);
            continue;
        }
        if value.len() > policy.max_value_bytes {
            drop("value_too_long", &mut violations);
            continue;
        }
        if !valid_percent_encoding(value) || !value.bytes().all(is_baggage_octet) {
            drop("invalid_percent_encoding", &mut violations);
            continue;
        }
        if policy
            .blocked_keys
            .iter()
            .any(|g| glob_match(g, key, false))
        {
            drop("blocked_key", &mut violations);
            continue;
        }
        if policy
            .allowed_keys
            .as_ref()
            .is_some_and(|a| !a.iter().any(|g| glob_match(g, key, false)))
        {
            drop("not_allowed", &mut violations);
            continue;
        }
        if kept == policy.max_items {
            drop("too_many_items", &mut violations);
            continue;
        }
        let extra = m.len() + usize::from(!out.is_empty());
        if out.len() + extra > policy.max_header_bytes {
            drop("header_too_long", &mut violations);
            continue;
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(m);
        kept += 1;
    }
    SanitizedBaggage {
        header: out,
        violations,
    }
}

/// RFC 7230 `tchar`.
fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// W3C baggage-octet: printable ASCII except `"`, `,`, `;`, `\` and space.
fn is_baggage_octet(c: u8) -> bool {
    matches!(c, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

fn valid_percent_encoding(v: &str) -> bool {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() || !b[i + 1].is_ascii_hexdigit() || !b[i + 2].is_ascii_hexdigit() {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceparent_reasons() {
        let ok = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assert_eq!(validate_traceparent(ok), Ok(()));
        assert_eq!(
            validate_traceparent(&ok.to_uppercase()),
            Err(TraceparentError::TraceId)
        );
        assert_eq!(
            validate_traceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            Err(TraceparentError::ForbiddenVersion)
        );
        assert_eq!(
            validate_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"),
            Err(TraceparentError::ZeroParentId)
        );
        assert_eq!(
            validate_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x"),
            Err(TraceparentError::Format)
        );
        assert_eq!(
            validate_traceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"),
            Ok(())
        );
        assert_eq!(validate_traceparent(""), Err(TraceparentError::Format));
    }

    #[test]
    fn baggage_policy() {
        let p = BaggagePolicy::default();
        let out = sanitize_baggage("a=1, b = 2;prop=x ,bad, user.id=7,c=%zz", &p);
        assert_eq!(out.header, "a=1,b = 2;prop=x");
        let reasons: Vec<_> = out.violations.iter().map(|v| v.reason).collect();
        assert_eq!(
            reasons,
            ["syntax", "blocked_key", "invalid_percent_encoding"]
        );
    }
}

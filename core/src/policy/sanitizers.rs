//! The sanitizers' settings (`sanitizers.url`, `sanitizers.headers` and its baggage
//! policy), as a policy writes them.

use serde::{Deserialize, Serialize};

/// Settings of the URL sanitizer (`sanitizers.url` in a policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UrlOptions {
    /// Query parameters whose values become `REDACTED` (ASCII case-insensitive, after
    /// percent-decoding the name). The default covers OpenTelemetry's list (`AWSAccessKeyId`,
    /// `Signature`, `sig`, `X-Goog-Signature`) and the usual credential names.
    #[serde(default = "default_sensitive_params")]
    pub sensitive_params: Vec<String>,
    /// When set, every other query parameter is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_allowlist: Option<Vec<String>>,
    /// Replace ids in the path: `/users/12345` → `/users/{id}`, UUIDs → `{uuid}`, hex ids of
    /// 16 or more digits → `{hex}`.
    #[serde(default)]
    pub normalize_paths: bool,
}

fn default_sensitive_params() -> Vec<String> {
    [
        "AWSAccessKeyId",
        "Signature",
        "sig",
        "X-Goog-Signature",
        "X-Amz-Signature",
        "X-Amz-Credential",
        "X-Amz-Security-Token",
        "X-Goog-Credential",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "auth",
        "auth_token",
        "authorization",
        "password",
        "passwd",
        "pwd",
        "secret",
        "client_secret",
        "api_key",
        "apikey",
        "api-key",
        "key",
        "session",
        "sessionid",
        "session_id",
        "jwt",
        "code",
        "otp",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl Default for UrlOptions {
    fn default() -> UrlOptions {
        UrlOptions {
            sensitive_params: default_sensitive_params(),
            query_allowlist: None,
            normalize_paths: false,
        }
    }
}

/// Settings of the header sanitizer (`sanitizers.headers` in a policy).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderOptions {
    /// Headers masked whole (ASCII case-insensitive; `*` globs within the name).
    #[serde(default = "default_secret_headers")]
    pub secret_headers: Vec<String>,
    /// Drop `tracestate` values (at a trust boundary: vendors' state from outside is not
    /// trusted).
    #[serde(default)]
    pub strip_tracestate: bool,
    /// The policy applied to `baggage` headers.
    #[serde(default)]
    pub baggage: BaggagePolicy,
}

fn default_secret_headers() -> Vec<String> {
    [
        "x-api-key",
        "x-auth-token",
        "x-access-token",
        "x-csrf-token",
        "x-xsrf-token",
        "x-amz-security-token",
        "x-goog-api-key",
        "x-*-secret",
        "x-*-token",
        "x-*-key",
        "x-*-signature",
        "stripe-signature",
        "api-key",
        "apikey",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl Default for HeaderOptions {
    fn default() -> HeaderOptions {
        HeaderOptions {
            secret_headers: default_secret_headers(),
            strip_tracestate: false,
            baggage: BaggagePolicy::default(),
        }
    }
}

/// A baggage policy (`sanitizers.baggage` in a policy). The defaults follow the usual
/// trust-boundary limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaggagePolicy {
    /// Members kept at most; later members are dropped.
    #[serde(default = "default_max_items")]
    pub max_items: usize,
    /// Longest key, in bytes.
    #[serde(default = "default_max_key_bytes")]
    pub max_key_bytes: usize,
    /// Longest value (as sent, percent-encoded), in bytes.
    #[serde(default = "default_max_value_bytes")]
    pub max_value_bytes: usize,
    /// Longest sanitised header, in bytes; members that would exceed it are dropped.
    #[serde(default = "default_max_header_bytes")]
    pub max_header_bytes: usize,
    /// Key globs that are always dropped (`user.*`, `auth.*`, `internal.*` by default).
    #[serde(default = "default_blocked_keys")]
    pub blocked_keys: Vec<String>,
    /// When set, only keys matching one of these globs are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_keys: Option<Vec<String>>,
}

fn default_max_items() -> usize {
    10
}

fn default_max_key_bytes() -> usize {
    64
}

fn default_max_value_bytes() -> usize {
    256
}

fn default_max_header_bytes() -> usize {
    4096
}

fn default_blocked_keys() -> Vec<String> {
    vec!["user.*".into(), "auth.*".into(), "internal.*".into()]
}

impl Default for BaggagePolicy {
    fn default() -> BaggagePolicy {
        BaggagePolicy {
            max_items: default_max_items(),
            max_key_bytes: default_max_key_bytes(),
            max_value_bytes: default_max_value_bytes(),
            max_header_bytes: default_max_header_bytes(),
            blocked_keys: default_blocked_keys(),
            allowed_keys: None,
        }
    }
}

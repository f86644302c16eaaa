//! HTTP header sanitisation for `http.request.header.*` and `http.response.header.*`:
//! credentials keep their scheme, cookies keep their names, secret headers are masked whole.

use super::Context;

use crate::policy::HeaderOptions;
use crate::rules::vocabulary::key_names_secret;
use crate::text::glob::glob_match;

/// The masking text inside header values.
pub(crate) const MASK: &str = "[REDACTED]";

/// What the header sanitizer did with a value.
pub(crate) enum Sanitized {
    /// The value was rewritten; content rules still run over it.
    Rewritten(String),
    /// Not a header with special handling: scan the value with the content rules.
    Scan,
}

/// Sanitises the value of header `name`.
pub(crate) fn sanitize(name: &str, value: &str, opts: &HeaderOptions) -> Sanitized {
    // The special names are short: lower-case them on the stack.
    let mut buf = [0u8; 24];
    let lower = match buf.get_mut(..name.len()) {
        Some(b) => {
            b.copy_from_slice(name.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).unwrap_or_default()
        }
        None => "",
    };
    match lower {
        "authorization" | "proxy-authorization" => {
            let v = value.trim_start();
            Sanitized::Rewritten(match v.split_once([' ', '\t']) {
                Some((scheme, rest))
                    if !rest.trim().is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
                {
                    format!("{scheme} {MASK}")
                }
                _ => MASK.to_string(),
            })
        }
        "cookie" => Sanitized::Rewritten(
            value
                .split(';')
                .map(masked_cookie)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        "set-cookie" => {
            let mut parts = value.split(';');
            let first = parts.next().unwrap_or_default();
            let mut out = masked_cookie(first);
            for attr in parts {
                out.push(';');
                out.push_str(attr);
            }
            Sanitized::Rewritten(out)
        }
        "baggage" => Sanitized::Rewritten(
            crate::sanitize::w3c::sanitize_baggage(value, &opts.baggage).header,
        ),
        "tracestate" if opts.strip_tracestate => Sanitized::Rewritten(String::new()),
        // Listed headers, and those whose name names a secret as an attribute key would
        // (`x-user-password`, `private-token`, `x-session-id`; not `x-token-expires`).
        _ if opts
            .secret_headers
            .iter()
            .any(|p| glob_match(p, name, true))
            || key_names_secret(name.as_bytes()) =>
        {
            Sanitized::Rewritten(MASK.to_string())
        }
        _ => Sanitized::Scan,
    }
}

/// `name=value` as `name=[REDACTED]` when the cookie may hold a session or a credential (see
/// [`secret_cookie`]); other cookies (`theme=dark`, `lang=en`) are kept for the content
/// rules to read. A cookie without a name is masked whole.
fn masked_cookie(pair: &str) -> String {
    match pair.split_once('=') {
        Some((n, v)) if secret_cookie(n.trim(), v.trim()) => format!("{}={MASK}", n.trim()),
        Some(_) => pair.trim().to_string(),
        None => MASK.to_string(),
    }
}

/// Whether a cookie may hold a session, a credential or a tracking id: its name names a
/// secret as an attribute key would (`sid`, `session`, `csrftoken`, `auth_token`), is a
/// framework's session cookie (`JSESSIONID`, `PHPSESSID`, `connect.sid`, `laravel_session`),
/// carries a prefix browsers reserve for secure cookies (`__Host-`, `__Secure-`), or its
/// value is opaque: 16 bytes or more with letters and digits, or 32 bytes or more.
fn secret_cookie(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let session_name = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            word == "sid"
                || [
                    "sess", "auth", "login", "remember", "token", "jwt", "csrf", "xsrf",
                ]
                .iter()
                .any(|w| word.contains(w))
        });
    let opaque = value.len() >= 32
        || (value.len() >= 16
            && value.bytes().any(|b| b.is_ascii_digit())
            && value.bytes().any(|b| b.is_ascii_alphabetic()));
    session_name
        || key_names_secret(name.as_bytes())
        || lower.starts_with("__host-")
        || lower.starts_with("__secure-")
        || opaque
}

/// [`super::Rewrite`] for a header value; the header's name is the last segment of the key
/// path. False for headers it leaves to the content rules.
pub(crate) fn rewrite(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool {
    let path = cx.path;
    let name = path.rsplit(|&b| b == b'.').next().unwrap_or(path);
    match sanitize(&String::from_utf8_lossy(name), value, cx.headers) {
        Sanitized::Rewritten(v) => {
            *out = v;
            true
        }
        Sanitized::Scan => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: &str, v: &str) -> String {
        match sanitize(n, v, &HeaderOptions::default()) {
            Sanitized::Rewritten(s) => s,
            Sanitized::Scan => format!("scan:{v}"),
        }
    }

    #[test]
    fn headers() {
        assert_eq!(s("Authorization", "Bearer abc.def"), "Bearer [REDACTED]");
        assert_eq!(
            s("proxy-authorization", "Basic dXNlcjpwYXNz"),
            "Basic [REDACTED]"
        );
        assert_eq!(s("authorization", "opaque"), "[REDACTED]");
        assert_eq!(
            s("cookie", "sid=abc; theme=dark; lang=en-GB; sidebar=open"),
            "sid=[REDACTED]; theme=dark; lang=en-GB; sidebar=open"
        );
        for session in [
            "JSESSIONID=1A2B",
            "PHPSESSID=x",
            "connect.sid=s%3Ax",
            "laravel_session=x",
            "__Host-id=1",
            "__Secure-pref=1",
            "remember_me=1",
            "XSRF-TOKEN=x",
            "_ga=GA1.2.1234567890.1700000000",
            "uid=8c1d0f6e2b7a4e39a51c",
            "connect.sid=x",
        ] {
            let name = session.split('=').next().unwrap();
            assert_eq!(s("cookie", session), format!("{name}=[REDACTED]"));
        }
        assert_eq!(
            s("set-cookie", "sid=abc; Path=/; HttpOnly"),
            "sid=[REDACTED]; Path=/; HttpOnly"
        );
        assert_eq!(s("X-Api-Key", "k"), "[REDACTED]");
        assert_eq!(s("x-internal-secret", "k"), "[REDACTED]");
        assert_eq!(s("accept", "text/html"), "scan:text/html");
        for secret in [
            "x-user-password",
            "private-token",
            "x-session-id",
            "x-hub-signature-256",
        ] {
            assert_eq!(s(secret, "v4lue"), "[REDACTED]", "{secret}");
        }
        for plain in [
            "x-request-id",
            "x-token-expires",
            "x-api-version",
            "content-type",
            "user-agent",
            "x-forwarded-for",
            "sec-fetch-mode",
            "x-amz-content-sha256",
            "x-ratelimit-remaining",
        ] {
            assert_eq!(s(plain, "v4lue"), "scan:v4lue", "{plain}");
        }
    }
}

//! URL sanitisation for `url.full`, `http.url`, `http.target`, `url.path` and `url.query`:
//! credentials and sensitive query values become `REDACTED`, fragments go, and optionally
//! the query is reduced to an allowlist and ids in the path are normalised.

use super::Context;

use crate::policy::UrlOptions;
use crate::text::bytes::is_uuid;
use crate::text::fxhash::FxHasher;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// What part of a URL a value holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlPart {
    /// `scheme://authority/path?query#fragment`, or a target `/path?query`.
    Full,
    /// Only the query, without `?` (`url.query`).
    Query,
}

/// [`UrlOptions`] compiled for lookups: parameter names lower-cased in hash sets, so a
/// query name costs one lookup whatever the length of the lists.
pub(crate) struct UrlRules {
    sensitive: NameSet,
    allow: Option<NameSet>,
    normalize_paths: bool,
}

impl UrlRules {
    pub(crate) fn new(opts: &UrlOptions) -> UrlRules {
        UrlRules {
            sensitive: NameSet::new(&opts.sensitive_params),
            allow: opts.query_allowlist.as_deref().map(NameSet::new),
            normalize_paths: opts.normalize_paths,
        }
    }
}

/// Names compared ASCII case-insensitively.
struct NameSet {
    names: HashSet<Box<[u8]>, BuildHasherDefault<FxHasher>>,
    longest: usize,
}

impl NameSet {
    fn new(names: &[String]) -> NameSet {
        NameSet {
            names: names
                .iter()
                .map(|n| n.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .collect(),
            longest: names.iter().map(String::len).max().unwrap_or(0),
        }
    }

    fn contains(&self, name: &str) -> bool {
        if name.len() > self.longest {
            return false;
        }
        let mut buf = [0u8; 64];
        match buf.get_mut(..name.len()) {
            Some(lower) => {
                lower.copy_from_slice(name.as_bytes());
                lower.make_ascii_lowercase();
                self.names.contains(&*lower)
            }
            None => self.names.contains(name.to_ascii_lowercase().as_bytes()),
        }
    }
}

/// Writes the sanitised URL into `out` (empty on entry). False when it is not a URL at all
/// (the caller then scans the whole value with the content rules instead).
pub(crate) fn sanitize(url: &str, part: UrlPart, rules: &UrlRules, out: &mut String) -> bool {
    if part == UrlPart::Query {
        // `url.query` is the query without its `?`; extra ones would come back on a second
        // pass as the start of a parameter name, so all of them go, with the empty pairs
        // between them (`?&?a=1`: the second `?` would lead the output).
        sanitize_query(url.trim_start_matches(['?', '&']), rules, out);
        return true;
    }
    if hash_in_userinfo(url) {
        return false;
    }
    // Fragment first: it never survives.
    let url = memchr::memchr(b'#', url.as_bytes()).map_or(url, |i| &url[..i]);
    let (before_query, query) = match memchr::memchr(b'?', url.as_bytes()) {
        Some(i) => (&url[..i], Some(&url[i + 1..])),
        None => (url, None),
    };
    let authority_at = special_scheme_end(before_query)
        .map(|i| (i, 1))
        .or_else(|| memchr::memmem::find(before_query.as_bytes(), b"://").map(|i| (i, 3)));
    let path = if let Some((i, separator)) = authority_at {
        let scheme = &before_query[..i];
        if scheme.is_empty()
            || !scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        {
            return false;
        }
        let rest = &before_query[i + separator..];
        let (authority, path) =
            memchr::memchr(b'/', rest.as_bytes()).map_or((rest, ""), |j| (&rest[..j], &rest[j..]));
        if authority
            .bytes()
            .any(|b| b.is_ascii_whitespace() || b == b'<' || b == b'>')
        {
            return false;
        }
        // `https:host` is written as parsers read it, `https://host`.
        out.push_str(scheme);
        out.push_str("://");
        match authority.rsplit_once('@') {
            Some((userinfo, host)) => {
                out.push_str(if userinfo.contains(':') {
                    "REDACTED:REDACTED"
                } else {
                    "REDACTED"
                });
                out.push('@');
                out.push_str(host);
            }
            None => out.push_str(authority),
        }
        path
    } else if before_query.starts_with('/') || before_query.is_empty() {
        before_query
    } else if is_bare_query(url) {
        // What `url.query` holds, given whole (`AWSAccessKeyId=…&Signature=…`).
        sanitize_query(url, rules, out);
        return true;
    } else {
        return false;
    };
    if path.bytes().any(|b| b.is_ascii_whitespace()) {
        return false;
    }
    if rules.normalize_paths {
        normalize_path(path, out);
    } else {
        out.push_str(path);
    }
    if let Some(q) = query {
        out.push('?');
        let at = out.len();
        sanitize_query(q, rules, out);
        if out.len() == at {
            out.pop();
        }
    }
    true
}

/// Where the scheme of a special URL written without `//` ends (`https:user:pw@host/`, which
/// browsers and WHATWG parsers read as `https://user:pw@host/`): the `:`'s index.
fn special_scheme_end(url: &str) -> Option<usize> {
    let colon = memchr::memchr(b':', &url.as_bytes()[..url.len().min(6)])?;
    let scheme = &url[..colon];
    let special = ["http", "https", "ws", "wss", "ftp"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s));
    let next = url.as_bytes().get(colon + 1);
    (special && next.is_some_and(|&b| b != b'/' && b != b'\\')).then_some(colon)
}

/// Whether a value reads as a query string without its URL: no blank anywhere, and its first
/// pair has a name of parameter bytes (letters, digits, `_ . - + ~ [ ]` and percent escapes)
/// and an `=` (`token=abc&page=2`, `%53ignature=x`; not `a/b=c`, `host:port`, prose).
fn is_bare_query(value: &str) -> bool {
    let first = value.split('&').next().unwrap_or("");
    let Some(eq) = memchr::memchr(b'=', first.as_bytes()) else {
        return false;
    };
    let name = &first.as_bytes()[..eq];
    !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"_.-+~[]%".contains(&b))
        && !value.bytes().any(|b| b.is_ascii_whitespace())
}

/// Whether a `#` sits in the authority before an `@` (`redis://default:p#ss@cache`): written
/// unencoded in a password, it does not start a fragment. Read as a fragment, the password's
/// head would pass for a host and port; such a URL is left to the content rules, whose
/// `url_credentials` takes the userinfo whole.
fn hash_in_userinfo(url: &str) -> bool {
    let Some(i) = memchr::memmem::find(url.as_bytes(), b"://") else {
        return false;
    };
    let rest = &url.as_bytes()[i + 3..];
    let authority = &rest[..memchr::memchr2(b'/', b'?', rest).unwrap_or(rest.len())];
    memchr::memchr(b'#', authority).is_some_and(|h| authority[h..].contains(&b'@'))
}

fn sanitize_query(query: &str, rules: &UrlRules, out: &mut String) {
    let mut first = true;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = match memchr::memchr(b'=', pair.as_bytes()) {
            Some(i) => (&pair[..i], Some(&pair[i + 1..])),
            None => (pair, None),
        };
        let decoded = percent_decode_lossy(name);
        if rules.allow.as_ref().is_some_and(|a| !a.contains(&decoded)) {
            continue;
        }
        if !first {
            out.push('&');
        }
        first = false;
        out.push_str(name);
        if let Some(v) = value {
            out.push('=');
            if rules.sensitive.contains(&decoded) {
                out.push_str("REDACTED");
            } else {
                push_encoded_query(v, rules, out);
            }
        }
    }
}

/// A parameter value, with the parameters of a URL or query encoded inside it sanitised in
/// place (`next=%2Fcb%3Ftoken%3Dabc`: an OAuth redirect carries its code or token so): the
/// value is cut at encoded `?` and `&`, and a piece whose name (before an encoded `=`) is
/// sensitive keeps only its name. Every other byte stays as it was.
fn push_encoded_query(value: &str, rules: &UrlRules, out: &mut String) {
    let b = value.as_bytes();
    let mut piece = 0;
    for i in memchr::memchr_iter(b'%', b) {
        if matches!(escape_at(b, i), Some(b'?' | b'&')) {
            push_encoded_pair(&value[piece..i], rules, out);
            out.push_str(&value[i..i + 3]);
            piece = i + 3;
        }
    }
    push_encoded_pair(&value[piece..], rules, out);
}

/// One `name%3Dvalue` piece of [`push_encoded_query`].
fn push_encoded_pair(piece: &str, rules: &UrlRules, out: &mut String) {
    let b = piece.as_bytes();
    match memchr::memchr_iter(b'%', b).find(|&i| escape_at(b, i) == Some(b'=')) {
        Some(eq)
            if rules
                .sensitive
                .contains(&percent_decode_lossy(&piece[..eq])) =>
        {
            out.push_str(&piece[..eq + 3]);
            out.push_str("REDACTED");
        }
        _ => out.push_str(piece),
    }
}

/// The byte a percent escape at `i` stands for.
fn escape_at(b: &[u8], i: usize) -> Option<u8> {
    match b.get(i..i + 3)? {
        [b'%', h, l] => Some(hex(*h)? * 16 + hex(*l)?),
        _ => None,
    }
}

/// Percent-decodes for comparison; invalid escapes are kept as they are. Borrows when
/// there is nothing to decode.
fn percent_decode_lossy(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') && !s.contains('+') {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => match escape_at(b, i) {
                Some(c) => {
                    out.push(c);
                    i += 3;
                    continue;
                }
                None => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// `url.normalize_paths`: each segment that carries an identifier or a credential becomes the
/// name of its kind, so that routes group (`/users/{id}`) and no address or token stays.
fn normalize_path(path: &str, out: &mut String) {
    for (k, seg) in path.split('/').enumerate() {
        if k > 0 {
            out.push('/');
        }
        match segment_kind(seg.as_bytes()) {
            Some(kind) => out.push_str(kind),
            None => out.push_str(seg),
        }
    }
}

/// The template of a path segment: `{id}` (digits), `{uuid}`, `{hex}` (16 hex digits or
/// more), `{email}` (an address, `@` or `%40`), `{token}` (a JWT or a generated credential:
/// 16 bytes or more mixing letters and digits that do not read as words); `None` for a
/// segment that stays (`orders`, `v2`, `my-first-post`, `app.min.js`).
fn segment_kind(b: &[u8]) -> Option<&'static str> {
    use crate::rules::validators::{generated_token, is_email, is_jwt};
    if !b.is_empty() && b.iter().all(u8::is_ascii_digit) {
        Some("{id}")
    } else if is_uuid(b) {
        Some("{uuid}")
    } else if b.len() >= 16 && b.iter().all(u8::is_ascii_hexdigit) {
        Some("{hex}")
    } else if is_address(b) && is_email(b) {
        Some("{email}")
    } else if (b.iter().filter(|&&c| c == b'.').count() == 2 && is_jwt(b)) || generated_token(b) {
        Some("{token}")
    } else {
        None
    }
}

/// A local part, `@` (or `%40`) and a domain with a dot.
fn is_address(b: &[u8]) -> bool {
    let (local, domain) = match memchr::memchr(b'@', b) {
        Some(at) => (&b[..at], &b[at + 1..]),
        None => match memchr::memmem::find(b, b"%40") {
            Some(at) => (&b[..at], &b[at + 3..]),
            None => return false,
        },
    };
    !local.is_empty() && domain.len() > 2 && domain[1..domain.len() - 1].contains(&b'.')
}

/// [`super::Rewrite`] for a whole URL (`url.full`, `http.url`, `http.target`, `url.path`).
pub(crate) fn rewrite_full(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool {
    sanitize(value, UrlPart::Full, cx.url, out)
}

/// [`super::Rewrite`] for a query string (`url.query`).
pub(crate) fn rewrite_query(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool {
    sanitize(value, UrlPart::Query, cx.url, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(u: &str, part: UrlPart, opts: &UrlOptions) -> Option<String> {
        let mut out = String::new();
        sanitize(u, part, &UrlRules::new(opts), &mut out).then_some(out)
    }

    fn s(u: &str) -> Option<String> {
        run(u, UrlPart::Full, &UrlOptions::default())
    }

    #[test]
    fn a_query_loses_every_leading_question_mark() {
        let q = |v: &str| run(v, UrlPart::Query, &UrlOptions::default()).unwrap();
        assert_eq!(q("?&?cbc&n&&&n_na&0lt("), "cbc&n&n_na&0lt(");
        assert_eq!(q(&q("?&?cbc&n")), q("?&?cbc&n"));
        assert_eq!(q("a=1&?b=2"), "a=1&?b=2");
    }

    #[test]
    fn bare_query_strings_are_read_as_queries() {
        assert_eq!(
            s("AWSAccessKeyId=AKIA&Expires=1&%53%69gnature=abc%2F").unwrap(),
            "AWSAccessKeyId=REDACTED&Expires=1&%53%69gnature=REDACTED"
        );
        assert_eq!(s("page=2&sort=asc").unwrap(), "page=2&sort=asc");
        for prose in [
            "not a url: token=abc",
            "a/b=c",
            "host:8080",
            "=x&token=y",
            "token",
        ] {
            assert_eq!(s(prose), None, "{prose}");
        }
    }

    #[test]
    fn credentials_params_and_fragments() {
        assert_eq!(
            s("https://user:pass@example.com/a?x=1#frag").unwrap(),
            "https://REDACTED:REDACTED@example.com/a?x=1"
        );
        assert_eq!(
            s("https://tok@example.com/").unwrap(),
            "https://REDACTED@example.com/"
        );
        assert_eq!(
            s("https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIA&Signature=abc%2F&Expires=1")
                .unwrap(),
            "https://b.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&Expires=1"
        );
        assert_eq!(
            s("/search?q=shoes&api%5Fkey=123").unwrap(),
            "/search?q=shoes&api%5Fkey=REDACTED"
        );
        assert_eq!(
            s("/a?Access_Token=x&X-AMZ-SIGNATURE=y&%53ig=z&tokens=1").unwrap(),
            "/a?Access_Token=REDACTED&X-AMZ-SIGNATURE=REDACTED&%53ig=REDACTED&tokens=1"
        );
        assert_eq!(s("not a url"), None);
        // A `#` in a password: unreadable here (the content rules take the userinfo).
        assert_eq!(s("redis://default:p@ss#w0rd@redis:6379/0"), None);
        assert_eq!(s("https://h.example/p#a@b").unwrap(), "https://h.example/p");
    }

    #[test]
    fn encoded_parameters_inside_a_value() {
        for (input, want) in [
            (
                "https://a.example.com/login?next=https%3A%2F%2Fb.example.com%2Fcb%3Faccess_token%3Dabc123%26x%3D1&lang=en",
                "https://a.example.com/login?next=https%3A%2F%2Fb.example.com%2Fcb%3Faccess_token%3DREDACTED%26x%3D1&lang=en",
            ),
            // A bare encoded query, lower-case escapes, the sensitive name itself encoded.
            (
                "/cb?state=a%3d1%26code%3dXYZ%26%73ig%3Dq",
                "/cb?state=a%3d1%26code%3dREDACTED%26%73ig%3DREDACTED",
            ),
            // No encoded `=`, or a broken escape: the value stays as it is.
            ("/a?next=%2Fhome%3F&b=%3", "/a?next=%2Fhome%3F&b=%3"),
            ("/a?next=token%3", "/a?next=token%3"),
            ("/a?next=%2Fcb%3Ftoken%3Dabc", "/a?next=%2Fcb%3Ftoken%3DREDACTED"),
        ] {
            let once = s(input).unwrap();
            assert_eq!(once, want);
            // Sanitising the output again changes nothing.
            assert_eq!(s(&once).unwrap(), once);
        }
    }

    #[test]
    fn allowlist_and_path_normalisation() {
        let opts = UrlOptions {
            query_allowlist: Some(vec!["page".into(), "limit".into()]),
            normalize_paths: true,
            ..UrlOptions::default()
        };
        assert_eq!(
            run("/users/12345/orders/550e8400-e29b-41d4-a716-446655440000/f/4bf92f3577b34da6?page=2&email=a@b.c", UrlPart::Full, &opts)
                .unwrap(),
            "/users/{id}/orders/{uuid}/f/{hex}?page=2"
        );
        assert_eq!(
            run("/users/ana.ruiz@example.org/reset/Qm7Zx2Lp9Vt4Rw8Kb3Nc/v2/my-first-post/app.min.js", UrlPart::Full, &opts).unwrap(),
            "/users/{email}/reset/{token}/v2/my-first-post/app.min.js"
        );
        assert_eq!(
            run("/u/kim%40example.net/s/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLWJ5dGVz/UserProfileCache2024", UrlPart::Full, &opts).unwrap(),
            "/u/{email}/s/{token}/UserProfileCache2024"
        );
    }

    #[test]
    fn special_scheme_without_slashes() {
        assert_eq!(
            s("https:user:secret@collector:4318/v1/traces?token=x").unwrap(),
            "https://REDACTED:REDACTED@collector:4318/v1/traces?token=REDACTED"
        );
        assert_eq!(s("HTTP:host.example/a").unwrap(), "HTTP://host.example/a");
        assert_eq!(
            run("token=abc&page=1", UrlPart::Query, &UrlOptions::default()).unwrap(),
            "token=REDACTED&page=1"
        );
    }
}

//! Which part of a match is the secret. Most rules replace their whole match; a rule with a
//! `secret` group keeps its context (`password=`, `Bearer `, `scheme://`) and replaces only
//! the group. Running a pattern again with captures costs far more than the search that found
//! the match (the key=value patterns start with an ambiguous key part, so the capture engine
//! backtracks over it), so the builtin rules whose group sits in a fixed place say where it is
//! and it is read off the match directly. Each shape gives exactly the span the pattern's
//! captures would on a match of that pattern; the tests compare the two on generated matches.

use crate::text::bytes::ByteSet;

/// Where the secret lies in a match of the rule's whole pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SecretPart {
    /// No secret group: the whole match.
    Whole,
    /// The pattern's `secret` (or `secret2`, `secret3`) group, found by running the pattern
    /// again with captures (custom rules, and builtins whose group has no fixed place).
    Captured,
    /// Everything after the first run of blanks: `Bearer <secret>`.
    AfterBlanks,
    /// The last `n` bytes.
    Last(usize),
    /// After the first `:`/`=` and its blanks: a value in double quotes (optionally
    /// backslash-escaped, as in JSON inside a string), in single quotes, or bare (`secret_kv`).
    QuotedValue,
    /// The trailing run of bytes outside the set, after the first `:`/`=` (`authorization`:
    /// the scheme word before the credentials is kept).
    TrailingRun(ByteSet),
}

impl SecretPart {
    /// The secret's byte range in `m`, a match of the rule's whole pattern; `None` when `m`
    /// does not have the shape (the caller then replaces the whole match: fail closed) or the
    /// part must be captured.
    pub(crate) fn locate(self, m: &[u8]) -> Option<(usize, usize)> {
        match self {
            SecretPart::Whole => Some((0, m.len())),
            SecretPart::Captured => None,
            SecretPart::AfterBlanks => {
                let first = m.iter().position(|&b| is_blank(b))?;
                let start = first + m[first..].iter().take_while(|&&b| is_blank(b)).count();
                (start < m.len()).then_some((start, m.len()))
            }
            SecretPart::Last(n) => (n > 0 && n <= m.len()).then(|| (m.len() - n, m.len())),
            SecretPart::QuotedValue => quoted_value(m),
            SecretPart::TrailingRun(stop) => separator_ends(m).find_map(|sep| {
                let run = m[sep + 1..]
                    .iter()
                    .rev()
                    .take_while(|&&b| !stop.contains(b))
                    .count();
                (run > 0).then(|| (m.len() - run, m.len()))
            }),
        }
    }
}

pub(crate) fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The last bytes the separator may end at: the second byte of a two-byte one (`=>` in
/// `:password => "x"`, `:=`, `==`) first, then the first `:` or `=` (the key before it, word
/// bytes, quotes and blanks, holds neither), which a leftmost-first regex falls back to when
/// the longer separator leaves no value (`password:=` is `password` and `=`).
fn separator_ends(m: &[u8]) -> impl Iterator<Item = usize> {
    let sep = m.iter().position(|&b| b == b':' || b == b'=');
    let two = sep.filter(|&i| {
        matches!(
            (m[i], m.get(i + 1)),
            (b'=', Some(b'>' | b'=')) | (b':', Some(b'='))
        )
    });
    two.map(|i| i + 1).into_iter().chain(sep)
}

/// Whether `m`'s separator is a comparison or a declaration (`==`, `:=`) that no quote
/// follows: `a == b` compares names, `token := os.Getenv(…)` calls, and in
/// `…98Y3SIg== size=1` the `==` is base64 padding. Only a string literal after one is a value.
pub(crate) fn operator_without_literal(m: &[u8]) -> bool {
    let Some(sep) = m.iter().position(|&b| b == b':' || b == b'=') else {
        return false;
    };
    if m.get(sep + 1) != Some(&b'=') {
        return false;
    }
    let rest = &m[sep + 2..];
    let blanks = rest.iter().take_while(|&&b| is_blank(b)).count();
    !matches!(rest.get(blanks), Some(b'"' | b'\'' | b'\\'))
}

/// Bytes a bare `secret_kv` value cannot hold.
pub(crate) const BARE_END: ByteSet = ByteSet::from_spec("\t\n\x0b\x0c\r \"'&,;<>\\)]}");
/// Bytes an `authorization` credential cannot hold (`[^\s"',;\\<>)\]}]`).
pub(crate) const CREDENTIAL_STOP: ByteSet = ByteSet::from_spec("\t\n\x0b\x0c\r \"',;\\<>)]}");

/// `secret_kv`'s value part, `[ \t]*\\?["'(]?(?:\\?"S1\\?"|'S2'|S3)` to the end of the match,
/// read the way a leftmost-first regex reads it: the optional backslash and quote (or the
/// parenthesis of PostgreSQL's `Key (api_token)=(…)`) are taken when present unless that
/// leaves no way to finish, and the alternatives are tried in order.
fn quoted_value(m: &[u8]) -> Option<(usize, usize)> {
    separator_ends(m).find_map(|sep| value_after(m, sep + 1))
}

/// [`quoted_value`] after a separator that ends before `at`.
fn value_after(m: &[u8], mut at: usize) -> Option<(usize, usize)> {
    while at < m.len() && is_blank(m[at]) {
        at += 1;
    }
    for slash in [true, false] {
        let mut i = at;
        if slash {
            if m.get(i) != Some(&b'\\') {
                continue;
            }
            i += 1;
        }
        for quote in [true, false] {
            let mut j = i;
            if quote {
                if !matches!(m.get(j), Some(b'"' | b'\'' | b'(')) {
                    continue;
                }
                j += 1;
            }
            if let Some(span) = value_alternatives(m, j) {
                return Some(span);
            }
        }
    }
    None
}

/// The three value forms of `secret_kv`, in the pattern's order, each running to the end.
fn value_alternatives(m: &[u8], from: usize) -> Option<(usize, usize)> {
    let rest = &m[from..];
    // `\\?"` then `[^"\\\n]+` then `\\?"`.
    let open = usize::from(rest.first() == Some(&b'\\'));
    if rest.get(open) == Some(&b'"') {
        let body = open + 1;
        let len = rest[body..]
            .iter()
            .take_while(|&&b| !matches!(b, b'"' | b'\\' | b'\n'))
            .count();
        let tail = &rest[body + len..];
        if len > 0 && (tail == b"\"" || tail == b"\\\"") {
            return Some((from + body, from + body + len));
        }
    }
    // `'` then `[^'\n]+` then `'`.
    if rest.len() >= 3 && rest[0] == b'\'' && rest[rest.len() - 1] == b'\'' {
        let body = &rest[1..rest.len() - 1];
        if !body.iter().any(|&b| b == b'\'' || b == b'\n') {
            return Some((from + 1, m.len() - 1));
        }
    }
    // A bare value: `[^END]+(?:&[^END=]+)*`, an ampersand inside it followed by anything but
    // the next `name=` of a query string (`Password=Tr0ub4dor&3`, `token=x&page=2`).
    let mut pieces = rest.split(|&b| b == b'&');
    let first = pieces.next().unwrap_or_default();
    let bare = |p: &[u8]| !p.is_empty() && !p.iter().any(|&b| BARE_END.contains(b));
    (bare(first) && pieces.all(|p| bare(p) && !p.contains(&b'='))).then_some((from, m.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin::BUILTINS;
    use proptest::prelude::*;
    use regex_automata::{meta, Anchored, Input};

    /// A builtin's shape next to its pattern run with captures, as the engine did before
    /// shapes existed.
    struct Oracle {
        id: &'static str,
        shape: SecretPart,
        re: meta::Regex,
    }

    impl Oracle {
        fn new(id: &'static str) -> Oracle {
            let b = BUILTINS.iter().find(|b| b.id == id).unwrap();
            let re = meta::Regex::builder()
                .syntax(crate::scan::syntax_config())
                .configure(meta::Config::new().utf8_empty(false))
                .build(&format!("^(?-u:{})$", b.pattern))
                .unwrap();
            Oracle {
                id,
                shape: b.secret,
                re,
            }
        }

        /// The group the captures give, or None when the pattern does not match `m` whole.
        fn captured(&self, m: &[u8]) -> Option<(usize, usize)> {
            let mut caps = self.re.create_captures();
            self.re
                .search_captures(&Input::new(m).anchored(Anchored::Yes), &mut caps);
            if !caps.is_match() {
                return None;
            }
            ["secret", "secret2", "secret3"]
                .iter()
                .find_map(|n| caps.get_group_by_name(n))
                .map(|g| (g.start, g.end))
        }

        /// Whether `m` is a match; if so, the shape must give the captured span.
        fn agrees(&self, m: &[u8]) -> bool {
            let Some(want) = self.captured(m) else {
                return false;
            };
            assert_eq!(
                self.shape.locate(m),
                Some(want),
                "{} on {:?}",
                self.id,
                String::from_utf8_lossy(m)
            );
            true
        }
    }

    #[test]
    fn every_group_has_a_shape_and_only_groups_do() {
        for b in BUILTINS {
            let grouped = b.pattern.contains("(?P<secret>");
            assert_eq!(grouped, b.secret != SecretPart::Whole, "{}", b.id);
        }
    }

    #[test]
    fn shapes_agree_with_captures_on_examples() {
        for (id, m) in [
            ("secret_kv", &b"password=hunter2"[..]),
            ("secret_kv", b"password\": \"hunter2\""),
            ("secret_kv", b"password\\\":\\\"hunter 2\\\""),
            ("secret_kv", b"pwd='a b c'"),
            ("secret_kv", b"token:\t'x'"),
            ("secret_kv", b"api_key=\"\"x\""),
            ("secret_kv", b"secret=\\x"),
            ("authorization", b"Authorization: Bearer abc.def"),
            ("authorization", b"authorization=ApiKey x=y"),
            ("authorization", b"authorization\":\"Token 9f8e7d6c5b4a3928"),
            ("bearer_token", b"Bearer \t abc.def-ghi"),
            ("basic_auth", b"Basic dXNlcjpwYXNzd29yZA=="),
            (
                "aws_secret_access_key",
                b"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
        ] {
            assert!(
                Oracle::new(id).agrees(m),
                "{id} does not match {:?}",
                String::from_utf8_lossy(m)
            );
        }
    }

    /// Every string of up to `n` pieces from `alphabet`.
    fn all_strings(alphabet: &[&str], n: usize) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut last = out.clone();
        for _ in 0..n {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |a| format!("{s}{a}")))
                .collect();
            out.extend(last.iter().cloned());
        }
        out
    }

    #[test]
    fn key_value_shapes_agree_with_captures_on_every_short_value() {
        let oracles = ["secret_kv", "authorization"].map(Oracle::new);
        let befores = all_strings(&["\\", "\"", "'", " "], 2);
        let values = all_strings(&["\\", "\"", "'", " ", "a", "=", "&", "\n"], 4);
        let mut matched = [0usize; 2];
        for key in ["password", "Authorization"] {
            for before in &befores {
                for value in &values {
                    let m = format!("{key}{before}:{value}");
                    for (o, n) in oracles.iter().zip(&mut matched) {
                        *n += usize::from(o.agrees(m.as_bytes()));
                    }
                }
            }
        }
        // The enumeration reaches every form (quoted, escaped, bare, with a scheme).
        assert!(matched.iter().all(|&n| n > 1000), "{matched:?}");
    }

    fn pieces(alphabet: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(alphabet), 0..10).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn key_value_shapes_agree_with_captures(
            key in prop::sample::select(&["password", "x_token", "Authorization", "aws_secret_access_key"][..]),
            before in pieces(&["\\", "\"", "'", " ", "\t"]),
            sep in prop::sample::select(&[":", "="][..]),
            value in pieces(&["\\", "\"", "'", " ", "\t", "a", "Z9", "=", ":", "&", ";", "\n", "/+", "-", "Bearer "]),
        ) {
            let m = format!("{key}{before}{sep}{value}");
            for id in ["secret_kv", "authorization", "aws_secret_access_key"] {
                Oracle::new(id).agrees(m.as_bytes());
            }
        }

        #[test]
        fn scheme_shapes_agree_with_captures(
            scheme in prop::sample::select(&["Bearer", "basic", "BASIC"][..]),
            blanks in pieces(&[" ", "\t"]),
            value in pieces(&["a", "Z9", "=", "/+", ".", "-", "~", " "]),
        ) {
            let m = format!("{scheme}{blanks}{value}");
            for id in ["bearer_token", "basic_auth"] {
                Oracle::new(id).agrees(m.as_bytes());
            }
        }
    }
}

//! Validators of credentials that their context names: `secret_kv` (the key names a secret,
//! the value is not a placeholder) and `userinfo` (a URL's `user:password`).

use super::tokens::entropy;
use crate::rules::secret::{is_blank, operator_without_literal};
use crate::rules::vocabulary::{is_placeholder, key_names_secret, stands_for_a_value};
use crate::text::bytes::is_uuid;

/// Whether the key of a `key=value` match may name a secret: it does, or it is a bare `key`
/// whose value [`secret_kv`] reads.
pub(crate) fn secret_kv_key(m: &[u8]) -> bool {
    let key = kv_key(m);
    key_names_secret(key) || bare_key(key)
}

/// The key of a `key=value` match: it runs to its quote or separator; a blank inside it is
/// the one of a key of two words (`api key: …`, which the word split reads as `api`, `key`),
/// blanks at its end stand before the separator.
fn kv_key(m: &[u8]) -> &[u8] {
    let key_end = m
        .iter()
        .position(|&b| matches!(b, b'=' | b':' | b'"' | b'\'' | b'\\'))
        .unwrap_or(m.len());
    let key = &m[..key_end];
    let blanks = key.iter().rev().take_while(|&&b| is_blank(b)).count();
    &key[..key.len() - blanks]
}

/// Whether a key is the word `key` alone (`key=…`, `?key=…`, `Using Key=…`): it names a cache,
/// partition or map key as often as an API key, so its value must read as a credential
/// ([`generated_token`]).
pub(crate) fn bare_key(key: &[u8]) -> bool {
    key.eq_ignore_ascii_case(b"key")
}

/// A value that reads as a generated credential rather than a name, a path or a number:
/// 16 to 512 bytes of letters, digits and base64 or URL-safe marks, holding letters and
/// digits both, at 3 bits of entropy per byte or more, not a UUID (ids are written as UUIDs),
/// and either hex or, not reading as words, mixing cases (base62, base64; not
/// `UserProfileCache2024`) or one run of one case (not `session_cache_v2_user_1042`).
pub(crate) fn generated_token(v: &[u8]) -> bool {
    let marks = v.iter().filter(|b| !b.is_ascii_alphanumeric()).count();
    let mixed_case = v.iter().any(u8::is_ascii_uppercase) && v.iter().any(u8::is_ascii_lowercase);
    let shape = v.iter().all(u8::is_ascii_hexdigit)
        || (mixed_case && !wordy(v))
        || (!mixed_case && marks == 0 && !wordy(v) && entropy(v) >= 3.5);
    (16..=512).contains(&v.len())
        && v.iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'='))
        && v.iter().any(u8::is_ascii_digit)
        && v.iter().any(u8::is_ascii_alphabetic)
        && shape
        && !is_uuid(v)
        && entropy(v) >= 3.0
}

/// Whether runs of four lower-case letters or more make up 40 % of `v` or more: the words of
/// a camel-case name. In a random base62 value such runs are rare.
fn wordy(v: &[u8]) -> bool {
    let mut in_words = 0;
    let mut run = 0;
    for &b in v.iter().chain([&b'.']) {
        if b.is_ascii_lowercase() {
            run += 1;
        } else {
            if run >= 4 {
                in_words += run;
            }
            run = 0;
        }
    }
    in_words * 5 >= v.len() * 2
}

/// `secret_kv` whole: the key ([`secret_kv_key`]) and the value.
pub(crate) fn secret_kv(m: &[u8], secret: &[u8]) -> bool {
    secret_kv_key(m) && secret_kv_value(m, secret)
}

/// The value of a `key=value` match whose key passed [`secret_kv_key`]: not a placeholder, a
/// reference or an escaped separator; after a bare `key` (which names no secret by itself),
/// a generated-looking token.
pub(crate) fn secret_kv_value(m: &[u8], secret: &[u8]) -> bool {
    // `${DB_PASS:-default}`: the value is the default after the expansion's operator (a
    // hard-coded default may be a real password; `${DB_PASS:-x}` holds none).
    let secret = match secret {
        [op @ (b'-' | b'=' | b'?' | b'+'), rest @ ..]
            if memchr::memmem::find(m, &[b':', *op]).is_some() =>
        {
            rest
        }
        _ => secret,
    };
    let tiny_number = secret.len() <= 2 && secret.iter().all(u8::is_ascii_digit);
    // `"Credentials":{"AccessKeyId":…}`: the value opens a structure whose own keys are
    // checked; the bracket is no secret.
    let opens_structure = secret.iter().all(|&b| matches!(b, b'{' | b'['));
    // `content-md5=XBl…SIg==`: base64 padding after a value that reads as a key.
    let padding = secret.iter().all(|&b| b == b'=');
    // `token=abc&amp;page=2`: an HTML entity is the escaped separator of a query string, not
    // part of the value (the shorter reading, `abc`, is tried next).
    let entity = secret
        .iter()
        .rposition(|&b| b == b'&')
        .map(|i| &secret[i + 1..]);
    let ends_in_entity = entity.is_some_and(|e| {
        matches!(e, b"amp" | b"lt" | b"gt" | b"quot" | b"apos")
            || (e.first() == Some(&b'#')
                && e.len() > 1
                && e[1..].iter().all(u8::is_ascii_alphanumeric))
    });
    // `"Password:", hint:"…"`: a key read inside one string, and a "value" that is the gap
    // between two strings, beginning with their separator.
    let between_strings = matches!(secret, [b',' | b';', b' ', ..]);
    let value_ok = !is_placeholder(secret)
        && !between_strings
        && !ends_in_entity
        && !tiny_number
        && !opens_structure
        && !padding
        && !secret.starts_with(b"//");
    if !value_ok || operator_without_literal(m) {
        return false;
    }
    !bare_key(kv_key(m)) || generated_token(secret)
}

/// A URL's `user:password`: the password is a value, not a mask or a reference
/// (`user:*****`, `${USER}:${PASS}`), and the pair is not a template (`username:password`,
/// `user:token`). A common word alone is a password (`app:secret`).
pub(crate) fn userinfo(secret: &[u8]) -> bool {
    let (user, password) = match secret.iter().position(|&b| b == b':') {
        Some(i) => (&secret[..i], &secret[i + 1..]),
        None => (secret, &b""[..]),
    };
    let one_of = |word: &[u8], words: &[&str]| {
        words
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
    };
    let template_user = one_of(user, &["user", "username", "login", "name", "usr"]);
    let template_password = one_of(
        password,
        &[
            "password", "pass", "passwd", "pwd", "token", "secret", "key", "apikey", "api_key",
        ],
    );
    let template = template_user && template_password;
    !(stands_for_a_value(password) || template)
}

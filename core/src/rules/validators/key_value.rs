//! Validators of credentials that their context names: `secret_kv` (the key names a secret,
//! the value is not a placeholder) and `userinfo` (a URL's `user:password`).

use crate::rules::secret::is_blank;
use crate::rules::vocabulary::{is_placeholder, key_names_secret, stands_for_a_value};

pub(crate) fn secret_kv_key(m: &[u8]) -> bool {
    // The key runs to its quote or separator; a blank inside it is the one of a key of two
    // words (`api key: …`, which the word split reads as `api`, `key`), blanks at its end
    // stand before the separator.
    let key_end = m
        .iter()
        .position(|&b| matches!(b, b'=' | b':' | b'"' | b'\'' | b'\\'))
        .unwrap_or(m.len());
    let key = &m[..key_end];
    let blanks = key.iter().rev().take_while(|&&b| is_blank(b)).count();
    key_names_secret(&key[..key.len() - blanks])
}

pub(crate) fn secret_kv(m: &[u8], secret: &[u8]) -> bool {
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
    value_ok && secret_kv_key(m)
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

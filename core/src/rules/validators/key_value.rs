//! The `secret_kv` validator: the key names a secret, the value is not a placeholder.

use crate::rules::secret::is_blank;
use crate::rules::vocabulary::{is_placeholder, key_names_secret};

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
    let value_ok = !is_placeholder(secret)
        && !ends_in_entity
        && !tiny_number
        && !opens_structure
        && !padding
        && !secret.starts_with(b"//");
    value_ok && secret_kv_key(m)
}

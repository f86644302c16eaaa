//! The secret-word vocabulary: which keys name a secret (`password`, `api_key`,
//! `x-auth-token`), which describe one without holding it (`password_length`,
//! `token_type`), and which values are placeholders rather than secrets.

/// Values that are obviously not secrets: placeholders, booleans, earlier redactions.
/// A bind marker of a normalised statement (`?`, `$1`, `:name`, `@p1`, `%s`).
fn is_bind_marker(v: &[u8]) -> bool {
    match v {
        [b'?'] | [b'%', b's'] => true,
        [b'$', rest @ ..] => !rest.is_empty() && rest.iter().all(u8::is_ascii_digit),
        [b':' | b'@', rest @ ..] => {
            !rest.is_empty() && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        }
        _ => false,
    }
}

pub(crate) fn is_placeholder(v: &[u8]) -> bool {
    // Quotes, backslashes and blanks only: the quoting of an empty value, not a value.
    if v.iter()
        .all(|&b| matches!(b, b'"' | b'\'' | b'`' | b'\\' | b' ' | b'\t'))
    {
        return true;
    }
    // A placeholder after a quote is one too (`'[REDACTED:secret_kv]'`, left so by a pass
    // that took the quotes for part of a value).
    let v = match v.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let inner = &v[1..];
            inner.strip_suffix(&[q]).unwrap_or(inner)
        }
        // And after an opening parenthesis (`([REDACTED:secret_kv]`, where a value in
        // parentheses was masked).
        Some(b'(') => {
            let inner = &v[1..];
            inner.strip_suffix(b")").unwrap_or(inner)
        }
        // And a bracketed one after a brace (`{[REDACTED:phone]`, where a value after a brace
        // was masked; `{password}` is a format field, read below).
        Some(b'{') if v.get(1) == Some(&b'[') => {
            let inner = &v[1..];
            inner.strip_suffix(b"}").unwrap_or(inner)
        }
        _ => v,
    };
    if is_bind_marker(v) {
        return true;
    }
    const WORDS: &[&[u8]] = &[
        b"true",
        b"false",
        b"null",
        b"none",
        b"nil",
        b"undefined",
        b"yes",
        b"no",
        b"on",
        b"off",
        b"redacted",
        b"<redacted>",
        b"[redacted]",
        b"[filtered]",
        b"<hidden>",
        b"hidden",
        b"masked",
        b"n/a",
        b"empty",
        // States, not values (`auth: ok`, `password: required`, `token=expired`).
        b"ok",
        b"set",
        b"unset",
        b"required",
        b"missing",
        b"invalid",
        b"expired",
        b"revoked",
        b"valid",
        b"enabled",
        b"disabled",
        b"present",
        b"absent",
        b"provided",
        b"failed",
        b"succeeded",
        b"success",
        b"started",
        b"stopped",
        b"rotated",
        // Prose after a label (`Invalid token: expected 3 segments`, `Password: must be…`).
        b"expected",
        b"must",
        b"should",
        b"cannot",
        b"not",
        b"is",
        b"was",
        b"will",
        b"has",
    ];
    // A word in brackets (`[FILTERED]`, `<hidden>`; `(masked)` was unwrapped above), also when
    // the value's bytes stop before the closing one (`password=[FILTERED]` reads `[FILTERED`).
    let bare = match v.first() {
        Some(b'[' | b'<') => {
            let inner = &v[1..];
            inner
                .strip_suffix(b"]")
                .or_else(|| inner.strip_suffix(b">"))
                .unwrap_or(inner)
        }
        _ => v,
    };
    const BRACKETED: &[&[u8]] = &[b"filtered", b"removed", b"scrubbed", b"sanitized"];
    v.is_empty()
        || WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
        || (bare.len() < v.len()
            && WORDS
                .iter()
                .chain(BRACKETED)
                .any(|w| bare.eq_ignore_ascii_case(w)))
        || is_mask_run(v)
        || code_reference(v)
        || is_label(v)
        // What a `partial` action leaves: a run of mask characters, then a few kept ones.
        || v.starts_with(b"***")
        || v.starts_with(b"[REDACTED")
        || v.starts_with(b"[HASH:")
        || v.starts_with(b"${")
        || template_reference(v)
        || v.starts_with(b"{{")
        || v.starts_with(b"REDACTED")
}

/// A reference to a value, not a value: `$API_KEY` (an upper-case environment variable) or
/// `{password}` (a format field, also without its closing brace, where a bare value stops).
/// A text that stands for a value and is never one: a run of mask characters, a reference
/// (`${PASS}`, `$PASS`, `{{ .Values.password }}`), a word in angle brackets (`<password>`), or
/// an earlier redaction.
pub(crate) fn stands_for_a_value(v: &[u8]) -> bool {
    is_mask_run(v)
        || template_reference(v)
        || v.starts_with(b"${")
        || v.starts_with(b"{{")
        || v.starts_with(b"[REDACTED")
        || v.starts_with(b"REDACTED")
        || (v.len() > 2 && v.starts_with(b"<") && v.ends_with(b">"))
}

/// A run of mask characters standing for a value (`********`, `xxxx`, `####`, `0000`): any
/// length of `*`, `x`, `X`, `.`; three or more of `#`, `0`, `-`, `_` (a lone `0` is a value).
fn is_mask_run(v: &[u8]) -> bool {
    match v.first() {
        Some(b'*' | b'x' | b'X' | b'.') => {
            v.iter().all(|&b| matches!(b, b'*' | b'x' | b'X' | b'.'))
        }
        Some(&first @ (b'#' | b'0' | b'-' | b'_')) => v.len() >= 3 && v.iter().all(|&b| b == first),
        _ => false,
    }
}

/// Code that reads a secret rather than the secret: an environment lookup (`env.API_TOKEN`,
/// `process.env.API_KEY`, `os.environ["X"]`, `System.getenv("X")`) or a call
/// (`getPassword()`, `get_secret("db")`, which a value's bytes end at the `(`).
fn code_reference(v: &[u8]) -> bool {
    const LOOKUPS: &[&[u8]] = &[
        b"env.",
        b"process.env.",
        b"import.meta.env.",
        b"os.environ",
        b"os.getenv(",
        b"getenv(",
        b"System.getenv(",
        b"Environment.GetEnvironmentVariable(",
        b"ENV[",
        b"ENV.fetch(",
    ];
    if LOOKUPS.iter().any(|l| v.starts_with(l)) {
        return true;
    }
    let Some(name) = v.strip_suffix(b"(").or_else(|| v.strip_suffix(b"()")) else {
        return false;
    };
    // A function's name: lower-case first, letters, `_` and `.` (a password with a `(` has
    // digits or other bytes, which no reading function's name has).
    let identifier = name.len() >= 3
        && name[0].is_ascii_lowercase()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'.'));
    // Code-like: a dotted or snake_case name, a camelCase one, or a reading verb first.
    let camel = name
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let verb = [
        b"get".as_slice(),
        b"read",
        b"load",
        b"fetch",
        b"decrypt",
        b"lookup",
    ]
    .iter()
    .any(|p| name.starts_with(p));
    identifier && (camel || verb || name.iter().any(|&b| matches!(b, b'_' | b'.')))
}

/// A label, not a value: up to three words ending in a colon, the last of which names the
/// field (`passwordLabel:"Password:"`, `"API token:"`, `"Enter your password:"`).
fn is_label(v: &[u8]) -> bool {
    let Some(words) = v.strip_suffix(b":") else {
        return false;
    };
    let last = words.rsplit(|&b| b == b' ').next().unwrap_or(words);
    const FIELDS: &[&str] = &[
        "password",
        "passphrase",
        "passcode",
        "pin",
        "token",
        "key",
        "secret",
        "code",
    ];
    words.len() <= 32
        && words.split(|&b| b == b' ').count() <= 3
        && words.iter().all(|&b| b.is_ascii_alphabetic() || b == b' ')
        && FIELDS
            .iter()
            .any(|f| last.eq_ignore_ascii_case(f.as_bytes()))
}

fn template_reference(v: &[u8]) -> bool {
    let ident = |s: &[u8], upper: bool| {
        !s.is_empty()
            && s.iter().all(|&b| {
                b == b'_'
                    || b.is_ascii_digit()
                    || if upper {
                        b.is_ascii_uppercase()
                    } else {
                        b.is_ascii_alphabetic()
                    }
            })
    };
    match v.first() {
        Some(b'$') => ident(&v[1..], true),
        Some(b'{') => ident(v[1..].strip_suffix(b"}").unwrap_or(&v[1..]), false),
        _ => false,
    }
}

/// Words that, as a token of a key, say the value is a secret.
fn is_secret_word(t: &[u8]) -> bool {
    matches!(
        t,
        b"password"
            | b"passwd"
            | b"pwd"
            | b"pass"
            | b"passphrase"
            | b"passwort"
            | b"passkey"
            | b"secret"
            | b"token"
            | b"apikey"
            | b"credential"
            | b"credentials"
            | b"jsessionid"
            | b"phpsessid"
            | b"sessionid"
            | b"sessid"
            | b"authtoken"
            | b"accesstoken"
            | b"refreshtoken"
            | b"privatekey"
            | b"accesskey"
            | b"secretkey"
            | b"clientsecret"
            | b"secretaccesskey"
            | b"awssecretaccesskey"
            | b"awssecretkey"
            | b"ssn"
            | b"pin"
            | b"cvv"
            | b"cvc"
            | b"sig"
            | b"signature"
            | b"session"
            | b"sid"
            | b"auth"
            | b"passcode"
            | b"otp"
            | b"totp"
            | b"mfa"
            // A phone number in text (`phone=4155550132`, `"phone":"4155550132"`): bare digits
            // are no phone to the content rule, which needs separators.
            | b"phone"
            | b"telephone"
    )
}
/// One word that ends in a secret word: `csrftoken`, `dbpassword`, `appsecret`, `userapikey`
/// (keys written without separators). Plurals (`maxtokens`) and bare `...key` (`cachekey`,
/// `routingkey`) do not count.
fn ends_in_secret_word(t: &[u8]) -> bool {
    [&b"token"[..], b"secret", b"password", b"passwd", b"apikey"]
        .iter()
        .any(|w| t.len() > w.len() && t.ends_with(w))
}

/// Words that, after a secret word, make the key describe the secret rather than hold it.
fn is_describing_word(t: &[u8]) -> bool {
    matches!(
        t,
        b"count"
            | b"length"
            | b"len"
            | b"size"
            | b"type"
            | b"expires"
            | b"expiry"
            | b"expiration"
            | b"expire"
            | b"ttl"
            | b"max"
            | b"min"
            | b"limit"
            | b"usage"
            | b"used"
            | b"timeout"
            | b"policy"
            | b"required"
            | b"reset"
            | b"enabled"
            | b"url"
            | b"uri"
            | b"endpoint"
            | b"path"
            | b"file"
            | b"format"
            | b"hint"
            | b"strength"
            | b"provider"
            | b"name"
            | b"arn"
            | b"ref"
            | b"version"
            | b"rotation"
            | b"header"
            | b"field"
            | b"changed"
            | b"updated"
            | b"created"
            | b"age"
            | b"valid"
            | b"invalid"
            | b"set"
            | b"kind"
            | b"algorithm"
            | b"alg"
            | b"scope"
            | b"scopes"
            | b"issuer"
            | b"audience"
            | b"prefix"
            | b"tokens"
            | b"method"
            | b"mode"
            | b"scheme"
            | b"status"
            | b"state"
            | b"result"
            | b"level"
            | b"realm"
            | b"duration"
            | b"country"
            // Measurements and times: `auth_time=1700000000`, `pass_rate=0.97`.
            | b"time"
            | b"timestamp"
            | b"date"
            | b"days"
            | b"start"
            | b"started"
            | b"end"
            | b"ended"
            | b"issued"
            | b"requested"
            | b"sampled"
            | b"source"
            | b"lifetime"
            | b"remaining"
            | b"active"
            | b"store"
            | b"affinity"
            | b"manager"
            | b"rate"
            | b"ratio"
            | b"index"
            | b"idx"
            | b"interval"
            | b"attempts"
            | b"attempt"
            | b"retries"
            | b"latency"
            // Exception and event names: `AuthError: invalid credentials`,
            // `TokenExpiredError: jwt expired` name a failure, not a secret.
            | b"error"
            | b"errors"
            | b"exception"
            | b"failed"
            | b"failure"
            | b"denied"
            | b"mismatch"
            | b"missing"
            | b"verify"
            | b"verified"
            | b"verification"
            | b"bucket"
    )
}
/// Whether `word`, any case, before `key` or `token`, makes a compound secret word
/// (`API Key`, `access token`).
pub(crate) fn names_compound_secret(word: &[u8]) -> bool {
    let mut lower = [0u8; 16];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    for (l, w) in lower.iter_mut().zip(word) {
        *l = w.to_ascii_lowercase();
    }
    is_compound_head(lower)
}

/// Words that, before `key`, `id` or `token`, make a compound secret word (`api_key`).
fn is_compound_head(t: &[u8]) -> bool {
    matches!(
        t,
        b"api"
            | b"access"
            | b"private"
            | b"secret"
            | b"client"
            | b"auth"
            | b"session"
            | b"refresh"
            | b"signing"
            | b"encryption"
            | b"master"
            | b"account"
            | b"storage"
            | b"app"
            | b"id"
            | b"bearer"
            | b"license"
            | b"hmac"
            | b"ingest"
    )
}

/// Splits a key into lower-case word tokens on `_ . - space` and camelCase humps, calling `f`
/// for each; stops early when `f` returns true.
fn key_tokens(key: &[u8], mut f: impl FnMut(&[u8], Option<&[u8]>) -> bool) -> bool {
    let mut buf = [0u8; 64];
    let mut toks: [(u8, u8); 16] = [(0, 0); 16];
    let mut nt = 0;
    let mut len = 0;
    let mut start = 0;
    let mut prev_lower = false;
    for &b in key.iter().take(buf.len()) {
        let boundary = !b.is_ascii_alphanumeric() || (b.is_ascii_uppercase() && prev_lower);
        if boundary && len > start {
            if nt == toks.len() {
                break;
            }
            toks[nt] = (start as u8, len as u8);
            nt += 1;
            start = len;
        }
        if b.is_ascii_alphanumeric() {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        } else {
            start = len;
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
    }
    if len > start && nt < toks.len() {
        toks[nt] = (start as u8, len as u8);
        nt += 1;
    }
    for i in 0..nt {
        let t = &buf[toks[i].0 as usize..toks[i].1 as usize];
        let next = if i + 1 < nt {
            Some(&buf[toks[i + 1].0 as usize..toks[i + 1].1 as usize])
        } else {
            None
        };
        if f(t, next) {
            return true;
        }
    }
    false
}

/// True when a key (an attribute name, a `key=` in text) names a secret value.
pub(crate) fn key_names_secret(key: &[u8]) -> bool {
    let r = key_reading(key);
    r.found && !r.described
}

/// True when a key names a secret and then describes it, holding no secret itself: its last
/// word is a describing one, after the last secret word (`password_length`, `token_type`,
/// `session.started`, `user.password.changed`, `password_hash_algorithm`; not
/// `session_changed_by`, `password_hash`). Only the last 64 bytes of a long key path are read:
/// a secret word cut off there leaves the key undescribed, so the field rule still applies.
pub(crate) fn key_describes_secret(path: &[u8]) -> bool {
    let r = key_reading(&path[path.len().saturating_sub(64)..]);
    r.found && r.described && r.last_describes
}

/// How a key reads: whether it holds a secret word, whether a describing word follows the
/// last one, and whether the key's last word is such a describing word.
struct KeyReading {
    found: bool,
    described: bool,
    last_describes: bool,
}

fn key_reading(key: &[u8]) -> KeyReading {
    let mut found = false;
    let mut described = false;
    let mut last_describes = false;
    let mut prev: [u8; 16] = [0; 16];
    let mut prev_len = 0;
    key_tokens(key, |t, _next| {
        // The id of a key, a token, a credential or a password names it (`signing_key_id`,
        // `token_id`, `credential_id`); a session id is the session's secret, and the id of a
        // PIN, a CVV or an SSN may be the number itself.
        let names_it = t == b"id"
            && matches!(
                &prev[..prev_len],
                b"key"
                    | b"token"
                    | b"credential"
                    | b"credentials"
                    | b"password"
                    | b"passcode"
                    | b"otp"
                    | b"sig"
                    | b"signature"
            );
        last_describes = found && (is_describing_word(t) || names_it);
        if last_describes {
            described = true;
        } else {
            let compound = matches!(t, b"key" | b"id" | b"token" | b"secret")
                && is_compound_head(&prev[..prev_len]);
            // A secret word after a describing one names a secret again: the last one
            // decides (`password_reset_token` holds a token, `token_expires_at` a time).
            if is_secret_word(t) || compound || ends_in_secret_word(t) {
                found = true;
                described = false;
            }
        }
        prev_len = t.len().min(16);
        prev[..prev_len].copy_from_slice(&t[..prev_len]);
        false
    });
    KeyReading {
        found,
        described,
        last_describes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys() {
        for k in [
            "password",
            "db_password",
            "userPassword",
            "x-api-key",
            "api_key",
            "access_token",
            "client_secret",
            "AWS_SECRET_ACCESS_KEY",
            "session_id",
            "jsessionid",
            "pwd",
            "ssn",
        ] {
            assert!(key_names_secret(k.as_bytes()), "{k}");
        }
        for k in [
            "input_tokens",
            "max_tokens",
            "token_count",
            "passenger",
            "password_length",
            "secret_name",
            "token_type",
            "keyboard",
            "monkey",
            // `secret_kv_value` relies on a bare key naming no secret, in any case.
            "key",
            "KEY",
            "Key",
            "bypass",
            "passed",
        ] {
            assert!(!key_names_secret(k.as_bytes()), "{k}");
        }
    }

    #[test]
    fn references_labels_and_mask_runs_are_placeholders_and_passwords_are_not() {
        for v in [
            "getPassword(",
            "get_secret(",
            "env.API_TOKEN",
            "process.env.KEY",
            "os.environ[",
            "Password:",
            "Enter your password:",
            "####",
            "0000000",
            "---",
        ] {
            assert!(is_placeholder(v.as_bytes()), "{v}");
        }
        for v in [
            "Summer_2024(",
            "Abc(",
            "whoriaitozn:",
            "BaAuthorization:",
            "0",
            "#1",
            "s3cr3t",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v}");
        }
    }
}

//! Tokens and addresses: entropy, JWT, HTTP basic and bearer credentials, API keys, e-mail.

use crate::rules::vocabulary::is_placeholder;

pub(crate) fn entropy(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in s {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// Decodes base64 (standard or URL alphabet, padding optional) into `out`; returns the number
/// of bytes written, or `None` for a byte outside the alphabet. Stops when `out` is full.
fn b64_decode(input: &[u8], out: &mut [u8]) -> Option<usize> {
    let mut acc = 0u32;
    let mut bits = 0;
    let mut n = 0;
    for &b in input {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            if n == out.len() {
                return Some(n);
            }
            out[n] = (acc >> bits) as u8;
            n += 1;
        }
    }
    Some(n)
}

pub(crate) fn jwt(m: &[u8]) -> bool {
    let header = m.split(|&b| b == b'.').next().unwrap_or(b"");
    let mut buf = [0u8; 96];
    let n = match b64_decode(&header[..header.len().min(128)], &mut buf) {
        Some(n) => n,
        None => return false,
    };
    let h = &buf[..n];
    h.starts_with(b"{\"")
        && [&b"\"alg\""[..], b"\"typ\"", b"\"enc\"", b"\"kid\""]
            .iter()
            .any(|k| memchr::memmem::find(h, k).is_some())
}

pub(crate) fn basic_auth(secret: &[u8]) -> bool {
    if secret.len() < 8 || secret.len() > 1024 {
        return false;
    }
    let mut buf = [0u8; 768];
    match b64_decode(secret, &mut buf) {
        Some(n) if n >= 3 => {
            let d = &buf[..n];
            d.contains(&b':') && d.iter().all(|&b| (0x20..0x7f).contains(&b) || b >= 0x80)
        }
        _ => false,
    }
}

pub(crate) fn bearer(secret: &[u8]) -> bool {
    // A value that holds an earlier pass's label was not a credential to that pass (which
    // masked only a part of it): judged again with the label's letters and `_`, it would be.
    if memchr::memmem::find(secret, b"[REDACTED").is_some() {
        return false;
    }
    // `Bearer passed=12` (as in `token_type=Bearer passed=12`) is a word and a pair, not a
    // credential: a `=` inside the token after a letters-only head.
    if let Some(eq) = secret.iter().position(|&b| b == b'=') {
        let padding_only = secret[eq..].iter().all(|&b| b == b'=');
        let word_head = secret[..eq]
            .iter()
            .all(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'.');
        if !padding_only && word_head {
            return false;
        }
    }
    let has_digit = secret.iter().any(u8::is_ascii_digit);
    let has_upper = secret.iter().any(u8::is_ascii_uppercase);
    let has_lower = secret.iter().any(u8::is_ascii_lowercase);
    // Token punctuation between characters (`abc.def.ghi-jkl_mno`): opaque, not a word.
    let inner = secret
        .get(1..secret.len().saturating_sub(1))
        .unwrap_or_default();
    let punctuated = inner
        .iter()
        .any(|b| matches!(b, b'.' | b'-' | b'_' | b'~' | b'+' | b'/'));
    secret.len() >= 8
        && !is_placeholder(secret)
        && (has_digit
            || secret.len() >= 24
            || (secret.len() >= 16 && ((has_upper && has_lower) || punctuated)))
}

pub(crate) fn mixed_alnum(secret: &[u8]) -> bool {
    let has_alpha = secret.iter().any(u8::is_ascii_alphabetic);
    (has_alpha && secret.iter().any(u8::is_ascii_digit))
        || (secret.len() >= 32
            && secret.iter().any(u8::is_ascii_uppercase)
            && secret.iter().any(u8::is_ascii_lowercase)
            // A prefix's dashes (`sk-proj-`), not a kebab-case phrase.
            && secret.iter().filter(|b| !b.is_ascii_alphanumeric()).count() <= 2)
}

pub(crate) fn email(m: &[u8]) -> bool {
    let at = match m.iter().position(|&b| b == b'@') {
        Some(i) => i,
        None => memchr::memmem::find(m, b"%40").unwrap_or(0),
    };
    if at == 0 || m[0] == b'.' || m[at - 1] == b'.' {
        return false;
    }
    // `git@github.com:org/repo.git`: the SSH user of a Git remote, not a mailbox.
    if m[..at].eq_ignore_ascii_case(b"git") {
        return false;
    }
    let tld = m.rsplit(|&b| b == b'.').next().unwrap_or(b"");
    const ASSET: &[&[u8]] = &[
        b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"ico", b"css", b"js", b"mjs", b"map",
        b"ts", b"tsx", b"jsx", b"json", b"html", b"woff", b"woff2",
    ];
    !ASSET.iter().any(|a| tld.eq_ignore_ascii_case(a))
}

//! Password hashes in their storage formats: the modular crypt family (`$1$`, `$2b$`, `$5$`,
//! `$6$`, `$apr1$`, `$y$`), `$argon2id$`, Django's and Werkzeug's PBKDF2 and scrypt strings, and
//! Kerberos roasting hashes. A hash is a secret: offline cracking recovers weak passwords.

/// The crypt alphabet (`./0-9A-Za-z`), which bcrypt and the SHA-crypt family use.
fn crypt_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'/'
}

/// Base64 with or without padding, standard or URL alphabet.
fn b64_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
}

/// A digest must look random: not one byte repeated (`$2b$12$aaaa…` is a placeholder).
fn varied(s: &[u8]) -> bool {
    s.first().is_some_and(|&c| s.iter().any(|&b| b != c))
}

fn all(s: &[u8], class: fn(u8) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&b| class(b))
}

/// Whether `m` is a password hash of a known scheme with parameters in range and a salt and
/// digest of the scheme's alphabet and length.
pub(crate) fn password_hash(m: &[u8]) -> bool {
    let parts: Vec<&[u8]> = m.split(|&b| b == b'$').collect();
    let digest_ok = |d: &[u8]| varied(d);
    match parts.as_slice() {
        [b"", scheme, rest @ ..] => {
            modular_crypt(scheme, rest) && rest.last().is_some_and(|d| digest_ok(d))
        }
        [scheme, rest @ ..] if scheme.starts_with(b"pbkdf2") || scheme.starts_with(b"scrypt") => {
            python_kdf(scheme, rest) && rest.last().is_some_and(|d| digest_ok(d))
        }
        _ => false,
    }
}

/// `$<scheme>$…`: the parts after the scheme.
fn modular_crypt(scheme: &[u8], rest: &[&[u8]]) -> bool {
    match (scheme, rest) {
        (b"2a" | b"2b" | b"2y" | b"2x", [cost, salt_and_hash]) => {
            let cost_ok = cost.len() == 2
                && all(cost, |b| b.is_ascii_digit())
                && (4..=31).contains(&((cost[0] - b'0') * 10 + cost[1] - b'0'));
            cost_ok && salt_and_hash.len() == 53 && all(salt_and_hash, crypt_byte)
        }
        (b"1" | b"apr1", [salt, hash]) => {
            (1..=8).contains(&salt.len())
                && all(salt, crypt_byte)
                && hash.len() == 22
                && all(hash, crypt_byte)
        }
        (b"5" | b"6", [params @ .., salt, hash]) => {
            let want = if scheme == b"5" { 43 } else { 86 };
            params.iter().all(|p| p.starts_with(b"rounds="))
                && params.len() <= 1
                && salt.len() <= 16
                && all(salt, crypt_byte)
                && hash.len() == want
                && all(hash, crypt_byte)
        }
        (b"y" | b"gy" | b"7", [params, salt, hash]) => {
            all(params, crypt_byte)
                && all(salt, crypt_byte)
                && hash.len() >= 40
                && all(hash, crypt_byte)
        }
        (b"argon2id" | b"argon2i" | b"argon2d", [version @ .., costs, salt, hash]) => {
            version.iter().all(|v| v.starts_with(b"v="))
                && costs.starts_with(b"m=")
                && salt.len() >= 8
                && all(salt, b64_byte)
                && hash.len() >= 16
                && all(hash, b64_byte)
        }
        (b"krb5tgs" | b"krb5asrep" | b"krb5pa", [etype, tail @ ..]) => {
            all(etype, |b| b.is_ascii_digit()) && kerberos_tail(tail)
        }
        _ => false,
    }
}

/// A roasting hash ends in a long hex blob; the account and SPN parts before it vary.
fn kerberos_tail(tail: &[&[u8]]) -> bool {
    tail.last().is_some_and(|blob| {
        let hex_run = blob
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        hex_run >= 32
    })
}

/// `pbkdf2_sha256$<iterations>$<salt>$<base64>` (Django) and
/// `pbkdf2:sha256:<iterations>$<salt>$<hex>` / `scrypt:<n>:<r>:<p>$<salt>$<hex>` (Werkzeug).
fn python_kdf(scheme: &[u8], rest: &[&[u8]]) -> bool {
    let params_ok = scheme
        .split(|&b| b == b':' || b == b'_')
        .skip(1)
        .all(|p| all(p, |b| b.is_ascii_alphanumeric()));
    match rest {
        [iterations, salt, hash] if scheme.contains(&b'_') => {
            params_ok
                && all(iterations, |b| b.is_ascii_digit())
                && salt.len() >= 4
                && all(salt, b64_byte)
                && hash.len() >= 20
                && all(hash, b64_byte)
        }
        [salt, hash] => {
            params_ok
                && salt.len() >= 4
                && all(salt, b64_byte)
                && hash.len() >= 32
                && all(hash, |b| b.is_ascii_hexdigit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::password_hash;

    #[test]
    fn schemes_and_their_shapes() {
        // Made up: the right alphabets and lengths, not real hashes of anything.
        let yes = [
            "$2b$12$oPTQvwxFmkXMSR44XJdOxmSIEx/uUjyVi4szB3.TEz1Cw9FuNKRpQ",
            "$1$Xq9Lm2Vz$8zz1YEMTV5LmKILmlj459t",
            "$6$Xq9Lm2VzKd7Rt3Wn$ZpmLLExvSW80HEtSXog8M1UC2ujq/Zkk30sEk8I9erQ0dRrQb5h7HXR2x2checz7VmeMHWG8legTV8iJYfhDmF",
            "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$Zq8Lm2Vx7Tn4Rb9Kc3Wd5Yp1Hf6Gj0sA",
            "pbkdf2_sha256$600000$Xq9Lm2VzKd7R$Kd7Rt3Wn8Yb1Pf6Gh4Jc0Xq9Lm2VzKd7Rt3Wn8Yb1Pf6=",
            "pbkdf2:sha256:600000$Xq9Lm2Vz$4f9a8c7e2b1d6a3f0e5c8b7a9d2e1f404f9a8c7e2b1d6a3f0e5c8b7a9d2e1f40",
        ];
        for h in yes {
            assert!(password_hash(h.as_bytes()), "{h}");
        }
        let no = [
            "$2b$99$oPTQvwxFmkXMSR44XJdOxmSIEx/uUjyVi4szB3.TEz1Cw9FuNKRpQ",
            "$2b$12$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "$1$salt$short",
            "$PATH$HOME",
            "pbkdf2_sha256$many$salt$hash",
        ];
        for h in no {
            assert!(!password_hash(h.as_bytes()), "{h}");
        }
    }
}

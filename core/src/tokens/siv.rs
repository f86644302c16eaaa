//! AES-SIV (RFC 5297) as tokens use it: deterministic, with the key's id bound in as
//! associated data, so that a token names the only key that opens it.

use aes_siv::siv::{Aes128Siv, Aes256Siv};
use aes_siv::KeyInit;

use super::keyring::TokenKey;

/// The SIV tag that starts every sealed value.
pub(crate) const TAG_LEN: usize = 16;

/// The first associated-data component: what the bytes are, so that a ciphertext made for
/// something else under the same key is never taken for a token.
const DOMAIN: &[u8] = b"scrubjay/token/v1";

/// Runs RFC 5297's S2V and CTR with the key's size: two AES-128 or two AES-256 keys.
fn with_cipher<R>(
    key: &[u8],
    aes128: impl FnOnce(&mut Aes128Siv) -> R,
    aes256: impl FnOnce(&mut Aes256Siv) -> R,
) -> Option<R> {
    match key.len() {
        32 => Aes128Siv::new_from_slice(key)
            .ok()
            .map(|mut c| aes128(&mut c)),
        64 => Aes256Siv::new_from_slice(key)
            .ok()
            .map(|mut c| aes256(&mut c)),
        _ => None,
    }
}

/// Bytes of a sealed value of `n` bytes.
pub(crate) fn sealed_len(n: usize) -> usize {
    TAG_LEN + n
}

/// `plaintext` sealed under `key`: the SIV tag, then the ciphertext. The same plaintext and
/// key always give the same bytes.
pub(crate) fn seal(key: &TokenKey, plaintext: &[u8]) -> Option<Vec<u8>> {
    seal_with(key.secret(), &[DOMAIN, key.id().as_bytes()], plaintext)
}

/// Opens what [`seal`] made under `key`; `None` when the bytes were made under another
/// key or id, or changed.
pub(crate) fn open(key: &TokenKey, sealed: &[u8]) -> Option<Vec<u8>> {
    open_with(key.secret(), &[DOMAIN, key.id().as_bytes()], sealed)
}

fn seal_with(key: &[u8], headers: &[&[u8]], plaintext: &[u8]) -> Option<Vec<u8>> {
    with_cipher(
        key,
        |c| c.encrypt(headers, plaintext).ok(),
        |c| c.encrypt(headers, plaintext).ok(),
    )
    .flatten()
}

fn open_with(key: &[u8], headers: &[&[u8]], sealed: &[u8]) -> Option<Vec<u8>> {
    with_cipher(
        key,
        |c| c.decrypt(headers, sealed).ok(),
        |c| c.decrypt(headers, sealed).ok(),
    )
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 5297, appendix A.1: deterministic authenticated encryption.
    #[test]
    fn rfc_5297_a1_deterministic() {
        let key = hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff");
        let ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
        let plaintext = hex("11223344 55667788 99aabbcc ddee");
        let output = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");
        assert_eq!(seal_with(&key, &[&ad], &plaintext).unwrap(), output);
        assert_eq!(open_with(&key, &[&ad], &output).unwrap(), plaintext);
    }

    /// RFC 5297, appendix A.2: nonce-based, with two AD components and the nonce last.
    #[test]
    fn rfc_5297_a2_nonce_based() {
        let key = hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f");
        let ad1 = hex(
            "00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988 77665544 33221100",
        );
        let ad2 = hex("10203040 50607080 90a0");
        let nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
        let plaintext = hex(
            "74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970 74207573 696e6720 5349562d 414553",
        );
        let output = hex(
            "7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17 dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d",
        );
        let headers: [&[u8]; 3] = [&ad1, &ad2, &nonce];
        assert_eq!(seal_with(&key, &headers, &plaintext).unwrap(), output);
        assert_eq!(open_with(&key, &headers, &output).unwrap(), plaintext);
    }

    #[test]
    fn a_changed_byte_or_another_id_does_not_open() {
        let mut ring = crate::KeyRing::new();
        ring.insert("a", &[1u8; 64], None).unwrap();
        ring.insert("b", &[1u8; 64], None).unwrap();
        let (a, b) = (ring.get("a").unwrap(), ring.get("b").unwrap());
        let sealed = seal(a, b"jane@example.com").unwrap();
        assert_eq!(sealed.len(), sealed_len(16));
        assert_eq!(
            seal(a, b"jane@example.com").unwrap(),
            sealed,
            "deterministic"
        );
        assert_eq!(open(a, &sealed).unwrap(), b"jane@example.com");
        assert_eq!(open(b, &sealed), None, "same bytes, other id");
        for i in 0..sealed.len() {
            let mut bent = sealed.clone();
            bent[i] ^= 0x20;
            assert_eq!(open(a, &bent), None, "byte {i}");
        }
        assert_eq!(open(a, &sealed[..sealed.len() - 1]), None);
        assert_eq!(open(a, &sealed[..10]), None);
    }
}

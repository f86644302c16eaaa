//! base64url without padding (RFC 4648 §5), the alphabet a token can carry in a URL, a
//! header or a JSON string without escaping.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Characters written for `n` bytes.
pub(crate) fn encoded_len(n: usize) -> usize {
    (n * 8).div_ceil(6)
}

/// Appends `data`, encoded, to `out`.
pub(crate) fn encode_into(data: &[u8], out: &mut Vec<u8>) {
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = encoded_len(chunk.len());
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]);
        }
    }
}

/// The encoded text as a string.
pub(crate) fn encode(data: &[u8]) -> String {
    let mut out = Vec::with_capacity(encoded_len(data.len()));
    encode_into(data, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn value(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' | b'+' => 62,
        b'_' | b'/' => 63,
        _ => return None,
    } as u32)
}

/// Decodes base64url or standard base64, with or without padding. `None` for any other
/// character, a length no encoding gives, or bits left over (a text that was cut or changed).
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let text = match text.iter().position(|&c| c == b'=') {
        Some(p) if text[p..].iter().all(|&c| c == b'=') && text.len() % 4 == 0 => &text[..p],
        Some(_) => return None,
        None => text,
    };
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let bytes = chunk.len() * 6 / 8;
        // Bits beyond the last whole byte must be zero: another text would decode the same.
        if n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..1 + bytes]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_examples_round_trip() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(raw.as_bytes()), enc);
            assert_eq!(decode(enc.as_bytes()).unwrap(), raw.as_bytes());
            assert_eq!(encoded_len(raw.len()), enc.len());
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode(b"+/8=").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn rejects_what_no_encoder_writes() {
        assert_eq!(decode(b"Z"), None);
        assert_eq!(decode(b"Zh"), None, "leftover bits");
        assert_eq!(decode(b"Zm9v!"), None);
        assert_eq!(decode(b"Zg=x"), None);
    }
}

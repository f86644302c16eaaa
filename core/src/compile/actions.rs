//! Replacements: an action of the policy, compiled for its rule (label rendered, hash
//! template split), and the keyed hasher.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::policy::Action;
use crate::report::ActionKind;

/// What a rule writes in place of what it matched: a policy [`Action`] compiled for its
/// rule, with its label already rendered.
#[derive(Clone, Debug)]
pub(crate) enum Replacement {
    Mask(Box<str>),
    Remove,
    Hash {
        prefix: Box<str>,
        suffix: Box<str>,
    },
    Replace(Box<str>),
    Partial {
        keep_start: usize,
        keep_end: usize,
        mask_char: char,
    },
    /// Field rules only.
    Keep,
    /// Field rules only.
    Scan,
    /// Field rules only: a sanitizer, applied by the engine.
    Sanitize(crate::policy::SanitizeKind),
}

/// The keyed hasher. Without a usable key, `hash` fails closed to the rule's mask label.
#[derive(Clone)]
pub(crate) struct Hasher {
    key: Option<Vec<u8>>,
    pub hex_len: usize,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hasher")
            .field("keyed", &self.key.is_some())
            .field("hex_len", &self.hex_len)
            .finish()
    }
}

impl Hasher {
    pub(crate) fn new(key: Option<Vec<u8>>, hex_len: usize) -> Hasher {
        Hasher { key, hex_len }
    }

    pub(crate) fn available(&self) -> bool {
        self.key.is_some()
    }

    fn write_hex(&self, data: &[u8], out: &mut Vec<u8>) {
        let key = self.key.as_deref().unwrap_or_default();
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
        mac.update(data);
        let digest = mac.finalize().into_bytes();
        const HEX: &[u8; 16] = b"0123456789abcdef";
        for &b in digest.iter() {
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        }
    }
}

impl Replacement {
    /// Compiles `action` for the rule named `rule`. A mask gets its label later, from the
    /// rule's own `label` or the policy's template.
    pub(crate) fn compile(action: &Action, rule: &str, hash_template: &str) -> Replacement {
        match action {
            Action::Mask => Replacement::Mask("".into()),
            Action::Remove => Replacement::Remove,
            Action::Hash => {
                let t = render(hash_template, rule);
                let (prefix, suffix) = t.split_once("{hash}").unwrap_or((&t, ""));
                Replacement::Hash {
                    prefix: prefix.into(),
                    suffix: suffix.into(),
                }
            }
            Action::Keep => Replacement::Keep,
            Action::Scan => Replacement::Scan,
            Action::Sanitize(kind) => Replacement::Sanitize(*kind),
            Action::Replace(text) => Replacement::Replace(text.as_str().into()),
            Action::Partial(p) => Replacement::Partial {
                keep_start: p.keep_start,
                keep_end: p.keep_end,
                mask_char: p.mask_char,
            },
        }
    }

    pub(crate) fn kind(&self, hasher: &Hasher) -> Option<ActionKind> {
        Some(match self {
            Replacement::Mask(_) => ActionKind::Mask,
            Replacement::Remove => ActionKind::Remove,
            Replacement::Hash { .. } if hasher.available() => ActionKind::Hash,
            Replacement::Hash { .. } => ActionKind::Mask,
            Replacement::Replace(_) => ActionKind::Replace,
            Replacement::Partial { .. } => ActionKind::Partial,
            Replacement::Keep | Replacement::Scan | Replacement::Sanitize(_) => return None,
        })
    }

    /// Exact byte length of the replacement for `secret`. `fallback` is the mask label used
    /// when a hash cannot be computed.
    pub(crate) fn output_len(&self, secret: &[u8], hasher: &Hasher, fallback: &str) -> usize {
        match self {
            Replacement::Mask(label) => label.len(),
            Replacement::Remove
            | Replacement::Keep
            | Replacement::Scan
            | Replacement::Sanitize(_) => 0,
            Replacement::Hash { prefix, suffix } => {
                if hasher.available() {
                    prefix.len() + hasher.hex_len + suffix.len()
                } else {
                    fallback.len()
                }
            }
            Replacement::Replace(text) => text.len(),
            Replacement::Partial {
                keep_start,
                keep_end,
                mask_char,
            } => {
                let (head, masked, tail) = partial_split(secret, *keep_start, *keep_end);
                head.len() + tail.len() + masked * mask_char.len_utf8()
            }
        }
    }

    /// Whether the action writes something in place of a value (mask, hash, replace,
    /// partial) or removes it, rather than keeping, scanning or sanitizing it.
    pub(crate) fn replaces(&self) -> bool {
        !matches!(
            self,
            Replacement::Keep | Replacement::Scan | Replacement::Sanitize(_)
        )
    }

    /// Appends the replacement for `secret` to `out`.
    pub(crate) fn write(&self, secret: &[u8], hasher: &Hasher, fallback: &str, out: &mut Vec<u8>) {
        match self {
            Replacement::Mask(label) => out.extend_from_slice(label.as_bytes()),
            Replacement::Remove
            | Replacement::Keep
            | Replacement::Scan
            | Replacement::Sanitize(_) => {}
            Replacement::Hash { prefix, suffix } => {
                if hasher.available() {
                    out.extend_from_slice(prefix.as_bytes());
                    let at = out.len();
                    hasher.write_hex(secret, out);
                    out.truncate(at + hasher.hex_len);
                    out.extend_from_slice(suffix.as_bytes());
                } else {
                    out.extend_from_slice(fallback.as_bytes());
                }
            }
            Replacement::Replace(text) => out.extend_from_slice(text.as_bytes()),
            Replacement::Partial {
                keep_start,
                keep_end,
                mask_char,
            } => {
                let (head, masked, tail) = partial_split(secret, *keep_start, *keep_end);
                out.extend_from_slice(head);
                let mut buf = [0u8; 4];
                let c = mask_char.encode_utf8(&mut buf).as_bytes();
                for _ in 0..masked {
                    out.extend_from_slice(c);
                }
                out.extend_from_slice(tail);
            }
        }
    }
}

/// Splits `s` into the kept head, the number of masked characters and the kept tail. When
/// the kept parts would cover the whole value, everything is masked (fail closed).
fn partial_split(s: &[u8], keep_start: usize, keep_end: usize) -> (&[u8], usize, &[u8]) {
    let is_text = std::str::from_utf8(s).is_ok();
    let starts: usize = if is_text {
        s.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    } else {
        s.len()
    };
    if keep_start + keep_end >= starts {
        return (&[], starts, &[]);
    }
    let byte_at = |char_idx: usize| -> usize {
        if !is_text {
            return char_idx;
        }
        let mut n = 0;
        for (i, &b) in s.iter().enumerate() {
            if (b & 0xC0) != 0x80 {
                if n == char_idx {
                    return i;
                }
                n += 1;
            }
        }
        s.len()
    };
    let head_end = byte_at(keep_start);
    let tail_start = byte_at(starts - keep_end);
    (
        &s[..head_end],
        starts - keep_start - keep_end,
        &s[tail_start..],
    )
}

/// Renders a label template for a rule.
pub(crate) fn render(template: &str, rule: &str) -> String {
    template.replace("{rule}", rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_keeps_ends_and_fails_closed_on_short_values() {
        let act = Replacement::Partial {
            keep_start: 0,
            keep_end: 4,
            mask_char: '*',
        };
        let h = Hasher::new(None, 16);
        let mut out = Vec::new();
        act.write(b"4111111111111111", &h, "", &mut out);
        assert_eq!(out, b"************1111");
        assert_eq!(act.output_len(b"4111111111111111", &h, ""), 16);
        out.clear();
        act.write(b"abc", &h, "", &mut out);
        assert_eq!(out, b"***");
        out.clear();
        Replacement::Partial {
            keep_start: 1,
            keep_end: 1,
            mask_char: '•',
        }
        .write("héllo".as_bytes(), &h, "", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "h•••o");
    }

    #[test]
    fn hash_is_keyed_and_truncated() {
        let act = Replacement::Hash {
            prefix: "[HASH:email:".into(),
            suffix: "]".into(),
        };
        let k1 = Hasher::new(Some(b"k1".to_vec()), 16);
        let k2 = Hasher::new(Some(b"k2".to_vec()), 16);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        act.write(b"a@b.co", &k1, "", &mut a);
        act.write(b"a@b.co", &k2, "", &mut b);
        assert_ne!(a, b);
        assert_eq!(a.len(), act.output_len(b"a@b.co", &k1, ""));
        assert!(a.starts_with(b"[HASH:email:") && a.ends_with(b"]"));
        let mut c = Vec::new();
        act.write(
            b"a@b.co",
            &Hasher::new(None, 16),
            "[REDACTED:email]",
            &mut c,
        );
        assert_eq!(c, b"[REDACTED:email]");
    }
}

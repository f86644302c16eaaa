//! Replacements: an action of the policy, compiled for its rule (label rendered, hash
//! template split, token layout), the keyed hasher and the tokenizer.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::action_state::ActionState;
use crate::policy::{Action, Policy, TokenizeConfig};
use crate::report::{ActionKind, FailReason};
use crate::tokens::siv;
use crate::tokens::template::{TokenLayout, TokenTemplate};
use crate::tokens::{KeyRing, TokenKey};

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
    Tokenize(TokenLayout),
    /// `ns` tells the rules whose pseudonyms are numbered together (same text around `{n}`).
    Pseudonym {
        prefix: Box<str>,
        suffix: Box<str>,
        ns: u64,
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

/// The `tokenize` action's keys: the ring, and which key makes a record's tokens.
pub(crate) struct Tokenizer {
    ring: Option<KeyRing>,
    pub template: TokenTemplate,
    /// Attribute keys whose value names a record's key (`tokenize.key_id_from`).
    pub key_id_from: Box<[Box<str>]>,
    pub max_value_bytes: usize,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("ring", &self.ring)
            .field("key_id_from", &self.key_id_from)
            .finish_non_exhaustive()
    }
}

impl Tokenizer {
    pub(crate) fn new(
        ring: Option<KeyRing>,
        template: TokenTemplate,
        cfg: &TokenizeConfig,
    ) -> Tokenizer {
        Tokenizer {
            ring,
            template,
            key_id_from: cfg.key_id_from.iter().map(|k| k.as_str().into()).collect(),
            max_value_bytes: cfg.max_value_bytes,
        }
    }

    /// The key for new tokens: the one the record names, else the ring's active key.
    fn key(&self, named: Option<&str>) -> Option<&TokenKey> {
        let ring = self.ring.as_ref()?;
        ring.get(named.or(ring.active())?)
    }
}

/// What an action needs when it writes, beyond its rule: the policy's keys and the state of
/// the value, span or record being redacted.
pub(crate) struct Writer<'a> {
    pub hasher: &'a Hasher,
    pub tokens: &'a Tokenizer,
    pub state: &'a mut ActionState,
}

/// What a replacement did: the action counted, and why it failed closed if it did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Applied {
    pub kind: Option<ActionKind>,
    pub failed: Option<FailReason>,
}

impl Applied {
    fn done(kind: ActionKind) -> Applied {
        Applied {
            kind: Some(kind),
            failed: None,
        }
    }

    fn masked(reason: FailReason) -> Applied {
        Applied {
            kind: Some(ActionKind::Mask),
            failed: Some(reason),
        }
    }
}

impl Replacement {
    /// Compiles `action` for the rule named `rule`. A mask gets its label later, from the
    /// rule's own `label` or the policy's template.
    pub(crate) fn compile(action: &Action, rule: &str, policy: &Policy) -> Replacement {
        match action {
            Action::Mask => Replacement::Mask("".into()),
            Action::Remove => Replacement::Remove,
            Action::Tokenize => {
                Replacement::Tokenize(TokenLayout::new(&policy.tokenize.template, rule))
            }
            Action::Pseudonym => {
                let t = render(&policy.pseudonym.template, rule);
                let (prefix, suffix) = t.split_once("{n}").unwrap_or((&t, ""));
                Replacement::Pseudonym {
                    prefix: prefix.into(),
                    suffix: suffix.into(),
                    ns: namespace(prefix, suffix),
                }
            }
            Action::Hash => {
                let t = render(&policy.hash.template, rule);
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
            Replacement::Tokenize(_) => ActionKind::Tokenize,
            Replacement::Pseudonym { .. } => ActionKind::Pseudonym,
            Replacement::Keep | Replacement::Scan | Replacement::Sanitize(_) => return None,
        })
    }

    /// Byte length of the replacement for `secret`, for sizing buffers: exact except for a
    /// token (its key id depends on the record) and a pseudonym (its number). `fallback` is
    /// the mask label used when a hash cannot be computed.
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
            Replacement::Tokenize(layout) => layout.len("", secret.len()) + 8,
            Replacement::Pseudonym { prefix, suffix, .. } => prefix.len() + suffix.len() + 2,
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

    /// Appends the replacement for `secret` to `out`, and says what it did.
    pub(crate) fn write(
        &self,
        secret: &[u8],
        w: &mut Writer<'_>,
        fallback: &str,
        out: &mut Vec<u8>,
    ) -> Applied {
        match self {
            Replacement::Mask(label) => out.extend_from_slice(label.as_bytes()),
            Replacement::Remove
            | Replacement::Keep
            | Replacement::Scan
            | Replacement::Sanitize(_) => {}
            Replacement::Hash { prefix, suffix } => {
                if !w.hasher.available() {
                    out.extend_from_slice(fallback.as_bytes());
                    return Applied::masked(FailReason::HashKeyUnavailable);
                }
                out.extend_from_slice(prefix.as_bytes());
                let at = out.len();
                w.hasher.write_hex(secret, out);
                out.truncate(at + w.hasher.hex_len);
                out.extend_from_slice(suffix.as_bytes());
            }
            Replacement::Tokenize(layout) => return tokenize(layout, secret, w, fallback, out),
            Replacement::Pseudonym { prefix, suffix, ns } => {
                let n = w.state.number(*ns, secret);
                out.extend_from_slice(prefix.as_bytes());
                out.extend_from_slice(n.to_string().as_bytes());
                out.extend_from_slice(suffix.as_bytes());
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
        Applied {
            kind: self.kind(w.hasher),
            failed: None,
        }
    }
}

/// Writes the token for `secret` under the record's key, or the mask label when there is
/// no key for it or the value is too long to tokenize.
fn tokenize(
    layout: &TokenLayout,
    secret: &[u8],
    w: &mut Writer<'_>,
    fallback: &str,
    out: &mut Vec<u8>,
) -> Applied {
    let Some(key) = w.tokens.key(w.state.token_key.as_deref()) else {
        out.extend_from_slice(fallback.as_bytes());
        return Applied::masked(FailReason::TokenKeyUnavailable);
    };
    if secret.len() > w.tokens.max_value_bytes {
        out.extend_from_slice(fallback.as_bytes());
        return Applied::masked(FailReason::TooLarge);
    }
    match siv::seal(key, secret) {
        Some(sealed) => {
            layout.write(key.id(), &sealed, out);
            Applied::done(ActionKind::Tokenize)
        }
        None => {
            out.extend_from_slice(fallback.as_bytes());
            Applied::masked(FailReason::TokenKeyUnavailable)
        }
    }
}

/// The namespace of a pseudonym text: rules that write the same text around `{n}` number
/// their values together.
fn namespace(prefix: &str, suffix: &str) -> u64 {
    use std::hash::{Hash, Hasher as _};
    let mut h = crate::text::fxhash::FxHasher::default();
    (prefix, suffix).hash(&mut h);
    h.finish()
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

    fn no_tokens() -> Tokenizer {
        let template = TokenTemplate::new(crate::policy::DEFAULT_TOKEN_TEMPLATE).unwrap();
        Tokenizer::new(None, template, &TokenizeConfig::default())
    }

    #[test]
    fn partial_keeps_ends_and_fails_closed_on_short_values() {
        let act = Replacement::Partial {
            keep_start: 0,
            keep_end: 4,
            mask_char: '*',
        };
        let h = Hasher::new(None, 16);
        let t = no_tokens();
        let mut state = ActionState::default();
        let mut w = Writer {
            hasher: &h,
            tokens: &t,
            state: &mut state,
        };
        let mut out = Vec::new();
        act.write(b"4111111111111111", &mut w, "", &mut out);
        assert_eq!(out, b"************1111");
        assert_eq!(act.output_len(b"4111111111111111", &h, ""), 16);
        out.clear();
        act.write(b"abc", &mut w, "", &mut out);
        assert_eq!(out, b"***");
        out.clear();
        Replacement::Partial {
            keep_start: 1,
            keep_end: 1,
            mask_char: '•',
        }
        .write("héllo".as_bytes(), &mut w, "", &mut out);
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
        let none = Hasher::new(None, 16);
        let t = no_tokens();
        let mut state = ActionState::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        act.write(
            b"a@b.co",
            &mut Writer {
                hasher: &k1,
                tokens: &t,
                state: &mut state,
            },
            "",
            &mut a,
        );
        act.write(
            b"a@b.co",
            &mut Writer {
                hasher: &k2,
                tokens: &t,
                state: &mut state,
            },
            "",
            &mut b,
        );
        assert_ne!(a, b);
        assert_eq!(a.len(), act.output_len(b"a@b.co", &k1, ""));
        assert!(a.starts_with(b"[HASH:email:") && a.ends_with(b"]"));
        let mut c = Vec::new();
        let mut w = Writer {
            hasher: &none,
            tokens: &t,
            state: &mut state,
        };
        let applied = act.write(b"a@b.co", &mut w, "[REDACTED:email]", &mut c);
        assert_eq!(c, b"[REDACTED:email]");
        assert_eq!(applied.failed, Some(FailReason::HashKeyUnavailable));
    }
}

//! The texts the engine itself writes (mask labels, fail-closed markers, replacements, hash
//! outputs, tokens, pseudonyms, the sanitizers' masks): a match that is one of them, or lies inside one, is not
//! redacted again, so that redaction is idempotent.

use std::hash::BuildHasherDefault;

use super::actions::{render, Replacement};
use super::compiled::{ContentMeta, FieldMeta};
use crate::policy::Policy;
use crate::report::FailReason;
use crate::scan::Span;
use crate::text::fxhash::FxHasher;
use crate::tokens::keyring::MAX_KEY_ID_LEN;
use crate::tokens::template::TokenLayout;

/// Texts the engine writes with a variable part: a hash's hex digits, a token's key id and
/// base64url, a pseudonym's number, between fixed text.
pub(crate) struct Family {
    prefix: Box<[u8]>,
    suffix: Box<[u8]>,
    /// The bytes the variable part is made of.
    body: [bool; 256],
    min: usize,
    max: usize,
}

impl Family {
    pub(crate) fn new(
        prefix: &str,
        suffix: &str,
        body: impl Fn(u8) -> bool,
        min: usize,
        max: usize,
    ) -> Family {
        let mut set = [false; 256];
        for b in 0..=255u8 {
            set[b as usize] = body(b);
        }
        Family {
            prefix: prefix.as_bytes().into(),
            suffix: suffix.as_bytes().into(),
            body: set,
            min,
            max,
        }
    }

    fn longest(&self) -> usize {
        self.prefix.len() + self.max + self.suffix.len()
    }

    /// The length of the text of this family that `rest` starts with, if it starts with one.
    fn len_at(&self, rest: &[u8]) -> Option<usize> {
        let body = rest.strip_prefix(&*self.prefix)?;
        let run = body
            .iter()
            .take(self.max)
            .take_while(|&&b| self.body[b as usize])
            .count();
        (self.min..=run)
            .rev()
            .find(|&n| body[n..].starts_with(&self.suffix))
            .map(|n| self.prefix.len() + n + self.suffix.len())
    }
}

/// The texts the engine itself writes (mask labels, fail markers, hash outputs, tokens,
/// pseudonyms), so that a match consisting of one of them is not redacted again: redaction
/// is idempotent.
pub(crate) struct Labels {
    exact: std::collections::HashSet<Box<[u8]>, BuildHasherDefault<FxHasher>>,
    families: Vec<Family>,
    /// The first bytes of every label, and the longest label.
    first: [bool; 256],
    /// A family without a prefix (a hash template that starts with `{hash}`): its texts may
    /// begin with any byte of its body.
    bare: bool,
    longest: usize,
    /// The distinct first bytes when there are at most three (`[` with the default labels),
    /// for one `memchr` that tells a value holds no label at all.
    firsts: Option<Vec<u8>>,
}

impl Labels {
    pub(crate) fn new(exact: impl IntoIterator<Item = String>, families: Vec<Family>) -> Labels {
        let exact: std::collections::HashSet<Box<[u8]>, BuildHasherDefault<FxHasher>> = exact
            .into_iter()
            .map(|l| l.into_bytes().into_boxed_slice())
            .collect();
        let mut first = [false; 256];
        for l in exact
            .iter()
            .map(|l| &l[..])
            .chain(families.iter().map(|f| &f.prefix[..]))
        {
            if let Some(&b) = l.first() {
                first[b as usize] = true;
            }
        }
        let longest = exact
            .iter()
            .map(|l| l.len())
            .chain(families.iter().map(Family::longest))
            .max()
            .unwrap_or(0);
        let distinct: Vec<u8> = (0..=255u8).filter(|&b| first[b as usize]).collect();
        let bare = families.iter().any(|f| f.prefix.is_empty());
        Labels {
            exact,
            families,
            first,
            bare,
            longest,
            firsts: (!bare && distinct.len() <= 3).then_some(distinct),
        }
    }

    /// Whether a label may begin anywhere in `hay` (false: none of their first bytes is there).
    pub(crate) fn may_occur(&self, hay: &[u8]) -> bool {
        match self.firsts.as_deref() {
            Some([]) => false,
            Some(&[a]) => memchr::memchr(a, hay).is_some(),
            Some(&[a, b]) => memchr::memchr2(a, b, hay).is_some(),
            Some(&[a, b, c]) => memchr::memchr3(a, b, c, hay).is_some(),
            _ => true,
        }
    }

    /// Whether `hay[start..end]` lies inside (and is not all of) a text the engine writes:
    /// a label is opaque, so the `secret_kv:3f2a...` inside `[HASH:secret_kv:3f2a...]` is no
    /// secret. Cheap when no label begins near the span.
    pub(crate) fn encloses(&self, hay: &[u8], start: usize, end: usize) -> bool {
        let from = end.saturating_sub(self.longest);
        (from..start.min(hay.len())).chain([start]).any(|b| {
            if b >= hay.len() || (!self.first[hay[b] as usize] && !self.bare) {
                return false;
            }
            let rest = &hay[b..];
            let fits =
                |len: usize| len <= rest.len() && b + len >= end && (b < start || b + len > end);
            self.exact
                .iter()
                .any(|l| fits(l.len()) && rest.starts_with(l))
                || self
                    .families
                    .iter()
                    .any(|f| f.len_at(rest).is_some_and(fits))
        })
    }

    pub(crate) fn contains(&self, s: &[u8]) -> bool {
        // Most secrets that reach this check are no label: their first byte tells.
        if s.first().is_some_and(|&b| !self.first[b as usize]) && !self.bare {
            return false;
        }
        self.exact.contains(s) || self.families.iter().any(|f| f.len_at(s) == Some(s.len()))
    }

    /// Drops the spans that lie inside a label already in `hay` (see [`Labels::encloses`]).
    pub(crate) fn drop_interiors(&self, hay: &[u8], spans: &mut Vec<Span>) {
        if !spans.is_empty() && self.may_occur(hay) {
            spans.retain(|s| !self.encloses(hay, s.start, s.end));
        }
    }
}

/// Every text the compiled rules write, for [`Labels::new`].
pub(super) fn collect(policy: &Policy, content: &[ContentMeta], fields: &[FieldMeta]) -> Labels {
    let mut label_texts: Vec<String> = content
        .iter()
        .map(|r| r.mask_label.to_string())
        .chain(fields.iter().map(|f| f.mask_label.to_string()))
        .chain(
            FailReason::ALL
                .iter()
                .map(|r| render(&policy.label, r.name())),
        )
        .collect();
    let mut families = Vec::new();
    let replacements = content.iter().map(|r| &r.replacement);
    for replacement in replacements.chain(fields.iter().map(|f| &f.replacement)) {
        match replacement {
            Replacement::Hash { prefix, suffix } => {
                let n = policy.hash.length;
                families.push(Family::new(prefix, suffix, |b| b.is_ascii_hexdigit(), n, n))
            }
            Replacement::Tokenize(layout) => families.push(token_family(layout, policy)),
            Replacement::Pseudonym { prefix, suffix, .. } => {
                families.push(Family::new(prefix, suffix, |b| b.is_ascii_digit(), 1, 10))
            }
            Replacement::Replace(text) => label_texts.push(text.to_string()),
            _ => {}
        }
    }
    // What the sanitizers write is never a secret either.
    let sanitizer_masks = [
        "REDACTED",
        "REDACTED:REDACTED",
        crate::sanitize::headers::MASK,
    ];
    label_texts.extend(sanitizer_masks.map(String::from));
    Labels::new(label_texts, families)
}

/// A token's text: its key id, the template's text between the holes and its base64url.
fn token_family(layout: &TokenLayout, policy: &Policy) -> Family {
    let (prefix, suffix) = layout.affixes();
    let middle: Vec<u8> = layout.middle().flat_map(|t| t.bytes()).collect();
    let middle_len = middle.len();
    let body = move |b: u8| {
        b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') || middle.contains(&b)
    };
    let sealed = crate::tokens::siv::sealed_len(policy.tokenize.max_value_bytes);
    let max = MAX_KEY_ID_LEN + middle_len + sealed.div_ceil(3) * 4;
    Family::new(prefix, suffix, body, 1, max)
}

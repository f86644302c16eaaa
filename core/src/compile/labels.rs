//! The texts the engine itself writes (mask labels, fail-closed markers, replacements, hash
//! outputs, the sanitizers' masks): a match that is one of them, or lies inside one, is not
//! redacted again, so that redaction is idempotent.

use std::hash::BuildHasherDefault;

use super::actions::{render, Replacement};
use super::compiled::{ContentMeta, FieldMeta};
use crate::policy::Policy;
use crate::report::FailReason;
use crate::scan::Span;
use crate::text::fxhash::FxHasher;

/// The prefix and suffix around a hash's hex digits.
type Affixes = (Box<[u8]>, Box<[u8]>);

/// The texts the engine itself writes (mask labels, fail markers, hash outputs), so that a
/// match consisting of one of them is not redacted again: redaction is idempotent.
pub(crate) struct Labels {
    exact: std::collections::HashSet<Box<[u8]>, BuildHasherDefault<FxHasher>>,
    /// (prefix, suffix) of each hash template, with the hex length between them.
    hashes: Vec<Affixes>,
    hex_len: usize,
    /// The first bytes of every label, and the longest label.
    first: [bool; 256],
    /// A hash template without a prefix: its outputs may begin with any hex digit.
    bare_hash: bool,
    longest: usize,
    /// The distinct first bytes when there are at most three (`[` with the default labels),
    /// for one `memchr` that tells a value holds no label at all.
    firsts: Option<Vec<u8>>,
}

impl Labels {
    pub(crate) fn new(
        exact: impl IntoIterator<Item = String>,
        hashes: Vec<(String, String)>,
        hex_len: usize,
    ) -> Labels {
        let exact: std::collections::HashSet<Box<[u8]>, BuildHasherDefault<FxHasher>> = exact
            .into_iter()
            .map(|l| l.into_bytes().into_boxed_slice())
            .collect();
        let hashes: Vec<Affixes> = hashes
            .into_iter()
            .map(|(p, s)| (p.into_bytes().into(), s.into_bytes().into()))
            .collect();
        let mut first = [false; 256];
        for l in exact
            .iter()
            .map(|l| &l[..])
            .chain(hashes.iter().map(|(p, _)| &p[..]))
        {
            if let Some(&b) = l.first() {
                first[b as usize] = true;
            }
        }
        let longest = exact
            .iter()
            .map(|l| l.len())
            .chain(hashes.iter().map(|(p, x)| p.len() + hex_len + x.len()))
            .max()
            .unwrap_or(0);
        let distinct: Vec<u8> = (0..=255u8).filter(|&b| first[b as usize]).collect();
        let bare_hash = hashes.iter().any(|(p, _)| p.is_empty());
        Labels {
            exact,
            hashes,
            hex_len,
            first,
            bare_hash,
            longest,
            firsts: (distinct.len() <= 3).then_some(distinct),
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
            if b >= hay.len() || !self.first[hay[b] as usize] {
                return false;
            }
            let rest = &hay[b..];
            let fits =
                |len: usize| len <= rest.len() && b + len >= end && (b < start || b + len > end);
            self.exact
                .iter()
                .any(|l| fits(l.len()) && rest.starts_with(l))
                || self.hashes.iter().any(|(p, x)| {
                    let len = p.len() + self.hex_len + x.len();
                    fits(len) && self.contains(&rest[..len])
                })
        })
    }

    pub(crate) fn contains(&self, s: &[u8]) -> bool {
        // Most secrets that reach this check are no label: their first byte tells.
        if s.first().is_some_and(|&b| !self.first[b as usize]) && !self.bare_hash {
            return false;
        }
        self.exact.contains(s)
            || self.hashes.iter().any(|(p, x)| {
                s.len() == p.len() + self.hex_len + x.len()
                    && s.starts_with(p)
                    && s.ends_with(x)
                    && s[p.len()..s.len() - x.len()]
                        .iter()
                        .all(u8::is_ascii_hexdigit)
            })
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
    let mut hashes = Vec::new();
    let replacements = content.iter().map(|r| &r.replacement);
    for replacement in replacements.chain(fields.iter().map(|f| &f.replacement)) {
        match replacement {
            Replacement::Hash { prefix, suffix } => {
                hashes.push((prefix.to_string(), suffix.to_string()))
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
    Labels::new(label_texts, hashes, policy.hash.length)
}

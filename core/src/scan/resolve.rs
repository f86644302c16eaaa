//! Resolution: accepted spans sorted by leftmost start, then longest, then rule order;
//! overlapping spans merged so that no fragment of a secret survives.

use super::Span;

/// Sorts spans by start, longest first, then rule order, and merges overlapping spans into
/// the first of each group.
#[inline(always)]
pub(crate) fn resolve(spans: &mut Vec<Span>) {
    // Most values have no span or one: no call then.
    if spans.len() >= 2 {
        resolve_overlaps(spans);
    }
}

/// [`resolve`] for two spans or more.
#[inline(never)]
fn resolve_overlaps(spans: &mut Vec<Span>) {
    spans.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.rule.cmp(&b.rule))
    });
    let mut w = 0;
    for r in 1..spans.len() {
        if spans[r].start < spans[w].end {
            spans[w].end = spans[w].end.max(spans[r].end);
        } else {
            w += 1;
            spans[w] = spans[r];
        }
    }
    spans.truncate(w + 1);
}

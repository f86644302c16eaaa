//! The fixpoint: a replacement can bring a match into reach that the original text hid
//! (a boundary, a key's look-back); the rendered text is scanned again until nothing moves,
//! so that redacting twice changes nothing.

use super::memo::Tag;
use super::render::{Region, Rendering};
use super::scratch::Scratch;
use super::Engine;
use crate::scan;
use crate::scan::Abort;

/// How many times [`Engine::find_all`] rescans a rendered text.
pub(super) const FIXPOINT_ROUNDS: usize = 3;

/// The longest value in which a replacement cannot bring context into a reading's reach: the
/// readings that look past neighbouring tokens (a key's look-back, a URL's userinfo, a
/// product token, a curl option's line) look 128 bytes or more away. Longer values with a
/// finding are rescanned once rendered.
const WINDOW_FREE_LEN: usize = 128;

/// Whether a span has a neighbour that a boundary check could have refused: anything but
/// blanks and hard delimiters, and after the span also a byte that opens a number (a phone
/// written `(415) 555-2671` starts at its `(`, and its left boundary reads the byte before)
/// or a tag (the XML pass reads whether a `<` follows a word).
///
/// A key's separator before a span (`token=abc`) counts as such a neighbour too, though the
/// span's own reading put it there: readings that end at the separator (`Bearer dGVzdA=abc`),
/// readings that run on through the secret (a URL's userinfo that a `/` in it ended) and gates
/// that look ahead all read differently once the secret is a label, and none of them can be
/// told apart cheaply from the search (fuzz regressions `bearer-padding-before-a-separator`,
/// `separator-after-a-swallowed-blank`, `sanitizers/userinfo-through-a-kv-secret`).
fn touches_neighbour(hay: &[u8], start: usize, end: usize) -> bool {
    use crate::text::bytes::{HARD_DELIMITER, NUMBER_LEAD};
    let soft = |b: u8| !HARD_DELIMITER.contains(b);
    (start > 0 && soft(hay[start - 1]))
        || (end < hay.len()
            && (soft(hay[end]) || NUMBER_LEAD.contains(hay[end]) || hay[end] == b'<'))
}

/// Whether a span swallows a byte that a reader of structure counts (see
/// [`crate::text::bytes::STRUCTURE`]): `password = 'x', (y)` read as a value would move the
/// tuples an `INSERT` reader sees after it. Parentheses that the span opens and closes in
/// turn (a phone number's `(415) 555-2671`) leave the depth after it as it was, and hide
/// nothing.
fn hides_structure(hay: &[u8], s: &scan::Span) -> bool {
    let mut depth = 0usize;
    for &b in &hay[s.start..s.end] {
        match b {
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            _ if crate::text::bytes::STRUCTURE.contains(b) => return true,
            _ => {}
        }
    }
    depth > 0
}

/// Maps a span of a rendered text back to its source: an end inside a replacement widens to
/// the whole replaced secret, positions outside shift by the replacements before them.
fn map_back(regions: &[Region], start: usize, end: usize) -> (usize, usize) {
    // Start: the last replacement that begins at or before it.
    let i = regions.partition_point(|r| r.out_start <= start);
    let s = match i.checked_sub(1).map(|k| regions[k]) {
        None => start,
        Some(r) if start < r.out_end => r.hay_start,
        Some(r) => r.hay_end + (start - r.out_end),
    };
    // End (exclusive): the last replacement that begins before it.
    let j = regions.partition_point(|r| r.out_start < end);
    let e = match j.checked_sub(1).map(|k| regions[k]) {
        None => end,
        Some(r) if end <= r.out_end => r.hay_end,
        Some(r) => r.hay_end + (end - r.out_end),
    };
    (s, e.max(s + 1))
}

impl Engine {
    /// Every span to replace in `hay`, into `sc.m.spans`, until redacting is a fixpoint.
    ///
    /// A match can fail a boundary only because a neighbouring secret is still in place
    /// (`john.doe@company.com-----BEGIN PRIVATE KEY-----`): the e-mail's right boundary sees
    /// `-`. When a span touches such a neighbour, the rendered text is scanned again, new
    /// spans are mapped back to `hay` and merged, at most [`FIXPOINT_ROUNDS`] times; a text
    /// that still changes after that is failed closed.
    #[inline]
    pub(crate) fn find_all(&self, hay: &[u8], sc: &mut Scratch) -> Result<(), Abort> {
        let inner = &*self.compiled;
        inner
            .matcher
            .find(hay, &mut sc.m, &|s: &[u8]| inner.keeps(s))?;
        if sc.m.spans.is_empty() {
            return Ok(());
        }
        self.reach_fixpoint(hay, sc)
    }

    /// The spans [`Engine::find_all`] found, without label interiors, rescanned where they
    /// touch a neighbour (most values have no span and never get here).
    #[inline(never)]
    fn reach_fixpoint(&self, hay: &[u8], sc: &mut Scratch) -> Result<(), Abort> {
        let inner = &*self.compiled;
        inner.drop_label_interiors(hay, &mut sc.m.spans);
        self.add_repeats(hay, &mut sc.m.spans);
        for _ in 0..FIXPOINT_ROUNDS {
            // Some readings look a bounded distance away (a key's look-back, a tag's or a
            // quoted value's end): in a value longer than the shortest such distance, a
            // replacement that shortens the text can bring something into reach.
            if hay.len() <= WINDOW_FREE_LEN
                && !sc.m.spans.iter().any(|s| {
                    touches_neighbour(hay, s.start, s.end)
                        || hides_structure(hay, s)
                        || swallows_account_lead(hay, s)
                })
            {
                return Ok(());
            }
            let mut rendered = std::mem::take(&mut sc.rendered);
            let mut regions = std::mem::take(&mut sc.regions);
            rendered.clear();
            self.render(
                hay,
                &sc.m.spans,
                &mut sc.actions,
                &mut rendered,
                Rendering::Rescan(&mut regions),
            );
            let mut spans = std::mem::take(&mut sc.saved);
            spans.clear();
            spans.extend_from_slice(&sc.m.spans);
            let found = self.rescan(&rendered, sc);
            let before = spans.len();
            if found.is_ok() {
                for s in &sc.m.spans {
                    let (start, end) = map_back(&regions, s.start, s.end);
                    spans.push(scan::Span {
                        start,
                        end,
                        rule: s.rule,
                    });
                }
            }
            let original = (spans.len() > before).then(|| spans[..before].to_vec());
            scan::resolve(&mut spans);
            if original.is_some() {
                self.add_repeats(hay, &mut spans);
            }
            // New matches that only re-cover what is already replaced change nothing.
            let grew = original.is_some_and(|o| o != spans);
            sc.m.spans.clear();
            sc.m.spans.extend_from_slice(&spans);
            sc.saved = spans;
            sc.rendered = rendered;
            sc.regions = regions;
            found?;
            if !grew {
                return Ok(());
            }
        }
        Err(Abort::Budget)
    }

    /// The spans of a rendered text, without label interiors, into `sc.m.spans`.
    ///
    /// What a rescan finds depends on the rendered bytes alone, and renderings repeat where
    /// values do not: `token=<a new secret>` renders `token=[REDACTED:secret_kv]` every time,
    /// and a templated message renders the same around each new e-mail. A rendering in which
    /// a rescan found nothing is remembered (`Scratch::settled`), and its next rescan is a
    /// lookup.
    fn rescan(&self, rendered: &[u8], sc: &mut Scratch) -> Result<(), Abort> {
        let inner = &*self.compiled;
        let miss = match sc.settled.lookup(Tag::SCAN, rendered) {
            Ok(()) => {
                sc.m.spans.clear();
                return Ok(());
            }
            Err(miss) => miss,
        };
        let found = inner
            .matcher
            .find(rendered, &mut sc.m, &|s: &[u8]| inner.keeps(s));
        inner.drop_label_interiors(rendered, &mut sc.m.spans);
        if let (Ok(()), true, Some(miss)) = (&found, sc.m.spans.is_empty(), miss) {
            sc.settled.record(miss, Tag::SCAN, rendered);
        }
        found
    }
}

/// Whether a span stands where it changes how blocks of capitals and digits read: it ends
/// with what opens an account number (two capitals, two digits, `…:DE89 3704 0044 …`, where an
/// IPv6 match took the `DE89`), or with such a block before a blank and another block or the
/// start of a number (an `iban` match that leaves groups after it, or a phone number written
/// `+1 415 …` or `(415) …` after it). The phone rule refuses a number inside an account
/// number's blocks (`scan/boundary.rs`); with the span replaced, a rescan reads what is left
/// as the next pass would.
fn swallows_account_lead(hay: &[u8], s: &scan::Span) -> bool {
    let group_byte = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let lead = s.end - s.start >= 4
        && hay[s.end - 4..s.end - 2].iter().all(u8::is_ascii_uppercase)
        && hay[s.end - 2..s.end].iter().all(u8::is_ascii_digit);
    let block_follows = s.end > s.start
        && group_byte(&hay[s.end - 1])
        && hay
            .get(s.end + 1..)
            .is_some_and(|next| next.first().is_some_and(group_byte) || opens_phone_number(next));
    hay.get(s.end) == Some(&b' ') && (lead || block_follows)
}

/// Whether `next` opens a phone number with what the phone rule allows before its first
/// digit (`+1 …`, `(415) …`, `(+44) …`): a `(` that opens words (`(attempt 2)`) needs no
/// rescan.
fn opens_phone_number(next: &[u8]) -> bool {
    let opening = next
        .iter()
        .take(3)
        .take_while(|b| matches!(b, b'+' | b'('))
        .count();
    opening > 0 && next.get(opening).is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::{map_back, opens_phone_number, Region};

    #[test]
    fn only_the_openings_of_a_phone_number_open_one() {
        for yes in ["+1 415", "(415) 555", "(+44) 20", "+(1)", "(+(1"] {
            assert!(opens_phone_number(yes.as_bytes()), "{yes}");
        }
        for no in ["(attempt 2)", "+ 1", "( 415)", "(((+1", "+", "(", ""] {
            assert!(!opens_phone_number(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn map_back_shifts_and_widens() {
        // "ab[X]cd" rendered from "abSECRETcd": the replacement [2,5) stands for [2,8).
        let regions = [Region {
            out_start: 2,
            out_end: 5,
            hay_start: 2,
            hay_end: 8,
        }];
        assert_eq!(map_back(&regions, 0, 2), (0, 2));
        assert_eq!(map_back(&regions, 5, 7), (8, 10));
        assert_eq!(map_back(&regions, 0, 3), (0, 8));
        assert_eq!(map_back(&regions, 3, 7), (2, 10));
    }
}

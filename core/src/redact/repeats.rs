//! Repeats: a secret that only its context names (`password=…`, a URL's password, a
//! `Bearer` credential) is masked wherever it occurs again in the same value, where nothing
//! names it (`token = 'V' | 'V'`, a password repeated in a connection string or an exception
//! message).

use memchr::memmem;

use super::Engine;
use crate::scan::{self, Span};
use crate::text::bytes::WORD;

/// Secrets shorter than this are not looked for again: a short value (`pin=42`, `pw=abc`)
/// repeats by chance in ordinary text.
const MIN_REPEAT_LEN: usize = 6;

/// The distinct secrets of one value that are looked for again: bounds the work to this many
/// passes over the value, whatever the input.
const MAX_REPEATED: usize = 8;

impl Engine {
    /// Adds a span, under the same rule, for every other standalone occurrence in `hay` of a
    /// secret that a context rule found (see [`MIN_REPEAT_LEN`]); spans are resolved again
    /// when any is added. Returns whether any was.
    pub(super) fn add_repeats(&self, hay: &[u8], spans: &mut Vec<Span>) -> bool {
        let content = &self.compiled.content;
        // On the stack: a value with a finding allocates only its output.
        let mut secrets = [(0usize, 0usize, 0u32); MAX_REPEATED];
        let mut count = 0;
        for s in spans.iter() {
            let text = &hay[s.start..s.end];
            let known = secrets[..count].iter().any(|&(a, b, _)| &hay[a..b] == text);
            if content[s.rule as usize].repeats && repeatable(text) && !known {
                secrets[count] = (s.start, s.end, s.rule);
                count += 1;
                if count == MAX_REPEATED {
                    break;
                }
            }
        }
        let before = spans.len();
        for &(start, end, rule) in &secrets[..count] {
            let text = &hay[start..end];
            each_occurrence(hay, text, |at| {
                let until = at + text.len();
                if at != start && standalone(hay, at, until) && !inside(spans, at, until) {
                    spans.push(Span {
                        start: at,
                        end: until,
                        rule,
                    });
                }
            });
        }
        if spans.len() == before {
            return false;
        }
        scan::resolve(spans);
        true
    }
}

/// Values up to this long are searched byte by byte: building a `memmem` searcher costs more
/// than the search.
const SHORT_HAY: usize = 256;

/// Calls `found` with the start of every non-overlapping occurrence of `text` in `hay`, left
/// to right (what `memmem::find_iter` yields).
fn each_occurrence(hay: &[u8], text: &[u8], mut found: impl FnMut(usize)) {
    if hay.len() > SHORT_HAY {
        memmem::find_iter(hay, text).for_each(found);
        return;
    }
    let Some((&first, _)) = text.split_first() else {
        return;
    };
    let mut at = 0;
    while at + text.len() <= hay.len() {
        if hay[at] == first && &hay[at..at + text.len()] == text {
            found(at);
            at += text.len();
        } else {
            at += 1;
        }
    }
}

/// Long enough, and not a number alone (digits repeat by chance inside ids and times).
pub(super) fn repeatable(text: &[u8]) -> bool {
    text.len() >= MIN_REPEAT_LEN
        && !text.iter().all(u8::is_ascii_digit)
        && !text.iter().any(u8::is_ascii_whitespace)
}

/// An occurrence that is not part of a longer word: `abc123xyz` does not repeat in
/// `abc123xyz99`.
pub(super) fn standalone(hay: &[u8], start: usize, end: usize) -> bool {
    let joins = |outside: Option<&u8>, edge: u8| {
        outside.is_some_and(|&b| WORD.contains(b)) && WORD.contains(edge)
    };
    let text = &hay[start..end];
    !joins(start.checked_sub(1).map(|i| &hay[i]), text[0])
        && !joins(hay.get(end), text[text.len() - 1])
}

/// Whether `[start, end)` lies within a span already accepted.
fn inside(spans: &[Span], start: usize, end: usize) -> bool {
    spans.iter().any(|s| s.start <= start && end <= s.end)
}

#[cfg(test)]
mod tests {
    use super::each_occurrence;
    use memchr::memmem;

    /// The byte-by-byte search of short values finds what `memmem` finds, overlaps included.
    #[test]
    fn short_search_finds_what_memmem_finds() {
        let hays: [&[u8]; 5] = [
            b"aaaaaaa",
            b"abcabcabcab",
            b"x=secret1 y=secret1secret1",
            b"",
            b"no occurrence here",
        ];
        for hay in hays {
            for text in [&b"aa"[..], b"abcab", b"secret1", b"zz", b"a"] {
                let mut short = Vec::new();
                each_occurrence(hay, text, |at| short.push(at));
                let expected: Vec<usize> = memmem::find_iter(hay, text).collect();
                assert_eq!(short, expected, "{:?} in {:?}", text, hay);
            }
        }
    }
}

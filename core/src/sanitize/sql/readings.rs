//! A statement of unknown origin, read two ways: the standard's (with PostgreSQL's
//! extensions) and MySQL's quotes and escapes. Where they disagree (a backslash before a
//! quote, a `"…"` where a value can stand), whatever either reading calls a literal is
//! masked, and the rest is written as the standard reads it.

use super::dialect::Grammar;
use super::tokenize::{tokenize, Ranges};

/// How many times a merged reading is read again at most (see [`normalize_generic`]).
const REREADS: usize = 3;

/// [`super::SqlDialect::Generic`]'s normalisation of `b` into `buf`'s storage.
///
/// Where the readings disagree, the merged output can hold a quote that the two readings of
/// the output take differently (`'\''''--'"`: the MySQL reading finds the `"` inside a
/// comment, the standard one takes it for a name after a literal; in the output `?"` the
/// MySQL reading sees a string). The output is read again until it settles, so that
/// normalising twice changes nothing; each reading only masks more.
pub(super) fn normalize_generic(b: &[u8], buf: Vec<u8>) -> String {
    let (mut out, mut disagreed) = two_readings(b, buf);
    for _ in 0..REREADS {
        if !disagreed {
            break;
        }
        let again;
        (again, disagreed) = two_readings(out.as_bytes(), Vec::new());
        if again == out {
            break;
        }
        out = again;
    }
    out
}

/// The normalisation of `b` read both ways, and whether the readings disagreed.
fn two_readings(b: &[u8], buf: Vec<u8>) -> (String, bool) {
    // Without a backslash or a double quote, the two readings are one.
    if memchr::memchr2(b'\\', b'"', b).is_none() {
        return (tokenize(b, &Grammar::STANDARD, buf, None), false);
    }
    let mut standard = Ranges::new();
    let mut mysql = Ranges::new();
    let first = tokenize(b, &Grammar::STANDARD, buf, Some(&mut standard));
    tokenize(b, &Grammar::MYSQL_QUOTES, Vec::new(), Some(&mut mysql));
    if standard == mysql {
        return (first, false);
    }
    let union = merged(standard, mysql);
    let out = tokenize(
        &neutralised(b, &union),
        &Grammar::STANDARD,
        first.into_bytes(),
        None,
    );
    (out, true)
}

/// The ranges of both readings, sorted, overlapping and touching ones merged into one.
fn merged(mut a: Ranges, b: Ranges) -> Ranges {
    a.extend(b);
    a.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(a.len());
    for (start, end) in a {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

/// `b` with each range replaced by an empty string literal, which every reading calls a
/// literal: no byte of a range can reach the output.
fn neutralised(b: &[u8], ranges: &Ranges) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut at = 0;
    for &(start, end) in ranges {
        out.extend_from_slice(&b[at..start]);
        out.extend_from_slice(b"''");
        at = end;
    }
    out.extend_from_slice(&b[at..]);
    out
}

//! Boundaries: what may stand left of a match's start and right of its end (a URL host, a
//! product token, a version word are no secrets' neighbours).

use super::gates::run_start;
use super::gates::AUTHORITY_END;
use crate::rules::builtin::Boundary;
use crate::text::bytes::ByteSet;
use crate::text::bytes::ALNUM;
use crate::text::bytes::EMAIL_LOCAL;
use crate::text::bytes::HARD_DELIMITER;
use crate::text::bytes::HEX;
use crate::text::bytes::SCHEME;
use crate::text::bytes::WORD;

#[inline]
pub(super) fn left_ok(b: Boundary, hay: &[u8], s: usize) -> bool {
    if s == 0 {
        // Nothing before: every boundary holds but curl's option, which must precede.
        return b != Boundary::UserFlag;
    }
    let prev = hay[s - 1];
    match b {
        Boundary::None => true,
        Boundary::Not(set) | Boundary::ValueEnd(set) => !set.contains(prev),
        Boundary::Num => {
            !(WORD.contains(prev)
                || (matches!(prev, b'.' | b'-' | b',') && s >= 2 && hay[s - 2].is_ascii_digit()))
        }
        Boundary::Phone => left_ok(Boundary::Num, hay, s) && !in_account_groups(hay, s),
        Boundary::EmailLocal => {
            !EMAIL_LOCAL.contains(prev) && (!in_url_userinfo(hay, s) || userinfo_is_email(hay, s))
        }
        Boundary::Ipv6 if prev == b':' => {
            // `value:2001:db8::1`: the colon ends a label (letters, perhaps hex letters at its
            // end), not a group of an address: `text2001:db8::1` ends in a group.
            let q = run_start(hay, s - 1, HEX, 8);
            q > 0
                && !HEX.contains(hay[q - 1])
                && (hay[q - 1].is_ascii_alphabetic() || hay[q - 1] == b'_')
                && !hay[q..s - 1].iter().any(u8::is_ascii_digit)
        }
        Boundary::Ipv6 => !IPV6_LEFT.contains(prev) && !is_url_host(hay, s),
        Boundary::UserFlag => after_user_flag(hay, s),
        Boundary::Address => {
            left_ok(Boundary::Num, hay, s)
                && !after_product_token(hay, s)
                && !after_version_word(hay, s)
                && !is_url_host(hay, s)
        }
    }
}

/// Whether `s` follows groups of an account number written in blocks (`AL47 212A 1009 …`):
/// single blanks between groups of one to four capitals and digits, the first of which opens
/// as an IBAN does (two capitals, two digits). A phone number is not carved out of one; the
/// `iban` rule decides the whole of it.
#[cold]
fn in_account_groups(hay: &[u8], s: usize) -> bool {
    let group_byte = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let mut q = s;
    let mut first = None;
    for _ in 0..10 {
        if q < 2 || hay[q - 1] != b' ' || !group_byte(hay[q - 2]) {
            break;
        }
        let end = q - 1;
        let start = end
            - hay[end.saturating_sub(4)..end]
                .iter()
                .rev()
                .take_while(|&&b| group_byte(b))
                .count();
        if start > 0 && WORD.contains(hay[start - 1]) {
            break;
        }
        first = Some(&hay[start..end]);
        q = start;
    }
    first.is_some_and(|g| {
        g.len() == 4
            && g[..2].iter().all(u8::is_ascii_uppercase)
            && g[2..].iter().all(u8::is_ascii_digit)
    })
}

/// Whether the key at `s` is the value of curl's user option (`-u`, `--user`): the option
/// right before it, `curl` earlier on the same line. (Other commands' `-u user:group`,
/// `docker run -u app:app`, name no password.)
#[cold]
#[inline(never)]
pub(super) fn after_user_flag(hay: &[u8], s: usize) -> bool {
    let before = &hay[..s];
    let before = before
        .strip_suffix(b"\"")
        .or_else(|| before.strip_suffix(b"'"))
        .unwrap_or(before);
    let flag =
        before.ends_with(b" -u ") || before.ends_with(b"--user ") || before.ends_with(b"--user=");
    if !flag {
        return false;
    }
    let line = &before[before.len().saturating_sub(512)..];
    let line = &line[line.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)..];
    memchr::memmem::find(line, b"curl").is_some()
}

/// Bytes an IPv6 address does not follow.
const IPV6_LEFT: ByteSet = ByteSet::from_spec("A-Za-z0-9_:.");
const IPV6_RIGHT: ByteSet = ByteSet::from_spec("A-Za-z0-9_:");

/// Whether the address at `s` is a URL's host (`http://10.0.0.5:8080/`, `//10.0.0.5/share`,
/// `redis://:pw@10.0.0.5:6379`, `http://[2001:db8::1]/`): the address of a service, not of
/// a person. (A client's address stands alone, in a header, a key of its own or a line of
/// text.)
fn is_url_host(hay: &[u8], s: usize) -> bool {
    // An IPv6 host stands in brackets (`http://[2001:db8::1]:8080/`).
    let before = hay[..s].strip_suffix(b"[").unwrap_or(&hay[..s]);
    match before.last() {
        Some(b'/') => before.ends_with(b"//"),
        Some(b'@') => {
            // After userinfo: the authority starts at the last `//`, with no blank, `/` or
            // other `@` between it and this one.
            let window = &before[before.len().saturating_sub(256)..before.len() - 1];
            memchr::memmem::rfind(window, b"//").is_some_and(|i| {
                !window[i + 2..]
                    .iter()
                    .any(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'@'))
            })
        }
        _ => false,
    }
}

/// Whether `s` follows a product token's `/` (`YaBrowser/24.1.2.123` in a user agent): a
/// word, then `/`, the word not itself a path segment (`/api/hosts/10.0.0.5` is an address).
fn after_product_token(hay: &[u8], s: usize) -> bool {
    if s < 2 || hay[s - 1] != b'/' || !ALNUM.contains(hay[s - 2]) {
        return false;
    }
    let mut q = s - 1;
    while q > 0
        && s - q < 64
        && (ALNUM.contains(hay[q - 1]) || matches!(hay[q - 1], b'-' | b'_' | b'.'))
    {
        q -= 1;
    }
    q == 0 || hay[q - 1] != b'/'
}

/// Whether the word before `s` (across a separator: blanks, quotes, `=` or `:`) names a
/// version (`version=1.2.3.4`, `"os.version": "10.0.0.1"`, `ver 4.2.1.9`): four dotted
/// numbers there are a version, not an address. (`build` and `release` are not enough:
/// `build agent 10.0.0.5`, `DHCP release 10.0.0.7`.)
fn after_version_word(hay: &[u8], s: usize) -> bool {
    let mut q = s;
    let mut n = 0;
    while q > 0 && n < 4 && matches!(hay[q - 1], b' ' | b'\t' | b'"' | b'\'' | b'=' | b':') {
        q -= 1;
        n += 1;
    }
    if n == 0 {
        return false;
    }
    let end = q;
    while q > 0 && end - q < 16 && hay[q - 1].is_ascii_alphabetic() {
        q -= 1;
    }
    names_version(&hay[q..end])
}

/// Whether a word or key names a version: `version`, `os_version`, `appVersion`, `ver`,
/// `firmware`.
fn names_version(word: &[u8]) -> bool {
    let ends_with =
        |w: &[u8]| word.len() >= w.len() && word[word.len() - w.len()..].eq_ignore_ascii_case(w);
    ends_with(b"version") || word.eq_ignore_ascii_case(b"ver") || ends_with(b"firmware")
}

/// Whether `value`, the whole value of the key at `path`, is dotted numbers under a key that
/// names a version (`service.version: "1.2.3.4"`): a version, as the same text after the same
/// word in a line is (see `after_version_word`), not an IPv4 address.
pub(crate) fn version_value(path: &[u8], value: &[u8]) -> bool {
    let key = path.rsplit(|&b| b == b'.').next().unwrap_or(path);
    names_version(key)
        && value.len() <= 32
        && value.first().is_some_and(u8::is_ascii_digit)
        && value.iter().all(|&b| b.is_ascii_digit() || b == b'.')
}

/// Whether the userinfo that starts at `s` holds an e-mail address as its user name
/// (`https://bob.x@gmail.com@github.com`): two `@` before the authority ends. (Encoded,
/// `bob%40gmail.com@github.com`, the address and the host read as one longer address.)
fn userinfo_is_email(hay: &[u8], s: usize) -> bool {
    let window = &hay[s..hay.len().min(s.saturating_add(256))];
    let authority = window
        .iter()
        .position(|&b| AUTHORITY_END.contains(b))
        .map_or(window, |n| &window[..n]);
    memchr::memchr_iter(b'@', authority).nth(1).is_some()
}

/// Whether position `s` lies in the authority of a URL (`scheme://user@`,
/// `scheme://user:pass@`, `scheme://user:p@ss@`): the bytes before it, back to `://`, hold no
/// `/` and no hard delimiter (the look-back stops where every rule's does), and a scheme (a
/// letter, then letters, digits, `+`, `.`, `-`) precedes the `://`. A bare `//` is not a URL.
pub(super) fn in_url_userinfo(hay: &[u8], s: usize) -> bool {
    let floor = s.saturating_sub(256);
    let mut q = s;
    while q > floor && hay[q - 1] != b'/' && !HARD_DELIMITER.contains(hay[q - 1]) {
        q -= 1;
    }
    if !(q >= floor + 3 && hay[q - 1] == b'/' && hay[q - 2] == b'/' && hay[q - 3] == b':') {
        return false;
    }
    let colon = q - 3;
    let mut k = colon;
    while k > 0 && colon - k < 32 && SCHEME.contains(hay[k - 1]) {
        k -= 1;
    }
    k < colon && hay[k].is_ascii_alphabetic()
}

/// The bytes after which [`right_ok`] can hold for `b` (whatever else it reads), and whether
/// a closing quote at the end of the match lets it hold whatever follows: a necessary
/// condition that costs one set lookup.
pub(super) fn right_may_hold(b: &Boundary) -> (ByteSet, bool) {
    match b {
        Boundary::None | Boundary::UserFlag => (ByteSet::EMPTY.complement(), false),
        Boundary::Not(set) => (set.complement(), false),
        Boundary::ValueEnd(set) => (set.complement(), true),
        Boundary::Num | Boundary::Address | Boundary::Phone => (WORD.complement(), false),
        Boundary::EmailLocal => (EMAIL_LOCAL.complement(), false),
        Boundary::Ipv6 => (IPV6_RIGHT.complement(), false),
    }
}

#[inline]
pub(super) fn right_ok(b: &Boundary, hay: &[u8], e: usize) -> bool {
    let Some(&next) = hay.get(e) else {
        return true;
    };
    match b {
        Boundary::None | Boundary::UserFlag => true,
        Boundary::Not(set) => !set.contains(next),
        Boundary::ValueEnd(set) => matches!(hay[e - 1], b'"' | b'\'') || !set.contains(next),
        Boundary::Num | Boundary::Address | Boundary::Phone => {
            !(WORD.contains(next)
                || (matches!(next, b'.' | b'-' | b',')
                    && hay.get(e + 1).is_some_and(u8::is_ascii_digit)))
        }
        Boundary::EmailLocal => !EMAIL_LOCAL.contains(next),
        // Not inside a word or a longer address, and `::ffff:256.0.0.1` is no address that
        // ends at `256`; a full stop may end one.
        Boundary::Ipv6 => {
            !(IPV6_RIGHT.contains(next)
                || next == b'.' && hay.get(e + 1).is_some_and(u8::is_ascii_digit))
        }
    }
}

/// Widens `[s, e)` outward to UTF-8 character boundaries (when `hay` is text), so a replacement
/// never splits a character.
pub(super) fn widen_to_char_boundaries(hay: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s > 0 && s < hay.len() && (hay[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    while e < hay.len() && (hay[e] & 0xC0) == 0x80 {
        e += 1;
    }
    (s, e)
}

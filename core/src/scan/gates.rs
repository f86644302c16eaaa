//! Cheap gates that drop a candidate before its family's automaton runs: a `://` with no
//! `@` in the authority, an e-mail domain with no dot, digit runs in no number's shape.

use crate::text::bytes::ByteSet;
use crate::text::bytes::WORD;

/// URL userinfo needs an `@` in the authority that starts at `from` (it ends at the bytes
/// `url_credentials` cannot cross); rejects `https://api.example.com/v1` before any automaton
/// runs.
#[inline]
pub(super) fn userinfo_gate(hay: &[u8], from: usize) -> bool {
    let end = hay.len().min(from.saturating_add(1024));
    let mut password = false;
    for &b in hay.get(from..end).unwrap_or_default() {
        match b {
            b'@' => return true,
            // A `#` in the password (`redis://default:p@ss#w0rd@host`): unencoded, but written.
            b':' => password = true,
            b'#' if password => {}
            b if AUTHORITY_END.contains(b) => return false,
            _ => {}
        }
    }
    false
}

/// Bytes that end a URL authority as the userinfo checks read it (`url_credentials`' classes).
pub(super) const AUTHORITY_END: ByteSet = ByteSet::from_spec("/?#\"'<> \t\n\x0c\r");

/// An e-mail address needs a domain after its `@` with a dot before a letter (`x.io`): one
/// pass over the domain's bytes rejects `app@sha256:…` and `user@host` before the automaton.
#[inline]
pub(super) fn email_domain_gate(hay: &[u8], at: usize) -> bool {
    let end = hay.len().min(at + 1 + 512);
    let mut dot = false;
    for &b in hay.get(at + 1..end).unwrap_or_default() {
        if b.is_ascii_alphabetic() && dot {
            return true;
        }
        dot = b == b'.';
        if !(dot || b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
    }
    false
}

/// IPv6 needs `::` or seven colons in its run of hex digits, colons and dots, and a MAC
/// address six pairs of hex digits and five colons; rejects `10:30:00` and other runs of
/// colons before any automaton runs.
#[inline]
pub(super) fn ipv6_gate(hay: &[u8], s: usize) -> bool {
    let end = hay.len().min(s + 46);
    let mut colons = 0;
    let mut group = 0;
    // Whether every group so far has two digits.
    let mut pairs = true;
    let mut stop = end;
    for (i, &b) in hay[s..end].iter().enumerate() {
        if b == b':' {
            if colons > 0 && group == 0 {
                return true;
            }
            pairs &= group == 2;
            colons += 1;
            group = 0;
        } else if b.is_ascii_hexdigit() && group < 4 {
            group += 1;
        } else {
            // A `.` after two colons starts an IPv4 tail: decided by the colons so far.
            stop = s + i;
            break;
        }
    }
    let mac = colons == 5 && pairs && group == 2 && stop == s + 17;
    colons >= 7 || mac
}

/// Two upper-case letters (and a boundary) right before the digit at `p`: an IBAN's country.
#[inline]
pub(super) fn iban_lead(hay: &[u8], p: usize) -> bool {
    p >= 2
        && hay[p - 1].is_ascii_uppercase()
        && hay[p - 2].is_ascii_uppercase()
        && (p == 2 || !WORD.contains(hay[p - 3]))
}

pub(super) fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The bytes of a numeric run as [`numeric_gate`] walks it: digits and separators.
pub(super) const NUMERIC_RUN: ByteSet = ByteSet::from_spec("0-9.()+ /,*-");

/// The scalar form of the numeric gate in `vectors::numeric_filter`, for short values and for
/// runs that cross a chunk: walks the run of digits and separators from the digit at `s`.
#[inline]
pub(super) fn numeric_gate(hay: &[u8], s: usize) -> bool {
    let (mut digits, mut dots, mut seps) = (0usize, 0usize, 0usize);
    let end = hay.len().min(s + 64);
    let mut i = s;
    while i < end {
        match hay[i] {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            b'-' | b'(' | b')' | b'+' | b' ' | b'/' | b',' | b'*' => seps += 1,
            _ => break,
        }
        i += 1;
    }
    let plus = s > 0 && hay[s - 1] == b'+';
    if dots == 0 && seps == 0 && !plus {
        bare_card(digits, hay[s])
    } else if i == end && end < hay.len() {
        // A run cut off by the look-ahead limit (not by the end of the value) may be longer.
        true
    } else {
        separated_number(hay, s, digits, dots, seps > 0, plus)
    }
}

/// A bare run of digits (no separator, no `+`) can only be a card number: 13–19 digits from an
/// issuer's first digit (2–6; 8 and 9 for RuPay and Troy).
#[inline]
pub(super) fn bare_card(digits: usize, first: u8) -> bool {
    (13..=19).contains(&digits) && matches!(first, b'2'..=b'6' | b'8' | b'9')
}

/// A run with separators, a `+` before it, or dots, from the digit at `s`, counted as
/// `digits` digits and `dots` dots: enough digits for a phone or a card, or an address's
/// four groups; a run of digits and dots only must also have a dotted shape.
#[inline]
pub(super) fn separated_number(
    hay: &[u8],
    s: usize,
    digits: usize,
    dots: usize,
    seps: bool,
    plus: bool,
) -> bool {
    let counts = digits >= 9 || (plus && digits >= 7) || (digits >= 4 && dots >= 3);
    counts && (seps || plus || dotted_shape(hay, s))
}

/// A run of digits and dots only (no `+` before it), from the digit at `s`: the shapes a
/// number rule can take there. A card number (digits and a full stop after them), an IPv4
/// address (four groups of 1–3 digits), a NANP phone (`415.555.2671`, `1.415.555.2671`), or a
/// trunk-prefixed national phone (10–11 digits from a `0`); cards, SSNs and IBANs are never
/// written with dots. Rejects versions such as
/// `Chrome/120.0.6099.109` and `10.0.19045.2965` before any automaton runs.
fn dotted_shape(hay: &[u8], s: usize) -> bool {
    let mut groups = [0u8; 5];
    let (mut g, mut digits, mut len) = (0usize, 0usize, 0u8);
    for &b in &hay[s..] {
        match b {
            b'0'..=b'9' => {
                len = len.saturating_add(1);
                digits += 1;
            }
            b'.' => {
                if len == 0 || g == groups.len() {
                    break;
                }
                groups[g] = len;
                g += 1;
                len = 0;
            }
            _ => break,
        }
    }
    if len > 0 && g < groups.len() {
        groups[g] = len;
        g += 1;
    }
    let groups = &groups[..g];
    if g == 1 {
        // Only a trailing dot: a bare run, which only a card number can be.
        return bare_card(digits, hay[s]);
    }
    let ipv4 = g == 4 && groups.iter().all(|&n| (1..=3).contains(&n));
    let nanp = matches!(groups, [3, 3, 4] | [1, 3, 3, 4]);
    let trunk = hay[s] == b'0' && (10..=11).contains(&digits);
    ipv4 || nanp || trunk
}

/// Start of the run of `set` bytes (at most `max`) that ends at `p`.
#[inline]
pub(super) fn run_start(hay: &[u8], p: usize, set: ByteSet, max: usize) -> usize {
    let floor = p.saturating_sub(max);
    let mut q = p;
    while q > floor && set.contains(hay[q - 1]) {
        q -= 1;
    }
    q
}

#[cfg(test)]
mod tests {
    use super::ipv6_gate;

    #[test]
    fn the_colon_gate_passes_addresses_and_mac_addresses_only() {
        let pass = |s: &str| ipv6_gate(s.as_bytes(), 0);
        assert!(pass("2001:db8::1"));
        assert!(pass("2001:db8:85a3:0:0:8a2e:370:7334"));
        assert!(pass("3c:22:fb:9a:41:07 up"));
        assert!(pass("3c:22:fb:9a:41:07"));
        // Not six pairs: a time, a seventh pair, a group of one or three digits.
        assert!(!pass("12:30:45"));
        assert!(!pass("3c:22:fb:9a:41:07:11"));
        assert!(!pass("3c:22:fb:9a:41:7"));
        assert!(!pass("3c:22:fb:9a:41:077"));
        assert!(!pass("sha256:abcdef"));
    }
}

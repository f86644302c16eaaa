//! Phone numbers, and the epoch timestamps that look like them.

use super::digits;

pub(crate) fn phone(m: &[u8]) -> bool {
    // `+49 …`, or `(+49 …)` inside parentheses.
    let plus = m.iter().find(|&&b| b != b'(') == Some(&b'+');
    let mut n = 0;
    let mut groups = [0u8; 8];
    let mut g = 0;
    let mut in_group = false;
    let mut sep_kind = 0u8;
    let mut mixed = false;
    let mut parens = 0;
    for &b in m {
        if b.is_ascii_digit() {
            n += 1;
            if !in_group {
                if g == groups.len() {
                    return false;
                }
                g += 1;
                in_group = true;
            }
            groups[g - 1] += 1;
        } else {
            in_group = false;
            match b {
                b'(' | b')' => parens += 1,
                b'+' => {}
                _ => {
                    if sep_kind != 0 && sep_kind != b {
                        mixed = true;
                    }
                    sep_kind = b;
                }
            }
        }
    }
    let groups = &groups[..g];
    // Pairs of parentheses, or the one before an international number (`(+49 30 877951`).
    let opening = plus && m[0] == b'(';
    if parens != 0 && parens != 2 && !(parens == 1 && opening) {
        return false;
    }
    let first = m
        .iter()
        .find(|b| b.is_ascii_digit())
        .copied()
        .unwrap_or(b'0');
    if plus {
        return (8..=15).contains(&n) && first != b'0';
    }
    // National formats need separators or parentheses: bare digit runs are not phones.
    if g < 2 || (mixed && parens == 0) {
        return false;
    }
    // The international prefix written `00` instead of `+` (`0044 20 7946 0958`): a country
    // code of one to three digits after it, 8–15 digits as after a `+`, groups of at most
    // eight (an epoch in milliseconds is no subscriber number), and not groups of four alone,
    // which is how card-like numbers are written (`5500 0012 3456 7891` holds `0012 3456 7891`).
    if m.starts_with(b"00") && m.get(2).is_some_and(|b| (b'1'..=b'9').contains(b)) {
        return (10..=17).contains(&n)
            && (3..=5).contains(&groups[0])
            && groups.iter().all(|&x| x <= 8)
            && !groups.iter().all(|&x| x == 4);
    }
    let nanp = match groups {
        [3, 3, 4] => true,
        [1, 3, 3, 4] => first == b'1',
        _ => false,
    };
    if nanp {
        let area = if groups.len() == 4 { 1 } else { 0 };
        let area_digit = digits(m).nth(area).unwrap_or(0);
        return area_digit >= 2 || parens == 2;
    }
    // Trunk-prefixed national numbers (UK, DE, FR, ...): 10–11 digits starting with 0.
    first == b'0'
        && (10..=11).contains(&n)
        && groups.iter().all(|&x| x >= 2)
        && !(sep_kind == b'.' && g == 4)
}

/// Digit runs that read as epoch seconds (10), milliseconds (13), microseconds (16) or
/// nanoseconds (19) between 2001-09-09 and 2040.
pub(crate) fn looks_like_epoch(m: &[u8]) -> bool {
    if !m.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let lead = |k: usize| {
        m[..k.min(m.len())]
            .iter()
            .fold(0u64, |a, b| a * 10 + (b - b'0') as u64)
    };
    // Seconds between 1_000_000_000 (2001) and 2_240_000_000 (2040).
    matches!(m.len(), 10 | 13 | 16 | 19) && (1_000_000_000..2_240_000_000).contains(&lead(10))
}

//! Checksums and number shapes: Luhn, payment cards, IBAN (mod-97), US SSN.

use super::digits;

/// Luhn over every digit in `m`, ignoring separators.
pub(crate) fn luhn_digits(m: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut n = 0;
    for (i, d) in m
        .iter()
        .rev()
        .filter(|b| b.is_ascii_digit())
        .map(|b| b - b'0')
        .enumerate()
    {
        let d = if i % 2 == 1 {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        } else {
            d
        };
        sum += d as u32;
        n += 1;
    }
    n > 0 && sum % 10 == 0
}

pub(crate) fn card(m: &[u8]) -> bool {
    let n = digits(m).count();
    if !(13..=19).contains(&n) {
        return false;
    }
    // Grouping: bare, or one separator kind with groups of 3 or more digits, the first of four
    // (every card layout opens with the issuer's four: 4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3);
    // `bytes=632954-2212136` is a range.
    let mut sep = 0u8;
    let mut group = 0;
    for &b in m {
        if b.is_ascii_digit() {
            group += 1;
        } else {
            if (sep != 0 && sep != b) || group < 3 || (sep == 0 && group != 4) {
                return false;
            }
            sep = b;
            group = 0;
        }
    }
    if sep != 0 && group < 3 {
        return false;
    }
    let mut it = digits(m);
    let d: [u8; 4] = std::array::from_fn(|_| it.next().unwrap_or(0));
    known_issuer(d, n) && luhn_digits(m) && !all_same_digit(m)
}

/// Whether a card of `n` digits can start with `d` (its first four digits): the issuers'
/// ranges with the lengths they issue. Where a range is shared or moves (Maestro, Discover,
/// UnionPay, Diners) every length from 13 to 19 is taken; numbers that start with 0, 1
/// (epoch timestamps) or 7 are not cards.
fn known_issuer(d: [u8; 4], n: usize) -> bool {
    let p2 = u32::from(d[0]) * 10 + u32::from(d[1]);
    let p4 = p2 * 100 + u32::from(d[2]) * 10 + u32::from(d[3]);
    match d[0] {
        // Mir (2200–2204), Mastercard's 2-series (2221–2720, 16 digits).
        2 => match p4 {
            2200..=2204 => n >= 16,
            2221..=2720 => n == 16,
            _ => false,
        },
        3 => match p2 {
            // American Express.
            34 | 37 => n == 15,
            // JCB.
            35 => n >= 16,
            // Diners Club and others.
            _ => n >= 14,
        },
        // Visa: 13, 16 or 19 digits.
        4 => matches!(n, 13 | 16 | 19),
        // Mastercard (51–55, 16 digits); Maestro (50, 56–59).
        5 => match p2 {
            51..=55 => n == 16,
            _ => true,
        },
        // Discover, UnionPay, Maestro, RuPay (60, 65).
        6 => true,
        // RuPay (81, 82) and Troy (9792), 16 digits.
        8 => matches!(p2, 81 | 82) && n == 16,
        9 => p4 == 9792 && n == 16,
        _ => false,
    }
}

fn all_same_digit(m: &[u8]) -> bool {
    let mut it = m.iter().filter(|b| b.is_ascii_digit());
    let first = it.next();
    first.is_some() && it.all(|b| Some(b) == first)
}

/// IBAN country codes and their lengths (ISO 13616 registry).
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BI", 27),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DJ", 27),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FK", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MN", 20),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NI", 28),
    (b"NL", 18),
    (b"NO", 15),
    (b"OM", 23),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"RU", 33),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"SO", 23),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
    (b"YE", 30),
];

pub(crate) fn iban(m: &[u8]) -> bool {
    let mut buf = [0u8; 34];
    let mut n = 0;
    for &b in m {
        if b == b' ' {
            continue;
        }
        if n == buf.len() || !b.is_ascii_alphanumeric() {
            return false;
        }
        buf[n] = b.to_ascii_uppercase();
        n += 1;
    }
    let s = &buf[..n];
    if n < 15 {
        return false;
    }
    match IBAN_LENGTHS.iter().find(|(cc, _)| &s[..2] == *cc) {
        Some((_, len)) if *len == n => {}
        _ => return false,
    }
    if !s[2].is_ascii_digit() || !s[3].is_ascii_digit() {
        return false;
    }
    let mut rem = 0u32;
    for &b in s[4..].iter().chain(&s[..4]) {
        if b.is_ascii_digit() {
            rem = (rem * 10 + (b - b'0') as u32) % 97;
        } else {
            rem = (rem * 100 + (b - b'A' + 10) as u32) % 97;
        }
    }
    rem == 1
}

pub(crate) fn ssn(m: &[u8]) -> bool {
    if m.len() != 11 || m[3] != m[6] {
        return false;
    }
    let num = |r: &[u8]| r.iter().fold(0u32, |a, b| a * 10 + (b - b'0') as u32);
    let (area, group, serial) = (num(&m[..3]), num(&m[4..6]), num(&m[7..]));
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// A token whose last six characters are the base62 CRC32 of the thirty before them (GitHub's
/// `ghp_`-style and npm's `npm_` tokens): `m` ends with those 36 characters.
pub(crate) fn crc32_base62(m: &[u8]) -> bool {
    if m.len() < 36 {
        return false;
    }
    let (body, check) = m[m.len() - 36..].split_at(30);
    let mut n = crc32(body);
    let mut want = [b'0'; 6];
    for slot in want.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    n == 0 && want == check
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// CRC-32 (IEEE 802.3, reflected), bit by bit: the bodies are 30 bytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

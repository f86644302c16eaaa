//! The key gate of `key=value` anchors: the key before a `=`/`:` is read backwards and must
//! name a secret (checked once per key in a per-thread cache) before any automaton runs.

use super::boundary::after_user_flag;
use super::boundary::in_url_userinfo;
use super::gates::contains_ignore_case;
use super::gates::run_start;
use super::gates::userinfo_gate;
use super::simd::RangeTest;
use super::Matcher;
use crate::rules::builtin::KV_GATE_EXTRA;
use crate::rules::builtin::KV_KEYWORDS;
use crate::rules::validators::bare_key;
use crate::rules::vocabulary::key_names_secret;
use crate::rules::vocabulary::names_compound_secret;
use crate::text::bytes::KEY;
use wide::i8x16;

/// Remembers whether recent keys name a secret: keys repeat in telemetry, and the word check
/// is the costly part of a key=value anchor. Slots keep the key itself, so a collision only
/// costs a recheck.
pub(super) struct KeyCache {
    slots: Box<[KeySlot; KeyCache::SLOTS]>,
    /// The bytes of the keys longer than 16 bytes, by slot: apart from the slots, which a
    /// lookup reads every time and which stay small so that they stay in cache.
    long: Box<[[u8; KeyCache::MAX_KEY]; KeyCache::SLOTS]>,
}

impl KeyCache {
    const SLOTS: usize = 128;
    pub(super) const MAX_KEY: usize = 48;

    pub(super) fn new() -> KeyCache {
        KeyCache {
            slots: Box::new(
                [KeySlot {
                    words: (0, 0),
                    len: 0,
                    secret: false,
                }; Self::SLOTS],
            ),
            long: Box::new([[0; Self::MAX_KEY]; Self::SLOTS]),
        }
    }

    /// Two words that hold every byte of a key of 1 to 16 bytes (with its length, which
    /// tells the overlaps apart) and the first and last eight bytes of a longer one.
    #[inline]
    fn words(key: &[u8]) -> (u64, u64) {
        let n = key.len();
        if let (Some(h), Some(t)) = (key.first_chunk::<8>(), key.last_chunk::<8>()) {
            (u64::from_le_bytes(*h), u64::from_le_bytes(*t))
        } else if let (Some(h), Some(t)) = (key.first_chunk::<4>(), key.last_chunk::<4>()) {
            (
                u64::from(u32::from_le_bytes(*h)),
                u64::from(u32::from_le_bytes(*t)),
            )
        } else {
            let b = |i: usize| u64::from(key[i]);
            (b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0)
        }
    }

    #[inline]
    pub(super) fn get_or(&mut self, key: &[u8], check: impl FnOnce(&[u8]) -> bool) -> bool {
        let n = key.len();
        if n == 0 || n > Self::MAX_KEY {
            return check(key);
        }
        let words = Self::words(key);
        let h = (words.0 ^ words.1.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let i = (h >> 57) as usize % Self::SLOTS;
        let slot = &mut self.slots[i];
        // Keys of up to 16 bytes are whole in their words; longer ones compare the middle.
        if slot.words == words
            && usize::from(slot.len) == n
            && (n <= 16 || self.long[i][8..n - 8] == key[8..n - 8])
        {
            return slot.secret;
        }
        let secret = check(key);
        slot.words = words;
        slot.len = n as u8;
        if n > 16 {
            self.long[i][..n].copy_from_slice(key);
        }
        slot.secret = secret;
        secret
    }
}

#[derive(Clone, Copy)]
struct KeySlot {
    /// [`KeyCache::words`] of the key: with `len`, the whole key up to 16 bytes.
    words: (u64, u64),
    len: u8,
    secret: bool,
}

/// The pair filters of the key=value keywords, grouped by their lowest bit: a key's pairs
/// reach only the groups of the bits they hold (two or three of the twenty keywords for a
/// typical key, instead of all of them).
pub(super) struct KeywordSets {
    /// A keyword too short to have a pair: every key passes the filter.
    always: bool,
    /// The lowest bit of every set.
    lowest: u64,
    /// The sets, sorted by their lowest bit.
    sets: Vec<u64>,
    /// Bit → where its sets begin in `sets` (they end where the next bit's begin).
    starts: [u8; 65],
}

impl KeywordSets {
    pub(super) fn new(sets: impl Iterator<Item = u64>) -> KeywordSets {
        let all: Vec<u64> = sets.collect();
        let always = all.contains(&0);
        let mut sets: Vec<u64> = all.into_iter().filter(|&s| s != 0).collect();
        sets.sort_unstable_by_key(|s| s.trailing_zeros());
        let mut starts = [0u8; 65];
        for (bit, start) in starts.iter_mut().enumerate() {
            *start = sets.partition_point(|s| (s.trailing_zeros() as usize) < bit) as u8;
        }
        KeywordSets {
            always,
            lowest: sets.iter().fold(0, |acc, s| acc | (s & s.wrapping_neg())),
            sets,
            starts,
        }
    }

    /// Whether `pairs` has every bit of one of the sets.
    #[inline]
    pub(super) fn covered_by(&self, pairs: u64) -> bool {
        if self.always {
            return true;
        }
        let mut bits = pairs & self.lowest;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let group = &self.sets[usize::from(self.starts[b])..usize::from(self.starts[b + 1])];
            if group.iter().any(|&need| need & !pairs == 0) {
                return true;
            }
        }
        false
    }
}

/// The bit of a pair of adjacent letters (as [`KEY_CLASS`] numbers them) in a 64-bit filter.
#[inline]
const fn pair_bit(a: u8, b: u8) -> u64 {
    1 << ((a as u32 * 31 + b as u32) % 64)
}

/// [`pair_bit`] by the classes of a left and a right key byte, 0 unless both are letters.
static PAIR_BITS: [[u64; 28]; 28] = {
    let mut t = [[0u64; 28]; 28];
    let mut a = 2;
    while a < 28 {
        let mut b = 2;
        while b < 28 {
            t[a][b] = pair_bit(a as u8, b as u8);
            b += 1;
        }
        a += 1;
    }
    t
};

/// The start of the run of key bytes (as [`KEY_CLASS`] has them) that ends at `end`, and
/// its number of letters, walking back byte by byte at most 128 bytes.
pub(super) fn key_walk(hay: &[u8], end: usize) -> (usize, usize) {
    let floor = end.saturating_sub(128);
    let mut q = end;
    let mut letters = 0usize;
    while q > floor {
        let class = KEY_CLASS[hay[q - 1] as usize];
        if class == 0 {
            break;
        }
        letters += usize::from(class > 1);
        q -= 1;
    }
    (q, letters)
}

/// [`key_walk`] from 16-byte windows (at most two, back from `end`), with no branch per byte
/// (the walk's exit, at a different byte for every key, was mispredicted at nearly every
/// separator); the letters come as a mask, one bit each. `None` when the run may reach past
/// the windows or the value is shorter than one.
#[inline]
pub(super) fn key_extent(hay: &[u8], end: usize) -> Option<(usize, u64)> {
    let outside = |v: i8x16, lo: u8, hi: u8| RangeTest::new(lo, hi).outside((), v);
    let mut to = end;
    let mut letters = 0u64;
    for shift in [0, 16] {
        let from = to.saturating_sub(16);
        let window: [u8; 16] = *hay.get(from..)?.first_chunk::<16>()?;
        let x: i8x16 = wide::bytemuck::cast(window);
        // Upper-case letters fold onto lower case; no other byte folds into `a..=z`.
        let not_letter = outside(x | i8x16::splat(0x20), b'a', b'z');
        let not_key =
            not_letter & outside(x, b'0', b'9') & outside(x, b'-', b'.') & outside(x, b'_', b'_');
        let before_to = (1u32 << (to - from)) - 1;
        let here = !not_letter.to_bitmask() & before_to;
        let breaks = not_key.to_bitmask() & before_to;
        if breaks != 0 {
            let last_break = 31 - breaks.leading_zeros();
            let start = from + last_break as usize + 1;
            return Some((
                start,
                letters | u64::from(here >> (last_break + 1)) << shift,
            ));
        }
        letters |= u64::from(here) << shift;
        if from == 0 {
            // Every byte is a key byte: the key starts at the value's start.
            return Some((0, letters));
        }
        to = from;
    }
    None
}

/// Whether `q` is inside an Amazon Resource Name: the run of non-blank bytes before it starts
/// with `arn:`.
#[cold]
fn in_arn(hay: &[u8], q: usize) -> bool {
    let from = q.saturating_sub(256);
    let start = hay[from..q]
        .iter()
        .rposition(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'=' | b','))
        .map_or(from, |i| from + i + 1);
    hay[start..q]
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"arn:"))
}

/// The start of a key written as two words, `api key: …`, `Access Token = …`: `key` or `token`
/// at `q..end`, one blank before it and a word that makes it a compound secret word
/// (`api`, `access`, `auth`, `secret`, …). `None` for any other key.
#[cold]
fn spaced_key_start(hay: &[u8], q: usize, end: usize) -> Option<usize> {
    let word = &hay[q..end];
    if !(word.eq_ignore_ascii_case(b"key") || word.eq_ignore_ascii_case(b"token"))
        || q < 2
        || hay[q - 1] != b' '
    {
        return None;
    }
    let head_end = q - 1;
    let head_start = head_end
        - hay[head_end.saturating_sub(13)..head_end]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
    let head = &hay[head_start..head_end];
    let bounded = head_start == 0 || !KEY.contains(hay[head_start - 1]);
    (bounded && (2..=12).contains(&head.len()) && names_compound_secret(head)).then_some(head_start)
}

/// Whether `bits` has `k` bits or more, without a population count (the baseline x86-64
/// target has no instruction for it).
#[inline]
pub(super) fn at_least(mut bits: u64, k: usize) -> bool {
    // Clearing the lowest bit k - 1 times leaves a bit only if there were k.
    for _ in 1..k {
        bits &= bits.wrapping_sub(1);
    }
    k == 0 || bits != 0
}

/// The letter pairs of a key (its bytes are key bytes), for [`KeywordSets::covered_by`].
#[inline]
fn key_pairs(key: &[u8]) -> u64 {
    let mut pairs = 0u64;
    let mut left = 0u8;
    for &b in key {
        let class = KEY_CLASS[b as usize];
        pairs |= PAIR_BITS[usize::from(left)][usize::from(class)];
        left = class;
    }
    pairs
}

/// The pair filter of a keyword: a key that contains the keyword has all of its bits (pairs
/// of adjacent letters only, as [`key_pairs`] reads a key).
pub(super) fn pair_set(word: &[u8]) -> u64 {
    let class = |b: u8| usize::from(KEY_CLASS[b as usize]);
    word.windows(2)
        .fold(0, |acc, w| acc | PAIR_BITS[class(w[0])][class(w[1])])
}

/// Key bytes for the key=value look-back: 0 ends a key, 1 is a key byte that is not a letter
/// (`0-9 _ . -`), 2 + n is the n-th letter of the alphabet, either case.
static KEY_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            2 + (c - b'A')
        } else if c.is_ascii_lowercase() {
            2 + (c - b'a')
        } else if c.is_ascii_digit() || c == b'_' || c == b'.' || c == b'-' {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Start of the key before a `:`/`=` separator at `p`: skips blanks, then quotes and
/// backslashes, then takes the run of key bytes. `None` when there is no key.
#[inline]
pub(super) fn key_start(hay: &[u8], p: usize) -> Option<usize> {
    let end = key_end(hay, p);
    let q = run_start(hay, end, KEY, 128);
    (q < end).then_some(q)
}

/// Where a key ends before a `:`/`=` separator at `p`: skips up to 8 blanks, then up to 3
/// quotes, backslashes and closing parentheses (`"password" :`, `\"password\":`, and
/// PostgreSQL's `Key (api_token)=(…)`).
#[inline]
fn key_end(hay: &[u8], p: usize) -> usize {
    let mut q = p;
    let mut n = 0;
    while q > 0 && n < 8 && matches!(hay[q - 1], b' ' | b'\t') {
        q -= 1;
        n += 1;
    }
    n = 0;
    while q > 0 && n < 3 && matches!(hay[q - 1], b'"' | b'\'' | b'\\' | b')') {
        q -= 1;
        n += 1;
    }
    q
}

/// The key gate's view of the key=value keywords: a key must hold the letter pairs of one
/// of them, and at least as many letters as the shortest.
pub(super) struct KeyGate {
    pub(super) keyword_sets: KeywordSets,
    pub(super) min_letters: usize,
    /// The keyword rules' keywords: a key holding one passes, whatever its words.
    pub(super) rule_keywords: Vec<Vec<u8>>,
}

impl KeyGate {
    /// The gate of the key=value keywords and of `rule_keywords`, the keyword rules' own.
    pub(super) fn new(rule_keywords: &[String]) -> KeyGate {
        let keywords = || {
            KV_KEYWORDS
                .iter()
                .chain(KV_GATE_EXTRA)
                .copied()
                .chain(rule_keywords.iter().map(String::as_str))
        };
        KeyGate {
            keyword_sets: KeywordSets::new(keywords().map(|k| pair_set(k.as_bytes()))),
            min_letters: keywords()
                .map(|k| k.bytes().filter(u8::is_ascii_alphabetic).count())
                .min()
                .unwrap_or(0),
            rule_keywords: rule_keywords
                .iter()
                .map(|k| k.as_bytes().to_vec())
                .collect(),
        }
    }

    /// Whether `key` holds a keyword rule's keyword.
    fn holds_rule_keyword(&self, key: &[u8]) -> bool {
        self.rule_keywords
            .iter()
            .any(|w| contains_ignore_case(key, w))
    }
}

impl Matcher {
    /// The start of the key before a `:`/`=` separator at `p`, when the key can name a secret:
    /// one backward pass skips blanks and quotes and finds the key's bytes; a key with fewer
    /// letters than the shortest keyword is refused, a key seen recently is answered from the
    /// cache, and a new key must hold the letter pairs of a keyword before its words are
    /// checked as `secret_kv` would. Rejects `trace_id=`, `page=`, `10:30`, `input_tokens=`
    /// before any automaton runs.
    #[inline]
    pub(super) fn key_value_start(
        &self,
        hay: &[u8],
        p: usize,
        cache: &mut KeyCache,
    ) -> Option<usize> {
        let end = key_end(hay, p);
        let (q, enough_letters) = match key_extent(hay, end) {
            Some((q, letters)) => (q, at_least(letters, self.key_gate.min_letters)),
            None => {
                let (q, letters) = key_walk(hay, end);
                (q, letters >= self.key_gate.min_letters)
            }
        };
        // Any key after curl's user option (`curl -u admin:password`, `-u al:pw` too).
        let user_flag = || {
            hay[p] == b':'
                && q > 0
                && matches!(hay[q - 1], b' ' | b'=' | b'"' | b'\'')
                && after_user_flag(hay, q)
        };
        if !enough_letters {
            return user_flag().then_some(q);
        }
        let key = &hay[q..end];
        let secret_key = cache.get_or(key, |k| {
            self.key_gate.keyword_sets.covered_by(key_pairs(k))
                && (key_names_secret(k)
                    || contains_ignore_case(k, b"authorization")
                    || self.key_gate.holds_rule_keyword(k))
        });
        if secret_key && q > 0 && hay[q - 1] == b':' && in_arn(hay, q) {
            // `arn:aws:secretsmanager:…:secret:db-AbCdEf`: a resource type, not a key.
            return None;
        }
        if secret_key
            && hay[p] == b':'
            && hay[..q].ends_with(b"://")
            && in_url_userinfo(hay, q)
            && userinfo_gate(hay, p + 1)
        {
            // `https://x-access-token:…@github.com`: a URL's user name, whose password
            // `url_credentials` takes up to the `@` (a value would run on over the host).
            return None;
        }
        if secret_key || user_flag() {
            return Some(q);
        }
        // `key` or `token` (3 or 5 bytes) may end a key of two words (`api key:`).
        let maybe_spaced = match end - q {
            3 => hay[q] | 0x20 == b'k',
            5 => hay[q] | 0x20 == b't',
            _ => false,
        };
        if maybe_spaced {
            // A bare `key=` goes on to the validator, which reads its value (`bare_key`).
            spaced_key_start(hay, q, end).or_else(|| bare_key(&hay[q..end]).then_some(q))
        } else {
            None
        }
    }
}

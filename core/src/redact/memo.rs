//! A per-thread memo of attribute values that came out of redaction unchanged.
//!
//! Attribute values repeat from span to span: a service's user agent, its routes, its
//! `db.system`, the same parameterised statement. Each thread's scratch space remembers the
//! last clean values it saw, so a repeat costs one hash and one byte-for-byte compare instead
//! of a scan or a sanitizer run. Only values that came out unchanged are recorded, and a hit
//! needs the same bytes under the same tag: a hit can only answer what the scan would have.
//! A value's bytes are copied in the second time its hash comes by (the first time leaves
//! only the hash), so that ids and timestamps, which never repeat, cost a hash and no copy.
//! The table is allocated with the scratch space and never grows; longer values are not
//! recorded.
//!
//! Each hash picks a set of two entries. Two values that repeat in every span and share a
//! set both stay (with one entry a set they would evict each other at every span and never
//! hit), and a value seen once takes the place of another seen once before it takes the
//! place of a value that repeats.
//!
//! The fixpoint keeps a second table of the same kind: rendered texts in which a rescan
//! found nothing (`fixpoint.rs`).

/// What produced the clean answer: the content rules alone, or a sanitizer and then the
/// content rules (the same text can be clean for one and not for the other).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Tag(pub u8);

impl Tag {
    /// The content rules over a string value.
    pub(crate) const SCAN: Tag = Tag(0);

    /// SQL statements, one tag per dialect: a statement clean in one may not be in another.
    pub(crate) fn sql(dialect: crate::SqlDialect) -> Tag {
        Tag(16 + dialect as u8)
    }
}

/// Values recorded clean, by set and way. The entries' hashes are kept apart from their
/// bytes, which a lookup reads only when the hash matches: a value never seen before touches
/// one small set of heads, not the table of bytes.
pub(crate) struct CleanMemo {
    heads: Box<[[Head; CleanMemo::WAYS]; CleanMemo::SETS]>,
    /// Per set, the way used longer ago (by a hit or a record).
    older: Box<[u8; CleanMemo::SETS]>,
    bytes: Box<[[[u8; CleanMemo::MAX_VALUE]; CleanMemo::WAYS]; CleanMemo::SETS]>,
}

#[derive(Clone, Copy)]
struct Head {
    hash: u64,
    /// 0: no value recorded, perhaps a hash seen once (an empty value is never looked up).
    len: u8,
    tag: u8,
}

/// Where a value that is not in the memo would go, for [`CleanMemo::record`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Miss {
    set: usize,
    hash: u64,
    /// The way that holds this hash already: the value (most likely) came by before.
    seen: Option<usize>,
}

impl CleanMemo {
    const SETS: usize = 64;
    const WAYS: usize = 2;
    /// The longest value recorded, in bytes.
    pub(crate) const MAX_VALUE: usize = 120;

    pub(crate) fn new() -> CleanMemo {
        let empty = Head {
            hash: 0,
            len: 0,
            tag: 0,
        };
        CleanMemo {
            heads: Box::new([[empty; Self::WAYS]; Self::SETS]),
            older: Box::new([0; Self::SETS]),
            bytes: Box::new([[[0; Self::MAX_VALUE]; Self::WAYS]; Self::SETS]),
        }
    }

    /// `Ok` when `value` was recorded clean under `tag`; otherwise where to record it, or
    /// `None` when it is empty or too long to be recorded.
    #[inline(always)]
    pub(crate) fn lookup(&mut self, tag: Tag, value: &[u8]) -> Result<(), Option<Miss>> {
        if value.is_empty() || value.len() > Self::MAX_VALUE {
            return Err(None);
        }
        let hash = hash(tag, value);
        let set = (hash >> 58) as usize % Self::SETS;
        let seen = self.heads[set].iter().position(|head| head.hash == hash);
        let Some(way) = seen else {
            return Err(Some(Miss { set, hash, seen }));
        };
        let head = &self.heads[set][way];
        if usize::from(head.len) == value.len()
            && head.tag == tag.0
            && &self.bytes[set][way][..value.len()] == value
        {
            self.older[set] = 1 - way as u8;
            return Ok(());
        }
        Err(Some(Miss { set, hash, seen }))
    }

    /// Records `value` (the one [`CleanMemo::lookup`] missed with `miss`) as clean under
    /// `tag`: its bytes where its hash is, the second time; the first time, its hash in
    /// place of the way used longer ago, unless that way holds a value and the other only a
    /// hash.
    #[inline(always)]
    pub(crate) fn record(&mut self, miss: Miss, tag: Tag, value: &[u8]) {
        let older = usize::from(self.older[miss.set]);
        let heads = &mut self.heads[miss.set];
        let way = match miss.seen {
            Some(way) => way,
            None if heads[older].len != 0 && heads[1 - older].len == 0 => 1 - older,
            None => older,
        };
        let head = &mut heads[way];
        head.hash = miss.hash;
        if miss.seen.is_some() {
            head.len = value.len() as u8;
            head.tag = tag.0;
            self.bytes[miss.set][way][..value.len()].copy_from_slice(value);
        } else {
            head.len = 0;
        }
        self.older[miss.set] = 1 - way as u8;
    }

    /// How many values the memo can hold at once.
    #[cfg(test)]
    const CAPACITY: usize = Self::SETS * Self::WAYS;
}

/// A hash of the tag, the length and three words of the value (its first, middle and last
/// eight bytes): constant time whatever the length, as a lookup compares the whole value
/// anyway. Values that differ only elsewhere share a set and take turns in it.
#[inline]
fn hash(tag: Tag, value: &[u8]) -> u64 {
    let n = value.len();
    let at = |i: usize| u64::from_le_bytes(value[i..i + 8].try_into().expect("8 bytes"));
    let (head, middle, tail) = if n >= 8 {
        (at(0), at((n - 8) / 2), at(n - 8))
    } else {
        let short = value.iter().fold(0u64, |w, &b| w << 8 | u64::from(b));
        (short, 0, 0)
    };
    let a = (head ^ (u64::from(tag.0) << 56 | n as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let b = (middle ^ tail.rotate_left(29)).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    a ^ b.rotate_left(31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_needs_the_same_bytes_under_the_same_tag() {
        let mut memo = CleanMemo::new();
        remember(&mut memo, Tag::SCAN, b"GET");
        assert!(memo.lookup(Tag::SCAN, b"GET").is_ok());
        assert!(memo.lookup(Tag(3), b"GET").is_err());
        assert!(memo.lookup(Tag::SCAN, b"GET ").is_err());
        assert!(memo.lookup(Tag::SCAN, b"GEt").is_err());
        // Empty and long values are never recorded.
        assert!(matches!(memo.lookup(Tag::SCAN, b""), Err(None)));
        let long = vec![b'a'; CleanMemo::MAX_VALUE + 1];
        assert!(matches!(memo.lookup(Tag::SCAN, &long), Err(None)));
        let longest = vec![b'a'; CleanMemo::MAX_VALUE];
        remember(&mut memo, Tag::SCAN, &longest);
        assert!(memo.lookup(Tag::SCAN, &longest).is_ok());
    }

    /// Looks `value` up and records it until it is found (twice: hash, then bytes).
    fn remember(memo: &mut CleanMemo, tag: Tag, value: &[u8]) -> usize {
        let mut records = 0;
        while let Err(Some(miss)) = memo.lookup(tag, value) {
            memo.record(miss, tag, value);
            records += 1;
            assert!(records <= 2, "recorded after its second sight");
        }
        records
    }

    #[test]
    fn a_value_seen_once_leaves_only_its_hash() {
        let mut memo = CleanMemo::new();
        let miss = memo
            .lookup(Tag::SCAN, b"4bf92f3577b34da6")
            .unwrap_err()
            .unwrap();
        memo.record(miss, Tag::SCAN, b"4bf92f3577b34da6");
        assert!(memo.lookup(Tag::SCAN, b"4bf92f3577b34da6").is_err());
        assert_eq!(remember(&mut memo, Tag::SCAN, b"4bf92f3577b34da6"), 1);
    }

    #[test]
    fn values_beyond_the_capacity_replace_each_other() {
        // Many values over 128 entries: every lookup answers only for a value still held,
        // never for another one.
        let mut memo = CleanMemo::new();
        let values: Vec<Vec<u8>> = (0..1000)
            .map(|i| format!("value-{i}").into_bytes())
            .collect();
        for v in &values {
            remember(&mut memo, Tag::SCAN, v);
        }
        let hits = values
            .iter()
            .filter(|v| memo.lookup(Tag::SCAN, v).is_ok())
            .count();
        assert!(hits > 0 && hits <= CleanMemo::CAPACITY, "{hits}");
        assert!(memo.lookup(Tag::SCAN, values.last().unwrap()).is_ok());
        assert!(memo.lookup(Tag::SCAN, b"value-1000").is_err());
    }

    /// `n` values whose hashes under `tag` pick the same set.
    fn same_set(tag: Tag, n: usize) -> Vec<Vec<u8>> {
        let set = |v: &[u8]| (hash(tag, v) >> 58) as usize % CleanMemo::SETS;
        let first = set(b"value-0");
        (0..)
            .map(|i| format!("value-{i}").into_bytes())
            .filter(|v| set(v) == first)
            .take(n)
            .collect()
    }

    #[test]
    fn two_values_of_one_set_seen_in_turn_both_stay() {
        // A span's `db.system` and its statement, say: with one entry a set they would
        // replace each other at every span and never hit.
        let mut memo = CleanMemo::new();
        let pair = same_set(Tag::SCAN, 2);
        for round in 0..5 {
            for v in &pair {
                match memo.lookup(Tag::SCAN, v) {
                    Ok(()) => assert!(round >= 2, "a hit before the second sight"),
                    Err(miss) => {
                        assert!(round < 2, "missed in round {round}");
                        memo.record(miss.unwrap(), Tag::SCAN, v);
                    }
                }
            }
        }
    }

    #[test]
    fn values_seen_once_do_not_push_out_a_value_that_repeats() {
        // Ids and timestamps come by once each; the user agent comes back at every span.
        let mut memo = CleanMemo::new();
        let values = same_set(Tag::SCAN, 12);
        let (repeats, once) = values.split_first().unwrap();
        remember(&mut memo, Tag::SCAN, repeats);
        for v in once {
            let miss = memo.lookup(Tag::SCAN, v).unwrap_err().unwrap();
            memo.record(miss, Tag::SCAN, v);
            assert!(memo.lookup(Tag::SCAN, repeats).is_ok());
        }
        // A second value that repeats takes the entry the values seen once took turns
        // in, and both stay.
        let third = &once[0];
        remember(&mut memo, Tag::SCAN, third);
        assert!(memo.lookup(Tag::SCAN, third).is_ok());
        assert!(memo.lookup(Tag::SCAN, repeats).is_ok());
    }
}

//! Byte classes: 256-bit sets used for anchors, look-backs and boundaries; and the shapes of
//! bytes more than one layer asks about.

/// A UUID as text: 8-4-4-4-12 hex digits.
pub(crate) fn is_uuid(b: &[u8]) -> bool {
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A set of bytes, tested in constant time.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ByteSet([u64; 4]);

impl ByteSet {
    pub(crate) const EMPTY: ByteSet = ByteSet([0; 4]);

    /// Builds a set from a range spec such as `"A-Za-z0-9._-"`: `x-y` is a range, a `-` that
    /// ends the spec is literal.
    pub(crate) const fn from_spec(spec: &str) -> ByteSet {
        let b = spec.as_bytes();
        let mut set = [0u64; 4];
        let mut i = 0;
        while i < b.len() {
            let (lo, hi, step) = if i + 2 < b.len() && b[i + 1] == b'-' {
                (b[i], b[i + 2], 3)
            } else {
                (b[i], b[i], 1)
            };
            let mut c = lo as usize;
            while c <= hi as usize {
                set[c / 64] |= 1 << (c % 64);
                c += 1;
            }
            i += step;
        }
        ByteSet(set)
    }

    pub(crate) const fn union(self, other: ByteSet) -> ByteSet {
        ByteSet([
            self.0[0] | other.0[0],
            self.0[1] | other.0[1],
            self.0[2] | other.0[2],
            self.0[3] | other.0[3],
        ])
    }

    pub(crate) const fn minus(self, other: ByteSet) -> ByteSet {
        ByteSet([
            self.0[0] & !other.0[0],
            self.0[1] & !other.0[1],
            self.0[2] & !other.0[2],
            self.0[3] & !other.0[3],
        ])
    }

    pub(crate) const fn complement(self) -> ByteSet {
        ByteSet([!self.0[0], !self.0[1], !self.0[2], !self.0[3]])
    }

    pub(crate) fn insert(&mut self, byte: u8) {
        self.0[byte as usize / 64] |= 1 << (byte as usize % 64);
    }

    #[inline]
    pub(crate) const fn contains(&self, byte: u8) -> bool {
        self.0[byte as usize / 64] & (1 << (byte as usize % 64)) != 0
    }
}

impl std::fmt::Debug for ByteSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        for b in 0..=255u8 {
            if self.contains(b) {
                s.extend(std::ascii::escape_default(b).map(char::from));
            }
        }
        write!(f, "ByteSet({s:?})")
    }
}

/// `[A-Za-z0-9_]`.
pub(crate) const WORD: ByteSet = ByteSet::from_spec("A-Za-z0-9_");
/// `[A-Za-z0-9]`.
pub(crate) const ALNUM: ByteSet = ByteSet::from_spec("A-Za-z0-9");
/// `[0-9]`.
pub(crate) const DIGIT: ByteSet = ByteSet::from_spec("0-9");
/// `[0-9A-Fa-f]`.
pub(crate) const HEX: ByteSet = ByteSet::from_spec("0-9A-Fa-f");
/// Characters that continue an opaque vendor token.
pub(crate) const TOKEN: ByteSet = ByteSet::from_spec("A-Za-z0-9_-");
/// Characters of a standard base64 blob.
pub(crate) const B64: ByteSet = ByteSet::from_spec("A-Za-z0-9+/=");
/// Characters of an e-mail local part.
pub(crate) const EMAIL_LOCAL: ByteSet = ByteSet::from_spec("A-Za-z0-9._%+-");
/// Characters of a URL scheme.
pub(crate) const SCHEME: ByteSet = ByteSet::from_spec("A-Za-z0-9+.-");
/// Characters of a key in a `key=value` pair.
pub(crate) const KEY: ByteSet = ByteSet::from_spec("A-Za-z0-9_.-");
/// Bytes that end a token for every rule: a rule's decision never depends on text beyond one
/// of these, which is what lets the engine's rescan stop at them. (`,` is not one: a number
/// rule looks past it, to tell `1,2.7.2.7` from an address.)
pub(crate) const HARD_DELIMITER: ByteSet = ByteSet::from_spec(" \t\r\n\"';()[]{}<>&|");
/// Bytes that give text a structure read across a span: quotes and the escape that opens or
/// closes a quoted value, the parentheses, commas, semicolons and line breaks that separate
/// an `INSERT`'s values, and the angle brackets of a tag (the XML pass reads an element's
/// text up to the next `<`). A replacement that swallows one can move what a reader sees as
/// the next value, so the engine rescans the rendered text.
pub(crate) const STRUCTURE: ByteSet = ByteSet::from_spec("\"'`(),;<>\r\n\\");
/// Bytes that may open a phone number or an IBAN just before its first digit.
pub(crate) const NUMBER_LEAD: ByteSet = ByteSet::from_spec("A-Z(+");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_ranges_and_trailing_dash() {
        let s = ByteSet::from_spec("a-c_-");
        for b in *b"abc_-" {
            assert!(s.contains(b), "{}", b as char);
        }
        assert!(!s.contains(b'd'));
        assert!(!s.complement().contains(b'a') && s.complement().contains(b'z'));
        assert!(WORD.contains(b'_') && !WORD.contains(b'-'));
    }
}

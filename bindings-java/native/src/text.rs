//! Java strings (UTF-16) to the core's UTF-8 and back.
//!
//! A lone surrogate is not text: each becomes U+FFFD, so that a string holding one is scanned
//! like any other and comes back as the engine made it, never as it went in. Offsets the
//! engine reports in UTF-8 bytes are mapped back to UTF-16 units of the original string.

use jni::objects::JString;
use jni::sys::{jchar, jsize, jstring};
use jni::JNIEnv;

use crate::boundary::{Failure, Outcome};

/// A Java string's UTF-16 units, copied out of the JVM.
pub(crate) fn units(env: &mut JNIEnv<'_>, s: &JString<'_>) -> Outcome<Vec<u16>> {
    if s.is_null() {
        return Err(Failure::Argument(
            "scrubjay: a string argument is null".into(),
        ));
    }
    let raw = env.get_raw();
    // SAFETY: `raw` is the live JNIEnv of this thread and `s` a live local reference to a
    // String; `GetStringRegion` writes exactly `len` units into a buffer of `len` units. Both
    // function pointers are always present in a JNI 1.2+ function table.
    unsafe {
        let table = &**raw;
        let len = (table.GetStringLength.expect("JNI GetStringLength"))(raw, s.as_raw());
        let mut buf: Vec<u16> = vec![0; len.max(0) as usize];
        (table.GetStringRegion.expect("JNI GetStringRegion"))(
            raw,
            s.as_raw(),
            0,
            len,
            buf.as_mut_ptr() as *mut jchar,
        );
        Ok(buf)
    }
}

/// Whether every unit is ASCII. A fold rather than `all`, which stops early and so does not
/// vectorise: most attribute text is ASCII, and this runs over all of it.
pub(crate) fn is_ascii(units: &[u16]) -> bool {
    units.iter().fold(0u16, |seen, &u| seen | u) < 0x80
}

/// UTF-16 units as UTF-8, each lone surrogate as U+FFFD; and whether nothing was replaced.
pub(crate) fn to_utf8(units: &[u16]) -> (String, bool) {
    if is_ascii(units) {
        // The usual case: one byte per unit (the loop vectorises).
        let bytes: Vec<u8> = units.iter().map(|&u| u as u8).collect();
        return (String::from_utf8(bytes).unwrap_or_default(), true);
    }
    let mut out = String::with_capacity(units.len() + units.len() / 2);
    let mut exact = true;
    for c in char::decode_utf16(units.iter().copied()) {
        out.push(c.unwrap_or_else(|_| {
            exact = false;
            char::REPLACEMENT_CHARACTER
        }));
    }
    (out, exact)
}

/// A Java string as UTF-8, and whether it converted exactly (no lone surrogate).
pub(crate) fn read(env: &mut JNIEnv<'_>, s: &JString<'_>) -> Outcome<(String, bool)> {
    Ok(to_utf8(&units(env, s)?))
}

/// A new Java string holding `text`.
pub(crate) fn new_string(env: &mut JNIEnv<'_>, text: &str) -> Outcome<jstring> {
    let units: Vec<u16> = text.encode_utf16().collect();
    new_string_utf16(env, &units)
}

/// A new Java string holding these UTF-16 units.
pub(crate) fn new_string_utf16(env: &mut JNIEnv<'_>, units: &[u16]) -> Outcome<jstring> {
    let len = jsize::try_from(units.len())
        .map_err(|_| Failure::State("scrubjay: result too long for a Java string".into()))?;
    let raw = env.get_raw();
    // SAFETY: `raw` is this thread's live JNIEnv; `NewString` reads `len` units from `units`.
    let s = unsafe { ((**raw).NewString.expect("JNI NewString"))(raw, units.as_ptr(), len) };
    if s.is_null() {
        // OutOfMemoryError is pending.
        return Err(Failure::Jni(jni::errors::Error::JavaException));
    }
    Ok(s)
}

/// Maps UTF-8 byte offsets of the converted text back to UTF-16 units of the original.
pub(crate) struct UnitOffsets<'a> {
    units: &'a [u16],
    /// Units and bytes walked so far (offsets are asked for in increasing order, mostly).
    at_unit: usize,
    at_byte: usize,
}

impl<'a> UnitOffsets<'a> {
    pub(crate) fn new(units: &'a [u16]) -> UnitOffsets<'a> {
        UnitOffsets {
            units,
            at_unit: 0,
            at_byte: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary of the converted text).
    pub(crate) fn unit_at(&mut self, byte: usize) -> usize {
        if byte < self.at_byte {
            self.at_unit = 0;
            self.at_byte = 0;
        }
        while self.at_byte < byte && self.at_unit < self.units.len() {
            let u = self.units[self.at_unit];
            let pair = (0xD800..0xDC00).contains(&u)
                && self
                    .units
                    .get(self.at_unit + 1)
                    .is_some_and(|n| (0xDC00..0xE000).contains(n));
            let (n_units, n_bytes) = match u {
                _ if pair => (2, 4),
                0..=0x7F => (1, 1),
                0x80..=0x7FF => (1, 2),
                // The rest of the BMP, and a lone surrogate (written as U+FFFD, 3 bytes).
                _ => (1, 3),
            };
            self.at_unit += n_units;
            self.at_byte += n_bytes;
        }
        self.at_unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let mut units = utf16("a");
        units.push(0xD800);
        units.extend(utf16("b"));
        assert_eq!(to_utf8(&units), ("a\u{FFFD}b".to_string(), false));
        assert_eq!(to_utf8(&utf16("é😀")), ("é😀".to_string(), true));
    }

    #[test]
    fn byte_offsets_map_to_units() {
        let mut units = utf16("é😀");
        units.push(0xDC00);
        units.extend(utf16("x"));
        let (text, _) = to_utf8(&units);
        let mut map = UnitOffsets::new(&units);
        let x = text.find('x').unwrap();
        assert_eq!(map.unit_at(x), 4); // é 1 unit, 😀 2, the lone surrogate 1
        assert_eq!(map.unit_at(2), 1);
        assert_eq!(map.unit_at(text.len()), units.len());
    }
}

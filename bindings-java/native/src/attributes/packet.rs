//! The packet an attribute map crosses in (see the module docs), read and written.

use jni::objects::{JByteArray, JCharArray, JIntArray, JLongArray, JObject, JObjectArray};
use jni::sys::jint;
use jni::JNIEnv;

use crate::boundary::{Failure, Outcome};
use crate::text;

/// What one node of a packet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Null,
    Str,
    Long,
    Double,
    False,
    True,
    Map,
    List,
}

impl Kind {
    fn of(b: i8) -> Option<Kind> {
        Some(match b {
            0 => Kind::Null,
            1 => Kind::Str,
            2 => Kind::Long,
            3 => Kind::Double,
            4 => Kind::False,
            5 => Kind::True,
            6 => Kind::Map,
            7 => Kind::List,
            _ => return None,
        })
    }

    fn code(self) -> i8 {
        self as i8
    }
}

/// The Java arrays of a packet, each with the length in use (the Java side reuses them).
pub(crate) struct Arrays<'a, 'l> {
    pub kinds: (&'a JByteArray<'l>, jint),
    pub numbers: (&'a JLongArray<'l>, jint),
    pub text: &'a JCharArray<'l>,
    pub ends: (&'a JIntArray<'l>, jint),
}

/// A packet copied out of the JVM, its texts as UTF-8.
pub(crate) struct Packet {
    kinds: Vec<i8>,
    numbers: Vec<i64>,
    text: String,
    /// The byte end of each text in `text`.
    cuts: Vec<usize>,
    /// Whether every text converted exactly (no lone surrogate).
    pub exact: bool,
}

fn malformed() -> Failure {
    Failure::Argument("scrubjay: malformed attribute packet".into())
}

fn length(n: jint) -> Outcome<usize> {
    usize::try_from(n).map_err(|_| malformed())
}

impl Packet {
    /// Copies the arrays (a JNI call each) and converts the texts, each on its own: a surrogate
    /// pair split between two texts is two lone surrogates, not one character.
    pub(crate) fn read(env: &mut JNIEnv<'_>, a: Arrays<'_, '_>) -> Outcome<Packet> {
        let mut kinds = vec![0i8; length(a.kinds.1)?];
        env.get_byte_array_region(a.kinds.0, 0, &mut kinds)?;
        let mut numbers = vec![0i64; length(a.numbers.1)?];
        env.get_long_array_region(a.numbers.0, 0, &mut numbers)?;
        let mut ends = vec![0i32; length(a.ends.1)?];
        env.get_int_array_region(a.ends.0, 0, &mut ends)?;
        let total = length(ends.last().copied().unwrap_or(0))?;
        let mut units = vec![0u16; total];
        env.get_char_array_region(a.text, 0, &mut units)?;
        let mut cuts = Vec::with_capacity(ends.len());
        let mut start = 0usize;
        for &end in &ends {
            let end = length(end)?;
            if end < start || end > total {
                return Err(malformed());
            }
            cuts.push(end);
            start = end;
        }
        let (text, exact) = if text::is_ascii(&units) {
            // One byte per unit: the cuts are the ends.
            text::to_utf8(&units)
        } else {
            let mut text = String::with_capacity(total + total / 2);
            let mut exact = true;
            let mut start = 0;
            for cut in cuts.iter_mut() {
                let (part, part_exact) = text::to_utf8(&units[start..*cut]);
                start = *cut;
                text.push_str(&part);
                exact &= part_exact;
                *cut = text.len();
            }
            (text, exact)
        };
        Ok(Packet {
            kinds,
            numbers,
            text,
            cuts,
            exact,
        })
    }

    pub(crate) fn reader(&self) -> Reader<'_> {
        Reader {
            packet: self,
            kind: 0,
            number: 0,
            text: 0,
        }
    }
}

/// Reads a packet's nodes in order.
pub(crate) struct Reader<'p> {
    packet: &'p Packet,
    kind: usize,
    number: usize,
    text: usize,
}

impl<'p> Reader<'p> {
    pub(crate) fn kind(&mut self) -> Outcome<Kind> {
        let k = self.packet.kinds.get(self.kind).copied().and_then(Kind::of);
        self.kind += 1;
        k.ok_or_else(malformed)
    }

    pub(crate) fn number(&mut self) -> Outcome<i64> {
        let n = self.packet.numbers.get(self.number).copied();
        self.number += 1;
        n.ok_or_else(malformed)
    }

    /// A container's size: a count that the rest of the packet can hold.
    pub(crate) fn count(&mut self) -> Outcome<usize> {
        let n = usize::try_from(self.number()?).map_err(|_| malformed())?;
        if n > self.packet.kinds.len() {
            return Err(malformed());
        }
        Ok(n)
    }

    pub(crate) fn text(&mut self) -> Outcome<&'p str> {
        let cuts = &self.packet.cuts;
        let end = *cuts.get(self.text).ok_or_else(malformed)?;
        let start = if self.text == 0 {
            0
        } else {
            cuts[self.text - 1]
        };
        self.text += 1;
        self.packet.text.get(start..end).ok_or_else(malformed)
    }

    /// Whether every node, number and text was read.
    pub(crate) fn done(&self) -> bool {
        self.kind == self.packet.kinds.len()
            && self.number == self.packet.numbers.len()
            && self.text == self.packet.cuts.len()
    }
}

/// Writes a packet for Java, texts as UTF-16.
#[derive(Default)]
pub(crate) struct Writer {
    kinds: Vec<i8>,
    numbers: Vec<i64>,
    units: Vec<u16>,
    ends: Vec<i32>,
}

impl Writer {
    pub(crate) fn kind(&mut self, k: Kind) {
        self.kinds.push(k.code());
    }

    pub(crate) fn number(&mut self, n: i64) {
        self.numbers.push(n);
    }

    pub(crate) fn text(&mut self, s: &str) {
        self.units.extend(s.encode_utf16());
        self.ends.push(self.units.len() as i32);
    }

    /// `Object[] {byte[] kinds, long[] numbers, int[] ends, String text}`.
    pub(crate) fn to_java<'l>(&self, env: &mut JNIEnv<'l>) -> Outcome<JObjectArray<'l>> {
        let kinds = env.new_byte_array(self.kinds.len() as i32)?;
        env.set_byte_array_region(&kinds, 0, &self.kinds)?;
        let numbers = env.new_long_array(self.numbers.len() as i32)?;
        env.set_long_array_region(&numbers, 0, &self.numbers)?;
        let ends = env.new_int_array(self.ends.len() as i32)?;
        env.set_int_array_region(&ends, 0, &self.ends)?;
        // SAFETY: `new_string_utf16` returns a live local reference to a new String.
        let text = unsafe { JObject::from_raw(text::new_string_utf16(env, &self.units)?) };
        let out = env.new_object_array(4, "java/lang/Object", JObject::null())?;
        env.set_object_array_element(&out, 0, kinds)?;
        env.set_object_array_element(&out, 1, numbers)?;
        env.set_object_array_element(&out, 2, ends)?;
        env.set_object_array_element(&out, 3, text)?;
        Ok(out)
    }
}

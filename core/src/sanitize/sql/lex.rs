//! The byte level of the SQL tokenizer: byte classes and where quoted strings, comments,
//! numbers and names end.

pub(super) const OTHER: u8 = 0;
pub(super) const BLANK: u8 = 1;
pub(super) const WORD: u8 = 2;
pub(super) const DIGIT: u8 = 3;

/// Byte classes of the tokenizer: blanks, word bytes (letters, `_`, non-ASCII), digits.
pub(super) static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) {
            BLANK
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            WORD
        } else {
            OTHER
        };
        c += 1;
    }
    t
};

/// Bytes that continue a name: word bytes, digits and `$` (`price$2`, `V$SESSION`).
pub(super) static NAME_CONTINUE: [bool; 256] = name_continue(false);

/// [`NAME_CONTINUE`] and `#` (`ORDER#`, `table#`), for dialects whose names may hold it.
pub(super) static NAME_CONTINUE_HASH: [bool; 256] = name_continue(true);

const fn name_continue(hash: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] =
            matches!(CLASS[c], WORD | DIGIT) || c == b'$' as usize || (hash && c == b'#' as usize);
        c += 1;
    }
    t
}

#[inline]
pub(super) fn is_word_byte(c: u8) -> bool {
    matches!(CLASS[c as usize], WORD | DIGIT)
}

#[inline]
pub(super) fn is_blank(c: u8) -> bool {
    CLASS[c as usize] == BLANK
}

/// The end of the name whose bytes continue from `from`, by `table`.
#[inline]
pub(super) fn name_end(b: &[u8], from: usize, table: &[bool; 256]) -> usize {
    let mut i = from;
    while i < b.len() && table[b[i] as usize] {
        i += 1;
    }
    i
}

/// [`name_end`] by [`NAME_CONTINUE`].
#[inline]
pub(super) fn word_end(b: &[u8], from: usize) -> usize {
    name_end(b, from, &NAME_CONTINUE)
}

pub(super) fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// End (exclusive) of a `/* ... */` comment whose body starts at `from`; an unclosed one runs
/// to the end. With `nested`, each `/*` inside needs its own `*/`.
pub(super) fn comment_end(b: &[u8], from: usize, nested: bool) -> usize {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(k) = memchr::memchr2(b'*', b'/', &b[i..]) {
        i += k;
        match (b[i], b.get(i + 1)) {
            (b'*', Some(b'/')) => {
                depth -= 1;
                if depth == 0 {
                    return i + 2;
                }
                i += 2;
            }
            (b'/', Some(b'*')) if nested => {
                depth += 1;
                i += 2;
            }
            _ => i += 1,
        }
    }
    b.len()
}

pub(super) fn line_end(b: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |k| from + k)
}

/// End (exclusive) of a literal or quoted name opened by `q` at `start`: a doubled quote
/// escapes, and so does a backslash with `backslash`; an unterminated quote runs to the end.
pub(super) fn quoted_end(b: &[u8], start: usize, q: u8, backslash: bool) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        let next = if backslash {
            memchr::memchr2(q, b'\\', &b[i..])
        } else {
            memchr::memchr(q, &b[i..])
        };
        let Some(k) = next else { return b.len() };
        i += k;
        if b[i] == b'\\' || b.get(i + 1) == Some(&q) {
            i += 2;
        } else {
            return i + 1;
        }
    }
    b.len()
}

/// End (exclusive) of a `[name]` opened at `start`, `]]` escaping; an unclosed one runs to
/// the end.
pub(super) fn bracket_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(k) = memchr::memchr(b']', &b[i..]) {
        i += k;
        if b.get(i + 1) == Some(&b']') {
            i += 2;
        } else {
            return i + 1;
        }
    }
    b.len()
}

/// `$$...$$` or `$tag$...$tag$` starting at `start`: the end of the literal (an unterminated
/// one runs to the end), or `None` when this `$` is a parameter such as `$1`.
pub(super) fn dollar_quoted_end(b: &[u8], start: usize) -> Option<usize> {
    let tag_len = b[start + 1..]
        .iter()
        .take_while(|x| x.is_ascii_alphabetic() || **x == b'_')
        .count();
    let close = start + 1 + tag_len;
    if b.get(close) != Some(&b'$') {
        return None;
    }
    let tag = &b[start..=close];
    let body = close + 1;
    Some(memchr::memmem::find(&b[body..], tag).map_or(b.len(), |k| body + k + tag.len()))
}

/// Oracle's `q'<delimiter>…<closing delimiter>'` whose quote is at `quote`: the end of the
/// literal (an unterminated one runs to the end), or `None` when no delimiter follows.
pub(super) fn q_quoted_end(b: &[u8], quote: usize) -> Option<usize> {
    let open = *b.get(quote + 1)?;
    if is_blank(open) || open == b'\'' {
        return None;
    }
    let close = match open {
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        b'(' => b')',
        c => c,
    };
    let mut i = quote + 2;
    while let Some(k) = memchr::memchr(close, &b[i..]) {
        i += k;
        if b.get(i + 1) == Some(&b'\'') {
            return Some(i + 2);
        }
        i += 1;
    }
    Some(b.len())
}

/// End of a number: digits, one dot, an exponent, or a `0x` / `0b` literal.
pub(super) fn number_end(b: &[u8], start: usize) -> usize {
    if b[start] == b'0' && matches!(b.get(start + 1), Some(b'x' | b'X' | b'b' | b'B')) {
        let end = start
            + 2
            + b[start + 2..]
                .iter()
                .take_while(|x| x.is_ascii_hexdigit())
                .count();
        if end > start + 2 {
            return end;
        }
    }
    let mut i = start;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
        i += 1;
    }
    if i < b.len() && matches!(b[i], b'e' | b'E') {
        let mut j = i + 1;
        if j < b.len() && matches!(b[j], b'+' | b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    // `1abc` is an identifier in some dialects: keep it whole rather than split it.
    while i < b.len() && is_word_byte(b[i]) {
        i += 1;
    }
    i
}

/// The first byte at or after `i` that is not a blank.
pub(super) fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_blank(b[i]) {
        i += 1;
    }
    i
}

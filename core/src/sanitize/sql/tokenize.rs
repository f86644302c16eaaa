//! The normaliser proper: one pass over a statement in one dialect's grammar.

use super::dialect::{Bracket, DoubleQuote, Grammar, Hash};
use super::lex::{
    bracket_end, comment_end, dollar_quoted_end, is_blank, is_word_byte, line_end, name_end,
    number_end, q_quoted_end, quoted_end, skip_blanks, utf8_len, word_end, BLANK, CLASS,
    NAME_CONTINUE, WORD,
};
use super::output::Output;

/// Literal byte ranges, in order: what a reading calls a literal.
pub(super) type Ranges = Vec<(usize, usize)>;

/// Normalises `b` read by `g` into `buf`'s storage. With `ranges`, the byte range of every
/// literal is added to it.
pub(super) fn tokenize(
    b: &[u8],
    g: &Grammar,
    buf: Vec<u8>,
    mut ranges: Option<&mut Ranges>,
) -> String {
    let mut out = Output::with_buffer(buf, g.double_quote == DoubleQuote::LiteralWhereValue);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let literals = out.literals;
        let start = i;
        // The common classes first, without guards: blanks and plain words.
        i = match CLASS[c as usize] {
            BLANK => {
                out.space();
                i + 1 + b[i + 1..].iter().take_while(|&&x| is_blank(x)).count()
            }
            WORD if !may_prefix_literal(c) => {
                let end = name_end(b, i, g.name_continue);
                out.word(&b[i..end]);
                end
            }
            _ => token(b, i, g, &mut out),
        };
        if let Some(r) = ranges.as_deref_mut().filter(|_| out.literals != literals) {
            r.push((start, i));
        }
    }
    out.finish()
}

/// Whether a word starting with `c` may be a literal's prefix (`E'…'`, `N'…'`, `X'…'`,
/// `B'…'`, `U&'…'`, `q'…'`) or a boolean literal (`true`, `false`).
fn may_prefix_literal(c: u8) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        b'e' | b'n' | b'x' | b'b' | b'u' | b't' | b'f' | b'q'
    )
}

/// Writes the token at `i` (any class) into `out`; returns where the next one starts.
fn token(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    let c = b[i];
    match c {
        b'-' if b.get(i + 1) == Some(&b'-') && g.dash_opens_comment(b, i) => {
            comment(out, line_end(b, i))
        }
        b'#' => hash(b, i, g, out),
        b'/' if b.get(i + 1) == Some(&b'*') => {
            comment(out, comment_end(b, i + 2, g.nested_comments))
        }
        b'\'' => {
            out.literal();
            quoted_end(b, i, b'\'', g.backslash_escapes)
        }
        b'"' => double_quoted(b, i, g, out),
        b'`' => quoted_name(b, i, quoted_end(b, i, c, false), out),
        b'[' => bracket(b, i, g, out),
        b'$' => dollar(b, i, g, out),
        b'?' => {
            // `?`, and SQLite's numbered `?1`.
            let end = i + 1 + b[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
            param(b, i, end, out)
        }
        b':' if b
            .get(i + 1)
            .is_some_and(|x| x.is_ascii_alphabetic() || *x == b'_')
            && !out.ends_with(b':') =>
        {
            param(b, i, word_end(b, i + 1), out)
        }
        b':' if g.numbered_colon_params
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && !out.ends_with(b':') =>
        {
            param(b, i, word_end(b, i + 1), out)
        }
        b'@' if b
            .get(i + 1)
            .is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_' || *x == b'@') =>
        {
            param(b, i, word_end(b, i + 1), out)
        }
        b'%' if percent_param_end(b, i).is_some() => {
            param(b, i, percent_param_end(b, i).unwrap_or(i + 1), out)
        }
        b'0'..=b'9' => {
            out.literal();
            number_end(b, i)
        }
        b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) && !out.ends_with_word() => {
            out.literal();
            number_end(b, i)
        }
        _ if is_word_byte(c) => word_or_literal(b, i, g, out),
        // MySQL's `5--2` is arithmetic: written `5- -2`, so that no blank or end that follows
        // in the output (once a comment goes) turns it into a comment.
        b'-' if g.dash_comment_needs_blank && out.ends_with(b'-') => {
            out.space();
            out.punct(b"-");
            i + 1
        }
        _ => {
            let len = utf8_len(c).min(b.len() - i);
            out.punct(&b[i..i + len]);
            i + len
        }
    }
}

/// A comment that ends at `end`: it reads as a blank.
fn comment(out: &mut Output, end: usize) -> usize {
    out.space();
    end
}

/// `#`: a comment (MySQL), part of a name (`#temp`, `##global`) or an operator.
fn hash(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    match g.hash {
        Hash::Comment => comment(out, line_end(b, i)),
        Hash::Name if b.get(i + 1).is_some_and(|&x| g.name_continue[x as usize]) => {
            let end = name_end(b, i + 1, g.name_continue);
            out.word(&b[i..end]);
            end
        }
        _ => {
            out.punct(b"#");
            i + 1
        }
    }
}

/// `"…"`: a quoted name, or (MySQL) a string literal wherever a name cannot stand.
fn double_quoted(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    let name_end = quoted_end(b, i, b'"', false);
    let is_name = match g.double_quote {
        DoubleQuote::Name => true,
        DoubleQuote::LiteralWhereValue => out.name_expected() || joins_a_name(b, name_end),
    };
    if is_name {
        return quoted_name(b, i, name_end, out);
    }
    out.literal();
    quoted_end(b, i, b'"', g.backslash_escapes)
}

/// Whether what follows a quoted name ending at `end` makes it one: a `.` and a name
/// (`"t".col`), or a `(` (`"f"(…)`).
fn joins_a_name(b: &[u8], end: usize) -> bool {
    let next = skip_blanks(b, end);
    match b.get(next) {
        Some(b'(') => true,
        Some(b'.') => !b.get(next + 1).is_some_and(u8::is_ascii_digit),
        _ => false,
    }
}

/// `[`: a quoted name (SQL Server, SQLite), or a subscript kept whole when it holds no quote.
fn bracket(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    if g.bracket == Bracket::Name {
        return quoted_name(b, i, bracket_end(b, i), out);
    }
    let end = memchr::memchr(b']', &b[i..]).map_or(b.len(), |k| i + k + 1);
    let body = &b[i..end];
    // A number that starts a token is a literal (`ARRAY[21, 25]`, `tags[1]`); `[c3]` is a name.
    let number = body
        .windows(2)
        .any(|w| w[1].is_ascii_digit() && !NAME_CONTINUE[w[0] as usize]);
    if number || memchr::memchr3(b'\'', b'"', b'`', body).is_some() {
        out.punct(b"[");
        return i + 1;
    }
    quoted_name(b, i, end, out)
}

/// A quoted name (`"name"`, `` `name` ``, `[name]`) from `i` to `end`, kept.
fn quoted_name(b: &[u8], i: usize, end: usize, out: &mut Output) -> usize {
    out.quoted_name(&b[i..end]);
    end
}

/// A bind parameter from `i` to `end`, kept.
fn param(b: &[u8], i: usize, end: usize, out: &mut Output) -> usize {
    out.param(&b[i..end]);
    end
}

/// `$`: a dollar-quoted string (a literal) or a `$1` / `$name` parameter.
fn dollar(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    if let Some(end) = dollar_quoted_end(b, i).filter(|_| g.dollar_quotes) {
        out.literal();
        return end;
    }
    let name = b[i + 1..]
        .iter()
        .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_')
        .count();
    param(b, i, i + 1 + name, out)
}

/// The end of a `%s`, `%d` or `%(name)s` parameter at `i`; `None` when `%` starts none (it is
/// an operator). A `%(` that no name and `)` close is no parameter: taken for one, it would
/// keep the rest of the statement as written.
fn percent_param_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i + 1) {
        Some(b's' | b'd') => Some(i + 2),
        Some(b'(') => {
            let name = b[i + 2..]
                .iter()
                .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_')
                .count();
            let close = i + 2 + name;
            (name > 0 && b.get(close) == Some(&b')')).then(|| {
                close + 1 + usize::from(b.get(close + 1).is_some_and(u8::is_ascii_alphabetic))
            })
        }
        _ => None,
    }
}

/// A word at `i`, or the literal it prefixes: `E'…'`, `N'…'`, `X'…'`, `B'…'`, `U&'…'`,
/// Oracle's `q'…'` and `nq'…'`, `true`, `false`.
fn word_or_literal(b: &[u8], i: usize, g: &Grammar, out: &mut Output) -> usize {
    let end = name_end(b, i, g.name_continue);
    let prefix = &b[i..end];
    if b.get(end) == Some(&b'\'') {
        if g.q_quotes && (prefix.eq_ignore_ascii_case(b"q") || prefix.eq_ignore_ascii_case(b"nq")) {
            if let Some(close) = q_quoted_end(b, end) {
                out.literal();
                return close;
            }
        }
        let e_string = g.e_strings && matches!(prefix, [b'e' | b'E']);
        let escapes = e_string || g.backslash_escapes;
        if e_string || matches!(prefix, [b'n' | b'N' | b'x' | b'X' | b'b' | b'B']) {
            out.literal();
            return quoted_end(b, end, b'\'', escapes);
        }
    }
    if prefix.eq_ignore_ascii_case(b"u")
        && b.get(end) == Some(&b'&')
        && b.get(end + 1) == Some(&b'\'')
    {
        out.literal();
        return quoted_end(b, end + 1, b'\'', g.backslash_escapes);
    }
    if prefix.eq_ignore_ascii_case(b"true") || prefix.eq_ignore_ascii_case(b"false") {
        out.literal();
    } else {
        out.word(prefix);
    }
    end
}

//! SQL credentials in free text: log lines, exception messages and audit records carry
//! statements whose secrets stand in no `key=value` shape, so `secret_kv` alone cannot see
//! them:
//!
//! - after a keyword: `ALTER USER app WITH PASSWORD 'x'`, `CREATE USER 'u'@'h' IDENTIFIED BY
//!   'x'`, `IDENTIFIED WITH mysql_native_password BY 'x'`, and prose such as `invalid
//!   password 'x'`;
//! - by position: `INSERT INTO users (email, password) VALUES ('a@b.io', 'x')`, where a value
//!   is secret when its column's name is (read as `secret_kv` reads a key).
//!
//! Both need a `'`: the matcher's byte scans note the first one as they go, so text without
//! one costs next to nothing. Every step looks at a bounded window or moves forward only (a
//! password after a keyword is read to its closing quote or its line's end, and the quotes
//! before that end are not openings again): the pass is linear in the text. (`db.statement` is not read here: the SQL sanitizer normalises the whole
//! statement.)
//!
//! A found value is reported as `secret_kv`'s: a secret named by the word or column before it.

use crate::rules::secret::is_blank;
use crate::rules::vocabulary::{is_placeholder, key_names_secret};
use crate::text::bytes::WORD;

/// The longest keyword or column name read.
const MAX_WORD: usize = 64;
/// The most columns of one `INSERT` read.
const MAX_COLUMNS: usize = 128;

/// Reports the byte range of each secret value in `hay` to `found` (a quoted value without
/// its quotes; a bare value as written), in no particular order: for `ALTER ROLE app WITH
/// PASSWORD 'hunter2'`, the range of `hunter2`. `first` is where the first `'` is: every
/// value this reads needs one.
pub(crate) fn find(hay: &[u8], first: usize, found: &mut dyn FnMut(usize, usize)) {
    // Quotes inside a value already reported are not read again as openings, nor are those
    // before the end of a line on which an opening found no closing quote (none of them can
    // find one either), which keeps the pass linear.
    let mut skip_to = 0;
    for q in memchr::memchr_iter(b'\'', &hay[first..]).map(|i| first + i) {
        if q < skip_to {
            continue;
        }
        match after_keyword(hay, q) {
            Quoted::Value(end) => {
                found(q + 1, end);
                skip_to = end + 1;
            }
            Quoted::Unclosed(line_end) => skip_to = line_end,
            Quoted::Not => {}
        }
    }
    insert_values(hay, found);
}

/// What follows a quote.
enum Quoted {
    /// A password that ends at the closing quote here.
    Value(usize),
    /// A password whose quote no quote closes before the line ends here.
    Unclosed(usize),
    /// No password.
    Not,
}

/// The end of the value quoted at `q` when a keyword that names a password stands before it,
/// a blank between: `PASSWORD 'x'`, `IDENTIFIED BY 'x'`, `… mysql_native_password BY 'x'`.
/// The closing quote is looked for to the end of the line, however long the value: a window
/// of bytes would reach it only once the secrets inside were masked (shorter), and a second
/// pass would then find more than the first.
fn after_keyword(hay: &[u8], q: usize) -> Quoted {
    let Some((start, word)) = word_before(hay, q) else {
        return Quoted::Not;
    };
    let names_password = |w: &[u8]| {
        [&b"password"[..], b"passwd", b"passphrase"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
    };
    let keyword = names_password(word)
        || (word.eq_ignore_ascii_case(b"by")
            && word_before(hay, start).is_some_and(|(_, w)| {
                w.eq_ignore_ascii_case(b"identified")
                    || (w.len() > 9 && names_password(&w[w.len() - 8..]) && w[w.len() - 9] == b'_')
            }));
    if !keyword {
        return Quoted::Not;
    }
    let line_end = memchr::memchr2(b'\n', b'\r', &hay[q + 1..]).map_or(hay.len(), |i| q + 1 + i);
    let Some(end) = closing_quote(hay, q, line_end, false) else {
        return Quoted::Unclosed(line_end);
    };
    let value = &hay[q + 1..end];
    if value.is_empty() || is_placeholder(value) {
        return Quoted::Not;
    }
    Quoted::Value(end)
}

/// The word (letters, digits, `_`) that ends before `at` after one to eight blanks, and where
/// it starts. A word must start with a letter.
fn word_before(hay: &[u8], at: usize) -> Option<(usize, &[u8])> {
    let mut end = at;
    while end > 0 && at - end < 8 && is_blank(hay[end - 1]) {
        end -= 1;
    }
    if end == at {
        return None;
    }
    let mut start = end;
    while start > 0 && end - start < MAX_WORD && WORD.contains(hay[start - 1]) {
        start -= 1;
    }
    if start == end
        || (start > 0 && WORD.contains(hay[start - 1]))
        || !hay[start].is_ascii_alphabetic()
    {
        return None;
    }
    Some((start, &hay[start..end]))
}

/// Every `INSERT INTO t (columns) VALUES (…), (…)` in `hay`: the values under a column that
/// names a secret.
fn insert_values(hay: &[u8], found: &mut dyn FnMut(usize, usize)) {
    // Where the last statement read ended: a `VALUES` before it lay inside its values.
    let mut read_to = 0;
    for v in memchr::memchr2_iter(b'v', b'V', hay) {
        if v < read_to || !is_keyword(hay, v, b"values") {
            continue;
        }
        let Some(secret_columns) = columns_before(hay, v) else {
            continue;
        };
        read_to = read_tuples(hay, v + 6, &secret_columns, found);
    }
}

/// Whether `word` (lower case) is written at `at`, any case, as a whole word.
fn is_keyword(hay: &[u8], at: usize, word: &[u8]) -> bool {
    let end = at + word.len();
    end <= hay.len()
        && hay[at..end].eq_ignore_ascii_case(word)
        && (at == 0 || !WORD.contains(hay[at - 1]))
        && !matches!(hay.get(end), Some(&b) if WORD.contains(b))
}

/// The columns of the `INSERT INTO t (columns)` that ends before the `VALUES` at `v`, as one
/// bit per column (set: its name names a secret); `None` when there is no such list or no
/// column in it names a secret.
fn columns_before(hay: &[u8], v: usize) -> Option<Vec<bool>> {
    let close = skip_space_back(hay, v).checked_sub(1)?;
    if hay[close] != b')' {
        return None;
    }
    // The look-back stops at a quote, a `;`, a line's end or another `)`: each `)` before a
    // `VALUES` reads back at most to the one before it, so the pass stays linear.
    let floor = close.saturating_sub(MAX_COLUMNS * (MAX_WORD + 2));
    let open = (floor..close)
        .rev()
        .take_while(|&i| !matches!(hay[i], b'\'' | b';' | b'\n' | b')'))
        .find(|&i| hay[i] == b'(')?;
    // The table, then `INTO`.
    let mut t = skip_space_back(hay, open);
    let table_end = t;
    while t > 0
        && table_end - t < 2 * MAX_WORD
        && (WORD.contains(hay[t - 1])
            || matches!(hay[t - 1], b'.' | b'"' | b'`' | b'[' | b']' | b'$'))
    {
        t -= 1;
    }
    let into = skip_space_back(hay, t).checked_sub(4)?;
    if t == table_end || !is_keyword(hay, into, b"into") {
        return None;
    }
    let mut columns = Vec::new();
    for c in hay[open + 1..close].split(|&b| b == b',').take(MAX_COLUMNS) {
        // Anything but a column name (`a = b: c`) makes this no column list: its words must
        // not name secrets, or a masked value (whose label names its rule) could turn text
        // into a secret column on a second reading.
        let name = column_name(c.trim_ascii())?;
        columns.push(name.len() <= MAX_WORD && key_names_secret(name));
    }
    columns.contains(&true).then_some(columns)
}

/// The name of a column as an `INSERT` lists it: a bare identifier (`email`, `t.api_key`,
/// `$col`), or any text quoted with `"`, `` ` `` or `[ ]` (`"first name"`), without its quotes.
fn column_name(c: &[u8]) -> Option<&[u8]> {
    for (open, close) in [(b'"', b'"'), (b'`', b'`'), (b'[', b']')] {
        if let Some(inner) = c.strip_prefix(&[open]) {
            let inner = inner.strip_suffix(&[close])?;
            return (!inner.contains(&open) && !inner.contains(&close)).then_some(inner);
        }
    }
    c.iter()
        .all(|&b| WORD.contains(b) || matches!(b, b'.' | b'$'))
        .then_some(c)
}

fn skip_space_back(hay: &[u8], mut at: usize) -> usize {
    while at > 0 && hay[at - 1].is_ascii_whitespace() {
        at -= 1;
    }
    at
}

fn skip_space(hay: &[u8], mut at: usize) -> usize {
    while at < hay.len() && hay[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// Reads the tuples after `VALUES` (which ends at `at`), reporting the values of secret
/// columns; returns where the reading stopped.
fn read_tuples(
    hay: &[u8],
    at: usize,
    secret: &[bool],
    found: &mut dyn FnMut(usize, usize),
) -> usize {
    let mut i = skip_space(hay, at);
    while hay.get(i) == Some(&b'(') {
        i = read_tuple(hay, i + 1, secret, found);
        if hay.get(i) != Some(&b')') {
            return i;
        }
        i = skip_space(hay, i + 1);
        if hay.get(i) != Some(&b',') {
            return i;
        }
        i = skip_space(hay, i + 1);
    }
    i
}

/// Reads one tuple from `at` (after its `(`) to its `)` (returned; the end of `hay` when it
/// is not closed).
fn read_tuple(
    hay: &[u8],
    at: usize,
    secret: &[bool],
    found: &mut dyn FnMut(usize, usize),
) -> usize {
    let mut i = at;
    let mut column = 0;
    let mut item_start = at;
    let mut literals = false;
    let mut depth = 0usize;
    while i < hay.len() {
        let is_secret = secret.get(column).copied().unwrap_or(false);
        match hay[i] {
            b'\'' | b'"' => {
                // A literal (MySQL quotes strings with either): reported whole under a secret
                // column; one never closed runs to the end of the text (an unterminated quote
                // must not leak what follows).
                let end = closing_quote(hay, i, hay.len(), false).unwrap_or(hay.len());
                if is_secret {
                    let value = &hay[i + 1..end];
                    if !value.is_empty() && !is_placeholder(value) {
                        found(i + 1, end);
                    }
                }
                literals = true;
                i = end + 1;
                continue;
            }
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b',' | b')' if depth == 0 => {
                if is_secret && !literals {
                    bare_value(hay, item_start, i, found);
                }
                if hay[i] == b')' {
                    return i;
                }
                column += 1;
                item_start = i + 1;
                literals = false;
            }
            _ => {}
        }
        i += 1;
    }
    hay.len()
}

/// The closing quote of the SQL literal quoted at `q` (a doubled quote and a backslash escape
/// one), read up to `end`; with `one_line`, a line break ends the search too. `None` when no
/// quote closes it there.
fn closing_quote(hay: &[u8], q: usize, end: usize, one_line: bool) -> Option<usize> {
    let quote = hay[q];
    let mut i = q + 1;
    while i < end {
        match hay[i] {
            b'\n' | b'\r' if one_line => return None,
            b'\\' => i += 1,
            b if b == quote && hay.get(i + 1) == Some(&quote) => i += 1,
            b if b == quote => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// A value written without quotes under a secret column (`1234` under `pin`): reported
/// unless it is a keyword, a placeholder or a bind marker (`NULL`, `DEFAULT`, `?`, `$1`).
fn bare_value(hay: &[u8], start: usize, end: usize, found: &mut dyn FnMut(usize, usize)) {
    let s = skip_space(hay, start);
    let e = skip_space_back(hay, end).max(s);
    let value = &hay[s..e];
    if value.is_empty() || is_placeholder(value) || value.eq_ignore_ascii_case(b"default") {
        return;
    }
    // A call or an expression without literals (`crypt(?, gen_salt(?))`, `now()`).
    if value.iter().any(|&b| matches!(b, b'(' | b' ')) {
        return;
    }
    found(s, e);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        if let Some(first) = text.find('\'') {
            find(text.as_bytes(), first, &mut |s, e| spans.push((s, e)));
        }
        spans.sort_unstable();
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn keywords_before_a_quoted_password() {
        assert_eq!(
            values("ALTER ROLE app WITH PASSWORD 'hunter2'"),
            ["hunter2"]
        );
        assert_eq!(
            values("CREATE USER 'bob'@'%' IDENTIFIED BY 'pa''ss';"),
            ["pa''ss"]
        );
        assert_eq!(
            values("ALTER USER 'x'@'h' IDENTIFIED WITH caching_sha2_password BY 'S3cret'"),
            ["S3cret"]
        );
        assert_eq!(
            values("login failed: invalid password 'letmein' for bob"),
            ["letmein"]
        );
        assert_eq!(
            values("ALTER ROLE app ENCRYPTED PASSWORD 'md5abc'"),
            ["md5abc"]
        );
    }

    #[test]
    fn a_long_password_is_read_to_its_quote_and_an_unclosed_one_to_its_line() {
        let long = format!("ALTER ROLE app PASSWORD '{}x'", "pa ss ".repeat(100));
        assert_eq!(values(&long), [&long[25..long.len() - 1]]);
        let text = "PASSWORD 'never closed, it's said\nALTER ROLE b PASSWORD 'y'";
        assert_eq!(values(text), ["never closed, it", "y"]);
        let text = "PASSWORD 'never closed\nALTER ROLE b PASSWORD 'y'";
        assert_eq!(values(text), ["y"]);
    }

    #[test]
    fn no_keyword_no_value() {
        assert!(
            values("Access denied for user 'root'@'localhost' (using password: YES)").is_empty()
        );
        assert!(values("Unexpected token '<' at position 0").is_empty());
        assert!(values("the password's length").is_empty(), "an apostrophe");
        assert!(values("password '' and PASSWORD NULL").is_empty());
        assert!(values("grouped by 'region'").is_empty());
        assert!(values("WITH PASSWORD '[REDACTED:secret_kv]'").is_empty());
        assert!(values("mypassword 'x'").is_empty(), "not the whole word");
    }

    #[test]
    fn insert_values_by_column() {
        assert_eq!(
            values("INSERT INTO users (email, password) VALUES ('a@b.io', 'hunter2')"),
            ["hunter2"]
        );
        assert_eq!(
            values(
                "insert into \"auth\".\"users\"(\"id\",`api_key`, pin, name) values (1, 'k-1', 1234, 'Al'), (2,'k-2',NULL,'Bo')"
            ),
            ["k-1", "1234", "k-2"]
        );
        assert_eq!(
            values("INSERT INTO t (password_hash) VALUES (crypt('pw', gen_salt('bf')))"),
            ["pw", "bf"]
        );
        assert_eq!(
            values("INSERT INTO t (a, token) VALUES (?, $2) -- ok"),
            Vec::<&str>::new()
        );
        assert_eq!(
            values("INSERT INTO t (token) VALUES ('abc"),
            ["abc"],
            "an unterminated literal runs to the end"
        );
    }

    #[test]
    fn a_column_list_holds_column_names() {
        assert_eq!(
            values("INSERT INTO t (\"first name\", [api key], `pin`) VALUES ('a', 'b', 'c')"),
            ["b", "c"]
        );
        assert!(
            values("INSERT INTO t (id, a: Bearer [REDACTED:bearer_token]) VALUES (1, 'x')")
                .is_empty()
        );
        assert!(values("INSERT INTO t (id, token=abc) VALUES (1, 'x')").is_empty());
    }

    #[test]
    fn inserts_without_secret_columns_or_columns() {
        assert!(values("INSERT INTO t (a, b) VALUES ('x', 'y')").is_empty());
        assert!(values("INSERT INTO t VALUES ('x', 'y')").is_empty());
        assert!(values("the values ('x') of (password)").is_empty());
        assert!(
            values("INSERT INTO t (password_changed_at) VALUES ('2024-01-01')").is_empty(),
            "a column that describes a secret"
        );
    }
}

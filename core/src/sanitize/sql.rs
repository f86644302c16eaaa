//! SQL normalisation: a tokenizer, not a regex. Literals become `?`, `IN (?, ?, ?)` and
//! multi-row `VALUES` collapse, comments go; identifiers, keywords, operators and bind
//! parameters stay. Whitespace is collapsed to single spaces.
//!
//! Dialects covered: PostgreSQL (`E'...'`, `$$...$$`, `$tag$...$tag$`, `$1`, `::casts`),
//! MySQL (backticks, `#` comments, `\'` escapes), SQLite, SQL Server (`[brackets]`, `N'...'`,
//! `@p1`) and Oracle (`:name`). Unterminated quotes never leak: everything after them is one
//! literal. Redis commands share the attribute (`db.statement`): the arguments of those that
//! carry credentials (`AUTH`, `HELLO … AUTH`, `CONFIG SET requirepass`) become `?` too.

use super::Context;

/// Normalizes a SQL statement for telemetry: what the statement does stays readable, the
/// data it carries does not.
///
/// # Example
/// ```
/// use scrubjay::normalize_sql;
/// assert_eq!(
///     normalize_sql("SELECT * FROM users WHERE email = 'bob@example.com' AND id IN (1, 2, 3) -- lookup"),
///     "SELECT * FROM users WHERE email = ? AND id IN (?)"
/// );
/// assert_eq!(normalize_sql("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"), "INSERT INTO t (a, b) VALUES (?, ?)");
/// ```
pub fn normalize_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    normalize_into(sql, &mut out);
    out
}

/// [`normalize_sql`] into `out` (replacing what it held), reusing its buffer.
pub(crate) fn normalize_into(sql: &str, out: &mut String) {
    let buf = std::mem::take(out).into_bytes();
    *out = normalize_bytes(sql, buf);
}

fn normalize_bytes(sql: &str, buf: Vec<u8>) -> String {
    // Most statements hold no Redis command: one vectorised pass says so.
    if RedisCommand::any_in(sql.as_bytes()) {
        return tokenize(&redis_masked(sql.as_bytes()), buf);
    }
    tokenize(sql.as_bytes(), buf)
}

/// The normaliser proper, over UTF-8 bytes.
fn tokenize(b: &[u8], buf: Vec<u8>) -> String {
    let mut out = Output::with_buffer(buf);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // The common classes first, without guards: blanks and plain words.
        i = match CLASS[c as usize] {
            BLANK => {
                out.space();
                i + 1
                    + b[i + 1..]
                        .iter()
                        .take_while(|&&x| CLASS[x as usize] == BLANK)
                        .count()
            }
            WORD if !may_prefix_literal(c) => {
                let end = word_end(b, i);
                out.word(&b[i..end]);
                end
            }
            _ => token(b, i, &mut out),
        };
    }
    out.finish()
}

/// Whether a word starting with `c` may be a literal's prefix (`E'…'`, `N'…'`, `X'…'`,
/// `B'…'`, `U&'…'`) or a boolean literal (`true`, `false`).
fn may_prefix_literal(c: u8) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        b'e' | b'n' | b'x' | b'b' | b'u' | b't' | b'f'
    )
}

/// Writes the token at `i` (any class) into `out`; returns where the next one starts.
fn token(b: &[u8], i: usize, out: &mut Output) -> usize {
    let c = b[i];
    match c {
        b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c => {
            out.space();
            i + 1
        }
        b'-' if b.get(i + 1) == Some(&b'-') => comment(out, line_end(b, i)),
        b'#' => comment(out, line_end(b, i)),
        b'/' if b.get(i + 1) == Some(&b'*') => comment(out, comment_end(b, i + 2)),
        b'\'' => {
            out.literal();
            quoted_end(b, i, b'\'')
        }
        b'"' | b'`' => quoted_identifier(b, i, quoted_end(b, i, c), out),
        b'[' => {
            let end = memchr::memchr(b']', &b[i..]).map_or(b.len(), |k| i + k + 1);
            quoted_identifier(b, i, end, out)
        }
        b'$' => dollar(b, i, out),
        b'?' => {
            out.param(b"?");
            i + 1
        }
        b':' if b
            .get(i + 1)
            .is_some_and(|x| x.is_ascii_alphabetic() || *x == b'_')
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
        b'%' if matches!(b.get(i + 1), Some(b's') | Some(b'd') | Some(b'(')) => {
            param(b, i, percent_param_end(b, i), out)
        }
        b'0'..=b'9' => {
            out.literal();
            number_end(b, i)
        }
        b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) && !out.ends_with_word() => {
            out.literal();
            number_end(b, i)
        }
        _ if is_word_byte(c) => word_or_literal(b, i, out),
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

/// A quoted identifier (`"name"`, `` `name` ``, `[name]`) from `i` to `end`, kept.
fn quoted_identifier(b: &[u8], i: usize, end: usize, out: &mut Output) -> usize {
    out.word(&b[i..end]);
    end
}

/// A bind parameter from `i` to `end`, kept.
fn param(b: &[u8], i: usize, end: usize, out: &mut Output) -> usize {
    out.param(&b[i..end]);
    end
}

/// `$`: a dollar-quoted string (a literal) or a `$1` / `$name` parameter.
fn dollar(b: &[u8], i: usize, out: &mut Output) -> usize {
    if let Some(end) = dollar_quoted_end(b, i) {
        out.literal();
        return end;
    }
    let name = b[i + 1..]
        .iter()
        .take_while(|x| x.is_ascii_alphanumeric() || **x == b'_')
        .count();
    param(b, i, i + 1 + name, out)
}

/// The end of a `%s`, `%d` or `%(name)s` parameter at `i`.
fn percent_param_end(b: &[u8], i: usize) -> usize {
    if b[i + 1] != b'(' {
        return i + 2;
    }
    // `%(name)s`: through the `)` and its conversion letter, when there is one.
    memchr::memchr(b')', &b[i..]).map_or(b.len(), |k| {
        let close = i + k + 1;
        close + usize::from(b.get(close).is_some_and(u8::is_ascii_alphabetic))
    })
}

/// A word at `i`, or the literal it prefixes: `E'…'`, `N'…'`, `X'…'`, `B'…'`, `U&'…'`,
/// `true`, `false`.
fn word_or_literal(b: &[u8], i: usize, out: &mut Output) -> usize {
    let end = word_end(b, i);
    let prefix = &b[i..end];
    if b.get(end) == Some(&b'\'')
        && matches!(
            prefix,
            [b'e' | b'E' | b'n' | b'N' | b'x' | b'X' | b'b' | b'B']
        )
    {
        out.literal();
        return quoted_end(b, end, b'\'');
    }
    if prefix.eq_ignore_ascii_case(b"u")
        && b.get(end) == Some(&b'&')
        && b.get(end + 1) == Some(&b'\'')
    {
        out.literal();
        return quoted_end(b, end + 1, b'\'');
    }
    if prefix.eq_ignore_ascii_case(b"true") || prefix.eq_ignore_ascii_case(b"false") {
        out.literal();
    } else {
        out.word(prefix);
    }
    end
}

/// Redis commands whose arguments carry credentials, as Redis clients write them into
/// `db.statement`: `AUTH password`, `AUTH user password`, `HELLO 3 AUTH user password`,
/// `MIGRATE … AUTH password` / `AUTH2 user password`, `CONFIG SET requirepass password`,
/// `ACL SETUSER bob on >password`. No SQL statement starts with these words; their
/// credential arguments become `?` like literals.
#[derive(Clone, Copy, PartialEq)]
enum RedisKind {
    None,
    Auth,
    AuthOption,
    Config,
    Acl,
}

impl RedisKind {
    /// The kind of command a statement's first word starts.
    fn of(word: &[u8]) -> RedisKind {
        let is = |w: &[u8]| word.eq_ignore_ascii_case(w);
        if is(b"auth") {
            RedisKind::Auth
        } else if is(b"hello") || is(b"migrate") {
            RedisKind::AuthOption
        } else if is(b"config") {
            RedisKind::Config
        } else if is(b"acl") {
            RedisKind::Acl
        } else {
            RedisKind::None
        }
    }
}

struct RedisCommand {
    /// At the first token of a command: the start, or after a newline or `;`.
    at_start: bool,
    kind: RedisKind,
    /// Arguments still to replace; `u8::MAX`: every one to the end of the command.
    mask: u8,
}

impl RedisCommand {
    /// Whether a command that may carry credentials starts the statement, a line or follows
    /// a `;`.
    fn any_in(b: &[u8]) -> bool {
        let mut starts =
            std::iter::once(0).chain(memchr::memchr2_iter(b'\n', b';', b).map(|k| k + 1));
        starts.any(|k| {
            let rest = &b[k..];
            let from = rest
                .iter()
                .take_while(|&&x| CLASS[x as usize] == BLANK)
                .count();
            let word = &rest[from..from + word_end(&rest[from..], 0)];
            RedisKind::of(word) != RedisKind::None
        })
    }

    fn new() -> RedisCommand {
        RedisCommand {
            at_start: true,
            kind: RedisKind::None,
            mask: 0,
        }
    }

    fn end(&mut self) {
        *self = RedisCommand::new();
    }

    /// The token at `i` (not a blank, not `;`): its end, and whether it is a credential.
    fn token(&mut self, b: &[u8], i: usize) -> (usize, bool) {
        let end = match b[i] {
            q @ (b'"' | b'\'') => quoted_end(b, i, q),
            // A word ends where the tokenizer would end it: a blank, `;`, a comment (`auth#x`
            // is the command `auth` and a comment, as a second pass reads it) or a quote,
            // which opens a token of its own (`?"…`, left so by a literal `''"…`, must read
            // as the first pass read `''` and `"…`).
            _ => (i + 1..b.len())
                .find(|&j| {
                    CLASS[b[j] as usize] == BLANK
                        || matches!(b[j], b';' | b'"' | b'\'')
                        || opens_comment(b, j)
                })
                .unwrap_or(b.len()),
        };
        if self.mask > 0 {
            if self.mask != u8::MAX {
                self.mask -= 1;
            }
            return (end, true);
        }
        let word = &b[i..end];
        let is = |w: &[u8]| word.eq_ignore_ascii_case(w);
        if std::mem::take(&mut self.at_start) {
            self.kind = RedisKind::of(word);
            if self.kind == RedisKind::Auth {
                self.mask = u8::MAX;
            }
            return (end, false);
        }
        match self.kind {
            RedisKind::AuthOption if is(b"auth") || is(b"auth2") => self.mask = 2,
            RedisKind::Config if is(b"requirepass") || is(b"masterauth") => self.mask = 1,
            RedisKind::Acl if matches!(word.first(), Some(b'>' | b'<')) => return (end, true),
            _ => {}
        }
        (end, false)
    }
}

/// The statement with the credential arguments of its Redis commands replaced by `?` (which
/// the tokenizer keeps as it is), everything else as it was.
fn redis_masked(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut command = RedisCommand::new();
    // Where the last credential token ended.
    let mut masked_to = usize::MAX;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // The normalised statement has no newlines and no comments: for a second pass to read
        // the commands this one read, a newline ends only a command that carries no
        // credentials (`AUTH pw` masks to the `;`, over lines), and comments are no tokens.
        if CLASS[c as usize] == BLANK || c == b';' {
            if c == b';' || (c == b'\n' && command.kind == RedisKind::None) {
                command.end();
            }
            out.push(c);
            i += 1;
            continue;
        }
        if opens_comment(b, i) {
            let end = match c {
                b'/' => comment_end(b, i + 2),
                _ => line_end(b, i),
            };
            out.extend_from_slice(&b[i..end]);
            i = end;
            continue;
        }
        let (end, credential) = command.token(b, i);
        let end = match credential {
            true => glued_end(b, end),
            false => end,
        };
        if credential {
            // Credential tokens with no blank between them (`'pw',`: a literal, then a comma)
            // are one `?`, which a second pass reads as one token.
            if masked_to != i {
                out.push(b'?');
            }
            masked_to = end;
        } else {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
    }
    out
}

/// Where the tokens glued to a credential that ends at `end` end: a second pass reads the `?`
/// that replaces it and whatever follows with no blank between as one token (`tr'123-9'`
/// would come out `??` after `HELLO 3 AUTH u`, which masks two tokens, and read as one).
fn glued_end(b: &[u8], mut end: usize) -> usize {
    while end < b.len()
        && CLASS[b[end] as usize] != BLANK
        && b[end] != b';'
        && !opens_comment(b, end)
    {
        end = match b[end] {
            q @ (b'"' | b'\'') => quoted_end(b, end, q),
            _ => end + 1,
        };
    }
    end
}

/// Whether a comment starts at `i`: `#`, `--` or `/*`.
fn opens_comment(b: &[u8], i: usize) -> bool {
    matches!(
        (b[i], b.get(i + 1)),
        (b'#', _) | (b'-', Some(b'-')) | (b'/', Some(b'*'))
    )
}

const OTHER: u8 = 0;
const BLANK: u8 = 1;
const WORD: u8 = 2;
const DIGIT: u8 = 3;

/// Byte classes of the tokenizer: blanks, word bytes (letters, `_`, non-ASCII), digits.
static CLASS: [u8; 256] = {
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

/// Bytes that continue a word: word bytes, digits and `$` (`price$2`).
static WORD_CONTINUE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(CLASS[c], WORD | DIGIT) || c == b'$' as usize;
        c += 1;
    }
    t
};

#[inline]
fn is_word_byte(c: u8) -> bool {
    matches!(CLASS[c as usize], WORD | DIGIT)
}

#[inline]
fn word_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && WORD_CONTINUE[b[i] as usize] {
        i += 1;
    }
    i
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// End (exclusive) of a `/* ... */` comment whose body starts at `from`; an unclosed one runs
/// to the end.
fn comment_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(k) = memchr::memchr(b'*', &b[i..]) {
        i += k + 1;
        if b.get(i) == Some(&b'/') {
            return i + 1;
        }
    }
    b.len()
}

fn line_end(b: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |k| from + k)
}

/// End (exclusive) of a literal or quoted identifier opened by `q` at `start`: a doubled
/// quote and a backslash both escape; an unterminated quote runs to the end.
fn quoted_end(b: &[u8], start: usize, q: u8) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        // Jump to the next quote or backslash.
        let next = if q == b'\'' {
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

/// `$$...$$` or `$tag$...$tag$` starting at `start`: the end of the literal (an unterminated
/// one runs to the end), or `None` when this `$` is a parameter such as `$1`.
fn dollar_quoted_end(b: &[u8], start: usize) -> Option<usize> {
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

/// End of a number: digits, one dot, an exponent, or a `0x` / `0b` literal.
fn number_end(b: &[u8], start: usize) -> usize {
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

/// The normalised statement being written, with the bookkeeping that collapses lists.
struct Output {
    /// Bytes cut from the statement at character boundaries, so always UTF-8.
    s: Vec<u8>,
    pending_space: bool,
    /// Where the current parenthesised group started in `s` (after its `(`), whether it held
    /// only `?` so far, how many, and whether it follows `IN` / `VALUES`.
    group: Option<Group>,
    /// After `VALUES (...)`: where the first row ended, so further literal-only rows drop.
    values_end: Option<usize>,
    last_word_in: bool,
    last_word_values: bool,
    depth: usize,
}

#[derive(Clone, Copy)]
struct Group {
    start: usize,
    depth: usize,
    only_literals: bool,
    items: usize,
    kind: GroupKind,
}

#[derive(Clone, Copy, PartialEq)]
enum GroupKind {
    In,
    ValuesRow,
    ExtraRow,
}

impl Output {
    fn with_buffer(mut s: Vec<u8>) -> Output {
        s.clear();
        Output {
            s,
            pending_space: false,
            group: None,
            values_end: None,
            last_word_in: false,
            last_word_values: false,
            depth: 0,
        }
    }

    fn space(&mut self) {
        self.pending_space = self.s.last().is_some_and(|&c| c != b'(');
    }

    fn push(&mut self, text: &[u8]) {
        if text == b"," || text == b")" {
            self.pending_space = false;
        }
        if self.pending_space {
            self.s.push(b' ');
            self.pending_space = false;
        }
        self.s.extend_from_slice(text);
    }

    fn ends_with(&self, c: u8) -> bool {
        !self.pending_space && self.s.last() == Some(&c)
    }

    fn ends_with_word(&self) -> bool {
        !self.pending_space && self.s.last().is_some_and(|&c| is_word_byte(c))
    }

    fn token(&mut self, literal: bool) {
        if let Some(g) = &mut self.group {
            if self.depth == g.depth {
                if literal {
                    g.items += 1;
                } else {
                    g.only_literals = false;
                }
            } else {
                g.only_literals = false;
            }
        }
        if !literal {
            self.values_end = self.values_end.filter(|_| self.depth > 0);
        }
    }

    fn literal(&mut self) {
        self.token(true);
        self.push(b"?");
        self.last_word_in = false;
        self.last_word_values = false;
    }

    fn param(&mut self, text: &[u8]) {
        self.token(false);
        self.push(text);
        self.last_word_in = false;
        self.last_word_values = false;
    }

    #[inline]
    fn word(&mut self, text: &[u8]) {
        if self.group.is_some() || self.values_end.is_some() {
            self.token(false);
        }
        if self.pending_space {
            self.s.push(b' ');
            self.pending_space = false;
        }
        self.s.extend_from_slice(text);
        self.last_word_in = text.len() == 2 && text.eq_ignore_ascii_case(b"in");
        self.last_word_values = text.len() == 6 && text.eq_ignore_ascii_case(b"values");
        if !self.last_word_values && self.depth == 0 {
            self.values_end = None;
        }
    }

    fn punct(&mut self, p: &[u8]) {
        match p {
            b"(" => {
                let kind = if self.last_word_in {
                    Some(GroupKind::In)
                } else if self.last_word_values {
                    Some(GroupKind::ValuesRow)
                } else if self.values_end.is_some() && self.depth == 0 {
                    Some(GroupKind::ExtraRow)
                } else {
                    None
                };
                if kind.is_none() {
                    self.token(false);
                }
                let before = self.s.len();
                self.push(b"(");
                self.depth += 1;
                if let Some(kind) = kind {
                    let start = if kind == GroupKind::ExtraRow {
                        self.values_end.unwrap_or(before)
                    } else {
                        self.s.len()
                    };
                    self.group = Some(Group {
                        start,
                        depth: self.depth,
                        only_literals: true,
                        items: 0,
                        kind,
                    });
                }
            }
            b")" => {
                self.push(b")");
                let closing = self.depth;
                self.depth = self.depth.saturating_sub(1);
                if let Some(g) = self.group.filter(|g| g.depth == closing) {
                    self.group = None;
                    match g.kind {
                        GroupKind::In if g.only_literals && g.items > 1 => {
                            self.s.truncate(g.start);
                            self.s.extend_from_slice(b"?)");
                        }
                        GroupKind::ValuesRow => self.values_end = Some(self.s.len()),
                        GroupKind::ExtraRow if g.only_literals && g.items > 0 => {
                            self.s.truncate(g.start);
                        }
                        GroupKind::ExtraRow => self.values_end = None,
                        GroupKind::In => {}
                    }
                } else if self.group.is_some() {
                    self.token(false);
                }
            }
            // Separators keep a list collapsible and a VALUES row open to the next one.
            b"," => self.push(b","),
            _ => {
                self.token(false);
                self.push(p);
            }
        }
        self.last_word_in = false;
        self.last_word_values = false;
    }

    fn finish(self) -> String {
        // Every piece was cut at a character boundary; the lossy arm never runs.
        String::from_utf8(self.s)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// [`super::Rewrite`] for SQL: every statement is readable.
pub(crate) fn rewrite(value: &str, _cx: &mut Context<'_>, out: &mut String) -> bool {
    normalize_into(value, out);
    true
}

#[cfg(test)]
mod tests {
    use super::normalize_sql as n;

    #[test]
    fn literals_and_lists() {
        assert_eq!(
            n("SELECT * FROM t WHERE a = 'x' AND b = 42"),
            "SELECT * FROM t WHERE a = ? AND b = ?"
        );
        assert_eq!(n("WHERE id IN (1, 2, 3)"), "WHERE id IN (?)");
        assert_eq!(n("WHERE id IN (1)"), "WHERE id IN (?)");
        assert_eq!(
            n("WHERE id IN (SELECT id FROM u)"),
            "WHERE id IN (SELECT id FROM u)"
        );
        assert_eq!(n("VALUES (1, 'a'), (2, 'b'), (3, 'c')"), "VALUES (?, ?)");
        assert_eq!(n("VALUES ($1, $2), ($3, $4)"), "VALUES ($1, $2), ($3, $4)");
    }

    #[test]
    fn quotes_escapes_and_unterminated() {
        assert_eq!(
            n("WHERE a = 'it''s' AND b = 'x\\'y'"),
            "WHERE a = ? AND b = ?"
        );
        assert_eq!(n("WHERE a = 'never closed AND secret = 1"), "WHERE a = ?");
        assert_eq!(n("SELECT $$ body $$, $fn$ x $fn$"), "SELECT ?, ?");
        assert_eq!(
            n("WHERE name = N'Zoë' OR x = E'\\n' OR h = X'FF' OR b = B'01'"),
            "WHERE name = ? OR x = ? OR h = ? OR b = ?"
        );
    }

    #[test]
    fn identifiers_params_and_comments() {
        assert_eq!(
            n("SELECT \"Col\", `c2`, [c 3] FROM t -- who\nWHERE x = ? /* note */ AND y = :name"),
            "SELECT \"Col\", `c2`, [c 3] FROM t WHERE x = ? AND y = :name"
        );
        assert_eq!(
            n("SELECT x::int FROM t WHERE a = $1 AND b = @p1 AND c = %s"),
            "SELECT x::int FROM t WHERE a = $1 AND b = @p1 AND c = %s"
        );
        assert_eq!(
            n("SELECT * FROM t2 WHERE flag = TRUE # mysql"),
            "SELECT * FROM t2 WHERE flag = ?"
        );
        assert_eq!(n("  SELECT\n\t1.5e3,  0x1F , -7  "), "SELECT ?, ?, -?");
    }

    /// A quote ends a Redis word as it ends a tokenizer's word: `''"` becomes `?"`, which a
    /// second pass must read as the first read `''"` (the rest one quoted token, no `AUTH`).
    #[test]
    fn a_second_pass_reads_redis_commands_as_the_first() {
        for text in ["''\"\nauth\na", "x\"\nauth\na", "GET k'\nAUTH pw"] {
            let once = n(text);
            assert_eq!(n(&once), once, "{text:?}");
        }
        assert_eq!(n("GET key\nAUTH hunter2"), "GET key AUTH ?");
    }
}

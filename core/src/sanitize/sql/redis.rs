//! Redis commands share the attribute (`db.statement`): the arguments of those that carry
//! credentials become `?` before the statement is normalised.

use super::dialect::Grammar;
use super::lex::{comment_end, line_end, quoted_end, word_end, BLANK, CLASS};

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

pub(super) struct RedisCommand {
    /// The dialect's comments: the statement's commands are read as its tokenizer reads them.
    g: Grammar,
    /// At the first token of a command: the start, or after a newline or `;`.
    at_start: bool,
    kind: RedisKind,
    /// Arguments still to replace; `u8::MAX`: every one to the end of the command.
    mask: u8,
}

impl RedisCommand {
    /// Whether a command that may carry credentials starts the statement, a line or follows
    /// a `;`.
    pub(super) fn any_in(b: &[u8]) -> bool {
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

    fn new(g: Grammar) -> RedisCommand {
        RedisCommand {
            g,
            at_start: true,
            kind: RedisKind::None,
            mask: 0,
        }
    }

    fn end(&mut self) {
        *self = RedisCommand::new(self.g);
    }

    /// The token at `i` (not a blank, not `;`): its end, and whether it is a credential.
    fn token(&mut self, b: &[u8], i: usize) -> (usize, bool) {
        let end = match b[i] {
            q @ (b'"' | b'\'') => quoted_end(b, i, q, q == b'\''),
            // A word ends where the tokenizer would end it: a blank, `;`, a comment (`auth#x`
            // is the command `auth` and a comment, as a second pass reads it) or a quote,
            // which opens a token of its own (`?"…`, left so by a literal `''"…`, must read
            // as the first pass read `''` and `"…`).
            _ => (i + 1..b.len())
                .find(|&j| {
                    CLASS[b[j] as usize] == BLANK
                        || matches!(b[j], b';' | b'"' | b'\'')
                        || opens_comment(b, j, &self.g)
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
pub(super) fn redis_masked(b: &[u8], g: &Grammar) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut command = RedisCommand::new(*g);
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
        if opens_comment(b, i, g) {
            let end = match c {
                b'/' => comment_end(b, i + 2, g.nested_comments),
                _ => line_end(b, i),
            };
            out.extend_from_slice(&b[i..end]);
            i = end;
            continue;
        }
        let (end, credential) = command.token(b, i);
        let end = match credential {
            true => glued_end(b, end, g),
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
fn glued_end(b: &[u8], mut end: usize, g: &Grammar) -> usize {
    while end < b.len()
        && CLASS[b[end] as usize] != BLANK
        && b[end] != b';'
        && !opens_comment(b, end, g)
    {
        end = match b[end] {
            q @ (b'"' | b'\'') => quoted_end(b, end, q, q == b'\''),
            _ => end + 1,
        };
    }
    end
}

/// Whether a comment starts at `i`: `#` (in every dialect: a Redis command written against
/// one reads as MySQL would, which masks more), `--` (before a blank in MySQL) or `/*`.
fn opens_comment(b: &[u8], i: usize, g: &Grammar) -> bool {
    match (b[i], b.get(i + 1)) {
        (b'#', _) | (b'/', Some(b'*')) => true,
        (b'-', Some(b'-')) => g.dash_opens_comment(b, i),
        _ => false,
    }
}

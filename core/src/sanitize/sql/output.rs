//! The normalised statement being written, with the bookkeeping that collapses lists and
//! knows where only a name can stand.

use super::lex::is_word_byte;

/// The normalised statement being written, with the bookkeeping that collapses lists.
pub(super) struct Output {
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
    /// Literals written so far.
    pub literals: usize,
    /// Where only a name can stand, for a grammar whose `"…"` is a literal elsewhere; not
    /// kept up (always [`NameSlot::None`]) for the others.
    names: Option<Names>,
    credentials: Credentials,
}

/// Passwords written as names: `IDENTIFIED BY pw` (Oracle), `PASSWORD pw` and `REPLACE pw` in
/// a statement about a user, role or login (`CREATE USER u PASSWORD pw`, `CONNECT u PASSWORD
/// pw`).
#[derive(Clone, Copy, Default)]
struct Credentials {
    /// The statement names a `USER`, `ROLE`, `LOGIN` or `CONNECT`s.
    account: bool,
    /// The last word was `IDENTIFIED`.
    identified: bool,
    /// The next word is a password unless it is a keyword (`PASSWORD EXPIRE`, `PASSWORD NULL`).
    next: bool,
}

impl Credentials {
    /// Whether the word `text` (`quoted`: a quoted name) is a password; notes the keywords
    /// that announce one.
    fn is_password(&mut self, text: &[u8], quoted: bool) -> bool {
        let next = std::mem::take(&mut self.next);
        let identified = std::mem::take(&mut self.identified);
        if next && (quoted || !follows_password_keyword(text)) {
            return true;
        }
        if quoted {
            return false;
        }
        let is = |w: &[u8]| text.eq_ignore_ascii_case(w);
        if is(b"identified") {
            self.identified = true;
        } else if is(b"by") {
            self.next = identified;
        } else if is(b"password") || is(b"replace") {
            // `ALTER USER u IDENTIFIED BY new REPLACE old` (Oracle) names the old password.
            self.next = self.account;
        } else if is(b"user") || is(b"role") || is(b"login") || is(b"connect") {
            self.account = true;
        }
        false
    }

    /// Any token but a name: what follows it is no password; `;` ends the statement.
    fn other(&mut self, text: &[u8]) {
        self.next = false;
        self.identified = false;
        if text == b";" {
            self.account = false;
        }
    }
}

/// Keywords that follow `PASSWORD` or `IDENTIFIED BY` and are no password.
fn follows_password_keyword(w: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[
        b"expire",
        b"null",
        b"values",
        b"password",
        b"external",
        b"globally",
        b"default",
        b"valid",
        b"require",
        b"history",
        b"reuse",
        b"lock",
        b"unlock",
        b"with",
        b"from",
        b"where",
        b"and",
        b"or",
        b"is",
        b"not",
        b"as",
        b"asc",
        b"desc",
        b"set",
        b"in",
        b"like",
        b"order",
        b"group",
        b"limit",
        b"on",
        b"by",
        b"random",
        b"current",
    ];
    WORDS.iter().any(|k| w.eq_ignore_ascii_case(k))
}

/// Where only a name can stand: MySQL reads `"…"` there as a name, since a string would not
/// parse.
#[derive(Clone, Copy, Default)]
struct Names {
    slot: NameSlot,
    /// The depth of a parenthesised list of names (`INSERT INTO t ("a", "b")`), 0 for none.
    list_depth: usize,
    /// In a clause whose comma-separated items are names (`FROM`, `SET`), at depth 0.
    clause: bool,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum NameSlot {
    #[default]
    None,
    /// The next token can only be a name.
    Next,
    /// The last token was the name a keyword asked for (a table after `INTO`).
    Target,
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
    /// An empty statement in `s`'s buffer; with `track_names`, it knows where only a name can
    /// stand ([`Output::name_expected`]).
    pub(super) fn with_buffer(mut s: Vec<u8>, track_names: bool) -> Output {
        s.clear();
        Output {
            s,
            pending_space: false,
            group: None,
            values_end: None,
            last_word_in: false,
            last_word_values: false,
            depth: 0,
            literals: 0,
            names: track_names.then(Names::default),
            credentials: Credentials::default(),
        }
    }

    /// Whether only a name can stand next: after a `.`, after `FROM`, `JOIN`, `INTO`,
    /// `UPDATE`, `TABLE`, `AS`, `SET`, in a list of names, or after a comma between the names
    /// of a `FROM` or `SET` clause.
    pub(super) fn name_expected(&self) -> bool {
        self.names.is_some_and(|n| n.slot == NameSlot::Next)
    }

    fn set_slot(&mut self, slot: NameSlot) {
        if let Some(n) = &mut self.names {
            n.slot = slot;
        }
    }

    /// A name (a word or a quoted name) was written: the name a keyword asked for, a keyword
    /// that asks for one, or neither.
    fn note_name(&mut self, text: &[u8], quoted: bool) {
        let depth = self.depth;
        let Some(n) = &mut self.names else { return };
        let keyword = if quoted { None } else { Keyword::of(text) };
        n.slot = match keyword {
            Some(Keyword::NameNext) => NameSlot::Next,
            Some(Keyword::NamesClause) => {
                n.clause |= depth == 0;
                NameSlot::Next
            }
            Some(Keyword::Clause) => {
                n.clause &= depth != 0;
                NameSlot::None
            }
            None if n.slot == NameSlot::Next => NameSlot::Target,
            None => NameSlot::None,
        };
    }

    /// The slot after punctuation `p`, written at depth `self.depth` (after a `(`, inside it).
    fn note_punct(&mut self, p: &[u8]) {
        let depth = self.depth;
        let Some(n) = &mut self.names else { return };
        n.slot = match p {
            b"(" if n.slot == NameSlot::Target => {
                n.list_depth = depth;
                NameSlot::Next
            }
            b")" => {
                if depth < n.list_depth {
                    n.list_depth = 0;
                }
                NameSlot::None
            }
            b"," if (n.list_depth > 0 && depth == n.list_depth) || (depth == 0 && n.clause) => {
                NameSlot::Next
            }
            b"." => NameSlot::Next,
            _ => NameSlot::None,
        };
    }

    pub(super) fn space(&mut self) {
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

    pub(super) fn ends_with(&self, c: u8) -> bool {
        !self.pending_space && self.s.last() == Some(&c)
    }

    pub(super) fn ends_with_word(&self) -> bool {
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

    pub(super) fn literal(&mut self) {
        self.credentials.other(b"?");
        self.literals += 1;
        self.set_slot(NameSlot::None);
        self.token(true);
        self.push(b"?");
        self.last_word_in = false;
        self.last_word_values = false;
    }

    pub(super) fn param(&mut self, text: &[u8]) {
        self.credentials.other(text);
        self.set_slot(NameSlot::None);
        self.token(false);
        self.push(text);
        self.last_word_in = false;
        self.last_word_values = false;
    }

    /// A quoted name (`"name"`, `` `name` ``, `[name]`): a word that is never a keyword.
    pub(super) fn quoted_name(&mut self, text: &[u8]) {
        self.name(text, true);
    }

    #[inline]
    pub(super) fn word(&mut self, text: &[u8]) {
        self.name(text, false);
    }

    #[inline]
    fn name(&mut self, text: &[u8], quoted: bool) {
        if self.credentials.is_password(text, quoted) {
            self.literal();
            return;
        }
        if self.names.is_some() {
            self.note_name(text, quoted);
        }
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

    pub(super) fn punct(&mut self, p: &[u8]) {
        self.credentials.other(p);
        self.punct_lists(p);
        if self.names.is_some() {
            self.note_punct(p);
        }
    }

    fn punct_lists(&mut self, p: &[u8]) {
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

    pub(super) fn finish(self) -> String {
        // Every piece was cut at a character boundary; the lossy arm never runs.
        String::from_utf8(self.s)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// The keywords that tell where only a name can stand.
enum Keyword {
    /// A name follows: `JOIN`, `INTO`, `TABLE`, `AS`.
    NameNext,
    /// A name follows, and so does one after each comma of the clause: `FROM`, `UPDATE`,
    /// `SET`.
    NamesClause,
    /// A clause whose commas separate values.
    Clause,
}

impl Keyword {
    fn of(word: &[u8]) -> Option<Keyword> {
        if !(2..=9).contains(&word.len()) {
            return None;
        }
        let mut lower = [0u8; 9];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        Some(match &*lower {
            b"join" | b"into" | b"table" | b"as" => Keyword::NameNext,
            b"from" | b"update" | b"set" => Keyword::NamesClause,
            b"where" | b"select" | b"values" | b"on" | b"order" | b"group" | b"having"
            | b"limit" | b"returning" | b"union" | b"output" | b"window" => Keyword::Clause,
            _ => return None,
        })
    }
}

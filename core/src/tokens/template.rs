//! The text a token is written as (`[TOKEN:{rule}:{key}:{token}]`): rendered per rule when
//! the policy compiles, and read back by [`crate::Engine::reveal`].

use regex_automata::meta::Regex;

use super::base64url;
use super::keyring::MAX_KEY_ID_LEN;
use super::siv;

/// One part of a template once `{rule}` is filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(Box<str>),
    Key,
    Token,
}

/// Whether a rule's name can stand in a token: what [`TokenTemplate::finder`] reads back.
pub(crate) fn is_token_rule_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A template checked: fixed text at both ends, `{key}` and `{token}` once each.
#[derive(Clone, Debug)]
pub(crate) struct TokenTemplate {
    text: String,
}

/// How one rule writes its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TokenLayout {
    pieces: Box<[Piece]>,
}

impl TokenTemplate {
    /// Checks `text`; the error says what is missing.
    pub(crate) fn new(text: &str) -> Result<TokenTemplate, String> {
        for name in ["{key}", "{token}"] {
            if text.matches(name).count() != 1 {
                return Err(format!("the token template must contain {name} once"));
            }
        }
        let holes = ["{rule}", "{key}", "{token}"];
        if holes
            .iter()
            .any(|h| text.starts_with(h) || text.ends_with(h))
        {
            return Err(
                "the token template must start and end with fixed text, as `[TOKEN:` and `]` do, \
                 so that a token's end can be told from the text after it"
                    .into(),
            );
        }
        let (key_at, token_at) = (text.find("{key}"), text.find("{token}"));
        if key_at.zip(token_at).is_some_and(|(k, t)| {
            let (a, b) = if k < t { (k + 5, t) } else { (t + 7, k) };
            a == b
        }) {
            return Err("the token template needs fixed text between {key} and {token}".into());
        }
        Ok(TokenTemplate { text: text.into() })
    }

    /// A regex that finds this template's tokens, with groups `rule`, `key` and `token`.
    pub(crate) fn finder(&self) -> Regex {
        let mut pattern = String::new();
        let mut rest = self.text.as_str();
        let holes = [
            ("{rule}", r"(?P<rule>[A-Za-z0-9._-]{1,128})".to_string()),
            (
                "{key}",
                format!(r"(?P<key>[A-Za-z0-9._-]{{1,{MAX_KEY_ID_LEN}}})"),
            ),
            ("{token}", r"(?P<token>[A-Za-z0-9_-]{22,})".to_string()),
        ];
        let mut rule_seen = false;
        while !rest.is_empty() {
            let next = holes
                .iter()
                .filter_map(|(h, p)| rest.find(h).map(|at| (at, *h, p)))
                .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, hole, group)) => {
                    pattern.push_str(&regex_syntax::escape(&rest[..at]));
                    // A second `{rule}` must say the same rule.
                    if hole == "{rule}" && rule_seen {
                        pattern.push_str(r"[A-Za-z0-9._-]{1,128}");
                    } else {
                        pattern.push_str(group);
                    }
                    rule_seen |= hole == "{rule}";
                    rest = &rest[at + hole.len()..];
                }
                None => {
                    pattern.push_str(&regex_syntax::escape(rest));
                    rest = "";
                }
            }
        }
        // The template's fixed text is escaped and its holes are bounded classes: it compiles.
        Regex::new(&pattern).unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("an empty class"))
    }
}

impl TokenLayout {
    /// The pieces of `template` for rule `rule`. The template is one [`TokenTemplate::new`]
    /// accepts: the policy's is checked before any rule is compiled.
    pub(crate) fn new(template: &str, rule: &str) -> TokenLayout {
        let filled = template.replace("{rule}", rule);
        let mut pieces = Vec::new();
        let mut rest = filled.as_str();
        while !rest.is_empty() {
            let next = [("{key}", Piece::Key), ("{token}", Piece::Token)]
                .into_iter()
                .filter_map(|(h, p)| rest.find(h).map(|at| (at, h.len(), p)))
                .min_by_key(|(at, _, _)| *at);
            match next {
                Some((at, len, piece)) => {
                    if at > 0 {
                        pieces.push(Piece::Text(rest[..at].into()));
                    }
                    pieces.push(piece);
                    rest = &rest[at + len..];
                }
                None => {
                    pieces.push(Piece::Text(rest.into()));
                    rest = "";
                }
            }
        }
        TokenLayout {
            pieces: pieces.into(),
        }
    }

    /// Bytes written for a value of `n` bytes under key id `key`.
    pub(crate) fn len(&self, key: &str, n: usize) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::Key => key.len(),
                Piece::Token => base64url::encoded_len(siv::sealed_len(n)),
            })
            .sum()
    }

    /// Writes the token for `sealed` (what [`siv::seal`] made) under key id `key`.
    pub(crate) fn write(&self, key: &str, sealed: &[u8], out: &mut Vec<u8>) {
        for p in self.pieces.iter() {
            match p {
                Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
                Piece::Key => out.extend_from_slice(key.as_bytes()),
                Piece::Token => base64url::encode_into(sealed, out),
            }
        }
    }

    /// The fixed text before the first hole and after the last: what labels recognise.
    pub(crate) fn affixes(&self) -> (&str, &str) {
        fn text(p: Option<&Piece>) -> &str {
            match p {
                Some(Piece::Text(t)) => t,
                _ => "",
            }
        }
        (text(self.pieces.first()), text(self.pieces.last()))
    }

    /// The fixed text between the holes.
    pub(crate) fn middle(&self) -> impl Iterator<Item = &str> {
        let n = self.pieces.len();
        self.pieces[1..n.saturating_sub(1)]
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(&**t),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_and_lays_out() {
        let l = TokenLayout::new(crate::policy::DEFAULT_TOKEN_TEMPLATE, "email");
        assert_eq!(l.affixes(), ("[TOKEN:email:", "]"));
        assert_eq!(l.middle().collect::<Vec<_>>(), [":"]);
        let mut out = Vec::new();
        l.write("k1", &[0u8; 18], &mut out);
        assert_eq!(out, b"[TOKEN:email:k1:AAAAAAAAAAAAAAAAAAAAAAAA]");
        assert_eq!(l.len("k1", 2), out.len());
        for bad in [
            "{key}:{token}]",
            "[{key}{token}]",
            "[{token}]",
            "[{key}:{token}:{key}]",
            "<{rule}:{key}:{token}",
        ] {
            assert!(TokenTemplate::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn finder_reads_what_layout_writes() {
        let template = "<tok {key}/{token} of {rule}>";
        let t = TokenTemplate::new(template).unwrap();
        let mut out = b"a ".to_vec();
        TokenLayout::new(template, "card.number").write("acme-1", &[7u8; 20], &mut out);
        out.extend_from_slice(b" b");
        let text = String::from_utf8(out).unwrap();
        let re = t.finder();
        let mut caps = re.create_captures();
        re.captures(&*text, &mut caps);
        let group = |n| caps.get_group_by_name(n).map(|s| &text[s.range()]);
        assert_eq!(group("key"), Some("acme-1"));
        assert_eq!(group("rule"), Some("card.number"));
        assert!(group("token").is_some_and(|s| s.len() == 27));
    }
}

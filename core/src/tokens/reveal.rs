//! Tokens read back: each one found by its template, opened with the key its id names.

use regex_automata::meta::Regex;

use super::base64url;
use super::keyring::KeyRing;
use super::siv;

/// A text with its tokens replaced by the values they stand for, and what happened to each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revealed {
    /// The text, with every token that could be opened replaced by its value; the others
    /// are left as they were.
    pub text: String,
    /// Every token found, in order.
    pub tokens: Vec<RevealedToken>,
}

/// One token found by [`crate::Engine::reveal`]: where, which rule and key, and whether it
/// opened. It never holds the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevealedToken {
    /// The rule that wrote the token, as the token says.
    pub rule: String,
    /// The id of the key it was made with.
    pub key_id: String,
    /// Byte offsets of the token in the text given to `reveal`.
    pub start: usize,
    /// End of the token (exclusive).
    pub end: usize,
    /// Whether it opened.
    pub outcome: RevealOutcome,
}

/// What became of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RevealOutcome {
    /// Opened and replaced by its value.
    Revealed,
    /// The ring has no key with the token's id (never had it, or it was forgotten).
    UnknownKey,
    /// The key is there but the token does not open under it: changed, cut, or made with
    /// another key under the same id. It is left as it is.
    Invalid,
}

impl RevealOutcome {
    /// `revealed`, `unknown_key` or `invalid`.
    pub fn name(self) -> &'static str {
        match self {
            RevealOutcome::Revealed => "revealed",
            RevealOutcome::UnknownKey => "unknown_key",
            RevealOutcome::Invalid => "invalid",
        }
    }
}

/// `text` with the tokens `finder` finds opened under `ring`.
pub(crate) fn reveal(text: &str, finder: &Regex, ring: &KeyRing) -> Revealed {
    let mut out = String::with_capacity(text.len());
    let mut tokens = Vec::new();
    let mut caps = finder.create_captures();
    let mut at = 0;
    for m in finder.find_iter(text) {
        finder.captures(regex_automata::Input::new(text).range(m.range()), &mut caps);
        let group = |name| caps.get_group_by_name(name).map(|s| &text[s.range()]);
        let (Some(key_id), Some(token)) = (group("key"), group("token")) else {
            continue;
        };
        let (outcome, value) = match ring.get(key_id) {
            None => (RevealOutcome::UnknownKey, None),
            Some(key) => match base64url::decode(token.as_bytes())
                .and_then(|sealed| siv::open(key, &sealed))
                .and_then(|v| String::from_utf8(v).ok())
            {
                Some(v) => (RevealOutcome::Revealed, Some(v)),
                None => (RevealOutcome::Invalid, None),
            },
        };
        out.push_str(&text[at..m.start()]);
        out.push_str(value.as_deref().unwrap_or(&text[m.range()]));
        at = m.end();
        tokens.push(RevealedToken {
            rule: group("rule").unwrap_or_default().to_string(),
            key_id: key_id.to_string(),
            start: m.start(),
            end: m.end(),
            outcome,
        });
    }
    out.push_str(&text[at..]);
    Revealed { text: out, tokens }
}

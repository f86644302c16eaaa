//! The builtin content rules: pattern, anchors, boundaries, lengths and validator of each.
//!
//! Patterns are written for a DFA: ASCII byte classes, no look-around, few counted
//! repetitions. Length limits and checksums live outside the pattern (in [`Builtin::min_len`],
//! [`Builtin::max_len`] and [`Validator`]) so that the union of every rule stays a small
//! automaton.

use crate::rules::secret::{SecretPart, CREDENTIAL_STOP};
use crate::rules::validators::Validator;
use crate::text::bytes::*;

/// Where the matcher looks for the start of a rule's matches.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Anchor {
    /// The match starts where one of these literals starts.
    Prefix(&'static [&'static str]),
    /// The match contains this literal; it starts at the beginning of the run of `back` bytes
    /// (at most `max` long) that ends where the literal starts. The gate is checked first.
    Inner(&'static str, Back, LiteralGate),
    /// The match contains one of a set of bytes.
    Byte(ByteAnchor),
}

/// A byte anchor: the match contains one of `bytes` and starts as `back` says. With
/// `run_start`, only the first byte of a run of such bytes counts; with `at`, the anchor byte
/// itself is a candidate start too. A candidate whose previous byte is in `gate` is skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ByteAnchor {
    pub bytes: ByteSet,
    pub back: Back,
    pub run_start: bool,
    pub at: bool,
    pub gate: ByteSet,
}

/// A cheap test of the text after a literal anchor, made before any automaton runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LiteralGate {
    /// None: always verify.
    Open,
    /// URL userinfo: an `@` before the authority after the literal ends (at `/ ? #`, a blank,
    /// a quote or `< >`), as in `scheme://user:password@host`.
    Userinfo,
    /// A lead word: the literal is a word of its own (or ends one after `_`, `-` or `.`),
    /// then blanks, an optional `is`, blanks, and a run of token bytes starts
    /// (`acme TOKEN 03b9…`, `the api key is 7a1c…`). The run search finds these words from
    /// the run, looking back (`scan/token_runs.rs`).
    LeadsRun,
}

/// How far before an anchor a match may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Back {
    /// At the anchor.
    None,
    /// At the start of the run of these bytes (at most `max`) just before the anchor; the
    /// anchor itself is a candidate too.
    Run(ByteSet, usize),
    /// Before a `key = value` separator: skip blanks and quotes, then the run of key bytes.
    Key,
}

/// What may stand next to a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Boundary {
    /// Anything.
    None,
    /// No byte of this set.
    Not(ByteSet),
    /// Numbers: not alphanumeric, and not a `.`/`-`/`,` that continues a number
    /// (`1.2.3.4.5`, `2024-01-15`).
    Num,
    /// An address: like `Num`, and not a version after a product name (`Chrome/120.0.0.0`).
    Address,
    /// An IPv6 address: not inside a word or another address; a `:` only after a label
    /// (`peer:2001:db8::1`), not between groups; on the right, no `.` and digit after it
    /// (`::ffff:256.0.0.1`).
    Ipv6,
    /// curl's user option before the match (`curl -u user:password`, `--user user:password`).
    UserFlag,
    /// After a value: a closing quote ends it whatever follows (`"a b"next`); otherwise no
    /// byte of this set.
    ValueEnd(ByteSet),
    /// Phone numbers: like `Num`, and not after the first groups of an account number written
    /// in blocks (`AL47 212A 1009 0000 …`), which the `iban` rule decides.
    Phone,
    /// E-mail local part: not a local-part byte, and not the userinfo of a URL
    /// (`scheme://user@` or `scheme://user:password@`), which `url_credentials` owns.
    EmailLocal,
}

/// Rules verified by the same lazy DFA: they share the kind of anchor that finds them, so a
/// broad rule of one family never keeps the automaton alive for candidates of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    /// Literal-prefixed secrets and everything found from a literal.
    Prefix,
    /// `key = value` pairs, found from the separator.
    KeyValue,
    /// E-mail addresses, found from `@`.
    Email,
    /// Numbers with structure (cards, SSNs, IBANs, phones, IPv4), found from digit runs.
    Number,
    /// IPv6, found from `:`.
    Ipv6,
    /// Custom rules without a usable literal prefix, found from their first bytes.
    Custom,
}

/// A builtin content rule.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Builtin {
    pub id: &'static str,
    /// The library category it is listed under (`cloud`, `pii`, …): the rule file's.
    pub category: &'static str,
    pub family: Family,
    pub description: &'static str,
    pub pattern: &'static str,
    pub anchors: &'static [Anchor],
    pub left: Boundary,
    pub right: Boundary,
    pub min_len: usize,
    pub max_len: usize,
    pub validator: Option<Validator>,
    /// Which part of a match is replaced.
    pub secret: SecretPart,
    /// The rule also names the secrets the free-text passes find (SQL credentials after a
    /// quote, XML elements after a `<`; see `scan/sql_in_text.rs`, `scan/xml_in_text.rs`).
    pub text_passes: bool,
    /// A keyword rule's keywords (lower case): a key holding one passes the key gate.
    pub keywords: &'static [&'static str],
    /// The run search may find its prefixes (`scan/token_runs.rs`; `core/build.rs` decides).
    pub run_search: bool,
    /// Texts the rule must find something in (`policy test`, the generated vectors); the
    /// first is the one `policy explain` and the docs show.
    pub examples: &'static [&'static str],
    /// Texts the rule must find nothing in.
    pub negative_examples: &'static [&'static str],
}

const fn digits_anchor() -> Anchor {
    Anchor::Byte(ByteAnchor {
        bytes: DIGIT,
        back: Back::Run(NUMBER_LEAD, 2),
        run_start: true,
        at: true,
        gate: WORD,
    })
}
const KV: Anchor = Anchor::Byte(ByteAnchor {
    bytes: ByteSet::from_spec(":="),
    back: Back::Key,
    run_start: false,
    at: false,
    gate: ByteSet::EMPTY,
});
/// The words a key must contain for `secret_kv` to look at its value (case-insensitive).
/// The matcher's key gate derives its letter sets from this list and [`KV_GATE_EXTRA`].
pub(crate) const KV_KEYWORDS: &[&str] = &[
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "credential",
    "sess",
    "ssn",
    "pin",
    "cvv",
    "cvc",
    "sig",
    "sid",
    "auth",
    "otp",
    "mfa",
    "phone",
];
/// Further words of the key=value family (`authorization`); the AWS secret keys contain
/// `secret` or `key` already.
pub(crate) const KV_GATE_EXTRA: &[&str] = &["authorization"];

/// The builtin literal anchors that the SIMD literal search (aho-corasick's Teddy) looks for,
/// in the order it is given them; the run search (`scan/token_runs.rs`) finds the others, most
/// vendor prefixes. Teddy puts literals into buckets by their position in its list and
/// reports a candidate wherever three bytes' nibbles fit a bucket: a bucket that mixes `sk_`
/// with `ghp_` also fits `sh_`, and checking such false candidates can take most of the
/// search. The order comes from `cargo run --release -p scrubjay-benches --example
/// literal_order`, a search over orders that counts the candidates each yields on telemetry,
/// prose and the test vectors, checked by wall clock; any order finds the same literals.
pub(crate) const LITERAL_SEARCH_ORDER: &[&str] = &[
    "-us",
    "sv=20",
    "BEARER",
    "basic",
    "api.powerplatform.com",
    "$krb5tgs$",
    "$5$",
    ":::",
    ":AA",
    "JQQJ9",
    "NRAL",
    "oauth:",
    "eyJ",
    ".atlasv1.",
    "%40",
    "logic.azure.com",
    "-BEGIN",
    "scrypt:",
    "Basic",
    "discordapp.com/api/",
    "bearer",
    "SharedAccessSignature sr=",
    "$6$",
    "://",
    ":APA91b",
    "pbkdf2:",
    "/hooks/",
    "BASIC",
    "discord.com/api/",
    "$argon2",
    "/receiver/v1/",
    "Bearer",
];

/// Bytes that end a `key=value` value.
const VALUE_END: ByteSet = ByteSet::from_spec(" \t\r\n\"'&,;<>\\)]}");
/// Bytes that end an `Authorization:` credential.
const CREDENTIAL_END: ByteSet = ByteSet::from_spec(" \t\r\n\"',;\\<>)]}");
/// Where e-mail addresses are found: an `@`, or its URL encoding, after a local part.
const EMAIL_ANCHORS: &[Anchor] = &[
    Anchor::Byte(ByteAnchor {
        bytes: ByteSet::from_spec("@"),
        back: Back::Run(EMAIL_LOCAL, 256),
        run_start: false,
        at: false,
        gate: ByteSet::EMPTY,
    }),
    Anchor::Inner("%40", Back::Run(EMAIL_LOCAL, 256), LiteralGate::Open),
];
/// Where IPv6 addresses are found: the first `:` of a run, after at most four hex digits.
const IPV6_ANCHORS: &[Anchor] = &[Anchor::Byte(ByteAnchor {
    bytes: ByteSet::from_spec(":"),
    back: Back::Run(HEX, 4),
    run_start: true,
    at: false,
    gate: ByteSet::EMPTY,
})];
/// Where a URL's userinfo rules are found: the scheme's `://`, when an `@` ends the authority.
const USERINFO_ANCHOR: &[Anchor] = &[Anchor::Inner(
    "://",
    Back::Run(SCHEME, 32),
    LiteralGate::Userinfo,
)];
const NOT_WORD: Boundary = Boundary::Not(WORD);
const NOT_TOKEN: Boundary = Boundary::Not(TOKEN);

// The table itself is data: `core/rules/*.toml`, turned into `BUILTINS` and `CATEGORIES` by
// `core/build.rs`.
include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Looks a builtin up by id.
/// The heading of a category of the library (the category itself when unknown).
pub(crate) fn category_title(category: &'static str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == category)
        .map_or(category, |(_, title)| title)
}

pub(crate) fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_search_order_lists_builtin_literals_once() {
        let mut listed: Vec<&str> = LITERAL_SEARCH_ORDER.to_vec();
        listed.sort_unstable();
        let before = listed.len();
        listed.dedup();
        assert_eq!(listed.len(), before, "a literal is listed twice");
        let builtin = crate::Engine::default().literal_anchors();
        for literal in listed {
            assert!(
                builtin.iter().any(|b| b == literal),
                "{literal:?} is no builtin literal any more: rerun the literal_order example"
            );
        }
    }

    #[test]
    fn key_value_patterns_use_the_gate_keywords() {
        let kv = BUILTINS.iter().find(|b| b.id == "secret_kv").unwrap();
        assert!(kv
            .pattern
            .contains(&format!("(?i:{})", KV_KEYWORDS.join("|"))));
        // Every alternative of every key=value rule contains a gate keyword, so the gate
        // never rejects a key the pattern would accept. (`cli_credentials` takes any key: the
        // gate lets one through after curl's user option, which its boundary checks.)
        for b in BUILTINS
            .iter()
            .filter(|b| b.family == Family::KeyValue && b.left != Boundary::UserFlag)
        {
            let group = b
                .pattern
                .split("(?i:")
                .nth(1)
                .unwrap()
                .split(')')
                .next()
                .unwrap();
            for alt in group.split('|') {
                let alt = alt.replace("_?", "").replace('\\', "").to_ascii_lowercase();
                assert!(
                    KV_KEYWORDS
                        .iter()
                        .chain(KV_GATE_EXTRA)
                        .chain(b.keywords)
                        .any(|k| alt.contains(k)),
                    "{}: `{alt}` has no gate keyword",
                    b.id
                );
            }
        }
    }

    #[test]
    fn ids_are_unique_and_examples_match() {
        let mut ids: Vec<&str> = BUILTINS.iter().map(|b| b.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), BUILTINS.len());
    }
}

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
    /// (`peer:2001:db8::1`), not between groups.
    Ipv6,
    /// curl's user option before the match (`curl -u user:password`, `--user user:password`).
    UserFlag,
    /// After a value: a closing quote ends it whatever follows (`"a b"next`); otherwise no
    /// byte of this set.
    ValueEnd(ByteSet),
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
    /// Examples that must be redacted (used by tests and `policy explain`).
    pub example: &'static str,
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

/// The builtin literal anchors in the order the SIMD literal search (aho-corasick's Teddy) is
/// given them; literals not listed follow in policy order. Teddy puts literals into sixteen
/// buckets by their position in its list and reports a candidate wherever three bytes' nibbles
/// fit a bucket: a bucket that mixes `sk_` with `ghp_` also fits `sh_`. On clean telemetry,
/// checking such false candidates took two thirds of the search (2.8 GB/s against 8 GB/s on
/// text that yields none); in this order it runs at about 5 GB/s. The order comes from
/// `cargo run --release -p scrubjay-benches --example literal_order`, a search over orders
/// that counts the candidates each yields on telemetry, prose and the test vectors, checked by
/// wall clock (`sq0` and `ABIA` swapped by hand: `xox`, `sq0` and `shp` in one bucket fit `xxx`,
/// and a masked card number cost 5 ns a byte); any order finds the same literals.
pub(crate) const LITERAL_SEARCH_ORDER: &[&str] = &[
    "pypi-AgEIcHlwaS5vcmc",
    "hooks.slack.com/services/",
    "ghp_",
    "xox",
    "sk-",
    "ghs_",
    "bearer",
    "whsec_",
    "github_pat_",
    "basic",
    "AKIA",
    "ACCA",
    "sk_",
    "Bearer",
    "ASIA",
    "%40",
    "sq0",
    "hf_",
    "Basic",
    "ABIA",
    "_v1_",
    "ghu_",
    "BEARER",
    "eyJ",
    "glpat-",
    "dapi",
    "AccountKey=",
    "rk_",
    "BASIC",
    "://",
    "-BEGIN",
    "SharedAccessKey=",
    "AIza",
    "gho_",
    "npm_",
    "shp",
    "SG.",
    "ghr_",
];

/// Bytes that end a `key=value` value.
const VALUE_END: ByteSet = ByteSet::from_spec(" \t\r\n\"'&,;<>\\)]}");
/// Bytes that end an `Authorization:` credential.
const CREDENTIAL_END: ByteSet = ByteSet::from_spec(" \t\r\n\"',;\\<>)]}");
/// Where a URL's userinfo rules are found: the scheme's `://`, when an `@` ends the authority.
const USERINFO_ANCHOR: &[Anchor] = &[Anchor::Inner(
    "://",
    Back::Run(SCHEME, 32),
    LiteralGate::Userinfo,
)];
const NOT_WORD: Boundary = Boundary::Not(WORD);
const NOT_TOKEN: Boundary = Boundary::Not(TOKEN);

/// Every builtin rule, in priority order: when two rules match the same text, the earlier one
/// names it.
pub(crate) const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "aws_access_key_id",
        family: Family::Prefix,
        description: "AWS access key ids (AKIA long-term, ASIA temporary, ABIA and ACCA service credentials)",
        pattern: "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}",
        anchors: &[Anchor::Prefix(&["AKIA", "ASIA", "ABIA", "ACCA"])],
        left: Boundary::Not(ALNUM),
        right: Boundary::Not(ALNUM),
        min_len: 20,
        max_len: 20,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "AKIAIOSFODNN7EXAMPLE",
    },
    Builtin {
        id: "github_token",
        family: Family::Prefix,
        description: "GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_ and fine-grained github_pat_",
        pattern: "(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]+|github_pat_[A-Za-z0-9_]+",
        anchors: &[Anchor::Prefix(&["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 40,
        max_len: 300,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    },
    Builtin {
        id: "gitlab_token",
        family: Family::Prefix,
        description: "GitLab personal access token (glpat-)",
        pattern: "glpat-[A-Za-z0-9_-]+",
        anchors: &[Anchor::Prefix(&["glpat-"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 26,
        max_len: 300,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "glpat-xxxxxxxxxxxxxxxxxxxx",
    },
    Builtin {
        id: "slack_token",
        family: Family::Prefix,
        description: "Slack tokens (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe-)",
        pattern: "xox[abposre]-[A-Za-z0-9-]+",
        anchors: &[Anchor::Prefix(&["xox"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 15,
        max_len: 300,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    },
    Builtin {
        id: "slack_webhook",
        family: Family::Prefix,
        description: "Slack incoming-webhook URL path",
        pattern: "hooks\\.slack\\.com/services/(?P<secret>[A-Za-z0-9_/]+)",
        anchors: &[Anchor::Prefix(&["hooks.slack.com/services/"])],
        left: Boundary::None,
        right: NOT_WORD,
        min_len: 40,
        max_len: 300,
        validator: None,
        secret: SecretPart::Captured,
        text_passes: false,
        example: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    },
    Builtin {
        id: "stripe_key",
        family: Family::Prefix,
        description: "Stripe secret and restricted keys (sk_/rk_ live and test) and webhook secrets",
        pattern: "(?:sk|rk)_(?:live|test)_[A-Za-z0-9]+|whsec_[A-Za-z0-9]+",
        anchors: &[Anchor::Prefix(&["sk_", "rk_", "whsec_"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 20,
        max_len: 300,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    },
    Builtin {
        id: "anthropic_key",
        family: Family::Prefix,
        description: "Anthropic API key (sk-ant-)",
        pattern: "sk-ant-[A-Za-z0-9_-]+",
        anchors: &[Anchor::Prefix(&["sk-"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 30,
        max_len: 300,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    },
    Builtin {
        id: "openai_key",
        family: Family::Prefix,
        description: "OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin-)",
        pattern: "sk-[A-Za-z0-9_-]+",
        anchors: &[Anchor::Prefix(&["sk-"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 23,
        max_len: 300,
        validator: Some(Validator::MixedAlnum),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "sk-proj-AbCdEf0123456789GhIjKlMnOpQrSt",
    },
    Builtin {
        id: "google_api_key",
        family: Family::Prefix,
        description: "Google API key (AIza + 35 characters)",
        pattern: "AIza[0-9A-Za-z_-]+",
        anchors: &[Anchor::Prefix(&["AIza"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 39,
        max_len: 39,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
    },
    Builtin {
        id: "npm_token",
        family: Family::Prefix,
        description: "npm access token (npm_ + 36 characters)",
        pattern: "npm_[A-Za-z0-9]+",
        anchors: &[Anchor::Prefix(&["npm_"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 40,
        max_len: 40,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "npm_abcdefghijklmnopqrstuvwxyz0123456789",
    },
    Builtin {
        id: "sendgrid_key",
        family: Family::Prefix,
        description: "SendGrid API key (SG.<22>.<43>)",
        pattern: "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
        anchors: &[Anchor::Prefix(&["SG."])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 69,
        max_len: 69,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "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",
    },
    Builtin {
        id: "huggingface_token",
        family: Family::Prefix,
        description: "Hugging Face access token (hf_)",
        pattern: "hf_[A-Za-z0-9]+",
        anchors: &[Anchor::Prefix(&["hf_"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 33,
        max_len: 45,
        validator: Some(Validator::MixedAlnum),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
    },
    Builtin {
        id: "pypi_token",
        family: Family::Prefix,
        description: "PyPI upload token (pypi-AgEIcHlwaS5vcmc...)",
        pattern: "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]+",
        anchors: &[Anchor::Prefix(&["pypi-AgEIcHlwaS5vcmc"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 60,
        max_len: 400,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "pypi-AgEIcHlwaS5vcmcCJDU2NzA4ZDQ5LTk3ZjEtNGQ5Yy1hZjQyLTc0ZjQ5YjZk",
    },
    Builtin {
        id: "shopify_token",
        family: Family::Prefix,
        description: "Shopify access tokens and shared secrets (shpat_, shpss_, shpca_, shppa_)",
        pattern: "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}",
        anchors: &[Anchor::Prefix(&["shp"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 38,
        max_len: 38,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "shpat_0123456789abcdef0123456789abcdef",
    },
    Builtin {
        id: "digitalocean_token",
        family: Family::Prefix,
        description: "DigitalOcean tokens (dop_v1_, doo_v1_, dor_v1_)",
        pattern: "do[opr]_v1_[a-f0-9]{64}",
        anchors: &[Anchor::Inner(
            "_v1_",
            Back::Run(ByteSet::from_spec("dopr"), 3),
            LiteralGate::Open,
        )],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 71,
        max_len: 71,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    },
    Builtin {
        id: "databricks_token",
        family: Family::Prefix,
        description: "Databricks personal access token (dapi + 32 hex)",
        pattern: "dapi[a-f0-9]{32}(?:-[0-9])?",
        anchors: &[Anchor::Prefix(&["dapi"])],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 36,
        max_len: 38,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "dapi0123456789abcdef0123456789abcdef",
    },
    Builtin {
        id: "square_token",
        family: Family::Prefix,
        description: "Square access token and OAuth secret (sq0atp-, sq0csp-)",
        pattern: "sq0(?:atp|csp)-[A-Za-z0-9_-]+",
        anchors: &[Anchor::Prefix(&["sq0"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 29,
        max_len: 80,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "sq0atp-ABCDEFGHIJKLMNOPQRSTUV",
    },
    Builtin {
        id: "azure_storage_key",
        family: Family::Prefix,
        description: "Azure storage AccountKey / SharedAccessKey in a connection string",
        pattern: "(?:AccountKey|SharedAccessKey)=(?P<secret>[A-Za-z0-9+/]+={0,2})",
        anchors: &[Anchor::Prefix(&["AccountKey=", "SharedAccessKey="])],
        left: Boundary::None,
        right: Boundary::Not(B64),
        min_len: 40,
        max_len: 200,
        validator: None,
        secret: SecretPart::Captured,
        text_passes: false,
        example: "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    },
    Builtin {
        id: "jwt",
        family: Family::Prefix,
        description: "JSON Web Token (three or five base64url segments, header naming alg/typ)",
        pattern: "eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?",
        anchors: &[Anchor::Prefix(&["eyJ"])],
        left: NOT_TOKEN,
        right: NOT_TOKEN,
        min_len: 30,
        max_len: 16384,
        validator: Some(Validator::Jwt),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    },
    Builtin {
        id: "private_key",
        family: Family::Prefix,
        description: "PEM / PGP private key block, body included (to the END line, or to the end of a truncated block)",
        pattern: "-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-[^-])*(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----)?",
        // Found from `-BEGIN` and the dashes before it: a literal that begins with dashes
        // would be a candidate at every byte of a `-----` rule in a log.
        anchors: &[Anchor::Inner(
            "-BEGIN",
            Back::Run(ByteSet::from_spec("-"), 4),
            LiteralGate::Open,
        )],
        left: Boundary::None,
        right: Boundary::None,
        min_len: 30,
        max_len: 65536,
        validator: None,
        secret: SecretPart::Whole,
        text_passes: false,
        example: "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n-----END RSA PRIVATE KEY-----",
    },
    Builtin {
        id: "bearer_token",
        family: Family::Prefix,
        description: "Bearer credentials (the scheme is kept, the token is replaced)",
        pattern: "(?:Bearer|bearer|BEARER)[ \\t]+(?P<secret>[A-Za-z0-9._~+/=-]+)",
        anchors: &[Anchor::Prefix(&["Bearer", "bearer", "BEARER"])],
        left: NOT_WORD,
        right: Boundary::Not(ByteSet::from_spec("A-Za-z0-9._~+/=-")),
        min_len: 14,
        max_len: 16384,
        validator: Some(Validator::Bearer),
        secret: SecretPart::AfterBlanks,
        text_passes: false,
        example: "Authorization: Bearer abc123def456ghi789",
    },
    Builtin {
        id: "basic_auth",
        family: Family::Prefix,
        description: "HTTP Basic credentials (base64 of user:password; the scheme is kept)",
        pattern: "(?:Basic|basic|BASIC)[ \\t]+(?P<secret>[A-Za-z0-9+/]+={0,2})",
        anchors: &[Anchor::Prefix(&["Basic", "basic", "BASIC"])],
        left: NOT_WORD,
        right: Boundary::Not(B64),
        min_len: 12,
        max_len: 1100,
        validator: Some(Validator::BasicAuth),
        secret: SecretPart::AfterBlanks,
        text_passes: false,
        example: "Authorization: Basic dXNlcjpwYXNzd29yZA==",
    },
    Builtin {
        id: "url_credentials",
        family: Family::Prefix,
        description: "user:password in a URL authority (scheme://user:password@host)",
        pattern: "[A-Za-z][A-Za-z0-9+.-]*://(?P<secret>[^\\s/?#@:\"'<>\\[\\]]*:[^\\s/?\"'<>]*)@",
        anchors: USERINFO_ANCHOR,
        left: Boundary::Not(SCHEME),
        right: Boundary::None,
        min_len: 8,
        max_len: 1024,
        validator: Some(Validator::Userinfo),
        secret: SecretPart::Captured,
        text_passes: false,
        example: "postgres://admin:s3cr3t@db.internal:5432/app",
    },
    Builtin {
        id: "url_token",
        family: Family::Prefix,
        description: "a token written as the whole userinfo of a URL (a Sentry DSN's key, `https://<token>@github.com/…`): 20 or more letters and digits, both kinds",
        pattern: "[A-Za-z][A-Za-z0-9+.-]*://(?P<secret>[A-Za-z0-9]{20}[A-Za-z0-9]*)@",
        anchors: USERINFO_ANCHOR,
        left: Boundary::Not(SCHEME),
        right: Boundary::None,
        min_len: 24,
        max_len: 1024,
        validator: Some(Validator::MixedAlnum),
        secret: SecretPart::Captured,
        text_passes: false,
        example: "https://9f8e7d6c5b4a39281716f5e4d3c2b1a0@o42.ingest.sentry.io/7",
    },
    Builtin {
        id: "aws_secret_access_key",
        family: Family::KeyValue,
        description: "AWS secret access key next to a key that names it",
        pattern: "[A-Za-z0-9_.\\-]*(?i:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)[A-Za-z0-9_.\\-]*\\\\?[\"']?[ \\t]*(?:=>|[:=])[ \\t]*\\\\?[\"']?(?P<secret>[A-Za-z0-9/+]{40})",
        anchors: &[KV],
        left: Boundary::Not(KEY),
        right: Boundary::Not(B64),
        min_len: 42,
        max_len: 400,
        validator: None,
        secret: SecretPart::Last(40),
        text_passes: false,
        example: "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    Builtin {
        id: "aws_secret_after_key_id",
        family: Family::Prefix,
        description: "AWS secret access key written right after its access key id (`AKIA…:secret`, `AKIA… / secret`)",
        pattern: "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}[ \\t:/,;|\"'=]{1,4}(?P<secret>[A-Za-z0-9/+]{40})",
        anchors: &[Anchor::Prefix(&["AKIA", "ASIA", "ABIA", "ACCA"])],
        left: Boundary::Not(ALNUM),
        right: Boundary::Not(B64),
        min_len: 61,
        max_len: 64,
        // Above hex's ceiling (a git SHA after an id is no secret); random base64 of 40
        // bytes scores 4.1 and more.
        validator: Some(Validator::Entropy(4.0)),
        secret: SecretPart::Last(40),
        text_passes: false,
        example: "AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    Builtin {
        id: "authorization",
        family: Family::KeyValue,
        description: "Authorization / Proxy-Authorization values in text (the scheme is kept)",
        pattern: "[A-Za-z0-9_.\\-]*(?i:authorization)\\\\?[\"']?[ \\t]*(?:=>|[:=])[ \\t]*\\\\?[\"']?(?:[A-Za-z][A-Za-z0-9_-]*[ \\t]+)?(?P<secret>[^\\s\"',;\\\\<>)\\]}]+)",
        anchors: &[KV],
        left: Boundary::Not(KEY),
        right: Boundary::Not(CREDENTIAL_END.complement()),
        min_len: 16,
        max_len: 16384,
        validator: Some(Validator::Bearer),
        secret: SecretPart::TrailingRun(CREDENTIAL_STOP),
        text_passes: false,
        example: "Authorization: ApiKey 9f8e7d6c5b4a39281706",
    },
    Builtin {
        id: "cli_credentials",
        family: Family::KeyValue,
        description: "the password in curl's user option (`curl -u user:password`, `--user user:password`; the user is kept)",
        pattern: "[A-Za-z0-9_.\\-]+:(?P<secret>[^\\s\"']+)",
        anchors: &[KV],
        left: Boundary::UserFlag,
        right: Boundary::None,
        min_len: 3,
        max_len: 1024,
        validator: None,
        secret: SecretPart::Captured,
        text_passes: false,
        example: "curl -u admin:Adm1nPass! https://example.com",
    },
    Builtin {
        id: "secret_kv",
        family: Family::KeyValue,
        description: "password=, secret:, token=, api_key= style pairs (the key is kept)",
        pattern: "(?:[A-Za-z]{2,12} )?[A-Za-z0-9_.\\-]*(?i:pass|pwd|secret|token|key|credential|sess|ssn|pin|cvv|cvc|sig|sid|auth|otp|mfa|phone)[A-Za-z0-9_.\\-]*\\\\?[\"')]?[ \\t]*(?:=>|[:=])[ \\t]*\\\\?[\"'(]?(?:\\\\?\"(?P<secret>[^\"\\\\\\n]+)\\\\?\"|'(?P<secret2>[^'\\n]+)'|(?P<secret3>[^\\s\"'&,;<>\\\\)\\]}]+(?:&[^\\s\"'&,;<>\\\\)\\]}=]+)*))",
        anchors: &[KV],
        left: Boundary::Not(KEY),
        right: Boundary::ValueEnd(VALUE_END.complement()),
        min_len: 4,
        max_len: 4096,
        validator: Some(Validator::SecretKv),
        secret: SecretPart::QuotedValue,
        text_passes: true,
        example: "db_password=hunter2",
    },
    Builtin {
        id: "email",
        family: Family::Email,
        description: "E-mail address (also URL-encoded as %40)",
        pattern: "[A-Za-z0-9._%+\\-]+(?:@|%40)[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,24}",
        anchors: &[
            Anchor::Byte(ByteAnchor {
                bytes: ByteSet::from_spec("@"),
                back: Back::Run(EMAIL_LOCAL, 256),
                run_start: false,
                at: false,
                gate: ByteSet::EMPTY,
            }),
            Anchor::Inner("%40", Back::Run(EMAIL_LOCAL, 256), LiteralGate::Open),
        ],
        left: Boundary::EmailLocal,
        right: Boundary::Not(ByteSet::from_spec("A-Za-z0-9_-")),
        min_len: 6,
        max_len: 512,
        validator: Some(Validator::Email),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "john.doe@company.com",
    },
    Builtin {
        id: "credit_card",
        family: Family::Number,
        description: "Payment card number: 13–19 digits, optional space/dash groups, issuer prefix, Luhn",
        pattern: "[0-9](?:[ -]?[0-9]){12,18}",
        anchors: &[digits_anchor()],
        left: Boundary::Num,
        right: Boundary::Num,
        min_len: 13,
        max_len: 23,
        validator: Some(Validator::Card),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "4111 1111 1111 1111",
    },
    Builtin {
        id: "us_ssn",
        family: Family::Number,
        description: "US social security number (ddd-dd-dddd with valid area, group and serial)",
        pattern: "[0-9]{3}[ -][0-9]{2}[ -][0-9]{4}",
        anchors: &[digits_anchor()],
        left: Boundary::Num,
        right: Boundary::Num,
        min_len: 11,
        max_len: 11,
        validator: Some(Validator::Ssn),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "123-45-6789",
    },
    Builtin {
        id: "iban",
        family: Family::Number,
        description: "International bank account number (country length table, mod-97)",
        pattern: "[A-Z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]){11,30}",
        anchors: &[digits_anchor()],
        left: NOT_WORD,
        right: NOT_WORD,
        min_len: 15,
        max_len: 42,
        validator: Some(Validator::Iban),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "DE89 3704 0044 0532 0130 00",
    },
    Builtin {
        id: "phone",
        family: Family::Number,
        description: "Phone number: E.164 (+ and 8–15 digits) or national formats with separators",
        pattern: "\\(?\\+?\\(?[0-9]{1,5}\\)?(?:[ .\\-]?\\(?[0-9]{1,8}\\)?){1,6}",
        anchors: &[digits_anchor()],
        left: Boundary::Num,
        right: Boundary::Num,
        min_len: 9,
        max_len: 32,
        validator: Some(Validator::Phone),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "+1 415 555 2671",
    },
    Builtin {
        id: "ipv6",
        family: Family::Ipv6,
        description: "IPv6 address (full, compressed, IPv4-mapped)",
        pattern: "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?:\\.[0-9]{1,3}){0,3}",
        anchors: &[
            Anchor::Byte(ByteAnchor {
                bytes: ByteSet::from_spec(":"),
                back: Back::Run(HEX, 4),
                run_start: true,
                at: false,
                gate: ByteSet::EMPTY,
            }),
        ],
        left: Boundary::Ipv6,
        right: Boundary::Not(ByteSet::from_spec("A-Za-z0-9_:")),
        min_len: 3,
        max_len: 45,
        validator: Some(Validator::Ipv6),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "2001:db8:85a3::8a2e:370:7334",
    },
    Builtin {
        id: "ipv4",
        family: Family::Number,
        description: "IPv4 address (octets of at most 255)",
        pattern: "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}",
        anchors: &[digits_anchor()],
        left: Boundary::Address,
        right: Boundary::Num,
        min_len: 7,
        max_len: 15,
        validator: Some(Validator::Ipv4),
        secret: SecretPart::Whole,
        text_passes: false,
        example: "203.0.113.42",
    },
];

/// Looks a builtin up by id.
pub(crate) fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_search_order_lists_each_builtin_literal_once() {
        let mut listed: Vec<&str> = LITERAL_SEARCH_ORDER.to_vec();
        listed.sort_unstable();
        let before = listed.len();
        listed.dedup();
        assert_eq!(listed.len(), before, "a literal is listed twice");
        let mut builtin = crate::Engine::default().literal_anchors();
        builtin.sort_unstable();
        assert_eq!(listed, builtin, "rerun the literal_order example");
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
                let alt = alt.replace("_?", "");
                assert!(
                    KV_KEYWORDS
                        .iter()
                        .chain(KV_GATE_EXTRA)
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

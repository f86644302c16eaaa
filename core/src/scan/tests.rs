//! Tests that compare the matcher's scan strategies with each other, and of its parts.

use super::boundary::right_may_hold;
use super::boundary::right_ok;
use super::gates::email_domain_gate;
use super::gates::userinfo_gate;
use super::key_value::at_least;
use super::key_value::key_extent;
use super::key_value::key_start;
use super::key_value::key_walk;
use super::key_value::pair_set;
use super::key_value::KeyCache;
use super::key_value::KeywordSets;
use super::resolve;
use super::simd::CHUNK;
use super::verify::covered;
use super::verify::LeftChecks;
use super::Matcher;
use super::Scratch;
use super::Span;
use super::Strategy;
use super::SHORT;
use crate::rules::builtin::KV_GATE_EXTRA;
use crate::rules::builtin::KV_KEYWORDS;

/// Pieces of values for the tests that compare the matcher's paths: literal anchors, byte
/// anchors, separators and text-pass shapes.
const PATH_PIECES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_",
    "sk-",
    "sk_live_",
    "eyJ",
    "Bearer ",
    "basic ",
    "://",
    "a@b.io",
    "x@",
    "hf_",
    "SG.",
    "npm_",
    "AIza",
    "xoxb-",
    "glpat-",
    "%40",
    "_v1_",
    "shpat_",
    "dapi",
    "sq0atp-",
    "AccountKey=",
    "-----BEGIN",
    " ",
    "1",
    "4111",
    "-",
    ".",
    ":",
    "=",
    "token",
    "0123456789abcdef",
    "https",
    "user:pw@",
    "sk-ant-",
    "pypi-AgEIcHlwaS5vcmc",
    " PASSWORD '",
    "'",
    "hunter2'",
    "INSERT INTO t (a, password) VALUES (",
    "'x', ",
    ")",
];

/// Checks that two paths find the same spans in `hay`; whether they found any.
fn same_on_both(m: &Matcher, sc: &mut Scratch, hay: &str, [a, b]: [Strategy; 2]) -> bool {
    let allow = |_: &[u8]| false;
    let first = m.find_in(hay.as_bytes(), sc, &allow, a);
    let first_spans = sc.spans.clone();
    let second = m.find_in(hay.as_bytes(), sc, &allow, b);
    assert_eq!(first, second, "{hay:?}");
    assert_eq!(first_spans, sc.spans, "{hay:?}");
    !first_spans.is_empty()
}

/// The short path (literal pair table in the byte loop) finds what the long path (an
/// Aho-Corasick search between byte scans) finds, on values full of literal anchors.
#[test]
fn short_and_long_paths_agree() {
    let engine = crate::Engine::default();
    let m = &engine.compiled.matcher;
    assert!(
        m.literals.pairs.is_some(),
        "every builtin literal has two bytes"
    );
    let pieces = PATH_PIECES;
    let mut sc = m_scratch(m);
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut checked = 0;
    // Up to twice the values the short path takes: the paths agree on any value.
    let longest = 2 * SHORT;
    for _ in 0..20_000 {
        let mut hay = String::new();
        while hay.len() < longest - 1 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let piece = pieces[(rng % pieces.len() as u64) as usize];
            if hay.len() + piece.len() >= longest || rng % 7 == 0 {
                break;
            }
            hay.push_str(piece);
        }
        checked += usize::from(same_on_both(
            m,
            &mut sc,
            &hay,
            [Strategy::Short, Strategy::Table],
        ));
    }
    assert!(checked > 1000, "the corpus finds secrets ({checked})");
}

/// The vectorised scan, in 16-byte and (where the CPU has them) 32-byte registers, finds
/// what the byte table finds on values of one to four chunks, anchors at every offset of
/// a chunk and of the last, overlapping one, included.
#[test]
fn vector_and_table_scans_agree() {
    let engine = crate::Engine::default();
    let m = &engine.compiled.matcher;
    assert!(
        m.bytes.vector_scan,
        "the default policy's anchors are byte ranges"
    );
    let extra = [
        "user@example.com",
        "4111 1111 1111 1111",
        "+1 415-555-0132",
        "203.0.113.42",
        "2001:db8::1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "fe80::1ff:fe23:4567:890a",
        "::ffff:192.0.2.1",
        "10:30:22",
        "sha256:",
        "DE89370400440532013000",
        "123-45-6789",
        "v1.2.3",
        "1700000000000",
        "a1b2c3",
        "\n",
    ];
    let mut sc = m_scratch(m);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut checked = 0;
    for round in 0..6_000 {
        let want = SHORT + round % (3 * CHUNK + 7);
        let mut hay = String::new();
        while hay.len() < want {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let k = (rng % (PATH_PIECES.len() + extra.len()) as u64) as usize;
            hay.push_str(
                PATH_PIECES
                    .get(k)
                    .unwrap_or_else(|| &extra[k - PATH_PIECES.len()]),
            );
            if rng % 3 == 0 {
                hay.push(' ');
            }
        }
        checked += usize::from(same_on_both(
            m,
            &mut sc,
            &hay,
            [Strategy::Table, Strategy::Vectors],
        ));
        // On a CPU without AVX2, the wide path is the 16-byte one again.
        same_on_both(m, &mut sc, &hay, [Strategy::Table, Strategy::Wide]);
    }
    assert!(checked > 3000, "the corpus finds secrets ({checked})");
}

#[test]
fn every_scan_notes_the_marks_of_the_text_passes() {
    // A quote and a `<` at every offset of one and two chunks, in the overlapping last
    // chunk, and after a literal anchor that splits the scan.
    let engine = crate::Engine::default();
    let cases = [
        (
            " ALTER ROLE app PASSWORD 'pw' now",
            "PASSWORD '[REDACTED:secret_kv]' now",
        ),
        (
            " <u>al</u><password>pw</password>",
            "<password>[REDACTED:secret_kv]</password>",
        ),
    ];
    for lead in ["", "see ghp_x and "] {
        for pad in 0..150 {
            for (tail, redacted) in cases {
                let text = format!("{lead}{}{tail}", "x".repeat(pad));
                let out = engine.redact_str(&text);
                assert!(out.ends_with(redacted), "{text:?} -> {out:?}");
            }
        }
    }
}

#[test]
fn email_gate_needs_a_dotted_domain() {
    let gate = |s: &str| email_domain_gate(s.as_bytes(), s.find('@').unwrap());
    assert!(gate("jane@example.com"));
    assert!(gate("a@b-1.c2.co.uk, next"));
    assert!(gate("x@xn--80ak6aa92e.com"));
    assert!(!gate("registry.example.com/app@sha256:9f86d081"));
    assert!(!gate("ssh bob@bastion then"));
    assert!(!gate("@Override"));
    assert!(!gate("v@1.2.3"), "no letter after a dot");
    assert!(!gate("end@host."));
}

#[test]
fn userinfo_gate_needs_an_at_inside_the_authority() {
    let gate = |s: &str| userinfo_gate(s.as_bytes(), s.find("://").map_or(0, |i| i + 3));
    assert!(gate("postgres://admin:s3cr3t@db.internal:5432/app"));
    assert!(gate("redis://:hunter2@cache:6379"));
    assert!(gate("amqp://u:p@ss@broker"));
    assert!(!gate("https://api.example.com/v1/users/a@b.io"));
    assert!(!gate("https://api.example.com?to=a@b.io"));
    assert!(!gate("see http://host then mail a@b.io"));
    assert!(!gate("https://example.com"));
}

fn m_scratch(m: &Matcher) -> Scratch {
    m.scratch()
}

#[test]
fn resolve_merges_overlaps_and_keeps_leftmost_longest() {
    let mut v = vec![
        Span {
            start: 5,
            end: 9,
            rule: 2,
        },
        Span {
            start: 0,
            end: 4,
            rule: 3,
        },
        Span {
            start: 0,
            end: 6,
            rule: 1,
        },
        Span {
            start: 20,
            end: 25,
            rule: 0,
        },
    ];
    resolve(&mut v);
    assert_eq!(
        v,
        vec![
            Span {
                start: 0,
                end: 9,
                rule: 1
            },
            Span {
                start: 20,
                end: 25,
                rule: 0
            }
        ]
    );
}

fn span_strategy() -> impl proptest::strategy::Strategy<Value = Span> {
    use proptest::prelude::*;
    (0usize..12, 1usize..6, 0u32..4).prop_map(|(start, len, rule)| Span {
        start,
        end: start + len,
        rule,
    })
}

proptest::proptest! {
    /// A span that `covered` lets the matcher skip leaves the resolved output as it is.
    #[test]
    fn skipping_a_covered_span_changes_nothing(
        accepted in proptest::collection::vec(span_strategy(), 0..5),
        new in span_strategy(),
    ) {
        let mut with = accepted.clone();
        with.push(new);
        resolve(&mut with);
        let mut without = accepted.clone();
        resolve(&mut without);
        if covered(&accepted, new.start, new.end, new.rule) {
            proptest::prop_assert_eq!(with, without);
        }
    }
}

/// The grouped keyword filter answers as a check of every set would.
#[test]
fn keyword_sets_agree_with_checking_every_set() {
    let sets: Vec<u64> = KV_KEYWORDS
        .iter()
        .chain(KV_GATE_EXTRA)
        .map(|k| pair_set(k.as_bytes()))
        .collect();
    let grouped = KeywordSets::new(sets.iter().copied());
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut hits = 0;
    for i in 0..200_000u64 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // Sparse and dense pair sets, and every keyword's own set plus noise.
        let pairs = match i % 3 {
            0 => x & (x >> 5) & (x >> 11),
            1 => x,
            _ => sets[(i as usize / 3) % sets.len()] | (x & (x >> 7)),
        };
        let want = sets.iter().any(|&need| need & !pairs == 0);
        assert_eq!(grouped.covered_by(pairs), want, "{pairs:#x}");
        hits += usize::from(want);
    }
    assert!(hits > 60_000, "{hits}");
    assert!(KeywordSets::new([0u64, 5].into_iter()).covered_by(0));
}

#[test]
fn key_extent_agrees_with_the_walk() {
    // Every end of every string of up to 5 bytes from an alphabet of key bytes of each
    // class and of bytes that end a key (one of them above ASCII), placed at the start of
    // a value and 9 or 28 bytes into one (a window that reaches back before the key, or
    // not).
    let alphabet = b"aZ9_.-= \xe9";
    let mut compared = 0;
    for len in 0..=5u32 {
        for code in 0..alphabet.len().pow(len) {
            let mut tail = Vec::new();
            let mut c = code;
            for _ in 0..len {
                tail.push(alphabet[c % alphabet.len()]);
                c /= alphabet.len();
            }
            for prefix in [
                &b""[..],
                b"key_9.Ab-",
                b"123456789",
                b"key_9.Ab-key_9.Ab-key_9.Ab-x",
            ] {
                let hay = [prefix, &tail, b"=0123456789abcdef"].concat();
                for end in 0..=prefix.len() + tail.len() {
                    let walked = key_walk(&hay, end);
                    if let Some((start, letters)) = key_extent(&hay, end) {
                        assert_eq!(start, walked.0, "{hay:?} {end}");
                        assert_eq!(letters.count_ones() as usize, walked.1, "{hay:?} {end}");
                        for k in 0..5 {
                            assert_eq!(at_least(letters, k), walked.1 >= k);
                        }
                        compared += 1;
                    }
                }
            }
        }
    }
    assert!(compared > 500_000, "{compared}");
    // A key longer than the windows is left to the walk.
    let long = b"x a_very_long_key_name_of_thirty_five=1";
    assert_eq!(key_extent(long, 37), None);
    assert_eq!(key_walk(long, 37), (2, 28));
    let fits = b"x a_key_name_of_thirty_bytes_long=1";
    assert_eq!(
        key_extent(fits, 33).map(|(q, l)| (q, l.count_ones())),
        Some((2, 25))
    );
}

#[test]
fn left_checks_ask_once_per_pattern() {
    let mut lefts = LeftChecks::default();
    let mut asked = 0;
    for _ in 0..3 {
        assert!(lefts.get(3, || {
            asked += 1;
            true
        }));
        assert!(!lefts.get(5, || {
            asked += 1;
            false
        }));
        // Past the first 64 patterns, every time.
        assert!(lefts.get(70, || {
            asked += 1;
            true
        }));
    }
    assert_eq!(asked, 2 + 3);
}

#[test]
fn key_start_skips_quotes_and_blanks() {
    let hay = br#"{"password" : "x"}"#;
    let colon = hay.iter().position(|&b| b == b':').unwrap();
    assert_eq!(key_start(hay, colon), Some(2));
    assert_eq!(key_start(b"::", 0), None);
}

#[test]
fn key_cache_never_answers_for_another_key() {
    // Every key of 1 to MAX_KEY bytes against every key that differs from it in one byte
    // or in its length: the second must get its own verdict.
    for n in 1..=KeyCache::MAX_KEY {
        let mut cache = KeyCache::new();
        let key: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
        for i in 0..n {
            let mut other = key.clone();
            other[i] = b'_';
            assert!(cache.get_or(&key, |_| true), "{n}");
            assert!(!cache.get_or(&other, |_| false), "{n} {i}");
        }
        for other in [&key[..n - 1], &key[1..]] {
            assert!(cache.get_or(&key, |_| true), "{n}");
            assert!(other.is_empty() || !cache.get_or(other, |_| false), "{n}");
        }
        // A repeated key is answered from its slot.
        assert!(cache.get_or(&key, |_| true));
        assert!(cache.get_or(&key, |_| unreachable!("cached")));
    }
}

/// `right_may_hold` is a necessary condition of `right_ok` for every boundary a rule can
/// have: a match state's filter never refuses an end the boundary would allow.
#[test]
fn right_may_hold_never_refuses_an_end_right_ok_allows() {
    use crate::rules::builtin::Boundary;
    use crate::text::bytes::{ByteSet, WORD};
    let boundaries = [
        Boundary::None,
        Boundary::UserFlag,
        Boundary::Not(WORD),
        Boundary::Not(ByteSet::from_spec(" &,;")),
        Boundary::ValueEnd(ByteSet::from_spec("A-Za-z0-9_")),
        Boundary::Num,
        Boundary::Address,
        Boundary::Phone,
        Boundary::EmailLocal,
        Boundary::Ipv6,
    ];
    let mut refused = 0;
    for b in &boundaries {
        let (set, after_quote) = right_may_hold(b);
        for prev in [b'"', b'\'', b'a', b'7', b' ', b'-'] {
            for next in 0..=255u8 {
                for after in [b'0', b'a', b'.', b' '] {
                    let hay = [b'x', prev, next, after];
                    let may = set.contains(next) || (after_quote && matches!(prev, b'"' | b'\''));
                    assert!(may || !right_ok(b, &hay, 2), "{b:?} {hay:?}");
                    refused += usize::from(!may);
                }
            }
        }
    }
    assert!(refused > 0, "the filter refuses something");
}

//! A generated corpus of span records: every kind of secret the default policy names, placed
//! in each place telemetry carries one (attributes, URLs, SQL, headers, exception messages,
//! stack traces, nested values, log lines, JSON inside a string), must not survive
//! `redact_json`; benign telemetry (ids, digests, epochs, Luhn-invalid numbers, versions,
//! timestamps) in the same places must survive whole. Values are random but seeded, so a
//! failure names a record that reproduces.

use scrubjay::Engine;
use serde_json::{json, Value};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.below(alphabet.len() as u64) as usize]))
            .collect()
    }

    fn alnum(&mut self, n: usize) -> String {
        self.pick(
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            n,
        )
    }

    fn digits(&mut self, n: usize) -> String {
        self.pick(b"0123456789", n)
    }

    fn hex(&mut self, n: usize) -> String {
        self.pick(b"0123456789abcdef", n)
    }
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match i % 2 {
                1 if d * 2 > 9 => d * 2 - 9,
                1 => d * 2,
                _ => d,
            }
        })
        .sum();
    sum % 10 == 0
}

/// A card number of `len` digits after `prefix`, completed with its Luhn check digit.
fn card(r: &mut Rng, prefix: &str, len: usize) -> String {
    let body = format!("{prefix}{}", r.digits(len - prefix.len() - 1));
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|n| luhn_ok(n))
        .expect("one check digit fits")
}

/// One secret of each kind the default policy names.
fn secrets(r: &mut Rng) -> Vec<(&'static str, String)> {
    let visa = card(r, "4", 16);
    let issuer = ["4", "51", "6011"][r.below(3) as usize];
    // Fields drawn from their valid ranges: SSN area/group/serial, NANP area/exchange/line,
    // a public IPv4 address.
    let mut draw = |ranges: &[(u64, u64)]| -> Vec<u64> {
        ranges.iter().map(|&(lo, n)| lo + r.below(n)).collect()
    };
    let ssn = draw(&[(100, 500), (10, 89), (1000, 8999)]);
    let phone = draw(&[(200, 700), (200, 700), (1000, 8999)]);
    let ip = draw(&[(11, 200), (0, 256), (0, 256), (1, 250)]);
    vec![
        (
            "email",
            format!(
                "{}.{}@corp-mail.io",
                r.alnum(6).to_lowercase(),
                r.alnum(4).to_lowercase()
            ),
        ),
        ("card", card(r, issuer, 16)),
        ("amex", card(r, "37", 15)),
        (
            "card_grouped",
            format!(
                "{} {} {} {}",
                &visa[..4],
                &visa[4..8],
                &visa[8..12],
                &visa[12..]
            ),
        ),
        ("ssn", format!("{}-{}-{}", ssn[0], ssn[1], ssn[2])),
        (
            "phone",
            format!("+1 ({}) {}-{}", phone[0], phone[1], phone[2]),
        ),
        ("ipv4", format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])),
        ("ipv6", format!("2001:db8:{}::{}", r.hex(4), r.hex(4))),
        ("iban", "DE89370400440532013000".to_string()),
        (
            "jwt",
            format!(
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ{}.{}",
                r.alnum(30),
                r.alnum(43)
            ),
        ),
        (
            "aws_key_id",
            format!("AKIA{}", r.pick(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
        ),
        ("github", format!("ghp_{}", r.alnum(36))),
        ("gitlab", format!("glpat-{}", r.alnum(20))),
        ("slack", format!("xoxb-{}-{}", r.digits(12), r.alnum(24))),
        ("stripe", format!("sk_live_{}", r.alnum(24))),
        ("openai", format!("sk-proj-{}", r.alnum(48))),
        ("anthropic", format!("sk-ant-api03-{}", r.alnum(40))),
        ("google", format!("AIza{}", r.alnum(35))),
        ("npm", format!("npm_{}", r.alnum(36))),
        ("sendgrid", format!("SG.{}.{}", r.alnum(22), r.alnum(43))),
        ("huggingface", format!("hf_{}", r.alnum(34))),
    ]
}

/// Benign telemetry that must survive.
fn benign(r: &mut Rng) -> Vec<(&'static str, String)> {
    let luhn_bad = loop {
        let n = format!("4{}", r.digits(15));
        if !luhn_ok(&n) {
            break n;
        }
    };
    vec![
        ("trace_id", r.hex(32)),
        ("span_id", r.hex(16)),
        (
            "uuid",
            format!(
                "{}-{}-4{}-a{}-{}",
                r.hex(8),
                r.hex(4),
                r.hex(3),
                r.hex(3),
                r.hex(12)
            ),
        ),
        ("git_sha", r.hex(40)),
        ("digest", format!("sha256:{}", r.hex(64))),
        (
            "epoch_ms",
            (1_600_000_000_000 + r.below(200_000_000_000)).to_string(),
        ),
        (
            "epoch_ns",
            (1_600_000_000_000_000_000 + r.below(200_000_000_000_000_000)).to_string(),
        ),
        ("luhn_invalid", luhn_bad),
        (
            "version",
            format!("{}.{}.{}", r.below(20), r.below(40), r.below(100)),
        ),
        (
            "timestamp",
            format!(
                "2024-06-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                1 + r.below(28),
                r.below(24),
                r.below(60),
                r.below(60),
                r.below(1000)
            ),
        ),
        ("duration", format!("{}ms", r.below(5000))),
        ("price", format!("${}.{:02}", r.below(1000), r.below(100))),
    ]
}

/// The places a value is written in a span record.
fn places(v: &str) -> Vec<(&'static str, Value)> {
    vec![
        (
            "attribute",
            json!({"attributes": {"app.note": format!("value {v}")}}),
        ),
        (
            "url",
            json!({"attributes": {"url.full": format!("https://api.example.com/v1/items?q={v}&page=2")}}),
        ),
        (
            "http.url path",
            json!({"attributes": {"http.url": format!("https://api.example.com/users/{v}/profile")}}),
        ),
        (
            "header",
            json!({"attributes": {"http.request.header.x-forwarded-for": [v]}}),
        ),
        (
            "exception",
            json!({"attributes": {"exception.message": format!("ValueError: invalid input '{v}' for field")}}),
        ),
        (
            "stack trace",
            json!({"attributes": {"exception.stacktrace": format!("Traceback (most recent call last):\n  File \"app.py\", line 3\n    charge('{v}')\nRuntimeError: declined")}}),
        ),
        (
            "nested",
            json!({"attributes": {"app": {"request": {"payload": [{"v": v}]}}}}),
        ),
        (
            "log line",
            json!({"body": format!("2024-06-01T12:00:00Z INFO action ref={v} trace_id=4bf92f3577b34da6a3ce929d0e0e4736")}),
        ),
        (
            "json in a string",
            json!({"body": json!({"level": "info", "data": v}).to_string()}),
        ),
        (
            "sql in a log",
            json!({"body": format!("Executing: INSERT INTO audit (id, data) VALUES (1, '{v}')")}),
        ),
    ]
}

#[test]
fn generated_secrets_never_survive() {
    let engine = Engine::default();
    let mut r = Rng(0x5EED_1234_ABCD_0001);
    let mut checked = 0;
    for _ in 0..16 {
        for (kind, secret) in secrets(&mut r) {
            for (place, record) in places(&secret) {
                let mut out = record.clone();
                engine.redact_json(&mut out);
                let text = out.to_string();
                assert!(
                    !text.contains(&secret),
                    "{kind} survived in the {place}: {record} -> {out}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 3000, "{checked}");
}

#[test]
fn generated_benign_telemetry_survives() {
    let engine = Engine::default();
    let mut r = Rng(0xBE_9157_0000_0002);
    for _ in 0..16 {
        for (kind, value) in benign(&mut r) {
            for (place, record) in places(&value) {
                let mut out = record.clone();
                engine.redact_json(&mut out);
                assert_eq!(out, record, "{kind} was changed in the {place}");
            }
        }
    }
}

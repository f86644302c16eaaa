//! Corpora and the naive baseline shared by the benches.
//!
//! The baseline is the strategy most tracers use today: every rule is its own regex, and each
//! string is searched once per rule, with a new string allocated for every rule that matched
//! (what a `re.sub` loop, Go `regexp.ReplaceAllString` per rule, or the OpenTelemetry
//! Collector's redaction processor does).

use regex::Regex;
use serde_json::{json, Value};

/// One naive rule: a regex, a label and an optional check.
pub struct NaiveRule {
    re: Regex,
    label: String,
    check: Option<fn(&str) -> bool>,
}

/// The same content rules as scrubjay's builtins, one regex each.
pub struct Naive {
    rules: Vec<NaiveRule>,
}

/// An optional check a naive rule runs on its match.
type Check = Option<fn(&str) -> bool>;

fn luhn(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn octets(s: &str) -> bool {
    s.split('.')
        .all(|o| o.parse::<u32>().is_ok_and(|v| v <= 255))
}

impl Default for Naive {
    fn default() -> Naive {
        let specs: &[(&str, &str, Check)] = &[
            // Before the key id alone, which would leave the secret after it.
            (
                "aws_secret_after_key_id",
                r#"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}[ \t:/,;|"'=]{1,4}[A-Za-z0-9/+]{40}\b"#,
                None,
            ),
            (
                "aws_access_key_id",
                r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b",
                None,
            ),
            (
                "github_token",
                r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
                None,
            ),
            ("gitlab_token", r"\bglpat-[A-Za-z0-9_-]{20,}", None),
            ("slack_token", r"\bxox[abposre]-[A-Za-z0-9-]{10,}", None),
            (
                "slack_webhook",
                r"hooks\.slack\.com/services/[A-Za-z0-9_/]{20,}",
                None,
            ),
            (
                "stripe_key",
                r"\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})\b",
                None,
            ),
            ("anthropic_key", r"\bsk-ant-[A-Za-z0-9_-]{20,}", None),
            ("openai_key", r"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}", None),
            ("google_api_key", r"\bAIza[0-9A-Za-z_-]{35}\b", None),
            ("npm_token", r"\bnpm_[A-Za-z0-9]{36}\b", None),
            (
                "sendgrid_key",
                r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b",
                None,
            ),
            ("huggingface_token", r"\bhf_[A-Za-z0-9]{30,40}\b", None),
            (
                "pypi_token",
                r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}",
                None,
            ),
            (
                "shopify_token",
                r"\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b",
                None,
            ),
            ("digitalocean_token", r"\bdo[opr]_v1_[a-f0-9]{64}\b", None),
            ("databricks_token", r"\bdapi[a-f0-9]{32}\b", None),
            (
                "square_token",
                r"\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,60}",
                None,
            ),
            (
                "azure_storage_key",
                r"(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{40,}={0,2}",
                None,
            ),
            (
                "jwt",
                r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*",
                None,
            ),
            (
                "private_key",
                r"-----BEGIN[ A-Z0-9]*PRIVATE KEY-----[\s\S]*?-----END[ A-Z0-9]*PRIVATE KEY-----",
                None,
            ),
            (
                "bearer_token",
                r"\b[Bb]earer\s+[A-Za-z0-9._~+/-]{8,}=*",
                None,
            ),
            ("basic_auth", r"\b[Bb]asic\s+[A-Za-z0-9+/]{8,}={0,2}", None),
            (
                "url_credentials",
                r"[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:]+:[^\s/?#]*@",
                None,
            ),
            (
                "url_token",
                r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9]{20,}@",
                None,
            ),
            (
                "aws_secret_access_key",
                r"(?i)aws_?secret_?(?:access_?)?key\s*[:=]\s*[A-Za-z0-9/+]{40}",
                None,
            ),
            ("authorization", r"(?i)authorization\s*[:=]\s*\S+", None),
            (
                "cli_credentials",
                r#"\bcurl\b[^\n]*\s(?:-u|--user)[ =]?['"]?[A-Za-z0-9_.-]+:[^\s"']+"#,
                None,
            ),
            (
                "secret_kv",
                r"(?i)\b[\w.-]*(?:password|passwd|pwd|secret|token|api_?key)[\w.-]*\s*[:=]\s*[^\s&,;]+",
                None,
            ),
            (
                "email",
                r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b",
                None,
            ),
            ("credit_card", r"\b\d(?:[ -]?\d){12,18}\b", Some(luhn)),
            ("us_ssn", r"\b\d{3}-\d{2}-\d{4}\b", None),
            ("iban", r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", None),
            (
                "phone",
                r"(?:\+\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b",
                None,
            ),
            (
                "ipv6",
                r"\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?",
                None,
            ),
            ("ipv4", r"\b(?:\d{1,3}\.){3}\d{1,3}\b", Some(octets)),
        ];
        let rules = specs
            .iter()
            .map(|(id, re, check)| NaiveRule {
                re: Regex::new(re).expect("baseline regex compiles"),
                label: format!("[REDACTED:{id}]"),
                check: *check,
            })
            .collect();
        Naive { rules }
    }
}

impl Naive {
    /// Applies every rule in turn, one full pass each.
    pub fn redact(&self, text: &str) -> String {
        let mut s = text.to_string();
        for r in &self.rules {
            if !r.re.is_match(&s) {
                continue;
            }
            s =
                r.re.replace_all(&s, |c: &regex::Captures<'_>| {
                    let m = &c[0];
                    match r.check {
                        Some(f) if !f(m) => m.to_string(),
                        _ => r.label.clone(),
                    }
                })
                .into_owned();
        }
        s
    }

    /// Redacts every string in a JSON value.
    pub fn redact_json(&self, v: &mut Value) {
        match v {
            Value::String(s) => *s = self.redact(s),
            Value::Array(a) => a.iter_mut().for_each(|x| self.redact_json(x)),
            Value::Object(m) => m.values_mut().for_each(|x| self.redact_json(x)),
            _ => {}
        }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A small deterministic generator, so corpora are the same in every run and language.
pub struct Rng(u64);

impl Rng {
    /// A generator with a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// `n` lower-case hex digits.
    pub fn hex(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b"0123456789abcdef"[self.below(16)]))
            .collect()
    }
    /// A version-4 UUID.
    pub fn uuid(&mut self) -> String {
        let (a, b, c, d, e) = (
            self.hex(8),
            self.hex(4),
            self.hex(3),
            self.hex(3),
            self.hex(12),
        );
        format!("{a}-{b}-4{c}-a{d}-{e}")
    }
    /// Picks one.
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Realistic clean telemetry lines (logs, URLs, SQL, ids, timings), about `bytes` long.
pub fn clean_text(bytes: usize) -> String {
    let mut r = Rng::new(7);
    let mut out = String::with_capacity(bytes + 256);
    let routes = [
        "/api/v2/orders",
        "/api/v1/users",
        "/healthz",
        "/checkout/cart",
        "/search",
        "/static/app.js",
    ];
    let methods = ["GET", "POST", "PUT", "DELETE"];
    while out.len() < bytes {
        let line = match r.below(6) {
            0 => format!(
                "{} {}/{}?page={}&limit=50 {} in {}ms trace_id={} span_id={}\n",
                r.pick(&methods),
                r.pick(&routes),
                r.below(100000),
                r.below(20),
                [200, 201, 204, 404, 500][r.below(5)],
                r.below(2000),
                r.hex(32),
                r.hex(16)
            ),
            1 => format!(
                "2024-01-{:02}T{:02}:{:02}:{:02}.{:03}Z INFO worker-{} processed batch {} of {} items (version 1.{}.{}, commit {})\n",
                1 + r.below(28),
                r.below(24),
                r.below(60),
                r.below(60),
                r.below(1000),
                r.below(16),
                r.below(100000),
                r.below(500),
                r.below(20),
                r.below(40),
                r.hex(40)
            ),
            2 => format!(
                "SELECT o.id, o.total, o.status FROM orders o JOIN users u ON u.id = o.user_id WHERE o.created_at > ? AND o.status IN (?, ?) LIMIT {}\n",
                r.below(500)
            ),
            3 => format!(
                "request {}-{}-4{}-a{}-{} completed: duration={}.{}s bytes={} cache=hit region=eu-west-1 pod=api-{}-x7q2\n",
                r.hex(8),
                r.hex(4),
                r.hex(3),
                r.hex(3),
                r.hex(12),
                r.below(10),
                r.below(1000),
                r.below(1 << 20),
                r.hex(9)
            ),
            4 => format!(
                "gen_ai.usage.input_tokens={} gen_ai.usage.output_tokens={} model=gpt-4o temperature=0.{} ts={}\n",
                r.below(4000),
                r.below(1000),
                r.below(10),
                1_700_000_000_000u64 + r.below(1_000_000_000) as u64
            ),
            _ => format!(
                "image registry.example.com/app@sha256:{} pulled in {}.{}s on node-{} (kernel 5.15.0-{}-generic)\n",
                r.hex(64),
                r.below(30),
                r.below(100),
                r.below(64),
                r.below(200)
            ),
        };
        out.push_str(&line);
    }
    out
}

/// Telemetry lines in which most lines carry PII or a secret.
pub fn dense_text(bytes: usize) -> String {
    let mut r = Rng::new(11);
    let mut out = String::with_capacity(bytes + 256);
    let secrets = [
        "user john.doe@company.com not found",
        "card 4111 1111 1111 1111 declined",
        "Authorization: Bearer abc123def456ghi789jkl",
        "postgres://admin:s3cr3t@db.internal:5432/app",
        "client 203.0.113.42 via 2001:db8::8a2e:370:7334",
        "ssn 123-45-6789 phone (415) 555-2671",
        "api_key=sk_live_4eC39HqLyjWDarjtT1zdp7dc&page=2",
        "token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "password=hunter2 ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "IBAN DE89 3704 0044 0532 0130 00 AKIAIOSFODNN7EXAMPLE",
    ];
    while out.len() < bytes {
        out.push_str(&format!(
            "2024-01-15T10:{:02}:{:02}Z ERROR trace_id={} {} (attempt {})\n",
            r.below(60),
            r.below(60),
            r.hex(32),
            r.pick(&secrets),
            r.below(5)
        ));
    }
    out
}

/// A batch of realistic 20-attribute spans: mostly clean, some with PII in URLs, SQL, headers,
/// exception messages and custom attributes.
pub fn spans(n: usize) -> Vec<Value> {
    let mut r = Rng::new(3);
    (0..n)
        .map(|i| {
            let dirty = i % 4 == 0;
            let method = ["GET", "POST"][r.below(2)];
            let status = [200, 201, 404, 500][r.below(4)];
            json!({
                "http.request.method": method,
                "url.full": if dirty { format!("https://api.example.com/v1/users/{}?email=jane%40example.org&page=2", r.below(10000)) } else { format!("https://api.example.com/v1/orders/{}?page=2", r.below(10000)) },
                "http.route": "/v1/orders/{id}",
                "http.response.status_code": status,
                "server.address": "api.example.com",
                "server.port": 443,
                "network.peer.address": if dirty { "203.0.113.42".to_string() } else { "api-gateway".to_string() },
                "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
                "db.system": "postgresql",
                "db.query.text": if dirty { "SELECT * FROM users WHERE email = 'bob@example.com'".to_string() } else { "SELECT id, total FROM orders WHERE id = $1".to_string() },
                "http.request.header.authorization": "Bearer abc123def456ghi789",
                "exception.type": "PaymentError",
                "exception.message": if dirty { "card 4111 1111 1111 1111 declined for john.doe@company.com".to_string() } else { format!("upstream timeout after {}ms", r.below(5000)) },
                "trace_id": r.hex(32),
                "span_id": r.hex(16),
                "service.name": "checkout",
                "service.version": "2.4.1",
                "deployment.environment": "prod",
                "app.cart.items": r.below(12),
                "app.request_id": format!("{}-{}-{}", r.hex(8), r.hex(4), r.hex(12)),
            })
        })
        .collect()
}

/// [`spans`] with every string value made unique (its span's number after it): nothing
/// repeats from span to span, so the engine's memo of clean values never answers and only
/// costs its lookups (the worst case for it).
pub fn unique_spans(n: usize) -> Vec<Value> {
    let mut batch = spans(n);
    for (i, span) in batch.iter_mut().enumerate() {
        if let Value::Object(map) = span {
            for value in map.values_mut() {
                if let Value::String(s) = value {
                    s.push_str(&format!(" #{i}"));
                }
            }
        }
    }
    batch
}

/// One short value per rule family and per common finding shape (key=value pairs, bearer
/// credentials, JWTs, cards, SSNs, vendor tokens), each holding exactly what one rule finds:
/// the cost of a finding on top of a clean value's. Names are `family_shape`.
pub const SHORT_FINDINGS: &[(&str, &str)] = &[
    ("pii_email", "john.doe@example.com"),
    ("pii_ssn", "ssn 123-45-6789"),
    ("pii_phone", "call me at (415) 555-2671"),
    ("pii_iban", "wire to GB82WEST12345698765432 today"),
    ("payments_card", "card 4111 1111 1111 1111"),
    ("payments_stripe", "charge with sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
    ("credentials_kv_short", "token=abc"),
    ("credentials_kv_ssn", "ssn=123-45-6789"),
    ("credentials_kv_key", "api_key=Zx81hQm2LwP0vBn7TgR4Yc5Ke3Ja6Ud9"),
    ("credentials_bearer", "Authorization: Bearer 8f3a9c1e7b2d4f6a0c5e9b1d3f7a2c4e"),
    ("credentials_url", "postgres://admin:s3cr3t@db.internal:5432/app"),
    (
        "keys_jwt",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbGljZSJ9.3nT8Zk2Vq9LmZx4Tn8WbY3cR",
    ),
    (
        "keys_bearer_jwt",
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJBbGljZSJ9.3nT8Zk2Vq9LmZx4Tn8WbY3cR",
    ),
    ("ci_vcs_github", "push with ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
    ("cloud_aws", "key ASIAY7KQ2M4RZ5W3N6PD expired"),
    ("ai_openai", "key sk-proj-Tq7Lm2Vx9Zn4Rb8Kc3Wd5Yp1Hf6Gj0sAe2Qw7rT9uIo4Pz"),
    ("chat_slack", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
    ("observability_newrelic", "query failed for NRAK-9TJ0Z8NIUQ5BFSHK8DJCYAQ6Z83"),
    ("registries_npm", "_authToken=npm_Kq7Lm2Vx9Zn4Rb8Kc3Wd5Yp1Hf6Gj0sAe2Qw"),
    ("saas_sendgrid", "using 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"),
];

/// Attribute values as spans carry them, 10 to 120 bytes, none repeated: ids, epochs,
/// timestamps, digests, routes, versions, durations, user agents, names. With `dense`, each
/// value also holds one finding (an e-mail, a card, a token, a key=value pair, an address).
/// `n` values.
pub fn short_values(n: usize, dense: bool) -> Vec<String> {
    let mut r = Rng::new(if dense { 29 } else { 23 });
    (0..n)
        .map(|i| match dense {
            true => dense_short_value(&mut r, i),
            false => clean_short_value(&mut r, i),
        })
        .collect()
}

fn clean_short_value(r: &mut Rng, i: usize) -> String {
    match r.below(10) {
        0 => r.hex(32),
        1 => r.uuid(),
        2 => format!(
            "2026-11-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            1 + r.below(28),
            r.below(24),
            r.below(60),
            r.below(60),
            r.below(1_000_000)
        ),
        3 => format!("{}", 1_761_666_000_000u64 + r.below(1_000_000) as u64),
        4 => format!(
            "GET /api/v1/orders/ORD-{} completed in {}ms with status 200",
            r.below(100_000),
            r.below(2000)
        ),
        5 => format!("sha256:{}", r.hex(64)),
        6 => format!(
            "cache miss for key product:summary:v{} after {}",
            r.below(9),
            r.below(1 << 30)
        ),
        7 => format!(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/{}.0.{}.{}",
            100 + r.below(30),
            r.below(7000),
            r.below(200)
        ),
        8 => format!("worker-{}.checkout.svc.cluster.local", i),
        _ => format!(
            "v{}.{}.{}-build.{}",
            r.below(5),
            r.below(30),
            r.below(99),
            i
        ),
    }
}

fn dense_short_value(r: &mut Rng, i: usize) -> String {
    match r.below(8) {
        0 => format!("user{i}@example.com not found"),
        1 => "card 4111 1111 1111 1111 declined".to_string(),
        2 => format!("password=hunter{i}"),
        3 => format!("client 203.0.{}.{} refused", r.below(256), r.below(256)),
        4 => format!("Authorization: Bearer {}", r.hex(32)),
        5 => format!(
            "ssn {:03}-{:02}-{:04}",
            100 + r.below(600),
            10 + r.below(89),
            1000 + r.below(9000)
        ),
        6 => format!("call (415) 555-{:04} back", 1000 + r.below(9000)),
        _ => format!("token=tok_{}&page=2", r.hex(16)),
    }
}

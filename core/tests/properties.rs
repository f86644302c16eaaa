//! Properties over generated inputs: no panic, idempotence, nothing redactable left behind,
//! reports agree with scans, allowlisted values are untouched.

use proptest::prelude::*;
use scrubjay::{Engine, Policy};

/// Fragments that mix secrets, near-misses and telemetry, glued with random separators.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("john.doe@company.com".to_string()),
        Just("4111 1111 1111 1111".to_string()),
        Just("4111111111111112".to_string()),
        Just("123-45-6789".to_string()),
        Just("+1 415 555 2671".to_string()),
        Just("203.0.113.42".to_string()),
        Just("2001:db8::1".to_string()),
        Just("DE89 3704 0044 0532 0130 00".to_string()),
        Just("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl".to_string()),
        Just("Bearer abc123def456".to_string()),
        Just("password=hunter2".to_string()),
        Just("AKIAIOSFODNN7EXAMPLE".to_string()),
        Just("ghp_16C7e42F292c6912E7710c838347Ae178B4a".to_string()),
        Just("postgres://u:p@h/db".to_string()),
        Just("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----".to_string()),
        Just("4bf92f3577b34da6a3ce929d0e0e4736".to_string()),
        Just("1700000000000".to_string()),
        Just("2024-01-15T10:30:00Z".to_string()),
        Just("v1.2.3".to_string()),
        "[a-zA-Z0-9@:=._%+/-]{0,24}",
        "[0-9 .()+-]{0,24}",
        "\\PC{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            fragment(),
            prop_oneof![
                Just(" "),
                Just(""),
                Just("="),
                Just(":"),
                Just("\n"),
                Just("@"),
                Just("\"")
            ],
        ),
        0..8,
    )
    .prop_map(|parts| parts.into_iter().map(|(f, s)| f + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn redaction_is_idempotent_and_leaves_nothing(input in text()) {
        let engine = Engine::default();
        let once = engine.redact_str(&input).into_owned();
        let twice = engine.redact_str(&once).into_owned();
        prop_assert_eq!(&once, &twice, "not idempotent for {:?}", input);
        prop_assert!(engine.scan_str(&once).is_empty(), "output {:?} of {:?} still has findings", once, input);
    }

    #[test]
    fn reports_count_what_scan_finds(input in text()) {
        let engine = Engine::default();
        let mut report = engine.new_report();
        engine.redact_str_with_report(&input, &mut report);
        prop_assert_eq!(report.total() as usize, engine.scan_str(&input).len());
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_stay_scanned(bytes in prop::collection::vec(any::<u8>(), 0..512), secret in fragment()) {
        let engine = Engine::default();
        let mut data = bytes.clone();
        data.extend_from_slice(b" ");
        data.extend_from_slice(secret.as_bytes());
        let out = engine.redact_bytes(&data);
        // Whatever the bytes before it, a secret the text scan finds is gone from the output.
        for f in engine.scan_str(&secret) {
            let found = &secret.as_bytes()[f.start..f.end];
            prop_assert!(!out.windows(found.len()).any(|w| w == found), "{:?} survived in {:?}", found, out);
        }
    }

    #[test]
    fn allowlisted_values_are_untouched(input in text()) {
        let policy = Policy { allow: scrubjay::Allow { values: vec![input.clone()], ..Default::default() }, ..Policy::default() };
        let engine = Engine::new(&policy).unwrap();
        prop_assert_eq!(engine.redact_str(&input), input.as_str());
    }

    #[test]
    fn nested_json_never_panics(depth in 0usize..200, leaf in text()) {
        let engine = Engine::default();
        let mut v = serde_json::json!(leaf);
        for i in 0..depth {
            v = if i % 2 == 0 { serde_json::json!({"k": v}) } else { serde_json::json!([v]) };
        }
        engine.redact_json(&mut v);
        let out = serde_json::to_string(&v).unwrap();
        // max_depth 64: 64 nested containers are fine, the 65th is failed closed.
        prop_assert_eq!(depth > 64, out.contains("[REDACTED:too_deep]"), "depth {}", depth);
    }
}

#[test]
fn hostile_inputs_stay_linear_or_fail_closed() {
    let engine = Engine::new(&Policy {
        limits: scrubjay::Limits {
            max_value_bytes: 8 << 20,
            ..Default::default()
        },
        ..Policy::default()
    })
    .unwrap();
    for unit in [
        "a@",
        "eyJ",
        "1",
        "1 ",
        "::",
        "password=",
        "-----BEGIN PRIVATE KEY-----",
        "a.",
        "%40",
        // A secret every few bytes: tens of thousands of spans (each candidate once looked
        // through all the spans before it).
        "x@y.io 4111 1111 1111 1111 ",
    ] {
        let hostile = unit.repeat((2 << 20) / unit.len());
        let out = engine.redact_str(&hostile);
        // Either scanned to the end or replaced whole; never passed through with a secret.
        assert!(
            out.len() <= hostile.len() + 64 || out.contains("REDACTED"),
            "{unit}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn sql_normalisation_never_panics(sql in "\\PC{0,200}") {
        let out = scrubjay::normalize_sql(&sql);
        prop_assert!(out.len() <= sql.len() + 1);
    }

    #[test]
    fn no_quoted_literal_survives(secret in "[A-Za-z0-9 @._-]{4,40}", quote in prop_oneof![Just("'"), Just("$$"), Just("E'"), Just("N'")]) {
        let close = if quote == "$$" { "$$" } else { "'" };
        let sql = format!("SELECT id FROM users WHERE name = {quote}{secret}{close} AND id IN (1, 2)");
        let out = scrubjay::normalize_sql(&sql);
        prop_assert_eq!(out, "SELECT id FROM users WHERE name = ? AND id IN (?)");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn url_sanitizer_never_panics_and_hides_credentials(
        junk in "\\PC{0,120}",
        user in "[a-z]{1,8}",
        pass in "[A-Za-z0-9]{6,16}",
        token in "[A-Za-z0-9]{6,20}",
    ) {
        let engine = Engine::default();
        let _ = engine.sanitize_url(&junk);
        let url = format!("https://{user}:{pass}@example.com/p?token={token}&page=2#{junk}");
        let out = engine.sanitize_url(&url);
        prop_assert!(!out.contains(&pass) && !out.contains(&token), "{}", out);
        prop_assert!(out.starts_with("https://REDACTED:REDACTED@example.com/p?token=REDACTED&page=2"), "{}", out);
    }

    #[test]
    fn header_sanitizer_never_panics(name in "[A-Za-z-]{1,20}", value in "\\PC{0,120}") {
        let engine = Engine::default();
        let out = engine.sanitize_header(&name, &value);
        if name.eq_ignore_ascii_case("authorization") {
            prop_assert!(out.ends_with("[REDACTED]"), "{}", out);
        }
    }

    #[test]
    fn traceparent_validation_never_panics(header in "\\PC{0,80}", tail in "[0-9a-f-]{0,60}") {
        let _ = scrubjay::validate_traceparent(&header);
        let _ = scrubjay::validate_traceparent(&format!("00-{tail}"));
    }

    #[test]
    fn baggage_never_exceeds_its_limits(members in prop::collection::vec(("[a-z.]{1,80}", "[A-Za-z0-9%]{0,300}"), 0..40)) {
        let header: Vec<String> = members.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let header = header.join(",");
        let policy = scrubjay::BaggagePolicy::default();
        let out = scrubjay::sanitize_baggage(&header, &policy);
        prop_assert!(out.header.len() <= policy.max_header_bytes);
        let kept: Vec<&str> = out.header.split(',').filter(|m| !m.is_empty()).collect();
        prop_assert!(kept.len() <= policy.max_items);
        prop_assert_eq!(kept.len() + out.violations.len(), members.len());
        for m in kept {
            let (k, v) = m.split_once('=').unwrap();
            prop_assert!(k.len() <= 64 && v.len() <= 256 && !k.starts_with("user.") && !k.starts_with("auth."));
        }
    }
}

/// A family of policies: a random subset of the builtin rules, each with a random action.
fn policy_family() -> impl Strategy<Value = serde_json::Value> {
    let ids: Vec<&'static str> = scrubjay::builtin_rules().map(|r| r.id).collect();
    let n = ids.len();
    (
        prop::collection::vec(any::<bool>(), n),
        prop::collection::vec(0u8..4, n),
    )
        .prop_map(move |(on, actions)| {
            let content: Vec<serde_json::Value> = ids
                .iter()
                .zip(on.iter().zip(&actions))
                .filter(|(_, (on, _))| **on)
                .map(|(id, (_, a))| {
                    let action = match a {
                        0 => serde_json::json!("mask"),
                        1 => serde_json::json!("hash"),
                        2 => serde_json::json!({"replace": "<gone>"}),
                        _ => serde_json::json!({"partial": {"keep_end": 2}}),
                    };
                    serde_json::json!({"builtin": id, "action": action})
                })
                .collect();
            serde_json::json!({"version": 1, "builtins": "none", "content": content,
                               "hash": {"key": "property-test-key"}})
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// For every policy of the family: no panic, redaction is idempotent, and the report
    /// counts what a scan finds.
    #[test]
    fn every_policy_of_the_family_is_idempotent(policy in policy_family(), input in text()) {
        let engine = Engine::new(&Policy::from_value(policy.clone()).unwrap()).unwrap();
        let mut report = engine.new_report();
        let once = engine.redact_str_with_report(&input, &mut report).into_owned();
        let twice = engine.redact_str(&once).into_owned();
        prop_assert_eq!(&once, &twice, "not idempotent for {:?} under {}", input, policy);
        prop_assert_eq!(report.total() as usize, engine.scan_str(&input).len());
    }
}

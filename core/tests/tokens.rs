//! The `tokenize` and `pseudonym` actions, key rings and `reveal`, through the public API.

use scrubjay::{Engine, FailReason, KeyRing, RevealOutcome};
use serde_json::json;

fn ring(ids: &[&str]) -> KeyRing {
    let mut r = KeyRing::new();
    for id in ids {
        r.generate(id).unwrap();
    }
    r
}

fn engine_with(keys: &KeyRing, tokenize: serde_json::Value) -> Engine {
    let mut cfg = tokenize;
    cfg["keys"] = serde_json::from_str(&keys.to_json()).unwrap();
    cfg["allow_inline_keys"] = json!(true);
    let policy = json!({
        "version": 1,
        "builtins": ["email", "credit_card"],
        "content": [{"builtin": "email", "action": "tokenize"}],
        "fields": [{"keys": ["enduser.id"], "action": "tokenize"},
                   {"keys": ["user.note"], "action": "pseudonym"}],
        "tokenize": cfg,
    });
    Engine::from_policy_text(&policy.to_string()).unwrap()
}

#[test]
fn a_token_is_deterministic_and_reveals_to_its_value() {
    let keys = ring(&["k1"]);
    let e = engine_with(&keys, json!({}));
    let a = e.redact_str("from jane@example.com to bob@example.org");
    let b = e.redact_str("again jane@example.com");
    let tok = a.split(' ').nth(1).unwrap();
    assert!(
        tok.starts_with("[TOKEN:email:k1:") && tok.ends_with(']'),
        "{a}"
    );
    assert!(
        b.ends_with(tok),
        "same value, same key, same token: {a} / {b}"
    );
    assert_ne!(a.split(' ').nth(3).unwrap(), tok);
    let r = e.reveal(&a, &keys);
    assert_eq!(r.text, "from jane@example.com to bob@example.org");
    assert_eq!(r.tokens.len(), 2);
    assert!(r
        .tokens
        .iter()
        .all(|t| t.outcome == RevealOutcome::Revealed && t.key_id == "k1" && t.rule == "email"));
    assert_eq!(&a[r.tokens[0].start..r.tokens[0].end], tok);
    assert_eq!(e.redact_str(&a), a, "a token is not redacted again");
}

#[test]
fn wrong_shredded_and_tampered_tokens_stay_as_they_are() {
    let keys = ring(&["k1"]);
    let e = engine_with(&keys, json!({}));
    let out = e.redact_str("jane@example.com").into_owned();
    // Another ring with a key of the same id: the token does not open.
    let other = ring(&["k1"]);
    let r = e.reveal(&out, &other);
    assert_eq!(
        (r.text.as_str(), r.tokens[0].outcome),
        (out.as_str(), RevealOutcome::Invalid)
    );
    // The key forgotten: crypto-shredded.
    let mut shredded = ring(&[]);
    shredded.insert("k0", &[9u8; 32], None).unwrap();
    let r = e.reveal(&out, &shredded);
    assert_eq!(r.tokens[0].outcome, RevealOutcome::UnknownKey);
    assert_eq!(r.text, out);
    // One character changed, or the token cut: detected, never decrypted to garbage.
    let body_at = out.rfind(':').unwrap() + 3;
    let mut bent = out.clone().into_bytes();
    bent[body_at] = if bent[body_at] == b'A' { b'B' } else { b'A' };
    let bent = String::from_utf8(bent).unwrap();
    assert_eq!(
        e.reveal(&bent, &keys).tokens[0].outcome,
        RevealOutcome::Invalid
    );
    let cut = format!("{}]", &out[..out.len() - 3]);
    assert_eq!(
        e.reveal(&cut, &keys).tokens[0].outcome,
        RevealOutcome::Invalid
    );
    // The key id in the token changed to another key of the ring: does not open either.
    let mut two = ring(&["k1"]);
    two.generate("k2").unwrap();
    let e2 = engine_with(&two, json!({"active": "k1"}));
    let t = e2.redact_str("jane@example.com");
    let relabelled = t.replace(":k1:", ":k2:");
    assert_eq!(
        e2.reveal(&relabelled, &two).tokens[0].outcome,
        RevealOutcome::Invalid
    );
}

#[test]
fn rotation_keeps_old_tokens_readable() {
    let mut keys = ring(&["2026-06"]);
    let before = engine_with(&keys, json!({})).redact_str("jane@example.com");
    keys.generate("2026-12").unwrap();
    let e = engine_with(&keys, json!({}));
    let after = e.redact_str("jane@example.com");
    assert!(before.contains(":2026-06:") && after.contains(":2026-12:"));
    let both = format!("{before} {after}");
    assert_eq!(
        e.reveal(&both, &keys).text,
        "jane@example.com jane@example.com"
    );
}

#[test]
fn a_record_names_its_key_and_forgetting_it_shreds_that_tenant_only() {
    let keys = ring(&["acme", "globex", "default"]);
    let e = engine_with(
        &keys,
        json!({"key_id_from": ["tenant.id"], "active": "default"}),
    );
    let doc = json!({"resourceSpans": [
        {"resource": {"attributes": [{"key": "tenant.id", "value": {"stringValue": "acme"}}]},
         "scopeSpans": [{"spans": [{"attributes": [
            {"key": "enduser.id", "value": {"stringValue": "u-1001"}}]}]}]},
        {"resource": {"attributes": [{"key": "tenant.id", "value": {"stringValue": "globex"}}]},
         "scopeSpans": [{"spans": [{"attributes": [
            {"key": "enduser.id", "value": {"stringValue": "u-1001"}}]}]}]},
        {"resource": {"attributes": []},
         "scopeSpans": [{"spans": [{"attributes": [
            {"key": "enduser.id", "value": {"stringValue": "u-1001"}}]}]}]}
    ]});
    let mut doc = doc;
    e.redact_json(&mut doc);
    let out = doc.to_string();
    for id in ["acme", "globex", "default"] {
        assert!(
            out.contains(&format!("[TOKEN:enduser.id:{id}:")),
            "{id}: {out}"
        );
    }
    // Forget acme in a copy of the ring.
    let mut copy = KeyRing::from_json(&keys.to_json()).unwrap();
    copy.forget("acme").unwrap();
    let r = e.reveal(&out, &copy);
    let outcomes: Vec<_> = r
        .tokens
        .iter()
        .map(|t| (t.key_id.as_str(), t.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("acme", RevealOutcome::UnknownKey),
            ("globex", RevealOutcome::Revealed),
            ("default", RevealOutcome::Revealed)
        ]
    );
    // A flat map names its key through the scope.
    let mut scope = e.attribute_scope();
    scope.note("tenant.id", "globex");
    let v = scope.redact("enduser.id", scrubjay::Scalar::Str("u-7"), None);
    let scrubjay::AttributeOutcome::Replace(t) = v else {
        panic!("{v:?}")
    };
    assert!(t.starts_with("[TOKEN:enduser.id:globex:"), "{t}");
}

#[test]
fn a_missing_key_fails_closed_and_is_counted() {
    let keys = ring(&["default"]);
    let e = engine_with(
        &keys,
        json!({"key_id_from": ["tenant.id"], "active": "default"}),
    );
    let mut report = e.new_report();
    let mut out =
        json!({"tenant.id": "initech", "enduser.id": "u-1", "msg": "mail jane@example.com"});
    e.redact_json_with_report(&mut out, &mut report);
    assert_eq!(out["enduser.id"], "[REDACTED:enduser.id]");
    assert_eq!(out["msg"], "mail [REDACTED:email]");
    assert_eq!(report.fail_closed_count(FailReason::TokenKeyUnavailable), 2);
    // No ring at all (its variable unset): a warning, and every token is a mask.
    let policy = json!({"version": 1, "builtins": ["email"],
        "content": [{"builtin": "email", "action": "tokenize"}],
        "tokenize": {"keys_env": "SCRUBJAY_TEST_UNSET_RING"}});
    let e = Engine::from_policy_text(&policy.to_string()).unwrap();
    assert!(e
        .warnings()
        .iter()
        .any(|w| w.contains("SCRUBJAY_TEST_UNSET_RING")));
    assert_eq!(e.redact_str("jane@example.com"), "[REDACTED:email]");
}

#[test]
fn pseudonyms_number_values_within_a_record() {
    let policy = json!({"version": 1, "builtins": ["email"],
        "content": [{"builtin": "email", "action": "pseudonym"}]});
    let e = Engine::from_policy_text(&policy.to_string()).unwrap();
    assert_eq!(
        e.redact_str("a@x.io wrote to b@x.io, cc a@x.io"),
        "<email_1> wrote to <email_2>, cc <email_1>"
    );
    assert_eq!(
        e.redact_str("b@x.io"),
        "<email_1>",
        "a new value, a new count"
    );
    let mut out = json!({"from": "b@x.io", "to": ["a@x.io", "b@x.io"]});
    e.redact_json(&mut out);
    assert_eq!(
        out,
        json!({"from": "<email_1>", "to": ["<email_2>", "<email_1>"]})
    );
    assert_eq!(e.redact_str("<email_1> wrote"), "<email_1> wrote");
    let e = engine_with(&ring(&["k"]), json!({}));
    let mut scope = e.attribute_scope();
    let a = scope.redact("user.note", scrubjay::Scalar::Str("x"), None);
    let b = scope.redact("user.note", scrubjay::Scalar::Str("y"), None);
    let c = scope.redact("user.note", scrubjay::Scalar::Str("x"), None);
    assert_eq!(
        format!("{a:?} {b:?} {c:?}"),
        r#"Replace("<user.note_1>") Replace("<user.note_2>") Replace("<user.note_1>")"#
    );
}

#[test]
fn policy_errors_name_the_field() {
    let cases = [
        (
            json!({"content": [{"builtin": "email", "action": "tokenize"}]}),
            "tokenize.keys_file",
            "action",
        ),
        (
            json!({"content": [{"builtin": "email", "action": "tokenize"}],
                "tokenize": {"keys": {"keys": []}}}),
            "allow_inline_keys",
            "tokenize.keys",
        ),
        (
            json!({"tokenize": {"template": "[TOKEN:{rule}:{token}]"}}),
            "{key}",
            "tokenize.template",
        ),
        (
            json!({"tokenize": {"template": "{key}:{token}]"}}),
            "fixed text",
            "tokenize.template",
        ),
        (
            json!({"pseudonym": {"template": "<{rule}>"}}),
            "{n}",
            "pseudonym.template",
        ),
        (
            json!({"fields": [{"keys": ["x"], "name": "user email", "action": "tokenize"}],
                "tokenize": {"keys_env": "X"}}),
            "letters, digits",
            "name",
        ),
        (
            json!({"tokenize": {"keys": {"keys": [], "active": "nope"}, "allow_inline_keys": true}}),
            "no key `nope`",
            "tokenize.keys",
        ),
    ];
    for (extra, message, field) in cases {
        let mut policy = json!({"version": 1, "builtins": ["email"]});
        for (k, v) in extra.as_object().unwrap() {
            policy[k] = v.clone();
        }
        let err = Engine::from_policy_text(&policy.to_string()).unwrap_err();
        assert!(err.to_string().contains(message), "{policy}: {err}");
        assert_eq!(err.field.as_deref(), Some(field), "{policy}: {err}");
    }
}

#[test]
fn keys_never_show_in_debug_or_errors() {
    let keys = ring(&["k1"]);
    let secret = serde_json::from_str::<serde_json::Value>(&keys.to_json()).unwrap()["keys"][0]
        ["key"]
        .as_str()
        .unwrap()
        .to_string();
    let e = engine_with(&keys, json!({}));
    assert!(!format!("{:?}", e.policy()).contains(&secret));
    assert!(!format!("{keys:?}").contains(&secret));
    let broken = keys
        .to_json()
        .replace(&secret, &format!("{}!", &secret[..20]));
    let err = KeyRing::from_json(&broken).unwrap_err().to_string();
    assert!(!err.contains(&secret[..20]), "{err}");
}

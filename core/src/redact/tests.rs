//! Tests of the engine as a whole: the memos of clean values and settled renderings, number
//! formatting, threads.

use super::attributes::NumBuf;
use super::attributes::Scalar;
use super::Engine;
use crate::redact::memo::CleanMemo;
use crate::redact::memo::Tag;

/// Attribute values that repeat, clean and not, under keys that scan them, sanitize them
/// (URL, SQL, command line, header) or mask them: every answer with the memo of clean
/// values is the one a scratch space without it gives, report included.
#[test]
fn the_memo_of_clean_values_answers_as_a_scan_would() {
    let engine = Engine::default();
    let mut scope = engine.attribute_scope();
    let keys = [
        "app.note",
        "url.full",
        "db.statement",
        "process.command_line",
        "http.request.header.cookie",
        "user_agent.original",
        "db.password",
    ];
    let values = [
        "GET",
        "https://a.example.com/cb?code=4%2F0AX4XfWh&state=xyz",
        "https://api.example.com/v1/orders/17?page=2",
        "SELECT id FROM orders WHERE id = $1",
        "SELECT id FROM users WHERE email = 'jane@example.com'",
        "java -jar app.jar --db-password hunter2",
        "java -jar app.jar --port 8080",
        "session=abc123; theme=dark",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0.6099.109",
        "card 4111 1111 1111 1111 declined",
        "processed in batch 17 at 2024-06-01T10:00:00Z",
        "",
    ];
    let mut rng = 0x853c_49e6_748f_ea9bu64;
    let mut hits = 0;
    for _ in 0..3000 {
        xorshift(&mut rng);
        let key = keys[(rng % keys.len() as u64) as usize];
        let value = values[((rng >> 16) % values.len() as u64) as usize];
        hits += usize::from(
            scope
                .scratch
                .clean
                .lookup(Tag::SCAN, value.as_bytes())
                .is_ok(),
        );
        let mut with_memo = engine.new_report();
        let remembered = scope.redact(key, Scalar::Str(value), Some(&mut with_memo));
        let saved = std::mem::replace(&mut scope.scratch.clean, CleanMemo::new());
        let mut without = engine.new_report();
        let fresh = scope.redact(key, Scalar::Str(value), Some(&mut without));
        scope.scratch.clean = saved;
        assert_eq!(remembered, fresh, "{key}: {value}");
        assert_eq!(
            format!("{with_memo:?}"),
            format!("{without:?}"),
            "{key}: {value}"
        );
    }
    assert!(hits > 500, "values repeat: {hits} hits");
}

/// The next state of a xorshift generator: the tests' picks, repeatable without a crate.
fn xorshift(state: &mut u64) {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
}

#[test]
fn numbuf_formats() {
    assert_eq!(NumBuf::new().int(-42), b"-42");
    assert_eq!(NumBuf::new().uint(0), b"0");
    assert_eq!(NumBuf::new().int(i64::MIN), b"-9223372036854775808");
}

#[test]
fn engine_is_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Engine>();
}

/// A secret known in one value of a record is masked in the record's other values, before
/// and after it, in JSON documents and attribute scopes alike.
#[test]
fn record_repeats_cross_values_in_both_orders() {
    use serde_json::json;
    let engine = Engine::default();
    let mut doc = json!({
        "db.connection_string": "Server=db;User Id=app;Pwd=Tr0ub4dor&3;",
        "exception.message": "login failed with Tr0ub4dor&3 for app",
        "db.password": "Tr0ub4dor&3",
        "note": "Tr0ub4dor&3x stays"
    });
    engine.redact_json(&mut doc);
    let text = doc.to_string();
    assert!(!text.contains("Tr0ub4dor&3;"), "{text}");
    // The connection string comes first: its key named the secret first.
    assert_eq!(
        doc["exception.message"],
        "login failed with [REDACTED:secret_kv] for app"
    );
    assert_eq!(doc["note"], "Tr0ub4dor&3x stays");
    let findings = engine.scan_json(&json!({
        "msg": "retry with Zq8vN3pX7rTT",
        "attrs": {"api_token": "Zq8vN3pX7rTT"}
    }));
    let msg: Vec<_> = findings
        .iter()
        .filter(|f| f.path.as_deref() == Some("msg"))
        .map(|f| (f.rule.as_str(), f.start, f.end))
        .collect();
    assert_eq!(msg, [("token", 11, 23)], "{findings:?}");
}

/// Values whose findings have the fixpoint rescan their rendering, with a new secret each
/// time and renderings that repeat: every answer with the memo of settled renderings is the
/// one a scratch space without it gives, report included, and the memo is used.
#[test]
fn the_memo_of_settled_renderings_answers_as_a_rescan_would() {
    use super::report_sink::ReportSink;
    use super::strings::Redacted;
    let engine = Engine::default();
    let templates = [
        "token=@",
        "ssn=@",
        "api_key=@&page=2",
        "login failed for @@example.com (3x)",
        "Authorization: Bearer @",
        "Bearer dGVzdA=@",
        "postgres://admin:@/x@db.internal:5432/app",
        "[@]",
        "@-----BEGIN PRIVATE KEY-----",
        "call (415) 555-2671 with key=@",
        // Renderings in which the rescan finds more: the memo must not keep them.
        "Bearer auqhentic.tH_TOKEN=@",
        "passwd '@'INTO u(ssn)VALUES(',",
        "IBAN GB82WEST12345698765432 ok @ (415) 555-2671 x",
        "2001:db8::@(415) 555-2671",
    ];
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut sc = engine.scratch();
    let outcome = |r: Redacted| match r {
        Redacted::Unchanged => None,
        Redacted::Changed(v) => Some(v),
    };
    for i in 0..3000 {
        xorshift(&mut rng);
        let template = templates[(rng % templates.len() as u64) as usize];
        let secret = match i % 3 {
            0 => format!("Zq8vN3pX{:x}", rng >> 20),
            1 => format!("{:03}-{:02}-{:04}", 100 + i % 600, 10 + i % 89, 1000 + i),
            _ => format!("u{i}"),
        };
        let value = template.replace('@', &secret);
        let mut with_memo = engine.new_report();
        let remembered = outcome(engine.redact_bytes_with(
            value.as_bytes(),
            &mut sc,
            &mut ReportSink(Some(&mut with_memo)),
        ));
        let saved = std::mem::replace(&mut sc.settled, CleanMemo::new());
        let mut without = engine.new_report();
        let fresh = outcome(engine.redact_bytes_with(
            value.as_bytes(),
            &mut sc,
            &mut ReportSink(Some(&mut without)),
        ));
        sc.settled = saved;
        assert_eq!(remembered, fresh, "{value}");
        assert_eq!(format!("{with_memo:?}"), format!("{without:?}"), "{value}");
    }
    assert!(sc
        .settled
        .lookup(Tag::SCAN, b"token=[REDACTED:secret_kv]")
        .is_ok());
}

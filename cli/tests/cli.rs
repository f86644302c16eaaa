//! End-to-end tests of the `scrubjay` binary: every command, format and exit code.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scrubjay"))
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scrubjay-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SECRETS: [&str; 5] = [
    "alice@example.com",
    "4111 1111 1111 1111",
    "hunter2",
    "AKIAIOSFODNN7EXAMPLE",
    "s3cr3tP4ss",
];

#[test]
fn redacts_jsonl_from_stdin_keeping_benign_fields() {
    let line = r#"{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","attributes":{"user.password":"hunter2","msg":"mail alice@example.com","url.full":"https://u:s3cr3tP4ss@h.example/p?page=2","v":"1.2.3"}}"#;
    let out = run(&["redact", "--format", "jsonl"], &format!("{line}\n"));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["trace_id"], "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(got["attributes"]["user.password"], "[REDACTED:password]");
    assert_eq!(got["attributes"]["msg"], "mail [REDACTED:email]");
    assert_eq!(
        got["attributes"]["url.full"],
        "https://REDACTED:REDACTED@h.example/p?page=2"
    );
    assert_eq!(got["attributes"]["v"], "1.2.3");
    assert!(
        out.stderr.is_empty(),
        "no progress bar, no noise: {}",
        text(&out.stderr)
    );
}

#[test]
fn the_shipped_examples_redact_and_then_scan_clean() {
    let dir = temp_dir("examples");
    for (example, format) in [
        ("examples/spans.jsonl", "jsonl"),
        ("examples/otlp-traces.json", "otlp-json"),
    ] {
        let input = repo(example);
        let before = std::fs::read_to_string(&input).unwrap();
        let found = bin()
            .args(["scan", "--no-progress"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(found.status.code(), Some(1), "{example} holds secrets");
        assert!(text(&found.stdout).contains("total"));
        let out = dir.join(format!("{format}.out"));
        let red = bin()
            .args(["redact", "--stats", "-o"])
            .arg(&out)
            .arg(&input)
            .output()
            .unwrap();
        assert!(red.status.success(), "{}", text(&red.stderr));
        let stats = text(&red.stderr);
        assert!(
            stats.contains("MB/s") && stats.contains("redactions") && stats.contains("mask"),
            "{stats}"
        );
        let after = std::fs::read_to_string(&out).unwrap();
        for s in SECRETS {
            if before.contains(s) {
                assert!(!after.contains(s), "{s} leaked from {example}");
            }
        }
        let clean = bin()
            .args(["scan", "--format", format])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            clean.status.code(),
            Some(0),
            "{example}: {}",
            text(&clean.stdout)
        );
        assert!(text(&clean.stdout).contains("no findings"));
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn otlp_keys_come_from_the_key_field_for_traces_and_logs() {
    let logs = r#"{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
      "scopeLogs":[{"logRecords":[{"timeUnixNano":"1732500000000000000","traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
      "body":{"stringValue":"login failed for bob@example.org"},
      "attributes":[{"key":"db.password","value":{"stringValue":"hunter2"}},{"key":"count","value":{"intValue":"7"}}]}]}]}]}"#;
    let out = run(&["redact"], logs);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rec = &got["resourceLogs"][0]["scopeLogs"][0]["logRecords"][0];
    assert_eq!(
        rec["body"]["stringValue"],
        "login failed for [REDACTED:email]"
    );
    assert_eq!(
        rec["attributes"][0]["value"]["stringValue"],
        "[REDACTED:password]"
    );
    assert_eq!(rec["attributes"][1]["value"]["intValue"], "7");
    assert_eq!(rec["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
}

#[test]
fn otlp_metrics_requests_keep_names_and_scrub_point_and_exemplar_attributes() {
    let metrics = r#"{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
      "scopeMetrics":[{"scope":{"name":"checkout","attributes":[{"key":"build.token","value":{"stringValue":"t0k3n-abc-123"}}]},
      "metrics":[{"name":"http.server.request.duration","unit":"s","histogram":{"aggregationTemporality":2,
      "dataPoints":[{"startTimeUnixNano":"1732500000000000000","timeUnixNano":"1732500060000000000","count":"3","sum":0.42,
      "bucketCounts":["1","2"],"explicitBounds":[0.1],
      "attributes":[{"key":"url.full","value":{"stringValue":"https://api.example.com/reset?token=abc123&page=2"}},
                    {"key":"http.route","value":{"stringValue":"/users/{id}"}}],
      "exemplars":[{"timeUnixNano":"1732500030000000000","asDouble":0.2,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736",
      "filteredAttributes":[{"key":"enduser.email","value":{"stringValue":"bob@example.org"}}]}]}]}}]}]}]}"#;
    // One line: a metrics request as the Collector's file exporter writes it.
    let out = run(&["redact", "--stats"], &metrics.replace('\n', " "));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scope = &got["resourceMetrics"][0]["scopeMetrics"][0];
    assert_eq!(
        scope["scope"]["attributes"][0]["value"]["stringValue"],
        "[REDACTED:token]"
    );
    let metric = &scope["metrics"][0];
    assert_eq!(metric["name"], "http.server.request.duration");
    let point = &metric["histogram"]["dataPoints"][0];
    assert_eq!(
        point["attributes"][0]["value"]["stringValue"],
        "https://api.example.com/reset?token=REDACTED&page=2"
    );
    assert_eq!(
        point["attributes"][1]["value"]["stringValue"],
        "/users/{id}"
    );
    assert_eq!(point["count"], "3");
    let exemplar = &point["exemplars"][0];
    assert_eq!(exemplar["traceId"], "4bf92f3577b34da6a3ce929d0e0e4736");
    assert_eq!(
        exemplar["filteredAttributes"][0]["value"]["stringValue"],
        "[REDACTED:email]"
    );
    let stats = text(&out.stderr);
    assert!(stats.contains("1 records"), "{stats}");
    assert!(
        stats.lines().any(|l| l.trim_start().starts_with("email ")),
        "{stats}"
    );
}

#[test]
fn text_is_redacted_line_by_line_even_when_not_utf8() {
    let mut child = bin()
        .args(["redact", "--format", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = b"2024-06-01T10:00:00Z INFO user=alice@example.com ok\n".to_vec();
    input.extend_from_slice(b"bad \xff\xfe bytes card 4111-1111-1111-1111\n");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let got = text(&out.stdout);
    assert!(
        got.starts_with("2024-06-01T10:00:00Z INFO user=[REDACTED:email] ok\n"),
        "{got}"
    );
    assert!(got.contains("card [REDACTED:credit_card]"), "{got}");
    assert!(!got.contains("4111"), "{got}");
}

#[test]
fn malformed_json_lines_are_reported_and_dropped_by_default() {
    let input = "{\"a\":\"x@y.io\"}\n{\"broken\": \"alice@example.com\n{\"b\":1}\n";
    let out = run(&["redact", "--format", "jsonl"], input);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "{\"a\":\"[REDACTED:email]\"}\n{\"b\":1}\n"
    );
    let err = text(&out.stderr);
    assert!(
        err.contains("-:2: not valid JSON") && err.contains("dropped"),
        "{err}"
    );
    assert!(
        !err.contains("alice@example.com"),
        "the message must not echo the line"
    );

    let out = run(&["redact", "--format", "jsonl", "--invalid", "text"], input);
    assert!(text(&out.stdout).contains("{\"broken\": \"[REDACTED:email]\n"));

    let scan = run(&["scan", "--format", "jsonl"], input);
    assert_eq!(
        scan.status.code(),
        Some(1),
        "a bad line is still scanned, as text"
    );
    assert!(text(&scan.stdout).contains("-:2: email"));
}

#[test]
fn scan_reports_paths_rules_and_masked_previews_never_the_secret() {
    let input = "{\"user\":{\"email\":\"alice@example.com\"},\"ok\":\"GET /health\"}\n";
    let out = run(&["scan", "--json"], input);
    assert_eq!(out.status.code(), Some(1));
    let finding: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(finding["file"], "-");
    assert_eq!(finding["line"], 1);
    assert_eq!(finding["path"], "user.email");
    assert_eq!(finding["rule"], "email");
    assert_eq!(finding["preview"], "*****@*******.*** (17 bytes)");
    assert!(
        text(&out.stderr).contains("email"),
        "summary on stderr with --json"
    );
    let plain = run(&["scan"], input);
    let s = text(&plain.stdout);
    assert!(s.contains("-:1: user.email email [0..17]"), "{s}");
    assert!(!s.contains("alice"));
    let clean = run(
        &["scan"],
        "{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}\n",
    );
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn policy_commands() {
    let dir = temp_dir("policy");
    let good = dir.join("good.yaml");
    std::fs::write(
        &good,
        "version: 1\nbuiltins: [email]\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n",
    )
    .unwrap();
    let out = bin().args(["policy", "check"]).arg(&good).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("ok (2 content rules"),
        "{}",
        text(&out.stdout)
    );

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version": 1, "content": [{"id": "pin", "pattern": "(?<=pin=)[0-9]{4}"}]}"#,
    )
    .unwrap();
    let out = bin().args(["policy", "check"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("rule `pin`") && err.contains("field `pattern`") && err.contains("position"),
        "{err}"
    );

    let out = bin()
        .args(["redact", "--policy"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let out = bin().args(["policy", "explain"]).output().unwrap();
    let s = text(&out.stdout);
    assert!(
        s.contains("credit_card") && s.contains("luhn") || s.contains("card"),
        "{s}"
    );
    assert!(s.contains("field rules") && s.contains("automata"), "{s}");
    // Builtins are listed under their category of the rule library, the PII ones together.
    let pii = s.find("Personal data (").expect("a Personal data group");
    let cloud = s.find("Cloud and hosting (").expect("a Cloud group");
    let card = s.find("credit_card").unwrap();
    let aws = s.find("aws_access_key_id").unwrap();
    assert!(pii < card && cloud < aws && card > aws, "{s}");

    let out = bin().args(["policy", "default"]).output().unwrap();
    let policy: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(policy["version"], 1);
    let printed = dir.join("default.json");
    std::fs::write(&printed, &out.stdout).unwrap();
    assert!(bin()
        .args(["policy", "check"])
        .arg(&printed)
        .status()
        .unwrap()
        .success());

    let custom = run(
        &[
            "redact",
            "--format",
            "text",
            "--policy",
            good.to_str().unwrap(),
        ],
        "see TICKET-123456 from a@b.io\n",
    );
    assert_eq!(
        text(&custom.stdout),
        "see [REDACTED:ticket] from [REDACTED:email]\n"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn policy_test_runs_the_examples_and_names_each_failure() {
    let dir = temp_dir("policy-test");
    let file = dir.join("examples.yaml");
    std::fs::write(
        &file,
        "version: 1\nbuiltins: [email]\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n    \
         examples: ['see TICKET-123456', 'TICKET-12']\n    \
         negative_examples: ['TICKET-ABCDEF', 'mail TICKET-654321']\n",
    )
    .unwrap();
    let out = bin().args(["policy", "test"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let failures: Vec<&str> = s.lines().filter(|l| l.contains("FAIL")).collect();
    assert_eq!(failures.len(), 2, "{s}");
    assert!(
        failures[0].contains("rule `ticket`")
            && failures[0].contains("content[0].examples[1]")
            && failures[0].contains("\"TICKET-12\"")
            && failures[0].contains("found: nothing"),
        "{s}"
    );
    assert!(
        failures[1].contains("content[0].negative_examples[1]")
            && failures[1].contains("found: ticket at 5..18"),
        "{s}"
    );
    // The email builtin's examples from the rule library (two, and two negative) and the
    // ticket rule's two good ones pass.
    assert!(s.contains("6 of 8 examples pass"), "{s}");

    // Every builtin's example passes under the default policy.
    let out = bin().args(["policy", "test"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stdout));
    let s = text(&out.stdout);
    let counts: Vec<usize> = s
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(
        matches!(counts[..], [pass, total] if pass == total && total >= 36),
        "{s}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn usage_and_io_errors_have_their_exit_codes() {
    let out = bin().args(["redact", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin()
        .args(["redact", "/no/such/file.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("scrubjay: error: /no/such/file.jsonl:"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let out = bin()
        .args(["policy", "check", "/no/such/policy.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let out = bin().args(["--help"]).output().unwrap();
    assert!(text(&out.stdout).contains("Exit codes"));
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    let input = repo("examples/spans.jsonl");
    let one = bin()
        .args(["redact", "-j", "1"])
        .arg(&input)
        .output()
        .unwrap();
    let two = bin()
        .args(["redact", "-j", "2"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(one.status.success() && two.status.success());
    assert_eq!(one.stdout, two.stdout);
}

/// A 100 MB file streams through in bounded memory: resident memory stays far below the
/// size of the input.
#[test]
fn a_100_mb_file_is_processed_in_bounded_memory() {
    let dir = temp_dir("big");
    let big = dir.join("big.jsonl");
    let sample = std::fs::read(repo("examples/spans.jsonl")).unwrap();
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        let mut written = 0;
        while written < 100_000_000 {
            f.write_all(&sample).unwrap();
            written += sample.len();
        }
    }
    let size = std::fs::metadata(&big).unwrap().len();
    let mut child = bin()
        .args(["redact", "-j", "2", "--stats"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut n = 0u64;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => return n,
                Ok(k) => n += k as u64,
            }
        }
    });
    let mut peak_kb = 0u64;
    while child.try_wait().unwrap().is_none() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            for l in status.lines().filter(|l| l.starts_with("VmHWM:")) {
                let kb: u64 = l.split_whitespace().nth(1).unwrap().parse().unwrap();
                peak_kb = peak_kb.max(kb);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out_bytes = reader.join().unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    assert!(out_bytes > size / 2, "output {out_bytes} for input {size}");
    if Path::new("/proc/self/status").exists() {
        assert!(peak_kb > 0, "the probe saw the process");
        assert!(
            peak_kb < 64 * 1024,
            "peak resident memory {peak_kb} kB for a {size}-byte input"
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_closed_output_pipe_stops_quietly() {
    let mut child = bin()
        .args(["redact"])
        .arg(repo("examples/spans.jsonl"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn keys_tokenize_reveal_and_forget_round_trip() {
    let dir = temp_dir("keys");
    let ring = dir.join("ring.json");
    let _ = std::fs::remove_file(&ring);
    let ring_s = ring.to_str().unwrap();
    let out = run(&["keys", "new", ring_s, "--id", "k1"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&ring).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(
        run(&["keys", "new", ring_s], "").status.code(),
        Some(2),
        "no overwrite"
    );
    let policy = dir.join("policy.json");
    std::fs::write(
        &policy,
        format!(
            r#"{{"version": 1, "builtins": ["email"], "content": [{{"builtin": "email", "action": "tokenize"}}],
               "tokenize": {{"keys_file": {ring_s:?}}}}}"#
        ),
    )
    .unwrap();
    let p = policy.to_str().unwrap();
    let input = "{\"msg\":\"mail alice@example.com\"}\nto alice@example.com\n";
    let red = run(&["redact", "-p", p, "--format", "jsonl"], input);
    assert!(red.status.success(), "{}", text(&red.stderr));
    let redacted = text(&red.stdout);
    assert!(
        redacted.contains("[TOKEN:email:k1:") && !redacted.contains("alice"),
        "{redacted}"
    );
    let red_text = run(
        &["redact", "-p", p, "--format", "text"],
        "to alice@example.com\n",
    );
    let both = format!("{redacted}{}", text(&red_text.stdout));
    let shown = run(&["reveal", "--keys", ring_s, "-p", p], &both);
    assert!(shown.status.success(), "{}", text(&shown.stderr));
    assert_eq!(
        text(&shown.stdout),
        "{\"msg\":\"mail alice@example.com\"}\nto alice@example.com\n"
    );
    let audit = text(&shown.stderr);
    assert_eq!(audit.matches("outcome=revealed").count(), 2, "{audit}");
    assert!(
        audit.contains("path=\"msg\"") && !audit.contains("alice"),
        "{audit}"
    );
    // Rotate, then forget the first key: its tokens stay as they are.
    assert!(run(&["keys", "rotate", ring_s, "--id", "k2"], "")
        .status
        .success());
    let listed = text(&run(&["keys", "list", ring_s], "").stdout);
    assert!(
        listed.contains("k2") && listed.contains("(active)") && !listed.contains("key"),
        "{listed}"
    );
    assert!(run(&["keys", "forget", ring_s, "k1"], "").status.success());
    let shredded = run(&["reveal", "--keys", ring_s, "-p", p], &both);
    assert_eq!(text(&shredded.stdout), both);
    assert_eq!(
        text(&shredded.stderr)
            .matches("outcome=unknown_key")
            .count(),
        2
    );
    assert_eq!(
        run(&["keys", "forget", ring_s, "nope"], "").status.code(),
        Some(2)
    );
}

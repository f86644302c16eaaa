//! One engine shared by 8 threads, each redacting 100,000 records, gives exactly the results of
//! a single-threaded run. (Data races are ruled out by the types: `Engine` is `Send + Sync` with
//! no interior mutability outside its scratch pool; the Go binding also runs under `-race`.)

use scrubjay::Engine;

fn records() -> Vec<String> {
    (0..1000)
        .map(|i| match i % 5 {
            0 => format!("user{i}@example.com paid with 4111 1111 1111 1111 trace 4bf92f3577b34da6a3ce929d0e0e{i:04}"),
            1 => format!("GET /api/v2/orders/{i}?page=2 200 in {i} ms"),
            2 => format!("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLXtpfSJ9.c2lnbmF0dXJl{i}"),
            3 => format!("db_password=hunter{i} host=10.0.{}.{}", i % 256, (i * 7) % 256),
            _ => format!("release 2.{i}.0 sha 9fceb02d0ae598e95dc970b74767f19372d6{i:04}"),
        })
        .collect()
}

#[test]
fn eight_threads_match_one() {
    let engine = Engine::default();
    let inputs = records();
    let expected: Vec<String> = inputs
        .iter()
        .map(|r| engine.redact_str(r).into_owned())
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let (engine, inputs, expected) = (&engine, &inputs, &expected);
                s.spawn(move || {
                    let mut mismatches = 0;
                    for n in 0..100_000 {
                        let i = (n * 7 + t * 131) % inputs.len();
                        if engine.redact_str(&inputs[i]) != expected[i].as_str() {
                            mismatches += 1;
                        }
                    }
                    mismatches
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), 0);
        }
    });
}

#[test]
fn clones_share_automata_and_agree() {
    let engine = Engine::default();
    let inputs = records();
    std::thread::scope(|s| {
        for _ in 0..4 {
            let clone = engine.clone();
            let inputs = &inputs;
            let engine = &engine;
            s.spawn(move || {
                for r in inputs {
                    assert_eq!(clone.redact_str(r), engine.redact_str(r));
                }
            });
        }
    });
}

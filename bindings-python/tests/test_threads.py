"""One engine shared by a thread pool gives the same results as one thread."""

from concurrent.futures import ThreadPoolExecutor

import scrubjay


def records(n):
    for i in range(n):
        yield {
            "http.url": f"https://api.example.com/users/{i}?token=t{i}&page=2",
            "exception.message": f"user{i}@example.com failed with card 4111 1111 1111 1111",
            "i": i,
        }


def test_thread_pool_matches_a_single_thread():
    engine = scrubjay.Engine()
    data = list(records(2000))
    big = "x@y.io " * 5000  # long enough to release the GIL
    expected = [engine.redact_attributes(r) for r in data]
    expected_big = engine.redact(big)
    report = engine.new_report()

    def work(t):
        mismatches = 0
        for n in range(100_000):
            i = (n * 7 + t * 131) % len(data)
            if engine.redact_attributes(data[i], report) != expected[i]:
                mismatches += 1
        return mismatches, engine.redact(big, report)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for mismatches, b in results:
        assert mismatches == 0
        assert b == expected_big
    assert report.counts["email"] == 8 * 100_000 + 8 * 5000


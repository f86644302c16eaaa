"""Adversarial inputs: scrubjay's time grows linearly with the input; the naive baseline's
(17 regexes, one ``re.sub`` after another, as in bench_redact.py) does not.

    python benches/python/bench_adversarial.py

For each hostile input family the size doubles from row to row; the "growth" column is the
time ratio to the previous row: about 2 for linear work, about 4 for quadratic, more for
catastrophic backtracking. The naive side stops once one run takes over 2 seconds.
"""

import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import scrubjay  # noqa: E402
from bench_redact import naive_redact  # noqa: E402

FAMILIES = {
    "digit run": lambda n: "7" * n,
    "a@a@a@...": lambda n: "a@" * (n // 2),
    "eyJ repeated": lambda n: "eyJ" * (n // 3),
    "aaaa...@ (no domain)": lambda n: "a" * (n - 1) + "@",
    "password=password=...": lambda n: "password=" * (n // 9),
    "1.1.1.1.1...": lambda n: "1." * (n // 2),
    "PASSWORD '' PASSWORD ''": lambda n: "PASSWORD ''" * (n // 11),
    ") VALUES ) VALUES": lambda n: ") VALUES " * (n // 9),
    "<password><![CDATA[...": lambda n: "<password><![CDATA[" * (n // 19),
    "<token>a <token>a": lambda n: "<token>a " * (n // 9),
    "rules, masks: ==-- @@ xx": lambda n: ("=" * 40 + "-" * 40 + "@" * 24 + ":" * 16 + "x" * 24)
    * (n // 144),
}
SIZES = [2_000 * 2**k for k in range(7)]  # 2 KB .. 128 KB


def timed(fn, arg):
    t = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t


def main():
    engine = scrubjay.Engine({"version": 1, "limits": {"max_value_bytes": 64 * 1024 * 1024}})
    print(f"{'input':<24}{'bytes':>9}{'scrubjay ms':>13}{'growth':>8}{'naive ms':>12}{'growth':>8}")
    worst_growth = 0.0
    for name, make in FAMILIES.items():
        prev_sj = prev_nv = None
        naive_done = False
        for n in SIZES:
            text = make(n)
            sj = min(timed(engine.redact, text) for _ in range(3))
            nv = None if naive_done else timed(naive_redact, text)
            if nv is not None and nv > 2.0:
                naive_done = True
            g_sj = sj / prev_sj if prev_sj else float("nan")
            g_nv = nv / prev_nv if (nv is not None and prev_nv) else float("nan")
            if prev_sj and n >= 16_000:
                worst_growth = max(worst_growth, g_sj)
            nv_text = f"{nv * 1e3:12.2f}" if nv is not None else f"{'(stopped)':>12}"
            print(f"{name:<24}{len(text):>9}{sj * 1e3:13.3f}{g_sj:8.2f}{nv_text}{g_nv:8.2f}")
            prev_sj, prev_nv = sj, nv
    big = "x@y.io 4111 1111 1111 1111 " * (10_000_000 // 27)
    t = timed(engine.redact, big)
    print(f"one 10 MB line with secrets: scrubjay {t * 1e3:.0f} ms ({len(big) / t / 1e6:.0f} MB/s)")
    deep = leaf = {}
    for _ in range(10_000):
        leaf["child"] = {}
        leaf = leaf["child"]
    t = timed(engine.redact_attributes, {"root": deep})
    print(f"nesting 10,000 deep: scrubjay {t * 1e3:.2f} ms (cut at max_depth, fail closed)")
    shared = {"leaf": "x@y.io"}
    for _ in range(40):
        shared = {"a": shared, "b": shared}
    t = timed(engine.redact_attributes, {"root": shared})
    print(f"40 levels of dicts sharing their child (2**41 paths): scrubjay {t * 1e3:.0f} ms"
          " (cut at limits.max_nodes, fail closed)")
    print(f"worst scrubjay growth per doubling above 16 KB: {worst_growth:.2f}")


if __name__ == "__main__":
    main()

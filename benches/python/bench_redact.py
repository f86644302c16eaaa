"""scrubjay against the naive Python strategy, in one run.

The baseline is what many Python tracing SDKs do: 17 regexes, one ``re.sub`` after another,
on every string attribute. Both sides redact the same batches: 20-attribute span dicts, and
records whose values never repeat (so that the engine's memo of clean values cannot help).

    python benches/python/bench_redact.py [--spans N] [--repeat R] [--min-ratio X]
"""

import argparse
import pathlib
import re
import sys
import timeit

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import scrubjay  # noqa: E402
from spans import make_spans, make_unique_records  # noqa: E402

NAIVE_RULES = [
    ("email", r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
    ("credit_card", r"\b(?:\d[ -]?){13,19}\b"),
    ("us_ssn", r"\b\d{3}-\d{2}-\d{4}\b"),
    ("phone", r"\+?\d{1,3}[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b"),
    ("ipv4", r"\b(?:\d{1,3}\.){3}\d{1,3}\b"),
    ("jwt", r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"),
    ("bearer", r"(?i)bearer\s+[A-Za-z0-9._~+/-]+=*"),
    ("aws_access_key_id", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    ("github_token", r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    ("slack_token", r"\bxox[abposr]-[A-Za-z0-9-]+"),
    ("stripe_key", r"\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"),
    ("openai_key", r"\bsk-[A-Za-z0-9_-]{20,}"),
    ("google_api_key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
    ("private_key", r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    ("secret_kv", r"(?i)(?:password|passwd|secret|token|api_key)\s*[=:]\s*[^\s&,;]+"),
    ("url_credentials", r"://[^/\s:@]+:[^/\s@]+@"),
    ("iban", r"\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b"),
]
COMPILED = [(name, re.compile(p)) for name, p in NAIVE_RULES]


def naive_redact(value):
    if isinstance(value, str):
        for name, rx in COMPILED:
            value = rx.sub(f"[REDACTED:{name}]", value)
        return value
    if isinstance(value, dict):
        return {k: naive_redact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [naive_redact(v) for v in value]
    return value


def measure(batch, engine, repeat):
    """Best time per record of ``redact_attributes`` and of the naive loop over ``batch``."""

    def run_scrubjay():
        for s in batch:
            engine.redact_attributes(s)

    def run_naive():
        for s in batch:
            naive_redact(s)

    run_scrubjay(), run_naive()  # warm up
    t_sj = min(timeit.repeat(run_scrubjay, number=1, repeat=repeat)) / len(batch)
    t_nv = min(timeit.repeat(run_naive, number=1, repeat=repeat)) / len(batch)
    return t_sj, t_nv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spans", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--min-ratio", type=float, default=0.0,
                    help="exit 1 when scrubjay is not at least this many times faster")
    args = ap.parse_args()
    engine = scrubjay.Engine()
    assert len(NAIVE_RULES) == 17
    groups = [
        ("spans", make_spans(args.spans), "20-attribute spans"),
        ("unique records", make_unique_records(args.spans),
         "12 string values each, none repeated"),
    ]
    worst = None
    for name, batch, what in groups:
        t_sj, t_nv = measure(batch, engine, args.repeat)
        ratio = t_nv / t_sj
        worst = ratio if worst is None else min(worst, ratio)
        print(f"{name}: {len(batch)} x {what}, best of {args.repeat}")
        print(f"  scrubjay  redact_attributes     {t_sj * 1e6:8.2f} us/record")
        print(f"  naive     17 x re.sub per value {t_nv * 1e6:8.2f} us/record")
        print(f"  ratio     {ratio:.1f}x")
    if worst < args.min_ratio:
        print(f"below the budget of {args.min_ratio}x", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

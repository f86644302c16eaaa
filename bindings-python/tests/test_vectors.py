"""Every case of tests/vectors/*.json through the Python API."""

import json
import pathlib

import pytest

import scrubjay

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load_vectors():
    cases = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{path.stem}/{case['name']}"))
    return cases


CASES = load_vectors()


def engine_for(policy):
    return scrubjay.Engine(policy)


def byte_offsets(text, start, end):
    """Python findings use str offsets; the vectors use UTF-8 byte offsets."""
    return len(text[:start].encode()), len(text[:end].encode())


def test_the_suite_is_whole():
    assert len(CASES) >= 300


@pytest.mark.parametrize("case", CASES)
def test_vector(case):
    policy = case["policy"]
    if "expected_error" in case:
        with pytest.raises(scrubjay.PolicyError) as err:
            engine_for(policy)
        assert case["expected_error"] in err.value.message
        if "error_rule" in case:
            assert err.value.rule == case["error_rule"]
        if "error_field" in case:
            assert err.value.field == case["error_field"]
        if "error_position" in case:
            assert err.value.position == case["error_position"]
        return
    # A dict and the same policy as JSON text compile to the same engine.
    engine = engine_for(policy if policy is None else json.loads(json.dumps(policy)))
    op, data = case["op"], case["input"]
    if op == "redact":
        got = engine.redact(data)
    elif op == "redact_attributes":
        got = engine.redact_attributes(data)
    elif op == "scan":
        with_path = any("path" in f for f in case["expected"])
        got = []
        for f in engine.scan(data):
            start, end = byte_offsets(data, f.start, f.end)
            item = {"rule": f.rule, "start": start, "end": end}
            if with_path:
                item["path"] = f.path
            got.append(item)
    elif op == "normalize_sql":
        got = engine.normalize_sql(data, case["dialect"]) if "dialect" in case else \
            engine.normalize_sql(data)
    elif op == "reveal":
        got = engine.reveal(data, scrubjay.KeyRing.from_json(json.dumps(case["keys"])))
    elif op == "sanitize_url":
        got = engine.sanitize_url(data)
    elif op == "validate_traceparent":
        check = engine.validate_traceparent(data)
        got = {"valid": True} if check.valid else {"valid": False, "reason": check.reason}
    elif op == "sanitize_baggage":
        out = engine.sanitize_baggage(data)
        got = {
            "header": out.header,
            "violations": [{"key": k, "reason": r} for k, r in out.violations],
        }
    else:
        pytest.fail(f"op {op} is not implemented by the Python runner")
    assert got == case["expected"]

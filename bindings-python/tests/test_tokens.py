"""Reversible tokens: KeyRing, Engine.reveal, tokenize and pseudonym policies, key_id_from."""

import base64
import json
import os
import pathlib
import re

import pytest

import scrubjay

TOKEN = re.compile(r"\[TOKEN:([a-z._]+):([A-Za-z0-9._-]+):([A-Za-z0-9_-]+)\]")


def new_key(size=64):
    """A key made for this test run: random bytes, base64url without padding."""
    return base64.urlsafe_b64encode(os.urandom(size)).rstrip(b"=").decode()


def ring_json(keys, active=None):
    ring = {"version": 1, "keys": [{"id": i, "key": k} for i, k in keys.items()]}
    if active is not None:
        ring["active"] = active
    return json.dumps(ring)


def email_policy(tokenize):
    return {"version": 1, "builtins": ["email"],
            "content": [{"builtin": "email", "action": "tokenize"}], "tokenize": tokenize}


def inline(keys, active=None, **more):
    return email_policy({"keys": json.loads(ring_json(keys, active)),
                         "allow_inline_keys": True, **more})


def only_token(text):
    tokens = TOKEN.findall(text)
    assert len(tokens) == 1, text
    return tokens[0]


def test_round_trip_with_a_key_file(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text(ring_json({"k1": new_key()}, active="k1"))
    engine = scrubjay.Engine(email_policy({"keys_file": str(path)}))
    redacted = engine.redact("mail jane.doe@example.com")
    assert re.fullmatch(r"mail \[TOKEN:email:k1:[A-Za-z0-9_-]+\]", redacted)
    assert engine.reveal(redacted, scrubjay.KeyRing.from_file(path)) == "mail jane.doe@example.com"
    assert engine.reveal(redacted, scrubjay.KeyRing.from_file(str(path))) == "mail jane.doe@example.com"


def test_a_text_with_no_token_opened_is_the_same_object():
    keys = {"k1": new_key()}
    engine = scrubjay.Engine(inline(keys, "k1"))
    text = "nothing here [TOKEN:email:k9:AAAA]"
    assert engine.reveal(text, scrubjay.KeyRing.from_json(ring_json(keys))) is text


def test_the_same_value_and_key_give_the_same_token_across_engines(tmp_path):
    keys = {"k1": new_key()}
    path = tmp_path / "keys.json"
    path.write_text(ring_json(keys, active="k1"))
    a = scrubjay.Engine(inline(keys, "k1"))
    b = scrubjay.Engine(email_policy({"keys_file": str(path)}))
    token = a.redact("jane.doe@example.com")
    assert only_token(token)[:2] == ("email", "k1")
    assert b.redact("jane.doe@example.com") == token
    assert a.redact("to jane.doe@example.com") == f"to {token}"
    assert b.redact("bob@example.org") != token
    # Another key under the same id makes another token.
    assert scrubjay.Engine(inline({"k1": new_key()}, "k1")).redact("jane.doe@example.com") != token


def test_a_wrong_key_leaves_the_token():
    engine = scrubjay.Engine(inline({"k1": new_key()}, "k1"))
    redacted = engine.redact("mail jane.doe@example.com")
    other = scrubjay.KeyRing.from_json(ring_json({"k1": new_key()}))
    assert engine.reveal(redacted, other) == redacted


def test_a_forgotten_key_leaves_the_token_and_only_it():
    keys = {"k1": new_key(), "k2": new_key(32)}
    old = scrubjay.Engine(inline(keys, "k1")).redact("jane.doe@example.com")
    new = scrubjay.Engine(inline(keys, "k2")).redact("bob@example.org")
    assert only_token(new)[1] == "k2"
    forgotten = scrubjay.KeyRing.from_json(ring_json({"k2": keys["k2"]}))
    engine = scrubjay.Engine(inline(keys, "k2"))
    assert engine.reveal(f"{old} {new}", forgotten) == f"{old} bob@example.org"


def test_a_tampered_token_is_left():
    keys = {"k1": new_key()}
    engine = scrubjay.Engine(inline(keys, "k1"))
    redacted = engine.redact("mail jane.doe@example.com and bob@example.org")
    first = TOKEN.search(redacted)
    assert first is not None
    body = first.group(3)
    # The first character of the body carries six bits of the ciphertext.
    changed = ("B" if body[0] == "A" else "A") + body[1:]
    tampered = redacted.replace(body, changed)
    assert tampered != redacted
    ring = scrubjay.KeyRing.from_json(ring_json(keys))
    assert engine.reveal(tampered, ring) == \
        f"mail {first.group(0).replace(body, changed)} and bob@example.org"


def test_rotation_keeps_old_tokens_readable():
    k1 = new_key()
    before = scrubjay.Engine(inline({"k1": k1}, "k1"))
    old = before.redact("jane.doe@example.com")
    rotated = {"k1": k1, "k2": new_key()}
    after = scrubjay.Engine(inline(rotated, "k2"))
    new = after.redact("jane.doe@example.com")
    assert only_token(old)[1] == "k1"
    assert only_token(new)[1] == "k2"
    ring = scrubjay.KeyRing.from_json(ring_json(rotated, active="k2"))
    assert ring.ids == ["k1", "k2"]
    assert ring.active == "k2"
    assert after.reveal(f"{old} / {new}", ring) == "jane.doe@example.com / jane.doe@example.com"
    # The old engine, with the new ring, reads both too.
    assert before.reveal(f"{old} / {new}", ring) == "jane.doe@example.com / jane.doe@example.com"


def test_reveal_reads_a_long_text():
    keys = {"k1": new_key()}
    engine = scrubjay.Engine(inline(keys, "k1"))
    text = "x" * 20_000 + " jane.doe@example.com " + "é" * 10_000
    redacted = engine.redact(text)
    assert redacted != text
    assert engine.reveal(redacted, scrubjay.KeyRing.from_json(ring_json(keys))) == text


def test_pseudonyms_are_consistent_within_one_attribute_map():
    engine = scrubjay.Engine({"version": 1, "builtins": ["email"],
                              "content": [{"builtin": "email", "action": "pseudonym"}]})
    attrs = {"from": "b@x.io", "to": "a@x.io", "msg": "reply to b@x.io, cc a@x.io", "n": 3}
    assert engine.redact_attributes(attrs) == \
        {"from": "<email_1>", "to": "<email_2>", "msg": "reply to <email_1>, cc <email_2>", "n": 3}
    # Numbers start again in another map.
    assert engine.redact_attributes({"to": "a@x.io"}) == {"to": "<email_1>"}
    report = engine.new_report()
    engine.redact_attributes(attrs, report=report)
    assert report.actions == {"pseudonym": 4}


def tenant_engine(keys):
    policy = inline(keys, "k1", key_id_from=["tenant.id", "org.id"])
    policy["fields"] = [{"keys": ["enduser.id"], "action": "tokenize"}]
    return scrubjay.Engine(policy)


def test_a_flat_dict_names_its_token_key_wherever_the_key_is():
    keys = {"k1": new_key(), "acme": new_key(), "globex": new_key()}
    engine = tenant_engine(keys)
    ring = scrubjay.KeyRing.from_json(ring_json(keys))
    first = engine.redact_attributes({"tenant.id": "acme", "enduser.id": "u-10293"})
    last = engine.redact_attributes({"enduser.id": "u-10293", "tenant.id": "acme"})
    assert last == first
    assert only_token(first["enduser.id"])[:2] == ("enduser.id", "acme")
    assert engine.reveal(first["enduser.id"], ring) == "u-10293"
    # The first of key_id_from's keys the dict holds names it, wherever it comes.
    ranked = engine.redact_attributes({"org.id": "globex", "enduser.id": "u-10293",
                                       "tenant.id": "acme"})
    assert ranked["enduser.id"] == first["enduser.id"]
    assert only_token(engine.redact_attributes(
        {"org.id": "globex", "enduser.id": "u-1"})["enduser.id"])[1] == "globex"
    # Without it (or with one that is not text) the ring's active key.
    assert only_token(engine.redact_attributes({"enduser.id": "u-1"})["enduser.id"])[1] == "k1"
    assert only_token(engine.redact_attributes(
        {"tenant.id": 7, "enduser.id": "u-1"})["enduser.id"])[1] == "k1"


def test_a_dict_token_key_reaches_its_nested_values():
    keys = {"k1": new_key(), "acme": new_key()}
    engine = tenant_engine(keys)
    out = engine.redact_attributes({"mails": ["jane.doe@example.com"], "tenant.id": "acme",
                                    "child": {"m": "bob@example.org"}})
    assert only_token(out["mails"][0])[1] == "acme"
    assert only_token(out["child"]["m"])[1] == "acme"
    ring = scrubjay.KeyRing.from_json(ring_json(keys))
    assert engine.reveal(out["child"]["m"], ring) == "bob@example.org"


def test_a_token_key_the_ring_lacks_fails_closed_and_is_counted():
    engine = tenant_engine({"k1": new_key()})
    report = engine.new_report()
    out = engine.redact_attributes(
        {"tenant.id": "initech", "enduser.id": "u-1", "note": "mail jane.doe@example.com"},
        report=report)
    assert out == {"tenant.id": "initech", "enduser.id": "[REDACTED:enduser.id]",
                   "note": "mail [REDACTED:email]"}
    assert report.fail_closed == {"token_key_unavailable": 2}
    assert report.actions == {"mask": 2}
    report.clear()
    engine.redact_attributes({"enduser.id": "u-1", "note": "jane.doe@example.com"}, report=report)
    assert report.fail_closed == {}
    assert report.actions == {"tokenize": 2}
    assert report.counts == {"email": 1, "enduser.id": 1}


def test_key_ring_errors_name_the_problem_and_no_key():
    with pytest.raises(scrubjay.KeyRingError) as err:
        scrubjay.KeyRing.from_json("{not json")
    assert isinstance(err.value, ValueError)
    assert str(err.value).startswith("the key ring is not valid JSON: ")
    short = new_key(16)
    with pytest.raises(scrubjay.KeyRingError) as err:
        scrubjay.KeyRing.from_json(ring_json({"k1": short}))
    assert str(err.value) == "key `k1` has 16 bytes; AES-SIV takes 32 or 64"
    with pytest.raises(scrubjay.KeyRingError) as err:
        scrubjay.KeyRing.from_json(ring_json({"k1": new_key()}, active="k2"))
    assert str(err.value) == "the key ring has no key `k2`"
    with pytest.raises(scrubjay.KeyRingError) as err:
        scrubjay.KeyRing.from_file("/nonexistent/scrubjay-keys.json")
    assert str(err.value).startswith("cannot read key ring /nonexistent/scrubjay-keys.json: ")
    with pytest.raises(TypeError):
        scrubjay.Engine().reveal("text", "keys")  # type: ignore[arg-type]


def test_a_key_file_error_names_the_file(tmp_path):
    path = tmp_path / "keys.json"
    path.write_text('{"version": 2, "keys": []}')
    with pytest.raises(scrubjay.KeyRingError) as err:
        scrubjay.KeyRing.from_file(path)
    assert str(err.value) == f"{path}: key ring `version` must be 1"


def test_a_ring_shows_its_ids_and_never_its_keys():
    keys = {"k1": new_key(), "k-2.b_3": new_key(32)}
    ring = scrubjay.KeyRing.from_json(ring_json(keys, active="k1"))
    assert repr(ring) == "KeyRing(ids=['k1', 'k-2.b_3'], active='k1')"
    assert str(ring) == repr(ring)
    assert ring.ids == ["k1", "k-2.b_3"]
    empty = scrubjay.KeyRing.from_json('{"keys": []}')
    assert (empty.ids, empty.active, repr(empty)) == ([], None, "KeyRing(ids=[], active=None)")
    for key in keys.values():
        assert key not in repr(ring)


def test_the_readme_round_trip_runs(tmp_path, monkeypatch):
    readme = (pathlib.Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Reversible tokens"):]
    section = section[:section.index("\n## ", 1)]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(code.strip().splitlines()) == 3
    (tmp_path / "keys.json").write_text(ring_json({"2026-12": new_key()}, active="2026-12"))
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md reversible tokens", "exec"), {"scrubjay": scrubjay})

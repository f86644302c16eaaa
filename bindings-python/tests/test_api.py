"""The Python API: construction, typing of results, errors, reports, fail-closed behaviour."""

import doctest
import json
import pathlib
import types

import pytest

import scrubjay
import scrubjay._scrubjay as native

REPO = pathlib.Path(__file__).resolve().parents[2]


def test_version_matches_the_workspace():
    cargo = (REPO / "Cargo.toml").read_text()
    assert f'version = "{scrubjay.__version__}"' in cargo


def test_policy_as_dict_json_yaml_and_file(tmp_path):
    as_dict = {"version": 1, "builtins": "none",
               "content": [{"id": "ticket", "pattern": "TICKET-[0-9]{6}"}]}
    yaml = "version: 1\nbuiltins: none\ncontent:\n  - id: ticket\n    pattern: 'TICKET-[0-9]{6}'\n"
    path = tmp_path / "policy.yaml"
    path.write_text(yaml)
    engines = [scrubjay.Engine(as_dict), scrubjay.Engine(json.dumps(as_dict)),
               scrubjay.Engine(yaml), scrubjay.Engine.from_file(path), scrubjay.Engine.from_file(str(path))]
    for e in engines:
        assert e.redact("see TICKET-123456 from a@b.io") == "see [REDACTED:ticket] from a@b.io"
        assert e.rules == ["ticket"]


def test_policy_errors_name_rule_field_and_position():
    with pytest.raises(scrubjay.PolicyError) as err:
        scrubjay.Engine({"version": 1, "content": [{"id": "pin", "pattern": "pin=(?=[0-9])"}]})
    e = err.value
    assert isinstance(e, ValueError)
    assert (e.rule, e.field) == ("pin", "pattern")
    assert isinstance(e.position, int)
    assert "pin" in str(e)
    with pytest.raises(scrubjay.PolicyError) as err:
        scrubjay.Engine('{"version": 1, "content": [}')
    assert err.value.line == 1 and err.value.column is not None
    with pytest.raises(TypeError):
        scrubjay.Engine(42)  # type: ignore[arg-type]
    with pytest.raises(OSError):
        scrubjay.Engine.from_file("/no/such/policy.json")


def test_unchanged_strings_come_back_as_the_same_object():
    engine = scrubjay.Engine()
    text = "GET /health 200 in 3 ms trace 4bf92f3577b34da6a3ce929d0e0e4736"
    assert engine.redact(text) is text
    attrs = {"http.route": text, "count": 10**20, "ok": True, "none": None, "ratio": 0.5}
    out = engine.redact_attributes(attrs)
    assert out == attrs and out is not attrs
    for key in attrs:
        assert out[key] is attrs[key]


def test_attributes_keep_types_and_walk_nested_values():
    engine = scrubjay.Engine()
    attrs = {
        "http.request.header.authorization": "Bearer abc123def456",
        "user": {"password": "hunter2", "id": 42, "tags": ("vip", "x@y.io")},
        "retries": 3, "latency": 1.5, "cached": False, "parent": None,
        "payment.ref": 4111111111111111,
        "big": 10**30,
        "raw": b"mail a@b.io",
        7: "int key, j@k.io",
    }
    out = engine.redact_attributes(attrs)
    assert out["http.request.header.authorization"] == "Bearer [REDACTED]"
    assert out["user"] == {"password": "[REDACTED:password]", "id": 42, "tags": ("vip", "[REDACTED:email]")}
    assert isinstance(out["user"]["tags"], tuple)
    assert (out["retries"], out["latency"], out["cached"], out["parent"]) == (3, 1.5, False, None)
    assert out["payment.ref"] == "[REDACTED:credit_card]"
    assert out["big"] == 10**30
    assert out["raw"] == "mail [REDACTED:email]"
    assert out[7] == "int key, [REDACTED:email]"
    assert attrs["user"]["password"] == "hunter2", "the input is not modified"


def test_attributes_keep_key_order_through_replace_and_remove():
    engine = scrubjay.Engine({"version": 1, "fields": [
        {"keys": ["drop.me"], "action": "remove"},
        {"keys": ["nested"], "action": "remove"},
    ]})
    attrs = {"a": 1, "drop.me": "x", "mail": "j@k.io", "nested": {"x": 1}, "z": "end"}
    out = engine.redact_attributes(attrs)
    assert list(out.items()) == [("a", 1), ("mail", "[REDACTED:email]"), ("z", "end")]
    assert type(out) is dict


def test_dict_subclass_is_read_from_its_storage():
    class Sneaky(dict):
        """A mapping whose overridden accessors would show other values than it stores."""

        def keys(self):
            return ["safe"]

        def __getitem__(self, key):
            return "clean"

        def __iter__(self):
            return iter(["safe"])

    attrs = Sneaky({"mail": "j@k.io", "n": 3})
    out = scrubjay.Engine().redact_attributes(attrs)
    assert type(out) is dict
    assert dict.items(out) == {"mail": "[REDACTED:email]", "n": 3}.items()


def test_deep_structures_fail_closed():
    engine = scrubjay.Engine()
    deep = current = {}
    for _ in range(10_000):
        current["child"] = {}
        current = current["child"]
    current["email"] = "a@b.io"
    report = engine.new_report()
    out = engine.redact_attributes({"root": deep}, report)
    assert "a@b.io" not in repr(out)
    assert "[REDACTED:too_deep]" in repr(out)
    assert report.fail_closed == {"too_deep": 1}


def test_oversized_values_and_invalid_utf8_fail_closed():
    engine = scrubjay.Engine({"version": 1, "limits": {"max_value_bytes": 64}})
    report = engine.new_report()
    assert engine.redact("x" * 100, report) == "[REDACTED:too_large]"
    assert report.fail_closed == {"too_large": 1}
    out = scrubjay.Engine().redact_bytes(b"\xff\xfe card 4111-1111-1111-1111 \xc3")
    assert b"4111" not in out and b"[REDACTED:credit_card]" in out
    assert out.startswith(b"\xff\xfe")



def test_a_value_that_empties_its_mapping_while_converted_is_still_redacted():
    engine = scrubjay.Engine()
    attrs: dict = {}

    class Clearing:
        def __str__(self) -> str:
            attrs.clear()  # the walk reads its own copy: nothing it holds goes away
            return "mail a@example.com"

    attrs.update({"a": "x" * 50, "evil": Clearing(), "b": "card 4111 1111 1111 1111"})
    out = engine.redact_attributes(attrs)
    assert attrs == {}
    assert out == {
        "a": "x" * 50,
        "evil": "mail [REDACTED:email]",
        "b": "card [REDACTED:credit_card]",
    }


def test_lone_surrogates_raise_instead_of_passing_through():
    engine = scrubjay.Engine()
    for attrs in (
        {"note": "card 4111 1111 1111 1111 \ud800"},
        {"key\udc00": "card 4111 1111 1111 1111"},
        {"nested": {"note": "x\ud800"}},
    ):
        with pytest.raises(UnicodeEncodeError):
            engine.redact_attributes(attrs)
    with pytest.raises(UnicodeEncodeError):
        engine.redact("card 4111 1111 1111 1111 \ud800")
    # Non-ASCII text is read in place, with its offsets and bytes intact.
    assert engine.redact_attributes({"ключ": "é user@example.com ✓"}) == {
        "ключ": "é [REDACTED:email] ✓"
    }

def test_report_counts_rules_actions_and_matches_scan():
    engine = scrubjay.Engine()
    report = engine.new_report()
    text = "a@b.io and c@d.io paid with 4111 1111 1111 1111"
    engine.redact(text, report)
    engine.redact_attributes({"db.password": "x"}, report=report)
    assert report.counts == {"email": 2, "credit_card": 1, "password": 1}
    assert report.total == 4
    assert report.actions == {"mask": 4}
    scanned = {}
    for f in engine.scan(text):
        scanned[f.rule] = scanned.get(f.rule, 0) + 1
    assert scanned == {"email": 2, "credit_card": 1}
    report.clear()
    assert report.total == 0


def test_scan_offsets_are_str_indices_and_findings_are_frozen():
    engine = scrubjay.Engine()
    text = "Ошибка для john@example.com"
    [f] = engine.scan(text)
    assert text[f.start:f.end] == "john@example.com"
    assert (f.rule, f.path) == ("email", None)
    with pytest.raises(AttributeError):
        f.rule = "x"  # type: ignore[misc]
    assert f == engine.scan(text)[0] and hash(f) == hash(engine.scan(text)[0])


def test_sanitizers():
    engine = scrubjay.Engine()
    assert engine.sanitize_url("https://u:p@h.example/a?token=abc&page=2#frag") == \
        "https://REDACTED:REDACTED@h.example/a?token=REDACTED&page=2"
    assert engine.normalize_sql("SELECT * FROM t WHERE a = 'x' AND b IN (1, 2)") == \
        "SELECT * FROM t WHERE a = ? AND b IN (?)"
    assert engine.sanitize_header("authorization", "Basic dXNlcjpwYXNz") == "Basic [REDACTED]"
    bag = engine.sanitize_baggage("user.id=42,tenant.id=acme")
    assert bag.header == "tenant.id=acme"
    assert bag.violations == [("user.id", "blocked_key")]
    ok = engine.validate_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    assert ok and ok.valid and ok.reason is None
    bad = engine.validate_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")
    assert not bad and bad.reason


def test_normalize_sql_reads_the_dialect_it_is_named():
    engine = scrubjay.Engine()
    sql = 'SELECT "Id" FROM t WHERE name = "Kim Lee" # who'
    for dialect, expected in [
        (None, "SELECT ? FROM t WHERE name = ? # who"),
        ("", "SELECT ? FROM t WHERE name = ? # who"),
        ("generic", "SELECT ? FROM t WHERE name = ? # who"),
        ("mysql", "SELECT ? FROM t WHERE name = ?"),
        ("MariaDB", "SELECT ? FROM t WHERE name = ?"),
        ("sqlite", "SELECT ? FROM t WHERE name = ? # who"),
        ("postgresql", sql),
        ("postgres", sql),
        ("mssql", sql),
        ("microsoft.sql_server", sql),
        ("oracle", sql),
        ("oracle.db", sql),
    ]:
        assert engine.normalize_sql(sql, dialect) == expected, dialect
        assert engine.normalize_sql(sql, dialect=dialect) == expected, dialect
    assert engine.normalize_sql(sql) == engine.normalize_sql(sql, "generic")


def test_normalize_sql_names_an_unknown_dialect():
    engine = scrubjay.Engine()
    with pytest.raises(ValueError) as err:
        engine.normalize_sql("SELECT 1", "h2database")
    message = str(err.value)
    assert "h2database" in message
    for name in ["postgresql", "mysql", "mariadb", "mssql", "oracle", "sqlite", "generic",
                 "db.system.name"]:
        assert name in message, name
    with pytest.raises(TypeError):
        engine.normalize_sql("SELECT 1", 5)  # type: ignore[arg-type]


def test_attributes_read_statements_in_the_dialect_of_db_system():
    engine = scrubjay.Engine()
    statement = 'SELECT * FROM t WHERE name = "Kim Lee" # who'
    attrs = {"db.system.name": "mysql", "db.statement": statement}
    out = engine.redact_attributes(attrs)
    assert out == {"db.system.name": "mysql", "db.statement": "SELECT * FROM t WHERE name = ?"}
    # The dialect holds for the whole dict, whichever key comes first.
    reversed_order = dict(reversed(list(attrs.items())))
    assert list(reversed_order) == ["db.statement", "db.system.name"]
    assert engine.redact_attributes(reversed_order) == out
    # db.system when db.system.name is absent; a name no dialect has reads as none.
    assert engine.redact_attributes({"db.statement": statement, "db.system": "mariadb"}) == \
        {"db.statement": "SELECT * FROM t WHERE name = ?", "db.system": "mariadb"}
    assert engine.redact_attributes({"db.statement": statement, "db.system.name": "h2database"}) == \
        {"db.statement": "SELECT * FROM t WHERE name = ? # who", "db.system.name": "h2database"}
    assert engine.redact_attributes({"db.statement": statement}) == \
        {"db.statement": "SELECT * FROM t WHERE name = ? # who"}


def test_attributes_dialect_reaches_nested_values_as_in_the_tree_walk():
    engine = scrubjay.Engine()
    statement = 'SELECT "Id" FROM t WHERE a = 1'
    attrs = {
        "db.statement": statement,
        "child": {"db.statement": statement},
        "db.system.name": "postgresql",
        "n": 3,
    }
    out = engine.redact_attributes(attrs)
    kept = 'SELECT "Id" FROM t WHERE a = ?'
    assert out == {"db.statement": kept, "child": {"db.statement": kept},
                   "db.system.name": "postgresql", "n": 3}
    # A mapping that is not a dict takes the core's walk of the whole tree.
    assert engine.redact_attributes(types.MappingProxyType(attrs)) == out
    # A db.system.name that is not text names no dialect, as in the core's walk.
    assert engine.redact_attributes({"db.statement": statement, "db.system.name": 5,
                                     "db.system": "postgresql"})["db.statement"] == \
        "SELECT ? FROM t WHERE a = ?"


def test_default_policy_text_round_trips():
    text = scrubjay.default_policy()
    assert json.loads(text)["version"] == 1
    assert scrubjay.Engine(text).redact("a@b.io") == "[REDACTED:email]"


def test_native_docstring_examples_run():
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    tests = [t for t in finder.find(native.Engine, "Engine", globs={}) if t.examples]
    assert tests, "Engine's docstring has examples"
    for t in tests:
        runner.run(t)
    assert runner.failures == 0

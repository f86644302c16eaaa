"""Structures that share or contain their own parts: each container is entered once (a
container inside itself is written as "[Circular]", one met again by another path as
"[Shared]"), past limits.max_nodes values fail closed, and past 16 times max_value_bytes of
text strings are dropped, so that one call costs a bounded time and memory."""

import subprocess
import sys
import textwrap

import scrubjay


def shared_chain(levels, leaf):
    """A dict per level holding the level below twice: 2 ** levels paths to the leaf."""
    node = {"leaf": leaf}
    for _ in range(levels):
        node = {"a": node, "b": node}
    return node


def test_a_dict_inside_itself_is_written_as_circular():
    engine = scrubjay.Engine()
    loop = {"name": "jane@example.org"}
    loop["self"] = loop
    loop["items"] = [loop, "ok"]
    assert engine.redact_attributes(loop) == {
        "name": "[REDACTED:email]",
        "self": "[Circular]",
        "items": ["[Circular]", "ok"],
    }
    assert engine.redact_attributes({"outer": loop}) == {
        "outer": {"name": "[REDACTED:email]", "self": "[Circular]", "items": ["[Circular]", "ok"]}
    }


def test_a_list_inside_itself_and_a_cycle_through_a_tuple():
    engine = scrubjay.Engine()
    items = ["jane@example.org"]
    items.append(items)
    holder = {"t": None}
    holder["t"] = ({"back": holder},)
    out = engine.redact_attributes({"items": items, "holder": holder})
    assert out == {
        "items": ["[REDACTED:email]", "[Circular]"],
        "holder": {"t": ({"back": "[Circular]"},)},
    }


def test_a_shared_child_is_written_where_it_is_first_met():
    engine = scrubjay.Engine()
    child = {"mail": "jane@example.org"}
    out = engine.redact_attributes({"x": child, "y": [child, child]})
    assert out == {"x": {"mail": "[REDACTED:email]"}, "y": ["[Shared]", "[Shared]"]}
    assert child == {"mail": "jane@example.org"}, "the input is not modified"
    # Met first inside a nested entry, then again in a later one (the per-entry path).
    out = engine.redact_attributes({"n": 1, "x": [child], "y": {"c": child}})
    assert out == {"n": 1, "x": [{"mail": "[REDACTED:email]"}], "y": {"c": "[Shared]"}}


def test_values_past_max_nodes_fail_closed_in_walk_order():
    # Root 1, a 2, b 3, b.c 4, b.d 5, e 6: with max_nodes 4 the last two are past the budget,
    # and the per-entry shortcut for dicts must count the same way as the core's walk.
    engine = scrubjay.Engine({"version": 1, "limits": {"max_nodes": 4}})
    report = engine.new_report()
    out = engine.redact_attributes({"a": "x", "b": {"c": "y", "d": "z"}, "e": "w"}, report)
    assert out == {"a": "x", "b": {"c": "y", "d": "[REDACTED:too_large]"}, "e": "[REDACTED:too_large]"}
    assert report.fail_closed == {"too_large": 2}
    # Scalars alone past the budget.
    out = engine.redact_attributes({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    assert out == {"a": 1, "b": 2, "c": 3, "d": "[REDACTED:too_large]", "e": "[REDACTED:too_large]"}
    # A container before the one that crosses the budget, and values after it.
    engine = scrubjay.Engine({"version": 1, "limits": {"max_nodes": 6}})
    report = engine.new_report()
    out = engine.redact_attributes({"p": [1, 2], "b": {"c": 1, "d": 2, "e": 3}, "z": 1}, report)
    marker = "[REDACTED:too_large]"
    assert out == {"p": [1, 2], "b": {"c": 1, "d": marker, "e": marker}, "z": marker}
    assert report.fail_closed == {"too_large": 3}
    # Within the budget nothing changes.
    assert engine.redact_attributes({"a": 1, "b": [2]}) == {"a": 1, "b": [2]}


def test_a_shared_chain_is_entered_once_per_level():
    report = scrubjay.Engine().new_report()
    out = scrubjay.Engine().redact_attributes({"x": shared_chain(40, "jane@example.org")}, report)
    node = out["x"]
    for level in range(40):
        assert node["b"] == "[Shared]", level
        node = node["a"]
    assert node == {"leaf": "[REDACTED:email]"}
    assert report.fail_closed == {}


def test_distinct_containers_past_max_nodes_fail_closed_and_nothing_leaks():
    engine = scrubjay.Engine({"version": 1, "limits": {"max_nodes": 1000}})
    report = engine.new_report()
    wide = {"items": [{"mail": f"user{i}@example.org"} for i in range(2000)]}
    out = engine.redact_attributes(wide, report)
    text = repr(out)
    assert "@example.org" not in text
    assert "[REDACTED:too_large]" in text
    assert report.fail_closed["too_large"] >= 1


def test_one_string_reached_from_many_places_is_dropped_past_the_text_budget():
    engine = scrubjay.Engine({"version": 1, "limits": {"max_value_bytes": 1024}})
    big = "mail jane@example.org " * 40
    kept = (16 * 1024) // len(big)
    for value in ({"list": [big] * 100}, {f"k{i}": big for i in range(100)}):
        report = engine.new_report()
        out = engine.redact_attributes(value, report)
        items = out["list"] if "list" in out else list(out.values())
        assert sum(item is not None for item in items) == kept
        assert all(item is None or "jane@" not in item for item in items)
        assert report.fail_closed["too_large"] == 100 - kept


def test_a_wide_shared_graph_with_the_default_policy_finishes():
    # Expanded, a 40-level chain is 2 ** 41 dicts: before each object was entered once the
    # process ran out of memory. A subprocess with a timeout, so that a regression fails the
    # test instead of the run.
    code = textwrap.dedent(
        """
        import resource, scrubjay
        node = {"leaf": "jane@example.org"}
        for _ in range(40):
            node = {"a": node, "b": node, "c": [node, node]}
        out = scrubjay.Engine().redact_attributes({"x": node})
        assert "jane@example.org" not in repr(out)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[0]) < 1024 * 1024


def test_the_policy_dict_itself_may_not_loop():
    policy = {"version": 1}
    policy["limits"] = policy
    try:
        scrubjay.Engine(policy)
    except scrubjay.PolicyError as err:
        assert "limits" in str(err)
    else:
        raise AssertionError("a policy with a loop compiled")

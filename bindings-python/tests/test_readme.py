"""The README's Python examples run as written."""

import base64
import json
import os
import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def python_blocks():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python"):]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_three_examples():
    assert len(python_blocks()) == 3


@pytest.mark.parametrize("index", range(3))
def test_readme_example(index):
    code = python_blocks()[index]
    exec(compile(code, f"README.md python example {index + 1}", "exec"), {"__name__": "readme"})


def test_the_token_round_trip_runs(tmp_path, monkeypatch):
    """The "Reversible tokens" example, in a directory where `scrubjay keys new` left a ring."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Reversible tokens"):]
    section = section[: section.index("\n## ", 1)]
    (code,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    key = base64.urlsafe_b64encode(os.urandom(64)).rstrip(b"=").decode()
    ring = {"active": "2026-12-07", "keys": [{"id": "2026-12-07", "key": key}]}
    (tmp_path / "keys.json").write_text(json.dumps(ring), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md token example", "exec"), {"__name__": "readme"})

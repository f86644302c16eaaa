"""The README's Python examples run as written."""

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

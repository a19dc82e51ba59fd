"""docs/explanation/design.md describes each case's ``compute`` result truthfully."""

import dataclasses
import importlib
import inspect
import re
from pathlib import Path

import pytest

DESIGN = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "design.md"


def _sentence() -> str:
    text = " ".join(DESIGN.read_text(encoding="utf-8").split())
    m = re.search(r"`compute` \(a dataclass of numbers and pandas tables.*?\)\)?,", text)
    assert m, "design.md no longer describes what compute returns"
    return m.group(0)


def _fields(case: str) -> set:
    mod = importlib.import_module(f"govgames.analyses.{case}")
    ann = inspect.signature(mod.compute).return_annotation
    cls = getattr(mod, ann) if isinstance(ann, str) else ann
    assert dataclasses.is_dataclass(cls), f"{case}.compute does not return a dataclass"
    return {f.name for f in dataclasses.fields(cls)}


def test_design_names_the_cases_with_and_without_key_numbers():
    s = _sentence()
    assert "its `key_numbers` the numbers" not in s  # the old claim that every case has one
    with_k, without_k = s.split("while others")
    named_with = re.findall(r"`(\w+)`", with_k.split("such as", 1)[1])
    named_without = re.findall(r"`(\w+)`", without_k)
    named_with = [c for c in named_with if c not in ("key_numbers", "run")]
    named_without = [c for c in named_without if c not in ("key_numbers", "run")]
    assert named_with and named_without
    for case in named_with:
        assert "key_numbers" in _fields(case), case
    for case in named_without:
        assert "key_numbers" not in _fields(case), case


@pytest.mark.parametrize("case", ["trust", "river", "air_pollution", "governance_modes",
                                  "club_growth", "intervention"])
def test_compute_returns_a_dataclass(case):
    assert _fields(case)

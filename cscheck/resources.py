"""Where the shipped data lives: inside the wheel (cscheck/data/…) or, in a source checkout, at the
top of the repository (rules/, reference_texts/, tests/rules/)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPOSITORY = _PACKAGE.parent


def _data(name: str) -> Path:
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir():
        return packaged
    return _REPOSITORY / name


def rules_dir() -> Path:
    return _data("rules")


def reference_dir() -> Path:
    return _data("reference_texts")


def guide(name: str) -> Path:
    """A page of the documentation that the command line shows itself (`cscheck explain config`): in the
    wheel under cscheck/data/docs, in a checkout in docs/ (one source for both)."""
    return _data("docs") / name


def cases_dir() -> Path:
    """The rule cases (one file per rule): tests/rules in a checkout, cscheck/data/rule-cases in the wheel."""
    packaged = _PACKAGE / "data" / "rule-cases"
    return packaged if packaged.is_dir() else _REPOSITORY / "tests" / "rules"

"""Rule cases: one small file per rule (tests/rules/<rule>.yaml) with changes to a real document and the findings
they must give, and neutral changes that must give none. The test suite runs them all; `cscheck explain RULE`
shows one bad and one good example from them."""

# no `from __future__ import annotations`: see cscheck/rules/model.py

from pathlib import Path
from typing import Any, Literal

import msgspec
import yaml

from cscheck.model import Severity
from cscheck.resources import cases_dir

Document = Literal["mini", "overeenkomst", "overeenkomst-1.3", "inkoop-toelatingsprocedure", "inkoop-sas-met-emvi",
                   "inkoop-sas-zonder-emvi", "inkoop-1.3-toelatingsprocedure", "brief"]


class Expect(msgspec.Struct, forbid_unknown_fields=True):
    """A finding the case must give: rule (default: the file's), the standard's article and lid, and optionally
    the document's own label and the severity."""

    rule: str | None = None
    article: str | None = None
    lid: str | None = None
    label: str | None = None
    severity: Severity | None = None


class Add(msgspec.Struct, forbid_unknown_fields=True):
    """Own text added to the document: a new own article in a deel, a paragraph at the end of an article, lid or
    section (an inkoopdocument's section by its number, "2.1.4"), or a line in the overwegingen or definities."""

    text: str
    deel: Literal["1", "2", "3"] | None = None
    article: str | None = None
    lid: str | None = None
    section: str | None = None
    title: str = "Eigen afspraken"


class Replace(msgspec.Struct, forbid_unknown_fields=True):
    old: str
    new: str
    count: int = 1


class Case(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    note: str = ""  # what the change is, in Dutch (shown by `cscheck explain` when there is no own text)
    document: Document = "overeenkomst"
    producer: str | None = None  # default: pandoc (overeenkomst), heading-numbering (inkoopdocument), md (mini)
    invulling: dict[str, Any] = {}  # choices of the gemeente (tests/fixtures)
    add: Add | None = None
    replace: list[Replace] = []
    mutation: str | None = None  # a deviation of tests/fixtures (afwijkingen, afwijkingen_inkoop)
    # Word: give the paragraph holding this text a highlight colour, hide it, track an insertion, comment on it
    highlight: str | None = None
    hidden: str | None = None
    tracked: str | None = None
    comment: str | None = None
    # a submission (tests/fixtures/submission.py) of this kind, checked as a set; `check`: whose findings count
    submission: str | None = None
    check: Literal["overeenkomst", "inkoopdocument"] = "overeenkomst"
    expect: list[Expect] = []

    def example(self) -> str:
        """What the case shows a reader: its own text, else its note, else the new words of its replacement."""
        if self.add is not None:
            return " ".join(self.add.text.split())
        return self.note or (self.replace[0].new.strip() if self.replace else "")


class CaseFile(msgspec.Struct, forbid_unknown_fields=True):
    rule: str
    cases: list[Case]


def load_cases(rule: str, folder: Path | None = None) -> CaseFile | None:
    path = (folder or cases_dir()) / f"{rule}.yaml"
    if not path.exists():
        return None
    return msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), CaseFile, strict=False)


def examples(rule: str, folder: Path | None = None) -> tuple[str | None, str | None]:
    """(bad, good): the text of the first case that gives this rule's finding, and of the first neutral case (one
    named "neutraal …" first) that gives none."""
    cases = load_cases(rule, folder)
    if cases is None:
        return None, None
    bad = next((c.example() for c in cases.cases if c.example()
                and any((e.rule or rule) == rule for e in c.expect)), None)
    neutral = [c for c in cases.cases if c.example() and not c.expect]
    good = next((c.example() for c in sorted(neutral, key=lambda c: not c.name.startswith("neutraal"))), None)
    return bad, good

"""A rule as it is written in its YAML file (`rules/<name>.yaml`).

A rule names detectors by kind. What every detector has (where it looks, its severity and message) is
`Detector`; each kind adds its own options in a subclass (cscheck/rules/kinds). Unknown fields are rejected
(`forbid_unknown_fields`, inherited by every subclass), so a misspelt option stops the rule from loading
instead of silently falling back to a default. The loader (cscheck/rules/engine.py) converts each detector
with the options of its kind and compiles the regular expressions (`regex_problems`).
"""

# no `from __future__ import annotations`: msgspec would evaluate the string annotations of every Struct when
# the rules first load (~15 ms for the shipped rules)

import re
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import msgspec

from cscheck.model import Severity

_NAME = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*(?:-[a-z0-9]+(?:\.[0-9]+)*)*")

# a regular expression: compiled when a user's rule loads (`regex_problems`); the marker is what finds it
REGEX = {"regex": True}
Regex = Annotated[str, msgspec.Meta(extra=REGEX)]


class Where(msgspec.Struct, forbid_unknown_fields=True):
    """Which parts of the document a detector looks at. Empty lists mean: no restriction."""

    delen: list[str] = []  # "1", "2", "3"
    sections: list[str] = []  # overwegingen, definities, partijen, …
    articles: list[str] = []  # the standard's numbers, "3.9", or prefixes "1.*"
    kinds: list[str] = []  # fixed | optional | own-template | free | additions
    outside_standard: bool | None = None  # True: only articles the standard does not have

    def is_empty(self) -> bool:
        return not (self.delen or self.sections or self.articles or self.kinds) and self.outside_standard is None


class When(msgspec.Struct, forbid_unknown_fields=True):
    """Conditions on the document as a whole: what it chose or uses (not where a match stands)."""

    used: Annotated[list[str], msgspec.Meta(description="standard articles the document uses (not NVT)")] = []
    not_used: Annotated[list[str], msgspec.Meta(description="standard articles absent or NVT")] = []
    procedure: list[Literal["aanbesteding", "toelating"]] = []
    uitvoeringsvariant: list[Literal["inspanningsgericht", "outputgericht", "taakgericht"]] = []

    def is_empty(self) -> bool:
        return not (self.used or self.not_used or self.procedure or self.uitvoeringsvariant)


class Pattern(msgspec.Struct, forbid_unknown_fields=True):
    regex: Regex
    severity: Severity | None = None  # overrides the detector's severity for this pattern
    message: str | None = None  # overrides the rule's message for this pattern


class Detector(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One way a rule finds problems: a kind plus the options of that kind (a subclass per kind, `kw_only=True`
    so that it may add required options)."""

    kind: str
    where: Where = msgspec.field(default_factory=Where)
    unless_where: list[Where] = []  # any of them excludes a place (a rule file may give one mapping)
    when: When = msgspec.field(default_factory=When)
    severity: Severity | None = None
    message: str | None = None
    document_types: list[str] = []  # only for these (prefix: "inkoopdocument")
    maatwerk_severity: Severity | None = None  # the severity in a maatwerkovereenkomst

    @classmethod
    def shorthand(cls, data: dict[str, Any]) -> dict[str, Any]:
        """The options as written, with the shorthands a rule file may use expanded (subclasses add theirs)."""
        if isinstance(data.get("unless_where"), dict):
            return {**data, "unless_where": [data["unless_where"]]}
        return data

    def applies(self, document_type: str) -> bool:
        return not self.document_types or any(document_type.startswith(t) for t in self.document_types)


class Rule(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: str
    code: str
    severity: Severity
    title: str
    summary: str  # one line for `cscheck rules`
    message: str  # Dutch template, see docs/rules.md for the fields
    rationale: str
    advice: str
    applies_to: list[Literal["overeenkomst", "inkoopdocument"]] = msgspec.field(
        default_factory=lambda: ["overeenkomst"])
    # findings of these rules at the same place say the same thing as this rule's: they are folded into it
    folds: list[str] = []
    detect: list[Detector]  # each converted by the loader with the options of its kind

    def name_problem(self) -> str | None:
        """Checked by the loader: a name the CLI and rule files can spell."""
        if _NAME.fullmatch(self.name):
            return None
        return "een regelnaam bestaat uit kleine letters, cijfers, streepjes en artikelnummers"


def is_regex(tp: Any) -> bool:
    """Whether a field's type is `Regex` (its marker kept in the Annotated metadata)."""
    return any(isinstance(m, msgspec.Meta) and m.extra == REGEX for m in typing.get_args(tp)[1:])


def _problems_in(tp: Any, value: Any, where: str) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, msgspec.Struct):
        yield from regex_problems(value, where)
        return
    origin = typing.get_origin(tp)
    if origin is Annotated:
        if is_regex(tp):
            try:
                re.compile(value)
            except re.error as exc:
                yield f"{where}: ongeldige reguliere expressie {value!r}: {exc}"
        else:
            yield from _problems_in(typing.get_args(tp)[0], value, where)
    elif origin is list:
        for k, item in enumerate(value):
            yield from _problems_in(typing.get_args(tp)[0], item, f"{where}.{k}")
    elif origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(tp):
            if arm is not type(None):
                yield from _problems_in(arm, value, where)


def regex_problems(value: msgspec.Struct, where: str = "") -> Iterator[str]:
    """"<where>: ongeldige reguliere expressie …" for every regular expression (a field marked `Regex`, in nested
    structs and lists too) of `value` that does not compile."""
    for field in msgspec.structs.fields(value):
        yield from _problems_in(field.type, getattr(value, field.name), f"{where}.{field.name}".lstrip("."))

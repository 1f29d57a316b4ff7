"""A rule as it is written in its YAML file (`rules/<name>.yaml`).

A rule names detectors by kind. What every detector has (where it looks, its severity and message) is
`Detector`; each kind adds its own options in a subclass with `extra="forbid"` (cscheck/rules/kinds), so a
misspelt option stops the rule from loading instead of silently falling back to a default.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from cscheck.model import Severity

_NAME = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*(?:-[a-z0-9]+(?:\.[0-9]+)*)*")


class Where(BaseModel):
    """Which parts of the document a detector looks at. Empty lists mean: no restriction."""

    model_config = ConfigDict(extra="forbid")

    delen: list[str] = Field(default_factory=list)  # "1", "2", "3"
    sections: list[str] = Field(default_factory=list)  # overwegingen, definities, partijen, …
    articles: list[str] = Field(default_factory=list)  # the standard's numbers, "3.9", or prefixes "1.*"
    kinds: list[str] = Field(default_factory=list)  # fixed | optional | own-template | free | additions
    outside_standard: bool | None = None  # True: only articles the standard does not have

    def is_empty(self) -> bool:
        return not (self.delen or self.sections or self.articles or self.kinds) and self.outside_standard is None


class When(BaseModel):
    """Conditions on the document as a whole: what it chose or uses (not where a match stands)."""

    model_config = ConfigDict(extra="forbid")

    used: list[str] = Field(default_factory=list, description="standard articles the document uses (not NVT)")
    not_used: list[str] = Field(default_factory=list, description="standard articles absent or NVT")
    procedure: list[Literal["aanbesteding", "toelating"]] = Field(default_factory=list)
    uitvoeringsvariant: list[Literal["inspanningsgericht", "outputgericht", "taakgericht"]] = Field(
        default_factory=list)

    def is_empty(self) -> bool:
        return not (self.used or self.not_used or self.procedure or self.uitvoeringsvariant)


# the shipped rules are compiled by the tests (tests/test_rules_engine.py); loading them for a check skips it
SHIPPED = {"shipped": True}


def _compiles(value: str, info: ValidationInfo) -> str:
    # two parameters, no default: pydantic passes the validation info (with the context) only then
    if info.context and info.context.get("shipped"):
        return value
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"ongeldige reguliere expressie {value!r}: {exc}") from None
    return value


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regex: str
    severity: Severity | None = None  # overrides the detector's severity for this pattern
    message: str | None = None  # overrides the rule's message for this pattern

    @field_validator("regex")
    @classmethod
    def _valid(cls, value: str, info: ValidationInfo) -> str:
        return _compiles(value, info)


Regex = Annotated[str, AfterValidator(_compiles), "regex"]  # a regular expression, checked when the rule loads


class Detector(BaseModel):
    """One way a rule finds problems: a kind plus the options of that kind (a subclass per kind)."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    where: Where = Field(default_factory=Where)
    unless_where: list[Where] = Field(default_factory=list)  # any of them excludes a place
    when: When = Field(default_factory=When)
    severity: Severity | None = None
    message: str | None = None
    document_types: list[str] = Field(default_factory=list)  # only for these (prefix: "inkoopdocument")
    maatwerk_severity: Severity | None = None  # the severity in a maatwerkovereenkomst

    @field_validator("unless_where", mode="before")
    @classmethod
    def _one_or_more(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    def applies(self, document_type: str) -> bool:
        return not self.document_types or any(document_type.startswith(t) for t in self.document_types)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    code: str
    severity: Severity
    title: str
    summary: str  # one line for `cscheck rules`
    message: str  # Dutch template, see docs/rules.md for the fields
    rationale: str
    advice: str
    applies_to: list[Literal["overeenkomst", "inkoopdocument"]] = Field(
        default_factory=lambda: ["overeenkomst"])
    # findings of these rules at the same place say the same thing as this rule's: they are folded into it
    folds: list[str] = Field(default_factory=list)
    detect: list[Detector]

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _NAME.fullmatch(value):
            raise ValueError("een regelnaam bestaat uit kleine letters, cijfers, streepjes en artikelnummers")
        return value

    @field_validator("detect", mode="before")
    @classmethod
    def _typed(cls, value: Any, info: ValidationInfo) -> Any:
        """Each detector as the model of its kind: its options are checked when the rule loads."""
        from cscheck.rules.kinds import KINDS

        if not isinstance(value, list):
            return value
        out = []
        for item in value:
            if isinstance(item, dict):
                kind = item.get("kind")
                if kind not in KINDS:
                    raise ValueError(f"onbekende soort '{kind}' (bekend: {', '.join(KINDS)})")
                item = KINDS[str(kind)].options.model_validate(item, context=info.context)
            out.append(item)
        return out

"""A rule as it is written in its YAML file (`rules/<name>.yaml`)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from cscheck.model import Severity


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


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regex: str
    severity: Severity | None = None  # overrides the detector's severity for this pattern
    message: str | None = None  # overrides the rule's message for this pattern

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class Detector(BaseModel):
    """One way a rule finds problems: a built-in kind plus the fields that kind reads."""

    model_config = ConfigDict(extra="allow")

    kind: str
    where: Where = Field(default_factory=Where)
    unless_where: Where = Field(default_factory=Where)
    severity: Severity | None = None
    message: str | None = None
    document_types: list[str] = Field(default_factory=list)  # only for these (prefix: "inkoopdocument")

    def applies(self, document_type: str) -> bool:
        return not self.document_types or any(document_type.startswith(t) for t in self.document_types)

    def option(self, name: str, default: Any = None) -> Any:
        return (self.model_extra or {}).get(name, default)


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
    detect: list[Detector]

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValueError("een regelnaam bestaat uit kleine letters, cijfers en streepjes")
        return value

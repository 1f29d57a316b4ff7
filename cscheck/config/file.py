"""The configuration file itself: its keys as a pydantic model, reading it (YAML or [tool.cscheck] in
pyproject.toml) and refusing what is wrong with a Dutch message that names the key.

Only imported when a configuration file is found: a run without one needs no validator.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cscheck.config import PYPROJECT, ConfigError
from cscheck.files import parse_yaml
from cscheck.model import FailOn, Severity


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class WaiverEntry(BaseModel):
    """One agreed deviation: a rule, optionally limited to an article and to some documents."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1)
    article: str | None = None  # the standard's numbering, "3.9"; None = every article
    documents: str | None = None  # glob relative to the configuration file; None = every document
    reason: str = Field(min_length=1)
    until: date | None = None

    @field_validator("article", mode="before")
    @classmethod
    def _article_is_text(cls, value: Any) -> Any:
        # YAML reads `article: 3.10` as the number 3.1: refuse numbers rather than guess.
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(f'zet het artikelnummer tussen aanhalingstekens, bijvoorbeeld article: "{value}"')
        return value

    def describe(self) -> str:
        where = f", artikel {self.article}" if self.article else ""
        docs = f", documenten {self.documents}" if self.documents else ""
        return f"regel {self.rule}{where}{docs}"


class Config(BaseModel):
    """The keys of cscheck.yaml (see docs/configuration.md)."""

    # only the file's spelling (fail-on), so that fail_on is refused with a hint rather than accepted
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab)

    standard: str = "auto"
    fail_on: FailOn = "error"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    waivers: list[WaiverEntry] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)  # globs skipped when a folder is searched
    in_force: dict[str, date] = Field(default_factory=dict)  # reference id ("csw-1.3") → date it is in force


KNOWN_KEYS = tuple(_kebab(name) for name in Config.model_fields)


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; raise ConfigError with a Dutch message."""
    data = _read(path)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = "\n".join(f"  - {_explain(err)}" for err in exc.errors())
        raise ConfigError(f"{path} is ongeldig:\n{problems}") from None


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} kan niet worden gelezen ({exc}).") from None
    if path.name == PYPROJECT:
        try:
            data = tomllib.loads(text).get("tool", {}).get("cscheck", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is geen geldige TOML ({exc}).") from None
    else:
        try:
            data = parse_yaml(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path} is geen geldige YAML ({exc}).") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} moet sleutels met waarden bevatten (zoals fail-on: error).")
    return data


def _where(loc: Sequence[int | str]) -> str:
    parts = []
    for item in loc:
        parts.append(f"afspraak {item + 1}" if isinstance(item, int) else str(item))
    return " → ".join(parts) or "bestand"


def _explain(err: Any) -> str:
    """A pydantic error in plain Dutch, with the key it is about."""
    loc, kind = tuple(err["loc"]), err["type"]
    key = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        known = KNOWN_KEYS if len(loc) == 1 else tuple(WaiverEntry.model_fields)
        close = difflib.get_close_matches(key, known, n=1)
        hint = f" Bedoelt u '{close[0]}'?" if close else ""
        return f"onbekende sleutel '{_where(loc)}'.{hint} Bekende sleutels: {', '.join(known)}."
    if kind == "missing":
        return f"'{_where(loc)}' ontbreekt."
    if kind in ("literal_error", "enum"):
        expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " of ")
        return f"'{_where(loc)}': '{err.get('input')}' is geen geldige waarde; kies uit {expected}."
    if kind.startswith("date"):
        return f"'{_where(loc)}': '{err.get('input')}' is geen geldige datum; schrijf JJJJ-MM-DD."
    if kind == "string_too_short":
        return f"'{_where(loc)}' mag niet leeg zijn."
    if kind == "value_error":
        return f"'{_where(loc)}': {err['ctx']['error']}."
    if kind in ("list_type", "dict_type", "string_type"):
        what = {"list_type": "een lijst", "dict_type": "sleutels met waarden", "string_type": "tekst"}[kind]
        return f"'{_where(loc)}' moet {what} zijn."
    return f"'{_where(loc)}': {err['msg']}."


def check_names(config: Config, path: Path, rules: Iterable[Any], standards: Iterable[str]) -> None:
    """Refuse rule names, codes and standards the configuration uses but cscheck does not know."""
    names = {r.name for r in rules} | {r.code.lower() for r in rules}
    used = [*config.select, *config.ignore, *config.severity, *(w.rule for w in config.waivers)]
    unknown = sorted({u for u in used if u.lower() not in names})
    if unknown:
        raise ConfigError(f"{path}: onbekende regel(s) {', '.join(unknown)}. Zie 'cscheck rules'.")
    known = list(standards)
    if config.standard != "auto" and config.standard not in known:
        raise ConfigError(f"{path}: onbekende standaard '{config.standard}'; kies auto of een van {', '.join(known)}.")



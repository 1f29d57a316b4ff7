"""The configuration file itself: its keys as a pydantic model, reading it (YAML or [tool.cscheck] in
pyproject.toml) and refusing what is wrong with a Dutch message that names the key.

Only imported when a configuration file is found: a run without one needs no validator.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator

from cscheck.config import PYPROJECT, ConfigError
from cscheck.files import Number, os_reason, parse_config_yaml
from cscheck.model import SEVERITY_NAMES, FailOn, Severity, fail_on_named, fail_on_names, severity_named
from cscheck.suggest import did_you_mean, unknown_rules


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
    def _article_is_text(cls, value: Any, info: ValidationInfo) -> Any:
        # YAML and TOML read `article: 3.10` as the number 3.1; our parsers keep the text as written (Number),
        # so it is taken as the article it says, with a notice that other programs read it otherwise.
        if isinstance(value, Number) or (isinstance(value, int) and not isinstance(value, bool)):
            notes = (info.context or {}).get("notes")
            if notes is not None:
                notes.append(_number_note(str(value), str(info.data.get("rule", ""))))
            return str(value)
        if isinstance(value, float):  # a number whose text is lost (not from our parsers): do not guess
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
    _notes: list[str] = PrivateAttr(default_factory=list)  # what was accepted but deserves a word (Dutch)

    @field_validator("fail_on", mode="before")
    @classmethod
    def _fail_on_in_dutch(cls, value: Any) -> Any:
        return (fail_on_named(value) or value) if isinstance(value, str) else value

    @field_validator("severity", mode="before")
    @classmethod
    def _severities_in_dutch(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        return {rule: (severity_named(s) or s) if isinstance(s, str) else s for rule, s in value.items()}

    @property
    def notes(self) -> list[str]:
        """Remarks about values that were accepted as meant but written in a way other tools read otherwise."""
        return list(self._notes)


KNOWN_KEYS = tuple(_kebab(name) for name in Config.model_fields)


def _number_note(article: str, rule: str) -> str:
    try:
        other = f"het getal {float(article):g}"
    except ValueError:
        other = "een getal"
    return (f"article: {article} (afspraak voor {rule or 'een regel'}) staat zonder aanhalingstekens. cscheck leest "
            f'het als artikel "{article}", maar andere programma\'s lezen {other}. Schrijf article: "{article}".')


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; raise ConfigError with a Dutch message."""
    data = _read(path)
    notes: list[str] = []
    try:
        config = Config.model_validate(data, context={"notes": notes})
    except ValidationError as exc:
        problems = "\n".join(f"  - {_explain(err)}" for err in exc.errors())
        raise ConfigError(f"{path} is ongeldig:\n{problems}") from None
    config._notes = notes
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path} kan niet worden gelezen ({os_reason(exc)}).") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} kan niet worden gelezen: het is geen tekst in UTF-8.") from None
    if path.name == PYPROJECT:
        try:
            data = tomllib.loads(text, parse_float=Number).get("tool", {}).get("cscheck", {})
        except tomllib.TOMLDecodeError as exc:
            place = re.search(r"line (\d+), column (\d+)", str(exc))
            where = f" (regel {place[1]}, kolom {place[2]})" if place else ""
            raise ConfigError(f"{path} is geen geldige TOML{where}: de opmaak klopt daar niet.") from None
    else:
        try:
            data = parse_config_yaml(text)
        except yaml.YAMLError as exc:
            raise ConfigError(yaml_problem(path, text, exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} moet sleutels met waarden bevatten (zoals fail-on: fout).")
    return data


# libyaml's problem → what a person should do about it
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "hier mag geen ':' staan; zet een waarde met een dubbele punt tussen "
                                       "aanhalingstekens"),
    ("did not find expected key", "de inspringing klopt niet, of de regel erboven sluit de waarde al af (zoals [] "
                                  "of {} na een sleutel die hier nog waarden krijgt)"),
    ("did not find expected '-' indicator", "hier hoort een lijstregel ('- …') op dezelfde inspringing als die "
                                            "erboven"),
    ("did not find expected node content", "hier ontbreekt een waarde"),
    ("did not find expected ',' or", "een haakje [ of { is niet gesloten"),
    ("found unexpected end of stream", "een aanhalingsteken is niet gesloten"),
    ("found unknown escape character", "een \\ tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("found undefined alias", "een waarde die met * begint, moet tussen aanhalingstekens"),
    ("duplicate key", "deze sleutel staat twee keer in het bestand (eerst op regel {note}); haal er een weg"),
)


def yaml_problem(path: Path, text: str, exc: yaml.YAMLError) -> str:
    """A YAML error in Dutch: the line and column, what to do, and the line itself with a mark under the place."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    reason = next((dutch.replace("{note}", str(getattr(exc, "note", ""))) for english, dutch in _YAML_PROBLEMS
                   if problem.startswith(english)), None)
    if mark is None:
        return f"{path} is geen geldige YAML: {reason or 'de opmaak klopt niet'}."
    lines = text.splitlines()
    start = getattr(exc, "context_mark", None)
    line, column = mark.line, mark.column
    if line >= len(lines) and start is not None:  # the file ended first: show where the open part began
        line, column = start.line, start.column
    if line >= len(lines) and lines:  # or the end of the last line
        line, column = len(lines) - 1, len(lines[-1])
    shown = lines[line] if line < len(lines) else ""
    if reason is None and problem.startswith("found character"):
        char = shown[column:column + 1]
        reason = ("een tab mag niet voor inspringen; gebruik spaties" if char == "\t" else
                  f"het teken {char!r} mag hier niet staan; zet de waarde tussen aanhalingstekens")
    head = f"{path} is geen geldige YAML (regel {line + 1}, kolom {column + 1}): "
    return head + f"{reason or 'de opmaak klopt hier niet'}.\n  {shown.expandtabs(1)}\n  {' ' * column}^"


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
        return f"onbekende sleutel '{_where(loc)}'.{did_you_mean(key, known)} Bekende sleutels: {', '.join(known)}."
    if kind == "missing":
        return f"'{_where(loc)}' ontbreekt."
    if kind in ("literal_error", "enum"):
        names = fail_on_names() if loc and loc[0] == "fail-on" else list(SEVERITY_NAMES.values())
        given = str(err.get("input"))
        return (f"'{_where(loc)}': '{given}' is geen geldige waarde; kies uit {', '.join(names[:-1])} of {names[-1]}."
                + did_you_mean(given, names))
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
    rules = list(rules)
    names = {r.name for r in rules} | {r.code.lower() for r in rules}
    used = [*config.select, *config.ignore, *config.severity, *(w.rule for w in config.waivers)]
    unknown = sorted({u for u in used if u.lower() not in names})
    if unknown:
        raise ConfigError(f"{path}: {unknown_rules(unknown, rules)}")
    known = list(standards)
    if config.standard != "auto" and config.standard not in known:
        hint = did_you_mean(config.standard, known)
        raise ConfigError(f"{path}: onbekende standaard '{config.standard}'.{hint} Kies auto of een van "
                          f"{', '.join(known)}.")



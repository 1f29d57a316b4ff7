"""Project configuration: `cscheck.yaml`, or `[tool.cscheck]` in `pyproject.toml`, found upward from
each checked file (the search stops at the top of the git repository).

The file is validated with pydantic; unknown keys and wrong values are refused with a Dutch message
that names the key. Command-line options override the file. Waivers ("afgesproken afwijkingen")
mark findings as waived after the check: a waived finding is shown but not counted, an expired
waiver counts again, and a waiver that matched nothing is reported as a notice.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cscheck.model import DocumentResult, FailOn, Finding, Notice, Severity, Waiver

CONFIG_FILE = "cscheck.yaml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is Dutch and names the file."""


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


KNOWN_KEYS = tuple(_kebab(name) for name in Config.model_fields)


# ---------------------------------------------------------------------------------------------
# finding and loading


def find_config(start: Path) -> Path | None:
    """The configuration file for a document or folder: the nearest one upward, not past the repository."""
    folder = start if start.is_dir() else start.parent
    return _find_in(folder.resolve())


def _find_in(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_FILE
        if config.is_file():
            return config
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        return "cscheck" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


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
            data = yaml.safe_load(text)
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


# ---------------------------------------------------------------------------------------------
# settings for one document: the file, overridden by the command line


@dataclass(frozen=True)
class Overrides:
    """What the command line says; None means: not given, take the file's value."""

    standard: str | None = None
    fail_on: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None


@dataclass
class Settings:
    """The effective settings for the documents under one configuration file."""

    config: Config
    source: Path | None  # the configuration file, None when there is none
    standard: str
    fail_on: FailOn
    select: list[str]
    ignore: list[str]

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()


def settings_for(config: Config, source: Path | None, overrides: Overrides) -> Settings:
    return Settings(
        config=config, source=source,
        standard=overrides.standard if overrides.standard is not None else config.standard,
        fail_on=overrides.fail_on if overrides.fail_on is not None else config.fail_on,  # type: ignore[arg-type]
        select=overrides.select if overrides.select is not None else list(config.select),
        ignore=overrides.ignore if overrides.ignore is not None else list(config.ignore))


class Resolver:
    """Settings per document: its configuration file (found upward, or --config), loaded and checked once."""

    def __init__(self, overrides: Overrides, explicit: Path | None = None,
                 validate: Callable[[Config, Path], None] | None = None) -> None:
        self.overrides = overrides
        self.explicit = explicit
        self.validate = validate
        self._settings: dict[Path | None, Settings] = {}
        self._sources: dict[Path, Path | None] = {}  # folder → its configuration file, looked up once

    def source(self, path: Path) -> Path | None:
        if self.explicit is not None:
            return self.explicit
        folder = Path(os.path.abspath(path if path.is_dir() else path.parent))
        if folder not in self._sources:
            self._sources[folder] = find_config(folder)
        return self._sources[folder]

    def settings(self, path: Path) -> Settings:
        source = self.source(path)
        if source not in self._settings:
            config = load_config(source) if source is not None else Config()
            if source is not None and self.validate is not None:
                self.validate(config, source)
            self._settings[source] = settings_for(config, source, self.overrides)
        return self._settings[source]

    def excluded(self, path: Path) -> bool:
        settings = self.settings(path)
        return any(matches(pattern, path, settings.root) for pattern in settings.config.exclude)

    def used(self) -> list[Settings]:
        return list(self._settings.values())


# ---------------------------------------------------------------------------------------------
# globs: gitignore-like, relative to the configuration file


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """`**` crosses folders, `*` and `?` do not; a pattern without '/' matches a file name anywhere."""
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    if pattern.endswith("/"):  # a folder: everything under it
        pattern += "**"
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(c, re.escape(c)))
        i += 1
    body = "".join(out)
    return re.compile(body if anchored else f"(?:.*/)?{body}")


def matches(pattern: str, path: Path, root: Path) -> bool:
    """Whether `path` (a document) matches `pattern`, taken relative to `root` (the config's folder)."""
    try:
        relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = Path(path).as_posix()
    return _glob_regex(pattern).fullmatch(relative) is not None


# ---------------------------------------------------------------------------------------------
# applying a configuration to a result


def _is_rule(name: str, finding: Finding) -> bool:
    return name.lower() in (finding.rule, finding.code.lower())


def _waiver_matches(entry: WaiverEntry, finding: Finding) -> bool:
    return _is_rule(entry.rule, finding) and (entry.article is None or entry.article == finding.article)


@dataclass
class WaiverUse:
    """How often each waiver of one file was in scope and used in this run."""

    in_scope: dict[int, int] = field(default_factory=dict)
    used: dict[int, int] = field(default_factory=dict)
    expired_hits: dict[int, int] = field(default_factory=dict)


def apply(result: DocumentResult, settings: Settings, use: WaiverUse, today: date | None = None) -> None:
    """Severity overrides, then waivers, then the counts and the gate of one checked document."""
    today = today or date.today()
    result.fail_on = settings.fail_on
    result.config = str(settings.source) if settings.source else None
    config = settings.config
    for finding in result.findings:
        for name, severity in config.severity.items():
            if _is_rule(name, finding):
                finding.severity = severity
    for i, entry in enumerate(config.waivers):
        if entry.documents and not matches(entry.documents, Path(result.path), settings.root):
            continue
        use.in_scope[i] = use.in_scope.get(i, 0) + 1
        for finding in result.findings:
            if finding.waived or not _waiver_matches(entry, finding):
                continue
            if entry.until is not None and entry.until < today:
                use.expired_hits[i] = use.expired_hits.get(i, 0) + 1
                continue
            finding.waived = True
            finding.waiver = Waiver(reason=entry.reason, until=entry.until, config=result.config)
            use.used[i] = use.used.get(i, 0) + 1
    result.count()


def notices(settings: Settings, use: WaiverUse, today: date | None = None) -> list[Notice]:
    """Expired waivers that matched a finding again, and waivers that matched nothing."""
    today = today or date.today()
    source = str(settings.source) if settings.source else None
    out: list[Notice] = []
    for i, entry in enumerate(settings.config.waivers):
        if use.expired_hits.get(i):
            out.append(Notice(kind="afwijking-verlopen", severity=Severity.warning, config=source, message=(
                f"De afgesproken afwijking ({entry.describe()}) gold tot {entry.until:%d-%m-%Y} en is verlopen. "
                f"De bevinding telt weer mee ({use.expired_hits[i]}×). Verleng de afspraak of pas het document aan.")))
        elif use.in_scope.get(i) and not use.used.get(i):
            out.append(Notice(kind="afwijking-ongebruikt", severity=Severity.info, config=source, message=(
                f"De afgesproken afwijking ({entry.describe()}) is niet gebruikt: er is geen bevinding die erbij "
                "past. Haal de afspraak weg als die niet meer nodig is.")))
    return out


# ---------------------------------------------------------------------------------------------
# cscheck init

STARTER = """\
# cscheck.yaml: instellingen voor cscheck in deze map en de mappen eronder.
# Opties op de opdrachtregel gaan voor. Uitleg: docs/configuration.md.

# Welke standaard: auto (cscheck herkent de versie zelf) of bijvoorbeeld csw-1.2.
standard: auto

# Wanneer faalt de controle (exit code 1)? error | warning | info | never
fail-on: error

# Alleen deze regels (naam of code, zie 'cscheck rules'); leeg = alle regels.
select: []

# Deze regels overslaan.
ignore: []

# Andere ernst voor een regel: error, warning of info.
severity: {}
#  rusland-verklaring: warning

# Mappen of bestanden die cscheck overslaat als u een map controleert.
exclude: []
#  - "concepten/**"

# Afgesproken afwijkingen: de bevinding blijft zichtbaar, maar telt niet mee.
waivers: []
#  - rule: deel3-gewijzigd
#    article: "3.9"                  # nummer in de standaard, tussen aanhalingstekens
#    documents: "contracten/*.docx"   # optioneel; standaard alle documenten
#    reason: "Afwijking afgestemd met het Ketenbureau, mail 12-10-2026"
#    until: 2027-12-31               # optioneel; daarna telt de bevinding weer mee
"""

"""Project configuration: `cscheck.yaml`, or `[tool.cscheck]` in `pyproject.toml`, found upward from
each checked file (the search stops at the top of the git repository).

The file is validated with msgspec (`file.py`, imported only when there is a file); unknown keys and
wrong values are refused with a Dutch message that names the key. Command-line options override the
file. Waivers ("afgesproken afwijkingen") mark findings as waived after the check: a waived finding is
shown but not counted, an expired waiver counts again, and a waiver that matched nothing is reported
as a notice.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from cscheck.model import DocumentResult, FailOn, Finding, Notice, Severity, Waiver

if TYPE_CHECKING:
    from cscheck.config.file import Config, WaiverEntry

CONFIG_FILE = "cscheck.yaml"
PYPROJECT = "pyproject.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message is Dutch and names the file."""


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


# ---------------------------------------------------------------------------------------------
# settings for one document: the file, overridden by the command line


class Overrides(msgspec.Struct, frozen=True):
    """What the command line says; None means: not given, take the file's value."""

    standard: str | None = None
    fail_on: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None


class Settings(msgspec.Struct):
    """The effective settings for the documents under one configuration file."""

    config: Config | None  # None when there is no file
    source: Path | None  # the configuration file, None when there is none
    standard: str
    fail_on: FailOn
    select: list[str]
    ignore: list[str]

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    @property
    def exclude(self) -> list[str]:
        return list(self.config.exclude) if self.config is not None else []

    @property
    def severity(self) -> dict[str, Severity]:
        return dict(self.config.severity) if self.config is not None else {}

    @property
    def in_force(self) -> dict[str, date]:
        return dict(self.config.in_force) if self.config is not None else {}

    @property
    def waivers(self) -> list[WaiverEntry]:
        return list(self.config.waivers) if self.config is not None else []


def settings_for(config: Config | None, source: Path | None, overrides: Overrides) -> Settings:
    def take(given: Any, key: str, default: Any) -> Any:
        if given is not None:
            return given
        return list(getattr(config, key)) if isinstance(default, list) and config is not None else (
            getattr(config, key) if config is not None else default)

    return Settings(config=config, source=source, standard=take(overrides.standard, "standard", "auto"),
                    fail_on=take(overrides.fail_on, "fail_on", "error"), select=take(overrides.select, "select", []),
                    ignore=take(overrides.ignore, "ignore", []))


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
            config = None
            if source is not None:
                from cscheck.config.file import load_config

                config = load_config(source)
                if self.validate is not None:
                    self.validate(config, source)
            self._settings[source] = settings_for(config, source, self.overrides)
        return self._settings[source]

    def excluded(self, path: Path) -> bool:
        settings = self.settings(path)
        return any(matches(pattern, path, settings.root) for pattern in settings.exclude)

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


class WaiverUse(msgspec.Struct):
    """How often each waiver of one file was in scope and used in this run."""

    in_scope: dict[int, int] = msgspec.field(default_factory=dict)
    used: dict[int, int] = msgspec.field(default_factory=dict)
    expired_hits: dict[int, int] = msgspec.field(default_factory=dict)


def apply(result: DocumentResult, settings: Settings, use: WaiverUse, today: date | None = None) -> None:
    """Severity overrides, then waivers, then the counts and the gate of one checked document."""
    today = today or date.today()
    result.fail_on = settings.fail_on
    result.config = str(settings.source) if settings.source else None
    severities = settings.severity
    for finding in result.findings:
        for name, severity in severities.items():
            if _is_rule(name, finding):
                finding.severity = severity
    for i, entry in enumerate(settings.waivers):
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
    """What the file itself deserves a word about (an article number written as a number), expired waivers that
    matched a finding again, and waivers that matched nothing."""
    today = today or date.today()
    source = str(settings.source) if settings.source else None
    out = [Notice(kind="artikelnummer-als-getal", severity=Severity.warning, config=source, message=note)
           for note in (settings.config.notes if settings.config is not None else [])]
    for i, entry in enumerate(settings.waivers):
        if use.expired_hits.get(i):
            out.append(Notice(kind="afwijking-verlopen", severity=Severity.warning, config=source, message=(
                f"De afgesproken afwijking ({entry.describe()}) gold tot {entry.until:%d-%m-%Y} en is verlopen. "
                f"De bevinding telt weer mee ({use.expired_hits[i]}×). Verleng de afspraak of pas het document aan.")))
        elif use.in_scope.get(i) and not use.used.get(i):
            out.append(Notice(kind="afwijking-ongebruikt", severity=Severity.info, config=source, message=(
                f"De afgesproken afwijking ({entry.describe()}) is niet gebruikt: er is geen bevinding die erbij "
                "past. Haal de afspraak weg als die niet meer nodig is.")))
    return out


_LAZY = {"Config": "file", "WaiverEntry": "file", "KNOWN_KEYS": "file", "load_config": "file", "parse_config": "file",
         "check_names": "file", "STARTER": "starter"}


def __getattr__(name: str) -> Any:
    # the file's model and the starter text are imported when asked for, not at every start
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"cscheck.config.{_LAZY[name]}"), name)
    raise AttributeError(name)

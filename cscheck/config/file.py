"""The configuration file itself: its keys as msgspec Structs, reading it (YAML or [tool.cscheck] in
pyproject.toml) and refusing what is wrong with a Dutch message that names the key.

Only imported when a configuration file is found: a run without one needs no validator.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, get_args

import msgspec
import yaml

from cscheck.config import PYPROJECT, ConfigError
from cscheck.files import Number, invalid, os_reason, parse_config_yaml
from cscheck.model import SEVERITY_NAMES, FailOn, Severity, fail_on_named, fail_on_names, severity_named
from cscheck.suggest import did_you_mean, unknown_rules

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class WaiverEntry(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One agreed deviation: a rule, optionally limited to an article and to some documents."""

    rule: NonEmpty
    article: str | None = None  # the standard's numbering, "3.9"; None = every article
    documents: str | None = None  # glob relative to the configuration file; None = every document
    reason: NonEmpty
    until: date | None = None

    def describe(self) -> str:
        where = f", artikel {self.article}" if self.article else ""
        docs = f", documenten {self.documents}" if self.documents else ""
        return f"regel {self.rule}{where}{docs}"


# rename: only the file's spelling (fail-on), so that fail_on is refused with a hint rather than accepted;
# dict: room for the notes, which are no key of the file
class Config(msgspec.Struct, forbid_unknown_fields=True, rename="kebab", dict=True):
    """The keys of cscheck.yaml (see docs/configuration.md)."""

    standard: str = "auto"
    fail_on: FailOn = "error"
    select: list[str] = msgspec.field(default_factory=list)
    ignore: list[str] = msgspec.field(default_factory=list)
    severity: dict[str, Severity] = msgspec.field(default_factory=dict)
    waivers: list[WaiverEntry] = msgspec.field(default_factory=list)
    exclude: list[str] = msgspec.field(default_factory=list)  # globs skipped when a folder is searched
    in_force: dict[str, date] = msgspec.field(default_factory=dict)  # reference id ("csw-1.3") → date in force

    @property
    def notes(self) -> list[str]:
        """Remarks about values that were accepted as meant but written in a way other tools read otherwise."""
        return list(self.__dict__.get("_notes", ()))


_FIELDS = {f.encode_name: f for f in msgspec.structs.fields(Config)}
KNOWN_KEYS = tuple(_FIELDS)
WAIVER_KEYS = tuple(f.encode_name for f in msgspec.structs.fields(WaiverEntry))


def _number_note(article: str, rule: str) -> str:
    try:
        other = f"het getal {float(article):g}"
    except ValueError:
        other = "een getal"
    return (f"article: {article} (afspraak voor {rule or 'een regel'}) staat zonder aanhalingstekens. cscheck leest "
            f'het als artikel "{article}", maar andere programma\'s lezen {other}. Schrijf article: "{article}".')


def _prepared(data: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """The file's values as the Structs take them: Dutch severities by their English names, and an article
    number written as a number as the text it was written as (with a note)."""
    data = dict(data)
    if isinstance(data.get("fail-on"), str):
        data["fail-on"] = fail_on_named(data["fail-on"]) or data["fail-on"]
    if isinstance(data.get("severity"), dict):
        data["severity"] = {rule: (severity_named(s) or s) if isinstance(s, str) else s
                            for rule, s in data["severity"].items()}
    if isinstance(data.get("waivers"), list):
        data["waivers"] = [_waiver(w, notes) if isinstance(w, dict) else w for w in data["waivers"]]
    return data


def _waiver(entry: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    # YAML and TOML read `article: 3.10` as the number 3.1; our parsers keep the text as written (Number),
    # so it is taken as the article it says, with a notice that other programs read it otherwise.
    # A float (its text lost, not from our parsers) is left to fail: we do not guess.
    article = entry.get("article")
    if isinstance(article, Number) or (isinstance(article, int) and not isinstance(article, bool)):
        notes.append(_number_note(str(article), str(entry.get("rule", ""))))
        return {**entry, "article": str(article)}
    return entry


def parse_config(data: dict[str, Any]) -> Config:
    """The keys of a configuration file (as read from YAML or TOML) as a Config, with its notes;
    msgspec.ValidationError when one is wrong."""
    notes: list[str] = []
    config = msgspec.convert(_prepared(data, notes), Config)
    config._notes = notes  # type: ignore[attr-defined]
    return config


def load_config(path: Path) -> Config:
    """Read and validate one configuration file; raise ConfigError with a Dutch message."""
    data = _read(path)
    try:
        return parse_config(data)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{path} is ongeldig:\n  - {_explain(str(exc), _prepared(data, []))}") from None


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
    ("invalid date", "deze datum bestaat niet; schrijf JJJJ-MM-DD, zoals 2027-12-31"),
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


def _where(loc: list[int | str]) -> str:
    parts = []
    for item in loc:
        parts.append(f"afspraak {item + 1}" if isinstance(item, int) else str(item))
    return " → ".join(parts) or "bestand"


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]")


def _located(path: str, data: Any) -> tuple[list[int | str], Any]:
    """The keys of msgspec's path ("$.waivers[0].until") and the value found there. msgspec writes a key of a
    dict as "[...]": that is the first key whose value the dict's type refuses."""
    loc: list[int | str] = []
    value = data
    for step in _STEP.finditer(path):
        name, index = step.group(1), step.group(2)
        if name is not None:
            loc.append(name)
            value = value.get(name) if isinstance(value, dict) else None
        elif index is not None:
            loc.append(int(index))
            value = value[int(index)] if isinstance(value, list) and int(index) < len(value) else None
        elif isinstance(value, dict) and loc and loc[0] in _FIELDS:
            kind = get_args(_FIELDS[str(loc[0])].type)[1]
            key = next((k for k, v in value.items() if not _fits(v, kind)), None)
            loc.append(str(key))
            value = value.get(key)
    return loc, value


def _fits(value: Any, kind: Any) -> bool:
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return False
    return True


def _explain(error: str, data: dict[str, Any]) -> str:
    """A msgspec error in plain Dutch, with the key it is about."""
    message, path, field, missing = invalid(error)
    loc, value = _located(path, data)
    if field is not None:
        loc.append(field)
        if missing:
            return f"'{_where(loc)}' ontbreekt."
        known = KNOWN_KEYS if len(loc) == 1 else WAIVER_KEYS
        hint = did_you_mean(field, known)
        return f"onbekende sleutel '{_where(loc)}'.{hint} Bekende sleutels: {', '.join(known)}."
    if loc and loc[0] in ("fail-on", "severity") and len(loc) == (1 if loc[0] == "fail-on" else 2):
        names = fail_on_names() if loc[0] == "fail-on" else list(SEVERITY_NAMES.values())
        return (f"'{_where(loc)}': '{value}' is geen geldige waarde; kies uit {', '.join(names[:-1])} of "
                f"{names[-1]}." + did_you_mean(str(value), names))
    if re.search(r"\bdate\b", message):
        return f"'{_where(loc)}': '{value}' is geen geldige datum; schrijf JJJJ-MM-DD."
    if message.startswith("Expected `str` of length >= 1"):
        return f"'{_where(loc)}' mag niet leeg zijn."
    if loc and loc[-1] == "article" and isinstance(value, float):  # a number whose text is lost: do not guess
        return f"'{_where(loc)}': zet het artikelnummer tussen aanhalingstekens, bijvoorbeeld article: \"{value}\"."
    expected = re.match(r"Expected `(array|object|str)(?: \| null)?`, got", message)
    if expected:
        what = {"array": "een lijst", "object": "sleutels met waarden", "str": "tekst"}[expected[1]]
        return f"'{_where(loc)}' moet {what} zijn."
    return f"'{_where(loc)}': {message}."


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



"""Which version of a standard is in force on a date: `_versies.yaml` beside the references (the shipped
folder, and a user's reference folders after it), overridden per reference id by `in-force` in cscheck.yaml.

A document that follows a version still in force is conform on that point; one whose version was replaced
by a version now in force gets `versie-afwijkend`; a newer version that is not in force yet is only
mentioned once at the end of a run.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

VERSIONS_FILE = "_versies.yaml"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


@lru_cache(maxsize=8)
def _read(folder: str, mtime: float) -> dict[tuple[str, str], date | None]:
    from cscheck.files import parse_yaml

    data = parse_yaml((Path(folder) / VERSIONS_FILE).read_text(encoding="utf-8")) or {}
    out: dict[tuple[str, str], date | None] = {}
    for standard, versions in data.items() if isinstance(data, dict) else ():
        for version, since in (versions or {}).items():
            out[(str(standard).upper(), str(version))] = since if isinstance(since, date) else None
    return out


def in_force_dates(overrides: dict[str, date] | None = None) -> dict[tuple[str, str], date | None]:
    """(standard, version) → the date it is in force from (None: not known yet)."""
    from cscheck.reference.store import reference_folders

    out: dict[tuple[str, str], date | None] = {}
    for folder in reference_folders():
        path = folder / VERSIONS_FILE
        if path.is_file():
            out.update(_read(str(folder), path.stat().st_mtime))
    for reference_id, since in (overrides or {}).items():
        standard, _, version = reference_id.partition("-")
        out[(standard.upper(), version.split("-")[0])] = since
    return out


def in_force(standard: str, on: date, overrides: dict[str, date] | None = None) -> tuple[str, date] | None:
    """The version of a standard in force on a date, with the date it took effect (None: none known)."""
    dated = [(version, since) for (std, version), since in in_force_dates(overrides).items()
             if std == standard.upper() and since is not None and since <= on]
    return max(dated, key=lambda item: version_key(item[0]), default=None)

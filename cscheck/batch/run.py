"""A whole run: the settings of each document, the checks, submissions compared, waivers applied."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from cscheck.batch.discover import Collected, Input, collect
from cscheck.batch.pool import BatchOptions, Checker, Done, Job, check_one, run
from cscheck.model import DocumentResult, Notice, Report, Statistics, ToolInfo

if TYPE_CHECKING:
    from cscheck.check import CheckOptions
    from cscheck.config import Resolver, Settings


def check_paths(arguments: Sequence[str | Path], resolver: Resolver, base: CheckOptions, options: BatchOptions,
                done: Done | None = None, checker: Checker = check_one) -> tuple[Report, list[Input]]:
    """Find the documents, check them with their settings and return the report (waivers applied)."""
    found = collect(arguments, resolver.excluded)
    return check_collected(found, resolver, base, options, done, checker), found.inputs


def check_collected(found: Collected, resolver: Resolver, base: CheckOptions, options: BatchOptions,
                    done: Done | None = None, checker: Checker = check_one) -> Report:
    """Check found documents with the settings of their configuration file; then apply its waivers.

    Raises ConfigError (before anything is checked) when a configuration file is wrong."""
    from cscheck import __version__
    from cscheck.config import WaiverUse, apply, notices
    from cscheck.submission import RULE, group

    settings = [resolver.settings(i.settings_from) for i in found.inputs]
    jobs = [Job(i.path, replace(base, standard=s.standard, select=s.select, ignore=s.ignore, in_force=s.in_force))
            for i, s in zip(found.inputs, settings, strict=True)]
    results = run(jobs, options, done, checker)
    for given, result in zip(found.inputs, results, strict=True):
        if given.origin:  # standard input is "-" in every report, not its temporary file
            result.path = given.origin
    # A folder with one overeenkomst and one inkoopdocument is one submission: compare the two before
    # the waivers, so that a waiver can also cover a contradiction between them.
    switched_on = {id(r): _rule_on(RULE, s) for r, s in zip(results, settings, strict=True)}
    named = all(i.root is None for i in found.inputs)  # files named one by one, no folder searched
    submissions = group(results, lambda r: switched_on.get(id(r), False), named=named)
    uses: dict[Path | None, WaiverUse] = {}
    for result, setting in zip(results, settings, strict=True):
        result.rules_selected = bool(setting.select or setting.ignore)
        if result.status == "checked":
            apply(result, setting, uses.setdefault(setting.source, WaiverUse()))
        else:
            result.fail_on = setting.fail_on
    report = Report(tool=ToolInfo(version=__version__), documents=[*results, *found.errors],
                    submissions=submissions)
    for setting in resolver.used():
        report.notices.extend(notices(setting, uses.get(setting.source, WaiverUse())))
    if base.reference_text is None:
        report.notices.extend(_words_unknown(results))
    report.notices.extend(_newer_versions(results, base))
    report.statistics = _statistics(report)
    return report


def _statistics(report: Report) -> Statistics:
    """The run's statistics, with every article of each standard the documents followed (the check loaded those
    references already; the store keeps them)."""
    from cscheck.reference.store import load_manifest
    from cscheck.report.statistics import statistics

    order: dict[str, list[str]] = {}
    for standard_id in {d.standard.id for d in report.documents if d.standard.id}:
        try:
            manifest = load_manifest(standard_id)
        except KeyError:  # checked against references given to the run directly (tests)
            continue
        order[standard_id] = [a.key for a in manifest.artikelen if not a.section and not a.key.endswith(".n")]
    return statistics(report, order)


def _newer_versions(results: list[DocumentResult], base: CheckOptions) -> list[Notice]:
    """Once per run and standard: a newer version exists than the documents follow (not a finding: the one
    they follow is still in force, or versie-afwijkend says otherwise)."""
    from datetime import date

    from cscheck.reference.store import signatures
    from cscheck.reference.versions import in_force_dates, version_key

    followed: dict[str, set[str]] = {}
    for result in results:
        if result.standard.standard and result.standard.version:
            followed.setdefault(result.standard.standard, set()).add(result.standard.version)
    dates = in_force_dates(base.in_force)
    today = base.today or date.today()
    out = []
    for standard, versions in followed.items():
        version = max(versions, key=version_key)
        newer = sorted({s.version for s in signatures().values() if s.standard == standard
                        and version_key(s.version) > version_key(version)}, key=version_key)
        if not newer:
            continue
        newest = newer[-1]
        since = dates.get((standard, newest))
        status = (f"geldt sinds {since:%d-%m-%Y}" if since <= today else f"geldt vanaf {since:%d-%m-%Y}") \
            if since else "datum van ingang nog niet bekend"
        out.append(Notice(kind="nieuwere-versie", message=(
            f"Er is een nieuwere versie van de {standard}: {newest} ({status}). De gecontroleerde documenten "
            f"volgen versie {' en '.join(sorted(versions, key=version_key))}.")))
    return out


def _words_unknown(results: list[DocumentResult]) -> list[Notice]:
    """Once per run: how to see which of the standard's words a document lost."""
    lost = sum(1 for r in results for f in r.findings
               if f.changes and f.changes.removed_words and not f.changes.removed)
    if not lost:
        return []
    return [Notice(kind="woorden-standaard", message=(
        f"Bij {lost} bevinding(en) ontbreken woorden van de standaard. cscheck bevat de tekst van de standaard niet; "
        "geef de officiële tekst (DOCX of Markdown) mee met --reference-text BESTAND om te zien welke woorden "
        "dat zijn."))]


def _rule_on(name: str, settings: Settings) -> bool:
    from cscheck.rules.engine import load_rules, select_rules

    return any(r.name == name for r in select_rules(load_rules(), settings.select, settings.ignore))

"""A whole run: the settings of each document, the checks, submissions compared, waivers applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from cscheck.batch.discover import Collected, Input, collect
from cscheck.batch.pool import BatchOptions, Checker, Done, Job, check_one, run
from cscheck.model import Report, ToolInfo

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
    jobs = [Job(i.path, replace(base, standard=s.standard, select=s.select, ignore=s.ignore))
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
        if result.status == "checked":
            apply(result, setting, uses.setdefault(setting.source, WaiverUse()))
        else:
            result.fail_on = setting.fail_on
    report = Report(tool=ToolInfo(version=__version__), documents=[*results, *found.errors],
                    submissions=submissions)
    for setting in resolver.used():
        report.notices.extend(notices(setting, uses.get(setting.source, WaiverUse())))
    return report


def _rule_on(name: str, settings: Settings) -> bool:
    from cscheck.rules.engine import load_rules, select_rules

    return any(r.name == name for r in select_rules(load_rules(), settings.select, settings.ignore))

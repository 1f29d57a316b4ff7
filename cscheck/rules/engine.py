"""The rule engine: load the YAML rules, run each detector through its kind, collect findings.

A kind is a function `(context, rule, detector) -> findings`, registered by name in `KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import yaml

from cscheck.files import parse_yaml
from cscheck.model import Finding, Severity
from cscheck.resources import rules_dir
from cscheck.rules.context import Context
from cscheck.rules.kinds import document, moves, pattern, slots, structural, text
from cscheck.rules.model import Detector, Rule

Kind = Callable[[Context, Rule, Detector], Iterator[Finding]]

KINDS: dict[str, Kind] = {
    "numbering": structural.numbering,
    "order": structural.order,
    "missing": structural.missing,
    "added": structural.added,
    "added-section": structural.added_section,
    "title": structural.title,
    "dangling-reference": structural.dangling_reference,
    "lid-text": text.lid_text,
    "moved": moves.moved,
    "title-changed": moves.title_changed,
    "pattern": pattern.pattern,
    "placeholder": slots.placeholder,
    "choice": slots.choice,
    "version": document.version,
    "revisions": document.revisions,
    "hidden": document.hidden,
    "not-standard": document.not_standard,
    # runs over a submission (an overeenkomst with its inkoopdocument), not per document: see submission.py
    "cross-document": lambda ctx, rule, det: iter(()),
}

# What each kind checks, in the words of `cscheck explain` (Dutch, for people who never read the code)
KIND_DESCRIPTIONS: dict[str, str] = {
    "numbering": "vergelijkt de nummers van delen, artikelen en leden met die van de standaard",
    "order": "vergelijkt de volgorde van artikelen en delen met die van de standaard",
    "missing": "zoekt artikelen en leden van de standaard die in het document ontbreken",
    "added": "zoekt artikelen die de standaard niet heeft, waar geen eigen artikelen mogen staan",
    "added-section": "zoekt hoofdstukken en paragrafen die de standaard niet heeft",
    "title": "vergelijkt de titels van hoofdstukken en paragrafen met die van de standaard",
    "dangling-reference": "zoekt verwijzingen naar artikelen, hoofdstukken of paragrafen die niet bestaan",
    "lid-text": "vergelijkt de tekst van elk lid woord voor woord met de standaard",
    "moved": "zoekt tekst van de standaard die op een andere plaats in het document staat",
    "title-changed": "vergelijkt de titels van artikelen en hoofdstukken met die van de standaard",
    "pattern": "zoekt vaste woorden en zinnen in de tekst van het document",
    "placeholder": "zoekt invulvelden van de standaard die niet zijn ingevuld",
    "choice": "zoekt keuzes die niet of dubbel zijn gemaakt",
    "version": "vergelijkt de versie van het document met de versies van de standaard",
    "revisions": "zoekt bijgehouden wijzigingen en opmerkingen die nog in het document staan",
    "hidden": "zoekt tekst die Word niet toont (verborgen tekst)",
    "not-standard": "herkent een document dat niet op een Contractstandaard lijkt",
    "cross-document": "vergelijkt een overeenkomst met het inkoopdocument van dezelfde inzending",
}

# kinds that need an alignment with a standard; the others also run on an unrecognised document
_NEEDS_STANDARD = {"numbering", "order", "missing", "added", "added-section", "title", "dangling-reference",
                   "lid-text", "choice", "version", "moved", "title-changed"}


class RuleError(Exception):
    pass


def load_rule(path: Path) -> Rule:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
        rule = Rule.model_validate(data)
    except (yaml.YAMLError, ValueError) as exc:
        raise RuleError(f"Regelbestand {path.name} is ongeldig: {exc}") from None
    if rule.name != path.stem:
        raise RuleError(f"Regelbestand {path.name}: de naam '{rule.name}' moet gelijk zijn aan de bestandsnaam.")
    for det in rule.detect:
        if det.kind not in KINDS:
            raise RuleError(f"Regel {rule.name}: onbekende soort '{det.kind}' (bekend: {', '.join(KINDS)}).")
    return rule


@lru_cache(maxsize=4)
def _load_dir(folder: str) -> tuple[Rule, ...]:
    rules = [load_rule(p) for p in sorted(Path(folder).glob("*.yaml"))]
    codes: dict[str, str] = {}
    for rule in rules:
        if rule.code in codes:
            raise RuleError(f"Regels {codes[rule.code]} en {rule.name} hebben dezelfde code {rule.code}.")
        codes[rule.code] = rule.name
    return tuple(sorted(rules, key=lambda r: r.code))


def load_rules(folder: Path | None = None) -> list[Rule]:
    return list(_load_dir(str(folder or rules_dir())))


def all_rules(extra: list[Path] | None = None) -> list[Rule]:
    """The shipped rules plus those in extra folders; a name or code may not be used twice."""
    rules = load_rules()
    seen = {r.name for r in rules} | {r.code for r in rules}
    for folder in extra or []:
        for rule in load_rules(folder):
            if rule.name in seen or rule.code in seen:
                raise RuleError(f"Regel {rule.name} ({rule.code}) in {folder} bestaat al.")
            seen |= {rule.name, rule.code}
            rules.append(rule)
    return rules


def select_rules(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules named (by name or code) in `select` (all when empty), minus those in `ignore`."""
    rules = list(rules)
    chosen = {s.lower() for s in select}
    dropped = {s.lower() for s in ignore}
    known = {r.name for r in rules} | {r.code.lower() for r in rules}
    unknown = (chosen | dropped) - known
    if unknown:
        from cscheck.suggest import unknown_rules

        raise RuleError(unknown_rules(unknown, rules))
    return [r for r in rules
            if (not chosen or r.name in chosen or r.code.lower() in chosen)
            and r.name not in dropped and r.code.lower() not in dropped]


def run_rules(ctx: Context, rules: Iterable[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str | None, str | None, str]] = set()
    for rule in rules:
        if ctx.manifest is not None and not any(ctx.document_type.startswith(t) for t in rule.applies_to):
            continue
        for det in rule.detect:
            if det.kind in _NEEDS_STANDARD and (ctx.manifest is None or ctx.alignment is None):
                continue
            if not det.applies(ctx.document_type):
                continue
            for finding in KINDS[det.kind](ctx, rule, det):
                key = (finding.rule, finding.location.paragraph, finding.article, finding.lid, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    findings.sort(key=lambda f: (f.location.paragraph if f.location.paragraph is not None else -1,
                                 order[f.severity], f.code))
    return findings

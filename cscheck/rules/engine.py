"""The rule engine: load the YAML rules, run each detector through its kind, collect findings.

A kind is registered with its spec in `cscheck.rules.kinds.KINDS`: the function `(context, rule, detector) ->
findings`, the model of its options (checked when a rule loads) and whether it needs a standard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import msgspec
import yaml

from cscheck.files import invalid, parse_yaml
from cscheck.model import Finding, Severity
from cscheck.resources import rules_dir
from cscheck.rules.context import Context
from cscheck.rules.kinds import KINDS
from cscheck.rules.model import Detector, Rule, regex_problems

__all__ = ["KINDS", "KIND_DESCRIPTIONS", "RuleError", "all_rules", "load_rule", "load_rules", "run_rules",
           "select_rules"]

# What each kind checks, in the words of `cscheck explain`
KIND_DESCRIPTIONS: dict[str, str] = {name: spec.explains for name, spec in KINDS.items()}


class RuleError(Exception):
    pass


def _problem(exc: msgspec.ValidationError, where: str = "") -> str:
    """msgspec's error in Dutch: where in the file (`detect.0.patterns.1`), and what is wrong."""
    error = invalid(str(exc))
    path = re.sub(r"\[(\d+)\]", r".\1", error.path.replace("[...]", ""))
    where = f"{where}{path}".lstrip(".")
    if error.field is not None:
        return f"{where}.{error.field}".lstrip(".") + (": ontbreekt" if error.missing else ": onbekend veld")
    return f"{where}: {error.message}"


def _detector(item: dict[str, Any], k: int) -> Detector:
    """One detector as the options of its kind."""
    kind = item.get("kind")
    if kind not in KINDS:
        raise ValueError(f"detect.{k}: onbekende soort '{kind}' (bekend: {', '.join(KINDS)})")
    options = KINDS[kind].options
    try:
        return msgspec.convert(options.shorthand(item), options, strict=False)
    except msgspec.ValidationError as exc:
        raise ValueError(_problem(exc, f"detect.{k}")) from None


def _rule(data: Any, compile_regexes: bool) -> Rule:
    """A rule from its parsed file: every detector as the options of its kind, and (when asked) its regular
    expressions compiled. Raises ValueError with the problems in Dutch."""
    detect = data.get("detect") if isinstance(data, dict) else None
    try:
        rule = msgspec.convert({**data, "detect": []} if isinstance(detect, list) else data, Rule, strict=False)
    except msgspec.ValidationError as exc:
        raise ValueError(_problem(exc)) from None
    try:
        items = msgspec.convert(detect, list[dict[str, Any]])
    except msgspec.ValidationError as exc:
        raise ValueError(_problem(exc, "detect")) from None
    if (problem := rule.name_problem()) is not None:
        raise ValueError(f"name: {problem}")
    rule.detect = [_detector(item, k) for k, item in enumerate(items)]
    if compile_regexes and (problems := list(regex_problems(rule))):
        raise ValueError("; ".join(problems))
    return rule


def load_rule(path: Path, shipped: bool = False) -> Rule:
    """One rule file, validated: every detector's options against the model of its kind, and its regular
    expressions compiled (not for the shipped rules, whose test compiles them)."""
    try:
        rule = _rule(parse_yaml(path.read_text(encoding="utf-8")), compile_regexes=not shipped)
    except (yaml.YAMLError, ValueError) as exc:
        raise RuleError(f"Regelbestand {path.name} is ongeldig: {exc}") from None
    if rule.name != path.stem:
        raise RuleError(f"Regelbestand {path.name}: de naam '{rule.name}' moet gelijk zijn aan de bestandsnaam.")
    return rule


def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder; files starting with "_" hold shared data (rules/_zinnen.yaml), not rules."""
    return [p for p in sorted(folder.glob("*.yaml")) if not p.name.startswith("_")]


@lru_cache(maxsize=4)
def _load_dir(folder: str) -> tuple[Rule, ...]:
    shipped = Path(folder) == rules_dir()
    rules = [load_rule(p, shipped) for p in rule_files(Path(folder))]
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
    rules = list(rules)
    if ctx.manifest is None:
        # not recognisable as a Contractstandaard: that is the only finding, nothing else is checked
        rules = [r for r in rules if any(d.kind == "not-standard" for d in r.detect)]
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str | None, str | None, str]] = set()
    for rule in rules:
        if ctx.manifest is not None and not any(ctx.document_type.startswith(t) for t in rule.applies_to):
            continue
        for det in rule.detect:
            spec = KINDS[det.kind]
            if spec.needs_standard and (ctx.manifest is None or ctx.alignment is None):
                continue
            if not det.applies(ctx.document_type) or not ctx.holds(det.when):
                continue
            for finding in spec.run(ctx, rule, det):
                key = (finding.rule, finding.location.paragraph, finding.article, finding.lid, finding.message)
                if key not in seen:
                    seen.add(key)
                    findings.append(finding)
    findings = fold(findings, rules)
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    findings.sort(key=lambda f: (f.location.paragraph if f.location.paragraph is not None else -1,
                                 order[f.severity], f.code))
    return findings


def _same_place(a: Finding, b: Finding) -> bool:
    """Two findings about the same place: the same lid of the standard, or (outside it) the same paragraph."""
    if a.article is not None and b.article is not None:
        return (a.article, a.lid) == (b.article, b.lid)
    return a.location.paragraph is not None and a.location.paragraph == b.location.paragraph


def fold(findings: list[Finding], rules: Iterable[Rule]) -> list[Finding]:
    """Drop the findings that another rule's finding at the same place already says (`folds:` in a rule file):
    never two findings that say the same thing in other words. Word changes of a folded finding go along."""
    folds = {r.name: set(r.folds) for r in rules if r.folds}
    if not folds:
        return findings
    gone: set[int] = set()
    for finding in findings:
        folded = folds.get(finding.rule)
        if not folded:
            continue
        for k, other in enumerate(findings):
            if other.rule in folded and k not in gone and _same_place(finding, other):
                gone.add(k)
                if finding.changes is None and other.changes is not None:
                    finding.changes = other.changes
    return [f for k, f in enumerate(findings) if k not in gone]

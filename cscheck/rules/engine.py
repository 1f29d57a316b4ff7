"""The rule engine: load the YAML rules, run each detector through its kind, collect findings.

A kind is registered with its spec in `cscheck.rules.kinds.KINDS`: the function `(context, rule, detector) ->
findings`, the model of its options (checked when a rule loads) and whether it needs a standard.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from cscheck.files import parse_yaml
from cscheck.model import Finding, Severity
from cscheck.resources import rules_dir
from cscheck.rules.context import Context
from cscheck.rules.kinds import KINDS
from cscheck.rules.model import SHIPPED, Rule

__all__ = ["KINDS", "KIND_DESCRIPTIONS", "RuleError", "all_rules", "load_rule", "load_rules", "run_rules",
           "select_rules"]

# What each kind checks, in the words of `cscheck explain`
KIND_DESCRIPTIONS: dict[str, str] = {name: spec.explains for name, spec in KINDS.items()}


class RuleError(Exception):
    pass


def _problems(exc: ValidationError) -> str:
    """Pydantic's errors in Dutch, one per field: where in the file, and what is wrong."""
    out = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
        if error["type"] == "extra_forbidden":
            out.append(f"{where}: onbekend veld")
        elif error["type"] == "missing":
            out.append(f"{where}: ontbreekt")
        else:
            out.append(f"{where}: {error['msg']}")
    return "; ".join(out)


def load_rule(path: Path, shipped: bool = False) -> Rule:
    """One rule file, validated: every detector's options against the model of its kind, and its regular
    expressions compiled (not for the shipped rules, whose test compiles them)."""
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
        rule = Rule.model_validate(data, context=SHIPPED if shipped else None)
    except ValidationError as exc:
        raise RuleError(f"Regelbestand {path.name} is ongeldig: {_problems(exc)}") from None
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

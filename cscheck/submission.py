"""Checking a submission as a set: one overeenkomst and the inkoopdocument it belongs to.

Documents are grouped by folder. When a folder holds one overeenkomst and one inkoopdocument, the
facts each check recorded (`facts.py`) are compared, and contradictions become findings of the rule
`inkoop-overeenkomst-tegenstrijdig` on the document where the fix belongs.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from cscheck.model import DocumentResult, Finding, Submission
from cscheck.rules.engine import load_rules
from cscheck.rules.finding import make_finding
from cscheck.rules.model import Rule

RULE = "inkoop-overeenkomst-tegenstrijdig"
LOOPTIJD = "looptijd-langer-dan-48-maanden"
_PROCEDURE = {"aanbesteding": "een aanbesteding", "toelating": "een toelatingsprocedure", "met-emvi": "met EMVI",
              "zonder-emvi": "zonder EMVI (of toelating)"}
_TYPE = {"inkoopdocument-sas-met-emvi": "SAS-procedure met EMVI",
         "inkoopdocument-sas-zonder-emvi": "SAS-procedure zonder EMVI",
         "inkoopdocument-toelatingsprocedure": "toelatingsprocedure"}


def _words(values: Iterable[str], names: dict[str, str] | None = None) -> str:
    items = [(names or {}).get(v, v) for v in sorted(values)]
    return " en ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def _rule(name: str = RULE) -> Rule | None:
    return next((r for r in load_rules() if r.name == name), None)


def _finding(rule: Rule, key: str, result: DocumentResult, place: dict[str, Any] | None, **fields: Any) -> Finding:
    """A finding across the submission on `result`, made by the one factory of all findings."""
    detector = next((d for d in rule.detect if getattr(d, f"message_{key}", None)), None)
    place = place or {}
    return make_finding(rule, detector, block=place.get("paragraph"), page=place.get("page"),
                        article=place.get("article"), deel=place.get("deel"), document_label=place.get("label"),
                        document_type=result.document_type or "overeenkomst", variant=result.variant,
                        message=getattr(detector, f"message_{key}", None), **fields)


def _long_term(overeenkomst: DocumentResult, inkoop: DocumentResult) -> None:
    """A raamovereenkomst after a European procedure longer than 48 months needs the justification in the
    inkoopdocument. The overeenkomst alone only points at it (a note); with the inkoopdocument at hand that note
    is decided: gone when the inkoopdocument justifies the term, a warning on the inkoopdocument when not."""
    note = next((f for f in overeenkomst.findings if f.rule == LOOPTIJD), None)
    rule = _rule(LOOPTIJD)
    if note is None or rule is None:
        return
    overeenkomst.findings.remove(note)
    detector = next((d for d in rule.detect if getattr(d, "justification", None)), None)
    text = inkoop.facts.get("looptijd_tekst", "")
    if detector is None or any(re.search(p, text, re.I) for p in getattr(detector, "justification", [])):
        return
    inkoop.findings.append(_finding(rule, "submission", inkoop, inkoop.facts["places"].get("looptijd"),
                                    document=Path(overeenkomst.path).name,
                                    months=overeenkomst.facts.get("looptijd_maanden")))


Applies = Callable[[DocumentResult], bool]


def compare(overeenkomst: DocumentResult, inkoop: DocumentResult, rule: Rule,
            applies: Applies = lambda _: True) -> None:
    """Add the contradictions between the two documents to the document where they belong.

    `applies` says whether the rule is switched on for a document (--select/--ignore, cscheck.yaml)."""
    ovk, ink = overeenkomst.facts, inkoop.facts
    if not ovk or not ink:
        return
    inkoop_name, ovk_name = Path(inkoop.path).name, Path(overeenkomst.path).name
    procedure = set(ovk.get("procedure", []))
    expected = set(ink.get("procedure", []))
    chosen = {p for p in procedure if p in ("aanbesteding", "toelating")}
    award = {p for p in procedure if p in ("met-emvi", "zonder-emvi")}
    if (len(chosen) == 1 and not chosen <= expected) or (len(award) == 1 and not award <= expected):
        overeenkomst.findings.append(_finding(
            rule, "procedure", overeenkomst, ovk["places"].get("overwegingen"), document=inkoop_name,
            overeenkomst=_words(procedure, _PROCEDURE), inkoopdocument=_TYPE.get(inkoop.document_type or "", "")))
    ovk_variants, ink_variants = set(ovk.get("uitvoeringsvarianten", [])), set(ink.get("uitvoeringsvarianten", []))
    if ovk_variants and ink_variants and not ink_variants <= ovk_variants:
        inkoop.findings.append(_finding(
            rule, "variant", inkoop, ink["places"].get("uitvoeringsvariant"), document=ovk_name,
            overeenkomst=_words(ovk_variants), inkoopdocument=_words(ink_variants)))
    if ink.get("looptijd") and ovk.get("looptijd") and set(ink["looptijd"]) != set(ovk["looptijd"]):
        inkoop.findings.append(_finding(
            rule, "looptijd", inkoop, ink["places"].get("looptijd"), document=ovk_name,
            overeenkomst=" – ".join(ovk["looptijd"]), inkoopdocument=" – ".join(ink["looptijd"])))
    if bool(ink.get("bibob")) != bool(ovk.get("bibob")):
        inkoop.findings.append(_finding(
            rule, "bibob_inkoop" if ink.get("bibob") else "bibob_overeenkomst", inkoop, ink["places"].get("bibob"),
            document=ovk_name))
    _long_term(overeenkomst, inkoop)
    for result in (overeenkomst, inkoop):
        if not applies(result):
            result.findings = [f for f in result.findings if f.rule != rule.name]
        result.findings.sort(key=lambda f: f.location.paragraph if f.location.paragraph is not None else -1)
        result.count()


def group(results: Iterable[DocumentResult], applies: Applies = lambda _: True,
          named: bool = False) -> list[Submission]:
    """Submissions per folder, with the cross-document rule applied where a folder holds a pair.

    `named`: the documents were named one by one on the command line. Then one overeenkomst and one
    inkoopdocument among them are one submission, wherever each lies."""
    results = list(results)
    folders: dict[str, list[DocumentResult]] = defaultdict(list)
    checked = [r for r in results if r.status == "checked"]
    pair = (sum(r.document_type == "overeenkomst" for r in checked) == 1
            and sum((r.document_type or "").startswith("inkoopdocument") for r in checked) == 1)
    if named and pair:
        common = os.path.commonpath([str(Path(r.path).resolve().parent) for r in results])
        folders[common] = results
    else:
        for result in results:
            folders[str(Path(result.path).resolve().parent)].append(result)
    rule = _rule()
    submissions = []
    for folder, members in sorted(folders.items()):
        contracts = [r for r in members if r.status == "checked" and r.document_type == "overeenkomst"]
        inkoop = [r for r in members if r.status == "checked" and (r.document_type or "").startswith("inkoopdocument")]
        sub = Submission(folder=folder, documents=[r.path for r in members])
        if len(contracts) == 1 and len(inkoop) == 1:
            sub.overeenkomst, sub.inkoopdocument = contracts[0].path, inkoop[0].path
            if rule is not None:
                compare(contracts[0], inkoop[0], rule, applies)
                sub.compared = True
        if contracts or inkoop:
            submissions.append(sub)
    return submissions

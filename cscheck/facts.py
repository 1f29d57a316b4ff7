"""What a checked document says about the procedure it belongs to, for checks across a submission.

A submission to the Ketenbureau is an overeenkomst and an inkoopdocument that must tell the same
story: the same procedure, the same execution variant, one looptijd (article 1.3) and the same
choice about Bibob. These facts are taken from each document on its own (in the worker that checks
it) and compared afterwards (`submission.py`).
"""

from __future__ import annotations

import re
from typing import Any

from cscheck.align import Pair
from cscheck.rules.context import Context

VARIANT_WORD = re.compile(r"\b(inspannings|output|taak)gericht\w*", re.I)
_VARIANTS = {"inspannings": "inspanningsgericht", "output": "outputgericht", "taak": "taakgericht"}
_ALT_VARIANTS = {"inspanning-output": {"inspanningsgericht", "outputgericht"}, "taakgericht": {"taakgericht"},
                 "inspanningsgericht": {"inspanningsgericht"}, "outputgericht": {"outputgericht"}}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
DATE = re.compile(r"\b(\d{1,2})[-\s/.](\d{1,2}|" + "|".join(MONTHS) + r")[-\s/.](\d{4})\b", re.I)
BIBOB = re.compile(r"\bbibob\b", re.I)
REFERS_TO_1_3 = re.compile(r"\bartikel\s+1\.3\b", re.I)
PROCEDURE_OF = {
    "inkoopdocument-sas-met-emvi": {"aanbesteding", "met-emvi"},
    "inkoopdocument-sas-zonder-emvi": {"aanbesteding", "zonder-emvi"},
    "inkoopdocument-toelatingsprocedure": {"toelating", "zonder-emvi"},
}


def _dates(text: str) -> list[str]:
    out = []
    for day, month, year in DATE.findall(text):
        number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        out.append(f"{int(year):04d}-{number:02d}-{int(day):02d}")
    return out


def _text(pair: Pair | None) -> str:
    if pair is None or pair.doc is None:
        return ""
    return "\n".join(span.text for span in pair.doc.spans)


def _place(pair: Pair | None) -> dict[str, Any] | None:
    if pair is None or pair.doc is None or pair.ref is None:
        return None
    page = next((span.block.page for span in pair.doc.spans), None)  # a PDF's page, for the report
    return {"paragraph": pair.doc.position, "page": page, "article": pair.ref.key, "deel": pair.ref.deel,
            "label": None if pair.ref.section else pair.doc.key}


def _kept(pair: Pair | None, group: str) -> set[str]:
    if pair is None or pair.text is None:
        return set()
    out: set[str] = set()
    for res in pair.text.leden:
        for key, alts in res.kept_alts.items():
            if key.endswith(f"/{group}"):
                out |= alts
    return out


def _variants_in(text: str) -> set[str]:
    return {_VARIANTS[m.group(1).lower()] for m in VARIANT_WORD.finditer(text)}


def _known(variants: set[str]) -> list[str]:
    """All three variants means no choice was made (the template itself): nothing to compare."""
    return [] if len(variants) >= 3 else sorted(variants)


def document_facts(ctx: Context) -> dict[str, Any]:
    if ctx.alignment is None or ctx.manifest is None:
        return {}
    if ctx.document_type == "overeenkomst":
        return _overeenkomst(ctx)
    if ctx.document_type.startswith("inkoopdocument"):
        return _inkoopdocument(ctx)
    return {}


def _overeenkomst(ctx: Context) -> dict[str, Any]:
    assert ctx.alignment is not None
    overwegingen = ctx.alignment.pair_for("overwegingen")
    procedure = _kept(overwegingen, "procedure") | _kept(overwegingen, "gunning")
    variants: set[str] = set()
    for alt in _kept(overwegingen, "uitvoeringsvariant"):
        variants |= _ALT_VARIANTS.get(alt, set())
    for line in _text(overwegingen).splitlines():
        if "uitvoeringsvariant" in line.lower() and "kiezen" in line.lower():
            variants |= _variants_in(line)
    looptijd = ctx.alignment.pair_for("1.3")
    looptijd_text = ""
    if looptijd is not None and looptijd.doc is not None:
        first = next((lid for lid in looptijd.doc.leden if lid.number and lid.number.endswith(".1")), None)
        looptijd_text = " ".join(s.text for s in (first.spans if first else looptijd.doc.spans))
    bibob = ctx.alignment.pair_for("1.8")
    return {
        "type": "overeenkomst",
        "procedure": sorted(procedure),
        "uitvoeringsvarianten": _known(variants),
        "looptijd": _dates(looptijd_text),
        "bibob": bool(bibob and bibob.doc is not None and not bibob.doc.nvt),
        "places": {"overwegingen": _place(overwegingen), "looptijd": _place(looptijd), "bibob": _place(bibob)},
    }


def _section(ctx: Context, title: str) -> Pair | None:
    assert ctx.alignment is not None
    return next((p for p in ctx.alignment.matched() if p.ref is not None and p.ref.title.lower().startswith(title)),
                None)


def _inkoopdocument(ctx: Context) -> dict[str, Any]:
    variant_pair = _section(ctx, "uitvoeringsvariant")
    variants: set[str] = set()
    for alt in _kept(variant_pair, "uitvoeringsvariant"):
        variants |= _ALT_VARIANTS.get(alt, set())
    for line in _text(variant_pair).splitlines():
        if "uitvoeringsvariant toe" in line.lower():
            variants |= _variants_in(line)
    looptijd = _section(ctx, "looptijd")
    looptijd_text = _text(looptijd)
    inleiding = _section(ctx, "inleiding")
    return {
        "type": ctx.document_type,
        "procedure": sorted(PROCEDURE_OF.get(ctx.document_type, set())),
        "uitvoeringsvarianten": _known(variants),
        "looptijd": _dates(looptijd_text),
        "looptijd_verwijst": bool(REFERS_TO_1_3.search(looptijd_text)),
        "bibob": bool(BIBOB.search(_text(inleiding))),
        "places": {"uitvoeringsvariant": _place(variant_pair), "looptijd": _place(looptijd),
                   "bibob": _place(inleiding)},
    }

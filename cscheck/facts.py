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
from cscheck.rules import choices
from cscheck.rules.choices import text_of as _text
from cscheck.rules.context import Context
from cscheck.rules.kinds.contract import overeenkomst_months

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
DATE = re.compile(r"\b(\d{1,2})[-\s/.](\d{1,2}|" + "|".join(MONTHS) + r")[-\s/.](\d{4})\b", re.I)
BIBOB = re.compile(r"\bbibob\b", re.I)
REFERS_TO_1_3 = re.compile(r"\bartikel\s+1\.3\b", re.I)


def _dates(text: str) -> list[str]:
    out = []
    for day, month, year in DATE.findall(text):
        number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        out.append(f"{int(year):04d}-{number:02d}-{int(day):02d}")
    return out


def _place(pair: Pair | None) -> dict[str, Any] | None:
    if pair is None or pair.doc is None or pair.ref is None:
        return None
    page = next((span.block.page for span in pair.doc.spans), None)  # a PDF's page, for the report
    return {"paragraph": pair.doc.position, "page": page, "article": pair.ref.key, "deel": pair.ref.deel,
            "label": None if pair.ref.section else pair.doc.key}


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
    looptijd = ctx.alignment.pair_for("1.3")
    looptijd_text = ""
    if looptijd is not None and looptijd.doc is not None:
        first = next((lid for lid in looptijd.doc.leden if lid.number and lid.number.endswith(".1")), None)
        looptijd_text = " ".join(s.text for s in (first.spans if first else looptijd.doc.spans))
    bibob = ctx.alignment.pair_for("1.8")
    return {
        "type": "overeenkomst",
        "looptijd_maanden": overeenkomst_months(ctx),
        "procedure": sorted(choices.procedure(ctx)),
        "uitvoeringsvarianten": sorted(choices.variants(ctx)),
        "looptijd": _dates(looptijd_text),
        "bibob": bool(bibob and bibob.doc is not None and not bibob.doc.nvt),
        "places": {"overwegingen": _place(overwegingen), "looptijd": _place(looptijd), "bibob": _place(bibob)},
    }


def _inkoopdocument(ctx: Context) -> dict[str, Any]:
    variant_pair = choices.section(ctx, "uitvoeringsvariant")
    looptijd = choices.section(ctx, "looptijd")
    looptijd_text = _text(looptijd)
    inleiding = choices.section(ctx, "inleiding")
    return {
        "type": ctx.document_type,
        "procedure": sorted(choices.procedure(ctx)),
        "uitvoeringsvarianten": sorted(choices.variants(ctx)),
        "looptijd": _dates(looptijd_text),
        "looptijd_verwijst": bool(REFERS_TO_1_3.search(looptijd_text)),
        "looptijd_tekst": looptijd_text,
        "bibob": bool(BIBOB.search(_text(inleiding))),
        "places": {"uitvoeringsvariant": _place(variant_pair), "looptijd": _place(looptijd),
                   "bibob": _place(inleiding)},
    }

"""What a document chose: its procedure (aanbesteding or toelating, with or without EMVI) and its
uitvoeringsvariant, read from the alternatives it kept. Rules use it for `when:` conditions, `facts.py` for the
comparison across a submission.
"""

from __future__ import annotations

import re

from cscheck.align import Pair
from cscheck.rules.context import Context

VARIANT_WORD = re.compile(r"\b(inspannings|output|taak)gericht\w*", re.I)
_VARIANTS = {"inspannings": "inspanningsgericht", "output": "outputgericht", "taak": "taakgericht"}
_ALT_VARIANTS = {"inspanning-output": {"inspanningsgericht", "outputgericht"}, "taakgericht": {"taakgericht"},
                 "inspanningsgericht": {"inspanningsgericht"}, "outputgericht": {"outputgericht"}}
PROCEDURE_OF = {
    "inkoopdocument-sas-met-emvi": {"aanbesteding", "met-emvi"},
    "inkoopdocument-sas-zonder-emvi": {"aanbesteding", "zonder-emvi"},
    "inkoopdocument-toelatingsprocedure": {"toelating", "zonder-emvi"},
}


def text_of(pair: Pair | None) -> str:
    if pair is None or pair.doc is None:
        return ""
    return "\n".join(span.text for span in pair.doc.spans)


def kept(pair: Pair | None, group: str) -> set[str]:
    """The alternatives of a choice group that a document kept in an article or section."""
    if pair is None or pair.text is None:
        return set()
    out: set[str] = set()
    for res in pair.text.leden:
        for key, alts in res.kept_alts.items():
            if key.endswith(f"/{group}"):
                out |= alts
    return out


def variants_in(text: str) -> set[str]:
    return {_VARIANTS[m.group(1).lower()] for m in VARIANT_WORD.finditer(text)}


def section(ctx: Context, title: str) -> Pair | None:
    """The matched section of an inkoopdocument whose standard title starts with `title`."""
    if ctx.alignment is None:
        return None
    return next((p for p in ctx.alignment.matched() if p.ref is not None and p.ref.title.lower().startswith(title)),
                None)


def procedure(ctx: Context) -> set[str]:
    """aanbesteding | toelating, met-emvi | zonder-emvi: from the overwegingen or the inkoopdocument's variant."""
    cached = ctx.cache.get("choices-procedure")
    if cached is None:
        if ctx.document_type in PROCEDURE_OF:
            cached = set(PROCEDURE_OF[ctx.document_type])
        elif ctx.alignment is not None:
            overwegingen = ctx.alignment.pair_for("overwegingen")
            cached = kept(overwegingen, "procedure") | kept(overwegingen, "gunning")
        else:
            cached = set()
        ctx.cache["choices-procedure"] = cached
    return set(cached)


def variants(ctx: Context) -> set[str]:
    """The uitvoeringsvariant(en) chosen; empty when none or all three are left (no choice made)."""
    cached = ctx.cache.get("choices-variants")
    if cached is None:
        found: set[str] = set()
        if ctx.document_type.startswith("inkoopdocument"):
            pair = section(ctx, "uitvoeringsvariant")
            marker = "uitvoeringsvariant toe"
        else:
            pair = ctx.alignment.pair_for("overwegingen") if ctx.alignment is not None else None
            marker = "kiezen"
        for alt in kept(pair, "uitvoeringsvariant"):
            found |= _ALT_VARIANTS.get(alt, set())
        for line in text_of(pair).splitlines():
            low = line.lower()
            if "uitvoeringsvariant" in low and marker in low:
                found |= variants_in(line)
        cached = found if len(found) < 3 else set()
        ctx.cache["choices-variants"] = cached
    return set(cached)

"""How the templates mark fill-in slots and choices, as a declared table.

The Contractstandaarden write a slot as `[…]`, a wildcard as `202*`, and a choice between
alternatives as a marker such as "(Bij een toelatingsprocedure:)", "Bij taakgerichte
uitvoeringsvariant:" or "Optie 2:". A marker names a choice group and an alternative; the same
tables serve CS Wmo and CS Jeugd.
"""

from __future__ import annotations

import re

import msgspec

SLOT = re.compile(r"\[[^\[\]]{1,600}\]|\b20\d\*|\b20\*\*|\*\*\*(?!\*)|(?<=\bbijlage )\*\*")

# words that open an instruction to the drafter rather than a value to fill in
_INSTRUCTION_START = re.compile(
    r"^\s*(?:uitwerken|indien aanwezig|bijvoorbeeld|partijen kunnen|definities aan te vullen|een van "
    r"onderstaande|één van onderstaande|let op|opmerking|hier vult|uitschrijven|vrij tekstveld|invullen overige|"
    r"tekstblok|procedure\b|begin hier)", re.I)
_OPTIONAL = re.compile(r"^\[\s*optioneel\b[^\]]*\]$", re.I)
_CONDITION_START = re.compile(r"\s*(?:tekstblok|procedure|optioneel|bij\b|alleen)", re.I)
_REFERENCE = re.compile(r"^\[\s*\d+(?:\.\d+)+\s*\]$")
# a choice between three or more named alternatives, or one that says so ("[keuze: …]");
# "[postcode/plaats]" is an ordinary slot
_CHOICE = re.compile(r"^\[\s*(?:keuze\b|[\w-]+(?:\s*/\s*[\w-]+){2,}\s*\]$)", re.I)


def slot_kind(token: str) -> str:
    """fill | instruction | choice | reference | wildcard | optional | condition (the last two are markers)."""
    if not token.startswith("["):
        return "wildcard"
    if _OPTIONAL.match(token):
        return "optional"
    if token.rstrip("]").rstrip().endswith(":") and _CONDITION_START.match(token[1:]):
        return "condition"
    if _REFERENCE.match(token):
        return "reference"
    if _CHOICE.match(token):
        return "choice"
    inner = token[1:-1]
    if _INSTRUCTION_START.match(inner) or len(inner.split()) > 6:
        return "instruction"
    return "fill"


# A choice marker: parenthesised anywhere, or a whole (short) paragraph naming a variant.
PAREN_MARKER = re.compile(
    r"\(\s*(?:bij\b|alleen bij\b|inspanningsgerichte|outputgerichte|taakgerichte)[^()]{0,160}?:\s*\)", re.I)
LINE_MARKER = re.compile(
    r"^\s*(?:(?:alleen\s+)?bij\b[^.;]{3,160}?(?:uitvoering|procedure|variant)[^.;]{0,80}?:?|"
    r"(?:inspanningsgerichte|outputgerichte|taakgerichte)[\w\s-]{0,60}uitvoeringsvariant\s*:?)\s*$", re.I)
OPTION_MARKER = re.compile(r"^\s*(?:optie|voorbeeldoptie)\s+(\d+)\s*:?\s*$", re.I)
_TEKSTBLOK = re.compile(r"tekstblok\s+bij\s+procedure\s+(\d+)", re.I)
REPEAT_MARKER = re.compile(r"^\s*wijzigingsmogelijkheid\s+(\d+|n)\s*:", re.I)
CONNECTOR = re.compile(r"^\s*(?:en/of|en|of|OF)\s*$")
# "[Procedure 2 ZEMVI …:]", "[Optioneel bij raamovereenkomst:]", "[Tekstblok bij procedure 1 ZEMVI:]" at the start
CONDITION = re.compile(r"^\s*\[\s*(?:tekstblok|procedure|optioneel|bij\b)[^\[\]]{0,200}:\s*\]", re.I)
OPTIONAL_MARKER = re.compile(r"\[\s*optioneel\s*:?\s*\]|\(\s*optioneel\s*:?\s*\)", re.I)
OPTIONAL_PAREN = re.compile(r"\(\s*optioneel\s*:?\s*\)", re.I)
# a word with its plural or alternative glued on: "opdrachtnemer[s]", "opdrachtnemer(s)", "raam/overeenkomst"
# ("overeenkomst van opdracht" is one legal term: the choice is raamovereenkomst or overeenkomst van opdracht)
GLUED_CHOICE = re.compile(
    r"\b\w+(?:\[\w{1,3}\]|\(\w{1,3}\))|\b(?!en/of\b)[^\W\d_]{3,}(?:/[^\W\d_]{3,})+(?:\s+van\s+opdracht)?\b")
# Sub-headed blocks that apply only when the gemeente chooses them: the Bibob passage of the inkoopdocument
# is used only with article 1.8 of the overeenkomst (toelichting op de overeenkomst, 1.8: Bibob is facultatief)
OPTIONAL_BLOCK = re.compile(r"^\s*wet\s+bibob\s*$", re.I)
# rows of a template table that the gemeente replaces by its own: G1, Gn, S1G2, Gu1, PM
TABLE_ROW_TEMPLATE = re.compile(r"^\s*(?:S\d*G(?:\d+|n)|Gu?(?:\d+|n)|S(?:\d+|n)|PM)\s*$")
TEMPLATE_CODE = re.compile(r"\b(?:S\d*G(?:\d+|n)|Gu?(?:\d+|n)|S(?:\d+|n)|PM)\b")
# Inkoopdocument sections in which the gemeente writes its own text next to a prescribed block
# (toelichting op de inkoopdocumenten: contact persons, monitoring and supervision, requirements,
# selection criteria, how it assesses, the documents to deliver)
OWN_TEXT_SECTIONS = re.compile(r"^(?:contactpersonen|monitoring|geschiktheidseisen|selectiecriteria|procedure$|"
                               r"beoordeling|planning|declaratie|berekening|bijlage)", re.I)
# a sentence that tells the drafter what to write here (some conversions lost the brackets)
INSTRUCTION_SENTENCE = re.compile(r"\b(?:vult|vul)\s+(?:hier|zelf)\s+(?:\w+\s+)?in\b|\bhier\s+(?:invullen|opnemen)\b"
                                  r"|^\s*begin\s+hier\s+met", re.I)


class Choice(msgspec.Struct, frozen=True):
    group: str
    alt: str


# marker text → (group, alternative), first match wins
_CHOICES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"met\s+selectie", re.I), "selectie", "met-selectie"),
    (re.compile(r"zonder\s+emvi", re.I), "gunning", "zonder-emvi"),
    (re.compile(r"met\s+emvi", re.I), "gunning", "met-emvi"),
    (re.compile(r"toelating", re.I), "procedure", "toelating"),
    (re.compile(r"aanbesteding", re.I), "procedure", "aanbesteding"),
    (re.compile(r"taakgericht", re.I), "uitvoeringsvariant", "taakgericht"),
    (re.compile(r"inspanning\w*[\s-]+(?:(?:en|of)\s+)?output", re.I), "uitvoeringsvariant", "inspanning-output"),
    (re.compile(r"inspanning", re.I), "uitvoeringsvariant", "inspanningsgericht"),
    (re.compile(r"output", re.I), "uitvoeringsvariant", "outputgericht"),
)

# Groups where only one alternative may stay: a contract has one procedure, one award basis and
# one termination option. Execution variants may be combined (one per perceel).
EXCLUSIVE_GROUPS = frozenset({"procedure", "gunning", "optie"})


def classify_marker(text: str) -> Choice | None:
    m = OPTION_MARKER.match(text) or _TEKSTBLOK.search(text)
    if m:
        return Choice("optie", m.group(1))
    for pattern, group, alt in _CHOICES:
        if pattern.search(text):
            return Choice(group, alt)
    return None


def short_label(text: str, words: int = 6) -> str:
    """A slot or marker shortened for messages (never a sentence of the standard)."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    closing = "]" if text.rstrip().endswith("]") else (")" if text.rstrip().endswith(")") else "")
    return " ".join(parts[:words]) + " …" + closing

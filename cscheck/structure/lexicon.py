"""What the structure stage recognises in a paragraph: heading and number patterns, table of contents,
front sections, "niet van toepassing", and which number of a heading counts.

Every builder and every rule that needs one of these decisions takes it from here, so that a heading
form or a way of writing "n.v.t." is taught to cscheck in one place.
"""

from __future__ import annotations

import re

import msgspec

from cscheck.model import Artikel, Block

_SEP = r"[\s:–—\-.]*"
_OPTIONEEL_PREFIX = r"(\[\s*optioneel\s*:?\s*\]\s*)?"

# "Artikel 3.9 – Titel", "Art. 3.9 Titel", "[Optioneel:] Artikel 1.4: Titel", "Artikel 1.n [vul in]"
ARTIKEL = re.compile(
    rf"^\s*{_OPTIONEEL_PREFIX}(?:artikel|art\.?)\s*(\d+\.(?:\d+[a-z]?|n))(?=[\s:–—\-]|\.(?!\d)|$){_SEP}(.*)$",
    re.I | re.S)
# "3.9 Titel" as a heading
BARE_ARTIKEL = re.compile(rf"^\s*{_OPTIONEEL_PREFIX}(\d+\.\d+[a-z]?)\.?[\s:–—\-]+(\S.*)$", re.S)
OPTIONEEL = re.compile(r"\[\s*optioneel\s*:?\s*\]\s*", re.I)
LID = re.compile(r"^\s*(\d+\.(?:\d+[a-z]?|n)\.(?:\d+|n))\.?(?=\s|$)\s*", re.S)
DEEL = re.compile(rf"^\s*deel\s+(\d+)\b{_SEP}(.*)$", re.I | re.S)
HOOFDSTUK = re.compile(rf"^\s*hoofdstuk\s+(\d+)\b{_SEP}(.*)$", re.I | re.S)
SIGNATURE = re.compile(r"^\s*(?:opgemaakt\s+(?:te|in)\b|aldus\s+(?:overeengekomen|opgemaakt)|ondertekening\s*$)",
                       re.I)
# inkoopdocument: "2.4 Bekostiging", "Hoofdstuk 2 Beschrijving opdracht", "Paragraaf 2.4: …"
NUMBERED = re.compile(r"^\s*(?:hoofdstuk\s+|paragraaf\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?(?:\s+|\s*[:–—-]\s*)(\S.*)$",
                      re.I | re.S)
# what follows a version number in a row of a versiebeheer table read as text ("1.2 Oktober 2025 Ketenbureau"):
# a date. A PDF loses the table when its cells are not lined up (a browser centres header cells); no title of an
# article, chapter or section starts with a date
DATED = re.compile(r"^\s*(?:(?:\d{1,2}\s+)?(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
                   r"oktober|november|december)\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2})\b", re.I)
BIJLAGE = re.compile(r"^\s*bijlage\s+(\d+)\b\s*[:.–—-]?\s*(.*)$", re.I | re.S)
OUTLINE_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}\.?")

# a line of a table of contents typed as text: it ends in a page number
TOC_ENTRY = re.compile(r"(?:\t|\s)\d{1,3}\s*$")

# "niet van toepassing" as the whole content of an article or lid, or at the end of its title
NVT = re.compile(r"^\W*(?:dit\s+(?:artikel|lid)\s+is\s+)?(?:niet\s+van\s+toepassing|n\.?\s?v\.?\s?t\.?|vervallen|"
                 r"\[?\s*gereserveerd\s*\]?)\W*$", re.I)
NVT_IN_TITLE = re.compile(r"[(\[–\-:]\s*(?:niet\s+van\s+toepassing|n\.?v\.?t\.?)\s*[)\]]?\s*$", re.I)
NVT_MAX_WORDS = 8

SECTIONS = {  # front and back sections of an overeenkomst
    "partijen": "partijen",
    "overwegingen": "overwegingen",
    "definities": "definities",
    "begripsbepalingen": "definities",
    "definities en begrippen": "definities",
    "inhoudsopgave": "inhoudsopgave",
    "inhoud": "inhoudsopgave",
    "versiebeheer": "versiebeheer",
}
FRONT = {  # front sections of an inkoopdocument
    "versiebeheer": "versiebeheer", "wijzigingsbeheer": "wijzigingsbeheer", "inhoudsopgave": "inhoudsopgave",
    "inhoud": "inhoudsopgave", "definities": "definities", "begrippen": "definities"}


def word_count(text: str) -> int:
    return len(text.split())


def is_nvt(text: str) -> bool:
    """Whether a text only says that its article or lid does not apply ("Niet van toepassing.", "n.v.t.")."""
    text = text.strip()
    return bool(text) and word_count(text) <= NVT_MAX_WORDS and NVT.match(text) is not None


def mark_nvt(art: Artikel) -> None:
    """Mark the leden, and the article, that only say "niet van toepassing"."""
    for lid in art.leden:
        lid.nvt = is_nvt(" ".join(s.text for s in lid.spans))
    if not art.nvt:
        art.nvt = is_nvt(" ".join(s.text for s in art.spans))


def heading_like(block: Block, text: str) -> bool:
    """Whether a paragraph can be a heading: a heading style, a short bold line, or a short line without
    the punctuation that ends a sentence."""
    if block.table is not None:
        return False
    if block.heading:
        return True
    n = word_count(text)
    if block.bold and n <= 24:
        return True
    return n <= 16 and not text.rstrip().endswith((".", ";", ",")) and "\n" not in text.strip()


# ---------------------------------------------------------------------------------------------
# which number counts
#
# The official DOCX numbers its headings with an outline list linked to the heading styles, and the
# heading text names its own number: Word shows "3.2.1 Artikel 3.10 – …". The outline number "3.2.1"
# looks like a lid of article 3.2 but is only a position in the outline. When the text names its number,
# that number counts and a number in front of it is an outline number; when the text carries none (a
# list with lvlText "Artikel 3.%1", or an inkoopdocument chapter "2"), the list number is the number.

_NAMED = r"(?:\[\s*optioneel\s*:?\s*\]\s*)?(?:artikel|art\.|deel|hoofdstuk|paragraaf|bijlage)\s*\d"
NAMES_ITS_NUMBER = re.compile(rf"^\s*{_NAMED}", re.I)
BARE_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,3}[a-z]?){0,3}\.?[\t :–—-]+\S", re.I)
# an outline number typed (or pasted, or converted from a list) in front of a heading that names its number
TYPED_OUTLINE = re.compile(rf"^\s*(\d{{1,2}}(?:\.\d{{1,3}}){{0,3}})\.?[\t  ]+(?={_NAMED})", re.I)


class Numbered(msgspec.Struct, frozen=True):
    """A paragraph's text with the number that counts, and the outline number that does not."""

    shown: str  # label (when it counts) and text, as the structure reads it
    label: str  # the list label that counts as the number, or ""
    outline: str = ""  # a number in front of a heading that names its own number, or ""
    start: int = 0  # where the text after a typed outline number begins in block.text


def numbered(block: Block) -> Numbered:
    """Which number of a paragraph counts: see the comment above."""
    text = block.text
    m = TYPED_OUTLINE.match(text)
    if m and heading_like(block, text[m.end():]):
        outline = f"{block.label} {m.group(1)}".strip() if block.label else m.group(1)
        return Numbered(text[m.end():], "", outline, m.end())
    label = block.label
    if label and not block.bullet and heading_like(block, text):
        names = NAMES_ITS_NUMBER.match(text) is not None
        # a bare number ("2.4 Bekostiging") names one only in a heading style: list items start with numbers too
        bare = block.heading > 0 and not any(ch.isalpha() for ch in label) and BARE_NUMBER.match(text) is not None
        if names or bare:
            return Numbered(text, "", label)
    return Numbered(block.shown, label)

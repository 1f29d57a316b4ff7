"""Structure stage: `Document` → `Contract` (front sections, delen, hoofdstukken, artikelen, leden).

One builder per kind of document behind `find_structure`: an overeenkomst has delen, articles and
leden (`overeenkomst.py`); an inkoopdocument has numbered chapters, sections and subsections, which
become delen and articles of the same model (`inkoopdocument.py`). What both recognise in a paragraph
— heading forms, the table of contents, "niet van toepassing", which number counts — is in `lexicon.py`.
"""

from __future__ import annotations

from cscheck.model import Contract, Document
from cscheck.structure.inkoopdocument import find_inkoopdocument
from cscheck.structure.overeenkomst import find_overeenkomst


def find_structure(document: Document, document_type: str = "overeenkomst") -> Contract:
    """The structure of a document: delen and artikelen for an overeenkomst, chapters and sections (as delen
    and artikelen) for an inkoopdocument."""
    if document_type.startswith("inkoopdocument"):
        return find_inkoopdocument(document)
    return find_overeenkomst(document)


__all__ = ["find_structure"]

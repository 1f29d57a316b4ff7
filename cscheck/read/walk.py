"""Which `w:p` elements of a Word body are the document's paragraphs, and in which order.

One rule, used by the reader (which streams the body) and by the annotated copies (which walk a parsed
tree), so that paragraph N of a report is paragraph N of the copy: every `w:p` in document order —
in tables (also nested), content controls at any level and tracked insertions — except

* paragraphs inside another paragraph: text boxes and shapes, whose text the reader gives to the
  paragraph that holds them;
* paragraphs inside a tracked deletion or move-away (`w:del`, `w:moveFrom`) or in a table row whose
  deletion is tracked: gone once the changes are accepted;
* the fallback of an `mc:AlternateContent`: the same content again, for older programs.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from cscheck.read.numbering import W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TR, BODY = f"{W}p", f"{W}tr", f"{W}body"
STRICT_BODY = "{http://purl.oclc.org/ooxml/wordprocessingml/main}body"
DEL, MOVE_FROM = f"{W}del", f"{W}moveFrom"
FALLBACK = f"{MC}Fallback"
_ROW_DELETED = f"{W}trPr/{W}del"
_OUTSIDE = frozenset([P, DEL, MOVE_FROM, FALLBACK])


def is_body_paragraph(p: etree._Element) -> bool:
    """Whether a `w:p` is a paragraph of the document as it reads once tracked changes are accepted."""
    for ancestor in p.iterancestors():
        tag = ancestor.tag
        if tag in (BODY, STRICT_BODY):
            return True
        if tag in _OUTSIDE:
            return False
        if tag == TR and ancestor.find(_ROW_DELETED) is not None:
            return False
    return True


def body_paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The document's paragraphs in reading order (see the module docstring)."""
    return (p for p in body.iter(P) if is_body_paragraph(p))

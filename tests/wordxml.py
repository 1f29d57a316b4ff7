"""Small helpers to write Word XML that python-docx has no API for (numbering, tracked changes, fields)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

W = nsdecls("w")


def add_abstract_num(doc: DocxDocument, abstract_id: int, levels: list[tuple[str, str, int]],
                     styles: dict[int, str] | None = None) -> None:
    """levels: (numFmt, lvlText, start) per level; styles: level → linked paragraph style id."""
    numbering = doc.part.numbering_part.element
    lvls = []
    for i, (fmt, text, start) in enumerate(levels):
        pstyle = f'<w:pStyle w:val="{styles[i]}"/>' if styles and i in styles else ""
        lvls.append(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/>{pstyle}<w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{text}"/></w:lvl>')
    el = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{"".join(lvls)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(el)
    else:
        numbering.append(el)


def add_num(doc: DocxDocument, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> None:
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for lvl, v in (start_overrides or {}).items())
    doc.part.numbering_part.element.append(parse_xml(
        f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))


def number(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def style_numbering(doc: DocxDocument, style_name: str, num_id: int, ilvl: int | None = None) -> None:
    style = doc.styles[style_name]
    ppr = style.element.get_or_add_pPr()
    lvl = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    ppr.append(parse_xml(f'<w:numPr {W}>{lvl}<w:numId w:val="{num_id}"/></w:numPr>'))


def insertion(paragraph: Paragraph, text: str, author: str = "Beleidsmedewerker") -> None:
    paragraph._p.append(parse_xml(
        f'<w:ins {W} w:id="901" w:author="{author}" w:date="2026-10-01T10:00:00Z"><w:r><w:t xml:space="preserve">'
        f'{text}</w:t></w:r></w:ins>'))


def deletion(paragraph: Paragraph, text: str, author: str = "Beleidsmedewerker") -> None:
    paragraph._p.append(parse_xml(
        f'<w:del {W} w:id="902" w:author="{author}" w:date="2026-10-01T10:00:00Z"><w:r><w:delText '
        f'xml:space="preserve">{text}</w:delText></w:r></w:del>'))


def toc_field(doc: DocxDocument, entries: list[str]) -> None:
    """A table of contents as Word writes it: a TOC field whose result spans several paragraphs."""
    for i, entry in enumerate(entries):
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
                 '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
        p = doc.add_paragraph()._p
        for run in parse_xml(f'<w:p {W}>{begin}<w:r><w:t xml:space="preserve">{entry}</w:t></w:r><w:r><w:tab/></w:r>'
                             f'<w:r><w:t>{i + 3}</w:t></w:r>{end}</w:p>'):
            p.append(run)

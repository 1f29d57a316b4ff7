"""Small helpers to write Word XML that python-docx has no API for (numbering, tracked changes, fields)."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

W = nsdecls("w")
_SHAPE_NS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml"}.items())


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


def append_xml(paragraph: Paragraph, xml: str) -> Paragraph:
    """Append runs (or containers of runs) written as XML; `w:` is declared on a wrapper."""
    for child in list(parse_xml(f"<w:wrap {W} {_SHAPE_NS}>{xml}</w:wrap>")):
        paragraph._p.append(child)
    return paragraph


def mark_properties(paragraph: Paragraph, xml: str) -> Paragraph:
    """Properties of the paragraph mark (w:pPr/w:rPr): hidden, or a tracked deletion or move."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f"<w:rPr {W}>{xml}</w:rPr>"))
    return paragraph


def add_notes(docx_path: str, kind: str, notes: dict[int, str]) -> None:
    """Add a footnotes or endnotes part with these notes to a saved document (python-docx has no API)."""
    import zipfile

    tag = "footnote" if kind == "footnotes" else "endnote"
    body = "".join(f'<w:{tag} w:id="{i}"><w:p><w:r><w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t>'
                   f'</w:r></w:p></w:{tag}>' for i, text in notes.items())
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {W}>'
            f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>{body}</w:{kind}>')
    with zipfile.ZipFile(docx_path) as zin:
        items = {name: zin.read(name) for name in zin.namelist()}
    rel = (f'<Relationship Id="rIdNotes{tag}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           f'relationships/{kind}" Target="{kind}.xml"/>')
    items["word/_rels/document.xml.rels"] = items["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel.encode() + b"</Relationships>")
    override = (f'<Override PartName="/word/{kind}.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                f'wordprocessingml.{kind}+xml"/>')
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(b"</Types>", override.encode() + b"</Types>")
    items[f"word/{kind}.xml"] = part.encode()
    with zipfile.ZipFile(docx_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in items.items():
            zout.writestr(name, data)

"""What real Word files carry, read as Word shows it: hidden text, moves and paragraph-mark changes,
text boxes, footnotes and endnotes, fields, content controls at every level — and the annotated copy
finds the same paragraphs as the reader."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from cscheck.annotate import paragraphs
from cscheck.read import read_document
from tests.wordxml import W, add_notes, append_xml, mark_properties


def _save(doc, tmp_path: Path, name: str = "doc.docx") -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    doc.save(str(path))
    return path


def _texts(path: Path) -> list[str]:
    return [b.text for b in read_document(path).blocks]


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


# -- hidden text ------------------------------------------------------------------------------


def test_hidden_runs_are_not_text_but_are_kept_apart(tmp_path: Path) -> None:
    doc = docx.Document()
    append_xml(doc.add_paragraph(), _run("Zichtbaar ") + _run("verborgen woorden ", "<w:vanish/>")
               + _run("en weer zichtbaar.") + _run(" altijd verborgen", "<w:specVanish/>")
               + _run(" toch zichtbaar", '<w:vanish w:val="0"/>'))
    block = read_document(_save(doc, tmp_path)).blocks[0]
    assert block.text == "Zichtbaar en weer zichtbaar. toch zichtbaar"
    assert block.hidden == "verborgen woorden   altijd verborgen"


def test_highlighted_or_shaded_runs_are_text_and_also_kept_apart(tmp_path: Path) -> None:
    doc = docx.Document()
    append_xml(doc.add_paragraph(), _run("Gewoon ") + _run("geel gemarkeerd", '<w:highlight w:val="yellow"/>')
               + _run(" en ") + _run("gearceerd", '<w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>')
               + _run(" maar", '<w:highlight w:val="none"/>')
               + _run(" niet wit.", '<w:shd w:val="clear" w:color="auto" w:fill="auto"/>'))
    block = read_document(_save(doc, tmp_path)).blocks[0]
    assert block.text == "Gewoon geel gemarkeerd en gearceerd maar niet wit."
    assert block.marked == "geel gemarkeerd gearceerd"


def test_hidden_by_paragraph_or_character_style(tmp_path: Path) -> None:
    doc = docx.Document()
    from docx.enum.style import WD_STYLE_TYPE

    para_style = doc.styles.add_style("Verborgen alinea", WD_STYLE_TYPE.PARAGRAPH)
    para_style.font.hidden = True
    char_style = doc.styles.add_style("Verborgen teken", WD_STYLE_TYPE.CHARACTER)
    char_style.font.hidden = True
    doc.add_paragraph("Heel deze alinea is verborgen.", style="Verborgen alinea")
    p = doc.add_paragraph("Zichtbaar, ")
    p.add_run("maar dit niet.", style="Verborgen teken")
    p.add_run(" Dit weer wel.")
    blocks = read_document(_save(doc, tmp_path)).blocks
    assert (blocks[0].text, blocks[0].hidden) == ("", "Heel deze alinea is verborgen.")
    assert (blocks[1].text, blocks[1].hidden) == ("Zichtbaar,  Dit weer wel.", "maar dit niet.")


# -- tracked moves and paragraph marks --------------------------------------------------------

_MOVE = 'w:id="{id}" w:author="Jurist" w:date="2026-10-01T10:00:00Z"'


def test_moved_text_reads_as_accepted_and_counts_as_a_revision(tmp_path: Path) -> None:
    doc = docx.Document()
    moved = doc.add_paragraph()
    mark_properties(moved, f"<w:moveFrom {_MOVE.format(id=1)}/>")
    append_xml(moved, f'<w:moveFromRangeStart {_MOVE.format(id=2)} w:name="move1"/>'
                      f'<w:moveFrom {_MOVE.format(id=3)}>{_run("Deze zin is verplaatst.")}</w:moveFrom>'
                      f'<w:moveFromRangeEnd w:id="2"/>')
    doc.add_paragraph("Een vaste alinea.")
    target = doc.add_paragraph()
    append_xml(target, f'<w:moveTo {_MOVE.format(id=4)}>{_run("Deze zin is verplaatst.")}</w:moveTo>')
    document = read_document(_save(doc, tmp_path))
    assert [b.text for b in document.blocks] == ["", "Een vaste alinea.", "Deze zin is verplaatst."]
    assert document.revisions >= 2
    assert document.blocks[0].revised and document.blocks[2].revised


def test_a_deleted_paragraph_mark_joins_the_paragraph_with_the_next(tmp_path: Path) -> None:
    doc = docx.Document()
    mark_properties(doc.add_paragraph("Het eerste deel van de zin "), f"<w:del {_MOVE.format(id=5)}/>")
    doc.add_paragraph("loopt hier door.")
    inserted = doc.add_paragraph("Een nieuwe alinea.")
    mark_properties(inserted, f"<w:ins {_MOVE.format(id=6)}/>")
    document = read_document(_save(doc, tmp_path))
    assert [b.text for b in document.blocks] == ["", "Het eerste deel van de zin loopt hier door.",
                                                 "Een nieuwe alinea."]
    assert document.revisions == 2


def test_a_deleted_table_row_is_gone(tmp_path: Path) -> None:
    doc = docx.Document()
    table = doc.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "Blijft staan"
    table.rows[1].cells[0].text = "Is geschrapt"
    trpr = table.rows[1]._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:del {W} {_MOVE.format(id=7)}/>'))
    path = _save(doc, tmp_path)
    assert _texts(path) == ["Blijft staan"]
    assert len(paragraphs(docx.Document(str(path)).element.body)) == 1


# -- text boxes, footnotes and endnotes ---------------------------------------------------------

_BOX = ("<w:txbxContent><w:p><w:r><w:t>Tekst in een kader.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Tweede regel.</w:t></w:r></w:p></w:txbxContent>")


def test_a_text_box_belongs_to_its_paragraph_and_is_read_once(tmp_path: Path) -> None:
    doc = docx.Document()
    holder = doc.add_paragraph("Voor het kader.")
    # Word writes the DrawingML shape and a VML copy of it for older programs: only one of them counts
    append_xml(holder, "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
                       "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + _BOX + "</wps:txbx></wps:wsp>"
                       "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                       "<v:shape><v:textbox>" + _BOX + "</v:textbox></v:shape></w:pict></mc:Fallback>"
                       "</mc:AlternateContent></w:r>")
    vml = doc.add_paragraph()
    append_xml(vml, "<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Alleen VML.</w:t></w:r>"
                    "</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    doc.add_paragraph("Na het kader.")
    path = _save(doc, tmp_path)
    assert _texts(path) == ["Voor het kader. Tekst in een kader. Tweede regel.", "Alleen VML.", "Na het kader."]
    assert len(paragraphs(docx.Document(str(path)).element.body)) == 3


def test_footnotes_and_endnotes_belong_to_the_paragraph_that_refers_to_them(tmp_path: Path) -> None:
    doc = docx.Document()
    append_xml(doc.add_paragraph("Opdrachtnemer levert de ondersteuning."),
               '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>')
    append_xml(doc.add_paragraph("Een tweede alinea."), '<w:r><w:endnoteReference w:id="2"/></w:r>')
    path = _save(doc, tmp_path)
    add_notes(str(path), "footnotes", {1: "Zie ook de eigen inkoopvoorwaarden van de gemeente."})
    add_notes(str(path), "endnotes", {2: "Een eindnoot."})
    assert _texts(path) == ["Opdrachtnemer levert de ondersteuning. Zie ook de eigen inkoopvoorwaarden van de "
                            "gemeente.", "Een tweede alinea. Een eindnoot."]


# -- fields and content controls --------------------------------------------------------------


def _field(code: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{_run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def test_fields_show_their_result_never_their_code(tmp_path: Path) -> None:
    doc = docx.Document()
    append_xml(doc.add_paragraph("Zie artikel "), _field("REF _Ref123 \\r \\h", "3.9") + _run(" op pagina ")
               + _field("PAGEREF _Ref123 \\h", "12") + _run(", bijlage ") + _field("SEQ Bijlage \\* ARABIC", "2")
               + _run(" van ") + _field('DOCPROPERTY "Gemeente" \\* MERGEFORMAT', "Zuidhaven") + _run(" en ")
               + _field('HYPERLINK "https://www.vng.nl"', "de VNG") + _run("."))
    # a field in the code of another field (IF with a MERGEFIELD) is code too: only the outer result shows
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText>'
              '</w:r>' + _field("MERGEFIELD Variant", "taakgericht") +
              '<w:r><w:instrText xml:space="preserve"> = "taakgericht" "Ja" "Nee" </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run("Ja") +
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    append_xml(doc.add_paragraph("Taakgericht: "), nested)
    doc.add_paragraph().add_run().add_text("")
    append_xml(doc.paragraphs[-1], f'<w:fldSimple w:instr=" DOCPROPERTY Regio ">{_run("Regio West")}</w:fldSimple>')
    assert _texts(_save(doc, tmp_path)) == [
        "Zie artikel 3.9 op pagina 12, bijlage 2 van Zuidhaven en de VNG.", "Taakgericht: Ja", "Regio West"]


def test_content_controls_at_run_paragraph_row_and_cell_level(tmp_path: Path) -> None:
    doc = docx.Document()
    append_xml(doc.add_paragraph("Gemeente "), '<w:sdt><w:sdtPr><w:alias w:val="Naam"/></w:sdtPr><w:sdtContent>'
               + _run("Zuidhaven") + "</w:sdtContent></w:sdt>")
    body = doc.element.body
    sect = body[-1]
    sect.addprevious(parse_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p>{_run("Alinea in een veld.")}</w:p>'
                               "</w:sdtContent></w:sdt>"))
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Rij 1, cel 1"
    table.rows[0].cells[1].text = "Rij 1, cel 2"
    tbl = table._tbl
    tbl.append(parse_xml(f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:tr><w:tc><w:p>{_run("Rij 2, cel 1")}</w:p></w:tc>'
                         f'<w:sdt><w:sdtPr/><w:sdtContent><w:tc><w:p>{_run("Rij 2, cel 2")}</w:p></w:tc>'
                         "</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>"))
    path = _save(doc, tmp_path)
    blocks = read_document(path).blocks
    assert [(b.text, b.table) for b in blocks] == [
        ("Gemeente Zuidhaven", None), ("Alinea in een veld.", None), ("Rij 1, cel 1", (1, 0, 0)),
        ("Rij 1, cel 2", (1, 0, 1)), ("Rij 2, cel 1", (1, 1, 0)), ("Rij 2, cel 2", (1, 1, 1))]
    found = paragraphs(docx.Document(str(path)).element.body)
    assert ["".join(p.xpath(".//w:t/text()")) for p in found] == [b.text for b in blocks]  # type: ignore[attr-defined]

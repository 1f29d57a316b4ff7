"""The DOCX reader: automatic numbering, tracked changes, tables, TOC, bold headings."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cscheck.read import ReadError, read_document
from tests.wordxml import add_abstract_num, add_num, deletion, insertion, number, style_numbering, toc_field


def _save(doc, tmp_path: Path, name: str = "doc.docx") -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    doc.save(str(path))
    return path


def test_direct_numbering_renders_labels_and_restarts_deeper_levels(tmp_path: Path) -> None:
    doc = docx.Document()
    add_abstract_num(doc, 90, [("decimal", "Artikel 3.%1", 1), ("decimal", "3.%1.%2", 1),
                               ("lowerLetter", "%3)", 1)])
    add_num(doc, 90, 90)
    number(doc.add_paragraph("Levering"), 90, 0)
    number(doc.add_paragraph("Eerste lid"), 90, 1)
    number(doc.add_paragraph("punt"), 90, 2)
    number(doc.add_paragraph("punt"), 90, 2)
    number(doc.add_paragraph("Tweede lid"), 90, 1)
    number(doc.add_paragraph("Indexering"), 90, 0)
    number(doc.add_paragraph("Eerste lid van het tweede artikel"), 90, 1)
    blocks = read_document(_save(doc, tmp_path)).blocks
    assert [b.label for b in blocks] == ["Artikel 3.1", "3.1.1", "a)", "b)", "3.1.2", "Artikel 3.2", "3.2.1"]
    assert blocks[0].text == "Levering"


def test_numbering_via_style_and_start_override(tmp_path: Path) -> None:
    doc = docx.Document()
    add_abstract_num(doc, 91, [("decimal", "Artikel 1.%1", 1), ("decimal", "1.%1.%2", 1)],
                     styles={0: "Heading2"})
    add_num(doc, 91, 91)
    add_num(doc, 92, 91, {0: 4})
    style_numbering(doc, "Heading 2", 91)
    doc.add_paragraph("Voorwerp", style="Heading 2")
    number(doc.add_paragraph("lid"), 91, 1)
    doc.add_paragraph("Hiërarchie", style="Heading 2")
    restarted = doc.add_paragraph("Herzieningsclausule", style="Heading 2")
    number(restarted, 92, 0)
    blocks = read_document(_save(doc, tmp_path)).blocks
    assert [b.label for b in blocks] == ["Artikel 1.1", "1.1.1", "Artikel 1.2", "Artikel 1.4"]
    assert blocks[0].heading == 2


def test_bullets_and_letters(tmp_path: Path) -> None:
    doc = docx.Document()
    add_abstract_num(doc, 93, [("bullet", "•", 1)])
    add_abstract_num(doc, 94, [("upperRoman", "%1.", 1)])
    add_num(doc, 93, 93)
    add_num(doc, 94, 94)
    number(doc.add_paragraph("een"), 93)
    number(doc.add_paragraph("twee"), 94)
    number(doc.add_paragraph("drie"), 94)
    number(doc.add_paragraph("vier"), 94)
    blocks = read_document(_save(doc, tmp_path)).blocks
    assert [b.label for b in blocks] == ["•", "I.", "II.", "III."]
    assert all(b.list_item for b in blocks)


def test_tracked_changes_read_as_accepted_and_counted(tmp_path: Path) -> None:
    doc = docx.Document()
    p = doc.add_paragraph("Opdrachtnemer meldt dit ")
    insertion(p, "direct ")
    deletion(p, "binnen een week ")
    p.add_run("aan Opdrachtgever.")
    document = read_document(_save(doc, tmp_path))
    assert document.blocks[0].text == "Opdrachtnemer meldt dit direct aan Opdrachtgever."
    assert document.blocks[0].revised
    assert document.revisions == 2


def test_toc_field_paragraphs_are_marked(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Inhoudsopgave", style="Heading 1")
    toc_field(doc, ["Artikel 1.1: Voorwerp", "Artikel 1.2: Looptijd"])
    doc.add_paragraph("Partijen", style="Heading 1")
    blocks = read_document(_save(doc, tmp_path)).blocks
    assert [b.toc for b in blocks] == [False, True, True, False]
    assert blocks[1].text == "Artikel 1.1: Voorwerp\t3"


def test_tables_bold_and_headers(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "Overeenkomst versie 1.2"
    doc.add_paragraph().add_run("Artikel 3.9 – Hoofd- en onderaanneming").bold = True
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "1.2"
    table.cell(0, 1).text = "Oktober 2025"
    document = read_document(_save(doc, tmp_path))
    assert document.blocks[0].bold
    assert [(b.text, b.table) for b in document.blocks[1:]] == [("1.2", (1, 0, 0)), ("Oktober 2025", (1, 0, 1))]
    assert document.margins == ["Overeenkomst versie 1.2"]


@pytest.mark.parametrize(("content", "kind"), [
    (b"", "leeg"),
    (b"%PDF-1.7 fake", "beschadigd"),
    (b"dit is gewoon tekst", "geen-docx"),
    (b"PK\x03\x04 afgebroken", "beschadigd"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "doc-formaat"),
])
def test_bad_files_give_a_dutch_error(tmp_path: Path, content: bytes, kind: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCHECK_SOFFICE", "")  # the reader's own answer, without a conversion by LibreOffice
    path = tmp_path / "kapot.docx"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert err.value.kind == kind
    assert err.value.message

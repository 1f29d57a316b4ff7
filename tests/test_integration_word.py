"""What real Word files carry, in a real overeenkomst: a conform CSW 1.2 document in the layout of the
official DOCX, changed the way Word users change it — hidden text, a footnote, a text box, tracked
moves, content controls and fields — and checked as Word shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import docx.text.paragraph
import pytest
from docx.oxml import parse_xml

from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.producers import have_pandoc, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir
from tests.wordxml import W, add_notes, append_xml, mark_properties

pytestmark = pytest.mark.skipif(shared_dir() is None or not have_pandoc(),
                                reason="../shared/reference-sources en pandoc zijn nodig om testdocumenten te bouwen")

_CHANGE = 'w:id="{id}" w:author="Jurist" w:date="2026-10-01T10:00:00Z"'


@pytest.fixture(scope="module")
def conform(tmp_path_factory: pytest.TempPathFactory) -> Path:
    md = vul_in(overeenkomst_md("1.2"), Invulling(version="1.2"))
    return md_to_docx(md, tmp_path_factory.mktemp("officieel") / "overeenkomst.docx", "officieel")


def _changed(conform: Path, tmp_path: Path, edit: Callable[[Any], None]) -> Path:
    document = docx.Document(str(conform))
    edit(document)
    path = tmp_path / "gewijzigd.docx"
    document.save(str(path))
    return path


def _paragraph(document: Any, starts: str, after: str | None = None) -> Any:
    """The first body paragraph whose text starts with `starts` (after the one that starts with `after`)."""
    seen = after is None
    for p in document.paragraphs:
        if not seen:
            seen = p.text.startswith(after)  # type: ignore[arg-type]
            continue
        if p.text.startswith(starts) and not p.style.name.lower().startswith("toc"):
            return p
    raise AssertionError(f"geen alinea begint met {starts!r}")


def _check(path: Path) -> DocumentResult:
    result = check_document(path, CheckOptions(debug=True))
    assert result.status == "checked", result.error
    return result


def _found(result: DocumentResult) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.article, f.severity.value) for f in result.findings if f.severity.value != "info"}


def test_the_official_layout_itself_is_conform(conform: Path) -> None:
    assert _found(_check(conform)) == set()


def test_a_hidden_deel3_lid_is_a_missing_lid_and_hidden_text(conform: Path, tmp_path: Path) -> None:
    def hide(document: Any) -> None:
        number = _paragraph(document, "3.19.5")
        text = number._p.getnext()
        for p in (number, docx.text.paragraph.Paragraph(text, number._parent)):
            for run in p.runs:
                run.font.hidden = True
            mark_properties(p, "<w:vanish/>")

    result = _check(_changed(conform, tmp_path, hide))
    assert _found(result) == {("deel3-ingekort", "3.19", "error"), ("verborgen-tekst", "3.19", "warning")}
    hidden = next(f for f in result.findings if f.rule == "verborgen-tekst")
    assert "3.19" in hidden.message


def test_a_footnote_in_deel3_is_deel3_text(conform: Path, tmp_path: Path) -> None:
    def note(document: Any) -> None:
        append_xml(_paragraph(document, "3.9.2"), '<w:r><w:footnoteReference w:id="1"/></w:r>')

    path = _changed(conform, tmp_path, note)
    add_notes(str(path), "footnotes", {1: "Opdrachtgever mag deze toestemming zonder opgaaf van redenen weigeren."})
    assert _found(_check(path)) == {("deel3-aangevuld", "3.9", "error")}


def test_a_text_box_in_deel3_is_deel3_text(conform: Path, tmp_path: Path) -> None:
    def box(document: Any) -> None:
        append_xml(_paragraph(document, "3.20.1"), (
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            "<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Let op: deze bepaling geldt niet voor de "
            "regio Zuidhaven.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p>"
            "<w:r><w:t>Let op: deze bepaling geldt niet voor de regio Zuidhaven.</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"))

    assert _found(_check(_changed(conform, tmp_path, box))) == {("deel3-aangevuld", "3.20", "error")}


def test_a_tracked_move_within_deel2_reads_as_accepted(conform: Path, tmp_path: Path) -> None:
    def move(document: Any) -> None:
        # a jurist moves an own paragraph of deel 2 one paragraph down, with tracking on
        source = _paragraph(document, "", after="Artikel 2.2")
        text = source.text
        for run in source.runs:
            run._r.getparent().remove(run._r)
        mark_properties(source, f"<w:moveFrom {_CHANGE.format(id=11)}/>")
        append_xml(source, f'<w:moveFrom {_CHANGE.format(id=12)}><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
                           "</w:moveFrom>")
        source._p.getnext().addnext(parse_xml(
            f'<w:p {W}><w:moveTo {_CHANGE.format(id=13)}><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            "</w:moveTo></w:p>"))

    result = _check(_changed(conform, tmp_path, move))
    assert _found(result) == {("wijzigingen-bijhouden", None, "warning")}


def test_fields_and_content_controls_fill_slots_as_shown(conform: Path, tmp_path: Path) -> None:
    def controls(document: Any) -> None:
        # the gemeente's name in the partijen as a content control showing its content, and a cross-reference
        # field to an article in own deel 2 text
        name = _paragraph(document, "Gemeente Zuidhaven", after="Partijen")
        text = name.text
        for run in name.runs:
            run._r.getparent().remove(run._r)
        append_xml(name, f'<w:sdt><w:sdtPr><w:alias w:val="Gemeente"/></w:sdtPr><w:sdtContent><w:r><w:t>{text}'
                         "</w:t></w:r></w:sdtContent></w:sdt>")
        own = _paragraph(document, "", after="Artikel 2.1")
        own._p.addnext(parse_xml(
            f'<w:p {W}><w:r><w:t xml:space="preserve">Voor de tarieven geldt ook artikel </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\r \\h '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3.13</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'))

    result = _check(_changed(conform, tmp_path, controls))
    assert _found(result) == set()

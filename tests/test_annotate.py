"""Annotated copies: one Word comment per finding with a paragraph, anchored in that paragraph (tables and
empty paragraphs included), the input untouched, never written over an input, and readable by LibreOffice."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
import msgspec
import pytest
from lxml import etree

from cscheck.annotate import AUTHOR, AnnotateError, paragraphs, plan, write_all
from cscheck.batch.discover import Input
from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult, Finding, Location, Severity
from cscheck.read import read_document
from cscheck.rules.engine import load_rules
from tests.batchdocs import mini_docx, mini_references
from tests.fixtures.producers import have_soffice, soffice_convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def anchors(path: Path) -> dict[str, int]:
    """Comment id → index of the paragraph (reader's order) that holds its range start."""
    body = docx.Document(str(path)).element.body
    out = {}
    for index, p in enumerate(paragraphs(body)):
        for start in p.iter(f"{W}commentRangeStart"):
            out[start.get(f"{W}id")] = index
    return out


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DocumentResult]:
    folder = tmp_path_factory.mktemp("annoteren")
    manifest, _ = mini_references(folder / "mini")
    path = mini_docx(folder / "invoer" / "overeenkomst.docx", "deel3", "rusland", "invulveld")
    result = check_document(path, CheckOptions(debug=True), manifests=[manifest])
    assert {f.rule for f in result.findings} >= {"deel3-gewijzigd", "rusland-verklaring", "placeholder-niet-ingevuld"}
    return path, result


def test_one_comment_per_finding_at_its_paragraph(checked: tuple[Path, DocumentResult], tmp_path: Path) -> None:
    source, result = checked
    before = digest(source)
    targets = plan([Input(source)], tmp_path / "uit")
    [written] = write_all([result], targets, load_rules())
    assert digest(source) == before, "the input was changed"
    assert written.target == tmp_path / "uit" / "overeenkomst.docx"
    placed = [f for f in result.findings if f.location.paragraph is not None]
    assert written.comments == len(placed) and written.without_place == len(result.findings) - len(placed)
    copy = docx.Document(str(written.target))
    comments = list(copy.comments)
    assert len(comments) == len(placed)
    assert {c.author for c in comments} == {AUTHOR}
    where = anchors(written.target)
    blocks = read_document(written.target).blocks
    rules = {r.name: r for r in load_rules()}
    for comment, f in zip(comments, placed, strict=True):
        assert where[str(comment.comment_id)] == f.location.block
        assert f.location.excerpt[:20] in blocks[f.location.block].text
        assert f.message in comment.text and f.code in comment.text and rules[f.rule].advice in comment.text


def test_the_copy_reads_as_the_original(checked: tuple[Path, DocumentResult], tmp_path: Path) -> None:
    source, result = checked
    [written] = write_all([result], plan([Input(source)], tmp_path / "kopie.docx"), load_rules())
    manifest, _ = mini_references(tmp_path / "mini")
    again = check_document(written.target, CheckOptions(debug=True), manifests=[manifest])
    assert [(f.rule, f.location.paragraph) for f in again.findings if f.rule != "wijzigingen-bijhouden"] == [
        (f.rule, f.location.paragraph) for f in result.findings]


def test_tables_and_empty_paragraphs_are_anchored(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Eerste alinea.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Cel links boven"
    table.cell(1, 1).text = "Cel rechts onder"
    document.add_paragraph("")
    document.add_paragraph("Laatste alinea.")
    source = tmp_path / "tabel.docx"
    document.save(str(source))
    blocks = read_document(source).blocks
    targets = {b.text: b.index for b in blocks}
    empty = next(b.index for b in blocks if b.text == "" and b.table is None)
    wanted = [targets["Cel rechts onder"], empty, targets["Laatste alinea."], targets["Eerste alinea."]]
    result = DocumentResult(path=str(source), status="checked", findings=[
        Finding(rule="rusland-verklaring", code="CS302", severity=Severity.warning, message=f"bevinding {i}",
                location=Location.at(i)) for i in wanted])
    [written] = write_all([result], plan([Input(source)], tmp_path / "uit"), load_rules())
    assert sorted(anchors(written.target).values()) == sorted(wanted)
    assert len(docx.Document(str(written.target)).comments) == 4


def test_copies_never_land_on_an_input(tmp_path: Path) -> None:
    a = mini_docx(tmp_path / "map" / "a.docx")
    b = mini_docx(tmp_path / "map" / "sub" / "b.docx")
    md = tmp_path / "map" / "c.md"
    md.write_text("# c\n", encoding="utf-8")
    inputs = [Input(a, tmp_path / "map"), Input(b, tmp_path / "map"), Input(md, tmp_path / "map")]
    mirrored = plan(inputs, tmp_path / "uit")
    assert mirrored == {a: tmp_path / "uit" / "a.docx", b: tmp_path / "uit" / "sub" / "b.docx"}
    beside = plan(inputs, tmp_path / "map")  # into the inputs' own folder: a suffix
    assert beside == {a: tmp_path / "map" / "a.cscheck.docx", b: tmp_path / "map" / "sub" / "b.cscheck.docx"}
    with pytest.raises(AnnotateError, match="overschrijven"):
        plan([Input(a)], a)
    with pytest.raises(AnnotateError, match="geef een map op"):
        plan(inputs, tmp_path / "een.docx")
    clash = plan([Input(a), Input(tmp_path / "map" / "a.cscheck.docx")], tmp_path / "map")
    assert clash[a] == tmp_path / "map" / "a.cscheck-2.docx"


def test_a_file_changed_since_the_check_is_reported_not_raised(checked: tuple[Path, DocumentResult],
                                                               tmp_path: Path) -> None:
    _, result = checked
    changed = tmp_path / "veranderd.docx"
    changed.write_bytes(b"PK\x03\x04 nu kapot")
    result = msgspec.structs.replace(result, path=str(changed))
    [outcome] = write_all([result], plan([Input(changed)], tmp_path / "uit"), load_rules())
    assert outcome.error and "beschadigd" in outcome.error
    assert not (tmp_path / "uit" / "veranderd.docx").exists()


def test_unreadable_documents_get_no_copy(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.docx"
    broken.write_bytes(b"geen zip")
    result = DocumentResult(path=str(broken), status="error")
    assert write_all([result], plan([Input(broken)], tmp_path / "uit"), load_rules()) == []
    assert not (tmp_path / "uit").exists()


@pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_libreoffice_opens_the_copy_with_its_comments(checked: tuple[Path, DocumentResult], tmp_path: Path) -> None:
    source, result = checked
    [written] = write_all([result], plan([Input(source)], tmp_path / "uit"), load_rules())
    pdf = soffice_convert(written.target, tmp_path / "pdf", "pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5_000
    odt = soffice_convert(written.target, tmp_path / "odt", "odt")
    with zipfile.ZipFile(odt) as z:
        content = etree.fromstring(z.read("content.xml"))
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    notes = content.findall(f".//{{{office}}}annotation")
    assert len(notes) == written.comments
    texts = ["".join(note.itertext()) for note in notes]
    for f in result.findings:
        if f.location.paragraph is not None:
            assert any(f.message in " ".join(t.split()) for t in texts), f.message

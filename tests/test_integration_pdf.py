"""The files that are really published and submitted: PDFs made by LibreOffice from the DOCX fixtures of every
producer (the official layout and LibreOffice round trips included), and .doc, .odt and .rtf files.

A conform overeenkomst and every conform inkoopdocument read from PDF give no error and no warning; every
deviation is found, as in its DOCX, by the same rule at the same article (each deviation in both versions,
the producers of the DOCX tests taken in turn); findings in a PDF carry their page; a scan and a PDF in two
columns get their message; .doc, .odt and .rtf give the findings of their DOCX. The files of a group are
converted in one LibreOffice run: one start-up for all of them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cscheck.model import DocumentResult
from cscheck.read import ReadError, read_document
from tests.checking import check, serious
from tests.fixtures.afwijkingen import AFWIJKINGEN
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.build import DEVIATION_PRODUCERS, PRODUCER_VARIANTS
from tests.fixtures.inkoopbron import COMBINATIES
from tests.fixtures.inkoopproducers import getypte_nummers, inkoop_to_docx
from tests.fixtures.pdfs import CHROMIUM, browser_pdf, converted, safe_name, scanned, soffice_batch, two_columns
from tests.fixtures.producers import have_pandoc, have_soffice, md_to_docx
from tests.fixtures.sources import shared_dir
from tests.test_integration_csw import _expected, _found
from tests.test_integration_csw import filled as overeenkomst
from tests.test_integration_inkoop import DEVIATION_PRODUCERS as INKOOP_DEVIATION_PRODUCERS
from tests.test_integration_inkoop import PRODUCERS as INKOOP_PRODUCERS
from tests.test_integration_inkoop import _cases
from tests.test_integration_inkoop import filled as inkoopdocument

pytestmark = [
    pytest.mark.skipif(shared_dir() is None, reason="../shared/reference-sources ontbreekt: de officiële teksten "
                       "zijn nodig om testdocumenten te bouwen"),
    pytest.mark.skipif(not have_pandoc(), reason="pandoc is niet geïnstalleerd (apt-get install pandoc)"),
    pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is niet geïnstalleerd: het maakt de PDF's"),
]

VERSIONS = ("1.2", "1.3")
Maker = Callable[[Path], Path]


def paged(result: DocumentResult) -> bool:
    """Every finding at a paragraph of a PDF names its page."""
    return all(f.location.page is not None for f in result.findings if f.location.paragraph is not None)


def _maker(md: str, kind: str, opts: dict[str, Any], to_docx: Callable[..., Path]) -> tuple[Maker, bool]:
    """How to write the DOCX of a producer, and whether it still needs a LibreOffice round trip (done for all of
    them at once by `converted`)."""
    if kind == "libreoffice":
        rest = {k: v for k, v in opts.items() if k != "bron"}
        bron = opts.get("bron", "autonumber" if to_docx is md_to_docx else "heading-numbering")
        return (lambda path: to_docx(md, path, bron, **rest)), True
    return (lambda path: to_docx(md, path, kind, **opts)), False


def _build(cases: dict[str, tuple[str, str, dict[str, Any]]], folder: Path, to_docx: Callable[..., Path]
           ) -> dict[str, Path]:
    """case → PDF, for cases name → (Markdown, producer kind, options)."""
    makers: dict[str, Maker] = {}
    trips = []
    for name, (md, kind, opts) in cases.items():
        makers[name], trip = _maker(md, kind, opts, to_docx)
        if trip:
            trips.append(name)
    return converted(makers, folder, trips)


# ---------------------------------------------------------------------------------------------
# the overeenkomst


def _conform_case(version: str, producer: str) -> str:
    return safe_name(f"ovk-{version}-{producer}")


@pytest.fixture(scope="module")
def conform_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cases = {_conform_case(version, producer): (overeenkomst(version), *PRODUCER_VARIANTS[producer])
             for version in VERSIONS for producer in PRODUCER_VARIANTS}
    return _build(cases, tmp_path_factory.mktemp("pdf-overeenkomst"), md_to_docx)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("producer", list(PRODUCER_VARIANTS))
def test_conform_overeenkomst_from_pdf(conform_pdfs: dict[str, Path], version: str, producer: str) -> None:
    result = check(conform_pdfs[_conform_case(version, producer)])
    assert result.standard.id == f"csw-{version}"
    assert serious(result) == []


def _deviation_cases() -> list[tuple[str, str, str]]:
    """(deviation, version, producer): every deviation in both versions, the producers taken in turn."""
    out = []
    for i, name in enumerate(AFWIJKINGEN):
        for j, version in enumerate(VERSIONS):
            out.append((name, version, DEVIATION_PRODUCERS[(i + j) % len(DEVIATION_PRODUCERS)]))
    return out


@pytest.fixture(scope="module")
def deviation_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cases = {safe_name(f"{name}-{version}"): (AFWIJKINGEN[name](overeenkomst(version)), *PRODUCER_VARIANTS[producer])
             for name, version, producer in _deviation_cases()}
    return _build(cases, tmp_path_factory.mktemp("pdf-afwijkingen"), md_to_docx)


@pytest.mark.parametrize(("name", "version", "producer"), _deviation_cases())
def test_deviation_in_a_pdf_found_at_the_right_article(deviation_pdfs: dict[str, Path], name: str, version: str,
                                                       producer: str) -> None:
    result = check(deviation_pdfs[safe_name(f"{name}-{version}")])
    expected = _expected(name, version)
    assert _found(result, expected) == expected, "\n".join(serious(result))
    assert paged(result)


# ---------------------------------------------------------------------------------------------
# inkoopdocumenten


def _inkoop_case(version: str, variant: str, producer: str) -> str:
    return safe_name(f"ink-{version}-{variant}-{producer}")


@pytest.fixture(scope="module")
def inkoop_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cases = {_inkoop_case(version, variant, producer): (inkoopdocument(version, variant), *INKOOP_PRODUCERS[producer])
             for version, variant in COMBINATIES for producer in INKOOP_PRODUCERS}
    return _build(cases, tmp_path_factory.mktemp("pdf-inkoop"), inkoop_to_docx)


@pytest.mark.parametrize(("version", "variant"), COMBINATIES)
@pytest.mark.parametrize("producer", list(INKOOP_PRODUCERS))
def test_conform_inkoopdocument_from_pdf(inkoop_pdfs: dict[str, Path], version: str, variant: str,
                                         producer: str) -> None:
    result = check(inkoop_pdfs[_inkoop_case(version, variant, producer)])
    assert result.standard.id == f"csw-{version}-inkoopdocument-{variant}"
    assert serious(result) == []


def _inkoop_deviation_cases() -> list[tuple[str, str, str, str]]:
    producers = INKOOP_DEVIATION_PRODUCERS
    return [(name, version, variant, producers[i % len(producers)])
            for i, (name, version, variant) in enumerate(_cases())]


@pytest.fixture(scope="module")
def inkoop_deviation_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    cases = {safe_name(f"{name}-{version}-{variant}"):
             (AFWIJKINGEN_INKOOP[name](inkoopdocument(version, variant)), *INKOOP_PRODUCERS[producer])
             for name, version, variant, producer in _inkoop_deviation_cases()}
    return _build(cases, tmp_path_factory.mktemp("pdf-inkoop-afwijkingen"), inkoop_to_docx)


@pytest.mark.parametrize(("name", "version", "variant", "producer"), _inkoop_deviation_cases())
def test_inkoop_deviation_in_a_pdf_found_where_it_is(inkoop_deviation_pdfs: dict[str, Path], name: str,
                                                     version: str, variant: str, producer: str) -> None:
    result = check(inkoop_deviation_pdfs[safe_name(f"{name}-{version}-{variant}")])
    expected = AFWIJKINGEN_INKOOP[name].expected(version, variant)
    wanted = {(b.rule, b.article) for b in expected}
    got = {(f.rule, f.article) for f in result.findings if f.severity.value == "error" or (f.rule, f.article) in wanted}
    assert got == wanted, "\n".join(serious(result))
    for b in expected:
        if b.severity:
            assert any(f.rule == b.rule and f.article == b.article and f.severity.value == b.severity
                       for f in result.findings), "\n".join(serious(result))
    assert paged(result)


# ---------------------------------------------------------------------------------------------
# a PDF that LibreOffice did not make


BROWSER_CASES = [("overeenkomst", "1.2", "", ""), ("overeenkomst", "1.3", "", ""),
                 *(("inkoopdocument", version, variant, "") for version, variant in COMBINATIES),
                 ("overeenkomst", "1.2", "", "hernummerd_deel3"), ("overeenkomst", "1.3", "", "rusland")]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium ontbreekt (apt-get install chromium)")
@pytest.mark.parametrize(("kind", "version", "variant", "deviation"), BROWSER_CASES)
def test_a_pdf_printed_by_a_browser(kind: str, version: str, variant: str, deviation: str, tmp_path: Path) -> None:
    """Chromium draws text its own way (a run per kerned pair, a header and footer glyph by glyph, a page
    counter "3/37"): conform documents stay clean and deviations are found, as from Word."""
    if kind == "overeenkomst":
        md = AFWIJKINGEN[deviation](overeenkomst(version)) if deviation else overeenkomst(version)
    else:
        md = getypte_nummers(inkoopdocument(version, variant))
    result = check(browser_pdf(md, tmp_path / "afgedrukt.pdf"))
    if deviation:
        expected = _expected(deviation, version)
        assert _found(result, expected) == expected, "\n".join(serious(result))
    else:
        assert serious(result) == []
    assert paged(result)


# ---------------------------------------------------------------------------------------------
# what cannot be read, and what LibreOffice converts


def test_a_scan_and_a_pdf_in_two_columns_get_their_message(tmp_path: Path) -> None:
    docx_path = md_to_docx(overeenkomst("1.2"), tmp_path / "docx" / "overeenkomst.docx", "typed")
    columns = two_columns(docx_path, tmp_path / "docx" / "twee-kolommen.docx")
    pdfs = soffice_batch([docx_path, columns], tmp_path / "pdf", "pdf")
    scan = scanned(pdfs[docx_path], tmp_path / "gescand.pdf")
    with pytest.raises(ReadError) as err:
        read_document(scan)
    assert err.value.kind == "gescand" and "gescande PDF zonder tekst" in err.value.message
    with pytest.raises(ReadError) as err:
        read_document(pdfs[columns])
    assert err.value.kind == "pdf-kolommen" and "kolommen" in err.value.message


def _findings(result: DocumentResult) -> set[tuple[str, str | None, str | None, str]]:
    return {(f.rule, f.article, f.lid, f.severity.value) for f in result.findings}


@pytest.mark.parametrize(("producer", "name", "version"), [("officieel", "conform", "1.2"),
                                                          ("officieel", "hernummerd_deel3", "1.3"),
                                                          ("typed", "rusland", "1.2")])
def test_doc_odt_and_rtf_give_the_findings_of_their_docx(producer: str, name: str, version: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSCHECK_SOFFICE", "soffice")
    md = overeenkomst(version) if name == "conform" else AFWIJKINGEN[name](overeenkomst(version))
    source = md_to_docx(md, tmp_path / "docx" / f"{name}.docx", producer)
    original = check(source)
    for target in ("doc", "odt", "rtf"):
        made = soffice_batch([source], tmp_path / target, target)[source]
        other = check(made)
        assert other.converted_from == f".{target}"
        assert _findings(other) == _findings(original), (target, serious(other))
        assert sorted(p.name for p in made.parent.iterdir()) == [made.name]  # nothing written next to the input


def _cli(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "NO_COLOR": "1", "COLUMNS": "200",
           "CSCHECK_SOFFICE": "soffice"}
    return subprocess.run([sys.executable, "-m", "cscheck", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


def test_a_folder_with_pdf_docx_doc_and_odt_gives_the_findings_of_the_docx_originals(tmp_path: Path) -> None:
    """`cscheck check inzending/` over a mix of formats: the findings of the DOCX originals, the submission
    still compared as a set, pages for the PDF's findings, and the converted files said to be converted."""
    from tests.fixtures.submission import inzending

    originals = tmp_path / "origineel"
    sub = inzending(originals / "inzending", "uitvoeringsvariant", producer="officieel")
    rusland = md_to_docx(AFWIJKINGEN["rusland"](overeenkomst("1.2")), originals / "los" / "rusland.docx",
                         "officieel")
    aangevuld = md_to_docx(AFWIJKINGEN["deel3_aangevuld"](overeenkomst("1.2")),
                           originals / "ander" / "aangevuld.docx", "pandoc")
    hernummerd = md_to_docx(AFWIJKINGEN["hernummerd_deel3"](overeenkomst("1.3")),
                            originals / "word" / "hernummerd.docx", "officieel")
    mixed = tmp_path / "gemengd"
    soffice_batch([sub.overeenkomst], mixed / "inzending", "pdf")
    soffice_batch([sub.inkoopdocument], mixed / "inzending", "odt")
    pdf = soffice_batch([rusland], mixed / "los", "pdf")[rusland]
    soffice_batch([aangevuld], mixed / "ander", "doc")
    (mixed / "word").mkdir()
    (mixed / "word" / hernummerd.name).write_bytes(hernummerd.read_bytes())

    def report(folder: Path) -> dict[str, dict[str, Any]]:
        done = _cli("check", "--format", "json", "--jobs", "2", "--no-progress", folder.name, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        data = json.loads(done.stdout)
        assert len(data["submissions"]) >= 1 and any(s["compared"] for s in data["submissions"])
        return {f"{Path(d['path']).parent.name}/{Path(d['path']).stem}": d for d in data["documents"]}

    before, after = report(originals), report(mixed)
    assert set(before) == set(after) == {"inzending/overeenkomst", "inzending/inkoopdocument", "los/rusland",
                                         "ander/aangevuld", "word/hernummerd"}
    for name, original in before.items():
        assert after[name]["status"] == "checked", after[name]
        found = {(f["rule"], f["article"], f["lid"], f["severity"]) for f in after[name]["findings"]}
        assert found == {(f["rule"], f["article"], f["lid"], f["severity"]) for f in original["findings"]}, name
    for name in ("inzending/overeenkomst", "los/rusland"):
        placed = [f for f in after[name]["findings"] if f["location"]["paragraph"] is not None]
        assert all(f["location"]["page"] for f in placed), name
    assert any(f["location"]["page"] for f in after["los/rusland"]["findings"])
    assert after["inzending/inkoopdocument"]["converted_from"] == ".odt"
    assert after["ander/aangevuld"]["converted_from"] == ".doc"
    assert after["word/hernummerd"]["converted_from"] is None
    cross = [f["article"] for f in after["inzending/inkoopdocument"]["findings"]
             if f["rule"] == "inkoop-overeenkomst-tegenstrijdig"]
    assert cross == ["2.4.1"]
    text = _cli("check", "--no-progress", pdf.relative_to(tmp_path), cwd=tmp_path).stdout
    assert "pagina " in text

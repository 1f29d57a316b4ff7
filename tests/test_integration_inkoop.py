"""Inkoopdocumenten, the maatwerkovereenkomst and submissions, built at test time from the official texts
in ../shared: conform documents of every variant give no error, each deviation is found at the right
chapter or section, and a contradictory submission is reported on the document where the fix belongs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cscheck.model import DocumentResult
from cscheck.submission import group
from tests.checking import check, serious
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopbron import COMBINATIES, inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.maatwerk import VERWACHT_MAATWERK, VERWACHT_MAATWERK_GEWIJZIGD, maatwerk_gewijzigd_md, maatwerk_md
from tests.fixtures.producers import have_pandoc, have_soffice, md_to_docx
from tests.fixtures.sources import shared_dir
from tests.fixtures.submission import SOORTEN, inzending

pytestmark = [
    pytest.mark.skipif(shared_dir() is None, reason="../shared/reference-sources ontbreekt: de officiële teksten "
                       "zijn nodig om testdocumenten te bouwen"),
    pytest.mark.skipif(not have_pandoc(), reason="pandoc is niet geïnstalleerd (apt-get install pandoc)"),
]

PRODUCERS: dict[str, tuple[str, dict[str, Any]]] = {
    "pandoc": ("pandoc", {}),
    "heading-numbering": ("heading-numbering", {}),
    "heading-numbering-stijl": ("heading-numbering", {"ongenummerd": "stijl"}),
    "typed": ("typed", {}),
    "libreoffice": ("libreoffice", {}),
    # the layout of the official DOCX (TOC field with outline numbers, header, footer, page breaks)
    "officieel": ("officieel", {}),
    "libreoffice-officieel": ("libreoffice", {"bron": "officieel"}),
}
DEVIATION_PRODUCERS = ("heading-numbering", "officieel", "libreoffice-officieel")
OVEREENKOMST_PRODUCERS = {"pandoc": ("pandoc", {}), "officieel": ("officieel", {}),
                          "libreoffice-officieel": ("libreoffice", {"bron": "officieel"})}


def filled(version: str, variant: str, **changes: Any) -> str:
    return vul_in_inkoop(inkoopdocument_md(version, variant),
                         InkoopInvulling(version=version, variant=variant, **changes))  # type: ignore[arg-type]


def errors(result: DocumentResult) -> list[str]:
    return [f"{f.severity.value} {f.rule} {f.article} {f.document_label}: {f.message}"
            for f in result.findings if f.severity.value == "error"]


def found(result: DocumentResult) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.article, f.severity.value) for f in result.findings if f.severity.value != "info"}


@pytest.mark.parametrize(("version", "variant"), COMBINATIES)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_conform_inkoopdocument_gives_no_error(version: str, variant: str, producer: str, tmp_path: Path) -> None:
    kind, opts = PRODUCERS[producer]
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    result = check(inkoop_to_docx(filled(version, variant), tmp_path / "inkoop.docx", kind, **opts))
    assert result.document_type == f"inkoopdocument-{variant}"
    assert result.standard.id == f"csw-{version}-inkoopdocument-{variant}"
    assert serious(result) == []


@pytest.mark.parametrize(("version", "variant"), COMBINATIES)
def test_conform_choices_of_another_gemeente(version: str, variant: str, tmp_path: Path) -> None:
    md = filled(version, variant, uitvoeringsvariant="taakgericht", labels_behouden=True, bibob=False,
                optie=2 if variant != "toelatingsprocedure" else 1)
    result = check(inkoop_to_docx(md, tmp_path / "inkoop.docx", "heading-numbering"))
    assert serious(result) == []


def _cases() -> list[tuple[str, str, str]]:
    return [(name, version, variant) for name, afw in AFWIJKINGEN_INKOOP.items() for version, variant in COMBINATIES
            if afw.geldt_voor(version, variant)]


def _docx(kind: str, opts: dict[str, Any]) -> None:
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")


@pytest.mark.parametrize("producer", DEVIATION_PRODUCERS)
@pytest.mark.parametrize(("name", "version", "variant"), _cases())
def test_inkoop_deviation_found_where_it_is(name: str, version: str, variant: str, producer: str,
                                           tmp_path: Path) -> None:
    kind, opts = PRODUCERS[producer]
    _docx(kind, opts)
    afwijking = AFWIJKINGEN_INKOOP[name]
    md = afwijking(filled(version, variant))
    result = check(inkoop_to_docx(md, tmp_path / f"{name}.docx", kind, **opts))
    expected = afwijking.expected(version, variant)
    wanted = {(b.rule, b.article) for b in expected}
    got = {(f.rule, f.article) for f in result.findings
           if f.severity.value == "error" or (f.rule, f.article) in wanted}
    report = "\n".join(f"{f.severity.value} {f.rule} {f.article} {f.document_label}: {f.message}"
                       for f in result.findings if f.severity.value != "info")
    assert got == wanted, report
    # one deviation, one finding per place it touches: never more errors and warnings than the places declared
    assert len(serious(result)) <= len(expected), report
    for b in expected:
        if b.severity:
            assert any(f.rule == b.rule and f.article == b.article and f.severity.value == b.severity
                       for f in result.findings), report


@pytest.mark.parametrize("producer", list(OVEREENKOMST_PRODUCERS))
def test_maatwerkovereenkomst_passes_and_a_changed_one_does_not(producer: str, tmp_path: Path) -> None:
    kind, opts = OVEREENKOMST_PRODUCERS[producer]
    _docx(kind, opts)
    conform = check(md_to_docx(maatwerk_md(), tmp_path / "maatwerk.docx", kind, **opts))
    assert conform.variant == "maatwerk"
    assert serious(conform) == [] and VERWACHT_MAATWERK == []
    changed = check(md_to_docx(maatwerk_gewijzigd_md(), tmp_path / "gewijzigd.docx", kind, **opts))
    assert {(f.rule, f.article) for f in changed.findings if f.severity.value == "error"} == {
        (b.rule, b.article) for b in VERWACHT_MAATWERK_GEWIJZIGD}


def test_maatwerk_can_be_forced(tmp_path: Path) -> None:
    plain = re.sub(r"\bMaatwerkovereenkomst\b|\bmaatwerkovereenkomst(?= sluit)", "overeenkomst", maatwerk_md())
    path = md_to_docx(plain, tmp_path / "m.docx", "pandoc")
    # not recognised as maatwerk: its deel-3 provisions "niet van toepassing" are reported (a warning each)
    assert {f.split()[1] for f in serious(check(path))} >= {"deel3-niet-van-toepassing"}
    assert serious(check(path, variant="maatwerk")) == []


@pytest.mark.parametrize("producer", ["pandoc", "officieel"])
@pytest.mark.parametrize("soort", SOORTEN)
def test_submission_as_a_set(soort: str, producer: str, tmp_path: Path) -> None:
    sub = inzending(tmp_path / soort, soort, producer=producer)  # type: ignore[arg-type]
    results = [check(sub.overeenkomst), check(sub.inkoopdocument)]
    submissions = group(results)
    assert len(submissions) == 1 and submissions[0].compared
    for result in results:
        name = Path(result.path).name
        cross = {(f.rule, f.article) for f in result.findings if f.rule == "inkoop-overeenkomst-tegenstrijdig"}
        expected = {(b.rule, b.article) for b in sub.verwacht[name] if b.rule == "inkoop-overeenkomst-tegenstrijdig"}
        assert cross == expected, f"{name}: {[f.message for f in result.findings if f.rule.startswith('inkoop-ov')]}"


def test_reference_text_quotes_the_words_an_inkoopdocument_lost(tmp_path: Path) -> None:
    afwijking = AFWIJKINGEN_INKOOP["gestanddoening_ingekort"]
    md = afwijking(filled("1.2", "sas-met-emvi"))
    path = inkoop_to_docx(md, tmp_path / "ingekort.docx", "heading-numbering")
    official = shared_dir() / "reference-sources" / "csw-1.2" / "inkoopdocument-sas-met-emvi.md"  # type: ignore[operator]
    result = check(path, reference_text=official)
    changed = [f for f in result.findings if f.rule == "inkoopdocument-vaste-tekst-gewijzigd"]
    assert changed and changed[0].changes is not None
    removed = changed[0].changes.removed
    source = " ".join(official.read_text(encoding="utf-8").split())
    assert removed and all(run in source and run not in " ".join(md.split()) for run in removed), removed

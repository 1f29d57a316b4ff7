"""The real thing: overeenkomsten built at test time from the official CSW texts in ../shared, the way
gemeenten make them (filled in, by pandoc, python-docx with typed numbers, python-docx with Word
auto-numbering, in the layout of the official DOCX with outline numbers in front of the article numbers,
and LibreOffice round trips). A conform document gives no error or warning; every deviation is found at
the right article and nothing else is reported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cscheck.model import DocumentResult
from tests.checking import check, serious
from tests.fixtures.afwijkingen import AFWIJKINGEN
from tests.fixtures.build import DEVIATION_PRODUCERS, GEMEENTE_VARIANTS, PRODUCER_VARIANTS
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.producers import (
    comment,
    docx_niet_contractstandaard,
    have_pandoc,
    have_soffice,
    md_to_docx,
    tracked_change,
)
from tests.fixtures.sources import overeenkomst_md, shared_dir

pytestmark = [
    pytest.mark.skipif(shared_dir() is None, reason="../shared/reference-sources ontbreekt: de officiële teksten "
                       "zijn nodig om testdocumenten te bouwen"),
    pytest.mark.skipif(not have_pandoc(), reason="pandoc is niet geïnstalleerd (apt-get install pandoc)"),
]

VERSIONS = ("1.2", "1.3")
# the producers and gemeente choices that tests/fixtures/build.py also writes out for inspection
PRODUCERS = PRODUCER_VARIANTS
GEMEENTEN: dict[str, dict[str, Any]] = {"toelating-inspanning": {}, **GEMEENTE_VARIANTS}
# deviations that depend on numbering: also built with Word auto-numbering
NUMBERING = ("hernummerd_deel3", "optioneel_weggelaten_hernummerd", "volgorde", "delen_omgewisseld",
             "artikel_weg", "deel3_lid_weg", "deel3_lid_erbij", "artikel_erbij")


def filled(version: str, **changes: Any) -> str:
    return vul_in(overeenkomst_md(version), replace(Invulling(version=version), **changes))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("producer", list(PRODUCERS))
def test_conform_document_from_every_producer(version: str, producer: str, tmp_path: Path) -> None:
    kind, opts = PRODUCERS[producer]
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    path = md_to_docx(filled(version), tmp_path / f"{producer}.docx", kind, **opts)
    result = check(path)
    assert result.standard.id == f"csw-{version}"
    assert serious(result) == []


@pytest.mark.parametrize("producer", ["pandoc", "officieel"])
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("gemeente", list(GEMEENTEN))
def test_conform_choices_of_a_gemeente(version: str, gemeente: str, producer: str, tmp_path: Path) -> None:
    path = md_to_docx(filled(version, **GEMEENTEN[gemeente]), tmp_path / "ovk.docx", producer)
    result = check(path)
    assert result.standard.id == f"csw-{version}"
    assert serious(result) == []


def _expected(name: str, version: str) -> set[tuple[str, str | None, str | None, str | None]]:
    return {(b.rule, None if b.article == "deel" else b.article, b.lid, b.severity)
            for b in AFWIJKINGEN[name].expected(version)}


def _found(result: DocumentResult, expected: set[tuple[str, str | None, str | None, str | None]]
           ) -> set[tuple[str, str | None, str | None, str | None]]:
    with_severity = {(r, a, lid) for r, a, lid, sev in expected if sev}
    return {(f.rule, f.article, f.lid, f.severity.value if (f.rule, f.article, f.lid) in with_severity else None)
            for f in result.findings if f.severity.value != "info"}


@pytest.mark.parametrize("producer", DEVIATION_PRODUCERS)
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", list(AFWIJKINGEN))
def test_deviation_found_at_the_right_article(version: str, name: str, producer: str, tmp_path: Path) -> None:
    kind, opts = PRODUCERS[producer]
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")
    md = AFWIJKINGEN[name](filled(version))
    result = check(md_to_docx(md, tmp_path / f"{name}.docx", kind, **opts))
    expected = _expected(name, version)
    assert _found(result, expected) == expected, "\n".join(serious(result))
    # one deviation, one finding per place it touches: never more errors and warnings than the places declared
    assert len(serious(result)) <= len(AFWIJKINGEN[name].expected(version)), "\n".join(serious(result))


@pytest.mark.parametrize("numbering", ["style", "direct"])
@pytest.mark.parametrize("name", NUMBERING)
def test_numbering_deviation_with_word_autonumbering(numbering: str, name: str, tmp_path: Path) -> None:
    md = AFWIJKINGEN[name](filled("1.2"))
    result = check(md_to_docx(md, tmp_path / f"{name}.docx", "autonumber", numbering=numbering))
    expected = _expected(name, "1.2")
    assert _found(result, expected) == expected, "\n".join(serious(result))


@pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is niet geïnstalleerd")
@pytest.mark.parametrize("name", ["hernummerd_deel3", "deel3_aangevuld", "rusland"])
def test_deviation_survives_a_libreoffice_round_trip(name: str, tmp_path: Path) -> None:
    md = AFWIJKINGEN[name](filled("1.2"))
    result = check(md_to_docx(md, tmp_path / f"{name}.docx", "libreoffice", bron="autonumber"))
    expected = _expected(name, "1.2")
    assert _found(result, expected) == expected, "\n".join(serious(result))


def test_tracked_change_and_comment_are_reported_and_read_as_accepted(tmp_path: Path) -> None:
    base = md_to_docx(filled("1.2"), tmp_path / "ovk.docx", "typed")
    changed = tracked_change(base, tmp_path / "bijgehouden.docx", "contractgesprek",
                             " Het verslag volgt binnen een maand.")
    result = check(changed)
    assert {f.rule for f in result.findings if f.severity.value != "info"} == {"wijzigingen-bijhouden"}
    commented = comment(base, tmp_path / "opmerking.docx", "Looptijd", "Nog afstemmen met juridische zaken")
    assert "wijzigingen-bijhouden" in {f.rule for f in check(commented).findings}


def test_a_letter_is_not_a_contractstandaard(tmp_path: Path) -> None:
    result = check(docx_niet_contractstandaard(tmp_path / "brief.docx"))
    assert [f.rule for f in result.findings] == ["geen-contractstandaard"]
    assert result.standard.id is None


def test_version_is_detected_and_a_forced_other_version_is_reported(tmp_path: Path) -> None:
    path = md_to_docx(filled("1.2"), tmp_path / "ovk.docx", "pandoc")
    auto = check(path)
    assert auto.standard.id == "csw-1.2" and auto.standard.candidates["csw-1.2"] > auto.standard.candidates["csw-1.3"]
    forced = check(path, standard="csw-1.3")
    assert any(f.rule == "versie-afwijkend" and f.severity.value == "warning" for f in forced.findings)


def test_reference_text_gives_the_removed_words(tmp_path: Path) -> None:
    source = shared_dir() / "reference-sources" / "csw-1.2" / "overeenkomst.md"  # type: ignore[operator]
    md = AFWIJKINGEN["deel3_ingekort"](filled("1.2"))
    path = md_to_docx(md, tmp_path / "ingekort.docx", "pandoc")
    without = [f for f in check(path).findings if f.rule == "deel3-ingekort"]
    assert without and without[0].changes is not None and without[0].changes.removed == []
    with_text = [f for f in check(path, reference_text=source).findings if f.rule == "deel3-ingekort"]
    removed = with_text[0].changes.removed  # type: ignore[union-attr]
    assert removed and sum(len(r.split()) for r in removed) == with_text[0].changes.removed_words  # type: ignore[union-attr]
    assert removed[0].split()[0][0].isupper() or removed[0].split()[0][0].islower()

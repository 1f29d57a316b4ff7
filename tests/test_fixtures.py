"""Tests of the fixture builders themselves (tests/fixtures): sources, fill-in, deviations, producers."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fixtures import mdtools as t
from tests.fixtures.afwijkingen import AFWIJKINGEN, versie
from tests.fixtures.gemeente import OPTIONELE_ARTIKELEN, Invulling, open_plekken, vul_in
from tests.fixtures.producers import (
    comment,
    docx_niet_contractstandaard,
    have_pandoc,
    have_soffice,
    md_to_docx,
    soffice_convert,
    tracked_change,
)
from tests.fixtures.sources import SharedMissing, overeenkomst_md, require_shared, shared_dir

VERSIONS = ("1.2", "1.3")
needs_pandoc = pytest.mark.skipif(not have_pandoc(), reason="pandoc is not installed")
needs_soffice = pytest.mark.skipif(not have_soffice(), reason="soffice (LibreOffice) is not installed")


@pytest.fixture(autouse=True)
def _shared() -> None:
    require_shared()


@cache
def conform(version: str) -> str:
    return vul_in(overeenkomst_md(version), Invulling(version=version))


def body_paragraphs(path: Path) -> list[Paragraph]:
    document = docx.Document(str(path))
    return [p for p in document.paragraphs
            if not (p.style is not None and p.style.name.lower().startswith("toc"))]


# ---------------------------------------------------------------------------------------------
# sources


def test_missing_shared_folder_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CSCHECK_SHARED", str(tmp_path / "nowhere"))
    assert shared_dir() is None
    with pytest.raises(SharedMissing):
        overeenkomst_md("1.2")
    with pytest.raises(pytest.skip.Exception):
        require_shared()


def test_version_12_is_the_file_as_is() -> None:
    folder = shared_dir()
    assert folder is not None
    path = folder / "reference-sources" / "csw-1.2" / "overeenkomst.md"
    assert overeenkomst_md("1.2") == path.read_text(encoding="utf-8")


def test_version_13_is_composed_like_12() -> None:
    md = overeenkomst_md("1.3")
    assert "3.9a" in md and "Artikel 1.10" in md
    assert "## Artikel 1.10 – " in md and "### Artikel 3.9a – " in md
    assert "chatbot" not in md.lower() and "Brontekst" not in md
    bl = t.blocks(md)
    assert md.count("Opgemaakt te") == 1 and len(bl) - t.signature_index(bl) <= 8
    assert re.search(r"^\| 1\.3 \| Oktober 2026 \| Ketenbureau \|", md, re.M)
    numbers = [h.number for b in t.blocks(md) if (h := t.article_heading(b))]
    deel3 = [n for n in numbers if n.startswith("3.")]
    assert deel3[:10] == [f"3.{k}" for k in range(1, 10)] + ["3.9a"] and deel3[-1] == "3.31"
    for k in range(2, 8):  # every Hoofdstuk heading directly precedes its first article
        assert re.search(rf"^## \*\*Hoofdstuk {k}:.*\*\*\n\n### Artikel 3\.", md, re.M)
    assert re.search(r"^3\.9\.1\n\n\S", md, re.M), "lid number on its own paragraph"


# ---------------------------------------------------------------------------------------------
# gemeente: conform fill-in


@pytest.mark.parametrize("version", VERSIONS)
def test_conform_has_no_open_slots(version: str) -> None:
    md = conform(version)
    assert open_plekken(md) == []
    assert "[Naam Organisatie]" in md and "Opgemaakt te [plaats]" in md  # left open on purpose
    assert "Artikel 1.n" not in md.split("# Partijen")[1] and "2.n.1" not in md


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(version=st.sampled_from(VERSIONS),
       procedure=st.sampled_from(["toelating", "sas-met-emvi", "sas-zonder-emvi"]),
       met_selectie=st.booleans(),
       variant=st.sampled_from(["inspanningsgericht", "outputgericht", "taakgericht"]),
       markers=st.booleans(), optie=st.integers(1, 3), toc=st.booleans(), marker_opt=st.booleans(),
       eigen=st.booleans(), deel2=st.booleans(),
       optioneel=st.sets(st.sampled_from(OPTIONELE_ARTIKELEN)))
def test_every_invulling_is_filled(version: str, procedure: str, met_selectie: bool, variant: str,
                                   markers: bool, optie: int, toc: bool, marker_opt: bool, eigen: bool,
                                   deel2: bool, optioneel: set[str]) -> None:
    inv = Invulling(version=version, procedure=procedure, met_selectie=met_selectie,  # type: ignore[arg-type]
                    uitvoeringsvariant=variant, markers_behouden=markers, optie_1_3_4=optie,  # type: ignore[arg-type]
                    inhoudsopgave_behouden=toc, optioneel_marker_behouden=marker_opt,
                    eigen_artikel_deel1=eigen, deel2_tekst=deel2, optionele_artikelen=optioneel)
    md = vul_in(overeenkomst_md(version), inv)
    assert open_plekken(md) == []
    bl = t.blocks(md)
    for number in OPTIONELE_ARTIKELEN:  # optional articles keep number and title, used or not
        start, _ = t.article_range(bl, number)
        assert (bl[start + 1] == "Niet van toepassing.") == (number not in optioneel)
    overwegingen = md[md.index("# Overwegingen"):md.index("# Definities")]
    assert ("(Bij" in overwegingen) == markers
    assert ("toelatingsprocedure doorliep" in overwegingen) == (procedure == "toelating")
    assert ("Europese aanbestedingsprocedure doorliep" in overwegingen) == (procedure != "toelating")
    assert ("Optie 2:" in md) == (markers and optie == 2)
    assert ("# Inhoudsopgave" in md) == toc


def test_nvt_spelling_varies() -> None:
    md = vul_in(overeenkomst_md("1.2"), Invulling(optionele_artikelen=set(), nvt_afwisselen=True))
    assert {"Niet van toepassing.", "n.v.t.", "NVT"} <= set(t.blocks(md))


def test_own_article_numbers_follow_the_standard() -> None:
    assert "## Artikel 1.10 – Samenwerking" in conform("1.2")
    assert "## Artikel 1.11 – Samenwerking" in conform("1.3")
    assert "## Artikel 2.1 – Tarieven" in conform("1.2") and "2.1.1" in conform("1.2")


# ---------------------------------------------------------------------------------------------
# afwijkingen


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", sorted(AFWIJKINGEN))
def test_every_afwijking_changes_the_document(version: str, name: str) -> None:
    afwijking = AFWIJKINGEN[name]
    base = conform(version)
    changed = afwijking(base)
    assert changed != base
    expected = afwijking.expected(version)
    # a change the standard allows (dropping a variant that was not chosen) expects no finding
    assert (expected or name == "deel3_variant_weggelaten") and afwijking.beschrijving
    for finding in expected:
        if finding.article is None:
            label = finding.document_label
            assert label
            assert re.search(rf"^(#+ Artikel {re.escape(label)} |{re.escape(label)}$)", changed, re.M)


def test_afwijkingen_are_surgical() -> None:
    base = conform("1.2")
    bl = t.blocks(base)
    assert t.blocks(AFWIJKINGEN["artikel_weg"](base)) == bl[:t.article_range(bl, "3.17")[0]] + bl[
        t.article_range(bl, "3.17")[1]:]
    renumbered = AFWIJKINGEN["hernummerd_deel3"](base)
    assert "### Artikel 3.32 – Inbreuk" in renumbered and "\n3.21.1\n" in renumbered
    assert "### Artikel 3.19 – " in renumbered and "### Artikel 3.20 – " not in renumbered
    swapped = AFWIJKINGEN["delen_omgewisseld"](base)
    assert swapped.index("# Deel 3") < swapped.index("# Deel 1") and sorted(t.blocks(swapped)) == sorted(bl)
    assert versie(base) == "1.2" and versie(conform("1.3")) == "1.3"


def test_afwijking_fails_loudly_without_its_anchor() -> None:
    inv = replace(Invulling(), optionele_artikelen={"1.4"})
    with pytest.raises(KeyError):
        AFWIJKINGEN["vaste_tekst_optioneel"](vul_in(overeenkomst_md("1.2"), inv))


# ---------------------------------------------------------------------------------------------
# producers


@needs_pandoc
@pytest.mark.parametrize("version", VERSIONS)
def test_pandoc_docx_opens(version: str, tmp_path: Path) -> None:
    path = md_to_docx(conform(version), tmp_path / "p.docx", "pandoc")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert any(x.startswith("Artikel 3.9 – Hoofd- en onderaanneming") for x in texts)


@pytest.mark.parametrize("opts, heading, lid", [
    ({}, "Artikel 3.9 – Hoofd- en onderaanneming", "3.9.1"),
    ({"kop": "Artikel 3.9: Titel", "lid": "tab"}, "Artikel 3.9: Hoofd- en onderaanneming", "3.9.1\t"),
    ({"kop": "Art. 3.9 Titel", "kop_als_vet": True, "lijsten": "getypt", "inhoudsopgave": "tekst"},
     "Art. 3.9 Hoofd- en onderaanneming", "3.9.1"),
    ({"kop": "3.9 Titel"}, "3.9 Hoofd- en onderaanneming", "3.9.1"),
])
def test_typed_docx(opts: dict[str, object], heading: str, lid: str, tmp_path: Path) -> None:
    path = md_to_docx(conform("1.3"), tmp_path / "t.docx", "typed", **opts)
    paragraphs = body_paragraphs(path)
    head = next(p for p in paragraphs if p.text == heading)
    if opts.get("kop_als_vet"):
        assert head.style.name == "Normal" and all(r.bold for r in head.runs)
    else:
        assert head.style.name == "Heading 3"
    assert any(p.text.startswith(lid) and (lid.endswith("\t") or p.text == lid) for p in paragraphs)
    prefix = heading[:heading.index("3.9")] + "3.9a"
    assert any(p.text.startswith(prefix) for p in paragraphs)
    assert len(docx.Document(str(path)).tables) == 1


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


@pytest.mark.parametrize("numbering", ["style", "direct"])
def test_autonumber_docx(numbering: str, tmp_path: Path) -> None:
    path = md_to_docx(conform("1.3"), tmp_path / "a.docx", "autonumber", numbering=numbering)
    document_xml, numbering_xml = _xml(path, "word/document.xml"), _xml(path, "word/numbering.xml")
    assert "<w:numPr>" in document_xml and "w:startOverride" in numbering_xml
    texts = [p.text for p in body_paragraphs(path)]
    assert not any(x.startswith(("Artikel 3.9 ", "Artikel 3.10")) for x in texts)
    assert ("Deel 3: Generieke bepalingen" in texts) == (numbering == "direct")  # deel typed in direct mode
    assert "3.9.1" not in texts and not any(re.match(r"^3\.9\.\d", x) for x in texts)
    assert "Hoofd- en onderaanneming" in texts
    assert "Artikel 3.9a – Verklaring omtrent gedrag personeel" in texts
    if numbering == "style":
        assert 'w:val="Artikel %1.%2"' in numbering_xml and 'w:val="Deel %1:"' in numbering_xml
        assert "<w:numPr>" in _xml(path, "word/styles.xml")
    else:
        assert 'w:val="Artikel 3.%1"' in numbering_xml and 'w:val="3.%1.%2"' in numbering_xml


@needs_soffice
def test_autonumber_renders_numbers_in_libreoffice(tmp_path: Path) -> None:
    path = md_to_docx(conform("1.3"), tmp_path / "a.docx", "autonumber", inhoudsopgave="tekst")
    text = soffice_convert(path, tmp_path / "txt", "txt:Text (encoded):UTF8").read_text(encoding="utf-8")
    body = text[text.index("Hoofd- en onderaanneming\n") - 40:]
    for shown in (r"Artikel 3\.9\s+Hoofd- en onderaanneming", r"3\.9\.1\s+Opdrachtnemer meldt",
                  r"Artikel 3\.9a – Verklaring", r"Artikel 3\.10\s+Informatievoorziening",
                  r"3\.10\.1\s+Opdrachtnemer", r"Artikel 3\.31\s+Inbreuk"):
        assert re.search(shown, body), shown


@needs_soffice
def test_libreoffice_round_trip(tmp_path: Path) -> None:
    path = md_to_docx(conform("1.2"), tmp_path / "lo.docx", "libreoffice", bron="autonumber",
                      numbering="direct")
    document = docx.Document(str(path))
    assert len(document.paragraphs) > 300 and "<w:numPr>" in _xml(path, "word/document.xml")


def test_tracked_change_comment_and_letter(tmp_path: Path) -> None:
    source = md_to_docx(conform("1.2"), tmp_path / "t.docx", "typed")
    revised = tracked_change(source, tmp_path / "r.docx", "Treeknormen", " Eigen norm: vier weken.")
    assert re.search(r"<w:ins [^>]*w:author=.*Eigen norm: vier weken", _xml(revised, "word/document.xml"))
    commented = comment(source, tmp_path / "c.docx", "Treeknormen", "Mag dit?")
    assert "Mag dit?" in _xml(commented, "word/comments.xml")
    letter = docx_niet_contractstandaard(tmp_path / "brief.docx")
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "Gemeente Zuidhaven" in text and "Artikel" not in text and "Opdrachtnemer" not in text


def test_build_command_writes_fixtures(tmp_path: Path) -> None:
    if not have_pandoc():
        pytest.skip("pandoc is not installed")
    result = subprocess.run(
        [sys.executable, "-m", "tests.fixtures.build", str(tmp_path), "--versions", "1.3",
         "--zonder-libreoffice"],
        cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, timeout=300, check=True)
    assert "written" in result.stdout
    assert (tmp_path / "1.3" / "afwijkingen" / "verwacht.json").exists()
    # pandoc and the official layout (the LibreOffice round trip is left out here)
    assert len(list((tmp_path / "1.3" / "afwijkingen").glob("*.docx"))) == 2 * len(AFWIJKINGEN)
    assert (tmp_path / "1.3" / "conform" / "officieel.docx").exists()

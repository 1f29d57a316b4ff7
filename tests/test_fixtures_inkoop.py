"""Tests of the inkoopdocument, maatwerk and submission fixture builders (tests/fixtures)."""

from __future__ import annotations

import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.fixtures import mdtools as t
from tests.fixtures.afwijkingen_inkoop import AFWIJKINGEN_INKOOP, ONDUIDELIJK, STRUCTUUR, VASTE_TEKST
from tests.fixtures.inkoop import InkoopInvulling, labels, open_plekken_inkoop, opschonen, vul_in_inkoop
from tests.fixtures.inkoopblok import looptijd_sleutel
from tests.fixtures.inkoopbron import (
    COMBINATIES,
    inkoopdocument_md,
    koppen,
    procedure_hoofdstuk,
    sectie_body,
    sectie_range,
)
from tests.fixtures.inkoopproducers import getypte_nummers, inkoop_to_docx
from tests.fixtures.maatwerk import NVT_ARTIKELEN, maatwerk_gewijzigd_md, maatwerk_md
from tests.fixtures.producers import have_pandoc, have_soffice
from tests.fixtures.sources import require_shared
from tests.fixtures.submission import INKOOPDOCUMENT, OVEREENKOMST, SOORTEN, inzending, inzending_md

needs_pandoc = pytest.mark.skipif(not have_pandoc(), reason="pandoc is not installed")
needs_soffice = pytest.mark.skipif(not have_soffice(), reason="soffice (LibreOffice) is not installed")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RULES = {STRUCTUUR, VASTE_TEKST, ONDUIDELIJK, "rusland-verklaring", "eigen-inkoopvoorwaarden",
         "zzp-als-onderaannemer", "placeholder-niet-ingevuld", "keuze-niet-gemaakt", "toelating-beperkt"}
IDS = [f"{v}-{w}" for v, w in COMBINATIES]


@pytest.fixture(autouse=True)
def _shared() -> None:
    require_shared()


@cache
def conform(version: str, variant: str) -> str:
    inv = InkoopInvulling(version=version, variant=variant)  # type: ignore[arg-type]
    return vul_in_inkoop(inkoopdocument_md(version, variant), inv)


def sleutels(md: str) -> list[str]:
    return [k.sleutel for _, k in koppen(t.blocks(md))]


def body(md: str, key: str) -> list[str]:
    bl = t.blocks(md)
    start, end = sectie_body(bl, key)
    return bl[start:end]


# ---------------------------------------------------------------------------------------------
# templates


@pytest.mark.parametrize(("version", "variant"), COMBINATIES, ids=IDS)
def test_template_structure(version: str, variant: str) -> None:
    keys = sleutels(opschonen(inkoopdocument_md(version, variant)))
    p = procedure_hoofdstuk(variant)
    assert keys[-1] == "bijlage-1" and keys[keys.index("1") - 1] == "definities"
    assert ("wijzigingsbeheer" in keys) == (variant != "sas-zonder-emvi")  # plain text in zonder EMVI
    assert ("3.5" in keys) == (variant != "toelatingsprocedure")
    assert ("4" in keys and p == "5") == (variant == "sas-met-emvi")
    assert (looptijd_sleutel(variant) in keys and "2.5.3" in keys) or variant == "toelatingsprocedure"
    for sub in ("1", "2", "3", "3.1", "3.2", "4", "4.1", "4.2", "4.3", "5", "6", "7", "8", "8.1", "8.2"):
        assert f"{p}.{sub}" in keys


def test_13_is_composed_like_the_12_toelating() -> None:
    md = inkoopdocument_md("1.3", "toelatingsprocedure")
    assert sleutels(md) == sleutels(inkoopdocument_md("1.2", "toelatingsprocedure"))
    for scaffolding in ("chatbot", "Brontekst", "RAG", "Bronmetadata", "Status van dit onderdeel"):
        assert scaffolding not in md
    assert re.search(r"^\| 1\.3 \| Oktober 2026 \| Ketenbureau \|.*\n\| --- .*\n\| 1\.2 \|", md, re.M)
    for only_13 in ("Administratieprotocol", "[Opmerking:", "artikel 3.9a", "welke software bedoeld wordt",
                    "onder voorbehoud van wijzigingen", "OF (eigen keuze"):
        assert only_13 in md, only_13
    assert "\\[" not in md and "\\*" not in md  # pandoc escapes removed
    assert md.count("# Bijlage 1") == 1 and "| 9. | PM |" in md  # Bijlage 1 of the 1.2 toelating


# ---------------------------------------------------------------------------------------------
# conform fill-in


@pytest.mark.parametrize(("version", "variant"), COMBINATIES, ids=IDS)
def test_conform_is_filled(version: str, variant: str) -> None:
    md = conform(version, variant)
    assert open_plekken_inkoop(md) == []
    assert labels(md) == [] and "ZEMVI" not in md and "VOORBEELDOPTIE" not in md
    for note in ("[Een van onderstaande", "[Let op", "[Optioneel", "[optioneel", "(optioneel:)", "[keuze:"):
        assert note not in md
    assert "202*" not in md and "[Naam" not in md
    template = [k for k in sleutels(opschonen(inkoopdocument_md(version, variant))) if k != "3.5"]
    assert sleutels(md) == template  # the default invulling has no selectie: optional 3.5 dropped


@pytest.mark.parametrize(("version", "variant"), COMBINATIES, ids=IDS)
def test_fixed_blocks_untouched(version: str, variant: str) -> None:
    template = opschonen(inkoopdocument_md(version, variant))
    md = conform(version, variant)
    p = procedure_hoofdstuk(variant)
    for key in (f"{p}.4.1", f"{p}.4.2", f"{p}.4.3", f"{p}.5", f"{p}.6", f"{p}.7", "2.5.2" if variant !=
                "toelatingsprocedure" else "2.5.1", "definities", "wijzigingsbeheer"):
        if key == "wijzigingsbeheer" and variant == "sas-zonder-emvi":
            continue
        kept = body(md, key)
        for block in body(template, key):
            if key == "wijzigingsbeheer" and block.startswith("©"):
                continue
            if key == "2.5.1" and not block.startswith("Op deze inkoopprocedure"):
                continue
            assert block in kept, (key, block[:60])


OPTIES = {"sas-met-emvi": (1, 2, 3), "sas-zonder-emvi": (1, 2, 3, 4), "toelatingsprocedure": (1,)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(combinatie=st.sampled_from(COMBINATIES), data=st.data(),
       variant=st.sampled_from(["inspanningsgericht", "outputgericht", "taakgericht"]),
       labels_behouden=st.booleans(), bibob=st.booleans(), dialoog=st.booleans(),
       verlenging=st.integers(0, 2), eisen=st.sampled_from(["tabel", "lijst"]),
       pm=st.sampled_from(["vervangen", "weg"]))
def test_every_invulling_is_filled(combinatie: tuple[str, str], data: st.DataObject, variant: str,
                                   labels_behouden: bool, bibob: bool, dialoog: bool, verlenging: int,
                                   eisen: str, pm: str) -> None:
    version, procedure = combinatie
    optie = data.draw(st.sampled_from(OPTIES[procedure]))
    inv = InkoopInvulling(version=version, variant=procedure, optie=optie,  # type: ignore[arg-type]
                          uitvoeringsvariant=variant, labels_behouden=labels_behouden,  # type: ignore[arg-type]
                          bibob=bibob, dialoog=dialoog, verlenging_aantal=verlenging,
                          eisen_als=eisen, pm_rij=pm)  # type: ignore[arg-type]
    md = vul_in_inkoop(inkoopdocument_md(version, procedure), inv)
    assert open_plekken_inkoop(md) == []
    expected_labels = {"sas-met-emvi": 3, "sas-zonder-emvi": 2, "toelatingsprocedure": 0}[procedure]
    assert len(labels(md)) == (expected_labels if labels_behouden else 0)
    keys = sleutels(md)
    chosen = inv.variant_bijvoeglijk
    assert all(chosen in _label.lower() for _label in
               (b.strip("*") for b in body(md, "2.4.1") if b.strip("*").endswith("uitvoeringsvariant")))
    assert any(f"de {chosen} uitvoeringsvariant toe" in b for b in body(md, "2.4.1"))
    heading = t.heading_text(t.blocks(md)[sectie_range(t.blocks(md), "2.4.2")[0]])
    assert heading == ("Berekening taakgericht budget" if variant == "taakgericht" else "Berekening tarieven")
    assert any(b.strip("*") == "Wet Bibob" for b in body(md, "3.1")) == bibob
    assert ("3.5" in keys) == (procedure != "toelatingsprocedure" and inv.selectie)
    looptijd = body(md, looptijd_sleutel(procedure))
    assert (len(looptijd) > 1) == (inv.max_maanden > 48 and variant != "taakgericht")
    assert "raamovereenkomst/" not in md and "opdrachtnemer[s]" not in md and "opdrachtnemer(s)" not in md


# ---------------------------------------------------------------------------------------------
# deviations


def _titles(md: str) -> dict[str, str]:
    return {k.nummer: k.titel for _, k in koppen(t.blocks(md)) if k.nummer}


@pytest.mark.parametrize(("version", "variant"), COMBINATIES, ids=IDS)
def test_every_deviation_changes_the_document(version: str, variant: str) -> None:
    md = conform(version, variant)
    standard = {k.sleutel: k.titel for _, k in koppen(t.blocks(md))}
    applied = 0
    for name, afwijking in AFWIJKINGEN_INKOOP.items():
        if not afwijking.geldt_voor(version, variant):
            continue
        applied += 1
        changed = afwijking(md)
        assert changed != md, name
        expected = afwijking.expected(version, variant)
        assert expected and all(b.rule in RULES and b.lid is None for b in expected), name
        shown = _titles(changed)
        for b in expected:
            if b.article is not None and b.article not in standard:
                raise AssertionError(f"{name}: {b.article} is not a section of the conform document")
            if b.rule == STRUCTUUR and b.document_label:  # renumbered or added: the document shows that number
                assert b.document_label in shown, (name, b)
                if b.article is not None:
                    assert shown[b.document_label] == standard[b.article], (name, b)
                else:
                    assert shown[b.document_label] not in standard.values(), (name, b)
    assert applied >= 17


def test_deviations_keep_or_shift_numbers() -> None:
    md = conform("1.2", "toelatingsprocedure")
    moved = AFWIJKINGEN_INKOOP["paragraaf_verplaatst"](md)
    assert [n for n in _titles(moved) if n.startswith("3.")] == ["3.2", "3.3", "3.4", "3.1"]
    gone = AFWIJKINGEN_INKOOP["paragraaf_ontbreekt"](md)
    assert [n for n in _titles(gone) if n.startswith("3.")] == ["3.1", "3.2", "3.4"]
    shifted = AFWIJKINGEN_INKOOP["paragraaf_weg_hernummerd"](md)
    assert _titles(shifted)["3.2"] == "Uitsluitingsgronden"
    zemvi = AFWIJKINGEN_INKOOP["gunningscriteria_zonder_emvi"](conform("1.2", "sas-zonder-emvi"))
    assert _titles(zemvi)["4"] == "Gunningscriteria" and _titles(zemvi)["5.8.1"] == "Klachten"


# ---------------------------------------------------------------------------------------------
# producers


def _xml(path: Path, part: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _heading_paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return [p for p in docx.Document(str(path)).paragraphs
            if p.style is not None and p.style.name.startswith(("Heading", "Kop zonder"))]


@needs_pandoc
@pytest.mark.parametrize("nummers", [True, False])
def test_pandoc(tmp_path: Path, nummers: bool) -> None:
    path = inkoop_to_docx(conform("1.2", "sas-met-emvi"), tmp_path / "p.docx", "pandoc", nummers=nummers)
    texts = [p.text for p in _heading_paragraphs(path)]
    assert ("2.4.1 Uitvoeringsvariant" in texts) == nummers
    assert ("1 Inkopende organisatie" in texts) == nummers
    assert "Bijlage 1: Aan te leveren documenten/bewijsmiddelen" in texts and "Definities" in texts


@pytest.mark.parametrize(("version", "variant"), COMBINATIES, ids=IDS)
@pytest.mark.parametrize("ongenummerd", ["numid0", "stijl"])
def test_heading_numbering(tmp_path: Path, version: str, variant: str, ongenummerd: str) -> None:
    path = inkoop_to_docx(conform(version, variant), tmp_path / "h.docx", "heading-numbering",
                          ongenummerd=ongenummerd)
    numbering = _xml(path, "word/numbering.xml")
    texts = {lvl.find(f"{W}lvlText").get(f"{W}val"): lvl.find(f"{W}pStyle").get(f"{W}val")
             for lvl in numbering.iter(f"{W}lvl") if lvl.find(f"{W}pStyle") is not None}
    assert {k: v for k, v in texts.items() if v.startswith("Heading")} == {
        "%1": "Heading1", "%1.%2": "Heading2", "%1.%2.%3": "Heading3"}
    styles = _xml(path, "word/styles.xml")
    for k in (1, 2, 3):
        style = styles.find(f"{W}style[@{W}styleId='Heading{k}']")
        assert style is not None and style.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == str(k - 1)
    headings = _heading_paragraphs(path)
    assert not any(re.match(r"^\d+(\.\d+)*\s", p.text) for p in headings)
    front = [p for p in headings if p.text in ("Wijzigingsbeheer", "Definities") or p.text.startswith("Bijlage")]
    assert front
    for p in front:
        own = p._p.pPr.find(f"{W}numPr") if p._p.pPr is not None else None
        if ongenummerd == "numid0":
            assert own is not None and own.find(f"{W}numId").get(f"{W}val") == "0"
        else:
            assert p.style.name == "Kop zonder nummer"


def test_heading_numbering_restarts_for_kept_numbers(tmp_path: Path) -> None:
    moved = AFWIJKINGEN_INKOOP["paragraaf_verplaatst"](conform("1.2", "toelatingsprocedure"))
    path = inkoop_to_docx(moved, tmp_path / "m.docx", "heading-numbering")
    overrides = _xml(path, "word/numbering.xml").findall(f".//{W}startOverride")
    assert overrides, "a kept number is made with a lvlOverride/startOverride"
    assert "3.1 Inleiding" in getypte_nummers(moved)


def test_typed(tmp_path: Path) -> None:
    path = inkoop_to_docx(conform("1.3", "toelatingsprocedure"), tmp_path / "t.docx", "typed")
    texts = [p.text for p in _heading_paragraphs(path)]
    assert "4.8.2 Rechtsgang" in texts
    assert len(docx.Document(str(path)).tables) >= 3  # versiebeheer, geschiktheidseisen, bijlage 1


@needs_soffice
def test_libreoffice_round_trip_keeps_heading_numbering(tmp_path: Path) -> None:
    path = inkoop_to_docx(conform("1.2", "sas-zonder-emvi"), tmp_path / "lo.docx", "libreoffice")
    document = docx.Document(str(path))
    assert len(document.tables) >= 3
    numbering = etree.tostring(_xml(path, "word/numbering.xml")).decode()
    assert "%1.%2.%3" in numbering
    headings = [p.text for p in _heading_paragraphs(path)]
    assert "Uitvoeringsvariant" in headings and not any(re.match(r"^\d", h) for h in headings)


# ---------------------------------------------------------------------------------------------
# maatwerk and submissions


def test_maatwerk() -> None:
    md = maatwerk_md()
    bl = t.blocks(md)
    assert bl[0] == "**Maatwerkovereenkomst**" and "maatwerkovereenkomst sluit met een aanbieder" in md
    for number, nvt in NVT_ARTIKELEN.items():
        start, end = t.article_range(bl, number)
        assert bl[start + 1:end] == [nvt]
    assert t.blocks(md)[t.article_range(bl, "1.4")[0] + 1] in ("Niet van toepassing.", "n.v.t.", "NVT")
    start, end = t.lid_range(bl, "3.19.5")
    assert bl[start:end] == ["3.19.5", "Niet van toepassing"]
    changed = maatwerk_gewijzigd_md()
    diff = [(a, b) for a, b in zip(t.blocks(md), t.blocks(changed), strict=True) if a != b]
    assert len(diff) == 1 and "6 weken" in diff[0][1]


@pytest.mark.parametrize("soort", SOORTEN)
@pytest.mark.parametrize("procedure", ["toelating", "sas-met-emvi", "sas-zonder-emvi"])
def test_submission_stories(soort: str, procedure: str) -> None:
    docs = inzending_md(soort, procedure)  # type: ignore[arg-type]
    ovk, ink = docs.overeenkomst, docs.inkoopdocument
    bl = t.blocks(ovk)
    uses_18 = len(bl[slice(*t.article_range(bl, "1.8"))]) > 2
    has_bibob = any(b.strip("*") == "Wet Bibob" for b in body(ink, "3.1"))
    looptijd = body(ink, looptijd_sleutel("toelatingsprocedure" if "Toelatingsprocedure" in ink[:2000] else "sas"))
    toelating_ovk = "toelatingsprocedure doorliep" in ovk
    toelating_ink = "Toelatingsprocedure" in ink[:2000]
    variant_ovk = "taakgericht budget" in ovk or "Taakgerichte uitvoeringsvariant:" in ovk
    variant_ink = any("de taakgerichte uitvoeringsvariant" in b for b in body(ink, "2.4.1"))
    stories = {"procedure": toelating_ovk == toelating_ink, "bibob": uses_18 == has_bibob,
               "looptijd": not any(re.search(r"\d{4}", b) for b in looptijd),
               "uitvoeringsvariant": variant_ovk == variant_ink}
    if soort in ("conform", "sas", "motivering"):  # one story; "motivering" lacks only the justification
        assert all(stories.values()), stories
        findings = [b for items in docs.verwacht.values() for b in items]
        assert [b.rule for b in findings] == (["looptijd-langer-dan-48-maanden"] if soort == "motivering" else [])
    else:
        assert not stories[soort] and all(v for k, v in stories.items() if k != soort), stories
        findings = [b for items in docs.verwacht.values() for b in items]
        assert any(b.rule == "inkoop-overeenkomst-tegenstrijdig" for b in findings)


@needs_pandoc
def test_submission_folder(tmp_path: Path) -> None:
    result = inzending(tmp_path / "inzending", "bibob")
    assert result.overeenkomst.name == OVEREENKOMST and result.inkoopdocument.name == INKOOPDOCUMENT
    for path in (result.overeenkomst, result.inkoopdocument):
        assert docx.Document(str(path)).paragraphs
    assert [b.article for b in result.verwacht[INKOOPDOCUMENT]] == ["3.1"]

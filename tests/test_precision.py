"""The precision check: every rule over every conform fixture (all producers, overeenkomst and inkoopdocument) with
a text of neutral sentences added, sentences that mention each rule's keywords without declaring or requiring
anything. None of it may give an error or a warning: a false error on a conform document costs more trust than a
missed warning."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cscheck.check import CheckOptions, check_document
from cscheck.rules.engine import load_rules
from tests.fixtures import mdtools as t
from tests.fixtures.build import GEMEENTE_VARIANTS, PRODUCER_VARIANTS
from tests.fixtures.gemeente import Invulling, vul_in
from tests.fixtures.inkoop import InkoopInvulling, vul_in_inkoop
from tests.fixtures.inkoopblok import edit_body, ververs_inhoudsopgave
from tests.fixtures.inkoopbron import COMBINATIES, inkoopdocument_md
from tests.fixtures.inkoopproducers import inkoop_to_docx
from tests.fixtures.producers import have_pandoc, have_soffice, md_to_docx
from tests.fixtures.sources import overeenkomst_md, shared_dir

pytestmark = [
    pytest.mark.skipif(shared_dir() is None, reason="../shared/reference-sources ontbreekt"),
    pytest.mark.skipif(not have_pandoc(), reason="pandoc is niet geïnstalleerd"),
]

# Sentences a gemeente may well write: each mentions what a rule looks for, none declares or requires it.
NEUTRAAL = (
    # eigen-inkoopvoorwaarden
    "Eigen inkoopvoorwaarden van gemeenten zijn met de Contractstandaarden verleden tijd.",
    "Op deze overeenkomst gelden uitsluitend de VNG Model Algemene Inkoopvoorwaarden (september 2024), met de "
    "uitzonderingen die artikel 3.26.2 noemt.",
    "De algemene voorwaarden van de opdrachtnemer zijn niet van toepassing.",
    "Heeft u vragen over de inkoopvoorwaarden? Stel ze dan via het inkoopplatform.",
    # rusland-verklaring
    "Een verklaring over de sancties tegen Rusland vraagt Opdrachtgever niet, omdat artikel 3.15 daarin voorziet.",
    "De UBO-bepaling maakt een aparte Rusland-verklaring overbodig.",
    # zzp-als-onderaannemer
    "Zzp'ers zonder personeel hoeven niet als onderaannemer te worden aangemeld.",
    "Wil Opdrachtnemer een zzp'er inzetten, dan is daarvoor geen goedkeuring van Opdrachtgever vereist.",
    # deel3-aangevuld-via-deel1-2
    "Deze afspraken wijken op geen enkel punt af van deel 3.",
    # budgetplafond-buiten-1.5
    "Deze overeenkomst kent geen budgetplafond per opdrachtnemer.",
    "Een bestedingsruimte kan Opdrachtgever alleen afspreken volgens artikel 1.5.",
    # clientenstop-andere-grond
    "Een cliëntenstop door Opdrachtgever is er alleen in de gevallen van artikel 3.5.5.",
    "Budgetproblemen zijn voor Opdrachtgever geen reden om een cliëntenstop in te stellen.",
    # eigen-wachttijdnorm
    "Voor de wachttijden gelden de normen van artikel 3.5.1.",
    "Opdrachtnemer informeert iedere cliënt over de wachttijd die hij verwacht.",
    # sroi-buiten-1.9
    "Social return staat in artikel 1.9 van deze overeenkomst.",
    # looptijd-opties
    "Opzegging van deze overeenkomst gaat alleen volgens de gekozen optie van lid 1.3.4.",
    # stilzwijgende-verlenging
    "Stilzwijgende verlenging van deze overeenkomst is uitgesloten.",
    "Over een verlenging beslist alleen Opdrachtgever, volgens artikel 1.3.2.",
    # herziening-buiten-1.4
    "Wijzigingen van deze overeenkomst spreken partijen af volgens artikel 1.4.",
    "Opdrachtnemer meldt een wijziging in zijn organisatie binnen een maand.",
    # toelating-beperkt
    "Het aantal opdrachtnemers is in deze procedure niet beperkt.",
    "Selectiecriteria gebruikt de opdrachtgever in deze procedure niet.",
    # versie-mix
    "Sinds versie 1.2 heten de partijen Opdrachtgever en Opdrachtnemer in plaats van Gemeente en Aanbieder.",
    # markering-achtergebleven, definitie-gewijzigd
    "Bij iedere overdracht let Opdrachtnemer op een warme overdracht.",
    "Let op: de tarieven per vorm van ondersteuning staan in bijlage 2.",
    "Cliënt: wie dat is, staat in de Wmo 2015.",
    # inkoopdocument-onduidelijk
    "Een procedure zonder economisch meest voordelige inschrijving is voor deze opdracht niet gekozen.",
)


def _overeenkomst(md: str) -> str:
    """The conform overeenkomst with the neutral sentences as an own article in deel 1 and one in deel 2."""
    bl = t.blocks(md)
    for deel in (1, 2):
        number = t.next_article_number(bl, deel)
        _, end = t.deel_range(bl, deel)
        bl[end:end] = t.article_blocks(number, "Uitleg bij deze overeenkomst", [list(NEUTRAAL)])
    return t.join(bl)


def _inkoop(md: str) -> str:
    for sleutel in ("2.1.4", "2.2"):
        md = edit_body(md, sleutel, lambda body: [*body, *NEUTRAAL])
    return ververs_inhoudsopgave(md)


def serious(path: Path) -> list[str]:
    result = check_document(path, CheckOptions(debug=True))
    assert result.status == "checked", result.error
    assert result.standard.id is not None
    return [f"{f.severity.value} {f.rule} {f.article} {f.document_label}: {f.message}"
            for f in result.findings if f.severity.value != "info"]


def _lo(kind: str) -> None:
    if kind == "libreoffice" and not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd")


@pytest.mark.parametrize("version", ["1.2", "1.3"])
@pytest.mark.parametrize("producer", list(PRODUCER_VARIANTS))
def test_conform_overeenkomst_with_neutral_sentences(version: str, producer: str, tmp_path: Path) -> None:
    kind, opts = PRODUCER_VARIANTS[producer]
    _lo(kind)
    md = _overeenkomst(vul_in(overeenkomst_md(version), Invulling(version=version)))
    assert serious(md_to_docx(md, tmp_path / "ovk.docx", kind, **opts)) == []


@pytest.mark.parametrize("version", ["1.2", "1.3"])
@pytest.mark.parametrize("gemeente", list(GEMEENTE_VARIANTS))
def test_other_choices_of_a_gemeente_with_neutral_sentences(version: str, gemeente: str, tmp_path: Path) -> None:
    changes: dict[str, Any] = GEMEENTE_VARIANTS[gemeente]
    md = _overeenkomst(vul_in(overeenkomst_md(version), replace(Invulling(version=version), **changes)))
    assert serious(md_to_docx(md, tmp_path / "ovk.docx", "pandoc")) == []


INKOOP_PRODUCERS: dict[str, tuple[str, dict[str, Any]]] = {
    "pandoc": ("pandoc", {}), "heading-numbering": ("heading-numbering", {}),
    "heading-numbering-stijl": ("heading-numbering", {"ongenummerd": "stijl"}), "typed": ("typed", {}),
    "libreoffice": ("libreoffice", {}), "officieel": ("officieel", {}),
    "libreoffice-officieel": ("libreoffice", {"bron": "officieel"})}


@pytest.mark.parametrize(("version", "variant"), COMBINATIES)
@pytest.mark.parametrize("producer", list(INKOOP_PRODUCERS))
def test_conform_inkoopdocument_with_neutral_sentences(version: str, variant: str, producer: str,
                                                       tmp_path: Path) -> None:
    kind, opts = INKOOP_PRODUCERS[producer]
    _lo(kind)
    inv = InkoopInvulling(version=version, variant=variant)  # type: ignore[arg-type]
    md = _inkoop(vul_in_inkoop(inkoopdocument_md(version, variant), inv))
    assert serious(inkoop_to_docx(md, tmp_path / "inkoop.docx", kind, **opts)) == []


def test_the_neutral_sentences_mention_every_pattern_rule() -> None:
    """Each rule that looks for phrases meets at least one of them in the neutral text (a keyword of it, or a
    match of its patterns): the check tries every rule, it does not pass because nothing was looked at."""
    text = " ".join(NEUTRAAL)
    for rule in load_rules():
        detectors = [d for d in rule.detect if d.kind == "pattern" and not getattr(d, "headings_only", False)]
        if not detectors:
            continue
        met = any(any(k.lower() in text.lower() for k in d.keywords) or any(  # type: ignore[attr-defined]
            re.search(p.regex, s, re.I | re.M) for p in d.patterns for s in NEUTRAAL)  # type: ignore[attr-defined]
            for d in detectors)
        assert met, f"geen neutrale zin voor {rule.name}"

"""End-to-end checks on the small test standard (tests/mini.py): a conform document gives nothing, every
deviation is found at the right article and lid, and nothing else is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult
from cscheck.reference.manifest import Manifest
from tests.mini import MINI_FILLED, MINI_STANDARD, mini_manifest


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return mini_manifest(tmp_path_factory.mktemp("mini"))


def check(md: str, manifest: Manifest, tmp_path: Path) -> DocumentResult:
    path = tmp_path / "overeenkomst.md"
    path.write_text(md, encoding="utf-8")
    return check_document(path, CheckOptions(debug=True), manifests=[manifest])


def found(result: DocumentResult) -> set[tuple[str, str | None, str | None]]:
    return {(f.rule, f.article, f.lid) for f in result.findings if f.severity.value != "info"}


def test_conform_document_gives_nothing(manifest: Manifest, tmp_path: Path) -> None:
    result = check(MINI_FILLED, manifest, tmp_path)
    assert result.status == "checked"
    assert result.standard.id == "tst-2.0"
    assert found(result) == set()


def test_template_itself_reports_open_slots_and_choices(manifest: Manifest, tmp_path: Path) -> None:
    result = check(MINI_STANDARD, manifest, tmp_path)
    rules = {f.rule for f in result.findings}
    assert rules == {"placeholder-niet-ingevuld", "keuze-niet-gemaakt"}
    assert ("keuze-niet-gemaakt", "1.1", "1.1.2") in found(result)
    assert ("keuze-niet-gemaakt", "overwegingen", None) in found(result)


def _move_32_after_33(md: str) -> str:
    start = md.index("### Artikel 3.2")
    end = md.index("## **Hoofdstuk 2")
    block = md[start:end]
    md = md[:start] + md[end:]
    at = md.index("### Artikel 3.4")
    return md[:at] + block + md[at:]


CASES: dict[str, tuple[Callable[[str], str], set[tuple[str, str | None, str | None]]]] = {
    "deel 3 gewijzigd": (lambda md: md.replace("voldoende goed opgeleid", "genoeg opgeleid"),
                         {("deel3-gewijzigd", "3.1", "3.1.2")}),
    "deel 3 aangevuld": (lambda md: md.replace("controleert de kwaliteit.",
                                               "controleert de kwaliteit. Hij meldt elke wijziging binnen een week."),
                         {("deel3-aangevuld", "3.3", "3.3.2")}),
    "deel 3 ingekort": (lambda md: md.replace(" in het arrondissement", ""), {("deel3-ingekort", "3.4", None)}),
    "lid weggelaten": (lambda md: md.replace("3.3.2\n\nDe opdrachtnemer blijft verantwoordelijk voor het werk van "
                                             "zijn onderaannemers en controleert de kwaliteit.\n", ""),
                       {("deel3-ingekort", "3.3", "3.3.2")}),
    "lid toegevoegd": (lambda md: md.replace("### Artikel 3.4", "3.3.3\n\nDe opdrachtnemer houdt een lijst bij van "
                                             "alle onderaannemers met hun adres.\n\n### Artikel 3.4"),
                       {("deel3-aangevuld", "3.3", None)}),
    "artikel weggelaten": (lambda md: md.replace(md[md.index("### Artikel 3.2"):md.index("## **Hoofdstuk 2")], ""),
                           {("artikel-ontbreekt", "3.2", None)}),
    "artikel toegevoegd": (lambda md: md.replace("Opgemaakt te", "### Artikel 3.5 – Eigen regels\n\nDe gemeente mag "
                                                 "altijd extra eisen stellen aan de kwaliteit.\n\nOpgemaakt te"),
                           {("artikel-toegevoegd", None, None)}),
    "hernummerd": (lambda md: md.replace("Artikel 3.4 –", "Artikel 3.5 –").replace("Artikel 3.3 –", "Artikel 3.4 –")
                   .replace("3.3.1\n", "3.4.1\n").replace("3.3.2\n", "3.4.2\n"),
                   {("nummering-gewijzigd", "3.3", None), ("nummering-gewijzigd", "3.4", None)}),
    "volgorde": (_move_32_after_33, {("volgorde-gewijzigd", "3.2", None)}),
    "optioneel artikel weggelaten": (lambda md: md.replace("## Artikel 1.2 – Bibob\n\nNiet van toepassing.\n", ""),
                                     {("optioneel-artikel-weggelaten", "1.2", None)}),
    "vaste tekst deel 1": (lambda md: md.replace("zonder verlenging", "met twee keer een verlenging"),
                           {("vaste-tekst-gewijzigd", "1.1", "1.1.1")}),
    "overweging gewijzigd": (lambda md: md.replace("goede zorg wil inkopen", "goedkope zorg wil kopen"),
                             {("vaste-tekst-gewijzigd", "overwegingen", None)}),
    "overweging toegevoegd": (lambda md: md.replace("Partijen overwegen dat:\n\n", "Partijen overwegen dat:\n\n- de "
                                                    "regio samen optrekt bij de inkoop;\n"), set()),
    "beide opties": (lambda md: md.replace("1.1.2\n\n", "1.1.2\n\nOptie 1:\n\n").replace(
        "behalve bij ernstige tekortkomingen.\n", "behalve bij ernstige tekortkomingen.\n\nOptie 2:\n\nBeide partijen "
        "mogen tussentijds opzeggen met een termijn van 3 maanden.\n"),
        {("keuze-niet-gemaakt", "1.1", "1.1.2")}),
    "invulveld open": (lambda md: md.replace("1 januari 2026", "[begindatum]"),
                       {("placeholder-niet-ingevuld", "1.1", "1.1.1")}),
    "rusland": (lambda md: md.replace("Het uurtarief voor begeleiding is 65 euro.", "Het uurtarief voor begeleiding is "
                                      "65 euro.\n\nOpdrachtnemer verklaart dat hij geen Russische onderdanen inzet, "
                                      "zoals bedoeld in artikel 5k van Verordening (EU) 833/2014."),
                {("rusland-verklaring", None, None)}),
    "zzp": (lambda md: md.replace("Het uurtarief voor begeleiding is 65 euro.", "Het uurtarief voor begeleiding is "
                                  "65 euro.\n\nOpdrachtnemer meldt elke zzp'er vooraf aan als onderaannemer en vraagt "
                                  "schriftelijke toestemming."),
            {("zzp-als-onderaannemer", None, None)}),
    "afwijking via deel 2": (lambda md: md.replace("Het uurtarief voor begeleiding is 65 euro.", "In afwijking van "
                                                   "artikel 3.2 wordt niet geïndexeerd."),
                             {("deel3-aangevuld-via-deel1-2", "3.2", None)}),
    "eigen voorwaarden": (lambda md: md.replace("Partijen overleggen elk kwartaal over de voortgang.", "Op deze "
                                                "overeenkomst zijn de Algemene Inkoopvoorwaarden Gemeente Zuidhaven "
                                                "2023 van toepassing."),
                          {("eigen-inkoopvoorwaarden", None, None)}),
    "variant in deel 3 gekozen": (lambda md: md.replace("*Bij taakgerichte uitvoeringsvariant:*\n\nDe opdrachtnemer "
                                                        "levert de ondersteuning binnen het afgesproken budget aan "
                                                        "alle cliënten in het gebied.\n", "").replace(
                                                            "*Bij inspanningsgerichte uitvoeringsvariant:*\n", ""),
                                  set()),
    "markers behouden": (lambda md: md.replace("- de gemeente een toelating", "- (Bij een toelatingsprocedure:) de "
                                               "gemeente een toelating"), set()),
}


@pytest.mark.parametrize("name", list(CASES))
def test_deviation_is_found_where_it_is(name: str, manifest: Manifest, tmp_path: Path) -> None:
    mutate, expected = CASES[name]
    md = mutate(MINI_FILLED)
    assert md != MINI_FILLED, "the mutation did not change the document"
    assert found(check(md, manifest, tmp_path)) == expected


def _maatwerk(md: str) -> str:
    md = md.replace("**Overeenkomst**", "**Maatwerkovereenkomst**")
    md = md.replace(md[md.index("### Artikel 3.2"):md.index("## **Hoofdstuk 2")],
                    "### Artikel 3.2 – Indexering\n\nNiet van toepassing.\n\n")
    return md.replace("De opdrachtnemer blijft verantwoordelijk voor het werk van zijn onderaannemers en controleert "
                      "de kwaliteit.", "n.v.t.")


def test_maatwerkovereenkomst_may_declare_provisions_not_applicable(manifest: Manifest, tmp_path: Path) -> None:
    assert found(check(_maatwerk(MINI_FILLED), manifest, tmp_path)) == set()


def test_the_same_without_being_a_maatwerkovereenkomst_is_reported(manifest: Manifest, tmp_path: Path) -> None:
    md = _maatwerk(MINI_FILLED).replace("**Maatwerkovereenkomst**", "**Overeenkomst**")
    rules = {rule for rule, _a, _l in found(check(md, manifest, tmp_path))}
    assert rules == {"deel3-niet-van-toepassing"}


def test_a_maatwerkovereenkomst_still_reports_other_changes(manifest: Manifest, tmp_path: Path) -> None:
    md = _maatwerk(MINI_FILLED).replace("voldoende goed opgeleid", "genoeg opgeleid")
    assert found(check(md, manifest, tmp_path)) == {("deel3-gewijzigd", "3.1", "3.1.2")}

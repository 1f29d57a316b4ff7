"""A small standard written for the tests (not the text of the Contractstandaarden), in the same shape:
front sections with choice markers, deel 1 with a fixed and an optional article, deel 2, deel 3
with variants and slots."""

from __future__ import annotations

from pathlib import Path

from cscheck.reference.build import build_manifest
from cscheck.reference.manifest import Manifest

MINI_STANDARD = """\
**Overeenkomst**

Testvoorzieningen

202* - 20**

Versiebeheer:

| 2.0 | Januari 2026 | Testbureau | Nieuwe versie |
| --- | --- | --- | --- |
| 1.0 | Januari 2025 | Testbureau | Eerste versie |

# Partijen

[Naam Gemeente]

Adres: [adres]

verder Opdrachtgever

en

[Naam Organisatie]

Adres: [adres]

verder Opdrachtnemer

# Overwegingen

Partijen overwegen dat:

- de gemeente goede zorg wil inkopen voor haar inwoners met een beperking;
- (Bij een aanbestedingsprocedure:) de gemeente een aanbesteding heeft gehouden voor deze diensten;
- (Bij een toelatingsprocedure:) de gemeente een toelating heeft gehouden voor deze diensten;
- [Hier kunnen partijen eigen overwegingen opnemen.]

# Definities

- **Cliënt**: de persoon die de ondersteuning ontvangt van de aanbieder.
- **Wachttijd**: de tijd tussen de aanmelding en de start van de ondersteuning.

# Deel 1: Afspraken met alle opdrachtnemers

## Artikel 1.1: Looptijd

1.1.1

De overeenkomst begint op [begindatum] en eindigt op [einddatum] zonder verlenging.

1.1.2

*Partijen kiezen één van de twee onderstaande opties:*

Optie 1:

Niemand mag de overeenkomst tussentijds opzeggen behalve bij ernstige tekortkomingen.

Optie 2:

Beide partijen mogen tussentijds opzeggen met een termijn van [aantal] maanden.

## [Optioneel:] Artikel 1.2 – Bibob

1.2.1

De gemeente mag tijdens de looptijd een onderzoek laten doen naar de integriteit van de opdrachtnemer.

1.2.2

De opdrachtnemer werkt volledig mee aan dat onderzoek en levert alle gevraagde stukken op tijd aan.

## [Optioneel:] Artikel 1.n [vul in]

[Indien aanwezig: eigen afspraken voor iedereen]

# Deel 2: Afspraken met één opdrachtnemer

[Optioneel:] Artikel 2.n [vul in]

# Deel 3: Algemene bepalingen

## **Hoofdstuk 1: Levering**

### Artikel 3.1 – Levering van zorg

3.1.1

*Bij inspanningsgerichte uitvoeringsvariant:*

De opdrachtnemer levert de ondersteuning aan elke cliënt die naar hem wordt verwezen door de gemeente.

*Bij taakgerichte uitvoeringsvariant:*

De opdrachtnemer levert de ondersteuning binnen het afgesproken budget aan alle cliënten in het gebied.

3.1.2

De opdrachtnemer werkt volgens de professionele standaard en zorgt voor voldoende goed opgeleid personeel.

### Artikel 3.2 – Indexering

De gemeente past elk jaar een indexering toe van [xx]% op de tarieven volgens het gekozen indexcijfer.

## **Hoofdstuk 2: Slot**

### Artikel 3.3 – Onderaanneming

3.3.1

De opdrachtnemer vraagt vooraf schriftelijk toestemming voor onderaanneming, behalve bij een zelfstandige zonder personeel.

3.3.2

De opdrachtnemer blijft verantwoordelijk voor het werk van zijn onderaannemers en controleert de kwaliteit.

### Artikel 3.4 – Geschillen

Partijen leggen een geschil eerst voor aan elkaar en daarna aan de bevoegde rechter in het arrondissement.

Opgemaakt te [plaats] d.d. [datum]
"""

# The same document as a gemeente fills it in: slots filled, toelating chosen, option 1, 1.2 not used.
MINI_FILLED = (MINI_STANDARD
               .replace("202* - 20**", "2026 - 2029")
               .replace("[Naam Gemeente]", "Gemeente Zuidhaven")
               .replace("Adres: [adres]\n\nverder Opdrachtgever", "Adres: Marktplein 1\n\nverder Opdrachtgever")
               .replace("- (Bij een aanbestedingsprocedure:) de gemeente een aanbesteding heeft gehouden voor deze diensten;\n", "")
               .replace("(Bij een toelatingsprocedure:) ", "")
               .replace("- [Hier kunnen partijen eigen overwegingen opnemen.]\n", "")
               .replace("[begindatum]", "1 januari 2026").replace("[einddatum]", "31 december 2029")
               .replace("*Partijen kiezen één van de twee onderstaande opties:*\n\nOptie 1:\n\n", "")
               .replace("Optie 2:\n\nBeide partijen mogen tussentijds opzeggen met een termijn van [aantal] maanden.\n\n", "")
               .replace("""1.2.1

De gemeente mag tijdens de looptijd een onderzoek laten doen naar de integriteit van de opdrachtnemer.

1.2.2

De opdrachtnemer werkt volledig mee aan dat onderzoek en levert alle gevraagde stukken op tijd aan.
""", "Niet van toepassing.\n")
               .replace("## [Optioneel:] Artikel 1.2", "## Artikel 1.2")
               .replace("## [Optioneel:] Artikel 1.n [vul in]\n\n[Indien aanwezig: eigen afspraken voor iedereen]\n",
                        "## Artikel 1.3 – Overleg\n\nPartijen overleggen elk kwartaal over de voortgang.\n")
               .replace("[Optioneel:] Artikel 2.n [vul in]",
                        "## Artikel 2.1 – Tarieven\n\nHet uurtarief voor begeleiding is 65 euro.")
               .replace("[xx]%", "2,5%"))


def mini_manifest(tmp: Path) -> Manifest:
    source = tmp / "mini-standaard.md"
    source.write_text(MINI_STANDARD, encoding="utf-8")
    return build_manifest(source, "tst-2.0")

"""The commented cscheck.yaml that `cscheck init` writes.

Every example is a whole YAML block behind '# ': removing the '# ' in front of its lines gives a valid file
(tests/test_config.py uncomments each one and loads it). Keys whose default is fine stay commented out, so
that an uncommented example never meets a second copy of its key.
"""


STARTER = """\
# cscheck.yaml: instellingen voor cscheck in deze map en de mappen eronder.
# Opties op de opdrachtregel gaan voor. Uitleg van alle sleutels: cscheck explain config
# Een voorbeeld gebruikt u door '# ' voor de regels ervan weg te halen.

# Welke standaard: auto (cscheck herkent de versie zelf) of een versie uit 'cscheck reference list'.
standard: auto

# Wanneer faalt de controle (exitcode 1)? fout, waarschuwing, melding of nooit.
fail-on: fout

# Alleen deze regels (naam of code, zie 'cscheck rules'). Zonder select: alle regels.
# select: [deel3-gewijzigd, CS302]

# Deze regels overslaan.
# ignore: [verborgen-tekst]

# Een andere ernst voor een regel: fout, waarschuwing of melding.
# severity:
#   rusland-verklaring: waarschuwing

# Bestanden en mappen die cscheck overslaat als u een map controleert.
# exclude:
#   - "concepten/**"

# Afgesproken afwijkingen: de bevinding blijft zichtbaar, maar telt niet mee.
# waivers:
#   - rule: deel3-gewijzigd
#     article: "3.9"                 # nummer in de standaard; zonder article: elk artikel
#     documents: "contracten/*.docx" # optioneel; zonder documents: alle documenten
#     reason: "Afwijking afgestemd met het Ketenbureau, mail 12-10-2026"
#     until: 2027-12-31              # optioneel; daarna telt de bevinding weer mee

# Vanaf wanneer een versie van de standaard geldt, als u dat anders weet dan cscheck (reference list).
# in-force:
#   csw-1.3: 2027-07-01
"""

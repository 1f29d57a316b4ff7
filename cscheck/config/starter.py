"""The commented cscheck.yaml that `cscheck init` writes."""


STARTER = """\
# cscheck.yaml: instellingen voor cscheck in deze map en de mappen eronder.
# Opties op de opdrachtregel gaan voor. Uitleg: docs/configuration.md.

# Welke standaard: auto (cscheck herkent de versie zelf) of bijvoorbeeld csw-1.2.
standard: auto

# Wanneer faalt de controle (exit code 1)? error | warning | info | never
fail-on: error

# Alleen deze regels (naam of code, zie 'cscheck rules'); leeg = alle regels.
select: []

# Deze regels overslaan.
ignore: []

# Andere ernst voor een regel: error, warning of info.
severity: {}
#  rusland-verklaring: warning

# Mappen of bestanden die cscheck overslaat als u een map controleert.
exclude: []
#  - "concepten/**"

# Afgesproken afwijkingen: de bevinding blijft zichtbaar, maar telt niet mee.
waivers: []
#  - rule: deel3-gewijzigd
#    article: "3.9"                  # nummer in de standaard, tussen aanhalingstekens
#    documents: "contracten/*.docx"   # optioneel; standaard alle documenten
#    reason: "Afwijking afgestemd met het Ketenbureau, mail 12-10-2026"
#    until: 2027-12-31               # optioneel; daarna telt de bevinding weer mee
"""

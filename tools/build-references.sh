#!/usr/bin/env bash
# Rebuild every manifest in reference_texts/ from the official texts in ../shared/reference-sources.
# The manifests hold structure and fingerprints only; see docs/architecture.md. Each build also rewrites
# reference_texts/_signatures.json, what recognising a document needs without loading every manifest.
set -euo pipefail
cd "$(dirname "$0")/.."
S=${1:-../shared/reference-sources}
build() { python -m cscheck reference build "$@"; }
build "$S/csw-1.2/overeenkomst.md" --id csw-1.2
# CSW 1.3 is published here as one file per article without front matter and "[Optioneel:]" markers:
# the kinds of articles and the sections before deel 1 are taken from 1.2 (recorded in the manifest).
build "$S/csw-1.3/overeenkomst" --id csw-1.3 --kinds-from csw-1.2 --sections-from csw-1.2
for variant in sas-met-emvi sas-zonder-emvi toelatingsprocedure; do
  build "$S/csw-1.2/inkoopdocument-$variant.md" --id "csw-1.2-inkoopdocument-$variant" \
    --document-type "inkoopdocument-$variant"
done
# the 1.3 toelatingsprocedure is a chatbot conversion without heading levels and with Bijlage 1 as a grid table:
# numbering, the Wijzigingsbeheer heading and Bijlage 1 come from 1.2
build "$S/csw-1.3/inkoopdocument-toelatingsprocedure.md" --id csw-1.3-inkoopdocument-toelatingsprocedure \
  --document-type inkoopdocument-toelatingsprocedure \
  --structure-from csw-1.2-inkoopdocument-toelatingsprocedure --sections-from csw-1.2-inkoopdocument-toelatingsprocedure

"""CSV for a spreadsheet: one row per document. Semicolons and a byte-order mark, because that is what
Excel with Dutch settings opens correctly without an import dialog."""

from __future__ import annotations

import csv
import io

from cscheck.model import Report
from cscheck.report.common import rows

HEADER = ("document", "soort", "standaard", "fouten", "waarschuwingen", "meldingen", "afgesproken", "status",
          "toelichting")
DELIMITER = ";"


def render(report: Report, **_: object) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows(report):
        writer.writerow((r.document, r.type, r.standard, r.errors, r.warnings, r.infos, r.waived, r.status, r.note))
    return "\ufeff" + buffer.getvalue()

"""CSV for a spreadsheet: one row per document, and per rule a column with the number of its findings that
count in that document (the matrix of the HTML overview). Semicolons and a byte-order mark, because that
is what Excel with Dutch settings opens correctly without an import dialog."""

from __future__ import annotations

import csv
import io

from cscheck.model import Report
from cscheck.report.common import rows
from cscheck.report.statistics import of
from cscheck.rules.model import Rule

HEADER = ("document", "soort", "standaard", "fouten", "waarschuwingen", "meldingen", "afgesproken", "status",
          "toelichting")
DELIMITER = ";"


def render(report: Report, *, rules: list[Rule] | None = None, **_: object) -> str:
    """`rules`: the rules of the run, one column each in the order of their codes (else those that found
    something)."""
    names = [r.name for r in sorted(rules, key=lambda r: r.code)] if rules else sorted(
        (s.rule for s in of(report).rules), key=lambda name: next(s.code for s in of(report).rules if s.rule == name))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow((*HEADER, *names))
    for doc, r in zip(report.documents, rows(report), strict=True):
        counts = {name: 0 for name in names}
        for f in doc.findings:
            if not f.waived and f.rule in counts:
                counts[f.rule] += 1
        writer.writerow((r.document, r.type, r.standard, r.errors, r.warnings, r.infos, r.waived, r.status, r.note,
                         *counts.values()))
    return "\ufeff" + buffer.getvalue()

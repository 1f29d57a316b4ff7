"""The summary table at the end of a batch: one row per document (document, type, standard, errors,
warnings, status), drawn with rich; plain when colour is off."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cscheck.model import Report
from cscheck.report.common import FAILED, NOT_CHECKED, PASSED, rows

STATUS_STYLE = {PASSED: "green", FAILED: "bold red", NOT_CHECKED: "bold magenta"}


def table(report: Report) -> Table:
    data = rows(report)
    waived = any(r.waived for r in data)
    out = Table(title="Samenvatting", title_justify="left", show_lines=False)
    for name, justify in (("document", "left"), ("soort", "left"), ("standaard", "left"), ("fouten", "right"),
                          ("waarschuwingen", "right")):
        out.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    if waived:
        out.add_column("afgesproken", justify="right")
    out.add_column("status")
    for r in data:
        cells = [r.document, r.type or "-", r.standard or "-", str(r.errors), str(r.warnings)]
        if waived:
            cells.append(str(r.waived))
        out.add_row(*cells, Text(r.status, style=STATUS_STYLE[r.status]))
    return out


def totals(report: Report) -> str:
    data = rows(report)
    failed = sum(r.status == FAILED for r in data)
    unread = sum(r.status == NOT_CHECKED for r in data)
    text = (f"{len(data)} documenten: {sum(r.errors for r in data)} fout(en), "
            f"{sum(r.warnings for r in data)} waarschuwing(en); {len(data) - failed - unread} geslaagd, "
            f"{failed} niet geslaagd")
    return text + (f", {unread} niet gecontroleerd" if unread else "")


def render(report: Report, *, color: bool = False, width: int = 120, **_: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False)
    console.print(table(report))
    for r in rows(report):
        if r.status == NOT_CHECKED:
            console.print(Text(f"{r.document}: {r.note}", style="magenta"))
    console.print(Text(totals(report), style="bold"))
    return buffer.getvalue()

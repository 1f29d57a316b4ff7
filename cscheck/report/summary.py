"""The overview at the end of a batch: the summary table (one row per document: document, type, standard, errors,
warnings, status) and, with --statistics, the findings counted per rule.

On a terminal the table is drawn with rich when it fits; into a pipe or a file, or when the terminal is too
narrow, it is plain text with aligned columns (no box drawing, no name broken over two lines), which grep, awk
and a text editor read as it is. Document paths are
shown relative to the folder that was checked, when one folder was given."""

from __future__ import annotations

import io
import os
from pathlib import Path

from cscheck.model import SEVERITY_NAMES, Report
from cscheck.report.common import FAILED, NOT_CHECKED, PASSED, Row, rows

STATUS_STYLE = {PASSED: "green", FAILED: "bold red", NOT_CHECKED: "bold magenta"}


def _shown(path: str, base: Path | None) -> str:
    """A document's path relative to `base` (the folder that was checked) when it lies inside it."""
    if base is None:
        return path
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(base))).as_posix()
    except ValueError:
        return path


def _cells(data: list[Row], base: Path | None) -> tuple[list[str], list[list[str]]]:
    waived = any(r.waived for r in data)
    header = ["document", "soort", "standaard", "fouten", "waarschuwingen", *(["afgesproken"] if waived else []),
              "status"]
    body = [[_shown(r.document, base), r.type or "-", r.standard or "-", str(r.errors), str(r.warnings),
             *([str(r.waived)] if waived else []), r.status] for r in data]
    return header, body


def _aligned(header: list[str], body: list[list[str]], right: set[int]) -> list[str]:
    sizes = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    return ["  ".join(c.rjust(sizes[i]) if i in right else c.ljust(sizes[i]) for i, c in enumerate(row)).rstrip()
            for row in [header, *body]]


def totals(report: Report) -> str:
    data = rows(report)
    failed = sum(r.status == FAILED for r in data)
    unread = sum(r.status == NOT_CHECKED for r in data)
    text = (f"{len(data)} documenten: {sum(r.errors for r in data)} fout(en), "
            f"{sum(r.warnings for r in data)} waarschuwing(en); {len(data) - failed - unread} geslaagd, "
            f"{failed} niet geslaagd")
    return text + (f", {unread} niet gecontroleerd" if unread else "")


def _title(base: Path | None) -> str:
    return f"Samenvatting van {base.as_posix().rstrip('/')}/" if base is not None else "Samenvatting"


def render(report: Report, *, color: bool = False, width: int = 120, terminal: bool = False,
           base: Path | None = None, **_: object) -> str:
    """The summary table: drawn for a terminal, plain and aligned otherwise."""
    data = rows(report)
    header, body = _cells(data, base)
    sizes = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    if terminal and sum(sizes) + 3 * len(sizes) + 1 <= width:  # drawn only when no cell has to be broken
        return _drawn(report, header, body, color=color, width=width, base=base)
    lines = [_title(base), *_aligned(header, body, right={3, 4, 5} & set(range(len(header) - 1)))]
    lines += [f"{_shown(r.document, base)}: {r.note}" for r in data if r.status == NOT_CHECKED]
    lines.append(totals(report))
    return "\n".join(lines) + "\n"


def _drawn(report: Report, header: list[str], body: list[list[str]], *, color: bool, width: int,
           base: Path | None) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False,
                      emoji=False)
    table = Table(title=_title(base), title_justify="left", show_lines=False)
    for name in header:
        table.add_column(name, justify="right" if name in ("fouten", "waarschuwingen", "afgesproken") else "left",
                         no_wrap=True)
    for cells in body:
        table.add_row(*cells[:-1], Text(cells[-1], style=STATUS_STYLE[cells[-1]]))
    console.print(table)
    for r in rows(report):
        if r.status == NOT_CHECKED:
            console.print(Text(f"{_shown(r.document, base)}: {r.note}", style="magenta"))
    console.print(Text(totals(report), style="bold"))
    return buffer.getvalue()


def statistics(report: Report) -> str:
    """The findings of the whole run counted per rule: how many count, in how many documents, how many agreed."""
    from cscheck.report.statistics import of

    stats = of(report).rules
    if not stats:
        return "Bevindingen per regel: geen.\n"
    waived = any(s.waived for s in stats)
    header = ["aantal", "documenten", "code", "regel", "ernst", *(["afgesproken"] if waived else [])]
    body = [[str(s.findings), str(len(s.documents)), s.code, s.rule, SEVERITY_NAMES[s.severity],
             *([str(s.waived)] if waived else [])] for s in stats]
    lines = ["Bevindingen per regel", *_aligned(header, body, right={0, 1, 5})]
    return "\n".join(lines) + "\n\n"

"""Text report for people: findings grouped by deel and article, the document's number next to the
standard's, changed words marked, and a summary line. Plain (no colour) when NO_COLOR is set or the
output is not a terminal."""

from __future__ import annotations

import io
import os
from collections import defaultdict

from rich.console import Console
from rich.text import Text

from cscheck.model import DocumentResult, Finding, Report, Severity

LABELS = {Severity.error: ("FOUT", "bold red"), Severity.warning: ("WAARSCHUWING", "yellow"),
          Severity.info: ("INFO", "cyan")}
SECTION_NAMES = {"overwegingen": "Overwegingen", "definities": "Definities", "partijen": "Partijen",
                 "titelpagina": "Titelpagina", "ondertekening": "Ondertekening"}


def _group(f: Finding) -> tuple[str, str]:
    """(deel heading, article heading) under which a finding is shown."""
    if f.article in SECTION_NAMES:
        return ("Voor deel 1", SECTION_NAMES[f.article])
    deel = f"Deel {f.deel}" if f.deel else "Document"
    if f.article:
        head = f"Artikel {f.article}"
        if f.document_label and f.document_label.split(".")[:2] != f.article.split(".")[:2]:
            head += f" (in het document: {f.document_label})"
        return deel, head
    if f.document_label:
        return deel, f"{f.document_label} (niet in de standaard)"
    return ("Document", "Algemeen")


def _finding(console: Console, f: Finding) -> None:
    label, style = LABELS[f.severity]
    line = Text("    ")
    line.append(label, style=style)
    line.append(f" {f.code} {f.rule}", style="dim")
    if f.lid:
        line.append(f"  lid {f.lid}", style="bold")
        if f.document_label and f.document_label != f.lid:
            line.append(f" (document: {f.document_label})")
    if f.waived:
        line.append("  [afgesproken afwijking]", style="green")
    console.print(line)
    console.print(Text("      " + f.message))
    if f.changes and (f.changes.added or f.changes.removed):
        for run in f.changes.added[:5]:
            t = Text("      + ", style="green")
            t.append(run, style="bold green")
            console.print(t)
        for run in f.changes.removed[:5]:
            t = Text("      - ", style="red")
            t.append(run, style="strike red")
            console.print(t)
    if f.location.paragraph is not None:
        console.print(Text(f"      alinea {f.location.paragraph}: {f.location.excerpt}", style="dim"))


def _document(console: Console, doc: DocumentResult) -> None:
    head = Text(doc.path, style="bold")
    if doc.status == "error":
        head.append("  kan niet worden gecontroleerd", style="bold red")
        console.print(head)
        console.print(Text(f"  {doc.error.message if doc.error else ''}"))
        return
    std = doc.standard
    if std.id:
        head.append(f"  {doc.document_type}, {std.id} (overeenkomst {std.score:.0%})", style="dim")
    console.print(head)
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in doc.findings:
        groups[_group(f)].append(f)
    last_deel = None
    for (deel, article), findings in groups.items():
        if deel != last_deel:
            console.print(Text(f"  {deel}", style="bold underline"))
            last_deel = deel
        console.print(Text(f"   {article}", style="bold"))
        for f in findings:
            _finding(console, f)
    s = doc.summary
    console.print(Text(f"  {s.error} fout(en), {s.warning} waarschuwing(en), {s.info} melding(en)"
                       + ("" if doc.findings else " — conform de standaard"), style="bold"))


def render(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    if color is None:
        color = "NO_COLOR" not in os.environ
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, emoji=False, soft_wrap=False)
    for doc in report.documents:
        _document(console, doc)
        console.print()
    if len(report.documents) > 1:
        errors = sum(d.summary.error for d in report.documents)
        warnings = sum(d.summary.warning for d in report.documents)
        failed = sum(d.status == "error" for d in report.documents)
        console.print(Text(f"{len(report.documents)} documenten: {errors} fout(en), {warnings} waarschuwing(en)"
                           + (f", {failed} niet te lezen" if failed else ""), style="bold"))
    return buffer.getvalue()

"""Text report for people: findings grouped by deel and article, the document's number next to the
standard's, changed words marked, and a summary line. Plain (no colour) when NO_COLOR is set or the
output is not a terminal."""

from __future__ import annotations

import io
import os
from collections import defaultdict

from rich.console import Console
from rich.text import Text

from cscheck.model import SEVERITY_NAMES, DocumentResult, Edit, Finding, Report, Severity
from cscheck.report.common import converted, page, recognised, verdict
from cscheck.report.common import group as _group

CROSS_RULE = "inkoop-overeenkomst-tegenstrijdig"
STYLES = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "cyan"}
LABELS = {severity: (SEVERITY_NAMES[severity].upper(), style) for severity, style in STYLES.items()}
EDITS_SHOWN = 3  # changes quoted per finding (JSON has them all)


def _indented(console: Console, text: Text, indent: int) -> None:
    """Print with every wrapped line indented, so that long messages stay under their heading."""
    for line in text.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line)


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
    _indented(console, Text(f.message), 6)
    if f.waiver:
        until = f" (tot {f.waiver.until:%d-%m-%Y})" if f.waiver.until else ""
        _indented(console, Text(f"afspraak: {f.waiver.reason}{until}", style="green"), 6)
    if f.changes and f.changes.context:
        for edit in f.changes.context[:EDITS_SHOWN]:
            _edit(console, edit)
        if len(f.changes.context) > EDITS_SHOWN:
            _indented(console, Text(f"en nog {len(f.changes.context) - EDITS_SHOWN} wijziging(en)", style="dim"), 6)
    elif f.changes and (f.changes.added or f.changes.removed):
        for run in f.changes.added[:5]:
            t = Text("      + ", style="green")
            t.append(run, style="bold green")
            console.print(t)
        for run in f.changes.removed[:5]:
            t = Text("      - ", style="red")
            t.append(run, style="strike red")
            console.print(t)
    if f.location.paragraph is not None:
        excerpt = f": {f.location.excerpt}" if f.location.excerpt else ""
        where = f"alinea {f.location.paragraph}" + (f", {page(f)}" if page(f) else "")
        _indented(console, Text(f"{where}{excerpt}", style="dim"), 6)


def _edit(console: Console, edit: Edit) -> None:
    """One change as "was" and "wordt" lines, the changed words marked, a few words around them."""
    def line(label: str, middle: Text) -> Text:
        t = Text(label, style="dim")
        if edit.before:
            t.append(f"…{edit.before} ")
        t.append_text(middle)
        if edit.after:
            t.append(f" {edit.after}" + ("" if edit.after.endswith((".", "!", "?", ";", ":")) else "…"))
        return t

    if edit.removed:
        was = Text(f"«{edit.removed}»", style="strike red")
    elif edit.removed_words:
        n = edit.removed_words
        was = Text(f"‹{n} woord{'' if n == 1 else 'en'} van de standaard›", style="red")
    else:
        was = None
    if was is not None:
        _indented(console, line("was:   ", was), 6)
    now = Text(f"«{edit.added}»", style="bold green") if edit.added else Text("(weggehaald)", style="red")
    if edit.added or was is not None:
        _indented(console, line("wordt: " if was is not None else "toegevoegd: ", now), 6)


def _document(console: Console, doc: DocumentResult, verbose: bool = False) -> None:
    head = Text(doc.path, style="bold")
    if doc.status == "error":
        head.append("  kan niet worden gecontroleerd", style="bold red")
        console.print(head)
        _indented(console, Text(doc.error.message if doc.error else ""), 2)
        return
    about = f"herkend als: {recognised(doc, score=verbose)}" if doc.standard.id else ""
    if about and len(doc.path) + 2 + len(about) <= console.width:
        head.append("  " + about, style="dim")
        about = ""
    console.print(head)
    if about:  # too long for one line: under the path
        _indented(console, Text(about, style="dim"), 2)
    if converted(doc):
        _indented(console, Text(converted(doc), style="dim"), 2)
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in doc.findings:
        groups[_group(f, doc.document_type)].append(f)
    last_deel = None
    for (deel, article), findings in groups.items():
        if deel != last_deel:
            console.print(Text(f"  {deel}", style="bold underline"))
            last_deel = deel
        console.print(Text(f"   {article}", style="bold"))
        for f in findings:
            _finding(console, f)
    s = doc.summary
    console.print(Text(f"  {s.error} fout(en), {s.warning} waarschuwing(en), {s.info} melding(en) — {verdict(doc)}",
                       style="bold"))


def _submissions(console: Console, report: Report) -> None:
    """Which overeenkomst was compared with which inkoopdocument, and why a folder was not compared."""
    by_path = {d.path: d for d in report.documents}
    lines = []
    for sub in report.submissions:
        docs = [by_path[p] for p in sub.documents if p in by_path and by_path[p].status == "checked"]
        contracts = sum(d.document_type == "overeenkomst" for d in docs)
        inkoop = sum((d.document_type or "").startswith("inkoopdocument") for d in docs)
        if sub.compared:
            found = sum(f.rule == CROSS_RULE and not f.waived for d in docs for f in d.findings)
            outcome = {0: "geen tegenstrijdigheden", 1: "1 tegenstrijdigheid"}.get(found, f"{found} tegenstrijdigheden")
            lines.append(f"{sub.folder}: {os.path.basename(sub.overeenkomst or '')} en "
                         f"{os.path.basename(sub.inkoopdocument or '')} vergeleken — {outcome}")
        elif contracts and inkoop:
            lines.append(f"{sub.folder}: niet vergeleken, want de map bevat {contracts} overeenkomst(en) en "
                         f"{inkoop} inkoopdocument(en); zet elke inzending in een eigen map")
    if lines:
        console.print(Text("Inzendingen (overeenkomst met inkoopdocument):", style="bold"))
        for line in lines:
            _indented(console, Text(line), 2)
        console.print()


def render(report: Report, *, color: bool | None = None, width: int | None = None, totals: bool = True,
           verbose: bool = False, **_: object) -> str:
    """`totals=False` leaves out the closing line of a batch (the summary table says it); `verbose` adds how
    closely each document resembles the standard it was recognised as."""
    if color is None:
        color = "NO_COLOR" not in os.environ
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width or 100,
                      highlight=False, emoji=False, soft_wrap=False)
    for doc in report.documents:
        _document(console, doc, verbose)
        console.print()
    _submissions(console, report)
    if totals and len(report.documents) > 1:
        errors = sum(d.summary.error for d in report.documents)
        warnings = sum(d.summary.warning for d in report.documents)
        failed = sum(d.status == "error" for d in report.documents)
        console.print(Text(f"{len(report.documents)} documenten: {errors} fout(en), {warnings} waarschuwing(en)"
                           + (f", {failed} niet te lezen" if failed else ""), style="bold"))
    for notice in report.notices:
        label, style = LABELS[notice.severity]
        line = Text(label, style=style)
        line.append(f" {notice.message}" + (f" ({notice.config})" if notice.config else ""))
        console.print(line)
    return buffer.getvalue()

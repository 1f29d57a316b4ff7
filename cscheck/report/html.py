"""One self-contained HTML page per run (no network: styles and the one small script inline, a CSP that
forbids loading anything): the summary table, for a batch the overview (overview.py: charts as inline SVG,
readable without the script, which only sorts the matrix), then per document each finding next to the
article it concerns, with the standard's number and the document's, and the changed words marked.
Rendered with Jinja2 (autoescaped) from templates/report.html.j2 and overview.html.j2."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime

import msgspec
from markupsafe import Markup, escape

from cscheck.model import DocumentResult, Finding, Report
from cscheck.report.common import (
    SECTION_NAMES,
    SEVERITY_NAMES,
    article_name,
    converted,
    group,
    line,
    page,
    recognised,
    rows,
    status,
    verdict,
)
from cscheck.report.overview import BAR_WIDTH, overview
from cscheck.report.summary import totals
from cscheck.report.templating import environment


class ArticleView(msgspec.Struct):
    deel: str
    heading: str
    standard_number: str | None
    document_numbers: list[str] = msgspec.field(default_factory=list)
    excerpts: list[tuple[str, Markup]] = msgspec.field(default_factory=list)  # ("alinea 12, pagina 3", excerpt)
    findings: list[Finding] = msgspec.field(default_factory=list)


def mark(text: str, words: list[str]) -> Markup:
    """`text` escaped, with each run of `words` in it wrapped in <mark>."""
    runs = sorted({w for w in words if w.strip()}, key=len, reverse=True)
    if not runs:
        return escape(text)
    pattern = re.compile("|".join(re.escape(r) for r in runs))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup("<mark>{}</mark>").format(m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


DEEL_ORDER = {"Voor deel 1": 0, "Deel 1": 1, "Deel 2": 2, "Deel 3": 3}


def _first_paragraph(view: ArticleView) -> int:
    return min((f.location.paragraph for f in view.findings if f.location.paragraph is not None), default=10**9)


def articles(doc: DocumentResult) -> list[ArticleView]:
    """The findings of a document per article, in the order of the document."""
    views: dict[tuple[str, str], ArticleView] = {}
    added: dict[int, list[str]] = defaultdict(list)
    for f in doc.findings:
        if f.changes and f.location.paragraph is not None:
            added[f.location.paragraph].extend(f.changes.added)
    for f in doc.findings:
        deel, heading = group(f, doc.document_type)[0], article_name(f, doc.document_type)
        number = f.article if f.article not in SECTION_NAMES else None
        view = views.setdefault((deel, heading), ArticleView(deel, heading, number))
        view.findings.append(f)
        if f.document_label and f.document_label not in view.document_numbers:
            view.document_numbers.append(f.document_label)
        para = f.location.paragraph
        where = f"alinea {para}" + (f", {page(f)}" if page(f) else "") if para is not None else ""
        if para is not None and f.location.excerpt and all(p != where for p, _ in view.excerpts):
            view.excerpts.append((where, mark(f.location.excerpt, added[para])))
    return sorted(views.values(), key=lambda v: (DEEL_ORDER.get(v.deel, 9), _first_paragraph(v)))


def render(report: Report, **_: object) -> str:
    documents = [(i, doc, articles(doc)) for i, doc in enumerate(report.documents, start=1)]
    view = overview(report) if len(report.documents) > 1 else None  # an overview of one document says nothing
    return environment(html=True).get_template("report.html.j2").render(
        report=report, rows=rows(report), totals=totals(report), documents=documents, status=status,
        severity_names=SEVERITY_NAMES, line=line, page=page, converted=converted,
        generated=datetime.now().astimezone(), view=view, bar_width=BAR_WIDTH, recognised=recognised, verdict=verdict)

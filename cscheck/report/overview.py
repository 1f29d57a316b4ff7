"""The overview of a batch above the per-document details of the HTML report: what the Ketenbureau's slide
"eerste bevindingen" showed, from the run's statistics — findings per rule as a bar chart, documents ×
rules as a matrix, the share of conform documents, how often each article was changed, and the
submissions. Drawn as inline SVG by templates/overview.html.j2; this module only shapes the data."""

from __future__ import annotations

import msgspec

from cscheck.model import DocumentResult, Report, Severity, document_type_name
from cscheck.report.common import relative, verdict
from cscheck.report.statistics import conform, of

BAR_WIDTH = 420  # px of the longest bar
CROSS_RULE = "inkoop-overeenkomst-tegenstrijdig"


class Bar(msgspec.Struct):
    rule: str
    code: str
    severity: str  # the rule's own severity, for the legend
    errors: int
    warnings: int
    waived: int
    documents: list[tuple[int, str]]  # (number of the document in the report, its path)
    error_width: float = 0.0
    warning_width: float = 0.0


class Cell(msgspec.Struct):
    count: int = 0
    severity: str = ""  # the worst severity among the findings that count: "fout", "waarschuwing", "melding"


class MatrixRow(msgspec.Struct):
    number: int
    path: str
    document_type: str
    standard: str
    verdict: str
    conform: bool
    errors: int
    warnings: int
    cells: list[Cell] = msgspec.field(default_factory=list)


class Square(msgspec.Struct):
    article: str
    count: int
    level: int  # 0–5: how dark


class Strip(msgspec.Struct):
    standard: str
    name: str
    delen: list[tuple[str, list[Square]]]  # (deel or chapter, its articles in the standard's order)
    documents: int  # documents that follow this standard


class ShareRow(msgspec.Struct):
    name: str
    documents: int
    conform: int

    @property
    def percent(self) -> int:
        return round(100 * self.conform / self.documents) if self.documents else 0


class Overview(msgspec.Struct):
    bars: list[Bar]
    columns: list[tuple[str, str]]  # (rule, code) of the matrix
    rows: list[MatrixRow]
    types: list[ShareRow]
    standards: list[ShareRow]
    strips: list[Strip]
    submissions: list[tuple[str, str, str, str]]  # folder, overeenkomst, inkoopdocument, outcome


def _numbers(report: Report) -> dict[str, int]:
    return {doc.path: i for i, doc in enumerate(report.documents, start=1)}


def _bars(report: Report) -> list[Bar]:
    stats = [s for s in of(report).rules if s.findings or s.waived]
    longest = max((s.errors + s.warnings for s in stats), default=0) or 1
    numbers = _numbers(report)
    bars = []
    for s in stats:
        if not (s.errors or s.warnings):
            continue  # the chart shows deviations; meldingen stay in the matrix
        bars.append(Bar(s.rule, s.code, s.severity.value, s.errors, s.warnings, s.waived,
                        [(numbers[p], relative(p)) for p in s.documents], BAR_WIDTH * s.errors / longest,
                        BAR_WIDTH * s.warnings / longest))
    return bars


_NAME = {Severity.error: "fout", Severity.warning: "waarschuwing", Severity.info: "melding"}
_RANK = {"fout": 3, "waarschuwing": 2, "melding": 1, "": 0}


def _row(number: int, doc: DocumentResult, columns: list[str]) -> MatrixRow:
    cells = {rule: Cell() for rule in columns}
    for f in doc.findings:
        cell = cells.get(f.rule)
        if cell is None or f.waived:
            continue
        cell.count += 1
        if _RANK[_NAME[f.severity]] > _RANK[cell.severity]:
            cell.severity = _NAME[f.severity]
    return MatrixRow(number, relative(doc.path), document_type_name(doc.document_type) if doc.document_type else "-",
                     doc.standard.id or "-", verdict(doc), conform(doc), doc.summary.error, doc.summary.warning,
                     [cells[r] for r in columns])


def _strips(report: Report) -> list[Strip]:
    stats = of(report)
    followed: dict[str, tuple[int, str]] = {}
    for doc in report.documents:
        if doc.standard.id:
            count, _type = followed.get(doc.standard.id, (0, ""))
            followed[doc.standard.id] = (count + 1, doc.document_type or "")
    strips = []
    for standard, articles in stats.articles.items():
        if not articles:
            continue
        most = max(articles.values()) or 1
        groups: dict[str, list[Square]] = {}
        for key, count in articles.items():
            part = key.split(".")[0]
            if not part.isdigit():
                continue  # a front section or bijlage: not an article of the standard's delen
            groups.setdefault(part, []).append(Square(key, count, 0 if not count else 1 + round(4 * count / most)))
        documents, document_type = followed.get(standard, (0, ""))
        prefix = "Deel" if document_type == "overeenkomst" else "Hoofdstuk"
        strips.append(Strip(standard, f"{document_type_name(document_type)} {standard}",
                            [(f"{prefix} {part}", squares) for part, squares in groups.items()], documents))
    return strips


def _submissions(report: Report) -> list[tuple[str, str, str, str]]:
    by_path = {d.path: d for d in report.documents}
    out = []
    for sub in report.submissions:
        if not sub.compared:
            continue
        found = sum(f.rule == CROSS_RULE and not f.waived for p in sub.documents if p in by_path
                    for f in by_path[p].findings)
        outcome = "geen tegenstrijdigheden" if not found else f"{found} tegenstrijdighe{'id' if found == 1 else 'den'}"
        out.append((sub.folder, sub.overeenkomst or "", sub.inkoopdocument or "", outcome))
    return out


def overview(report: Report) -> Overview:
    stats = of(report)
    columns = [(s.rule, s.code) for s in sorted(stats.rules, key=lambda s: s.code) if s.findings]
    rules = [rule for rule, _code in columns]
    rows = [_row(i, doc, rules) for i, doc in enumerate(report.documents, start=1) if doc.status == "checked"]
    types = [ShareRow(document_type_name(name), s.documents, s.conform) for name, s in stats.document_types.items()]
    standards = [ShareRow(name, s.documents, s.conform) for name, s in stats.standards.items()]
    return Overview(_bars(report), columns, rows, types, standards, _strips(report), _submissions(report))

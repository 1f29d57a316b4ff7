"""What a batch shows at a glance: findings per rule, how often each article of the standard was changed,
and the share of conform documents per document type and per standard. One home for these counts: the
JSON `statistics` block, the CSV matrix, the HTML overview and `--statistics` all use them."""

from __future__ import annotations

from collections import Counter

from cscheck.model import DocumentResult, Report, RuleStatistic, Severity, Share, Statistics

COUNTED = (Severity.error, Severity.warning)  # what makes a document not conform; meldingen do not


def conform(doc: DocumentResult) -> bool:
    return doc.status == "checked" and not (doc.summary.error or doc.summary.warning)


def rule_statistics(report: Report) -> list[RuleStatistic]:
    """Per rule: findings that count, waived ones and the documents; most frequent first."""
    found: dict[str, RuleStatistic] = {}
    for doc in report.documents:
        for f in doc.findings:
            stat = found.setdefault(f.rule, RuleStatistic(rule=f.rule, code=f.code, severity=f.severity))
            if f.waived:
                stat.waived += 1
            else:
                stat.findings += 1
                stat.errors += f.severity == Severity.error
                stat.warnings += f.severity == Severity.warning
            if doc.path not in stat.documents:
                stat.documents.append(doc.path)
    return sorted(found.values(), key=lambda s: (-s.findings, -len(s.documents), -s.waived, s.code))


def article_statistics(report: Report, order: dict[str, list[str]] | None = None) -> dict[str, dict[str, int]]:
    """Per reference id, per article: how many documents have a finding that counts there. `order` gives a
    reference's articles in the standard's order, so that unchanged articles show too."""
    counts: dict[str, Counter[str]] = {}
    for doc in report.documents:
        if doc.standard.id is None:
            continue
        places = {f.article for f in doc.findings if f.article and not f.waived and f.severity in COUNTED}
        counts.setdefault(doc.standard.id, Counter()).update(places)
    out: dict[str, dict[str, int]] = {}
    for standard_id, counter in counts.items():
        keys = list((order or {}).get(standard_id, []))
        keys += sorted(k for k in counter if k not in keys)
        out[standard_id] = {key: counter.get(key, 0) for key in keys}
    return out


def shares(report: Report, key: str) -> dict[str, Share]:
    out: dict[str, Share] = {}
    for doc in report.documents:
        if doc.status != "checked":
            continue
        name = (doc.document_type or "onbekend") if key == "type" else (doc.standard.id or "geen standaard")
        share = out.setdefault(name, Share())
        share.documents += 1
        share.conform += conform(doc)
    return dict(sorted(out.items()))


def statistics(report: Report, order: dict[str, list[str]] | None = None) -> Statistics:
    return Statistics(rules=rule_statistics(report), articles=article_statistics(report, order),
                      document_types=shares(report, "type"), standards=shares(report, "standard"))


def of(report: Report) -> Statistics:
    """The report's statistics: those of the run, or counted now (without the articles no finding names)."""
    return report.statistics if report.statistics is not None else statistics(report)

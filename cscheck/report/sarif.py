"""SARIF 2.1.0 for GitHub code scanning, built with the sarif-pydantic object model.

A DOCX has no lines, so the paragraph number (the paragraph index counted from 1, tables included,
in body order, as `cscheck` reports it) is used as the line. Findings keep their identity across
runs through `partialFingerprints`: a hash of rule, the standard's article (or the document's own
number for text the standard does not have), lid and path, with a counter for identical keys. The
same value goes under `primaryLocationLineHash`, so that upload-sarif does not compute one from the
bytes of the binary file. Waived findings carry a `suppressions` entry with the agreed reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from sarif_pydantic import (
    ArtifactLocation,
    Invocation,
    Level,
    Location,
    LogicalLocation,
    Message,
    PhysicalLocation,
    Region,
    ReportingConfiguration,
    ReportingDescriptor,
    Result,
    Run,
    Sarif,
    Tool,
    ToolDriver,
)
from sarif_pydantic.sarif import ArtifactContent, Notification, Suppression

from cscheck.model import DocumentResult, Finding, Report, Severity
from cscheck.report.common import article_name, line, page, relative, uri
from cscheck.rules.model import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "cscheck/v1"
LEVELS = {Severity.error: Level.ERROR, Severity.warning: Level.WARNING, Severity.info: Level.NOTE}


def _descriptor(rule: Rule) -> ReportingDescriptor:
    help_text = f"{rule.summary}\n\nWaarom: {rule.rationale}\n\nWat te doen: {rule.advice}"
    help_markdown = f"{rule.summary}\n\n**Waarom**\n\n{rule.rationale}\n\n**Wat te doen**\n\n{rule.advice}"
    return ReportingDescriptor(
        id=rule.code, name=rule.name, short_description=Message(text=rule.title[:1024]),
        full_description=Message(text=rule.summary[:1024]), help=Message(text=help_text, markdown=help_markdown),
        default_configuration=ReportingConfiguration(level=LEVELS[rule.severity].value),
        properties={"tags": ["contractstandaarden", *rule.applies_to]})


def fingerprint(f: Finding, path: str) -> str:
    place = f.article or (f"document:{f.document_label}" if f.document_label else "document")
    key = "\0".join((f.rule, place, f.lid or "", relative(path)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _location(path: str, f: Finding | None = None, document_type: str | None = None) -> Location:
    region = None
    logical = None
    if f is not None:
        start = line(f) or 1
        snippet = ArtifactContent(text=f.location.excerpt) if f.location.excerpt else None
        region = Region(start_line=start, start_column=1, end_line=start, end_column=1, snippet=snippet)
        logical = [LogicalLocation(name=", ".join(filter(None, (article_name(f, document_type), page(f)))),
                                   kind="module")]
    artifact = ArtifactLocation(uri=uri(path), uri_base_id=None if relative(path).startswith("/") else "%SRCROOT%")
    return Location(physical_location=PhysicalLocation(artifact_location=artifact, region=region),
                    logical_locations=logical)


def _result(f: Finding, doc: DocumentResult, index: dict[str, int], seen: Counter[str]) -> Result:
    base = fingerprint(f, doc.path)
    seen[base] += 1
    value = f"{base}:{seen[base]}"
    extra = {}
    if f.waived and f.waiver:
        until = f" (tot {f.waiver.until:%Y-%m-%d})" if f.waiver.until else ""
        extra["suppressions"] = [Suppression(kind="external", status="accepted",
                                             justification=f"{f.waiver.reason}{until}")]
    text = f"{f.message} ({page(f)})" if page(f) else f.message  # a PDF has no lines: the page helps the reader
    return Result(
        rule_id=f.code, rule_index=index.get(f.code), level=LEVELS[f.severity], message=Message(text=text),
        locations=[_location(doc.path, f, doc.document_type)],
        partial_fingerprints={"primaryLocationLineHash": value, FINGERPRINT: value},
        properties={"rule": f.rule, "article": f.article, "lid": f.lid, "documentLabel": f.document_label,
                    "paragraph": f.location.paragraph, "page": f.location.page, "deel": f.deel, "waived": f.waived},
        **extra)


def _invocation(report: Report) -> Invocation:
    errors = [Notification(level=Level.ERROR, message=Message(text=f"{d.path}: {d.error.message}"),
                           locations=[_location(d.path)], properties={"kind": d.error.kind})
              for d in report.documents if d.status == "error" and d.error]
    notes = [Notification(level=LEVELS[n.severity], message=Message(text=n.message),
                          locations=[_location(n.config)] if n.config else None, properties={"kind": n.kind})
             for n in report.notices]
    # sarif-pydantic has no fields for the notification lists: extra fields keep their (SARIF) names
    extra = {"toolExecutionNotifications": errors, "toolConfigurationNotifications": notes}
    return Invocation(execution_successful=not errors,
                      working_directory=ArtifactLocation(uri=Path.cwd().as_uri() + "/"),
                      **{k: v for k, v in extra.items() if v})


def build(report: Report, rules: list[Rule]) -> Sarif:
    index = {r.code: i for i, r in enumerate(rules)}
    seen: Counter[str] = Counter()
    results = [_result(f, d, index, seen) for d in report.documents for f in d.findings]
    driver = ToolDriver(name="cscheck", version=report.tool.version, semantic_version=report.tool.version,
                        rules=[_descriptor(r) for r in rules])
    run = Run(tool=Tool(driver=driver), invocations=[_invocation(report)], results=results,
              original_uri_base_ids={"%SRCROOT%": ArtifactLocation(uri=Path.cwd().as_uri() + "/")})
    return Sarif(runs=[run], schema_uri=SCHEMA_URI)


def render(report: Report, *, rules: list[Rule] | None = None, **_: object) -> str:
    if rules is None:
        from cscheck.rules.engine import load_rules

        rules = load_rules()
    data = build(report, rules).model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

"""What the integration tests share: a check that must succeed, and the findings that count (errors and
warnings) as lines a failing assertion can show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cscheck.check import CheckOptions, check_document
from cscheck.model import DocumentResult, Severity


def check(path: Path, **options: Any) -> DocumentResult:
    """The document checked with unexpected errors let through; it must have been checked."""
    result = check_document(path, CheckOptions(debug=True, **options))
    assert result.status == "checked", result.error
    return result


def serious(result: DocumentResult) -> list[str]:
    """Errors and warnings, one line each (rule second): a conform document has none."""
    lines = []
    for f in result.findings:
        if f.severity is Severity.info:
            continue
        page = f" (pagina {f.location.page})" if f.location.page is not None else ""
        lines.append(f"{f.severity.value} {f.rule} {f.article} {f.lid} {f.document_label}{page}: {f.message}")
    return lines

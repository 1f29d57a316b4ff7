"""The one place where a finding is made: the rule's (or detector's) Dutch message filled in, the severity
chosen, the place described in the standard's numbering and the document's own.

Rule kinds reach it through `Context.finding`; the check across a submission (`submission.py`) calls it
directly.
"""

from __future__ import annotations

import re
from typing import Any

from cscheck.model import Changes, Finding, Location, Severity
from cscheck.rules.model import Detector, Rule


class _Blank(dict):  # type: ignore[type-arg]
    """Template values: an unknown field is left empty."""

    def __missing__(self, key: str) -> str:
        return ""


def make_finding(rule: Rule, detector: Detector | None, *, block: int | None = None, excerpt: str = "",
                 page: int | None = None, article: str | None = None, lid: str | None = None,
                 deel: str | None = None, document_label: str | None = None, document_type: str = "overeenkomst",
                 variant: str | None = None, severity: Severity | str | None = None, message: str | None = None,
                 changes: Changes | None = None, **fields: Any) -> Finding:
    """A finding at the block with this index (`Block.index`, from 0; reported as paragraph index + 1)."""
    values = _Blank(fields)
    values.update(article=article or "", lid=lid or "", document_label=document_label or "", deel=deel or "")
    values.setdefault("plaats", place(article, lid, document_label, document_type))
    template = message or (detector.message if detector else None) or rule.message
    if variant == "maatwerk" and detector is not None and detector.maatwerk_severity is not None:
        severity = detector.maatwerk_severity
    chosen = Severity(severity or (detector.severity if detector else None) or rule.severity)
    return Finding(rule=rule.name, code=rule.code, severity=chosen, message=render_message(template, values),
                   deel=deel, article=article, lid=lid, document_label=document_label,
                   location=Location.at(block, excerpt, page), changes=changes)


# what a field left empty leaves behind in a template: "deel 1 ()", '("")', "“”"
_EMPTY_GROUP = re.compile(r"\s*\(\s*(?:[\"“”']\s*[\"“”']\s*)?[,;:]?\s*\)|\s*[\"“][\"”]")
_SPACE_BEFORE_MARK = re.compile(r"\s+([.,;:!?])")


def render_message(template: str, fields: dict[str, Any]) -> str:
    """A rule's Dutch message with its fields filled in; a field that is empty leaves no empty brackets or
    quotes behind."""
    values = fields if isinstance(fields, _Blank) else _Blank(fields)
    text = " ".join(template.format_map(values).split())
    text = _SPACE_BEFORE_MARK.sub(r"\1", _EMPTY_GROUP.sub("", text)).strip()
    return text[:1].upper() + text[1:]


_SECTION_NAMES = {"overwegingen": "de overwegingen", "definities": "de definities", "partijen": "de partijen",
                  "titelpagina": "de titelpagina", "ondertekening": "de ondertekening",
                  "versiebeheer": "het versiebeheer", "wijzigingsbeheer": "het wijzigingsbeheer"}


def _name(number: str, document_type: str) -> str:
    if not document_type.startswith("inkoopdocument"):
        # an own lid of an own article ("1.11.1") is a lid, not an article
        return f"lid {number}" if number.count(".") >= 2 else f"artikel {number}"
    return f"hoofdstuk {number}" if "." not in number else f"paragraaf {number}"


def place(article: str | None, lid: str | None, document_label: str | None,
          document_type: str = "overeenkomst") -> str:
    """Dutch description of where something is, in the standard's numbering and the document's."""
    if article in _SECTION_NAMES:
        return _SECTION_NAMES[article]
    if article and article.startswith("bijlage-"):
        return f"bijlage {article.split('-', 1)[1]}"
    std = f"lid {lid}" if lid else (_name(article, document_type) if article else "")
    if std and document_label and document_label not in (article, lid):
        return f"{std} van de standaard (in het document {document_label})"
    if std:
        return std
    if document_label:
        return f"{_name(document_label, document_type)} (niet in de standaard)"
    return "het document"


def excerpt(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

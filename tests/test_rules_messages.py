"""Every rule's message reads well whichever of its fields a detector leaves empty: no "deel 1 ()", no empty
quotes, no space before a full stop."""

from __future__ import annotations

import re
import string

import pytest

from cscheck.rules.engine import load_rules
from cscheck.rules.finding import render_message

SAMPLE = {"plaats": "artikel 3.9", "article": "3.9", "lid": "3.9.1", "document_label": "3.10", "deel": "3",
          "title": "Hoofd- en onderaanneming", "what": "artikel 3.9", "summary": "toegevoegd: “vijf”", "match": "zzp",
          "sentence": "Een zin.", "slot": "[datum]", "options": "optie 1, optie 2", "expected": "3.9",
          "found": "3.10", "version": "1.2", "declared": "1.3", "newest": "1.3", "standard": "CSW", "count": "2",
          "quote": "verborgen woorden", "document": "overeenkomst.docx", "score": "12%", "best": "csw-1.3",
          "forced": "csw-1.2", "velden": "het invulveld", "overeenkomst": "toelating", "inkoopdocument": "SAS"}
ARTEFACTS = re.compile(r"\(\s*\)|\(\s*[\"“”']\s*[\"“”']\s*\)|[\"“][\"”]|\s[.,;:!?]|\s{2}")


def _templates() -> list[tuple[str, str]]:
    out = []
    for rule in load_rules():
        out.append((f"{rule.name}.message", rule.message))
        for i, det in enumerate(rule.detect):
            for key in det.__struct_fields__:  # message and the message_… options of its kind
                value = getattr(det, key)
                if key.startswith("message") and isinstance(value, str):
                    out.append((f"{rule.name}.detect[{i}].{key}", value))
    return out


@pytest.mark.parametrize(("where", "template"), _templates())
def test_a_message_with_any_field_left_empty_has_no_artefacts(where: str, template: str) -> None:
    fields = [name for _lit, name, _spec, _conv in string.Formatter().parse(template) if name]
    assert ARTEFACTS.search(render_message(template, SAMPLE)) is None, where
    for empty in fields:
        text = render_message(template, {**SAMPLE, empty: ""})
        assert ARTEFACTS.search(text) is None, f"{where} with {{{empty}}} empty: {text}"


def test_the_order_of_a_whole_deel() -> None:
    rule = next(r for r in load_rules() if r.name == "volgorde-gewijzigd")
    assert render_message(rule.message, {"what": "deel 1", "title": ""}).startswith("Deel 1 staat op een andere plaats")

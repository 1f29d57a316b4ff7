"""The rule engine: every shipped rule file is valid, and a keyword rule needs no Python."""

from __future__ import annotations

from pathlib import Path

import pytest

from cscheck.check import CheckOptions, check_document
from cscheck.rules.engine import KINDS, RuleError, all_rules, load_rule, load_rules, select_rules
from tests.mini import MINI_FILLED, mini_manifest

FIXED_NAMES = {
    "nummering-gewijzigd", "volgorde-gewijzigd", "artikel-ontbreekt", "optioneel-artikel-weggelaten",
    "artikel-toegevoegd", "deel3-gewijzigd", "deel3-aangevuld", "deel3-ingekort", "deel3-aangevuld-via-deel1-2",
    "vaste-tekst-gewijzigd", "eigen-inkoopvoorwaarden", "rusland-verklaring", "zzp-als-onderaannemer",
    "placeholder-niet-ingevuld", "keuze-niet-gemaakt", "versie-afwijkend", "wijzigingen-bijhouden",
    "geen-contractstandaard", "inkoopdocument-structuur-gewijzigd", "inkoopdocument-vaste-tekst-gewijzigd",
    "inkoopdocument-onduidelijk", "inkoop-overeenkomst-tegenstrijdig", "verborgen-tekst",
}

PLAFOND = """\
name: budgetplafond-buiten-1-5
code: CS910
severity: warning
title: Budgetplafond buiten artikel 1.5
summary: Een budgetplafond staat buiten artikel 1.5.
message: In {plaats} staat een plafond ("{match}").
rationale: Een bestedingsruimte hoort in artikel 1.5.
advice: Gebruik artikel 1.5 of haal het plafond weg.
detect:
  - kind: pattern
    only_added: true
    keywords: [plafond]
    patterns: ['\\b(?:budget|omzet)plafond\\w*']
"""


def test_every_fixed_rule_exists_with_dutch_texts() -> None:
    rules = {r.name: r for r in load_rules()}
    assert set(rules) >= FIXED_NAMES
    for rule in rules.values():
        assert rule.message and rule.rationale and rule.advice and rule.summary
        assert all(d.kind in KINDS for d in rule.detect)
    assert len({r.code for r in rules.values()}) == len(rules)


def test_select_and_ignore_by_name_or_code() -> None:
    rules = load_rules()
    assert [r.name for r in select_rules(rules, ["CS302"])] == ["rusland-verklaring"]
    assert "rusland-verklaring" not in {r.name for r in select_rules(rules, ignore=["rusland-verklaring"])}
    with pytest.raises(RuleError):
        select_rules(rules, ["bestaat-niet"])


def test_a_broken_rule_file_is_reported_by_name(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text("name: kapot\ncode: CS999\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"kapot\.yaml"):
        load_rule(bad)


def test_a_keyword_rule_needs_no_python(tmp_path: Path) -> None:
    folder = tmp_path / "regels"
    folder.mkdir()
    (folder / "budgetplafond-buiten-1-5.yaml").write_text(PLAFOND, encoding="utf-8")
    assert "budgetplafond-buiten-1-5" in {r.name for r in all_rules([folder])}
    manifest = mini_manifest(tmp_path)
    doc = tmp_path / "ovk.md"
    doc.write_text(MINI_FILLED.replace("Het uurtarief voor begeleiding is 65 euro.",
                                       "Er geldt een budgetplafond van 2 miljoen euro per jaar."), encoding="utf-8")
    result = check_document(doc, CheckOptions(debug=True, extra_rules=[folder]), manifests=[manifest])
    plafond = [f for f in result.findings if f.rule == "budgetplafond-buiten-1-5"]
    assert len(plafond) == 1 and plafond[0].document_label == "2.1" and "budgetplafond" in plafond[0].message
    doc.write_text(MINI_FILLED, encoding="utf-8")
    clean = check_document(doc, CheckOptions(debug=True, extra_rules=[folder]), manifests=[manifest])
    assert not [f for f in clean.findings if f.rule == "budgetplafond-buiten-1-5"]

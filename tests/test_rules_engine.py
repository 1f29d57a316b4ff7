"""The rule engine: every shipped rule file is valid, every kind has typed options that are checked when a rule
loads, the kind table of docs/rules.md is generated from them, and a keyword rule needs no Python."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from cscheck.check import CheckOptions, check_document
from cscheck.model import Finding, Location, Severity
from cscheck.resources import rules_dir
from cscheck.rules.engine import KINDS, RuleError, all_rules, fold, load_rule, load_rules, rule_files, select_rules
from cscheck.rules.model import Detector, Where, regex_problems
from cscheck.rules.sentence import Cues
from cscheck.rules.spec import END, START, kind_table
from tests.mini import MINI_FILLED, mini_manifest

ROOT = Path(__file__).resolve().parents[1]

FIXED_NAMES = {
    "nummering-gewijzigd", "volgorde-gewijzigd", "artikel-ontbreekt", "optioneel-artikel-weggelaten",
    "artikel-toegevoegd", "deel3-gewijzigd", "deel3-aangevuld", "deel3-ingekort", "deel3-aangevuld-via-deel1-2",
    "vaste-tekst-gewijzigd", "eigen-inkoopvoorwaarden", "rusland-verklaring", "zzp-als-onderaannemer",
    "placeholder-niet-ingevuld", "keuze-niet-gemaakt", "versie-afwijkend", "wijzigingen-bijhouden",
    "geen-contractstandaard", "inkoopdocument-structuur-gewijzigd", "inkoopdocument-vaste-tekst-gewijzigd",
    "inkoopdocument-onduidelijk", "inkoop-overeenkomst-tegenstrijdig", "verborgen-tekst",
    # the rest of the reviewer's checklist (issue 9): these names are fixed so that reports stay stable
    "budgetplafond-buiten-1.5", "clientenstop-andere-grond", "eigen-wachttijdnorm", "sroi-buiten-1.9",
    "looptijd-opties", "stilzwijgende-verlenging", "looptijd-langer-dan-48-maanden", "hierarchie-gewijzigd",
    "definitie-gewijzigd", "versie-mix", "toelating-beperkt", "deel3-niet-van-toepassing",
    "markering-achtergebleven", "herziening-buiten-1.4",
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
        assert all(d.kind in KINDS and isinstance(d, KINDS[d.kind].options) for d in rule.detect)
        assert set(rule.folds) <= set(rules), rule.name
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


def _rule_file(tmp_path: Path, detector: str) -> Path:
    path = tmp_path / "proef.yaml"
    path.write_text("name: proef\ncode: CS990\nseverity: error\ntitle: Proef\nsummary: Proef.\nmessage: Proef.\n"
                    f"rationale: Proef.\nadvice: Proef.\ndetect:\n{detector}", encoding="utf-8")
    return path


def test_a_misspelt_option_stops_the_rule_instead_of_falling_back(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match=r"proef\.yaml.*chnage: onbekend veld"):
        load_rule(_rule_file(tmp_path, "  - kind: lid-text\n    chnage: added\n"))
    with pytest.raises(RuleError, match=r"onbekende soort 'missing'"):
        load_rule(_rule_file(tmp_path, "  - kind: missing\n    target: article\n"))
    with pytest.raises(RuleError, match=r"change"):
        load_rule(_rule_file(tmp_path, "  - kind: lid-text\n    change: veranderd\n"))
    with pytest.raises(RuleError, match=r"patterns"):
        load_rule(_rule_file(tmp_path, "  - kind: pattern\n    patterns: ['(onaf']\n"))
    rule = load_rule(_rule_file(tmp_path, "  - kind: lid-text\n    change: added\n"))
    assert rule.detect[0].change == ["added"]  # type: ignore[attr-defined]


def test_a_problem_names_its_place_and_unless_where_may_be_one_mapping(tmp_path: Path) -> None:
    rule = load_rule(_rule_file(tmp_path, "  - kind: lid-text\n    unless_where: {articles: ['1.*']}\n"))
    assert rule.detect[0].unless_where == [Where(articles=["1.*"])]
    with pytest.raises(RuleError, match=r"proef\.yaml is ongeldig: detect\.1\.items\.0\.regex: ontbreekt$"):
        load_rule(_rule_file(tmp_path, "  - kind: hidden\n  - kind: list-order\n    article: '1.2'\n"
                                       "    items: [{name: a}]\n"))
    with pytest.raises(RuleError, match=r"detect\.0\.title: ongeldige reguliere expressie '\(': missing \)"):
        load_rule(_rule_file(tmp_path, "  - kind: list-order\n    article: '1.2'\n    title: '('\n"))
    assert load_rule(_rule_file(tmp_path, "  - kind: list-order\n    article: '1.2'\n    title: '('\n"), shipped=True)


def test_every_regular_expression_of_the_shipped_rules_compiles() -> None:
    # a check loads the shipped rules without compiling their expressions up front (start-up time): this
    # test is where they are compiled, the rules' and the sentence stage's word lists alike
    for path in rule_files(rules_dir()):
        load_rule(path)
    cues = msgspec.convert(yaml.safe_load((rules_dir() / "_zinnen.yaml").read_text(encoding="utf-8")), Cues)
    assert cues.negation and not list(regex_problems(cues))
    assert list(regex_problems(Cues(negation=["geen", "(geen"]))) == [
        "negation.1: ongeldige reguliere expressie '(geen': missing ), unterminated subpattern at position 0"]


def test_every_kind_has_one_spec_with_a_strict_options_model() -> None:
    for name, spec in KINDS.items():
        assert spec.name == name and callable(spec.run) and spec.finds
        assert issubclass(spec.options, Detector) and spec.options.__struct_config__.forbid_unknown_fields
        kind = next(f for f in msgspec.structs.fields(spec.options) if f.name == "kind")
        assert kind.type is not str, name  # Literal[name]


def test_the_kind_table_of_the_docs_is_generated_from_the_specs() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    shown = text[text.index(START) + len(START):text.index(END)].strip()
    assert shown == kind_table(), "docs/rules.md: run `python -m cscheck.rules.spec --write`"
    assert all(f"`{name}`" in shown for name in KINDS)


def _finding(rule: str, paragraph: int, article: str | None = None, lid: str | None = None) -> Finding:
    return Finding(rule=rule, code="CS000", severity=Severity.error, message=rule, article=article, lid=lid,
                   location=Location(paragraph=paragraph))


def test_a_finding_that_another_rule_already_says_is_folded_into_it() -> None:
    rules = {r.name: r for r in load_rules()}
    eigen, tekst, elders = (_finding("eigen-inkoopvoorwaarden", 5, "3.26", "3.26.2"),
                            _finding("deel3-gewijzigd", 5, "3.26", "3.26.2"), _finding("deel3-gewijzigd", 9, "3.6"))
    assert fold([tekst, eigen, elders], rules.values()) == [eigen, elders]
    own = _finding("eigen-inkoopvoorwaarden", 12)
    assert fold([own, _finding("vaste-tekst-gewijzigd", 12)], rules.values()) == [own]


def test_geen_contractstandaard_ends_the_check(tmp_path: Path) -> None:
    doc = tmp_path / "rapport.md"
    doc.write_text("# Inkoop van jeugdhulp\n\nGemeenten hanteren eigen inkoopvoorwaarden en vragen een "
                   "Rusland-verklaring; zzp'ers moeten zich aanmelden als onderaannemer.\n", encoding="utf-8")
    result = check_document(doc, CheckOptions(debug=True))
    assert [f.rule for f in result.findings] == ["geen-contractstandaard"]

"""What `cscheck rules`, `explain` and `reference list/show` print: Dutch severities and checks, the rules as
JSON, the configuration guide shipped with the package, and references in aligned columns (also an own one
given with --references)."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from cscheck.catalog import columns, explain_text, references_text, rules_json, rules_text
from cscheck.cli import run
from cscheck.model import SEVERITY_NAMES
from cscheck.resources import guide
from cscheck.rules.engine import KIND_DESCRIPTIONS, KINDS, load_rules
from tests.batchdocs import mini_references

ROOT = Path(__file__).resolve().parents[1]


def cscheck(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_kind_is_described_in_dutch() -> None:
    assert set(KIND_DESCRIPTIONS) == set(KINDS)
    assert all(text and text[0].islower() for text in KIND_DESCRIPTIONS.values())


def test_rules_show_dutch_severities(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cscheck(capsys, "rules")
    rules = load_rules()
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["code", "naam", "ernst", "wat"]
    for rule, line in zip(rules, lines[1:], strict=False):
        assert line.split()[:3] == [rule.code, rule.name, SEVERITY_NAMES[rule.severity]]
    assert not any(word in out.split() for word in ("error", "warning", "info"))
    assert f"{len(rules)} regels" in out


def test_rules_wrap_only_on_a_terminal() -> None:
    rules = load_rules()
    plain = rules_text(rules)
    assert all(line.startswith(("CS", "code", "\n")) or not line for line in plain.splitlines()[:-1])
    narrow = rules_text(rules, width=100)
    assert max(len(line) for line in narrow.splitlines()) <= 100
    assert len(narrow.splitlines()) > len(plain.splitlines())


def test_rules_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cscheck(capsys, "rules", "--format", "json")
    data = json.loads(out)
    rules = load_rules()
    assert code == 0 and [r["code"] for r in data] == [r.code for r in rules]
    first = data[0]
    assert set(first) == {"code", "name", "severity", "severity_name", "title", "summary", "rationale", "advice",
                          "applies_to", "checks"}
    for item, rule in zip(data, rules, strict=True):
        assert item["severity"] == rule.severity.value  # as in the JSON report
        assert item["severity_name"] == SEVERITY_NAMES[rule.severity]
        assert item["checks"] and all(c["description"] == KIND_DESCRIPTIONS[c["kind"]] for c in item["checks"])
    assert rules_json(rules) == out


def test_explain_is_dutch_and_says_how_the_rule_finds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cscheck(capsys, "explain", "cs201")
    assert code == 0 and out.splitlines()[0] == "CS201 deel3-gewijzigd (fout)"
    assert "Waarom:" in out and "Wat te doen:" in out
    assert KIND_DESCRIPTIONS["lid-text"] in out and "Controle:" not in out and "lid-text" not in out
    assert "--ignore deel3-gewijzigd" in out
    for rule in load_rules():
        text = explain_text(rule)
        assert f"({SEVERITY_NAMES[rule.severity]})" in text.splitlines()[0]
        assert all(KIND_DESCRIPTIONS[d.kind] in text for d in rule.detect)


def test_explain_config_shows_the_configuration_guide(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cscheck(capsys, "explain", "config")
    assert code == 0
    assert out == (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")  # one source
    assert guide("configuration.md").is_file()
    for key in ("standard", "fail-on", "select", "ignore", "severity", "exclude", "waivers"):
        assert f"`{key}`" in out
    assert "Bedoelt u" in out and "regel 2, kolom 3" in out


def test_columns_line_up_and_wrap_the_last_one() -> None:
    lines = columns(("a", "lang", "n"), [("x", "y", 1), ("langer", "z", 100)], right={2})
    assert lines == ["a       lang    n", "x       y       1", "langer  z     100"]
    wrapped = columns(("a", "b"), [("x", "een twee drie vier vijf zes zeven acht negen tien elf")], width=40)
    assert all(len(line) <= 40 for line in wrapped) and wrapped[2].startswith("   ")


def test_reference_list_and_show_take_references_and_line_up(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --references sets CSCHECK_REFERENCES for the workers; setenv makes the test put back what was there
    monkeypatch.setenv("CSCHECK_REFERENCES", "")
    manifest, folder = mini_references(tmp_path / "mini")
    own = msgspec.structs.replace(manifest, id="csj-1.4-regio-utrecht-noord", standard="CS Jeugd regio",
                                  version="1.4")
    own.save(folder / f"{own.id}.json")
    code, out, err = cscheck(capsys, "reference", "list", "--references", str(folder))
    assert code == 0, err
    lines = out.splitlines()
    assert {line.split()[0] for line in lines[1:]} >= {"csw-1.2", "tst-2.0", "csj-1.4-regio-utrecht-noord"}
    for column in ("standaard", "versie", "soort", "aantal"):
        start = lines[0].index(column)
        assert all(line[start - 2:start] == "  " and line[start] != " " for line in lines[1:] if column != "aantal")
    ends = {line.index("artikelen") if "hoofdstukken" not in line else line.index("hoofdstukken") for line in lines[1:]}
    assert len(ends) == 1  # the last column starts at one place whatever the id's length
    assert references_text([own]).splitlines()[1].startswith("csj-1.4-regio-utrecht-noord  CS Jeugd regio  1.4")
    code, out, _ = cscheck(capsys, "reference", "show", "tst-2.0", "--references", str(folder))
    assert code == 0 and out.startswith("tst-2.0: TST 2.0, overeenkomst")
    rows = [line for line in out.splitlines() if line.startswith("    ")]
    assert len({line.index(" leden") for line in rows}) == 1 and "vast" in out and "fixed" not in out
    monkeypatch.setenv("CSCHECK_REFERENCES", "")
    code, _, err = cscheck(capsys, "reference", "show", "tst-2.0")
    assert code == 2 and "onbekende referentie 'tst-2.0'" in err

"""cscheck.yaml / [tool.cscheck]: finding, validating, overriding, and waivers (applied, expired, unused)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cscheck.batch.pool import BatchOptions
from cscheck.batch.run import check_paths
from cscheck.check import CheckOptions
from cscheck.config import (
    KNOWN_KEYS,
    STARTER,
    Config,
    ConfigError,
    Overrides,
    Resolver,
    WaiverUse,
    apply,
    check_names,
    find_config,
    load_config,
    matches,
    notices,
    parse_config,
    settings_for,
)
from cscheck.model import DocumentResult, Finding, Severity
from cscheck.rules.engine import load_rules
from tests.batchdocs import mini_docx, mini_references

TODAY = date(2026, 11, 1)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def result(path: str = "contracten/a.docx") -> DocumentResult:
    doc = DocumentResult(path=path, status="checked", findings=[
        Finding(rule="deel3-gewijzigd", code="CS201", severity=Severity.error, message="gewijzigd", deel="3",
                article="3.9"),
        Finding(rule="deel3-gewijzigd", code="CS201", severity=Severity.error, message="gewijzigd", deel="3",
                article="3.10"),
        Finding(rule="rusland-verklaring", code="CS302", severity=Severity.warning, message="rusland", deel="1",
                document_label="1.11"),
    ])
    doc.count()
    return doc


# -- finding and reading ------------------------------------------------------------------------


def test_found_upward_and_not_past_the_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(tmp_path / "cscheck.yaml", "fail-on: never\n")  # outside the repository: not used
    (repo / ".git").mkdir(parents=True)
    document = write(repo / "contracten" / "2026" / "a.docx", "")
    assert find_config(document) is None
    config = write(repo / "cscheck.yaml", "fail-on: warning\n")
    assert find_config(document) == config.resolve()


def test_pyproject_section_counts_only_when_present(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    sub = tmp_path / "a"
    sub.mkdir()
    assert find_config(sub / "x.docx") is None
    write(sub / "pyproject.toml", '[tool.cscheck]\nfail-on = "warning"\n[[tool.cscheck.waivers]]\nrule = "CS201"\n'
          'article = "3.9"\nreason = "afgestemd"\nuntil = 2027-12-31\n')
    found = find_config(sub / "x.docx")
    assert found is not None and found.name == "pyproject.toml"
    config = load_config(found)
    assert config.fail_on == "warning" and config.waivers[0].until == date(2027, 12, 31)


def test_the_starter_file_is_valid_and_documents_every_key() -> None:
    config = parse_config(yaml.safe_load(STARTER))
    assert config == Config()
    for key in ("standard:", "fail-on:", "select:", "ignore:", "severity:", "waivers:", "until:", "exclude:"):
        assert key in STARTER
    assert "cscheck explain config" in STARTER and "docs/" not in STARTER  # an installed cscheck has no docs/


def _starter_examples() -> list[list[int]]:
    """The commented examples of the starter file: a '# key:' line and the indented '#   …' lines under it."""
    examples: list[list[int]] = []
    current: list[int] | None = None
    for i, line in enumerate(STARTER.splitlines()):
        body = line[2:] if line.startswith("# ") else None
        if body is not None and body.split(":")[0] in KNOWN_KEYS and ":" in body:
            current = [i]
            examples.append(current)
        elif body is not None and current is not None and body.startswith("  "):
            current.append(i)
        else:
            current = None
    return examples


def _uncommented(examples: list[list[int]]) -> str:
    lines = STARTER.splitlines()
    for i in (i for example in examples for i in example):
        lines[i] = lines[i][2:]
    return "\n".join(lines) + "\n"


def test_every_commented_example_of_the_starter_is_valid_when_uncommented(tmp_path: Path) -> None:
    """What a user does with the starter: remove the '# ' in front of an example, one or all of them."""
    examples = _starter_examples()
    active = {line.split(":")[0] for line in STARTER.splitlines() if line and not line.startswith(("#", " "))}
    shown = {STARTER.splitlines()[example[0]][2:].split(":")[0] for example in examples}
    assert active | shown == set(KNOWN_KEYS) and not active & shown  # every key once, never twice
    rules = load_rules()
    for chosen in [[example] for example in examples] + [examples]:
        path = write(tmp_path / "cscheck.yaml", _uncommented(chosen))
        config = load_config(path)  # raises ConfigError with the line when an example is not valid
        check_names(config, path, rules, ["csw-1.2"])
        assert config != Config() and config.notes == []
    everything = load_config(write(tmp_path / "cscheck.yaml", _uncommented(examples)))
    assert everything.severity == {"rusland-verklaring": Severity.warning}
    assert everything.waivers[0].article == "3.9" and everything.waivers[0].until == date(2027, 12, 31)


def test_dutch_severities_are_accepted_in_the_file(tmp_path: Path) -> None:
    config = load_config(write(tmp_path / "cscheck.yaml", "fail-on: waarschuwing\nseverity:\n  CS302: melding\n"
                                                          "  deel3-gewijzigd: Fout\n"))
    assert config.fail_on == "warning"
    assert config.severity == {"CS302": Severity.info, "deel3-gewijzigd": Severity.error}
    assert load_config(write(tmp_path / "cscheck.yaml", "fail-on: nooit\n")).fail_on == "never"
    assert load_config(write(tmp_path / "cscheck.yaml", "fail-on: warning\n")).fail_on == "warning"


@pytest.mark.parametrize("source", ["yaml", "toml"])
def test_an_unquoted_article_number_is_read_as_written_with_a_notice(tmp_path: Path, source: str) -> None:
    """YAML and TOML read 3.10 as the number 3.1; cscheck keeps "3.10" and says why it should be quoted."""
    if source == "yaml":
        path = write(tmp_path / "cscheck.yaml", "waivers:\n  - rule: CS201\n    article: 3.10\n    reason: x\n"
                                               "  - rule: CS302\n    article: 7\n    reason: y\n")
    else:
        path = write(tmp_path / "pyproject.toml", '[tool.cscheck]\n[[tool.cscheck.waivers]]\nrule = "CS201"\n'
                                                 'article = 3.10\nreason = "x"\n[[tool.cscheck.waivers]]\n'
                                                 'rule = "CS302"\narticle = 7\nreason = "y"\n')
    config = load_config(path)
    assert [w.article for w in config.waivers] == ["3.10", "7"]
    assert len(config.notes) == 2 and 'article: "3.10"' in config.notes[0] and "3.1" in config.notes[0]
    found = notices(settings_for(config, path, Overrides()), WaiverUse(), today=TODAY)
    assert [(n.kind, n.severity) for n in found] == [("artikelnummer-als-getal", Severity.warning)] * 2
    doc = result(str(tmp_path / "a.docx"))
    doc.findings[1].article = "3.10"
    apply(doc, settings_for(config, path, Overrides()), WaiverUse(), today=TODAY)
    assert [f.article for f in doc.findings if f.waived] == ["3.10"]  # not 3.1, not 3.9


@pytest.mark.parametrize(("text", "line", "expected"), [
    ("severity: {}\n  rusland-verklaring: warning\n", 2, "de inspringing klopt niet"),
    ("fail-on: fout\nwaivers:\n  - rule: CS201\n    reason: mail: afgestemd\n", 4, "hier mag geen ':' staan"),
    ("exclude:\n\t- concepten/\n", 2, "een tab mag niet voor inspringen"),
    ("waivers:\n  - rule: CS201\n    reason: 'afgestemd\n", 3, "een aanhalingsteken is niet gesloten"),
    ("fail-on: fout\nignore: []\nfail-on: nooit\n", 3, "staat twee keer in het bestand (eerst op regel 1)"),
    ("ignore: [CS201\n", 1, "regel 1, kolom"),
    ("waivers:\n  - rule: CS201\n    reason: x\n    until: 2027-13-01\n", 4, "deze datum bestaat niet"),
])
def test_yaml_errors_are_dutch_with_the_line(tmp_path: Path, text: str, line: int, expected: str) -> None:
    path = write(tmp_path / "cscheck.yaml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    message = str(exc.value)
    assert f"geen geldige YAML (regel {line}, kolom" in message and expected in message, message
    assert "^" in message.splitlines()[-1]  # the line itself is shown, with a mark under the place
    for english in ("found", "expected", "mapping", "unicode string", "while"):
        assert english not in message


@pytest.mark.parametrize(("text", "expected"), [
    ("fail_on: error\n", "onbekende sleutel 'fail_on'. Bedoelt u 'fail-on'?"),
    ("fail-on: soms\n", "'fail-on': 'soms' is geen geldige waarde; kies uit fout, waarschuwing, melding of nooit."),
    ("fail-on: waarschuwingen\n", "Bedoelt u 'waarschuwing'?"),
    ("waivers:\n  - rule: CS201\n", "'waivers → afspraak 1 → reason' ontbreekt"),
    ("waivers:\n  - rule: CS201\n    reason: x\n    until: morgen\n", "geen geldige datum"),
    ("waivers:\n  - rule: CS201\n    reason: x\n    tot: 2027-01-01\n",
     "onbekende sleutel 'waivers → afspraak 1 → tot'"),
    ("severity: {rusland-verklaring: heel-erg}\n", "'heel-erg' is geen geldige waarde"),
    ("severity: {CS302: fout, rusland-verklaring: heel-erg}\n", "'severity → rusland-verklaring': 'heel-erg'"),
    ("in-force:\n  csw-1.3: 2027-07-01\n  csw-1.2: morgen\n",
     "'in-force → csw-1.2': 'morgen' is geen geldige datum; schrijf JJJJ-MM-DD."),
    ("select: CS201\n", "'select' moet een lijst zijn."),
    ("waivers:\n  - CS201\n", "'waivers → afspraak 1' moet sleutels met waarden zijn."),
    ("waivers:\n  - rule: ''\n    reason: x\n", "'waivers → afspraak 1 → rule' mag niet leeg zijn."),
    ("- een lijst\n", "moet sleutels met waarden bevatten"),
    ("fail-on: [\n", "geen geldige YAML"),
])
def test_wrong_files_get_a_clear_dutch_message(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path / "cscheck.yaml", text)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(path) in str(exc.value)
    assert expected in str(exc.value)


def test_unknown_rules_and_standards_are_refused(tmp_path: Path) -> None:
    rules = load_rules()
    source = tmp_path / "cscheck.yaml"
    with pytest.raises(ConfigError, match="Onbekende regel 'geen-regel'"):
        check_names(Config(ignore=["geen-regel"]), source, rules, ["csw-1.2"])
    with pytest.raises(ConfigError, match="onbekende standaard 'csw-9'"):
        check_names(Config(standard="csw-9"), source, rules, ["csw-1.2"])
    with pytest.raises(ConfigError, match="'rusland-verklring' \\(bedoelt u 'rusland-verklaring'\\?\\)"):
        check_names(Config(severity={"rusland-verklring": Severity.info}), source, rules, [])
    with pytest.raises(ConfigError, match=r"Bedoelt u .csw-1\.2.\?"):
        check_names(Config(standard="1.2"), source, rules, ["csw-1.2", "csw-1.3"])
    check_names(Config(select=["CS201", "rusland-verklaring"], severity={"cs302": Severity.error}), source, rules,
                [])


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    config = parse_config({"standard": "csw-1.2", "fail-on": "warning", "select": ["CS201"], "ignore": ["CS302"]})
    kept = settings_for(config, None, Overrides())
    assert (kept.standard, kept.fail_on, kept.select, kept.ignore) == ("csw-1.2", "warning", ["CS201"], ["CS302"])
    over = settings_for(config, None, Overrides(standard="auto", fail_on="never", select=["CS302"], ignore=[]))
    assert (over.standard, over.fail_on, over.select, over.ignore) == ("auto", "never", ["CS302"], [])


def test_an_explicit_config_file_is_used_for_every_document(tmp_path: Path) -> None:
    explicit = write(tmp_path / "elders.yaml", "fail-on: info\n")
    write(tmp_path / "map" / "cscheck.yaml", "fail-on: never\n")
    resolver = Resolver(Overrides(), explicit)
    assert resolver.settings(tmp_path / "map" / "a.docx").fail_on == "info"


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("contracten/*.docx", "contracten/a.docx", True),
    ("contracten/*.docx", "contracten/2026/a.docx", False),
    ("contracten/**/*.docx", "contracten/2026/a.docx", True),
    ("*.docx", "contracten/2026/a.docx", True),
    ("concepten/", "concepten/x/a.docx", True),
    ("./a.docx", "a.docx", True),
    ("a?.docx", "ab.docx", True),
    ("a?.docx", "a/b.docx", False),
])
def test_document_globs_are_relative_to_the_config(tmp_path: Path, pattern: str, path: str, hit: bool) -> None:
    assert matches(pattern, tmp_path / path, tmp_path) is hit


# -- applying -----------------------------------------------------------------------------------


def settings(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    source = write(tmp_path / "cscheck.yaml", text)
    return settings_for(load_config(source), source, Overrides())


def test_severity_override_and_waiver_applied(tmp_path: Path) -> None:
    s = settings(tmp_path, 'severity: {rusland-verklaring: info}\nwaivers:\n  - rule: deel3-gewijzigd\n'
                           '    article: "3.9"\n    reason: "Afgestemd met het Ketenbureau"\n    until: 2027-12-31\n')
    doc, use = result(str(tmp_path / "contracten" / "a.docx")), WaiverUse()
    apply(doc, s, use, today=TODAY)
    waived = [f for f in doc.findings if f.waived]
    assert [(f.article, f.waiver.reason if f.waiver else None) for f in waived] == [
        ("3.9", "Afgestemd met het Ketenbureau")]
    assert doc.findings[2].severity == Severity.info
    assert (doc.summary.error, doc.summary.warning, doc.summary.info) == (1, 0, 1)
    assert doc.config == str(s.source) and notices(s, use, today=TODAY) == []


def test_waiver_turns_the_gate_green(tmp_path: Path) -> None:
    s = settings(tmp_path, "fail-on: error\nwaivers:\n  - rule: CS201\n    reason: afgestemd\n")
    doc = result(str(tmp_path / "a.docx"))
    assert doc.fails()
    apply(doc, s, WaiverUse(), today=TODAY)
    assert not doc.fails() and doc.summary.error == 0


def test_expired_waiver_counts_again_and_says_so(tmp_path: Path) -> None:
    s = settings(tmp_path, 'waivers:\n  - rule: deel3-gewijzigd\n    article: "3.9"\n    reason: oud\n'
                           "    until: 2026-01-31\n")
    doc, use = result(str(tmp_path / "a.docx")), WaiverUse()
    apply(doc, s, use, today=TODAY)
    assert not any(f.waived for f in doc.findings) and doc.summary.error == 2
    [notice] = notices(s, use, today=TODAY)
    assert notice.kind == "afwijking-verlopen" and notice.severity == Severity.warning
    assert "31-01-2026" in notice.message and "verlopen" in notice.message


def test_unused_waiver_is_reported_as_info(tmp_path: Path) -> None:
    s = settings(tmp_path, 'waivers:\n  - rule: deel3-gewijzigd\n    article: "3.20"\n    reason: niet meer nodig\n'
                           '  - rule: CS201\n    documents: "andere/*.docx"\n    reason: voor een ander document\n')
    doc, use = result(str(tmp_path / "contracten" / "a.docx")), WaiverUse()
    apply(doc, s, use, today=TODAY)
    [notice] = notices(s, use, today=TODAY)  # the second waiver was not in scope: not reported
    assert notice.kind == "afwijking-ongebruikt" and notice.severity == Severity.info
    assert "artikel 3.20" in notice.message and notice.config == str(s.source)


def test_documents_glob_limits_a_waiver(tmp_path: Path) -> None:
    s = settings(tmp_path, 'waivers:\n  - rule: CS302\n    documents: "contracten/*.docx"\n    reason: regio\n')
    inside, outside = result(str(tmp_path / "contracten" / "a.docx")), result(str(tmp_path / "b.docx"))
    apply(inside, s, WaiverUse(), today=TODAY)
    apply(outside, s, WaiverUse(), today=TODAY)
    assert inside.findings[2].waived and not outside.findings[2].waived


def test_batch_uses_the_config_next_to_each_document(tmp_path: Path) -> None:
    _, references = mini_references(tmp_path / "mini")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    mini_docx(repo / "streng" / "a.docx", "deel3", "rusland")
    mini_docx(repo / "soepel" / "b.docx", "deel3", "rusland")
    mini_docx(repo / "soepel" / "concepten" / "c.docx")
    write(repo / "soepel" / "cscheck.yaml", 'fail-on: never\nexclude: ["concepten/"]\nwaivers:\n'
          '  - rule: deel3-gewijzigd\n    article: "3.1"\n    reason: afgestemd\n'
          '  - rule: CS302\n    article: "9.9"\n    reason: vergeten op te ruimen\n')
    options = BatchOptions(jobs=2, reference_dir=references)
    report, inputs = check_paths([repo], Resolver(Overrides()), CheckOptions(), options)
    assert [i.path.name for i in inputs] == ["b.docx", "a.docx"]  # soepel/ before streng/
    lenient, strict = report.documents
    assert strict.fails() and strict.fail_on == "error" and strict.config is None
    assert not lenient.fails() and lenient.fail_on == "never"
    assert lenient.config and lenient.config.endswith("cscheck.yaml")
    assert [f.rule for f in lenient.findings if f.waived] == ["deel3-gewijzigd"]
    assert [n.kind for n in report.notices if n.kind.startswith("afwijking")] == ["afwijking-ongebruikt"]

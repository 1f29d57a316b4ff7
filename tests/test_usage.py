"""The command line speaks Dutch: every help page (Dutch headings, plain metavars, every argument described,
exit codes and examples, "standaardwaarde", one screen) and every kind of usage error (in Dutch, with
"Bedoelt u …?" where a name was mistyped, exit code 2). Run in this process through `cscheck.cli.run`."""

from __future__ import annotations

import re

import pytest

from cscheck.cli import FAIL_ON_HELP, app, run
from cscheck.model import fail_on_names

COMMANDS = [[], ["check"], ["init"], ["rules"], ["explain"], ["reference"], ["reference", "list"],
            ["reference", "show"], ["reference", "build"]]
# what click and typer say in English; none of it may reach a user
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "default", "required", "Show this message", "Error",
           "Missing", "Invalid", "Try ", "No such", "Got unexpected", "Possible", "Did you mean", "is not a valid",
           "requires an argument", "does not take", "Aborted")
SCREEN = 50  # lines of one screen (at 80 and at 100 columns)


def cscheck(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_help_names_the_dutch_severities_the_model_accepts() -> None:
    assert f"{', '.join(fail_on_names()[:-1])} of {fail_on_names()[-1]}" == FAIL_ON_HELP


@pytest.mark.parametrize("columns", ["80", "100"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "cscheck")
def test_every_help_page_is_dutch_and_fits_one_screen(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch, command: list[str],
                                                      columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = cscheck(capsys, *command, "--help")
    assert code == 0 and err == ""
    assert out.startswith("Gebruik: cscheck") and "Opties:" in out and "-h, --help  " in out
    assert "Exitcodes:" in out and "Voorbeelden:" in out and "Toon deze uitleg." in out
    for english in ENGLISH:
        assert english not in out, english
    assert not re.search(r"<\w+|\{\w+\}|\w+:\w+\b|\[default|Standaard:", out)  # no Python types or braces
    assert len(out.splitlines()) <= SCREEN, out
    # every argument and option has a description, in a metavar a person reads
    section = None
    for line in out.splitlines():
        if line in ("Argumenten:", "Opties:", "Opdrachten:"):
            section = line
        elif section in ("Argumenten:", "Opties:") and re.match(r"  \S", line):
            name, _, description = line.strip().partition("  ")
            assert description.strip(), f"{name} heeft geen uitleg"
            metavar = name.split()[-1]
            assert metavar.startswith("-") or metavar.isupper(), name
        elif not line.strip():
            section = None


def test_defaults_are_named_standaardwaarde(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cscheck(capsys, "check", "--help")
    flat = " ".join(out.split())
    assert "(standaardwaarde: text)" in flat and "(standaardwaarde: 120)" in flat
    assert "(standaardwaarde: uit cscheck.yaml, anders fout)" in flat
    _, out, _ = cscheck(capsys, "init", "--help")
    assert "(standaardwaarde: cscheck.yaml)" in " ".join(out.split()) and "cscheck explain config" in out


@pytest.mark.parametrize(("args", "expected"), [
    (["check"], "cscheck: DOCUMENT ontbreekt."),
    (["check", "--jbos", "2", "a.docx"], "onbekende optie --jbos. Bedoelt u '--jobs'?"),
    (["--qiuet", "a.docx"], "onbekende optie --qiuet. Bedoelt u '--quiet'?"),
    (["check", "-j", "twee", "a.docx"], "ongeldige waarde voor --jobs: 'twee' is geen geheel getal."),
    (["check", "-j", "-1", "a.docx"], "ongeldige waarde voor --jobs: -1 kan niet; het moet 0 of meer zijn."),
    (["check", "--timeout", "lang", "a.docx"], "ongeldige waarde voor --timeout: 'lang' is geen getal."),
    (["check", "a.docx", "-f"], "de optie -f verwacht een waarde."),
    (["check", "--quiet=ja", "a.docx"], "de optie --quiet neemt geen waarde."),
    (["explain", "deel3-gewijzigd", "extra"], "te veel argumenten: extra."),
    (["reference", "lijst"], "onbekende opdracht 'lijst'. Bedoelt u 'list'?"),
    (["reference", "build", "bron.md"], "de optie --id ontbreekt."),
    (["rule"], "'rule' is geen opdracht en geen bestand. Bedoelt u 'rules'?"),
    (["explian", "CS201"], "Bedoelt u 'explain'?"),
    (["check", "--format", "jsno", "a.docx"], "--format: 'jsno' bestaat niet. Bedoelt u 'json'?"),
    (["check", "--fail-on", "waarschuwingen", "a.docx"], "Bedoelt u 'waarschuwing'?"),
    (["check", "--variant", "maatwrk", "a.docx"], "Bedoelt u 'maatwerk'?"),
    (["check", "--document-type", "inkoopdocument-toelating", "a.docx"],
     "Bedoelt u 'inkoopdocument-toelatingsprocedure'?"),
    (["check", "--standard", "csw-13", "a.docx"], "onbekende standaard 'csw-13'. Bedoelt u 'csw-1.3'?"),
    (["explain", "deel3-gewijzgd"], "Onbekende regel 'deel3-gewijzgd' (bedoelt u 'deel3-gewijzigd'?)"),
    (["explain", "CS2010"], "(bedoelt u 'CS201'?)"),
    (["check", "--select", "rusland-verklring", "a.docx"], "(bedoelt u 'rusland-verklaring'?)"),
    (["check", "--ignore", "CS201,verborgen-tkst", "a.docx"], "(bedoelt u 'verborgen-tekst'?)"),
    (["reference", "show", "csw-12"], "onbekende referentie 'csw-12'. Bedoelt u 'csw-1.2'?"),
    (["check", "--config", "nergens.yaml", "a.docx"], "--config: nergens.yaml bestaat niet."),
    (["rules", "--format", "xml"], "--format: 'xml' bestaat niet."),
])
def test_usage_errors_are_dutch_with_exit_code_2(capsys: pytest.CaptureFixture[str], args: list[str],
                                                 expected: str) -> None:
    code, out, err = cscheck(capsys, *args)
    assert code == 2 and out == ""
    assert expected in err, err
    for english in ENGLISH:
        assert english not in err, english


def test_a_usage_error_shows_the_usage_line_and_where_help_is(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = cscheck(capsys, "check", "--jbos", "2", "a.docx")
    assert err.splitlines()[1:] == ["Gebruik: cscheck check [OPTIES] DOCUMENT...", "Uitleg: cscheck check --help"]


def test_no_arguments_shows_the_help_and_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cscheck(capsys)
    assert code == 2 and err.startswith("Gebruik: cscheck [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Opdrachten:" in err


def test_the_app_is_dutch_throughout() -> None:
    """Every command uses the Dutch command class (a new command that forgets it fails here)."""
    from typer.main import get_command

    from cscheck.usage import DutchCommand, DutchGroup

    def walk(command: object) -> list[object]:
        children = getattr(command, "commands", {})
        return [command, *(c for child in children.values() for c in walk(child))]

    for command in walk(get_command(app)):
        assert isinstance(command, (DutchCommand, DutchGroup)), command

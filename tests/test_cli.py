"""The command line as people and CI use it, run as a separate process: a folder of 50 documents with a
summary table, CSV and exit codes; the progress bar only on a terminal; waivers that turn a gate green;
outputs written atomically; annotated copies never over an input; GitHub's job summary; `cscheck init`."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batchdocs import corrupt, mini_docx, real_docx, real_filled, real_folder
from tests.fixtures.producers import have_pandoc
from tests.fixtures.sources import shared_dir

ROOT = Path(__file__).resolve().parents[1]


def require_real() -> None:
    """Skip unless real overeenkomsten can be built (the official texts in ../shared, and pandoc)."""
    if shared_dir() is None:
        pytest.skip("../shared/reference-sources ontbreekt: de officiële teksten zijn nodig om echte "
                    "overeenkomsten te bouwen")
    if not have_pandoc():
        pytest.skip("pandoc is niet geïnstalleerd (apt-get install pandoc)")


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update(PYTHONPATH=str(ROOT), COLUMNS="200", NO_COLOR="1", **extra)
    return env


def cscheck(*args: object, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cscheck", *map(str, args)], cwd=cwd, env=environment(**extra),
                          capture_output=True, text=True, timeout=600)


def on_terminal(*args: object, cwd: Path) -> tuple[int, str]:
    """Run with standard output and error on a pseudo-terminal; return the exit code and what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cscheck", *map(str, args)], cwd=cwd,
                               env=environment(TERM="xterm-256color"), stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def mini_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents that the shipped standards do not recognise (each gives an error finding)."""
    folder = tmp_path_factory.mktemp("mini-cli")
    for name in ("a", "b", "c"):
        mini_docx(folder / "docs" / f"{name}.docx", "deel3")
    return folder


# -- the batch of 50 ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fifty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Path]]]:
    require_real()
    root = tmp_path_factory.mktemp("vijftig")
    return root, real_folder(root / "contracten", count=50, corrupt_one=True)


def test_fifty_documents_with_a_corrupt_one(fifty: tuple[Path, dict[str, list[Path]]]) -> None:
    root, kinds = fifty
    started = time.monotonic()
    run = cscheck("check", "contracten", "--jobs", "2", "--format", "csv", "--output", "rapport.csv", cwd=root)
    elapsed = time.monotonic() - started
    assert run.returncode == 2, run.stderr
    rows = list(csv.DictReader(io.StringIO((root / "rapport.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 50
    status = {Path(r["document"]).name: r["status"] for r in rows}
    assert status["99-kapot.docx"] == "niet gecontroleerd"
    assert all(status[p.name] == "geslaagd" for p in kinds["conform"])
    assert all(status[p.name] == "niet geslaagd" for p in kinds["afwijkend"] if "deel3" in p.name)
    assert sum(s == "niet geslaagd" for s in status.values()) >= 8
    # the summary table goes to standard output (the report went to the file): into a pipe a plain table,
    # its columns aligned, each path whole and relative to the folder that was checked
    assert "Samenvatting van contracten/" in run.stdout
    lines = run.stdout.splitlines()
    header = next(line for line in lines if line.startswith("document "))
    for name in ("soort", "standaard", "fouten", "waarschuwingen", "status"):
        assert name in header
    table = lines[lines.index(header) + 1:lines.index(header) + 51]
    assert not set("│─┃━┏┗╭╰|+") & set(run.stdout)
    for row in rows:
        shown = Path(row["document"]).relative_to("contracten").as_posix()
        assert any(line.startswith(shown + " ") for line in table), shown
    assert {line.index(" geslaagd") if "niet" not in line else line.index(" niet ") for line in table} == {
        header.index(" status")}  # the status column starts at one place
    assert "50 documenten:" in run.stdout and "1 niet gecontroleerd" in run.stdout
    assert "rapport (csv) geschreven naar rapport.csv" in run.stderr
    assert "Controleren" not in run.stdout + run.stderr  # no progress bar without a terminal
    print(f"50 documenten in {elapsed:.1f} s")


def test_fifty_documents_on_a_terminal_exit_1(fifty: tuple[Path, dict[str, list[Path]]]) -> None:
    """The same folder without the corrupt file, as a person runs it: progress bar, table, CSV, exit 1."""
    root, kinds = fifty
    clean = root / "schoon"
    for path in kinds["conform"] + kinds["afwijkend"]:
        target = clean / path.relative_to(root / "contracten")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copyfile(kinds["conform"][0], clean / "conform" / "extra.docx")
    code, shown = on_terminal("check", "schoon", "-j", "2", "-f", "csv", "-o", "schoon.csv", cwd=root)
    assert code == 1, shown
    assert "Controleren" in shown and "50/50" in shown
    assert "Samenvatting" in shown and "50 documenten:" in shown and "niet gecontroleerd" not in shown
    rows = list(csv.DictReader(io.StringIO((root / "schoon.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert len(rows) == 50 and {r["status"] for r in rows} == {"geslaagd", "niet geslaagd"}


# -- progress -----------------------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal(mini_folder: Path) -> None:
    code, shown = on_terminal("check", "docs", "--jobs", "2", cwd=mini_folder)
    assert code == 1, shown
    assert "Controleren" in shown and "━" in shown and "3/3" in shown
    assert "Samenvatting" in shown
    code, shown = on_terminal("check", "docs", "--no-progress", cwd=mini_folder)
    assert "Controleren" not in shown and "Samenvatting" in shown
    code, shown = on_terminal("check", "docs", "--quiet", cwd=mini_folder)
    assert "Controleren" not in shown and "Samenvatting" not in shown
    piped = cscheck("check", "docs", "--jobs", "2", cwd=mini_folder)
    assert piped.returncode == 1
    assert "Controleren" not in piped.stdout + piped.stderr and "\x1b[" not in piped.stdout
    as_json = cscheck("check", "docs", "-f", "json", cwd=mini_folder)
    assert len(json.loads(as_json.stdout)["documents"]) == 3  # stdout carries only the report
    assert "Samenvatting" in as_json.stderr


# -- waivers ------------------------------------------------------------------------------------


def test_a_waiver_turns_a_failing_gate_green(tmp_path: Path) -> None:
    require_real()
    (tmp_path / ".git").mkdir()
    real_docx(tmp_path / "contracten" / "gemeente.docx", "deel3_gewijzigd")
    failing = cscheck("contracten/gemeente.docx", cwd=tmp_path)
    assert failing.returncode == 1, failing.stdout
    assert "Artikel 3.6" in failing.stdout
    waiver = ('waivers:\n  - rule: deel3-gewijzigd\n    article: "3.6"\n    documents: "contracten/*.docx"\n'
              '    reason: "Afwijking afgestemd met het Ketenbureau, mail 12-10-2026"\n    until: {until}\n')
    (tmp_path / "cscheck.yaml").write_text(waiver.format(until="2099-12-31"), encoding="utf-8")
    green = cscheck("contracten/gemeente.docx", cwd=tmp_path)
    assert green.returncode == 0, green.stdout
    assert "[afgesproken afwijking]" in green.stdout and "mail 12-10-2026" in green.stdout
    report = json.loads(cscheck("-f", "json", "contracten/gemeente.docx", cwd=tmp_path).stdout)
    waived = [f for f in report["documents"][0]["findings"] if f["waived"]]
    assert waived and waived[0]["waiver"]["reason"].startswith("Afwijking afgestemd")
    assert report["documents"][0]["summary"]["error"] == 0
    assert cscheck("contracten/gemeente.docx", "--fail-on", "never", cwd=tmp_path).returncode == 0
    (tmp_path / "cscheck.yaml").write_text(waiver.format(until="2020-01-01"), encoding="utf-8")
    expired = cscheck("contracten/gemeente.docx", cwd=tmp_path)
    assert expired.returncode == 1 and "verlopen" in expired.stdout


def test_a_wrong_config_file_stops_with_a_clear_message(mini_folder: Path, tmp_path: Path) -> None:
    shutil.copytree(mini_folder / "docs", tmp_path / "docs")
    (tmp_path / "cscheck.yaml").write_text("fail-on: error\nwaiver: []\n", encoding="utf-8")
    run = cscheck("check", "docs", cwd=tmp_path)
    assert run.returncode == 2
    assert "onbekende sleutel 'waiver'" in run.stderr and "Bedoelt u 'waivers'?" in run.stderr


# -- outputs ------------------------------------------------------------------------------------


def test_output_is_written_atomically_and_kept_when_the_run_fails(mini_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.sarif"
    out.write_text("vorige versie", encoding="utf-8")
    refused = cscheck("check", mini_folder / "docs", "--format", "sarif", "--output", out, "--select", "geen-regel",
                      cwd=tmp_path)
    assert refused.returncode == 2 and "geen-regel" in refused.stderr
    assert out.read_text(encoding="utf-8") == "vorige versie"
    done = cscheck("check", mini_folder / "docs", "--format", "sarif", "--output", out, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    nowhere = cscheck("check", mini_folder / "docs", "-o", tmp_path / "bestaat-niet" / "r.json", cwd=tmp_path)
    assert nowhere.returncode == 2 and "Traceback" not in nowhere.stderr
    assert "kan" in nowhere.stderr and "bestand of map bestaat niet" in nowhere.stderr  # not the C library's English
    assert "No such file" not in nowhere.stderr
    same = cscheck("check", mini_folder / "docs" / "a.docx", "-o", mini_folder / "docs" / "a.docx", cwd=tmp_path)
    assert same.returncode == 2 and "--output" in same.stderr


def test_annotate_never_overwrites_an_input(mini_folder: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(mini_folder / "docs", docs)
    before = {p.name: p.read_bytes() for p in docs.iterdir()}
    beside = cscheck("check", "docs", "--annotate", "docs", "--quiet", cwd=tmp_path)
    assert beside.returncode == 1, beside.stderr
    assert sorted(p.name for p in docs.iterdir()) == ["a.cscheck.docx", "a.docx", "b.cscheck.docx", "b.docx",
                                                      "c.cscheck.docx", "c.docx"]
    assert {name: (docs / name).read_bytes() for name in before} == before
    itself = cscheck("check", "docs/a.docx", "--annotate", "docs/a.docx", cwd=tmp_path)
    assert itself.returncode == 2 and "overschrijven" in itself.stderr
    assert (docs / "a.docx").read_bytes() == before["a.docx"]
    into = cscheck("check", "docs/a.docx", "docs/b.docx", "--annotate", "uit", cwd=tmp_path)
    # not a Contractstandaard: that finding has no place in the text, so the copy gets no comment
    assert "uit/a.docx: 0 opmerking(en)" in into.stderr.replace(os.sep, "/")


def test_annotate_on_a_pdf_says_so_in_one_line_and_still_checks_it(mini_folder: Path, tmp_path: Path) -> None:
    from tests.fixtures.pdfs import soffice_batch
    from tests.fixtures.producers import have_soffice

    if not have_soffice():
        pytest.skip("LibreOffice (soffice) is niet geïnstalleerd: het maakt de PDF")
    source = mini_folder / "docs" / "a.docx"
    pdf = soffice_batch([source], tmp_path / "pdf", "pdf")[source]
    run = cscheck("check", pdf, "--annotate", "uit", "-f", "json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["documents"][0]["status"] == "checked"
    lines = [line for line in run.stderr.splitlines() if "a.pdf" in line]
    assert len(lines) == 1 and "alleen in Word-bestanden" in lines[0]
    assert not (tmp_path / "uit").exists()


def test_github_format_writes_annotations_and_a_job_summary(mini_folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "samenvatting.md"
    summary.write_text("eerdere stap\n", encoding="utf-8")
    run = cscheck("check", "docs", "--format", "github", cwd=mini_folder, GITHUB_STEP_SUMMARY=str(summary))
    assert run.returncode == 1
    assert run.stdout.startswith("::error file=docs/a.docx,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("eerdere stap\n") and "| docs/a.docx | onbekend | - |" in text


def test_short_form_and_single_document(mini_folder: Path) -> None:
    run = cscheck("docs/a.docx", cwd=mini_folder)
    assert run.returncode == 1 and "docs/a.docx" in run.stdout and "Samenvatting" not in run.stdout
    assert cscheck("docs/a.docx", "--fail-on", "never", cwd=mini_folder).returncode == 0
    missing = cscheck("geen-map", cwd=mini_folder)
    assert missing.returncode == 2 and "bestaat niet" in missing.stdout


def test_init_writes_a_starter_file_once(tmp_path: Path) -> None:
    assert cscheck("init", cwd=tmp_path).returncode == 0
    assert "waivers:" in (tmp_path / "cscheck.yaml").read_text(encoding="utf-8")
    again = cscheck("init", cwd=tmp_path)
    assert again.returncode == 2 and "bestaat al" in again.stderr
    assert cscheck("init", "--force", cwd=tmp_path).returncode == 0


def test_init_file_is_explained_by_explain_config(tmp_path: Path) -> None:
    init = cscheck("init", cwd=tmp_path)
    assert "cscheck explain config" in init.stdout
    guide = cscheck("explain", "config", cwd=tmp_path)
    assert guide.returncode == 0 and guide.stdout.startswith("# Instellingen: cscheck.yaml")


# -- pipes and people ---------------------------------------------------------------------------


def test_dutch_fail_on_names_set_the_gate(mini_folder: Path) -> None:
    """The mini documents have errors (fout) and nothing else."""
    assert cscheck("docs/a.docx", "--fail-on", "fout", cwd=mini_folder).returncode == 1
    assert cscheck("docs/a.docx", "--fail-on", "Waarschuwing", cwd=mini_folder).returncode == 1
    assert cscheck("docs/a.docx", "--fail-on", "nooit", cwd=mini_folder).returncode == 0
    assert cscheck("docs/a.docx", "--fail-on", "never", cwd=mini_folder).returncode == 0


def test_quiet_prints_only_what_fails(mini_folder: Path, tmp_path: Path) -> None:
    passing = cscheck("check", "docs", "-q", "--fail-on", "nooit", "-o", tmp_path / "r.json", "-f", "json",
                      cwd=mini_folder)
    assert passing.returncode == 0 and passing.stdout == "" and passing.stderr == ""
    assert (tmp_path / "r.json").exists()
    failing = cscheck("check", "docs", "-q", cwd=mini_folder)
    assert failing.returncode == 1 and failing.stderr == ""
    assert "Samenvatting" not in failing.stdout and "documenten:" not in failing.stdout
    assert [line for line in failing.stdout.splitlines() if line.startswith("docs/")] == [
        "docs/a.docx", "docs/b.docx", "docs/c.docx"]
    with_gate = cscheck("check", "docs/a.docx", "-q", "--fail-on", "nooit", cwd=mini_folder)
    assert with_gate.returncode == 0 and with_gate.stdout == "" and with_gate.stderr == ""


def test_quiet_leaves_out_the_warnings_of_a_failing_document(tmp_path: Path) -> None:
    require_real()
    from tests.fixtures.afwijkingen import AFWIJKINGEN
    from tests.fixtures.producers import md_to_docx

    md = AFWIJKINGEN["rusland"](AFWIJKINGEN["deel3_gewijzigd"](real_filled()))
    warned = md_to_docx(md, tmp_path / "rusland.docx", "pandoc")
    full, quiet = cscheck(warned, cwd=tmp_path).stdout, cscheck(warned, "-q", cwd=tmp_path).stdout
    assert "CS302 rusland-verklaring" in full and "CS201" in full
    assert "CS302" not in quiet and "CS201" in quiet  # only the findings that make it fail


def test_output_says_where_it_wrote(mini_folder: Path, tmp_path: Path) -> None:
    one = cscheck("check", "docs/a.docx", "-f", "sarif", "-o", tmp_path / "a.sarif", cwd=mini_folder)
    assert one.returncode == 1 and one.stdout == ""
    assert one.stderr == f"cscheck: rapport (sarif) geschreven naar {tmp_path / 'a.sarif'}.\n"


def test_statistics_count_findings_per_rule(mini_folder: Path) -> None:
    run = cscheck("check", "docs", "--statistics", "-f", "json", cwd=mini_folder)
    assert json.loads(run.stdout)["documents"]  # the report stays alone on standard output
    lines = run.stderr.splitlines()
    start = lines.index("Bevindingen per regel")
    assert lines[start + 1].split() == ["aantal", "documenten", "code", "regel", "ernst"]
    block = lines[start + 2:lines.index("", start)]
    rows = {line.split()[3]: line.split() for line in block}
    assert rows["geen-contractstandaard"][:2] == ["3", "3"] and rows["geen-contractstandaard"][4] == "fout"
    assert "Samenvatting van docs/" in run.stderr


def test_a_document_from_standard_input(mini_folder: Path, tmp_path: Path) -> None:
    """`-` reads the bytes, sniffs Word or Markdown, and leaves no temporary file behind."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    docx = (mini_folder / "docs" / "a.docx").read_bytes()

    def piped(data: bytes, *args: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "cscheck", *map(str, args)], cwd=tmp_path, input=data,
                              env=environment(TMPDIR=str(scratch)), capture_output=True, timeout=300)

    as_json = piped(docx, "check", "-", "-f", "json")
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["documents"][0]["path"] == "-"
    assert report["documents"][0]["status"] == "checked"
    assert {f["rule"] for f in report["documents"][0]["findings"]} == {
        f["rule"] for f in json.loads(cscheck("-f", "json", mini_folder / "docs" / "a.docx", cwd=tmp_path).stdout)[
            "documents"][0]["findings"]}
    markdown = piped(b"# Overeenkomst\n\nDeel 1\n", "-", "-f", "json")
    assert json.loads(markdown.stdout)["documents"][0]["status"] == "checked"
    pdf = piped(b"%PDF-1.7\n%\xe2\xe3\n", "-")  # read as a PDF, and this one is broken
    assert pdf.returncode == 2 and "Het PDF-bestand is beschadigd" in pdf.stdout.decode()
    both = piped(docx, "-", mini_folder / "docs" / "b.docx", "--annotate", tmp_path / "uit", "-q")
    assert both.returncode == 1
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["b.docx", "standaardinvoer.docx"]
    twice = piped(docx, "-", "-")
    assert twice.returncode == 2 and "één keer" in twice.stderr.decode()
    assert list(scratch.iterdir()) == []  # every temporary file is gone
    (tmp_path / "cscheck.yaml").write_text("fail-on: nooit\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    assert piped(docx, "-").returncode == 0  # the settings of the working folder


def test_corrupt_file_alone_exits_2(tmp_path: Path) -> None:
    corrupt(tmp_path / "kapot.docx")
    run = cscheck("kapot.docx", cwd=tmp_path)
    assert run.returncode == 2 and "kan niet worden gecontroleerd" in run.stdout


def test_help_stays_light() -> None:
    heavy = ("pydantic", "rich", "jinja2", "docx", "lxml", "pebble", "sarif_pydantic", "junitparser", "yaml")
    code = (f"import sys, cscheck.cli; print([m for m in {heavy!r} if m in sys.modules])")
    run = subprocess.run([sys.executable, "-c", code], env=environment(), capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "[]", run.stdout + run.stderr
    started = time.monotonic()
    assert subprocess.run([sys.executable, "-m", "cscheck", "--help"], env=environment(), capture_output=True,
                          timeout=60).returncode == 0
    assert time.monotonic() - started < 3  # ~0.2 s here; generous for a busy CI machine


def test_a_folder_of_submissions_is_checked_as_sets(tmp_path: Path) -> None:
    """Two submission folders in one batch: the contradiction is found on the right document, the conform
    pair stays clean, and the cross-document rule can be switched off like any other rule."""
    require_real()
    from tests.fixtures.submission import INKOOPDOCUMENT, OVEREENKOMST, inzending

    inzending(tmp_path / "inzendingen" / "gemeente-a", "conform")
    inzending(tmp_path / "inzendingen" / "gemeente-b", "uitvoeringsvariant")
    result = cscheck("-f", "json", "inzendingen", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    by_folder = {Path(s["folder"]).name: s for s in report["submissions"]}
    assert set(by_folder) == {"gemeente-a", "gemeente-b"} and all(s["compared"] for s in by_folder.values())
    cross = {(Path(d["path"]).parent.name, Path(d["path"]).name, f["article"])
             for d in report["documents"] for f in d["findings"] if f["rule"] == "inkoop-overeenkomst-tegenstrijdig"}
    assert cross == {("gemeente-b", INKOOPDOCUMENT, "2.4.1")}
    clean = [d for d in report["documents"] if "gemeente-a" in d["path"]]
    assert {Path(d["path"]).name for d in clean} == {OVEREENKOMST, INKOOPDOCUMENT}
    assert all(d["summary"]["error"] == 0 for d in clean), [d["findings"] for d in clean]
    off = json.loads(cscheck("-f", "json", "--ignore", "CS701", "inzendingen", cwd=tmp_path).stdout)
    assert not any(f["rule"] == "inkoop-overeenkomst-tegenstrijdig" for d in off["documents"] for f in d["findings"])


def test_document_type_and_variant_can_be_given(tmp_path: Path) -> None:
    require_real()
    from tests.fixtures.submission import inzending

    sub = inzending(tmp_path / "inzending", "conform")
    forced = json.loads(cscheck("-f", "json", "--document-type", "inkoopdocument-toelatingsprocedure",
                                sub.inkoopdocument, cwd=tmp_path).stdout)
    assert forced["documents"][0]["document_type"] == "inkoopdocument-toelatingsprocedure"
    maatwerk = json.loads(cscheck("-f", "json", "--variant", "maatwerk", sub.overeenkomst, cwd=tmp_path).stdout)
    assert maatwerk["documents"][0]["variant"] == "maatwerk"
    wrong = cscheck("--document-type", "offerte", sub.overeenkomst, cwd=tmp_path)
    assert wrong.returncode == 2 and "--document-type: 'offerte' bestaat niet" in wrong.stderr


def test_two_documents_named_on_the_command_line_are_one_submission(tmp_path: Path) -> None:
    """An overeenkomst and an inkoopdocument named one by one are compared even from different folders."""
    require_real()
    from tests.fixtures.submission import inzending

    sub = inzending(tmp_path / "bron", "uitvoeringsvariant")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    overeenkomst = sub.overeenkomst.rename(tmp_path / "a" / "overeenkomst.docx")
    inkoop = sub.inkoopdocument.rename(tmp_path / "b" / "inkoopdocument.docx")
    report = json.loads(cscheck("-f", "json", overeenkomst, inkoop, cwd=tmp_path).stdout)
    assert len(report["submissions"]) == 1 and report["submissions"][0]["compared"]
    cross = {(Path(d["path"]).name, f["article"]) for d in report["documents"] for f in d["findings"]
             if f["rule"] == "inkoop-overeenkomst-tegenstrijdig"}
    assert cross == {("inkoopdocument.docx", "2.4.1")}

"""Batch mode: finding documents in folders and globs, worker processes, the time limit, and files or
folders that disappear; all on the small test standard (tests/mini.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cscheck.batch import discover, pool
from cscheck.batch.discover import collect
from cscheck.batch.pool import BatchOptions, Job, run
from cscheck.check import CheckOptions
from cscheck.model import DocumentResult
from cscheck.read import SUFFIXES
from tests.batchdocs import corrupt, mini_docx, mini_references

SLOW = "traag"  # documents whose name contains this make the test checker hang
CRASH = "crash"


def slow_or_crash(path: Path, options: CheckOptions) -> DocumentResult:
    """A worker for the tests: hangs or dies on some files, checks the others."""
    if SLOW in path.name:
        time.sleep(600)
    if CRASH in path.name:
        os._exit(9)
    return pool.check_one(path, options)


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_references(tmp_path_factory.mktemp("mini"))[1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    mini_docx(root / "a-conform.docx")
    mini_docx(root / "sub" / "b-deel3.docx", "deel3")
    mini_docx(root / "sub" / "diep" / "c-rusland.docx", "rusland")
    corrupt(root / "sub" / "d-kapot.docx")
    (root / "sub" / "notities.txt").write_text("geen document", encoding="utf-8")
    (root / "sub" / "~$b-deel3.docx").write_bytes(b"Word lock file")
    (root / ".verborgen").mkdir()
    mini_docx(root / ".verborgen" / "e.docx")
    return root


def jobs_for(paths: list[Path]) -> list[Job]:
    return [Job(p, CheckOptions()) for p in paths]


def test_suffixes_follow_the_readers() -> None:
    assert set(discover.SUFFIXES) == set(SUFFIXES)


def test_folders_are_searched_without_hidden_folders_and_lock_files(folder: Path) -> None:
    found = collect([folder])
    names = [i.path.relative_to(folder).as_posix() for i in found.inputs]
    assert names == ["a-conform.docx", "sub/b-deel3.docx", "sub/d-kapot.docx", "sub/diep/c-rusland.docx"]
    assert all(i.root == folder for i in found.inputs)
    assert found.errors == []


def test_a_repositorys_readme_is_skipped_in_a_folder_but_checked_when_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Contracten\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "CHANGELOG.md").write_text("# Wijzigingen\n", encoding="utf-8")
    (tmp_path / "sub" / "overeenkomst.md").write_text("# Overeenkomst\n", encoding="utf-8")
    assert [i.path.name for i in collect([tmp_path]).inputs] == ["overeenkomst.md"]
    assert [i.path.name for i in collect([tmp_path / "README.md"]).inputs] == ["README.md"]


def test_globs_files_and_duplicates(folder: Path) -> None:
    found = collect([str(folder / "**" / "*-deel3.docx"), folder / "sub" / "b-deel3.docx", folder / "a-conform.docx"])
    assert [i.path.name for i in found.inputs] == ["b-deel3.docx", "a-conform.docx"]


def test_missing_paths_and_empty_globs_are_error_rows(folder: Path) -> None:
    found = collect([folder / "bestaat-niet.docx", str(folder / "*.pdf")])
    assert found.inputs == []
    assert [e.error.kind for e in found.errors if e.error] == ["niet-gevonden", "niet-gevonden"]
    assert "Geen documenten gevonden" in found.errors[1].error.message  # type: ignore[union-attr]


def test_documents_are_in_natural_order(tmp_path: Path) -> None:
    """inzending-2 before inzending-10, in a folder and in a glob; files named one by one keep their order."""
    for name in ("inzending-10", "inzending-2", "Inzending-3", "inzending-1", "inzending-11"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "overeenkomst.md").write_text("# Overeenkomst\n", encoding="utf-8")
    expected = ["inzending-1", "inzending-2", "Inzending-3", "inzending-10", "inzending-11"]
    assert [i.path.parent.name for i in collect([tmp_path]).inputs] == expected
    assert [i.path.parent.name for i in collect([str(tmp_path / "*" / "*.md")]).inputs] == expected
    named = [tmp_path / "inzending-10" / "overeenkomst.md", tmp_path / "inzending-2" / "overeenkomst.md"]
    assert [i.path for i in collect(named).inputs] == named
    assert sorted(["b10.docx", "b9.docx", "a.docx", "B1.docx"], key=discover.natural_key) == [
        "a.docx", "B1.docx", "b9.docx", "b10.docx"]


def test_a_folder_without_permission_is_explained_in_dutch(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("diep"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    [error] = collect([folder]).errors
    assert error.error is not None and "geen toegang" in error.error.message
    assert "Permission" not in error.error.message


def test_folder_that_cannot_be_read_is_an_error_row(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("diep"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found = collect([folder])
    assert "sub/diep/c-rusland.docx" not in [i.path.relative_to(folder).as_posix() for i in found.inputs]
    assert [(Path(e.path).name, e.error.kind) for e in found.errors if e.error] == [("diep", "map-onleesbaar")]


def test_pool_checks_in_order_and_one_bad_file_does_not_stop_the_rest(folder: Path, references: Path) -> None:
    inputs = [i.path for i in collect([folder]).inputs]
    seen: list[str] = []
    results = run(jobs_for(inputs), BatchOptions(jobs=2, reference_dir=references), done=lambda r: seen.append(r.path))
    assert [r.path for r in results] == [str(p) for p in inputs]
    assert sorted(seen) == sorted(str(p) for p in inputs)
    by_name = {Path(r.path).name: r for r in results}
    assert [r.status for r in results] == ["checked", "checked", "error", "checked"], [r.error for r in results]
    assert by_name["a-conform.docx"].standard.id == "tst-2.0"
    assert {f.rule for f in by_name["b-deel3.docx"].findings} == {"deel3-gewijzigd"}
    assert {f.rule for f in by_name["c-rusland.docx"].findings} == {"rusland-verklaring"}


def test_a_document_over_the_time_limit_becomes_an_error_row(folder: Path, references: Path, tmp_path: Path) -> None:
    slow = mini_docx(tmp_path / f"x-{SLOW}.docx")
    paths = [folder / "a-conform.docx", slow, folder / "sub" / "b-deel3.docx"]
    started = time.monotonic()
    results = run(jobs_for(paths), BatchOptions(jobs=2, timeout=3, reference_dir=references), checker=slow_or_crash)
    assert time.monotonic() - started < 60
    assert [r.status for r in results] == ["checked", "error", "checked"], [r.error for r in results]
    assert results[1].error is not None and results[1].error.kind == "tijdslimiet"
    assert "langer dan 3 seconden" in results[1].error.message


def test_a_worker_that_dies_becomes_an_error_row(folder: Path, references: Path, tmp_path: Path) -> None:
    dying = mini_docx(tmp_path / f"x-{CRASH}.docx")
    results = run(jobs_for([dying, folder / "a-conform.docx"]), BatchOptions(jobs=1, reference_dir=references),
                  checker=slow_or_crash)
    assert results[0].error is not None and results[0].error.kind == "afgebroken"
    assert results[1].status == "checked"


def test_one_document_is_checked_here_with_a_time_limit(tmp_path: Path, references: Path) -> None:
    slow = mini_docx(tmp_path / f"y-{SLOW}.docx")
    started = time.monotonic()
    [result] = run(jobs_for([slow]), BatchOptions(timeout=1, reference_dir=references), checker=slow_or_crash)
    assert time.monotonic() - started < 30
    assert result.error is not None and result.error.kind == "tijdslimiet"


def test_a_file_that_vanishes_after_listing_is_an_error_row(tmp_path: Path, references: Path) -> None:
    a = mini_docx(tmp_path / "weg" / "a.docx")
    b = mini_docx(tmp_path / "blijft" / "b.docx")
    inputs = [i.path for i in collect([tmp_path]).inputs]
    a.unlink()
    a.parent.rmdir()  # the whole folder is gone
    results = run(jobs_for(inputs), BatchOptions(jobs=2, reference_dir=references))
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["a.docx"].status == "error" and by_name["a.docx"].error.kind == "niet-gevonden"  # type: ignore[union-attr]
    assert by_name["b.docx"].status == "checked", by_name["b.docx"].error
    assert b.exists()


def test_workers_default_to_the_cores_and_never_exceed_the_documents() -> None:
    assert BatchOptions(jobs=0).workers(100) == (os.cpu_count() or 1)
    assert BatchOptions(jobs=8).workers(3) == 3
    assert BatchOptions(jobs=2).workers(0) == 1


# -- standard input ------------------------------------------------------------------------------


@pytest.mark.parametrize(("data", "suffix"), [
    (b"PK\x03\x04rest of a zip", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old word", ".doc"),  # converted by LibreOffice (or a Dutch message)
    (b"%PDF-1.7\n", ".pdf"),
    (b"{\\rtf1\\ansi", ".rtf"),
    (b"<!DOCTYPE html><html>", ".docx"),
    (b"", ".docx"),
    (b"\x00\x01\x02binary", ".docx"),
    (b"# Overeenkomst\n\n## Artikel 1.1 Looptijd\n", ".md"),
    ("\ufeffDeel 1 – afspraken".encode(), ".md"),
    ("é".encode()[:1], ".md"),  # a character cut off at the end of the sample
])
def test_standard_input_is_named_by_its_content(data: bytes, suffix: str) -> None:
    import io

    from cscheck.batch.stdin import from_stdin
    from cscheck.read.formats import suffix_for

    assert suffix_for(data) == suffix
    with from_stdin(io.BytesIO(data)) as path:
        assert path.suffix == suffix and path.read_bytes() == data
        assert path.parent.stat().st_mode & 0o077 == 0  # only this user can open the folder
    assert not path.exists() and not path.parent.exists()


def test_standard_input_is_removed_also_after_an_error() -> None:
    import io

    from cscheck.batch.stdin import from_stdin

    with pytest.raises(KeyboardInterrupt), from_stdin(io.BytesIO(b"PK\x03\x04" + b"x" * 100_000)) as path:
        assert path.stat().st_size == 100_004  # more than the sniffed head
        raise KeyboardInterrupt
    assert not path.parent.exists()


def test_standard_input_is_reported_as_dash_with_the_settings_of_the_working_folder(
        tmp_path: Path, references: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from cscheck.batch.discover import Collected, Input
    from cscheck.batch.run import check_collected
    from cscheck.batch.stdin import STDIN, from_stdin
    from cscheck.config import Overrides, Resolver

    (tmp_path / ".git").mkdir()
    (tmp_path / "cscheck.yaml").write_text("fail-on: nooit\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = mini_docx(tmp_path / "bron" / "a.docx", "deel3").read_bytes()
    with from_stdin(io.BytesIO(data)) as path:
        found = Collected(inputs=[Input(path, None, origin=STDIN)])
        report = check_collected(found, Resolver(Overrides()), CheckOptions(),
                                 BatchOptions(reference_dir=references))
    [result] = report.documents
    assert result.path == "-" and result.status == "checked"
    assert result.fail_on == "never" and result.config == str(tmp_path / "cscheck.yaml")
    assert {f.rule for f in result.findings} == {"deel3-gewijzigd"}

"""A command imports only what it uses: a one-file check loads no report format, template engine, Word
writer, process pool or configuration validator that the run does not need (each costs start-up time
in a CI gate that runs cscheck once per file)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.mini import MINI_FILLED, mini_manifest

ROOT = Path(__file__).resolve().parents[1]

# module → why a one-file JSON check must not load it
HEAVY = {
    "jinja2": "HTML report and GitHub job summary only",
    "junitparser": "JUnit report only",
    "sarif_pydantic": "SARIF report only",
    "pydantic": "only sarif-pydantic uses it: the models of the check are msgspec Structs (~0.3 s of a start)",
    "pebble": "worker pool: only for more than one document",
    "multiprocessing": "worker pool: only for more than one document",
    "cscheck.annotate": "only with --annotate",
    "docx": "python-docx writes the annotated copies; the reader uses lxml",
    "cscheck.config.file": "the configuration file's validator: only when there is a file",
    "rich": "progress bar, summary table and `cscheck rules`: not for one document to a pipe",
    "markdown_it": "the Markdown reader: not for a .docx",
    "pypdfium2": "the PDF reader: not for a .docx",
    "cscheck.read.convert": "LibreOffice conversion: not for a .docx",
    "cscheck.report.text": "another report format",
    "cscheck.report.sarif": "another report format",
}

_PROBE = """
import json, sys
from cscheck.cli import run
try:
    run(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_of(args: list[str], cwd: Path) -> tuple[set[str], str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    return set(json.loads(done.stderr.strip().splitlines()[-1])), done.stdout


def test_a_one_file_json_check_loads_nothing_it_does_not_use(tmp_path: Path) -> None:
    from tests.batchdocs import mini_docx

    refs = tmp_path / "referenties"
    refs.mkdir()
    mini_manifest(tmp_path).save(refs / "tst-2.0.json")
    document = mini_docx(tmp_path / "document.docx")
    loaded, out = _modules_of(["check", "-f", "json", "--references", str(refs), str(document)], tmp_path)
    assert json.loads(out)["documents"][0]["status"] == "checked"
    assert "cscheck.check" in loaded  # the probe really checked
    wrongly = {m: why for m, why in HEAVY.items() if m in loaded}
    assert wrongly == {}


def test_help_loads_no_pipeline(tmp_path: Path) -> None:
    loaded, out = _modules_of(["--help"], tmp_path)
    assert "check" in out
    assert not {"cscheck.check", "cscheck.model", "pydantic", "msgspec", "lxml", "rapidfuzz", "yaml"} & loaded


def test_markdown_is_read_when_asked(tmp_path: Path) -> None:
    (tmp_path / "document.md").write_text(MINI_FILLED, encoding="utf-8")
    loaded, _ = _modules_of(["check", "-f", "json", str(tmp_path / "document.md")], tmp_path)
    assert "markdown_it" in loaded

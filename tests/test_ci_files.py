"""The CI integration files: the Action and the example pipelines against their published schemas (as
vendored by check-jsonschema), the Action's check step run for real, and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.batchdocs import mini_docx

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {
    "action.yml": "vendor.github-actions",
    "examples/github-workflow.yml": "vendor.github-workflows",
    "examples/gitlab-ci.yml": "vendor.gitlab-ci",
    "examples/azure-pipelines.yml": "vendor.azure-pipelines",
}


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_ci_file_matches_its_schema(name: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema ontbreekt: pip install '.[test]'")
    run = subprocess.run([sys.executable, "-m", "check_jsonschema", "--regex-variant", "python", "--builtin-schema",
                          SCHEMAS[name], str(ROOT / name)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_examples_use_only_existing_options() -> None:
    from cscheck.config import STARTER
    from cscheck.report import FORMATS

    assert (ROOT / "examples" / "cscheck.yaml").read_text(encoding="utf-8") == STARTER
    for path in (ROOT / "examples").glob("*.yml"):
        for fmt in re.findall(r"--format (\w+)", path.read_text(encoding="utf-8")):
            assert fmt in FORMATS, f"{path.name}: --format {fmt}"


def test_pre_commit_hook_selects_docx_files() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    assert pattern.search("contracten/2026/overeenkomst.docx")
    assert not pattern.search("oud.doc") and not pattern.search("overeenkomst.docx.bak")
    assert hook["entry"].split()[:2] == ["cscheck", "check"]


def test_action_check_step_runs(tmp_path: Path) -> None:
    """The Action's shell step, run as GitHub would: paths one per line (with a space), extra options."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    step = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    work = tmp_path / "werk"
    mini_docx(work / "map met spatie" / "a.docx", "deel3")
    mini_docx(work / "los.docx")
    shim = tmp_path / "bin" / "cscheck"  # the installed command, here: this checkout
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cscheck "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    output = tmp_path / "github-output"
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT),
           "GITHUB_OUTPUT": str(output), "CSCHECK_PATHS": "map met spatie\n\nlos.docx\n",
           "CSCHECK_ARGS": "--fail-on never --jobs 1", "CSCHECK_SARIF": "uit.sarif"}
    run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert output.read_text(encoding="utf-8").strip() == "exit-code=0"  # --fail-on never from args
    sarif = json.loads((work / "uit.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"map%20met%20spatie/a.docx", "los.docx"}

"""The README's two commands are the ones that work: the first code block of "Use" installs cscheck and
runs the demo, and the demo (run as the installed `cscheck` command, in a fresh folder) exits 0 with the
findings it explains; the first code block of "Test" is the command CI runs through .ci/run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_demo import EXPECTED

ROOT = Path(__file__).resolve().parents[1]


def first_block(section: str) -> list[str]:
    """The command lines of the first ```sh block under the README heading `## <section>`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert part, f"README has no section '## {section}'"
    block = re.search(r"```sh\n(.*?)```", part[1], re.S)
    assert block, f"README's '## {section}' has no sh code block"
    return [line for line in block[1].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def commands(script: Path) -> list[list[str]]:
    """The commands of a shell script, as words (comments and `exec` left out)."""
    out = []
    for line in script.read_text(encoding="utf-8").splitlines():
        words = shlex.split(line, comments=True)
        if words:
            out.append(words[1:] if words[0] == "exec" else words)
    return out


def test_use_starts_with_install_and_demo_then_ones_own_document() -> None:
    assert first_block("Use") == ["pip install . && cscheck demo"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    use = readme[readme.index("## Use"):]
    assert use.index("cscheck demo") < use.index("cscheck overeenkomst.docx")


def test_ci_runs_the_readmes_test_command() -> None:
    [test_command] = first_block("Test")
    words = shlex.split(test_command)
    script = ROOT / words[0]
    assert script.is_file() and os.access(script, os.X_OK), f"{words[0]} is not an executable script"
    ci = commands(ROOT / ".ci" / "run")
    assert ci[-1] == words, f".ci/run ends with {ci[-1]}, the README says {words}"
    # everything else CI needs is in that script: .ci/run itself installs and runs nothing
    assert not any(w in {"pytest", "apt-get", "pip"} or w.endswith("pytest") for c in ci for w in c)
    assert "pytest" in script.read_text(encoding="utf-8") and 'CI="${CI:-1}"' in script.read_text(encoding="utf-8")


def test_the_readmes_demo_exits_0_with_the_findings_it_explains(tmp_path: Path) -> None:
    [line] = first_block("Use")
    install, demo = (shlex.split(part) for part in line.split("&&"))
    assert install == ["pip", "install", "."]
    # `pip install .` is what CI's install did: run the console script it made, outside the checkout, so
    # that the installed package (with its data) is what runs; without a console script, the checkout
    script = shutil.which("cscheck", path=str(Path(sys.executable).parent))
    argv = [script, *demo[1:]] if script else [sys.executable, "-m", "cscheck", *demo[1:]]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CSCHECK_REFERENCES", "COLUMNS")}
    env.update(NO_COLOR="1", **({} if script else {"PYTHONPATH": str(ROOT)}))
    run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    folder = tmp_path / "cscheck-demo"
    assert sorted(p.name for p in folder.glob("*.docx")) == sorted(EXPECTED)
    for name, findings in EXPECTED.items():
        report = run.stdout[run.stdout.index(f"cscheck-demo/{name}"):]
        report = report[:report.index("melding(en)")]
        assert {rule for rule, *_ in findings} == set(re.findall(r"CS\d{3} ([\w-]+)", report)), name
    explained = run.stdout[run.stdout.index("Wat de voorbeelden laten zien:"):]
    assert all(name in explained for name in EXPECTED)
    assert run.stdout.rstrip().endswith("cscheck overeenkomst.docx")

"""scripts/test, the one test command, on machines we make up: stand-ins for apt-get, sudo and Python on
a PATH that holds nothing else, so that what it installs, with what rights, and how it runs pytest can be
seen without installing anything. (CI runs the real thing: .ci/run is this script.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "test"
BASH = shutil.which("bash") or "/bin/bash"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# Every stand-in writes one line to $LOG: what it was asked to do.
PYTHON = r"""#!BASH
if [ "$1" = -c ]; then
    case "$2" in
        *"version_info < (3, 11)"*) exit "${TOO_OLD:-0}" ;;
        *"import ensurepip"*) exit "${NO_ENSUREPIP:-0}" ;;
        *"print(f"*) echo 3.11; exit 0 ;;
    esac
    exit 0
fi
if [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; cp "$0" "$3/bin/python"; echo "venv $3" >> "$LOG"; exit 0; fi
if [ "$1 $2" = "-m pip" ]; then shift 2; echo "pip $*" >> "$LOG"; exit 0; fi
if [ "$1 $2" = "-m pytest" ]; then
    shift 2; echo "pytest CI=$CI cwd=$PWD${*:+ $*}" >> "$LOG"; exit "${PYTEST_EXIT:-0}"
fi
exit 3
"""
STUBS = {
    "id": 'echo "${UID_IS:-0}"',
    "sudo": 'echo "sudo $*" >> "$LOG"; exec "$@"',
    "apt-get": 'echo "apt-get $* ($DEBIAN_FRONTEND)" >> "$LOG"',
    "apt-cache": 'case " ${NOT_IN_APT:-} " in *" $2 "*) echo "  Candidate: (none)";; *) echo "  Candidate: 1.0";; esac',
}


def machine(tmp_path: Path, present: tuple[str, ...] = (), sudo: bool = True, venv: bool = True) -> Path:
    """A PATH with only the tools the script uses besides those it checks for, plus `present`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("dirname", "grep", "env", "mkdir", "cp"):  # the last two for the stand-in Python
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    for name, body in STUBS.items():
        if name != "sudo" or sudo:
            (bin_dir / name).write_text(f"#!{BASH}\n{body}\n")
    (bin_dir / "python3").write_text(PYTHON.replace("BASH", BASH))
    for tool in present:
        (bin_dir / tool).write_text(f"#!{BASH}\nexit 0\n")
    for stub in bin_dir.iterdir():
        stub.chmod(0o755)
    if venv:
        (tmp_path / "venv" / "bin").mkdir(parents=True)
        shutil.copy(bin_dir / "python3", tmp_path / "venv" / "bin" / "python")
    return bin_dir


def run(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    log = tmp_path / "log"
    log.touch()
    environment = {"PATH": str(tmp_path / "bin"), "LOG": str(log), "VENV": str(tmp_path / "venv"),
                   "HOME": str(tmp_path), **env}
    done = subprocess.run([BASH, str(SCRIPT), *args], cwd=tmp_path, env=environment, capture_output=True,
                          text=True, timeout=60)
    return done, log.read_text().splitlines()


def missing_here(*checked: str) -> list[str]:
    """What the script finds missing besides `checked`: Chromium and the font are also looked for at a fixed
    place, which this machine may have."""
    extra = [] if Path("/usr/bin/chromium").exists() else ["chromium"]
    return [*checked, *extra, *([] if FONT.exists() else ["fonts-dejavu-core"])]


def installed(log: list[str]) -> list[str]:
    line = next((entry for entry in log if "apt-get install" in entry), "")
    return [w for w in line.split() if not w.startswith(("-", "(")) and w not in ("apt-get", "install", "sudo", "env")
            and "=" not in w]


def test_as_root_it_installs_only_what_is_missing_then_runs_pytest_as_ci_does(tmp_path: Path) -> None:
    machine(tmp_path, present=("pandoc",))
    done, log = run(tmp_path, "-k", "demo")
    assert done.returncode == 0, done.stderr
    assert installed(log) == missing_here("libreoffice-writer-nogui")
    assert not any(entry.startswith("sudo") for entry in log)
    assert "apt-get update -qq (noninteractive)" in log
    assert "pip install -q --upgrade pip" in log and "pip install -q .[test]" in log
    assert log[-1] == f"pytest CI=1 cwd={ROOT} -k demo"  # from the repository root, whatever the caller's folder


def test_not_root_it_uses_sudo_and_makes_the_virtual_environment(tmp_path: Path) -> None:
    machine(tmp_path, venv=False)
    done, log = run(tmp_path, UID_IS="1000", NO_ENSUREPIP="1", NOT_IN_APT="pandoc")
    assert done.returncode == 0, done.stderr
    assert installed(log) == [*missing_here("libreoffice-writer-nogui"), "python3.11-venv"]
    through_sudo = [e.removeprefix("sudo env DEBIAN_FRONTEND=noninteractive ") for e in log if e.startswith("sudo")]
    assert through_sudo == [e.removesuffix(" (noninteractive)") for e in log if e.startswith("apt-get")]
    assert len(through_sudo) == 2  # update and install
    assert "pandoc cannot be installed with apt-get here" in done.stderr
    assert f"venv {tmp_path / 'venv'}" in log
    assert log[-1] == f"pytest CI=1 cwd={ROOT}"


def test_with_everything_present_it_installs_nothing(tmp_path: Path) -> None:
    machine(tmp_path, present=("pandoc", "soffice", "chromium"), sudo=False)
    done, log = run(tmp_path, UID_IS="1000", CI="true")
    assert done.returncode == 0, done.stderr
    assert installed(log) == ([] if FONT.exists() else ["fonts-dejavu-core"])
    if FONT.exists():
        assert not any("apt-get" in entry for entry in log)
    assert log[-1] == f"pytest CI=true cwd={ROOT}"  # a CI that sets CI itself keeps its value


def test_without_root_or_sudo_it_stops_and_says_what_is_needed(tmp_path: Path) -> None:
    machine(tmp_path, sudo=False)
    done, log = run(tmp_path, UID_IS="1000")
    assert done.returncode == 1
    assert "pandoc libreoffice-writer-nogui" in done.stderr and "root" in done.stderr
    assert log == []


def test_an_old_python_is_refused(tmp_path: Path) -> None:
    machine(tmp_path, present=("pandoc", "soffice", "chromium"), venv=False)
    done, log = run(tmp_path, TOO_OLD="1")
    assert done.returncode == 1 and "Python 3.11 or newer" in done.stderr
    assert log == []


@pytest.mark.parametrize(("pytest_exit", "script_exit"), [(0, 0), (1, 1), (2, 2), (5, 1)])
def test_pytest_decides_the_exit_code_and_no_tests_is_a_failure(tmp_path: Path, pytest_exit: int,
                                                                script_exit: int) -> None:
    machine(tmp_path, present=("pandoc", "soffice", "chromium"))
    done, _log = run(tmp_path, PYTEST_EXIT=str(pytest_exit))
    assert done.returncode == script_exit
    assert ("collected no tests" in done.stderr) == (pytest_exit == 5)


def test_the_suite_is_found_from_the_repository_root() -> None:
    """What makes a CI run collect tests at all: pytest's testpaths, from the root the script goes to."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert config["testpaths"] == ["tests"]
    assert len(list((ROOT / "tests").glob("test_*.py"))) >= 30
    assert 'cd "$(dirname "$0")/.."' in SCRIPT.read_text(encoding="utf-8")
    assert os.access(SCRIPT, os.X_OK)

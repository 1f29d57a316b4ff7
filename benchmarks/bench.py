"""cscheck benchmark: prints, in one run, the figures the project tracks (see README.md here).

    python benchmarks/bench.py [--runs N] [--batch N] [--pages N] [--keep DIR]

Inputs are built at run time from ../shared (the official texts) through tests/fixtures; parts that
need them say so and are skipped when ../shared is absent. In-process timings are medians of CPU
time, subprocess timings (start-up, batch) medians of wall time; they are not tests and assert nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import documents

REPO = documents.REPO
TARGETS = {"ratio": 2.0, "cli": 2.0, "start": 0.15, "speedup": 1.7, "memory": 200, "batch1000": 40.0, "pdf": 1.5}


def median_ms(work: Callable[[], object], runs: int) -> float:
    """Median CPU time of this process: steadier than wall time when other work shares the machine."""
    work()  # warm-up: imports, caches, manifests
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def row(label: str, value: str, target: str = "", note: str = "") -> None:
    print(f"  {label:44} {value:>16}  {target:>10}  {note}")


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def bytecode() -> str:
    """Compile cscheck's modules to bytecode first, as `pip install` does for a wheel: with
    PYTHONDONTWRITEBYTECODE set (some CI images and sandboxes) a source checkout would otherwise compile
    ~60 modules in every measured process (~0.1 s of each start here)."""
    import cscheck

    package = Path(cscheck.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], capture_output=True, check=True)
    written = "unset" if not os.environ.get("PYTHONDONTWRITEBYTECODE") else "set"
    return f"bytecode of {package} compiled first (PYTHONDONTWRITEBYTECODE {written})"


# ---------------------------------------------------------------------------------------------


def check_vs_python_docx(name: str, path: Path, runs: int) -> None:
    import docx

    from cscheck.check import CheckOptions, check_document
    from cscheck.read import read_document
    from cscheck.reference.store import all_manifests

    manifests = all_manifests()
    options = CheckOptions()
    check = median_ms(lambda: check_document(path, options, manifests), runs)
    read = median_ms(lambda: read_document(path), runs)
    read_cold = median_ms(lambda: (_forget_styles(), read_document(path)), runs)
    load = median_ms(lambda: docx.Document(str(path)), runs)
    print(f"{name} ({path.stat().st_size // 1024} KB, {len(read_document(path).blocks)} paragraphs)")
    row("python-docx Document() load", f"{load:.1f} ms")
    row("cscheck read_document", f"{read:.1f} ms", "", f"read / load = {read / load:.2f}")
    row("  … first document of its template", f"{read_cold:.1f} ms", "", "(styles part not cached yet)")
    row("cscheck check_document (all stages)", f"{check:.1f} ms")
    row("ratio check / python-docx load", f"{check / load:.2f}", f"≤ {TARGETS['ratio']}")


def check_pdf_vs_docx(name: str, docx_path: Path, pdf_path: Path, runs: int) -> None:
    """The check of the PDF of a document against the check of its DOCX, and what PDFium alone costs."""
    import pypdfium2 as pdfium

    from cscheck.check import CheckOptions, check_document
    from cscheck.read import read_document
    from cscheck.reference.store import all_manifests

    manifests = all_manifests()
    options = CheckOptions()

    def pdfium_text() -> None:
        pdf = pdfium.PdfDocument(str(pdf_path))
        for index in range(len(pdf)):
            pdf[index].get_textpage().get_text_range()
        pdf.close()

    docx_check = median_ms(lambda: check_document(docx_path, options, manifests), runs)
    pdf_check = median_ms(lambda: check_document(pdf_path, options, manifests), runs)
    pdf_read = median_ms(lambda: read_document(pdf_path), runs)
    bare = median_ms(pdfium_text, runs)
    document = read_document(pdf_path)
    pages = max((b.page or 0) for b in document.blocks)
    print(f"{name} ({pdf_path.stat().st_size // 1024} KB, {pages} pages, {len(document.blocks)} paragraphs)")
    row("PDFium: open + text of every page", f"{bare:.1f} ms", "", "(pypdfium2, no layout)")
    row("cscheck read_document (PDF)", f"{pdf_read:.1f} ms", "", f"read / PDFium text = {pdf_read / bare:.2f}")
    row("cscheck check_document, DOCX", f"{docx_check:.1f} ms")
    row("cscheck check_document, PDF", f"{pdf_check:.1f} ms")
    row("ratio PDF check / DOCX check", f"{pdf_check / docx_check:.2f}", f"≤ {TARGETS['pdf']}")


def _forget_styles() -> None:
    from cscheck.read import styles as reader

    reader._STYLES_CACHE.clear()


def cli_vs_python_docx(path: Path, runs: int) -> None:
    """The whole `cscheck check -f json FILE` process against a process that only loads the file with
    python-docx: paired (one of each per round), median wall and CPU time of `runs` rounds."""
    import resource

    script = shutil.which("cscheck")
    cscheck = [script] if script else [sys.executable, "-m", "cscheck"]
    commands = {"python-docx load process": [sys.executable, "-c", f"import docx; docx.Document({str(path)!r})"],
                "cscheck check -f json": [*cscheck, "check", "-f", "json", str(path)]}
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs + 1):  # the first round warms the file cache
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env())
            wall[name].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print(f"whole process, one file ({runs} paired rounds, median)")
    for name in commands:
        row(name, f"{statistics.median(wall[name][1:]):.3f} s", "",
            f"cpu {statistics.median(cpu[name][1:]):.3f} s")
    load, check = (statistics.median(wall[k][1:]) for k in commands)
    row("ratio cscheck / python-docx (wall)", f"{check / load:.2f}", f"≤ {TARGETS['cli']}")


def cold_start(runs: int) -> None:
    script = shutil.which("cscheck")
    command = [script] if script else [sys.executable, "-m", "cscheck"]
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run([*command, "--help"], capture_output=True, check=True, env=env())
        times.append(time.perf_counter() - started)
    print(f"cold start: {' '.join(command)} --help ({runs} runs)")
    row("median wall time", f"{statistics.median(times[1:]):.3f} s", f"≤ {TARGETS['start']} s")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "cscheck", "--help"], capture_output=True,
                          text=True, env=env())
    imports = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            imports.append((int(m.group(2)), (len(m.group(3)) - 1) // 2, m.group(4)))
    print("  heaviest imports (python -X importtime; cumulative, indented by depth):")
    for micros, depth, module in sorted(imports, reverse=True)[:8]:
        row(f"  {'  ' * depth}{module}", f"{micros / 1000:.1f} ms")


def long_document(folder: Path, pages: int) -> None:
    path = documents.long_document(folder / f"{pages}-paginas.docx", pages)
    done = subprocess.run([sys.executable, "-c", documents.PEAK_SCRIPT, str(path)], capture_output=True, text=True,
                          env=env(), check=True)
    measured = json.loads(done.stdout)
    print(f"long document: {pages} pages ({path.stat().st_size // 1024} KB), check_document in a subprocess")
    row("peak memory (VmHWM of the process)", f"{measured['peak_mb']:.0f} MB", f"≤ {TARGETS['memory']} MB",
        f"status {measured['status']}")
    row("check time", f"{measured['seconds']:.2f} s")


def overview(source: Path, other: Path | None, count: int = 1000) -> None:
    """The HTML report with its overview for `count` checked documents (copies of two checks, the conform
    overeenkomst and one with deviations, each copy with its own path), beyond the checks themselves: render
    time and page size."""
    import msgspec

    from cscheck.batch.pool import BatchOptions
    from cscheck.batch.run import check_paths
    from cscheck.check import CheckOptions
    from cscheck.config import Overrides, Resolver
    from cscheck.report import renderer

    sources = [source] if other is None else [source, other]
    checked, _ = check_paths(sources, Resolver(Overrides()), CheckOptions(), BatchOptions(in_process=True))
    kinds = checked.documents
    checked.documents = [msgspec.structs.replace(kinds[i % len(kinds)], path=f"inzending-{i:04d}/overeenkomst.docx")
                         for i in range(count)]
    findings = sum(len(d.findings) for d in checked.documents)
    checked.statistics = None
    started = time.perf_counter()
    page = renderer("html")(checked)
    seconds = time.perf_counter() - started
    print(f"overview: HTML report of {count} checked documents ({findings} findings)")
    row("render time (statistics, charts, matrix, details)", f"{seconds:.2f} s", "≤ 2 s")
    row("page size", f"{len(page.encode()) / 1e6:.2f} MB", "≤ 5 MB")


def big_batch(folder: Path, source: Path, count: int) -> None:
    command = [shutil.which("cscheck") or sys.executable, *([] if shutil.which("cscheck") else ["-m", "cscheck"])]
    inputs = documents.batch(folder / f"batch-{count}", source, count)
    report = folder / f"batch-{count}.json"
    started = time.perf_counter()
    subprocess.run([*command, "check", str(inputs), "--jobs", "2", "--quiet", "--format", "json", "--output",
                    str(report), "--fail-on", "never"], capture_output=True, env=env())
    seconds = time.perf_counter() - started
    checked = sum(1 for d in json.loads(report.read_text())["documents"] if d["status"] == "checked")
    print(f"batch: {count} documents, --jobs 2 ({os.cpu_count()} cores)")
    row("wall time of the command", f"{seconds:.1f} s", f"≤ {TARGETS['batch1000']:.0f} s", f"{checked} checked")


def batch(folder: Path, source: Path, count: int) -> None:
    command = [shutil.which("cscheck") or sys.executable, *([] if shutil.which("cscheck") else ["-m", "cscheck"])]
    help_text = subprocess.run([*command, "check", "--help"], capture_output=True, text=True, env=env()).stdout
    print(f"batch: {count} documents via the CLI (cscheck check FOLDER --jobs N)")
    if "--jobs" not in help_text:
        row("not available yet", "-", "", "`cscheck check --help` shows no --jobs")
        return
    quiet = [flag for flag in ("--no-progress", "--quiet") if flag in help_text]
    inputs = documents.batch(folder / "batch", source, count)
    seconds = {}
    for jobs in (1, 2):
        report = folder / f"batch-{jobs}.json"
        started = time.perf_counter()
        subprocess.run([*command, "check", str(inputs), "--jobs", str(jobs), *quiet, "--format", "json",
                        "--output", str(report), "--fail-on", "never"], capture_output=True, env=env())
        seconds[jobs] = time.perf_counter() - started
        checked = sum(1 for d in json.loads(report.read_text())["documents"] if d["status"] == "checked")
        row(f"--jobs {jobs}", f"{count / seconds[jobs]:.1f} docs/s", "", f"{seconds[jobs]:.1f} s, {checked} checked")
    row("speed-up --jobs 2 / --jobs 1", f"{seconds[1] / seconds[2]:.2f}×", f"≥ {TARGETS['speedup']}×",
        f"{os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per in-process median (default 15)")
    parser.add_argument("--batch", type=int, default=200, help="documents in the batch (default 200)")
    parser.add_argument("--big-batch", type=int, default=1000, help="documents in the --jobs 2 batch (default 1000;"
                        " 0 = skip)")
    parser.add_argument("--pages", type=int, default=2000, help="pages of the long document (default 2000)")
    parser.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cscheck-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        print(f"cscheck benchmark — python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
        print(f"  {'':44} {'measured':>16}  {'target':>10}")
        print(f"  ({bytecode()})")
        source = documents.overeenkomst(folder)
        if source is None:
            print("overeenkomst: skipped: ../shared/reference-sources is absent (set CSCHECK_SHARED)")
        else:
            check_vs_python_docx("overeenkomst, Word numbering (python-docx)", source, args.runs)
            cli_vs_python_docx(source, max(10, args.runs))
            official = documents.official_layout(folder)
            if official is not None:
                check_vs_python_docx("overeenkomst in the official layout (outline numbers, TOC field)", official,
                                     args.runs)
            round_trip = documents.libreoffice_round_trip(source, folder)
            if round_trip is None:
                print("LibreOffice round trip: skipped: soffice is not installed")
            else:
                check_vs_python_docx("overeenkomst after a LibreOffice round trip", round_trip, args.runs)
            for label, docx_path in (("Word numbering", source), ("official layout", official)):
                pdf = documents.as_pdf(docx_path, folder / label.split()[0]) if docx_path is not None else None
                if pdf is None:
                    print(f"overeenkomst as PDF ({label}): skipped: soffice is not installed")
                else:
                    check_pdf_vs_docx(f"overeenkomst as PDF, {label} (saved by LibreOffice)", docx_path, pdf,
                                      args.runs)
        cold_start(max(3, args.runs // 3))
        long_document(folder, args.pages)
        if source is None:
            print("batch: skipped: needs the overeenkomst (../shared)")
        else:
            batch(folder, source, args.batch)
            overview(source, documents.deviating(folder))
            if args.big_batch:
                big_batch(folder, source, args.big_batch)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

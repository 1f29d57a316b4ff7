"""Many documents: find them (files, folders, globs), check each in a worker process with a time limit,
and return one result per document in a stable order.

Errors are values here as everywhere: a folder that cannot be read, a glob that matches nothing, a
file that vanished, a document over the time limit or a worker that died all become a result with
status "error" and a Dutch message, and the rest of the batch goes on.

Workers come from a pebble process pool: unlike `concurrent.futures.ProcessPoolExecutor`, it can
stop one task that runs too long (it kills that worker and starts a new one) and reports a worker
that died as that task's failure instead of breaking the whole pool. Manifests and rules load once
per worker (initializer). On POSIX the workers fork from a forkserver that has already imported the
pipeline, so a replaced worker starts at once; elsewhere they are spawned.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cscheck.config import Resolver, Settings
from cscheck.model import DocumentError, DocumentResult, Report, ToolInfo

if TYPE_CHECKING:
    from cscheck.check import CheckOptions
    from cscheck.reference.manifest import Manifest

# Kept in step with cscheck.read.SUFFIXES (a test checks it) so that this module stays light to import.
SUFFIXES = (".docx", ".docm", ".dotx", ".dotm", ".md", ".markdown", ".pdf", ".doc", ".odt", ".rtf")
DEFAULT_TIMEOUT = 120.0
_GLOB_MAGIC = set("*?[")
# A document repository keeps these beside the documents; in a folder they are not submissions (named on
# the command line they are still checked).
_REPOSITORY_FILES = {"readme", "changelog", "changes", "license", "licence", "contributing", "code_of_conduct",
                     "security", "authors", "notice"}
_PRELOAD = ["cscheck.check", "cscheck.align", "cscheck.structure", "cscheck.standard", "cscheck.rules.context",
            "cscheck.read.docx", "cscheck.read.markdown", "cscheck.read.pdflayout", "pypdfium2"]


def error_result(path: str | Path, kind: str, message: str) -> DocumentResult:
    return DocumentResult(path=str(path), status="error", error=DocumentError(kind=kind, message=message))


# ---------------------------------------------------------------------------------------------
# finding the documents


@dataclass(frozen=True)
class Input:
    """A document to check, and the folder argument it was found under (for mirrored output names)."""

    path: Path
    root: Path | None = None


@dataclass
class Collected:
    inputs: list[Input] = field(default_factory=list)
    errors: list[DocumentResult] = field(default_factory=list)  # folders and patterns that failed


def collect(arguments: Sequence[str | Path], excluded: Callable[[Path], bool] = lambda _: False) -> Collected:
    """Files as given, folders searched (hidden folders, Word lock files and a repository's README.md and
    the like skipped), globs expanded."""
    found = Collected()
    seen: set[Path] = set()

    def add(path: Path, root: Path | None) -> None:
        key = Path(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.inputs.append(Input(path, root))

    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            _walk(path, add, found.errors, excluded)
        elif path.exists() or path.is_symlink():
            add(path, None)
        elif _GLOB_MAGIC & set(str(argument)):
            _expand(str(argument), add, found.errors, excluded)
        else:
            found.errors.append(error_result(path, "niet-gevonden", "Het bestand of de map bestaat niet."))
    return found


def _expand(pattern: str, add: Callable[[Path, Path | None], None], errors: list[DocumentResult],
            excluded: Callable[[Path], bool]) -> None:
    matches = sorted(glob.glob(pattern, recursive=True))
    documents = 0
    for match in matches:
        path = Path(match)
        if path.is_dir():
            _walk(path, add, errors, excluded)
            documents += 1
        elif not path.name.startswith("~$") and (path.suffix.lower() in SUFFIXES
                                                 or not _GLOB_MAGIC & set(Path(pattern).suffix)):
            add(path, None)
            documents += 1
    if not documents:
        errors.append(error_result(pattern, "niet-gevonden", f"Geen documenten gevonden voor het patroon '{pattern}'."))


def _walk(top: Path, add: Callable[[Path, Path | None], None], errors: list[DocumentResult],
          excluded: Callable[[Path], bool]) -> None:
    def failed(exc: OSError) -> None:
        where = exc.filename or top
        if isinstance(exc, FileNotFoundError):
            message = "De map bestaat niet (meer); de documenten erin zijn niet gecontroleerd."
        else:
            message = (f"De map kan niet worden gelezen ({exc.strerror or exc}); de documenten erin zijn niet "
                       "gecontroleerd.")
        errors.append(error_result(where, "map-onleesbaar", message))

    for folder, dirs, files in os.walk(top, onerror=failed):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(base / d))
        for name in sorted(files):
            path = base / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in SUFFIXES or excluded(path):
                continue
            if path.suffix.lower() in (".md", ".markdown") and path.stem.lower() in _REPOSITORY_FILES:
                continue
            add(path, top)


# ---------------------------------------------------------------------------------------------
# running the checks


@dataclass(frozen=True)
class Job:
    path: Path
    options: CheckOptions


@dataclass
class BatchOptions:
    jobs: int = 0  # worker processes; 0 = one per core
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per document; None = no limit
    reference_dir: Path | None = None  # manifests from another folder (tests, a regional standard)
    in_process: bool = False  # check here, one by one, and let unexpected exceptions through (--debug)

    def workers(self, documents: int) -> int:
        wanted = self.jobs if self.jobs > 0 else (os.cpu_count() or 1)
        return max(1, min(wanted, documents))


Checker = Callable[[Path, "CheckOptions"], DocumentResult]
Done = Callable[[DocumentResult], None]

_MANIFESTS: list[Manifest] | None = None


def _init_worker(reference_dir: Path | None) -> None:
    """Load manifests and rules once per worker rather than once per document."""
    global _MANIFESTS
    from cscheck.reference.store import all_manifests
    from cscheck.rules.engine import load_rules

    _MANIFESTS = all_manifests(reference_dir) if reference_dir is not None else None
    all_manifests()
    load_rules()


def check_one(path: Path, options: CheckOptions) -> DocumentResult:
    """The worker: one document end to end (never raises for a bad file)."""
    from cscheck.check import check_document

    return check_document(path, options, manifests=_MANIFESTS)


def run(jobs: Sequence[Job], options: BatchOptions, done: Done | None = None,
        checker: Checker = check_one) -> list[DocumentResult]:
    """Check every job; results come back in the order of `jobs`, `done` is called as each finishes."""
    if not jobs:
        return []
    if options.in_process or len(jobs) == 1:
        # One document is checked here: a worker process would cost more than the check itself.
        return _run_here(jobs, options, done, checker)
    return _run_pool(jobs, options, done, checker)


class _Overtime(BaseException):
    """Raised by the alarm; a BaseException so that check_document's `except Exception` lets it through."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """A best-effort limit in this process (POSIX, main thread): the alarm is seen between Python steps,
    not inside a long C call. The worker pool is the hard limit; this one guards a single document."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def alarm(_signum: int, _frame: object) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_here(jobs: Sequence[Job], options: BatchOptions, done: Done | None, checker: Checker) -> list[DocumentResult]:
    _init_worker(options.reference_dir)
    limit = None if options.in_process else options.timeout  # --debug: no limit, let everything through
    results = []
    for job in jobs:
        try:
            with _time_limit(limit):
                result = checker(job.path, job.options)
        except _Overtime:
            result = _overtime(job, limit)
        results.append(result)
        if done:
            done(result)
    return results


def _overtime(job: Job, timeout: float | None) -> DocumentResult:
    return error_result(job.path, "tijdslimiet", (
        f"Het controleren duurde langer dan {timeout or 0:g} seconden en is gestopt. Het document is misschien "
        "erg groot of beschadigd. Controleer het apart met een ruimere --timeout."))


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)  # an import that fails here is skipped, not fatal
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the forkserver now, so that it imports the pipeline while the caller does other work."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


def _run_pool(jobs: Sequence[Job], options: BatchOptions, done: Done | None, checker: Checker) -> list[DocumentResult]:
    from pebble import ProcessPool

    results: list[DocumentResult | None] = [None] * len(jobs)
    pool = ProcessPool(max_workers=options.workers(len(jobs)), initializer=_init_worker,
                       initargs=(options.reference_dir,), context=_context())
    try:
        futures: dict[Future[DocumentResult], int] = {
            pool.schedule(checker, args=(job.path, job.options), timeout=options.timeout): i
            for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            i = futures[future]
            results[i] = _outcome(future, jobs[i], options.timeout)
            if done:
                done(results[i])  # type: ignore[arg-type]
    except BaseException:
        pool.stop()  # Ctrl-C or a bug here: end the workers now instead of waiting for them
        raise
    finally:
        pool.close()
        pool.join()
    return [r for r in results if r is not None]


def _outcome(future: object, job: Job, timeout: float | None) -> DocumentResult:
    from pebble import ProcessExpired

    try:
        return future.result()  # type: ignore[attr-defined,no-any-return]
    except FutureTimeout:
        return _overtime(job, timeout)
    except ProcessExpired as exc:
        return error_result(job.path, "afgebroken", (
            f"Het controleren is onverwacht gestopt (het hulpproces eindigde met code {exc.exitcode}). "
            "Meld dit met het document bij de beheerders van cscheck."))
    except Exception as exc:
        return error_result(job.path, "interne-fout", (
            f"Bij het controleren ging iets mis ({type(exc).__name__}: {exc}). "
            "Meld dit met het document bij de beheerders van cscheck."))


# ---------------------------------------------------------------------------------------------
# a whole run: settings per document, the checks, waivers applied


def check_paths(arguments: Sequence[str | Path], resolver: Resolver, base: CheckOptions, options: BatchOptions,
                done: Done | None = None, checker: Checker = check_one) -> tuple[Report, list[Input]]:
    """Find the documents, check them with their settings and return the report (waivers applied)."""
    found = collect(arguments, resolver.excluded)
    return check_collected(found, resolver, base, options, done, checker), found.inputs


def check_collected(found: Collected, resolver: Resolver, base: CheckOptions, options: BatchOptions,
                    done: Done | None = None, checker: Checker = check_one) -> Report:
    """Check found documents with the settings of their configuration file; then apply its waivers.

    Raises ConfigError (before anything is checked) when a configuration file is wrong."""
    from cscheck import __version__
    from cscheck.config import WaiverUse, apply, notices
    from cscheck.submission import RULE, group

    settings = [resolver.settings(i.path) for i in found.inputs]
    jobs = [Job(i.path, replace(base, standard=s.standard, select=s.select, ignore=s.ignore))
            for i, s in zip(found.inputs, settings, strict=True)]
    results = run(jobs, options, done, checker)
    # A folder with one overeenkomst and one inkoopdocument is one submission: compare the two before
    # the waivers, so that a waiver can also cover a contradiction between them.
    switched_on = {id(r): _rule_on(RULE, s) for r, s in zip(results, settings, strict=True)}
    named = all(i.root is None for i in found.inputs)  # files named one by one, no folder searched
    submissions = group(results, lambda r: switched_on.get(id(r), False), named=named)
    uses: dict[Path | None, WaiverUse] = {}
    for result, setting in zip(results, settings, strict=True):
        if result.status == "checked":
            apply(result, setting, uses.setdefault(setting.source, WaiverUse()))
        else:
            result.fail_on = setting.fail_on
    report = Report(tool=ToolInfo(version=__version__), documents=[*results, *found.errors],
                    submissions=submissions)
    for setting in resolver.used():
        report.notices.extend(notices(setting, uses.get(setting.source, WaiverUse())))
    return report


def _rule_on(name: str, settings: Settings) -> bool:
    from cscheck.rules.engine import load_rules, select_rules

    return any(r.name == name for r in select_rules(load_rules(), settings.select, settings.ignore))

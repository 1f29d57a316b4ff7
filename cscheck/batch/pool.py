"""Checking documents with a time limit: here, one by one, or in worker processes.

Workers come from a pebble process pool: unlike `concurrent.futures.ProcessPoolExecutor`, it can
stop one task that runs too long (it kills that worker and starts a new one) and reports a worker
that died as that task's failure instead of breaking the whole pool. Manifests and rules load once
per worker (initializer). On POSIX the workers fork from a forkserver that has already imported the
pipeline, so a replaced worker starts at once; elsewhere they are spawned. One document is checked in
this process: a worker would cost more than the check, so the pool is not even imported then.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from cscheck.model import DocumentResult

if TYPE_CHECKING:
    import multiprocessing.context

    from cscheck.check import CheckOptions
    from cscheck.reference.manifest import Manifest

DEFAULT_TIMEOUT = 120.0
_PRELOAD = ["cscheck.check", "cscheck.align", "cscheck.structure", "cscheck.standard", "cscheck.rules.context",
            "cscheck.read.docx", "cscheck.read.markdown", "cscheck.read.pdflayout", "pypdfium2"]


class Job(msgspec.Struct, frozen=True):
    path: Path
    options: CheckOptions


class BatchOptions(msgspec.Struct):
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
    """Load the references' signatures and the rules once per worker rather than once per document (a manifest
    is loaded when a document first needs it, and kept)."""
    global _MANIFESTS
    from cscheck.reference.store import all_manifests, signatures
    from cscheck.rules.engine import load_rules

    _MANIFESTS = all_manifests(reference_dir) if reference_dir is not None else None
    signatures()
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
    return DocumentResult.failed(job.path, "tijdslimiet", (
        f"Het controleren duurde langer dan {timeout or 0:g} seconden en is gestopt. Het document is misschien "
        "erg groot of beschadigd. Controleer het apart met een ruimere --timeout."))


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)  # an import that fails here is skipped, not fatal
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the forkserver now, so that it imports the pipeline while the caller does other work."""
    import multiprocessing

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
        return DocumentResult.failed(job.path, "afgebroken", (
            f"Het controleren is onverwacht gestopt (het hulpproces eindigde met code {exc.exitcode}). "
            "Meld dit met het document bij de beheerders van cscheck."))
    except Exception as exc:
        return DocumentResult.failed(job.path, "interne-fout", (
            f"Bij het controleren ging iets mis ({type(exc).__name__}: {exc}). "
            "Meld dit met het document bij de beheerders van cscheck."))



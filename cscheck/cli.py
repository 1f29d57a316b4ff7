"""Command line: parse options, call the pipeline, choose a reporter. No checking logic lives here.

Exit codes: 0 = no finding at or above --fail-on; 1 = such findings; 2 = a file could not be checked
or the command was used wrongly. Help and usage errors are Dutch (cscheck/usage.py).
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cscheck import __version__, commands
from cscheck.commands import use_references as _use_references
from cscheck.commands import write_or_fail as _write
from cscheck.report import FORMATS
from cscheck.suggest import did_you_mean
from cscheck.usage import CONTEXT, DutchCommand, DutchGroup, epilog
from cscheck.usage import choice as _choice
from cscheck.usage import fail as _fail

if TYPE_CHECKING:  # imported where they are used, so that --help stays fast
    from cscheck.batch.discover import Collected, Input
    from cscheck.config import Overrides, Resolver
    from cscheck.config.file import Config
    from cscheck.model import Report
    from cscheck.rules.model import Rule

DEFAULT_TIMEOUT = 120.0  # seconds per document in a batch (kept equal to cscheck.batch.pool.DEFAULT_TIMEOUT)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
DOCUMENT_TYPES = ("auto", "overeenkomst", "inkoopdocument-sas-met-emvi", "inkoopdocument-sas-zonder-emvi",
                  "inkoopdocument-toelatingsprocedure")
VARIANTS = ("auto", "maatwerk", "standaard")
COMMANDS = {"check", "rules", "explain", "reference", "init", "demo"}
# the Dutch names of cscheck.model.fail_on_names(), written out so that --help needs no model (a test compares)
FAIL_ON_HELP = "fout, waarschuwing, melding of nooit"

app = typer.Typer(cls=DutchGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings=CONTEXT, epilog=epilog(
                      "0 = conform, 1 = afwijkingen gevonden, 2 = niet te controleren of verkeerd gebruikt.",
                      "cscheck overeenkomst.docx            (kort voor: cscheck check overeenkomst.docx)",
                      "cscheck explain deel3-gewijzigd"),
                  help="Conformiteitscheck van gemeentelijke documenten tegen de Contractstandaarden.")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cscheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Toon de versie.")] = False) -> None:
    """Conformiteitscheck van gemeentelijke documenten tegen de Contractstandaarden."""


CHECK_EPILOG = epilog("0 = conform; 1 = afwijkingen vanaf --fail-on; 2 = een document kon niet worden "
                      "gecontroleerd, of de opdracht is verkeerd gebruikt.",
                      "cscheck overeenkomst.docx",
                      "cscheck check contracten/ -j 2 -f csv -o overzicht.csv --statistics",
                      "cat overeenkomst.docx | cscheck check - -f json")


@app.command(cls=DutchCommand, context_settings=CONTEXT, epilog=CHECK_EPILOG)
def check(
    paths: Annotated[list[Path], typer.Argument(metavar="DOCUMENT", show_default=False, help=(
        "Bestanden (.docx, .pdf, .md; .doc, .odt, .rtf met LibreOffice), mappen of patronen; - leest de "
        "standaardinvoer."))],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAAT",
                                     help=f"{', '.join(FORMATS[:-1])} of {FORMATS[-1]}.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="BESTAND",
                                                help="Schrijf het rapport naar dit bestand.")] = None,
    fail_on: Annotated[str | None, typer.Option(metavar="ERNST", help=(
        f"Faal (exitcode 1) vanaf deze ernst: {FAIL_ON_HELP} (standaardwaarde: uit cscheck.yaml, anders "
        "fout)."))] = None,
    select: Annotated[list[str] | None, typer.Option(metavar="REGEL", help=(
        "Alleen deze regels (naam, code, met komma's)."))] = None,
    ignore: Annotated[list[str] | None, typer.Option(metavar="REGEL", help="Deze regels overslaan.")] = None,
    standard: Annotated[str | None, typer.Option(metavar="STANDAARD", help=(
        "auto of een versie uit 'cscheck reference list' (standaardwaarde: uit cscheck.yaml, anders auto)."))
    ] = None,
    document_type: Annotated[str, typer.Option(metavar="SOORT", help=(
        "auto, overeenkomst of inkoopdocument-sas-met-emvi, -sas-zonder-emvi, -toelatingsprocedure."))] = "auto",
    variant: Annotated[str, typer.Option(metavar="VARIANT", help=(
        "auto, maatwerk (met een niet-gecontracteerde aanbieder) of standaard."))] = "auto",
    reference_text: Annotated[Path | None, typer.Option(metavar="BESTAND", help=(
        "De officiële tekst (DOCX of Markdown): toon ook de woorden die weg zijn."))] = None,
    references: Annotated[list[Path] | None, typer.Option(metavar="MAP", help=(
        "Map met eigen referenties (uit 'cscheck reference build'); ook: CSCHECK_REFERENCES."))] = None,
    config: Annotated[Path | None, typer.Option(metavar="BESTAND", help=(
        "Dit instellingenbestand voor elk document, in plaats van cscheck.yaml zoeken."))] = None,
    annotate: Annotated[Path | None, typer.Option(metavar="MAP", help=(
        "Schrijf kopieën met Word-opmerkingen naar deze map (of, voor één document, dit .docx-bestand)."))
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="AANTAL",
                                      help="Documenten tegelijk; 0 = één per processorkern.")] = 0,
    timeout: Annotated[float, typer.Option(min=0, metavar="SECONDEN", help=(
        "Seconden per document; 0 = geen grens."))] = DEFAULT_TIMEOUT,
    statistics: Annotated[bool, typer.Option("--statistics", help="Tel aan het eind de bevindingen per regel.")
                          ] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="Geen voortgangsbalk.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help=(
        "Toon alleen wat de controle laat falen."))] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Toon interne fouten volledig.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Toon ook de gelijkenis met de standaard.")
                        ] = False,
) -> None:
    """Controleer documenten, mappen of patronen tegen de standaard."""
    from cscheck.config import Overrides
    from cscheck.model import fail_on_named, fail_on_names

    _choice("--format", fmt, FORMATS)
    _use_references(references or [])
    given_fail_on = None
    if fail_on is not None:
        given_fail_on = fail_on_named(fail_on) or _choice("--fail-on", fail_on, fail_on_names())
    _choice("--document-type", document_type, DOCUMENT_TYPES)
    _choice("--variant", variant, VARIANTS)
    resolver, rules = _resolver(Overrides(standard=standard, fail_on=given_fail_on,
                                          select=_split(select) if select else None,
                                          ignore=_split(ignore) if ignore else None), config, reference_text)
    with ExitStack() as stack:
        found = _collect(paths, resolver, stack)
        report, targets = _check_found(found, resolver, rules, reference_text, document_type, variant,
                                       annotate=annotate, output=output, jobs=jobs, timeout=timeout,
                                       progress=not (no_progress or quiet), debug=debug)
        summary = not quiet and len(report.documents) > 1
        _write_report(report, fmt, output, totals=not (summary or quiet), rules=rules, quiet=quiet, verbose=verbose)
        annotated = _write_annotated(report, targets, found.inputs, quiet, rules) if annotate is not None else True
    to_stderr = output is None and fmt != "text"
    if statistics:
        _print(_statistics(report), to_stderr)
    if summary:
        _print_summary(report, to_stderr=to_stderr, base=_base(found))
    raise typer.Exit(exit_code(report) if annotated else EXIT_ERROR)


def _collect(paths: list[Path], resolver: Resolver, stack: ExitStack) -> Collected:
    """The documents named: "-" is standard input, in a temporary file that `stack` removes at the end."""
    from msgspec.structs import replace

    from cscheck.batch.discover import collect
    from cscheck.batch.stdin import STDIN, from_stdin
    from cscheck.config import ConfigError

    names = [str(p) for p in paths]
    stdin = None
    if STDIN in names:
        if names.count(STDIN) > 1:
            raise _fail("- (standaardinvoer) kan maar één keer worden gegeven.")
        if sys.stdin is None or sys.stdin.isatty():
            raise _fail("- leest een document van de standaardinvoer, maar daar staat niets. Gebruik bijvoorbeeld: "
                        "cscheck - < overeenkomst.docx")
        stdin = stack.enter_context(from_stdin())
        paths = [stdin if str(p) == STDIN else p for p in paths]
    try:
        found = collect(paths, resolver.excluded)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    if stdin is not None:
        found.inputs = [replace(i, origin=STDIN) if i.path == stdin else i for i in found.inputs]
    if not found.inputs and not found.errors:
        raise _fail("geen documenten gevonden (.docx, .pdf, .doc, .odt, .rtf of .md).")
    return found


def _check_found(found: Collected, resolver: Resolver, rules: list[Rule], reference_text: Path | None,
                 document_type: str, variant: str, *, annotate: Path | None, output: Path | None, jobs: int,
                 timeout: float, progress: bool, debug: bool) -> tuple[Report, dict[Path, Path]]:
    from cscheck.batch.pool import BatchOptions
    from cscheck.batch.run import check_collected
    from cscheck.check import CheckOptions
    from cscheck.config import ConfigError
    from cscheck.report.progress import progress as progress_bar
    from cscheck.report.progress import wanted

    targets = _annotation_plan(found.inputs, annotate) if annotate is not None else {}
    if len(found.inputs) > 1 and not debug:
        from cscheck.batch.pool import warm_up

        warm_up()  # the workers' forkserver imports the pipeline while this process goes on
    _refuse_inputs(output, found.inputs)
    base = CheckOptions(reference_text=reference_text, debug=debug, document_type=document_type, variant=variant)
    options = BatchOptions(jobs=jobs, timeout=timeout or None, in_process=debug)
    try:
        with progress_bar(len(found.inputs), wanted(progress)) as advance:
            return check_collected(found, resolver, base, options, done=advance), targets
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:  # the workers are stopped by now; exit 1 would read as "findings"
        typer.echo("cscheck: afgebroken.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _base(found: Collected) -> Path | None:
    """The folder the paths of the summary are relative to: the one folder that was checked, if it was one."""
    roots = {i.root for i in found.inputs}
    return roots.pop() if len(roots) == 1 and None not in roots else None


def _annotation_plan(inputs: list[Input], annotate: Path) -> dict[Path, Path]:
    from cscheck.annotate import AnnotateError, plan

    try:
        return plan(inputs, annotate)
    except AnnotateError as exc:
        raise _fail(str(exc)) from None


def _resolver(overrides: Overrides, config: Path | None, reference_text: Path | None
              ) -> tuple[Resolver, list[Rule]]:
    """Check the command line's own values, then make the resolver of per-document settings; returns it with
    the rules of the run (loaded once, also for the reports)."""
    from cscheck.config import Resolver
    from cscheck.reference.store import manifest_paths
    from cscheck.rules.engine import RuleError, load_rules, select_rules

    standards = list(manifest_paths())
    if overrides.standard is not None and overrides.standard != "auto" and overrides.standard not in standards:
        raise _fail(f"onbekende standaard '{overrides.standard}'.{did_you_mean(overrides.standard, standards)} "
                    f"Beschikbaar: auto, {', '.join(standards)}.")
    if reference_text is not None and not reference_text.exists():
        raise _fail(f"--reference-text: {reference_text} bestaat niet.")
    if config is not None and not config.is_file():
        raise _fail(f"--config: {config} bestaat niet.")
    try:
        rules = load_rules()
        select_rules(rules, overrides.select or [], overrides.ignore or [])
    except RuleError as exc:
        raise _fail(str(exc)) from None

    def validate(found: Config, source: Path) -> None:
        from cscheck.config.file import check_names  # only when a configuration file was found

        check_names(found, source, rules, standards)

    return Resolver(overrides, config, validate=validate), rules


def _refuse_inputs(output: Path | None, inputs: list[Input]) -> None:
    if output is not None and any(i.path.resolve() == output.resolve() for i in inputs):
        raise _fail("--output mag niet een van de gecontroleerde bestanden zijn.")


def _write_report(report: Report, fmt: str, output: Path | None, totals: bool, rules: list[Rule],
                  quiet: bool = False, verbose: bool = False) -> None:
    import os

    from cscheck.report import renderer

    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    shown = _failing_only(report) if quiet and fmt == "text" else report
    text = renderer(fmt)(shown, color=color, totals=totals, rules=rules, verbose=verbose)
    if output is not None:
        _write(output, text)
        if not quiet:
            typer.echo(f"cscheck: rapport ({fmt}) geschreven naar {output}.", err=True)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        from cscheck.report.github import step_summary

        try:  # GitHub collects the job summary by appending to this file
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(step_summary(report))
        except OSError as exc:
            from cscheck.files import os_reason

            typer.echo(f"cscheck: kan de samenvatting niet schrijven naar {summary_file} ({os_reason(exc)}).",
                       err=True)


def _failing_only(report: Report) -> Report:
    """What -q leaves of a text report: the documents that fail their gate, with the findings that make them
    fail; no passing documents, submissions or notices."""
    import msgspec

    from cscheck.model import Severity

    documents = []
    for doc in report.documents:
        if doc.status == "error" or not doc.fails():
            documents += [doc] if doc.status == "error" else []
            continue
        threshold = Severity(doc.fail_on).rank
        documents.append(msgspec.structs.replace(doc, findings=[
            f for f in doc.findings if not f.waived and f.severity.rank >= threshold]))
    return msgspec.structs.replace(report, documents=documents, submissions=[], notices=[])


def _write_annotated(report: Report, targets: dict[Path, Path], inputs: list[Input], quiet: bool,
                     rules: list[Rule]) -> bool:
    """Write the annotated copies; False when one of them could not be made."""
    from cscheck.annotate import write_all

    written = write_all(report.documents, targets, rules, names={i.path: i.shown for i in inputs if i.origin})
    failed = [item for item in written if item.error]
    for item in failed:
        typer.echo(f"cscheck: geen kopie met opmerkingen van {item.source}: {item.error}", err=True)
    if quiet:
        return not failed
    for skipped in (i.shown for i in inputs if i.path not in targets):
        typer.echo(f"{skipped}: wel gecontroleerd, maar opmerkingen komen alleen in Word-bestanden (.docx); de "
                   "bevindingen staan in het rapport.", err=True)
    for item in (item for item in written if not item.error):
        typer.echo(f"{item.target}: {item.comments} opmerking(en).", err=True)
    without = sum(item.without_place for item in written if not item.error)
    if without:  # once: findings about the document as a whole have no paragraph to hang a comment on
        typer.echo(f"{without} bevinding(en) over het document als geheel staan alleen in het rapport.", err=True)
    return not failed


def _print_summary(report: Report, to_stderr: bool, base: Path | None = None) -> None:
    import os
    import shutil

    from cscheck.report.summary import render

    stream = sys.stderr if to_stderr else sys.stdout
    terminal = stream.isatty()  # a drawn table for a person; plain aligned columns into a pipe or file
    color = terminal and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((120, 24)).columns  # the terminal's width, or $COLUMNS
    _print(render(report, color=color, width=width, terminal=terminal, base=base), to_stderr)


def _statistics(report: Report) -> str:
    from cscheck.report.summary import statistics

    return statistics(report)


def _print(text: str, to_stderr: bool) -> None:
    """Text for people after the report: on standard error when standard output carries a report for programs."""
    stream = sys.stderr if to_stderr else sys.stdout
    stream.write(text)
    stream.flush()


def exit_code(report: Report, fail_on: str | None = None) -> int:
    """2 when a document could not be checked; 1 when one fails its gate (`fail_on` overrides each
    document's own); else 0."""
    if any(d.status == "error" for d in report.documents):
        return EXIT_ERROR
    if fail_on is not None:
        for doc in report.documents:
            doc.fail_on = fail_on  # type: ignore[assignment]
    return EXIT_FINDINGS if any(d.fails() for d in report.documents) else EXIT_OK


commands.register(app)  # init, rules, explain, reference: after check in the help


def run(argv: list[str]) -> int:
    """Entry point; `cscheck PATH` is short for `cscheck check PATH`. Usage errors are answered in Dutch."""
    from cscheck.usage import run_app

    if argv and argv[0] not in COMMANDS and argv[0] not in ("--help", "-h", "--version"):
        if _looks_like_a_command(argv[0]):
            typer.echo(f"cscheck: '{argv[0]}' is geen opdracht en geen bestand.{did_you_mean(argv[0], COMMANDS)} "
                       "Alle opdrachten: cscheck --help", err=True)
            return EXIT_ERROR
        argv = ["check", *argv]
    return run_app(app, argv)


def _looks_like_a_command(word: str) -> bool:
    """A mistyped command ("rule", "explian"): a bare word, no file of that name, close to a command."""
    from cscheck.suggest import closest

    bare = not word.startswith("-") and not set("./\\*?[") & set(word)
    return bare and not Path(word).exists() and closest(word, COMMANDS) is not None

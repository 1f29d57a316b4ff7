"""Command line: parse options, call the pipeline, choose a reporter. No checking logic lives here.

Exit codes: 0 = no finding at or above --fail-on; 1 = such findings; 2 = a file could not be checked
or the command was used wrongly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cscheck import __version__
from cscheck.report import FORMATS

if TYPE_CHECKING:  # imported where they are used, so that --help stays fast
    from cscheck.batch import Input
    from cscheck.config import Overrides, Resolver
    from cscheck.model import Report

DEFAULT_TIMEOUT = 120.0  # seconds per document in a batch (kept equal to cscheck.batch.DEFAULT_TIMEOUT)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
FAIL_ON = ("error", "warning", "info", "never")
DOCUMENT_TYPES = ("auto", "overeenkomst", "inkoopdocument-sas-met-emvi", "inkoopdocument-sas-zonder-emvi",
                  "inkoopdocument-toelatingsprocedure")
VARIANTS = ("auto", "maatwerk", "standaard")
COMMANDS = {"check", "rules", "explain", "reference", "init"}

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="cscheck: conformiteitscheck van gemeentelijke documenten tegen de Contractstandaarden.\n\n"
                       "Kort: cscheck overeenkomst.docx")
reference_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                            help="Referenties (manifesten) van de standaard: tonen en bouwen.")
app.add_typer(reference_app, name="reference")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"cscheck: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cscheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Toon de versie.")] = False) -> None:
    """cscheck: conformiteitscheck tegen de Contractstandaarden."""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Documenten, mappen of patronen (.docx, .md).")],
    standard: Annotated[str | None, typer.Option(
        help="auto, of een standaard zoals csw-1.2 / csw-1.3. Standaard: uit cscheck.yaml, anders auto.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"{', '.join(FORMATS[:-1])} of {FORMATS[-1]}.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Schrijf het rapport naar dit bestand.")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Alleen deze regels (naam of code).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Deze regels overslaan (naam of code).")] = None,
    fail_on: Annotated[str | None, typer.Option(
        help="error, warning, info of never. Standaard: uit cscheck.yaml, anders error.")] = None,
    reference_text: Annotated[Path | None, typer.Option(
        help="Officiële tekst (DOCX of MD) voor woord-voor-woord was/wordt.")] = None,
    config: Annotated[Path | None, typer.Option(
        help="Dit instellingenbestand (cscheck.yaml of pyproject.toml) in plaats van zoeken vanaf elk "
             "document.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Aantal documenten tegelijk; 0 = aantal processorkernen.")] = 0,
    timeout: Annotated[float, typer.Option(min=0, help="Seconden per document; daarna telt het als niet "
                                           "gecontroleerd. 0 = geen grens.")] = DEFAULT_TIMEOUT,
    annotate: Annotated[Path | None, typer.Option(
        help="Schrijf kopieën met Word-opmerkingen bij elke bevinding naar dit bestand (.docx) of deze map.")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Voortgangsbalk (alleen op een terminal).")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Geen voortgang en geen samenvatting.")] = False,
    document_type: Annotated[str, typer.Option(
        help="auto, overeenkomst of inkoopdocument-sas-met-emvi / -sas-zonder-emvi / -toelatingsprocedure.")
    ] = "auto",
    references: Annotated[list[Path] | None, typer.Option(
        help="Map met eigen referenties (uit 'cscheck reference build'), naast de meegeleverde. "
             "Ook: omgevingsvariabele CSCHECK_REFERENCES.")] = None,
    variant: Annotated[str, typer.Option(
        help="auto, maatwerk (overeenkomst met een niet-gecontracteerde aanbieder) of standaard.")] = "auto",
    debug: Annotated[bool, typer.Option(help="Toon interne fouten volledig (documenten één voor één).")] = False,
) -> None:
    """Controleer documenten tegen de standaard: bestanden, mappen (met submappen) of patronen."""
    from cscheck.annotate import AnnotateError, plan
    from cscheck.batch import BatchOptions, check_collected, collect, warm_up
    from cscheck.check import CheckOptions
    from cscheck.config import ConfigError, Overrides
    from cscheck.report.progress import progress as progress_bar
    from cscheck.report.progress import wanted

    if fmt not in FORMATS:
        raise _fail(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")
    _use_references(references or [])
    if fail_on is not None and fail_on not in FAIL_ON:
        raise _fail(f"--fail-on moet een van {', '.join(FAIL_ON)} zijn.")
    if document_type not in DOCUMENT_TYPES:
        raise _fail(f"onbekend documenttype '{document_type}'; kies uit {', '.join(DOCUMENT_TYPES)}.")
    if variant not in VARIANTS:
        raise _fail(f"--variant moet een van {', '.join(VARIANTS)} zijn.")
    resolver = _resolver(Overrides(standard=standard, fail_on=fail_on, select=_split(select) if select else None,
                                   ignore=_split(ignore) if ignore else None), config, reference_text)
    try:
        found = collect(paths, resolver.excluded)
        targets = plan(found.inputs, annotate) if annotate is not None else {}
    except (ConfigError, AnnotateError) as exc:
        raise _fail(str(exc)) from None
    if not found.inputs and not found.errors:
        raise _fail("geen documenten gevonden (.docx of .md).")
    if len(found.inputs) > 1 and not debug:
        warm_up()  # the workers' forkserver imports the pipeline while this process goes on
    _refuse_inputs(output, found.inputs)
    base = CheckOptions(reference_text=reference_text, debug=debug, document_type=document_type, variant=variant)
    options = BatchOptions(jobs=jobs, timeout=timeout or None, in_process=debug)
    try:
        with progress_bar(len(found.inputs), wanted(progress and not quiet)) as advance:
            report = check_collected(found, resolver, base, options, done=advance)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:  # the workers are stopped by now; exit 1 would read as "findings"
        typer.echo("cscheck: afgebroken.", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    summary = not quiet and len(report.documents) > 1
    _write_report(report, fmt, output, totals=not summary)
    annotated = _write_annotated(report, targets, found.inputs, quiet) if annotate is not None else True
    if summary:
        _print_summary(report, to_stderr=output is None and fmt != "text")
    raise typer.Exit(exit_code(report) if annotated else EXIT_ERROR)


def _use_references(folders: list[Path]) -> None:
    """Add the user's reference folders (before any worker starts: they inherit the environment), and
    refuse a folder or manifest that cannot be used before anything is checked."""
    import os

    from cscheck.reference.store import ENVIRONMENT, load_manifest, manifest_paths, reference_folders

    for folder in folders:
        if not folder.is_dir():
            raise _fail(f"--references: {folder} is geen map.")
    if folders:
        known = os.environ.get(ENVIRONMENT, "")
        os.environ[ENVIRONMENT] = os.pathsep.join([*(str(f.resolve()) for f in folders), *filter(None, [known])])
    extra = reference_folders()[1:]
    if not extra:
        return
    for folder in extra:
        if not folder.is_dir():
            raise _fail(f"{ENVIRONMENT}: {folder} is geen map.")
    for manifest_id, path in manifest_paths().items():
        try:
            load_manifest(manifest_id)
        except (ValueError, OSError):  # pydantic's ValidationError is a ValueError
            raise _fail(f"de referentie {path} kan niet worden gelezen (geen manifest van cscheck of van een "
                        "andere versie). Bouw hem opnieuw met 'cscheck reference build'.") from None


def _resolver(overrides: Overrides, config: Path | None, reference_text: Path | None) -> Resolver:
    """Check the command line's own values, then make the resolver of per-document settings."""
    from cscheck.config import Resolver, check_names
    from cscheck.reference.store import manifest_paths
    from cscheck.rules.engine import RuleError, load_rules, select_rules

    standards = list(manifest_paths())
    if overrides.standard is not None and overrides.standard != "auto" and overrides.standard not in standards:
        raise _fail(f"onbekende standaard '{overrides.standard}'; beschikbaar: {', '.join(standards)}.")
    if reference_text is not None and not reference_text.exists():
        raise _fail(f"--reference-text: {reference_text} bestaat niet.")
    if config is not None and not config.is_file():
        raise _fail(f"--config: {config} bestaat niet.")
    try:
        rules = load_rules()
        select_rules(rules, overrides.select or [], overrides.ignore or [])
    except RuleError as exc:
        raise _fail(str(exc)) from None
    return Resolver(overrides, config, validate=lambda cfg, source: check_names(cfg, source, rules, standards))


def _refuse_inputs(output: Path | None, inputs: list[Input]) -> None:
    if output is not None and any(i.path.resolve() == output.resolve() for i in inputs):
        raise _fail("--output mag niet een van de gecontroleerde bestanden zijn.")


def _write_report(report: Report, fmt: str, output: Path | None, totals: bool) -> None:
    import os

    from cscheck.report import renderer

    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = renderer(fmt)(report, color=color, totals=totals)
    if output is not None:
        _write(output, text)
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
            typer.echo(f"cscheck: kan de samenvatting niet schrijven naar {summary_file} ({exc.strerror}).", err=True)


def _write(path: Path, data: str | bytes) -> None:
    from cscheck.files import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise _fail(f"kan {path} niet schrijven ({exc.strerror}).") from None


def _write_annotated(report: Report, targets: dict[Path, Path], inputs: list[Input], quiet: bool) -> bool:
    """Write the annotated copies; False when one of them could not be made."""
    from cscheck.annotate import write_all
    from cscheck.rules.engine import load_rules

    written = write_all(report.documents, targets, load_rules())
    failed = [item for item in written if item.error]
    for item in failed:
        typer.echo(f"cscheck: geen kopie met opmerkingen van {item.source}: {item.error}", err=True)
    if quiet:
        return not failed
    for skipped in (i.path for i in inputs if i.path not in targets):
        typer.echo(f"{skipped}: geen .docx, dus geen kopie met opmerkingen.", err=True)
    for item in (item for item in written if not item.error):
        extra = f"; {item.without_place} bevinding(en) zonder vaste plek staan alleen in het rapport" \
            if item.without_place else ""
        typer.echo(f"{item.target}: {item.comments} opmerking(en){extra}.", err=True)
    return not failed


def _print_summary(report: Report, to_stderr: bool) -> None:
    import os
    import shutil

    from cscheck.report.summary import render

    stream = sys.stderr if to_stderr else sys.stdout
    color = stream.isatty() and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size((120, 24)).columns  # the terminal's width, or $COLUMNS
    stream.write(render(report, color=color, width=width))
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


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Waar het bestand komt.")] = Path("cscheck.yaml"),
    force: Annotated[bool, typer.Option(help="Overschrijf een bestaand bestand.")] = False,
) -> None:
    """Schrijf een cscheck.yaml met uitleg om mee te beginnen."""
    from cscheck.config import STARTER

    if path.is_dir():
        path = path / "cscheck.yaml"
    if path.exists() and not force:
        raise _fail(f"{path} bestaat al. Gebruik --force om het te overschrijven.")
    _write(path, STARTER)
    typer.echo(f"{path} geschreven. Pas het aan en zet het in de repository.")


@app.command("rules")
def list_rules() -> None:
    """Toon alle regels: naam, code, ernst en wat ze vinden."""
    from rich.console import Console
    from rich.table import Table

    from cscheck.rules.engine import load_rules

    table = Table(show_lines=False, box=None, pad_edge=False)
    for column in ("code", "naam", "ernst", "wat"):
        table.add_column(column)
    for rule in load_rules():
        table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
    Console(width=160).print(table)


@app.command()
def explain(rule: Annotated[str, typer.Argument(help="Naam of code van de regel.")]) -> None:
    """Leg een regel uit: waarom hij bestaat en wat u eraan doet."""
    from cscheck.rules.cases import examples
    from cscheck.rules.engine import load_rules

    found = next((r for r in load_rules() if rule.lower() in (r.name, r.code.lower())), None)
    if found is None:
        raise _fail(f"onbekende regel '{rule}'. Zie 'cscheck rules'.")
    kinds = ", ".join(sorted({d.kind for d in found.detect}))
    bad, good = examples(found.name)
    shown = "".join(f"\n\n{label}:\n  {text}" for label, text in (("Voorbeeld met bevinding", bad),
                                                                  ("Voorbeeld zonder bevinding", good)) if text)
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n{found.title}\n\n{found.summary}\n\n"
               f"Waarom:\n  {found.rationale}\n\nWat te doen:\n  {found.advice}{shown}\n\nControle: {kinds}; "
               f"geldt voor: {', '.join(found.applies_to)}")


@reference_app.command("list")
def reference_list() -> None:
    """Toon de beschikbare referenties."""
    from cscheck.reference.store import load_manifest, manifest_paths

    manifests = [load_manifest(mid) for mid in manifest_paths()]
    width = max((len(m.id) for m in manifests), default=0)
    for m in manifests:
        articles = sum(1 for a in m.artikelen if not a.section)
        what = "artikelen" if m.document_type == "overeenkomst" else "hoofdstukken en paragrafen"
        typer.echo(f"{m.id:{width}}  {m.standard} {m.version:4} {m.document_type:34} {articles:3} {what}")


@reference_app.command("show")
def reference_show(manifest_id: Annotated[str, typer.Argument(metavar="ID")]) -> None:
    """Toon de structuur van een referentie (zonder tekst van de standaard)."""
    from cscheck.reference.store import load_manifest

    try:
        m = load_manifest(manifest_id)
    except KeyError as exc:
        raise _fail(str(exc.args[0])) from None
    typer.echo(f"{m.id}: {m.standard} {m.version}, {m.document_type}")
    typer.echo(f"gebouwd uit: {', '.join(s.file for s in m.built_from[:5])}{' …' if len(m.built_from) > 5 else ''}")
    typer.echo(f"onderdelen voor deel 1: {', '.join(a.key for a in m.artikelen if a.section) or 'geen'}")
    for deel in m.delen:
        typer.echo(f"Deel {deel.number}")
        chapters = {h.first_article: h for h in deel.hoofdstukken}
        for art in m.artikelen:
            if art.deel != deel.number or art.section:
                continue
            if art.key in chapters:
                typer.echo(f"  Hoofdstuk {chapters[art.key].number}: {chapters[art.key].title}")
            leden = [lid.number for lid in art.leden if lid.number]
            slots = sum(1 for lid in art.leden for p in lid.pieces if p.t == "slot")
            typer.echo(f"    {art.key:6} {art.title[:60]:60} {art.kind:12} "
                       f"{len(leden) or '-':>2} leden  {slots or '-':>2} invulvelden")
    if m.groups:
        typer.echo("keuzes:")
        for g in m.groups.values():
            typer.echo(f"  {g.key}: {', '.join(g.alts)}{' (één kiezen)' if g.exclusive else ''}")


@reference_app.command("build")
def reference_build(
    source: Annotated[Path, typer.Argument(help="Officiële tekst: DOCX, Markdown of map met Markdown.")],
    manifest_id: Annotated[str, typer.Option("--id", help="Bijvoorbeeld csw-1.2 of csj-1.4.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=(
        "Manifestbestand (.json). Standaard: reference_texts/ in een checkout van cscheck, anders de "
        "huidige map."))] = None,
    kinds_from: Annotated[str | None, typer.Option(
        help="Neem de soorten artikelen (optioneel/vast) over van deze referentie.")] = None,
    sections_from: Annotated[str | None, typer.Option(
        help="Neem onderdelen die de bron mist (overwegingen, definities …) over van deze referentie.")] = None,
    structure_from: Annotated[str | None, typer.Option(
        help="Neem nummering en indeling over van deze referentie (voor een bron zonder kopniveaus).")] = None,
    document_type: Annotated[str, typer.Option(help="overeenkomst of een inkoopdocument-variant.")] = "overeenkomst",
) -> None:
    """Bouw een referentie uit de officiële tekst (alleen structuur en vingerafdrukken)."""
    from cscheck.files import write_atomic
    from cscheck.read import ReadError
    from cscheck.reference.build import build_manifest
    from cscheck.reference.store import load_manifest
    from cscheck.resources import reference_dir

    if not source.exists():
        raise _fail(f"{source} bestaat niet.")
    try:
        base = load_manifest(kinds_from) if kinds_from else None
        donor = load_manifest(sections_from) if sections_from else None
        numbers = load_manifest(structure_from) if structure_from else None
    except KeyError as exc:
        raise _fail(str(exc.args[0])) from None
    try:
        manifest = build_manifest(source, manifest_id, kinds_from=base, sections_from=donor,
                                  structure_from=numbers, document_type=document_type)
    except ReadError as exc:
        raise _fail(exc.message) from None
    shipped = reference_dir()
    # in a checkout the new manifest joins the shipped ones; an installed package is not written to
    in_package = shipped.is_relative_to(Path(__file__).resolve().parent)
    target = output or (Path.cwd() if in_package else shipped) / f"{manifest_id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".build")
    manifest.save(tmp)
    write_atomic(target, tmp.read_bytes())
    tmp.unlink()
    articles = sum(1 for a in manifest.artikelen if not a.section)
    typer.echo(f"{manifest_id}: {articles} artikelen, {len(manifest.groups)} keuzes → {target}")
    if not target.resolve().parent.samefile(shipped):
        typer.echo(f"Gebruik: cscheck check --references {target.parent} DOCUMENT "
                   f"(of zet CSCHECK_REFERENCES={target.parent.resolve()})")


def run(argv: list[str]) -> int:
    """Entry point; `cscheck PATH` is short for `cscheck check PATH`."""
    if argv and argv[0] not in COMMANDS and argv[0] not in ("--help", "-h", "--version"):
        argv = ["check", *argv]
    try:
        app(args=argv, prog_name="cscheck", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_ERROR)
    return EXIT_OK

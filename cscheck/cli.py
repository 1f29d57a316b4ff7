"""Command line: parse options, call the pipeline, choose a reporter. No checking logic lives here.

Exit codes: 0 = no finding at or above --fail-on; 1 = such findings; 2 = a file could not be checked
or the command was used wrongly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cscheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")
COMMANDS = {"check", "rules", "explain", "reference"}

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
    paths: Annotated[list[Path], typer.Argument(help="Documenten (.docx, .md) om te controleren.")],
    standard: Annotated[str, typer.Option(help="auto, of een standaard zoals csw-1.2 / csw-1.3.")] = "auto",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text of json.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Schrijf het rapport naar dit bestand.")] = None,
    select: Annotated[list[str] | None, typer.Option(help="Alleen deze regels (naam of code).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Deze regels overslaan (naam of code).")] = None,
    fail_on: Annotated[str, typer.Option(help="error, warning, info of never.")] = "error",
    reference_text: Annotated[Path | None, typer.Option(
        help="Officiële tekst (DOCX of MD) voor woord-voor-woord was/wordt.")] = None,
    debug: Annotated[bool, typer.Option(help="Toon interne fouten volledig.")] = False,
) -> None:
    """Controleer documenten tegen de standaard."""
    from cscheck.check import CheckOptions, check_document
    from cscheck.model import Report, ToolInfo
    from cscheck.reference.store import manifest_paths
    from cscheck.report import FORMATS, renderer
    from cscheck.rules.engine import RuleError, load_rules, select_rules

    if fmt not in FORMATS:
        raise _fail(f"onbekend formaat '{fmt}'; kies uit {', '.join(FORMATS)}.")
    if fail_on not in FAIL_ON:
        raise _fail(f"--fail-on moet een van {', '.join(FAIL_ON)} zijn.")
    if standard != "auto" and standard not in manifest_paths():
        raise _fail(f"onbekende standaard '{standard}'; beschikbaar: {', '.join(manifest_paths())}.")
    if reference_text is not None and not reference_text.exists():
        raise _fail(f"--reference-text: {reference_text} bestaat niet.")
    try:
        select_rules(load_rules(), _split(select), _split(ignore))
    except RuleError as exc:
        raise _fail(str(exc)) from None
    options = CheckOptions(standard=standard, select=_split(select), ignore=_split(ignore),
                           reference_text=reference_text, debug=debug)
    report = Report(tool=ToolInfo(version=__version__))
    for path in paths:
        report.documents.append(check_document(path, options))
    text = renderer(fmt)(report) if fmt != "text" else renderer(fmt)(report, color=None if output is None
                                                                      and sys.stdout.isatty() else False)
    if output is not None:
        from cscheck.files import write_atomic

        if any(Path(p).resolve() == output.resolve() for p in paths):
            raise _fail("--output mag niet een van de gecontroleerde bestanden zijn.")
        try:
            write_atomic(output, text)
        except OSError as exc:
            raise _fail(f"kan {output} niet schrijven ({exc.strerror}).") from None
    else:
        sys.stdout.write(text)
    raise typer.Exit(exit_code(report, fail_on))


def exit_code(report, fail_on: str) -> int:  # type: ignore[no-untyped-def]
    if any(d.status == "error" for d in report.documents):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_OK
    threshold = {"error": 3, "warning": 2, "info": 1}[fail_on]
    for doc in report.documents:
        for f in doc.findings:
            if not f.waived and f.severity.rank >= threshold:
                return EXIT_FINDINGS
    return EXIT_OK


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
    from cscheck.rules.engine import load_rules

    found = next((r for r in load_rules() if rule.lower() in (r.name, r.code.lower())), None)
    if found is None:
        raise _fail(f"onbekende regel '{rule}'. Zie 'cscheck rules'.")
    kinds = ", ".join(sorted({d.kind for d in found.detect}))
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n{found.title}\n\n{found.summary}\n\n"
               f"Waarom:\n  {found.rationale}\n\nWat te doen:\n  {found.advice}\n\nControle: {kinds}; "
               f"geldt voor: {', '.join(found.applies_to)}")


@reference_app.command("list")
def reference_list() -> None:
    """Toon de beschikbare referenties."""
    from cscheck.reference.store import load_manifest, manifest_paths

    for mid in manifest_paths():
        m = load_manifest(mid)
        articles = sum(1 for a in m.artikelen if not a.section)
        typer.echo(f"{m.id:28} {m.standard} {m.version:5} {m.document_type:36} {articles:3} artikelen/onderdelen")


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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Manifestbestand (.json).")] = None,
    kinds_from: Annotated[str | None, typer.Option(
        help="Neem de soorten artikelen (optioneel/vast) over van deze referentie.")] = None,
    sections_from: Annotated[str | None, typer.Option(
        help="Neem onderdelen die de bron mist (overwegingen, definities …) over van deze referentie.")] = None,
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
    except KeyError as exc:
        raise _fail(str(exc.args[0])) from None
    try:
        manifest = build_manifest(source, manifest_id, kinds_from=base, sections_from=donor,
                                  document_type=document_type)
    except ReadError as exc:
        raise _fail(exc.message) from None
    target = output or reference_dir() / f"{manifest_id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".build")
    manifest.save(tmp)
    write_atomic(target, tmp.read_bytes())
    tmp.unlink()
    articles = sum(1 for a in manifest.artikelen if not a.section)
    typer.echo(f"{manifest_id}: {articles} artikelen, {len(manifest.groups)} keuzes → {target}")


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

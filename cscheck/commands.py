"""The commands around the check: `init`, `demo`, `rules`, `explain` and `reference list/show/build` (the check
itself is in cli.py), and what the check shares with them: the user's reference folders and writing a file.
Registered on the app by `register`; light to import, like cli.py (each command imports what it needs when it
runs)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cscheck.suggest import did_you_mean
from cscheck.usage import CONTEXT, EXIT_USAGE, DutchCommand, DutchGroup, choice, epilog, fail

EXITS = "0 = gelukt, 2 = verkeerd gebruikt."

reference_app = typer.Typer(cls=DutchGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                            context_settings=CONTEXT, epilog=epilog(EXITS, "cscheck reference list"),
                            help="Referenties (manifesten) van de standaard: tonen en bouwen.")


INIT_EPILOG = epilog(
    "0 = geschreven, 2 = het bestand bestaat al of kan niet worden geschreven.",
    "cscheck init", "cscheck init contracten/ --force", "cscheck explain config   (uitleg van alle sleutels)")


def init(
    path: Annotated[Path, typer.Argument(metavar="BESTAND", help=(
        "Waar het bestand komt; een map krijgt er een cscheck.yaml in."))] = Path("cscheck.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overschrijf een bestaand bestand.")] = False,
) -> None:
    """Schrijf een cscheck.yaml met uitleg en voorbeelden om mee te beginnen."""
    from cscheck.config import STARTER

    if path.is_dir():
        path = path / "cscheck.yaml"
    if path.exists() and not force:
        raise fail(f"{path} bestaat al. Gebruik --force om het te overschrijven.")
    write_or_fail(path, STARTER)
    typer.echo(f"{path} geschreven. Pas het aan en zet het in de repository; uitleg: cscheck explain config")


DEMO_EPILOG = epilog("0 = de voorbeelden geven wat ze moeten geven, 2 = de map kan niet worden gebruikt of een "
                     "voorbeeld geeft iets anders.", "cscheck demo", "cscheck demo /tmp/proef")


def demo(
    folder: Annotated[Path, typer.Argument(metavar="MAP", help="Waar de voorbeelden komen.")] = Path("cscheck-demo"),
) -> None:
    """Probeer cscheck uit: maak voorbeelden en controleer ze."""
    import os

    from cscheck.demo import DemoError, render, run_demo
    try:
        run = run_demo(folder)
    except DemoError as exc:
        raise fail(str(exc)) from None
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(render(run, color=color))
    sys.stdout.flush()
    raise typer.Exit(EXIT_USAGE if run.unexpected else 0)


RULES_EPILOG = epilog(EXITS, "cscheck rules", "cscheck rules --format json")


def list_rules(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAAT", help="text of json.")] = "text",
) -> None:
    """Toon alle regels: code, naam, ernst en wat ze vinden."""
    import shutil

    from cscheck.catalog import rules_json, rules_text
    from cscheck.rules.engine import load_rules

    choice("--format", fmt, ("text", "json"))
    rules = load_rules()
    width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else None
    typer.echo(rules_json(rules) if fmt == "json" else rules_text(rules, width=width), nl=False)


EXPLAIN_EPILOG = epilog("0 = uitgelegd, 2 = onbekende regel.", "cscheck explain deel3-gewijzigd",
                        "cscheck explain CS201", "cscheck explain config")


def explain(rule: Annotated[str, typer.Argument(metavar="REGEL", help=(
        "Naam of code van een regel (zie 'cscheck rules'), of config voor de uitleg van cscheck.yaml."))]) -> None:
    """Leg een regel uit: wat hij vindt, waarom, en wat u eraan doet. 'explain config' legt cscheck.yaml uit."""
    from cscheck.catalog import CONFIG_TOPIC, explain_text, find_rule
    from cscheck.rules.engine import load_rules

    if rule.lower() == CONFIG_TOPIC:
        _show_guide("configuration.md")
        return
    rules = load_rules()
    found = find_rule(rules, rule)
    if found is None:
        from cscheck.suggest import unknown_rules

        raise fail(unknown_rules([rule], rules))
    typer.echo(explain_text(found), nl=False)


def _show_guide(name: str) -> None:
    """A page of the documentation: drawn on a terminal, as Markdown text into a pipe."""
    from cscheck.resources import guide

    text = guide(name).read_text(encoding="utf-8")
    if not sys.stdout.isatty():
        typer.echo(text, nl=False)
        return
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))


REFERENCES_OPTION = typer.Option(metavar="MAP", help=(
    "Ook de eigen referenties in deze map (uit 'cscheck reference build'); ook via CSCHECK_REFERENCES."))


@reference_app.command("list", cls=DutchCommand, context_settings=CONTEXT, epilog=epilog(
    EXITS, "cscheck reference list", "cscheck reference list --references referenties/"))
def reference_list(references: Annotated[list[Path] | None, REFERENCES_OPTION] = None) -> None:
    """Toon de beschikbare referenties: meegeleverd en eigen."""
    from cscheck.catalog import references_text
    from cscheck.reference.store import load_manifest, manifest_paths

    use_references(references or [])
    typer.echo(references_text([load_manifest(mid) for mid in manifest_paths()]), nl=False)


@reference_app.command("show", cls=DutchCommand, context_settings=CONTEXT, epilog=epilog(
    "0 = getoond, 2 = onbekende referentie.", "cscheck reference show csw-1.2",
    "cscheck reference show csj-1.4 --references referenties/"))
def reference_show(
    manifest_id: Annotated[str, typer.Argument(metavar="ID", help="De referentie, zie 'cscheck reference list'.")],
    references: Annotated[list[Path] | None, REFERENCES_OPTION] = None,
) -> None:
    """Toon de structuur van een referentie (zonder tekst van de standaard)."""
    from cscheck.catalog import reference_text
    from cscheck.reference.store import load_manifest, manifest_paths

    use_references(references or [])
    known = list(manifest_paths())
    if manifest_id not in known:
        raise fail(f"onbekende referentie '{manifest_id}'.{did_you_mean(manifest_id, known)} "
                   f"Beschikbaar: {', '.join(known)}.")
    typer.echo(reference_text(load_manifest(manifest_id)), nl=False)


@reference_app.command("build", cls=DutchCommand, context_settings=CONTEXT, epilog=epilog(
    "0 = gebouwd, 2 = de bron kan niet worden gelezen of de opdracht is verkeerd gebruikt.",
    "cscheck reference build CSJ-overeenkomst.docx --id csj-1.4 -o referenties/csj-1.4.json"))
def reference_build(
    source: Annotated[Path, typer.Argument(metavar="BRON", help=(
        "De officiële tekst: DOCX, Markdown of een map met Markdown."))],
    manifest_id: Annotated[str, typer.Option("--id", metavar="ID", help="Bijvoorbeeld csw-1.2 of csj-1.4.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="BESTAND", help=(
        "Manifestbestand (.json) (standaardwaarde: reference_texts/ in een checkout van cscheck, anders de "
        "huidige map)."))] = None,
    kinds_from: Annotated[str | None, typer.Option(metavar="ID", help=(
        "Neem de soorten artikelen (optioneel, vast …) over van deze referentie."))] = None,
    sections_from: Annotated[str | None, typer.Option(metavar="ID", help=(
        "Neem onderdelen die de bron mist (overwegingen, definities …) over van deze referentie."))] = None,
    structure_from: Annotated[str | None, typer.Option(metavar="ID", help=(
        "Neem nummering en indeling over van deze referentie (voor een bron zonder kopniveaus)."))] = None,
    document_type: Annotated[str, typer.Option(metavar="SOORT", help=(
        "overeenkomst of een inkoopdocument-variant."))] = "overeenkomst",
) -> None:
    """Bouw een referentie uit de officiële tekst (alleen structuur en vingerafdrukken)."""
    from cscheck.files import write_atomic
    from cscheck.read import ReadError
    from cscheck.reference.build import build_manifest
    from cscheck.reference.store import load_manifest, update_index
    from cscheck.resources import reference_dir

    if not source.exists():
        raise fail(f"{source} bestaat niet.")
    try:
        base = load_manifest(kinds_from) if kinds_from else None
        donor = load_manifest(sections_from) if sections_from else None
        numbers = load_manifest(structure_from) if structure_from else None
    except KeyError as exc:
        raise fail(str(exc.args[0])) from None
    try:
        manifest = build_manifest(source, manifest_id, kinds_from=base, sections_from=donor,
                                  structure_from=numbers, document_type=document_type)
    except ReadError as exc:
        raise fail(exc.message) from None
    shipped = reference_dir()
    # in a checkout the new manifest joins the shipped ones; an installed package is not written to
    in_package = shipped.is_relative_to(Path(__file__).resolve().parent)
    target = output or (Path.cwd() if in_package else shipped) / f"{manifest_id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".build")
    manifest.save(tmp)
    write_atomic(target, tmp.read_bytes())
    tmp.unlink()
    update_index(target.parent)
    articles = sum(1 for a in manifest.artikelen if not a.section)
    typer.echo(f"{manifest_id}: {articles} artikelen, {len(manifest.groups)} keuzes → {target}")
    if not target.resolve().parent.samefile(shipped):
        typer.echo(f"Gebruik: cscheck check --references {target.parent} DOCUMENT "
                   f"(of zet CSCHECK_REFERENCES={target.parent.resolve()})")


def use_references(folders: list[Path]) -> None:
    """Add the user's reference folders (before any worker starts: they inherit the environment), and
    refuse a folder or manifest that cannot be used before anything is checked."""
    import os

    from cscheck.reference.store import ENVIRONMENT, load_manifest, manifest_paths, reference_folders

    for folder in folders:
        if not folder.is_dir():
            raise fail(f"--references: {folder} is geen map.")
    if folders:
        known = os.environ.get(ENVIRONMENT, "")
        os.environ[ENVIRONMENT] = os.pathsep.join([*(str(f.resolve()) for f in folders), *filter(None, [known])])
    extra = reference_folders()[1:]
    if not extra:
        return
    for folder in extra:
        if not folder.is_dir():
            raise fail(f"{ENVIRONMENT}: {folder} is geen map.")
    for manifest_id, path in manifest_paths().items():
        try:
            load_manifest(manifest_id)
        except (ValueError, OSError):  # msgspec's DecodeError and ValidationError are ValueErrors
            raise fail(f"de referentie {path} kan niet worden gelezen (geen manifest van cscheck of van een "
                       "andere versie). Bouw hem opnieuw met 'cscheck reference build'.") from None


def write_or_fail(path: Path, data: str | bytes) -> None:
    """Write a file atomically, or stop with the Dutch reason it cannot be written."""
    from cscheck.files import os_reason, write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise fail(f"kan {path} niet schrijven ({os_reason(exc)}).") from None


def register(app: typer.Typer) -> None:
    """Add these commands to the app, after `check`."""
    app.command(cls=DutchCommand, context_settings=CONTEXT, epilog=INIT_EPILOG)(init)
    app.command(cls=DutchCommand, context_settings=CONTEXT, epilog=DEMO_EPILOG)(demo)
    app.command("rules", cls=DutchCommand, context_settings=CONTEXT, epilog=RULES_EPILOG)(list_rules)
    app.command(cls=DutchCommand, context_settings=CONTEXT, epilog=EXPLAIN_EPILOG)(explain)
    app.add_typer(reference_app, name="reference")

"""How the command line speaks Dutch: the help pages and the usage errors.

Typer vendors click (`typer._click`), whose help headings, "[default: …]" and error messages are English.
The command classes here write the help in Dutch: "Gebruik:", "Argumenten", "Opties", "Opdrachten", each
parameter with its own metavar (BESTAND, MAP, AANTAL), a default as "standaardwaarde", and the epilog
(exit codes and examples) kept as written. The app runs with `standalone_mode=False`, so that click raises
its usage errors instead of printing them; `run_app` turns each into one Dutch message with "Bedoelt u …?"
where a name was mistyped, and keeps exit code 2.

Light to import: the command line loads this module at every start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click as click
from typer.core import TyperCommand, TyperGroup

from cscheck.suggest import did_you_mean

OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "OPDRACHT [ARGUMENTEN]..."
HELP_TEXT = "Toon deze uitleg."
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def epilog(exit_codes: str, *examples: str) -> str:
    """The end of a command's help: its exit codes, and its examples as written ('\\b' keeps click from
    re-wrapping them)."""
    lines = [f"Exitcodes: {exit_codes}", "", "\b", "Voorbeelden:", *(f"  {e}" for e in examples)]
    return "\n".join(lines)


def _default(param: click.Parameter) -> str | None:
    """The default worth showing: a number, a word or a file name (not None, off, or an empty list)."""
    value = param.default
    if value is None or value is False or value == [] or callable(value) or getattr(param, "is_flag", False):
        return None
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _record(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    record = param.get_help_record(ctx)  # the names and metavar as click writes them; the help is ours
    if record is None:
        return None
    help_text = param.help or ""
    extra = [f"standaardwaarde: {default}"] if (default := _default(param)) is not None else []
    if param.required and param.param_type_name == "option":
        extra.append("verplicht")
    if extra:
        end = "." if help_text.endswith(".") else ""
        help_text = f"{help_text.removesuffix('.')} ({'; '.join(extra)}){end}".lstrip()
    return record[0], help_text


def _usage_piece(param: click.Parameter) -> str:
    name = param.metavar or (param.name or "").upper()
    if param.nargs == -1:
        name += "..."
    return name if param.required else f"[{name}]"


class _Dutch:
    """Help in Dutch for a command or a group (mixed in before the Typer class)."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Gebruik: ")

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [OPTIONS_METAVAR]
        pieces += [_usage_piece(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]  # type: ignore[attr-defined]
        return pieces

    def get_help_option(self, ctx: click.Context) -> click.Parameter | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option  # type: ignore[no-any-return]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        for title, kind in (("Argumenten", "argument"), ("Opties", "option")):
            records = [r for p in params if p.param_type_name == kind and (r := _record(p, ctx)) is not None]
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


class DutchCommand(_Dutch, TyperCommand):
    """A command whose help is Dutch."""


class DutchGroup(_Dutch, TyperGroup):
    """A group of commands whose help is Dutch."""

    def __init__(self, **attrs: Any) -> None:
        attrs["subcommand_metavar"] = attrs.get("subcommand_metavar") or SUBCOMMAND_METAVAR
        super().__init__(**attrs)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [OPTIONS_METAVAR, self.subcommand_metavar]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        rows = [(name, command.get_short_help_str(limit=formatter.width - 16))
                for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Opdrachten"):
                formatter.write_dl(rows)


# ---------------------------------------------------------------------------------------------
# usage errors

EXIT_USAGE = 2  # a document could not be checked, or the command was used wrongly


def fail(message: str) -> typer.Exit:
    """Say in Dutch what is wrong and return the exit (code 2) to raise."""
    typer.echo(f"cscheck: {message}", err=True)
    return typer.Exit(EXIT_USAGE)


def choice(option: str, value: str, known: Sequence[str]) -> str:
    """`value` when it is one of `known`; otherwise stop with the choices and the closest one."""
    if value not in known:
        raise fail(f"{option}: '{value}' bestaat niet.{did_you_mean(value, known)} Kies uit {', '.join(known)}.")
    return value


def _option_names(ctx: click.Context | None) -> list[str]:
    if ctx is None:
        return []
    return [name for p in ctx.command.get_params(ctx) for name in (*p.opts, *p.secondary_opts) if name.startswith("-")]


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return "een waarde"
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "").upper()
    return max(param.opts, key=len)


def _bad_value(exc: click.BadParameter) -> str:
    """"'abc' is not a valid integer." and the like, from the parameter's type, in Dutch."""
    param, kind = exc.param, exc.param.type if exc.param is not None else None
    found = re.match(r"(?P<value>.+?) is not (?:a valid|in the range)", exc.message)
    value = found["value"] if found else ""
    if isinstance(kind, click.types._NumberRangeBase) and "range" in exc.message and "not a valid" not in exc.message:
        low, high = kind.min, kind.max
        bounds = (f"{low:g} of meer" if high is None else f"{high:g} of minder" if low is None
                  else f"van {low:g} tot en met {high:g}")
        detail = f"{value} kan niet; het moet {bounds} zijn"
    elif isinstance(kind, click.types.IntParamType):
        detail = f"{value} is geen geheel getal"
    elif isinstance(kind, click.types.FloatParamType):
        detail = f"{value} is geen getal"
    else:
        detail = f"{value} kan hier niet" if value else "deze waarde kan hier niet"
    return f"ongeldige waarde voor {_param_name(param)}: {detail}."


def _message(exc: click.ClickException) -> str:
    """The Dutch message for one of click's exceptions (never its English text)."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.exceptions.MissingParameter):
        param = exc.param
        if param is not None and param.param_type_name == "argument":
            return f"{_param_name(param)} ontbreekt. {param.help or ''}".rstrip()
        return f"de optie {_param_name(param)} ontbreekt."
    if isinstance(exc, click.exceptions.NoSuchOption):
        return f"onbekende optie {exc.option_name}.{did_you_mean(exc.option_name, _option_names(ctx))}"
    if isinstance(exc, click.exceptions.BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"de optie {exc.option_name} neemt geen waarde."
        return f"de optie {exc.option_name} verwacht een waarde."
    if isinstance(exc, click.exceptions.BadParameter):
        return _bad_value(exc)
    if isinstance(exc, click.exceptions.UsageError):
        command = re.match(r"No such command '(.+?)'", exc.message)
        if command and ctx is not None:
            names = list(getattr(ctx.command, "commands", {}))
            return f"onbekende opdracht '{command[1]}'.{did_you_mean(command[1], names)}"
        extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", exc.message)
        if extra:
            return f"te veel argumenten: {extra[1]}."
        if exc.message.startswith("Missing command"):
            return "geef een opdracht."
        return "de opdracht is verkeerd gebruikt."
    return "de opdracht kon niet worden uitgevoerd."


def explain(exc: click.ClickException) -> str:
    """The whole Dutch answer to a usage error: the message, the command's usage line and where help is."""
    ctx = getattr(exc, "ctx", None)
    lines = [f"cscheck: {_message(exc)}"]
    if ctx is not None:
        lines.append(f"{ctx.get_usage()}\nUitleg: {ctx.command_path} --help")
    return "\n".join(lines)


def run_app(app: typer.Typer, argv: Sequence[str]) -> int:
    """Run the app on `argv` and return its exit code; usage errors are answered in Dutch (exit code 2)."""
    try:
        result = app(args=list(argv), prog_name="cscheck", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help(), err=True)
        return exc.exit_code
    except click.ClickException as exc:
        typer.echo(explain(exc), err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        typer.echo("cscheck: afgebroken.", err=True)
        return 130
    return result if isinstance(result, int) else 0

"""Files cscheck reads and writes itself: YAML (rules, configuration) parsed with the C parser, what msgspec
found wrong in them taken apart, outputs written without ever leaving a half-written file, never over an
input, and why the operating system refused a file, in Dutch."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# strerror is the C library's English; these are the reasons a user meets when a file is named wrongly
_OS_REASONS = {
    errno.ENOENT: "bestand of map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.EACCES: "geen toegang: u hebt niet de rechten voor dit bestand of deze map",
    errno.EPERM: "dit is niet toegestaan",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EEXIST: "bestaat al",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EBUSY: "het bestand is in gebruik",
    errno.EMFILE: "te veel open bestanden",
    errno.EIO: "lees- of schrijffout van de schijf",
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused a file, in Dutch (the English strerror only for rare errors)."""
    return _OS_REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def parse_yaml(text: str) -> Any:
    """Safe YAML, with libyaml's parser when PyYAML has it: ten times faster for the rule files read at
    every start."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class Invalid(NamedTuple):
    """A msgspec ValidationError taken apart, for a Dutch message about the file it came from."""

    message: str  # msgspec's own words, without the place
    path: str  # the place after "$": ".waivers[0].until"; a dict's key is written "[...]"
    field: str | None  # the field an "unknown field" or "missing required field" message names
    missing: bool  # … and it is missing (not unknown)


_VALIDATION = re.compile(r"(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?", re.S)
_FIELD = re.compile(r"Object (?P<what>contains unknown|missing required) field `(?P<field>[^`]*)`")


def invalid(error: str) -> Invalid:
    """What `str(msgspec.ValidationError)` says: "<message> - at `$<path>`" (the place only when not the top)."""
    m = _VALIDATION.fullmatch(error)
    message, path = (m["message"], m["path"] or "") if m else (error, "")
    field = _FIELD.fullmatch(message)
    return Invalid(message, path, field["field"] if field else None,
                   bool(field) and field["what"] == "missing required")


class Number(str):
    """A number in a configuration file, kept as it was written: `article: 3.10` is "3.10", not 3.1."""


def parse_config_yaml(text: str) -> Any:
    """YAML for a configuration file: numbers stay text as written (`Number`), and a key given twice is
    refused instead of the last one silently winning (a ConstructorError "duplicate key", its mark the second
    place and its note the line of the first); a date that does not exist is a ConstructorError "invalid date"."""
    import yaml

    return yaml.load(text, Loader=_config_loader())


@lru_cache(maxsize=1)
def _config_loader() -> type:
    import yaml
    from yaml.constructor import ConstructorError

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class ConfigLoader(base):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = getattr(key_node, "value", None)
                if isinstance(key, str) and key in seen:
                    raise ConstructorError(None, None, "duplicate key", key_node.start_mark,
                                           note=str(seen[key].line + 1))
                seen.setdefault(key, key_node.start_mark)
            return super().construct_mapping(node, deep)

    def number(loader: Any, node: Any) -> Number:
        return Number(node.value)

    def timestamp(loader: Any, node: Any) -> Any:
        # a date that does not exist (2027-13-01) is a ValueError inside PyYAML: make it a YAML error at its place
        try:
            return base.construct_yaml_timestamp(loader, node)
        except ValueError:
            raise ConstructorError(None, None, "invalid date", node.start_mark) from None

    ConfigLoader.add_constructor("tag:yaml.org,2002:int", number)
    ConfigLoader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    ConfigLoader.add_constructor("tag:yaml.org,2002:float", number)
    return ConfigLoader


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

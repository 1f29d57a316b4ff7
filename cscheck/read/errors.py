"""The one exception of the read stage: a file that cannot be read, with a Dutch explanation."""

from __future__ import annotations


class ReadError(Exception):
    """A document that cannot be read. `kind` is stable (used in JSON), `message` is for people.

    `convertible` names a format LibreOffice can turn into .docx (".doc", ".odt", ".rtf" …): such a file is
    read after conversion when LibreOffice is installed (`convert.py`)."""

    def __init__(self, kind: str, message: str, convertible: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.convertible = convertible


def from_os_error(exc: OSError) -> ReadError:
    """The Dutch message for a file the operating system would not give us."""
    if isinstance(exc, PermissionError):
        return ReadError("geen-toegang", "Het bestand kan niet worden gelezen: u hebt geen leesrechten op dit "
                         "bestand of de map waarin het staat.")
    if isinstance(exc, IsADirectoryError):
        return ReadError("geen-bestand", "Dit is een map, geen bestand.")
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return ReadError("niet-gevonden", "Het bestand bestaat niet (meer); is het verplaatst of verwijderd?")
    from cscheck.files import os_reason

    reason = os_reason(exc)
    return ReadError("leesfout", f"Het bestand kan niet worden gelezen ({reason}).")


def damaged(detail: str) -> ReadError:
    """A file that is broken or incomplete; `detail` says where."""
    return ReadError("beschadigd", f"Het bestand is beschadigd of onvolledig ({detail}). Open het in Word en sla "
                     "het opnieuw op als .docx.")

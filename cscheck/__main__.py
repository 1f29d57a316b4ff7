"""`python -m cscheck` and the `cscheck` console script."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    # only `-f sarif` loads pydantic (through sarif-pydantic); at its first model it would look for plugins in the
    # metadata of every installed package: ~20 ms, for plugins cscheck does not use
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from cscheck.cli import run

    sys.exit(run(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()

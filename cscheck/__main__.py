"""`python -m cscheck` and the `cscheck` console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from cscheck.cli import run

    sys.exit(run(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()

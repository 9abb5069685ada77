"""``python -m gonp info`` prints the configuration; ``python -m gonp demo``
runs the recipe demo (its options after ``demo``: ``--quick``, ``--only``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

_USAGE = """usage: python -m gonp {info,demo} [options]

  info [--json]   gonp and Go versions, SIMD path and CPU features, threads,
                  thresholds, library path, optional packages
  demo [--quick] [--only NAMES]
                  time the multiprocessing recipes against NumPy and gonp
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run a ``python -m gonp`` subcommand and return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_USAGE, end="")
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "info":
        from gonp._info import show_config

        if rest not in ([], ["--json"]):
            print(_USAGE, end="", file=sys.stderr)
            return 2
        show_config(mode="json" if rest else "stdout")
        return 0
    if command == "demo":
        from gonp import demo

        return demo.main(rest)
    print(f"python -m gonp: unknown command {command!r}\n{_USAGE}", end="", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""The ``govgames`` command line.

Sub-commands live in :mod:`govgames.analyses.commands`, one module each, with ``add_parser(subparsers)``
and ``run(args) -> int``. Exit status: 0 done, 2 bad input (one clear line on stderr), 1 a fault
of the program.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from govgames.games.errors import InputError

#: sub-command name -> module in analyses.commands
COMMANDS = {
    "solve": "solve",
    "value": "value",
    "analyses": "cases",
    "report": "report",
}


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; make its message one line (no usage block)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available sub-command."""
    parser = _Parser(prog="govgames", description="Game theory of cooperation among governments.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module in COMMANDS.items():
        try:
            mod = importlib.import_module(f"govgames.analyses.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name == f"govgames.analyses.commands.{module}":
                continue  # sub-command not built yet
            raise
        mod.add_parser(sub)
    return parser


def main(argv=None) -> int:
    """Entry point of the ``govgames`` console script.

    >>> main(["solve", "no-such-file.json"])
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        print(f"govgames {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, FileExistsError,
            PermissionError) as exc:
        print(f"govgames {args.command}: error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

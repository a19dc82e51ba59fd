"""The ``govgames`` command line.

Sub-commands live in :mod:`govgames.analyses.commands`, one module each, with
``add_parser(subparsers)`` and ``run(args) -> int``. Exit status: 0 done, 2 bad input (one clear
line on stderr), 1 a fault of the program.

Parsing the arguments is fast: this module and the ``add_parser`` functions import nothing
heavy (no numpy, sympy, scipy, pandas, matplotlib or networkx, not even :mod:`govgames.games`),
so ``govgames --help``, ``govgames --version`` and every usage error answer at once; each
sub-command imports what it needs inside its ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import warnings

from govgames._version import __version__

#: sub-command name -> module in analyses.commands
COMMANDS = {
    "solve": "solve",
    "value": "value",
    "analyses": "cases",
    "report": "report",
}


#: Longest error message printed (characters); longer ones are cut with their length.
MAX_MESSAGE = 600

_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message, limit: int = MAX_MESSAGE) -> str:
    """A message as one safe line: control characters, newlines, terminal escape sequences and
    lone surrogates escaped (``\\n``, ``\\x1b``, ``\\ud800``); cut to ``limit`` characters
    with the full length noted.

    >>> one_line("bad name 'A\\nB\\x1b[31m'")
    "bad name 'A\\\\nB\\\\x1b[31m'"
    >>> one_line("x" * 1000, limit=40)
    'xxxxxxxxxxxxxxxxxxx... (1000 characters)'
    """
    text = str(message)

    def escape(m):
        c = m.group(0)
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (
            f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")

    safe = _UNSAFE.sub(escape, text)
    if len(safe) > limit:
        tail = f"... ({len(text)} characters)"
        safe = safe[:max(0, limit - len(tail))] + tail
    return safe


#: Unsafe in normal output: like ``_UNSAFE`` but tabs and newlines keep their meaning.
_UNSAFE_OUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape_char(m) -> str:
    c = m.group(0)
    return "\\r" if c == "\r" else f"\\x{ord(c):02x}" if ord(c) < 0x20 else f"\\u{ord(c):04x}"


class _SafeStream:
    """Standard output of a sub-command: control characters, terminal escape sequences and
    lone surrogates in names or titles are written escaped (``\\x1b``, ``\\u009b``,
    ``\\ud800``), so a hostile label can neither drive the terminal nor crash the encoder.
    Inside JSON strings these escapes are valid JSON (``json.dumps`` escapes the rest)."""

    def __init__(self, raw):
        self._raw = raw

    def write(self, text):
        self._raw.write(_UNSAFE_OUT.sub(_escape_char, text))
        return len(text)

    def __getattr__(self, name):
        return getattr(self._raw, name)


def print_error(command: str, message) -> None:
    """Print ``govgames COMMAND: error: MESSAGE`` as one safe line on stderr (see :func:`one_line`)."""
    print(f"govgames {command}: error: {one_line(message)}", file=sys.stderr, flush=True)


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; make its message one line (no usage block)."""

    def error(self, message):
        self.exit(2, one_line(f"{self.prog}: error: {message} (see '{self.prog} --help')") + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available sub-command.

    Examples
    --------
    >>> build_parser().parse_args(["solve", "game.nfg", "--method", "pure"]).method
    'pure'
    """
    parser = _Parser(prog="govgames", description="Game theory of cooperation among governments.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
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


def _where(args) -> str:
    """``"FILE: "`` for commands that read a file (``-`` is standard input), else ``""``."""
    name = getattr(args, "file", None)
    if not isinstance(name, str) or not name:
        return ""
    return "<stdin>: " if name == "-" else f"{name}: "


def main(argv=None) -> int:
    """Entry point of the ``govgames`` console script.

    >>> main(["solve", "no-such-file.json"])
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    from govgames.games.errors import InputError  # imports govgames.games: only now

    try:
        # numeric warnings are held back: printed as one-line notes after a result, dropped
        # when the input is refused (the error line is then the only output on stderr)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            raw = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = _SafeStream(raw[0]), _SafeStream(raw[1])
            try:
                status = int(args.run(args) or 0)
            finally:
                sys.stdout, sys.stderr = raw
        for w in {str(w.message): w for w in caught if issubclass(w.category, RuntimeWarning)}:
            print(f"govgames {args.command}: warning: {one_line(w)}", file=sys.stderr)
        return status
    except InputError as exc:
        print_error(args.command, exc)
        return 2
    except OSError as exc:  # no such file, permission, name too long, file exists, ...
        if isinstance(exc, BrokenPipeError):
            return 0
        name = exc.filename if exc.filename is not None else ""
        print_error(args.command, f"{name}: {exc.strerror or exc}" if name else exc)
        return 2
    except RecursionError:
        # named like every other error (a 20,000-level game tree under --method all said only
        # "the input is nested too deeply")
        # never suggest the method that just failed (--method backward on a 700-level chain
        # was told to try backward)
        others = [m for m in ("backward", "subgame-perfect", "sequence")
                  if m != getattr(args, "method", None)]
        print_error(args.command, _where(args) + "the input is nested too deeply for this "
                    "command; try another method (for game trees: " + ", ".join(others[:-1])
                    + " or " + others[-1] + ")")
        return 2
    except MemoryError:
        print_error(args.command, _where(args) + "not enough memory for this input: try a "
                    "smaller input, another method or sampling")
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

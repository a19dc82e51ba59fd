"""``govgames solve FILE [--format nfg|json] [--method M] [--max-unknowns N] [--max-degree N]
[--max-cost N] [--json]``: the equilibria of a game file.

Reads a Gambit ``.nfg`` or a JSON normal-form file (:func:`govgames.games.io.read_game`; ``-``
reads standard input, with ``--format``), solves it with
:func:`govgames.games.solve.nash_equilibria` and prints the game table and the equilibria
(supports, probabilities, payoffs, notes such as degeneracy), or with ``--json`` one object
(documented with an example in the file-format reference of the documentation)::

    {"players": [...], "strategies": [[...], ...],
     "equilibria": [{"profile": [[p, ...], ...], "payoffs": [...]}, ...],
     "method": "vertex", "degenerate": false, "continua": 0, "notes": [...]}

A JSON game whose parameters are not all given values is analysed symbolically: the command
prints, for each pure profile, the conditions on the free parameters under which it is a Nash
equilibrium (:func:`govgames.games.symbolic.symbolic_report`); with ``--json`` the object holds
``"parameters"`` and ``"conditions"`` instead of ``"equilibria"``.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

from ._common import number_text, print_json, read_input, text_table

__all__ = ["add_parser", "run", "METHODS"]

#: The methods of :data:`govgames.games.solve.METHODS`, written out here so that parsing the
#: arguments imports nothing heavy (a test checks that the two agree).
METHODS = ("all", "pure", "support", "vertex", "lemke-howson", "polynomial", "logit")

#: The methods for continuous games (:data:`govgames.analyses.commands._continuous.METHODS`).
CONTINUOUS_METHODS = ("auto", "symmetric", "exact", "numeric", "iteration")

#: The methods for game trees (:data:`govgames.games.extensive.TREE_METHODS`).
TREE_METHODS = ("all", "pure", "sequence", "subgame-perfect", "backward")

#: Games with more pure profiles than this are described in one line instead of printing their
#: payoff table (a 20-player game's table is 168 MB of text).
PRINT_TABLE_MAX_PROFILES = 10_000

#: 2-player games with at least this many strategies for both players get a note on stderr
#: before a full enumeration (a random 15x15 game takes seconds, an 18x18 one minutes).
LARGE_ENUMERATION = 16


def add_parser(subparsers):
    """Register the ``solve`` sub-command."""
    p = subparsers.add_parser(
        "solve", help="equilibria of a game in .nfg, .efg or .json",
        description="Nash equilibria of a normal-form game read from a Gambit .nfg file or a "
                    "JSON game file, or of a game tree (Gambit .efg, JSON \"tree\") as "
                    "behaviour profiles. Exit status 2 on bad input.")
    p.add_argument("file", metavar="FILE",
                   help="game file (.nfg, .efg or .json); - reads standard input")
    p.add_argument("--format", choices=("nfg", "json", "efg"), default=None,
                   help="file format (default: by the extension; required with FILE -)")
    choices = tuple(dict.fromkeys(METHODS + CONTINUOUS_METHODS + TREE_METHODS))
    p.add_argument("--method", default="all", metavar="M", choices=choices,
                   help="one of: " + ", ".join(METHODS) + " (default: all = every extreme "
                        "equilibrium of a 2-player game; every equilibrium of a small game with "
                        "more players (method polynomial), else its pure equilibria; "
                        "continuous games: auto, symmetric, exact, numeric, iteration; "
                        "game trees: all, pure, sequence, subgame-perfect, backward)")
    for flag, default, what in (
            ("--max-unknowns", 7, "unknowns of the largest support system"),
            ("--max-degree", 12, "complex solutions of the largest support system"),
            ("--max-cost", 20000, "support profiles plus their complex solutions in all")):
        p.add_argument(flag, type=_positive_int, default=None, metavar="N",
                       help=f"games with 3 or more players, methods all and polynomial: most "
                            f"{what} the exact enumeration accepts (default {default}; beyond "
                            "it, all lists the pure equilibria and polynomial refuses; the work "
                            "grows steeply)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)
    return p


def _positive_int(text: str) -> int:
    """An argparse type: a positive integer (``argparse`` prints the error and exits 2)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


#: The library's hints, as a command-line user follows them.
_CLI_HINTS = (("or raise max_unknowns / max_degree", "or raise --max-unknowns / --max-degree"),
              ("or raise max_cost", "or raise --max-cost"),
              ("use method 'logit'", "use --method logit"),
              ("use method 'polynomial' or 'all' for every equilibrium of a small game, 'logit' "
               "for one, 'pure' for the pure ones", "use --method polynomial or --method all for "
               "every equilibrium of a small game, --method logit for one, --method pure for the "
               "pure ones"))


def _cli_text(text: str) -> str:
    """A message of the library with its hints in command-line terms (options, not keywords).

    >>> _cli_text("too large; use method 'logit' to find one equilibrium, or raise max_cost")
    'too large; use --method logit to find one equilibrium, or raise --max-cost'
    """
    for lib, cli in _CLI_HINTS:
        text = text.replace(lib, cli)
    return text


def _method_label(eqs, requested: str) -> str:
    """The method that ran, as ``govgames solve`` prints it: ``"pure (all-equilibria
    enumeration refused: REASON)"`` when ``--method all`` fell back to the pure equilibria."""
    from govgames.games.solve import PURE_ONLY_NOTE

    ran = eqs.method or requested
    if requested == "all" and ran == "pure":
        for note in eqs.notes:
            if note.startswith(PURE_ONLY_NOTE):
                reason = _cli_text(note[len(PURE_ONLY_NOTE):])
                return f"pure (all-equilibria enumeration refused: {reason})"
    return ran


def _symbolic(game, args) -> int:  # also used for game trees (their reduced normal form)
    from govgames.games.errors import InputError

    names = [p.name for p in game.parameters]
    if args.method not in ("all", "pure"):
        raise InputError(f"{args.file}: the game has free parameters {', '.join(names)}; only the "
                         f"pure-equilibrium conditions can be computed (method 'all' or 'pure'), "
                         f"not {args.method!r}")
    try:
        from govgames.games.symbolic import symbolic_report
    except ImportError:
        raise InputError(f"{args.file}: the game has free parameters {', '.join(names)}: give them "
                         "values in the file's \"parameters\" (symbolic analysis is not "
                         "available in this installation)") from None
    try:
        report = symbolic_report(game)
    except InputError as exc:   # a budget refusal names the file too
        raise InputError(f"{args.file}: {exc}") from None
    if args.json:
        print_json({"players": list(game.players),
                    "strategies": [list(s) for s in game.strategies],
                    "parameters": list(report.get("parameters", names)),
                    "conditions": report.get("profiles", [])})
        return 0
    print(game)
    print()
    print(f"Free parameters: {', '.join(report.get('parameters', names))}")
    print("Conditions on the free parameters under which each pure profile is a Nash equilibrium "
          "(and a strict one):")
    rows = [(" / ".join(str(s) for s in r["profile"]), str(r.get("weak", "")),
             str(r.get("strict", ""))) for r in report.get("profiles", [])]
    for line in text_table(rows, ("profile", "equilibrium when", "strict equilibrium when")):
        print("  " + line)
    return 0


def run(args) -> int:
    """Run ``govgames solve``; returns the exit status."""
    from govgames.games.errors import InputError
    from govgames.games.solve import nash_equilibria

    from ._continuous import solve_continuous

    game = _read_game(args)
    for note in getattr(game, "notes", ()):  # e.g. labels made unique as Gambit does
        print(f"govgames solve: note: {args.file}: {note}", file=sys.stderr)
    if not hasattr(game, "strategies"):  # a continuous game or a game tree
        if hasattr(game, "infosets"):  # a game tree (.efg or JSON "tree")
            from .solve_tree import run_tree

            return run_tree(game, args, _symbolic)
        return solve_continuous(game, args)
    if args.method not in METHODS:
        kind = "continuous games" if args.method in CONTINUOUS_METHODS else "game trees"
        raise InputError(f"{args.file}: method {args.method!r} is for {kind}; choose one of "
                         f"{', '.join(METHODS)}")
    if game.is_symbolic:
        return _symbolic(game, args)
    _note_long_enumeration(game, args.method)
    limits = {k: getattr(args, k, None) for k in ("max_unknowns", "max_degree", "max_cost")}
    try:
        eqs = nash_equilibria(game, method=args.method,
                              **{k: v for k, v in limits.items() if v is not None})
    except InputError as exc:
        raise InputError(f"{args.file}: {_cli_text(str(exc))}") from None
    if args.json:
        print_json({"players": list(game.players),
                    "strategies": [list(s) for s in game.strategies],
                    "equilibria": eqs.to_dicts(),
                    "method": eqs.method or args.method,
                    "degenerate": eqs.degenerate,
                    "continua": eqs.continua,
                    "notes": [_cli_text(n) for n in eqs.notes]})
        return 0
    _print_equilibria(game, eqs, args.method)
    return 0


def _read_game(args) -> Any:
    """The game named by ``args.file`` (``-``: standard input) in ``args.format`` (or
    recognised from the file): a NormalFormGame, a game tree or a continuous game."""
    from govgames.games.io import game_from_json, parse_json_text, parse_nfg, read_any_game

    if args.file != "-" and args.format is None:
        return read_any_game(args.file)
    text, source = read_input(args.file, args.format, what="game file")
    if args.format == "json":
        obj = parse_json_text(text, source=source)
        if isinstance(obj, dict) and obj.get("type") == "tree":
            from govgames.games.extensive import tree_from_json

            return tree_from_json(obj, source=source)
        return game_from_json(obj, source=source)
    if args.format == "efg":
        from govgames.games.extensive.efg import parse_efg

        return parse_efg(text, source=source)
    return parse_nfg(text, source=source)


def _note_long_enumeration(game, method: str) -> None:
    """Warn on standard error before an enumeration of a large two-player game (the work
    grows exponentially with the size)."""
    if not (game.n_players == 2 and method in ("all", "vertex", "support")
            and min(game.shape) >= LARGE_ENUMERATION):
        return
    from govgames.games.budget import max_work, support_enumeration_cost, vertex_enumeration_cost

    cost = (support_enumeration_cost if method == "support" else vertex_enumeration_cost)
    if cost(*game.shape) <= max_work():   # over the budget the solver refuses in one line
        print(f"govgames solve: note: listing every equilibrium of a "
              f"{game.shape[0]}x{game.shape[1]} game can take very long (the work grows "
              "exponentially with the size); --method lemke-howson or --method logit finds "
              "one equilibrium, --method pure the pure ones", file=sys.stderr, flush=True)


def _equilibrium_rows(game, eqs) -> list:
    """One table row per equilibrium: number, each player's strategy, payoffs, kind."""
    from govgames.games.numbers import fraction_text

    rows = []
    for k, e in enumerate(eqs, 1):
        cells = [str(k)]
        for i in range(game.n_players):
            cells.append(e._player_text(i))
        pays = e.exact_payoffs if e.exact_payoffs is not None else e.payoffs
        cells.append(", ".join(fraction_text(x) if isinstance(x, Fraction) else number_text(x)
                               for x in pays))
        cells.append("pure" if e.is_pure else "mixed")
        rows.append(cells)
    return rows


def _game_text(game) -> str:
    """The game's payoff table, or one line naming its size when it has more than
    :data:`PRINT_TABLE_MAX_PROFILES` pure profiles."""
    profiles = 1
    for a in game.shape:
        profiles *= a
    if profiles <= PRINT_TABLE_MAX_PROFILES:
        return str(game)
    title = f"{game.title}: " if game.title else ""
    return (f"{title}{game.n_players} players ({', '.join(game.players)}), "
            f"{' x '.join(str(a) for a in game.shape)} strategies: {profiles:,} pure profiles "
            f"(the payoff table is printed up to {PRINT_TABLE_MAX_PROFILES:,})")


def _print_equilibria(game, eqs, method: str) -> None:
    """The game, the table of its equilibria, whether it is degenerate and the notes."""
    print(_game_text(game))
    print()
    from govgames.games.solve import PURE_ONLY_NOTE

    label = _method_label(eqs, method)
    continua = eqs.continua
    more = (f" listed and {continua} continu{'um' if continua == 1 else 'a'} of equilibria"
            if continua else "")
    print(f"{len(eqs)} Nash equilibri{'um' if len(eqs) == 1 else 'a'}{more} (method: {label})")
    if len(eqs):
        header = ["#"] + list(game.players) + ["payoffs", "kind"]
        for line in text_table(_equilibrium_rows(game, eqs), header):
            print("  " + line)
    explained = any("degenerate" in n.lower() or "continuum" in n.lower() for n in eqs.notes)
    if eqs.degenerate and not explained:
        print("The game is degenerate: equilibria may form connected sets; their extreme points "
              "are listed.")
    elif eqs.degenerate is False:
        print("The game is nondegenerate: the equilibria are isolated.")
    for note in eqs.notes:
        if not (label != eqs.method and note.startswith(PURE_ONLY_NOTE)):   # in the label
            print(f"note: {_cli_text(note)}")
    sys.stdout.flush()

"""``govgames value FILE --solution S [--json]``: a cooperative solution of a game file.

Reads a coalitional, weighted-voting or network game file (:func:`govgames.networks.io.read_game`;
``-`` reads standard input; the formats are in the file-format reference of the documentation)
and prints the solution as a table, or with ``--json`` one object::

    {"players": [...], "solution": "shapley", "values": {"A": 1.5, ...}}
    {"players": [...], "solution": "core", "nonempty": true, "least_core_epsilon": 0.0,
     "point": {...}}

Solutions: ``shapley`` (weighted voting: the Shapley-Shubik index by exact dynamic programming;
linkage networks: the closed form), ``banzhaf`` (raw Banzhaf value; weighted voting: the raw
Banzhaf index, exactly), ``myerson`` (network files), ``owen`` (files with ``"unions"``),
``nucleolus`` (over imputations), ``core`` (non-emptiness, least-core epsilon and a point).
"""

from __future__ import annotations

import math
from fractions import Fraction

from ._common import number_text, print_json, read_input, text_table

__all__ = ["add_parser", "run", "SOLUTIONS", "EXACT_MAX_PLAYERS"]

SOLUTIONS = ("shapley", "banzhaf", "myerson", "owen", "nucleolus", "core")

#: The command refuses methods that tabulate all coalitions above this many players.
EXACT_MAX_PLAYERS = 25


def add_parser(subparsers):
    """Register the ``value`` sub-command."""
    p = subparsers.add_parser(
        "value", help="a cooperative solution (Shapley, Banzhaf, Myerson, Owen, nucleolus, core)",
        description="A solution of a coalitional game read from a JSON file (types "
                    "coalitional, weighted_voting, network). Exit status 2 on bad input.")
    p.add_argument("file", metavar="FILE", help="game file (.json); - reads standard input")
    p.add_argument("--format", choices=("json",), default=None,
                   help="file format (the only one is json; accepted for symmetry with solve)")
    p.add_argument("--solution", required=True, choices=SOLUTIONS, metavar="S",
                   help="one of: " + ", ".join(SOLUTIONS))
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)
    return p


def _clean(x: float, scale: float = 1.0) -> float:
    """``x`` without float noise: rounded to 12 decimals, or for a result whose numbers are
    all below 1 (``scale``, their largest magnitude) to 12 digits after its leading one (values
    of order 1e-9 were printed as 0)."""
    digits = 12 if not 0 < scale < 1 else 12 - math.floor(math.log10(scale))
    r = round(float(x), digits)
    return 0.0 if r == 0 else r


def _scale(numbers) -> float:
    """The largest magnitude among ``numbers`` (0.0 when there are none)."""
    return max((abs(float(x)) for x in numbers), default=0.0)


def _number_text(x: float, scale: float) -> str:
    """A number for the text table: as the other commands print numbers, except that a result
    whose numbers are all small keeps six significant digits (not six decimals)."""
    return number_text(x) if not 0 < scale < 1e-3 else f"{float(x):.6g}"


#: what to use instead above EXACT_MAX_PLAYERS (only values have a sampled estimate)
_SAMPLED = {
    "Shapley value": "use the Python API with sampling "
                     "(networks.shapley_value(game, method='sample'))",
    "Banzhaf value": "use the Python API with sampling "
                     "(networks.banzhaf_value(game, method='sample'))",
    "Myerson value": "use the Python API with sampling on the graph-restricted game "
                     "(networks.shapley_value(networks.graph_restricted(game, graph), "
                     "method='sample'))",
    "Owen value": "use the Python API with sampling "
                  "(networks.owen_value(game, unions, method='sample'))",
}


def _exact_game(spec, what):
    from govgames.games.errors import InputError

    game = spec.game
    if game.n > EXACT_MAX_PLAYERS:
        raise InputError(f"{spec.source}: {game.n} players are too many for the exact "
                         f"{what} (at most {EXACT_MAX_PLAYERS}: the work grows as 2**n); "
                         + _SAMPLED.get(what, "it has no sampled method: use fewer players"))
    return game.to_exact()


def solve(spec, solution: str) -> dict:
    """The JSON-ready result of a solution for a :class:`govgames.networks.io.GameSpec`."""
    import govgames.networks as nw
    from govgames.games.errors import InputError

    game = spec.game
    players = list(game.players)
    out: dict = {"players": players, "solution": solution}
    if solution == "core":
        g = _exact_game(spec, "core")
        eps, point = nw.least_core(g)
        scale = _scale([eps, *point.values()])
        # the tolerance follows the size of the values (1e-9 absolute called every game of
        # values around 1e-9 balanced)
        tol = 1e-9 * (_scale(g.value_table()) or 1.0)
        out.update({"nonempty": bool(eps <= tol), "least_core_epsilon": _clean(eps, scale),
                    "point": {p: _clean(point[p], scale) for p in players}})
        return out
    if solution == "shapley":
        if spec.kind == "weighted_voting":
            values = nw.shapley_shubik_index(spec.weights, spec.quota, players, rational=True)
        elif (game.meta or {}).get("kind") == "linkage":
            values = nw.shapley_value(game)          # closed form
        else:
            values = nw.shapley_value(_exact_game(spec, "Shapley value"), method="exact")
    elif solution == "banzhaf":
        if spec.kind == "weighted_voting":
            values = nw.banzhaf_index(spec.weights, spec.quota, players, normalized=False,
                                     rational=True)
        else:
            values = nw.banzhaf_value(_exact_game(spec, "Banzhaf value"))
    elif solution == "myerson":
        if spec.graph is None:
            raise InputError(f"{spec.source}: the Myerson value needs a communication graph: "
                             "use a \"network\" game file with \"edges\"")
        if (game.meta or {}).get("kind") == "linkage":
            values = nw.myerson_value(game, spec.graph)   # closed form
        else:
            values = nw.myerson_value(_exact_game(spec, "Myerson value"), spec.graph,
                                      method="exact")
    elif solution == "owen":
        if spec.unions is None:
            raise InputError(f"{spec.source}: the Owen value needs a priori unions: add "
                             "\"unions\": [[...], ...] (a partition of the players) to the file")
        values = nw.owen_value(_exact_game(spec, "Owen value"), spec.unions)
    elif solution == "nucleolus":
        values = nw.nucleolus(_exact_game(spec, "nucleolus"))
    else:  # pragma: no cover - argparse restricts the choices
        raise InputError(f"unknown solution {solution!r}")
    scale = _scale(values[p] for p in players)
    out["values"] = {p: _clean(values[p], scale) for p in players}
    if all(isinstance(values[p], (Fraction, int)) for p in players):
        out["values_exact"] = {p: str(Fraction(values[p])) for p in players}
    return out


def run(args) -> int:
    """Run ``govgames value``."""
    from govgames.games.io import parse_json_text
    from govgames.networks.io import parse_game, read_game

    if args.file == "-":
        text, source = read_input(args.file, "json", what="game file")
        spec = parse_game(parse_json_text(text, source=source), source=source)
    else:
        spec = read_game(args.file)
    import numpy as np
    from govgames.games.errors import InputError

    def refuse(msg):  # every error names the file; huge values get a hint
        vals = getattr(spec.game, "values", None)
        if vals is not None and np.size(vals) and float(np.max(np.abs(vals))) > 1e100:
            msg += " (coalition values this large are beyond floating point and the LP " \
                   "solver: rescale them, e.g. to millions)"
        raise InputError(msg if msg.startswith(f"{spec.source}:")
                         else f"{spec.source}: {args.solution}: {msg}") from None

    try:
        result = solve(spec, args.solution)
    except (InputError, OverflowError, ArithmeticError) as exc:
        refuse(str(exc) if isinstance(exc, InputError) else f"numbers overflow ({exc})")
    numbers = [result.get("least_core_epsilon", 0.0),
               *(result.get("values") or {}).values(), *(result.get("point") or {}).values()]
    if not all(math.isfinite(float(x)) for x in numbers):
        refuse("the result overflows floating point")
    if args.json:
        print_json(result)
        return 0
    scale = _scale(numbers)
    k = len(result['players'])
    print(f"{spec.kind} game, {k} player{'' if k == 1 else 's'} ({spec.source})")
    if args.solution == "core":
        print(f"core non-empty: {'yes' if result['nonempty'] else 'no'}")
        print(f"least-core epsilon: {_number_text(result['least_core_epsilon'], scale)}")
        rows = result["point"]
        title = "least-core point"
    else:
        rows = result["values"]
        title = f"{args.solution} value"
    for line in text_table([(p, _number_text(x, scale)) for p, x in rows.items()],
                           ("player", title)):
        print(line)
    return 0

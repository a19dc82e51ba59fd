"""``govgames solve`` on a ``continuous`` game file: pure equilibria with their certificates, or
the formulas and their conditions when parameters are left free."""

from __future__ import annotations

import sys

from govgames.games.errors import InputError

from ._common import print_json

__all__ = ["solve_continuous", "METHODS"]

#: --method values for continuous games ("all" and "pure" mean "auto")
METHODS = ("auto", "symmetric", "exact", "numeric", "iteration")


def solve_continuous(game, args) -> int:
    """Print the equilibria of a continuous game (text or ``--json``); returns the exit status.

    Examples
    --------
    >>> import argparse, pathlib, govgames.games as games
    >>> from govgames.games.io import read_game
    >>> path = pathlib.Path(games.__file__).parent / "examples" / "cournot_duopoly.json"
    >>> args = argparse.Namespace(file=str(path), method="all", json=False)
    >>> solve_continuous(read_game(path), args)  # doctest: +ELLIPSIS
    Cournot duopoly with linear demand: 2 players
    ...
    0
    """
    from govgames.games.continuous import nash_equilibria

    method = "auto" if args.method in ("all", "pure") else args.method
    if method not in METHODS:
        raise InputError(f"{args.file}: method {args.method!r} is for normal-form games; a "
                         f"continuous game takes one of {', '.join(METHODS)}")
    try:
        eqs = nash_equilibria(game, method=method)
    except InputError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    if args.json:
        out = {"type": "continuous", "players": list(game.players),
               "parameters": [p.name for p in game.parameters],
               "equilibria": eqs.to_dicts(), "method": eqs.method, "notes": list(eqs.notes)}
        if not eqs.found and eqs.closest is not None:
            out["closest"] = eqs.closest.to_dict()
        print_json(out)
        return 0
    print(game)
    print()
    print(eqs)
    sys.stdout.flush()
    return 0

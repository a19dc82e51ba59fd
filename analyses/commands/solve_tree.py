"""``govgames solve FILE.efg`` (or a JSON ``"tree"`` file): equilibria of a game tree.

Prints the tree and its equilibria as behaviour profiles (one line per equilibrium, the action
probabilities at every information set, the expected payoffs), or with ``--json``::

    {"players": [...], "infosets": [{"player": ..., "name": ..., "actions": [...]}, ...],
     "equilibria": [{"behaviour": {player: {infoset: {action: p}}}, "payoffs": [...],
                     "behaviour_exact": {...}, "payoffs_exact": ["2/3", ...]}, ...],
     "method": "...", "notes": [...]}

Methods (:func:`govgames.games.extensive.tree_equilibria`): ``all`` (every extreme equilibrium
of the reduced normal form with two players, pure equilibria with more), ``pure``, ``sequence``
(Lemke on the sequence form, one equilibrium), ``subgame-perfect``, ``backward`` (perfect
information). A tree with free parameters is reduced to its normal form and analysed
symbolically, as a normal-form file is.
"""

from __future__ import annotations

import sys

from govgames.games.errors import InputError

from ._common import print_json

__all__ = ["run_tree"]


def run_tree(game, args, symbolic) -> int:
    """Solve a game tree read by ``govgames solve``; returns the exit status.

    ``symbolic`` is the normal-form command's report for games with free parameters.
    """
    from govgames.games.extensive import TREE_METHODS, reduced_normal_form, tree_equilibria

    if game.is_symbolic:
        return symbolic(reduced_normal_form(game), args)
    if args.method not in TREE_METHODS:
        raise InputError(f"{args.file}: method {args.method!r} is for normal-form games; for a "
                         f"game tree choose one of {', '.join(TREE_METHODS)}")
    try:
        eqs = tree_equilibria(game, args.method)
    except InputError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    if args.json:
        print_json({"players": list(game.players),
                    "infosets": [{"player": game.players[h.player], "name": h.name,
                                  "actions": list(h.actions)}
                                 for h in game.infosets if not h.is_chance],
                    "equilibria": [e.to_dict() for e in eqs],
                    "method": eqs.method, "notes": list(eqs.notes)})
        return 0
    print(game)
    print()
    print(f"{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'} in behaviour strategies "
          f"(method: {eqs.method})")
    for k, e in enumerate(eqs, 1):
        print(f"  {k}. {e}")
    for note in eqs.notes:
        print(f"note: {note}")
    sys.stdout.flush()
    return 0

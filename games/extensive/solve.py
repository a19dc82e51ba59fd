"""Nash equilibria of a game tree in behaviour strategies, by one of several methods.

:func:`tree_equilibria` is the single entry point used by ``govgames solve FILE.efg``:

* ``"all"`` (default): with two players, every extreme equilibrium of the reduced normal form
  (vertex enumeration, exact), each turned into a realization-equivalent behaviour profile
  (Kuhn 1953); with more players, the pure equilibria of the reduced normal form.
* ``"pure"``: the pure equilibria of the reduced normal form.
* ``"sequence"``: one equilibrium from Lemke's algorithm on the sequence form (two players,
  Koller, Megiddo and von Stengel 1996); the size grows linearly with the tree.
* ``"subgame-perfect"``: subgame-perfect equilibria, solving subgames from the deepest up
  (:func:`~govgames.games.extensive.subgame_perfect_equilibria`).
* ``"backward"``: every pure subgame-perfect equilibrium of a game of perfect information
  (:func:`~govgames.games.extensive.backward_induction`).

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information", in *Contributions to the
   Theory of Games II*, Princeton UP, 1953, 193-216.
.. [2] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of equilibria for
   extensive two-person games", *Games and Economic Behavior* 14 (1996), 247-259.
"""

from __future__ import annotations

from ..equilibrium import EquilibriumList
from ..errors import InputError
from .tree import ExtensiveGame, require_tree

__all__ = ["tree_equilibria", "TREE_METHODS"]

#: Methods accepted by :func:`tree_equilibria`.
TREE_METHODS = ("all", "pure", "sequence", "subgame-perfect", "backward")


def tree_equilibria(game: ExtensiveGame, method: str = "all") -> EquilibriumList:
    """Equilibria of a game tree as behaviour profiles.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect recall, numeric payoffs.
    method : {"all", "pure", "sequence", "subgame-perfect", "backward"}
        See the module docstring.

    Returns
    -------
    EquilibriumList
        Of :class:`~govgames.games.extensive.BehaviourProfile` (exact), with ``method`` and
        ``notes`` saying what the list contains.

    Raises
    ------
    InputError
        Unknown method, free parameters, imperfect recall, or a method that does not apply
        (``"sequence"`` with more than two players, ``"backward"`` with imperfect information).

    References
    ----------
    Kuhn (1953); Koller, Megiddo and von Stengel (1996).

    Examples
    --------
    Entry deterrence has two Nash equilibria in the reduced normal form with pure strategies for
    the entrant, plus a mixed threat; only one is subgame perfect:

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {"Out": terminal(0, 2),
    ...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))
    >>> for e in tree_equilibria(g):
    ...     print(e)
    Entrant: Out; Incumbent: Fight  (payoffs 0, 2)
    Entrant: Out; Incumbent: 1/2 Fight + 1/2 Accommodate  (payoffs 0, 2)
    Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)
    >>> print(tree_equilibria(g, "subgame-perfect")[0])
    Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)
    """
    require_tree(game, "tree_equilibria")
    if method not in TREE_METHODS:
        raise InputError(f"unknown method {method!r} for a game tree; choose one of "
                         f"{', '.join(TREE_METHODS)}")
    game.require_numeric("solving a game tree")
    game.require_perfect_recall("solving a game tree")
    if method == "backward":
        from .backward import backward_induction

        return backward_induction(game)
    if method == "subgame-perfect":
        from .subgame import subgame_perfect_equilibria

        return subgame_perfect_equilibria(game)
    if method == "sequence":
        from .sequence import sequence_form_equilibria

        return sequence_form_equilibria(game)
    from ..solve import nash_equilibria
    from .reduced import reduced_form

    rf = reduced_form(game)
    nf = rf.game
    nf_method = method if (method == "pure" or nf.n_players == 2) else "pure"
    if nf_method == "all":
        # refused here with the tree's methods as the hint (the normal-form check named
        # 'lemke-howson', which a game tree does not accept)
        from ..budget import check_work, vertex_enumeration_cost

        m, k = nf.shape
        check_work(vertex_enumeration_cost(m, k), f"listing every equilibrium of the {m}x{k} "
                   "reduced normal form of this tree (vertex enumeration, worst case)",
                   tree_methods_hint(game))
    if nf_method == "pure":
        _check_pure_listing(game, nf)
    eqs = nash_equilibria(nf, method=nf_method)
    out = [rf.behaviour(e) for e in eqs]
    if nf.n_players == 2 and method == "all":
        what = ("every extreme Nash equilibrium of the reduced normal form "
                f"({nf.shape[0]} x {nf.shape[1]} reduced strategies)")
    else:
        what = f"the pure Nash equilibria of the reduced normal form ({' x '.join(map(str, nf.shape))})"
    notes = [what + ", as realization-equivalent behaviour profiles (Kuhn 1953)"]
    notes += [n for n in eqs.notes]
    return EquilibriumList(out, method=f"reduced normal form ({eqs.method or nf_method})",
                           degenerate=eqs.degenerate, notes=notes)


#: Per pure equilibrium listed as a behaviour profile: bytes per reduced strategy (its mixed
#: profile, float and exact) and per action probability, and microseconds per reduced strategy
#: and per action or node (the exact behaviour probabilities and payoffs), measured on a move
#: of 20,000 actions with 2857 pure equilibria (0.23 s and 60 kB each).
PURE_LISTING_BYTES = (16, 80)
PURE_LISTING_US = (3.0, 6.0)


def _check_pure_listing(game: ExtensiveGame, nf) -> None:
    """Refuse (BudgetError) before listing the pure equilibria of the reduced normal form as
    behaviour profiles when there are so many that the list is over the memory or time budget
    (each profile holds every action's probability: a move of 100,000 actions with 14,000
    equally good ones would need about 100 GB)."""
    import numpy as np

    from ..budget import check_memory, check_seconds, pure_equilibrium_bytes
    from ..pure import pure_equilibrium_mask

    size = "x".join(map(str, nf.shape))
    check_memory(pure_equilibrium_bytes(nf.shape, nf.n_players), f"the pure-equilibrium table "
                 f"of the {size} reduced normal form", "remove dominated strategies first")
    count = int(np.count_nonzero(pure_equilibrium_mask(nf)))
    strategies = sum(nf.shape)
    actions = sum(len(h.actions) for h in game.infosets if not h.is_chance)
    what = (f"listing the {count:,} pure equilibria of this tree as behaviour profiles "
            f"({actions:,} action probabilities each)")
    hint = ("in Python, pure_nash_equilibria(reduced_normal_form(tree), max_equilibria=...) "
            "lists the first ones in the reduced normal form")
    check_memory(float(count) * (PURE_LISTING_BYTES[0] * strategies
                                 + PURE_LISTING_BYTES[1] * actions), what, hint)
    check_seconds(count * 1e-6 * (PURE_LISTING_US[0] * strategies
                                  + PURE_LISTING_US[1] * (actions + len(game.nodes))), what, hint)


def tree_methods_hint(game: ExtensiveGame) -> str:
    """The tree's own methods a refusal can suggest: ``'sequence'`` only when its sequence
    form fits the budgets, ``'backward'`` only with perfect information (a hint naming a
    method that is refused as well sent users in circles)."""
    from .sequence import sequence_form_fits

    parts = (["method 'sequence' finds one equilibrium"] if sequence_form_fits(game) else [])
    parts.append("'backward' or 'subgame-perfect' the subgame-perfect ones"
                 if game.is_perfect_information else
                 "'subgame-perfect' the subgame-perfect ones")
    parts.append("'pure' the pure ones")
    text = ", ".join(parts)
    return text if text.startswith("method") else "method " + text

"""One entry point for the Nash equilibria of a normal-form game: :func:`nash_equilibria`.

It dispatches on ``method`` to the plain solver functions: vectorised pure equilibria
(:mod:`govgames.games.pure`) for any number of players, and the two-player mixed solvers of
:mod:`govgames.games.twoplayer` (support enumeration, vertex enumeration, Lemke-Howson from every
starting label). Mixed equilibria of games with more than two players need an algebraic backend;
with pygambit installed, ``method="gambit-enumpoly"`` forwards the game to Gambit's polynomial
support enumeration.

References
----------
.. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", *Economic Theory* 42 (2010), 9-37.
.. [2] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software Tools for Game
   Theory*, http://www.gambit-project.org.
"""

from __future__ import annotations

from typing import Any

from .equilibrium import Equilibrium, EquilibriumList
from .errors import InputError
from .game import NormalFormGame
from .pure import pure_nash_equilibria

__all__ = ["nash_equilibria", "METHODS"]

#: Methods accepted by :func:`nash_equilibria` (and ``govgames solve --method``).
METHODS = ("all", "pure", "support", "vertex", "lemke-howson", "polynomial", "logit")
_TWO_PLAYER = ("support", "vertex", "lemke-howson")
_EXTRA = ("gambit-enumpoly",)

#: Start of the note of ``method="all"`` on a game with more than two players that is too large
#: for ``"polynomial"``: the reason follows.
PURE_ONLY_NOTE = "only pure equilibria are listed: "


def nash_equilibria(game: NormalFormGame, method: str = "all",
                    tol: float | None = None, *, max_unknowns: int | None = None,
                    max_degree: int | None = None,
                    max_cost: int | None = None) -> EquilibriumList:
    """Nash equilibria of a numeric normal-form game.

    Parameters
    ----------
    game : NormalFormGame
        A numeric game (free parameters raise :class:`~govgames.games.errors.FreeParametersError`).
    method : {"all", "pure", "support", "vertex", "lemke-howson", "polynomial", "logit", \
              "gambit-enumpoly"}
        ``"all"`` (default) lists every extreme equilibrium of a 2-player game by vertex
        enumeration; for more players, every equilibrium by ``"polynomial"`` when the game is
        small enough, else the pure equilibria with a note. ``"polynomial"``: exact support
        enumeration for any number of players (:mod:`govgames.games.nplayer`; the list's
        ``method`` says which ran: ``"pure"`` when ``"all"`` fell back); ``"logit"``: one
        equilibrium by logit path following. ``"pure"``: pure equilibria of any game. ``"support"``,
        ``"vertex"``, ``"lemke-howson"``: the 2-player solvers of :mod:`govgames.games.twoplayer`.
        ``"gambit-enumpoly"``: all equilibria of an N-player game through pygambit (optional).
    tol : float, optional
        Relative tolerance of the pure best-response test (``"pure"``, and ``"all"`` with
        N > 2 when only the pure equilibria are listed). ``None`` (default): exact comparison
        for exact payoffs (fractions, integers beyond ``2**53``), ``DEFAULT_TOL`` (``1e-9``)
        for float payoffs, with a note when a listed profile is an equilibrium only because
        payoff differences below the tolerance were treated as ties.
    max_unknowns, max_degree, max_cost : int, optional
        Limits of ``"polynomial"`` (and ``"all"`` with N > 2) on the unknowns and complex
        solutions of the largest support system and on the total cost
        (:func:`govgames.games.nplayer.too_large_reason`; ``None``: its defaults 7, 12 and
        20 000).

    Notes
    -----
    Which comparisons are exact: ``"vertex"``, ``"support"``, ``"lemke-howson"`` (and so
    ``"all"`` for two players) and ``"polynomial"`` compute in exact rational arithmetic, with
    float payoffs read as the decimals they print as, so a payoff of ``1e-300`` next to ``0`` is
    never a tie. ``"pure"`` compares exact payoffs exactly and float payoffs within ``tol``
    (:mod:`govgames.games.tolerance`). ``"logit"`` and ``"gambit-enumpoly"`` are floating-point
    approximations.

    Returns
    -------
    EquilibriumList

    Raises
    ------
    InputError
        Unknown method, or a 2-player method asked for a game with another number of players.

    Examples
    --------
    >>> g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> [e.pure_profile for e in nash_equilibria(g, method="pure")]
    [('s2', 's2')]
    >>> three = NormalFormGame.from_function(lambda p: [2 * all(p) - s for s in p], (2, 2, 2))
    >>> eqs = nash_equilibria(three)
    >>> len(eqs), eqs.method, sum(e.is_pure for e in eqs)
    (3, 'polynomial', 2)
    >>> nash_equilibria(three, method="vertex")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: method 'vertex' needs a 2-player game; this game has 3 players (use method 'polynomial' or 'all' for every equilibrium of a small game, 'logit' for one, 'pure' for the pure ones)
    """
    if not isinstance(method, str) or method not in METHODS + _EXTRA:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    game.numeric_payoffs()  # raises FreeParametersError, naming the parameters
    n = game.n_players
    from .budget import check_memory, pure_equilibrium_bytes
    size = "x".join(map(str, game.shape))
    check_memory(pure_equilibrium_bytes(game.shape, n), f"the pure-equilibrium table of a {size} "
                 "game", "remove dominated strategies first (iterated_elimination)")
    if method == "pure":
        return pure_nash_equilibria(game, tol=tol)
    if method == "gambit-enumpoly":
        return _gambit_enumpoly(game)
    if method in ("polynomial", "logit") or (method == "all" and n > 2):
        from . import nplayer  # lazy import: FLINT is loaded only here

        if method == "logit":
            return EquilibriumList([nplayer.logit_path_equilibrium(game)], method="logit")
        limits: dict[str, Any] = {
            k: v for k, v in (("max_unknowns", max_unknowns), ("max_degree", max_degree),
                              ("max_cost", max_cost)) if v is not None}
        too_large = nplayer.too_large_reason(game, **limits)
        if method == "polynomial" or too_large is None:
            if too_large is not None:
                raise InputError(too_large)
            return nplayer.enumerate_equilibria(game, **limits).to_list()
    if method in _TWO_PLAYER or (method == "all" and n == 2):
        if n != 2:
            raise InputError(f"method {method!r} needs a 2-player game; this game has {n} players "
                             "(use method 'polynomial' or 'all' for every equilibrium of a small "
                             "game, 'logit' for one, 'pure' for the pure ones)")
        try:
            from .twoplayer import two_player_equilibria  # lazy import
        except ImportError as exc:  # pragma: no cover - only while the package is incomplete
            raise NotImplementedError(
                f"the 2-player solvers (games.twoplayer) are not available ({exc}); "
                "use method='pure'") from None

        try:  # vertex and support enumeration estimate their work and refuse (BudgetError)
            return two_player_equilibria(game, method="vertex" if method == "all" else method)
        except OverflowError:
            raise InputError("the payoffs span too many orders of magnitude for the exact "
                             "2-player solvers (their common denominator overflows a float); "
                             "rescale or round them") from None
    eqs = pure_nash_equilibria(game, tol=tol)
    eqs.method = "all"                  # one player: the pure ones are the extreme equilibria
    if n == 1 and len(eqs) > 1:
        eqs.continua = 1
        eqs.notes.append(f"every mixture of the {len(eqs)} listed best strategies is an "
                         "equilibrium too (one continuum; the listed ones are its extreme points)")
    if n > 1:
        eqs.method = "pure"             # what ran; the note says why not every equilibrium
        eqs.notes.append(f"{PURE_ONLY_NOTE}{too_large}")
    return eqs


def _gambit_enumpoly(game: NormalFormGame) -> EquilibriumList:  # pragma: no cover - optional
    """All equilibria through pygambit's ``enumpoly_solve`` (optional backend)."""
    try:
        import pygambit as gbt
    except ImportError:
        raise InputError("method 'gambit-enumpoly' needs pygambit "
                         "(pip install --pre pygambit)") from None
    import numpy as np

    P = game.numeric_payoffs()
    g = gbt.StrategicGame.from_arrays(*[np.asarray(P[i]) for i in range(game.n_players)])
    res = gbt.nash.enumpoly_solve(g)
    out = []
    for eq in res.equilibria:
        prof = eq.as_float() if callable(getattr(eq, "as_float", None)) else eq
        probs = [[float(prof[p][s])
                  for s in g.get_strategies(p.label if hasattr(p, "label") else p)]
                 for p in g.players]
        out.append(Equilibrium.from_game_profile(game.players, game.strategies, probs,
                                                 game.payoff(probs)))
    return EquilibriumList(out, method="gambit-enumpoly",
                           notes=["computed by pygambit enumpoly_solve (floating point)"])

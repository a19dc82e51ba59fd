"""Mixed Nash equilibria of 2-player (bimatrix) games: support and vertex enumeration,
Lemke-Howson, and the exact degeneracy test.

All methods work in exact integer arithmetic where it matters, so every equilibrium returned for a
game with rational payoffs is certified (it passes :func:`govgames.games.is_equilibrium_exact`), also for
degenerate games and games with large payoffs.

- :func:`vertex_enumeration` - every extreme equilibrium (all equilibria of a nondegenerate game;
  the extreme points of the equilibrium components of a degenerate one).
- :func:`support_enumeration` - equilibria from pairs of equal-size supports (complete for
  nondegenerate games).
- :func:`vertex_enumeration_gen`, :func:`support_enumeration_gen` - the same, yielded one at a
  time (every other solver here returns an :class:`~govgames.games.EquilibriumList`).
- :func:`lemke_howson`, :func:`lemke_howson_all` - one equilibrium per initial label.
- :func:`is_degenerate`, :func:`degeneracy_report` - whether, and why, the game is degenerate.
- :func:`two_player_equilibria` - one call that returns an :class:`~govgames.games.EquilibriumList` with the
  method, the degeneracy flag and notes.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
.. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria
   for two-player games", *Economic Theory* 42 (2010), 9-37.
"""

from __future__ import annotations

from ..equilibrium import EquilibriumList
from ..errors import InputError
from ..game import NormalFormGame
from ..budget import max_work, vertex_enumeration_cost
from ._exact import bimatrix_data
from .degeneracy import (_report_text, degeneracy_report, degeneracy_witness, is_degenerate,
                         pure_degeneracy_witness)
from .lemke_howson import lemke_howson, lemke_howson_all
from .support import support_enumeration, support_enumeration_gen
from .vertex import (_vertex_equilibria, best_response_polytope_vertices, vertex_enumeration,
                     vertex_enumeration_gen)

__all__ = [
    "support_enumeration", "vertex_enumeration", "support_enumeration_gen",
    "vertex_enumeration_gen", "lemke_howson", "lemke_howson_all",
    "is_degenerate", "degeneracy_report", "two_player_equilibria", "TWO_PLAYER_METHODS",
]

#: Methods accepted by :func:`two_player_equilibria`.
TWO_PLAYER_METHODS = ("vertex", "support", "lemke-howson")

#: Largest ``min(m, n)`` for which the support and Lemke-Howson methods also run the exact
#: degeneracy test (which enumerates the vertices of both best-response polytopes).
FULL_DEGENERACY_TEST_SIZE = 12


def two_player_equilibria(game: NormalFormGame, method: str = "vertex") -> EquilibriumList:
    """Equilibria of a 2-player game by one method, with the degeneracy flag and notes.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric payoffs.
    method : {"vertex", "support", "lemke-howson"}
        ``"vertex"``: every extreme equilibrium (exact). ``"support"``: support enumeration over
        equal-size supports. ``"lemke-howson"``: Lemke-Howson from every initial label.

    Returns
    -------
    EquilibriumList
        ``.method``, ``.degenerate`` (exact test; for the support and Lemke-Howson methods on
        games with both dimensions above ``FULL_DEGENERACY_TEST_SIZE``, or whose exact test is over
        the work budget, only pure strategies are
        checked, and ``None`` means "not found degenerate there") and ``.notes`` (for a
        degenerate game: that
        equilibria may form continua, of which vertex enumeration lists the extreme points, and
        that support enumeration and Lemke-Howson may miss equilibria).

    Raises
    ------
    InputError
        Unknown method, or a game without exactly two players.

    References
    ----------
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007).

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> rps = NormalFormGame([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
    ...                       [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]],
    ...                      strategies=[["R", "P", "S"]] * 2)
    >>> print(two_player_equilibria(rps))
    1 equilibrium (vertex)
      1. Player 1: 1/3 R + 1/3 P + 1/3 S; Player 2: 1/3 R + 1/3 P + 1/3 S  (payoffs 0, 0)
    >>> h = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]])
    >>> res = two_player_equilibria(h, method="support")
    >>> res.degenerate, len(res)
    (True, 2)
    """
    if method not in TWO_PLAYER_METHODS:
        raise InputError(f"unknown 2-player method {method!r}; choose one of "
                         f"{', '.join(TWO_PLAYER_METHODS)}")
    data = bimatrix_data(game, f"method {method!r}")
    notes = []
    polytopes = None
    degenerate: bool | None
    if min(data.m, data.n) == 1:
        # one player has a single strategy: the pure test is the exact one (degeneracy_witness)
        witness = pure_degeneracy_witness(game)
        degenerate = witness is not None
    elif method == "vertex" or (min(data.m, data.n) <= FULL_DEGENERACY_TEST_SIZE
                              and vertex_enumeration_cost(data.m, data.n) <= max_work()):
        polytopes = best_response_polytope_vertices(data)
        witness = degeneracy_witness(game, polytopes)
        degenerate = witness is not None
    else:
        # the exact test enumerates both polytopes, which a large game makes too costly for
        # the one-equilibrium methods: check pure strategies only
        witness = pure_degeneracy_witness(game)
        degenerate = True if witness is not None else None
        if witness is None:
            notes.append("degeneracy checked for pure strategies only (game too large for the "
                         "exact test; call is_degenerate(game) to run it)")
    if method == "vertex":
        eqs = _vertex_equilibria(data, polytopes)
    elif method == "support":
        eqs = support_enumeration(game)
    else:
        eqs = lemke_howson_all(game)
        notes.append("Lemke-Howson from every initial label; equilibria that end no "
                     "Lemke-Howson path are not found")
    if witness is not None:  # degenerate
        notes.append(_report_text(game, witness))
        if method == "vertex" and min(data.m, data.n) == 1:
            one, other = (0, 1) if data.m == 1 else (1, 0)
            notes.append(f"{game.players[one]} has one strategy: every mixture of the "
                         f"strategies of {game.players[other]} listed above is an equilibrium "
                         "too (one continuum, whose extreme points are listed)")
        elif method == "vertex":
            notes.append("when all four pairs (x1, y1), (x1, y2), (x2, y1), (x2, y2) are listed, "
                         "every mixture of x1 and x2 against every mixture of y1 and y2 is an "
                         "equilibrium too (the continua are unions of such convex sets)")
        else:
            notes.append(f"method {method!r} may miss equilibria of a degenerate game, "
                         "including extreme points of continua; use method 'vertex' for every "
                         "extreme equilibrium")
    return EquilibriumList(eqs, method=method, degenerate=degenerate, notes=notes)

"""Degeneracy of a bimatrix game, decided exactly.

A bimatrix game is *nondegenerate* when no mixed strategy with support of size ``k`` has more
than ``k`` pure best responses (von Stengel 2007, Definition 3.2). Equivalently, no point of the
best-response polytope ``P`` has more than ``m`` labels and no point of ``Q`` more than ``n``;
since the labels of a point are tight constraints, it is enough to look at the vertices, which
:func:`~govgames.games.twoplayer.vertex.best_response_polytope_vertices` lists exactly. In a degenerate
game equilibria can form continua (components) and support enumeration or Lemke-Howson may miss
some; vertex enumeration still lists every extreme equilibrium.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
"""

from __future__ import annotations

from fractions import Fraction

from ..game import NormalFormGame
from ._exact import BimatrixData, bimatrix_data, normalise
from .vertex import best_response_polytope_vertices, degenerate_vertices

__all__ = ["is_degenerate", "degeneracy_report", "degeneracy_witness", "pure_degeneracy_witness"]


def _popcount(v: int) -> int:
    return bin(v).count("1")


def _witness_from(data: BimatrixData, polytopes) -> tuple | None:
    """(player index, probability vector, number of best responses, names of them) or None."""
    m, n = data.m, data.n
    P, Q = polytopes
    cands = []
    for nums, _den, lab in degenerate_vertices(P, m):
        x = normalise(nums)
        brs = [j for j in range(n) if lab >> (m + j) & 1]
        cands.append((sum(1 for p in x if p), 0, x, brs))
    for nums, _den, lab in degenerate_vertices(Q, n):
        y = normalise(nums)
        brs = [i for i in range(m) if lab >> i & 1]
        cands.append((sum(1 for p in y if p), 1, y, brs))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], c[1], [-p for p in c[2]]))
    _k, player, probs, brs = cands[0]
    return player, probs, brs


def pure_degeneracy_witness(game: NormalFormGame) -> tuple | None:
    """A pure strategy with two or more pure best responses, or None (a quick partial test).

    This is the support-size-1 case of degeneracy; it costs one pass over the payoffs, so it
    is used for games too large for the full test.

    >>> from govgames.games import NormalFormGame
    >>> pure_degeneracy_witness(NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]]))
    (0, (Fraction(1, 1), Fraction(0, 1)), [0, 1])
    """
    data = bimatrix_data(game, "the degeneracy test")
    m, n = data.m, data.n
    for i in range(m):
        row = data.B[i, :]
        best = max(row)
        brs = [j for j in range(n) if row[j] == best]
        if len(brs) > 1:
            return 0, tuple(Fraction(int(k == i)) for k in range(m)), brs
    for j in range(n):
        col = data.A[:, j]
        best = max(col)
        brs = [i for i in range(m) if col[i] == best]
        if len(brs) > 1:
            return 1, tuple(Fraction(int(k == j)) for k in range(n)), brs
    return None


def degeneracy_witness(game: NormalFormGame, polytopes=None) -> tuple | None:
    """A mixed strategy with more pure best responses than its support size, or None.

    Returns ``(player, probabilities, best_responses)`` with the player's index, its exact mixed
    strategy (tuple of Fraction) and the indices of the other player's pure best responses; the
    smallest such support is reported.

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]])
    >>> degeneracy_witness(g)
    (0, (Fraction(1, 1), Fraction(0, 1)), [0, 1])
    """
    data = bimatrix_data(game, "the degeneracy test")
    if polytopes is None and min(data.m, data.n) == 1:
        # a single strategy of one player is its only mixed strategy, and the other player's
        # best responses to any of its mixtures include one of the pure ones: the pure test is
        # exact (and linear, where the polytope of the other player is a simplex of k + 1
        # vertices of k coordinates)
        return pure_degeneracy_witness(game)
    if polytopes is None:
        polytopes = best_response_polytope_vertices(data)
    return _witness_from(data, polytopes)


def is_degenerate(game: NormalFormGame, polytopes=None) -> bool:
    """True when some mixed strategy with support of size ``k`` has more than ``k`` best responses.

    Decided exactly from the labels of the vertices of both best-response polytopes.

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric payoffs.

    References
    ----------
    B. von Stengel, ch. 3 of *Algorithmic Game Theory* (2007), Definition 3.2 and Theorem 3.6.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> is_degenerate(NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]]))
    False
    >>> is_degenerate(NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]]))
    True
    """
    return degeneracy_witness(game, polytopes) is not None


def degeneracy_report(game: NormalFormGame, polytopes=None) -> str | None:
    """A short plain-language explanation of why the game is degenerate, or None.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]], players=["Row", "Col"],
    ...                    strategies=[["T", "B"], ["L", "R"]])
    >>> print(degeneracy_report(g))
    The game is degenerate: when Row plays T, Col has 2 pure best responses (L, R), more than the 1 strategy Row uses. Equilibria may form continua; vertex enumeration lists their extreme points.
    >>> degeneracy_report(NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])) is None
    True
    """
    w = degeneracy_witness(game, polytopes)
    if w is None:
        return None
    return _report_text(game, w)


def _report_text(game: NormalFormGame, w: tuple) -> str:
    player, probs, brs = w
    other = 1 - player
    names = game.strategies[player]
    supp = [(names[k], p) for k, p in enumerate(probs) if p]
    if len(supp) == 1:
        plays = supp[0][0]
    else:
        plays = " + ".join(f"{p} {s}" for s, p in supp)
    k = len(supp)
    br_names = ", ".join(game.strategies[other][b] for b in brs)
    return (f"The game is degenerate: when {game.players[player]} plays {plays}, "
            f"{game.players[other]} has {len(brs)} pure best responses ({br_names}), more than "
            f"the {k} strateg{'y' if k == 1 else 'ies'} {game.players[player]} uses. "
            "Equilibria may "
            "form continua; vertex enumeration lists their extreme points.")

"""The Lemke-Howson algorithm: one equilibrium by complementary pivoting, in exact arithmetic.

Starting from the artificial equilibrium ``(0, 0)`` of the best-response polytopes ``P`` and
``Q`` (see :mod:`govgames.games.twoplayer.vertex`), the algorithm drops one label ``k`` and follows the
path of ``k``-almost completely labelled vertex pairs, alternately pivoting in the tableau of
``P`` and of ``Q``, until label ``k`` is picked up again (Lemke and Howson 1964). The tableaux
are pivoted with integers (no rounding) and the leaving variable is chosen by the lexicographic
minimum-ratio test, so the path is well defined and the algorithm terminates on degenerate
games too (von Stengel 2007, sec. 3.5-3.6).

References
----------
.. [1] C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix games", *SIAM Journal on
   Applied Mathematics* 12 (1964), 413-423.
.. [2] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
"""

from __future__ import annotations

import numpy as np

from ..budget import Deadline, check_memory, check_work, lemke_howson_bytes, lemke_howson_cost
from ..equilibrium import Equilibrium, EquilibriumList, equilibrium_sort_key
from ..errors import InputError
from ..game import NormalFormGame
from ._exact import (BimatrixData, bimatrix_data, lex_min_ratio_row, make_equilibrium, normalise,
                     pivot)

__all__ = ["lemke_howson", "lemke_howson_all"]


class _Tableau:
    """Integer tableau whose column ``l`` is the variable with label ``l``."""

    def __init__(self, first_slack: int, d: int, k: int, var_labels):
        # rows: k constraints; columns: m + n labelled variables + rhs
        self.T = np.zeros((k, d + k + 1), dtype=object)
        self.det = 1
        self.rhs = d + k
        self.T[:, self.rhs] = 1
        for col_label, column in var_labels:
            self.T[:, col_label] = column
        self.inv_cols = list(range(first_slack, first_slack + k))
        self.basis = list(self.inv_cols)

    def enter(self, label: int) -> int:
        r = lex_min_ratio_row(self.T, label, self.rhs, self.inv_cols)
        if r is None:  # pragma: no cover - impossible with positive payoffs
            raise RuntimeError("unbounded ray in Lemke-Howson: payoffs were not made positive")
        leaving = self.basis[r]
        self.T, self.det = pivot(self.T, self.det, r, label)
        self.basis[r] = label
        return leaving

    def values(self, labels) -> list[int]:
        """Integer numerators (common denominator ``det``) of the variables ``labels``."""
        pos = {b: r for r, b in enumerate(self.basis)}
        return [int(self.T[pos[v], self.rhs]) if v in pos else 0 for v in labels]


def _deadline() -> Deadline:
    return Deadline("Lemke-Howson", "a path can be exponentially long; try another "
                    "initial_label, or method 'logit' for one equilibrium")


def _lemke_howson(data: BimatrixData, k: int, deadline: Deadline | None = None,
                  done: int = 0) -> tuple[tuple, tuple, int]:
    """Follow the path from label ``k``, within ``deadline`` (shared by the paths of one call,
    ``done`` of which have ended)."""
    m, n = data.m, data.n
    deadline = deadline or _deadline()
    ident_n = np.eye(n, dtype=int).astype(object)
    ident_m = np.eye(m, dtype=int).astype(object)
    # P: B^T x + s = 1 (n rows); x_i is label i, s_j is label m + j
    tp = _Tableau(m, m, n, [(i, data.B[i, :]) for i in range(m)]
                  + [(m + j, ident_n[:, j]) for j in range(n)])
    # Q: r + A y = 1 (m rows); r_i is label i, y_j is label m + j
    tq = _Tableau(0, n, m, [(i, ident_m[:, i]) for i in range(m)]
                  + [(m + j, data.A[:, j]) for j in range(n)])
    current = tp if k < m else tq
    entering = k
    steps = 0
    while True:
        steps += 1
        deadline.check(lambda: f"{steps} pivots on the path from label {k} without ending"
                       + (f", after {done} complete paths" if done else ""))
        leaving = current.enter(entering)
        if leaving == k:
            break
        current = tq if current is tp else tp
        entering = leaving
    x = normalise(tp.values(range(m)))
    y = normalise(tq.values(range(m, m + n)))
    return x, y, steps


def _check_size(data: BimatrixData, paths: int) -> None:
    """Refuse, before any pivot, a path whose tableaux or work exceed the budgets."""
    m, n = data.m, data.n
    what = (f"a Lemke-Howson path in a {m}x{n} game" if paths == 1 else
            f"Lemke-Howson from all {paths} initial labels of a {m}x{n} game")
    hint = ("method 'logit' finds one equilibrium, method 'pure' the pure ones" if paths == 1
            else "lemke_howson(game, initial_label) follows one path; method 'logit' finds one "
            "equilibrium, method 'pure' the pure ones")
    check_memory(lemke_howson_bytes(m, n), f"{what} (its two tableaux)", hint)
    check_work(lemke_howson_cost(m, n, paths=paths), f"{what} (estimate)", hint)


def _check_label(data: BimatrixData, initial_label) -> int:
    total = data.m + data.n
    if isinstance(initial_label, bool) or not isinstance(initial_label, (int, np.integer)):
        raise InputError(f"initial_label must be an integer 0..{total - 1}, got {initial_label!r}")
    k = int(initial_label)
    if not 0 <= k < total:
        raise InputError(f"initial_label must be in 0..{total - 1} (rows 0..{data.m - 1}, "
                         f"then columns), got {k}")
    return k


def lemke_howson(game: NormalFormGame, initial_label: int = 0) -> Equilibrium:
    """One Nash equilibrium of a 2-player game by the Lemke-Howson algorithm (exact).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player game with numeric payoffs.
    initial_label : int
        The label dropped first: ``0..m-1`` are the row player's strategies, ``m..m+n-1`` the
        column player's.

    Returns
    -------
    Equilibrium
        With exact profile and payoffs.

    Raises
    ------
    InputError
        When the game does not have two players or the label is out of range.
    BudgetError
        When the estimated work of the path (:func:`~govgames.games.budget.lemke_howson_cost`)
        is over the work budget, or the memory of its tableaux
        (:func:`~govgames.games.budget.lemke_howson_bytes`) over the memory budget
        (:mod:`govgames.games.budget`); or, while it runs, when the path is still going after
        the time budget (:func:`~govgames.games.budget.max_seconds`, 30 s CPU by default):
        the estimate assumes a path of about ``4 min(m, n)`` pivots, but some are far longer.

    References
    ----------
    C. E. Lemke and J. T. Howson, *SIAM J. Appl. Math.* 12 (1964) 413-423; B. von Stengel,
    ch. 3 of *Algorithmic Game Theory* (2007), Algorithm 3.6.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])  # battle of the sexes
    >>> print(lemke_howson(g, initial_label=0))
    Player 1: s1; Player 2: s1  (payoffs 2, 1)
    >>> print(lemke_howson(g, initial_label=1))
    Player 1: s2; Player 2: s2  (payoffs 1, 2)
    """
    data = bimatrix_data(game, "Lemke-Howson")
    k = _check_label(data, initial_label)
    _check_size(data, 1)
    x, y, _ = _lemke_howson(data, k)
    return make_equilibrium(data, x, y)


def lemke_howson_all(game: NormalFormGame) -> EquilibriumList:
    """The equilibria reached by Lemke-Howson from every initial label, deduplicated.

    Every result is an equilibrium, but not every equilibrium need be reached (some are not the
    end of any Lemke-Howson path).

    Parameters
    ----------
    game : NormalFormGame
        A 2-player ``m x n`` game with numeric payoffs.

    Returns
    -------
    EquilibriumList
        Sorted by :func:`~govgames.games.equilibrium_sort_key`; ``.method`` is
        ``"lemke-howson"``.

    Raises
    ------
    InputError
        When the game does not have two players.
    BudgetError
        When the estimated work of the ``m + n`` paths
        (:func:`~govgames.games.budget.lemke_howson_cost`) is over the work budget, or the
        memory of the tableaux (:func:`~govgames.games.budget.lemke_howson_bytes`) over the
        memory budget; or, while they run, when the paths together take longer than the time
        budget (:func:`~govgames.games.budget.max_seconds`).

    References
    ----------
    C. E. Lemke and J. T. Howson, *SIAM J. Appl. Math.* 12 (1964) 413-423.

    Examples
    --------
    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> print(lemke_howson_all(g))
    2 equilibria (lemke-howson)
      1. Player 1: s1; Player 2: s1  (payoffs 2, 1)
      2. Player 1: s2; Player 2: s2  (payoffs 1, 2)
      note: Lemke-Howson from every initial label; equilibria that end no Lemke-Howson path are not found
    """
    data = bimatrix_data(game, "Lemke-Howson")
    total = data.m + data.n
    _check_size(data, total)
    found = {}
    deadline = _deadline()
    for k in range(data.m + data.n):
        x, y, _ = _lemke_howson(data, k, deadline, done=k)
        if (x, y) not in found:
            found[(x, y)] = make_equilibrium(data, x, y)
    eqs = sorted(found.values(), key=equilibrium_sort_key)
    return EquilibriumList(eqs, method="lemke-howson",
                           notes=["Lemke-Howson from every initial label; equilibria that end no "
                                  "Lemke-Howson path are not found"])

"""Exact helpers shared by the two-player solvers: integer payoff matrices and integer pivoting.

All exact work is done with Python integers. The payoff matrices of a bimatrix game with rational
payoffs are scaled (per player, by the least common denominator) and shifted so that every entry
is a positive integer; this changes neither best responses nor equilibria. Tableaux are pivoted
fraction-free (integer pivoting, von Stengel 2007, sec. 3.5): every entry of the tableau stays an
integer and the common denominator is the last pivot element, so no rounding ever happens.

References
----------
.. [1] B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
   form", ch. 3 of N. Nisan et al. (eds.), *Algorithmic Game Theory*, Cambridge UP, 2007.
.. [2] E. H. Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
   elimination", *Mathematics of Computation* 22 (1968), 565-578.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm

import numpy as np

from ..equilibrium import Equilibrium
from ..errors import InputError
from ..game import NormalFormGame
from ..numbers import integers_as_floats

__all__ = ["BimatrixData", "bimatrix_data", "pivot", "lex_min_ratio_row", "solve_square",
           "make_equilibrium", "normalise", "reduce_vector", "LISTING_HINT"]


class BimatrixData:
    """Exact data of a 2-player game: integer positive matrices ``A``, ``B`` and exact payoffs.

    Attributes
    ----------
    m, n : int
        Numbers of strategies of the row and column player.
    A, B : numpy object arrays of Python int, shape (m, n)
        Positive integer payoff matrices equivalent to the game (scaled and shifted).
    Af, Bf : numpy float arrays
        The same matrices as floats (for screening; exact decisions never use them).
    exact : numpy object array of Fraction, shape (2, m, n)
        The game's payoffs read exactly.
    """

    __slots__ = ("game", "m", "n", "A", "B", "Af", "Bf", "exact", "_rows", "_affine")
    game: NormalFormGame
    m: int
    n: int
    A: np.ndarray
    B: np.ndarray
    Af: np.ndarray
    Bf: np.ndarray
    _rows: tuple
    _affine: tuple


def _int_positive_parts(M) -> tuple[np.ndarray, int, int]:
    """``(ints, den, low)``: ``ints = M * den - low + 1`` is a positive integer matrix."""
    den = 1
    for x in M.flat:
        den = lcm(den, x.denominator)
    ints = np.array([int(x * den) for x in M.flat], dtype=object).reshape(M.shape)
    low = min(ints.flat)
    return ints - low + 1, den, low


def _integer_valued(game: NormalFormGame, num: np.ndarray) -> bool:
    """True when every payoff is an integer of at most 53 bits held in a numeric numpy array
    (so its float value is exact)."""
    if game.payoff_array.dtype == object:
        return False
    return bool(np.abs(num).max(initial=0) < 2**53 and np.array_equal(num, np.rint(num)))


def _int_positive_parts_fast(M: np.ndarray) -> tuple[np.ndarray, int, int]:
    """:func:`_int_positive_parts` of an integer-valued float matrix (exact below ``2**53``)."""
    low = int(M.min())
    ints = np.empty(M.shape, dtype=object)
    ints[...] = (M.astype(np.int64) - low + 1).tolist()   # Python ints, not numpy int64
    return ints, 1, low


def _as_int_positive(M) -> np.ndarray:
    """Scale a Fraction matrix to integers and shift to entries >= 1 (object array of int)."""
    return _int_positive_parts(M)[0]


def bimatrix_data(game: NormalFormGame, who: str = "this solver") -> BimatrixData:
    """Check that ``game`` is a numeric 2-player game and return its exact integer data.

    Raises :class:`~govgames.games.errors.InputError` for another number of players and
    :class:`~govgames.games.errors.FreeParametersError` for free parameters.

    >>> g = NormalFormGame([[[0.5, 0], [0, 1]], [[1, 0], [0, 2]]])
    >>> d = bimatrix_data(g)
    >>> d.A.tolist(), d.B.tolist()
    ([[2, 1], [1, 3]], [[2, 1], [1, 3]])
    """
    if not isinstance(game, NormalFormGame):
        raise InputError(f"{who} needs a games.NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise InputError(f"{who} handles 2-player games; this game has {game.n_players} players")
    num = game.numeric_payoffs()  # raises FreeParametersError when symbolic
    if not np.all(np.isfinite(num)):
        raise InputError("the game has payoffs that are not finite numbers (inf or nan)")
    d = BimatrixData()
    d.game = game
    d.m, d.n = game.shape
    if _integer_valued(game, num):
        # integers (stored as integers or as integer-valued floats) are exact as they are: no
        # Fraction per entry (2 s instead of 55 s for a 1000x1000 game)
        (d.A, den_a, low_a), (d.B, den_b, low_b) = (_int_positive_parts_fast(num[p])
                                                    for p in (0, 1))
    else:
        exact = game.exact_payoffs()
        d.A, den_a, low_a = _int_positive_parts(exact[0])
        d.B, den_b, low_b = _int_positive_parts(exact[1])
    # exact payoff = (integer payoff + low - 1) / den, per player
    d._affine = ((den_a, low_a - 1), (den_b, low_b - 1))
    d._rows = (d.A.tolist(), d.B.tolist())
    d.Af = integers_as_floats(d.A, who)
    d.Bf = integers_as_floats(d.B, who)
    return d


def pivot(T: np.ndarray, det: int, row: int, col: int) -> tuple[np.ndarray, int]:
    """Integer pivot of tableau ``T`` (object array of int) with common denominator ``det``.

    Every other row becomes ``(T[row, col] * T[i] - T[i, col] * T[row]) / det`` (an exact
    division by Sylvester's identity); the pivot row stays; the new denominator is the pivot
    element.

    >>> T = np.array([[2, 1, 1], [1, 3, 1]], dtype=object)
    >>> T2, d = pivot(T, 1, 0, 0)
    >>> T2.tolist(), d
    ([[2, 1, 1], [0, 5, 1]], 2)
    """
    p = T[row, col]
    out = (T * p - np.multiply.outer(T[:, col], T[row, :])) // det
    out[row, :] = T[row, :]
    return out, p


def lex_min_ratio_row(T: np.ndarray, col: int, rhs: int, inv_cols, rows=None) -> int | None:
    """Row of the lexicographic minimum-ratio test for entering column ``col``.

    Compares ``(T[i, rhs], T[i, inv_cols...]) / T[i, col]`` over rows with ``T[i, col] > 0``;
    ``inv_cols`` are the columns that held the identity at the start (the basis inverse), so the
    minimum is unique and pivoting never cycles on degenerate problems. Returns None when the
    column has no positive entry (an unbounded ray). ``rows``, if given, restricts the test to
    these rows (the caller guarantees that they contain every row of minimum ratio).

    >>> T = np.array([[1, 0, 1, 0, 2], [2, 0, 0, 1, 4]], dtype=object)
    >>> lex_min_ratio_row(T, 0, 4, [2, 3])
    1
    """
    colv = T[:, col]
    if rows is None:
        rows = [i for i in range(T.shape[0]) if colv[i] > 0]
    if not rows:
        return None
    for key in (rhs, *inv_cols):
        if len(rows) == 1:
            break
        best = rows[0]
        a_b, t_b = T[best, key], colv[best]
        ties = [best]
        for i in rows[1:]:
            lhs = T[i, key] * t_b
            rhs_ = a_b * colv[i]
            if lhs < rhs_:
                best, a_b, t_b = i, T[i, key], colv[i]
                ties = [i]
            elif lhs == rhs_:
                ties.append(i)
        rows = ties
    return rows[0]


def solve_square(M: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve ``M z = 1`` exactly for a square integer matrix by Bareiss elimination.

    Returns ``(numerators, denominator)`` with ``z = numerators / denominator`` and a positive
    denominator, or None when ``M`` is singular.

    >>> solve_square([[2, 1], [1, 3]])
    ([2, 1], 5)
    >>> solve_square([[1, 1], [1, 1]]) is None
    True
    """
    k = len(M)
    T = [list(map(int, row)) + [1] for row in M]
    prev = 1
    for c in range(k):
        piv = next((r for r in range(c, k) if T[r][c] != 0), None)
        if piv is None:
            return None
        if piv != c:
            T[c], T[piv] = T[piv], T[c]
        pc = T[c][c]
        rowc = T[c]
        for r in range(k):
            if r == c:
                continue
            rr = T[r]
            f = rr[c]
            T[r] = [(pc * rr[j] - f * rowc[j]) // prev for j in range(k + 1)]
        prev = pc
    det = prev
    # integer Gauss-Jordan pivoting (the tableau pivot above): row r is now det * e_r | det * z_r
    nums = [T[r][k] for r in range(k)]
    if det < 0:
        det, nums = -det, [-x for x in nums]
    return nums, det


_ZERO = Fraction(0)

#: What to do when the list of equilibria itself is over the budget (a degenerate game such as
#: an all-zero 1x20,000 table, where every column is an equilibrium).
LISTING_HINT = ("method 'logit' or lemke_howson(game) finds one equilibrium; "
                "pure_nash_equilibria(game, max_equilibria=...) lists the first pure ones")


def normalise(nums) -> tuple[Fraction, ...]:
    """Probability vector from non-negative integer numerators (the zeros of a sparse profile
    share one ``Fraction(0)``: a 1x20,000 game's equilibria hold 20,000 zeros each)."""
    s = sum(nums)
    return tuple(Fraction(int(a), s) if a else _ZERO for a in nums)


def make_equilibrium(data: BimatrixData, x: tuple, y: tuple) -> Equilibrium:
    """Build an :class:`Equilibrium` from exact probability vectors (tuples of Fraction)."""
    game = data.game
    # x^T M y in integers: x = nx / dx, y = ny / dy (common denominators), M the positive
    # integer matrices, then mapped back to the game's payoffs
    dx = 1
    for p in x:
        dx = lcm(dx, p.denominator)
    dy = 1
    for p in y:
        dy = lcm(dy, p.denominator)
    xs = [(i, p.numerator * (dx // p.denominator)) for i, p in enumerate(x) if p]
    ys = [(j, p.numerator * (dy // p.denominator)) for j, p in enumerate(y) if p]
    us = []
    for M, (den, shift) in zip(data._rows, data._affine):
        tot = 0
        for i, a in xs:
            row = M[i]
            tot += a * sum(row[j] * b for j, b in ys)
        us.append(Fraction(tot + shift * dx * dy, den * dx * dy))
    u1, u2 = us
    # x, y are tuples of Fraction already: build the record without re-converting them
    return Equilibrium(tuple(game.players), tuple(tuple(s) for s in game.strategies),
                       (np.array([float(p) for p in x]), np.array([float(p) for p in y])),
                       np.array([float(u1), float(u2)]), (tuple(x), tuple(y)), (u1, u2), ())


def reduce_vector(nums, den) -> tuple[tuple[int, ...], int]:
    """Divide integer numerators and denominator by their common divisor."""
    g = den
    for a in nums:
        g = gcd(g, a)
    if g > 1:
        return tuple(a // g for a in nums), den // g
    return tuple(nums), den

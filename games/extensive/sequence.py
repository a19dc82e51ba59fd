"""The sequence form of a two-player game tree and Lemke's algorithm on it (exact).

The reduced normal form can be exponentially larger than the tree; the sequence form is not. A
*sequence* of a player is the list of his own moves on the way to a node, identified with its last
move ``(h, a)`` (perfect recall) or the empty sequence. Mixed behaviour is then a *realization
plan* ``x`` over sequences with ``x(empty) = 1`` and ``sum_a x(h, a) = x(s_h)`` at every
information set ``h`` reached by sequence ``s_h``: linear constraints ``E x = e`` (and
``F y = f`` for player 2). The payoff matrices ``A``, ``B`` hold, for each pair of sequences, the
chance-weighted payoff of the plays that end right after them, so the expected payoffs are
``x^T A y`` and ``x^T B y`` [1]_ [2]_.

A pair of plans is an equilibrium when each is a best response, i.e. optimal in the linear
program ``max x^T (A y) s.t. E x = e, x >= 0`` and its dual. With every payoff made negative
(subtracting a constant, which changes no incentive) the equalities may be relaxed to
``E x >= e`` and the optimality conditions of both programs form the linear complementarity
problem (LCP) ``w = q + M z >= 0, z >= 0, z^T w = 0`` in ``z = (x, y, p, r)`` with::

        [  0   -A  -E^T   0  ]        [  0 ]
    M = [ -B^T  0    0  -F^T ],   q = [  0 ]
        [  E    0    0    0  ]        [ -e ]
        [  0    F    0    0  ]        [ -f ]

which Lemke's algorithm solves [1]_. Here it runs in exact integer arithmetic (fraction-free
pivoting, lexicographic minimum-ratio test, so degenerate trees are handled and no rounding
happens), from the artificial start with covering vector ``d = 1``. The plans found are turned
into behaviour strategies ``beta(a | h) = x(h, a) / sum_b x(h, b)`` and the result is verified
exactly to be a Nash equilibrium of the tree. The algorithm finds one equilibrium in a number of
steps that is typically small; its size is linear in the tree.

References
----------
.. [1] D. Koller, N. Megiddo and B. von Stengel, "Efficient computation of equilibria for
   extensive two-person games", *Games and Economic Behavior* 14 (1996), 247-259.
.. [2] B. von Stengel, "Efficient computation of behavior strategies", *Games and Economic
   Behavior* 14 (1996), 220-246.
.. [3] C. E. Lemke, "Bimatrix equilibrium points and mathematical programming", *Management
   Science* 11 (1965), 681-689.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import numpy as np

from ..equilibrium import EquilibriumList
from ..errors import InputError
from .behaviour import BehaviourProfile, _profile, is_nash
from .tree import ExtensiveGame, own_sequences, require_tree

__all__ = ["SequenceForm", "sequence_form", "sequence_form_lemke", "sequence_lcp_size",
           "sequence_form_seconds", "MAX_LCP_SIZE", "SEQUENCE_NS_PER_CUBE"]

#: Formerly the largest LCP solved (sequences and information sets of both players); no longer
#: a limit: :func:`sequence_form_lemke` estimates the time and memory from the size and asks
#: the budget (:mod:`govgames.games.budget`), which a user may raise. Kept for old imports.
MAX_LCP_SIZE = 4000

#: Nanoseconds per ``size**3`` of Lemke's algorithm on the sequence form (see
#: :func:`sequence_form_seconds`).
SEQUENCE_NS_PER_CUBE = 12.0


@dataclass
class SequenceForm:
    """The sequence form of a two-player tree.

    Attributes
    ----------
    sequences : list of list
        ``sequences[i][k]``: None (the empty sequence) or ``(infoset index, action index)``.
    E, F : numpy int arrays
        Constraint matrices (one row for the empty sequence, one per information set).
    A, B : numpy object arrays of Fraction
        Chance-weighted payoffs of each pair of sequences (players 1 and 2).
    """

    game: ExtensiveGame
    sequences: list
    E: np.ndarray
    F: np.ndarray
    A: np.ndarray
    B: np.ndarray

    def realization_plan(self, player: int, behaviour: BehaviourProfile) -> list[Fraction]:
        """The realization plan of a player's behaviour: the product of his own move
        probabilities along each sequence."""
        own = own_sequences(self.game)
        out = []
        for s in self.sequences[player]:
            p = Fraction(1)
            while s is not None:
                h, a = s
                p *= behaviour.probs[h][a]
                s = own[self.game.infosets[h].nodes[0]][player]
            out.append(p)
        return out


def sequence_form(game: ExtensiveGame) -> SequenceForm:
    """The sequence form (sequences, constraints ``E``, ``F`` and payoffs ``A``, ``B``).

    Parameters
    ----------
    game : ExtensiveGame
        Two players, perfect recall, numeric payoffs.

    Returns
    -------
    SequenceForm

    Examples
    --------
    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
    ...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
    >>> sf = sequence_form(g)
    >>> len(sf.sequences[0]), sf.E.tolist()
    (3, [[1, 0, 0], [-1, 1, 1]])
    >>> [[str(v) for v in row] for row in sf.A]
    [['0', '0', '0'], ['0', '0', '0'], ['0', '-1', '1']]
    """
    seqs, pos, constraints, A_, B_, _ = _sparse_sequence_form(game)
    A = np.full((len(seqs[0]), len(seqs[1])), Fraction(0), dtype=object)
    B = np.full((len(seqs[0]), len(seqs[1])), Fraction(0), dtype=object)
    for (r, k), v in A_.items():
        A[r, k] = v
    for (r, k), v in B_.items():
        B[r, k] = v
    E, F = (np.zeros((len(rows), len(seqs[i])), dtype=int) for i, rows in enumerate(constraints))
    for C, rows in zip((E, F), constraints):
        for r, row in enumerate(rows):
            for k, v in row.items():
                C[r, k] = v
    return SequenceForm(game, seqs, E, F, A, B)


def _chance_reach(game) -> list:
    """The chance probability of reaching every node (one pass from the root)."""
    reach: list = [Fraction(1)] * len(game.nodes)
    for node in game.nodes:
        if node.parent is not None:
            h = game.infosets[game.nodes[node.parent].infoset]
            reach[node.index] = (reach[node.parent] * h.probs[node.action] if h.is_chance
                                 else reach[node.parent])
    return reach


def _require_sequence_form(game) -> None:
    if game.n_players != 2:
        raise InputError(f"the sequence form here is for 2-player games; this game has "
                         f"{game.n_players} players")
    game.require_numeric("the sequence form")
    game.require_perfect_recall("the sequence form")


def _sparse_sequence_form(game):
    """The sequence form with sparse matrices: ``(sequences, positions, constraints, A, B, W)``
    where ``constraints[i]`` lists the rows of ``E`` (``F``) as ``{column: coefficient}`` and
    ``A``, ``B``, ``W`` map the pairs of sequences where plays end to the chance-weighted
    payoffs and the chance weight (the dense matrices are mostly zeros: size ``n1 x n2``)."""
    _require_sequence_form(game)
    own = own_sequences(game)
    seqs = []
    pos = []
    constraints = []
    for i in range(2):
        s: list[tuple[int, int] | None] = [None]
        for h in game.player_infosets(i):
            s.extend((h, a) for a in range(len(game.infosets[h].actions)))
        seqs.append(s)
        pos.append({q: k for k, q in enumerate(s)})
        rows = [{0: 1}]
        for h in game.player_infosets(i):
            row = {pos[i][own[game.infosets[h].nodes[0]][i]]: -1}
            for a in range(len(game.infosets[h].actions)):
                row[pos[i][(h, a)]] = 1
            rows.append(row)
        constraints.append(rows)
    reach = _chance_reach(game)
    A: dict = {}
    B: dict = {}
    W: dict = {}
    for z in game.terminals:
        c = reach[z]
        if c == 0:
            continue
        rk = pos[0][own[z][0]], pos[1][own[z][1]]
        u = game.payoff(z)
        A[rk] = A.get(rk, Fraction(0)) + c * u[0]
        B[rk] = B.get(rk, Fraction(0)) + c * u[1]
        W[rk] = W.get(rk, Fraction(0)) + c
    return seqs, pos, constraints, A, B, W


def _integer_negative(M: dict, shift: Fraction, weights: dict) -> dict:
    """``M - shift * weights`` (sparse, over the keys of ``weights``) scaled to integers (all
    entries negative)."""
    vals = {k: M.get(k, Fraction(0)) - shift * w for k, w in weights.items()}
    den = 1
    for v in vals.values():
        den = lcm(den, v.denominator)
    return {k: int(v * den) for k, v in vals.items()}


def sequence_lcp_size(game: ExtensiveGame) -> int:
    """Variables of the sequence-form LCP: both players' sequences and information sets (plus
    the empty sequence's row each).

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["E", "I"], decision("E", {"Out": terminal(0, 2),
    ...     "In": decision("I", {"Fight": terminal(-1, -1), "Share": terminal(1, 1)})}))
    >>> sequence_lcp_size(g)   # sequences 3 + 3, constraint rows 2 + 2
    10
    """
    size = 0
    for i in range(game.n_players):
        hs = game.player_infosets(i)
        size += 2 + len(hs) + sum(len(game.infosets[h].actions) for h in hs)
    return size


def sequence_form_seconds(size: int) -> float:
    """Estimated time of Lemke's algorithm on a sequence-form LCP of ``size`` variables.

    The number of pivots is typically proportional to ``size`` (about 2/3 of it on a chain of
    decisions) and a pivot recomputes the rows of the ``size x 2 size`` integer tableau that
    have an entry in the entering column (nearly all, once the artificial variable has
    entered), so the time grows as ``size**3``: ``SEQUENCE_NS_PER_CUBE`` nanoseconds each,
    measured on Centipede chains of 200 to 400 moves (604 to 1204 variables: 2.6 to 19 s).

    >>> round(sequence_form_seconds(1000))
    12
    """
    return SEQUENCE_NS_PER_CUBE * 1e-9 * float(size) ** 3


def sequence_form_fits(game: ExtensiveGame) -> bool:
    """Whether the sequence form of a two-player tree is within the budgets (so a refusal
    elsewhere may suggest method ``'sequence'``)."""
    from ..budget import BudgetError

    if game.n_players != 2:
        return False
    try:
        check_sequence_form_cost(game, sequence_lcp_size(game))
    except BudgetError:
        return False
    return True


def check_sequence_form_cost(game: ExtensiveGame, size: int) -> None:
    """Refuse (:class:`~govgames.games.budget.BudgetError`) a sequence-form LCP whose estimated
    time is over the time budget or whose tableau is over the memory budget."""
    from ..budget import check_memory, check_seconds

    if game.is_perfect_information:
        hint = ("the tree has perfect information: method 'backward' or 'subgame-perfect' "
                "solves it in time linear in the tree")
    else:
        hint = ("method 'subgame-perfect' solves the tree's subgames one by one, if it has "
                "proper subgames")
    what = (f"Lemke's algorithm on the sequence form of this tree ({size:,} LCP variables, "
            "exact)")
    # the tableau (64-bit integers) and three temporaries of its size during a pivot
    check_memory(4 * 8 * size * (2.0 * size + 2), what, hint)
    check_seconds(sequence_form_seconds(size), what, hint)


def sequence_form_lemke(game: ExtensiveGame) -> BehaviourProfile:
    """One Nash equilibrium of a two-player tree in behaviour strategies, by Lemke's algorithm
    on the sequence form (Koller, Megiddo and von Stengel 1996), in exact arithmetic.

    Parameters
    ----------
    game : ExtensiveGame
        Two players, perfect recall, numeric payoffs.

    Returns
    -------
    BehaviourProfile
        Exact probabilities and payoffs; verified to be a Nash equilibrium. Information sets that
        the player's own moves exclude are marked not reached.

    Raises
    ------
    InputError
        Not two players, imperfect recall or free parameters.
    BudgetError
        An LCP whose estimated time (:func:`sequence_form_seconds`) is over the time budget
        (:func:`govgames.games.budget.max_seconds`, 30 s unless raised with
        ``budget(max_seconds=...)`` or ``GOVGAMES_MAX_SECONDS``) or whose tableau is over the
        memory budget; the message suggests ``backward`` or ``subgame-perfect``.

    References
    ----------
    Koller, Megiddo and von Stengel (1996); von Stengel (1996); Lemke (1965).

    Examples
    --------
    Matching pennies where player 2 does not see player 1's coin:

    >>> from govgames.games.extensive import ExtensiveGame, decision, terminal
    >>> g = ExtensiveGame(["1", "2"], decision("1", {
    ...     "H": decision("2", {"h": terminal(1, -1), "t": terminal(-1, 1)}, infoset="guess"),
    ...     "T": decision("2", {"h": terminal(-1, 1), "t": terminal(1, -1)}, infoset="guess")}))
    >>> print(sequence_form_lemke(g))
    1: 1/2 H + 1/2 T; 2: 1/2 h + 1/2 t  (payoffs 0, 0)
    """
    require_tree(game, "sequence_form_lemke")
    _require_sequence_form(game)
    check_sequence_form_cost(game, sequence_lcp_size(game))
    seqs, pos, constraints, A, B, W = _sparse_sequence_form(game)
    n1, n2 = len(seqs[0]), len(seqs[1])
    N = n1 + n2 + len(constraints[0]) + len(constraints[1])
    own = own_sequences(game)
    M, q = _sequence_lcp(game, n1, n2, constraints, A, B, W)
    value, steps = _lemke(M, q)
    # the realisation plans are the z variables of the first n1 + n2 positions
    x = [value.get(N + k, Fraction(0)) for k in range(n1)]
    y = [value.get(N + n1 + k, Fraction(0)) for k in range(n2)]
    probs, defined = _behaviour_from_plans(game, (x, y), own, pos)
    prof = _profile(game, probs, defined,
                    notes=(f"sequence form, Lemke's algorithm (exact, {steps} pivots)",))
    if not is_nash(game, prof):  # pragma: no cover - a failure here is a bug
        raise RuntimeError("the sequence-form solution failed the exact equilibrium check; "
                           "please report this game")
    return prof


def _sequence_lcp(game, n1, n2, constraints, A, B, W):
    """The LCP ``w = q + M z`` of the sequence form with payoffs shifted to be negative
    integers; ``z`` is ``(x, y, p, q)``: the two realisation plans and the dual variables of
    their constraints ``E x = e``, ``F y = f``. Returns ``(M, q)``: the rows of ``M`` as
    ``{column: int}`` (sparse: a few entries per row) and ``q`` as a list of int."""
    E, F = constraints
    m1, m2 = len(E), len(F)
    N = n1 + n2 + m1 + m2
    pays = [game.payoff(z) for z in game.terminals] or [(Fraction(0), Fraction(0))]
    shift1 = max(p[0] for p in pays) + 1
    shift2 = max(p[1] for p in pays) + 1
    Ai = _integer_negative(A, shift1, W)
    Bi = _integer_negative(B, shift2, W)
    ox, oy, op, oq = 0, n1, n1 + n2, n1 + n2 + m1
    M: list[dict] = [{} for _ in range(N)]
    for (r, k), v in Ai.items():
        M[ox + r][oy + k] = -v
    for (r, k), v in Bi.items():
        M[oy + k][ox + r] = -v
    for C, orow, ocol in ((E, op, ox), (F, oq, oy)):
        for e, row in enumerate(C):
            for k, v in row.items():
                M[ocol + k][orow + e] = -v   # -E^T (-F^T)
                M[orow + e][ocol + k] = v    # E (F)
    q = [0] * N
    q[op] = -1
    q[oq] = -1
    return M, q


#: Entries of the integer tableau stay below this in 64-bit arithmetic (checked before each
#: pivot); beyond it the tableau turns to Python integers (exact, slower).
_INT64_SAFE = 2 ** 62


def _lemke(M: list, q: list):
    """Lemke's algorithm with the covering vector of ones, in exact integer arithmetic.

    The tableau ``w - M z - d z0 = q`` (columns: ``w`` (N), ``z`` (N), ``z0``, right-hand side)
    holds in each row an integer multiple of the canonical row (the one whose basic variable has
    coefficient 1), positive on its basic variable and divided by the gcd of its entries. A
    pivot on column ``c`` recomputes only the rows with an entry in ``c``
    (``row * p - row[c] * pivot row``, subtracting only where the pivot row is not zero, then
    the gcd), and the entries stay small, so they are
    kept as 64-bit integers while a bound computed before each pivot shows that they fit
    (Python integers after). The minimum-ratio test does not depend on the rows' scale, so the
    pivots (lexicographic minimum ratio with the initial identity as the basis inverse: no
    cycling on degenerate trees) and the answer are those of the fraction-free tableau with a
    common denominator, which rescaled every row at every pivot with ever longer integers.

    Returns ``({basic variable: value}, number of pivots)``: variable ``j < N`` is ``w_j``,
    ``N + j`` is ``z_j`` (``N = len(q)``)."""
    N = len(q)
    z0, rhs = 2 * N, 2 * N + 1
    big = max([abs(v) for row in M for v in row.values()] + [abs(x) for x in q] + [1])
    T = np.zeros((N, 2 * N + 2), dtype=np.int64 if big < _INT64_SAFE else object)
    for i, row in enumerate(M):
        T[i, i] = 1
        for j, v in row.items():
            T[i, N + j] = -v
        T[i, z0] = -1
        T[i, rhs] = q[i]
    basis = list(range(N))
    bound = [big]   # at least the largest magnitude in the tableau

    def pivot(T, r: int, c: int):
        if T[r, c] < 0:
            T[r] = -T[r]
        prow = T[r]
        p = prow[c]
        idx = np.flatnonzero(T[:, c])
        idx = idx[idx != r]
        if idx.size:
            if T.dtype != object and 2 * bound[0] * bound[0] >= _INT64_SAFE:
                T = T.astype(object)
                prow, p = T[r], T[r, c]
            new = T[idx]
            f = new[:, c].copy()
            if p != 1:
                new *= p
            nz = np.flatnonzero(prow)   # the pivot row is sparse: subtract where it is not 0
            new[:, nz] -= np.multiply.outer(f, prow[nz])
            g = np.gcd.reduce(new, axis=1)   # > 0: the basic variable's entry is positive
            div = g > 1
            if div.any():
                new[div] //= g[div][:, None]
            T[idx] = new
            if T.dtype != object:
                bound[0] = max(bound[0], int(np.abs(new).max()))
        basis[r] = c
        return T

    def ratio_row(T, c: int):
        # rows where the entering variable's canonical coefficient is positive
        cand = np.flatnonzero(T[:, c] > 0).tolist()
        if not cand:
            return None
        col = {i: int(T[i, c]) for i in cand}
        for key in (rhs, *range(N)):   # right-hand side, then the initial basis inverse
            if len(cand) == 1:
                break
            vals = {i: int(T[i, key]) for i in cand}
            best = cand[0]
            a_b, t_b = vals[best], col[best]
            ties = [best]
            for i in cand[1:]:
                lhs = vals[i] * t_b
                rhs_ = a_b * col[i]
                if lhs < rhs_:
                    best, a_b, t_b = i, vals[i], col[i]
                    ties = [i]
                elif lhs == rhs_:
                    ties.append(i)
            cand = ties
        return cand[0]

    # first pivot: z0 enters where q is most negative (ties: the last such row, which keeps the
    # tableau lexicographically positive)
    qmin = min(q)
    r = max(i for i in range(N) if q[i] == qmin)
    leaving = basis[r]
    T = pivot(T, r, z0)
    steps = 0
    while True:
        entering = leaving + N if leaving < N else leaving - N   # the complement
        found = ratio_row(T, entering)
        if found is None:  # pragma: no cover - excluded by the theory (negative payoffs)
            raise RuntimeError("Lemke's algorithm on the sequence form ended on a ray; "
                               "please report this game")
        leaving = basis[found]
        T = pivot(T, found, entering)
        steps += 1
        if leaving == z0:
            break
    return {b: Fraction(int(T[r, rhs]), int(T[r, b])) for r, b in enumerate(basis)}, steps


def _behaviour_from_plans(game, plans, own, pos):
    """Behaviour probabilities of each information set from the two realisation plans (uniform
    where the player's own moves exclude the set), and whether each is reached."""
    probs: list[tuple[Fraction, ...] | None] = [None] * len(game.infosets)
    defined = [False] * len(game.infosets)
    for i, plan in enumerate(plans):
        for h in game.player_infosets(i):
            info = game.infosets[h]
            k = len(info.actions)
            mass = [plan[pos[i][(h, a)]] for a in range(k)]
            total = sum(mass)
            parent = plan[pos[i][own[info.nodes[0]][i]]]
            if parent > 0 and total > 0:
                probs[h] = tuple(m / total for m in mass)
                defined[h] = True
            else:
                probs[h] = tuple(Fraction(1, k) for _ in range(k))
    return probs, defined


def sequence_form_equilibria(game: ExtensiveGame) -> EquilibriumList:
    """:func:`sequence_form_lemke` as an :class:`~govgames.games.EquilibriumList` (one entry)."""
    e = sequence_form_lemke(game)
    return EquilibriumList([e], method="sequence form (Lemke)",
                           notes=["one equilibrium, found by Lemke's algorithm on the sequence "
                                  "form (Koller, Megiddo and von Stengel 1996); other "
                                  "equilibria may exist (method 'all' lists every extreme "
                                  "equilibrium of the reduced normal form)"])

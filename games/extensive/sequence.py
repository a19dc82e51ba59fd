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
from ..twoplayer._exact import lex_min_ratio_row, pivot
from .behaviour import BehaviourProfile, _profile, is_nash
from .tree import ExtensiveGame, own_sequences

__all__ = ["SequenceForm", "sequence_form", "sequence_form_lemke", "MAX_LCP_SIZE"]

#: Largest LCP (number of sequences and information sets of both players) solved.
MAX_LCP_SIZE = 4000


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
    if game.n_players != 2:
        raise InputError(f"the sequence form here is for 2-player games; this game has "
                         f"{game.n_players} players")
    game.require_numeric("the sequence form")
    game.require_perfect_recall("the sequence form")
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
        hs = game.player_infosets(i)
        C = np.zeros((1 + len(hs), len(s)), dtype=int)
        C[0, 0] = 1
        for r, h in enumerate(hs, start=1):
            C[r, pos[i][own[game.infosets[h].nodes[0]][i]]] = -1
            for a in range(len(game.infosets[h].actions)):
                C[r, pos[i][(h, a)]] = 1
        constraints.append(C)
    A = np.full((len(seqs[0]), len(seqs[1])), Fraction(0), dtype=object)
    B = np.full((len(seqs[0]), len(seqs[1])), Fraction(0), dtype=object)
    for z in game.terminals:
        c = game.chance_probability(z)
        if c == 0:
            continue
        r, k = pos[0][own[z][0]], pos[1][own[z][1]]
        u = game.payoff(z)
        A[r, k] += c * u[0]
        B[r, k] += c * u[1]
    return SequenceForm(game, seqs, constraints[0], constraints[1], A, B)


def _integer_negative(M: np.ndarray, shift: Fraction, weights: np.ndarray) -> np.ndarray:
    """``M - shift * weights`` scaled to integers (all entries where weights > 0 negative)."""
    vals = [x - shift * w for x, w in zip(M.flat, weights.flat)]
    den = 1
    for v in vals:
        den = lcm(den, v.denominator)
    return np.array([int(v * den) for v in vals], dtype=object).reshape(M.shape)


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
        Not two players, imperfect recall, free parameters, or an LCP larger than
        ``MAX_LCP_SIZE``.

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
    sf = sequence_form(game)
    n1, n2 = len(sf.sequences[0]), len(sf.sequences[1])
    N = n1 + n2 + sf.E.shape[0] + sf.F.shape[0]
    if N > MAX_LCP_SIZE:
        raise InputError(f"the sequence-form LCP has {N} variables, more than "
                         f"MAX_LCP_SIZE={MAX_LCP_SIZE}")
    own = own_sequences(game)
    pos = [{q: k for k, q in enumerate(s)} for s in sf.sequences]
    M, q = _sequence_lcp(game, sf, own, pos)
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


def _sequence_lcp(game, sf, own, pos):
    """The LCP ``w = q + M z`` of the sequence form with payoffs shifted to be negative
    integers; ``z`` is ``(x, y, p, q)``: the two realisation plans and the dual variables of
    their constraints ``E x = e``, ``F y = f``. Returns ``(M, q)`` (object arrays)."""
    n1, n2 = len(sf.sequences[0]), len(sf.sequences[1])
    m1, m2 = sf.E.shape[0], sf.F.shape[0]
    N = n1 + n2 + m1 + m2
    # chance weight of each pair of sequences (plays ending right after them)
    W = np.full((n1, n2), Fraction(0), dtype=object)
    for z in game.terminals:
        W[pos[0][own[z][0]], pos[1][own[z][1]]] += game.chance_probability(z)
    pays = [game.payoff(z) for z in game.terminals] or [(Fraction(0), Fraction(0))]
    shift1 = max(p[0] for p in pays) + 1
    shift2 = max(p[1] for p in pays) + 1
    A = _integer_negative(sf.A, shift1, W)
    B = _integer_negative(sf.B, shift2, W)
    E = sf.E.astype(object)
    F = sf.F.astype(object)
    M = np.zeros((N, N), dtype=object)
    ox, oy, op, oq = 0, n1, n1 + n2, n1 + n2 + m1
    M[ox:ox + n1, oy:oy + n2] = -A
    M[ox:ox + n1, op:op + m1] = -E.T
    M[oy:oy + n2, ox:ox + n1] = -B.T
    M[oy:oy + n2, oq:oq + m2] = -F.T
    M[op:op + m1, ox:ox + n1] = E
    M[oq:oq + m2, oy:oy + n2] = F
    q = np.zeros(N, dtype=object)
    q[op] = -1
    q[oq] = -1
    return M, q


def _lemke(M, q):
    """Lemke's algorithm with the covering vector of ones, in integer (fraction-free) pivots.

    Returns ``({basic variable: value}, number of pivots)``: variable ``j < N`` is ``w_j``,
    ``N + j`` is ``z_j`` (``N = len(q)``)."""
    N = len(q)
    # tableau  w - M z - d z0 = q ; columns: w (N), z (N), z0, rhs
    T = np.zeros((N, 2 * N + 2), dtype=object)
    T[:, :N] = np.eye(N, dtype=int).astype(object)
    T[:, N:2 * N] = -M
    T[:, 2 * N] = -1
    T[:, 2 * N + 1] = q
    z0, rhs = 2 * N, 2 * N + 1
    det = 1
    basis = list(range(N))
    inv_cols = list(range(N))
    # first pivot: z0 enters where q is most negative (ties: the last such row, which keeps the
    # tableau lexicographically positive)
    qmin = min(q)
    row = max(i for i in range(N) if q[i] == qmin)
    T, det = pivot(T, det, row, z0)
    leaving = basis[row]
    basis[row] = z0
    steps = 0
    while True:
        entering = leaving + N if leaving < N else leaving - N   # the complement
        # the tableau rows hold -(variable) for negated pivots; keep sign via det
        found = lex_min_ratio_row(T if det > 0 else -T, entering, rhs, inv_cols)
        if found is None:  # pragma: no cover - excluded by the theory (negative payoffs)
            raise RuntimeError("Lemke's algorithm on the sequence form ended on a ray; "
                               "please report this game")
        row = found
        T, det = pivot(T, det, row, entering)
        leaving = basis[row]
        basis[row] = entering
        steps += 1
        if leaving == z0:
            break
    return {b: Fraction(int(T[r, rhs]), int(det)) for r, b in enumerate(basis)}, steps


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

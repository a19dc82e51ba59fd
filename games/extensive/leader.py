"""Leader–follower (Stackelberg) games and the minimal intervention that makes cooperation stable.

A *leader* (a superior government, an upstream city) commits first; the *followers* observe the
commitment and play an equilibrium of the game it induces. Three cases are covered:

* :func:`stackelberg_pure`: the leader commits to one of its strategies of a normal-form game;
  the followers play a pure Nash equilibrium of the remaining game (one follower: a best
  response). When the followers have several equilibria the selection is stated: ``optimistic``
  (the one best for the leader, "strong Stackelberg"), ``pessimistic`` (the worst for the leader,
  "weak Stackelberg") or a callable rule.
* :func:`stackelberg_mixed`: two players, the leader commits to a *mixed* strategy (Conitzer and
  Sandholm 2006: one linear program per follower response, solved by HiGHS, then made exact by
  re-solving the active constraints in rational arithmetic and checking them exactly).
* :func:`stackelberg_continuous`: continuous actions with payoffs given as sympy expressions: the
  follower's best response from its first-order condition (checked concave), substituted into the
  leader's payoff, whose first-order condition gives the commitment (von Stackelberg 1934).

:func:`minimal_intervention` answers the policy question: the cheapest combination of
instruments (expected fine = audit rate x fine, subsidy, transfer, ...) whose payoff changes are
linear in the instrument levels and which makes a target profile (cooperation) a Nash equilibrium
of the followers' game, optionally a strict one by a margin. It is a linear program, solved by
HiGHS and then exactly as above.

References
----------
.. [1] H. von Stackelberg, *Marktform und Gleichgewicht*, Springer, 1934.
.. [2] V. Conitzer and T. Sandholm, "Computing the optimal strategy to commit to", *Proc. 7th ACM
   Conference on Electronic Commerce* (2006), 82-90.
.. [3] B. von Stengel and S. Zamir, "Leadership games with convex strategy sets", *Games and
   Economic Behavior* 69 (2010), 446-457.
.. [4] G. S. Becker, "Crime and punishment: an economic approach", *Journal of Political Economy*
   76 (1968), 169-217.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from ..budget import check_seconds
from ..errors import InputError
from ..expr import as_sympy
from ..game import NormalFormGame
from ..numbers import short_text
from .tree import exact_number, require_normal_form

__all__ = ["StackelbergResult", "stackelberg_pure", "stackelberg_mixed", "stackelberg_continuous",
           "InterventionResult", "minimal_intervention", "MAX_FOLLOWER_PROFILES"]

#: Largest number of follower profiles examined per commitment.
MAX_FOLLOWER_PROFILES = 1_000_000


@dataclass
class StackelbergResult:
    """The leader's optimal commitment and the followers' response.

    Attributes
    ----------
    commitment : str or tuple of Fraction or dict
        The leader's strategy name (pure), its probability vector (mixed) or ``{variable: value}``
        (continuous).
    response : tuple
        The followers' strategy names (pure/mixed) or ``{variable: value}`` (continuous).
    payoffs : tuple
        Every player's payoff (exact).
    selection : str
        How the followers' equilibrium is selected.
    notes : list of str
    table : list, optional
        For :func:`stackelberg_pure`: every commitment with the response selected and payoffs.
    """

    commitment: object
    response: object
    payoffs: tuple
    selection: str
    notes: list = field(default_factory=list)
    table: list | None = None

    def __str__(self) -> str:
        def t(x):
            if isinstance(x, Fraction):
                return str(x)
            if isinstance(x, (tuple, list)):
                return "(" + ", ".join(t(v) for v in x) + ")"
            if isinstance(x, dict):
                return ", ".join(f"{k} = {t(v)}" for k, v in x.items())
            return str(x)
        return (f"leader commits to {t(self.commitment)}; followers respond {t(self.response)} "
                f"(payoffs {t(self.payoffs)}; {self.selection} selection)")


def _function_name(f) -> str:
    """``f``'s name as shown in messages (a callable object: its class)."""
    name = getattr(f, "__qualname__", None) or getattr(f, "__name__", None)
    return name if isinstance(name, str) else type(f).__qualname__


def call_user(f: Callable, args: tuple, what: str, where: str):
    """``f(*args)`` for a function given by the user: an exception it raises becomes one
    :class:`InputError` naming ``what`` (``"the payoff function"``), the function and the call
    (``where``: the arguments in words), chained to the original; an ``InputError`` (a
    ``BudgetError`` too) raised by ``f`` itself passes unchanged.

    >>> call_user(lambda x: 1 / x, (0,), "the rule", "for x = 0")
    Traceback (most recent call last):
    ...
    govgames.games.errors.InputError: the rule <lambda> raised ZeroDivisionError for x = 0: division by zero
    """
    try:
        return f(*args)
    except InputError:
        raise
    except Exception as exc:
        lines = str(exc).strip().splitlines()
        detail = f": {short_text(lines[0], 200)[1:-1]}" if lines else ""
        raise InputError(f"{what} {_function_name(f)} raised {type(exc).__name__} {where}"
                         f"{detail}") from exc


def _exact_table(game: NormalFormGame) -> np.ndarray:
    if game.is_symbolic:
        from ..errors import FreeParametersError

        raise FreeParametersError([p.name for p in game.parameters])
    return np.asarray(game.exact_payoffs(), dtype=object)


def _follower_equilibria(P: np.ndarray, leader: int, s: int, n: int) -> list[tuple]:
    """Pure Nash equilibria (full profiles with the leader at ``s``) among the followers."""
    followers = [i for i in range(n) if i != leader]
    shape = P.shape[1:]
    count = int(np.prod([shape[i] for i in followers]))
    if count > MAX_FOLLOWER_PROFILES:
        raise InputError(f"the followers have {count:,} pure profiles, more than "
                         f"{MAX_FOLLOWER_PROFILES:,}")
    out: list[tuple] = []
    for fp in itertools.product(*(range(shape[i]) for i in followers)):
        prof = fp[:leader] + (s,) + fp[leader:]
        ok = True
        for i in followers:
            cur = P[(i,) + prof]
            for d in range(shape[i]):
                alt = list(prof)
                alt[i] = d
                if P[(i,) + tuple(alt)] > cur:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            out.append(prof)
    return out


def stackelberg_pure(game: NormalFormGame, leader=0, selection="optimistic") -> StackelbergResult:
    """The leader's best pure commitment when the followers then play a pure Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        Numeric; any number of players (the others are followers).
    leader : str or int
        The player who commits.
    selection : {"optimistic", "pessimistic"} or callable
        Which followers' equilibrium follows a commitment when there are several: the best or the
        worst for the leader, or ``rule(game, profiles) -> profile`` choosing among full pure
        profiles (tuples of strategy indices).

    Returns
    -------
    StackelbergResult
        ``table`` lists every commitment with the selected response (None when the followers
        have no pure equilibrium, a commitment then left out) and the payoffs.

    Raises
    ------
    InputError
        Free parameters, an unknown selection, a selection rule that raises an exception (one
        ``InputError`` naming the rule and the commitment, chained to the exception) or returns
        no equilibrium of the followers, or no commitment after which the followers have a pure
        equilibrium.

    References
    ----------
    von Stackelberg (1934); von Stengel and Zamir (2010).

    Examples
    --------
    Up strictly dominates Down for the leader, and the Nash equilibrium (Up, Left) pays her 2;
    committing to the dominated Down makes the follower answer Right and pays 3 (von Stengel
    and Zamir 2010):

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 4], [1, 3]], [[1, 0], [0, 2]]], players=["L", "F"],
    ...                    strategies=[["Up", "Down"], ["Left", "Right"]])
    >>> print(stackelberg_pure(g))
    leader commits to Down; followers respond (Right) (payoffs (3, 2); optimistic selection)
    """
    require_normal_form(game, "stackelberg_pure")
    P = _exact_table(game)
    n = game.n_players
    li = game.player_index(leader)
    if not callable(selection) and selection not in ("optimistic", "pessimistic"):
        raise InputError(f"unknown selection {selection!r}; use 'optimistic', 'pessimistic' or a "
                         "function choosing among the followers' equilibria")
    table: list[tuple] = []
    best = None
    for s in range(game.shape[li]):
        eqs = _follower_equilibria(P, li, s, n)
        if not eqs:
            table.append((game.strategies[li][s], None, None))
            continue
        if selection == "optimistic":
            pick = max(eqs, key=lambda p: P[(li,) + p])
        elif selection == "pessimistic":
            pick = min(eqs, key=lambda p: P[(li,) + p])
        else:
            pick = call_user(selection, (game, eqs), "the selection rule",
                             f"choosing among the followers' equilibria {short_text(eqs, 200)} "
                             f"after the commitment {game.strategies[li][s]!r}")
            if pick not in eqs:
                raise InputError(f"the selection rule returned {pick!r}, not one of the "
                                 f"followers' equilibria {eqs}")
        pays = tuple(P[(i,) + pick] for i in range(n))
        table.append((game.strategies[li][s], game.profile_names(pick), pays))
        if best is None or pays[li] > best[2][li]:
            best = (s, pick, pays)
    if best is None:
        raise InputError("after every commitment of the leader the followers have no pure Nash "
                         "equilibrium")
    s, pick, pays = best
    names = game.profile_names(pick)
    response = tuple(names[i] for i in range(n) if i != li)
    label = selection if isinstance(selection, str) else getattr(selection, "__name__", "rule")
    notes = []
    missing = [row[0] for row in table if row[1] is None]
    if missing:
        notes.append(f"after {', '.join(missing)} the followers have no pure equilibrium; "
                     "those commitments are left out")
    return StackelbergResult(game.strategies[li][s], response, pays, label, notes, table)


# ---------------------------------------------------------------------------- exact LPs
def _exact_point(rows: list, rhs: list, k: int) -> list | None:
    """The point fixed by the first ``k`` linearly independent ``rows`` (in order) of
    ``rows x = rhs``, solved exactly with FLINT's rational matrices; None when the rows do not
    fix a point (rank below ``k``).

    One reduced row echelon form of the transposed rows picks them (its pivot columns are the
    first independent rows), so this is cubic; choosing them one by one with sympy ranks took
    4 s for a 20 x 20 game and did not finish in 5 minutes for 40 x 40.

    >>> _exact_point([[1, 1], [2, 2], [1, -1]], [1, 2, 0], 2)
    [Fraction(1, 2), Fraction(1, 2)]
    >>> _exact_point([[1, 1], [2, 2]], [1, 2], 2) is None
    True
    """
    import flint

    def q(a):
        a = Fraction(a)
        return flint.fmpq(a.numerator, a.denominator)

    n = len(rows)
    if n < k:
        return None
    R, rank = flint.fmpq_mat(k, n, [q(rows[r][c]) for c in range(k) for r in range(n)]).rref()
    if rank < k:
        return None
    chosen, col = [], 0
    for i in range(k):  # the pivot of echelon row i: its first nonzero column
        while R[i, col] == 0:
            col += 1
        chosen.append(col)
        col += 1
    S = flint.fmpq_mat(k, k, [q(a) for r in chosen for a in rows[r]])
    b = flint.fmpq_mat(k, 1, [q(rhs[r]) for r in chosen])
    return [Fraction(int(v.p), int(v.q)) for v in S.solve(b).entries()]


def _exact_commitment(A, B, Bf, j: int, x_float, tol: float = 1e-7):
    """Re-solve the LP of follower strategy ``j`` exactly at its float optimum ``x_float``: the
    leader strategies at zero there stay at zero, and the constraints active there (the mixture
    sums to one, the follower strategies tied with ``j``) fix the others, solved in rationals;
    every constraint is then checked exactly. ``Bf`` is ``B`` in floats. Returns (x, leader's
    payoff, follower's payoff) or None."""
    m, k = B.shape
    x_f = np.asarray(x_float, dtype=float)
    free = [int(i) for i in np.flatnonzero(np.abs(x_f) > tol)]
    gap = x_f @ Bf - x_f @ Bf[:, j]                     # <= 0: j stays a best response
    rows: list = [[1] * len(free)]
    rhs: list = [1]
    for l in np.flatnonzero(np.abs(gap) <= tol * (1 + np.abs(x_f @ Bf))):
        if l != j:
            rows.append([B[i, l] - B[i, j] for i in free])
            rhs.append(0)
    sol = _exact_point(rows, rhs, len(free)) if free else None
    if sol is None or any(v < 0 for v in sol):
        return None
    x = [Fraction(0)] * m
    for i, v in zip(free, sol):
        x[i] = v
    follower = [sum(x[i] * B[i, l] for i in free) for l in range(k)]
    if sum(x) != 1 or max(follower) > follower[j]:
        return None
    return x, sum(x[i] * A[i, j] for i in free), follower[j]


#: Seconds per leader strategy x follower strategy squared of :func:`stackelberg_mixed`
#: (one LP per follower strategy, each reading the whole table): 300 x 300 took 15 s on a
#: shared 2-core machine.
STACKELBERG_MIXED_SECONDS = 6e-7


def stackelberg_mixed_seconds(m: int, k: int) -> float:
    """Estimated seconds of :func:`stackelberg_mixed` with ``m`` leader and ``k`` follower
    strategies (checked against the time budget before it starts).

    >>> round(stackelberg_mixed_seconds(300, 300))
    16
    """
    return STACKELBERG_MIXED_SECONDS * m * k * k


def stackelberg_mixed(game: NormalFormGame, leader=0) -> StackelbergResult:
    """The leader's optimal mixed commitment in a two-player game (strong Stackelberg).

    For each follower strategy ``j`` a linear program finds the leader's mixture that makes
    ``j`` a best response and maximises the leader's payoff; the best of these is the optimal
    commitment, with the follower breaking ties in the leader's favour (Conitzer and Sandholm
    2006). Each LP is solved by HiGHS and then exactly (active constraints solved in rational
    arithmetic and every constraint checked).

    Parameters
    ----------
    game : NormalFormGame
        Two players, numeric.
    leader : str or int

    Returns
    -------
    StackelbergResult
        ``commitment``: the leader's probabilities (Fractions, in strategy order);
        ``response``: the follower's strategy name.

    Raises
    ------
    InputError
        Not two players, or free parameters.
    BudgetError
        When the estimate :func:`stackelberg_mixed_seconds` (about 16 s for 300 x 300) is over
        the time budget of :mod:`govgames.games.budget`.

    References
    ----------
    Conitzer and Sandholm (2006); von Stengel and Zamir (2010).

    Examples
    --------
    In the game of :func:`stackelberg_pure`, committing to 2/3 Up + 1/3 Down keeps the follower
    (indifferent, breaking the tie for the leader) on Right and pays 11/3, more than the pure
    commitment (3) and the Nash equilibrium (2):

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[2, 4], [1, 3]], [[1, 0], [0, 2]]], players=["L", "F"],
    ...                    strategies=[["Up", "Down"], ["Left", "Right"]])
    >>> r = stackelberg_mixed(g)
    >>> r.commitment, r.response, r.payoffs
    ((Fraction(2, 3), Fraction(1, 3)), 'Right', (Fraction(11, 3), Fraction(2, 3)))
    """
    require_normal_form(game, "stackelberg_mixed")
    from scipy.optimize import linprog

    if game.n_players != 2:
        raise InputError(f"mixed commitment is computed for 2-player games; this game has "
                         f"{game.n_players} players (use stackelberg_pure)")
    P = _exact_table(game)
    li = game.player_index(leader)
    fi = 1 - li
    A = P[li] if li == 0 else P[li].T      # leader's payoff: rows = leader strategies
    B = P[fi] if li == 0 else P[fi].T
    m, k = A.shape
    check_seconds(stackelberg_mixed_seconds(m, k), f"the optimal mixed commitment of the "
                  f"{m} x {k} game ({k} linear programs of {m} variables, exact)",
                  "stackelberg_pure gives the best pure commitment")
    Af, Bf = A.astype(float), B.astype(float)
    best = None
    for j in range(k):
        # max x.A[:,j]  s.t. x.(B[:,l] - B[:,j]) <= 0 for all l, sum x = 1, x >= 0
        A_ub = np.delete(Bf - Bf[:, [j]], j, axis=1).T
        res = linprog(-Af[:, j], A_ub=A_ub if len(A_ub) else None,
                      b_ub=np.zeros(len(A_ub)) if len(A_ub) else None,
                      A_eq=np.ones((1, m)), b_eq=[1.0], bounds=[(0, None)] * m, method="highs")
        if res.status != 0:
            continue
        found = _exact_commitment(A, B, Bf, j, res.x)
        if found is None:  # pragma: no cover - degenerate LPs where the active set is ambiguous
            continue
        x, val, fval = found
        if best is None or val > best[2]:
            best = (tuple(x), j, val, fval)
    if best is None:  # pragma: no cover - some follower strategy is always a best response
        raise InputError("no commitment found")
    x, j, val, fval = best
    pays = (val, fval) if li == 0 else (fval, val)
    return StackelbergResult(x, game.strategies[fi][j], pays, "optimistic",
                             ["strong Stackelberg equilibrium: the follower breaks ties in the "
                              "leader's favour (Conitzer and Sandholm 2006)"])


def stackelberg_continuous(leader_payoff, follower_payoff, leader_var, follower_var,
                           assumptions: Sequence = ()) -> StackelbergResult:
    """Leader–follower game with one continuous action each, solved symbolically.

    The follower's best response ``y*(x)`` solves ``d u_F / d y = 0`` (the second derivative must
    be negative: a concave problem), the leader maximises ``u_L(x, y*(x))`` in the same way. All
    exact (sympy); interior solutions only.

    Parameters
    ----------
    leader_payoff, follower_payoff : sympy expressions
        Payoffs in terms of ``leader_var``, ``follower_var`` and parameters.
    leader_var, follower_var : sympy.Symbol
    assumptions : sequence of sympy relations
        Facts about the parameters (``b > 0``) used to check concavity.

    Returns
    -------
    StackelbergResult
        ``commitment`` ``{x: value}``, ``response`` ``{y: value}`` and the best-response function
        in ``notes``.

    Raises
    ------
    InputError
        A first-order condition without a unique solution, or a problem that is not concave.

    References
    ----------
    von Stackelberg (1934).

    Examples
    --------
    Quantity leadership with linear demand ``P = a - b Q`` and unit cost ``c``:

    >>> a, b, c, q1, q2 = sp.symbols("a b c q1 q2", positive=True)
    >>> price = a - b * (q1 + q2)
    >>> r = stackelberg_continuous((price - c) * q1, (price - c) * q2, q1, q2)
    >>> r.commitment, r.response
    ({q1: (a - c)/(2*b)}, {q2: (a - c)/(4*b)})
    """
    x, y = leader_var, follower_var
    uF = as_sympy(follower_payoff, where="follower_payoff")
    uL = as_sympy(leader_payoff, where="leader_payoff")

    def concave(expr, var, who):
        second = sp.simplify(sp.diff(expr, var, 2))
        neg = sp.ask(sp.Q.negative(second), sp.And(*assumptions)) if assumptions else \
            second.is_negative
        if neg is not True:
            raise InputError(f"the {who}'s payoff is not shown concave in {var} (second "
                             f"derivative {second}); give assumptions such as b > 0, or use "
                             "symbols declared positive")

    concave(uF, y, "follower")
    sols = sp.solve(sp.diff(uF, y), y, dict=True)
    if len(sols) != 1:
        raise InputError(f"the follower's first-order condition in {y} has {len(sols)} "
                         "solutions; expected one")
    br = sp.simplify(sols[0][y])
    reduced = sp.simplify(uL.subs(y, br))
    concave(reduced, x, "leader")
    sols = sp.solve(sp.diff(reduced, x), x, dict=True)
    if len(sols) != 1:
        raise InputError(f"the leader's first-order condition in {x} has {len(sols)} solutions; "
                         "expected one")
    xs = sp.factor(sp.simplify(sols[0][x]))
    ys = sp.factor(sp.simplify(br.subs(x, xs)))
    pays = (sp.factor(sp.simplify(uL.subs({x: xs, y: ys}))),
            sp.factor(sp.simplify(uF.subs({x: xs, y: ys}))))
    return StackelbergResult({x: xs}, {y: ys}, pays, "unique best response",
                             [f"follower's best response: {y} = {br}"])


# ---------------------------------------------------------------------------- intervention
@dataclass
class InterventionResult:
    """The cheapest instrument levels that make the target profile an equilibrium.

    Attributes
    ----------
    levels : dict
        ``{instrument: level}`` (Fractions when solved exactly).
    cost : Fraction or float
    game : NormalFormGame
        The followers' game with the instruments applied.
    binding : list of str
        The incentive constraints that hold with equality (player and deviation).
    exact : bool
    notes : list of str
    """

    levels: dict
    cost: Fraction | float
    game: NormalFormGame
    binding: list
    exact: bool
    notes: list = field(default_factory=list)

    def __str__(self) -> str:
        lv = ", ".join(f"{k} = {v}" for k, v in self.levels.items())
        return f"{lv} (cost {self.cost}); binding: {'; '.join(self.binding) or 'none'}"


def minimal_intervention(game: NormalFormGame, target, instruments: Mapping, cost: Mapping,
                         bounds: Mapping | None = None, margin=0) -> InterventionResult:
    """The cheapest linear intervention that makes ``target`` a Nash equilibrium.

    With instrument levels ``t_k`` the payoffs become ``u + sum_k t_k D_k``; the target profile
    is an equilibrium when every unilateral deviation loses at least ``margin >= 0`` (0: no
    player gains). Minimise ``sum_k cost_k t_k`` subject to these linear constraints and the bounds
    (default ``t_k >= 0``).

    Parameters
    ----------
    game : NormalFormGame
        The followers' game (numeric).
    target : sequence
        The profile to make an equilibrium (strategy names or indices), e.g. all cooperate.
    instruments : dict
        ``{name: D}`` where ``D`` is an array of the game's payoff shape
        ``(n_players, a_1, ..., a_n)`` (or a callable ``D(player, profile_indices)``): the payoff
        change per unit of the instrument. An expected fine of audit rate ``p`` times fine ``F``
        is one instrument (its level is ``p F``; with a legal cap ``F_max`` the cheapest audit
        rate is ``level / F_max``, Becker 1968).
    cost : dict
        ``{name: cost per unit}`` (the superior's cost at the target profile).
    bounds : dict, optional
        ``{name: (low, high)}`` with None for no bound; default ``(0, None)``. The bounds are
        rational numbers (integers, fractions, decimals) with ``low <= high``.
    margin : number, default 0
        Make the target a strict equilibrium: every deviation loses at least ``margin``
        (a rational number ``>= 0``).

    Returns
    -------
    InterventionResult

    Raises
    ------
    InputError
        Unknown instrument names (in ``cost`` or ``bounds``), arrays of the wrong shape, an
        instrument function that raises an exception (one ``InputError`` naming the instrument,
        the player and the profile, chained to the exception) or returns something that is not
        a number, free parameters, a ``margin`` that is negative or not a finite rational
        number, bounds that are not pairs of finite rational numbers or None or whose lower
        bound is above the upper bound, or no feasible intervention (the message says so) or
        an unbounded one.

    References
    ----------
    Becker (1968).

    Examples
    --------
    A prisoners' dilemma between two cities: a subsidy ``s`` paid to each city that abates and an
    expected fine ``f`` on each that pollutes. The subsidy costs 2 per unit (both cities abate and
    receive it), the fine costs only its audit effort, 1 per unit:

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[3, 0], [4, 1]], [[3, 4], [0, 1]]], players=["A", "B"],
    ...                    strategies=[["Abate", "Pollute"]] * 2)
    >>> subsidy = lambda i, p: 1 if p[i] == 0 else 0
    >>> fine = lambda i, p: -1 if p[i] == 1 else 0
    >>> r = minimal_intervention(g, ["Abate", "Abate"], {"subsidy": subsidy, "fine": fine},
    ...                          cost={"subsidy": 2, "fine": 1})
    >>> r.levels, r.cost
    ({'subsidy': Fraction(0, 1), 'fine': Fraction(1, 1)}, Fraction(1, 1))
    """
    require_normal_form(game, "minimal_intervention")
    from scipy.optimize import linprog

    P = _exact_table(game)
    prof = game.pure_profile(target)
    names = list(instruments)
    if not names:
        raise InputError("give at least one instrument")
    unknown = [k for k in cost if k not in instruments]
    if unknown or any(k not in cost for k in names):
        raise InputError(f"cost must give one number per instrument {names}"
                         + (f"; unknown {unknown[0]!r}" if unknown else ""))
    c = [exact_number(cost[k], f"cost of {k!r}") for k in names]
    margin = _margin(margin)
    bnds = _bounds(names, bounds)
    D = {name: _instrument_array(game, P, name, spec) for name, spec in instruments.items()}
    A_ub, b_ub, labels = _deviation_constraints(game, P, prof, D, names, margin)
    rows, rhs = _with_bound_rows(A_ub, b_ub, bnds)
    res = linprog([float(x) for x in c], A_ub=np.array(A_ub, dtype=float),
                  b_ub=np.array(b_ub, dtype=float),
                  bounds=[(None if lo is None else float(lo), None if hi is None else float(hi))
                          for lo, hi in bnds], method="highs")
    if res.status == 2:
        raise InputError(f"no levels of {', '.join(names)} within the bounds make "
                         f"{game.profile_names(prof)} an equilibrium")
    if res.status == 3:
        raise InputError("the cost is unbounded below: give the instruments bounds or positive "
                         "costs")
    if res.status != 0:  # pragma: no cover - HiGHS failure
        raise InputError(f"the linear program failed: {res.message}")
    # exact: variables may be negative, so solve with free variables (no x >= 0 rows)
    x = _solve_exact_free(rows, rhs, list(res.x))
    exact = x is not None
    if exact:
        levels = dict(zip(names, x))
        total = sum(ci * xi for ci, xi in zip(c, x))
        if abs(float(total) - res.fun) > 1e-6 * (1 + abs(res.fun)):  # pragma: no cover
            exact, levels, total = False, dict(zip(names, res.x)), res.fun
    else:  # pragma: no cover - degenerate active sets
        levels, total = dict(zip(names, res.x)), res.fun
    vals = [levels[k] for k in names]
    delta = sum(D[k] * v for k, v in zip(names, vals))
    new = NormalFormGame(P + delta, players=game.players, strategies=game.strategies,
                         title=(game.title + " with intervention") if game.title else None)
    binding = [lab for lab, r, b in zip(labels, A_ub, b_ub) if _holds_with_equality(r, b, vals, exact)]
    notes = ["solved exactly (HiGHS, then the active constraints in rational arithmetic)"
             if exact else "floating-point solution (HiGHS)"]
    return InterventionResult(levels, total, new, binding, exact, notes)


def _holds_with_equality(row, b, vals, exact: bool) -> bool:
    if exact:
        return sum(a * v for a, v in zip(row, vals)) == b
    return abs(float(sum(float(a) * float(v) for a, v in zip(row, vals))) - float(b)) < 1e-7


def _instrument_array(game: NormalFormGame, P: np.ndarray, name, spec) -> np.ndarray:
    """The exact payoff change per unit of one instrument, of the game's payoff shape."""
    if callable(spec):
        arr = np.empty(P.shape, dtype=object)
        for i in range(game.n_players):
            for idx in np.ndindex(*game.shape):
                value = call_user(spec, (i, idx), f"instrument {name!r}: the function",
                                  f"for player {i} ({game.players[i]!r}) at the profile {idx} "
                                  f"{game.profile_names(idx)}")
                arr[(i,) + idx] = exact_number(value, f"instrument {name!r}")
        return arr
    arr = np.asarray(spec, dtype=object)
    if arr.shape != P.shape:
        raise InputError(f"instrument {name!r}: array of shape {arr.shape}, expected the "
                         f"game's payoff shape {P.shape}")
    return np.vectorize(lambda v: exact_number(v, f"instrument {name!r}"), otypes=[object])(arr)


def _rational(value, where: str) -> Fraction:
    """A finite rational number (integer, Fraction, float, rational string) as a Fraction."""
    x = exact_number(value, where)
    if not isinstance(x, Fraction):
        raise InputError(f"{where}: {short_text(value)} is not a rational number (give an "
                         "integer, a fraction or a decimal)")
    return x


def _margin(value) -> Fraction:
    """The margin of :func:`minimal_intervention`: a finite rational number >= 0."""
    x = _rational(value, "margin")
    if x < 0:
        raise InputError(f"margin must be >= 0 (the least loss of every deviation from the "
                         f"target), got {x}: a negative margin would accept a target that some "
                         "player gains by leaving, which is not an equilibrium")
    return x


def _bounds(names: list, bounds) -> list:
    """``[(low, high), ...]`` per instrument of ``names`` from the ``bounds`` argument, checked:
    known names, pairs of rational numbers or None, ``low <= high``."""
    if bounds is None:
        bounds = {}
    if not isinstance(bounds, Mapping):
        raise InputError(f"bounds must be a dict {{instrument: (low, high)}}, got "
                         f"{short_text(bounds)}")
    unknown = [k for k in bounds if k not in names]
    if unknown:
        raise InputError(f"bounds: unknown instrument {unknown[0]!r}; the instruments are "
                         f"{names}")
    return [_bound_pair(k, bounds.get(k, (0, None))) for k in names]


def _bound_pair(name, pair) -> tuple:
    if isinstance(pair, (str, bytes, Mapping)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise InputError(f"bounds of {name!r}: give a pair (low, high) with None for no bound, "
                         f"got {short_text(pair)}")
    lo, hi = pair
    lo = None if lo is None else _rational(lo, f"lower bound of {name!r}")
    hi = None if hi is None else _rational(hi, f"upper bound of {name!r}")
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"bounds of {name!r}: ({pair[0]!r}, {pair[1]!r}) is empty: the lower "
                         f"bound {lo} is above the upper bound {hi}")
    return lo, hi


def _deviation_constraints(game, P, prof, D, names, margin):
    """One row per player ``i`` and deviation ``d``: ``u_i(dev) - u_i(target) + sum_k t_k
    (D_k[i, dev] - D_k[i, target]) <= -margin``, as ``A t <= b`` with labels."""
    A_ub, b_ub, labels = [], [], []
    for i in range(game.n_players):
        for d in range(game.shape[i]):
            if d == prof[i]:
                continue
            dev = tuple(d if j == i else a for j, a in enumerate(prof))
            A_ub.append([D[k][(i,) + dev] - D[k][(i,) + prof] for k in names])
            b_ub.append(P[(i,) + prof] - P[(i,) + dev] - margin)
            labels.append(f"{game.players[i]} to {game.strategies[i][d]}")
    return A_ub, b_ub, labels


def _with_bound_rows(A_ub, b_ub, bnds):
    """The constraints with the bounds added as rows (for the exact re-solve)."""
    rows, rhs = list(A_ub), list(b_ub)
    k = len(bnds)
    for j, (lo, hi) in enumerate(bnds):
        for limit, sign in ((lo, -1), (hi, 1)):
            if limit is not None:
                rows.append([Fraction(sign if m == j else 0) for m in range(k)])
                rhs.append(sign * limit)
    return rows, rhs


def _solve_exact_free(rows, rhs, x_float, tol=1e-7):
    """Exact vertex of ``rows x <= rhs`` near ``x_float`` (variables free)."""
    k = len(x_float)
    act = [r for r, (row, b) in enumerate(zip(rows, rhs))
           if abs(sum(float(a) * v for a, v in zip(row, x_float)) - float(b)) <= tol * (1 + abs(float(b)))]
    x = _exact_point([rows[r] for r in act], [rhs[r] for r in act], k)
    if x is None:
        return None
    for row, bb in zip(rows, rhs):
        if sum(a * v for a, v in zip(row, x)) > bb:
            return None
    return x

"""Infinitely repeated games with discounting: minmax values and critical discount factors.

A pure profile ``a`` of the stage game is played in every period; a player who deviates gains
once and is then punished forever. With a common discount factor ``δ`` (normalised payoffs)
player ``i`` keeps to ``a`` when

    u_i(a) >= (1 - δ) d_i + δ v_i,

where ``d_i`` is the best one-shot deviation payoff and ``v_i`` the per-period payoff during
the punishment. Hence ``δ >= (d_i - u_i) / (d_i - v_i)`` (Friedman 1971). Nash reversion
(``v_i`` = a stage equilibrium payoff) is subgame perfect; punishment at the minmax value is
the harshest any equilibrium can impose (Fudenberg and Maskin 1986), so it gives the lower bound
on ``δ`` for sustaining ``a`` with any punishment.

The policy levers of the source papers change the inequality:

* a **penalty** ``f`` (a fine, cut cooperation funds) paid in the period of defection:
  ``d_i -> d_i - f``;
* a **reputation loss** ``L`` per period after the defection (the bond of reputation is lost):
  ``v_i -> v_i - L``;
* **expulsion** from the cooperation organisation: the defector gets an outside-option payoff
  ``w`` forever instead of the punishment payoff: ``v_i -> w``;
* a **continuation probability** ``p`` (the relationship continues after each period with
  probability ``p``): the effective discount factor is ``δ p``, so the needed ``δ`` is the
  effective threshold divided by ``p``.

References
----------
.. [1] J. W. Friedman, "A non-cooperative equilibrium for supergames", *Review of Economic
   Studies* 38 (1971), 1-12.
.. [2] D. Fudenberg and E. Maskin, "The folk theorem in repeated games with discounting or with
   incomplete information", *Econometrica* 54 (1986), 533-554.
.. [3] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford UP, 2006,
   ch. 2.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Sequence

import numpy as np
import sympy as sp

from ..equilibrium import Equilibrium
from ..errors import FreeParametersError, InputError
from ..expr import as_sympy
from ..game import NormalFormGame
from ._common import equilibrium_payoffs, exact, is_sym, sign, simplify, stage_equilibria

__all__ = ["MinmaxValue", "minmax_values", "PlayerCondition", "DiscountFactorResult",
           "critical_discount_factor"]

_TOL = 1e-9


# --------------------------------------------------------------------------- minmax
@dataclass(frozen=True)
class MinmaxValue:
    """The minmax value of one player and the punishment that holds the player to it.

    Attributes
    ----------
    player : str
    value : Fraction or float or sympy expression
        The least payoff the others can hold the player to.
    punishment : dict
        For 2 players: the punisher's (mixed) strategy as ``{strategy name: probability}``;
        for N players: the others' joint (correlated when mixed) distribution over their
        profiles as ``{tuple of names: probability}``.
    best_replies : tuple of str
        The punished player's best replies to the punishment.
    exact : bool
        True when ``value`` is exact (rational or symbolic).
    """

    player: str
    value: object
    punishment: dict
    best_replies: tuple
    exact: bool

    def __str__(self) -> str:
        pun = ", ".join(f"{k if isinstance(k, str) else '/'.join(k)}: {_num(v)}"
                        for k, v in self.punishment.items())
        replies = ", ".join(self.best_replies)
        return (f"{self.player}: minmax {_num(self.value)} (punishment {pun}; "
                f"best replies {replies})")


def _num(x) -> str:
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, sp.Basic):
        return str(x)
    return f"{float(x):.6g}"


def _others(stage: NormalFormGame, i: int):
    return [j for j in range(stage.n_players) if j != i]


def _player_matrix(stage: NormalFormGame, i: int, P) -> np.ndarray:
    """Player i's payoffs as a matrix: rows = own strategies, columns = others' profiles."""
    arr = np.moveaxis(np.asarray(P[i]), i, 0)
    return arr.reshape(stage.shape[i], -1)


def _exact_lp_solution(U: list, support: list, active: list):
    """Solve the active constraints exactly: U[r, S] q_S = v (r active), sum q_S = 1."""
    k = len(support)
    rows = [[sp.Rational(U[r][c].numerator, U[r][c].denominator) for c in support] + [-1]
            for r in active]
    rows.append([1] * k + [0])
    rhs = [0] * len(active) + [1]
    M = sp.Matrix(rows)
    b = sp.Matrix(rhs)
    try:
        sol, params = M.gauss_jordan_solve(b)
    except ValueError:
        return None
    if params.shape[0]:
        sol = sol.subs({t: 0 for t in params})
    vals = [Fraction(int(sp.fraction(x)[0]), int(sp.fraction(x)[1])) for x in sol]
    return vals[:k], vals[k]


def minmax_values(stage: NormalFormGame, *, mixed: bool = True) -> dict:
    """The minmax value of every player: the least payoff the others can hold the player to.

    With ``mixed=True`` the punishers may randomise: for two players this is the value of the
    zero-sum game in which the opponent minimises the player's best-reply payoff, found by a
    linear program (scipy's HiGHS) and then made exact by solving its active constraints in
    rational arithmetic (checked exactly; a float is returned with ``exact=False`` if the check
    fails). For more players the linear program lets the punishers *correlate* their mixing,
    which gives the correlated minmax (a lower bound of the independent one). With
    ``mixed=False`` the punishers use pure strategies (exact, also for symbolic payoffs).

    Parameters
    ----------
    stage : NormalFormGame
    mixed : bool
        Allow mixed punishments (default True).

    Returns
    -------
    dict
        ``{player name: MinmaxValue}``.

    References
    ----------
    Fudenberg and Maskin (1986); Mailath and Samuelson (2006), sec. 2.1.

    Examples
    --------
    Matching pennies: the opponent holds each player to 0 by mixing half-half, while a pure
    punishment leaves the player 1.

    >>> from govgames.games import NormalFormGame
    >>> g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], players=["A", "B"],
    ...                    strategies=[["H", "T"], ["H", "T"]])
    >>> mm = minmax_values(g)
    >>> mm["A"].value, mm["A"].punishment
    (Fraction(0, 1), {'H': Fraction(1, 2), 'T': Fraction(1, 2)})
    >>> minmax_values(g, mixed=False)["A"].value
    Fraction(1, 1)
    """
    if not isinstance(stage, NormalFormGame):
        raise InputError(f"minmax_values needs a NormalFormGame, got {type(stage).__name__}")
    out = {}
    if not mixed:
        P = np.array([[exact(x) for x in np.asarray(stage.payoff_array).ravel()]], dtype=object)
        P = P.reshape(stage.payoff_array.shape)
        symbolic = any(is_sym(x) for x in P.ravel())
        for i in range(stage.n_players):
            U = _player_matrix(stage, i, P)
            others = _others(stage, i)
            profiles = list(itertools.product(*(range(stage.shape[j]) for j in others)))
            if symbolic:
                col_max = [sp.Max(*[as_sympy(x) for x in U[:, c]]) for c in range(U.shape[1])]
                value = sp.Min(*col_max)
                out[stage.players[i]] = MinmaxValue(stage.players[i], value, {}, (), True)
                continue
            col_max = [max(U[:, c]) for c in range(U.shape[1])]
            c = int(min(range(len(col_max)), key=lambda k: col_max[k]))
            value = col_max[c]
            names = tuple(stage.strategies[j][s] for j, s in zip(others, profiles[c]))
            key = names[0] if len(names) == 1 else names
            replies = tuple(stage.strategies[i][r] for r in range(U.shape[0]) if U[r, c] == value)
            out[stage.players[i]] = MinmaxValue(stage.players[i], value, {key: Fraction(1)},
                                                replies, True)
        return out

    if stage.is_symbolic:
        raise FreeParametersError([p.name for p in stage.parameters])
    from scipy.optimize import linprog

    P = stage.exact_payoffs()
    for i in range(stage.n_players):
        Uex = _player_matrix(stage, i, P)
        U = Uex.astype(float)
        m, k = U.shape
        others = _others(stage, i)
        profiles = list(itertools.product(*(range(stage.shape[j]) for j in others)))
        cost = np.zeros(k + 1)
        cost[-1] = 1.0
        A_ub = np.hstack([U, -np.ones((m, 1))])
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        res = linprog(cost, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=[1.0],
                      bounds=[(0, None)] * k + [(None, None)], method="highs")
        if res.status != 0:  # pragma: no cover - the LP is always feasible and bounded
            raise RuntimeError(f"minmax linear program failed for player {stage.players[i]!r}: "
                               f"{res.message}")
        q = res.x[:k]
        v = float(res.x[-1])
        scale = max(1.0, float(np.abs(U).max()))
        support = [j for j in range(k) if q[j] > _TOL]
        active = [r for r in range(m) if U[r] @ q >= v - 1e-7 * scale]
        dist: dict[int, float | Fraction] = {j: float(q[j]) for j in support}
        value, is_exact = v, False
        sol = _exact_lp_solution(Uex.tolist(), support, active)
        if sol is not None:
            qs, vex = sol
            qfull = [Fraction(0)] * k
            for j, x in zip(support, qs):
                qfull[j] = x
            ok = all(x >= 0 for x in qfull) and sum(qfull) == 1 and all(
                sum((Uex[r, j] * qfull[j] for j in range(k)), Fraction(0)) <= vex for r in range(m))
            if ok:
                value, is_exact = vex, True
                dist = {j: qfull[j] for j in range(k) if qfull[j] != 0}
        punishment = {}
        for j, p in dist.items():
            names = tuple(stage.strategies[o][s] for o, s in zip(others, profiles[j]))
            punishment[names[0] if len(names) == 1 else names] = p
        if is_exact:
            qv = [dist.get(j, Fraction(0)) for j in range(k)]
            pay = [sum((Uex[r, j] * qv[j] for j in range(k)), Fraction(0)) for r in range(m)]
            replies = tuple(stage.strategies[i][r] for r in range(m) if pay[r] == value)
        else:
            replies = tuple(stage.strategies[i][r] for r in active)
        out[stage.players[i]] = MinmaxValue(stage.players[i], value, punishment, replies, is_exact)
    return out


# --------------------------------------------------------------------------- δ*
@dataclass(frozen=True)
class PlayerCondition:
    """The no-deviation condition of one player under a trigger strategy.

    ``payoff >= (1 - δ) * deviation_payoff + δ * punishment_payoff`` with the levers applied
    (``deviation_payoff`` net of the penalty, ``punishment_payoff`` net of the reputation loss
    or replaced by the expulsion payoff); ``threshold`` is the least effective discount factor
    (``δ * continuation``) that satisfies it (0: no profitable deviation; None: never).
    """

    player: str
    payoff: object
    deviation: str | None
    deviation_payoff: object
    punishment_payoff: object
    threshold: object

    def __str__(self) -> str:
        if self.deviation is None:
            return f"{self.player}: no profitable deviation (payoff {_num(self.payoff)})"
        need = ("no discount factor deters it" if self.threshold is None
                else f"needs δ·p >= {_num(self.threshold)}")
        return (f"{self.player}: payoff {_num(self.payoff)}, best deviation {self.deviation!r} "
                f"pays {_num(self.deviation_payoff)}, then {_num(self.punishment_payoff)} per "
                f"period; {need}")


@dataclass(frozen=True)
class DiscountFactorResult:
    """The critical discount factor of a profile under a trigger strategy.

    Attributes
    ----------
    delta : Fraction, sympy expression, float or None
        The least discount factor ``δ`` that sustains the profile given the continuation
        probability (``effective / continuation``); None when no ``δ`` does (a deviation
        pays and the punishment does not hurt). ``δ`` must be strictly below 1, so the profile
        is sustainable when ``delta < 1`` (see ``sustainable``).
    effective : same type
        The least effective discount factor ``δ·p``.
    players : dict
        ``{player: PlayerCondition}``.
    binding : tuple of str
        The players whose condition sets ``delta``.
    punishment : str
        The punishment used (e.g. ``"Nash reversion to (Defect, Defect)"``).
    exact : bool
        True for exact (rational or symbolic) values.
    assumptions : tuple
        For symbolic payoffs: the sympy inequalities under which the formula holds.
    explanation : str

    Examples
    --------
    >>> from govgames.games import dilemmas
    >>> stage = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    >>> r = critical_discount_factor(stage, ("Cooperate", "Cooperate"))
    >>> r.sustainable, float(r), r.binding
    (True, 0.5, ('A', 'B'))
    """

    delta: Fraction | float | sp.Expr | None
    effective: Fraction | float | sp.Expr | None
    players: dict
    binding: tuple
    punishment: str
    exact: bool
    assumptions: tuple = ()
    explanation: str = ""
    levers: dict = field(default_factory=dict)

    @property
    def sustainable(self):
        """True when some discount factor below 1 sustains the profile (None if symbolic)."""
        if self.delta is None:
            return False
        if is_sym(self.delta):
            return None
        return self.delta < 1

    def __float__(self) -> float:
        if self.delta is None:
            return math.inf
        return float(self.delta)

    def __str__(self) -> str:
        d = "none (not sustainable)" if self.delta is None else _num(self.delta)
        lines = [f"critical discount factor δ* = {d}  [{self.punishment}]"]
        lines += ["  " + str(c) for c in self.players.values()]
        if self.assumptions:
            lines.append("  assuming " + ", ".join(str(a) for a in self.assumptions))
        return "\n".join(lines)

    def __repr__(self) -> str:
        delta = _num(self.delta) if self.delta is not None else None
        return f"DiscountFactorResult(delta={delta}, punishment={self.punishment!r})"


def _lever(value, stage: NormalFormGame, name: str):
    """A lever given as one number for all or a dict {player: number}."""
    if isinstance(value, dict):
        out = []
        for key in value:
            stage.player_index(key)
        for i, pl in enumerate(stage.players):
            v = value.get(pl, value.get(i, 0 if name != "expulsion" else None))
            out.append(None if v is None else exact(v))
        return out
    return [None if value is None else exact(value)] * stage.n_players


def _entries(stage: NormalFormGame):
    P = np.array([exact(x) for x in np.asarray(stage.payoff_array).ravel()], dtype=object)
    return P.reshape(stage.payoff_array.shape)


def _threshold(u, d, v):
    """Least effective δ with u >= (1-δ) d + δ v for every larger δ < 1; 0 if it always holds;
    None if it fails for δ close to 1.

    A "punishment" that pays more than the profile (v > u) is no punishment: a deviation,
    even one that loses now, pays for patient players (it fails above (u - d)/(v - d)).
    """
    gain = d - u
    s_gain = sign(gain)
    loss = u - v
    s_loss = sign(loss)
    if s_gain is not None and s_gain <= 0:
        if s_loss is not None and s_loss < 0:
            return None, []
        return 0, []
    if s_loss is not None and s_loss <= 0:
        return None, []
    assumptions = []
    if s_gain is None:
        assumptions.append(sp.Gt(gain, 0))
    if s_loss is None:
        assumptions.append(sp.Gt(loss, 0))
    ratio = gain / (d - v)
    return simplify(ratio), assumptions


#: 2-player stage games with at least this many strategies for both players are not searched
#: for every equilibrium by the default punishment (the enumeration is exponential)
LARGE_STAGE = 16


def _punishment_values(stage, profile_idx, punishment, P, symbolic):
    """[(description, [v_i per player])] candidate punishments (common ones compete)."""
    n = stage.n_players
    if isinstance(punishment, str):
        key = punishment.lower().replace("-", "_").replace(" ", "_")
        if key in ("nash", "worst_nash"):
            if symbolic:
                example = tuple(str(s[-1]) for s in stage.strategies)  # the game's own names
                raise InputError(
                    f"punishment={punishment!r} needs the stage equilibria, which a symbolic game "
                    "does not have in closed form; give the punishment profile explicitly, e.g. "
                    f"punishment={example!r}")
            if n == 2 and min(stage.shape) >= LARGE_STAGE:
                raise InputError(
                    f"punishment={punishment!r} lists every equilibrium of the "
                    f"{stage.shape[0]}x{stage.shape[1]} stage game, whose cost grows "
                    "exponentially with its size; give the punishment explicitly (a pure stage "
                    "equilibrium from pure_nash_equilibria(stage), or an Equilibrium), or state "
                    "quantities and prices as a continuous game and use "
                    "govgames.games.continuous.collusion_threshold")
            eqs = stage_equilibria(stage)
            pays = [equilibrium_payoffs(e, stage) for e in eqs]
            if key == "nash":
                return [(f"Nash reversion to {_eq_text(e)}", p) for e, p in zip(eqs, pays)]
            worst = []
            text = []
            for i in range(n):
                k = min(range(len(eqs)), key=lambda t: pays[t][i])
                worst.append(pays[k][i])
                text.append(f"{stage.players[i]}: {_eq_text(eqs[k])}")
            return [("Nash reversion to each deviator's worst stage equilibrium ("
                     + "; ".join(text) + ")", worst)]
        if key == "minmax":
            if n != 2 and not symbolic:
                raise InputError(
                    f"minmax punishment is defined here for 2-player stage games; this one has {n} "
                    "players (use 'nash' or 'worst_nash', or minmax_values(stage) for the "
                    "correlated minmax)")
            mm = minmax_values(stage, mixed=not symbolic)
            return [("minmax punishment" + ("" if not symbolic else " (pure)"),
                     [mm[p].value for p in stage.players])]
        raise InputError(f"unknown punishment {punishment!r}: use 'nash', 'worst_nash', 'minmax', "
                         "an Equilibrium or a pure profile")
    if isinstance(punishment, Equilibrium):
        if symbolic:
            raise InputError("an Equilibrium punishment needs a numeric stage game")
        if not _is_stage_equilibrium(stage, punishment.profile):
            raise InputError(f"the punishment profile {_eq_text(punishment)} is not a Nash "
                             "equilibrium of the stage game, so the threat is not credible")
        return [(f"Nash reversion to {_eq_text(punishment)}",
                 equilibrium_payoffs(punishment, stage))]
    # a pure profile
    try:
        idx = stage.pure_profile(punishment)
    except (InputError, TypeError) as exc:
        raise InputError(f"punishment must be 'nash', 'worst_nash', 'minmax', an Equilibrium or "
                         f"a pure profile: {exc}") from None
    names = stage.profile_names(idx)
    if not symbolic and not _is_stage_equilibrium(stage, list(idx)):
        raise InputError(f"the punishment profile {names} is not a Nash equilibrium of the stage "
                         "game, so the threat is not credible")
    return [(f"Nash reversion to ({', '.join(names)})", [P[(i,) + idx] for i in range(n)])]


def _is_stage_equilibrium(stage, profile) -> bool:
    from ..verify import is_equilibrium
    return is_equilibrium(stage, list(profile))


def _eq_text(e) -> str:
    if e.is_pure:
        return "(" + ", ".join(e.pure_profile) + ")"
    return "[" + str(e).split("  (")[0] + "]"


def critical_discount_factor(stage: NormalFormGame, profile: Sequence, punishment="nash", *,
                             penalty=0, reputation_loss=0, expulsion=None,
                             continuation=1) -> DiscountFactorResult:
    """The least discount factor at which a pure profile is sustained by a trigger strategy.

    Every player plays ``profile`` while nobody has deviated; after a deviation the players
    switch forever to the ``punishment``. δ* is the least δ from which on (up to 1) no deviation
    pays; when the punishment pays some player more than ``profile`` does, a deviation pays
    that player once patient enough, and there is no δ* (``delta`` is None). The result is exact
    (a :class:`~fractions.Fraction`) for numeric payoffs and a sympy expression for symbolic ones.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game (any number of players; numeric or symbolic payoffs).
    profile : sequence
        The pure profile to sustain (strategy names or indices).
    punishment : str, Equilibrium or pure profile
        ``"nash"``: grim trigger with reversion to a stage Nash equilibrium (the one that needs
        the least δ when there are several); ``"worst_nash"``: reversion to the stage
        equilibrium worst for the deviator (player-specific); ``"minmax"``: the deviator is held
        to the minmax value (2 players; mixed minmax by linear programming); an
        :class:`~govgames.games.Equilibrium` or a pure profile of the stage game (checked to be an
        equilibrium when the game is numeric). Symbolic games need ``"minmax"`` (pure minmax)
        or an explicit profile.
    penalty : number, sympy expression or dict, optional
        A fine ``f`` paid by the defector in the period of defection (per player as a dict).
    reputation_loss : number, sympy expression or dict, optional
        A loss ``L`` in every period after a defection (a lost reputation bond).
    expulsion : number, sympy expression or dict, optional
        If given, the defector is expelled and gets this outside-option payoff per period
        forever (instead of the punishment payoff).
    continuation : number in (0, 1], optional
        Probability that the relationship continues after each period; the effective discount
        factor is ``δ * continuation``.

    Returns
    -------
    DiscountFactorResult
        ``delta`` (δ*), per-player conditions, the punishment used, the binding players,
        symbolic assumptions and a plain-language explanation.

    References
    ----------
    Friedman (1971); Fudenberg and Maskin (1986); Mailath and Samuelson (2006), ch. 2.

    Examples
    --------
    The prisoner's dilemma: grim trigger needs δ >= (T - R)/(T - P).

    >>> from govgames.games import dilemmas
    >>> pd = dilemmas.prisoners_dilemma(T=5, R=3, P=1, S=0)
    >>> critical_discount_factor(pd, ("Cooperate", "Cooperate")).delta
    Fraction(1, 2)

    A fine of 1 for defecting, and a relationship that continues with probability 4/5:

    >>> r = critical_discount_factor(pd, ("Cooperate", "Cooperate"), penalty=1,
    ...                              continuation="4/5")
    >>> r.effective, r.delta
    (Fraction(1, 3), Fraction(5, 12))

    Symbolic payoffs give the closed form:

    >>> g = dilemmas.prisoners_dilemma()
    >>> r = critical_discount_factor(g, ("Cooperate", "Cooperate"), punishment=("Defect", "Defect"))
    >>> r.delta
    (R - T)/(P - T)
    >>> r.assumptions
    (-R + T > 0, -P + R > 0)
    """
    if not isinstance(stage, NormalFormGame):
        raise InputError("critical_discount_factor needs a NormalFormGame stage game, got "
                         f"{type(stage).__name__}")
    idx = stage.pure_profile(profile)
    P = _entries(stage)
    f = _lever(penalty, stage, "penalty")
    L = _lever(reputation_loss, stage, "reputation_loss")
    W = _lever(expulsion, stage, "expulsion")
    p = exact(continuation)
    if not is_sym(p) and not (0 < p <= 1):
        raise InputError(f"continuation probability must lie in (0, 1], got {continuation!r}")
    levers = [x for x in f + L + W + [p] if x is not None]
    symbolic = stage.is_symbolic or any(is_sym(x) for x in levers)
    conv = as_sympy if symbolic else (lambda x: x)
    P = np.array([conv(x) for x in P.ravel()], dtype=object).reshape(P.shape)
    f = [conv(x) for x in f]
    L = [conv(x) for x in L]
    W = [None if x is None else conv(x) for x in W]
    p = conv(p)

    candidates = _punishment_values(stage, idx, punishment, P, symbolic)
    best = None
    for desc, v in candidates:
        res = _evaluate(stage, idx, P, [conv(x) for x in v], f, L, W, p, desc, symbolic)
        if best is None or _better(res, best):
            best = res
    assert best is not None, "there is at least one candidate punishment"
    return best


def _better(a: DiscountFactorResult, b: DiscountFactorResult) -> bool:
    if a.delta is None:
        return False
    if b.delta is None:
        return True
    if is_sym(a.delta) or is_sym(b.delta):
        return False
    return a.delta < b.delta


def _evaluate(stage, idx, P, v, f, L, W, p, desc, symbolic) -> DiscountFactorResult:
    n = stage.n_players
    conds = {}
    thresholds: list[Fraction | float | sp.Expr | None] = []
    assumptions = []
    never = False
    for i in range(n):
        u = P[(i,) + idx]
        thr_i: Fraction | float | sp.Expr | None
        dev_name, dev_pay, thr_i = None, u, 0
        per_dev = []
        for s in range(stage.shape[i]):
            if s == idx[i]:
                continue
            alt = list(idx)
            alt[i] = s
            d = P[(i,) + tuple(alt)] - f[i]
            vv = (W[i] if W[i] is not None else v[i]) - L[i]
            thr, assume = _threshold(u, d, vv)
            per_dev.append((s, d, vv, thr, assume))
        # the binding deviation for this player
        for s, d, vv, thr, assume in per_dev:
            if thr is None:
                never = True
                dev_name, dev_pay, thr_i = stage.strategies[i][s], d, None
                break
            if thr == 0 and not is_sym(thr):
                continue
            assumptions += [a for a in assume if a not in assumptions]
            if thr_i == 0 or dev_name is None:
                dev_name, dev_pay, thr_i = stage.strategies[i][s], d, thr
            elif not is_sym(thr) and not is_sym(thr_i):
                if thr > thr_i:
                    dev_name, dev_pay, thr_i = stage.strategies[i][s], d, thr
            else:
                thr_i = simplify(sp.Max(as_sympy(thr_i), as_sympy(thr)))
                dev_name = dev_name + " or " + stage.strategies[i][s]
                dev_pay = sp.Max(as_sympy(dev_pay), as_sympy(d))
        vv_i = (W[i] if W[i] is not None else v[i]) - L[i]
        conds[stage.players[i]] = PlayerCondition(stage.players[i], u, dev_name, dev_pay, vv_i,
                                                  thr_i)
        thresholds.append(thr_i)
    if never:
        eff = None
        binding = tuple(pl for pl, c in conds.items() if c.threshold is None)
    else:
        numeric = [t for t in thresholds if t is not None and not is_sym(t)]
        syms: list = []
        for t in thresholds:
            if is_sym(t) and not any(sp.simplify(t - s) == 0 for s in syms):
                syms.append(t)
        if syms:
            parts = syms + ([as_sympy(max(numeric))] if numeric and max(numeric) > 0 else [])
            eff = simplify(sp.Max(*parts)) if len(parts) > 1 else parts[0]
            binding = tuple(pl for pl, c in conds.items() if is_sym(c.threshold))
        else:
            eff = max(numeric)
            binding = tuple(pl for pl, c in conds.items() if c.threshold == eff and eff != 0)
    if eff is None:
        delta = None
    elif is_sym(eff) or is_sym(p):
        delta = simplify(as_sympy(eff) / as_sympy(p)) if p != 1 else eff
    else:
        delta = eff / p
    exact_flag = all(isinstance(x, (Fraction, sp.Basic, int)) for x in v)
    levers = {"penalty": f, "reputation_loss": L, "expulsion": W, "continuation": p}
    expl = _explain(stage, idx, desc, conds, delta, eff, p)
    return DiscountFactorResult(delta, eff, conds, binding, desc, exact_flag, tuple(assumptions),
                                expl, levers)


def _explain(stage, idx, desc, conds, delta, eff, p) -> str:
    names = ", ".join(stage.profile_names(idx))
    if delta is None:
        who = ", ".join(pl for pl, c in conds.items() if c.threshold is None)
        return (f"({names}) cannot be sustained by {desc}: for {who} a deviation pays and the "
                "punishment is no worse than the profile itself.")
    if not is_sym(delta) and delta == 0:
        return f"({names}) is a stage equilibrium: no discounting is needed."
    text = (f"({names}) is sustained under {desc} when the discount factor is at least "
            f"{_num(delta)}")
    if p != 1:
        text += f" (effective δ·p at least {_num(eff)} with continuation probability {_num(p)})"
    if not is_sym(delta) and delta >= 1:
        text += "; since δ < 1 this is impossible"
    return text + "."

"""Critical discount factors and minmax values (games.repeated.discounting)."""
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import NormalFormGame, dilemmas
from govgames.games.errors import InputError
from govgames.games.repeated import critical_discount_factor, minmax_values

CC = ("Cooperate", "Cooperate")


def pd(T, R, P, S):
    return dilemmas.prisoners_dilemma(T=T, R=R, P=P, S=S)


@settings(max_examples=40, deadline=None)
@given(st.integers(-10, 10), st.integers(1, 20), st.integers(1, 20), st.integers(1, 20))
def test_pd_grim_trigger_closed_form(S, d1, d2, d3):
    # T > R > P > S with integer gaps; grim trigger with Nash reversion: (T - R)/(T - P)
    P = S + d1
    R = P + d2
    T = R + d3
    r = critical_discount_factor(pd(T, R, P, S), CC)
    assert r.delta == Fraction(T - R, T - P)
    assert r.exact and r.sustainable
    assert set(r.binding) == {"A", "B"}


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 10), st.integers(1, 10), st.integers(1, 10), st.integers(0, 30))
def test_pd_penalty_closed_form(d1, d2, d3, f):
    # with a one-off fine f: stay gives R/(1-δ); deviating gives T - f + δP/(1-δ)
    # => δ >= (T - f - R)/(T - f - P) when T - f > R, and δ* = 0 otherwise
    S, P = 0, d1
    R = P + d2
    T = R + d3
    r = critical_discount_factor(pd(T, R, P, S), CC, penalty=f)
    expected = Fraction(T - f - R, T - f - P) if T - f > R else 0
    assert r.delta == expected


def test_levers_lower_delta():
    g = pd(5, 3, 1, 0)
    base = critical_discount_factor(g, CC).delta
    assert base == Fraction(1, 2)
    # reputation loss L per period after defection: (T-R)/(T-P+L)
    assert critical_discount_factor(g, CC, reputation_loss=2).delta == Fraction(2, 6)
    # expulsion to an outside option of -1 per period: (T-R)/(T-(-1))
    assert critical_discount_factor(g, CC, expulsion=-1).delta == Fraction(2, 6)
    # continuation probability p: δ·p >= 1/2
    r = critical_discount_factor(g, CC, continuation=Fraction(3, 4))
    assert r.effective == Fraction(1, 2) and r.delta == Fraction(2, 3)
    r = critical_discount_factor(g, CC, continuation=Fraction(1, 3))
    assert r.delta == Fraction(3, 2) and not r.sustainable
    # a punishment that does not hurt: never sustainable
    r = critical_discount_factor(g, CC, expulsion=3)
    assert r.delta is None and not r.sustainable and float(r) == float("inf")
    # per-player levers
    r = critical_discount_factor(g, CC, penalty={"A": 1})
    assert r.players["A"].threshold == Fraction(1, 3)
    assert r.players["B"].threshold == Fraction(1, 2) and r.delta == Fraction(1, 2)
    assert r.binding == ("B",)


def test_symbolic_closed_forms():
    g = dilemmas.prisoners_dilemma()
    T, R, P, S = sp.symbols("T R P S", real=True)
    r = critical_discount_factor(g, CC, punishment=("Defect", "Defect"))
    assert sp.simplify(r.delta - (T - R) / (T - P)) == 0
    f, L, p = sp.symbols("f L p", positive=True)
    r = critical_discount_factor(g, CC, punishment=("Defect", "Defect"), penalty=f,
                                 reputation_loss=L, continuation=p)
    assert sp.simplify(r.delta - (T - f - R) / ((T - f - P + L) * p)) == 0
    # the symbolic result agrees with the numeric one
    val = {T: 7, R: 4, P: 2, S: 0, f: 1, L: 1, p: sp.Rational(9, 10)}
    num = critical_discount_factor(pd(7, 4, 2, 0), CC, penalty=1, reputation_loss=1,
                                   continuation=Fraction(9, 10)).delta
    assert sp.Rational(num.numerator, num.denominator) == r.delta.subs(val)
    with pytest.raises(InputError):
        critical_discount_factor(g, CC)  # symbolic needs an explicit punishment


def test_nash_and_worst_nash_with_several_equilibria():
    # C/D/X game: stage equilibria (D, D) paying 1 and (X, X) paying 0
    A = [[4, 0, -2], [5, 1, -2], [0, 0, 0]]
    g = NormalFormGame.from_arrays(A, [list(r) for r in zip(*A)],
                                   strategies=[["C", "D", "X"], ["C", "D", "X"]])
    # best common Nash reversion is to (X, X): (5 - 4)/(5 - 0) = 1/5; (D, D) gives 1/4
    r = critical_discount_factor(g, ("C", "C"), "nash")
    assert r.delta == Fraction(1, 5)
    # (X, X) and the mixed equilibrium (2/3 D + 1/3 X) both pay 0: the harshest reversion
    assert r.players["Player 1"].punishment_payoff == 0
    assert critical_discount_factor(g, ("C", "C"), ("D", "D")).delta == Fraction(1, 4)
    assert critical_discount_factor(g, ("C", "C"), "worst_nash").delta == Fraction(1, 5)
    with pytest.raises(InputError, match="not a Nash equilibrium"):
        critical_discount_factor(g, ("C", "C"), ("C", "C"))


def test_minmax_punishment_and_n_players():
    g = pd(5, 3, 1, 0)
    assert critical_discount_factor(g, CC, "minmax").delta == Fraction(1, 2)
    # 3-player linear public goods game (payoffs x3): cooperation costs 3, each
    # contribution gives everybody 2
    def pg(prof):
        k = sum(1 for x in prof if x == 0)
        return [2 * k - (3 if prof[i] == 0 else 0) for i in range(3)]
    g3 = NormalFormGame.from_function(pg, (2, 2, 2))
    # u = 3, d = 4, v = 0: δ* = (4 - 3)/(4 - 0) = 1/4
    r = critical_discount_factor(g3, (0, 0, 0))
    assert r.delta == Fraction(1, 4)
    with pytest.raises(InputError, match="2-player"):
        critical_discount_factor(g3, (0, 0, 0), "minmax")


def test_bad_input():
    g = pd(5, 3, 1, 0)
    with pytest.raises(InputError):
        critical_discount_factor(g, ("Cooperate",))
    with pytest.raises(InputError):
        critical_discount_factor(g, CC, "tit-for-tat")
    with pytest.raises(InputError):
        critical_discount_factor(g, CC, continuation=0)
    with pytest.raises(InputError):
        critical_discount_factor(g, CC, penalty="abc")


# ------------------------------------------------------------------ minmax values
def test_minmax_2x2_hand_solved():
    # row payoffs [[4, 1], [2, 3]]: the column player mixes y on column 1 so that
    # 4y + 1(1-y) = 2y + 3(1-y) -> y = 1/2, value 5/2 (pure minmax: 3)
    A = [[4, 1], [2, 3]]
    g = NormalFormGame.from_arrays(A, [[0, 0], [0, 0]], players=["A", "B"])
    mm = minmax_values(g)["A"]
    assert mm.value == Fraction(5, 2) and mm.exact
    assert mm.punishment == {"s1": Fraction(1, 2), "s2": Fraction(1, 2)}
    assert minmax_values(g, mixed=False)["A"].value == 3
    # the column player's minmax: B's payoffs 0 everywhere -> 0
    assert minmax_values(g)["B"].value == 0


def test_minmax_3x3_hand_solved():
    # rock-paper-scissors: value 0 with the uniform punishment; pure minmax 1
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    g = NormalFormGame.from_arrays(A, [[-x for x in r] for r in A], players=["A", "B"])
    mm = minmax_values(g)
    assert mm["A"].value == 0 and mm["B"].value == 0
    assert mm["A"].punishment == {s: Fraction(1, 3) for s in ("s1", "s2", "s3")}
    assert minmax_values(g, mixed=False)["A"].value == 1
    # a 3x3 game with a dominated row: rows (3,0,1), (0,3,1), (1,1,0).
    # The punisher avoids column 3 when... solved by hand: mix columns 1 and 2 half-half
    # -> rows 1 and 2 pay 3/2, row 3 pays 1; column 3 alone lets row 1 or 2 get 1
    # and the mixture of col 3 with weight w: rows pay 3a + w... minimum is 1 (play column 3)
    B = [[3, 0, 1], [0, 3, 1], [1, 1, 0]]
    h = NormalFormGame.from_arrays(B, [[0] * 3] * 3)
    assert minmax_values(h)["Player 1"].value == 1
    # a game where the minmax needs a proper mixture of all three columns:
    # rows (2,0,0), (0,2,0), (0,0,2): uniform punishment, value 2/3
    D = [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
    k = NormalFormGame.from_arrays(D, [[0] * 3] * 3)
    m = minmax_values(k)["Player 1"]
    assert m.value == Fraction(2, 3) and len(m.punishment) == 3


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 10_000))
def test_minmax_equals_zero_sum_value(m, n, seed):
    # the mixed minmax of the row player is the value of the zero-sum game A (minimax theorem);
    # checked against nashpy's equilibria of (A, -A) and by exact best-reply payoffs
    # independent check: the row player's maxmin LP (the dual side), max v s.t. x^T A >= v
    from scipy.optimize import linprog
    rng = np.random.default_rng(seed)
    A = rng.integers(-5, 6, size=(m, n))
    g = NormalFormGame.from_arrays(A, -A)
    mm = minmax_values(g)["Player 1"]
    res = linprog(np.r_[np.zeros(m), -1], A_ub=np.c_[-A.T, np.ones(n)], b_ub=np.zeros(n),
                  A_eq=np.r_[np.ones(m), 0][None], b_eq=[1], bounds=[(0, None)] * m + [(None, None)])
    value = -res.fun
    assert abs(float(mm.value) - value) < 1e-9
    assert mm.exact
    y = np.zeros(n)
    for name, p in mm.punishment.items():
        y[int(name[1:]) - 1] = float(p)
    assert abs((A @ y).max() - float(mm.value)) < 1e-12


def _bisect_threshold(stage, profile, eq, penalty, rep):
    """Least δ with no profitable one-shot deviation, by bisection on discounted sums."""
    P = np.asarray(stage.numeric_payoffs(), dtype=float)
    n = stage.n_players

    def holds(d):
        for i in range(n):
            u = P[(i,) + profile]
            v = P[(i,) + eq] - rep
            for s in range(stage.shape[i]):
                alt = list(profile)
                alt[i] = s
                dev = P[(i,) + tuple(alt)] - (penalty if s != profile[i] else 0)
                # discounted sums times (1 - d): stay u, deviate (1 - d) dev + d v
                if (1 - d) * dev + d * v > u + 1e-12:
                    return False
        return True

    # δ* is the least δ from which on the profile is sustained: none when patient players
    # deviate (a "punishment" that pays a player more than the profile fails near δ = 1)
    if not holds(1 - 1e-12):
        return None
    if holds(0.0):
        return 0.0
    lo, hi = 0.0, 1 - 1e-12
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if holds(mid) else (mid, hi)
    return hi


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3), st.integers(0, 10_000), st.integers(0, 3), st.integers(0, 2))
def test_threshold_agrees_with_discounted_sums(n_players, seed, penalty, rep):
    rng = np.random.default_rng(seed)
    shape = (2,) * n_players if n_players == 3 else (3, 3)
    g = NormalFormGame(rng.integers(-4, 8, size=(n_players,) + shape))
    P = np.asarray(g.numeric_payoffs())
    pure_eqs = [p for p in g.pure_profiles()
                if all(P[(i,) + p] >= max(P[(i,) + p[:i] + (s,) + p[i + 1:]] for s in range(shape[i]))
                       for i in range(n_players))]
    if not pure_eqs:
        return
    eq = pure_eqs[0]
    profile = tuple(int(x) for x in rng.integers(0, shape[0], size=n_players))
    r = critical_discount_factor(g, profile, eq, penalty=penalty, reputation_loss=rep)
    b = _bisect_threshold(g, profile, eq, penalty, rep)
    if b is None:
        assert r.delta is None or r.delta >= 1 - 1e-9
    else:
        assert r.delta is not None and abs(float(r.delta) - b) < 1e-9


def test_symbolic_several_deviations_agree_with_numeric():
    a, b = sp.symbols("a b", positive=True)
    g = NormalFormGame([[[3, 0, 0], [a, 1, 0], [b, 0, -1]], [[3, a, b], [0, 1, 0], [0, 0, -1]]],
                       strategies=[["C", "D", "E"]] * 2)
    r = critical_discount_factor(g, ("C", "C"), ("D", "D"))
    for va, vb in [(5, 4), (4, 7), (10, 10)]:
        num = critical_discount_factor(g.subs(a=va, b=vb), ("C", "C"), ("D", "D")).delta
        assert r.delta.subs({a: va, b: vb}) == sp.Rational(num.numerator, num.denominator)

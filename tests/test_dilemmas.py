"""Dilemma constructors: equilibria and thresholds against closed forms derived by hand."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import InputError, is_equilibrium
from govgames.games import dilemmas
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import equilibrium_conditions, threshold


def brute_pure(game):
    """Pure equilibria by checking every unilateral deviation (independent of games.pure)."""
    P = game.numeric_payoffs()
    out = set()
    for prof in itertools.product(*(range(a) for a in game.shape)):
        ok = True
        for i in range(game.n_players):
            for s in range(game.shape[i]):
                alt = prof[:i] + (s,) + prof[i + 1:]
                if P[(i,) + alt] > P[(i,) + prof] + 1e-9:
                    ok = False
        if ok:
            out.add(game.profile_names(prof))
    return out


def solver_pure(game):
    return {e.pure_profile for e in pure_nash_equilibria(game)}


nums = st.integers(min_value=-20, max_value=20)


# ---------------------------------------------------------------------- prisoner's dilemma
def test_pd_symbolic_parameters_and_layout():
    g = dilemmas.prisoners_dilemma()
    assert [p.name for p in g.parameters] == ["P", "R", "S", "T"]
    T, R, P, S = sp.symbols("T R P S", real=True)
    assert list(g.payoff(("Cooperate", "Defect"))) == [S, T]
    assert list(g.payoff(("Defect", "Cooperate"))) == [T, S]
    assert g.players == ("A", "B")
    assert dilemmas.prisoners_dilemma(players=["Shanghai", "Suzhou"]).players == ("Shanghai", "Suzhou")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-50, 50), min_size=4, max_size=4, unique=True))
def test_pd_unique_defection_when_T_R_P_S(vals):
    S, P, R, T = sorted(vals)  # T > R > P > S
    g = dilemmas.prisoners_dilemma(T, R, P, S)
    assert brute_pure(g) == {("Defect", "Defect")}
    assert solver_pure(g) == {("Defect", "Defect")}


def test_pd_conditions_by_hand():
    g = dilemmas.prisoners_dilemma()
    T, R, P, S = sp.symbols("T R P S", real=True)
    cc = equilibrium_conditions(g, ("Cooperate", "Cooperate"))
    assert cc.holds == (R >= T)
    dd = equilibrium_conditions(g, ("Defect", "Defect"), strict=True)
    assert dd.holds == (P > S)


# ---------------------------------------------------------------------- stag hunt, chicken, assurance
@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-30, 30), min_size=4, max_size=4, unique=True))
def test_stag_hunt_two_equilibria_and_mixed(vals):
    S, P, T, R = sorted(vals)  # R > T > P > S
    g = dilemmas.stag_hunt(R, T, P, S)
    assert brute_pure(g) == {("Stag", "Stag"), ("Hare", "Hare")}
    p = (P - S) / (R - T + P - S)  # indifference: pR + (1-p)S = pT + (1-p)P
    assert is_equilibrium(g, [[p, 1 - p], [p, 1 - p]])
    assert not is_equilibrium(g, [[0.5 * p, 1 - 0.5 * p], [p, 1 - p]]) or p == 0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-30, 30), min_size=4, max_size=4, unique=True))
def test_chicken_asymmetric_equilibria_and_mixed(vals):
    P, S, R, T = sorted(vals)  # T > R > S > P
    g = dilemmas.chicken(T, R, S, P)
    assert brute_pure(g) == {("Concede", "Hold out"), ("Hold out", "Concede")}
    q = (S - P) / (S - P + T - R)  # qR + (1-q)S = qT + (1-q)P
    assert is_equilibrium(g, [[q, 1 - q], [q, 1 - q]])


def test_assurance_closed_form():
    g = dilemmas.assurance(5, 2)
    assert brute_pure(g) == {("Contribute", "Contribute"), ("Withhold", "Withhold")}
    p = 2 / 5  # p b - c = 0
    assert is_equilibrium(g, [[p, 1 - p], [p, 1 - p]])
    # symbolic: (Withhold, Withhold) always strict (c > 0), (Contribute, Contribute) iff b >= c
    s = dilemmas.assurance()
    b, c = sp.symbols("b c", positive=True)
    assert equilibrium_conditions(s, ("Withhold", "Withhold"), strict=True).holds == sp.true
    assert equilibrium_conditions(s, ("Contribute", "Contribute")).holds == (b >= c)


# ---------------------------------------------------------------------- externality
@settings(max_examples=50, deadline=None)
@given(st.integers(1, 20), st.integers(1, 20), st.integers(-10, 10))
def test_transboundary_dominance_by_hand(b, c, s10):
    s = s10 / 5
    g = dilemmas.transboundary_externality(b, c, s)
    # u_i = (b - c) a_i + s b a_j: the own term decides
    if b > c:
        expected = {("Abate", "Abate")}
    elif b < c:
        expected = {("Pollute", "Pollute")}
    else:
        expected = {(x, y) for x in ("Abate", "Pollute") for y in ("Abate", "Pollute")}
    assert brute_pure(g) == expected
    assert solver_pure(g) == expected
    # payoff entries
    assert g.payoff(("Abate", "Pollute"))[1] == pytest.approx(s * b)
    assert g.payoff(("Abate", "Abate"))[0] == pytest.approx(b - c + s * b)


def test_transboundary_dilemma_bites_between_b_and_one_plus_s_b():
    g = dilemmas.transboundary_externality(b=2, c=3, s=1)  # 2 < 3 < 4
    assert brute_pure(g) == {("Pollute", "Pollute")}
    aa = g.payoff(("Abate", "Abate"))
    pp = g.payoff(("Pollute", "Pollute"))
    assert np.all(aa > pp)  # mutual abatement Pareto-dominates the equilibrium


# ---------------------------------------------------------------------- upstream / downstream
def test_upstream_minimal_compensation_is_c_minus_b():
    g = dilemmas.upstream_downstream(t=None)
    b, c = sp.symbols("b c", positive=True)
    th = threshold(equilibrium_conditions(g, ("Abate", "Pollute")), "t")
    assert sp.simplify(th.lower - (c - b)) == 0
    assert th.upper == sp.oo
    # numeric bisection on the instance b = 1, c = 3, s = 4: t* = 2
    num = dilemmas.upstream_downstream(b=1, c=3, s=4, t=None)
    lo, hi = 0.0, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if ("Abate", "Pollute") in brute_pure(num.subs(t=sp.Float(mid, 30))):
            hi = mid
        else:
            lo = mid
    assert hi == pytest.approx(2.0, abs=1e-7)
    assert float(th.lower.subs({b: 1, c: 3})) == pytest.approx(hi)


def test_upstream_downstream_payoffs_and_no_compensation():
    g = dilemmas.upstream_downstream(b=1, c=3, s=4)
    assert brute_pure(g) == {("Pollute", "Pollute")}
    assert list(g.payoff(("Abate", "Pollute"))) == [-2.0, 4.0]
    h = dilemmas.upstream_downstream(b=1, c=3, s=4, t=2.5)
    assert brute_pure(h) == {("Abate", "Pollute")}
    assert list(h.payoff(("Abate", "Pollute"))) == [0.5, 1.5]  # downstream still gains (t <= s b)


# ---------------------------------------------------------------------- N-player
@pytest.mark.parametrize("n,r", [(5, 3), (30, 2.5), (12, 11.9), (4, 6), (10, 10)])
def test_public_goods_closed_form(n, r):
    g = dilemmas.public_goods(n, r=r, c=1)
    ms = [e.m for e in g.pure_equilibria()]
    gain = r / n - 1  # own gain of contributing, whatever the others do
    if gain < 0:
        assert ms == [0]
    elif gain > 0:
        assert ms == [n]
    else:
        assert ms == list(range(n + 1))


def test_public_goods_symbolic_condition():
    r = sp.Symbol("r", positive=True)
    assert equilibrium_conditions(dilemmas.public_goods(20), 0).holds == sp.Ge(20, r)
    assert equilibrium_conditions(dilemmas.public_goods(20), 20).holds == (r >= 20)


@pytest.mark.parametrize("n", [2, 3, 5, 10, 50, 300])
@pytest.mark.parametrize("b,c", [(2, 1), (10, 3), (1.5, 1.2)])
def test_volunteers_dilemma_closed_form(n, b, c):
    g = dilemmas.volunteers_dilemma(n, b=b, c=c)
    sym = g.symmetric_equilibria()
    assert len(sym) == 1
    assert sym[0].p == pytest.approx(1 - (c / b) ** (1 / (n - 1)), rel=1e-9, abs=1e-12)
    pure = g.pure_equilibria()
    assert [e.m for e in pure] == [1] and pure[0].count == n


def test_volunteers_dilemma_symbolic_indifference():
    g = dilemmas.volunteers_dilemma(4)
    b, c = sp.symbols("b c", positive=True)
    p = sp.Symbol("p")
    assert sp.simplify(g.indifference_polynomial(p) - (b * (1 - p) ** 3 - c)) == 0


# ---------------------------------------------------------------------- promotion tournament
@pytest.mark.parametrize("n", [2, 3])
def test_promotion_threshold_by_hand(n):
    V, a, h, e = 10, 1, 2, 3
    g = dilemmas.promotion_tournament(n, V=V, a=a, h=h, e=e)
    w_star = V * a * (n - 1) / (V * a * (n - 1) + n * h * e)
    coop = ("Cooperate",) * n
    comp = ("Compete",) * n
    th = threshold(equilibrium_conditions(g, coop), "w")
    assert float(th.lower) == pytest.approx(w_star)
    assert brute_pure(g.subs(w=w_star - 0.01)) == {comp}
    assert brute_pure(g.subs(w=w_star + 0.01)) == {coop}
    # promotion probabilities sum to one (relative evaluation), checked at w = 0
    P0 = g.subs(w=0).numeric_payoffs()
    assert np.allclose(P0.sum(axis=0), V)


def test_promotion_symbolic_threshold():
    g = dilemmas.promotion_tournament()
    V, a, h, e = sp.symbols("V a h e", positive=True)
    th = threshold(equilibrium_conditions(g, ("Cooperate", "Cooperate")), "w")
    assert sp.simplify(th.lower - V * a / (V * a + 2 * h * e)) == 0


def test_promotion_anonymous_matches_normal_form():
    a = dilemmas.promotion_tournament(4, V=6, a=1, h=1, e=1, w=0.4, anonymous=True)
    g = dilemmas.promotion_tournament(4, V=6, a=1, h=1, e=1, w=0.4)
    nf = a.to_normal_form()
    # same game up to the order of the actions (anonymous: Compete = action 0)
    P = g.numeric_payoffs()
    Q = nf.numeric_payoffs()
    assert np.allclose(P, np.flip(Q, axis=tuple(range(1, 5))))
    with pytest.raises(InputError):
        dilemmas.promotion_tournament(9)
    with pytest.raises(InputError, match="a <= h"):
        dilemmas.promotion_tournament(V=1, a=2, h=1)
    big = dilemmas.promotion_tournament(500, V=10, a=1, h=1, e=0.05, anonymous=True)
    # w* = V a (n-1) / (V a (n-1) + n h e) = 4990 / (4990 + 25)
    w_star = 4990 / (4990 + 25)
    assert [e.m for e in big.subs(w=w_star - 1e-3).pure_equilibria()] == [0]
    assert [e.m for e in big.subs(w=w_star + 1e-3).pure_equilibria()] == [500]


def test_promotion_own_output_weight():
    # with lam > 0 the gain of competing gets lam (a - g)
    g = dilemmas.promotion_tournament(V=10, a=1, h=1, e=2, lam=1, g=3)
    th = threshold(equilibrium_conditions(g, ("Cooperate", "Cooperate")), "w")
    # (1 - w) * 5 + (1 - 3) = 2 w  ->  w = 3/7
    assert th.lower == sp.Rational(3, 7)


# ---------------------------------------------------------------------- investment race
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(0, 40), st.integers(50, 100), st.integers(0, 20))
def test_investment_race_by_hand(tH, tL, theta100, beta):
    theta = theta100 / 100
    K = 100
    g = dilemmas.investment_race(K=K, t_high=tH, t_low=tL, theta=theta, beta=beta)
    HH, LL = (tH + beta) * K / 2, (tL + beta) * K / 2
    LH, HL = (tL + beta) * theta * K, (tH + beta) * (1 - theta) * K
    exp = set()
    for r, c in itertools.product(("Hold", "Undercut"), repeat=2):
        def u(mine, theirs):
            return {("Hold", "Hold"): HH, ("Undercut", "Undercut"): LL,
                    ("Undercut", "Hold"): LH, ("Hold", "Undercut"): HL}[(mine, theirs)]
        other = {"Hold": "Undercut", "Undercut": "Hold"}
        if u(r, c) >= u(other[r], c) - 1e-9 and u(c, r) >= u(other[c], r) - 1e-9:
            exp.add((r, c))
    assert brute_pure(g) == exp


def test_investment_race_is_prisoners_dilemma():
    g = dilemmas.investment_race(K=100, t_high=0.25, t_low=0.15, theta=0.8, beta=0.1)
    assert brute_pure(g) == {("Undercut", "Undercut")}
    assert np.all(g.payoff(("Hold", "Hold")) > g.payoff(("Undercut", "Undercut")))
    with pytest.raises(InputError):
        dilemmas.investment_race(theta=0.3)


# ---------------------------------------------------------------------- central intervention
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 5), st.integers(1, 10), st.integers(0, 10), st.integers(0, 20),
       st.integers(0, 4), st.integers(0, 3))
def test_mandated_symbolic_collaboration_conditions(b, c, q10, f, g, k):
    q = q10 / 10
    game = dilemmas.central_intervention(b=b if b else 0.5, c=c, s=1, q=q if q else 0.05, f=f if f else 1,
                                         g=g, k=k)
    bb, qq, ff = (b if b else 0.5), (q if q else 0.05), (f if f else 1)
    eqs = brute_pure(game)
    # by hand: own payoffs Collaborate b - c + g, Symbolic g - k - q f, Defect -f (spillover
    # terms depend only on the other's action, so best responses are dominant strategies)
    own = {"Collaborate": bb - c + g, "Symbolic": g - k - qq * ff, "Defect": -ff}
    best = max(own.values())
    br = {s for s, v in own.items() if v >= best - 1e-9}
    assert eqs == {(x, y) for x in br for y in br}
    if c - bb > qq * ff + k + 1e-9 and g + (1 - qq) * ff > k + 1e-9:
        assert eqs == {("Symbolic", "Symbolic")}


def test_preempted_minimal_fine_and_mode_errors():
    g = dilemmas.central_intervention(mode="preempted")
    b, c, q, f = sp.symbols("b c q f", positive=True)
    th = threshold(equilibrium_conditions(g, ("Comply", "Comply")), "f")
    assert sp.simplify(th.lower - (c - b) / q) == 0
    num = dilemmas.central_intervention(b=1, c=4, s=0.5, q=0.25, mode="preempted")
    lo, hi = 0.0, 100.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if ("Comply", "Comply") in brute_pure(num.subs(f=sp.Float(mid, 30))):
            hi = mid
        else:
            lo = mid
    assert hi == pytest.approx(12.0, abs=1e-7)  # (c - b) / q
    with pytest.raises(InputError):
        dilemmas.central_intervention(mode="bogus")
    with pytest.raises(InputError):
        dilemmas.central_intervention(q=1.5)


def test_bad_parameters_raise_input_error():
    with pytest.raises(InputError):
        dilemmas.prisoners_dilemma("5", 3, 1, 0)
    with pytest.raises(InputError):
        dilemmas.public_goods(1)
    with pytest.raises(InputError):
        dilemmas.volunteers_dilemma(2.5)
    with pytest.raises(InputError):
        dilemmas.transboundary_externality(float("nan"), 1, 1)
    with pytest.raises(InputError):
        dilemmas.prisoners_dilemma(players=["A", "B", "C"])


def test_numeric_games_are_float_or_exact():
    g = dilemmas.prisoners_dilemma(5, 3, 1, 0)
    assert g.payoff_array.dtype == float and not g.is_symbolic
    h = dilemmas.transboundary_externality(sp.Rational(1, 3), 1, 1)
    assert h.payoff_array.dtype == object and not h.is_symbolic
    assert h.exact_payoffs()[0, 1, 0] == __import__("fractions").Fraction(1, 3)

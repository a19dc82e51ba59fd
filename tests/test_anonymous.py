"""AnonymousGame: agreement with the full normal form, closed forms, exact vs numeric roots."""

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import AnonymousGame, FreeParametersError, InputError, dilemmas, is_equilibrium
from govgames.games.anonymous import AnonymousEquilibria
from govgames.games.pure import pure_nash_equilibria


def brute_counts(game):
    """Pure equilibria of the anonymous game by brute force over all 2**N profiles."""
    u = game.payoff_table()
    n = game.n_players
    found = set()
    for prof in itertools.product((0, 1), repeat=n):
        m = sum(prof)
        ok = True
        for i, a in enumerate(prof):
            k = m - a
            if u[1 - a, k] > u[a, k] + 1e-9:
                ok = False
                break
        if ok:
            found.add(prof)
    return found


tables = st.integers(2, 8).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.integers(-4, 4), min_size=2 * n, max_size=2 * n)))


@settings(max_examples=60, deadline=None)
@given(tables)
def test_pure_equilibria_match_normal_form(data):
    n, vals = data
    g = AnonymousGame(n, (vals[:n], vals[n:]), actions=("Out", "In"))
    nf = g.to_normal_form()
    from_counts = {e.pure_profile for e in g.to_equilibrium_list(g.pure_equilibria())}
    from_table = {e.pure_profile for e in pure_nash_equilibria(nf)}
    assert from_counts == from_table
    expect = {tuple("In" if a else "Out" for a in prof) for prof in brute_counts(g)}
    assert from_counts == expect
    assert sum(e.count for e in g.pure_equilibria()) == len(expect)


@settings(max_examples=40, deadline=None)
@given(tables)
def test_symmetric_equilibria_are_equilibria_of_normal_form(data):
    n, vals = data
    g = AnonymousGame(n, (vals[:n], vals[n:]))
    nf = g.to_normal_form()
    eqs = g.symmetric_equilibria(method="exact")
    if eqs.notes:  # indifferent everywhere
        assert np.all(g.gains() == 0)
        return
    for e in eqs:
        assert is_equilibrium(nf, [[1 - e.p, e.p]] * n, tol=1e-7)
        if 0 < e.p < 1:
            assert e.payoffs["0"] == pytest.approx(e.payoffs["1"], abs=1e-9)
    # the numeric method finds the same set (up to roots it cannot separate)
    num = g.symmetric_equilibria(method="numeric")
    if not num.notes:
        assert [round(e.p, 7) for e in num] == [round(e.p, 7) for e in eqs]
    # independent check: scan the indifference function for sign changes
    ps = np.linspace(0, 1, 20001)
    D = g.indifference_function(ps)
    crossings = np.flatnonzero(np.sign(D[:-1]) * np.sign(D[1:]) < 0)
    interior = [e.p for e in eqs if 0 < e.p < 1]
    for k in crossings:
        assert any(ps[k] - 1e-9 <= p <= ps[k + 1] + 1e-9 for p in interior)


def test_exact_polynomial_matches_sympy_expansion():
    g = AnonymousGame(4, ([0, 3, 1, 2], [1, 0, 2, 2]))
    p = sp.Symbol("p")
    d = [1, -3, 1, 0]
    expect = sum(sp.binomial(3, k) * p**k * (1 - p)**(3 - k) * d[k] for k in range(4))
    assert sp.expand(g.indifference_polynomial(p) - expect) == 0


@pytest.mark.parametrize("n", [10, 100, 1000, 10000])
def test_volunteer_large_n_closed_form(n):
    b, c = 3.0, 1.0
    g = dilemmas.volunteers_dilemma(n, b=b, c=c)
    eqs = g.symmetric_equilibria()
    assert eqs.method == ("exact" if n <= 60 else "numeric")
    assert len(eqs) == 1
    assert eqs[0].p == pytest.approx(1 - (c / b) ** (1 / (n - 1)), rel=1e-9)
    # indifferent at p*: both actions pay b - c
    assert eqs[0].payoffs["Ignore"] == pytest.approx(b - c, rel=1e-9)
    pure = g.pure_equilibria()
    assert [e.m for e in pure] == [1] and pure[0].count == n


def test_volunteer_exact_value_is_algebraic():
    g = dilemmas.volunteers_dilemma(3, b=2, c=1)
    e = g.symmetric_equilibria(method="exact")[0]
    assert sp.simplify(e.exact - (1 - 1 / sp.sqrt(2))) == 0


@pytest.mark.parametrize("n", [10, 1000, 10000])
def test_public_goods_large_n(n):
    g = dilemmas.public_goods(n, r=3, c=1)
    assert [e.m for e in g.pure_equilibria()] == [0]
    sym = g.symmetric_equilibria()
    assert [e.p for e in sym] == [0.0]
    h = dilemmas.public_goods(n, r=n + 1, c=1)
    assert [e.m for e in h.pure_equilibria()] == [n]


def test_multiple_interior_roots_found_numerically():
    # gains with two sign changes: D(p) has two interior roots (a participation game)
    n = 200
    k = np.arange(n)
    d = np.where((k >= 50) & (k < 150), 1.0, -1.0)
    g = AnonymousGame(n, (np.zeros(n), d))
    num = g.symmetric_equilibria(method="numeric")
    assert len([e for e in num if 0 < e.p < 1]) == 2
    for e in num:
        if 0 < e.p < 1:
            assert abs(g.indifference_function(e.p)) < 1e-9
    assert num[0].p == 0.0 and num[-1].p < 1.0  # d[0] = -1: all-0 is one; d[N-1] = -1: all-1 is not


def test_symbolic_game_subs_and_errors():
    g = dilemmas.volunteers_dilemma(5)
    assert [s.name for s in g.parameters] == ["b", "c"]
    with pytest.raises(FreeParametersError):
        g.pure_equilibria()
    h = g.subs(b=4, c=1)
    assert h.payoff("Ignore", 0) == 0.0 and h.payoff("Ignore", 3) == 4.0
    assert h.payoff("Volunteer", 2) == 3.0
    assert g.subs(b=1.9999999, c=1).payoff_table()[0, 1] != 2  # floats are read as printed
    with pytest.raises(InputError, match="unknown parameter"):
        g.subs(zz=1)
    with pytest.raises(InputError, match="refuses"):
        dilemmas.public_goods(20, 3, 1).to_normal_form()
    with pytest.raises(InputError):
        AnonymousGame(1, (0, 0))
    with pytest.raises(InputError, match="entries"):
        AnonymousGame(3, ([0, 1], [1, 1, 1]))
    with pytest.raises(InputError):
        AnonymousGame(3, ([0, 1, float("inf")], [1, 1, 1]))
    with pytest.raises(InputError):
        AnonymousGame(3, (0, 0), actions=("a", "a"))
    with pytest.raises(InputError):
        h.payoff("Ignore", 5)


def test_symbolic_normal_form_and_display():
    g = dilemmas.public_goods(3)
    nf = g.to_normal_form()
    r, c = sp.symbols("r c", positive=True)
    assert sp.simplify(nf.payoff(("Contribute", "Defect", "Contribute"))[1] - 2 * r * c / 3) == 0
    assert "Public goods" in str(g) and "symbolic" in repr(g)
    big = dilemmas.public_goods(100, 3, 1)
    assert "..." in str(big.subs()) or "Defect" in str(big)


def test_callable_and_expression_payoffs_agree():
    n = 9
    k = sp.Symbol("k", integer=True, nonnegative=True)
    a = AnonymousGame(n, (2 * k, k**2 - 3), k=k)
    b = AnonymousGame(n, lambda act, kk: np.where(act == 0, 2 * kk, kk**2 - 3))
    assert np.array_equal(a.payoff_table(), b.payoff_table())
    assert [e.m for e in a.pure_equilibria()] == [e.m for e in b.pure_equilibria()]


def test_results_are_plain_data():
    g = dilemmas.volunteers_dilemma(4, b=2, c=1)
    d = g.symmetric_equilibria().to_dicts()
    assert d[0]["kind"] == "symmetric" and 0 < d[0]["p"] < 1
    pd = g.pure_equilibria().to_dicts()[0]
    assert pd == {"kind": "pure", "n_players": 4, "actions": ["Ignore", "Volunteer"],
                  "payoffs": {"Volunteer": 1.0, "Ignore": 2.0}, "m": 1, "count": 4}
    assert isinstance(g.pure_equilibria(), AnonymousEquilibria)

"""One shape per kind of result: the core family, equilibrium lists, degeneracy, exact numbers."""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from govgames.games import Degeneracy, EquilibriumList, InputError, NormalFormGame
from govgames.games.equilibrium import Equilibrium
from govgames.games.numbers import exact_rational
from govgames.networks import (
    CoalitionalGame,
    CoreCheck,
    LeastCore,
    Nucleolus,
    in_core,
    least_core,
    nucleolus,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def _majority():
    return CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))


def test_core_family_share_to_frame_and_html():
    g = _majority()
    lc, nu, ic = least_core(g), nucleolus(g), in_core(g, [1 / 3] * 3)
    assert isinstance(lc, LeastCore) and isinstance(nu, Nucleolus) and isinstance(ic, CoreCheck)
    eps, x = lc                                     # old tuple unpacking still works
    assert eps == lc[0] == lc.epsilon == pytest.approx(1 / 3) and x is lc[1]
    assert nu == pytest.approx({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3})
    for r in (lc, nu, ic):
        df = r.to_frame()
        assert isinstance(df, pd.DataFrame)
        assert "<p><b>" in r._repr_html_()
    assert lc.to_frame()["payoff"].sum() == pytest.approx(1.0)
    assert ic.to_frame().attrs["in_core"] is False
    assert nucleolus(g, domain="pre").domain == "pre"


def test_least_core_epsilon_matches_brute_force_for_random_games():
    rng = np.random.default_rng(3)
    for _ in range(5):
        vals = rng.integers(0, 10, size=8).astype(float)
        vals[0] = 0
        g = CoalitionalGame(list("ABC"), vals)
        eps, x = least_core(g)
        # the allocation attains epsilon on some proper coalition and violates none
        e = [vals[m] - sum(x[p] for k, p in enumerate("ABC") if m >> k & 1) for m in range(1, 7)]
        assert max(e) == pytest.approx(eps, abs=1e-7)
        assert sum(x.values()) == pytest.approx(vals[7])


def test_degeneracy_three_states_and_list_keeps_old_values():
    assert EquilibriumList([], degenerate=True).degeneracy is Degeneracy.YES
    assert EquilibriumList([], degenerate=False).degenerate is False
    eqs = EquilibriumList([], degenerate=Degeneracy.NOT_TESTED)
    assert eqs.degenerate is None and not eqs.degeneracy
    assert [bool(d) for d in Degeneracy] == [True, False, False]
    with pytest.raises(TypeError, match="degenerate must be"):
        EquilibriumList([], degenerate="maybe")


def test_equilibrium_list_frame_and_html():
    e = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
                                      [[1, 0], [0.25, 0.75]], [2, 1.5])
    eqs = EquilibriumList([e, e], method="support", notes=["a <note>"])
    df = eqs.to_frame()
    assert df.shape == (2, 6) and df.attrs["method"] == "support"
    assert df.loc[2, "B: r"] == 0.75
    html = eqs._repr_html_()
    assert "&lt;note&gt;" in html and "<table" in html


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.integers(-10**12, 10**12), st.fractions(),
                 st.floats(allow_nan=False, allow_infinity=False, min_value=-1e200,
                           max_value=1e200)))
def test_exact_rational_agrees_with_fraction_of_repr(x):
    expected = Fraction(repr(x)) if isinstance(x, float) else Fraction(x)
    if expected != 0 and float(expected) == 0:
        return
    assert exact_rational(x) == expected
    assert exact_rational(x, bounded=False) == expected
    assert exact_rational(sp.Rational(expected.numerator, expected.denominator)) == expected


def test_exact_rational_unbounded_only_for_numbers_not_text():
    assert exact_rational(10**400, bounded=False) == 10**400
    with pytest.raises(InputError, match="too large"):
        exact_rational(10**400)
    with pytest.raises(InputError, match="too large"):
        exact_rational("1e400", bounded=False)
    assert exact_rational(sp.sqrt(2)) == Fraction(repr(2 ** 0.5))
    for bad in (True, np.bool_(False), [1], sp.Symbol("c"), float("nan")):
        with pytest.raises(InputError):
            exact_rational(bad, bounded=False)


def test_payoffs_with_irrational_sympy_numbers_still_exact():
    g = NormalFormGame([[[sp.sqrt(2), 1]], [[0, Fraction(1, 3)]]])
    assert g.exact_payoffs()[0, 0, 0] == Fraction(repr(2 ** 0.5))
    with_payoffs = g.with_payoffs(g.payoff_array)
    assert with_payoffs.players == g.players


def test_rational_and_tabulate_replace_exact_with_a_deprecation():
    from fractions import Fraction as F

    import networkx as nx
    from govgames.networks import banzhaf_index, linkage_game, shapley_shubik_index

    assert shapley_shubik_index([4, 2, 1], 5, rational=True)["P1"] == F(2, 3)
    with pytest.warns(DeprecationWarning, match="use `rational=`"):
        old = banzhaf_index([4, 2, 1], 5, exact=True)
    assert old == banzhaf_index([4, 2, 1], 5, rational=True) and old["P1"] == F(3, 5)
    with pytest.raises(TypeError, match="give `rational=` only"):
        banzhaf_index([4, 2, 1], 5, rational=True, exact=True)
    with pytest.warns(DeprecationWarning, match="use `tabulate=`"):
        h = CoalitionalGame.from_function("AB", len, exact=False)
    assert not h.is_exact and CoalitionalGame.from_function("AB", len, tabulate=True).is_exact
    assert not CoalitionalGame.weighted_voting([1, 1], 1, tabulate=False).is_exact
    G = nx.path_graph(3)
    with pytest.warns(DeprecationWarning):
        assert not linkage_game(G, exact=False).is_exact
    assert linkage_game(G, tabulate=True).value([0, 1, 2]) == 2.0


def test_one_sort_order_reproduces_the_two_player_solvers_orders():
    from govgames.games import equilibrium_sort_key
    from govgames.games.twoplayer import lemke_howson_all, support_enumeration, vertex_enumeration

    rng = np.random.default_rng(11)
    for _ in range(6):
        A, B = rng.integers(-3, 4, size=(2, 3, 3))
        g = NormalFormGame([A.tolist(), B.tolist()])
        for eqs in (list(vertex_enumeration(g)), list(support_enumeration(g)),
                    list(lemke_howson_all(g))):
            assert eqs == sorted(eqs, key=equilibrium_sort_key)


def test_tolerance_policy_is_the_default_of_tol_arguments():
    import inspect

    from govgames.games import dominance, tolerance, verify
    from govgames.networks import stability

    assert inspect.signature(stability.in_core).parameters["tol"].default == tolerance.DEFAULT_TOL
    # the game solvers' default None means: exact comparison for exact payoffs, the named
    # policy value for float payoffs
    for f in (verify.is_equilibrium, verify.best_response, dominance.iterated_elimination):
        assert inspect.signature(f).parameters["tol"].default is None
    for gain, tie in [(0.5, True), (2.0, False)]:
        g = NormalFormGame([[[0], [gain * tolerance.EQUILIBRIUM_TOL]], [[0], [0]]])
        assert verify.is_equilibrium(g, [0, 0]) is tie
        h = NormalFormGame([[[0], [gain * tolerance.DEFAULT_TOL]], [[0], [0]]])
        assert (verify.best_response(h, 0, [0, 0]) == ("s1", "s2")) is tie
        assert (dominance.weakly_dominated_strategies(h, 0) == ()) is tie


def test_package_is_marked_typed():
    from importlib.resources import files

    assert files("govgames").joinpath("py.typed").is_file()


@pytest.mark.parametrize("literal", ["0.1", "1e-400", "1e999", "2", "123456789012345678901.5"])
def test_payoff_and_entry_parsers_read_numbers_the_same_way(literal):
    from govgames.games.expr import parse_expression
    from govgames.networks import Condition

    def outcome(f):
        try:
            return ("ok", Fraction(str(f())))
        except InputError as exc:
            return ("error", str(exc).split(": ", 1)[1])

    payoff = outcome(lambda: parse_expression(literal, where="w"))
    entry = outcome(lambda: Condition(f"x >= {literal}", name="w").right[1])
    assert payoff[0] == entry[0]
    if payoff[0] == "ok":
        assert payoff[1] == entry[1] == exact_rational(literal)
    else:
        assert "too" in payoff[1]


def test_subclass_lists_of_other_items_still_give_a_frame():
    from govgames.games import AnonymousGame

    eqs = AnonymousGame(4, ([0, 1, 2, 3], [-1, 0.5, 2, 3])).pure_equilibria()
    df = eqs.to_frame()
    assert len(df) == len(eqs) == 3 and "count" in df.columns

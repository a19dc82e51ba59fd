"""Identified sets: hand-derived regions, several observations, rejection, and exact LP bounds
against vertex enumeration on random linear games."""

import itertools

import matplotlib.pyplot as plt
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import InputError, NormalFormGame, dilemmas
from govgames.games.identification import identified_set

c, d = sp.symbols("c d", nonnegative=True)
x, y = sp.symbols("x y", real=True)


def deal(t):
    return NormalFormGame([[[t - c, -c], [0, 0]], [[d - t, 0], [-t, 0]]],
                          players=["Up", "Down"],
                          strategies=[["Abate", "Pollute"], ["Join", "Stay out"]])


def test_prisoners_dilemma_cooperation_identifies_reward_above_temptation():
    T, R, P, S = sp.symbols("T R P S", real=True)
    g = NormalFormGame([[[R, S], [T, P]], [[R, T], [S, P]]], strategies=[["C", "D"], ["C", "D"]])
    ids = identified_set(g, ("C", "C"))
    assert ids.region == sp.Ge(R, T)
    assert ids.bounds["R"] == (-sp.oo, sp.oo)  # R alone is not bounded: only R - T is
    assert ids.contains(T=1, R=2, P=0, S=-1) and not ids.contains(T=3, R=2, P=0, S=-1)


def test_rounds_add_up():
    ids = identified_set(None, {"2012": (deal(1), ("Abate", "Join")),
                                "2015": (deal(2), ("Abate", "Join"))})
    assert ids.bounds == {"c": (0, 1), "d": (2, sp.oo)}
    assert [label for label, _ in ids.observations] == ["2012", "2015"]
    assert "c <= 1" in str(ids) and "d >= 2" in str(ids)


def test_observation_that_no_parameter_explains_rejects_the_model():
    ids = identified_set(deal(1), ("Pollute", "Join"))
    assert ids.empty and ids.bounds is None
    assert str(ids).startswith("empty")


def test_bad_input():
    with pytest.raises(InputError, match="observation"):
        identified_set(deal(1), ("Abate", "Maybe"))
    ids = identified_set(deal(1), ("Abate", "Join"))
    with pytest.raises(InputError, match="missing: d"):
        ids.contains(c=0)
    with pytest.raises(InputError, match="give ranges"):
        ids.plot("c", "d", ranges={"c": (0, 2)})


def test_plot_shades_the_slice():
    ids = identified_set(None, [(deal(1), ("Abate", "Join")), (deal(2), ("Abate", "Join"))])
    ax = ids.plot("c", "d", ranges={"c": (0, 3), "d": (0, 4)})
    assert ax.get_xlabel() == "c" and ax.collections
    plt.close("all")


def test_a_numeric_game_has_no_parameters():
    ids = identified_set(dilemmas.prisoners_dilemma(5, 3, 1, 0), ("Defect", "Defect"))
    assert ids.parameters == [] and ids.region == sp.true and ids.bounds == {}


coef = st.integers(-2, 2)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(coef, coef, coef), min_size=8, max_size=8),
       st.tuples(st.integers(0, 1), st.integers(0, 1)))
def test_lp_bounds_equal_the_extreme_vertices(entries, profile):
    """Exact LP bounds against brute force: the extreme of x (or y) over a 2-D polyhedron is
    attained at a vertex; enumerate the intersections of every pair of boundary lines, keep the
    feasible ones (exact rationals) and compare."""
    pay = [a + b * x + e * y for a, b, e in entries]
    g = NormalFormGame([[pay[0:2], pay[2:4]], [pay[4:6], pay[6:8]]])
    ids = identified_set(g, profile)
    conds = [cc for cc in ids.conditions if cc != sp.true]
    if sp.false in conds:  # a deviation that always pays
        assert ids.empty
        return
    lines = [sp.Poly(cc.lhs - cc.rhs, x, y) for cc in conds]

    def feasible(px, py):
        return all(bool(cc.subs({x: px, y: py})) for cc in conds)

    vertices = []
    for p1, p2 in itertools.combinations(lines, 2):
        sol = sp.solve([p1.as_expr(), p2.as_expr()], [x, y], dict=True)
        if sol and x in sol[0] and y in sol[0] and feasible(sol[0][x], sol[0][y]):
            vertices.append((sol[0][x], sol[0][y]))
    if ids.empty:
        assert not vertices
        return
    if ids.bounds is None or not vertices:
        return
    for k, name in enumerate("xy"):
        lo, hi = ids.bounds[name]
        values = [v[k] for v in vertices]
        assert lo <= min(values) and max(values) <= hi
        if hi != sp.oo:
            assert hi == max(values)
        if lo != -sp.oo:
            assert lo == min(values)


def test_contains_and_mixed_observations_give_clear_errors():
    ids = identified_set(deal(1), ("Abate", "Join"))
    with pytest.raises(InputError, match="parameter 'c': 'x' is not a number"):
        ids.contains(c="x", d=2)
    with pytest.raises(InputError, match="only pure profiles can be observed"):
        identified_set(deal(1), [[0.5, 0.5], [1, 0]])

"""Simplified parameter regions against point-by-point checks of the original conditions."""

import itertools
import json
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games import InputError
from govgames.games.io import game_from_json, game_to_json
from govgames.games.regions import condition_text, simplify_conditions
from govgames.games.symbolic import equilibrium_conditions, symbolic_report

x, y = sp.symbols("x y", real=True)
p, q = sp.symbols("p q", positive=True)


def test_opposite_inequalities_are_an_equation():
    assert simplify_conditions([x >= 4 * y, 4 * y >= x]) == sp.Eq(x, 4 * y)
    assert condition_text(simplify_conditions([2 * x >= 8 * y, 4 * y >= x])) == "x = 4*y"


def test_contradictions_are_never():
    assert simplify_conditions([x >= 2, -x >= 0]) == sp.false
    assert simplify_conditions([x > y, y > x]) == sp.false
    assert simplify_conditions([x >= y, y > x]) == sp.false
    assert simplify_conditions([p <= 0]) == sp.false  # the domain says p > 0
    assert condition_text(simplify_conditions([x > 1, x < 1])) == "never"


def test_domain_tautologies_are_always():
    assert simplify_conditions([p + q >= 0, 2 * p > 0]) == sp.true
    assert simplify_conditions([]) == sp.true
    assert condition_text(sp.true) == "always"


def test_implied_conditions_are_dropped():
    assert simplify_conditions([p >= q, 2 * p >= q]) == sp.Ge(p, q)
    assert simplify_conditions([x >= 1, x >= 2, x >= 3]) == sp.Ge(x, 3)
    # a strict condition is not implied by a weak one with the same boundary
    out = simplify_conditions([x >= 1, x > 1])
    assert out == sp.Gt(x, 1)


def test_interval_of_a_nonlinear_univariate_condition():
    out = simplify_conditions([p**2 >= 1, p <= 3])
    assert out == sp.And(sp.Le(1, p), sp.Le(p, 3))
    assert simplify_conditions([x**2 < 0]) == sp.false


def test_bad_item_is_refused():
    with pytest.raises(InputError, match="not a condition"):
        simplify_conditions([x + 1])


coef = st.integers(-3, 3)
relation = st.tuples(coef, coef, coef, st.sampled_from(["ge", "gt"]))


def _rel(a, b, c, kind):
    e = a * x + b * y + c
    return sp.Ge(e, 0) if kind == "ge" else sp.Gt(e, 0)


GRID = [Fraction(k, 2) for k in range(-8, 9)]
_CMP = {sp.Ge: lambda d: d >= 0, sp.Gt: lambda d: d > 0, sp.Le: lambda d: d <= 0,
        sp.Lt: lambda d: d < 0, sp.Eq: lambda d: d == 0}


def _compile(cond):
    """Exact evaluator of a conjunction of linear relationals in x, y (Fractions, no sympy)."""
    if cond in (sp.true, sp.false):
        return lambda vx, vy, v=bool(cond): v
    parts = cond.args if isinstance(cond, sp.And) else (cond,)
    tests = []
    for rel in parts:
        poly = sp.Poly(rel.lhs - rel.rhs, x, y)
        terms = [(Fraction(int(c.p), int(c.q)), i, j) for (i, j), c in poly.terms()]
        tests.append((terms, _CMP[type(rel)]))
    return lambda vx, vy: all(ok(sum(c * vx**i * vy**j for c, i, j in terms))
                              for terms, ok in tests)


@settings(max_examples=40, deadline=None)
@given(st.lists(relation, min_size=1, max_size=5))
def test_simplified_region_is_the_same_set(rels):
    """Exact equivalence on a rational grid that contains many boundary points of the small
    integer conditions (equations and strict boundaries included)."""
    conds = [_rel(*r) for r in rels]
    if sp.false in conds:
        assert simplify_conditions(conds) == sp.false
        return
    conds = [c for c in conds if c != sp.true] or [sp.true]
    original, simple = _compile(sp.And(*conds)), _compile(simplify_conditions(conds))
    for vx, vy in itertools.product(GRID, GRID):
        assert original(vx, vy) == simple(vx, vy), (conds, simplify_conditions(conds), vx, vy)


@settings(max_examples=40, deadline=None)
@given(st.lists(relation, min_size=1, max_size=4))
def test_never_means_empty(rels):
    """When the answer is 'never', an exact LP-free check finds no point: the vertices of the
    arrangement (intersections of boundary lines) and their neighbourhoods hold none."""
    conds = [_rel(*r) for r in rels]
    if simplify_conditions(conds) != sp.false:
        return
    sols = [(0, 0)]
    lines = [a * x + b * y + c for a, b, c, _ in rels]
    for l1, l2 in itertools.combinations(lines, 2):
        s = sp.solve([l1, l2], [x, y], dict=True)
        if s and x in s[0] and y in s[0]:
            sols.append((s[0][x], s[0][y]))
    eps = sp.Rational(1, 1000)
    for sx, sy in sols:
        for dx, dy in itertools.product((-eps, 0, eps), repeat=2):
            assert not all(bool(c.subs({x: sx + dx, y: sy + dy})) for c in conds)


def test_transboundary_symbolic_example_reads_as_equations(tmp_path):
    out = subprocess.run([sys.executable, "-m", "govgames", "solve",
                          "games/examples/transboundary_symbolic.json"],
                         capture_output=True, text=True, check=True).stdout
    assert "c = 4*s" in out
    assert "&" not in out and "False" not in out and "True" not in out
    js = json.loads(subprocess.run([sys.executable, "-m", "govgames", "solve", "--json",
                                    "games/examples/transboundary_symbolic.json"],
                                   capture_output=True, text=True, check=True).stdout)
    rows = {tuple(r["profile"]): r for r in js["conditions"]}
    assert rows[("Abate", "Pollute")] == {"profile": ["Abate", "Pollute"], "weak": "c = 4*s",
                                          "strict": "never"}


def test_domain_words_round_trip():
    obj = {"type": "normal_form", "players": ["A", "B"], "strategies": [["C", "D"], ["C", "D"]],
           "parameters": {"t": "nonnegative", "b": "positive", "c": None},
           "payoffs": {"A": [["b - c + t", "-c"], ["b", "0"]], "B": [["b - c - t", "b"], ["-c", "0"]]}}
    g = game_from_json(obj)
    names = {s.name: s for s in g.parameters}
    assert names["t"].is_nonnegative and names["b"].is_positive and names["c"].is_positive is None
    assert game_to_json(g)["parameters"] == {"b": "positive", "c": None, "t": "nonnegative"}
    rep = {tuple(r["profile"]): r for r in symbolic_report(g)["profiles"]}
    assert rep[("D", "D")]["weak"] == "c >= 0"  # c may be any real number
    # A needs t >= c, B needs c + t <= 0; with t >= 0 the second implies the first
    assert rep[("C", "C")]["weak"] == "c + t <= 0"


def test_conditions_region_and_latex():
    t = sp.Symbol("t", nonnegative=True)
    from govgames.games import NormalFormGame
    g = NormalFormGame([[[2 - t, 0], [0, 1]], [[t - 2, 0], [0, 1]]])
    cond = equilibrium_conditions(g, (0, 0))
    assert cond.region == sp.Eq(t, 2)
    assert "t = 2" in str(cond)
    assert cond._repr_latex_() == "$t = 2$"


def test_solve_json_keeps_exact_rationals():
    js = json.loads(subprocess.run([sys.executable, "-m", "govgames", "solve", "--json",
                                    "games/examples/battle_of_sexes.nfg"],
                                   capture_output=True, text=True, check=True).stdout)
    mixed = [e for e in js["equilibria"] if "2/3" in e["profile_exact"][0]]
    assert len(mixed) == 1
    assert mixed[0]["profile_exact"] == [["2/3", "1/3"], ["1/3", "2/3"]]
    assert mixed[0]["payoffs_exact"] == ["2/3", "2/3"]
    assert mixed[0]["profile"][0][0] == pytest.approx(2 / 3)


_coef = st.integers(-3, 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_coef, _coef, _coef, _coef), max_size=5),
       st.tuples(_coef, _coef, _coef, _coef))
def test_exact_linear_programs_agree_with_highs(rows, obj):
    """The exact LP behind the simplification (``max obj`` s.t. ``row >= 0`` over free reals)
    against HiGHS in floating point: same status, same optimum. sympy's ``lpmax`` on relationals
    (used before) reported an optimum of -25/12 for an infeasible system of five rows."""
    import numpy as np
    from scipy.optimize import linprog

    from govgames.games.regions import _lp_max

    x = sp.symbols("x y z", real=True)

    def expr(r):
        return sum(k * v for k, v in zip(r[:3], x)) + r[3]

    exact = _lp_max(expr(obj), [expr(r) for r in rows])
    if not any(obj[:3]) and not rows:
        assert exact == obj[3]
        return
    a_ub = -np.array([r[:3] for r in rows], dtype=float).reshape(-1, 3)
    b_ub = np.array([r[3] for r in rows], dtype=float)
    res = linprog([-k for k in obj[:3]], A_ub=a_ub if rows else None,
                  b_ub=b_ub if rows else None, bounds=[(None, None)] * 3, method="highs")
    if res.status == 2:
        assert exact is None
    elif res.status == 3:
        assert exact == sp.oo
    else:
        assert exact is not None and exact != sp.oo
        assert abs(float(exact) - (-res.fun + obj[3])) < 1e-9


def test_an_infeasible_system_that_sympys_lpmax_called_feasible():
    from govgames.games.regions import _lp_max

    x, y, z = sp.symbols("x y z", real=True)
    rows = [3*x + 2*y + 2*z - 1, -3*x + 2*z + 1, -3*x + 3*y - 2*z + 1, 3*x - z, 2*x - 3*y - 3]
    assert _lp_max(2*y + 2*z + 2, rows) is None

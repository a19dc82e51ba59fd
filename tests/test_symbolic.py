"""Symbolic conditions, thresholds and parameter maps against numeric, point-by-point checks."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings, strategies as st

from govgames.games import FreeParametersError, InputError, NormalFormGame, dilemmas, mechanisms
from govgames.games.pure import pure_nash_equilibria
from govgames.games.symbolic import (equilibrium_conditions, parameter_map, plot_parameter_map,
                            symbolic_report, threshold)


def brute_pure(game, tol=1e-9):
    P = game.numeric_payoffs()
    out = set()
    for prof in itertools.product(*(range(a) for a in game.shape)):
        if all(P[(i,) + prof] >= P[(i,) + prof[:i] + (s,) + prof[i + 1:]] - tol * max(1, abs(P[(i,) + prof]))
               for i in range(game.n_players) for s in range(game.shape[i])):
            out.add(game.profile_names(prof))
    return out


def bisect(pred, lo, hi, iters=60):
    """Smallest x in [lo, hi] with pred(x) True, for a monotone predicate False..True."""
    assert not pred(lo) and pred(hi)
    for _ in range(iters):
        mid = (lo + hi) / 2
        if pred(mid):
            hi = mid
        else:
            lo = mid
    return hi


# ---------------------------------------------------------------------- conditions
def test_conditions_weak_strict_and_deviations():
    g = dilemmas.transboundary_externality()
    b, c = sp.symbols("b c", positive=True)
    weak = equilibrium_conditions(g, ("Abate", "Abate"))
    strict = equilibrium_conditions(g, ("Abate", "Abate"), strict=True)
    assert list(weak) == [sp.Ge(b, c)]
    assert list(strict) == [sp.Gt(b, c)]
    assert len(weak.deviations) == 2  # one per player and alternative strategy
    assert "weak Nash equilibrium iff" in str(weak)


def test_conditions_always_and_never():
    b, c = sp.symbols("b c", positive=True)
    g = NormalFormGame([[[b, 0], [0, -c]], [[b, 0], [0, -c]]])
    assert equilibrium_conditions(g, (0, 0)).holds == sp.true
    assert equilibrium_conditions(g, (1, 1)).holds == sp.false
    assert "never" in str(equilibrium_conditions(g, (1, 1)))


def test_conditions_of_numeric_game_match_solver():
    g = dilemmas.stag_hunt(4, 3, 2, 0)
    for prof in g.pure_profiles():
        names = g.profile_names(prof)
        held = equilibrium_conditions(g, names).holds == sp.true
        assert held == (names in brute_pure(g))


# ---------------------------------------------------------------------- thresholds
def test_threshold_bounds_and_strictness():
    x, a = sp.symbols("x a", positive=True)
    th = threshold([x >= 2, x > a, x <= 5, a < 3], x)
    assert th.lower == sp.Max(2, a) and th.upper == 5
    assert th.other == [a < 3]
    assert th.contains(4, a=1) and not th.contains(6, a=1) and not th.contains(1.5, a=1)
    th2 = threshold([x > 2, x >= 2], x)
    assert th2.lower == 2 and th2.lower_strict
    with pytest.raises(InputError):
        threshold([sp.Eq(x, 2)], x)
    with pytest.raises(InputError):
        threshold([x >= 2], "y")


def test_threshold_undetermined_sign_is_reported():
    x, a = sp.symbols("x a", real=True)
    th = threshold([a * x >= 1], x)
    assert th.undetermined == [a * x >= 1]
    assert th.lower == -sp.oo


def test_threshold_nonlinear_univariate():
    x = sp.Symbol("x")
    th = threshold([x**2 <= 4], x)
    assert (th.lower, th.upper) == (-2, 2)


@pytest.mark.parametrize("b,c,s", [(1, 3, 4), (2, 2.5, 1), (0.5, 7, 20)])
def test_compensation_threshold_agrees_with_bisection(b, c, s):
    g = dilemmas.upstream_downstream(t=None)
    th = threshold(equilibrium_conditions(g, ("Abate", "Pollute")), "t")
    syms = {p.name: p for p in g.parameters}
    exact = float(th.lower.subs({syms["b"]: b, syms["c"]: c}))
    num = dilemmas.upstream_downstream(b=b, c=c, s=s, t=None)
    found = bisect(lambda t: ("Abate", "Pollute") in brute_pure(num.subs(t=sp.Float(t, 30))), 0, 50)
    assert found == pytest.approx(exact, abs=1e-7)


@pytest.mark.parametrize("V,a,h,e,n", [(10, 1, 1, 2, 2), (3, 2, 5, 0.5, 3), (8, 1, 2, 1, 4)])
def test_weight_threshold_agrees_with_bisection(V, a, h, e, n):
    g = dilemmas.promotion_tournament(n, V=V, a=a, h=h, e=e)
    coop = ("Cooperate",) * n
    th = threshold(equilibrium_conditions(g, coop), "w")
    found = bisect(lambda w: coop in brute_pure(g.subs(w=sp.Float(w, 30))), 0, 1)
    assert found == pytest.approx(float(th.lower), abs=1e-7)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 10), st.integers(1, 10), st.integers(1, 10), st.integers(1, 9))
def test_audit_threshold_agrees_with_bisection(b, c, f, g10):
    # preempted: comply iff g + q f >= c - b  -> q* = (c - b - g) / f when in (0, 1)
    g = g10 / 3
    game = dilemmas.central_intervention(b=b, c=c + b + g, s=1, f=f, g=g, mode="preempted")
    th = threshold(equilibrium_conditions(game, ("Comply", "Comply")), "q")
    exact = float(th.lower)
    assert exact == pytest.approx(c / f)
    if exact < 1:
        found = bisect(lambda q: ("Comply", "Comply") in brute_pure(game.subs(q=sp.Float(q, 30))),
                       0.0, 1.0)
        assert found == pytest.approx(exact, abs=1e-6)


# ---------------------------------------------------------------------- parameter maps
def test_parameter_map_agrees_with_pointwise_solver_2d():
    g = dilemmas.central_intervention(s=0.5, g=0.5, k=0.2)  # b, c, q, f free
    qs = np.linspace(0.0, 1.0, 41)
    fs = np.linspace(0.0, 12.0, 37)
    m = parameter_map(g, {"q": qs, "f": fs}, fixed={"b": 1, "c": 4})
    assert m.labels.shape == (41, 37)
    assert m.equilibria.shape == (9, 41, 37)
    rng = np.random.default_rng(0)
    fixed = g.subs(b=1, c=4)
    for i, j in zip(rng.integers(0, 41, 60), rng.integers(0, 37, 60)):
        point = fixed.subs(q=sp.Float(qs[i], 30), f=sp.Float(fs[j], 30))
        solver = {e.pure_profile for e in pure_nash_equilibria(point)}
        assert set(m.equilibria_at(i, j)) == solver == brute_pure(point)
        assert {p for k, p in enumerate(m.profiles) if m.equilibria[k, i, j]} == solver
    names = m.region_names()
    assert "(Symbolic, Symbolic)" in names and "(Collaborate, Collaborate)" in names
    assert sum(m.shares().values()) == pytest.approx(1.0)
    assert "parameter map over q" in str(m)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=8, max_size=8),
       st.lists(st.integers(-3, 3), min_size=8, max_size=8))
def test_parameter_map_random_linear_games(const, slope):
    assume(any(slope))
    t = sp.Symbol("t")
    P = np.array([c + s * t for c, s in zip(const, slope)], dtype=object).reshape(2, 2, 2)
    g = NormalFormGame(P)
    ts = np.linspace(-3, 3, 25) + 0.0123  # avoid exact ties at integers
    m = parameter_map(g, {t: ts})
    for k, tv in enumerate(ts):
        assert set(m.equilibria_at(k)) == brute_pure(g.subs(t=sp.Float(tv, 30)))


def test_parameter_map_constant_payoffs_and_anonymous_mechanism():
    # entries without the parameter broadcast; works after mechanisms too
    t = sp.Symbol("t", nonnegative=True)
    g = mechanisms.transfer(dilemmas.prisoners_dilemma(5, 3, 1, 0), "A", "B", t)
    m = parameter_map(g, {"t": np.linspace(0, 10, 11)})
    assert m.region_names() == ["(Defect, Defect)"]


def test_parameter_map_errors():
    g = dilemmas.transboundary_externality()
    with pytest.raises(FreeParametersError):
        parameter_map(g, {"b": np.linspace(0, 1, 5)})
    with pytest.raises(InputError, match="not a parameter"):
        parameter_map(g, {"zz": [1, 2]}, fixed={"b": 1, "c": 1, "s": 1})
    with pytest.raises(InputError, match="both on the grid and fixed"):
        parameter_map(g, {"b": [1, 2]}, fixed={"b": 1, "c": 1, "s": 1})
    with pytest.raises(InputError, match="1-D"):
        parameter_map(g, {"b": [[1, 2]]}, fixed={"c": 1, "s": 1})
    with pytest.raises(InputError):
        parameter_map(g, {"b": [1], "c": [1], "s": [1]})
    h = NormalFormGame([[[1 / sp.Symbol("x")]], [[0]]])
    with pytest.raises(InputError, match="not finite"):
        parameter_map(h, {"x": [0.0, 1.0]})


def test_plot_parameter_map_1d_and_2d():
    g = dilemmas.transboundary_externality(s=1)
    m2 = parameter_map(g, {"b": np.linspace(0.1, 3, 30), "c": np.linspace(0.1, 3, 20)})
    ax = plot_parameter_map(m2)
    assert ax.get_xlabel() == "b" and ax.get_ylabel() == "c"
    m1 = parameter_map(g, {"b": np.linspace(0.1, 3, 30)}, fixed={"c": 1})
    fig, ax1 = plt.subplots()
    assert plot_parameter_map(m1, ax=ax1) is ax1
    plt.close("all")


# ---------------------------------------------------------------------- report
def test_symbolic_report_shape():
    g = dilemmas.upstream_downstream(t=None)
    rep = symbolic_report(g)
    assert rep["parameters"] == ["b", "c", "s", "t"]
    assert len(rep["profiles"]) == 4
    for row in rep["profiles"]:
        assert set(row) == {"profile", "weak", "strict"}
        assert isinstance(row["weak"], str) and isinstance(row["strict"], str)
        assert len(row["profile"]) == 2
    ap = rep["profiles"][1]
    assert ap["profile"] == ["Abate", "Pollute"]
    assert "b + t >= c" in ap["weak"] and "c >= b" in ap["weak"]
    with pytest.raises(InputError):
        symbolic_report(dilemmas.public_goods(3))


def test_anonymous_conditions():
    g = dilemmas.volunteers_dilemma(5)
    b, c = sp.symbols("b c", positive=True)
    one = equilibrium_conditions(g, 1)
    assert one.holds == sp.Ge(b, c)  # the volunteer keeps b - c >= 0; the others b >= b - c
    assert equilibrium_conditions(g, 0).holds == sp.Ge(c, b)
    with pytest.raises(InputError):
        equilibrium_conditions(g, 6)


def test_cli_solve_prints_conditions_of_a_parametric_file(tmp_path, capsys):
    """Item 5 of the issue: a JSON game with free parameters is solved symbolically."""
    import json

    from govgames.analyses.cli import main

    path = tmp_path / "river.json"
    path.write_text(json.dumps({
        "type": "normal_form", "players": ["Upstream", "Downstream"],
        "strategies": [["Abate", "Pollute"], ["Stay"]],
        "parameters": {"b": 1, "c": None, "t": None},
        "payoffs": {"Upstream": [["b - c + t"], ["0"]], "Downstream": [["3 - t"], ["0"]]}}))
    assert main(["solve", str(path), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["parameters"] == ["c", "t"]
    rows = {tuple(r["profile"]): r for r in obj["conditions"]}
    # by hand: Abate iff 1 - c + t >= 0, i.e. t + 1 >= c; Pollute iff c >= t + 1
    assert rows[("Abate", "Stay")]["weak"] == "t + 1 >= c"
    assert rows[("Pollute", "Stay")]["strict"] == "c > t + 1"


@settings(max_examples=40, deadline=None)
@given(st.integers(-9, 9).filter(lambda a: a != 0), st.integers(-20, 20), st.booleans())
def test_threshold_of_random_linear_condition_matches_bisection(a, b, strict):
    x = sp.Symbol("x")
    cond = (a * x + b > 0) if strict else (a * x + b >= 0)
    th = threshold([cond], x)
    bound = -b / a
    if a > 0:
        assert th.lower == sp.Rational(-b, a) and th.upper == sp.oo and th.lower_strict == strict
        found = bisect(lambda v: bool(cond.subs(x, v)), -100.0, 100.0)
    else:
        assert th.upper == sp.Rational(-b, a) and th.lower == -sp.oo and th.upper_strict == strict
        found = -bisect(lambda v: bool(cond.subs(x, -v)), -100.0, 100.0)
    assert found == pytest.approx(bound, abs=1e-9)
    assert th.contains(bound) == (not strict)


def test_parameter_map_legend_is_kept_in_a_saved_figure_and_names_thin_regions(tmp_path):
    """A plain savefig keeps the legend (it sits outside the axes); regions that are only a
    boundary line are called so instead of looking like a 0% area."""

    t = sp.Symbol("t")
    g = NormalFormGame([[[t - 2], [0]], [[4 - t], [0]]], strategies=[["Abate", "Pollute"], ["Stay"]])
    ax = plot_parameter_map(parameter_map(g, {"t": np.linspace(0, 4, 41)}))
    fig = ax.figure
    fig.savefig(tmp_path / "map.png")
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    width, height = fig.canvas.get_width_height()
    assert legend.x1 <= width and legend.y1 <= height and legend.x0 >= 0
    labels = [txt.get_text() for txt in ax.get_legend().get_texts()]
    assert any("% of the map" in s for s in labels)
    assert all("0% of the map" != s[-13:] for s in labels)
    plt.close("all")

"""Defects found by the fresh-user QA of round 25 (games with continuous choices: payoffs with
jumps, payoff functions that raise, unbounded payoffs, corner equilibria and continua with
method "exact"; the sweep command's START:STOP:NUM grids)."""

import warnings

import pytest
import sympy as sp

from govgames.games.continuous import (ContinuousGame, cournot, nash_equilibria,
                                       symmetric_equilibria)
from govgames.games.errors import InputError

q1, q2 = sp.symbols("q1 q2", real=True)


# --------------------------------------------------------------------------- continuous games
def test_heaviside_payoff_is_solved_not_a_name_error():
    """The gradient of a Heaviside payoff holds DiracDelta, which numpy's lambdify does not
    know: every solve raised NameError."""
    half = sp.Rational(1, 2)
    g = ContinuousGame([sp.Heaviside(q1 - half) - q1 / 10, sp.Heaviside(q2 - half) - q2 / 10],
                       [(0, 1), (0, 1)], variables=[q1, q2])
    res = nash_equilibria(g)
    assert res.method == "auto: iteration" and len(res) == 1
    assert res[0].flat() == pytest.approx([0.5, 0.5])
    jump = ContinuousGame([sp.Heaviside(q1 - q2) - q1 / 2, sp.Heaviside(q2 - q1) - q2 / 2],
                          [(0, 1), (0, 1)], variables=[q1, q2])
    assert not nash_equilibria(jump).found  # no best response exists: none found, no error


@pytest.mark.parametrize("error", [ZeroDivisionError, KeyError, RuntimeError])
def test_payoff_function_that_raises_is_one_input_error(error):
    """Only TypeError and ValueError were turned into the one-line InputError."""
    def payoffs(a, b):
        raise error("boom")

    with pytest.raises(InputError, match=f"failed at the midpoint.*{error.__name__}"):
        ContinuousGame(payoffs, [(0, 10), (0, 10)])


def test_unbounded_payoff_gives_no_warnings():
    """The certificate's bounded Brent search overflowed on a payoff unbounded above and
    printed thousands of RuntimeWarnings."""
    g = ContinuousGame([q1, q2], [(0, None), (0, None)], variables=[q1, q2])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = nash_equilibria(g, starts=2)
    assert not res.found


def test_exact_method_finds_corner_equilibria():
    """method="exact" solved the interior first-order conditions only, and then reported no
    equilibrium although one firm at zero output is one."""
    res = nash_equilibria(cournot(2, a=10, b=1, c=[1, 9]), method="exact")
    assert [e.exact_profile for e in res] == [((sp.Rational(9, 2),), (0,))]
    convex = ContinuousGame([q1 ** 2 - q1 * q2, q2 ** 2], [(0, 1), (0, 1)], variables=[q1, q2])
    res = nash_equilibria(convex, method="exact")
    assert sorted(tuple(e.flat()) for e in res) == [(0.0, 1.0), (1.0, 1.0)]
    res = nash_equilibria(cournot(3, a=20, b=1, c=[2, 4, 19]), method="exact")
    assert [e.exact_profile for e in res] == [((sp.Rational(20, 3),), (sp.Rational(14, 3),),
                                               (0,))]


def test_exact_method_with_many_corner_patterns_stays_fast():
    """More than 27 interior/corner patterns: the corners come from the numerical search made
    exact (one sympy solve per pattern took 30 s at six firms)."""
    res = nash_equilibria(cournot(6, a=100, b=1, c=[1, 2, 3, 4, 5, 95]), method="exact")
    assert len(res) == 1 and res[0].exact_profile[-1] == (0,)
    assert any("more than 27" in n for n in res.notes)


def test_continuum_of_equilibria_is_said():
    """A continuum of equilibria (contributions to a public good) was listed as a few points
    ("1 equilibrium" with method exact) without a word."""
    x1, x2 = sp.symbols("x1 x2", real=True)
    total = x1 + x2
    g = ContinuousGame([10 - x1 + 3 * total - total ** 2 / 2,
                        10 - x2 + 3 * total - total ** 2 / 2],
                       [(0, 10), (0, 10)], variables=[x1, x2])
    for method in ("auto", "exact"):
        res = nash_equilibria(g, method=method)
        assert any("continuum" in n and "x1 = 2 - x2" in n for n in res.notes), method
    flat = ContinuousGame([3, 4], [(0, 1), (0, 1)], variables=[q1, q2])
    assert any("continuum" in n and "every profile" in n
               for n in nash_equilibria(flat, method="exact").notes)
    # an isolated equilibrium gets no such note
    assert not any("continuum" in n for n in nash_equilibria(cournot(2, a=10, b=1, c=1)).notes)


def test_symbolic_bounds_are_assumed_non_empty():
    """With intervals [0, a] and a free, the symbolic solver listed q1 = q2 = 0 and q1 = q2 = a
    'when a <= 0', where the intervals are empty for a < 0."""
    a = sp.Symbol("a", real=True)
    g = ContinuousGame([q1 * (a - q1 - q2), q2 * (a - q1 - q2)], [(0, a), (0, a)],
                       variables=[q1, q2])
    res = nash_equilibria(g)
    conds = {tuple(str(c) for c in e.conditions) for e in res}
    assert ("a >= 0",) in conds
    assert not any("a <= 0" in c for cs in conds for c in cs)


def test_continuous_doc_example_exact_profile():
    """docs/continuous.md showed .exact_profile as one tuple; it is one per player."""
    prof = symmetric_equilibria(cournot())[0].exact_profile[0]
    a, b, c, n = sp.symbols("a b c n")
    assert len(prof) == 1 and str(prof[0]) == "(a - c)/(b*(n + 1))"


# --------------------------------------------------------------------------- sweep command
@pytest.mark.parametrize("grid, message", [
    ("T=4:5:2.5", "NUM in START:STOP:NUM must be an integer, got '2.5'"),
    ("T=4:5", "neither V1,V2,... nor START:STOP:NUM"),
    ("T=4:5:6:7", "neither V1,V2,... nor START:STOP:NUM"),
])
def test_sweep_range_errors_name_the_range(grid, message, capsys):
    """A non-integer NUM was reported as "parameter 'T': '2.5' is not an integer", and 4:5 as
    "'4:5' is not a number"."""
    from govgames.analyses.cli import main

    assert main(["analyses", "sweep", "trust", "--grid", grid]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


# --------------------------------------------------------------------------- game files
@pytest.mark.parametrize("obj, hint", [
    ({"players": ["A"], "root": {"payoffs": [1]}}, '"type": "tree"'),
    ({"players": ["A", "B"], "variables": ["q1", "q2"], "intervals": [[0, 1], [0, 1]],
      "payoffs": {"A": "q1", "B": "q2"}}, '"type": "continuous"'),
])
def test_json_file_without_type_gets_a_hint(obj, hint, tmp_path, capsys):
    """A tree or continuous game file without "type" was read as a normal-form game and got
    only "root: unknown key (allowed: ...)"."""
    import json

    from govgames.analyses.cli import main

    path = tmp_path / "game.json"
    path.write_text(json.dumps(obj))
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err
    assert hint in err and err.count("\n") == 1


def test_undefined_payoff_at_the_closest_candidate_prints(tmp_path, capsys):
    """A payoff 1/(q1 - q2) is complex infinity (zoo) at the closest candidate q1 = q2: the
    text output crashed with "Cannot convert complex to float" (exit 1) and --json said "an
    overflow: the input values are too large"."""
    import json

    from govgames.analyses.cli import main

    path = tmp_path / "g.json"
    path.write_text(json.dumps({
        "type": "continuous", "players": ["A", "B"], "variables": ["q1", "q2"],
        "intervals": [[0, 1], [0, 1]], "payoffs": {"A": "1/(q1 - q2)", "B": "-q2**2"}}))
    assert main(["solve", str(path)]) == 0
    assert "no pure equilibrium found" in capsys.readouterr().out
    assert main(["solve", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["equilibria"] == [] and out["closest"]["payoffs_exact"][0] == "zoo"
    assert out["closest"]["payoffs"][0] is None


# --------------------------------------------------------------------------- coalitional games
@pytest.mark.parametrize("values, message", [
    (lambda coalition: 1.0, "pass it as value_function="),
    ({"a": 1}, "values must be numbers"),
    ("abc", "values must be numbers"),
])
def test_coalitional_game_values_of_the_wrong_kind(values, message):
    """A value function passed positionally (as values) gave a raw TypeError from numpy."""
    from govgames.networks import CoalitionalGame

    with pytest.raises(InputError, match=message):
        CoalitionalGame(["a", "b"], values)
    if callable(values):  # also at a size whose table would not fit
        with pytest.raises(InputError, match="value_function="):
            CoalitionalGame([f"p{i}" for i in range(60)], values)


# --------------------------------------------------------------------------- case-study CSVs
def test_unreadable_csv_is_named(tmp_path, monkeypatch):
    """A CSV the kernel refuses to read (/proc/self/mem: EIO) gave "error: [Errno 5]
    Input/output error" without the file; a permission error likewise."""
    import builtins
    import os

    from govgames.analyses.base import read_csv_checked

    path = tmp_path / "cities.csv"
    path.write_text("city,gdp\nA,1\n")
    real_open = builtins.open

    def failing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise OSError(5, os.strerror(5))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(InputError, match=r"city table cities\.csv: cannot read .*cities\.csv"):
        read_csv_checked(path, {"city": str, "gdp": float}, what="city table")

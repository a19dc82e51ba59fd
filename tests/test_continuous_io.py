"""`continuous` game files (read through the whitelist parser) and `govgames solve` on them."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from govgames import games
from govgames.analyses.cli import main
from govgames.games import InputError
from govgames.games.continuous import ContinuousGame, nash_equilibria
from govgames.games.continuous.io import continuous_from_json
from govgames.games.io import read_game

EXAMPLES = Path(games.__file__).parent / "examples"


def run(capsys, *argv):
    code = main(["solve", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def base():
    return json.loads((EXAMPLES / "cournot_duopoly.json").read_text())


def test_read_game_dispatches_continuous_files():
    g = read_game(EXAMPLES / "cournot_duopoly.json")
    assert isinstance(g, ContinuousGame)
    assert nash_equilibria(g)[0].exact_profile == ((3,), (3,))


def test_grant_contest_matches_hillman_riley():
    # asymmetric Tullock contest, all active: X = (m - 1) / sum(1/v), x_i = X (1 - X / v_i)
    g = read_game(EXAMPLES / "grant_contest.json")
    v = np.array([12, 12, 8], dtype=float)
    X = 2 / np.sum(1 / v)
    res = nash_equilibria(g)
    assert len(res) == 1 and res[0].certified
    assert np.allclose(res[0].flat(), X * (1 - X / v), atol=1e-9)


def test_free_parameters_stay_symbolic():
    obj = base()
    obj["parameters"]["c1"] = None
    g = continuous_from_json(obj)
    assert [p.name for p in g.parameters] == ["c1"]
    res = nash_equilibria(g)
    e = res[0]
    c1 = sp.Symbol("c1", real=True)  # a free parameter may have either sign
    assert sp.simplify(e.exact_profile[0][0] - (10 - 2 * c1 + 1) / 3) == 0  # (a - 2 c1 + c2) / (3 b)
    # every interior value carries both of its bounds, and the corners are listed
    assert e.status == (("interior",), ("interior",))
    holds = sp.And(*e.conditions)
    assert holds.subs(c1, 2) == sp.true and holds.subs(c1, -3) == sp.true
    assert holds.subs(c1, 6) == sp.false and holds.subs(c1, -9) == sp.false  # q1 < 0, q2 < 0


@pytest.mark.parametrize("edit,match", [
    (lambda o: o["payoffs"].update({"Firm 2": "q1 + z"}), r"payoffs.Firm 2: unknown name 'z'"),
    (lambda o: o["payoffs"].update({"Firm 2": "exec('1')"}), "only arithmetic"),
    (lambda o: o["payoffs"].pop("Firm 2"), "no payoff for player 'Firm 2'"),
    (lambda o: o.update({"intervals": [[0, 1], [2, 1]]}), r"empty interval for player 'Firm 2'"),
    (lambda o: o.update({"variables": ["q1", "a"]}), "'a' is also a parameter"),
    (lambda o: o.update({"variables": ["q1"]}), "one entry per player"),
    (lambda o: o.update({"extra": 1}), "extra: unknown key"),
    (lambda o: o.update({"intervals": [[0], [0, 1]]}), r"intervals\[0\].*expected \[lower, upper\]"),
])
def test_bad_files(edit, match):
    obj = base()
    edit(obj)
    with pytest.raises(InputError, match=match):
        continuous_from_json(obj, source="bad.json")


def test_cli_solve_text_and_json(capsys):
    code, out, err = run(capsys, EXAMPLES / "cournot_duopoly.json")
    assert code == 0 and "Firm 1: q1 = 3; Firm 2: q2 = 3" in out and "certified" in out
    code, out, err = run(capsys, EXAMPLES / "grant_contest.json", "--json")
    data = json.loads(out)
    assert code == 0 and data["type"] == "continuous" and len(data["equilibria"]) == 1
    assert data["equilibria"][0]["certificate"]["holds"] is True


def test_cli_symbolic_prints_conditions(tmp_path, capsys):
    obj = base()
    obj["parameters"].update({"c1": None, "c2": None})
    path = tmp_path / "g.json"
    path.write_text(json.dumps(obj))
    code, out, err = run(capsys, path)
    assert code == 0 and "free parameters: c1, c2" in out and "when" in out


def test_cli_bad_input_exits_2(tmp_path, capsys):
    obj = base()
    obj["intervals"] = [[0, 1], [3, 1]]
    path = tmp_path / "g.json"
    path.write_text(json.dumps(obj))
    code, out, err = run(capsys, path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "empty interval" in err
    code, out, err = run(capsys, EXAMPLES / "cournot_duopoly.json", "--method", "vertex")
    assert code == 2 and "for normal-form games" in err
    code, out, err = run(capsys, EXAMPLES / "prisoners_dilemma.nfg", "--method", "numeric")
    assert code == 2 and "for continuous games" in err


def test_cli_no_equilibrium_is_explicit(tmp_path, capsys):
    obj = {"type": "continuous", "players": ["A", "B"], "variables": ["x", "y"],
           "intervals": [[0, 1], [0, 1]],
           "payoffs": {"A": "x**3/(x**3 + y**3) - x", "B": "y**3/(x**3 + y**3) - y"}}
    path = tmp_path / "g.json"
    path.write_text(json.dumps(obj))
    code, out, err = run(capsys, path, "--json")
    data = json.loads(out)
    assert code == 0 and data["equilibria"] == [] and data["closest"]["certificate"]["holds"] is False


def test_interval_error_names_the_bad_bound():
    obj = base()
    obj["intervals"][0] = [0, "1e999999999"]
    with pytest.raises(InputError, match=r"intervals\[0\] \(player '[^']+'\)\[1\]"):
        continuous_from_json(obj, "f.json")
    obj = base()
    obj["intervals"][0] = ["1e999999999", 5]
    with pytest.raises(InputError, match=r"intervals\[0\] \(player '[^']+'\)\[0\]"):
        continuous_from_json(obj, "f.json")


def _free_q_game(payoffs, players=("A", "B"), variables=("x", "y")):
    return continuous_from_json({
        "type": "continuous", "players": list(players), "variables": list(variables),
        "intervals": [[0, 10]] * len(players), "parameters": {"q": None},
        "payoffs": dict(zip(players, payoffs))})


@pytest.mark.parametrize("method", ["auto", "exact"])
def test_free_parameter_answers_carry_all_conditions_and_corners(method):
    g = _free_q_game(["x*(q-x-y)", "y*(q-x-y)"])
    res = nash_equilibria(g, method=method)
    q = g.parameters[0]
    for qv in (-3, 0, 5, 30, 40):
        holding = {e.exact_profile for e in res
                   if sp.And(*e.conditions).subs(q, qv) == sp.true}
        holding = {tuple(tuple(sp.simplify(v.subs(q, qv)) for v in p) for p in prof)
                   for prof in holding}
        num = nash_equilibria(g.subs(q=qv))
        assert holding == {e.exact_profile for e in num}, qv
        for prof in holding:  # never outside the interval
            assert all(0 <= v <= 10 for p in prof for v in p)


def test_linear_payoff_with_free_sign_is_piecewise(capsys):
    g = _free_q_game(["q*x"], players=("A",), variables=("x",))
    res = nash_equilibria(g, method="exact")
    q = g.parameters[0]
    got = {e.exact_profile[0][0]: sp.And(*e.conditions) for e in res}
    assert set(got) == {0, 10}
    assert got[10].subs(q, 1) == sp.true and got[10].subs(q, -1) == sp.false
    assert got[0].subs(q, -1) == sp.true and got[0].subs(q, 1) == sp.false
    assert any("continuum" in n and "q" in n for n in res.notes)  # any x when q = 0
    auto = nash_equilibria(g)
    assert {e.exact_profile[0][0] for e in auto} == {0, 10}
    assert any("continuum" in n and "q = 0" in n for n in auto.notes)


def test_exact_method_solves_the_grant_contest(capsys):
    code, out, err = run(capsys, "--method", "exact", EXAMPLES / "grant_contest.json")
    assert code == 0 and "144/49" in out and "48/49" in out and "no pure" not in out


def test_payoff_undefined_inside_interval_is_refused(capsys):
    g = _free_q_game(["sqrt(x-1)"], players=("A",), variables=("x",))
    with pytest.raises(InputError, match=r"player 'A' is undefined.*square root of x - 1.*"
                                         r"x in \[0, 10\]"):
        nash_equilibria(g)
    x = sp.Symbol("x", real=True)
    ok = ContinuousGame([sp.sqrt(x) - x], [(0, 4)], variables=[x])  # sqrt(0) is fine
    assert np.allclose(nash_equilibria(ok)[0].flat(), [0.25], atol=1e-8)
    bad = ContinuousGame([sp.log(x + 1) - x], [(-3, 4)], variables=[x])
    with pytest.raises(InputError, match="logarithm of x \\+ 1 is negative"):
        nash_equilibria(bad)

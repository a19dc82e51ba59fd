"""``govgames solve`` on game trees (.efg and JSON "tree"), and JSON trees through the parser."""

import json
import pathlib
from fractions import Fraction

import pytest
import sympy as sp

import govgames.games as games
from govgames.analyses.cli import main
from govgames.games.errors import InputError
from govgames.games.extensive import backward_induction, tree_from_json, tree_to_json
from govgames.games.io import game_from_json, read_any_game

EXAMPLES = pathlib.Path(games.__file__).parent / "examples"


def run(capsys, *args):
    code = main(["solve", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_solve_efg_text(capsys):
    code, out, err = run(capsys, EXAMPLES / "entry_deterrence.efg")
    assert code == 0 and err == ""
    assert "3 equilibria in behaviour strategies" in out
    assert "Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)" in out
    assert "Entrant: Out; Incumbent: 1/2 Fight + 1/2 Accommodate  (payoffs 0, 2)" in out


def test_solve_efg_subgame_perfect_json(capsys):
    code, out, _ = run(capsys, EXAMPLES / "entry_deterrence.efg", "--method", "subgame-perfect",
                       "--json")
    obj = json.loads(out)
    assert code == 0 and len(obj["equilibria"]) == 1
    assert obj["equilibria"][0]["behaviour"]["Incumbent"]["Incumbent"] == {"Fight": 0.0,
                                                                          "Accommodate": 1.0}


def test_solve_json_tree_backward(capsys):
    code, out, _ = run(capsys, EXAMPLES / "river_bet_tree.json", "--method", "backward")
    assert code == 0
    assert ('Downstream: Sign; Upstream: Abate at "under the bet"; Lax at "no bet"  '
            "(payoffs 14/5, 3/2)") in out


def test_solve_symbolic_tree_reports_conditions(tmp_path, capsys):
    obj = json.loads((EXAMPLES / "river_bet_tree.json").read_text())
    obj["parameters"]["c"] = None
    p = tmp_path / "sym.json"
    p.write_text(json.dumps(obj))
    code, out, _ = run(capsys, p)
    assert code == 0 and "Free parameters: c" in out


def test_solve_tree_bad_method_one_line(capsys):
    code, _, err = run(capsys, EXAMPLES / "entry_deterrence.efg", "--method", "vertex")
    assert code == 2 and "method 'vertex' is for normal-form games" in err
    assert len(err.strip().splitlines()) == 1


def test_solve_tree_unknown_method_is_a_usage_error():
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "govgames", "solve",
                          str(EXAMPLES / "entry_deterrence.efg"), "--method", "magic"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and "invalid choice: 'magic'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_solve_bad_efg_one_line(tmp_path, capsys):
    p = tmp_path / "bad.efg"
    p.write_text('EFG 2 R "x" { "A" }\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0\n')
    code, _, err = run(capsys, p)
    assert code == 2 and "bad.efg: line 2: chance probabilities sum to 5/6" in err
    assert len(err.strip().splitlines()) == 1


def test_json_tree_round_trip_and_symbols():
    obj = json.loads((EXAMPLES / "river_bet_tree.json").read_text())
    g = tree_from_json(obj)
    again = tree_from_json(json.loads(json.dumps(tree_to_json(g))))
    assert again == g
    obj["parameters"]["s"] = None
    sym = tree_from_json(obj)
    assert [p.name for p in sym.parameters] == ["s"]
    assert sym.subs(s=1) == g
    assert tree_from_json(json.loads(json.dumps(tree_to_json(sym)))) == sym


def test_json_tree_never_executes_code():
    obj = {"type": "tree", "players": ["A"], "root": {"player": "A", "moves": {
        "x": {"payoffs": ["__import__('os').system('echo hacked')"]}}}}
    with pytest.raises(InputError, match=r"evil.json: root.moves.x.payoffs\[0\].*only arithmetic"):
        tree_from_json(obj, source="evil.json")


def test_json_tree_errors_name_the_path():
    base = {"type": "tree", "players": ["A", "B"]}
    with pytest.raises(InputError, match=r"t.json: chance node at the node after In: probabilities sum to 1/2"):
        tree_from_json({**base, "root": {"player": "A", "moves": {
            "Out": {"payoffs": [0, 0]},
            "In": {"chance": {"h": "1/4", "t": "1/4"}, "moves": {"h": {"payoffs": [0, 0]},
                                                                  "t": {"payoffs": [0, 0]}}}}}},
                       source="t.json")
    with pytest.raises(InputError, match="t.json: .*information set 'b'.*different actions"):
        tree_from_json({**base, "root": {"player": "A", "moves": {
            "U": {"player": "B", "infoset": "b", "moves": {"l": {"payoffs": [0, 0]}}},
            "D": {"player": "B", "infoset": "b", "moves": {"m": {"payoffs": [0, 0]}}}}}},
                       source="t.json")
    with pytest.raises(InputError, match="read game trees with read_any_game"):
        game_from_json({**base, "type": "tree"})


@pytest.mark.parametrize("name, fmt", [("river_bet_tree.json", "json"),
                                       ("entry_deterrence.efg", "efg")])
def test_solve_tree_from_standard_input(name, fmt):
    import subprocess
    import sys

    text = (EXAMPLES / name).read_text(encoding="utf-8")
    from_stdin = subprocess.run([sys.executable, "-m", "govgames", "solve", "-", "--format", fmt],
                                input=text, capture_output=True, text=True, timeout=120)
    from_file = subprocess.run([sys.executable, "-m", "govgames", "solve", str(EXAMPLES / name)],
                               capture_output=True, text=True, timeout=120)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout

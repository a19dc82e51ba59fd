"""``govgames value``: the coalitional, weighted-voting and network JSON formats, errors exit 2."""

import json

import pytest

from govgames.analyses.cli import main

COALITIONAL = {"type": "coalitional", "players": ["A", "B", "C"],
               "values": {"": 0, "A": 1, "B": 0, "C": 0, "A,B": 3, "A,C": 2, "B,C": 1,
                          "A,B,C": 4}}
VOTING = {"type": "weighted_voting", "players": ["P1", "P2", "P3"], "weights": [4, 2, 1],
          "quota": 5}
NETWORK = {"type": "network", "players": ["A", "B", "C", "D"],
           "edges": [["A", "B", 4], ["B", "C", 2], ["C", "D"]], "game": "linkage",
           "unions": [["A", "B"], ["C", "D"]]}


def run(tmp_path, capsys, data, *args):
    f = tmp_path / "game.json"
    f.write_text(data if isinstance(data, str) else json.dumps(data))
    code = main(["value", str(f), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_shapley_json(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, COALITIONAL, "--solution", "shapley", "--json")
    assert code == 0
    res = json.loads(out)
    assert list(res) == ["players", "solution", "values"]
    assert res["players"] == ["A", "B", "C"] and res["solution"] == "shapley"
    assert res["values"] == pytest.approx({"A": 13 / 6, "B": 7 / 6, "C": 2 / 3})


def test_voting_json_has_exact_shares(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, VOTING, "--solution", "shapley", "--json")
    res = json.loads(out)
    assert res["values_exact"] == {"P1": "2/3", "P2": "1/6", "P3": "1/6"}
    assert res["values"]["P1"] == pytest.approx(2 / 3)


def test_core_json(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, COALITIONAL, "--solution", "core", "--json")
    res = json.loads(out)
    assert code == 0 and list(res) == ["players", "solution", "nonempty",
                                       "least_core_epsilon", "point"]
    assert res["nonempty"] is True and res["least_core_epsilon"] == pytest.approx(-0.5)
    assert sum(res["point"].values()) == pytest.approx(4)
    majority = {"type": "coalitional", "players": ["A", "B", "C"],
                "values": {"A": 0, "B": 0, "C": 0, "A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 1}}
    res = json.loads(run(tmp_path, capsys, majority, "--solution", "core", "--json")[1])
    assert res["nonempty"] is False and res["least_core_epsilon"] == pytest.approx(1 / 3)


def test_weighted_voting(tmp_path, capsys):
    res = json.loads(run(tmp_path, capsys, VOTING, "--solution", "shapley", "--json")[1])
    assert res["values"] == pytest.approx({"P1": 2 / 3, "P2": 1 / 6, "P3": 1 / 6})
    res = json.loads(run(tmp_path, capsys, VOTING, "--solution", "banzhaf", "--json")[1])
    assert res["values"] == pytest.approx({"P1": .75, "P2": .25, "P3": .25})
    res = json.loads(run(tmp_path, capsys, VOTING, "--solution", "nucleolus", "--json")[1])
    assert res["values"] == pytest.approx({"P1": 1, "P2": 0, "P3": 0}, abs=1e-9)


def test_network_myerson_owen(tmp_path, capsys):
    res = json.loads(run(tmp_path, capsys, NETWORK, "--solution", "myerson", "--json")[1])
    assert res["values"] == pytest.approx({"A": 2, "B": 3, "C": 1.5, "D": 0.5})
    res = json.loads(run(tmp_path, capsys, NETWORK, "--solution", "owen", "--json")[1])
    assert res["values"] == pytest.approx({"A": 2, "B": 3, "C": 1.5, "D": 0.5})
    # a general game restricted to a path A-B-C
    net = {"type": "network", "edges": [["A", "B"], ["B", "C"]],
           "game": {"A": 0, "B": 0, "C": 0, "A,B": 1, "A,C": 1, "B,C": 1, "A,B,C": 3}}
    res = json.loads(run(tmp_path, capsys, net, "--solution", "myerson", "--json")[1])
    assert res["values"] == pytest.approx({"A": 5 / 6, "B": 4 / 3, "C": 5 / 6})


def test_large_linkage_network_uses_closed_form(tmp_path, capsys):
    edges = [[f"c{i}", f"c{i + 1}", 2] for i in range(199)]
    res = json.loads(run(tmp_path, capsys, {"type": "network", "edges": edges},
                         "--solution", "shapley", "--json")[1])
    assert res["values"]["c0"] == 1 and res["values"]["c5"] == 2
    code, _, err = run(tmp_path, capsys, {"type": "network", "edges": edges},
                       "--solution", "nucleolus")
    assert code == 2 and "too many" in err and len(err.strip().splitlines()) == 1


def test_text_output(tmp_path, capsys):
    code, out, _ = run(tmp_path, capsys, COALITIONAL, "--solution", "banzhaf")
    assert code == 0 and "banzhaf value" in out and "A" in out


@pytest.mark.parametrize("data, solution, message", [
    ({"type": "coalitional", "players": ["A", "B"], "values": {"A": 1, "B": 1}}, "shapley",
     "coalition 'A,B' is missing"),
    ({"type": "coalitional", "players": ["A", "B"], "values": {"A": 1, "B": 1, "A,X": 2}},
     "shapley", "unknown player 'X'"),
    ({"type": "weighted_voting", "weights": [1, 2], "quota": -3}, "shapley",
     "quota must be positive"),
    ({"type": "weighted_voting", "weights": [1, 2], "quota": 9}, "banzhaf", "exceeds"),
    ("{not json", "shapley", "invalid JSON"),
    ({"type": "matrix"}, "shapley", "\"type\""),
    (COALITIONAL, "owen", "unions"),
    (COALITIONAL, "myerson", "graph"),
    ({**NETWORK, "unions": [["A"], ["B", "C"]]}, "owen", "'D' is in no union"),
    ({"type": "network", "players": ["A"], "edges": [["A", "Q"]]}, "myerson",
     "unknown player 'Q'"),
])
def test_bad_input_exit_2_one_line(tmp_path, capsys, data, solution, message):
    code, out, err = run(tmp_path, capsys, data, "--solution", solution, "--json")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and err.startswith("govgames value: error:")


def test_network_whose_link_weights_overflow_names_the_file(tmp_path, capsys):
    """Two finite weights whose sum is beyond floating point: the builder's error names the file
    (it said only "value of coalition 'A,B,C' is not finite")."""
    data = {"type": "network", "edges": [["A", "B", 1e308], ["B", "C", 1e308]]}
    code, out, err = run(tmp_path, capsys, data, "--solution", "banzhaf", "--json")
    assert code == 2 and out == ""
    assert err.startswith(f"govgames value: error: {tmp_path / 'game.json'}: ")
    assert "not finite" in err and len(err.strip().splitlines()) == 1

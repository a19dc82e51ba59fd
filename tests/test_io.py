"""Game files: Gambit .nfg (payoff and outcome lists) and the JSON normal-form format."""
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames import games
from govgames.games import InputError, NormalFormGame, is_equilibrium_exact
from govgames.games.io import (game_from_json, game_to_json, game_to_nfg, parse_nfg, read_game, read_nfg,
                      write_game, write_nfg)

EXAMPLES = Path(games.__file__).parent / "examples"


def pd():
    return NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], players=["Row", "Column"],
                          strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
                          title="Prisoner's dilemma")


# ---------------------------------------------------------------- bundled examples
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_examples_load(name):
    from govgames.games.io import read_any_game

    g = read_any_game(EXAMPLES / name)
    assert g.n_players >= 2


def test_example_contents():
    assert read_game(EXAMPLES / "prisoners_dilemma.nfg") == pd()
    bos = read_game(EXAMPLES / "battle_of_sexes.nfg")
    assert bos.payoff(("Opera", "Opera")).tolist() == [2, 1]
    assert bos.payoff(("Opera", "Football")).tolist() == [0, 0]  # null outcome 0
    tb = read_game(EXAMPLES / "transboundary.json")
    # the example file: b=4, c=3, s=0.5
    assert tb.payoff(("Abate", "Abate")).tolist() == [3, 3]
    assert tb.payoff(("Abate", "Pollute")).tolist() == [-1, 4]
    sym = read_game(EXAMPLES / "transboundary_symbolic.json")
    assert [p.name for p in sym.parameters] == ["c", "s"]


# ---------------------------------------------------------------- nfg
def test_parse_payoff_form_with_counts_and_order():
    g = parse_nfg('NFG 1 R "t" { "A" "B" } { 3 2 }\n'
                  "1 2 3 4 5 6 7 8 9 10 11 12\n")
    # first player's strategy changes fastest
    assert g.payoff((0, 0)).tolist() == [1, 2]
    assert g.payoff((1, 0)).tolist() == [3, 4]
    assert g.payoff((2, 0)).tolist() == [5, 6]
    assert g.payoff((0, 1)).tolist() == [7, 8]
    assert g.strategies == (("1", "2", "3"), ("1", "2"))
    assert g.title == "t"


def test_parse_outcome_form_three_players_rationals_and_comments():
    text = '''NFG 1 R "three \\"quoted\\" players" { "P1" "P2" "P3" }
{ { "a" "b" } { "c" "d" } { "e" "f" } }
"a comment"
{
{ "o1" 1/3, -2, .5 }
{ "o2" 1e2 0 0 }
}
1 2 0 0 0 0 0 1
'''
    g = parse_nfg(text)
    assert g.title == 'three "quoted" players'
    assert g.exact_payoffs()[0, 0, 0, 0] == Fraction(1, 3)  # kept exact
    assert g.payoff((1, 0, 0)).tolist() == [100, 0, 0]
    assert g.payoff((1, 1, 1)).tolist() == pytest.approx([1 / 3, -2, 0.5])
    assert g.payoff((0, 1, 0)).tolist() == [0, 0, 0]


@pytest.mark.parametrize("form", ["payoff", "outcome"])
def test_nfg_round_trip(tmp_path, form):
    g = NormalFormGame.from_function(lambda p: [p[0] - p[1] * 0.25, p[2] * 3, -p[0] * 1.5],
                                     (3, 2, 2), players=["x", "y", "z"], title="round")
    path = write_nfg(g, tmp_path / "g.nfg", form=form)
    h = read_nfg(path)
    assert h == g
    assert h.title == "round"


def test_nfg_exact_rationals_survive(tmp_path):
    third = sp.Rational(1, 3)
    g = NormalFormGame([[[third, 0], [0, 1]], [[1, 0], [0, 2]]])
    h = read_game(write_game(g, tmp_path / "r.nfg"))
    assert h.exact_payoffs()[0, 0, 0] == Fraction(1, 3)


def test_nfg_refuses_symbolic():
    b = sp.Symbol("b")
    with pytest.raises(InputError, match="free parameters"):
        game_to_nfg(NormalFormGame([[[b]], [[1]]]))


@pytest.mark.parametrize("text, where", [
    ("", "empty"),
    ("EFG 2 R \"x\" { \"A\" }", "line 1: not a Gambit .nfg file"),
    ('NFG 2 R "x" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8', "line 1: unsupported .nfg version"),
    ('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7', "line 2: expected 8 payoffs"),
    ('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8 9', "line 2: expected 8 payoffs"),
    ('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3 foo 5 6 7 8', "line 2: expected a number, got foo"),
    ('NFG 1 R "x" { "A" "B" } { 2 }\n1 2', "line 1: 1 strategy counts for 2 players"),
    ('NFG 1 R "x" { "A" "B" } { 2 0 }\n', "line 1: number of strategies must be a positive"),
    ('NFG 1 R "x" { "A" "B" }\n{ { "a" } { "b" } }\n""\n{ { "" 1, 2 }\n}\n2',
     "line 6: outcome 2 does not exist"),
    ('NFG 1 R "x" { "A" "B" }\n{ { "a" } { "b" } }\n""\n{ { "" 1 }\n}\n1', "line 4: outcome 1 has 1 payoffs"),
    ('NFG 1 R "x" { "A" "B" }\n{ { "a" "b" } { "c" } }\n""\n{ { "" 1 2 }\n}\n1',
     "expected 2 outcome numbers"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n1 2 }', "line 2: unexpected '}'"),
    ('NFG 1 R "unterminated { "A" }', "line 1: "),
    ('NFG 1 R "x" { } { }', "no players"),
    ('NFG 1 R "x" { "A" "B" } { 1 1 }\n1/0 2', "line 2: '1/0' is not a number"),
])
def test_malformed_nfg(tmp_path, text, where):
    path = tmp_path / "bad.nfg"
    path.write_text(text)
    with pytest.raises(InputError) as info:
        read_game(path)
    msg = str(info.value)
    assert str(path) in msg and where in msg
    assert "\n" not in msg


# ---------------------------------------------------------------- JSON
def test_json_round_trip_numeric(tmp_path):
    g = pd()
    h = read_game(write_game(g, tmp_path / "pd.json"))
    assert h == g and h.title == g.title
    assert game_from_json(json.loads(json.dumps(game_to_json(g)))) == g


def test_json_round_trip_symbolic(tmp_path):
    obj = json.loads((EXAMPLES / "transboundary_symbolic.json").read_text())
    g = game_from_json(obj)
    h = read_game(write_game(g, tmp_path / "sym.json"))
    assert h == g
    assert [p.name for p in h.parameters] == ["c", "s"]
    assert h.subs(c=3, s="1/2") == g.subs(c=3, s="1/2")


def test_json_symbolic_functions_round_trip():
    x = sp.Symbol("x", real=True)
    g = NormalFormGame([[[sp.Max(0, x - 1), sp.Min(x, 2) / 3], [sp.exp(x) + sp.sqrt(x), sp.log(x)]],
                        [[x ** 2, sp.Rational(-2, 7)], [sp.E, 1]]])
    obj = json.loads(json.dumps(game_to_json(g)))
    assert game_from_json(obj) == g


def test_json_rationals_exact_and_substitution():
    obj = {"players": ["A", "B"], "strategies": [["x", "y"], ["l", "r"]],
           "parameters": {"p": "1/3"},
           "payoffs": {"A": [["p", 0], [0, "1 - p"]], "B": [["1 - p", 0], [0, "p"]]}}
    g = game_from_json(obj)
    assert not g.is_symbolic
    assert g.exact_payoffs()[0, 0, 0] == Fraction(1, 3)
    # mixed equilibrium of this coordination game, certified exactly
    assert is_equilibrium_exact(g, [["1/3", "2/3"], ["2/3", "1/3"]])
    assert not is_equilibrium_exact(g, [["0.3333", "0.6667"], ["2/3", "1/3"]])


def test_json_payoffs_as_list_in_player_order():
    obj = {"players": ["A", "B"], "strategies": [["x"], ["l", "r"]], "payoffs": [[[1, 2]], [[3, 4]]]}
    assert game_from_json(obj).payoff(("x", "r")).tolist() == [2, 4]


BASE = {"type": "normal_form", "players": ["A", "B"], "strategies": [["x", "y"], ["l", "r"]],
        "parameters": {"b": 2, "c": None},
        "payoffs": {"A": [[1, 2], [3, 4]], "B": [[1, 2], [3, 4]]}}


def mutate(path, value):
    obj = json.loads(json.dumps(BASE))
    node = obj
    for k in path[:-1]:
        node = node[k]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return obj


@pytest.mark.parametrize("path, value, expected", [
    (["payoffs", "B", 1, 0], "__import__('os').system('echo hi')",
     "payoffs.B[1][0] (player 'B', profile y, l): only arithmetic"),
    (["payoffs", "A", 0, 1], "b + d", "payoffs.A[0][1] (player 'A', profile x, r): unknown name 'd'"),
    (["payoffs", "A", 0, 1], "().__class__", "payoffs.A[0][1]"),
    (["payoffs", "A", 0, 1], "b.real", "payoffs.A[0][1]"),
    (["payoffs", "A", 0, 1], "lambda: 1", "payoffs.A[0][1]"),
    (["payoffs", "A", 0, 1], "1/0", "division by zero"),
    (["payoffs", "A", 0, 1], "2 +", "is not a valid arithmetic expression"),
    (["payoffs", "A", 0, 1], None, "payoffs.A[0][1]: expected a payoff"),
    (["payoffs", "A", 0, 1], True, "payoffs.A[0][1]: expected a payoff"),
    (["payoffs", "A", 0, 1], [1], "payoffs.A[0][1]: expected a payoff"),
    (["payoffs", "A", 1], [3], "payoffs.A[1]: has 1 entries; player 'B' has 2 strategies"),
    (["payoffs", "A", 1], 3, "payoffs.A[1]: expected an array"),
    (["payoffs", "A"], [[1, 2]], "payoffs.A: has 1 entries; player 'A' has 2"),
    (["payoffs", "B"], KeyError, "payoffs: no payoffs for player 'B'"),
    (["payoffs", "C"], [[0, 0], [0, 0]], "payoffs.C: 'C' is not a player"),
    (["payoffs"], "x", "payoffs: must be an object"),
    (["players"], ["A", "A"], "players: player names must be distinct"),
    (["players"], [], "players: must be a non-empty list"),
    (["players", 1], 7, "players[1]: player name must be a non-empty string"),
    (["strategies"], [["x", "y"]], "strategies: must be a list with one list"),
    (["strategies", 1], [], "strategies[1]: player 'B' needs a non-empty list"),
    (["strategies", 0], ["x", "x"], "strategies[0]: strategy names of player 'A' must be distinct"),
    (["parameters", "b"], "two", "parameters.b: 'two' is neither a number nor a domain word"),
    (["parameters", "exp"], 1, "parameters.exp: 'exp' is not a valid parameter name"),
    (["parameters", "1b"], 1, "parameters.1b: '1b' is not a valid parameter name"),
    (["parameters"], [1], "parameters: must be an object"),
    (["type"], "coalitional", "type: expected \"normal_form\""),
    (["colour"], "red", "colour: unknown key"),
    (["title"], 5, "title: must be a string"),
    (["payoffs", "A", 0, 1], "x" * 3000, "longer than"),
    (["payoffs", "A", 0, 1], "b ** 1000", "exponent larger than 64"),
])
def test_malformed_json_names_the_path(path, value, expected):
    with pytest.raises(InputError) as info:
        game_from_json(mutate(path, value), source="g.json")
    msg = str(info.value)
    assert msg.startswith("g.json: ") and expected in msg, msg


def test_json_top_level_not_object():
    with pytest.raises(InputError, match="top level"):
        game_from_json([1, 2], source="g.json")


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"{\"players\": [", "line 1, column 14: invalid JSON"),
    (b"\x00\x01\x02binary", "binary data"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "JSON"),
])
def test_bad_json_files(tmp_path, content, expected):
    path = tmp_path / "g.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_game(path)
    assert expected in str(info.value) and str(path) in str(info.value)


def test_file_problems(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_game(tmp_path / "missing.json")
    d = tmp_path / "dir.json"
    d.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_game(d)
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        read_game(link)
    with pytest.raises(InputError, match="unknown game file type '.csv'"):
        read_game(tmp_path / "g.csv")
    with pytest.raises(InputError, match="no extension"):
        read_game(tmp_path / "game")


def test_write_refuses_to_overwrite(tmp_path):
    p = tmp_path / "g.json"
    write_game(pd(), p)
    before = p.read_text()
    with pytest.raises(InputError, match="file exists"):
        write_game(NormalFormGame([[[0]], [[0]]]), p)
    assert p.read_text() == before
    write_game(NormalFormGame([[[0]], [[0]]]), p, overwrite=True)
    assert read_game(p).shape == (1, 1)


@st.composite
def random_games(draw):
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    vals = draw(st.lists(st.one_of(st.integers(-10**6, 10**6),
                                   st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)),
                         min_size=size, max_size=size))
    return NormalFormGame(np.array(vals, dtype=float).reshape((n,) + shape))


@settings(max_examples=60, deadline=None)
@given(random_games(), st.sampled_from(["payoff", "outcome", "json"]))
def test_round_trip_property(g, form):
    if form == "json":
        h = game_from_json(json.loads(json.dumps(game_to_json(g))))
    else:
        h = parse_nfg(game_to_nfg(g, form=form))
    assert np.array_equal(h.numeric_payoffs(), g.numeric_payoffs())
    assert h.players == g.players and h.strategies == g.strategies


# ---------------------------------------------------------------- pygambit interoperability
@pytest.mark.parametrize("form", ["payoff", "outcome"])
def test_pygambit_reads_our_files_and_we_read_its_files(tmp_path, form):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(5)
    P = rng.integers(-5, 6, size=(3, 2, 3, 2)).astype(float) / 2
    g = NormalFormGame(P, players=["a", "b", "c"], title="random")
    path = write_nfg(g, tmp_path / "ours.nfg", form=form)
    G = gbt.read_nfg(str(path))
    arrays = G.to_arrays()
    for i in range(3):
        assert np.array_equal(np.array(arrays[i], dtype=float), P[i])
    assert [str(p.label) if hasattr(p, "label") else str(p) for p in G.players] == ["a", "b", "c"]
    # and the file Gambit writes (outcome form)
    theirs = tmp_path / "theirs.nfg"
    G.to_nfg(str(theirs))
    h = read_nfg(theirs)
    assert np.array_equal(h.numeric_payoffs(), P)
    assert h.players == ("a", "b", "c")


def test_unrepresentable_expression_is_refused_on_write():
    x = sp.Symbol("x", real=True)
    with pytest.raises(InputError, match="cannot be written in the JSON game format"):
        game_to_json(NormalFormGame([[[sp.pi * x]], [[1]]]))
    with pytest.raises(InputError, match="cannot be written"):
        game_to_json(NormalFormGame([[[sp.sin(x)]], [[1]]]))

"""`govgames solve` names the method that ran, and its hints name options the command has."""
import itertools
import json

import numpy as np
import pytest

from govgames.analyses.cli import main
from govgames.games import NormalFormGame, is_equilibrium
from govgames.games.io import write_game
from govgames.games.solve import nash_equilibria


def run(capsys, *argv):
    try:
        code = main(["solve", *map(str, argv)])
    except SystemExit as exc:            # argparse refusing an option
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _game(shape, seed):
    rng = np.random.default_rng(seed)
    return NormalFormGame(rng.integers(0, 9, size=(len(shape),) + shape))


def _pure_brute_force(g):
    return sorted(p for p in itertools.product(*(range(a) for a in g.shape))
                  if is_equilibrium(g, [np.eye(a)[k] for a, k in zip(g.shape, p)]))


@pytest.fixture
def big(tmp_path):
    for seed in range(50):                # a 5x5x2 game with at least one pure equilibrium
        g = _game((5, 5, 2), seed)
        if _pure_brute_force(g):
            break
    path = tmp_path / "big.json"
    write_game(g, path)
    return g, path


def test_all_on_a_large_game_names_the_pure_fallback(capsys, big):
    g, path = big
    code, out, err = run(capsys, path)
    assert code == 0
    assert "(method: all)" not in out
    line = next(x for x in out.splitlines() if "Nash equilibri" in x)
    assert "(method: pure (all-equilibria enumeration refused: the largest support system" in line
    assert "--max-unknowns / --max-degree" in line and "--method logit" in line
    assert "max_unknowns" not in out and "method 'logit'" not in out
    code, out, err = run(capsys, path, "--json")
    obj = json.loads(out)
    assert code == 0 and obj["method"] == "pure"
    assert "--max-unknowns" in obj["notes"][0] and "max_unknowns" not in obj["notes"][0]
    listed = sorted(tuple(int(np.argmax(p)) for p in e["profile"]) for e in obj["equilibria"])
    assert listed == _pure_brute_force(g)


def test_the_limits_are_options_of_the_command(capsys, tmp_path):
    g = _game((2, 2, 2), 4)                    # 3 unknowns: within the default limits
    path = tmp_path / "small.json"
    write_game(g, path)
    code, out, _ = run(capsys, path, "--json")
    ref = json.loads(out)
    assert code == 0 and ref["method"] == "polynomial"
    code, out, _ = run(capsys, path, "--max-unknowns", 2, "--json")
    low = json.loads(out)
    assert code == 0 and low["method"] == "pure" and "limits 2 and 12" in low["notes"][0]
    code, out, _ = run(capsys, path, "--max-unknowns", 3, "--json")
    assert json.loads(out)["method"] == "polynomial"
    code, _, err = run(capsys, path, "--method", "polynomial", "--max-cost", 1)
    assert code == 2 and "--max-cost" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, path, "--max-degree", "0")
    assert code == 2 and "positive integer" in err
    # the library takes the same limits
    eqs = nash_equilibria(g, max_unknowns=2)
    assert eqs.method == "pure" and "raise max_unknowns" in eqs.notes[0]


def test_two_player_methods_on_three_players_suggest_polynomial(capsys, big):
    _, path = big
    for method in ("support", "vertex", "lemke-howson"):
        code, out, err = run(capsys, path, "--method", method)
        assert code == 2 and out == ""
        assert "--method polynomial or --method all" in err and "--method pure" in err

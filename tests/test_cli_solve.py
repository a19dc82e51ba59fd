"""`govgames solve`: text and JSON output, and exit status 2 with one line on bad input."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from govgames import games
from govgames.analyses.cli import main
from govgames.games import NormalFormGame, is_equilibrium
from govgames.games.io import write_game

EXAMPLES = Path(games.__file__).parent / "examples"


def two_player_ready():
    try:
        from govgames.games.twoplayer import two_player_equilibria  # noqa: F401
    except ImportError:
        return False
    return True


needs_twoplayer = pytest.mark.skipif(not two_player_ready(), reason="games.twoplayer not available")


def run(capsys, *argv):
    code = main(["solve", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_pure_method_json_three_players(capsys):
    code, out, err = run(capsys, EXAMPLES / "river_three_cities.json", "--method", "pure", "--json")
    assert code == 0 and err == ""
    obj = json.loads(out)
    assert obj["players"] == ["Upstream", "Midstream", "Downstream"]
    assert obj["strategies"] == [["Abate", "Pollute"]] * 3
    assert obj["equilibria"] == [{"profile": [[0.0, 1.0]] * 3, "payoffs": [0.0, 0.0, 0.0]}]


def test_all_method_three_players_text_has_note(capsys):
    code, out, _ = run(capsys, EXAMPLES / "river_three_cities.json")
    assert code == 0
    assert "Pollute" in out and "1 Nash equilibrium (method: polynomial)" in out
    assert "support enumeration with exact polynomial solving" in out


def test_pure_method_text_table(capsys):
    code, out, _ = run(capsys, EXAMPLES / "prisoners_dilemma.nfg", "--method", "pure")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Prisoner's dilemma"
    assert any(line.split()[:3] == ["1", "Defect", "Defect"] for line in lines)


@needs_twoplayer
@pytest.mark.parametrize("method", ["all", "vertex", "support", "lemke-howson"])
def test_battle_of_sexes_json(capsys, method):
    code, out, err = run(capsys, EXAMPLES / "battle_of_sexes.nfg", "--method", method, "--json")
    assert code == 0, err
    obj = json.loads(out)
    assert set(obj) >= {"players", "strategies", "equilibria"}
    g = games.read_game(EXAMPLES / "battle_of_sexes.nfg")
    profiles = [e["profile"] for e in obj["equilibria"]]
    for p in profiles:
        assert is_equilibrium(g, p)
    if method != "lemke-howson":
        assert len(profiles) == 3
        mixed = [p for p in profiles if 0 < p[0][0] < 1]
        assert np.allclose(mixed[0], [[2 / 3, 1 / 3], [1 / 3, 2 / 3]])


@needs_twoplayer
def test_transboundary_text(capsys):
    code, out, _ = run(capsys, EXAMPLES / "transboundary.json")
    assert code == 0
    assert "Pollute" in out and "Nash equilibri" in out


def test_symbolic_game(capsys):
    path = EXAMPLES / "transboundary_symbolic.json"
    code, out, err = run(capsys, path)
    try:
        from govgames.games.symbolic import symbolic_report  # noqa: F401
    except ImportError:
        assert code == 2 and "free parameters c, s" in err and len(err.strip().splitlines()) == 1
        return
    assert code == 0 and "c" in out
    code, out, err = run(capsys, path, "--json")
    assert code == 0
    obj = json.loads(out)
    assert obj["parameters"] and len(obj["conditions"]) == 4
    code, out, err = run(capsys, path, "--method", "vertex")
    assert code == 2 and "free parameters" in err


BAD_FILES = {
    "empty.json": b"",
    "blank.nfg": b"\n\n  \n",
    "binary.json": bytes(range(256)),
    "latin1.nfg": "NFG 1 R \"caf\xe9\" { \"A\" }".encode("latin-1"),
    "trunc.json": b'{"players": ["A", "B"], "strategies": [["x"], ["y"]',
    "notobject.json": b"[1, 2, 3]",
    "wrongshape.json": json.dumps({"players": ["A", "B"], "strategies": [["x", "y"], ["l"]],
                                   "payoffs": {"A": [[1], [2], [3]], "B": [[1], [2]]}}).encode(),
    "evil.json": json.dumps({"players": ["A", "B"], "strategies": [["x"], ["y"]],
                             "payoffs": {"A": [["__import__('os').system('touch /tmp/pwned')"]],
                                         "B": [[0]]}}).encode(),
    "undeclared.json": json.dumps({"players": ["A", "B"], "strategies": [["x"], ["y"]],
                                   "payoffs": {"A": [["q + 1"]], "B": [[0]]}}).encode(),
    "coalitional.json": json.dumps({"type": "coalitional", "players": ["A"], "values": {"A": 1}}).encode(),
    "shortpay.nfg": b'NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3',
    "header.nfg": b'NFG 1 X "x" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7 8',
    "words.nfg": b"hello world",
    "game.txt": b"NFG 1 R \"x\" { \"A\" } { 1 }\n1",
    "game": b"{}",
    "nan.json": b'{"players": ["A"], "strategies": [["x"]], "payoffs": {"A": [NaN]}}',
    "huge.json": json.dumps({"players": ["A", "B"], "strategies": [[str(k) for k in range(10**4)]] * 2,
                             "payoffs": {}}).encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_exit_2_with_one_line(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    code, out, err = run(capsys, path)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govgames solve: error: ")
    assert "Traceback" not in err
    assert not Path("/tmp/pwned").exists()


def test_missing_file_and_directory(tmp_path, capsys):
    for target in [tmp_path / "nope.json", tmp_path]:
        code, out, err = run(capsys, target)
        assert code == 2 and len(err.strip().splitlines()) == 1


def test_unknown_method_and_too_many_players(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:   # a usage error, found while parsing the arguments
        run(capsys, EXAMPLES / "prisoners_dilemma.nfg", "--method", "simplex")
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "invalid choice: 'simplex'" in err
    assert len(err.strip().splitlines()) == 1
    for method in ["support", "vertex", "lemke-howson"]:
        code, _, err = run(capsys, EXAMPLES / "river_three_cities.json", "--method", method)
        assert code == 2 and "needs a 2-player game" in err and len(err.strip().splitlines()) == 1


def test_large_pure_game_json(tmp_path, capsys):
    rng = np.random.default_rng(0)
    g = NormalFormGame(rng.integers(0, 4, size=(6,) + (2,) * 6).astype(float))
    path = write_game(g, tmp_path / "six.nfg")
    code, out, _ = run(capsys, path, "--method", "pure", "--json")
    assert code == 0
    eqs = json.loads(out)["equilibria"]
    assert len(eqs) == int(games.pure_equilibrium_mask(g).sum())


def test_console_script_subprocess(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"players": ["A", "B"], "strategies": [["x"], ["y"]], "payoffs": {"A": [["1 +"]], "B": [[0]]}}')
    exe = shutil.which("govgames")
    cmd = [exe] if exe else [sys.executable, "-m", "analyses"]
    res = subprocess.run(cmd + ["solve", str(bad)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert res.stdout == ""
    assert res.stderr.strip().count("\n") == 0
    assert "payoffs.A[0][0]" in res.stderr
    ok = subprocess.run(cmd + ["solve", str(EXAMPLES / "prisoners_dilemma.nfg"), "--method", "pure",
                               "--json"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["equilibria"][0]["profile"] == [[0.0, 1.0], [0.0, 1.0]]


# ---------------------------------------------------------------- games.solve.nash_equilibria
def test_nash_equilibria_dispatch_errors():
    import sympy as sp

    from govgames.games import FreeParametersError, InputError, nash_equilibria
    g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    with pytest.raises(InputError, match="unknown method 'fast'"):
        nash_equilibria(g, method="fast")
    b = sp.Symbol("b")
    with pytest.raises(FreeParametersError, match="free parameters b"):
        nash_equilibria(NormalFormGame([[[b, 0]], [[0, 1]]]))
    one = nash_equilibria(NormalFormGame([[1, 3, 3]]))
    assert [e.pure_profile for e in one] == [("s2",), ("s3",)] and one.continua == 1 and len(one.notes) == 1


@needs_twoplayer
def test_nash_equilibria_two_player_methods_agree_on_matching_pennies():
    from govgames.games import nash_equilibria
    mp = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    for method in ["all", "vertex", "support", "lemke-howson"]:
        eqs = nash_equilibria(mp, method=method)
        assert len(eqs) == 1 and np.allclose(eqs[0].profile[0], [0.5, 0.5])


def test_gambit_enumpoly_backend_three_players():
    pytest.importorskip("pygambit")
    from govgames.games import nash_equilibria
    g = NormalFormGame.from_function(lambda p: [2 * all(p) - s for s in p], (2, 2, 2))
    eqs = nash_equilibria(g, method="gambit-enumpoly")
    assert len(eqs) == 3
    for e in eqs:
        assert is_equilibrium(g, [list(p) for p in e.profile], tol=1e-6)
    mixed = [e for e in eqs if not e.is_pure][0]
    assert mixed.profile[0][0] == pytest.approx(1 - 1 / np.sqrt(2), abs=1e-6)


@needs_twoplayer
def test_degenerate_game_is_reported(tmp_path, capsys):
    path = tmp_path / "deg.nfg"
    path.write_text('NFG 1 R "deg" { "A" "B" } { 2 2 }\n1 1 1 1 0 0 0 0\n')
    code, out, _ = run(capsys, path)
    assert code == 0 and "degenerate" in out
    code, out, _ = run(capsys, path, "--json")
    obj = json.loads(out)
    assert obj["degenerate"] is True
    g = games.read_game(path)
    for e in obj["equilibria"]:
        assert is_equilibrium(g, e["profile"])

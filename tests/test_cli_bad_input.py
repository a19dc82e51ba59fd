"""Bad input to the ``govgames`` command: exit 2, one line on stderr, nothing on stdout.

Cases not already covered by ``test_cli_solve.py`` / ``test_cli_value.py``: expressions that
would hang or recurse (exponent towers, deep nesting), oversized integers, repeated JSON keys,
undecodable files for ``govgames value``, argparse usage errors, bad case parameters and report
folders that cannot be written.
"""

from __future__ import annotations

import json
import time

import pytest

from govgames.analyses.cli import main
from govgames.games.errors import InputError
from govgames.games.expr import parse_expression


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_bad_input(code, out, err, *fragments):
    assert code == 2, (code, out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("govgames")
    for frag in fragments:
        assert frag in lines[0], (frag, lines[0])


def normal_form(entry, parameters=None):
    obj = {"type": "normal_form", "players": ["A", "B"], "strategies": [["x"], ["y"]],
           "payoffs": {"A": [[entry]], "B": [[0]]}}
    if parameters is not None:
        obj["parameters"] = parameters
    return json.dumps(obj)


# ----------------------------------------------------------------------- govgames solve
EXPRESSIONS = [
    ("9**9**9", "exponent larger than 64"),
    ("((((9**64)**64)**64)**64)**64", "power too large"),
    ("(((((b**64)**64)**64)**64)**64)", "too large"),
    ("b**b**b", "exponent larger than 64"),          # b = 9: 9**(9**9)
    ("-" * 1990 + "1", "nested too deeply"),
    ("+-" * 900 + "1", "nested too deeply"),
    ("(" * 300 + "1" + ")" * 300, "not a valid arithmetic expression"),
    ("(lambda: 1)()", "a call to something other than"),
    ("b.real", "attribute access"),
    ("b[0]", "subscript"),
    ("[x for x in (1, 2)]", "comprehension"),
    ("f'{b}'", "f-string"),
    ("(b := 1)", "assignment"),
    ("1 < 2", "comparison"),
    ("__import__('os').system('echo pwned')", "a call to something other than"),
    ("b + " * 600 + "b", "longer than 2000 characters"),
]


@pytest.mark.parametrize("text, fragment", EXPRESSIONS)
def test_solve_refuses_dangerous_expressions_fast(tmp_path, capsys, text, fragment):
    path = tmp_path / "game.json"
    path.write_text(normal_form(text, {"b": 9}))
    start = time.perf_counter()
    code, out, err = run(capsys, "solve", path)
    assert time.perf_counter() - start < 10  # never hangs on an exponent tower
    assert_bad_input(code, out, err, str(path), "payoffs.A[0][0]", fragment)
    assert len(err) < 600  # long expressions are cut in the message


def test_parse_expression_bounds_exact_powers_but_keeps_reasonable_ones():
    assert parse_expression("2**64 * 3**64") == 2**64 * 3**64
    assert parse_expression("(10**64)**64") == 10**4096      # about 13,600 bits: fine
    with pytest.raises(InputError, match="power too large"):
        parse_expression("(((10**64)**64)**64)**64", where="w")
    with pytest.raises(InputError, match="exponent larger than 64"):
        parse_expression("(((b**64)**64)**64)**64", ["b"])      # sympy merges into b**16777216
    with pytest.raises(InputError, match="nested too deeply"):
        parse_expression("-" * 1500 + "1")


@pytest.mark.parametrize("name, content, fragment", [
    ("bigint.json", '{"players":["A","B"],"strategies":[["x"],["y"]],'
                    '"payoffs":{"A":[[' + "9" * 5000 + ']],"B":[[0]]}}', "invalid JSON"),
    ("dupkey.json", '{"players":["A","B"],"strategies":[["x"],["y"]],'
                    '"payoffs":{"A":[[1]],"B":[[0]],"B":[[1]]}}', "'B' appears twice"),
    ("dupplayer.json", '{"players":["A","A"],"strategies":[["x"],["y"]],"payoffs":{"A":[[1]]}}',
     "distinct"),
    ("nanparam.json", '{"players":["A","B"],"strategies":[["x"],["y"]],"parameters":{"b":NaN},'
                      '"payoffs":{"A":[["b"]],"B":[[0]]}}', "parameters.b"),
    ("inf.json", '{"players":["A","B"],"strategies":[["x"],["y"]],'
                 '"payoffs":{"A":[[Infinity]],"B":[[0]]}}', "payoffs.A[0][0]"),
    ("wronglen.json", '{"players":["A","B"],"strategies":[["x","y"],["l","r"]],'
                      '"payoffs":{"A":[[1,2,3],[1,2]],"B":[[0,0],[0,0]]}}', "payoffs.A[0]"),
    ("nested.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("huge.nfg", 'NFG 1 R "x" { "A" "B" } { 99999999 99999999 }\n1 2 3 4', "too large"),
])
def test_solve_bad_files(tmp_path, capsys, name, content, fragment):
    path = tmp_path / name
    path.write_text(content)
    start = time.perf_counter()
    code, out, err = run(capsys, "solve", path)
    assert time.perf_counter() - start < 10
    assert_bad_input(code, out, err, str(path), fragment)


def test_solve_ten_megabyte_file(tmp_path, capsys):
    path = tmp_path / "big.json"
    path.write_text('{"players":["A","B"],"strategies":[["x"],["y"]],"payoffs":{"A":[[1]],'
                    '"B":[[0]]},"junk":"' + "x" * 10_500_000 + '"}')
    assert_bad_input(*run(capsys, "solve", path), "junk")


def test_solve_directory_says_directory(tmp_path, capsys):
    assert_bad_input(*run(capsys, "solve", tmp_path), "is a directory")


def test_solve_unicode_names_work(tmp_path, capsys):
    path = tmp_path / "上下游.json"
    path.write_text(json.dumps({"players": ["上游", "下游"],
                                "strategies": [["治理", "排污"], ["治理", "排污"]],
                                "payoffs": {"上游": [[1, 0], [2, 1]], "下游": [[1, 2], [0, 1]]}},
                               ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "solve", path)
    assert code == 0 and err == "" and "排污" in out


# ----------------------------------------------------------------------- govgames value
@pytest.mark.parametrize("name, content, fragment", [
    ("binary.json", bytes(range(256)), "binary data"),
    ("latin1.json", '{"type": "caf\xe9"}'.encode("latin-1"), "not UTF-8"),
    ("empty.json", b"  \n", "empty"),
    ("dupkey.json", b'{"type":"coalitional","players":["A","B"],'
                    b'"values":{"A":1,"B":1,"A,B":3,"A,B":4}}', "'A,B' appears twice"),
    ("dupcoalition.json", json.dumps({"type": "coalitional", "players": ["A", "B"],
                                      "values": {"A": 1, "B": 1, "A,B": 3, "B,A": 4}}).encode(),
     "given twice"),
    ("unknown.json", json.dumps({"type": "coalitional", "players": ["A", "B"],
                                 "values": {"A": 1, "B": 1, "A,B": 3, "C": 4}}).encode(),
     "unknown player 'C'"),
    ("bigint.json", b'{"type":"weighted_voting","players":["A","B"],"weights":['
                    + b"9" * 5000 + b',2],"quota":2}', "invalid JSON"),
    ("nested.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("negweight.json", json.dumps({"type": "weighted_voting", "players": ["A", "B"],
                                   "weights": [-1, 2], "quota": 1}).encode(), "weights[0]"),
    ("strweight.json", json.dumps({"type": "weighted_voting", "players": ["A", "B"],
                                   "weights": ["a", 2], "quota": 1}).encode(), "weights[0]"),
    ("boolweight.json", json.dumps({"type": "weighted_voting", "players": ["A", "B"],
                                    "weights": [True, 2], "quota": 1}).encode(), "weights[0]"),
])
def test_value_bad_files(tmp_path, capsys, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "value", path, "--solution", "shapley")
    assert_bad_input(code, out, err, str(path), fragment)


def test_value_missing_file_and_directory(tmp_path, capsys):
    assert_bad_input(*run(capsys, "value", tmp_path / "nope.json", "--solution", "shapley"),
                     "nope.json")
    assert_bad_input(*run(capsys, "value", tmp_path, "--solution", "shapley"), str(tmp_path))


def test_networks_read_game_raises_input_error(tmp_path):
    from govgames.networks.io import read_game
    path = tmp_path / "b.json"
    path.write_bytes(b"\xff\xfe{")
    with pytest.raises(InputError, match="b.json"):
        read_game(path)
    with pytest.raises(InputError, match="no such file"):
        read_game(tmp_path / "missing.json")


# ----------------------------------------------------------------------- usage errors
@pytest.mark.parametrize("argv, fragment", [
    ([], "required"),
    (["bogus"], "invalid choice"),
    (["solve"], "FILE"),
    (["value", "x.json", "--solution", "bogus"], "invalid choice"),
])
def test_usage_errors_are_one_line(capsys, argv, fragment):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    assert_bad_input(exc.value.code, out, err, fragment)


# ----------------------------------------------------------------------- govgames analyses
@pytest.mark.parametrize("argv, fragment", [
    (["analyses", "run", "nosuchcase"], "nosuchcase"),
    (["analyses", "run", "river", "--param", "abatement_cost=abc"], "abatement_cost"),
    (["analyses", "run", "river", "--param", "abatement_cost=nan"], "abatement_cost"),
    (["analyses", "run", "river", "--param", "abatement_cost=1e999"], "abatement_cost"),
    (["analyses", "run", "river", "--param", "abatement_cost"], "KEY=VALUE"),
    (["analyses", "run", "river", "--param", "nokey=1"], "nokey"),
    (["analyses", "run", "public_goods", "--param", "n_max=10**100"], "n_max"),
    (["analyses", "run", "trust", "--param", "seed=-1"], "seed"),
])
def test_analyses_bad_params(capsys, argv, fragment):
    assert_bad_input(*run(capsys, *argv), fragment)


def test_analyses_bad_data_file(tmp_path, capsys):
    path = tmp_path / "schedule.csv"
    path.write_bytes(bytes(range(256)))
    assert_bad_input(*run(capsys, "analyses", "run", "river", "--param", f"data={path}"),
                     "schedule.csv")
    assert_bad_input(*run(capsys, "analyses", "run", "river", "--param", f"data={tmp_path}"),
                     "directory")


def test_seeds_are_checked_in_the_library():
    from govgames.games.repeated import basic_strategies, round_robin_tournament
    with pytest.raises(InputError, match="seed"):
        round_robin_tournament(basic_strategies(), turns=5, repetitions=1, seed=-3)


# ----------------------------------------------------------------------- govgames report
def test_report_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "afile"
    target.write_text("mine")
    assert_bad_input(*run(capsys, "report", "--out", target), str(target))
    assert target.read_text() == "mine"


def test_large_two_player_enumeration_warns_first(tmp_path, capsys, monkeypatch):
    """Full enumeration is exponential: a note on stderr says so before the long wait."""
    import govgames.analyses.commands.solve as solve_cmd
    monkeypatch.setattr(solve_cmd, "LARGE_ENUMERATION", 3)
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"players": ["A", "B"],
                                "strategies": [["a", "b", "c"], ["x", "y", "z"]],
                                "payoffs": {"A": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
                                            "B": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}}))
    code, out, err = run(capsys, "solve", path, "--json")
    assert code == 0 and json.loads(out)["equilibria"]
    assert "note:" in err and "lemke-howson" in err
    code, out, err = run(capsys, "solve", path, "--method", "pure")
    assert code == 0 and err == ""


def test_report_checks_the_folder_before_running_cases(tmp_path, capsys, monkeypatch):
    """An unwritable --out fails at once (exit 2), without running the case studies."""
    import govgames.analyses.report as report

    ran = []
    monkeypatch.setattr(report, "_run_case", lambda spec: ran.append(spec) or (None, "x"))
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    rc = main(["report", "--out", str(blocker / "sub")])
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "Traceback" not in err[0]
    assert ran == []


@pytest.mark.parametrize("case, params, says", [
    ("river", ["data="], "no value given"),
    ("trust", ["seed=1", "seed=2"], "given twice"),
])
def test_analyses_run_rejects_empty_and_repeated_params(case, params, says, capsys):
    argv = ["analyses", "run", case]
    for p in params:
        argv += ["--param", p]
    rc = main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and says in err[0]

"""The sweep's ``error`` column holds None for points that ran, on any pandas (QA), and the
command line exits 1 when every point of a sweep failed."""
import pandas as pd
import pytest

from govgames.analyses.cli import main
from govgames.games.sweep import sweep


def _half(x):
    if x < 0:
        raise ValueError(f"negative x {x}")
    return {"y": 2 * x}


@pytest.mark.parametrize("xs, n_ok", [([1, -1, 2], 2), ([1, 2], 2), ([-1, -2], 0)])
def test_error_column_is_object_dtype_with_none_for_points_that_ran(xs, n_ok):
    df = sweep(_half, {"x": xs})
    assert df["error"].dtype == object
    ran = [e is None for e in df["error"]]
    assert sum(ran) == n_ok
    assert ran == [x >= 0 for x in xs]
    assert df["error"].isna().tolist() == ran
    for x, e in zip(xs, df["error"]):
        if x < 0:
            assert e == f"ValueError: negative x {x} (at x={x})"


def test_cli_exit_status_when_every_point_fails(tmp_path, capsys):
    out = tmp_path / "all.csv"
    rc = main(["analyses", "sweep", "river", "--grid", "q_abate=1.5,2", "--out", str(out)])
    assert rc == 1
    err = capsys.readouterr().err
    assert "2 of 2 points failed" in err and len(err.strip().splitlines()) == 1
    back = pd.read_csv(out)            # the table is still written, with the reasons
    assert back["error"].str.contains("q_abate").all()
    rc = main(["analyses", "sweep", "river", "--grid", "q_abate=0.5,2", "--json"])
    assert rc == 0                     # one point ran: the sweep succeeded
    capsys.readouterr()


def _model(T, R, P=1.0):
    calls.append(T)
    return {"x": T - R - P}


calls: list = []


@pytest.mark.parametrize("grid, words", [
    ({"T": [1, 2], "Rr": [3]}, "cannot take the grid parameter 'Rr'; its parameters are: T, R, P"),
    ({"T": [1, 2]}, "parameters of point 0 (missing a required argument: 'R')"),
    ([{"T": 1, "R": 2}, {"T": 1}], "parameters of point 1 (missing a required argument: 'R')"),
    ([{"T": 1, "R": 2}, {"T": 1, "R": 2, "Q": 0}], "grid parameter 'Q' (point 1)"),
])
def test_a_grid_the_function_cannot_take_is_refused_once_before_any_point_runs(grid, words):
    from govgames.games.errors import InputError

    calls.clear()
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")):
        sweep(_model, grid)
    assert calls == []


def test_functions_taking_any_keyword_or_without_a_signature_are_not_refused():
    assert sweep(lambda **k: {"n": len(k)}, {"a": [1], "b": [2]})["n"].tolist() == [2]
    df = sweep(max, {"a": [1]})        # no readable signature: runs, fails per point
    assert df["error"][0].startswith("TypeError")

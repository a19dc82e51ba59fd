"""Work split into chunks (games.parallel): the same bits for any executor, any number of
workers and any completion order; sampled Owen and Banzhaf values against the exact ones;
parameter sweeps (games.sweep) and the ``govgames analyses sweep`` command; a two-process Dask
cluster when Dask is installed."""

import concurrent.futures as cf
import os
import random
import sys
import threading
import time

import numpy as np
import pandas as pd
import pytest

from govgames.analyses.cli import main
from govgames.networks import club_stability as cs
from govgames.games import parallel as P
from govgames.games.errors import InputError
from govgames.games.repeated import (AllC, AllD, GenerousTFT, Grim, MemoryOne, Random,
                                     TitForTat, TitForTwoTats, WinStayLoseShift,
                                     moran_replicates, round_robin_tournament,
                                     simulate_fixation)
from govgames.games.repeated import play as play_module
from govgames.games.sweep import grid_points, sweep
from govgames.networks import CoalitionalGame, banzhaf_value, owen_value, shapley_value


class ShuffledExecutor(cf.Executor):
    """Runs tasks on threads after random delays: they finish in a random order."""

    def __init__(self, workers=3, seed=0):
        self._pool = cf.ThreadPoolExecutor(workers)
        self._max_workers = workers
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def submit(self, fn, *args, **kwargs):
        with self._lock:
            delay = self._rng.uniform(0, 0.02)

        def late():
            time.sleep(delay)
            return fn(*args, **kwargs)

        return self._pool.submit(late)

    def shutdown(self, wait=True, **kwargs):
        self._pool.shutdown(wait)


@pytest.fixture(scope="module")
def process_pool():
    with cf.ProcessPoolExecutor(2) as ex:
        yield ex


def random_game(n, seed):
    rng = np.random.default_rng(seed)
    v = rng.uniform(-5, 10, 1 << n)
    v[0] = 0.0
    return CoalitionalGame(range(n), v)


def same(a, b):
    assert dict(a) == dict(b) and a.std_errors == b.std_errors


def strategies():
    return [AllC(), AllD(), TitForTat(), Grim(), TitForTwoTats(), GenerousTFT(),
            WinStayLoseShift(), Random(), MemoryOne([0.9, 0.1, 0.6, 0.3], initial=0.5, name="M")]


def square(x):
    return x * x


def model(b, c, seed=0):
    if c > b:
        raise ValueError(f"cost {c} above benefit {b}")
    rng = np.random.default_rng(seed)
    return {"net": b - c, "noise": float(rng.random())}


# --------------------------------------------------------------------------- map_chunks
def test_map_chunks_keeps_order_and_raises_the_first_error():
    items = list(range(40))
    ref = [x * x for x in items]
    assert P.map_chunks(square, items) == ref
    with ShuffledExecutor(4, seed=3) as ex:
        assert P.map_chunks(square, items, executor=ex) == ref
        with pytest.raises(TypeError):
            P.map_chunks(square, items[:5] + ["x"], executor=ex)
    with pytest.raises(InputError, match="executor must be"):
        P.map_chunks(square, items, executor="two")
    with pytest.raises(InputError, match="progress must be"):
        P.map_chunks(square, items, progress="yes")


def test_chunk_rng_matches_seed_sequence_spawn():
    root = P.seed_sequence(11)
    kids = np.random.SeedSequence(11).spawn(5)
    for k in range(5):
        assert P.chunk_rng(root, k).random() == np.random.default_rng(kids[k]).random()
    grand = np.random.SeedSequence(11).spawn(3)[2].spawn(4)[1]
    assert P.chunk_rng(root, 2, 1).random() == np.random.default_rng(grand).random()


def test_progress_bar_writes_to_stderr(capsys):
    P.map_chunks(square, range(5), progress=True, desc="squares")
    assert "squares" in capsys.readouterr().err
    P.map_chunks(square, range(5), progress=False)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- sampled values
@pytest.mark.parametrize("antithetic", [False, True])
def test_sampled_shapley_identical_on_any_executor(antithetic, process_pool):
    g = random_game(9, 3)
    plain = CoalitionalGame(g.players, value_function=g.evaluate_members, vectorized=True)
    n_samples = 20_000                       # 3 chunks of 2**16 // 9 = 7282 orders
    ref = shapley_value(g, method="sample", n_samples=n_samples, seed=5, antithetic=antithetic)
    with ShuffledExecutor(3) as ex:
        same(ref, shapley_value(g, method="sample", n_samples=n_samples, seed=5,
                                antithetic=antithetic, executor=ex))
    same(ref, shapley_value(g, method="sample", n_samples=n_samples, seed=5,
                            antithetic=antithetic, executor=process_pool))
    r = shapley_value(plain, method="sample", n_samples=n_samples, seed=5, antithetic=antithetic)
    assert dict(r) == pytest.approx(dict(ref), rel=1e-12, abs=1e-12)


def test_sampled_values_have_many_chunks_and_merge_them_exactly(monkeypatch):
    # tiny chunks: the merged mean and standard error equal those of all draws at once
    from govgames.networks import sampling as S

    g = random_game(6, 1)
    monkeypatch.setattr(S, "_CHUNK_CELLS", 1)       # chunks of 64 orders
    est = shapley_value(g, method="sample", n_samples=640, seed=2)
    root = P.seed_sequence(2)
    draws = []
    sampler = S._Sampler(g, "orders", g.grand_value, 64, S._Orders(6, False))
    for k in range(10):
        draws.append(sampler.order_contributions(sampler.orders.draw(P.chunk_rng(root, k), 64)))
    draws = np.concatenate(draws)
    mean = draws.mean(axis=0)
    se = draws.std(axis=0, ddof=1) / np.sqrt(640)
    assert [est[p] for p in g.players] == pytest.approx(mean, rel=1e-12, abs=1e-12)
    assert [est.std_errors[p] for p in g.players] == pytest.approx(se, rel=1e-9)


@pytest.mark.parametrize("n, seed", [(3, 0), (6, 1), (9, 2)])
def test_sampled_banzhaf_agrees_with_exact(n, seed):
    g = random_game(n, seed)
    exact = banzhaf_value(g)
    est = banzhaf_value(g, method="sample", n_samples=3000, seed=seed)
    assert est.method == "coalition sampling" and est.n_samples == 3000
    z = [(est[p] - exact[p]) / est.std_errors[p] for p in g.players]
    assert np.all(np.abs(z) < 4.5), z
    with ShuffledExecutor(2) as ex:
        same(est, banzhaf_value(g, method="sample", n_samples=3000, seed=seed, executor=ex))
    plain = CoalitionalGame(g.players, value_function=g.value)
    r = banzhaf_value(plain, method="sample", n_samples=3000, seed=seed)
    assert dict(r) == pytest.approx(dict(est), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("antithetic", [False, True])
@pytest.mark.parametrize("n, unions", [(4, [[0, 1], [2, 3]]), (7, [[0], [1, 2, 3], [4, 5, 6]]),
                                       (8, [[5, 1, 7], [0, 2], [3], [4, 6]])])
def test_sampled_owen_agrees_with_exact(n, unions, antithetic):
    g = random_game(n, n)
    exact = owen_value(g, unions)
    est = owen_value(g, unions, method="sample", n_samples=4000, seed=1, antithetic=antithetic)
    assert sum(est.values()) == pytest.approx(g.grand_value, abs=1e-9)
    z = [(est[p] - exact[p]) / max(est.std_errors[p], 1e-12) for p in g.players]
    assert np.all(np.abs(z) < 4.5), z
    with ShuffledExecutor(2) as ex:
        same(est, owen_value(g, unions, method="sample", n_samples=4000, seed=1,
                             antithetic=antithetic, executor=ex))


def test_sampled_owen_orders_keep_unions_together():
    from govgames.networks import sampling as S

    union_of = np.array([2, 0, 1, 0, 2, 1, 1])
    perms = S._Orders(7, False, union_of).draw(np.random.default_rng(0), 500)
    assert np.all(np.sort(perms, axis=1) == np.arange(7))
    u = union_of[perms]
    # a union never reappears after another one started: 3 runs per row
    assert np.all((np.diff(u, axis=1) != 0).sum(axis=1) == 2)
    # every union order and every order within a union shows up
    assert len({tuple(dict.fromkeys(r)) for r in u.tolist()}) == 6
    assert len({tuple(r[np.isin(r, [2, 5, 6])]) for r in perms}) == 6


def test_sampled_owen_and_banzhaf_bad_input():
    g = random_game(4, 0)
    with pytest.raises(InputError, match="method must be"):
        owen_value(g, [[0, 1], [2, 3]], method="guess")
    with pytest.raises(InputError, match="normalized=True"):
        banzhaf_value(g, normalized=True, method="sample")
    with pytest.raises(InputError, match="n_samples"):
        banzhaf_value(g, method="sample", n_samples=1)
    with pytest.raises(InputError):
        owen_value(g, [[0, 1], [1, 2, 3]], method="sample")


# --------------------------------------------------------------------------- tournaments
def test_tournament_identical_on_any_executor_and_chunking(process_pool, monkeypatch):
    kw = dict(turns=60, repetitions=12, noise=0.05, seed=4)
    ref = round_robin_tournament(strategies(), **kw)
    monkeypatch.setattr(play_module, "_PARALLEL_MIN_MOVES", 0)   # small: ship it anyway
    with ShuffledExecutor(3) as ex:
        r = round_robin_tournament(strategies(), executor=ex, **kw)
    assert np.array_equal(r.scores, ref.scores)
    assert r.payoff_matrix.equals(ref.payoff_matrix)
    r = round_robin_tournament(strategies(), executor=process_pool, **kw)
    assert np.array_equal(r.scores, ref.scores)
    # one repetition per chunk, and the moves counted every turn: same bits
    monkeypatch.setattr(play_module, "_CHUNK_SEATS", 1)
    monkeypatch.setattr(play_module, "_HISTORY_BYTES", 1)
    r = round_robin_tournament(strategies(), **kw)
    assert np.array_equal(r.scores, ref.scores)
    assert r.table.equals(ref.table)
    # the first repetitions of a longer tournament are the same
    longer = round_robin_tournament(strategies(), **{**kw, "repetitions": 15})
    assert np.array_equal(longer.scores[:12], ref.scores)


def test_tournament_memory_does_not_grow_with_turns(monkeypatch):
    import tracemalloc

    strats = [MemoryOne(p, initial=1.0, name=f"m{k}") for k, p in
              enumerate(np.random.default_rng(0).uniform(0, 1, (30, 4)))]

    def run(turns):
        tracemalloc.start()
        r = round_robin_tournament(strats, turns=turns, repetitions=10, seed=1)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return r, peak

    _, short = run(300)
    r, long = run(3000)
    # 465 pairs x 2 seats x 10 repetitions = 9300 seats: the moves of 3000 turns (28 MB) are
    # never held at once, only about a MiB of them between two countings
    assert long < 1.5 * short and long < 8e6, (short, long)
    monkeypatch.setattr(play_module, "_CHUNK_SEATS", 1 << 62)       # the previous layout:
    monkeypatch.setattr(play_module, "_HISTORY_BYTES", 1 << 62)     # one array of all moves
    one, peak_one = run(3000)
    assert np.array_equal(one.scores, r.scores) and one.table.equals(r.table)
    assert peak_one > 2.79e7 and long < peak_one / 3, (long, peak_one)


# --------------------------------------------------------------------------- Monte Carlo
def test_monte_carlo_identical_on_any_executor(process_pool):
    A = [[3, 0], [5, 1]]
    ref = simulate_fixation(A, 1, 0, 12, 0.2, runs=50_000, seed=3)
    with ShuffledExecutor(3) as ex:
        assert simulate_fixation(A, 1, 0, 12, 0.2, runs=50_000, seed=3, executor=ex) == ref
    assert simulate_fixation(A, 1, 0, 12, 0.2, runs=50_000, seed=3,
                             executor=process_pool) == ref
    m = moran_replicates(A, [8, 2], replicates=3000, selection=0.2, seed=9)
    m2 = moran_replicates(A, [8, 2], replicates=3000, selection=0.2, seed=9,
                          executor=process_pool)
    assert np.array_equal(m.winners, m2.winners) and np.array_equal(m.steps, m2.steps)


# --------------------------------------------------------------------------- sweep
def test_grid_points_and_bad_grids():
    assert grid_points({"a": np.array([1.0, 2.0]), "b": range(2)}) == [
        {"a": 1.0, "b": 0}, {"a": 1.0, "b": 1}, {"a": 2.0, "b": 0}, {"a": 2.0, "b": 1}]
    for bad, msg in [({}, "no parameters"), ({"a": []}, "has no values"), ([], "no points"),
                     ([{"a": 1}, 3], "grid point 1"), ({"a": 5}, "expected a list"),
                     ({"a": np.zeros((2, 2))}, "1-D"), ("a=1", "dict"),
                     ({1: [1]}, "strings")]:
        with pytest.raises(InputError, match=msg):
            grid_points(bad)
    with pytest.raises(InputError, match="both on the grid and fixed"):
        grid_points({"a": [1]}, fixed={"a": 2})
    with pytest.raises(InputError, match="max_points"):
        grid_points({"a": range(100), "b": range(100)}, max_points=9999)


def test_sweep_table_and_per_row_errors(process_pool):
    grid = {"b": [1.0, 2.0, 3.0], "c": [0.5, 2.5]}
    df = sweep(model, grid, fixed={"seed": 7})
    assert list(df.columns) == ["b", "c", "net", "noise", "error"]
    assert len(df) == 6
    assert df[["b", "c"]].values.tolist() == [[1, .5], [1, 2.5], [2, .5], [2, 2.5], [3, .5],
                                              [3, 2.5]]
    ok = df["error"].isna()
    assert ok.tolist() == [True, False, True, False, True, True]
    assert df.loc[~ok, "error"].tolist() == [
        "ValueError: cost 2.5 above benefit 1.0 (at b=1.0, c=2.5)",
        "ValueError: cost 2.5 above benefit 2.0 (at b=2.0, c=2.5)"]
    assert np.allclose(df.loc[ok, "net"], (df.b - df.c)[ok])
    assert df.loc[~ok, "net"].isna().all()
    # the same table on a process pool and with points finishing in a random order
    pd.testing.assert_frame_equal(sweep(model, grid, fixed={"seed": 7},
                                        executor=process_pool), df)
    with ShuffledExecutor(4) as ex:
        pd.testing.assert_frame_equal(sweep(model, grid, fixed={"seed": 7}, executor=ex,
                                            tasks_per_worker=2), df)


def raises_in_generated_code(x):
    """Raises from code whose file name differs in every process (as code shipped to a Dask
    worker, whose frames show ``<dynamic-code>``)."""
    if x:
        exec(compile(f"raise KeyError({x!r})", f"<generated in process {os.getpid()}>", "exec"))
    return {"y": x}


def test_sweep_error_text_is_the_same_on_any_executor(process_pool):
    """The error column names the exception and the point, never where the code ran."""
    grid = {"x": [0, 3, "\u00e9t\u00e9"]}
    ref = sweep(raises_in_generated_code, grid)
    assert ref["error"].isna().tolist() == [True, False, False]
    assert ref["error"][1:].tolist() == ["KeyError: 3 (at x=3)",
                                         "KeyError: '\u00e9t\u00e9' (at x='\u00e9t\u00e9')"]
    pd.testing.assert_frame_equal(sweep(raises_in_generated_code, grid, executor=process_pool),
                                  ref)
    # a fixed parameter is not part of the point; a long or multi-line message is one short line
    df = sweep(lambda x, pad: (_ for _ in ()).throw(RuntimeError(pad * x + "\nsecond line")),
               {"x": [500]}, fixed={"pad": "ab"})
    err = df["error"][0]
    assert "\n" not in err and "second line" not in err and "pad" not in err
    assert err.startswith("RuntimeError: abab") and err.endswith("... (1000 characters) (at x=500)")
    # a function a process pool cannot pickle is refused before any point runs
    with pytest.raises(InputError, match="cannot be sent to a process pool"):
        sweep(lambda x: x, {"x": [1]}, executor=process_pool)


def test_sweep_refuses_a_single_value_where_a_list_is_expected():
    """A string is one value, not a list of letters (scikit-learn's ParameterGrid refuses it)."""
    for bad in ["pure", b"pure", 3, 2.5, None, {"a": 1}, np.float64(1.0)]:
        with pytest.raises(InputError, match="'method': expected a list of values, got the "
                                             "single value"):
            grid_points({"method": bad})
        with pytest.raises(InputError, match="single value"):
            sweep(square, {"method": bad})
    assert grid_points({"method": ["pure"]}) == [{"method": "pure"}]
    assert grid_points({"m": ("a", "bc")}) == [{"m": "a"}, {"m": "bc"}]
    assert grid_points({"m": (k for k in "ab")}) == [{"m": "a"}, {"m": "b"}]
    # the command line: a string parameter's --grid values are whole words
    from govgames.analyses.base import CaseSpec
    from govgames.analyses.commands.sweep import parse_grid

    def case(*, method="pure", n=2):
        ...

    spec = CaseSpec("demo", "Demo", case, "demo")
    assert parse_grid(spec, ["method=pure"]) == {"method": ["pure"]}
    assert parse_grid(spec, ["method=pure, vertex", "n=1:3:3"]) == {
        "method": ["pure", "vertex"], "n": [1, 2, 3]}


def test_sweep_result_shapes():
    from collections import namedtuple

    from govgames.analyses.base import CaseResult

    Pair = namedtuple("Pair", "lo hi")
    assert sweep(lambda x: Pair(x, x + 1), {"x": [1]}).columns.tolist() == ["x", "lo", "hi",
                                                                            "error"]
    assert sweep(lambda x: pd.Series({"y": 2 * x}), {"x": [1]})["y"].tolist() == [2]
    cr = sweep(lambda x: CaseResult("n", "t", "f", numbers={"z": x}), [{"x": 4}, {"x": 5}])
    assert cr["z"].tolist() == [4, 5]
    # a result named like a parameter does not overwrite it
    df = sweep(lambda x: {"x": -x, "error": 0}, {"x": [3]})
    assert df.columns.tolist() == ["x", "result_x", "result_error", "error"]
    assert df["x"].tolist() == [3] and df["result_x"].tolist() == [-3]
    with pytest.raises(InputError, match="callable"):
        sweep(3, {"x": [1]})
    with pytest.raises(InputError, match="tasks_per_worker"):
        sweep(square, {"x": [1]}, tasks_per_worker=0)


# --------------------------------------------------------------------------- CLI
def test_cli_sweep_writes_files_pandas_reads(tmp_path, capsys):
    out = tmp_path / "trust.csv"
    rc = main(["analyses", "sweep", "trust", "--grid", "T=4,5", "--grid", "R=2.5:3:2",
               "--out", str(out)])
    assert rc == 0
    df = pd.read_csv(out)
    assert df[["T", "R"]].values.tolist() == [[4, 2.5], [4, 3], [5, 2.5], [5, 3]]
    assert "bare_dilemma_delta" in df.columns and "error" in df.columns
    # the rows equal single runs of the case
    from govgames.analyses.commands.sweep import case_numbers

    one = case_numbers("trust", T=4.0, R=3.0)
    assert df["bare_dilemma_delta"][1] == pytest.approx(one["bare_dilemma_delta"])
    capsys.readouterr()
    pytest.importorskip("pyarrow")
    pq = tmp_path / "trust.parquet"
    assert main(["analyses", "sweep", "trust", "--grid", "T=4,5", "--json",
                 "--out", str(pq)]) == 0
    back = pd.read_parquet(pq)
    assert back["T"].tolist() == [4.0, 5.0]
    printed = capsys.readouterr()
    assert printed.err == "" and '"points": 2' in printed.out


@pytest.mark.parametrize("argv, msg", [
    (["analyses", "sweep", "trust"], "required: --grid"),
    (["analyses", "sweep", "trust", "--grid", "T=4", "--out", "x.xlsx"], ".csv or .parquet"),
    (["analyses", "sweep", "trust", "--grid", "T=4", "--workers", "0"], "at least 1"),
])
def test_cli_sweep_usage_errors_are_found_while_parsing(argv, msg, capsys):
    """QA s27: these took 5 s (every case study imported) before the one-line error; now
    argparse refuses them (tests/test_cli_fast.py checks nothing heavy is imported)."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and msg in err


@pytest.mark.parametrize("argv, msg", [
    (["analyses", "sweep", "trust", "--grid", "Q=1"], "no parameter 'Q'"),
    (["analyses", "sweep", "trust", "--grid", "T=4,x"], "not a number"),
    (["analyses", "sweep", "trust", "--grid", "T=4", "--grid", "T=5"], "given twice"),
    (["analyses", "sweep", "trust", "--grid", "T=4", "--param", "T=5"], "both"),
    (["analyses", "sweep", "nope", "--grid", "T=4"], "nope"),
])
def test_cli_sweep_bad_input(argv, msg, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and msg in err


def test_cli_sweep_without_dask_names_the_extra(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    assert main(["analyses", "sweep", "trust", "--grid", "T=4", "--workers", "2"]) == 2
    assert "govgames[parallel]" in capsys.readouterr().err


# --------------------------------------------------------------------------- Dask
_DASK_SCRIPT = """
import os
import numpy as np, pandas as pd
from dask import distributed
from govgames.games import parallel as P
from govgames.games.repeated import (AllC, AllD, GenerousTFT, Grim, MemoryOne, Random,
                                     TitForTat, TitForTwoTats, WinStayLoseShift,
                                     round_robin_tournament)
from govgames.games.sweep import sweep
from govgames.networks import CoalitionalGame, shapley_value

def strategies():
    return [AllC(), AllD(), TitForTat(), Grim(), TitForTwoTats(), GenerousTFT(),
            WinStayLoseShift(), Random(), MemoryOne([0.9, 0.1, 0.6, 0.3], initial=0.5, name="M")]

def model(b, c, seed=0):
    if c > b:
        raise ValueError(f"cost {c} above benefit {b}")
    return {"net": b - c, "noise": float(np.random.default_rng(seed).random())}

if __name__ == "__main__":
    from govgames.games.repeated import play
    play._PARALLEL_MIN_MOVES = 0         # a small tournament, shipped to the workers anyway
    kw = dict(turns=50, repetitions=8, noise=0.02, seed=2)
    ref_t = round_robin_tournament(strategies(), **kw)
    grid = {"b": [1.0, 2.0, 3.0, 4.0], "c": [0.5, 1.5]}
    ref_s = sweep(model, grid)
    # sampled Shapley values: a small game (the sampler scattered per call) and an 18-player
    # tabulated game (2 MiB of values: the table scattered once, the sampler sent without it)
    games = []
    for n in (6, 18):
        v = np.random.default_rng(n).uniform(0, 10, 1 << n)
        v[0] = 0.0
        games.append(CoalitionalGame(range(n), v))
    ref_v = [shapley_value(g, method="sample", n_samples=30_000, seed=3) for g in games]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \\
            distributed.Client(cluster) as client:
        ex = client.get_executor()
        assert P.executor_workers(ex) == 2
        t = round_robin_tournament(strategies(), executor=ex, **kw)
        s = sweep(model, grid, executor=client)          # a Client is accepted too
        par_v = [shapley_value(g, method="sample", n_samples=30_000, seed=3, executor=ex)
                 for g in games]
        pids = set(client.run(lambda: os.getpid()).values())
    for r, p in zip(ref_v, par_v):
        assert dict(r) == dict(p) and r.std_errors == p.std_errors, "sampled Shapley differs"
    assert np.array_equal(t.scores, ref_t.scores), "tournament scores differ"
    # the same error text as serially (code shipped from __main__ runs as <dynamic-code>)
    assert s["error"].tolist()[1] == "ValueError: cost 1.5 above benefit 1.0 (at b=1.0, c=1.5)"
    pd.testing.assert_frame_equal(s, ref_s)
    assert len(pids) == 2 and not pids & {os.getpid()}, pids
    print("same bits")
"""


def test_dask_local_cluster_gives_the_serial_bits(tmp_path):
    """A sweep and a tournament on a two-worker LocalCluster (processes) equal the serial run.

    The cluster runs in a fresh interpreter: starting worker processes from inside the test
    process (which holds numba, BLAS and other threads) can deadlock on some machines."""
    pytest.importorskip("dask.distributed")
    import subprocess

    script = tmp_path / "dask_bits.py"
    script.write_text(_DASK_SCRIPT, encoding="utf-8")
    try:
        res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                             timeout=300, cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("the two-worker Dask cluster did not finish within 300 s")
    assert res.returncode == 0, res.stderr[-3000:]
    assert "same bits" in res.stdout


# --------------------------------------------------------------------------- clubs
def test_reachable_stable_clubs_same_on_any_executor(capsys):
    import networkx as nx

    from govgames.networks.clubs import Club

    rng = np.random.default_rng(9)
    G = nx.gnp_random_graph(8, 0.45, seed=9)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(-3, 4))      # some links hurt: several ends
    for node in G:
        G.nodes[node]["size"] = float(rng.uniform(0, 1))
    club = Club([0], "size >= 0.2", G)
    ref = cs.reachable_stable_clubs(club)
    assert ref.attrs["method"].startswith("exhaustive")
    # an independent depth-first search finds the same end clubs
    seen, stack, ends = {frozenset([0])}, [frozenset([0])], set()
    while stack:
        S = stack.pop()
        moves = [c for c, _ in club._admissible(S)]
        if not moves:
            ends.add(tuple(sorted(S)))
        for c in moves:
            if S | {c} not in seen:
                seen.add(S | {c})
                stack.append(S | {c})
    assert {tuple(sorted(m)) for m in ref["members"]} == ends and len(ends) > 1
    assert ref.attrs["method"] == f"exhaustive ({len(seen)} clubs visited)"
    with ShuffledExecutor(3) as ex:
        par = cs.reachable_stable_clubs(club, executor=ex, progress=True)
        assert "clubs" in capsys.readouterr().err
        pd.testing.assert_frame_equal(par, ref)
        assert par.attrs == ref.attrs
        few = cs.reachable_stable_clubs(club, max_states=4, n_orders=6, seed=1)
        few_par = cs.reachable_stable_clubs(club, max_states=4, n_orders=6, seed=1, executor=ex)
    assert few.attrs["method"].startswith("sampled")
    pd.testing.assert_frame_equal(few_par, few)


# --------------------------------------------------------------------------- pairwise stability
def test_pairwise_stability_search_same_on_any_executor(process_pool, monkeypatch):
    import networkx as nx

    from govgames.networks import formation as F

    model = F.ConnectionsModel(delta=0.6, c=0.35)
    G = nx.gnp_random_graph(14, 0.25, seed=4)
    fast = F.pairwise_stable(G, model)                       # the incremental check
    monkeypatch.setattr(F, "_TOGGLES_PER_CHUNK", 7)
    ref = F.pairwise_stable(G, model, method="naive")
    assert not ref.stable and ref.cut and ref.add
    key = lambda r: (sorted(r.cut), sorted(r.add))         # noqa: E731
    assert [(a, b) for a, b, _ in sorted(ref.cut)] == [(a, b) for a, b, _ in sorted(fast.cut)]
    assert [x[:2] for x in sorted(ref.add)] == [x[:2] for x in sorted(fast.add)]
    with ShuffledExecutor(3) as ex:
        par = F.pairwise_stable(G, model, method="naive", executor=ex)
    assert key(par) == key(ref) and par.cut == ref.cut and par.add == ref.add
    par = F.pairwise_stable(G, model, method="naive", executor=process_pool)
    assert par.cut == ref.cut and par.add == ref.add


def test_vectorised_fisher_yates_orders_are_uniform():
    from scipy.stats import chisquare

    from govgames.networks import sampling as S

    rng = np.random.default_rng(12)
    perms = np.concatenate([S._draw_orders(rng, 4000, 4, False) for _ in range(6)])
    assert np.all(np.sort(perms, axis=1) == np.arange(4))
    _, counts = np.unique(perms, axis=0, return_counts=True)
    assert counts.size == 24 and chisquare(counts).pvalue > 1e-3
    # position of each player: uniform too, for a longer order
    perms = S._draw_orders(rng, 30000, 9, False)
    table = np.stack([np.bincount(perms[:, k], minlength=9) for k in range(9)])
    assert chisquare(table.ravel()).pvalue > 1e-3


def test_sampled_values_of_a_library_game_run_on_a_process_pool():
    """Games made by the graph builders are picklable (no local closures)."""
    from concurrent.futures import ProcessPoolExecutor

    import networkx as nx

    import govgames.networks as nw

    game = nw.linkage_game(nx.gnm_random_graph(30, 80, seed=1))
    with ProcessPoolExecutor(2) as pool:
        on_pool = nw.shapley_value(game, method="sample", seed=2, n_samples=400, executor=pool)
    serial = nw.shapley_value(game, method="sample", seed=2, n_samples=400)
    assert dict(on_pool) == dict(serial)


def test_sweep_command_never_overwrites_without_force(tmp_path, capsys):
    from govgames.analyses.cli import main

    out = tmp_path / "table.csv"
    out.write_text("mine\n")
    code = main(["analyses", "sweep", "river", "--grid", "abatement_cost=2,3", "--out", str(out),
                 "--json"])
    assert code == 2 and "exists already" in capsys.readouterr().err
    assert out.read_text() == "mine\n"
    assert main(["analyses", "sweep", "river", "--grid", "abatement_cost=2,3", "--out", str(out),
                 "--json", "--force"]) == 0
    assert out.read_text().startswith("abatement_cost") or "abatement_cost" in out.read_text()

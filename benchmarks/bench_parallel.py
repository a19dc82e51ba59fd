"""Benchmark: work split over processes (serial vs a Dask LocalCluster of 1, 2 and 4 workers),
sampled Shapley values against coopgame-py's sampler, and the memory of a large tournament.

1. A sweep of the trust case study over 16 parameter points (T x R), with
   :func:`govgames.games.sweep.sweep`: serial, then on ``LocalCluster(n_workers=k,
   threads_per_worker=1, processes=True)`` for k = 1, 2, 4 (the clusters are started, and
   every worker has run the case once, before timing; the tables must equal the serial one).
2. A round-robin tournament of 120 random memory-one strategies (``--turns``, ``--reps``),
   the same configurations; the scores must equal the serial ones bit for bit.
3. Sampled Shapley value of a random 20-player game in exact mode: CPU time of govgames
   (serial, vectorised) against coopgame-py's ``shapley_sampling`` (Rust) for the same number
   of permutations, hence the same standard error (both report it); then govgames' wall-clock
   speed-up on the clusters for a larger number of permutations.
4. Peak memory (maximum resident set size of a fresh process) and wall time of a 120-strategy,
   1000-turn, 50-repetition tournament with every move in one array (the previous layout:
   ``_CHUNK_SEAT_TURNS`` and ``_BLOCK_SEAT_TURNS`` set beyond the tournament's size) and with
   the default chunks of 2**25 moves.

Timing: the configurations are called interleaved, round after round, and the median of
``--rounds`` (at least 5) rounds is reported. Speed-ups on other processes are wall-clock
ratios (the CPU time of the calling process does not count the workers); the comparison with
coopgame-py (one process, both single-threaded calls) is in CPU time. The load average is
printed before and after: other jobs on the machine share its cores.

Run:  python benchmarks/bench_parallel.py [--quick]
Writes the tables to benchmarks/results/parallel.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_line, markdown_table, write_result  # noqa: E402
from govgames.analyses.commands.sweep import case_numbers  # noqa: E402
from govgames.games.repeated import random_memory_one, round_robin_tournament  # noqa: E402
from govgames.games.sweep import sweep  # noqa: E402
from govgames.networks import CoalitionalGame, shapley_value  # noqa: E402

try:
    import coopgame
except ImportError:  # pragma: no cover
    coopgame = None


def _coopgame_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"coopgame-py {version('coopgame-py')}."
    except PackageNotFoundError:
        return "coopgame-py not installed."


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def wall(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def cpu(fn):
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def interleaved(calls: dict, rounds: int, clock=wall) -> tuple:
    """``({name: median seconds}, {name: last result})``, the calls made round after round."""
    times = {k: [] for k in calls}
    last = {}
    for _ in range(rounds):
        for k, fn in calls.items():
            t, last[k] = clock(fn)
            times[k].append(t)
    return {k: statistics.median(v) for k, v in times.items()}, last


def fmt(t):
    return f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.2f} s"


def speedup_rows(what, med, ref="serial"):
    return [[what, k, fmt(t), f"{med[ref] / t:.2f}x"] for k, t in med.items()]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="smaller tournament and sampling sizes (the sweep and the memory "
                         "section are the same)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--turns", type=int, default=None)
    ap.add_argument("--reps", type=int, default=None)
    ap.add_argument("--no-memory", action="store_true", help="skip the 1.3 GB memory section")
    ap.add_argument("--no-sweep", action="store_true",
                    help="skip the sweep of the trust case (16 points x 4 runs x rounds)")
    ap.add_argument("--out", default="parallel",
                    help="results file name under benchmarks/results (without .md)")
    args = ap.parse_args(argv)
    if args.rounds < 5:
        ap.error("--rounds must be at least 5 (medians of at least 5 calls)")
    from dask.distributed import Client, LocalCluster

    workers = [int(k) for k in args.workers.split(",")]
    turns = args.turns or (100 if args.quick else 200)
    reps = args.reps or (4 if args.quick else 10)
    n_perm_big = 100_000 if args.quick else 400_000
    header = (f"# Parallel runs: serial vs Dask LocalCluster\n\n"
              f"{machine_line(['numpy', 'pandas', 'dask', 'distributed'])} {_coopgame_version()} "
              f"{os.cpu_count()} logical cores. Load average at start: {load()}.\n")
    print(header, flush=True)

    clusters = {}
    for k in workers:
        cl = LocalCluster(n_workers=k, threads_per_worker=1, processes=True,
                          dashboard_address=None)
        clusters[f"Dask, {k} worker{'s' if k > 1 else ''}"] = Client(cl)
    out = [header]
    try:
        # ------------------------------------------------------------------ 1. sweep
        grid = {"T": [4.0, 4.5, 5.0, 5.5], "R": [3.0, 3.2, 3.4, 3.6]}

        def sweep_on(ex):
            return lambda: sweep(_trust, grid, executor=ex, progress=False)

        rows = []
        if not args.no_sweep:
            for c in clusters.values():           # warm-up: every worker imports and runs
                sweep(_trust, grid, executor=c.get_executor(), progress=False)
            calls = {"serial": sweep_on(None)}
            calls.update({k: sweep_on(c.get_executor()) for k, c in clusters.items()})
            med, res = interleaved(calls, args.rounds)
            for k in res:
                pd.testing.assert_frame_equal(res[k], res["serial"])
            assert res["serial"]["error"].isna().all()
            rows = speedup_rows("trust case, 16-point sweep", med)
            print(rows, flush=True)

        # ------------------------------------------------------------------ 2. tournament
        strategies = random_memory_one(120, seed=0, initial=0.5)
        kw = dict(turns=turns, repetitions=reps, noise=0.01, seed=3)

        def tour_on(ex):
            return lambda: round_robin_tournament(strategies, executor=ex, progress=False,
                                                  **kw)

        for c in clusters.values():
            tour_on(c.get_executor())()
        calls = {"serial": tour_on(None)}
        calls.update({k: tour_on(c.get_executor()) for k, c in clusters.items()})
        med_t, res = interleaved(calls, args.rounds)
        for k in res:
            assert np.array_equal(res[k].scores, res["serial"].scores), k
        rows_t = speedup_rows(f"tournament, 120 memory-one strategies, {turns} turns, "
                              f"{reps} repetitions", med_t)
        print(rows_t, flush=True)

        # ------------------------------------------------------------------ 3. sampled Shapley
        n = 20
        rng = np.random.default_rng(0)
        v = rng.uniform(0, 10, 1 << n)
        v[0] = 0.0
        game = CoalitionalGame(range(n), v)
        n_perm = 20_000
        peer_rows = []
        calls = {"govgames": lambda: shapley_value(game, method="sample", n_samples=n_perm,
                                                   seed=0)}
        if coopgame is not None:
            cg = coopgame.Game(v[1:])
            calls["coopgame-py"] = lambda: coopgame.shapley_sampling(cg, n_perm, seed=0)
        med_s, res = interleaved(calls, args.rounds, clock=cpu)
        se_gov = max(res["govgames"].std_errors.values())
        peer_rows.append(["govgames shapley_value(method='sample')", fmt(med_s["govgames"]),
                          "1.00x", f"{se_gov:.4f}"])
        if coopgame is not None:
            se_cg = max(res["coopgame-py"]["standard_errors"])
            peer_rows.append(["coopgame-py shapley_sampling (Rust)", fmt(med_s["coopgame-py"]),
                              f"{med_s['govgames'] / med_s['coopgame-py']:.2f}x "
                              "(govgames time / coopgame time)", f"{se_cg:.4f}"])
        print(peer_rows, flush=True)

        def shap_on(ex):
            return lambda: shapley_value(game, method="sample", n_samples=n_perm_big, seed=1,
                                         executor=ex, progress=False)

        for c in clusters.values():
            shap_on(c.get_executor())()
        calls = {"serial": shap_on(None)}
        calls.update({k: shap_on(c.get_executor()) for k, c in clusters.items()})
        med_b, res = interleaved(calls, args.rounds)
        for k in res:
            assert res[k].values == res["serial"].values, k
        rows_s = speedup_rows(f"sampled Shapley, n = 20 (exact mode), {n_perm_big:,} "
                              "permutations", med_b)
        print(rows_s, flush=True)
    finally:
        for c in clusters.values():
            cluster = c.cluster
            c.close()
            cluster.close()

    out += ["## Speed-up against the serial run (wall clock, median of "
            f"{args.rounds} interleaved rounds)\n",
            *markdown_table(["job", "run", "time", "speed-up"], rows + rows_t + rows_s), "",
            "Every parallel result equals the serial one (" + ("the sweep table exactly, "
            if rows else "") + "the tournament scores and the Shapley estimates bit for "
            "bit).\n",
            f"## Sampled Shapley value, random 20-player game, {n_perm:,} permutations, one "
            f"process (CPU time, median of {args.rounds} interleaved calls)\n",
            *markdown_table(["sampler", "CPU time", "ratio", "max standard error"], peer_rows),
            "", "Both draw uniform random orders (Castro, Gomez and Tejada 2009), so the same "
            "number of permutations gives the same standard error up to noise; the ratio is "
            "the cost of the same error.\n"]

    # ------------------------------------------------------------------ 4. memory
    if not args.no_memory:
        big = dict(turns=1000, repetitions=50)
        mem_rows, sums = [], []
        for label, patch in [("one array for all moves (previous layout)", True),
                             ("chunks of 2**25 moves (default)", False)]:
            peak, secs, total = _memory_run(big, patch)
            sums.append(total)
            mem_rows.append([label, f"{peak / 2 ** 20:.0f} MiB", f"{secs:.1f} s"])
            print(mem_rows[-1], flush=True)
        assert sums[0] == sums[1], sums
        out += [f"## Memory: 120 memory-one strategies, {big['turns']} turns, "
                f"{big['repetitions']} repetitions, serial\n",
                *markdown_table(["layout", "peak resident memory (process)", "wall time"],
                                mem_rows), "",
                "Peak resident set size of a fresh Python process running the tournament "
                "(includes the interpreter and libraries, about 100 MiB). Same scores in both "
                "layouts.\n"]
    out.append(f"Load average at end: {load()}.")
    text = "\n".join(out)
    print(text)
    print("wrote", write_result(args.out, text))
    return 0


def _trust(T, R):
    """The trust case's key numbers at one point (module-level: picklable)."""
    return case_numbers("trust", T=T, R=R)


_MEMORY_SCRIPT = textwrap.dedent("""
    import resource, sys, time
    from govgames.games.repeated import play, random_memory_one, round_robin_tournament
    turns, reps, patch = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
    if patch:
        play._CHUNK_SEAT_TURNS = play._BLOCK_SEAT_TURNS = 1 << 62
    s = random_memory_one(120, seed=0, initial=0.5)
    t = time.perf_counter()
    r = round_robin_tournament(s, turns=turns, repetitions=reps, noise=0.01, seed=3,
                               progress=False)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, time.perf_counter() - t,
          repr(float(r.scores.sum())))
""")


def _memory_run(big, patch):
    res = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(big["turns"]),
                          str(big["repetitions"]), "1" if patch else "0"],
                         capture_output=True, text=True, check=True)
    peak, secs, total = res.stdout.split()
    return int(peak), float(secs), total


if __name__ == "__main__":
    sys.exit(main())

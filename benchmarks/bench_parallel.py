"""Benchmark: work split over processes (serial vs a Dask LocalCluster of 1, 2 and 4 workers),
sampled Shapley values against coopgame-py's sampler, and the memory of a large tournament.

1. A sweep of the trust case study over 16 parameter points (T x R), with
   :func:`govgames.games.sweep.sweep`: serial, then on ``LocalCluster(n_workers=k,
   threads_per_worker=1, processes=True)`` for k = 1, 2, 4 (the clusters are started, and
   every worker has run the case once, before timing; the tables must equal the serial one).
2. Round-robin tournaments of 120 random memory-one strategies, the same configurations: a
   large one (``--turns`` x ``--reps``, default 1000 x 50, 726 million moves, a few seconds
   serially) and a small one (200 x 10, 29 million moves, below the 2**26 moves under which a
   tournament runs in the calling process even when an executor is given: its rows show
   that rule, not the cluster). The scores must equal the serial ones bit for bit.
3. Sampled Shapley value of a random 20-player game in exact mode: CPU time of govgames
   (serial, vectorised) against coopgame-py's ``shapley_sampling`` (Rust) for the same number
   of permutations, hence the same standard error (both report it); then govgames' wall-clock
   speed-up on the clusters for a larger number of permutations.
4. Peak memory (the high-water mark of resident memory, ``VmHWM``, of a fresh process), CPU
   and wall time of a 120-strategy, 1000-turn, 50-repetition tournament with every move in
   one array (the previous layout: ``_CHUNK_SEATS`` and ``_HISTORY_BYTES`` set beyond the
   tournament's size, so one chunk holds all seats and all turns) and with the default
   layout (chunks of 2**14 seats, outcomes counted every MiB of moves). The two layouts run
   in turn, ``--rounds`` times each. ``VmHWM`` is read from ``/proc/self/status``: the
   ``ru_maxrss`` of ``getrusage`` that earlier versions reported is inherited across
   ``fork``/``exec`` on Linux, so a child of a large benchmark process reported the parent's
   peak.

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
    ap.add_argument("--no-memory", action="store_true", help="skip the 1 GB memory section")
    ap.add_argument("--no-sweep", action="store_true",
                    help="skip the sweep of the trust case (16 points x 4 runs x rounds)")
    ap.add_argument("--out", default="parallel",
                    help="results file name under benchmarks/results (without .md)")
    args = ap.parse_args(argv)
    if args.rounds < 5:
        ap.error("--rounds must be at least 5 (medians of at least 5 calls)")
    from dask.distributed import Client, LocalCluster

    workers = [int(k) for k in args.workers.split(",")]
    turns = args.turns or (400 if args.quick else 1000)
    reps = args.reps or (20 if args.quick else 50)
    n_perm_big = 400_000 if args.quick else 4_000_000
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
        rows_t = []
        for t_, r_ in [(turns, reps), (200, 10)]:
            rows_t += _tournament_rows(strategies, t_, r_, clusters, args.rounds)
            print(rows_t[-len(clusters) - 1:], flush=True)

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
                              f"{med_s['coopgame-py'] / med_s['govgames']:.2f}x "
                              "(coopgame time / govgames time)", f"{se_cg:.4f}"])
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
            assert dict(res[k]) == dict(res["serial"]), k
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
        out += _memory_section(dict(turns=1000, repetitions=50), args.rounds)
    out.append(f"Load average at end: {load()}.")
    text = "\n".join(out)
    print(text)
    print("wrote", write_result(args.out, text))
    return 0


def _trust(T, R):
    """The trust case's key numbers at one point (module-level: picklable)."""
    return case_numbers("trust", T=T, R=R)


def _tournament_rows(strategies, turns, reps, clusters, rounds) -> list:
    """Speed-up rows of one tournament size, serial and on every cluster (same bits)."""
    kw = dict(turns=turns, repetitions=reps, noise=0.01, seed=3, progress=False)

    def tour_on(ex):
        return lambda: round_robin_tournament(strategies, executor=ex, **kw)

    for c in clusters.values():
        tour_on(c.get_executor())()
    calls = {"serial": tour_on(None)}
    calls.update({k: tour_on(c.get_executor()) for k, c in clusters.items()})
    med, res = interleaved(calls, rounds)
    for k in res:
        assert np.array_equal(res[k].scores, res["serial"].scores), k
    moves = 120 * 121 * turns * reps
    return speedup_rows(f"tournament, 120 memory-one strategies, {turns} turns, {reps} "
                        f"repetitions ({moves / 1e6:.0f} million moves)", med)


_MEMORY_SCRIPT = textwrap.dedent("""
    import sys, time

    def hwm():
        with open("/proc/self/status") as f:
            return next(int(x.split()[1]) * 1024 for x in f if x.startswith("VmHWM"))

    import pandas  # noqa: F401  (the result's tables; counted in the baseline)
    from govgames.games.repeated import play, random_memory_one, round_robin_tournament
    turns, reps, patch = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
    if patch:
        play._CHUNK_SEATS = play._HISTORY_BYTES = 1 << 62
    s = random_memory_one(120, seed=0, initial=0.5)
    base = hwm()
    t, c = time.perf_counter(), time.process_time()
    r = round_robin_tournament(s, turns=turns, repetitions=reps, noise=0.01, seed=3,
                               progress=False)
    print(base, hwm(), time.process_time() - c, time.perf_counter() - t,
          repr(float(r.scores.sum())))
""")

LAYOUTS = [("one array for all moves (previous layout, same kernel)", True),
           ("chunks of 2**14 seats, outcomes counted as played (default)", False)]


def _memory_run(big, patch):
    res = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, str(big["turns"]),
                          str(big["repetitions"]), "1" if patch else "0"],
                         capture_output=True, text=True, check=True)
    base, peak, cpu_s, wall_s, total = res.stdout.split()
    return int(base), int(peak), float(cpu_s), float(wall_s), total


def _memory_section(big, rounds) -> list:
    """Peak memory and time of the large tournament in both layouts, fresh processes run in
    turn (``rounds`` each); the scores' sum must agree."""
    runs = {label: [] for label, _ in LAYOUTS}
    for _ in range(rounds):
        for label, patch in LAYOUTS:
            runs[label].append(_memory_run(big, patch))
    mib = 2 ** 20
    rows, sums = [], set()
    for label, _ in LAYOUTS:
        r = runs[label]
        sums |= {x[4] for x in r}
        base, peak = statistics.median(x[0] for x in r), max(x[1] for x in r)
        rows.append([label, f"{peak / mib:.0f} MiB", f"{(peak - base) / mib:.0f} MiB",
                     fmt(statistics.median(x[2] for x in r)),
                     fmt(statistics.median(x[3] for x in r))])
        print(rows[-1], flush=True)
    assert len(sums) == 1, sums
    return [f"## Memory: 120 memory-one strategies, {big['turns']} turns, "
            f"{big['repetitions']} repetitions, serial\n",
            *markdown_table(["layout", "peak resident memory (process)",
                             "of which the tournament", f"CPU time (median of {rounds})",
                             f"wall time (median of {rounds})"], rows), "",
            "Peak resident memory (VmHWM) of a fresh Python process that imports govgames and "
            "pandas (the rest: interpreter, numpy, scipy, sympy, pandas) and runs the "
            "tournament once; the layouts run in turn. Same scores in both layouts.\n"]


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: mixed equilibria of N-player games, govgames against pygambit.

Part 1, *all equilibria*: govgames `enumerate_equilibria` (support enumeration, exact Groebner
bases and certified real roots), and its floating-point path `enumerate_equilibria(...,
rational=False)` (large supports by interval subdivision with the Krawczyk test, each root
certified numerically; float output like pygambit's, so this row is the like-for-like one),
against pygambit's `enumpoly_solve` (support enumeration with
floating-point polynomial solving; its fastest documented way of listing all equilibria of an
N-player game) and `gnm_solve` (global Newton method; finds some equilibria, not all), on the
McKelvey-McLennan 2x2x2 game and random games with integer payoffs in -100..100.

Part 2, *one equilibrium* of larger games: govgames `logit_path_equilibrium` against pygambit's
`logit_solve` and `gnm_solve`.

Every peer equilibrium is matched (max difference 1e-5) with one of govgames' (which are
certified exactly); the table says how many each tool returned and whether its answer is
complete (all of govgames' equilibria found). Times are CPU seconds (`time.process_time`) of
the solve call, tools interleaved inside every repetition, median of `--reps` repetitions; each
row sums the instances of one shape. No garbage collection is forced.

Run:  python benchmarks/bench_nplayer.py [--quick] [--reps 5] [--instances 3] [--only all|one]
Writes the tables to benchmarks/results/nplayer.md (not with --quick or --only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
from _common import machine_line, markdown_table, write_result  # noqa: E402
from govgames.games import NormalFormGame  # noqa: E402
from govgames.games.nplayer import enumerate_equilibria, logit_path_equilibrium, regret  # noqa: E402


def mckelvey_mclennan():
    P = np.zeros((3, 2, 2, 2), dtype=int)
    P[:, 0, 0, 0] = 9, 8, 12
    P[:, 1, 1, 0] = 9, 8, 2
    P[:, 0, 1, 1] = 3, 4, 6
    P[:, 1, 0, 1] = 3, 4, 6
    return P


def cpu(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def ours_all(P, rational=True):
    res = enumerate_equilibria(NormalFormGame(P), rational=rational)
    pts = [np.concatenate(e.profile) for e in res.equilibria]
    pts += [np.concatenate(s.profile) for c in res.components for s in c.samples]
    return pts, len(res.components)


def ours_all_float(P):
    return ours_all(P, rational=False)


def _gbt(P):
    import pygambit as gbt

    return gbt, gbt.StrategicGame.from_arrays(*[np.asarray(P[i], dtype=int) for i in range(P.shape[0])])


def _points(G, res):
    return [np.array([float(v) for pl in G.players for _, v in eq[pl]]) for eq in res.equilibria]


def gambit_enumpoly(P):
    gbt, G = _gbt(P)
    return _points(G, gbt.nash.enumpoly_solve(G))


def gambit_gnm(P):
    gbt, G = _gbt(P)
    return _points(G, gbt.nash.gnm_solve(G))


def gambit_logit(P):
    gbt, G = _gbt(P)
    eq = gbt.nash.logit_solve(G).equilibrium
    return [np.array([float(v) for pl in G.players for _, v in eq[pl]])]


def ours_one(P):
    e = logit_path_equilibrium(NormalFormGame(P))
    return [np.concatenate(e.profile)]


def _matched(theirs, ours):
    return sum(any(np.abs(x - o).max() < 1e-5 for o in ours) for x in theirs)


def part_all(shapes, instances, reps, rng, skip=False):
    tools = {"govgames": ours_all, "govgames float": ours_all_float,
             "pygambit enumpoly": gambit_enumpoly, "pygambit gnm": gambit_gnm}
    rows = []
    for shape in shapes:
        games = ([mckelvey_mclennan()] if shape == "MM" else
                 [rng.integers(-100, 101, size=(len(shape),) + shape) for _ in range(instances)])
        if skip:  # --only one: draw the same games (the generator state), solve nothing
            continue
        times = {t: [] for t in tools}
        answers = {}
        for _ in range(reps):
            for tool, fn in tools.items():  # interleaved
                total = 0.0
                for k, P in enumerate(games):
                    dt, out = cpu(fn, P)
                    total += dt
                    answers[tool, k] = out
                times[tool].append(total)
        n_ours = sum(len(answers["govgames", k][0]) for k in range(len(games)))
        comps = sum(answers["govgames", k][1] for k in range(len(games)))
        for k in range(len(games)):  # the float path lists the same equilibria
            a, b = answers["govgames", k][0], answers["govgames float", k][0]
            assert len(a) == len(b) and _matched(b, a) == len(b), f"float path differs at {shape}"
        cells = []
        for tool in ("pygambit enumpoly", "pygambit gnm"):
            got = matched = missing = 0
            for k in range(len(games)):
                ours = answers["govgames", k][0]
                theirs = answers[tool, k]
                got += len(theirs)
                matched += _matched(theirs, ours)
                missing += len(ours) - _matched(ours, theirs)
            assert matched == got, f"govgames missed an equilibrium of {tool} at {shape}"
            cells.append(f"{got} ({'complete' if missing == 0 else f'misses {missing}'})")
        med = {t: statistics.median(v) for t, v in times.items()}
        label = "2x2x2 McKelvey-McLennan" if shape == "MM" else "x".join(map(str, shape))
        rows.append([label, len(games), f"{n_ours}" + (f" + {comps} continua" if comps else ""),
                     cells[0], cells[1], f"{med['govgames']:.4f}", f"{med['govgames float']:.4f}",
                     f"{med['pygambit enumpoly']:.4f}", f"{med['pygambit gnm']:.4f}",
                     f"{med['pygambit enumpoly'] / med['govgames']:.2f}x",
                     f"{med['pygambit enumpoly'] / med['govgames float']:.2f}x",
                     f"{med['pygambit gnm'] / med['govgames']:.2f}x"])
        print(rows[-1], flush=True)
    return rows


def part_one(shapes, instances, reps, rng):
    tools = {"govgames logit": ours_one, "pygambit logit": gambit_logit, "pygambit gnm": gambit_gnm}
    rows = []
    for shape in shapes:
        games = [rng.integers(-100, 101, size=(len(shape),) + shape) for _ in range(instances)]
        times = {t: [] for t in tools}
        worst = {t: 0.0 for t in tools}
        for _ in range(reps):
            for tool, fn in tools.items():
                total = 0.0
                for P in games:
                    dt, out = cpu(fn, P)
                    total += dt
                    span = max(np.ptp(P[i]) for i in range(P.shape[0]))
                    for x in out:
                        xs = np.split(x, np.cumsum(P.shape[1:])[:-1])
                        worst[tool] = max(worst[tool], regret(P, xs) / span)
                times[tool].append(total)
        med = {t: statistics.median(v) for t, v in times.items()}
        rows.append(["x".join(map(str, shape)), len(games)]
                    + [f"{med[t]:.4f}" for t in tools]
                    + [f"{worst[t]:.1e}" for t in tools]
                    + [f"{med['pygambit logit'] / med['govgames logit']:.2f}x",
                       f"{med['pygambit gnm'] / med['govgames logit']:.2f}x"])
        print(rows[-1], flush=True)
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="tiny sizes, one repetition, no file")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--instances", type=int, default=3)
    ap.add_argument("--only", choices=["all", "one"],
                    help="run one part only (same game instances as the full run; no file)")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(2026)
    if args.quick:
        shapes_all, shapes_one, reps, inst = ["MM", (2, 2, 2)], [(3, 3, 3)], 1, 1
    else:
        shapes_all = ["MM", (2, 2, 2), (3, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 3, 3), (3, 2, 2, 2)]
        shapes_one = [(4, 4, 4), (5, 5, 5), (2,) * 6, (3,) * 5]
        reps, inst = args.reps, args.instances
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    rows_all = part_all(shapes_all, inst, reps, rng, skip=args.only == "one")
    rows_one = [] if args.only == "all" else part_one(shapes_one, inst, reps, rng)
    load_end = os.getloadavg()
    if args.quick or args.only:
        print(f"load average {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f} at the end")
        return rows_all, rows_one
    text = ["# Mixed equilibria of N-player games", "",
            f"Command: `python benchmarks/bench_nplayer.py --reps {reps} --instances {inst}` "
            "(generator seed 2026; random integer payoffs in -100..100; CPU seconds of the solve "
            f"calls, tools interleaved in each repetition, median of {reps}; each row sums its "
            "instances).", "",
            machine_line(["numpy", "flint", "pygambit"]),
            f"Load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start, "
            f"{load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f} at the end.", "",
            "## All equilibria", "",
            "govgames: `enumerate_equilibria` (exact; every equilibrium of each support with "
            "finitely many solutions, certified; continua reported); govgames float: the same "
            "with `rational=False` (floats, each root certified numerically or solved exactly; "
            "the like-for-like row for pygambit's float output). pygambit `enumpoly_solve` "
            "claims all equilibria, `gnm_solve` finds some. A peer's answer is *complete* when it "
            "contains every equilibrium govgames found; every equilibrium a peer found was also "
            "found by govgames (checked). Ratio = peer time / govgames time (above 1: govgames "
            "faster).", ""]
    text += markdown_table(["game", "instances", "govgames #eq", "enumpoly #eq", "gnm #eq",
                            "govgames s", "govgames float s", "enumpoly s", "gnm s",
                            "enumpoly / govgames", "enumpoly / govgames float",
                            "gnm / govgames"], rows_all)
    text += ["", "## One equilibrium of larger games", "",
             "govgames: `logit_path_equilibrium` (logit path following, end refined exactly on its "
             "support when small, else by Newton's method). pygambit: `logit_solve` and "
             "`gnm_solve`. *regret* is the largest gain from a pure deviation divided by the "
             "payoff range (0 for an exact equilibrium).", ""]
    text += markdown_table(["game", "instances", "govgames logit s", "pygambit logit s",
                            "pygambit gnm s", "govgames regret", "pygambit logit regret",
                            "pygambit gnm regret", "logit / govgames", "gnm / govgames"], rows_one)
    out = write_result("nplayer", "\n".join(text))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

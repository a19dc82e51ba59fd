"""Benchmark: all equilibria of 2-player games, m x m for m = 4 ... 12.

govgames' exact vertex enumeration (`govgames.games.twoplayer.vertex_enumeration`) and support enumeration
(`govgames.games.twoplayer.support_enumeration`, exact) against nashpy (support and vertex enumeration),
pygambit's exact `enummixed_solve(rational=True)` and quantecon's numba `support_enumeration` and
`vertex_enumeration` (JIT warmed up first), on the same games in one run.

Two workloads:

* random games with integer payoffs in [-1000, 1000] (nondegenerate with probability one), fixed
  seeds, m = 4, 6, 8, 10, 12;
* degenerate random games with payoffs in {0, 1, 2}, where the exact set of extreme equilibria
  is compared with pygambit's (the reference) and every tool's count is shown.

Every solve runs in a forked child process with a time cap (--cap seconds; a peer that exceeds
it is marked "> cap" and not run at larger m). Times are CPU seconds of the child
(`time.process_time`), which is less sensitive than wall time to other jobs on a shared machine.
govgames' equilibria are checked exactly against pygambit's wherever pygambit finished.

Run:  python benchmarks/bench_twoplayer.py [--quick] [--cap SECONDS]
Writes the tables to benchmarks/results/twoplayer.md.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import platform
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np


from govgames.games import NormalFormGame, is_equilibrium  # noqa: E402
from govgames.games.twoplayer import is_degenerate, support_enumeration, vertex_enumeration  # noqa: E402

SEED = 2024


# --------------------------------------------------------------------------- the solvers
def gg_vertex(A, B):
    eqs = list(vertex_enumeration(NormalFormGame([A, B])))
    return {(e.exact_profile[0], e.exact_profile[1]) for e in eqs}


def gg_support(A, B):
    eqs = list(support_enumeration(NormalFormGame([A, B])))
    return {(e.exact_profile[0], e.exact_profile[1]) for e in eqs}


def nashpy_support(A, B):
    import warnings

    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(A, B).support_enumeration()]


def nashpy_vertex(A, B):
    import warnings

    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(np.asarray(x), np.asarray(y)) for x, y in nashpy.Game(A, B).vertex_enumeration()]


def gambit_enummixed(A, B):
    import pygambit as gbt

    game = gbt.StrategicGame.from_arrays(A.astype(int), B.astype(int))
    res = gbt.nash.enummixed_solve(game, rational=True)
    return {tuple(tuple(Fraction(str(v)) for _, v in eq[p]) for p in game.players)
            for eq in res.equilibria}


def _qe_game(A, B):
    from quantecon import game_theory as gt

    return gt.NormalFormGame((gt.Player(A.astype(float)), gt.Player(B.T.astype(float))))


def quantecon_support(A, B):
    from quantecon import game_theory as gt

    return [(np.asarray(x), np.asarray(y)) for x, y in gt.support_enumeration(_qe_game(A, B))]


def quantecon_vertex(A, B):
    from quantecon import game_theory as gt

    return [(np.asarray(x), np.asarray(y)) for x, y in gt.vertex_enumeration(_qe_game(A, B))]


SOLVERS = {
    "govgames vertex": gg_vertex,
    "govgames support": gg_support,
    "pygambit enummixed": gambit_enummixed,
    "quantecon support": quantecon_support,
    "quantecon vertex": quantecon_vertex,
    "nashpy support": nashpy_support,
    "nashpy vertex": nashpy_vertex,
}


def _warm_up():
    """Compile quantecon's numba code once in the parent; forked children inherit it."""
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    try:
        quantecon_support(A, A.T)
        quantecon_vertex(A, A.T)
    except Exception:  # pragma: no cover - optional peer
        pass


# --------------------------------------------------------------------------- timing in a child
def _child(conn, name, A, B):
    try:
        fn = SOLVERS[name]
        t = time.process_time()
        out = fn(A, B)
        cpu = time.process_time() - t
        conn.send(("ok", cpu, out))
    except Exception as exc:  # report the peer's failure in the table
        conn.send(("error", 0.0, f"{type(exc).__name__}: {exc}"[:60]))
    finally:
        conn.close()


def run_capped(name, A, B, cap):
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, name, A, B))
    proc.start()
    child.close()
    if parent.poll(cap):
        status, cpu, out = parent.recv()
        proc.join()
        return status, cpu, out
    proc.kill()
    proc.join()
    return "timeout", cap, None


# --------------------------------------------------------------------------- the workloads
def random_game(m, low, high, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(low, high + 1, (m, m)), rng.integers(low, high + 1, (m, m))


def fmt_time(status, t, cap):
    if status == "timeout":
        return f"> {cap:g}"
    if status == "error":
        return "error"
    return f"{t:.3f}" if t < 10 else f"{t:.1f}"


def _count(out, A, B):
    """'n' for exact outputs; 'n (k not eq.)' for float outputs with k non-equilibria."""
    if isinstance(out, set):
        return str(len(out))
    g = NormalFormGame([A, B])
    bad = sum(not is_equilibrium(g, [x, y], tol=1e-6) for x, y in out)
    return f"{len(out)} ({bad} not eq.)" if bad else str(len(out))


def bench(workloads, cap, names, title, lines, label="m"):
    """Time every solver on each (label, A, B) workload; append the tables to ``lines``."""
    dropped = set()
    header = [label, "#eq (exact)", "degenerate"] + [f"{n} s" for n in names] + \
        [f"{n} / govgames vertex" for n in names[1:]]
    lines += [f"### {title}", "", "| " + " | ".join(header) + " |",
              "|" + "---|" * len(header)]
    counts_lines = []
    for tag, A, B in workloads:
        degenerate = is_degenerate(NormalFormGame([A, B]))
        results = {}
        for name in names:
            if name in dropped:
                results[name] = ("skipped", None, None)
                continue
            results[name] = run_capped(name, A, B, cap)
            if results[name][0] == "timeout":
                dropped.add(name)
            print(f"{label}={tag} {name:20s} "
                  f"{fmt_time(results[name][0], results[name][1], cap):>8s}", flush=True)
        ours = results["govgames vertex"]
        ref = results.get("pygambit enummixed")
        n_eq = len(ours[2]) if ours[0] == "ok" else None
        if ref and ref[0] == "ok" and ours[0] == "ok":
            assert ours[2] == ref[2], f"govgames vertex differs from pygambit at {label}={tag}"
        row = [str(tag), str(n_eq), "yes" if degenerate else "no"]
        for name in names:
            st, t, _ = results[name]
            row.append("-" if st == "skipped" else fmt_time(st, t, cap))
        base = ours[1] if ours[0] == "ok" else None
        for name in names[1:]:
            st, t, _ = results[name]
            if st == "ok" and base:
                row.append(f"{t / base:.2g}x")
            elif st == "timeout" and base:
                row.append(f"> {cap / base:.0f}x")
            else:
                row.append("-")
        lines.append("| " + " | ".join(row) + " |")
        cnt = []
        for name in names:
            st, _, out = results[name]
            cnt.append(_count(out, A, B) if st == "ok" else st)
        counts_lines.append("| " + " | ".join([str(tag)] + cnt) + " |")
    lines += ["", f"Equilibria returned ({title[0].lower() + title[1:]}); for floating-point "
              "tools, profiles that fail `govgames.games.is_equilibrium(tol=1e-6)` are counted in "
              "brackets:", "",
              f"| {label} | " + " | ".join(names) + " |", "|" + "---|" * (len(names) + 1)]
    lines += counts_lines + [""]


def stengel_75():
    """Von Stengel's (1999) 6x6 game with 75 equilibria (see tests/test_twoplayer_stengel75.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from test_twoplayer_stengel75 import stengel_game

    A, B = stengel_game().numeric_payoffs()
    return A.astype(np.int64), B.astype(np.int64)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="m = 4, 6, 8 only")
    ap.add_argument("--cap", type=float, default=60.0, help="time cap per solve (seconds)")
    args = ap.parse_args(argv)
    sizes = [4, 6, 8] if args.quick else [4, 6, 8, 10, 12]
    _warm_up()
    import nashpy
    import pygambit
    import quantecon

    names = list(SOLVERS)
    lines = ["# 2-player games: all equilibria", "",
             f"Command: `python benchmarks/bench_twoplayer.py{' --quick' if args.quick else ''}"
             f"{'' if args.cap == 60 else f' --cap {args.cap:g}'}` (seed {SEED} + m; "
             f"CPU seconds of one solve in a forked child; cap {args.cap:g} s per solve, a tool "
             "that hits the cap is not run at larger m).", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, numpy "
             f"{np.__version__}, nashpy {nashpy.__version__}, pygambit {pygambit.__version__}, "
             f"quantecon {quantecon.__version__}. Shared 2-core machine: expect noise.", "",
             "govgames vertex enumeration is exact and checked equal to pygambit's exact "
             "`enummixed` (as sets of rational profiles) at every m where pygambit finished.", ""]
    bench([(m, *random_game(m, -1000, 1000, SEED + m)) for m in sizes], args.cap, names,
          "Random games, integer payoffs in [-1000, 1000]", lines)
    bench([(m, *random_game(m, 0, 2, SEED + m)) for m in sizes], args.cap, names,
          "Degenerate random games, payoffs in {0, 1, 2}", lines)
    bench([("6x6", *stengel_75())], args.cap, names,
          "Von Stengel's 6x6 game with 75 equilibria (payoffs up to 1.7 million)", lines,
          label="game")
    lines += ["Ratios are the peer's time divided by govgames vertex enumeration's (above 1: "
              "govgames is faster). quantecon's support enumeration and nashpy's methods use "
              "floating point and equal-size supports or float vertex enumeration; on degenerate "
              "games their counts differ from the exact set of extreme equilibria (pygambit "
              "and govgames vertex agree exactly)."]
    text = "\n".join(lines) + "\n"
    out = Path(__file__).resolve().parent / "results" / "twoplayer.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()

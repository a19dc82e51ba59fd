"""Benchmark: all extreme equilibria of 2-player games, m x m for m = 8 ... 16.

govgames' exact vertex enumeration (`govgames.games.twoplayer.vertex_enumeration`) against each
peer called its fastest documented way, on the same game instances, in one process:

* pygambit `enummixed_solve(rational=True, lrsnash_path=...)`: lrslib's `lrsnash` (C, GMP),
  exact; its CPU time (a child process) is counted;
* pygambit `enummixed_solve(rational=True)`: Gambit's internal exact path (small m only);
* quantecon `vertex_enumeration` and `support_enumeration` (numba, floating point; JIT warmed
  up before timing, as is govgames' numba kernel).

Workloads: random games with integer payoffs in [-1000, 1000] (nondegenerate with probability
one) and degenerate random games with payoffs in {0, 1, 2}, fixed seeds, plus von Stengel's
(1999) 6x6 game with 75 equilibria.

Timing: CPU time of this process and its finished children (`resource.getrusage`), the calls of
all tools interleaved round by round, median of `--repeat` (>= 5) rounds; the garbage collector
is never invoked. A tool whose first call exceeds `--cap` CPU seconds is called once only and
not run at larger m. The load average is printed before every workload.

Completeness: govgames' exact set is asserted equal to lrsnash's. For every other tool the table
says whether its answer is the complete set: exact tools are compared as sets of rational
profiles; a float profile counts as found when it is within 1e-6 of an exact extreme
equilibrium, and float profiles that fail `is_equilibrium(tol=1e-6)` are counted as wrong.

Set-up: `apt-get install lrslib` (Debian/Ubuntu package providing `/usr/bin/lrsnash`) and
`pip install -e '.[bench]'`.

Run:  python benchmarks/bench_twoplayer.py [--quick] [--repeat N] [--cap SECONDS]
Writes benchmarks/results/twoplayer.md.
"""

from __future__ import annotations

import argparse
import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
from _common import interleaved, load_line, machine_line, markdown_table, write_result
from govgames.games import NormalFormGame, is_equilibrium
from govgames.games.twoplayer import vertex_enumeration

SEED = 2024
LRSNASH = shutil.which("lrsnash") or "/usr/bin/lrsnash"


# --------------------------------------------------------------------------- the solvers
def gg_vertex(A, B):
    eqs = vertex_enumeration(NormalFormGame([A, B]))
    return {(e.exact_profile[0], e.exact_profile[1]) for e in eqs}


def _gambit(A, B, **kw):
    import pygambit as gbt

    game = gbt.StrategicGame.from_arrays(A.astype(int), B.astype(int))
    res = gbt.nash.enummixed_solve(game, rational=True, **kw)
    return {tuple(tuple(Fraction(str(v)) for _, v in eq[p]) for p in game.players)
            for eq in res.equilibria}


def gambit_lrsnash(A, B):
    return _gambit(A, B, lrsnash_path=LRSNASH)


def gambit_enummixed(A, B):
    return _gambit(A, B)


def _qe_game(A, B):
    from quantecon import game_theory as gt

    return gt.NormalFormGame((gt.Player(A.astype(float)), gt.Player(B.T.astype(float))))


def quantecon_vertex(A, B):
    from quantecon import game_theory as gt

    return [(np.asarray(x), np.asarray(y)) for x, y in gt.vertex_enumeration(_qe_game(A, B))]


def quantecon_support(A, B):
    from quantecon import game_theory as gt

    return [(np.asarray(x), np.asarray(y)) for x, y in gt.support_enumeration(_qe_game(A, B))]


SOLVERS = {
    "govgames": gg_vertex,
    "lrsnash": gambit_lrsnash,
    "quantecon vertex": quantecon_vertex,
    "quantecon support": quantecon_support,
    "pygambit enummixed": gambit_enummixed,
}


def warm_up():
    """Compile govgames' and quantecon's numba code before any timing."""
    A = np.array([[3, 0], [5, 1]])
    for name in ("govgames", "quantecon vertex", "quantecon support"):
        SOLVERS[name](A, A.T)


# --------------------------------------------------------------------------- completeness
def completeness(out, exact, A, B) -> str:
    """'complete', or 'k of N' (+ 'j wrong') comparing a tool's answer with the exact set."""
    if isinstance(out, set):
        if out == exact:
            return "complete"
        return f"{len(out & exact)} of {len(exact)}, {len(out - exact)} other"
    g = NormalFormGame([A, B])
    ex = [np.array([float(v) for v in x + y]) for x, y in exact]
    found, wrong = set(), 0
    for x, y in out:
        if not is_equilibrium(g, [x, y], tol=1e-6):
            wrong += 1
            continue
        v = np.concatenate([x, y])
        for i, e in enumerate(ex):
            if np.abs(v - e).max() < 1e-6:
                found.add(i)
    text = "complete" if len(found) == len(ex) else f"{len(found)} of {len(ex)}"
    return text + (f", {wrong} not eq." if wrong else "")


def fmt_time(t: float) -> str:
    return f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s"


# --------------------------------------------------------------------------- one workload
def bench(workloads, names, repeat, cap, title, lines, label="m", skip=lambda name, tag: False):
    """Time every tool in ``names`` on each ``(tag, A, B)``; append a table to ``lines``.

    ``skip(name, tag)`` leaves a tool out of one workload ("not run")."""
    dropped: set = set()
    peers = names[1:]
    header = [label, "#eq", "govgames"]
    for p in peers:
        header += [p, f"{p} / govgames", f"{p} answer"]
    rows = []
    lines += [f"### {title}", "", load_line() + " (before the first game).", ""]
    for tag, A, B in workloads:
        print(f"{label}={tag}: {load_line()}", flush=True)
        run = [n for n in names if n not in dropped and not skip(n, tag)]
        calls = {n: (lambda f=SOLVERS[n]: f(A, B)) for n in run}
        res = interleaved(calls, repeat=repeat, cap=cap)
        ours_t, _, ours = res["govgames"]
        ref = res.get("lrsnash")
        if ref is not None:
            assert ours == ref[2], f"govgames differs from lrsnash at {label}={tag}"
        row = [str(tag), str(len(ours)), fmt_time(ours_t)]
        for p in peers:
            if p not in res:
                row += ["not run", "-", "-"]
                continue
            t, ncalls, out = res[p]
            if ncalls < repeat:
                dropped.add(p)
            row += [fmt_time(t) + ("" if ncalls >= repeat else f" ({ncalls} call)"),
                    f"{t / ours_t:.2f}x", completeness(out, ours, A, B)]
        rows.append(row)
        print(" | ".join(row), flush=True)
    lines += markdown_table(header, rows) + [""]


def random_game(m, low, high, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(low, high + 1, (m, m)), rng.integers(low, high + 1, (m, m))


def stengel_75():
    """Von Stengel's (1999) 6x6 game with 75 equilibria (a bundled example file)."""
    from govgames.games import read_game

    from govgames import games

    path = Path(games.__file__).parent / "examples" / "stengel_6x6_75_equilibria.nfg"
    A, B = read_game(path).numeric_payoffs()
    return A.astype(np.int64), B.astype(np.int64)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="m = 4, 6 only (a smoke run)")
    ap.add_argument("--repeat", type=int, default=5, help="rounds of interleaved calls (>= 5)")
    ap.add_argument("--cap", type=float, default=5.0,
                    help="a tool whose first call takes longer (CPU s) is called once only")
    ap.add_argument("--gambit-max-m", type=int, default=8,
                    help="largest m for pygambit's slow internal enummixed")
    ap.add_argument("--output", default="twoplayer", help="results file name (no .md)")
    args = ap.parse_args(argv)
    if args.repeat < 5 and not args.quick:
        ap.error("--repeat must be at least 5")
    sizes = [4, 6] if args.quick else [8, 10, 12, 14, 16]
    warm_up()
    names = list(SOLVERS)
    cmd = "python benchmarks/bench_twoplayer.py" + " ".join(
        [""] + (["--quick"] if args.quick else [])
        + ([f"--repeat {args.repeat}"] if args.repeat != 5 else [])
        + ([f"--cap {args.cap:g}"] if args.cap != 5.0 else []))
    lines = ["# 2-player games: all extreme equilibria, exact", "",
             f"Command: `{cmd}` (seed {SEED} + m). CPU time of this process and its children "
             f"(lrsnash runs as a child of pygambit), calls of all tools interleaved, median of "
             f"{args.repeat} rounds; a tool whose first call exceeds {args.cap:g} CPU s is called "
             "once and not run at larger m. Numba code of govgames and quantecon compiled before "
             "timing (govgames' kernel compiles once, ~20 s, and is cached on disk).", "",
             machine_line(["numpy", "numba", "pygambit", "quantecon"])
             + f" lrsnash: `{LRSNASH}` (Debian package lrslib).", "",
             "Set-up: `apt-get install lrslib` and `pip install -e '.[bench]'`.", "",
             "Tools: govgames `vertex_enumeration`; lrsnash = pygambit "
             "`enummixed_solve(rational=True, lrsnash_path=...)`; quantecon `vertex_enumeration` "
             "and `support_enumeration`; pygambit enummixed = `enummixed_solve(rational=True)` "
             "(Gambit's internal path, run only for small m).", "",
             "Ratios are the peer's time divided by govgames' (above 1: govgames is faster). "
             "govgames' set of exact extreme equilibria is asserted equal to lrsnash's on every "
             "game; the 'answer' columns say whether each peer returned the complete set.", ""]
    def skip(name, m):  # pygambit's internal path only where it finishes in reasonable time
        return name == "pygambit enummixed" and m > args.gambit_max_m

    for title, lo, hi in [("Random games, integer payoffs in [-1000, 1000]", -1000, 1000),
                          ("Degenerate random games, payoffs in {0, 1, 2}", 0, 2)]:
        work = [(m, *random_game(m, lo, hi, SEED + m)) for m in sizes]
        bench(work, names, args.repeat, args.cap, title, lines, skip=skip)
    bench([("6x6", *stengel_75())], names, args.repeat, args.cap,
          "Von Stengel's 6x6 game with 75 equilibria (payoffs up to 1.7 million)", lines,
          label="game")
    lines += ["quantecon's methods use floating point: on degenerate games they return only part "
              "of the extreme equilibria (support enumeration only looks at equal-size supports; "
              "its vertex enumeration assumes a nondegenerate game). lrsnash and pygambit's "
              "internal enummixed are exact and complete."]
    out = write_result(args.output, "\n".join(lines))
    print("\n".join(lines))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()

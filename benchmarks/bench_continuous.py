"""Benchmark: games with continuous choices (symmetric contests, Cournot parameter maps).

No library peer exists: nashpy, pygambit, quantecon and axelrod solve finite games only, so
the baseline is what a user would write by hand with scipy: the symmetric first-order
condition lambdified once and solved by Brent's method (``scipy.optimize.brentq``). The
baseline does less than govgames (no exact value, no corner analysis, no deviation
certificate); the table shows what that extra work costs.

Cases:

1. symmetric Tullock contest with ``n`` players (prize 1): ``symmetric_equilibria`` on a fresh
   game (symbolic solve, root bracketing, certificate) against brentq on the symmetric FOC;
2. a 100 x 100 map of the symmetric Cournot equilibrium over (a, c): ``equilibrium_map``
   (one symbolic solve, numpy over the grid) against a loop of brentq solves.

CPU time (``time.process_time``), calls of the two sides interleaved, median of ``--repeat``
(at least 5) runs; the load average is printed. Answers are checked against the closed forms.

Run:  python benchmarks/bench_continuous.py [--quick] [--repeat R]
Writes the table to benchmarks/results/continuous.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import sympy as sp
from _common import machine_line, markdown_table, write_result  # noqa: E402
from govgames.games.continuous import (  # noqa: E402
    cournot,
    equilibrium_map,
    symmetric_equilibria,
    tullock_contest,
)
from scipy import optimize


def cpu(fn):
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def contest_ours(n):
    res = symmetric_equilibria(tullock_contest(n, v=1))
    return float(res[0].profile[0][0])


def contest_scipy(n):
    x, y = sp.symbols("x y", positive=True)
    foc = sp.lambdify(x, sp.diff(x / (x + y) - x, x).subs(y, (n - 1) * x))
    return optimize.brentq(foc, 1e-12, 1.0, xtol=1e-15)


def map_ours(a, c):
    return equilibrium_map(cournot(), {"a": a, "c": c}, fixed={"b": 1, "n": 3}).choice


def map_scipy(a, c):
    q, Q, av, cv = sp.symbols("q Q a c")
    foc = sp.lambdify((q, av, cv), sp.diff((av - q - Q - cv) * q, q).subs(Q, 2 * q))
    out = np.full((a.size, c.size), np.nan)
    for i, ai in enumerate(a):
        for j, cj in enumerate(c):
            if ai >= cj:
                out[i, j] = optimize.brentq(foc, 0.0, ai, args=(ai, cj), xtol=1e-14)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    repeat = max(5, args.repeat)
    print(f"load average: {os.getloadavg()}")
    sizes = [10, 100] if args.quick else [10, 100, 1000]
    side = 20 if args.quick else 100
    rows = []
    for n in sizes:
        t_ours, t_peer = [], []
        for _ in range(repeat):  # interleaved
            dt, z1 = cpu(lambda: contest_ours(n))
            t_ours.append(dt)
            dt, z2 = cpu(lambda: contest_scipy(n))
            t_peer.append(dt)
            exact = (n - 1) / n ** 2
            assert abs(z1 - exact) < 1e-12 and abs(z2 - exact) < 1e-9
        mo, mp = statistics.median(t_ours), statistics.median(t_peer)
        rows.append((f"Tullock contest, n = {n}", f"{mo * 1e3:.1f} ms", f"{mp * 1e3:.1f} ms",
                     f"{mo / mp:.2f}"))
    a = np.linspace(5, 20, side)
    c = np.linspace(0, 10, side)
    t_ours, t_peer = [], []
    for _ in range(repeat):
        dt, m1 = cpu(lambda: map_ours(a, c))
        t_ours.append(dt)
        dt, m2 = cpu(lambda: map_scipy(a, c))
        t_peer.append(dt)
        A, C = np.meshgrid(a, c, indexing="ij")
        closed = np.where(A >= C, (A - C) / 4, np.nan)
        assert np.allclose(m1, closed, equal_nan=True) and np.allclose(m2, closed, atol=1e-9,
                                                                     equal_nan=True)
    mo, mp = statistics.median(t_ours), statistics.median(t_peer)
    rows.append((f"Cournot map {side} x {side} (n = 3)", f"{mo * 1e3:.1f} ms",
                 f"{mp * 1e3:.1f} ms", f"{mo / mp:.2f}"))
    header = ("case", "govgames (CPU, median)", "scipy by hand (CPU, median)",
              "ratio govgames / scipy")
    lines = markdown_table(header, rows)
    print("\n".join(lines))
    if not args.quick:
        text = "\n".join(["# Continuous games", "", machine_line(["numpy", "scipy", "sympy"]),
                          f"Load average at start: {os.getloadavg()}.",
                          f"Median CPU time of {repeat} interleaved runs.", ""] + lines)
        print("written to", write_result("continuous", text))


if __name__ == "__main__":
    main()

"""Benchmark: classifying a grid of parameter values of a symbolic 2x2 dilemma.

govgames' `parameter_map` (every payoff lambdified once, the grid classified with numpy array
operations) against a Python loop that, at sampled grid points, evaluates the payoff matrices
and calls nashpy's support enumeration (the pure equilibria are read off its output), and a loop
that substitutes the point with sympy and calls `govgames.games.pure_nash_equilibria`. Points per second
for each, on the same game in one run; the loops' answers are checked against the map at every
sampled point.

Game: `dilemmas.upstream_downstream(b=1, s=3, t=None)` over (c, t) in [0.5, 5] x [0, 5]: the
upstream city abates in equilibrium iff the compensation t >= c - b.

Run:  python benchmarks/bench_symbolic.py [--quick] [--samples N]
Writes the table to benchmarks/results/symbolic.md.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import sympy as sp
from _common import machine_line, markdown_table, write_result  # noqa: E402
from govgames.games import dilemmas, parameter_map  # noqa: E402
from govgames.games.pure import pure_nash_equilibria  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a 300 x 300 grid and fewer samples")
    ap.add_argument("--samples", type=int, default=None, help="sampled points for the loops")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    side = 300 if args.quick else 1000
    samples = args.samples or (300 if args.quick else 2000)
    rng = np.random.default_rng(args.seed)

    game = dilemmas.upstream_downstream(b=1, s=3, t=None)
    # irrational offsets keep grid points off the boundary t = c - 1 (no ties)
    cs = np.linspace(0.5, 5.0, side) + np.sqrt(2) * 1e-4
    ts = np.linspace(0.0, 5.0, side) + np.sqrt(3) * 1e-4

    # --- govgames: the whole grid at once
    t0 = time.perf_counter()
    m = parameter_map(game, {"c": cs, "t": ts})
    t_first = time.perf_counter() - t0
    t0 = time.perf_counter()
    m2 = parameter_map(game, {"c": cs, "t": ts})
    t_map = min(t_first, time.perf_counter() - t0)
    assert np.array_equal(m.labels, m2.labels)
    n_points = side * side

    # sampled points for the loops
    ii = rng.integers(0, side, samples)
    jj = rng.integers(0, side, samples)
    c_sym, t_sym = [p for p in game.parameters if p.name in ("c", "t")]
    f = sp.lambdify((c_sym, t_sym), [sp.sympify(x) for x in np.asarray(game.payoff_array).ravel()],
                    modules="numpy")
    shape = game.payoff_array.shape

    # --- nashpy loop: numeric matrices at each point (lambdified, so only nashpy is timed)
    import nashpy

    def pure_from_nashpy(A, B):
        out = set()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for x, y in nashpy.Game(A, B).support_enumeration():
                if np.count_nonzero(x > 1e-12) == 1 and np.count_nonzero(y > 1e-12) == 1:
                    out.add((game.strategies[0][int(np.argmax(x))], game.strategies[1][int(np.argmax(y))]))
        return out

    mats = [np.array(f(cs[i], ts[j]), dtype=float).reshape(shape) for i, j in zip(ii, jj)]
    t0 = time.perf_counter()
    nash_sets = [pure_from_nashpy(P[0], P[1]) for P in mats]
    t_nashpy = time.perf_counter() - t0
    for (i, j), got in zip(zip(ii, jj), nash_sets):
        if got != set(m.equilibria_at(i, j)):
            raise SystemExit(f"nashpy and parameter_map disagree at c={cs[i]}, t={ts[j]}: {got} vs "
                             f"{m.equilibria_at(i, j)}")

    # --- sympy substitution + govgames pure solver per point (fewer points: it is slow)
    k = min(samples, 300)
    t0 = time.perf_counter()
    sub_sets = [{e.pure_profile for e in pure_nash_equilibria(game.subs(c=sp.Float(cs[i], 30), t=sp.Float(ts[j], 30)))}
                for i, j in zip(ii[:k], jj[:k])]
    t_subs = time.perf_counter() - t0
    for (i, j), got in zip(zip(ii[:k], jj[:k]), sub_sets):
        if got != set(m.equilibria_at(i, j)):
            raise SystemExit(f"subs loop and parameter_map disagree at c={cs[i]}, t={ts[j]}")

    rate_map = n_points / t_map
    rate_nashpy = samples / t_nashpy
    rate_subs = k / t_subs
    header = ("method", "points", "seconds", "points / s", "govgames map speed-up")
    rows = [
        (f"govgames parameter_map ({side} x {side} grid)", n_points, f"{t_map:.3f}", f"{rate_map:,.0f}", "1x"),
        ("loop: nashpy support_enumeration per point", samples, f"{t_nashpy:.3f}", f"{rate_nashpy:,.0f}",
         f"{rate_map / rate_nashpy:,.0f}x"),
        ("loop: sympy subs + pure_nash_equilibria per point", k, f"{t_subs:.3f}", f"{rate_subs:,.0f}",
         f"{rate_map / rate_subs:,.0f}x"),
    ]
    print(" | ".join(header))
    for r in rows:
        print(" | ".join(str(x) for x in r))
    shares = "; ".join(f"{name}: {share:.1%}" for name, share in m.shares().items())
    lines = ["# Parameter maps of a symbolic 2x2 dilemma", "",
             f"Command: `python benchmarks/bench_symbolic.py{' --quick' if args.quick else ''}` "
             f"(seed {args.seed}). Game: `dilemmas.upstream_downstream(b=1, s=3, t=None)` over "
             f"(c, t) in [0.5, 5] x [0, 5]; regions: {shares}. The map time is the best of 2 and "
             f"includes lambdify (the first call in the process took {t_first:.3f} s); the loops' answers equal the map's at every sampled point "
             "(nashpy: the pure profiles among support enumeration's equilibria).", "",
             machine_line(("numpy", "sympy", "nashpy")), ""]
    lines += markdown_table(header, rows)
    out = write_result("symbolic", "\n".join(lines))
    print(f"written to {out}")


if __name__ == "__main__":
    main()

"""Benchmark: game trees against pygambit (reading .efg, sequence-form LCP, all extreme equilibria).

Peer: pygambit (Gambit's C++ library), its documented fastest exact paths:

1. reading a ``.efg`` file: ``parse_efg`` against ``pygambit.read_efg`` (same text, from a file);
2. one equilibrium of a 2-player tree with imperfect information from the sequence form:
   ``sequence_form_lemke`` (exact integer pivoting in Python) against
   ``pygambit.nash.lcp_solve(game, rational=True, use_strategic=False)``;
3. every extreme equilibrium of the reduced normal form: ``tree_equilibria(game, "all")``
   against ``pygambit.nash.enummixed_solve(game, rational=True)``; the payoff vectors of the
   two lists are compared.

Trees come from ``random_tree(2, depth, seed=...)``. Each call gets a freshly read game (the
reading is outside the timed call), CPU time (``time.process_time``), the two sides
interleaved, median of ``--repeat`` (at least 5) runs; the load average is printed.

Run:  python benchmarks/bench_extensive.py [--quick] [--repeat R]
Writes the table to benchmarks/results/extensive.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
from _common import machine_line, markdown_table, write_result  # noqa: E402
from govgames.games.extensive import (  # noqa: E402
    game_to_efg,
    is_nash,
    parse_efg,
    random_tree,
    sequence_form_lemke,
    tree_equilibria,
)

try:
    import pygambit as gbt
except ImportError:  # pragma: no cover
    gbt = None


def cpu(fn):
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def gambit_payoffs(gg, eqs):
    A = [np.vectorize(lambda x: Fraction(str(x)), otypes=[object])(a) for a in gg.to_arrays()]
    out = []
    for eq in eqs:
        v = [np.array([Fraction(str(x)) for _, x in eq[p]], dtype=object) for p in gg.players]
        out.append(tuple(v[0] @ A[i] @ v[1] for i in range(2)))
    return sorted(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    if gbt is None:
        raise SystemExit("pygambit is not installed (pip install --pre pygambit)")
    repeat = max(5, args.repeat)
    print(f"load average: {os.getloadavg()}")
    cases = [(3, 1), (4, 2)] if args.quick else [(3, 1), (3, 5), (4, 2), (5, 3), (6, 4)]
    tmp = Path(tempfile.mkdtemp())
    rows = []
    for depth, seed in cases:
        g0 = random_tree(2, depth, max_actions=3 if depth < 6 else 2, merge_prob=0.7,
                         seed=seed)
        text = game_to_efg(g0)
        path = tmp / f"t{depth}.efg"
        path.write_text(text)
        size = f"depth {depth}, {len(g0.nodes)} nodes"
        kinds = [("read .efg", lambda g: parse_efg(text), lambda gg: gbt.read_efg(str(path))),
                 ("sequence-form LCP (one equilibrium)", sequence_form_lemke,
                  lambda gg: gbt.nash.lcp_solve(gg, rational=True, use_strategic=False))]
        # pygambit's enummixed did not finish within minutes on a degenerate 8 x 24 reduced form
        # (random_tree(2, 4, seed=2)), so the enumeration is timed on small reduced forms only
        small = max(len(g0.reduced_normal_form().strategies[i]) for i in range(2)) <= 12
        if small:
            kinds.append(("all extreme equilibria (reduced form)", lambda g: tree_equilibria(g),
                          lambda gg: gbt.nash.enummixed_solve(gg, rational=True)))
        for name, ours, theirs in kinds:
            t_o, t_p = [], []
            for _ in range(repeat):  # interleaved, fresh games outside the timing
                g = parse_efg(text)
                dt, r1 = cpu(lambda: ours(g))
                t_o.append(dt)
                gg = gbt.read_efg(str(path))
                dt, r2 = cpu(lambda: theirs(gg))
                t_p.append(dt)
            if name.startswith("sequence"):
                assert is_nash(g, r1)
            if name.startswith("all"):
                assert sorted(e.payoffs for e in r1) == gambit_payoffs(gg, r2.equilibria)
            mo, mp = statistics.median(t_o), statistics.median(t_p)
            rows.append((name, size, f"{mo * 1e3:.2f} ms", f"{mp * 1e3:.2f} ms",
                         f"{mp / mo:.2f}x"))
            print(rows[-1])
    header = ("case", "tree", "govgames (CPU, median)", "pygambit (CPU, median)",
              "pygambit / govgames")
    lines = markdown_table(header, rows)
    print("\n".join(lines))
    if not args.quick:
        text = "\n".join(["# Game trees", "", "Command: `python benchmarks/bench_extensive.py`.",
                          "", machine_line(["numpy", "pygambit"]),
                          f"Load average at start: {os.getloadavg()}.",
                          f"Median CPU time of {repeat} interleaved runs. Ratios are pygambit's "
                          "time divided by govgames' (above 1: govgames is faster), as in the "
                          "other benchmarks.", ""] + lines)
        print("written to", write_result("extensive", text))


if __name__ == "__main__":
    main()

"""Benchmark: N-player pure Nash equilibria of random 2-action games, N = 4 ... 20.

govgames (`govgames.games.pure_nash_equilibria`, vectorised over the payoff array) against quantecon's
`pure_nash_brute` and pygambit's `enumpure_solve` (17.0 API), on the same random games in one
run. Every tool's equilibria are checked against govgames' at every N. Times are the solve only
(best of a few repeats for fast cases); building each tool's game object is timed separately for
govgames. A peer is dropped for larger N once its next solve (4x the profiles) would take more than
--cap seconds.

Run:  python benchmarks/bench_pure.py [--quick] [--cap SECONDS]
Writes the table to benchmarks/results/pure.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np


from _common import machine_line, markdown_table, timed, write_result  # noqa: E402
from govgames.games import NormalFormGame  # noqa: E402
from govgames.games.pure import pure_nash_equilibria  # noqa: E402


def ours(P):
    t = time.perf_counter()
    g = NormalFormGame(P)
    build = time.perf_counter() - t
    solve, eqs = timed(lambda: pure_nash_equilibria(g), repeat=3 if P.shape[0] < 18 else 1)
    profs = sorted(tuple(int(np.argmax(p)) for p in e.profile) for e in eqs)
    return build, solve, profs


def quantecon_solve(P):
    from quantecon import game_theory as qe

    n = P.shape[0]
    players = [qe.Player(np.ascontiguousarray(np.transpose(P[i], [(i + k) % n for k in range(n)])))
               for i in range(n)]
    game = qe.NormalFormGame(players)
    solve, res = timed(lambda: qe.pure_nash_brute(game))
    return solve, sorted(tuple(int(a) for a in prof) for prof in res)


def gambit_solve(P):
    import pygambit as gbt

    n = P.shape[0]
    G = gbt.StrategicGame.from_arrays(*[P[i] for i in range(n)])
    solve, res = timed(lambda: gbt.nash.enumpure_solve(G))
    profs = []
    for eq in res.equilibria:
        prof = eq.as_float()
        profs.append(tuple(int(np.argmax([prof[p][s] for s in G.get_strategies(p)])) for p in G.players))
    return solve, sorted(profs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="N = 4 ... 14 only")
    ap.add_argument("--cap", type=float, default=10.0, help="drop a peer once its next solve would take longer than this")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    sizes = list(range(4, 15 if args.quick else 21, 2))
    rng = np.random.default_rng(args.seed)
    peers = {}
    try:
        import quantecon  # noqa: F401
        peers["quantecon"] = quantecon_solve
    except ImportError:
        print("quantecon not installed: skipped")
    try:
        import pygambit  # noqa: F401
        peers["pygambit"] = gambit_solve
    except ImportError:
        print("pygambit not installed: skipped")
    active = dict(peers)
    rows = []
    header = ("N", "profiles", "#eq", "govgames build s", "govgames solve s", "quantecon s",
              "pygambit s", "quantecon / govgames", "pygambit / govgames")
    print(" | ".join(header))
    for n in sizes:
        # integer payoffs 0..9: ties occur, so equilibria are not all strict
        P = rng.integers(0, 10, size=(n,) + (2,) * n).astype(float)
        build, solve, profs = ours(P)
        times = {}
        for name, fn in list(active.items()):
            t, theirs = fn(P)
            if theirs != profs:
                raise SystemExit(f"N={n}: {name} found {len(theirs)} equilibria, govgames {len(profs)}: disagree")
            times[name] = t
            if 4 * t > args.cap:  # the next size has 4x the profiles: it would exceed the cap
                del active[name]
        row = (n, 2 ** n, len(profs), f"{build:.4f}", f"{solve:.4f}",
               f"{times['quantecon']:.4f}" if "quantecon" in times else "-",
               f"{times['pygambit']:.4f}" if "pygambit" in times else "-",
               f"{times['quantecon'] / solve:.0f}x" if "quantecon" in times else "-",
               f"{times['pygambit'] / solve:.0f}x" if "pygambit" in times else "-")
        rows.append(row)
        print(" | ".join(str(x) for x in row), flush=True)
    lines = ["# N-player pure Nash equilibria of random 2-action games", "",
             f"Command: `python benchmarks/bench_pure.py{' --quick' if args.quick else ''}` "
             f"(seed {args.seed}; payoffs integers 0..9; solve times in seconds, best of 3 below "
             f"N = 18; a peer is dropped once its next solve would exceed {args.cap:g} s (at least 4x "
             "the last); every peer's equilibria "
             "equal govgames' at every N).", "",
             machine_line(("numpy", "quantecon", "pygambit")), ""]
    lines += markdown_table(header, rows)
    lines += ["", "`govgames build` is the NormalFormGame constructor (copy and finiteness check of "
              "the payoff array); `govgames solve` is `pure_nash_equilibria` on the built game. "
              "Peer times are the solve only, on their own game objects."]
    out = write_result("pure", "\n".join(lines))
    print(f"written to {out}")


if __name__ == "__main__":
    main()

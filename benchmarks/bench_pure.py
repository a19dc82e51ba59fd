"""Benchmark: N-player pure Nash equilibria of random 2-action games, N = 4 ... 22.

govgames (`govgames.games.pure_nash_equilibria` on `NormalFormGame(P, copy=False)`: one
compiled pass per player over the payoff array, no copy) against quantecon's
`pure_nash_brute` and pygambit's `enumpure_solve` (17.0 API, its only pure-equilibrium
solver), on the same random games in one run. Every tool's equilibria are checked against
govgames' at every N (all equilibria vs all). Times are CPU seconds (user + system), medians of
--repeat calls interleaved across the tools (round r calls every tool once), without
any garbage collection. Building each tool's game object is not timed (govgames' constructor
is timed once, separately). A peer is dropped for larger N once its next solve (4x the
profiles) would take more than --cap seconds.

The memory floor is one read of the payoffs: the CPU time of `P.sum()` over the same array
(N x 2**N float64 numbers). The peak extra memory of govgames' solve is measured with
tracemalloc in a separate, untimed call, relative to the payoff array.

Run:  python benchmarks/bench_pure.py [--quick] [--cap SECONDS] [--repeat 5]
Writes the table to benchmarks/results/pure.md.
"""

from __future__ import annotations

import argparse
import resource
import tracemalloc

import numpy as np
from _common import (  # noqa: E402
    interleaved,
    load_line,
    machine_line,
    markdown_table,
    write_result,
)
from govgames.games import NormalFormGame  # noqa: E402
from govgames.games.pure import pure_nash_equilibria  # noqa: E402


def ours_profiles(eqs):
    return sorted(tuple(int(np.argmax(p)) for p in e.profile) for e in eqs)


def quantecon_call(P):
    from quantecon import game_theory as qe

    n = P.shape[0]
    players = [qe.Player(np.ascontiguousarray(np.transpose(P[i], [(i + k) % n for k in range(n)])))
               for i in range(n)]
    game = qe.NormalFormGame(players)
    return (lambda: qe.pure_nash_brute(game),
            lambda res: sorted(tuple(int(a) for a in prof) for prof in res))


def gambit_call(P):
    import pygambit as gbt

    n = P.shape[0]
    G = gbt.StrategicGame.from_arrays(*[P[i] for i in range(n)])

    def profiles(res):
        out = []
        for eq in res.equilibria:
            prof = eq.as_float()
            out.append(tuple(int(np.argmax([prof[p][s] for s in G.get_strategies(p)]))
                             for p in G.players))
        return sorted(out)
    return (lambda: gbt.nash.enumpure_solve(G)), profiles


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="N = 4 ... 14 only")
    ap.add_argument("--max-n", type=int, default=22)
    ap.add_argument("--cap", type=float, default=10.0,
                    help="drop a peer once its next solve would take longer than this")
    ap.add_argument("--repeat", type=int, default=5, help="interleaved rounds (median)")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    sizes = list(range(4, (14 if args.quick else args.max_n) + 1, 2))
    rng = np.random.default_rng(args.seed)
    peers = {}
    try:
        import quantecon  # noqa: F401
        peers["quantecon"] = quantecon_call
    except ImportError:
        print("quantecon not installed: skipped")
    try:
        import pygambit  # noqa: F401
        peers["pygambit"] = gambit_call
    except ImportError:
        print("pygambit not installed: skipped")
    load0 = load_line()
    print(load0)
    active = dict(peers)
    rows = []
    header = ("N", "profiles", "#eq", "govgames build s", "govgames solve s", "one read s",
              "solve / read", "gov peak extra / payoffs", "quantecon s", "pygambit s",
              "quantecon / govgames", "pygambit / govgames")
    print(" | ".join(header))
    for n in sizes:
        # integer payoffs 0..9: ties occur, so equilibria are not all strict
        P = rng.integers(0, 10, size=(n,) + (2,) * n).astype(float)
        t = resource.getrusage(resource.RUSAGE_SELF)
        g = NormalFormGame(P, copy=False)
        t2 = resource.getrusage(resource.RUSAGE_SELF)
        build = (t2.ru_utime + t2.ru_stime) - (t.ru_utime + t.ru_stime)
        pure_nash_equilibria(g)                      # compile / warm up (not timed)
        tracemalloc.start()
        pure_nash_equilibria(g)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        calls = {"govgames": lambda: pure_nash_equilibria(g), "read": lambda: P.sum()}
        checks = {}
        for name, make in active.items():
            calls[name], checks[name] = make(P)
        # small games: each timed call is a loop of `inner` calls (timer resolution)
        inner = max(1, 1 << max(0, 12 - n))
        looped = {name: (lambda f=f: [f() for _ in range(inner)][-1])
                  for name, f in calls.items()}
        reps = args.repeat if n < 22 else max(3, args.repeat // 2 + 1)
        res = interleaved(looped, repeat=reps, cap=args.cap * inner)
        res = {name: (t / inner, k, out) for name, (t, k, out) in res.items()}
        solve, _, eqs = res["govgames"]
        profs = ours_profiles(eqs)
        read = res["read"][0]
        times = {}
        for name in list(active):
            t, _, theirs = res[name]
            theirs = checks[name](theirs)
            if theirs != profs:
                raise SystemExit(f"N={n}: {name} found {len(theirs)} equilibria, govgames "
                                 f"{len(profs)}: disagree")
            times[name] = t
            if 4 * t > args.cap:  # the next size has 4x the profiles: it would exceed the cap
                del active[name]
        fmt = lambda x: f"{x:.4f}" if x >= 1e-3 else f"{x * 1e6:.0f} µs"  # noqa: E731
        ratio = lambda a, b: f"{a / b:.2f}x" if a < 10 * b else f"{a / b:.0f}x"  # noqa: E731
        row = (n, 2 ** n, len(profs), fmt(build), fmt(solve), fmt(read),
               f"{solve / read:.1f}" if read > 0 else "-",
               f"{peak / P.nbytes:.3f}",
               fmt(times["quantecon"]) if "quantecon" in times else "-",
               fmt(times["pygambit"]) if "pygambit" in times else "-",
               ratio(times["quantecon"], solve) if "quantecon" in times else "-",
               ratio(times["pygambit"], solve) if "pygambit" in times else "-")
        rows.append(row)
        print(" | ".join(str(x) for x in row), flush=True)
        del g, P, calls, res
    lines = ["# N-player pure Nash equilibria of random 2-action games", "",
             f"Command: `python benchmarks/bench_pure.py{' --quick' if args.quick else ''}"
             f"{f' --cap {args.cap:g}' if args.cap != 10.0 else ''}` "
             f"(seed {args.seed}; payoffs integers 0..9; CPU seconds, medians of "
             f"{args.repeat} timings interleaved across the tools, each of 2**(12 - N) calls "
             f"below N = 12 (3 timings at N = 22), no garbage collection; a peer is dropped once its next solve would exceed {args.cap:g} s; "
             "every peer's equilibria equal govgames' at every N: all pure equilibria vs all).",
             "", machine_line(("numpy", "numba", "quantecon", "pygambit")),
             f"{load0} at the start; {load_line()} at the end.", ""]
    lines += markdown_table(header, rows)
    lines += ["", "`govgames build` is `NormalFormGame(P, copy=False)` (finiteness check, no "
              "copy); `govgames solve` is `pure_nash_equilibria` on the built game. `one read` "
              "is `P.sum()` on the same payoff array (the memory floor); `gov peak extra` is "
              "the peak of govgames' allocations during the solve (tracemalloc) over the size "
              "of the payoffs. Peer times are the solve only, on their own game objects "
              "(built untimed)."]
    out = write_result("pure", "\n".join(lines))
    print(f"written to {out}")


if __name__ == "__main__":
    main()

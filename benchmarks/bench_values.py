"""Benchmark of the cooperative-game values of ``networks`` against coopgame-py and coopgt.

    python benchmarks/bench_values.py [--quick] [--max-n 25] [--peer-max-n 25]

Workloads, run for every library on the same data in the same run:

1. exact Shapley value of random games, n = 4 ... 25 (coopgame-py: Rust; coopgt: enumerates
   the n! orders, so n <= 8 only);
2. power indices of weighted voting games, n = 10 ... 1000 (exact integers);
3. nucleolus of random games, n = 6 ... 16 (coopgame-py: sequential LPs with constraint
   generation);
4. Myerson value of linkage games on graphs with 10,000 nodes (closed form);
5. sampled Shapley value (permutation sampling with standard errors) against coopgame-py's
   ``shapley_sampling``: a random tabulated 20-player game (20,000 permutations; coopgame-py's
   ``Game`` from the same values), the 41-city Yangtze River Delta gravity linkage game (complete graph,
   820 links; ``govgames.analyses.club.yrd_graph``) and a 1,000-node Barabasi-Albert linkage game, 200
   permutations. govgames runs three ways: the linkage game as built (its marginal
   contributions from the links), the same game as a bare vectorised value function (prefix
   values through one call per chunk of the membership matrix) and as a plain Python function
   (cached per coalition); coopgame-py as an ``InducedSubgraphGame`` (Rust) and as a
   ``FunctionGame`` on the same Python function (each govgames path is set against the peer
   path given the same information; the table notes say which).

Times of sections 1-3 and 5 are CPU seconds of this process per call, medians of 5 timings with
the tools' calls interleaved on the same data (fast calls timed in loops); the load average is
printed at the start and the end; the garbage collector is never run by the benchmark. Section
4 is timed with ``_common.timed``. Peers are called their fastest documented way: a
coopgame-py ``Game`` built once from the value list (``shapley``, ``nucleolus``; for weighted
voting ``Game.weighted_voting`` then ``shapley`` and ``banzhaf``, timed together with the
construction, which is where coopgame-py evaluates the game). Memory: the value array itself
(8 B per coalition for govgames; coopgame-py takes a Python list, about 32 B per coalition
while it is built) and govgames' peak extra numpy memory during the computation (tracemalloc).
"""

from __future__ import annotations

import argparse
import os
import re
import tracemalloc

import govgames.networks as nw  # noqa: E402
import networkx as nx
import numpy as np
from _common import (  # noqa: E402
    cpu_time,
    interleaved,
    load_line,
    timed,  # noqa: E402
)


def interleaved_per_call(calls, repeat=5, inner=1, cap=float("inf")):
    """:func:`interleaved` with each timing a loop of ``inner`` calls (timer resolution for
    calls of a few microseconds); returns name -> (median CPU seconds per call, result).

    ``inner="auto"``: each callable gets its own loop length, enough calls for about 5 ms of
    CPU time per timing (from an untimed call after a warm-up call; at most 4096)."""
    if inner == "auto":
        counts = {}
        for name, f in calls.items():
            f()
            t0 = cpu_time()
            f()
            counts[name] = int(min(4096, max(1, 5e-3 // max(cpu_time() - t0, 1e-6))))
    else:
        counts = {name: inner for name in calls}
    looped = {name: (lambda f=f, k=counts[name]: [f() for _ in range(k)][-1])
              for name, f in calls.items()}
    res = interleaved(looped, repeat=repeat, cap=cap * max(counts.values()))
    return {name: (t / counts[name], out) for name, (t, _, out) in res.items()}


try:
    import coopgame
except ImportError:  # pragma: no cover
    coopgame = None
try:
    from coopgt import shapley_value as coopgt_shapley
except ImportError:  # pragma: no cover
    coopgt_shapley = None


def best_of(fn, repeats):
    """``timed`` over ``repeats`` calls (no garbage collection)."""
    return timed(fn, repeat=repeats)


def fmt_t(t):
    if t is None:
        return "—"
    if t < 1e-3:
        return f"{t * 1e6:.1f} µs"
    return f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s"


def fmt_b(b):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if b < 1024 or unit == "GiB":
            return f"{b:.0f} {unit}" if unit == "B" else f"{b:.1f} {unit}"
        b /= 1024


def ratio(a, b):
    return "—" if a is None or b is None else f"{b / a:.1f}×"


def table(title, header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |"  # noqa
    out = [f"### {title}", "", line(header),
           "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    text = "\n".join(out) + "\n"
    print(text, flush=True)
    return text


# --------------------------------------------------------------------------- 1. Shapley
def bench_shapley(sizes, peer_max_n, repeat=5):
    rows = []
    reached = {"govgames": 0, "coopgame-py": 0, "coopgt": 0}
    for n in sizes:
        rng = np.random.default_rng(n)
        v = rng.random(1 << n)
        v[0] = 0.0
        game = nw.CoalitionalGame(range(n), v)
        tracemalloc.start()                      # memory in a separate, untimed run
        nw.shapley_value(game, method="exact")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        calls = {"govgames": lambda: nw.shapley_value(game, method="exact")}
        cg = None
        if coopgame is not None and n <= peer_max_n:
            values = v[1:].tolist()
            cg = coopgame.Game(values)
            del values
            calls["coopgame-py"] = lambda: coopgame.shapley(cg)
        inner = max(1, 1 << max(0, 14 - n))
        res = interleaved_per_call(calls, repeat=repeat if n <= 23 else 3, inner=inner)
        t_ours, ours = res["govgames"]
        reached["govgames"] = n
        ours_arr = np.array(list(ours.values()))
        t_cg = t_gt = None
        agree = []
        if "coopgame-py" in res:
            t_cg, theirs = res["coopgame-py"]
            agree.append(np.abs(ours_arr - np.asarray(theirs)).max())
            reached["coopgame-py"] = n
        del cg
        if coopgt_shapley is not None and n <= 8:
            cf = {(): 0.0}
            for m in range(1, 1 << n):
                cf[tuple(i + 1 for i in range(n) if m >> i & 1)] = float(v[m])
            t_gt, theirs = timed(lambda: coopgt_shapley.calculate(cf, n), repeat=1)
            agree.append(np.abs(ours_arr - np.asarray(theirs)).max())
            reached["coopgt"] = n
        rows.append([n, fmt_t(t_ours), fmt_t(t_cg), ratio(t_ours, t_cg), fmt_t(t_gt),
                     ratio(t_ours, t_gt), fmt_b(8 << n), fmt_b(peak),
                     f"{max(agree):.1e}" if agree else "—"])
        del game, v
    text = table("Exact Shapley value, random games (CPU time per call, median of 5 "
                 "interleaved timings; each a loop of 2**(14 - n) calls below n = 14)",
                 ["n", "govgames", "coopgame-py", "coopgame/gov", "coopgt", "coopgt/gov",
                  "value array", "gov peak extra", "max |diff|"], rows)
    text += ("\nLargest n run: " + ", ".join(f"{k} {v}" for k, v in reached.items()) +
             " (coopgt enumerates n! orders and is stopped at n = 8, timed once; coopgame-py "
             "is stopped at --peer-max-n because it takes the values as a Python list, ~32 B "
             "per coalition).\n\n")
    print(text.strip().splitlines()[-1], flush=True)
    return text


# --------------------------------------------------------------------------- 2. power indices
def bench_power(sizes, repeat=5):
    rows = []
    for n in sizes:
        rng = np.random.default_rng(n)
        w = rng.integers(1, 11, n).tolist()
        q = sum(w) // 2 + 1
        calls = {"ss": lambda: nw.shapley_shubik_index(w, q, rational=True),
                 "bz": lambda: nw.banzhaf_index(w, q, rational=True)}
        if coopgame is not None and n <= 20:
            # the game is built inside the call: coopgame-py evaluates the weighted game
            # into its coalition table on construction
            def run_cg():
                g = coopgame.Game.weighted_voting(w, q)
                return coopgame.shapley(g), coopgame.banzhaf(g)
            calls["coopgame-py"] = run_cg
        reps = repeat if n <= 300 else 1
        res = interleaved_per_call(calls, repeat=reps, inner="auto")
        (t_ss, ss), (t_bz, bz) = res["ss"], res["bz"]
        assert sum(ss.values()) == 1 and sum(bz.values()) == 1
        t_cg = None
        if "coopgame-py" in res:
            t_cg, theirs = res["coopgame-py"]
            assert pytest_approx([float(x) for x in ss.values()]) == list(theirs[0])
        rows.append([n, q, reps, fmt_t(t_ss), fmt_t(t_bz), fmt_t(t_cg),
                     ratio(max(t_ss, t_bz), t_cg)])
    return table("Power indices of weighted voting (weights 1..10, quota half + 1), exact "
                 "integers (CPU time per call, median of the interleaved timings; each timing "
                 "a loop of calls lasting about 5 ms)",
                 ["n", "quota", "timings", "Shapley-Shubik", "Banzhaf",
                  "coopgame-py shapley + banzhaf", "coopgame / slower of gov's two"],
                 rows)


def pytest_approx(xs, tol=1e-9):
    """A list that compares equal to floats within ``tol`` (no pytest needed)."""
    class _Approx(list):
        def __eq__(self, other):
            return len(other) == len(self) and all(abs(a - b) <= tol for a, b in zip(self, other))
    return _Approx(xs)


# --------------------------------------------------------------------------- 3. nucleolus
def bench_nucleolus(sizes, repeat=5):
    rows = []
    for n in sizes:
        rng = np.random.default_rng(1000 + n)
        pc = np.array([bin(m).count("1") for m in range(1 << n)], dtype=float)
        v = pc * rng.uniform(0.5, 1.5, 1 << n) + pc ** 1.2
        v[0] = 0.0
        for i in range(n):
            v[1 << i] = 1.0
        game = nw.CoalitionalGame(range(n), v)
        calls = {"govgames": lambda: nw.nucleolus(game)}
        if coopgame is not None:
            cg = coopgame.Game(v[1:].tolist())
            calls["coopgame-py"] = lambda: coopgame.nucleolus(cg)
        res = interleaved_per_call(calls, repeat=repeat, inner=max(1, 1 << max(0, 11 - n)))
        t_ours, ours = res["govgames"]
        t_cg = diff = None
        if "coopgame-py" in res:
            t_cg, theirs = res["coopgame-py"]
            diff = np.abs(np.array(list(ours.values())) - theirs["allocation"]).max()
        rows.append([n, fmt_t(t_ours), fmt_t(t_cg), ratio(t_ours, t_cg),
                     "—" if diff is None else f"{diff:.1e}"])
    return table("Nucleolus (imputations), random games (CPU time per call, median of 5 "
                 "interleaved timings; each a loop of 2**(11 - n) calls below n = 11)",
                 ["n", "govgames", "coopgame-py", "coopgame/gov", "max |diff|"], rows)


# --------------------------------------------------------------------------- 4. networks
def bench_networks(n_nodes):
    rows = []
    G = nx.barabasi_albert_graph(n_nodes, 3, seed=7)
    rng = np.random.default_rng(7)
    for u, v in G.edges:
        G[u][v]["weight"] = float(rng.uniform(0, 10))
    t_build, game = best_of(lambda: nw.linkage_game(G), 3)
    t_my, mv = best_of(lambda: nw.myerson_value(game, G), 3)
    total = sum(d["weight"] for *_, d in G.edges(data=True))
    assert abs(sum(mv.values()) - total) < 1e-6 * total
    rows.append([f"Myerson value, linkage game, {n_nodes:,} nodes / {G.number_of_edges():,} "
                 "edges (closed form)", fmt_t(t_build + t_my), "efficiency holds"])
    small = nx.gnp_random_graph(16, 0.3, seed=1)
    for u, v in small.edges:
        small[u][v]["weight"] = float(rng.uniform(0, 10))
    g16 = nw.linkage_game(small)
    t_ex, ex = best_of(lambda: nw.shapley_value(g16, method="exact"), 3)
    cf = nw.linkage_shapley_value(small)
    diff = max(abs(ex[p] - cf[p]) for p in small.nodes)
    rows.append(["Exact Shapley of a 16-node linkage game vs closed form", fmt_t(t_ex),
                 f"max |diff| {diff:.1e}"])
    return table("Games on networks (govgames only: the peers need all 2^n coalitions)",
                 ["workload", "time", "check"], rows)


# --------------------------------------------------------------------------- 5. sampling
def _yrd_or_random_graph():
    """The 41-city YRD gravity linkage graph (bundled data), else a random 41-node one."""
    try:
        from govgames.analyses.club import yrd_graph
        G = yrd_graph()
        return nx.convert_node_labels_to_integers(G), "41-city YRD gravity linkage game"
    except Exception:   # pragma: no cover - data or analyses missing
        G = nx.gnp_random_graph(41, 0.3, seed=41)
        rng = np.random.default_rng(41)
        for u, v in G.edges:
            G[u][v]["weight"] = float(rng.uniform(0, 10))
        return G, "random 41-node linkage game"


def _sampling_accuracy(est, closed):
    """``max |z|`` over the players with a positive standard error, and the max s.e."""
    z = [abs(est[p] - closed[p]) / est.std_errors[p] for p in closed
         if est.std_errors[p] > 1e-12 * max(1.0, abs(closed[p]))]
    zmax = f"{max(z):.1f}" if z else "— (s.e. 0)"
    return zmax, f"{max(est.std_errors.values()):.3g}"


def _pair(gov, peer, repeat=5):
    """govgames' and the peer's call timed interleaved (CPU time, median of ``repeat``):
    ``(t_gov, result, t_peer, peer_result)`` (``None`` for a missing peer)."""
    calls = {"gov": gov}
    if peer is not None:
        calls["peer"] = peer
    res = interleaved(calls, repeat=repeat)
    t, _, est = res["gov"]
    t_p, _, out_p = res["peer"] if peer is not None else (None, None, None)
    return t, est, t_p, out_p


def _peer_se(out):
    return "—" if out is None else f"{max(out['standard_errors']):.3g}"


def _tabulated_rows(n_perm, n=20):
    """A random tabulated game: govgames in exact mode against coopgame-py's ``Game`` built
    from the same value list (both read a table: the same information)."""
    rng = np.random.default_rng(0)
    v = rng.uniform(0, 10, 1 << n)
    v[0] = 0.0
    game = nw.CoalitionalGame(range(n), v)
    exact = nw.shapley_value(game, method="exact")
    cg = coopgame.Game(v[1:].tolist()) if coopgame is not None else None
    peer = (lambda: coopgame.shapley_sampling(cg, n_perm, seed=0)) if cg is not None else None
    rows = []
    for name, kw in (("tabulated game (exact mode)", {}),
                     ("tabulated game (exact mode), antithetic", {"antithetic": True})):
        t, est, t_p, out_p = _pair(lambda: nw.shapley_value(game, method="sample",
                                                            n_samples=n_perm, seed=0, **kw),
                                   peer)
        zmax, semax = _sampling_accuracy(est, exact)
        rows.append([f"random tabulated game (n = {n}, {n_perm:,} permutations)",
                     f"govgames: {name}", "Game from the same values (yes)", fmt_t(t),
                     fmt_t(t_p), ratio(t, t_p), zmax, f"{semax} / {_peer_se(out_p)}"])
    return rows


def _one_row_function(vf, n):
    """The vectorised value function ``vf`` called on one coalition (a tuple of players
    ``0..n-1``), as coopgame-py's FunctionGame calls a function."""
    def f(S):
        row = np.zeros((1, n), dtype=bool)
        row[0, list(S)] = True
        return float(vf(row)[0])
    return f


def _adjacency_function(G, edge_list):
    """A plain Python value function of the linkage game (weight of the links inside S)."""
    adj = {u: {} for u in G.nodes}
    for u, v, w in edge_list:
        adj[u][v] = adj[u].get(v, 0.0) + w
        if u != v:
            adj[v][u] = adj[v].get(u, 0.0) + w

    def f(S):
        S = set(S)
        return sum(w for u in S for v, w in adj[u].items() if v in S and (u < v or u == v))
    return f


def _graph_rows(G, label, n_perm, python_fn):
    n, E = G.number_of_nodes(), G.number_of_edges()
    game = nw.linkage_game(G, tabulate=False)
    vec = nw.CoalitionalGame(game.players, value_function=game.value_function,
                             vectorized=True)
    closed = nw.linkage_shapley_value(G)
    edge_list = [(u, v, float(d.get("weight", 1))) for u, v, d in G.edges(data=True)]
    reps = 5 if n <= 100 else 3
    induced = func_peer = plain_peer = None
    if coopgame is not None:
        cg = coopgame.InducedSubgraphGame(n, edge_list)
        induced = lambda: coopgame.shapley_sampling(cg, n_perm, seed=0)  # noqa: E731
        if n <= 100:
            fg = coopgame.FunctionGame(n, _one_row_function(game.value_function, n))
            func_peer = lambda: coopgame.shapley_sampling(fg, n_perm, seed=0)  # noqa: E731
    runs = [("linkage game as built", game, {}, "InducedSubgraphGame (yes: the links)",
             induced),
            ("linkage game as built, antithetic", game, {"antithetic": True},
             "InducedSubgraphGame (yes: the links)", induced),
            ("bare vectorised value function", vec, {},
             "InducedSubgraphGame (no: the peer has the links, govgames a black box)",
             induced)]
    if func_peer is not None:
        runs.append(("bare vectorised value function", vec, {},
                     "FunctionGame on the same function, one coalition per call (yes)",
                     func_peer))
    if python_fn and n <= 100:
        f = _adjacency_function(G, edge_list)
        pg = nw.CoalitionalGame(game.players, value_function=f)
        plain_peer = None
        if coopgame is not None:
            fgp = coopgame.FunctionGame(n, f)
            plain_peer = lambda: coopgame.shapley_sampling(fgp, n_perm, seed=0)  # noqa: E731
        runs.append(("plain Python function", pg, {}, "FunctionGame on the same function (yes)",
                     plain_peer))
    rows = []
    for name, g, kw, peer_name, peer in runs:
        t, est, t_p, out_p = _pair(lambda: nw.shapley_value(g, method="sample", n_samples=n_perm,
                                                            seed=0, **kw), peer, reps)
        zmax, semax = _sampling_accuracy(est, closed)
        rows.append([f"{label} (n = {n}, {E} links, {n_perm} permutations)", f"govgames: {name}",
                     peer_name, fmt_t(t), fmt_t(t_p), ratio(t, t_p), zmax,
                     f"{semax} / {_peer_se(out_p)}"])
    return rows


def bench_sampling(n_perm, big_n, python_fn=True, n_perm_table=20_000):
    H = nx.barabasi_albert_graph(big_n, 2, seed=8)
    rng = np.random.default_rng(8)
    for u, v in H.edges:
        H[u][v]["weight"] = float(rng.uniform(0, 10))
    rows = _tabulated_rows(n_perm_table)
    for G, label in [_yrd_or_random_graph(),
                     (H, f"{big_n:,}-node Barabasi-Albert linkage game")]:
        rows += _graph_rows(G, label, n_perm, python_fn)
    text = table("Sampled Shapley value, seed 0 (coopgame-py: shapley_sampling on the game "
                 "named in the third column; CPU time, median of 5 interleaved timings, 3 at "
                 "n = 1000)",
                 ["game", "govgames path", "coopgame-py path (same information?)", "govgames",
                  "coopgame-py", "coopgame/gov", "max |z| vs exact", "max s.e. gov / peer"],
                 rows)
    note = ("\n|z| = |estimate - exact value| / standard error, over all players (the exact "
            "value: the exact Shapley value of the tabulated game, the closed form of the "
            "linkage games; about 3.3 is the expected maximum of 1,000 normal draws). Each "
            "govgames path is compared with the peer path that receives the same information "
            "(a table with a table, the links with the links, the same Python function with the "
            "same function: coopgame-py's FunctionGame calls it with a tuple of players, once per "
            "prefix of every order including the grand coalition; govgames once per distinct "
            "proper prefix, with a frozenset); the row of the bare vectorised function against "
            "InducedSubgraphGame is kept but is not like for like (the peer sums the links in "
            "Rust, govgames only sees a function of the membership matrix). Antithetic "
            "sampling is exact on a linkage game (in an order and its reverse each endpoint of "
            "a link comes later once), hence s.e. 0; its standard errors are those of the pair "
            "means. The bare vectorised rows time the linkage value function of "
            "networks.builders evaluated on every prefix of every order (O(n |E|) per order); "
            "nearly all of their time is spent inside that function.\n")
    print(note, flush=True)
    return text + note


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (about 20 s)")
    ap.add_argument("--max-n", type=int, default=25, help="largest n for exact Shapley")
    ap.add_argument("--peer-max-n", type=int, default=25,
                    help="largest n given to coopgame-py for exact Shapley")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results",
                                                  "values.md"))
    ap.add_argument("--only", default=None,
                    help="comma-separated sections to run (shapley, power, nucleolus, "
                         "networks, sampling): their tables replace the same tables in --out, "
                         "with a note of the load average of this partial run")
    args = ap.parse_args(argv)
    if args.quick:
        shap = [4, 6, 8, 9, 12, 16, 18, 20]
        power = [10, 20, 50, 100, 200]
        nuc = [6, 8, 10, 12]
        net = 10_000
        samp = (200, 300)
    else:
        shap = [4, 6, 8, 9, 10, 11, 12, 14, 16, 18, 19, 20, 21, 22, 23, 24, 25]
        power = [10, 11, 12, 15, 20, 50, 100, 200, 300, 500, 1000]
        nuc = [6, 7, 8, 9, 10, 11, 12, 13, 14, 16]
        net = 10_000
        samp = (200, 1_000)
    shap = [n for n in shap if n <= args.max_n]
    import platform

    import scipy
    header = (f"# Benchmark: cooperative-game values\n\n"
              f"Command: `python benchmarks/bench_values.py{' --quick' if args.quick else ''}`"
              f"\n\nMachine: {platform.machine()}, {os.cpu_count()} CPUs (shared), Python "
              f"{platform.python_version()}, numpy {np.__version__}, scipy "
              f"{scipy.__version__}, coopgame-py "
              f"{getattr(coopgame, '__version__', 'installed') if coopgame else 'absent'}, "
              f"coopgt {'installed' if coopgt_shapley else 'absent'}. {load_line()} at the "
              f"start (other jobs share the cores: times are CPU seconds of this process, and "
              f"each peer's calls are interleaved with govgames' on the same data).\n\n")
    if args.only:
        return _run_only(args, {"shapley": lambda: bench_shapley(shap, args.peer_max_n),
                                "power": lambda: bench_power(power),
                                "nucleolus": lambda: bench_nucleolus(nuc),
                                "networks": lambda: bench_networks(net),
                                "sampling": lambda: bench_sampling(*samp)})
    print(header)
    parts = [header,
             bench_shapley(shap, args.peer_max_n), "\n",
             bench_power(power), "\n",
             bench_nucleolus(nuc), "\n",
             bench_networks(net), "\n",
             bench_sampling(*samp),
             f"\n{load_line()} at the end.\n"]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("".join(parts))
    print(f"written to {args.out}")


def _run_only(args, sections):
    """Run some sections and splice their tables into the existing results file (a table is
    replaced up to the next ``### `` heading or the closing load line)."""
    names = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = sorted(set(names) - set(sections))
    if unknown:
        raise SystemExit(f"unknown section(s) {unknown}; choose from {sorted(sections)}")
    with open(args.out, encoding="utf-8") as fh:
        text = fh.read()
    start = load_line()
    for name in names:
        new = sections[name]()
        title = re.split(r"[(,]", new.splitlines()[0])[0]
        i = text.find(title)
        if i < 0:
            raise SystemExit(f"no table starting {title!r} in {args.out}")
        j = min(k for k in (text.find("\n### ", i + 1), text.find("\nLoad average", i + 1),
                            len(text)) if k >= 0)
        new += (f"\n(Re-run alone with `--only {name}`: {start} at its start.)\n")
        text = text[:i] + new + text[j:]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"updated {', '.join(names)} in {args.out}")


if __name__ == "__main__":
    main()

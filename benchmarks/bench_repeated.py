"""Benchmark: round-robin tournaments of the repeated prisoner's dilemma, govgames vs axelrod.

1. The same tournament in both libraries: axelrod's basic strategies (Cooperator, Defector,
   TitForTat, Grudger, TitFor2Tats, GTFT, WinStayLoseShift, Random) and govgames' equivalents
   (AllC, AllD, TitForTat, Grim, TitForTwoTats, GenerousTFT, WinStayLoseShift, Random), 200
   turns, 10 repetitions, self-play included, without and with noise. axelrod is timed its
   fastest documented way: ``Tournament.play(build_results=False, processes=None,
   progress_bar=False)`` (no result set; one process for both libraries); govgames'
   ``round_robin_tournament`` returns its full tables. CPU time, the two libraries' calls
   interleaved, median of 5. Sanity checks (on an untimed axelrod run with results): every match between deterministic strategies must give the
   same per-turn payoffs in both libraries (exactly); the mean scores of the stochastic
   strategies must agree within sampling error, and both are compared with govgames' exact
   expected payoffs of the memory-one strategies (Markov chains, no simulation).
2. The exact memory-one tournament of 50 random memory-one strategies (long run, discounted,
   200 turns), against a simulated tournament of the same strategies in govgames and in
   axelrod (``MemoryOnePlayer``; 1 repetition, 200 turns, timed interleaved as above); the
   exact 200-turn expectation must lie within sampling error of both simulations.

Run:  python benchmarks/bench_repeated.py [--quick]
Writes the table to benchmarks/results/repeated.md.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
from _common import interleaved, load_line, machine_line, timed, write_result  # noqa: E402
from govgames.games.repeated import (  # noqa: E402
    AllC,
    AllD,
    GenerousTFT,
    Grim,
    Random,
    TitForTat,
    TitForTwoTats,
    WinStayLoseShift,
    memory_one_tournament,
    random_memory_one,
    round_robin_tournament,
)

warnings.filterwarnings("ignore")


def ours_basic():
    return [AllC(), AllD(), TitForTat(), Grim(), TitForTwoTats(), GenerousTFT(),
            WinStayLoseShift(), Random()]


def axl_basic(axl):
    return [axl.Cooperator(), axl.Defector(), axl.TitForTat(), axl.Grudger(), axl.TitFor2Tats(),
            axl.GTFT(), axl.WinStayLoseShift(), axl.Random()]


DETERMINISTIC = [0, 1, 2, 3, 4, 6]  # indices of the deterministic strategies above


def run_basic(axl, noise, turns, reps, seed, repeat):
    def gov():
        return round_robin_tournament(ours_basic(), turns=turns, repetitions=reps, noise=noise,
                                      seed=seed)

    def axelrod():
        return axl.Tournament(axl_basic(axl), turns=turns, repetitions=reps, noise=noise,
                              seed=seed).play(build_results=False, processes=None,
                                              progress_bar=False)

    t = interleaved({"gov": gov, "axl": axelrod}, repeat=repeat)
    t_ours, ours = t["gov"][0], t["gov"][2]
    t_axl = t["axl"][0]
    # the answer to compare: one untimed axelrod run with its result set
    res = axl.Tournament(axl_basic(axl), turns=turns, repetitions=reps, noise=noise,
                         seed=seed).play(processes=None, progress_bar=False)
    M_ours = ours.payoff_matrix.to_numpy()
    M_axl = np.array(res.payoff_matrix)
    det = np.ix_(DETERMINISTIC, DETERMINISTIC)
    det_diff = float(np.abs(M_ours[det] - M_axl[det]).max())
    # per-strategy mean scores (self-play excluded), per repetition
    s_ours = ours.scores
    s_axl = np.array(res.normalised_scores).T  # (reps, n)
    mean_o, mean_a = s_ours.mean(0), s_axl.mean(0)
    se = np.sqrt(s_ours.var(0, ddof=1) / reps + s_axl.var(0, ddof=1) / reps)
    z = np.abs(mean_o - mean_a) / np.where(se > 0, se, np.inf)
    # exact expected payoffs of the memory-one strategies (all but Grim, TitForTwoTats)
    m1 = [0, 1, 2, 5, 6, 7]
    strategies = ours_basic()
    for s in strategies:
        s.prepare(3, 0, 5, 1)
    ex = memory_one_tournament([strategies[k] for k in m1], turns=turns, noise=noise)
    M_ex = ex.payoff_matrix.to_numpy()
    sub = np.ix_(m1, m1)
    return {
        "t_ours": t_ours, "t_axl": t_axl, "det_diff": det_diff,
        "max_z": float(np.max(z[np.isfinite(z)])) if np.isfinite(z).any() else 0.0,
        "same_det_means": bool(np.allclose(mean_o[se == 0], mean_a[se == 0], atol=1e-12)),
        "exact_vs_ours": float(np.abs(M_ex - M_ours[sub]).max()),
        "exact_vs_axl": float(np.abs(M_ex - M_axl[sub]).max()),
        "names": ours.names, "mean_o": mean_o, "mean_a": mean_a, "se": se,
    }


def run_memory_one(axl, n, turns, seed, with_axl):
    S = random_memory_one(n, seed=seed)
    V = np.array([s.vector for s in S])
    rows = []
    for label, kw in [("long run", {}), ("discounted δ=0.99", {"discount": 0.99}),
                      (f"{turns} turns", {"turns": turns})]:
        t, r = timed(lambda: memory_one_tournament(V, **kw), repeat=5)
        rows.append((label, t, r))
    exact200 = rows[-1][2].payoff_matrix.to_numpy()
    reps = 20
    t_sim, sim = timed(lambda: round_robin_tournament(S, turns=turns, repetitions=reps, seed=seed))
    M_sim = sim.payoff_matrix.to_numpy()
    # simulation error of one entry (mean of reps x turns correlated moves): use the spread over
    # repetitions of the per-strategy scores as the yardstick for the score comparison
    sc_exact = rows[-1][2].scores[0]
    sc_sim = sim.scores.mean(0)
    se_sim = sim.scores.std(0, ddof=1) / np.sqrt(reps)
    z_sim = float(np.max(np.abs(sc_sim - sc_exact) / se_sim))
    out = {"rows": rows, "t_sim": t_sim, "z_sim": z_sim, "reps": reps,
           "mat_diff_sim": float(np.abs(M_sim - exact200).mean())}
    if with_axl:
        def players():
            return [axl.MemoryOnePlayer(four_vector=tuple(v), initial=axl.Action.C) for v in V]

        t = interleaved({
            "gov1": lambda: round_robin_tournament(S, turns=turns, repetitions=1, seed=seed),
            "axl1": lambda: axl.Tournament(players(), turns=turns, repetitions=1, seed=seed).play(
                build_results=False, processes=None, progress_bar=False)}, repeat=5)
        res = axl.Tournament(players(), turns=turns, repetitions=1, seed=seed).play(
            processes=None, progress_bar=False)
        sc_axl = np.array(res.normalised_scores)[:, 0]
        # per-strategy score of one repetition: sd across repetitions estimated from ours
        sd1 = sim.scores.std(0, ddof=1)
        out.update(t_axl=t["axl1"][0], t_gov1=t["gov1"][0],
                   z_axl=float(np.max(np.abs(sc_axl - sc_exact) / sd1)),
                   mat_diff_axl=float(np.abs(np.array(res.payoff_matrix) - exact200).mean()))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller runs, no axelrod memory-one run")
    args = ap.parse_args()
    start_load = load_line()
    t0 = time.perf_counter()
    import axelrod as axl
    t_import = time.perf_counter() - t0
    turns, reps = 200, 10
    lines = []
    basic = {}
    for noise in (0.0, 0.05):
        basic[noise] = run_basic(axl, noise, turns, reps, seed=1, repeat=5)
    mo = run_memory_one(axl, 50 if not args.quick else 20, turns, seed=7, with_axl=not args.quick)

    versions = machine_line(("numpy", "axelrod")) + " " + load_line() + " at the end."
    lines.append("# Repeated games: tournaments, govgames vs axelrod")
    lines.append("")
    lines.append("Command: `python benchmarks/bench_repeated.py" + (" --quick" if args.quick else "") + "`. "
                 "Both libraries run in this one process, serially; axelrod its fastest documented "
                 "way, `Tournament.play(build_results=False, processes=None, progress_bar=False)` "
                 "(no result set). Times are CPU seconds, the two libraries' calls interleaved, "
                 "median of 5; the sanity checks use one further, untimed axelrod run with results. "
                 f"Importing axelrod took {t_import:.1f} s (not counted). {start_load} at the start.")
    lines.append("")
    lines.append(versions)
    lines.append("")
    lines.append("## 1. Axelrod's basic strategies: 8 strategies, 200 turns, 10 repetitions, self-play")
    lines.append("")
    lines.append("| noise | govgames s | axelrod s | axelrod / govgames | max diff, deterministic pairs | max z, mean scores | exact memory-one vs govgames sim (max abs) | exact vs axelrod sim (max abs) |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for noise, r in basic.items():
        det = f"{r['det_diff']:.1e}" if noise == 0 else "- (noise: all stochastic)"
        lines.append(f"| {noise:g} | {r['t_ours']:.4f} | {r['t_axl']:.3f} | {r['t_axl'] / r['t_ours']:,.0f}x | "
                     f"{det} | {r['max_z']:.2f} | {r['exact_vs_ours']:.3f} | {r['exact_vs_axl']:.3f} |")
    lines.append("")
    lines.append("max z is the largest |govgames - axelrod| difference of a strategy's mean score in "
                 "units of the combined standard error (8 strategies: values up to about 3 are "
                 "sampling noise). The last two columns compare each library's simulated payoff "
                 "matrix with govgames' exact expected 200-turn payoffs of the six memory-one "
                 "strategies (a 10-repetition mean of a Random match has s.e. about 0.03-0.05).")
    lines.append("")
    r0 = basic[0.0]
    lines.append("Mean score per turn (self-play excluded) without noise; deterministic strategies' "
                 "matches agree exactly (max diff above), the rest within sampling error (z = "
                 "difference / combined standard error of the two 10-repetition means):")
    lines.append("")
    lines.append("| strategy | govgames | axelrod | combined s.e. |")
    lines.append("|---|---|---|---|")
    for k, name in enumerate(r0["names"]):
        lines.append(f"| {name} | {r0['mean_o'][k]:.4f} | {r0['mean_a'][k]:.4f} | {r0['se'][k]:.4f} |")
    lines.append("")
    n = 50 if not args.quick else 20
    lines.append(f"## 2. Exact memory-one tournament: {n} random memory-one strategies ({n * n} ordered pairs)")
    lines.append("")
    lines.append("| criterion | govgames exact s |")
    lines.append("|---|---|")
    for label, t, _ in mo["rows"]:
        lines.append(f"| {label} | {t:.4f} |")
    lines.append("")
    lines.append(f"Simulated tournament of the same strategies ({turns} turns): govgames "
                 f"{mo['reps']} repetitions {mo['t_sim']:.3f} s; the largest |simulated - exact| score "
                 f"is {mo['z_sim']:.2f} standard errors; mean |simulated - exact| payoff-matrix entry "
                 f"{mo['mat_diff_sim']:.3f}.")
    if "t_axl" in mo:
        lines.append(f"One simulated repetition, interleaved: axelrod {mo['t_axl']:.2f} s, govgames "
                     f"{mo['t_gov1']:.4f} s (axelrod / govgames {mo['t_axl'] / mo['t_gov1']:,.0f}x; "
                     f"axelrod / the exact {turns}-turn tournament "
                     f"{mo['t_axl'] / mo['rows'][-1][1]:,.0f}x); "
                     f"largest |axelrod - exact| score {mo['z_axl']:.2f} single-repetition standard "
                     f"deviations; mean |axelrod - exact| payoff-matrix entry {mo['mat_diff_axl']:.3f}.")
    lines.append("")
    text = "\n".join(lines)
    print(text)
    write_result("repeated", text)


if __name__ == "__main__":
    main()

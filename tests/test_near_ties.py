"""Near-ties: a payoff of 1e-300 next to 0.

With exact payoffs (fractions, rational strings in a file) every solver decides such a
difference exactly, so a profile from which a player gains 1e-300 is never listed as an
equilibrium. With float payoffs the tolerance policy (games.tolerance) makes it a tie, and
``govgames solve`` says so in one line. 1e-400 (which no float can hold) is refused by the readers
with a message naming the entry.

The failing cases written down first (before the fix): ``nash_equilibria(g, method="pure")``
on an exact game listed (s1, s1) (it passed ``tol=1e-9`` on to the exact test);
``is_equilibrium`` / ``profitable_deviations`` / ``best_response`` compared exact payoffs as
floats within 1e-8; ``weakly_dominated_strategies`` missed the weakly dominated s1; the float
pure solver listed (s1, s1) without saying that a difference was treated as a tie.
"""

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgames.analyses.cli import main
from govgames.games import (NormalFormGame, best_response, dominated_strategies,
                            is_equilibrium, is_equilibrium_exact, iterated_elimination,
                            nash_equilibria, profitable_deviations, pure_nash_equilibria,
                            read_game, weakly_dominated_strategies)
from govgames.games.errors import InputError
from govgames.games.testing import assert_not_equilibrium

EPS = Fraction(1, 10 ** 300)


def near_tie(eps):
    """Row player: s2 pays ``eps`` more against s1 and the same against s2; column player
    indifferent. Equilibria: every profile but (s1, s1)."""
    return NormalFormGame([[[0, 0], [eps, 0]], [[0, 0], [0, 0]]])


def near_tie_3(eps):
    """Three players, all payoffs 0 except player 1 gains ``eps`` by s2 when the others play s1."""
    P = np.zeros((3, 2, 2, 2), dtype=object)
    P[0, 1, 0, 0] = eps
    return NormalFormGame(P)


NOT_EQ = ("s1", "s1")
ALL_BUT = [("s1", "s2"), ("s2", "s1"), ("s2", "s2")]


def test_exact_game_is_kept_exact():
    g = near_tie(EPS)
    assert g.payoff_array.dtype == object and g.exact_payoffs()[0, 1, 0] == EPS


@pytest.mark.parametrize("method", ["pure", "all", "vertex", "support", "polynomial"])
def test_exact_solvers_never_list_the_near_tie(method):
    eqs = nash_equilibria(near_tie(EPS), method=method)
    assert NOT_EQ not in [e.pure_profile for e in eqs if e.is_pure]
    # every listed equilibrium is one in exact arithmetic
    for e in eqs:
        assert is_equilibrium_exact(near_tie(EPS), [list(p) for p in e.exact_profile])
    if method in ("pure", "all", "vertex", "support"):
        assert sorted(e.pure_profile for e in eqs if e.is_pure) == ALL_BUT
    assert not any("treated as ties" in n for n in eqs.notes)


def test_lemke_howson_finds_an_exact_equilibrium():
    for e in nash_equilibria(near_tie(EPS), method="lemke-howson"):
        assert e.pure_profile != NOT_EQ
        assert is_equilibrium_exact(near_tie(EPS), [list(p) for p in e.exact_profile])


def test_exact_pure_function_and_verification():
    g = near_tie(EPS)
    assert [e.pure_profile for e in pure_nash_equilibria(g)] == ALL_BUT
    assert not is_equilibrium(g, NOT_EQ) and not is_equilibrium_exact(g, NOT_EQ)
    assert is_equilibrium(g, NOT_EQ, tol=1e-8)                  # a tolerance given: a tie
    devs = profitable_deviations(g, NOT_EQ)
    assert [(d.player, d.strategy, d.gain) for d in devs] == [("Player 1", "s2", 1e-300)]
    assert best_response(g, 0, NOT_EQ) == ("s2",)
    assert best_response(g, 0, ["s1", ["1/2", "1/2"]]) == ("s2",)    # rational probabilities
    assert best_response(g, 0, ["s1", [0.5, 0.5]]) == ("s1", "s2")   # float ones: tolerance
    assert_not_equilibrium(g, NOT_EQ)
    for profile in ALL_BUT:
        assert is_equilibrium(g, profile)


def test_exact_dominance():
    g = near_tie(EPS)
    assert weakly_dominated_strategies(g, 0) == ("s1",)
    assert weakly_dominated_strategies(g, 0, mixed=False) == ("s1",)
    assert weakly_dominated_strategies(g, 0, tol=1e-9) == ()
    assert dominated_strategies(g, 0) == ()                     # not strictly: a tie at s2
    reduced, order = iterated_elimination(g, strict=False)
    assert order[0] == (1, "Player 1", "s1")
    # mixed domination by the exact LP: (1/2 + d) T + (1/2 - d) B with -EPS/2 < d < 0 beats M
    # strictly; no pure strategy does, and within a tolerance it is a tie
    zero = [[0, 0], [0, 0], [0, 0]]
    h = NormalFormGame([[[2, 0], [1 - EPS, 1], [0, 2]], zero],
                       strategies=[["T", "M", "B"], ["L", "R"]])
    assert dominated_strategies(h, 0) == ("M",)
    assert dominated_strategies(h, 0, mixed=False) == ()
    assert dominated_strategies(h, 0, tol=1e-9) == ()
    # weakly but not strictly: a third column where all three tie
    w = NormalFormGame([[[2, 0, 0], [1 - EPS, 1, 0], [0, 2, 0]], [[0] * 3] * 3],
                       strategies=[["T", "M", "B"], ["L", "R", "X"]])
    assert weakly_dominated_strategies(w, 0) == ("M",)
    assert weakly_dominated_strategies(w, 0, mixed=False) == ()
    assert dominated_strategies(w, 0) == ()
    assert weakly_dominated_strategies(w, 0, tol=1e-9) == ()


def test_n_player_exact_path():
    g = near_tie_3(EPS)
    assert g.payoff_array.dtype == object
    for method in ("pure", "polynomial", "all"):
        listed = [e.pure_profile for e in nash_equilibria(g, method=method) if e.is_pure]
        assert ("s1", "s1", "s1") not in listed and len(listed) == 7, method
    assert not is_equilibrium(g, ("s1", "s1", "s1"))


def test_float_payoffs_tie_within_tol_and_say_so():
    g = near_tie(1e-300)
    assert g.payoff_array.dtype == float
    eqs = nash_equilibria(g, method="pure")
    assert [e.pure_profile for e in eqs] == [NOT_EQ] + ALL_BUT
    assert len(eqs.notes) == 1 and "(s1, s1)" in eqs.notes[0] and "tol=1e-09" in eqs.notes[0]
    assert "1 of the 4 listed profiles" in eqs.notes[0]
    # tol=0 compares the floats as they are; no note when nothing was a tie
    exact = pure_nash_equilibria(g, tol=0)
    assert [e.pure_profile for e in exact] == ALL_BUT and not exact.notes
    assert not pure_nash_equilibria(NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])).notes
    # the exact 2-player and N-player solvers read floats as the decimals they print as
    assert NOT_EQ not in [e.pure_profile for e in nash_equilibria(g, method="vertex")]


def write(tmp_path, name, entry, c="0"):
    """The near-tie game as JSON and .nfg; the column player's payoffs are all ``c``."""
    js = {"players": ["R", "C"], "strategies": [["a", "b"], ["x", "y"]],
          "payoffs": {"R": [["0", "0"], [entry, "0"]], "C": [[c, c], [c, c]]}}
    p = tmp_path / f"{name}.json"
    p.write_text(json.dumps(js))
    q = tmp_path / f"{name}.nfg"
    q.write_text(f'NFG 1 R "t" {{ "R" "C" }} {{ {{ "a" "b" }} {{ "x" "y" }} }}\n'
                 f"0 {c} {entry} {c} 0 {c} 0 {c}\n")
    return p, q


def test_files_with_exact_payoffs_are_solved_exactly(tmp_path, capsys):
    """A payoff 1/3 makes the game exact (no float holds it): then 1e-300 is kept exact."""
    for path in write(tmp_path, "tiny", "1e-300", c="1/3"):
        g = read_game(path)
        assert g.exact_payoffs()[0, 1, 0] == EPS
        assert main(["solve", str(path), "--method", "pure", "--json"]) == 0
        out = json.loads(capsys.readouterr().out)
        assert [e["profile"] for e in out["equilibria"]] == [
            [[1, 0], [0, 1]], [[0, 1], [1, 0]], [[0, 1], [0, 1]]]          # (a,y) (b,x) (b,y)
        assert not any("ties" in n for n in out["notes"])


def test_solve_says_when_float_differences_were_ties(tmp_path, capsys):
    for path in write(tmp_path, "float", "1e-300"):
        assert main(["solve", str(path), "--method", "pure"]) == 0
        out = capsys.readouterr().out
        notes = [line for line in out.splitlines() if "treated as ties" in line]
        assert len(notes) == 1 and "(a, x)" in notes[0], out
        # the exact solvers list no such profile, and need no note
        assert main(["solve", str(path), "--method", "vertex"]) == 0
        out = capsys.readouterr().out
        assert "treated as ties" not in out and "4 Nash" not in out


def test_below_float_range_is_refused_naming_the_entry(tmp_path, capsys):
    for path in write(tmp_path, "under", "1e-400"):
        with pytest.raises(InputError, match="1e-400.*too small"):
            read_game(path)
        assert main(["solve", str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "1e-400" in err and path.name in err
    # also as a JSON number (which Python's json would silently read as 0.0)
    p = tmp_path / "number.json"
    p.write_text('{"players": ["R", "C"], "strategies": [["a", "b"], ["x", "y"]], '
                 '"payoffs": {"R": [[0, 0], [1e-400, 0]], "C": [[0, 0], [0, 0]]}}')
    with pytest.raises(InputError, match="too small"):
        read_game(p)


def _brute_pure(E):
    """Pure equilibria of an exact payoff array by enumeration of every deviation."""
    n, shape = E.shape[0], E.shape[1:]
    out = []
    for prof in itertools.product(*map(range, shape)):
        if all(E[(i,) + prof] >= E[(i,) + prof[:i] + (t,) + prof[i + 1:]]
               for i in range(n) for t in range(shape[i])):
            out.append(prof)
    return out


small = st.integers(-2, 2)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(small, min_size=12, max_size=12), st.lists(st.integers(-3, 3), min_size=12,
                                                             max_size=12))
def test_exact_solvers_match_brute_force_with_tiny_perturbations(base, bumps):
    """Payoffs k + j*1e-300: ties broken by 1e-300 are decided exactly by every solver."""
    vals = [Fraction(k) + j * EPS for k, j in zip(base, bumps)]
    g = NormalFormGame(np.array(vals, dtype=object).reshape(2, 2, 3))
    E = g.exact_payoffs()
    brute = _brute_pure(E)
    names = [tuple(g.strategies[i][k] for i, k in enumerate(p)) for p in brute]
    assert [e.pure_profile for e in pure_nash_equilibria(g)] == names
    assert [e.pure_profile for e in nash_equilibria(g, method="pure")] == names
    for prof in itertools.product(range(2), range(3)):
        assert is_equilibrium(g, prof) == (prof in brute) == is_equilibrium_exact(g, prof)
    vertex_pure = sorted(e.pure_profile for e in nash_equilibria(g, method="vertex")
                         if e.is_pure)
    assert vertex_pure == sorted(names)
    # pure weak domination, against a direct exact comparison of the rows
    for i in range(2):
        U = np.moveaxis(E[i], i, 0).reshape(g.shape[i], -1)
        expect = tuple(g.strategies[i][s] for s in range(g.shape[i])
                       if any(all(U[t] >= U[s]) and any(U[t] > U[s])
                              for t in range(g.shape[i]) if t != s))
        assert weakly_dominated_strategies(g, i, mixed=False) == expect


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(st.integers(-4, 4), min_size=12, max_size=12))
def test_exact_mixed_domination_agrees_with_the_float_lp(vals):
    """On payoffs of ordinary size the exact LP and HiGHS within tol give the same answer."""
    P = np.array([Fraction(3 * v + 1, 3) for v in vals], dtype=object).reshape(2, 3, 2)
    g = NormalFormGame(P)
    assert g.payoff_array.dtype == object
    for strict in (True, False):
        assert dominated_strategies(g, 0, strict=strict) == dominated_strategies(
            g, 0, strict=strict, tol=1e-9)


def test_an_exact_probability_of_1e_300_is_in_the_support():
    """Found by the lower-bound run (hypothesis 6.0): vertex enumeration returned the mixed
    equilibrium (1 - 1e-300, 1e-300) and it was reported as the pure profile (s1, s1)."""
    base = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    bumps = [0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0]
    vals = [Fraction(k) + j * EPS for k, j in zip(base, bumps)]
    g = NormalFormGame(np.array(vals, dtype=object).reshape(2, 2, 3))
    found = nash_equilibria(g, method="vertex")
    pure = [e.pure_profile for e in found if e.is_pure]
    assert len(pure) == len(set(pure))
    mixed = [e for e in found if not e.is_pure]
    assert mixed and all(len(e.support[0]) == 2 for e in mixed)

"""QA session 26: game trees tried as a new user would (files, the command line, the solvers).

Each test names the input that broke and what it did before the fix.
"""

from __future__ import annotations

import decimal
import subprocess
import sys
from fractions import Fraction

import pytest

from govgames.games import write_game
from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, backward_induction, decision, parse_efg,
                                      read_efg, sequence_form_lemke, terminal, write_tree_json)
from govgames.games.io import read_any_game
from govgames.games.numbers import fraction_text


def _solve(path, *args):
    return subprocess.run([sys.executable, "-m", "govgames", "solve", str(path), *args],
                          capture_output=True, text=True, timeout=300)


def _chance_chain_efg(n: int) -> str:
    """A decision, then ``n`` chance nodes in a row (1/1000 stop, 999/1000 go on): the
    expected payoffs are rationals with about 3n digits."""
    lines = ['EFG 2 R "chance chain" { "A" "B" }', '""', '', 'p "" 1 1 "" { "Play" "Quit" } 0']
    for k in range(n):
        lines.append(f'c "" {k + 1} "" {{ "stop" 1/1000 "go" 999/1000 }} 0')
        lines.append(f't "" {k + 2} "" {{ {k % 3}, 1 }}')
    lines += [f't "" {n + 2} "" {{ 5, 5 }}', 't "" 1 "" { 0, 0 }']
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- huge exact payoffs
def test_payoff_of_thousands_of_digits_prints_rounded_not_a_traceback(tmp_path):
    """1,600 chance nodes in a row: `govgames solve --method backward` (and sequence) ended in
    a ValueError traceback, "Exceeds the limit (4300 digits) for integer string conversion",
    when printing the exact expected payoffs."""
    path = tmp_path / "chain.efg"
    path.write_text(_chance_chain_efg(1600))
    g = read_efg(path)
    eq = backward_induction(g)[0]
    assert eq.payoffs[0].denominator.bit_length() > 14_000   # exact, too long to print
    text = str(eq)
    assert "(payoffs ~1.80621, ~1.80694)" in text
    # the rounded display is the exact value rounded
    assert f"~{float(eq.payoffs[0]):.6g}" == "~1.80621"
    assert str(sequence_form_lemke(g)).count("~1.80621") == 1
    r = _solve(path, "--method", "backward")
    assert r.returncode == 0, r.stderr
    assert "~1.80621" in r.stdout and "Traceback" not in r.stderr


def test_fraction_text_exact_when_printable_rounded_beyond():
    assert fraction_text(Fraction(-7, 3)) == "-7/3"
    assert fraction_text(Fraction(10**14, 3)) == f"{10**14}/3"   # 15 digits: exact
    assert fraction_text(Fraction(10**15, 3)) == "~3.33333e+14"  # 16 digits: rounded
    big = 10**4000
    assert fraction_text(Fraction(big, 3), max_digits=5000) == f"{big}/3"
    assert fraction_text(Fraction(2**20000 + 1, 2**20000)) == "~1"
    assert fraction_text(Fraction(3**20000)) == "~10^9542"       # beyond a float
    assert fraction_text(Fraction(-1, 3**20000)) == "~-10^-9543"


def test_python_payoff_beyond_4300_digits_prints():
    """`print(backward_induction(tree))` with a payoff of 10**100000 raised ValueError."""
    g = ExtensiveGame(["A"], decision("A", {"x": terminal(10**100000), "y": terminal(0)}))
    assert "payoffs ~10^100000" in str(backward_induction(g))
    assert "x: (~10^100000)" in str(g)


# ---------------------------------------------------------------------------- numbers in Python
@pytest.mark.parametrize("value, message", [
    ("1e-999999", "'1e-999999' is too small: it rounds to 0"),   # said "is not a number"
    ("1e999999999", "'1e999999999' is too large"),                 # said "is not a number"
    (decimal.Decimal("1e-999999"), "'1E-999999' is too small"),   # was silently 0
    (float("nan"), "is not a finite number"),
    ("x + 1", "'x + 1' is not a number"),
])
def test_builder_numbers_are_read_as_files_read_them(value, message):
    with pytest.raises(InputError, match="^the node after x: payoff of 'A': ") as e:
        ExtensiveGame(["A"], decision("A", {"x": terminal(value), "y": terminal(0)}))
    assert message in str(e.value)


def test_decimal_payoff_is_exact():
    g = ExtensiveGame(["A"], decision("A", {"x": terminal(decimal.Decimal("0.1")),
                                            "y": terminal(0)}))
    assert g.payoff(1) == (Fraction(1, 10),)


# ---------------------------------------------------------------------------- .efg files
def test_efg_without_players_names_the_line(tmp_path):
    """`EFG 2 R "t" { }` said "payoffs must have shape (n_players, a_1, ..., a_n); got an
    array of shape (0,)" (from the normal form, without a line)."""
    with pytest.raises(InputError, match=r"^none\.efg: line 1: a game needs at least one player"):
        parse_efg('EFG 2 R "t" { }\n""\n\nt "" 0\n', source="none.efg")
    path = tmp_path / "none.efg"
    path.write_text('EFG 2 R "t" { }\n""\n\nt "" 0\n')
    r = _solve(path)
    assert r.returncode == 2
    assert r.stderr.strip().endswith("line 1: a game needs at least one player (the list of "
                                     "player names is empty)")


# ---------------------------------------------------------------------------- JSON trees
def _chain(n: int) -> ExtensiveGame:
    node = terminal(n, n)
    for k in reversed(range(n)):
        node = decision("AB"[k % 2], {"Stop": terminal(k, k + 1), "Go": node})
    return ExtensiveGame(["A", "B"], node)


def test_deep_json_tree_is_refused_with_the_limit_and_the_efg_hint(tmp_path):
    """A JSON chain of 1,000 moves is valid JSON; it was refused as "invalid JSON: nested too
    deeply", without saying how deep a tree can be nor what to do."""
    import json

    deep = _chain(1000).to_json()
    path = tmp_path / "deep.json"
    # written by hand: json.dumps recurses as deep as the reader
    sys_limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(20_000)
        path.write_text(json.dumps(deep))
    finally:
        sys.setrecursionlimit(sys_limit)
    with pytest.raises(InputError, match="nested too deeply") as e:
        read_any_game(path)
    assert "a tree more than about 400 moves deep as a Gambit .efg file" in str(e.value)
    assert "invalid JSON" not in str(e.value)


def test_write_game_writes_trees_and_reads_them_back(tmp_path):
    """`write_game(tree, "t.json")` raised AttributeError: 'ExtensiveGame' object has no
    attribute 'payoff_array'; read_any_game reads trees, so write_game writes them."""
    g = _chain(400)
    p = write_game(g, tmp_path / "t.json")
    assert read_any_game(p) == g
    assert read_any_game(write_game(g, tmp_path / "t.efg")) == g
    r = _solve(p, "--method", "backward")
    assert r.returncode == 0, r.stderr
    with pytest.raises(InputError, match="file exists"):
        write_game(g, p)
    with pytest.raises(InputError, match=r"written as \.efg \(Gambit\) or \.json, not '\.nfg'"):
        write_game(g, tmp_path / "t.nfg")


def test_tree_too_deep_for_json_is_refused_before_writing(tmp_path):
    g = _chain(401)
    with pytest.raises(InputError, match="401 moves deep, more than a JSON tree file can hold"):
        write_tree_json(g, tmp_path / "t.json")
    assert not (tmp_path / "t.json").exists()
    assert read_any_game(write_game(g, tmp_path / "t.efg")) == g


# ---------------------------------------------------------------------------- Stackelberg
def test_mixed_commitment_of_a_40x40_game_is_quick_and_optimal():
    """`stackelberg_mixed` on a random 40 x 40 game did not finish in 5 minutes (20 x 20:
    3.9 s): each LP's exact re-solve chose independent rows one sympy rank at a time. Now one
    FLINT echelon form: checked against HiGHS's float optimum over every follower strategy."""
    import time

    import numpy as np
    from scipy.optimize import linprog

    from govgames.games import NormalFormGame
    from govgames.games.extensive import stackelberg_mixed

    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 9, (40, 40)), rng.integers(0, 9, (40, 40))
    start = time.perf_counter()
    r = stackelberg_mixed(NormalFormGame([A, B]), 0)
    assert time.perf_counter() - start < 20
    best = -np.inf
    for j in range(40):       # Conitzer-Sandholm in floats, independently
        res = linprog(-A[:, j], A_ub=(B - B[:, [j]]).T, b_ub=np.zeros(40), A_eq=np.ones((1, 40)),
                      b_eq=[1.0], bounds=[(0, None)] * 40, method="highs")
        if res.status == 0:
            best = max(best, -res.fun)
    x = np.array([float(v) for v in r.commitment])
    assert sum(r.commitment) == 1 and min(r.commitment) >= 0
    assert abs(float(r.payoffs[0]) - best) < 1e-9
    j = int(r.response[1:]) - 1                                # strategies s1, s2, ...
    exact = [sum(p * int(B[i, c]) for i, p in enumerate(r.commitment)) for c in range(40)]
    assert exact[j] == max(exact) == r.payoffs[1]             # j is a best response, exactly
    assert abs(x @ A[:, j] - float(r.payoffs[0])) < 1e-12


def test_mixed_commitment_over_the_time_budget_is_refused_first():
    import numpy as np

    from govgames.games import NormalFormGame
    from govgames.games.budget import BudgetError, budget
    from govgames.games.extensive import stackelberg_mixed

    g = NormalFormGame([np.zeros((60, 60), int), np.ones((60, 60), int)])
    with budget(max_seconds=0.05):
        with pytest.raises(BudgetError, match=r"^the optimal mixed commitment of the 60 x 60 game "
                           r"\(60 linear programs of 60 variables, exact\) would take about"):
            stackelberg_mixed(g, 0)


# ---------------------------------------------------------------------------- subgame perfection
def test_subgame_perfect_with_perfect_information_is_backward_induction():
    """`govgames solve` on a 100,000-move chain with `--method subgame-perfect` ran over 2
    minutes (each one-move subgame rebuilt as a game); with perfect information it is backward
    induction on the whole tree: the same equilibria, against brute force on random trees."""
    import itertools

    from govgames.games.extensive import (behaviour_profile, is_subgame_perfect, random_tree,
                                          subgame_perfect_equilibria)

    checked = 0
    for seed in range(40):
        g = random_tree(2, depth=3, max_actions=2, seed=seed, chance_prob=0.2, merge_prob=0.0)
        assert g.is_perfect_information
        infos = [h for h in g.infosets if not h.is_chance]
        brute = set()
        for choice in itertools.product(*(h.actions for h in infos)):
            prof = {p: {} for p in g.players}
            for h, a in zip(infos, choice):
                prof[g.players[h.player]][h.name] = a
            bp = behaviour_profile(g, prof)
            if is_subgame_perfect(g, bp):
                brute.add(bp.key())
        spe = subgame_perfect_equilibria(g)
        assert spe.method == "subgame perfection (all)"
        assert {e.key() for e in spe} == brute == {e.key() for e in backward_induction(g)}
        checked += len(brute) > 1
    assert checked > 0                                      # ties were met


def test_subgame_perfect_on_a_deep_chain_is_linear():
    import time

    from govgames.games.extensive import subgame_perfect_equilibria

    g = _chain(20_000)
    start = time.perf_counter()
    spe = subgame_perfect_equilibria(g)
    assert time.perf_counter() - start < 20                 # was about 17 s, now about 2 s
    assert len(spe) == 2                                   # the last mover is indifferent
    assert spe.notes[0].startswith("20000 subgames (including the whole game), all of perfect")


# ---------------------------------------------------------------------------- builder names
def test_empty_action_name_and_unhashable_infoset_are_refused_in_one_line(tmp_path):
    """`decision("A", {"": ...})` was accepted and printed as "A:   (payoffs 1)";
    `infoset=[1]` ended in "TypeError: unhashable type: 'list'"."""
    with pytest.raises(InputError, match=r"^the root: action names must be non-empty strings, "
                       r"got ''$"):
        ExtensiveGame(["A"], decision("A", {"": terminal(1), "y": terminal(0)}))
    with pytest.raises(InputError, match=r"^the root: the information set name must be a "
                       r"string, got \[1\]$"):
        ExtensiveGame(["A"], decision("A", {"x": terminal(1), "y": terminal(0)}, infoset=[1]))
    path = tmp_path / "empty.json"
    path.write_text('{"type": "tree", "players": ["A"], "root": {"player": "A", "moves": '
                    '{"": {"payoffs": [1]}, "t": {"payoffs": [0]}}}}')
    r = _solve(path)
    assert r.returncode == 2
    assert r.stderr.strip().endswith("action names must be non-empty strings, got ''")
    # .efg files name an empty action "_1", as Gambit 17 does
    g = parse_efg('EFG 2 R "" { "A" }\n""\n\np "" 1 1 "" { "" "y" } 0\nt "" 1 "" { 1 }\n'
                  't "" 2 "" { 0 }\n')
    assert g.infosets[0].actions == ("_1", "y")


# ---------------------------------------------------------------------------- refusal hints
def _blind_efg(n: int) -> str:
    """A picks one of ``n`` actions; B answers l or r without seeing which (one information
    set of ``n`` nodes)."""
    acts = " ".join(f'"a{i}"' for i in range(n))
    lines = ['EFG 2 R "blind" { "A" "B" }', '""', f'p "" 1 1 "" {{ {acts} }} 0']
    for i in range(n):
        lines.append('p "" 2 1 "" { "l" "r" } 0' if i == 0 else 'p "" 2 1 0')
        lines.append(f't "" {2 * i + 1} "" {{ {i % 3}, {i % 2} }}')
        lines.append(f't "" {2 * i + 2} "" {{ {i % 5}, {(i + 1) % 2} }}')
    return "\n".join(lines) + "\n"


def test_subgame_perfect_refusal_names_the_tree_methods(tmp_path):
    """`--method subgame-perfect` on a 10000x2 subgame was refused with the normal-form hint
    "method 'logit' or lemke_howson(game) finds one equilibrium", which a tree refuses; and
    `backward` said "player 'B''s information set"."""
    path = tmp_path / "blind.efg"
    path.write_text(_blind_efg(10_000))
    r = _solve(path, "--method", "subgame-perfect")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "'logit'" not in r.stderr and "lemke_howson" not in r.stderr
    assert "of a subgame (vertex enumeration, worst case)" in r.stderr
    assert "method 'sequence' finds one equilibrium of the tree" in r.stderr
    with pytest.raises(InputError, match="but the information set 'B' of player 'B' has 3 "
                                         "nodes"):
        backward_induction(parse_efg(_blind_efg(3)))


def test_refusals_suggest_the_sequence_form_only_when_it_fits(tmp_path, capsys):
    """A 600-move chain: 'all' suggested method 'sequence', which is refused too (about 70 s)."""
    from govgames.analyses.cli import main
    from govgames.games.extensive.solve import tree_methods_hint
    from govgames.games.testing.trees import chain_efg

    big = tmp_path / "chain600.efg"
    big.write_text(chain_efg(600))
    assert main(["solve", str(big), "--method", "all"]) == 2
    err = capsys.readouterr().err
    assert "'sequence'" not in err and "'backward' or 'subgame-perfect'" in err
    assert main(["solve", str(big), "--method", "sequence"]) == 2
    assert "time budget" in capsys.readouterr().err
    from govgames.games.io import read_any_game

    small = tmp_path / "chain20.efg"
    small.write_text(chain_efg(20))
    assert tree_methods_hint(read_any_game(small)).startswith("method 'sequence' finds one")

"""Large game trees are fast or refused up front (round s25).

A Centipede-like chain of L alternating Stop/Go moves: ``--method subgame-perfect`` was
quadratic (L = 1000: 14 s, L = 3000: over 90 s), ``--method sequence`` cubic with ever longer
integers (L = 200: 19 s, L = 400: over a minute) and never refused, and ``--method pure`` on one
move with many equally good actions allocated gigabytes. Each test takes a few seconds.
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

from govgames.games.budget import BudgetError, budget
from govgames.games.extensive import (ExtensiveGame, backward_induction, chance, decision,
                                      is_nash, is_subgame_perfect, parse_efg, random_tree,
                                      reduced_form, sequence_form_lemke, subgame_perfect_equilibria,
                                      subgame_roots, terminal, tree_equilibria)
from govgames.games.extensive.behaviour import _probs_of
from govgames.games.extensive.sequence import sequence_form_seconds, sequence_lcp_size
from govgames.games.testing.trees import chain_efg


def _chain(levels: int) -> ExtensiveGame:
    return parse_efg(chain_efg(levels))


# ------------------------------------------------------------------------- subgame perfection
def test_subgame_perfect_on_a_long_chain_is_fast_and_agrees_with_backward_induction():
    g = _chain(2000)   # 2000 subgames; was about 50 s
    t = time.perf_counter()
    eqs = subgame_perfect_equilibria(g)
    elapsed = time.perf_counter() - t
    assert elapsed < 8, f"subgame perfection on a 2000-move chain took {elapsed:.1f} s"
    back = backward_induction(g)
    assert len(eqs) == len(back) == 1
    assert eqs[0].probs == back[0].probs and eqs[0].payoffs == back[0].payoffs


def _is_subgame_perfect_by_definition(game, profile) -> bool:
    probs = _probs_of(game, profile)
    return all(is_nash(game, probs, node=r) for r in subgame_roots(game))


def test_subgame_perfection_check_matches_the_definition_on_random_trees():
    """The check solves each subgame with its proper subgames replaced by their values; it
    must agree with 'a Nash equilibrium of every subgame' on pure and mixed profiles."""
    rng = np.random.default_rng(25)
    agree = true = 0
    for seed in range(60):
        g = random_tree(n_players=int(rng.integers(1, 4)), depth=int(rng.integers(2, 5)),
                        max_actions=2, merge_prob=float(rng.choice([0.0, 0.5])),
                        payoff_range=(-1, 1), seed=seed)
        for t in range(12):
            probs = []
            for h in g.infosets:
                k = len(h.actions)
                if h.is_chance:
                    probs.append(None)
                elif t % 2:
                    j = int(rng.integers(k))
                    probs.append(tuple(Fraction(int(a == j)) for a in range(k)))
                else:
                    w = [int(x) for x in rng.integers(0, 3, size=k)]
                    w[0] += sum(w) == 0
                    probs.append(tuple(Fraction(x, sum(w)) for x in w))
            expected = _is_subgame_perfect_by_definition(g, tuple(probs))
            assert is_subgame_perfect(g, tuple(probs)) == expected, (seed, t)
            agree += 1
            true += expected
        for e in subgame_perfect_equilibria(g, max_equilibria=5000):
            assert _is_subgame_perfect_by_definition(g, e)
    assert agree == 720 and 0 < true < agree   # both answers occur


# ------------------------------------------------------------------------- sequence form
def test_sequence_form_on_a_150_move_chain_is_fast_and_unchanged():
    g = _chain(150)    # was about 8 s
    t = time.perf_counter()
    e = sequence_form_lemke(g)
    elapsed = time.perf_counter() - t
    assert elapsed < 6, f"the sequence form of a 150-move chain took {elapsed:.1f} s"
    # the same pivots and equilibrium as the dense fraction-free tableau
    assert e.notes == ("sequence form, Lemke's algorithm (exact, 308 pivots)",)
    assert e.payoffs == (1, -1) and is_nash(g, e)
    assert e.probs[:4] == ((0, 1), (1, 0), (0, 1), (Fraction(1, 2), Fraction(1, 2)))


def test_sequence_form_refusal_is_one_line_exit_2_and_fast(tmp_path, capsys):
    from govgames.analyses.cli import main

    p = tmp_path / "chain.efg"
    p.write_text(chain_efg(1000))
    main(["solve", str(p), "--method", "backward", "--json"])   # warm up the imports
    capsys.readouterr()
    t = time.perf_counter()
    status = main(["solve", str(p), "--method", "sequence"])
    elapsed = time.perf_counter() - t
    err = capsys.readouterr().err.strip()
    assert status == 2 and elapsed < 2, (status, elapsed)
    assert len(err.splitlines()) == 1
    assert err.startswith(f"govgames solve: error: {p}: Lemke's algorithm on the sequence form")
    assert "3,004 LCP variables" in err and "over the time budget" in err
    assert "'backward'" in err and "'subgame-perfect'" in err and "GOVGAMES_MAX_SECONDS" in err


def test_sequence_form_estimate_grows_as_the_cube_of_the_size():
    assert sequence_lcp_size(_chain(400)) == 1204
    assert 10 < sequence_form_seconds(1204) < 40      # measured about 19 s
    assert sequence_form_seconds(sequence_lcp_size(_chain(500))) > 30   # over the budget
    assert sequence_form_seconds(2 * 1204) == pytest.approx(8 * sequence_form_seconds(1204))


def test_sequence_form_budget_override(monkeypatch, tmp_path, capsys):
    from govgames.analyses.cli import main

    g = _chain(40)
    monkeypatch.setenv("GOVGAMES_MAX_SECONDS", "0.001")
    with pytest.raises(BudgetError, match="over the time budget"):
        sequence_form_lemke(g)
    p = tmp_path / "chain.efg"
    p.write_text(chain_efg(40))
    assert main(["solve", str(p), "--method", "sequence"]) == 2
    assert "GOVGAMES_MAX_SECONDS" in capsys.readouterr().err
    with budget(max_seconds=1000):      # a user who means it
        assert is_nash(g, sequence_form_lemke(g))
    monkeypatch.setenv("GOVGAMES_MAX_SECONDS", "1000")
    assert main(["solve", str(p), "--method", "sequence"]) == 0


# ------------------------------------------------------------------------- pure / reduced form
def _wide(actions: int, tie: bool) -> ExtensiveGame:
    """One move of player A with many actions; with ``tie`` all are equally good."""
    return ExtensiveGame(["A", "B"], decision("A", {
        f"a{k}": terminal(0 if tie else k, 0) for k in range(actions)}))


def test_pure_on_a_wide_move_with_many_equilibria_is_refused_before_listing():
    g = _wide(20_000, tie=True)   # 20,000 equilibria x 20,000 probabilities: about 40 GB
    t = time.perf_counter()
    with pytest.raises(BudgetError, match="listing the 20,000 pure equilibria of this tree"):
        tree_equilibria(g, "pure")
    assert time.perf_counter() - t < 6
    one = tree_equilibria(_wide(20_000, tie=False), "pure")   # one equilibrium: listed
    assert len(one) == 1 and one[0].payoffs == (19_999, 0)


def test_pure_listing_budget_override(monkeypatch, tmp_path, capsys):
    from govgames.analyses.cli import main

    g = _wide(300, tie=True)
    with budget(max_memory="1M"):
        with pytest.raises(BudgetError, match="max_memory"):
            tree_equilibria(g, "pure")
    assert len(tree_equilibria(g, "pure")) == 300
    p = tmp_path / "wide.efg"
    p.write_text('EFG 2 R "wide" { "A" "B" }\n""\np "" 1 1 "" { '
                 + " ".join(f'"a{k}"' for k in range(300)) + ' } 0\n'
                 + "".join(f't "" {k + 1} "" {{ 0, 0 }}\n' for k in range(300)))
    monkeypatch.setenv("GOVGAMES_MAX_MEMORY", "1M")
    assert main(["solve", str(p), "--method", "pure"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "listing the 300 pure equilibria" in err
    monkeypatch.setenv("GOVGAMES_MAX_MEMORY", "2G")
    assert main(["solve", str(p), "--method", "pure", "--json"]) == 0


def test_reduced_normal_form_is_estimated_before_it_is_built():
    """A chance move over 20 separate binary choices of A: 2**20 reduced strategies (2M
    payoff cells, under the 4M-cell limit), each profile reaching 20 plays: minutes."""
    m = 20
    g = ExtensiveGame(["A", "B"], chance({
        f"c{i}": (Fraction(1, m), decision("A", {"x": terminal(i % 3, 1), "y": terminal("1/2", 0)}))
        for i in range(m)}))
    t = time.perf_counter()
    with pytest.raises(BudgetError, match=r"the reduced normal form of this tree \(1,048,576 x 1 "
                                          r"strategies\) would take about \d+ s"):
        reduced_form(g)
    assert time.perf_counter() - t < 2
    with pytest.raises(BudgetError):
        tree_equilibria(g, "pure")
    assert len(tree_equilibria(g, "subgame-perfect")) == 1   # the method the hint names


def test_backward_and_subgame_perfect_listings_are_estimated_first():
    """A move of 3000 equally good actions: 3000 subgame-perfect equilibria of 3000
    probabilities each (about 80 s to list); a 100,000-action move with 14,000 ties ran
    'subgame-perfect' out of memory."""
    from govgames.games.extensive import count_subgame_perfect

    g = _wide(3000, tie=True)
    for method in ("backward", "subgame-perfect"):
        t = time.perf_counter()
        with pytest.raises(BudgetError, match="listing the 3,000 subgame-perfect equilibria as "
                                              "behaviour profiles .* count_subgame_perfect"):
            tree_equilibria(g, method)
        assert time.perf_counter() - t < 2
    assert count_subgame_perfect(g) == 3000   # what the hint names
    with budget(max_seconds=10_000):
        assert len(tree_equilibria(_wide(300, tie=True), "backward")) == 300


def test_building_a_deep_chain_in_python_is_linear():
    """Session 25: compiling a tree kept the list of actions from the root for every node (for
    messages): a 20,000-level chain built with decision()/terminal() took 15 s; now the path is
    spelt out only in an error message, and messages are unchanged."""
    from govgames.games.errors import InputError
    from govgames.games.extensive import ExtensiveGame, decision, terminal

    node = terminal([0, 0])
    for i in reversed(range(20_000)):
        node = decision("AB"[i % 2], {"Stop": terminal([i, -i]), "Go": node}, infoset=str(i))
    t = time.perf_counter()
    ExtensiveGame(["A", "B"], node)
    assert time.perf_counter() - t < 6
    bad = decision("A", {"x": decision("B", {"u": terminal([1, "zz("]), "v": terminal([0, 0])}),
                         "y": terminal([0, 0])})
    with pytest.raises(InputError, match=r"^the node after x, u: payoff of 'B': 'zz\(' is not"):
        ExtensiveGame(["A", "B"], bad)
    shared = terminal([1])
    with pytest.raises(InputError, match="used twice, at the node after x and at the node after y"):
        ExtensiveGame(["A"], decision("A", {"x": shared, "y": shared}))

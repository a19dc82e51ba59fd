"""Budgets of the 2-player enumerations: estimated before any work, refused in one line, and
support enumeration's memory bounded by blocks (session 25: a direct ``support_enumeration`` of
a 1000x1000 game took 11 GB before it was killed; of a 4x200 game, 8 GB)."""

import numpy as np
import pytest

from govgames.games import NormalFormGame
from govgames.games.budget import (BudgetError, budget, lemke_howson_cost,
                                   vertex_enumeration_cost)
from govgames.games.twoplayer import (is_degenerate, lemke_howson, lemke_howson_all,
                                      support_enumeration,
                                      support_enumeration_gen, two_player_equilibria,
                                      vertex_enumeration, vertex_enumeration_gen)
from govgames.games.twoplayer import support as support_module


def _random(m, n, seed=0, high=100):
    return NormalFormGame(np.random.default_rng(seed).integers(0, high, (2, m, n)))


@pytest.mark.parametrize("shape", [(1000, 1000), (4, 200), (2, 5000)])
def test_support_enumeration_refuses_before_any_work(shape):
    """Also fast: the 1000x1000 game took 55 s in exact conversion before the refusal."""
    g = NormalFormGame(np.zeros((2, *shape)))
    with pytest.raises(BudgetError, match=rf"support enumeration of a {shape[0]}x{shape[1]} game"):
        support_enumeration(g)
    with pytest.raises(BudgetError, match="lemke_howson.game. finds one"):
        support_enumeration_gen(g)        # at the call, before the first next


def test_vertex_enumeration_refuses_before_any_pivot():
    g = NormalFormGame(np.zeros((2, 15, 400)))
    with pytest.raises(BudgetError, match="best-response polytopes of a 15x400 game"):
        vertex_enumeration(g)
    with pytest.raises(BudgetError):
        next(vertex_enumeration_gen(g))
    with pytest.raises(BudgetError):
        is_degenerate(g)


def test_lemke_howson_on_a_wide_game_skips_the_exact_degeneracy_test():
    """min(m, n) <= FULL_DEGENERACY_TEST_SIZE used to run the exact test (vertex enumeration of
    both polytopes) whatever the other dimension: now only when it is within the budget."""
    g = _random(8, 40, seed=2, high=10**6)
    with budget(max_work=1e8):
        assert vertex_enumeration_cost(8, 40) > 1e8 > lemke_howson_cost(8, 40, paths=48)
        res = two_player_equilibria(g, method="lemke-howson")
    assert len(res) >= 1
    assert any("pure strategies only" in note for note in res.notes)


def test_lemke_howson_from_every_label_of_a_wide_game_is_refused_one_path_is_not():
    """lemke_howson_all on a 3x3000 game pivoted a 3000x3004 tableau of Python integers
    3003 times over (hours); one path takes about a second."""
    g = _random(3, 3000, seed=2)
    with pytest.raises(BudgetError, match="Lemke-Howson from all 3003 initial labels"):
        lemke_howson_all(g)
    with pytest.raises(BudgetError):
        two_player_equilibria(g, method="lemke-howson")
    with budget(max_work=1e3):
        with pytest.raises(BudgetError, match="a Lemke-Howson path in a 3x3000 game"):
            lemke_howson(g)


def test_raising_the_budget_lets_support_enumeration_run():
    g = _random(3, 30, seed=1)
    with budget(max_work=1):
        with pytest.raises(BudgetError):
            support_enumeration(g)
    assert len(support_enumeration(g)) == len(vertex_enumeration(g))


@pytest.mark.parametrize("seed", range(4))
def test_small_blocks_give_the_same_equilibria_in_the_same_order(monkeypatch, seed):
    """Blocks smaller than the number of column supports (the case of wide games) split a row
    support over several blocks; the answers and their order must not change."""
    games = [_random(6, 7, seed), _random(5, 9, seed, high=3)]   # the second is degenerate
    expected = [[str(e) for e in support_enumeration_gen(g)] for g in games]
    monkeypatch.setattr(support_module, "_BATCH", 7)
    got = [[str(e) for e in support_enumeration_gen(g)] for g in games]
    assert got == expected
    monkeypatch.setattr(support_module, "_BATCH_BYTES", 8)
    got = [[str(e) for e in support_enumeration_gen(g, rational=False)] for g in games]
    monkeypatch.undo()
    assert got == [[str(e) for e in support_enumeration_gen(g, rational=False)] for g in games]


def test_cli_support_on_a_large_game_is_one_line(tmp_path, capsys):
    import json

    from govgames.analyses.cli import main

    p = tmp_path / "big.json"
    A = np.zeros((4, 200), dtype=int).tolist()
    p.write_text(json.dumps({"type": "normal_form", "players": ["R", "C"],
                             "strategies": [[f"r{i}" for i in range(4)],
                                            [f"c{j}" for j in range(200)]],
                             "payoffs": {"R": A, "C": A}}))
    assert main(["solve", str(p), "--method", "support"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "support enumeration of a 4x200 game" in err


def test_vertex_refusal_names_support_enumeration_when_it_fits():
    """QA s25: on a 1x20000 game the vertex refusal named only methods that are refused too;
    support enumeration runs. (A 1xn game is now solved by a scan; a 2x1000 game is the
    example.)"""
    g = NormalFormGame(np.zeros((2, 2, 1000)))
    with pytest.raises(BudgetError, match="method 'support' fits the budget here"):
        vertex_enumeration(g)
    with pytest.raises(BudgetError) as info:
        vertex_enumeration(NormalFormGame(np.zeros((2, 15, 400))))
    assert "'support' fits" not in str(info.value)


def test_support_refusal_suggests_vertex_only_when_it_fits():
    """QA s27: the support-enumeration refusal of a 15x400 game said "method 'vertex' is often
    far less work", and vertex enumeration is refused there too; on a 16x16 game it fits."""
    with pytest.raises(BudgetError) as info:
        support_enumeration(NormalFormGame(np.zeros((2, 15, 400))))
    assert "'vertex'" not in str(info.value) and "lemke_howson(game)" in str(info.value)
    with pytest.raises(BudgetError, match="method 'vertex' is often far less work"):
        support_enumeration(NormalFormGame(np.zeros((2, 16, 16))))


@pytest.mark.parametrize("kwargs, message", [
    ({"max_seconds": "2m"}, "max_seconds='2m' is not a number"),
    ({"max_work": -1}, "max_work must be a number >= 0"),
    ({"max_memory": float("nan")}, "max_memory must be a number >= 0"),
])
def test_bad_budgets_are_one_input_error(kwargs, message):
    from govgames.games.errors import InputError

    with pytest.raises(InputError, match=message):
        with budget(**kwargs):
            pass


def _long_path_game():
    """A 100x100 game whose Lemke-Howson path from label 0 takes 7464 pivots (about 30 s),
    far beyond the ~400 the work estimate assumes."""
    rng = np.random.default_rng(0)
    return NormalFormGame([rng.integers(0, 100, (100, 100)), rng.integers(0, 100, (100, 100))])


@pytest.mark.parametrize("solver", [lambda g: lemke_howson(g, 0), lemke_howson_all])
def test_a_path_longer_than_the_time_budget_stops_with_a_budget_error(solver):
    import time

    start = time.process_time()
    with budget(max_seconds=0.5, max_work=1e11), pytest.raises(
            BudgetError, match=r"Lemke-Howson ran \d+ pivots on the path "
                            r"from label \d+ without ending in [\d.]+ s of CPU time, over the time budget"):
        solver(_long_path_game())
    assert time.process_time() - start < 10


def test_tableaux_over_the_memory_budget_are_refused_before_they_are_built():
    from govgames.games.budget import lemke_howson_bytes

    g = NormalFormGame([np.zeros((1, 7000)), np.zeros((1, 7000))])
    assert lemke_howson_bytes(1, 7000) > 2 * 1024**3
    with pytest.raises(BudgetError, match=r"1x7000 game \(its two tableaux\) needs about 2.2 GiB"):
        lemke_howson(g, 0)
    with budget(max_memory="4G", max_seconds=0.2), pytest.raises(BudgetError, match="pivots"):
        lemke_howson(_long_path_game(), 0)

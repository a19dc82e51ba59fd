"""Defects found by the fresh-user QA of round 24 (N-player enumeration of 1-player and large
games, the printed form of a component, tabulating slow value functions, and the nucleolus and
least core of games with very large or very small values)."""

import time

import numpy as np
import pytest

import govgames.networks as nw
from govgames.games import NormalFormGame, nash_equilibria
from govgames.games.budget import BudgetError, budget
from govgames.games.errors import InputError
from govgames.games.nplayer import enumerate_equilibria, too_large_reason
from govgames.games.testing.trees import chain_efg
from govgames.networks import CoalitionalGame


# --------------------------------------------------------------------------- N-player games
def test_polynomial_enumeration_of_a_one_player_game():
    """The others' profile grid of a 1-player game was reshaped to (0, -1): a ValueError."""
    res = enumerate_equilibria(NormalFormGame(np.array([[1, 2, 2]])))
    assert [e.pure_profile for e in res.equilibria] == [("s2",), ("s3",)]
    assert [c.faces for c in res.components] == [[(("s2", "s3"),)]]
    eqs = nash_equilibria(NormalFormGame(np.array([[1, 2, 2]])), method="polynomial")
    assert len(eqs) == 2 and eqs.method == "polynomial"


@pytest.mark.parametrize("shape", [(2,) * 16, (30, 30, 30), (1000, 1000)])
def test_cost_estimate_of_large_games_is_immediate(shape):
    """The estimate summed a Bezout number over every vector of support sizes: minutes for 16
    players of two strategies, 25 s for 30x30x30, longer for a 1000x1000 game."""
    game = NormalFormGame(np.zeros((len(shape),) + shape, dtype=np.int8))
    started = time.perf_counter()
    reason = too_large_reason(game)
    assert time.perf_counter() - started < 2.0
    assert reason is not None and "logit" in reason and "max_cost" in reason
    with pytest.raises(InputError, match="budget 20000"):
        nash_equilibria(game, method="polynomial")


def test_cost_estimate_refuses_many_unknowns_when_the_cost_limit_is_raised():
    game = NormalFormGame(np.zeros((16,) + (2,) * 16, dtype=np.int8))
    started = time.perf_counter()
    reason = too_large_reason(game, max_cost=10**12)
    assert time.perf_counter() - started < 2.0
    assert "16 unknowns" in reason and "max_unknowns" in reason


def test_small_games_keep_the_full_cost_message():
    reason = too_large_reason(NormalFormGame(np.zeros((3, 5, 5, 5))))
    assert "110251 complex solutions" in reason


def test_component_repr_counts_its_samples():
    """The all-zero 2x2x2 game's component printed all 722 samples (60 kB)."""
    res = enumerate_equilibria(NormalFormGame(np.zeros((3, 2, 2, 2))))
    text = repr(res.components[0])
    assert len(text) < 600 and f"samples=<{len(res.components[0].samples)} equilibria" in text


# --------------------------------------------------------------------------- coalitional games
def test_tabulating_a_slow_value_function_is_refused_with_a_hint():
    """28 players: 2**28 calls of a Python function (11 minutes) within the memory budget."""
    def slow(S):
        time.sleep(1e-4)
        return len(S)

    started = time.perf_counter()
    with budget(max_seconds=5), pytest.raises(BudgetError, match="tabulate=False"):
        CoalitionalGame.from_function([f"p{i}" for i in range(20)], slow)
    assert time.perf_counter() - started < 4.0
    # small games are tabulated as before
    assert CoalitionalGame.from_function("ABC", len).values.tolist()[-1] == 3.0


ASYM = [0, 0, 0, 3, 0, 2, 1, 4]   # v(AB) = 3, v(AC) = 2, v(BC) = 1, v(ABC) = 4


@pytest.mark.parametrize("scale", [1e-300, 1e-12, 1e-9, 1.0, 1e9, 1e12, 1e250])
@pytest.mark.parametrize("domain", ["imputation", "pre"])
def test_nucleolus_and_least_core_are_scale_free(scale, domain):
    """At 1e-9 the nucleolus was (4/3, 4/3, 4/3) (silently wrong); at 1e9 (pre) and 1e12 a
    stage LP was reported 'unbounded'."""
    g = CoalitionalGame(list("ABC"), [v * scale for v in ASYM])
    x = nw.nucleolus(g, domain=domain)
    assert np.allclose(np.array(list(x.values())) / scale, [2.25, 1.25, 0.5], rtol=1e-9)
    eps, y = nw.least_core(g, domain)
    assert eps / scale == pytest.approx(-0.5)
    assert sum(y.values()) / scale == pytest.approx(4.0)
    assert np.max(nw.excesses(g, x)) <= 1e-9 * scale


def test_value_command_keeps_small_values(tmp_path, capsys):
    """Values of order 1e-9 were printed as 0 (six decimals) and rounded to 12 decimals in
    --json (1.833e-09); the core test's absolute 1e-9 called every such game balanced."""
    import json

    from govgames.analyses.cli import main

    values = {"A": 0, "B": 0, "C": 0, "A,B": 3e-9, "A,C": 2e-9, "B,C": 1e-9, "A,B,C": 4e-9}
    path = tmp_path / "small.json"
    path.write_text(json.dumps({"type": "coalitional", "players": list("ABC"),
                                "values": values}))
    assert main(["value", str(path), "--solution", "shapley", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["values"]["A"] == pytest.approx(11e-9 / 6, rel=1e-10)
    assert main(["value", str(path), "--solution", "nucleolus"]) == 0
    assert "2.25e-09" in capsys.readouterr().out
    majority = {k: (1e-9 if len(k) > 1 else 0) for k in values}   # empty core
    path.write_text(json.dumps({"type": "coalitional", "players": list("ABC"),
                                "values": majority}))
    assert main(["value", str(path), "--solution", "core", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nonempty"] is False
    assert out["least_core_epsilon"] == pytest.approx(1e-9 / 3)


# --------------------------------------------------------------------------- game trees
def _chain_efg(path, levels):
    path.write_text(chain_efg(levels))
    return path


def test_tree_all_refusal_names_tree_methods(tmp_path, capsys):
    """The refusal of --method all on a 100-level chain suggested 'lemke-howson', which a game
    tree refuses."""
    from govgames.analyses.cli import main

    p = _chain_efg(tmp_path / "chain.efg", 100)
    assert main(["solve", str(p)]) == 2
    err = capsys.readouterr().err
    assert "lemke-howson" not in err and "'sequence'" in err and "'backward'" in err
    assert main(["solve", str(p), "--method", "backward"]) == 0


def test_too_deep_for_backward_does_not_suggest_backward(tmp_path, capsys):
    """A 700-level chain under --method backward was told to "try another method (for game
    trees: backward or sequence)"."""
    from govgames.analyses.cli import main

    p = _chain_efg(tmp_path / "chain.efg", 700)
    status = main(["solve", str(p), "--method", "backward"])
    err = capsys.readouterr().err
    if status == 2 and "nested too deeply" in err:    # the recursion limit was reached
        assert "backward" not in err.split("try another method")[1]
        assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("payoff, message", [
    ("1e400", "line 4: '1e400' is too large"),          # was an OverflowError traceback
    ("1e999999999", "line 4: '1e999999999' is too large"),   # was a hang
    ("1e-400", "line 4: '1e-400' is too small"),
    ("1/0", "line 4: '1/0' is not a number"),
])
def test_efg_numbers_are_bounded_like_nfg_numbers(tmp_path, payoff, message):
    from govgames.games.extensive import read_efg

    p = tmp_path / "odd.efg"
    p.write_text('EFG 2 R "x" { "A" "B" }\n""\np "" 1 1 "" { "a" "b" } 0\n'
                 f't "" 1 "" {{ {payoff}, 1 }}\nt "" 2 "" {{ 0, 0 }}\n')
    started = time.perf_counter()
    with pytest.raises(InputError, match=message):
        read_efg(p)
    assert time.perf_counter() - started < 2.0


def test_core_and_nucleolus_of_values_near_1e308(tmp_path, capsys):
    """Refused before ("beyond floating point and the LP solver"); in units of 1e308 the least
    core is eps = 1/2 at (1/2, 0, 1/2) and the imputation set is the single point (1, -1, 1)."""
    import json

    from govgames.analyses.cli import main

    big = {"A": 1e308, "B": -1e308, "C": 1e308, "A,B": 1e308, "A,C": -1e308, "B,C": 1e308,
           "A,B,C": 1e308}
    f = tmp_path / "big.json"
    f.write_text(json.dumps({"type": "coalitional", "players": list("ABC"), "values": big}))
    assert main(["value", str(f), "--solution", "core", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nonempty"] is False
    assert out["least_core_epsilon"] == pytest.approx(0.5e308)
    assert [out["point"][p] for p in "ABC"] == pytest.approx([0.5e308, 0.0, 0.5e308], abs=1e293)
    assert main(["value", str(f), "--solution", "nucleolus", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [out["values"][p] for p in "ABC"] == pytest.approx([1e308, -1e308, 1e308])


@pytest.mark.parametrize("tol", [-1, float("nan"), 0.5, "x"])
def test_nucleolus_refuses_a_meaningless_tol(tol):
    """tol=-1 gave (1.5, 1.5, 1.5, 4.5) and tol=0.5 (2.5, 2, 2.5, 2) silently; the nucleolus of
    this game is (2, 2.5, 2, 2.5)."""
    g = CoalitionalGame(list("ABCD"), [0, 0, 0, 3, 0, 2, 1, 4, 0, 1, 2, 5, 3, 4, 5, 9])
    assert list(nw.nucleolus(g, tol=0).values()) == pytest.approx([2, 2.5, 2, 2.5])
    with pytest.raises(InputError, match="nucleolus: tol"):
        nw.nucleolus(g, tol=tol)
    if tol != 0.5:
        with pytest.raises(InputError, match="in_core: tol"):
            nw.in_core(g, [2, 2.5, 2, 2.5], tol=tol)
        with pytest.raises(InputError, match="core_is_nonempty: tol"):
            nw.core_is_nonempty(g, tol=tol)


def test_nucleolus_and_least_core_estimate_their_memory_first():
    """25 players took 2.8 GB from the command line, over the 2 GiB budget: refused before the
    linear programs, naming the size and the budget (a smaller budget refuses smaller games)."""
    from govgames.games.budget import BudgetError, budget
    from govgames.networks import CoalitionalGame, least_core, nucleolus

    g = CoalitionalGame(range(12), np.arange(1 << 12, dtype=float))
    with budget(max_memory=2**17):
        with pytest.raises(BudgetError, match=r"the nucleolus of 12 players .*2\*\*12"):
            nucleolus(g)
        with pytest.raises(BudgetError, match="the least core of 12 players"):
            least_core(g)
    assert len(nucleolus(g)) == 12


def test_solve_describes_a_huge_game_in_one_line(tmp_path, capsys):
    """A 20-player game's payoff table printed 168 MB of text before the answer."""
    from govgames.analyses.cli import main
    from govgames.games import NormalFormGame
    from govgames.games.io import write_game

    payoffs = np.random.default_rng(0).normal(size=(14,) + (2,) * 14)
    path = write_game(NormalFormGame(payoffs), tmp_path / "big.nfg")
    assert main(["solve", str(path), "--method", "pure"]) == 0
    out = capsys.readouterr().out
    assert "14 players" in out and "16,384 pure profiles" in out
    assert len(out.splitlines()[0]) < 300 and len(out) < 20_000


def test_value_header_says_one_player(tmp_path, capsys):
    import json

    from govgames.analyses.cli import main

    path = tmp_path / "one.json"
    path.write_text(json.dumps({"type": "coalitional", "players": ["A"], "values": {"A": 2}}))
    assert main(["value", str(path), "--solution", "shapley"]) == 0
    assert "1 player (" in capsys.readouterr().out


@pytest.mark.parametrize("scale", [1e200, 1e-200])
def test_sampled_values_refuse_scales_whose_squares_leave_the_floats(scale):
    """At 1e200 the standard errors were nan, at 1e-200 a false 0 (an 'exact' claim)."""
    from govgames.networks import CoalitionalGame, shapley_value

    g = CoalitionalGame(list("ABC"), [v * scale for v in [0, 0, 0, 3, 0, 2, 1, 4]])
    with pytest.raises(InputError, match="scale the game"):
        shapley_value(g, method="sample", seed=1)
    f = CoalitionalGame.from_function("ABC", lambda S: scale * len(S) ** 2, tabulate=False)
    with pytest.raises(InputError, match="scale the game"):
        shapley_value(f, method="sample", seed=1)
    fine = CoalitionalGame(list("ABC"), [v * 1e100 for v in [0, 0, 0, 3, 0, 2, 1, 4]])
    est = shapley_value(fine, method="sample", seed=1)
    assert all(0 < e < 1e100 for e in est.std_errors.values())


def test_backward_induction_needs_no_recursion(tmp_path, capsys):
    """A 700-level (and a 5000-level) chain failed with "nested too deeply": the expansion of
    the equilibria is a depth-first search with its own stack."""
    from govgames.analyses.cli import main

    for depth in (700, 5000):
        p = _chain_efg(tmp_path / f"chain{depth}.efg", depth)
        assert main(["solve", str(p), "--method", "backward"]) == 0
        assert "unique" in capsys.readouterr().out


def _expand_recursive(game, opts, v, k):
    """The recursive expansion the search replaced (reference for the order)."""
    import itertools

    _val, _cnt, ways = opts[v][k]
    node = game.nodes[v]
    for action, combo in ways:
        subs = [list(_expand_recursive(game, opts, c, j))
                for c, j in zip(node.children, combo)]
        for parts in itertools.product(*subs):
            out = {}
            for part in parts:
                out.update(part)
            if action is not None:
                out[v] = action
            yield out


def test_backward_induction_lists_every_equilibrium_in_product_order():
    """Random perfect-information trees with many ties: the stack-based expansion yields the
    same equilibria in the same order as the recursive one, as many as the independent count."""
    from govgames.games.extensive import ExtensiveGame, decision, terminal
    from govgames.games.extensive.backward import _expand, _options, count_subgame_perfect

    rng = np.random.default_rng(7)

    def tree(depth):
        if depth == 0 or rng.random() < 0.2:
            return terminal(*rng.integers(0, 2, 2).tolist())
        return decision("AB"[depth % 2], {f"a{i}": tree(depth - 1)
                                          for i in range(int(rng.integers(2, 4)))})

    checked = 0
    while checked < 20:
        g = ExtensiveGame(["A", "B"], tree(3))
        if count_subgame_perfect(g) > 500:
            continue
        checked += 1
        opts, _ = _options(g)
        got = [a for k in range(len(opts[0])) for a in _expand(g, opts, 0, k)]
        want = [a for k in range(len(opts[0])) for a in _expand_recursive(g, opts, 0, k)]
        assert got == want
        assert len(got) == count_subgame_perfect(g)

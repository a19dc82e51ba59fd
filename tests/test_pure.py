"""N-player pure Nash equilibria (games.pure) against brute force and peers."""
import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from govgames.games.testing.strategies import normal_form_games

from govgames.games import FreeParametersError, InputError, NormalFormGame, is_equilibrium
from govgames.games.pure import best_response_mask, pure_equilibrium_mask, pure_nash_equilibria


def brute_force(P):
    """Loop over every profile and every unilateral deviation (the textbook definition)."""
    n = P.shape[0]
    shape = P.shape[1:]
    out = []
    for prof in itertools.product(*(range(a) for a in shape)):
        ok = True
        for i in range(n):
            for d in range(shape[i]):
                dev = list(prof)
                dev[i] = d
                if P[(i,) + tuple(dev)] > P[(i,) + prof]:
                    ok = False
        if ok:
            out.append(prof)
    return out


def profiles_of(eqs, game):
    return [tuple(game.strategy_index(i, s) for i, s in enumerate(e.pure_profile)) for e in eqs]


def test_prisoners_dilemma():
    g = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
    eqs = pure_nash_equilibria(g)
    assert [e.pure_profile for e in eqs] == [("D", "D")]
    assert eqs.method == "pure"
    assert eqs[0].payoffs.tolist() == [1.0, 1.0]
    assert eqs[0].to_dict() == {"profile": [[0.0, 1.0], [0.0, 1.0]], "payoffs": [1.0, 1.0]}


def test_battle_of_sexes_two_pure():
    g = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
    assert profiles_of(pure_nash_equilibria(g), g) == [(0, 0), (1, 1)]


@pytest.mark.parametrize("P", [
    [[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]],  # matching pennies
    [[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]],  # RPS
])
def test_no_pure_equilibrium(P):
    assert len(pure_nash_equilibria(NormalFormGame(P))) == 0


def test_degenerate_all_ties_every_profile():
    g = NormalFormGame(np.zeros((3, 2, 3, 2)))
    assert len(pure_nash_equilibria(g)) == 12
    eqs = pure_nash_equilibria(g, max_equilibria=5)
    assert len(eqs) == 5 and "12 pure equilibria" in eqs.notes[0]


def test_relative_tolerance_counts_near_ties():
    big = 1e9
    g = NormalFormGame([[[big, 0], [big * (1 + 1e-13), 0]], [[0, 0], [0, 0]]])
    # the two rows differ by 1e-4 in absolute terms, 1e-13 relatively: a tie at tol=1e-9
    assert (0, 0) in profiles_of(pure_nash_equilibria(g), g)
    assert (0, 0) not in profiles_of(pure_nash_equilibria(g, tol=0), g)


def test_three_player_coordination_and_mask():
    g = NormalFormGame.from_function(lambda p: [2 * all(p) - s for s in p], (2, 2, 2))
    mask = pure_equilibrium_mask(g)
    assert mask.shape == (2, 2, 2)
    assert np.argwhere(mask).tolist() == [[0, 0, 0], [1, 1, 1]]
    br = best_response_mask(g, 2)
    assert br[0, 0, 0] and not br[0, 0, 1]


def test_one_player_game():
    g = NormalFormGame([[3, 7, 7]])
    assert [e.pure_profile for e in pure_nash_equilibria(g)] == [("s2",), ("s3",)]


def test_symbolic_game_is_refused_with_names():
    b, c = sp.symbols("b c")
    g = NormalFormGame([[[b, 0], [0, c]], [[1, 0], [0, 1]]])
    with pytest.raises(FreeParametersError, match="b, c"):
        pure_nash_equilibria(g)


def test_bad_tolerance():
    g = NormalFormGame([[[1]], [[1]]])
    with pytest.raises(InputError):
        pure_nash_equilibria(g, tol=-1)


def test_sixteen_players_matches_per_profile_check():
    rng = np.random.default_rng(3)
    n = 16
    P = rng.integers(0, 3, size=(n,) + (2,) * n).astype(float)
    g = NormalFormGame(P)
    mask = pure_equilibrium_mask(g)
    # independent check: a profile is an equilibrium iff flipping any player's action does not pay
    ok = np.ones((2,) * n, dtype=bool)
    for i in range(n):
        flipped = np.flip(P[i], axis=i)
        ok &= P[i] >= flipped
    assert np.array_equal(mask, ok)
    eqs = pure_nash_equilibria(g)
    assert len(eqs) == int(ok.sum()) > 0
    for e in eqs[:5]:
        assert is_equilibrium(g, [list(p) for p in e.profile])


@st.composite
def small_games(draw):
    n = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    size = n * int(np.prod(shape))
    vals = draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size))
    return np.array(vals, dtype=float).reshape((n,) + shape)


@settings(max_examples=150, deadline=None)
@given(normal_form_games(min_players=1, max_players=4, elements=st.integers(-3, 3)))
def test_agrees_with_brute_force_loop(g):
    P = np.asarray(g.numeric_payoffs())
    found = profiles_of(pure_nash_equilibria(g), g)
    assert found == brute_force(P)
    for prof in found:
        assert is_equilibrium(g, list(prof))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 5))
def test_agrees_with_pygambit_enumpure(seed, n):
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    shape = tuple(int(a) for a in rng.integers(1, 4, size=n))
    P = rng.integers(-2, 3, size=(n,) + shape)
    ours = profiles_of(pure_nash_equilibria(NormalFormGame(P.astype(float))), NormalFormGame(P))
    G = gbt.StrategicGame.from_arrays(*[P[i] for i in range(n)])
    theirs = []
    for eq in gbt.nash.enumpure_solve(G).equilibria:
        prof = eq.as_float()
        theirs.append(tuple(int(np.argmax([prof[p][s] for s in G.get_strategies(p)]))
                            for p in G.players))
    assert sorted(ours) == sorted(theirs)


def test_agrees_with_quantecon_pure_nash_brute():
    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(11)
    for _ in range(10):
        n = 3
        P = rng.integers(0, 3, size=(n, 2, 3, 2)).astype(float)
        # quantecon: player i's array is indexed (own, i+1, ..., n-1, 0, ..., i-1)
        players = []
        for i in range(n):
            order = [i] + [(i + k) % n for k in range(1, n)]
            players.append(qe.Player(np.transpose(P[i], order)))
        theirs = sorted(tuple(int(a) for a in prof) for prof in qe.pure_nash_brute(qe.NormalFormGame(players)))
        g = NormalFormGame(P)
        assert sorted(profiles_of(pure_nash_equilibria(g), g)) == theirs


# --------------------------------------------------------------------------- compiled kernel
from fractions import Fraction  # noqa: E402

from govgames.games.pure import COMPILED_MIN_ENTRIES, _mask_compiled, _mask_numpy  # noqa: E402


@st.composite
def float_games(draw):
    """Games with 1-7 players of 1-4 actions, payoffs with many ties and mixed magnitudes."""
    n = draw(st.integers(1, 7))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=n, max_size=n)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    P = rng.integers(-3, 4, size=(n,) + shape).astype(float)
    base = draw(st.sampled_from([0.0, 1e-12, 1e9, -1e9]))
    eps = draw(st.sampled_from([0.0, 1e-13, 1e-10, 1e-8]))
    return P if base == 0.0 else base + P * (1 + eps) * abs(base) * 1e-10


@settings(max_examples=200, deadline=None)
@given(float_games(), st.sampled_from([0.0, 1e-9, 1e-6, 0.5]))
def test_compiled_kernel_equals_numpy_path_bit_for_bit(P, tol):
    # the compiled kernel (two-action differences, best-response buffer for more actions)
    # against the numpy reductions, on the same floats: identical masks
    assert np.array_equal(_mask_compiled(P, tol), _mask_numpy(P, tol))


@settings(max_examples=60, deadline=None)
@given(small_games())
def test_compiled_kernel_agrees_with_brute_force_loop(P):
    mask = _mask_compiled(P, 0.0)
    assert [tuple(int(k) for k in idx) for idx in np.argwhere(mask)] == brute_force(P)


@pytest.mark.parametrize("shape", [(2,) * 12, (2, 3, 2, 2, 4, 2, 2, 3, 2, 2), (5, 4, 3, 6, 2, 2, 2, 2)])
def test_large_games_use_the_compiled_kernel_and_agree(shape):
    rng = np.random.default_rng(len(shape))
    P = rng.integers(0, 4, size=(len(shape),) + shape).astype(float)
    assert P.size >= COMPILED_MIN_ENTRIES
    g = NormalFormGame(P, copy=False)
    mask = pure_equilibrium_mask(g)
    assert np.array_equal(mask, _mask_numpy(P, 1e-9))
    # independent check on the two-action players: flipping the own action never pays
    ok = np.ones(shape, dtype=bool)
    for i in range(len(shape)):
        u = np.moveaxis(P[i], i, 0)
        ok &= np.moveaxis(u >= u.max(axis=0, keepdims=True), 0, i)
    assert np.array_equal(mask, ok)


def test_copy_false_shares_the_array_read_only():
    P = np.zeros((3, 2, 2, 2))
    g = NormalFormGame(P, copy=False)
    assert np.shares_memory(g.payoff_array, P)
    assert not g.payoff_array.flags.writeable
    assert not np.shares_memory(NormalFormGame(P).payoff_array, P)
    # any other input is converted whatever copy says
    F = np.asfortranarray(np.ones((2, 3, 2)))
    assert not np.shares_memory(NormalFormGame(F, copy=False).payoff_array, F)
    with pytest.raises(InputError, match="finite"):
        NormalFormGame(np.array([[[1.0, np.nan]], [[0.0, 0.0]]]), copy=False)


def test_finiteness_check_of_large_arrays_finds_one_bad_entry():
    P = np.zeros((17,) + (2,) * 17)
    P[16, 1, 0, 1] = np.inf                 # deep in the last chunk
    with pytest.raises(InputError, match="finite"):
        NormalFormGame(P, copy=False)


def test_exact_payoffs_are_compared_exactly():
    big = 2**60
    g = NormalFormGame([[[big + 1], [big]], [[0], [0]]])
    eqs = pure_nash_equilibria(g)
    assert [e.pure_profile for e in eqs] == [("s1", "s1")]
    assert eqs[0].exact_payoffs == (Fraction(big + 1), Fraction(0))
    # a relative tolerance, when given, is applied in exact arithmetic
    assert len(pure_nash_equilibria(g, tol=1e-9)) == 2
    h = NormalFormGame([[[Fraction(1, 3)], [Fraction(1, 3) + Fraction(1, 10**30)]],
                        [[0], [0]]])
    assert [e.pure_profile for e in pure_nash_equilibria(h)] == [("s2", "s1")]
    assert best_response_mask(h, 0).ravel().tolist() == [False, True]


@pytest.mark.parametrize("tol", [float("nan"), float("inf"), "x", True])
def test_bad_tolerances_are_refused(tol):
    g = NormalFormGame([[[1]], [[1]]])
    with pytest.raises(InputError, match="tolerance"):
        pure_nash_equilibria(g, tol=tol)

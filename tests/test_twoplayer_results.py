"""Result shapes of the 2-player solvers: an EquilibriumList from every solver, `_gen` streams."""

import inspect
import warnings
from fractions import Fraction as F

import numpy as np
import pytest

from govgames.games import EquilibriumList, NormalFormGame, equilibrium_sort_key
from govgames.games.errors import InputError
from govgames.games.twoplayer import (lemke_howson_all, support_enumeration,
                                      support_enumeration_gen, vertex_enumeration,
                                      vertex_enumeration_gen)

BOS = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])


def _exact(eqs):
    return [e.exact_profile for e in eqs]


@pytest.mark.parametrize("f, gen, method", [(vertex_enumeration, vertex_enumeration_gen, "vertex"),
                                            (support_enumeration, support_enumeration_gen,
                                             "support")])
def test_list_and_generator_pair(f, gen, method):
    eqs = f(BOS)
    assert isinstance(eqs, EquilibriumList) and eqs.method == method
    assert eqs.degenerate is None          # not tested by the enumerators themselves
    assert inspect.isgenerator(gen(BOS))
    assert sorted(_exact(gen(BOS))) == sorted(_exact(eqs))
    assert eqs.to_frame().shape == (3, 6)
    assert _exact(eqs)[1] == ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))


def test_generators_check_the_game_at_the_call_and_stream():
    three = NormalFormGame(np.zeros((3, 2, 2, 2)).tolist())
    for gen in (vertex_enumeration_gen, support_enumeration_gen):
        # the input is checked at the call, not at the first next()
        with pytest.raises(InputError, match="needs a games.NormalFormGame, got str"):
            gen("not a game")
        with pytest.raises(InputError, match="2-player games; this game has 3 players"):
            gen(three)
        it = gen(BOS)
        assert inspect.isgenerator(it) and inspect.getgeneratorstate(it) == "GEN_CREATED"
        assert len(list(it)) == 3
    g = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
    assert len(list(support_enumeration_gen(g))) == 1


def test_all_three_solvers_share_one_order_on_random_games():
    rng = np.random.default_rng(20)
    for _ in range(8):
        A, B = rng.integers(-2, 3, size=(2, 3, 4))
        g = NormalFormGame([A.tolist(), B.tolist()])
        for eqs in (vertex_enumeration(g), support_enumeration(g), lemke_howson_all(g)):
            assert isinstance(eqs, EquilibriumList)
            assert list(eqs) == sorted(eqs, key=equilibrium_sort_key)
        # the vertex stream is in the list's order; the support stream in discovery order
        assert _exact(vertex_enumeration_gen(g)) == _exact(vertex_enumeration(g))
        assert sorted(_exact(support_enumeration_gen(g))) == sorted(_exact(support_enumeration(g)))


def test_support_exact_keyword_is_deprecated_for_rational():
    with pytest.warns(DeprecationWarning, match="use `rational=`"):
        old = support_enumeration(BOS, exact=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = support_enumeration(BOS, rational=False)
    assert [e.exact_profile for e in new] == [None] * 3
    assert all(a.allclose(b) for a, b in zip(old, new))
    with pytest.raises(TypeError, match="give `rational=` only"):
        support_enumeration(BOS, rational=True, exact=True)


def test_support_of_exact_profiles_is_found_without_scanning_every_strategy():
    """Equilibrium.support confirms the float candidates exactly when their exact
    probabilities sum to one; a float profile that misses an exact positive probability
    (1e-400 underflows to 0.0) falls back to the full scan."""
    from fractions import Fraction as F

    from govgames.games import Equilibrium

    tiny = F(1, 10**400)
    prof = [[1 - tiny, tiny, 0], [0, 1, 0]]
    e = Equilibrium.from_game_profile(("A", "B"), (("x", "y", "z"), ("l", "m", "r")),
                                      [[float(p) for p in row] for row in prof], [0, 0],
                                      exact_profile=prof, exact_payoffs=[0, 0])
    assert e.support == (("x", "y"), ("m",)) and not e.is_pure
    pure = Equilibrium.from_game_profile(("A", "B"), (("x", "y"), ("l", "r")),
                                         [[0, 1], [1, 0]], [1, 2],
                                         exact_profile=[[0, 1], [1, 0]], exact_payoffs=[1, 2])
    assert pure.pure_profile == ("y", "l") and str(pure).startswith("A: y; B: l")

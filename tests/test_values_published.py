"""Published and textbook values of the Shapley value, power indices, core and nucleolus."""

from fractions import Fraction

import numpy as np
import pytest

from govgames.networks import (CoalitionalGame, banzhaf_index, banzhaf_value, core_is_nonempty, in_core,
                      least_core, nucleolus, owen_value, shapley_shubik_index, shapley_value)


def glove_game(left, right):
    players = list(left) + list(right)
    return CoalitionalGame.from_function(
        players, lambda S: float(min(len(S & set(left)), len(S & set(right)))))


def test_glove_game_shapley_core_nucleolus():
    # One left glove (A), two right gloves (B, C): Shapley (2/3, 1/6, 1/6); the core is the
    # single point (1, 0, 0) (the standard glove market, e.g. Maschler, Solan and Zamir,
    # Game Theory, 2013), so it is also the nucleolus.
    g = glove_game("A", "BC")
    assert shapley_value(g) == pytest.approx({"A": 2 / 3, "B": 1 / 6, "C": 1 / 6})
    assert nucleolus(g) == pytest.approx({"A": 1, "B": 0, "C": 0}, abs=1e-9)
    assert in_core(g, [1, 0, 0])
    r = in_core(g, shapley_value(g))
    assert not r and r.blocking in ({"A", "B"}, {"A", "C"})
    eps, _ = least_core(g)
    assert eps == pytest.approx(0, abs=1e-9)


def test_glove_game_two_by_three():
    # 2 left, 3 right gloves: by symmetry and efficiency left holders share more.
    g = glove_game("ab", "cde")
    phi = shapley_value(g)
    assert sum(phi.values()) == pytest.approx(2)
    assert phi["a"] == pytest.approx(phi["b"]) and phi["c"] == pytest.approx(phi["e"])
    assert phi["a"] > phi["c"]
    # the core gives everything to the scarce side
    assert in_core(g, {"a": 1, "b": 1, "c": 0, "d": 0, "e": 0})
    assert nucleolus(g) == pytest.approx({"a": 1, "b": 1, "c": 0, "d": 0, "e": 0}, abs=1e-8)


def airport_shapley(costs):
    """Littlechild and Owen (1973): phi_i = sum_{j <= i} (c_j - c_{j-1}) / (n - j + 1)."""
    order = np.argsort(costs, kind="stable")
    c = np.asarray(costs, float)[order]
    n = len(c)
    steps = np.diff(np.concatenate([[0.0], c])) / (n - np.arange(n))
    phi_sorted = np.cumsum(steps)
    out = np.empty(n)
    out[order] = phi_sorted
    return out


@pytest.mark.parametrize("costs", [[1, 2, 3], [5, 5, 8, 13, 2, 1], [3.5, 1.25, 9, 9, 4, 7, 2]])
def test_airport_game_littlechild_owen(costs):
    # Cost game c(S) = max cost in S (runway length); Littlechild and Owen, "A simple
    # expression for the Shapley value in a special case", Management Science 20 (1973).
    n = len(costs)
    g = CoalitionalGame.from_function(range(n), lambda S: max((costs[i] for i in S),
                                                              default=0.0))
    phi = np.array(list(shapley_value(g).values()))
    assert np.allclose(phi, airport_shapley(costs))


def test_un_security_council():
    # 5 permanent members with veto (weight 7) and 10 others (weight 1), quota 39: the
    # Shapley-Shubik index is 421/2145 = 0.19627 for a permanent member and 4/2145 = 0.001865
    # for the others (Shapley and Shubik 1954; Straffin 1993, Game Theory and Strategy, ch. 11).
    ss = shapley_shubik_index([7] * 5 + [1] * 10, 39, rational=True)
    assert ss["P1"] == Fraction(421, 2145) and ss["P15"] == Fraction(4, 2145)
    assert float(ss["P1"]) == pytest.approx(0.19627, abs=5e-6)
    assert float(ss["P6"]) == pytest.approx(0.001865, abs=5e-7)
    # Banzhaf: 848 swings of a permanent member, 84 of another (normalised 0.1669 / 0.0165)
    bz = banzhaf_index([7] * 5 + [1] * 10, 39, rational=True)
    assert bz["P1"] == Fraction(848, 5080) and bz["P6"] == Fraction(84, 5080)
    raw = banzhaf_index([7] * 5 + [1] * 10, 39, normalized=False, rational=True)
    assert raw["P1"] == Fraction(848, 2 ** 14)


def test_eec_council_1958():
    # EEC Council of Ministers 1958: France, Germany, Italy 4; Belgium, Netherlands 2;
    # Luxembourg 1; quota 12. Luxembourg is a null player (Felsenthal and Machover, The
    # Measurement of Voting Power, 1998): SS = 7/30, 3/20, 0; Banzhaf = 5/21, 1/7, 0.
    w = [4, 4, 4, 2, 2, 1]
    names = ["FR", "DE", "IT", "BE", "NL", "LU"]
    ss = shapley_shubik_index(w, 12, names, rational=True)
    assert [ss[p] for p in names] == [Fraction(7, 30)] * 3 + [Fraction(3, 20)] * 2 + [0]
    bz = banzhaf_index(w, 12, names, rational=True)
    assert [bz[p] for p in names] == [Fraction(5, 21)] * 3 + [Fraction(1, 7)] * 2 + [0]


def test_nassau_county_board():
    # Nassau County Board 1964 (Banzhaf 1965): weights 31, 31, 28, 21, 2, 2, quota 58; the
    # three smaller municipalities have no power at all, the three larger ones equal power.
    bz = banzhaf_index([31, 31, 28, 21, 2, 2], 58)
    assert bz == pytest.approx({"P1": 1 / 3, "P2": 1 / 3, "P3": 1 / 3, "P4": 0, "P5": 0,
                                "P6": 0})


def test_weighted_majority_textbook():
    # [51; 49, 48, 3]: every pair wins, so all three have equal power despite the weights
    # (Straffin 1993).
    assert shapley_shubik_index([49, 48, 3], 51) == pytest.approx(
        {"P1": 1 / 3, "P2": 1 / 3, "P3": 1 / 3})
    # [4; 3, 2, 1, 1], derived by hand: B, C, D are symmetric (any of them completes A, and
    # only all three win without A), A is pivotal in 2nd or 3rd place: SS = (1/2, 1/6, 1/6, 1/6)
    ss = shapley_shubik_index([3, 2, 1, 1], 4, rational=True)
    assert list(ss.values()) == [Fraction(1, 2)] + [Fraction(1, 6)] * 3
    g = CoalitionalGame.weighted_voting([3, 2, 1, 1], 4)
    assert list(shapley_value(g).values()) == pytest.approx([1 / 2, 1 / 6, 1 / 6, 1 / 6])
    assert list(banzhaf_value(g).values()) == pytest.approx(
        [float(x) for x in banzhaf_index([3, 2, 1, 1], 4, normalized=False).values()])


def test_three_player_majority_has_empty_core():
    g = CoalitionalGame.from_function("ABC", lambda S: float(len(S) >= 2))
    assert not core_is_nonempty(g)
    eps, x = least_core(g)
    assert eps == pytest.approx(1 / 3)
    assert x == pytest.approx({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3})
    assert nucleolus(g) == pytest.approx({"A": 1 / 3, "B": 1 / 3, "C": 1 / 3})
    assert not in_core(g, x)


@pytest.mark.parametrize("estate, want", [(100, [100 / 3] * 3), (200, [50, 75, 75]),
                                          (300, [50, 100, 150])])
def test_talmud_bankruptcy_nucleolus(estate, want):
    # Aumann and Maschler, "Game theoretic analysis of a bankruptcy problem from the Talmud",
    # Journal of Economic Theory 36 (1985) 195-213: the Mishna's divisions of estates of 100,
    # 200 and 300 among claims 100, 200, 300 are the nucleoli of the bankruptcy games.
    claims = [100, 200, 300]
    g = CoalitionalGame.from_function(
        range(3), lambda S: max(0, estate - sum(c for i, c in enumerate(claims) if i not in S)))
    for method in ("full", "cg"):
        assert list(nucleolus(g, method=method).values()) == pytest.approx(want)


def test_pairs_game_empty_core_nucleolus():
    # Derived by hand: v(i) = 0, v(12) = 60, v(13) = 80, v(23) = 90, v(N) = 100. The core is
    # empty (the pairs need 230 / 2 = 115 > 100); the nucleolus equalises the three pair
    # excesses x3 - 40 = x2 - 20 = x1 - 10 = 10: (20, 30, 50).
    g = CoalitionalGame.from_dict({"1": 0, "2": 0, "3": 0, "1,2": 60, "1,3": 80, "2,3": 90,
                                   "1,2,3": 100})
    assert not core_is_nonempty(g)
    assert list(nucleolus(g).values()) == pytest.approx([20, 30, 50])
    assert least_core(g)[0] == pytest.approx(10)


def test_owen_value_textbook():
    # Owen (1977): glove game with the right-glove holders united bargain as one: A gets 1/2.
    g = glove_game("A", "BC")
    assert owen_value(g, [["A"], ["B", "C"]]) == pytest.approx({"A": .5, "B": .25, "C": .25})
    # with A allied to B, C is left with nothing
    assert owen_value(g, [["A", "B"], ["C"]]) == pytest.approx({"A": .75, "B": .25, "C": 0})

"""Two-player mixed-equilibrium solvers on textbook games with equilibria derived by hand."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp

from govgames.games import (FreeParametersError, InputError, NormalFormGame, is_equilibrium,
                   is_equilibrium_exact)
from govgames.games.twoplayer import (degeneracy_report, is_degenerate, lemke_howson, lemke_howson_all,
                             support_enumeration, two_player_equilibria, vertex_enumeration)


def exact_set(eqs):
    return {(tuple(e.exact_profile[0]), tuple(e.exact_profile[1])) for e in eqs}


def certify(game, eqs):
    for e in eqs:
        assert is_equilibrium_exact(game, [list(e.exact_profile[0]), list(e.exact_profile[1])]), str(e)
        assert is_equilibrium(game, [e.profile[0], e.profile[1]])
        A, B = game.exact_payoffs()
        x, y = e.exact_profile
        u1 = sum(x[i] * A[i, j] * y[j] for i in range(len(x)) for j in range(len(y)))
        u2 = sum(x[i] * B[i, j] * y[j] for i in range(len(x)) for j in range(len(y)))
        assert e.exact_payoffs == (u1, u2)


PD = NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], strategies=[["C", "D"], ["C", "D"]])
BOS = NormalFormGame([[[2, 0], [0, 1]], [[1, 0], [0, 2]]])
MP = NormalFormGame([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]])
RPS = NormalFormGame([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]]])

H, T = F(1, 2), F(1, 3)
EXPECTED = {
    "pd": (PD, {((0, 1), (0, 1))}),
    "bos": (BOS, {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}),
    "pennies": (MP, {((H, H), (H, H))}),
    "rps": (RPS, {((T, T, T), (T, T, T))}),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("method", ["vertex", "support"])
def test_textbook_games_all_equilibria(name, method):
    game, expected = EXPECTED[name]
    eqs = list(vertex_enumeration(game) if method == "vertex" else support_enumeration(game))
    assert exact_set(eqs) == {tuple(tuple(F(v) for v in p) for p in e) for e in expected}
    certify(game, eqs)
    assert not is_degenerate(game)
    assert degeneracy_report(game) is None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_lemke_howson_textbook(name):
    game, expected = EXPECTED[name]
    expected = {tuple(tuple(F(v) for v in p) for p in e) for e in expected}
    found = lemke_howson_all(game)
    assert found.method == "lemke-howson"
    assert exact_set(found) <= expected and len(found) >= 1
    certify(game, found)
    for k in range(sum(game.shape)):
        assert exact_set([lemke_howson(game, k)]) <= expected


def test_battle_of_the_sexes_lemke_howson_labels():
    # Shifted payoffs A = [[3, 1], [1, 2]], B = [[2, 1], [1, 3]]. Dropping label 2 (column s1):
    # y1 enters A y + r = 1, ratios 1/3 (row 1) and 1/1 -> r1 leaves (label 0); x1 enters
    # B^T x + s = 1, ratios 1/2 and 1/1 -> s1 leaves, which is label 2: stop at x = (1/2, 0),
    # y = (1/3, 0), i.e. (s1, s1). Dropping label 3: y2 enters, ratios 1/1, 1/2 -> r2 leaves
    # (label 1); x2 enters, ratios 1/1, 1/3 -> s2 (label 3) leaves: (s2, s2).
    assert lemke_howson(BOS, 0).exact_profile == ((1, 0), (1, 0))
    assert lemke_howson(BOS, 1).exact_profile == ((0, 1), (0, 1))
    assert lemke_howson(BOS, 2).exact_profile == ((1, 0), (1, 0))
    assert lemke_howson(BOS, 3).exact_profile == ((0, 1), (0, 1))


def test_payoffs_and_float_profile():
    (e,) = [e for e in vertex_enumeration(BOS) if not e.is_pure]
    assert e.exact_payoffs == (F(2, 3), F(2, 3))
    np.testing.assert_allclose(e.profile[0], [2 / 3, 1 / 3])
    np.testing.assert_allclose(e.payoffs, [2 / 3, 2 / 3])


# -- degenerate games -------------------------------------------------------------------------

# Row: T pays 1 against both columns, B pays 0 / 2. Column: indifferent against T, prefers L
# against B. If Row puts p > 0 on B, L is strictly better, then T is strictly better: p = 0.
# Against T, every y is a best response; T is a best response iff 1 >= 2 y_R. The equilibria
# are the segment T x {y_R in [0, 1/2]}: extreme points (T, L) and (T, 1/2 L + 1/2 R).
SEGMENT = NormalFormGame([[[1, 1], [0, 2]], [[1, 1], [2, 0]]], players=["Row", "Col"],
                         strategies=[["T", "B"], ["L", "R"]])
SEGMENT_EXTREME = {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (H, H))}

# 3x2 (QuantEcon's example): A = [[3,3],[2,5],[0,6]], B = [[3,3],[2,6],[3,1]].
# Row T: column indifferent; T is a best response to (q, 1-q) iff 3 >= 5 - 3q and 3 >= 6 - 6q,
# i.e. q >= 2/3: component T x {q in [2/3, 1]}, extreme points q = 1 and q = 2/3.
# Rows M, B mixed (0, a, b): column indifferent iff 2a + 3b = 6a + b, b = 2a, x = (0, 1/3, 2/3);
# row indifferent between M and B iff 5 - 3q = 6 - 6q, q = 1/3 (T pays 3 < 4). Other
# supports fail: T and M mixed makes R strictly better for the column, and against R the row
# prefers B; T and B mixed makes L strictly better, and against L only T is a best reply; all
# three rows indifferent needs q = 2/3 and q = 1/2 at once; the pure profiles other than (T, L)
# are not equilibria.
THREE_BY_TWO = NormalFormGame([[[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]])
THREE_BY_TWO_EXTREME = {
    ((F(1), F(0), F(0)), (F(1), F(0))),
    ((F(1), F(0), F(0)), (F(2, 3), F(1, 3))),
    ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
}


@pytest.mark.parametrize("game, expected", [(SEGMENT, SEGMENT_EXTREME),
                                            (THREE_BY_TWO, THREE_BY_TWO_EXTREME)])
def test_degenerate_games_extreme_equilibria(game, expected):
    eqs = list(vertex_enumeration(game))
    assert exact_set(eqs) == expected
    certify(game, eqs)
    assert is_degenerate(game)
    # the other methods return extreme equilibria only, possibly fewer
    sup = list(support_enumeration(game))
    certify(game, sup)
    assert exact_set(sup) <= expected
    lh = lemke_howson_all(game)
    certify(game, lh)
    assert exact_set(lh) <= expected


def test_degenerate_game_where_support_enumeration_misses_an_extreme_equilibrium():
    # A = [[2, 2, 1], [2, 0, 1]], B = [[0, 0, 2], [2, 2, 0]]. Against x = (1/2, 1/2) every
    # column pays 1 to the column player, and against column s1 both rows pay 2: so
    # ((1/2, 1/2), s1) is an equilibrium with supports of sizes 2 and 1. It is extreme (x is the
    # only mixture making s1 and s3 both best responses). Equal-size supports cannot produce it:
    # with J = {s1, s2} the row player's indifference system is singular (columns s1, s2 of B are
    # equal) and with J = {s1, s3} the column player's system is (rows of A on s1, s3 are equal).
    g = NormalFormGame([[[2, 2, 1], [2, 0, 1]], [[0, 0, 2], [2, 2, 0]]])
    missing = ((H, H), (F(1), F(0), F(0)))
    vert = list(vertex_enumeration(g))
    certify(g, vert)
    assert missing in exact_set(vert)
    assert exact_set(vert) == {((F(1), F(0)), (F(0), F(0), F(1))), missing,
                               ((H, H), (F(0), F(0), F(1))), ((F(0), F(1)), (F(1), F(0), F(0)))}
    sup = exact_set(support_enumeration(g))
    assert missing not in sup and sup < exact_set(vert)
    assert is_degenerate(g)


def test_degeneracy_report_text():
    text = degeneracy_report(SEGMENT)
    assert text.startswith("The game is degenerate: when Row plays T, Col has 2 pure best responses (L, R)")


def test_constant_game_every_pure_profile_is_extreme():
    # every profile is an equilibrium; the component is the product of simplices, whose extreme
    # points are the 3 * 4 pure profiles
    g = NormalFormGame([np.full((3, 4), 7.0), np.full((3, 4), -2.0)])
    eqs = list(vertex_enumeration(g))
    assert len(eqs) == 12 and all(e.is_pure for e in eqs)
    assert is_degenerate(g)


def test_two_player_equilibria_notes():
    res = two_player_equilibria(THREE_BY_TWO, method="vertex")
    assert res.degenerate is True and res.method == "vertex"
    assert any("continua" in n for n in res.notes)
    assert len(res) == 3
    res = two_player_equilibria(THREE_BY_TWO, method="support")
    assert any("may miss" in n for n in res.notes)
    res = two_player_equilibria(BOS, method="lemke-howson")
    assert res.degenerate is False and len(res) == 2
    assert two_player_equilibria(BOS).notes == []


def test_one_by_n_and_float_payoffs():
    g = NormalFormGame([[[0.1, 0.3, 0.3]], [[0.2, 0.2, 0.1]]])
    eqs = list(vertex_enumeration(g))
    # column player indifferent between s1 and s2: the segment between them
    assert exact_set(eqs) == {((F(1),), (F(1), F(0), F(0))), ((F(1),), (F(0), F(1), F(0)))}
    certify(g, eqs)


# -- bad input ---------------------------------------------------------------------------------

def test_rejects_three_players():
    g = NormalFormGame(np.zeros((3, 2, 2, 2)))
    for f in (vertex_enumeration, support_enumeration):
        with pytest.raises(InputError, match="2-player"):
            list(f(g))
    with pytest.raises(InputError, match="2-player"):
        lemke_howson(g)
    with pytest.raises(InputError, match="2-player"):
        is_degenerate(g)


def test_rejects_free_parameters():
    b = sp.Symbol("b")
    g = NormalFormGame([[[b, 0], [0, 1]], [[1, 0], [0, 2]]])
    with pytest.raises(FreeParametersError, match="b"):
        list(vertex_enumeration(g))
    with pytest.raises(FreeParametersError):
        two_player_equilibria(g)
    assert len(list(vertex_enumeration(g.subs(b=2)))) == 3


def test_rejects_bad_method_and_label():
    with pytest.raises(InputError, match="unknown 2-player method"):
        two_player_equilibria(BOS, method="simplex")
    with pytest.raises(InputError, match="initial_label"):
        lemke_howson(BOS, initial_label=4)
    with pytest.raises(InputError, match="initial_label"):
        lemke_howson(BOS, initial_label="a")
    with pytest.raises(InputError):
        list(vertex_enumeration("not a game"))


def test_degeneracy_report_names_the_column_player():
    # rows tie against column L: the column player's pure strategy L has two best responses
    g = NormalFormGame([[[1, 0], [1, 2]], [[3, 0], [0, 1]]], players=["Row", "Col"],
                       strategies=[["T", "B"], ["L", "R"]])
    assert is_degenerate(g)
    assert degeneracy_report(g).startswith(
        "The game is degenerate: when Col plays L, Row has 2 pure best responses (T, B)")


def test_large_game_one_equilibrium_methods_skip_the_full_degeneracy_test():
    rng = np.random.default_rng(11)
    A, B = rng.integers(-10**6, 10**6, (2, 14, 14))
    res = two_player_equilibria(NormalFormGame([A, B]), method="lemke-howson")
    assert res.degenerate is None
    assert any("pure strategies only" in n for n in res.notes)
    certify(NormalFormGame([A, B]), res)
    B[3, :] = 7  # against row 3 every column is a best response: degenerate
    res = two_player_equilibria(NormalFormGame([A, B]), method="lemke-howson")
    assert res.degenerate is True

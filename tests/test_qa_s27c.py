"""QA of session 27 (helper c): profiles that passed unchecked or in a random order."""
from fractions import Fraction

import pytest

from govgames.games.continuous import cournot
from govgames.games.errors import InputError
from govgames.games.extensive import ExtensiveGame, decision, is_subgame_perfect, terminal
from govgames.games.extensive.behaviour import best_response_values, realization_probabilities


def _tree():
    return ExtensiveGame(["A", "B"], decision("A", {
        "C": decision("B", {"C": terminal(3, 3), "D": terminal(0, 4)}), "D": terminal(1, 1)}))


@pytest.mark.parametrize("profile, message", [
    ([(3, -2), (1, 0)], "negative probability -2"),
    ([(Fraction(3), Fraction(-2)), (Fraction(1), Fraction(0))], "negative probability -2"),
    ([(Fraction(1, 2), Fraction(1, 3)), (Fraction(1), Fraction(0))], "sum to 5/6"),
    ([(1,), (1, 0)], "1 probabilities for 2 actions"),
    ([("C",), ("C",)], "1 probabilities for 2 actions"),
])
@pytest.mark.parametrize("func", [is_subgame_perfect, realization_probabilities,
                                  best_response_values])
def test_a_tree_profile_of_probability_tuples_is_checked(func, profile, message):
    # a list of tuples was taken as already checked: probabilities 3 and -2 gave an answer,
    # a short tuple an IndexError and action names a TypeError
    with pytest.raises(InputError, match=message):
        func(_tree(), profile)


def test_a_tree_profile_of_float_tuples_is_read_exactly():
    reach = realization_probabilities(_tree(), [(0.5, 0.5), (1, 0)])
    assert reach[4] == Fraction(1, 2) and isinstance(reach[1], Fraction)


def test_a_set_is_no_profile():
    with pytest.raises(InputError, match="a set has no order"):
        is_subgame_perfect(_tree(), {"C", "D"})
    g = cournot(2, a=10, b=1, c=1)
    with pytest.raises(InputError, match="a set has no order"):
        g.payoff({4, 2})          # read as (2, 4)
    with pytest.raises(InputError, match="a set has no order"):
        g.payoff(frozenset({4, 2}))


def test_a_continuous_profile_naming_a_player_twice_is_refused():
    g = cournot(2, a=10, b=1, c=1)
    with pytest.raises(InputError, match="player 'Firm 1' is given twice"):
        g.payoff({0: 4, "Firm 1": 2, 1: 3})
    assert list(g.payoff({"Firm 1": 4, "Firm 2": 2})) == [12.0, 6.0]


@pytest.mark.parametrize("tail, line", [("3\n", 5), ("3", 5), ("3\n\n\n", 7), ("3\n\n 4 5\n", 7)])
def test_a_count_error_at_the_end_names_the_last_line_of_the_file(tail, line):
    # a file ending in a newline was said to end on the line after its last one
    from govgames.games.nfg import parse_nfg
    text = 'NFG 1 R "t"\n{ "P1" "P2" }\n{ 2 1 }\n1 2\n' + tail
    assert len(text.splitlines()) == line
    with pytest.raises(InputError, match=f"g.nfg: line {line}: expected 4 payoffs"):
        parse_nfg(text, "g.nfg")


def test_the_end_of_a_tree_file_is_its_last_line():
    from govgames.games.extensive.efg import parse_efg
    with pytest.raises(InputError, match="t.efg: line 4: "):
        parse_efg('EFG 2 R "t" { "A" "B" }\n""\n\np "" 1 1 "A" { "x" "y" } 0\n', "t.efg")


def test_a_one_sided_listing_refusal_points_at_the_pure_solver():
    # the hint named logit and Lemke-Howson from every label, both refused for a 1x5000 game,
    # while the pure solver lists the same (pure, extreme) equilibria at once
    import numpy as np

    from govgames.games import NormalFormGame, nash_equilibria
    from govgames.games.budget import BudgetError
    from govgames.games.pure import pure_nash_equilibria
    rng = np.random.default_rng(0)
    g = NormalFormGame.from_arrays(rng.integers(0, 3, (1, 5000)), rng.integers(0, 3, (1, 5000)))
    with pytest.raises(BudgetError, match=r"the extreme equilibria are the pure ones: method "
                                          r"'pure' \(pure_nash_equilibria\(game\)\)"):
        nash_equilibria(g, method="vertex")
    best = g.payoff_array[1][0]
    assert len(pure_nash_equilibria(g)) == int((best == best.max()).sum())


def test_an_unterminated_label_after_a_backslash_quote_names_that_line():
    # "x\\" does not close (a backslash before a quote), so the pairing of every later quote
    # moves and the file ends inside a label opened on line 4: the error now names line 3 too
    from govgames.games.nfg import parse_nfg
    text = 'NFG 1 R "t"\n{ "P1" "P2" }\n{ { "x\\\\" "y" } { "a" } }\n""\n1 2 3 4\n'
    with pytest.raises(InputError, match=r"g.nfg: line 4: unterminated quoted string \(a quote "
                                          r"after a backslash does not end a label, as on line 3"):
        parse_nfg(text, "g.nfg")
    with pytest.raises(InputError, match=r"line 2: unterminated quoted string$"):
        parse_nfg('NFG 1 R "t"\n{ "P1 "P2" }\n', "g.nfg")


def test_a_tree_profile_may_name_players_by_index_but_not_twice():
    from govgames.games.extensive.behaviour import behaviour_profile
    g = _tree()
    by_index = behaviour_profile(g, {0: "C", "B": "D"})       # said: no behaviour for 'A'
    assert by_index.probs == behaviour_profile(g, {"A": "C", "B": "D"}).probs
    with pytest.raises(InputError, match="gives player 'A' twice"):
        behaviour_profile(g, {0: "C", "A": "D", "B": "C"})   # the index key was dropped


def test_a_degenerate_one_sided_game_describes_its_one_continuum():
    # the note spoke of four pairs (x1, y1) ... (x2, y2), which a player with one strategy lacks
    from govgames.games import NormalFormGame
    from govgames.games.twoplayer import two_player_equilibria
    g = NormalFormGame([[[1, 1, 1]], [[2, 2, 0]]], players=["P1", "P2"])
    res = two_player_equilibria(g)
    assert len(res) == 2 and res.degenerate
    assert any("P1 has one strategy: every mixture of the strategies of P2 listed above" in n
               for n in res.notes)
    assert not any("all four pairs" in n for n in res.notes)

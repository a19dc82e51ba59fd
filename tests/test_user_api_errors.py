"""The Python API as users call it: wrong input raises InputError naming what and where;
nothing a user gave is overwritten; results and games display sensibly."""

from __future__ import annotations

import json

import numpy as np
import pytest

from govgames import games
import govgames.networks as nw
from govgames.games import NormalFormGame, dilemmas, is_equilibrium, is_equilibrium_exact, nash_equilibria
from govgames.games.errors import InputError


@pytest.fixture
def river():
    return NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]],
                          players=["Upstream", "Downstream"],
                          strategies=[["Abate", "Pollute"], ["Abate", "Pollute"]])


@pytest.mark.parametrize("profile, fragment", [
    (["Pollute", "Polute"], "unknown strategy 'Polute' of player 'Downstream'"),
    (["Pollute"], "one entry per player (2), got 1"),
    ([[0.5, 0.6], "Abate"], "player 'Upstream' is not a probability vector"),
    ([[1.5, -0.5], "Abate"], "player 'Upstream' is not a probability vector"),
    ([[np.nan, 1.0], "Abate"], "player 'Upstream' is not a probability vector"),
    ([[1, 0, 0], "Abate"], "player 'Upstream' must have 2 probabilities"),
    ([["a", "b"], "Abate"], "player 'Upstream' must be a strategy name"),
    ([5, 0], "index 5 out of range for player 'Upstream'"),
    ({"Up": "Abate", "Downstream": "Abate"}, "unknown player 'Up'"),
    ({"Upstream": "Abate"}, "no strategy for player 'Downstream'"),
    ("Abate", "got the string 'Abate'"),
    (3, "got int"),
])
def test_bad_profiles_name_the_player(river, profile, fragment):
    with pytest.raises(InputError, match=None) as exc:
        is_equilibrium(river, profile)
    assert fragment in str(exc.value)


@pytest.mark.parametrize("profile, fragment", [
    ([[np.nan, 1], "Abate"], "player 'Upstream'"),
    ([0.5, "Abate"], "player 'Upstream'"),
    ({"Nobody": "Abate", "Downstream": "Abate"}, "unknown player 'Nobody'"),
])
def test_bad_profiles_exact(river, profile, fragment):
    with pytest.raises(InputError) as exc:
        is_equilibrium_exact(river, profile)
    assert fragment in str(exc.value)


def test_profiles_as_dicts_keyed_by_player(river):
    assert is_equilibrium(river, {"Downstream": "Pollute", "Upstream": "Pollute"})
    assert not is_equilibrium_exact(river, {"Upstream": "Abate", "Downstream": "Abate"})
    assert river.pure_profile({"Downstream": 1, "Upstream": "Abate"}) == (0, 1)


def test_symbolic_and_three_player_games_to_numeric_solvers():
    sym = dilemmas.upstream_downstream()
    with pytest.raises(InputError, match=r"free parameters b, c, s.*subs"):
        nash_equilibria(sym)
    g3 = NormalFormGame(np.zeros((3, 2, 2, 2)))
    for call in (lambda: nash_equilibria(g3, method="vertex"),
                 lambda: games.two_player_equilibria(g3),
                 lambda: games.lemke_howson(g3)):
        with pytest.raises(InputError, match="3 players"):
            call()


def test_seed_errors_are_input_errors():
    from govgames.games.repeated import basic_strategies, round_robin_tournament
    with pytest.raises(InputError, match="seed must be"):
        round_robin_tournament(basic_strategies(), turns=5, repetitions=1, seed=-1)
    with pytest.raises(InputError, match="seed must be"):
        round_robin_tournament(basic_strategies(), turns=5, repetitions=1, seed="abc")


# ----------------------------------------------------------------------- never overwrite
def test_write_game_refuses_existing_files_and_directories(tmp_path, river):
    target = tmp_path / "mine.json"
    target.write_text("my notes")
    with pytest.raises(InputError, match="exists; pass overwrite=True"):
        games.write_game(river, target)
    assert target.read_text() == "my notes"
    games.write_game(river, target, overwrite=True)
    assert games.read_game(target).players == river.players
    with pytest.raises(InputError, match="is a directory"):
        games.write_game(river, tmp_path, overwrite=True)
    with pytest.raises(InputError, match="does not exist"):
        games.write_game(river, tmp_path / "no" / "such" / "g.nfg")


def test_read_game_directory_message(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        games.read_game(tmp_path)


def test_entry_rule_to_json_refuses_existing_file(tmp_path):
    rule = nw.EntryRule("urbanization >= 0.2")
    target = tmp_path / "rule.json"
    target.write_text("keep me")
    with pytest.raises(InputError, match="exists; pass overwrite=True"):
        rule.to_json(target)
    assert target.read_text() == "keep me"
    rule.to_json(target, overwrite=True)
    assert json.loads(target.read_text())["type"] == "entry_rule"
    with pytest.raises(InputError, match="is a directory"):
        rule.to_json(tmp_path, overwrite=True)


# ----------------------------------------------------------------------- display
def test_html_of_small_game_escapes_and_is_complete(river):
    g = NormalFormGame(river.numeric_payoffs(), players=["A<b>", "B&c"], title="x < y")
    h = g._repr_html_()
    assert "A&lt;b&gt; \\ B&amp;c" in h and "<caption>x &lt; y</caption>" in h
    assert h.count("<tr>") == 3 and "govgames-note" not in h


@pytest.mark.parametrize("shape, note", [
    ((2, 2000, 2000), "first 60 of 2000 rows; first 30 of 2000 columns"),
    ((12,) + (2,) * 12, "first 60 of 4096 profiles"),
])
def test_html_of_large_games_is_cut(shape, note):
    g = NormalFormGame(np.zeros(shape))
    h = g._repr_html_()
    assert note in h and len(h) < 100_000


def test_equilibrium_printing():
    bos = games.read_game(games.__path__[0] + "/examples/battle_of_sexes.nfg")
    eqs = nash_equilibria(bos)
    text = str(eqs)
    assert text.splitlines()[0] == "3 equilibria (vertex)"
    assert "2/3 Opera + 1/3 Football" in text and "(payoffs 2/3, 2/3)" in text
    assert repr(eqs[0]).startswith("Equilibrium(") and "Opera" in repr(eqs[0])
    none = games.pure_nash_equilibria(NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]]))
    assert str(none).startswith("0 equilibria")


def test_assert_equilibria_equal_names_the_profiles(river):
    from govgames.games.testing import assert_equilibria_equal
    with pytest.raises(AssertionError) as info:
        assert_equilibria_equal(nash_equilibria(river), [["Abate", "Abate"]], game=river)
    msg = str(info.value)
    assert "missing: [1, 0; 1, 0] (Upstream: Abate; Downstream: Abate)" in msg
    assert "unexpected: [0, 1; 0, 1] (Upstream: Pollute; Downstream: Pollute)" in msg
    assert_equilibria_equal(nash_equilibria(river),
                            [{"Upstream": "Pollute", "Downstream": "Pollute"}], game=river)


@pytest.mark.parametrize("content, fragment", [
    (bytes(range(256)), "not UTF-8"),
    (b'{"type": "entry_rule", "rule": "urbanization >= 0.2", "rule": "x >= 1"}',
     "'rule' appears twice"),
    (b"[" * 100_000, "nested too deeply for Python's JSON reader (more than about"),
])
def test_entry_rule_from_bad_files(tmp_path, content, fragment):
    path = tmp_path / "rule.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as exc:
        nw.EntryRule.from_json(path)
    assert fragment in str(exc.value) and "rule.json" in str(exc.value)
    assert '"tree"' not in str(exc.value)          # the game-tree advice is for tree files
    with pytest.raises(InputError, match="is a directory"):
        nw.EntryRule.from_json(tmp_path)


def test_network_builders_want_a_graph():
    with pytest.raises(InputError, match="networkx graph.*got list"):
        nw.linkage_game([("A", "B")])
    with pytest.raises(InputError, match="networkx graph.*got list"):
        nw.graph_restricted(nw.CoalitionalGame(["A", "B"], [0, 1, 1, 2]), [("A", "B")])
    with pytest.raises(InputError, match=r"empty coalition must have value 0, got 5\.0"):
        nw.CoalitionalGame(["A", "B"], [5, 1, 1, 2])


def test_nfg_integer_payoffs_fast_and_exact():
    g = games.io.parse_nfg('NFG 1 R "x" { "A" "B" } { 1 2 }\n-3 +1 2 3')
    assert g.numeric_payoffs().dtype == float
    assert g.numeric_payoffs().tolist() == [[[-3.0, 2.0]], [[1.0, 3.0]]]
    big = games.io.parse_nfg('NFG 1 R "x" { "A" "B" } { 1 2 }\n9007199254740993 1 2 3')
    assert int(big.exact_payoffs()[0, 0, 0]) == 2**53 + 1   # not rounded to a float


@pytest.mark.parametrize("players, fragment", [
    (8, "got the number 8; for players 0..7 pass range(8)"),
    (np.int64(3), "pass range(3)"),
    (3.5, "got float"),
    (None, "got NoneType"),
    ([["A"], ["B"]], "player 0 (['A']) is a list: a player name must be hashable"),
])
def test_coalitional_game_players_must_be_a_sequence_of_names(players, fragment):
    with pytest.raises(InputError) as err:
        nw.CoalitionalGame(players, [0.0] * 4)
    assert fragment in str(err.value)


def test_allocation_scrubs_negative_zero_only():
    x = nw.Allocation({"A": -0.0, "B": 1.5, "C": 0})
    assert str(x["A"]) == "0.0" and x["B"] == 1.5 and x["C"] == 0 and type(x["C"]) is int
    y = nw.Allocation({"A": 2.0, "B": -1.0})
    assert dict(y) == {"A": 2.0, "B": -1.0}

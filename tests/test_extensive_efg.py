"""Gambit .efg files: read, write back identically, solve; agreement with pygambit if installed."""

import pathlib
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govgames.games as games
from govgames.games.errors import InputError
from govgames.games.extensive import (ExtensiveGame, chance, decision, game_to_efg, parse_efg,
                                      random_tree, read_efg, reduced_normal_form, terminal,
                                      tree_equilibria, write_efg)

EXAMPLE = pathlib.Path(games.__file__).parent / "examples" / "entry_deterrence.efg"

# a file in the style of Gambit's own examples: chance, information sets, outcomes at inner
# nodes, rational and decimal numbers, escaped quotes
POKER = r'''EFG 2 R "A simple \"poker\" game" { "Fred" "Alice" }
"One card, red or black; Fred raises or folds; Alice meets or passes."

c "" 1 "" { "Red" 1/2 "Black" 1/2 } 0
p "" 1 1 "Fred has red" { "Raise" "Fold" } 0
p "" 2 1 "Alice" { "Meet" "Pass" } 0
t "" 1 "Win big" { 2, -2 }
t "" 2 "Win" { 1, -1 }
t "" 3 "Lose" { -1, 1 }
p "" 1 2 "Fred has black" { "Raise" "Fold" } 0
p "" 2 1 "Alice" { "Meet" "Pass" } 0
t "" 4 "Lose big" { -2, 2 }
t "" 2 "Win" { 1, -1 }
t "" 3 "Lose" { -1, 1 }
'''


def test_example_file_round_trip_byte_for_byte():
    text = EXAMPLE.read_text()
    g = read_efg(EXAMPLE)
    assert game_to_efg(g) == text
    assert g.title == "Entry deterrence" and g.players == ("Entrant", "Incumbent")


def test_poker_read_solve_write():
    g = parse_efg(POKER, source="poker.efg")
    assert g.title == 'A simple "poker" game'
    assert not g.is_perfect_information and g.is_perfect_recall
    assert game_to_efg(g) == POKER
    eqs = tree_equilibria(g)
    # Myerson's one-card poker: Fred always raises with red, raises with black w.p. 1/3, Alice
    # meets w.p. 2/3; value 1/3 to Fred
    assert len(eqs) == 1
    e = eqs[0]
    assert e.payoffs == (Fraction(1, 3), Fraction(-1, 3))
    assert e.action_probability("Fred", "Fred has black", "Raise") == Fraction(1, 3)
    assert e.action_probability("Alice", "Alice", "Meet") == Fraction(2, 3)
    seq = tree_equilibria(g, "sequence")[0]
    assert seq.key() == e.key()


def test_write_and_read_file(tmp_path):
    g = parse_efg(POKER)
    p = write_efg(g, tmp_path / "poker.efg")
    assert read_efg(p) == g
    with pytest.raises(InputError, match="exists"):
        write_efg(g, p)


def test_builder_game_written_as_gambit_does():
    g = ExtensiveGame(["A", "B"], chance({
        "good": ("2/3", decision("A", {"U": terminal(1, "1/2"), "D": terminal(0, 0.25)})),
        "bad": ("1/3", terminal(-1, 3))}), title="t")
    text = game_to_efg(g)
    assert text.splitlines()[3] == 'c "" 1 "" { "good" 2/3 "bad" 1/3 } 0'
    h = parse_efg(text)
    assert h == g and game_to_efg(h) == text


@pytest.mark.parametrize("text, message", [
    ('NFG 1 R "x" { "A" } { 1 }\n1', r"bad.efg: line 1: this is a strategic-form \(.nfg\) file"),
    ('EFG 2 R "x" { "A" "B" }\np "" 3 1 "" { "a" } 0\nt "" 0',
     r"bad.efg: line 2: player number 3 out of range 1..2"),
    ('EFG 2 R "x" { "A" }\n\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0',
     r"bad.efg: line 3: chance probabilities sum to 5/6, not 1"),
    ('EFG 2 R "x" { "A" "B" }\np "" 1 1 "" { "a" "b" } 0\np "" 2 1 "" { "l" "r" } 0\n'
     't "" 0\nt "" 0\np "" 2 1 "" { "l" "m" } 0\nt "" 0\nt "" 0',
     r"bad.efg: line 6: information set 1 of player 'B' is described differently from its first "
     r"appearance on line 3"),
    ('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 }',
     r"bad.efg: line 3: the file ends inside the tree: the node after b is missing"),
    ('EFG 2 R "x" { "A" "B" }\nt "" 1 "" { 1, 2, 3 }',
     r"bad.efg: line 2: outcome 1 has 3 payoffs; the game has 2 players"),
    ('EFG 2 R "x" { "A" }\nt "" 1 "" { 1 }\nt "" 0',
     r"bad.efg: line 3: unexpected 't' after the last node"),
    ('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" } 0\nt "" 1 "" { import }',
     r"bad.efg: line 3: expected a payoff \(a number\), found import"),
    ('EFG 2 R "x" { "A" }\np "" 1 2 0\nt "" 0',
     r"bad.efg: line 2: information set 2 of player 'A' is used before it is described"),
])
def test_bad_files_name_the_line(text, message):
    with pytest.raises(InputError, match=message):
        parse_efg(text, source="bad.efg")


# ---------------------------------------------------------------------------- pygambit
try:  # optional peer
    import pygambit as gbt
except ImportError:  # pragma: no cover - pygambit not installed
    gbt = None

needs_gambit = pytest.mark.skipif(gbt is None, reason="pygambit is not installed")


def _gambit_game(text, tmp_path, name):
    p = tmp_path / name
    p.write_text(text)
    return gbt.read_efg(str(p))


def _fraction(x):
    return Fraction(str(x))


@needs_gambit
@settings(max_examples=25)
@given(seed=st.integers(0, 10**6), players=st.integers(2, 3))
def test_agrees_with_pygambit_on_random_trees(seed, players, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("efg")
    g = random_tree(players, 3, max_actions=2 if players == 3 else 3, merge_prob=0.6, seed=seed)
    text = game_to_efg(g)
    gg = _gambit_game(text, tmp_path, "g.efg")
    # Gambit writes the file we wrote back identically, except that Gambit 17 names unlabelled
    # outcomes "_1", "_2", ...; what Gambit writes we read and write back byte for byte
    theirs_text = gg.to_efg()
    assert re.sub(r' (\d+) "_\1" \{', r' \1 "" {', theirs_text) == text
    assert parse_efg(theirs_text) == g
    assert game_to_efg(parse_efg(theirs_text)) == theirs_text
    # the same reduced normal form (up to the order of strategies): compare sorted payoff tables
    mine = reduced_normal_form(g)
    theirs = [np.vectorize(_fraction, otypes=[object])(a) for a in gg.to_arrays()]
    assert theirs[0].shape == mine.shape
    P = np.asarray(mine.exact_payoffs())
    assert sorted(map(tuple, P.reshape(players, -1).T.tolist())) == \
        sorted(map(tuple, np.stack(theirs).reshape(players, -1).T.tolist()))
    if players == 2 and max(mine.shape) <= 12:
        # 2 players: every extreme equilibrium of the reduced normal form, as Gambit's enummixed
        ours = sorted(e.payoffs for e in tree_equilibria(g))
        res = gbt.nash.enummixed_solve(gg, rational=True)
        got = []
        labels = [p for p in gg.players]
        for eq in res.equilibria:
            vecs = [np.array([_fraction(x) for _, x in eq[p]], dtype=object) for p in labels]
            got.append(tuple(vecs[0] @ theirs[i] @ vecs[1] for i in range(2)))
        assert ours == sorted(got)
    elif players == 3:
        ours = sorted(e.payoffs for e in tree_equilibria(g, "pure"))
        res = gbt.nash.enumpure_solve(gg)
        got = []
        for eq in res.equilibria:
            idx = tuple(next(k for k, x in enumerate(x for _, x in eq[p]) if _fraction(x) == 1)
                        for p in gg.players)
            got.append(tuple(theirs[i][idx] for i in range(3)))
        assert ours == sorted(got)

"""QA round s25, sequential games (findings 13-16): user functions that raise, the margin and
the bounds of the minimal intervention, information set names in behaviour profiles."""

import json
import pathlib

import govgames.games as games
from govgames.games.extensive import (ExtensiveGame, backward_induction, decision, terminal,
                                      tree_from_json)

EXAMPLES = pathlib.Path(games.__file__).parent / "examples"


# ---------------------------------------------------------------- 16: information set names
def test_behaviour_profile_quotes_information_set_names():
    g = tree_from_json(json.loads((EXAMPLES / "river_bet_tree.json").read_text()))
    text = str(backward_induction(g)[0])
    assert 'Upstream: Abate at "under the bet"; Lax at "no bet"' in text
    assert "Abate at under the bet" not in text


def test_information_set_name_with_a_quote_is_escaped():
    g = ExtensiveGame(["A"], decision("A", {
        "x": decision("A", {"u": terminal(1), "v": terminal(0)}, infoset='say "yes"'),
        "y": terminal(0)}, infoset="root"))
    assert str(backward_induction(g)[0]).startswith('A: x at "root"; u at "say \\"yes\\""')

"""govgames.games.extensive: who moves first.

Game trees with chance and information sets (:mod:`.tree`), built in Python, from JSON
``"tree"`` files (:mod:`.json_tree`) or Gambit ``.efg`` files (:mod:`.efg`); backward induction
with every subgame-perfect equilibrium under ties (:mod:`.backward`); the reduced normal form
(:mod:`.reduced`); the sequence form and Lemke's algorithm (:mod:`.sequence`); subgame
perfection with imperfect information (:mod:`.subgame`); one entry point for solving
(:mod:`.solve`); leader–follower games and minimal intervention (:mod:`.leader`); three-level
centre -> provinces -> cities hierarchies (:mod:`.multilevel`); bargaining
(:mod:`.bargaining`); a drawing of a tree (:mod:`.draw`).

Examples
--------
>>> from govgames.games.extensive import ExtensiveGame, decision, terminal, backward_induction
>>> g = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {"Out": terminal(0, 2),
...     "In": decision("Incumbent", {"Fight": terminal(-1, -1), "Accommodate": terminal(1, 1)})}))
>>> print(backward_induction(g)[0])
Entrant: In; Incumbent: Accommodate  (payoffs 1, 1)
"""

from .tree import ExtensiveGame, InfoSet, Node, Outcome, TreeNode, chance, decision, terminal
from .efg import game_to_efg, parse_efg, read_efg, write_efg
from .json_tree import tree_from_json, tree_to_json, write_tree_json
from .behaviour import (BehaviourProfile, behaviour_profile, best_response_values,
                        expected_payoffs, is_nash)
from .reduced import ReducedForm, reduced_form, reduced_normal_form, reduced_strategies
from .backward import (backward_induction, backward_induction_gen, count_subgame_perfect,
                       subgame_perfect_payoffs)
from .sequence import SequenceForm, sequence_form, sequence_form_lemke
from .subgame import is_subgame_perfect, subgame_perfect_equilibria, subgame_roots
from .solve import TREE_METHODS, tree_equilibria
from .generate import random_tree
from .bargaining import (BargainingResult, nash_bargaining, rubinstein, rubinstein_time,
                         split_surplus, surplus_bargaining)
from .draw import draw_tree, tree_layout
from .leader import (InterventionResult, StackelbergResult, minimal_intervention,
                     stackelberg_continuous, stackelberg_mixed, stackelberg_pure)
from .multilevel import ThreeLevelGame, ThreeLevelResult, three_level

__all__ = [
    "ExtensiveGame", "TreeNode", "Node", "InfoSet", "Outcome", "decision", "chance", "terminal",
    "read_efg", "parse_efg", "write_efg", "game_to_efg", "tree_from_json", "tree_to_json",
    "write_tree_json",
    "BehaviourProfile", "behaviour_profile", "expected_payoffs", "best_response_values",
    "is_nash", "ReducedForm", "reduced_form", "reduced_normal_form", "reduced_strategies",
    "backward_induction", "backward_induction_gen", "count_subgame_perfect",
    "subgame_perfect_payoffs", "SequenceForm", "sequence_form", "sequence_form_lemke",
    "is_subgame_perfect", "subgame_perfect_equilibria", "subgame_roots", "tree_equilibria",
    "TREE_METHODS", "random_tree", "StackelbergResult", "stackelberg_pure", "stackelberg_mixed",
    "stackelberg_continuous", "InterventionResult", "minimal_intervention", "BargainingResult",
    "nash_bargaining", "rubinstein", "rubinstein_time", "split_surplus", "surplus_bargaining",
    "draw_tree", "tree_layout", "ThreeLevelGame", "ThreeLevelResult", "three_level",
]

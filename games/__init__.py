"""govgames.games: normal-form and repeated games of cooperation among governments.

The model is :class:`NormalFormGame` (N named players, named strategies, one payoff array of
shape ``(n_players, a_1, ..., a_n)`` with numeric or sympy entries). Solvers are plain functions
in small modules; the most used ones are re-exported here.
"""

from .errors import FreeParametersError, InputError
from .game import NormalFormGame
from .equilibrium import Degeneracy, Equilibrium, EquilibriumList, equilibrium_sort_key

# --- solvers and tools (each module adds its public names below) ---
from .verify import (best_response, is_equilibrium, is_equilibrium_exact, profitable_deviations,
                     pure_best_responses, strategy_payoffs)
from .pure import pure_equilibrium_mask, pure_nash_equilibria
from .solve import nash_equilibria
from .dominance import (dominated_strategies, iterated_elimination, strictly_dominated_strategies,
                        weakly_dominated_strategies)
from .efficiency import (pareto_efficient_mask, pareto_efficient_profiles, price_of_anarchy,
                         price_of_stability, utilitarian_optimum, welfare)
from .io import game_from_json, game_to_json, read_game, write_game
from .twoplayer import (degeneracy_report, is_degenerate, lemke_howson, lemke_howson_all,
                        support_enumeration, support_enumeration_gen, two_player_equilibria,
                        vertex_enumeration, vertex_enumeration_gen)
from .anonymous import AnonymousEquilibrium, AnonymousGame
from .symbolic import (ParameterMap, Threshold, equilibrium_conditions, parameter_map,
                       plot_parameter_map, symbolic_report, threshold)
from .regions import condition_text, simplify_conditions
from .identification import IdentifiedSet, identified_set
from . import dilemmas, mechanisms  # noqa: E402  (submodules: from games import dilemmas, mechanisms)
from . import repeated  # noqa: E402  (submodule: repeated games, strategies, dynamics)
from .repeated import critical_discount_factor  # noqa: E402

__all__ = [
    "NormalFormGame", "Equilibrium", "Degeneracy", "equilibrium_sort_key",
    "EquilibriumList", "InputError", "FreeParametersError",
    "best_response", "is_equilibrium", "is_equilibrium_exact", "profitable_deviations",
    "pure_best_responses", "strategy_payoffs",
    "pure_equilibrium_mask", "pure_nash_equilibria", "nash_equilibria",
    "dominated_strategies", "iterated_elimination", "strictly_dominated_strategies",
    "weakly_dominated_strategies", "pareto_efficient_mask", "pareto_efficient_profiles",
    "price_of_anarchy", "price_of_stability", "utilitarian_optimum", "welfare",
    "game_from_json", "game_to_json", "read_game", "write_game",
    "support_enumeration", "vertex_enumeration", "lemke_howson", "lemke_howson_all",
    "support_enumeration_gen", "vertex_enumeration_gen",
    "is_degenerate", "degeneracy_report", "two_player_equilibria",
    "AnonymousGame", "AnonymousEquilibrium", "equilibrium_conditions", "threshold", "Threshold",
    "parameter_map", "ParameterMap", "plot_parameter_map", "symbolic_report",
    "simplify_conditions", "condition_text", "identified_set", "IdentifiedSet",
    "dilemmas", "mechanisms",
    "repeated", "critical_discount_factor",
]

"""govgames.games: normal-form and repeated games of cooperation among governments.

The model is :class:`NormalFormGame` (N named players, named strategies, one payoff array of
shape ``(n_players, a_1, ..., a_n)`` with numeric or sympy entries). Solvers are plain functions
in small modules; the most used ones are re-exported here.
"""

from .errors import FreeParametersError, InputError
from .game import NormalFormGame
from .equilibrium import Equilibrium, EquilibriumList

# --- solvers and tools (each module adds its public names below) ---
from .verify import (best_response, is_equilibrium, is_equilibrium_exact, profitable_deviations,
                     pure_best_responses, strategy_payoffs)

__all__ = [
    "NormalFormGame", "Equilibrium", "EquilibriumList", "InputError", "FreeParametersError",
    "best_response", "is_equilibrium", "is_equilibrium_exact", "profitable_deviations",
    "pure_best_responses", "strategy_payoffs",
]

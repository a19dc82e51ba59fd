"""govgames.games.repeated: repeated games, trust, strategies, tournaments and dynamics."""

from .discounting import (DiscountFactorResult, MinmaxValue, PlayerCondition,
                          critical_discount_factor, minmax_values)
from .finite import FiniteHorizonResult, backward_induction, finite_horizon_cooperation
from .strategies import (AllC, AllD, FunctionStrategy, GenerousTFT, Grim, MemoryOne, Random,
                         Strategy, TitForTat, TitForTwoTats, WinStayLoseShift, basic_strategies,
                         classifier_table)
from .play import (MatchResult, TournamentResult, play_match, round_robin_tournament,
                   stage_matrices)
from .memory_one import (memory_one_payoffs, memory_one_tournament, random_memory_one,
                         transition_matrices)

__all__ = ["critical_discount_factor", "minmax_values", "DiscountFactorResult", "MinmaxValue",
           "PlayerCondition", "FiniteHorizonResult", "backward_induction",
           "finite_horizon_cooperation", "Strategy", "MemoryOne", "AllC", "AllD", "Grim",
           "TitForTat", "TitForTwoTats", "GenerousTFT", "WinStayLoseShift", "Random",
           "FunctionStrategy", "basic_strategies", "classifier_table", "MatchResult",
           "TournamentResult", "play_match", "round_robin_tournament", "stage_matrices",
           "memory_one_payoffs", "memory_one_tournament", "random_memory_one",
           "transition_matrices"]

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
from .dynamics import (MoranReplicates, MoranResult, ReplicatorResult, fixation_probability,
                       moran_process, moran_replicates, pairwise_fixation, replicator_dynamics,
                       simulate_fixation)
from .payoff_set import PayoffSet, payoff_set, plot_payoff_set
from .trust import DEFAULT_TRUST_STAGES, TrustStage, TrustStagesResult, trust_stages
from .stability import tit_for_tat_threshold

__all__ = ["critical_discount_factor", "minmax_values", "DiscountFactorResult", "MinmaxValue",
           "PlayerCondition", "FiniteHorizonResult", "backward_induction",
           "finite_horizon_cooperation", "Strategy", "MemoryOne", "AllC", "AllD", "Grim",
           "TitForTat", "TitForTwoTats", "GenerousTFT", "WinStayLoseShift", "Random",
           "FunctionStrategy", "basic_strategies", "classifier_table", "MatchResult",
           "TournamentResult", "play_match", "round_robin_tournament", "stage_matrices",
           "memory_one_payoffs", "memory_one_tournament", "random_memory_one",
           "transition_matrices", "replicator_dynamics", "ReplicatorResult",
           "fixation_probability", "simulate_fixation", "pairwise_fixation", "moran_process",
           "MoranResult", "moran_replicates", "MoranReplicates", "PayoffSet", "payoff_set",
           "plot_payoff_set", "TrustStage", "DEFAULT_TRUST_STAGES", "TrustStagesResult",
           "trust_stages", "tit_for_tat_threshold"]

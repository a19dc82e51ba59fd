"""govgames.networks: cooperative games on networks of governments, benefit sharing, clubs.

Algorithms are plain functions over a :class:`CoalitionalGame` or a networkx graph, returning
plain data (dicts keyed by player name), as in networkx.
"""

from govgames.games.errors import InputError

# --- models, values, stability, clubs (each module adds its public names below) ---
from .coalitional import CoalitionalGame
from .allocation import Allocation
from .values import (Dividends, SampledValue, banzhaf_value, harsanyi_dividends,
                     linkage_shapley_value, myerson_value, nash_bargaining_split, owen_value,
                     proportional_split, shapley_value)
from .builders import graph_restricted, linkage_game, network_public_good_game, spillover_game
from .voting import banzhaf_index, shapley_shubik_index
from .stability import (CoreCheck, LeastCore, Nucleolus, core_is_nonempty, excesses, in_core,
                        is_convex, is_efficient, is_individually_rational, is_superadditive,
                        least_core, nucleolus)
from .io import GameSpec, game_to_json, parse_game, read_game
from .plots import draw_shares
from .entry import Condition, EntryRule, all_of, any_of, gravity_linkage
from .clubs import Club, ClubCoreCheck, ClubShares, plot_threshold_sweep
from .names import NameIndex
from .agreements import (IEAModel, binary_abatement, externally_stable, internally_stable,
                         linear_benefit_quadratic_cost, quadratic_benefit_quadratic_cost,
                         stability_table, stable_coalition_sizes)
from .formation import (ConnectionsModel, ImprovingPath, PairwiseStability, connections_payoff,
                        efficient_networks, improving_path, is_efficient_network,
                        pairwise_stable, total_payoff)

__all__ = ["InputError"]
__all__ += ["CoalitionalGame", "Allocation", "Dividends", "SampledValue", "banzhaf_value",
            "harsanyi_dividends",
            "linkage_shapley_value", "myerson_value", "nash_bargaining_split", "owen_value",
            "proportional_split", "shapley_value", "graph_restricted", "linkage_game",
            "network_public_good_game", "spillover_game", "banzhaf_index",
            "shapley_shubik_index", "CoreCheck", "LeastCore", "Nucleolus",
            "core_is_nonempty", "excesses", "in_core",
            "is_convex", "is_efficient", "is_individually_rational", "is_superadditive",
            "least_core", "nucleolus", "GameSpec", "game_to_json", "parse_game", "read_game",
            "draw_shares"]
__all__ += ["Condition", "EntryRule", "all_of", "any_of", "gravity_linkage", "Club",
            "ClubCoreCheck", "ClubShares", "plot_threshold_sweep", "NameIndex", "IEAModel",
            "binary_abatement", "externally_stable", "internally_stable",
            "linear_benefit_quadratic_cost", "quadratic_benefit_quadratic_cost",
            "stability_table", "stable_coalition_sizes", "ConnectionsModel", "ImprovingPath",
            "PairwiseStability", "connections_payoff", "efficient_networks", "improving_path",
            "is_efficient_network", "pairwise_stable", "total_payoff"]

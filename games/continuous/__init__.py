"""Games with continuous choices: quantities, prices, efforts, contributions, abatement levels.

:class:`ContinuousGame` holds N players who choose real numbers in intervals (or vectors in
boxes) with payoffs given as sympy expressions (numeric or symbolic parameters) or as one
vectorised Python function. Solvers:

* :func:`nash_equilibria` and :func:`symmetric_equilibria`: pure equilibria from the
  first-order (Kuhn-Tucker) conditions, exact where sympy can, numerical otherwise, every one
  certified by :func:`is_equilibrium` (grid search of each player's deviations, local
  refinement, second-order test, residual);
* :func:`best_response`: a player's best response (formula or number);
* :func:`comparative_statics`, :func:`social_optimum`: implicit differentiation of a symmetric
  equilibrium, and the symmetric welfare optimum with the efficiency gap;
* :func:`collusion_threshold`: the critical discount factor of grim-trigger collusion;
* constructors of the textbook models (:func:`cournot`, :func:`bertrand`,
  :func:`tullock_contest`, :func:`lazear_rosen_tournament`, :func:`promotion_tournament`,
  :func:`public_good_contributions`, :func:`abatement`).
"""

from .certify import is_equilibrium
from .equilibria import METHODS, nash_equilibria, symmetric_equilibria
from .game import MAX_EXPLICIT_PLAYERS, ContinuousGame
from .models import (
    abatement,
    bertrand,
    cournot,
    lazear_rosen_tournament,
    promotion_tournament,
    public_good_contributions,
    tax_competition,
    tullock_contest,
)
from .results import ContinuousEquilibrium, ContinuousEquilibriumList, DeviationCheck, PlayerCheck

__all__ = [
    "ContinuousGame", "MAX_EXPLICIT_PLAYERS",
    "ContinuousEquilibrium", "ContinuousEquilibriumList", "DeviationCheck", "PlayerCheck",
    "is_equilibrium", "nash_equilibria", "symmetric_equilibria", "METHODS",
    "cournot", "bertrand", "tullock_contest", "lazear_rosen_tournament", "promotion_tournament",
    "public_good_contributions", "abatement", "tax_competition",
]
from .analysis import (
    CollusionThreshold,
    EquilibriumMap,
    SocialOptimum,
    best_response,
    collusion_threshold,
    comparative_statics,
    equilibrium_map,
    social_optimum,
)

__all__ += ["CollusionThreshold", "SocialOptimum", "best_response", "collusion_threshold",
            "comparative_statics", "social_optimum", "equilibrium_map", "EquilibriumMap"]
from .allpay import AllPayEquilibrium, all_pay_auction
from .io import continuous_from_json, read_continuous_json
from .plotting import best_response_curves, plot_best_responses

__all__ += ["all_pay_auction", "AllPayEquilibrium",
            "best_response_curves", "plot_best_responses", "continuous_from_json",
            "read_continuous_json"]

"""Trust between governments as a repeated game: the three stages of Cui et al.

Cui et al. (holistic collaborative governance of metropolitan areas) describes
trust growing in three stages: *cautious probing* (talks and promises, small stakes, an
uncertain future), *contract* (signed agreements with remedies for breach) and *goodwill*
(trust beyond the contract's terms, backed by reputation). “Collaborative governance” adds
that past failure lowers trust, and Zhang, Li & Bian (2012) and Cui et al. name the levers:
fines, cut cooperation funds, expulsion from the organisation, and reputation as a bond.

Each stage here is a prisoner's dilemma whose payoffs are scaled by the **stakes** of the
cooperation, played with a **continuation probability** (the expected length of the
relationship) and, from the contract stage on, with **levers** of fixed size: a fine for breach,
a reputation loss per period after a defection, expulsion to an outside option. The helper
reports, per stage, the least time discount factor δ that sustains cooperation by grim trigger
(:func:`~govgames.games.repeated.discounting.critical_discount_factor`), without levers and with
each lever, and whether a given δ suffices. Longer relationships lower δ*; fines of fixed size
matter less as the stakes grow, so later stages need reputation and expulsion.

References
----------
.. [1] Cui Jing et al., *Holistic collaborative governance of metropolitan areas*
   (trust stages, benefit sharing, supervision); “Collaborative governance” (vertical
   intervention, past failure).
.. [2] D. M. Kreps, "Corporate culture and economic theory", in *Perspectives on Positive
   Political Economy*, Cambridge UP, 1990 (reputation as a bond).
.. [3] G. J. Mailath and L. Samuelson, *Repeated Games and Reputations*, Oxford UP, 2006.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np

from ..errors import InputError
from ..game import NormalFormGame
from ._common import check_probability, default_pd, exact
from .discounting import critical_discount_factor

__all__ = ["TrustStage", "DEFAULT_TRUST_STAGES", "TrustStagesResult", "trust_stages"]


@dataclass(frozen=True)
class TrustStage:
    """One stage of a cooperative relationship.

    Attributes
    ----------
    name : str
    stakes : number
        Multiplies every payoff of the stage game (the value at stake).
    continuation : number in (0, 1]
        Probability that the relationship continues after each period.
    penalty : number
        Fine for breach paid in the period of defection (contract remedy; absolute size).
    reputation_loss : number
        Loss per period after a defection (reputation bond; absolute size).
    expulsion : number or None
        Outside-option payoff per period of a defector expelled from the organisation.
    description : str

    Examples
    --------
    >>> pilot = TrustStage("pilot project", stakes=2, continuation=0.8, penalty=1)
    >>> r = trust_stages(stages=[pilot])
    >>> round(float(r.table.loc["pilot project", "delta_penalty"]), 4)  # (9 - 6)/(9 - 2) / 0.8
    0.5357
    """

    name: str
    stakes: object = 1
    continuation: object = 1
    penalty: object = 0
    reputation_loss: object = 0
    expulsion: object = None
    description: str = ""


#: The three stages of Cui et al. with illustrative stakes, horizons and levers.
DEFAULT_TRUST_STAGES = (
    TrustStage("cautious probing", stakes=1, continuation=Fraction(7, 10),
               description="talks and promises on small joint projects; no contract, little "
                           "reputation at stake, an uncertain future"),
    TrustStage("contract", stakes=3, continuation=Fraction(17, 20), penalty=3,
               description="signed agreements (a capability threshold to sign) with a fine "
                           "for breach"),
    TrustStage("goodwill", stakes=6, continuation=Fraction(19, 20), penalty=3,
               reputation_loss=2, expulsion=0,
               description="trust beyond the contract: a reputation bond, and expulsion of a "
                           "defector from the cooperation organisation"),
)


class TrustStagesResult:
    """The critical discount factors of each trust stage (see :func:`trust_stages`).

    Attributes
    ----------
    stages : tuple of TrustStage
    table : pandas.DataFrame
        One row per stage: stakes, continuation, levers, ``delta_no_levers`` and the δ* with
        each lever alone and all together (``delta_all``), and ``sustainable`` at ``discount``.
    details : dict
        ``{stage name: {variant: DiscountFactorResult}}`` with the exact results.
    discount : float or None
    """

    def __init__(self, stages, table, details, discount):
        self.stages = stages
        self.table = table
        self.details = details
        self.discount = discount

    def __str__(self) -> str:
        return self.table.to_string(float_format=lambda x: f"{x:.3f}")

    def _repr_html_(self) -> str:
        return self.table.to_html(float_format=lambda x: f"{x:.3f}")

    def plot(self, ax=None):
        """Bars of δ* per stage, without levers and with all levers; the given δ as a line."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3.5))
        x = np.arange(len(self.table))
        ax.bar(x - 0.2, self.table["delta_no_levers"].clip(upper=1.05), 0.4, label="no levers")
        ax.bar(x + 0.2, self.table["delta_all"].clip(upper=1.05), 0.4,
               label="with the stage's levers")
        if self.discount is not None:
            ax.axhline(self.discount, color="k", ls="--", lw=0.8, label=f"δ = {self.discount:g}")
        ax.set_xticks(x)
        ax.set_xticklabels(self.table.index)
        ax.set_ylabel("critical discount factor δ*")
        ax.set_ylim(0, 1.1)
        ax.legend(fontsize="small")
        ax.set_title("trust stages: weight of the future needed for cooperation")
        return ax


def _f(x):
    return float("inf") if x is None else float(x)


def trust_stages(stage: NormalFormGame | None = None,
                 stages: Sequence[TrustStage] = DEFAULT_TRUST_STAGES, discount=None,
                 profile=("Cooperate", "Cooperate"),
                 punishment=("Defect", "Defect")) -> TrustStagesResult:
    """The discount factor needed for cooperation at each stage of a trust relationship.

    Parameters
    ----------
    stage : NormalFormGame, optional
        The base stage game (default: prisoner's dilemma T, R, P, S = 5, 3, 1, 0, strategies
        ``Cooperate``/``Defect``); each stage scales its payoffs by the stage's stakes.
    stages : sequence of TrustStage
        Default :data:`DEFAULT_TRUST_STAGES` (probing, contract, goodwill).
    discount : float in [0, 1), optional
        A time discount factor to test: the ``sustainable`` column says whether it suffices.
    profile, punishment : pure profiles
        The cooperative profile and the stage equilibrium reverted to after a defection.

    Returns
    -------
    TrustStagesResult

    References
    ----------
    Cui et al.; Mailath and Samuelson (2006), ch. 2.

    Examples
    --------
    >>> r = trust_stages(discount=0.6)
    >>> r.table[["delta_no_levers", "delta_all"]].round(3)
                      delta_no_levers  delta_all
    cautious probing            0.714      0.714
    contract                    0.588      0.392
    goodwill                    0.526      0.327
    >>> r.table["sustainable"].tolist()
    [False, True, True]
    """
    import pandas as pd

    base = default_pd() if stage is None else stage
    if not isinstance(base, NormalFormGame):
        raise InputError(f"stage must be a NormalFormGame, got {type(base).__name__}")
    if base.is_symbolic:
        raise InputError("trust_stages needs a numeric stage game; give the parameters values "
                         "with .subs(...) (critical_discount_factor handles symbolic payoffs)")
    if discount is not None:
        discount = check_probability(discount, "discount")
    stages = tuple(stages)
    if not stages:
        raise InputError("give at least one trust stage")
    rows, details = [], {}
    arr = base.payoff_array
    for st in stages:
        if not isinstance(st, TrustStage):
            raise InputError(f"stages must be TrustStage objects, got {st!r}")
        k = exact(st.stakes)
        if not k > 0:
            raise InputError(f"stakes of stage {st.name!r} must be positive, got {st.stakes!r}")
        if arr.dtype != object:
            scaled = base.with_payoffs(arr * float(k))
        else:
            scaled = base.with_payoffs(np.array([x * st.stakes for x in arr.ravel()],
                                                 dtype=object).reshape(arr.shape))
        variants = {
            "no_levers": {},
            "penalty": {"penalty": st.penalty},
            "reputation": {"reputation_loss": st.reputation_loss},
            "expulsion": {"expulsion": st.expulsion},
            "all": {"penalty": st.penalty, "reputation_loss": st.reputation_loss,
                    "expulsion": st.expulsion},
        }
        res = {name: critical_discount_factor(scaled, profile, punishment,
                                              continuation=st.continuation, **kw)
               for name, kw in variants.items()}
        details[st.name] = res
        row = {"stakes": float(k), "continuation": float(exact(st.continuation)),
               "penalty": float(exact(st.penalty)),
               "reputation_loss": float(exact(st.reputation_loss)),
               "expulsion": None if st.expulsion is None else float(exact(st.expulsion))}
        for name in variants:
            row[f"delta_{name}"] = _f(res[name].delta)
        if discount is not None:
            row["sustainable"] = bool(res["all"].delta is not None and discount >= res["all"].delta
                                      and res["all"].delta < 1)
        rows.append((st.name, row))
    table = pd.DataFrame([r for _, r in rows], index=[n for n, _ in rows])
    return TrustStagesResult(stages, table, details, discount)
